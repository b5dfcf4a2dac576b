"""Browser soak (issue 17): from server start, with the shipped settings, no page stays blank.

A real Chromium page per load, each waiting for the app's result widget (convention: every app
shows an element of class ``atelier-resultat``, docs/architecture.md). Every app the gallery
lists is loaded, in turn, from the very start of the server (pools still warming), then 10
pages within 2 s, each in its own browser profile. Every page must arrive with its widget
outputs, never show the "reload" notice, and show its result widget: a page is blank when
that widget is not visible 20 s after the page arrived (generous: the machine is shared;
150 s for the 10 pages rendered at once by 10 browsers on 2 cores); both limits stretch when
the load per core is above 2. Timings and load average are written to
test-artefacts/soak.json.

``make test`` runs the short form (every app once + 10 concurrent pages); the full form of the
issue is ``ATELIER_SOAK_CHARGEMENTS=60 pytest tests/test_navigateur_aucune_page_vide.py``, and
benchmarks/pages_vides.py is the longer one (300 loads, 35 concurrent).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from outils.navigateur import DOSSIER_ARTEFACTS
from outils.serveurs import ServeurTableaux

from benchmarks.chargements import (
    carnets_de_la_galerie,
    charger,
    charger_ensemble,
    nouveau_contexte,
    resume,
)
from widgets.donnees.chemins import DOSSIER_APPS

CHARGEMENTS = int(os.environ.get("ATELIER_SOAK_CHARGEMENTS", "0"))  # 0: every app once
SIMULTANES = 10
DELAI_VIDE = 20.0  # seconds after the page arrived, on a machine that is not overloaded
DELAI_VIDE_ENSEMBLE = 150.0  # the 10 pages rendered at once by one browser on 2 cores


def _facteur_de_charge() -> float:
    """How much slower than normal the shared machine is (load per core above 2 stretches
    the limits; the load average is written next to the timings)."""
    par_coeur = os.getloadavg()[0] / (os.cpu_count() or 1)
    return max(1.0, par_coeur / 2)


pytestmark = [pytest.mark.browser, pytest.mark.soak]


def _journal(serveur: ServeurTableaux) -> str:
    if not serveur.journal.exists():
        return ""
    return serveur.journal.read_text(encoding="utf-8", errors="replace")


def _detail(chargements, serveur: ServeurTableaux) -> str:
    lignes = [
        f"{c.carnet} : page {c.page_s} s, widget {c.visible_s} s, notice « {c.message_attente} »,"
        f" {c.erreurs[:3]}"
        for c in chargements
    ]
    signaux = [
        ligne
        for ligne in _journal(serveur).splitlines()
        if "Page sans widget" in ligne or "délai dépassé" in ligne or "IOPub" in ligne
    ]
    return "\n".join(lignes + ["--- journal ---"] + signaux[-20:])


@pytest.mark.timeout(300 + 40 * max(CHARGEMENTS, 12))
def test_no_app_page_stays_blank_from_server_start(navigateur, tmp_path, base_demo):
    serveur = ServeurTableaux(
        tmp_path,
        DOSSIER_APPS,
        env={"ATELIER_BASE": str(base_demo), "ATELIER_DONNEES": str(tmp_path / "donnees")},
        config_livree=True,
    )
    try:
        etat = serveur.attendre_reponse(delai=120)
        assert {a["reserve"] for a in etat["apps"].values()} == {2}  # shipped: pool of 2
        carnets = carnets_de_la_galerie(serveur.base)
        assert sorted(carnets) == sorted(p.name for p in DOSSIER_APPS.glob("*.ipynb"))

        nombre = CHARGEMENTS or len(carnets)
        contexte = nouveau_contexte(navigateur)
        charges = [os.getloadavg()]
        sequence = [
            charger(
                contexte,
                serveur.base,
                carnets[i % len(carnets)],
                delai_vide=DELAI_VIDE * _facteur_de_charge(),
            )
            for i in range(nombre)
        ]
        charges.append(os.getloadavg())
        # 10 students, each with their own browser profile, open their pages within 2 s; here
        # the 10 browsers share the server's 2 cores (each student has their own computer):
        # each page gets DELAI_VIDE_ENSEMBLE once it has arrived.
        ensemble = charger_ensemble(
            None,
            serveur.base,
            [carnets[i % len(carnets)] for i in range(SIMULTANES)],
            delai_vide=DELAI_VIDE_ENSEMBLE * _facteur_de_charge(),
            delai_page=180.0,
            etalement_s=2.0,
            navigateur=navigateur,
        )
        contexte.close()
        charges.append(os.getloadavg())

        DOSSIER_ARTEFACTS.mkdir(exist_ok=True)
        (DOSSIER_ARTEFACTS / "soak.json").write_text(
            json.dumps(
                {
                    "sequentiels": resume(sequence),
                    "simultanes": resume(ensemble),
                    "charge": charges,
                    "facteur_de_charge": _facteur_de_charge(),
                    "detail": [c.__dict__ for c in sequence + ensemble],
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
        tous = sequence + ensemble
        # Every page arrived with its widget outputs (the cause of issue 17) ...
        assert [c for c in tous if not c.sorties_widget] == [], _detail(tous, serveur)
        journal = _journal(serveur)
        assert "aucune sortie de widget dans la page" not in journal, _detail(tous, serveur)
        assert "Timeout waiting for IOPub output" not in journal
        assert "délai dépassé" not in journal
        # ... and showed its result widget in time.
        vides = [c for c in tous if c.vide]
        assert vides == [], _detail(vides, serveur)
        # No student was ever asked to reload.
        assert [c for c in tous if c.message_attente == "recharger"] == [], _detail(tous, serveur)
    finally:
        serveur.arreter()


CARNET_SANS_WIDGET = {
    "cells": [
        {"cell_type": "markdown", "id": "titre", "metadata": {}, "source": ["# Sans widget"]},
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "calcul",
            "metadata": {},
            "outputs": [],
            "source": ["x = 1"],
        },
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.mark.timeout(240)
def test_a_page_without_its_widgets_says_so_in_french_and_logs_why(page_eleve, tmp_path: Path):
    # The blank page of issue 17, reproduced for sure: a cell whose output never reaches the
    # page (here: it has none). The student is told within seconds to reload.
    apps = tmp_path / "apps"
    apps.mkdir()
    (apps / "sans_widget.ipynb").write_text(json.dumps(CARNET_SANS_WIDGET), encoding="utf-8")
    serveur = ServeurTableaux(tmp_path, apps, taille_pool_defaut=1)
    try:
        serveur.attendre_reserves()
        page_eleve.goto(f"{serveur.base}/voila/render/sans_widget.ipynb")
        avis = page_eleve.locator("#atelier-attente")
        # Shown a few seconds after the navigation; a page that arrived without any widget
        # output goes straight to the reload advice (nothing can come any more).
        avis.wait_for(state="visible", timeout=10_000)
        avis.get_by_text("Rechargez la page").wait_for(timeout=10_000)
        assert avis.get_by_role("button", name="Recharger la page").is_visible()
        assert page_eleve.locator("html").get_attribute("data-atelier-attente") == "recharger"
        fin = page_eleve.evaluate("() => performance.now()") + 10_000
        while "Page sans widget" not in _journal(serveur):
            assert page_eleve.evaluate("() => performance.now()") < fin, _journal(serveur)[-2000:]
            page_eleve.wait_for_timeout(200)
        ligne = next(x for x in _journal(serveur).splitlines() if "Page sans widget" in x)
        assert "sans_widget.ipynb" in ligne
        assert "aucune sortie de widget dans la page" in ligne
    finally:
        serveur.arreter()
