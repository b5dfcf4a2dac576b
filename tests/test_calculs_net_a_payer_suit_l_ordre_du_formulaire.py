"""net_a_payer: worked invoices computed by hand, to the cent, in the formulaire's order."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.calculs import (
    Etape,
    SaisieInvalide,
    net_a_payer,
    remises_en_cascade,
    repartir_au_prorata,
    taux_global_cascade,
)

D = Decimal
MOINS = "\u2212"


def test_cascade_then_escompte_then_port_then_vat_then_acompte() -> None:
    # 10 × 100,00 = 1 000,00
    # remise 10 % : 100,00 → 900,00 ; remise 5 % : 900 × 5 % = 45,00 → 855,00 (14,5 %, pas 15 %)
    # escompte 2 % sur le net commercial : 855 × 2 % = 17,10 → net financier 837,90
    # port 50,00 → total HT 887,90 ; TVA 20 % = 177,58 ; TTC 1 065,48 ; acompte 300 → 765,48
    r = net_a_payer(
        [{"quantite": 10, "prix_unitaire_ht": "100"}],
        remises=[10, 5],
        escompte=2,
        port=50,
        acompte=300,
    )
    assert r.brut_ht == D("1000.00")
    assert [x.montant for x in r.remises] == [D("100.00"), D("45.00")]
    assert r.net_commercial == D("855.00")
    assert r.escompte is not None and r.escompte.montant == D("17.10")
    assert r.net_financier == D("837.90")
    assert r.total_ht == D("887.90")
    assert r.tva == D("177.58")
    assert r.total_ttc == D("1065.48")
    assert r.net_a_payer == D("765.48")
    assert r.etapes == (
        Etape("Montant brut HT", D("1000.00"), ""),
        Etape("Remise 10 %", D("-100.00"), MOINS),
        Etape("Remise 5 %", D("-45.00"), MOINS),
        Etape("Net commercial HT", D("855.00"), "="),
        Etape("Escompte 2 %", D("-17.10"), MOINS),
        Etape("Net financier HT", D("837.90"), "="),
        Etape("Frais de port HT", D("50.00"), "+"),
        Etape("Total HT", D("887.90"), "="),
        Etape("TVA 20 %", D("177.58"), "+"),
        Etape("Total TTC", D("1065.48"), "="),
        Etape("Acompte", D("-300.00"), MOINS),
        Etape("Net à payer", D("765.48"), "="),
    )
    assert r.avertissements == ()


def test_simple_invoice_ends_with_net_a_payer_ttc() -> None:
    # 3 × 19,99 = 59,97 ; TVA 20 % = 11,994 → 11,99 ; TTC 71,96
    r = net_a_payer([{"quantite": "3", "prix_unitaire_ht": "19,99", "designation": "Stylo"}])
    assert [(e.libelle, e.montant) for e in r.etapes] == [
        ("Montant brut HT", D("59.97")),
        ("TVA 20 %", D("11.99")),
        ("Net à payer TTC", D("71.96")),
    ]
    assert r.lignes[0].designation == "Stylo"
    assert r.net_a_payer == r.total_ttc == D("71.96")


def test_two_vat_rates_with_port_split_pro_rata() -> None:
    # Ligne 1 : 3 × 250,00 = 750,00 (TVA 20 %)
    # Ligne 2 : 40 × 12,35 = 494,00 ; rabais 5 % = 24,70 → 469,30 (TVA 5,5 %)
    # Brut 1 244,00 ; remises de ligne 24,70 ; total des lignes 1 219,30
    # Remise 10 % = 121,93 → net commercial 1 097,37
    # Escompte 1 % = 10,9737 → 10,97 → net financier 1 086,40
    # Répartition du net financier : 5,5 % = 1 086,40 × 469,30 / 1 219,30 = 418,147… → 418,15
    #   20 % (plus gros total, par différence) = 1 086,40 − 418,15 = 668,25
    # Port 35,00 au prorata : 5,5 % = 35 × 418,15 / 1 086,40 = 13,471… → 13,47 ; 20 % = 21,53
    # Bases : 20 % = 668,25 + 21,53 = 689,78 ; 5,5 % = 418,15 + 13,47 = 431,62 ; total 1 121,40
    # TVA 20 % = 137,956 → 137,96 ; TVA 5,5 % = 23,7391 → 23,74 ; TVA 161,70 ; TTC 1 283,10
    r = net_a_payer(
        [
            {"quantite": 3, "prix_unitaire_ht": "250", "taux_tva": 20},
            {
                "quantite": 40,
                "prix_unitaire_ht": "12,35",
                "taux_tva": "5,5 %",
                "remises": [("Rabais", 5)],
            },
        ],
        remises=[10],
        escompte=1,
        port=35,
    )
    assert r.lignes[1].remises[0].libelle == "Rabais 5 %"
    assert r.lignes[1].montant_net_ht == D("469.30")
    assert r.brut_ht == D("1244.00")
    assert r.remises_lignes == D("24.70")
    assert r.net_commercial == D("1097.37")
    assert r.net_financier == D("1086.40")
    assert r.total_ht == D("1121.40")
    assert r.tva_par_taux[D("20")].base == D("689.78")
    assert r.tva_par_taux[D("5.5")].base == D("431.62")
    assert r.tva_par_taux[20].montant == D("137.96")
    assert r.tva_par_taux[D("5.5")].montant == D("23.74")
    assert r.tva == D("161.70")
    assert r.total_ttc == D("1283.10")
    libelles = [e.libelle for e in r.etapes]
    assert libelles[:3] == ["Montant brut HT", "Remises sur les lignes", "Total des lignes HT"]
    assert "TVA 20 % sur 689,78 €" in libelles
    assert "TVA 5,5 % sur 431,62 €" in libelles


def test_real_looking_stationery_invoice_to_the_cent() -> None:
    # 12 classeurs × 3,49 = 41,88 (20 %)
    # 5 ramettes × 4,95 = 24,75 ; remise ligne 10 % = 2,475 → 2,48 → 22,27 (20 %)
    # 2 livres × 18,90 = 37,80 (5,5 %)
    # Brut 104,43 ; total des lignes 101,95 ; remise 3 % = 3,0585 → 3,06 → 98,89
    # Escompte 1,5 % = 1,48335 → 1,48 → net financier 97,41
    # 5,5 % : 97,41 × 37,80 / 101,95 = 36,1167 → 36,12 ; 20 % : 97,41 − 36,12 = 61,29
    # Port 9,90 : 5,5 % : 9,90 × 36,12 / 97,41 = 3,671 → 3,67 ; 20 % : 6,23
    # Bases 67,52 (20 %) et 39,79 (5,5 %) ; total HT 107,31
    # TVA 13,504 → 13,50 et 2,18845 → 2,19 ; TVA 15,69 ; TTC 123,00 ; acompte 30 → 93,00
    r = net_a_payer(
        [
            {"designation": "Classeur A4", "quantite": 12, "prix_unitaire_ht": "3,49"},
            {
                "designation": "Ramette papier",
                "quantite": 5,
                "prix_unitaire_ht": "4,95",
                "remises": ["10 %"],
            },
            {"designation": "Livre", "quantite": 2, "prix_unitaire_ht": "18,90", "taux_tva": 5.5},
        ],
        remises="3",
        escompte="1,5 %",
        port="9,90",
        acompte="30",
    )
    assert [ligne.montant_net_ht for ligne in r.lignes] == [D("41.88"), D("22.27"), D("37.80")]
    assert r.brut_ht == D("104.43")
    assert r.remises[0].montant == D("3.06")
    assert r.net_commercial == D("98.89")
    assert r.net_financier == D("97.41")
    assert r.total_ht == D("107.31")
    assert {t: (v.base, v.montant) for t, v in r.tva_par_taux.items()} == {
        D("20"): (D("67.52"), D("13.50")),
        D("5.5"): (D("39.79"), D("2.19")),
    }
    assert r.total_ttc == D("123.00")
    assert r.net_a_payer == D("93.00")


def test_named_reductions_and_empty_form_fields() -> None:
    # 1 × 200 ; rabais 5 % = 10 → 190 ; ristourne 2 % = 3,80 → 186,20 ; TVA 37,24 ; 223,44
    r = net_a_payer(
        [{"quantite": 1, "prix_unitaire_ht": 200, "taux_tva": ""}],
        remises=[("Rabais", 5), {"nature": "Ristourne", "taux": "2"}, "", None],
        escompte="",
        port=None,
        acompte="",
    )
    assert [x.libelle for x in r.remises] == ["Rabais 5 %", "Ristourne 2 %"]
    assert r.net_commercial == D("186.20")
    assert r.tva == D("37.24")
    assert r.net_a_payer == D("223.44")


def test_a_single_remise_may_be_given_without_a_list() -> None:
    # 1 × 200 ; rabais 5 % = 10,00 → 190,00
    ligne = [{"quantite": 1, "prix_unitaire_ht": 200}]
    assert net_a_payer(ligne, remises="5 %").net_commercial == D("190.00")
    assert net_a_payer(ligne, remises={"nature": "Rabais", "taux": 5}).remises[0].libelle == (
        "Rabais 5 %"
    )


def test_free_items_and_port_only() -> None:
    # 2 × 0,00 ; port 10,00 : toute la base (10,00) au seul taux, TVA 2,00 ; TTC 12,00
    r = net_a_payer([{"quantite": 2, "prix_unitaire_ht": 0}], port=10)
    assert (r.total_ht, r.tva, r.total_ttc) == (D("10.00"), D("2.00"), D("12.00"))


def test_unusual_vat_rate_is_a_warning_not_an_error() -> None:
    # 100 × 8,5 % (Corse, DOM) = 8,50
    r = net_a_payer([{"quantite": 1, "prix_unitaire_ht": 100, "taux_tva": "8,5"}])
    assert r.tva == D("8.50")
    assert len(r.avertissements) == 1
    assert "inhabituel" in r.avertissements[0] and "8,5 %" in r.avertissements[0]
    assert "Ligne 1" in r.avertissements[0]


def test_cascade_helpers() -> None:
    assert taux_global_cascade(10, 5) == D("14.5")
    assert taux_global_cascade("20 %", "10") == D("28")
    reductions = remises_en_cascade("1 000", [10, 5])
    assert [(x.base, x.montant, x.net) for x in reductions] == [
        (D("1000.00"), D("100.00"), D("900.00")),
        (D("900.00"), D("45.00"), D("855.00")),
    ]


def test_pro_rata_split_rounds_each_part_and_the_largest_by_difference() -> None:
    # 100 € en trois parts égales : 33,33 + 33,33 + 33,34 (la dernière des plus grandes)
    assert repartir_au_prorata(D("100"), [D(1), D(1), D(1)]) == [
        D("33.33"),
        D("33.33"),
        D("33.34"),
    ]
    # 10 € pour des poids 1 et 2 : 3,33 et (par différence) 6,67
    assert repartir_au_prorata(D("10"), [D(1), D(2)]) == [D("3.33"), D("6.67")]
    assert repartir_au_prorata(D("10"), [D(0), D(0)]) == [D("0.00"), D("10.00")]


@pytest.mark.parametrize(
    ("arguments", "champ"),
    [
        ({"lignes": []}, "Lignes"),
        ({"lignes": [{"quantite": -2, "prix_unitaire_ht": 10}]}, "Ligne 1 — Quantité"),
        ({"lignes": [{"quantite": 0, "prix_unitaire_ht": 10}]}, "Ligne 1 — Quantité"),
        ({"lignes": [{"quantite": "2,5", "prix_unitaire_ht": 10}]}, "Ligne 1 — Quantité"),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": "dix"}]}, "Ligne 1 — Prix unitaire HT"),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": ""}]}, "Ligne 1 — Prix unitaire HT"),
        ({"lignes": [{"quantite": 1}]}, "Ligne 1 — Prix unitaire HT"),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": "-5"}]}, "Ligne 1 — Prix unitaire HT"),
        (
            {"lignes": [{"quantite": 1, "prix_unitaire_ht": 5}, {"quantite": 1}]},
            "Ligne 2 — Prix unitaire HT",
        ),
        (
            {"lignes": [{"quantite": 1, "prix_unitaire_ht": 5, "taux_tva": 120}]},
            "Ligne 1 — Taux de TVA",
        ),
        (
            {"lignes": [{"quantite": 1, "prix_unitaire_ht": 5, "taux_tva": -1}]},
            "Ligne 1 — Taux de TVA",
        ),
        (
            {"lignes": [{"quantite": 1, "prix_unitaire_ht": 5, "remises": [100]}]},
            "Ligne 1 — Remise 1",
        ),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": 5}], "remises": [10, 100]}, "Remise 2"),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": 5}], "remises": ["x"]}, "Remise 1"),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": 5}], "escompte": 100}, "Escompte"),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": 5}], "escompte": "2 €"}, "Escompte"),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": 5}], "port": -1}, "Frais de port"),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": 5}], "acompte": "6,01"}, "Acompte"),
        ({"lignes": [{"quantite": 1, "prix_unitaire_ht": 5}], "acompte": "abc"}, "Acompte"),
        ({"lignes": ["une ligne"]}, "Ligne 1"),
    ],
)
def test_invalid_input_raises_a_french_error_naming_the_field(arguments: dict, champ: str) -> None:
    with pytest.raises(SaisieInvalide) as info:
        net_a_payer(**arguments)
    assert info.value.champ == champ
    assert str(info.value).startswith(champ + " : ")
    assert len(info.value.message) > 15


def test_acompte_equal_to_ttc_leaves_nothing_to_pay() -> None:
    # 5,00 + TVA 1,00 = 6,00 ; acompte 6,00
    assert net_a_payer([{"quantite": 1, "prix_unitaire_ht": 5}], acompte=6).net_a_payer == 0


TAUX_TVA = st.sampled_from([D(20), D(10), D("5.5"), D("2.1"), D(0), D("8.5")])
PRIX = st.decimals(min_value=D("0.01"), max_value=D("5000"), places=2)
TAUX_REMISE = st.decimals(min_value=0, max_value=60, places=2)
LIGNES = st.lists(
    st.fixed_dictionaries(
        {
            "quantite": st.integers(1, 500),
            "prix_unitaire_ht": PRIX,
            "taux_tva": TAUX_TVA,
            "remises": st.lists(TAUX_REMISE, max_size=2),
        }
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(
    lignes=LIGNES,
    remises=st.lists(TAUX_REMISE, max_size=3),
    escompte=st.decimals(min_value=0, max_value=10, places=1),
    port=st.decimals(min_value=0, max_value=200, places=2),
    part_acompte=st.decimals(min_value=0, max_value=1, places=2),
)
def test_invoice_invariants(lignes, remises, escompte, port, part_acompte) -> None:
    sans_acompte = net_a_payer(lignes, remises, escompte, port)
    acompte = (sans_acompte.total_ttc * part_acompte).quantize(D("0.01"), rounding="ROUND_DOWN")
    r = net_a_payer(lignes, remises, escompte, port, acompte)
    # jamais négatif pour une saisie valide
    for valeur in (r.brut_ht, r.net_commercial, r.net_financier, r.total_ht, r.tva, r.total_ttc):
        assert valeur >= 0
    assert r.net_a_payer >= 0
    assert r.net_a_payer == r.total_ttc - r.acompte
    assert sum(v.montant for v in r.tva_par_taux.values()) == r.tva
    assert sum(v.base for v in r.tva_par_taux.values()) == r.total_ht
    assert r.total_ttc == r.total_ht + r.tva
    assert r.net_commercial <= r.brut_ht
    # chaque montant au centime
    for e in r.etapes:
        assert e.montant == e.montant.quantize(D("0.01"))
    # la copie se relit : chaque sous-total « = » est la somme des lignes au-dessus
    courant = r.etapes[0].montant
    for e in r.etapes[1:]:
        if e.operation == "=":
            assert e.montant == courant
        else:
            assert e.operation in (MOINS, "+")
            assert e.montant <= 0 if e.operation == MOINS else e.montant >= 0
            assert not e.montant.is_signed() or e.montant != 0  # pas de « -0,00 »
            courant += e.montant
    assert r.etapes[-1].montant == r.net_a_payer


@given(
    st.decimals(min_value=D("0.01"), max_value=D("99.99"), places=2),
    st.decimals(min_value=D("0.01"), max_value=D("99.99"), places=2),
)
def test_cascade_never_equals_the_sum_of_two_non_zero_rates(a: Decimal, b: Decimal) -> None:
    global_ = taux_global_cascade(a, b)
    assert global_ != a + b
    assert global_ == a + b - a * b / 100
    assert global_ < a + b
