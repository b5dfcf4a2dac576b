"""Plans d'amortissement (S531 : principes de l'amortissement) : linéaire avec prorata temporis,
dégressif avec bascule.

Table exercises with carry-forward: each annuity is judged from the student's own previous
VNC (or number of days). Traps: prorata forgotten, prorata in days for the dégressif.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from widgets.calculs import arrondi, arrondi_centime, format_euros, format_pourcent
from widgets.calculs.finance import amortissement, jours_30_360
from widgets.exercices import (
    Cellule,
    ControleNombre,
    ControleTableau,
    Piege,
    Variante,
    exercice,
    tirer_decimal,
)
from widgets.exercices.catalogue.finance import piege_finance
from widgets.exercices.controles import formater

BIENS = (
    "une camionnette de livraison",
    "un présentoir réfrigéré",
    "un stand de salon",
    "des tablettes destinées aux commerciaux",
    "un logiciel de gestion de la relation client",
)


def _tableau_md(plan) -> str:
    entete = (
        "| Exercice | Base | Taux | Annuité | Cumul | VNC fin |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
    )
    return entete + "\n".join(
        f"| {x.exercice} | {format_euros(x.base)} | {formater(x.taux, '%')} | "
        f"{format_euros(x.annuite)} | {format_euros(x.cumul)} | {format_euros(x.vnc)} |"
        for x in plan.lignes
    )


@exercice(
    "amortissement-lineaire-1", "Plan d'amortissement linéaire (prorata temporis)", savoirs=["S531"]
)
def amortissement_lineaire_1(alea: random.Random) -> Variante:
    valeur = tirer_decimal(alea, 3000, 30000, 100)
    duree = alea.choice((4, 5, 8, 10))
    mise = date(2025, alea.randrange(2, 12), alea.randrange(2, 29))
    fin = date(2025, 12, 31)
    plan = amortissement(valeur, duree, "lineaire", mise, fin)
    jours = jours_30_360(mise, fin)
    l1, l2 = plan.lignes[:2]
    sans_prorata = piege_finance("prorata_oublie", valeur, duree, "lineaire", mise, fin)
    jours_civils = Decimal((fin - mise).days + 1)
    cellules = (
        Cellule(
            "jours",
            "Nombre de jours d'utilisation en 2025 (année de 360 jours)",
            Decimal(jours),
            unite="",
            pieges=(
                Piege(
                    "jours_civils",
                    jours_civils,
                    "Ce sont des jours civils ; en comptabilité, on compte des mois de "
                    "30 jours (année de 360 jours), date de mise en service incluse.",
                ),
            ),
        ),
        Cellule(
            "annuite_1",
            "Annuité 2025",
            l1.annuite,
            lambda valeur, jours: arrondi_centime(valeur * jours / (duree * 360)),
            pieges=(sans_prorata,),
        ),
        Cellule("vnc_1", "VNC fin 2025", l1.vnc, lambda valeur, annuite_1: valeur - annuite_1),
        Cellule(
            "annuite_2", "Annuité 2026", l2.annuite, lambda valeur: arrondi_centime(valeur / duree)
        ),
        Cellule("vnc_2", "VNC fin 2026", l2.vnc, lambda vnc_1, annuite_2: vnc_1 - annuite_2),
        Cellule(
            "derniere",
            f"Dernière annuité ({plan.lignes[-1].exercice})",
            plan.lignes[-1].annuite,
            lambda annuite_1, valeur: arrondi_centime(valeur / duree) - annuite_1,
        ),
    )
    bien = alea.choice(BIENS)
    return Variante(
        enonce=f"L'entreprise acquiert {bien} pour **{format_euros(valeur)}** HT. Mise en "
        f"service : le **{mise:%d/%m/%Y}** ; amortissement linéaire sur **{duree} ans** ; "
        "exercice clos le 31 décembre. Remplissez le début du plan et la dernière annuité.",
        controle=ControleTableau(cellules, donnees={"valeur": valeur}),
        indices=(
            "Prorata temporis : jours de la mise en service au 31/12 inclus, mois de 30 jours.",
            f"Annuité pleine = {format_euros(valeur)} / {duree}.",
            "La dernière annuité (année n + 1) complète la première : annuité pleine − première.",
        ),
        solution="\n".join(f"- {e}" for e in plan.etapes) + "\n\n" + _tableau_md(plan),
        parametres={"valeur": valeur, "duree": duree, "mise_en_service": mise.isoformat()},
    )


@exercice("amortissement-degressif-1", "Plan d'amortissement dégressif", savoirs=["S531"])
def amortissement_degressif_1(alea: random.Random) -> Variante:
    valeur = tirer_decimal(alea, 5000, 40000, 100)
    duree = alea.choice((4, 5, 6))
    mois = alea.randrange(1, 13)
    mise = date(2025, mois, alea.randrange(1, 29))
    plan = amortissement(valeur, duree, "degressif", mise, date(2025, 12, 31))
    l1, l2 = plan.lignes[:2]
    n_mois = 13 - mois
    td = plan.taux
    lineaire_restant = format_pourcent(Decimal(100) / (duree - 1))
    prorata_jours = arrondi_centime(
        valeur * td / 100 * jours_30_360(mise, date(2025, 12, 31)) / 360
    )
    cellules = (
        Cellule("taux", "Taux dégressif", td, unite="%", tolerance=Decimal("0.01")),
        Cellule(
            "annuite_1",
            "Annuité 2025",
            l1.annuite,
            lambda valeur, taux: arrondi_centime(valeur * taux / 100 * n_mois / 12),
            pieges=(
                Piege(
                    "prorata_en_jours",
                    prorata_jours,
                    "En dégressif, le prorata se compte en MOIS entiers, à partir du "
                    "premier jour du mois d'acquisition (pas en jours).",
                ),
            ),
        ),
        Cellule("vnc_1", "VNC fin 2025", l1.vnc, lambda valeur, annuite_1: valeur - annuite_1),
        Cellule(
            "annuite_2",
            "Annuité 2026",
            l2.annuite,
            # the switch to linear: whichever is higher (VNC × taux or VNC / years left)
            lambda vnc_1, taux: max(
                arrondi_centime(vnc_1 * taux / 100), arrondi_centime(vnc_1 / (duree - 1))
            ),
            pieges=(
                Piege(
                    "passage_au_lineaire_oublie",
                    arrondi_centime(l1.vnc * td / 100),
                    f"Passage au linéaire oublié : dès que le taux linéaire sur les années "
                    f"restantes (100 % / {duree - 1} = {lineaire_restant}) est au moins "
                    f"égal au taux dégressif ({format_pourcent(td)}), l'annuité "
                    f"est VNC / années restantes.",
                ),
            ),
        ),
        Cellule("vnc_2", "VNC fin 2026", l2.vnc, lambda vnc_1, annuite_2: vnc_1 - annuite_2),
    )
    return Variante(
        enonce=f"Un bien de **{format_euros(valeur)}** HT, acquis et mis en service le "
        f"**{mise:%d/%m/%Y}**, est amorti en **dégressif** sur **{duree} ans** (exercice clos "
        "le 31 décembre). Donnez le taux dégressif (en %, au centième près) puis les deux "
        "premières lignes du plan.",
        controle=ControleTableau(cellules, donnees={"valeur": valeur}),
        indices=(
            "Taux dégressif = taux linéaire × coefficient : 1,25 (3–4 ans), 1,75 (5–6 ans), "
            "2,25 (plus de 6 ans).",
            "Première année : prorata en mois, du 1er du mois d'acquisition au 31/12.",
            "Les années suivantes : VNC de début × taux dégressif, jusqu'à ce que le taux "
            "linéaire sur les années restantes soit au moins égal au taux dégressif : on passe "
            "alors au linéaire (VNC / années restantes). Sur 4 ans (taux dégressif 31,25 %), "
            "c'est dès la 2e année : 100 % / 3 = 33,33 % > 31,25 %.",
        ),
        solution="\n".join(f"- {e}" for e in plan.etapes) + "\n\n" + _tableau_md(plan),
        parametres={
            "valeur": valeur,
            "duree": duree,
            "mise_en_service": mise.isoformat(),
            "taux_lineaire": arrondi(Decimal(100) / duree, 2),
        },
    )


@exercice("vnc-lineaire-1", "Valeur nette comptable après deux exercices", savoirs=["S531"])
def vnc_lineaire_1(alea: random.Random) -> Variante:
    valeur = tirer_decimal(alea, 2000, 25000, 100)
    duree = alea.choice((3, 4, 5, 8, 10))
    mise = date(2024, alea.randrange(2, 12), alea.randrange(2, 29))
    plan = amortissement(valeur, duree, "lineaire", mise, date(2024, 12, 31))
    vnc = plan.lignes[1].vnc
    sans_prorata = valeur - 2 * arrondi_centime(valeur / duree)
    bien = alea.choice(BIENS)
    return Variante(
        enonce=f"L'entreprise a acquis {bien} pour **{format_euros(valeur)}** HT. Mise en "
        f"service : le **{mise:%d/%m/%Y}** ; amortissement linéaire sur **{duree} ans** ; "
        "exercices clos le 31 décembre. Quelle est la valeur nette comptable au 31/12/2025, "
        "après deux exercices (2024 et 2025) ?",
        controle=ControleNombre(
            vnc,
            libelle="VNC au 31/12/2025",
            unite="€",
            pieges=(
                Piege(
                    "prorata_oublie",
                    sans_prorata,
                    "Deux annuités pleines ont été retranchées : en 2024, le bien n'a servi "
                    "qu'une partie de l'exercice (prorata temporis).",
                ),
            ),
        ),
        indices=(
            "Annuité 2024 = valeur / durée × jours / 360 (mois de 30 jours).",
            "VNC = valeur − cumul des amortissements (2024 et 2025).",
        ),
        solution="\n".join(f"- {e}" for e in plan.etapes[:2])
        + f"\n\nVNC au 31/12/2025 = {format_euros(valeur)} − "
        f"{format_euros(plan.lignes[1].cumul)} = **{format_euros(vnc)}**.",
        parametres={"valeur": valeur, "duree": duree, "mise_en_service": mise.isoformat()},
    )
