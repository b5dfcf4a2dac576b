"""Fiabiliser le fichier prospects (S822 : saisie, fiabilisation, qualification, mise à jour).

Le fichier ``prospects`` contient volontairement des erreurs de saisie : doublons écrits
autrement, e-mails, téléphones et codes postaux invalides, champs manquants, casse incohérente.
Ces exercices les font **détecter** par des requêtes SELECT (vérifiées sur la base de
référence) ; la correction (UPDATE, DELETE) se pratique ensuite dans le bac à sable
(carnet ``notebooks/gestion_clientele/04_fiabilisation_prospects.ipynb``). La table
``prospects_defauts`` est le corrigé : on peut s'y comparer.
"""

from __future__ import annotations

import random

from widgets.exercices import ControleSQL, Variante, exercice
from widgets.exercices.catalogue.gestion_clientele._commun import SAVOIRS_SQL

SAVOIRS = SAVOIRS_SQL
LOT = 1000


# « non vide » : NULL and '' are a champ manquant (another defect of prospects_defauts), never an
# invalid value; the data holds no value made of spaces only, so `<> ''`, `TRIM(x) <> ''` and
# `x IS NOT NULL AND x <> ''` all give the reference result.
def _non_vide(colonne: str) -> str:
    return (
        f"Ignorez les fiches où `{colonne}` est **vide ou absent** (`NULL` ou texte vide) : "
        "c'est un autre défaut, le champ manquant."
    )


def _indice_non_vide(colonne: str) -> str:
    return (
        f"Un `{colonne}` vide n'est pas invalide, il est manquant : ajoutez "
        f"`AND {colonne} <> ''` (un NULL est déjà écarté : une comparaison avec NULL n'est "
        "jamais vraie)."
    )


CONSIGNE_LOT = (
    f"Le fichier se traite par lots : ne considérez que le **premier lot**, les fiches "
    f"`id_prospect` de 1 à {LOT}."
)


@exercice("sql-doublons-siret", "Trouver les doublons par le SIRET", savoirs=SAVOIRS)
def doublons_siret(alea: random.Random) -> Variante:
    colonne, libelle = alea.choice((("siret", "le même SIRET"), ("email", "le même e-mail")))
    sql = (
        "SELECT p2.id_prospect AS doublon, p1.id_prospect AS original\n"
        "FROM prospects p1\n"
        f"JOIN prospects p2 ON p2.{colonne} = p1.{colonne} AND p2.id_prospect > p1.id_prospect\n"
        f"WHERE TRIM(p1.{colonne}) <> '' AND p1.id_prospect <= {LOT}"
        f" AND p2.id_prospect <= {LOT}"
    )
    return Variante(
        enonce=(
            "Un même prospect a parfois été saisi deux fois, avec une raison sociale écrite "
            f"autrement (« SARL » / « S.A.R.L. », accents, majuscules). On le reconnaît à "
            f"**{libelle}** (`{colonne}`).\n\n"
            "Affichez chaque paire de fiches en double : l'identifiant de la fiche la plus "
            "récente (`doublon`, le plus grand identifiant) et celui de la fiche d'origine "
            "(`original`, le plus petit). Ignorez les valeurs vides. " + CONSIGNE_LOT
        ),
        controle=ControleSQL(sql),
        indices=(
            "On compare la table `prospects` à elle-même : une **auto-jointure** avec deux "
            "alias, `prospects p1 JOIN prospects p2 ON …`.",
            f"Condition : `p2.{colonne} = p1.{colonne}` ET `p2.id_prospect > p1.id_prospect` "
            "(sinon chaque fiche est son propre doublon, et chaque paire sort deux fois).",
            f"Écartez les vides : `WHERE TRIM(p1.{colonne}) <> ''`.",
        ),
        solution="Une auto-jointure apparie les fiches qui partagent la même valeur :",
        parametres={"colonne": colonne},
    )


@exercice("sql-emails-invalides", "Repérer les e-mails mal saisis", savoirs=SAVOIRS)
def emails_invalides(alea: random.Random) -> Variante:
    tri = alea.choice(("id_prospect", "raison_sociale"))
    sql = (
        "SELECT id_prospect, email\nFROM prospects\n"
        f"WHERE id_prospect <= {LOT}\n"
        "  AND (email LIKE '% %' OR email LIKE '%,%' OR email LIKE '%@%@%'\n"
        "       OR email NOT LIKE '%_@_%._%')\n"
        "  AND email <> ''\n"
        f"ORDER BY {tri}"
    )
    return Variante(
        enonce=(
            "Une adresse e-mail est **invalide** si elle contient une **espace**, une "
            "**virgule**, **deux arobases**, ou si elle n'a pas la forme "
            "`quelque chose@quelque chose.quelque chose`.\n\n"
            "Affichez l'identifiant et l'e-mail des prospects dont l'e-mail (non vide) est "
            f"invalide, triés par `{tri}`. " + _non_vide("email") + " " + CONSIGNE_LOT
        ),
        controle=ControleSQL(
            sql, ordre_compte=True, cles_ordre=(tri,) if tri == "id_prospect" else ()
        ),
        indices=(
            "LIKE avec `%` : `email LIKE '% %'` est vrai s'il y a une espace quelque part.",
            "Deux arobases : `LIKE '%@%@%'` ; la bonne forme : `LIKE '%_@_%._%'` (le `_` "
            "remplace exactement un caractère).",
            "Reliez les quatre cas par OR, entre parenthèses. Une valeur NULL ne ressort pas "
            "(LIKE sur NULL n'est ni vrai ni faux) : c'est voulu, les manquants sont un autre "
            "défaut.",
            _indice_non_vide("email"),
        ),
        solution="Chaque règle devient un LIKE ; un seul défaut suffit (OR) :",
        parametres={"tri": tri},
    )


@exercice("sql-codes-postaux-invalides", "Repérer les codes postaux invalides", savoirs=SAVOIRS)
def codes_postaux_invalides(alea: random.Random) -> Variante:
    sql = (
        "SELECT id_prospect, code_postal, ville\nFROM prospects\n"
        f"WHERE id_prospect <= {LOT}\n"
        "  AND (LENGTH(code_postal) <> 5 OR code_postal GLOB '*[^0-9]*')\n"
        "  AND code_postal <> ''"
    )
    avec_ville = alea.random() < 0.5
    if not avec_ville:
        sql = sql.replace("code_postal, ville", "code_postal")
    return Variante(
        enonce=(
            "Un code postal français s'écrit avec **exactement 5 chiffres** (`06000`, pas "
            "`6000` ni `06 000`).\n\n"
            "Affichez l'identifiant et le code postal"
            + (" (et la ville)" if avec_ville else "")
            + " des prospects dont le code postal **n'a pas 5 caractères** ou "
            "**contient autre chose que des chiffres**. "
            + _non_vide("code_postal")
            + " "
            + CONSIGNE_LOT
        ),
        controle=ControleSQL(sql),
        indices=(
            "`LENGTH(code_postal) <> 5` repère les longueurs fausses.",
            "SQLite offre `GLOB` : `code_postal GLOB '*[^0-9]*'` est vrai s'il y a au moins "
            "un caractère qui n'est pas un chiffre.",
            "Les deux cas sont reliés par OR, entre parenthèses.",
            _indice_non_vide("code_postal"),
        ),
        solution="Deux règles (longueur, chiffres seulement) reliées par OR :",
        parametres={"avec_ville": avec_ville},
    )


@exercice("sql-telephones-invalides", "Repérer les téléphones invalides", savoirs=SAVOIRS)
def telephones_invalides(alea: random.Random) -> Variante:
    sql = (
        "SELECT id_prospect, telephone\nFROM prospects\n"
        f"WHERE id_prospect <= {LOT}\n"
        "  AND (LENGTH(REPLACE(telephone, ' ', '')) <> 10\n"
        "       OR REPLACE(telephone, ' ', '') GLOB '*[^0-9]*'\n"
        "       OR telephone NOT LIKE '0%')\n"
        "  AND telephone <> ''"
    )
    return Variante(
        enonce=(
            "Un numéro de téléphone français a **10 chiffres** et **commence par 0** ; les "
            "espaces entre les paires de chiffres sont permises (`01 45 67 89 10`).\n\n"
            "Affichez l'identifiant et le téléphone des prospects dont le téléphone est "
            "invalide : une fois les espaces retirées, il n'a pas 10 caractères, ou il "
            "contient autre chose que des chiffres, ou il ne commence pas par 0. "
            + _non_vide("telephone")
            + " "
            + CONSIGNE_LOT
        ),
        controle=ControleSQL(sql),
        indices=(
            "`REPLACE(telephone, ' ', '')` enlève les espaces.",
            "`LENGTH(…) <> 10` ; `GLOB '*[^0-9]*'` pour un caractère non chiffre (la lettre O "
            "à la place du zéro !).",
            "`telephone NOT LIKE '0%'` : ne commence pas par 0. Reliez par OR, entre parenthèses.",
            _indice_non_vide("telephone"),
        ),
        solution="On normalise (espaces retirées) avant de tester la longueur et les chiffres :",
        parametres={},
    )


@exercice("sql-casse-incoherente", "Repérer les noms mal écrits (casse)", savoirs=SAVOIRS)
def casse_incoherente(alea: random.Random) -> Variante:
    colonne, regle, condition = alea.choice(
        (
            ("contact_nom", "doit être écrit **tout en majuscules**",
             "contact_nom <> UPPER(contact_nom)"),
            ("ville", "ne doit être **ni tout en minuscules ni tout en majuscules**",
             "(ville = LOWER(ville) OR ville = UPPER(ville))"),
        )
    )  # fmt: skip
    sql = (
        f"SELECT id_prospect, {colonne}\nFROM prospects\n"
        f"WHERE id_prospect <= {LOT} AND TRIM({colonne}) <> '' AND {condition}"
    )
    return Variante(
        enonce=(
            f"Dans le fichier prospects, la colonne `{colonne}` {regle}.\n\n"
            f"Affichez l'identifiant et `{colonne}` des fiches (non vides) qui ne respectent "
            "pas cette règle. " + CONSIGNE_LOT
        ),
        controle=ControleSQL(sql),
        indices=(
            "`UPPER(x)` met en majuscules, `LOWER(x)` en minuscules.",
            "Une valeur est « tout en majuscules » si elle est égale à `UPPER` d'elle-même.",
            f"Écartez les vides : `TRIM({colonne}) <> ''`.",
        ),
        solution="On compare la valeur à sa version en majuscules / minuscules :",
        parametres={"colonne": colonne},
    )


@exercice("sql-bilan-defauts", "Le bilan des défauts du fichier", savoirs=SAVOIRS)
def bilan_defauts(alea: random.Random) -> Variante:
    source = alea.choice(("salon", "site web", "annuaire", "fichier acheté", "recommandation"))
    sql = (
        "SELECT d.defaut, COUNT(*) AS nb_fiches\n"
        "FROM prospects_defauts d\nJOIN prospects p ON p.id_prospect = d.id_prospect\n"
        f"WHERE p.source = '{source}'\n"
        "GROUP BY d.defaut\nORDER BY nb_fiches DESC, d.defaut"
    )
    return Variante(
        enonce=(
            "La table `prospects_defauts` recense chaque défaut repéré (une ligne par fiche et "
            f"par défaut). Pour les prospects venus de la source **« {source} »**, affichez "
            "**chaque nature de défaut** et le **nombre de fiches** concernées, du défaut le "
            "plus fréquent au moins fréquent (à égalité, par ordre alphabétique)."
        ),
        controle=ControleSQL(sql, ordre_compte=True, cles_ordre=("nb_fiches", "defaut")),
        indices=(
            "La source est dans `prospects`, le défaut dans `prospects_defauts` : jointure sur "
            "`id_prospect`.",
            "`GROUP BY d.defaut` et `COUNT(*)`.",
            "`ORDER BY nb_fiches DESC, d.defaut`.",
        ),
        solution="Jointure, regroupement par nature de défaut, comptage, tri :",
        parametres={"source": source},
    )
