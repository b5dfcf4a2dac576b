"""Issue 22, French slips and hand-written figures in the notebooks.

- ``notebooks/finance/01``: the classic trap (annual rate with n in months) gives
  20 000 × 0,06 / (1 − 1,06^−36) = 1 200 / 0,877259 = 1 367,90 € (the text said 1 367,79 €).
- ``notebooks/relation_digitale/01`` printed a Python list of tuples: the student saw
  ``'1\\u202f272,10\\xa0€'``; no notebook prints a list or tuple of formatted figures.
- ``notebooks/finance/03`` says « au moins égal », as the code does, and that a 4-year
  declining balance switches to linear in year 2.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets.calculs import format_euros
from widgets.calculs.finance import annuite

RACINE = Path(__file__).resolve().parents[1]
CARNETS = sorted(
    c
    for c in [*(RACINE / "notebooks").rglob("*.ipynb"), *(RACINE / "voila_apps").glob("*.ipynb")]
    if ".ipynb_checkpoints" not in c.parts
)
# print("…", [(…, format_euros(…)) …]) or print(…, (format_…, …)): Python's repr reaches the page
REPR_IMPRIME = re.compile(r"print\(.*\[\s*\(?[^\]\n]*format_(?:euros|pourcent|nombre)\(")


def _texte(relatif: str, type_de_cellule: str) -> str:
    nb = json.loads((RACINE / relatif).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == type_de_cellule)


def test_le_piege_du_taux_annuel_vaut_1_367_90():
    """Issue 22: the wrong figure 1 367,79 € in notebooks/finance/01 (it is 1 367,90 €)."""
    piege = format_euros(annuite("20 000", "6", 36))
    assert piege == "1\u202f367,90\u00a0€"
    texte = _texte("notebooks/finance/01_emprunt_et_financement.ipynb", "markdown")
    assert "1 367,90 €" in texte and "1 367,79" not in texte


@pytest.mark.parametrize("carnet", CARNETS, ids=lambda c: c.relative_to(RACINE).as_posix())
def test_aucun_carnet_n_imprime_une_liste_python_de_montants(carnet):
    """Issue 22: raw Python ``'1\\u202f272,10\\xa0€'`` printed in relation_digitale/01."""
    code = _texte(carnet.relative_to(RACINE).as_posix(), "code")
    fautes = [ligne for ligne in code.splitlines() if REPR_IMPRIME.search(ligne)]
    assert not fautes, fautes


def test_le_scan_voit_la_liste_imprimee():
    ligne = 'print("Dernières commandes :", [(c.date, format_euros(c.montant_ht)) for c in f])'
    assert REPR_IMPRIME.search(ligne)
    assert not REPR_IMPRIME.search('print("Dernières commandes :", " ; ".join(commandes))')
    assert not REPR_IMPRIME.search('print("C :", " ; ".join(format_nombre(c, 4) for c in p.c))')


def test_le_carnet_des_amortissements_dit_au_moins_egal():
    """Issue 22: the notebook says « au moins égal », as the code does (4 years: year 2)."""
    texte = _texte("notebooks/finance/03_amortissements.ipynb", "markdown")
    assert "au moins\négal" in texte or "au moins égal" in texte.replace("**", "")
    assert "dépasse le taux" not in texte
    assert "33,33 % > 31,25 %" in texte
