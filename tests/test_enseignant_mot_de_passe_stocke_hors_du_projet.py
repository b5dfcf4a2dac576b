"""`atelier enseignant mot-de-passe`: the teacher's password, hashed, outside the project.

The teacher never pastes a Python one-liner nor edits a tracked file: the command asks twice
(or reads a script's standard input) and the dashboards settings read the hash from the
user config folder (``ATELIER_REGLAGES`` here), where a ``git pull`` never goes.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from jupyter_server.auth import passwd_check

from widgets.tableaux_de_bord import charger_reglages
from widgets.tableaux_de_bord.reglages_enseignant import commande_mot_de_passe

RACINE = Path(__file__).resolve().parents[1]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _fichier() -> Path:
    return Path(os.environ["ATELIER_REGLAGES"])


def test_the_command_reads_the_password_on_stdin_and_stores_only_its_hash():
    resultat = subprocess.run(
        [sys.executable, "-m", "widgets.cli", "enseignant", "mot-de-passe"],
        input="craie-verte-2026\n",
        capture_output=True,
        text=True,
        cwd=RACINE,
        timeout=60,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "mot de passe enregistré" in resultat.stdout
    stocke = json.loads(_fichier().read_text(encoding="utf-8"))
    empreinte = stocke["ConfigTableauxDeBord"]["mot_de_passe_enseignant"]
    assert "craie-verte-2026" not in _fichier().read_text(encoding="utf-8")
    assert passwd_check(empreinte, "craie-verte-2026")
    assert not passwd_check(empreinte, "craie-verte-2025")
    # The dashboards server reads it, over the IT's settings file of the project.
    assert charger_reglages().mot_de_passe_enseignant == empreinte
    assert not _fichier().resolve().is_relative_to(RACINE)


def test_two_different_answers_change_nothing_and_say_so_in_french(capsys):
    reponses = iter(["premier-essai", "second-essai"])
    code = commande_mot_de_passe(_Terminal(), demander=lambda _invite: next(reponses))
    assert code == 2
    assert "Les deux mots de passe diffèrent" in capsys.readouterr().err
    assert not _fichier().exists()


def test_the_same_answer_twice_sets_it_and_keeps_the_other_settings(capsys):
    _fichier().write_text(
        json.dumps({"ConfigTableauxDeBord": {"taille_classe": 24}}), encoding="utf-8"
    )
    code = commande_mot_de_passe(_Terminal(), demander=lambda _invite: "tableau-noir-7")
    assert code == 0
    reglages = charger_reglages()
    assert reglages.taille_classe == 24
    assert passwd_check(reglages.mot_de_passe_enseignant, "tableau-noir-7")


def test_a_too_short_password_is_refused(capsys):
    code = commande_mot_de_passe(io.StringIO("court\n"))
    assert code == 2
    assert "au moins 8 caractères" in capsys.readouterr().err
    assert not _fichier().exists()


def test_the_class_size_is_kept_outside_the_project_too(capsys):
    from widgets.cli import main

    assert main(["enseignant", "taille-classe", "24"]) == 0
    assert "taille de la classe enregistrée (24 élèves)" in capsys.readouterr().out
    assert charger_reglages().taille_classe == 24
    stocke = json.loads(_fichier().read_text(encoding="utf-8"))
    assert stocke == {"ConfigTableauxDeBord": {"taille_classe": 24}}
