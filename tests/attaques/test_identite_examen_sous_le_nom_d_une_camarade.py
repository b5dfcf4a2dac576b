"""Attack: a student opens the exam sheet in a second page and types a classmate's name.

With a class list, ``FeuilleDevoir()`` has no free name: the identity is the class list's
(name + code), the classmate's variant is never shown, nothing is written under her name, and
her mark (read from HER progress file in the class folder, attributed by that file) stays 20."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from ipywidgets.widgets.widget import _instances

import widgets.ui.exercice as module_exercice
from widgets.donnees.classe import MESSAGE_REFUS, Classe
from widgets.donnees.devoirs import PARIS, devoir, enregistrer_devoir
from widgets.donnees.progression import Progression
from widgets.exercices import exercice_par_code
from widgets.exercices.devoirs import noter_eleve
from widgets.exercices.markdown import markdown_en_html
from widgets.tableaux_de_bord.enseignant_devoirs import _tentatives
from widgets.ui.devoir import FeuilleDevoir

CODE = "relation_client/net-a-payer-1"
LISTE = "nom;prénom;groupe\nMartin;Léa;A\nDurand;Hugo;A\n"


def _attendu(etudiant: str, graine: int) -> str:
    v = exercice_par_code(CODE).variante(etudiant, graine)
    return v.controle.reponse_attendue().replace("*", "").split("=")[-1].strip()


def _etats() -> str:
    return "\n".join(
        json.dumps(w.get_state(), ensure_ascii=False, default=str)
        for w in list(_instances.values())
    )


@pytest.fixture
def classe_en_examen(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_CLASSE", str(tmp_path / "classe"))
    monkeypatch.setattr(module_exercice, "_SESSION", {})
    monkeypatch.setattr(module_exercice, "_REFUS", [])
    codes = Classe().importer(LISTE)
    maintenant = datetime.now(PARIS)
    fenetre = {"debut": maintenant - timedelta(hours=1), "fin": maintenant + timedelta(hours=1)}
    d = devoir("Contrôle", [(CODE, 20)], mode="examen", **fenetre)
    enregistrer_devoir(d)
    return d, codes


def _note(d) -> str:
    tentatives = _tentatives(Classe())
    return str(noter_eleve(d, "Martin Léa", tentatives).sur_20)


def test_a_second_page_typing_a_classmates_name_neither_sees_her_variant_nor_changes_her_mark(
    classe_en_examen, monkeypatch
):
    d, codes = classe_en_examen
    # Léa sits the exam: identified by her code, right answer → 20 / 20
    lea = FeuilleDevoir()
    assert lea.verrouillee and lea.champ_nom.layout.display == "none"
    assert lea.exercices[0].variante is None  # nothing before the code
    assert lea.se_connecter("Martin Léa", codes["Martin Léa"]) is True
    lea.exercices[0].remplir(_attendu("Martin Léa", d.graine))
    lea.exercices[0].verifier()
    assert _note(d) == "20.00"
    fichier_lea = Classe().chemin_progression("Martin Léa")
    assert [t["etudiant"] for t in Progression(fichier_lea).tentatives()] == ["Martin Léa"]

    # A second page (new kernel): Hugo types Léa's name
    monkeypatch.setattr(module_exercice, "_SESSION", {})
    for w in list(_instances.values()):  # the first page's widgets are gone with its kernel
        w.close()
    hugo = FeuilleDevoir()
    hugo.champ_nom.value = "Martin Léa"  # the sheet's (hidden) field: ignored
    ex = hugo.exercices[0]
    ex.champ_nom.value = "Martin Léa"  # the exercise's field: no variant without the code
    assert ex.variante is None and not ex.identifie
    enonce_lea = markdown_en_html(exercice_par_code(CODE).variante("Martin Léa", d.graine).enonce)
    assert json.dumps(enonce_lea, ensure_ascii=False)[1:-1] not in _etats()
    assert ex.verifier().lisible is False  # nothing checked, nothing written
    assert hugo.se_connecter("Martin Léa", codes["Durand Hugo"]) is False  # his code, her name
    assert ex.erreur_identite == MESSAGE_REFUS and ex.variante is None
    assert _note(d) == "20.00"
    assert len(Progression(fichier_lea).tentatives()) == 1

    # Identified as himself, his wrong answers go to HIS file and never touch her mark
    assert hugo.se_connecter("Durand Hugo", codes["Durand Hugo"]) is True
    ex.remplir("0")
    ex.verifier()
    assert ex.etudiant == "Durand Hugo"
    assert _note(d) == "20.00"
    assert str(noter_eleve(d, "Durand Hugo", _tentatives(Classe())).sur_20) == "0.00"
    # rows are attributed by the file they are in, never by the name written in them
    Progression(Classe().chemin_progression("Durand Hugo")).enregistrer_tentative(
        "Martin Léa", "relation_client", CODE, "0", False, 0.0, "Faux", graine=d.graine
    )
    Progression().enregistrer_tentative(  # the server's own file (free names): ignored
        "Martin Léa", "relation_client", CODE, "0", False, 0.0, "Faux", graine=d.graine
    )
    assert _note(d) == "20.00"
