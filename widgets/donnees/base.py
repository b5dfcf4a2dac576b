"""Read-only access to a SQLite database: the one place that opens the reference base.

Every read-only connection of the data layer (catalogue, targets, team, guided tour, progress
files, fingerprint of a build) goes through :func:`ouvrir_lecture_seule`, built on the one
low-level SQLite module :mod:`widgets.connexions` (also used by the SQL engine): the path is
percent-encoded, so a folder named ``a#b c%`` opens the right file instead of creating a
truncated one, a Windows share keeps its four slashes, and a WAL base is opened ``immutable``
(no ``-wal``/``-shm`` files are created next to the reference). Never call ``sqlite3.connect``
by hand: this module adds the French error of a missing base and ``sqlite3.Row`` rows.

Messages are in French (:class:`~widgets.erreurs.ErreurAtelier`, naming the field ``champ``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from widgets.connexions import ouvrir_lecture, uri_sqlite
from widgets.donnees.chemins import base_reference
from widgets.erreurs import ErreurAtelier

__all__ = [
    "CONSTRUIRE_LA_BASE",
    "ouvrir_lecture_seule",
    "requete_lecture_seule",
    "uri_lecture_seule",
]

CONSTRUIRE_LA_BASE = "construisez-la avec « atelier construire-base » (ou make db)"


def uri_lecture_seule(chemin: Path | str) -> str:
    """The ``file:…?mode=ro`` URI of ``chemin`` (absolute, percent-encoded)."""
    return uri_sqlite(chemin)


def ouvrir_lecture_seule(
    base: Path | str | None = None, *, champ: str = "Base clients", nature: str = "la base clients"
) -> sqlite3.Connection:
    """A read-only connection (rows as :class:`sqlite3.Row`); default: the reference base.

    A missing file raises :class:`ErreurAtelier` (nothing is created on disk); the message tells
    how to build the clients base unless ``nature`` names another file (a progress file…).
    """
    chemin = Path(base) if base is not None else base_reference()
    if not chemin.is_file():
        conseil = f" : {CONSTRUIRE_LA_BASE}" if nature == "la base clients" else ""
        raise ErreurAtelier(f"{nature} « {chemin.name} » est introuvable{conseil}.", champ=champ)
    try:
        connexion = ouvrir_lecture(chemin)
    except sqlite3.Error as err:  # pragma: no cover - unreadable disk
        raise ErreurAtelier(f"impossible d'ouvrir la base ({err}).", champ=champ) from err
    connexion.row_factory = sqlite3.Row
    return connexion


def requete_lecture_seule(
    base: Path | str | None,
    sql: str,
    parametres: Sequence[Any] | Mapping[str, Any] = (),
    *,
    champ: str = "Base clients",
) -> list[sqlite3.Row]:
    """Every row of ``sql`` on the base opened read-only (connection closed afterwards).

    A missing table or column raises :class:`ErreurAtelier` in French naming ``champ``.
    """
    connexion = ouvrir_lecture_seule(base, champ=champ)
    try:
        return connexion.execute(sql, parametres).fetchall()
    except sqlite3.Error as err:
        raise ErreurAtelier(
            f"la base ne contient pas les données attendues ({err}).", champ=champ
        ) from err
    finally:
        connexion.close()
