"""Devoirs on paper and their marks: every student's sujet and corrigé, the note out of 20.

- :func:`valider`: the exercise codes of a devoir exist in the catalogue (French error);
- :func:`sujets_html` / :func:`corriges_html` (``devoir, eleves``): ONE self-contained HTML
  document (inline A4 print CSS, no script, no CDN), one student per page (``page-break``),
  each student with their own variant (``Exercice.variante(etudiant, devoir.graine)``: the
  same figures as the exercise widget opened with the devoir's seed). The exercise blocks are
  those of :mod:`widgets.exercices.corrige` (``bloc_sujet``, ``bloc_corrige``);
- :func:`lire_liste_classe`: the class list CSV (``nom``, ``prénom``, ``groupe``);
- :func:`noter_eleve`: a student's note from the recorded attempts and the filled grids;
- :func:`commande_imprimer`: ``atelier devoir imprimer FICHIER --classe liste.csv --sortie D``.

No PDF here: the HTML prints to PDF from any browser (Ctrl+P, « Enregistrer au format PDF »).
WeasyPrint would need Pango/GTK on the Windows lab PCs and is not a dependency.

A student's identity, for the variants, is ``"Prénom Nom"`` (case and accents do not matter:
``widgets.exercices.modele.normaliser_etudiant``): what the student types in the "Étudiant"
field of the exercise widget.
"""

from __future__ import annotations

import csv
import html
import io
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from widgets.calculs import accorder
from widgets.calculs.bareme import Note, noter
from widgets.calculs.grille import evaluer, grille_par_code
from widgets.donnees.devoirs import (
    LIBELLES_MODES,
    PARIS,
    Devoir,
    Item,
    heure_de_paris,
    lire_devoir,
    question_a_vous,
)
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


@dataclass(frozen=True)
class Eleve:
    """One student of the class list."""

    nom: str
    prenom: str = ""
    groupe: str = ""

    @property
    def identite(self) -> str:
        """``"Nom Prénom"``: the identity the variants are drawn from and the attempts are
        recorded under — the same as a class-list login (``widgets.donnees.classe``), so the
        printed sujet is the variant the student sees on screen."""
        return f"{self.nom} {self.prenom}".strip()


def valider(devoir: Devoir) -> Devoir:
    """``devoir`` when every exercise code is in the catalogue (else ``ExerciceInconnu``)."""
    for code in devoir.codes_exercices:
        exercice_par_code(code)
    return devoir


def _cle(entete: str) -> str:
    return normaliser_etudiant(entete).replace(" ", "")


def lire_liste_classe(chemin: str | Path) -> list[Eleve]:
    """Students of a class list CSV: columns ``nom``, ``prénom`` (or ``prenom``), ``groupe``
    (optional), separator ``;`` or ``,``, UTF-8 with or without BOM (Excel-FR) or Windows-1252.

    A small local reader until the class-list module (``widgets.donnees.classe``) is merged.
    """
    chemin = Path(chemin)
    try:
        brut = chemin.read_bytes()
    except OSError as exc:
        raise ErreurAtelier(f"Liste de classe « {chemin} » illisible ({exc}).") from exc
    try:
        texte = brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        texte = brut.decode("cp1252")
    premiere = texte.splitlines()[0] if texte.strip() else ""
    separateur = ";" if premiere.count(";") >= premiere.count(",") else ","
    lignes = list(csv.reader(io.StringIO(texte), delimiter=separateur))
    if not lignes:
        raise ErreurAtelier(f"La liste de classe « {chemin.name} » est vide.")
    entetes = [_cle(c) for c in lignes[0]]
    if "nom" not in entetes:
        raise ErreurAtelier(
            f"La liste de classe « {chemin.name} » n'a pas de colonne « nom » "
            "(colonnes attendues : nom ; prénom ; groupe)."
        )
    col = {nom: entetes.index(nom) for nom in ("nom", "prenom", "groupe") if nom in entetes}

    def valeur(ligne: list[str], nom: str) -> str:
        i = col.get(nom)
        return ligne[i].strip() if i is not None and i < len(ligne) else ""

    eleves = [
        Eleve(valeur(ligne, "nom"), valeur(ligne, "prenom"), valeur(ligne, "groupe"))
        for ligne in lignes[1:]
        if any(c.strip() for c in ligne)
    ]
    if not eleves:
        raise ErreurAtelier(f"La liste de classe « {chemin.name} » ne contient aucun étudiant.")
    return eleves


def _eleves(eleves: Iterable[Eleve | str]) -> list[Eleve]:
    return [e if isinstance(e, Eleve) else Eleve(str(e)) for e in eleves]


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
    return (
        f"<header><h1>{e(d.titre)} — {quoi}</h1>"
        f"<p>Étudiant : <b>{e(eleve.identite)}</b>{groupe}</p>"
        f"<p>{LIBELLES_MODES[d.mode].capitalize()}"
        f"{' ' + e(fenetre) if fenetre else ''} — noté sur {accorder(d.total, 'pt')} "
        f"(note ramenée sur 20) — variante {d.graine} — édité le {date.today():%d/%m/%Y}</p>"
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


def _copies(d: Devoir, eleves: Iterable[Eleve | str], corrige: bool) -> list[str]:
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
            v = ex.variante(eleve.identite, d.graine)
            rendu = bloc_corrige if corrige else bloc_sujet
            blocs.append(rendu(n, ex, v, item.points))
        copies.append(f"<section class='copie'>{_entete(d, eleve, quoi)}{''.join(blocs)}</section>")
    return copies


def sujets_html(devoir: Devoir, eleves: Iterable[Eleve | str]) -> str:
    """Every student's sujet (own variant), one per page, in one printable HTML document."""
    return _document(devoir, "sujets", _copies(devoir, eleves, corrige=False))


def corriges_html(devoir: Devoir, eleves: Iterable[Eleve | str]) -> str:
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


def imprimer(devoir: Devoir, eleves: Iterable[Eleve | str], sortie: str | Path) -> list[Path]:
    """Write ``sujets_<id>.html`` and ``corriges_<id>.html`` into the folder ``sortie``."""
    liste = _eleves(eleves)
    dossier = Path(sortie)
    dossier.mkdir(parents=True, exist_ok=True)
    chemins = []
    for quoi, fonction in (("sujets", sujets_html), ("corriges", corriges_html)):
        chemin = dossier / nom_fichier(devoir, quoi)
        chemin.write_text(fonction(devoir, liste), encoding="utf-8")
        chemins.append(chemin)
    return chemins


def commande_imprimer(fichier: str | Path, classe: str | Path, sortie: str | Path) -> int:
    """``atelier devoir imprimer``: 0 on success, 2 with a French message on stderr."""
    try:
        d = valider(lire_devoir(fichier))
        eleves = lire_liste_classe(classe)
        chemins = imprimer(d, eleves, sortie)
    except ErreurAtelier as err:
        print(f"atelier devoir imprimer : {err}", file=sys.stderr)
        return 2
    copies = accorder(len(eleves), "copie")
    print(f"{d.titre} : {copies} — " + ", ".join(str(c) for c in chemins))
    return 0
