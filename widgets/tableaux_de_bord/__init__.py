"""Voilà dashboards for the school intranet (``atelier tableaux-de-bord`` / ``make dashboards``).

Public API:

- :class:`ConfigTableauxDeBord`: every setting, documented (traitlets ``help=``);
- :func:`charger_reglages`: read the settings file
  (default ``deploy/atelier_dashboards_config.py``);
- :func:`servir`: the CLI entry point (returns an exit code);
- :mod:`.seance`: ``preparer_seance(carnet, eleves, duree_minutes=120, dossier=None)`` for
  ``atelier seance`` and the teacher page (no HTTP needed: a small JSON file).

The server itself (:mod:`widgets.tableaux_de_bord.serveur`) is imported lazily: Voilà is heavy.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from widgets.donnees.chemins import dossier_classe

from .configuration import FICHIER_CONFIG_DEFAUT, VARIABLE_CLASSE, ConfigTableauxDeBord
from .memoire import MEMOIRE_PAR_NOYAU_INITIALE, annonce_reserve, memoire_disponible
from .reglages_enseignant import lire_reglages_enseignant

__all__ = [
    "ConfigTableauxDeBord",
    "FichierConfigIntrouvable",
    "charger_reglages",
    "servir",
    "FICHIER_CONFIG_DEFAUT",
]


class FichierConfigIntrouvable(FileNotFoundError):
    """Le fichier de configuration demandé n'existe pas."""


def charger_reglages(fichier: str | Path | None = None) -> ConfigTableauxDeBord:
    """Settings from ``fichier`` (a traitlets Python config file).

    Without ``fichier``, the project's ``deploy/atelier_dashboards_config.py`` is read when it
    exists, otherwise the defaults apply. A named file that does not exist is an error. The
    teacher's own settings (:mod:`.reglages_enseignant`, outside the project) come last and win.
    """
    config = Config()
    if fichier is None and FICHIER_CONFIG_DEFAUT.is_file():
        fichier = FICHIER_CONFIG_DEFAUT
    if fichier is not None:
        chemin = Path(fichier).resolve()
        if not chemin.is_file():
            raise FichierConfigIntrouvable(f"Fichier de configuration introuvable : {chemin}")
        config = PyFileConfigLoader(chemin.name, path=str(chemin.parent)).load_config()
    # The teacher's own settings (outside the project: `atelier enseignant …`) win.
    personnels = lire_reglages_enseignant()
    if personnels:
        config.merge(Config({"ConfigTableauxDeBord": personnels}))
    return ConfigTableauxDeBord(config=config)


def port_libre(hote: str, port: int) -> bool:
    """True when ``hote:port`` can be listened on (nothing else uses it)."""
    with socket.socket(socket.AF_INET6 if ":" in hote else socket.AF_INET) as s:
        if os.name != "nt":  # like tornado: a port in TIME_WAIT after a restart is free
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((hote, port))
        except OSError:
            return False
    return True


def servir(
    config: str | Path | None = None, *, hote: str | None = None, port: int | None = None
) -> int:
    """Serve every notebook of the apps folder with Voilà (blocks until Ctrl+C).

    ``config``, ``hote`` and ``port`` may each be ``None``: the settings file, then the
    defaults, decide.
    """
    try:
        reglages = charger_reglages(config)
    except FichierConfigIntrouvable as err:
        print(f"Atelier NRC : {err}")
        return 2
    if hote:
        reglages.hote = hote
    if port:
        reglages.port = port
    if not Path(reglages.dossier_apps).is_dir():
        print(f"Atelier NRC : dossier des applications introuvable : {reglages.dossier_apps}")
        return 2

    if not port_libre(reglages.hote, reglages.port):
        print(
            f"Atelier NRC : le port {reglages.port} est déjà utilisé sur {reglages.hote} "
            "(un autre serveur tourne ?). Choisissez-en un autre : --port 8867"
        )
        return 1

    # The class folder, for this process (teacher pages) and every kernel it starts: a kernel
    # of the dashboards server asks a student of the class list for their code.
    os.environ[VARIABLE_CLASSE] = reglages.dossier_classe or str(dossier_classe())
    from .serveur import VoilaAtelier

    app = VoilaAtelier(reglages)
    app.initialize()
    nombre = len(app.carnets)
    print(
        f"Atelier NRC : {nombre} tableau(x) de bord sur "
        f"http://{reglages.hote}:{reglages.port}{reglages.url_de_base} (Ctrl+C pour arrêter)",
        flush=True,
    )
    print(
        annonce_reserve(
            memoire_disponible(),
            MEMOIRE_PAR_NOYAU_INITIALE,
            max_noyaux_total=reglages.max_noyaux_total,
            nombre_apps=nombre,
            taille_pool_defaut=reglages.taille_pool_defaut,
        ),
        flush=True,
    )
    try:
        app.start()
    except SystemExit as arret:  # Voilà exits this way when it cannot listen
        return int(arret.code or 0)
    return 0
