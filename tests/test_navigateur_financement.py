"""Real browser on voila_apps/financement.ipynb: loan table, comparison, French errors, print."""

from __future__ import annotations

import pytest
from outils.navigateur import requetes_externes

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def _espaces(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\xa0", " ").split())


def test_financement_tableau_comparaison_et_erreurs(page_eleve, serveur_apps, capture_ecran):
    page = page_eleve
    page.set_default_timeout(90_000)  # a loaded lab machine: the first render may be slow
    page.goto(f"{serveur_apps.base}/voila/render/financement.ipynb")
    emprunt = page.locator(".atelier-emprunt .atelier-resultat").first
    emprunt.get_by_text("Coût du crédit").first.wait_for()
    page.locator(".atelier-champ-capital input").first.fill("10 000")
    page.locator(".atelier-champ-duree input").first.fill("12")
    # 10 000 € à 6 % (0,5 % par mois), 12 mensualités : 50 / (1 − 1,005^−12) = 860,66 € ;
    # 1re ligne : intérêt 50,00, amortissement 810,66, reste 9 189,34.
    emprunt.filter(has_text="9 189,34").wait_for()
    texte = _espaces(emprunt.inner_text())
    assert "10 000,00 € 50,00 € 810,66 € 860,66 € 9 189,34 €" in texte
    page.locator(".atelier-champ-taux input").first.fill("six pour cent")
    erreur = page.locator(".atelier-erreur-taux")
    erreur.get_by_text("n'est pas un taux").wait_for()
    assert "« six pour cent » n'est pas un taux" in _espaces(erreur.inner_text())
    assert "9 189,34" in _espaces(emprunt.inner_text())  # last valid result kept
    page.get_by_text("Comparer les financements").click()
    comparaison = page.locator(".atelier-financements .atelier-resultat").first
    comparaison.get_by_text("le moins coûteux").wait_for()
    # Crédit-bail 3 000 + 47 × 600 + 1 500 = 32 700 € ; LLD 48 × 650 = 31 200 €.
    texte = _espaces(comparaison.inner_text())
    assert "32 700,00 €" in texte and "31 200,00 €" in texte
    # issue 22: after IS savings and the 9 000 € resale value, the LLD is no longer the cheapest
    assert "Coût net actualisé" in texte and "Conventions de calcul" in texte
    assert "le moins coûteux est « Crédit-bail »" in texte
    lien = page.locator(".atelier-impression a[download]")
    assert lien.get_attribute("download") == "financement.html"
    capture_ecran(page, "scenario_financement")
    assert requetes_externes(page, serveur_apps.base) == []
