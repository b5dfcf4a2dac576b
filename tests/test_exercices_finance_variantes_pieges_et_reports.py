"""Exercices de l'unité finance : variantes par étudiant, pièges nommés, report des erreurs."""

from decimal import Decimal

import pytest

from widgets.calculs import arrondi_centime
from widgets.exercices.modele import TITRES_UNITES
from widgets.exercices.registre import exercice_par_code, exercices_de_l_unite

ETUDIANTS = ("alice", "bob", "chloé", "djamel", "emma", "farid", "gaëlle", "hugo")
CODES = {
    "finance/taux-equivalent-1",
    "finance/mensualite-1",
    "finance/tableau-emprunt-1",
    "finance/choix-financement-1",
    "finance/seuil-rentabilite-1",
    "finance/point-mort-1",
    "finance/point-mort-saisonnier-1",
    "finance/amortissement-lineaire-1",
    "finance/amortissement-degressif-1",
    "finance/vnc-lineaire-1",
    "finance/van-action-1",
    "finance/delai-recuperation-1",
    "finance/roi-action-1",
    "finance/dso-1",
    "finance/rotation-stocks-1",
    "finance/bfre-1",
}


def _bonne_reponse(controle):
    if hasattr(controle, "cellules"):
        return {c.nom: str(c.attendu).replace(".", ",") for c in controle.cellules}
    return str(controle.attendu).replace(".", ",")


def test_l_unite_finance_est_declaree_avec_ses_exercices():
    assert TITRES_UNITES["finance"] == "Finance et rentabilité"
    assert {e.code for e in exercices_de_l_unite("finance")} == CODES
    for e in exercices_de_l_unite("finance"):
        assert set(e.savoirs) <= {"S512", "S523", "S531", "S532", "S533"}, e.code


@pytest.mark.parametrize("code", sorted(CODES))
def test_la_bonne_reponse_est_juste_pour_chaque_etudiant(code):
    ex = exercice_par_code(code)
    enonces = set()
    for etudiant in ETUDIANTS:
        v = ex.variante(etudiant)
        assert v.controle.verifier(_bonne_reponse(v.controle)).correct, (code, etudiant)
        assert v.solution and v.indices
        enonces.add(v.enonce)
    # per-student variants: not everyone gets the same statement
    assert len(enonces) >= 4


@pytest.mark.parametrize("code", sorted(CODES))
def test_chaque_piege_distinct_est_nomme(code):
    ex = exercice_par_code(code)
    vus = 0
    for etudiant in ETUDIANTS:
        v = ex.variante(etudiant)
        c = v.controle
        if hasattr(c, "cellules"):
            for cellule in c.cellules:
                for p in cellule.pieges:
                    if abs(p.valeur - cellule.attendu) <= Decimal("1"):
                        continue
                    reponse = _bonne_reponse(c)
                    reponse[cellule.nom] = str(p.valeur)
                    verdict = c.verifier(reponse)
                    assert not verdict.correct
                    assert verdict.piege == p.code, (code, etudiant, p.code)
                    vus += 1
        else:
            for p in c.pieges:
                if abs(p.valeur - c.attendu) <= c.tolerance:
                    continue
                verdict = c.verifier(str(p.valeur))
                assert not verdict.correct and verdict.piege == p.code, (code, etudiant)
                vus += 1
    assert vus > 0, code


def test_tableau_d_emprunt_reporte_l_erreur_de_l_etudiant():
    v = exercice_par_code("finance/tableau-emprunt-1").variante("alice")
    c = v.controle
    capital, taux = v.parametres["capital"], v.parametres["taux"]
    reponse = _bonne_reponse(c)
    # The student takes a wrong first interest (+ 10 €) and carries it on correctly.
    interet_1 = arrondi_centime(capital * taux / 100) + 10
    annuite = Decimal(reponse["annuite"].replace(",", "."))
    amort_1 = annuite - interet_1
    reste_1 = capital - amort_1
    interet_2 = arrondi_centime(reste_1 * taux / 100)
    amort_2 = annuite - interet_2
    reste_2 = reste_1 - amort_2
    interet_3 = arrondi_centime(reste_2 * taux / 100)
    reponse.update(
        interet_1=str(interet_1),
        amort_1=str(amort_1),
        reste_1=str(reste_1),
        interet_2=str(interet_2),
        amort_2=str(amort_2),
        reste_2=str(reste_2),
        interet_3=str(interet_3),
        amort_3=str(reste_2),
        annuite_3=str(interet_3 + reste_2),
    )
    verdict = c.verifier(reponse)
    statuts = {d.nom: d.statut for d in verdict.details}
    assert statuts["interet_1"] == "faux"
    assert statuts["annuite"] == "juste"
    assert {statuts[n] for n in ("amort_1", "reste_1", "reste_2", "annuite_3")} == {"report"}


def test_plan_lineaire_reporte_un_nombre_de_jours_faux():
    v = exercice_par_code("finance/amortissement-lineaire-1").variante("bob")
    c = v.controle
    valeur, duree = v.parametres["valeur"], v.parametres["duree"]
    reponse = _bonne_reponse(c)
    jours = int(reponse["jours"]) + 1
    annuite_1 = arrondi_centime(valeur / duree * jours / 360)
    reponse.update(jours=str(jours), annuite_1=str(annuite_1), vnc_1=str(valeur - annuite_1))
    statuts = {d.nom: d.statut for d in c.verifier(reponse).details}
    assert statuts["jours"] == "faux"
    assert statuts["annuite_1"] == statuts["vnc_1"] == "report"
