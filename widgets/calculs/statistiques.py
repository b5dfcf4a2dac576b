"""Statistiques descriptives d'un portefeuille (savoir S522) : position et dispersion.

Definitions taught in French (and used here, exactly, on ``Decimal``):

- **moyenne** x̄ = Σ x / n ;
- **médiane** : the middle value of the sorted series (n odd), or the mean of the two middle
  values (n even) — half of the clients buy less, half buy more;
- **quartiles** (définition du cours de lycée) : Q1 = the smallest value such that at least
  25 % of the values are ≤ it, i.e. the value of rank ⌈n / 4⌉ of the sorted series; Q3 = the
  value of rank ⌈3n / 4⌉. (A spreadsheet's QUARTILE interpolates and can differ slightly.)
- **écart type** σ = √(Σ (x − x̄)² / n) — the population standard deviation of the course (a
  calculator's σₙ; the spreadsheet's ECARTYPE divides by n − 1: :func:`ecart_type` with
  ``echantillon=True``);
- **coefficient de variation** CV = σ / x̄ (in %): the dispersion relative to the mean, which
  compares segments of different sizes.

:func:`resume` gives all of them; :meth:`Resume.interpretation` writes the "what it means for
the portfolio" sentences in French.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any

from widgets.calculs.arrondis import CENT, ZERO
from widgets.calculs.format import format_euros, format_pourcent
from widgets.calculs.saisie import SaisieInvalide, arrondi, montant

__all__ = [
    "Resume",
    "coefficient_de_variation",
    "ecart_type",
    "mediane",
    "moyenne",
    "quantile",
    "quartiles",
    "arrondir_resume",
    "resume",
    "resumes_par_groupe",
]


def _valeurs(valeurs: Sequence[Any], champ: str = "Valeurs") -> tuple[Decimal, ...]:
    lues = tuple(montant(v, champ, positif=False) for v in valeurs)
    if not lues:
        raise SaisieInvalide("la série est vide : il faut au moins une valeur.", champ=champ)
    return lues


def moyenne(valeurs: Sequence[Any]) -> Decimal:
    """Arithmetic mean (exact)."""
    x = _valeurs(valeurs)
    return sum(x, ZERO) / len(x)


def mediane(valeurs: Sequence[Any]) -> Decimal:
    """Median: middle value (n odd) or mean of the two middle values (n even)."""
    return _mediane_triee(sorted(_valeurs(valeurs)))


def _mediane_triee(x: list[Decimal]) -> Decimal:
    n = len(x)
    milieu = n // 2
    return x[milieu] if n % 2 else (x[milieu - 1] + x[milieu]) / 2


def quantile(valeurs: Sequence[Any], p: Any) -> Decimal:
    """French-course quantile of order ``p`` (0 < p ≤ 1): the value of rank ⌈n p⌉."""
    return _quantile_trie(sorted(_valeurs(valeurs)), p)


def _quantile_trie(x: list[Decimal], p: Any) -> Decimal:
    p = Decimal(str(p)) if isinstance(p, float) else Decimal(p)
    if not 0 < p <= 1:
        raise SaisieInvalide("l'ordre d'un quantile est compris entre 0 et 1.", champ="Ordre")
    rang = int((len(x) * p).to_integral_value(rounding=ROUND_CEILING))
    return x[max(rang, 1) - 1]


def quartiles(valeurs: Sequence[Any]) -> tuple[Decimal, Decimal]:
    """(Q1, Q3): values of ranks ⌈n/4⌉ and ⌈3n/4⌉ of the sorted series."""
    return quantile(valeurs, Decimal("0.25")), quantile(valeurs, Decimal("0.75"))


def ecart_type(valeurs: Sequence[Any], *, echantillon: bool = False) -> Decimal:
    """σ = √(Σ(x − x̄)² / n); ``echantillon=True``: divide by n − 1 (spreadsheet ECARTYPE)."""
    x = _valeurs(valeurs)
    n = len(x)
    if echantillon and n < 2:
        raise SaisieInvalide("il faut au moins deux valeurs.", champ="Valeurs")
    m = sum(x, ZERO) / n
    variance = sum(((v - m) ** 2 for v in x), ZERO) / (n - 1 if echantillon else n)
    return variance.sqrt()


def coefficient_de_variation(valeurs: Sequence[Any]) -> Decimal:
    """CV = σ / x̄ × 100 (in %, exact)."""
    m = moyenne(valeurs)
    if m <= 0:
        raise SaisieInvalide(
            "la moyenne est nulle ou négative : le coefficient de variation n'a pas de sens.",
            champ="Valeurs",
        )
    return ecart_type(valeurs) / m * CENT


@dataclass(frozen=True)
class Resume:
    """Position and dispersion of a series (exact values; round them for display)."""

    effectif: int
    total: Decimal
    minimum: Decimal
    maximum: Decimal
    moyenne: Decimal
    mediane: Decimal
    q1: Decimal
    q3: Decimal
    ecart_type: Decimal
    coefficient_variation: Decimal | None
    """In % (None when the mean is not positive)."""

    @property
    def ecart_interquartile(self) -> Decimal:
        return self.q3 - self.q1

    def interpretation(self, quoi: str = "client") -> str:
        """French sentences: what these figures mean for the portfolio.

        ``quoi`` names one observation (``"client"``, ``"mois"``), singular, used as
        « par client ».
        """
        phrases = [
            f"En moyenne {format_euros(self.moyenne)} par {quoi}, mais la moitié fait au plus "
            f"{format_euros(self.mediane)} (médiane)."
        ]
        if self.mediane > 0 and self.moyenne > self.mediane * Decimal("1.2"):
            phrases.append(
                "La moyenne dépasse nettement la médiane : quelques gros montants la tirent vers "
                "le haut, la médiane décrit mieux le cas courant (série asymétrique)."
            )
        elif self.mediane > 0 and self.moyenne < self.mediane * Decimal("0.8"):
            phrases.append(
                "La moyenne est nettement sous la médiane : quelques très petits montants la "
                "tirent vers le bas."
            )
        phrases.append(
            f"Un quart environ est sous {format_euros(self.q1)} (Q1), un quart environ "
            f"au-dessus de {format_euros(self.q3)} (Q3)."
        )
        cv = self.coefficient_variation
        if cv is not None:
            if cv < 15:
                lecture = "série homogène : les montants se ressemblent"
            elif cv < 30:
                lecture = "dispersion moyenne"
            else:
                lecture = (
                    "série très dispersée ; un traitement commercial différencié (segments, "
                    "classes ABC) s'impose"
                )
            phrases.append(f"Coefficient de variation {format_pourcent(cv)} : {lecture}.")
        return " ".join(phrases)


def resume(valeurs: Sequence[Any]) -> Resume:
    """All the indicators of ``valeurs`` (French text or numbers; at least one value)."""
    x = _valeurs(valeurs)
    n = len(x)
    total = sum(x, ZERO)
    m = total / n
    tries = sorted(x)  # read and sorted once (the same figures as the functions above)
    sigma = (sum(((v - m) ** 2 for v in x), ZERO) / n).sqrt()  # ecart_type, same steps
    return Resume(
        effectif=n,
        total=total,
        minimum=min(x),
        maximum=max(x),
        moyenne=m,
        mediane=_mediane_triee(tries),
        q1=_quantile_trie(tries, Decimal("0.25")),
        q3=_quantile_trie(tries, Decimal("0.75")),
        ecart_type=sigma,
        coefficient_variation=sigma / m * CENT if m > 0 else None,
    )


def resumes_par_groupe(groupes: Mapping[str, Sequence[Any]]) -> dict[str, Resume]:
    """One :class:`Resume` per group (segment, month…), in the mapping's order; empty groups
    are left out."""
    return {nom: resume(v) for nom, v in groupes.items() if len(v)}


def arrondir_resume(r: Resume, decimales: int = 2) -> dict[str, Decimal | int | None]:
    """The summary's figures rounded half-up (for a table)."""
    return {
        "effectif": r.effectif,
        "moyenne": arrondi(r.moyenne, decimales),
        "mediane": arrondi(r.mediane, decimales),
        "q1": arrondi(r.q1, decimales),
        "q3": arrondi(r.q3, decimales),
        "ecart_type": arrondi(r.ecart_type, decimales),
        "coefficient_variation": None
        if r.coefficient_variation is None
        else arrondi(r.coefficient_variation, 2),
    }
