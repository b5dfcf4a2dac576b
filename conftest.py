"""Make `# NBVAL_CHECK_OUTPUT` mean something on notebooks stored without outputs.

nbval compares a checked cell's new output with the output stored in the notebook, and skips
the comparison for a cell that was never run. Our notebooks are committed clean (no outputs, no
execution counts), so on their own the markers would check nothing. The expected text of a
marked cell lives instead in the cell's metadata, under ``atelier.sortie_attendue``: readable in
a diff, checked by hand against the method, and written by ``scripts/sorties_attendues.py``.
This hook hands it to nbval as the reference output, so nbval's own comparison does the work.
"""

from __future__ import annotations

import nbformat
import pytest

MARQUEUR = "NBVAL_CHECK_OUTPUT"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        cellule = getattr(item, "cell", None)
        if cellule is None or not hasattr(item, "options") or MARQUEUR not in cellule.source:
            continue
        attendu = cellule.get("metadata", {}).get("atelier", {}).get("sortie_attendue")
        if attendu is None:
            # Fail loudly rather than check nothing: the comparison shows this sentence.
            attendu = "sortie attendue manquante : lancer scripts/sorties_attendues.py\n"
        cellule.execution_count = 1
        cellule.outputs = [nbformat.v4.new_output("stream", name="stdout", text=attendu)]
