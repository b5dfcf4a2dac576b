"""Real browser (Debian chromium + Playwright): a student opens the dashboards of the intranet.

For every app: open it as a student, wait for the widgets (selectors, no sleeps), type French
input, read the figures, trigger an error and read the French message; every request goes to
the local server; a screenshot per app lands in test-artefacts/.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def _espaces(texte: str) -> str:
    return texte.replace("\u202f", " ").replace("\xa0", " ")


def _requetes_externes(page, base: str) -> list[str]:
    hote = urlparse(base).netloc
    return [
        url
        for url in page.requetes
        if not url.startswith(("data:", "blob:", "about:")) and urlparse(url).netloc != hote
    ]


def _saisir(page, champ: str, texte: str) -> None:
    """Type like a student: clear the field, type, press Entrée (the value is sent)."""
    entree = page.locator(f".atelier-champ-{champ} input")
    entree.fill("")
    entree.type(texte)
    entree.press("Enter")


def test_the_gallery_opens_an_app_in_the_browser(page_eleve, serveur_tableaux, capture_ecran):
    page_eleve.goto(serveur_tableaux.base + "/")
    carte = page_eleve.locator('article[data-carnet="prix_ttc.ipynb"]')
    assert carte.locator("h2").inner_text() == "Prix TTC (essai)"
    assert carte.locator(".atelier-savoir").all_inner_texts() == ["S4.2", "S4.3"]
    capture_ecran(page_eleve, "galerie")
    carte.get_by_text("Ouvrir l'application").click()
    page_eleve.wait_for_url("**/voila/render/prix_ttc.ipynb")
    page_eleve.locator(".atelier-resultat").get_by_text("Prix TTC").wait_for()
    assert _requetes_externes(page_eleve, serveur_tableaux.base) == []


def test_prix_ttc_a_student_types_french_amounts_and_reads_french_errors(
    page_eleve, serveur_tableaux, capture_ecran
):
    page_eleve.goto(serveur_tableaux.base + "/voila/render/prix_ttc.ipynb")
    resultat = page_eleve.locator(".atelier-resultat")
    resultat.get_by_text("Prix TTC : 1").wait_for()
    assert _espaces(resultat.inner_text()) == "Prix TTC : 1 200,00 €"

    _saisir(page_eleve, "prix_ht", "2 500,50")
    resultat.get_by_text("3", exact=False).filter(has_text="000,60").wait_for()
    assert _espaces(resultat.inner_text()) == "Prix TTC : 3 000,60 €"

    _saisir(page_eleve, "taux_tva", "5,5 %")
    resultat.filter(has_text="638,03").wait_for()
    assert _espaces(resultat.inner_text()) == "Prix TTC : 2 638,03 €"

    _saisir(page_eleve, "prix_ht", "deux mille")
    erreur = page_eleve.locator(".atelier-erreur")
    erreur.get_by_text("n'est pas un nombre").wait_for()
    assert erreur.inner_text() == (
        "Prix HT : « deux mille » n'est pas un nombre : écrivez par exemple 1 234,56."
    )
    assert _espaces(resultat.inner_text()) == "Prix TTC : 2 638,03 €"  # last valid result
    capture_ecran(page_eleve, "app_prix_ttc")

    assert "from appli_essai" not in page_eleve.content()  # no source shown
    assert _requetes_externes(page_eleve, serveur_tableaux.base) == []


def test_a_broken_app_shows_french_text_without_traceback(
    page_eleve, serveur_tableaux, capture_ecran
):
    page_eleve.goto(serveur_tableaux.base + "/voila/render/en_panne.ipynb")
    message = page_eleve.get_by_text("Une erreur est survenue dans cette partie")
    message.wait_for()
    texte = page_eleve.locator("body").inner_text()
    assert "panne volontaire" not in texte and "Traceback" not in texte
    capture_ecran(page_eleve, "app_en_panne")
    assert _requetes_externes(page_eleve, serveur_tableaux.base) == []
