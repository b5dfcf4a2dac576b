"""Health check of the Atelier NRC image (``HEALTHCHECK`` of the Containerfile).

Healthy when one of the image's servers answers on loopback: the dashboards server
(``/atelier/etat.json``, on ``ATELIER_PORT`` if set, as the entrypoint), JupyterLab or a JupyterHub single-user server (``<prefix>api``),
or JupyterHub itself (``/hub/health``). Standard library only; exit code 0 or 1.
"""

import os
import sys
import urllib.request

prefixe = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
port_tableaux = os.environ.get("ATELIER_PORT", "8866")
ADRESSES = [
    f"http://127.0.0.1:{port_tableaux}/atelier/etat.json",
    f"http://127.0.0.1:8888{prefixe}api",
    "http://127.0.0.1:8000/hub/health",
]


def repond(adresse: str) -> bool:
    try:
        with urllib.request.urlopen(adresse, timeout=3) as reponse:
            return reponse.status == 200
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(0 if any(repond(a) for a in ADRESSES) else 1)
