"""The French scan of generated texts (agreement after numbers, genders, plurals after 0 or 1,
mixed minus signs, unequal decimals in one line), shared by the catalogue's scan tests."""

from __future__ import annotations

import re
from collections import defaultdict

from widgets.calculs.francais import GENRES

INVARIABLES = {
    "mois", "fois", "prix", "cas", "pas", "temps", "choix", "taux", "poids", "repas", "tapis",
    "avis", "colis", "devis", "sous", "plus", "dans", "vers", "après", "puis", "corps", "près",
}  # fmt: skip
# nouns that have no « s » in the plural of the texts: « des linge » is a slip
SINGULIERS = sorted(
    {"linge", "linge de maison", *(n for n in GENRES if not n.split()[0].endswith(("s", "x")))},
    key=len,
    reverse=True,
)
FEMININS = sorted((n for n, g in GENRES.items() if g == "f"), key=len, reverse=True)
MASCULINS = sorted((n for n, g in GENRES.items() if g == "m"), key=len, reverse=True)
MOTIFS = {
    "« (s) » au lieu d'accorder": re.compile(r"[a-zàâçéèêëîïôûù]\((?:s|e|es|x)\)"),
    "pluriel après 0 ou 1": re.compile(
        r"(?<![\d\u202f\u00a0.,])\b[01](?:,\d+)? (?!\d)([a-zàâçéèêëîïôûù]+[sx])\b"
    ),
    "« un » devant un nom féminin": re.compile(
        r"\b[Uu]n (?:" + "|".join(map(re.escape, FEMININS)) + r")\b"
    ),
    "« une » devant un nom masculin": re.compile(
        r"\b[Uu]ne (?:" + "|".join(map(re.escape, MASCULINS)) + r")\b"
    ),
    "montant nul qui n'a pas de sens (« de 0,00 € »)": re.compile(r"\bde 0,00[\s\u00a0\u202f]?€"),
    # issue 22: « pour des linge de maison »
    "« des » devant un nom au singulier": re.compile(
        r"\bdes (?:" + "|".join(map(re.escape, SINGULIERS)) + r")\b"
    ),
    # issue 22: « (3 ans à compter du dernier contact)) »
    "parenthèses doublées « )) »": re.compile(r"\)\)"),
    # issue 22: « 1119 jours » (babel writes 1 119 with a thin space)
    "milliers sans espace (« 1119 jours »)": re.compile(
        r"(?<![\d\u202f\u00a0,.\-/])\d{4,}(?=[ \u00a0](?:jours?|€|km|clients?|visites?)\b|\u00a0€)"
    ),
}


NEGATIF_BABEL = re.compile(r"(?<![\w)])-\d")
LIGNE_DE_TABLEAU = re.compile(r"^\|.*\|$")
TAUX_AFFICHE = re.compile(r"^-?\d[\d\u202f]*(?:,(\d+))?\u00a0%$")


def _decimales_inegales(texte: str) -> list[tuple[str, str]]:
    """Issue 22: a column of a Markdown table shows its rates with one number of decimals
    (« 4,4 % » beside « 20,99 % » is a slip)."""
    fautes, tableau = [], []
    for ligne in [*texte.splitlines(), ""]:
        if LIGNE_DE_TABLEAU.match(ligne.strip()):
            tableau.append([c.strip() for c in ligne.strip().strip("|").split("|")])
            continue
        colonnes: dict[int, set[int]] = defaultdict(set)
        for rang in tableau:
            for k, cellule in enumerate(rang):
                m = TAUX_AFFICHE.match(cellule)
                if m:
                    colonnes[k].add(len(m.group(1) or ""))
        fautes += [
            ("décimales inégales dans une colonne de taux", " / ".join(r[k] for r in tableau[2:5]))
            for k, vues in colonnes.items()
            if len(vues) > 1
        ]
        tableau = []
    return fautes


def fautes_de_francais(texte: str) -> list[tuple[str, str]]:
    fautes = _decimales_inegales(texte)
    # issue 22: « -2 415,00 € » (babel's hyphen-minus) beside a typed « − » in the same line
    for ligne in texte.splitlines():
        if "\u2212" in ligne and NEGATIF_BABEL.search(ligne):
            fautes.append(("deux signes moins (« - » de babel et « − »)", ligne[:80]))
    for nom, motif in MOTIFS.items():
        for m in motif.finditer(texte):
            if nom == "pluriel après 0 ou 1" and m.group(1) in INVARIABLES:
                continue
            fautes.append((nom, texte[max(0, m.start() - 25) : m.end() + 10]))
    return fautes
