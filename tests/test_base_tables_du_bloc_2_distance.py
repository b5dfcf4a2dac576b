"""The bloc 2 tables (issue 23): web shop, marketplace, contact centre, surveys, reviews and
``commandes.canal`` — keys, constraints, invariants, defects on purpose, sizes and a few exact
figures of the 2 000-client reference base (seed 2026, what ``make db`` builds); and the tables
that existed before keep their rows byte for byte."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from outils.empreintes_par_table import empreinte_table

from widgets.donnees.generation import construire_base
from widgets.donnees.vocabulaire import CANAUX_COMMANDE

BLOC_2 = (
    "particuliers",
    "commandes_web",
    "sessions_web",
    "retours",
    "interactions",
    "reclamations",
    "enquetes",
    "avis",
)
COLONNES_COMMANDES_AVANT = (
    "id_commande",
    "id_client",
    "id_commercial",
    "date_commande",
    "statut",
    "remise_pct",
)

# Per-table fingerprints (first 16 hex digits of tests/outils/empreintes_par_table) computed on
# main (134e466) before the bloc 2 tables existed: the 300-client base of the tests and the
# 3 000-client base drawn by the large builds' path. ``commandes`` without its new column.
AVANT_300 = {
    "communes": "35f2a7ff9423d1a6",
    "secteurs": "a19a7cfee44683ed",
    "commerciaux": "e634b91de734fd48",
    "clients": "d3025211c031cc18",
    "prospects": "57497fc303549544",
    "prospects_defauts": "08e506f75711512c",
    "produits": "73720fb641d73b47",
    "commandes": "4ae636431e4444fe",
    "lignes_commande": "ba253a43fd8b69f0",
    "factures": "91f8bb5db465e740",
    "reglements": "edbbe1f33d643cf4",
    "visites": "2f108e29baa515ee",
    "objectifs": "63b93f5761f9e64c",
}
AVANT_3000_VECTORISEE = {
    "communes": "35f2a7ff9423d1a6",
    "secteurs": "a19a7cfee44683ed",
    "commerciaux": "91cfd27105f2e525",
    "clients": "c64ab318c4120dfe",
    "prospects": "c3c508bcb54609f2",
    "prospects_defauts": "0b36538c5468be8e",
    "produits": "73720fb641d73b47",
    "commandes": "afee76820115e9b4",
    "lignes_commande": "8c8700ec3ab2d01c",
    "factures": "05bee720e1848e8b",
    "reglements": "799dff266da7d653",
    "visites": "d754c7ac5c0c31d0",
    "objectifs": "18a8a96bb88cde97",
}


def empreintes_avant(chemin: Path) -> dict[str, str]:
    return {
        t: empreinte_table(chemin, t, COLONNES_COMMANDES_AVANT if t == "commandes" else None)[:16]
        for t in AVANT_300
    }


@pytest.fixture(scope="module")
def base_2000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference base of the class: 2 000 clients, seed 2026 (as ``make db``)."""
    chemin = tmp_path_factory.mktemp("base_2000") / "clients.db"
    construire_base(chemin, clients=2000, graine=2026)
    return chemin


def requete(chemin: Path, sql: str, *parametres) -> list[tuple]:
    con = sqlite3.connect(f"file:{chemin}?mode=ro", uri=True)
    try:
        return con.execute(sql, parametres).fetchall()
    finally:
        con.close()


def valeur(chemin: Path, sql: str, *parametres):
    return requete(chemin, sql, *parametres)[0][0]


# ---------------------------------------------------------------- the other tables unchanged
def test_the_tables_of_the_300_client_base_keep_their_rows(base_demo):
    assert empreintes_avant(base_demo) == AVANT_300


def test_the_tables_of_a_vectorised_build_keep_their_rows(base_vectorisee_3000):
    assert empreintes_avant(base_vectorisee_3000) == AVANT_3000_VECTORISEE


# ---------------------------------------------------------------- commandes.canal
def test_every_b2b_order_has_a_channel_and_the_rep_takes_most_of_them(base_2000):
    par_canal = dict(requete(base_2000, "SELECT canal, COUNT(*) FROM commandes GROUP BY canal"))
    assert par_canal == {
        "représentant": 21537,
        "téléphone": 3827,
        "site": 1541,
        "marketplace": 746,
    }
    assert set(par_canal) == set(CANAUX_COMMANDE)


def test_no_order_goes_through_a_channel_before_it_opened(base_2000, base_vectorisee_3000):
    for base in (base_2000, base_vectorisee_3000):
        assert (
            valeur(
                base,
                "SELECT COUNT(*) FROM commandes WHERE (canal = 'site' AND date_commande < "
                "'2023-09-01') OR (canal = 'marketplace' AND date_commande < '2024-04-01')",
            )
            == 0
        )
        # GMS buy from the rep or by phone only
        assert (
            valeur(
                base,
                "SELECT COUNT(*) FROM commandes JOIN clients USING (id_client) "
                "WHERE type_client = 'GMS' AND canal NOT IN ('représentant', 'téléphone')",
            )
            == 0
        )
        assert valeur(base, "SELECT COUNT(*) FROM commandes WHERE canal = 'marketplace'") > 0


def test_the_channel_is_drawn_again_identically_for_the_same_seed(base_demo, tmp_path):
    autre = tmp_path / "autre.db"
    construire_base(autre, clients=300, graine=2026, processus_ecriture=True)
    for table in ("commandes", *BLOC_2):
        assert empreinte_table(autre, table) == empreinte_table(base_demo, table), table
