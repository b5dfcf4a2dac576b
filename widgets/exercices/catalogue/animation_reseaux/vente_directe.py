"""Le réseau de vente directe (S634, S622, S631, S633): réunions à domicile, cadeau de l'hôtesse,
revenu du VDI mandataire ou acheteur-revendeur, plan à deux niveaux, recrutement et attrition.
Carnet ``notebooks/animation_reseaux/03_reseau_de_vente_directe``.

Expected figures come from :mod:`widgets.calculs.vdi`; the named trap « cadeau de l'hôtesse sur
le TTC » from :mod:`widgets.calculs.pieges_reseaux`, the others are hand-made :class:`Piege`.
Other correct methods accepted: the gift computed in one go from the TTC sales (without rounding
the CA HT first), the contacts needed from the overall rate rounded to 0,01 %.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal

from widgets.calculs import (
    accorder,
    arrondi,
    arrondi_centime,
    format_euros,
    format_nombre,
    format_pourcent,
)
from widgets.calculs.arrondis import CENT
from widgets.calculs.vdi import (
    ACHETEUR_REVENDEUR,
    MANDATAIRE,
    attrition_reseau,
    entonnoir_recrutement,
    plan_de_remuneration_deux_niveaux,
    reunion_a_domicile,
    revenu_vdi,
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

TVA = Decimal(20)
PRENOMS = ("Sophie", "Nadia", "Camille", "Inès", "Laura", "Maëlle", "Chloé", "Amina", "Julie")
VENDEUSES = ("Claire", "Fatou", "Émilie", "Sarah", "Manon", "Yasmine", "Léa", "Hélène")


@exercice(
    "cadeau-hotesse-1", "Le cadeau de l'hôtesse d'une réunion à domicile", savoirs=["S634", "S631"]
)
def cadeau_hotesse_1(alea: random.Random) -> Variante:
    seuil = tirer_decimal(alea, 3, 6, 1) * 100
    while True:
        ttc = tirer_decimal(alea, 45000, 160000, 5, 2)
        t = tirer_decimal(alea, 8, 15, 1)
        r = reunion_a_domicile(ttc, t, 0, seuil)
        if r.seuil_atteint:
            break
    en_une_fois = arrondi_centime(ttc * t / (CENT + TVA))
    piege = piege_reseaux("cadeau_hotesse_sur_le_ttc", ttc, t, seuil)
    hotesse = alea.choice(PRENOMS)
    return Variante(
        enonce=(
            f"{hotesse} a reçu chez elle une réunion de vente de linge de maison. Les ventes de "
            f"la réunion s'élèvent à **{format_euros(ttc)} TTC** (TVA à 20 %). Le plan de "
            f"l'entreprise prévoit pour l'hôtesse un bon d'achat de **{format_pourcent(t)} du CA "
            f"HT** de la réunion, dès que ce CA HT atteint **{format_euros(seuil)}**.\n\n"
            "Calculez le montant du cadeau de l'hôtesse."
        ),
        controle=ControleNombre(
            r.cadeau_hotesse,
            libelle="Cadeau de l'hôtesse",
            pieges=(piege,),
            autres_attendus=(en_une_fois,),
        ),
        indices=(
            "CA HT = ventes TTC / 1,20.",
            "Vérifiez le seuil sur le CA HT, puis cadeau = CA HT × taux.",
        ),
        solution=(
            f"CA HT = {format_euros(ttc)} / 1,20 = {format_euros(r.ca_ht)} (≥ "
            f"{format_euros(seuil)} : le seuil est atteint) ; cadeau = {format_euros(r.ca_ht)} × "
            f"{format_pourcent(t)} = **{format_euros(r.cadeau_hotesse)}**."
        ),
        parametres={"ttc": ttc, "taux": t, "seuil": seuil},
    )


@exercice("reunion-a-domicile-1", "Les chiffres d'une réunion à domicile", savoirs=["S634", "S631"])
def reunion_a_domicile_1(alea: random.Random) -> Variante:
    invitees = alea.randrange(10, 19)
    presentes = alea.randrange(5, invitees - 1)
    ttc = tirer_decimal(alea, 40000, 150000, 5, 2)
    t = tirer_decimal(alea, 18, 30, 1)
    r = reunion_a_domicile(ttc, 0, t, 0, TVA, presentes)
    hotesse = alea.choice(PRENOMS)
    vendeuse = alea.choice(VENDEUSES)
    presence = arrondi(Decimal(presentes) * CENT / invitees, 2)
    return Variante(
        enonce=(
            f"{vendeuse}, vendeuse à domicile indépendante (VDI), anime une réunion chez "
            f"{hotesse} : {accorder(invitees, 'invitée')}, {accorder(presentes, 'présente')}, "
            f"**{format_euros(ttc)} TTC** de commandes (TVA à 20 %). Elle touche une commission "
            f"de **{format_pourcent(t)} du CA HT**.\n\n"
            "Calculez le CA HT de la réunion, la commission de la VDI et le panier moyen TTC par "
            "personne présente."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule(
                    "ca_ht",
                    "CA HT",
                    r.ca_ht,
                    formule=lambda ttc: arrondi_centime(ttc * CENT / (CENT + TVA)),
                ),
                Cellule(
                    "commission",
                    "Commission de la VDI",
                    r.commission_vdi,
                    formule=lambda ca_ht, taux: arrondi_centime(ca_ht * taux / CENT),
                    pieges=(
                        Piege(
                            "commission_sur_le_ttc",
                            arrondi_centime(ttc * t / CENT),
                            "La commission a été calculée sur les ventes TTC ; la TVA n'est pas "
                            "un chiffre d'affaires : commission = CA HT × taux.",
                        ),
                    ),
                ),
                Cellule(
                    "panier",
                    "Panier moyen TTC par présente",
                    r.panier_moyen_ttc,
                    pieges=(
                        Piege(
                            "panier_par_invitee",
                            arrondi_centime(ttc / invitees),
                            "Les ventes ont été divisées par le nombre d'invitées ; seules les "
                            "personnes présentes ont acheté : ventes TTC / présentes.",
                        ),
                    ),
                ),
            ),
            donnees={"ttc": ttc, "taux": t},
        ),
        indices=(
            "CA HT = ventes TTC / 1,20.",
            "Commission = CA HT × taux de commission.",
            "Panier moyen = ventes TTC / nombre de présentes.",
        ),
        solution=(
            f"- CA HT = {format_euros(ttc)} / 1,20 = **{format_euros(r.ca_ht)}** ;\n"
            f"- commission = {format_euros(r.ca_ht)} × {format_pourcent(t)} = "
            f"**{format_euros(r.commission_vdi)}** ;\n"
            f"- panier moyen = {format_euros(ttc)} / {presentes} = "
            f"**{format_euros(r.panier_moyen_ttc)}** "
            f"(taux de présence : {format_pourcent(presence)})."
        ),
        parametres={"invitees": invitees, "presentes": presentes, "ttc": ttc, "taux": t},
    )


@exercice(
    "mandataire-ou-revendeur-1",
    "VDI mandataire ou acheteur-revendeur : comparer les revenus",
    savoirs=["S622", "S631"],
)
def mandataire_ou_revendeur_1(alea: random.Random) -> Variante:
    ventes = tirer_decimal(alea, 80000, 400000, 5, 2)
    t = tirer_decimal(alea, 18, 28, 1)
    remise = tirer_decimal(alea, 25, 40, 1)
    achats = arrondi_centime(ventes * (CENT - remise) / CENT)
    mandataire = revenu_vdi(MANDATAIRE, ventes, t)
    revendeur = revenu_vdi(ACHETEUR_REVENDEUR, ventes, achats=achats)
    vendeuse = alea.choice(VENDEUSES)
    return Variante(
        enonce=(
            f"{vendeuse} vend chaque mois en moyenne **{format_euros(ventes)} HT** de linge de "
            "maison au prix du catalogue. Elle hésite entre deux formes du statut de VDI :\n\n"
            f"- **mandataire** : elle vend au nom de l'entreprise, sans stock, et touche "
            f"**{format_pourcent(t)}** de commission sur les ventes HT ;\n"
            f"- **acheteur-revendeur** : elle achète les produits avec une remise de "
            f"**{format_pourcent(remise)}** sur le prix catalogue HT, les stocke et les revend au "
            "prix catalogue.\n\n"
            "Calculez son revenu brut mensuel dans chaque cas, puis l'écart (revendeur − "
            "mandataire)."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule(
                    "mandataire",
                    "Revenu du mandataire",
                    mandataire.revenu,
                    formule=lambda ventes, taux: arrondi_centime(ventes * taux / CENT),
                ),
                Cellule(
                    "revendeur",
                    "Revenu de l'acheteur-revendeur",
                    revendeur.revenu,
                    pieges=(
                        Piege(
                            "remise_appliquee_au_prix_d_achat",
                            arrondi_centime(achats * remise / CENT),
                            "La remise a été appliquée au prix d'achat ; elle se calcule sur le "
                            "prix catalogue : marge = ventes − achats, achats = ventes × (1 − "
                            "remise).",
                        ),
                    ),
                ),
                Cellule(
                    "ecart",
                    "Écart (revendeur − mandataire)",
                    revendeur.revenu - mandataire.revenu,
                    formule=lambda mandataire, revendeur: revendeur - mandataire,
                ),
            ),
            donnees={"ventes": ventes, "taux": t},
        ),
        indices=(
            "Mandataire : revenu = ventes HT × taux de commission.",
            "Acheteur-revendeur : achats = ventes × (1 − remise) ; revenu = ventes − achats.",
        ),
        solution=(
            f"- Mandataire : {format_euros(ventes)} × {format_pourcent(t)} = "
            f"**{format_euros(mandataire.revenu)}** ;\n"
            f"- acheteur-revendeur : achats = {format_euros(ventes)} × (1 − "
            f"{format_pourcent(remise)}) = {format_euros(achats)} ; revenu = "
            f"{format_euros(ventes)} − {format_euros(achats)} = "
            f"**{format_euros(revendeur.revenu)}** ;\n"
            f"- écart = **{format_euros(revendeur.revenu - mandataire.revenu)}**.\n\n"
            "L'acheteur-revendeur gagne plus par vente, mais il avance l'argent du stock et "
            "garde les invendus."
        ),
        parametres={"ventes": ventes, "taux": t, "remise": remise},
    )


@exercice(
    "plan-deux-niveaux-1",
    "Rémunération d'une animatrice d'équipe (plan à deux niveaux)",
    savoirs=["S631", "S634"],
)
def plan_deux_niveaux_1(alea: random.Random) -> Variante:
    perso = tirer_decimal(alea, 150000, 500000, 5, 2)
    n = alea.randrange(2, 6)
    equipe = [tirer_decimal(alea, 40000, 300000, 5, 2) for _ in range(n)]
    t_perso = tirer_decimal(alea, 18, 28, 1)
    t_sur = tirer_decimal(alea, 2, 8, 1)
    plan = plan_de_remuneration_deux_niveaux(perso, equipe, t_perso, t_sur)
    sur_tout = arrondi_centime(perso * t_perso / CENT) + arrondi_centime(
        (perso + sum(equipe)) * t_sur / CENT
    )
    vendeuse = alea.choice(VENDEUSES)
    filleules = alea.sample(PRENOMS, n)
    liste = "\n".join(
        f"- {p} : {format_euros(v)} HT" for p, v in zip(filleules, equipe, strict=True)
    )
    return Variante(
        enonce=(
            f"{vendeuse}, VDI, a vendu ce mois-ci **{format_euros(perso)} HT**. Elle a parrainé "
            f"{accorder(n, 'vendeuse')}, dont voici les ventes HT du mois :\n\n{liste}\n\n"
            f"Le plan de rémunération lui verse **{format_pourcent(t_perso)}** de ses ventes "
            f"personnelles et une surcommission de **{format_pourcent(t_sur)}** sur les ventes "
            "de ses filleules directes.\n\nCalculez sa rémunération brute du mois."
        ),
        controle=ControleNombre(
            plan.total,
            libelle="Rémunération du mois",
            pieges=(
                Piege(
                    "surcommission_sur_toutes_les_ventes",
                    sur_tout,
                    "La surcommission a été calculée sur toutes les ventes, les siennes "
                    "comprises ; elle ne porte que sur les ventes de l'équipe (ses filleules), "
                    "ses propres ventes étant déjà commissionnées.",
                ),
            ),
        ),
        indices=(
            "Commission personnelle = ventes personnelles × taux personnel.",
            "Surcommission = total des ventes des filleules × taux de surcommission.",
        ),
        solution=(
            f"- Commission personnelle = {format_euros(perso)} × {format_pourcent(t_perso)} = "
            f"{format_euros(plan.commission_personnelle)} ;\n"
            f"- surcommission = {format_euros(plan.ventes_equipe)} × {format_pourcent(t_sur)} = "
            f"{format_euros(plan.surcommission)} ;\n"
            f"- total = **{format_euros(plan.total)}**."
        ),
        parametres={"perso": perso, "equipe": equipe, "t_perso": t_perso, "t_sur": t_sur},
    )


@exercice(
    "recrutement-vdi-1",
    "Entonnoir de recrutement du réseau de VDI",
    savoirs=["S622", "S634"],
)
def recrutement_vdi_1(alea: random.Random) -> Variante:
    while True:
        contacts = alea.randrange(200, 801, 10)
        reunions = int(contacts * tirer_decimal(alea, 15, 35, 1) / CENT)
        recrues = int(reunions * tirer_decimal(alea, 20, 45, 1) / CENT)
        actifs = int(recrues * tirer_decimal(alea, 45, 80, 1) / CENT)
        if actifs < 2:
            continue
        objectif = alea.randrange(10, 41, 5)
        e = entonnoir_recrutement(
            (
                ("contacts", contacts),
                ("réunions d'information", reunions),
                ("recrues", recrues),
                ("VDI actives après 3 mois", actifs),
            ),
            objectif,
        )
        global_arrondi = Decimal(math.ceil(objectif * CENT / e.taux_global))
        dernier_taux = Decimal(math.ceil(objectif * CENT / e.etapes[-1].taux_etape))
        attendu = Decimal(e.contacts_necessaires)
        if abs(dernier_taux - attendu) > 1:
            break
    piege = Piege(
        "dernier_taux_seul",
        dernier_taux,
        "Seul le dernier taux (recrues → actives) a été utilisé : il donne le nombre de "
        "RECRUES nécessaires. Il faut remonter tout l'entonnoir : objectif / taux global "
        "(actives / contacts).",
    )
    return Variante(
        enonce=(
            "L'an dernier, la campagne de recrutement de VDI a donné : "
            f"**{format_nombre(contacts)} contacts**, "
            f"{accorder(reunions, 'personne venue', 'personnes venues')} "
            f"à une réunion d'information, {accorder(recrues, 'recrue')}, dont "
            f"**{format_nombre(actifs)} encore actives** après 3 mois.\n\n"
            f"Pour avoir **{objectif} nouvelles VDI actives**, combien de contacts faut-il "
            "prévoir (nombre entier, arrondi au-dessus) ?"
        ),
        controle=ControleNombre(
            attendu,
            libelle="Contacts nécessaires",
            unite="",
            tolerance=Decimal(0),
            pieges=(piege,),
            autres_attendus=(global_arrondi,),
        ),
        indices=(
            "Taux global = actives / contacts.",
            "Contacts = objectif / taux global, arrondi à l'entier supérieur.",
        ),
        solution=(
            f"Taux global = {format_nombre(actifs)} / {format_nombre(contacts)} = "
            f"{format_nombre(e.taux_global, 2)}\u00a0% ; contacts = {objectif} × "
            f"{format_nombre(contacts)} / {format_nombre(actifs)} → "
            f"**{format_nombre(attendu)} contacts** (à l'entier supérieur)."
        ),
        parametres={
            "contacts": contacts,
            "reunions": reunions,
            "recrues": recrues,
            "actifs": actifs,
            "objectif": objectif,
        },
    )


@exercice("attrition-vdi-1", "Attrition et croissance du réseau de VDI", savoirs=["S634", "S633"])
def attrition_vdi_1(alea: random.Random) -> Variante:
    debut = alea.randrange(120, 601, 5)
    entrees = sorties = 0
    while entrees == sorties:  # equal flows: the trap could not be told from the answer
        entrees = int(debut * tirer_decimal(alea, 15, 45, 1) / CENT)
        sorties = int(debut * tirer_decimal(alea, 15, 45, 1) / CENT)
    a = attrition_reseau(debut, entrees, sorties)
    sur_la_fin = Piege(
        "attrition_sur_l_effectif_final",
        arrondi(Decimal(sorties) * CENT / a.effectif_fin, 2),
        "Les sorties ont été rapportées à l'effectif de fin d'année ; le taux d'attrition se "
        "rapporte à l'effectif du DÉBUT de la période : sorties / effectif au début × 100.",
    )
    return Variante(
        enonce=(
            f"Au 1er janvier, le réseau comptait **{format_nombre(debut)} VDI**. Dans l'année, "
            f"{accorder(entrees, 'vendeuse est entrée', 'vendeuses sont entrées')} et "
            f"{accorder(sorties, 'vendeuse est partie', 'vendeuses sont parties')}.\n\n"
            "Calculez l'effectif au 31 décembre, le taux d'attrition et la croissance nette du "
            "réseau (en %, à 0,01 % près)."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule(
                    "fin",
                    "Effectif au 31 décembre",
                    Decimal(a.effectif_fin),
                    formule=lambda debut, entrees, sorties: debut + entrees - sorties,
                    unite="",
                    tolerance=Decimal(0),
                ),
                Cellule(
                    "attrition",
                    "Taux d'attrition",
                    a.taux_d_attrition,
                    unite="%",
                    pieges=(sur_la_fin,),
                ),
                Cellule(
                    "croissance",
                    "Croissance nette",
                    a.croissance_nette,
                    formule=lambda fin, debut: arrondi((fin - debut) * CENT / debut, 2),
                    unite="%",
                ),
            ),
            donnees={
                "debut": Decimal(debut),
                "entrees": Decimal(entrees),
                "sorties": Decimal(sorties),
            },
        ),
        indices=(
            "Effectif final = début + entrées − sorties.",
            "Taux d'attrition = sorties / effectif au début × 100.",
            "Croissance nette = (fin − début) / début × 100.",
        ),
        solution=(
            f"- Effectif final = {debut} + {entrees} − {sorties} = "
            f"**{format_nombre(a.effectif_fin)}** ;\n"
            f"- attrition = {sorties} / {debut} × 100 = "
            f"**{format_nombre(a.taux_d_attrition, 2)}\u00a0%** ;\n"
            f"- croissance nette = **{format_nombre(a.croissance_nette, 2)}\u00a0%**."
        ),
        parametres={"debut": debut, "entrees": entrees, "sorties": sorties},
    )
