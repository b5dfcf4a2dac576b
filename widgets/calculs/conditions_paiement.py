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

from decimal import Decimal
from typing import Any

from widgets.calculs._commun import pourcent as _p
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

TAUX_INTERET_LEGAL_PROFESSIONNELS = Decimal("2.62")
"""Taux de l'intérêt légal « pour tous les autres cas » (créances des professionnels), en %.

Source: arrêté du 15 décembre 2025 relatif à la fixation du taux de l'intérêt légal (JO du
26 décembre 2025), rate for the first half of 2026. The rate is set every half-year (1 January,
1 July): the arrêté of June 2026 for the second half of 2026 was not in the sources checked on
1 December 2026 — check it on Légifrance and update this constant and
:data:`PERIODE_INTERET_LEGAL` together each half-year."""

PERIODE_INTERET_LEGAL = "1er semestre 2026 (arrêté du 15 décembre 2025)"
"""The half-year (and text) of :data:`TAUX_INTERET_LEGAL_PROFESSIONNELS`, shown to students."""

TAUX_PENALITES_MINIMUM = 3 * TAUX_INTERET_LEGAL_PROFESSIONNELS
"""Plancher des pénalités de retard B2B : 3 × le taux de l'intérêt légal (L441-10 II), en %."""

INDEMNITE_FORFAITAIRE_RECOUVREMENT = Decimal(40)
"""Indemnité forfaitaire pour frais de recouvrement, en € (article D441-5 du code de commerce)."""

DELAI_MAXI_DATE_DE_FACTURE = 60
"""Délai de paiement maximal convenu, en jours à compter de la date de facture (L441-10 I)."""

DELAI_MAXI_FIN_DE_MOIS = 45
"""Délai dérogatoire maximal, en jours fin de mois, s'il est stipulé au contrat (L441-10 I)."""


def avertissement_taux_penalites(taux_penalites: Any) -> str:
    """Message si le taux annuel des pénalités de retard est sous le plancher légal, sinon ``""``.

    ``None`` or blank (no rate agreed: BCE + 10 points apply) gives no warning.

    Exemple : 5 % < 3 × 2,62 % = 7,86 % → avertissement.
    """
    if taux_penalites is None or (isinstance(taux_penalites, str) and not taux_penalites.strip()):
        return ""
    t = taux(taux_penalites, "Pénalités de retard", maxi=None)
    if t >= TAUX_PENALITES_MINIMUM:
        return ""
    return (
        f"Taux de pénalités de {_p(t)} inférieur au minimum légal : 3 fois le taux de "
        f"l'intérêt légal ({_p(TAUX_INTERET_LEGAL_PROFESSIONNELS)}, {PERIODE_INTERET_LEGAL}), "
        f"soit {_p(TAUX_PENALITES_MINIMUM)} (article L441-10 II du code de commerce)."
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
