"""The Containerfile, read statically: base image as ARG, locked venv, reference database
built at image build, non-root user, one data volume, health check, the three commands."""

from __future__ import annotations

import re
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
TEXTE = (RACINE / "Containerfile").read_text(encoding="utf-8")
INSTRUCTIONS = [
    ligne
    for ligne in re.sub(r"\\\n", " ", TEXTE).splitlines()
    if ligne.strip() and not ligne.lstrip().startswith("#")
]
ENTREE = (RACINE / "deploy" / "atelier-entrypoint.sh").read_text(encoding="utf-8")


def _instructions(mot: str) -> list[str]:
    return [ligne.split(None, 1)[1] for ligne in INSTRUCTIONS if ligne.split()[0] == mot]


def test_the_base_image_is_an_arg():
    assert INSTRUCTIONS[0].startswith("ARG BASE=")
    assert _instructions("FROM") == ["${BASE}"]


def test_the_locked_venv_and_the_reference_database_built_at_image_build():
    run = " ".join(_instructions("RUN"))
    assert "uv pip sync --python .venv/bin/python -q --no-cache requirements.lock" in run
    assert "atelier construire-base --sortie datasets/clients.db" in run
    assert "requirements.lock" in _instructions("COPY")[0]


def test_a_non_root_user_owns_the_data_volume():
    (utilisateur,) = _instructions("USER")
    assert utilisateur.strip() not in ("root", "0")
    assert "ARG UID=1000" in INSTRUCTIONS
    assert 'useradd --uid "${UID}"' in " ".join(_instructions("RUN"))
    assert _instructions("VOLUME") == ['["/donnees"]']
    env = " ".join(_instructions("ENV"))
    assert "ATELIER_DONNEES=/donnees/eleves" in env
    assert "ATELIER_CLASSE=/donnees/classe" in env
    # USER comes after the root-only steps, VOLUME after the folder is created and owned.
    mots = [ligne.split()[0] for ligne in INSTRUCTIONS]
    assert mots.index("USER") > max(i for i, m in enumerate(mots) if m == "RUN")


def test_a_health_check_that_exists():
    (sante,) = _instructions("HEALTHCHECK")
    assert sante.endswith('CMD ["python3", "/app/deploy/sante.py"]')
    assert (RACINE / "deploy" / "sante.py").is_file()


def test_the_three_commands_dashboards_lab_and_jupyterhub_single_user():
    assert _instructions("ENTRYPOINT") == ['["/app/deploy/atelier-entrypoint.sh"]']
    assert _instructions("CMD") == ['["tableaux-de-bord"]']
    for mode, commande in (
        ("tableaux-de-bord)", "exec atelier tableaux-de-bord"),
        ("lab)", "exec atelier lab --dossier /donnees/lab --hote 0.0.0.0"),
        ("singleuser)", "exec jupyterhub-singleuser"),
    ):
        bloc = ENTREE.split(f"    {mode}", 1)[1].split(";;", 1)[0]
        assert commande in bloc, mode
    assert '--hote 0.0.0.0 --port "${ATELIER_PORT:-8866}"' in ENTREE


def test_the_build_context_leaves_out_the_local_venv_and_databases():
    ignore = (RACINE / ".containerignore").read_text(encoding="utf-8").splitlines()
    assert {".venv/", ".git/", "datasets/*.db"} <= set(ignore)
