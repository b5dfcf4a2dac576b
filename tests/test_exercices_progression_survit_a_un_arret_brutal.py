"""The progress store: each attempt one transaction; a killed kernel loses nothing committed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.donnees.progression import Progression, identifiant_etudiant, lire_progressions


def enregistrer(p: Progression, exercice: str, correct: bool, score: float) -> None:
    p.enregistrer_tentative(
        "alice", "relation_client", exercice, {"reponse": "12"}, correct, score, "msg"
    )


def test_attempts_and_hints_are_summarised_per_exercise(tmp_path):
    p = Progression(tmp_path / "p.sqlite")
    enregistrer(p, "relation_client/a", False, 0.0)
    enregistrer(p, "relation_client/a", True, 1.0)
    enregistrer(p, "relation_client/b", False, 0.5)
    p.enregistrer_indice("alice", "relation_client", "relation_client/b", 1)
    p.enregistrer_indice("alice", "relation_client", "relation_client/b", 1)  # same hint again
    etat = p.etat("alice", "relation_client")
    assert (etat["relation_client/a"].tentatives, etat["relation_client/a"].reussi) == (2, True)
    assert (etat["relation_client/b"].meilleur_score, etat["relation_client/b"].indices) == (0.5, 1)
    assert p.etat("bob") == {}
    assert [t["correct"] for t in p.tentatives("alice", "relation_client/a")] == [0, 1]


def test_default_file_is_in_the_student_data_folder(dossier_utilisateur_temporaire):
    assert Progression().chemin == dossier_utilisateur_temporaire / "progression.sqlite"


def test_an_exception_inside_the_transaction_leaves_previous_attempts_intact(tmp_path):
    p = Progression(tmp_path / "p.sqlite")
    enregistrer(p, "relation_client/a", True, 1.0)
    with pytest.raises(RuntimeError):
        with p.transaction() as cx:
            cx.execute(
                "INSERT INTO tentatives (horodatage, etudiant, unite, exercice, reponse, correct,"
                " score, message) VALUES ('x', 'alice', 'u', 'e', '', 0, 0, '')"
            )
            raise RuntimeError("le noyau s'arrête")
    assert len(p.tentatives()) == 1


ECRIVAIN = """
import sys, time
from widgets.donnees.progression import Progression
p = Progression(sys.argv[1])
with p.transaction() as cx:
    for i in range(2000):
        cx.execute(
            "INSERT INTO tentatives (horodatage, etudiant, unite, exercice, reponse, correct,"
            " score, message) VALUES ('x', 'alice', 'u', 'e', ?, 0, 0, '')", ("x" * 500,))
    print("en cours", flush=True)
    time.sleep(60)
"""


def test_a_process_killed_in_the_middle_of_a_write_loses_nothing_committed(tmp_path):
    chemin = tmp_path / "p.sqlite"
    p = Progression(chemin)
    for i in range(3):
        enregistrer(p, f"relation_client/e{i}", i == 2, i / 2)
    proc = subprocess.Popen(
        [sys.executable, "-c", ECRIVAIN, str(chemin)],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert proc.stdout.readline().strip() == b"en cours"  # 2 000 rows written, not committed
        assert (tmp_path / "p.sqlite-journal").exists()
    finally:
        proc.kill()
        proc.wait()
    # the next opening rolls the half-written transaction back
    assert [t["exercice"] for t in Progression(chemin).tentatives()] == [
        "relation_client/e0",
        "relation_client/e1",
        "relation_client/e2",
    ]
    cx = sqlite3.connect(chemin)
    assert cx.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    cx.close()
    enregistrer(Progression(chemin), "relation_client/e3", True, 1.0)  # still writable
    assert len(Progression(chemin).tentatives()) == 4


def test_collected_files_are_read_together_with_their_name(tmp_path):
    for nom in ("alice", "bob"):
        p = Progression(tmp_path / f"{nom}.sqlite")
        p.enregistrer_tentative(nom, "u", "u/x", "1", True, 1.0, "ok")
    lignes = lire_progressions(sorted(tmp_path.glob("*.sqlite")))
    assert [(t["etudiant"], t["fichier"]) for t in lignes] == [
        ("alice", "alice.sqlite"),
        ("bob", "bob.sqlite"),
    ]


def test_student_identity_name_then_env_then_remembered_never_the_os_login(monkeypatch):
    from widgets.donnees.identite import memoriser_identite

    monkeypatch.setenv("ATELIER_ETUDIANT", "Camille")
    assert identifiant_etudiant(" Léa ") == "Léa"
    assert identifiant_etudiant() == "Camille"
    monkeypatch.delenv("ATELIER_ETUDIANT")
    assert identifiant_etudiant() == ""  # never the OS login ("root" on a lab server)
    memoriser_identite("Zoé Petit")  # typed once in an exercise
    assert identifiant_etudiant() == "Zoé Petit"
