"""The bloc 2 readers (widgets/donnees/distance.py) on the hand-filled base of
tests/outils/petite_base_distance.py: every figure below is summed by hand from its rows."""

from __future__ import annotations

import math
import sqlite3
from decimal import Decimal

import pytest
from outils.petite_base_distance import construire_base_distance

from widgets.donnees import distance
from widgets.erreurs import ErreurAtelier


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return construire_base_distance(tmp_path_factory.mktemp("distance") / "distance.db")


def test_trafic_de_mars_par_source_dans_l_ordre_des_sources(base):
    df = distance.trafic_par_source(base, debut="01/03/2025", fin="31/03/2025")
    assert list(df.columns) == list(distance.COLONNES_TRAFIC)
    assert list(df["source"]) == ["recherche naturelle", "recherche payante", "e-mailing"]
    payante = df.iloc[1]
    # 1 000 + 500 visits, 800 + 420 visitors, 120 + 60 carts, 30 + 15 orders; the April day
    # (300 visits) is outside the period
    assert (payante["visites"], payante["visiteurs"]) == (1500, 1220)
    assert (payante["paniers"], payante["commandes"]) == (180, 45)
    assert payante["chiffre_affaires_ttc"] == 2700.0 and payante["depenses_ht"] == 675.0
    assert df["visites"].sum() == 4000 and df["commandes"].sum() == 105


def test_ventes_du_site_et_de_la_marketplace_avec_leurs_retours(base):
    df = distance.ventes_par_canal(base, debut="2025-03-01", fin="2025-03-31").set_index("canal")
    site, place = df.loc["site"], df.loc["marketplace"]
    # site: orders 1-3, 50 + 70 + 30 HT, 60 + 84 + 36 TTC, port 4,90 × 2, logistics 3 × 6
    assert site["commandes"] == 3 and site["montant_ht"] == 150.0
    assert site["montant_ttc"] == 180.0 and site["frais_de_port_ttc"] == 9.8
    assert site["commission_ht"] == 0.0 and site["frais_logistiques_ht"] == 18.0
    assert (site["commandes_retournees"], site["retours"], site["cout_retours_ht"]) == (1, 1, 12.5)
    assert site["rembourse_ttc"] == 84.0
    # marketplace: orders 4-5 (order 6 is in April), commission 6 + 9, logistics 2 × 4,50
    assert place["commandes"] == 2 and place["montant_ht"] == 100.0
    assert place["commission_ht"] == 15.0 and place["frais_logistiques_ht"] == 9.0
    assert (place["retours"], place["cout_retours_ht"], place["rembourse_ttc"]) == (1, 10.0, 48.0)


def test_un_canal_sans_commande_a_des_zeros(base):
    df = distance.ventes_par_canal(base, debut="2025-04-01", fin="2025-04-30").set_index("canal")
    assert df.loc["site", "commandes"] == 0 and df.loc["site", "montant_ht"] == 0.0
    assert df.loc["marketplace", "commandes"] == 1 and df.loc["marketplace", "retours"] == 1


def test_appels_entrants_du_jour_par_demi_heure(base):
    df = distance.appels_par_demi_heure(base, jour="03/03/2025")
    assert list(df.columns) == list(distance.COLONNES_APPELS)
    assert list(df["creneau"]) == ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    neuf = df.iloc[0]
    # 09:05 (200 s), 09:20 (160 s), 09:29:59 hung up: 3 calls, 2 answered, DMT 360 / 2,
    # mean wait (10 + 30 + 50) / 3; the chat and the outbound call are left out
    assert (neuf["appels"], neuf["decroches"], neuf["abandons"]) == (3, 2, 1)
    assert neuf["duree_totale_s"] == 360 and neuf["dmt_s"] == 180.0
    assert neuf["attente_moyenne_s"] == 30.0
    dix = df.iloc[2]
    assert (dix["appels"], dix["dmt_s"], dix["attente_moyenne_s"]) == (2, 240.0, 10.0)
    assert df.iloc[1]["appels"] == 0 and math.isnan(df.iloc[1]["dmt_s"])
    assert (df.iloc[5]["appels"], df.iloc[5]["dmt_s"]) == (1, 60.0)
    assert distance.jours_d_appels(base) == ["2025-03-03", "2025-03-04"]


def test_un_jour_sans_appel_donne_un_tableau_vide(base):
    df = distance.appels_par_demi_heure(base, jour="2025-03-05")
    assert df.empty and list(df.columns) == list(distance.COLONNES_APPELS)


def test_enquetes_et_avis_de_la_periode(base):
    enquetes = distance.enquetes_satisfaction(base, debut="2025-03-01", fin="2025-03-31")
    assert list(enquetes["id_enquete"]) == list(range(1, 9))
    assert enquetes["date_reponse"].isna().sum() == 2
    assert enquetes["note_recommandation"].dropna().astype(int).tolist() == [10, 9, 8, 9, 6, 3]
    avis = distance.avis_en_ligne(base, debut="2025-03-01", fin="2025-03-31")
    assert list(avis["plateforme"]) == ["Google", "Google", "Trustpilot", "site"]
    assert list(avis["repondu"]) == [1, 1, 0, 1]
    google = distance.avis_en_ligne(base, debut="2025-03-01", fin="2025-04-30", plateforme="Google")
    assert list(google["note"]) == [5, 2]


def test_erreurs_en_francais(base, tmp_path):
    with pytest.raises(ErreurAtelier, match="la fin de la période précède son début"):
        distance.trafic_par_source(base, debut="2025-03-31", fin="2025-03-01")
    with pytest.raises(ErreurAtelier, match="plateforme « Facebook » inconnue"):
        distance.avis_en_ligne(base, plateforme="Facebook")
    ancienne = tmp_path / "ancienne.db"
    sqlite3.connect(ancienne).execute("CREATE TABLE clients (id_client INTEGER)").connection.close()
    with pytest.raises(
        ErreurAtelier,
        match=(
            "pas la table « sessions_web » de la relation client à distance : "
            "elle a été construite avant leur arrivée"
        ),
    ):
        distance.trafic_par_source(ancienne)


def test_hypotheses_de_la_marketplace_par_commande(base):
    h = distance.hypotheses_marketplace(base, debut="2025-03-01", fin="2025-03-31")
    # 5 orders for 150 + 100 € HT → 50 € each; cost 40 % → 20 €; commission 15 / 100 → 15 %;
    # logistics 9 / 2 = 4,50 (marketplace) and 18 / 3 = 6 (site); returns 1 / 2 = 50 % and
    # 1 / 3 = 33,33 %; a return costs (12,50 + 10) / 2 = 11,25; acquisition 675 / 105 = 6,43
    assert (h.prix_vente_ht, h.cout_achat) == (Decimal("50.00"), Decimal("20.00"))
    assert (h.taux_commission, h.frais_logistiques) == (Decimal("15.00"), Decimal("4.50"))
    assert (h.taux_retour, h.taux_retour_site) == (Decimal("50.00"), Decimal("33.33"))
    assert (h.cout_retour, h.frais_logistiques_site) == (Decimal("11.25"), Decimal("6.00"))
    assert (h.cout_acquisition_site, h.taux_frais_paiement_site) == (
        Decimal("6.43"),
        Decimal("1.8"),
    )
    with pytest.raises(ErreurAtelier, match="aucune commande « site » sur la période"):
        distance.hypotheses_marketplace(base, debut="2025-04-01", fin="2025-04-30")
