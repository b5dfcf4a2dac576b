"""Adaptive pools of pre-heated kernels: an app's pool grows when it is opened, shrinks after.

Voilà 0.5 keeps a fixed number of pre-heated kernels per notebook: with the shipped 2, the 33
last students of a class of 35 waited for a fresh kernel, unless a teacher had edited a config
file the day before. The :class:`PiloteReserve` decides instead, app by app, every second:

- a quiet app keeps its base pool, ``taille_pool_de(app)`` (``taille_pool_defaut``);
- during a prepared session (:mod:`.seance`, ``atelier seance``) the app aims at
  ``eleves + 1`` kernels; an app opened less than ``delai_retour_reserve`` seconds ago aims
  at ``taille_classe``; in both cases the kernels already serving that app's students and the
  pages being opened count, so the pool holds what the rest of the class still needs
  (never below the base, never above ``max_noyaux_de(app)`` minus those in service);
- once the app is quiet again, ready pool kernels beyond the base are shut down.

Pace: kernels above the base are prepared (start + notebook execution) at most
``demarrages_simultanes`` at a time, server-wide, and only while the server has fewer than
``max_noyaux_total`` live kernels and the machine's free memory holds more
(:mod:`.memoire`, a laptop is not a server): growing a pool never starves the students already
working.
Growth, and even the refill of the pool at rest, waits while any page is being served
(students first: a page that executes its own notebook competes with every pool kernel being
prepared, issues 17 and 27), and the app opened
most recently (or with a prepared session) is served first, not the first in alphabetical
order.

Hand-over (issue 17): Voilà gives a page the *oldest* pool entry, ready or not, and an entry
whose pre-rendering lost a cell's outputs (``delai_sorties`` exceeded on an overloaded
machine) would show a page without widgets. Before each page, :meth:`PiloteReserve.avant_page`
shuts such kernels down and puts the ready kernels first.

Cold arrival (issue 27): a class opening an app nobody opened finds only the pool at rest.
Voilà would hand the third student a pool entry still sleeping its ``delai_remplissage`` and
then starting behind the pool's throttled starts (``demarrages_reserve_simultanes``), the
fourth the next one, and so on: 31 s median against 21 s for plain Voilà. Now a page takes a
pool kernel only when one is READY (:meth:`PiloteReserve.noyau_pret`, asked by the page
handler); otherwise it starts its own kernel at once, as plain Voilà does. And while any page
is being served, no pool kernel is started at all, not even the refill of the pool at rest:
the tick refills and grows once the wave is served.

How Voilà is steered: ``VoilaKernelManager.fill_if_needed`` reads
``kernel_pools_config[app]["pool_size"]`` each time it fills (at start, and right after a
page took a kernel) and starts ``pool_size - len(pool)`` kernels. Each app's entry is a
:class:`ReglagePool` whose ``"pool_size"`` asks the pilot at that very moment
(:meth:`PiloteReserve.taille_autorisee`); the pilot's tick calls ``fill_if_needed`` to grow.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from .configuration import ConfigTableauxDeBord
from .memoire import MesureMemoire
from .seance import Seance, lire_seances

#: Seconds between two ticks of the pilot (growth, shrinking, session file).
INTERVALLE_TIC = 1.0

PREPARATION = "preparation"
PRETE = "prete"
MORTE = "morte"

journal = logging.getLogger(__name__)

#: Order in which a page is offered pool entries (Voilà takes the first).
_ORDRE_DE_SERVICE = {PRETE: 0, PREPARATION: 1, MORTE: 2}


def etat_entree(tache: Any) -> str:
    """State of one entry of a Voilà pool (an asyncio task giving {"task", "kernel_id", ...}).

    ``preparation``: kernel starting or notebook executing; ``prete``: page ready;
    ``morte``: the start failed (or was cancelled).
    """
    if not tache.done():
        return PREPARATION
    if tache.cancelled() or tache.exception() is not None:
        return MORTE
    rendu = tache.result().get("task")
    if rendu is None:
        return MORTE
    return PRETE if rendu.done() else PREPARATION


class ReglagePool(dict):
    """One app's entry of Voilà's ``kernel_pools_config``; ``pool_size`` is asked to the pilot."""

    def __init__(self, pilote: PiloteReserve, carnet: str, reglage: dict) -> None:
        super().__init__(reglage)
        self._pilote = pilote
        self._carnet = carnet

    def get(self, cle: str, defaut: Any = None) -> Any:  # type: ignore[override]
        if cle == "pool_size":
            return self._pilote.taille_autorisee(self._carnet)
        return super().get(cle, defaut)

    def __getitem__(self, cle: str) -> Any:
        if cle == "pool_size":
            return self._pilote.taille_autorisee(self._carnet)
        return super().__getitem__(cle)


class PiloteReserve:
    """Decides, per app, how many pre-heated kernels Voilà keeps (see the module docstring).

    ``km`` is Voilà's kernel manager (``_pools``, ``fill_if_needed``, ``kernel_pools_config``,
    ``shutdown_kernel``, ``list_kernel_ids``) built on
    :class:`~widgets.tableaux_de_bord.noyaux.GestionnaireNoyauxAtelier`
    (``noyaux_en_service``). ``horloge`` (monotonic seconds) and ``maintenant`` (aware
    datetime, for the session file) can be replaced by fakes in the tests.
    """

    def __init__(
        self,
        km: Any,
        reglages: ConfigTableauxDeBord,
        carnets: Iterable[str],
        *,
        horloge: Callable[[], float] = time.monotonic,
        maintenant: Callable[[], datetime] | None = None,
        memoire: MesureMemoire | None = None,
    ) -> None:
        self.km = km
        self.reglages = reglages
        self.carnets = list(carnets)
        self._horloge = horloge
        self._maintenant = maintenant or (lambda: datetime.now().astimezone())
        self.memoire = memoire or MesureMemoire()
        self._ouvertures: dict[str, float] = {}
        self._arrivees: Counter[str] = Counter()
        self._seances: dict[str, Seance] = {}
        self._classes_annoncees: dict[str, int] = {}
        self._arrets: set[asyncio.Future] = set()
        self._periodique: Any = None
        self.arrete = False
        self.log = getattr(km, "log", None) or journal

    # --- wiring -------------------------------------------------------------------------

    def brancher(self, demarrer: bool = True) -> None:
        """Take over Voilà's pool sizes and (``demarrer``) start the tick on the running loop."""
        pools = self.km.kernel_pools_config
        for carnet in self.carnets:
            pools[carnet] = ReglagePool(self, carnet, dict(pools.get(carnet, {})))
        self.actualiser_seances()
        if demarrer:
            from tornado.ioloop import PeriodicCallback

            self._periodique = PeriodicCallback(self.tic, INTERVALLE_TIC * 1000)
            self._periodique.start()

    def arreter(self) -> None:
        """Server stopping: no growth, no refill (every pool size reads 0)."""
        self.arrete = True
        if self._periodique is not None:
            self._periodique.stop()
            self._periodique = None

    # --- inputs ---------------------------------------------------------------------------

    def actualiser_seances(self) -> None:
        try:
            self._seances = lire_seances(
                self.reglages.dossier_seances(), maintenant=self._maintenant()
            )
        except Exception:  # noqa: BLE001 - a broken file must never stop the server
            self.log.exception("Lecture des séances préparées impossible")
            self._seances = {}

    def ouverture(self, carnet: str) -> None:
        """A page of ``carnet`` is being opened (call :meth:`fin_ouverture` when served)."""
        self._ouvertures[carnet] = self._horloge()
        self._arrivees[carnet] += 1
        self.actualiser_seances()

    def fin_ouverture(self, carnet: str) -> None:
        if self._arrivees[carnet] > 0:
            self._arrivees[carnet] -= 1

    def avant_page(self, carnet: str) -> None:
        """Right before Voilà takes a pool kernel for a page of ``carnet``.

        Kernels whose pre-rendering lost outputs are shut down (never handed to a student),
        then the ready kernels go first: Voilà takes ``pool[0]``, and a page given a kernel
        still starting would wait behind every pool start queued before it.
        """
        # Only here, not in the tick: an app that always exceeded the limit would otherwise
        # start and discard kernels in a loop with nobody waiting for them.
        pool = self._pool(carnet)
        self._retirer_incomplets(carnet)
        pool.sort(key=lambda tache: _ORDRE_DE_SERVICE[etat_entree(tache)])

    def noyau_pret(self, carnet: str) -> bool:
        """Whether the page about to be served should take ``carnet``'s first pool entry: only
        when it is READY (after :meth:`avant_page`). Otherwise the page starts its own kernel
        at once (plain Voilà's path) instead of queueing behind pool kernels still starting.
        Called by the page handler right before Voilà pops the entry (no await in between)."""
        self.avant_page(carnet)
        pool = self._pool(carnet)
        return bool(pool) and etat_entree(pool[0]) == PRETE

    def _retirer_incomplets(self, carnet: str) -> None:
        incomplets = getattr(self.km, "rendus_incomplets", None)
        if not incomplets:
            return
        pool = self._pool(carnet)
        for tache in list(pool):
            if etat_entree(tache) != PRETE:
                continue
            kernel_id = tache.result()["kernel_id"]
            if kernel_id in incomplets:
                pool.remove(tache)
                incomplets.discard(kernel_id)
                self.log.warning(
                    "Noyau de réserve %s de %s écarté : son rendu préalable a perdu des "
                    "sorties (serveur surchargé) ; un autre le remplace",
                    kernel_id,
                    carnet,
                )
                self._lancer_arret(kernel_id)

    # --- decisions ------------------------------------------------------------------------

    def _pool(self, carnet: str) -> list:
        return self.km._pools.get(carnet, [])

    def classe_visee(self, carnet: str) -> int:
        """Kernels the app should have for its class (0 = quiet app: the base is enough)."""
        seance = self._seances.get(carnet)
        if seance is not None:
            return seance.reserve
        vue = self._ouvertures.get(carnet)
        if vue is not None and self._horloge() - vue < self.reglages.delai_retour_reserve:
            return max(0, self.reglages.taille_classe)
        return 0

    def cible(self, carnet: str) -> int:
        """Pool size aimed at for ``carnet`` now (ready kernels plus those being prepared)."""
        base = self.reglages.taille_pool_de(carnet)
        classe = self.classe_visee(carnet)
        if classe <= base:
            return base
        en_service = self.km.noyaux_en_service(carnet)
        besoin = classe - en_service - self._arrivees[carnet]
        plafond = self.reglages.max_noyaux_de(carnet) - en_service
        return max(base, min(besoin, plafond))

    def en_preparation(self) -> int:
        """Pool kernels being started or executing their notebook, all apps together."""
        return sum(etat_entree(t) == PREPARATION for pool in self.km._pools.values() for t in pool)

    def noyaux_total(self) -> int:
        """Live kernels plus pool kernels whose start has not finished (all apps)."""
        pas_encore = sum(not t.done() for pool in self.km._pools.values() for t in pool)
        return len(self.km.list_kernel_ids()) + pas_encore

    def pages_en_cours(self) -> int:
        """Pages being served right now (all apps): their notebooks run before any growth."""
        return sum(self._arrivees.values())

    def taille_autorisee(self, carnet: str) -> int:
        """The ``pool_size`` Voilà may fill ``carnet``'s pool up to, right now."""
        if self.arrete:
            return 0
        n = len(self._pool(carnet))
        cible = self.cible(carnet)
        if cible <= n:
            return cible
        if self.pages_en_cours():
            # Pages first: while a page executes its notebook (a cold class arrival above all),
            # no pool kernel starts, not even the refill of the pool at rest (the tick does it
            # once the pages are served).
            return n
        # Below the base: the ordinary refill, as Voilà always did.
        manque_base = max(0, self.reglages.taille_pool_de(carnet) - n)
        place = max(0, max(1, self.reglages.demarrages_simultanes) - self.en_preparation())
        return n + max(manque_base, min(cible - n, place, self.noyaux_en_plus_permis()))

    def noyaux_en_plus_permis(self) -> int:
        """Kernels growth may still start: ``max_noyaux_total`` and the free memory (issue 29).

        The free memory (:mod:`.memoire`) already counts the running kernels, not those still
        starting: they are taken off.
        """
        permis = self.reglages.max_noyaux_total - self.noyaux_total()
        libre = self.memoire.noyaux_en_plus(self.km)
        if libre is not None:
            permis = min(permis, libre - self.en_preparation())
        return max(0, permis)

    # --- the tick -------------------------------------------------------------------------

    def tic(self) -> None:
        """Grow, shrink, re-read the session file (every :data:`INTERVALLE_TIC` seconds)."""
        if self.arrete:
            return
        try:
            self.actualiser_seances()
            for carnet in self.ordre_de_croissance():
                self._ajuster(carnet)
        except Exception:  # noqa: BLE001 - the tick must survive anything
            self.log.exception("Pilotage des réserves de noyaux")

    def ordre_de_croissance(self) -> list[str]:
        """Apps in the order their pools may grow: prepared sessions, then the app opened most
        recently. Only ``demarrages_simultanes`` kernels are prepared at a time, so the first
        app of this list gets them: the app the class is about to use, not the first one in
        alphabetical order that a teacher glanced at earlier."""
        return sorted(
            self.carnets,
            key=lambda c: (c not in self._seances, -self._ouvertures.get(c, float("-inf"))),
        )

    def _ajuster(self, carnet: str) -> None:
        n = len(self._pool(carnet))
        cible = self.cible(carnet)
        classe = self.classe_visee(carnet)
        if self._classes_annoncees.get(carnet, 0) != classe:
            self._annoncer(carnet, classe)
        if self.taille_autorisee(carnet) > n:
            self.km.fill_if_needed(delay=0, notebook_name=carnet)
        elif n > cible and self.classe_visee(carnet) <= cible:
            self._reduire(carnet, n - cible)

    def _annoncer(self, carnet: str, classe: int) -> None:
        """One log line when an app changes mode (not at every student's arrival)."""
        self._classes_annoncees[carnet] = classe
        base = self.reglages.taille_pool_de(carnet)
        if carnet in self._seances:
            eleves = self._seances[carnet].eleves
            raison = f"séance préparée pour {eleves} élève" + ("s" if eleves > 1 else "")
        elif classe:
            raison = "application ouverte"
        else:
            raison = "application au repos"
        self.log.info(
            "Réserve de %s : %d noyau(x) pour la classe, %d au repos (%s)",
            carnet,
            max(classe, base),
            base,
            raison,
        )

    def _reduire(self, carnet: str, nombre: int) -> None:
        """Shut down up to ``nombre`` READY pool kernels (newest first) of a quiet app."""
        pool = self._pool(carnet)
        for tache in reversed(list(pool)):
            if nombre <= 0:
                break
            if etat_entree(tache) != PRETE:
                continue
            # Out of the pool first (synchronously): no page can take it any more.
            pool.remove(tache)
            self._lancer_arret(tache.result()["kernel_id"])
            nombre -= 1

    def _lancer_arret(self, kernel_id: str) -> None:
        arret = asyncio.ensure_future(self._arreter(kernel_id))
        self._arrets.add(arret)
        arret.add_done_callback(self._arrets.discard)

    async def _arreter(self, kernel_id: str) -> None:
        try:
            await self.km.shutdown_kernel(kernel_id)
        except Exception:  # noqa: BLE001 - already gone, or stopping
            self.log.warning("Noyau de réserve %s déjà arrêté", kernel_id)

    def etat(self, carnet: str) -> dict[str, int]:
        """For ``/atelier/etat.json``: pool size aimed at and class size behind it."""
        return {"reserve_visee": self.cible(carnet), "classe_visee": self.classe_visee(carnet)}
