"""Issue 29, « clipped simulators »: at 1920, 1366 and 768 px (a projector, a lab PC, a tablet)
no input, label or button of any app nor of any widget-bearing notebook is clipped, covered by
another element or out of reach (tests/outils/ecran.py says how each is measured).

One server for the apps (the gallery's list, ``serveur_apps``) and one Voilà server for the
notebooks; each page is loaded once and measured at the three widths, every widget tab opened.
``ATELIER_ECRAN_CARNETS=finance/01`` limits the notebooks to those whose path contains one of
the comma-separated words (``aucun``: none), ``ATELIER_ECRAN_APPS`` likewise for the apps.
"""

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
from outils.ecran import LARGEURS, RESULTAT_AFFICHE, defauts_d_affichage, parcourir_onglets

from benchmarks.chargements import carnets_de_la_galerie
from widgets.donnees.chemins import DOSSIER_CARNETS

pytestmark = [pytest.mark.browser]


def _choisis(noms: list[str], variable: str) -> list[str]:
    mots = [m.strip() for m in os.environ.get(variable, "").split(",") if m.strip()]
    if mots == ["aucun"]:
        return []
    return [n for n in noms if not mots or any(m in n for m in mots)]


def _carnets_a_widgets() -> list[str]:
    """The notebooks that show a widget (an exercise, a calculator, an app)."""
    sortie = []
    for chemin in sorted(DOSSIER_CARNETS.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in chemin.parts:
            continue
        cellules = json.loads(chemin.read_text(encoding="utf-8"))["cells"]
        source = "\n".join("".join(c["source"]) for c in cellules if c["cell_type"] == "code")
        if "widgets.ui" in source or "exercice(" in source:
            sortie.append(chemin.relative_to(DOSSIER_CARNETS).as_posix())
    return sortie


def _mesurer_toutes_les_largeurs(page, quoi: str) -> list[str]:
    defauts: list[str] = []
    for largeur in LARGEURS:
        page.set_viewport_size({"width": largeur, "height": 900})
        page.wait_for_timeout(400)

        def verifier(onglet: str, largeur=largeur) -> None:
            ou = f"{quoi} à {largeur} px" + (f", onglet « {onglet} »" if onglet else "")
            defauts.extend(f"{ou} : {d}" for d in defauts_d_affichage(page))

        parcourir_onglets(page, verifier)
    return defauts


def _attendre_widgets_stables(page, delai_s: float = 180.0) -> None:
    """Until the page has finished arriving and its widget count stops changing for 2 s."""
    page.wait_for_load_state("load", timeout=delai_s * 1000)
    fin, avant, stable_depuis = time.monotonic() + delai_s, -1, time.monotonic()
    while time.monotonic() < fin:
        n = page.locator(".jupyter-widgets").count()
        if n != avant:
            avant, stable_depuis = n, time.monotonic()
        elif time.monotonic() - stable_depuis > 2:
            return
        page.wait_for_timeout(250)


@pytest.mark.timeout(1800)
def test_every_app_shows_every_input_label_and_button_at_every_width(navigateur, serveur_apps):
    carnets = _choisis(carnets_de_la_galerie(serveur_apps.base), "ATELIER_ECRAN_APPS")
    contexte = navigateur.new_context(locale="fr-FR", viewport={"width": 1920, "height": 900})
    defauts: list[str] = []
    try:
        for carnet in carnets:
            page = contexte.new_page()
            page.set_default_timeout(180_000)
            page.goto(f"{serveur_apps.base}/voila/render/{carnet}")
            page.wait_for_function(RESULTAT_AFFICHE)
            _attendre_widgets_stables(page)
            defauts += _mesurer_toutes_les_largeurs(page, carnet)
            page.close()
    finally:
        contexte.close()
    assert defauts == [], "\n".join(defauts)


@pytest.fixture(scope="module")
def serveur_carnets(tmp_path_factory, base_demo: Path):
    """A plain Voilà server on notebooks/ (each notebook run on demand, demo database)."""
    dossier = tmp_path_factory.mktemp("carnets")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(
        os.environ,
        ATELIER_BASE=str(base_demo),
        ATELIER_DONNEES=str(dossier / "donnees"),
        JUPYTER_RUNTIME_DIR=str(dossier / "rt"),
    )
    sortie = (dossier / "voila.out").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", str(DOSSIER_CARNETS), "--no-browser", f"--port={port}"]
        + ["--Voila.ip=127.0.0.1", "--VoilaConfiguration.file_allowlist=['.*']"],
        env=env,
        stdout=sortie,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        fin = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > fin or proc.poll() is not None:
                    pytest.fail("Voilà ne démarre pas :\n" + (dossier / "voila.out").read_text())
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        sortie.close()


@pytest.mark.timeout(3600)
def test_every_widget_notebook_shows_every_input_label_and_button_at_every_width(
    navigateur, serveur_carnets
):
    carnets = _choisis(_carnets_a_widgets(), "ATELIER_ECRAN_CARNETS")
    assert carnets or os.environ.get("ATELIER_ECRAN_CARNETS"), "aucun carnet à widgets trouvé"
    contexte = navigateur.new_context(locale="fr-FR", viewport={"width": 1920, "height": 900})
    defauts: list[str] = []
    try:
        for carnet in carnets:
            page = contexte.new_page()
            page.set_default_timeout(300_000)
            page.goto(f"{serveur_carnets}/voila/render/{carnet}", timeout=300_000)
            _attendre_widgets_stables(page, 300)
            defauts += _mesurer_toutes_les_largeurs(page, carnet)
            page.close()
    finally:
        contexte.close()
    assert defauts == [], "\n".join(defauts)
