"""Rentabilité d'un investissement ou d'une action commerciale : VAN, TRI, délai, ROI (S532, S533).

    VAN = Σ F_k × (1 + i)^−k − investissement     (first flow at the END of year 1: k = 1)
    TRI = the rate at which VAN = 0
    Délai de récupération = time until the cumulated flows (discounted or not) repay the
        investment, interpolated linearly inside the year, in a 360-day year
        (years, months of 30 days, days; a fractional day is rounded up)
    ROI = (marge générée − coût de l'action) / coût de l'action

Each discounted flow is rounded half-up to the cent (as printed in the table), the VAN is the
sum of the rounded flows minus the investment.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs.finance._outils import (
    CENT,
    euros,
    facteur,
    lire_capital,
    lire_taux,
    nombre_fr,
    pourcent,
    puissance,
)
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, montant, quantite

__all__ = [
    "DelaiRecuperation",
    "EvaluationAction",
    "VAN",
    "delai_de_recuperation",
    "evaluer_action",
    "evaluer_action_planifiee",
    "marges_d_une_action",
    "roi",
    "tri",
    "van",
]


def _flux(flux: Sequence[Any]) -> list[Decimal]:
    if isinstance(flux, str) or not flux:
        raise SaisieInvalide("donnez au moins un flux annuel.", champ="Flux")
    if len(flux) > 50:
        raise SaisieInvalide("au plus 50 flux annuels.", champ="Flux")
    return [montant(f, f"Flux de l'année {k}", positif=False) for k, f in enumerate(flux, 1)]


@dataclass(frozen=True)
class VAN:
    """Net present value with its table (flow, discount factor, discounted flow, cumul)."""

    investissement: Decimal
    taux: Decimal
    flux: tuple[Decimal, ...]
    flux_actualises: tuple[Decimal, ...]
    cumul: tuple[Decimal, ...]
    valeur: Decimal
    etapes: tuple[str, ...]


def van(investissement: Any, flux: Sequence[Any], taux: Any) -> VAN:
    """VAN au taux ``taux`` (annuel, %), flows at the end of years 1, 2, …

    Exemple : 10 000 € investis, flux 4 000 / 4 000 / 4 000, 8 % →
    3 703,70 + 3 429,36 + 3 175,33 = 10 308,39 ; VAN = 308,39 €.
    """
    i0 = lire_capital(investissement, "Investissement")
    t = lire_taux(taux, "Taux d'actualisation")
    fl = _flux(flux)
    actualises = [arrondi_centime(f * puissance(facteur(t), -k)) for k, f in enumerate(fl, 1)]
    cumul, s = [], -i0
    for a in actualises:
        s += a
        cumul.append(s)
    valeur = s
    etapes = (
        "VAN = Σ flux × (1 + i)^−k − investissement ; "
        + " + ".join(f"{euros(f)} × {nombre_fr(facteur(t))}^−{k}" for k, f in enumerate(fl[:3], 1))
        + (" + …" if len(fl) > 3 else ""),
        f"Flux actualisés : {' + '.join(euros(a) for a in actualises)} = "
        f"{euros(sum(actualises, Decimal(0)))}",
        # one minus sign in a line that may show a negative VAN: babel's "-"
        f"VAN = {euros(sum(actualises, Decimal(0)))} - {euros(i0)} = {euros(valeur)} : "
        + (
            "l'investissement est rentable à ce taux."
            if valeur > 0
            else "l'investissement n'est pas rentable à ce taux."
            if valeur < 0
            else "le taux est exactement le TRI."
        ),
    )
    return VAN(i0, t, tuple(fl), tuple(actualises), tuple(cumul), valeur, etapes)


def _van_exacte(i0: Decimal, fl: list[Decimal], taux_pourcent: Decimal) -> Decimal:
    return (
        sum((f * puissance(facteur(taux_pourcent), -k) for k, f in enumerate(fl, 1)), Decimal(0))
        - i0
    )


def tri(investissement: Any, flux: Sequence[Any]) -> Decimal:
    """Taux interne de rentabilité en %, 6 decimals (bisection between 0 and 100 %).

    Exemple : 10 000 € puis 4 000 × 3 → 9,701 % (VAN(9,701 %) ≈ 0).
    """
    i0 = lire_capital(investissement, "Investissement")
    fl = _flux(flux)
    bas, haut = Decimal(0), Decimal(100)
    if _van_exacte(i0, fl, bas) < 0:
        raise SaisieInvalide(
            "les flux ne remboursent même pas l'investissement : il n'y a pas de TRI positif.",
            champ="Flux",
        )
    if _van_exacte(i0, fl, haut) > 0:
        raise SaisieInvalide("le TRI dépasse 100 % : vérifiez les flux.", champ="Flux")
    for _ in range(60):
        milieu = (bas + haut) / 2
        if _van_exacte(i0, fl, milieu) > 0:
            bas = milieu
        else:
            haut = milieu
    return arrondi((bas + haut) / 2, 6)


@dataclass(frozen=True)
class DelaiRecuperation:
    """Payback period; ``recupere`` False when the flows never repay the investment."""

    recupere: bool
    annees: int
    mois: int
    jours: int
    jours_total: int
    actualise: bool
    cumul: tuple[Decimal, ...]
    libelle: str
    etapes: tuple[str, ...]


def _libelle_delai(annees: int, mois: int, jours: int) -> str:
    morceaux = []
    if annees:
        morceaux.append(f"{annees} an{'s' if annees > 1 else ''}")
    if mois:
        morceaux.append(f"{mois} mois")
    if jours:
        morceaux.append(f"{jours} jour{'s' if jours > 1 else ''}")
    if not morceaux:
        return "immédiat"
    return " ".join(morceaux[:-1]) + (" et " if len(morceaux) > 1 else "") + morceaux[-1]


def delai_de_recuperation(
    investissement: Any, flux: Sequence[Any], taux: Any = None
) -> DelaiRecuperation:
    """Délai de récupération (actualisé when ``taux`` is given), in years, months, days.

    Exemple : 10 000 € ; flux 3 000, 4 000, 5 000 → cumul 3 000, 7 000, 12 000 ; il manque
    3 000 sur 5 000 la 3e année = 0,6 an = 216 jours → 2 ans 7 mois et 6 jours.
    """
    i0 = lire_capital(investissement, "Investissement")
    fl = _flux(flux)
    actualise = taux is not None and str(taux).strip() != ""
    if actualise:
        fl = list(van(i0, fl, taux).flux_actualises)
    cumul, s = [], Decimal(0)
    for f in fl:
        s += f
        cumul.append(s)
    etapes = [
        ("Flux actualisés cumulés : " if actualise else "Flux cumulés : ")
        + " ; ".join(f"année {k} {euros(c)}" for k, c in enumerate(cumul, 1))
    ]
    precedent = Decimal(0)
    for k, (f, c) in enumerate(zip(fl, cumul, strict=True), 1):
        if c >= i0 and f > 0:
            fraction = (i0 - precedent) / f
            jours_annee = math.ceil(fraction * 360)
            total = (k - 1) * 360 + jours_annee
            annees, reste = divmod(total, 360)
            mois, jours = divmod(reste, 30)
            libelle = _libelle_delai(annees, mois, jours)
            etapes.append(
                f"L'investissement ({euros(i0)}) est récupéré pendant l'année {k} : il manque "
                f"{euros(i0 - precedent)} sur {euros(f)}, soit {nombre_fr(arrondi(fraction, 4))}"
                f" an × 360 = {jours_annee} jours → {libelle}"
            )
            return DelaiRecuperation(
                True, annees, mois, jours, total, actualise, tuple(cumul), libelle, tuple(etapes)
            )
        precedent = c
    etapes.append("Les flux cumulés ne remboursent pas l'investissement sur la période.")
    return DelaiRecuperation(
        False, 0, 0, 0, 0, actualise, tuple(cumul), "non récupéré", tuple(etapes)
    )


def roi(gain: Any, cout: Any) -> Decimal:
    """ROI en % = (marge générée − coût) / coût × 100, à 0,01 %.

    Exemple : une action de 4 000 € qui génère 10 000 € de marge → (10 000 − 4 000) / 4 000
    = 150 %.
    """
    g = montant(gain, "Marge générée", positif=False)
    c = lire_capital(cout, "Coût de l'action")
    return arrondi((g - c) / c * CENT, 2)


@dataclass(frozen=True)
class EvaluationAction:
    """A commercial action judged on its budget: VAN, payback, ROI and a French verdict."""

    cout: Decimal
    marges: tuple[Decimal, ...]
    van: VAN
    delai: DelaiRecuperation
    roi: Decimal
    avis: str


def evaluer_action(cout: Any, marges: Sequence[Any], taux: Any = "8 %") -> EvaluationAction:
    """VAN, délai de récupération actualisé and ROI of a commercial action from its budget.

    ``marges``: the margin the action brings each year (year 1 first).
    """
    v = van(cout, marges, taux)
    delai = delai_de_recuperation(cout, marges, taux)
    r = roi(sum(v.flux, Decimal(0)), v.investissement)
    if v.valeur > 0:
        avis = (
            f"L'action est rentable : VAN {euros(v.valeur)} au taux de {pourcent(v.taux)}, "
            f"budget récupéré en {delai.libelle}, ROI {pourcent(r)}."
        )
    else:
        avis = (
            f"L'action n'est pas rentable au taux de {pourcent(v.taux)} (VAN {euros(v.valeur)}) "
            f"; ROI {pourcent(r)} : revoir le budget ou les objectifs."
        )
    return EvaluationAction(v.investissement, v.flux, v, delai, r, avis)


def marges_d_une_action(ca_attendu: Any, taux_mcv: Any, annees: Any = 1) -> list[Decimal]:
    """Margin brought each year by a planned action: CA attendu × taux de MCV, ``annees`` times.

    Link with the plan d'action (:class:`widgets.calculs.plan_action.Action`): its
    ``ca_attendu`` and ``budget`` give the flows and the investment of :func:`evaluer_action`.
    Exemple : 20 000 € de CA attendu à 30 % de MCV → 6 000 € de marge par an.
    """
    ca = montant(ca_attendu, "CA attendu")
    t = lire_taux(taux_mcv, "Taux de MCV")
    n = quantite(annees, "Nombre d'années d'effet")
    return [arrondi_centime(ca * t / CENT)] * n


def evaluer_action_planifiee(action: Any, taux_mcv: Any, annees: Any = 1, taux: Any = "8 %"):
    """:func:`evaluer_action` of a plan d'action's action (budget, CA attendu)."""
    return evaluer_action(
        action.budget, marges_d_une_action(action.ca_attendu, taux_mcv, annees), taux
    )
