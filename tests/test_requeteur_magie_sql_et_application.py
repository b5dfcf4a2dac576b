"""The ``%%sql`` cell magic and the Voilà application (SQL widget + exercise list)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from widgets.ui.magie_sql import executer_cellule, lire_options, load_ipython_extension
from widgets.ui.requeteur import AppliRequeteur, ListeExercicesSQL


@pytest.fixture
def reference(base_demo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ATELIER_BASE", str(base_demo))
    return base_demo


def test_magic_runs_on_the_reference_base_and_renders_a_french_table(reference):
    resultat, rendu = executer_cellule("", "SELECT id_secteur, nom FROM secteurs ORDER BY 1")
    with sqlite3.connect(reference) as cx:
        attendu = cx.execute("SELECT id_secteur, nom FROM secteurs ORDER BY 1").fetchall()
    assert [tuple(r) for r in resultat.dataframe.itertuples(index=False)] == attendu
    assert f"{len(attendu)} lignes — " in rendu
    assert "<td>Île-de-France</td>" in rendu


def test_magic_refuses_writes_on_the_reference_but_not_in_the_sandbox(reference):
    avant = hashlib.sha256(reference.read_bytes()).hexdigest()
    resultat, rendu = executer_cellule("", "DELETE FROM visites")
    assert resultat is None
    assert 'class="atelier-erreur"' in rendu and "bac à sable" in rendu
    assert hashlib.sha256(reference.read_bytes()).hexdigest() == avant
    resultat, rendu = executer_cellule(
        "--bac-a-sable", "DELETE FROM objectifs WHERE mois < '2024-01'"
    )
    with sqlite3.connect(reference) as cx:
        (n,) = cx.execute("SELECT COUNT(*) FROM objectifs WHERE mois < '2024-01'").fetchone()
    assert resultat.nb_lignes == n > 0
    assert "lignes modifiées" in rendu


def test_magic_options_are_read_and_bad_ones_explained(reference, tmp_path):
    options = lire_options("--bac-a-sable --max 50 --lignes 5 --resultat df")
    assert (options.bac_a_sable, options.max_lignes, options.lignes, options.resultat) == (
        True,
        50,
        5,
        "df",
    )
    resultat, rendu = executer_cellule("--vite", "SELECT 1")
    assert resultat is None and "Option de %%sql inconnue : --vite" in rendu
    resultat, rendu = executer_cellule("--lignes 3", "SELECT id_client FROM clients")
    assert len(resultat.dataframe) == 300
    assert "3 premières lignes affichées" in rendu and rendu.count("<tr>") == 4


def test_magic_registers_and_stores_the_dataframe(reference):
    from IPython.testing.globalipapp import start_ipython

    ip = start_ipython()
    load_ipython_extension(ip)
    ip.run_cell_magic(
        "sql", "--resultat mes_secteurs", "SELECT nom FROM secteurs WHERE id_secteur = 7"
    )
    assert list(ip.user_ns["mes_secteurs"]["nom"]) == ["Paris souvenirs"]
    assert ip.user_ns["_sql"] is ip.user_ns["mes_secteurs"]


def test_application_has_the_sql_widget_and_the_exercise_list(reference):
    appli = AppliRequeteur()
    assert [appli.get_title(i) for i in range(2)] == ["Requêteur SQL", "Exercices"]
    assert appli.requeteur.base == reference and not appli.requeteur.modifiable
    liste = appli.exercices
    assert len(liste.codes) >= 33
    assert liste.codes[0].startswith("gestion_clientele/sql-")
    widget = liste.choisir("gestion_clientele/sql-ca-par-secteur")
    assert widget is liste.exercice and liste.zone.children == (widget,)
    assert liste.choix.value == "gestion_clientele/sql-ca-par-secteur"
    liste.choix.value = ""
    assert liste.exercice is None and liste.zone.children == ()


def test_exercise_list_follows_the_teaching_order(reference):
    liste = ListeExercicesSQL()
    libelles = [libelle for libelle, _ in liste.choix.options[1:]]
    premiers = [i for i, lib in enumerate(libelles) if lib.endswith("(premiers pas)")]
    fiabilisation = [i for i, lib in enumerate(libelles) if lib.endswith("(fiabilisation)")]
    assert premiers and fiabilisation and max(premiers) < min(fiabilisation)
    assert libelles[0].startswith("01. ")
