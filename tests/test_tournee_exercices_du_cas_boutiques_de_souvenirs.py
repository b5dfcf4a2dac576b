"""Gestion de projet exercises (boutiques de souvenirs): answers from widgets.calculs.tournee,
reproducible per student, right answers accepted, traps recognised, worked examples by hand."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from widgets.exercices import ControleTableau, exercice_par_code, exercices_de_l_unite

CODES = [
    "gestion_projet/visites-par-jour-1",
    "gestion_projet/cout-plan-tournee-1",
    "gestion_projet/commandes-attendues-1",
]
ETUDIANTS = [f"etudiant-{i}" for i in range(25)]


def test_les_exercices_sont_decouverts_dans_l_unite():
    codes = {e.code for e in exercices_de_l_unite("gestion_projet")}
    assert set(CODES) <= codes


@pytest.mark.parametrize("code", CODES)
def test_variantes_reproductibles_et_differentes(code):
    ex = exercice_par_code(code)
    assert ex.variante("alice").parametres == ex.variante(" Alice ").parametres
    differents = {repr(sorted(ex.variante(e).parametres.items())) for e in ETUDIANTS}
    assert len(differents) >= 10


def _juste(controle):
    if isinstance(controle, ControleTableau):
        return {c.nom: str(c.attendu) for c in controle.cellules}
    return str(controle.attendu).replace(".", ",")


@pytest.mark.parametrize("code", CODES)
def test_la_bonne_reponse_est_acceptee_et_les_pieges_reconnus(code):
    ex = exercice_par_code(code)
    for etudiant in ETUDIANTS:
        v = ex.variante(etudiant)
        assert v.controle.verifier(_juste(v.controle)).correct, etudiant
        if isinstance(v.controle, ControleTableau):
            for cell in v.controle.cellules:
                for piege in cell.pieges:
                    reponse = dict(_juste(v.controle), **{cell.nom: str(piege.valeur)})
                    details = {d.nom: d for d in v.controle.verifier(reponse).details}
                    assert details[cell.nom].piege == piege.code
        else:
            for piege in v.controle.pieges:
                verdict = v.controle.verifier(str(piege.valeur))
                assert not verdict.correct and verdict.piege == piege.code


def test_visites_par_jour_calcul_a_la_main():
    ex = exercice_par_code("gestion_projet/visites-par-jour-1")
    for etudiant in ETUDIANTS:
        v = ex.variante(etudiant)
        p = v.parametres
        total = p["boutiques"] * (1 + p["suivis"]) + p["commandes_a_suivre"]
        attendu = -(-total // p["jours"])
        assert v.controle.attendu == attendu
        assert (attendu - 1) * p["jours"] < total <= attendu * p["jours"]


def test_cout_du_plan_calcul_a_la_main():
    ex = exercice_par_code("gestion_projet/cout-plan-tournee-1")
    for etudiant in ETUDIANTS[:10]:
        v = ex.variante(etudiant)
        p = v.parametres
        cellules = {c.nom: c.attendu for c in v.controle.cellules}
        assert cellules["cout_km"] == (p["km"] * p["cout_km"]).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        temps = (Decimal(p["minutes"]) * p["cout_horaire"] / 60).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        assert cellules["cout_temps"] == temps
        assert cellules["total"] == cellules["cout_km"] + temps
        assert abs(cellules["par_visite"] * p["visites"] - cellules["total"]) <= p["visites"] / 200


def test_commandes_attendues_calcul_a_la_main():
    ex = exercice_par_code("gestion_projet/commandes-attendues-1")
    for etudiant in ETUDIANTS[:10]:
        v = ex.variante(etudiant)
        _, _, visites, commandes = v.parametres["entonnoir"]
        exact = Decimal(v.parametres["visites_plan"]) * commandes / visites
        assert abs(v.controle.attendu - exact) <= Decimal("0.06")
        assert v.controle.verifier(str(round(exact, 3))).correct
