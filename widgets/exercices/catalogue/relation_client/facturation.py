"""Facturation, marges et intérêts (S511, S512, S513): numbers and tables with carry-forward.

Every expected figure comes from ``widgets.calculs`` (``net_a_payer``, ``prix_de_vente``,
``marges``, ``interets_simples``) and every trap value from ``widgets.calculs.pieges``; the
generators only draw the data and write the statement.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from widgets.calculs import arrondi, arrondi_centime, format_euros, format_nombre, format_pourcent
from widgets.calculs.arrondis import CENT
from widgets.calculs.conditions_paiement import INDEMNITE_FORFAITAIRE_RECOUVREMENT
from widgets.calculs.conditions_paiement import TAUX_PENALITES_MINIMUM as TAUX_MINI
from widgets.calculs.facture import net_a_payer
from widgets.calculs.interets import interets_simples
from widgets.calculs.marges import marges, prix_de_vente
from widgets.exercices import (
    Cellule,
    ControleNombre,
    ControleTableau,
    Piege,
    Variante,
    exercice,
    piege_connu,
    tirer_decimal,
)

PRODUITS = (
    "serviettes éponge 50 × 100 cm",
    "peignoirs en coton bio",
    "draps housse 140 × 190 cm",
    "torchons brodés",
    "housses de couette 240 × 220 cm",
)
CLIENTS = (
    "Hyperval Lyon",
    "CSE Airbus Toulouse",
    "Grossiste Textiles du Nord",
    "Souvenirs de Paris",
)


def _facture(alea: random.Random) -> dict:
    """Draw an invoice: one product line, two remises in cascade, an escompte, VAT 20 %."""
    return {
        "client": alea.choice(CLIENTS),
        "produit": alea.choice(PRODUITS),
        "quantite": alea.randrange(20, 205, 5),
        "prix": tirer_decimal(alea, 450, 4800, 5, 2),
        "remise1": Decimal(alea.choice((5, 8, 10, 12, 15))),
        "remise2": Decimal(alea.choice((2, 3, 4, 5))),
        "escompte": Decimal(alea.choice(("1", "1.5", "2", "2.5", "3"))),
    }


def _enonce_facture(d: dict, consigne: str) -> str:
    return (
        f"L'entreprise Atelier Textile livre **{d['quantite']} {d['produit']}** à son client "
        f"**{d['client']}**, au prix unitaire de **{format_euros(d['prix'])} HT**.\n\n"
        f"- remise pour quantité : **{format_pourcent(d['remise1'])}** ;\n"
        f"- remise de fidélité : **{format_pourcent(d['remise2'])}** ;\n"
        f"- escompte pour paiement comptant : **{format_pourcent(d['escompte'])}** ;\n"
        "- TVA au taux normal de **20 %**.\n\n" + consigne
    )


def _calcul_facture(d: dict):
    lignes = [{"quantite": d["quantite"], "prix_unitaire_ht": d["prix"]}]
    args = (lignes, [d["remise1"], d["remise2"]], d["escompte"])
    return args, net_a_payer(*args)


def _etapes_markdown(facture) -> str:
    lignes = ["| Calcul | Montant |", "|---|---|"]
    for e in facture.etapes:
        signe = {"−": "− ", "+": "+ ", "=": "= "}.get(e.operation, "")
        lignes.append(f"| {signe}{e.libelle} | {format_euros(abs(e.montant))} |")
    return "\n".join(lignes)


@exercice("net-a-payer-1", "Net à payer d'une facture", savoirs=["S511"])
def net_a_payer_1(alea: random.Random) -> Variante:
    d = _facture(alea)
    args, facture = _calcul_facture(d)
    pieges = tuple(
        piege_connu(code, *args, champ="net_a_payer")
        for code in ("remises_additionnees", "tva_sur_net_commercial", "escompte_sur_brut")
    )
    return Variante(
        enonce=_enonce_facture(d, "Calculez le **net à payer TTC** de cette facture."),
        controle=ControleNombre(facture.net_a_payer, libelle="Net à payer TTC", pieges=pieges),
        indices=(
            "Ordre du calcul : brut HT → remises → net commercial → escompte → net financier "
            "→ TVA → TTC.",
            "Les remises s'appliquent **en cascade** : la seconde porte sur le net laissé par "
            "la première.",
            "L'escompte se calcule sur le net commercial, et la TVA sur le net financier.",
        ),
        solution=_etapes_markdown(facture),
        parametres=d,
    )


@exercice("facture-tableau-1", "Facture complète, ligne par ligne", savoirs=["S511"])
def facture_tableau_1(alea: random.Random) -> Variante:
    d = _facture(alea)
    args, f = _calcul_facture(d)
    r1, r2 = f.remises
    t1, t2, te = d["remise1"] / CENT, d["remise2"] / CENT, d["escompte"] / CENT
    addition = piege_connu("remises_additionnees", *args, champ="net_commercial")
    tva_nc = piege_connu("tva_sur_net_commercial", *args, champ="tva")
    # added remises: the 2nd one taken on the brut, seen on the remise line or on the net
    remise_sur_brut = Piege(addition.code, r1.net - addition.valeur, addition.explication)
    escompte_brut = piege_connu("escompte_sur_brut", *args, champ="escompte.montant")
    cellules = (
        Cellule(
            "brut_ht",
            "Montant brut HT",
            f.brut_ht,
            lambda quantite, prix: arrondi_centime(quantite * prix),
        ),
        Cellule(
            "remise_1",
            f"Remise {format_pourcent(d['remise1'])}",
            r1.montant,
            lambda brut_ht: arrondi_centime(brut_ht * t1),
        ),
        Cellule(
            "net_1", "Net après la 1re remise", r1.net, lambda brut_ht, remise_1: brut_ht - remise_1
        ),
        Cellule(
            "remise_2",
            f"Remise {format_pourcent(d['remise2'])}",
            r2.montant,
            lambda net_1: arrondi_centime(net_1 * t2),
            pieges=(remise_sur_brut,),
        ),
        Cellule(
            "net_commercial",
            "Net commercial HT",
            f.net_commercial,
            lambda net_1, remise_2: net_1 - remise_2,
            pieges=(addition,),
        ),
        Cellule(
            "escompte",
            f"Escompte {format_pourcent(d['escompte'])}",
            f.escompte.montant,
            lambda net_commercial: arrondi_centime(net_commercial * te),
            pieges=(escompte_brut,),
        ),
        Cellule(
            "net_financier",
            "Net financier HT",
            f.net_financier,
            lambda net_commercial, escompte: net_commercial - escompte,
        ),
        Cellule(
            "tva",
            "TVA 20 %",
            f.tva,
            lambda net_financier: arrondi_centime(net_financier * Decimal("0.20")),
            pieges=(tva_nc,),
        ),
        Cellule(
            "ttc", "Net à payer TTC", f.total_ttc, lambda net_financier, tva: net_financier + tva
        ),
    )
    return Variante(
        enonce=_enonce_facture(
            d,
            "Présentez la facture : remplissez chaque ligne du tableau (montants au centime). "
            "Une erreur en haut du tableau n'est comptée qu'une fois : les lignes suivantes "
            "sont jugées à partir de vos propres chiffres.",
        ),
        controle=ControleTableau(
            cellules, donnees={"quantite": Decimal(d["quantite"]), "prix": d["prix"]}
        ),
        indices=(
            "Montant brut HT = quantité × prix unitaire HT.",
            "Chaque remise s'applique au net laissé par la précédente (cascade).",
            "TVA = 20 % du net financier (après escompte).",
        ),
        solution=_calculs_detailles(d, f),
        parametres=d,
    )


def _calculs_detailles(d: dict, f) -> str:
    """The table's worked solution: one computation per line, as on a corrigé."""
    r1, r2 = f.remises
    e = format_euros
    return "\n".join(
        (
            f"- Montant brut HT = {d['quantite']} × {e(d['prix'])} = {e(f.brut_ht)}",
            f"- Remise {format_pourcent(d['remise1'])} = {e(f.brut_ht)} × "
            f"{format_pourcent(d['remise1'])} = {e(r1.montant)}",
            f"- Net après la 1re remise = {e(f.brut_ht)} − {e(r1.montant)} = {e(r1.net)}",
            f"- Remise {format_pourcent(d['remise2'])} = {e(r1.net)} × "
            f"{format_pourcent(d['remise2'])} = {e(r2.montant)} (cascade : sur le net)",
            f"- Net commercial HT = {e(r1.net)} − {e(r2.montant)} = {e(f.net_commercial)}",
            f"- Escompte {format_pourcent(d['escompte'])} = {e(f.net_commercial)} × "
            f"{format_pourcent(d['escompte'])} = {e(f.escompte.montant)}",
            f"- Net financier HT = {e(f.net_commercial)} − {e(f.escompte.montant)} = "
            f"{e(f.net_financier)}",
            f"- TVA 20 % = {e(f.net_financier)} × 20 % = {e(f.tva)} (sur le net financier)",
            f"- Net à payer TTC = {e(f.net_financier)} + {e(f.tva)} = **{e(f.total_ttc)}**",
        )
    )


def _prix(alea: random.Random) -> tuple[Decimal, Decimal]:
    """A cost price (multiple of 1,20 €) and a taux de marque giving exact prices."""
    cout = Decimal("1.20") * alea.randint(3, 60)
    return cout, Decimal(alea.choice((20, 25, 40, 50, 60)))


@exercice("taux-de-marque-1", "Taux de marque d'un article", savoirs=["S513"])
def taux_de_marque_1(alea: random.Random) -> Variante:
    cout = tirer_decimal(alea, 300, 9000, 5, 2)
    taux_marge = Decimal(alea.choice((20, 25, 30, 35, 40, 45, 60, 80)))
    pv = arrondi_centime(cout * (1 + taux_marge / CENT))
    m = marges(cout, pv)
    piege = piege_connu("taux_de_marge_au_lieu_de_marque", cout, pv)
    return Variante(
        enonce=(
            f"Un magasin achète un article **{format_euros(cout)} HT** et le revend "
            f"**{format_euros(pv)} HT**.\n\n"
            "Calculez le **taux de marque** (en %, arrondi à 0,01 %)."
        ),
        controle=ControleNombre(
            m.taux_de_marque, libelle="Taux de marque", unite="%", pieges=(piege,)
        ),
        indices=(
            "Commencez par la marge : prix de vente HT − coût d'achat HT.",
            "Le taux de marque se rapporte au **prix de vente HT** : marge / PV HT × 100.",
        ),
        solution=(
            f"Marge = {format_euros(pv)} − {format_euros(cout)} = {format_euros(m.marge)}\n\n"
            f"Taux de marque = {format_euros(m.marge)} / {format_euros(pv)} × 100 = "
            f"**{format_pourcent(m.taux_de_marque)}** (le taux de marge, "
            f"{format_pourcent(m.taux_de_marge)}, se rapporte au coût)."
        ),
        parametres={"cout": cout, "prix_vente_ht": pv},
    )


@exercice("prix-de-vente-1", "Prix de vente à partir du taux de marque", savoirs=["S513"])
def prix_de_vente_1(alea: random.Random) -> Variante:
    cout, t = _prix(alea)
    m = prix_de_vente(cout, taux_de_marque=t)
    piege = piege_connu("marque_prise_pour_marge", cout, t)
    return Variante(
        enonce=(
            f"Un article coûte **{format_euros(cout)} HT** à l'achat. Le distributeur veut un "
            f"**taux de marque de {format_pourcent(t)}**.\n\n"
            "Calculez le **prix de vente HT**."
        ),
        controle=ControleNombre(m.prix_vente_ht, libelle="Prix de vente HT", pieges=(piege,)),
        indices=(
            "Le taux de marque se rapporte au prix de vente : marge = taux × PV HT.",
            "Donc coût = PV HT × (1 − taux de marque) : PV HT = coût / (1 − taux de marque).",
        ),
        solution=(
            f"PV HT = {format_euros(cout)} / (1 − {format_nombre(t / CENT)}) = "
            f"**{format_euros(m.prix_vente_ht)}**"
        ),
        parametres={"cout": cout, "taux_de_marque": t},
    )


@exercice("marges-tableau-1", "Du coût d'achat au prix TTC", savoirs=["S513"])
def marges_tableau_1(alea: random.Random) -> Variante:
    cout, t = _prix(alea)
    m = prix_de_vente(cout, taux_de_marque=t)
    piege_pv = piege_connu("marque_prise_pour_marge", cout, t)
    piege_taux = piege_connu("taux_de_marque_au_lieu_de_marge", cout, m.prix_vente_ht)
    piege_coef = piege_connu("coefficient_ht_au_lieu_de_ttc", cout, m.prix_vente_ht)
    cellules = (
        Cellule(
            "prix_vente_ht",
            "Prix de vente HT",
            m.prix_vente_ht,
            lambda cout, taux_de_marque: arrondi_centime(cout / (1 - taux_de_marque / CENT)),
            pieges=(piege_pv,),
        ),
        Cellule(
            "marge", "Marge unitaire", m.marge, lambda prix_vente_ht, cout: prix_vente_ht - cout
        ),
        Cellule(
            "taux_de_marge",
            "Taux de marge",
            m.taux_de_marge,
            lambda marge, cout: arrondi(marge / cout * CENT, 2),
            unite="%",
            pieges=(piege_taux,),
        ),
        Cellule(
            "prix_vente_ttc",
            "Prix de vente TTC (TVA 20 %)",
            m.prix_vente_ttc,
            lambda prix_vente_ht: arrondi_centime(prix_vente_ht * Decimal("1.2")),
        ),
        Cellule(
            "coefficient",
            "Coefficient multiplicateur (PV TTC / coût)",
            m.coefficient,
            lambda prix_vente_ttc, cout: arrondi(prix_vente_ttc / cout, 4),
            unite="",
            pieges=(piege_coef,),
            tolerance=Decimal("0.0001"),
        ),
    )
    return Variante(
        enonce=(
            f"Un article acheté **{format_euros(cout)} HT** doit être vendu avec un **taux de "
            f"marque de {format_pourcent(t)}** (TVA 20 %).\n\n"
            "Complétez le tableau : prix de vente HT, marge, taux de marge (en %, 2 décimales), "
            "prix de vente TTC et coefficient multiplicateur (PV TTC / coût d'achat HT, "
            "4 décimales)."
        ),
        controle=ControleTableau(cellules, donnees={"cout": cout, "taux_de_marque": t}),
        indices=(
            "PV HT = coût / (1 − taux de marque).",
            "Taux de marge = marge / coût d'achat HT × 100.",
            "Coefficient multiplicateur = PV TTC / coût d'achat HT.",
        ),
        solution="\n".join(f"- {etape}" for etape in m.etapes),
        parametres={"cout": cout, "taux_de_marque": t},
    )


@exercice("interets-simples-1", "Intérêts simples (année commerciale)", savoirs=["S512"])
def interets_simples_1(alea: random.Random) -> Variante:
    capital = tirer_decimal(alea, 1000, 50000, 100)
    # only legal B2B rates: at least 3 × the taux d'intérêt légal (L441-10 II C. com.)
    t = Decimal(
        alea.choice(
            [x for x in ("8", "9", "10", "11", "12", "13", "15") if Decimal(x) >= TAUX_MINI]
        )
    )
    jours = alea.choice((30, 45, 60, 73, 90, 120, 135, 150, 180, 210, 270))
    attendu = interets_simples(capital, t, jours)
    piege = piege_connu("annee_civile", capital, t, jours)
    indemnite = format_euros(INDEMNITE_FORFAITAIRE_RECOUVREMENT)
    return Variante(
        enonce=(
            f"Un client professionnel règle avec **{jours} jours** de retard une facture de "
            f"**{format_euros(capital)}**. Les conditions générales de vente prévoient des "
            f"pénalités de retard au taux annuel de **{format_pourcent(t)}** (au moins trois "
            "fois le taux de l'intérêt légal, article L441-10 du code de commerce), en "
            "intérêts simples.\n\n"
            "Calculez le montant des **pénalités de retard** (l'indemnité forfaitaire de "
            f"{indemnite} pour frais de recouvrement s'y ajoute, mais ne la comptez pas ici)."
        ),
        controle=ControleNombre(attendu, libelle="Pénalités de retard", pieges=(piege,)),
        indices=(
            "I = C × t × n / 360 : en calcul commercial, l'année compte 360 jours.",
            "Le taux s'écrit en décimal dans la formule : 4 % → 0,04.",
        ),
        solution=(
            f"I = {format_euros(capital)} × {format_nombre(t / CENT)} × {jours} / 360 = "
            f"**{format_euros(attendu)}** ; le client doit en plus l'indemnité forfaitaire "
            f"pour frais de recouvrement de {indemnite} (article D441-5 du code de commerce)."
        ),
        parametres={"capital": capital, "taux": t, "jours": jours},
    )


@exercice("escompte-effet-tableau-1", "Négociation d'un effet de commerce", savoirs=["S512"])
def escompte_effet_tableau_1(alea: random.Random) -> Variante:
    nominal = tirer_decimal(alea, 1500, 30000, 50)
    t = Decimal(alea.choice(("4", "4.5", "5", "5.5", "6")))
    remise = date(2025, alea.randint(1, 10), alea.randint(1, 28))
    jours = alea.randint(20, 80)
    echeance = remise + timedelta(days=jours)
    escompte = interets_simples(nominal, t, jours)
    piege = piege_connu("annee_civile", nominal, t, jours)
    cellules = (
        Cellule("jours", "Nombre de jours", Decimal(jours), unite="jours", points=Decimal(1)),
        Cellule(
            "escompte",
            "Escompte",
            escompte,
            lambda jours: arrondi_centime(nominal * t / CENT * jours / 360),
            pieges=(piege,),
            points=Decimal(2),
        ),
        Cellule(
            "valeur_actuelle",
            "Valeur actuelle (nette)",
            nominal - escompte,
            lambda escompte: nominal - escompte,
        ),
    )
    return Variante(
        enonce=(
            f"Le **{remise.strftime('%d/%m/%Y')}**, l'entreprise remet à sa banque une lettre "
            f"de change de **{format_euros(nominal)}** à échéance du "
            f"**{echeance.strftime('%d/%m/%Y')}**. Taux d'escompte : **{format_pourcent(t)}** "
            "par an (année commerciale).\n\n"
            "Calculez le nombre de jours, l'escompte et la valeur actuelle."
        ),
        controle=ControleTableau(cellules),
        indices=(
            "Comptez les jours de la date de remise (exclue) à l'échéance (incluse).",
            "Escompte = valeur nominale × t × n / 360.",
            "Valeur actuelle = valeur nominale − escompte.",
        ),
        solution=(
            f"- n = {jours} jours du {remise.strftime('%d/%m')} au "
            f"{echeance.strftime('%d/%m/%Y')} ;\n"
            f"- escompte = {format_euros(nominal)} × {format_nombre(t / CENT)} × {jours} / 360"
            f" = {format_euros(escompte)} ;\n"
            f"- valeur actuelle = {format_euros(nominal)} − {format_euros(escompte)} = "
            f"**{format_euros(nominal - escompte)}**."
        ),
        parametres={"nominal": nominal, "taux": t, "remise": remise, "jours": jours},
    )
