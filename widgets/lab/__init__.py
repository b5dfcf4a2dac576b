"""``atelier lab`` (what ``make start`` runs): JupyterLab for the teacher, in French, quiet.

What a teacher sees on the first start, and why:

- **the address first and alone**: the launcher chooses the token (``JUPYTER_TOKEN`` when set,
  otherwise a random one), checks that the port is free (no silent move to another port) and
  prints ``http://127.0.0.1:8888/lab?token=…`` before the server starts; the server's own log
  is lowered to warnings, so that line is not lost among forty English ones;
- **French**: the settings overrides shipped in ``widgets/lab/reglages/overrides.json``
  (``LabApp.app_settings_dir``) select the ``fr_FR`` language pack and turn off the news
  pop-up; a teacher's own choice in the Settings menu still wins;
- **no trust noise**: the project's notebooks are signed at launch (the notary of the user's
  Jupyter data folder), and the server's "Notebook … is not trusted" warnings are filtered out;
  errors stay visible;
- **the teacher's own copy**: notebooks saved inside the project are saved *without outputs*
  (:func:`sans_sorties`, a ``ContentsManager.pre_save_hook``), so running a notebook never
  changes the tracked ``.ipynb`` files a later ``git pull`` updates;
- **the Voilà apps next to the notebooks**: the served root is the project folder, its
  developer folders hidden from the file browser, so ``notebooks/`` and ``voila_apps/`` are
  both there (and the Voilà preview renders the apps).

In-process launch (no shelling out): the same on Windows and Linux.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import warnings
from pathlib import Path
from typing import Any

from widgets.donnees.chemins import DOSSIER_APPS, DOSSIER_CARNETS, RACINE_PROJET

DOSSIER_REGLAGES = Path(__file__).resolve().parent / "reglages"
"""``app_settings_dir`` of JupyterLab: ``overrides.json`` (locale fr_FR, no news)."""

CACHES = [
    "widgets",
    "tests",
    "benchmarks",
    "deploy",
    "scripts",
    "conftest.py",
    "Makefile",
    "pyproject.toml",
    "requirements.lock",
    "environment.yml",
    "*.egg-info",
    "donnees_serveur",
    "test-artefacts",
    "build",
    "dist",
]
"""Names hidden from the file browser when the project folder is served (developer files)."""

#: Server log lines a teacher has no use for (English, harmless): filtered out.
BRUITS = (
    "is not trusted",
    "Notebook is not trusted",
    "Running as root",
    "Skipped non-installed server",
)


class FiltreBruit(logging.Filter):
    """Drops the harmless English warnings listed in :data:`BRUITS` (errors always pass)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        message = record.getMessage()
        return not any(bruit in message for bruit in BRUITS)


def _dans_le_projet(chemin: str | os.PathLike) -> bool:
    try:
        Path(chemin).resolve().relative_to(RACINE_PROJET)
    except ValueError:
        return False
    return True


def sans_sorties(model: dict, path: str, contents_manager: Any, **_: Any) -> None:
    """``pre_save_hook``: a notebook saved inside the project is written without outputs.

    Outputs, execution counts and the widgets' saved state are removed from the model before
    it is written: the tracked ``.ipynb`` keeps the text the teacher reads, and ``git pull``
    never meets a conflict on outputs. A notebook saved outside the project is left untouched.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    os_path = (
        contents_manager._get_os_path(path) if hasattr(contents_manager, "_get_os_path") else path
    )
    if not _dans_le_projet(os_path):
        return
    contenu = model["content"]
    contenu.get("metadata", {}).pop("widgets", None)
    for cellule in contenu.get("cells", []):
        if cellule.get("cell_type") == "code":
            cellule["outputs"] = []
            cellule["execution_count"] = None


def signer_carnets(*dossiers: Path) -> int:
    """Sign (trust) every notebook under ``dossiers``; returns how many needed a signature."""
    import nbformat
    from nbformat.sign import NotebookNotary

    notaire = NotebookNotary()
    signes = 0
    chemins = [
        chemin
        for dossier in dossiers
        for chemin in sorted(dossier.rglob("*.ipynb"))
        if not any(partie.startswith(".") for partie in chemin.relative_to(dossier).parts)
    ]
    for chemin in chemins:
        try:
            carnet = nbformat.read(chemin, as_version=4)
            if not notaire.check_signature(carnet):
                notaire.sign(carnet)
                signes += 1
        except Exception:  # noqa: BLE001 - an unreadable notebook is JupyterLab's to report
            continue
    return signes


def port_libre(hote: str, port: int) -> bool:
    """True when ``hote:port`` can be listened on."""
    with socket.socket(socket.AF_INET6 if ":" in hote else socket.AF_INET) as s:
        if os.name != "nt":  # like tornado: a port in TIME_WAIT after a restart is free
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((hote, port))
        except OSError:
            return False
    return True


def adresse(hote: str, port: int, jeton: str) -> str:
    """The address to open (``0.0.0.0`` is not browsable: this machine is 127.0.0.1)."""
    visible = "127.0.0.1" if hote in ("", "0.0.0.0", "::") else hote
    if ":" in visible:
        visible = f"[{visible}]"
    return f"http://{visible}:{port}/lab?token={jeton}"


def arguments_lab(dossier: Path, hote: str, port: int, jeton: str, navigateur: bool) -> list[str]:
    """The command-line options given to JupyterLab (see the module docstring)."""
    argv = [
        f"--ServerApp.root_dir={dossier}",
        f"--ServerApp.ip={hote}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={jeton}",
        f"--ServerApp.open_browser={navigateur}",
        # Containers and CI run as root; the flag changes nothing for an ordinary user.
        "--ServerApp.allow_root=True",
        "--ServerApp.log_level=WARN",
        "--LabApp.log_level=WARN",
        f"--LabApp.app_settings_dir={DOSSIER_REGLAGES}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--FileContentsManager.pre_save_hook=widgets.lab.sans_sorties",
    ]
    if os.name != "nt":
        # Kernels over local sockets: no "running over TCP without encryption" warning from
        # each kernel (Windows has no such sockets: TCP there).
        argv.append("--KernelManager.transport=ipc")
    if dossier == RACINE_PROJET:
        globs = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", *CACHES]
        argv.append("--ContentsManager.hide_globs=" + repr(globs))
        argv.append("--LabApp.default_url=/lab/tree/notebooks/00_prise_en_main.ipynb")
    return argv


def _silencieux() -> None:
    """Server noise off the teacher's terminal; errors stay visible."""
    # Voilà's import puts DeprecationWarning back to "default": import it first, then filter.
    import voila  # noqa: F401

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    # The kernels inherit this: no "frozen modules" debugger notice in the terminal.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    filtre = FiltreBruit()
    for nom in ("ServerApp", "LabApp", "NotebookApp", "tornado.access", "tornado.application"):
        logging.getLogger(nom).addFilter(filtre)


def lancer_lab(
    dossier: str | Path | None = None,
    *,
    hote: str = "127.0.0.1",
    port: int = 8888,
    navigateur: bool = True,
) -> int:
    """Start JupyterLab (blocks until Ctrl+C); prints the address to open first."""
    racine = Path(dossier).resolve() if dossier else RACINE_PROJET
    if not port_libre(hote, port):
        print(
            f"Atelier NRC : le port {port} est déjà utilisé (un JupyterLab déjà lancé ?). "
            f"Ouvrez-le, ou choisissez un autre port : make start PORT={port + 1}"
        )
        return 2
    jeton = os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(16)
    print(f"Atelier NRC : ouvrez {adresse(hote, port, jeton)}", flush=True)
    print("(Ctrl+C deux fois pour arrêter JupyterLab.)", flush=True)
    _silencieux()
    if racine == RACINE_PROJET:  # not the whole tree (.venv…): the teacher's notebooks
        signer_carnets(DOSSIER_CARNETS, DOSSIER_APPS)
    else:
        signer_carnets(racine)

    from jupyterlab.labapp import LabApp

    LabApp.launch_instance(argv=arguments_lab(racine, hote, port, jeton, navigateur))
    return 0
