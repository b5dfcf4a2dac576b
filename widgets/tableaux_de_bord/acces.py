"""Who may open the teacher's pages: password (hashed setting) or JupyterHub admin.

Every teacher page subclasses :class:`PageEnseignant`; its ``prepare()`` refuses anyone else:

- a GET of a page (``api = False``) is redirected to the French login page
  ``/enseignant/connexion?suivant=<page>``;
- an API call (``api = True``: JSON, CSV, Excel downloads) or any other method gets 403 with a
  French sentence.

A teacher is recognised by:

- the signed cookie ``atelier_enseignant`` (tornado secure cookie, ``cookie_secret`` of the
  server, 12 hours) set by :class:`PageConnexion` after checking the password against
  ``ConfigTableauxDeBord.mot_de_passe_enseignant`` (a ``jupyter_server.auth.passwd`` hash,
  ``passwd_check``); an empty setting closes the password login;
- or, when the server runs as a JupyterHub service (``JUPYTERHUB_API_URL`` and
  ``JUPYTERHUB_API_TOKEN`` in its environment), a hub token of a user whose model says
  ``admin`` (``Authorization: token …`` header or ``?token=``, checked with
  ``jupyterhub.services.auth.HubAuth``).

Forms POST with ``_xsrf`` (``self.xsrf_form_html()``), checked in ``prepare()``: Voilà's
tornado application does not set ``xsrf_cookies``, so tornado would not check it itself.
"""

from __future__ import annotations

import os
from html import escape
from typing import Any
from urllib.parse import quote

import tornado.web
from jupyter_server.utils import url_path_join

from widgets.donnees.classe import Classe

from .configuration import ConfigTableauxDeBord
from .galerie import ANNEAU_FOCUS_CSS, titre_onglet

COOKIE_ENSEIGNANT = "atelier_enseignant"
DUREE_SESSION_JOURS = 0.5
CLE_REGLAGES = "atelier_reglages"  # same key as serveur.CLE_REGLAGES (no import cycle)

__all__ = ["COOKIE_ENSEIGNANT", "PageConnexion", "PageDeconnexion", "PageEnseignant", "page_html"]

_CSS = """
body{font-family:"DejaVu Sans","Segoe UI",Arial,sans-serif;margin:0;color:#111;background:#f6f7f9}
header{background:#1f3b5a;color:#fff;padding:10px 20px}
header a{color:#fff}
main{padding:12px 20px;max-width:1400px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin:12px 0}
table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:left}
.reussi{background:#c8e6c9}.en_cours{background:#fff3c4}.bloque{background:#f4b4b4}
.pas_commence{background:#eee;color:#595959}
.erreur{color:#b00020;white-space:pre-line}.ok{color:#1b6e20}
code.code{font-size:1.2em;letter-spacing:2px}
"""


def page_html(titre: str, corps: str, base: str = "/", tete: str = "") -> str:
    """A self-contained French page (inline CSS, no CDN) with the teacher's header."""
    accueil = url_path_join(base, "/enseignant")
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(titre_onglet(titre))}</title><style>{ANNEAU_FOCUS_CSS}{_CSS}</style>"
        f"{tete}</head><body>"
        f'<header><b><a href="{escape(accueil)}">Atelier NRC — espace enseignant</a></b> '
        f"— {escape(titre)}</header><main>{corps}</main></body></html>"
    )


def _mot_de_passe_juste(empreinte: str, mot_de_passe: str) -> bool:
    if not empreinte or not mot_de_passe:
        return False
    from jupyter_server.auth.security import passwd_check

    try:
        return bool(passwd_check(empreinte, mot_de_passe))
    except Exception:  # a malformed hash in the settings file: refuse, never crash
        return False


class PageEnseignant(tornado.web.RequestHandler):
    """Base of every teacher page: ``prepare()`` lets only a teacher through.

    ``api = True`` for machine endpoints (403 instead of the login redirect).
    ``self.reglages`` and ``self.base`` are available in subclasses.
    """

    api = False

    @property
    def reglages(self) -> ConfigTableauxDeBord:
        return self.settings[CLE_REGLAGES]

    @property
    def base(self) -> str:
        return self.settings.get("base_url", "/")

    def classe(self) -> Classe:
        """The class of the server (list imported on ``/enseignant``, codes, progress), read
        at each request: ``ConfigTableauxDeBord.dossier_classe``, else
        ``widgets.donnees.chemins.dossier_classe()``. The cockpit and the devoirs pages both
        read it: one class list."""
        reglages = self.settings.get(CLE_REGLAGES)
        return Classe(getattr(reglages, "dossier_classe", "") or None)

    def url(self, chemin: str) -> str:
        return url_path_join(self.base, chemin)

    def enseignant_par_mot_de_passe(self) -> bool:
        valeur = self.get_secure_cookie(COOKIE_ENSEIGNANT, max_age_days=DUREE_SESSION_JOURS)
        return valeur == b"1"

    async def administrateur_hub(self) -> bool:
        """True when the request carries the token of a JupyterHub admin."""
        if not (os.environ.get("JUPYTERHUB_API_URL") and os.environ.get("JUPYTERHUB_API_TOKEN")):
            return False
        auth = self.settings.get("atelier_hub_auth")
        if auth is None:
            try:  # jupyterhub is a test/deployment extra, not a runtime dependency
                from jupyterhub.services.auth import HubAuth
            except ImportError:
                self.log.warning("JupyterHub n'est pas installé : accès administrateur ignoré")
                return False
            auth = self.settings["atelier_hub_auth"] = HubAuth()
        try:
            modele = await auth.get_user(self, sync=False)
        except Exception as exc:  # hub unreachable: refuse (logged), the password still works
            self.log.warning("Vérification JupyterHub impossible : %s", exc)
            return False
        return bool(modele) and (bool(modele.get("admin")) or "admin" in modele.get("roles", ()))

    async def prepare(self) -> None:
        if self.request.method not in ("GET", "HEAD"):
            # Voilà's tornado application does not set ``xsrf_cookies``: checked here.
            self.check_xsrf_cookie()
        if self.enseignant_par_mot_de_passe() or await self.administrateur_hub():
            return
        if self.api or self.request.method not in ("GET", "HEAD"):
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=UTF-8")
            self.finish("Accès réservé à l'enseignant : connectez-vous sur la page /enseignant.")
            return
        suivant = quote(self.request.uri or self.url("/enseignant"), safe="")
        self.redirect(self.url("/enseignant/connexion") + f"?suivant={suivant}")

    def envoyer_page(self, titre: str, corps: str, tete: str = "") -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(page_html(titre, corps, self.base, tete))


def _suivant_sur(handler: tornado.web.RequestHandler, base: str) -> str:
    """The page to go back to after login: only a local teacher page (no open redirect)."""
    suivant = handler.get_argument("suivant", "")
    accueil = url_path_join(base, "/enseignant")
    return suivant if suivant.startswith(accueil) and "//" not in suivant else accueil


class PageConnexion(tornado.web.RequestHandler):
    """GET: the French login form; POST: check the password, set the signed cookie."""

    def _formulaire(self, message: str = "") -> str:
        reglages: ConfigTableauxDeBord = self.settings[CLE_REGLAGES]
        base = self.settings.get("base_url", "/")
        if not reglages.mot_de_passe_enseignant:
            return (
                "<section><p>La connexion par mot de passe n'est pas ouverte sur ce serveur : "
                "définissez <code>c.ConfigTableauxDeBord.mot_de_passe_enseignant</code> (mot de "
                "passe chiffré, voir docs/enseignant.md) puis relancez le serveur.</p></section>"
            )
        erreur = f'<p class="erreur">{escape(message)}</p>' if message else ""
        return (
            f"<section><h1>Connexion enseignant</h1>{erreur}"
            f'<form method="post" action="{escape(url_path_join(base, "/enseignant/connexion"))}">'
            f"{self.xsrf_form_html()}"
            f'<input type="hidden" name="suivant" value="{escape(_suivant_sur(self, base))}">'
            '<label>Mot de passe : <input type="password" name="mot_de_passe" '
            'autocomplete="current-password" autofocus></label> '
            '<button type="submit">Se connecter</button></form></section>'
        )

    def _page(self, message: str = "") -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        base = self.settings.get("base_url", "/")
        self.finish(page_html("Connexion", self._formulaire(message), base))

    def get(self) -> None:
        self._page()

    def post(self) -> None:
        self.check_xsrf_cookie()
        reglages: ConfigTableauxDeBord = self.settings[CLE_REGLAGES]
        if _mot_de_passe_juste(
            reglages.mot_de_passe_enseignant, self.get_body_argument("mot_de_passe", "")
        ):
            base = self.settings.get("base_url", "/")
            self.set_secure_cookie(
                COOKIE_ENSEIGNANT,
                "1",
                expires_days=DUREE_SESSION_JOURS,
                httponly=True,
                samesite="Strict",
                path=base,
            )
            self.redirect(_suivant_sur(self, base))
            return
        self.set_status(403)
        self._page("Mot de passe incorrect.")


class PageDeconnexion(tornado.web.RequestHandler):
    """POST: forget the teacher's cookie."""

    def post(self, *_: Any) -> None:
        self.check_xsrf_cookie()
        base = self.settings.get("base_url", "/")
        self.clear_cookie(COOKIE_ENSEIGNANT, path=base)
        self.redirect(url_path_join(base, "/enseignant/connexion"))
