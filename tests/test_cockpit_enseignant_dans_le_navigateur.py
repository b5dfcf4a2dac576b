"""Real browser (Debian chromium + Playwright): the teacher's cockpit during a session.

The teacher logs in, imports a 3-student class list (CSV file), prepares the session; three
students open the exercise app, identify with name and code and answer (Léa falls into the
360-day trap, Hugo is right, Zoé is wrong); the heatmap shows it; the Excel marks file opens in
openpyxl with the expected marks.
"""

from __future__ import annotations

import openpyxl
import pytest
from outils.serveurs import ecrire_app, serveur_pret

from widgets.exercices import exercice_par_code

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]

CODE = "relation_client/interets-simples-1"
MOT_DE_PASSE = "prof-nrc-2026"
LISTE = "\ufeffNom;Prénom;Groupe\r\nMartin;Léa;A\r\nDurand;Hugo;B\r\nPetit;Zoé;A\r\n"


@pytest.fixture(scope="module")
def serveur_seance(tmp_path_factory: pytest.TempPathFactory):
    from jupyter_server.auth import passwd

    dossier = tmp_path_factory.mktemp("serveur_seance")
    apps = dossier / "apps"
    apps.mkdir()
    ecrire_app(
        apps, "exercice.ipynb", f"from widgets.ui.exercice import exercice\nexercice({CODE!r})"
    )
    with serveur_pret(
        dossier,
        apps,
        delai=200,
        taille_pool={"exercice.ipynb": 3},
        max_noyaux_defaut=4,
        mot_de_passe_enseignant=passwd(MOT_DE_PASSE),
        actualisation_enseignant=2,
    ) as serveur:
        yield serveur


def _reponse(etudiant: str, genre: str) -> str:
    controle = exercice_par_code(CODE).variante(etudiant).controle
    valeur = {"juste": controle.attendu, "piege": controle.pieges[0].valeur}.get(genre, 1)
    return str(valeur).replace(".", ",")


def _eleve_travaille(navigateur, base: str, nom: str, code: str, reponse: str, attendu: str):
    contexte = navigateur.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    page = contexte.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(base + "/voila/render/exercice.ipynb")
        page.locator(".atelier-exercice").get_by_text("Intérêts simples").first.wait_for()
        champ_nom = page.locator(".atelier-nom input")
        champ_nom.fill(nom)
        champ_nom.press("Enter")
        page.locator(".atelier-code input").fill(code)
        page.get_by_role("button", name="Me connecter").click()
        page.locator(".atelier-identite").get_by_text("Connecté").wait_for()
        assert page.locator(".atelier-nom input").is_disabled()
        page.locator(".atelier-reponse input").fill(reponse)
        page.get_by_role("button", name="Vérifier").click()
        page.locator(".atelier-retour").get_by_text(attendu).wait_for()
    finally:
        contexte.close()


def test_a_teacher_runs_a_session_from_the_cockpit(
    page_eleve, navigateur, serveur_seance, capture_ecran, tmp_path
):
    base = serveur_seance.base
    prof = page_eleve
    prof.goto(base + "/enseignant")
    prof.wait_for_url("**/enseignant/connexion?suivant=*")
    prof.locator("input[name=mot_de_passe]").fill(MOT_DE_PASSE)
    prof.get_by_role("button", name="Se connecter").click()
    prof.get_by_role("heading", name="Carte de la classe").wait_for()

    liste = tmp_path / "classe.csv"
    liste.write_text(LISTE, encoding="utf-8")
    prof.locator("input[name=fichier]").set_input_files(str(liste))
    prof.get_by_role("button", name="Importer la liste").click()
    prof.get_by_text("3 élèves importés").wait_for()
    codes = {
        ligne.get_attribute("data-eleve"): ligne.locator("code").inner_text()
        for ligne in prof.locator("table.atelier-codes tbody tr").all()
    }
    assert list(codes) == ["Martin Léa", "Durand Hugo", "Petit Zoé"]
    capture_ecran(prof, "cockpit_codes")

    prof.goto(base + "/enseignant")
    prof.locator("select[name=carnet]").select_option("exercice.ipynb")
    prof.locator("input[name=eleves]").fill("3")
    prof.get_by_role("button", name="Préparer la séance").click()
    prof.get_by_text("Séance préparée").first.wait_for()

    for nom, genre, attendu in (
        ("Léa Martin", "piege", "convention erronée"),
        ("Durand Hugo", "juste", "Juste"),
        ("zoe petit", "faux", "Faux"),
    ):
        identifiant = {"Léa Martin": "Martin Léa", "zoe petit": "Petit Zoé"}.get(nom, nom)
        reponse = _reponse(identifiant, genre)
        _eleve_travaille(navigateur, base, nom, codes[identifiant], reponse, attendu)

    prof.goto(base + f"/enseignant?unite=relation_client&exercices={CODE}")
    carte = prof.locator("table.atelier-carte")
    cellule = 'td[data-exercice="' + CODE + '"]'
    carte.locator(f'tr[data-eleve="Durand Hugo"] {cellule}.reussi').wait_for()
    assert (
        "en_cours"
        in carte.locator(f'tr[data-eleve="Martin Léa"] {cellule}').get_attribute("class").split()
    )
    # the status in words (tooltip, screen reader) and a symbol besides the colour
    zoe = carte.locator(f'tr[data-eleve="Petit Zoé"] {cellule}')
    assert zoe.get_attribute("title") == "en cours (1 essai)"
    assert zoe.locator("[aria-hidden=true]").inner_text() == "…"
    piege = prof.locator('table.atelier-pieges tr[data-piege="annee_civile"]')
    assert piege.locator("td").all_inner_texts()[3:] == ["1 essai", "Martin Léa"]
    capture_ecran(prof, "cockpit_carte")

    with prof.expect_download() as telechargement:
        prof.locator("a.atelier-notes-xlsx").click()
    fichier = tmp_path / "notes.xlsx"
    telechargement.value.save_as(fichier)
    feuille = openpyxl.load_workbook(fichier).active
    assert [[c.value for c in rang] for rang in feuille.iter_rows()] == [
        ["Nom", "Prénom", "Note /20"],
        ["Martin", "Léa", 0.0],
        ["Durand", "Hugo", 20.0],  # the only exercise of the session, right: 20 × 1 / 1
        ["Petit", "Zoé", 0.0],
    ]
