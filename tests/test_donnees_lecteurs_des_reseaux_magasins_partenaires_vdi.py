"""The bloc 3 readers (``widgets.donnees.reseaux``) on a small hand-made base: every figure below
is computed by hand (shelf sales and margins over 13 weeks, sales against objectives, sponsor
levels, party attendance), then on the demo base against the tables themselves."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from widgets.donnees import reseaux
from widgets.donnees.generation.schema import TABLES
from widgets.erreurs import ErreurAtelier


@pytest.fixture(scope="module")
def petite_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chemin = tmp_path_factory.mktemp("reseaux") / "petite.db"
    con = sqlite3.connect(chemin)
    for t in TABLES:
        con.execute(t.ddl())
    con.executescript(
        """
        INSERT INTO secteurs VALUES (2, 'Nord', 'Hauts-de-France');
        INSERT INTO communes VALUES ('59350', '59000', 'Lille', '59', 236710, 50.63, 3.06),
                                    ('62041', '62000', 'Arras', '62', 41019, 50.29, 2.78);
        INSERT INTO commerciaux VALUES (1, 'Martin', 'Camille', 'c@x.fr', '06', 2, '2019-01-01',
                                        2100);
        INSERT INTO clients VALUES
          (17, 'Hyperval Lille', 'GMS', '1', '1 rue', '59000', 'Lille', '59350', '03', 'a@b.fr',
           1, 2, '2010-01-01', 50000, 45),
          (18, 'Super Éco Arras', 'GMS', '2', '2 rue', '62000', 'Arras', '62041', '03', 'c@d.fr',
           1, 2, '2012-01-01', 20000, 45);
        INSERT INTO produits VALUES
          (2, 'SE-050', 'Serviette de toilette éponge 50 × 100 cm', 'Serviettes éponge', 6.9,
           3.6, 20, 1),
          (9, 'PE-ADU', 'Peignoir adulte éponge à col châle', 'Peignoirs', 24.9, 13.6, 20, 1);
        INSERT INTO magasins VALUES (17, 'Hyperval', 'hypermarché', 8000, 36.5, 1),
                                    (18, 'Super Éco', 'proximité', 600, 4.0, 0);
        -- the store's coefficient is 1.5 on both references: 6.90 × 1.5 × 1.2 = 12.42
        INSERT INTO releves_magasin VALUES
          (1, 17, '2025-09-10', 2, 'Atelier Textile', 3, 0.75, 0, 12.42, 9.99,
           'Serviettes éponge', 'Serviette de toilette éponge 50 × 100 cm', 80),
          (2, 17, '2025-12-09', 2, 'Atelier Textile', 4, 1.0, 0, 12.42, 9.99,
           'Serviettes éponge', 'Serviette de toilette éponge 50 × 100 cm', 100),
          (3, 17, '2025-12-09', 9, 'Atelier Textile', 2, 0.8, 1, 44.82, NULL,
           'Peignoirs', 'Peignoir adulte éponge à col châle', 10),
          (4, 17, '2025-12-09', NULL, 'Hyperval', 5, 1.25, 0, 9.0, NULL,
           'Serviettes éponge', 'Serviette de toilette éponge 50 × 100 cm (MDD)', 60);
        INSERT INTO sell_out VALUES (17, '2025-12-01', 'Peignoirs', 5, 224.1),
                                    (17, '2025-12-01', 'Serviettes éponge', 30, 372.6);
        INSERT INTO operations_promo VALUES
          (1, 17, 'Serviettes éponge', '2025-06-16', '2025-06-29', 'lot', 33, 850.5, 100, 180,
           20);
        INSERT INTO partenaires VALUES
          (1, 'Maison du Linge Arras', 'franchisé', 'contrat de franchise 5 ans', 2,
           '2021-04-01', NULL, NULL, 5.0, 1.5, 25000),
          (2, 'Agence Durand (Lille)', 'agent', 'mandat d''agent commercial', 2, '2015-01-01',
           '2025-06-30', 10.0, NULL, NULL, NULL);
        INSERT INTO ventes_partenaires VALUES (1, '2025-01', 18000, 20000),
                                              (1, '2025-02', 21000, 20000),
                                              (2, '2025-01', 12345.67, 12000);
        INSERT INTO actions_animation VALUES
          (1, 2, '2025-03-11', 'challenge', 1500, 'Challenge des ventes de peignoirs');
        INSERT INTO vdi VALUES (1, NULL, '2019-03-01', NULL, 'mandataire', '59350', 'Sophie'),
                               (2, 1, '2021-05-10', NULL, 'mandataire', '59350', 'Julie'),
                               (3, 2, '2023-09-01', NULL, 'acheteur-revendeur', '62041', 'Inès'),
                               (4, 1, '2022-02-01', '2024-05-31', 'mandataire', '62041', 'Léa');
        INSERT INTO reunions VALUES (1, 2, '2025-11-21', 'Nathalie', 12, 9, 300.0, 25.0),
                                    (2, 2, '2025-11-28', 'Emma', 8, 0, 120.5, 10.04);
        """
    )
    con.commit()
    con.close()
    return chemin


def test_the_latest_survey_gives_sales_and_margins_over_13_weeks(petite_base):
    df = reseaux.releve_du_magasin(17, petite_base)
    assert list(df["id_releve"]) == [3, 2, 4]  # the firm by range (Peignoirs first), then rivals
    assert df["date_releve"].iloc[0] == pd.Timestamp("2025-12-09")
    assert list(df["reference"].fillna("")) == ["PE-ADU", "SE-050", ""]
    assert list(df["concurrent"]) == [False, False, True]
    # 10 × 44,82 = 448,20 TTC ; / 1,2 = 373,50 HT ; − 10 × 24,90 = 124,50
    # 100 × 12,42 = 1 242,00 TTC ; 1 035,00 HT ; − 100 × 6,90 = 345,00
    # rival: purchase price 9,00 / 1,2 / 1,5 = 5,00 ; 60 × 9,00 = 540,00 ; 450,00 − 300,00 = 150,00
    assert list(df["ca_ttc_13_semaines"]) == [448.20, 1242.00, 540.00]
    assert list(df["ca_ht_13_semaines"]) == [373.50, 1035.00, 450.00]
    assert list(df["prix_achat_ht"]) == [24.90, 6.90, 5.00]
    assert list(df["prix_achat_estime"]) == [False, False, True]
    assert list(df["marge_13_semaines_ht"]) == [124.50, 345.00, 150.00]
    assert list(df["facings"]) == [2, 4, 5] and list(df["lineaire_m"]) == [0.8, 1.0, 1.25]


def test_an_older_survey_is_read_by_its_date_and_a_wrong_one_is_explained(petite_base):
    df = reseaux.releve_du_magasin(17, petite_base, date_releve="2025-09-10")
    assert list(df["ventes_13_semaines"]) == [80]
    assert list(df["ca_ttc_13_semaines"]) == [993.60]  # 80 × 12,42
    with pytest.raises(ErreurAtelier, match="pas de relevé le 2025-10-01.*2025-09-10, 2025-12-09"):
        reseaux.releve_du_magasin(17, petite_base, date_releve="2025-10-01")
    with pytest.raises(ErreurAtelier, match="magasin 18 n'a aucun relevé.*pas dans le panel"):
        reseaux.releve_du_magasin(18, petite_base)


def test_panel_stores_sell_out_and_promotions(petite_base):
    panel = reseaux.magasins_du_panel(petite_base)
    assert list(panel["id_client"]) == [17]
    assert panel.iloc[0][["magasin", "format", "ville", "secteur"]].tolist() == [
        "Hyperval Lille",
        "hypermarché",
        "Lille",
        "Nord",
    ]
    assert list(reseaux.magasins_du_panel(petite_base, tous=True)["id_client"]) == [17, 18]
    ventes = reseaux.sell_out(petite_base, id_client=17, gamme="Peignoirs")
    assert ventes[["quantite", "ca_ttc"]].values.tolist() == [[5, 224.1]]
    assert ventes["semaine"].iloc[0] == pd.Timestamp("2025-12-01")
    promo = reseaux.operations_promo(petite_base)
    assert promo.iloc[0]["ventes_incrementales"] == 60  # 180 − 100 − 20
    assert promo.iloc[0]["magasin"] == "Hyperval Lille"


def test_partners_sales_against_objectives(petite_base):
    df = reseaux.ventes_partenaires(petite_base)
    assert list(df["ecart_ht"]) == [-2000.0, 1000.0, 345.67]
    assert list(df["taux_realisation_pct"]) == [90.0, 105.0, 102.9]  # 12 345,67 / 12 000
    assert list(df["objectif_atteint"]) == [False, True, True]
    assert list(reseaux.ventes_partenaires(petite_base, id_partenaire=2)["mois"]) == ["2025-01"]
    p = reseaux.partenaires(petite_base)
    assert list(p["actif"]) == [True, False]
    assert list(p["secteur"]) == ["Nord", "Nord"]
    assert list(reseaux.partenaires(petite_base, type_partenaire="agent")["nom"]) == [
        "Agence Durand (Lille)"
    ]
    actions = reseaux.actions_animation(petite_base, id_partenaire=2)
    assert actions[["nom", "type", "cout_ht"]].values.tolist() == [
        ["Agence Durand (Lille)", "challenge", 1500.0]
    ]


def test_the_vdi_network_and_its_parties(petite_base):
    df = reseaux.reseau_vdi(petite_base)
    assert list(df["niveau"]) == [1, 2, 3, 2]
    assert list(df["filleules"]) == [2, 1, 0, 0]
    assert list(df["active"]) == [True, True, True, False]
    assert df["id_parrain"].tolist() == [pd.NA, 1, 2, 1]
    assert list(df["reunions"]) == [0, 2, 0, 0]
    assert list(df["ca_ttc_reunions"]) == [0.0, 420.5, 0.0, 0.0]
    assert list(df["commune"]) == ["Lille", "Lille", "Arras", "Arras"]
    fetes = reseaux.reunions(petite_base, id_vdi=2)
    assert list(fetes["taux_presence_pct"]) == [75.0, 0.0]
    assert fetes["panier_moyen_ttc"].iloc[0] == 33.33  # 300 / 9
    assert math.isnan(fetes["panier_moyen_ttc"].iloc[1])  # nobody present: no basket
    assert list(fetes["prenom_vdi"]) == ["Julie", "Julie"]


def test_a_base_built_before_the_network_tables_gives_a_french_error(tmp_path):
    ancienne = tmp_path / "ancienne.db"
    con = sqlite3.connect(ancienne)
    con.execute("CREATE TABLE clients (id_client INTEGER PRIMARY KEY)")
    con.close()
    with pytest.raises(ErreurAtelier, match="ne contient pas les tables des réseaux"):
        reseaux.reseau_vdi(ancienne)
    with pytest.raises(ErreurAtelier, match="introuvable"):
        reseaux.magasins_du_panel(tmp_path / "absente.db")


def test_the_readers_agree_with_the_tables_of_the_demo_base(base_demo):
    panel = reseaux.magasins_du_panel(base_demo)
    con = sqlite3.connect(base_demo)
    assert len(panel) == con.execute("SELECT COUNT(*) FROM magasins WHERE panel = 1").fetchone()[0]
    magasin = int(panel["id_client"].iloc[0])
    releve = reseaux.releve_du_magasin(magasin, base_demo)
    dernier = con.execute(
        "SELECT MAX(date_releve), COUNT(*) FROM releves_magasin WHERE id_client = ? "
        "AND date_releve = (SELECT MAX(date_releve) FROM releves_magasin WHERE id_client = ?)",
        (magasin, magasin),
    ).fetchone()
    assert releve["date_releve"].iloc[0] == pd.Timestamp(dernier[0]) and len(releve) == dernier[1]
    assert (releve["marge_13_semaines_ht"] > 0).all()
    reseau = reseaux.reseau_vdi(base_demo)
    assert len(reseau) == con.execute("SELECT COUNT(*) FROM vdi").fetchone()[0]
    assert set(reseau["niveau"]) == {1, 2, 3}
    assert reseau["reunions"].sum() == len(reseaux.reunions(base_demo))
    con.close()
