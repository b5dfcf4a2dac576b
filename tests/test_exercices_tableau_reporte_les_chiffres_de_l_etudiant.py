"""ControleTableau: cell by cell like a French corrigé, with carry-forward of the student's slips.

Worked invoice (by hand): brut 2 000,00 € ; remise 10 % → 200,00 € ; net commercial 1 800,00 € ;
escompte 2 % → 36,00 € ; net financier 1 764,00 € ; TVA 20 % → 352,80 € ; TTC 2 116,80 €.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import arrondi_centime as c
from widgets.exercices import Cellule, ControleTableau, Piege

TVA_SUR_NET_COMMERCIAL = Piege(
    "tva_sur_net_commercial", D("360.00"), "La TVA se calcule sur le net financier."
)

TABLEAU = ControleTableau(
    cellules=(
        Cellule("remise", "Remise 10 %", D("200.00"), lambda brut: c(brut * D("0.10"))),
        Cellule(
            "net_commercial", "Net commercial HT", D("1800.00"), lambda brut, remise: brut - remise
        ),
        Cellule(
            "escompte",
            "Escompte 2 %",
            D("36.00"),
            lambda net_commercial: c(net_commercial * D("0.02")),
        ),
        Cellule(
            "net_financier",
            "Net financier HT",
            D("1764.00"),
            lambda net_commercial, escompte: net_commercial - escompte,
        ),
        Cellule(
            "tva",
            "TVA 20 %",
            D("352.80"),
            lambda net_financier: c(net_financier * D("0.20")),
            pieges=(TVA_SUR_NET_COMMERCIAL,),
        ),
        Cellule("ttc", "Total TTC", D("2116.80"), lambda net_financier, tva: net_financier + tva),
    ),
    donnees={"brut": D("2000.00")},
)

JUSTE = {
    "remise": "200",
    "net_commercial": "1 800",
    "escompte": "36",
    "net_financier": "1 764",
    "tva": "352,80",
    "ttc": "2 116,80",
}


def statuts(verdict):
    return {d.nom: d.statut for d in verdict.details}


def test_all_right_scores_full_marks():
    verdict = TABLEAU.verifier(JUSTE)
    assert verdict.correct and verdict.score == 1
    assert set(statuts(verdict).values()) == {"juste"}


def test_an_early_slip_is_punished_once_later_cells_judged_on_the_students_figures():
    # remise 180 (slip) → net commercial 1 820 → escompte 36,40 → net financier 1 783,60
    # → TVA 356,72 → TTC 2 140,32: every later cell follows from the slip.
    reponse = {
        "remise": "180",
        "net_commercial": "1820",
        "escompte": "36,40",
        "net_financier": "1783,60",
        "tva": "356,72",
        "ttc": "2140,32",
    }
    verdict = TABLEAU.verifier(reponse)
    assert statuts(verdict) == {
        "remise": "faux",
        "net_commercial": "report",
        "escompte": "report",
        "net_financier": "report",
        "tva": "report",
        "ttc": "report",
    }
    assert not verdict.correct
    assert verdict.score == D("0.8333")  # 5 points out of 6
    assert "5 cases justes sur 6 (dont 5 par report" in verdict.message


def test_a_later_cell_wrong_even_from_the_students_figures_is_wrong():
    # 40 is neither 2 % of 1 800 (36) nor 2 % of the student's 1 820 (36,40)
    reponse = dict(JUSTE, remise="180", net_commercial="1820", escompte="40")
    assert statuts(TABLEAU.verifier(reponse))["escompte"] == "faux"


def test_the_true_value_is_always_accepted_even_after_a_slip():
    reponse = dict(JUSTE, remise="180", net_commercial="1820", escompte="36")
    assert statuts(TABLEAU.verifier(reponse))["escompte"] == "juste"


def test_only_the_cells_depending_on_the_slip_are_carried_forward():
    # slip on the escompte only: remise and net commercial stay plainly right
    reponse = dict(JUSTE, escompte="30", net_financier="1770", tva="354", ttc="2124")
    assert statuts(TABLEAU.verifier(reponse)) == {
        "remise": "juste",
        "net_commercial": "juste",
        "escompte": "faux",
        "net_financier": "report",
        "tva": "report",
        "ttc": "report",
    }


def test_a_known_trap_in_a_cell_is_diagnosed():
    verdict = TABLEAU.verifier(dict(JUSTE, tva="360", ttc="2124"))
    assert statuts(verdict)["tva"] == "faux"
    assert verdict.piege == "tva_sur_net_commercial"
    assert "net financier" in verdict.message
    assert statuts(verdict)["ttc"] == "report"


def test_empty_cells_are_marked_and_an_unreadable_cell_is_a_french_error():
    verdict = TABLEAU.verifier({"remise": "200"})
    assert statuts(verdict)["ttc"] == "vide" and verdict.lisible
    illisible = TABLEAU.verifier(dict(JUSTE, tva="3a2"))
    assert not illisible.lisible and "TVA 20 %" in illisible.message
    assert not TABLEAU.verifier({}).lisible


def test_a_formula_using_an_undeclared_cell_is_refused_at_declaration():
    with pytest.raises(ValueError, match="inconnue"):
        ControleTableau((Cellule("a", "A", D(1), lambda inconnue: inconnue),))


def test_bareme_has_one_point_per_cell():
    assert TABLEAU.points == 6
    assert TABLEAU.bareme()[0] == ("Remise 10 %", D(1))


@given(st.decimals(min_value=1, max_value=1999, places=2))
def test_any_slip_on_the_remise_is_carried_to_every_later_cell(remise):
    """Whatever wrong remise the student writes, going on correctly from it is never punished."""
    if abs(remise - D("200.00")) <= D("0.01"):  # within the tolerance: that is right
        return
    net_c = D("2000.00") - remise
    escompte = c(net_c * D("0.02"))
    net_f = net_c - escompte
    tva = c(net_f * D("0.20"))
    reponse = {
        "remise": str(remise),
        "net_commercial": str(net_c),
        "escompte": str(escompte),
        "net_financier": str(net_f),
        "tva": str(tva),
        "ttc": str(net_f + tva),
    }
    verdict = TABLEAU.verifier(reponse)
    assert statuts(verdict)["remise"] == "faux"
    assert verdict.score == D("0.8333")
