"""A laptop is not a server: the pools never grow beyond what the free memory holds.

Opening four apps to check them once warmed 67 kernels (≈ 9 GB, issue 29): ``taille_classe``
and ``max_noyaux_total`` are counts, blind to the machine. :class:`MesureMemoire` turns the
memory the system can still give (``psutil.virtual_memory().available``; ``/proc/meminfo``
``MemAvailable`` as a fallback) into a number of kernels, with the memory of one kernel
*measured* on the kernels already running (their resident memory, median), and a margin left
to the system, the browser and the server itself.
:meth:`.reserve.PiloteReserve.noyaux_en_plus_permis` takes the smaller of this and
``max_noyaux_total``. A student's page is never refused for memory (that is ``max_noyaux``'s
job): only the pre-heating stops.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from widgets.calculs.format import format_nombre

MO = 1024**2
#: Memory of one kernel before any was measured (a kernel with the workbench imported and its
#: notebook executed: 67 kernels ≈ 9 GB, issue 29).
MEMOIRE_PAR_NOYAU_INITIALE = 140 * MO
#: Left to the system, the teacher's browser and the server process.
MARGE_SYSTEME = 1024 * MO
#: Seconds between two readings of the free memory (the pilot ticks every second).
INTERVALLE_LECTURE = 2.0


def memoire_disponible() -> int | None:
    """Bytes the system can still give without swapping (``None``: unknown on this machine)."""
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except Exception:  # noqa: BLE001 - psutil missing or refused: the portable fallback
        pass
    try:
        for ligne in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if ligne.startswith("MemAvailable:"):
                return int(ligne.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def memoire_du_processus(pid: int) -> int | None:
    """Resident memory of process ``pid`` in bytes (``None`` when it cannot be read)."""
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss)
    except Exception:  # noqa: BLE001 - gone, or no psutil
        return None


def pids_des_noyaux(km: Any) -> list[int]:
    """Process ids of the kernels of a jupyter_client multi-kernel manager (local kernels)."""
    pids = []
    for kernel_id in list(getattr(km, "list_kernel_ids", list)()):
        try:
            pid = km.get_kernel(kernel_id).provisioner.pid
        except Exception:  # noqa: BLE001 - gone meanwhile, remote, or a fake
            continue
        if isinstance(pid, int):
            pids.append(pid)
    return pids


def noyaux_que_la_memoire_permet(
    disponible: int | None, par_noyau: int, marge: int = MARGE_SYSTEME
) -> int | None:
    """How many more kernels ``disponible`` bytes hold, the margin kept (``None``: no bound)."""
    if disponible is None:
        return None
    return max(0, (disponible - marge) // max(1, par_noyau))


class MesureMemoire:
    """Free memory → kernels the pools may still start (read at most every 2 s)."""

    def __init__(
        self,
        lire_disponible: Callable[[], int | None] = memoire_disponible,
        *,
        par_noyau: int = MEMOIRE_PAR_NOYAU_INITIALE,
        marge: int = MARGE_SYSTEME,
        horloge: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lire = lire_disponible
        self.par_noyau = par_noyau
        self.marge = marge
        self._horloge = horloge
        self._lu_a: float | None = None
        self.disponible: int | None = None

    def mesurer_noyaux(self, tailles: Iterable[int | None]) -> None:
        """Memory per kernel := the median resident memory of the running kernels."""
        mesures = [t for t in tailles if t]
        if mesures:
            self.par_noyau = int(statistics.median(mesures))

    def noyaux_en_plus(self, km: Any = None) -> int | None:
        """Kernels that may still be started now (``None``: memory unknown, no bound).

        ``km`` (the server's kernel manager): its running kernels are measured at each reading.
        """
        maintenant = self._horloge()
        if self._lu_a is None or maintenant - self._lu_a >= INTERVALLE_LECTURE:
            self.disponible = self._lire()
            self._lu_a = maintenant
            if km is not None:
                self.mesurer_noyaux(memoire_du_processus(pid) for pid in pids_des_noyaux(km))
        return noyaux_que_la_memoire_permet(self.disponible, self.par_noyau, self.marge)


def _noyaux(nombre: int) -> str:
    return f"{format_nombre(nombre)} noyau{'x' if nombre > 1 else ''}"


def _go(octets: int) -> str:
    return format_nombre(octets / 1024**3, 1) + " Go"


def annonce_reserve(
    disponible: int | None,
    par_noyau: int,
    *,
    max_noyaux_total: int,
    nombre_apps: int,
    taille_pool_defaut: int,
    marge: int = MARGE_SYSTEME,
) -> str:
    """What ``atelier tableaux-de-bord`` says at start: how many kernels it keeps, and why."""
    repos = nombre_apps * taille_pool_defaut
    base = (
        f"au repos, {_noyaux(taille_pool_defaut)} préchauffé"
        f"{'s' if taille_pool_defaut > 1 else ''} par application ({format_nombre(repos)} en tout)"
    )
    permis = noyaux_que_la_memoire_permet(disponible, par_noyau, marge)
    if permis is None:
        return (
            f"Atelier NRC : {base} ; mémoire libre inconnue sur cette machine : au plus "
            f"{_noyaux(max_noyaux_total)} (réglage max_noyaux_total)."
        )
    if permis < max_noyaux_total:
        raison = (
            f"{_go(disponible)} de mémoire libre, {_go(marge)} laissés au système, environ "
            f"{format_nombre(round(par_noyau / MO))} Mo par noyau"
        )
        plafond = permis
    else:
        raison = f"réglage max_noyaux_total ; {_go(disponible)} de mémoire libre suffisent"
        plafond = max_noyaux_total
    return (
        f"Atelier NRC : {base} ; quand une classe arrive, la réserve grandit jusqu'à "
        f"{_noyaux(plafond)} au plus ({raison})."
    )
