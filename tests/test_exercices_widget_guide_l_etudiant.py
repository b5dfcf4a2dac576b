"""The exercise widget, driven from Python as a student would click: attempt, hint, solution."""

from __future__ import annotations

import random
from decimal import Decimal as D

import pytest

from widgets.donnees.progression import Progression
from widgets.exercices import ControleNombre, Piege, Variante, exercice
from widgets.exercices.registre import retirer_exercice
from widgets.ui.exercice import Exercice, PanneauProgression


def _double(alea: random.Random) -> Variante:
    prix = D(alea.randint(10, 99))
    return Variante(
        enonce=f"Doublez **{prix}** €.",
        controle=ControleNombre(
            prix * 2, libelle="Double", pieges=(Piege("moitie", prix / 2, "Vous avez divisé."),)
        ),
        indices=("Multipliez par 2.", "Le double de 10 est 20."),
        solution="On multiplie par 2.",
        parametres={"prix": prix},
    )


CODE = "divers/double-widget"


@pytest.fixture(autouse=True)
def exercice_de_test():
    """Declared for each test and removed after it (the registry stays the catalogue's)."""
    exercice("double-widget", "Doubler un prix", essais_avant_solution=2)(_double)
    yield
    retirer_exercice(CODE)


def nouveau(etudiant="alice", **kw):
    return Exercice(CODE, etudiant, progression=Progression(), **kw)


def test_the_widget_carries_the_css_classes_and_renders_the_statement():
    ex = nouveau()
    assert "atelier-exercice" in ex._dom_classes
    assert all("atelier-reponse" in s._dom_classes for s in ex.champs.values())
    assert "atelier-retour" in ex.zone_retour._dom_classes
    prix = ex.variante.parametres["prix"]
    assert f"<strong>{prix}</strong>" in ex.enonce.value


def test_a_wrong_then_right_attempt_gives_french_feedback_saves_it_and_shows_the_solution():
    ex = nouveau()
    prix = ex.variante.parametres["prix"]
    ex.remplir(str(prix / 2))
    verdict = ex.verifier()
    assert verdict.piege == "moitie" and "divisé" in ex.retour
    assert "divisé" in ex.zone_retour.value
    assert not ex.solution_visible
    ex.remplir(str(prix * 2).replace(".", ","))
    assert ex.verifier().correct and ex.retour.startswith("Juste")
    assert ex.solution_visible and "multiplie par 2" in ex.zone_solution.value
    etat = Progression().etat("alice")[CODE]
    assert (etat.tentatives, etat.reussi) == (2, True)


def test_unreadable_answers_are_explained_and_not_counted():
    ex = nouveau()
    for saisie in ("", "abc", "12,5,3"):
        ex.remplir(saisie)
        assert not ex.verifier().lisible
        assert "Double" in ex.retour
    assert Progression().etat("alice") == {}


def test_the_solution_appears_after_the_allowed_number_of_wrong_attempts():
    ex = nouveau()
    ex.remplir("1")
    ex.verifier()
    assert not ex.solution_visible
    ex.verifier()
    assert ex.solution_visible
    assert nouveau().solution_visible  # still visible when the notebook is reopened


def test_hints_come_one_after_the_other_and_are_remembered():
    ex = nouveau()
    assert ex.indice() == "Multipliez par 2."
    assert ex.indice() == "Le double de 10 est 20."
    assert ex.indice() == "Le double de 10 est 20."  # no more hints: the last one stays
    assert "Indice 2" in ex.zone_indices.value
    assert Progression().etat("alice")[CODE].indices == 2


def test_typing_another_name_gives_that_students_variant():
    ex = nouveau("alice")
    autre = next(
        n
        for n in (f"e{i}" for i in range(50))
        if nouveau(n).variante.parametres != ex.variante.parametres
    )
    ex.champ_nom.value = autre
    assert ex.variante.parametres == nouveau(autre).variante.parametres


def test_the_progress_panel_follows_the_attempts():
    panneau = PanneauProgression("divers", "alice", progression=Progression())
    assert ("divers/double-widget", "Doubler un prix", 0, 0, False, 0) in panneau.lignes()
    ex = nouveau()
    ex.remplir(str(ex.variante.parametres["prix"] * 2))
    ex.verifier()
    assert ("divers/double-widget", "Doubler un prix", 1, 100, True, 0) in panneau.lignes()
    assert "✅" in panneau.tableau.value  # refreshed automatically
    assert "✓ Doubler un prix : 1 tentative, meilleur score 100 %" in panneau.texte()


def test_a_missing_database_is_explained_in_french_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_BASE", str(tmp_path / "absente.db"))
    ex = Exercice("gestion_clientele/sql-compter-1", "alice", progression=Progression())
    assert "atelier-reponse-sql" in ex.champs["sql"]._dom_classes
    ex.remplir("SELECT COUNT(*) FROM commandes")
    verdict = ex.verifier()
    assert not verdict.lisible and "introuvable" in ex.retour
    assert Progression().etat("alice") == {}


def test_the_test_exercise_is_seen_as_outside_the_catalogue_and_can_be_removed():
    from widgets.exercices.registre import exercices_hors_catalogue, tous_les_exercices

    assert exercices_hors_catalogue() == [CODE]  # what the conftest guard checks after each test
    retirer_exercice(CODE)
    assert exercices_hors_catalogue() == [] and CODE not in tous_les_exercices()
