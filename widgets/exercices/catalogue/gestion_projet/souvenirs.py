"""Le cas du guide « conquérir un nouveau secteur de clientèle » : les boutiques de souvenirs
de Paris (S823 organisation de la prospection, S531 coût de l'effort commercial).

Trois calculs du projet : le nombre de visites à faire par jour de stage, le coût du plan de
tournée (kilomètres, temps, coût par visite) et les commandes attendues d'après l'entonnoir.
Chaque réponse attendue vient de ``widgets.calculs.tournee`` ; les pièges (oubli des visites
de suivi, arrondi inférieur, taux de l'entonnoir mal choisi) sont calculés par les mêmes
fonctions avec la mauvaise convention.
"""

from __future__ import annotations

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
from widgets.calculs.tournee import (
    Entonnoir,
    cout_plan,
    resultats_attendus,
    visites_par_jour_necessaires,
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

VISITES_PAR_JOUR_PLAUSIBLES = (3, 8)  # a field salesperson's day, first visits and follow-ups
SITES = ("de la tour Eiffel", "du Sacré-Cœur", "des Champs-Élysées", "de Notre-Dame")


@exercice(
    "visites-par-jour-1", "Nombre de visites à faire par jour de stage", savoirs=["S823", "S824"]
)
def visites_par_jour_1(alea: random.Random) -> Variante:
    while True:  # a plausible day for a field salesperson: 3 to 8 visits
        boutiques = alea.randrange(30, 91)
        jours = alea.choice((10, 12, 15, 20))
        suivis = alea.choice((1, 1, 2))
        commandes_a_suivre = alea.randrange(1, 11)
        attendu = visites_par_jour_necessaires(boutiques, jours, suivis, commandes_a_suivre)
        if VISITES_PAR_JOUR_PLAUSIBLES[0] <= attendu <= VISITES_PAR_JOUR_PLAUSIBLES[1]:
            break
    total = boutiques * (1 + suivis) + commandes_a_suivre
    sans_suivi = visites_par_jour_necessaires(boutiques, jours, 0, commandes_a_suivre)
    pieges = []
    if sans_suivi != attendu:
        pieges.append(
            Piege(
                "suivis_oublies",
                Decimal(sans_suivi),
                "Chaque boutique demande aussi des visites de suivi : comptez-les.",
            )
        )
    if total % jours and total // jours != sans_suivi:
        pieges.append(
            Piege(
                "arrondi_inferieur",
                Decimal(total // jours),
                "Avec ce nombre de visites, le plan ne tient pas dans le stage : arrondissez à "
                "l'entier supérieur.",
            )
        )
    return Variante(
        enonce=(
            f"Pendant votre stage, vous prospectez les boutiques de souvenirs des abords "
            f"{alea.choice(SITES)}. Le fichier compte **{boutiques} boutiques**. Chacune "
            f"recevra une première visite puis **{accorder(suivis, 'visite de suivi')}**. Il "
            f"faut aussi passer voir **{accorder(commandes_a_suivre, 'client')}** pour le suivi "
            f"de {'leur commande' if commandes_a_suivre > 1 else 'sa commande'}.\n\n"
            f"Vous disposez de **{jours} jours** de prospection. Combien de visites devez-vous "
            "faire **par jour** (nombre entier) ?"
        ),
        controle=ControleNombre(
            Decimal(attendu),
            libelle="Visites par jour",
            unite="",
            tolerance=Decimal(0),
            pieges=tuple(pieges),
        ),
        indices=(
            "Comptez d'abord toutes les visites du stage : premières visites, suivis, commandes.",
            "Visites par jour = visites du stage / jours de prospection.",
            "On ne fait pas une demi-visite : arrondissez à l'entier supérieur.",
        ),
        solution=(
            f"Visites du stage = {boutiques} × (1 + {suivis}) + {commandes_a_suivre} = "
            f"{total}.\n\nVisites par jour = {total} / {jours} = "
            f"{format_nombre(Decimal(total) / jours, 2)}, soit **{attendu} visites par jour** "
            "(arrondi à l'entier supérieur)."
        ),
        parametres={
            "boutiques": boutiques,
            "jours": jours,
            "suivis": suivis,
            "commandes_a_suivre": commandes_a_suivre,
        },
    )


@exercice("cout-plan-tournee-1", "Coût du plan de tournée", savoirs=["S531", "S823"])
def cout_plan_tournee_1(alea: random.Random) -> Variante:
    km = tirer_decimal(alea, 600, 4800, 5, 1)  # 60,0 … 480,0 km
    jours = alea.choice((4, 5, 8, 10))
    visites = jours * alea.choice((4, 5, 6))
    minutes = visites * alea.choice((40, 45, 50, 60)) + jours * alea.randrange(60, 181, 15)
    cout_km = Decimal(alea.choice(("0.45", "0.50", "0.55", "0.60", "0.65")))
    cout_horaire = Decimal(alea.choice((18, 20, 22, 24, 25, 30)))
    c = cout_plan(km, minutes, visites, cout_km, cout_horaire)
    heures = Decimal(minutes) / 60
    oubli_temps = Piege(
        "temps_oublie",
        arrondi_centime(c.cout_km / visites),
        "Le temps du commercial coûte aussi : ajoutez le coût du temps au coût des km.",
    )
    cellules = (
        Cellule(
            "cout_km",
            "Coût des kilomètres",
            c.cout_km,
            lambda km, cout_kilometrique: arrondi_centime(km * cout_kilometrique),
        ),
        Cellule(
            "cout_temps",
            "Coût du temps",
            c.cout_temps,
            lambda heures, cout_horaire: arrondi_centime(heures * cout_horaire),
        ),
        Cellule(
            "total", "Coût total du plan", c.total, lambda cout_km, cout_temps: cout_km + cout_temps
        ),
        Cellule(
            "par_visite",
            "Coût par visite",
            c.cout_par_visite,
            lambda total, visites: arrondi_centime(total / visites),
            pieges=(oubli_temps,),
        ),
    )
    h, m = divmod(minutes, 60)
    return Variante(
        enonce=(
            f"Votre plan de tournée compte **{visites} visites** sur {jours} jours. La carte "
            f"donne **{format_nombre(km, 1)} km** de route au total et **{h} h {m:02d} min** "
            "de travail (trajets et entretiens).\n\n"
            f"- coût kilométrique : **{format_euros(cout_km)}** par km ;\n"
            f"- coût horaire du commercial (salaire chargé) : **{format_euros(cout_horaire)}** "
            "de l'heure.\n\nCalculez le coût du plan et le coût d'une visite (au centime)."
        ),
        controle=ControleTableau(
            cellules,
            donnees={
                "km": km,
                "cout_kilometrique": cout_km,
                "heures": heures,
                "cout_horaire": cout_horaire,
                "visites": Decimal(visites),
            },
        ),
        indices=(
            "Coût des kilomètres = km × coût kilométrique.",
            f"{h} h {m:02d} min = {format_nombre(heures, 4)} h ; "
            "coût du temps = heures × coût horaire.",
            "Coût par visite = coût total / nombre de visites.",
        ),
        solution=(
            "| Calcul | Montant |\n|---|---|\n"
            f"| {format_nombre(km, 1)} km × {format_euros(cout_km)} | "
            f"{format_euros(c.cout_km)} |\n"
            f"| {minutes} min / 60 × {format_euros(cout_horaire)} | "
            f"{format_euros(c.cout_temps)} |\n"
            f"| Coût total | {format_euros(c.total)} |\n"
            f"| Coût par visite = {format_euros(c.total)} / {visites} | "
            f"**{format_euros(c.cout_par_visite)}** |"
        ),
        parametres={
            "km": km,
            "minutes": minutes,
            "visites": visites,
            "cout_km": cout_km,
            "cout_horaire": cout_horaire,
        },
    )


@exercice(
    "commandes-attendues-1",
    "Commandes attendues d'un plan de prospection",
    savoirs=["S823", "S532"],
)
def commandes_attendues_1(alea: random.Random) -> Variante:
    contacts = alea.randrange(200, 601, 10)
    rendez_vous = contacts * alea.randrange(25, 46) // 100
    visites_hist = rendez_vous * alea.randrange(70, 91) // 100
    commandes_hist = visites_hist * alea.randrange(20, 51) // 100
    e = Entonnoir(contacts, rendez_vous, visites_hist, commandes_hist)
    visites_plan = alea.randrange(40, 121, 4)
    attendu = resultats_attendus(visites_plan, e.taux_commande).commandes
    global_ = resultats_attendus(visites_plan, e.taux_global).commandes
    pieges = ()
    if abs(global_ - attendu) > Decimal("0.1"):
        pieges = (
            Piege(
                "taux_global",
                global_,
                "Vous avez pris le taux commandes / contacts : le plan compte des visites, "
                "prenez le taux de transformation visite → commande.",
            ),
        )
    return Variante(
        enonce=(
            "L'an dernier, l'équipe a enregistré dans la table `visites` :\n\n"
            "| Étape | Nombre |\n|---|---|\n"
            f"| contact | {contacts} |\n| rendez-vous | {rendez_vous} |\n"
            f"| visite | {visites_hist} |\n| commande | {commandes_hist} |\n\n"
            f"Votre plan de prospection prévoit **{visites_plan} visites** de boutiques. "
            "Combien de commandes pouvez-vous en attendre (au dixième) ?"
        ),
        controle=ControleNombre(
            attendu,
            libelle="Commandes attendues",
            unite="",
            tolerance=Decimal("0.1"),
            pieges=pieges,
            # the rate kept exact rather than rounded to 4 decimals: also correct
            autres_attendus=(arrondi(Decimal(visites_plan * commandes_hist) / visites_hist, 1),),
        ),
        indices=(
            "Taux de transformation visite → commande = commandes / visites.",
            "Commandes attendues = visites prévues × taux de transformation.",
        ),
        solution=(
            f"Taux visite → commande = {commandes_hist} / {visites_hist} = "
            f"{format_pourcent(e.taux_commande)}.\n\nCommandes attendues = {visites_plan} × "
            f"{format_pourcent(e.taux_commande)} = **{format_nombre(attendu, 1)} commandes**."
        ),
        parametres={
            "entonnoir": [contacts, rendez_vous, visites_hist, commandes_hist],
            "visites_plan": visites_plan,
        },
    )
