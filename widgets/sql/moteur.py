"""``executer_requete``: run one student statement safely, in a reusable worker process.

The query runs in a persistent worker started with the "spawn" context (same on Windows and
Linux, no signals, no fork). Inside the worker a progress handler stops the statement at the
deadline; if the worker does not answer within the limit plus a small margin (one long built-in
call, or anything else), it is killed and a fresh worker is started in the background: the
notebook kernel or the Voilà server is never blocked longer than that, and never crashes.

Warm-up: :func:`demarrer_en_arriere_plan` (called by the requêteur's constructor and by
``%load_ext widgets.ui.magie_sql``) spawns the worker without waiting, so that its start
overlaps the page render and the first query is as fast as the next ones.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from widgets.connexions import sans_module_principal
from widgets.sql import _travailleur
from widgets.sql.erreurs import Avertissement, ErreurRequete, base_existante, nom_deprecie
from widgets.sql.explications import (
    VERBES_ECRITURE,
    expliquer,
    refus_instruction,
    refus_lecture_seule,
)
from widgets.sql.lexique import avertissements, instructions, verbe
from widgets.sql.schema import cles_primaires, noms_du_schema

if TYPE_CHECKING:
    import pandas as pd

INSTRUCTIONS_SQL = {
    "ALTER",
    "ANALYZE",
    "ATTACH",
    "BEGIN",
    "COMMIT",
    "CREATE",
    "DELETE",
    "DETACH",
    "DROP",
    "END",
    "INSERT",
    "PRAGMA",
    "REINDEX",
    "RELEASE",
    "REPLACE",
    "ROLLBACK",
    "SAVEPOINT",
    "SELECT",
    "UPDATE",
    "VACUUM",
    "VALUES",
    "WITH",
    "TRUNCATE",
    "UPSERT",
    "MERGE",
    "LOAD",
}  # statements SQLite (or a student) knows; unknown words go to SQLite for a syntax error
MARGE_ARRET_S = 0.3  # wait this long after the deadline before killing the worker
DELAI_DEMARRAGE_S = 60.0  # first start of a worker (a slow lab PC can take seconds)
MAX_LIGNES_PLAFOND = 100_000
TEMPS_PLAFOND_S = 60.0
LONGUEUR_SQL_MAX = 20_000  # characters; the checks made in the kernel stay instant below it


@dataclass
class ResultatRequete:
    """The result of :func:`executer_requete`.

    ``dataframe`` holds the rows (at most ``max_rows``), ``truncated`` says the result was cut,
    ``rowcount``/``nb_lignes`` is the number of rows shown (or modified, for INSERT/UPDATE/DELETE
    in the sandbox), ``avertissements`` lists French warnings (each a ``str`` with a ``.code``).
    """

    dataframe: pd.DataFrame
    columns: list[str]
    truncated: bool
    elapsed_s: float
    rowcount: int
    avertissements: list[Avertissement] = field(default_factory=list)
    sql: str = ""

    @property
    def nb_lignes(self) -> int:
        return self.rowcount

    @property
    def tronque(self) -> bool:
        return self.truncated

    @property
    def colonnes(self) -> list[str]:
        return self.columns


class _Travailleur:
    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.canal, enfant = ctx.Pipe(duplex=True)
        self.processus = ctx.Process(
            target=_travailleur.boucle, args=(enfant,), daemon=True, name="atelier-sql"
        )
        with sans_module_principal():
            self.processus.start()
        enfant.close()
        self.pret = False

    def attendre_pret(self) -> None:
        if self.pret:
            return
        if not self.canal.poll(DELAI_DEMARRAGE_S):
            raise ErreurRequete(
                "Le moteur SQL n'a pas pu démarrer. Relancez le noyau (Kernel > Restart).",
                "moteur",
            )
        self.canal.recv()
        self.pret = True

    def vivant(self) -> bool:
        return self.processus.is_alive()

    def tuer(self) -> None:
        try:
            self.processus.kill()
            self.processus.join(2)
        finally:
            self.canal.close()

    def fermer(self) -> None:
        try:
            if self.vivant():
                self.canal.send(None)
                self.processus.join(1)
        except OSError:
            pass
        if self.processus.is_alive():
            self.tuer()
        else:
            self.canal.close()


_verrou = threading.Lock()
_courant: _Travailleur | None = None
statistiques = {"demarrages": 0, "arrets_forces": 0}


def _travailleur_pret() -> _Travailleur:
    global _courant
    if _courant is not None and not _courant.vivant():
        _courant.tuer()
        _courant = None
    if _courant is None:
        _courant = _Travailleur()
        statistiques["demarrages"] += 1
    try:
        _courant.attendre_pret()
    except (EOFError, OSError, ErreurRequete) as e:
        _courant.tuer()  # the next query starts a fresh one
        _courant = None
        raise ErreurRequete(
            "Le moteur SQL n'a pas pu démarrer. Relancez le noyau (Kernel > Restart).", "moteur"
        ) from e
    return _courant


def prechauffer() -> None:
    """Start the worker now and wait until it is ready (blocking; benchmarks, tests)."""
    with _verrou:
        _travailleur_pret()


def _nouveau_travailleur() -> _Travailleur | None:
    """Spawn a worker without waiting for it (a few ms); ``None`` if the OS refuses.

    The caller holds ``_verrou``. A refusal is not reported here: the next query tries again
    and explains it in French.
    """
    try:
        trav = _Travailleur()
    except OSError:
        return None
    statistiques["demarrages"] += 1
    return trav


def demarrer_en_arriere_plan() -> None:
    """Start the worker in the background, without waiting for it (never blocks a page).

    The requêteur calls it in its constructor: the process is spawned at once (a few
    milliseconds) and its interpreter starts while the page is built and rendered, so the
    student's first query finds it ready instead of paying its start (0,2 s to 0,8 s on a lab
    PC). Does nothing if a worker is already there (starting or ready) or if a query is running
    (it has one). Time limits are unchanged: a runaway is still killed and replaced in the
    background by :func:`_demander`.
    """
    global _courant
    if not _verrou.acquire(blocking=False):
        return
    try:
        if _courant is not None and not _courant.vivant():
            _courant.tuer()
            _courant = None
        if _courant is None:
            _courant = _nouveau_travailleur()
    finally:
        _verrou.release()


def etat_travailleur() -> str:
    """``"arrete"`` (no worker), ``"demarrage"`` (spawned, not ready yet) or ``"pret"``."""
    with _verrou:
        if _courant is None or not _courant.vivant():
            return "arrete"
        try:
            # before any request, the only message the worker sends is ("pret",)
            return "pret" if _courant.pret or _courant.canal.poll(0) else "demarrage"
        except (EOFError, OSError):
            return "arrete"


def pid_travailleur() -> int | None:
    """The worker's process id (tests kill it to check that the engine recovers)."""
    with _verrou:
        return _courant.processus.pid if _courant is not None else None


def arreter_moteur() -> None:
    """Stop the worker (it restarts by itself at the next query)."""
    global _courant
    with _verrou:
        if _courant is not None:
            _courant.fermer()
            _courant = None


atexit.register(arreter_moteur)


def _demander(demande: dict[str, Any], delai: float) -> tuple:
    global _courant
    with _verrou:
        trav = _travailleur_pret()
        try:
            trav.canal.send(demande)
            if trav.canal.poll(delai):
                return trav.canal.recv()
        except (EOFError, OSError) as e:
            trav.tuer()
            _courant = _nouveau_travailleur()  # in the background, for the next query
            raise ErreurRequete(
                "Le moteur SQL s'est arrêté pendant la requête ; il redémarre. Réessayez, et "
                "simplifiez la requête si le problème revient.",
                "moteur",
            ) from e
        except BaseException:
            # KeyboardInterrupt (Kernel > Interrupt) while waiting: the worker may still answer
            # this request later; never let that answer be read as the next query's result.
            trav.tuer()
            _courant = None
            raise
        # no answer: a runaway that the progress handler could not stop -> kill + restart
        trav.tuer()
        statistiques["arrets_forces"] += 1
        _courant = _nouveau_travailleur()  # starts in the background, ready for the next query
        return ("temps",)


def _meme_fichier(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _nombre(valeur: float) -> str:
    from widgets.calculs import format_nombre  # lazy: keeps the worker's start light

    return format_nombre(valeur)


def _message_temps(limite: float) -> ErreurRequete:
    return ErreurRequete(
        f"Requête arrêtée : elle a dépassé le temps permis ({_nombre(limite)} s). Filtrez "
        "davantage (WHERE, LIMIT), vérifiez les conditions de jointure (produit cartésien ?) "
        "ou une requête récursive sans fin.",
        "temps_depasse",
    )


def executer_requete(
    sql: str,
    base: str | Path,
    *,
    lignes_max: int = 1000,
    delai_s: float = 2.0,
    ecriture: bool = False,
) -> ResultatRequete:
    """Run ONE SQL statement on ``base`` and return its result.

    On the reference base (``ecriture=False``) only reading statements are accepted (SELECT,
    WITH … SELECT, EXPLAIN). ``ecriture=True`` is for the student's sandbox
    (:func:`widgets.sql.bac_a_sable`) and also accepts INSERT, UPDATE and DELETE. At most
    ``lignes_max`` rows come back (``truncated`` says when there were more); the statement is
    stopped after ``delai_s`` seconds. Any refusal or failure raises :class:`ErreurRequete`
    with a French message and a ``.code``.
    """
    debut = time.perf_counter()
    if not isinstance(sql, str):
        raise ErreurRequete("La requête doit être un texte SQL.", "vide")
    if len(sql) > LONGUEUR_SQL_MAX:
        raise ErreurRequete(
            f"La requête est trop longue (plus de {_nombre(LONGUEUR_SQL_MAX)} caractères) : "
            "écrivez-la plus simplement.",
            "trop_gros",
        )
    if "\x00" in sql:
        raise ErreurRequete(
            "La requête contient un caractère invisible (caractère nul) : retapez-la au lieu "
            "de la coller.",
            "syntaxe",
        )
    chemin = base_existante(base)
    if ecriture:
        from widgets.donnees.chemins import base_reference

        if _meme_fichier(chemin, base_reference()):
            raise refus_lecture_seule("écriture")
    morceaux = instructions(sql)
    if not morceaux:
        raise ErreurRequete("La requête est vide : écrivez une instruction SQL.", "vide")
    if len(morceaux) > 1:
        raise ErreurRequete(
            f"Une seule requête à la fois : le texte en contient {len(morceaux)} (séparées par "
            "« ; »). Exécutez-les l'une après l'autre.",
            "plusieurs_instructions",
        )
    jetons = morceaux[0]
    v = verbe(jetons)
    permis = {"SELECT", "VALUES"} | (
        {"INSERT", "UPDATE", "DELETE", "REPLACE"} if ecriture else set()
    )
    if v not in permis and v in INSTRUCTIONS_SQL:
        if not ecriture and v in VERBES_ECRITURE:
            raise refus_lecture_seule(v)
        raise refus_instruction(v or jetons[0].texte, ecriture)
    try:
        lignes_max = max(0, min(int(lignes_max), MAX_LIGNES_PLAFOND))
        limite = float(delai_s)
    except (TypeError, ValueError) as e:
        raise ErreurRequete("lignes_max et delai_s doivent être des nombres.", "erreur") from e
    if not 0 < limite <= TEMPS_PLAFOND_S:
        raise ErreurRequete(
            f"Le temps permis doit être compris entre 0 et {TEMPS_PLAFOND_S:g} s.", "erreur"
        )
    texte = sql[jetons[0].debut : jetons[-1].fin]
    demande = {
        "sql": texte,
        "database": str(chemin.resolve()),
        "writable": bool(ecriture),
        "max_rows": lignes_max,
        "time_limit_s": limite,
    }
    reponse = _demander(demande, limite + MARGE_ARRET_S)
    if reponse[0] == "temps":
        raise _message_temps(limite)
    if reponse[0] == "erreur":
        _, classe, message, refus = reponse
        raise expliquer(classe, message, jetons, noms_du_schema(chemin), refus, ecriture)
    _, colonnes, lignes, tronque, trop_gros, rowcount = reponse
    import pandas as pd

    df = pd.DataFrame.from_records(lignes, columns=colonnes) if colonnes else pd.DataFrame()
    notes: list[Avertissement] = []
    if trop_gros:
        notes.append(
            Avertissement(
                f"Résultat tronqué à {_nombre(len(lignes))} lignes : il était trop volumineux "
                "pour être affiché. Sélectionnez moins de colonnes ou ajoutez un filtre.",
                "tronque",
            )
        )
    elif tronque:
        notes.append(
            Avertissement(
                f"Résultat tronqué aux {_nombre(lignes_max)} premières lignes : la requête en "
                "renvoie davantage. Ajoutez un filtre (WHERE) ou un LIMIT.",
                "tronque",
            )
        )
    if v in ("SELECT", "VALUES"):
        notes.extend(avertissements(jetons, noms_du_schema(chemin), cles_primaires(chemin)))
    nb = len(lignes) if colonnes or v in ("SELECT", "VALUES") else max(rowcount, 0)
    return ResultatRequete(
        dataframe=df,
        columns=list(colonnes),
        truncated=bool(tronque),
        elapsed_s=time.perf_counter() - debut,
        rowcount=nb,
        avertissements=notes,
        sql=texte,
    )


def run_query(
    sql: str,
    database: str | Path,
    *,
    max_rows: int = 1000,
    time_limit_s: float = 2.0,
    writable: bool = False,
) -> ResultatRequete:
    """Deprecated English name of :func:`executer_requete` (kept for old notebooks)."""
    nom_deprecie("run_query", "executer_requete")
    return executer_requete(
        sql, database, lignes_max=max_rows, delai_s=time_limit_s, ecriture=writable
    )


def __getattr__(nom: str) -> object:
    if nom == "QueryResult":
        nom_deprecie("QueryResult", "ResultatRequete")
        return ResultatRequete
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
