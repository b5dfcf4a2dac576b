"""CI is detected in one place (tests/outils_ci.py): a missing tool skips locally, fails in CI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from outils_ci import en_ci, outil_manquant

RACINE = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [("true", True), ("1", True), ("TRUE", True), (" yes ", True), ("", False), ("0", False)],
)
def test_ci_is_read_from_the_environment(monkeypatch, valeur, attendu):
    monkeypatch.setenv("CI", valeur)
    assert en_ci() is attendu


def test_a_missing_tool_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="nginx"):
        outil_manquant("nginx introuvable")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="nginx"):
        outil_manquant("nginx introuvable")


def test_no_other_file_reads_the_ci_variable():
    fichiers = [
        *sorted((RACINE / "tests").glob("*.py")),
        *sorted((RACINE / "widgets").rglob("*.py")),
    ]
    fichiers += [RACINE / "conftest.py", *sorted((RACINE / "benchmarks").glob("*.py"))]
    fautes = []
    for f in fichiers:
        if f.name in ("outils_ci.py", Path(__file__).name) or not f.exists():
            continue
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Constant) and n.value == "CI":
                fautes.append(f"{f.relative_to(RACINE)}:{n.lineno}")
    assert not fautes, "utilisez outils_ci.en_ci() :\n" + "\n".join(fautes)
