"""Partner and franchise networks (NDRC bloc 3): the franchisee's P&L and break-even, a sales
challenge, the channel comparator and the network dashboard, worked by hand to the cent; the
royalties trap and the registry of the bloc 3 traps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.calculs.pieges_reseaux import PIEGES_RESEAUX, redevances_sur_la_marge
from widgets.calculs.reseau import (
    challenge_commercial,
    comparer_canaux,
    franchise,
    point_d_indifference,
    seuil_franchise,
    tableau_de_bord_reseau,
)

D = Decimal
PROPRIETES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_franchise_round_figures() -> None:
    # CA 400 000 ; marge 40 % = 160 000 ; redevances 5 % = 20 000 et 1 % = 4 000 ;
    # droit d'entrée 25 000 / 5 ans = 5 000 ; 160 000 − 24 000 − 90 000 − 5 000 = 41 000 € ;
    # 41 000 / 400 000 = 10,25 %
    f = franchise(400000, 40, 90000, 25000, 5, 1, 5)
    assert (f.marge_brute, f.redevance_exploitation, f.redevance_publicitaire) == (
        D("160000.00"),
        D("20000.00"),
        D("4000.00"),
    )
    assert (f.total_redevances, f.amortissement_droit_d_entree) == (D("24000"), D("5000"))
    assert (f.resultat, f.taux_de_resultat) == (D("41000.00"), D("10.25"))


def test_franchise_rounds_each_line_to_the_cent() -> None:
    # 187 345,67 × 38,5 % = 72 128,08295 → 72 128,08 ; × 4,5 % = 8 430,55515 → 8 430,56 ;
    # × 1,5 % = 2 810,18505 → 2 810,19 ; 30 000 / 7 = 4 285,714 → 4 285,71 ;
    # 72 128,08 − 8 430,56 − 2 810,19 − 52 000 − 4 285,71 = 4 601,62 ; 2,4562 % → 2,46 %
    f = franchise("187 345,67", "38,5", 52000, 30000, "4,5", "1,5", 7)
    assert (f.marge_brute, f.redevance_exploitation, f.redevance_publicitaire) == (
        D("72128.08"),
        D("8430.56"),
        D("2810.19"),
    )
    assert f.amortissement_droit_d_entree == D("4285.71")
    assert (f.resultat, f.taux_de_resultat) == (D("4601.62"), D("2.46"))


def test_break_even_of_the_franchisee() -> None:
    # (90 000 + 25 000 / 5) / (40 % − 5 % − 1 %) = 95 000 / 0,34 = 279 411,7647 → 279 411,76
    assert seuil_franchise(40, 90000, 25000, 5, 1, 5) == D("279411.76")
    # sans redevances ni droit d'entrée : 90 000 / 0,40 = 225 000
    assert seuil_franchise(40, 90000) == D("225000.00")


def test_royalties_trap_takes_the_margin() -> None:
    # sur la marge : 160 000 × 5 % = 8 000 + 160 000 × 1 % = 1 600 = 9 600 € au lieu de 24 000 €
    assert redevances_sur_la_marge(400000, 40, 5, 1) == D("9600.00")
    assert franchise(400000, 40, 90000, 0, 5, 1).total_redevances == D("24000.00")


def test_sales_challenge() -> None:
    # 60 000 × 25 % = 15 000 ; coût 8 000 + 2 000 = 10 000 ; gain 5 000 ; ROI 50 % ;
    # CA minimal 10 000 / 25 % = 40 000
    c = challenge_commercial(60000, 25, 8000, 2000)
    assert (c.marge_supplementaire, c.cout_total, c.gain_net, c.roi) == (
        D("15000.00"),
        D("10000.00"),
        D("5000.00"),
        D(50),
    )
    assert c.ca_supplementaire_minimal == D("40000.00")
    # 18 000 × 22,5 % = 4 050 ; coût 5 250 ; −1 200 ; −1 200 / 5 250 = −22,857 → −22,86 % ;
    # CA minimal 5 250 / 0,225 = 23 333,33
    c = challenge_commercial(18000, "22,5", 4500, 750)
    assert (c.gain_net, c.roi, c.ca_supplementaire_minimal) == (
        D("-1200.00"),
        D("-22.86"),
        D("23333.33"),
    )


def test_channel_comparator() -> None:
    # CA 800 000 : force de vente 60 000 + 2 % = 76 000 (9,5 %) ; agents 10 % = 80 000 ;
    # distributeurs 18 % = 144 000 → force de vente
    c = comparer_canaux(800000, 60000, 2, 10, 18)
    assert [(x.cout, x.cout_pct_ca) for x in c.canaux] == [
        (D("76000.00"), D("9.5")),
        (D("80000.00"), D("10")),
        (D("144000.00"), D("18")),
    ]
    assert c.moins_cher == "Force de vente directe"
    # CA 500 000 : 70 000 (14 %) ; 50 000 (10 %) ; 90 000 → agents
    assert comparer_canaux(500000, 60000, 2, 10, 18).moins_cher == "Agents commerciaux"


def test_point_d_indifference() -> None:
    # 60 000 / (10 % − 2 %) = 750 000 € ; coût 75 000 €
    p = point_d_indifference(60000, 2, 0, 10)
    assert (p.chiffre_affaires, p.cout) == (D("750000.00"), D("75000.00"))
    # 45 000 / 6,5 % = 692 307,6923 → 692 307,69 ; × 9,5 % = 65 769,23055 → 65 769,23
    p = point_d_indifference(45000, 3, 0, "9,5")
    assert (p.chiffre_affaires, p.cout) == (D("692307.69"), D("65769.23"))
    # deux commissions sans fixe : les droites ne se croisent pas
    assert point_d_indifference(0, 10, 0, 18).chiffre_affaires is None


def test_network_dashboard_ranks_on_the_achievement_rate() -> None:
    # A 112 000 / 100 000 = 112 % (+12 000) ; B 72 000 / 80 000 = 90 % (−8 000, −10 %) ;
    # C 45 000 / 50 000 = 90 % (ex aequo avec B) ; D 30 000 / 60 000 = 50 % → rangs 1, 2, 2, 4
    # total 259 000 / 290 000 = 89,31 % ; écart −31 000 = −10,6897 → −10,69 %
    t = tableau_de_bord_reseau(
        [
            {"partenaire": "A", "objectif": 100000, "realise": 112000},
            {"partenaire": "B", "objectif": 80000, "realise": 72000},
            {"partenaire": "C", "objectif": 50000, "realise": 45000},
            {"partenaire": "D", "objectif": 60000, "realise": 30000},
        ]
    )
    assert [ligne.taux_de_realisation for ligne in t.lignes] == [D(112), D(90), D(90), D(50)]
    assert [ligne.ecart for ligne in t.lignes] == [D(12000), D(-8000), D(-5000), D(-30000)]
    assert t.lignes[1].ecart_pct == D(-10)
    assert [ligne.rang for ligne in t.lignes] == [1, 2, 2, 4]
    assert t.classement == ("A", "B", "C", "D")
    assert (t.taux_de_realisation, t.ecart, t.ecart_pct) == (D("89.31"), D(-31000), D("-10.69"))


def test_bloc3_trap_registry() -> None:
    assert set(PIEGES_RESEAUX) == {
        "dv_sur_le_nombre_de_magasins",
        "indice_sur_les_volumes",
        "redevances_sur_la_marge",
        "roi_sans_cannibalisation",
        "cadeau_hotesse_sur_le_ttc",
    }
    for code, piege in PIEGES_RESEAUX.items():
        assert piege.code == code
        assert piege.famille in {"merchandising", "reseau", "vdi"}
        assert len(piege.explication) > 40 and piege.explication.endswith(".")
        assert piege.fonction.__doc__


@pytest.mark.parametrize(
    ("appel", "champ"),
    [
        (lambda: franchise(400000, 120, 90000), "Taux de marge brute"),
        (lambda: franchise("-1", 40, 90000), "Chiffre d'affaires HT"),
        (lambda: franchise(400000, 40, 90000, 25000, 5, 1, 0), "Durée du contrat"),
        (lambda: seuil_franchise(5, 1000, 0, 5, 1), "Taux de marge brute"),
        (lambda: seuil_franchise(40, "beaucoup"), "Charges fixes"),
        (lambda: challenge_commercial(60000, 0, 8000), "Taux de marge"),
        (lambda: comparer_canaux(800000, 60000, 2, "dix", 18), "Commission de l'agent"),
        (lambda: point_d_indifference(60000, 2, 0, "-3"), "Taux du second canal"),
        (
            lambda: tableau_de_bord_reseau([{"partenaire": "A", "objectif": 0, "realise": 5}]),
            "A — objectif",
        ),
        (lambda: tableau_de_bord_reseau("A"), "Partenaire"),
    ],
)
def test_bad_inputs_name_the_field_in_french(appel, champ: str) -> None:
    with pytest.raises(SaisieInvalide) as err:
        appel()
    assert err.value.champ == champ
    assert str(err.value).startswith(f"{champ} : ")


taux_entiers = st.integers(min_value=0, max_value=4000).map(lambda c: D(c) / 100)


@PROPRIETES
@given(
    st.integers(min_value=2000, max_value=6000).map(lambda c: D(c) / 100),
    st.integers(min_value=0, max_value=1000).map(lambda c: D(c) / 100),
    st.integers(min_value=0, max_value=50_000_000).map(lambda c: D(c) / 100),
)
def test_the_franchisee_breaks_even_at_the_threshold(t_marge, t_red, fixes) -> None:
    seuil = seuil_franchise(t_marge, fixes, 0, t_red)
    # au seuil, le résultat est nul à quelques centimes près (chaque ligne est arrondie)
    assert abs(franchise(seuil, t_marge, fixes, 0, t_red).resultat) <= D("0.03")


@PROPRIETES
@given(st.integers(min_value=1, max_value=10_000_000), taux_entiers, taux_entiers)
def test_both_channels_cost_the_same_at_the_indifference_point(fixe, t1, t2) -> None:
    p = point_d_indifference(fixe, t1, 0, t2)
    if t2 <= t1:
        assert p.chiffre_affaires is None
    else:
        c = comparer_canaux(p.chiffre_affaires, fixe, t1, t2, 0)
        assert abs(c.canaux[0].cout - c.canaux[1].cout) <= D("0.01")
