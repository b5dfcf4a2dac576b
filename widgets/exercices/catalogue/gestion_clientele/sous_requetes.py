"""Sous-requêtes : comparer à une moyenne, chercher ce qui manque (NOT IN), le maximum (S822)."""

from __future__ import annotations

import random

from widgets.exercices import ControleSQL, Variante, exercice
from widgets.exercices.catalogue.gestion_clientele._commun import (
    GAMMES,
    SAVOIRS_SQL,
    TYPES_CLIENT,
    precision_categorie,
    texte_sql,
    trimestre,
)


@exercice(
    "sql-factures-au-dessus-moyenne",
    "Les factures d'un client au-dessus de sa moyenne",
    savoirs=SAVOIRS_SQL,
)
def factures_au_dessus_moyenne(alea: random.Random) -> Variante:
    id_client = alea.randint(1, 300)
    sql = (
        "SELECT numero, date_facture, montant_ht\nFROM factures\n"
        f"WHERE id_client = {id_client}\n"
        "  AND montant_ht > (SELECT AVG(montant_ht) FROM factures"
        f" WHERE id_client = {id_client})"
    )
    return Variante(
        enonce=(
            f"Pour le client n° **{id_client}**, affichez le numéro, la date et le montant HT "
            "de ses factures **supérieures à la moyenne de ses propres factures**."
        ),
        controle=ControleSQL(sql),
        indices=(
            "La moyenne se calcule dans une sous-requête entre parenthèses : "
            "`(SELECT AVG(montant_ht) FROM factures WHERE …)`.",
            "On ne peut pas écrire `montant_ht > AVG(montant_ht)` directement dans WHERE.",
            f"N'oubliez le filtre `id_client = {id_client}` ni dehors, ni dans la sous-requête.",
        ),
        solution="La sous-requête donne une seule valeur (la moyenne), comparée à chaque ligne :",
        parametres={"id_client": id_client},
    )


@exercice(
    "sql-clients-sans-commande",
    "Les clients qui n'ont rien commandé sur une année (NOT IN)",
    savoirs=[*SAVOIRS_SQL, "S522"],
)
def clients_sans_commande(alea: random.Random) -> Variante:
    id_commercial = alea.randint(1, 9)
    annee = alea.choice((2024, 2025))
    sql = (
        "SELECT id_client, raison_sociale\nFROM clients\n"
        f"WHERE id_commercial = {id_commercial}\n"
        "  AND id_client NOT IN (SELECT id_client FROM commandes\n"
        f"                        WHERE date_commande BETWEEN '{annee}-01-01' AND "
        f"'{annee}-12-31')"
    )
    return Variante(
        enonce=(
            f"Le commercial n° **{id_commercial}** veut relancer ses clients qui n'ont passé "
            f"**aucune commande en {annee}**. Affichez leur identifiant et leur raison sociale."
        ),
        controle=ControleSQL(sql),
        indices=(
            f"Commencez par la liste des clients qui ONT commandé en {annee} : "
            "`SELECT id_client FROM commandes WHERE …`.",
            "Gardez les clients du commercial dont l'identifiant n'est PAS dans cette liste : "
            "`id_client NOT IN (…)`.",
            "Autre écriture : `NOT EXISTS (SELECT 1 FROM commandes co WHERE co.id_client = "
            "clients.id_client AND …)`.",
        ),
        solution="NOT IN écarte les clients présents dans la liste des acheteurs de l'année :",
        parametres={"id_commercial": id_commercial, "annee": annee},
    )


@exercice(
    "sql-produits-plus-chers-que-gamme",
    "Les produits plus chers que la moyenne de leur gamme",
    savoirs=SAVOIRS_SQL,
)
def produits_plus_chers(alea: random.Random) -> Variante:
    gamme = alea.choice(GAMMES)
    sql = (
        "SELECT designation, prix_unitaire_ht\nFROM produits\n"
        f"WHERE gamme = {texte_sql(gamme)}\n"
        "  AND prix_unitaire_ht > (SELECT AVG(prix_unitaire_ht) FROM produits"
        f" WHERE gamme = {texte_sql(gamme)})"
    )
    return Variante(
        enonce=(
            f"Dans la gamme **{gamme}**, quels produits sont **plus chers que le prix "
            "unitaire HT moyen de la gamme** ? Affichez leur désignation et leur prix."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Le prix moyen de la gamme : `SELECT AVG(prix_unitaire_ht) FROM produits WHERE "
            "gamme = '…'`.",
            "Placez-le entre parenthèses à droite du `>`.",
            "Le filtre sur la gamme doit figurer deux fois : dans la requête et la sous-requête.",
        ),
        solution="La sous-requête calcule la moyenne de la gamme, la requête compare chaque prix :",
        parametres={"gamme": gamme},
    )


@exercice(
    "sql-plus-grosse-facture-client", "Le client de la plus grosse facture", savoirs=SAVOIRS_SQL
)
def plus_grosse_facture(alea: random.Random) -> Variante:
    debut, fin, libelle = trimestre(alea)
    type_client = alea.choice(TYPES_CLIENT[:3])
    sql = (
        "SELECT c.raison_sociale, f.numero, f.montant_ttc\n"
        "FROM factures f\nJOIN clients c ON c.id_client = f.id_client\n"
        f"WHERE c.type_client = {texte_sql(type_client)}\n"
        f"  AND f.date_facture BETWEEN '{debut}' AND '{fin}'\n"
        "  AND f.montant_ttc = (SELECT MAX(f2.montant_ttc)\n"
        "                       FROM factures f2 JOIN clients c2 ON c2.id_client = f2.id_client\n"
        f"                       WHERE c2.type_client = {texte_sql(type_client)}\n"
        f"                         AND f2.date_facture BETWEEN '{debut}' AND '{fin}')"
    )
    return Variante(
        enonce=(
            f"Parmi les clients **« {type_client} »**{precision_categorie(type_client)}, quel "
            "client a reçu la **facture au "
            f"montant TTC le plus élevé** au **{libelle}** (du {debut} au {fin}) ? Affichez sa "
            "raison sociale, le numéro de la facture et son montant TTC."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Le montant maximal se trouve par une sous-requête avec `MAX(montant_ttc)` "
            "(avec les mêmes filtres de catégorie et de période).",
            "La requête principale garde la facture dont le montant est égal à ce maximum.",
            "`ORDER BY f.montant_ttc DESC LIMIT 1` donne aussi la réponse (s'il n'y a pas "
            "d'ex æquo).",
        ),
        solution="La sous-requête trouve le maximum ; la requête retrouve facture et client :",
        parametres={"debut": debut, "fin": fin, "type_client": type_client},
    )
