"""The sales-challenge simulator (winners × reward) and the network dashboard from monthly rows
(``ventes_partenaires``: by partner or by month, over a period), worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.calculs import SaisieInvalide
from widgets.calculs.reseau import simuler_challenge, tableau_de_bord_des_ventes

D = Decimal

VENTES = [
    {"partenaire": "A", "mois": "2025-01", "objectif_ht": 10000, "ca_ht": 12000},
    {"partenaire": "B", "mois": "2025-01", "objectif_ht": 8000, "ca_ht": 6000},
    {"partenaire": "C", "mois": "2025-01", "objectif_ht": 5000, "ca_ht": 5000},
    {"partenaire": "A", "mois": "2025-02", "objectif_ht": 10000, "ca_ht": 9000},
    {"partenaire": "B", "mois": "2025-02", "objectif_ht": 8000, "ca_ht": 10000},
]  # C has no row in February (a month without sales)


def test_challenge_rewards_are_winners_times_the_reward() -> None:
    c = simuler_challenge("60 000", 25, 12, "500", "2 000")
    # 12 × 500 = 6 000 € ; coût 8 000 € ; marge 60 000 × 25 % = 15 000 € ; gain 7 000 €
    assert (c.cout_des_recompenses, c.cout_total, c.marge_supplementaire) == (
        D("6000"),
        D("8000"),
        D("15000"),
    )
    # ROI 7 000 / 8 000 = 87,5 % ; payé dès 8 000 / 25 % = 32 000 € de CA en plus
    assert (c.gain_net, c.roi, c.ca_supplementaire_minimal) == (D("7000"), D("87.5"), D("32000"))
    # 7 gagnants × 333,33 € = 2 333,31 € ; marge 10 000 × 20 % = 2 000 € : perte de 333,31 €
    # ROI −333,31 / 2 333,31 = −14,2849… → −14,28 % (pas 1/7 = 14,29 : le coût est arrondi)
    c = simuler_challenge(10000, 20, 7, "333,33")
    assert (c.cout_total, c.gain_net, c.roi) == (D("2333.31"), D("-333.31"), D("-14.28"))


def test_dashboard_by_partner_over_the_whole_period() -> None:
    t = tableau_de_bord_des_ventes(VENTES)
    a, b, c = t.lignes
    # A 21 000 / 20 000 = 105 %, +1 000 € ; B 16 000 / 16 000 = 100 % ; C 5 000 / 5 000
    assert (a.objectif, a.realise, a.taux_de_realisation, a.ecart) == (
        D("20000"),
        D("21000"),
        D("105"),
        D("1000"),
    )
    assert (b.taux_de_realisation, b.ecart, c.taux_de_realisation) == (D("100"), D("0"), D("100"))
    assert [x.rang for x in t.lignes] == [1, 2, 2]
    assert t.classement == ("A", "B", "C")
    # réseau : 42 000 / 41 000 = 102,439 → 102,44 % ; écart +1 000 € = 2,44 % de l'objectif
    assert (t.taux_de_realisation, t.ecart, t.ecart_pct) == (D("102.44"), D("1000"), D("2.44"))


def test_dashboard_of_one_month_and_month_by_month() -> None:
    fevrier = tableau_de_bord_des_ventes(VENTES, premier_mois="2025-02", dernier_mois="2025-2")
    # A 9 000 / 10 000 = 90 % (−1 000 €, −10 %) ; B 10 000 / 8 000 = 125 % ; C absent
    assert [(x.partenaire, x.taux_de_realisation, x.rang) for x in fevrier.lignes] == [
        ("A", D("90"), 2),
        ("B", D("125"), 1),
    ]
    assert (fevrier.lignes[0].ecart, fevrier.lignes[0].ecart_pct) == (D("-1000"), D("-10"))
    par_mois = tableau_de_bord_des_ventes(VENTES, par="mois", partenaire="A")
    # janvier 12 000 / 10 000 = 120 % ; février 90 %
    assert [(x.partenaire, x.taux_de_realisation) for x in par_mois.lignes] == [
        ("2025-01", D("120")),
        ("2025-02", D("90")),
    ]


@pytest.mark.parametrize(
    ("appel", "champ"),
    [
        (lambda: tableau_de_bord_des_ventes(VENTES, premier_mois="mars"), "Premier mois"),
        (lambda: tableau_de_bord_des_ventes(VENTES, "2025-03", "2025-01"), "Par"),
        (
            lambda: tableau_de_bord_des_ventes(
                VENTES, premier_mois="2025-03", dernier_mois="2025-01"
            ),
            "Dernier mois",
        ),
        (lambda: tableau_de_bord_des_ventes(VENTES, premier_mois="2026-01"), "Premier mois"),
        (lambda: simuler_challenge(1000, 20, "deux", 50), "Nombre de gagnants"),
    ],
)
def test_bad_inputs_name_the_field_in_french(appel, champ: str) -> None:
    with pytest.raises(SaisieInvalide) as e:
        appel()
    assert e.value.champ == champ
