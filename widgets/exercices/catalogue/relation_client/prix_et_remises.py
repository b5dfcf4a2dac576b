"""Prix, réductions en cascade, TVA après escompte et coefficients (S511, S513).

The convention traps practised here: reductions ADDED instead of cascaded, VAT computed BEFORE
the escompte (on the net commercial), and the two definitions of the coefficient multiplicateur
(PV TTC / coût versus PV HT / coût). Every expected figure comes from ``widgets.calculs`` and
every trap value from ``widgets.calculs.pieges`` (through ``piege_connu``).
"""

from __future__ import annotations

import random
from decimal import Decimal

from widgets.calculs import (
    arrondi,
    arrondi_centime,
    format_euros,
    format_nombre,
    format_pourcent,
    marges,
    net_a_payer,
    resoudre_marges,
)
from widgets.calculs.arrondis import CENT
from widgets.exercices import ControleNombre, Variante, exercice, piege_connu, tirer_decimal
from widgets.exercices.catalogue.relation_client.facturation import _etapes_markdown

NATURES = ("Rabais", "Remise", "Ristourne")


@exercice("net-commercial-cascade-1", "Réductions en cascade", savoirs=["S511"])
def net_commercial_cascade_1(alea: random.Random) -> Variante:
    brut = tirer_decimal(alea, 80000, 600000, 50, 2)  # 800,00 € … 6 000,00 €
    taux = [Decimal(alea.choice((2, 3, 5))), Decimal(alea.choice((8, 10, 12, 15)))]
    if alea.random() < 0.5:
        taux.append(Decimal(alea.choice((1, 2, 4))))
    natures = NATURES[: len(taux)]
    lignes = [{"quantite": 1, "prix_unitaire_ht": brut, "designation": "Marchandises"}]
    remises = list(zip(natures, taux, strict=True))
    calcul = net_a_payer(lignes, remises=remises)
    piege = piege_connu("remises_additionnees", lignes, remises, champ="net_commercial")
    liste = "\n".join(f"- {nature.lower()} de **{format_pourcent(t)}** ;" for nature, t in remises)
    return Variante(
        enonce=(
            f"Une commande de linge de maison représente un montant brut de "
            f"**{format_euros(brut)} HT**. Le fournisseur accorde successivement :\n\n{liste}\n\n"
            "Calculez le **net commercial HT** (chaque réduction arrondie au centime)."
        ),
        controle=ControleNombre(
            calcul.net_commercial, libelle="Net commercial HT", pieges=(piege,)
        ),
        indices=(
            "Les réductions s'appliquent l'une après l'autre : chacune sur le net laissé par la "
            "précédente.",
            "10 % puis 5 % ne font pas 15 % : 1 − 0,90 × 0,95 = 14,5 %.",
        ),
        solution=_etapes_markdown(calcul),
        parametres={"brut": brut, "remises": remises},
    )


@exercice("tva-apres-escompte-1", "La TVA d'une facture avec escompte", savoirs=["S511"])
def tva_apres_escompte_1(alea: random.Random) -> Variante:
    quantite = alea.randrange(20, 210, 10)
    prix = tirer_decimal(alea, 590, 4990, 10, 2)
    remise = Decimal(alea.choice((5, 10, 15)))
    escompte = Decimal(alea.choice(("1", "1.5", "2", "3")))
    port = tirer_decimal(alea, 15, 60, 5)
    lignes = [{"quantite": quantite, "prix_unitaire_ht": prix}]
    args = (lignes, [remise], escompte, port)
    calcul = net_a_payer(*args)
    piege = piege_connu("tva_sur_net_commercial", *args, champ="tva")
    return Variante(
        enonce=(
            f"Facture : **{quantite} peignoirs** à **{format_euros(prix)} HT** l'unité, remise "
            f"**{format_pourcent(remise)}**, escompte pour paiement comptant "
            f"**{format_pourcent(escompte)}**, frais de port **{format_euros(port)} HT**, "
            "TVA **20 %**.\n\nCalculez le **montant de la TVA**."
        ),
        controle=ControleNombre(calcul.tva, libelle="TVA", pieges=(piege,)),
        indices=(
            "Brut → remise → net commercial → escompte → net financier → + port → base de TVA.",
            "L'escompte réduit la base de la TVA : elle se calcule sur le net financier, port "
            "compris.",
        ),
        solution=_etapes_markdown(calcul),
        parametres={"quantite": quantite, "prix": prix, "remise": remise, "escompte": escompte},
    )


def _controle_coefficient(attendu: Decimal, exact: Decimal, libelle: str, piege) -> ControleNombre:
    """A coefficient is judged to 4 decimals; the trap is the other definition.

    ``attendu`` is computed from the intermediate price rounded to the cent (as on the
    corrigé), ``exact`` from the unrounded price (``arrondi(prix_exact / cout, 4)``): both
    methods are correct, so both values are accepted.
    """
    return ControleNombre(
        attendu,
        libelle=libelle,
        unite="",
        tolerance=Decimal("0.0001"),
        pieges=(piege,),
        autres_attendus=(exact,) if exact != attendu else (),
    )


def _autre_methode(attendu: Decimal, exact: Decimal, etape: str) -> str:
    """The corrigé's sentence for the other correct method, when it gives another figure."""
    if exact == attendu:
        return ""
    return (
        f"\n\nSans arrondir le {etape} au centime, on trouve "
        f"**{format_nombre(exact, decimales_maxi=4)}** : cette réponse est juste aussi."
    )


def _cout_et_prix(alea: random.Random) -> tuple[Decimal, Decimal, Decimal]:
    cout = tirer_decimal(alea, 400, 6000, 10, 2)
    coefficient_ht = Decimal(alea.choice(("1.25", "1.4", "1.5", "1.6", "1.75", "2")))
    tva = Decimal(alea.choice(("20", "20", "5.5", "10")))
    return cout, arrondi_centime(cout * coefficient_ht), tva


@exercice(
    "coefficient-multiplicateur-1", "Coefficient multiplicateur (PV TTC / coût)", savoirs=["S513"]
)
def coefficient_multiplicateur_1(alea: random.Random) -> Variante:
    cout, pv, tva = _cout_et_prix(alea)
    m = marges(cout, pv, tva)
    exact = arrondi(pv * (1 + tva / CENT) / cout, 4)  # PV TTC not rounded to the cent
    piege = piege_connu("coefficient_ht_au_lieu_de_ttc", cout, pv)
    return Variante(
        enonce=(
            f"Un article acheté **{format_euros(cout)} HT** est vendu **{format_euros(pv)} HT** "
            f"(TVA **{format_pourcent(tva)}**).\n\n"
            "Calculez le **coefficient multiplicateur**, défini ici comme **PV TTC / coût "
            "d'achat HT** (4 décimales)."
        ),
        controle=_controle_coefficient(
            m.coefficient,
            exact,
            "Coefficient multiplicateur",
            piege,
        ),
        indices=(
            "Calculez d'abord le prix de vente TTC = PV HT × (1 + taux de TVA).",
            "Le coefficient multiplicateur fait passer du coût d'achat HT au prix TTC.",
        ),
        solution=(
            f"PV TTC = {format_euros(pv)} × (1 + {format_pourcent(tva)}) = "
            f"{format_euros(m.prix_vente_ttc)} ; coefficient = {format_euros(m.prix_vente_ttc)} "
            f"/ {format_euros(cout)} = **{format_nombre(m.coefficient, decimales_maxi=4)}** "
            f"(PV HT / coût donnerait {format_nombre(m.coefficient_ht, decimales_maxi=4)})."
            + _autre_methode(m.coefficient, exact, "PV TTC")
        ),
        parametres={"cout": cout, "prix_vente_ht": pv, "taux_tva": tva},
    )


@exercice("coefficient-ht-1", "Coefficient sur le prix HT (PV HT / coût)", savoirs=["S513"])
def coefficient_ht_1(alea: random.Random) -> Variante:
    cout = tirer_decimal(alea, 400, 6000, 10, 2)
    coefficient = Decimal(alea.choice(("1.5", "1.68", "1.8", "1.92", "2.1", "2.4")))
    tva = Decimal(20)
    affiche = resoudre_marges(cout_achat_ht=cout, coefficient=coefficient, taux_tva=tva)
    # the answer is computed from the figures the student sees (PV TTC to the cent)
    m = resoudre_marges(cout_achat_ht=cout, prix_vente_ttc=affiche.prix_vente_ttc, taux_tva=tva)
    exact = arrondi(m.prix_vente_ttc / (1 + tva / CENT) / cout, 4)  # PV HT not rounded
    piege = piege_connu("coefficient_ttc_au_lieu_de_ht", cout, m.prix_vente_ht)
    return Variante(
        enonce=(
            f"Un distributeur achète un article **{format_euros(cout)} HT** et l'affiche "
            f"**{format_euros(m.prix_vente_ttc)} TTC** (TVA 20 %).\n\n"
            "Son fournisseur parle d'un coefficient **sur le prix hors taxes** : calculez "
            "**PV HT / coût d'achat HT** (4 décimales)."
        ),
        controle=_controle_coefficient(
            m.coefficient_ht,
            exact,
            "Coefficient HT",
            piege,
        ),
        indices=(
            "Retrouvez le prix de vente HT : PV TTC / 1,20.",
            "Deux définitions existent : ici on divise le prix HORS TAXES par le coût.",
        ),
        solution=(
            f"PV HT = {format_euros(m.prix_vente_ttc)} / 1,2 = {format_euros(m.prix_vente_ht)} ;"
            f" coefficient HT = {format_euros(m.prix_vente_ht)} / {format_euros(cout)} = "
            f"**{format_nombre(m.coefficient_ht, decimales_maxi=4)}**."
            + _autre_methode(m.coefficient_ht, exact, "PV HT")
        ),
        parametres={"cout": cout, "prix_vente_ttc": m.prix_vente_ttc},
    )
