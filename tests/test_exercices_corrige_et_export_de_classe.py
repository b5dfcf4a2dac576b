"""Teacher side: printable corrigé of any student's variant, CLI, class export CSV / Excel."""

from __future__ import annotations

import html

import openpyxl
import pandas as pd
import pytest

from widgets.calculs import accorder
from widgets.donnees.progression import Progression
from widgets.erreurs import ErreurAtelier
from widgets.exercices import exercice_par_code, exercices_de_l_unite
from widgets.exercices.corrige import (
    commande_corrige,
    commande_export_classe,
    corrige_html,
    exporter_classe,
)

UNITE = "gestion_clientele"
CODE = "gestion_clientele/sql-select-where-1"


def _variante_differente(etudiant_de_reference: str) -> str:
    ex = exercice_par_code(CODE)
    ref = ex.variante(etudiant_de_reference).parametres
    return next(f"etudiant{i}" for i in range(100) if ex.variante(f"etudiant{i}").parametres != ref)


def test_the_corrige_shows_this_students_figures_and_the_bareme():
    page = html.unescape(corrige_html(UNITE, "Alice Martin"))
    params = exercice_par_code(CODE).variante("Alice Martin").parametres
    assert f"catégorie **{params['type_client']}**" not in page  # Markdown was rendered
    assert f"<strong>{params['type_client']}</strong>" in page
    assert f"WHERE type_client = '{params['type_client'].replace(chr(39), chr(39) * 2)}'" in page
    assert "Alice Martin" in page and "Barème" in page
    total = sum(ex.variante("Alice Martin").controle.points for ex in exercices_de_l_unite(UNITE))
    assert f"noté sur {accorder(total, 'pt')}" in page
    assert "@page { size: A4" in page and "http" not in page  # prints, no CDN


def test_two_students_get_two_different_papers_and_the_same_student_the_same():
    autre = _variante_differente("Alice Martin")
    premiere = corrige_html(UNITE, "Alice Martin")
    assert (
        corrige_html(UNITE, " alice martin ").split("<section")[1:]
        == premiere.split("<section")[1:]
    )
    assert corrige_html(UNITE, autre).split("<section")[1] != premiere.split("<section")[1]


def test_unknown_unit_is_a_french_error():
    with pytest.raises(ErreurAtelier, match="Aucun exercice pour l'unité"):
        corrige_html("cuisine", "alice")


def test_the_cli_writes_the_file_and_reports_errors_with_exit_code_2(tmp_path, capsys):
    sortie = tmp_path / "c.html"
    assert commande_corrige(UNITE, "Bob", graine=3, sortie=sortie) == 0
    assert "Bob" in sortie.read_text(encoding="utf-8")
    assert "graine) : 3" in sortie.read_text(encoding="utf-8")
    assert commande_corrige("cuisine", "Bob", sortie=tmp_path / "x.html") == 2
    assert "Aucun exercice" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


@pytest.fixture
def fichiers(tmp_path):
    alice = Progression(tmp_path / "alice.sqlite")
    for correct, score in ((False, 0.0), (False, 0.5), (True, 1.0)):
        alice.enregistrer_tentative("alice", "u", "u/a", "x", correct, score, "m")
    alice.enregistrer_tentative("alice", "u", "u/b", "x", False, 0.25, "m")
    bob = Progression(tmp_path / "bob.sqlite")
    bob.enregistrer_tentative("bob", "u", "u/a", "x", False, 0.5, "m")
    return [alice.chemin, bob.chemin]


def test_class_export_csv_is_french_excel_ready(fichiers, tmp_path):
    sortie = tmp_path / "classe.csv"
    exporter_classe(fichiers, sortie)
    brut = sortie.read_bytes()
    assert brut.startswith(b"\xef\xbb\xbf")  # BOM: Excel-FR reads UTF-8
    lignes = brut.decode("utf-8-sig").splitlines()
    assert lignes[0].split(";")[:6] == [
        "etudiant",
        "unite",
        "exercice",
        "tentatives",
        "reussi",
        "meilleur_score_pct",
    ]
    assert [ligne.split(";")[:6] for ligne in lignes[1:]] == [
        ["alice", "u", "u/a", "3", "oui", "100,0"],
        ["alice", "u", "u/b", "1", "non", "25,0"],
        ["bob", "u", "u/a", "1", "non", "50,0"],
    ]


def test_class_export_excel_has_a_summary_and_a_detail_sheet(fichiers, tmp_path):
    sortie = tmp_path / "classe.xlsx"
    detail = exporter_classe(fichiers, sortie)
    assert len(detail) == 3
    classeur = openpyxl.load_workbook(sortie)
    assert classeur.sheetnames == ["Synthèse", "Détail"]
    synthese = pd.read_excel(sortie, sheet_name="Synthèse", index_col=0)
    assert synthese.loc["alice", "u/a"] == 100 and synthese.loc["bob", "u/a"] == 50
    assert pd.isna(synthese.loc["bob", "u/b"])


def test_a_file_that_is_not_a_progress_file_is_named_in_the_error(tmp_path):
    faux = tmp_path / "devoir.sqlite"
    faux.write_bytes(b"pas une base" * 100)
    with pytest.raises(ErreurAtelier, match="devoir.sqlite"):
        exporter_classe([faux], tmp_path / "x.csv")


def test_the_export_command_reports_what_it_wrote(fichiers, tmp_path, capsys):
    sortie = tmp_path / "classe.csv"
    assert commande_export_classe([str(f) for f in fichiers], sortie) == 0
    assert "2 étudiants, 3 lignes écrites" in capsys.readouterr().out
    faux = tmp_path / "faux.sqlite"
    faux.write_bytes(b"x" * 200)
    assert commande_export_classe([str(faux)], sortie) == 2
    assert "faux.sqlite" in capsys.readouterr().err
