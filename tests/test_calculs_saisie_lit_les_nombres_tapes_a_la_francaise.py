"""French number parsing: what a student types becomes an exact Decimal, or a French error."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import (
    SaisieInvalide,
    arrondi,
    arrondi_centime,
    format_nombre,
    montant,
    nombre,
    quantite,
    taux,
)
from widgets.erreurs import ErreurAtelier

D = Decimal


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [
        ("1234,56", D("1234.56")),
        ("1 234,56", D("1234.56")),
        ("1\u00a0234,56", D("1234.56")),  # espace insécable
        ("1\u202f234,56", D("1234.56")),  # espace fine insécable (celle de babel)
        ("1234.56", D("1234.56")),
        ("1 234,56 €", D("1234.56")),
        ("0,6 euro", D("0.6")),
        ("12 euros", D("12")),
        ("1 234,56€", D("1234.56")),
        ("€ 12", D("12")),
        ("12 EUR", D("12")),
        ("  45  ", D("45")),
        ("0", D("0")),
        ("0,5", D("0.5")),
        (",5", D("0.5")),
        ("+3", D("3")),
        ("1.234,56", D("1234.56")),  # point = milliers, virgule = décimale (la dernière)
        ("1,234.56", D("1234.56")),  # virgule = milliers, point = décimale
        ("12 345 678,9", D("12345678.9")),
        (12, D("12")),
        (D("12.345"), D("12.345")),  # lu exactement, pas arrondi
        (0.1, D("0.1")),  # float converti par str, pas la valeur binaire
    ],
)
def test_montant_accepts_french_typing(saisie: object, attendu: Decimal) -> None:
    lu = montant(saisie)
    assert lu == attendu
    assert isinstance(lu, Decimal)


@pytest.mark.parametrize(
    "saisie",
    [
        "12a",
        "abc",
        "",
        "   ",
        None,
        "12,5,3",
        "1.234.567",
        "1.23,4",  # groupe de milliers qui n'a pas 3 chiffres
        "1,2.3,4",
        "1e3",
        "12 %",
        "--3",
        "3-",
        ",",
        "1 234,56 € €",
        True,
        float("nan"),
        D("Infinity"),
        [12],
        "9" * 60,
    ],
)
def test_montant_refuses_non_amounts_with_a_french_message_naming_the_field(
    saisie: object,
) -> None:
    with pytest.raises(SaisieInvalide) as info:
        montant(saisie, "Prix unitaire HT")
    assert str(info.value).startswith("Prix unitaire HT : ")
    assert info.value.champ == "Prix unitaire HT"
    assert "1 234,56" in str(info.value) or "vide" in str(info.value) or "long" in str(info.value)


def test_error_message_is_the_documented_sentence() -> None:
    with pytest.raises(SaisieInvalide) as info:
        montant("12a", "Prix unitaire HT")
    assert str(info.value) == (
        "Prix unitaire HT : « 12a » n'est pas un montant. Écrivez par exemple 1 234,56."
    )
    assert isinstance(info.value, ErreurAtelier)
    assert isinstance(info.value, ValueError)


def test_negative_amounts_only_when_allowed() -> None:
    assert montant("-3", positif=False) == D("-3")
    assert montant("\u22123,5", positif=False) == D("-3.5")  # signe moins typographique
    with pytest.raises(SaisieInvalide, match="Acompte : .*négatif"):
        montant("-3", "Acompte")
    assert montant("0") == 0  # zéro est positif ou nul


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [
        ("12,5", D("12.5")),
        ("12,5 %", D("12.5")),
        ("12,5%", D("12.5")),
        ("12,5\u00a0%", D("12.5")),
        ("20", D("20")),
        (20, D("20")),
        (D("12.5"), D("12.5")),
        (5.5, D("5.5")),
        ("0", D("0")),
        ("100", D("100")),
    ],
)
def test_taux_reads_percentages(saisie: object, attendu: Decimal) -> None:
    assert taux(saisie) == attendu


@pytest.mark.parametrize(
    ("saisie", "options", "morceau"),
    [
        ("abc", {}, "n'est pas un taux"),
        ("", {}, "vide"),
        ("-5", {}, "négatif"),
        ("100,01", {}, "au plus 100"),
        ("100", {"strict_maxi": True}, "strictement inférieur à 100"),
        ("12 €", {}, "n'est pas un taux"),
        ("% 12", {}, "n'est pas un taux"),
        ("60", {"maxi": 50}, "au plus 50"),
    ],
)
def test_taux_refuses_bad_rates(saisie: str, options: dict, morceau: str) -> None:
    with pytest.raises(SaisieInvalide) as info:
        taux(saisie, "Remise", **options)
    assert str(info.value).startswith("Remise : ")
    assert morceau in str(info.value).replace("\u00a0", " ")


def test_taux_without_ceiling() -> None:
    assert taux("250 %", maxi=None) == D("250")


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [("3", 3), (3, 3), ("1 000", 1000), ("3,0", 3), (D("7"), 7), (" 12 ", 12)],
)
def test_quantite_reads_whole_numbers(saisie: object, attendu: int) -> None:
    lu = quantite(saisie)
    assert lu == attendu
    assert type(lu) is int


@pytest.mark.parametrize("saisie", ["2,5", "0", "-1", "x", "", 2.5, True, "3 €"])
def test_quantite_refuses_non_positive_or_fractional(saisie: object) -> None:
    with pytest.raises(SaisieInvalide, match="^Quantité : "):
        quantite(saisie)


def test_quantite_minimum_zero_is_possible() -> None:
    assert quantite("0", minimum=0) == 0


def test_nombre_reads_plain_decimals() -> None:
    assert nombre("-2,5") == D("-2.5")
    with pytest.raises(SaisieInvalide, match="Coefficient : .*négatif"):
        nombre("-2", "Coefficient", positif=True)


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        (D("0.125"), D("0.13")),  # demi vers le haut, pas « au pair »
        (D("0.135"), D("0.14")),
        (D("0.145"), D("0.15")),
        (D("-0.125"), D("-0.13")),  # demi « en s'éloignant de zéro »
        (D("2.004"), D("2.00")),
        (7, D("7.00")),
    ],
)
def test_arrondi_centime_is_half_up(valeur: Decimal, attendu: Decimal) -> None:
    assert arrondi_centime(valeur) == attendu
    assert str(arrondi_centime(valeur)) == str(attendu)


def test_arrondi_to_n_decimals() -> None:
    assert arrondi(D("14.285714"), 2) == D("14.29")
    assert arrondi(D("2.5"), 0) == D("3")
    assert arrondi(D("1.23456"), 4) == D("1.2346")


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_formatted_amounts_read_back_exactly(valeur: Decimal) -> None:
    # ce que l'atelier affiche, un étudiant peut le recopier tel quel
    assert montant(format_nombre(valeur, 2)) == valeur
    assert montant(format_nombre(valeur, 2) + "\u00a0€") == valeur


@given(st.text(alphabet="abcxyz@#!?", min_size=1, max_size=8))
def test_letters_are_never_an_amount(texte: str) -> None:
    with pytest.raises(SaisieInvalide):
        montant("12" + texte)


# --------------------------------------------------------------------------- dates
def test_one_french_date_reader_for_widgets_plans_and_imports():
    from datetime import date, datetime

    from widgets.calculs import date_francaise

    attendu = date(2025, 12, 31)
    for texte in ("31/12/2025", " 31.12.2025 ", "31-12-2025", "2025-12-31", "31/12/2025 08:30"):
        assert date_francaise(texte) == attendu
    assert date_francaise(datetime(2025, 12, 31, 8, 30)) == attendu
    assert date_francaise("1/2/2026") == date(2026, 2, 1)  # day first, as in France
    with pytest.raises(SaisieInvalide, match="n'existe pas au calendrier"):
        date_francaise("29/02/2025", "Échéance")  # 2025 is not a leap year
    with pytest.raises(SaisieInvalide, match="Écrivez par exemple 31/12/2025"):
        date_francaise("12/2025")
    with pytest.raises(SaisieInvalide, match="n'est pas une date"):
        date_francaise(None)


def test_the_three_old_date_readers_now_agree():
    from datetime import date

    from widgets.calculs.plan_action import _date
    from widgets.donnees.import_fichier import _lire_date
    from widgets.ui.champs import lire_date

    for texte in ("10/05/2026", "2026-05-10"):
        assert lire_date(texte) == _date(texte, "debut") == date.fromisoformat(_lire_date(texte))
    assert _lire_date("31/02/2021") is None and _lire_date(12) is None
