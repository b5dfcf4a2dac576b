"""Teacher side: a student's paper and corrigé as printable HTML, and the class export.

- :func:`corrige_html` (``unite, etudiant, graine=0``): the statement of every exercise of the
  unit in THIS student's variant, then (on a new page) the worked solutions, the expected
  answers and the barème; self-contained HTML (inline A4 print CSS, no CDN, no script);
- :func:`commande_corrige`: the ``atelier corrige --unite U --etudiant S [--graine N] [--sortie F]``
  command (exit code 0, or 2 with a French message for an unknown unit);
- :func:`exporter_classe` (``[progress files…], sortie``): one row per student and exercise
  (attempts, success, best score, hints are not in it) written as CSV (``;``, decimal comma,
  UTF-8 with BOM for Excel-FR) or Excel (``.xlsx``: sheets « Synthèse » and « Détail »);
  :func:`commande_export_classe` is the same as a command (``atelier export-classe``).
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from widgets.calculs import accorder
from widgets.donnees.devoirs import questions_a_vous
from widgets.donnees.identite import nom_fichier_eleve
from widgets.donnees.progression import lire_progressions
from widgets.erreurs import ErreurAtelier
from widgets.exercices.markdown import markdown_en_html
from widgets.exercices.modele import TITRES_UNITES, Exercice, Variante
from widgets.exercices.registre import exercices_de_l_unite

if TYPE_CHECKING:  # pandas is imported lazily: the corrigé itself does not need it
    import pandas as pd


CSS_A4 = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 11pt;
       color: #111; max-width: 180mm; margin: 0 auto; line-height: 1.35; }
header { border-bottom: 2px solid #333; margin-bottom: 8mm; }
header h1 { font-size: 16pt; margin: 0 0 2mm 0; }
h2 { font-size: 13pt; margin: 6mm 0 2mm 0; }
h3, h4, h5, h6 { font-size: 11.5pt; }
.exercice { break-inside: avoid; page-break-inside: avoid; }
.corrige { break-before: page; page-break-before: always; }
table { border-collapse: collapse; margin: 2mm 0; }
th, td { border: 1px solid #888; padding: 1mm 2.5mm; text-align: left; }
td.points, th.points { text-align: right; }
.reponse { display: inline-block; min-width: 55mm; border-bottom: 1px dotted #444; }
div.reponse { display: block; height: 8mm; margin: 1mm 0; }
pre, code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 10pt; }
pre { background: #f3f3f3; padding: 2mm; white-space: pre-wrap; }
.total { font-weight: bold; }
@media print { a { color: inherit; text-decoration: none; } }
"""


def _points(p: Decimal) -> str:
    return accorder(p, "pt")


def _tete(n: int, ex: Exercice, points: Decimal) -> str:
    return f"Exercice {n} — {html.escape(ex.titre)} ({_points(points)})"


def bloc_sujet(n: int, ex: Exercice, v: Variante, points: Decimal | None = None) -> str:
    """Exercise ``n`` of a paper: title, statement of the variant ``v``, blank answer lines.

    ``points``: what the exercise is worth in a devoir (default: its checker's points)."""
    c = v.controle
    lignes_reponse = "".join(
        f"<p>{html.escape(ch.libelle)} : <span class='reponse'>&nbsp;</span></p>"
        if ch.genre != "sql"
        else "<div class='reponse'></div>" * 4
        for ch in c.champs()
    )
    tete = _tete(n, ex, c.points if points is None else points)
    return (
        f"<div class='exercice'><h3>{tete}</h3>{markdown_en_html(v.enonce)}{lignes_reponse}</div>"
    )


def bloc_corrige(n: int, ex: Exercice, v: Variante, points: Decimal | None = None) -> str:
    """Exercise ``n`` of a corrigé: worked solution, expected answer and barème.

    With ``points`` different from the checker's, the barème says it is scaled to them."""
    c = v.controle
    bareme = "".join(
        f"<tr><td>{html.escape(item)}</td><td class='points'>{_points(p)}</td></tr>"
        for item, p in c.bareme()
    )
    ramene = (
        ""
        if points is None or points == c.points
        else f"<p>Barème de l'exercice ramené à {_points(points)} dans ce devoir.</p>"
    )
    return (
        f"<div class='exercice'><h3>{_tete(n, ex, c.points if points is None else points)}</h3>"
        f"{markdown_en_html(v.solution)}"
        f"<p>Réponse attendue :</p>{markdown_en_html(c.reponse_attendue())}"
        "<table class='bareme'><thead><tr><th>Barème</th><th class='points'>Points</th>"
        f"</tr></thead><tbody>{bareme}<tr class='total'><td>Total</td>"
        f"<td class='points'>{_points(c.points)}</td></tr></tbody></table>{ramene}</div>"
    )


def bloc_questions_a_vous(unite: str) -> str:
    """The open « À vous » questions of the unit's notebooks with their answer keys
    (``metadata.atelier.corrige`` of the question's cell); empty when the unit has none."""
    questions = [q for q in questions_a_vous() if q.carnet.startswith(f"{unite}/")]
    if not questions:
        return ""
    blocs = "".join(
        f"<div class='a-vous'><h3>{html.escape(q.carnet)}</h3>"
        f"<div class='question'>{markdown_en_html(q.texte.split(chr(10) + chr(10))[0])}</div>"
        "<div class='corrige-a-vous'><b>Éléments de corrigé</b> : "
        f"{markdown_en_html(q.corrige or 'à rédiger par l’enseignant.')}</div></div>"
        for q in questions
    )
    return (
        "<section class='questions-a-vous'><h2>Questions « À vous » des carnets : éléments "
        f"de corrigé</h2>{blocs}</section>"
    )


def corrige_html(unite: str, etudiant: str, graine: int = 0) -> str:
    """The statement and worked corrigé (with barème) of every exercise of ``unite`` for
    ``etudiant``'s variant (same figures as on the student's screen for the same ``graine``)."""
    exercices = exercices_de_l_unite(unite)
    titre_unite = TITRES_UNITES.get(unite, unite)
    variantes = [(ex, ex.variante(etudiant, graine)) for ex in exercices]
    total = sum((v.controle.points for _, v in variantes), Decimal(0))
    e = html.escape
    entete = (
        f"<header><h1>Atelier NRC — {e(titre_unite)}</h1>"
        f"<p>Étudiant : <b>{e(etudiant)}</b> — variante (graine) : {graine} — "
        f"{len(variantes)} exercices, noté sur {_points(total)} — "
        f"édité le {date.today().strftime('%d/%m/%Y')}</p></header>"
    )
    sujet = ["<section class='sujet'><h2>Sujet</h2>"]
    corrige = ["<section class='corrige'><h2>Corrigé et barème</h2>"]
    for n, (ex, v) in enumerate(variantes, 1):
        sujet.append(bloc_sujet(n, ex, v))
        corrige.append(bloc_corrige(n, ex, v))
    sujet.append("</section>")
    corrige.append(
        f"<p class='total'>Total de la copie : {_points(total)}.</p>"
        "<p>Un résultat faux mais obtenu correctement à partir d'un chiffre faux plus haut "
        "(report) rapporte ses points.</p></section>"
    )
    corrige.append(bloc_questions_a_vous(unite))
    return (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
        f"<title>Corrigé — {e(titre_unite)} — {e(etudiant)}</title><style>{CSS_A4}</style>"
        f"</head><body>{entete}{''.join(sujet)}{''.join(corrige)}</body></html>"
    )


def nom_fichier_corrige(unite: str, etudiant: str) -> str:
    """Default file name: ``corrige_<unite>_<slug>-<hash>.html``
    (``widgets.donnees.identite.nom_fichier_eleve``: two students never share a file)."""
    return nom_fichier_eleve(etudiant, ".html", prefixe=f"corrige_{unite}_")


def commande_corrige(
    unite: str, etudiant: str, *, graine: int = 0, sortie: str | Path | None = None
) -> int:
    """``atelier corrige``: write the HTML corrigé; 0 on success, 2 with a French message."""
    try:
        contenu = corrige_html(unite, etudiant, graine=graine or 0)
    except ErreurAtelier as err:
        print(f"atelier corrige : {err}", file=sys.stderr)
        return 2
    sortie = Path(sortie) if sortie else Path(nom_fichier_corrige(unite, etudiant))
    sortie.write_text(contenu, encoding="utf-8")
    print(f"Corrigé écrit dans {sortie}")
    return 0


COLONNES_EXPORT = [
    "etudiant",
    "unite",
    "exercice",
    "tentatives",
    "reussi",
    "meilleur_score_pct",
    "premiere_tentative",
    "derniere_tentative",
    "fichier",
]


def synthese_classe(chemins: Iterable[str | Path]) -> pd.DataFrame:
    """One row per (student, exercise) over all the progress files given."""
    import pandas as pd

    lignes = lire_progressions(chemins)
    if not lignes:
        return pd.DataFrame(columns=COLONNES_EXPORT)
    df = pd.DataFrame(lignes)
    groupes = df.groupby(["etudiant", "unite", "exercice"], sort=True)
    resume = groupes.agg(
        tentatives=("id", "size"),
        reussi=("correct", "max"),
        meilleur_score_pct=("score", "max"),
        premiere_tentative=("horodatage", "min"),
        derniere_tentative=("horodatage", "max"),
        fichier=("fichier", lambda s: ", ".join(sorted(set(s)))),
    ).reset_index()
    resume["reussi"] = resume["reussi"].map({1: "oui", 0: "non"})
    resume["meilleur_score_pct"] = (resume["meilleur_score_pct"] * 100).round(1)
    return resume[COLONNES_EXPORT]


def exporter_classe(chemins: Iterable[str | Path], sortie: str | Path) -> pd.DataFrame:
    """Write the class summary of the collected progress files to ``sortie`` (.csv or .xlsx).

    CSV: ``;`` separator, decimal comma, UTF-8 with BOM (opens as-is in Excel-FR).
    Excel: sheet « Synthèse » (students × exercises, best score %) and sheet « Détail ».
    Returns the detail table.
    """
    from widgets.donnees.exports import csv_depuis_tableau, ecrire, excel_depuis_tableaux

    sortie = Path(sortie)
    detail = synthese_classe(chemins)
    if sortie.suffix.lower() == ".xlsx":
        tableau = detail.pivot_table(
            index="etudiant", columns="exercice", values="meilleur_score_pct", aggfunc="max"
        )
        tableau.columns.name = None
        octets = excel_depuis_tableaux({"Synthèse": tableau.reset_index(), "Détail": detail})
    else:
        octets = csv_depuis_tableau(detail)
    ecrire(sortie, octets)
    return detail


def commande_export_classe(fichiers: Iterable[str | Path], sortie: str | Path) -> int:
    """``atelier export-classe FICHIER... --sortie classe.xlsx``: 0 on success, 2 with a French
    message (unreadable file)."""
    try:
        detail = exporter_classe(fichiers, sortie)
    except ErreurAtelier as err:
        print(f"atelier export-classe : {err}", file=sys.stderr)
        return 2
    etudiants = detail["etudiant"].nunique() if len(detail) else 0
    lignes = accorder(len(detail), "ligne écrite", "lignes écrites")
    print(f"{accorder(etudiants, 'étudiant')}, {lignes} dans {sortie}")
    return 0
