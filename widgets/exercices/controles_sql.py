"""The SQL checker: compare a student's result set with the teacher's reference query.

Both queries run through ``widgets.sql.executer_requete`` (read-only, time-limited) on the same base
(the reference database ``widgets.donnees.chemins.base_reference()`` unless the exercise names
another). Comparison, as a French corrigé would do it:

- values normalised: numbers rounded to the cent (``3`` = ``3.0`` = ``2.999``), text trimmed;
- columns matched by CONTENT, not by name or position (aliases and column order ignored);
  unmatched reference columns are "manquantes", unmatched student columns "en trop";
- rows compared as multisets on the matched columns: "3 lignes manquantes", "2 lignes en trop";
- row order checked only when the exercise says so (``ordre_compte=True``, an ORDER BY question).
"""

from __future__ import annotations

import math
import tempfile
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from widgets.calculs import accorder, arrondi_centime
from widgets.connexions import ouvrir_ecriture
from widgets.donnees.generation.schema import TABLES_PAR_NOM
from widgets.exercices.modele import Champ, Verdict

MAX_LIGNES = 5000


def _normaliser(valeur: Any) -> Any:
    if valeur is None:
        return None
    if isinstance(valeur, bool):
        return Decimal(int(valeur))
    if isinstance(valeur, (int, float, Decimal)):
        try:
            if valeur != valeur:  # NaN (pandas' missing value)
                return None
            return arrondi_centime(Decimal(str(valeur)))
        except (InvalidOperation, ValueError):
            return str(valeur)
    if hasattr(valeur, "item"):  # numpy scalars
        return _normaliser(valeur.item())
    return str(valeur).strip()


@dataclass(frozen=True)
class Resultat:
    """A result set reduced to what is compared: column names and normalised rows."""

    colonnes: tuple[str, ...]
    lignes: tuple[tuple[Any, ...], ...]
    tronque: bool = False

    def colonne(self, i: int) -> list[Any]:
        return [ligne[i] for ligne in self.lignes]


def resultat_de(sql: str, base: str | Path) -> Resultat:
    """Run ``sql`` through the safe engine and normalise its result (raises ``ErreurRequete``)."""
    from widgets.sql import executer_requete

    res = executer_requete(sql, base, lignes_max=MAX_LIGNES)
    df = res.dataframe
    lignes = tuple(tuple(_normaliser(v) for v in ligne) for ligne in df.itertuples(index=False))
    return Resultat(tuple(str(c) for c in df.columns), lignes, bool(res.truncated))


@lru_cache(maxsize=256)
def _resultat_reference(sql: str, base: str, version: int) -> Resultat:
    return resultat_de(sql, base)


def apparier_colonnes(attendu: Resultat, eleve: Resultat) -> dict[int, int]:
    """Match each reference column to a student column by content (greedy on the overlap of
    value multisets; a same name breaks ties). Returns {reference index: student index}."""
    paires = []
    for i, nom_a in enumerate(attendu.colonnes):
        ca = Counter(attendu.colonne(i))
        for j, nom_e in enumerate(eleve.colonnes):
            commun = sum((ca & Counter(eleve.colonne(j))).values())
            meme_nom = nom_a.casefold() == nom_e.casefold()
            if commun or meme_nom:
                paires.append((commun, meme_nom, -abs(i - j), i, j))
    paires.sort(reverse=True)
    appariement: dict[int, int] = {}
    pris: set[int] = set()
    for _, _, _, i, j in paires:
        if i not in appariement and j not in pris:
            appariement[i] = j
            pris.add(j)
    return appariement


def _compte(n: int, singulier: str, pluriel: str) -> str:
    """``colonne en trop`` for one, ``2 colonnes en trop`` for more (lines add the number)."""
    return accorder(n, singulier, pluriel, avec_nombre=False)


def comparer(
    attendu: Resultat,
    eleve: Resultat,
    *,
    ordre_compte: bool = False,
    cles_ordre: tuple[str, ...] = (),
) -> Verdict:
    """Compare two normalised result sets and explain the differences in French.

    With ``ordre_compte``, the student's rows must come in the reference order; ``cles_ordre``
    (reference column names, the ORDER BY keys) restricts that check to those columns, so rows
    that tie on the keys may come in any order.
    """
    app = apparier_colonnes(attendu, eleve)
    if not attendu.lignes and not eleve.lignes:  # nothing to match on: position decides
        n = min(len(attendu.colonnes), len(eleve.colonnes))
        app = {i: i for i in range(n)}
    manquantes = [attendu.colonnes[i] for i in range(len(attendu.colonnes)) if i not in app]
    en_trop = [eleve.colonnes[j] for j in range(len(eleve.colonnes)) if j not in app.values()]
    ordre = sorted(app)
    proj_a = [tuple(ligne[i] for i in ordre) for ligne in attendu.lignes]
    proj_e = [tuple(ligne[app[i]] for i in ordre) for ligne in eleve.lignes]
    ca, ce = Counter(proj_a), Counter(proj_e)
    n_manque = sum((ca - ce).values())
    n_trop = sum((ce - ca).values())
    problemes = []
    if manquantes:
        problemes.append(_compte(len(manquantes), "colonne manquante", "colonnes manquantes"))
        problemes[-1] = (f"{len(manquantes)} " if len(manquantes) > 1 else "") + problemes[-1]
        problemes[-1] += " : " + ", ".join(manquantes)
    if en_trop:
        problemes.append(_compte(len(en_trop), "colonne en trop", "colonnes en trop"))
        problemes[-1] = (f"{len(en_trop)} " if len(en_trop) > 1 else "") + problemes[-1]
        problemes[-1] += " : " + ", ".join(en_trop)
    if n_manque:
        problemes.append(accorder(n_manque, "ligne manquante", "lignes manquantes"))
    if n_trop:
        problemes.append(accorder(n_trop, "ligne en trop", "lignes en trop"))
    cles = [k for k, i in enumerate(ordre) if attendu.colonnes[i] in cles_ordre] or None
    if cles is not None:
        proj_a = [tuple(ligne[k] for k in cles) for ligne in proj_a]
        proj_e = [tuple(ligne[k] for k in cles) for ligne in proj_e]
    ordre_faux = ordre_compte and not (n_manque or n_trop) and proj_a != proj_e
    if ordre_faux:
        problemes.append("les lignes ne sont pas dans l'ordre demandé")
    details = {
        "colonnes_manquantes": manquantes,
        "colonnes_en_trop": en_trop,
        "lignes_manquantes": n_manque,
        "lignes_en_trop": n_trop,
        "ordre_faux": ordre_faux,
    }
    nb = len(attendu.lignes)
    if not problemes:
        message = f"Juste : votre requête donne le bon résultat ({accorder(nb, 'ligne')})."
        return Verdict(True, Decimal(1), message, details=(details,))
    conseils = []
    if n_manque and n_trop:
        conseils.append("Vérifiez la condition WHERE (ou la jointure).")
    elif n_manque:
        conseils.append("Votre condition est trop stricte (WHERE, HAVING ou jointure).")
    elif n_trop:
        conseils.append(
            "Votre condition laisse passer trop de lignes (WHERE, HAVING, DISTINCT, GROUP BY ?)."
        )
    if manquantes or en_trop:
        conseils.append("Ne sélectionnez que les colonnes demandées.")
    if ordre_faux:
        conseils.append("Ajoutez ou corrigez ORDER BY (ASC / DESC).")
    if eleve.tronque:
        conseils.append(f"Votre résultat a été coupé à {MAX_LIGNES} lignes.")
    partiel = not (manquantes or n_manque or n_trop)  # right rows: extra column or order only
    message = "Pas encore : " + " ; ".join(problemes) + ". " + " ".join(conseils)
    return Verdict(False, Decimal("0.5") if partiel else Decimal(0), message, details=(details,))


class _ControleSurUneBase:
    """What every SQL checker shares: the base it reads and its one answer field (the SQL)."""

    base: str | Path | None
    libelle: str
    points: Decimal

    def _base(self) -> Path:
        if self.base is not None:
            return Path(self.base)
        from widgets.donnees.chemins import base_reference

        return base_reference()

    def champs(self) -> tuple[Champ, ...]:
        return (Champ("sql", self.libelle, "sql"),)

    def bareme(self) -> tuple[tuple[str, Decimal], ...]:
        return ((self.libelle, self.points),)


@dataclass(frozen=True)
class ControleSQL(_ControleSurUneBase):
    """Check a SELECT query against the teacher's reference query.

    ``base``: the database both run on (``None``: the reference base at check time).
    ``ordre_compte``: the question asks for an ORDER BY, row order matters;
    ``cles_ordre``: the reference columns of that ORDER BY (rows tied on them may come in any
    order; empty: whole rows compared in order).
    """

    sql_reference: str
    base: str | Path | None = None
    ordre_compte: bool = False
    cles_ordre: tuple[str, ...] = ()
    libelle: str = "Requête SQL"
    points: Decimal = Decimal(2)

    def resultat_attendu(self) -> Resultat:
        """The reference query's result (an error here is the teacher's, not the student's).

        Cached per (query, base file, modification time): a rebuilt base is re-read."""
        base = self._base()
        try:
            version = base.stat().st_mtime_ns
        except OSError:
            version = 0
        return _resultat_reference(self.sql_reference, str(base), version)

    def verifier(self, reponse: Any) -> Verdict:
        from widgets.sql import ErreurRequete

        if isinstance(reponse, dict):
            reponse = reponse.get("sql", "")
        sql = str(reponse or "").strip()
        if not sql:
            return Verdict(False, Decimal(0), "Écrivez une requête SELECT.", lisible=False)
        attendu = self.resultat_attendu()
        try:
            eleve = resultat_de(sql, self._base())
        except ErreurRequete as err:
            return Verdict(False, Decimal(0), f"Votre requête ne s'exécute pas : {err}")
        return comparer(attendu, eleve, ordre_compte=self.ordre_compte, cles_ordre=self.cles_ordre)

    def reponse_attendue(self) -> str:
        return f"```\n{self.sql_reference.strip()}\n```"


def _valeur(v: Any) -> Any:
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


@dataclass(frozen=True)
class ControleModification(_ControleSurUneBase):
    """Judge an UPDATE / DELETE by the table it leaves, as one would check it by hand.

    The student's statement and the teacher's each run on their own throw-away copy of the
    ``tables`` (never on the reference base, which is only read through the safe engine), then
    the same ``sql_verification`` SELECT is compared on both copies with :func:`comparer`.

    ``tables``: (table, WHERE filter) pairs copied from the base into each throw-away copy;
    ``sql_verification``: the SELECT whose results must match after both statements.
    """

    sql_reference: str
    sql_verification: str
    tables: tuple[tuple[str, str], ...] = ()
    base: str | Path | None = None
    libelle: str = "Instruction SQL"
    points: Decimal = Decimal(2)

    def _copie(self, chemin: Path) -> Path:
        """A throw-away base holding the copied tables (columns and types, no constraints)."""
        from widgets.sql import executer_requete

        with closing(ouvrir_ecriture(chemin)) as cx, cx:
            for table, filtre in self.tables:
                colonnes = TABLES_PAR_NOM[table].colonnes
                cx.execute(
                    f"CREATE TABLE {table} ("
                    + ", ".join(f"{c.nom} {c.type}" for c in colonnes)
                    + ")"
                )
                where = f" WHERE {filtre}" if filtre else ""
                res = executer_requete(
                    f"SELECT {', '.join(c.nom for c in colonnes)} FROM {table}{where}",
                    self._base(),
                    lignes_max=20_000,
                )
                lignes = [
                    tuple(_valeur(v) for v in ligne)
                    for ligne in res.dataframe.itertuples(index=False)
                ]
                marques = ", ".join("?" * len(colonnes))
                cx.executemany(f"INSERT INTO {table} VALUES ({marques})", lignes)
        return chemin

    def verifier(self, reponse: Any) -> Verdict:
        from widgets.sql import ErreurRequete, executer_requete

        if isinstance(reponse, dict):
            reponse = reponse.get("sql", "")
        sql = str(reponse or "").strip()
        if not sql:
            return Verdict(
                False, Decimal(0), "Écrivez une instruction UPDATE ou DELETE.", lisible=False
            )
        with tempfile.TemporaryDirectory(prefix="atelier-controle-") as dossier:
            reference = self._copie(Path(dossier) / "reference.db")
            executer_requete(self.sql_reference, reference, ecriture=True)
            attendu = resultat_de(self.sql_verification, reference)
            copie = self._copie(Path(dossier) / "etudiant.db")
            try:
                res = executer_requete(sql, copie, ecriture=True)
            except ErreurRequete as err:
                return Verdict(False, Decimal(0), f"Votre instruction ne s'exécute pas : {err}")
            if res.dataframe.shape[1] > 0:
                return Verdict(
                    False,
                    Decimal(0),
                    "C'est une requête de lecture : elle ne modifie rien. Écrivez un UPDATE "
                    "(ou un DELETE) ; vérifiez d'abord avec un SELECT les lignes visées.",
                )
            obtenu = resultat_de(self.sql_verification, copie)
        verdict = comparer(attendu, obtenu)
        s = "s" if res.nb_lignes > 1 else ""
        fait = f"{res.nb_lignes} ligne{s} modifiée{s}"
        if verdict.correct:
            message = f"Juste : votre instruction ({fait}) laisse la table dans l'état attendu."
        else:
            ecart = verdict.message.removeprefix("Pas encore : ")
            message = (
                f"Pas encore : après votre instruction ({fait}), la vérification diffère du "
                f"résultat attendu — {ecart}"
            )
        return Verdict(verdict.correct, verdict.score, message, details=verdict.details)

    def reponse_attendue(self) -> str:
        return (
            f"```\n{self.sql_reference.strip()}\n```\n\nVérification :\n\n"
            f"```\n{self.sql_verification.strip()}\n```"
        )
