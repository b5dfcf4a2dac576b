"""Corriger et qualifier le fichier prospects : UPDATE et DELETE vérifiés automatiquement (S822).

Ces exercices jugent une **instruction de modification** par l'état dans lequel elle laisse la
table, comme on le vérifierait à la main : :class:`ControleModification` rejoue l'instruction de
l'étudiant et celle du professeur, chacune sur sa propre copie jetable du premier lot du fichier
(les fiches 1 à 1 000, plus la table ``communes`` pour la qualification), puis compare le
résultat d'une même requête de vérification (avec le comparateur de ``ControleSQL``). La base de
référence n'est jamais modifiée : elle n'est lue que par le moteur sûr ``widgets.sql``, et les
copies sont des fichiers temporaires effacés aussitôt.
"""

from __future__ import annotations

import random

from widgets.exercices import Variante, exercice
from widgets.exercices.catalogue.gestion_clientele._commun import SAVOIRS_SQL
from widgets.exercices.controles_sql import ControleModification

SAVOIRS = SAVOIRS_SQL
LOT = 1000
COPIE_PROSPECTS = (("prospects", f"id_prospect <= {LOT}"),)
CONSIGNE = (
    "\n\nÉcrivez l'instruction comme dans votre bac à sable. Le contrôle la rejoue sur une copie "
    f"du premier lot du fichier (fiches 1 à {LOT}) et regarde l'état de la table après."
)


@exercice("sql-maj-majuscules", "Normaliser la casse des noms de contact (UPDATE)", savoirs=SAVOIRS)
def majuscules(alea: random.Random) -> Variante:
    sql = (
        "UPDATE prospects\nSET contact_nom = UPPER(contact_nom)\n"
        "WHERE contact_nom <> UPPER(contact_nom)"
    )
    return Variante(
        enonce=(
            "La règle de saisie du fichier : le **nom du contact** (`contact_nom`) s'écrit "
            "**tout en majuscules**. Écrivez l'instruction qui corrige toutes les fiches qui ne "
            "la respectent pas." + CONSIGNE
        ),
        controle=ControleModification(
            sql, "SELECT id_prospect, contact_nom FROM prospects", tables=COPIE_PROSPECTS
        ),
        indices=(
            "Une modification s'écrit `UPDATE table SET colonne = nouvelle_valeur WHERE …`.",
            "La nouvelle valeur se calcule à partir de l'ancienne : `UPPER(contact_nom)`.",
            "Le WHERE limite la modification aux fiches fautives : "
            "`contact_nom <> UPPER(contact_nom)` (sans WHERE, toutes les lignes sont réécrites).",
        ),
        solution="UPDATE … SET recalcule la colonne ; WHERE cible les seules fiches fautives :",
        parametres={},
    )


@exercice("sql-maj-codes-postaux", "Réparer des codes postaux (UPDATE)", savoirs=SAVOIRS)
def codes_postaux(alea: random.Random) -> Variante:
    if alea.random() < 0.5:
        defaut = "contiennent une **espace** (`13 001` au lieu de `13001`)"
        sql = (
            "UPDATE prospects\nSET code_postal = REPLACE(code_postal, ' ', '')\n"
            "WHERE code_postal LIKE '% %'"
        )
        indices = (
            "`REPLACE(texte, ' ', '')` retire toutes les espaces d'un texte.",
            "Ciblez les fiches concernées : `WHERE code_postal LIKE '% %'`.",
        )
    else:
        defaut = "ont perdu leur **zéro initial** (`6000` au lieu de `06000` : 4 chiffres)"
        sql = (
            "UPDATE prospects\nSET code_postal = '0' || code_postal\nWHERE LENGTH(code_postal) = 4"
        )
        indices = (
            "`'0' || code_postal` colle un zéro devant le code.",
            "Ciblez les fiches concernées : `WHERE LENGTH(code_postal) = 4`.",
        )
    return Variante(
        enonce=(
            f"Certains codes postaux du fichier prospects {defaut}. Écrivez l'instruction qui "
            "les corrige, sans toucher aux autres fiches." + CONSIGNE
        ),
        controle=ControleModification(
            sql, "SELECT id_prospect, code_postal FROM prospects", tables=COPIE_PROSPECTS
        ),
        indices=(*indices, "`UPDATE prospects SET code_postal = … WHERE …`."),
        solution="On recalcule le code postal des seules fiches défectueuses :",
        parametres={"sql": sql},
    )


@exercice("sql-maj-telephones", "Réparer les téléphones saisis avec la lettre O", savoirs=SAVOIRS)
def telephones(alea: random.Random) -> Variante:
    sql = "UPDATE prospects\nSET telephone = '0' || SUBSTR(telephone, 2)\nWHERE telephone LIKE 'O%'"
    return Variante(
        enonce=(
            "Quelques numéros de téléphone commencent par la **lettre O** au lieu du **chiffre "
            "0** (`O1 45 …`). Remplacez ce premier caractère par le chiffre 0 sur ces fiches "
            "seulement." + CONSIGNE
        ),
        controle=ControleModification(
            sql, "SELECT id_prospect, telephone FROM prospects", tables=COPIE_PROSPECTS
        ),
        indices=(
            "Les fiches visées : `WHERE telephone LIKE 'O%'` (lettre O majuscule).",
            "`SUBSTR(telephone, 2)` donne le numéro sans son premier caractère.",
            "`SET telephone = '0' || SUBSTR(telephone, 2)`.",
        ),
        solution="On reconstruit le numéro : un zéro, puis tout sauf le premier caractère :",
        parametres={},
    )


@exercice(
    "sql-maj-ville-manquante", "Qualifier : retrouver la ville par le code postal", savoirs=SAVOIRS
)
def ville_manquante(alea: random.Random) -> Variante:
    sql = (
        "UPDATE prospects\n"
        "SET ville = (SELECT c.nom FROM communes c WHERE c.code_postal = prospects.code_postal"
        " ORDER BY c.population DESC LIMIT 1)\n"
        "WHERE (ville IS NULL OR TRIM(ville) = '')\n"
        "  AND code_postal IN (SELECT code_postal FROM communes)"
    )
    return Variante(
        enonce=(
            "**Qualifier** une fiche, c'est compléter ce qui manque à partir d'une source sûre. "
            "Pour les prospects **sans ville** (vide ou NULL), inscrivez le nom de la commune "
            "de la table `communes` qui a le **même code postal** (s'il y en a plusieurs, la "
            "plus peuplée). Ne touchez pas aux fiches dont le code postal est inconnu de "
            "`communes`." + CONSIGNE
        ),
        controle=ControleModification(
            sql,
            "SELECT id_prospect, ville FROM prospects",
            tables=(*COPIE_PROSPECTS, ("communes", "")),
        ),
        indices=(
            "La nouvelle valeur est une sous-requête corrélée : `(SELECT c.nom FROM communes c "
            "WHERE c.code_postal = prospects.code_postal …)`.",
            "Plusieurs communes par code postal : `ORDER BY c.population DESC LIMIT 1`.",
            "WHERE : ville manquante ET `code_postal IN (SELECT code_postal FROM communes)`.",
        ),
        solution="Une sous-requête va chercher la commune correspondante pour chaque fiche :",
        parametres={},
    )


@exercice("sql-suppr-doublons", "Supprimer les doublons (DELETE)", savoirs=SAVOIRS)
def supprimer_doublons(alea: random.Random) -> Variante:
    sql = (
        "DELETE FROM prospects\n"
        "WHERE id_prospect IN (SELECT p2.id_prospect\n"
        "                      FROM prospects p1\n"
        "                      JOIN prospects p2 ON p2.siret = p1.siret\n"
        "                                       AND p2.id_prospect > p1.id_prospect)"
    )
    return Variante(
        enonce=(
            "Deux fiches qui ont le **même SIRET** décrivent la même entreprise. Supprimez les "
            "doublons en gardant, pour chaque entreprise, la fiche la **plus ancienne** (le "
            "plus petit `id_prospect`)." + CONSIGNE
        ),
        controle=ControleModification(
            sql, "SELECT id_prospect FROM prospects", tables=COPIE_PROSPECTS
        ),
        indices=(
            "Trouvez d'abord les doublons avec un SELECT (auto-jointure sur le SIRET, "
            "`p2.id_prospect > p1.id_prospect`).",
            "`DELETE FROM prospects WHERE id_prospect IN (SELECT p2.id_prospect FROM …)`.",
            "Un DELETE sans WHERE vide la table : vérifiez toujours d'abord par un SELECT.",
        ),
        solution="La sous-requête liste les copies les plus récentes ; DELETE les retire :",
        parametres={},
    )
