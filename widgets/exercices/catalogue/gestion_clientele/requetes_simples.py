"""Requêtes simples sur la base clients : SELECT, WHERE, ORDER BY, LIMIT, AS, fonctions de texte,
valeurs manquantes (S822 « mettre en œuvre le principe des requêtes SQL »).

Chaque étudiant reçoit ses propres valeurs de filtre (gamme, département, année…) ; la réponse
attendue est la requête de référence du professeur exécutée par le moteur sûr.
"""

from __future__ import annotations

import random

from widgets.exercices import ControleSQL, Variante, exercice
from widgets.exercices.catalogue.gestion_clientele._commun import (
    ANNEES,
    DEPARTEMENTS,
    ETAPES,
    GAMMES,
    MOIS,
    SAVOIRS_SQL,
    fin_de_mois,
    texte_sql,
)


@exercice(
    "sql-produits-gamme",
    "Le catalogue d'une gamme, du plus cher au moins cher",
    savoirs=SAVOIRS_SQL,
)
def produits_d_une_gamme(alea: random.Random) -> Variante:
    gamme = alea.choice(GAMMES)
    sql = (
        "SELECT reference, designation, prix_unitaire_ht\nFROM produits\n"
        f"WHERE gamme = {texte_sql(gamme)}\nORDER BY prix_unitaire_ht DESC, reference"
    )
    return Variante(
        enonce=(
            f"Un client demande les tarifs de la gamme **{gamme}**.\n\n"
            "Affichez la **référence**, la **désignation** et le **prix unitaire HT** des "
            "produits de cette gamme (table `produits`), **du plus cher au moins cher** "
            "(à prix égal, par référence)."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("prix_unitaire_ht", "reference")),
        indices=(
            "La gamme est dans la colonne `gamme` ; un texte s'écrit entre apostrophes.",
            "« Du plus cher au moins cher » : `ORDER BY prix_unitaire_ht DESC`.",
            "Un second critère de tri se met après une virgule : `ORDER BY …, reference`.",
        ),
        solution="On filtre la gamme (WHERE) puis on trie par prix décroissant (DESC) :",
        parametres={"gamme": gamme},
    )


@exercice("sql-clients-departement", "Les clients d'un département", savoirs=SAVOIRS_SQL)
def clients_d_un_departement(alea: random.Random) -> Variante:
    dep, nom = alea.choice(DEPARTEMENTS)
    annee = alea.choice((2022, 2023, 2024))
    sql = (
        "SELECT raison_sociale, ville, telephone\nFROM clients\n"
        f"WHERE code_postal LIKE '{dep}%'\n"
        f"  AND date_creation BETWEEN '{annee}-01-01' AND '{annee}-12-31'"
    )
    return Variante(
        enonce=(
            f"Vous préparez une tournée de suivi des nouveaux comptes dans le département "
            f"**{nom} ({dep})**.\n\n"
            "Affichez la **raison sociale**, la **ville** et le **téléphone** des clients dont "
            f"le **code postal commence par {dep}** et dont le compte a été **ouvert en "
            f"{annee}** (`date_creation`)."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Le département, ce sont les deux premiers chiffres de `code_postal`.",
            f"L'opérateur LIKE avec le joker % : `code_postal LIKE '{dep}%'` veut dire "
            f"« commence par {dep} » (autre écriture : `SUBSTR(code_postal, 1, 2) = '{dep}'`).",
            f"L'année d'ouverture : `date_creation BETWEEN '{annee}-01-01' AND "
            f"'{annee}-12-31'`, reliée par AND.",
        ),
        solution="LIKE compare à un modèle ; % remplace n'importe quelle suite de caractères :",
        parametres={"departement": dep, "annee": annee},
    )


@exercice(
    "sql-marge-unitaire", "Calculer une marge unitaire avec AS", savoirs=[*SAVOIRS_SQL, "S513"]
)
def marge_unitaire(alea: random.Random) -> Variante:
    gamme = alea.choice(GAMMES)
    sql = (
        "SELECT designation, prix_unitaire_ht, cout_achat_ht,\n"
        "       ROUND(prix_unitaire_ht - cout_achat_ht, 2) AS marge_unitaire\n"
        f"FROM produits\nWHERE gamme = {texte_sql(gamme)} AND actif = 1"
    )
    return Variante(
        enonce=(
            f"Pour préparer une négociation, affichez pour chaque produit **actif** "
            f"(`actif = 1`) de la gamme **{gamme}** : la désignation, le prix unitaire HT, le "
            "coût d'achat HT et la **marge unitaire** (prix − coût, arrondie au centime) dans "
            "une colonne nommée `marge_unitaire`."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Une colonne calculée s'écrit comme une formule : `prix_unitaire_ht - cout_achat_ht`.",
            "`AS marge_unitaire` donne un nom à la colonne calculée ; `ROUND(x, 2)` arrondit.",
            "Deux conditions : `WHERE gamme = '…' AND actif = 1`.",
        ),
        solution="La marge unitaire est le prix de vente HT moins le coût d'achat HT :",
        parametres={"gamme": gamme},
    )


@exercice(
    "sql-plus-grosses-factures",
    "Les plus grosses factures d'une année (LIMIT)",
    savoirs=SAVOIRS_SQL,
)
def plus_grosses_factures(alea: random.Random) -> Variante:
    annee = alea.choice(ANNEES)
    n = alea.choice((3, 5, 10))
    sql = (
        "SELECT numero, date_facture, montant_ttc\nFROM factures\n"
        f"WHERE date_facture BETWEEN '{annee}-01-01' AND '{annee}-12-31'\n"
        f"ORDER BY montant_ttc DESC, numero\nLIMIT {n}"
    )
    return Variante(
        enonce=(
            f"Le directeur financier veut voir les **{n} plus grosses factures** (montant TTC) "
            f"de l'année **{annee}**.\n\n"
            "Affichez leur numéro, leur date et leur montant TTC, de la plus grosse à la plus "
            "petite."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("montant_ttc",)),
        indices=(
            f"Filtrez l'année sur `date_facture` : `BETWEEN '{annee}-01-01' AND '{annee}-12-31'`.",
            "Triez par montant décroissant : `ORDER BY montant_ttc DESC`.",
            f"`LIMIT {n}` à la toute fin garde les {n} premières lignes.",
        ),
        solution="On trie du plus grand au plus petit, puis LIMIT garde le haut du classement :",
        parametres={"annee": annee, "n": n},
    )


@exercice(
    "sql-fonctions-texte", "Mettre en forme des noms (fonctions de texte)", savoirs=SAVOIRS_SQL
)
def fonctions_de_texte(alea: random.Random) -> Variante:
    id_secteur = alea.randint(1, 7)
    sql = (
        "SELECT UPPER(nom) AS nom, SUBSTR(prenom, 1, 1) || '.' AS initiale, email\n"
        f"FROM commerciaux\nWHERE id_secteur = {id_secteur}"
    )
    return Variante(
        enonce=(
            f"Pour l'annuaire interne, affichez les commerciaux du secteur n° **{id_secteur}** "
            "(`id_secteur`) avec : leur **nom en majuscules**, l'**initiale de leur prénom "
            "suivie d'un point** (par exemple `C.`) et leur e-mail."
        ),
        controle=ControleSQL(sql),
        indices=(
            "`UPPER(texte)` met en majuscules.",
            "`SUBSTR(texte, 1, 1)` prend le premier caractère.",
            "L'opérateur `||` colle deux textes : `SUBSTR(prenom, 1, 1) || '.'`.",
        ),
        solution="Les fonctions de texte transforment chaque valeur ; `||` concatène :",
        parametres={"id_secteur": id_secteur},
    )


@exercice("sql-visites-du-mois", "L'agenda d'un commercial sur un mois", savoirs=SAVOIRS_SQL)
def visites_du_mois(alea: random.Random) -> Variante:
    id_commercial = alea.randint(1, 6)
    annee = alea.choice((2024, 2025))
    mois = alea.randint(1, 12)
    etape = alea.choice(ETAPES[:3])
    sql = (
        "SELECT date_visite, etape, resultat, duree_min\nFROM visites\n"
        f"WHERE id_commercial = {id_commercial}\n"
        f"  AND date_visite BETWEEN '{annee}-{mois:02d}-01' AND '{fin_de_mois(annee, mois)}'\n"
        f"  AND etape <> {texte_sql(etape)}\n"
        "ORDER BY date_visite"
    )
    return Variante(
        enonce=(
            f"Affichez l'activité du commercial n° **{id_commercial}** en **{MOIS[mois - 1]} "
            f"{annee}** (table `visites`) : date, étape, résultat et durée, **sauf les actions "
            f"de l'étape « {etape} »**, dans l'ordre chronologique."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("date_visite",)),
        indices=(
            "Trois conditions reliées par AND : le commercial, la période, l'étape.",
            "« Différent de » s'écrit `<>` (ou `!=`).",
            f"La période : `date_visite BETWEEN '{annee}-{mois:02d}-01' AND "
            f"'{fin_de_mois(annee, mois)}'` puis `ORDER BY date_visite`.",
        ),
        solution="On combine les trois filtres avec AND, puis on trie par date :",
        parametres={"id_commercial": id_commercial, "annee": annee, "mois": mois},
    )


@exercice("sql-valeurs-manquantes", "Repérer les valeurs manquantes (IS NULL)", savoirs=SAVOIRS_SQL)
def valeurs_manquantes(alea: random.Random) -> Variante:
    colonne, libelle = alea.choice(
        (("telephone", "le téléphone"), ("ville", "la ville"), ("email", "l'e-mail"),
         ("contact_nom", "le nom du contact"))
    )  # fmt: skip
    sql = (
        "SELECT id_prospect, raison_sociale\nFROM prospects\n"
        f"WHERE id_prospect <= 1000 AND ({colonne} IS NULL OR TRIM({colonne}) = '')"
    )
    return Variante(
        enonce=(
            f"Dans le fichier `prospects`, certaines fiches n'ont pas de valeur pour "
            f"**{libelle}** (`{colonne}`) : soit la case est vide (NULL), soit elle contient "
            "un texte vide ou seulement des espaces.\n\n"
            "Affichez l'identifiant et la raison sociale de ces prospects, **parmi les fiches "
            "1 à 1 000** (`id_prospect <= 1000`, le premier lot du fichier)."
        ),
        controle=ControleSQL(sql),
        indices=(
            "Une case vide (NULL) se teste avec `IS NULL`, jamais avec `= NULL`.",
            "Un texte vide se teste avec `= ''` ; `TRIM` enlève les espaces autour.",
            f"Les deux cas entre parenthèses : `({colonne} IS NULL OR TRIM({colonne}) = '')`, "
            "reliés au filtre du lot par AND.",
        ),
        solution="NULL n'est égal à rien (même pas à NULL) : il faut IS NULL, plus le texte vide :",
        parametres={"colonne": colonne},
    )
