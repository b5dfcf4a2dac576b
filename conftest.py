"""Make the ``nbval-check-output`` cell tag mean something on notebooks stored without outputs.

A cell whose output matters carries the tag ``nbval-check-output`` (cell metadata, read by
nbval; not a ``# NBVAL_CHECK_OUTPUT`` comment that a student would read at the top of the
cell: ``scripts/marqueurs_nbval_en_etiquettes.py`` converts them). nbval compares a checked
cell's new output with the output stored in the notebook, and skips
the comparison for a cell that was never run. Our notebooks are committed clean (no outputs, no
execution counts), so on their own the markers would check nothing. The expected text of a
marked cell lives instead in the cell's metadata, under ``atelier.sortie_attendue``: readable in
a diff, checked by hand against the method, and written by ``scripts/sorties_attendues.py``.
This hook hands it to nbval as the reference output, so nbval's own comparison does the work.
"""

from __future__ import annotations

import nbformat
import pytest

ETIQUETTE = "nbval-check-output"
MARQUEUR = "NBVAL_CHECK_OUTPUT"  # the old comment, still honoured


def est_verifiee(cellule) -> bool:
    """True for a code cell whose output nbval checks (tag, or the old comment marker)."""
    return ETIQUETTE in cellule.get("metadata", {}).get("tags", []) or MARQUEUR in cellule.source


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        cellule = getattr(item, "cell", None)
        if cellule is None or not hasattr(item, "options") or not est_verifiee(cellule):
            continue
        attendu = cellule.get("metadata", {}).get("atelier", {}).get("sortie_attendue")
        if attendu is None:
            # Fail loudly rather than check nothing: the comparison shows this sentence.
            attendu = "sortie attendue manquante : lancer scripts/sorties_attendues.py\n"
        cellule.execution_count = 1
        cellule.outputs = [nbformat.v4.new_output("stream", name="stdout", text=attendu)]
