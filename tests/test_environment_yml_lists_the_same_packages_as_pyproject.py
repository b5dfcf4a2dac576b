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


def _verrou() -> dict[str, str]:
    texte = (RACINE / "requirements.lock").read_text(encoding="utf-8")
    return {
        _nom(ligne): ligne.split("==", 1)[1].strip()
        for ligne in texte.splitlines()
        if "==" in ligne and not ligne.startswith((" ", "#"))
    }


def test_every_locked_version_satisfies_the_declared_range():
    from packaging.requirements import Requirement

    verrou = _verrou()
    fautes = [
        f"{nom}: requirements.lock {verrou[nom]} hors de {spec!r}"
        for nom, spec in _paquets_pyproject().items()
        if nom in verrou and not Requirement(spec).specifier.contains(verrou[nom], prereleases=True)
    ]
    assert not fautes, "\n".join(fautes) + "\n(faire `make lock`)"


def test_voila_stays_below_0_6_everywhere():
    # widgets/tableaux_de_bord/serveur.py subclasses Voilà's app and handlers (voila.app,
    # voila.tornado.*), which changed before: an upgrade is a deliberate, tested change.
    from packaging.requirements import Requirement
    from packaging.version import Version

    for spec in (_paquets_pyproject()["voila"], _paquets_environment()["voila"]):
        assert not Requirement(spec).specifier.contains(Version("0.6.0")), spec
    assert Version(_verrou()["voila"]) < Version("0.6")


def test_the_lock_was_made_by_the_makefile_command():
    # `make lock` is the only way to write requirements.lock: its header names that command.
    commande = re.search(r"uv pip compile (.+)", (RACINE / "Makefile").read_text()).group(1)
    entete = (RACINE / "requirements.lock").read_text(encoding="utf-8").splitlines()[1]
    assert entete.strip("# ").endswith(commande.strip()), (entete, commande)
