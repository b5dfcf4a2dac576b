"""A laptop is not a server (issue 29): pool growth stops where the free memory ends.

Four apps opened to check them warmed 67 kernels (≈ 9 GB). The pilot now takes the smaller of
``max_noyaux_total`` and what the free memory holds (a margin of 1 Go kept, the memory of one
kernel measured on the running ones), and the server says so at start, in French.
"""

from __future__ import annotations

import os

import psutil

from widgets.tableaux_de_bord import ConfigTableauxDeBord
from widgets.tableaux_de_bord.memoire import (
    MO,
    MesureMemoire,
    annonce_reserve,
    memoire_disponible,
    noyaux_que_la_memoire_permet,
    pids_des_noyaux,
)
from widgets.tableaux_de_bord.reserve import PiloteReserve

GO = 1024 * MO
APP = "negociation.ipynb"


class Pret:
    """A pool entry already started and rendered."""

    def done(self) -> bool:
        return True

    def cancelled(self) -> bool:
        return False

    def exception(self):
        return None

    def result(self) -> dict:
        return {"task": self, "kernel_id": "k"}


class Gestionnaire:
    """What the pilot reads of Voilà's kernel manager: one app, ``vivants`` live kernels."""

    def __init__(self, pool: int, vivants: int) -> None:
        self._pools = {APP: [Pret() for _ in range(pool)]}
        self.kernel_pools_config = {APP: {"pool_size": 2}}
        self.vivants = vivants

    def list_kernel_ids(self) -> list[str]:
        return [f"k{i}" for i in range(self.vivants)]

    def noyaux_en_service(self, carnet: str) -> int:
        return self.vivants - len(self._pools[APP])


def _pilote(libre: int | None, par_noyau: int = 150 * MO, **reglages) -> PiloteReserve:
    km = Gestionnaire(pool=2, vivants=2)
    reglages = {"taille_classe": 36, "demarrages_simultanes": 100, **reglages}
    memoire = MesureMemoire(lambda: libre, par_noyau=par_noyau)
    pilote = PiloteReserve(km, ConfigTableauxDeBord(**reglages), [APP], memoire=memoire)
    pilote.brancher(demarrer=False)
    pilote.ouverture(APP)
    pilote.fin_ouverture(APP)
    return pilote


def test_free_memory_divided_by_the_kernel_size_after_the_margin():
    # (4 Go − 1 Go) / 150 Mo = 3 072 / 150 = 20,48 → 20 kernels.
    assert noyaux_que_la_memoire_permet(4 * GO, 150 * MO) == 20
    # Less free memory than the margin: none.
    assert noyaux_que_la_memoire_permet(800 * MO, 150 * MO) == 0
    assert noyaux_que_la_memoire_permet(None, 150 * MO) is None


def test_the_pool_of_an_opened_app_grows_only_as_far_as_the_memory_allows():
    # 1 Go + 5 × 150 Mo free: 5 kernels more, not the 34 more the class of 36 would ask.
    pilote = _pilote(GO + 5 * 150 * MO)
    assert pilote.cible(APP) == 36
    assert pilote.noyaux_en_plus_permis() == 5
    assert pilote.taille_autorisee(APP) == 2 + 5


def test_max_noyaux_total_still_bounds_a_machine_with_plenty_of_memory():
    pilote = _pilote(64 * GO, max_noyaux_total=10)
    # 10 live at most, 2 already live: 8 more.
    assert pilote.noyaux_en_plus_permis() == 8
    assert pilote.taille_autorisee(APP) == 10


def test_a_full_machine_keeps_only_the_base_pool():
    pilote = _pilote(512 * MO)
    assert pilote.noyaux_en_plus_permis() == 0
    assert pilote.taille_autorisee(APP) == 2


def test_the_kernel_size_is_the_median_of_the_measured_kernels():
    mesure = MesureMemoire(lambda: 4 * GO, par_noyau=140 * MO)
    mesure.mesurer_noyaux([100 * MO, None, 300 * MO, 120 * MO])
    assert mesure.par_noyau == 120 * MO
    # (4 Go − 1 Go) / 120 Mo = 3 072 / 120 = 25,6 → 25.
    assert mesure.noyaux_en_plus() == 25


def test_the_kernel_pids_are_read_from_the_kernel_manager():
    class Provisionneur:
        pid = os.getpid()

    class Noyau:
        provisioner = Provisionneur()

    class Km:
        def list_kernel_ids(self):
            return ["a", "parti"]

        def get_kernel(self, kernel_id):
            if kernel_id == "parti":
                raise KeyError(kernel_id)
            return Noyau()

    assert pids_des_noyaux(Km()) == [os.getpid()]


def test_the_free_memory_is_read_from_the_system():
    disponible = memoire_disponible()
    attendu = psutil.virtual_memory().available
    assert disponible is not None and abs(disponible - attendu) < 256 * MO


def test_the_start_message_says_how_many_kernels_and_why_in_french():
    texte = annonce_reserve(
        8 * GO, 140 * MO, max_noyaux_total=100, nombre_apps=11, taille_pool_defaut=2
    )
    # (8 Go − 1 Go) / 140 Mo = 7 168 / 140 = 51,2 → 51 kernels, below max_noyaux_total.
    assert texte == (
        "Atelier NRC : au repos, 2 noyaux préchauffés par application (22 en tout) ; quand une "
        "classe arrive, la réserve grandit jusqu'à 51 noyaux au plus (8,0 Go de mémoire "
        "libre, 1,0 Go laissés au système, environ 140 Mo par noyau)."
    )
    texte = annonce_reserve(
        64 * GO, 140 * MO, max_noyaux_total=100, nombre_apps=3, taille_pool_defaut=1
    )
    assert "jusqu'à 100 noyaux au plus (réglage max_noyaux_total ; 64,0 Go" in texte
    assert "1 noyau préchauffé par application (3 en tout)" in texte
