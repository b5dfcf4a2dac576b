"""Marges, taux de marge / de marque, coefficients, and the two-figure solver (S513)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import (
    SaisieInvalide,
    marges,
    prix_de_vente,
    resoudre_marges,
    taux_de_marge_depuis_marque,
    taux_de_marque_depuis_marge,
)

D = Decimal


def _chiffres(m) -> tuple:
    return (
        m.cout_achat_ht,
        m.prix_vente_ht,
        m.prix_vente_ttc,
        m.marge,
        m.taux_de_marge,
        m.taux_de_marque,
        m.coefficient,
        m.coefficient_ht,
    )


def test_marges_from_cost_and_price() -> None:
    # coût 100, PV HT 150 : marge 50 ; taux de marge 50/100 = 50 % ; taux de marque 50/150 =
    # 33,333… → 33,33 % ; PV TTC 150 × 1,2 = 180 ; coefficient 180/100 = 1,8 ; HT 1,5
    m = marges("100", "150")
    assert _chiffres(m) == (
        D("100.00"),
        D("150.00"),
        D("180.00"),
        D("50.00"),
        D("50"),
        D("33.33"),
        D("1.8"),
        D("1.5"),
    )
    assert m.etapes[0] == "Marge unitaire = PV HT − coût d'achat HT = 150,00 € − 100,00 € = 50,00 €"
    assert m.avertissements == ()


def test_prix_de_vente_from_taux_de_marque() -> None:
    # coût 80, taux de marque 20 % : PV HT = 80 / 0,8 = 100 ; PV TTC 120 ; taux de marge 25 %
    m = prix_de_vente("80", taux_de_marque="20 %")
    assert (m.prix_vente_ht, m.prix_vente_ttc, m.marge) == (D("100.00"), D("120.00"), D("20.00"))
    assert (m.taux_de_marge, m.taux_de_marque) == (D("25"), D("20"))
    assert (m.coefficient, m.coefficient_ht) == (D("1.5"), D("1.25"))
    assert (
        m.etapes[0] == "PV HT = coût d'achat HT / (1 − taux de marque) = 80,00 € / 0,8 = 100,00 €"
    )


def test_rates_are_derived_from_the_given_rate_not_from_rounded_prices() -> None:
    # coût 100, taux de marque 30 % : PV HT = 100 / 0,7 = 142,857… → 142,86 ;
    # PV TTC = 142,86 × 1,2 = 171,432 → 171,43 ; taux de marge = 30 / 70 = 42,857… → 42,86 % ;
    # coefficient = 1,2 / 0,7 = 1,714285… → 1,7143 ; HT = 1 / 0,7 → 1,4286
    m = prix_de_vente(100, taux_de_marque=30)
    assert _chiffres(m) == (
        D("100.00"),
        D("142.86"),
        D("171.43"),
        D("42.86"),
        D("42.86"),
        D("30"),
        D("1.7143"),
        D("1.4286"),
    )
    # petits montants : coût 1,00 et taux de marque 30 % → PV 1,43 mais taux de marge 42,86 %
    petit = prix_de_vente(1, taux_de_marque=30)
    assert petit.prix_vente_ht == D("1.43")
    assert petit.taux_de_marge == D("42.86")


def test_prix_de_vente_from_taux_de_marge_and_from_coefficients() -> None:
    # coût 60, taux de marge 40 % : PV HT = 60 × 1,4 = 84 ; PV TTC 100,80 ; marque 40/140 = 28,57
    m = prix_de_vente(60, taux_de_marge=40)
    assert (m.prix_vente_ht, m.prix_vente_ttc, m.taux_de_marque) == (
        D("84.00"),
        D("100.80"),
        D("28.57"),
    )
    # coût 25, coefficient (TTC) 2,4 : PV TTC = 60,00 ; PV HT = 60 / 1,2 = 50,00
    m = prix_de_vente(25, coefficient="2,4")
    assert (m.prix_vente_ttc, m.prix_vente_ht, m.coefficient_ht) == (
        D("60.00"),
        D("50.00"),
        D("2"),
    )
    # coût 25, coefficient HT 2, TVA 5,5 % : PV HT 50 ; PV TTC 52,75 ; coefficient 2,11
    m = prix_de_vente(25, coefficient_ht=2, taux_tva="5,5")
    assert (m.prix_vente_ht, m.prix_vente_ttc, m.coefficient) == (
        D("50.00"),
        D("52.75"),
        D("2.11"),
    )


@pytest.mark.parametrize(
    ("connus", "cout", "pv_ht"),
    [
        # PV TTC 180 et taux de marge 50 % : PV HT 150 ; coût 150 / 1,5 = 100
        ({"prix_vente_ttc": 180, "taux_de_marge": 50}, "100.00", "150.00"),
        # PV HT 150, taux de marque 20 % : coût = 150 × 0,8 = 120
        ({"prix_vente_ht": 150, "taux_de_marque": 20}, "120.00", "150.00"),
        # PV HT 150, coefficient 1,8 : PV TTC 180 ; coût 180 / 1,8 = 100
        ({"prix_vente_ht": 150, "coefficient": "1,8"}, "100.00", "150.00"),
        # PV HT 150, marge 40 : coût 110
        ({"prix_vente_ht": 150, "marge": 40}, "110.00", "150.00"),
        # marge 50, taux de marque 25 % : PV HT = 50 / 0,25 = 200 ; coût 150
        ({"marge": 50, "taux_de_marque": 25}, "150.00", "200.00"),
        # marge 50, taux de marge 25 % : coût = 50 / 0,25 = 200 ; PV 250
        ({"marge": 50, "taux_de_marge": 25}, "200.00", "250.00"),
        # marge 30, coefficient HT 1,5 : coût = 30 / 0,5 = 60 ; PV 90
        ({"marge": 30, "coefficient_ht": "1,5"}, "60.00", "90.00"),
        # coût 100, PV TTC 156 : PV HT = 130
        ({"cout_achat_ht": 100, "prix_vente_ttc": 156}, "100.00", "130.00"),
        # coût 40, marge 10 : PV 50
        ({"cout_achat_ht": 40, "marge": 10}, "40.00", "50.00"),
        # champs vides ignorés (formulaire du widget)
        (
            {"cout_achat_ht": "80", "taux_de_marque": "20", "marge": "", "coefficient": None},
            "80.00",
            "100.00",
        ),
    ],
)
def test_resoudre_marges_from_any_two_figures(connus: dict, cout: str, pv_ht: str) -> None:
    m = resoudre_marges(**connus)
    assert (m.cout_achat_ht, m.prix_vente_ht) == (D(cout), D(pv_ht))
    assert m.marge == m.prix_vente_ht - m.cout_achat_ht


def test_consistent_extra_figures_are_accepted() -> None:
    m = resoudre_marges(cout_achat_ht=100, prix_vente_ht=150, taux_de_marque="33,33", marge=50)
    assert m.prix_vente_ttc == D("180.00")
    assert m.donnees == ("cout_achat_ht", "prix_vente_ht", "marge", "taux_de_marque")


@pytest.mark.parametrize(
    ("connus", "champ", "morceau"),
    [
        ({}, "Données", "aucune donnée"),
        ({"cout_achat_ht": 10}, "Données", "seulement le coût d'achat HT"),
        ({"taux_de_marge": 50, "taux_de_marque": 20}, "Données", "ne suffisent pas"),
        ({"coefficient": 2, "taux_de_marge": 50}, "Données", "rapport entre prix et coût"),
        ({"prix_vente_ht": 10, "prix_vente_ttc": 12}, "Données", "deux prix de vente"),
        (
            {"cout_achat_ht": 100, "prix_vente_ht": 150, "taux_de_marque": 40},
            "Taux de marque",
            "serait 33,33 %",
        ),
        ({"cout_achat_ht": 100, "marge": -150}, "Prix de vente HT", "positif"),
        ({"cout_achat_ht": 0, "prix_vente_ht": 10}, "Coût d'achat HT", "plus grand que zéro"),
        ({"cout_achat_ht": "abc", "prix_vente_ht": 10}, "Coût d'achat HT", "n'est pas un montant"),
        ({"cout_achat_ht": 10, "taux_de_marque": 100}, "Taux de marque", "strictement inférieur"),
        ({"cout_achat_ht": 10, "coefficient": "-2"}, "Coefficient multiplicateur", "zéro"),
        ({"cout_achat_ht": 10, "prix_vente_ht": 12, "taux_tva": 150}, "Taux de TVA", "au plus"),
        ({"marge": 10, "taux_de_marge": 0}, "Marge unitaire", "coût d'achat"),
    ],
)
def test_resoudre_marges_errors_are_french(connus: dict, champ: str, morceau: str) -> None:
    with pytest.raises(SaisieInvalide) as info:
        resoudre_marges(**connus)
    assert info.value.champ == champ
    assert morceau in str(info.value).replace("\u00a0", " ")


def test_prix_de_vente_needs_exactly_one_rate() -> None:
    with pytest.raises(SaisieInvalide, match="un seul élément"):
        prix_de_vente(100)
    with pytest.raises(SaisieInvalide, match="un seul élément"):
        prix_de_vente(100, taux_de_marque=20, taux_de_marge=25)
    with pytest.raises(SaisieInvalide, match="Coût d'achat HT"):
        prix_de_vente("", taux_de_marque=20)


def test_selling_below_cost_is_a_warning() -> None:
    # coût 100, PV 90 : marge −10 ; taux de marge −10 % ; taux de marque −11,11 %
    m = marges(100, 90)
    assert (m.marge, m.taux_de_marge, m.taux_de_marque) == (D("-10.00"), D("-10"), D("-11.11"))
    assert "vente à perte" in m.avertissements[0]


def test_rate_converters() -> None:
    assert taux_de_marque_depuis_marge(25) == D("20")
    assert taux_de_marge_depuis_marque("20 %") == D("25")
    assert taux_de_marque_depuis_marge(50, decimales=2) == D("33.33")
    assert taux_de_marge_depuis_marque(30, decimales=2) == D("42.86")
    with pytest.raises(SaisieInvalide, match="Taux de marque"):
        taux_de_marge_depuis_marque(100)


TAUX = st.decimals(min_value=0, max_value=D("95"), places=2)
COUT = st.decimals(min_value=D("0.50"), max_value=D("100000"), places=2)


@given(TAUX)
def test_rate_converters_are_inverse(t: Decimal) -> None:
    assert taux_de_marge_depuis_marque(taux_de_marque_depuis_marge(t)).quantize(D("1e-12")) == t
    assert taux_de_marque_depuis_marge(taux_de_marge_depuis_marque(t)).quantize(D("1e-12")) == t


@given(COUT, TAUX)
def test_price_from_taux_de_marque_is_within_half_a_cent(cout: Decimal, t: Decimal) -> None:
    m = prix_de_vente(cout, taux_de_marque=t)
    assert abs(m.prix_vente_ht - cout / (1 - t / 100)) <= D("0.005")
    # le taux de marge rendu est la conversion exacte du taux de marque, arrondie
    assert m.taux_de_marge == taux_de_marge_depuis_marque(t, decimales=2)
    # et relire ce prix redonne le coût au centime près
    retour = resoudre_marges(prix_vente_ht=m.prix_vente_ht, taux_de_marque=t)
    assert abs(retour.cout_achat_ht - cout) <= D("0.01")


@given(COUT, COUT)
def test_solver_round_trip_through_the_margin_is_exact(cout: Decimal, pv: Decimal) -> None:
    m = marges(cout, pv)
    assert resoudre_marges(prix_vente_ht=pv, marge=m.marge).cout_achat_ht == cout
    assert resoudre_marges(cout_achat_ht=cout, marge=m.marge).prix_vente_ht == pv
