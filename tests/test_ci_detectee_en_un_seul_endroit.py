"""CI is detected in one place (tests/outils/ci.py): a missing tool skips locally, fails in CI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from outils.ci import en_ci, outil_manquant

RACINE = Path(__file__).resolve().parents[1]
MODULE_CI = RACINE / "tests" / "outils" / "ci.py"
ANCIEN_CHEMIN = RACINE / "tests" / "outils_ci.py"  # one-line re-export


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
        *sorted((RACINE / "tests").rglob("*.py")),
        *sorted((RACINE / "widgets").rglob("*.py")),
    ]
    fichiers += [RACINE / "conftest.py", *sorted((RACINE / "benchmarks").glob("*.py"))]
    fautes = []
    for f in fichiers:
        if f in (MODULE_CI, ANCIEN_CHEMIN, Path(__file__)) or not f.exists():
            continue
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Constant) and n.value == "CI":
                fautes.append(f"{f.relative_to(RACINE)}:{n.lineno}")
    assert not fautes, "utilisez outils.ci.en_ci() :\n" + "\n".join(fautes)
    assert any(
        isinstance(n, ast.Constant) and n.value == "CI"
        for n in ast.walk(ast.parse(MODULE_CI.read_text(encoding="utf-8")))
    )  # guard: the scan would see the one reader


MARQUES_DE_SAUT = ("pytest.mark.skip", "pytest.mark.skipif")
APPELS_DE_SAUT = ("pytest.skip", "pytest.importorskip")


def _sauts(fichier: Path) -> list[int]:
    """Lines calling ``pytest.skip``/``pytest.importorskip`` or using ``pytest.mark.skip(if)``."""
    lignes = []
    for n in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
        if isinstance(n, ast.Attribute) and ast.unparse(n) in MARQUES_DE_SAUT:
            lignes.append(n.lineno)
        if isinstance(n, ast.Call) and ast.unparse(n.func) in APPELS_DE_SAUT:
            lignes.append(n.lineno)
    return sorted(lignes)


def test_every_skip_goes_through_outil_manquant():
    # A bare skip stays green in CI; outil_manquant fails there (a tool CI must have is missing).
    fichiers = [RACINE / "conftest.py", *sorted((RACINE / "tests").rglob("*.py"))]
    fautes = [
        f"{f.relative_to(RACINE)}:{ligne}"
        for f in fichiers
        if f != MODULE_CI
        for ligne in _sauts(f)
    ]
    assert not fautes, "passez par outil_manquant (tests/outils/ci.py) :\n" + "\n".join(fautes)


def test_the_skip_scan_sees_the_one_allowed_skip(tmp_path):
    # Guard: the helper itself skips, and every spelling of a skip is seen.
    assert _sauts(MODULE_CI)
    essai = tmp_path / "essai.py"
    essai.write_text(
        "import pytest\n"
        "@pytest.mark.skipif(True, reason='x')\n"
        "def test_a(): pytest.skip('x')\n"
        "m = pytest.importorskip('m')\n"
        "@pytest.mark.skip\n"
        "def test_b(): pytest.raises(pytest.skip.Exception)\n",
        encoding="utf-8",
    )
    assert _sauts(essai) == [2, 3, 4, 5]
