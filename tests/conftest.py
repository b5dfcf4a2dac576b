"""Shared fixtures: a small client database built once per session, and a private user folder.

No test ever writes into the real user data directory or into ``datasets/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def dossier_utilisateur_temporaire(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own student data folder (progress, sandbox, plans)."""
    dossier = tmp_path / "donnees_etudiant"
    monkeypatch.setenv("ATELIER_DONNEES", str(dossier))
    return dossier


@pytest.fixture(scope="session")
def base_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small reference database (300 clients, seed 2026), built once for the whole session.

    Tests must treat it as read-only; a test that writes makes its own copy.
    """
    from widgets.donnees.generation import construire_base

    chemin = tmp_path_factory.mktemp("base") / "clients.db"
    construire_base(chemin, clients=300, graine=2026)
    return chemin
