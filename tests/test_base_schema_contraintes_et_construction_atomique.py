"""The client database: full schema, CHECK and FOREIGN KEY constraints, atomic rebuild."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from widgets.donnees.generation import RapportConstruction, construire_base
from widgets.donnees.generation.generateur import Generateur
from widgets.erreurs import ErreurAtelier

COLONNES_ATTENDUES = {
    "communes": "code_insee code_postal nom departement population latitude longitude",
    "secteurs": "id_secteur nom description",
    "commerciaux": "id_commercial nom prenom email telephone id_secteur date_embauche fixe_mensuel",
    "clients": "id_client raison_sociale type_client siret adresse code_postal ville code_insee "
    "telephone email id_commercial id_secteur date_creation plafond_credit delai_paiement_jours",
    "prospects": "id_prospect raison_sociale type_client contact_nom contact_prenom email "
    "telephone adresse code_postal ville siret source date_saisie id_commercial "
    "public consentement_email_sms consentement_telephone opposition bloctel date_dernier_contact",
    "prospects_defauts": "id_prospect defaut detail id_original",
    "produits": "id_produit reference designation gamme prix_unitaire_ht cout_achat_ht taux_tva "
    "actif",
    "commandes": "id_commande id_client id_commercial date_commande statut remise_pct canal",
    "lignes_commande": "id_ligne id_commande id_produit quantite prix_unitaire_ht remise_pct "
    "montant_ht",
    "factures": "id_facture numero id_commande id_client date_facture date_echeance montant_ht "
    "montant_tva montant_ttc",
    "reglements": "id_reglement id_facture date_reglement montant mode",
    "visites": "id_visite id_commercial id_client id_prospect date_visite etape resultat "
    "duree_min km",
    "objectifs": "id_objectif id_commercial mois ca_objectif nouveaux_clients_objectif",
    # bloc 2 (issue 23): the names fixed by the data contract, in order
    "particuliers": "id_particulier code_insee email date_inscription source_acquisition "
    "optin_email",
    "commandes_web": "id_commande_web id_particulier date_commande canal source montant_ht "
    "montant_ttc frais_de_port_ttc commission_ht frais_logistiques_ht retournee",
    "sessions_web": "jour source visites visiteurs paniers commandes chiffre_affaires_ttc "
    "depenses_ht",
    "retours": "id_retour id_commande_web date_retour motif delai_jours cout_ht rembourse_ttc",
    "interactions": "id_interaction id_client id_particulier canal sens horodatage attente_s "
    "decroche duree_s motif resolu_premier_contact",
    "reclamations": "id_reclamation id_interaction id_client id_particulier date_ouverture "
    "date_cloture motif statut geste_commercial_ht",
    "enquetes": "id_enquete id_client id_particulier date_envoi date_reponse "
    "note_recommandation note_satisfaction verbatim",
    "avis": "id_avis plateforme id_particulier date_avis note texte reponse date_reponse",
    "dictionnaire": "table_nom colonne type signification exemple cle",
}


@pytest.fixture
def copie(base_demo: Path, tmp_path: Path):
    chemin = tmp_path / "copie.db"
    shutil.copy(base_demo, chemin)
    con = sqlite3.connect(chemin)
    con.execute("PRAGMA foreign_keys = ON")
    yield con
    con.close()


def test_every_table_has_exactly_the_documented_columns(base_demo):
    con = sqlite3.connect(base_demo)
    tables = {
        r[0]
        for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
        if not r[0].startswith("sqlite_")
    }
    assert tables == set(COLONNES_ATTENDUES)
    for table, colonnes in COLONNES_ATTENDUES.items():
        reelles = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        assert reelles == colonnes.split(), table


def test_reference_tables_have_the_exact_expected_content(base_demo):
    con = sqlite3.connect(base_demo)
    assert con.execute("SELECT id_secteur, nom FROM secteurs ORDER BY 1").fetchall() == [
        (1, "Île-de-France"),
        (2, "Nord"),
        (3, "Grand Est"),
        (4, "Rhône-Alpes"),
        (5, "Sud"),
        (6, "Ouest"),
        (7, "Paris souvenirs"),
    ]
    assert con.execute(
        "SELECT reference, prix_unitaire_ht, cout_achat_ht, taux_tva, actif FROM produits "
        "WHERE reference IN ('SE-050', 'SV-PAR', 'LM-RID') ORDER BY 1"
    ).fetchall() == [
        ("LM-RID", 11.9, 6.1, 20.0, 0),
        ("SE-050", 6.9, 3.6, 20.0, 1),
        ("SV-PAR", 16.9, 7.8, 20.0, 1),
    ]
    assert con.execute(
        "SELECT COUNT(*), SUM(cout_achat_ht < prix_unitaire_ht) FROM produits"
    ).fetchone() == (27, 27)
    # 300 clients → 9 commerciaux (7 secteurs + 2), dont 1 pour Paris souvenirs
    assert con.execute("SELECT COUNT(*) FROM commerciaux").fetchone() == (9,)
    assert con.execute("SELECT COUNT(*) FROM commerciaux WHERE id_secteur = 7").fetchone() == (1,)
    assert con.execute("SELECT nom FROM communes WHERE code_insee = '75107'").fetchone() == (
        "Paris 7e arrondissement",
    )
    assert con.execute(
        "SELECT COUNT(*) FROM communes WHERE code_insee LIKE '751__'"
    ).fetchone() == (20,)


@pytest.mark.parametrize(
    "requete",
    [
        "UPDATE clients SET type_client = 'Particulier' WHERE id_client = 1",
        "UPDATE commandes SET statut = 'expédiée' WHERE id_commande = 1",
        "UPDATE lignes_commande SET quantite = 0 WHERE id_ligne = 1",
        "UPDATE reglements SET mode = 'espèces' WHERE id_reglement = 1",
        "UPDATE visites SET etape = 'relance' WHERE id_visite = 1",
        "UPDATE produits SET cout_achat_ht = prix_unitaire_ht + 1 WHERE id_produit = 1",
        "UPDATE produits SET gamme = 'Chaussures' WHERE id_produit = 1",
        "INSERT INTO factures VALUES (999999, 'F2023-000001', 1, 1, '2023-01-05', '2023-02-04', "
        "1, 0.2, 1.2)",
        "INSERT INTO prospects_defauts VALUES (1, 'orthographe', 'x', NULL)",
    ],
)
def test_a_bad_value_violates_a_check_or_unique_constraint(copie, requete):
    with pytest.raises(sqlite3.IntegrityError):
        copie.execute(requete)


@pytest.mark.parametrize(
    "requete",
    [
        "UPDATE clients SET id_commercial = 9999 WHERE id_client = 1",
        "UPDATE clients SET code_insee = '99999' WHERE id_client = 1",
        "UPDATE commandes SET id_client = 999999 WHERE id_commande = 1",
        "UPDATE lignes_commande SET id_produit = 999 WHERE id_ligne = 1",
        "UPDATE reglements SET id_facture = 999999 WHERE id_reglement = 1",
        "UPDATE visites SET id_prospect = 999999, id_client = NULL WHERE id_visite = 1",
    ],
)
def test_a_dangling_reference_violates_a_foreign_key(copie, requete):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        copie.execute(requete)


def test_the_built_database_has_no_foreign_key_violation_and_indexes_the_joins(base_demo):
    con = sqlite3.connect(base_demo)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    # Each join or filter column leads an index (SQLite can only seek on the first column).
    premieres_colonnes = set()
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for index in con.execute(f"PRAGMA index_list({table})").fetchall():
            colonnes = con.execute(f"PRAGMA index_info({index[1]})").fetchall()
            premieres_colonnes.add((table, colonnes[0][2]))
    for attendu in (
        ("commandes", "id_client"),
        ("commandes", "date_commande"),
        ("lignes_commande", "id_commande"),
        ("factures", "id_client"),
        ("factures", "date_facture"),
        ("reglements", "id_facture"),
        ("visites", "id_commercial"),
    ):
        assert attendu in premieres_colonnes


def test_rebuild_replaces_an_existing_file_and_leaves_no_temporary_file(tmp_path):
    chemin = tmp_path / "sous" / "clients.db"
    chemin.parent.mkdir()
    chemin.write_text("pas une base")
    rapport = construire_base(chemin, clients=5, graine=1)
    assert isinstance(rapport, RapportConstruction)
    assert sorted(p.name for p in chemin.parent.iterdir()) == ["clients.db"]
    con = sqlite3.connect(chemin)
    assert con.execute("SELECT COUNT(*) FROM clients").fetchone() == (5,)
    assert rapport.lignes["clients"] == 5
    texte = str(rapport)
    assert "Base clients construite" in texte
    assert "5 clients, graine 1, données du 01/01/2023 au 31/12/2025" in texte
    assert " Mo, en " in texte


def test_a_failed_build_keeps_the_previous_database_intact(tmp_path, monkeypatch):
    dossier = tmp_path / "base"
    dossier.mkdir()
    chemin = dossier / "clients.db"
    construire_base(chemin, clients=3, graine=7)
    avant = chemin.read_bytes()

    def panne(self):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(Generateur, "remplir", panne)
    with pytest.raises(RuntimeError, match="panne simulée"):
        construire_base(chemin, clients=50, graine=7)
    assert chemin.read_bytes() == avant
    assert [p.name for p in dossier.iterdir()] == ["clients.db"]


def test_a_single_client_build_still_fills_every_table(tmp_path):
    rapport = construire_base(tmp_path / "mini.db", clients=1, graine=3)
    vides = [t for t, n in rapport.lignes.items() if n == 0 and t not in ("prospects_defauts",)]
    assert rapport.lignes["clients"] == 1
    assert "commerciaux" not in vides and "communes" not in vides


def test_zero_clients_is_refused_in_french(tmp_path):
    with pytest.raises(ErreurAtelier, match="il faut au moins 1 client"):
        construire_base(tmp_path / "vide.db", clients=0)
    assert list(tmp_path.glob("*vide*")) == []
