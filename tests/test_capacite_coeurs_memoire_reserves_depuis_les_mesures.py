"""``atelier capacite``: cores, memory and pools computed by hand from the measured figures."""

from __future__ import annotations

import pytest

from widgets.cli import main
from widgets.erreurs import ErreurAtelier
from widgets.tableaux_de_bord.capacite import (
    APPLICATIONS_MESUREES,
    MESURES,
    applications_livrees,
    decrire_capacite,
    planifier_capacite,
)


def test_the_constants_are_the_measured_figures_with_their_source():
    assert MESURES["memoire_noyau_mo"].valeur == 85
    assert MESURES["memoire_serveur_mo"].valeur == 358
    assert MESURES["pages_froides_par_s_par_coeur"].valeur == 0.49
    assert MESURES["eleves_par_coeur"].valeur == 17.5
    for mesure in MESURES.values():
        assert "benchmarks/classroom.py" in mesure.source
        assert "2026-1" in mesure.source  # the date of the measurement


def test_one_class_of_35_gives_back_the_measured_machine():
    plan = planifier_capacite(35, 35, applications=APPLICATIONS_MESUREES)
    # 11 apps × 2 at rest + one class's pool of 36 = 58 kernels (the measured run).
    assert (plan.classes, plan.reserve_repos, plan.taille_classe) == (1, 22, 36)
    assert plan.noyaux_pic == 58
    # 58 × 85 + 358 = 5 288 MB: the measured peak; ⌈5 288 / 1 024⌉ = 6 GiB.
    assert (plan.memoire_mo, plan.memoire_gio) == (5288, 6)
    # 35 / 17.5 = 2 cores; preparing 36 kernels: 36 / 0.49 / 300 = 0.24 → 1.
    assert (plan.coeurs_service, plan.coeurs_preparation, plan.coeurs) == (2, 1, 2)


def test_300_students_120_at_once():
    plan = planifier_capacite(300, 120, applications=APPLICATIONS_MESUREES)
    # ⌈120 / 35⌉ = 4 classes; 22 + 4 × 36 = 166 kernels.
    assert plan.classes == 4
    assert plan.noyaux_pic == 166
    # 166 × 85 + 358 = 14 468 MB; 14 468 / 1 024 = 14.13 → 15 GiB.
    assert (plan.memoire_mo, plan.memoire_gio) == (14468, 15)
    # ⌈120 / 17.5⌉ = ⌈6.86⌉ = 7; 144 / 0.49 / 300 = 0.98 → 1.
    assert (plan.coeurs_service, plan.coeurs_preparation, plan.coeurs) == (7, 1, 7)
    assert plan.stockage_gio == 300


def test_preparation_needs_more_cores_than_serving_for_many_apps_open_at_once():
    # 700 students at once: 20 classes, 720 kernels to prepare: 720 / 0.49 / 300 = 4.9 → 5;
    # serving: 700 / 17.5 = 40 cores.
    plan = planifier_capacite(2000, 700, applications=APPLICATIONS_MESUREES)
    assert (plan.coeurs_service, plan.coeurs_preparation, plan.coeurs) == (40, 5, 40)
    assert plan.noyaux_pic == 22 + 20 * 36


def test_the_text_is_french_and_cites_the_measurements():
    texte = decrire_capacite(planifier_capacite(300, 120, applications=APPLICATIONS_MESUREES))
    assert "cœurs : 7" in texte
    assert "mémoire : 15 Gio (14\u202f468 Mo pour 166 noyaux" in texte
    assert "max_noyaux_total = 166" in texte
    assert "0,49 page préparée par seconde et par cœur" in texte
    assert "17,5 élèves simultanés par cœur" in texte
    assert "2026-12-01" in texte


@pytest.mark.parametrize(
    ("eleves", "simultanes", "attendu"),
    [
        (100, 120, "120 élèves simultanés pour 100 élèves en tout"),
        (0, 1, "il faut un nombre entier d'au moins 1"),
        (10, -3, "il faut un nombre entier d'au moins 1"),
        ("300", 120, "il faut un nombre entier d'au moins 1"),
    ],
)
def test_bad_inputs_are_refused_in_french(eleves, simultanes, attendu):
    with pytest.raises(ErreurAtelier, match=attendu):
        planifier_capacite(eleves, simultanes)


def test_the_command_prints_the_plan(capsys):
    assert main(["capacite", "--eleves", "300", "--simultanes", "120"]) == 0
    sortie = capsys.readouterr().out
    assert sortie.startswith("Capacité pour 120 élèves simultanés sur 300")
    assert "stockage JupyterHub : 300 Gio" in sortie


def test_the_command_refuses_more_at_once_than_in_all(capsys):
    assert main(["capacite", "--eleves", "100", "--simultanes", "120"]) == 2
    assert "il ne peut pas y en avoir plus en même temps" in capsys.readouterr().err


def test_the_command_refuses_a_word(capsys):
    with pytest.raises(SystemExit) as fin:
        main(["capacite", "--eleves", "trois-cents", "--simultanes", "120"])
    assert fin.value.code == 2
    assert "« trois-cents » n'est pas un nombre entier" in capsys.readouterr().err


def test_a_plan_counts_the_apps_shipped_today():
    # 14 apps in voila_apps/ (ecommerce, centre_contact and reseau added after the
    # measurement): 14 × 2 at rest + 4 classes × 36 = 172 kernels for 120 students at once.
    assert applications_livrees() == 14
    plan = planifier_capacite(300, 120)
    assert (plan.reserve_repos, plan.noyaux_pic) == (28, 172)
    # 172 × 85 + 358 = 14 978 MB → 15 GiB.
    assert (plan.memoire_mo, plan.memoire_gio) == (14978, 15)


def test_the_first_line_agrees_with_one_class_and_one_student():
    assert decrire_capacite(planifier_capacite(1, 1)).startswith(
        "Capacité pour 1 élève simultané sur 1 (1 classe de 35 au plus en même temps) :"
    )
    assert "pour 120 élèves simultanés sur 300 (4 classes de 35 au plus" in decrire_capacite(
        planifier_capacite(300, 120)
    )
