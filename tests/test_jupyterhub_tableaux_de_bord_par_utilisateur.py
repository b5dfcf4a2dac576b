"""A whole school on one JupyterHub: each student's dashboards are their own per-user Voilà.

Starts a real JupyterHub on loopback (DummyAuthenticator, SimpleLocalProcessSpawner, one home
folder per user under tmp_path, configurable-http-proxy from npm), spawns two users, and checks
that a user's Voilà dashboard renders and computes, and that users see neither each other's
files nor each other's progress (``ATELIER_DONNEES`` per user).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from outils.ci import outil_manquant

from benchmarks.visiteur_voila import VisiteurVoila, executer

pytestmark = [pytest.mark.timeout(300), pytest.mark.slow, pytest.mark.serveur]

APPS = Path(__file__).resolve().parent / "notebooks_voila"
FRAGMENT = (
    Path(__file__).resolve().parents[1] / "deploy" / "jupyterhub" / "atelier_jupyterhub_config.py"
)
BIN = Path(sys.executable).parent
UTILISATEURS = ("alice", "bob")


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(url: str, jeton: str, methode: str = "GET", corps: dict | None = None):
    donnees = json.dumps(corps).encode() if corps is not None else None
    requete = urllib.request.Request(url, data=donnees, method=methode)
    requete.add_header("Authorization", f"token {jeton}")
    try:
        with urllib.request.urlopen(requete, timeout=30) as r:
            texte = r.read().decode("utf-8")
            return r.status, (json.loads(texte) if texte.strip().startswith(("{", "[")) else texte)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", errors="replace")


def _config_hub(dossier: Path, port: int, jeton: str) -> Path:
    homes = dossier / "homes"
    for nom in UTILISATEURS:
        home = homes / nom
        home.mkdir(parents=True)
        for fichier in ("appli_essai.py", "prix_ttc.ipynb", "visites.ipynb"):
            shutil.copy(APPS / fichier, home / fichier)
    config = dossier / "jupyterhub_config.py"
    config.write_text(
        f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {_port_libre()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{_port_libre()}"
c.ConfigurableHTTPProxy.pid_file = {str(dossier / "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{dossier / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(dossier / "cookie_secret")!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {set(UTILISATEURS)!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes / "{username}")!r}
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
# The project's own fragment (per-user ATELIER_DONNEES, Voilà without sources/tracebacks).
load_subconfig({str(FRAGMENT)!r})
c.Spawner.args.extend({["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []!r})
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.services = [{{"name": "essai", "api_token": {jeton!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "essai-admin",
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"],
    "services": ["essai"],
}}]
""",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if shutil.which("configurable-http-proxy") is None:
        message = "configurable-http-proxy introuvable : npm install -g configurable-http-proxy"
        outil_manquant(message)
    dossier = tmp_path_factory.mktemp("hub")
    port = _port_libre()
    jeton = uuid.uuid4().hex
    config = _config_hub(dossier, port, jeton)
    sortie = (dossier / "hub.log").open("w", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "ATELIER_DONNEES"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    proc = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(config)],
        cwd=dossier,
        env=env,
        stdout=sortie,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        fin = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail((dossier / "hub.log").read_text(encoding="utf-8")[-4000:])
            try:
                if _api(f"{base}/hub/api/", jeton)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > fin:
                pytest.fail("JupyterHub n'a pas démarré")
            time.sleep(0.3)
        jetons = {}
        for nom in UTILISATEURS:
            statut, _ = _api(f"{base}/hub/api/users/{nom}/server", jeton, "POST", {})
            assert statut in (201, 202), statut
        for nom in UTILISATEURS:
            fin = time.monotonic() + 120
            while True:
                _, info = _api(f"{base}/hub/api/users/{nom}", jeton)
                if isinstance(info, dict) and info.get("servers", {}).get("", {}).get("ready"):
                    break
                if time.monotonic() > fin:
                    pytest.fail((dossier / "hub.log").read_text(encoding="utf-8")[-4000:])
                time.sleep(0.5)
            statut, rep = _api(f"{base}/hub/api/users/{nom}/tokens", jeton, "POST", {"note": "t"})
            assert statut in (200, 201), rep
            jetons[nom] = rep["token"]
        yield base, jetons, dossier / "homes"
    finally:
        for nom in UTILISATEURS:
            try:
                _api(f"{base}/hub/api/users/{nom}/server", jeton, "DELETE")
            except OSError:
                pass
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        sortie.close()


async def _visite(base: str, nom: str, jeton: str, carnet: str, champ: str | None = None):
    eleve = VisiteurVoila(
        f"{base}/user/{nom}", delai=90, entetes={"Authorization": f"token {jeton}"}
    )
    try:
        await eleve.ouvrir(carnet)
        if champ:
            return (await eleve.saisir(f"atelier-champ-{champ}", "1 234,56"))[1]
        return eleve.valeur("atelier-resultat")
    finally:
        await eleve.fermer()


def test_a_users_voila_dashboard_renders_and_computes(hub):
    base, jetons, _ = hub
    ttc = executer(_visite(base, "alice", jetons["alice"], "prix_ttc.ipynb", "prix_ht"))
    assert ttc.replace("\u202f", " ").replace("\xa0", " ") == "Prix TTC : 1 481,47 €"
    statut, page = _api(f"{base}/user/alice/voila/render/prix_ttc.ipynb", jetons["alice"])
    assert statut == 200 and "jupyter-config-data" in page
    assert "from appli_essai import" not in page  # sources stripped (deploy fragment)


def test_each_user_has_their_own_progress(hub):
    base, jetons, homes = hub
    premiere = executer(_visite(base, "alice", jetons["alice"], "visites.ipynb"))
    seconde = executer(_visite(base, "alice", jetons["alice"], "visites.ipynb"))
    chez_bob = executer(_visite(base, "bob", jetons["bob"], "visites.ipynb"))
    assert (premiere, seconde, chez_bob) == ("Visite n° 1", "Visite n° 2", "Visite n° 1")
    assert (homes / "alice" / ".atelier" / "visites_essai.txt").read_text() == "2"
    assert (homes / "bob" / ".atelier" / "visites_essai.txt").read_text() == "1"


def test_users_cannot_reach_each_others_server_or_files(hub):
    base, jetons, homes = hub
    (homes / "bob" / "plan_de_bob.txt").write_text("secret", encoding="utf-8")
    statut, contenu = _api(f"{base}/user/alice/api/contents", jetons["alice"])
    assert statut == 200
    noms = {f["name"] for f in contenu["content"]}
    assert {"prix_ttc.ipynb", "visites.ipynb"} <= noms and "plan_de_bob.txt" not in noms
    # alice's token opens nothing on bob's server, and her server cannot climb to bob's home
    assert _api(f"{base}/user/bob/api/contents", jetons["alice"])[0] in (302, 403, 404)
    chemin = "/user/bob/voila/render/visites.ipynb"
    assert _api(base + chemin, jetons["alice"])[0] in (302, 403, 404)
    assert _api(f"{base}/user/alice/api/contents/..%2Fbob", jetons["alice"])[0] in (400, 403, 404)
    assert _api(f"{base}/user/bob/api/contents", jetons["bob"])[0] == 200
