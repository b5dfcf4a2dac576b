"""Marks of a devoir: points per item, total, note out of 20 (pure Decimal arithmetic).

A devoir gives each item (an exercise, a grille of open work) a number of points. An item
scores a fraction in [0, 1] (the checker's ``score``, or the grille's points over its maximum);
the points obtained are ``fraction × points`` rounded half-up to the hundredth, and the note is
``Σ obtained / Σ points × 20`` rounded half-up to the hundredth (``widgets.calculs.arrondis``).
Each rounding happens once, on the documented step, and the next step uses the rounded figure,
as a teacher does on paper.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from widgets.calculs.arrondis import ZERO, arrondi
from widgets.erreurs import ErreurAtelier

VINGT = Decimal(20)
UN = Decimal(1)


def points_positifs(
    valeur: Decimal | int | str, champ: str = "points", *, zero_permis: bool = False
) -> Decimal:
    """``valeur`` as Decimal points, refused (French) unless a finite number > 0 (≥ 0 with
    ``zero_permis``, e.g. the lowest level of a grid)."""
    try:
        points = Decimal(str(valeur).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ErreurAtelier(
            f"« {valeur} » n'est pas un nombre de points (exemple : 4 ou 2,5).", champ=champ
        ) from None
    if points.is_finite() and zero_permis and points == 0:
        return points
    if not points.is_finite() or points <= 0:
        qualite = "positif ou nul" if zero_permis else "strictement positif"
        raise ErreurAtelier(
            f"Le nombre de points doit être {qualite} (reçu : {valeur}).", champ=champ
        )
    return points


def points_obtenus(fraction: Decimal | int | float, points: Decimal) -> Decimal:
    """``fraction`` (clamped to [0, 1]) of ``points``, rounded half-up to 0,01."""
    f = Decimal(str(fraction))
    f = min(max(f, ZERO), UN)
    return arrondi(f * points, 2)


def note_sur_20(obtenus: Decimal, total: Decimal) -> Decimal:
    """``obtenus / total × 20`` rounded half-up to 0,01 (French error for a total ≤ 0)."""
    if total <= 0:
        raise ErreurAtelier("Le barème ne compte aucun point : impossible de noter sur 20.")
    return arrondi(Decimal(obtenus) / Decimal(total) * VINGT, 2)


@dataclass(frozen=True)
class LigneNote:
    """One item of a marked devoir: its code, the points it is worth, the points obtained."""

    code: str
    points: Decimal
    obtenus: Decimal


@dataclass(frozen=True)
class Note:
    """A marked devoir: the lines, the totals and the note out of 20."""

    lignes: tuple[LigneNote, ...]
    total: Decimal
    obtenus: Decimal
    sur_20: Decimal


def noter(items: Iterable[tuple[str, Decimal, Decimal | int | float]]) -> Note:
    """Mark a devoir from ``(code, points, fraction)`` triples (fraction in [0, 1]).

    ``noter([("a", 4, 1), ("b", 6, Decimal("0.5"))])`` → 4 + 3 = 7 points out of 10, 14/20.
    """
    lignes = tuple(
        LigneNote(code, Decimal(points), points_obtenus(fraction, Decimal(points)))
        for code, points, fraction in items
    )
    total = sum((ligne.points for ligne in lignes), ZERO)
    obtenus = sum((ligne.obtenus for ligne in lignes), ZERO)
    return Note(lignes, total, obtenus, note_sur_20(obtenus, total))
