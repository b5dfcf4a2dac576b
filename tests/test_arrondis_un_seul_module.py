"""Money is rounded in one place: ``widgets.calculs.arrondis`` (half-up, as in the formulaire).

Python's ``quantize`` rounds half-even by default (0,125 → 0,12) and a hand-written
``quantize(..., ROUND_HALF_UP)`` is one more place to get wrong: the scan below refuses both
anywhere in ``widgets/`` except the rounding module. ``CENT`` and ``CENTIME`` each keep one
meaning (100 and 0,01).
"""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

from widgets.calculs import CENTIME, arrondi, arrondi_centime
from widgets.calculs import arrondis as module_arrondis
from widgets.calculs.arrondis import CENT, tronque

PAQUET = Path(__file__).resolve().parents[1] / "widgets"
MODULE_ARRONDIS = PAQUET / "calculs" / "arrondis.py"


def _appels_quantize(fichier: Path) -> list[int]:
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    return [
        n.lineno
        for n in ast.walk(arbre)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "quantize"
    ]


def _constantes(fichier: Path) -> dict[str, str]:
    """Module- or function-level ``NAME = Decimal(...)`` assignments, as source text."""
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    trouvees = {}
    for n in ast.walk(arbre):
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            valeur = n.value
            if isinstance(valeur, ast.Call) and getattr(valeur.func, "id", None) == "Decimal":
                trouvees[n.targets[0].id] = ast.unparse(valeur)
    return trouvees


def test_no_quantize_outside_the_rounding_module():
    fautes = [
        f"{f.relative_to(PAQUET.parent)}:{ligne}"
        for f in sorted(PAQUET.rglob("*.py"))
        if f != MODULE_ARRONDIS
        for ligne in _appels_quantize(f)
    ]
    assert not fautes, "quantize hors de widgets/calculs/arrondis.py :\n" + "\n".join(fautes)


def test_the_scan_really_sees_quantize_calls():
    # Guard against a scan that finds nothing: the rounding module itself calls quantize.
    assert len(_appels_quantize(MODULE_ARRONDIS)) == 3


def test_cent_and_centime_each_have_one_meaning():
    fautes = []
    for f in sorted(PAQUET.rglob("*.py")):
        for nom, valeur in _constantes(f).items():
            if nom == "CENT" and valeur != "Decimal(100)":
                fautes.append(f"{f.name}: CENT = {valeur}")
            if nom == "CENTIME" and f != MODULE_ARRONDIS:
                fautes.append(f"{f.name}: CENTIME redéfini")
            if valeur in ("Decimal('0.01')", 'Decimal("0.01")') and f != MODULE_ARRONDIS:
                fautes.append(f"{f.name}: {nom} = {valeur} (importez CENTIME)")
    assert not fautes, "\n".join(fautes)
    assert CENT == 100 and CENTIME == Decimal("0.01")


def test_half_up_to_the_cent_both_signs():
    # 0,125 is exactly half a cent above 0,12: half-up gives 0,13 (half-even would give 0,12).
    assert arrondi_centime(Decimal("0.125")) == Decimal("0.13")
    assert arrondi_centime(Decimal("-0.125")) == Decimal("-0.13")
    assert arrondi_centime(Decimal("2.675")) == Decimal("2.68")
    assert arrondi(Decimal("12.345"), 1) == Decimal("12.3")
    assert arrondi(Decimal("0.00005"), 4) == Decimal("0.0001")
    assert arrondi(Decimal("2.5"), 0) == Decimal(3)


def test_tronque_never_goes_above():
    # 12,349 cut to the hundredth is 12,34: a ceiling rate must not be exceeded.
    assert tronque(Decimal("12.349")) == Decimal("12.34")


def test_old_import_paths_still_work():
    from widgets.calculs.saisie import CENTIME as depuis_saisie
    from widgets.calculs.saisie import arrondi_centime as depuis_saisie_fonction

    assert depuis_saisie is CENTIME
    assert depuis_saisie_fonction is module_arrondis.arrondi_centime is arrondi_centime


def test_half_even_traps_are_gone_from_product_prices_and_exercise_prices():
    # A product stored at 2.675 € must read 2,68 € (half-even gave 2,67).
    from widgets.donnees.catalogue_produits import _centimes

    assert _centimes(2.675) == Decimal("2.68")
    assert _centimes(0.125) == Decimal("0.13")


def test_format_and_saisie_no_longer_import_each_other():
    # saisie needs format (messages quoting a rate); format only needs the rounding module.
    arbre = ast.parse((PAQUET / "calculs" / "format.py").read_text(encoding="utf-8"))
    importes = {n.module for n in ast.walk(arbre) if isinstance(n, ast.ImportFrom)}
    assert "widgets.calculs.arrondis" in importes
    assert "widgets.calculs.saisie" not in importes


def _constantes_de_module(fichier: Path) -> dict[str, Decimal]:
    """Top-level ``NAME = Decimal(<literal>)`` of a module, with their values."""
    trouvees = {}
    for n in ast.parse(fichier.read_text(encoding="utf-8")).body:
        if isinstance(n, ast.Assign | ast.AnnAssign):
            cibles = n.targets if isinstance(n, ast.Assign) else [n.target]
            valeur = n.value
            if (
                len(cibles) == 1
                and isinstance(cibles[0], ast.Name)
                and isinstance(valeur, ast.Call)
                and getattr(valeur.func, "id", None) == "Decimal"
                and len(valeur.args) == 1
                and isinstance(valeur.args[0], ast.Constant)
            ):
                trouvees[cibles[0].id] = Decimal(valeur.args[0].value)
    return trouvees


def test_cent_and_zero_are_imported_never_redefined():
    # CENT (100) and ZERO (0) live in the rounding module; any other module imports them.
    fautes = [
        f"{f.relative_to(PAQUET.parent)}: {nom} = Decimal({valeur}) (importez CENT / ZERO)"
        for f in sorted(PAQUET.rglob("*.py"))
        if f != MODULE_ARRONDIS
        for nom, valeur in _constantes_de_module(f).items()
        if nom in ("CENT", "ZERO") or valeur in (0, 100)
    ]
    assert not fautes, "\n".join(fautes)
    from widgets.calculs.arrondis import ZERO

    assert ZERO == 0 and str(ZERO) == "0"


def test_the_constant_scan_sees_the_rounding_module_constants():
    # Guard: the scan reads CENT, ZERO and CENTIME in the rounding module itself.
    assert _constantes_de_module(MODULE_ARRONDIS) == {
        "CENTIME": Decimal("0.01"),
        "CENT": Decimal(100),
        "ZERO": Decimal(0),
    }


def test_integer_division_rounds_half_away_from_zero_like_arrondi():
    import numpy as np

    from widgets.calculs.arrondis import division_arrondie

    # 1 250 / 100 = 12,5 → 13 (half-even would give 12); 1 249 / 100 = 12,49 → 12
    assert division_arrondie(1250, 100) == 13 and division_arrondie(1249, 100) == 12
    assert division_arrondie(-1250, 100) == -13 and division_arrondie(-1249, 100) == -12
    assert division_arrondie(7, 2) == 4 and division_arrondie(0, 7) == 0
    # element-wise on int64 arrays, divisor scalar or array: 5/2 → 3, -5/2 → -3, 7/3 → 2
    resultat = division_arrondie(np.array([5, -5, 7], dtype="int64"), np.array([2, 2, 3]))
    assert resultat.tolist() == [3, -3, 2]
    for n in range(-300, 301):
        assert division_arrondie(n, 8) == arrondi(Decimal(n) / 8, 0)


def test_no_hand_rolled_integer_half_up_outside_the_rounding_module():
    # « (2 * n + d) // (2 * d) » is the integer half-up: write division_arrondie instead.
    motif = "//(2*"
    fautes = [
        f.relative_to(PAQUET.parent).as_posix()
        for f in sorted(PAQUET.rglob("*.py"))
        if f != MODULE_ARRONDIS and motif in f.read_text(encoding="utf-8").replace(" ", "")
    ]
    assert not fautes, "arrondi entier écrit à la main :\n" + "\n".join(fautes)
    assert motif in MODULE_ARRONDIS.read_text(encoding="utf-8").replace(" ", "")  # guard
