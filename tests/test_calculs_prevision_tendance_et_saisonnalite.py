"""Prévision des ventes : moindres carrés, coefficients saisonniers, prévision (S522).

Every figure below is worked by hand on the quarterly series
y = 100, 80, 120, 140 | 120, 100, 140, 160 (two years, x = 1…8).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide, arrondi, format_nombre
from widgets.calculs.prevision import (
    coefficients_saisonniers,
    ecarts_saisonniers,
    moyennes_mobiles_centrees,
    prevoir,
    tendance_lineaire,
)

SERIE = [100, 80, 120, 140, 120, 100, 140, 160]


def test_least_squares_line_and_correlation_worked_by_hand():
    t = tendance_lineaire(SERIE)
    # x̄ = 36 / 8 = 4,5 ; ȳ = 960 / 8 = 120
    assert t.x_moyen == Decimal("4.5") and t.y_moyen == 120
    # Σ(x − x̄)(y − ȳ) = (−3,5)(−20) + (−2,5)(−40) + (−1,5)(0) + (−0,5)(20) + (0,5)(0)
    #                   + (1,5)(−20) + (2,5)(20) + (3,5)(40) = 70 + 100 − 10 − 30 + 50 + 140 = 320
    assert t.somme_xy == 320
    # Σ(x − x̄)² = 2 × (12,25 + 6,25 + 2,25 + 0,25) = 42
    assert t.somme_xx == 42
    # a = 320 / 42 = 7,6190… ; b = 120 − 7,6190… × 4,5 = 85,7142…
    assert arrondi(t.a, 4) == Decimal("7.6190")
    assert arrondi(t.b, 4) == Decimal("85.7143")
    # Σ(y − ȳ)² = 400 + 1 600 + 0 + 400 + 0 + 400 + 400 + 1 600 = 4 800
    # r = 320 / √(42 × 4 800) = 320 / 448,998… = 0,7127
    assert t.somme_yy == 4800
    assert arrondi(t.r, 4) == Decimal("0.7127")
    assert format_nombre(t.a, 2) == "7,62"


def test_seasonal_coefficients_by_ratio_to_the_trend_worked_by_hand():
    c = coefficients_saisonniers(SERIE, periode=4)
    # trend x = 1 : 93,33 ; x = 5 : 123,81 → ratios 100 / 93,33 = 1,0714 ; 120 / 123,81 = 0,9692
    assert arrondi(c.rapports[0], 4) == Decimal("1.0714")
    assert arrondi(c.rapports[4], 4) == Decimal("0.9692")
    # season means: T1 1,0203 ; T2 (0,7925 + 0,7609) / 2 = 0,7767 ; T3 1,0561 ; T4 1,1479
    assert [arrondi(b, 4) for b in c.bruts] == [
        Decimal("1.0203"),
        Decimal("0.7767"),
        Decimal("1.0561"),
        Decimal("1.1479"),
    ]
    # sum 4,0010 → × 4 / 4,0010: 1,0201 ; 0,7765 ; 1,0558 ; 1,1476
    assert c.arrondis(2) == (Decimal("1.02"), Decimal("0.78"), Decimal("1.06"), Decimal("1.15"))
    assert sum(c.coefficients) == pytest.approx(4, abs=Decimal("1e-20"))


def test_centred_moving_averages_of_even_order_weigh_the_ends_one_half():
    mm = moyennes_mobiles_centrees(SERIE, 4)
    # MM(x=3) = (½ × 100 + 80 + 120 + 140 + ½ × 120) / 4 = 450 / 4 = 112,5
    # MM(x=4) = (40 + 120 + 140 + 120 + 50) / 4 = 117,5
    assert mm[:2] == (None, None) and mm[-2:] == (None, None)
    assert mm[2:6] == (Decimal("112.5"), Decimal("117.5"), Decimal("122.5"), Decimal("127.5"))
    # odd order 3: (100 + 80 + 120) / 3 = 100
    assert moyennes_mobiles_centrees(SERIE, 3)[1] == 100


def test_coefficients_by_moving_averages_use_one_ratio_per_season_on_two_years():
    c = coefficients_saisonniers(SERIE, periode=4, methode="moyennes_mobiles")
    # ratios: T3 120 / 112,5 = 1,0667 ; T4 140 / 117,5 = 1,1915 ; T1 120 / 122,5 = 0,9796 ;
    # T2 100 / 127,5 = 0,7843 ; sum 4,0221 → T1 0,9796 × 4 / 4,0221 = 0,9742
    assert arrondi(c.bruts[2], 4) == Decimal("1.0667")
    assert arrondi(c.coefficients[0], 4) == Decimal("0.9742")


def test_forecast_is_trend_times_coefficient_rounded_to_the_cent():
    p = prevoir(SERIE, horizon=4, periode=4)
    # x = 9 : 7,619048 × 9 + 85,714286 = 154,285714 → 154,29 ; × 1,020085 = 157,38
    assert p.rangs == (9, 10, 11, 12)
    assert p.tendances_prevues[0] == Decimal("154.29")
    assert p.previsions[0] == Decimal("157.38")
    # x = 12 (T4): 7,619048 × 12 + 85,714286 = 177,142857 ; × 1,147638 = 203,30
    assert p.previsions[3] == Decimal("203.30")
    # with the coefficients read to the hundredth: 154,285714 × 1,02 = 157,37
    arrondie = prevoir(SERIE, horizon=1, periode=4, decimales_coefficients=2)
    assert arrondie.previsions == (Decimal("157.37"),)
    assert p.total == sum(p.previsions)


def test_additive_gaps_are_another_model_and_sum_to_zero():
    e = ecarts_saisonniers(SERIE, 4)
    # T2 gaps: 80 − 100,95 = −20,95 ; 100 − 131,43 = −31,43 → −26,19
    assert arrondi(e[1], 2) == Decimal("-26.19")
    assert abs(sum(e)) < Decimal("1e-20")


def test_bad_series_are_refused_in_french():
    with pytest.raises(SaisieInvalide, match="au moins deux périodes"):
        tendance_lineaire([100])
    with pytest.raises(SaisieInvalide, match="au moins 8 valeurs"):
        coefficients_saisonniers([1, 2, 3, 4, 5], periode=4)
    with pytest.raises(SaisieInvalide, match="n'est pas un montant"):
        prevoir(["100", "abc"] * 12)
    with pytest.raises(SaisieInvalide, match="méthode inconnue"):
        coefficients_saisonniers(SERIE, 4, methode="additive")
    with pytest.raises(SaisieInvalide, match="période saisonnière"):
        coefficients_saisonniers(SERIE, 1)
    # French typing is read
    assert tendance_lineaire(["1 000,50", "1 100,50"]).a == 100


def test_a_straight_line_has_r_one_and_no_seasonality():
    p = prevoir([1000 + 50 * i for i in range(24)], horizon=12)
    assert p.tendance.r == 1
    assert all(abs(c - 1) < Decimal("1e-20") for c in p.coefficients)
    # x = 25 : 1 000 + 50 × 24 = 2 200
    assert p.previsions[0] == Decimal("2200.00")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(500, 5000), min_size=24, max_size=36),
    st.integers(2, 9),
    st.sampled_from(["tendance", "moyennes_mobiles"]),
)
def test_coefficients_average_one_and_scaling_the_series_scales_the_forecast(valeurs, k, methode):
    try:
        p = prevoir(valeurs, horizon=12, methode=methode)
    except SaisieInvalide as err:  # a trend falling below zero: refused, in French
        assert "modèle multiplicatif ne s'applique pas" in str(err)
        assume(False)
    assert abs(sum(p.coefficients) - 12) < Decimal("1e-20")
    double = prevoir([v * k for v in valeurs], horizon=12, methode=methode)
    assert double.coefficients == pytest.approx(p.coefficients)
    for simple, multiple in zip(p.previsions, double.previsions, strict=True):
        assert abs(multiple - simple * k) <= Decimal("0.01") * k
