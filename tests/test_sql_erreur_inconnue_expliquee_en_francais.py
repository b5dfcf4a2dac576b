"""Issue 10, point 7 (issue point 14): SQLite's raw English message never reaches a student.

An error that no rule recognises gets a French generic explanation; the English text is kept
only in ``ErreurRequete.detail`` (for the teacher), never in the message a student reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.sql import ErreurRequete, executer_requete
from widgets.sql.explications import ERREUR_INCONNUE, expliquer
from widgets.sql.lexique import decouper

MESSAGES_INCONNUS = [
    "integer overflow",
    "a NATURAL join may not have an ON or USING clause",
    "cannot use window function in this context",
    "some brand new SQLite message nobody has seen",
]


@pytest.mark.parametrize("message", MESSAGES_INCONNUS)
def test_un_message_inconnu_devient_une_explication_francaise(message: str) -> None:
    """Point 7: fallback → French text only; the English stays in ``detail``."""
    erreur = expliquer(
        "OperationalError", message, decouper("SELECT 1"), {"clients": ["ville"]}, [], False
    )
    assert isinstance(erreur, ErreurRequete)
    texte = str(erreur)
    for mot in message.split():
        if len(mot) > 3 and mot.isascii() and mot.isalpha():
            assert mot not in texte.split(), (mot, texte)
    assert message not in texte
    if erreur.code == "erreur":
        assert texte == ERREUR_INCONNUE
    assert erreur.detail == message


@pytest.mark.parametrize(
    ("requete", "code"),
    [
        ("SELECT abs(-9223372036854775808)", "erreur"),
        ("SELECT * FROM (SELECT 1 AS x) NATURAL JOIN (SELECT 1 AS x) USING (x)", "erreur"),
        ("SELECT substr() FROM clients", "syntaxe"),
    ],
)
def test_sur_une_vraie_base_le_message_est_francais(base_demo: Path, requete, code) -> None:
    """Point 7: real SQLite errors (integer overflow, NATURAL … USING, wrong arity) reach the
    student in French."""
    with pytest.raises(ErreurRequete) as info:
        executer_requete(requete, base=base_demo)
    texte = str(info.value)
    assert info.value.code == code
    for anglais in ("overflow", "NATURAL join", "wrong number", "SQLite a refusé"):
        assert anglais not in texte
    assert info.value.detail and info.value.detail not in texte
