"""Only the exact name of an app is served; its kernel cap cannot be bypassed (issue 26, item 6).

``/voila/render/crm.ipynb/`` (trailing slash) used to start kernels past the app's cap without
being counted. Every address that is not exactly a published app now gets the French 404 and
starts no kernel; a page handed a pre-heated kernel counts at once (not when its socket opens).
"""

from __future__ import annotations

import http.client
import time
from urllib.parse import urlparse

import pytest
from outils.serveurs import DOSSIER_APPS_ESSAI, serveur_pret

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    with serveur_pret(
        tmp_path_factory.mktemp("chemins"),
        DOSSIER_APPS_ESSAI,
        taille_pool={"prix_ttc.ipynb": 1, "en_panne.ipynb": 0, "visites.ipynb": 0},
        max_noyaux={"prix_ttc.ipynb": 2},
        max_noyaux_defaut=4,
    ) as serveur:
        yield serveur


def _get(serveur, chemin: str) -> tuple[int, str, float]:
    """GET the raw ``chemin`` (sent as is: no client-side normalisation)."""
    adresse = urlparse(serveur.base)
    connexion = http.client.HTTPConnection(adresse.hostname, adresse.port, timeout=60)
    debut = time.perf_counter()
    try:
        connexion.request("GET", chemin)
        reponse = connexion.getresponse()
        return reponse.status, reponse.read().decode("utf-8"), time.perf_counter() - debut
    finally:
        connexion.close()


CHEMINS_REFUSES = [
    "/voila/render/prix_ttc.ipynb/",
    "/voila/render/prix_ttc.ipynb//",
    "/voila/render//prix_ttc.ipynb",
    "/voila/render/./prix_ttc.ipynb",
    "/voila/render/%2e/prix_ttc.ipynb",
    "/voila/render/x/../prix_ttc.ipynb",
    "/voila/render/x/%2e%2e/prix_ttc.ipynb",
    "/voila/render/prix_ttc.ipynb%2f",
    "/voila/render/prix_ttc%2eipynb/",
    "/voila/render/%2e%2e/%2e%2e/etc/passwd",
    "/voila/render/appli_essai.py",
    "/voila/render/",
]


@pytest.mark.parametrize("chemin", CHEMINS_REFUSES)
def test_an_address_that_is_not_exactly_an_app_is_a_french_404_without_kernel(serveur, chemin):
    avant = serveur.etat()["noyaux_total"]
    statut, page, duree = _get(serveur, chemin)
    assert statut == 404, chemin
    assert "Application introuvable" in page
    assert duree < 1
    assert serveur.etat()["noyaux_total"] == avant


def test_the_cap_counts_pages_that_never_open_their_socket(serveur):
    """Two pages of prix_ttc (cap 2), no websocket: the third visitor is refused (503)."""
    statuts = [_get(serveur, "/voila/render/prix_ttc.ipynb")[0] for _ in range(3)]
    assert statuts == [200, 200, 503]
    assert serveur.etat()["apps"]["prix_ttc.ipynb"]["en_service"] == 2
    # the encoded name is the same app and is refused as well
    assert _get(serveur, "/voila/render/prix%5Fttc.ipynb")[0] == 503
    statut, _, duree = _get(serveur, "/")
    assert statut == 200 and duree < 1


def test_pages_requested_together_at_the_cap_never_pass_it(serveur):
    """visites.ipynb (no pool, cap 4): each page starts its kernel, which takes seconds; six
    requests sent at the same moment used to be checked against the kernels already counted
    (none yet) and all passed. Now the places are taken at admission: four pages, two 503."""
    from concurrent.futures import ThreadPoolExecutor

    assert serveur.etat()["apps"]["visites.ipynb"]["en_service"] == 0
    with ThreadPoolExecutor(6) as pool:
        statuts = list(
            pool.map(lambda _: _get(serveur, "/voila/render/visites.ipynb")[0], range(6))
        )
    assert sorted(statuts) == [200, 200, 200, 200, 503, 503]
    assert serveur.etat()["apps"]["visites.ipynb"]["en_service"] == 4
