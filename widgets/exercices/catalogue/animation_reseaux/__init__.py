"""Exercices de l'unité animation de réseaux (BTS NDRC, bloc 3), un module par carnet.

- ``merchandising`` : le marchandisage chez le distributeur (S444, S513, S532) ;
- ``partenaires`` : les réseaux de partenaires et la franchise (S444, S634, S531, S632) ;
- ``vente_directe`` : le réseau de vente directe, VDI et réunions (S634, S622, S631, S633).

Named traps come from :data:`widgets.calculs.pieges_reseaux.PIEGES_RESEAUX` (the engine's
``piege_connu`` reads only ``widgets.calculs.pieges.PIEGES``), through :func:`piege_reseaux`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from widgets.calculs.pieges_reseaux import PIEGES_RESEAUX
from widgets.exercices import Piege

COMPETENCES = {
    "merchandising": "Implanter et promouvoir l'offre chez des distributeurs",
    "partenaires": "Développer et animer un réseau de partenaires",
    "vente_directe": "Créer et animer un réseau de vente directe",
}
"""Theme module → the NDRC bloc 3 competence it trains (wording of the referential)."""


def avec_signe_moins(texte: str) -> str:
    """A figure formatted by babel (``-1 332,50 €``) with the typographic minus sign
    (``−1 332,50 €``), for a line that already writes subtractions with « − »."""
    return "\u2212" + texte[1:] if texte.startswith("-") else texte


def piege_reseaux(code: str, *arguments: Any, champ: str | None = None) -> Piege:
    """The :class:`Piege` of a wrong network convention, computed on the exercise's data;
    ``champ`` picks an attribute of a result object (``"roi"``, ``"marge_incrementale"``)."""
    connu = PIEGES_RESEAUX[code]
    valeur = connu.fonction(*arguments)
    for attribut in champ.split(".") if champ else ():
        valeur = getattr(valeur, attribut)
    return Piege(code, Decimal(valeur), connu.explication)
