"""The data dictionary covers every column of every table and docs/dictionnaire.md is current."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from widgets.donnees.generation.dictionnaire import FICHIER_DOC, dictionnaire_markdown


def test_dictionary_table_has_one_meaningful_row_per_real_column(base_demo):
    con = sqlite3.connect(base_demo)
    tables = [
        r[0]
        for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        if not r[0].startswith("sqlite_")
    ]
    reelles = {(t, r[1], r[2]) for t in tables for r in con.execute(f"PRAGMA table_info({t})")}
    decrites = set(con.execute("SELECT table_nom, colonne, type FROM dictionnaire"))
    assert decrites == reelles
    assert con.execute(
        "SELECT COUNT(*) FROM dictionnaire WHERE length(signification) < 8"
    ).fetchone() == (0,)
    assert con.execute(
        "SELECT cle FROM dictionnaire WHERE table_nom = 'clients' AND colonne = 'id_commercial'"
    ).fetchone() == ("clé étrangère → commerciaux.id_commercial",)
    assert con.execute(
        "SELECT cle FROM dictionnaire WHERE table_nom = 'factures' AND colonne = 'id_facture'"
    ).fetchone() == ("clé primaire",)


def test_committed_markdown_equals_the_generated_one():
    assert FICHIER_DOC == Path(__file__).resolve().parents[1] / "docs" / "dictionnaire.md"
    assert FICHIER_DOC.read_text(encoding="utf-8") == dictionnaire_markdown(), (
        "régénérer : python -m widgets.donnees.generation.dictionnaire"
    )


def test_markdown_has_a_section_and_a_row_per_column():
    texte = dictionnaire_markdown()
    assert "## `lignes_commande`" in texte
    assert (
        "| `montant_ht` | REAL | quantite × prix_unitaire_ht × (1 − remise_pct / 100), "
        "arrondi au centime | `811.44` |  |" in texte
    )
