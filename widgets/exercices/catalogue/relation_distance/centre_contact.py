"""Centre de contact (notebook ``relation_distance/02``): durée moyenne de traitement, taux de
décroché, résolution au premier contact, occupation, trafic en erlangs, effectif nécessaire
(Erlang C) et niveau de service (S531, S532, S631).

Every expected figure comes from :mod:`widgets.calculs.centre_contact`; the staffing trap
(traffic / capacity, without the queue) from :mod:`widgets.calculs.pieges_distance`.
Handling times are drawn as multiples of 36 s (18 s for a half-hour) so that the traffic in
erlangs has at most two decimals: the student works with the exact figure the statement shows.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal

from widgets.calculs import arrondi, format_nombre, format_pourcent
from widgets.calculs.arrondis import CENT, CENTIME
from widgets.calculs.centre_contact import (
    duree_moyenne_traitement,
    effectif_erlang_c,
    erlang_c,
    niveau_de_service,
    taux_de_decroche,
    taux_occupation,
    taux_resolution_premier_contact,
    trafic_erlangs,
)
from widgets.calculs.francais import accorder
from widgets.exercices import ControleNombre, Piege, Variante, exercice
from widgets.exercices.catalogue.relation_distance import piege_distance
from widgets.exercices.catalogue.relation_distance._commun import distincts, n, pct

TOLERANCE = CENTIME
MOTIFS = (
    "suivi de commande",
    "retour d'un article",
    "question sur un produit",
    "réclamation sur une livraison",
)


def _taux(a: int | Decimal, b: int | Decimal) -> Decimal:
    return arrondi(Decimal(a) * CENT / Decimal(b), 2)


@exercice(
    "dmt-1",
    "Durée moyenne de traitement (DMT) d'un appel",
    savoirs=["S532", "S631"],
)
def dmt_1(alea: random.Random) -> Variante:
    traites = alea.randrange(150, 601)
    communication = traites * alea.randrange(120, 360) + alea.randrange(0, traites)
    post_appel = traites * alea.randrange(15, 60) + alea.randrange(0, traites)
    attente = traites * alea.randrange(10, 60) + alea.randrange(0, traites)
    attendu = duree_moyenne_traitement(communication, post_appel, traites)
    pieges = [
        Piege(
            "dmt_avec_l_attente",
            duree_moyenne_traitement(communication + attente, post_appel, traites),
            "Le temps d'attente des clients a été compté : la DMT ne mesure que le temps de "
            "travail du conseiller (communication + post-appel), pas l'attente dans la file.",
        ),
        Piege(
            "dmt_sans_post_appel",
            duree_moyenne_traitement(communication, 0, traites),
            "Le temps de post-appel (saisie, courriel de confirmation) a été oublié : il fait "
            "partie du traitement.",
        ),
    ]
    return Variante(
        enonce=(
            f"Le service client a traité hier {accorder(traites, 'appel')} ({alea.choice(MOTIFS)} "
            "surtout). Le logiciel de téléphonie indique :\n\n"
            "| Temps | Secondes |\n| --- | --- |\n"
            f"| Communication avec les clients | {n(communication)} |\n"
            f"| Post-appel (saisie dans le CRM) | {n(post_appel)} |\n"
            f"| Attente des clients avant la réponse | {n(attente)} |\n\n"
            "Calculez la **durée moyenne de traitement** d'un appel (en secondes, au centième)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="DMT",
            unite="secondes",
            tolerance=TOLERANCE,
            pieges=distincts(attendu, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=(
            "La DMT mesure le temps de travail du conseiller pour un appel.",
            "DMT = (communication + post-appel) / appels traités.",
        ),
        solution=(
            f"DMT = ({n(communication)} + {n(post_appel)}) / {n(traites)} = "
            f"**{format_nombre(attendu, 2)} secondes** (l'attente des clients n'en fait pas "
            "partie)."
        ),
        parametres={
            "traites": traites,
            "communication": communication,
            "post_appel": post_appel,
            "attente": attente,
        },
    )


@exercice(
    "taux-decroche-1",
    "Taux de décroché d'une ligne de service client",
    savoirs=["S532", "S631"],
)
def taux_decroche_1(alea: random.Random) -> Variante:
    recus = alea.randrange(800, 3_001)
    decroches = recus * alea.randrange(82, 98) // 100
    attendu = taux_de_decroche(recus, decroches)
    pieges = [
        Piege(
            "taux_d_abandon",
            _taux(recus - decroches, recus),
            "C'est le taux d'abandon (appels perdus / appels reçus) : le taux de décroché "
            "compte les appels auxquels un conseiller a répondu.",
        ),
        Piege(
            "decroche_sur_les_decroches",
            _taux(recus, decroches),
            "Les deux nombres ont été inversés : on divise les appels décrochés par les appels "
            "reçus (le taux ne peut pas dépasser 100 %).",
        ),
    ]
    return Variante(
        enonce=(
            f"Sur la semaine, la ligne du service client a reçu {accorder(recus, 'appel')} ; "
            f"{accorder(recus - decroches, 'appel')} ont été perdus (le client a raccroché "
            "avant la réponse).\n\n"
            "Calculez le **taux de décroché** (en %, au centième)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Taux de décroché",
            unite="%",
            tolerance=TOLERANCE,
            pieges=distincts(attendu, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=(
            "Appels décrochés = appels reçus − appels perdus.",
            "Taux de décroché = appels décrochés / appels reçus × 100.",
        ),
        solution=(
            f"Appels décrochés = {n(recus)} − {n(recus - decroches)} = {n(decroches)}.\n\n"
            f"Taux de décroché = {n(decroches)} / {n(recus)} × 100 = "
            f"**{format_pourcent(attendu)}**."
        ),
        parametres={"recus": recus, "decroches": decroches},
    )


@exercice(
    "resolution-premier-contact-1",
    "Taux de résolution au premier contact",
    savoirs=["S532", "S631"],
)
def resolution_premier_contact_1(alea: random.Random) -> Variante:
    recus = alea.randrange(600, 2_001)
    traites = recus * alea.randrange(82, 97) // 100
    resolus = traites * alea.randrange(55, 86) // 100
    attendu = taux_resolution_premier_contact(traites, resolus)
    pieges = [
        Piege(
            "resolution_sur_les_appels_recus",
            _taux(resolus, recus),
            "Les résolutions ont été rapportées aux appels reçus : un appel perdu n'a pas été "
            "traité, il ne peut pas être résolu. On divise par les contacts traités.",
        ),
    ]
    return Variante(
        enonce=(
            f"Le mois dernier, le service client a reçu {accorder(recus, 'appel')} et en a "
            f"traité {n(traites)}. Parmi les appels traités, {n(resolus)} n'ont demandé "
            "aucun rappel ni aucun nouvel échange (demande réglée dès le premier contact).\n\n"
            "Calculez le **taux de résolution au premier contact** (en %, au centième)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Taux de résolution au premier contact",
            unite="%",
            tolerance=TOLERANCE,
            pieges=distincts(attendu, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=("Taux = contacts résolus au premier contact / contacts TRAITÉS × 100.",),
        solution=(f"Taux = {n(resolus)} / {n(traites)} × 100 = **{format_pourcent(attendu)}**."),
        parametres={"recus": recus, "traites": traites, "resolus": resolus},
    )


@exercice(
    "taux-occupation-1",
    "Taux d'occupation d'un conseiller",
    savoirs=["S631", "S532"],
)
def taux_occupation_1(alea: random.Random) -> Variante:
    presence = alea.choice((420, 450, 465, 480))
    pauses = alea.randrange(30, 61, 5)
    reunion = alea.randrange(15, 46, 5)
    connecte = presence - pauses - reunion
    part = alea.randrange(70, 91)
    traitement = connecte * part // 100
    post_appel = traitement * alea.randrange(12, 25) // 100
    communication = traitement - post_appel
    attendu = taux_occupation(connecte, traitement)
    pieges = [
        Piege(
            "occupation_sur_la_presence",
            _taux(traitement, presence),
            "Le temps de traitement a été rapporté à toute la présence : les pauses et la "
            "réunion ne sont pas du temps disponible pour les appels. On divise par le temps "
            "connecté.",
        ),
        Piege(
            "occupation_sans_post_appel",
            _taux(communication, connecte),
            "Le post-appel a été oublié : le conseiller est occupé aussi quand il saisit le "
            "compte rendu de l'appel.",
        ),
    ]
    return Variante(
        enonce=(
            f"Un conseiller est présent {accorder(presence, 'minute')} sur la journée, "
            f"dont {accorder(pauses, 'minute')} de pauses et une réunion d'équipe de "
            f"{accorder(reunion, 'minute')} ; le reste du temps, il est connecté et "
            f"disponible pour les appels. Il a passé {accorder(communication, 'minute')} en "
            f"communication et {accorder(post_appel, 'minute')} en post-appel.\n\n"
            "Calculez son **taux d'occupation** (en %, au centième)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Taux d'occupation",
            unite="%",
            tolerance=TOLERANCE,
            pieges=distincts(attendu, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=(
            "Temps connecté = présence − pauses − réunion.",
            "Taux d'occupation = (communication + post-appel) / temps connecté × 100.",
        ),
        solution=(
            f"Temps connecté = {presence} − {pauses} − {reunion} = {connecte} min ; temps de "
            f"traitement = {communication} + {post_appel} = {traitement} min.\n\n"
            f"Taux d'occupation = {traitement} / {connecte} × 100 = "
            f"**{format_pourcent(attendu)}**."
        ),
        parametres={
            "presence": presence,
            "pauses": pauses,
            "reunion": reunion,
            "communication": communication,
            "post_appel": post_appel,
        },
    )


@exercice(
    "trafic-erlangs-1",
    "Charge d'appels en erlangs sur une demi-heure",
    savoirs=["S531", "S631"],
)
def trafic_erlangs_1(alea: random.Random) -> Variante:
    appels = alea.randrange(40, 201)
    dmt = 18 * alea.randrange(8, 23)  # 144 to 396 s, a multiple of 18 s
    attendu = arrondi(trafic_erlangs(2 * appels, dmt), 2)
    pieges = [
        Piege(
            "demi_heure_divisee_par_3600",
            arrondi(trafic_erlangs(appels, dmt), 2),
            "Les appels d'une demi-heure ont été divisés par 3 600 secondes (une heure) : sur "
            "une demi-heure, la charge se rapporte à 1 800 secondes (ou bien on double les "
            "appels pour avoir le flux horaire).",
        ),
    ]
    return Variante(
        enonce=(
            f"Entre 10 h et 10 h 30, le service client reçoit en moyenne "
            f"{accorder(appels, 'appel')} ; la durée moyenne de traitement est de "
            f"{n(dmt)} secondes.\n\n"
            "Calculez la **charge de travail en erlangs** sur cette demi-heure (un erlang = un "
            "conseiller occupé en permanence), au centième."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Trafic",
            unite="erlangs",
            tolerance=TOLERANCE,
            pieges=distincts(attendu, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=(
            "Trafic = temps de traitement demandé / durée de la période.",
            "Sur une demi-heure : appels × DMT / 1 800 (= appels par heure × DMT / 3 600).",
        ),
        solution=(
            f"Trafic = {n(appels)} × {n(dmt)} / 1 800 = **{format_nombre(attendu, 2)} "
            "erlangs** : il faut au moins autant de conseillers occupés en permanence."
        ),
        parametres={"appels": appels, "dmt": dmt},
    )


def _charge(alea: random.Random) -> tuple[int, int, Decimal]:
    """Calls an hour, DMT (multiple of 36 s) and the exact traffic, at least 3 erlangs."""
    while True:
        appels = alea.randrange(60, 401, 5)
        dmt = 36 * alea.randrange(4, 11)
        trafic = trafic_erlangs(appels, dmt)
        if trafic >= 3:
            return appels, dmt, trafic


OBJECTIFS = ((80, 20), (80, 30), (90, 20), (85, 15))


@exercice(
    "effectif-erlang-c-1",
    "Effectif de conseillers pour tenir un niveau de service (Erlang C)",
    savoirs=["S531", "S631"],
)
def effectif_erlang_c_1(alea: random.Random) -> Variante:
    while True:
        appels, dmt, trafic = _charge(alea)
        objectif, delai = alea.choice(OBJECTIFS)
        e = effectif_erlang_c(appels, dmt, objectif, delai)
        if e.agents > e.agents_sans_file:
            break
    premier = math.floor(trafic) + 1
    lignes = "\n".join(
        f"| {k} | {pct(niveau_de_service(k, appels, dmt, delai).niveau_service)} |"
        for k in range(premier, e.agents + 3)
    )
    attendu = Decimal(e.agents)
    pieges = [
        piege_distance("effectif_sans_file_d_attente", appels, dmt, objectif, delai),
        Piege(
            "effectif_juste_sous_l_objectif",
            attendu - 1,
            f"Avec ce nombre de conseillers, le niveau de service reste sous l'objectif de "
            f"{objectif} % : il faut le premier effectif qui l'atteint.",
        ),
    ]
    return Variante(
        enonce=(
            f"Le service client reçoit {accorder(appels, 'appel')} par heure en fin de matinée ;"
            f" la durée moyenne de traitement est de {n(dmt)} secondes. L'objectif est de "
            f"répondre à **{objectif} % des appels en {delai} secondes** au plus.\n\n"
            "Le logiciel de planification donne, par la formule d'Erlang C, le niveau de "
            "service atteint selon le nombre de conseillers :\n\n"
            "| Conseillers | Appels répondus dans le délai |\n| --- | --- |\n"
            f"{lignes}\n\n"
            "Calculez le trafic, puis donnez le **nombre de conseillers** à planifier."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Nombre de conseillers",
            unite="",
            tolerance=Decimal(0),
            pieges=distincts(attendu, pieges, Decimal(0)),
        ),
        indices=(
            "Trafic = appels par heure × DMT / 3 600 : c'est le minimum de conseillers "
            "occupés en permanence.",
            "Les appels n'arrivent pas régulièrement : il faut plus de conseillers que le "
            "trafic pour que peu de clients attendent.",
            "Cherchez dans le tableau le plus petit effectif qui atteint l'objectif.",
        ),
        solution=(
            f"Trafic = {n(appels)} × {n(dmt)} / 3 600 = {format_nombre(trafic, 2)} erlangs : "
            f"sans file d'attente on prévoirait {e.agents_sans_file} conseillers, mais le "
            f"niveau de service serait trop bas.\n\n"
            f"Le premier effectif qui atteint {objectif} % en {delai} secondes est **"
            f"{e.agents} conseillers** ({format_pourcent(e.niveau_service)} des appels "
            f"répondus dans le délai, occupation {format_pourcent(e.taux_occupation)})."
        ),
        parametres={"appels": appels, "dmt": dmt, "objectif": objectif, "delai": delai},
    )


@exercice(
    "niveau-service-1",
    "Niveau de service atteint par une équipe (Erlang C)",
    savoirs=["S531", "S532"],
)
def niveau_service_1(alea: random.Random) -> Variante:
    appels, dmt, trafic = _charge(alea)
    agents = math.floor(trafic) + alea.randrange(2, 5)
    delai = alea.choice((15, 20, 30))
    c = erlang_c(agents, trafic)
    c_affiche = arrondi(c * CENT, 2)
    ns = niveau_de_service(agents, appels, dmt, delai)
    facteur = (-(agents - trafic) * delai / dmt).exp()
    depuis_affiche = arrondi((1 - c_affiche / CENT * facteur) * CENT, 2)
    autres = (depuis_affiche,) if depuis_affiche != ns.niveau_service else ()
    pieges = [
        Piege(
            "niveau_sans_le_delai",
            arrondi(CENT - c_affiche, 2),
            "C'est la part des appels qui n'attendent pas du tout (1 − C) : le niveau de "
            "service compte aussi ceux qui attendent moins que le délai, d'où le facteur "
            "e^(−(N − A) × t / DMT).",
        ),
    ]
    return Variante(
        enonce=(
            f"{agents} conseillers répondent à {accorder(appels, 'appel')} par heure ; la durée "
            f"moyenne de traitement est de {n(dmt)} secondes (trafic A = "
            f"{format_nombre(trafic, 2)} erlangs). La formule d'Erlang C donne une probabilité "
            f"d'attente C = {format_pourcent(c_affiche)}.\n\n"
            f"Calculez le **niveau de service** : la part des appels répondus en {delai} "
            "secondes au plus, NS = 1 − C × e^(−(N − A) × t / DMT) (en %, au centième)."
        ),
        controle=ControleNombre(
            ns.niveau_service,
            libelle="Niveau de service",
            unite="%",
            tolerance=TOLERANCE,
            pieges=distincts(ns.niveau_service, pieges, TOLERANCE, autres),
            autres_attendus=autres,
            decimales=2,
        ),
        indices=(
            f"N = {agents} conseillers, A = {format_nombre(trafic, 2)}, t = {delai} s, DMT = "
            f"{n(dmt)} s.",
            "Calculez d'abord l'exposant −(N − A) × t / DMT, puis e à cette puissance.",
        ),
        solution=(
            f"e^(−({agents} − {format_nombre(trafic, 2)}) × {delai} / {n(dmt)}) = "
            f"{format_nombre(arrondi(facteur, 4), 4)} ; NS = 1 − "
            f"{format_nombre(arrondi(c, 4), 4)} × {format_nombre(arrondi(facteur, 4), 4)} = "
            f"**{format_pourcent(ns.niveau_service)}** des appels répondus en {delai} secondes "
            f"(attente moyenne {format_nombre(ns.attente_moyenne, 2)} secondes)."
        ),
        parametres={"appels": appels, "dmt": dmt, "agents": agents, "delai": delai},
    )
