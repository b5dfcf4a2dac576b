"""Sectorisation: compass sweep around the base, balanced slices, moving a commune."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.calculs.sectorisation import (
    CommuneASecteur,
    cap_depuis_base,
    deplacer_commune,
    ordre_boussole,
    parametres,
    sectoriser,
)

BASE = (45.0, 0.0)


def _commune(code, lat, lon, clients, visites, ca):
    return CommuneASecteur(code, code, lat, lon, clients, visites, Decimal(ca))


# Four communes 0,1° around the base (≈ 11,12 km): north, east, south, west.
CROIX = [
    _commune("N", 45.1, 0.0, 2, 8, 1000),
    _commune("E", 45.0, 0.1414, 1, 8, 1000),
    _commune("S", 44.9, 0.0, 3, 8, 1000),
    _commune("W", 45.0, -0.1414, 1, 8, 1000),
]


def test_caps_comme_une_boussole():
    assert cap_depuis_base(BASE, 45.1, 0.0) == 0
    assert cap_depuis_base(BASE, 45.0, 0.1) == 90
    assert cap_depuis_base(BASE, 44.9, 0.0) == 180
    assert cap_depuis_base(BASE, 45.0, -0.1) == 270
    assert [c.code for c in ordre_boussole(CROIX, BASE)] == ["N", "E", "S", "W"]


def test_deux_secteurs_a_la_main():
    s = sectoriser(CROIX, 2, parametres(BASE))
    # Equal weights: the first commune in compass order (N) starts sector 1 → {N, E}, {S, W}.
    assert [x.codes for x in s.secteurs] == [("E", "N"), ("S", "W")]
    un, deux = s.secteurs
    assert (un.clients, deux.clients) == (3, 4)
    assert un.ca == deux.ca == Decimal(2000)
    # 16 visites × 45 min = 12 h ; 16 / 4 par jour = 4 jours.
    assert (un.charge_heures, un.jours_visite) == (Decimal("12.00"), 4)
    # Each commune: 8 / 4 = 2 day trips of 2 × 11,12 km = 44,48 km, × 1,3 = 57,82 km;
    # two communes → 115,64 → 116 km.
    assert un.km == deux.km == 116
    assert s.ecart_ca == s.ecart_charge == Decimal("0.00")


def test_deplacer_une_commune_change_l_equilibre():
    s = sectoriser(CROIX, 2, parametres(BASE))
    t = deplacer_commune(s, "E", 2)
    assert [x.codes for x in t.secteurs] == [("N",), ("E", "S", "W")]
    # CA 1 000 / 3 000 around a mean of 2 000: gap 1 000 / 2 000 = 50 %.
    assert [x.ca for x in t.secteurs] == [Decimal(1000), Decimal(3000)]
    assert t.ecart_ca == Decimal("50.00")
    assert [x.part_ca for x in t.secteurs] == [Decimal("25.00"), Decimal("75.00")]
    assert s.affectation["E"] == 1  # the original cut is left untouched
    with pytest.raises(SaisieInvalide, match="il n'y a que 2 secteurs"):
        deplacer_commune(s, "E", 3)


def test_le_poids_choisit_entre_charge_et_ca():
    # North is worth 3 000 € but only 2 visits; the three others 1 000 € and 8 visits.
    communes = [_commune("N", 45.1, 0.0, 1, 2, 3000)] + CROIX[1:]
    par_ca = sectoriser(communes, 2, parametres(BASE, poids_charge=0))
    # CA alone: 6 000 € to split → N (3 000) alone against E + S + W (3 000).
    assert sorted(x.ca for x in par_ca.secteurs) == [Decimal(3000), Decimal(3000)]
    par_charge = sectoriser(communes, 2, parametres(BASE, poids_charge=100))
    # Workload alone: 26 visits → 10 and 16 is the best slice split (N+E | S+W).
    assert sorted(x.visites for x in par_charge.secteurs) == [10, 16]


def test_saisies_refusees_en_francais():
    with pytest.raises(SaisieInvalide, match="5 secteurs pour 4 communes"):
        sectoriser(CROIX, 5, parametres(BASE))
    with pytest.raises(SaisieInvalide, match="au moins une visite par jour"):
        parametres(BASE, visites_par_jour=0)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(43.0, 47.0),
            st.floats(-1.0, 5.0),
            st.integers(0, 30),
            st.integers(0, 50_000),
        ),
        min_size=3,
        max_size=40,
    ),
    st.integers(1, 3),
)
def test_chaque_commune_dans_un_secteur_et_totaux_conserves(points, n):
    communes = [
        _commune(f"{i:05d}", lat, lon, 1, v, ca) for i, (lat, lon, v, ca) in enumerate(points)
    ]
    s = sectoriser(communes, n, parametres(BASE))
    assert len(s.secteurs) == n and all(x.codes for x in s.secteurs)
    assert sorted(c for x in s.secteurs for c in x.codes) == sorted(c.code for c in communes)
    assert sum(x.ca for x in s.secteurs) == sum(c.ca for c in communes)
    assert sum(x.visites for x in s.secteurs) == sum(c.visites for c in communes)
    # Deterministic: the same input gives the same cut.
    assert sectoriser(list(reversed(communes)), n, parametres(BASE)).affectation == s.affectation
