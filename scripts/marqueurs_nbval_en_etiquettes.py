"""Turn the ``# NBVAL_CHECK_OUTPUT`` comments of the notebooks into cell tags (issue 29).

    .venv/bin/python scripts/marqueurs_nbval_en_etiquettes.py notebooks voila_apps

A student read the comment at the top of a cell and wondered what it meant; nbval reads the
same instruction from the cell tag ``nbval-check-output`` (JupyterLab shows tags only in the
property inspector). Every nbval comment marker (``# NBVAL_SKIP``…) becomes the matching tag
and the comment line is removed. The JSON is written back exactly as nbformat writes it
(indent 1, UTF-8), so the diff shows only the moved marker. Run it again: nothing changes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MARQUEURS = {
    "NBVAL_CHECK_OUTPUT": "nbval-check-output",
    "NBVAL_IGNORE_OUTPUT": "nbval-ignore-output",
    "NBVAL_SKIP": "nbval-skip",
    "NBVAL_RAISES_EXCEPTION": "nbval-raises-exception",
}


def _lignes(source) -> list[str]:
    return source.splitlines(keepends=True) if isinstance(source, str) else list(source)


def convertir(chemin: Path) -> int:
    """Convert the markers of one notebook; returns how many cells changed."""
    texte = chemin.read_text(encoding="utf-8")
    carnet = json.loads(texte)
    changees = 0
    for cellule in carnet.get("cells", []):
        if cellule.get("cell_type") != "code":
            continue
        gardees, etiquettes = [], []
        for ligne in _lignes(cellule.get("source", [])):
            commentaire = ligne.strip().lstrip("#").strip()
            if ligne.strip().startswith("#") and commentaire in MARQUEURS:
                etiquettes.append(MARQUEURS[commentaire])
            else:
                gardees.append(ligne)
        if not etiquettes:
            continue
        if gardees:  # the last line of a cell has no newline
            gardees[-1] = gardees[-1].rstrip("\n")
        cellule["source"] = gardees
        tags = cellule.setdefault("metadata", {}).setdefault("tags", [])
        tags.extend(e for e in etiquettes if e not in tags)
        changees += 1
    if changees:
        chemin.write_text(json.dumps(carnet, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return changees


def main(arguments: list[str]) -> int:
    for argument in arguments:
        racine = Path(argument)
        carnets = [racine] if racine.suffix == ".ipynb" else sorted(racine.rglob("*.ipynb"))
        for carnet in carnets:
            if ".ipynb_checkpoints" in carnet.parts:
                continue
            n = convertir(carnet)
            if n:
                pluriel = "s" if n > 1 else ""
                print(f"{carnet} : {n} cellule{pluriel} étiquetée{pluriel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
