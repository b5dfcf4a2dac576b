"""NPS, CSAT, weighted ratings, reviews, churn and retention cohorts, worked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs.satisfaction import (
    cohortes_retention,
    csat,
    delai_moyen_de_reponse,
    note_moyenne_ponderee,
    nps,
    taux_attrition,
    taux_de_reponse_aux_avis,
)
from widgets.erreurs import ErreurAtelier


def test_nps_worked_by_hand():
    # 10, 9, 9, 10 → 4 promoters ; 8, 7, 7 → 3 passives ; 6, 5, 3 → 3 detractors
    # NPS = (4 − 3) / 10 × 100 = +10 points
    r = nps([10, 9, 9, 8, 7, 7, 6, 5, 3, 10])
    assert (r.repondants, r.promoteurs, r.passifs, r.detracteurs) == (10, 4, 3, 3)
    assert (r.part_promoteurs, r.part_passifs, r.part_detracteurs) == (
        D("40.00"),
        D("30.00"),
        D("30.00"),
    )
    assert r.nps == D("10.00")


def test_nps_rounds_once_from_the_counts_and_skips_non_respondents():
    # 7 answers (None = no answer): 3 promoters, 1 detractor → (3 − 1) / 7 = 28,571… → 28,57
    # (the rounded shares 42,86 − 14,29 would give 28,57 too here; 1/3 case below differs)
    r = nps([9, 10, 10, 8, 7, 6, 8, None, ""])
    assert r.repondants == 7 and r.nps == D("28.57")
    # 1 promoter, 2 detractors out of 3 → −33,33 ; all detractors → −100
    assert nps([10, 0, 6]).nps == D("-33.33")
    assert nps(["0", 3]).nps == D("-100.00")


@pytest.mark.parametrize(
    ("notes", "champ", "morceau"),
    [
        ([8, 11], "Note n° 2", "de 0 à 10"),
        ([8, "-1"], "Note n° 2", "de 0 à 10, pas -1"),
        (["7,5"], "Note n° 1", "entier"),
        ([None, None], "Notes", "au moins un répondant"),
        ([], "Notes", "au moins un répondant"),
    ],
)
def test_nps_bad_notes_name_the_field(notes, champ, morceau):
    with pytest.raises(ErreurAtelier) as erreur:
        nps(notes)
    assert erreur.value.champ == champ
    assert morceau in str(erreur.value)


def test_csat_is_over_the_respondents_not_all_surveyed():
    # 20 surveyed, 4 no answer, 16 answers of which 12 are 4 or 5 → 12 / 16 = 75 %
    notes = [5] * 6 + [4] * 6 + [3, 2, 1, 2] + [None] * 4
    r = csat(notes, 4)
    assert (r.interroges, r.repondants, r.satisfaits) == (20, 16, 12)
    assert r.csat == D("75.00")  # not 12 / 20 = 60 %
    assert r.taux_de_reponse == D("80.00")  # 16 / 20
    # on 10, satisfied from 7: 7, 8,5 and 10 of 4 answers → 75 % ; 1 of 3 → 33,33 %
    assert csat([7, "8,5", 10, 6], seuil=7, note_maxi=10).csat == D("75.00")
    assert csat([5, 3, 1]).csat == D("33.33")


def test_csat_bad_inputs():
    with pytest.raises(ErreurAtelier, match="Note n° 2"):
        csat([4, 6])
    with pytest.raises(ErreurAtelier, match="Seuil de satisfaction"):
        csat([4], seuil=6)
    with pytest.raises(ErreurAtelier, match="au moins un répondant"):
        csat([None, None])


def test_weighted_mean_rating():
    # (5×120 + 4×45 + 3×15 + 2×8 + 1×12) / 200 = 853 / 200 = 4,265 → 4,27 (half-up)
    assert note_moyenne_ponderee({5: 120, 4: 45, 3: 15, 2: 8, 1: 12}) == D("4.27")
    # two platforms: (4,6 × 320 + 3,9 × 80) / 400 = 1 784 / 400 = 4,46
    assert note_moyenne_ponderee([("4,6", 320), ("3,9", 80)]) == D("4.46")
    with pytest.raises(ErreurAtelier, match="somme des poids"):
        note_moyenne_ponderee({5: 0, 4: 0})
    with pytest.raises(ErreurAtelier, match=r"Poids \(ligne 2\)"):
        note_moyenne_ponderee([(5, 3), (4, "-2")])


def test_review_response_rate_and_delay():
    assert taux_de_reponse_aux_avis(240, 186) == D("77.50")  # 186 / 240
    assert taux_de_reponse_aux_avis(3, 1) == D("33.33")
    with pytest.raises(ErreurAtelier, match="plus de réponses"):
        taux_de_reponse_aux_avis(10, 12)
    with pytest.raises(ErreurAtelier, match="Avis reçus"):
        taux_de_reponse_aux_avis(0, 0)
    # answered after 1, 2 and 6 days, one unanswered → 9 / 3 = 3 days
    avis = [
        ("01/03/2025", "02/03/2025"),
        ("01/03/2025", "2025-03-03"),
        (date(2025, 3, 1), date(2025, 3, 7)),
        ("05/03/2025", None),
    ]
    assert delai_moyen_de_reponse(avis) == D("3.00")
    # 1 and 2 days → 1,5 ; 0, 0, 1 → 0,333… → 0,33
    assert delai_moyen_de_reponse([("1/1/2025", "2/1/2025"), ("1/1/2025", "3/1/2025")]) == D("1.50")
    trois = [("1/1/2025", "1/1/2025"), ("1/1/2025", "1/1/2025"), ("1/1/2025", "2/1/2025")]
    assert delai_moyen_de_reponse(trois) == D("0.33")
    assert delai_moyen_de_reponse([("1/1/2025", None)]) is None
    with pytest.raises(ErreurAtelier, match="Date de réponse n° 1"):
        delai_moyen_de_reponse([("05/01/2025", "03/01/2025")])


def test_churn_rate():
    assert taux_attrition(1_600, 184) == D("11.50")  # 184 / 1 600
    assert taux_attrition(3, 2) == D("66.67")
    with pytest.raises(ErreurAtelier, match="Clients perdus"):
        taux_attrition(100, 120)
    with pytest.raises(ErreurAtelier, match="Clients en début de période"):
        taux_attrition(0, 0)


def test_monthly_cohorts_worked_by_hand():
    # A: Jan, Mar ; B: Jan (twice) ; C: Feb, Mar ; D: Jan, Feb, Mar
    # cohort 2025-01 = {A, B, D}: Jan 3/3, Feb 1/3 (D), Mar 2/3 (A, D)
    # cohort 2025-02 = {C}: Feb 1/1, Mar 1/1
    factures = [
        ("A", "05/01/2025"),
        ("B", "2025-01-15"),
        ("B", date(2025, 1, 28)),
        ("D", "31/01/2025", "120,00"),
        ("C", "10/02/2025"),
        {"client": "D", "date": "2025-02-03"},
        ("A", "02/03/2025"),
        ("C", "11/03/2025"),
        ("D", "30/03/2025"),
    ]
    t = cohortes_retention(factures)
    assert [ligne.cohorte for ligne in t.lignes] == ["2025-01", "2025-02"]
    janvier, fevrier = t.lignes
    assert janvier.effectif == 3 and janvier.actifs == (3, 1, 2)
    assert janvier.retention == (D("100.00"), D("33.33"), D("66.67"))
    assert fevrier.effectif == 1 and fevrier.retention == (D("100.00"), D("100.00"))
    assert t.nombre_de_periodes == 3


def test_cohorts_by_quarter_and_year_cross_the_new_year():
    factures = [("A", "20/12/2024"), ("A", "03/01/2025"), ("B", "15/11/2024")]
    t = cohortes_retention(factures, "trimestre")
    assert [(lig.cohorte, lig.actifs) for lig in t.lignes] == [("2024-T4", (2, 1))]
    t = cohortes_retention(factures, "annee")
    assert [(lig.cohorte, lig.retention) for lig in t.lignes] == [
        ("2024", (D("100.00"), D("50.00")))
    ]
    assert cohortes_retention([]).lignes == ()
    with pytest.raises(ErreurAtelier, match="Période"):
        cohortes_retention(factures, "semaine")
    with pytest.raises(ErreurAtelier, match="Date de la facture n° 2"):
        cohortes_retention([("A", "01/01/2025"), ("B", "31/02/2025")])


@given(st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=1, max_size=200))
def test_nps_lies_between_minus_100_and_100(notes):
    if all(n is None for n in notes):
        return
    r = nps(notes)
    assert D(-100) <= r.nps <= D(100)
    assert r.promoteurs + r.passifs + r.detracteurs == r.repondants
    c = csat(n if n is None else n / 2 for n in notes)
    assert D(0) <= c.csat <= D(100) and D(0) <= c.taux_de_reponse <= D(100)


@given(
    st.lists(
        st.tuples(st.integers(1, 30), st.dates(date(2023, 1, 1), date(2025, 12, 31))),
        min_size=1,
        max_size=80,
    )
)
def test_cohort_retention_starts_at_100_and_never_exceeds_it(factures):
    t = cohortes_retention(factures)
    assert sum(lig.effectif for lig in t.lignes) == len({c for c, _ in factures})
    # brute-force recount: months bought by each customer, first month = cohort
    mois: dict[int, set[int]] = {}
    for client, jour in factures:
        mois.setdefault(client, set()).add(jour.year * 12 + jour.month - 1)
    for ligne in t.lignes:
        assert ligne.retention[0] == D("100.00")
        assert all(D(0) <= r <= D(100) for r in ligne.retention)
        annee, numero = (int(x) for x in ligne.cohorte.split("-"))
        debut = annee * 12 + numero - 1
        membres = [m for m in mois.values() if min(m) == debut]
        assert ligne.actifs == tuple(
            sum(1 for m in membres if debut + k in m) for k in range(len(ligne.actifs))
        )
