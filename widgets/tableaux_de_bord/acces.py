"""Teacher access to the dashboards server's teacher pages (minimal version).

:class:`PageEnseignant` is the base of every teacher page: ``prepare()`` refuses (403, French
page) a visitor without the signed cookie ``atelier_enseignant`` (tornado's signed cookies, key
``cookie_secret`` of the application settings). Students never get that cookie.

Minimal stand-in written with the devoirs pages; the teacher-page work (``/enseignant``, login)
provides the full version of this module with the same class name.
"""

from __future__ import annotations

from html import escape

import tornado.web

COOKIE_ENSEIGNANT = "atelier_enseignant"


def page_refusee(message: str) -> str:
    return (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Accès réservé</title>"
        "</head><body style='font-family:sans-serif;max-width:40em;margin:3em auto'>"
        f"<h1>Accès réservé aux enseignants</h1><p>{escape(message)}</p></body></html>"
    )


class PageEnseignant(tornado.web.RequestHandler):
    """Base of the teacher pages: only a visitor with the teacher's signed cookie gets in."""

    def enseignant(self) -> str | None:
        """The teacher's name from the signed cookie, or None."""
        if not self.settings.get("cookie_secret"):
            return None
        valeur = self.get_signed_cookie(COOKIE_ENSEIGNANT, max_age_days=1)
        return valeur.decode("utf-8") if valeur else None

    def prepare(self) -> None:
        if self.enseignant() is None:
            self.set_status(403)
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(
                page_refusee("Cette page est celle de l'enseignant : connectez-vous d'abord.")
            )
