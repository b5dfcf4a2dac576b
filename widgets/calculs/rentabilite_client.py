"""Valeur, rentabilité et risque d'un client (savoir S521).

Compte d'exploitation client (each amount rounded to the cent, half-up, and the next step
computed from the rounded figure):

    Chiffre d'affaires HT (net de remises)
  − coût d'achat des produits vendus
  = marge brute
  − coût des visites          (nombre de visites × coût d'une visite)
  − coût du crédit accordé    (CA TTC × taux annuel × délai de paiement / 360 : the interest
                               on the invoices the company finances while it waits)
  − coût des retours          (given amount: returns are not recorded in the database)
  = contribution du client (marge nette commerciale)

Customer value: :func:`valeur_vie_client` (margin each year the client stays, discounted),
:func:`cout_acquisition` (prospecting spent / clients won) and :func:`retour_sur_investissement`.

Risk: :func:`risque_encours` compares the encours (invoiced TTC not yet paid) with the
plafond de crédit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs.arrondis import CENT, ZERO
from widgets.calculs.interets import interets_simples
from widgets.calculs.saisie import (
    SaisieInvalide,
    arrondi,
    arrondi_centime,
    montant,
    nombre,
    quantite,
    taux,
)

__all__ = [
    "CompteExploitationClient",
    "RisqueEncours",
    "ValeurVieClient",
    "compte_exploitation_client",
    "cout_acquisition",
    "retour_sur_investissement",
    "risque_encours",
    "valeur_vie_client",
]

UN = Decimal(1)


@dataclass(frozen=True)
class CompteExploitationClient:
    """The lines of a customer's P&L (amounts to the cent)."""

    chiffre_affaires_ht: Decimal
    cout_achat: Decimal
    marge_brute: Decimal
    cout_visites: Decimal
    cout_credit: Decimal
    cout_retours: Decimal
    contribution: Decimal
    taux_marge_brute: Decimal | None
    """Marge brute / CA HT, in % (hundredth)."""
    taux_contribution: Decimal | None
    """Contribution / CA HT, in % (hundredth)."""

    @property
    def rentable(self) -> bool:
        return self.contribution > 0


def compte_exploitation_client(
    chiffre_affaires_ht: Any,
    cout_achat: Any,
    *,
    visites: Any = 0,
    cout_visite: Any = 0,
    chiffre_affaires_ttc: Any = None,
    delai_paiement_jours: Any = 0,
    taux_financement: Any = 0,
    cout_retours: Any = 0,
) -> CompteExploitationClient:
    """The customer P&L. ``chiffre_affaires_ttc`` defaults to the HT one (no VAT given).

    Example: CA HT 50 000, coût d'achat 32 000 → marge brute 18 000 ; 12 visites × 85 =
    1 020 ; CA TTC 60 000 at 45 days and 6 % → 60 000 × 6 % × 45 / 360 = 450 ; retours 300 →
    contribution 18 000 − 1 020 − 450 − 300 = 16 230 (32,46 % of the CA).
    """
    ca = montant(chiffre_affaires_ht, "Chiffre d'affaires HT")
    achats = montant(cout_achat, "Coût d'achat des produits vendus")
    n = quantite(visites, "Nombre de visites", minimum=0)
    par_visite = montant(cout_visite, "Coût d'une visite")
    ttc = ca if chiffre_affaires_ttc is None else montant(chiffre_affaires_ttc, "CA TTC")
    retours = montant(cout_retours, "Coût des retours")
    marge = arrondi_centime(ca - achats)
    cout_visites = arrondi_centime(n * par_visite)
    credit = interets_simples(
        ttc, taux(taux_financement, "Taux de financement"), delai_paiement_jours
    )
    contribution = marge - cout_visites - credit - arrondi_centime(retours)
    return CompteExploitationClient(
        chiffre_affaires_ht=arrondi_centime(ca),
        cout_achat=arrondi_centime(achats),
        marge_brute=marge,
        cout_visites=cout_visites,
        cout_credit=credit,
        cout_retours=arrondi_centime(retours),
        contribution=contribution,
        taux_marge_brute=arrondi(marge / ca * CENT, 2) if ca else None,
        taux_contribution=arrondi(contribution / ca * CENT, 2) if ca else None,
    )


@dataclass(frozen=True)
class ValeurVieClient:
    """Customer lifetime value, year by year."""

    marges_actualisees: tuple[Decimal, ...]
    valeur: Decimal


def valeur_vie_client(
    marge_annuelle: Any,
    duree_annees: Any,
    taux_actualisation: Any = 0,
    taux_fidelite: Any = 100,
) -> ValeurVieClient:
    """Lifetime value: Σ over k = 1 … n of ``marge × f^(k−1) / (1 + i)^k``, each year's
    discounted margin rounded to the cent.

    ``taux_fidelite`` f (%) is the chance the client is still there the next year (100 %:
    certain); ``taux_actualisation`` i (%) discounts year k by (1 + i)^k (0: simply
    marge × durée). Example: 2 000 € a year for 3 years at 10 %, fidélité 100 % → 1 818,18 +
    1 652,89 + 1 502,63 = 4 973,70 €.
    """
    m = montant(marge_annuelle, "Marge annuelle", positif=False)
    n = quantite(duree_annees, "Durée de vie (années)")
    i = taux(taux_actualisation, "Taux d'actualisation", maxi=None) / CENT
    f = taux(taux_fidelite, "Taux de fidélité") / CENT
    annees = tuple(arrondi_centime(m * f ** (k - 1) / (UN + i) ** k) for k in range(1, n + 1))
    return ValeurVieClient(annees, sum(annees, ZERO))


def cout_acquisition(depenses: Any, nouveaux_clients: Any) -> Decimal:
    """Coût d'acquisition d'un client = dépenses de prospection / clients gagnés (au centime)."""
    d = montant(depenses, "Dépenses de prospection")
    n = quantite(nouveaux_clients, "Nouveaux clients")
    return arrondi_centime(d / n)


def retour_sur_investissement(gain: Any, cout: Any) -> Decimal:
    """ROI = (gain − coût) / coût × 100, in % rounded to the hundredth."""
    g = montant(gain, "Gain", positif=False)
    c = montant(cout, "Coût")
    if c == 0:
        raise SaisieInvalide("le coût est nul : le ROI n'a pas de sens.", champ="Coût")
    return arrondi((g - c) / c * CENT, 2)


@dataclass(frozen=True)
class RisqueEncours:
    """A client's encours against its credit limit."""

    encours: Decimal
    plafond: Decimal
    taux_utilisation: Decimal | None
    """Encours / plafond in % (hundredth); None without a limit."""
    depassement: Decimal
    """Amount above the limit (0 if within)."""
    alerte: str
    """``"dépassement"``, ``"vigilance"`` (≥ seuil_vigilance % of the limit) or ``""``."""


def risque_encours(encours: Any, plafond: Any, seuil_vigilance: Any = 80) -> RisqueEncours:
    """Compare the encours (TTC, unpaid) with the plafond de crédit.

    Example: encours 42 000, plafond 50 000 → 84 % used, vigilance (≥ 80 %); encours 55 000
    → 110 %, dépassement 5 000.
    """
    e = montant(encours, "Encours", positif=False)
    p = montant(plafond, "Plafond de crédit")
    s = taux(seuil_vigilance, "Seuil de vigilance")
    utilisation = arrondi(e / p * CENT, 2) if p else None
    depassement = arrondi_centime(max(e - p, ZERO))
    if e > p:
        alerte = "dépassement"
    elif p and e * CENT >= s * p:
        alerte = "vigilance"
    else:
        alerte = ""
    return RisqueEncours(arrondi_centime(e), arrondi_centime(p), utilisation, depassement, alerte)


def delai_moyen(jours: Sequence[Any]) -> Decimal:
    """Mean of day counts (e.g. days late), to the hundredth."""
    lus = [nombre(j, "Jours") for j in jours]
    if not lus:
        return ZERO
    return arrondi(sum(lus, ZERO) / len(lus), 2)
