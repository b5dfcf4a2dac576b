"""A scripted student against the identity: forged and oversized names, replayed codes, the
wrong-code pause across reloads, a damaged own progress file, file-name collisions, shared
SQL history and sandbox, and the name typed once per session (never the OS login)."""

from __future__ import annotations

import getpass

import pytest

import widgets.ui.exercice as module_exercice
from widgets.donnees.classe import MESSAGE_FICHIER_ENDOMMAGE, MESSAGE_REFUS, Classe
from widgets.donnees.historique_sql import HistoriqueSQL, chemin_historique
from widgets.donnees.identite import cle_identite, nom_fichier_eleve
from widgets.donnees.progression import Progression
from widgets.exercices import exercice_par_code
from widgets.sql.bac_a_sable import chemin_bac_a_sable
from widgets.ui.exercice import INVITATION_NOM, Exercice

CODE = "relation_client/interets-simples-1"
LISTE = "nom;prénom;groupe\nMartin;Léa;A\nDurand;Hugo;B\n"


@pytest.fixture
def classe(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_CLASSE", str(tmp_path / "classe"))
    monkeypatch.setattr(module_exercice, "_SESSION", {})
    monkeypatch.setattr(module_exercice, "_REFUS", [])
    return Classe(), Classe().importer(LISTE)


def _nouvelle_page(monkeypatch) -> None:
    """A reload: a new kernel, nothing of the previous page's memory."""
    monkeypatch.setattr(module_exercice, "_SESSION", {})
    monkeypatch.setattr(module_exercice, "_REFUS", [])


def _attendu(etudiant: str) -> str:
    controle = exercice_par_code(CODE).variante(etudiant).controle
    return str(controle.attendu).replace(".", ",")


# ---------------------------------------------------------------- names and codes
@pytest.mark.parametrize(
    ("nom", "message"),
    [
        ("A" * 100_000, "Nom trop long (100000 caractères) : 80 caractères au plus."),
        ("Martin\x00Léa", "Le nom contient des caractères invisibles : retapez-le."),
    ],
    ids=["100000-caracteres", "octet-nul"],
)
def test_a_forged_name_is_refused_in_french_and_nothing_is_written(classe, nom, message):
    classe_, codes = classe
    ex = Exercice(CODE)
    assert ex.se_connecter(nom, codes["Martin Léa"]) is False
    assert ex.erreur_identite == message and ex.variante is None
    assert not classe_.dossier_progression.exists()


def test_a_free_name_too_long_shows_no_variant_and_writes_nothing():
    ex = Exercice(CODE)
    ex.champ_nom.value = "B" * 81
    assert ex.erreur_identite == "Nom trop long (81 caractères) : 80 caractères au plus."
    assert ex.variante is None and ex.verifier().lisible is False
    assert Progression().tentatives() == []


def test_a_replayed_code_opens_only_its_own_students_session(classe, monkeypatch):
    classe_, codes = classe
    assert Exercice(CODE).se_connecter("Martin Léa", codes["Martin Léa"]) is True
    _nouvelle_page(monkeypatch)
    ex = Exercice(CODE)
    assert ex.se_connecter("Durand Hugo", codes["Martin Léa"]) is False  # her code, his name
    assert ex.erreur_identite == MESSAGE_REFUS
    ancien = codes["Martin Léa"]
    nouveau = classe_.nouveau_code("Martin Léa")  # the teacher gives Léa a new code
    _nouvelle_page(monkeypatch)
    ex = Exercice(CODE)
    assert ex.se_connecter("Martin Léa", ancien) is False  # the old code no longer works
    assert ex.se_connecter("Martin Léa", nouveau) is True and ex.etudiant == "Martin Léa"


def test_the_wrong_code_pause_survives_a_reload_and_is_per_student(classe, monkeypatch):
    classe_, codes = classe
    horloge = [1_000_000.0]
    monkeypatch.setattr(module_exercice.time, "time", lambda: horloge[0])
    for faux in ("AAAAAA", "BBBBBB", "CCCCCC"):
        assert Exercice(CODE).se_connecter("Martin Léa", faux) is False
    _nouvelle_page(monkeypatch)  # reloading does not reset the count
    for faux in ("DDDDDD", "EEEEEE"):
        assert Exercice(CODE).se_connecter("léa  MARTIN", faux) is False  # any spelling
    _nouvelle_page(monkeypatch)
    ex = Exercice(CODE)
    assert ex.se_connecter("Martin Léa", codes["Martin Léa"]) is False  # even the right one
    assert ex.erreur_identite == module_exercice.TROP_D_ESSAIS
    _nouvelle_page(monkeypatch)
    assert Exercice(CODE).se_connecter("Durand Hugo", codes["Durand Hugo"]) is True  # not him
    _nouvelle_page(monkeypatch)
    horloge[0] += 61
    assert Exercice(CODE).se_connecter("Martin Léa", codes["Martin Léa"]) is True


# ---------------------------------------------------------------- damaged own file
def test_a_student_whose_progress_file_is_damaged_is_told_and_her_next_answers_are_kept(
    classe,
):
    classe_, codes = classe
    fichier = classe_.chemin_progression("Martin Léa")
    fichier.parent.mkdir(parents=True)
    fichier.write_bytes(b"SQLite format 3\x00" + b"\xff" * 300)  # truncated, garbage
    ex = Exercice(CODE)
    assert ex.se_connecter("Martin Léa", codes["Martin Léa"]) is True
    assert MESSAGE_FICHIER_ENDOMMAGE in ex.zone_identite.value.replace("&#x27;", "'")
    ex.remplir(_attendu("Martin Léa"))
    assert ex.verifier().correct
    assert [t["correct"] for t in Progression(fichier).tentatives()] == [1]
    mis_de_cote = list((classe_.dossier / "quarantaine").iterdir())
    assert [p.read_bytes()[:16] for p in mis_de_cote] == [b"SQLite format 3\x00"]


def test_a_file_damaged_during_the_session_is_put_aside_and_the_answer_kept(classe):
    classe_, codes = classe
    ex = Exercice(CODE)
    assert ex.se_connecter("Martin Léa", codes["Martin Léa"]) is True
    fichier = classe_.chemin_progression("Martin Léa")
    fichier.write_bytes(b"plus une base")
    ex.remplir("1")
    ex.verifier()
    assert MESSAGE_FICHIER_ENDOMMAGE in ex.zone_identite.value.replace("&#x27;", "'")
    assert len(Progression(fichier).tentatives()) == 1
    assert len(list((classe_.dossier / "quarantaine").iterdir())) == 1


# ---------------------------------------------------------------- one file per student
def test_one_function_maps_every_student_to_a_distinct_file():
    noms = ["St. Pierre Léa", "St Pierre Léa", "N'Diaye Awa", "N’Diaye Awa", "李雷", "王芳"]
    fichiers = {nom_fichier_eleve(n) for n in noms}
    assert len(fichiers) == len(noms)
    assert nom_fichier_eleve("李雷").startswith("eleve-")  # readable slug, never "moi.db"
    # the same student whatever the spelling: case, accents, spaces, word order
    assert len({nom_fichier_eleve(n) for n in ("Léa Martin", " MARTIN  lea", "martin Léa")}) == 1
    assert cle_identite("St. Pierre Léa") != cle_identite("St Pierre Léa")
    for nom in noms:
        assert chemin_bac_a_sable(nom).name == nom_fichier_eleve(nom, ".db")
        assert chemin_historique(nom).name == nom_fichier_eleve(nom, ".db", "historique_sql_")


def test_files_under_the_old_names_are_found_and_renamed_so_no_work_is_lost(tmp_path):
    dossier = chemin_bac_a_sable("x").parent
    dossier.mkdir(parents=True)
    (dossier / "Lea_Martin.db").write_bytes(b"bac de Lea")
    assert chemin_bac_a_sable("Léa Martin").read_bytes() == b"bac de Lea"
    assert not (dossier / "Lea_Martin.db").exists()
    ancien = chemin_historique().parent / "historique_sql_Hugo_Durand.db"
    HistoriqueSQL(ancien).ajouter("SELECT 'hugo'")
    assert [e.sql for e in HistoriqueSQL(etudiant="Hugo Durand").dernieres()] == ["SELECT 'hugo'"]
    classe = Classe(tmp_path / "classe")
    classe.importer(LISTE)
    vieux = classe.dossier_progression / "martin-lea-477b4432.sqlite"  # the class's old name
    from widgets.donnees.classe import _ancien_nom_de_fichier

    assert _ancien_nom_de_fichier("Martin Léa") == vieux.name
    vieux.parent.mkdir(parents=True)
    Progression(vieux).enregistrer_tentative("Martin Léa", "u", "u/x", "1", True, 1.0, "ok")
    assert [t["etudiant"] for t in classe.progression("Martin Léa").tentatives()] == ["Martin Léa"]
    assert not vieux.exists()
    assert classe.lire_tentatives()[0][0]["etudiant"] == "Martin Léa"


# ---------------------------------------------------------------- history and sandbox
def test_on_the_server_two_students_never_share_the_sql_history_or_the_sandbox(
    classe, base_demo, monkeypatch
):
    from widgets.ui.crm import VueCRM
    from widgets.ui.requeteur import Requeteur

    _, codes = classe
    avant = Requeteur(base_demo)  # a page before identification: this kernel's own files
    avant.sql = "SELECT 1 AS avant"
    avant.executer()
    assert "noyau" in avant.historique.chemin.name
    assert Exercice(CODE).se_connecter("Martin Léa", codes["Martin Léa"]) is True
    lea = Requeteur(base_demo, bac_a_sable=True)
    lea.sql = "SELECT 'lea' AS qui"
    lea.executer()
    bac_lea = VueCRM.pour_etudiant().bac
    _nouvelle_page(monkeypatch)
    assert Exercice(CODE).se_connecter("Durand Hugo", codes["Durand Hugo"]) is True
    hugo = Requeteur(base_demo, bac_a_sable=True)
    assert [e.sql for e in hugo.historique.dernieres()] == []  # not Léa's queries
    assert hugo.base != lea.base and VueCRM.pour_etudiant().bac != bac_lea
    lea_historique = HistoriqueSQL(etudiant="Martin Léa").dernieres()
    assert [e.sql for e in lea_historique] == ["SELECT 'lea' AS qui"]


# ---------------------------------------------------------------- one identity per session
def test_a_name_typed_once_is_used_by_every_exercise_and_the_next_notebooks(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    premier, second = Exercice(CODE), Exercice("relation_client/net-a-payer-1")
    assert premier.champ_nom.value == "" and premier.variante is None  # never "root"
    assert INVITATION_NOM in premier.enonce.value.replace("&#x27;", "'")
    premier.champ_nom.value = "Léa Martin"
    assert second.champ_nom.value == "Léa Martin" and second.variante is not None
    premier.remplir(_attendu("Léa Martin"))
    premier.verifier()
    suivant = Exercice(CODE)  # the next notebook (same user data folder)
    assert suivant.etudiant == "Léa Martin"
    suivant.champ_nom.value = "MARTIN  lea"  # another spelling: the same progress
    assert suivant.progression.etat("MARTIN  lea")[CODE].reussi


def test_on_a_shared_server_account_a_typed_name_is_never_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_CLASSE", str(tmp_path / "classe_sans_liste"))
    Exercice(CODE).champ_nom.value = "Léa Martin"
    assert Exercice(CODE).champ_nom.value == ""  # the next student does not get Léa's name


def test_the_progress_panel_shows_the_identified_students_own_file(classe):
    from widgets.ui.exercice import PanneauProgression

    classe_, codes = classe
    panneau = PanneauProgression("relation_client")
    ex = Exercice(CODE)
    assert ex.se_connecter("Martin Léa", codes["Martin Léa"]) is True
    ex.remplir(_attendu("Martin Léa"))
    ex.verifier()
    assert panneau.etudiant == "Martin Léa"
    assert panneau.progression.chemin == classe_.chemin_progression("Martin Léa")
    assert [ligne for ligne in panneau.lignes() if ligne[0] == CODE][0][2:5] == (1, 100, True)
