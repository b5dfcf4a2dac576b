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
        if f.name != "outils_ci.py" and f.parent.name != "outils"
        for ligne in _sauts(f)
    ]
    assert not fautes, "passez par outil_manquant (tests/outils_ci.py) :\n" + "\n".join(fautes)


def test_the_skip_scan_sees_the_one_allowed_skip(tmp_path):
    # Guard: the helper itself skips, and every spelling of a skip is seen.
    import outils_ci

    assert _sauts(Path(outils_ci.__file__))
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
