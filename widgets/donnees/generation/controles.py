"""The Luhn key of the SIRET numbers: computed by the generator (:func:`cle_luhn`), checked
by :func:`siret_valide` (14 digits whose Luhn key is valid).

(The e-mail, phone and postcode checkers that stood here had no caller: the prospects'
defects are planted and flagged by construction in :mod:`.prospects`, and
``tests/test_base_prospects_defauts_exactement_signales.py`` checks them with its own rules.)
"""

from __future__ import annotations

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
