"""Test helpers live in tests/outils/ (a package): a test imports them from there, never from
conftest.py or another test file, and benchmarks never import the tests."""

from __future__ import annotations

import ast
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]


def _modules_importes(fichier: Path) -> set[str]:
    noms = set()
    for n in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
        if isinstance(n, ast.ImportFrom) and n.module and n.level == 0:
            noms.add(n.module)
        elif isinstance(n, ast.Import):
            noms.update(a.name for a in n.names)
    return noms


def _fautes(fichier: Path) -> list[str]:
    return sorted(
        m
        for m in _modules_importes(fichier)
        if m == "conftest" or m.split(".")[-1].startswith("test_") or m.startswith("tests")
    )


def test_tests_and_benchmarks_import_no_test_file_nor_conftest():
    fichiers = [*(RACINE / "tests").rglob("*.py"), *(RACINE / "benchmarks").rglob("*.py")]
    fautes = [f"{f.relative_to(RACINE)} : {', '.join(_fautes(f))}" for f in fichiers if _fautes(f)]
    assert not fautes, "rangez l'aide dans tests/outils/ :\n" + "\n".join(fautes)


def test_the_scan_sees_imports_and_the_helpers_are_in_the_package(tmp_path):
    essai = tmp_path / "essai.py"
    essai.write_text("from conftest import x\nimport test_autre\nfrom outils.ci import en_ci\n")
    assert _fautes(essai) == ["conftest", "test_autre"]
    paquet = RACINE / "tests" / "outils"
    assert {"ci.py", "serveurs.py", "navigateur.py", "voies.py"} <= {
        f.name for f in paquet.glob("*.py")
    }
    assert "outils.serveurs" in _modules_importes(RACINE / "tests" / "conftest.py")
