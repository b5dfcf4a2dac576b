"""Calculs sur des groupes de lignes : COUNT, SUM, AVG, MIN, MAX, GROUP BY, HAVING (S822).

Questions d'un service commercial : chiffre d'affaires d'une année, statistiques des factures,
ventes par mois, encaissements par mode de règlement, gammes et départements filtrés par HAVING.
"""

from __future__ import annotations

import random

from widgets.exercices import ControleSQL, Variante, exercice
from widgets.exercices.catalogue.gestion_clientele._commun import (
    ANNEES,
    SAVOIRS_SQL,
    trimestre,
)


@exercice("sql-ca-annuel", "Le chiffre d'affaires HT d'une année", savoirs=SAVOIRS_SQL)
def ca_annuel(alea: random.Random) -> Variante:
    annee = alea.choice(ANNEES)
    sql = (
        "SELECT ROUND(SUM(montant_ht), 2) AS ca_ht\nFROM factures\n"
        f"WHERE date_facture BETWEEN '{annee}-01-01' AND '{annee}-12-31'"
    )
    return Variante(
        enonce=(
            f"Quel est le **chiffre d'affaires HT** facturé en **{annee}** ? Il s'obtient en "
            "additionnant le `montant_ht` des factures de l'année (arrondi au centime)."
        ),
        controle=ControleSQL(sql),
        indices=(
            "`SUM(colonne)` additionne les valeurs des lignes retenues.",
            f"Filtrez sur `date_facture` entre le 1er janvier et le 31 décembre {annee}.",
            "`ROUND(SUM(montant_ht), 2)` arrondit au centime.",
        ),
        solution="Une fonction d'agrégat sans GROUP BY donne une seule ligne pour tout le filtre :",
        parametres={"annee": annee},
    )


@exercice(
    "sql-stats-factures", "Nombre, moyenne, minimum et maximum des factures", savoirs=SAVOIRS_SQL
)
def stats_factures(alea: random.Random) -> Variante:
    debut, fin, libelle = trimestre(alea)
    sql = (
        "SELECT COUNT(*) AS nb_factures, ROUND(AVG(montant_ttc), 2) AS moyenne,\n"
        "       MIN(montant_ttc) AS minimum, MAX(montant_ttc) AS maximum\n"
        f"FROM factures\nWHERE date_facture BETWEEN '{debut}' AND '{fin}'"
    )
    return Variante(
        enonce=(
            f"Pour le **{libelle}** (du {debut} au {fin}), affichez sur une seule ligne : le "
            "**nombre** de factures, leur montant TTC **moyen** (arrondi au centime), le **plus "
            "petit** et le **plus grand** montant TTC."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Quatre fonctions d'agrégat dans le même SELECT : COUNT, AVG, MIN, MAX.",
            "`ROUND(AVG(montant_ttc), 2)` pour la moyenne au centime.",
            f"Le filtre : `WHERE date_facture BETWEEN '{debut}' AND '{fin}'`.",
        ),
        solution="Les agrégats se calculent ensemble sur les lignes retenues par WHERE :",
        parametres={"debut": debut, "fin": fin},
    )


@exercice("sql-ca-par-mois", "Le chiffre d'affaires mois par mois", savoirs=SAVOIRS_SQL)
def ca_par_mois(alea: random.Random) -> Variante:
    annee = alea.choice(ANNEES)
    sql = (
        "SELECT strftime('%m', date_facture) AS mois, ROUND(SUM(montant_ht), 2) AS ca_ht\n"
        "FROM factures\n"
        f"WHERE date_facture BETWEEN '{annee}-01-01' AND '{annee}-12-31'\n"
        "GROUP BY mois\nORDER BY mois"
    )
    return Variante(
        enonce=(
            f"Pour repérer la saisonnalité des ventes, affichez le **chiffre d'affaires HT de "
            f"chaque mois de {annee}** : le numéro du mois (`01` à `12`) et le total des "
            "`montant_ht` des factures du mois (au centime), de janvier à décembre."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("mois",)),
        indices=(
            "`strftime('%m', date_facture)` donne le mois d'une date (`'05'` pour mai).",
            "Regroupez par ce mois : `GROUP BY mois` (on peut réutiliser l'alias).",
            "Triez : `ORDER BY mois`.",
        ),
        solution="On extrait le mois, on regroupe par mois, on additionne dans chaque groupe :",
        parametres={"annee": annee},
    )


@exercice(
    "sql-reglements-par-mode",
    "Les encaissements par mode de règlement",
    savoirs=[*SAVOIRS_SQL, "S512"],
)
def reglements_par_mode(alea: random.Random) -> Variante:
    debut, fin, libelle = trimestre(alea)
    sql = (
        "SELECT mode, COUNT(*) AS nb_reglements, ROUND(SUM(montant), 2) AS total\n"
        "FROM reglements\n"
        f"WHERE date_reglement BETWEEN '{debut}' AND '{fin}'\n"
        "GROUP BY mode"
    )
    return Variante(
        enonce=(
            f"La trésorerie veut savoir comment les clients ont payé au **{libelle}** (du "
            f"{debut} au {fin}). Pour chaque **mode de règlement**, affichez le **nombre** de "
            "règlements et le **total encaissé** (au centime), d'après la table `reglements`."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Un groupe par mode : `GROUP BY mode`.",
            "Dans chaque groupe : `COUNT(*)` et `SUM(montant)`.",
            f"La date à filtrer est `date_reglement` : `BETWEEN '{debut}' AND '{fin}'`.",
        ),
        solution="GROUP BY forme un groupe par mode ; COUNT et SUM se calculent par groupe :",
        parametres={"debut": debut, "fin": fin},
    )


@exercice(
    "sql-having-gammes",
    "Les gammes dont le prix moyen dépasse un seuil (HAVING)",
    savoirs=SAVOIRS_SQL,
)
def gammes_cheres(alea: random.Random) -> Variante:
    seuil = alea.choice((8, 10, 12, 15, 20))
    sql = (
        "SELECT gamme, COUNT(*) AS nb_produits, ROUND(AVG(prix_unitaire_ht), 2) AS prix_moyen\n"
        "FROM produits\nGROUP BY gamme\n"
        f"HAVING AVG(prix_unitaire_ht) > {seuil}"
    )
    return Variante(
        enonce=(
            "Pour chaque **gamme** de produits, on veut le **nombre de produits** et le **prix "
            "unitaire HT moyen** (au centime), mais **seulement pour les gammes dont le prix "
            f"moyen dépasse {seuil} €**."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Regroupez par gamme et calculez COUNT(*) et AVG(prix_unitaire_ht).",
            "Une condition sur un résultat de groupe ne va pas dans WHERE mais dans HAVING.",
            f"`HAVING AVG(prix_unitaire_ht) > {seuil}` après le GROUP BY.",
        ),
        solution="WHERE filtre les lignes avant les groupes ; HAVING filtre les groupes :",
        parametres={"seuil": seuil},
    )


@exercice(
    "sql-having-departements", "Les départements les mieux couverts (HAVING)", savoirs=SAVOIRS_SQL
)
def departements_couverts(alea: random.Random) -> Variante:
    seuil = alea.choice((15, 20, 25, 30))
    sql = (
        "SELECT departement, COUNT(*) AS nb_communes, SUM(population) AS population\n"
        "FROM communes\nGROUP BY departement\n"
        f"HAVING COUNT(*) >= {seuil}\nORDER BY nb_communes DESC, departement"
    )
    return Variante(
        enonce=(
            "La table `communes` liste les communes où l'entreprise peut prospecter. Affichez, "
            "par **département**, le **nombre de communes** et leur **population totale**, "
            f"pour les départements ayant **au moins {seuil} communes**, du plus grand nombre "
            "de communes au plus petit (à égalité, par numéro de département)."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("nb_communes", "departement")),
        indices=(
            "`GROUP BY departement` avec `COUNT(*)` et `SUM(population)`.",
            f"Filtre sur le nombre de communes du groupe : `HAVING COUNT(*) >= {seuil}`.",
            "`ORDER BY nb_communes DESC, departement`.",
        ),
        solution="On regroupe, on filtre les groupes par HAVING, puis on trie :",
        parametres={"seuil": seuil},
    )


@exercice("sql-prospects-par-source", "D'où viennent les prospects ?", savoirs=SAVOIRS_SQL)
def prospects_par_source(alea: random.Random) -> Variante:
    annee = alea.choice((2024, 2025))
    sql = (
        "SELECT source, COUNT(*) AS nb_prospects\nFROM prospects\n"
        f"WHERE date_saisie >= '{annee}-01-01'\n"
        "GROUP BY source\nORDER BY nb_prospects DESC, source"
    )
    return Variante(
        enonce=(
            "Pour juger l'efficacité des sources de prospection, comptez les prospects saisis "
            f"**depuis le 1er janvier {annee}** (`date_saisie`) **par source**, de la source la "
            "plus productive à la moins productive (à égalité, par ordre alphabétique)."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("nb_prospects", "source")),
        indices=(
            f"Filtre : `WHERE date_saisie >= '{annee}-01-01'`.",
            "Un groupe par source : `GROUP BY source` et `COUNT(*)`.",
            "Tri décroissant sur le comptage, puis sur la source.",
        ),
        solution="Filtre, regroupement, comptage, tri :",
        parametres={"annee": annee},
    )


@exercice(
    "sql-activite-commerciaux",
    "Kilomètres et durée des actions par commercial",
    savoirs=SAVOIRS_SQL,
)
def activite_commerciaux(alea: random.Random) -> Variante:
    annee = alea.choice(ANNEES)
    etape = alea.choice(("rendez-vous", "visite"))
    sql = (
        "SELECT id_commercial, COUNT(*) AS nb_actions, SUM(km) AS km_total,\n"
        "       ROUND(AVG(duree_min), 1) AS duree_moyenne\nFROM visites\n"
        f"WHERE etape = '{etape}'\n"
        f"  AND date_visite BETWEEN '{annee}-01-01' AND '{annee}-12-31'\n"
        "  AND id_commercial <= 9\n"
        "GROUP BY id_commercial"
    )
    return Variante(
        enonce=(
            f"Pour les commerciaux n° 1 à 9 (`id_commercial <= 9`), affichez le nombre "
            f"d'actions de l'étape **« {etape} »** en **{annee}**, le **total des kilomètres** "
            "parcourus et la **durée moyenne** en minutes (arrondie à 0,1), un commercial par "
            "ligne."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Trois filtres dans WHERE : l'étape, l'année, les commerciaux 1 à 9.",
            "`GROUP BY id_commercial`, puis COUNT(*), SUM(km), AVG(duree_min).",
            "`ROUND(AVG(duree_min), 1)` arrondit à un chiffre après la virgule.",
        ),
        solution="Un groupe par commercial ; les agrégats résument ses actions :",
        parametres={"annee": annee, "etape": etape},
    )
