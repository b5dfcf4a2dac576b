"""Helpers shared by the relation_distance exercises (not a theme: no exercise here)."""

from __future__ import annotations

from decimal import Decimal

from widgets.calculs import format_euros, format_nombre
from widgets.exercices import Piege

#: The case firm's products, with their article (« pour des peignoirs brodés »).
PRODUITS = (
    "des serviettes de plage",
    "des peignoirs brodés",
    "du linge de maison",
    "des torchons imprimés",
    "des plaids en coton",
)


def n(x: int | Decimal) -> str:
    """A count in French (« 12 000 » with a thin space)."""
    return format_nombre(Decimal(x))


def pct(x: Decimal) -> str:
    """A rate with exactly two decimals (« 80,00 % »): one precision in a table column."""
    return format_nombre(x, 2) + "\u00a0%"


def moins(texte: str) -> str:
    """A figure formatted by babel with the typographic minus (« −2,00 € », not « -2,00 € »),
    as the « − » typed in the same lines of working."""
    return "\u2212" + texte[1:] if texte.startswith("-") else texte


def euros(x: Decimal) -> str:
    """``format_euros`` with the typographic minus for a negative amount."""
    return moins(format_euros(x))


def avec_unite(x: Decimal, nom: str, decimales: int = 2) -> str:
    """« 0,50 jour », « 12,25 jours », « −3,00 points »: French plural from 2 on (in absolute
    value), the figure with exactly ``decimales`` decimals."""
    return f"{moins(format_nombre(x, decimales))} {nom}{'s' if abs(x) >= 2 else ''}"


def distincts(
    attendu: Decimal,
    pieges: list[Piege],
    tolerance: Decimal,
    autres: tuple[Decimal, ...] = (),
) -> tuple[Piege, ...]:
    """The traps whose value cannot be taken for the right answer (nor for an earlier trap):
    a variant where two conventions give the same figure names only the first; ``autres``
    are the other right methods' values."""
    gardes: list[Piege] = []
    for p in pieges:
        valeurs = [attendu, *autres, *(g.valeur for g in gardes)]
        if all(abs(p.valeur - v) > tolerance for v in valeurs):
            gardes.append(p)
    return tuple(gardes)
