"""Issue 10, point 5: a ratio accepts both correct methods, and nothing rounds half-even.

A coefficient judged to 4 decimals differs whether the student rounds the intermediate price to
the cent (the corrigé's way) or keeps it exact: both are correct methods, both are accepted.
"""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from widgets.calculs import arrondi, format_nombre
from widgets.exercices import ControleNombre, exercice_par_code

D = Decimal
RACINE = Path(__file__).resolve().parents[1]
ETUDIANTS = [f"etudiant-{i}" for i in range(200)]


def test_le_coefficient_du_cas_10_71_accepte_1_75_et_1_7510():
    # PV TTC 10,71 €, coût 5,10 € : PV HT = 10,71 / 1,2 = 8,925 → 8,93 € (au centime)
    # étape arrondie : 8,93 / 5,10 = 1,750980… → 1,7510 ; calcul exact : 8,925 / 5,10 = 1,75
    arrondie = arrondi(D("8.93") / D("5.10"), 4)
    exacte = arrondi(D("10.71") / D("1.2") / D("5.10"), 4)
    assert (arrondie, exacte) == (D("1.7510"), D("1.7500"))
    controle = ControleNombre(arrondie, unite="", tolerance=D("0.0001"), autres_attendus=(exacte,))
    assert controle.verifier("1,75").correct
    assert controle.verifier("1,7510").correct
    assert not controle.verifier("1,7505").correct


@pytest.mark.parametrize("etudiant", ETUDIANTS[:50])
def test_coefficient_ht_accepte_le_pv_ht_non_arrondi(etudiant):
    v = exercice_par_code("relation_client/coefficient-ht-1").variante(etudiant)
    cout, ttc = v.parametres["cout"], v.parametres["prix_vente_ttc"]
    exact = arrondi(ttc / D("1.2") / cout, 4)
    arrondi_d_abord = arrondi(arrondi(ttc / D("1.2"), 2) / cout, 4)
    for methode in (exact, arrondi_d_abord):
        verdict = v.controle.verifier(format_nombre(methode, 4))
        assert verdict.correct, (etudiant, methode, verdict.message)
    if exact != arrondi_d_abord:  # the corrigé shows the other method too
        assert format_nombre(exact, decimales_maxi=4) in v.solution


@pytest.mark.parametrize("etudiant", ETUDIANTS[:50])
def test_coefficient_multiplicateur_accepte_le_pv_ttc_non_arrondi(etudiant):
    v = exercice_par_code("relation_client/coefficient-multiplicateur-1").variante(etudiant)
    cout, pv, tva = (v.parametres[k] for k in ("cout", "prix_vente_ht", "taux_tva"))
    facteur = 1 + tva / 100
    exact = arrondi(pv * facteur / cout, 4)
    arrondi_d_abord = arrondi(arrondi(pv * facteur, 2) / cout, 4)
    for methode in (exact, arrondi_d_abord):
        verdict = v.controle.verifier(format_nombre(methode, 4))
        assert verdict.correct, (etudiant, methode, verdict.message)


def test_les_deux_methodes_different_vraiment_pour_certains_etudiants():
    # sans cela, les deux tests précédents ne prouveraient rien
    differents = 0
    for etudiant in ETUDIANTS:
        v = exercice_par_code("relation_client/coefficient-ht-1").variante(etudiant)
        cout, ttc = v.parametres["cout"], v.parametres["prix_vente_ttc"]
        differents += arrondi(ttc / D("1.2") / cout, 4) != v.controle.attendu
    assert differents > 20


@pytest.mark.parametrize("etudiant", ETUDIANTS[:50])
def test_commandes_attendues_acceptent_le_taux_non_arrondi(etudiant):
    v = exercice_par_code("gestion_projet/commandes-attendues-1").variante(etudiant)
    _contacts, _rdv, visites, commandes = v.parametres["entonnoir"]
    exact = arrondi(D(v.parametres["visites_plan"] * commandes) / visites, 1)
    assert v.controle.verifier(format_nombre(exact, 1)).correct


def _appels_quantize_sans_arrondi_explicite(chemin: Path, racine: Path = RACINE) -> list[str]:
    """``x.quantize(q)`` relies on the context (ROUND_HALF_EVEN): every call must name its
    rounding; a directed rounding (DOWN, CEILING, FLOOR) is a deliberate bound, HALF_EVEN and
    HALF_DOWN are the banker's slips the formulaire forbids."""
    fautes = []
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    for noeud in ast.walk(arbre):
        if not (
            isinstance(noeud, ast.Call)
            and isinstance(noeud.func, ast.Attribute)
            and noeud.func.attr == "quantize"
        ):
            continue
        arrondis = list(noeud.args[1:]) + [k.value for k in noeud.keywords if k.arg == "rounding"]
        noms = {a.id if isinstance(a, ast.Name) else getattr(a, "attr", "?") for a in arrondis}
        permis = {"ROUND_HALF_UP", "ROUND_DOWN", "ROUND_CEILING", "ROUND_FLOOR", "ROUND_UP"}
        if not noms or not noms <= permis:
            fautes.append(
                f"{chemin.relative_to(racine).as_posix()}:{noeud.lineno} ({noms or 'implicite'})"
            )
    return fautes


def test_aucun_quantize_de_widgets_n_arrondit_au_pair():
    fautes = []
    for chemin in sorted((RACINE / "widgets").rglob("*.py")):
        fautes += _appels_quantize_sans_arrondi_explicite(chemin)
    assert not fautes, "quantize() sans ROUND_HALF_UP (utilisez arrondi / arrondi_centime) : " + (
        ", ".join(fautes)
    )


def test_le_scan_voit_un_quantize_implicite(tmp_path):
    # the scan must be able to fail
    module = tmp_path / "faux.py"
    module.write_text(
        "x = y.quantize(Decimal('0.01'))\n"
        "z = y.quantize(Q, ROUND_HALF_UP)\n"
        "t = y.quantize(Q, rounding=ROUND_HALF_EVEN)\n"
    )
    fautes = _appels_quantize_sans_arrondi_explicite(module, tmp_path)
    assert fautes == ["faux.py:1 (implicite)", "faux.py:3 ({'ROUND_HALF_EVEN'})"]
