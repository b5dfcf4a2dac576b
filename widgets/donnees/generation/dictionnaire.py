"""The French data dictionary, generated from the schema (PRAGMA table_info) and :data:`TABLES`.

``lignes_dictionnaire`` fills the ``dictionnaire`` table; ``dictionnaire_markdown`` renders
``docs/dictionnaire.md`` (a test checks the committed file equals the generated text).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from widgets.connexions import ouvrir_en_memoire
from widgets.donnees.generation.schema import TABLES, TABLES_PAR_NOM

FICHIER_DOC = Path(__file__).resolve().parents[3] / "docs" / "dictionnaire.md"


def _schema_en_memoire() -> sqlite3.Connection:
    con = ouvrir_en_memoire()
    for t in TABLES:
        con.execute(t.ddl())
    return con


def lignes_dictionnaire(con: sqlite3.Connection | None = None) -> list[tuple[str, ...]]:
    """(table_nom, colonne, type, signification, exemple, cle) for every column of every table.

    Reads the real columns with ``PRAGMA table_info`` (so a column added to the SQL without a
    description is caught: it raises ``KeyError``).
    """
    con = con or _schema_en_memoire()
    lignes = []
    for t in TABLES:
        descriptions = {c.nom: c for c in t.colonnes}
        cles_etrangeres = {
            r[3]: f"→ {r[2]}.{r[4]}" for r in con.execute(f"PRAGMA foreign_key_list({t.nom})")
        }
        for _cid, nom, type_sql, _nn, _defaut, pk in con.execute(f"PRAGMA table_info({t.nom})"):
            c = descriptions[nom]
            if pk == 1 and sum(1 for x in t.contraintes if x.startswith("PRIMARY KEY")) == 0:
                cle = "clé primaire"
            elif pk:
                cle = "clé primaire (composée)"
            else:
                cle = ""
            if nom in cles_etrangeres:
                cle = (cle + ", " if cle else "") + "clé étrangère " + cles_etrangeres[nom]
            lignes.append((t.nom, nom, type_sql, c.signification, c.exemple, cle))
    return lignes


def dictionnaire_markdown() -> str:
    """The Markdown text of ``docs/dictionnaire.md``."""
    sortie = [
        "# Dictionnaire des données de la base clients",
        "",
        "Document généré par `widgets.donnees.generation.dictionnaire.dictionnaire_markdown()` "
        "à partir du schéma : ne pas le modifier à la main (la base contient la même chose "
        "dans sa table `dictionnaire`).",
        "",
        "Dates au format texte `AAAA-MM-JJ` ; montants en euros arrondis au centime ; "
        "« aujourd'hui » = 31/12/2025 ; données du 01/01/2023 au 31/12/2025.",
        "",
    ]
    par_table: dict[str, list[tuple[str, ...]]] = {}
    for ligne in lignes_dictionnaire():
        par_table.setdefault(ligne[0], []).append(ligne)
    for t in TABLES:
        sortie += [f"## `{t.nom}`", "", TABLES_PAR_NOM[t.nom].description, ""]
        sortie += ["| Colonne | Type | Signification | Exemple | Clé |", "|---|---|---|---|---|"]
        for _t, col, typ, sig, ex, cle in par_table[t.nom]:
            ex_md = f"`{ex}`" if ex else ""
            sortie.append(f"| `{col}` | {typ} | {sig.replace('|', '/')} | {ex_md} | {cle} |")
        sortie.append("")
    return "\n".join(sortie)


def ecrire_doc(fichier: Path = FICHIER_DOC) -> Path:
    """Write ``docs/dictionnaire.md`` (run after changing the schema)."""
    fichier.write_text(dictionnaire_markdown(), encoding="utf-8")
    return fichier


if __name__ == "__main__":
    print(ecrire_doc())
