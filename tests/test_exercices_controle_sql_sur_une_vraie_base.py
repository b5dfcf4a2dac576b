"""ControleSQL through the real engine (widgets.sql.executer_requete): a tiny base with exact result
sets, then the three "premiers pas" exercises on the shared 300-client demo base."""

from __future__ import annotations

import sqlite3

import pytest

from widgets.exercices import ControleSQL, exercices_de_l_unite

CLIENTS = [
    (1, "Hyperval Lyon", "GMS", "Lyon", 50000.0),
    (2, "CE Airbus", "Comité d'entreprise", "Toulouse", 12000.0),
    (3, "Textiles du Nord", "Grossiste", "Lille", 30000.5),
    (4, "Bazar Lyonnais", "GMS", "Lyon", 8000.0),
    (5, "Souvenirs Tour", "Boutique de souvenirs", "Paris", 5000.0),
    (6, "Hyper Nice", "GMS", "Nice", 20000.0),
    (7, "Grossiste Sud", "Grossiste", "Marseille", 15000.0),
]


@pytest.fixture(scope="module")
def petite_base(tmp_path_factory):
    chemin = tmp_path_factory.mktemp("sql") / "petite.db"
    cx = sqlite3.connect(chemin)
    cx.execute(
        "CREATE TABLE clients (id_client INTEGER PRIMARY KEY, raison_sociale TEXT,"
        " type_client TEXT, ville TEXT, plafond_credit REAL)"
    )
    cx.executemany("INSERT INTO clients VALUES (?, ?, ?, ?, ?)", CLIENTS)
    cx.commit()
    cx.close()
    return chemin


def test_reference_result_is_the_exact_set(petite_base):
    c = ControleSQL(
        "SELECT raison_sociale, ville FROM clients WHERE type_client = 'GMS'", petite_base
    )
    assert sorted(c.resultat_attendu().lignes) == [
        ("Bazar Lyonnais", "Lyon"),
        ("Hyper Nice", "Nice"),
        ("Hyperval Lyon", "Lyon"),
    ]


def test_aliases_column_order_and_row_order_are_ignored(petite_base):
    c = ControleSQL(
        "SELECT raison_sociale, ville FROM clients WHERE type_client = 'GMS'", petite_base
    )
    verdict = c.verifier(
        "SELECT ville AS commune, raison_sociale AS nom FROM clients"
        " WHERE type_client = 'GMS' ORDER BY ville DESC"
    )
    assert verdict.correct, verdict.message


def test_row_order_counts_when_the_question_asks_for_order_by(petite_base):
    c = ControleSQL(
        "SELECT raison_sociale, plafond_credit FROM clients ORDER BY plafond_credit DESC",
        petite_base,
        ordre_compte=True,
    )
    assert c.verifier("SELECT raison_sociale, plafond_credit FROM clients ORDER BY 2 DESC").correct
    verdict = c.verifier(
        "SELECT raison_sociale, plafond_credit FROM clients ORDER BY plafond_credit"
    )
    assert not verdict.correct and "ORDER BY" in verdict.message


def test_three_missing_rows_and_an_extra_column_are_reported(petite_base):
    c = ControleSQL("SELECT raison_sociale FROM clients WHERE plafond_credit >= 12000", petite_base)
    # reference: Hyperval, CE Airbus, Textiles du Nord, Hyper Nice, Grossiste Sud (5 rows)
    manque = c.verifier("SELECT raison_sociale FROM clients WHERE plafond_credit > 20000")
    assert "3 lignes manquantes" in manque.message and not manque.correct
    trop = c.verifier("SELECT raison_sociale, ville FROM clients WHERE plafond_credit >= 12000")
    assert "colonne en trop : ville" in trop.message and not trop.correct
    en_trop = c.verifier("SELECT raison_sociale FROM clients")
    assert "2 lignes en trop" in en_trop.message


def test_numbers_are_compared_to_the_cent(petite_base):
    c = ControleSQL("SELECT ROUND(AVG(plafond_credit), 2) FROM clients", petite_base)
    # 140 000,50 / 7 = 20 000,0714… → 20 000,07
    assert c.verifier("SELECT AVG(plafond_credit) AS moyenne FROM clients").correct


def test_a_failing_query_gets_the_engines_french_message(petite_base):
    c = ControleSQL("SELECT raison_sociale FROM clients", petite_base)
    verdict = c.verifier("SELECT raison_sociale FROM client")
    assert not verdict.correct and verdict.lisible
    assert "n'existe pas" in verdict.message and "clients" in verdict.message
    refus = c.verifier("DELETE FROM clients")
    assert not refus.correct and "lecture" in refus.message.lower()
    assert not c.verifier("   ").lisible


@pytest.mark.parametrize(
    "ex",
    [e for e in exercices_de_l_unite("gestion_clientele") if e.theme == "premiers_pas_sql"],
    ids=lambda e: e.code,
)
def test_premiers_pas_exercises_accept_their_reference_and_reject_a_wrong_query(
    ex, base_demo, monkeypatch
):
    monkeypatch.setenv("ATELIER_BASE", str(base_demo))
    for etudiant in ("alice", "bob", "carla"):
        c = ex.variante(etudiant).controle
        assert c.resultat_attendu().lignes, "la requête de référence ne doit pas être vide"
        assert c.verifier(c.sql_reference).correct
        assert not c.verifier("SELECT raison_sociale FROM clients WHERE id_client < 4").correct
