"""The one low-level SQLite module, below both ``widgets.donnees`` and ``widgets.sql``.

Every SQLite connection of ``widgets/`` is opened here (a scan test forbids ``sqlite3.connect``
anywhere else):

- :func:`uri_sqlite` builds the ``file:`` URI of a path: percent-encoded (a folder named
  ``a#b c%`` opens the right file instead of creating a truncated one), a Windows share keeps
  its four slashes (:func:`uri_fichier`), ``mode=ro`` / ``rw`` / ``rwc``;
- :func:`est_wal` reads the header of a file: a read-only connection to a WAL base is opened
  ``immutable`` so that no ``-wal``/``-shm`` file appears next to the reference;
- :func:`ouvrir_lecture` is the read-only opener, :func:`ouvrir_ecriture` the ONE writable
  opener, both with the one busy timeout :data:`DELAI_ATTENTE_S`; :func:`ouvrir_en_memoire`
  opens a throw-away in-memory base;
- :func:`sans_module_principal` starts a "spawn" helper process (the SQL worker, the
  generator's writer) without re-running the caller's main script in it.

Only the standard library is imported: the SQL worker process imports this module at start.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import Any

__all__ = [
    "DELAI_ATTENTE_S",
    "est_wal",
    "ouvrir_ecriture",
    "ouvrir_en_memoire",
    "ouvrir_lecture",
    "sans_module_principal",
    "uri_fichier",
    "uri_sqlite",
]

DELAI_ATTENTE_S = 10.0
"""The busy timeout of every connection: how long a statement waits for another process's
lock (a teacher's page reading a progress file while the student writes, two kernels writing
the aggregate cache) before SQLite says "database is locked". Writers hold a lock for a
fraction of a second; ten seconds covers a loaded classroom server without hanging a page."""


def uri_fichier(p: PurePath) -> str:
    """``file:`` URI of an absolute path, percent-encoded (spaces, accents, ``#``, ``?``).

    A Windows network share ``\\\\serveur\\partage\\clients.db`` becomes
    ``file:////serveur/partage/clients.db``: SQLite refuses a URI authority (``file://serveur``).
    """
    uri = p.as_uri()
    if not uri.startswith("file:///"):
        uri = "file:////" + uri.removeprefix("file://")
    return uri


def est_wal(chemin: str | Path) -> bool:
    """True when the file's header says WAL journal mode (byte 18 = 2); False if unreadable."""
    try:
        with Path(chemin).open("rb") as f:
            entete = f.read(20)
    except OSError:
        return False
    return len(entete) == 20 and entete[18] == 2


def uri_sqlite(chemin: str | Path, *, ecriture: bool = False, creer: bool = False) -> str:
    """The URI of ``chemin`` (made absolute): ``mode=ro`` (``immutable`` for a WAL file),
    ``mode=rw`` (the file must exist) or ``mode=rwc`` (``creer``: created if missing)."""
    p = Path(chemin).resolve()
    if ecriture:
        return uri_fichier(p) + ("?mode=rwc" if creer else "?mode=rw")
    uri = uri_fichier(p) + "?mode=ro"
    if est_wal(p):
        # a read-only connection must not create -wal/-shm files next to the reference
        uri += "&immutable=1"
    return uri


def ouvrir_lecture(chemin: str | Path, **options: Any) -> sqlite3.Connection:
    """A read-only connection to an existing file (nothing is created on disk).

    ``options`` go to :func:`sqlite3.connect` (``isolation_level``, ``cached_statements``);
    the busy timeout is always :data:`DELAI_ATTENTE_S`.
    """
    return sqlite3.connect(uri_sqlite(chemin), uri=True, timeout=DELAI_ATTENTE_S, **options)


def ouvrir_ecriture(
    chemin: str | Path, *, creer: bool = True, **options: Any
) -> sqlite3.Connection:
    """The writable connection: ``creer`` false refuses a missing file instead of creating it.

    ``options`` go to :func:`sqlite3.connect` (``isolation_level=None`` for explicit
    transactions, ``cached_statements``); the busy timeout is always :data:`DELAI_ATTENTE_S`.
    """
    uri = uri_sqlite(chemin, ecriture=True, creer=creer)
    return sqlite3.connect(uri, uri=True, timeout=DELAI_ATTENTE_S, **options)


def ouvrir_en_memoire() -> sqlite3.Connection:
    """A private in-memory base (a schema to inspect, process-wide PRAGMAs)."""
    return sqlite3.connect(":memory:")


@contextmanager
def sans_module_principal() -> Iterator[None]:
    """Start a "spawn" process without re-running the caller's main script in it.

    "spawn" normally re-imports ``__main__`` in the child (a student script without an
    ``if __name__ == "__main__"`` guard would then start workers in a loop). Our helper
    processes need nothing from ``__main__``: its file and spec are hidden while the process
    is being prepared (``with sans_module_principal(): processus.start()``).
    """
    principal = sys.modules.get("__main__")
    sauve = {
        a: principal.__dict__[a]
        for a in ("__file__", "__spec__")
        if principal is not None and a in principal.__dict__
    }
    try:
        if principal is not None:
            principal.__dict__.pop("__file__", None)
            principal.__dict__["__spec__"] = None
        yield
    finally:
        if principal is not None:
            principal.__dict__.pop("__spec__", None)
            principal.__dict__.update(sauve)
