"""Intérêts simples en année commerciale (savoir S512).

    I = C × t × n / 360      (n en jours, année commerciale de 360 jours)

Le taux ``t`` est annuel, en % (4 veut dire 4 % par an). Le résultat est arrondi au centime,
demi au-dessus.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from widgets.calculs.saisie import arrondi_centime, montant, quantite, taux

__all__ = ["ANNEE_COMMERCIALE", "interets_simples"]

ANNEE_COMMERCIALE = 360
"""Nombre de jours de l'année commerciale."""


def interets_simples(capital: Any, taux_annuel: Any, jours: Any) -> Decimal:
    """Intérêts simples : capital × taux annuel × jours / 360, arrondis au centime.

    Exemple : 10 000 € à 4 % pendant 90 jours → 10 000 × 0,04 × 90 / 360 = 100,00 €.
    """
    c = montant(capital, "Capital")
    t = taux(taux_annuel, "Taux annuel", maxi=None)
    n = quantite(jours, "Nombre de jours", minimum=0)
    return arrondi_centime(c * t / 100 * n / ANNEE_COMMERCIALE)
