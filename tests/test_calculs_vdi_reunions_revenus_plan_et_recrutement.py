"""Direct-selling networks (VDI, NDRC bloc 3): home parties, mandataire vs acheteur-revendeur
income, the two-level pay plan, the recruitment funnel and attrition, worked by hand to the
cent; and the hostess-gift-on-TTC trap."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.calculs.pieges_reseaux import cadeau_hotesse_sur_le_ttc
from widgets.calculs.vdi import (
    attrition_reseau,
    ca_moyen_par_reunion,
    entonnoir_recrutement,
    plan_de_remuneration_deux_niveaux,
    reunion_a_domicile,
    revenu_vdi,
)

D = Decimal
PROPRIETES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_home_party_on_the_ca_ht() -> None:
    # 960 TTC / 1,20 = 800 HT ≥ 500 : cadeau 10 % = 80 ; commission 25 % = 200 ; 960 / 8 = 120
    r = reunion_a_domicile(960, 10, 25, 500, nombre_de_presents=8)
    assert (r.ca_ht, r.cadeau_hotesse, r.commission_vdi, r.panier_moyen_ttc) == (
        D("800.00"),
        D("80.00"),
        D("200.00"),
        D("120.00"),
    )
    # 576 TTC / 1,20 = 480 HT < 500 : pas de cadeau ; commission 25 % = 120
    r = reunion_a_domicile(576, 10, 25, 500)
    assert (r.seuil_atteint, r.cadeau_hotesse, r.commission_vdi) == (False, D(0), D("120.00"))


def test_average_sales_per_party() -> None:
    # (640 + 910 + 455,50) / 3 = 2 005,50 / 3 = 668,50 ; 1 000 / 3 = 333,333 → 333,33
    assert ca_moyen_par_reunion([640, 910, "455,50"], 3) == D("668.50")
    assert ca_moyen_par_reunion(1000, 3) == D("333.33")
    with pytest.raises(SaisieInvalide, match="^Nombre de réunions : "):
        ca_moyen_par_reunion(1000, 0)


def test_home_party_rounds_each_amount_half_up() -> None:
    # 437,85 / 1,2 = 364,875 → 364,88 ; × 10 % = 36,488 → 36,49 ; × 22 % = 80,2736 → 80,27 ;
    # 437,85 / 7 = 62,55
    r = reunion_a_domicile("437,85", 10, 22, nombre_de_presents=7)
    assert (r.ca_ht, r.cadeau_hotesse, r.commission_vdi, r.panier_moyen_ttc) == (
        D("364.88"),
        D("36.49"),
        D("80.27"),
        D("62.55"),
    )
    # TVA 5,5 % : 211 / 1,055 = 200,00
    assert reunion_a_domicile(211, 10, 20, taux_tva="5,5").ca_ht == D("200.00")


def test_hostess_gift_trap_takes_the_ttc() -> None:
    # sur le TTC : 960 × 10 % = 96 au lieu de 80 ; 576 TTC ≥ 500 → 57,60 au lieu de 0
    assert cadeau_hotesse_sur_le_ttc(960, 10, 500) == D("96.00")
    assert cadeau_hotesse_sur_le_ttc(576, 10, 500) == D("57.60")
    assert reunion_a_domicile(576, 10, 25, 500).cadeau_hotesse == D(0)


def test_income_by_status() -> None:
    # mandataire : 2 000 × 22 % = 440 ; acheteur-revendeur : 2 000 − 1 450 = 550 (27,5 %)
    m = revenu_vdi("mandataire", 2000, 22)
    assert (m.revenu, m.taux_sur_ventes) == (D("440.00"), D(22))
    a = revenu_vdi("acheteur_revendeur", 2000, achats=1450)
    assert (a.revenu, a.taux_sur_ventes) == (D("550.00"), D("27.5"))
    # 1 234,56 × 18,5 % = 228,3936 → 228,39
    assert revenu_vdi("mandataire", "1 234,56", "18,5").revenu == D("228.39")


def test_two_level_pay_plan() -> None:
    # 3 000 × 20 % = 600 ; (1 500 + 2 500) × 4 % = 160 ; total 760
    p = plan_de_remuneration_deux_niveaux(3000, [1500, 2500], 20, 4)
    assert (p.commission_personnelle, p.surcommission, p.total) == (
        D("600.00"),
        D("160.00"),
        D("760.00"),
    )
    # 1 234,56 × 18,5 % = 228,3936 → 228,39 ; (789,01 + 456,78) = 1 245,79 × 3,5 % = 43,60265
    # → 43,60 ; total 271,99
    p = plan_de_remuneration_deux_niveaux("1 234,56", ["789,01", "456,78"], "18,5", "3,5")
    assert (p.ventes_equipe, p.surcommission, p.total) == (
        D("1245.79"),
        D("43.60"),
        D("271.99"),
    )


def test_recruitment_funnel() -> None:
    # 200 → 50 (25 %) → 10 (20 %) → 6 (60 %) ; global 6 / 200 = 3 % ;
    # 15 actifs : 15 × 200 / 6 = 500 contacts ; 7 actifs : 233,33 → 234 (on arrondit au-dessus)
    etapes = {"contacts": 200, "réunions d'information": 50, "recrues": 10, "actifs": 6}
    e = entonnoir_recrutement(etapes, objectif=15)
    assert [x.taux_etape for x in e.etapes] == [None, D(25), D(20), D(60)]
    assert [x.taux_cumule for x in e.etapes] == [None, D(25), D(5), D(3)]
    assert (e.taux_global, e.contacts_necessaires) == (D(3), 500)
    assert entonnoir_recrutement(list(etapes.items()), objectif=7).contacts_necessaires == 234


def test_network_attrition() -> None:
    # 400 + 120 − 90 = 430 ; 90 / 400 = 22,5 % ; 120 / 400 = 30 % ; +30 / 400 = 7,5 %
    a = attrition_reseau(400, 120, 90)
    assert (a.effectif_fin, a.taux_d_attrition, a.taux_de_recrutement, a.croissance_nette) == (
        430,
        D("22.5"),
        D(30),
        D("7.5"),
    )
    # 3 sorties sur 7 : 42,857 → 42,86 % ; fin 5 : −28,57 %
    a = attrition_reseau(7, 1, 3)
    assert (a.taux_d_attrition, a.croissance_nette) == (D("42.86"), D("-28.57"))


@pytest.mark.parametrize(
    ("appel", "champ"),
    [
        (lambda: reunion_a_domicile("neuf cents", 10, 25), "Ventes TTC"),
        (lambda: reunion_a_domicile(960, 110, 25), "Cadeau de l'hôtesse"),
        (lambda: reunion_a_domicile(960, 10, 25, nombre_de_presents="2,5"), "Nombre de présents"),
        (lambda: revenu_vdi("salarié", 2000, 22), "Statut"),
        (lambda: revenu_vdi("acheteur_revendeur", 2000, achats="-5"), "Achats"),
        (
            lambda: plan_de_remuneration_deux_niveaux(3000, [1500, "x"], 20, 4),
            "Ventes de l'équipe (2)",
        ),
        (lambda: entonnoir_recrutement({"contacts": 10, "recrues": 12}), "recrues"),
        (lambda: entonnoir_recrutement({"contacts": 10}), "Étapes"),
        (lambda: attrition_reseau(0, 5, 1), "Effectif au début"),
        (lambda: attrition_reseau(10, 2, 13), "Sorties"),
    ],
)
def test_bad_inputs_name_the_field_in_french(appel, champ: str) -> None:
    with pytest.raises(SaisieInvalide) as err:
        appel()
    assert err.value.champ == champ
    assert str(err.value).startswith(f"{champ} : ")


ventes = st.integers(min_value=0, max_value=10_000_000).map(lambda c: D(c) / 100)


@PROPRIETES
@given(ventes, st.integers(min_value=1, max_value=3000).map(lambda c: D(c) / 100))
def test_gift_on_ht_is_never_above_the_gift_on_ttc(ttc, t_cadeau) -> None:
    juste = reunion_a_domicile(ttc, t_cadeau, 20).cadeau_hotesse
    faux = cadeau_hotesse_sur_le_ttc(ttc, t_cadeau)
    assert juste <= faux
    # écart exact = TTC × taux / 100 × (1 − 1 / 1,2) = TTC × taux / 600 ; dès 2 centimes,
    # les arrondis (au plus 1 centime) ne peuvent plus le cacher
    if ttc * t_cadeau / 600 >= D("0.02"):
        assert juste != faux


@PROPRIETES
@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=2, max_size=6))
def test_funnel_rates_stay_between_zero_and_one_hundred(effectifs) -> None:
    decroissants = sorted(effectifs, reverse=True)
    e = entonnoir_recrutement([(f"étape {i}", n) for i, n in enumerate(decroissants)])
    for etape in e.etapes:
        for t in (etape.taux_etape, etape.taux_cumule):
            assert t is None or 0 <= t <= 100
