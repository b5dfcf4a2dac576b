"""Importing a partner company's client file (French CSV or Excel) into the student's own base."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.donnees.import_fichier import (
    ImportImpossible,
    LigneRejetee,
    base_personnelle,
    bases_personnelles,
    detecter_encodage,
    detecter_separateur,
    importer_fichier,
    nom_sql,
)
from widgets.ui.import_fichier import ImportFichier, rapport_html

CSV_CP1252 = (
    "Raison sociale;Code postal;Téléphone;CA 2024;Date création;Nb salariés\r\n"
    "Boulangerie Müller;01000;06 12 34 56 78;1 234,56;14/03/2021;12\r\n"
    "Café de l'Été;75011;01 45 67 89 01;987,5;01/12/2020;3\r\n"
    "Mauvais CA;75012;;n.c.;01/01/2020;4\r\n"
    "Trop de champs;1;2;3;4;5;6\r\n"
    "Date fausse;69001;04 78 00 00 00;12;31/02/2021;7\r\n"
    "\r\n"
    "Épicerie Noël;13001;04 91 00 00 00;2 000;05/06/2019;\r\n"
)


def _lignes(base: Path, table: str) -> list[tuple]:
    with sqlite3.connect(base) as cx:
        return cx.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


def _types(base: Path, table: str) -> dict[str, str]:
    with sqlite3.connect(base) as cx:
        return {r[1]: r[2] for r in cx.execute(f"PRAGMA table_info({table})")}


def test_cp1252_semicolon_csv_is_typed_and_bad_lines_are_reported(
    tmp_path, dossier_utilisateur_temporaire
):
    fichier = tmp_path / "Clients Partenaire.csv"
    fichier.write_bytes(CSV_CP1252.encode("cp1252"))
    rapport = importer_fichier(fichier)
    assert rapport.base == dossier_utilisateur_temporaire / "mes_bases" / "mes_donnees.db"
    assert (rapport.table, rapport.encodage, rapport.separateur) == (
        "clients_partenaire",
        "cp1252",
        ";",
    )
    assert rapport.colonnes == {
        "raison_sociale": "texte",
        "code_postal": "texte",
        "telephone": "texte",
        "ca_2024": "décimal",
        "date_creation": "date",
        "nb_salaries": "entier",
    }
    assert rapport.noms_origine["date_creation"] == "Date création"
    assert rapport.rejets == [
        LigneRejetee(4, "colonne ca_2024 : « n.c. » n'est pas un nombre (ex. 1 234,56)"),
        LigneRejetee(5, "7 champs au lieu de 6"),
        LigneRejetee(6, "colonne date_creation : « 31/02/2021 » n'est pas une date (jj/mm/aaaa)"),
    ]
    assert rapport.nb_importees == 3
    assert _lignes(rapport.base, "clients_partenaire") == [
        ("Boulangerie Müller", "01000", "06 12 34 56 78", 1234.56, "2021-03-14", 12),
        ("Café de l'Été", "75011", "01 45 67 89 01", 987.5, "2020-12-01", 3),
        ("Épicerie Noël", "13001", "04 91 00 00 00", 2000.0, "2019-06-05", None),
    ]
    assert _types(rapport.base, "clients_partenaire")["ca_2024"] == "REAL"
    texte = str(rapport)
    assert "3 lignes importées dans la table « clients_partenaire »" in texte
    assert "encodage Windows-1252, séparateur point-virgule" in texte
    assert "  - ligne 5 : 7 champs au lieu de 6" in texte
    assert "3 lignes rejetées" in rapport_html(rapport)


def test_utf8_comma_csv_and_reimport_replaces_the_table(tmp_path):
    fichier = tmp_path / "prospects.csv"
    fichier.write_text('nom,ville,montant\n"Dupont, fils",Lyon,12.5\nDurand,Paris,3\n', "utf-8")
    premier = importer_fichier(fichier, base=tmp_path / "b.db")
    assert (premier.encodage, premier.separateur) == ("utf-8-sig", ",")
    assert premier.colonnes["montant"] == "décimal"
    assert _lignes(tmp_path / "b.db", "prospects") == [
        ("Dupont, fils", "Lyon", 12.5),
        ("Durand", "Paris", 3.0),
    ]
    fichier.write_text("nom;ville\nMartin;Nice\n", "utf-8")
    second = importer_fichier(fichier, base=tmp_path / "b.db")
    assert second.separateur == ";"
    assert _lignes(tmp_path / "b.db", "prospects") == [("Martin", "Nice")]


def test_excel_file_with_real_dates_numbers_and_french_text(tmp_path):
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.append(["Client", "CA HT", "Première commande", "Code client"])
    feuille.append(["Alpha", 1234.56, dt.datetime(2024, 5, 1), "00123"])
    feuille.append(["Bêta", "2 000,10", "03/04/2024", "00456"])
    feuille.append(["Gamma", "inconnu", None, "00789"])
    chemin = tmp_path / "export.xlsx"
    classeur.save(chemin)
    rapport = importer_fichier(chemin, base=tmp_path / "x.db", table="Clients Excel")
    assert rapport.format == "Excel" and rapport.table == "clients_excel"
    assert rapport.colonnes == {
        "client": "texte",
        "ca_ht": "décimal",
        "premiere_commande": "date",
        "code_client": "texte",
    }
    assert rapport.rejets == [
        LigneRejetee(4, "colonne ca_ht : « inconnu » n'est pas un nombre (ex. 1 234,56)")
    ]
    assert _lignes(tmp_path / "x.db", "clients_excel") == [
        ("Alpha", 1234.56, "2024-05-01", "00123"),
        ("Bêta", 2000.1, "2024-04-03", "00456"),
    ]


@pytest.mark.parametrize(
    ("nom", "contenu", "mot"),
    [
        ("vide.csv", b"   \n", "vide"),
        ("ancien.xls", b"x", ".xlsx"),
        ("notes.pdf", b"x", "inconnu"),
    ],
)
def test_unusable_files_get_a_french_message(tmp_path, nom, contenu, mot):
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    with pytest.raises(ImportImpossible) as err:
        importer_fichier(chemin, base=tmp_path / "b.db")
    assert mot in str(err.value)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(ImportImpossible, match="introuvable"):
        importer_fichier(tmp_path / "absent.csv")


def test_encoding_and_separator_detection():
    assert detecter_encodage("é".encode()) == "utf-8-sig"
    assert detecter_encodage("é€".encode("cp1252")) == "cp1252"
    assert detecter_encodage(b"\x81\xe9") == "latin-1"  # 0x81 is undefined in cp1252
    assert detecter_separateur("a;b;c\n1;2;3\n") == ";"
    assert detecter_separateur("a\tb\n1\t2\n") == "\t"
    assert detecter_separateur("une seule colonne\n") == ";"


def test_column_names_become_sql_names():
    assert nom_sql("Chiffre d'affaires 2024") == "chiffre_d_affaires_2024"
    assert nom_sql("2e trimestre") == "c_2e_trimestre"
    assert nom_sql("  ") == "colonne"


@given(st.text(max_size=30))
def test_sql_names_never_need_quotes(texte):
    nom = nom_sql(texte)
    assert nom[0].isalpha()
    assert all(c.isascii() and (c.isalnum() or c == "_") for c in nom)
    assert nom == nom.lower()


def test_the_widget_imports_an_upload_and_opens_the_sql_widget_on_it(tmp_path):
    widget = ImportFichier()
    rapport = widget.importer_octets("Clients Partenaire.csv", CSV_CP1252.encode("cp1252"))
    assert rapport is not None and widget.erreur == ""
    assert base_personnelle() in bases_personnelles()
    assert "clients_partenaire" in widget.zone_rapport.value
    requeteur = widget.requeteur
    requeteur.sql = "SELECT raison_sociale FROM clients_partenaire WHERE ca_2024 > 1000"
    res = requeteur.executer()
    assert requeteur.erreur == ""
    assert list(res.dataframe["raison_sociale"]) == ["Boulangerie Müller", "Épicerie Noël"]
    assert widget.importer(tmp_path / "absent.csv") is None
    assert "introuvable" in widget.erreur
    assert widget.requeteur is requeteur
