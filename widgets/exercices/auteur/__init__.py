"""Exercises written by teachers in a text file (TOML), without Python (issue 25).

- ``evaluateur``: the safe evaluator of the file's expressions (AST whitelist, bounded sizes,
  Decimal arithmetic, French refusals naming the line);
- ``fichier``: reading and checking a file into an :class:`~widgets.exercices.modele.Exercice`
  that the engine treats like a built-in one (same seeding, checkers, traps);
- ``verification``: ``atelier exercice verifier`` (200 variants drawn, every expression,
  reachability, traps, French agreement scan), ``nouveau`` (a commented template) and
  ``apercu`` (one student's statement and solution);
- ``jeux``: a set of exercise files in one text file for a colleague (``atelier exercice
  exporter``), imported only when every exercise passes ``verifier`` (``importer``);
- ``exemples/``: one built-in exercise per unit rewritten in the format (same variants and
  verdicts).

Kinds: numeric answers (one, or a table with carry-forward), a choice (``ControleChoix``, shown
as radio buttons), an SQL query (``[sql]``, compared on its result set by ``ControleSQL``);
parameters drawn from ranges, lists, or a read-only query of the client base (safe engine).

The teacher's folders (``ATELIER_EXERCICES``, else ``exercices/`` in the user data folder; on
a dashboards server also ``exercices/`` of the class folder) are read by the registry: their
exercises answer ``exercice_par_code`` and join ``exercices_du_catalogue`` like built-in ones.
The authoring widget is ``widgets.ui.auteur``; the Moodle bridge ``widgets.exercices.moodle``.
"""

from widgets.exercices.auteur.evaluateur import FONCTIONS, ExpressionRefusee, compiler
from widgets.exercices.auteur.fichier import (
    ControleChoix,
    ExerciceAuteur,
    FichierExerciceInvalide,
    charger_exercice,
    lire_fichier,
    lire_texte,
)

__all__ = [
    "FONCTIONS",
    "ControleChoix",
    "ExerciceAuteur",
    "ExpressionRefusee",
    "FichierExerciceInvalide",
    "charger_exercice",
    "compiler",
    "lire_fichier",
    "lire_texte",
]
