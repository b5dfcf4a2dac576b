"""The invoice builder's product/client pick-lists read the database read-only."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from widgets.donnees.catalogue_produits import (
    lister_clients,
    lister_produits,
    ouvrir_lecture_seule,
)
from widgets.erreurs import ErreurAtelier


@pytest.fixture
def petite_base(tmp_path: Path) -> Path:
    chemin = tmp_path / "mini.db"
    con = sqlite3.connect(chemin)
    con.executescript(
        """
        CREATE TABLE produits (id_produit INTEGER PRIMARY KEY, reference TEXT, designation TEXT,
          gamme TEXT, prix_unitaire_ht REAL, cout_achat_ht REAL, taux_tva REAL, actif INTEGER);
        INSERT INTO produits VALUES
          (1, 'SE-002', 'Serviette 50x100', 'Serviettes éponge', 8.9, 4.15, 20.0, 1),
          (2, 'PE-001', 'Peignoir adulte', 'Peignoirs', 39.5, 18.2, 20, 1),
          (3, 'SE-001', 'Drap de bain', 'Serviettes éponge', 19.999, 9, 5.5, 1),
          (4, 'XX-999', 'Ancien modèle', 'Peignoirs', 10, 5, 20, 0);
        CREATE TABLE clients (id_client INTEGER PRIMARY KEY, raison_sociale TEXT, adresse TEXT,
          code_postal TEXT, ville TEXT, siret TEXT, delai_paiement_jours INTEGER);
        INSERT INTO clients VALUES
          (7, 'Souvenirs de Montmartre', '3 rue Foyatier', '75018', 'Paris',
           '732 829 320 00074', 45),
          (2, 'Auchan Lille', '1 rue X', '59000', 'Lille', '41040946000012', NULL);
        """
    )
    con.commit()
    con.close()
    return chemin


def test_produits_actifs_tries_par_gamme_puis_reference_en_decimal(petite_base: Path):
    produits = lister_produits(petite_base)
    assert [p.reference for p in produits] == ["PE-001", "SE-001", "SE-002"]
    drap = produits[1]
    assert drap.prix_unitaire_ht == Decimal("20.00")  # 19.999 rounded to the cent
    assert drap.taux_tva == Decimal("5.5")
    assert str(produits[0].taux_tva) == "20"
    assert produits[2].cout_achat_ht == Decimal("4.15")
    assert produits[0].libelle == "PE-001 — Peignoir adulte"
    assert len(lister_produits(petite_base, actifs_seulement=False)) == 4


def test_clients_tries_avec_siren_et_delai_par_defaut(petite_base: Path):
    clients = lister_clients(petite_base)
    assert [c.raison_sociale for c in clients] == ["Auchan Lille", "Souvenirs de Montmartre"]
    assert clients[1].siren == "732829320"
    assert clients[1].delai_paiement_jours == 45
    assert clients[0].delai_paiement_jours == 30
    assert [c.id_client for c in lister_clients(petite_base, limite=1)] == [2]


def test_la_connexion_refuse_toute_ecriture(petite_base: Path):
    con = ouvrir_lecture_seule(petite_base)
    with pytest.raises(sqlite3.OperationalError):
        con.execute("DELETE FROM produits")
    con.close()
    assert len(lister_produits(petite_base, actifs_seulement=False)) == 4


def test_base_absente_donne_un_message_francais(tmp_path: Path):
    with pytest.raises(ErreurAtelier) as err:
        lister_produits(tmp_path / "absente.db")
    assert "introuvable" in str(err.value) and "atelier construire-base" in str(err.value)


def test_table_manquante_donne_un_message_francais(tmp_path: Path):
    chemin = tmp_path / "vide.db"
    sqlite3.connect(chemin).close()
    with pytest.raises(ErreurAtelier) as err:
        lister_produits(chemin)
    assert "ne contient pas les données attendues" in str(err.value)
