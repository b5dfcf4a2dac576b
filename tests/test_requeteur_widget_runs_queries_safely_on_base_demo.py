"""The SQL widget (Requeteur) driven from Python on the 300-client demo base.

The oracle for result sets is a plain read-only sqlite3 connection to the same file.
"""

from __future__ import annotations

import hashlib
import io
import re
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from widgets.ui.requeteur import (
    NavigateurSchema,
    Requeteur,
    csv_francais,
    formater_colonne,
    statut_resultat,
)


def _sqlite(base: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(f"file:{base}?mode=ro", uri=True) as cx:
        return cx.execute(sql).fetchall()


def _espaces(texte: str) -> str:
    return texte.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture
def requeteur(base_demo: Path) -> Requeteur:
    return Requeteur(base_demo, lignes_par_page=20)


def test_executer_gives_the_exact_result_set_and_a_french_status(requeteur, base_demo):
    requeteur.sql = (
        "SELECT type_client, COUNT(*) AS nb FROM clients GROUP BY type_client ORDER BY type_client"
    )
    res = requeteur.executer()
    assert requeteur.erreur == ""
    assert res is requeteur.resultat
    attendu = _sqlite(
        base_demo,
        "SELECT type_client, COUNT(*) FROM clients GROUP BY type_client ORDER BY type_client",
    )
    assert [tuple(r) for r in res.dataframe.itertuples(index=False)] == attendu
    assert sum(n for _, n in attendu) == 300
    statut = _espaces(requeteur.zone_statut.value)
    assert re.fullmatch(r"4 lignes — \d+,\d{3} s", statut), statut
    assert "Comité d&#x27;entreprise" in requeteur.zone_resultat.value


def test_ctrl_enter_message_from_the_editor_runs_the_query(requeteur):
    requeteur.sql = "SELECT nom FROM secteurs WHERE id_secteur = 4"
    requeteur.editeur._recevoir(requeteur.editeur, {"type": "executer"}, [])
    assert requeteur.resultat is not None
    assert list(requeteur.resultat.dataframe["nom"]) == ["Rhône-Alpes"]


def test_error_is_shown_in_french_and_the_previous_result_is_kept(requeteur):
    requeteur.sql = "SELECT COUNT(*) AS n FROM clients"
    premier = requeteur.executer()
    assert premier is not None
    requeteur.sql = "SELECT * FROM client"
    assert requeteur.executer() is None
    assert "client" in requeteur.erreur and "clients" in requeteur.erreur
    assert "Traceback" not in requeteur.erreur
    assert requeteur.resultat is premier
    assert "atelier-perime" in requeteur.zone_resultat._dom_classes
    assert "atelier-erreur" in requeteur.zone_erreur._dom_classes


def test_reference_base_is_read_only_and_left_byte_identical(requeteur, base_demo):
    avant = hashlib.sha256(base_demo.read_bytes()).hexdigest()
    requeteur.sql = "DELETE FROM clients"
    assert requeteur.executer() is None
    assert "bac à sable" in requeteur.erreur
    assert hashlib.sha256(base_demo.read_bytes()).hexdigest() == avant


def test_sandbox_accepts_updates_and_can_be_reset(base_demo):
    r = Requeteur(base_demo, bac_a_sable=True)
    assert r.modifiable and r.base != base_demo
    (total,) = _sqlite(base_demo, "SELECT COUNT(*) FROM prospects")[0]
    r.sql = "UPDATE prospects SET ville = UPPER(ville)"
    res = r.executer()
    assert res is not None and res.nb_lignes == total
    assert _espaces(r.zone_statut.value).startswith(f"{total} lignes modifiées — ")
    r.sql = "SELECT COUNT(*) AS n FROM prospects WHERE ville <> UPPER(ville)"
    assert r.executer().dataframe.iat[0, 0] == 0
    r.reinitialiser_bac_a_sable()
    r.sql = "SELECT COUNT(*) AS n FROM prospects WHERE ville <> UPPER(ville)"
    attendu = _sqlite(base_demo, "SELECT COUNT(*) FROM prospects WHERE ville <> UPPER(ville)")
    assert r.executer().dataframe.iat[0, 0] == attendu[0][0] > 0


def test_results_are_paged_twenty_rows_at_a_time(requeteur):
    requeteur.sql = "SELECT id_client, raison_sociale FROM clients ORDER BY id_client"
    requeteur.executer()
    assert requeteur.nb_pages == 15
    assert requeteur.etiquette_page.value == "Page 1 / 15 (lignes 1 à 20)"
    assert requeteur.zone_resultat.value.count("<tr>") == 21  # header + 20 rows
    requeteur.page_suivante()
    assert requeteur.etiquette_page.value == "Page 2 / 15 (lignes 21 à 40)"
    assert requeteur.bouton_precedente.disabled is False
    requeteur.aller_page(99)
    assert requeteur.etiquette_page.value == "Page 15 / 15 (lignes 281 à 300)"
    assert requeteur.bouton_suivante.disabled is True


def test_query_history_is_saved_in_the_student_folder_and_recalled(base_demo):
    r = Requeteur(base_demo)
    r.sql = "SELECT 1 AS un"
    r.executer()
    r.sql = "SELECT * FROM nulle_part"
    r.executer()
    autre = Requeteur(base_demo)  # a new session reads the same file
    entrees = autre.historique.dernieres(10)
    assert [e.sql for e in entrees] == ["SELECT * FROM nulle_part", "SELECT 1 AS un"]
    assert entrees[0].erreur and entrees[1].nb_lignes == 1
    assert [v for _, v in autre.choix_historique.options][1:] == [e.sql for e in entrees]
    autre.choix_historique.value = "SELECT 1 AS un"
    assert autre.sql == "SELECT 1 AS un"
    assert autre.choix_historique.value == ""


def test_csv_export_is_excel_french(requeteur):
    requeteur.sql = "SELECT 'Île-de-France' AS secteur, 1234.5 AS ca, 3 AS nb"
    requeteur.executer()
    assert requeteur.exporter_csv() == (
        "\ufeffsecteur;ca;nb\r\nÎle-de-France;1234,5;3\r\n".encode()
    )
    assert requeteur.zone_export.value == ""  # nothing built before the student asks
    assert requeteur.bouton_csv.layout.display == ""
    requeteur.bouton_csv.click()
    assert 'download="resultat.csv"' in requeteur.zone_export.value
    requeteur.bouton_excel.click()
    assert 'download="resultat.xlsx"' in requeteur.zone_export.value


def test_excel_export_holds_the_values(requeteur, base_demo):
    requeteur.sql = "SELECT id_secteur, nom FROM secteurs ORDER BY id_secteur"
    requeteur.executer()
    feuille = openpyxl.load_workbook(io.BytesIO(requeteur.exporter_excel())).active
    lignes = [tuple(c.value for c in ligne) for ligne in feuille.iter_rows()]
    assert lignes[0] == ("id_secteur", "nom")
    assert lignes[1:] == _sqlite(base_demo, "SELECT id_secteur, nom FROM secteurs ORDER BY 1")


def test_chart_of_a_numeric_column(requeteur):
    requeteur.sql = "SELECT type_client, COUNT(*) AS nb FROM clients GROUP BY type_client"
    requeteur.executer()
    assert requeteur.colonnes_numeriques() == ["nb"]
    assert requeteur.bouton_graphique.disabled is False
    figure = requeteur.tracer()
    assert len(figure.axes[0].patches) == 4
    assert requeteur.image_graphique.value[:8] == b"\x89PNG\r\n\x1a\n"
    requeteur.sql = "SELECT nom FROM secteurs"
    requeteur.executer()
    assert requeteur.bouton_graphique.disabled is True
    assert requeteur.tracer() is None
    assert "numérique" in requeteur.erreur


def test_schema_browser_and_editor_completion(requeteur, base_demo):
    nav = requeteur.navigateur
    noms = {t.nom for t in nav.tables}
    assert {"clients", "secteurs", "factures", "prospects", "dictionnaire"} <= noms
    clients = next(t for t in nav.tables if t.nom == "clients")
    assert clients.nb_lignes == 300
    assert (
        "→ secteurs.id_secteur"
        in nav._accordeon.children[[t.nom for t in nav.tables].index("clients")].children[0].value
    )
    assert "raison_sociale" in requeteur.editeur.schema["clients"]
    assert len(nav.apercu("secteurs")) == 5


def test_schema_browser_reports_a_missing_base_in_french(tmp_path):
    nav = NavigateurSchema(tmp_path / "absente.db")
    assert nav.tables == []
    assert "introuvable" in nav.children[0].value


@pytest.mark.parametrize(
    ("nom", "valeurs", "attendu", "numerique"),
    [
        ("ca", [1234.5, 2.0], ["1 234,50", "2,00"], True),
        ("ca", [1234.5, None], ["1 234,50", "NULL"], True),
        ("taux", [0.12345], ["0,123"], True),
        ("nb", [12345, 7], ["12 345", "7"], True),
        ("id_client", [1234], ["1234"], True),
        ("annee", [2025], ["2025"], True),
        ("ville", ["Lyon", None], ["Lyon", "NULL"], False),
    ],
)
def test_numbers_are_shown_the_french_way(nom, valeurs, attendu, numerique):
    textes, est_numerique = formater_colonne(nom, valeurs)
    assert [_espaces(t) for t in textes] == attendu
    assert est_numerique is numerique


def test_status_and_csv_helpers_on_hand_made_results():
    import pandas as pd

    from widgets.sql import ResultatRequete

    df = pd.DataFrame({"a": [1.5]})
    res = ResultatRequete(df, ["a"], True, 0.0123, 1)
    assert _espaces(statut_resultat(res)) == "1 ligne — 0,012 s (résultat coupé)"
    assert csv_francais(df) == "\ufeffa\r\n1,5\r\n".encode()


def test_the_old_import_path_still_gives_every_public_name():
    # the workbench is split in four modules; notebooks and apps keep importing from here
    import widgets.ui.requeteur as module
    from widgets.ui import appli_requeteur, resultats_sql, schema_sql

    assert len(module.__all__) >= 12
    for nom in module.__all__:
        assert getattr(module, nom) is not None, nom
    assert module.AppliRequeteur is appli_requeteur.AppliRequeteur
    assert module.ListeExercicesSQL is appli_requeteur.ListeExercicesSQL
    assert module.NavigateurSchema is schema_sql.NavigateurSchema
    assert module.formater_colonne is resultats_sql.formater_colonne
    with pytest.raises(AttributeError):
        module.NomQuiNExistePas  # noqa: B018
