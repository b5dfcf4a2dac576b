"""What the server writes to its journal is one line per event, without control characters.

A student controls some of the text logged (a page-vide report, an address, a notebook name):
C0/C1 control characters, ANSI escapes, newlines and bidirectional overrides would let them
forge journal lines or repaint the teacher's terminal; a hub token or a session cookie in a
logged address would let whoever reads the journal act as the teacher. :func:`propre` escapes them
(``\\x1b`` → ``\\x1b`` written as four visible characters); :class:`FiltreJournal`, put on every
handler of the server's log, applies it to each record's message (tracebacks, which the
server writes itself, are kept on several lines).
"""

from __future__ import annotations

import logging
import re

_CONTROLES = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NOMMES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Secrets that must never reach the journal: hub tokens in a URL, cookies, passwords.
_SECRETS = re.compile(
    r"(?i)((?:token|_xsrf|mot_de_passe|password|atelier_enseignant)=|"
    r"authorization:\s*(?:token|bearer)\s+)[^\s&;,\"']+"
)


def _echapper(trouve: re.Match[str]) -> str:
    car = trouve.group(0)
    return _NOMMES.get(car) or (f"\\x{ord(car):02x}" if ord(car) < 0x100 else f"\\u{ord(car):04x}")


def propre(texte: object, longueur: int | None = None) -> str:
    """``texte`` as one printable line: control characters escaped, secrets masked
    (``token=…`` → ``token=[masqué]``), cut at ``longueur``."""
    ligne = _SECRETS.sub(r"\1[masqué]", _CONTROLES.sub(_echapper, str(texte)))
    if longueur is not None and len(ligne) > longueur:
        ligne = ligne[:longueur] + "…"
    return ligne


class FiltreJournal(logging.Filter):
    """Logging filter: the record's message (arguments merged) goes through :func:`propre`."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error path
            return True
        record.msg = propre(message)
        record.args = None
        return True


def filtrer_les_journaux(*noms: str) -> None:
    """Put one :class:`FiltreJournal` on every handler of the loggers ``noms`` and the root."""
    for nom in (*noms, None):
        for gestionnaire in logging.getLogger(nom).handlers:
            if not any(isinstance(f, FiltreJournal) for f in gestionnaire.filters):
                gestionnaire.addFilter(FiltreJournal())
