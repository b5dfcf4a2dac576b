"""The helpers behind notebooks/00_prise_en_main.ipynb, on the 300-client demo base."""

from __future__ import annotations

import sqlite3

import pytest

from widgets.donnees import visite_guidee as visite
from widgets.erreurs import ErreurAtelier


def test_environment_report_names_the_base_or_tells_how_to_build_it(base_demo, tmp_path):
    texte = visite.etat_environnement(base_demo)
    assert texte.startswith("Python 3.")
    assert f"Base clients : {base_demo} (" in texte and " Mo)" in texte
    absent = visite.etat_environnement(tmp_path / "nulle_part.db")
    assert "Base clients ABSENTE" in absent and "atelier construire-base" in absent


def test_missing_base_raises_a_french_error(tmp_path):
    with pytest.raises(ErreurAtelier, match="la base clients « absente.db » est introuvable"):
        visite.nombre_de_lignes(tmp_path / "absente.db")


def test_table_summary_is_the_same_whatever_the_build():
    lignes = visite.resume_tables().splitlines()
    assert [ligne.split()[0] for ligne in lignes] == [
        "communes",
        "secteurs",
        "commerciaux",
        "clients",
        "prospects",
        "prospects_defauts",
        "produits",
        "commandes",
        "lignes_commande",
        "factures",
        "reglements",
        "visites",
        "objectifs",
        "particuliers",
        "commandes_web",
        "sessions_web",
        "retours",
        "interactions",
        "reclamations",
        "enquetes",
        "avis",
        "magasins",
        "releves_magasin",
        "sell_out",
        "operations_promo",
        "partenaires",
        "ventes_partenaires",
        "actions_animation",
        "vdi",
        "reunions",
        "dictionnaire",
    ]


def test_row_counts_and_dictionary_come_from_the_base(base_demo):
    n = visite.nombre_de_lignes(base_demo)
    assert n.loc["clients", "lignes"] == 300
    assert n.loc["secteurs", "lignes"] == 7
    d = visite.dictionnaire("factures", base=base_demo)
    assert list(d["colonne"]) == [
        "id_facture",
        "numero",
        "id_commande",
        "id_client",
        "date_facture",
        "date_echeance",
        "montant_ht",
        "montant_tva",
        "montant_ttc",
    ]
    with pytest.raises(ErreurAtelier, match="la table « facture » n'existe pas"):
        visite.dictionnaire("facture", base=base_demo)
    assert len(visite.apercu("produits", 3, base=base_demo)) == 3


def test_monthly_turnover_matches_a_direct_sum(base_demo):
    ca = visite.ca_mensuel(base_demo)
    assert len(ca) == 36 and ca.index[0] == "2023-01" and ca.index[-1] == "2025-12"
    con = sqlite3.connect(base_demo)
    (mai_ce,) = con.execute(
        "SELECT ROUND(SUM(montant_ht), 2) FROM factures JOIN clients USING (id_client) "
        "WHERE date_facture LIKE '2025-05-%' AND type_client = 'Comité d''entreprise'"
    ).fetchone()
    assert ca.loc["2025-05", "Comité d'entreprise"] == pytest.approx(mai_ce, abs=0.005)
    assert ca.loc["2024-06", "Boutique de souvenirs"] == 0.0
    k = visite.ca_mensuel(base_demo, milliers=True)
    assert k.loc["2025-05", "Comité d'entreprise"] == round(mai_ce / 1000)
