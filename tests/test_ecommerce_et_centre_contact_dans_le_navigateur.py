"""Real browser: the Voilà apps « boutique en ligne et marketplace » (ecommerce.ipynb) and
« centre de contact » (centre_contact.ipynb) served by ``atelier dashboards`` at 1366×768 on the
hand-filled base of tests/outils/petite_base_distance.py (every figure worked by hand there
and below): a student opens each app, changes an input and reads the French result change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from outils.ecran import LARGEURS, RESULTAT_AFFICHE, audit_axe, defauts_d_affichage
from outils.navigateur import requetes_externes
from outils.petite_base_distance import construire_base_distance
from outils.serveurs import serveur_pret

from widgets.donnees.chemins import DOSSIER_APPS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

APPS = ("ecommerce.ipynb", "centre_contact.ipynb")


def _espaces(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def serveur_distance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dossier = tmp_path_factory.mktemp("serveur_distance")
    base = construire_base_distance(dossier / "distance.db")
    pools = {p.name: (1 if p.name in APPS else 0) for p in DOSSIER_APPS.glob("*.ipynb")}
    with serveur_pret(
        dossier,
        DOSSIER_APPS,
        delai=150,
        env={"ATELIER_BASE": str(base)},
        taille_pool=pools,
        max_noyaux_defaut=2,
    ) as serveur:
        yield serveur


def test_ecommerce_une_source_puis_une_commission(page_eleve, serveur_distance, capture_ecran):
    page = page_eleve
    page.goto(serveur_distance.base + "/voila/render/ecommerce.ipynb")
    entonnoir = page.locator(".atelier-entonnoir-site .atelier-resultat").first
    entonnoir.get_by_text("Taux de conversion").first.wait_for()
    # 2025, every source: 4 300 visits, 500 carts, 114 orders, 6 960 € → 114 / 4 300 = 2,65 %
    assert "Taux de conversion (commandes / visites) 2,65 %" in _espaces(entonnoir.inner_text())
    page.locator(".atelier-entonnoir-site select").first.select_option(label="e-mailing")
    # e-mailing: 400 visits, 80 carts, 24 orders, 1 560 € → 6 %, abandon 1 − 24 / 80 = 70 %,
    # basket 1 560 / 24 = 65 €, 1 560 / 400 = 3,90 € per visit
    entonnoir.filter(has_text=re.compile(r"Panier moyen TTC\s*65,00")).wait_for()
    texte = _espaces(entonnoir.inner_text())
    assert "Taux de conversion (commandes / visites) 6 %" in texte
    assert "Taux d'abandon de panier 70 %" in texte
    assert "Panier moyen TTC 65,00 €" in texte and "CA par visite 3,90 €" in texte

    comparaison = page.locator(".atelier-marketplace .atelier-resultat").first
    comparaison.get_by_text("Marge nette").first.wait_for()
    # 2025: 6 orders for 350 € HT → 58,33 €; cost 40 % = 23,33; commission 30 / 200 = 15 % →
    # 8,75; logistics 4,50; returns 2 / 3 = 66,67 % × (12,50 + 10 + 11) / 3 = 11,17 → 7,45:
    # marketplace 14,30 €; site 58,33 − 23,33 − 1,05 − 6 − 810 / 114 = 7,11 − 3,72 = 17,12 €
    texte = _espaces(comparaison.inner_text())
    assert "Marge nette 14,30 € 17,12 €" in texte
    assert "Par commande, le site rapporte 2,82 € de plus." in texte
    champ = page.locator(".atelier-champ-commission input")
    champ.fill("5 %")
    # 5 % of 58,33 = 2,92: 58,33 − 23,33 − 2,92 − 4,50 − 7,45 = 20,13 €, 3,01 € above the site
    comparaison.filter(has_text="20,13 €").wait_for()
    assert "Par commande, la marketplace rapporte 3,01 € de plus." in _espaces(
        comparaison.inner_text()
    )
    champ.fill("cent")
    erreur = page.locator(".atelier-erreur-commission")
    erreur.get_by_text("n'est pas un taux").wait_for()
    assert "20,13 €" in comparaison.inner_text().replace("\u202f", " ").replace("\xa0", " ")
    capture_ecran(page, "app_ecommerce_scenario")
    assert requetes_externes(page, serveur_distance.base) == []


def test_centre_contact_un_jour_puis_une_equipe(page_eleve, serveur_distance, capture_ecran):
    page = page_eleve
    page.goto(serveur_distance.base + "/voila/render/centre_contact.ipynb")
    resultat = page.locator(".atelier-centre-contact .atelier-resultat").first
    # the last day with calls: 04/03/2025, one call of 240 s → A = 2 × 240 / 3 600, 1 agent
    resultat.get_by_text("1 appel entrant").wait_for()
    jour = page.locator(".atelier-champ-jour-appels input")
    jour.fill("03/03/2025")
    # 09:00: 3 calls of DMT 180 s → A = 0,3 erlang; 1 agent reaches only 72,24 % in 20 s,
    # 2 agents 96,76 %: the peak of the day needs 2 agents
    resultat.filter(has_text="6 appels entrants").wait_for()
    texte = _espaces(resultat.inner_text())
    assert "pointe : 2 agents" in texte and "96,76 %" in texte
    assert page.locator(".atelier-centre-contact img.atelier-graphique").count() == 1
    page.locator(".atelier-champ-agents-presents input").fill("1")
    # one agent at 09:00: SL 1 − 0,3 e^(−0,7 × 20 / 180) = 72,24 %, ASA 0,3 × 180 / 0,7 = 77,14 s
    resultat.filter(has_text="Niveau avec 1 agent").wait_for()
    texte = _espaces(resultat.inner_text())
    assert "72,24 %" in texte and "77,14" in texte
    jour.fill("05/03/2025")
    page.locator(".atelier-erreur-jour-appels").get_by_text("aucun appel entrant").wait_for()
    assert "72,24 %" in _espaces(resultat.inner_text())  # the last valid result stays
    capture_ecran(page, "app_centre_contact_scenario")
    assert requetes_externes(page, serveur_distance.base) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


@pytest.mark.parametrize("carnet", APPS)
def test_rien_de_cache_a_1366_et_768_et_aucune_violation_axe(page_eleve, serveur_distance, carnet):
    """With data (the generic tests of every app run on the demo base): every input, label and
    button visible and reachable at each width, no serious or critical axe-core violation."""
    page = page_eleve
    page.goto(f"{serveur_distance.base}/voila/render/{carnet}")
    page.wait_for_function(RESULTAT_AFFICHE)
    page.locator(".atelier-resultat img.atelier-graphique").first.wait_for()
    defauts = []
    for largeur in LARGEURS:
        page.set_viewport_size({"width": largeur, "height": 900})
        page.wait_for_timeout(400)
        defauts += [f"{largeur} px : {d}" for d in defauts_d_affichage(page)]
    assert defauts == [], "\n".join(defauts)
    page.set_viewport_size({"width": 1366, "height": 768})
    assert audit_axe(page) == []


@pytest.fixture(scope="module")
def serveur_base_de_classe(tmp_path_factory: pytest.TempPathFactory):
    """The class's reference base (2 000 clients, seed 2026, as ``make db``)."""
    from widgets.donnees.generation import construire_base

    dossier = tmp_path_factory.mktemp("serveur_base_2000")
    base = dossier / "clients.db"
    construire_base(base, clients=2000, graine=2026)
    pools = {p.name: (1 if p.name in APPS else 0) for p in DOSSIER_APPS.glob("*.ipynb")}
    with serveur_pret(
        dossier,
        DOSSIER_APPS,
        delai=150,
        env={"ATELIER_BASE": str(base)},
        taille_pool=pools,
        max_noyaux_defaut=2,
    ) as serveur:
        yield serveur


def test_base_de_classe_e_mailing_et_appels_du_30_decembre(
    page_eleve, serveur_base_de_classe, capture_ecran
):
    page = page_eleve
    page.goto(serveur_base_de_classe.base + "/voila/render/ecommerce.ipynb")
    entonnoir = page.locator(".atelier-entonnoir-site .atelier-resultat").first
    entonnoir.get_by_text("Taux de conversion").first.wait_for()
    page.locator(".atelier-entonnoir-site select").first.select_option(label="e-mailing")
    # sessions_web, e-mailing, 2025: 15 831 visits, 1 906 carts, 646 orders, 39 497,40 € TTC →
    # conversion 646 / 15 831 = 4,08 %; abandon 1 − 646 / 1 906 = 66,11 %; basket
    # 39 497,40 / 646 = 61,14 €; per visit 39 497,40 / 15 831 = 2,49 €
    entonnoir.filter(has_text=re.compile(r"Panier moyen TTC\s*61,14")).wait_for()
    texte = _espaces(entonnoir.inner_text())
    assert "Visites (sessions) 15 831" in texte and "Commandes 646" in texte
    assert "Taux de conversion (commandes / visites) 4,08 %" in texte
    assert "Taux d'abandon de panier 66,11 %" in texte and "CA par visite 2,49 €" in texte
    capture_ecran(page, "app_ecommerce_base_2000")

    page.goto(serveur_base_de_classe.base + "/voila/render/centre_contact.ipynb")
    resultat = page.locator(".atelier-centre-contact .atelier-resultat").first
    resultat.get_by_text("Le 31/12/2025").wait_for()  # the last day with calls
    page.locator(".atelier-champ-jour-appels input").fill("30/12/2025")
    # 30/12/2025: 32 inbound calls; 14:00–14:30, 5 calls of DMT 412,6 s → 10 an hour,
    # A = 10 × 412,6 / 3 600 = 1,146 erlang: 2 agents answer 59,94 % within 20 s, 3 agents
    # 88,43 % (the peak of the day)
    resultat.filter(has_text="32 appels entrants").wait_for()
    texte = _espaces(resultat.inner_text())
    assert "pointe : 2 agents" not in texte and "pointe : 3 agents" in texte
    assert "14:00 5 412,6 1,146 3 88,43 %" in texte
    capture_ecran(page, "app_centre_contact_base_2000")
    assert requetes_externes(page, serveur_base_de_classe.base) == []
