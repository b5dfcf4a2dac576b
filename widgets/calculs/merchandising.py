"""Merchandising at the distributor: shelf space, performance indices, distribution, out-of-stocks
and promotions (NDRC bloc 3, animating the distributor network).

Formulas::

    Linéaire développé       = longueur au sol × nombre de niveaux                  (m)
    Nombre de faces          = ⌊linéaire / largeur d'un produit⌋                     (entier)
    Linéaire occupé          = nombre de faces × largeur d'un produit               (m)
    Part de linéaire         = linéaire de la référence / linéaire total × 100      (%)
    Part de CA (de marge)    = CA (marge) de la référence / total × 100             (%)
    Indice de performance    = part de CA / part de linéaire × 100      (> 100 : sous-exposée)
    Indice de marge          = part de marge / part de linéaire × 100
    Linéaire optimal         = linéaire total × part de CA (ou de marge)
    CA (marge) au mètre      = CA (marge) / linéaire                                (€/m)
    DN                       = magasins qui référencent / magasins du panel × 100
    DV                       = CA de la catégorie des magasins qui référencent
                               / CA de la catégorie de tous les magasins × 100
    Taux de rupture          = relevés en rupture / relevés × 100
    Ventes perdues           = ventes moyennes par jour × jours de rupture × (1 − report)
    ROI d'une promotion      = (marge supplémentaire − marge cannibalisée − coût) / coût × 100

Shelf simulator (:func:`simuler_lineaire`, a simple documented rule)::

    Linéaire de la référence = faces × largeur d'une face                           (m)
    Stock en rayon           = faces × profondeur (produits l'un derrière l'autre)   (unités)
    Couverture (jours)       = stock en rayon / (demande de la semaine / jours de vente)
    Capacité de la semaine   = stock en rayon × jours de vente / délai de réassort
    Ventes                   = min(demande, capacité) ; ventes perdues = demande − ventes
    En rupture               = la couverture est plus courte que le délai de réassort

Rounding (half-up, as on paper): amounts to the cent, each step from the rounded previous one;
shares, indices and rates in % to 2 decimals, each index computed from the ROUNDED shares (what
the student reads in the table); lengths in metres to the centimetre (2 decimals).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from widgets.calculs._commun import CENT, ZERO
from widgets.calculs._reseaux import (
    champ_de,
    effectif,
    euros_lus,
    grandeur_positive,
    lignes_lues,
    pourcentage,
    somme_de_montants,
)
from widgets.calculs.format import format_nombre
from widgets.calculs.francais import accorder
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, nombre, taux

__all__ = [
    "LigneLineaireOptimal",
    "LigneSimulation",
    "PartReference",
    "RoiPromotion",
    "SimulationLineaire",
    "VentesPerdues",
    "ca_au_metre",
    "deplacer_faces",
    "distribution_numerique",
    "distribution_valeur",
    "indice_de_marge",
    "indice_de_performance",
    "lineaire_developpe",
    "lineaire_par_niveau",
    "lineaire_occupe",
    "lineaire_optimal",
    "marge_au_metre",
    "nombre_de_faces",
    "part_de_ca",
    "part_de_lineaire",
    "part_de_marge",
    "parts_de_lineaire",
    "plus_forts_restes",
    "references_du_releve",
    "rentabilite_au_metre_lineaire",
    "roi_promotion",
    "simuler_lineaire",
    "taux_de_rupture",
    "ventes_perdues",
]


def lineaire_developpe(longueur_au_sol: Any, nombre_de_niveaux: Any) -> Decimal:
    """Linéaire développé (m) = longueur au sol × nombre de niveaux, rounded to the centimetre.

    Example: a gondola 12 m long with 5 shelves → 60 m of developed linear.
    """
    longueur = grandeur_positive(longueur_au_sol, "Longueur au sol")
    niveaux = effectif(nombre_de_niveaux, "Nombre de niveaux")
    if niveaux < 1:
        raise SaisieInvalide(
            "il faut au moins un niveau (une tablette).", champ="Nombre de niveaux"
        )
    return arrondi(longueur * niveaux, 2)


def nombre_de_faces(lineaire: Any, largeur_produit: Any) -> int:
    """Nombre de faces (facings) = ⌊linéaire / largeur d'un produit⌋, both in metres.

    Rounded DOWN: a product that does not fit whole is not shown. Example: 1,20 m of shelf for a
    product 0,07 m wide → 1,20 / 0,07 = 17,14 → 17 faces.
    """
    l_total = grandeur_positive(lineaire, "Linéaire")
    largeur = grandeur_positive(largeur_produit, "Largeur du produit")
    return int((l_total / largeur).to_integral_value(rounding=ROUND_FLOOR))


def lineaire_occupe(nombre_de_faces: Any, largeur_produit: Any) -> Decimal:
    """Linéaire occupé (m) = nombre de faces × largeur d'un produit (m), to the centimetre.

    Example: 17 faces of a product 0,07 m wide → 1,19 m.
    """
    faces = effectif(nombre_de_faces, "Nombre de faces")
    return arrondi(faces * grandeur_positive(largeur_produit, "Largeur du produit"), 2)


def indice_de_performance(part_ca: Any, part_lineaire: Any) -> Decimal:
    """Indice de performance = part de CA / part de linéaire × 100, 2 decimals.

    Above 100 the reference sells more than its shelf space (give it more linear), below 100 it
    sells less. Example: 30 % of the CA on 20 % of the linear → 150.
    """
    ca = taux(part_ca, "Part de CA")
    lin = taux(part_lineaire, "Part de linéaire")
    if lin == 0:
        raise SaisieInvalide(
            "la part de linéaire est nulle : l'indice ne se calcule pas.", champ="Part de linéaire"
        )
    return arrondi(ca / lin * CENT, 2)


def indice_de_marge(part_marge: Any, part_lineaire: Any) -> Decimal:
    """Indice de marge (de rentabilité) = part de marge / part de linéaire × 100, 2 decimals.

    Example: 25 % of the margin on 20 % of the linear → 125.
    """
    marge = taux(part_marge, "Part de marge")
    lin = taux(part_lineaire, "Part de linéaire")
    if lin == 0:
        raise SaisieInvalide(
            "la part de linéaire est nulle : l'indice ne se calcule pas.", champ="Part de linéaire"
        )
    return arrondi(marge / lin * CENT, 2)


def _part(partie: Any, total: Any, nom: str, champ_partie: str, champ_total: str) -> Decimal:
    p = nombre(partie, champ_partie, positif=True)
    t = grandeur_positive(total, champ_total)
    if p > t:
        raise SaisieInvalide(
            f"la partie dépasse le total : une part de {nom} ne dépasse pas 100 %.",
            champ=champ_partie,
        )
    return pourcentage(p, t)


def part_de_lineaire(lineaire: Any, lineaire_total: Any) -> Decimal:
    """Part de linéaire (%) = linéaire de la référence / linéaire total × 100, 2 decimals.

    Example: 1,5 m out of 5 m → 30 %.
    """
    return _part(lineaire, lineaire_total, "linéaire", "Linéaire", "Linéaire total")


def part_de_ca(ca: Any, ca_total: Any) -> Decimal:
    """Part de CA (%) = CA de la référence / CA du rayon × 100, 2 decimals (in VALUE, not in
    units). Example: 6 000 € out of 10 000 € → 60 %."""
    return _part(euros_lus(ca, "CA"), euros_lus(ca_total, "CA total"), "CA", "CA", "CA total")


def part_de_marge(marge: Any, marge_totale: Any) -> Decimal:
    """Part de marge (%) = marge de la référence / marge du rayon × 100, 2 decimals.

    Example: 1 500 € out of 3 000 € → 50 %.
    """
    return _part(
        euros_lus(marge, "Marge"),
        euros_lus(marge_totale, "Marge totale"),
        "marge",
        "Marge",
        "Marge totale",
    )


@dataclass(frozen=True)
class PartReference:
    """One reference of a shelf: its linear (m), CA and margin (€), its shares (%) and indices.

    ``marge``, ``part_marge`` and ``indice_de_marge`` are ``None`` when no margin was given.
    """

    reference: str
    lineaire: Decimal
    ca: Decimal
    marge: Decimal | None
    part_lineaire: Decimal
    part_ca: Decimal
    part_marge: Decimal | None
    indice_de_performance: Decimal
    indice_de_marge: Decimal | None


def _references(references: Any) -> tuple[list[str], list[Decimal], list[Decimal], list | None]:
    lignes = lignes_lues(references, "Référence")
    noms, lineaires, cas, marges = [], [], [], []
    avec_marge = [not _absent(ligne.get("marge")) for ligne in lignes]
    if any(avec_marge) and not all(avec_marge):
        raise SaisieInvalide(
            "donnez la marge de toutes les références, ou d'aucune.", champ="Marge"
        )
    for i, ligne in enumerate(lignes, start=1):
        nom = str(champ_de(ligne, "reference", "nom") or f"Référence {i}")
        noms.append(nom)
        lineaires.append(
            nombre(champ_de(ligne, "lineaire", "lineaire_m"), f"{nom} — linéaire", positif=True)
        )
        cas.append(euros_lus(champ_de(ligne, "ca", "chiffre_affaires"), f"{nom} — CA"))
        if all(avec_marge):
            marges.append(euros_lus(ligne.get("marge"), f"{nom} — marge"))
    if sum(lineaires) == 0:
        raise SaisieInvalide("le linéaire total est nul.", champ="Linéaire")
    return noms, lineaires, cas, (marges if all(avec_marge) else None)


def _absent(valeur: Any) -> bool:
    return valeur is None or (isinstance(valeur, str) and not valeur.strip())


def _parts(valeurs: Sequence[Decimal], champ: str) -> list[Decimal]:
    total = sum(valeurs, Decimal(0))
    if total == 0:
        raise SaisieInvalide("le total est nul : les parts ne se calculent pas.", champ=champ)
    return [pourcentage(v, total) for v in valeurs]


def parts_de_lineaire(references: Sequence[Mapping[str, Any]]) -> tuple[PartReference, ...]:
    """Shares of linear, of CA and of margin of each reference, and its two indices.

    ``references``: one mapping per reference with ``reference`` (or ``nom``), ``lineaire``
    (m), ``ca`` (or ``chiffre_affaires``, € HT) and optionally ``marge`` (€) — for all
    references or none. Each share is rounded to 2 decimals on its own (so the shares may add
    up to 99,99 % or 100,01 %, as on paper); the indices are computed from the rounded shares.

    Example: A 2 m, 3 000 €, B 3 m, 3 000 € → parts de linéaire 40 % / 60 %, parts de CA
    50 % / 50 %, indices 125 / 83,33.
    """
    noms, lineaires, cas, marges = _references(references)
    p_lin = _parts(lineaires, "Linéaire")
    p_ca = _parts(cas, "CA")
    p_marge = _parts(marges, "Marge") if marges is not None else None
    resultat = []
    for i, nom in enumerate(noms):
        if p_lin[i] == 0:
            raise SaisieInvalide(
                "la référence n'a pas de linéaire : son indice ne se calcule pas.",
                champ=f"{nom} — linéaire",
            )
        resultat.append(
            PartReference(
                reference=nom,
                lineaire=lineaires[i],
                ca=cas[i],
                marge=None if marges is None else marges[i],
                part_lineaire=p_lin[i],
                part_ca=p_ca[i],
                part_marge=None if p_marge is None else p_marge[i],
                indice_de_performance=arrondi(p_ca[i] / p_lin[i] * CENT, 2),
                indice_de_marge=(
                    None if p_marge is None else arrondi(p_marge[i] / p_lin[i] * CENT, 2)
                ),
            )
        )
    return tuple(resultat)


@dataclass(frozen=True)
class LigneLineaireOptimal:
    """One reference: its current linear, its share of the criterion (%), its optimal linear
    (m) and the change to make (``ecart`` = optimal − actuel, m)."""

    reference: str
    lineaire_actuel: Decimal
    part: Decimal
    lineaire_optimal: Decimal
    ecart: Decimal


def plus_forts_restes(total: Decimal, poids: Sequence[Decimal], pas: Decimal) -> list[Decimal]:
    """Split ``total`` in proportion to ``poids`` in whole multiples of ``pas``, the sum being
    exactly ``total`` (largest-remainder / Hamilton method).

    Each quota ``total × poids / Σ poids`` is cut down to a multiple of ``pas``; the steps left
    over go one by one to the largest remainders (ties: the first in the list).
    """
    somme = sum(poids, Decimal(0))
    unites = int((total / pas).to_integral_value(rounding=ROUND_FLOOR))
    quotas = [Decimal(unites) * p / somme for p in poids]
    entiers = [int(q.to_integral_value(rounding=ROUND_FLOOR)) for q in quotas]
    reste = unites - sum(entiers)
    ordre = sorted(range(len(poids)), key=lambda i: (-(quotas[i] - entiers[i]), i))
    for i in ordre[:reste]:
        entiers[i] += 1
    return [e * pas for e in entiers]


def lineaire_optimal(
    references: Sequence[Mapping[str, Any]],
    lineaire_total: Any,
    critere: str = "ca",
    pas: Any = "0.01",
) -> tuple[LigneLineaireOptimal, ...]:
    """Linéaire optimal of each reference = linéaire total × its share of the CA (``critere=
    "ca"``) or of the margin (``critere="marge"``).

    Rounding: the linear is split in whole steps of ``pas`` metres (one centimetre by default;
    give the width of a facing to split in facings) by the largest-remainder method: each quota
    is cut down to a whole step, then the steps left over go to the largest remainders (ties:
    the first reference), so the optimal linears add up EXACTLY to the total (a multiple of
    ``pas``). ``part`` is the share in %, rounded to 2 decimals (for display only).

    Example: 10 m, CA 5 000 / 3 000 / 2 000 € → 5 m, 3 m, 2 m; CA 1 / 1 / 1 € on 1 m →
    0,34 + 0,33 + 0,33 m.
    """
    if critere not in ("ca", "marge"):
        raise SaisieInvalide(
            f"« {critere} » : le critère est « ca » ou « marge ».", champ="Critère"
        )
    noms, lineaires, cas, marges = _references(references)
    if critere == "marge" and marges is None:
        raise SaisieInvalide(
            "donnez la marge de chaque référence pour répartir selon la marge.", champ="Marge"
        )
    poids = cas if critere == "ca" else marges
    if sum(poids, Decimal(0)) <= 0:
        champ = "CA" if critere == "ca" else "Marge"
        raise SaisieInvalide("le total est nul : le linéaire ne se répartit pas.", champ=champ)
    if any(p < 0 for p in poids):
        raise SaisieInvalide("une marge négative ne se répartit pas.", champ="Marge")
    total = grandeur_positive(lineaire_total, "Linéaire total")
    quantum = grandeur_positive(pas, "Pas")
    if total % quantum != 0:
        raise SaisieInvalide(
            "le linéaire total doit être un nombre entier de pas (de centimètres, de faces).",
            champ="Linéaire total",
        )
    optimaux = plus_forts_restes(total, poids, quantum)
    parts = _parts(poids, "CA" if critere == "ca" else "Marge")
    return tuple(
        LigneLineaireOptimal(nom, lineaires[i], parts[i], optimaux[i], optimaux[i] - lineaires[i])
        for i, nom in enumerate(noms)
    )


def ca_au_metre(ca: Any, lineaire: Any) -> Decimal:
    """CA au mètre linéaire = CA / linéaire (€/m), rounded to the cent.

    Example: 4 500 € on 1,5 m → 3 000 € par mètre.
    """
    return arrondi_centime(euros_lus(ca, "CA") / grandeur_positive(lineaire, "Linéaire"))


def marge_au_metre(marge: Any, lineaire: Any) -> Decimal:
    """Rentabilité au mètre linéaire = marge / linéaire (€/m), rounded to the cent.

    Example: 1 000 € of margin on 3 m → 333,33 € par mètre. A negative margin is allowed.
    """
    return arrondi_centime(
        euros_lus(marge, "Marge", positif=False) / grandeur_positive(lineaire, "Linéaire")
    )


def rentabilite_au_metre_lineaire(marge: Any, lineaire: Any) -> Decimal:
    """Rentabilité au mètre linéaire (€/m): the name of the course for :func:`marge_au_metre`
    (marge / linéaire, to the cent). Example: 1 000 € of margin on 3 m → 333,33 €/m."""
    return marge_au_metre(marge, lineaire)


def distribution_numerique(magasins_referencant: Any, magasins_total: Any) -> Decimal:
    """DN (%) = magasins qui référencent le produit / magasins du panel × 100, 2 decimals.

    Example: 120 stores out of 400 → DN 30 %.
    """
    referencant = effectif(magasins_referencant, "Magasins qui référencent")
    total = effectif(magasins_total, "Magasins du panel")
    if total == 0:
        raise SaisieInvalide("le panel compte au moins un magasin.", champ="Magasins du panel")
    if referencant > total:
        raise SaisieInvalide(
            f"{referencant} magasins référencent, plus que le panel "
            f"({accorder(total, 'magasin')}).",
            champ="Magasins qui référencent",
        )
    return pourcentage(Decimal(referencant), Decimal(total))


def distribution_valeur(
    ca_categorie_des_magasins_referencant: Any, ca_categorie_total: Any
) -> Decimal:
    """DV (%) = CA de la catégorie réalisé par les magasins qui référencent le produit / CA de
    la catégorie de tous les magasins du panel × 100, 2 decimals.

    The stores are weighted by their sales of the CATEGORY (not by their number, nor by the
    product's own sales). Each argument is an amount or a list of amounts (one per store).

    Example: the 120 referencing stores sell 1 800 000 € of the category out of 4 000 000 € →
    DV 45 % (while DN = 30 %: they are the big stores).
    """
    referencant = somme_de_montants(
        ca_categorie_des_magasins_referencant, "CA catégorie des magasins qui référencent"
    )
    total = somme_de_montants(ca_categorie_total, "CA catégorie total")
    if total == 0:
        raise SaisieInvalide("le CA de la catégorie est nul.", champ="CA catégorie total")
    if referencant > total:
        raise SaisieInvalide(
            "le CA des magasins qui référencent dépasse le CA de la catégorie de tout le panel.",
            champ="CA catégorie des magasins qui référencent",
        )
    return pourcentage(referencant, total)


def taux_de_rupture(releves_en_rupture: Any, releves_total: Any) -> Decimal:
    """Taux de rupture (%) = relevés en rupture / relevés × 100, 2 decimals.

    A "relevé" is one reference checked in one store on one day. Example: 18 out-of-stocks in
    240 checks → 7,5 %.
    """
    ruptures = effectif(releves_en_rupture, "Relevés en rupture")
    total = effectif(releves_total, "Relevés")
    if total == 0:
        raise SaisieInvalide("il faut au moins un relevé.", champ="Relevés")
    if ruptures > total:
        raise SaisieInvalide(
            f"{accorder(ruptures, 'rupture')} pour {accorder(total, 'relevé')} : c'est impossible.",
            champ="Relevés en rupture",
        )
    return pourcentage(Decimal(ruptures), Decimal(total))


@dataclass(frozen=True)
class VentesPerdues:
    """Sales lost during an out-of-stock: units (2 decimals), CA and margin (€)."""

    quantite_perdue: Decimal
    ca_perdu: Decimal
    marge_perdue: Decimal


def ventes_perdues(
    ventes_moyennes_par_jour: Any,
    jours_de_rupture: Any,
    prix_de_vente_ht: Any,
    marge_unitaire: Any = 0,
    taux_de_report: Any = 0,
) -> VentesPerdues:
    """Ventes perdues = ventes moyennes par jour × jours de rupture × (1 − taux de report).

    ``taux_de_report`` (%): the customers who buy later or take another reference of the brand
    (not lost). Units rounded to 2 decimals; CA perdu = units × PV HT and marge perdue = units ×
    marge unitaire, each rounded to the cent from the rounded units.

    Example: 12 units a day, 5 days, 2,50 € HT, margin 0,80 €, 25 % report → 45 units,
    112,50 € of CA and 36,00 € of margin lost.
    """
    par_jour = nombre(ventes_moyennes_par_jour, "Ventes moyennes par jour", positif=True)
    jours = nombre(jours_de_rupture, "Jours de rupture", positif=True)
    pv = euros_lus(prix_de_vente_ht, "Prix de vente HT")
    marge = euros_lus(marge_unitaire, "Marge unitaire", positif=False)
    report = taux(taux_de_report, "Taux de report")
    quantite_perdue = arrondi(par_jour * jours * (CENT - report) / CENT, 2)
    return VentesPerdues(
        quantite_perdue=quantite_perdue,
        ca_perdu=arrondi_centime(quantite_perdue * pv),
        marge_perdue=arrondi_centime(quantite_perdue * marge),
    )


@dataclass(frozen=True)
class RoiPromotion:
    """Promotion balance (€) and its return on investment (% of the cost; ``None`` if free)."""

    marge_supplementaire: Decimal
    marge_cannibalisee: Decimal
    marge_incrementale: Decimal
    cout_promotion: Decimal
    gain_net: Decimal
    roi: Decimal | None


def roi_promotion(
    quantite_supplementaire: Any,
    marge_unitaire: Any,
    cout_promotion: Any,
    quantite_cannibalisee: Any = 0,
    marge_unitaire_cannibalisee: Any = 0,
) -> RoiPromotion:
    """Return on a promotion, cannibalisation deducted::

        marge supplémentaire = quantité supplémentaire × marge unitaire (en promotion)
        marge cannibalisée   = quantité perdue sur les autres références × leur marge unitaire
        marge incrémentale   = marge supplémentaire − marge cannibalisée
        gain net             = marge incrémentale − coût de la promotion
        ROI                  = gain net / coût × 100   (%, 2 decimals)

    Each product is rounded to the cent. Example: +800 units at 1,50 €, cost 600 €, 300 units of
    the other references lost at 1,00 € → 1 200 − 300 = 900 € ; gain net 300 € ; ROI 50 %.
    """
    q = nombre(quantite_supplementaire, "Quantité supplémentaire", positif=True)
    mu = euros_lus(marge_unitaire, "Marge unitaire", positif=False)
    cout = euros_lus(cout_promotion, "Coût de la promotion")
    qc = nombre(quantite_cannibalisee, "Quantité cannibalisée", positif=True)
    mc = euros_lus(marge_unitaire_cannibalisee, "Marge unitaire cannibalisée")
    supplementaire = arrondi_centime(q * mu)
    cannibalisee = arrondi_centime(qc * mc)
    incrementale = supplementaire - cannibalisee
    gain = incrementale - cout
    return RoiPromotion(
        marge_supplementaire=supplementaire,
        marge_cannibalisee=cannibalisee,
        marge_incrementale=incrementale,
        cout_promotion=cout,
        gain_net=gain,
        roi=None if cout == ZERO else pourcentage(gain, cout),
    )


@dataclass(frozen=True)
class LigneSimulation:
    """One reference of the simulated shelf (a week of sales).

    ``faces`` (facings), ``lineaire`` (m), ``stock_rayon`` (units on the shelf), ``demande``
    and ``ventes`` (units per week), ``couverture_jours`` (days of sales the shelf holds, 1
    decimal; ``None`` without demand), ``en_rupture``, ``ventes_perdues`` (units), ``ca`` /
    ``marge`` (€ of the week) and what is lost, the shares (%) and indices (``None`` for a
    reference without facings: it is off the shelf), margin and CA per metre (€/m).
    """

    reference: str
    faces: int
    largeur: Decimal
    profondeur: int
    lineaire: Decimal
    stock_rayon: int
    demande: Decimal
    ventes: Decimal
    couverture_jours: Decimal | None
    en_rupture: bool
    ventes_perdues: Decimal
    prix: Decimal
    marge_unitaire: Decimal
    ca: Decimal
    marge: Decimal
    ca_perdu: Decimal
    marge_perdue: Decimal
    part_lineaire: Decimal
    part_ca: Decimal | None
    part_marge: Decimal | None
    indice_de_performance: Decimal | None
    indice_de_marge: Decimal | None
    ca_au_metre: Decimal | None
    marge_au_metre: Decimal | None


@dataclass(frozen=True)
class SimulationLineaire:
    """The whole shelf for one week: one :class:`LigneSimulation` per reference (given order)
    and the totals. ``lineaire_disponible`` / ``lineaire_libre`` are ``None`` when no shelf
    size was given; ``taux_de_rupture`` = references in rupture / references on the shelf."""

    lignes: tuple[LigneSimulation, ...]
    lineaire_occupe: Decimal
    lineaire_disponible: Decimal | None
    lineaire_libre: Decimal | None
    ca: Decimal
    marge: Decimal
    ventes_perdues: Decimal
    ca_perdu: Decimal
    marge_perdue: Decimal
    references_en_rupture: tuple[str, ...]
    taux_de_rupture: Decimal | None
    marge_au_metre: Decimal | None
    delai_de_reassort: Decimal
    jours_de_vente: Decimal

    def ligne(self, reference: str) -> LigneSimulation:
        """The line of ``reference`` (by its name)."""
        for ligne in self.lignes:
            if ligne.reference == reference:
                return ligne
        raise SaisieInvalide(f"« {reference} » n'est pas dans le rayon.", champ="Référence")


def _noms_uniques(lignes: Sequence[Mapping[str, Any]]) -> list[str]:
    noms = [
        str(champ_de(ligne, "reference", "nom") or f"Référence {i}")
        for i, ligne in enumerate(lignes, start=1)
    ]
    for nom in noms:
        if noms.count(nom) > 1:
            raise SaisieInvalide(
                f"« {nom} » figure deux fois dans le rayon : donnez-lui un autre nom.",
                champ="Référence",
            )
    return noms


def simuler_lineaire(
    references: Sequence[Mapping[str, Any]],
    lineaire_disponible: Any = None,
    delai_de_reassort: Any = 6,
    jours_de_vente: Any = 6,
) -> SimulationLineaire:
    """A week of a shelf: what each reference's facings hold, sell and lose.

    ``references``: one mapping per reference with ``reference`` (or ``nom``), ``faces``
    (facings, 0 = off the shelf), ``largeur`` (m, width of one facing), ``profondeur`` (units
    one behind the other in a facing, default 1), ``demande`` (or ``ventes_hebdo``: units the
    customers would buy in a week), ``prix`` (or ``prix_ttc``: € per unit) and ``marge`` (or
    ``marge_unitaire``: € per unit). ``lineaire_disponible`` (m, optional): the shelf's
    developed linear, which the facings may not exceed. The rule (documented, simple)::

        linéaire             = faces × largeur                                 (m, cm)
        stock en rayon       = faces × profondeur                              (units)
        couverture (jours)   = stock × jours de vente / demande                (1 decimal)
        capacité (semaine)   = stock × jours de vente / délai de réassort
        ventes               = min(demande, capacité)                          (2 decimals)
        ventes perdues       = demande − ventes ; en rupture if demande > capacité
                               (the shelf empties before the next refill)
        CA, marge            = ventes × prix, ventes × marge unitaire          (to the cent)

    Shares, indices (from the rounded shares) and amounts per metre are computed on the
    references with facings, as :func:`parts_de_lineaire` does.

    Example (refill every 6 days of sale, 6 days a week): A 4 faces × 0,25 m × 5 deep, 30 a
    week at 10 € (margin 3 €) holds 20 units: 20 sold, 10 lost (100 € of CA), 4 days of cover,
    in rupture; moving 2 facings from B (10 a week) to A sells the 30 and nothing is lost.
    """
    lignes = lignes_lues(references, "Référence")
    noms = _noms_uniques(lignes)
    delai = grandeur_positive(delai_de_reassort, "Délai de réassort")
    jours = grandeur_positive(jours_de_vente, "Jours de vente par semaine")
    if jours > 7:
        raise SaisieInvalide(
            "une semaine compte au plus 7 jours de vente.", champ="Jours de vente par semaine"
        )
    disponible = (
        None
        if _absent(lineaire_disponible)
        else grandeur_positive(lineaire_disponible, "Linéaire disponible")
    )
    bruts = []
    for nom, ligne in zip(noms, lignes, strict=True):
        faces = effectif(ligne.get("faces"), f"{nom} — faces")
        largeur = grandeur_positive(champ_de(ligne, "largeur", "largeur_m"), f"{nom} — largeur")
        p = champ_de(ligne, "profondeur")
        profondeur = 1 if _absent(p) else effectif(p, f"{nom} — profondeur")
        if profondeur < 1:
            raise SaisieInvalide(
                "une face contient au moins un produit.", champ=f"{nom} — profondeur"
            )
        demande = nombre(
            champ_de(ligne, "demande", "ventes_hebdo"), f"{nom} — demande", positif=True
        )
        prix = euros_lus(champ_de(ligne, "prix", "prix_ttc"), f"{nom} — prix")
        marge_u = euros_lus(
            champ_de(ligne, "marge", "marge_unitaire"), f"{nom} — marge", positif=False
        )
        lineaire = arrondi(faces * largeur, 2)
        stock = faces * profondeur
        capacite = stock * jours / delai
        ventes = arrondi(min(demande, capacite), 2)
        perdues = demande - ventes
        bruts.append(
            dict(
                reference=nom,
                faces=faces,
                largeur=largeur,
                profondeur=profondeur,
                lineaire=lineaire,
                stock_rayon=stock,
                demande=demande,
                ventes=ventes,
                couverture_jours=None if demande == 0 else arrondi(stock * jours / demande, 1),
                en_rupture=faces > 0 and demande > capacite,
                ventes_perdues=perdues,
                prix=prix,
                marge_unitaire=marge_u,
                ca=arrondi_centime(ventes * prix),
                marge=arrondi_centime(ventes * marge_u),
                ca_perdu=arrondi_centime(perdues * prix),
                marge_perdue=arrondi_centime(perdues * marge_u),
            )
        )
    occupe = sum((b["lineaire"] for b in bruts), Decimal("0.00"))
    if occupe == 0:
        raise SaisieInvalide("aucune référence n'a de face : le rayon est vide.", champ="Faces")
    if disponible is not None and occupe > disponible:
        raise SaisieInvalide(
            f"les faces occupent {_metres(occupe)} pour {_metres(disponible)} de rayon : "
            "retirez des faces avant d'en ajouter.",
            champ="Faces",
        )
    ca_total = sum((b["ca"] for b in bruts), ZERO)
    marge_totale = sum((b["marge"] for b in bruts), ZERO)
    sur_le_rayon = [b for b in bruts if b["faces"] > 0]
    resultat = []
    for b in bruts:
        present = b["faces"] > 0
        p_lin = pourcentage(b["lineaire"], occupe)
        p_ca = pourcentage(b["ca"], ca_total) if ca_total else None
        p_marge = pourcentage(b["marge"], marge_totale) if marge_totale > 0 else None
        resultat.append(
            LigneSimulation(
                **b,
                part_lineaire=p_lin,
                part_ca=p_ca,
                part_marge=p_marge,
                indice_de_performance=(
                    arrondi(p_ca / p_lin * CENT, 2) if present and p_ca is not None else None
                ),
                indice_de_marge=(
                    arrondi(p_marge / p_lin * CENT, 2) if present and p_marge is not None else None
                ),
                ca_au_metre=arrondi_centime(b["ca"] / b["lineaire"]) if present else None,
                marge_au_metre=arrondi_centime(b["marge"] / b["lineaire"]) if present else None,
            )
        )
    en_rupture = tuple(b["reference"] for b in bruts if b["en_rupture"])
    return SimulationLineaire(
        lignes=tuple(resultat),
        lineaire_occupe=occupe,
        lineaire_disponible=disponible,
        lineaire_libre=None if disponible is None else disponible - occupe,
        ca=ca_total,
        marge=marge_totale,
        ventes_perdues=sum((b["ventes_perdues"] for b in bruts), ZERO),
        ca_perdu=sum((b["ca_perdu"] for b in bruts), ZERO),
        marge_perdue=sum((b["marge_perdue"] for b in bruts), ZERO),
        references_en_rupture=en_rupture,
        taux_de_rupture=pourcentage(Decimal(len(en_rupture)), Decimal(len(sur_le_rayon))),
        marge_au_metre=arrondi_centime(marge_totale / occupe),
        delai_de_reassort=delai,
        jours_de_vente=jours,
    )


def _metres(valeur: Decimal) -> str:
    return f"{format_nombre(valeur, 2)} m"


def deplacer_faces(
    references: Sequence[Mapping[str, Any]], de: str, vers: str, nombre_de_faces: Any = 1
) -> list[dict[str, Any]]:
    """The shelf with ``nombre_de_faces`` facings moved from the reference ``de`` to ``vers``
    (new mappings; the given ones are not changed). The linear changes when the two widths
    differ: :func:`simuler_lineaire` checks the shelf still holds them.

    Example: A 4 faces, B 4 faces, 2 moved from B to A → A 6, B 2.
    """
    lignes = [dict(ligne) for ligne in lignes_lues(references, "Référence")]
    noms = _noms_uniques(lignes)
    n = effectif(nombre_de_faces, "Faces à déplacer")
    for nom, champ in ((de, "Depuis"), (vers, "Vers")):
        if nom not in noms:
            raise SaisieInvalide(f"« {nom} » n'est pas dans le rayon.", champ=champ)
    if de == vers:
        raise SaisieInvalide("choisissez deux références différentes.", champ="Vers")
    source, cible = lignes[noms.index(de)], lignes[noms.index(vers)]
    faces_source = effectif(source.get("faces"), f"{de} — faces")
    if n > faces_source:
        raise SaisieInvalide(
            f"{de} n'a que {accorder(faces_source, 'face')} : impossible d'en déplacer {n}.",
            champ="Faces à déplacer",
        )
    source["faces"] = faces_source - n
    cible["faces"] = effectif(cible.get("faces"), f"{vers} — faces") + n
    return lignes


def references_du_releve(
    lignes: Sequence[Mapping[str, Any]],
    profondeur: Any = 6,
    semaines: Any = 13,
    taux_tva: Any = 20,
) -> list[dict[str, Any]]:
    """The shelf of :func:`simuler_lineaire` from a store's shelf survey (one mapping per
    reference, as read from ``releves_magasin``: ``designation`` or ``marque``, ``facings``,
    ``lineaire_m``, ``prix_ttc``, ``ventes_13_semaines`` and ``prix_achat_ht``)::

        largeur d'une face = linéaire / faces                       (m, to the centimetre)
        demande            = ventes des 13 semaines / 13            (units a week, 2 decimals)
        prix (HT)          = prix TTC / (1 + TVA)                   (to the cent)
        marge unitaire     = prix HT − prix d'achat HT              (the distributor's)
        profondeur         = the same for every reference (an assumption: ``profondeur``)

    A survey line with 0 facing but a linear (a known defect of the data) stays off the shelf
    (0 facings) with its linear as the width of one facing; a line without any linear takes
    the average width of a facing of the shelf. Two lines of the same name get « (2) »…

    Example: 4 facings on 1,00 m, 390 sold in 13 weeks at 12,00 € TTC bought 6,50 € HT →
    0,25 m a facing, 30 a week, 10,00 € HT, margin 3,50 €.
    """
    lues = lignes_lues(lignes, "Relevé")
    n_semaines = grandeur_positive(semaines, "Semaines")
    t_tva = taux(taux_tva, "Taux de TVA", maxi=None)
    prof = effectif(profondeur, "Profondeur")
    if prof < 1:
        raise SaisieInvalide("une face contient au moins un produit.", champ="Profondeur")
    bruts = []
    for i, ligne in enumerate(lues, start=1):
        nom = str(champ_de(ligne, "designation", "reference", "marque") or f"Référence {i}")
        faces = effectif(champ_de(ligne, "facings", "faces"), f"{nom} — faces")
        lin = nombre(champ_de(ligne, "lineaire_m", "lineaire"), f"{nom} — linéaire", positif=True)
        bruts.append((nom, faces, lin, ligne))
    avec_faces = [(f, lin) for _n, f, lin, _l in bruts if f > 0 and lin > 0]
    largeur_moyenne = (
        arrondi(sum(lin for _f, lin in avec_faces) / sum(f for f, _l in avec_faces), 2)
        if avec_faces
        else Decimal("0.25")
    )
    vus: dict[str, int] = {}
    references = []
    for nom, faces, lin, ligne in bruts:
        vus[nom] = vus.get(nom, 0) + 1
        unique = nom if vus[nom] == 1 else f"{nom} ({vus[nom]})"
        if lin > 0:
            largeur = arrondi(lin / faces, 2) if faces else lin
        else:
            largeur = largeur_moyenne
        prix_ht = arrondi_centime(
            euros_lus(ligne.get("prix_ttc"), f"{nom} — prix TTC") * CENT / (CENT + t_tva)
        )
        achat = euros_lus(ligne.get("prix_achat_ht"), f"{nom} — prix d'achat HT")
        ventes = nombre(ligne.get("ventes_13_semaines"), f"{nom} — ventes", positif=True)
        references.append(
            {
                "reference": unique,
                "faces": faces,
                "largeur": max(largeur, Decimal("0.01")),
                "profondeur": prof,
                "demande": arrondi(ventes / n_semaines, 2),
                "prix": prix_ht,
                "marge": prix_ht - achat,
            }
        )
    return references


def lineaire_par_niveau(references: Sequence[Mapping[str, Any]], niveaux: Any) -> Decimal:
    """The length of a level (m) that holds the facings of ``references`` on ``niveaux``
    levels: occupied linear / niveaux, rounded UP to the centimetre (the shelf is full)."""
    n = effectif(niveaux, "Nombre de niveaux")
    if n < 1:
        raise SaisieInvalide(
            "il faut au moins un niveau (une tablette).", champ="Nombre de niveaux"
        )
    occupe = sum(
        (
            arrondi(
                effectif(r.get("faces"), "Faces")
                * grandeur_positive(champ_de(r, "largeur", "largeur_m"), "Largeur"),
                2,
            )
            for r in lignes_lues(references, "Référence")
        ),
        Decimal(0),
    )
    centimetres = (occupe * CENT / n).to_integral_value(rounding=ROUND_CEILING)
    return max(centimetres / CENT, Decimal("0.01"))
