"""Financement (S512) : taux équivalent, mensualité, tableau d'emprunt, choix d'un financement.

Every expected figure comes from :mod:`widgets.calculs.finance`; the traps (proportional rate
instead of equivalent, annual rate for a monthly payment) from
:mod:`widgets.calculs.finance.pieges`.
"""

from __future__ import annotations

import random
from decimal import Decimal

from widgets.calculs import arrondi_centime, format_euros, format_pourcent
from widgets.calculs.finance import (
    annuite,
    comparer_financements,
    tableau_emprunt,
    taux_equivalent,
    taux_proportionnel,
)
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

BIENS = (
    "un véhicule utilitaire",
    "un camion frigorifique",
    "un stand d'exposition démontable",
    "une flotte de tablettes pour les commerciaux",
    "un logiciel de CRM",
)


@exercice("taux-equivalent-1", "Taux mensuel équivalent", savoirs=["S512"])
def taux_equivalent_1(alea: random.Random) -> Variante:
    annuel = tirer_decimal(alea, 30, 90, 5, 1)  # 3,0 % … 9,0 %
    p = alea.choice((12, 4))
    periode = "mensuel" if p == 12 else "trimestriel"
    attendu = taux_equivalent(annuel, p)
    return Variante(
        enonce=f"Une banque annonce un taux annuel de **{format_pourcent(annuel)}**. Calculez le "
        f"taux **{periode} équivalent** (en %, à 0,0001 % près).",
        controle=ControleNombre(
            attendu,
            libelle=f"Taux {periode} équivalent",
            unite="%",
            # « à 0,0001 % près »: shown with 4 decimals, a rate typed so is right
            tolerance=Decimal("0.0001"),
            decimales=4,
            pieges=(piege_finance("taux_proportionnel_au_lieu_d_equivalent", annuel, p),),
        ),
        indices=(
            "Deux taux sont équivalents s'ils donnent la même valeur acquise au bout d'un an.",
            f"(1 + i_p)^{p} = 1 + i_annuel, donc i_p = (1 + i_annuel)^(1/{p}) − 1.",
        ),
        solution=f"i = (1 + {format_pourcent(annuel)})^(1/{p}) − 1 = "
        f"**{format_pourcent(attendu, 6)}**"
        f" (le taux proportionnel, {format_pourcent(annuel / p, 6)}, donnerait un peu plus "
        "sur un an).",
        parametres={"taux_annuel": annuel, "periodes_par_an": p},
    )


@exercice("mensualite-1", "Mensualité d'un emprunt", savoirs=["S512"])
def mensualite_1(alea: random.Random) -> Variante:
    capital = tirer_decimal(alea, 8000, 60000, 500)
    annuel = tirer_decimal(alea, 24, 84, 6, 1)  # 2,4 % … 8,4 % : /12 exact à 0,0001 %
    mois = alea.choice((24, 36, 48, 60))
    mensuel = taux_proportionnel(annuel, 12)
    attendu = annuite(capital, mensuel, mois)
    bien = alea.choice(BIENS)
    return Variante(
        enonce=f"Pour financer {bien}, l'entreprise emprunte **{format_euros(capital)}** au taux "
        f"annuel de **{format_pourcent(annuel)}** (taux mensuel proportionnel), remboursable en "
        f"**{mois} mensualités constantes**. Calculez la mensualité.",
        controle=ControleNombre(
            attendu,
            libelle="Mensualité",
            unite="€",
            pieges=(piege_finance("annuite_taux_annuel", capital, annuel, mois),),
        ),
        indices=(
            f"Taux mensuel proportionnel = {format_pourcent(annuel)} / 12.",
            "a = C × i / (1 − (1 + i)^−n), avec i mensuel et n en mois.",
        ),
        solution=f"i = {format_pourcent(annuel)} / 12 = {format_pourcent(mensuel, 4)} ; "
        f"a = {format_euros(capital)} × {format_pourcent(mensuel, 4)} / (1 − (1 + "
        f"{format_pourcent(mensuel, 4)})^−{mois}) = **{format_euros(attendu)}**.",
        parametres={"capital": capital, "taux_annuel": annuel, "mois": mois},
    )


@exercice("tableau-emprunt-1", "Tableau d'emprunt à annuités constantes", savoirs=["S512"])
def tableau_emprunt_1(alea: random.Random) -> Variante:
    capital = tirer_decimal(alea, 6000, 30000, 500)
    t = tirer_decimal(alea, 30, 80, 5, 1)
    tab = tableau_emprunt(capital, t, 3)
    i = t / 100
    l1, l2, l3 = tab.lignes
    a = l1.annuite
    cellules = (
        Cellule("annuite", "Annuité constante", a),
        Cellule(
            "interet_1",
            "Année 1 : intérêt",
            l1.interet,
            lambda capital: arrondi_centime(capital * i),
        ),
        Cellule(
            "amort_1",
            "Année 1 : amortissement",
            l1.amortissement,
            lambda annuite, interet_1: annuite - interet_1,
        ),
        Cellule(
            "reste_1",
            "Année 1 : capital restant dû",
            l1.capital_fin,
            lambda capital, amort_1: capital - amort_1,
        ),
        Cellule(
            "interet_2",
            "Année 2 : intérêt",
            l2.interet,
            lambda reste_1: arrondi_centime(reste_1 * i),
            pieges=(
                Piege(
                    "interet_sur_capital_initial",
                    l1.interet,
                    "L'intérêt a été calculé sur le capital emprunté ; chaque année, il se "
                    "calcule sur le capital restant dû en début d'année.",
                ),
            ),
        ),
        Cellule(
            "amort_2",
            "Année 2 : amortissement",
            l2.amortissement,
            lambda annuite, interet_2: annuite - interet_2,
        ),
        Cellule(
            "reste_2",
            "Année 2 : capital restant dû",
            l2.capital_fin,
            lambda reste_1, amort_2: reste_1 - amort_2,
        ),
        Cellule(
            "interet_3",
            "Année 3 : intérêt",
            l3.interet,
            lambda reste_2: arrondi_centime(reste_2 * i),
        ),
        Cellule(
            "amort_3",
            "Année 3 : amortissement (le capital restant dû)",
            l3.amortissement,
            lambda reste_2: reste_2,
        ),
        Cellule(
            "annuite_3",
            "Année 3 : dernière annuité",
            l3.annuite,
            lambda interet_3, amort_3: interet_3 + amort_3,
        ),
    )
    lignes = "\n".join(
        f"| {x.periode} | {format_euros(x.capital_debut)} | {format_euros(x.interet)} | "
        f"{format_euros(x.amortissement)} | {format_euros(x.annuite)} | "
        f"{format_euros(x.capital_fin)} |"
        for x in tab.lignes
    )
    return Variante(
        enonce=f"Un emprunt de **{format_euros(capital)}** au taux annuel de "
        f"**{format_pourcent(t)}** est remboursé en **3 annuités constantes** (fin d'année). "
        "Remplissez le tableau d'emprunt, au centime ; la dernière ligne rembourse exactement le "
        "capital restant dû. Une erreur n'est comptée qu'une fois : les lignes suivantes sont "
        "jugées à partir de vos propres chiffres.",
        controle=ControleTableau(cellules, donnees={"capital": capital}),
        indices=(
            "a = C × i / (1 − (1 + i)^−3).",
            "Intérêt = capital restant dû en début d'année × i ; "
            "amortissement = annuité − intérêt.",
            "La dernière année, l'amortissement est le capital restant dû (l'arrondi s'y absorbe).",
        ),
        solution=f"Annuité : **{format_euros(a)}**.\n\n"
        "| Année | Capital dû début | Intérêt | Amortissement | Annuité | Capital dû fin |\n"
        "| --- | --- | --- | --- | --- | --- |\n" + lignes,
        parametres={"capital": capital, "taux": t},
    )


@exercice("choix-financement-1", "Emprunt ou crédit-bail : le coût actualisé", savoirs=["S512"])
def choix_financement_1(alea: random.Random) -> Variante:
    prix = tirer_decimal(alea, 12000, 40000, 1000)
    loyer = arrondi_centime(prix * tirer_decimal(alea, 28, 31, 1, 3))  # 36 loyers ≈ 1 à 1,12 × prix
    nombre = 36
    option = arrondi_centime(prix * Decimal("0.05"))
    ta = alea.choice((Decimal(4), Decimal(5), Decimal(6)))
    bail = {"mode": "credit-bail", "loyer": loyer, "nombre_loyers": nombre, "option_achat": option}
    c = comparer_financements(prix, [bail], ta)
    o = c.options[0]
    total = o.cout_total
    sans_option_reportee = arrondi_centime(
        sum((f[1] * (1 + ta / 100) ** (-Decimal(f[0] + 1) / 12) for f in o.flux), Decimal(0))
    )
    return Variante(
        enonce=f"Un bien de **{format_euros(prix)}** HT peut être pris en crédit-bail : "
        f"**{nombre} loyers mensuels de {format_euros(loyer)}**, payables en début de mois, puis "
        f"une option d'achat de **{format_euros(option)}** à la fin du 36e mois. Calculez le coût "
        f"du crédit-bail **actualisé** au taux annuel de {format_pourcent(ta)} (taux mensuel "
        "équivalent ; le premier loyer est payé aujourd'hui).",
        controle=ControleNombre(
            o.cout_actualise,
            libelle="Coût actualisé",
            unite="€",
            tolerance=Decimal("1.00"),
            pieges=(
                Piege(
                    "cout_non_actualise",
                    total,
                    "C'est le coût total (somme des versements) ; le coût actualisé ramène chaque "
                    "versement à aujourd'hui : versement × (1 + t)^(−mois/12).",
                ),
                Piege(
                    "loyers_en_fin_de_mois",
                    sans_option_reportee,
                    "Les loyers ont été actualisés comme s'ils étaient payés en fin de mois ; "
                    "ils sont payés en début de mois (le premier aujourd'hui).",
                ),
            ),
        ),
        indices=(
            f"Coût total = {nombre} × loyer + option = {format_euros(total)}.",
            "Loyer du mois k (k = 0 … 35) actualisé : loyer × (1 + t)^(−k/12) ; "
            "l'option au mois 36.",
        ),
        solution="\n".join(f"- {e}" for e in o.etapes)
        + f"\n\nCoût actualisé : **{format_euros(o.cout_actualise)}** (à 1 € près selon les "
        "arrondis du taux mensuel).",
        parametres={"prix": prix, "loyer": loyer, "option": option, "taux": ta},
    )
