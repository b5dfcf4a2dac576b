"""Devoirs: barème computed by hand, validation in French, JSON round trip, time window edges
(at début, at fin, another timezone), the exam rules the exercise widget obeys, and where the
files live (the cockpit's class folder; only a write creates a folder)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest

from widgets.calculs.bareme import note_sur_20, noter, points_obtenus
from widgets.donnees.chemins import dossier_classe
from widgets.donnees.classe import Classe
from widgets.donnees.devoirs import (
    LIBRE,
    PARIS,
    Devoir,
    charger_devoir,
    devoir,
    enregistrer_devoir,
    enregistrer_evaluation,
    evaluations,
    lire_devoirs,
    regles_du_moment,
    regles_exercice,
    supprimer_devoir,
)
from widgets.erreurs import ErreurAtelier
from widgets.exercices.devoirs import valider

NET = "relation_client/net-a-payer-1"
MARQUE = "relation_client/taux-de-marque-1"


def _examen(**options):
    reglages = {
        "mode": "examen",
        "debut": "2026-12-01T10:00",
        "fin": "2026-12-01T12:00",
    } | options
    return devoir("Contrôle marges", [(NET, "4"), (MARQUE, "6")], **reglages)


def test_bareme_points_and_note_out_of_20_by_hand():
    # 4 × 1 = 4 ; 6 × 0,5 = 3 ; 5 × 1/3 = 1,666… → 1,67 ; total 8,67 / 15 → 11,56 / 20
    note = noter([("a", D(4), 1), ("b", D(6), D("0.5")), ("c", D(5), D(1) / D(3))])
    assert [ligne.obtenus for ligne in note.lignes] == [D("4.00"), D("3.00"), D("1.67")]
    assert (note.total, note.obtenus, note.sur_20) == (D(15), D("8.67"), D("11.56"))
    # half-up, not half-even: 0,125 → 0,13
    assert points_obtenus(D("0.125"), D(1)) == D("0.13")
    assert note_sur_20(D(1), D(160)) == D("0.13")
    # a fraction outside [0, 1] is clamped
    assert points_obtenus(D("1.5"), D(4)) == D("4.00")
    assert points_obtenus(-1, D(4)) == D("0.00")


@pytest.mark.parametrize(
    ("items", "options", "morceau"),
    [
        ([(NET, "0")], {}, "strictement positif"),
        ([(NET, "-2")], {}, "strictement positif"),
        ([(NET, "deux")], {}, "n'est pas un nombre de points"),
        ([], {}, "aucun exercice"),
        ([(NET, 2), (NET, 3)], {}, "figure deux fois"),
        ([("grille:inconnue", 2)], {}, "Aucune grille"),
        ([(NET, 2)], {"mode": "controle"}, "Mode « controle » inconnu"),
        ([(NET, 2)], {"mode": "examen"}, "heure de début et une heure de fin"),
        (
            [(NET, 2)],
            {"debut": "2026-12-01T12:00", "fin": "2026-12-01T10:00"},
            "La fin du devoir doit venir après son début",
        ),
        (
            [(NET, 2)],
            {"debut": "2026-12-01T10:00", "fin": "2026-12-01T10:00"},
            "La fin du devoir doit venir après son début",
        ),
        ([(NET, 2)], {"debut": "lundi matin"}, "n'est pas une date"),
    ],
)
def test_a_bad_devoir_is_refused_in_french(items, options, morceau):
    with pytest.raises(ErreurAtelier, match=morceau):
        devoir("Contrôle", items, **options)


def test_an_unknown_exercise_code_is_refused_with_a_suggestion():
    d = devoir("Contrôle", [("finance/net-a-payer-1", 2)])
    with pytest.raises(ErreurAtelier, match="Vouliez-vous dire relation_client/net-a-payer-1"):
        valider(d)
    assert valider(_examen()) is not None


def test_json_round_trip_keeps_everything(tmp_path):
    d = _examen(consignes="Calculatrice autorisée.")
    chemin = enregistrer_devoir(d, tmp_path)
    assert chemin.name == "controle-marges.json"
    relu = charger_devoir("Contrôle marges", tmp_path)
    assert relu == d
    assert relu.total == D(10)
    assert relu.debut == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 Paris = UTC+1
    assert relu.graine == d.graine != 0  # exam figures are not the notebooks' (seed 0)
    assert lire_devoirs(tmp_path) == [d]


def test_window_edges_at_debut_at_fin_and_across_timezones():
    d = _examen()
    debut = datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)
    assert d.etat(debut - timedelta(microseconds=1)) == "a_venir"
    assert d.etat(debut) == "en_cours"
    assert d.etat(debut + timedelta(hours=2) - timedelta(seconds=1)) == "en_cours"
    assert d.etat(debut + timedelta(hours=2)) == "termine"
    # same instants written in UTC: Paris is UTC+1 in December...
    assert d.etat(datetime(2026, 12, 1, 9, 0, tzinfo=UTC)) == "en_cours"
    assert d.etat(datetime(2026, 12, 1, 8, 59, 59, tzinfo=UTC)) == "a_venir"
    # ... and UTC+2 in summer
    ete = _examen(debut="2026-06-15T10:00", fin="2026-06-15T11:00")
    assert ete.etat(datetime(2026, 6, 15, 8, 0, tzinfo=UTC)) == "en_cours"
    assert ete.etat(datetime(2026, 6, 15, 7, 59, tzinfo=UTC)) == "a_venir"
    # an explicit offset in the file is kept as the same instant
    utc = _examen(debut="2026-12-01T09:00:00+00:00", fin="2026-12-01T11:00:00+00:00")
    assert (utc.debut, utc.fin) == (d.debut, d.fin)
    with pytest.raises(ErreurAtelier, match="fuseau horaire"):
        d.etat(datetime(2026, 12, 1, 10, 30))


def test_exam_rules_during_after_and_for_other_exercises():
    d = _examen()
    pendant = datetime(2026, 12, 1, 11, 0, tzinfo=PARIS)
    apres = datetime(2026, 12, 1, 12, 0, tzinfo=PARIS)
    regles = regles_exercice(NET, pendant, [d])
    assert (regles.indices, regles.solution, regles.retour_detaille, regles.verrouille) == (
        False,
        False,
        False,
        False,
    )
    assert regles.examen == d
    assert "jusqu'à 12:00" in regles.message
    # an exercise not in the exam, a training devoir, or before the exam: ordinary rules
    assert regles_exercice("relation_client/prix-de-vente-1", pendant, [d]) is LIBRE
    entrainement = _examen(mode="entrainement")
    assert regles_exercice(NET, pendant, [entrainement]) is LIBRE
    assert regles_exercice(NET, pendant - timedelta(hours=2), [d]) is LIBRE
    # a widget opened during the exam is locked at fin exactly, still without solution
    fin = regles_exercice(NET, apres, [d], commence_sous=d)
    assert fin.verrouille and not fin.solution and not fin.indices
    assert "terminé depuis 12:00" in fin.message
    # a widget opened after the exam is an ordinary training exercise again
    assert regles_exercice(NET, apres, [d]) is LIBRE


def test_an_exam_ended_early_by_the_teacher_locks_the_open_widgets():
    d = _examen()
    raccourci = _examen(fin="2026-12-01T10:30")
    a_11h = datetime(2026, 12, 1, 11, 0, tzinfo=PARIS)
    assert regles_exercice(NET, a_11h, [raccourci], commence_sous=d).verrouille
    assert regles_exercice(NET, a_11h, [d], commence_sous=d).verrouille is False
    # a deleted exam file: the widget keeps the exam it was opened under
    assert regles_exercice(NET, a_11h, [], commence_sous=d).solution is False


def test_a_devoir_rewritten_with_the_same_size_is_read_again(tmp_path):
    # the widget's reader keeps parsed devoirs; a teacher's change must be seen at once
    d = _examen()
    enregistrer_devoir(d, tmp_path)
    assert lire_devoirs(tmp_path) == [d]
    avance = _examen(fin="2026-12-01T11:00", graine=d.graine)
    chemin = enregistrer_devoir(avance, tmp_path)
    assert len(chemin.read_bytes()) == len(
        json.dumps(d.vers_dict(), ensure_ascii=False, indent=1).encode()
    )
    assert lire_devoirs(tmp_path) == [avance]


def test_devoirs_live_in_the_cockpit_s_class_folder_and_only_a_write_creates_it(
    tmp_path, monkeypatch
):
    classe = tmp_path / "classe"
    monkeypatch.setenv("ATELIER_CLASSE", str(classe))
    assert dossier_classe() == Classe().dossier == classe  # one class folder
    # readers: nothing found, nothing created
    assert lire_devoirs() == [] and regles_du_moment(NET) == LIBRE
    assert evaluations("controle") == {}
    with pytest.raises(ErreurAtelier, match="n'existe pas"):
        charger_devoir("controle")
    supprimer_devoir("controle")
    assert not classe.exists()
    # writers create their sub-folder
    d = devoir("Contrôle", [(NET, 2), ("grille:a-vous:q1", 4)])
    assert enregistrer_devoir(d) == classe / "devoirs" / "controle.json"
    choix = {
        "Pertinence": "Satisfaisant",  # 3
        "Appui sur les chiffres": "Insuffisant",  # 1
        "Justification": "Très satisfaisant",  # 2
    }
    assert enregistrer_evaluation("controle", "a-vous:q1", "martin lea", choix) == 6
    fichiers = sorted(p.relative_to(classe).as_posix() for p in classe.rglob("*"))
    assert fichiers == ["devoirs", "devoirs/controle.json", "grilles", "grilles/controle.json"]
    assert lire_devoirs() == [d]
    assert evaluations("controle")["a-vous:q1"]["martin lea"]["choix"] == choix


def test_a_new_devoirs_seed_is_a_random_secret_kept_when_it_is_saved_again():
    """Not predictable from the title: two devoirs titled alike get different seeds (one
    chance in 16 million to be equal); saved again (its end moved), a devoir keeps its seed,
    so its variants do not change during the exam; a file without seed keeps the seed the
    releases before derived from its identifier."""
    premier = _examen()
    enregistrer_devoir(premier)
    assert _examen(fin="2026-12-01T11:00").graine == premier.graine  # same devoir, saved again
    supprimer_devoir(premier.identifiant)
    assert _examen().graine != premier.graine  # a new devoir of the same title
    ancien = {k: v for k, v in premier.vers_dict().items() if k != "graine"}
    assert Devoir.depuis_dict(ancien).graine == 1 + int.from_bytes(
        hashlib.sha256(b"controle-marges").digest()[:3], "big"
    )
