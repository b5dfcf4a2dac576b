"""The SQL checker compares result sets like a teacher: columns by content, rows as multisets."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from widgets.exercices.controles_sql import Resultat, _normaliser, comparer

ATTENDU = Resultat(
    ("ville", "nb"),
    (("Lyon", D("3.00")), ("Paris", D("5.00")), ("Nice", D("1.00")), ("Brest", D("2.00"))),
)


def test_same_rows_in_another_column_order_with_aliases_are_right():
    eleve = Resultat(("n", "commune"), tuple((nb, v) for v, nb in reversed(ATTENDU.lignes)))
    verdict = comparer(ATTENDU, eleve)
    assert verdict.correct and verdict.score == 1
    assert "4 lignes" in verdict.message


def test_row_order_matters_only_when_the_question_asks_for_order_by():
    eleve = Resultat(ATTENDU.colonnes, tuple(reversed(ATTENDU.lignes)))
    assert comparer(ATTENDU, eleve).correct
    verdict = comparer(ATTENDU, eleve, ordre_compte=True)
    assert not verdict.correct and verdict.score == D("0.5")
    assert "ordre" in verdict.message and "ORDER BY" in verdict.message
    assert comparer(ATTENDU, ATTENDU, ordre_compte=True).correct


def test_missing_rows_are_counted():
    verdict = comparer(ATTENDU, Resultat(ATTENDU.colonnes, ATTENDU.lignes[:1]))
    assert not verdict.correct and verdict.score == 0
    assert "3 lignes manquantes" in verdict.message
    assert (
        "1 ligne manquante"
        in comparer(ATTENDU, Resultat(ATTENDU.colonnes, ATTENDU.lignes[:3])).message
    )


def test_extra_rows_and_duplicates_are_counted():
    eleve = Resultat(ATTENDU.colonnes, ATTENDU.lignes + (ATTENDU.lignes[0], ("Metz", D("7.00"))))
    assert "2 lignes en trop" in comparer(ATTENDU, eleve).message


def test_an_extra_column_is_named():
    eleve = Resultat(
        ("ville", "code_postal", "nb"),
        tuple((v, f"{i:05d}", nb) for i, (v, nb) in enumerate(ATTENDU.lignes)),
    )
    verdict = comparer(ATTENDU, eleve)
    assert not verdict.correct and verdict.score == D("0.5")
    assert "colonne en trop : code_postal" in verdict.message
    assert "ligne" not in verdict.message.split(".")[0]  # the rows themselves are right


def test_a_missing_column_is_named():
    eleve = Resultat(("ville",), tuple((v,) for v, _ in ATTENDU.lignes))
    verdict = comparer(ATTENDU, eleve)
    assert "colonne manquante : nb" in verdict.message and not verdict.correct


def test_two_extra_columns_are_counted():
    eleve = Resultat(("ville", "nb", "a", "b"), tuple(r + ("x", "y") for r in ATTENDU.lignes))
    assert "2 colonnes en trop : a, b" in comparer(ATTENDU, eleve).message


@pytest.mark.parametrize(
    ("brut", "normalise"),
    [
        (3, D("3.00")),
        (3.0, D("3.00")),
        (2.999, D("3.00")),
        (12.345, D("12.35")),
        ("  Lyon ", "Lyon"),
        (None, None),
        (float("nan"), None),
        (True, D(1)),
    ],
)
def test_values_are_normalised_to_the_cent_and_trimmed(brut, normalise):
    assert _normaliser(brut) == normalise


def test_empty_results_compare_by_position():
    assert comparer(Resultat(("a",), ()), Resultat(("b",), ())).correct
    assert "colonne en trop" in comparer(Resultat(("a",), ()), Resultat(("b", "c"), ())).message


def test_rows_tied_on_the_order_by_key_may_come_in_any_order():
    attendu = Resultat(("nom", "ville"), (("A", "Lyon"), ("B", "Brest"), ("B", "Nice")))
    eleve = Resultat(("nom", "ville"), (("A", "Lyon"), ("B", "Nice"), ("B", "Brest")))
    assert comparer(attendu, eleve, ordre_compte=True, cles_ordre=("nom",)).correct
    assert not comparer(attendu, eleve, ordre_compte=True).correct
    inverse = Resultat(("nom", "ville"), tuple(reversed(attendu.lignes)))
    assert not comparer(attendu, inverse, ordre_compte=True, cles_ordre=("nom",)).correct
