"""The SQL widget in a real browser (Voilà app voila_apps/requeteur_sql.ipynb, demo base):
completion of a table name, Ctrl+Entrée, French figures, French error, exercise tab."""

from __future__ import annotations

import re
import sqlite3

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def test_student_writes_completes_and_runs_a_query(
    page_eleve, serveur_apps, base_demo, capture_ecran
):
    page = page_eleve
    page.goto(f"{serveur_apps.base}/voila/render/requeteur_sql.ipynb")
    page.locator(".atelier-resultat table.atelier-table-sql").wait_for()
    zone = page.locator("textarea.atelier-champ-sql")
    zone.fill("")
    zone.press_sequentially("SELECT type_client, COUNT(*) AS nb FROM cli")
    propositions = page.locator(".aes-completion li")
    propositions.first.wait_for()
    assert propositions.all_inner_texts() == ["clients"]
    zone.press("Tab")
    zone.press_sequentially(" GROUP BY type_client ORDER BY nb DESC")
    assert zone.input_value() == (
        "SELECT type_client, COUNT(*) AS nb FROM clients GROUP BY type_client ORDER BY nb DESC"
    )
    assert page.locator(".aes-calque .aes-mot-cle").first.inner_text() == "SELECT"
    zone.press("Control+Enter")
    statut = page.locator(".atelier-statut").first
    try:
        statut.filter(has_text=re.compile(r"^4 lignes — ")).wait_for()
    except Exception:
        capture_ecran(page, "requeteur_echec")
        erreurs = page.locator(".atelier-erreur-sql").all_inner_texts()
        pytest.fail(f"statut : {statut.inner_text()!r} ; erreurs : {erreurs!r}")
    with sqlite3.connect(base_demo) as cx:
        premier, nb = cx.execute(
            "SELECT type_client, COUNT(*) AS nb FROM clients GROUP BY 1 ORDER BY nb DESC"
        ).fetchone()
    cellules = page.locator(".atelier-resultat table.atelier-table-sql tbody tr").first
    assert cellules.locator("td").all_inner_texts() == [premier, str(nb)]
    capture_ecran(page, "requeteur_resultat")

    # an alias of a table completes with that table's columns
    zone.fill("SELECT \nFROM clients c")
    zone.evaluate("z => { z.focus(); z.setSelectionRange(7, 7); }")
    zone.press_sequentially("c.rai")
    page.locator(".aes-completion li").first.wait_for()
    assert page.locator(".aes-completion li").all_inner_texts() == ["raison_sociale"]
    zone.press("Enter")
    assert zone.input_value() == "SELECT c.raison_sociale\nFROM clients c"

    zone.fill("SELECT * FROM client")
    page.locator(".atelier-executer").click()
    erreur = page.locator(".atelier-erreur-sql")
    erreur.filter(has_text="Vouliez-vous dire « clients »").wait_for()
    assert "Traceback" not in page.locator("body").inner_text()
    # the previous result stays on screen, greyed out
    assert page.locator(".atelier-resultat.atelier-perime table").count() == 1


def test_exercise_tab_checks_a_query(page_eleve, serveur_apps):
    page = page_eleve
    page.goto(f"{serveur_apps.base}/voila/render/requeteur_sql.ipynb")
    page.locator(".atelier-resultat table.atelier-table-sql").wait_for()
    page.locator(".lm-TabBar-tabLabel", has_text="Exercices").click()
    choix = page.locator(".atelier-choix-exercice select")
    choix.select_option(value=choix.locator("option").nth(1).get_attribute("value"))
    page.locator(".atelier-exercice").wait_for()
    # no name yet (never the server's OS login): the student types it once
    page.locator(".atelier-exercice").get_by_text("Tapez votre nom et votre prénom").wait_for()
    nom = page.locator(".atelier-nom input").first
    nom.fill("Camille Essai")
    nom.press("Enter")
    page.locator(".atelier-exercice textarea").first.fill("SELECT 1 AS x")
    page.get_by_role("button", name="Vérifier").click()
    page.locator(".atelier-retour").filter(has_text="Pas encore").wait_for()
