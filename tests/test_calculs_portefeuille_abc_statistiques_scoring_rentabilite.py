"""Pure maths of the portfolio analysis (S521, S522): ABC/Pareto, statistics, RFM scoring,
customer P&L, lifetime value and credit risk. Values worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide, arrondi
from widgets.calculs.pareto import analyse_abc, cumul_sans_tri
from widgets.calculs.rentabilite_client import (
    compte_exploitation_client,
    cout_acquisition,
    retour_sur_investissement,
    risque_encours,
    valeur_vie_client,
)
from widgets.calculs.scoring import (
    SEGMENTS,
    bornes_quintiles,
    score_pondere,
    scores_rfm,
    segment_rfm,
)
from widgets.calculs.statistiques import (
    coefficient_de_variation,
    ecart_type,
    mediane,
    moyenne,
    quartiles,
    resume,
)

# ----------------------------------------------------------------------------- ABC


def test_abc_sorts_cumulates_and_cuts_at_80_and_95_percent():
    # given unsorted: 20, 500, 120, 80, 200, 50, 30 (total 1 000)
    clients = [("G", 20), ("A", 500), ("C", 120), ("D", 80), ("B", 200), ("E", 50), ("F", 30)]
    r = analyse_abc(clients)
    assert [ligne.cle for ligne in r.lignes] == ["A", "B", "C", "D", "E", "F", "G"]
    # cumulated: 500 → 50 % ; 700 → 70 % ; 820 → 82 % ; 900 → 90 % ; 950 → 95 % ; 980 ; 1 000
    assert [ligne.part_cumulee for ligne in r.lignes] == [
        Decimal(x) for x in ("50", "70", "82", "90", "95", "98", "100")
    ]
    # C reaches 82 % ≥ 80 % → closes A ; E reaches exactly 95 % → closes B
    assert [ligne.classe for ligne in r.lignes] == ["A", "A", "A", "B", "B", "C", "C"]
    a, b, c = r.classes
    assert (a.effectif, a.ca, a.part_ca, a.part_effectif) == (3, 820, 82, Decimal("42.86"))
    assert (b.effectif, b.ca, b.part_ca) == (2, 130, 13)  # 80 + 50
    assert (c.effectif, c.ca, c.part_ca) == (2, 50, 5)  # 30 + 20
    assert r.classe_de("G") == "C"
    # the wrong method, cumulating in the given order: 20 → 2 %, 520 → 52 %, 640 → 64 % …
    assert cumul_sans_tri(clients)[:3] == (Decimal("2.00"), Decimal("52.00"), Decimal("64.00"))


def test_abc_thresholds_are_parameters_and_read_in_french():
    r = analyse_abc([("x", 600), ("y", 300), ("z", 100)], "70 %", "95,5")
    # x 60 % < 70 → A continues ; y 90 % ≥ 70 → closes A ; z → B (100 % ≥ 95,5 closes B)
    assert [ligne.classe for ligne in r.lignes] == ["A", "A", "B"]
    assert r.seuil_b == Decimal("95.5")


def test_abc_refuses_bad_input_in_french():
    with pytest.raises(SaisieInvalide, match="seuil A < seuil B"):
        analyse_abc([("x", 1)], 95, 80)
    with pytest.raises(SaisieInvalide, match="aucun client"):
        analyse_abc([])
    with pytest.raises(SaisieInvalide, match="total est nul"):
        analyse_abc([("x", 0)])
    with pytest.raises(SaisieInvalide, match="n'est pas un montant"):
        analyse_abc([("x", "beaucoup")])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=60).filter(lambda v: sum(v) > 0))
def test_abc_invariants(valeurs):
    r = analyse_abc([(i, Decimal(v) / 100) for i, v in enumerate(valeurs)])
    cas = [ligne.ca for ligne in r.lignes]
    assert cas == sorted(cas, reverse=True)
    assert sum(c.effectif for c in r.classes) == len(valeurs)
    assert sum(c.ca for c in r.classes) == r.total
    assert r.lignes[-1].part_cumulee == 100
    classes = [ligne.classe for ligne in r.lignes]
    assert classes == sorted(classes)  # A's then B's then C's
    assert classes[0] == "A"
    # A holds at least 80 % of the CA, and without its last item it would hold less
    a = [ligne for ligne in r.lignes if ligne.classe == "A"]
    assert a[-1].ca_cumule * 100 >= 80 * r.total or len(a) == len(r.lignes)
    if len(a) > 1:
        assert a[-2].ca_cumule * 100 < 80 * r.total


# ----------------------------------------------------------------------------- statistiques


def test_position_and_dispersion_worked_by_hand():
    ca = [1200, 800, 950, 15000, 1100, 700, 1300, 900, 1000]
    # sorted 700 800 900 950 1000 1100 1200 1300 15000 ; n = 9 ; Σ = 22 950
    assert moyenne(ca) == 2550  # 22 950 / 9
    assert mediane(ca) == 1000  # 5th value
    # Q1 = rank ⌈9/4⌉ = 3 → 900 ; Q3 = rank ⌈27/4⌉ = 7 → 1 200
    assert quartiles(ca) == (900, 1200)
    # Σ(x − 2 550)² = 174 660 000 → σ² = 19 406 666,67 → σ = 4 405,30 ; CV = 172,76 %
    assert arrondi(ecart_type(ca), 2) == Decimal("4405.30")
    assert arrondi(coefficient_de_variation(ca), 2) == Decimal("172.76")
    # spreadsheet's ECARTYPE divides by n − 1 = 8: √(174 660 000 / 8) = √21 832 500 = 4 672,53
    assert arrondi(ecart_type(ca, echantillon=True), 2) == Decimal("4672.53")
    texte = resume(ca).interpretation()
    assert "la moitié fait au plus 1 000,00" in texte.replace("\u202f", " ").replace("\xa0", " ")
    assert "médiane décrit mieux" in texte
    assert "très dispersée" in texte


def test_median_of_an_even_series_and_homogeneous_reading():
    assert mediane([10, 40, 20, 30]) == 25
    r = resume([100, 110, 90, 100])
    # σ = √((0 + 100 + 100 + 0) / 4) = √50 = 7,07 ; CV = 7,07 %
    assert arrondi(r.coefficient_variation, 2) == Decimal("7.07")
    assert "homogène" in r.interpretation("mois")
    assert "par mois" in r.interpretation("mois")
    with pytest.raises(SaisieInvalide, match="vide"):
        moyenne([])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-(10**6), 10**6), min_size=1, max_size=40))
def test_statistics_invariants(valeurs):
    r = resume(valeurs)
    assert r.minimum <= r.q1 <= r.mediane <= r.q3 <= r.maximum
    assert r.minimum <= r.moyenne <= r.maximum
    assert r.ecart_type >= 0


# ----------------------------------------------------------------------------- RFM, scoring


def test_quintile_bounds_and_scores():
    montants = list(range(100, 1001, 100))
    # n = 10: ranks ⌈2⌉, ⌈4⌉, ⌈6⌉, ⌈8⌉ → 200, 400, 600, 800
    assert bornes_quintiles(montants) == (200, 400, 600, 800)
    clients = [(i, 10 * i, 11 - i, m) for i, m in enumerate(montants, 1)]
    r = scores_rfm(clients)
    # montant 100, 200 → 1 ; 300, 400 → 2 ; … ; 900, 1 000 → 5
    assert [c.m for c in r] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    # récence 10 days (most recent) → 5 ; 100 days → 1
    assert [c.r for c in r] == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert r[0].code == "551" and r[0].segment == "Champions"
    assert r[-1].segment == "En hibernation"  # R 1, F 1


def test_equal_values_get_equal_scores():
    r = scores_rfm([(i, 30, 1, 500) for i in range(7)] + [(9, 5, 8, 9000)])
    assert len({(c.r, c.f, c.m) for c in r[:7]}) == 1


def test_every_rf_pair_has_exactly_one_named_segment():
    for r in range(1, 6):
        for f in range(1, 6):
            noms = [nom for nom, rs, fs, _a in SEGMENTS if r in rs and f in fs]
            assert len(noms) == 1, (r, f, noms)
    assert segment_rfm(1, 5) == "À ne pas perdre"


def test_weighted_score_worked_by_hand():
    # (2 × 4 + 1 × 2 + 3 × 5) / (2 + 1 + 3) = 25 / 6 = 4,17
    assert score_pondere({"R": 4, "F": 2, "M": 5}, {"R": 2, "F": 1, "M": 3}) == Decimal("4.17")
    # unweighted mean would be 3,67: the trap of forgetting the weights
    assert score_pondere({"R": 4, "F": 2, "M": 5}, {"R": 1, "F": 1, "M": 1}) == Decimal("3.67")
    with pytest.raises(SaisieInvalide, match="poids non nul"):
        score_pondere({"R": 4}, {"R": 0})


# ----------------------------------------------------------------------------- rentabilité, risque


def test_customer_pnl_worked_by_hand():
    c = compte_exploitation_client(
        "50 000",
        "32 000",
        visites=12,
        cout_visite=85,
        chiffre_affaires_ttc="60 000",
        delai_paiement_jours=45,
        taux_financement="6 %",
        cout_retours=300,
    )
    assert c.marge_brute == Decimal("18000.00")  # 50 000 − 32 000
    assert c.cout_visites == Decimal("1020.00")  # 12 × 85
    assert c.cout_credit == Decimal("450.00")  # 60 000 × 6 % × 45 / 360
    assert c.contribution == Decimal("16230.00")  # 18 000 − 1 020 − 450 − 300
    assert c.taux_contribution == Decimal("32.46")  # 16 230 / 50 000
    assert c.taux_marge_brute == Decimal("36.00")
    assert c.rentable


def test_lifetime_value_acquisition_cost_and_roi():
    v = valeur_vie_client(2000, 3, 10)
    # 2 000 / 1,1 = 1 818,18 ; 2 000 / 1,21 = 1 652,89 ; 2 000 / 1,331 = 1 502,63
    assert v.marges_actualisees == (Decimal("1818.18"), Decimal("1652.89"), Decimal("1502.63"))
    assert v.valeur == Decimal("4973.70")
    # with 80 % fidélité, no discount: 1 000 + 800 + 640 = 2 440
    assert valeur_vie_client(1000, 3, 0, 80).valeur == Decimal("2440.00")
    assert cout_acquisition("3 000", 4) == Decimal("750.00")
    # ROI (4 973,70 − 750) / 750 = 563,16 %
    assert retour_sur_investissement("4973.70", 750) == Decimal("563.16")


def test_encours_against_the_credit_limit():
    assert risque_encours(42000, 50000).alerte == "vigilance"  # 84 % ≥ 80 %
    r = risque_encours(55000, 50000)
    assert (r.alerte, r.taux_utilisation, r.depassement) == ("dépassement", 110, 5000)
    assert risque_encours(10000, 50000).alerte == ""


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 400), min_size=1, max_size=50))
def test_rfm_scores_follow_the_quintile_definition(recences):
    clients = [(i, r, 1 + r % 7, Decimal(r * 3 % 101)) for i, r in enumerate(recences)]
    bornes_m = bornes_quintiles([c[3] for c in clients])
    for (_i, _r, _f, m), score in zip(clients, scores_rfm(clients), strict=True):
        assert score.m == 1 + sum(m > b for b in bornes_m)
        assert 1 <= score.r <= 5 and score.segment == segment_rfm(score.r, score.f)
