"""ControleNombre: French typing, tolerance to the cent, convention diagnosis, French feedback."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.exercices import ControleNombre, Piege

ADDITION = Piege("remises_additionnees", D("850.00"), "Les remises ne s'additionnent pas.")
CIVILE = Piege("annee_civile", D("73.97"), "L'année commerciale compte 360 jours.")
# 1 000 € with 10 % then 5 % in cascade: 1 000 × 0,90 × 0,95 = 855,00 € (added: 850,00 €)
CONTROLE = ControleNombre(D("855.00"), libelle="Net commercial HT", pieges=(ADDITION, CIVILE))


@pytest.mark.parametrize("saisie", ["855", "855,00", "855.00", "855,00 €", " 855 ", "855,01"])
def test_right_answer_typed_the_french_way_is_accepted(saisie):
    verdict = CONTROLE.verifier(saisie)
    assert verdict.correct and verdict.score == 1
    assert verdict.message.startswith("Juste")


def test_two_cents_off_is_wrong_and_the_message_points_at_rounding():
    verdict = CONTROLE.verifier("855,02")
    assert not verdict.correct and verdict.score == 0
    assert "arrondis" in verdict.message


def test_the_wrong_convention_is_named_when_the_answer_matches_it_exactly():
    verdict = CONTROLE.verifier("850")
    assert not verdict.correct
    assert verdict.piege == "remises_additionnees"
    assert "ne s'additionnent pas" in verdict.message


def test_a_random_wrong_answer_gets_no_diagnosis_but_a_direction():
    verdict = CONTROLE.verifier("900")
    assert verdict.piege is None
    assert "trop élevée" in verdict.message
    assert "trop faible" in CONTROLE.verifier("100").message


def test_a_trap_equal_to_the_right_answer_is_never_reported():
    controle = ControleNombre(D("10.00"), pieges=(Piege("inutile", D("10.00"), "…"),))
    assert controle.verifier("10").correct
    assert controle.verifier("10").piege is None


@pytest.mark.parametrize(
    ("saisie", "mot"),
    [("abc", "n'est pas un montant"), ("", "vide"), ("12,5,3", "n'est pas un montant")],
)
def test_malformed_input_gets_a_french_message_and_is_not_an_attempt(saisie, mot):
    verdict = CONTROLE.verifier(saisie)
    assert not verdict.correct and not verdict.lisible
    assert mot in verdict.message
    assert "Net commercial HT" in verdict.message


def test_a_percentage_given_as_a_proportion_is_explained():
    controle = ControleNombre(D("25"), libelle="Taux de marque", unite="%")
    assert controle.verifier("25 %").correct
    assert controle.verifier("25,00").correct
    verdict = controle.verifier("0,25")
    assert not verdict.correct and "pourcentage" in verdict.message


def test_bareme_and_expected_answer_are_french():
    assert CONTROLE.bareme() == (("Net commercial HT", D(2)),)
    assert "855,00" in CONTROLE.reponse_attendue()


@given(st.decimals(min_value=0, max_value=10**7, places=2))
def test_any_amount_typed_with_french_grouping_and_comma_is_its_own_right_answer(valeur):
    texte = f"{valeur:,.2f}".replace(",", " ").replace(".", ",")
    assert ControleNombre(valeur).verifier(texte).correct


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.integers(2, 10**6))
def test_anything_more_than_a_cent_away_is_wrong(valeur, centimes):
    faux = valeur + D(centimes) / 100
    assert not ControleNombre(valeur).verifier(str(faux)).correct
