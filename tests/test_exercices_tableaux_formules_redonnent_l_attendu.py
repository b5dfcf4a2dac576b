"""Issue 10, point 7: in every table exercise, each cell's carry-forward formula applied to the
EXPECTED figures gives the expected value, for many students.

Carry-forward judges a cell by its formula applied to the student's own earlier figures: a
formula that disagrees with the calculation layer would mark right answers wrong (or accept a
wrong one). Comparing the formulas with themselves (as the other tests do) cannot see that.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.exercices import ControleTableau
from widgets.exercices.registre import exercices_integres

ETUDIANTS = [f"etudiant-{i}" for i in range(200)]


def _exercices_tableau():
    return [
        e
        for e in exercices_integres().values()
        if isinstance(e.variante("alice").controle, ControleTableau)
    ]


def ecarts(controle: ControleTableau) -> list[str]:
    """Cells whose formula, fed with the expected figures, does not give the expected value."""
    valeurs: dict[str, Decimal] = dict(controle.donnees)
    fautes = []
    for c in controle.cellules:
        if c.formule is not None:
            arguments = {d: valeurs[d] for d in c.dependances()}
            obtenu = Decimal(c.formule(**arguments))
            if obtenu != c.attendu:
                fautes.append(f"{c.nom} : formule {obtenu} ≠ attendu {c.attendu}")
        valeurs[c.nom] = c.attendu
    return fautes


def test_il_y_a_des_exercices_en_tableau():
    codes = {e.code for e in _exercices_tableau()}
    assert {"relation_client/facture-tableau-1", "relation_client/marges-tableau-1"} <= codes


@pytest.mark.parametrize("exercice", _exercices_tableau(), ids=lambda e: e.code)
def test_chaque_formule_redonne_l_attendu_pour_200_etudiants(exercice):
    fautes = []
    for etudiant in ETUDIANTS:
        controle = exercice.variante(etudiant).controle
        assert any(c.formule is not None for c in controle.cellules)
        fautes += [f"{etudiant} : {f}" for f in ecarts(controle)]
    assert not fautes, f"{exercice.code} : {len(fautes)} écarts, dont\n" + "\n".join(fautes[:10])


def test_une_formule_fausse_est_vue():
    from widgets.exercices import Cellule

    controle = ControleTableau(
        (
            Cellule("a", "A", Decimal("10.00")),
            Cellule("b", "B", Decimal("12.00"), lambda a: a * Decimal("1.19")),
        )
    )
    assert ecarts(controle) == ["b : formule 11.9000 ≠ attendu 12.00"]
