"""Teacher's settings read from the environment (no file: the dashboards server passes its
own settings to every kernel as environment variables, like ``ATELIER_CLASSE``).

- ``ATELIER_INTERET_LEGAL_PROFESSIONNELS`` / ``ATELIER_INTERET_LEGAL_PARTICULIERS``: the
  current half-year's taux de l'intérêt légal, in % (``2,62`` or ``2,62 %``), for the days
  past the dated table of :mod:`widgets.calculs.interet_legal`. On a dashboards server, set
  ``c.ConfigTableauxDeBord.taux_interet_legal_professionnels = "2,62"`` (and
  ``taux_interet_legal_particuliers``) in its configuration file; on a PC, set the variables
  before ``atelier lab``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date

from widgets.calculs.interet_legal import TauxInteretLegal, taux_interet_legal
from widgets.calculs.saisie import taux
from widgets.erreurs import ErreurAtelier

VARIABLE_INTERET_LEGAL_PROFESSIONNELS = "ATELIER_INTERET_LEGAL_PROFESSIONNELS"
VARIABLE_INTERET_LEGAL_PARTICULIERS = "ATELIER_INTERET_LEGAL_PARTICULIERS"


def interet_legal(jour: date | None = None) -> TauxInteretLegal:
    """The legal interest rates of ``jour`` (today by default), the teacher's setting applied.

    An unreadable setting is ignored, and the warning says so (the screens still work)."""
    saisis: dict[str, object] = {}
    illisibles = []
    for variable, cle in (
        (VARIABLE_INTERET_LEGAL_PROFESSIONNELS, "saisi_professionnels"),
        (VARIABLE_INTERET_LEGAL_PARTICULIERS, "saisi_particuliers"),
    ):
        texte = os.environ.get(variable, "").strip()
        if not texte:
            continue
        try:
            saisis[cle] = taux(texte, variable, maxi=100)
        except ErreurAtelier:
            illisibles.append(f"réglage {variable} illisible (« {texte} ») ignoré")
    resultat = taux_interet_legal(jour or date.today(), **saisis)
    if illisibles:
        texte = " ; ".join(
            [resultat.avertissement, *illisibles] if resultat.avertissement else illisibles
        )
        resultat = replace(resultat, avertissement=texte)
    return resultat
