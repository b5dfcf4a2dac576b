"""Real browser on the two portfolio apps (voila_apps/portefeuille_abc.ipynb and
previsions.ipynb), served on the 300-client demo database: a student moves a threshold or a
month, reads the figures (computed here by the library on the same database), types nonsense
and reads the French message; the charts are inline images, no request leaves the server."""

from __future__ import annotations

import pytest
from outils.navigateur import requetes_externes

from widgets.calculs import format_euros, format_nombre
from widgets.calculs.prevision import prevoir
from widgets.donnees import portefeuille

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def _espaces(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\xa0", " ").split())


def _ouvrir(page, serveur, carnet: str):
    page.goto(f"{serveur.base}/voila/render/{carnet}")
    page.locator(".atelier-resultat").first.wait_for(state="attached")
    return page


def _saisir(page, champ: str, texte: str) -> None:
    page.locator(f".atelier-champ-{champ} input").first.fill(texte)


def test_abc_app_threshold_moves_the_classes(page_eleve, serveur_apps, base_demo, capture_ecran):
    page = _ouvrir(page_eleve, serveur_apps, "portefeuille_abc.ipynb")
    resultat = page.locator(".atelier-abc .atelier-resultat").first
    resultat.locator("table.atelier-classes").wait_for()
    assert (
        resultat.locator("img.atelier-graphique")
        .get_attribute("src")
        .startswith("data:image/png;base64,")
    )
    attendu = portefeuille.abc_clients(base_demo, seuil_a=70)
    a = attendu.classe("A")
    _saisir(page, "seuil-a", "70 %")
    phrase = f"{a.effectif} clients sur {attendu.effectif}"  # < 1 000: no thousands space
    resultat.filter(has_text=phrase).wait_for()
    texte = _espaces(resultat.inner_text())
    assert _espaces(phrase) in texte
    assert _espaces(format_euros(attendu.total)) in texte
    _saisir(page, "seuil-a", "soixante-dix")
    erreur = page.locator(".atelier-erreur-seuil-a")
    erreur.get_by_text("n'est pas un taux").wait_for()
    assert "« soixante-dix » n'est pas un taux" in _espaces(erreur.inner_text())
    assert _espaces(phrase) in _espaces(resultat.inner_text())  # last valid result kept
    capture_ecran(page, "scenario_portefeuille_abc")
    assert requetes_externes(page, serveur_apps.base) == []


def test_forecast_app_shows_the_equation_and_refuses_a_short_series(
    page_eleve, serveur_apps, base_demo, capture_ecran
):
    page = _ouvrir(page_eleve, serveur_apps, "previsions.ipynb")
    resultat = page.locator(".atelier-previsions .atelier-resultat").first
    resultat.locator(".atelier-equation").wait_for()
    p = prevoir([v for _m, v in portefeuille.ca_mensuel(base_demo)])
    texte = _espaces(resultat.inner_text())
    assert f"y = {_espaces(format_nombre(p.tendance.a, 2))} x" in texte
    assert f"r = {format_nombre(p.tendance.r, 4)}" in texte
    assert f"Total des 12 mois {_espaces(format_euros(p.total))}" in texte
    _saisir(page, "dernier-mois", "12/2023")
    page.locator(".atelier-erreur:visible").filter(has_text="au moins 24 valeurs").first.wait_for()
    _saisir(page, "dernier-mois", "trois")
    erreur = page.locator(".atelier-erreur-dernier-mois")
    erreur.get_by_text("n'est pas un mois").wait_for()
    assert "« trois » n'est pas un mois" in _espaces(erreur.inner_text())
    capture_ecran(page, "scenario_previsions")
    assert requetes_externes(page, serveur_apps.base) == []
