"""Results and export of the SQL workbench: French formatting of a result set, the paged HTML
table, the status line, CSV/Excel exports and the bar chart of a numeric column.

Plain functions over a ``pandas.DataFrame`` / :class:`widgets.sql.ResultatRequete`, shared by the
:class:`~widgets.ui.requeteur.Requeteur` widget, the schema browser's preview
(:mod:`widgets.ui.schema_sql`) and the ``%%sql`` magic (:mod:`widgets.ui.magie_sql`).
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from widgets.calculs import format_nombre
from widgets.donnees.exports import csv_depuis_tableau, excel_depuis_tableaux
from widgets.sql import ResultatRequete

__all__ = [
    "CSS_RESULTATS",
    "LIGNES_PAR_PAGE",
    "MAX_BARRES",
    "colonnes_numeriques",
    "csv_francais",
    "est_identifiant",
    "est_nul",
    "excel_octets",
    "figure_barres",
    "formater_colonne",
    "lien_export_html",
    "lien_telechargement",
    "statut_resultat",
    "tableau_resultat_html",
]

LIGNES_PAR_PAGE = 20
#: Characters of one cell shown in the table (the export keeps the whole text).
TEXTE_CELLULE_MAX = 500
MAX_BARRES = 30
_COLONNE_IDENTIFIANT = re.compile(r"(^id($|_)|_id$|^numero|^num_|annee|^code|^mois|^siret)")

CSS_RESULTATS = """
<style>
.atelier-requeteur table.atelier-table-sql { border-collapse: collapse; font-size: 12.5px; }
.atelier-requeteur table.atelier-table-sql th { background: #e8eef5; text-align: left;
  padding: 3px 8px; border-bottom: 2px solid #9aa5b1; position: sticky; top: 0; }
.atelier-requeteur table.atelier-table-sql td { padding: 2px 8px; border-bottom: 1px solid #e3e7eb;
  white-space: nowrap; max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
.atelier-requeteur table.atelier-table-sql td.nombre { text-align: right;
  font-variant-numeric: tabular-nums; }
.atelier-requeteur table.atelier-table-sql td.nul { color: #8a94a0; font-style: italic; }
.atelier-requeteur table.atelier-table-sql tr:nth-child(even) td { background: #f7f9fb; }
.atelier-schema table { border-collapse: collapse; font-size: 12px; }
.atelier-schema td, .atelier-schema th { padding: 1px 6px; text-align: left; vertical-align: top; }
.atelier-schema th { background: #eef2f6; }
.atelier-export a { margin-right: 14px; }
</style>
"""


def est_identifiant(nom: str) -> bool:
    """An identifier, code, year or month column: its integers are not grouped by thousands
    and it is not offered for a chart."""
    return bool(_COLONNE_IDENTIFIANT.search(str(nom).lower()))


def est_nul(valeur: Any) -> bool:
    if valeur is None:
        return True
    try:
        return bool(isinstance(valeur, float) and math.isnan(valeur))
    except TypeError:  # pragma: no cover
        return False


def formater_colonne(nom: str, valeurs: Sequence[Any]) -> tuple[list[str], bool]:
    """Les valeurs d'une colonne en texte français, et si la colonne est numérique.

    Entiers : groupés par milliers (``12 345``) sauf les identifiants, codes, années, mois ;
    décimaux : deux décimales si aucune valeur n'en a plus (montants : ``1 234,50``), sinon
    jusqu'à trois ; ``NULL`` pour une valeur manquante ; le texte tel quel.
    """
    presentes = [v for v in valeurs if not est_nul(v)]
    numerique = bool(presentes) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in presentes
    )
    if not numerique:
        return ["NULL" if est_nul(v) else str(v) for v in valeurs], False
    entiers = all(float(v).is_integer() for v in presentes)
    identifiant = bool(est_identifiant(nom))
    if entiers:
        if identifiant:
            return ["NULL" if est_nul(v) else str(int(v)) for v in valeurs], True
        return ["NULL" if est_nul(v) else format_nombre(int(v)) for v in valeurs], True
    au_centime = all(abs(round(float(v), 2) - float(v)) < 1e-9 for v in presentes)
    decimales = 2 if au_centime else None
    return ["NULL" if est_nul(v) else format_nombre(float(v), decimales) for v in valeurs], True


def tableau_resultat_html(df: pd.DataFrame, debut: int = 0, fin: int | None = None) -> str:
    """Le tableau HTML (lignes ``debut`` à ``fin``) d'un résultat, nombres à la française."""
    if df.shape[1] == 0:
        return ""
    fin = len(df) if fin is None else min(fin, len(df))
    morceau = df.iloc[debut:fin]
    colonnes = []
    for i, nom in enumerate(df.columns):
        textes, numerique = formater_colonne(str(nom), list(morceau.iloc[:, i]))
        colonnes.append((textes, numerique))
    tete = "".join(f"<th>{html.escape(str(nom))}</th>" for nom in df.columns)
    corps = []
    for j in range(len(morceau)):
        cellules = []
        for textes, numerique in colonnes:
            texte = textes[j]
            if len(texte) > TEXTE_CELLULE_MAX:
                texte = f"{texte[:TEXTE_CELLULE_MAX]}… ({format_nombre(len(texte))} caractères)"
            if texte == "NULL" and est_nul(morceau.iat[j, len(cellules)]):
                cellules.append('<td class="nul">NULL</td>')
            else:
                classe = ' class="nombre"' if numerique else ""
                cellules.append(f"<td{classe}>{html.escape(texte)}</td>")
        corps.append("<tr>" + "".join(cellules) + "</tr>")
    return (
        '<table class="atelier-table-sql"><thead><tr>'
        + tete
        + "</tr></thead><tbody>"
        + "".join(corps)
        + "</tbody></table>"
    )


def statut_resultat(resultat: ResultatRequete) -> str:
    """« 42 lignes — 0,012 s » (ou « 3 lignes modifiées — … » pour une mise à jour)."""
    n = resultat.nb_lignes
    duree = format_nombre(resultat.elapsed_s, 3)
    if resultat.dataframe.shape[1] == 0:
        s = "s" if n > 1 else ""
        texte = f"{format_nombre(n)} ligne{s} modifiée{s} — {duree} s"
    else:
        s = "s" if n > 1 else ""
        texte = f"{format_nombre(n)} ligne{s} — {duree} s"
    if resultat.truncated:
        texte += " (résultat coupé)"
    return texte


def csv_francais(df: pd.DataFrame) -> bytes:
    """CSV for a French Excel (``widgets.donnees.exports``: ``;``, decimal comma, UTF-8 BOM,
    text cells that a spreadsheet would run neutralised)."""
    return csv_depuis_tableau(df)


def excel_octets(df: pd.DataFrame, feuille: str = "Résultat") -> bytes:
    """Excel workbook (.xlsx) of the result (text cells stored as strings, never formulas)."""
    return excel_depuis_tableaux({feuille: df})


def lien_telechargement(octets: bytes, type_mime: str, nom: str, libelle: str) -> str:
    donnees = base64.b64encode(octets).decode("ascii")
    return (
        f'<a download="{html.escape(nom)}" href="data:{type_mime};base64,{donnees}" '
        f'target="_blank">{html.escape(libelle)}</a>'
    )


FORMATS_EXPORT = {
    "csv": ("text/csv", "resultat.csv", "⬇ Télécharger resultat.csv"),
    "excel": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "resultat.xlsx",
        "⬇ Télécharger resultat.xlsx",
    ),
}


def lien_export_html(resultat: ResultatRequete, format_: str) -> str:
    """The download link of ONE export of a result, built now ('' if nothing to export).

    Built only when the student asks for it (the « Export CSV » / « Export Excel » buttons of
    the Requêteur): embedding both files in every result doubled what the kernel held and
    sent to the browser.
    """
    df = resultat.dataframe
    if df.shape[1] == 0 or len(df) == 0:
        return ""
    type_mime, nom, libelle = FORMATS_EXPORT[format_]
    octets = csv_francais(df) if format_ == "csv" else excel_octets(df)
    note = (
        f" <small>(les {format_nombre(len(df))} lignes affichées)</small>"
        if resultat.truncated
        else ""
    )
    return lien_telechargement(octets, type_mime, nom, libelle) + note


def colonnes_numeriques(df: pd.DataFrame) -> list[str]:
    """The columns of a result that can be charted (numeric, identifiers left out)."""
    noms = []
    for i, nom in enumerate(df.columns):
        _, numerique = formater_colonne(str(nom), list(df.iloc[:50, i]))
        if numerique and not est_identifiant(str(nom)):
            noms.append(str(nom))
    return noms


def figure_barres(df: pd.DataFrame, colonne: str, numeriques: Sequence[str]) -> tuple[Any, bytes]:
    """Bar chart of ``colonne`` over the first :data:`MAX_BARRES` rows, labelled by the first
    two non-numeric columns; the matplotlib figure and its PNG."""
    from matplotlib.figure import Figure

    from widgets.ui.nombres_fr import axes_a_la_francaise

    morceau = df.head(MAX_BARRES)
    autres = [str(c) for c in morceau.columns if str(c) != colonne and str(c) not in numeriques]
    if autres:
        etiquettes = [
            " ".join(str(v) for v in ligne) for ligne in morceau[autres[:2]].itertuples(index=False)
        ]
    else:
        etiquettes = [str(i + 1) for i in range(len(morceau))]
    valeurs = [0.0 if est_nul(v) else float(v) for v in morceau[colonne]]
    fig = Figure(figsize=(8.5, 3.4), dpi=100)
    ax = fig.subplots()
    ax.bar(range(len(valeurs)), valeurs, color="#1a5fb4")
    ax.set_xticks(range(len(valeurs)))
    ax.set_xticklabels([e[:22] for e in etiquettes], rotation=40, ha="right", fontsize=8)
    axes_a_la_francaise(ax)
    ax.set_ylabel(colonne)
    titre = colonne if len(df) <= MAX_BARRES else f"{colonne} ({MAX_BARRES} premières lignes)"
    ax.set_title(titre)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    tampon = io.BytesIO()
    fig.savefig(tampon, format="png")
    return fig, tampon.getvalue()
