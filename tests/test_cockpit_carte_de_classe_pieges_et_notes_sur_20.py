"""The teacher's heatmap, traps and marks /20 (the devoirs' barème) computed on a hand-built
class, and the marks files (CSV for Pronote/ENT, Excel) read back with csv and openpyxl."""

from __future__ import annotations

import csv
import io
import sqlite3
from decimal import Decimal

import openpyxl
import pytest

from widgets.donnees.classe import Eleve
from widgets.donnees.progression import Progression, lire_progressions
from widgets.erreurs import ErreurAtelier
from widgets.exercices.suivi import (
    BLOQUE,
    EN_COURS,
    PAS_COMMENCE,
    REUSSI,
    carte_de_classe,
    exporter_notes,
    libelle_piege,
    note_a_poids_egaux,
    notes_de_classe,
    notes_en_csv,
)

EX1, EX2, EX3 = "u/ex1", "u/ex2", "u/ex3"


def _t(etudiant, exercice, correct, score, piege=None):
    return {
        "etudiant": etudiant,
        "exercice": exercice,
        "correct": int(correct),
        "score": score,
        "piege": piege,
    }


TENTATIVES = [
    _t("Martin Léa", EX1, False, 0.0, "annee_civile"),
    _t("Martin Léa", EX1, True, 1.0),
    _t("Martin Léa", EX2, False, 0.5),
    _t("Durand Hugo", EX1, False, 0.0, "annee_civile"),
    _t("Durand Hugo", EX1, False, 0.0, "annee_civile"),
    _t("Durand Hugo", EX1, False, 0.0),
    _t("Petit Zoé", EX1, False, 0.0, "convention_maison"),
    _t("Petit Zoé", EX2, True, 1.0),
    _t("Intrus", EX1, False, 0.0, "annee_civile"),  # not in the class list: ignored
    _t("Martin Léa", "u/autre", True, 1.0),  # exercise not shown: ignored
]
ELEVES = [
    Eleve("Martin Léa", "Martin", "Léa", "A"),
    Eleve("Durand Hugo", "Durand", "Hugo", "B"),
    Eleve("Petit Zoé", "Petit", "Zoé", "A"),
    Eleve("Ben Ali Sami", "Ben Ali", "Sami", "B"),
]
IDS = [e.identifiant for e in ELEVES]


def test_each_student_gets_a_status_per_exercise():
    carte = carte_de_classe(TENTATIVES, [EX1, EX2, EX3], IDS)
    statuts = {(e, x): carte.case(e, x).statut for e in IDS for x in (EX1, EX2, EX3)}
    assert statuts == {
        ("Martin Léa", EX1): REUSSI,
        ("Martin Léa", EX2): EN_COURS,
        ("Martin Léa", EX3): PAS_COMMENCE,
        ("Durand Hugo", EX1): BLOQUE,  # 3 wrong attempts, never right
        ("Durand Hugo", EX2): PAS_COMMENCE,
        ("Durand Hugo", EX3): PAS_COMMENCE,
        ("Petit Zoé", EX1): EN_COURS,
        ("Petit Zoé", EX2): REUSSI,
        ("Petit Zoé", EX3): PAS_COMMENCE,
        ("Ben Ali Sami", EX1): PAS_COMMENCE,
        ("Ben Ali Sami", EX2): PAS_COMMENCE,
        ("Ben Ali Sami", EX3): PAS_COMMENCE,
    }
    lea = carte.case("Martin Léa", EX1)
    assert (lea.tentatives, lea.erreurs, lea.meilleur_score, lea.libelle) == (
        2,
        1,
        Decimal(1),
        "réussi",
    )
    assert carte.case("Martin Léa", EX2).meilleur_score == Decimal("0.5")
    assert carte.compte(EX1, BLOQUE) == 1 and carte.compte(EX2, REUSSI) == 1
    # a higher threshold: Hugo is only « en cours »
    assert carte_de_classe(TENTATIVES, [EX1], IDS, seuil_blocage=4).case(
        "Durand Hugo", EX1
    ).statut == (EN_COURS)


def test_traps_are_counted_per_exercise_with_who_fell_in():
    carte = carte_de_classe(TENTATIVES, [EX1, EX2, EX3], IDS)
    assert carte.pieges == {EX1: {"annee_civile": 3, "convention_maison": 1}, EX2: {}, EX3: {}}
    assert carte.eleves_par_piege == {
        (EX1, "annee_civile"): ("Martin Léa", "Durand Hugo"),
        (EX1, "convention_maison"): ("Petit Zoé",),
    }
    assert libelle_piege("annee_civile").startswith("Les intérêts ont été calculés sur 365 jours")
    assert libelle_piege("convention_maison") == "convention maison"


def test_without_a_list_every_student_seen_is_shown_in_order():
    carte = carte_de_classe(TENTATIVES, [EX1])
    assert carte.eleves == ("Durand Hugo", "Intrus", "Martin Léa", "Petit Zoé")
    assert carte.pieges[EX1]["annee_civile"] == 4


def test_the_mark_is_the_devoir_bareme_with_one_point_per_exercise_to_the_hundredth():
    assert note_a_poids_egaux([1, 0.5], 3) == Decimal("10.00")  # 20 × 1,5 / 3
    assert note_a_poids_egaux([1], 3) == Decimal("6.67")  # 6,666…
    # 20 × 0,01 / 8 = 0,025 → 0,03 half-up (half-even would give 0,02)
    assert note_a_poids_egaux([Decimal("0.01")], 8) == Decimal("0.03")
    # the points of an exercise are rounded first (0,1125 → 0,11 point), as in a devoir: 2,20
    assert note_a_poids_egaux([Decimal("0.1125")], 1) == Decimal("2.20")
    assert str(note_a_poids_egaux([], 4)) == "0.00"
    assert note_a_poids_egaux([1, 1], 2) == Decimal("20.00")
    with pytest.raises(ErreurAtelier, match="Aucun exercice"):
        note_a_poids_egaux([], 0)


def test_cockpit_and_devoir_give_the_same_mark_for_the_same_scores():
    from widgets.calculs.bareme import noter

    scores = [Decimal("1"), Decimal("0.5"), Decimal("0.25"), Decimal(0)]
    devoir = noter((f"ex{i}", 5, s) for i, s in enumerate(scores))  # 5 points each
    # 5 + 2,5 + 1,25 + 0 = 8,75 / 20 points → 8,75 ; equal weights: 20 × 1,75 / 4 = 8,75
    assert devoir.sur_20 == note_a_poids_egaux(scores, 4) == Decimal("8.75")


def test_class_marks_follow_the_list_order():
    lignes = notes_de_classe(TENTATIVES, ELEVES, [EX1, EX2, EX3])
    assert [(n.nom, n.prenom, n.note) for n in lignes] == [
        ("Martin", "Léa", Decimal("10.00")),  # 20 × (1 + 0,5 + 0) / 3
        ("Durand", "Hugo", Decimal("0.00")),
        ("Petit", "Zoé", Decimal("6.67")),  # 20 × 1 / 3
        ("Ben Ali", "Sami", Decimal("0.00")),
    ]


def test_csv_for_pronote_and_xlsx_read_back_with_the_same_values(tmp_path):
    lignes = notes_de_classe(TENTATIVES, ELEVES, [EX1, EX2, EX3])
    brut = notes_en_csv(lignes)
    assert brut.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel-FR reads the accents
    assert brut.decode("utf-8-sig") == (
        "Nom;Prénom;Note /20\r\n"
        "Martin;Léa;10,00\r\n"
        "Durand;Hugo;0,00\r\n"
        "Petit;Zoé;6,67\r\n"
        "Ben Ali;Sami;0,00\r\n"
    )
    fichier_csv = exporter_notes(lignes, tmp_path / "notes.csv")
    with fichier_csv.open(encoding="utf-8-sig", newline="") as f:
        rangs = list(csv.reader(f, delimiter=";"))
    assert rangs[3] == ["Petit", "Zoé", "6,67"]

    fichier = exporter_notes(lignes, tmp_path / "notes.xlsx")
    feuille = openpyxl.load_workbook(fichier).active
    assert [[c.value for c in rang] for rang in feuille.iter_rows()] == [
        ["Nom", "Prénom", "Note /20"],
        ["Martin", "Léa", 10.0],
        ["Durand", "Hugo", 0.0],
        ["Petit", "Zoé", 6.67],
        ["Ben Ali", "Sami", 0.0],
    ]
    assert feuille["C2"].number_format == "0.00"
    with pytest.raises(ErreurAtelier, match="choisissez un fichier .csv ou .xlsx"):
        exporter_notes(lignes, tmp_path / "notes.ods")
    assert io.BytesIO(fichier.read_bytes()).read(2) == b"PK"


def test_an_older_progress_file_without_the_trap_column_still_reads_and_gets_it(tmp_path):
    ancien = tmp_path / "ancien.sqlite"
    with sqlite3.connect(ancien) as cx:
        cx.executescript(
            "CREATE TABLE tentatives (id INTEGER PRIMARY KEY, horodatage TEXT NOT NULL,"
            " etudiant TEXT NOT NULL, unite TEXT NOT NULL, exercice TEXT NOT NULL,"
            " graine INTEGER NOT NULL DEFAULT 0, reponse TEXT NOT NULL, correct INTEGER NOT NULL,"
            " score REAL NOT NULL, message TEXT NOT NULL);"
            "INSERT INTO tentatives VALUES (1, '2026-01-05T10:00:00+00:00', 'Léa', 'u', 'u/ex1',"
            " 0, '\"3\"', 0, 0.0, 'Faux');"
        )
    cx.close()
    (ligne,) = lire_progressions([ancien])
    assert (ligne["etudiant"], ligne["piege"], ligne["fichier"]) == ("Léa", None, "ancien.sqlite")
    p = Progression(ancien)  # opened for writing: the column is added, nothing lost
    p.enregistrer_tentative("Léa", "u", "u/ex1", "4", False, 0.0, "Faux", piege="annee_civile")
    assert [t["piege"] for t in p.tentatives()] == [None, "annee_civile"]
