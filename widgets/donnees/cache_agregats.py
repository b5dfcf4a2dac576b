"""Persistent second level of the aggregate memo of :mod:`widgets.donnees.portefeuille_vectorise`:
the per-client frames saved in a small SQLite file of the student's data folder.

Why: the in-process memo (``_en_memoire``) dies with the kernel, and every Voilà kernel or
JupyterLab session paid the scan of a 100 000-client base again (2–4 s for the customer P&L or
the risk). A frame read back from this file costs tens of milliseconds.

- Where: ``cache/agregats.sqlite`` in :func:`~widgets.donnees.chemins.dossier_utilisateur`
  (``ATELIER_DONNEES`` overrides it: the tests point it at a temporary folder). Never next to
  the reference base, which is read-only and shared by a room; never in the project.
- What: SQLite, one row per column of a frame — int64/float64/bool as raw little-endian
  bytes (numpy), nullable ``Int64`` as values + mask, text as a JSON list. No pickle: reading
  a cache folder never executes code, whoever wrote into it.
- Key: the memo's key (resolved path, size, mtime_ns of the base, query name, parameters) and
  a fingerprint of the source of the modules that build the frames, hashed (sha256): a rebuilt
  base or a changed query is simply another key, the old one ages out.
- Writes: one ``BEGIN IMMEDIATE`` transaction (all or nothing); concurrent kernels of a class
  wait for each other through the busy timeout of :mod:`widgets.connexions`; beyond it the
  cache is skipped (the base is read), never an error.
- Built with the base: ``atelier construire-base`` (and ``make db``) calls
  :func:`construire_cache_de_base`, which writes the customer P&L and risk frames of the
  default parameters into ``<base>.agregats.sqlite`` beside the base (key without the base's
  path: size, mtime, query, parameters). Kernels only read that file (read-only connection),
  after their own cache: the first P&L or risk of a class no longer scans the base.
- Computed once: when several kernels miss the same analysis at once (35 students opening an
  app on a fresh base), :func:`lire_ou_calculer` lets one compute it while the others wait on
  a SQLite lock (``BEGIN IMMEDIATE`` on ``cache/verrou-<analysis>.sqlite``, released by the OS
  if the kernel dies) and then read the frame it wrote.
- Any trouble (corrupt or locked file, read-only folder, full disk) is silent: the frame is
  computed from the base as without a cache, and a corrupt file is deleted and rebuilt. A
  student never sees an error from here.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from widgets.connexions import ouvrir_ecriture, ouvrir_lecture
from widgets.donnees.chemins import dossier_utilisateur

__all__ = [
    "ATTENTE_CALCUL_S",
    "CACHE_CLES",
    "chemin_cache",
    "chemin_cache_de_base",
    "construire_cache_de_base",
    "ecrire",
    "effacer_cache",
    "lire",
    "lire_ou_calculer",
]

CACHE_CLES = 12
"""Frames kept on disk (the most recently used). Why a bound: a 100 000-client frame weighs
5–10 MB, and each rebuilt base (``make reset-db``) or new period makes a new key; unbounded,
the folder of a student would grow forever. Twelve covers the default analyses (P&L, risk,
ABC, RFM, statistics) of a base and a few periods or filters. Measured on 100 000 clients:
P&L 9.8 MB, risk 4.2 MB, CA per client 1.4 MB, RFM 2.9 MB; 120 MB in the worst case."""

FORMAT = 1
"""Bumped when the layout of the file changes."""

ATTENTE_CALCUL_S = 120.0
"""How long a kernel waits for another one computing the same analysis before computing it
itself. One P&L of 100 000 clients takes about 4 s alone; 35 kernels starting together on two
cores make the one computing it slower, never two minutes."""

_DESTINATION: contextvars.ContextVar[tuple[Path, Path] | None] = contextvars.ContextVar(
    "destination_agregats", default=None
)
"""While :func:`construire_cache_de_base` runs: (resolved base, file to write); the user's own
cache is then neither read nor written."""

_SOURCES = ("portefeuille.py", "portefeuille_vectorise.py", "cache_agregats.py")
_empreinte_code: str | None = None


def chemin_cache() -> Path:
    """The cache file (its folder created on demand)."""
    return dossier_utilisateur() / "cache" / "agregats.sqlite"


def effacer_cache() -> None:
    """Delete the cache file (a benchmark measuring a first-ever load; a student's reset)."""
    with contextlib.suppress(OSError):
        chemin_cache().unlink(missing_ok=True)


def chemin_cache_de_base(base: Path | str) -> Path:
    """The aggregate file built with ``base``, beside it (``clients.db`` →
    ``clients.agregats.sqlite``)."""
    base = Path(base)
    return base.with_name(f"{base.stem}.agregats.sqlite")


def _code() -> str:
    """Fingerprint of the modules whose SQL and conversions build the cached frames: a new
    version of the workbench never reads frames computed by an older one."""
    global _empreinte_code
    if _empreinte_code is None:
        h = hashlib.sha256(f"format {FORMAT}".encode())
        dossier = Path(__file__).resolve().parent
        for nom in _SOURCES:
            try:
                h.update((dossier / nom).read_bytes())
            except OSError:  # pragma: no cover - installed without sources: format only
                h.update(nom.encode())
        _empreinte_code = h.hexdigest()
    return _empreinte_code


def _cle(cle: tuple) -> str:
    return hashlib.sha256(repr((_code(), cle)).encode("utf-8")).hexdigest()


def _cle_de_base(cle: tuple) -> str:
    """Key in the file beside the base: the memo's key without the base's path (``cle[0]``),
    so that a base copied with its aggregate file (mtime kept) still finds its frames."""
    return _cle(("base", *cle[1:]))


def _ouvrir(chemin: Path) -> sqlite3.Connection:
    connexion = ouvrir_ecriture(chemin, isolation_level=None)
    try:
        # pages of dropped frames are given back to the file system at each commit
        connexion.execute("PRAGMA auto_vacuum = FULL")
        connexion.execute(
            "CREATE TABLE IF NOT EXISTS agregats (cle TEXT PRIMARY KEY, nom TEXT NOT NULL, "
            "lignes INTEGER NOT NULL, colonnes TEXT NOT NULL, utilise INTEGER NOT NULL)"
        )
        connexion.execute(
            "CREATE TABLE IF NOT EXISTS colonnes (cle TEXT NOT NULL, rang INTEGER NOT NULL, "
            "donnees BLOB NOT NULL, masque BLOB, PRIMARY KEY (cle, rang))"
        )
    except sqlite3.Error:
        connexion.close()  # closed before a corrupt file is deleted (Windows keeps open files)
        raise
    return connexion


def _ouvrir_si_possible(*, creer: bool) -> tuple[Path, sqlite3.Connection] | None:
    """The cache file and a connection to it, or None (no file yet and ``creer`` false, an
    unusable folder, a corrupt file — deleted)."""
    chemin = None
    try:
        chemin = chemin_cache()
        if not creer and not chemin.is_file():
            return None
        chemin.parent.mkdir(parents=True, exist_ok=True)
        return chemin, _ouvrir(chemin)
    except (sqlite3.Error, OSError) as erreur:
        if isinstance(erreur, sqlite3.Error) and chemin is not None:
            _abandonner(chemin, erreur)
        return None


def _abandonner(chemin: Path, erreur: sqlite3.Error) -> None:
    """A corrupt file (not a lock, a read-only folder or a full disk) is deleted: the next
    write rebuilds it."""
    if isinstance(erreur, sqlite3.DatabaseError) and not isinstance(
        erreur, sqlite3.OperationalError
    ):
        with contextlib.suppress(OSError):
            chemin.unlink()


# --------------------------------------------------------------------------- columns


def _sorte(serie: pd.Series) -> str | None:
    """How a column is stored, or None when it cannot be (the frame then stays in memory)."""
    dtype = serie.dtype
    if dtype == "int64" or dtype == "float64" or dtype == "bool":
        return str(dtype)
    if isinstance(dtype, pd.Int64Dtype):
        return "Int64"
    if isinstance(dtype, pd.StringDtype) and dtype == pd.StringDtype(na_value=np.nan):
        return "str"  # pandas' default text dtype (missing: NaN), as SQLite text is read
    if pd.api.types.is_object_dtype(dtype) and all(v is None or type(v) is str for v in serie):
        return "texte"
    return None


def _encoder(serie: pd.Series, sorte: str) -> tuple[bytes, bytes | None]:
    if sorte in ("texte", "str"):
        valeurs = serie.astype(object).where(serie.notna(), None).tolist()
        return json.dumps(valeurs, ensure_ascii=False).encode("utf-8"), None
    if sorte == "Int64":
        masque = serie.isna().to_numpy()
        valeurs = serie.fillna(0).to_numpy(dtype="int64")
        return valeurs.astype("<i8").tobytes(), masque.astype("u1").tobytes()
    return serie.to_numpy().astype(np.dtype(sorte).newbyteorder("<")).tobytes(), None


def _decoder(sorte: str, donnees: bytes, masque: bytes | None, lignes: int) -> pd.Series | list:
    if sorte in ("texte", "str"):
        valeurs = json.loads(donnees.decode("utf-8"))
        if not isinstance(valeurs, list) or len(valeurs) != lignes:
            raise ValueError("colonne de texte illisible")
        return pd.Series(valeurs, dtype=object if sorte == "texte" else "str")
    brut = np.frombuffer(
        donnees, dtype="<i8" if sorte == "Int64" else np.dtype(sorte).newbyteorder("<")
    )
    if len(brut) != lignes:
        raise ValueError("colonne tronquée")
    if sorte == "Int64":
        absents = np.frombuffer(masque or b"", dtype="u1").astype(bool)
        if len(absents) != lignes:
            raise ValueError("masque tronqué")
        return pd.Series(pd.arrays.IntegerArray(brut.astype("int64"), absents))
    return pd.Series(brut.astype(sorte))  # a native, writable copy


# --------------------------------------------------------------------------- read, write


def _lire_table(connexion: sqlite3.Connection, code: str) -> pd.DataFrame | None:
    """The frame saved under ``code`` in an open file (None: absent or incomplete); a damaged
    column raises ValueError / TypeError / KeyError."""
    entete = connexion.execute(
        "SELECT lignes, colonnes FROM agregats WHERE cle = ?", (code,)
    ).fetchone()
    if entete is None:
        return None
    lignes, colonnes = int(entete[0]), json.loads(entete[1])
    morceaux = connexion.execute(
        "SELECT rang, donnees, masque FROM colonnes WHERE cle = ? ORDER BY rang", (code,)
    ).fetchall()
    if [r for r, _d, _m in morceaux] != list(range(len(colonnes))):
        return None
    return pd.DataFrame(
        {
            nom: _decoder(sorte, donnees, masque, lignes)
            for (nom, sorte), (_r, donnees, masque) in zip(colonnes, morceaux, strict=True)
        },
        index=pd.RangeIndex(lignes),
    )


def lire(cle: tuple) -> pd.DataFrame | None:
    """The frame saved under ``cle``, or None (absent, unreadable: the caller computes it).

    The user's cache first, then the file built with the base (``cle[0]`` is the base's
    resolved path)."""
    if _DESTINATION.get() is not None:
        return None  # building the base's file: compute from the base
    table = _lire_du_cache_utilisateur(cle)
    if table is None:
        table = _lire_de_la_base(cle)
    return table


def _lire_de_la_base(cle: tuple) -> pd.DataFrame | None:
    try:
        chemin = chemin_cache_de_base(cle[0])
        if not chemin.is_file():
            return None
        connexion = ouvrir_lecture(chemin)
    except (sqlite3.Error, OSError, TypeError, IndexError):
        return None
    try:
        return _lire_table(connexion, _cle_de_base(cle))
    except (sqlite3.Error, ValueError, TypeError, KeyError):
        return None  # read-only for kernels: never deleted from here
    finally:
        connexion.close()


def _lire_du_cache_utilisateur(cle: tuple) -> pd.DataFrame | None:
    ouvert = _ouvrir_si_possible(creer=False)
    if ouvert is None:
        return None
    chemin, connexion = ouvert
    code = _cle(cle)
    try:
        table = _lire_table(connexion, code)
        if table is None:
            return None
        # most recently used first to be kept (best effort: a busy file skips it at once)
        with contextlib.suppress(sqlite3.Error):
            connexion.execute("PRAGMA busy_timeout = 50")
            connexion.execute(
                "UPDATE agregats SET utilise = ? WHERE cle = ?", (time.time_ns(), code)
            )
        return table
    except sqlite3.Error as erreur:
        connexion.close()
        _abandonner(chemin, erreur)
        return None
    except (ValueError, TypeError, KeyError):  # a damaged entry: ignored, overwritten later
        return None
    finally:
        connexion.close()


def ecrire(cle: tuple, nom: str, table: pd.DataFrame) -> bool:
    """Save ``table`` under ``cle`` (one transaction), keeping the :data:`CACHE_CLES` most
    recently used frames. False when the frame cannot be stored or the file is unavailable."""
    if not isinstance(table, pd.DataFrame) or not table.index.equals(pd.RangeIndex(len(table))):
        return False
    colonnes = [(str(c), _sorte(table[c])) for c in table.columns]
    if any(sorte is None for _c, sorte in colonnes) or len(set(table.columns)) != len(colonnes):
        return False
    morceaux = [
        _encoder(table[c], sorte) for c, (_n, sorte) in zip(table.columns, colonnes, strict=True)
    ]
    destination = _DESTINATION.get()
    if destination is not None:  # building the base's file
        if Path(cle[0]) != destination[0]:
            return False
        try:
            chemin, connexion = destination[1], _ouvrir(destination[1])
        except sqlite3.Error:
            return False
        code = _cle_de_base(cle)
    else:
        ouvert = _ouvrir_si_possible(creer=True)
        if ouvert is None:
            return False
        chemin, connexion = ouvert
        code = _cle(cle)
    try:
        connexion.execute("BEGIN IMMEDIATE")
        try:
            connexion.execute("DELETE FROM colonnes WHERE cle = ?", (code,))
            connexion.executemany(
                "INSERT INTO colonnes (cle, rang, donnees, masque) VALUES (?, ?, ?, ?)",
                [(code, i, d, m) for i, (d, m) in enumerate(morceaux)],
            )
            connexion.execute(
                "INSERT OR REPLACE INTO agregats VALUES (?, ?, ?, ?, ?)",
                (code, nom, len(table), json.dumps(colonnes), time.time_ns()),
            )
            _elaguer(connexion)
            connexion.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connexion.execute("ROLLBACK")
            raise
        return True
    except sqlite3.Error as erreur:
        connexion.close()
        _abandonner(chemin, erreur)
        return False
    finally:
        connexion.close()


def _elaguer(connexion: sqlite3.Connection) -> None:
    anciens: Iterable[tuple[str]] = connexion.execute(
        "SELECT cle FROM agregats ORDER BY utilise DESC LIMIT -1 OFFSET ?", (CACHE_CLES,)
    ).fetchall()
    for (code,) in anciens:
        connexion.execute("DELETE FROM colonnes WHERE cle = ?", (code,))
        connexion.execute("DELETE FROM agregats WHERE cle = ?", (code,))


# --------------------------------------------------------------------------- computed once


def lire_ou_calculer(cle: tuple, nom: str, construire: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The frame of ``cle`` read back (user's cache, then the base's file), else ``construire()``
    computed and saved — by one kernel at a time per analysis ``nom``: the others wait for it
    (at most :data:`ATTENTE_CALCUL_S`) and read what it wrote instead of scanning the base too.
    """
    table = lire(cle)
    if table is not None:
        return table
    if _DESTINATION.get() is not None:
        table = construire()
        ecrire(cle, nom, table)
        return table
    with _verrou(nom):
        table = lire(cle)  # written by the kernel we waited for
        if table is None:
            table = construire()
            ecrire(cle, nom, table)
    return table


@contextlib.contextmanager
def _verrou(nom: str) -> Iterator[None]:
    """Hold the write lock of ``cache/verrou-<nom>.sqlite`` (a ``BEGIN IMMEDIATE`` that writes
    nothing): the OS releases it if the kernel dies. No lock at all (unusable folder, waited
    too long) is not an error: the caller computes the frame itself."""
    connexion = None
    try:
        dossier = chemin_cache().parent
        dossier.mkdir(parents=True, exist_ok=True)
        connexion = ouvrir_ecriture(dossier / f"verrou-{nom}.sqlite", isolation_level=None)
        fin = time.monotonic() + ATTENTE_CALCUL_S
        while True:
            try:
                connexion.execute("BEGIN IMMEDIATE")  # waits the busy timeout, then raises
                break
            except sqlite3.OperationalError:
                if time.monotonic() >= fin:
                    raise
    except (sqlite3.Error, OSError):
        if connexion is not None:
            connexion.close()
            connexion = None
    try:
        yield
    finally:
        if connexion is not None:
            with contextlib.suppress(sqlite3.Error):
                connexion.execute("ROLLBACK")
            connexion.close()


# --------------------------------------------------------------------------- built with the base


def construire_cache_de_base(base: Path | str) -> Path:
    """Write the customer P&L and risk frames of ``base`` (default parameters: the two
    analyses whose first load cost 3.9 s and 3.1 s per user on 100 000 clients) into
    :func:`chemin_cache_de_base`, replacing it at once (a temporary file renamed): kernels
    reading the old one keep a consistent file. Called after the base is built; the base
    must not change afterwards (its size and mtime are part of the key)."""
    from widgets.donnees import portefeuille_vectorise as vectorise  # above this module

    base = Path(base).resolve()
    cible = chemin_cache_de_base(base)
    temporaire = cible.with_name(f"{cible.name}.{os.getpid()}.tmp")
    temporaire.unlink(missing_ok=True)
    jeton = _DESTINATION.set((base, temporaire))
    try:
        vectorise.vider_memoire()
        vectorise.agregats_rentabilite(base)
        vectorise.agregats_risque(base)
    except BaseException:
        temporaire.unlink(missing_ok=True)
        raise
    finally:
        _DESTINATION.reset(jeton)
        vectorise.vider_memoire()
    os.replace(temporaire, cible)
    return cible
