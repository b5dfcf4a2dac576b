"""``make test-rapide`` leaves out browser, server and 100 000-client tests, classified by
tests/conftest.py from the fixtures each test uses (no edit needed in a new test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
VOIES = ("navigateur", "serveur", "base_100k")
SONDE = """
def pytest_collection_finish(session):
    for item in session.items:
        voies = sorted(m.name for m in item.iter_markers() if m.name in {voies!r})
        print("VOIE", item.nodeid.split("::")[0], item.name, ",".join(voies) or "rapide")
"""


def _voies(tmp_path: Path, *fichiers: str) -> dict[str, set[str]]:
    """{file: lanes of its tests} as the real collection marks them (one pytest run)."""
    (tmp_path / "sonde_voies.py").write_text(SONDE.format(voies=set(VOIES)), encoding="utf-8")
    sortie = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        + ["-p", "sonde_voies", *fichiers],
        cwd=RACINE,
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "PYTHONPATH": str(tmp_path)},
    )
    assert sortie.returncode == 0, sortie.stdout + sortie.stderr
    voies: dict[str, set[str]] = {}
    for ligne in sortie.stdout.splitlines():
        if ligne.startswith("VOIE "):
            _, fichier, nom, marques = ligne.split(" ", 3)
            voies.setdefault(fichier, set()).add(("!" if "stop_signal" in nom else "") + marques)
    return voies


def test_each_test_is_put_in_its_lane_from_its_fixtures(tmp_path):
    voies = _voies(
        tmp_path,
        "tests/test_tableaux_de_bord_arret_propre_sans_noyau_orphelin.py",  # serveur_… fixture
        "tests/test_devoirs_examen_par_le_protocole_voila.py",  # starts its own server
        "tests/test_navigateur_tableaux_de_bord.py",  # page_eleve + a server
        "tests/test_exercices_sql_gestion_clientele_reference_queries.py",  # base_100k
    )
    # the signal-table test of the server module is pure; its stop test ("!") needs a server
    assert voies["tests/test_tableaux_de_bord_arret_propre_sans_noyau_orphelin.py"] == {
        "rapide",
        "!serveur",
    }
    assert voies["tests/test_devoirs_examen_par_le_protocole_voila.py"] == {"serveur"}
    assert voies["tests/test_navigateur_tableaux_de_bord.py"] == {"navigateur,serveur"}
    # the SQL exercises on the demo base stay in the fast lane, the 100 000-client run does not
    assert voies["tests/test_exercices_sql_gestion_clientele_reference_queries.py"] == {
        "rapide",
        "base_100k",
    }


def test_two_slices_hold_every_file_once_with_about_the_same_number_of_tests():
    from outils.voies import tranches

    comptes = {"a.py": 50, "b.py": 30, "c.py": 25, "d.py": 5, "e.py": 5}
    une, deux = tranches(comptes, 2)
    assert une | deux == set(comptes) and not une & deux
    # greedy, largest first: a (50) | b (30), c (25) → b+c = 55 | then d, e to a: 60 | 55
    assert une == {"a.py", "d.py", "e.py"} and deux == {"b.py", "c.py"}
    assert tranches(comptes, 2) == [une, deux]  # the same split in every process


def test_no_hypothesis_deadline_a_loaded_machine_would_miss():
    # Hypothesis fails an example slower than 200 ms by default: a wall-clock assert in disguise.
    from hypothesis import settings

    assert settings.default.deadline is None
