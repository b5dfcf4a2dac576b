"""Exam mode in the exercise widget, through the widget protocol: no hint button, no solution
in ANY widget model state (what the kernel sends to the browser on ``request_states``),
feedback limited to "Réponse enregistrée.", answers refused and not saved after the end."""

from __future__ import annotations

import html
import json
from datetime import datetime

import pytest
from ipywidgets.widgets.widget import _instances

from widgets.donnees import devoirs as donnees_devoirs
from widgets.donnees.devoirs import PARIS, devoir, enregistrer_devoir
from widgets.donnees.progression import Progression
from widgets.exercices import exercice_par_code
from widgets.exercices.markdown import markdown_en_html
from widgets.ui.devoir import FeuilleDevoir
from widgets.ui.exercice import Exercice, PanneauProgression

CODE = "relation_client/net-a-payer-1"
PENDANT = datetime(2026, 12, 1, 11, 0, tzinfo=PARIS)
FIN = datetime(2026, 12, 1, 12, 0, tzinfo=PARIS)


def tous_les_etats() -> str:
    """Every widget model state of the kernel, as the front-end would receive them."""
    return "\n".join(
        json.dumps(w.get_state(), ensure_ascii=False, default=str)
        for w in list(_instances.values())
    )


def secrets(etudiant: str, graine: int) -> list[str]:
    """Texts that reveal the answer: rendered solution, expected answer, each hint."""
    v = exercice_par_code(CODE).variante(etudiant, graine)
    attendu = v.controle.reponse_attendue().replace("*", "").split("=")[-1].strip()
    return [
        markdown_en_html(v.solution),
        markdown_en_html(v.controle.reponse_attendue()),
        attendu,
        *v.indices,
    ]


@pytest.fixture
def examen(monkeypatch):
    d = devoir(
        "Contrôle net à payer",
        [(CODE, 5)],
        mode="examen",
        debut="2026-12-01T10:00",
        fin="2026-12-01T12:00",
    )
    enregistrer_devoir(d)
    horloge = {"maintenant": PENDANT}
    monkeypatch.setattr(donnees_devoirs, "maintenant", lambda: horloge["maintenant"])
    return d, horloge


def test_without_exam_the_scan_does_see_the_solution_after_three_tries(
    tmp_path, dossier_utilisateur_temporaire
):
    # Guard: the same scan finds the solution when it IS sent (ordinary training mode).
    ex = Exercice(CODE, "Témoin Hors Examen", progression=Progression(tmp_path / "p.sqlite"))
    assert not (dossier_utilisateur_temporaire / "classe").exists()  # reading creates nothing
    for _ in range(3):
        ex.remplir("1")
        ex.verifier()
    assert ex.solution_visible
    etats = tous_les_etats()
    assert all(s in etats for s in secrets("Témoin Hors Examen", 0)[:3])


def test_in_exam_no_widget_state_ever_contains_the_solution(examen, tmp_path):
    d, horloge = examen
    etudiant = "Zoé Examen"
    progression = Progression(tmp_path / "p.sqlite")
    ex = Exercice(CODE, etudiant, graine=d.graine, progression=progression)
    assert ex.bouton_indice not in ex.barre.children
    assert "Examen « Contrôle net à payer » jusqu'à 12:00" in html.unescape(ex.zone_regles.value)
    assert ex.indice() == "Pas d'indice pendant un examen."
    for _ in range(3):
        ex.remplir("1")
        verdict = ex.verifier()
        assert not verdict.correct  # judged in the kernel...
        assert ex.retour.startswith("Réponse enregistrée (réponse n° ")  # ... not told
    assert not ex.solution_visible
    etats = tous_les_etats()
    for secret in secrets(etudiant, d.graine):
        assert secret not in etats, secret
    # the right answer (now typed by the student, so in the field): still no solution shown
    solution, attendu_html, attendu, *indices = secrets(etudiant, d.graine)
    ex.remplir(attendu)
    assert ex.verifier().correct
    assert ex.retour == "Réponse enregistrée (réponse n° 4, la dernière compte)."
    assert not ex.solution_visible
    etats = tous_les_etats()
    for secret in (solution, attendu_html, *indices):
        assert secret not in etats, secret
    assert all(marque.value == "" for marque in ex.marques.values())  # no ✓ / ✗ either
    lignes = progression.tentatives(etudiant)
    assert [t["correct"] for t in lignes] == [0, 0, 0, 1]
    assert {t["graine"] for t in lignes} == {d.graine}

    # the exam ends: the open widget refuses the answer, saves nothing, still no solution
    horloge["maintenant"] = FIN
    ex.remplir("2")
    refus = ex.verifier()
    assert not refus.lisible
    assert "Le devoir « Contrôle net à payer » est terminé depuis 12:00" in ex.retour
    assert len(progression.tentatives(etudiant)) == 4
    assert not ex.solution_visible
    assert ex.indice() == "Pas d'indice pendant un examen."
    etats = tous_les_etats()
    for secret in (solution, attendu_html, *indices):
        assert secret not in etats, secret


def test_a_notebook_exercise_of_the_exam_gives_no_solution_during_it(examen, tmp_path):
    # Another tab with the ordinary notebook (seed 0): no hint, no solution while the exam runs.
    ex = Exercice(CODE, "Zoé Carnet", progression=Progression(tmp_path / "p.sqlite"))
    for _ in range(4):
        ex.remplir("1")
        ex.verifier()
    assert not ex.solution_visible and ex.retour.startswith("Réponse enregistrée")
    etats = tous_les_etats()
    assert not any(s in etats for s in secrets("Zoé Carnet", 0))


def test_the_students_sheet_shows_the_exam_in_progress_in_its_variant(examen, tmp_path):
    d, horloge = examen
    feuille = FeuilleDevoir(etudiant="Zoé Feuille", progression=Progression(tmp_path / "p.sqlite"))
    assert feuille.devoirs == [d]
    (ex,) = feuille.exercices
    assert (ex.code, ex.graine, ex.etudiant) == (CODE, d.graine, "Zoé Feuille")
    assert ex.bouton_indice not in ex.barre.children
    assert "Contrôle net à payer" in html.unescape(tous_les_etats())
    feuille.champ_nom.value = "Léo Feuille"  # one name for the sheet, every exercise follows
    assert ex.etudiant == "Léo Feuille"
    horloge["maintenant"] = FIN
    feuille.actualiser()
    assert feuille.exercices == [] and "Aucun devoir en cours." in feuille.entete.value


def test_the_progress_panel_does_not_tell_right_or_wrong_during_the_exam(examen, tmp_path):
    d, horloge = examen
    progression = Progression(tmp_path / "p.sqlite")
    ex = Exercice(CODE, "Zoé Panneau", graine=d.graine, progression=progression)
    ex.remplir(secrets("Zoé Panneau", d.graine)[2])
    assert ex.verifier().correct
    panneau = PanneauProgression("relation_client", "Zoé Panneau", progression=progression)
    ligne = next(ligne for ligne in panneau.lignes() if ligne[0] == CODE)
    assert ligne[2:5] == (1, 0, False)  # one answer, neither score nor success told
    horloge["maintenant"] = FIN  # after the exam the result is shown
    ligne = next(ligne for ligne in panneau.lignes() if ligne[0] == CODE)
    assert ligne[2:5] == (1, 100, True)


def test_a_widget_opened_before_the_exam_hides_its_hints_and_solution_once_it_begins(
    examen, tmp_path
):
    d, horloge = examen
    horloge["maintenant"] = datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)  # training, before
    ex = Exercice(CODE, "Zoé Avant", progression=Progression(tmp_path / "p.sqlite"))
    ex.indice()
    for _ in range(3):
        ex.remplir("1")
        ex.verifier()
    assert ex.solution_visible and ex.zone_indices.value
    horloge["maintenant"] = PENDANT  # the exam begins; the student clicks again
    ex.remplir("2")
    ex.verifier()
    assert not ex.solution_visible and ex.zone_indices.value == ""
    assert ex.bouton_indice not in ex.barre.children
    etats = tous_les_etats()
    assert not any(s in etats for s in secrets("Zoé Avant", 0))
