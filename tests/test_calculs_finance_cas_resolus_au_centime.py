"""Finance et rentabilité : cas résolus à la main (conventions des manuels), au centime."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.calculs.finance import (
    amortissement,
    annuite,
    bfre,
    capitalisation,
    coefficient_degressif,
    comparer_financements,
    cout_complet,
    delai_de_recuperation,
    dso,
    evaluer_action,
    interets_composes,
    jours_30_360,
    roi,
    rotation_stocks,
    seuil_de_rentabilite,
    tableau_emprunt,
    taux_equivalent,
    taux_proportionnel,
    tri,
    valeur_actuelle,
    van,
)
from widgets.calculs.finance.pieges import PIEGES_FINANCE

D = Decimal


# --- Intérêts composés, taux -------------------------------------------------------------


def test_valeur_acquise_et_valeur_actuelle():
    # 10 000 × 1,06^5 = 10 000 × 1,3382255776 = 13 382,255776 → 13 382,26 €.
    assert interets_composes("10 000", "6 %", 5) == D("13382.26")
    # 5 000 × 1,03^10 = 5 000 × 1,343916379 = 6 719,58 €.
    assert interets_composes(5000, 3, 10) == D("6719.58")
    # 10 000 × 1,05^−3 = 10 000 / 1,157625 = 8 638,376 → 8 638,38 €.
    assert valeur_actuelle(10000, "5", 3) == D("8638.38")
    c = capitalisation("10 000", "6 %", 5)
    assert c.interets == D("3382.26")
    assert c.etapes[0] == "Cn = C0 × (1 + i)^n = 10 000,00 € × 1,06^5 = 13 382,26 €"


def test_taux_proportionnel_et_taux_equivalent():
    # 6 % / 12 = 0,5 % ; 1,06^(1/12) − 1 = 0,004867551 → 0,486755 %.
    assert taux_proportionnel("6 %", 12) == D("0.5")
    assert taux_equivalent("6 %", 12) == D("0.486755")
    # 1,08^(1/4) − 1 = 0,01942655 → 1,942655 % par trimestre.
    assert taux_equivalent(8, 4) == D("1.942655")
    # 1 € placé un an au taux équivalent mensuel redonne 1,06 € (à 10^-6 près).
    assert abs((1 + taux_equivalent(6, 12) / 100) ** 12 - D("1.06")) < D("0.000001")


# --- Emprunt ------------------------------------------------------------------------------


def test_annuite_constante_manuel():
    # 10 000 × 0,05 / (1 − 1,05^−4) = 500 / 0,177297525 = 2 820,118 → 2 820,12 €.
    assert annuite(10000, 5, 4) == D("2820.12")
    # 20 000 € à 6 % par an, taux proportionnel 0,5 % par mois, 36 mois :
    # 100 / (1 − 1,005^−36) = 608,438 → 608,44 €.
    assert annuite(20000, taux_proportionnel(6, 12), 36) == D("608.44")
    # Taux nul : 1 200 / 12 = 100 €.
    assert annuite(1200, 0, 12) == D("100.00")


def test_tableau_annuites_constantes_derniere_ligne_absorbe_l_arrondi():
    t = tableau_emprunt("10 000", "5 %", 4)
    # Année 1 : I = 10 000 × 5 % = 500,00 ; A = 2 820,12 − 500 = 2 320,12 ; reste 7 679,88.
    # Année 2 : I = 7 679,88 × 5 % = 383,994 → 383,99 ; A = 2 436,13 ; reste 5 243,75.
    # Année 3 : I = 262,1875 → 262,19 ; A = 2 557,93 ; reste 2 685,82.
    # Année 4 : I = 134,291 → 134,29 ; A = 2 685,82 (le reste) ; annuité 2 820,11.
    attendu = [
        (D("10000"), D("500.00"), D("2320.12"), D("2820.12"), D("7679.88")),
        (D("7679.88"), D("383.99"), D("2436.13"), D("2820.12"), D("5243.75")),
        (D("5243.75"), D("262.19"), D("2557.93"), D("2820.12"), D("2685.82")),
        (D("2685.82"), D("134.29"), D("2685.82"), D("2820.11"), D("0.00")),
    ]
    obtenu = [
        (x.capital_debut, x.interet, x.amortissement, x.annuite, x.capital_fin) for x in t.lignes
    ]
    assert obtenu == attendu
    # Coût du crédit : 500 + 383,99 + 262,19 + 134,29 = 1 280,47 €.
    assert t.total_interets == D("1280.47")


def test_tableau_amortissements_constants():
    # A = 10 000 / 4 = 2 500 ; intérêts 500, 375, 250, 125 ; annuités 3 000, 2 875, 2 750, 2 625.
    t = tableau_emprunt(10000, 5, 4, mode="amortissements constants")
    assert [x.annuite for x in t.lignes] == [D("3000.00"), D("2875.00"), D("2750.00"), D("2625.00")]
    assert t.total_interets == D("1250.00")


def test_tableau_in_fine():
    # Intérêts seuls 3 × 500 puis 10 000 + 500 la dernière année.
    t = tableau_emprunt(10000, 5, 3, mode="in fine")
    assert [x.annuite for x in t.lignes] == [D("500.00"), D("500.00"), D("10500.00")]


@settings(max_examples=60, deadline=None)
@given(
    capital=st.decimals(min_value=100, max_value=1_000_000, places=2),
    taux=st.decimals(min_value=0, max_value=20, places=3),
    periodes=st.integers(min_value=1, max_value=120),
    mode=st.sampled_from(["annuites constantes", "amortissements constants", "in fine"]),
)
def test_les_amortissements_remboursent_exactement_le_capital(capital, taux, periodes, mode):
    t = tableau_emprunt(capital, taux, periodes, mode)
    assert t.total_amortissements == capital
    assert t.lignes[-1].capital_fin == 0
    for a, b in zip(t.lignes, t.lignes[1:], strict=False):
        assert b.capital_debut == a.capital_fin
        assert a.annuite == a.interet + a.amortissement


# --- Financements -------------------------------------------------------------------------


def test_comparer_emprunt_credit_bail_lld():
    options = [
        {"mode": "emprunt", "taux": "4,8 %", "periodes": 48},
        {
            "mode": "crédit-bail",
            "premier_loyer": 3000,
            "loyer": 600,
            "nombre_loyers": 47,
            "option_achat": 1500,
        },
        {"mode": "LLD", "loyer": 650, "nombre_loyers": 48},
    ]
    c = comparer_financements("30 000", options, "5 %")
    emprunt, bail, lld = c.options
    # Crédit-bail : 3 000 + 47 × 600 + 1 500 = 32 700 € ; LLD : 48 × 650 = 31 200 €.
    assert bail.cout_total == D("32700.00")
    assert lld.cout_total == D("31200.00")
    # Emprunt : 1,004^48 = 1,2112066 ; 120 / (1 − 1 / 1,2112066) = 688,164 → 688,16 € par mois.
    assert emprunt.flux[0][1] == annuite(30000, D("0.4"), 48) == D("688.16")
    assert emprunt.cout_total == sum(f[1] for f in emprunt.flux)
    # Actualisé : moins que le total, et l'emprunt à 4,8 % coûte moins que 30 000 € à 5 %.
    assert all(o.cout_actualise < o.cout_total for o in c.options)
    assert emprunt.cout_actualise < D("30000")
    assert c.meilleure is lld
    assert "n'appartient pas" in c.recommandation
    # without a residual value for the owned good, the LLD stays cheapest after tax too
    assert c.recommandation.startswith(
        "Au taux d'actualisation de 5 %, après économies d'impôt (IS à 25 %)"
    )


def test_actualisation_d_un_loyer_unique():
    # Un seul loyer à échoir (t = 0) : coût actualisé = coût total = 1 000 €.
    c = comparer_financements(5000, [{"mode": "lld", "loyer": 1000, "nombre_loyers": 1}], 10)
    assert c.options[0].cout_actualise == D("1000.00")
    # LOA annuelle : premier loyer 1 000 (t = 0), 1 loyer de 2 000 (t = 1), option 500 (t = 2)
    # à 10 % : 1 000 + 2 000 / 1,1 + 500 / 1,21 = 1 000 + 1 818,1818 + 413,2231 = 3 231,40.
    c = comparer_financements(
        5000,
        [
            {
                "mode": "LOA",
                "premier_loyer": 1000,
                "loyer": 2000,
                "nombre_loyers": 1,
                "option_achat": 500,
                "periodes_par_an": 1,
            }
        ],
        10,
    )
    assert c.options[0].cout_actualise == D("3231.40")


# --- Seuil de rentabilité -----------------------------------------------------------------


def test_seuil_point_mort_securite_levier():
    # MCV = 500 000 − 300 000 = 200 000 ; taux 40 % ; SR = 120 000 / 0,40 = 300 000 €.
    # Point mort 300 000 / 500 000 × 360 = 216 j = 7 mois et 6 jours → 6 août.
    # Marge de sécurité 200 000 ; indice 40 % ; levier 500 000 / 200 000 = 2,5.
    s = seuil_de_rentabilite(
        "120 000", chiffre_affaires="500 000", charges_variables="300 000", annee=2025
    )
    assert (s.taux_mcv, s.seuil, s.resultat) == (D("40.00"), D("300000.00"), D("80000.00"))
    assert s.point_mort.libelle == "6 août"
    assert s.point_mort.date == date(2025, 8, 6)
    assert (s.marge_securite, s.indice_securite, s.levier_operationnel) == (
        D("200000.00"),
        D("40.00"),
        D("2.50"),
    )


def test_seuil_avec_taux_de_mcv_seul_et_jour_fractionnaire():
    # SR = 50 000 / 0,35 = 142 857,142… → 142 857,14 €.
    s = seuil_de_rentabilite(50000, "35 %")
    assert s.seuil == D("142857.14")
    assert s.point_mort is None and s.marge_securite is None
    # Avec CA 400 000 : 142 857,14 / 400 000 × 360 = 128,57 j → 129e jour → 9 mai.
    s = seuil_de_rentabilite(50000, "35 %", chiffre_affaires=400000)
    assert s.point_mort_jours == D("128.57")
    assert s.point_mort.libelle == "9 mai"


def test_point_mort_ventes_saisonnieres():
    # SR = 60 000 / 0,30 = 200 000 € ; cumul fin août 190 000 ; il manque 10 000 sur les
    # 20 000 de septembre : 15 jours → 15 septembre.
    ventes = [10, 10, 15, 20, 25, 30, 40, 40, 20, 15, 10, 15]
    s = seuil_de_rentabilite(60000, "30 %", ventes_mensuelles=[v * 1000 for v in ventes])
    assert s.seuil == D("200000.00")
    assert s.point_mort.libelle == "15 septembre"
    assert s.chiffre_affaires == D("250000")


def test_seuil_non_atteint():
    s = seuil_de_rentabilite(300000, "40 %", chiffre_affaires=500000)
    assert s.point_mort is None
    assert s.marge_securite == D("-250000.00")
    assert "perte" in s.etapes[-1]


def test_cout_complet_d_un_salon():
    # 2 400 + 650 + 380 = 3 430 € directs ; + 1 200 € imputés = 4 630 €.
    c = cout_complet({"stand": 2400, "déplacements": 650, "documentation": 380}, {"salaires": 1200})
    assert (c.charges_directes, c.total) == (D("3430.00"), D("4630.00"))


# --- Amortissements -----------------------------------------------------------------------


def test_jours_30_360():
    assert jours_30_360(date(2025, 4, 15), date(2025, 12, 31)) == 256  # 16 + 8 × 30
    assert jours_30_360(date(2025, 1, 1), date(2025, 12, 31)) == 360
    assert jours_30_360(date(2024, 7, 1), date(2025, 6, 30)) == 360


def test_lineaire_prorata_temporis():
    # 12 000 € sur 5 ans, mis en service le 15/04/2025 : 12 000 × 20 % × 256 / 360 = 1 706,67 ;
    # 4 annuités de 2 400 ; 2030 : 12 000 − 1 706,67 − 9 600 = 693,33 €.
    p = amortissement(12000, 5, "linéaire", "15/04/2025", "31/12/2025")
    assert [x.exercice for x in p.lignes] == list(range(2025, 2031))
    assert [x.annuite for x in p.lignes] == [D("1706.67")] + [D("2400.00")] * 4 + [D("693.33")]
    assert p.lignes[-1].vnc == 0


def test_degressif_bascule_au_lineaire():
    # 10 000 € sur 5 ans : taux 20 % × 1,75 = 35 %. 3 500 ; 6 500 × 35 % = 2 275 ;
    # 4 225 × 35 % = 1 478,75 ; 2028 : 1/2 = 50 % > 35 % → 2 746,25 / 2 = 1 373,13 ;
    # 2029 : 1 373,12 (le reste).
    p = amortissement(10000, 5, "dégressif", "01/01/2025", "31/12/2025")
    assert p.taux == D("35.00")
    annuites = [D("3500.00"), D("2275.00"), D("1478.75"), D("1373.13"), D("1373.12")]
    assert [x.annuite for x in p.lignes] == annuites


def test_degressif_prorata_en_mois():
    # Acquis le 15/04 : 9 mois → 10 000 × 35 % × 9/12 = 2 625 € ; puis 7 375 × 35 % = 2 581,25.
    p = amortissement(10000, 5, "degressif", "2025-04-15", "2025-12-31")
    assert [x.annuite for x in p.lignes[:2]] == [D("2625.00"), D("2581.25")]
    assert len(p.lignes) == 5


def test_coefficients_degressifs_et_taux_arrondis():
    assert [coefficient_degressif(n) for n in (3, 4, 5, 6, 7, 10)] == [
        D("1.25"),
        D("1.25"),
        D("1.75"),
        D("1.75"),
        D("2.25"),
        D("2.25"),
    ]
    # 3 ans : 33,33 % × 1,25 = 41,67 % ; 7 ans : 14,2857 % × 2,25 = 32,14 %.
    assert amortissement(9000, 3, "dégressif").taux == D("41.67")
    assert amortissement(7000, 7, "dégressif").taux == D("32.14")


@settings(max_examples=60, deadline=None)
@given(
    valeur=st.decimals(min_value=500, max_value=500_000, places=2),
    duree=st.integers(min_value=3, max_value=12),
    mode=st.sampled_from(["lineaire", "degressif"]),
    mise=st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)),
)
def test_le_plan_amortit_exactement_la_valeur(valeur, duree, mode, mise):
    p = amortissement(valeur, duree, mode, mise, date(2025, 12, 31))
    assert sum(x.annuite for x in p.lignes) == valeur
    assert p.lignes[-1].vnc == 0
    assert all(x.annuite >= 0 for x in p.lignes)


# --- Investissement ----------------------------------------------------------------------


def test_van_tri_delai_roi():
    # 4 000 / 1,08 = 3 703,70 ; / 1,1664 = 3 429,36 ; / 1,259712 = 3 175,33 ;
    # Σ = 10 308,39 ; VAN = 308,39 €.
    v = van("10 000", [4000, 4000, 4000], "8 %")
    assert v.flux_actualises == (D("3703.70"), D("3429.36"), D("3175.33"))
    assert v.valeur == D("308.39")
    # TRI : 4 000 × (1 − (1 + i)^−3) / i = 10 000 → i ≈ 9,7010 %.
    assert abs(tri(10000, [4000] * 3) - D("9.701")) < D("0.001")
    # Cumul 3 000, 7 000, 12 000 : il manque 3 000 sur 5 000 → 0,6 an = 216 j → 2 ans 7 mois 6 j.
    d = delai_de_recuperation(10000, [3000, 4000, 5000])
    assert (d.annees, d.mois, d.jours) == (2, 7, 6)
    assert d.libelle == "2 ans 7 mois et 6 jours"
    assert not delai_de_recuperation(10000, [1000, 1000]).recupere
    # (10 000 − 4 000) / 4 000 = 150 %.
    assert roi(10000, "4 000") == D("150.00")


def test_delai_actualise():
    # Actualisés à 8 % : 2 777,78 ; 3 429,36 ; 3 969,16 → cumul 6 207,14 fin année 2 ;
    # il manque 3 792,86 / 3 969,16 = 0,95558 an × 360 = 344,0 → 345e jour = 11 mois 15 jours.
    d = delai_de_recuperation(10000, [3000, 4000, 5000], "8 %")
    assert d.cumul == (D("2777.78"), D("6207.14"), D("10176.30"))
    assert (d.annees, d.mois, d.jours) == (2, 11, 15)


@settings(max_examples=40, deadline=None)
@given(
    investissement=st.decimals(min_value=1000, max_value=100_000, places=2),
    flux=st.lists(st.decimals(min_value=100, max_value=60_000, places=2), min_size=1, max_size=8),
)
def test_la_van_au_tri_est_presque_nulle(investissement, flux):
    somme = sum(flux)
    # TRI strictly between 0 and 100 %, with a margin for the rounded discounted flows.
    assume(van(investissement, flux, 0).valeur > 1)
    assume(van(investissement, flux, 100).valeur < -1)
    t = tri(investissement, flux)
    # Chaque flux actualisé est arrondi au centime (± 0,005 chacun) et le TRI à 10^-6 % près.
    tolerance = D("0.005") * len(flux) + somme * len(flux) * D("0.00000001") + D("0.01")
    assert abs(van(investissement, flux, t).valeur) <= tolerance


def test_evaluer_une_action_commerciale():
    # Salon 4 000 € ; marges 3 000, 2 500, 1 500 à 8 % : 2 777,78 + 2 143,35 + 1 190,75 = 6 111,88
    # → VAN 2 111,88 € ; ROI (7 000 − 4 000) / 4 000 = 75 %.
    e = evaluer_action(4000, [3000, 2500, 1500], "8 %")
    assert e.van.valeur == D("2111.88")
    assert e.roi == D("75.00")
    assert e.avis.startswith("L'action est rentable : VAN 2 111,88 € au taux de 8 %")


# --- Trésorerie ----------------------------------------------------------------------------


def test_dso_rotation_bfre():
    # 45 000 / 360 000 × 360 = 45 jours ; en année civile 45,6 jours (45 000 / 360 000 × 365).
    assert dso(45000, "360 000") == D("45.0")
    assert dso(45000, 360000, jours=365) == D("45.6")
    # Stock moyen (30 000 + 50 000) / 2 = 40 000 ; 480 000 / 40 000 = 12 fois ; 30 jours.
    r = rotation_stocks(30000, 50000, 480000)
    assert (r.stock_moyen, r.rotation, r.duree_jours) == (D("40000.00"), D("12.00"), D("30.0"))
    # 40 000 + 45 000 − 35 000 = 50 000 € = 30 jours de CA HT (600 000).
    b = bfre(40000, 45000, 35000, ca_ht=600000)
    assert (b.montant, b.jours_de_ca) == (D("50000.00"), D("30.0"))
    assert "ressource" in bfre(1000, 2000, 5000).etapes[-1]


# --- Pièges ---------------------------------------------------------------------------------


def test_pieges_finance_reproduisent_les_erreurs():
    p = PIEGES_FINANCE
    # 6 % / 12 = 0,5 % au lieu de 0,486755 %.
    assert p["taux_proportionnel_au_lieu_d_equivalent"].fonction(6, 12) == D("0.5")
    # Mensualité au taux annuel : 20 000 × 0,06 / (1 − 1,06^−36) = 1 367,79 €, bien loin de 608,44.
    assert p["annuite_taux_annuel"].fonction(20000, 6, 36) == annuite(20000, 6, 36)
    # CA 500 000, coût d'achat 250 000 : taux de marque 50 % → 120 000 / 0,5 = 240 000 ;
    # taux de marge 100 % → 120 000 / 1 = 120 000.
    assert p["seuil_avec_taux_de_marque"].fonction(120000, 500000, 250000) == D("240000.00")
    assert p["seuil_avec_taux_de_marge"].fonction(120000, 500000, 250000) == D("120000.00")
    # 300 000 / 500 000 × 365 = 219 jours au lieu de 216.
    assert p["point_mort_annee_civile"].fonction(120000, 40, 500000) == D(219)
    # Sans prorata : 12 000 / 5 = 2 400 au lieu de 1 706,67.
    fn = p["prorata_oublie"].fonction
    assert fn(12000, 5, "lineaire", "15/04/2025", "31/12/2025") == D("2400.00")
    # Premier flux non actualisé : 4 000 + 3 703,70 + 3 429,36 − 10 000 = 1 133,06.
    assert p["van_premier_flux_non_actualise"].fonction(10000, [4000] * 3, 8) == D("1133.06")
    # 45 000 TTC / 300 000 HT × 360 = 54 jours au lieu de 45.
    assert p["dso_sur_ca_ht"].fonction(45000, 300000) == D("54.0")


# --- Saisies refusées en français --------------------------------------------------------


@pytest.mark.parametrize(
    ("appel", "message"),
    [
        (lambda: interets_composes("-1 000", "6 %", 5), "Capital : « -1 000 » est négatif"),
        (lambda: annuite(10000, "6 %", 0), "Nombre de périodes : « 0 » ne convient pas"),
        (lambda: annuite(10000, "six pour cent", 12), "« six pour cent » n'est pas un taux"),
        (lambda: tableau_emprunt(10000, "150 %", 12), "« 150 % » est trop grand"),
        (lambda: annuite(0, "6 %", 12), "Capital : le montant doit être strictement positif"),
        (lambda: tableau_emprunt(1000, 5, 3, "mensuel"), "n'est pas un mode de remboursement"),
        (lambda: amortissement(9000, 2, "dégressif"), "dégressif demande une durée d'au moins 3"),
        (lambda: amortissement(9000, 5, "lineaire", "32/13/2025"), "n'existe pas au calendrier"),
        (lambda: amortissement(9000, 5, "lineaire", "le 15 avril"), "n'est pas une date"),
        (
            lambda: amortissement(9000, 5, "lineaire", "2024-06-01", "2025-12-31"),
            "la mise en service doit tomber dans l'exercice",
        ),
        (lambda: seuil_de_rentabilite(1000), "donnez le taux de marge sur coût variable"),
        (lambda: seuil_de_rentabilite(1000, "0 %"), "un taux de MCV nul"),
        (
            lambda: seuil_de_rentabilite(1000, chiffre_affaires=100, charges_variables=200),
            "les charges variables dépassent",
        ),
        (lambda: van(10000, [], 8), "donnez au moins un flux"),
        (lambda: dso(1000, 0), "Chiffre d'affaires TTC : le montant doit être strictement"),
        (lambda: dso(1000, 5000, jours=300), "360 jours"),
        (lambda: comparer_financements(1000, [{"mode": "leasing"}]), "n'est pas un mode de"),
        (lambda: tri(10000, [100, 100]), "pas de TRI positif"),
    ],
)
def test_saisies_refusees_avec_un_message_francais(appel, message):
    with pytest.raises(SaisieInvalide, match=message):
        appel()


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3))
def test_le_format_rapide_des_euros_est_celui_de_babel(valeur):
    from widgets.calculs import format_euros
    from widgets.calculs.finance._outils import euros_rapide

    assert euros_rapide(valeur) == format_euros(valeur)


def test_un_nombre_de_jours_exact_n_est_jamais_decale_par_une_division_arrondie():
    # SR = 16 000 / 0,40 = 40 000 € ; 40 000 / 150 000 × 360 = 96 jours tout rond → 6 avril.
    # (40 000 / 150 000 = 0,2666…67 en 28 chiffres, puis × 360 = 96,000…01 : le 97e jour.)
    s = seuil_de_rentabilite(16000, "40 %", chiffre_affaires=150000)
    assert s.point_mort_jours == D("96.00")
    assert s.point_mort.jour_de_l_annee == 96
    assert s.point_mort.libelle == "6 avril"
    # Saisonnier : il manque 10 000 sur les 60 000 de février : 1/6 × 30 = 5 jours → 5 février.
    s = seuil_de_rentabilite(60000, "30 %", ventes_mensuelles=[190000, 60000] + [0] * 10)
    assert s.point_mort.libelle == "5 février"
    # DSO : 0,15 / 72 × 360 = 0,75 jour tout rond → 0,8 (et non 0,7499…9 → 0,7).
    assert dso("0,15", 72) == D("0.8")
    # Durée de stockage : 50 / 24 000 × 360 = 0,75 jour → 0,8.
    assert rotation_stocks(50, 50, 24000).duree_jours == D("0.8")
