"""Where the workbench keeps its files (pathlib only: the same code runs on Windows lab PCs).

- the reference client database: ``datasets/clients.db`` in the project folder, or the file
  named by the ``ATELIER_BASE`` environment variable (a teacher can point a whole room at a
  shared read-only copy);
- each student's own files (progress, SQL sandbox, saved plans, the cache of the portfolio's
  aggregates: ``cache_agregats``): the user data directory given
  by platformdirs, or ``ATELIER_DONNEES`` (the tests point it at a temporary folder);
- the dashboards server's own files (prepared sessions): ``donnees_serveur/`` in the project
  folder, or ``ATELIER_SERVEUR``. In the project, not in a user folder: the server (a service
  account) and the teacher's ``atelier seance`` (their own account) must find the same file.
- the teacher's own settings (dashboards password, class size…): ``reglages_enseignant.json``
  in the user config directory given by platformdirs, or the file named by
  ``ATELIER_REGLAGES``; never in the project folder (a ``git pull`` never touches them);
- the teacher's own exercise files (TOML, ``docs/exercices_enseignant.md``):
  ``ATELIER_EXERCICES``, else ``exercices/`` in the user data directory; on a dashboards
  server also ``exercices/`` in the class folder (``dossiers_exercices``);
- the class folder of a dashboards server (class list, progress of the students working on
  the server): ``ATELIER_CLASSE``, else ``classe/`` in the user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

RACINE_PROJET = Path(__file__).resolve().parents[2]
DOSSIER_DATASETS = RACINE_PROJET / "datasets"
DOSSIER_CARNETS = RACINE_PROJET / "notebooks"
DOSSIER_APPS = RACINE_PROJET / "voila_apps"
DOSSIER_SERVEUR = RACINE_PROJET / "donnees_serveur"


def base_reference() -> Path:
    """Chemin de la base clients de référence (lecture seule pour les étudiants)."""
    env = os.environ.get("ATELIER_BASE")
    return Path(env) if env else DOSSIER_DATASETS / "clients.db"


def dossier_utilisateur() -> Path:
    """Dossier personnel de l'étudiant (progression, bac à sable SQL, plans), créé au besoin."""
    env = os.environ.get("ATELIER_DONNEES")
    dossier = Path(env) if env else Path(platformdirs.user_data_dir("atelier-nrc", appauthor=False))
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


def dossier_serveur() -> Path:
    """Dossier des données du serveur de tableaux de bord (séances préparées), non créé ici."""
    env = os.environ.get("ATELIER_SERVEUR")
    return Path(env) if env else DOSSIER_SERVEUR


def dossier_classe() -> Path:
    """Dossier de la classe (liste, codes, progression des élèves du serveur), non créé ici.

    ``ATELIER_CLASSE`` (réglage ``dossier_classe`` du serveur de tableaux de bord, transmis aux
    noyaux), sinon ``classe/`` dans le dossier de données de l'utilisateur. Un élève seul chez
    lui n'en a pas : son nom reste libre.
    """
    env = os.environ.get("ATELIER_CLASSE", "").strip()
    return Path(env) if env else dossier_utilisateur() / "classe"


def fichier_reglages_enseignant() -> Path:
    """Fichier des réglages de l'enseignant (hors du projet), non créé ici.

    ``ATELIER_REGLAGES``, sinon ``reglages_enseignant.json`` dans le dossier de configuration
    de l'utilisateur (platformdirs : ``~/.config/atelier-nrc`` sous Linux, ``AppData`` sous
    Windows).
    """
    env = os.environ.get("ATELIER_REGLAGES", "").strip()
    if env:
        return Path(env)
    dossier = Path(platformdirs.user_config_dir("atelier-nrc", appauthor=False))
    return dossier / "reglages_enseignant.json"


def dossier_exercices() -> Path:
    """Dossier des exercices écrits par l'enseignant (fichiers ``.toml``), non créé ici.

    ``ATELIER_EXERCICES``, sinon ``exercices/`` dans le dossier de données de l'utilisateur.
    """
    env = os.environ.get("ATELIER_EXERCICES", "").strip()
    if env:
        return Path(env)
    donnees = os.environ.get("ATELIER_DONNEES")  # not created: looking must not write
    base = (
        Path(donnees)
        if donnees
        else Path(platformdirs.user_data_dir("atelier-nrc", appauthor=False))
    )
    return base / "exercices"


def dossiers_exercices() -> list[Path]:
    """Les dossiers d'exercices de l'enseignant, dans l'ordre de lecture, non créés ici.

    :func:`dossier_exercices`, puis, quand un dossier de classe est désigné (``ATELIER_CLASSE``,
    que le serveur de tableaux de bord transmet à ses noyaux), son sous-dossier ``exercices/`` :
    l'enseignant y dépose ses fichiers pour toute la classe du serveur.
    """
    dossiers = [dossier_exercices()]
    classe = os.environ.get("ATELIER_CLASSE", "").strip()
    if classe:
        dans_la_classe = Path(classe) / "exercices"
        if dans_la_classe != dossiers[0]:
            dossiers.append(dans_la_classe)
    return dossiers
