"""Issue 22, « VRP vs agent commercial »: the comparison adds, each as an option with its
source, the VRP's indemnité de clientèle (C. trav. L7313-13), the exclusive VRP's guaranteed
minimum (ANI des VRP du 3 octobre 1975: 520 × the hourly SMIC a quarter) and the agent's
end-of-contract indemnity (C. com. L134-12, customarily two years of commissions).

Hand-worked: VRP fixed 24 000 €, 3 %, employer charges 45 %; agent 10 %; CA 500 000 €; each
indemnity = 2 years of commissions over a 5-year contract, i.e. 40 % of a year's commission
provisioned each year.
  VRP: commission 15 000; charges 39 000 × 45 % = 17 550; indemnity 15 000 × 0,4 = 6 000;
       cost 62 550 €.
  Agent: commission 50 000; indemnity 20 000; cost 70 000 €.
  Lines: VRP 34 800 + 0,03 × (1,45 + 0,4) × CA = 34 800 + 0,0555 CA; agent 0,10 × 1,4 × CA =
  0,14 CA; CA* = 34 800 / 0,0845 = 411 834,32 €; agent's cost there: commission 41 183,43 +
  indemnity 16 473,37 = 57 656,80 €; VRP's: 24 000 + 12 355,03 + 16 359,76 + 4 942,01 =
  57 656,80 €.
Without the options the indifference point was 615 929,20 € (34 800 / 0,0565).
"""

from __future__ import annotations

from decimal import Decimal as D

from widgets.calculs.statut import (
    SOURCES,
    agent_commercial,
    cout_statut,
    minimum_garanti_vrp,
    point_indifference,
    vrp,
)


def test_indemnities_as_options_move_the_indifference_point():
    v = vrp(24000, 3, 45, indemnite_clientele_annees=2, duree_contrat_ans=5)
    a = agent_commercial(10, indemnite_annees=2, duree_contrat_ans=5)
    cv, ca_ = cout_statut(v, 500_000), cout_statut(a, 500_000)
    assert (cv.commission, cv.charges, cv.indemnite, cv.cout) == (
        D("15000.00"),
        D("17550.00"),
        D("6000.00"),
        D("62550.00"),
    )
    assert (ca_.commission, ca_.indemnite, ca_.cout) == (
        D("50000.00"),
        D("20000.00"),
        D("70000.00"),
    )
    p = point_indifference(v, a)
    assert p.ca == D("411834.32") and p.cout == D("57656.80")
    assert cout_statut(v, p.ca).cout == D("57656.80")
    assert point_indifference(vrp(24000, 3, 45), agent_commercial(10)).ca == D("615929.20")


def test_the_exclusive_vrps_guaranteed_minimum():
    # 520 × 11,88 = 6 177,60 € a quarter, 24 710,40 € a year
    assert minimum_garanti_vrp("11,88") == D("24710.40")
    # fixed 0, 3 % of 500 000 = 15 000 < 24 710,40: complement 9 710,40; charges 45 % of
    # 24 710,40 = 11 119,68; cost 15 000 + 9 710,40 + 11 119,68 = 35 830,08 €
    c = cout_statut(vrp(0, 3, 45, smic_horaire="11,88"), 500_000)
    assert (c.complement_minimum, c.charges, c.cout) == (
        D("9710.40"),
        D("11119.68"),
        D("35830.08"),
    )
    # above the minimum nothing is added
    assert cout_statut(vrp(24000, 3, 45, smic_horaire="11,88"), 500_000).cout == D("56550.00")


def test_each_option_cites_its_source():
    assert "L7313-13" in SOURCES["indemnite_clientele"]
    assert "L134-12" in SOURCES["indemnite_agent"] and "2 années" in SOURCES["indemnite_agent"]
    assert "3 octobre 1975" in SOURCES["minimum_vrp"] and "520" in SOURCES["minimum_vrp"]


def test_the_widget_offers_the_options_with_their_sources():
    from widgets.ui.equipe_statut import SimulateurStatut

    s = SimulateurStatut(graphique=False)
    assert s.resultat.vrp.cout == D("56550.00")  # options off by default
    s.option_clientele.value = True
    s.option_agent.value = True
    assert s.resultat.point.ca == D("411834.32")
    assert "L7313-13" in s.sources.value and "L134-12" in s.sources.value
    s.option_minimum.value = True
    s.champs["fixe"].value = "0"
    assert s.resultat.vrp.complement_minimum == D("9710.40")
    assert "minimum garanti" in s.zone_resultat._contenu
