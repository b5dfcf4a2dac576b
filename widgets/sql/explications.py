"""SQLite's English error messages turned into French explanations that say what to do."""

from __future__ import annotations

import difflib
import re

from widgets.sql.erreurs import ErreurRequete
from widgets.sql.lexique import MOTS_CLES, Jeton, virgules_decimales

BAC_A_SABLE = (
    "Pour vous entraîner à modifier des données, utilisez votre bac à sable (une copie "
    "personnelle de la base) : widgets.sql.bac_a_sable()."
)
ERREUR_INCONNUE = (
    "La base a refusé la requête pour une raison que l'atelier ne sait pas encore expliquer. "
    "Relisez-la : noms des tables et des colonnes, une virgule entre deux colonnes, les "
    "textes entre guillemets simples ('Paris'), les parenthèses fermées, les mots-clés dans "
    "l'ordre (SELECT, FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT). Si l'erreur reste, "
    "montrez la requête à votre professeur."
)
"""Fallback explanation for an error SQLite reports that no rule above recognises."""
_MOTS_SQL = sorted(
    MOTS_CLES
    | {
        "SELECT",
        "FROM",
        "WHERE",
        "GROUP",
        "ORDER",
        "HAVING",
        "LIMIT",
        "JOIN",
        "DISTINCT",
        "COUNT",
        "SUM",
        "AVG",
        "MIN",
        "MAX",
        "ROUND",
        "INSERT",
        "INTO",
        "VALUES",
        "UPDATE",
        "SET",
        "DELETE",
        "BY",
    }
)
VERBES_ECRITURE = {
    "INSERT",
    "UPDATE",
    "DELETE",
    "REPLACE",
    "CREATE",
    "DROP",
    "ALTER",
    "UPSERT",
    "TRUNCATE",
    "MERGE",
}


def refus_lecture_seule(verbe: str) -> ErreurRequete:
    return ErreurRequete(
        f"La base de référence est en lecture seule : « {verbe} » n'y est pas permis, seules "
        f"les requêtes de lecture (SELECT, WITH … SELECT, EXPLAIN) le sont. {BAC_A_SABLE}",
        "lecture_seule",
    )


def refus_instruction(verbe: str, ecriture: bool) -> ErreurRequete:
    ou = "même dans le bac à sable" if ecriture else "dans l'atelier"
    permis = "SELECT, INSERT, UPDATE et DELETE" if ecriture else "SELECT, WITH … SELECT et EXPLAIN"
    return ErreurRequete(
        f"L'instruction « {verbe} » n'est pas permise {ou}. Utilisez {permis}. "
        "Pour voir les tables et leurs colonnes, ouvrez l'explorateur de schéma.",
        "interdit",
    )


def _suggestion(mot: str, candidats: list[str], seuil: float = 0.6) -> str:
    proches = difflib.get_close_matches(mot.lower(), [c.lower() for c in candidats], 3, seuil)
    if not proches:
        return ""
    originaux = {c.lower(): c for c in candidats}
    return " Vouliez-vous dire " + " ou ".join(f"« {originaux[p]} »" for p in proches) + " ?"


def _ressemble_a_un_texte(nom: str, jetons: list[Jeton]) -> bool:
    """``ville = Paris``: the unknown column sits right after a comparison or in an IN list."""
    occurrences = [k for k, j in enumerate(jetons) if k and j.texte.lower() == nom.lower()]
    for k in occurrences[:5]:  # a few are enough, and the check stays linear
        avant = jetons[k - 1]
        if avant.texte in ("=", "==", "<>", "!=", "<", ">", "<=", ">="):
            return True
        if avant.est("LIKE", "GLOB"):
            return True
        if avant.texte in ("(", ","):
            # inside IN ( ... ) ?
            prof = 0
            for m in range(k - 1, -1, -1):
                t = jetons[m].texte
                if t == ")":
                    prof += 1
                elif t == "(":
                    if prof == 0:
                        return m > 0 and jetons[m - 1].est("IN")
                    prof -= 1
    return False


def _texte_sans_guillemets(nom: str) -> ErreurRequete:
    return ErreurRequete(
        f"« {nom} » n'est pas une colonne : pour comparer à un texte, mettez-le entre "
        f"apostrophes, par exemple ville = '{nom}'. Sans apostrophes, SQL cherche une "
        f"colonne nommée {nom}.",
        "texte_sans_guillemets",
    )


def _contrainte(message: str) -> ErreurRequete:
    m = message.lower()
    if "not null" in m:
        quoi = message.split(":", 1)[-1].strip()
        texte = f"La colonne {quoi} est obligatoire : donnez-lui une valeur (pas NULL)."
    elif "unique" in m:
        quoi = message.split(":", 1)[-1].strip()
        texte = (
            f"Cette valeur de {quoi} existe déjà : elle doit être unique (un identifiant "
            "ne peut pas servir deux fois)."
        )
    elif "foreign key" in m:
        texte = (
            "Clé étrangère non respectée : la ligne fait référence à une ligne qui n'existe "
            "pas, ou d'autres lignes font référence à celle que vous supprimez (par exemple "
            "un client qui a des commandes)."
        )
    elif "check" in m:
        quoi = message.split(":", 1)[-1].strip()
        texte = f"La valeur ne respecte pas la règle de la table ({quoi})."
    else:
        texte = "La modification ne respecte pas une règle de la table (une contrainte)."
    return ErreurRequete(texte + " Rien n'a été modifié.", "contrainte", detail=message)


def expliquer(
    classe: str,
    message: str,
    jetons: list[Jeton],
    noms: dict[str, list[str]],
    refus: list[tuple[str, str | None]],
    ecriture: bool,
) -> ErreurRequete:
    """The French :class:`ErreurRequete` for a SQLite error ``message``."""
    m = message.strip()
    bas = m.lower()
    colonnes = sorted({c for cols in noms.values() for c in cols})
    tables = sorted(noms)

    def err(texte: str, code: str) -> ErreurRequete:
        return ErreurRequete(texte, code, detail=m)

    systeme = any((n or "").lower().startswith(("sqlite_", "pragma_")) for _, n in refus)
    if (
        systeme
        or any(j.texte.lower().startswith("pragma_") for j in jetons)
        or ("vtable constructor failed" in bas)
    ):
        return err(
            "Les tables internes de SQLite et les fonctions-tables (pragma_…, json_each…) ne "
            "sont pas disponibles dans l'atelier. Pour voir les tables et leurs colonnes, "
            "ouvrez l'explorateur de schéma.",
            "interdit",
        )
    if "not authorized" in bas or "prohibited" in bas or "access to" in bas:
        action, nom = refus[-1] if refus else ("", None)
        if action == "FUNCTION":
            return err(
                f"La fonction {nom}() n'est pas disponible dans l'atelier. Utilisez les "
                "fonctions SQL usuelles (COUNT, SUM, AVG, ROUND, UPPER, SUBSTR, DATE…).",
                "interdit",
            )
        if action in ("INSERT", "UPDATE", "DELETE") and not ecriture:
            return refus_lecture_seule(action)
        if action == "PRAGMA":
            return err(
                "Les instructions PRAGMA ne sont pas permises dans l'atelier. Pour voir les "
                "tables et leurs colonnes, ouvrez l'explorateur de schéma.",
                "interdit",
            )
        if action in ("ATTACH", "DETACH"):
            return refus_instruction("ATTACH", ecriture)
        if action == "READ":
            return err(
                f"La table {nom} ne peut pas être lue depuis l'atelier : interrogez les tables "
                "de la base (clients, commandes, …).",
                "interdit",
            )
        quoi = (action or "cette opération").replace("_", " ").lower()
        if not ecriture:
            return err(
                f"La base de référence est en lecture seule : l'opération « {quoi} » est "
                f"refusée. {BAC_A_SABLE}",
                "lecture_seule",
            )
        return err(
            f"L'opération « {quoi} » n'est pas permise, même dans le bac à sable : seules "
            "SELECT, INSERT, UPDATE et DELETE sur les tables le sont.",
            "interdit",
        )
    if "readonly database" in bas or "query_only" in bas:
        return refus_lecture_seule("écriture")
    if "too many attached" in bas or "cannot attach" in bas:
        return refus_instruction("ATTACH", ecriture)
    if "one statement at a time" in bas:
        return err(
            "Une seule requête à la fois : retirez ce qui suit le premier « ; » et exécutez "
            "les requêtes l'une après l'autre.",
            "plusieurs_instructions",
        )
    if bas == "incomplete input":
        return err(
            "La requête est incomplète : une parenthèse ou une apostrophe n'est pas fermée, "
            "ou il manque la fin de la requête.",
            "syntaxe",
        )
    if bas.startswith("unrecognized token"):
        jeton = m.split(":", 1)[-1].strip().strip('"')
        if jeton.startswith("'"):
            conseil = "une apostrophe n'est pas fermée (un texte s'écrit 'entre apostrophes')."
        elif "€" in jeton or "%" in jeton:
            conseil = "n'écrivez ni « € » ni « % » dans un nombre : 12.5 et non 12,5 %."
        else:
            conseil = "vérifiez la frappe de ce caractère."
        return err(f"Caractère non reconnu « {jeton} » : {conseil}", "syntaxe")
    syntaxe = re.match(r'near "(.*)": syntax error', m, re.S)
    if syntaxe:
        pres = syntaxe.group(1)
        virgules = virgules_decimales(jetons)
        if virgules and pres == ",":
            n = virgules[0]
            return err(
                f"« {n} » : en SQL, le séparateur décimal est le point. Écrivez "
                f"{n.replace(',', '.')} au lieu de {n}.",
                "virgule_decimale",
            )
        conseil = ""
        k = next((i for i, j in enumerate(jetons) if j.texte == pres), None)
        precedent = jetons[k - 1] if k else None
        if pres.upper() in ("FROM", "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT") and (
            precedent is not None and precedent.texte == ","
        ):
            conseil = f" Il y a une virgule en trop juste avant {pres.upper()}."
        elif pres.upper() not in _MOTS_SQL:
            conseil = _suggestion(pres, _MOTS_SQL, 0.75)
            if not conseil and precedent is not None and precedent.genre in ("mot", "ident"):
                conseil = f" Manque-t-il une virgule entre « {precedent.texte} » et « {pres} » ?"
        elif pres.upper() == "BY" and precedent is not None:
            conseil = " Écrivez GROUP BY ou ORDER BY (deux mots)."
        return err(
            f"Erreur de syntaxe près de « {pres} » : vérifiez l'orthographe des mots-clés, "
            f"les virgules et les parenthèses à cet endroit.{conseil}",
            "syntaxe",
        )
    if bas.startswith("no such table"):
        nom = m.split(":", 1)[-1].strip()
        nu = nom.split(".")[-1]
        return err(
            f"La table « {nom} » n'existe pas dans cette base.{_suggestion(nu, tables)} "
            "Les tables sont listées dans l'explorateur de schéma.",
            "table_inconnue",
        )
    if bas.startswith("no such column"):
        nom = m.split(":", 1)[-1].strip()
        nu = nom.split(".")[-1]
        # suggest the columns of the tables the query names (a column of another table is no
        # help: « ville = Paris » on clients is a text, not sessions_web.paniers)
        mots = {j.texte.strip('"`[]').lower() for j in jetons}
        des_tables = sorted({c for t, cols in noms.items() if t.lower() in mots for c in cols})
        proche = _suggestion(nu, des_tables or colonnes)
        if "." not in nom and _ressemble_a_un_texte(nom, jetons) and not proche:
            return _texte_sans_guillemets(nom)
        if "." not in nom and _ressemble_a_un_texte(nom, jetons):
            proche += f" S'il s'agit d'un texte, mettez-le entre apostrophes : '{nom}'."
        return err(
            f"La colonne « {nom} » n'existe pas dans les tables de la requête.{proche}",
            "colonne_inconnue",
        )
    if bas.startswith("ambiguous column name"):
        nom = m.split(":", 1)[-1].strip()
        return err(
            f"La colonne « {nom} » existe dans plusieurs tables de la jointure : précisez "
            f"laquelle en la préfixant, par exemple clients.{nom}.",
            "colonne_ambigue",
        )
    if bas.startswith("no such function"):
        nom = m.split(":", 1)[-1].strip()
        from widgets.sql._travailleur import FONCTIONS_PERMISES

        return err(
            f"La fonction « {nom} » n'existe pas en SQLite."
            f"{_suggestion(nom, sorted(FONCTIONS_PERMISES))}",
            "fonction_inconnue",
        )
    if "misuse of aggregate" in bas or "misuse of window" in bas:
        return err(
            "Une fonction d'agrégat (COUNT, SUM, AVG, MIN, MAX) ne peut pas filtrer les lignes "
            "dans WHERE : regroupez avec GROUP BY puis filtrez les groupes avec HAVING.",
            "group_by",
        )
    if "aggregate functions are not allowed in the group by" in bas:
        return err(
            "GROUP BY indique les colonnes qui forment les groupes : n'y mettez pas de fonction "
            "d'agrégat (COUNT, SUM…) ; elle va dans le SELECT ou le HAVING.",
            "group_by",
        )
    if "group by clause is required before having" in bas:
        return err("HAVING filtre des groupes : ajoutez d'abord un GROUP BY.", "group_by")
    if "interrupted" in bas:
        return err("La requête a été interrompue.", "temps_depasse")
    if "string or blob too big" in bas:
        return err(
            "Une valeur calculée est trop grande (plus d'un million de caractères) : la requête "
            "est arrêtée. Vérifiez les fonctions comme REPLACE, PRINTF ou GROUP_CONCAT.",
            "trop_gros",
        )
    if "database or disk is full" in bas:
        return err(
            "Le bac à sable est plein : cette modification le ferait trop grossir. "
            "Réinitialisez-le (widgets.sql.reinitialiser_bac_a_sable()) et modifiez moins de "
            "lignes à la fois.",
            "trop_gros",
        )
    if "out of memory" in bas or "memoryerror" in classe.lower():
        return err(
            "La requête demande trop de mémoire : elle est arrêtée. Filtrez davantage (WHERE) "
            "ou vérifiez vos jointures (produit cartésien ?).",
            "memoire",
        )
    if any(
        s in bas
        for s in (
            "too many",
            "too large",
            "too complex",
            "too long",
            "too big",
            "expression tree",
            "limit",
        )
    ):
        return err(
            "La requête est trop grande ou trop complexe pour l'atelier : simplifiez-la.",
            "trop_gros",
        )
    if "constraint failed" in bas or classe == "IntegrityError":
        return _contrainte(m)
    valeurs = re.match(r"table (\S+) has (\d+) columns but (\d+) values were supplied", m)
    if valeurs or "values for" in bas:
        conseil = ""
        if virgules_decimales(jetons) or re.search(r"\d,\d", " ".join(j.texte for j in jetons)):
            conseil = " Un nombre décimal s'écrit avec un point (12.5), pas une virgule."
        return err(
            "Le nombre de valeurs ne correspond pas au nombre de colonnes : donnez une valeur "
            f"par colonne, dans l'ordre.{conseil}",
            "nombre_valeurs",
        )
    if "do not have the same number of result columns" in bas:
        return err(
            "Les SELECT réunis par UNION (ou INTERSECT, EXCEPT) doivent avoir le même nombre "
            "de colonnes.",
            "union",
        )
    if "sub-select returns" in bas or "row value misused" in bas:
        return err(
            "Une sous-requête utilisée comme une valeur doit renvoyer une seule colonne.",
            "sous_requete",
        )
    if "term out of range" in bas:
        return err(
            "Un numéro de colonne dans ORDER BY ou GROUP BY dépasse le nombre de colonnes du "
            "SELECT.",
            "syntaxe",
        )
    if "database is locked" in bas or "busy" in bas:
        return err(
            "La base est occupée par une autre opération : réessayez dans un instant.",
            "occupee",
        )
    if "unable to open" in bas or "not a database" in bas or "malformed" in bas:
        return err(
            "La base ne peut pas être ouverte (fichier absent ou abîmé). Si c'est votre bac à "
            "sable, réinitialisez-le : widgets.sql.reinitialiser_bac_a_sable().",
            "base_introuvable",
        )
    arguments = re.search(r"wrong number of arguments to function (\w+)", m)
    if arguments:
        return err(
            f"La fonction {arguments.group(1)}() n'a pas reçu le bon nombre d'arguments "
            "(les valeurs entre ses parenthèses, séparées par des virgules).",
            "syntaxe",
        )
    # unknown error: a French explanation only; SQLite's English text stays in ``detail``
    return err(ERREUR_INCONNUE, "erreur")
