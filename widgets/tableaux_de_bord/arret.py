"""Clean stop of the dashboards server: SIGTERM (systemd) and SIGINT (Ctrl+C) stop every kernel.

Voilà 0.5 catches SIGTERM by stopping the event loop, then calls ``shutdown_all`` from its
``stop()``. That left kernels running: pool kernels still starting or executing their
notebook when the signal came, a refill sleeping its ``fill_delay``, or one failing shutdown
aborting the ``asyncio.gather`` of the others (``HTTP 404: Kernel does not exist``, exit
code 1). A kernel whose parent dies before its parent poller starts, or under a subreaper,
then runs forever (the issue counted 10 orphan ``ipykernel`` processes after one stop).

Here the first signal schedules :func:`arreter_le_serveur` on the loop (nothing heavy runs in
the signal handler itself): refuse every new kernel, let the starts in flight finish (bounded),
shut every kernel down one by one (pool, in service, pending; failures do not stop the
others), then stop the loop. :func:`terminer_les_enfants` is the safety net run by
``VoilaAtelier.stop()`` after Voilà's own: any child process still alive is terminated, then
killed. A second signal stops the loop at once (the safety net still runs).

Portable: only the signals the platform has are handled (Windows has SIGINT, and SIGTERM
only as sent by ``os.kill``); no POSIX-only API, psutil for the children.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from typing import Any

#: Seconds given to pool kernels still starting before everything is shut down.
DELAI_DEMARRAGES = 20.0
#: Seconds given to one kernel to stop gracefully before it is killed.
DELAI_ARRET_NOYAU = 10.0
#: Seconds given to leftover child processes between terminate and kill.
DELAI_ENFANTS = 5.0


def installer_arret_propre(app: Any) -> list[int]:
    """Handle SIGTERM and SIGINT (when the platform has them) for ``app`` (a ``VoilaAtelier``).

    Returns the signals installed (none outside the main thread, where Python forbids it).
    """
    if threading.current_thread() is not threading.main_thread():
        return []
    recus: list[int] = []

    def gestionnaire(signum: int, _frame: Any) -> None:
        recus.append(signum)
        ioloop = getattr(app, "ioloop", None)
        if ioloop is None:  # loop not started yet: no kernel exists
            raise SystemExit(0)
        boucle = ioloop.asyncio_loop
        if len(recus) == 1:
            boucle.call_soon_threadsafe(_lancer, app, signum)
        else:
            boucle.call_soon_threadsafe(ioloop.stop)

    installes = []
    for nom in ("SIGTERM", "SIGINT"):
        numero = getattr(signal, nom, None)
        if numero is not None:
            signal.signal(numero, gestionnaire)
            installes.append(int(numero))
    return installes


def _lancer(app: Any, signum: int) -> None:
    app.log.info(
        "Signal %s reçu : arrêt de tous les noyaux (réserves et élèves) puis du serveur", signum
    )
    app._arret_propre = asyncio.ensure_future(arreter_le_serveur(app))


async def arreter_le_serveur(app: Any) -> None:
    """Stop every kernel of ``app``, then its loop (whatever happens)."""
    try:
        await arreter_les_noyaux(app.kernel_manager, getattr(app, "pilote", None), app.log)
    except Exception:  # noqa: BLE001 - the loop must stop anyway; the safety net follows
        app.log.exception("Arrêt des noyaux incomplet")
    finally:
        app.ioloop.stop()


async def arreter_les_noyaux(
    km: Any, pilote: Any = None, log: Any = None, *, delai_demarrages: float = DELAI_DEMARRAGES
) -> int:
    """Shut down every kernel of ``km``; returns how many were shut down."""
    if pilote is not None:
        pilote.arreter()
    km.refuser_les_demarrages = True
    taches = [t for pool in getattr(km, "_pools", {}).values() for t in pool]
    if taches:  # starts in flight end (or fail at once: new starts are refused)
        await asyncio.wait(taches, timeout=delai_demarrages)
    ids = set(km.list_kernel_ids()) | set(getattr(km, "_pending_kernels", {}))
    for tache in taches:
        if tache.done() and not tache.cancelled() and tache.exception() is None:
            ids.add(tache.result()["kernel_id"])
    km._pools = {}
    resultats = await asyncio.gather(*(_arreter(km, kid) for kid in ids), return_exceptions=True)
    arretes = sum(r is True for r in resultats)
    if log is not None:
        log.info("%d noyau(x) arrêté(s) sur %d", arretes, len(ids))
    return arretes


async def _arreter(km: Any, kernel_id: str) -> bool:
    try:
        await asyncio.wait_for(km.shutdown_kernel(kernel_id), DELAI_ARRET_NOYAU)
        return True
    except Exception:  # noqa: BLE001 - stuck or already gone: kill it
        try:
            await asyncio.wait_for(km.shutdown_kernel(kernel_id, now=True), DELAI_ARRET_NOYAU)
            return True
        except Exception:  # noqa: BLE001 - the safety net of terminer_les_enfants remains
            return False


def terminer_les_enfants(delai: float = DELAI_ENFANTS) -> int:
    """Terminate, then kill, every child process of this process still alive; returns how many.

    The dashboards server's only children are its kernels.
    """
    import psutil

    try:
        enfants = psutil.Process().children(recursive=True)
    except psutil.Error:
        return 0
    vivants = []
    for enfant in enfants:
        try:
            if enfant.status() == psutil.STATUS_ZOMBIE:  # already exited: only reap it
                enfant.wait(0)
                continue
            enfant.terminate()
            vivants.append(enfant)
        except psutil.Error:
            pass
    _, restants = psutil.wait_procs(vivants, timeout=delai)
    for enfant in restants:
        try:
            enfant.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(restants, timeout=delai)
    return len(vivants)
