"""Web shop KPIs, acquisition cost, lifetime value, marketplace margin and returns, by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs.ecommerce import (
    cout_acquisition_client,
    cout_acquisition_par_canal,
    cout_des_retours,
    indicateurs_site,
    marge_marketplace,
    valeur_vie_client,
)
from widgets.erreurs import ErreurAtelier


def test_site_funnel_worked_by_hand():
    k = indicateurs_site(12_000, 900, 240, "18 000")
    assert k.taux_conversion == D("2.00")  # 240 / 12 000 = 0,02 → 2 %
    assert k.taux_ajout_panier == D("7.50")  # 900 / 12 000 = 7,5 %
    assert k.taux_abandon_panier == D("73.33")  # 1 − 240 / 900 = 660 / 900 = 73,333… %
    assert k.panier_moyen == D("75.00")  # 18 000 / 240
    assert k.ca_par_visite == D("1.50")  # 18 000 / 12 000


def test_site_rounds_half_up_from_the_exact_figures():
    # 7 orders / 3 000 visits = 0,2333… % → 0,23 ; abandon 1 − 7 / 8 = 12,5 %
    # basket 1 000 / 7 = 142,857… → 142,86 ; per visit 1 000 / 3 000 = 0,3333… → 0,33
    k = indicateurs_site(3_000, 8, 7, 1_000)
    assert k.taux_conversion == D("0.23")
    assert k.taux_abandon_panier == D("12.50")
    assert k.panier_moyen == D("142.86")
    assert k.ca_par_visite == D("0.33")
    # half-up on the cent: 100,25 / 2 = 50,125 → 50,13 (half-even would give 50,12)
    assert indicateurs_site(10, 2, 2, "100,25").panier_moyen == D("50.13")
    # abandon is NOT 100 − conversion: 1 − 1 / 3 = 66,67 % here, 100 − 10 = 90 would be wrong
    assert indicateurs_site(10, 3, 1, 50).taux_abandon_panier == D("66.67")


def test_site_without_carts_or_orders_gives_none_not_a_crash():
    k = indicateurs_site(500, 0, 0, 0)
    assert k.taux_conversion == D("0.00")
    assert k.taux_abandon_panier is None and k.panier_moyen is None


@pytest.mark.parametrize(
    ("args", "champ", "morceau"),
    [
        ((0, 0, 0, 0), "Visites", "au moins 1"),
        ((100, -3, 0, 0), "Paniers", "au moins 0"),
        ((100, 10, 12, 50), "Commandes", "plus de commandes (12) que de paniers (10)"),
        ((100, 120, 12, 50), "Paniers", "plus de paniers (120) que de visites (100)"),
        ((100, 10, 5, "-3"), "Chiffre d'affaires", "négatif"),
        ((100, 10, 0, 80), "Chiffre d'affaires", "sans aucune commande"),
        ((100, "2,5", 1, 8), "Paniers", "entier"),
    ],
)
def test_impossible_site_figures_are_refused_in_french(args, champ, morceau):
    with pytest.raises(ErreurAtelier) as erreur:
        indicateurs_site(*args)
    assert erreur.value.champ == champ
    assert morceau in str(erreur.value)


def test_acquisition_cost_per_channel():
    assert cout_acquisition_client("4 500", 120) == D("37.50")  # 4 500 / 120
    assert cout_acquisition_client(1_000, 3) == D("333.33")  # 333,333…
    assert cout_acquisition_client(D("0.25"), 2) == D("0.13")  # 0,125 → 0,13 half-up
    par_canal = cout_acquisition_par_canal(
        {"site": 3_000, "marketplace": "1 200"}, {"site": 80, "marketplace": 60}
    )
    assert par_canal == {"site": D("37.50"), "marketplace": D("20.00")}  # 3 000/80, 1 200/60
    with pytest.raises(ErreurAtelier, match=r"Nouveaux clients \(site\)"):
        cout_acquisition_par_canal({"site": 100}, {"site": 0})
    with pytest.raises(ErreurAtelier, match="chaque canal"):
        cout_acquisition_par_canal({"site": 100, "téléphone": 5}, {"site": 2})


def test_lifetime_value_built_step_by_step():
    v = valeur_vie_client(60, 4, 3, 35, cout_acquisition=40)
    assert v.ca_annuel == D("240.00")  # 60 × 4
    assert v.marge_annuelle == D("84.00")  # 240 × 35 %
    assert v.valeur_vie_client == D("252.00")  # 84 × 3
    assert v.ratio_vvc_cac == D("6.30")  # 252 / 40
    # each step rounded: 47,90 × 2,5 = 119,75 ; × 33 % = 39,5175 → 39,52 ; × 1,5 = 59,28
    v = valeur_vie_client("47,90", "2,5", "1,5", "33 %")
    assert (v.ca_annuel, v.marge_annuelle, v.valeur_vie_client) == (
        D("119.75"),
        D("39.52"),
        D("59.28"),
    )
    assert v.ratio_vvc_cac is None
    with pytest.raises(ErreurAtelier, match="Taux de marge"):
        valeur_vie_client(60, 4, 3, 135)
    with pytest.raises(ErreurAtelier, match="Coût d'acquisition"):
        valeur_vie_client(60, 4, 3, 35, cout_acquisition=0)


def test_marketplace_margin_against_the_own_site():
    m = marge_marketplace(
        50,
        20,
        15,
        "4,50",
        8,
        "12,50",
        taux_frais_paiement_site="1,8",
        frais_logistiques_site=6,
        cout_acquisition_site=9,
    )
    assert m.commission == D("7.50")  # 50 × 15 %
    assert m.cout_des_retours == D("1.00")  # 8 % × 12,50
    assert m.marge_nette == D("17.00")  # 50 − 20 − 7,50 − 4,50 − 1
    assert m.taux_marge_nette == D("34.00")  # 17 / 50
    assert m.frais_paiement_site == D("0.90")  # 50 × 1,8 %
    assert m.marge_nette_site == D("13.10")  # 50 − 20 − 0,90 − 6 − 9 − 1
    assert m.taux_marge_nette_site == D("26.20")  # 13,10 / 50
    assert m.ecart == D("3.90")
    assert m.canal_le_plus_rentable == "marketplace"


def test_marketplace_rounds_each_fee_to_the_cent():
    # 39,90 × 12 % = 4,788 → 4,79 ; 5 % × 7,30 = 0,365 → 0,37 ; 39,90 − 18,40 − 4,79 − 3,85
    # − 0,37 = 12,49 ; 12,49 / 39,90 = 31,303… % → 31,30. Own site: 39,90 × 1,4 % = 0,5586 →
    # 0,56 ; returns at 2 % × 7,30 = 0,146 → 0,15 ; 39,90 − 18,40 − 0,56 − 4,20 − 2,50 − 0,15
    # = 14,09 → the site earns 1,60 more.
    m = marge_marketplace(
        "39,90",
        "18,40",
        12,
        "3,85",
        5,
        "7,30",
        taux_frais_paiement_site="1,4",
        frais_logistiques_site="4,20",
        cout_acquisition_site="2,50",
        taux_retour_site=2,
    )
    assert (m.commission, m.cout_des_retours, m.marge_nette) == (
        D("4.79"),
        D("0.37"),
        D("12.49"),
    )
    assert m.taux_marge_nette == D("31.30")
    assert (m.frais_paiement_site, m.cout_des_retours_site) == (D("0.56"), D("0.15"))
    assert m.marge_nette_site == D("14.09")
    assert m.ecart == D("-1.60") and m.canal_le_plus_rentable == "site"


def test_marketplace_bad_inputs_name_the_field():
    with pytest.raises(ErreurAtelier, match="Prix de vente HT"):
        marge_marketplace(0, 20, 15)
    with pytest.raises(ErreurAtelier, match="Taux de commission"):
        marge_marketplace(50, 20, 100)
    with pytest.raises(ErreurAtelier, match="Taux de retour"):
        marge_marketplace(50, 20, 15, 4, 120, 3)
    with pytest.raises(ErreurAtelier, match="Frais logistiques"):
        marge_marketplace(50, 20, 15, "-4")


def test_cost_of_returns():
    r = cout_des_retours(1_250, 95, "11,40")
    assert r.taux_retour == D("7.60")  # 95 / 1 250
    assert r.cout_total == D("1083.00")  # 95 × 11,40
    assert r.cout_par_commande == D("0.87")  # 1 083 / 1 250 = 0,8664
    with pytest.raises(ErreurAtelier, match="plus de retours"):
        cout_des_retours(10, 11, 5)
    with pytest.raises(ErreurAtelier, match="Commandes"):
        cout_des_retours(0, 0, 5)


@given(
    visites=st.integers(1, 10**6),
    part_paniers=st.fractions(0, 1),
    part_commandes=st.fractions(0, 1),
    panier=st.decimals(0, 1000, places=2),
)
def test_site_rates_stay_between_0_and_100(visites, part_paniers, part_commandes, panier):
    paniers = int(visites * part_paniers)
    commandes = int(paniers * part_commandes)
    k = indicateurs_site(visites, paniers, commandes, panier * commandes)
    for t in (k.taux_conversion, k.taux_ajout_panier, k.taux_abandon_panier):
        assert t is None or D(0) <= t <= D(100)
    assert k.taux_conversion <= k.taux_ajout_panier
    if commandes:
        assert k.panier_moyen == panier.quantize(D("0.01"))


@given(
    pv=st.decimals(1, 500, places=2),
    commission=st.decimals(0, 50, places=1),
    retour=st.decimals(0, 30, places=1),
)
def test_the_commission_always_lowers_the_marketplace_margin(pv, commission, retour):
    sans = marge_marketplace(pv, pv / 2, 0, 2, retour, 5)
    avec = marge_marketplace(pv, pv / 2, commission, 2, retour, 5)
    assert avec.marge_nette == sans.marge_nette - avec.commission


def test_messages_write_the_numbers_in_french():
    with pytest.raises(
        ErreurAtelier, match="plus de paniers \\(12 000\\) que de visites \\(10 000\\)"
    ):
        indicateurs_site(10_000, 12_000, 0, 0)
