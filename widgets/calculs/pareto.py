"""Analyse ABC / loi de Pareto (20/80) d'un portefeuille (savoir S522).

Sort the items (clients or products) by DECREASING turnover, compute each one's share of the
total and the cumulated share, and cut the cumulated share at two thresholds (80 % and 95 % by
default; books vary, so they are parameters):

- class **A**: from the first item up to and INCLUDING the one whose cumulated share reaches
  (or crosses) the first threshold;
- class **B**: the following ones, up to and including the one that reaches the second;
- class **C**: the rest.

The class is decided on the exact cumulated share (cumulated CA / total CA), not on a rounded
percentage. Shares are given in % rounded to the hundredth (``part``, ``part_cumulee``), which
is what a student writes in the table; ``part_cumulee`` is the exact cumulated share rounded,
not the sum of rounded shares (both are accepted by the exercises, within 0,05 point).
Ties of turnover keep the order of the input (stable sort): give a deterministic order.

Example (the tests work it by hand): CA 500, 200, 120, 80, 50, 30, 20 (total 1 000) →
cumulated 50 %, 70 %, 82 %, 90 %, 95 %, 98 %, 100 % → A = 3 clients (82 % ≥ 80 %),
B = 2 clients (95 % ≥ 95 %), C = 2 clients.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from widgets.calculs.arrondis import CENT, ZERO
from widgets.calculs.saisie import SaisieInvalide, arrondi, montant, taux

__all__ = [
    "AnalyseABC",
    "ClasseABC",
    "LigneABC",
    "analyse_abc",
    "classe_abc",
    "cumul_sans_tri",
]

CLASSES = ("A", "B", "C")


class LigneABC(NamedTuple):
    """One item of the sorted table (the shares are computed when read; a named tuple: a
    100 000-client table is built in a fraction of a second)."""

    rang: int
    cle: Hashable
    libelle: str
    ca: Decimal
    ca_cumule: Decimal
    classe: str
    total: Decimal
    effectif: int

    @property
    def part(self) -> Decimal:
        """Share of the total CA, in %, rounded to the hundredth."""
        return arrondi(self.ca * CENT / self.total, 2)

    @property
    def part_cumulee(self) -> Decimal:
        """Cumulated share, in %, rounded to the hundredth (from the exact cumulated CA)."""
        return arrondi(self.ca_cumule * CENT / self.total, 2)

    @property
    def part_effectif_cumulee(self) -> Decimal:
        """Share of the items counted so far (rang / n), in %, rounded to the hundredth."""
        return arrondi(Decimal(self.rang) * CENT / self.effectif, 2)


@dataclass(frozen=True)
class ClasseABC:
    """Counts and shares of one class."""

    classe: str
    effectif: int
    part_effectif: Decimal
    """% of the items (rounded to the hundredth)."""
    ca: Decimal
    part_ca: Decimal
    """% of the total CA (rounded to the hundredth)."""


@dataclass(frozen=True)
class AnalyseABC:
    """The sorted table, the class summary and the thresholds used."""

    lignes: tuple[LigneABC, ...]
    classes: tuple[ClasseABC, ...]
    total: Decimal
    seuil_a: Decimal
    seuil_b: Decimal

    def classe(self, nom: str) -> ClasseABC:
        """The summary of class ``nom`` (``"A"``, ``"B"`` or ``"C"``)."""
        return next(c for c in self.classes if c.classe == nom)

    def classe_de(self, cle: Hashable) -> str:
        """The class of the item whose key is ``cle``."""
        for ligne in self.lignes:
            if ligne.cle == cle:
                return ligne.classe
        raise KeyError(cle)

    @property
    def effectif(self) -> int:
        return len(self.lignes)


def _elements(elements: Sequence[Any]) -> list[tuple[Hashable, str, Decimal]]:
    lus = []
    for i, element in enumerate(elements, 1):
        if len(element) == 2:
            cle, ca = element
            libelle = str(cle)
        else:
            cle, libelle, ca = element[:3]
        if not (isinstance(ca, Decimal) and ca.is_finite() and ca >= 0):  # fast path
            ca = montant(ca, f"Chiffre d'affaires ({libelle or i})")
        lus.append((cle, str(libelle), ca))
    return lus


def _seuils(seuil_a: Any, seuil_b: Any) -> tuple[Decimal, Decimal]:
    a = taux(seuil_a, "Seuil de la classe A")
    b = taux(seuil_b, "Seuil de la classe B")
    if not 0 < a < b <= 100:
        raise SaisieInvalide(
            "il faut 0 % < seuil A < seuil B ≤ 100 % (par exemple 80 % et 95 %).",
            champ="Seuil de la classe B" if a > 0 else "Seuil de la classe A",
        )
    return a, b


def analyse_abc(elements: Sequence[Any], seuil_a: Any = 80, seuil_b: Any = 95) -> AnalyseABC:
    """ABC analysis of ``elements``: ``(cle, ca)`` or ``(cle, libelle, ca)`` tuples.

    Thresholds in % of the total CA (French text accepted: ``"80 %"``). Items are sorted by
    decreasing CA (stable). Raises :class:`SaisieInvalide` for no item, a negative CA, a zero
    total or thresholds out of order.
    """
    a, b = _seuils(seuil_a, seuil_b)
    lus = _elements(elements)
    if not lus:
        raise SaisieInvalide("aucun client ni produit à classer.", champ="Portefeuille")
    total = sum((ca for _c, _l, ca in lus), ZERO)
    if total <= 0:
        raise SaisieInvalide(
            "le chiffre d'affaires total est nul : rien à répartir en classes.",
            champ="Portefeuille",
        )
    tries = sorted(lus, key=lambda e: e[2], reverse=True)
    n = len(tries)
    lignes = []
    cumul = ZERO
    classe_suivante = "A"
    borne_a, borne_b = a * total, b * total  # cumul × 100 ≥ seuil × total ⇔ part ≥ seuil
    for rang, (cle, libelle, ca) in enumerate(tries, 1):
        cumul += ca
        classe = classe_suivante
        cent_fois = cumul * CENT
        # the item that reaches a threshold closes its class; the next one opens the next class
        if classe == "A" and cent_fois >= borne_a:
            classe_suivante = "B" if cent_fois < borne_b else "C"
        elif classe == "B" and cent_fois >= borne_b:
            classe_suivante = "C"
        lignes.append(LigneABC(rang, cle, libelle, ca, cumul, classe, total, n))
    classes = []
    for nom in CLASSES:
        membres = [ligne.ca for ligne in lignes if ligne.classe == nom]
        classes.append(classe_abc(nom, len(membres), sum(membres, ZERO), n, total))
    return AnalyseABC(tuple(lignes), tuple(classes), total, a, b)


def classe_abc(nom: str, effectif: int, ca: Decimal, n: int, total: Decimal) -> ClasseABC:
    """The summary of one class: its shares of the ``n`` items and of the ``total`` CA, in %,
    rounded half-up to the hundredth (also used by the vectorised ABC)."""
    return ClasseABC(
        classe=nom,
        effectif=effectif,
        part_effectif=arrondi(Decimal(effectif) * CENT / n, 2),
        ca=ca,
        part_ca=arrondi(ca * CENT / total, 2),
    )


def cumul_sans_tri(elements: Sequence[Any]) -> tuple[Decimal, ...]:
    """The WRONG method: cumulated shares (%, hundredth) in the order given, without sorting.

    Used by the exercises to recognise the slip of cumulating an unsorted list.
    """
    lus = _elements(elements)
    total = sum((ca for _c, _l, ca in lus), ZERO)
    cumul = ZERO
    sorties = []
    for _c, _l, ca in lus:
        cumul += ca
        sorties.append(arrondi(cumul * CENT / total, 2))
    return tuple(sorties)
