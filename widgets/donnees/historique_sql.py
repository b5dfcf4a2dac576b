"""Historique des requêtes SQL d'un étudiant (données : un petit fichier SQLite personnel).

Chaque requête exécutée dans le requêteur (réussie ou non) est notée avec la base visée, le
nombre de lignes obtenues, la durée et, le cas échéant, le message d'erreur. Le fichier vit dans
le dossier personnel de l'étudiant (:func:`widgets.donnees.chemins.dossier_utilisateur`) :
``historique_sql.db`` (ou ``historique_sql_<nom>-<empreinte>.db`` par étudiant quand plusieurs
partagent un même compte, ``widgets.donnees.identite.nom_fichier_eleve``). Chaque ajout est une
transaction : un noyau tué ne perd que la requête en cours.

Les requêtes identiques consécutives ne sont notées qu'une fois ; seules les
:data:`TAILLE_MAXIMALE` dernières sont gardées.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from widgets.connexions import ouvrir_ecriture
from widgets.donnees.chemins import dossier_utilisateur
from widgets.donnees.identite import chemin_eleve

TAILLE_MAXIMALE = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS historique (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    horodatage TEXT NOT NULL,
    base TEXT NOT NULL,
    sql TEXT NOT NULL,
    nb_lignes INTEGER,
    duree_s REAL,
    erreur TEXT
)
"""


@dataclass(frozen=True)
class EntreeHistorique:
    """Une requête de l'historique (``erreur`` est ``None`` si elle a réussi)."""

    id: int
    horodatage: str
    base: str
    sql: str
    nb_lignes: int | None
    duree_s: float | None
    erreur: str | None

    @property
    def reussie(self) -> bool:
        """Vrai si la requête a donné un résultat."""
        return self.erreur is None

    def libelle(self, longueur: int = 70) -> str:
        """Résumé d'une ligne, pour une liste déroulante : ``12:04 — SELECT … (42 lignes)``."""
        texte = " ".join(self.sql.split())
        if len(texte) > longueur:
            texte = texte[: longueur - 1] + "…"
        heure = self.horodatage[11:16] if len(self.horodatage) >= 16 else self.horodatage
        if self.erreur is not None:
            fin = "erreur"
        elif self.nb_lignes is not None:
            fin = f"{self.nb_lignes} ligne{'s' if self.nb_lignes > 1 else ''}"
        else:
            fin = "ok"
        return f"{heure} — {texte} ({fin})"


def _ancien_nom_fichier(etudiant: str) -> str:
    """The file name of the releases before ``identite.nom_fichier_eleve`` (renamed on use)."""
    propre = re.sub(r"[^A-Za-z0-9_-]+", "_", etudiant).strip("_") or "etudiant"
    return f"historique_sql_{propre}.db"


def chemin_historique(etudiant: str | None = None) -> Path:
    """``historique_sql.db`` (one user), else ``historique_sql_<identite.nom_fichier_eleve>``:
    one file per student, never shared between two spellings of different students."""
    if not etudiant:
        return dossier_utilisateur() / "historique_sql.db"
    return chemin_eleve(
        dossier_utilisateur(),
        etudiant,
        ".db",
        prefixe="historique_sql_",
        anciens=[_ancien_nom_fichier(etudiant)],
    )


class HistoriqueSQL:
    """L'historique des requêtes d'un étudiant.

    >>> h = HistoriqueSQL()                       # doctest: +SKIP
    >>> h.ajouter("SELECT * FROM clients", base="clients.db", nb_lignes=300, duree_s=0.01)
    >>> [e.sql for e in h.dernieres(5)]           # la plus récente d'abord
    """

    def __init__(self, chemin: str | Path | None = None, *, etudiant: str | None = None) -> None:
        self.chemin = Path(chemin) if chemin else chemin_historique(etudiant)
        self.chemin.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connexion()) as conn, conn:
            conn.execute(_SCHEMA)

    def _connexion(self) -> sqlite3.Connection:
        return ouvrir_ecriture(self.chemin)

    def ajouter(
        self,
        sql: str,
        *,
        base: str | Path = "",
        nb_lignes: int | None = None,
        duree_s: float | None = None,
        erreur: str | None = None,
    ) -> EntreeHistorique | None:
        """Note une requête ; renvoie l'entrée créée (``None`` si vide ou répétition immédiate)."""
        sql = sql.strip()
        if not sql:
            return None
        base = str(base)
        horodatage = datetime.now().isoformat(timespec="seconds")
        with closing(self._connexion()) as conn, conn:
            derniere = conn.execute(
                "SELECT sql, base FROM historique ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if derniere == (sql, base):
                conn.execute(
                    "UPDATE historique SET horodatage = ?, nb_lignes = ?, duree_s = ?, erreur = ?"
                    " WHERE id = (SELECT MAX(id) FROM historique)",
                    (horodatage, nb_lignes, duree_s, erreur),
                )
                return None
            cur = conn.execute(
                "INSERT INTO historique (horodatage, base, sql, nb_lignes, duree_s, erreur)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (horodatage, base, sql, nb_lignes, duree_s, erreur),
            )
            conn.execute(
                "DELETE FROM historique WHERE id <= (SELECT MAX(id) FROM historique) - ?",
                (TAILLE_MAXIMALE,),
            )
            return EntreeHistorique(
                int(cur.lastrowid or 0), horodatage, base, sql, nb_lignes, duree_s, erreur
            )

    def dernieres(self, n: int = 20, *, base: str | Path | None = None) -> list[EntreeHistorique]:
        """Les ``n`` dernières requêtes, la plus récente d'abord (de ``base`` si donné)."""
        requete = "SELECT id, horodatage, base, sql, nb_lignes, duree_s, erreur FROM historique"
        params: tuple = ()
        if base is not None:
            requete += " WHERE base = ?"
            params = (str(base),)
        requete += " ORDER BY id DESC LIMIT ?"
        with closing(self._connexion()) as conn:
            lignes = conn.execute(requete, (*params, int(n))).fetchall()
        return [EntreeHistorique(*ligne) for ligne in lignes]

    def __len__(self) -> int:
        with closing(self._connexion()) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM historique").fetchone()[0])

    def effacer(self) -> None:
        """Vide l'historique."""
        with closing(self._connexion()) as conn, conn:
            conn.execute("DELETE FROM historique")
