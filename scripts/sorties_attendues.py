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


def main(arguments: list[str] | None = None) -> int:
    """Command line: the notebooks to record (French help and errors, no traceback)."""
    import argparse

    analyseur = argparse.ArgumentParser(
        description="Enregistre la sortie attendue des cellules « nbval-check-output » "
        "de chaque carnet (exécuté, puis réécrit sans sorties).",
    )
    analyseur.add_argument("carnets", nargs="+", type=Path, help="carnets .ipynb à enregistrer")
    args = analyseur.parse_args(arguments)
    for carnet in args.carnets:
        if not carnet.is_file():
            print(f"{carnet} : carnet introuvable", file=sys.stderr)
            return 2
        n = enregistrer(carnet)
        mot = "cellule de référence" if n < 2 else "cellules de référence"
        print(f"{carnet} : {n} {mot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
