"""The schema of a database for the schema browser: tables, columns, French meanings, keys."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from widgets.sql._travailleur import ouvrir_lecture_moteur
from widgets.sql.erreurs import ErreurRequete, base_existante


@dataclass(frozen=True)
class ColonneInfo:
    """One column: name, SQL type, French meaning (from ``dictionnaire``), key information."""

    nom: str
    type: str
    signification: str = ""
    cle_primaire: bool = False
    obligatoire: bool = False
    reference: str | None = None  # "table.colonne" when the column is a foreign key


@dataclass(frozen=True)
class CleEtrangere:
    """``colonne`` of this table refers to ``table_cible.colonne_cible``."""

    colonne: str
    table_cible: str
    colonne_cible: str


@dataclass(frozen=True)
class TableInfo:
    """One table (or view) of the base."""

    nom: str
    genre: str  # "table" or "vue"
    colonnes: tuple[ColonneInfo, ...]
    cles_etrangeres: tuple[CleEtrangere, ...] = field(default_factory=tuple)
    nb_lignes: int | None = None

    @property
    def noms_colonnes(self) -> list[str]:
        return [c.nom for c in self.colonnes]


def _dictionnaire(cx: sqlite3.Connection) -> dict[tuple[str, str], str]:
    try:
        lignes = cx.execute("SELECT table_nom, colonne, signification FROM dictionnaire")
        return {(t.lower(), c.lower()): s or "" for t, c, s in lignes}
    except sqlite3.Error:
        return {}


def _quote(nom: str) -> str:
    return '"' + nom.replace('"', '""') + '"'


def schema(database: str | Path, *, compter: bool = True) -> list[TableInfo]:
    """Tables and views of ``database`` (internal ``sqlite_*`` tables left out), in name order,
    with their columns, types, French meaning (table ``dictionnaire`` if present), foreign keys
    and, if ``compter``, their number of rows. Opens the file read-only."""
    chemin = base_existante(database)
    try:
        with closing(ouvrir_lecture_moteur(chemin)) as cx:
            objets = cx.execute(
                "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            ).fetchall()
            sens = _dictionnaire(cx)
            tables = []
            for nom, genre in objets:
                cles = [
                    CleEtrangere(r[3], r[2], r[4] or "")
                    for r in cx.execute(f"PRAGMA foreign_key_list({_quote(nom)})")
                ]
                refs = {c.colonne: f"{c.table_cible}.{c.colonne_cible}" for c in cles}
                colonnes = tuple(
                    ColonneInfo(
                        nom=r[1],
                        type=r[2] or "",
                        signification=sens.get((nom.lower(), r[1].lower()), ""),
                        cle_primaire=bool(r[5]),
                        obligatoire=bool(r[3]),
                        reference=refs.get(r[1]),
                    )
                    for r in cx.execute(f"PRAGMA table_info({_quote(nom)})")
                )
                nb = None
                if compter and genre == "table":
                    nb = cx.execute(f"SELECT count(*) FROM {_quote(nom)}").fetchone()[0]
                tables.append(
                    TableInfo(
                        nom, "table" if genre == "table" else "vue", colonnes, tuple(cles), nb
                    )
                )
            return tables
    except sqlite3.Error as e:
        raise ErreurRequete(
            f"Impossible de lire la base « {chemin.name} » : ce n'est pas une base SQLite valide ?",
            "base_introuvable",
            detail=str(e),
        ) from e


_CACHE: dict[tuple[str, int, int], list[TableInfo]] = {}


def tables_du_schema(database: str | Path) -> list[TableInfo]:
    """:func:`schema` without row counts, cached by file size and modification time;
    ``[]`` if the file cannot be read (used to explain errors, never raises)."""
    p = Path(database)
    try:
        st = p.stat()
    except OSError:
        return []
    cle = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    if cle not in _CACHE:
        try:
            tables = schema(p, compter=False)
        except ErreurRequete:
            return []
        _CACHE.clear()
        _CACHE[cle] = tables
    return _CACHE[cle]


def noms_du_schema(database: str | Path) -> dict[str, list[str]]:
    """{table: [colonnes]}, {} if unreadable."""
    return {t.nom: t.noms_colonnes for t in tables_du_schema(database)}


def cles_primaires(database: str | Path) -> dict[str, str]:
    """{table: its one-column primary key} (lower case), for the GROUP BY check."""
    resultat = {}
    for t in tables_du_schema(database):
        cles = [c.nom.lower() for c in t.colonnes if c.cle_primaire]
        if len(cles) == 1:
            resultat[t.nom.lower()] = cles[0]
    return resultat
