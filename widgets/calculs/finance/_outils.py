"""Shared helpers of the finance modules (private): rate parsing, exact powers, labels."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any

from widgets.calculs._commun import CENT, pourcent
from widgets.calculs.format import format_nombre
from widgets.calculs.saisie import SaisieInvalide, arrondi_centime, montant, quantite, taux

__all__ = [
    "CENT",
    "euros",
    "euros_rapide",
    "facteur",
    "lire_capital",
    "lire_periodes",
    "lire_taux",
    "nombre_fr",
    "pourcent",
    "puissance",
    "puissances",
]

PRECISION = 28
"""Decimal precision of the intermediate powers (results are rounded afterwards)."""


def euros_rapide(valeur: Decimal | int) -> str:
    """Exactly :func:`~widgets.calculs.format_euros` (``1 234,56 €``, U+202F and U+00A0), but
    without babel: a loan table prints hundreds of distinct amounts at each keystroke and babel
    costs about 0,2 ms a call. A property test checks both give the same text."""
    d = arrondi_centime(Decimal(valeur))
    texte = f"{abs(d):,.2f}".translate(_GROUPES)
    return f"{'-' if d < 0 else ''}{texte}\u00a0€"


_GROUPES = str.maketrans({",": "\u202f", ".": ","})


def euros(valeur: Decimal | int) -> str:
    """``1 234,56 €`` with ordinary spaces (labels and steps), fast."""
    return euros_rapide(valeur).replace("\u202f", " ").replace("\u00a0", " ")


def lire_taux(valeur: Any, champ: str = "Taux") -> Decimal:
    """A rate in % (``"6 %"``, ``"6"``, ``6`` → ``Decimal(6)``), between 0 and 100 %."""
    return taux(valeur, champ, maxi=100)


def lire_capital(valeur: Any, champ: str = "Capital") -> Decimal:
    """A strictly positive amount (a loan or an investment of 0 € makes no sense)."""
    c = montant(valeur, champ)
    if c == 0:
        raise SaisieInvalide("le montant doit être strictement positif.", champ=champ)
    return c


def lire_periodes(valeur: Any, champ: str = "Nombre de périodes") -> int:
    """A whole number of periods, at least 1 (0 période is refused in French)."""
    n = quantite(valeur, champ, minimum=1)
    if n > 1200:
        raise SaisieInvalide("au plus 1 200 périodes (100 ans de mensualités).", champ=champ)
    return n


def facteur(taux_pourcent: Decimal) -> Decimal:
    """``1 + i`` for a rate given in % (6 → 1,06)."""
    return 1 + taux_pourcent / CENT


def puissances(base: Decimal, maxi: int) -> list[Decimal]:
    """``[base**0, base**1, …, base**maxi]`` by successive products (28 digits)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        liste = [Decimal(1)]
        for _ in range(maxi):
            liste.append(liste[-1] * base)
    return liste


def puissance(base: Decimal, exposant: Decimal | int) -> Decimal:
    """``base ** exposant`` with 28 significant digits (non-integer exponents allowed)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return +(Decimal(base) ** Decimal(exposant))


def nombre_fr(valeur: Decimal | int, decimales: int | None = None) -> str:
    """A French number with ordinary spaces (labels and steps)."""
    from widgets.calculs._commun import espaces_normales

    return espaces_normales(format_nombre(valeur, decimales, decimales_maxi=6))
