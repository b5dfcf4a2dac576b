"""A cookie-keeping HTTP client for the teacher's pages of a test dashboards server."""

from __future__ import annotations

import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class _SansRedirection(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class ClientEnseignant:
    """``requete``/``texte``/``poster`` (with the ``_xsrf`` of the login form), redirects not
    followed (status seen as is); ``connecter(mot_de_passe)`` logs in as the teacher."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.ouvreur = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _SansRedirection()
        )

    def requete(
        self, chemin: str, donnees: dict | bytes | None = None, entetes: dict | None = None
    ) -> tuple[int, dict, bytes]:
        corps = urllib.parse.urlencode(donnees).encode() if isinstance(donnees, dict) else donnees
        demande = urllib.request.Request(self.base + chemin, data=corps, headers=entetes or {})
        try:
            with self.ouvreur.open(demande, timeout=60) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()

    def texte(self, chemin: str, donnees: dict | None = None) -> tuple[int, str]:
        statut, _, corps = self.requete(chemin, donnees)
        return statut, corps.decode("utf-8")

    @property
    def xsrf(self) -> str:
        if not any(c.name == "_xsrf" for c in self.cookies):
            self.texte("/enseignant/connexion")  # the form sets the _xsrf cookie
        return next(c.value for c in self.cookies if c.name == "_xsrf")

    def poster(self, chemin: str, donnees: dict) -> tuple[int, str]:
        return self.texte(chemin, {**donnees, "_xsrf": self.xsrf})

    def deposer(self, chemin: str, nom: str, contenu: bytes) -> tuple[int, str]:
        """POST one file (multipart form, field ``fichier``) with the ``_xsrf`` field."""
        limite = "----atelier-essai"
        corps = (
            (
                f'--{limite}\r\nContent-Disposition: form-data; name="_xsrf"\r\n\r\n{self.xsrf}\r\n'
                f'--{limite}\r\nContent-Disposition: form-data; name="fichier"; '
                f'filename="{nom}"\r\n'
                "Content-Type: text/csv\r\n\r\n"
            ).encode()
            + contenu
            + f"\r\n--{limite}--\r\n".encode()
        )
        entetes = {"Content-Type": f"multipart/form-data; boundary={limite}"}
        statut, _, reponse = self.requete(chemin, corps, entetes)
        return statut, reponse.decode("utf-8")

    def connecter(self, mot_de_passe: str) -> ClientEnseignant:
        statut, _ = self.poster(
            "/enseignant/connexion", {"mot_de_passe": mot_de_passe, "suivant": "/enseignant"}
        )
        assert statut == 302, statut
        return self

    def delai_reponse(self, chemin: str = "/enseignant/connexion") -> float:
        """Seconds the server takes to answer a small page (it still answers)."""
        debut = time.monotonic()
        statut, _, _ = self.requete(chemin)
        assert statut == 200
        return time.monotonic() - debut
