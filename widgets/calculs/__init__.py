"""Calculs purs de l'atelier : lecture des saisies françaises, affichage, net à payer, marges.

Aucune entrée/sortie ici (ni ipywidgets, ni sqlite3, ni fichiers, ni réseau) : des fonctions
sur des ``Decimal``, arrondies au centime (demi au-dessus) à chaque étape du document.
Chaque erreur prévue est une :class:`SaisieInvalide` avec un message en français.
"""

from widgets.calculs.format import (
    espaces_normales,
    format_euros,
    format_nombre,
    format_pourcent,
)
from widgets.calculs.saisie import (
    SaisieInvalide,
    arrondi,
    arrondi_centime,
    montant,
    nombre,
    quantite,
    taux,
)

__all__ = [
    "SaisieInvalide",
    "arrondi",
    "arrondi_centime",
    "espaces_normales",
    "format_euros",
    "format_nombre",
    "format_pourcent",
    "montant",
    "nombre",
    "quantite",
    "taux",
]
