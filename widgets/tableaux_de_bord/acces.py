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

Against guessing (issue 26): failed logins are slowed per address and for the whole server
(:class:`Freins`: HTTP 429, French message, ``Retry-After``), the hash is checked in a worker
thread (never on the event loop that serves the students), the cookie carries a random session
token known to the server (:func:`ouvrir_session`; logout revokes it, a replayed cookie is
refused), it is ``Secure`` behind TLS, and every teacher page says ``X-Frame-Options: DENY``
with a Content-Security-Policy. No token nor password is ever written to the journal.

Forms POST with ``_xsrf`` (``self.xsrf_form_html()``), checked in ``prepare()``: Voilà's
tornado application does not set ``xsrf_cookies``, so tornado would not check it itself.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html import escape
from typing import Any
from urllib.parse import quote

import tornado.web
from jupyter_server.utils import url_path_join
from tornado.log import app_log

from widgets.donnees.classe import Classe

from .configuration import ConfigTableauxDeBord
from .galerie import ANNEAU_FOCUS_CSS, titre_onglet

COOKIE_ENSEIGNANT = "atelier_enseignant"
DUREE_SESSION_JOURS = 0.5
CLE_REGLAGES = "atelier_reglages"  # same key as serveur.CLE_REGLAGES (no import cycle)

__all__ = [
    "COOKIE_ENSEIGNANT",
    "Freins",
    "PageConnexion",
    "PageDeconnexion",
    "PageEnseignant",
    "fermer_session",
    "ouvrir_session",
    "page_html",
]

#: Headers of every teacher page: never framed (clickjacking), only this server's resources.
ENTETES_SECURITE = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _poser_entetes_securite(handler: tornado.web.RequestHandler) -> None:
    for nom, valeur in ENTETES_SECURITE.items():
        handler.set_header(nom, valeur)


# ------------------------------------------------------------------ sessions (server side)
_SESSIONS: dict[str, float] = {}  # token -> monotonic expiry
_VERROU_SESSIONS = threading.Lock()


def ouvrir_session(duree_s: float = DUREE_SESSION_JOURS * 86400) -> str:
    """A new teacher session: a random token, valid ``duree_s`` seconds or until logout."""
    jeton = secrets.token_urlsafe(32)
    maintenant = time.monotonic()
    with _VERROU_SESSIONS:
        for ancien in [j for j, fin in _SESSIONS.items() if fin <= maintenant]:
            del _SESSIONS[ancien]
        _SESSIONS[jeton] = maintenant + duree_s
    return jeton


def session_valide(jeton: str | None) -> bool:
    if not jeton:
        return False
    with _VERROU_SESSIONS:
        fin = _SESSIONS.get(jeton)
    return fin is not None and fin > time.monotonic()


def fermer_session(jeton: str | None) -> None:
    """Revoke a session: its cookie, even replayed, opens nothing any more."""
    if jeton:
        with _VERROU_SESSIONS:
            _SESSIONS.pop(jeton, None)


# ------------------------------------------------------------------ back-off on failures
class Freins:
    """Failed logins slow the next ones, per address and for the whole server.

    Per address: ``par_adresse`` failures within ``fenetre_s`` are free, then each further
    try waits 1, 2, 4 … s after the last failure (at most ``pause_max_s``). Whole server: more
    than ``global_par_minute`` failures in the last 60 s close the login for everyone until
    the oldest of them is a minute old. A success forgets the address's failures.
    """

    def __init__(
        self,
        par_adresse: int = 5,
        global_par_minute: int = 20,
        fenetre_s: float = 600.0,
        pause_max_s: float = 300.0,
        horloge: Callable[[], float] = time.monotonic,
        adresses_max: int = 10_000,
    ) -> None:
        self.par_adresse = par_adresse
        self.global_par_minute = global_par_minute
        self.fenetre_s = fenetre_s
        self.pause_max_s = pause_max_s
        self.horloge = horloge
        self.adresses_max = adresses_max
        self._echecs: dict[str, deque[float]] = {}
        self._tous: deque[float] = deque()
        self._verrou = threading.Lock()

    def _oublier(self, maintenant: float) -> None:
        while self._tous and self._tous[0] <= maintenant - 60:
            self._tous.popleft()
        for adresse in list(self._echecs):
            echecs = self._echecs[adresse]
            while echecs and echecs[0] <= maintenant - self.fenetre_s:
                echecs.popleft()
            if not echecs:
                del self._echecs[adresse]

    def attente(self, adresse: str) -> float:
        """Seconds ``adresse`` must still wait before its password is checked (0: go)."""
        with self._verrou:
            maintenant = self.horloge()
            self._oublier(maintenant)
            attente = 0.0
            echecs = self._echecs.get(adresse)
            if echecs and len(echecs) >= self.par_adresse:
                pause = min(self.pause_max_s, 2.0 ** (len(echecs) - self.par_adresse))
                attente = echecs[-1] + pause - maintenant
            if len(self._tous) >= self.global_par_minute:
                attente = max(attente, self._tous[0] + 60 - maintenant)
            return max(0.0, attente)

    def echec(self, adresse: str) -> None:
        with self._verrou:
            maintenant = self.horloge()
            if adresse not in self._echecs and len(self._echecs) >= self.adresses_max:
                self._echecs.pop(next(iter(self._echecs)))
            self._echecs.setdefault(adresse, deque()).append(maintenant)
            self._tous.append(maintenant)

    def succes(self, adresse: str) -> None:
        with self._verrou:
            self._echecs.pop(adresse, None)


CLE_FREINS = "atelier_freins_connexion"
_EXECUTEUR: ThreadPoolExecutor | None = None


def _executeur() -> ThreadPoolExecutor:
    """Worker threads for the password hash (argon2/sha1 releases the event loop)."""
    global _EXECUTEUR
    if _EXECUTEUR is None:
        _EXECUTEUR = ThreadPoolExecutor(max_workers=2, thread_name_prefix="atelier-mot-de-passe")
    return _EXECUTEUR


def adresse_du_client(handler: tornado.web.RequestHandler) -> str:
    """The client's address; behind the local nginx (peer 127.0.0.1 or ::1), the one nginx
    puts in ``X-Real-IP`` (deploy/nginx/atelier.conf) — a LAN client cannot forge it, its
    requests do not come from the loopback."""
    pair = handler.request.remote_ip or "?"
    if pair in ("127.0.0.1", "::1"):
        return handler.request.headers.get("X-Real-IP", "").strip()[:64] or pair
    return pair


def _derriere_tls(handler: tornado.web.RequestHandler) -> bool:
    proto = handler.request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return handler.request.protocol == "https" or proto == "https"


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

    def set_default_headers(self) -> None:
        _poser_entetes_securite(self)

    def enseignant_par_mot_de_passe(self) -> bool:
        valeur = self.get_secure_cookie(COOKIE_ENSEIGNANT, max_age_days=DUREE_SESSION_JOURS)
        return session_valide(valeur.decode("ascii", "replace") if valeur else None)

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

    def set_default_headers(self) -> None:
        _poser_entetes_securite(self)

    def get(self) -> None:
        self._page()

    def _freins(self) -> Freins:
        freins = self.settings.get(CLE_FREINS)
        if freins is None:
            freins = self.settings[CLE_FREINS] = Freins()
        return freins

    async def post(self) -> None:
        self.check_xsrf_cookie()
        reglages: ConfigTableauxDeBord = self.settings[CLE_REGLAGES]
        adresse = adresse_du_client(self)
        freins = self._freins()
        attente = freins.attente(adresse)
        if attente > 0:
            secondes = max(1, int(attente + 0.999))
            self.set_status(429)
            self.set_header("Retry-After", str(secondes))
            self._page(
                "Trop d'essais de mot de passe : patientez "
                f"{secondes} seconde{'s' if secondes > 1 else ''} avant de réessayer."
            )
            return
        # Counted as a failure before the check: concurrent tries cannot slip past the
        # back-off while a hash is being computed; a success forgets it.
        freins.echec(adresse)
        juste = await asyncio.get_running_loop().run_in_executor(
            _executeur(),
            _mot_de_passe_juste,
            reglages.mot_de_passe_enseignant,
            self.get_body_argument("mot_de_passe", ""),
        )
        if juste:
            freins.succes(adresse)
            base = self.settings.get("base_url", "/")
            self.set_secure_cookie(
                COOKIE_ENSEIGNANT,
                ouvrir_session(),
                expires_days=DUREE_SESSION_JOURS,
                httponly=True,
                samesite="Strict",
                path=base,
                secure=_derriere_tls(self),
            )
            self.redirect(_suivant_sur(self, base))
            return
        journal = self.settings.get("atelier_journal", app_log)  # serveur.CLE_JOURNAL
        journal.warning("Mot de passe enseignant incorrect (adresse %s)", adresse)
        self.set_status(403)
        self._page("Mot de passe incorrect.")


class PageDeconnexion(tornado.web.RequestHandler):
    """POST: revoke the teacher's session on the server and forget its cookie."""

    def set_default_headers(self) -> None:
        _poser_entetes_securite(self)

    def post(self, *_: Any) -> None:
        self.check_xsrf_cookie()
        base = self.settings.get("base_url", "/")
        valeur = self.get_secure_cookie(COOKIE_ENSEIGNANT, max_age_days=DUREE_SESSION_JOURS)
        fermer_session(valeur.decode("ascii", "replace") if valeur else None)
        self.clear_cookie(COOKIE_ENSEIGNANT, path=base)
        self.redirect(url_path_join(base, "/enseignant/connexion"))
