"""Seuil de rentabilité et point mort (S531) : SR, date du point mort, ventes saisonnières.

Accepts every correct method: a SR computed from a taux de MCV rounded to 0,01 % is right
(the tolerance covers the gap to the exact figure). Traps: taux de marque or taux de marge
used instead of the taux de MCV, 365-day year.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal

from widgets.calculs import arrondi, arrondi_centime, format_euros, format_nombre, format_pourcent
from widgets.calculs.finance import seuil_de_rentabilite
from widgets.exercices import ControleNombre, Piege, Variante, exercice, tirer_decimal
from widgets.exercices.catalogue.finance import piege_finance

COMMERCES = (
    "d'une jardinerie",
    "d'un magasin de cycles",
    "d'une boutique de souvenirs",
    "d'un grossiste en fournitures de bureau",
    "d'une cave à vins",
)
MOIS_COURTS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def _tolerance_taux_arrondi(cf: Decimal, ca: Decimal, mcv: Decimal, exact: Decimal) -> Decimal:
    """Gap between the SR from a taux de MCV rounded to 0,01 % and the exact SR, + 1 cent."""
    taux_arrondi = arrondi(mcv / ca * 100, 2)
    return abs(arrondi_centime(cf / (taux_arrondi / 100)) - exact) + Decimal("0.01")


@exercice("seuil-rentabilite-1", "Seuil de rentabilité d'un commerce", savoirs=["S531"])
def seuil_rentabilite_1(alea: random.Random) -> Variante:
    ca = tirer_decimal(alea, 300, 900, 10) * 1000
    camv = arrondi_centime(ca * tirer_decimal(alea, 45, 60, 1, 2))
    autres_cv = arrondi_centime(ca * tirer_decimal(alea, 5, 12, 1, 2))
    cf = tirer_decimal(alea, 60, 200, 5) * 1000
    cv = camv + autres_cv
    s = seuil_de_rentabilite(cf, chiffre_affaires=ca, charges_variables=cv)
    commerce = alea.choice(COMMERCES)
    return Variante(
        enonce=f"Le compte de résultat différentiel {commerce} indique : chiffre d'affaires HT "
        f"**{format_euros(ca)}**, coût d'achat des marchandises vendues **{format_euros(camv)}**, "
        f"autres charges variables **{format_euros(autres_cv)}**, charges fixes "
        f"**{format_euros(cf)}**. Calculez le seuil de rentabilité.",
        controle=ControleNombre(
            s.seuil,
            libelle="Seuil de rentabilité",
            unite="€",
            tolerance=_tolerance_taux_arrondi(cf, ca, s.mcv, s.seuil),
            pieges=(
                piege_finance("seuil_avec_taux_de_marque", cf, ca, camv),
                piege_finance("seuil_avec_taux_de_marge", cf, ca, camv),
            ),
        ),
        indices=(
            "Charges variables = coût d'achat des marchandises vendues + autres charges variables.",
            "MCV = CA − charges variables ; taux de MCV = MCV / CA.",
            "SR = charges fixes / taux de MCV.",
        ),
        solution="\n".join(f"- {e}" for e in s.etapes[:3])
        + f"\n\nSR = **{format_euros(s.seuil)}**.",
        parametres={"ca": ca, "camv": camv, "autres_cv": autres_cv, "cf": cf},
    )


@exercice("point-mort-1", "Date du point mort (ventes régulières)", savoirs=["S531"])
def point_mort_1(alea: random.Random) -> Variante:
    ca = tirer_decimal(alea, 200, 800, 10) * 1000
    t = tirer_decimal(alea, 25, 45, 1)
    cf = arrondi_centime(ca * t / 100 * tirer_decimal(alea, 40, 85, 1, 2))
    s = seuil_de_rentabilite(cf, t, chiffre_affaires=ca)
    jour = Decimal(s.point_mort.jour_de_l_annee)
    return Variante(
        enonce=f"Une entreprise réalise un CA de **{format_euros(ca)}**, réparti régulièrement "
        f"sur l'année, avec un taux de MCV de **{format_pourcent(t)}** et "
        f"**{format_euros(cf)}** de charges fixes. En quel jour de l'année commerciale "
        "(numéro du jour, de 1 à 360) le seuil de rentabilité est-il atteint ?",
        controle=ControleNombre(
            jour,
            libelle="Jour du point mort",
            unite="",
            tolerance=Decimal(1),
            pieges=(piege_finance("point_mort_annee_civile", cf, t, ca),),
        ),
        indices=(
            "SR = charges fixes / taux de MCV.",
            "Point mort = SR / CA × 360 jours (année commerciale de 12 mois de 30 jours).",
        ),
        solution="\n".join(f"- {e}" for e in s.etapes)
        + f"\n\nLe seuil est atteint le **{format_nombre(jour)}e jour**, soit le "
        f"**{s.point_mort.libelle}** (un jour d'écart est accepté selon l'arrondi).",
        parametres={"ca": ca, "taux_mcv": t, "cf": cf},
    )


SAISONS = (
    (4, 4, 6, 8, 10, 12, 16, 16, 8, 6, 4, 6),  # jardinerie, tourisme d'été
    (10, 6, 6, 7, 7, 7, 6, 5, 9, 9, 12, 16),  # cadeaux de fin d'année
    (6, 7, 9, 10, 10, 9, 7, 5, 9, 10, 9, 9),  # cycles
)


@exercice("point-mort-saisonnier-1", "Point mort avec des ventes saisonnières", savoirs=["S531"])
def point_mort_saisonnier_1(alea: random.Random) -> Variante:
    base = tirer_decimal(alea, 4, 12, 1) * 1000
    ventes = [base * p for p in alea.choice(SAISONS)]
    ca = sum(ventes)
    t = tirer_decimal(alea, 25, 40, 1)
    cf = arrondi_centime(ca * t / 100 * tirer_decimal(alea, 35, 80, 1, 2))
    s = seuil_de_rentabilite(cf, t, ventes_mensuelles=ventes)
    jour = Decimal(s.point_mort.jour_de_l_annee)
    regulier = Decimal(math.ceil(s.seuil * 360 / ca))  # one division, last
    tableau = "| Mois | " + " | ".join(MOIS_COURTS) + " |\n"
    tableau += "| --- " * 13 + "|\n"
    tableau += "| Ventes | " + " | ".join(format_nombre(v) for v in ventes) + " |"

    return Variante(
        enonce=f"Taux de MCV **{format_pourcent(t)}**, charges fixes **{format_euros(cf)}**. "
        "Les ventes HT de l'année sont saisonnières (en euros) :\n\n" + tableau + "\n\n"
        "En quel jour de l'année commerciale (1 à 360, mois de 30 jours) le seuil de "
        "rentabilité est-il atteint ?",
        controle=ControleNombre(
            jour,
            libelle="Jour du point mort",
            unite="",
            tolerance=Decimal(1),
            pieges=(
                Piege(
                    "ventes_supposees_regulieres",
                    regulier,
                    "C'est le point mort de ventes régulières (SR / CA × 360) ; ici les ventes "
                    "sont saisonnières : cumulez les ventes mois par mois.",
                ),
            ),
        ),
        indices=(
            "SR = charges fixes / taux de MCV.",
            "Cumulez les ventes mois par mois jusqu'à dépasser le SR.",
            "Dans le mois du dépassement : jours = (SR − cumul précédent) / ventes du mois × 30.",
        ),
        solution="\n".join(f"- {e}" for e in (s.etapes[0], s.etapes[-1]))
        + f"\n\nJour **{format_nombre(jour)}** : le **{s.point_mort.libelle}**.",
        parametres={"ventes": ventes, "taux_mcv": t, "cf": cf},
    )
