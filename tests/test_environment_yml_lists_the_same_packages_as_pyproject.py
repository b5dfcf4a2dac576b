"""environment.yml (conda, Windows lab PCs) and pyproject.toml must not drift apart."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parents[1]
HORS_PAQUETS = {"python", "pip", "-e"}  # the interpreter, pip itself, the workbench


def _nom(spec: str) -> str:
    return re.split(r"[<>=!~ \[;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _paquets_pyproject() -> dict[str, str]:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(projet["dependencies"])
    for extra in projet.get("optional-dependencies", {}).values():
        specs += extra
    return {_nom(s): s.replace(" ", "") for s in specs}


def _paquets_environment() -> dict[str, str]:
    env = yaml.safe_load((RACINE / "environment.yml").read_text(encoding="utf-8"))
    specs: list[str] = []
    for dep in env["dependencies"]:
        specs += dep["pip"] if isinstance(dep, dict) else [dep]
    return {_nom(s): s.replace(" ", "") for s in specs if _nom(s) not in HORS_PAQUETS}


def test_the_same_package_names_appear_in_both_files():
    assert sorted(_paquets_environment()) == sorted(_paquets_pyproject())


def test_the_same_minimum_versions_appear_in_both_files():
    pyproject = _paquets_pyproject()
    for nom, spec in _paquets_environment().items():
        assert spec == pyproject[nom], (
            f"{nom}: environment.yml {spec!r} ≠ pyproject {pyproject[nom]!r}"
        )


def test_environment_installs_the_workbench_itself():
    texte = (RACINE / "environment.yml").read_text(encoding="utf-8")
    assert "- -e ." in texte


def test_the_lock_file_pins_every_declared_package():
    verrou = (RACINE / "requirements.lock").read_text(encoding="utf-8")
    epingles = {_nom(x) for x in verrou.splitlines() if "==" in x and not x.startswith(" ")}
    manquants = sorted(set(_paquets_pyproject()) - epingles)
    assert not manquants, f"requirements.lock ne fixe pas : {manquants} (faire `make lock`)"
