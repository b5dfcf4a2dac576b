"""Intérêts composés, valeur actuelle, taux proportionnel et taux équivalent (S512).

    Cn = C0 × (1 + i)^n          valeur acquise
    C0 = Cn × (1 + i)^−n         valeur actuelle
    taux proportionnel  ip = i / p           (p périodes par an)
    taux équivalent     ie = (1 + i)^(1/p) − 1

Rates are read and returned in % (6 means 6 %). Amounts are rounded half-up to the cent;
the two periodic rates are returned rounded to 6 decimals of a percent (0,486755 %), which is
what a student copies from the calculator; the powers themselves are computed with 28 digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs.finance._outils import (
    CENT,
    euros,
    facteur,
    lire_capital,
    lire_periodes,
    lire_taux,
    nombre_fr,
    puissance,
)
from widgets.calculs.saisie import arrondi, arrondi_centime, quantite

__all__ = [
    "DECIMALES_TAUX",
    "Capitalisation",
    "capitalisation",
    "interets_composes",
    "taux_equivalent",
    "taux_proportionnel",
    "valeur_actuelle",
]

DECIMALES_TAUX = 6
"""Decimals (of a percent) kept for a periodic rate: 0,486755 %."""


def interets_composes(capital: Any, taux: Any, periodes: Any) -> Decimal:
    """Valeur acquise Cn = C0 × (1 + i)^n, au centime.

    Exemple : 10 000 € à 6 % pendant 5 ans → 10 000 × 1,06^5 = 13 382,255776 → 13 382,26 €.
    """
    return capitalisation(capital, taux, periodes).valeur_acquise


def valeur_actuelle(montant: Any, taux: Any, periodes: Any) -> Decimal:
    """Valeur actuelle C0 = Cn × (1 + i)^−n, au centime.

    Exemple : 10 000 € dans 3 ans à 5 % → 10 000 × 1,05^−3 = 8 638,376… → 8 638,38 €.
    """
    cn = lire_capital(montant, "Montant")
    i = lire_taux(taux)
    n = lire_periodes(periodes)
    return arrondi_centime(cn * puissance(facteur(i), -n))


def taux_proportionnel(taux_annuel: Any, periodes_par_an: Any) -> Decimal:
    """Taux périodique proportionnel i / p, en % (6 % par an → 0,5 % par mois)."""
    i = lire_taux(taux_annuel, "Taux annuel")
    p = quantite(periodes_par_an, "Périodes par an", minimum=1)
    return arrondi(i / p, DECIMALES_TAUX)


def taux_equivalent(taux_annuel: Any, periodes_par_an: Any) -> Decimal:
    """Taux périodique équivalent (1 + i)^(1/p) − 1, en %.

    Exemple : 6 % par an, mensuel → 1,06^(1/12) − 1 = 0,00486755… → 0,486755 %.
    Placé 12 mois à ce taux, 1 € devient 1,06 € (au lieu de 1,0617 € au taux proportionnel).
    """
    i = lire_taux(taux_annuel, "Taux annuel")
    p = quantite(periodes_par_an, "Périodes par an", minimum=1)
    return arrondi((puissance(facteur(i), Decimal(1) / p) - 1) * CENT, DECIMALES_TAUX)


@dataclass(frozen=True)
class Capitalisation:
    """Valeur acquise and interest of a capital placed ``periodes`` periods, with the steps."""

    capital: Decimal
    taux: Decimal
    periodes: int
    valeur_acquise: Decimal
    interets: Decimal
    etapes: tuple[str, ...]


def capitalisation(capital: Any, taux: Any, periodes: Any) -> Capitalisation:
    """Valeur acquise, intérêts et étapes du calcul (pour le widget et les corrigés)."""
    c0 = lire_capital(capital)
    i = lire_taux(taux)
    n = lire_periodes(periodes)
    cn = arrondi_centime(c0 * puissance(facteur(i), n))
    base = nombre_fr(facteur(i))
    etapes = (
        f"Cn = C0 × (1 + i)^n = {euros(c0)} × {base}^{n} = {euros(cn)}",
        f"Intérêts = Cn − C0 = {euros(cn)} − {euros(c0)} = {euros(cn - c0)}",
    )
    return Capitalisation(c0, i, n, cn, cn - c0, etapes)
