"""Direct-selling networks (VDI, vendeurs à domicile indépendants): home parties, the VDI's
income, a two-level pay plan, recruitment and attrition (NDRC bloc 3, animating networks).

Formulas::

    CA moyen par réunion  = ventes / nombre de réunions
    CA HT de la réunion   = ventes TTC / (1 + TVA)
    Cadeau de l'hôtesse   = CA HT de la réunion × taux, si le CA HT atteint le seuil, sinon 0
    Commission du VDI     = CA HT × taux de commission
    Revenu du mandataire  = ventes HT × taux de commission
    Revenu de l'acheteur-revendeur = prix de vente − prix d'achat (marge de revente)
    Plan à deux niveaux   = ventes personnelles × taux + ventes de l'équipe × surcommission
    Taux de transformation d'une étape = effectif / effectif de l'étape précédente × 100
    Taux d'attrition      = sorties / effectif au début × 100

Rounding (half-up): amounts to the cent, each from the rounded amounts before it; rates in % to
2 decimals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any

from widgets.calculs._commun import CENT, ZERO
from widgets.calculs._reseaux import effectif, euros_lus, pourcentage, somme_de_montants
from widgets.calculs.francais import accorder
from widgets.calculs.saisie import SaisieInvalide, arrondi_centime, taux

__all__ = [
    "ACHETEUR_REVENDEUR",
    "MANDATAIRE",
    "AttritionReseau",
    "EntonnoirRecrutement",
    "EtapeRecrutement",
    "PlanDeuxNiveaux",
    "ReunionADomicile",
    "RevenuVdi",
    "attrition_reseau",
    "ca_moyen_par_reunion",
    "entonnoir_recrutement",
    "plan_de_remuneration_deux_niveaux",
    "reunion_a_domicile",
    "revenu_vdi",
]

MANDATAIRE = "mandataire"
ACHETEUR_REVENDEUR = "acheteur_revendeur"


def ca_moyen_par_reunion(ventes: Any, nombre_de_reunions: Any) -> Decimal:
    """CA moyen par réunion = ventes de la période / nombre de réunions, to the cent.

    ``ventes``: one amount or a list of amounts (one per party). Example: 3 parties selling
    640, 910 and 455,50 € → 2 005,50 / 3 = 668,50 €.
    """
    total = somme_de_montants(ventes, "Ventes")
    reunions = effectif(nombre_de_reunions, "Nombre de réunions")
    if reunions == 0:
        raise SaisieInvalide("il faut au moins une réunion.", champ="Nombre de réunions")
    return arrondi_centime(total / reunions)


@dataclass(frozen=True)
class ReunionADomicile:
    """One home party: sales TTC and HT, the hostess gift, the VDI commission, and the average
    basket per guest present (``None`` when the number present is not given or zero)."""

    ventes_ttc: Decimal
    ca_ht: Decimal
    cadeau_hotesse: Decimal
    seuil_atteint: bool
    commission_vdi: Decimal
    panier_moyen_ttc: Decimal | None


def reunion_a_domicile(
    ventes_ttc: Any,
    taux_cadeau_hotesse: Any,
    taux_commission_vdi: Any,
    seuil_cadeau_hotesse: Any = 0,
    taux_tva: Any = 20,
    nombre_de_presents: Any = None,
) -> ReunionADomicile:
    """Economics of one home party::

        CA HT           = ventes TTC / (1 + TVA)                    (to the cent)
        cadeau hôtesse  = CA HT × taux, if CA HT ≥ seuil (HT), else 0
        commission VDI  = CA HT × taux de commission
        panier moyen    = ventes TTC / nombre de présents

    The gift and the commission are on the CA HT of the party, NOT on the TTC sales.

    Example: 960 € TTC of sales, 20 % VAT → CA HT 800 € ; gift 10 % from 500 € HT → 80 € ;
    commission 25 % → 200 € ; 8 guests present → 120 € TTC per guest.
    """
    ttc = euros_lus(ventes_ttc, "Ventes TTC")
    t_tva = taux(taux_tva, "Taux de TVA")
    t_cadeau = taux(taux_cadeau_hotesse, "Cadeau de l'hôtesse")
    t_commission = taux(taux_commission_vdi, "Commission du VDI")
    seuil = euros_lus(seuil_cadeau_hotesse, "Seuil du cadeau de l'hôtesse")
    ht = arrondi_centime(ttc * CENT / (CENT + t_tva))
    atteint = ht >= seuil
    cadeau = arrondi_centime(ht * t_cadeau / CENT) if atteint else ZERO
    panier = None
    if nombre_de_presents is not None:
        presents = effectif(nombre_de_presents, "Nombre de présents")
        panier = arrondi_centime(ttc / presents) if presents else None
    return ReunionADomicile(
        ventes_ttc=ttc,
        ca_ht=ht,
        cadeau_hotesse=cadeau,
        seuil_atteint=atteint,
        commission_vdi=arrondi_centime(ht * t_commission / CENT),
        panier_moyen_ttc=panier,
    )


@dataclass(frozen=True)
class RevenuVdi:
    """The VDI's gross income for the period and its rate on the sales (%)."""

    statut: str
    ventes: Decimal
    revenu: Decimal
    taux_sur_ventes: Decimal | None


def revenu_vdi(
    statut: str,
    ventes: Any,
    taux_commission: Any = 0,
    achats: Any = 0,
) -> RevenuVdi:
    """Gross income of a VDI by status::

        (``statut`` as in the base, « acheteur-revendeur », or the constant, « acheteur_revendeur »)
        mandataire          : revenu = ventes HT × taux de commission
                              (sells in the name of the company, holds no stock)
        acheteur_revendeur  : revenu = ventes (prix de vente) − achats (prix d'achat)
                              (buys the products and resells them: a resale margin)

    Each amount is rounded to the cent. Social regime (reminder only, not computed; check the
    current URSSAF texts): a VDI is affiliated to the general social security scheme, small
    incomes being assessed on a flat-rate base, and must register at the RSAC (acheteur-
    revendeur) or the RSEAC (mandataire) once the yearly income exceeds 50 % of the annual
    social security ceiling (PASS) for three consecutive calendar years.

    Example: mandataire, 2 000 € HT of sales at 22 % → 440 € ; acheteur-revendeur, sales
    2 000 €, bought 1 450 € → 550 €.
    """
    saisi = statut
    # the base writes « acheteur-revendeur » (vdi.statut), the constant « acheteur_revendeur »
    statut = " ".join(str(statut).split()).lower().replace("-", "_").replace(" ", "_")
    if statut not in (MANDATAIRE, ACHETEUR_REVENDEUR):
        raise SaisieInvalide(
            f"« {saisi} » : le statut est « mandataire » ou « acheteur-revendeur ».",
            champ="Statut",
        )
    v = euros_lus(ventes, "Ventes")
    if statut == MANDATAIRE:
        revenu = arrondi_centime(v * taux(taux_commission, "Taux de commission") / CENT)
    else:
        revenu = v - euros_lus(achats, "Achats")
    return RevenuVdi(statut, v, revenu, None if v == ZERO else pourcentage(revenu, v))


@dataclass(frozen=True)
class PlanDeuxNiveaux:
    """Two-level pay: commission on own sales, override on the team's sales, total (€)."""

    ventes_personnelles: Decimal
    ventes_equipe: Decimal
    commission_personnelle: Decimal
    surcommission: Decimal
    total: Decimal


def plan_de_remuneration_deux_niveaux(
    ventes_personnelles: Any,
    ventes_equipe: Any,
    taux_personnel: Any,
    taux_surcommission: Any,
) -> PlanDeuxNiveaux:
    """Pay of a VDI who leads a team (two levels only)::

        commission personnelle = ventes personnelles × taux personnel
        surcommission          = ventes de l'équipe (filleuls directs) × taux de surcommission
        total                  = commission personnelle + surcommission

    ``ventes_equipe``: one amount, or a list of amounts (one per recruit, added). Each amount
    is rounded to the cent. Example: own 3 000 € at 20 % → 600 € ; team 1 500 + 2 500 € at
    4 % → 160 € ; total 760 €.
    """
    perso = euros_lus(ventes_personnelles, "Ventes personnelles")
    equipe = somme_de_montants(ventes_equipe, "Ventes de l'équipe")
    commission = arrondi_centime(perso * taux(taux_personnel, "Taux personnel") / CENT)
    override = arrondi_centime(equipe * taux(taux_surcommission, "Taux de surcommission") / CENT)
    return PlanDeuxNiveaux(perso, equipe, commission, override, commission + override)


@dataclass(frozen=True)
class EtapeRecrutement:
    """One stage of the funnel: its head count, its rate from the previous stage and its rate
    from the first stage (%; ``None`` for the first stage or after an empty stage)."""

    etape: str
    effectif: int
    taux_etape: Decimal | None
    taux_cumule: Decimal | None


@dataclass(frozen=True)
class EntonnoirRecrutement:
    """The funnel, its overall rate, and the contacts needed for the objective (if given)."""

    etapes: tuple[EtapeRecrutement, ...]
    taux_global: Decimal | None
    objectif: int | None
    contacts_necessaires: int | None


def entonnoir_recrutement(
    etapes: Mapping[str, Any] | Sequence[tuple[str, Any]],
    objectif: Any = None,
) -> EntonnoirRecrutement:
    """Recruitment funnel of the network (contacts → réunions d'information → recrues →
    actifs…), in the given order::

        taux d'une étape = effectif / effectif précédent × 100      (%, 2 decimals)
        taux cumulé      = effectif / effectif de la 1re étape × 100
        contacts nécessaires = ⌈objectif × 1re étape / dernière étape⌉ (from the exact ratio)

    Each stage cannot exceed the previous one. Example: 200 contacts, 50 at an information
    meeting, 10 recruits, 6 active → 25 %, 20 %, 60 % ; overall 3 % ; 15 active VDI need
    ⌈15 × 200 / 6⌉ = 500 contacts.
    """
    paires = list(etapes.items()) if isinstance(etapes, Mapping) else list(etapes)
    if len(paires) < 2:
        raise SaisieInvalide("il faut au moins deux étapes.", champ="Étapes")
    lues: list[tuple[str, int]] = []
    for nom, valeur in paires:
        n = effectif(valeur, str(nom))
        if lues and n > lues[-1][1]:
            raise SaisieInvalide(
                f"{n}, c'est plus que l'étape précédente ({lues[-1][1]}).", champ=str(nom)
            )
        lues.append((str(nom), n))
    premier = lues[0][1]
    resultat = []
    for i, (nom, n) in enumerate(lues):
        precedent = lues[i - 1][1] if i else 0
        resultat.append(
            EtapeRecrutement(
                nom,
                n,
                pourcentage(Decimal(n), Decimal(precedent)) if precedent else None,
                pourcentage(Decimal(n), Decimal(premier)) if i and premier else None,
            )
        )
    dernier = lues[-1][1]
    but = None if objectif is None else effectif(objectif, "Objectif")
    necessaires = None
    if but is not None and dernier:
        necessaires = int(
            (Decimal(but) * premier / dernier).to_integral_value(rounding=ROUND_CEILING)
        )
    return EntonnoirRecrutement(
        etapes=tuple(resultat),
        taux_global=resultat[-1].taux_cumule,
        objectif=but,
        contacts_necessaires=necessaires,
    )


@dataclass(frozen=True)
class AttritionReseau:
    """The network over a period: head counts, attrition and recruitment rates (%)."""

    effectif_debut: int
    entrees: int
    sorties: int
    effectif_fin: int
    taux_d_attrition: Decimal
    taux_de_recrutement: Decimal
    croissance_nette: Decimal


def attrition_reseau(effectif_debut: Any, entrees: Any, sorties: Any) -> AttritionReseau:
    """Attrition of the VDI network over a period::

        effectif fin         = début + entrées − sorties
        taux d'attrition     = sorties / effectif au début × 100     (%, 2 decimals)
        taux de recrutement  = entrées / effectif au début × 100
        croissance nette     = (fin − début) / début × 100

    Example: 400 VDI, 120 in, 90 out → 430 ; attrition 22,5 % ; recruitment 30 % ; +7,5 %.
    """
    debut = effectif(effectif_debut, "Effectif au début")
    if debut == 0:
        raise SaisieInvalide(
            "le réseau compte au moins un vendeur au début.", champ="Effectif au début"
        )
    e = effectif(entrees, "Entrées")
    s = effectif(sorties, "Sorties")
    if s > debut + e:
        raise SaisieInvalide(
            f"{accorder(s, 'sortie')} pour {accorder(debut + e, 'vendeur')} au plus : "
            "c'est impossible.",
            champ="Sorties",
        )
    fin = debut + e - s
    d = Decimal(debut)
    return AttritionReseau(
        effectif_debut=debut,
        entrees=e,
        sorties=s,
        effectif_fin=fin,
        taux_d_attrition=pourcentage(Decimal(s), d),
        taux_de_recrutement=pourcentage(Decimal(e), d),
        croissance_nette=pourcentage(Decimal(fin - debut), d),
    )
