"""Portfolio exercises (S521, S522): per-student variants, the right answer accepted, the
classic slips recognised by name, carry-forward in the cumulated ABC table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.exercices import exercice_par_code

UNITE = "gestion_clientele/"
CODES = (
    "abc-tableau-cumule",
    "statistiques-ca-segment",
    "prevision-saisonniere",
    "scoring-pondere",
    "compte-exploitation-client",
    "dso-encours-client",
)
ETUDIANTS = ("alice", "bob", "chloé", "dylan", "emma")


def _justes(variante) -> dict[str, str] | str:
    c = variante.controle
    if hasattr(c, "cellules"):
        return {x.nom: str(x.attendu) for x in c.cellules}
    return str(c.attendu)


@pytest.mark.parametrize("code", CODES)
def test_each_student_gets_a_variant_and_the_right_answer_is_accepted(code):
    e = exercice_par_code(UNITE + code)
    assert set(e.savoirs) <= {"S521", "S522", "S432"} and e.savoirs
    enonces = set()
    for etudiant in ETUDIANTS:
        v = e.variante(etudiant)
        enonces.add(v.enonce)
        assert e.variante(etudiant).enonce == v.enonce  # reproducible for the corrigé
        verdict = v.controle.verifier(_justes(v))
        assert verdict.correct, verdict.message
        assert v.solution and v.indices
    assert len(enonces) >= 4


def _piege(v, reponses: dict[str, str]) -> set[str]:
    verdict = v.controle.verifier({**_justes(v), **reponses})
    assert not verdict.correct
    return {d.piege for d in verdict.details if d.piege}


def test_abc_unsorted_cumulation_is_named_and_one_slip_is_not_counted_twice():
    v = exercice_par_code(UNITE + "abc-tableau-cumule").variante("alice")
    clients = v.parametres["clients"]
    premier = clients[0][1]  # the statement does not start with the biggest client
    assert premier != max(ca for _n, ca in clients)
    assert _piege(v, {"cumul_1": str(premier)}) == {"cumul_sans_tri"}
    # a wrong cumul at rank 2, the rest recomputed from it: only rank 2 is wrong
    cellules = {c.nom: c for c in v.controle.cellules}
    faux = cellules["cumul_2"].attendu + 100
    total = v.controle.donnees["total"]
    reponses = _justes(v)
    reponses["cumul_2"] = str(faux)
    reponses["part_2"] = str((faux * 100 / total).quantize(Decimal("0.01")))
    reponses["cumul_3"] = str(faux + cellules["tri_3"].attendu)
    verdict = v.controle.verifier(reponses)
    statuts = {d.nom: d.statut for d in verdict.details}
    assert statuts["cumul_2"] == "faux"
    assert statuts["part_2"] == "report" and statuts["cumul_3"] == "report"
    assert "une erreur n'est comptée qu'une fois" in verdict.message


def test_abc_class_count_without_the_crossing_client_is_named():
    for etudiant in ETUDIANTS:
        v = exercice_par_code(UNITE + "abc-tableau-cumule").variante(etudiant)
        nb_a = next(c for c in v.controle.cellules if c.nom == "nb_a")
        if nb_a.pieges[0].valeur != nb_a.attendu:
            assert _piege(v, {"nb_a": str(nb_a.pieges[0].valeur)}) == {"franchissement_exclu"}
            return
    pytest.fail("no variant where the crossing client changes the count")


def test_statistics_mean_instead_of_median_and_n_minus_one_are_named():
    v = exercice_par_code(UNITE + "statistiques-ca-segment").variante("bob")
    cellules = {c.nom: c for c in v.controle.cellules}
    assert _piege(v, {"mediane": str(cellules["moyenne"].attendu)}) == {
        "moyenne_au_lieu_de_mediane"
    }
    n_moins_1 = cellules["ecart_type"].pieges[0].valeur
    assert _piege(v, {"ecart_type": str(n_moins_1)}) == {"ecart_type_n_moins_1"}
    # the CV computed from the student's own σ (n − 1) is accepted by carry-forward
    cv = (n_moins_1 / cellules["moyenne"].attendu * 100).quantize(Decimal("0.01"))
    verdict = v.controle.verifier({**_justes(v), "ecart_type": str(n_moins_1), "cv": str(cv)})
    assert {d.nom: d.statut for d in verdict.details}["cv"] == "report"


def test_forecast_additive_seasonality_is_named():
    v = exercice_par_code(UNITE + "prevision-saisonniere").variante("chloé")
    cellules = {c.nom: c for c in v.controle.cellules}
    additive = cellules["prevision"].pieges[0].valeur
    assert _piege(v, {"prevision": str(additive)}) == {"ecart_additif"}
    # a rounded coefficient (2 decimals) still gives an accepted forecast
    coef = cellules["coefficient"].attendu.quantize(Decimal("0.01"))
    prevision = (cellules["tendance"].attendu * coef).quantize(Decimal("0.01"))
    verdict = v.controle.verifier(
        {**_justes(v), "coefficient": str(coef), "prevision": str(prevision)}
    )
    assert verdict.correct, verdict.message


def test_scoring_without_weights_and_credit_on_365_days_are_named():
    v = exercice_par_code(UNITE + "scoring-pondere").variante("dylan")
    sans_poids = next(p for p in v.controle.pieges if p.code == "poids_oublies")
    verdict = v.controle.verifier(str(sans_poids.valeur))
    assert verdict.piege == "poids_oublies" or sans_poids.valeur == v.controle.attendu
    v = exercice_par_code(UNITE + "compte-exploitation-client").variante("emma")
    credit = next(c for c in v.controle.cellules if c.nom == "credit")
    civile = next(p for p in credit.pieges if p.code == "annee_civile")
    assert _piege(v, {"credit": str(civile.valeur)}) == {"annee_civile"}
    v = exercice_par_code(UNITE + "dso-encours-client").variante("emma")
    dso = next(c for c in v.controle.cellules if c.nom == "dso")
    assert _piege(v, {"dso": str(dso.pieges[0].valeur)}) == {"dso_sur_ht"}
