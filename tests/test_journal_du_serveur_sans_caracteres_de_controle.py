"""What the dashboards server writes to its journal is one printable line per event.

C0/C1 control characters, ANSI escapes, newlines and bidirectional overrides are escaped,
secrets masked (issue 26, item 8), by the filter put on every handler of the server's log.
"""

from __future__ import annotations

import io
import logging

from widgets.tableaux_de_bord.journal import FiltreJournal, filtrer_les_journaux, propre


def test_control_characters_are_written_as_visible_escapes():
    assert propre("a\x1b[31mb\nc\rd\te\x00f\x85g\u202eh\x7f") == (
        "a\\x1b[31mb\\nc\\rd\\te\\x00f\\x85g\\u202eh\\x7f"
    )
    assert propre("Léa N’Diaye — 12,5 €") == "Léa N’Diaye — 12,5 €"  # printable text kept
    assert propre("x" * 300, 200) == "x" * 200 + "…"


def test_tokens_passwords_and_session_cookies_are_masked():
    assert (
        propre("GET /enseignant?token=abc123&unite=u") == "GET /enseignant?token=[masqué]&unite=u"
    )
    assert propre("Authorization: token 0123abcd") == "Authorization: token [masqué]"
    assert propre("Cookie: atelier_enseignant=2|1:0|10:17|x") == (
        "Cookie: atelier_enseignant=[masqué]"
    )
    assert propre("mot_de_passe=secret") == "mot_de_passe=[masqué]"


def test_the_filter_cleans_every_record_of_a_filtered_logger_arguments_included():
    flux = io.StringIO()
    gestionnaire = logging.StreamHandler(flux)
    gestionnaire.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    journal = logging.getLogger("essai.journal.atelier")
    journal.propagate = False
    journal.addHandler(gestionnaire)
    try:
        filtrer_les_journaux("essai.journal.atelier")
        filtrer_les_journaux("essai.journal.atelier")  # idempotent: one filter per handler
        assert sum(isinstance(f, FiltreJournal) for f in gestionnaire.filters) == 1
        journal.warning("Page %s (noyau %s)", "x\n2026-01-01 ERROR faux", "\x1b[2J")
    finally:
        journal.removeHandler(gestionnaire)
    assert flux.getvalue() == "WARNING Page x\\n2026-01-01 ERROR faux (noyau \\x1b[2J)\n"
