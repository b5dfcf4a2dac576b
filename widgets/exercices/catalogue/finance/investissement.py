"""Rentabilité d'une action commerciale (S532, S533) : VAN, délai de récupération, ROI.

The action's budget is the investment and the margins it brings are the flows (the link with
the plan d'action). Traps: first flow not discounted, payback without interpolation, ROI on the
gain instead of the net gain.
"""

from __future__ import annotations

import random
from decimal import Decimal

from widgets.calculs import arrondi, arrondi_centime, format_euros, format_nombre, format_pourcent
from widgets.calculs.finance import delai_de_recuperation, roi, van
from widgets.exercices import ControleNombre, Piege, Variante, exercice, tirer_decimal
from widgets.exercices.catalogue.finance import piege_finance

ACTIONS = (
    "un salon professionnel régional",
    "une campagne de phoning auprès des prospects",
    "une opération de parrainage",
    "un programme de fidélité",
    "l'équipement des commerciaux en tablettes",
)


def _marges(alea: random.Random, budget: Decimal, annees: int) -> list[Decimal]:
    return [
        arrondi(budget * tirer_decimal(alea, 25, 60, 1, 2) / 100, 0) * 100 for _ in range(annees)
    ]


# discount factors read in a financial table (4 or 5 decimals) or rounded on the calculator
DECIMALES_MINI_FACTEUR = 4


def tolerance_van(marges: list[Decimal]) -> Decimal:
    """The VAN tolerance that accepts every flow computed from a discount factor rounded to
    4 decimals or more, as corrigés do: each factor is then off by at most 0,00005 (so the flow
    by ``marge × 0,00005``) and each discounted flow is rounded to the cent (± 0,005 €).

    ``[4 000, 4 000, 4 000]`` → 3 × 0,20 + 3 × 0,005 = 0,615, rounded up to the cent: 0,62 €.
    """
    demi_pas = Decimal(5) / Decimal(10) ** (DECIMALES_MINI_FACTEUR + 1)
    borne = sum((abs(m) * demi_pas + Decimal("0.005") for m in marges), Decimal(0))
    return max(Decimal("0.05"), -arrondi(-borne, 2) if borne != arrondi(borne, 2) else borne)


def controle_van(budget: Decimal, marges: list[Decimal], t: Decimal) -> ControleNombre:
    """The checker of a VAN: exact value, tolerance of :func:`tolerance_van`, the first-flow
    trap."""
    return ControleNombre(
        van(budget, marges, t).valeur,
        libelle="VAN",
        unite="€",
        tolerance=tolerance_van(marges),
        pieges=(piege_finance("van_premier_flux_non_actualise", budget, marges, t),),
    )


@exercice("van-action-1", "VAN d'une action commerciale", savoirs=["S532", "S533"])
def van_action_1(alea: random.Random) -> Variante:
    budget = tirer_decimal(alea, 50, 300, 5) * 100
    annees = alea.choice((3, 4))
    marges = _marges(alea, budget, annees)
    t = alea.choice((Decimal(6), Decimal(8), Decimal(10)))
    v = van(budget, marges, t)
    action = alea.choice(ACTIONS)
    return Variante(
        enonce=f"Action envisagée : {action}, pour un budget de **{format_euros(budget)}** "
        "dépensé aujourd'hui. Elle devrait apporter une marge supplémentaire de "
        + ", ".join(format_euros(m) for m in marges)
        + f" à la fin des années 1 à {annees}. Calculez la VAN au taux de "
        f"**{format_pourcent(t)}**.",
        controle=controle_van(budget, marges, t),
        indices=(
            "Chaque marge de l'année k s'actualise : marge × (1 + t)^−k (k = 1 pour la première).",
            "VAN = somme des marges actualisées − budget.",
            "Coefficients d'actualisation lus dans la table financière ou arrondis à "
            "4 décimales au moins : les deux sont acceptés.",
        ),
        solution="\n".join(f"- {e}" for e in v.etapes) + f"\n\nVAN = **{format_euros(v.valeur)}**.",
        parametres={"budget": budget, "marges": marges, "taux": t},
    )


@exercice("delai-recuperation-1", "Délai de récupération d'une action", savoirs=["S532", "S533"])
def delai_recuperation_1(alea: random.Random) -> Variante:
    budget = tirer_decimal(alea, 50, 300, 5) * 100
    marges = _marges(alea, budget, 4)
    d = delai_de_recuperation(budget, marges)
    while not d.recupere or d.annees == 0:
        marges = _marges(alea, budget, 4)
        d = delai_de_recuperation(budget, marges)
    en_jours = Decimal(d.jours_total)
    fin_annee = Decimal((d.annees + 1) * 360)
    return Variante(
        enonce=f"Une action commerciale coûte **{format_euros(budget)}**. Les marges qu'elle "
        "apporte chaque année (encaissées régulièrement) sont : "
        + ", ".join(format_euros(m) for m in marges)
        + ". Calculez le délai de récupération (non actualisé), **en jours** (année de 360 "
        "jours).",
        controle=ControleNombre(
            en_jours,
            libelle="Délai de récupération (jours)",
            unite="",
            tolerance=Decimal(1),
            pieges=(
                Piege(
                    "sans_interpolation",
                    fin_annee,
                    "Le budget est récupéré AU COURS de l'année : interpolez (ce qui manque / "
                    "marge de l'année × 360 jours) au lieu de compter l'année entière.",
                ),
            ),
        ),
        indices=(
            "Cumulez les marges année après année jusqu'à dépasser le budget.",
            "Dans l'année du dépassement : ce qui manque / marge de l'année × 360 jours.",
        ),
        solution="\n".join(f"- {e}" for e in d.etapes)
        + f"\n\nDélai : **{format_nombre(d.jours_total)} jours**, soit {d.libelle}.",
        parametres={"budget": budget, "marges": marges},
    )


@exercice("roi-action-1", "ROI d'une action commerciale", savoirs=["S532", "S533"])
def roi_action_1(alea: random.Random) -> Variante:
    cout = tirer_decimal(alea, 20, 150, 5) * 100
    ca = cout * tirer_decimal(alea, 30, 90, 5, 1)
    t = tirer_decimal(alea, 20, 45, 1)
    marge = arrondi_centime(ca * t / 100)
    attendu = roi(marge, cout)
    return Variante(
        enonce=f"Une opération promotionnelle a coûté **{format_euros(cout)}** et a généré "
        f"**{format_euros(ca)}** de CA HT supplémentaire, avec un taux de marge sur coût "
        f"variable de **{format_pourcent(t)}**. Calculez le ROI de l'opération (en %).",
        controle=ControleNombre(
            attendu,
            libelle="ROI",
            unite="%",
            pieges=(
                Piege(
                    "roi_sur_le_ca",
                    roi(ca, cout),
                    "Le ROI se calcule sur la MARGE générée (CA × taux de MCV), pas sur le CA.",
                ),
                Piege(
                    "roi_sans_deduire_le_cout",
                    arrondi(marge / cout * 100, 2),
                    "C'est marge / coût ; le ROI rapporte le gain NET au coût : "
                    "(marge − coût) / coût.",
                ),
            ),
        ),
        indices=(
            "Marge générée = CA supplémentaire × taux de MCV.",
            "ROI = (marge générée − coût) / coût × 100.",
        ),
        solution=f"Marge = {format_euros(ca)} × {format_pourcent(t)} = {format_euros(marge)} ; "
        f"ROI = ({format_euros(marge)} - {format_euros(cout)}) / {format_euros(cout)} = "
        f"**{format_pourcent(attendu)}**.",
        parametres={"cout": cout, "ca": ca, "taux_mcv": t},
    )
