"""VRP vs agent commercial: cost lines and the point d'indifférence, to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.calculs.statut import (
    agent_commercial,
    courbes_de_cout,
    cout_statut,
    point_indifference,
    vrp,
)


def test_cout_d_un_vrp_charges_sur_toute_la_remuneration():
    # Commission 500 000 × 3 % = 15 000 ; charges (24 000 + 15 000) × 45 % = 17 550 ;
    # coût 56 550 € = 11,31 % du CA.
    c = cout_statut(vrp(24000, 3, 45), 500_000)
    assert (c.commission, c.charges, c.cout, c.cout_pct_ca) == (
        Decimal("15000.00"),
        Decimal("17550.00"),
        Decimal("56550.00"),
        Decimal("11.31"),
    )
    # The agent: 10 % of 500 000 = 50 000 €, no employer charges.
    a = cout_statut(agent_commercial(10), 500_000)
    assert (a.charges, a.cout) == (Decimal("0.00"), Decimal("50000.00"))


def test_point_d_indifference_a_la_main():
    # VRP: 24 000 × 1,45 = 34 800 + 3 % × 1,45 = 4,35 % du CA ; agent : 10 % du CA.
    # CA* = 34 800 / (0,10 − 0,0435) = 34 800 / 0,0565 = 615 929,2035… → 615 929,20 €.
    p = point_indifference(vrp(24000, 3, 45, nom="VRP exclusif"), agent_commercial(10))
    assert p.ca == Decimal("615929.20")
    # Agent at CA*: 10 % → 61 592,92 € ; the VRP, each item rounded: 18 477,88 + 19 115,05
    # + 24 000 = 61 592,93 € (one cent apart: rounding to the cent at each step).
    assert p.cout == Decimal("61592.92")
    assert cout_statut(p.premier, p.ca).cout == Decimal("61592.93")
    assert "En dessous, le statut « Agent commercial » est le moins cher" in p.lecture
    assert "au-dessus, c'est le statut « VRP exclusif »" in p.lecture


def test_pas_de_point_quand_les_droites_ne_se_croisent_pas():
    # Multicarte without fixed pay, 8 % × 1,45 = 11,6 % > 10 %: the agent is always cheaper.
    p = point_indifference(vrp(0, 8, 45, nom="VRP multicarte"), agent_commercial(10))
    assert p.ca is None
    assert "« Agent commercial » coûte moins cher quel que soit" in p.lecture


def test_courbes_pour_le_graphique():
    points = courbes_de_cout([vrp(24000, 3), agent_commercial(10)], 1_000_000, pas=4)
    assert [ca for ca, _ in points] == [0, 250000, 500000, 750000, 1000000]
    assert points[0][1] == [Decimal("34800.00"), Decimal("0.00")]


def test_saisies_refusees():
    with pytest.raises(SaisieInvalide, match="Commission \\(Agent commercial\\)"):
        agent_commercial("dix")


@given(
    st.integers(0, 60_000),
    st.integers(0, 15),
    st.integers(0, 60),
    st.integers(1, 30),
)
def test_les_deux_couts_se_rejoignent_au_point(fixe, tv, charges, ta):
    v, a = vrp(fixe, tv, charges), agent_commercial(ta)
    p = point_indifference(v, a)
    if p.ca is None:
        return
    assert p.ca > 0
    ecart = abs(cout_statut(v, p.ca).cout - cout_statut(a, p.ca).cout)
    assert ecart <= Decimal("0.02")
    # Below the point the VRP (fixed pay) costs more, above it less.
    assert cout_statut(v, p.ca / 2).cout > cout_statut(a, p.ca / 2).cout
    assert cout_statut(v, p.ca * 2).cout < cout_statut(a, p.ca * 2).cout
