"""Wrong conventions of NDRC bloc 2 (web shop, marketplace, contact centre, satisfaction).

Each function redoes a computation with one classic error and returns the (wrong) figure the
student gets, as a ``Decimal``, so that the exercise engine can name the mistake instead of
only saying « faux ». :data:`PIEGES_DISTANCE` maps a code to a
:class:`~widgets.calculs.pieges.PiegeConnu` (French explanation + function), like
:data:`widgets.calculs.pieges.PIEGES` for invoices and margins and
:data:`widgets.calculs.finance.pieges.PIEGES_FINANCE` for finance.

The right answers are in :mod:`widgets.calculs.ecommerce`,
:mod:`widgets.calculs.centre_contact` and :mod:`widgets.calculs.satisfaction`; each trap
rounds as its right counterpart does (rates in % to 0,01 point, amounts to the cent).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal

from widgets.calculs.arrondis import CENT, arrondi
from widgets.calculs.centre_contact import trafic_erlangs
from widgets.calculs.ecommerce import marge_marketplace
from widgets.calculs.pieges import PiegeConnu
from widgets.calculs.saisie import SaisieInvalide, quantite
from widgets.calculs.satisfaction import csat

__all__ = [
    "PIEGES_DISTANCE",
    "abandon_complement_de_la_conversion",
    "abandon_sur_les_visites",
    "conversion_sur_les_sessions",
    "conversion_sur_les_visiteurs",
    "csat_sur_tous_les_interroges",
    "effectif_sans_file_d_attente",
    "marge_marketplace_sans_commission",
    "nps_moyenne_des_notes",
]


def _pourcentage(numerateur: int | Decimal, denominateur: int | Decimal) -> Decimal:
    return arrondi(Decimal(numerateur) * CENT / Decimal(denominateur), 2)


def conversion_sur_les_visiteurs(visiteurs_uniques: object, commandes: object) -> Decimal:
    """Conversion = commandes / visiteurs uniques × 100 where the statement asks it on the
    visits (sessions): one visitor comes several times, so the rate is too high."""
    v = quantite(visiteurs_uniques, "Visiteurs uniques", minimum=1)
    return _pourcentage(quantite(commandes, "Commandes", minimum=0), v)


def conversion_sur_les_sessions(sessions: object, commandes: object) -> Decimal:
    """Conversion = commandes / sessions × 100 where the statement asks it on the unique
    visitors: the rate is too low (the other direction of the same confusion)."""
    s = quantite(sessions, "Sessions", minimum=1)
    return _pourcentage(quantite(commandes, "Commandes", minimum=0), s)


def abandon_sur_les_visites(visites: object, paniers: object, commandes: object) -> Decimal:
    """Abandon = (paniers − commandes) / VISITES × 100: the abandoned carts put over the
    visits instead of the carts created."""
    v = quantite(visites, "Visites", minimum=1)
    p = quantite(paniers, "Paniers", minimum=0)
    c = quantite(commandes, "Commandes", minimum=0)
    return _pourcentage(p - c, v)


def abandon_complement_de_la_conversion(
    visites: object, paniers: object, commandes: object
) -> Decimal:
    """Abandon = 100 − conversion = (1 − commandes / visites) × 100: every visit without an
    order counted as an abandoned cart."""
    v = quantite(visites, "Visites", minimum=1)
    quantite(paniers, "Paniers", minimum=0)
    c = quantite(commandes, "Commandes", minimum=0)
    return _pourcentage(v - c, v)


def nps_moyenne_des_notes(notes: Iterable[object]) -> Decimal:
    """The mean of the 0–10 scores (2 decimals) given as the NPS, which is a difference of
    shares (promoters − detractors), not an average."""
    lues = [
        quantite(n, f"Note n° {rang}", minimum=0)
        for rang, n in enumerate(notes, start=1)
        if not (n is None or (isinstance(n, str) and not n.strip()))
    ]
    if not lues:
        raise SaisieInvalide("aucune note : il faut au moins un répondant.", champ="Notes")
    return arrondi(Decimal(sum(lues)) / len(lues), 2)


def csat_sur_tous_les_interroges(
    notes: Iterable[object], seuil: object = 4, note_maxi: object = 5
) -> Decimal:
    """CSAT = satisfied / people SURVEYED × 100 (the non-respondents counted as not
    satisfied) instead of satisfied / respondents."""
    resultat = csat(notes, seuil, note_maxi)
    return _pourcentage(resultat.satisfaits, resultat.interroges)


def marge_marketplace_sans_commission(
    prix_vente_ht: object,
    cout_achat: object,
    taux_commission: object,
    frais_logistiques: object = 0,
    taux_retour: object = 0,
    cout_retour: object = 0,
) -> Decimal:
    """Marketplace net margin with the commission forgotten: PV HT − coût d'achat − frais
    logistiques − coût des retours (same arguments as ``marge_marketplace``)."""
    juste = marge_marketplace(
        prix_vente_ht, cout_achat, taux_commission, frais_logistiques, taux_retour, cout_retour
    )
    return juste.marge_nette + juste.commission


def effectif_sans_file_d_attente(
    appels_par_heure: object,
    dmt_secondes: object,
    objectif_pct: object = None,
    delai_secondes: object = None,
) -> Decimal:
    """Agents = ⌈trafic / capacité d'un agent⌉ = ⌈appels × DMT / 3 600⌉: enough to absorb
    the workload only if calls arrived evenly; the queue (and the service level asked) is
    ignored (same arguments as ``effectif_erlang_c``, the last two unused)."""
    return Decimal(math.ceil(trafic_erlangs(appels_par_heure, dmt_secondes)))


PIEGES_DISTANCE: dict[str, PiegeConnu] = {
    p.code: p
    for p in (
        PiegeConnu(
            "conversion_sur_les_visiteurs",
            "ecommerce",
            "Le taux a été calculé sur les visiteurs uniques ; il se calcule ici sur les visites "
            "(sessions) : un même visiteur vient plusieurs fois.",
            conversion_sur_les_visiteurs,
            "taux",
        ),
        PiegeConnu(
            "conversion_sur_les_sessions",
            "ecommerce",
            "Le taux a été calculé sur les sessions ; l'énoncé le demande sur les visiteurs "
            "uniques (chaque personne comptée une fois).",
            conversion_sur_les_sessions,
            "taux",
        ),
        PiegeConnu(
            "abandon_sur_les_visites",
            "ecommerce",
            "Les paniers abandonnés ont été rapportés aux visites ; le taux d'abandon se calcule "
            "sur les paniers créés : 1 − commandes / paniers.",
            abandon_sur_les_visites,
            "taux",
        ),
        PiegeConnu(
            "abandon_complement_de_la_conversion",
            "ecommerce",
            "C'est 100 % moins le taux de conversion : toutes les visites sans commande ne sont "
            "pas des paniers abandonnés. Taux d'abandon = 1 − commandes / paniers.",
            abandon_complement_de_la_conversion,
            "taux",
        ),
        PiegeConnu(
            "nps_moyenne_des_notes",
            "satisfaction",
            "C'est la moyenne des notes ; le NPS est une différence de parts : % de promoteurs "
            "(9 ou 10) moins % de détracteurs (0 à 6), en points.",
            nps_moyenne_des_notes,
            "taux",
        ),
        PiegeConnu(
            "csat_sur_tous_les_interroges",
            "satisfaction",
            "Le CSAT a été rapporté à toutes les personnes interrogées ; il se calcule sur les "
            "seuls répondants : réponses satisfaites / réponses.",
            csat_sur_tous_les_interroges,
            "taux",
        ),
        PiegeConnu(
            "marge_marketplace_sans_commission",
            "ecommerce",
            "La commission de la place de marché a été oubliée : elle se retire du prix de vente "
            "HT, avec la logistique et le coût des retours.",
            marge_marketplace_sans_commission,
            "montant",
        ),
        PiegeConnu(
            "effectif_sans_file_d_attente",
            "centre_contact",
            "C'est le trafic divisé par la capacité d'un agent, sans file d'attente : les appels "
            "n'arrivent pas régulièrement, il faut plus d'agents pour tenir le niveau de service "
            "(formule d'Erlang C).",
            effectif_sans_file_d_attente,
            "agents",
        ),
    )
}
"""Code → :class:`~widgets.calculs.pieges.PiegeConnu` for NDRC bloc 2."""
