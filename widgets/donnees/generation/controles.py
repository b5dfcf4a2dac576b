"""Validity rules of contact data (used to plant and to flag the prospects' defects).

The same rules let a student (or an exercise checker) test a cleaned file:
e-mail ``nom@domaine.tld``, French phone of 10 digits starting with 0 (spaces, dots or
dashes allowed, or ``+33`` followed by 9 digits), postcode of exactly 5 digits, SIRET of
14 digits whose Luhn key is valid.
"""

from __future__ import annotations

import re

RE_EMAIL = re.compile(r"^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$", re.IGNORECASE)
RE_TELEPHONE = re.compile(r"^(0[1-9]|\+33 ?[1-9])([ .-]?\d{2}){4}$")
RE_CODE_POSTAL = re.compile(r"^\d{5}$")


def email_valide(email: str | None) -> bool:
    """Vrai si l'adresse a la forme ``nom@domaine.fr`` (une seule arobase, pas d'espace)."""
    return bool(email) and RE_EMAIL.match(email) is not None


def telephone_valide(telephone: str | None) -> bool:
    """Vrai pour un numéro français à 10 chiffres (``01 23 45 67 89``, ``+33 1 23 45 67 89``)."""
    return bool(telephone) and RE_TELEPHONE.match(telephone) is not None


def code_postal_valide(code: str | None) -> bool:
    """Vrai pour exactement 5 chiffres (``01000`` et non ``1000``)."""
    return bool(code) and RE_CODE_POSTAL.match(code) is not None


_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # a digit doubled, minus 9 above 9


def _somme_luhn(chiffres: str, decalage: int) -> int:
    """Sum of the digits, every other one doubled (minus 9 above 9) from the right.

    ``decalage`` 0: the doubled digits are the 2nd, 4th… from the right (checking a number);
    1: the 1st, 3rd… (computing the key to append).
    """
    depuis_la_droite = chiffres[::-1]
    doubles = depuis_la_droite[1 - decalage :: 2]
    simples = depuis_la_droite[decalage::2]
    return sum(map(int, simples)) + sum(_DOUBLE[int(c)] for c in doubles)


def luhn_valide(chiffres: str) -> bool:
    """Clé de Luhn : en doublant un chiffre sur deux depuis la droite, la somme finit par 0."""
    return chiffres.isdigit() and _somme_luhn(chiffres, 0) % 10 == 0


def cle_luhn(chiffres: str) -> str:
    """Le chiffre à ajouter à droite de ``chiffres`` pour que la clé de Luhn soit valide."""
    return str((10 - _somme_luhn(chiffres, 1) % 10) % 10)


def siret_valide(siret: str | None) -> bool:
    """Vrai pour 14 chiffres dont la clé de Luhn est valide."""
    return bool(siret) and len(siret) == 14 and luhn_valide(siret)
