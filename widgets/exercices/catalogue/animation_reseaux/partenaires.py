"""Les réseaux de partenaires et la franchise (S444, S634, S531, S632): redevances et résultat du
franchisé, seuil de rentabilité, challenge commercial, choix du canal, tableau de bord du réseau.
Carnet ``notebooks/animation_reseaux/02_reseaux_de_partenaires_et_franchise``.

Expected figures come from :mod:`widgets.calculs.reseau`; the named trap « redevances sur la
marge » from :mod:`widgets.calculs.pieges_reseaux`, the others are hand-made :class:`Piege`
computed from the same data. Other correct methods accepted: royalties computed on the sum of
the two rates, a break-even from the unrounded amortisation.
"""

from __future__ import annotations

import random
from decimal import Decimal

from widgets.calculs import arrondi, arrondi_centime, format_euros, format_nombre, format_pourcent
from widgets.calculs.arrondis import CENT
from widgets.calculs.reseau import (
    challenge_commercial,
    comparer_canaux,
    franchise,
    point_d_indifference,
    seuil_franchise,
    tableau_de_bord_reseau,
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
from widgets.exercices.catalogue.animation_reseaux import piege_reseaux

ENSEIGNES = ("Maison Douce", "Linge & Co", "Bain de Soleil", "Le Fil Bleu", "Coton Village")
VILLES = ("d'Annecy", "de Vannes", "de Colmar", "d'Arcachon", "de Sète", "d'Honfleur", "de Pau")


def _contrat(alea: random.Random) -> dict:
    """A franchise contract and the franchisee's year (amounts in €, rates in %)."""
    return {
        "ca": tirer_decimal(alea, 240, 900, 5) * 1000,
        "marge": tirer_decimal(alea, 38, 52, 1),
        "exploitation": tirer_decimal(alea, 30, 70, 5, 1),
        "publicite": tirer_decimal(alea, 5, 20, 5, 1),
        "droit": tirer_decimal(alea, 15, 40, 1) * 1000,
        "duree": alea.choice((5, 6, 7, 9)),
    }


@exercice("redevances-franchise-1", "Redevances versées par un franchisé", savoirs=["S634", "S444"])
def redevances_franchise_1(alea: random.Random) -> Variante:
    c = _contrat(alea)
    f = franchise(c["ca"], c["marge"], 0, 0, c["exploitation"], c["publicite"])
    en_un_calcul = arrondi_centime(c["ca"] * (c["exploitation"] + c["publicite"]) / CENT)
    piege = piege_reseaux(
        "redevances_sur_la_marge", c["ca"], c["marge"], c["exploitation"], c["publicite"]
    )
    enseigne = alea.choice(ENSEIGNES)
    ville = alea.choice(VILLES)
    return Variante(
        enonce=(
            f"Le franchisé « {enseigne} » {ville} a réalisé **{format_euros(c['ca'])} HT** de "
            f"chiffre d'affaires cette année, avec un taux de marge brute de "
            f"**{format_pourcent(c['marge'])}** (marge brute / CA HT). Son contrat prévoit une "
            f"redevance d'exploitation de **{format_pourcent(c['exploitation'])}** et une "
            f"redevance publicitaire de **{format_pourcent(c['publicite'])}**.\n\n"
            "Calculez le total des redevances dues au franchiseur pour l'année."
        ),
        controle=ControleNombre(
            f.total_redevances,
            libelle="Total des redevances",
            pieges=(piege,),
            autres_attendus=(en_un_calcul,),
        ),
        indices=(
            "Les redevances se calculent sur le chiffre d'affaires HT du franchisé, pas sur sa "
            "marge.",
            "Total = CA HT × taux d'exploitation + CA HT × taux publicitaire.",
        ),
        solution=(
            f"- Redevance d'exploitation = {format_euros(c['ca'])} × "
            f"{format_pourcent(c['exploitation'])} = {format_euros(f.redevance_exploitation)} ;\n"
            f"- redevance publicitaire = {format_euros(c['ca'])} × "
            f"{format_pourcent(c['publicite'])} = {format_euros(f.redevance_publicitaire)} ;\n"
            f"- total = **{format_euros(f.total_redevances)}**."
        ),
        parametres=c,
    )


@exercice(
    "resultat-franchise-1", "Compte de résultat simplifié d'un franchisé", savoirs=["S634", "S531"]
)
def resultat_franchise_1(alea: random.Random) -> Variante:
    c = _contrat(alea)
    fixes = arrondi_centime(c["ca"] * tirer_decimal(alea, 18, 32, 1) / CENT)
    f = franchise(
        c["ca"], c["marge"], fixes, c["droit"], c["exploitation"], c["publicite"], c["duree"]
    )
    sur_la_marge = piege_reseaux(
        "redevances_sur_la_marge", c["ca"], c["marge"], c["exploitation"], c["publicite"]
    )
    tout_cette_annee = Piege(
        "droit_d_entree_sur_une_annee",
        c["droit"],
        "Tout le droit d'entrée a été imputé à cette année ; il paie l'accès au réseau pour "
        "toute la durée du contrat : droit d'entrée / durée du contrat (en années).",
    )
    exact_amort = c["droit"] / c["duree"]
    return Variante(
        enonce=(
            f"Un franchisé réalise **{format_euros(c['ca'])} HT** de CA avec un taux de marge "
            f"brute de **{format_pourcent(c['marge'])}**. Ses charges fixes (loyer, personnel, "
            f"assurances…) s'élèvent à **{format_euros(fixes)}**. Il a payé un droit d'entrée "
            f"de **{format_euros(c['droit'])} HT** pour un contrat de **{c['duree']} ans**, et "
            f"verse une redevance d'exploitation de **{format_pourcent(c['exploitation'])}** et "
            f"une redevance publicitaire de **{format_pourcent(c['publicite'])}** du CA HT.\n\n"
            "Complétez son compte de résultat simplifié de l'année (droit d'entrée réparti "
            "également sur la durée du contrat)."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule(
                    "marge_brute",
                    "Marge brute",
                    f.marge_brute,
                    formule=lambda ca, taux_marge: arrondi_centime(ca * taux_marge / CENT),
                ),
                Cellule(
                    "redevances",
                    "Total des redevances",
                    f.total_redevances,
                    pieges=(sur_la_marge,),
                    autres_attendus=(
                        arrondi_centime(c["ca"] * (c["exploitation"] + c["publicite"]) / CENT),
                    ),
                ),
                Cellule(
                    "amortissement",
                    "Part du droit d'entrée de l'année",
                    f.amortissement_droit_d_entree,
                    pieges=(tout_cette_annee,),
                ),
                Cellule(
                    "resultat",
                    "Résultat",
                    f.resultat,
                    formule=lambda marge_brute, redevances, fixes, amortissement: (
                        marge_brute - redevances - fixes - amortissement
                    ),
                ),
            ),
            donnees={"ca": c["ca"], "taux_marge": c["marge"], "fixes": fixes},
        ),
        indices=(
            "Marge brute = CA HT × taux de marge brute.",
            "Redevances = CA HT × (taux d'exploitation + taux publicitaire).",
            "Part de l'année du droit d'entrée = droit d'entrée / durée du contrat.",
            "Résultat = marge brute − redevances − charges fixes − part du droit d'entrée.",
        ),
        solution=(
            f"- Marge brute = {format_euros(c['ca'])} × {format_pourcent(c['marge'])} = "
            f"**{format_euros(f.marge_brute)}** ;\n"
            f"- redevances = {format_euros(f.redevance_exploitation)} + "
            f"{format_euros(f.redevance_publicitaire)} = **{format_euros(f.total_redevances)}** ;\n"
            f"- droit d'entrée de l'année = {format_euros(c['droit'])} / {c['duree']} = "
            f"**{format_euros(f.amortissement_droit_d_entree)}** ;\n"
            f"- résultat = **{format_euros(f.resultat)}** "
            f"({format_pourcent(f.taux_de_resultat)} du CA HT)."
        ),
        parametres={**c, "fixes": fixes, "amortissement_exact": exact_amort},
    )


@exercice("seuil-franchise-1", "Seuil de rentabilité d'un franchisé", savoirs=["S634", "S531"])
def seuil_franchise_1(alea: random.Random) -> Variante:
    c = _contrat(alea)
    fixes = tirer_decimal(alea, 60, 180, 5) * 1000
    seuil = seuil_franchise(
        c["marge"], fixes, c["droit"], c["exploitation"], c["publicite"], c["duree"]
    )
    redevances = c["exploitation"] + c["publicite"]
    exact = arrondi_centime((fixes + c["droit"] / c["duree"]) * CENT / (c["marge"] - redevances))
    amort = arrondi_centime(c["droit"] / c["duree"])
    oubli = Piege(
        "seuil_sans_les_redevances",
        arrondi_centime((fixes + amort) * CENT / c["marge"]),
        "Les redevances ont été oubliées : elles sont proportionnelles au CA, ce sont des "
        "charges variables. Le seuil = charges fixes (droit d'entrée de l'année compris) / "
        "(taux de marge brute − taux des redevances).",
    )
    return Variante(
        enonce=(
            f"Un candidat à la franchise prévoit un taux de marge brute de "
            f"**{format_pourcent(c['marge'])}** du CA HT et **{format_euros(fixes)}** de charges "
            f"fixes par an. Le franchiseur demande un droit d'entrée de "
            f"**{format_euros(c['droit'])} HT** (contrat de **{c['duree']} ans**, réparti "
            f"également sur la durée), une redevance d'exploitation de "
            f"**{format_pourcent(c['exploitation'])}** et une redevance publicitaire de "
            f"**{format_pourcent(c['publicite'])}** du CA HT.\n\n"
            "Quel chiffre d'affaires HT annuel lui faut-il pour couvrir toutes ses charges "
            "(seuil de rentabilité) ?"
        ),
        controle=ControleNombre(
            seuil, libelle="Seuil de rentabilité", pieges=(oubli,), autres_attendus=(exact,)
        ),
        indices=(
            "Charges fixes de l'année = charges fixes + droit d'entrée / durée du contrat.",
            "Les redevances (en % du CA) sont des charges variables.",
            "Seuil = charges fixes de l'année / (taux de marge brute − taux des redevances).",
        ),
        solution=(
            f"- Charges fixes de l'année = {format_euros(fixes)} + {format_euros(c['droit'])} / "
            f"{c['duree']} = {format_euros(fixes + amort)} ;\n"
            f"- taux de marge sur coûts variables = {format_pourcent(c['marge'])} − "
            f"{format_pourcent(redevances)} = {format_pourcent(c['marge'] - redevances)} ;\n"
            f"- seuil = {format_euros(fixes + amort)} / "
            f"{format_pourcent(c['marge'] - redevances)} = **{format_euros(seuil)}**."
        ),
        parametres={**c, "fixes": fixes},
    )


@exercice(
    "challenge-commercial-1",
    "Un challenge des distributeurs est-il rentable ?",
    savoirs=["S634", "S632"],
)
def challenge_commercial_1(alea: random.Random) -> Variante:
    ca = tirer_decimal(alea, 20, 150, 1) * 1000
    t = tirer_decimal(alea, 18, 40, 1)
    recompenses = tirer_decimal(alea, 20, 120, 5) * 100
    frais = tirer_decimal(alea, 5, 40, 1) * 100
    ch = challenge_commercial(ca, t, recompenses, frais)
    sur_le_ca = Piege(
        "gain_sur_le_ca",
        ca - ch.cout_total,
        "Le coût a été retiré du CA supplémentaire ; un challenge ne rapporte que la MARGE de "
        "ce CA : gain net = CA supplémentaire × taux de marge − coût total.",
    )
    roi_ca = Piege(
        "roi_sur_le_ca",
        arrondi((ca - ch.cout_total) * CENT / ch.cout_total, 2),
        "Le ROI a été calculé sur le CA ; il se calcule sur le gain net, à partir de la marge : "
        "(marge supplémentaire − coût) / coût × 100.",
    )
    nb = alea.randrange(6, 16)
    return Variante(
        enonce=(
            f"Pour lancer la nouvelle gamme de peignoirs, l'entreprise organise un challenge "
            f"entre ses **{nb} distributeurs** : **{format_euros(recompenses)}** de récompenses "
            f"et **{format_euros(frais)}** de frais d'organisation. Le challenge a apporté "
            f"**{format_euros(ca)} HT** de CA supplémentaire, sur lequel l'entreprise réalise un "
            f"taux de marge de **{format_pourcent(t)}** (marge / CA HT).\n\n"
            "Calculez la marge supplémentaire, le coût total, le gain net et le ROI du challenge "
            "(en %, à 0,01 % près)."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule(
                    "marge",
                    "Marge supplémentaire",
                    ch.marge_supplementaire,
                    formule=lambda ca, taux_marge: arrondi_centime(ca * taux_marge / CENT),
                ),
                Cellule(
                    "cout",
                    "Coût total",
                    ch.cout_total,
                    formule=lambda recompenses, frais: recompenses + frais,
                ),
                Cellule(
                    "gain",
                    "Gain net",
                    ch.gain_net,
                    formule=lambda marge, cout: marge - cout,
                    pieges=(sur_le_ca,),
                ),
                Cellule(
                    "roi",
                    "ROI",
                    ch.roi,
                    formule=lambda gain, cout: arrondi(gain * CENT / cout, 2),
                    unite="%",
                    pieges=(roi_ca,),
                ),
            ),
            donnees={"ca": ca, "taux_marge": t, "recompenses": recompenses, "frais": frais},
        ),
        indices=(
            "Marge supplémentaire = CA supplémentaire × taux de marge.",
            "Coût total = récompenses + frais ; gain net = marge supplémentaire − coût total.",
            "ROI = gain net / coût total × 100.",
        ),
        solution=(
            f"- Marge supplémentaire = {format_euros(ca)} × {format_pourcent(t)} = "
            f"**{format_euros(ch.marge_supplementaire)}** ;\n"
            f"- coût total = **{format_euros(ch.cout_total)}** ;\n"
            f"- gain net = **{format_euros(ch.gain_net)}** ;\n"
            f"- ROI = **{format_nombre(ch.roi, 2)}\u00a0%**. Le challenge se paie à partir de "
            f"{format_euros(ch.ca_supplementaire_minimal)} de CA supplémentaire."
        ),
        parametres={"ca": ca, "taux_marge": t, "recompenses": recompenses, "frais": frais},
    )


@exercice(
    "point-indifference-1",
    "Force de vente salariée ou agents commerciaux : le point d'indifférence",
    savoirs=["S444", "S634"],
)
def point_indifference_1(alea: random.Random) -> Variante:
    fixe = tirer_decimal(alea, 40, 150, 5) * 1000
    t_fv = tirer_decimal(alea, 1, 5, 1)
    t_agent = tirer_decimal(alea, 8, 15, 1)
    p = point_d_indifference(fixe, t_fv, 0, t_agent)
    oubli = Piege(
        "commission_des_salaries_oubliee",
        arrondi_centime(fixe * CENT / t_agent),
        "La commission des vendeurs salariés a été oubliée : au point d'indifférence, fixe + "
        "CA × commission des salariés = CA × commission des agents, donc CA = fixe / "
        "(commission des agents − commission des salariés).",
    )
    return Variante(
        enonce=(
            f"Sur un nouveau secteur, l'entreprise hésite entre deux vendeurs salariés "
            f"(**{format_euros(fixe)}** par an de salaires fixes, charges et frais, plus "
            f"**{format_pourcent(t_fv)}** de commission sur le CA HT) et des agents commerciaux "
            f"(mandataires payés **{format_pourcent(t_agent)}** de commission sur le CA HT, "
            "sans fixe).\n\n"
            "Pour quel CA HT annuel les deux solutions coûtent-elles autant ?"
        ),
        controle=ControleNombre(
            p.chiffre_affaires, libelle="Point d'indifférence", pieges=(oubli,)
        ),
        indices=(
            "Coût des salariés = fixe + CA × commission ; coût des agents = CA × commission.",
            "Égalisez les deux coûts et isolez le CA.",
        ),
        solution=(
            f"{format_euros(fixe)} + CA × {format_pourcent(t_fv)} = CA × "
            f"{format_pourcent(t_agent)}, donc CA = {format_euros(fixe)} / "
            f"{format_pourcent(t_agent - t_fv)} = **{format_euros(p.chiffre_affaires)}** "
            f"(coût : {format_euros(p.cout)}). En dessous, les agents coûtent moins cher ; "
            "au-dessus, les salariés."
        ),
        parametres={"fixe": fixe, "taux_salaries": t_fv, "taux_agents": t_agent},
    )


@exercice(
    "cout-des-canaux-1",
    "Coût d'un canal de vente en pourcentage du CA",
    savoirs=["S444", "S634"],
)
def cout_des_canaux_1(alea: random.Random) -> Variante:
    ca = tirer_decimal(alea, 400, 1500, 10) * 1000
    fixe = tirer_decimal(alea, 40, 150, 5) * 1000
    t_fv = tirer_decimal(alea, 1, 5, 1)
    t_agent = tirer_decimal(alea, 8, 15, 1)
    t_dist = tirer_decimal(alea, 16, 30, 1)
    comp = comparer_canaux(ca, fixe, t_fv, t_agent, t_dist)
    fv = comp.canaux[0]
    sans_fixe = Piege(
        "fixe_oublie",
        t_fv,
        "Le fixe de la force de vente a été oublié : coût = fixe + CA × commission, puis "
        "coût / CA × 100.",
    )
    return Variante(
        enonce=(
            f"Pour un CA HT prévu de **{format_euros(ca)}**, l'entreprise compare trois canaux : "
            f"sa force de vente salariée (**{format_euros(fixe)}** de fixe, charges et frais, "
            f"plus **{format_pourcent(t_fv)}** de commission), des agents commerciaux "
            f"(**{format_pourcent(t_agent)}** de commission) ou des distributeurs (une marge de "
            f"**{format_pourcent(t_dist)}** du CA leur est laissée).\n\n"
            "Combien coûte la force de vente salariée, en % du CA (à 0,01 % près) ?"
        ),
        controle=ControleNombre(
            fv.cout_pct_ca,
            libelle="Coût de la force de vente",
            unite="%",
            pieges=(sans_fixe,),
        ),
        indices=(
            "Coût = fixe + CA × taux de commission.",
            "En % du CA : coût / CA × 100.",
        ),
        solution=(
            f"Coût = {format_euros(fixe)} + {format_euros(ca)} × {format_pourcent(t_fv)} = "
            f"{format_euros(fv.cout)}, soit **{format_nombre(fv.cout_pct_ca, 2)}\u00a0%** du CA "
            f"(agents : {format_nombre(comp.canaux[1].cout_pct_ca, 2)}\u00a0%, distributeurs : "
            f"{format_nombre(comp.canaux[2].cout_pct_ca, 2)}\u00a0%). Le moins cher : "
            f"{comp.moins_cher.lower()}."
        ),
        parametres={"ca": ca, "fixe": fixe, "t_fv": t_fv, "t_agent": t_agent, "t_dist": t_dist},
    )


@exercice(
    "tableau-de-bord-partenaires-1",
    "Tableau de bord du réseau : taux de réalisation des objectifs",
    savoirs=["S634", "S633"],
)
def tableau_de_bord_partenaires_1(alea: random.Random) -> Variante:
    while True:
        noms = alea.sample(ENSEIGNES, 4)
        lignes = []
        for nom in noms:
            objectif = tirer_decimal(alea, 60, 400, 5) * 1000
            realise = arrondi_centime(objectif * tirer_decimal(alea, 70, 125, 1) / CENT)
            lignes.append({"partenaire": nom, "objectif": objectif, "realise": realise})
        tdb = tableau_de_bord_reseau(lignes)
        moyenne = arrondi(
            sum((ligne.taux_de_realisation for ligne in tdb.lignes), Decimal(0)) / 4, 2
        )
        if abs(moyenne - tdb.taux_de_realisation) > Decimal("0.5"):
            break
    i = alea.randrange(4)
    x = tdb.lignes[i]
    moyenne_des_taux = Piege(
        "moyenne_des_taux",
        moyenne,
        "C'est la moyenne simple des taux des partenaires : elle donne le même poids à un "
        "petit et à un gros partenaire. Le taux du réseau = réalisé total / objectif total × "
        "100.",
    )
    sur_le_realise = Piege(
        "ecart_rapporte_au_realise",
        arrondi(x.ecart * CENT / x.realise, 2),
        "L'écart a été rapporté au réalisé ; un écart en % se rapporte à l'objectif : "
        "(réalisé − objectif) / objectif × 100.",
    )
    tableau = "| Partenaire | Objectif HT | Réalisé HT |\n| --- | --- | --- |\n" + "".join(
        f"| {ligne['partenaire']} | {format_euros(ligne['objectif'])} | "
        f"{format_euros(ligne['realise'])} |\n"
        for ligne in lignes
    )
    return Variante(
        enonce=(
            "Les quatre distributeurs de la région ont réalisé sur l'année :\n\n"
            + tableau
            + f"\n1. Calculez le taux de réalisation de « {x.partenaire} » (en %, à 0,01 % près)."
            f"\n2. Calculez l'écart de « {x.partenaire} » en % de son objectif (à 0,01 % près)."
            "\n3. Calculez le taux de réalisation de l'ensemble du réseau (à 0,01 % près)."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule(
                    "taux",
                    f"Taux de réalisation de {x.partenaire}",
                    x.taux_de_realisation,
                    formule=lambda realise, objectif: arrondi(realise * CENT / objectif, 2),
                    unite="%",
                ),
                Cellule(
                    "ecart_pct",
                    f"Écart de {x.partenaire}",
                    x.ecart_pct,
                    formule=lambda taux: taux - CENT,
                    unite="%",
                    pieges=(sur_le_realise,),
                ),
                Cellule(
                    "taux_reseau",
                    "Taux de réalisation du réseau",
                    tdb.taux_de_realisation,
                    formule=lambda realise_total, objectif_total: arrondi(
                        realise_total * CENT / objectif_total, 2
                    ),
                    unite="%",
                    pieges=(moyenne_des_taux,),
                ),
            ),
            donnees={
                "realise": x.realise,
                "objectif": x.objectif,
                "realise_total": tdb.realise_total,
                "objectif_total": tdb.objectif_total,
            },
        ),
        indices=(
            "Taux de réalisation = réalisé / objectif × 100.",
            "Écart en % = (réalisé − objectif) / objectif × 100 (négatif si l'objectif n'est "
            "pas atteint).",
            "Pour le réseau, additionnez les objectifs et les réalisés avant de diviser.",
        ),
        solution=(
            f"- {x.partenaire} : {format_euros(x.realise)} / {format_euros(x.objectif)} × 100 = "
            f"**{format_nombre(x.taux_de_realisation, 2)}\u00a0%** ;\n"
            f"- écart = {format_euros(x.ecart)}, soit "
            f"**{format_nombre(x.ecart_pct, 2)}\u00a0%** de l'objectif ;\n"
            f"- réseau : {format_euros(tdb.realise_total)} / {format_euros(tdb.objectif_total)} "
            f"× 100 = **{format_nombre(tdb.taux_de_realisation, 2)}\u00a0%**.\n\n"
            f"Classement : {', '.join(tdb.classement)}."
        ),
        parametres={"lignes": lignes, "partenaire": x.partenaire},
    )
