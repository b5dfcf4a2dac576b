"""Per-table fingerprints of a built database: prove that adding tables (or columns at the end)
leaves the other rows byte-identical (the global ``empreinte`` changes as soon as a table is
added)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def colonnes_des_tables(chemin: Path) -> dict[str, tuple[str, ...]]:
    """table → its column names, for every table of the database but ``sqlite_stat1``."""
    con = sqlite3.connect(f"file:{Path(chemin).as_posix()}?mode=ro", uri=True)
    try:
        noms = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_stat1' "
                "ORDER BY name"
            )
        ]
        return {t: tuple(r[1] for r in con.execute(f"PRAGMA table_info({t})")) for t in noms}
    finally:
        con.close()


def empreintes_par_table(chemin: Path, colonnes: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """table → SHA-256 of the rows of the given columns (rows sorted on them, ``repr`` of each
    tuple, as ``generation.empreinte`` hashes a table). The ``dictionnaire`` table is hashed on
    the rows that describe the given columns only."""
    con = sqlite3.connect(f"file:{Path(chemin).as_posix()}?mode=ro", uri=True)
    try:
        resultat = {}
        for table, cols in colonnes.items():
            liste = ", ".join(cols)
            filtre = ""
            if table == "dictionnaire":  # the rows of the given columns only (not a column
                # added at the end of an existing table, e.g. commandes.canal)
                paires = ", ".join(
                    f"('{t}', '{c}')" for t, cs in colonnes.items() if t != table for c in cs
                )
                filtre = f"WHERE (table_nom, colonne) IN (VALUES {paires})"
            h = hashlib.sha256()
            for ligne in con.execute(f"SELECT {liste} FROM {table} {filtre} ORDER BY {liste}"):
                h.update(repr(ligne).encode())
                h.update(b"\n")
            resultat[table] = h.hexdigest()
        return resultat
    finally:
        con.close()


def empreinte_table(chemin: Path, table: str, colonnes: tuple[str, ...] | None = None) -> str:
    """SHA-256 of the rows of one ``table`` (only ``colonnes`` if given, else all of them),
    hashed as :func:`empreintes_par_table` does."""
    if colonnes is None:
        colonnes = colonnes_des_tables(chemin)[table]
    return empreintes_par_table(chemin, {table: colonnes})[table]
