"""`atelier lab` (what `make start` runs) serves JupyterLab on the notebooks, with Voilà preview."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as reponse:
        return reponse.status, reponse.read().decode("utf-8")


@pytest.fixture(scope="module")
def serveur_lab(tmp_path_factory):
    port = _port_libre()
    env = dict(
        os.environ,
        JUPYTER_TOKEN="jeton-test",
        JUPYTER_RUNTIME_DIR=str(tmp_path_factory.mktemp("rt")),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "widgets.cli", "lab", "--port", str(port), "--sans-navigateur"],
        cwd=RACINE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + 120  # bounded wait; a loaded 2-core machine needs > 30 s
        while True:
            try:
                _get(f"{base}/api/status?token=jeton-test")
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stdout.read())
                if time.monotonic() > limite:
                    pytest.fail("JupyterLab n'a pas répondu en 120 s")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_jupyterlab_answers_on_loopback_with_the_lab_page(serveur_lab):
    statut, page = _get(f"{serveur_lab}/lab?token=jeton-test")
    assert statut == 200
    assert "JupyterLab" in page


def test_the_served_root_is_the_notebooks_folder(serveur_lab):
    _, corps = _get(f"{serveur_lab}/api/contents?token=jeton-test")
    noms = {c["name"] for c in json.loads(corps)["content"]}
    assert {"gestion_clientele", "relation_client", "management_equipe", "gestion_projet"} <= noms
    assert "00_prise_en_main.ipynb" in noms


def test_the_voila_preview_extension_is_available_in_the_lab(serveur_lab):
    _, page = _get(f"{serveur_lab}/lab?token=jeton-test")
    assert "@voila-dashboards/jupyterlab-preview" in page
