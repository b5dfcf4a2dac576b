"""The worker process that runs students' SQL (started with the "spawn" context, reused).

Only ``sqlite3``, the standard library and :mod:`widgets.connexions` (itself standard library
only) are imported here, so that the worker starts fast and
stays small. Each query gets a fresh hardened connection:

- read-only (``mode=ro`` + ``PRAGMA query_only``) on the reference base, ``mode=rw`` (never
  ``rwc``: no file is created) on a sandbox;
- zero attached databases, lowered length/complexity limits, no extension loading;
- an allow-list authorizer (see :func:`_autoriseur`): SELECT/READ/RECURSIVE, an allow-list of
  functions, and on a sandbox INSERT/UPDATE/DELETE on ordinary tables; everything else
  (PRAGMA, ATTACH, temp objects, schema changes, transactions, VACUUM...) is denied;
- a progress handler that stops the statement at the deadline, and a watchdog thread that
  calls ``Connection.interrupt()`` at the deadline (it also reaches the few single opcodes that
  loop inside SQLite, such as ``count(*)`` of a table). A single long built-in call
  (``printf('%.*c', 2000000000, 'x')``) reaches neither: the parent process then kills this
  worker (backstop) and starts a new one.

The engine's own settings (``temp_store``, heap limits, ``query_only``) are issued before the
authorizer is installed; the student can never issue a PRAGMA.
"""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from widgets.connexions import ouvrir_ecriture, ouvrir_en_memoire, ouvrir_lecture

DENY = sqlite3.SQLITE_DENY
OK = sqlite3.SQLITE_OK

LIMITES: dict[int, int] = {
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LENGTH: 1_000_000,  # biggest string/blob/row: 1 MB
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    sqlite3.SQLITE_LIMIT_COLUMN: 100,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 100,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 20,
    sqlite3.SQLITE_LIMIT_VDBE_OP: 50_000,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 20,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 200,
    sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER: 20,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 5,
    sqlite3.SQLITE_LIMIT_WORKER_THREADS: 0,
}
TAS_MAXIMAL = 256 * 1024 * 1024  # SQLite heap of the worker (process-wide)
# Bytes of text/blob sent back per query. 32 MB made the kernel grow by ~188 MB (pickles,
# DataFrame, exports) and sent 64 MB to the browser (issue 26): 4 MB is ~ 6 500 lines of a
# wide 600-character row, far more than a student reads.
TAILLE_RESULTAT_MAXIMALE = 4 * 1024 * 1024
TAILLE_BAC_A_SABLE_MAX = 512 * 1024 * 1024  # a sandbox never grows past this (or +64 MB)
CROISSANCE_BAC_A_SABLE = 64 * 1024 * 1024
PAS_PROGRESSION = 1000  # VDBE instructions between two deadline checks

FONCTIONS_PERMISES = frozenset(
    """
    abs avg count max min sum total group_concat string_agg round length octet_length lower
    upper substr substring trim ltrim rtrim replace instr coalesce ifnull nullif iif
    date time datetime julianday strftime unixepoch current_date current_time
    current_timestamp printf format typeof like glob hex quote char unicode likely unlikely
    likelihood random sign ceil ceiling floor trunc ln log log10 log2 exp pow power sqrt mod
    pi row_number rank dense_rank ntile lag lead first_value last_value nth_value
    percent_rank cume_dist soundex
    """.split()
)
TABLES_SYSTEME_LISIBLES = frozenset({"sqlite_master", "sqlite_schema", "sqlite_sequence"})

_ACTIONS = dict(
    enumerate(
        """COPY CREATE_INDEX CREATE_TABLE CREATE_TEMP_INDEX CREATE_TEMP_TABLE
        CREATE_TEMP_TRIGGER CREATE_TEMP_VIEW CREATE_TRIGGER CREATE_VIEW DELETE DROP_INDEX
        DROP_TABLE DROP_TEMP_INDEX DROP_TEMP_TABLE DROP_TEMP_TRIGGER DROP_TEMP_VIEW DROP_TRIGGER
        DROP_VIEW INSERT PRAGMA READ SELECT TRANSACTION UPDATE ATTACH DETACH ALTER_TABLE REINDEX
        ANALYZE CREATE_VTABLE DROP_VTABLE FUNCTION SAVEPOINT RECURSIVE""".split()
    )
)  # SQLite's authorizer action codes, by number


def ouvrir_lecture_moteur(chemin: str | Path) -> sqlite3.Connection:
    """A plain read-only connection for the engine's own queries (schema, backup source)."""
    return ouvrir_lecture(chemin, isolation_level=None)


def _autoriseur(ecriture: bool, refus: list[tuple[str, str | None]]):
    ecritures = (sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE)

    def autoriser(action: int, a1: str | None, a2: str | None, base: str | None, _src: Any):
        if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_RECURSIVE):
            return OK
        if action == sqlite3.SQLITE_READ:
            # base None: a query that reads no column (count(*) on a table, a CTE)
            if base in ("main", None):
                return OK
        elif action == sqlite3.SQLITE_FUNCTION:
            if (a2 or "").lower() in FONCTIONS_PERMISES:
                return OK
            refus.append(("FUNCTION", a2))
            return DENY
        elif ecriture and action in ecritures:
            nom = (a1 or "").lower()
            if base == "main" and (not nom.startswith("sqlite_") or nom == "sqlite_sequence"):
                return OK
        refus.append((_ACTIONS.get(action, str(action)), a1))
        return DENY

    return autoriser


def ouvrir(chemin: str | Path, ecriture: bool, echeance: list[float], refus: list) -> Any:
    """The hardened connection used for one student query."""
    if ecriture:  # mode=rw, never rwc: no file is created
        cx = ouvrir_ecriture(chemin, creer=False, isolation_level=None, cached_statements=0)
    else:
        cx = ouvrir_lecture(chemin, isolation_level=None, cached_statements=0)
    try:
        if hasattr(cx, "enable_load_extension"):
            cx.enable_load_extension(False)
        if hasattr(cx, "setlimit"):  # Python >= 3.11
            for limite, valeur in LIMITES.items():
                cx.setlimit(limite, valeur)
        cx.execute("PRAGMA temp_store = MEMORY")
        cx.execute("PRAGMA trusted_schema = OFF")
        if ecriture:
            cx.execute("PRAGMA foreign_keys = ON")
            # a sandbox must not fill the student's disk (INSERT … SELECT in a loop)
            page = cx.execute("PRAGMA page_size").fetchone()[0]
            pages = cx.execute("PRAGMA page_count").fetchone()[0]
            plafond = max(TAILLE_BAC_A_SABLE_MAX // page, pages + CROISSANCE_BAC_A_SABLE // page)
            cx.execute(f"PRAGMA max_page_count = {int(plafond)}")
        else:
            cx.execute("PRAGMA query_only = ON")
        cx.set_authorizer(_autoriseur(ecriture, refus))

        def progression() -> int:
            return 1 if time.monotonic() > echeance[0] else 0

        cx.set_progress_handler(progression, PAS_PROGRESSION)
    except BaseException:
        cx.close()
        raise
    return cx


class _Minuteur(threading.Thread):
    """Watchdog thread: interrupts the armed connection when its deadline passes."""

    def __init__(self) -> None:
        super().__init__(daemon=True, name="atelier-sql-minuteur")
        self.condition = threading.Condition()
        self.cx: sqlite3.Connection | None = None
        self.echeance = 0.0
        self.start()

    def armer(self, cx: sqlite3.Connection, echeance: float) -> None:
        with self.condition:
            self.cx, self.echeance = cx, echeance
            self.condition.notify()

    def desarmer(self) -> None:
        with self.condition:
            self.cx = None
            self.condition.notify()

    def run(self) -> None:
        with self.condition:
            while True:
                if self.cx is None:
                    self.condition.wait()
                    continue
                reste = self.echeance - time.monotonic()
                if reste > 0:
                    self.condition.wait(reste)
                    continue
                try:
                    self.cx.interrupt()
                except sqlite3.Error:
                    pass
                self.cx = None


_minuteur: _Minuteur | None = None


def _taille(valeur: Any) -> int:
    if isinstance(valeur, (str, bytes)):
        return len(valeur) + 16
    return 16


def executer(demande: dict[str, Any]) -> tuple:
    """Run one statement; returns ('ok', colonnes, lignes, tronque, trop_gros, rowcount) or
    ('erreur', classe, message, refus) or ('temps',)."""
    echeance = [time.monotonic() + float(demande["time_limit_s"])]
    refus: list[tuple[str, str | None]] = []
    max_rows = int(demande["max_rows"])
    try:
        cx = ouvrir(demande["database"], bool(demande["writable"]), echeance, refus)
    except sqlite3.Error as e:
        return ("erreur", type(e).__name__, str(e), refus)
    global _minuteur
    if _minuteur is None:
        _minuteur = _Minuteur()
    _minuteur.armer(cx, echeance[0])
    try:
        cur = cx.execute(demande["sql"])
        colonnes = [d[0] for d in cur.description] if cur.description else []
        lignes: list[tuple] = []
        tronque = trop_gros = False
        taille = 0
        if cur.description:
            for ligne in cur:
                if len(lignes) >= max_rows:
                    tronque = True
                    break
                taille += sum(_taille(v) for v in ligne)
                if taille > TAILLE_RESULTAT_MAXIMALE:
                    tronque = trop_gros = True
                    break
                lignes.append(ligne)
        rowcount = cur.rowcount
        cur.close()
        return ("ok", colonnes, lignes, tronque, trop_gros, rowcount)
    except sqlite3.Error as e:
        if "interrupted" in str(e) and time.monotonic() >= echeance[0]:
            return ("temps",)
        return ("erreur", type(e).__name__, str(e), refus)
    except MemoryError:
        return ("erreur", "MemoryError", "out of memory", refus)
    finally:
        _minuteur.desarmer()
        cx.close()


def configurer_processus() -> None:
    """Process-wide SQLite heap limits (issued by the engine, once, in the worker)."""
    cx = ouvrir_en_memoire()
    cx.execute(f"PRAGMA hard_heap_limit = {TAS_MAXIMAL}")
    cx.execute(f"PRAGMA soft_heap_limit = {TAS_MAXIMAL // 2}")
    cx.close()


def boucle(canal: Any) -> None:
    """Worker main loop: answer requests until the parent closes the pipe.

    Kernel > Interrupt sends SIGINT to the whole process group, the worker included. It may
    only interrupt a statement being executed: between two requests (waiting, or sending an
    answer) it is ignored, or a KeyboardInterrupt raised there would kill the worker or cut an
    answer in two. ``signal.signal`` on SIGINT works on Windows too.
    """
    configurer_processus()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    canal.send(("pret",))
    while True:
        try:
            demande = canal.recv()
        except (EOFError, OSError):
            break
        if demande is None:
            break
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            try:
                reponse = executer(demande)
            finally:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
        except KeyboardInterrupt:
            reponse = ("erreur", "KeyboardInterrupt", "interrupted", [])
        except Exception as e:  # never die on an unexpected error: report it
            reponse = ("erreur", type(e).__name__, str(e), [])
        try:
            canal.send(reponse)
        except (OSError, ValueError) as e:
            try:
                canal.send(("erreur", type(e).__name__, str(e), []))
            except OSError:
                break
