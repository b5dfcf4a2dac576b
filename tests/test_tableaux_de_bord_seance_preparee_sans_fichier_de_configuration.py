"""A teacher prepares a session without editing any config file: `atelier seance --app
negociation --eleves 35` (or the teacher page) writes a small JSON file the server reads."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from widgets import cli
from widgets.erreurs import ErreurAtelier
from widgets.tableaux_de_bord import ConfigTableauxDeBord, charger_reglages
from widgets.tableaux_de_bord.configuration import FICHIER_CONFIG_DEFAUT
from widgets.tableaux_de_bord.seance import (
    chemin_seances,
    decrire_seance,
    lire_seance,
    lire_seances,
    nom_carnet,
    preparer_seance,
    terminer_seance,
)

APPS_ESSAI = Path(__file__).resolve().parent / "notebooks_voila"


def test_a_prepared_session_is_read_back_until_it_ends(tmp_path):
    seance = preparer_seance("negociation", 35, duree_minutes=90, dossier=tmp_path)
    assert seance.carnet == "negociation.ipynb"
    assert seance.reserve == 36  # one kernel per student, plus a spare
    assert seance.fin - seance.debut == timedelta(minutes=90)
    brut = json.loads((tmp_path / "seances.json").read_text(encoding="utf-8"))
    assert brut["seances"]["negociation.ipynb"]["eleves"] == 35

    lue = lire_seance("negociation.ipynb", tmp_path)
    assert lue == seance
    assert lire_seance("negociation", tmp_path, maintenant=seance.debut) == seance
    juste_avant_la_fin = seance.fin - timedelta(seconds=1)
    assert lire_seance("negociation", tmp_path, maintenant=juste_avant_la_fin) == seance
    assert lire_seance("negociation", tmp_path, maintenant=seance.fin) is None
    assert lire_seances(tmp_path, maintenant=seance.debut - timedelta(seconds=1)) == {}


def test_preparing_the_same_app_again_replaces_it_and_other_apps_are_kept(tmp_path):
    preparer_seance("facture.ipynb", 20, dossier=tmp_path)
    preparer_seance("negociation", 35, dossier=tmp_path)
    preparer_seance("negociation", 12, duree_minutes=30, dossier=tmp_path)
    seances = lire_seances(tmp_path)
    assert {c: s.eleves for c, s in seances.items()} == {
        "facture.ipynb": 20,
        "negociation.ipynb": 12,
    }
    assert terminer_seance("negociation", tmp_path) is True
    assert terminer_seance("negociation", tmp_path) is False
    assert set(lire_seances(tmp_path)) == {"facture.ipynb"}


def test_a_missing_or_broken_file_means_no_session(tmp_path):
    assert lire_seances(tmp_path / "absent") == {}
    (tmp_path / "seances.json").write_text("{pas du json", encoding="utf-8")
    assert lire_seances(tmp_path) == {}
    (tmp_path / "seances.json").write_text(
        '{"seances": {"a.ipynb": {"eleves": "x"}, "b.ipynb": 3}}', encoding="utf-8"
    )
    assert lire_seances(tmp_path) == {}
    # a broken file is replaced by the next preparation
    preparer_seance("a", 3, dossier=tmp_path)
    assert lire_seance("a", tmp_path).eleves == 3


@pytest.mark.parametrize(
    ("eleves", "duree", "message"),
    [
        (0, 120, "le nombre d'élèves doit être un entier entre 1 et 200"),
        (201, 120, "le nombre d'élèves doit être un entier entre 1 et 200"),
        ("35", 120, "le nombre d'élèves doit être un entier entre 1 et 200"),
        (35, 0, "la durée doit être un nombre entier de minutes entre 1 et 720"),
        (35, 721, "la durée doit être un nombre entier de minutes entre 1 et 720"),
    ],
)
def test_bad_figures_are_refused_in_french_and_nothing_is_written(tmp_path, eleves, duree, message):
    with pytest.raises(ErreurAtelier, match=message):
        preparer_seance("negociation", eleves, duree_minutes=duree, dossier=tmp_path)
    assert not (tmp_path / "seances.json").exists()


def test_app_names_with_or_without_ipynb_and_unknown_apps_listed_in_french():
    carnets = ["facture.ipynb", "negociation.ipynb"]
    assert nom_carnet("negociation", carnets) == "negociation.ipynb"
    assert nom_carnet(" negociation.ipynb ", carnets) == "negociation.ipynb"
    with pytest.raises(ErreurAtelier) as err:
        nom_carnet("negoc", carnets)
    assert str(err.value) == (
        "application « negoc » inconnue. Applications disponibles : facture, negociation."
    )
    with pytest.raises(ErreurAtelier, match="aucune n'est publiée"):
        nom_carnet("negociation", [])
    with pytest.raises(ErreurAtelier, match="donnez le nom d'une application"):
        nom_carnet("  ", carnets)


def test_the_teacher_reads_one_french_sentence(tmp_path):
    seance = preparer_seance("negociation", 1, duree_minutes=60, dossier=tmp_path)
    texte = decrire_seance(seance)
    assert texte.startswith("Séance préparée : negociation pour 1 élève, de ")
    assert f"à {seance.fin:%H:%M} ; le serveur prépare 2 noyaux préchauffés" in texte


def test_the_session_folder_defaults_to_the_server_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_SERVEUR", str(tmp_path / "srv"))
    assert chemin_seances() == tmp_path / "srv" / "seances.json"
    assert ConfigTableauxDeBord().dossier_seances() == tmp_path / "srv"
    assert ConfigTableauxDeBord(dossier_donnees=str(tmp_path / "x")).dossier_seances() == (
        tmp_path / "x"
    )


def test_new_settings_are_documented_and_shipped_so_nobody_edits_before_class():
    traits = ConfigTableauxDeBord.class_traits(config=True)
    for nom in ("taille_classe", "delai_retour_reserve", "max_noyaux_total", "dossier_donnees"):
        assert "noyau" in traits[nom].help or "séance" in traits[nom].help, nom
    reglages = charger_reglages(FICHIER_CONFIG_DEFAUT)
    assert reglages.taille_classe == 36
    assert reglages.delai_retour_reserve == 1800
    assert reglages.max_noyaux_total == 100
    assert reglages.taille_pool_defaut == 2  # the quiet pool stays small
    assert reglages.taille_pool == {}  # no hand-written pool for a class


def _config_essai(tmp_path: Path) -> Path:
    fichier = tmp_path / "conf.py"
    fichier.write_text(
        f"c.ConfigTableauxDeBord.dossier_apps = {str(APPS_ESSAI)!r}\n"
        f"c.ConfigTableauxDeBord.dossier_donnees = {str(tmp_path / 'srv')!r}\n",
        encoding="utf-8",
    )
    return fichier


def test_atelier_seance_writes_the_file_the_server_reads(tmp_path, capsys):
    config = _config_essai(tmp_path)
    code = cli.main(
        ["seance", "--app", "prix_ttc", "--eleves", "35", "--duree", "90", "--config", str(config)]
    )
    assert code == 0
    sortie = capsys.readouterr().out
    assert sortie.startswith("Séance préparée : prix_ttc pour 35 élèves, de ")
    assert "36 noyaux préchauffés, sans redémarrage" in sortie
    seance = lire_seance("prix_ttc.ipynb", tmp_path / "srv")
    assert (seance.eleves, seance.fin - seance.debut) == (35, timedelta(minutes=90))


def test_atelier_seance_without_config_uses_the_server_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_SERVEUR", str(tmp_path / "srv"))
    assert cli.main(["seance", "--app", "negociation.ipynb", "--eleves", "20"]) == 0
    seance = lire_seance("negociation", tmp_path / "srv")
    assert (seance.eleves, seance.fin - seance.debut) == (20, timedelta(minutes=120))


def test_atelier_seance_unknown_app_is_a_french_error_listing_the_apps(tmp_path, capsys):
    config = _config_essai(tmp_path)
    code = cli.main(["seance", "--app", "prix", "--eleves", "35", "--config", str(config)])
    assert code == 2
    erreur = capsys.readouterr().err
    assert erreur == (
        "Atelier NRC : application « prix » inconnue. Applications disponibles : "
        "en_panne, prix_ttc, visites.\n"
    )
    assert not (tmp_path / "srv" / "seances.json").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--eleves", "abc"], "argument --eleves: « abc » n'est pas un nombre entier"),
        (["--eleves", "0"], "argument --eleves: « 0 » : il faut au moins 1"),
        (["--eleves", "300"], "le nombre d'élèves doit être un entier entre 1 et 200"),
        ([], "option obligatoire manquante : --eleves"),
    ],
)
def test_atelier_seance_bad_student_count_exit_code_2_in_french(tmp_path, capsys, argv, message):
    config = _config_essai(tmp_path)
    try:
        code = cli.main(["seance", "--app", "prix_ttc", "--config", str(config), *argv])
    except SystemExit as sortie:
        code = sortie.code
    assert code == 2
    assert message in capsys.readouterr().err
