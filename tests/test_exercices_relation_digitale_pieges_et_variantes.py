"""The relation_digitale exercises: right answers accepted, traps recognised, variants differ,
and a campaign worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from widgets.exercices import ControleNombre, ControleTableau, exercice_par_code
from widgets.exercices.modele import TITRES_UNITES
from widgets.exercices.registre import exercices_de_l_unite

CODES = (
    "taux-emailing-1",
    "cout-lead-acquisition-1",
    "roi-campagne-1",
    "pipeline-pondere-1",
    "cible-conforme-1",
)


def _v(code, etudiant="alice"):
    return exercice_par_code(f"relation_digitale/{code}").variante(etudiant)


def test_the_unit_is_registered_with_its_exercises_and_savoirs():
    assert TITRES_UNITES["relation_digitale"].startswith("Relation client digitale")
    codes = {e.code for e in exercices_de_l_unite("relation_digitale")}
    assert {f"relation_digitale/{c}" for c in CODES} <= codes
    for e in exercices_de_l_unite("relation_digitale"):
        assert e.savoirs and all(s.startswith("S") for s in e.savoirs)


def _juste(controle):
    if isinstance(controle, ControleNombre):
        return str(controle.attendu).replace(".", ",")
    return {c.nom: str(c.attendu).replace(".", ",") for c in controle.cellules}


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("etudiant", ["alice", "bob", "chloé", "dan"])
def test_the_right_answer_typed_in_french_is_right(code, etudiant):
    controle = _v(code, etudiant).controle
    verdict = controle.verifier(_juste(controle))
    assert verdict.correct, verdict.message


@pytest.mark.parametrize("code", CODES)
def test_every_trap_is_recognised(code):
    for etudiant in ("alice", "bob", "chloé"):
        controle = _v(code, etudiant).controle
        if isinstance(controle, ControleTableau):
            for cellule in controle.cellules:
                for piege in cellule.pieges:
                    reponse = _juste(controle)
                    reponse[cellule.nom] = str(piege.valeur).replace(".", ",")
                    verdict = controle.verifier(reponse)
                    assert not verdict.correct
        else:
            for piege in controle.pieges:
                assert piege.valeur != controle.attendu
                verdict = controle.verifier(str(piege.valeur))
                assert not verdict.correct and verdict.piege == piege.code


@pytest.mark.parametrize("code", CODES)
def test_variants_are_reproducible_and_different(code):
    assert _v(code, "alice").enonce == _v(code, "alice").enonce
    assert len({_v(code, f"etudiant-{i}").enonce for i in range(6)}) >= 4


def test_click_rate_on_delivered_not_on_opened_worked_by_hand():
    v = _v("taux-emailing-1")
    p = v.parametres
    clic = v.controle.cellules[1]
    # taux de clic = clics / délivrés ; the trap is clics / ouverts (réactivité)
    assert clic.attendu == (D(p["clics"]) * 100 / D(p["delivres"])).quantize(D("0.01"))
    assert clic.pieges[0].valeur == (D(p["clics"]) * 100 / D(p["ouverts"])).quantize(D("0.01"))


def test_roi_on_margin_not_on_turnover_worked_by_hand():
    v = _v("roi-campagne-1")
    cout, ca, t = v.parametres["cout"], v.parametres["ca"], v.parametres["taux_marge"]
    marge = (ca * t / 100).quantize(D("0.01"))
    assert v.controle.attendu == ((marge - cout) * 100 / cout).quantize(D("0.01"))
    assert v.controle.pieges[0].valeur == ((ca - cout) * 100 / cout).quantize(D("0.01"))
