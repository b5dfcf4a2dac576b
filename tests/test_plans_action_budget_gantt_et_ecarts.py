"""Plan d'action commerciale: budget, expected effects, Gantt weeks, écarts prévu/réalisé."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs.plan_action import (
    Action,
    PlanAction,
    decomposer_ecart_ca,
    ecart,
    planning_gantt,
    semaines,
    tableau_de_bord,
)
from widgets.donnees import plans
from widgets.erreurs import ErreurAtelier


def plan_souvenirs() -> PlanAction:
    return PlanAction(
        "Conquête des boutiques de souvenirs",
        date(2026, 5, 4),
        date(2026, 5, 29),
        objectif_ca=Decimal("6000"),
        objectif_nouveaux_clients=8,
        actions=[
            Action(
                "Phoning de prise de rendez-vous", "Léa", "2026-05-04", "2026-05-08", "120", "0", 0
            ),
            Action("Tournée de visites", "Léa", "2026-05-11", "2026-05-22", "1234.5", "4500", 6),
            Action(
                "Présentoirs offerts", "Tuteur", "2026-05-18", "2026-05-29", "600.005", "1800", 2
            ),
        ],
    )


def test_budget_et_effets_attendus():
    p = plan_souvenirs()
    assert p.budget_total == Decimal("1954.51")  # 120 + 1 234,50 + 600,01 (600,005 arrondi)
    assert p.ca_attendu == Decimal("6300.00")
    assert p.nouveaux_clients_attendus == 8
    assert p.remarques() == []


def test_remarques_en_francais():
    p = plan_souvenirs()
    p.objectif_ca = Decimal("7000")
    p.actions[2].responsable = " "
    p.actions[0].debut = date(2026, 5, 1)
    assert p.remarques() == [
        "L'action « Phoning de prise de rendez-vous » déborde de la période du plan.",
        "L'action « Présentoirs offerts » n'a pas de responsable.",
        "Les actions prévues ne suffisent pas à atteindre l'objectif de CA.",
    ]
    assert PlanAction("vide", "2026-01-01", "2026-01-31").remarques() == [
        "Le plan ne contient aucune action."
    ]


def test_dates_incoherentes_refusees():
    with pytest.raises(ErreurAtelier, match="finit avant"):
        Action("X", "Léa", "2026-05-10", "2026-05-01")
    with pytest.raises(ErreurAtelier, match="n'existe pas au calendrier"):
        Action("X", "Léa", "31/04/2026", "2026-05-11")
    with pytest.raises(ErreurAtelier, match="n'est pas une date"):
        Action("X", "Léa", "mai 2026", "2026-05-11")
    # the one French date reader: jj/mm/aaaa is accepted as well as the ISO form
    assert Action("X", "Léa", "10/05/2026", "2026-05-11").debut == date(2026, 5, 10)
    with pytest.raises(ErreurAtelier, match="négatif"):
        Action("X", "Léa", "2026-05-10", "2026-05-11", "-5")


def test_planning_gantt_par_semaine():
    p = plan_souvenirs()
    assert semaines(p.debut, p.fin) == [
        date(2026, 5, 4),
        date(2026, 5, 11),
        date(2026, 5, 18),
        date(2026, 5, 25),
    ]
    assert planning_gantt(p) == [
        ("Phoning de prise de rendez-vous", [True, False, False, False]),
        ("Tournée de visites", [False, True, True, False]),
        ("Présentoirs offerts", [False, False, True, True]),
    ]
    assert p.actions[1].duree_jours == 12


def test_aller_retour_json_du_plan_d_action():
    p = plan_souvenirs()
    plans.enregistrer_plan(p.titre, p.vers_dict(), genre="plan_action")
    relu = PlanAction.depuis_dict(plans.charger_plan(p.titre, genre="plan_action"))
    assert relu == p


def test_ecarts_en_valeur_et_en_pourcentage():
    ca = ecart("CA HT", "6000", "5400")
    assert (ca.ecart, ca.ecart_pct, ca.favorable, ca.appreciation) == (
        Decimal("-600.00"),
        Decimal("-10.00"),
        False,
        "défavorable",
    )
    cout = ecart("Budget", "1954.51", "1800", plus_est_mieux=False)
    # −154,51 / 1 954,51 = −7,905… %
    assert (cout.ecart, cout.ecart_pct, cout.favorable) == (
        Decimal("-154.51"),
        Decimal("-7.91"),
        True,
    )
    assert ecart("Clients", 0, 3).ecart_pct is None
    assert ecart("Clients", 8, 8).appreciation == "conforme"
    lignes = tableau_de_bord([("CA", 100, 130, True), ("Coût", 100, 130, False)])
    assert [(e.ecart_pct, e.appreciation) for e in lignes] == [
        (Decimal("30.00"), "favorable"),
        (Decimal("30.00"), "défavorable"),
    ]


def test_decomposition_de_l_ecart_sur_ca():
    e = decomposer_ecart_ca(1000, 12, 1100, "11.50")
    assert (e.sur_quantite, e.sur_prix, e.total) == (
        Decimal("1200.00"),
        Decimal("-550.00"),
        Decimal("650.00"),
    )


@given(
    qb=st.integers(0, 10_000),
    qr=st.integers(0, 10_000),
    pb=st.decimals("0.01", "500", places=2),
    pr=st.decimals("0.01", "500", places=2),
)
def test_ecart_ca_egale_ca_reel_moins_ca_budgete(qb, qr, pb, pr):
    e = decomposer_ecart_ca(qb, pb, qr, pr)
    assert e.total == qr * pr - qb * pb
