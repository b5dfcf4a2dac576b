"""Partner and franchise networks: the franchisee's economics, sales challenges, the choice of a
sales channel and the network dashboard (NDRC bloc 3, animating networks).

Formulas::

    Redevance d'exploitation  = CA HT × taux            (never on the margin)
    Redevance publicitaire    = CA HT × taux
    Marge brute               = CA HT × taux de marge brute (marge / CA HT)
    Amortissement du droit d'entrée = droit d'entrée / durée du contrat (années)
    Résultat du franchisé     = marge brute − redevances − charges fixes − amortissement
    Seuil de rentabilité      = (charges fixes + amortissement)
                                / (taux de marge brute − taux des redevances)
    Challenge : marge supplémentaire = CA supplémentaire × taux de marge ;
                gain net = marge supplémentaire − (récompenses + frais) ; ROI = gain / coût × 100
    Coût d'un canal           = fixe + CA × taux  (commission, ou marge laissée au distributeur)
    Point d'indifférence      = (fixe₁ − fixe₂) / (taux₂ − taux₁)
    Taux de réalisation       = réalisé / objectif × 100 ; écart = réalisé − objectif

Rounding (half-up): each amount to the cent, computed from the rounded amounts before it; rates
in % to 2 decimals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import CENT, ZERO
from widgets.calculs._reseaux import champ_de, effectif, euros_lus, lignes_lues, pourcentage
from widgets.calculs.saisie import SaisieInvalide, arrondi_centime, taux

__all__ = [
    "ChallengeCommercial",
    "ComparaisonCanaux",
    "CoutCanal",
    "Franchise",
    "LigneTableauDeBord",
    "PointDIndifference",
    "TableauDeBordReseau",
    "challenge_commercial",
    "comparer_canaux",
    "franchise",
    "point_d_indifference",
    "seuil_franchise",
    "simuler_challenge",
    "tableau_de_bord_des_ventes",
    "tableau_de_bord_reseau",
]


@dataclass(frozen=True)
class Franchise:
    """The franchisee's simplified yearly P&L (€) and its result as a % of the CA HT."""

    chiffre_affaires_ht: Decimal
    marge_brute: Decimal
    redevance_exploitation: Decimal
    redevance_publicitaire: Decimal
    total_redevances: Decimal
    charges_fixes: Decimal
    droit_d_entree: Decimal
    amortissement_droit_d_entree: Decimal
    resultat: Decimal
    taux_de_resultat: Decimal | None


def _duree(valeur: Any) -> int:
    duree = effectif(valeur, "Durée du contrat")
    if duree < 1:
        raise SaisieInvalide("le contrat dure au moins un an.", champ="Durée du contrat")
    return duree


def franchise(
    chiffre_affaires_ht: Any,
    taux_de_marge_brute: Any,
    charges_fixes: Any,
    droit_d_entree: Any = 0,
    taux_redevance_exploitation: Any = 0,
    taux_redevance_publicitaire: Any = 0,
    duree_du_contrat: Any = 1,
) -> Franchise:
    """The franchisee's year::

        marge brute              = CA HT × taux de marge brute
        redevance d'exploitation = CA HT × taux       (royalties are on the CA HT)
        redevance publicitaire   = CA HT × taux
        amortissement            = droit d'entrée / durée du contrat (years; 1 = all this year)
        résultat                 = marge brute − redevances − charges fixes − amortissement

    Each amount is rounded to the cent; the result rate (résultat / CA HT) to 2 decimals.

    Example: CA HT 400 000 €, marge brute 40 %, charges fixes 90 000 €, droit d'entrée 25 000 €
    over 5 years, redevances 5 % + 1 % → marge 160 000 ; redevances 20 000 + 4 000 ;
    amortissement 5 000 ; résultat 41 000 € (10,25 % du CA).
    """
    ca = euros_lus(chiffre_affaires_ht, "Chiffre d'affaires HT")
    t_marge = taux(taux_de_marge_brute, "Taux de marge brute")
    fixes = euros_lus(charges_fixes, "Charges fixes")
    droit = euros_lus(droit_d_entree, "Droit d'entrée")
    t_exploit = taux(taux_redevance_exploitation, "Redevance d'exploitation")
    t_pub = taux(taux_redevance_publicitaire, "Redevance publicitaire")
    duree = _duree(duree_du_contrat)
    marge = arrondi_centime(ca * t_marge / CENT)
    exploitation = arrondi_centime(ca * t_exploit / CENT)
    publicite = arrondi_centime(ca * t_pub / CENT)
    redevances = exploitation + publicite
    amortissement = arrondi_centime(droit / duree)
    resultat = marge - redevances - fixes - amortissement
    return Franchise(
        chiffre_affaires_ht=ca,
        marge_brute=marge,
        redevance_exploitation=exploitation,
        redevance_publicitaire=publicite,
        total_redevances=redevances,
        charges_fixes=fixes,
        droit_d_entree=droit,
        amortissement_droit_d_entree=amortissement,
        resultat=resultat,
        taux_de_resultat=None if ca == ZERO else pourcentage(resultat, ca),
    )


def seuil_franchise(
    taux_de_marge_brute: Any,
    charges_fixes: Any,
    droit_d_entree: Any = 0,
    taux_redevance_exploitation: Any = 0,
    taux_redevance_publicitaire: Any = 0,
    duree_du_contrat: Any = 1,
) -> Decimal:
    """Break-even CA HT of the franchisee, rounded to the cent::

        seuil = (charges fixes + droit d'entrée / durée) / (taux de marge brute − redevances)

    The royalties are variable charges (a % of the CA HT): they come off the margin rate.
    Example (same as :func:`franchise`): (90 000 + 5 000) / (40 % − 6 %) = 279 411,76 €.
    """
    t_marge = taux(taux_de_marge_brute, "Taux de marge brute")
    fixes = euros_lus(charges_fixes, "Charges fixes")
    droit = euros_lus(droit_d_entree, "Droit d'entrée")
    t_red = taux(taux_redevance_exploitation, "Redevance d'exploitation") + taux(
        taux_redevance_publicitaire, "Redevance publicitaire"
    )
    amortissement = arrondi_centime(droit / _duree(duree_du_contrat))
    if t_marge <= t_red:
        raise SaisieInvalide(
            "les redevances absorbent toute la marge brute : le franchisé n'atteint jamais son "
            "seuil de rentabilité.",
            champ="Taux de marge brute",
        )
    return arrondi_centime((fixes + amortissement) * CENT / (t_marge - t_red))


@dataclass(frozen=True)
class ChallengeCommercial:
    """A sales challenge: margin it brings, what it costs, net gain, ROI (% of the cost) and the
    extra CA needed to pay for it."""

    ca_supplementaire: Decimal
    marge_supplementaire: Decimal
    cout_des_recompenses: Decimal
    frais_d_organisation: Decimal
    cout_total: Decimal
    gain_net: Decimal
    roi: Decimal | None
    ca_supplementaire_minimal: Decimal


def challenge_commercial(
    ca_supplementaire: Any,
    taux_de_marge: Any,
    cout_des_recompenses: Any,
    frais_d_organisation: Any = 0,
) -> ChallengeCommercial:
    """Is a sales challenge worth it? ::

        marge supplémentaire = CA supplémentaire × taux de marge (marge / CA HT)
        coût total           = récompenses + frais d'organisation
        gain net             = marge supplémentaire − coût total
        ROI                  = gain net / coût total × 100           (%, 2 decimals)
        CA minimal           = coût total / taux de marge            (to break even)

    Example: +60 000 € HT at 25 %, rewards 8 000 €, organisation 2 000 € → margin 15 000 € ;
    gain 5 000 € ; ROI 50 % ; the challenge pays for itself from 40 000 € of extra CA.
    """
    ca = euros_lus(ca_supplementaire, "CA supplémentaire")
    t = taux(taux_de_marge, "Taux de marge")
    if t == 0:
        raise SaisieInvalide(
            "avec une marge nulle, aucun CA ne paie le challenge.", champ="Taux de marge"
        )
    recompenses = euros_lus(cout_des_recompenses, "Coût des récompenses")
    frais = euros_lus(frais_d_organisation, "Frais d'organisation")
    marge = arrondi_centime(ca * t / CENT)
    cout = recompenses + frais
    gain = marge - cout
    return ChallengeCommercial(
        ca_supplementaire=ca,
        marge_supplementaire=marge,
        cout_des_recompenses=recompenses,
        frais_d_organisation=frais,
        cout_total=cout,
        gain_net=gain,
        roi=None if cout == ZERO else pourcentage(gain, cout),
        ca_supplementaire_minimal=arrondi_centime(cout * CENT / t),
    )


def simuler_challenge(
    ca_supplementaire: Any,
    taux_de_marge: Any,
    nombre_de_gagnants: Any,
    recompense_par_gagnant: Any,
    frais_d_organisation: Any = 0,
) -> ChallengeCommercial:
    """The challenge simulator: the rewards are ``nombre de gagnants × récompense par gagnant``
    (to the cent), then :func:`challenge_commercial`.

    Example: 12 winners × 500 € = 6 000 € of rewards, 2 000 € of organisation, +60 000 € HT
    of CA at 25 % → margin 15 000 € ; cost 8 000 € ; gain 7 000 € ; ROI 87,5 % ; paid for
    from 32 000 € of extra CA.
    """
    gagnants = effectif(nombre_de_gagnants, "Nombre de gagnants")
    recompense = euros_lus(recompense_par_gagnant, "Récompense par gagnant")
    return challenge_commercial(
        ca_supplementaire,
        taux_de_marge,
        arrondi_centime(gagnants * recompense),
        frais_d_organisation,
    )


@dataclass(frozen=True)
class CoutCanal:
    """What one channel costs for the CA: fixed part, variable part, total and % of the CA."""

    canal: str
    fixe: Decimal
    variable: Decimal
    cout: Decimal
    cout_pct_ca: Decimal | None


@dataclass(frozen=True)
class ComparaisonCanaux:
    """The three channels for one CA, and the cheapest (``moins_cher``: its name)."""

    chiffre_affaires: Decimal
    canaux: tuple[CoutCanal, ...]
    moins_cher: str


FORCE_DE_VENTE = "Force de vente directe"
AGENTS = "Agents commerciaux"
DISTRIBUTEURS = "Distributeurs"


def _canal(nom: str, ca: Decimal, fixe: Decimal, t: Decimal) -> CoutCanal:
    variable = arrondi_centime(ca * t / CENT)
    cout = fixe + variable
    return CoutCanal(nom, fixe, variable, cout, None if ca == ZERO else pourcentage(cout, ca))


def comparer_canaux(
    chiffre_affaires: Any,
    fixe_force_de_vente: Any,
    taux_commission_force_de_vente: Any,
    taux_commission_agent: Any,
    taux_marge_distributeur: Any,
) -> ComparaisonCanaux:
    """Cost of each channel for the same CA::

        force de vente directe = fixe (salaires, charges, frais) + CA × commission
        agents commerciaux     = CA × commission
        distributeurs          = CA × marge laissée au distributeur (en % du CA)

    Each cost is rounded to the cent, its % of the CA to 2 decimals. Ties: the first channel of
    this order is named the cheapest.

    Example: CA 800 000 €, sales force 60 000 € + 2 %, agents 10 %, distributors 18 % →
    76 000 € (9,5 %), 80 000 € (10 %), 144 000 € (18 %): the sales force is cheapest.
    """
    ca = euros_lus(chiffre_affaires, "Chiffre d'affaires")
    canaux = (
        _canal(
            FORCE_DE_VENTE,
            ca,
            euros_lus(fixe_force_de_vente, "Fixe de la force de vente"),
            taux(taux_commission_force_de_vente, "Commission de la force de vente"),
        ),
        _canal(AGENTS, ca, ZERO, taux(taux_commission_agent, "Commission de l'agent")),
        _canal(DISTRIBUTEURS, ca, ZERO, taux(taux_marge_distributeur, "Marge du distributeur")),
    )
    moins_cher = min(canaux, key=lambda c: c.cout).canal
    return ComparaisonCanaux(ca, canaux, moins_cher)


@dataclass(frozen=True)
class PointDIndifference:
    """The CA where two channels cost the same, and that cost (``None``: they never cross at
    a positive CA)."""

    chiffre_affaires: Decimal | None
    cout: Decimal | None


def point_d_indifference(
    fixe_premier: Any, taux_premier: Any, fixe_second: Any, taux_second: Any
) -> PointDIndifference:
    """CA* where fixe₁ + CA × taux₁ = fixe₂ + CA × taux₂, i.e.
    CA* = (fixe₁ − fixe₂) / (taux₂ − taux₁), rounded to the cent; the cost is the second
    channel's at CA* (the first one's may differ by a cent: each cost is rounded).

    Example: sales force 60 000 € + 2 % vs agents 10 % → CA* = 60 000 / 8 % = 750 000 € ;
    both cost 75 000 €. Below it the agents are cheaper, above it the sales force.
    """
    f1 = euros_lus(fixe_premier, "Fixe du premier canal")
    t1 = taux(taux_premier, "Taux du premier canal")
    f2 = euros_lus(fixe_second, "Fixe du second canal")
    t2 = taux(taux_second, "Taux du second canal")
    if t1 == t2 or (f1 - f2) / (t2 - t1) <= 0:
        return PointDIndifference(None, None)
    ca = arrondi_centime((f1 - f2) * CENT / (t2 - t1))
    return PointDIndifference(ca, f2 + arrondi_centime(ca * t2 / CENT))


@dataclass(frozen=True)
class LigneTableauDeBord:
    """One partner: objective, actual, taux de réalisation (%), écart (€ and % of the
    objective) and rank (1 = best taux de réalisation; equal rates share a rank)."""

    partenaire: str
    objectif: Decimal
    realise: Decimal
    taux_de_realisation: Decimal
    ecart: Decimal
    ecart_pct: Decimal
    rang: int


@dataclass(frozen=True)
class TableauDeBordReseau:
    """The network: one line per partner (in the given order), the totals, and ``classement``
    (partner names from the best to the worst taux de réalisation)."""

    lignes: tuple[LigneTableauDeBord, ...]
    objectif_total: Decimal
    realise_total: Decimal
    taux_de_realisation: Decimal
    ecart: Decimal
    ecart_pct: Decimal
    classement: tuple[str, ...]


def tableau_de_bord_reseau(lignes: Sequence[Mapping[str, Any]]) -> TableauDeBordReseau:
    """Objective vs actual for each partner::

        taux de réalisation = réalisé / objectif × 100     (%, 2 decimals)
        écart               = réalisé − objectif           (€)
        écart en %          = écart / objectif × 100       (%, 2 decimals)

    ``lignes``: one mapping per partner with ``partenaire`` (or ``nom``), ``objectif`` and
    ``realise`` (or ``reel``), in €.
    Rank by the taux de réalisation (not by the CA: a big partner is not a good one by size);
    equal rates get the same rank (1, 2, 2, 4), and keep the given order in ``classement``.

    Example: A 100 000 / 112 000 → 112 %, +12 000 € ; B 80 000 / 72 000 → 90 %, −8 000 € (−10 %).
    """
    lues = lignes_lues(lignes, "Partenaire")
    brutes = []
    for i, ligne in enumerate(lues, start=1):
        nom = str(champ_de(ligne, "partenaire", "nom") or f"Partenaire {i}")
        objectif = euros_lus(ligne.get("objectif"), f"{nom} — objectif")
        if objectif == ZERO:
            raise SaisieInvalide(
                "l'objectif doit être plus grand que zéro.", champ=f"{nom} — objectif"
            )
        realise = euros_lus(champ_de(ligne, "realise", "reel"), f"{nom} — réalisé")
        brutes.append((nom, objectif, realise, pourcentage(realise, objectif)))
    ordre = sorted(range(len(brutes)), key=lambda i: (-brutes[i][3], i))
    rangs = [0] * len(brutes)
    for position, i in enumerate(ordre):
        precedent = ordre[position - 1] if position else None
        if precedent is not None and brutes[precedent][3] == brutes[i][3]:
            rangs[i] = rangs[precedent]
        else:
            rangs[i] = position + 1
    resultat = tuple(
        LigneTableauDeBord(
            partenaire=nom,
            objectif=objectif,
            realise=realise,
            taux_de_realisation=t,
            ecart=realise - objectif,
            ecart_pct=pourcentage(realise - objectif, objectif),
            rang=rangs[i],
        )
        for i, (nom, objectif, realise, t) in enumerate(brutes)
    )
    objectif_total = sum((ligne.objectif for ligne in resultat), ZERO)
    realise_total = sum((ligne.realise for ligne in resultat), ZERO)
    return TableauDeBordReseau(
        lignes=resultat,
        objectif_total=objectif_total,
        realise_total=realise_total,
        taux_de_realisation=pourcentage(realise_total, objectif_total),
        ecart=realise_total - objectif_total,
        ecart_pct=pourcentage(realise_total - objectif_total, objectif_total),
        classement=tuple(brutes[i][0] for i in ordre),
    )


def _mois(valeur: Any, champ: str) -> str:
    texte = str(valeur or "").strip()
    annee, _, mois = texte.partition("-")
    if not (len(annee) == 4 and annee.isdigit() and mois.isdigit() and 1 <= int(mois) <= 12):
        raise SaisieInvalide(
            f"« {texte} » n'est pas un mois : écrivez-le AAAA-MM, par exemple 2025-03.",
            champ=champ,
        )
    return f"{annee}-{int(mois):02d}"


def tableau_de_bord_des_ventes(
    ventes: Sequence[Mapping[str, Any]],
    par: str = "partenaire",
    premier_mois: Any = None,
    dernier_mois: Any = None,
    partenaire: str | None = None,
) -> TableauDeBordReseau:
    """The network dashboard from monthly rows (as in ``ventes_partenaires``): each row has
    ``partenaire`` (or ``nom``), ``mois`` (``AAAA-MM``), ``ca_ht`` (or ``realise``) and
    ``objectif_ht`` (or ``objectif``), in € HT.

    The rows of the period ``premier_mois`` … ``dernier_mois`` (both included, ``None``: no
    bound), of one ``partenaire`` if given, are added up ``par="partenaire"`` (one line per
    partner, in the order met, cumulated objective and actual) or ``par="mois"`` (one line per
    month, in calendar order), then :func:`tableau_de_bord_reseau` (rank on the taux de
    réalisation). A month without a row counts for nothing (neither objective nor sales).

    Example: A 10 000 / 12 000 € in January and 10 000 / 9 000 € in February → 20 000 /
    21 000 € : 105 %, +1 000 € ; February alone: 90 %.
    """
    if par not in ("partenaire", "mois"):
        raise SaisieInvalide(
            f"« {par} » : le tableau se fait par « partenaire » ou par « mois ».", champ="Par"
        )
    debut = None if premier_mois in (None, "") else _mois(premier_mois, "Premier mois")
    fin = None if dernier_mois in (None, "") else _mois(dernier_mois, "Dernier mois")
    if debut and fin and fin < debut:
        raise SaisieInvalide("le dernier mois précède le premier.", champ="Dernier mois")
    cumuls: dict[str, list[Decimal]] = {}
    for i, ligne in enumerate(lignes_lues(ventes, "Ventes"), start=1):
        nom = str(champ_de(ligne, "partenaire", "nom") or f"Partenaire {i}")
        mois = _mois(ligne.get("mois"), f"{nom} — mois")
        if (debut and mois < debut) or (fin and mois > fin):
            continue
        if partenaire is not None and nom != partenaire:
            continue
        cle = nom if par == "partenaire" else mois
        cumul = cumuls.setdefault(cle, [ZERO, ZERO])
        cumul[0] += euros_lus(champ_de(ligne, "objectif_ht", "objectif"), f"{nom} — objectif")
        cumul[1] += euros_lus(champ_de(ligne, "ca_ht", "realise"), f"{nom} — réalisé")
    if not cumuls:
        raise SaisieInvalide("aucune vente sur cette période.", champ="Premier mois")
    cles = sorted(cumuls) if par == "mois" else list(cumuls)
    return tableau_de_bord_reseau(
        [{"partenaire": c, "objectif": cumuls[c][0], "realise": cumuls[c][1]} for c in cles]
    )
