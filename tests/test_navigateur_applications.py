"""Real browser on every app of voila_apps/: a student opens it, types French input, reads the
figures (computed by hand below), triggers an error and reads the French message.

Every app (present and future) gets the generic check: renders, French, no traceback, every
request to the local server, screenshot in test-artefacts/. Known apps get their scenario.
"""

from __future__ import annotations

import pytest
from outils.ci import outil_manquant
from outils.navigateur import requetes_externes

from widgets.donnees.chemins import DOSSIER_APPS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

APPS = sorted(p.name for p in DOSSIER_APPS.glob("*.ipynb"))


def _espaces(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\xa0", " ").split())


def _ouvrir(page, serveur, carnet: str):
    page.goto(f"{serveur.base}/voila/render/{carnet}")
    page.locator(".atelier-resultat").first.wait_for(state="attached")
    return page


def _saisir(page, champ: str, texte: str) -> None:
    page.locator(f".atelier-champ-{champ} input").first.fill(texte)


@pytest.mark.parametrize("carnet", APPS)
def test_every_app_renders_for_a_student(page_eleve, serveur_apps, capture_ecran, carnet):
    page = _ouvrir(page_eleve, serveur_apps, carnet)
    texte = page.locator("body").inner_text()
    assert "Traceback" not in texte
    assert "Une erreur est survenue" not in texte
    assert "There was an error" not in texte
    assert page.locator("html").get_attribute("lang") == "fr"
    capture_ecran(page, f"app_{carnet.removesuffix('.ipynb')}")
    assert requetes_externes(page, serveur_apps.base) == []


def _exige(carnet: str) -> None:
    if carnet not in APPS:
        outil_manquant(f"{carnet} n'est pas (encore) publié dans voila_apps/")


def test_marges_two_known_figures_give_all_the_others(page_eleve, serveur_apps, capture_ecran):
    _exige("marges.ipynb")
    page = _ouvrir(page_eleve, serveur_apps, "marges.ipynb")
    resultat = page.locator(".atelier-marges .atelier-resultat").first
    resultat.get_by_text("Tous les chiffres").wait_for()
    _saisir(page, "taux-marque", "")
    _saisir(page, "taux-marge", "25 %")
    _saisir(page, "cout", "1 200")
    resultat.filter(has_text="1 500,00").wait_for()
    texte = _espaces(resultat.inner_text())
    # coût 1 200 ; taux de marge 25 % → PV HT 1 500 ; marge 300 ; marque 300/1 500 = 20 % ;
    # PV TTC 1 500 × 1,20 = 1 800 ; coefficient 1 800 / 1 200 = 1,5 ; coefficient HT 1,25
    for attendu in (
        "Prix de vente HT 1 500,00 €",
        "Prix de vente TTC 1 800,00 €",
        "Marge unitaire 300,00 €",
        "Taux de marque 20 %",
        "Coefficient multiplicateur 1,5",
        "Coefficient HT 1,25",
    ):
        assert attendu in texte
    _saisir(page, "cout", "abc")
    erreur = page.locator(".atelier-erreur-cout")
    erreur.get_by_text("n'est pas un montant").wait_for()
    assert "Coût d'achat HT : « abc » n'est pas un montant." in _espaces(erreur.inner_text())
    capture_ecran(page, "scenario_marges")


def test_facture_quantity_and_port_give_the_net_to_pay(page_eleve, serveur_apps, capture_ecran):
    _exige("facture.ipynb")
    page = _ouvrir(page_eleve, serveur_apps, "facture.ipynb")
    resultat = page.locator(".atelier-facture .atelier-resultat").first
    resultat.get_by_text("Net à payer").wait_for()
    _saisir(page, "quantite", "12")
    # 12 × 8,90 = 106,80 HT ; TVA 20 % = 21,36 ; net à payer 128,16 TTC
    resultat.filter(has_text="128,16").wait_for()
    texte = _espaces(resultat.inner_text())
    assert "Montant brut HT 106,80 €" in texte
    assert "TVA 20 % 21,36 €" in texte
    assert "Net à payer TTC 128,16 €" in texte
    _saisir(page, "quantite", "douze")
    visible = page.locator(".atelier-erreur:visible")
    visible.filter(has_text="n'est pas une quantité").first.wait_for()
    assert "« douze » n'est pas une quantité" in _espaces(page.locator("body").inner_text())
    assert "Net à payer TTC 128,16 €" in _espaces(resultat.inner_text())  # last valid kept
    capture_ecran(page, "scenario_facture")


def test_negociation_cost_moves_the_floor_price(page_eleve, serveur_apps, capture_ecran):
    _exige("negociation.ipynb")
    page = _ouvrir(page_eleve, serveur_apps, "negociation.ipynb")
    resultat = page.locator(".atelier-negociation .atelier-resultat").first
    resultat.get_by_text("Prix plancher").wait_for()
    _saisir(page, "cout", "750")
    # coût 750, taux de marge minimum 20 % → plancher 900 ; marge 1 000 − 750 = 250 ;
    # taux de marge 250 / 750 = 33,33 % ; marge de manœuvre 1 000 − 900 = 100
    resultat.filter(has_text="900,00").wait_for()
    texte = _espaces(resultat.inner_text())
    assert "Prix plancher 900,00 €" in texte
    assert "Marge restante 250,00 €" in texte
    assert "Taux de marge restant 33,33 %" in texte
    assert "Marge de manœuvre restante 100,00 €" in texte
    _saisir(page, "cout", "-5")
    page.locator(".atelier-erreur:visible").filter(has_text="est négatif").first.wait_for()
    assert "« -5 » est négatif" in _espaces(page.locator("body").inner_text())
    capture_ecran(page, "scenario_negociation")


def test_tournee_rejects_a_wrong_cost_per_km_in_french(page_eleve, serveur_apps, capture_ecran):
    _exige("tournee.ipynb")
    page = _ouvrir(page_eleve, serveur_apps, "tournee.ipynb")
    page.get_by_text("3. Coûts et résultats").click()  # the accordion section of the costs
    _saisir(page, "cout_km", "six centimes")
    erreur = page.locator(".atelier-erreur-cout_km")
    erreur.get_by_text("n'est pas un montant").wait_for()
    assert "« six centimes » n'est pas un montant" in _espaces(erreur.inner_text())
    capture_ecran(page, "scenario_tournee")


def test_the_gallery_lists_every_published_app(page_eleve, serveur_apps, capture_ecran):
    page_eleve.goto(serveur_apps.base + "/")
    cartes = page_eleve.locator("article.atelier-carte")
    cartes.first.wait_for()
    assert sorted(cartes.evaluate_all("els => els.map(e => e.dataset.carnet)")) == APPS
    for carte in cartes.all():
        assert carte.locator("h2").inner_text().strip()
        assert carte.locator(".atelier-description").inner_text().strip()
    capture_ecran(page_eleve, "galerie_applications")
    assert requetes_externes(page_eleve, serveur_apps.base) == []
