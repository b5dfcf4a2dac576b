"""Real browser: the Voilà apps « tournée » and « plan de vente » served by ``atelier dashboards``
at 1366×768, offline (no tile server, no CDN): the map is drawn, French input works, the plan
is saved on every keystroke and found again after the tab is closed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from outils.navigateur import requetes_externes
from outils.serveurs import serveur_pret

from widgets.donnees.chemins import DOSSIER_APPS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def serveur_plans(tmp_path_factory: pytest.TempPathFactory, base_demo: Path):
    dossier = tmp_path_factory.mktemp("serveur_plans")
    # Kernels prepared in advance: two for the sales plan, so that its second visit gets a
    # kernel rendered BEFORE the student's save; the editor reads the plan again when the page
    # connects (widgets.ui.champs.PlanEnregistre), so the page shows what was typed.
    pools = {p.name: 0 for p in DOSSIER_APPS.glob("*.ipynb")}
    pools.update({"tournee.ipynb": 1, "plan_de_vente.ipynb": 2})
    with serveur_pret(
        dossier,
        DOSSIER_APPS,
        delai=150,
        env={"ATELIER_BASE": str(base_demo)},
        taille_pool=pools,
        max_noyaux_defaut=2,
    ) as serveur:
        yield serveur


def test_tournee_carte_hors_connexion_et_saisie_francaise(page_eleve, serveur_plans, capture_ecran):
    page_eleve.goto(serveur_plans.base + "/voila/render/tournee.ipynb")
    resultat = page_eleve.locator(".atelier-tournee .atelier-resultat")
    resultat.get_by_text("Coût total du plan").wait_for()
    page_eleve.get_by_role("tab", name="Carte").click()
    carte = page_eleve.locator(".atelier-tournee img").first
    carte.wait_for()
    page_eleve.wait_for_function(
        "() => { const i = document.querySelector('.atelier-tournee img');"
        " return i && i.naturalWidth > 300; }"
    )
    capture_ecran(page_eleve, "app_tournee_carte")
    page_eleve.get_by_role("tab", name="Synthèse").click()
    page_eleve.get_by_text("2. Calendrier").click()
    champ = page_eleve.locator(".atelier-champ-jours input")
    champ.fill("")
    champ.type("trois")
    champ.press("Enter")
    erreur = page_eleve.locator(".atelier-erreur-jours")
    erreur.get_by_text("n'est pas une quantité").wait_for()
    champ.fill("")
    champ.type("3")
    champ.press("Enter")
    page_eleve.locator(".atelier-erreur-jours").get_by_text("n'est pas").wait_for(state="hidden")
    a_jour = page_eleve.locator(".atelier-tournee .atelier-resultat:not(.atelier-perime)")
    a_jour.get_by_text("Visites hors calendrier").wait_for()
    assert "pas dans le calendrier" in page_eleve.locator(".atelier-tournee").inner_text()
    capture_ecran(page_eleve, "app_tournee")
    assert requetes_externes(page_eleve, serveur_plans.base) == []
    largeur = page_eleve.evaluate("document.documentElement.scrollWidth")
    assert largeur <= 1366


def test_plan_de_vente_enregistre_a_chaque_frappe(page_eleve, serveur_plans, capture_ecran):
    page_eleve.goto(serveur_plans.base + "/voila/render/plan_de_vente.ipynb")
    remarques = page_eleve.locator(".atelier-plan-de-vente .atelier-resultat")
    remarques.get_by_text("rédigez une accroche").wait_for()
    page_eleve.get_by_text("Ce que dit le client").wait_for()  # the scenario is shown first
    page_eleve.get_by_text("1. Prise de contact").click()
    zone = page_eleve.locator(".atelier-champ-accroche textarea")
    zone.click()
    zone.type("Bonjour Madame, vos clients aiment-ils le métro ?")
    remarques.get_by_text("rédigez une accroche").wait_for(state="detached")
    capture_ecran(page_eleve, "app_plan_de_vente")
    fichier = (
        serveur_plans.donnees / "plans" / "plan_de_vente" / "boutique-souvenirs-tour-eiffel.json"
    )
    assert json.loads(fichier.read_text(encoding="utf-8"))["accroche"].startswith("Bonjour")
    # the tab is closed and reopened: the plan is still there
    page_eleve.goto("about:blank")
    page_eleve.goto(serveur_plans.base + "/voila/render/plan_de_vente.ipynb")
    page_eleve.locator(".atelier-plan-de-vente .atelier-resultat").get_by_text(
        "À compléter"
    ).wait_for()
    valeur = page_eleve.locator(".atelier-champ-accroche textarea").input_value()
    assert valeur == "Bonjour Madame, vos clients aiment-ils le métro ?"
    assert requetes_externes(page_eleve, serveur_plans.base) == []
    assert page_eleve.evaluate("document.documentElement.scrollWidth") <= 1366
