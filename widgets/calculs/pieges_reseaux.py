"""Wrong conventions of NDRC bloc 3 (merchandising, partner networks, VDI), to name a student's
mistake.

Each function redoes a computation with one classic error and returns the (wrong) figure the
student gets. :data:`PIEGES_RESEAUX` maps a code to a :class:`~widgets.calculs.pieges.PiegeConnu`
(French explanation + function), like :data:`widgets.calculs.pieges.PIEGES` for invoices and
margins.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from widgets.calculs._commun import CENT, ZERO
from widgets.calculs._reseaux import effectif, euros_lus, grandeur_positive, pourcentage
from widgets.calculs.merchandising import RoiPromotion, roi_promotion
from widgets.calculs.pieges import PiegeConnu
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, nombre, taux

__all__ = [
    "PIEGES_RESEAUX",
    "cadeau_hotesse_sur_le_ttc",
    "dv_sur_le_nombre_de_magasins",
    "indice_de_performance_sur_les_volumes",
    "redevances_sur_la_marge",
    "roi_promotion_sans_cannibalisation",
]


def dv_sur_le_nombre_de_magasins(magasins_referencant: Any, magasins_total: Any) -> Decimal:
    """ "DV" computed as referencing stores / all stores × 100 (that is the DN): the stores were
    not weighted by their sales of the category (in %, 2 decimals)."""
    referencant = effectif(magasins_referencant, "Magasins qui référencent")
    total = effectif(magasins_total, "Magasins du panel")
    if total == 0:
        raise SaisieInvalide("le panel compte au moins un magasin.", champ="Magasins du panel")
    return pourcentage(Decimal(referencant), Decimal(total))


def indice_de_performance_sur_les_volumes(
    quantite_vendue: Any, quantite_totale: Any, lineaire: Any, lineaire_total: Any
) -> Decimal:
    """Performance index computed on the share of UNITS sold (part des quantités / part de
    linéaire × 100) instead of the share of CA in value; shares rounded to 2 decimals first."""
    q = nombre(quantite_vendue, "Quantité vendue", positif=True)
    q_total = grandeur_positive(quantite_totale, "Quantité totale")
    lin = grandeur_positive(lineaire, "Linéaire")
    lin_total = grandeur_positive(lineaire_total, "Linéaire total")
    part_quantites = pourcentage(q, q_total)
    part_lineaire = pourcentage(lin, lin_total)
    return arrondi(part_quantites / part_lineaire * CENT, 2)


def redevances_sur_la_marge(
    chiffre_affaires_ht: Any,
    taux_de_marge_brute: Any,
    taux_redevance_exploitation: Any,
    taux_redevance_publicitaire: Any = 0,
) -> Decimal:
    """Total royalties computed on the gross MARGIN instead of the CA HT (marge brute × taux,
    each royalty rounded to the cent)."""
    ca = euros_lus(chiffre_affaires_ht, "Chiffre d'affaires HT")
    marge = arrondi_centime(ca * taux(taux_de_marge_brute, "Taux de marge brute") / CENT)
    exploitation = arrondi_centime(
        marge * taux(taux_redevance_exploitation, "Redevance d'exploitation") / CENT
    )
    publicite = arrondi_centime(
        marge * taux(taux_redevance_publicitaire, "Redevance publicitaire") / CENT
    )
    return exploitation + publicite


def roi_promotion_sans_cannibalisation(
    quantite_supplementaire: Any,
    marge_unitaire: Any,
    cout_promotion: Any,
    quantite_cannibalisee: Any = 0,
    marge_unitaire_cannibalisee: Any = 0,
) -> RoiPromotion:
    """Promotion ROI where the margin lost on the other references (cannibalisation) is
    forgotten: same arguments as :func:`~widgets.calculs.merchandising.roi_promotion`, the
    cannibalised quantities are read then ignored."""
    nombre(quantite_cannibalisee, "Quantité cannibalisée", positif=True)
    euros_lus(marge_unitaire_cannibalisee, "Marge unitaire cannibalisée")
    return roi_promotion(quantite_supplementaire, marge_unitaire, cout_promotion)


def cadeau_hotesse_sur_le_ttc(
    ventes_ttc: Any,
    taux_cadeau_hotesse: Any,
    seuil_cadeau_hotesse: Any = 0,
) -> Decimal:
    """Hostess gift computed on the TTC sales of the party (threshold compared with the TTC
    too) instead of the CA HT, rounded to the cent."""
    ttc = euros_lus(ventes_ttc, "Ventes TTC")
    seuil = euros_lus(seuil_cadeau_hotesse, "Seuil du cadeau de l'hôtesse")
    if ttc < seuil:
        return ZERO
    return arrondi_centime(ttc * taux(taux_cadeau_hotesse, "Cadeau de l'hôtesse") / CENT)


PIEGES_RESEAUX: dict[str, PiegeConnu] = {
    p.code: p
    for p in (
        PiegeConnu(
            "dv_sur_le_nombre_de_magasins",
            "merchandising",
            "C'est la distribution numérique (nombre de magasins) ; la distribution valeur pèse "
            "chaque magasin par son CA de la catégorie : CA catégorie des magasins qui "
            "référencent / CA catégorie de tout le panel.",
            dv_sur_le_nombre_de_magasins,
            "taux",
        ),
        PiegeConnu(
            "indice_sur_les_volumes",
            "merchandising",
            "L'indice a été calculé avec la part des quantités vendues ; l'indice de performance "
            "se calcule avec la part du CA en valeur : part de CA / part de linéaire × 100.",
            indice_de_performance_sur_les_volumes,
            "indice",
        ),
        PiegeConnu(
            "redevances_sur_la_marge",
            "reseau",
            "Les redevances ont été calculées sur la marge brute ; la redevance d'exploitation "
            "et la redevance publicitaire se calculent sur le CA HT du franchisé.",
            redevances_sur_la_marge,
            "montant",
        ),
        PiegeConnu(
            "roi_sans_cannibalisation",
            "merchandising",
            "La marge perdue sur les autres références (cannibalisation) a été oubliée ; la "
            "marge incrémentale = marge supplémentaire − marge cannibalisée, avant de retirer "
            "le coût de la promotion.",
            roi_promotion_sans_cannibalisation,
            "RoiPromotion",
        ),
        PiegeConnu(
            "cadeau_hotesse_sur_le_ttc",
            "vdi",
            "Le cadeau de l'hôtesse a été calculé sur les ventes TTC ; il se calcule sur le CA "
            "HT de la réunion : ventes TTC / (1 + TVA) × taux.",
            cadeau_hotesse_sur_le_ttc,
            "montant",
        ),
    )
}
"""Code → :class:`PiegeConnu`. Example: ``PIEGES_RESEAUX["redevances_sur_la_marge"].fonction(
400000, 40, 5, 1)`` → 9 600 € instead of 24 000 €."""
