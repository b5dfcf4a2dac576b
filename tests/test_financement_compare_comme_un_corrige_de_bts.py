"""Issue 22, « The financing comparison (S512) as a BTS corrigé writes it »: amounts HT with
the VAT recoverable (a passenger car apart), the IS saving (interest + depreciation for a
loan, rents for a crédit-bail or an LLD, at the rate the student sets), the residual value of
an owned good and the purchase option, all discounted; the conventions said on screen; an LLD
is no longer named « le moins coûteux » against a loan that leaves the firm a good. And the
consumer credit as a sales argument (S753): crédit affecté, TAEG, total cost, 14-day
withdrawal (C. consom. art. L312-19).

Hand-worked case (annual periods): a good of 10 000 € HT, discount rate 10 %, IS 25 %,
straight-line depreciation over 2 years, resale value 2 000 € at the end of year 2.

Loan 10 000 € at 10 % in 2 annual payments: 1 000 / (1 − 1,1^−2) = 5 761,90 (year 1: interest
1 000,00, principal 4 761,90, remaining 5 238,10; year 2: interest 523,81, payment 5 761,91).
  IS saving year 1: 25 % × (1 000,00 + 5 000) = 1 500,00; year 2: 25 % × (523,81 + 5 000) =
  1 380,95. Book value at the end 0, resale 2 000 − 25 % × 2 000 = 1 500,00 (year 2).
  Net = (5 761,90 − 1 500,00) / 1,1 + (5 761,91 − 1 380,95 − 1 500,00) / 1,21
      = 3 874,4545 + 2 380,9587 = 6 255,41 €.
Crédit-bail: rents 5 000 at t = 0 and t = 1 (in advance), option 1 000 at t = 2.
  IS saving 1 250 in year 1 and year 2; resale 2 000 − 25 % × (2 000 − 1 000) = 1 750.
  Net = 5 000 + (5 000 − 1 250) / 1,1 + (1 000 − 1 250 − 1 750) / 1,21
      = 5 000 + 3 409,0909 − 1 652,8926 = 6 756,20 €.
LLD: rents 5 200 at t = 0 and t = 1; IS saving 1 300 in years 1 and 2; nothing at the end.
  Cash only: 5 200 + 5 200 / 1,1 = 9 927,27 € (less than the loan's 10 000,00 €: the old screen
  named the LLD the cheapest). Net = 5 200 + 3 900 / 1,1 − 1 300 / 1,21 = 7 671,07 €.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from widgets.calculs.finance import comparer_financements, credit_affecte
from widgets.calculs.finance.credit_consommation import _valeur_actuelle

OPTIONS = [
    {"mode": "emprunt", "taux": 10, "periodes": 2, "periodes_par_an": 1},
    {
        "mode": "credit-bail",
        "loyer": 5000,
        "nombre_loyers": 2,
        "option_achat": 1000,
        "periodes_par_an": 1,
    },
    {"mode": "lld", "loyer": 5200, "nombre_loyers": 2, "periodes_par_an": 1},
]


def _comparer(**kw):
    kw.setdefault("valeur_residuelle", 2000)
    kw.setdefault("duree_amortissement", 2)
    return comparer_financements(10000, OPTIONS, 10, **kw)


def test_hand_worked_case_to_the_cent():
    c = _comparer()
    emprunt, bail, lld = c.options
    assert [f[1] for f in emprunt.flux] == [D("5761.90"), D("5761.91")]
    assert [(e[0], e[1]) for e in emprunt.economies_impot] == [(1, D("1500.00")), (2, D("1380.95"))]
    assert emprunt.valeur_residuelle_nette == D("1500.00")
    assert emprunt.cout_actualise == D("10000.00")
    assert emprunt.cout_net_actualise == D("6255.41")
    assert [(e[0], e[1]) for e in bail.economies_impot] == [(1, D("1250.00")), (2, D("1250.00"))]
    assert bail.valeur_residuelle_nette == D("1750.00")
    assert bail.cout_net_actualise == D("6756.20")
    assert lld.cout_actualise == D("9927.27")
    assert lld.valeur_residuelle_nette == D("0.00")
    assert lld.cout_net_actualise == D("7671.07")


def test_the_lld_is_no_longer_the_cheapest_against_a_loan_that_leaves_a_good():
    c = _comparer()
    # cash only, the LLD looks cheaper (9 927,27 < 10 000,00) ...
    assert min(c.options, key=lambda o: o.cout_actualise).nom == "LLD"
    # ... but after tax and residual value the loan wins, by 6 756,20 − 6 255,41 = 500,79 €
    assert c.meilleure.nom == "Emprunt"
    assert (
        "« Emprunt » (coût net actualisé 6 255,41 €, soit 500,79 € de moins que « Crédit-bail »)"
        in (c.recommandation)
    )
    assert "moins coûteux est « LLD »" not in c.recommandation


def test_a_passenger_car_is_taken_ttc_because_its_vat_is_not_recoverable():
    # 12 000 € TTC borrowed: 1 200 / 0,1735537 = 6 914,29; interest 1 200,00 then 628,57
    # (6 285,71 × 10 %), last payment 6 914,28; depreciation 6 000 a year (TTC).
    # IS saving 25 % × 7 200 = 1 800,00 then 25 % × 6 628,57 = 1 657,14; resale 1 500,00.
    # Net = 5 114,29 / 1,1 + 3 757,14 / 1,21 = 4 649,3545 + 3 105,0744 = 7 754,43 €.
    c = _comparer(vehicule_tourisme=True)
    emprunt, bail, lld = c.options
    assert [f[1] for f in emprunt.flux] == [D("6914.29"), D("6914.28")]
    assert emprunt.cout_net_actualise == D("7754.43")
    assert [f[1] for f in bail.flux] == [D("6000.00"), D("6000.00"), D("1200.00")]
    assert [f[1] for f in lld.flux] == [D("6240.00"), D("6240.00")]
    assert any("TVA non récupérable" in x for x in c.conventions)


def test_the_is_rate_is_the_students_and_15_percent_is_mentioned():
    # 15 %: savings 900,00 and 828,57 (15 % × 5 523,81); resale 2 000 − 300 = 1 700.
    # Net = 4 861,90 / 1,1 + 3 233,34 / 1,21 = 4 419,9091 + 2 672,1818 = 7 092,09 €.
    c = _comparer(taux_is="15 %")
    assert c.options[0].cout_net_actualise == D("7092.09")
    assert any("taux réduit 15 %" in x for x in c.conventions)


def test_the_conventions_are_said():
    textes = " ".join(_comparer().conventions)
    for morceau in (
        "Montants hors taxes",
        "loyers en début de période",
        "fin de l'année de la charge",
        "amortissement linéaire du bien sur 2 ans",
        "plus-value",
        "(1 + taux)^(−mois/12)",
    ):
        assert morceau in textes


def test_the_widget_shows_tax_residual_value_and_conventions():
    from widgets.ui.finance import ComparateurFinancements

    c = ComparateurFinancements()
    html = c.zone_resultat._contenu
    assert "Coût net actualisé" in html and "Conventions de calcul" in html
    assert c.resultat.meilleure.nom != "LLD"  # a good worth 9 000 € at the end counts
    c.vehicule_tourisme.value = True
    assert "TVA non récupérable" in c.zone_resultat._contenu


# --- S753: consumer credit as a sales argument -------------------------------------------


def test_consumer_credit_hand_worked():
    # 1 000 € at 12 % (1 % a month), 2 monthly payments: 10 / (1 − 1,01^−2) = 507,51;
    # interest 10,00 then 5,02 (502,49 × 1 %), last 507,51; total due 1 015,02; cost 15,02.
    # At 1 % a month the payments are worth 507,51 × 1,970395 = 999,995 < 1 000: the monthly
    # rate is a hair under 1 %, TAEG ≈ 1,01^12 − 1 = 12,68 %.
    c = credit_affecte(1000, 2, 12, date_acceptation=date(2026, 12, 7))
    assert (c.mensualite, c.derniere_mensualite) == (D("507.51"), D("507.51"))
    assert c.montant_total_du == D("1015.02")
    assert c.cout_total_credit == D("15.02")
    assert c.taeg == D("12.68")
    assert c.fin_retractation == date(2026, 12, 21)  # 7 December + 14 calendar days
    texte = " ".join(c.arguments)
    for article in ("L312-19", "L312-44", "L312-48", "L312-52", "L314-1", "L312-5"):
        assert article in texte
    assert "Un crédit vous engage et doit être remboursé" in texte


def test_consumer_credit_fees_raise_the_taeg_not_the_borrowing_rate():
    c = credit_affecte(1000, 2, 12, frais=20)
    assert c.montant_total_du == D("1035.02") and c.cout_total_credit == D("35.02")
    # 980 € received for two payments of 507,51: the TAEG (32,50 %) brackets the solution
    r = lambda taeg: (1 + taeg / 100) ** (D(1) / 12) - 1  # noqa: E731
    assert _valeur_actuelle([D("507.51")] * 2, r(c.taeg - D("0.01"))) > 980
    assert _valeur_actuelle([D("507.51")] * 2, r(c.taeg + D("0.01"))) < 980
    assert c.taeg == D("32.50")


def test_consumer_credit_widget():
    from widgets.ui.finance import SimulateurCreditAffecte

    s = SimulateurCreditAffecte()
    s.prix.value, s.nombre.value, s.taux.value = "1 000", "2", "12 %"
    assert s.resultat.taeg == D("12.68")
    assert "21/12/2026" in s.zone_resultat._contenu
    s.apport.value = "1 000"
    assert "il n'y a pas de crédit" in s.erreur


@pytest.mark.parametrize("vr", [0, 9000])
def test_cash_figures_are_unchanged(vr):
    options = [
        {"mode": "emprunt", "taux": "4,8 %", "periodes": 48},
        {"mode": "LLD", "loyer": 650, "nombre_loyers": 48},
    ]
    c = comparer_financements("30 000", options, "5 %", valeur_residuelle=vr)
    assert [o.cout_actualise for o in c.options] == [D("29947.49"), D("28401.91")]
