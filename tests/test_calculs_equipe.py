"""Management de l'équipe commerciale : exemples calculés à la main, au centime."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.calculs.equipe import ecart_ca, entonnoir, remuneration, taille_force_de_vente


def test_force_de_vente_charge_de_travail_arrondie_au_dessus():
    # A : 40 × 12 = 480 ; B : 100 × 6 = 600 ; C : 200 × 2 = 400 → 1 480 visites par an.
    # Un commercial : 4 visites × 200 jours = 800 visites. 1 480 / 800 = 1,85 → 2 commerciaux.
    r = taille_force_de_vente([("A", 40, 12), ("B", 100, 6), ("C", 200, 2)], 4, 200)
    assert r.charge_totale == Decimal(1480)
    assert r.capacite_commercial == Decimal(800)
    assert r.nombre_exact == Decimal("1.85")
    assert r.arrondi == 2
    assert [c.charge for c in r.classes] == [480, 600, 400]


def test_force_de_vente_arrondit_au_dessus_meme_a_4_01():
    # 1 × 4 010 = 4 010 visites ; 5 × 200 = 1 000 par commercial → 4,01 → 5 (et non 4).
    r = taille_force_de_vente([("A", 1, 4010)], "5", "200")
    assert r.nombre_exact == Decimal("4.01")
    assert r.arrondi == 5
    # Division exacte : 1 600 / 800 = 2 → 2, pas 3.
    assert taille_force_de_vente([("A", "1 600", 1)], 4, 200).arrondi == 2


def test_force_de_vente_lit_le_francais():
    # 30 × 2,5 = 75 visites ; 3,5 × 10 = 35 → 75 / 35 = 2,142… → 2,14 ; arrondi 3.
    r = taille_force_de_vente([("B", "30", "2,5")], "3,5", 10)
    assert r.charge_totale == Decimal("75.0")
    assert r.nombre_exact == Decimal("2.14")
    assert r.arrondi == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([], 4, 200), "Classes de clients : indiquez au moins une classe"),
        (([("A", 10, 2)], 0, 200), "Capacité d'un commercial"),
        (([("A", "dix", 2)], 4, 200), "Clients de la classe A : « dix » n'est pas"),
        (([("A", 10, "-2")], 4, 200), "Visites par an de la classe A : « -2 » est négatif"),
        (([("A", "2,5", 2)], 4, 200), "n'est pas un nombre entier"),
    ],
)
def test_force_de_vente_saisies_invalides_en_francais(args, message):
    with pytest.raises(SaisieInvalide, match=message):
        taille_force_de_vente(*args)


def test_remuneration_commission_au_dela_du_seuil():
    # Commission : (60 000 − 20 000) × 5 % = 2 000 € ; brut 1 800 + 2 000 + 150 = 3 950 € ;
    # charges 3 950 × 42 % = 1 659 € ; coût 5 609 €.
    r = remuneration(1800, 60000, taux_commission=5, seuil=20000, primes=150, taux_charges=42)
    assert r.base_commission == Decimal(40000)
    assert r.commission == Decimal("2000.00")
    assert r.brut == Decimal("3950.00")
    assert r.charges_sociales == Decimal("1659.00")
    assert r.cout_entreprise == Decimal("5609.00")


def test_remuneration_sous_le_seuil_pas_de_commission():
    # CA 15 000 < seuil 20 000 : commission 0 ; brut 1 800 ; charges 45 % = 810 ; coût 2 610.
    r = remuneration("1 800", "15 000 €", taux_commission="5 %", seuil="20 000")
    assert r.commission == 0
    assert r.brut == Decimal(1800)
    assert r.charges_sociales == Decimal("810.00")
    assert r.cout_entreprise == Decimal("2610.00")


def test_remuneration_arrondit_la_commission_au_centime():
    # 12 345,67 × 3,5 % = 432,09845 → 432,10 ; brut 1 432,10 ; × 42,5 % = 608,6425 → 608,64.
    r = remuneration(1000, "12 345,67", taux_commission="3,5", taux_charges="42,5")
    assert r.commission == Decimal("432.10")
    assert r.charges_sociales == Decimal("608.64")
    assert r.cout_entreprise == Decimal("2040.74")


def test_remuneration_par_tranches_chaque_taux_sur_sa_part():
    # 30 000 × 2 % = 600 ; (60 000 − 30 000) × 3,5 % = 1 050 ; (80 000 − 60 000) × 5 % = 1 000
    # → 2 650 € (et NON 80 000 × 5 % = 4 000). Brut 1 500 + 2 650 = 4 150 ; charges 45 % :
    # 1 867,50 ; coût 6 017,50.
    r = remuneration(
        "1 500", "80 000", tranches=[("30 000", 2), ("60 000", "3,5"), (None, 5)], taux_charges=45
    )
    assert r.commission == Decimal("2650.00")
    assert r.charges_sociales == Decimal("1867.50")
    assert r.cout_entreprise == Decimal("6017.50")
    # CA dans la 2e tranche : 600 + 10 000 × 3,5 % = 950.
    r2 = remuneration(0, 40000, tranches=[(30000, 2), (60000, "3,5"), (None, 5)])
    assert r2.commission == Decimal("950.00")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tranches": [(50000, 2)]}, "la dernière tranche doit être sans plafond"),
        ({"tranches": [(50000, 2), (40000, 3), (None, 4)]}, "plafonds des tranches"),
        ({"tranches": []}, "au moins une tranche"),
        ({"taux_commission": "120"}, "Taux de commission : « 120 » est trop grand"),
        ({"primes": "beaucoup"}, "Primes : « beaucoup » n'est pas un montant"),
    ],
)
def test_remuneration_saisies_invalides_en_francais(kwargs, message):
    with pytest.raises(SaisieInvalide, match=message):
        remuneration(1500, 60000, **kwargs)


def test_entonnoir_taux_de_transformation_par_etape():
    # 50 / 200 = 25 % ; 40 / 50 = 80 % ; 12 / 40 = 30 % ; global 12 / 200 = 6 %.
    e = entonnoir(200, 50, 40, 12)
    assert [x.taux_transformation for x in e.etapes] == [None, 25, 80, 30]
    assert e.taux_global == Decimal("6.00")
    # 2 / 3 = 66,666… → 66,67 % ; 1 / 7 = 14,2857… → 14,29 %.
    e2 = entonnoir(7, 3, 2, 1)
    assert e2.etapes[2].taux_transformation == Decimal("66.67")
    assert e2.taux_global == Decimal("14.29")


def test_entonnoir_vide_et_incoherent():
    e = entonnoir(0, 0, 0, 0)
    assert e.taux_global is None and all(x.taux_transformation is None for x in e.etapes)
    with pytest.raises(SaisieInvalide, match="Visites : 60 visites pour 50"):
        entonnoir(200, 50, 60, 10)
    # Chiffres réels d'une période : 60 visites pour 50 rendez-vous → 120 %.
    reel = entonnoir(200, 50, 60, 10, verifier_ordre=False)
    assert reel.etapes[2].taux_transformation == Decimal("120.00")


def test_ecart_ca_decompose_quantite_et_prix():
    # Budget 1 000 × 12 = 12 000 ; réel 1 100 × 11,50 = 12 650.
    # Quantité : (1 100 − 1 000) × 12 = + 1 200 ; prix : (11,50 − 12) × 1 100 = − 550 ; + 650.
    e = ecart_ca(1000, 12, "1 100", "11,50")
    assert (e.ca_budgete, e.ca_reel) == (Decimal("12000.00"), Decimal("12650.00"))
    assert e.sur_quantite == Decimal("1200.00")
    assert e.sur_prix == Decimal("-550.00")
    assert e.total == Decimal("650.00")
    assert (e.appreciation_quantite, e.appreciation_prix, e.appreciation) == (
        "favorable",
        "défavorable",
        "favorable",
    )


def test_ecart_ca_defavorable_et_saisie_invalide():
    # Budget 500 × 40 = 20 000 ; réel 450 × 41 = 18 450 ; quantité − 50 × 40 = − 2 000 ;
    # prix + 1 × 450 = + 450 ; total − 1 550 (défavorable).
    e = ecart_ca(500, 40, 450, 41)
    assert (e.sur_quantite, e.sur_prix, e.total) == (-2000, 450, -1550)
    assert e.appreciation == "défavorable"
    with pytest.raises(SaisieInvalide, match="Quantité réelle"):
        ecart_ca(500, 40, "4,5", 41)


@given(
    qb=st.integers(0, 100_000),
    qr=st.integers(0, 100_000),
    pb=st.integers(0, 1_000_000).map(lambda c: Decimal(c) / 100),
    pr=st.integers(0, 1_000_000).map(lambda c: Decimal(c) / 100),
)
def test_ecart_quantite_plus_ecart_prix_egale_ca_reel_moins_ca_budgete(qb, qr, pb, pr):
    e = ecart_ca(qb, pb, qr, pr)
    assert e.sur_quantite + e.sur_prix == e.total == qr * pr - qb * pb


@given(
    ca=st.integers(0, 500_000_00).map(lambda c: Decimal(c) / 100),
    seuil=st.integers(1, 200_000),
)
def test_une_seule_tranche_au_dela_du_seuil_egale_la_commission_a_seuil(ca, seuil):
    # Tranches (seuil, 0 %), (sans plafond, 4 %) = commission de 4 % au-delà du seuil.
    a = remuneration(1000, ca, taux_commission=4, seuil=seuil)
    b = remuneration(1000, ca, tranches=[(seuil, 0), (None, 4)])
    assert a.commission == b.commission
