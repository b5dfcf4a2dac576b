"""Exercices de l'unité relation_distance (NDRC, bloc 2 : relation client à distance et
digitalisation) : boutique en ligne et place de marché, centre de contact, satisfaction et
e-réputation. One module per notebook of ``notebooks/relation_distance/``.

The named traps of the bloc (conversion on sessions or on visitors, abandon rate on the visits,
NPS as a mean, CSAT on everybody surveyed, marketplace margin without the commission, staffing
without the queue) are :data:`widgets.calculs.pieges_distance.PIEGES_DISTANCE`, turned into
:class:`~widgets.exercices.Piege` by :func:`piege_distance` (the engine's ``piege_connu`` reads
only ``widgets.calculs.pieges.PIEGES``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from widgets.calculs.pieges_distance import PIEGES_DISTANCE
from widgets.exercices import Piege

#: The NDRC bloc 2 competence each theme (module) trains, worded as in
#: ``widgets/donnees/referentiel/competences_ndrc.csv``.
COMPETENCES = {
    "boutique": "Développer la relation client en e-commerce",
    "centre_contact": "Maîtriser la relation omnicanale",
    "satisfaction": "Animer la relation client digitale",
}


def piege_distance(code: str, *arguments: Any) -> Piege:
    """The :class:`Piege` of a wrong bloc 2 convention, computed on the exercise's data."""
    connu = PIEGES_DISTANCE[code]
    return Piege(code, Decimal(connu.fonction(*arguments)), connu.explication)


def competence(theme: str) -> str:
    """The NDRC competence trained by the exercises of ``theme`` (``KeyError`` if unknown)."""
    return COMPETENCES[theme]
