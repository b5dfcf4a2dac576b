"""Every command the README and the docs show works as written after ``make start``.

A teacher copies a command from the docs into a terminal opened in the project folder: it must
name an existing ``make`` target, an existing ``atelier`` sub-command with valid options (run
through ``.venv/bin/atelier``: ``atelier`` alone is not on the PATH of a fresh clone), or an
existing script run by ``.venv/bin/python``; never a bare ``python`` (the system's, without the
workbench). Commands are read in fenced code blocks and in inline code spans. Blocks that
activate a conda environment (Windows section of the README) may say ``atelier`` alone.
``docs/architecture.md`` (a developer's reference with usage syntax) is not read.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from widgets.cli import construire_parser

RACINE = Path(__file__).resolve().parents[1]
DOCUMENTS = [
    "README.md",
    "docs/enseignant.md",
    "docs/deploiement.md",
    "docs/benchmarks.md",
    "docs/exercices_enseignant.md",
]
DEBUTS = ("make ", "atelier ", ".venv/bin/atelier ", "python ", "python3 ", ".venv/bin/python ")


def _cibles_make() -> set[str]:
    texte = (RACINE / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([a-z][\w-]*):", texte, re.MULTILINE)}


def _commandes(document: str) -> list[tuple[int, str, bool]]:
    """(line number, command, in a conda block) for each command-like line or code span."""
    commandes: list[tuple[int, str, bool]] = []
    lignes = (RACINE / document).read_text(encoding="utf-8").splitlines()
    dans_bloc, bloc_conda, suite = False, False, ""
    for numero, ligne in enumerate(lignes, start=1):
        if ligne.strip().startswith("```"):
            dans_bloc = not dans_bloc
            if dans_bloc:
                fin = next(i for i in range(numero, len(lignes)) if lignes[i].startswith("```"))
                bloc_conda = any("conda activate" in x for x in lignes[numero:fin])
            continue
        if dans_bloc:
            texte = suite + ligne.split("  #")[0].strip()
            if texte.endswith("\\"):
                suite = texte[:-1] + " "
                continue
            suite = ""
            if texte.startswith(DEBUTS):
                commandes.append((numero, texte, bloc_conda))
            continue
        for span in re.findall(r"`([^`]+)`", ligne):
            if span.startswith(DEBUTS):
                commandes.append((numero, span.strip(), False))
    return commandes


TOUTES = [(doc, *c) for doc in DOCUMENTS for c in _commandes(doc)]


def test_the_docs_do_show_commands():
    docs = {doc for doc, *_ in TOUTES}
    assert docs == set(DOCUMENTS)
    assert len(TOUTES) > 40


@pytest.mark.parametrize(
    ("document", "ligne", "commande", "conda"),
    TOUTES,
    ids=[f"{d}:{n}" for d, n, *_ in TOUTES],
)
def test_each_command_works_as_written_after_make_start(document, ligne, commande, conda):
    mots = shlex.split(commande)
    if mots[0] in ("python", "python3"):
        pytest.fail(f"{document}:{ligne} : « {commande} » : python nu, pas celui de l'atelier")
    if mots[0] == "make":
        cibles = [m for m in mots[1:] if "=" not in m]
        assert cibles and set(cibles) <= _cibles_make(), f"{document}:{ligne} : {commande}"
        return
    if mots[0] == ".venv/bin/python":
        args = mots[1:]
        if args[:1] == ["-c"]:  # inline code run by the workbench's own Python
            return
        if args[:2] == ["-m", "pytest"]:
            args = args[2:]
        script = next(a for a in args if not a.startswith("-"))
        assert (RACINE / script).exists(), f"{document}:{ligne} : {script} n'existe pas"
        return
    if mots[0] == "atelier" and not conda:
        pytest.fail(f"{document}:{ligne} : « {commande} » : écrire .venv/bin/atelier")
    try:
        args = construire_parser().parse_args(mots[1:])
    except SystemExit:
        pytest.fail(f"{document}:{ligne} : « {commande} » refusée par atelier")
    # The required options, checked by widgets.cli.main after parsing.
    manquantes = [
        nom for dest, nom in getattr(args, "_obligatoires", ()) if not getattr(args, dest)
    ]
    assert not manquantes, f"{document}:{ligne} : « {commande} » : il manque {manquantes}"
