"""The one rounding module of the workbench (half-up, as in the formulaire).

Every figure of a document is rounded here, at each documented step, and the next step is
computed from the rounded figure, as a student does on paper. Python's default ``quantize``
rounds half-even (0,125 → 0,12): never call ``quantize`` elsewhere in ``widgets/``
(``tests/test_arrondis_un_seul_module.py`` scans for it).

Names (each has one meaning):

- ``CENTIME`` = ``Decimal("0.01")``: one cent, the quantum of an amount in euros;
- ``CENT`` = ``Decimal(100)``: the hundred of "per cent" (``taux / CENT``);
- ``ZERO`` = ``Decimal(0)``: the start of a sum of Decimals (``sum(montants, ZERO)``).

Integers (cents of the generator, int64 columns of the vectorised portfolio) are rounded by
:func:`division_arrondie`, the same half-up rule on an exact integer quotient.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

__all__ = ["CENT", "CENTIME", "ZERO", "arrondi", "arrondi_centime", "division_arrondie", "tronque"]

CENTIME = Decimal("0.01")
CENT = Decimal(100)
ZERO = Decimal(0)


def arrondi_centime(valeur: Decimal | int) -> Decimal:
    """Round to the cent, half away from zero (0,125 → 0,13; −0,125 → −0,13)."""
    return Decimal(valeur).quantize(CENTIME, rounding=ROUND_HALF_UP)


def arrondi(valeur: Decimal | int, decimales: int = 2) -> Decimal:
    """Round to ``decimales`` digits after the decimal mark, half away from zero."""
    return Decimal(valeur).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def tronque(valeur: Decimal | int, decimales: int = 2) -> Decimal:
    """Cut to ``decimales`` digits, towards zero (a ceiling that must not be exceeded)."""
    return Decimal(valeur).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_DOWN)


def division_arrondie(numerateur, diviseur):
    """``numerateur / diviseur`` rounded half away from zero, exactly, in integers.

    ``diviseur`` > 0. Works on Python integers and, element-wise, on numpy integer arrays
    (int64 or object): ``division_arrondie(5, 2) == 3``, ``division_arrondie(-5, 2) == -3``,
    ``division_arrondie(1249, 100) == 12`` — what ``arrondi`` does to ``Decimal(n) / d``.
    """
    quotient = (2 * abs(numerateur) + diviseur) // (2 * diviseur)
    return quotient - 2 * quotient * (numerateur < 0)
