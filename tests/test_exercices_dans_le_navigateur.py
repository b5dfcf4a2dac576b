"""Real browser: an exercise embedded in a Voilà app (served by ``atelier dashboards``), used as
a student would: a trap answer, a typo, a hint, the right answer, then the solution; the
attempts are in the student's progress file. CSS classes atelier-exercice / -reponse / -retour."""

from __future__ import annotations

from pathlib import Path

import pytest
from outils.serveurs import ecrire_app, serveur_pret

from widgets.donnees.progression import Progression
from widgets.exercices import exercice_par_code

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

CODE = "relation_client/interets-simples-1"
ETUDIANT = "Navigateur"


@pytest.fixture(scope="module")
def serveur_exercice(tmp_path_factory: pytest.TempPathFactory):
    dossier = tmp_path_factory.mktemp("serveur_exercice")
    apps = dossier / "apps"
    apps.mkdir()
    ecrire_app(
        apps,
        "exercice.ipynb",
        f"from widgets.ui.exercice import exercice\nexercice({CODE!r}, {ETUDIANT!r})",
    )
    with serveur_pret(
        dossier, apps, delai=150, taille_pool={"exercice.ipynb": 1}, max_noyaux_defaut=2
    ) as serveur:
        yield serveur


def test_a_student_works_an_exercise_in_voila(page_eleve, serveur_exercice, capture_ecran):
    controle = exercice_par_code(CODE).variante(ETUDIANT).controle
    juste = str(controle.attendu).replace(".", ",")
    piege = str(controle.pieges[0].valeur).replace(".", ",")
    page_eleve.goto(serveur_exercice.base + "/voila/render/exercice.ipynb")
    boite = page_eleve.locator(".atelier-exercice")
    boite.get_by_text("Intérêts simples").first.wait_for()
    champ = page_eleve.locator(".atelier-reponse input")
    retour = page_eleve.locator(".atelier-retour")
    verifier = page_eleve.get_by_role("button", name="Vérifier")

    champ.fill(piege)
    verifier.click()
    retour.get_by_text("360 jours").wait_for()
    assert "convention erronée" in retour.inner_text()

    champ.fill("12,5,3")
    verifier.click()
    retour.get_by_text("n'est pas un montant").wait_for()

    page_eleve.get_by_role("button", name="Indice").click()
    page_eleve.locator(".atelier-indice").get_by_text("360").wait_for()

    champ.fill(juste)
    verifier.click()
    retour.get_by_text("Juste").wait_for()
    page_eleve.locator(".atelier-solution").get_by_text("Solution rédigée").wait_for()
    capture_ecran(page_eleve, "exercice_voila")

    fichier = Path(serveur_exercice.donnees) / "progression.sqlite"
    tentatives = Progression(fichier).tentatives(ETUDIANT, CODE)
    assert [t["correct"] for t in tentatives] == [0, 1]  # the typo was not counted
