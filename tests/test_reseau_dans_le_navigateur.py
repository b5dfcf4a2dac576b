"""Real browser on voila_apps/reseau.ipynb (served by ``atelier dashboards``, offline): a student
opens the app, changes the number of winners of the sales challenge and reads the new French
verdict, types a wrong figure and reads the French error under the field (last result kept),
then moves two facings on the shelf and sees the CA of the week go up — every figure worked by
hand below."""

from __future__ import annotations

from pathlib import Path

import pytest
from outils.navigateur import requetes_externes
from outils.serveurs import serveur_pret

from widgets.donnees.chemins import DOSSIER_APPS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def _espaces(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def serveur_reseau(tmp_path_factory: pytest.TempPathFactory, base_demo: Path):
    dossier = tmp_path_factory.mktemp("serveur_reseau")
    pools = {p.name: (1 if p.name == "reseau.ipynb" else 0) for p in DOSSIER_APPS.glob("*.ipynb")}
    with serveur_pret(
        dossier,
        DOSSIER_APPS,
        delai=150,
        env={"ATELIER_BASE": str(base_demo)},
        taille_pool=pools,
        max_noyaux_defaut=2,
    ) as serveur:
        yield serveur


def test_reseau_challenge_et_lineaire_en_francais(page_eleve, serveur_reseau, capture_ecran):
    page = page_eleve
    page.set_default_timeout(120_000)  # a loaded lab machine: the first render may be slow
    page.goto(serveur_reseau.base + "/voila/render/reseau.ipynb")
    page.get_by_role("tab", name="Challenge commercial").click()
    challenge = page.locator(".atelier-simulateur-challenge .atelier-resultat").first
    # 60 000 × 25 % = 15 000 € ; 12 × 500 + 2 000 = 8 000 € : gain 7 000 €
    challenge.get_by_text("de plus qu'il ne coûte").wait_for()
    assert "Le challenge rapporte 7 000,00 € de plus" in _espaces(challenge.inner_text())
    page.locator(".atelier-champ-gagnants input").first.fill("28")
    # 28 × 500 + 2 000 = 16 000 € > 15 000 € : perte 1 000 € ; 16 000 / 25 % = 64 000 €
    challenge.get_by_text("de plus qu'il ne rapporte").wait_for()
    texte = _espaces(challenge.inner_text())
    assert "Le challenge coûte 1 000,00 € de plus qu'il ne rapporte" in texte
    assert "il faudrait au moins 64 000,00 € de CA supplémentaire" in texte
    page.locator(".atelier-champ-gagnants input").first.fill("vingt")
    erreur = page.locator(".atelier-erreur-gagnants")
    erreur.get_by_text("n'est pas une quantité").wait_for()
    assert "Nombre de gagnants : « vingt » n'est pas une quantité" in _espaces(erreur.inner_text())
    assert "64 000,00 €" in _espaces(challenge.inner_text())  # last valid result kept
    capture_ecran(page, "scenario_reseau_challenge")

    page.get_by_role("tab", name="Simulateur de linéaire").click()
    rayon = page.locator(".atelier-simulateur-lineaire .atelier-resultat").first
    rayon.get_by_text("CA de la semaine").wait_for()
    # 20 serviettes en rayon pour 30 demandées : 380 € de CA, 100 € perdus
    assert "CA de la semaine 380,00 €" in _espaces(rayon.inner_text())
    formulaire = page.locator(".atelier-simulateur-lineaire")
    formulaire.get_by_label("Déplacer depuis").select_option("Gant de toilette")
    formulaire.get_by_label("Vers", exact=True).select_option("Serviette éponge 50 × 100")
    page.locator(".atelier-champ-faces-a-deplacer input").first.fill("2")
    formulaire.get_by_role("button", name="Déplacer les faces").click()
    # 6 × 5 = 30 serviettes : plus de rupture ; CA 300 + 80 + 100 = 480 € (+100 €)
    rayon.get_by_text("480,00").first.wait_for()
    texte = _espaces(rayon.inner_text())
    assert "CA de la semaine 480,00 € (+100,00 € par rapport au rayon de départ)" in texte
    assert "Références en rupture : aucune" in texte
    assert page.locator(".atelier-planogramme img").count() == 1
    capture_ecran(page, "scenario_reseau_lineaire")
    assert requetes_externes(page, serveur_reseau.base) == []
