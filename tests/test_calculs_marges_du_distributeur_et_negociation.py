"""Distributor margins (S443), seuil de revente à perte, negotiation room (S741), interest."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import (
    Concessions,
    SaisieInvalide,
    interets_simples,
    marge_arriere,
    marge_avant,
    marge_de_manoeuvre,
    prix_triple_net,
    seuil_revente_a_perte,
)
from widgets.calculs.negociation import _chaine, _lire_concessions

D = Decimal


def test_marge_avant() -> None:
    # revente 12,00 HT, net facturé 9,00 : marge 3,00 ; 3/12 = 25 % ; 3/9 = 33,33 %
    m = marge_avant("12", "9,00")
    assert (m.marge_avant, m.taux_de_marque, m.taux_de_marge) == (D("3.00"), D("25"), D("33.33"))


def test_marge_arriere_and_triple_net() -> None:
    # net facturé 10,00 ; 15 % = 1,50 ; triple net 8,50
    m = marge_arriere("10", taux_sur_net_facture="15 %")
    assert (m.montant, m.prix_triple_net, m.taux_sur_net_facture) == (
        D("1.50"),
        D("8.50"),
        D("15"),
    )
    # services : coopération 0,60 + tête de gondole 0,35 = 0,95 sur 7,60 → 12,5 % ; 6,65
    m = marge_arriere(
        "7,60", services=[("Coopération commerciale", "0,60"), ("Tête de gondole", "0,35")]
    )
    assert m.montant == D("0.95")
    assert m.taux_sur_net_facture == D("12.5")
    assert m.prix_triple_net == D("6.65")
    assert prix_triple_net("7,60", m) == D("6.65")
    assert prix_triple_net(10, "1,5") == D("8.50")


@pytest.mark.parametrize(
    ("appel", "champ"),
    [
        (lambda: marge_avant(0, 5), "Prix de revente HT"),
        (lambda: marge_avant(10, "x"), "Net facturé HT"),
        (lambda: marge_arriere(10, taux_sur_net_facture=100), "Marge arrière (taux)"),
        (lambda: marge_arriere(10, services=[("Gondole", 12)]), "Marge arrière"),
        (lambda: marge_arriere(10, services=["Gondole"]), "Service 1"),
        (lambda: prix_triple_net(10, 10), "Marge arrière"),
        (lambda: seuil_revente_a_perte(0), "Net facturé HT"),
        (lambda: seuil_revente_a_perte(2, taxes="-1"), "Taxes"),
    ],
)
def test_distributor_errors_name_the_field(appel, champ: str) -> None:
    with pytest.raises(SaisieInvalide) as info:
        appel()
    assert info.value.champ == champ


def test_seuil_revente_a_perte_with_and_without_egalim() -> None:
    # 2,00 + 0,10 + 0,15 = 2,25 (non alimentaire : SRP 2,25)
    s = seuil_revente_a_perte("2", "0,10", "0,15")
    assert (s.prix_achat_effectif, s.majoration, s.seuil) == (D("2.25"), D("0"), D("2.25"))
    # alimentaire : + 10 % = 0,225 → 0,23 ; SRP 2,48
    s = seuil_revente_a_perte("2", "0,10", "0,15", alimentaire=True)
    assert (s.majoration, s.seuil) == (D("0.23"), D("2.48"))
    assert s.est_revente_a_perte("2,47") is True
    assert s.est_revente_a_perte("2,48") is False
    assert "EGalim" in s.etapes[1]


def test_negotiation_room_worked_example() -> None:
    # catalogue 1 000 ; coût 700 ; taux de marge minimum 20 % → plancher 840
    # remise 5 % = 50 → 950 ; escompte 2 % = 19 → prix net 931
    # port offert 15 ; délai 30 j à 6 % : 931 × 0,06 × 30 / 360 = 4,655 → 4,66
    # recette nette 931 − 15 − 4,66 = 911,34 ; marge restante 211,34 ; reste 71,34
    # remise en plus : 7,70 % → 950 × 7,70 % = 73,15 → 876,85 ; escompte 17,54 → 859,31 ;
    #   délai 4,30 → recette 840,01 ≥ 840 ; à 7,71 % la recette tomberait à 839,91
    m = marge_de_manoeuvre(
        1000,
        700,
        taux_marge_minimum=20,
        concessions=Concessions(
            remise=5, escompte=2, port_offert=15, delai_jours=30, taux_financement=6
        ),
    )
    assert m.prix_plancher == D("840.00")
    assert [(c.libelle, c.cout) for c in m.couts] == [
        ("Remise 5 %", D("50.00")),
        ("Escompte 2 %", D("19.00")),
        ("Port offert", D("15.00")),
        ("Délai de paiement + 30 jours à 6 % par an", D("4.66")),
    ]
    assert m.cout_total_concessions == D("88.66")
    assert m.prix_net == D("931.00")
    assert m.recette_nette == D("911.34")
    assert m.marge_restante == D("211.34")
    assert m.marge_de_manoeuvre_initiale == D("160.00")
    assert m.marge_de_manoeuvre_restante == D("71.34")
    assert m.plancher_franchi is False
    assert m.remise_supplementaire_maxi == D("7.70")
    assert m.remise_supplementaire_maxi_montant == D("73.15")


def test_negotiation_floor_crossed() -> None:
    # catalogue 500, coût 400, plancher 450 ; remise 12 % = 60 → 440 < 450 : franchi de 10
    m = marge_de_manoeuvre("500", "400", prix_plancher="450", concessions={"remise": "12 %"})
    assert m.recette_nette == D("440.00")
    assert m.marge_de_manoeuvre_restante == D("-10.00")
    assert m.plancher_franchi is True
    assert m.remise_supplementaire_maxi == 0
    assert "franchi de 10,00 €" in m.etapes[-1]


def test_negotiation_without_floor_uses_the_cost() -> None:
    # sans plancher : plancher = coût 80 ; catalogue 100 ; remise maxi = 20 %
    m = marge_de_manoeuvre(100, 80)
    assert m.prix_plancher == D("80.00")
    assert m.remise_supplementaire_maxi == D("20.00")


@pytest.mark.parametrize(
    ("arguments", "champ"),
    [
        ({"prix_catalogue": "x", "cout_achat_ht": 5}, "Prix catalogue HT"),
        ({"prix_catalogue": 10, "cout_achat_ht": 0}, "Coût d'achat HT"),
        (
            {"prix_catalogue": 10, "cout_achat_ht": 5, "prix_plancher": 6, "taux_marge_minimum": 5},
            "Prix plancher",
        ),
        (
            {"prix_catalogue": 10, "cout_achat_ht": 5, "concessions": {"remise": 100}},
            "Remise accordée",
        ),
        (
            {"prix_catalogue": 10, "cout_achat_ht": 5, "concessions": {"delai_jours": "2,5"}},
            "Délai supplémentaire (jours)",
        ),
        (
            {"prix_catalogue": 10, "cout_achat_ht": 5, "concessions": {"port_offert": -1}},
            "Port offert",
        ),
    ],
)
def test_negotiation_errors(arguments: dict, champ: str) -> None:
    with pytest.raises(SaisieInvalide) as info:
        marge_de_manoeuvre(**arguments)
    assert info.value.champ == champ


@given(
    prix=st.decimals(min_value=D("10"), max_value=D("100000"), places=2),
    part_cout=st.decimals(min_value=D("0.30"), max_value=D("0.95"), places=2),
    remise=st.decimals(min_value=0, max_value=30, places=2),
    escompte=st.decimals(min_value=0, max_value=5, places=1),
    jours=st.integers(0, 120),
)
def test_max_extra_remise_keeps_the_floor_and_one_more_hundredth_crosses_it(
    prix, part_cout, remise, escompte, jours
) -> None:
    cout = (prix * part_cout).quantize(D("0.01"))
    c = Concessions(remise=remise, escompte=escompte, delai_jours=jours, taux_financement=5)
    m = marge_de_manoeuvre(prix, cout, concessions=c)
    assert m.recette_nette == m.prix_catalogue - m.cout_total_concessions
    assert m.marge_restante == m.recette_nette - m.cout_achat_ht
    if m.plancher_franchi:
        assert m.remise_supplementaire_maxi == 0
        return
    # la remise maximale, appliquée en cascade après la remise accordée, garde la recette au
    # niveau du plancher ; un centième de point de plus la fait passer dessous
    lues = _lire_concessions(c)
    r_max = m.remise_supplementaire_maxi
    assert _chaine(m.prix_catalogue, lues, r_max)[-1] >= m.prix_plancher
    if r_max < D("99.99"):
        assert _chaine(m.prix_catalogue, lues, r_max + D("0.01"))[-1] < m.prix_plancher


def test_interets_simples_commercial_year() -> None:
    # 10 000 × 4 % × 90 / 360 = 100,00 ; 2 500 × 3,5 % × 45 / 360 = 10,9375 → 10,94
    assert interets_simples(10000, 4, 90) == D("100.00")
    assert interets_simples("2 500", "3,5 %", "45") == D("10.94")
    with pytest.raises(SaisieInvalide, match="Nombre de jours"):
        interets_simples(100, 4, "1,5")
