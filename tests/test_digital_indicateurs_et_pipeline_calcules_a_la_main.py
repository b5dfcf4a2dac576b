"""Campaign KPIs and the weighted pipeline, worked by hand to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.calculs.digital import (
    Opportunite,
    deplacer,
    etape,
    indicateurs_campagne,
    pipeline,
)


def test_kpis_of_a_campaign_worked_by_hand():
    k = indicateurs_campagne(10_000, 9_600, 2_400, 480, 96, 24, "1 200", "7 500", "3 000")
    assert k.taux_delivrabilite == D("96.00")  # 9 600 / 10 000
    assert k.taux_ouverture == D("25.00")  # 2 400 / 9 600
    assert k.taux_clic == D("5.00")  # 480 / 9 600 (on delivered)
    assert k.taux_reactivite == D("20.00")  # 480 / 2 400 (on opened)
    assert k.taux_conversion == D("5.00")  # 24 / 480
    assert k.cout_par_lead == D("12.50")  # 1 200 / 96
    assert k.cout_acquisition == D("50.00")  # 1 200 / 24
    assert k.resultat == D("1800.00")  # 3 000 − 1 200
    assert k.roi == D("150.00")  # (3 000 − 1 200) / 1 200, on the MARGIN


def test_rates_and_costs_round_half_up_from_the_exact_figures():
    # 7 / 3 000 = 0,2333… % → 0,23 % ; 1 000 / 3 = 333,333… → 333,33 € ; 2 000 / 3 = 666,67 €
    k = indicateurs_campagne(3_000, 3_000, 7, 7, 3, 3, 1_000, 0, 0)
    assert k.taux_ouverture == D("0.23")
    assert k.cout_par_lead == D("333.33")
    k = indicateurs_campagne(8, 8, 8, 8, 3, 3, 2_000, 0, 0)
    assert k.cout_acquisition == D("666.67")
    assert k.roi == D("-100.00")  # no margin: the whole cost is lost


def test_a_rate_on_a_zero_base_is_none_not_a_crash():
    k = indicateurs_campagne(0, 0, 0, 0, 0, 0, 0)
    assert k.taux_ouverture is None and k.cout_par_lead is None and k.roi is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((100, 120, 0, 0, 0, 0, 10), "plus de délivrés"),
        ((100, 100, 50, 120, 0, 0, 10), "plus de clics"),
        ((100, 100, 50, 40, 5, 6, 10), "plus de conversions"),
        ((100, 100, 50, 40, 5, 2, "douze"), "n'est pas un montant"),
        ((100, 100, "2,5", 1, 1, 1, 10), "Messages ouverts"),
    ],
)
def test_impossible_figures_are_refused_in_french(args, message):
    with pytest.raises(SaisieInvalide, match=message):
        indicateurs_campagne(*args)


def _op(i, e, m, p=None, mois=1):
    from widgets.calculs.digital import PROBABILITE_ETAPE

    return Opportunite(
        i,
        f"Affaire {i}",
        e,
        D(m),
        D(PROBABILITE_ETAPE[e] if p is None else p),
        date(2026, mois, 15),
    )


def test_weighted_pipeline_and_forecast_by_month():
    ops = [
        _op(1, "proposition", "10000", mois=1),  # 10 000 × 50 % = 5 000
        _op(2, "négociation", "4000", mois=2),  # 4 000 × 75 % = 3 000
        _op(3, "qualification", "1234.56", mois=2),  # 1 234,56 × 10 % = 123,456 → 123,46
        _op(4, "gagnée", "2500", mois=1),  # won: counted in full
        _op(5, "perdue", "9000", mois=1),  # lost: counted nowhere
    ]
    p = pipeline(ops)
    assert p.montant_ouvert == D("15234.56")
    assert p.pipeline_pondere == D("8123.46")
    assert p.gagne == D("2500")
    assert p.prevision_totale == D("10623.46")
    assert [(m.mois, m.gagne, m.pondere, m.prevision) for m in p.prevision] == [
        ("2026-01", D("2500"), D("5000.00"), D("7500.00")),
        ("2026-02", D("0"), D("3123.46"), D("3123.46")),
    ]
    # the student moves the négociation to gagnée: the forecast rises by 4 000 − 3 000
    p2 = pipeline([deplacer(o, "Gagnée") if o.ident == 2 else o for o in ops])
    assert p2.prevision_totale == D("11623.46")


def test_an_unknown_stage_is_refused_in_french():
    assert etape("  Négociation ") == "négociation"
    with pytest.raises(SaisieInvalide, match="étape « signée » inconnue"):
        etape("signée")


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["qualification", "découverte", "proposition", "négociation", "gagnée", "perdue"]
            ),
            st.decimals(0, 100_000, places=2),
        ),
        max_size=20,
    )
)
def test_forecast_lies_between_won_and_won_plus_open(lignes):
    p = pipeline([_op(i, e, m) for i, (e, m) in enumerate(lignes)])
    assert p.gagne <= p.prevision_totale <= p.gagne + p.montant_ouvert + D("0.01") * len(lignes)
    assert sum(m.prevision for m in p.prevision) == p.prevision_totale
