"""A bare HTTP client for the dashboards server's tests (raw cookies and headers, no redirect
followed, ``_xsrf`` added to every form), and the teacher password of those tests."""

from __future__ import annotations

import http.client
from urllib.parse import urlencode, urlparse

MOT_DE_PASSE = "prof-nrc-2026"


class Client:
    """A bare HTTP client (raw cookies and headers, no redirects followed)."""

    def __init__(self, base: str) -> None:
        adresse = urlparse(base)
        self.hote, self.port = adresse.hostname, adresse.port
        self.cookies: dict[str, str] = {}

    def requete(self, methode, chemin, donnees=None, entetes=None):
        connexion = http.client.HTTPConnection(self.hote, self.port, timeout=30)
        tete = dict(entetes or {})
        if self.cookies:
            tete["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        corps = None
        if donnees is not None:
            corps = urlencode({**donnees, "_xsrf": self.cookies.get("_xsrf", "")})
            tete["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connexion.request(methode, chemin, body=corps, headers=tete)
            reponse = connexion.getresponse()
            texte = reponse.read().decode("utf-8")
            for brut in reponse.headers.get_all("Set-Cookie") or []:
                nom, _, reste = brut.partition("=")
                self.cookies[nom.strip()] = reste.split(";", 1)[0]
            return reponse.status, reponse.headers, texte
        finally:
            connexion.close()

    def connecter(self, mot_de_passe=MOT_DE_PASSE, entetes=None):
        if "_xsrf" not in self.cookies:
            self.requete("GET", "/enseignant/connexion")
        return self.requete(
            "POST", "/enseignant/connexion", {"mot_de_passe": mot_de_passe}, entetes
        )
