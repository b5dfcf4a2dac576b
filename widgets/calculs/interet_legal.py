"""Taux de l'intérêt légal: the dated table of the half-year rates (C. monét. fin. art. L313-2
and D313-1-A), for professionals (« tous les autres cas ») and consumers (« créances des
personnes physiques n'agissant pas pour des besoins professionnels »).

Pure: :func:`taux_interet_legal` gives the rates in force on a day. Past the last half-year of
:data:`TABLE_INTERET_LEGAL`, the last known rates are returned with ``a_verifier`` set and a
French warning (« taux du 1er semestre 2026, à vérifier sur Légifrance »), unless the teacher
set the current rate (``saisi_professionnels`` / ``saisi_particuliers``, read from the
environment by :mod:`widgets.donnees.reglages`).

Each row was checked on 7 December 2026 against the arrêté as reported by public sources
(Journal officiel text for 2026 S1; Lefebvre Dalloz, Bpifrance Création, Lexis veille for the
others). The arrêté for the second half of 2026 (normally published in late June 2026) was
NOT found in the sources available: add its row here when checked on Légifrance, twice a
year (1 January, 1 July).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from widgets.calculs._commun import pourcent

__all__ = ["TABLE_INTERET_LEGAL", "SemestreInteretLegal", "TauxInteretLegal", "taux_interet_legal"]


@dataclass(frozen=True)
class SemestreInteretLegal:
    """One half-year of the table: first day, both rates in %, the arrêté that sets them."""

    debut: date
    professionnels: Decimal
    particuliers: Decimal
    source: str

    @property
    def libelle(self) -> str:
        """« 1er semestre 2026 », « 2d semestre 2025 »."""
        rang = "1er" if self.debut.month == 1 else "2d"
        return f"{rang} semestre {self.debut.year}"

    @property
    def fin(self) -> date:
        return (
            date(self.debut.year, 6, 30) if self.debut.month == 1 else date(self.debut.year, 12, 31)
        )


TABLE_INTERET_LEGAL: tuple[SemestreInteretLegal, ...] = (
    SemestreInteretLegal(
        date(2023, 7, 1),
        Decimal("4.22"),
        Decimal("6.82"),
        "arrêté du 27 juin 2023 (JO du 30 juin 2023)",
    ),
    SemestreInteretLegal(
        date(2024, 1, 1), Decimal("5.07"), Decimal("8.01"), "arrêté du 21 décembre 2023"
    ),
    SemestreInteretLegal(
        date(2024, 7, 1), Decimal("4.92"), Decimal("8.16"), "arrêté du 26 juin 2024"
    ),
    SemestreInteretLegal(
        date(2025, 1, 1), Decimal("3.71"), Decimal("7.21"), "arrêté du 17 décembre 2024"
    ),
    SemestreInteretLegal(
        date(2025, 7, 1),
        Decimal("2.76"),
        Decimal("6.65"),
        "arrêté du 19 juin 2025 (JO du 24 juin 2025)",
    ),
    SemestreInteretLegal(
        date(2026, 1, 1),
        Decimal("2.62"),
        Decimal("6.67"),
        "arrêté du 15 décembre 2025 (JO du 26 décembre 2025)",
    ),
)
"""The half-years, oldest first (each runs until the next one starts)."""


@dataclass(frozen=True)
class TauxInteretLegal:
    """The rates to use on a day, where they come from, and whether to check them."""

    professionnels: Decimal
    particuliers: Decimal
    periode: str
    source: str
    a_verifier: bool
    avertissement: str

    @property
    def penalites_minimum(self) -> Decimal:
        """Floor of B2B late-payment penalties: 3 × the professionals' rate (C. com. L441-10 II)."""
        return 3 * self.professionnels

    def texte(self) -> str:
        """« 2,62 %, 1er semestre 2026 (arrêté …) » plus the warning when there is one."""
        base = f"{pourcent(self.professionnels)}, {self.periode} ({self.source})"
        return f"{base} — {self.avertissement}" if self.avertissement else base


def taux_interet_legal(
    jour: date,
    *,
    saisi_professionnels: Decimal | None = None,
    saisi_particuliers: Decimal | None = None,
) -> TauxInteretLegal:
    """The legal interest rates in force on ``jour``.

    Inside the table: the half-year's rates. Past its last half-year: the rates set by the
    teacher if given, else the last known ones with the warning « taux du 1er semestre 2026, à
    vérifier sur Légifrance ». Before the table: its first row, flagged too.
    """
    dernier = TABLE_INTERET_LEGAL[-1]
    if jour > dernier.fin:
        if saisi_professionnels is not None or saisi_particuliers is not None:
            return TauxInteretLegal(
                saisi_professionnels
                if saisi_professionnels is not None
                else dernier.professionnels,
                saisi_particuliers if saisi_particuliers is not None else dernier.particuliers,
                "taux en vigueur",
                "taux indiqué par l'enseignant dans les réglages",
                False,
                "",
            )
        return TauxInteretLegal(
            dernier.professionnels,
            dernier.particuliers,
            dernier.libelle,
            dernier.source,
            True,
            f"taux du {dernier.libelle}, à vérifier sur Légifrance",
        )
    ligne = next((s for s in reversed(TABLE_INTERET_LEGAL) if s.debut <= jour), None)
    if ligne is None:
        premier = TABLE_INTERET_LEGAL[0]
        return TauxInteretLegal(
            premier.professionnels,
            premier.particuliers,
            premier.libelle,
            premier.source,
            True,
            f"date antérieure à la table : taux du {premier.libelle}, à vérifier sur Légifrance",
        )
    return TauxInteretLegal(
        ligne.professionnels, ligne.particuliers, ligne.libelle, ligne.source, False, ""
    )
