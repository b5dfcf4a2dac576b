"""A small SQL tokenizer (pure Python) for the checks made before and after SQLite runs a query.

It knows strings (``'...'``), quoted identifiers (``"..."``, ``[...]``, ```...```), comments
(``--`` and ``/* */``), numbers and punctuation, so that a ``;`` inside a string is never taken
for the end of a statement. SQLite remains the judge of what is valid: these helpers only find
*where* statements end, *which* verb a statement uses, and the usual beginner mistakes
(decimal comma, bare column beside an aggregate, join without ``ON``).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from widgets.sql.erreurs import Avertissement


@dataclass(frozen=True)
class Jeton:
    """One token: ``genre`` is 'mot', 'nombre', 'chaine', 'ident', 'op', 'fin' or 'inconnu'."""

    genre: str
    texte: str
    debut: int
    fin: int

    @property
    def haut(self) -> str:
        return self.texte.upper()

    def est(self, *mots: str) -> bool:
        return self.genre == "mot" and self.texte.upper() in mots


_MOTIF = re.compile(
    r"""
    (?P<espace>\s+)
  | (?P<commentaire>--[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<chaine>[xX]?'(?:[^']|'')*(?:'|\Z))
  | (?P<ident>"(?:[^"]|"")*(?:"|\Z)|\[[^\]]*(?:\]|\Z)|`(?:[^`]|``)*(?:`|\Z))
  | (?P<nombre>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+)
  | (?P<mot>[^\W\d]\w*|\$\w+|[:@?]\w*)
  | (?P<op>\|\||<=|>=|<>|!=|==|<<|>>|->>|->|[-+*/%<>=~&|(),.;])
  | (?P<inconnu>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def decouper(sql: str) -> list[Jeton]:
    """Tokens of ``sql`` without spaces and comments (``;`` becomes a token of genre 'fin')."""
    jetons: list[Jeton] = []
    for m in _MOTIF.finditer(sql):
        genre = m.lastgroup or "inconnu"
        if genre in ("espace", "commentaire"):
            continue
        texte = m.group()
        if texte == ";":
            genre = "fin"
        jetons.append(Jeton(genre, texte, m.start(), m.end()))
    return jetons


def instructions(sql: str) -> list[list[Jeton]]:
    """The statements of ``sql`` (lists of tokens), empty ones (``;;``, comments) dropped.

    A ``;`` ends a statement only when SQLite says the text so far is complete
    (``sqlite3.complete_statement``): the ``;`` inside ``CREATE TRIGGER … BEGIN … END`` do not.
    """
    resultat: list[list[Jeton]] = [[]]
    for j in decouper(sql):
        courant = resultat[-1]
        if j.genre == "fin" and (
            not courant
            or sqlite3.complete_statement(sql[courant[0].debut : j.fin].replace("\x00", " "))
        ):
            resultat.append([])
        else:
            courant.append(j)
    return [i for i in resultat if i]


VERBES = {"SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "VALUES"}


def verbe(jetons: list[Jeton]) -> str:
    """The main verb of one statement, upper case: ``WITH x AS (...) DELETE`` gives 'DELETE',
    ``EXPLAIN QUERY PLAN SELECT`` gives 'SELECT' (see :func:`est_explain`), '' if none."""
    if not jetons:
        return ""
    i = 0
    if jetons[0].est("EXPLAIN"):
        i = 1
        if i + 1 < len(jetons) and jetons[i].est("QUERY") and jetons[i + 1].est("PLAN"):
            i += 2
    if i >= len(jetons):
        return ""
    premier = jetons[i]
    if not premier.est("WITH"):
        return premier.haut if premier.genre == "mot" else premier.texte
    profondeur = 0
    for j in jetons[i + 1 :]:
        if j.texte == "(":
            profondeur += 1
        elif j.texte == ")":
            profondeur -= 1
        elif profondeur == 0 and j.genre == "mot" and j.haut in VERBES:
            return j.haut
    return "WITH"


def est_explain(jetons: list[Jeton]) -> bool:
    return bool(jetons) and jetons[0].est("EXPLAIN")


# --------------------------------------------------------------------------- analyses
AGREGATS = {"COUNT", "SUM", "AVG", "MIN", "MAX", "TOTAL", "GROUP_CONCAT", "STRING_AGG"}
MOTS_CLES = {
    "ABS",
    "ALL",
    "AND",
    "AS",
    "ASC",
    "BETWEEN",
    "BY",
    "CASE",
    "CAST",
    "COLLATE",
    "CROSS",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "DESC",
    "DISTINCT",
    "ELSE",
    "END",
    "ESCAPE",
    "EXCEPT",
    "EXISTS",
    "FALSE",
    "FILTER",
    "FROM",
    "FULL",
    "GLOB",
    "GROUP",
    "HAVING",
    "IN",
    "INNER",
    "INTEGER",
    "INTERSECT",
    "IS",
    "ISNULL",
    "JOIN",
    "LEFT",
    "LIKE",
    "LIMIT",
    "NATURAL",
    "NOT",
    "NOTNULL",
    "NULL",
    "NUMERIC",
    "OFFSET",
    "ON",
    "OR",
    "ORDER",
    "OUTER",
    "OVER",
    "PARTITION",
    "REAL",
    "REGEXP",
    "RIGHT",
    "SELECT",
    "TEXT",
    "THEN",
    "TRUE",
    "UNION",
    "USING",
    "WHEN",
    "WHERE",
    "WINDOW",
    "WITH",
    "BLOB",
}


def _profondeurs(jetons: list[Jeton]) -> list[int]:
    """Parenthesis depth of each token (an opening parenthesis has the outer depth)."""
    prof, resultat = 0, []
    for j in jetons:
        if j.texte == ")":
            prof = max(prof - 1, 0)
        resultat.append(prof)
        if j.texte == "(":
            prof += 1
    return resultat


def _coeurs_select(jetons: list[Jeton]) -> list[list[Jeton]]:
    """The depth-0 SELECT cores of a statement (CTE bodies and sub-queries are skipped)."""
    prof = _profondeurs(jetons)
    coeurs: list[list[Jeton]] = []
    courant: list[Jeton] | None = None
    for j, p in zip(jetons, prof, strict=True):
        if p == 0 and j.est("SELECT"):
            courant = []
            coeurs.append(courant)
            continue
        if p == 0 and j.est("UNION", "INTERSECT", "EXCEPT"):
            courant = None
            continue
        if courant is not None:
            courant.append(j)
    return coeurs


def _couper(jetons: list[Jeton], separateur: str = ",") -> list[list[Jeton]]:
    """Split at depth-0 commas."""
    prof = _profondeurs(jetons)
    morceaux: list[list[Jeton]] = [[]]
    for j, p in zip(jetons, prof, strict=True):
        if p == 0 and j.texte == separateur:
            morceaux.append([])
        else:
            morceaux[-1].append(j)
    return [m for m in morceaux if m]


def _clauses(coeur: list[Jeton]) -> dict[str, list[Jeton]]:
    """Split one SELECT core (tokens after SELECT) into depth-0 clauses."""
    prof = _profondeurs(coeur)
    clauses: dict[str, list[Jeton]] = {"SELECT": []}
    nom = "SELECT"
    i = 0
    while i < len(coeur):
        j, p = coeur[i], prof[i]
        if p == 0 and j.genre == "mot":
            h = j.haut
            suivant = coeur[i + 1] if i + 1 < len(coeur) else None
            if h in ("FROM", "WHERE", "HAVING", "LIMIT", "WINDOW"):
                nom = h
                clauses[nom] = []
                i += 1
                continue
            if h in ("GROUP", "ORDER") and suivant is not None and suivant.est("BY"):
                nom = h
                clauses[nom] = []
                i += 2
                continue
        clauses[nom].append(j)
        i += 1
    return clauses


def _texte(jetons: list[Jeton]) -> str:
    return "".join(j.texte.lower() for j in jetons)


def _nom(j: Jeton) -> str:
    return j.texte.strip('"[]`').lower()


def _references(expr: list[Jeton]) -> list[tuple[str | None, str]]:
    """Columns used by an expression as (qualifier or None, name), lower case; functions,
    keywords and sub-queries left out; ``*`` counts as a column."""
    refs: list[tuple[str | None, str]] = []
    expr = _hors_sous_requetes(expr)
    for k, j in enumerate(expr):
        suivant = expr[k + 1] if k + 1 < len(expr) else None
        precedent = expr[k - 1] if k else None
        qualifiant = (
            _nom(expr[k - 2])
            if precedent is not None and precedent.texte == "." and k >= 2
            else None
        )
        if j.genre == "ident" or (j.genre == "mot" and j.haut not in MOTS_CLES):
            if j.genre == "mot" and j.texte[:1] in "$:@?":
                continue
            if suivant is not None and suivant.texte in ("(", "."):
                continue
            refs.append((qualifiant, _nom(j)))
        elif j.texte == "*" and (precedent is None or precedent.texte in (".", ",")):
            refs.append((qualifiant, "*"))
    return refs


def _colonnes_referencees(expr: list[Jeton]) -> list[str]:
    """Column names used by an expression (qualifier stripped)."""
    return [nom for _, nom in _references(expr)]


def _hors_sous_requetes(expr: list[Jeton]) -> list[Jeton]:
    """``expr`` without its parenthesised sub-queries ``(SELECT …)``."""
    garde: list[Jeton] = []
    k = 0
    while k < len(expr):
        if expr[k].texte == "(" and k + 1 < len(expr) and expr[k + 1].est("SELECT", "WITH"):
            prof = 0
            while k < len(expr):
                prof += {"(": 1, ")": -1}.get(expr[k].texte, 0)
                k += 1
                if prof == 0:
                    break
            continue
        garde.append(expr[k])
        k += 1
    return garde


def _a_agregat(expr: list[Jeton]) -> bool:
    expr = _hors_sous_requetes(expr)
    prof = _profondeurs(expr)
    for k, j in enumerate(expr):
        if (
            j.genre == "mot"
            and j.haut in AGREGATS
            and k + 1 < len(expr)
            and expr[k + 1].texte == "("
        ):
            # aggregate unless used as a window function: f(...) OVER
            fin = next(
                (m for m in range(k + 2, len(expr)) if prof[m] == prof[k] and expr[m].texte == ")"),
                len(expr) - 1,
            )
            apres = expr[fin + 1 : fin + 4]
            if not any(a.est("OVER") for a in apres):
                return True
    return False


def _elements_select(liste: list[Jeton]) -> list[tuple[list[Jeton], str | None]]:
    """(expression, alias) for each select-list item."""
    if liste and liste[0].est("DISTINCT", "ALL"):
        liste = liste[1:]
    elements = []
    for item in _couper(liste):
        alias = None
        prof = _profondeurs(item)
        pos_as = [k for k, j in enumerate(item) if prof[k] == 0 and j.est("AS")]
        if pos_as and pos_as[-1] + 1 < len(item):
            alias = item[pos_as[-1] + 1].texte.strip('"[]`').lower()
            item = item[: pos_as[-1]]
        elif (
            len(item) >= 2
            and item[-1].genre in ("mot", "ident")
            and item[-2].genre in ("mot", "ident", "nombre", "chaine", "op")
            and item[-2].texte not in (".",)
            and (item[-2].texte == ")" or item[-2].genre != "op")
            and not item[-1].est(*MOTS_CLES)
        ):
            alias = item[-1].texte.strip('"[]`').lower()
            item = item[:-1]
        elements.append((item, alias))
    return elements


def _determinee_par_une_cle(
    ref: tuple[str | None, str],
    groupe: set[tuple[str | None, str]],
    sources: dict[str, str],
    colonnes: dict[str, list[str]],
    cles: dict[str, str],
) -> bool:
    """True when the GROUP BY holds the primary key of the column's table (``GROUP BY
    c.id_client`` fixes ``c.raison_sociale``: one value per group, no warning)."""
    qualifiant, nom = ref
    tables = set(sources.values())
    if qualifiant is not None:
        table = sources.get(qualifiant)
    else:
        proprietaires = [t for t in tables if nom in {c.lower() for c in colonnes.get(t, [])}]
        table = proprietaires[0] if len(proprietaires) == 1 else None
        if table is None and len(tables) == 1:
            table = next(iter(tables))
    cle = cles.get(table or "")
    if cle is None:
        return False
    for q, n in groupe:
        if n == cle and (
            sources.get(q) == table
            if q is not None
            else len(tables) == 1
            or (sum(cle in {c.lower() for c in colonnes.get(t, [])} for t in tables) == 1)
        ):
            return True
    return False


def avertissement_group_by(
    jetons: list[Jeton],
    colonnes: dict[str, list[str]] | None = None,
    cles: dict[str, str] | None = None,
) -> list[Avertissement]:
    """Selected columns that are neither aggregated nor in the GROUP BY (nor fixed by a
    grouped primary key, when ``colonnes`` {table: [colonnes]} and ``cles`` {table: clé} of
    the base are given)."""
    colonnes = {t.lower(): v for t, v in (colonnes or {}).items()}
    cles = cles or {}
    messages: list[Avertissement] = []
    for coeur in _coeurs_select(jetons):
        clauses = _clauses(coeur)
        elements = _elements_select(clauses["SELECT"])
        groupe = clauses.get("GROUP")
        if not any(_a_agregat(e) for e, _ in elements) and groupe is None:
            continue
        sources = _sources(clauses.get("FROM", []))
        items_groupe = _couper(groupe or [])
        textes_groupe = {_texte(g) for g in items_groupe}
        refs_groupe = {r for g in items_groupe for r in _references(g)}
        colonnes_groupe = {n for _, n in refs_groupe}
        positions = {
            int(g[0].texte)
            for g in items_groupe
            if len(g) == 1 and g[0].genre == "nombre" and g[0].texte.isdigit()
        }
        for rang, (expr, alias) in enumerate(elements, start=1):
            if _a_agregat(expr) or rang in positions:
                continue
            if _texte(expr) in textes_groupe or (alias and alias in textes_groupe):
                continue
            manquantes = [
                n
                for q, n in _references(expr)
                if n not in colonnes_groupe
                and not (
                    groupe is not None
                    and _determinee_par_une_cle((q, n), refs_groupe, sources, colonnes, cles)
                )
            ]
            if not manquantes:
                continue
            nom = "".join(j.texte for j in expr) if len(expr) <= 3 else manquantes[0]
            if groupe is None:
                texte = (
                    f"Attention : le SELECT mélange une fonction d'agrégat (COUNT, SUM, AVG…) "
                    f"et la colonne « {nom} » sans GROUP BY. Le résultat n'a qu'une ligne et "
                    f"« {nom} » y est prise sur une ligne au hasard. Ajoutez GROUP BY {nom} "
                    "pour obtenir un résultat par valeur."
                )
            else:
                texte = (
                    f"Attention : la colonne « {nom} » est affichée mais n'est ni dans le "
                    "GROUP BY ni dans une fonction d'agrégat : SQLite prend sa valeur sur une "
                    f"ligne quelconque de chaque groupe. Ajoutez-la au GROUP BY ou utilisez "
                    "COUNT, SUM, MAX… dessus."
                )
            messages.append(Avertissement(texte, "group_by"))
    return messages


def _segments_from(source: list[Jeton]) -> list[tuple[str, list[Jeton]]]:
    """The FROM clause cut at depth-0 ',' and JOIN: (separator, tokens) per table."""
    segments: list[tuple[str, list[Jeton]]] = [("debut", [])]
    for j, p in zip(source, _profondeurs(source), strict=True):
        if p == 0 and j.texte == ",":
            segments.append((",", []))
        elif p == 0 and j.est("JOIN"):
            segments.append(("JOIN", []))
        else:
            segments[-1][1].append(j)
    return segments


_APRES_TABLE = {
    "ON",
    "USING",
    "NATURAL",
    "LEFT",
    "RIGHT",
    "INNER",
    "FULL",
    "CROSS",
    "OUTER",
    "WHERE",
    "GROUP",
    "ORDER",
    "LIMIT",
    "INDEXED",
    "NOT",
}


def _sources(source: list[Jeton]) -> dict[str, str]:
    """{alias or table name: table name} (lower case) for the tables of a FROM clause."""
    alias: dict[str, str] = {}
    for _, seg in _segments_from(source):
        noms = [j for j in seg if j.genre in ("mot", "ident") and not j.est(*_APRES_TABLE)]
        if not seg or seg[0].texte == "(" or not noms:
            continue
        k = seg.index(noms[0])
        if k + 2 < len(seg) and seg[k + 1].texte == ".":  # schema.table
            k += 2
        table = _nom(seg[k])
        alias[table] = table
        reste = seg[k + 1 :]
        if reste and reste[0].est("AS"):
            reste = reste[1:]
        if reste and reste[0].genre in ("mot", "ident") and not reste[0].est(*_APRES_TABLE):
            alias[_nom(reste[0])] = table
    return alias


def _tables_jointure(segment: list[Jeton]) -> str:
    noms = [j.texte for j in segment if j.genre in ("mot", "ident") and not j.est(*MOTS_CLES)]
    return noms[0] if noms else "?"


def avertissement_produit_cartesien(jetons: list[Jeton]) -> list[Avertissement]:
    """Joins without a condition (``JOIN`` without ``ON``/``USING``, or ``FROM a, b`` with no
    equality in ``WHERE``): every row of one table is paired with every row of the other."""
    messages: list[Avertissement] = []
    for coeur in _coeurs_select(jetons):
        clauses = _clauses(coeur)
        source = clauses.get("FROM")
        if not source:
            continue
        segments = _segments_from(source)
        non_liees = []
        for k, (sep, seg) in enumerate(segments[1:], start=1):
            precedent = segments[k - 1][1]
            if sep == "JOIN" and precedent and precedent[-1].est("CROSS"):
                continue
            if sep == "JOIN" and any(j.est("NATURAL") for j in precedent[-3:]):
                continue
            if any(
                j.est("ON", "USING") for j, p in zip(seg, _profondeurs(seg), strict=True) if p == 0
            ):
                continue
            non_liees.append((_tables_jointure(segments[0][1]), _tables_jointure(seg)))
        if not non_liees:
            continue
        where = clauses.get("WHERE", [])
        egalites = 0
        for k in range(1, len(where) - 1):
            if (
                where[k].texte in ("=", "==")
                and where[k - 1].genre in ("mot", "ident")
                and (where[k + 1].genre in ("mot", "ident"))
            ):
                egalites += 1
        if egalites >= len(non_liees):
            continue
        gauche, droite = non_liees[0]
        messages.append(
            Avertissement(
                f"Attention : produit cartésien ! La jointure entre {gauche} et {droite} n'a "
                "pas de condition : chaque ligne de l'une est associée à chaque ligne de "
                f"l'autre. Ajoutez la condition, par exemple JOIN {droite} ON "
                f"{gauche}.id_… = {droite}.id_….",
                "produit_cartesien",
            )
        )
    return messages


_CLAUSES_VIRGULE = {"SELECT", "WHERE", "HAVING"}


def virgules_decimales(jetons: list[Jeton]) -> list[str]:
    """Numbers written with a French decimal comma (``12,5``) where SQL needs ``12.5``."""
    trouvees: list[str] = []
    for coeur in _coeurs_select(jetons) or [jetons]:
        for nom, clause in _clauses(coeur).items():
            if nom not in _CLAUSES_VIRGULE:
                continue
            prof = _profondeurs(clause)
            for k in range(len(clause) - 2):
                a, v, b = clause[k], clause[k + 1], clause[k + 2]
                if (
                    prof[k + 1] == 0
                    and v.texte == ","
                    and a.genre == "nombre"
                    and b.genre == "nombre"
                    and a.fin == v.debut
                    and v.fin == b.debut
                    and "." not in a.texte
                ):
                    trouvees.append(f"{a.texte},{b.texte}")
    return trouvees


def avertissement_virgule(jetons: list[Jeton]) -> list[Avertissement]:
    return [
        Avertissement(
            f"Attention : « {n} » est lu par SQL comme deux valeurs ({n.replace(',', ' et ')}). "
            f"En SQL, le séparateur décimal est le point : écrivez {n.replace(',', '.')}.",
            "virgule_decimale",
        )
        for n in virgules_decimales(jetons)
    ]


def avertissements(
    jetons: list[Jeton],
    colonnes: dict[str, list[str]] | None = None,
    cles: dict[str, str] | None = None,
) -> list[Avertissement]:
    """Every beginner-mistake warning for one SELECT statement (``colonnes`` and ``cles``:
    the base's columns and one-column primary keys, see :func:`avertissement_group_by`)."""
    return (
        avertissement_virgule(jetons)
        + avertissement_produit_cartesien(jetons)
        + avertissement_group_by(jetons, colonnes, cles)
    )
