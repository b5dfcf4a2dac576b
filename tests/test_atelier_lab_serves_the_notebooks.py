"""`atelier lab` (what `make start` runs) serves JupyterLab on the notebooks, with Voilà preview.

And what a teacher sees on the first start (issue 29): the address that works printed first and
alone, JupyterLab in French without the news pop-up, no English warnings in the terminal
(trust, TCP, deprecations), and notebooks of the project saved without their outputs.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=timeout) as reponse:
        return reponse.status, reponse.read().decode("utf-8")


def _envoyer(url: str, methode: str, corps: dict | None = None) -> tuple[int, str]:
    donnees = None if corps is None else json.dumps(corps).encode("utf-8")
    requete = urllib.request.Request(
        url, data=donnees, method=methode, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(requete, timeout=30) as reponse:
        return reponse.status, reponse.read().decode("utf-8")


class Serveur(str):
    """The base URL, with the port and every line the command printed so far."""

    port: int
    lignes: list[str]


@pytest.fixture(scope="module")
def serveur_lab(tmp_path_factory):
    port = _port_libre()
    env = dict(
        os.environ,
        JUPYTER_TOKEN="jeton-test",
        JUPYTER_RUNTIME_DIR=str(tmp_path_factory.mktemp("rt")),
        # A fresh teacher: no notebook signed yet, no settings of their own.
        JUPYTER_DATA_DIR=str(tmp_path_factory.mktemp("data")),
        JUPYTERLAB_SETTINGS_DIR=str(tmp_path_factory.mktemp("reglages")),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path_factory.mktemp("espaces")),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "widgets.cli", "lab", "--port", str(port), "--sans-navigateur"],
        cwd=RACINE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = Serveur(f"http://127.0.0.1:{port}")
    base.port = port
    base.lignes = []

    def lire():
        for ligne in proc.stdout:
            base.lignes.append(ligne.rstrip("\n"))

    lecteur = threading.Thread(target=lire, daemon=True)
    lecteur.start()
    try:
        limite = time.monotonic() + 120  # bounded wait; a loaded 2-core machine needs > 30 s
        while True:
            try:
                _get(f"{base}/api/status?token=jeton-test")
                break
            except OSError:
                if proc.poll() is not None:
                    lecteur.join(5)
                    pytest.fail("\n".join(base.lignes))
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


def test_the_served_root_shows_the_notebooks_and_the_apps_not_the_developer_files(serveur_lab):
    _, corps = _get(f"{serveur_lab}/api/contents?token=jeton-test")
    noms = {c["name"] for c in json.loads(corps)["content"]}
    assert {"notebooks", "voila_apps", "docs", "README.md"} <= noms
    assert not noms & {"widgets", "tests", "benchmarks", "Makefile", "pyproject.toml"}
    _, corps = _get(f"{serveur_lab}/api/contents/notebooks?token=jeton-test")
    noms = {c["name"] for c in json.loads(corps)["content"]}
    assert {"gestion_clientele", "relation_client", "management_equipe", "gestion_projet"} <= noms
    assert "00_prise_en_main.ipynb" in noms


def test_the_voila_preview_extension_is_available_in_the_lab(serveur_lab):
    _, page = _get(f"{serveur_lab}/lab?token=jeton-test")
    assert "@voila-dashboards/jupyterlab-preview" in page


def test_the_first_line_printed_is_the_address_that_works_with_its_token(serveur_lab):
    attendu = f"Atelier NRC : ouvrez http://127.0.0.1:{serveur_lab.port}/lab?token=jeton-test"
    assert serveur_lab.lignes[0] == attendu
    adresse = serveur_lab.lignes[0].split("ouvrez ", 1)[1]
    statut, page = _get(adresse)
    assert statut == 200 and "JupyterLab" in page


def _valeur(corps: str, cle: str):
    """The value JupyterLab applies: the user's setting, else the (overridden) default."""
    reglage = json.loads(corps)
    return reglage["settings"].get(cle, reglage["schema"]["properties"][cle]["default"])


def test_jupyterlab_is_in_french_and_the_news_pop_up_is_off(serveur_lab):
    _, corps = _get(
        f"{serveur_lab}/lab/api/settings/@jupyterlab/translation-extension:plugin?token=jeton-test"
    )
    assert _valeur(corps, "locale") == "fr_FR"
    _, corps = _get(
        f"{serveur_lab}/lab/api/settings/@jupyterlab/apputils-extension:notification"
        "?token=jeton-test"
    )
    assert _valeur(corps, "fetchNews") == "false"
    _, corps = _get(f"{serveur_lab}/lab/api/translations/fr_FR?token=jeton-test")
    # The French language pack is installed: JupyterLab's own words come translated.
    assert json.loads(corps)["data"]["jupyterlab"]["Save"] == ["Sauvegarder"]


def test_a_notebook_of_the_project_is_saved_without_its_outputs(serveur_lab):
    nom = f"notebooks/_essai_sauvegarde_{uuid.uuid4().hex[:8]}.ipynb"
    carnet = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {}}},
        "cells": [
            {
                "cell_type": "code",
                "id": "c1",
                "metadata": {},
                "source": "print(2 + 2)",
                "execution_count": 3,
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "4\n"}],
            }
        ],
    }
    url = f"{serveur_lab}/api/contents/{nom}?token=jeton-test"
    try:
        statut, _ = _envoyer(url, "PUT", {"type": "notebook", "content": carnet})
        assert statut in (200, 201)
        sur_disque = json.loads((RACINE / nom).read_text(encoding="utf-8"))
        cellule = sur_disque["cells"][0]
        assert "".join(cellule["source"]) == "print(2 + 2)"
        assert cellule["outputs"] == [] and cellule["execution_count"] is None
        assert "widgets" not in sur_disque["metadata"]
        # Reopened, the project's notebook is trusted: no "not trusted" dialog or warning.
        _, corps = _get(url)
        assert json.loads(corps)["content"]["cells"][0]["metadata"].get("trusted") is True
    finally:
        (RACINE / nom).unlink(missing_ok=True)


def test_the_voila_preview_renders_an_app_of_the_project(serveur_lab):
    statut, page = _get(
        f"{serveur_lab}/voila/render/voila_apps/marges.ipynb?token=jeton-test", timeout=120
    )
    assert statut == 200
    assert "application/vnd.jupyter.widget-view+json" in page


def test_no_english_warning_reaches_the_teacher_terminal(serveur_lab):
    # A notebook opened and run: kernel start, trust check, contents read.
    _, corps = _envoyer(
        f"{serveur_lab}/api/sessions?token=jeton-test",
        "POST",
        {
            "path": "notebooks/00_prise_en_main.ipynb",
            "type": "notebook",
            "name": "",
            "kernel": {"name": "python3"},
        },
    )
    session = json.loads(corps)
    _get(f"{serveur_lab}/api/contents/notebooks/00_prise_en_main.ipynb?token=jeton-test")
    time.sleep(8)  # the kernel's own start-up lines, if any, reach the terminal
    _envoyer(f"{serveur_lab}/api/sessions/{session['id']}?token=jeton-test", "DELETE")
    texte = "\n".join(serveur_lab.lignes)
    for anglais in (
        "not trusted",
        "TCP",
        "Running as root",
        "DeprecationWarning",
        "[W ",
        "WARNING",
        "To access the server",
    ):
        assert anglais not in texte, texte
