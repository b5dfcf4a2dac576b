"""Old path of ``tests/outils/ci.py``, kept so that ``from outils_ci import …`` still works."""

from outils.ci import VALEURS_VRAIES, en_ci, outil_manquant  # noqa: F401
