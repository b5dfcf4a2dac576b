"""Class list (CSV from Excel or a school software), per-student codes, locked identity in the
Exercice widget (class list, JupyterHub, free name at home)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from widgets.donnees.classe import (
    ALPHABET_CODE,
    MESSAGE_REFUS,
    Classe,
    charger_classe,
    generer_code,
    lire_liste_csv,
)
from widgets.erreurs import ErreurAtelier
from widgets.exercices import exercice_par_code
from widgets.exercices.markdown import markdown_en_html
from widgets.ui import exercice as module_exercice
from widgets.ui.exercice import INVITATION, Exercice

CODE = "relation_client/interets-simples-1"
LISTE = "\ufeffNom;Prénom;Groupe\r\nMartin;Léa;A\r\nDurand;Hugo;B\r\n\r\nPetit;Zoé;A\r\n"


@pytest.fixture(autouse=True)
def session_vierge(monkeypatch):
    """Each test starts with no identity locked in the 'kernel' and no hub."""
    monkeypatch.setattr(module_exercice, "_SESSION", {})
    monkeypatch.setattr(module_exercice, "_REFUS", [])
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("ATELIER_CLASSE", raising=False)


def test_excel_csv_with_bom_and_semicolons_is_read():
    eleves = lire_liste_csv(LISTE)
    assert [(e.nom, e.prenom, e.groupe, e.ligne) for e in eleves] == [
        ("Martin", "Léa", "A", 2),
        ("Durand", "Hugo", "B", 3),
        ("Petit", "Zoé", "A", 5),  # the blank line 4 is skipped, numbers stay the file's
    ]
    assert eleves[0].identifiant == "Martin Léa"


def test_commas_windows_1252_any_column_order_and_no_group_column():
    brut = "prénom,NOM\nÉlodie,Lefèvre\n".encode("cp1252")
    (eleve,) = lire_liste_csv(brut)
    assert (eleve.nom, eleve.prenom, eleve.groupe) == ("Lefèvre", "Élodie", "")
    (tab,) = lire_liste_csv("nom\tprénom\tgroupe\nBen Ali\tSami\tB2\n")
    assert (tab.nom, tab.prenom, tab.groupe) == ("Ben Ali", "Sami", "B2")


def test_every_bad_row_is_reported_with_its_line_number():
    texte = "nom;prénom;groupe\nMartin;Léa;A\nDurand;;B\nPetit;Zoé\n;;A\nMARTIN;lea;B\n"
    with pytest.raises(ErreurAtelier) as err:
        lire_liste_csv(texte)
    assert str(err.value) == (
        "Liste de classe refusée, rien n'a été importé :\n"
        "Ligne 3 : le prénom manque.\n"
        "Ligne 4 : 2 colonnes au lieu de 3 (séparateur « ; »).\n"
        "Ligne 5 : le nom et le prénom manquent.\n"
        "Ligne 6 : MARTIN lea figure déjà ligne 2, et rien ne les distingue : ajoutez une "
        "colonne « date de naissance », « INE » ou « e-mail » (export Pronote ou ENT), ou une "
        "initiale pour distinguer les deux homonymes."
    )


def test_a_list_without_the_header_or_without_students_is_refused_in_french():
    with pytest.raises(ErreurAtelier, match=r"^Ligne 1 : la première ligne doit nommer"):
        lire_liste_csv("Martin;Léa;A\nDurand;Hugo;B\n")
    with pytest.raises(ErreurAtelier, match="aucun élève"):
        lire_liste_csv("nom;prénom;groupe\n")
    with pytest.raises(ErreurAtelier, match="vide"):
        lire_liste_csv("\n\n")


def test_codes_are_short_unambiguous_random_and_stored_hashed(tmp_path):
    codes = {generer_code() for _ in range(300)}
    assert len(codes) == 300  # 31^6 ≈ 887 million codes: 300 draws never collide in practice
    assert all(len(c) == 6 and set(c) <= set(ALPHABET_CODE) for c in codes)
    assert not set("01OIL") & set(ALPHABET_CODE)
    classe = Classe(tmp_path / "classe")
    donnes = classe.importer(LISTE)
    assert list(donnes) == ["Martin Léa", "Durand Hugo", "Petit Zoé"]
    stocke = (tmp_path / "classe" / "classe.json").read_text(encoding="utf-8")
    assert all(code not in stocke for code in donnes.values())
    entree = json.loads(stocke)["eleves"][0]
    assert set(entree) == {"identifiant", "nom", "prenom", "groupe", "sel", "empreinte"}
    # re-importing gives new codes: the old paper stops working
    nouveaux = classe.importer(LISTE)
    with pytest.raises(ErreurAtelier):
        if nouveaux["Martin Léa"] != donnes["Martin Léa"]:
            classe.identifier("Martin Léa", donnes["Martin Léa"])
        else:  # 1 chance in 887 million: same code drawn twice
            raise ErreurAtelier("même code")


def test_identifier_needs_the_right_code_and_accepts_loose_names(tmp_path):
    classe = Classe(tmp_path / "classe")
    codes = classe.importer(LISTE)
    lea = codes["Martin Léa"]
    assert classe.identifier("Martin Léa", lea).identifiant == "Martin Léa"
    assert classe.identifier("  lea   MARTIN ", lea.lower()).identifiant == "Martin Léa"
    assert classe.identifier("", lea).groupe == "A"
    assert classe.identifier(f"{lea[:3]} {lea[3:]}").identifiant == "Martin Léa"
    for nom, code in (
        ("Martin Léa", codes["Durand Hugo"]),  # a classmate's code with my name
        ("Durand Hugo", lea),  # my code with a classmate's name
        ("Martin Léa", "AAAAAA"),
        ("Inconnu", lea),
    ):
        with pytest.raises(ErreurAtelier) as err:
            classe.identifier(nom, code)
        assert str(err.value) == MESSAGE_REFUS
    with pytest.raises(ErreurAtelier, match="Tapez aussi le code"):
        classe.identifier("Martin Léa", "")


def test_a_new_code_replaces_the_old_one_for_one_student(tmp_path):
    classe = Classe(tmp_path / "classe")
    codes = classe.importer(LISTE)
    nouveau = classe.nouveau_code("Durand Hugo")
    assert classe.identifier("Durand Hugo", nouveau).identifiant == "Durand Hugo"
    if nouveau != codes["Durand Hugo"]:
        with pytest.raises(ErreurAtelier):
            classe.identifier("Durand Hugo", codes["Durand Hugo"])
    assert classe.identifier("Martin Léa", codes["Martin Léa"]).nom == "Martin"


def test_reset_erases_one_student_and_keeps_a_copy(tmp_path):
    classe = Classe(tmp_path / "classe")
    classe.importer(LISTE)
    for eleve in ("Martin Léa", "Durand Hugo"):
        p = classe.progression(eleve)
        p.enregistrer_tentative(eleve, "relation_client", CODE, "1", False, 0.0, "Faux")
        p.enregistrer_tentative(eleve, "relation_client", CODE, "2", True, 1.0, "Juste")
    assert classe.reinitialiser("Martin Léa") == 2
    assert classe.progression("Martin Léa").tentatives() == []
    assert len(classe.progression("Durand Hugo").tentatives()) == 2
    (copie,) = (tmp_path / "classe" / "corbeille").glob("*.sqlite")
    with sqlite3.connect(copie) as cx:
        assert cx.execute("SELECT COUNT(*) FROM tentatives").fetchone() == (2,)
    assert classe.reinitialiser("Petit Zoé") == 0  # never worked: nothing to erase


def _enonce(etudiant: str) -> str:
    return markdown_en_html(exercice_par_code(CODE).variante(etudiant).enonce)


def test_with_a_class_list_no_variant_before_the_code_then_the_identity_is_locked(
    tmp_path, monkeypatch
):
    dossier = tmp_path / "donnees_etudiant" / "classe"  # default class folder of the test
    codes = Classe(dossier).importer(LISTE)
    assert charger_classe() is None  # JupyterLab on the same account: free names
    monkeypatch.setenv("ATELIER_CLASSE", str(dossier))  # a kernel of the dashboards server
    assert charger_classe() is not None
    ex = Exercice(CODE)
    assert ex.variante is None and ex.champs == {}
    assert INVITATION in ex.enonce.value
    assert ex.verifier().lisible is False  # nothing to check, nothing saved
    assert ex.indice() == INVITATION

    assert ex.se_connecter("Martin Léa", codes["Durand Hugo"]) is False
    assert ex.erreur_identite == MESSAGE_REFUS
    assert ex.variante is None and ex.champ_code.value == ""
    assert _enonce("Durand Hugo") != ex.enonce.value

    assert ex.se_connecter("martin lea", codes["Martin Léa"]) is True
    assert ex.etudiant == "Martin Léa" and ex.champ_nom.disabled
    assert ex.enonce.value == _enonce("Martin Léa")
    assert "Connecté : Léa Martin — A" in ex.zone_identite.value

    ex.champ_nom.value = "Durand Hugo"  # what a crafted page would send: undone
    assert ex.champ_nom.value == "Martin Léa"
    assert ex.enonce.value == _enonce("Martin Léa")
    assert ex.se_connecter("Durand Hugo", codes["Durand Hugo"]) is True  # already locked
    assert ex.etudiant == "Martin Léa"

    piege = exercice_par_code(CODE).variante("Martin Léa").controle.pieges[0]
    ex.remplir(str(piege.valeur).replace(".", ","))
    assert ex.verifier().piege == "annee_civile"
    tentatives = Classe(dossier).progression("Martin Léa").tentatives()
    assert [(t["etudiant"], t["piege"]) for t in tentatives] == [("Martin Léa", "annee_civile")]

    suivant = Exercice("relation_client/net-a-payer-1")  # same kernel: no second login
    assert suivant.etudiant == "Martin Léa" and suivant.variante is not None


def test_other_exercises_of_the_page_follow_the_first_login(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_CLASSE", str(tmp_path / "classe"))
    codes = Classe().importer(LISTE)
    premier, second = Exercice(CODE), Exercice("relation_client/net-a-payer-1")
    assert second.variante is None
    premier.champ_nom.value = "Hugo Durand"
    premier.champ_code.value = codes["Durand Hugo"]
    premier.bouton_connexion.click()
    assert second.etudiant == "Durand Hugo" and second.champ_nom.disabled
    assert second.variante is not None


def test_behind_jupyterhub_the_hub_user_is_the_locked_identity(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "lmartin")
    ex = Exercice(CODE)
    assert ex.champ_nom.value == "lmartin" and ex.champ_nom.disabled
    assert ex.boite_connexion.layout.display == "none"
    assert ex.enonce.value == _enonce("lmartin")
    ex.champ_nom.value = "hdurand"
    assert ex.etudiant == "lmartin" and ex.enonce.value == _enonce("lmartin")


def test_alone_at_home_without_class_list_the_name_stays_free(tmp_path, monkeypatch):
    Classe(tmp_path / "donnees_etudiant" / "classe").importer(LISTE)  # the teacher's own PC
    monkeypatch.setenv("ATELIER_ETUDIANT", "Léa")
    ex = Exercice(CODE)
    assert ex.champ_nom.value == "Léa" and not ex.champ_nom.disabled
    ex.champ_nom.value = "Hugo"
    assert ex.etudiant == "Hugo" and ex.enonce.value == _enonce("Hugo")


def test_a_page_rendered_before_the_import_asks_for_the_code_once_the_list_exists(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("ATELIER_CLASSE", str(tmp_path / "classe"))
    ex = Exercice(CODE)  # pre-heated kernel: no list yet, free name (none typed: none shown)
    assert ex.variante is None and ex.boite_connexion.layout.display == "none"
    assert module_exercice.INVITATION_NOM in ex.enonce.value
    codes = Classe().importer(LISTE)
    ex.champ_nom.value = "Durand Hugo"  # typing a classmate's name shows no variant any more
    assert ex.variante is None and INVITATION in ex.enonce.value
    assert not ex.identifie
    assert ex.se_connecter("Durand Hugo", codes["Martin Léa"]) is False
    assert ex.se_connecter("Durand Hugo", codes["Durand Hugo"]) is True
    assert ex.enonce.value == _enonce("Durand Hugo")


def test_after_five_wrong_codes_the_page_waits_a_minute(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_CLASSE", str(tmp_path / "classe"))
    codes = Classe().importer(LISTE)
    horloge = [1000.0]
    monkeypatch.setattr(module_exercice.time, "time", lambda: horloge[0])
    ex = Exercice(CODE)
    for faux in ("AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", "EEEEEE"):
        assert ex.se_connecter("Martin Léa", faux) is False
        assert ex.erreur_identite == MESSAGE_REFUS
    assert ex.se_connecter("Martin Léa", codes["Martin Léa"]) is False  # even the right one
    assert ex.erreur_identite == module_exercice.TROP_D_ESSAIS and ex.variante is None
    horloge[0] += 61
    assert ex.se_connecter("Martin Léa", codes["Martin Léa"]) is True
