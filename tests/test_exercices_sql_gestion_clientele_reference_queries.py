"""Every SQL exercise of the unit « gestion de clientèles »: declared completely, and its
reference query runs on the demo base (and, marked slow, on a 100,000-client build)."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.exercices import ControleSQL, exercices_de_l_unite
from widgets.exercices.controles_sql import MAX_LIGNES, resultat_de
from widgets.sql import executer_requete

MODULES_H8 = {
    "requetes_simples",
    "agregats",
    "jointures",
    "sous_requetes",
    "fiabilisation_prospects",
    "segmentation",
}
ETUDIANTS = ("alice", "bob", "chloé")
EXERCICES = [e for e in exercices_de_l_unite("gestion_clientele") if e.theme in MODULES_H8]


def _sur(controle: ControleSQL, base: Path) -> ControleSQL:
    return ControleSQL(
        controle.sql_reference,
        base=base,
        ordre_compte=controle.ordre_compte,
        cles_ordre=controle.cles_ordre,
    )


def test_at_least_thirty_sql_exercises_spread_over_the_themes():
    assert len(EXERCICES) >= 30
    par_theme = {t: sum(e.theme == t for e in EXERCICES) for t in MODULES_H8}
    assert min(par_theme.values()) >= 4, par_theme
    assert len({e.code for e in EXERCICES}) == len(EXERCICES)


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.code)
def test_exercise_is_complete_and_its_reference_is_judged_right_on_base_demo(exercice, base_demo):
    for etudiant in ETUDIANTS:
        variante = exercice.variante(etudiant)
        assert isinstance(variante.controle, ControleSQL)
        assert len(variante.indices) >= 2 and variante.solution.strip()
        assert variante.enonce.strip()
        assert "S822" in exercice.savoirs
        controle = _sur(variante.controle, base_demo)
        attendu = resultat_de(controle.sql_reference, base_demo)
        assert not attendu.tronque
        assert len(attendu.lignes) < MAX_LIGNES
        assert controle.verifier(controle.sql_reference).correct
        assert variante.controle.reponse_attendue().startswith("```")
    # same student, same figures; the statement is reproducible
    assert exercice.variante("alice").enonce == exercice.variante("alice").enonce


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.code)
def test_a_wrong_query_is_not_accepted(exercice, base_demo):
    controle = _sur(exercice.variante("alice").controle, base_demo)
    verdict = controle.verifier("SELECT 'rien' AS x WHERE 1 = 0")
    assert not verdict.correct and verdict.message


def test_variants_differ_between_students():
    differents = sum(
        len({e.variante(f"etudiant{i}").controle.sql_reference for i in range(12)}) > 1
        for e in EXERCICES
    )
    assert differents >= len(EXERCICES) - 3


@pytest.mark.slow
@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.code)
def test_reference_query_runs_within_the_time_limit_on_100k_clients(exercice, base_100k):
    """The reference answer of every variant stays within the students' time limit and row
    cap on the 100,000-client build (``base_100k``: built by ``make test``)."""
    base = base_100k
    for etudiant in ETUDIANTS:
        sql = exercice.variante(etudiant).controle.sql_reference
        resultat = executer_requete(sql, base, lignes_max=MAX_LIGNES, delai_s=2.0)
        assert not resultat.truncated, (exercice.code, etudiant)
