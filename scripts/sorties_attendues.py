"""Record the expected output of every ``nbval-check-output`` cell into its metadata.

    .venv/bin/python scripts/sorties_attendues.py notebooks/relation_client/03_net_a_payer.ipynb

Executes the notebook (nbclient), copies the stdout of each marked cell into
``cell.metadata.atelier.sortie_attendue`` and writes the notebook back WITHOUT outputs.
Review the diff: those figures are what `make test` will hold the notebook to, so check them
against a hand calculation before committing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ETIQUETTE = "nbval-check-output"


def enregistrer(chemin: Path) -> int:
    nb = nbformat.read(chemin, as_version=4)
    execute = nbformat.read(chemin, as_version=4)
    NotebookClient(
        execute,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(chemin.parent)}},
    ).execute()
    n = 0
    for propre, fait in zip(nb.cells, execute.cells, strict=True):
        if propre.cell_type != "code":
            continue
        propre.outputs, propre.execution_count = [], None
        if ETIQUETTE not in propre.metadata.get("tags", []):
            continue
        texte = "".join(o.get("text", "") for o in fait.outputs if o.get("name") == "stdout")
        propre.metadata.setdefault("atelier", {})["sortie_attendue"] = texte
        n += 1
    nbformat.write(nb, chemin)
    return n


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(f"{argument} : {enregistrer(Path(argument))} cellule(s) de référence")
