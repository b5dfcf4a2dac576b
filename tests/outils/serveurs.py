"""Dashboards servers for the tests: ``ServeurTableaux`` (a subprocess), ``serveur_pret``
(started, pools warm, stopped afterwards) and ``ecrire_app`` (a one-cell app).

Import from a test: ``from outils.serveurs import ecrire_app, serveur_pret``. A test module
importing ``serveur_pret`` or ``ServeurTableaux`` is put in the ``serveur`` lane by
tests/conftest.py (left out of ``make test-rapide``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

DOSSIER_APPS_ESSAI = Path(__file__).resolve().parents[1] / "notebooks_voila"


class ServeurTableaux:
    """An ``atelier dashboards`` server started in a subprocess for the tests."""

    def __init__(
        self,
        dossier: Path,
        dossier_apps: Path,
        env: dict | None = None,
        config_livree: bool = False,
        **reglages,
    ):
        """``config_livree``: start from the shipped deploy/atelier_dashboards_config.py
        (only the apps folder, the log file and ``reglages`` are overridden). Otherwise the
        pools keep the sizes a test sets: no growth when an app is opened unless the test
        passes ``taille_classe``."""
        import os
        import socket
        import subprocess
        import sys

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.journal = dossier / "journal.log"
        self.config = dossier / "atelier_dashboards_config.py"
        from widgets.tableaux_de_bord import FICHIER_CONFIG_DEFAUT

        if not config_livree:
            reglages.setdefault("taille_classe", 0)
        lignes = [f"load_subconfig({str(FICHIER_CONFIG_DEFAUT)!r})"] if config_livree else []
        lignes += [
            f"c.ConfigTableauxDeBord.dossier_apps = {str(dossier_apps)!r}",
            f"c.ConfigTableauxDeBord.fichier_journal = {str(self.journal)!r}",
        ]
        lignes += [f"c.ConfigTableauxDeBord.{k} = {v!r}" for k, v in reglages.items()]
        self.config.write_text("\n".join(lignes) + "\n", encoding="utf-8")
        self.sortie = (dossier / "serveur.out").open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "widgets.cli", "dashboards", "--config", str(self.config)]
            + ["--host", "127.0.0.1", "--port", str(self.port)],
            cwd=Path(__file__).resolve().parents[2],
            env=dict(os.environ, JUPYTER_RUNTIME_DIR=str(dossier / "rt"), **(env or {})),
            stdout=self.sortie,
            stderr=subprocess.STDOUT,
        )

    def etat(self) -> dict:
        import json
        import urllib.request

        with urllib.request.urlopen(f"{self.base}/atelier/etat.json", timeout=5) as r:
            return json.loads(r.read())

    def attendre_reponse(self, delai: float = 90.0) -> dict:
        """Wait (bounded) until the server answers, pools warm or not (a server just started)."""
        import time

        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.proc.poll() is not None:
                pytest.fail("le serveur de tableaux de bord s'est arrêté :\n" + self.lire_sortie())
            try:
                return self.etat()
            except OSError:
                time.sleep(0.2)
        pytest.fail("le serveur de tableaux de bord ne répond pas :\n" + self.lire_sortie())

    def attendre_reserves(self, delai: float = 90.0) -> dict:
        """Wait (bounded) until every app's pool of pre-heated kernels is ready."""
        import time

        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.proc.poll() is not None:
                pytest.fail("le serveur de tableaux de bord s'est arrêté :\n" + self.lire_sortie())
            try:
                etat = self.etat()
                if all(a["reserve_prete"] >= a["reserve"] for a in etat["apps"].values()):
                    return etat
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail("réserves de noyaux non prêtes à temps :\n" + self.lire_sortie())

    def lire_sortie(self) -> str:
        self.sortie.flush()
        return Path(self.sortie.name).read_text(encoding="utf-8", errors="replace")[-5000:]

    def arreter(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.sortie.close()


def ecrire_app(dossier_apps: Path, nom: str, source: str) -> Path:
    """Write a one-cell dashboard app ``nom`` (Python 3 kernel) running ``source``."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    chemin = dossier_apps / nom
    nbformat.write(nb, chemin)
    return chemin


@contextmanager
def serveur_pret(
    dossier: Path, dossier_apps: Path, *, delai: float = 90.0, env: dict | None = None, **reglages
) -> Iterator[ServeurTableaux]:
    """Start a dashboards server, wait (bounded) for its warm pools, stop it afterwards.

    Its students' data folder is ``dossier / "donnees"`` (``serveur.donnees``) unless ``env``
    names another ``ATELIER_DONNEES``.
    """
    env = {"ATELIER_DONNEES": str(dossier / "donnees"), **(env or {})}
    serveur = ServeurTableaux(dossier, dossier_apps, env=env, **reglages)
    serveur.donnees = Path(env["ATELIER_DONNEES"])
    try:
        serveur.attendre_reserves(delai=delai)
        yield serveur
    finally:
        serveur.arreter()
