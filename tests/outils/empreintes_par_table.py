"""Per-table fingerprints of a generated base, to prove that adding tables leaves the rows of
the existing ones untouched (a column added at the end can be left out)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def empreinte_table(chemin: Path, table: str, colonnes: tuple[str, ...] | None = None) -> str:
    """SHA-256 of the rows of ``table`` (only ``colonnes`` if given), sorted on every column."""
    con = sqlite3.connect(f"file:{Path(chemin).as_posix()}?mode=ro", uri=True)
    try:
        if colonnes is None:
            colonnes = tuple(r[1] for r in con.execute(f"PRAGMA table_info({table})"))
        liste = ", ".join(colonnes)
        h = hashlib.sha256()
        for ligne in con.execute(f"SELECT {liste} FROM {table} ORDER BY {liste}"):
            h.update(repr(ligne).encode())
            h.update(b"\n")
    finally:
        con.close()
    return h.hexdigest()
