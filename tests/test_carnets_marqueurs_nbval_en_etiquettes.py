"""nbval's instructions are cell tags, not comments a student reads (issue 29).

``# NBVAL_CHECK_OUTPUT`` at the top of a cell puzzled students; the tag ``nbval-check-output``
(cell metadata) tells nbval the same. Every checked cell keeps its expected text in
``metadata.atelier.sortie_attendue`` (root conftest.py hands it to nbval).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

RACINE = Path(__file__).resolve().parents[1]


def _carnets() -> list[Path]:
    return [
        p
        for dossier in ("notebooks", "voila_apps")
        for p in sorted((RACINE / dossier).rglob("*.ipynb"))
        if ".ipynb_checkpoints" not in p.parts
    ]


def test_no_notebook_shows_an_nbval_comment_to_the_student():
    fautes = [
        f"{p.relative_to(RACINE)} : {ligne.strip()}"
        for p in _carnets()
        for cellule in nbformat.read(p, as_version=4).cells
        for ligne in cellule.source.splitlines()
        if ligne.strip().startswith("#") and "NBVAL_" in ligne
    ]
    assert not fautes, "\n".join(fautes)


def test_every_checked_cell_is_tagged_and_has_its_expected_text():
    etiquetees = 0
    for p in _carnets():
        for cellule in nbformat.read(p, as_version=4).cells:
            if "nbval-check-output" in cellule.metadata.get("tags", []):
                etiquetees += 1
                attendu = cellule.metadata.get("atelier", {}).get("sortie_attendue")
                assert attendu, f"{p.relative_to(RACINE)} : sortie attendue manquante"
    assert etiquetees >= 79


def test_the_conversion_script_turns_a_comment_into_a_tag_once(tmp_path):
    carnet = nbformat.v4.new_notebook()
    carnet.cells = [nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(2 + 2)")]
    chemin = tmp_path / "essai.ipynb"
    nbformat.write(carnet, chemin)
    script = RACINE / "scripts" / "marqueurs_nbval_en_etiquettes.py"
    for _ in range(2):  # a second run changes nothing
        subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, timeout=60)
    (cellule,) = nbformat.read(chemin, as_version=4).cells
    assert cellule.source == "print(2 + 2)"
    assert cellule.metadata["tags"] == ["nbval-check-output"]


def test_nbval_holds_a_tagged_cell_to_its_expected_text(tmp_path):
    for nom, attendu in (("juste", "4\n"), ("faux", "5\n")):
        carnet = nbformat.v4.new_notebook()
        cellule = nbformat.v4.new_code_cell("print(2 + 2)")
        cellule.metadata["tags"] = ["nbval-check-output"]
        cellule.metadata["atelier"] = {"sortie_attendue": attendu}
        carnet.cells = [cellule]
        carnet.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(carnet, tmp_path / f"{nom}.ipynb")
    resultat = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "conftest",
            "--nbval-lax",
            "-q",
            "-p",
            "no:cacheprovider",
            str(tmp_path / "juste.ipynb"),
            str(tmp_path / "faux.ipynb"),
        ],
        cwd=RACINE,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The root conftest.py gives nbval the expected text: 4 passes, 5 fails.
    assert "1 failed, 1 passed" in resultat.stdout, resultat.stdout
    assert "faux.ipynb::Cell 0" in resultat.stdout
