"""Each student's sandbox: a private, writable copy of the reference base, resettable at once.

The copy is made with SQLite's backup API from a READ-ONLY connection to the reference (the
reference is never opened writable). It lives in the student's data folder
(:func:`widgets.donnees.chemins.dossier_utilisateur`), ``bac_a_sable/<nom>-<empreinte>.db``
(``widgets.donnees.identite.nom_fichier_eleve``), ``bac_a_sable/moi.db`` for the user alone.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from contextlib import closing
from pathlib import Path

from widgets.connexions import ouvrir_ecriture
from widgets.donnees.chemins import base_reference, dossier_utilisateur
from widgets.donnees.identite import chemin_eleve
from widgets.sql._travailleur import ouvrir_lecture_moteur
from widgets.sql.erreurs import ErreurRequete, base_existante


def _ancien_nom_fichier(etudiant: str) -> str:
    """The file name of the releases before ``identite.nom_fichier_eleve`` (renamed on use;
    it mapped every non-Latin name to ``moi.db``, which is therefore never taken over)."""
    ascii_ = unicodedata.normalize("NFKD", etudiant).encode("ascii", "ignore").decode()
    nom = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_.strip()).strip("_")[:60]
    return f"{nom}.db" if nom else ""


def chemin_bac_a_sable(etudiant: str | None = None) -> Path:
    """Where the sandbox of ``etudiant`` (or of the current user: ``moi.db``) lives (may not
    exist yet): ``bac_a_sable/<identite.nom_fichier_eleve>.db``, one per student."""
    dossier = dossier_utilisateur() / "bac_a_sable"
    if not etudiant:
        return dossier / "moi.db"
    ancien = _ancien_nom_fichier(etudiant)
    return chemin_eleve(dossier, etudiant, ".db", anciens=[ancien] if ancien else [])


def _copier(reference: Path, cible: Path) -> None:
    base_existante(reference, "La base de référence")
    if cible.exists() and reference.resolve() == cible.resolve():
        raise ErreurRequete("Le bac à sable ne peut pas être la base de référence.", "interdit")
    cible.parent.mkdir(parents=True, exist_ok=True)
    try:
        with (
            closing(ouvrir_lecture_moteur(reference)) as source,
            closing(ouvrir_ecriture(cible)) as copie,
        ):
            source.backup(copie)
    except sqlite3.DatabaseError:
        # a damaged sandbox file: start from an empty file
        cible.unlink(missing_ok=True)
        with (
            closing(ouvrir_lecture_moteur(reference)) as source,
            closing(ouvrir_ecriture(cible)) as copie,
        ):
            source.backup(copie)


def bac_a_sable(etudiant: str | None = None, *, reference: str | Path | None = None) -> Path:
    """Path of the student's sandbox, created from the reference base if it does not exist.

    Use it with ``executer_requete(sql, bac_a_sable(), ecriture=True)``.
    """
    cible = chemin_bac_a_sable(etudiant)
    if not cible.is_file() or cible.stat().st_size == 0:
        _copier(Path(reference) if reference else base_reference(), cible)
    return cible


def reinitialiser_bac_a_sable(
    etudiant: str | None = None, *, reference: str | Path | None = None
) -> Path:
    """Put the sandbox back to the reference state (every change is lost)."""
    cible = chemin_bac_a_sable(etudiant)
    _copier(Path(reference) if reference else base_reference(), cible)
    return cible


class BacASable:
    """The sandbox of one student, as an object: ``.chemin``, ``.executer(sql)``,
    ``.reinitialiser()``."""

    def __init__(self, etudiant: str | None = None, *, reference: str | Path | None = None):
        self.etudiant = etudiant
        self.reference = Path(reference) if reference else None

    @property
    def chemin(self) -> Path:
        return bac_a_sable(self.etudiant, reference=self.reference)

    def executer(self, sql: str, **options):
        """Run ``sql`` on the sandbox (INSERT, UPDATE, DELETE allowed); see ``executer_requete``."""
        from widgets.sql.moteur import executer_requete

        return executer_requete(sql, self.chemin, ecriture=True, **options)

    def reinitialiser(self) -> Path:
        return reinitialiser_bac_a_sable(self.etudiant, reference=self.reference)
