"""Pay plans replayed on a team, sales budget by month and sector, variances to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.calculs import SaisieInvalide
from widgets.calculs.budget import (
    budget_des_ventes,
    budget_force_de_vente,
    ecarts_sur_budget,
    prevision_par_croissance,
)
from widgets.calculs.equipe import (
    ChiffresCommercial,
    appliquer_plan,
    comparer_plans,
    ecart_ca,
    plan_remuneration,
)

EQUIPE = [
    ChiffresCommercial("Morel", Decimal("250000"), Decimal("240000"), Decimal("2000")),
    ChiffresCommercial("Guérin", Decimal("90000"), Decimal("120000"), Decimal("2550")),
]


def test_un_plan_rejoue_sur_l_equipe():
    plan = plan_remuneration("A", taux_commission="3 %", seuil="100 000", prime_objectif=1500)
    r = appliquer_plan(plan, EQUIPE)
    morel, guerin = r.lignes
    # Morel: fixe 2 000 × 12 = 24 000 ; (250 000 − 100 000) × 3 % = 4 500 ; objectif atteint
    # → prime 1 500 ; brut 30 000 ; charges 45 % = 13 500 ; coût 43 500 = 17,40 % du CA.
    assert morel.remuneration.brut == Decimal("30000.00")
    assert morel.remuneration.cout_entreprise == Decimal("43500.00")
    assert (morel.objectif_atteint, morel.cout_pct_ca) == (True, Decimal("17.40"))
    # Guérin: 2 550 × 12 = 30 600 ; CA under the threshold → no commission ; objective
    # missed → no prime ; coût 30 600 × 1,45 = 44 370 = 49,30 % of 90 000.
    assert guerin.remuneration.commission == 0
    assert guerin.remuneration.cout_entreprise == Decimal("44370.00")
    assert guerin.cout_pct_ca == Decimal("49.30")
    # Team: 87 870 / 340 000 = 25,844… → 25,84 %.
    assert (r.cout, r.cout_pct_ca) == (Decimal("87870.00"), Decimal("25.84"))


def test_deux_plans_cote_a_cote():
    a = plan_remuneration("A", taux_commission=3, seuil=100000, prime_objectif=1500)
    b = plan_remuneration(
        "B", fixe_mensuel=1500, tranches=[(100000, 2), (None, 5)], taux_prime_depassement=10
    )
    c = comparer_plans(a, b, EQUIPE)
    # B for Morel: 18 000 + 100 000 × 2 % + 150 000 × 5 % = 2 000 + 7 500 ; prime 10 % of
    # 10 000 = 1 000 → brut 28 500, coût 41 325 ; difference 41 325 − 43 500 = −2 175.
    assert c.b.lignes[0].remuneration.cout_entreprise == Decimal("41325.00")
    assert c.differences[0] == Decimal("-2175.00")
    # B for Guérin: 18 000 + 1 800 = 19 800 → 28 710 ; A was 44 370 → −15 660.
    assert c.differences[1] == Decimal("-15660.00")
    assert c.difference_totale == Decimal("-17835.00")


def test_budget_des_ventes_par_mois_et_par_secteur():
    n_1 = [10000] * 6 + [20000] * 6
    nord = prevision_par_croissance(n_1, "4 %")
    assert nord[0] == Decimal("10400.00") and nord[11] == Decimal("20800.00")
    b = budget_des_ventes({"Nord": nord, "Sud": prevision_par_croissance(n_1, "-2,5")})
    # Sud: 10 000 × 0,975 = 9 750 ; January total 10 400 + 9 750 = 20 150.
    assert b.total_par_mois[0] == Decimal("20150.00")
    # Nord: 6 × 10 400 + 6 × 20 800 = 187 200 ; Sud 6 × 9 750 + 6 × 19 500 = 175 500.
    assert b.total_par_secteur == {"Nord": Decimal("187200.00"), "Sud": Decimal("175500.00")}
    assert b.total == Decimal("362700.00")
    with pytest.raises(SaisieInvalide, match="il faut 12 montants"):
        budget_des_ventes({"Nord": [1, 2, 3]})


def test_ecarts_sur_budget_favorables_et_defavorables():
    b = budget_des_ventes({"Nord": [1000] * 12, "Sud": [2000] * 12})
    reel = {"Nord": [1100] * 12, "Sud": [1950.5] * 12}
    e = ecarts_sur_budget(b, reel)
    nord, sud = e.par_secteur
    # Nord: 13 200 − 12 000 = + 1 200 (+ 10 %), favorable.
    assert (nord.ecart, nord.ecart_pct, nord.appreciation) == (
        Decimal("1200.00"),
        Decimal("10.00"),
        "favorable",
    )
    # Sud: 23 406 − 24 000 = − 594 (− 2,475 % → − 2,48 %), défavorable.
    assert (sud.ecart, sud.ecart_pct, sud.appreciation) == (
        Decimal("-594.00"),
        Decimal("-2.48"),
        "défavorable",
    )
    # January: 3 050,50 − 3 000 = + 50,50.
    assert e.par_mois[0].ecart == Decimal("50.50")
    assert e.total.ecart == Decimal("606.00")


def test_ecart_sur_ca_lu_en_francais():
    # Qb 2 000 × 35 € ; Qr 2 150 × 33,80 € : quantité + 150 × 35 = + 5 250,00 ;
    # prix − 1,20 × 2 150 = − 2 580,00 ; total 72 670 − 70 000 = + 2 670,00.
    e = ecart_ca(2000, 35, 2150, "33,80")
    quantite, prix, total = e.lecture
    assert quantite.startswith("Écart sur quantité : + 5\u202f250,00\xa0€ (favorable)")
    assert "150 unités de plus que prévu" in quantite
    assert prix.startswith("Écart sur prix : − 2\u202f580,00\xa0€ (défavorable)")
    assert "inférieur de 1,20\xa0€" in prix
    assert total.startswith("Écart sur chiffre d'affaires : + 2\u202f670,00\xa0€ (favorable)")
    assert "1 unité de moins" in ecart_ca(2, 10, 1, 10).lecture[0]


def test_budget_de_la_force_de_vente():
    # 43 500 + 30 000 km × 0,60 = 18 000 + 2 400 = 63 900 ; 63 900 / 1 200 000 = 5,325 → 5,33 %.
    f = budget_force_de_vente(
        [("Morel", "43 500", 30000)], 1_200_000, autres_frais_par_commercial=2400
    )
    assert f.total == Decimal("63900.00")
    assert f.pct_ca == Decimal("5.33")
