"""The CRM app (voila_apps/crm.ipynb) in a real browser, on the demo base: a student searches a
client, opens the 360° sheet, moves an opportunity and sees the forecast change. No request
leaves the local server."""

from __future__ import annotations

import re
import sqlite3

import pytest
from outils.navigateur import requetes_externes

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def _espaces(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\xa0", " ").split())


def test_search_open_the_sheet_and_move_an_opportunity(
    page_eleve, serveur_apps, base_demo, capture_ecran
):
    with sqlite3.connect(f"file:{base_demo.as_posix()}?mode=ro", uri=True) as con:
        nom, ville = con.execute(
            "SELECT raison_sociale, ville FROM clients ORDER BY id_client LIMIT 1"
        ).fetchone()
    page = page_eleve
    page.goto(f"{serveur_apps.base}/voila/render/crm.ipynb")
    recherche = page.locator(".atelier-crm-recherche input")
    recherche.wait_for()
    recherche.fill(nom)
    page.locator(".atelier-crm-chercher").click()
    liste = page.locator(".atelier-crm-resultats select")
    liste.locator("option").first.wait_for(state="attached")
    assert nom in _espaces(liste.inner_text())
    page.locator(".atelier-crm-ouvrir").click()
    fiche = page.locator(".atelier-crm-fiche")
    fiche.get_by_text("Encours (facturé TTC non réglé)").wait_for()
    texte = _espaces(fiche.inner_text())
    assert nom in texte and ville in texte
    for rubrique in ("Identité", "Contacts", "Historique des commandes", "Opportunités"):
        assert rubrique in texte

    prevision = page.locator(".atelier-crm-prevision")
    avant = _espaces(prevision.inner_text())
    choix = page.locator(".atelier-crm-opportunite select option").first
    libelle = choix.inner_text()
    assert "gagnée" not in libelle
    page.locator(".atelier-crm-etape select").select_option("gagnée")
    page.locator(".atelier-crm-deplacer").click()
    ident = re.match(r"\d+", libelle).group()
    page.locator(
        ".atelier-crm-opportunite select option",
        has_text=re.compile(rf"^{ident}\D.*\(gagnée,"),
    ).wait_for(state="attached")
    apres = _espaces(prevision.inner_text())
    assert apres != avant
    assert re.search(r"prévision de CA HT : [\d ]+,\d\d €", apres)
    assert "Traceback" not in page.locator("body").inner_text()
    capture_ecran(page, "scenario_crm")
    assert requetes_externes(page, serveur_apps.base) == []
