"""The wrong conventions of NDRC bloc 2 give, to the cent, what a student who makes them writes,
and each differs from the right answer (otherwise it could not be recognised)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from widgets.calculs.centre_contact import effectif_erlang_c
from widgets.calculs.ecommerce import indicateurs_site, marge_marketplace
from widgets.calculs.pieges_distance import (
    PIEGES_DISTANCE,
    abandon_complement_de_la_conversion,
    abandon_sur_les_visites,
    conversion_sur_les_sessions,
    conversion_sur_les_visiteurs,
    csat_sur_tous_les_interroges,
    effectif_sans_file_d_attente,
    marge_marketplace_sans_commission,
    nps_moyenne_des_notes,
)
from widgets.calculs.satisfaction import csat, nps
from widgets.erreurs import ErreurAtelier

NOTES_NPS = [10, 9, 9, 8, 7, 7, 6, 5, 3, 10]
NOTES_CSAT = [5] * 6 + [4] * 6 + [3, 2, 1, 2] + [None] * 4
MARKETPLACE = {
    "prix_vente_ht": 50,
    "cout_achat": 20,
    "taux_commission": 15,
    "frais_logistiques": "4,50",
    "taux_retour": 8,
    "cout_retour": "12,50",
}


def test_web_shop_traps_worked_by_hand():
    # 12 000 visits by 8 000 unique visitors, 900 carts, 240 orders
    # right: 240 / 12 000 = 2 % ; on visitors: 240 / 8 000 = 3 %
    assert conversion_sur_les_visiteurs(8_000, 240) == D("3.00")
    assert indicateurs_site(12_000, 900, 240, 18_000).taux_conversion == D("2.00")
    # asked on visitors (3 %), computed on sessions: 2 %
    assert conversion_sur_les_sessions(12_000, 240) == D("2.00")
    # abandon: right 1 − 240 / 900 = 73,33 % ; on visits (900 − 240) / 12 000 = 5,50 % ;
    # 100 − conversion = (12 000 − 240) / 12 000 = 98,00 %
    assert abandon_sur_les_visites(12_000, 900, 240) == D("5.50")
    assert abandon_complement_de_la_conversion(12_000, 900, 240) == D("98.00")
    # marketplace: right 17,00 ; without the 7,50 of commission 24,50
    assert marge_marketplace_sans_commission(**MARKETPLACE) == D("24.50")
    assert marge_marketplace(**MARKETPLACE).marge_nette == D("17.00")


def test_satisfaction_and_staffing_traps_worked_by_hand():
    # NPS +10 ; mean of the scores (10+9+9+8+7+7+6+5+3+10) / 10 = 74 / 10 = 7,40
    assert nps_moyenne_des_notes(NOTES_NPS) == D("7.40")
    assert nps(NOTES_NPS).nps == D("10.00")
    # CSAT 12 / 16 = 75 % ; on all 20 surveyed: 12 / 20 = 60 %
    assert csat_sur_tous_les_interroges(NOTES_CSAT) == D("60.00")
    assert csat(NOTES_CSAT).csat == D("75.00")
    # 200 calls/h × 180 s / 3 600 = 10 erlangs → 10 agents « without queue » ; Erlang C: 14
    assert effectif_sans_file_d_attente(200, 180, 80, 20) == D(10)
    assert effectif_sans_file_d_attente(7, 300) == D(1)  # ⌈0,583⌉
    assert effectif_erlang_c(200, 180, 80, 20).agents == 14


def test_traps_refuse_bad_inputs_in_french():
    with pytest.raises(ErreurAtelier, match="Visiteurs uniques"):
        conversion_sur_les_visiteurs(0, 3)
    with pytest.raises(ErreurAtelier, match="au moins un répondant"):
        nps_moyenne_des_notes([None])


EXEMPLES = {
    "conversion_sur_les_visiteurs": (
        {"visiteurs_uniques": 8_000, "commandes": 240},
        D("2.00"),
    ),
    "conversion_sur_les_sessions": ({"sessions": 12_000, "commandes": 240}, D("3.00")),
    "abandon_sur_les_visites": (
        {"visites": 12_000, "paniers": 900, "commandes": 240},
        D("73.33"),
    ),
    "abandon_complement_de_la_conversion": (
        {"visites": 12_000, "paniers": 900, "commandes": 240},
        D("73.33"),
    ),
    "nps_moyenne_des_notes": ({"notes": NOTES_NPS}, D("10.00")),
    "csat_sur_tous_les_interroges": ({"notes": NOTES_CSAT}, D("75.00")),
    "marge_marketplace_sans_commission": (MARKETPLACE, D("17.00")),
    "effectif_sans_file_d_attente": (
        {"appels_par_heure": 200, "dmt_secondes": 180, "objectif_pct": 80, "delai_secondes": 20},
        D(14),
    ),
}


def test_registry_covers_every_trap_with_a_french_explanation():
    assert set(PIEGES_DISTANCE) == set(EXEMPLES)
    for code, piege in PIEGES_DISTANCE.items():
        assert piege.code == code
        assert piege.famille in {"ecommerce", "centre_contact", "satisfaction"}
        assert len(piege.explication) > 40 and piege.explication.endswith(".")
        assert piege.fonction.__doc__


@pytest.mark.parametrize("code", sorted(EXEMPLES))
def test_each_trap_gives_a_value_different_from_the_right_one(code):
    arguments, juste = EXEMPLES[code]
    faux = PIEGES_DISTANCE[code].fonction(**arguments)
    assert isinstance(faux, D)
    assert faux != juste
