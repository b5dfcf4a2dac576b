"""widgets.donnees.portefeuille on a tiny database whose every figure is worked by hand.

Five clients, two products (SE 10 € cost 6 €, PE 50 € cost 30 €), VAT 20 %, year 2025,
reference date 31/12/2025:

- 1 Alpha, GMS, plafond 10 000, délai 30 j: 10/03 300 SE 3 000 HT → 3 600 TTC (paid);
  20/11 100 PE 5 000 → 6 000 (unpaid, due 20/12);
- 2 Bravo, Grossiste, 1 400, 45 j: 01/06 100 SE 1 000 → 1 200 (paid); 15/12 20 PE 1 000 →
  1 200 (due 29/01/2026);
- 3 Charlie, CE, 5 000, 60 j: 01/09 50 SE 500 → 600 (200 paid, due 31/10); an order cancelled;
- 4 Delta, Boutique, 400, 30 j: 01/12 8 PE 400 → 480 (due 31/12);
- 5 Echo, GMS, 3 000: 2024 only, 100 → 120, paid.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from outils.petite_base_portefeuille import construire_petite_base

from widgets.calculs import SaisieInvalide
from widgets.donnees import portefeuille as P


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return construire_petite_base(tmp_path_factory.mktemp("portefeuille") / "petite.db")


def test_ca_per_client_and_abc(base):
    assert P.ca_par_client(base) == [
        (1, "Alpha", Decimal("8000.00")),
        (2, "Bravo", Decimal("2000.00")),
        (3, "Charlie", Decimal("500.00")),
        (4, "Delta", Decimal("400.00")),
    ]
    r = P.abc_clients(base)
    # total 10 900: Alpha 73,39 % (A continues) ; Bravo 91,74 % ≥ 80 → closes A ;
    # Charlie 96,33 % ≥ 95 → closes B ; Delta C
    assert [(ligne.libelle, ligne.part_cumulee, ligne.classe) for ligne in r.lignes] == [
        ("Alpha", Decimal("73.39"), "A"),
        ("Bravo", Decimal("91.74"), "A"),
        ("Charlie", Decimal("96.33"), "B"),
        ("Delta", Decimal("100.00"), "C"),
    ]
    assert [c.effectif for c in r.classes] == [2, 1, 1]
    assert P.abc_clients(base, type_client="GMS").total == Decimal("8000.00")
    assert P.abc_clients(base, id_secteur=2).total == Decimal("900.00")


def test_ca_per_product_monthly_and_per_segment(base):
    # SE: 3 000 + 1 000 + 500 (2025, delivered) ; PE: 5 000 + 1 000 + 400
    assert P.ca_par_produit(base) == [
        (1, "SE-050 Serviette", Decimal("4500.00")),
        (2, "PE-001 Peignoir", Decimal("6400.00")),
    ]
    mois = dict(P.ca_mensuel(base, premier_mois="2025-01", dernier_mois="2025-12"))
    assert len(mois) == 12
    assert mois["2025-03"] == 3000 and mois["2025-12"] == 1400 and mois["2025-02"] == 0
    assert P.ca_mensuel(base, premier_mois="2024-05", dernier_mois="2024-05") == [
        ("2024-05", Decimal("100.00"))
    ]
    assert P.ca_par_segment(base, critere="secteur") == {
        "Nord": [Decimal("8000.00"), Decimal("2000.00")],
        "Sud": [Decimal("500.00"), Decimal("400.00")],
    }
    with pytest.raises(SaisieInvalide, match="pas un mois"):
        P.ca_mensuel(base, premier_mois="2025-13")


def test_rfm_scores_and_campaign_export(base, tmp_path):
    rfm = {c.cle: c for c in P.rfm_clients(base)}
    # récence: Alpha 20/11 → 41 days ; Bravo 15/12 → 16 ; Charlie 01/09 → 121 ; Delta 30
    assert [rfm[i].recence for i in (1, 2, 3, 4)] == [41, 16, 121, 30]
    assert 5 not in rfm  # nothing invoiced in the 12 months
    # n = 4: quintile bounds are the 1st … 4th sorted values.
    # M 400, 500, 2 000, 8 000 → 1, 2, 3, 4 ; F 1, 1, 2, 2 → 1, 1, 3, 3 ;
    # R −121, −41, −30, −16 → Charlie 1, Alpha 2, Delta 3, Bravo 4
    assert [rfm[i].code for i in (1, 2, 3, 4)] == ["234", "433", "112", "311"]
    assert rfm[1].segment == "À risque"
    assert rfm[2].segment == "Fidèles potentiels"
    assert rfm[3].segment == "En hibernation"
    assert rfm[4].segment == "En train de s'endormir"
    lignes = P.lignes_segment(base, list(rfm.values()), "À risque")
    chemin = P.exporter_csv(lignes, tmp_path / "campagne.csv")
    contenu = chemin.read_bytes()
    assert contenu.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents
    lu = list(csv.DictReader(contenu.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert lu == [
        {
            "id_client": "1",
            "raison_sociale": "Alpha",
            "type_client": "GMS",
            "email": "a@b.fr",
            "telephone": "01",
            "ville": "Paris",
            "recence_jours": "41",
            "frequence": "2",
            "montant_ht": "8000,00",
            "score_rfm": "234",
            "segment": "À risque",
        }
    ]
    with pytest.raises(SaisieInvalide, match="aucun client"):
        P.exporter_csv(P.lignes_segment(base, list(rfm.values()), "Champions"), tmp_path / "x")


def test_customer_pnl_from_the_database(base):
    comptes = {c.id_client: c for c in P.comptes_exploitation(base, cout_visite=85)}
    alpha = comptes[1].compte
    # CA 8 000 ; achats 300 × 6 + 100 × 30 = 4 800 ; marge 3 200 ; 2 visits × 85 = 170 ;
    # credit 9 600 × 5 % × 30 / 360 = 40 ; contribution 3 200 − 170 − 40 = 2 990
    assert (alpha.marge_brute, alpha.cout_visites, alpha.cout_credit, alpha.contribution) == (
        Decimal("3200.00"),
        Decimal("170.00"),
        Decimal("40.00"),
        Decimal("2990.00"),
    )
    # Charlie: marge 500 − 300 = 200 ; 2 orders (one cancelled) → 170 ;
    # credit 600 × 5 % × 60 / 360 = 5 → 25
    assert comptes[3].commandes == 2
    assert comptes[3].compte.contribution == Decimal("25.00")
    # Delta: 400 − 240 − 85 − 480 × 5 % × 30 / 360 (2) = 73 ;
    # acquisition 40 km × 0,60 + 75 min × 35 € / 60 = 24 + 43,75 = 67,75
    assert comptes[4].compte.contribution == Decimal("73.00")
    assert comptes[4].cout_acquisition == Decimal("67.75")
    # returns at 2 % of the CA: Bravo 800 − 170 − 2 400 × 5 % × 45 / 360 (15) − 40 = 575
    bravo = P.comptes_exploitation(base, taux_retours=2, id_client=2)
    assert [b.compte.contribution for b in bravo] == [Decimal("575.00")]


def test_encours_overdue_and_dso(base):
    risques = {r.id_client: r for r in P.risque_clients(base)}
    assert sorted(risques) == [1, 2, 3, 4]  # Echo owes nothing
    alpha = risques[1]
    # 6 000 unpaid, due 20/12 → 11 days late ; DSO 6 000 / 9 600 × 360 = 225
    assert (alpha.risque.encours, alpha.echu, alpha.retard_jours) == (6000, 6000, 11)
    assert alpha.dso == Decimal("225.00") and alpha.risque.alerte == ""
    # Bravo: 1 200 not yet due, 1 200 / 1 400 = 85,71 % → vigilance ; DSO 1 200 / 2 400 × 360
    bravo = risques[2]
    assert (bravo.echu, bravo.risque.taux_utilisation, bravo.risque.alerte) == (
        0,
        Decimal("85.71"),
        "vigilance",
    )
    assert bravo.dso == Decimal("180.00")
    # Charlie: 600 − 200 = 400, due 31/10 → 61 days ; DSO 400 / 600 × 360 = 240
    assert (risques[3].risque.encours, risques[3].retard_jours, risques[3].dso) == (
        400,
        61,
        240,
    )
    # Delta: 480 > 400 → dépassement 80 (due today: not overdue yet)
    delta = risques[4].risque
    assert (delta.alerte, delta.depassement, risques[4].retard_jours) == ("dépassement", 80, 0)
    # at 30/06/2025 only Bravo's June invoice (1 200) and nothing else is due
    avant = {r.id_client: r for r in P.risque_clients(base, reference="2025-06-30")}
    assert sorted(avant) == [2]
