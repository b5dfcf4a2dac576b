"""The Moodle bridge: any exercise (built-in or a teacher's file) as Moodle XML (issue 25).

Moodle draws no variant itself from our generators, so the variants are drawn here: each
exercise becomes a question **category** holding ``variantes`` pre-drawn questions, then one
**random** question that picks one of them for each student's attempt:

- one numeric answer (:class:`~widgets.exercices.controles.ControleNombre`): a ``numerical``
  question, the right answer (and each other accepted method) at fraction 100 with its
  tolerance, each trap at fraction 0 with its own French feedback, then ``*`` (any other
  answer) at fraction 0; the unit (``€``, ``%``) is declared, optional for the student;
- several answers (a table): a ``cloze`` question (Moodle's multianswer), one embedded
  NUMERICAL field per cell, traps with their feedback;
- a choice (``ControleChoix``): a ``multichoice`` question, one right option;
- an SQL query cannot be checked by Moodle: refused with a French message.

The structure follows Moodle's own importer, ``question/format/xml/format.php`` of
moodle/moodle (class ``qformat_xml``, read for this module): ``readquestions`` reads
``quiz/question``; ``import_category`` reads ``category/text`` (and ``info`` with its
``format``); ``import_headers`` reads ``name/text``, ``questiontext`` with its ``format``
attribute and its ``text``, ``generalfeedback``, ``defaultgrade``, ``penalty``;
``import_numerical`` reads each ``answer`` (``fraction`` attribute in percent, ``text``,
``tolerance``, ``feedback/text``), ``units/unit/multiplier`` and ``unit_name``,
``unitgradingtype``, ``unitpenalty``, ``showunits``, ``unitsleft``; ``import_multichoice``
reads ``single``, ``shuffleanswers``, ``answernumbering`` and the answers; ``writetext``
wraps text in CDATA when it holds markup (``xml_escape``, splitting ``]]>``), which we do too;
a ``random`` question goes to the qtype's own importer (``questiontext`` holds 0 or 1: include
sub-categories, as ``question/type/random/questiontype.php`` reads it). Moodle 4.3 and later
keep random picks in the quiz itself rather than in the bank: there the category of variants is
what matters, and the teacher adds « a random question » from it to the quiz.

Statements are rendered by :func:`~widgets.exercices.markdown.
markdown_en_html` (raw HTML of a teacher's text escaped, never passed through), then placed in
CDATA: no markup of a statement can reach Moodle's page as HTML of its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from widgets.calculs import accorder
from widgets.erreurs import ErreurAtelier
from widgets.exercices.controles import ControleNombre, ControleTableau
from widgets.exercices.markdown import markdown_en_html
from widgets.exercices.modele import Exercice, Variante

VARIANTES_DEFAUT = 20
VARIANTES_MAXI = 200
CATEGORIE_RACINE = "$course$/top/Atelier NRC"


def _cdata(texte: str) -> str:
    """Text for a ``<text>`` element, as Moodle's ``qformat_xml::xml_escape`` writes it: CDATA
    when it holds markup (``]]>`` split across two sections), else escaped."""
    texte = str(texte)
    if html.escape(texte, quote=False) != texte:
        return "<![CDATA[" + texte.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    return texte


def _h(texte: str) -> str:
    return html.escape(str(texte), quote=False)


def _texte(texte: str, indent: str = "      ") -> str:
    return f"{indent}<text>{_cdata(texte)}</text>\n"


def _nombre(d: Decimal) -> str:
    """A number as Moodle reads it in XML (decimal point, no exponent)."""
    return format(Decimal(d).normalize(), "f")


def _unites(unite: str) -> str:
    if unite not in ("€", "%"):
        return "    <showunits>3</showunits>\n"  # UNITNONE: a plain number
    return (
        "    <units>\n      <unit>\n        <multiplier>1</multiplier>\n"
        f"        <unit_name>{html.escape(unite)}</unit_name>\n      </unit>\n    </units>\n"
        "    <unitgradingtype>0</unitgradingtype>\n    <unitpenalty>0</unitpenalty>\n"
        "    <showunits>0</showunits>\n    <unitsleft>0</unitsleft>\n"
    )  # UNITOPTIONAL: « 12,50 » and « 12,50 € » are both read


def _entete(type_: str, nom: str, enonce_html: str, solution_html: str, points: Decimal) -> str:
    return (
        f'  <question type="{type_}">\n    <name>\n{_texte(nom)}    </name>\n'
        f'    <questiontext format="html">\n{_texte(enonce_html)}    </questiontext>\n'
        f'    <generalfeedback format="html">\n{_texte(solution_html)}    </generalfeedback>\n'
        f"    <defaultgrade>{_nombre(points)}</defaultgrade>\n"
        "    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n"
    )


def _reponse(fraction: int, valeur: str, feedback: str, tolerance: Decimal | None) -> str:
    tol = f"      <tolerance>{_nombre(tolerance)}</tolerance>\n" if tolerance is not None else ""
    return (
        f'    <answer fraction="{fraction}" format="moodle_auto_format">\n'
        f"{_texte(valeur)}{tol}"
        f'      <feedback format="html">\n{_texte(_h(feedback), "        ")}'
        "      </feedback>\n    </answer>\n"
    )


def _numerique(nom: str, v: Variante, c: ControleNombre) -> str:
    corps = _entete(
        "numerical", nom, markdown_en_html(v.enonce), markdown_en_html(v.solution), c.points
    )
    vus = []
    for valeur in (c.attendu, *c.autres_attendus):
        if valeur not in vus:
            vus.append(valeur)
            corps += _reponse(100, _nombre(valeur), "Juste.", c.tolerance)
    for p in c.pieges:
        if all(abs(p.valeur - j) > c.tolerance for j in vus):
            corps += _reponse(0, _nombre(p.valeur), p.explication, Decimal(0))
    corps += _reponse(0, "*", "Ce n'est pas le résultat attendu : relisez la méthode.", None)
    return corps + _unites(c.unite) + "  </question>\n"


def _echapper_cloze(texte: str) -> str:
    """Moodle's cloze syntax: ``} # ~ / " \\`` are escaped with a backslash."""
    return re.sub(r'([}#~/"\\])', r"\\\1", texte)


def _cloze(nom: str, v: Variante, c: ControleTableau) -> str:
    lignes = []
    for cell in c.cellules:
        tol = cell.tolerance if cell.tolerance is not None else c.tolerance
        morceaux = [f"={_nombre(cell.attendu)}:{_nombre(tol)}#Juste."]
        for a in cell.autres_attendus:
            morceaux.append(f"={_nombre(a)}:{_nombre(tol)}#Juste.")
        for p in cell.pieges:
            if abs(p.valeur - cell.attendu) > tol:
                morceaux.append(f"%0%{_nombre(p.valeur)}:0#{_echapper_cloze(p.explication)}")
        poids = max(1, int(cell.points.to_integral_value()))  # a cloze weight is a whole number
        champ = "{" + f"{poids}:NUMERICAL:" + "~".join(morceaux) + "}"
        unite = f" {html.escape(cell.unite)}" if cell.unite else ""
        lignes.append(f"<tr><td>{html.escape(cell.libelle)}</td><td>{champ}{unite}</td></tr>")
    enonce = markdown_en_html(v.enonce) + "<table>" + "".join(lignes) + "</table>"
    return (
        f'  <question type="cloze">\n    <name>\n{_texte(nom)}    </name>\n'
        f'    <questiontext format="html">\n{_texte(enonce)}    </questiontext>\n'
        f'    <generalfeedback format="html">\n{_texte(markdown_en_html(v.solution))}'
        "    </generalfeedback>\n    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n"
        "  </question>\n"
    )


def _qcm(nom: str, v: Variante, c, melanger: bool) -> str:
    # the options are listed by Moodle itself: the statement without our « - **A.** … » list
    enonce = v.enonce.split("\n\n- **A.**")[0]
    corps = _entete(
        "multichoice", nom, markdown_en_html(enonce), markdown_en_html(v.solution), c.points
    )
    corps += (
        "    <single>true</single>\n"
        f"    <shuffleanswers>{'true' if melanger else 'false'}</shuffleanswers>\n"
        "    <answernumbering>ABCD</answernumbering>\n"
    )
    for i, option in enumerate(c.options):
        juste = i == c.bonne
        retour = "Juste." if juste else (c.explications[i] or "Ce n'est pas la bonne réponse.")
        corps += (
            f'    <answer fraction="{100 if juste else 0}" format="html">\n'
            f"{_texte(_h(option))}"
            f'      <feedback format="html">\n{_texte(_h(retour), "        ")}'
            "      </feedback>\n    </answer>\n"
        )
    return corps + "  </question>\n"


def _categorie(chemin: str, info: str) -> str:
    return (
        f'  <question type="category">\n    <category>\n{_texte(chemin)}    </category>\n'
        f'    <info format="html">\n{_texte(_h(info))}    </info>\n  </question>\n'
    )


def _aleatoire(titre: str) -> str:
    return (
        f'  <question type="random">\n    <name>\n{_texte("Aléatoire : " + titre)}    </name>\n'
        '    <questiontext format="html">\n      <text>0</text>\n    </questiontext>\n'
        '    <generalfeedback format="html">\n      <text></text>\n    </generalfeedback>\n'
        "    <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n    <hidden>0</hidden>\n"
        "  </question>\n"
    )


def question_xml(ex: Exercice, v: Variante, nom: str) -> str:
    """One variant as one Moodle question (French error for what Moodle cannot check)."""
    from widgets.exercices.auteur.fichier import ControleChoix

    c = v.controle
    if isinstance(c, ControleNombre):
        return _numerique(nom, v, c)
    if isinstance(c, ControleTableau):
        return _cloze(nom, v, c)
    if isinstance(c, ControleChoix):
        return _qcm(nom, v, c, melanger=len(c.codes) == 0 or c.codes != tuple(sorted(c.codes)))
    raise ErreurAtelier(
        f"{ex.code} : Moodle ne sait pas corriger ce genre d'exercice ({type(c).__name__} : "
        "une requête SQL, un plan…) ; gardez-le dans l'atelier."
    )


def exporter_xml(exercices: Iterable[Exercice], variantes: int = VARIANTES_DEFAUT) -> str:
    """The Moodle XML of ``exercices``: per exercise, a category of ``variantes`` pre-drawn
    questions (identical statements merged) and a random question picking one of them."""
    if not 1 <= variantes <= VARIANTES_MAXI:
        raise ErreurAtelier(f"Le nombre de variantes va de 1 à {VARIANTES_MAXI}.")
    morceaux = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    for ex in exercices:
        morceaux.append(
            _categorie(
                f"{CATEGORIE_RACINE}/{ex.code}",
                f"{ex.titre} : {accorder(variantes, 'variante tirée', 'variantes tirées')} par "
                "l'atelier NRC, une question aléatoire en choisit une pour chaque étudiant.",
            )
        )
        vues: set[str] = set()
        for i in range(1, variantes + 1):
            v = ex.variante(f"moodle-{i:03d}")
            if v.enonce in vues:
                continue
            vues.add(v.enonce)
            morceaux.append(question_xml(ex, v, f"{ex.titre} — variante {i}"))
        morceaux.append(_aleatoire(ex.titre))
    morceaux.append("</quiz>\n")
    return "".join(morceaux)


def exporter(codes: list[str], sortie: str | Path, variantes: int = VARIANTES_DEFAUT) -> Path:
    """Write the Moodle XML of the exercises with these ``codes`` to ``sortie`` (.xml)."""
    from widgets.exercices.registre import exercice_par_code

    sortie = Path(sortie)
    if sortie.suffix.lower() != ".xml":
        raise ErreurAtelier(f"« {sortie.name} » : le fichier pour Moodle se termine par .xml.")
    if not codes:
        raise ErreurAtelier("Donnez au moins un code d'exercice (ex. finance/mensualite-1).")
    exercices = [exercice_par_code(code) for code in codes]
    sortie.write_text(exporter_xml(exercices, variantes), encoding="utf-8")
    return sortie
