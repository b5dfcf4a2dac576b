"""The student's progress store: every attempt and hint, in one local SQLite file.

Where: ``progression.sqlite`` in ``widgets.donnees.chemins.dossier_utilisateur()`` (the
platformdirs user data folder, or ``ATELIER_DONNEES``). Works offline, no account.

Never lost:

- each attempt is ONE transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), ``synchronous=FULL``;
  a killed kernel or a closed tab in the middle of a write leaves the previous attempts intact
  (SQLite's rollback journal undoes the half-written one at the next opening);
- rollback journal (``journal_mode=DELETE``), not WAL, on purpose: after each commit the whole
  progress is in the ONE ``.sqlite`` file, so a student can hand it in (USB stick, ENT) and the
  teacher's class export (``widgets.exercices.corrige.exporter_classe``) reads it alone;
- a connection is opened per operation and closed at once (no lingering lock on Windows).

One student's rows are found whatever the spelling (``cle_identite``: case, accents, spaces and
word order folded), so progress is never split across spellings.

Student identity (:func:`identifiant_etudiant`): the name given, else the ``ATELIER_ETUDIANT``
environment variable, else the name typed
last in the same user data folder (never the OS login). Behind JupyterHub or with a class list, the
identity is locked (``widgets.donnees.classe``) and a student's progress lives in the class
folder, one file per student (``Classe.progression(identifiant)``), same guarantees.

Each attempt also records the trap recognised (column ``piege``, added to older files when they
are opened for writing; :func:`lire_progressions` gives ``None`` for files without it).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from widgets.connexions import ouvrir_ecriture
from widgets.donnees.base import ouvrir_lecture_seule
from widgets.donnees.chemins import dossier_utilisateur
from widgets.donnees.identite import cle_identite, identite_memorisee
from widgets.erreurs import ErreurAtelier

NOM_FICHIER = "progression.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tentatives (
    id INTEGER PRIMARY KEY,
    horodatage TEXT NOT NULL,
    etudiant TEXT NOT NULL,
    unite TEXT NOT NULL,
    exercice TEXT NOT NULL,
    graine INTEGER NOT NULL DEFAULT 0,
    reponse TEXT NOT NULL,
    correct INTEGER NOT NULL,
    score REAL NOT NULL,
    message TEXT NOT NULL,
    piege TEXT
);
CREATE INDEX IF NOT EXISTS tentatives_etudiant ON tentatives (etudiant, unite, exercice);
CREATE TABLE IF NOT EXISTS indices (
    id INTEGER PRIMARY KEY,
    horodatage TEXT NOT NULL,
    etudiant TEXT NOT NULL,
    unite TEXT NOT NULL,
    exercice TEXT NOT NULL,
    numero INTEGER NOT NULL
);
"""


def identifiant_etudiant(nom: str | None = None) -> str:
    """Who is working: ``nom`` if given, else ``ATELIER_ETUDIANT``, else the name the student
    typed last in this user data folder (``widgets.donnees.identite``), else ``""`` (the
    exercise asks for a name). Never the OS login (``root`` on a lab server)."""
    if nom and nom.strip():
        return nom.strip()
    env = os.environ.get("ATELIER_ETUDIANT", "").strip()
    if env:
        return env
    return identite_memorisee()


@dataclass(frozen=True)
class EtatExercice:
    """Summary of one student's work on one exercise."""

    exercice: str
    tentatives: int
    meilleur_score: float
    reussi: bool
    indices: int
    derniere: str | None


class Progression:
    """One progress file. ``Progression()`` uses the student's data folder."""

    def __init__(self, chemin: str | Path | None = None) -> None:
        self.chemin = Path(chemin) if chemin is not None else dossier_utilisateur() / NOM_FICHIER
        self.chemin.parent.mkdir(parents=True, exist_ok=True)
        with self._connexion() as cx:
            cx.executescript(_SCHEMA)
            colonnes = {r[1] for r in cx.execute("PRAGMA table_info(tentatives)")}
            if "piege" not in colonnes:  # a file written before the trap was recorded
                cx.execute("ALTER TABLE tentatives ADD COLUMN piege TEXT")

    @contextmanager
    def _connexion(self) -> Iterator[sqlite3.Connection]:
        cx = ouvrir_ecriture(self.chemin, isolation_level=None)
        _fonction_cle(cx)
        try:
            cx.execute("PRAGMA journal_mode=DELETE")
            cx.execute("PRAGMA synchronous=FULL")
            yield cx
        finally:
            cx.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside is committed together or not at all."""
        with self._connexion() as cx:
            cx.execute("BEGIN IMMEDIATE")
            try:
                yield cx
            except BaseException:
                cx.execute("ROLLBACK")
                raise
            cx.execute("COMMIT")

    def enregistrer_tentative(
        self,
        etudiant: str,
        unite: str,
        exercice: str,
        reponse: Any,
        correct: bool,
        score: float,
        message: str,
        graine: int = 0,
        piege: str | None = None,
    ) -> None:
        """Save one attempt (one transaction). ``reponse`` is stored as JSON text; ``piege``
        is the code of the wrong convention recognised (``Verdict.piege``), if any."""
        texte = json.dumps(reponse, ensure_ascii=False, default=str)
        with self.transaction() as cx:
            cx.execute(
                "INSERT INTO tentatives (horodatage, etudiant, unite, exercice, graine, reponse,"
                " correct, score, message, piege) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _maintenant(),
                    etudiant,
                    unite,
                    exercice,
                    int(graine),
                    texte,
                    int(bool(correct)),
                    float(score),
                    message,
                    piege,
                ),
            )

    def enregistrer_indice(self, etudiant: str, unite: str, exercice: str, numero: int) -> None:
        """Remember that a hint was shown (the teacher sees how much help was needed)."""
        with self.transaction() as cx:
            cx.execute(
                "INSERT INTO indices (horodatage, etudiant, unite, exercice, numero)"
                " VALUES (?, ?, ?, ?, ?)",
                (_maintenant(), etudiant, unite, exercice, int(numero)),
            )

    def tentatives(self, etudiant: str | None = None, exercice: str | None = None) -> list[dict]:
        """The attempts, oldest first, optionally for one student and/or one exercise."""
        return _lire_tentatives(self.chemin, etudiant, exercice)

    def effacer(self, etudiant: str) -> int:
        """Delete every attempt and hint of ``etudiant`` (one transaction); attempts deleted."""
        with self.transaction() as cx:
            cle = (cle_identite(etudiant),)
            n = cx.execute("DELETE FROM tentatives WHERE cle(etudiant) = ?", cle).rowcount
            cx.execute("DELETE FROM indices WHERE cle(etudiant) = ?", cle)
        return n

    def etat(self, etudiant: str, unite: str | None = None) -> dict[str, EtatExercice]:
        """Per exercise: attempts, best score, success, hints used, last attempt time."""
        with self._connexion() as cx:
            return _etats(cx, etudiant, unite)


def _fonction_cle(cx: sqlite3.Connection) -> None:
    """``cle(etudiant)`` in SQL: one student's rows are found whatever the spelling typed
    (case, accents, spaces, word order: ``widgets.donnees.identite.cle_identite``)."""
    cx.create_function("cle", 1, lambda nom: cle_identite(nom or ""), deterministic=True)


def _maintenant() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _etats(cx: sqlite3.Connection, etudiant: str, unite: str | None) -> dict[str, EtatExercice]:
    cle = cle_identite(etudiant)
    filtre, args = ("AND unite = ?", (cle, unite)) if unite else ("", (cle,))
    rangs = cx.execute(
        "SELECT exercice, COUNT(*), MAX(score), MAX(correct), MAX(horodatage) FROM tentatives"
        f" WHERE cle(etudiant) = ? {filtre} GROUP BY exercice",
        args,
    ).fetchall()
    indices = dict(
        cx.execute(
            "SELECT exercice, COUNT(DISTINCT numero) FROM indices"
            f" WHERE cle(etudiant) = ? {filtre} GROUP BY exercice",
            args,
        ).fetchall()
    )
    etats = {
        ex: EtatExercice(ex, n, float(best), bool(ok), indices.get(ex, 0), der)
        for ex, n, best, ok, der in rangs
    }
    for ex, n in indices.items():
        etats.setdefault(ex, EtatExercice(ex, 0, 0.0, False, n, None))
    return etats


def _lire_tentatives(chemin: Path, etudiant: str | None, exercice: str | None) -> list[dict]:
    conditions, args = [], []
    if etudiant is not None:
        conditions.append("cle(etudiant) = ?")
        args.append(cle_identite(etudiant))
    if exercice is not None:
        conditions.append("exercice = ?")
        args.append(exercice)
    where = (" WHERE " + " AND ".join(conditions)) if conditions else ""
    cx = ouvrir_lecture_seule(chemin, champ="Progression", nature="le fichier de progression")
    _fonction_cle(cx)
    try:
        rangs = cx.execute(f"SELECT * FROM tentatives{where} ORDER BY id", args).fetchall()
    finally:
        cx.close()
    return [dict(r) for r in rangs]


def lire_progressions(chemins: Iterable[str | Path]) -> list[dict]:
    """Every attempt of several progress files (collected from students), read-only.

    Each row carries ``fichier`` (the file's name). A file that is not a progress file raises
    ``ErreurAtelier`` with a French message naming it.
    """
    lignes = []
    for chemin in chemins:
        chemin = Path(chemin)
        try:
            rangs = _lire_tentatives(chemin, None, None)
        except sqlite3.DatabaseError as exc:
            raise ErreurAtelier(
                f"« {chemin.name} » n'est pas un fichier de progression lisible ({exc})."
            ) from exc
        for r in rangs:
            r.setdefault("piege", None)  # handed-in file of an older release
            r["fichier"] = chemin.name
        lignes.extend(rangs)
    return lignes
