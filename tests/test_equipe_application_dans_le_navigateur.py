"""Real browser: the Voilà app « équipe commerciale » served by ``atelier dashboards`` at
1366×768, offline: the sector map is drawn, a French typing slip is explained next to its field
and the last result kept, the VRP / agent tab shows the point d'indifférence."""

from __future__ import annotations

from pathlib import Path

import pytest
from outils.navigateur import requetes_externes
from outils.serveurs import serveur_pret

from widgets.donnees.chemins import DOSSIER_APPS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def serveur_equipe(tmp_path_factory: pytest.TempPathFactory, base_demo: Path):
    dossier = tmp_path_factory.mktemp("serveur_equipe")
    pools = {p.name: (1 if p.name == "equipe.ipynb" else 0) for p in DOSSIER_APPS.glob("*.ipynb")}
    with serveur_pret(
        dossier,
        DOSSIER_APPS,
        delai=150,
        env={"ATELIER_BASE": str(base_demo)},
        taille_pool=pools,
        max_noyaux_defaut=2,
    ) as serveur:
        yield serveur


def test_secteurs_carte_erreur_francaise_et_point_d_indifference(
    page_eleve, serveur_equipe, capture_ecran
):
    page_eleve.goto(serveur_equipe.base + "/voila/render/equipe.ipynb")
    page_eleve.locator(".atelier-secteurs-tableau").wait_for(timeout=120_000)
    page_eleve.wait_for_function(
        "() => { const i = document.querySelector('.atelier-secteurs img');"
        " return i && i.naturalWidth > 300; }"
    )
    capture_ecran(page_eleve, "app_equipe_secteurs")
    champ = page_eleve.locator(".atelier-champ-secteurs input")
    champ.fill("")
    champ.type("trois")
    champ.press("Enter")
    page_eleve.locator(".atelier-erreur-secteurs").get_by_text("n'est pas une quantité").wait_for()
    assert page_eleve.locator(".atelier-secteurs-tableau").count() == 1  # last result kept
    champ.fill("")
    champ.type("3")
    champ.press("Enter")
    a_jour = page_eleve.locator(".atelier-secteurs .atelier-resultat:not(.atelier-perime)")
    a_jour.get_by_text("Plus grand écart à la moyenne").wait_for()
    assert a_jour.locator("tr").count() == 4  # header + 3 sectors
    page_eleve.get_by_role("tab", name="VRP ou agent").click()
    page_eleve.locator(".atelier-statut-point").get_by_text("615\u202f929,20").wait_for()
    capture_ecran(page_eleve, "app_equipe_statut")
    assert requetes_externes(page_eleve, serveur_equipe.base) == []
    assert page_eleve.evaluate("document.documentElement.scrollWidth") <= 1366
