"""The one CI-detection helper of the tests (CI runs with ``CI=true``).

A missing system tool (chromium, nginx, configurable-http-proxy) SKIPS a test on a teacher's or
developer's machine but FAILS it in CI: a green CI must mean the browser and server tests ran.
Import it from a test (``from outils.ci import en_ci, outil_manquant``; the old
``from outils_ci import …`` still works); never read ``CI`` from the environment elsewhere
(``tests/test_ci_detectee_en_un_seul_endroit.py`` scans).
"""

from __future__ import annotations

import os

import pytest

VALEURS_VRAIES = {"1", "true", "yes"}


def en_ci() -> bool:
    """True when the tests run in CI (``CI`` set to 1, true or yes, any case)."""
    return os.environ.get("CI", "").strip().lower() in VALEURS_VRAIES


def outil_manquant(message: str) -> None:
    """A required tool is missing: fail in CI, skip elsewhere (``message`` in French)."""
    if en_ci():
        pytest.fail(message)
    pytest.skip(message)
