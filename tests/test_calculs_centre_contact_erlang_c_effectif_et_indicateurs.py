"""Contact centre KPIs and Erlang C staffing, worked by hand and against a published example."""

from __future__ import annotations

import math
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.calculs.centre_contact import (
    duree_moyenne_traitement,
    effectif_erlang_c,
    erlang_c,
    niveau_de_service,
    taux_de_decroche,
    taux_occupation,
    taux_resolution_premier_contact,
    trafic_erlangs,
)
from widgets.erreurs import ErreurAtelier


def _erlang_c_par_les_factorielles(agents: int, trafic: Fraction) -> Fraction:
    """Textbook formula, exact fractions (independent of the module's Erlang B recursion):
    C = (A^N / N! × N / (N − A)) / (Σ_{k<N} A^k / k! + A^N / N! × N / (N − A))."""
    dernier = trafic**agents / math.factorial(agents) * agents / (agents - trafic)
    somme = sum(trafic**k / math.factorial(k) for k in range(agents))
    return dernier / (somme + dernier)


def test_activity_kpis_worked_by_hand():
    # (52 000 + 8 000) / 300 = 200 s ; (1 000 + 0) / 3 = 333,333… → 333,33 s
    assert duree_moyenne_traitement("52 000", "8 000", 300) == D("200.00")
    assert duree_moyenne_traitement(1_000, 0, 3) == D("333.33")
    assert taux_de_decroche(1_200, 1_104) == D("92.00")  # 1 104 / 1 200
    assert taux_de_decroche(3, 2) == D("66.67")  # 2 / 3
    assert taux_resolution_premier_contact(450, 333) == D("74.00")  # 333 / 450
    assert taux_occupation(25_200, 20_160) == D("80.00")  # 20 160 / 25 200 (7 h connected)
    assert taux_occupation(8, 1) == D("12.50")  # 1 / 8


@pytest.mark.parametrize(
    ("appel", "champ", "morceau"),
    [
        (lambda: duree_moyenne_traitement(100, 10, 0), "Appels traités", "au moins 1"),
        (lambda: duree_moyenne_traitement("-5", 10, 3), "Temps de communication", "négatif"),
        (lambda: taux_de_decroche(0, 0), "Appels reçus", "au moins 1"),
        (
            lambda: taux_de_decroche(100, 120),
            "Appels décrochés",
            "les appels décrochés (120) ne peuvent pas dépasser les appels reçus (100)",
        ),
        (lambda: taux_resolution_premier_contact(10, 11), "Résolus au premier contact", "dépasser"),
        (lambda: taux_occupation(0, 0), "Temps connecté", "supérieur à zéro"),
        (
            lambda: taux_occupation(100, 120),
            "Temps de traitement",
            "ne peut pas dépasser le temps connecté",
        ),
        (lambda: trafic_erlangs(200, 0), "DMT (secondes)", "supérieure à zéro"),
        (lambda: trafic_erlangs("-1", 180), "Appels par heure", "négatif"),
        (lambda: effectif_erlang_c(200, 180, 100, 20), "Objectif de niveau de service", "100"),
        (lambda: niveau_de_service(10, 200, 180, 20), "Nombre d'agents", "plus d'agents"),
        (lambda: niveau_de_service(0, 200, 180, 20), "Nombre d'agents", "au moins 1"),
        (lambda: erlang_c(3, 5), "Nombre d'agents", "s'allonge sans fin"),
        (lambda: effectif_erlang_c(10**6, 180, 80, 20), "Appels par heure", "trop élevé"),
        (lambda: niveau_de_service(10**6, 200, 180, 20), "Nombre d'agents", "au plus"),
    ],
)
def test_bad_inputs_are_refused_in_french_naming_the_field(appel, champ, morceau):
    with pytest.raises(ErreurAtelier) as erreur:
        appel()
    assert erreur.value.champ == champ
    assert morceau in str(erreur.value)


def test_erlang_c_by_hand_on_a_small_case():
    # 60 calls an hour of 60 s → A = 60 × 60 / 3 600 = 1 erlang ; 2 agents:
    # C = (1² / 2! × 2 / (2 − 1)) / (1 + 1 + 1) = 1 / 3 ; ASA = 1/3 × 60 / (2 − 1) = 20 s ;
    # SL(60 s) = 1 − 1/3 × e^(−(2 − 1) × 60 / 60) = 1 − 0,122626… = 87,74 % ; occupancy 1 / 2.
    assert trafic_erlangs(60, 60) == 1
    n = niveau_de_service(2, 60, 60, 60)
    assert n.probabilite_attente == D("33.33")
    assert n.attente_moyenne == D("20.00")
    assert n.niveau_service == D("87.74")
    assert n.taux_occupation == D("50.00")
    # with t = 0 the service level is just 1 − C = 2 / 3
    assert niveau_de_service(2, 60, 60, 0).niveau_service == D("66.67")


def test_published_example_100_calls_per_half_hour_80_20():
    # callcentrehelper.com « Erlang C formula example » (also pyworkforce's README): 100 calls
    # in 30 min, AHT 180 s, 80 % within 20 s → 14 agents ; waiting probability
    # 0.1741319335950498, service level 0.8883500191794669, occupancy 0.7143.
    # By hand: A = 200/h × 180 / 3 600 = 10 erlangs ; Σ_{k=0}^{13} 10^k/k! = 19 041,096 ;
    # 10^14/14! × 14/4 = 4 014,761 ; C = 4 014,761 / 23 055,857 = 0,174132 ;
    # SL = 1 − 0,174132 × e^(−4 × 20 / 180) = 1 − 0,174132 × 0,641180 = 0,888350 ;
    # ASA = 0,174132 × 180 / 4 = 7,836 s.
    e = effectif_erlang_c(200, 180, 80, 20)
    assert e.agents == 14 and int(e) == 14
    assert e.trafic == D("10.0000")
    assert e.probabilite_attente == D("17.41")
    assert e.niveau_service == D("88.84")
    assert e.attente_moyenne == D("7.84")
    assert e.taux_occupation == D("71.43")
    assert e.agents_sans_file == 10
    assert abs(erlang_c(14, 10) - D("0.1741319335950498")) < D("1e-15")
    # 13 agents reach only 79,56 % (published: 0.795…), hence 14
    assert niveau_de_service(13, 200, 180, 20).niveau_service == D("79.56")
    # the recursion agrees with the factorial formula computed in exact fractions
    exact = _erlang_c_par_les_factorielles(14, Fraction(10))
    assert abs(erlang_c(14, 10) - D(exact.numerator) / D(exact.denominator)) < D("1e-20")


def test_the_target_is_compared_exactly_and_a_target_just_above_needs_one_more_agent():
    assert effectif_erlang_c(200, 180, "88,83", 20).agents == 14  # 88,835… ≥ 88,83
    assert effectif_erlang_c(200, 180, "88,84", 20).agents == 15  # 88,835… < 88,84
    assert effectif_erlang_c(200, 180, 0, 20).agents == 11  # stability alone: N > A


def test_no_call_needs_no_agent_and_fractional_traffic_rounds_up():
    vide = effectif_erlang_c(0, 180, 80, 20)
    assert vide.agents == 0 and vide.niveau_service == D(100)
    # 7 calls/h of 300 s → A = 0,5833 erlang: 1 agent, C = A = 0,5833 ;
    # SL(20) = 1 − 0,5833 × e^(−0,4167 × 20 / 300) = 1 − 0,5833 × 0,97261 = 43,26 % < 80 %
    assert niveau_de_service(1, 7, 300, 20).niveau_service == D("43.26")
    assert effectif_erlang_c(7, 300, 80, 20).agents == 2


@settings(max_examples=40, deadline=None)
@given(
    appels=st.integers(1, 600),
    dmt=st.integers(20, 900),
    delai=st.integers(0, 60),
)
def test_service_level_increases_with_agents_and_erlang_c_needs_more_than_the_traffic(
    appels, dmt, delai
):
    a = trafic_erlangs(appels, dmt)
    premier = math.floor(a) + 1
    niveaux = [niveau_de_service(n, appels, dmt, delai) for n in range(premier, premier + 4)]
    for avant, apres in zip(niveaux, niveaux[1:], strict=False):
        assert avant.niveau_service <= apres.niveau_service
        assert avant.attente_moyenne >= apres.attente_moyenne
    for n in niveaux:
        assert D(0) <= n.niveau_service <= D(100)
        assert D(0) <= n.probabilite_attente <= D(100)
    e = effectif_erlang_c(appels, dmt, 80, delai)
    assert e.agents > a and e.agents >= math.ceil(a) == e.agents_sans_file
    assert e.niveau_service >= D(80)
    if e.agents - 1 > a:
        assert niveau_de_service(e.agents - 1, appels, dmt, delai).niveau_service < D("80.01")


def test_an_unstable_team_is_explained_with_french_numbers():
    # 30 calls/h × 300 s / 3 600 = 2,5 erlangs: 2 agents can never empty the queue
    with pytest.raises(ErreurAtelier, match="avec 2 agents pour un trafic de 2,5 erlangs"):
        niveau_de_service(2, 30, 300, 20)


@given(base=st.integers(1, 10**6), part=st.fractions(0, 1))
def test_activity_rates_stay_between_0_and_100(base, part):
    dedans = int(base * part)
    for taux in (
        taux_de_decroche(base, dedans),
        taux_resolution_premier_contact(base, dedans),
        taux_occupation(base, dedans),
    ):
        assert D(0) <= taux <= D(100)
    assert taux_de_decroche(base, base) == D("100.00")
