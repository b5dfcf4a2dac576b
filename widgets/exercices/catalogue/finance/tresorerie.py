"""Crédit clients, stocks et BFRE (S523) : DSO, rotation des stocks, BFRE en jours de CA.

Traps: DSO on the CA HT while the créances are TTC, rotation on the final stock only,
dettes fournisseurs added instead of subtracted.
"""

from __future__ import annotations

import random
from decimal import Decimal

from widgets.calculs import accorder, arrondi, arrondi_centime, format_euros
from widgets.calculs.finance import bfre, dso, rotation_stocks
from widgets.exercices import ControleNombre, Piege, Variante, exercice, tirer_decimal
from widgets.exercices.catalogue.finance import piege_finance


@exercice("dso-1", "Délai moyen de crédit clients", savoirs=["S523"])
def dso_1(alea: random.Random) -> Variante:
    ca_ht = tirer_decimal(alea, 300, 2000, 10) * 1000
    ca_ttc = arrondi_centime(ca_ht * Decimal("1.2"))
    creances = arrondi_centime(ca_ttc * tirer_decimal(alea, 8, 25, 1, 2))
    attendu = dso(creances, ca_ttc)
    return Variante(
        enonce=f"Au bilan, les créances clients s'élèvent à **{format_euros(creances)}** (TTC). "
        f"Le chiffre d'affaires de l'année est de **{format_euros(ca_ht)}** HT (TVA 20 %). "
        "Calculez le délai moyen de crédit clients, en jours (année de 360 jours, "
        "à 0,5 jour près).",
        controle=ControleNombre(
            attendu,
            libelle="Délai moyen de crédit clients",
            unite="",
            tolerance=Decimal("0.5"),
            pieges=(piege_finance("dso_sur_ca_ht", creances, ca_ht),),
        ),
        indices=(
            "Les créances sont TTC : comparez-les au CA TTC.",
            "Délai = créances clients TTC / CA TTC × 360.",
        ),
        solution=f"CA TTC = {format_euros(ca_ht)} × 1,2 = {format_euros(ca_ttc)} ; délai = "
        f"{format_euros(creances)} / {format_euros(ca_ttc)} × 360 = "
        f"**{accorder(attendu, 'jour')}**.",
        parametres={"creances": creances, "ca_ht": ca_ht},
    )


@exercice("rotation-stocks-1", "Rotation des stocks de marchandises", savoirs=["S523"])
def rotation_stocks_1(alea: random.Random) -> Variante:
    si = tirer_decimal(alea, 20, 120, 1) * 1000
    sf = tirer_decimal(alea, 20, 120, 1) * 1000
    camv = tirer_decimal(alea, 200, 1500, 10) * 1000
    r = rotation_stocks(si, sf, camv)
    return Variante(
        enonce=f"Stock initial **{format_euros(si)}**, stock final **{format_euros(sf)}**, coût "
        f"d'achat des marchandises vendues **{format_euros(camv)}**. Calculez la durée moyenne "
        "de stockage en jours (année de 360 jours, à 0,5 jour près).",
        controle=ControleNombre(
            r.duree_jours,
            libelle="Durée moyenne de stockage",
            unite="",
            tolerance=Decimal("0.5"),
            pieges=(
                Piege(
                    "stock_final_seul",
                    arrondi(sf * 360 / camv, 1),
                    "Le calcul utilise le stock MOYEN : (stock initial + stock final) / 2.",
                ),
            ),
        ),
        indices=(
            "Stock moyen = (SI + SF) / 2.",
            "Durée = stock moyen / coût d'achat des marchandises vendues × 360.",
        ),
        solution="\n".join(f"- {e}" for e in r.etapes),
        parametres={"si": si, "sf": sf, "camv": camv},
    )


@exercice("bfre-1", "Besoin en fonds de roulement d'exploitation", savoirs=["S523"])
def bfre_1(alea: random.Random) -> Variante:
    stocks = tirer_decimal(alea, 20, 150, 1) * 1000
    clients = tirer_decimal(alea, 30, 200, 1) * 1000
    fournisseurs = tirer_decimal(alea, 20, 150, 1) * 1000
    ca = tirer_decimal(alea, 500, 2500, 50) * 1000
    b = bfre(stocks, clients, fournisseurs, ca_ht=ca)
    return Variante(
        enonce=f"Stocks **{format_euros(stocks)}**, créances clients **{format_euros(clients)}**, "
        f"dettes fournisseurs **{format_euros(fournisseurs)}**. Calculez le BFRE (en euros).",
        controle=ControleNombre(
            b.montant,
            libelle="BFRE",
            unite="€",
            pieges=(
                Piege(
                    "dettes_ajoutees",
                    stocks + clients + fournisseurs,
                    "Les dettes fournisseurs FINANCENT l'exploitation : elles se retranchent.",
                ),
            ),
        ),
        indices=("BFRE = stocks + créances clients − dettes fournisseurs.",),
        solution="\n".join(f"- {e}" for e in b.etapes),
        parametres={"stocks": stocks, "clients": clients, "fournisseurs": fournisseurs},
    )
