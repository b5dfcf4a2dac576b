"""UPDATE / DELETE exercises on the prospects file, judged by the state they leave.

Each check replays the statement on a throw-away copy of the first batch of prospects; the
reference base is only read (byte-identical afterwards).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from widgets.exercices import exercices_de_l_unite
from widgets.exercices.controles_sql import ControleModification

EXERCICES = [e for e in exercices_de_l_unite("gestion_clientele") if e.theme == "mises_a_jour"]


def _sur(controle: ControleModification, base: Path) -> ControleModification:
    return ControleModification(
        controle.sql_reference, controle.sql_verification, controle.tables, base=base
    )


def _empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def test_five_update_exercises_are_declared():
    assert {e.code.split("/")[1] for e in EXERCICES} == {
        "sql-maj-majuscules",
        "sql-maj-codes-postaux",
        "sql-maj-telephones",
        "sql-maj-ville-manquante",
        "sql-suppr-doublons",
    }


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.code)
def test_the_reference_statement_is_right_and_the_base_untouched(exercice, base_demo):
    avant = _empreinte(base_demo)
    for etudiant in ("alice", "bob", "chloé"):
        variante = exercice.variante(etudiant)
        controle = _sur(variante.controle, base_demo)
        verdict = controle.verifier(controle.sql_reference)
        assert verdict.correct, verdict.message
        assert verdict.message.startswith("Juste : votre instruction (")
        assert len(variante.indices) >= 2 and variante.solution
        assert "Vérification" in controle.reponse_attendue()
    assert _empreinte(base_demo) == avant


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.code)
def test_a_statement_that_changes_nothing_is_wrong(exercice, base_demo):
    controle = _sur(exercice.variante("alice").controle, base_demo)
    verdict = controle.verifier("UPDATE prospects SET ville = ville WHERE 1 = 0")
    assert not verdict.correct
    assert verdict.message.startswith("Pas encore : après votre instruction (0 ligne modifiée)")


def test_feedback_for_select_error_partial_fix_and_equivalent_fix(base_demo):
    (exercice,) = [e for e in EXERCICES if e.code.endswith("sql-maj-majuscules")]
    controle = _sur(exercice.variante("alice").controle, base_demo)
    assert "ne modifie rien" in controle.verifier("SELECT * FROM prospects").message
    erreur = controle.verifier("UPDATE prospect SET contact_nom = 1")
    assert not erreur.correct and "prospects" in erreur.message
    assert controle.verifier("   ").lisible is False
    partiel = controle.verifier(
        "UPDATE prospects SET contact_nom = UPPER(contact_nom) WHERE id_prospect < 0"
    )
    assert not partiel.correct and "lignes manquantes" in partiel.message
    # without WHERE every row is rewritten, but the table ends in the expected state
    assert controle.verifier("UPDATE prospects SET contact_nom = UPPER(contact_nom)").correct


def test_deleting_everything_is_not_deleting_duplicates(base_demo):
    (exercice,) = [e for e in EXERCICES if e.code.endswith("sql-suppr-doublons")]
    controle = _sur(exercice.variante("alice").controle, base_demo)
    verdict = controle.verifier("DELETE FROM prospects")
    assert not verdict.correct and "lignes manquantes" in verdict.message


@pytest.mark.slow
@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.code)
def test_the_check_works_on_a_100k_client_build(exercice, base_100k):
    """The modification checks also hold on the 100,000-client build (built by make test)."""
    base = base_100k
    controle = _sur(exercice.variante("alice").controle, base)
    assert controle.verifier(controle.sql_reference).correct
