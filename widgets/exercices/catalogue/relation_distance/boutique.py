"""Boutique en ligne et place de marché (notebook ``relation_distance/01``): conversion,
abandon de panier, panier moyen, marge sur la place de marché contre le site, coût des retours,
coût d'acquisition et valeur vie client (S444, S532, S513, S521).

Every expected figure comes from :mod:`widgets.calculs.ecommerce`; the named traps from
:mod:`widgets.calculs.pieges_distance` (through :func:`piege_distance`) or, for a convention
that module does not know, a :class:`Piege` computed from the same data.
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
)
from widgets.calculs.arrondis import CENT, CENTIME
from widgets.calculs.ecommerce import (
    cout_acquisition_client,
    cout_des_retours,
    indicateurs_site,
    marge_marketplace,
    valeur_vie_client,
)
from widgets.calculs.francais import accorder
from widgets.calculs.pieges_distance import conversion_sur_les_visiteurs
from widgets.exercices import (
    Cellule,
    ControleNombre,
    ControleTableau,
    Piege,
    Variante,
    exercice,
    tirer_decimal,
)
from widgets.exercices.catalogue.relation_distance import piege_distance
from widgets.exercices.catalogue.relation_distance._commun import (
    PRODUITS,
    distincts,
    euros,
    moins,
    n,
)

TOLERANCE_TAUX = CENTIME


def _taux(a: int | Decimal, b: int | Decimal) -> Decimal:
    return arrondi(Decimal(a) * CENT / Decimal(b), 2)


def _trafic(alea: random.Random) -> dict[str, int | Decimal]:
    """A month of the web shop: visits, unique visitors, carts, orders, turnover HT."""
    visites = alea.randrange(8_000, 40_001, 100)
    visiteurs = visites * alea.randrange(62, 86) // 100
    paniers = visites * alea.randrange(6, 13) // 100
    commandes = max(12, paniers * alea.randrange(18, 40) // 100)
    ca = arrondi_centime(commandes * tirer_decimal(alea, 3500, 9500) / CENT)
    return {
        "visites": visites,
        "visiteurs": visiteurs,
        "paniers": paniers,
        "commandes": commandes,
        "ca": ca,
    }


def _tableau_trafic(t: dict, colonnes: tuple[str, ...]) -> str:
    noms = {
        "visites": "Visites (sessions)",
        "visiteurs": "Visiteurs uniques",
        "paniers": "Paniers créés",
        "commandes": "Commandes",
        "ca": "Chiffre d'affaires HT",
    }
    entete = "| " + " | ".join(noms[c] for c in colonnes) + " |"
    regle = "| " + " | ".join("---" for _ in colonnes) + " |"
    valeurs = (
        "| " + " | ".join(format_euros(t[c]) if c == "ca" else n(t[c]) for c in colonnes) + " |"
    )
    return f"{entete}\n{regle}\n{valeurs}"


@exercice(
    "conversion-visites-1",
    "Taux de conversion d'une boutique en ligne (sur les visites)",
    savoirs=["S532", "S444"],
)
def conversion_visites_1(alea: random.Random) -> Variante:
    t = _trafic(alea)
    k = indicateurs_site(t["visites"], t["paniers"], t["commandes"], t["ca"])
    pieges = [piege_distance("conversion_sur_les_visiteurs", t["visiteurs"], t["commandes"])]
    return Variante(
        enonce=(
            f"La boutique en ligne de l'entreprise (elle vend {alea.choice(PRODUITS)}) a "
            "enregistré ce mois-ci :\n\n"
            f"{_tableau_trafic(t, ('visites', 'visiteurs', 'commandes'))}\n\n"
            "Calculez le **taux de conversion** du site, mesuré sur les visites (en %, au "
            "centième)."
        ),
        controle=ControleNombre(
            k.taux_conversion,
            libelle="Taux de conversion",
            unite="%",
            tolerance=TOLERANCE_TAUX,
            pieges=distincts(k.taux_conversion, pieges, TOLERANCE_TAUX),
            decimales=2,
        ),
        indices=(
            "Une visite (session) est un passage sur le site ; un même visiteur peut venir "
            "plusieurs fois dans le mois.",
            "Taux de conversion = commandes / visites × 100.",
        ),
        solution=(
            f"Taux de conversion = {n(t['commandes'])} / {n(t['visites'])} × 100 = "
            f"**{format_pourcent(k.taux_conversion)}**.\n\n"
            f"Rapporté aux {n(t['visiteurs'])} visiteurs uniques, on trouverait "
            f"{format_pourcent(pieges[0].valeur)} : ce n'est pas le taux demandé."
        ),
        parametres=dict(t),
    )


@exercice(
    "conversion-visiteurs-1",
    "Taux de conversion par visiteur unique",
    savoirs=["S532", "S444"],
)
def conversion_visiteurs_1(alea: random.Random) -> Variante:
    t = _trafic(alea)
    # the right answer here: orders over UNIQUE visitors (the same calculs function the
    # « sessions » exercise names as a trap)
    attendu = conversion_sur_les_visiteurs(t["visiteurs"], t["commandes"])
    pieges = [piege_distance("conversion_sur_les_sessions", t["visites"], t["commandes"])]
    return Variante(
        enonce=(
            "Le responsable du site veut savoir quelle part des **personnes** venues sur la "
            "boutique en ligne a commandé (chaque personne comptée une fois dans le mois) :\n\n"
            f"{_tableau_trafic(t, ('visites', 'visiteurs', 'commandes'))}\n\n"
            "Calculez ce taux de conversion par visiteur unique (en %, au centième)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Taux de conversion par visiteur",
            unite="%",
            tolerance=TOLERANCE_TAUX,
            pieges=distincts(attendu, pieges, TOLERANCE_TAUX),
            decimales=2,
        ),
        indices=(
            "Chaque personne est comptée une fois : c'est le nombre de visiteurs uniques.",
            "Taux = commandes / visiteurs uniques × 100.",
        ),
        solution=(
            f"Taux = {n(t['commandes'])} / {n(t['visiteurs'])} × 100 = "
            f"**{format_pourcent(attendu)}**.\n\n"
            "Il est plus élevé que le taux sur les visites "
            f"({format_pourcent(pieges[0].valeur)}) : une personne vient plusieurs fois avant "
            "d'acheter."
        ),
        parametres=dict(t),
    )


@exercice(
    "abandon-panier-1",
    "Taux d'abandon de panier",
    savoirs=["S532", "S444"],
)
def abandon_panier_1(alea: random.Random) -> Variante:
    t = _trafic(alea)
    k = indicateurs_site(t["visites"], t["paniers"], t["commandes"], t["ca"])
    attendu = k.taux_abandon_panier
    arguments = (t["visites"], t["paniers"], t["commandes"])
    pieges = [
        piege_distance("abandon_sur_les_visites", *arguments),
        piege_distance("abandon_complement_de_la_conversion", *arguments),
    ]
    abandonnes = t["paniers"] - t["commandes"]
    return Variante(
        enonce=(
            "Sur la boutique en ligne, ce mois-ci :\n\n"
            f"{_tableau_trafic(t, ('visites', 'paniers', 'commandes'))}\n\n"
            "Un panier créé qui ne devient pas une commande est un panier abandonné. "
            "Calculez le **taux d'abandon de panier** (en %, au centième)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Taux d'abandon de panier",
            unite="%",
            tolerance=TOLERANCE_TAUX,
            pieges=distincts(attendu, pieges, TOLERANCE_TAUX),
            decimales=2,
        ),
        indices=(
            "La base du taux, ce sont les paniers créés, pas les visites.",
            "Taux d'abandon = (paniers − commandes) / paniers × 100 = (1 − commandes / paniers) "
            "× 100.",
        ),
        solution=(
            f"Paniers abandonnés = {n(t['paniers'])} − {n(t['commandes'])} = {n(abandonnes)}.\n\n"
            f"Taux d'abandon = {n(abandonnes)} / {n(t['paniers'])} × 100 = "
            f"**{format_pourcent(attendu)}**."
        ),
        parametres=dict(t),
    )


@exercice(
    "panier-moyen-1",
    "Panier moyen et chiffre d'affaires par visite",
    savoirs=["S532", "S444"],
)
def panier_moyen_1(alea: random.Random) -> Variante:
    t = _trafic(alea)
    k = indicateurs_site(t["visites"], t["paniers"], t["commandes"], t["ca"])
    ca = t["ca"]
    cellules = (
        Cellule(
            "panier",
            "Panier moyen",
            k.panier_moyen,
            lambda ca, commandes: arrondi_centime(ca / commandes),
            pieges=distincts(
                k.panier_moyen,
                [
                    Piege(
                        "panier_sur_les_paniers_crees",
                        arrondi_centime(ca / t["paniers"]),
                        "Le chiffre d'affaires a été divisé par les paniers créés : seuls les "
                        "paniers payés (les commandes) font du chiffre d'affaires. Panier moyen "
                        "= CA / commandes.",
                    )
                ],
                CENTIME,
            ),
        ),
        Cellule(
            "par_visite",
            "Chiffre d'affaires par visite",
            k.ca_par_visite,
            lambda ca, visites: arrondi_centime(ca / visites),
            pieges=distincts(
                k.ca_par_visite,
                [
                    Piege(
                        "ca_par_visiteur_unique",
                        arrondi_centime(ca / t["visiteurs"]),
                        "Le chiffre d'affaires a été divisé par les visiteurs uniques : le CA "
                        "par visite se rapporte aux visites (sessions).",
                    )
                ],
                CENTIME,
            ),
        ),
    )
    return Variante(
        enonce=(
            "La boutique en ligne a réalisé ce mois-ci :\n\n"
            f"{_tableau_trafic(t, ('visites', 'visiteurs', 'paniers', 'commandes', 'ca'))}\n\n"
            "Calculez le **panier moyen** et le **chiffre d'affaires par visite** (au centime)."
        ),
        controle=ControleTableau(
            cellules,
            donnees={
                "ca": ca,
                "commandes": Decimal(t["commandes"]),
                "visites": Decimal(t["visites"]),
            },
        ),
        indices=(
            "Panier moyen = chiffre d'affaires / nombre de commandes.",
            "CA par visite = chiffre d'affaires / nombre de visites.",
        ),
        solution=(
            f"- Panier moyen = {format_euros(ca)} / {n(t['commandes'])} = "
            f"**{format_euros(k.panier_moyen)}**\n"
            f"- CA par visite = {format_euros(ca)} / {n(t['visites'])} = "
            f"**{format_euros(k.ca_par_visite)}**"
        ),
        parametres=dict(t),
    )


def _produit_marketplace(alea: random.Random) -> dict[str, Decimal]:
    pv = tirer_decimal(alea, 2500, 9000, 10, 2)
    return {
        "pv": pv,
        "achat": arrondi_centime(pv * alea.randrange(32, 48) / CENT),
        "commission": Decimal(alea.choice((8, 10, 12, 15, 17, 20))),
        "logistique": tirer_decimal(alea, 350, 790, 10, 2),
        "taux_retour": Decimal(alea.randrange(4, 16)),
        "cout_retour": tirer_decimal(alea, 600, 1500, 10, 2),
    }


def _exact(p: dict[str, Decimal]) -> Decimal:
    """The net margin computed without rounding the commission nor the returns per sale."""
    return arrondi_centime(
        p["pv"]
        - p["achat"]
        - p["pv"] * p["commission"] / CENT
        - p["logistique"]
        - p["taux_retour"] * p["cout_retour"] / CENT
    )


def _tableau_produit(p: dict[str, Decimal]) -> str:
    return (
        "| Élément (par article vendu) | Valeur |\n| --- | --- |\n"
        f"| Prix de vente HT | {format_euros(p['pv'])} |\n"
        f"| Coût d'achat HT | {format_euros(p['achat'])} |\n"
        f"| Commission de la place de marché | {format_pourcent(p['commission'])} du prix HT |\n"
        f"| Frais logistiques (préparation, expédition) | {format_euros(p['logistique'])} |\n"
        f"| Taux de retour | {format_pourcent(p['taux_retour'])} des ventes |\n"
        f"| Coût d'un retour (port, remise en stock) | {format_euros(p['cout_retour'])} |"
    )


@exercice(
    "marge-marketplace-1",
    "Marge nette d'une vente sur la place de marché",
    savoirs=["S513", "S444"],
)
def marge_marketplace_1(alea: random.Random) -> Variante:
    p = _produit_marketplace(alea)
    arguments = (
        p["pv"],
        p["achat"],
        p["commission"],
        p["logistique"],
        p["taux_retour"],
        p["cout_retour"],
    )
    m = marge_marketplace(*arguments)
    exact = _exact(p)
    autres = (exact,) if exact != m.marge_nette else ()
    pieges = [
        piege_distance("marge_marketplace_sans_commission", *arguments),
        Piege(
            "marge_marketplace_sans_les_retours",
            m.marge_nette + m.cout_des_retours,
            "Le coût des retours a été oublié : sur une place de marché, une part des articles "
            "revient (droit de rétractation) et chaque retour coûte ; par vente, on retire "
            "taux de retour × coût d'un retour.",
        ),
    ]
    return Variante(
        enonce=(
            f"L'entreprise vend {alea.choice(PRODUITS)} sur une place de marché. Pour un "
            "article :\n\n"
            f"{_tableau_produit(p)}\n\n"
            "Calculez la **marge nette par article vendu** sur la place de marché (au centime)."
        ),
        controle=ControleNombre(
            m.marge_nette,
            libelle="Marge nette par article",
            pieges=distincts(m.marge_nette, pieges, CENTIME, autres),
            autres_attendus=autres,
        ),
        indices=(
            "La commission se calcule sur le prix de vente HT.",
            "Coût des retours par vente = taux de retour × coût d'un retour.",
            "Marge nette = prix HT − coût d'achat − commission − logistique − coût des retours.",
        ),
        solution=(
            f"- Commission = {format_euros(p['pv'])} × {format_pourcent(p['commission'])} = "
            f"{format_euros(m.commission)}\n"
            f"- Coût des retours par vente = {format_pourcent(p['taux_retour'])} × "
            f"{format_euros(p['cout_retour'])} = {format_euros(m.cout_des_retours)}\n"
            f"- Marge nette = {format_euros(p['pv'])} − {format_euros(p['achat'])} − "
            f"{format_euros(m.commission)} − {format_euros(p['logistique'])} − "
            f"{format_euros(m.cout_des_retours)} = **{euros(m.marge_nette)}** "
            f"({moins(format_pourcent(m.taux_marge_nette))} du prix HT)"
        ),
        parametres=dict(p),
    )


@exercice(
    "marketplace-ou-site-1",
    "Place de marché ou site en propre : la marge par article",
    savoirs=["S513", "S444"],
)
def marketplace_ou_site_1(alea: random.Random) -> Variante:
    p = _produit_marketplace(alea)
    paiement = Decimal(alea.choice(("1.2", "1.4", "1.8", "2.5")))
    logistique_site = p["logistique"] + tirer_decimal(alea, 50, 250, 10, 2)
    acquisition = tirer_decimal(alea, 300, 1400, 10, 2)
    m = marge_marketplace(
        p["pv"],
        p["achat"],
        p["commission"],
        p["logistique"],
        p["taux_retour"],
        p["cout_retour"],
        taux_frais_paiement_site=paiement,
        frais_logistiques_site=logistique_site,
        cout_acquisition_site=acquisition,
    )
    exact_mp = _exact(p)
    exact_site = arrondi_centime(
        p["pv"]
        - p["achat"]
        - p["pv"] * paiement / CENT
        - logistique_site
        - acquisition
        - p["taux_retour"] * p["cout_retour"] / CENT
    )
    autres_mp = (exact_mp,) if exact_mp != m.marge_nette else ()
    autres_site = (exact_site,) if exact_site != m.marge_nette_site else ()
    cellules = (
        Cellule(
            "marketplace",
            "Marge nette sur la place de marché",
            m.marge_nette,
            autres_attendus=autres_mp,
            pieges=distincts(
                m.marge_nette,
                [
                    piege_distance(
                        "marge_marketplace_sans_commission",
                        p["pv"],
                        p["achat"],
                        p["commission"],
                        p["logistique"],
                        p["taux_retour"],
                        p["cout_retour"],
                    )
                ],
                CENTIME,
                autres_mp,
            ),
        ),
        Cellule(
            "site",
            "Marge nette sur le site",
            m.marge_nette_site,
            autres_attendus=autres_site,
            pieges=distincts(
                m.marge_nette_site,
                [
                    Piege(
                        "marge_site_sans_acquisition",
                        m.marge_nette_site + acquisition,
                        "Le coût d'acquisition a été oublié : sur son propre site, l'entreprise "
                        "paie elle-même la publicité qui amène chaque commande (c'est ce que la "
                        "commission de la place de marché couvre).",
                    )
                ],
                CENTIME,
                autres_site,
            ),
        ),
        Cellule(
            "ecart",
            "Écart (place de marché − site)",
            m.ecart,
            lambda marketplace, site: marketplace - site,
        ),
    )
    return Variante(
        enonce=(
            f"{_tableau_produit(p)}\n\n"
            "Vendu sur le **site de la marque**, le même article ne paie pas de commission mais "
            f"des frais de paiement de {format_pourcent(paiement)} du prix HT, une logistique de "
            f"{format_euros(logistique_site)} et un coût d'acquisition (publicité) de "
            f"{format_euros(acquisition)} par commande ; le taux et le coût des retours sont les "
            "mêmes.\n\n"
            "Calculez la marge nette par article sur chaque canal (au centime), puis l'écart "
            "place de marché − site."
        ),
        controle=ControleTableau(cellules),
        indices=(
            "Place de marché : prix HT − achat − commission − logistique − retours.",
            "Site : prix HT − achat − frais de paiement − logistique − acquisition − retours.",
        ),
        solution=(
            f"- Place de marché : {format_euros(p['pv'])} − {format_euros(p['achat'])} − "
            f"{format_euros(m.commission)} − {format_euros(p['logistique'])} − "
            f"{format_euros(m.cout_des_retours)} = **{euros(m.marge_nette)}**\n"
            f"- Site : {format_euros(p['pv'])} − {format_euros(p['achat'])} − "
            f"{format_euros(m.frais_paiement_site)} − {format_euros(logistique_site)} − "
            f"{format_euros(acquisition)} − {format_euros(m.cout_des_retours_site)} = "
            f"**{euros(m.marge_nette_site)}**\n"
            f"- Écart = **{euros(m.ecart)}**"
        ),
        parametres={**p, "paiement": paiement, "acquisition": acquisition},
    )


@exercice(
    "cout-des-retours-1",
    "Taux et coût des retours de la boutique en ligne",
    savoirs=["S532", "S513"],
)
def cout_des_retours_1(alea: random.Random) -> Variante:
    commandes = alea.randrange(400, 3_001, 10)
    retours = commandes * alea.randrange(4, 19) // 100
    cout = tirer_decimal(alea, 600, 1800, 10, 2)
    r = cout_des_retours(commandes, retours, cout)
    cellules = (
        Cellule(
            "taux",
            "Taux de retour",
            r.taux_retour,
            lambda retours, commandes: _taux(retours, commandes),
            unite="%",
            tolerance=TOLERANCE_TAUX,
            pieges=distincts(
                r.taux_retour,
                [
                    Piege(
                        "retours_sur_commandes_gardees",
                        _taux(retours, commandes - retours),
                        "Les retours ont été rapportés aux seules commandes gardées : le taux de "
                        "retour se calcule sur toutes les commandes expédiées.",
                    )
                ],
                TOLERANCE_TAUX,
            ),
        ),
        Cellule(
            "total",
            "Coût total des retours",
            r.cout_total,
            lambda retours, cout: arrondi_centime(retours * cout),
        ),
        Cellule(
            "par_commande",
            "Coût des retours par commande",
            r.cout_par_commande,
            lambda total, commandes: arrondi_centime(total / commandes),
        ),
    )
    return Variante(
        enonce=(
            f"Sur le trimestre, la boutique en ligne a expédié {accorder(commandes, 'commande')}"
            f" ; {accorder(retours, 'colis', 'colis')} sont revenus (droit de rétractation de "
            "14 jours, code de la consommation, art. L221-18). Un retour coûte en moyenne "
            f"{format_euros(cout)} (port retour, contrôle, remise en stock).\n\n"
            "Calculez le taux de retour (en %, au centième), le coût total des retours et le "
            "coût des retours par commande expédiée (au centime)."
        ),
        controle=ControleTableau(
            cellules,
            donnees={
                "retours": Decimal(retours),
                "commandes": Decimal(commandes),
                "cout": cout,
            },
        ),
        indices=(
            "Taux de retour = retours / commandes expédiées × 100.",
            "Coût par commande = coût total / commandes expédiées : c'est ce que chaque vente "
            "doit supporter.",
        ),
        solution=(
            f"- Taux de retour = {n(retours)} / {n(commandes)} × 100 = "
            f"**{format_pourcent(r.taux_retour)}**\n"
            f"- Coût total = {n(retours)} × {format_euros(cout)} = "
            f"**{format_euros(r.cout_total)}**\n"
            f"- Coût par commande = {format_euros(r.cout_total)} / {n(commandes)} = "
            f"**{format_euros(r.cout_par_commande)}**"
        ),
        parametres={"commandes": commandes, "retours": retours, "cout": cout},
    )


@exercice(
    "cac-valeur-vie-1",
    "Coût d'acquisition et valeur vie d'un client de la boutique",
    savoirs=["S521", "S532"],
)
def cac_valeur_vie_1(alea: random.Random) -> Variante:
    depenses = tirer_decimal(alea, 1500, 9000, 50)
    nouveaux = alea.randrange(40, 301)
    panier = tirer_decimal(alea, 3500, 9000, 10, 2)
    frequence = Decimal(alea.choice((2, 3, 4, 5)))
    duree = Decimal(alea.choice((2, 3, 4)))
    taux_marge = Decimal(alea.randrange(25, 46))
    cac = cout_acquisition_client(depenses, nouveaux)
    v = valeur_vie_client(panier, frequence, duree, taux_marge, cac)
    sans_marge = arrondi_centime(v.ca_annuel * duree)
    cellules = (
        Cellule(
            "cac",
            "Coût d'acquisition d'un client",
            cac,
            lambda depenses, nouveaux: arrondi_centime(depenses / nouveaux),
        ),
        Cellule(
            "vvc",
            "Valeur vie client",
            v.valeur_vie_client,
            pieges=distincts(
                v.valeur_vie_client,
                [
                    Piege(
                        "valeur_vie_sur_le_chiffre_d_affaires",
                        sans_marge,
                        "C'est le chiffre d'affaires de toute la vie du client : la valeur vie "
                        "client se mesure en MARGE (CA × taux de marge), c'est elle qui paie "
                        "l'acquisition.",
                    )
                ],
                CENTIME,
            ),
        ),
        Cellule(
            "ratio",
            "Ratio valeur vie / coût d'acquisition",
            v.ratio_vvc_cac,
            lambda vvc, cac: arrondi(vvc / cac, 2),
            unite="",
            decimales=2,
            # the CAC kept exact (dépenses / nouveaux) instead of rounded to the cent
            autres_attendus=(arrondi(v.valeur_vie_client * nouveaux / depenses, 2),),
        ),
    )
    return Variante(
        enonce=(
            f"Une campagne de publicité en ligne a coûté {format_euros(depenses)} et a amené "
            f"{accorder(nouveaux, 'nouveau client', 'nouveaux clients')} sur la boutique. Un "
            f"client passe en moyenne {frequence} commandes par an de "
            f"{format_euros(panier)} HT, pendant {duree} ans ; le taux de marge est de "
            f"{format_pourcent(taux_marge)} du CA HT.\n\n"
            "Calculez le coût d'acquisition d'un client, sa valeur vie (en marge, au centime) "
            "et le ratio valeur vie / coût d'acquisition (au centième)."
        ),
        controle=ControleTableau(
            cellules, donnees={"depenses": depenses, "nouveaux": Decimal(nouveaux)}
        ),
        indices=(
            "Coût d'acquisition = dépenses / nouveaux clients.",
            "Valeur vie = panier × commandes par an × taux de marge × durée (en années).",
        ),
        solution=(
            f"- Coût d'acquisition = {format_euros(depenses)} / {n(nouveaux)} = "
            f"**{format_euros(cac)}**\n"
            f"- CA annuel = {format_euros(panier)} × {frequence} = {format_euros(v.ca_annuel)} ; "
            f"marge annuelle = {format_euros(v.ca_annuel)} × {format_pourcent(taux_marge)} = "
            f"{format_euros(v.marge_annuelle)} ; valeur vie = {format_euros(v.marge_annuelle)} "
            f"× {duree} = **{format_euros(v.valeur_vie_client)}**\n"
            f"- Ratio = {format_euros(v.valeur_vie_client)} / {format_euros(cac)} = "
            f"**{format_nombre(v.ratio_vvc_cac, 2)}**"
        ),
        parametres={
            "depenses": depenses,
            "nouveaux": nouveaux,
            "panier": panier,
            "frequence": frequence,
            "duree": duree,
            "taux_marge": taux_marge,
        },
    )
