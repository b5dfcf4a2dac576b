"""Les questions commerciales qui demandent plusieurs tables : JOIN … ON (S822, S521 à S534).

Chiffre d'affaires par secteur, meilleurs clients, panier moyen, clients en sommeil, taux de
transformation des visites, encours clients, objectifs des commerciaux, détail d'une facture,
ventes d'une gamme. Au plus quatre tables par requête, comme à l'examen.
"""

from __future__ import annotations

import random

from widgets.exercices import ControleSQL, Variante, exercice
from widgets.exercices.catalogue.gestion_clientele._commun import (
    ANNEES,
    GAMMES,
    MOIS,
    SAVOIRS_SQL,
    TYPES_CLIENT,
    fin_de_mois,
    texte_sql,
    trimestre,
)

REFERENCE = "2025-12-31"


@exercice("sql-ca-par-secteur", "Le chiffre d'affaires par secteur", savoirs=SAVOIRS_SQL)
def ca_par_secteur(alea: random.Random) -> Variante:
    debut, fin, libelle = trimestre(alea)
    sql = (
        "SELECT s.nom AS secteur, ROUND(SUM(f.montant_ht), 2) AS ca_ht\n"
        "FROM factures f\n"
        "JOIN clients c ON c.id_client = f.id_client\n"
        "JOIN secteurs s ON s.id_secteur = c.id_secteur\n"
        f"WHERE f.date_facture BETWEEN '{debut}' AND '{fin}'\n"
        "GROUP BY s.nom\nORDER BY ca_ht DESC"
    )
    return Variante(
        enonce=(
            f"Le directeur commercial veut le **chiffre d'affaires HT de chaque secteur** au "
            f"**{libelle}** (factures du {debut} au {fin}) : le **nom du secteur** et la somme "
            "des `montant_ht` des factures de ses clients (au centime), du secteur le plus "
            "important au moins important."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("ca_ht",)),
        indices=(
            "Le montant est dans `factures`, le secteur du client dans `clients.id_secteur`, "
            "le nom du secteur dans `secteurs` : trois tables.",
            "`JOIN clients c ON c.id_client = f.id_client` puis "
            "`JOIN secteurs s ON s.id_secteur = c.id_secteur`.",
            "`GROUP BY s.nom`, `SUM(f.montant_ht)`, `ORDER BY … DESC`.",
        ),
        solution="Les jointures relient chaque facture à son client puis à son secteur :",
        parametres={"debut": debut, "fin": fin},
    )


@exercice("sql-top-clients", "Les meilleurs clients d'un trimestre", savoirs=SAVOIRS_SQL)
def top_clients(alea: random.Random) -> Variante:
    debut, fin, libelle = trimestre(alea)
    n = alea.choice((5, 10))
    type_client = alea.choice(TYPES_CLIENT[:3])
    sql = (
        "SELECT c.raison_sociale, ROUND(SUM(f.montant_ht), 2) AS ca_ht\n"
        "FROM factures f\nJOIN clients c ON c.id_client = f.id_client\n"
        f"WHERE f.date_facture BETWEEN '{debut}' AND '{fin}'\n"
        f"  AND c.type_client = {texte_sql(type_client)}\n"
        f"GROUP BY c.id_client, c.raison_sociale\nORDER BY ca_ht DESC\nLIMIT {n}"
    )
    return Variante(
        enonce=(
            f"Affichez le **top {n} des clients « {type_client} »** du **{libelle}** (factures "
            f"du {debut} au {fin}) : raison sociale et chiffre d'affaires HT facturé (au "
            "centime), du plus gros au plus petit."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("ca_ht",)),
        indices=(
            "Jointure `factures` → `clients` sur `id_client`.",
            "Un groupe par client (`GROUP BY c.id_client, c.raison_sociale`) et "
            "`SUM(f.montant_ht)`.",
            f"`ORDER BY ca_ht DESC LIMIT {n}`.",
        ),
        solution="On totalise par client, on trie par total décroissant et on garde le haut :",
        parametres={"debut": debut, "fin": fin, "n": n, "type_client": type_client},
    )


@exercice(
    "sql-panier-moyen", "Le panier moyen par catégorie de client", savoirs=[*SAVOIRS_SQL, "S522"]
)
def panier_moyen(alea: random.Random) -> Variante:
    debut, fin, libelle = trimestre(alea)
    sql = (
        "SELECT c.type_client, COUNT(*) AS nb_factures,\n"
        "       ROUND(AVG(f.montant_ht), 2) AS panier_moyen\n"
        "FROM factures f\nJOIN clients c ON c.id_client = f.id_client\n"
        f"WHERE f.date_facture BETWEEN '{debut}' AND '{fin}'\n"
        "GROUP BY c.type_client"
    )
    return Variante(
        enonce=(
            "Le **panier moyen** est le montant HT moyen d'une facture. Pour le "
            f"**{libelle}** (du {debut} au {fin}), affichez par **catégorie de client** "
            "(`type_client`) le nombre de factures et le panier moyen (au centime)."
        ),
        controle=ControleSQL(sql),
        indices=(
            "La catégorie est dans `clients`, le montant dans `factures` : une jointure.",
            "`GROUP BY c.type_client` avec `COUNT(*)` et `AVG(f.montant_ht)`.",
            "Panier moyen = CA / nombre de factures, c'est exactement `AVG`.",
        ),
        solution="Panier moyen = chiffre d'affaires ÷ nombre de factures, calculé par groupe :",
        parametres={"debut": debut, "fin": fin},
    )


@exercice(
    "sql-clients-en-sommeil",
    "Les clients en sommeil (aucune commande depuis plusieurs mois)",
    savoirs=[*SAVOIRS_SQL, "S522"],
)
def clients_en_sommeil(alea: random.Random) -> Variante:
    id_commercial = alea.randint(1, 9)
    mois = alea.choice((6, 9, 12))
    sql = (
        "SELECT c.raison_sociale, MAX(co.date_commande) AS derniere_commande\n"
        "FROM clients c\nJOIN commandes co ON co.id_client = c.id_client\n"
        f"WHERE c.id_commercial = {id_commercial}\n"
        "GROUP BY c.id_client, c.raison_sociale\n"
        f"HAVING MAX(co.date_commande) < date('{REFERENCE}', '-{mois} months')\n"
        "ORDER BY derniere_commande"
    )
    return Variante(
        enonce=(
            f"Un client est **« en sommeil »** s'il n'a passé **aucune commande depuis {mois} "
            f"mois** (nous sommes le 31/12/2025). Pour le portefeuille du commercial n° "
            f"**{id_commercial}** (`clients.id_commercial`), affichez la raison sociale et la "
            "**date de dernière commande** des clients en sommeil (qui ont déjà commandé au "
            "moins une fois), de la plus ancienne à la plus récente."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("derniere_commande",)),
        indices=(
            "La date de dernière commande d'un client : `MAX(co.date_commande)` dans un groupe "
            "par client (jointure `clients` → `commandes`).",
            f"La limite : `date('{REFERENCE}', '-{mois} months')` donne la date {mois} mois "
            "plus tôt.",
            "La condition porte sur MAX(…) : elle va dans HAVING.",
        ),
        solution="Dernière commande par client (MAX), puis HAVING garde les plus anciennes :",
        parametres={"id_commercial": id_commercial, "mois": mois},
    )


@exercice(
    "sql-taux-transformation",
    "Le taux de transformation des visites",
    savoirs=[*SAVOIRS_SQL, "S532", "S432"],
)
def taux_transformation(alea: random.Random) -> Variante:
    annee = alea.choice(ANNEES)
    sql = (
        "SELECT co.nom, co.prenom,\n"
        "       SUM(v.etape = 'visite') AS nb_visites,\n"
        "       SUM(v.etape = 'commande') AS nb_commandes,\n"
        "       ROUND(100.0 * SUM(v.etape = 'commande') / SUM(v.etape = 'visite'), 1)"
        " AS taux_pct\n"
        "FROM visites v\nJOIN commerciaux co ON co.id_commercial = v.id_commercial\n"
        f"WHERE v.date_visite BETWEEN '{annee}-01-01' AND '{annee}-12-31'\n"
        "  AND v.id_commercial <= 9\n"
        "GROUP BY co.id_commercial, co.nom, co.prenom\n"
        "HAVING SUM(v.etape = 'visite') > 0"
    )
    return Variante(
        enonce=(
            "Le **taux de transformation** d'un commercial est le nombre d'actions à l'étape "
            "« commande » divisé par le nombre d'actions à l'étape « visite », × 100.\n\n"
            f"Pour **{annee}** et les commerciaux n° 1 à 9, affichez le nom, le prénom, le "
            "nombre de visites, le nombre de commandes et le **taux en %** arrondi à 0,1 "
            "(seulement les commerciaux qui ont fait au moins une visite)."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Jointure `visites` → `commerciaux`, un groupe par commercial.",
            "`SUM(v.etape = 'visite')` compte les lignes où la condition est vraie (vrai vaut "
            "1 en SQLite) ; autre écriture : `SUM(CASE WHEN v.etape = 'visite' THEN 1 ELSE 0 "
            "END)`.",
            "Multipliez par `100.0` (et non 100) pour éviter la division entière ; HAVING "
            "écarte les commerciaux sans visite.",
        ),
        solution="On compte les deux étapes dans chaque groupe puis on en fait le rapport :",
        parametres={"annee": annee},
    )


@exercice(
    "sql-encours-clients", "L'encours des clients d'un commercial", savoirs=[*SAVOIRS_SQL, "S521"]
)
def encours_clients(alea: random.Random) -> Variante:
    id_commercial = alea.randint(1, 9)
    sql = (
        "SELECT c.raison_sociale,\n"
        "       ROUND(SUM(f.montant_ttc - COALESCE((SELECT SUM(r.montant) FROM reglements r\n"
        "                                           WHERE r.id_facture = f.id_facture), 0)),"
        " 2) AS encours\n"
        "FROM clients c\nJOIN factures f ON f.id_client = c.id_client\n"
        f"WHERE c.id_commercial = {id_commercial}\n"
        "GROUP BY c.id_client, c.raison_sociale\n"
        "HAVING encours > 0\nORDER BY encours DESC"
    )
    return Variante(
        enonce=(
            "L'**encours** d'un client est ce qu'il doit encore : total TTC de ses factures "
            "moins total de ses règlements.\n\n"
            f"Pour les clients du commercial n° **{id_commercial}**, affichez la raison "
            "sociale et l'encours (au centime) des clients dont l'encours est **positif**, du "
            "plus élevé au plus faible."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("encours",)),
        indices=(
            "Attention : une facture peut avoir plusieurs règlements. Si vous joignez "
            "directement `reglements`, le montant de la facture est compté plusieurs fois.",
            "Pour chaque facture, le déjà-payé est une sous-requête : `(SELECT SUM(r.montant) "
            "FROM reglements r WHERE r.id_facture = f.id_facture)`, NULL si rien n'est payé : "
            "`COALESCE(…, 0)` le remplace par 0.",
            "Encours = `SUM(f.montant_ttc - déjà payé)` par client, puis `HAVING encours > 0` "
            "et `ORDER BY encours DESC`.",
        ),
        solution=(
            "Le déjà-payé est calculé facture par facture (sous-requête corrélée), pour ne pas "
            "compter deux fois une facture payée en plusieurs fois :"
        ),
        parametres={"id_commercial": id_commercial},
    )


@exercice(
    "sql-objectifs-commerciaux",
    "Réalisé contre objectif, par commercial",
    savoirs=[*SAVOIRS_SQL, "S534"],
)
def objectifs_commerciaux(alea: random.Random) -> Variante:
    annee = alea.choice((2024, 2025))
    mois = alea.randint(1, 12)
    cle = f"{annee}-{mois:02d}"
    sql = (
        "SELECT o.id_commercial, o.ca_objectif,\n"
        "       ROUND(SUM(f.montant_ht), 2) AS ca_realise,\n"
        "       ROUND(100.0 * SUM(f.montant_ht) / o.ca_objectif, 1) AS taux_realisation\n"
        "FROM factures f\n"
        "JOIN commandes c ON c.id_commande = f.id_commande\n"
        f"JOIN objectifs o ON o.id_commercial = c.id_commercial AND o.mois = '{cle}'\n"
        f"WHERE f.date_facture BETWEEN '{cle}-01' AND '{fin_de_mois(annee, mois)}'\n"
        "  AND o.id_commercial <= 9\n"
        "GROUP BY o.id_commercial, o.ca_objectif"
    )
    return Variante(
        enonce=(
            f"Pour **{MOIS[mois - 1]} {annee}** et les commerciaux n° 1 à 9, comparez le "
            "**chiffre d'affaires HT facturé** (factures du mois, attribuées au commercial qui "
            "a pris la commande) à l'**objectif du mois** (table `objectifs`, colonne `mois` = "
            f"`'{cle}'`). Affichez l'identifiant du commercial, l'objectif, le réalisé (au "
            "centime) et le **taux de réalisation** en % (arrondi à 0,1)."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Le commercial d'une facture est celui de sa commande : "
            "`factures` → `commandes` sur `id_commande`.",
            f"L'objectif : `JOIN objectifs o ON o.id_commercial = c.id_commercial AND o.mois = "
            f"'{cle}'`.",
            "Taux = 100.0 × réalisé / objectif, un groupe par commercial.",
        ),
        solution="Trois tables : la facture, sa commande (le commercial), l'objectif du mois :",
        parametres={"annee": annee, "mois": mois},
    )


@exercice("sql-detail-facture", "Le détail d'une facture", savoirs=SAVOIRS_SQL)
def detail_facture(alea: random.Random) -> Variante:
    numero = f"F{alea.choice(ANNEES)}-{alea.randint(1, 300):06d}"
    sql = (
        "SELECT p.designation, l.quantite, l.prix_unitaire_ht, l.remise_pct, l.montant_ht\n"
        "FROM factures f\n"
        "JOIN lignes_commande l ON l.id_commande = f.id_commande\n"
        "JOIN produits p ON p.id_produit = l.id_produit\n"
        f"WHERE f.numero = '{numero}'"
    )
    return Variante(
        enonce=(
            f"Un client conteste la facture **{numero}**. Affichez son détail : pour chaque "
            "ligne, la **désignation** du produit, la quantité, le prix unitaire HT, la remise "
            "de ligne (%) et le montant HT de la ligne."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Une facture correspond à une commande (`id_commande`) ; les lignes sont dans "
            "`lignes_commande`, la désignation dans `produits`.",
            "`factures` → `lignes_commande` sur `id_commande`, puis → `produits` sur `id_produit`.",
            f"Filtre : `WHERE f.numero = '{numero}'`.",
        ),
        solution="On part de la facture, on descend à ses lignes puis aux produits :",
        parametres={"numero": numero},
    )


@exercice("sql-ventes-gamme-mois", "Les ventes d'une gamme sur un mois", savoirs=SAVOIRS_SQL)
def ventes_gamme_mois(alea: random.Random) -> Variante:
    gamme = alea.choice(GAMMES[:3])
    annee = alea.choice(ANNEES)
    mois = alea.randint(1, 12)
    sql = (
        "SELECT p.designation, SUM(l.quantite) AS quantite_vendue,\n"
        "       ROUND(SUM(l.montant_ht), 2) AS ca_ht\n"
        "FROM commandes c\n"
        "JOIN lignes_commande l ON l.id_commande = c.id_commande\n"
        "JOIN produits p ON p.id_produit = l.id_produit\n"
        f"WHERE p.gamme = {texte_sql(gamme)} AND c.statut = 'livrée'\n"
        f"  AND c.date_commande BETWEEN '{annee}-{mois:02d}-01' AND "
        f"'{fin_de_mois(annee, mois)}'\n"
        "GROUP BY p.id_produit, p.designation\nORDER BY quantite_vendue DESC"
    )
    return Variante(
        enonce=(
            f"Pour les commandes **livrées** de **{MOIS[mois - 1]} {annee}** (`date_commande`), "
            f"affichez pour chaque produit de la gamme **{gamme}** sa désignation, la "
            "**quantité vendue** et le **CA HT** des lignes (au centime), de la plus forte "
            "quantité à la plus faible."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("quantite_vendue",)),
        indices=(
            "Trois tables : `commandes` (date, statut), `lignes_commande` (quantité, montant), "
            "`produits` (gamme, désignation).",
            "Un groupe par produit, `SUM(l.quantite)` et `SUM(l.montant_ht)`.",
            "`ORDER BY quantite_vendue DESC`.",
        ),
        solution="On filtre les commandes et la gamme, puis on totalise par produit :",
        parametres={"gamme": gamme, "annee": annee, "mois": mois},
    )
