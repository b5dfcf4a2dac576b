"""Real browser on voila_apps/reseau.ipynb (served by ``atelier dashboards``, offline): a student
opens the app, changes the number of winners of the sales challenge and reads the new French
verdict, types a wrong figure and reads the French error under the field (last result kept),
then takes a reference off the shelf of a panel store and sees the CA of the week go down by
what it sold — every figure worked by hand below."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from outils.navigateur import requetes_externes
from outils.serveurs import serveur_pret

from widgets.calculs import arrondi, arrondi_centime, format_euros, format_pourcent
from widgets.donnees.chemins import DOSSIER_APPS
from widgets.donnees.reseaux import magasins_du_panel, releve_du_magasin

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


def test_reseau_challenge_et_lineaire_en_francais(
    page_eleve, serveur_reseau, capture_ecran, base_demo
):
    page = page_eleve
    page.set_default_timeout(120_000)  # a loaded lab machine: the first render may be slow
    page.goto(serveur_reseau.base + "/voila/render/reseau.ipynb")
    tableau = page.locator(".atelier-tableau-de-bord-reseau .atelier-resultat").first
    tableau.get_by_text("Le réseau sur la période").wait_for()
    page.locator(".atelier-champ-premier-mois input").first.fill("2025-12")
    page.locator(".atelier-champ-dernier-mois input").first.fill("2025-12")
    # December 2025 of the generated network: Σ CA / Σ objectif × 100, from the table
    con = sqlite3.connect(base_demo)
    objectif, realise = con.execute(
        "SELECT SUM(objectif_ht), SUM(ca_ht) FROM ventes_partenaires WHERE mois = '2025-12'"
    ).fetchone()
    con.close()
    taux = arrondi(
        arrondi_centime(Decimal(str(realise))) * 100 / arrondi_centime(Decimal(str(objectif))), 2
    )
    attendu = f"Taux de réalisation {_espaces(format_pourcent(taux))}"
    page.wait_for_function(
        "t => document.querySelector('.atelier-tableau-de-bord-reseau .atelier-resultat')"
        ".innerText.replace(/\\s+/g, ' ').includes(t)",
        arg=attendu,
    )
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
    # the first panel store's latest survey; its first reference worked from the survey row:
    # sells min(ventes des 13 semaines / 13, faces × 3) a week at prix TTC / 1,2
    panel = magasins_du_panel(base_demo)
    releve = releve_du_magasin(int(panel["id_client"].iloc[0]), base_demo)
    premiere = releve.iloc[0]
    demande = arrondi(Decimal(int(premiere["ventes_13_semaines"])) / 13, 2)
    ventes = min(demande, Decimal(int(premiere["facings"]) * 3))
    ca = arrondi_centime(
        ventes * arrondi_centime(Decimal(str(premiere["prix_ttc"])) / Decimal("1.2"))
    )
    assert str(panel["magasin"].iloc[0]) in page.locator(".atelier-titre-rayon").inner_text()
    page.locator(".atelier-champ-faces-1 input").first.fill("0")
    rayon.get_by_text("hors rayon").wait_for()
    texte = _espaces(rayon.inner_text())
    assert f"(−{_espaces(format_euros(ca))} par rapport au rayon de départ)" in texte
    assert page.locator(".atelier-planogramme img").count() == 1
    capture_ecran(page, "scenario_reseau_lineaire")
    assert requetes_externes(page, serveur_reseau.base) == []
