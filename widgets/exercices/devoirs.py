"""Devoirs on paper and their marks: every student's sujet and corrigé, the note out of 20.

- :func:`valider`: the exercise codes of a devoir exist in the catalogue (French error);
- :func:`sujets_html` / :func:`corriges_html` (``devoir, eleves``): ONE self-contained HTML
  document (inline A4 print CSS, no script, no CDN), one student per page (``page-break``),
  each student with their own variant (``Exercice.variante(etudiant, devoir.graine)``: the
  same figures as the exercise widget opened with the devoir's seed). The exercise blocks are
  those of :mod:`widgets.exercices.corrige` (``bloc_sujet``, ``bloc_corrige``);
- :func:`noter_eleve`: a student's note from the recorded attempts and the filled grids;
- :func:`commande_imprimer`: ``atelier devoir imprimer FICHIER --classe liste.csv --sortie D``.

No PDF here: the HTML prints to PDF from any browser (Ctrl+P, « Enregistrer au format PDF »).
WeasyPrint would need Pango/GTK on the Windows lab PCs and is not a dependency.

The students are those of the class list (``widgets.donnees.classe``: ``Classe.eleves()`` on
the server, ``lire_liste_csv`` for the CLI's ``--classe`` file). A student's identity, for the
variants and the attempts, is their ``identifiant`` ``"Nom Prénom"``, the one a class-list
login records (case and accents do not matter: ``widgets.exercices.modele.normaliser_etudiant``),
so the printed sujet is the variant the student sees on screen.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from widgets.calculs import accorder
from widgets.calculs.bareme import Note, noter
from widgets.calculs.grille import evaluer, grille_par_code
from widgets.donnees.classe import Eleve, EleveImporte, lire_liste_csv
from widgets.donnees.devoirs import (
    LIBELLES_MODES,
    PARIS,
    Devoir,
    Item,
    heure_de_paris,
    lire_devoir,
    question_a_vous,
)
from widgets.donnees.plans import ecrire_atomique
from widgets.erreurs import ErreurAtelier
from widgets.exercices.corrige import CSS_A4, bloc_corrige, bloc_sujet
from widgets.exercices.markdown import markdown_en_html
from widgets.exercices.modele import normaliser_etudiant
from widgets.exercices.registre import exercice_par_code

CSS_COPIES = """
.copie + .copie { break-before: page; page-break-before: always; }
.copie header p { margin: 1mm 0; }
.grille-sujet td, .grille-sujet th { font-size: 10pt; }
"""


def valider(devoir: Devoir) -> Devoir:
    """``devoir`` when every exercise code is in the catalogue (else ``ExerciceInconnu``)."""
    for code in devoir.codes_exercices:
        exercice_par_code(code)
    return devoir


def _eleves(eleves: Iterable[Eleve | EleveImporte | str]) -> list[Eleve]:
    """Students of the class list (``Classe.eleves()``, ``lire_liste_csv``); a bare string is
    the identity itself (no group)."""
    liste = []
    for e in eleves:
        if isinstance(e, str):
            e = Eleve(e.strip(), e.strip(), "")
        elif isinstance(e, EleveImporte):
            e = Eleve(e.identifiant, e.nom, e.prenom, e.groupe)
        liste.append(e)
    return liste


def _fenetre(d: Devoir) -> str:
    if d.debut and d.fin:
        debut, fin = d.debut.astimezone(PARIS), d.fin.astimezone(PARIS)
        if debut.date() == fin.date():
            return f"le {debut:%d/%m/%Y} de {debut:%H:%M} à {fin:%H:%M}"
        return f"du {debut:%d/%m/%Y %H:%M} au {fin:%d/%m/%Y %H:%M}"
    if d.fin:
        return f"à rendre avant le {d.fin.astimezone(PARIS):%d/%m/%Y %H:%M}"
    return ""


def _entete(d: Devoir, eleve: Eleve, quoi: str) -> str:
    e = html.escape
    fenetre = _fenetre(d)
    groupe = f" — groupe {e(eleve.groupe)}" if eleve.groupe else ""
    # the devoir's secret seed only on the teacher's corrigé, never on a student's sujet
    variante = f" — variante {d.graine}" if quoi == "corrigé" else ""
    return (
        f"<header><h1>{e(d.titre)} — {quoi}</h1>"
        f"<p>Étudiant : <b>{e(eleve.identifiant)}</b>{groupe}</p>"
        f"<p>{LIBELLES_MODES[d.mode].capitalize()}"
        f"{' ' + e(fenetre) if fenetre else ''} — noté sur {accorder(d.total, 'pt')} "
        f"(note ramenée sur 20){variante} — édité le {date.today():%d/%m/%Y}</p>"
        + (f"<p>{e(d.consignes)}</p>" if d.consignes else "")
        + "</header>"
    )


def _bloc_grille(n: int, item: Item) -> str:
    g, points = grille_par_code(item.grille), item.points
    question = question_a_vous(item.travail.split(":", 1)[1]) if ":" in item.travail else None
    enonce = (
        f"<p><i>{html.escape(question.carnet)}</i></p>{markdown_en_html(question.texte)}"
        + "<div class='reponse'></div>" * 6
        if question
        else ""
    )
    lignes = "".join(
        f"<tr><td>{html.escape(c.nom)}</td><td>{html.escape(c.description)}</td>"
        f"<td class='points'>{accorder(c.maximum, 'pt')}</td></tr>"
        for c in g.criteres
    )
    return (
        f"<div class='exercice'><h3>Exercice {n} — {html.escape(g.titre)} "
        f"({accorder(points, 'pt')})</h3>{enonce}"
        "<p>Travail noté par l'enseignant avec cette grille "
        f"(sur {accorder(g.maximum, 'pt')}, ramenés à {accorder(points, 'pt')}) :</p>"
        "<table class='grille-sujet'><thead><tr><th>Critère</th><th>Ce qui est regardé</th>"
        f"<th class='points'>Maximum</th></tr></thead><tbody>{lignes}</tbody></table></div>"
    )


def _document(d: Devoir, quoi: str, copies: list[str]) -> str:
    return (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
        f"<title>{html.escape(d.titre)} — {quoi}</title>"
        f"<style>{CSS_A4}{CSS_COPIES}</style></head><body>{''.join(copies)}</body></html>"
    )


def _copies(d: Devoir, eleves: Iterable[Eleve | EleveImporte | str], corrige: bool) -> list[str]:
    valider(d)
    liste = _eleves(eleves)
    if not liste:
        raise ErreurAtelier("Aucun étudiant : la liste de classe est vide.")
    quoi = "corrigé" if corrige else "sujet"
    copies = []
    for eleve in liste:
        blocs = []
        for n, item in enumerate(d.items, 1):
            if item.grille is not None:
                blocs.append(_bloc_grille(n, item))
                continue
            ex = exercice_par_code(item.code)
            v = ex.variante(eleve.identifiant, d.graine)
            rendu = bloc_corrige if corrige else bloc_sujet
            blocs.append(rendu(n, ex, v, item.points))
        copies.append(f"<section class='copie'>{_entete(d, eleve, quoi)}{''.join(blocs)}</section>")
    return copies


def sujets_html(devoir: Devoir, eleves: Iterable[Eleve | EleveImporte | str]) -> str:
    """Every student's sujet (own variant), one per page, in one printable HTML document."""
    return _document(devoir, "sujets", _copies(devoir, eleves, corrige=False))


def corriges_html(devoir: Devoir, eleves: Iterable[Eleve | EleveImporte | str]) -> str:
    """Every student's corrigé (own variant, solution, expected answer, barème), one per page."""
    return _document(devoir, "corrigés", _copies(devoir, eleves, corrige=True))


def _dans_la_fenetre(d: Devoir, horodatage: str) -> bool:
    moment = heure_de_paris(datetime.fromisoformat(horodatage))
    return d.etat(moment) == "en_cours"


def noter_eleve(
    devoir: Devoir,
    etudiant: str,
    tentatives: Sequence[Mapping[str, Any]],
    grilles: Mapping[str, Mapping[str, Mapping[str, Any]]] | None = None,
) -> Note:
    """A student's note: for each exercise, the score of their attempts made with the
    devoir's seed inside its window (exam: the LAST one counts; training: the best one);
    for each grid item, the teacher's filled grid (``widgets.donnees.devoirs.evaluations``).
    A missing answer or grid gives 0."""
    cle = normaliser_etudiant(etudiant)
    items = []
    for item in devoir.items:
        fraction = Decimal(0)
        if item.grille is not None:
            fiche = (grilles or {}).get(item.travail, {}).get(cle)
            if fiche:
                fraction = evaluer(grille_par_code(item.grille), fiche["choix"]).fraction
        else:
            scores = [
                Decimal(str(t["score"]))
                for t in tentatives
                if t["exercice"] == item.code
                and normaliser_etudiant(t["etudiant"]) == cle
                and int(t.get("graine", 0)) == devoir.graine
                and _dans_la_fenetre(devoir, t["horodatage"])
            ]
            if scores:
                fraction = scores[-1] if devoir.examen else max(scores)
        items.append((item.code, item.points, fraction))
    return noter(items)


def nom_fichier(devoir: Devoir, quoi: str) -> str:
    return f"{quoi}_{devoir.identifiant}.html"


def imprimer(
    devoir: Devoir, eleves: Iterable[Eleve | EleveImporte | str], sortie: str | Path
) -> list[Path]:
    """Write ``sujets_<id>.html`` and ``corriges_<id>.html`` into the folder ``sortie``
    (created if missing; files written by the data layer, ``donnees.plans.ecrire_atomique``)."""
    liste = _eleves(eleves)
    chemins = []
    for quoi, fonction in (("sujets", sujets_html), ("corriges", corriges_html)):
        chemin = Path(sortie) / nom_fichier(devoir, quoi)
        ecrire_atomique(chemin, fonction(devoir, liste))
        chemins.append(chemin)
    return chemins


def commande_imprimer(fichier: str | Path, classe: str | Path, sortie: str | Path) -> int:
    """``atelier devoir imprimer``: 0 on success, 2 with a French message on stderr."""
    try:
        d = valider(lire_devoir(fichier))
        eleves = lire_liste_csv(Path(classe))
        chemins = imprimer(d, eleves, sortie)
    except ErreurAtelier as err:
        print(f"atelier devoir imprimer : {err}", file=sys.stderr)
        return 2
    copies = accorder(len(eleves), "copie")
    print(f"{d.titre} : {copies} — " + ", ".join(str(c) for c in chemins))
    return 0
