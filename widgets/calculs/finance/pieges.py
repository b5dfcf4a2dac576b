"""Wrong conventions of the finance savoirs, to name a student's mistake (diagnostic).

Each function redoes a computation with one classic error and returns the (wrong) figure the
student gets. :data:`PIEGES_FINANCE` maps a code to a
:class:`~widgets.calculs.pieges.PiegeConnu` (French explanation + function), like
:data:`widgets.calculs.pieges.PIEGES` for invoices and margins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from widgets.calculs.finance._outils import facteur, lire_capital, lire_taux, puissance
from widgets.calculs.finance.amortissement import amortissement
from widgets.calculs.finance.emprunt import annuite
from widgets.calculs.finance.investissement import _flux
from widgets.calculs.finance.rentabilite import seuil_de_rentabilite
from widgets.calculs.pieges import PiegeConnu
from widgets.calculs.saisie import arrondi, arrondi_centime, montant, quantite

__all__ = [
    "PIEGES_FINANCE",
    "annuite_taux_annuel",
    "annuite_taux_proportionnel",
    "premiere_annuite_sans_prorata",
    "point_mort_annee_civile",
    "seuil_avec_taux_de_marge",
    "seuil_avec_taux_de_marque",
    "taux_proportionnel_au_lieu_d_equivalent",
    "van_premier_flux_non_actualise",
]


def taux_proportionnel_au_lieu_d_equivalent(taux_annuel: Any, periodes_par_an: Any) -> Decimal:
    """i / p given where the equivalent rate (1 + i)^(1/p) − 1 is asked (in %, 6 decimals)."""
    return arrondi(lire_taux(taux_annuel) / quantite(periodes_par_an, minimum=1), 6)


def annuite_taux_annuel(capital: Any, taux_annuel: Any, mois: Any) -> Decimal:
    """Monthly payment computed with the ANNUAL rate (the rate was not made monthly)."""
    return annuite(capital, taux_annuel, mois)


def annuite_taux_proportionnel(capital: Any, taux_annuel: Any, mois: Any) -> Decimal:
    """Monthly payment on i / 12 where the statement asks for the equivalent monthly rate."""
    return annuite(capital, taux_proportionnel_au_lieu_d_equivalent(taux_annuel, 12), mois)


def seuil_avec_taux_de_marque(
    charges_fixes: Any, chiffre_affaires: Any, cout_achat_vendu: Any
) -> Decimal:
    """SR = CF / taux de marque (marge commerciale / CA): other variable charges forgotten."""
    ca = montant(chiffre_affaires)
    marge = ca - montant(cout_achat_vendu)
    return arrondi_centime(montant(charges_fixes) * ca / marge)


def seuil_avec_taux_de_marge(
    charges_fixes: Any, chiffre_affaires: Any, cout_achat_vendu: Any
) -> Decimal:
    """SR = CF / taux de marge (marge commerciale / coût d'achat) instead of the taux de MCV."""
    camv = montant(cout_achat_vendu)
    marge = montant(chiffre_affaires) - camv
    return arrondi_centime(montant(charges_fixes) * camv / marge)


def point_mort_annee_civile(charges_fixes: Any, taux_mcv: Any, chiffre_affaires: Any) -> Decimal:
    """Point mort in days on 365 days instead of the 360-day commercial year (day number)."""
    sr = seuil_de_rentabilite(charges_fixes, taux_mcv).seuil
    return Decimal(math.ceil(sr * 365 / montant(chiffre_affaires)))


def premiere_annuite_sans_prorata(
    valeur: Any, duree: Any, mode: str, date_mise_en_service: Any, date_fin_exercice: Any
) -> Decimal:
    """First annuity of a full year: the prorata temporis was forgotten."""
    return amortissement(valeur, duree, mode).lignes[0].annuite


def van_premier_flux_non_actualise(investissement: Any, flux: Sequence[Any], taux: Any) -> Decimal:
    """VAN with the first flow not discounted (k starting at 0 instead of 1)."""
    i0 = lire_capital(investissement)
    t = lire_taux(taux)
    fl = _flux(flux)
    return (
        sum((arrondi_centime(f * puissance(facteur(t), -k)) for k, f in enumerate(fl)), Decimal(0))
        - i0
    )


def dso_sur_ca_ht(encours_clients_ttc: Any, ca_ht: Any, jours: Any = 360) -> Decimal:
    """DSO computed on the CA HT while the créances are TTC (mixing HT and TTC)."""
    return arrondi(montant(encours_clients_ttc) * quantite(jours) / montant(ca_ht), 1)


PIEGES_FINANCE: dict[str, PiegeConnu] = {
    p.code: p
    for p in (
        PiegeConnu(
            "taux_proportionnel_au_lieu_d_equivalent",
            "finance",
            "C'est le taux proportionnel (taux annuel / nombre de périodes) ; le taux équivalent "
            "demandé donne la même valeur acquise sur un an : (1 + i)^(1/p) − 1.",
            taux_proportionnel_au_lieu_d_equivalent,
            "taux",
        ),
        PiegeConnu(
            "annuite_taux_annuel",
            "finance",
            "La mensualité a été calculée avec le taux ANNUEL ; pour des mensualités, il faut le "
            "taux mensuel (proportionnel ou équivalent, selon l'énoncé) et n en mois.",
            annuite_taux_annuel,
            "annuite",
        ),
        PiegeConnu(
            "annuite_taux_proportionnel",
            "finance",
            "La mensualité a été calculée au taux proportionnel (taux annuel / 12) ; l'énoncé "
            "demande le taux mensuel équivalent.",
            annuite_taux_proportionnel,
            "annuite",
        ),
        PiegeConnu(
            "seuil_avec_taux_de_marque",
            "rentabilite",
            "Le seuil a été calculé avec le taux de marque (marge commerciale / CA) : les autres "
            "charges variables sont oubliées. SR = charges fixes / taux de MCV.",
            seuil_avec_taux_de_marque,
            "seuil",
        ),
        PiegeConnu(
            "seuil_avec_taux_de_marge",
            "rentabilite",
            "Le seuil a été calculé avec le taux de marge (marge / coût d'achat) ; il se calcule "
            "avec le taux de marge sur coût variable (MCV / CA).",
            seuil_avec_taux_de_marge,
            "seuil",
        ),
        PiegeConnu(
            "point_mort_annee_civile",
            "rentabilite",
            "Le point mort a été compté sur 365 jours ; en calcul commercial, l'année compte "
            "360 jours (12 mois de 30 jours).",
            point_mort_annee_civile,
            "jours",
        ),
        PiegeConnu(
            "prorata_oublie",
            "amortissement",
            "La première annuité est une annuité pleine : le prorata temporis a été oublié (le "
            "bien n'a servi qu'une partie du premier exercice).",
            premiere_annuite_sans_prorata,
            "annuite",
        ),
        PiegeConnu(
            "van_premier_flux_non_actualise",
            "investissement",
            "Le premier flux n'a pas été actualisé ; il arrive à la fin de la première année et "
            "s'actualise avec (1 + i)^−1.",
            van_premier_flux_non_actualise,
            "van",
        ),
        PiegeConnu(
            "dso_sur_ca_ht",
            "tresorerie",
            "Les créances clients sont TTC : le délai se calcule sur le CA TTC, pas sur le CA HT.",
            dso_sur_ca_ht,
            "jours",
        ),
    )
}
"""Code → :class:`~widgets.calculs.pieges.PiegeConnu` for the finance savoirs."""
