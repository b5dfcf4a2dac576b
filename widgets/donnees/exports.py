"""THE export module: every CSV or Excel file the workbench writes goes through here.

A French spreadsheet opens these files as they are, and never runs what a student typed:

- CSV: ``;`` separator, decimal comma, CRLF lines, UTF-8 with BOM (Excel-FR detects it);
- Excel (.xlsx, openpyxl): numbers stay numbers, every text cell is a string cell
  (``data_type "s"``, quote prefix on the risky ones), never a formula;
- every text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or
  their full-width forms, read as formulas by some Excel versions) is neutralised: CSV
  cells get a leading apostrophe (:func:`neutraliser`), Excel cells keep their text as a
  quote-prefixed string. A class-list name ``=HYPERLINK(…)`` stays a name, never a link.

Numbers (``int``, ``float``, ``Decimal``, numpy numbers) are written as numbers: ``12,5`` in a
CSV, a numeric cell in Excel. ``None`` and NaN are empty cells.
"""

from __future__ import annotations

import csv
import io
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from widgets.calculs.format import format_saisie

__all__ = [
    "DEBUTS_DANGEREUX",
    "classeur_excel",
    "csv_francais",
    "csv_depuis_tableau",
    "excel_depuis_tableaux",
    "neutraliser",
]

#: First characters a spreadsheet reads as the start of a formula (or that hide one).
DEBUTS_DANGEREUX = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

Ligne = Sequence[Any]


def dangereux(texte: str) -> bool:
    """True when ``texte`` would be read as a formula by a spreadsheet."""
    return texte.startswith(DEBUTS_DANGEREUX)


def neutraliser(valeur: Any) -> Any:
    """``valeur`` with a leading apostrophe when it is text that a spreadsheet would run."""
    if isinstance(valeur, str) and dangereux(valeur):
        return "'" + valeur
    return valeur


def _vide(valeur: Any) -> bool:
    if valeur is None:
        return True
    if isinstance(valeur, float) and math.isnan(valeur):
        return True
    return type(valeur).__name__ in ("NAType", "NaTType")


def _nombre(valeur: Any) -> bool:
    return isinstance(valeur, (numbers.Real, Decimal)) and not isinstance(valeur, bool)


def _cellule_csv(valeur: Any) -> str:
    if _vide(valeur):
        return ""
    if _nombre(valeur):
        if isinstance(valeur, numbers.Integral):
            return str(int(valeur))
        return format_saisie(valeur if isinstance(valeur, Decimal) else float(valeur))
    return neutraliser(str(valeur))


def csv_francais(colonnes: Sequence[str], lignes: Iterable[Ligne]) -> bytes:
    """The CSV bytes of a table: ``;``, decimal comma, CRLF, UTF-8 with BOM, text neutralised."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow([_cellule_csv(c) for c in colonnes])
    for ligne in lignes:
        ecrivain.writerow([_cellule_csv(v) for v in ligne])
    return tampon.getvalue().encode("utf-8-sig")


def _remplir(feuille: Any, colonnes: Sequence[str], lignes: Iterable[Ligne], formats: Any) -> None:
    for numero, ligne in enumerate([list(colonnes), *lignes], start=1):
        for colonne, valeur in enumerate(ligne, start=1):
            cellule = feuille.cell(row=numero, column=colonne)
            if _vide(valeur):
                continue
            if _nombre(valeur):
                if isinstance(valeur, numbers.Integral):
                    cellule.value = int(valeur)
                else:
                    cellule.value = valeur if isinstance(valeur, Decimal) else float(valeur)
                forme = (formats or {}).get(colonne - 1)
                if forme:
                    cellule.number_format = forme
                continue
            texte = str(valeur)
            cellule.value = texte
            cellule.data_type = "s"  # openpyxl would store "=…" as a formula
            if dangereux(texte):
                cellule.quotePrefix = True


def classeur_excel(
    feuilles: Sequence[tuple[str, Sequence[str], Iterable[Ligne]]]
    | Sequence[tuple[str, Sequence[str], Iterable[Ligne], Mapping[int, str]]],
) -> bytes:
    """The .xlsx bytes of one or more sheets ``(titre, colonnes, lignes[, formats])``.

    ``formats`` maps a column index to an Excel number format (``{2: "0.0"}``).
    """
    from openpyxl import Workbook  # lazy: only an export needs it

    classeur = Workbook()
    classeur.remove(classeur.active)
    for feuille_def in feuilles:
        titre, colonnes, lignes = feuille_def[:3]
        formats = feuille_def[3] if len(feuille_def) > 3 else None
        feuille = classeur.create_sheet(title=_titre_feuille(titre))
        _remplir(feuille, colonnes, lignes, formats)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def _titre_feuille(titre: str) -> str:
    propre = "".join("_" if c in "[]:*?/\\" else c for c in str(titre)).strip("'") or "Feuille"
    return propre[:31]


def _lignes_du_tableau(tableau: Any) -> tuple[list[str], list[list[Any]]]:
    colonnes = [str(c) for c in tableau.columns]
    return colonnes, [list(ligne) for ligne in tableau.itertuples(index=False, name=None)]


def csv_depuis_tableau(tableau: Any) -> bytes:
    """:func:`csv_francais` of a pandas DataFrame (its index is not written)."""
    return csv_francais(*_lignes_du_tableau(tableau))


def excel_depuis_tableaux(tableaux: Mapping[str, Any]) -> bytes:
    """:func:`classeur_excel` of pandas DataFrames, one sheet per ``{titre: tableau}``."""
    return classeur_excel([(titre, *_lignes_du_tableau(t)) for titre, t in tableaux.items()])


def ecrire(chemin: str | Path, octets: bytes) -> Path:
    """Write an export's bytes to ``chemin`` (parent folders created); returns the path."""
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_bytes(octets)
    return chemin
