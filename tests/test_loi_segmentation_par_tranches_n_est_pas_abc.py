"""Issue 10, point 5 (issue point 11): « ABC » means Pareto (cumulated share of CA, cut near
80 %/95 %), never fixed CA thresholds. The fixed-threshold segmentation is called
« segmentation par tranches de CA » everywhere a student reads it.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from widgets.exercices import exercice_par_code

RACINE = Path(__file__).resolve().parents[1]
SEUIL_FIXE_ABC = re.compile(r"THEN\s+'A'", re.IGNORECASE)


@pytest.mark.parametrize("etudiant", ["alice", "bruno", "chloe", "dylan"])
def test_l_exercice_parle_de_tranches_et_pas_de_segments_abc(etudiant: str) -> None:
    """Point 5: sql-segments-ca labels T1/T2/T3 and explains that ABC is Pareto."""
    v = exercice_par_code("gestion_clientele/sql-segments-ca").variante(etudiant)
    assert "tranche de CA" in v.enonce and "Pareto" in v.enonce
    assert "**A** si" not in v.enonce
    assert not SEUIL_FIXE_ABC.search(v.controle.sql_reference)
    assert "'T1'" in v.controle.sql_reference


def test_aucun_carnet_n_appelle_abc_des_seuils_fixes() -> None:
    """Point 5: no notebook computes « A/B/C » with fixed thresholds, and the segmentation
    notebook defines ABC as Pareto (80 %, 95 %)."""
    for chemin in sorted((RACINE / "notebooks").rglob("*.ipynb")):
        carnet = nbformat.read(chemin, as_version=4)
        for cellule in carnet.cells:
            assert not SEUIL_FIXE_ABC.search(cellule.source), chemin.name
            assert "segmentation ABC sur" not in cellule.source, chemin.name
    carnet = nbformat.read(RACINE / "notebooks/gestion_clientele/05_segmentation.ipynb", 4)
    texte = "\n".join(c.source for c in carnet.cells if c.cell_type == "markdown")
    assert "segmentation par tranches de CA" in texte
    assert "Pareto" in texte and "80 %" in texte and "95 %" in texte
    assert "segments ABC" not in carnet.metadata["atelier"]["description"]
