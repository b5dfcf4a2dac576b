"""Issue 22, "checkers that reject right answers": a scan of every exercise of the catalogue.

The tolerance of a checker is no finer than the precision its statement asks and its corrigé
shows: a student who types the expected figure exactly as the corrigé displays it (or rounded
to the precision the statement asks, « à 0,0001 % près ») is right. Checked on several variants
of every numeric exercise, cell by cell for the tables.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from widgets.calculs import arrondi
from widgets.exercices.controles import ControleNombre, ControleTableau
from widgets.exercices.registre import exercices_integres

ETUDIANTS = ("alice", "bob", "chloé", "dylan", "emma", "farid")
NUMERIQUES = sorted(
    code
    for code, ex in exercices_integres().items()
    if isinstance(ex.variante("alice").controle, ControleNombre | ControleTableau)
)
# « à 0,0001 % près », « à 0,01 près »: the precision a statement asks
PRECISION = re.compile(r"à (0,0*1) ?%? près")


def _affiche(controle) -> dict[str, str] | str:
    """The figures exactly as the corrigé shows them (``reponse_attendue``)."""
    texte = controle.reponse_attendue()
    if isinstance(controle, ControleNombre):
        return texte.strip("*").rsplit(" = ", 1)[1]
    lignes = [ligne.split(" | ")[-1].rstrip(" |") for ligne in texte.splitlines()[2:]]
    return {c.nom: valeur for c, valeur in zip(controle.cellules, lignes, strict=True)}


def test_le_scan_couvre_le_catalogue():
    assert len(NUMERIQUES) >= 50


@pytest.mark.parametrize("code", NUMERIQUES)
def test_la_valeur_affichee_par_le_corrige_est_acceptee(code):
    """Issue 22: typing the corrigé's displayed figure is right (tolerance ≥ shown precision)."""
    ex = exercices_integres()[code]
    fautes = []
    for etudiant in ETUDIANTS:
        v = ex.variante(etudiant)
        affiche = _affiche(v.controle)
        verdict = v.controle.verifier(affiche)
        if not verdict.correct:
            fautes.append(f"{etudiant} : {affiche} → {verdict.message}")
        m = PRECISION.search(v.enonce)
        if m and isinstance(v.controle, ControleNombre):
            pas = Decimal(m.group(1).replace(",", "."))
            decimales = -pas.as_tuple().exponent
            tape = str(arrondi(v.controle.attendu, decimales)).replace(".", ",")
            verdict = v.controle.verifier(tape)
            if not verdict.correct:
                fautes.append(f"{etudiant} : « {tape} » (précision demandée) → {verdict.message}")
    assert not fautes, "\n".join(fautes)
