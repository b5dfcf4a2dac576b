"""Premiers pas en SQL sur la base clients : SELECT / WHERE, comptage, GROUP BY (S822).

Each student gets other filter values (type de client, statut, année) drawn from their seed;
the expected result is the teacher's reference query run through ``widgets.sql``.
"""

from __future__ import annotations

import random

from widgets.donnees.generation.referentiels import ID_SECTEUR_SOUVENIRS, SECTEURS
from widgets.donnees.vocabulaire import STATUTS, TYPES_CLIENT
from widgets.exercices import ControleSQL, Variante, exercice
from widgets.exercices.catalogue.gestion_clientele._commun import precision_categorie

ANNEES = (2023, 2024, 2025)


def _texte_sql(valeur: str) -> str:
    return "'" + valeur.replace("'", "''") + "'"


@exercice(
    "sql-select-where-1",
    "Lister les clients d'une catégorie",
    savoirs=["S822"],
)
def clients_d_une_categorie(alea: random.Random) -> Variante:
    type_client = alea.choice(TYPES_CLIENT)
    sql = (
        "SELECT raison_sociale, ville\nFROM clients\n"
        f"WHERE type_client = {_texte_sql(type_client)}\nORDER BY raison_sociale"
    )
    return Variante(
        enonce=(
            f"Le service commercial prépare un publipostage pour les clients de la catégorie "
            f"**{type_client}**{precision_categorie(type_client)}.\n\n"
            "Écrivez la requête qui affiche la **raison sociale** et la **ville** de ces "
            "clients (table `clients`), **triés par raison sociale** (ordre alphabétique)."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("raison_sociale",)),
        indices=(
            "Une seule table suffit : `clients`. La catégorie est dans la colonne `type_client`.",
            "Un texte s'écrit entre apostrophes : `WHERE type_client = '…'` ; une apostrophe "
            "dans le texte se double (`'Comité d''entreprise'`).",
            "Le tri : `ORDER BY raison_sociale` à la fin de la requête.",
        ),
        solution=(
            "On choisit les colonnes (SELECT), la table (FROM), on filtre la catégorie (WHERE) "
            "puis on trie (ORDER BY) :"
        ),
        parametres={"type_client": type_client},
    )


@exercice(
    "sql-compter-1",
    "Compter les commandes d'un trimestre selon leur statut",
    savoirs=["S822"],
)
def compter_les_commandes(alea: random.Random) -> Variante:
    statut = alea.choice(STATUTS)
    annee = alea.choice(ANNEES)
    trimestre = alea.randint(1, 4)
    debut = f"{annee}-{3 * trimestre - 2:02d}-01"
    fin = f"{annee}-{3 * trimestre:02d}-{'31' if trimestre in (1, 4) else '30'}"
    sql = (
        "SELECT COUNT(*) AS nombre_commandes\nFROM commandes\n"
        f"WHERE statut = {_texte_sql(statut)}\n"
        f"  AND date_commande BETWEEN '{debut}' AND '{fin}'"
    )
    rang = "1er" if trimestre == 1 else f"{trimestre}e"
    return Variante(
        enonce=(
            f"Combien de commandes passées au **{rang} trimestre {annee}** (du {debut} au "
            f"{fin}) ont le statut **{statut}** ?\n\n"
            "Écrivez la requête qui donne ce nombre (une seule ligne, une seule colonne). "
            "Les dates sont écrites `AAAA-MM-JJ` dans la colonne `date_commande`."
        ),
        controle=ControleSQL(sql),
        indices=(
            "La fonction `COUNT(*)` compte les lignes retenues par le WHERE.",
            "Deux conditions se combinent avec `AND`.",
            f"Pour la période : `date_commande BETWEEN '{debut}' AND '{fin}'` (les dates "
            "AAAA-MM-JJ se comparent comme du texte).",
        ),
        solution="On filtre le statut ET la période, puis on compte les lignes :",
        parametres={"statut": statut, "annee": annee, "trimestre": trimestre},
    )


@exercice(
    "sql-group-by-1",
    "Nombre de clients par catégorie dans un secteur",
    savoirs=["S822"],
)
def clients_par_categorie(alea: random.Random) -> Variante:
    id_secteur, nom_secteur = alea.choice(
        [(s[0], s[1]) for s in SECTEURS if s[0] != ID_SECTEUR_SOUVENIRS]
    )
    sql = (
        "SELECT type_client, COUNT(*) AS nombre_clients\nFROM clients\n"
        f"WHERE id_secteur = {id_secteur}\nGROUP BY type_client"
    )
    return Variante(
        enonce=(
            f"Le responsable du secteur **{nom_secteur}** (`id_secteur` = {id_secteur}) veut "
            "connaître la composition de "
            "son portefeuille.\n\n"
            "Écrivez la requête qui affiche, pour ce secteur, chaque **catégorie de client** "
            "(`type_client`) et le **nombre de clients** de cette catégorie."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Filtrez d'abord le secteur avec WHERE sur la colonne `id_secteur`.",
            "Un comptage par catégorie s'écrit avec `GROUP BY type_client`.",
            "Toute colonne du SELECT qui n'est pas dans une fonction (COUNT…) doit être dans le "
            "GROUP BY.",
        ),
        solution=(
            "WHERE garde les clients du secteur, GROUP BY forme un groupe par catégorie et "
            "COUNT(*) compte les clients de chaque groupe :"
        ),
        parametres={"id_secteur": id_secteur},
    )
