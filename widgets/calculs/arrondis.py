"""The one rounding module of the workbench (half-up, as in the formulaire).

Every figure of a document is rounded here, at each documented step, and the next step is
computed from the rounded figure, as a student does on paper. Python's default ``quantize``
rounds half-even (0,125 → 0,12): never call ``quantize`` elsewhere in ``widgets/``
(``tests/test_arrondis_un_seul_module.py`` scans for it).

Names (each has one meaning):

- ``CENTIME`` = ``Decimal("0.01")``: one cent, the quantum of an amount in euros;
- ``CENT`` = ``Decimal(100)``: the hundred of "per cent" (``taux / CENT``).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

__all__ = ["CENT", "CENTIME", "arrondi", "arrondi_centime", "tronque"]

CENTIME = Decimal("0.01")
CENT = Decimal(100)


def arrondi_centime(valeur: Decimal | int) -> Decimal:
    """Round to the cent, half away from zero (0,125 → 0,13; −0,125 → −0,13)."""
    return Decimal(valeur).quantize(CENTIME, rounding=ROUND_HALF_UP)


def arrondi(valeur: Decimal | int, decimales: int = 2) -> Decimal:
    """Round to ``decimales`` digits after the decimal mark, half away from zero."""
    return Decimal(valeur).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def tronque(valeur: Decimal | int, decimales: int = 2) -> Decimal:
    """Cut to ``decimales`` digits, towards zero (a ceiling that must not be exceeded)."""
    return Decimal(valeur).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_DOWN)
