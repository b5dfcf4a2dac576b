"""Petits outils partagés par les modules de calcul (privé)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from widgets.calculs.arrondis import CENT, ZERO
from widgets.calculs.format import espaces_normales, format_euros, format_pourcent

__all__ = ["CENT", "ZERO", "euros", "pourcent", "vide"]


def vide(valeur: Any) -> bool:
    """Champ non rempli : ``None`` ou texte blanc."""
    return valeur is None or (isinstance(valeur, str) and not valeur.strip())


def euros(valeur: Decimal) -> str:
    """``1 234,56 €`` avec des espaces ordinaires (pour les libellés et les messages)."""
    return espaces_normales(format_euros(valeur))


def pourcent(valeur: Decimal) -> str:
    """``12,5 %`` avec des espaces ordinaires (pour les libellés et les messages)."""
    return espaces_normales(format_pourcent(valeur))
