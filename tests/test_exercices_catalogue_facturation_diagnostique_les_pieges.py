"""The invoicing / margins / interest exercises: reproducible variants, right answers accepted,
every known trap diagnosed on its wrong answer only, carry-forward on each table."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from widgets.exercices import (
    ControleNombre,
    ControleTableau,
    exercice_par_code,
    exercices_de_l_unite,
    graine_variante,
    tous_les_exercices,
)

ETUDIANTS = [f"etudiant-{i}" for i in range(25)]
FACTURATION = [e for e in exercices_de_l_unite("relation_client") if e.theme == "facturation"]
NOMBRES = [e for e in FACTURATION if isinstance(e.variante("x").controle, ControleNombre)]
TABLEAUX = [e for e in FACTURATION if isinstance(e.variante("x").controle, ControleTableau)]


def test_there_are_at_least_three_exercises_of_each_kind():
    assert len(NOMBRES) >= 3 and len(TABLEAUX) >= 3
    assert {"relation_client/net-a-payer-1", "relation_client/interets-simples-1"} <= set(
        tous_les_exercices()
    )


def test_the_seed_is_a_sha256_of_exercise_student_and_seed_not_pythons_hash():
    # sha256("relation_client/net-a-payer-1\x1falice\x1f0")[:8] read big-endian, computed once
    # with hashlib: a change of this value changes every student's variant (announce it!).
    assert graine_variante("relation_client/net-a-payer-1", "alice") == 13258375444791401508
    assert graine_variante("relation_client/net-a-payer-1", " Alice ") == 13258375444791401508
    assert graine_variante("a", "alice", 0) != graine_variante("a", "alice", 1)
    assert graine_variante("a", "alice") != graine_variante("b", "alice")


@pytest.mark.parametrize(
    "ex",
    FACTURATION + [tous_les_exercices()["gestion_clientele/sql-compter-1"]],
    ids=lambda e: e.code,
)
def test_variants_are_reproducible_and_differ_between_students(ex):
    assert ex.variante("alice").parametres == ex.variante("alice").parametres
    assert ex.variante("alice").enonce == ex.variante("Alice").enonce
    differents = {repr(sorted(ex.variante(e).parametres.items())) for e in ETUDIANTS}
    assert len(differents) >= 10  # neighbours cannot copy
    assert (
        ex.variante("alice", 1).parametres != ex.variante("alice", 0).parametres
        or ex.variante("alice", 2).parametres != ex.variante("alice", 0).parametres
    )


def test_worked_example_net_a_payer_to_the_cent():
    """alice: 95 × 27,40 € = 2 603,00 ; remise 10 % 260,30 → 2 342,70 ; remise 4 % 93,71 →
    2 248,99 ; escompte 3 % 67,47 → 2 181,52 ; TVA 436,30 → 2 617,82 €.
    Traps by hand: remises added (14 %): 2 238,58 − 67,16 = 2 171,42 + 434,28 = 2 605,70 ;
    TVA on the net commercial: 2 181,52 + 449,80 = 2 631,32 ; escompte on the brut (78,09):
    2 170,90 + 434,18 = 2 605,08."""
    v = exercice_par_code("relation_client/net-a-payer-1").variante("alice")
    assert (v.parametres["quantite"], v.parametres["prix"]) == (95, D("27.40"))
    assert v.controle.attendu == D("2617.82")
    assert {p.code: p.valeur for p in v.controle.pieges} == {
        "remises_additionnees": D("2605.70"),
        "tva_sur_net_commercial": D("2631.32"),
        "escompte_sur_brut": D("2605.08"),
    }
    assert "2 617,82" in v.controle.verifier("2617,82").message.replace("\u202f", " ")
    assert "en cascade" in v.controle.verifier("2 605,70").message
    assert "net financier" in v.controle.verifier("2631.32").message


def test_worked_example_interets_360_days():
    """alice: 13 700 € × 12 % × 90 / 360 = 411,00 € ; on 365 days: 405,369… → 405,37 €
    (a legal B2B penalty rate since issue 10 point 2: at least 3 × the taux d'intérêt légal)."""
    v = exercice_par_code("relation_client/interets-simples-1").variante("alice")
    assert v.parametres == {"capital": D("13700"), "taux": D("12"), "jours": 90}
    assert v.controle.attendu == D("411.00")
    verdict = v.controle.verifier("405,37")
    assert verdict.piege == "annee_civile" and "360 jours" in verdict.message


@pytest.mark.parametrize("ex", NOMBRES, ids=lambda e: e.code)
def test_number_exercises_right_answer_and_every_trap(ex):
    for etudiant in ETUDIANTS:
        c = ex.variante(etudiant).controle
        juste = c.verifier(str(c.attendu).replace(".", ","))
        assert juste.correct and juste.piege is None
        for piege in c.pieges:
            if abs(piege.valeur - c.attendu) > c.tolerance:
                assert c.verifier(str(piege.valeur)).piege == piege.code


def _reponse_juste(c: ControleTableau) -> dict[str, str]:
    return {cell.nom: str(cell.attendu) for cell in c.cellules}


@pytest.mark.parametrize("ex", TABLEAUX, ids=lambda e: e.code)
def test_table_exercises_right_answer_and_every_trap(ex):
    for etudiant in ETUDIANTS:
        c = ex.variante(etudiant).controle
        assert c.verifier(_reponse_juste(c)).correct
        for cell in c.cellules:
            for piege in cell.pieges:
                if abs(piege.valeur - cell.attendu) > (cell.tolerance or c.tolerance):
                    verdict = c.verifier(dict(_reponse_juste(c), **{cell.nom: str(piege.valeur)}))
                    statut = {d.nom: d for d in verdict.details}[cell.nom]
                    assert (statut.statut, statut.piege) == ("faux", piege.code)


def _dependants(c: ControleTableau, nom: str) -> set[str]:
    touches = {nom}
    for cell in c.cellules:
        if touches & set(cell.dependances()):
            touches.add(cell.nom)
    return touches - {nom}


@pytest.mark.parametrize("ex", TABLEAUX, ids=lambda e: e.code)
def test_a_slip_in_the_first_cell_is_carried_forward_exactly_to_the_cells_that_follow_from_it(ex):
    for etudiant in ETUDIANTS[:10]:
        c = ex.variante(etudiant).controle
        premiere = c.cellules[0]
        valeurs = dict(c.donnees)
        valeurs[premiere.nom] = premiere.attendu + 10  # the slip
        for cell in c.cellules[1:]:  # the student goes on correctly from their own figures
            if cell.formule is None:
                valeurs[cell.nom] = cell.attendu
            else:
                valeurs[cell.nom] = cell.formule(**{d: valeurs[d] for d in cell.dependances()})
        reponse = {cell.nom: str(valeurs[cell.nom]) for cell in c.cellules}
        statuts = {d.nom: d.statut for d in c.verifier(reponse).details}
        suivants = _dependants(c, premiere.nom)
        assert statuts[premiere.nom] == "faux"
        assert {n for n, s in statuts.items() if s == "report"} == suivants
        assert {n for n, s in statuts.items() if s == "juste"} == (
            {cell.nom for cell in c.cellules} - suivants - {premiere.nom}
        )


def test_the_added_remises_trap_is_seen_on_the_second_remise_line():
    c = exercice_par_code("relation_client/facture-tableau-1").variante("alice").controle
    remise_2 = next(cell for cell in c.cellules if cell.nom == "remise_2")
    verdict = c.verifier(dict(_reponse_juste(c), remise_2=str(remise_2.pieges[0].valeur)))
    assert verdict.piege == "remises_additionnees"
