"""The three layers of docs/architecture.md, checked on the source: calculs ← données ← UI.

An AST scan (not an import) so that a forbidden import is caught even in a branch that the
other tests never run. Relative imports (``from .configuration import …``) are resolved to
their absolute module, so they are checked like the others.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PAQUET = Path(__file__).resolve().parents[1] / "widgets"

UI = {"ipywidgets", "anywidget", "IPython", "matplotlib", "widgets.ui"}
IO = {"sqlite3", "sqlite_utils", "pandas", "os", "shutil", "socket", "urllib", "http"}
COUCHES_HAUTES = {"widgets.donnees", "widgets.sql", "widgets.exercices", "widgets.tableaux_de_bord"}
NON_PORTABLE = {"signal", "subprocess", "fcntl", "resource", "pty"}
#: The allowed exceptions: the dashboards server's clean stop handles SIGTERM/SIGINT, only
#: when the platform has them (getattr), from the main thread (issue 13); the SQL worker
#: ignores SIGINT between two statements (SIGINT, SIG_IGN and default_int_handler exist on
#: Windows too).
PERMIS_NON_PORTABLES = {
    "tableaux_de_bord/arret.py": {"signal"},
    "sql/_travailleur.py": {"signal"},
}

SERVEUR = {"widgets.tableaux_de_bord", "widgets.cli"}

INTERDITS = {
    "calculs": UI | IO | COUCHES_HAUTES | {"widgets.ui"},
    "donnees": UI | {"widgets.exercices", "widgets.tableaux_de_bord"},
    "sql": UI | {"widgets.exercices", "widgets.tableaux_de_bord"},
    "exercices": {"ipywidgets", "anywidget", "widgets.ui", "widgets.tableaux_de_bord"},
    # widgets read the vocabulary (donnees.vocabulaire), never the generator's internals
    "ui": SERVEUR | {"widgets.donnees.generation"},
    # the dashboard server serves notebooks: it never builds a widget itself
    "tableaux_de_bord": UI | {"widgets.sql", "widgets.cli"},
}
VOCABULAIRE = {"TYPES_CLIENT", "GAMMES", "STATUTS", "MODES_REGLEMENT"}


def _module_du_fichier(fichier: Path) -> str:
    parties = fichier.relative_to(PAQUET.parent).with_suffix("").parts
    return ".".join(parties[:-1] if parties[-1] == "__init__" else parties)


def _absolu(fichier: Path, noeud: ast.ImportFrom) -> str:
    """``from .x import y`` in ``widgets/a/b.py`` → ``widgets.a.x`` (level 0: unchanged)."""
    if noeud.level == 0:
        return noeud.module or ""
    paquet = _module_du_fichier(fichier).split(".")
    if fichier.name != "__init__.py":
        paquet = paquet[:-1]
    base = paquet[: len(paquet) - (noeud.level - 1)]
    return ".".join(base + ([noeud.module] if noeud.module else []))


def _modules_importes(fichier: Path) -> set[str]:
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    noms: set[str] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            noms |= {alias.name for alias in noeud.names}
        elif isinstance(noeud, ast.ImportFrom):
            module = _absolu(fichier, noeud)
            noms.add(module)
            if not noeud.module:  # from . import x: x may be a module
                noms |= {f"{module}.{alias.name}" for alias in noeud.names}
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


def test_the_low_level_sqlite_module_imports_only_the_standard_library():
    # widgets.connexions sits below donnees and sql and is imported by the SQL worker at its
    # start: nothing of widgets, nothing outside the standard library.
    importes = _modules_importes(PAQUET / "connexions.py")
    assert "sqlite3" in importes  # the scan sees its imports
    fautes = sorted(m for m in importes if m.split(".")[0] not in sys.stdlib_module_names)
    assert not fautes, fautes


def test_data_and_sql_layers_import_no_private_name_of_each_other():
    # donnees and sql share the low module (widgets.connexions), never each other's _names
    fautes = []
    for couche, autre in (("donnees", "widgets.sql"), ("sql", "widgets.donnees")):
        for f in _fichiers(couche):
            for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                if isinstance(n, ast.ImportFrom) and _touche(_absolu(f, n), {autre}):
                    modules = _absolu(f, n).split(".")
                    fautes += [
                        f"{f.relative_to(PAQUET.parent)} : {_absolu(f, n)}.{a.name}"
                        for a in n.names
                        if a.name.startswith("_") or any(m.startswith("_") for m in modules)
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
        and m not in PERMIS_NON_PORTABLES.get(f.relative_to(PAQUET).as_posix(), ())
    ]
    assert not fautes, "\n".join(fautes)


def test_the_scan_really_sees_imports():
    # Guard against a scan that silently finds nothing: the UI layer does use ipywidgets.
    assert any("ipywidgets" in _modules_importes(f) for f in _fichiers("ui"))


def test_relative_imports_are_resolved_to_their_module(tmp_path):
    # widgets/tableaux_de_bord/serveur.py: "from .configuration import …" is that module.
    serveur = PAQUET / "tableaux_de_bord" / "serveur.py"
    assert "widgets.tableaux_de_bord.configuration" in _modules_importes(serveur)
    paquet = PAQUET / "tableaux_de_bord" / "__init__.py"
    assert "widgets.tableaux_de_bord.serveur" in _modules_importes(paquet)
    noeud = ast.parse("from ..calculs import arrondis").body[0]
    assert _absolu(PAQUET / "ui" / "marges.py", noeud) == "widgets.calculs"


def test_only_the_data_layer_reads_the_vocabulary_from_the_generator():
    fautes = []
    for f in sorted(PAQUET.rglob("*.py")):
        if f.is_relative_to(PAQUET / "donnees"):
            continue
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(n, ast.ImportFrom) and _absolu(f, n).startswith(
                "widgets.donnees.generation"
            ):
                fautes += [
                    f"{f.relative_to(PAQUET.parent)} : {a.name} (widgets.donnees.vocabulaire)"
                    for a in n.names
                    if a.name in VOCABULAIRE
                ]
    assert not fautes, "\n".join(fautes)
