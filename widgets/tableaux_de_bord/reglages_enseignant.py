"""The teacher's own settings, outside the project folder (``atelier enseignant …``).

A JSON traitlets config file (``{"ConfigTableauxDeBord": {"mot_de_passe_enseignant": …}}``)
at :func:`widgets.donnees.chemins.fichier_reglages_enseignant`: the user config folder, never
the repository, so a ``git pull`` never meets the teacher's password or class size.
:func:`widgets.tableaux_de_bord.charger_reglages` reads it after the IT's settings file; the
teacher's values win.

``atelier enseignant mot-de-passe`` asks the password twice (``getpass``: nothing echoed), or
reads one line from its standard input (scripts), and stores only its hash
(``jupyter_server.auth.passwd``, argon2).
"""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from widgets.donnees.chemins import fichier_reglages_enseignant
from widgets.erreurs import ErreurAtelier

SECTION = "ConfigTableauxDeBord"
LONGUEUR_MINIMALE = 8


def lire_reglages_enseignant(fichier: Path | None = None) -> dict:
    """The teacher's settings (``{}`` when the file does not exist yet)."""
    chemin = fichier or fichier_reglages_enseignant()
    if not chemin.is_file():
        return {}
    try:
        contenu = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ErreurAtelier(f"Réglages de l'enseignant illisibles ({chemin}) : {err}") from None
    return dict(contenu.get(SECTION, {})) if isinstance(contenu, dict) else {}


def ecrire_reglage(cle: str, valeur, fichier: Path | None = None) -> Path:
    """Set one setting of the teacher's file (the others are kept); returns the file."""
    chemin = fichier or fichier_reglages_enseignant()
    reglages = lire_reglages_enseignant(chemin)
    reglages[cle] = valeur
    chemin.parent.mkdir(parents=True, exist_ok=True)
    provisoire = chemin.with_suffix(".tmp")
    provisoire.write_text(
        json.dumps({SECTION: reglages}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    provisoire.replace(chemin)
    return chemin


def definir_mot_de_passe(mot_de_passe: str, fichier: Path | None = None) -> Path:
    """Store the hash of ``mot_de_passe`` as the teacher page's password; returns the file."""
    from jupyter_server.auth import passwd

    if len(mot_de_passe) < LONGUEUR_MINIMALE:
        raise ErreurAtelier(
            f"Mot de passe trop court : il faut au moins {LONGUEUR_MINIMALE} caractères."
        )
    return ecrire_reglage("mot_de_passe_enseignant", passwd(mot_de_passe), fichier)


def commande_mot_de_passe(
    entree: TextIO | None = None,
    demander: Callable[[str], str] = getpass.getpass,
) -> int:
    """``atelier enseignant mot-de-passe``: prompt twice (or read stdin), store the hash."""
    entree = entree or sys.stdin
    try:
        if entree.isatty():
            premier = demander("Nouveau mot de passe de la page enseignant : ")
            second = demander("Le même, une seconde fois : ")
            if premier != second:
                raise ErreurAtelier("Les deux mots de passe diffèrent : rien n'a été changé.")
        else:
            premier = entree.readline().rstrip("\r\n")
        chemin = definir_mot_de_passe(premier)
    except ErreurAtelier as err:
        print(f"Atelier NRC : {err}", file=sys.stderr)
        return 2
    print(
        f"Atelier NRC : mot de passe enregistré (chiffré) dans {chemin}.\n"
        "Relancez le serveur de tableaux de bord (make dashboards) pour qu'il le prenne en compte."
    )
    return 0


def commande_taille_classe(eleves: int) -> int:
    """``atelier enseignant taille-classe N``: the class the pools prepare for, kept outside."""
    try:
        chemin = ecrire_reglage("taille_classe", int(eleves))
    except (ErreurAtelier, OSError) as err:
        print(f"Atelier NRC : {err}", file=sys.stderr)
        return 2
    print(
        f"Atelier NRC : taille de la classe enregistrée ({eleves} élève"
        f"{'s' if eleves > 1 else ''}) dans {chemin}.\n"
        "Relancez le serveur de tableaux de bord (make dashboards) pour qu'il la prenne en compte."
    )
    return 0
