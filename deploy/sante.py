"""Health check of the Atelier NRC image (``HEALTHCHECK`` of the Containerfile).

Healthy when one of the image's servers answers on loopback: the dashboards server
(``/atelier/etat.json``), JupyterLab or a JupyterHub single-user server (``<prefix>api``),
or JupyterHub itself (``/hub/health``). Standard library only; exit code 0 or 1.
"""

import os
import sys
import urllib.request

prefixe = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
ADRESSES = [
    "http://127.0.0.1:8866/atelier/etat.json",
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
