"""Management exercises: point d'indifférence, écarts sur CA, sector balance — variants, every
correct method accepted, each named trap recognised."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.calculs import arrondi, arrondi_centime, format_nombre
from widgets.exercices import exercice_par_code

ETUDIANTS = [f"etudiant-{i}" for i in range(12)]
CODES = (
    "management_equipe/point-indifference-1",
    "management_equipe/ecarts-sur-ca-1",
    "management_equipe/equilibre-secteurs-1",
)


def _texte(valeur: Decimal) -> str:
    return format_nombre(valeur, 2)


@pytest.mark.parametrize("code", CODES)
def test_variantes_differentes_et_savoirs_nommes(code):
    ex = exercice_par_code(code)
    assert ex.savoirs and all(s.startswith("S") for s in ex.savoirs)
    enonces = {ex.variante(e).enonce for e in ETUDIANTS}
    assert len(enonces) >= 8
    assert ex.variante("alice").enonce == ex.variante("alice").enonce


def test_point_d_indifference_calcule_a_la_main_et_pieges():
    ex = exercice_par_code("management_equipe/point-indifference-1")
    for etudiant in ETUDIANTS:
        v = ex.variante(etudiant)
        p = v.parametres
        c = 1 + p["taux_charges"] / 100
        # CA = fixe × (1 + c) / (ta − tv × (1 + c)), straight from the equality of the costs.
        exact = p["fixe"] * c / (p["taux_agent"] / 100 - p["taux_vrp"] / 100 * c)
        assert v.controle.verifier(_texte(arrondi_centime(exact))).correct
        oubli = p["fixe"] / ((p["taux_agent"] - p["taux_vrp"]) / 100)
        verdict = v.controle.verifier(_texte(arrondi_centime(oubli)))
        assert not verdict.correct and verdict.piege == "charges_oubliees"
        sur_fixe = p["fixe"] * c / ((p["taux_agent"] - p["taux_vrp"]) / 100)
        verdict = v.controle.verifier(_texte(arrondi_centime(sur_fixe)))
        assert verdict.piege == "charges_sur_le_fixe_seulement"


def test_ecarts_sur_ca_au_centime_avec_report_et_pieges():
    ex = exercice_par_code("management_equipe/ecarts-sur-ca-1")
    for etudiant in ETUDIANTS:
        v = ex.variante(etudiant)
        qb, pb, qr, pr = (Decimal(str(v.parametres[k])) for k in ("qb", "pb", "qr", "pr"))
        juste = {
            "ca_budgete": _texte(qb * pb),
            "ca_reel": _texte(qr * pr),
            "sur_quantite": _texte((qr - qb) * pb),
            "sur_prix": _texte((pr - pb) * qr),
            "total": _texte(qr * pr - qb * pb),
        }
        assert v.controle.verifier(juste).correct
        # Price variance on the budgeted quantities: the named trap, and the total that
        # follows from the student's figures is carried forward.
        faux_prix = (pr - pb) * qb
        reponse = dict(
            juste,
            sur_prix=_texte(faux_prix),
            total=_texte((qr - qb) * pb + faux_prix),
        )
        verdict = v.controle.verifier(reponse)
        details = {d.nom: d for d in verdict.details}
        assert details["sur_prix"].statut == "faux"
        assert details["sur_prix"].piege == "prix_sur_quantite_budgetee"
        assert details["total"].statut == "report"
        inverse = dict(juste, total=_texte(qb * pb - qr * pr))
        details = {d.nom: d for d in v.controle.verifier(inverse).details}
        assert details["total"].piege == "sens_inverse"


def test_equilibre_des_secteurs_et_pieges():
    ex = exercice_par_code("management_equipe/equilibre-secteurs-1")
    for etudiant in ETUDIANTS:
        v = ex.variante(etudiant)
        cas = [ca for _, ca in v.parametres["communes"]]
        coupe = v.parametres["coupe"]
        un, deux = sum(cas[:coupe]), sum(cas[coupe:])
        moyenne = (un + deux) / 2
        assert v.controle.verifier(_texte(arrondi(abs(un - moyenne) * 100 / moyenne, 2))).correct
        # The gap between the two sectors (twice the right answer) is a named trap.
        verdict = v.controle.verifier(_texte(arrondi(abs(un - deux) * 100 / moyenne, 2)))
        if un != deux:
            assert verdict.piege == "ecart_entre_secteurs"
