"""deploy/nginx/atelier.conf really proxies the dashboards: pages, streaming and websockets.

Runs Debian's nginx (``apt-get install nginx-light``) on loopback with the shipped server block
(only the listen port and the upstream port are changed), then plays a student through it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from outils.ci import outil_manquant

from benchmarks.visiteur_voila import VisiteurVoila, executer

pytestmark = pytest.mark.timeout(180)

CONF = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "atelier.conf"


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nginx_devant(serveur_tableaux, tmp_path):
    binaire = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if binaire is None:
        outil_manquant("nginx introuvable : apt-get install nginx-light")
    port = _port_libre()
    bloc = CONF.read_text(encoding="utf-8")
    assert "listen 80;" in bloc and "server 127.0.0.1:8866;" in bloc
    bloc = bloc.replace("listen 80;", f"listen 127.0.0.1:{port};")
    bloc = bloc.replace("server 127.0.0.1:8866;", f"server 127.0.0.1:{serveur_tableaux.port};")
    (tmp_path / "atelier.conf").write_text(bloc, encoding="utf-8")
    utilisateur = "user root;\n" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""
    temp = " ".join(
        f"{nom}_temp_path {tmp_path / nom};"
        for nom in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"{utilisateur}worker_processes 1;\ndaemon off;\npid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'} info;\nevents {{ worker_connections 256; }}\n"
        f"http {{\n access_log {tmp_path / 'access.log'};\n {temp}\n"
        f" include {tmp_path / 'atelier.conf'};\n}}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [binaire, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # bounded wait (≤ 10 s)
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stdout.read())
                time.sleep(0.1)
        yield base, tmp_path / "access.log"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_the_gallery_and_an_app_page_come_through_nginx(nginx_devant):
    base, journal = nginx_devant
    with urllib.request.urlopen(base + "/", timeout=30) as r:
        assert r.status == 200
        assert "<h2>Prix TTC (essai)</h2>" in r.read().decode("utf-8")
    with urllib.request.urlopen(base + "/voila/render/prix_ttc.ipynb", timeout=60) as r:
        assert r.status == 200
        assert 'id="jupyter-config-data"' in r.read().decode("utf-8")
    assert "GET /voila/render/prix_ttc.ipynb" in journal.read_text(encoding="utf-8")


def test_a_student_computes_through_the_proxied_websocket(nginx_devant):
    base, journal = nginx_devant

    async def scenario():
        eleve = VisiteurVoila(base, delai=60)
        try:
            await eleve.ouvrir("prix_ttc.ipynb")
            return (await eleve.saisir("atelier-champ-prix_ht", "1 234,56"))[1]
        finally:
            await eleve.fermer()

    ttc = executer(scenario())
    assert ttc.replace("\u202f", " ").replace("\xa0", " ") == "Prix TTC : 1 481,47 €"  # ×1,20
    acces = journal.read_text(encoding="utf-8")
    assert "/channels?session_id=" in acces and '" 101 ' in acces  # websocket upgraded
