"""Issue 10, point 8 (issue point 15): the force-de-vente notebook's rounding sentence.

2,95 rounded to the nearest is 3, so the text must not claim that rounding to the nearest
would leave visits undone; it must say the number of salespeople is always rounded UP.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from widgets.calculs.equipe import taille_force_de_vente

CARNET = (
    Path(__file__).resolve().parents[1]
    / "notebooks"
    / "management_equipe"
    / "01_force_de_vente_et_remuneration.ipynb"
)


def _markdown() -> str:
    carnet = nbformat.read(CARNET, as_version=4)
    return "\n".join(c.source for c in carnet.cells if c.cell_type == "markdown")


def test_la_phrase_sur_l_arrondi_est_juste() -> None:
    """Point 8: no « au plus proche ou en dessous laisserait » for 2,95 (nearest is 3)."""
    texte = " ".join(_markdown().split())
    assert "arrondir au plus proche ou en dessous laisserait" not in texte
    assert "arrondi au plus proche donnerait aussi 3" in texte
    assert "toujours à l'unité supérieure" in texte
    assert "780 visites" in texte  # 2 420 − 2 × 820 = 780


def test_les_chiffres_du_texte_sont_ceux_du_calcul() -> None:
    """Point 8: 2 420 / 820 = 2,95… → 3 ; rounded down (2) leaves 780 visits; 4,2 → 5."""
    fdv = taille_force_de_vente([("A", 60, 12), ("B", 150, 6), ("C", 400, 2)], 4, 205)
    assert (fdv.charge_totale, fdv.capacite_commercial, fdv.arrondi) == (2420, 820, 3)
    assert round(fdv.nombre_exact) == 3  # nearest is 3 too: the old sentence was wrong
    assert fdv.charge_totale - 2 * fdv.capacite_commercial == 780
