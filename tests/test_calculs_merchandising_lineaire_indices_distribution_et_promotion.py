"""Merchandising at the distributor (NDRC bloc 3): linear, shares and indices, optimal linear,
DN / DV, out-of-stocks and promotion ROI, worked by hand to the cent; and the named traps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.calculs.merchandising import (
    ca_au_metre,
    distribution_numerique,
    distribution_valeur,
    indice_de_marge,
    indice_de_performance,
    lineaire_developpe,
    lineaire_occupe,
    lineaire_optimal,
    marge_au_metre,
    nombre_de_faces,
    parts_de_lineaire,
    roi_promotion,
    taux_de_rupture,
    ventes_perdues,
)
from widgets.calculs.pieges_reseaux import (
    dv_sur_le_nombre_de_magasins,
    indice_de_performance_sur_les_volumes,
    roi_promotion_sans_cannibalisation,
)

D = Decimal

# A 1,5 m, CA 6 000 €, marge 1 500 € ; B 2,5 m, 3 000 €, 1 200 € ; C 1 m, 1 000 €, 300 €
RAYON = [
    {"reference": "A", "lineaire": "1,5", "ca": 6000, "marge": 1500},
    {"reference": "B", "lineaire": "2,5", "ca": 3000, "marge": 1200},
    {"reference": "C", "lineaire": 1, "ca": 1000, "marge": 300},
]


def test_lineaire_developpe_and_facings() -> None:
    # 2,35 m au sol × 4 niveaux = 9,40 m
    assert lineaire_developpe("2,35", 4) == D("9.40")
    # 1,20 m / 0,07 m = 17,14 → 17 faces (un produit ne se coupe pas)
    assert nombre_de_faces("1,20", "0,07") == 17
    # 17 faces × 0,07 m = 1,19 m occupés
    assert lineaire_occupe(17, "0,07") == D("1.19")


def test_indices_from_shares_round_half_up() -> None:
    # 30 / 20 × 100 = 150 ; 33,33 / 40 × 100 = 83,325 → 83,33 (demi au-dessus)
    assert indice_de_performance(30, 20) == D("150")
    assert indice_de_performance("33,33", 40) == D("83.33")
    # marge : 25 / 20 × 100 = 125
    assert indice_de_marge(25, 20) == D("125")


def test_parts_de_lineaire_ca_marge_and_indices() -> None:
    # linéaire 5 m : 30 / 50 / 20 % ; CA 10 000 : 60 / 30 / 10 % ; marge 3 000 : 50 / 40 / 10 %
    # indices de performance 60/30 = 200 ; 30/50 = 60 ; 10/20 = 50
    # indices de marge 50/30 = 166,666… → 166,67 ; 40/50 = 80 ; 10/20 = 50
    a, b, c = parts_de_lineaire(RAYON)
    assert [a.part_lineaire, b.part_lineaire, c.part_lineaire] == [D(30), D(50), D(20)]
    assert [a.part_ca, b.part_ca, c.part_ca] == [D(60), D(30), D(10)]
    assert [a.part_marge, b.part_marge, c.part_marge] == [D(50), D(40), D(10)]
    assert [a.indice_de_performance, b.indice_de_performance, c.indice_de_performance] == [
        D(200),
        D(60),
        D(50),
    ]
    assert [a.indice_de_marge, b.indice_de_marge, c.indice_de_marge] == [
        D("166.67"),
        D(80),
        D(50),
    ]


def test_lineaire_optimal_at_the_share_of_ca_or_margin() -> None:
    # 5 m × 60 / 30 / 10 % = 3 / 1,5 / 0,5 m ; A gagne 3 − 1,5 = 1,50 m
    ca = lineaire_optimal(RAYON, 5, critere="ca")
    assert [x.lineaire_optimal for x in ca] == [D("3.00"), D("1.50"), D("0.50")]
    assert ca[0].ecart == D("1.50")
    # 5 m × 50 / 40 / 10 % = 2,5 / 2 / 0,5 m
    marge = lineaire_optimal(RAYON, 5, critere="marge")
    assert [x.lineaire_optimal for x in marge] == [D("2.50"), D("2.00"), D("0.50")]


def test_lineaire_optimal_largest_remainder() -> None:
    # 1 m = 100 cm en trois parts égales : 33,33 cm chacune → 33 + 33 + 33 = 99 ;
    # le centimètre restant va au premier des plus forts restes (égalité : la première)
    egal = [{"lineaire": 1, "ca": 1}] * 3
    assert [x.lineaire_optimal for x in lineaire_optimal(egal, 1)] == [
        D("0.34"),
        D("0.33"),
        D("0.33"),
    ]
    # en faces de 0,25 m : 2 m = 8 faces ; 8 / 3 = 2,67 → 2 + 2 + 2, restent 2 faces → 3, 3, 2
    assert [x.lineaire_optimal for x in lineaire_optimal(egal, 2, pas="0,25")] == [
        D("0.75"),
        D("0.75"),
        D("0.50"),
    ]


def test_ca_and_margin_per_metre() -> None:
    # 4 500 / 1,5 = 3 000 ; 1 000 / 3 = 333,333 → 333,33 ; 1 000 / 0,6 = 1 666,666 → 1 666,67
    assert ca_au_metre(4500, "1,5") == D("3000.00")
    assert marge_au_metre(1000, 3) == D("333.33")
    assert marge_au_metre(1000, "0,6") == D("1666.67")


def test_distribution_numerique_and_valeur() -> None:
    # DN 120 / 400 = 30 % ; 2 / 3 = 66,666 → 66,67 %
    assert distribution_numerique(120, 400) == D("30")
    assert distribution_numerique(2, 3) == D("66.67")
    # DV 1 800 000 / 4 000 000 = 45 % ; (300 000 + 250 000) / 1 200 000 = 45,833 → 45,83 %
    assert distribution_valeur(1800000, 4000000) == D("45")
    assert distribution_valeur([300000, 250000], "1 200 000") == D("45.83")


def test_out_of_stock_rate_and_lost_sales() -> None:
    # 18 / 240 = 7,5 %
    assert taux_de_rupture(18, 240) == D("7.5")
    # 12 u/j × 5 j × 75 % = 45 u ; 45 × 2,50 = 112,50 € ; 45 × 0,80 = 36,00 €
    v = ventes_perdues(12, 5, "2,50", "0,80", 25)
    assert (v.quantite_perdue, v.ca_perdu, v.marge_perdue) == (D(45), D("112.50"), D("36.00"))
    # 7,3 × 3 × 90 % = 19,71 u ; 19,71 × 1,99 = 39,2229 → 39,22 ; 19,71 × 0,45 = 8,8695 → 8,87
    v = ventes_perdues("7,3", 3, "1,99", "0,45", 10)
    assert (v.quantite_perdue, v.ca_perdu, v.marge_perdue) == (
        D("19.71"),
        D("39.22"),
        D("8.87"),
    )


def test_promotion_roi_deducts_cannibalisation() -> None:
    # 800 × 1,50 = 1 200 ; 300 × 1,00 = 300 cannibalisés ; 900 − 600 = 300 ; 300 / 600 = 50 %
    r = roi_promotion(800, "1,50", 600, 300, 1)
    assert (r.marge_incrementale, r.gain_net, r.roi) == (D("900.00"), D("300.00"), D(50))
    # 500 × 1,20 = 600 ; 200 × 0,90 = 180 ; 420 − 450 = −30 ; −30 / 450 = −6,666 → −6,67 %
    r = roi_promotion(500, "1,20", 450, 200, "0,90")
    assert (r.marge_supplementaire, r.marge_cannibalisee) == (D("600.00"), D("180.00"))
    assert (r.gain_net, r.roi) == (D("-30.00"), D("-6.67"))


def test_traps_give_the_classic_wrong_figures() -> None:
    # DV « au nombre de magasins » : 120 / 400 = 30 % au lieu de 45 %
    assert dv_sur_le_nombre_de_magasins(120, 400) == D(30)
    assert dv_sur_le_nombre_de_magasins(120, 400) != distribution_valeur(1800000, 4000000)
    # 300 u sur 1 000 (30 %) mais 1 800 € sur 4 000 € (45 %), sur 1 m de 5 m (20 %) :
    # juste 45 / 20 = 225 ; sur les volumes 30 / 20 = 150
    assert indice_de_performance_sur_les_volumes(300, 1000, 1, 5) == D(150)
    assert indice_de_performance(45, 20) == D(225)
    # ROI sans cannibalisation : 600 − 450 = 150 ; 33,33 % au lieu de −30 € et −6,67 %
    faux = roi_promotion_sans_cannibalisation(500, "1,20", 450, 200, "0,90")
    assert (faux.gain_net, faux.roi) == (D("150.00"), D("33.33"))


@pytest.mark.parametrize(
    ("appel", "champ"),
    [
        (lambda: lineaire_developpe(0, 4), "Longueur au sol"),
        (lambda: lineaire_developpe(3, 0), "Nombre de niveaux"),
        (lambda: lineaire_developpe(3, "2,5"), "Nombre de niveaux"),
        (lambda: nombre_de_faces("1,2", "abc"), "Largeur du produit"),
        (lambda: indice_de_performance(30, 0), "Part de linéaire"),
        (lambda: distribution_numerique(500, 400), "Magasins qui référencent"),
        (lambda: distribution_numerique(1, 0), "Magasins du panel"),
        (lambda: distribution_valeur(5, 4), "CA catégorie des magasins qui référencent"),
        (lambda: distribution_valeur(1, "-4"), "CA catégorie total"),
        (lambda: taux_de_rupture(3, 2), "Relevés en rupture"),
        (lambda: ventes_perdues(12, 5, "2,5", 0, 120), "Taux de report"),
        (lambda: roi_promotion(-5, 1, 1), "Quantité supplémentaire"),
        (lambda: lineaire_optimal(RAYON, 5, critere="volume"), "Critère"),
        (lambda: lineaire_optimal(RAYON, "5,005"), "Linéaire total"),
        (
            lambda: parts_de_lineaire(
                [{"lineaire": 1, "ca": 1, "marge": 1}, {"lineaire": 1, "ca": 1}]
            ),
            "Marge",
        ),
        (lambda: parts_de_lineaire([{"reference": "X", "lineaire": 1, "ca": "douze"}]), "X — CA"),
        (lambda: parts_de_lineaire([]), "Référence"),
    ],
)
def test_bad_inputs_name_the_field_in_french(appel, champ: str) -> None:
    with pytest.raises(SaisieInvalide) as err:
        appel()
    assert err.value.champ == champ
    assert str(err.value).startswith(f"{champ} : ")


PROPRIETES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
montants = st.integers(min_value=1, max_value=10_000_000).map(lambda c: D(c) / 100)
longueurs = st.integers(min_value=1, max_value=2_000).map(lambda c: D(c) / 100)


@PROPRIETES
@given(st.lists(st.tuples(longueurs, montants), min_size=1, max_size=8))
def test_shares_sum_to_one_hundred_within_the_rounding(refs) -> None:
    parts = parts_de_lineaire([{"lineaire": lin, "ca": ca} for lin, ca in refs])
    # chaque part est arrondie au centième : l'écart à 100 % est au plus n × 0,005
    tolerance = D("0.005") * len(parts)
    assert abs(sum(p.part_lineaire for p in parts) - 100) <= tolerance
    assert abs(sum(p.part_ca for p in parts) - 100) <= tolerance


@PROPRIETES
@given(
    st.lists(st.tuples(longueurs, montants), min_size=1, max_size=8),
    st.integers(min_value=1, max_value=5_000),
)
def test_optimal_linear_sums_exactly_to_the_total(refs, centimetres) -> None:
    total = D(centimetres) / 100
    lignes = lineaire_optimal([{"lineaire": lin, "ca": ca} for lin, ca in refs], total)
    assert sum(x.lineaire_optimal for x in lignes) == total
    assert all(x.lineaire_optimal >= 0 for x in lignes)


@PROPRIETES
@given(montants, montants)
def test_dv_is_between_zero_and_one_hundred(a, b) -> None:
    petit, grand = sorted((a, b))
    assert 0 <= distribution_valeur(petit, grand) <= 100


def test_references_accept_the_french_synonyms() -> None:
    # « nom » et « chiffre_affaires » valent « reference » et « ca » : 1 m / 3 m, 500 / 500 €
    # → parts de linéaire 25 / 75 %, parts de CA 50 / 50 %, indices 200 et 66,67
    a, b = parts_de_lineaire(
        [
            {"nom": "Gel douche", "lineaire": 1, "chiffre_affaires": 500},
            {"nom": "Savon", "lineaire": 3, "chiffre_affaires": 500},
        ]
    )
    assert (a.reference, a.indice_de_performance, b.indice_de_performance) == (
        "Gel douche",
        D(200),
        D("66.67"),
    )
