"""Budgets commerciaux : budget des ventes (mois × secteur), budget de la force de vente, écarts
(S534 budgets et écarts).

Pure. The monthly forecast of each sector is an INPUT (a series of 12 amounts): the least
squares + seasonal forecast of each sector (:func:`widgets.donnees.equipe.previsions_par_secteur`)
or, for a sector without two years of history, last year's monthly CA × (1 + growth rate)
(:func:`prevision_par_croissance`).

Écarts : réalisé − budgété (au centime) ; en % du budget (au centième) ; favorable when the CA
is above budget, or when a cost is below budget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from widgets.calculs.arrondis import CENT as CENT_POUR_CENT
from widgets.calculs.arrondis import arrondi, arrondi_centime
from widgets.calculs.format import MOIS
from widgets.calculs.plan_action import Ecart, ecart
from widgets.calculs.saisie import SaisieInvalide, montant, nombre


def prevision_par_croissance(ca_mensuel_n_1: Sequence[object], taux_croissance: object) -> list:
    """Prévision simple : CA de chaque mois de l'an dernier × (1 + taux de croissance en %),
    au centime. Le taux peut être négatif (« -3 » : baisse de 3 %).

    Exemple : 10 000 € en janvier, croissance 4 % → 10 400,00 €.
    """
    if isinstance(taux_croissance, str):  # a signed rate: "-2,5 %" (saisie.taux refuses < 0)
        taux_croissance = taux_croissance.strip().removesuffix("%")
    g = nombre(taux_croissance, "Taux de croissance")
    if g <= -100:
        raise SaisieInvalide("une baisse de 100 % ou plus ne laisse aucune vente.", champ="Taux")
    lus = _douze(ca_mensuel_n_1, "CA de l'an dernier")
    return [arrondi_centime(x * (1 + g / CENT_POUR_CENT)) for x in lus]


def _douze(valeurs: Sequence[object], champ: str) -> list[Decimal]:
    if len(valeurs) != 12:
        raise SaisieInvalide(f"il faut 12 montants (un par mois), pas {len(valeurs)}.", champ=champ)
    return [montant(v, f"{champ} ({MOIS[i]})") for i, v in enumerate(valeurs)]


@dataclass(frozen=True)
class BudgetVentes:
    """Budget des ventes : 12 montants par secteur, totaux par mois, par secteur et général."""

    secteurs: tuple[str, ...]
    montants: Mapping[str, tuple[Decimal, ...]]
    total_par_mois: tuple[Decimal, ...]
    total_par_secteur: Mapping[str, Decimal]
    total: Decimal


def budget_des_ventes(previsions: Mapping[str, Sequence[object]]) -> BudgetVentes:
    """Range les prévisions mensuelles (arrondies au centime) de chaque secteur en un budget."""
    if not previsions:
        raise SaisieInvalide("indiquez la prévision d'au moins un secteur.", champ="Secteurs")
    montants = {
        s: tuple(arrondi_centime(x) for x in _douze(v, f"Prévision {s}"))
        for s, v in previsions.items()
    }
    par_mois = tuple(sum((m[i] for m in montants.values()), Decimal(0)) for i in range(12))
    par_secteur = {s: sum(m, Decimal(0)) for s, m in montants.items()}
    return BudgetVentes(tuple(montants), montants, par_mois, par_secteur, sum(par_mois, Decimal(0)))


@dataclass(frozen=True)
class LigneBudgetForce:
    """Une ligne du budget de la force de vente (un commercial)."""

    nom: str
    remuneration_chargee: Decimal
    frais_deplacement: Decimal
    autres_frais: Decimal
    total: Decimal


@dataclass(frozen=True)
class BudgetForceDeVente:
    """Budget de la force de vente et son poids dans le budget des ventes."""

    lignes: tuple[LigneBudgetForce, ...]
    remunerations: Decimal
    frais: Decimal
    total: Decimal
    ca_budgete: Decimal
    pct_ca: Decimal | None


def budget_force_de_vente(
    commerciaux: Sequence[tuple[str, object, object]],
    ca_budgete: object,
    *,
    cout_kilometrique: object = "0.60",
    autres_frais_par_commercial: object = 0,
) -> BudgetForceDeVente:
    """Σ (rémunération chargée + km × coût kilométrique + autres frais), et % du CA budgété.

    ``commerciaux`` : une suite de ``(nom, coût chargé annuel, km annuels)``. Chaque poste est
    arrondi au centime. Exemple : 43 500 € chargés, 30 000 km à 0,60 € = 18 000 €, autres frais
    2 400 € → 63 900 € ; pour 1 200 000 € de CA budgété : 5,33 %.
    """
    ck = montant(cout_kilometrique, "Coût kilométrique")
    autres = montant(autres_frais_par_commercial, "Autres frais par commercial")
    ca = montant(ca_budgete, "CA budgété")
    lignes = []
    for nom, cout, km in commerciaux:
        r = arrondi_centime(montant(cout, f"Rémunération chargée de {nom}"))
        d = arrondi_centime(nombre(km, f"Kilomètres de {nom}", positif=True) * ck)
        lignes.append(LigneBudgetForce(nom, r, d, autres, r + d + autres))
    rem = sum((x.remuneration_chargee for x in lignes), Decimal(0))
    frais = sum((x.frais_deplacement + x.autres_frais for x in lignes), Decimal(0))
    total = rem + frais
    pct = arrondi(total * CENT_POUR_CENT / ca, 2) if ca else None
    return BudgetForceDeVente(tuple(lignes), rem, frais, total, ca, pct)


@dataclass(frozen=True)
class EcartsBudget:
    """Écarts réalisé − budget : par secteur (sur l'année), par mois (tous secteurs), total."""

    par_secteur: tuple[Ecart, ...]
    par_mois: tuple[Ecart, ...]
    total: Ecart


def ecarts_sur_budget(
    budget: BudgetVentes, realise: Mapping[str, Sequence[object]]
) -> EcartsBudget:
    """Compare le réalisé mensuel de chaque secteur au budget (CA : dépasser est favorable)."""
    manquants = [s for s in budget.secteurs if s not in realise]
    if manquants:
        raise SaisieInvalide(f"pas de réalisé pour le secteur {manquants[0]}.", champ="Réalisé")
    reel = {s: _douze(realise[s], f"Réalisé {s}") for s in budget.secteurs}
    par_secteur = tuple(
        ecart(s, budget.total_par_secteur[s], sum(reel[s], Decimal(0))) for s in budget.secteurs
    )
    par_mois = tuple(
        ecart(
            MOIS[i],
            budget.total_par_mois[i],
            sum((reel[s][i] for s in budget.secteurs), Decimal(0)),
        )
        for i in range(12)
    )
    total = ecart(
        "Total", budget.total, sum((sum(v, Decimal(0)) for v in reel.values()), Decimal(0))
    )
    return EcartsBudget(par_secteur, par_mois, total)
