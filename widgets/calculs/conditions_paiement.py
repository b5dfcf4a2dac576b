"""Conditions de paiement entre professionnels : délais maximaux, pénalités de retard,
indemnité forfaitaire (savoir S511 ; code de commerce L441-10 et D441-5).

::

    Délai de paiement        ≤ 60 jours à compter de la date d'émission de la facture, ou
                             ≤ 45 jours fin de mois si le contrat le stipule (L441-10 I)
    Pénalités de retard      taux ≥ 3 × taux de l'intérêt légal (L441-10 II) ; sans taux
                             convenu : taux de refinancement de la BCE + 10 points
    Indemnité forfaitaire    40 € par facture payée en retard (D441-5), en plus des pénalités

The checks return French warnings (non-blocking: a student may type an illegal term to see
the warning); nothing here raises for a legal-but-unusual choice.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import pourcent as _p
from widgets.calculs.interet_legal import (
    TABLE_INTERET_LEGAL,
    TauxInteretLegal,
    taux_interet_legal,
)
from widgets.calculs.saisie import quantite, taux

__all__ = [
    "DELAI_MAXI_DATE_DE_FACTURE",
    "DELAI_MAXI_FIN_DE_MOIS",
    "INDEMNITE_FORFAITAIRE_RECOUVREMENT",
    "PERIODE_INTERET_LEGAL",
    "TAUX_INTERET_LEGAL_PROFESSIONNELS",
    "TAUX_PENALITES_MINIMUM",
    "avertissement_delai_paiement",
    "avertissement_taux_penalites",
]

TAUX_INTERET_LEGAL_PROFESSIONNELS = TABLE_INTERET_LEGAL[-1].professionnels
"""Taux de l'intérêt légal « pour tous les autres cas » of the LAST half-year of the dated
table (:data:`widgets.calculs.interet_legal.TABLE_INTERET_LEGAL`), in %. Screens use
:func:`widgets.calculs.interet_legal.taux_interet_legal` for the day instead (or
:func:`widgets.donnees.reglages.interet_legal`, which adds the teacher's setting)."""

PERIODE_INTERET_LEGAL = (
    f"{TABLE_INTERET_LEGAL[-1].libelle} ({TABLE_INTERET_LEGAL[-1].source.split(' (')[0]})"
)
"""The half-year (and arrêté) of :data:`TAUX_INTERET_LEGAL_PROFESSIONNELS`."""

TAUX_PENALITES_MINIMUM = 3 * TAUX_INTERET_LEGAL_PROFESSIONNELS
"""Plancher des pénalités de retard B2B : 3 × le taux de l'intérêt légal (L441-10 II), en %."""

INDEMNITE_FORFAITAIRE_RECOUVREMENT = Decimal(40)
"""Indemnité forfaitaire pour frais de recouvrement, en € (article D441-5 du code de commerce)."""

DELAI_MAXI_DATE_DE_FACTURE = 60
"""Délai de paiement maximal convenu, en jours à compter de la date de facture (L441-10 I)."""

DELAI_MAXI_FIN_DE_MOIS = 45
"""Délai dérogatoire maximal, en jours fin de mois, s'il est stipulé au contrat (L441-10 I)."""


def avertissement_taux_penalites(
    taux_penalites: Any, interet: TauxInteretLegal | None = None
) -> str:
    """Message si le taux annuel des pénalités de retard est sous le plancher légal, sinon ``""``.

    ``interet``: the legal rates of the day (default: :func:`taux_interet_legal` of today; past
    the dated table the message says « taux du 1er semestre 2026, à vérifier sur Légifrance »).
    ``None`` or blank (no rate agreed: BCE + 10 points apply) gives no warning.

    Exemple : 5 % < 3 × 2,62 % = 7,86 % → avertissement.
    """
    if taux_penalites is None or (isinstance(taux_penalites, str) and not taux_penalites.strip()):
        return ""
    interet = interet or taux_interet_legal(date.today())
    t = taux(taux_penalites, "Pénalités de retard", maxi=None)
    if t >= interet.penalites_minimum:
        return ""
    return (
        f"Taux de pénalités de {_p(t)} inférieur au minimum légal : 3 fois le taux de "
        f"l'intérêt légal ({interet.texte()}), "
        f"soit {_p(interet.penalites_minimum)} (article L441-10 II du code de commerce)."
    )


def avertissement_delai_paiement(delai_jours: Any, *, fin_de_mois: bool = False) -> str:
    """Message si le délai de paiement convenu dépasse le maximum légal, sinon ``""``.

    60 jours date de facture, ou 45 jours fin de mois (``fin_de_mois=True``).

    Exemple : 90 jours date de facture → avertissement ; 45 jours fin de mois → aucun.
    """
    n = quantite(delai_jours, "Délai de paiement (jours)", minimum=0)
    maxi = DELAI_MAXI_FIN_DE_MOIS if fin_de_mois else DELAI_MAXI_DATE_DE_FACTURE
    if n <= maxi:
        return ""
    forme = "fin de mois" if fin_de_mois else "date de facture"
    return (
        f"Délai de {n} jours {forme} au-delà du maximum légal entre professionnels : "
        f"{DELAI_MAXI_DATE_DE_FACTURE} jours date de facture, ou {DELAI_MAXI_FIN_DE_MOIS} jours "
        "fin de mois si le contrat le prévoit (article L441-10 I du code de commerce)."
    )
