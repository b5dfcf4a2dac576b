"""The exercise engine shared by every teaching unit (SQL lab, calculators, plans).

Layout:

- ``modele``: :class:`Exercice` (a declaration: code, unit, title, savoirs, generator) and
  :class:`Variante` (one student's statement, parameters, checker, hints, solution); the
  per-student seed (SHA-256 of exercise, student, seed);
- ``controles``: the pure checkers :class:`ControleNombre` (tolerance, French typing, convention
  diagnosis with :class:`Piege`) and :class:`ControleTableau` (cell by cell, carry-forward);
- ``controles_sql``: :class:`ControleSQL` (result sets compared through ``widgets.sql``);
- ``registre``: the :func:`exercice` decorator and the automatic discovery of
  ``catalogue/<unite>/<theme>.py`` modules (how-to: ``catalogue/README.md``);
- ``markdown``: safe Markdown → HTML of statements (mistune, compact layout, no raw HTML);
- ``corrige``: printable HTML statement + corrigé + barème for any student
  (``atelier corrige``), and the class export of collected progress files.
- ``suivi``: the teacher's live view (class heatmap, traps per exercise, marks /20 and their
  CSV / Excel export), pure aggregation of progress rows.
- ``moodle``: any exercise as Moodle XML (a category of pre-drawn variants, numerical /
  cloze / multichoice questions, a random question);
- ``auteur``: the teacher's own exercises written in TOML (safe evaluator, tools, sets);
- ``devoirs``: a devoir's sujets and corrigés for the whole class (one student per page,
  ``atelier devoir imprimer``) and a student's note out of 20 (attempts and filled grids).

The progress store is in the data layer (``widgets.donnees.progression``), the widget in
``widgets.ui.exercice``.
"""

from widgets.exercices.controles import (
    Cellule,
    ControleNombre,
    ControleTableau,
    Piege,
    piege_connu,
)
from widgets.exercices.controles_sql import ControleSQL
from widgets.exercices.modele import (
    Champ,
    Exercice,
    ExerciceInconnu,
    Variante,
    Verdict,
    graine_variante,
    tirer_decimal,
)
from widgets.exercices.registre import (
    exercice,
    exercice_par_code,
    exercices_de_l_unite,
    tous_les_exercices,
)

__all__ = [
    "Cellule",
    "Champ",
    "ControleNombre",
    "ControleSQL",
    "ControleTableau",
    "Exercice",
    "ExerciceInconnu",
    "Piege",
    "Variante",
    "Verdict",
    "exercice",
    "exercice_par_code",
    "exercices_de_l_unite",
    "graine_variante",
    "piege_connu",
    "tirer_decimal",
    "tous_les_exercices",
]
