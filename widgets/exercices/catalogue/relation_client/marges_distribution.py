"""Taux de marge, marges du distributeur, seuil de revente à perte, négociation (S443, S513, S741).

Traps practised: taux de marque given where the taux de marge was asked, a taux de marge used
as a taux de marque, a seuil de revente à perte computed without deducting the marge arrière
(before the triple net of L442-5 C. com.). Expected figures come from ``widgets.calculs``
(``marges``, ``prix_de_vente``, ``marge_avant``, ``marge_arriere``, ``seuil_revente_a_perte``,
``marge_de_manoeuvre``); trap values from ``widgets.calculs.pieges``.
"""

from __future__ import annotations

import random
from decimal import Decimal

from widgets.calculs import (
    arrondi_centime,
    format_euros,
    format_nombre,
    format_pourcent,
    marge_arriere,
    marge_avant,
    marge_de_manoeuvre,
    marges,
    prix_de_vente,
    seuil_revente_a_perte,
    un,
)
from widgets.calculs.arrondis import CENT
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


@exercice("taux-de-marge-1", "Taux de marge d'un article", savoirs=["S513"])
def taux_de_marge_1(alea: random.Random) -> Variante:
    cout = tirer_decimal(alea, 500, 8000, 10, 2)
    taux_marque = Decimal(alea.choice((20, 25, 30, 35, 40)))
    pv = prix_de_vente(cout, taux_de_marque=taux_marque).prix_vente_ht
    m = marges(cout, pv)
    piege = piege_connu("taux_de_marque_au_lieu_de_marge", cout, pv)
    return Variante(
        enonce=(
            f"Une boutique de souvenirs achète un parapluie **{format_euros(cout)} HT** et le "
            f"revend **{format_euros(pv)} HT**.\n\n"
            "Calculez le **taux de marge** (en %, arrondi à 0,01 %)."
        ),
        controle=ControleNombre(
            m.taux_de_marge, libelle="Taux de marge", unite="%", pieges=(piege,)
        ),
        indices=(
            "Marge = prix de vente HT − coût d'achat HT.",
            "Le taux de marge se rapporte au **coût d'achat HT** : marge / coût × 100.",
        ),
        solution=(
            f"Marge = {format_euros(pv)} − {format_euros(cout)} = {format_euros(m.marge)} ; "
            f"taux de marge = {format_euros(m.marge)} / {format_euros(cout)} × 100 = "
            f"**{format_pourcent(m.taux_de_marge)}** (le taux de marque, "
            f"{format_pourcent(m.taux_de_marque)}, se rapporte au prix de vente)."
        ),
        parametres={"cout": cout, "prix_vente_ht": pv},
    )


@exercice(
    "prix-depuis-taux-de-marge-1", "Prix de vente à partir du taux de marge", savoirs=["S513"]
)
def prix_depuis_taux_de_marge_1(alea: random.Random) -> Variante:
    cout = tirer_decimal(alea, 300, 5000, 10, 2)
    t = Decimal(alea.choice((20, 25, 30, 40, 50, 60)))
    m = prix_de_vente(cout, taux_de_marge=t)
    piege = piege_connu("marge_prise_pour_marque", cout, t)
    return Variante(
        enonce=(
            f"Un peignoir coûte **{format_euros(cout)} HT** à l'achat. Le magasin applique un "
            f"**taux de marge de {format_pourcent(t)}**.\n\nCalculez le **prix de vente HT**."
        ),
        controle=ControleNombre(m.prix_vente_ht, libelle="Prix de vente HT", pieges=(piege,)),
        indices=(
            "Le taux de marge se rapporte au coût d'achat : marge = coût × taux.",
            "PV HT = coût × (1 + taux de marge).",
        ),
        solution=(
            f"PV HT = {format_euros(cout)} × (1 + {format_nombre(t / CENT)}) = "
            f"**{format_euros(m.prix_vente_ht)}**"
        ),
        parametres={"cout": cout, "taux_de_marge": t},
    )


@exercice("distributeur-tableau-1", "Marges du distributeur et SRP", savoirs=["S513", "S443"])
def distributeur_tableau_1(alea: random.Random) -> Variante:
    net = tirer_decimal(alea, 150, 2500, 5, 2)  # 1,50 € … 25,00 €
    coefficient = Decimal(alea.choice(("1.3", "1.35", "1.4", "1.5")))
    revente = arrondi_centime(net * coefficient)
    t_arriere = Decimal(alea.choice((8, 10, 12, 15, 18)))
    transport = tirer_decimal(alea, 5, 60, 5, 2)
    alimentaire = alea.random() < 0.5
    avant = marge_avant(revente, net)
    arriere = marge_arriere(net, taux_sur_net_facture=t_arriere)
    srp = seuil_revente_a_perte(net, 0, transport, alimentaire=alimentaire, marge_arriere=arriere)
    sans_marge_arriere = seuil_revente_a_perte(net, 0, transport, alimentaire=alimentaire)
    produit = "pot de confiture" if alimentaire else "serviette de plage"
    cellules = (
        Cellule(
            "marge_avant",
            "Marge avant",
            avant.marge_avant,
            lambda revente, net: revente - net,
        ),
        Cellule(
            "marge_arriere",
            f"Marge arrière ({format_pourcent(t_arriere)} du net facturé)",
            arriere.montant,
            lambda net: arrondi_centime(net * t_arriere / CENT),
        ),
        Cellule(
            "triple_net",
            "Prix triple net",
            arriere.prix_triple_net,
            lambda net, marge_arriere: net - marge_arriere,
        ),
        Cellule(
            "srp",
            "Seuil de revente à perte (HT)",
            srp.seuil,
            (
                (
                    lambda triple_net, transport: (
                        triple_net + transport + arrondi_centime((triple_net + transport) / 10)
                    )
                )
                if alimentaire
                else (lambda triple_net, transport: triple_net + transport)
            ),
            points=Decimal(2),
            pieges=(
                Piege(
                    "srp_sans_marge_arriere",
                    sans_marge_arriere.seuil,
                    "Vous n'avez pas déduit la marge arrière : le prix d'achat effectif est le "
                    "net facturé diminué de tous les autres avantages financiers du fournisseur "
                    "(le triple net), plus les taxes et le transport (article L442-5 du code de "
                    "commerce).",
                ),
            ),
        ),
    )
    egalim = (
        "C'est une **denrée alimentaire** (SRP majoré de 10 %, loi EGalim)."
        if alimentaire
        else "Ce n'est pas un produit alimentaire."
    )
    return Variante(
        enonce=(
            f"Un hypermarché achète {un(produit)} **{format_euros(net)} HT** (net facturé) et le "
            f"revend **{format_euros(revente)} HT**. Le fournisseur lui verse une marge arrière "
            f"(coopération commerciale) de **{format_pourcent(t_arriere)}** du net facturé. Le "
            f"transport payé par l'hypermarché revient à **{format_euros(transport)}** par "
            f"article. {egalim}\n\n"
            "Calculez la marge avant, la marge arrière, le prix triple net et le seuil de "
            "revente à perte."
        ),
        controle=ControleTableau(
            cellules, donnees={"net": net, "revente": revente, "transport": transport}
        ),
        indices=(
            "Marge avant = prix de revente − net facturé ; prix triple net = net facturé − "
            "marge arrière.",
            "SRP = prix d'achat effectif = triple net (net facturé − marge arrière) + taxes + "
            "transport (article L442-5 du code de commerce) ; + 10 % pour une denrée "
            "alimentaire (SRP+10). Le seuil est HT : comparez-le au prix de revente HT.",
        ),
        solution="\n".join(
            [
                f"- Marge avant = {format_euros(revente)} − {format_euros(net)} = "
                f"{format_euros(avant.marge_avant)}",
                f"- Marge arrière = {format_euros(net)} × {format_pourcent(t_arriere)} = "
                f"{format_euros(arriere.montant)}",
                f"- Prix triple net = {format_euros(net)} − {format_euros(arriere.montant)} = "
                f"{format_euros(arriere.prix_triple_net)}",
                *(f"- {e}" for e in srp.etapes),
            ]
        ),
        parametres={"net": net, "revente": revente, "marge_arriere": t_arriere},
    )


@exercice("marge-de-manoeuvre-1", "Négociation : la marge qui reste", savoirs=["S741"])
def marge_de_manoeuvre_1(alea: random.Random) -> Variante:
    prix = tirer_decimal(alea, 800, 6000, 50)
    cout = arrondi_centime(prix * Decimal(alea.choice(("0.6", "0.65", "0.7"))))
    t_min = Decimal(alea.choice((15, 20, 25)))
    remise = Decimal(alea.choice((3, 5, 8, 10)))
    escompte = Decimal(alea.choice((1, 2)))
    port = tirer_decimal(alea, 10, 80, 5)
    jours = alea.choice((15, 30, 45, 60))
    t_fin = Decimal(alea.choice((4, 5, 6)))
    r = marge_de_manoeuvre(
        prix,
        cout,
        taux_marge_minimum=t_min,
        concessions={
            "remise": remise,
            "escompte": escompte,
            "port_offert": port,
            "delai_jours": jours,
            "taux_financement": t_fin,
        },
    )
    return Variante(
        enonce=(
            f"Vous vendez un lot au prix catalogue de **{format_euros(prix)} HT** ; il vous "
            f"coûte **{format_euros(cout)} HT**. Votre taux de marge minimum est "
            f"**{format_pourcent(t_min)}**. Le client obtient une remise de "
            f"**{format_pourcent(remise)}**, un escompte de **{format_pourcent(escompte)}**, le "
            f"port offert (**{format_euros(port)}**) et **{jours} jours** de délai de paiement "
            f"en plus (l'argent vous coûte **{format_pourcent(t_fin)}** par an, année "
            "commerciale).\n\n"
            "Calculez la **marge de manœuvre restante** (recette nette − prix plancher ; "
            "négative si le plancher est franchi)."
        ),
        controle=ControleNombre(r.marge_de_manoeuvre_restante, libelle="Marge de manœuvre"),
        indices=(
            "Prix plancher = coût × (1 + taux de marge minimum).",
            "Remise sur le prix catalogue, escompte sur le prix remisé ; le port offert et le "
            "coût du délai (prix net × taux × jours / 360) se retranchent ensuite.",
        ),
        solution="\n".join(f"- {e}" for e in r.etapes),
        parametres={"prix": prix, "cout": cout, "remise": remise, "escompte": escompte},
    )
