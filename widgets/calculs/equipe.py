"""Management de l'équipe commerciale : force de vente, rémunération, entonnoir, écarts.

Calculs purs (``Decimal``, arrondi commercial au centime, demi au-dessus) :

- taille de la force de vente par la méthode de la charge de travail, arrondie à l'unité
  SUPÉRIEURE (on ne recrute pas 4,2 commerciaux : il en faut 5 pour faire toutes les visites) ;
- rémunération d'un commercial : fixe + commission (au-delà d'un seuil, ou par tranches)
  + primes, et coût pour l'entreprise avec les charges sociales patronales ;
- entonnoir de prospection : :mod:`widgets.calculs.entonnoir` (un seul modèle, taux en %) ;
- écart sur chiffre d'affaires décomposé en écart sur quantité et écart sur prix
  (réutilise :func:`widgets.calculs.plan_action.decomposer_ecart_ca`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from widgets.calculs.arrondis import CENT as CENT_POUR_CENT
from widgets.calculs.arrondis import arrondi, arrondi_centime
from widgets.calculs.entonnoir import (  # noqa: F401  (re-exported: the one funnel model)
    ETAPES_ENTONNOIR,
    Entonnoir,
    EtapeEntonnoir,
    entonnoir,
)
from widgets.calculs.format import format_euros, format_nombre
from widgets.calculs.plan_action import decomposer_ecart_ca
from widgets.calculs.saisie import SaisieInvalide, montant, nombre, quantite, taux

# --------------------------------------------------------------------------- force de vente


@dataclass(frozen=True)
class ClasseClients:
    """Une classe de clients (A, B, C…) : combien de clients, combien de visites par an chacun."""

    nom: str
    clients: int
    visites_par_an: Decimal

    @property
    def charge(self) -> Decimal:
        """Visites à faire dans l'année pour cette classe = clients × visites par an."""
        return self.clients * self.visites_par_an


@dataclass(frozen=True)
class TailleForceDeVente:
    """Résultat de la méthode de la charge de travail."""

    classes: tuple[ClasseClients, ...]
    charge_totale: Decimal
    capacite_commercial: Decimal
    nombre_exact: Decimal
    arrondi: int


def taille_force_de_vente(
    classes: Sequence[tuple[str, object, object]],
    visites_par_jour: object,
    jours_travailles: object,
) -> TailleForceDeVente:
    """Nombre de commerciaux nécessaires (méthode de la charge de travail).

    ``classes`` : une suite de ``(nom, nombre de clients, visites par an par client)``.
    Charge totale = Σ (clients × visites par an) ; capacité d'un commercial = visites par
    jour × jours travaillés ; nombre exact = charge / capacité (au centième), arrondi à
    l'unité SUPÉRIEURE.

    Exemple : A 40 clients × 12, B 100 × 6, C 200 × 2 → 480 + 600 + 400 = 1 480 visites ;
    4 visites par jour × 200 jours = 800 visites par commercial ; 1 480 / 800 = 1,85 → 2.
    """
    if not classes:
        raise SaisieInvalide(
            "indiquez au moins une classe de clients (nombre de clients, visites par an).",
            champ="Classes de clients",
        )
    lues = []
    for nom, clients, visites in classes:
        lues.append(
            ClasseClients(
                str(nom),
                quantite(clients, f"Clients de la classe {nom}", minimum=0),
                nombre(visites, f"Visites par an de la classe {nom}", positif=True),
            )
        )
    par_jour = nombre(visites_par_jour, "Visites par jour", positif=True)
    jours = nombre(jours_travailles, "Jours travaillés", positif=True)
    capacite = par_jour * jours
    if capacite == 0:
        raise SaisieInvalide(
            "un commercial doit pouvoir faire au moins une visite : visites par jour et jours "
            "travaillés doivent être supérieurs à zéro.",
            champ="Capacité d'un commercial",
        )
    charge = sum((c.charge for c in lues), Decimal(0))
    exact = charge / capacite
    return TailleForceDeVente(
        classes=tuple(lues),
        charge_totale=charge,
        capacite_commercial=capacite,
        nombre_exact=arrondi(exact, 2),
        arrondi=int(exact.to_integral_value(rounding=ROUND_CEILING)),
    )


# --------------------------------------------------------------------------- rémunération


@dataclass(frozen=True)
class Remuneration:
    """Rémunération brute d'un commercial et coût pour l'entreprise."""

    fixe: Decimal
    chiffre_affaires: Decimal
    base_commission: Decimal
    commission: Decimal
    primes: Decimal
    brut: Decimal
    taux_charges: Decimal
    charges_sociales: Decimal
    cout_entreprise: Decimal


def remuneration(
    fixe: object,
    ca: object,
    *,
    taux_commission: object = 0,
    seuil: object = 0,
    tranches: Sequence[tuple[object | None, object]] | None = None,
    primes: object = 0,
    taux_charges: object = 45,
) -> Remuneration:
    """Rémunération = fixe + commission + primes ; coût = rémunération × (1 + taux de charges).

    Commission :

    - sans ``tranches`` : ``taux_commission`` % du CA AU-DELÀ du ``seuil`` (rien en dessous) ;
    - avec ``tranches`` : une suite de ``(plafond, taux %)`` croissante, le dernier plafond
      ``None`` (sans limite) ; chaque taux ne s'applique qu'à la part du CA dans sa tranche
      (comme l'impôt sur le revenu), pas à tout le CA.

    Les charges sociales patronales (``taux_charges``, en %, 45 par défaut) s'ajoutent au brut.

    Exemple : fixe 1 800 €, CA 60 000 €, 5 % au-delà de 20 000 €, prime 150 €, charges 42 % :
    commission 40 000 × 5 % = 2 000 € ; brut 3 950 € ; charges 1 659 € ; coût 5 609 €.
    """
    f = montant(fixe, "Fixe")
    chiffre = montant(ca, "Chiffre d'affaires")
    p = montant(primes, "Primes")
    charges_pct = taux(taux_charges, "Taux de charges sociales", maxi=None)
    if tranches is None:
        t = taux(taux_commission, "Taux de commission")
        s = montant(seuil, "Seuil de commission")
        base = max(chiffre - s, Decimal(0))
        commission = arrondi_centime(base * t / CENT_POUR_CENT)
    else:
        if not tranches:
            raise SaisieInvalide("indiquez au moins une tranche (plafond, taux).", champ="Tranches")
        base = chiffre
        commission = Decimal(0)
        bas = Decimal(0)
        for i, (plafond, taux_tranche) in enumerate(tranches, start=1):
            t = taux(taux_tranche, f"Taux de la tranche {i}")
            if plafond is None:
                haut = None
            else:
                haut = montant(plafond, f"Plafond de la tranche {i}")
                if haut <= bas:
                    raise SaisieInvalide(
                        "les plafonds des tranches doivent être croissants.",
                        champ=f"Plafond de la tranche {i}",
                    )
            part = (chiffre if haut is None else min(chiffre, haut)) - bas
            if part > 0:
                commission += arrondi_centime(part * t / CENT_POUR_CENT)
            if haut is None:
                break
            bas = haut
        else:
            if chiffre > bas:
                raise SaisieInvalide(
                    "la dernière tranche doit être sans plafond (écrivez None) pour couvrir "
                    "tout le chiffre d'affaires.",
                    champ="Tranches",
                )
    brut = f + commission + p
    charges = arrondi_centime(brut * charges_pct / CENT_POUR_CENT)
    return Remuneration(
        fixe=f,
        chiffre_affaires=chiffre,
        base_commission=base,
        commission=commission,
        primes=p,
        brut=brut,
        taux_charges=charges_pct,
        charges_sociales=charges,
        cout_entreprise=brut + charges,
    )


# --------------------------------------------------------------------------- écart sur CA


@dataclass(frozen=True)
class EcartChiffreAffaires:
    """Écart sur CA décomposé ; positif = favorable (on a vendu plus que prévu)."""

    ca_budgete: Decimal
    ca_reel: Decimal
    sur_quantite: Decimal
    sur_prix: Decimal
    total: Decimal
    quantite_budgetee: int | None = None
    prix_budgete: Decimal | None = None
    quantite_reelle: int | None = None
    prix_reel: Decimal | None = None

    @staticmethod
    def _sens(valeur: Decimal) -> str:
        if valeur == 0:
            return "nul"
        return "favorable" if valeur > 0 else "défavorable"

    @property
    def appreciation(self) -> str:
        """« favorable », « défavorable » ou « nul » pour l'écart total."""
        return self._sens(self.total)

    @property
    def appreciation_quantite(self) -> str:
        return self._sens(self.sur_quantite)

    @property
    def appreciation_prix(self) -> str:
        return self._sens(self.sur_prix)

    @property
    def lecture(self) -> list[str]:
        """Les trois écarts lus en français (une phrase chacun)."""
        qb, pb, qr, pr = (
            self.quantite_budgetee,
            self.prix_budgete,
            self.quantite_reelle,
            self.prix_reel,
        )
        phrases = []
        if None not in (qb, pb, qr, pr):
            assert qb is not None and pb is not None and qr is not None and pr is not None
            dq = qr - qb
            if dq == 0:
                quantites = f"les quantités vendues sont celles du budget ({format_nombre(qr)})"
            else:
                plus = "de plus" if dq > 0 else "de moins"
                quantites = (
                    f"{format_nombre(abs(dq))} {'unité' if abs(dq) == 1 else 'unités'} {plus} "
                    f"que prévu ({format_nombre(qr)} au lieu de {format_nombre(qb)}), "
                    f"valorisées au prix budgété de {format_euros(pb)}"
                )
            dp = pr - pb
            if dp == 0:
                prix = f"le prix réel est le prix budgété ({format_euros(pr)})"
            else:
                sens = "supérieur" if dp > 0 else "inférieur"
                prix = (
                    f"le prix réel ({format_euros(pr)}) est {sens} de {format_euros(abs(dp))} "
                    "au prix budgété, sur "
                    + (
                        "l'unité réellement vendue"
                        if qr == 1
                        else f"les {format_nombre(qr)} unités réellement vendues"
                    )
                )
            phrases.append(
                f"Écart sur quantité : {_signe(self.sur_quantite)} ({self.appreciation_quantite}) "
                f"— {quantites}."
            )
            phrases.append(
                f"Écart sur prix : {_signe(self.sur_prix)} ({self.appreciation_prix}) — {prix}."
            )
        phrases.append(
            f"Écart sur chiffre d'affaires : {_signe(self.total)} ({self.appreciation}) — CA réel "
            f"{format_euros(self.ca_reel)} pour un CA budgété de {format_euros(self.ca_budgete)}."
        )
        return phrases


def _signe(valeur: Decimal) -> str:
    """``+ 1 200,00 €`` / ``− 550,00 €`` / ``0,00 €``."""
    if valeur == 0:
        return format_euros(0)
    return f"{'+' if valeur > 0 else '−'} {format_euros(abs(valeur))}"


def ecart_ca(qb: object, pb: object, qr: object, pr: object) -> EcartChiffreAffaires:
    """Écart sur CA = CA réel − CA budgété = (Qr − Qb) × Pb + (Pr − Pb) × Qr.

    ``qb``/``pb`` : quantité et prix budgétés ; ``qr``/``pr`` : quantité et prix réels.
    Exemple : budget 1 000 u. à 12 €, réel 1 100 u. à 11,50 € : écart sur quantité
    + 1 200,00 € (favorable), écart sur prix − 550,00 € (défavorable), total + 650,00 €.
    """
    q_b = quantite(qb, "Quantité budgétée", minimum=0)
    p_b = montant(pb, "Prix budgété")
    q_r = quantite(qr, "Quantité réelle", minimum=0)
    p_r = montant(pr, "Prix réel")
    decompose = decomposer_ecart_ca(q_b, p_b, q_r, p_r)
    return EcartChiffreAffaires(
        ca_budgete=arrondi_centime(q_b * p_b),
        ca_reel=arrondi_centime(q_r * p_r),
        sur_quantite=decompose.sur_quantite,
        sur_prix=decompose.sur_prix,
        total=decompose.total,
        quantite_budgetee=q_b,
        prix_budgete=p_b,
        quantite_reelle=q_r,
        prix_reel=p_r,
    )


# --------------------------------------------------------------------------- plans de rémunération


@dataclass(frozen=True)
class PlanRemuneration:
    """Un plan de rémunération annuel, à rejouer sur les chiffres réels de chaque commercial.

    ``fixe_mensuel`` None : chacun garde son fixe réel (table ``commerciaux``). Commission :
    ``taux_commission`` % au-delà de ``seuil`` (annuel), ou ``tranches`` (voir
    :func:`remuneration`). Prime d'objectif : ``prime_objectif`` € si le CA atteint l'objectif
    annuel, plus ``taux_prime_depassement`` % de la part du CA au-delà de l'objectif.
    """

    nom: str
    fixe_mensuel: Decimal | None = None
    taux_commission: Decimal = Decimal(0)
    seuil: Decimal = Decimal(0)
    tranches: tuple[tuple[Decimal | None, Decimal], ...] | None = None
    prime_objectif: Decimal = Decimal(0)
    taux_prime_depassement: Decimal = Decimal(0)
    taux_charges: Decimal = Decimal(45)


def plan_remuneration(
    nom: str,
    *,
    fixe_mensuel: object | None = None,
    taux_commission: object = 0,
    seuil: object = 0,
    tranches: Sequence[tuple[object | None, object]] | None = None,
    prime_objectif: object = 0,
    taux_prime_depassement: object = 0,
    taux_charges: object = 45,
) -> PlanRemuneration:
    """Lit un plan (texte français accepté) ; voir :class:`PlanRemuneration`."""
    lues = None
    if tranches is not None:
        lues = tuple(
            (
                None if plafond is None else montant(plafond, f"Plafond de la tranche {i}"),
                taux(t, f"Taux de la tranche {i}"),
            )
            for i, (plafond, t) in enumerate(tranches, start=1)
        )
    return PlanRemuneration(
        nom=nom,
        fixe_mensuel=None if fixe_mensuel is None else montant(fixe_mensuel, "Fixe mensuel"),
        taux_commission=taux(taux_commission, "Taux de commission"),
        seuil=montant(seuil, "Seuil de commission"),
        tranches=lues,
        prime_objectif=montant(prime_objectif, "Prime d'objectif"),
        taux_prime_depassement=taux(taux_prime_depassement, "Prime sur le dépassement"),
        taux_charges=taux(taux_charges, "Taux de charges sociales", maxi=None),
    )


@dataclass(frozen=True)
class ChiffresCommercial:
    """Les chiffres réels d'un commercial sur l'année : CA HT, objectif, fixe mensuel."""

    nom: str
    chiffre_affaires: Decimal
    objectif: Decimal
    fixe_mensuel: Decimal


@dataclass(frozen=True)
class LignePlan:
    """Ce que gagne et coûte un commercial avec un plan."""

    nom: str
    remuneration: Remuneration
    objectif_atteint: bool
    cout_pct_ca: Decimal | None


@dataclass(frozen=True)
class ResultatPlan:
    """Un plan rejoué sur toute l'équipe : une ligne par commercial et les totaux."""

    plan: PlanRemuneration
    lignes: tuple[LignePlan, ...]
    chiffre_affaires: Decimal
    brut: Decimal
    cout: Decimal
    cout_pct_ca: Decimal | None


def prime_d_objectif(plan: PlanRemuneration, ca: Decimal, objectif: Decimal) -> Decimal:
    """Prime = prime fixe si CA ≥ objectif, + taux × (CA − objectif) au-delà (au centime).

    Sans objectif (0 €), pas de prime.
    """
    if objectif <= 0 or ca < objectif:
        return Decimal("0.00")
    depassement = arrondi_centime((ca - objectif) * plan.taux_prime_depassement / CENT_POUR_CENT)
    return plan.prime_objectif + depassement


def appliquer_plan(plan: PlanRemuneration, equipe: Sequence[ChiffresCommercial]) -> ResultatPlan:
    """Rejoue ``plan`` sur les chiffres annuels de chaque commercial.

    Fixe annuel = fixe mensuel × 12 ; commission et charges comme :func:`remuneration` ;
    coût en % du CA = coût / CA × 100 (au centième).
    """
    lignes = []
    for c in equipe:
        fixe = (plan.fixe_mensuel if plan.fixe_mensuel is not None else c.fixe_mensuel) * 12
        r = remuneration(
            fixe,
            c.chiffre_affaires,
            taux_commission=plan.taux_commission,
            seuil=plan.seuil,
            tranches=plan.tranches,
            primes=prime_d_objectif(plan, c.chiffre_affaires, c.objectif),
            taux_charges=plan.taux_charges,
        )
        lignes.append(
            LignePlan(
                c.nom,
                r,
                c.objectif > 0 and c.chiffre_affaires >= c.objectif,
                _pct(r.cout_entreprise, c.chiffre_affaires),
            )
        )
    ca = sum((c.chiffre_affaires for c in equipe), Decimal(0))
    cout = sum((x.remuneration.cout_entreprise for x in lignes), Decimal(0))
    return ResultatPlan(
        plan,
        tuple(lignes),
        ca,
        sum((x.remuneration.brut for x in lignes), Decimal(0)),
        cout,
        _pct(cout, ca),
    )


def _pct(partie: Decimal, total: Decimal) -> Decimal | None:
    return arrondi(partie * CENT_POUR_CENT / total, 2) if total else None


@dataclass(frozen=True)
class ComparaisonPlans:
    """Deux plans côte à côte : différence de coût par commercial et au total (B − A)."""

    a: ResultatPlan
    b: ResultatPlan
    differences: tuple[Decimal, ...]
    difference_totale: Decimal


def comparer_plans(
    plan_a: PlanRemuneration, plan_b: PlanRemuneration, equipe: Sequence[ChiffresCommercial]
) -> ComparaisonPlans:
    """Rejoue les deux plans sur la même équipe ; différence de coût = coût B − coût A."""
    a, b = appliquer_plan(plan_a, equipe), appliquer_plan(plan_b, equipe)
    diffs = tuple(
        y.remuneration.cout_entreprise - x.remuneration.cout_entreprise
        for x, y in zip(a.lignes, b.lignes, strict=True)
    )
    return ComparaisonPlans(a, b, diffs, b.cout - a.cout)
