"""Exercises written by teachers in a text file (TOML), without Python (issue 25).

- ``evaluateur``: the safe evaluator of the file's expressions (AST whitelist, bounded sizes,
  Decimal arithmetic, French refusals naming the line);
- ``fichier``: reading and checking a file into an :class:`~widgets.exercices.modele.Exercice`
  that the engine treats like a built-in one (same seeding, checkers, traps);
- ``verification``: ``atelier exercice verifier`` (200 variants drawn, every expression,
  reachability, traps, French agreement scan), ``nouveau`` (a commented template) and
  ``apercu`` (one student's statement and solution);
- ``exemples/``: built-in exercises rewritten in the format (same variants and verdicts).

The teacher's folder (``ATELIER_EXERCICES``, else ``exercices/`` in the user data folder) is
read by the registry: its exercises answer ``exercice_par_code`` like built-in ones.
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
