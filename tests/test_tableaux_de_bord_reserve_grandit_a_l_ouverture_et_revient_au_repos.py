"""The pool of an app grows toward the class size when the app is opened (one kernel at a time,
within the caps), follows a prepared session, and shrinks back once the app is quiet.

Unit tests of :class:`widgets.tableaux_de_bord.reserve.PiloteReserve` with a fake clock and a
fake kernel manager that fills its pools exactly as Voilà 0.5 does (``pool_size - len(pool)``
new kernels, ``pool_size`` read from ``kernel_pools_config`` at that moment); the last test
runs the real server.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from datetime import timedelta

import pytest

from benchmarks.visiteur_voila import executer
from widgets.tableaux_de_bord import ConfigTableauxDeBord
from widgets.tableaux_de_bord.reserve import (
    MORTE,
    PREPARATION,
    PRETE,
    PiloteReserve,
    ReglagePool,
    etat_entree,
)
from widgets.tableaux_de_bord.seance import preparer_seance

APP = "negociation.ipynb"
AUTRE = "facture.ipynb"


class FauxRendu:
    def __init__(self) -> None:
        self.fini = False

    def done(self) -> bool:
        return self.fini


class FausseTache:
    """One entry of a Voilà pool: starting (not done), executing its notebook, then ready."""

    def __init__(self, kernel_id: str) -> None:
        self.kernel_id = kernel_id
        self.demarre = False
        self.rendu = FauxRendu()

    def done(self) -> bool:
        return self.demarre

    def cancelled(self) -> bool:
        return False

    def exception(self):
        return None

    def result(self) -> dict:
        return {"task": self.rendu, "kernel_id": self.kernel_id}


class FauxGestionnaire:
    """What the pilot uses of Voilà's kernel manager, with Voilà's filling rule."""

    def __init__(self, carnets, base: int = 2) -> None:
        self._pools = {c: [] for c in carnets}
        self.rendus_incomplets: set[str] = set()
        self.kernel_pools_config = {
            c: {"pool_size": base, "kernel_env_variables": {"ATELIER_APP": c}} for c in carnets
        }
        self.en_service: Counter[str] = Counter()
        self.arretes: list[str] = []
        self.crees = 0
        self._ids = itertools.count(1)
        for carnet in carnets:
            self.fill_if_needed(delay=0, notebook_name=carnet)
            self.tout_preparer()

    def fill_if_needed(self, delay=None, notebook_name=None, **_):
        reglage = self.kernel_pools_config[notebook_name]
        pool = self._pools[notebook_name]
        for _ in range(reglage.get("pool_size", 1) - len(pool)):
            pool.append(FausseTache(f"k{next(self._ids)}"))
            self.crees += 1

    def tout_preparer(self) -> None:
        """Every kernel in preparation finishes (start and notebook execution)."""
        for pool in self._pools.values():
            for tache in pool:
                tache.demarre = True
                tache.rendu.fini = True

    def prendre(self, carnet: str) -> None:
        """A page takes the oldest pool kernel, then Voilà refills (get_rendered_notebook)."""
        self._pools[carnet].pop(0)
        self.en_service[carnet] += 1
        self.fill_if_needed(delay=5, notebook_name=carnet)

    def noyaux_en_service(self, carnet: str) -> int:
        return self.en_service[carnet]

    def list_kernel_ids(self) -> list[str]:
        dans_pools = [t.kernel_id for p in self._pools.values() for t in p if t.done()]
        return dans_pools + [f"eleve{i}" for i in range(sum(self.en_service.values()))]

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs) -> None:
        self.arretes.append(kernel_id)

    def taille(self, carnet: str) -> int:
        return len(self._pools[carnet])

    def en_preparation(self) -> int:
        return sum(etat_entree(t) == PREPARATION for p in self._pools.values() for t in p)


class Horloge:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _pilote(tmp_path, **reglages):
    reglages = {
        "taille_pool_defaut": 2,
        "taille_classe": 36,
        "delai_retour_reserve": 1800,
        "demarrages_simultanes": 1,
        "dossier_donnees": str(tmp_path / "srv"),
        **reglages,
    }
    km = FauxGestionnaire([APP, AUTRE], base=reglages["taille_pool_defaut"])
    horloge = Horloge()
    decalage = {"minutes": 0}
    pilote = PiloteReserve(
        km,
        ConfigTableauxDeBord(**reglages),
        [APP, AUTRE],
        horloge=horloge,
        maintenant=lambda: (
            __import__("datetime").datetime.now().astimezone()
            + timedelta(minutes=decalage["minutes"])
        ),
    )
    pilote.brancher(demarrer=False)
    return pilote, km, horloge, decalage


def _ouvrir(pilote, km) -> None:
    """A page of APP is opened: it takes a pool kernel and its student stays connected."""
    pilote.ouverture(APP)
    km.prendre(APP)
    pilote.fin_ouverture(APP)


def _grandir(pilote, km, tours: int = 200) -> int:
    """Ticks until the pool is stable; checks one pool kernel at most is prepared at a time."""
    for _ in range(tours):
        avant = km.crees
        pilote.tic()
        assert km.en_preparation() <= 1
        km.tout_preparer()
        if km.crees == avant:
            pilote.tic()
            if km.crees == avant:
                return km.crees
    raise AssertionError("la réserve ne se stabilise pas")


def test_pool_entries_states_are_read_like_voila_builds_them():
    tache = FausseTache("k")
    assert etat_entree(tache) == PREPARATION  # kernel starting
    tache.demarre = True
    assert etat_entree(tache) == PREPARATION  # notebook executing
    tache.rendu.fini = True
    assert etat_entree(tache) == PRETE

    class Echec(FausseTache):
        def exception(self):
            return RuntimeError("échec")

    echec = Echec("k")
    echec.demarre = True
    assert etat_entree(echec) == MORTE


def test_a_quiet_app_keeps_its_small_pool(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path)
    assert pilote.cible(APP) == 2
    _grandir(pilote, km)
    assert km.taille(APP) == 2 and km.taille(AUTRE) == 2
    assert km.crees == 4  # nothing started beyond the initial pools


def test_voila_reads_the_pool_size_from_the_pilot_and_keeps_the_kernel_env(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path)
    reglage = km.kernel_pools_config[APP]
    assert isinstance(reglage, ReglagePool)
    assert reglage.get("kernel_env_variables") == {"ATELIER_APP": APP}
    assert reglage.get("pool_size") == reglage["pool_size"] == 2
    pilote.ouverture(APP)
    assert reglage.get("pool_size") == 2  # a page is being served: no growth yet
    pilote.fin_ouverture(APP)
    assert reglage.get("pool_size") == 3  # one more, being prepared
    pilote.arreter()
    assert reglage.get("pool_size") == 0  # stopping: no refill at all


def test_opening_an_app_grows_its_pool_one_kernel_at_a_time_to_the_class_size(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path)
    # The teacher opens the app and keeps the page: one kernel in service.
    _ouvrir(pilote, km)
    assert pilote.cible(APP) == 35  # 36 for the class, one already serving
    _grandir(pilote, km)
    assert km.taille(APP) == 35
    assert km.taille(AUTRE) == 2  # the other apps are not touched


def test_the_class_takes_the_pool_without_a_refill_storm(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path)
    _ouvrir(pilote, km)
    km.en_service[APP] -= 1  # the teacher closed the tab
    _grandir(pilote, km)
    assert km.taille(APP) == 36
    crees = km.crees
    for _ in range(35):  # 35 students arrive, each takes a ready kernel
        _ouvrir(pilote, km)
        pilote.tic()
    # 35 in service, 1 spare left; only the quiet pool of 2 is restored
    assert km.en_service[APP] == 35
    assert km.crees - crees == 1
    assert km.taille(APP) == 2


def test_growth_stops_at_the_app_cap_and_at_the_server_total(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path, max_noyaux_defaut=10)
    _ouvrir(pilote, km)
    _grandir(pilote, km)
    assert km.taille(APP) == 9  # 10 students at most on this app, 1 already served

    pilote, km, _, _ = _pilote(tmp_path, max_noyaux_total=12)
    _ouvrir(pilote, km)
    _grandir(pilote, km)
    assert len(km.list_kernel_ids()) == 12  # 1 in service + 2 (other app) + 9 pool
    assert km.taille(APP) == 9


def test_the_pool_returns_to_rest_after_the_idle_delay_ready_kernels_only(tmp_path):
    async def scenario():
        pilote, km, horloge, _ = _pilote(tmp_path, delai_retour_reserve=600)
        _ouvrir(pilote, km)
        km.en_service[APP] -= 1
        _grandir(pilote, km)
        assert km.taille(APP) == 36
        gardes = [t.kernel_id for t in km._pools[APP][:2]]
        horloge.t += 599
        pilote.tic()
        assert km.taille(APP) == 36  # still within the delay
        km._pools[APP].append(FausseTache("en-cours"))  # one still being prepared
        horloge.t += 2
        pilote.tic()
        await asyncio.sleep(0)
        # back to 2: 35 ready kernels shut down (newest first); the one being prepared counts
        # in the 2 and is never shut down half-way
        assert len(km.arretes) == 35
        assert [t.kernel_id for t in km._pools[APP]] == [gardes[0], "en-cours"]
        km.tout_preparer()
        pilote.tic()
        await asyncio.sleep(0)
        assert [t.kernel_id for t in km._pools[APP]] == [gardes[0], "en-cours"]
        assert len(km.arretes) == 35

    executer(scenario())  # own thread: a browser test may hold this one's loop


def test_a_prepared_session_sets_the_pool_without_any_opening_until_it_ends(tmp_path):
    async def scenario():
        pilote, km, _, decalage = _pilote(tmp_path)
        preparer_seance("negociation", 20, duree_minutes=60, dossier=tmp_path / "srv")
        pilote.tic()
        assert pilote.classe_visee(APP) == 21
        _grandir(pilote, km)
        assert km.taille(APP) == 21
        decalage["minutes"] = 61  # the session is over, nobody opened the app
        pilote.tic()
        await asyncio.sleep(0)
        assert km.taille(APP) == 2

    executer(scenario())  # own thread: a browser test may hold this one's loop


def test_a_session_for_a_small_group_wins_over_the_default_class_size(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path)
    preparer_seance("negociation", 8, dossier=tmp_path / "srv")
    pilote.ouverture(APP)  # reads the file at once
    pilote.fin_ouverture(APP)
    assert pilote.classe_visee(APP) == 9
    _grandir(pilote, km)
    assert km.taille(APP) == 9


def test_no_automatic_growth_when_the_class_size_is_zero(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path, taille_classe=0)
    _ouvrir(pilote, km)
    _grandir(pilote, km)
    assert km.taille(APP) == 2


@pytest.mark.timeout(300)
def test_the_real_server_grows_the_opened_app_then_returns_to_rest(
    serveur_tableaux_sur_mesure, tmp_path
):
    from benchmarks.visiteur_voila import VisiteurVoila

    serveur = serveur_tableaux_sur_mesure(
        taille_pool={"prix_ttc.ipynb": 1, "en_panne.ipynb": 0, "visites.ipynb": 0},
        taille_classe=3,
        delai_retour_reserve=45,  # growth of 3 kernels must finish first on a loaded machine
        delai_remplissage=0.5,
        dossier_donnees=str(tmp_path / "srv"),
    )
    assert serveur.etat()["apps"]["prix_ttc.ipynb"]["reserve_visee"] == 1

    async def ouvrir_une_fois():
        eleve = VisiteurVoila(serveur.base, delai=60)
        try:
            await eleve.ouvrir("prix_ttc.ipynb")
        finally:
            await eleve.fermer()

    executer(ouvrir_une_fois())

    def attendre(condition, delai=120.0):
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            etat = serveur.etat()["apps"]["prix_ttc.ipynb"]
            if condition(etat):
                return etat
            time.sleep(0.5)
        pytest.fail(f"état inattendu : {etat}\n{serveur.lire_sortie()}")

    etat = attendre(lambda e: e["reserve_prete"] == 3 and e["en_service"] == 0)
    assert etat["reserve_visee"] == 3 and etat["classe_visee"] == 3
    etat = attendre(lambda e: e["reserve"] == 1 and e["vivants"] == 1)
    assert etat["reserve_visee"] == 1
    journal = serveur.lire_sortie()
    assert "Réserve de prix_ttc.ipynb : 3 noyau(x) pour la classe, 1 au repos" in journal
    assert "(application au repos)" in journal

    # A session prepared while the server runs (what `atelier seance` does): read within
    # seconds, no restart, no page opened.
    preparer_seance("visites", 1, duree_minutes=30, dossier=tmp_path / "srv")
    fin = time.monotonic() + 120
    while time.monotonic() < fin:
        visites = serveur.etat()["apps"]["visites.ipynb"]
        if visites["reserve_prete"] == 2:
            break
        time.sleep(0.5)
    assert visites["classe_visee"] == 2 and visites["reserve_prete"] == 2, visites
    ligne = "Réserve de visites.ipynb : 2 noyau(x) pour la classe, 0 au repos"
    assert f"{ligne} (séance préparée pour 1 élève)" in serveur.lire_sortie()


def test_growth_waits_while_a_page_is_being_served(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path)
    pilote.ouverture(APP)  # a student's page: its notebook is running
    km.prendre(APP)
    pilote.tic()
    pilote.tic()
    assert km.taille(APP) == 1  # nothing started while the page runs, not even the refill
    pilote.tic()
    assert km.taille(APP) == 1
    pilote.fin_ouverture(APP)  # page served: the pool at rest first, one kernel at a time
    pilote.tic()
    assert km.taille(APP) == 2 and km.en_preparation() == 1
    km.tout_preparer()
    pilote.tic()
    assert km.taille(APP) == 3 and km.en_preparation() == 1  # then the growth


def test_a_cold_class_starts_no_pool_kernel_while_its_pages_are_served(tmp_path):
    # The app was never opened: 2 ready kernels at rest. 10 students arrive at once; each page
    # runs until all are served. Before issue 27 each page's refill started a pool kernel (10
    # starts competing with the pages); now none starts until the wave is served.
    pilote, km, _, _ = _pilote(tmp_path)
    crees = km.crees
    for _ in range(10):
        pilote.ouverture(APP)
        if pilote.noyau_pret(APP):
            km.prendre(APP)  # the first two students get the ready kernels
        else:
            km.en_service[APP] += 1  # the others start their own kernel (plain Voilà's path)
        pilote.tic()
    assert km.crees == crees and km.taille(APP) == 0
    for _ in range(10):
        pilote.fin_ouverture(APP)
    pilote.tic()
    assert km.crees == crees + 2  # served: the pool at rest is refilled, then growth follows


def test_a_page_takes_a_pool_kernel_only_when_one_is_ready(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path)
    pool = km._pools[APP]
    assert pilote.noyau_pret(APP)  # two ready kernels at rest
    pool.clear()
    assert not pilote.noyau_pret(APP)  # empty pool
    en_attente = FausseTache("en-attente")  # refill sleeping its delay, or kernel starting
    pool.append(en_attente)
    assert not pilote.noyau_pret(APP)
    en_attente.demarre = True  # kernel started, notebook still executing
    assert not pilote.noyau_pret(APP)
    pret = FausseTache("pret")
    pret.demarre = pret.rendu.fini = True
    pool.append(pret)
    assert pilote.noyau_pret(APP) and pool[0] is pret  # the ready one goes first


def test_the_app_opened_last_grows_first(tmp_path):
    pilote, km, horloge, _ = _pilote(tmp_path)
    # AUTRE (facture) comes first alphabetically and was glanced at first; the class app last.
    _ouvrir_carnet(pilote, km, AUTRE)
    horloge.t += 60
    _ouvrir_carnet(pilote, km, APP)
    assert pilote.ordre_de_croissance() == [APP, AUTRE]
    for _ in range(10):
        pilote.tic()
        km.tout_preparer()
    assert km.taille(APP) == 11  # 1 left after the page + the 10 kernels prepared one per tick
    assert km.taille(AUTRE) == 2


def test_a_prepared_session_grows_before_an_app_merely_opened(tmp_path):
    pilote, km, _, _ = _pilote(tmp_path)
    _ouvrir_carnet(pilote, km, AUTRE)
    preparer_seance("negociation", 20, dossier=tmp_path / "srv")
    pilote.tic()
    assert pilote.ordre_de_croissance() == [APP, AUTRE]


def test_a_page_gets_a_ready_kernel_never_one_whose_outputs_were_lost(tmp_path):
    async def scenario():
        pilote, km, _, _ = _pilote(tmp_path)
        pool = km._pools[APP]
        perdu, pret = pool[0].kernel_id, pool[1].kernel_id
        en_cours = FausseTache("en-cours")  # kernel started, notebook still running
        en_cours.demarre = True
        pool.insert(0, en_cours)
        km.rendus_incomplets.add(perdu)  # serveur.py records it when a cell times out
        pilote.avant_page(APP)
        await asyncio.sleep(0)
        assert [t.kernel_id for t in pool] == [pret, "en-cours"]  # what Voilà pops first
        assert km.arretes == [perdu] and perdu not in km.rendus_incomplets

    executer(scenario())  # own thread: a browser test may hold this one's loop


def test_a_timed_out_cell_marks_its_kernel_for_the_pool(tmp_path):
    from types import SimpleNamespace

    from widgets.tableaux_de_bord.serveur import MESSAGE_SORTIES_PERDUES, _delai_depasse_en_francais

    gestionnaire = SimpleNamespace(rendus_incomplets=set())
    executeur = SimpleNamespace(
        km=SimpleNamespace(kernel_id="k42", parent=gestionnaire),
        iopub_timeout=60,
        log=__import__("logging").getLogger("test"),
    )
    cellule = {"id": "c1", "outputs": []}
    _delai_depasse_en_francais(executeur, cellule)
    assert gestionnaire.rendus_incomplets == {"k42"}
    assert cellule["outputs"][0]["traceback"] == [MESSAGE_SORTIES_PERDUES]


def _ouvrir_carnet(pilote, km, carnet: str) -> None:
    """A page of ``carnet`` is opened and served; its student then leaves (tab closed)."""
    pilote.ouverture(carnet)
    km.prendre(carnet)
    pilote.fin_ouverture(carnet)
    km.en_service[carnet] -= 1
