"""Segmenter le portefeuille par requête : CASE, tranches de CA, ancienneté (S522, S822).

The CA segmentation here uses FIXED thresholds: it is a « segmentation par tranches de CA »,
labelled T1/T2/T3, never « ABC » (ABC means Pareto: cumulated share of CA, cut near 80 %/95 %).
"""

from __future__ import annotations

import random

from widgets.exercices import ControleSQL, Variante, exercice
from widgets.exercices.catalogue.gestion_clientele._commun import (
    ANNEES,
    SAVOIRS_SQL,
    secteur_au_hasard,
)

SAVOIRS = [*SAVOIRS_SQL, "S522", "S432"]


@exercice(
    "sql-segments-ca", "Segmenter les clients par tranche de chiffre d'affaires", savoirs=SAVOIRS
)
def segments_ca(alea: random.Random) -> Variante:
    annee = alea.choice(ANNEES)
    id_secteur, nom = secteur_au_hasard(alea)
    haut = alea.choice((30000, 50000))
    bas = alea.choice((5000, 10000))
    sql = (
        "SELECT CASE WHEN ca >= " + str(haut) + " THEN 'T1'\n"
        "            WHEN ca >= " + str(bas) + " THEN 'T2'\n"
        "            ELSE 'T3' END AS tranche,\n"
        "       COUNT(*) AS nb_clients, ROUND(SUM(ca), 2) AS ca_total\n"
        "FROM (SELECT c.id_client, SUM(f.montant_ht) AS ca\n"
        "      FROM clients c JOIN factures f ON f.id_client = c.id_client\n"
        f"      WHERE c.id_secteur = {id_secteur}\n"
        f"        AND f.date_facture BETWEEN '{annee}-01-01' AND '{annee}-12-31'\n"
        "      GROUP BY c.id_client)\n"
        "GROUP BY tranche\nORDER BY tranche"
    )
    return Variante(
        enonce=(
            f"On classe les clients du secteur **{nom}** (`id_secteur` = {id_secteur}) ayant "
            f"été facturés en **{annee}** par **tranche de CA HT** de l'année : tranche **T1** "
            f"si CA ≥ {haut} €, **T2** si CA ≥ {bas} €, **T3** sinon (des seuils fixes : ce "
            "n'est pas une analyse ABC, qui classe les clients selon leur part cumulée du CA, "
            "loi de Pareto).\n\n"
            "Affichez pour chaque tranche (T1, T2, T3 dans cet ordre, colonne `tranche`) le "
            "nombre de clients et le CA total de la tranche (au centime)."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("tranche",)),
        indices=(
            "Calculez d'abord le CA de chaque client dans une sous-requête placée dans le FROM "
            "(une « table dérivée »).",
            f"`CASE WHEN ca >= {haut} THEN 'T1' WHEN ca >= {bas} THEN 'T2' ELSE 'T3' END` donne "
            "la tranche (les conditions sont lues dans l'ordre).",
            "Puis regroupez la table dérivée par tranche.",
        ),
        solution="Deux niveaux : le CA par client, puis le regroupement par tranche :",
        parametres={"annee": annee, "id_secteur": id_secteur, "haut": haut, "bas": bas},
    )


@exercice("sql-segments-anciennete", "Segmenter les clients par ancienneté", savoirs=SAVOIRS)
def segments_anciennete(alea: random.Random) -> Variante:
    id_secteur, nom = secteur_au_hasard(alea, souvenirs=True)
    sql = (
        "SELECT CASE WHEN date_creation >= '2023-01-01' THEN 'nouveau'\n"
        "            WHEN date_creation >= '2016-01-01' THEN 'fidèle'\n"
        "            ELSE 'historique' END AS anciennete,\n"
        "       COUNT(*) AS nb_clients\n"
        f"FROM clients\nWHERE id_secteur = {id_secteur}\nGROUP BY anciennete"
    )
    return Variante(
        enonce=(
            f"Pour le secteur **{nom}** (`id_secteur` = {id_secteur}), comptez les clients "
            "par **ancienneté** d'après `date_creation` : **« nouveau »** si le compte a été "
            "ouvert depuis le 01/01/2023, **« fidèle »** s'il l'a été depuis le 01/01/2016, "
            "**« historique »** avant."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Les dates AAAA-MM-JJ se comparent comme du texte : `date_creation >= '2023-01-01'`.",
            "`CASE WHEN … THEN 'nouveau' WHEN … THEN 'fidèle' ELSE 'historique' END AS "
            "anciennete`.",
            "Regroupez par cette colonne calculée et comptez.",
        ),
        solution="CASE range chaque client dans une tranche ; GROUP BY compte par tranche :",
        parametres={"id_secteur": id_secteur},
    )


@exercice("sql-segments-type-secteur", "Croiser catégorie de client et secteur", savoirs=SAVOIRS)
def segments_type_secteur(alea: random.Random) -> Variante:
    annee = alea.choice(ANNEES)
    mois = alea.randint(1, 12)
    sql = (
        "SELECT s.nom AS secteur, c.type_client, COUNT(DISTINCT c.id_client) AS nb_clients,\n"
        "       ROUND(SUM(f.montant_ht), 2) AS ca_ht\n"
        "FROM factures f\nJOIN clients c ON c.id_client = f.id_client\n"
        "JOIN secteurs s ON s.id_secteur = c.id_secteur\n"
        f"WHERE f.date_facture BETWEEN '{annee}-{mois:02d}-01' AND '{annee}-{mois:02d}-31'\n"
        "GROUP BY s.nom, c.type_client"
    )
    return Variante(
        enonce=(
            f"Pour les factures du mois **{mois:02d}/{annee}**, affichez pour chaque couple "
            "(**secteur**, **catégorie de client**) le **nombre de clients différents** "
            "facturés et le **CA HT** (au centime)."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Trois tables : `factures`, `clients`, `secteurs`.",
            "On peut regrouper par deux colonnes : `GROUP BY s.nom, c.type_client`.",
            "`COUNT(DISTINCT c.id_client)` compte chaque client une seule fois.",
        ),
        solution="Le regroupement sur deux colonnes donne un tableau croisé « à plat » :",
        parametres={"annee": annee, "mois": mois},
    )


@exercice("sql-cible-relance", "Construire une cible de relance", savoirs=SAVOIRS)
def cible_relance(alea: random.Random) -> Variante:
    id_secteur, nom = secteur_au_hasard(alea)
    annee = alea.choice((2023, 2024))
    sql = (
        "SELECT c.raison_sociale, c.email, ROUND(SUM(f.montant_ht), 2) AS ca_ancien\n"
        "FROM clients c JOIN factures f ON f.id_client = c.id_client\n"
        f"WHERE c.id_secteur = {id_secteur}\n"
        f"  AND f.date_facture BETWEEN '{annee}-01-01' AND '{annee}-12-31'\n"
        "  AND c.id_client NOT IN (SELECT id_client FROM factures\n"
        "                          WHERE date_facture >= '2025-07-01')\n"
        "GROUP BY c.id_client, c.raison_sociale, c.email\n"
        "HAVING SUM(f.montant_ht) >= 1000"
    )
    return Variante(
        enonce=(
            f"Campagne de relance du secteur **{nom}** (`id_secteur` = {id_secteur}) : la "
            f"cible, ce sont les clients qui ont été facturés **au moins 1 000 € HT en "
            f"{annee}** mais **n'ont reçu aucune facture depuis le 01/07/2025**.\n\n"
            f"Affichez leur raison sociale, leur e-mail et leur CA HT {annee} (au centime)."
        ),
        controle=ControleSQL(sql),
        indices=(
            f"CA {annee} par client : jointure `clients` → `factures`, filtre sur l'année, "
            "`GROUP BY` client, `HAVING SUM(f.montant_ht) >= 1000`.",
            "Les clients facturés récemment : `SELECT id_client FROM factures WHERE "
            "date_facture >= '2025-07-01'`.",
            "Écartez-les avec `c.id_client NOT IN (…)`.",
        ),
        solution="Une sous-requête écarte les clients actifs ; HAVING garde les gros clients :",
        parametres={"id_secteur": id_secteur, "annee": annee},
    )
