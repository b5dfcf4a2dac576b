"""The shelf simulator of NDRC bloc 3 (``simuler_lineaire``, ``deplacer_faces``) and the single
shares (``part_de_lineaire``, ``part_de_ca``, ``part_de_marge``), worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.calculs import SaisieInvalide
from widgets.calculs.merchandising import (
    deplacer_faces,
    lineaire_developpe,
    lineaire_par_niveau,
    part_de_ca,
    part_de_lineaire,
    part_de_marge,
    references_du_releve,
    rentabilite_au_metre_lineaire,
    simuler_lineaire,
)

D = Decimal

# Refill every 6 days of sale, 6 days a week: the shelf sells at most what it holds.
# A 4 × 0,25 m = 1 m, 5 deep → 20 units for a demand of 30 ; B 1 m, 20 units for 10 ;
# C 2 × 0,50 m = 1 m, 3 deep → 6 units for 5.
RAYON = [
    {"reference": "A", "faces": 4, "largeur": "0,25", "profondeur": 5, "demande": 30,
     "prix": 10, "marge": 3},
    {"reference": "B", "faces": 4, "largeur": "0,25", "profondeur": 5, "demande": 10,
     "prix": 8, "marge": 2},
    {"reference": "C", "faces": 2, "largeur": "0,50", "profondeur": 3, "demande": 5,
     "prix": 20, "marge": 8},
]  # fmt: skip


def test_a_week_of_the_shelf_worked_by_hand() -> None:
    s = simuler_lineaire(RAYON, lineaire_disponible=3)
    a, b, c = s.lignes
    # A : 20 vendus sur 30 demandés → 10 perdus (100 € de CA, 30 € de marge) ;
    # couverture 20 × 6 / 30 = 4 jours < 6 jours de réassort → rupture
    assert (a.lineaire, a.stock_rayon, a.ventes, a.ventes_perdues) == (D("1"), 20, 20, 10)
    assert (a.couverture_jours, a.en_rupture) == (D("4.0"), True)
    assert (a.ca, a.marge, a.ca_perdu, a.marge_perdue) == (D("200"), D("60"), D("100"), D("30"))
    # B : 20 × 6 / 10 = 12 jours ; C : 6 × 6 / 5 = 7,2 jours
    assert (b.couverture_jours, b.en_rupture, b.ca) == (D("12.0"), False, D("80"))
    assert (c.couverture_jours, c.en_rupture, c.ca) == (D("7.2"), False, D("100"))
    # CA 380 € : 200/380 = 52,63 % ; 80/380 = 21,05 % ; 100/380 = 26,32 %
    assert [x.part_lineaire for x in s.lignes] == [D("33.33")] * 3
    assert [x.part_ca for x in s.lignes] == [D("52.63"), D("21.05"), D("26.32")]
    # marge 120 € : 50 % ; 16,67 % ; 33,33 %
    assert [x.part_marge for x in s.lignes] == [D("50"), D("16.67"), D("33.33")]
    # 52,63 / 33,33 × 100 = 157,906 → 157,91 ; 21,05 / 33,33 → 63,16 ; 26,32 / 33,33 → 78,97
    assert [x.indice_de_performance for x in s.lignes] == [D("157.91"), D("63.16"), D("78.97")]
    # 50 / 33,33 × 100 = 150,015 → 150,02 ; 16,67 / 33,33 → 50,02 ; 33,33 / 33,33 → 100
    assert [x.indice_de_marge for x in s.lignes] == [D("150.02"), D("50.02"), D("100")]
    assert [x.marge_au_metre for x in s.lignes] == [D("60"), D("20"), D("40")]
    assert (s.ca, s.marge, s.ca_perdu, s.marge_perdue) == (D("380"), D("120"), D("100"), D("30"))
    # 1 référence en rupture sur 3 = 33,33 % ; 120 € / 3 m = 40 €/m ; rayon plein
    assert s.references_en_rupture == ("A",)
    assert (s.taux_de_rupture, s.marge_au_metre, s.lineaire_libre) == (
        D("33.33"),
        D("40"),
        D("0"),
    )


def test_moving_two_facings_to_the_strong_seller_ends_its_rupture() -> None:
    deplace = deplacer_faces(RAYON, "B", "A", 2)
    assert [r["faces"] for r in deplace] == [6, 2, 2]
    assert [r["faces"] for r in RAYON] == [4, 4, 2]  # the given shelf is untouched
    s = simuler_lineaire(deplace, lineaire_disponible=3)
    a, b, c = s.lignes
    # A : 6 × 5 = 30 unités pour 30 demandées, couverture 6 jours = le délai : pas de rupture
    assert (a.ventes, a.couverture_jours, a.en_rupture) == (D("30"), D("6.0"), False)
    assert (b.ventes, b.couverture_jours, b.en_rupture) == (D("10"), D("6.0"), False)
    # CA 300 + 80 + 100 = 480 € (+100 €), marge 90 + 20 + 40 = 150 € (+30 €)
    assert (s.ca, s.marge, s.ca_perdu, s.taux_de_rupture) == (D("480"), D("150"), D("0"), D("0"))
    # parts de linéaire 50 / 16,67 / 33,33 ; parts de CA 62,5 / 16,67 / 20,83
    assert [x.part_lineaire for x in s.lignes] == [D("50"), D("16.67"), D("33.33")]
    assert [x.part_ca for x in s.lignes] == [D("62.5"), D("16.67"), D("20.83")]
    # 62,5 / 50 = 125 ; 16,67 / 16,67 = 100 ; 20,83 / 33,33 × 100 = 62,496 → 62,50
    assert [x.indice_de_performance for x in s.lignes] == [D("125"), D("100"), D("62.5")]


def test_a_reference_without_facings_is_off_the_shelf() -> None:
    s = simuler_lineaire(deplacer_faces(RAYON, "C", "B", 2), delai_de_reassort=3)
    c = s.ligne("C")
    # C n'est plus en rayon : rien de vendu, ses 5 unités perdues (100 €), pas d'indice,
    # pas comptée dans le taux de rupture (elle est absente, pas en rupture)
    assert (c.lineaire, c.ventes, c.ca_perdu, c.en_rupture) == (D("0"), D("0"), D("100"), False)
    assert (c.indice_de_performance, c.marge_au_metre, c.part_lineaire) == (None, None, D("0"))
    # réassort tous les 3 jours : A tient 20 × 6 / 3 = 40 > 30 ; rien en rupture
    assert s.references_en_rupture == () and s.taux_de_rupture == D("0")
    assert s.lineaire_occupe == D("2.50") and s.lineaire_disponible is None


def test_the_shelf_cannot_hold_more_than_its_linear() -> None:
    with pytest.raises(SaisieInvalide) as e:
        simuler_lineaire(deplacer_faces(RAYON, "A", "C", 2), lineaire_disponible=3)
    # A 2 × 0,25 = 0,50 m ; C 4 × 0,50 = 2 m ; B 1 m → 3,50 m pour 3 m
    assert e.value.champ == "Faces"
    assert "3,50 m pour 3,00 m" in str(e.value)


@pytest.mark.parametrize(
    ("appel", "champ"),
    [
        (lambda: deplacer_faces(RAYON, "C", "A", 3), "Faces à déplacer"),
        (lambda: deplacer_faces(RAYON, "Z", "A", 1), "Depuis"),
        (lambda: deplacer_faces(RAYON, "A", "A", 1), "Vers"),
        (lambda: simuler_lineaire([{**RAYON[0], "faces": "deux"}]), "A — faces"),
        (lambda: simuler_lineaire([{**RAYON[0], "largeur": 0}]), "A — largeur"),
        (lambda: simuler_lineaire([RAYON[0], RAYON[0]]), "Référence"),
        (lambda: simuler_lineaire(RAYON, jours_de_vente=8), "Jours de vente par semaine"),
        (lambda: simuler_lineaire([{**RAYON[0], "faces": 0}]), "Faces"),
    ],
)
def test_bad_inputs_name_the_field_in_french(appel, champ: str) -> None:
    with pytest.raises(SaisieInvalide) as e:
        appel()
    assert e.value.champ == champ


def test_single_shares_and_margin_per_metre() -> None:
    # 1,5 / 5 = 30 % ; 6 000 / 10 000 = 60 % ; 1 500 / 3 000 = 50 % ; 1 / 3 = 33,33 %
    assert part_de_lineaire("1,5", 5) == D("30")
    assert part_de_ca("6 000 €", 10000) == D("60")
    assert part_de_marge(1500, 3000) == D("50")
    assert part_de_lineaire(1, 3) == D("33.33")
    # 1 000 / 3 = 333,33 €/m
    assert rentabilite_au_metre_lineaire(1000, 3) == D("333.33")
    with pytest.raises(SaisieInvalide) as e:
        part_de_ca(12000, 10000)
    assert e.value.champ == "CA"


def test_the_shelf_from_a_store_survey() -> None:
    releve = [
        {"designation": "Serviette", "facings": 4, "lineaire_m": 1, "prix_ttc": 12,
         "ventes_13_semaines": 390, "prix_achat_ht": "6,50"},
        # known defect: 0 facing but 0,30 m of linear; a competitor without designation
        {"marque": "Concurrent", "facings": 0, "lineaire_m": "0,3", "prix_ttc": "9,99",
         "ventes_13_semaines": 0, "prix_achat_ht": 5},
        {"designation": "Serviette", "facings": 3, "lineaire_m": 0, "prix_ttc": 6,
         "ventes_13_semaines": 50, "prix_achat_ht": 3},
    ]  # fmt: skip
    a, b, c = references_du_releve(releve, profondeur=5)
    # 1 m / 4 = 0,25 m ; 390 / 13 = 30 par semaine ; 12 / 1,2 = 10 € HT ; marge 3,50 €
    assert a == {"reference": "Serviette", "faces": 4, "largeur": D("0.25"), "profondeur": 5,
                 "demande": D("30"), "prix": D("10"), "marge": D("3.5")}  # fmt: skip
    # hors rayon, sa face fait son linéaire ; 9,99 / 1,2 = 8,325 → 8,33 € ; marge 3,33 €
    assert (b["reference"], b["faces"], b["largeur"], b["prix"], b["marge"]) == (
        "Concurrent",
        0,
        D("0.3"),
        D("8.33"),
        D("3.33"),
    )
    # même nom : « (2) » ; sans linéaire : largeur moyenne 1 / 4 = 0,25 m ; 50 / 13 = 3,85
    assert (c["reference"], c["largeur"], c["demande"]) == ("Serviette (2)", D("0.25"), D("3.85"))
    # (1 + 0,75) / 2 niveaux = 0,875 → 0,88 m par niveau (arrondi au-dessus)
    assert lineaire_par_niveau([a, b, c], 2) == D("0.88")
    s = simuler_lineaire([a, b, c], lineaire_developpe("0,88", 2))
    # 4 × 5 = 20 serviettes pour 30 : 10 perdues, 100 € HT
    assert (s.ligne("Serviette").ventes, s.ca_perdu) == (D("20"), D("100"))
