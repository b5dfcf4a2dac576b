"""The per-student SQL history (data layer): order, repeats, pruning, one file per student."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.donnees import historique_sql
from widgets.donnees.historique_sql import HistoriqueSQL


def test_entries_come_back_most_recent_first_with_their_outcome(dossier_utilisateur_temporaire):
    h = HistoriqueSQL()
    assert h.chemin == dossier_utilisateur_temporaire / "historique_sql.db"
    h.ajouter("SELECT 1", base="a.db", nb_lignes=1, duree_s=0.01)
    h.ajouter("SELECT * FROM x", base="a.db", erreur="La table « x » n'existe pas.")
    h.ajouter("SELECT 2", base="b.db", nb_lignes=1)
    assert [e.sql for e in h.dernieres()] == ["SELECT 2", "SELECT * FROM x", "SELECT 1"]
    assert [e.sql for e in h.dernieres(base="a.db")] == ["SELECT * FROM x", "SELECT 1"]
    erreur = h.dernieres(base="a.db")[0]
    assert not erreur.reussie and erreur.libelle().endswith("(erreur)")
    assert h.dernieres(base="a.db")[1].libelle().endswith("— SELECT 1 (1 ligne)")


def test_an_immediate_repeat_is_noted_once_and_blank_queries_are_ignored():
    h = HistoriqueSQL()
    h.ajouter("SELECT 1", base="a.db", nb_lignes=1)
    assert h.ajouter("  SELECT 1  ", base="a.db", nb_lignes=1) is None
    assert h.ajouter("   ", base="a.db") is None
    assert len(h) == 1


def test_only_the_last_entries_are_kept(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(historique_sql, "TAILLE_MAXIMALE", 5)
    h = HistoriqueSQL()
    for i in range(12):
        h.ajouter(f"SELECT {i}")
    assert len(h) == 5
    assert [e.sql for e in h.dernieres(10)] == [f"SELECT {i}" for i in (11, 10, 9, 8, 7)]


def test_each_student_has_a_file_and_clearing_empties_it(dossier_utilisateur_temporaire: Path):
    alice, bob = HistoriqueSQL(etudiant="Alice Martin"), HistoriqueSQL(etudiant="bob")
    alice.ajouter("SELECT 'alice'")
    # slug + the first 10 hex digits of sha256("alice martin"), the normalised name
    assert alice.chemin.name == "historique_sql_alice-martin-483815675b.db"
    assert len(bob) == 0 and len(alice) == 1
    alice.effacer()
    assert len(alice) == 0
