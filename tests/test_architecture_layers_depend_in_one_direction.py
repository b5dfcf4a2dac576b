"""The three layers of DEVELOPERS.md, checked on the source: calculs ← données ← UI.

An AST scan (not an import) so that a forbidden import is caught even in a branch that the
other tests never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAQUET = Path(__file__).resolve().parents[1] / "widgets"

UI = {"ipywidgets", "anywidget", "IPython", "matplotlib", "widgets.ui"}
IO = {"sqlite3", "sqlite_utils", "pandas", "os", "shutil", "socket", "urllib", "http"}
COUCHES_HAUTES = {"widgets.donnees", "widgets.sql", "widgets.exercices", "widgets.tableaux_de_bord"}
NON_PORTABLE = {"signal", "subprocess", "fcntl", "resource", "pty"}

INTERDITS = {
    "calculs": UI | IO | COUCHES_HAUTES | {"widgets.ui"},
    "donnees": UI | {"widgets.exercices", "widgets.tableaux_de_bord"},
    "sql": UI | {"widgets.exercices", "widgets.tableaux_de_bord"},
    "exercices": {"ipywidgets", "anywidget", "widgets.ui", "widgets.tableaux_de_bord"},
}


def _modules_importes(fichier: Path) -> set[str]:
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    noms: set[str] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            noms |= {alias.name for alias in noeud.names}
        elif isinstance(noeud, ast.ImportFrom) and noeud.module and noeud.level == 0:
            noms.add(noeud.module)
    return noms


def _touche(module: str, interdits: set[str]) -> bool:
    return any(module == i or module.startswith(i + ".") for i in interdits)


def _fichiers(sous_paquet: str) -> list[Path]:
    return sorted((PAQUET / sous_paquet).rglob("*.py"))


@pytest.mark.parametrize("couche", sorted(INTERDITS))
def test_each_layer_imports_nothing_from_the_layers_above_it(couche):
    fautes = [
        f"{f.relative_to(PAQUET.parent)} importe {m}"
        for f in _fichiers(couche)
        for m in sorted(_modules_importes(f))
        if _touche(m, INTERDITS[couche])
    ]
    assert not fautes, "\n".join(fautes)


def test_the_calculation_layer_opens_no_file():
    fautes = []
    for f in _fichiers("calculs"):
        for noeud in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.Call) and getattr(noeud.func, "id", None) == "open":
                fautes.append(f"{f.name}:{noeud.lineno}")
    assert not fautes


def test_the_library_uses_no_posix_only_or_shelling_out_module():
    fautes = [
        f"{f.relative_to(PAQUET.parent)} importe {m}"
        for f in sorted(PAQUET.rglob("*.py"))
        for m in sorted(_modules_importes(f))
        if _touche(m, NON_PORTABLE)
    ]
    assert not fautes, "\n".join(fautes)


def test_the_scan_really_sees_imports():
    # Guard against a scan that silently finds nothing: the UI layer does use ipywidgets.
    assert any("ipywidgets" in _modules_importes(f) for f in _fichiers("ui"))
