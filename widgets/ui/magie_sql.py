"""La magie de cellule ``%%sql`` : écrire du SQL directement dans une cellule de carnet.

::

    %load_ext widgets.ui.magie_sql

    %%sql
    SELECT type_client, COUNT(*) AS nb FROM clients GROUP BY type_client

Options (sur la ligne ``%%sql``) :

- ``--bac-a-sable`` : exécuter dans la copie personnelle de l'étudiant (INSERT, UPDATE, DELETE
  permis) au lieu de la base de référence (lecture seule) ;
- ``--base CHEMIN`` : une autre base (par exemple une base importée) ;
- ``--max N`` : nombre maximal de lignes lues (1000 par défaut) ; ``--lignes N`` : nombre de
  lignes affichées (50 par défaut) ;
- ``--resultat NOM`` : range le résultat (DataFrame pandas) dans la variable ``NOM``.

La requête passe par le moteur sûr (:func:`widgets.sql.executer_requete`). Le dernier résultat est
toujours dans la variable ``_sql``. Une erreur affiche le message français du moteur, jamais une
trace Python.
"""

from __future__ import annotations

import argparse
import html
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from widgets.donnees.chemins import base_reference
from widgets.sql import (
    ErreurRequete,
    ResultatRequete,
    bac_a_sable,
    demarrer_en_arriere_plan,
    executer_requete,
)
from widgets.ui.resultats_sql import CSS_RESULTATS, statut_resultat, tableau_resultat_html

__all__ = ["executer_cellule", "load_ipython_extension", "rendu_html"]

LIGNES_AFFICHEES = 50


def _analyseur() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="%%sql", add_help=False, exit_on_error=False)
    p.add_argument("--bac-a-sable", action="store_true", dest="bac_a_sable")
    p.add_argument("--base", default=None)
    p.add_argument("--max", type=int, default=1000, dest="max_lignes")
    p.add_argument("--lignes", type=int, default=LIGNES_AFFICHEES)
    p.add_argument("--resultat", default=None)
    return p


class OptionsInvalides(ErreurRequete):
    """Une option de la ligne ``%%sql`` n'est pas comprise."""


@dataclass(frozen=True)
class OptionsSQL:
    """The options of a ``%%sql`` line (the argparse parsing stays inside this module)."""

    bac_a_sable: bool = False
    base: str | None = None
    max_lignes: int = 1000
    lignes: int = LIGNES_AFFICHEES
    resultat: str | None = None


def lire_options(ligne: str) -> OptionsSQL:
    """Lit les options de la ligne ``%%sql`` (message français si elles sont fausses)."""
    try:
        options, reste = _analyseur().parse_known_args(shlex.split(ligne or ""))
    except (argparse.ArgumentError, ValueError) as err:
        raise OptionsInvalides(
            f"Option de %%sql incomprise ({err}). Options : --bac-a-sable, --base CHEMIN, "
            "--max N, --lignes N, --resultat NOM.",
            "options",
        ) from err
    if reste:
        raise OptionsInvalides(
            f"Option de %%sql inconnue : {' '.join(reste)}. Options : --bac-a-sable, "
            "--base CHEMIN, --max N, --lignes N, --resultat NOM.",
            "options",
        )
    return OptionsSQL(**vars(options))


def rendu_html(resultat: ResultatRequete, lignes: int = LIGNES_AFFICHEES) -> str:
    """Le résultat en HTML : statut (« 42 lignes — 0,012 s »), avertissements, tableau."""
    from widgets.ui.champs import avertissements_html

    statut = statut_resultat(resultat)
    df = resultat.dataframe
    if len(df) > lignes:
        statut += f" — {lignes} premières lignes affichées"
    return (
        CSS_RESULTATS
        + '<div class="atelier-requeteur">'
        + f'<div class="atelier-statut" style="color:#444;margin:2px 0">{html.escape(statut)}</div>'
        + avertissements_html(list(resultat.avertissements))
        + '<div class="atelier-resultat" style="overflow-x:auto;max-height:480px">'
        + tableau_resultat_html(df, 0, lignes)
        + "</div></div>"
    )


def executer_cellule(ligne: str, cellule: str) -> tuple[ResultatRequete | None, str]:
    """Exécute le SQL d'une cellule ``%%sql`` : (résultat ou None, HTML à afficher)."""
    try:
        options = lire_options(ligne)
        if options.bac_a_sable:
            base: Path = bac_a_sable(reference=options.base)
        else:
            base = Path(options.base) if options.base else base_reference()
        resultat = executer_requete(
            cellule, base, lignes_max=options.max_lignes, ecriture=bool(options.bac_a_sable)
        )
    except ErreurRequete as err:
        message = (
            '<div class="atelier-erreur" style="color:#b00020;white-space:pre-line">⚠ '
            f"{html.escape(str(err))}</div>"
        )
        return None, message
    return resultat, rendu_html(resultat, options.lignes)


def _magie_sql(ligne: str, cellule: str, ipython: Any) -> None:
    from IPython.display import HTML, display

    resultat, rendu = executer_cellule(ligne, cellule)
    if resultat is None:
        display(HTML(rendu))
        return
    ipython.user_ns["_sql"] = resultat.dataframe
    options = lire_options(ligne)
    if options.resultat:
        ipython.user_ns[options.resultat] = resultat.dataframe
    display(HTML(rendu))


def load_ipython_extension(ipython: Any) -> None:
    """Enregistre ``%%sql`` (appelé par ``%load_ext widgets.ui.magie_sql``)."""
    demarrer_en_arriere_plan()  # the first %%sql cell finds the worker ready
    ipython.register_magic_function(
        lambda ligne, cellule: _magie_sql(ligne, cellule, ipython),
        magic_kind="cell",
        magic_name="sql",
    )
