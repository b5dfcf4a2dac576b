"""Kernel manager that knows which app each kernel serves (for the per-app cap).

Voilà wraps this class with its pre-heated pool (``VoilaKernelManager``). A kernel is
*in service* once a student's page has connected to it (or when it was started directly for
a page because the pool was empty); pool kernels waiting on standby are not counted.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import unquote

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Int

from .configuration import VARIABLE_APP

_MARQUE_RENDU = "/voila/render/"


def app_depuis_env(env: dict[str, str] | None) -> tuple[str | None, bool]:
    """(carnet servi, démarré directement pour une page) d'après l'environnement du noyau.

    Les noyaux de réserve portent ``ATELIER_APP`` ; ceux que Voilà démarre pour une page
    portent ``SCRIPT_NAME`` = l'adresse demandée (``/voila/render/facture.ipynb``).
    """
    env = env or {}
    if env.get(VARIABLE_APP):
        return env[VARIABLE_APP], False
    script = env.get("SCRIPT_NAME", "")
    if _MARQUE_RENDU in script:
        return unquote(script.split(_MARQUE_RENDU, 1)[1]), True
    return None, False


class GestionnaireNoyauxAtelier(AsyncMappingKernelManager):
    """``AsyncMappingKernelManager`` that counts, per app, the kernels serving students."""

    demarrages_reserve_simultanes = Int(
        2,
        config=True,
        help="Pool kernels started at the same time (the others wait their turn).",
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._app_des_noyaux: dict[str, str] = {}
        self._en_service: set[str] = set()
        #: Pages admitted under their app's cap whose kernel is not counted yet (one token
        #: each): two requests arriving together at the cap cannot both pass (see admettre).
        self._admissions: dict[str, list[object]] = {}
        self._file_reserve: asyncio.Semaphore | None = None
        #: Set when the server stops (widgets.tableaux_de_bord.arret): no new kernel.
        self.refuser_les_demarrages = False
        #: Kernels whose notebook run lost a cell's outputs (serveur.py records them): a pool
        #: kernel listed here is never handed to a page (reserve.PiloteReserve.avant_page).
        self.rendus_incomplets: set[str] = set()
        # Voilà's pool (a subclass of this class) hands a pre-rendered kernel to a page with
        # get_rendered_notebook(): that kernel counts at once, not only when the page's
        # websocket connects, or pages fetched without a socket would run past the cap.
        remettre = getattr(self, "get_rendered_notebook", None)
        if remettre is not None:
            self.get_rendered_notebook = self._compter_a_la_remise(remettre)

    def _compter_a_la_remise(self, remettre: Any) -> Any:
        async def remettre_et_compter(*args: Any, **kwargs: Any) -> Any:
            rendu = await remettre(*args, **kwargs)
            kernel_id = rendu[2]
            if kernel_id in self._app_des_noyaux:
                self._en_service.add(kernel_id)
                self._admission_servie(self._app_des_noyaux[kernel_id])
            return rendu

        return remettre_et_compter

    def _verifier_demarrage(self) -> None:
        if self.refuser_les_demarrages:
            raise RuntimeError("Arrêt du serveur en cours : aucun nouveau noyau n'est démarré")

    async def start_kernel(self, **kwargs: Any) -> str:  # type: ignore[override]
        self._verifier_demarrage()
        app, pour_une_page = app_depuis_env(kwargs.get("env"))
        if app is not None and not pour_une_page:
            # Refilling the pool must not starve the students' kernels of CPU: a class of 35
            # takes 35 kernels at once, and 35 simultaneous starts would freeze 2 cores.
            if self._file_reserve is None:
                self._file_reserve = asyncio.Semaphore(max(1, self.demarrages_reserve_simultanes))
            async with self._file_reserve:
                self._verifier_demarrage()
                kernel_id = await super().start_kernel(**kwargs)
        else:
            kernel_id = await super().start_kernel(**kwargs)
        if app is not None:
            self._app_des_noyaux[kernel_id] = app
            if pour_une_page:
                self._en_service.add(kernel_id)
                self._admission_servie(app)
        return kernel_id

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        self._en_service.add(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
        try:
            return await super().shutdown_kernel(kernel_id, *args, **kwargs)
        finally:
            self._app_des_noyaux.pop(kernel_id, None)
            self._en_service.discard(kernel_id)
            self.rendus_incomplets.discard(kernel_id)

    def _oublier_les_morts(self) -> None:
        vivants = set(self.list_kernel_ids())
        for kernel_id in list(self._app_des_noyaux):
            if kernel_id not in vivants:
                self._app_des_noyaux.pop(kernel_id, None)
                self._en_service.discard(kernel_id)
        self.rendus_incomplets &= vivants

    def admettre(self, carnet: str, maximum: int) -> object | None:
        """Admit one page of ``carnet`` under its cap: a token, or None when the kernels in
        service plus the pages admitted whose kernel is not counted yet reach ``maximum``.

        The check and the count happen in one step of the event loop, so two requests arriving
        together cannot both take the last place (the kernel of an admitted page is only
        counted later, when the pool hands it over or when it starts). Give the token back
        with :meth:`fin_admission` when the page is served (or fails)."""
        file = self._admissions.setdefault(carnet, [])
        if self.noyaux_en_service(carnet) + len(file) >= maximum:
            return None
        jeton = object()
        file.append(jeton)
        return jeton

    def fin_admission(self, carnet: str, jeton: object) -> None:
        """The page admitted with ``jeton`` is served: its place, if still held, is freed."""
        file = self._admissions.get(carnet, [])
        if jeton in file:
            file.remove(jeton)

    def _admission_servie(self, carnet: str) -> None:
        # A page's kernel is now counted in service: the oldest admission of the app is over.
        file = self._admissions.get(carnet)
        if file:
            file.pop(0)

    def noyaux_en_service(self, carnet: str) -> int:
        """Nombre de noyaux vivants qui servent un élève sur l'application ``carnet``."""
        self._oublier_les_morts()
        return sum(
            1 for k, app in self._app_des_noyaux.items() if app == carnet and k in self._en_service
        )

    def noyaux_par_app(self) -> dict[str, dict[str, int]]:
        """{carnet: {"en_service": n, "vivants": m}} pour la page d'état de l'enseignant."""
        self._oublier_les_morts()
        etat: dict[str, dict[str, int]] = {}
        for kernel_id, app in self._app_des_noyaux.items():
            ligne = etat.setdefault(app, {"en_service": 0, "vivants": 0})
            ligne["vivants"] += 1
            ligne["en_service"] += kernel_id in self._en_service
        return etat
