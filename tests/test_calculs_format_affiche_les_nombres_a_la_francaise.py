"""French display of amounts, numbers and percentages through babel (locale fr_FR)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.calculs import espaces_normales, format_euros, format_nombre, format_pourcent

D = Decimal


def test_exact_babel_characters() -> None:
    # babel : U+202F entre les milliers, U+00A0 avant € et %
    assert format_euros(D("1234.56")) == "1\u202f234,56\u00a0€"
    assert format_pourcent(D("12.5")) == "12,5\u00a0%"
    assert format_nombre(D("1234.5")) == "1\u202f234,5"


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        (D("1234.56"), "1 234,56 €"),
        (D("1234.5"), "1 234,50 €"),
        (0, "0,00 €"),
        (1234567, "1 234 567,00 €"),
        (D("0.125"), "0,13 €"),  # demi vers le haut (babel seul donnerait 0,12)
        (D("0.005"), "0,01 €"),
        (D("-1234.565"), "-1 234,57 €"),
        (D("-0.00"), "0,00 €"),
        (D("-0.001"), "0,00 €"),
        (12.3, "12,30 €"),
        ("99.999", "100,00 €"),
    ],
)
def test_format_euros(valeur: object, attendu: str) -> None:
    assert espaces_normales(format_euros(valeur)) == attendu


@pytest.mark.parametrize(
    ("valeur", "decimales", "attendu"),
    [
        (D("12.5"), 2, "12,5 %"),
        (20, 2, "20 %"),
        (D("20.00"), 2, "20 %"),
        (D("14.50"), 2, "14,5 %"),
        (D("33.33333"), 2, "33,33 %"),
        (D("33.335"), 2, "33,34 %"),
        (D("5.5"), 0, "6 %"),
        (D("2.1"), 1, "2,1 %"),
        (D("0"), 2, "0 %"),
        (D("1250"), 2, "1 250 %"),
    ],
)
def test_format_pourcent(valeur: object, decimales: int, attendu: str) -> None:
    assert espaces_normales(format_pourcent(valeur, decimales=decimales)) == attendu


@pytest.mark.parametrize(
    ("valeur", "decimales", "attendu"),
    [
        (D("1234.5"), None, "1 234,5"),
        (D("2.50"), None, "2,5"),
        (D("1.23456"), None, "1,235"),
        (D("2.5"), 2, "2,50"),
        (D("1234.5"), 0, "1 235"),
        (D("-0.5"), 1, "-0,5"),
        (1000000, None, "1 000 000"),
    ],
)
def test_format_nombre(valeur: object, decimales: int | None, attendu: str) -> None:
    assert espaces_normales(format_nombre(valeur, decimales)) == attendu


def test_espaces_normales_replaces_only_special_spaces() -> None:
    assert espaces_normales("1\u202f234,56\u00a0€ et\u2009x") == "1 234,56 € et x"
