"""Where the generated rows go: SQLite inserts, in this process or in a helper process.

About 40 % of a large build is SQLite work (binding values, writing pages). The generator itself
must run in one process, because every figure comes from one seeded random stream in a fixed
order. So for a large build the rows go to a second process that inserts (and indexes) them
while the generator draws the next month: on the 2 cores of a lab PC or of CI, the two overlap.
Batches travel as ``marshal`` bytes (plain tuples of numbers and text: 3× cheaper than pickle).
Small builds (the tests' 300 clients, the class's 2 000) insert in-process: starting a process
costs more than it saves there.

Large builds draw their orders in bulk (``vectorise.py``) and send them as *columns*
(:meth:`Ecriture.inserer_colonnes`: numpy arrays, and :class:`Libelles` for texts), pickled:
an array crosses the pipe as one buffer, and only the writer builds the rows' tuples.

``multiprocessing`` with the *spawn* start method only, so the same code runs on Windows.
"""

from __future__ import annotations

import functools
import itertools
import marshal
import multiprocessing
import pickle
import queue
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from widgets.connexions import ouvrir_ecriture, sans_module_principal
from widgets.erreurs import ErreurAtelier

SEUIL_PROCESSUS = 10_000
"""From this many clients on, rows are written by a second process."""

SEUIL_VECTORISE = 10_000
"""From this many clients on, orders and what follows them are drawn in bulk (vectorise.py)."""

SEUIL_SANS_CHECK = 10_000
"""From this many clients on, the writer process does not evaluate the CHECK constraints: the
same generating code runs with them on for the tests' bases (300 and 3 000 clients, the latter
on the vectorised path) and the class's 2 000; the 100,000-client build saves ≈ 1/4 of its
writer's CPU. NOT NULL, keys and types are unaffected; the foreign keys are checked after."""


@dataclass(frozen=True)
class Libelles:
    """A text column given as codes: row i holds ``valeurs[codes[i]]`` (dates, statuses…)."""

    codes: Any  # numpy integer array
    valeurs: Sequence[str]


def _en_liste(colonne) -> list:
    """A column (numpy array, :class:`Libelles` or list) as a list of Python values."""
    if isinstance(colonne, Libelles):
        import numpy as np  # only large builds send columns

        return np.asarray(colonne.valeurs, dtype=object)[colonne.codes].tolist()
    if hasattr(colonne, "tolist"):
        return colonne.tolist()
    return list(colonne)


class Ecriture(Protocol):
    """What the generator writes through."""

    def inserer(self, table: str, lignes: list[tuple]) -> int:
        """Insert ``lignes`` (full rows, in column order) into ``table``; return their count."""

    def inserer_colonnes(self, table: str, colonnes: list) -> None:
        """Insert rows given as columns (numpy arrays, :class:`Libelles`, lists) of equal length."""

    def executer(self, instruction: str) -> None:
        """Run one SQL statement (e.g. ``CREATE INDEX`` once a table is complete)."""

    def terminer(self) -> None:
        """Wait until every row is written and committed."""


def ouvrir_en_ecriture(chemin: Path) -> sqlite3.Connection:
    """A connection tuned for one bulk load (no journal, no fsync: the file is a temporary one
    that replaces the real base only once complete)."""
    con = ouvrir_ecriture(chemin)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA threads = 0")  # see executer_sql: one thread sorts faster here
    con.execute(f"PRAGMA cache_size = {CACHE_INSERTION}")
    return con


CACHE_INSERTION = -200_000
"""Page cache of the bulk load while inserting rows (KiB, SQLite's negative convention)."""

CACHE_TRI = -2_000
"""Page cache while ``CREATE INDEX`` sorts (SQLite's default 2 MB): see :func:`executer_sql`."""


def executer_sql(con: sqlite3.Connection, instruction: str) -> None:
    """Run ``instruction``; a ``CREATE INDEX`` runs with the small :data:`CACHE_TRI` cache.

    SQLite sorts the keys of a new index in runs as large as the page cache, then merges
    them. Runs of 2 MB fit the processor's cache; runs of 200 MB do not: the index of the
    4.9 million order lines by product (100,000 clients) took 9.9 CPU s with 200 MB and a
    helper thread (``PRAGMA threads = 2``), 3.4 s with 2 MB in one thread (micro-benchmark
    on the built base, machine under load). Inserting keeps the large cache.
    """
    if not instruction.lstrip().upper().startswith("CREATE INDEX"):
        con.execute(instruction)
        return
    con.execute(f"PRAGMA cache_size = {CACHE_TRI}")
    try:
        con.execute(instruction)
    finally:
        con.execute(f"PRAGMA cache_size = {CACHE_INSERTION}")


PARAMETRES_PAR_INSTRUCTION = 999
"""SQLite's historical cap on ``?`` parameters per statement (every build of SQLite takes it)."""


@functools.lru_cache(maxsize=128)
def _instruction(table: str, largeur: int, lignes: int = 1) -> str:
    """``INSERT INTO table VALUES (?, …), (?, …)…`` for ``lignes`` rows of ``largeur`` values."""
    rangee = f"({', '.join('?' * largeur)})"
    return f"INSERT INTO {table} VALUES {', '.join([rangee] * lignes)}"


def inserer_par_paquets(
    con: sqlite3.Connection, table: str, lignes: Iterable[Sequence], largeur: int
) -> None:
    """Insert the rows ``lignes`` (in order) with multi-row ``INSERT … VALUES (…), (…)``.

    One statement per row costs twice as much: SQLite runs a statement's set-up once per
    execution, e.g. it rebuilds the lookup table of a ``CHECK (statut IN (…))`` for every row
    (×2.7 on ``commandes``). Same rows, same order, same rowids: the data does not change.
    """
    inserer_valeurs(con, table, list(itertools.chain.from_iterable(lignes)), largeur)


def inserer_valeurs(con: sqlite3.Connection, table: str, plat: list, largeur: int) -> None:
    """Insert rows given flat, row after row (``largeur`` values each), in multi-row
    ``INSERT`` statements of at most :data:`PARAMETRES_PAR_INSTRUCTION` values."""
    par_paquet = max(1, PARAMETRES_PAR_INSTRUCTION // largeur) * largeur
    plein = len(plat) - len(plat) % par_paquet
    if plein:
        con.executemany(
            _instruction(table, largeur, par_paquet // largeur),
            (plat[i : i + par_paquet] for i in range(0, plein, par_paquet)),
        )
    if plein < len(plat):
        con.execute(_instruction(table, largeur, (len(plat) - plein) // largeur), plat[plein:])


def a_plat(colonnes: list) -> list:
    """The values of equal-length columns row after row: ``[c0[0], c1[0], …, c0[1], c1[1], …]``.

    One slice assignment per column (a C loop) instead of zipping millions of row tuples and
    chaining them: less Python work per row in the writer process (same values, same order).
    """
    listes = [_en_liste(c) for c in colonnes]
    largeur = len(listes)
    n = len(listes[0]) if listes else 0
    if any(len(x) != n for x in listes):
        raise ValueError("colonnes de longueurs différentes")
    plat: list = [None] * (n * largeur)
    for i, x in enumerate(listes):
        plat[i::largeur] = x
    return plat


class EcritureDirecte:
    """Inserts in this process, on the build's own connection."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def inserer(self, table: str, lignes: list[tuple]) -> int:
        if lignes:
            inserer_par_paquets(self.con, table, lignes, len(lignes[0]))
        return len(lignes)

    def inserer_colonnes(self, table: str, colonnes: list) -> None:
        inserer_valeurs(self.con, table, a_plat(colonnes), len(colonnes))

    def executer(self, instruction: str) -> None:
        executer_sql(self.con, instruction)

    def terminer(self) -> None:
        self.con.commit()


class EcritureParallele:
    """Sends each batch of rows to a helper process that inserts them into ``chemin``.

    The tables must already exist and the build's own connection must be committed: the
    helper opens its own connection. :meth:`terminer` waits until every row is written.
    """

    def __init__(self, chemin: Path, verifier_check: bool = True) -> None:
        """``verifier_check`` false: the writer skips the CHECK constraints
        (``PRAGMA ignore_check_constraints``): half the CPU of an insert. Only for the large
        builds, whose generating code is the one the tests' bases run with every CHECK on."""
        # The SQL engine starts its worker the same way: without re-running the caller's main
        # script in the child (a notebook, `python -`, a script without a __main__ guard).
        contexte = multiprocessing.get_context("spawn")
        self._tube, enfant = contexte.Pipe()
        self._processus = contexte.Process(
            target=_ecrire,
            args=(str(chemin), enfant, verifier_check),
            name="atelier-ecriture",
            daemon=True,
        )
        with sans_module_principal():
            self._processus.start()
        enfant.close()

    def inserer(self, table: str, lignes: list[tuple]) -> int:
        if lignes:
            self._envoyer(b"M" + marshal.dumps((table, lignes)))
        return len(lignes)

    def inserer_colonnes(self, table: str, colonnes: list) -> None:
        self._envoyer(b"P" + pickle.dumps((table, colonnes), protocol=pickle.HIGHEST_PROTOCOL))

    def executer(self, instruction: str) -> None:
        self._envoyer(b"M" + marshal.dumps((None, instruction)))

    def terminer(self) -> None:
        self._envoyer(b"")
        try:
            erreur = self._tube.recv()
        except EOFError:
            erreur = "le processus d'écriture s'est arrêté sans rien dire"
        self._processus.join()
        self._tube.close()
        if erreur:
            raise ErreurAtelier(f"écriture de la base impossible : {erreur}", champ="base")

    def _envoyer(self, donnees: bytes) -> None:
        try:
            self._tube.send_bytes(donnees)
        except (BrokenPipeError, ConnectionResetError, OSError) as exc:
            self._processus.join(timeout=5)
            raise ErreurAtelier(
                "écriture de la base impossible : le processus d'écriture s'est arrêté "
                f"(code {self._processus.exitcode}).",
                champ="base",
            ) from exc


def _recevoir(tube, file: queue.SimpleQueue) -> None:
    """Body of the writer's receiving thread: every message into ``file``, then ``b""``.

    It keeps the pipe drained while SQLite works (inserts and ``CREATE INDEX`` release the
    GIL): the generating process never waits on a full pipe, it draws the prospects, visits
    and the other tables while the writer indexes the orders (≈ 20 s at 100,000 clients)."""
    try:
        while donnees := tube.recv_bytes():
            file.put(donnees)
    except EOFError:  # parent gone: the main thread stops at the end marker
        pass
    file.put(b"")


def _ecrire(chemin: str, tube, verifier_check: bool = True) -> None:
    """Body of the helper process: insert every batch received, then commit and say so."""
    con = ouvrir_en_ecriture(Path(chemin))
    if not verifier_check:
        con.execute("PRAGMA ignore_check_constraints = ON")
    file: queue.SimpleQueue = queue.SimpleQueue()
    reception = threading.Thread(
        target=_recevoir, args=(tube, file), name="atelier-reception", daemon=True
    )
    reception.start()
    erreur = None
    recu_en_entier = False  # the end marker taken from the queue
    try:
        ecriture = EcritureDirecte(con)
        while donnees := file.get():
            if donnees[:1] == b"P":  # columns (large builds), pickled
                ecriture.inserer_colonnes(*pickle.loads(memoryview(donnees)[1:]))
                continue
            table, contenu = marshal.loads(memoryview(donnees)[1:])
            if table is None:
                ecriture.executer(contenu)
            else:
                ecriture.inserer(table, contenu)
        recu_en_entier = True
        ecriture.terminer()
    except Exception as exc:  # reported to the parent, which raises it in French
        erreur = f"{type(exc).__name__}: {exc}"
        while not recu_en_entier and file.get():  # drop the rest, up to the end marker
            pass
    finally:
        con.close()
    reception.join()
    tube.send(erreur)
    tube.close()
