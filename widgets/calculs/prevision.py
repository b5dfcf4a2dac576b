"""Prévision des ventes (savoir S522) : tendance par les moindres carrés, coefficients
saisonniers, prévision corrigée des variations saisonnières.

Pure calculations on ``Decimal`` (no pandas): a series of monthly (or quarterly) sales in,
trend, seasonal coefficients and forecast out.

- :func:`tendance_lineaire` — least squares line ``y = a x + b`` with ``x`` = rank 1, 2, … n:
  ``a = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²``, ``b = ȳ − a x̄``, and the coefficient de corrélation
  ``r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² × Σ(y − ȳ)²)``. ``a``, ``b``, ``r`` are kept exact
  (28 significant digits); display them with ``format_nombre`` at the precision wanted.
- :func:`moyennes_mobiles_centrees` — centred moving averages of order ``periode`` (for an
  even order, the two end values weigh one half: ``MM12 = (½ y₁ + y₂ + … + y₁₂ + ½ y₁₃) / 12``).
- :func:`coefficients_saisonniers` — multiplicative model, méthode du rapport à la tendance
  (``methode="tendance"``: each ``y / (a x + b)``) or au rapport aux moyennes mobiles centrées
  (``methode="moyennes_mobiles"``: each ``y / MM``); per season the mean of the ratios, then
  normalised so that the coefficients average exactly 1 (their sum equals ``periode``).
- :func:`prevoir` — forecast of the next ``horizon`` periods: trend ``a x + b`` (exact a and
  b) × seasonal coefficient, rounded to the cent (half-up) at the end. The trend line is
  always the least squares line of the raw series (the formulaire's method); the method only
  changes how the coefficients are measured. ``decimales_coefficients=2`` rounds the
  coefficients first, as a student who reads them from a table rounded to the hundredth.

Also :func:`ecarts_saisonniers`, the *additive* model (``y − tendance``), which the exercises
use to recognise the classic slip of adding a seasonal gap where the course multiplies.

Example (the one the tests work by hand): quarterly sales 100, 80, 120, 140, 120, 100, 140,
160 → x̄ = 4,5, ȳ = 120, Σ(x − x̄)(y − ȳ) = 320, Σ(x − x̄)² = 42, a = 7,619…, b = 85,714….
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs.arrondis import ZERO
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, montant

__all__ = [
    "METHODES",
    "CoefficientsSaisonniers",
    "Prevision",
    "Tendance",
    "coefficients_saisonniers",
    "ecarts_saisonniers",
    "moyennes_mobiles_centrees",
    "prevoir",
    "tendance_lineaire",
]

METHODES = {
    "tendance": "rapport à la tendance (moindres carrés)",
    "moyennes_mobiles": "rapport aux moyennes mobiles centrées",
}
"""Methods of measuring the seasonal coefficients (code → French name)."""

UN = Decimal(1)


def _serie(valeurs: Sequence[Any], champ: str = "Série des ventes") -> tuple[Decimal, ...]:
    """The series read as exact Decimals (French text accepted, negative refused)."""
    if isinstance(valeurs, str | bytes) or not hasattr(valeurs, "__len__"):
        raise SaisieInvalide("donnez une liste de valeurs (une par période).", champ=champ)
    return tuple(montant(v, f"{champ} (période {i})") for i, v in enumerate(valeurs, 1))


# --------------------------------------------------------------------------- tendance


@dataclass(frozen=True)
class Tendance:
    """The least squares line ``y = a x + b`` fitted on ranks ``x``, with its sums."""

    a: Decimal
    b: Decimal
    r: Decimal
    n: int
    x_moyen: Decimal
    y_moyen: Decimal
    somme_xy: Decimal
    """Σ (x − x̄)(y − ȳ)."""
    somme_xx: Decimal
    """Σ (x − x̄)²."""
    somme_yy: Decimal
    """Σ (y − ȳ)²."""

    @property
    def r2(self) -> Decimal:
        """Coefficient de détermination r² (part de la variance expliquée par la tendance)."""
        return self.r * self.r

    def valeur(self, x: int | Decimal) -> Decimal:
        """The trend at rank ``x`` (exact): ``a x + b``."""
        return self.a * Decimal(x) + self.b


def tendance_lineaire(valeurs: Sequence[Any], rangs: Sequence[Any] | None = None) -> Tendance:
    """Least squares line of ``valeurs`` against ``rangs`` (default 1, 2, … n).

    Example: y = 100, 80, 120, 140, 120, 100, 140, 160 on x = 1…8 → x̄ = 4,5, ȳ = 120,
    Σ(x − x̄)(y − ȳ) = 320, Σ(x − x̄)² = 42, a = 320 / 42 = 7,6190…, b = 120 − 7,6190… × 4,5 =
    85,714…, Σ(y − ȳ)² = 4 800, r = 320 / √(42 × 4 800) = 0,7127….
    """
    y = _serie(valeurs)
    if rangs is None:
        x = tuple(Decimal(i) for i in range(1, len(y) + 1))
    else:
        x = tuple(Decimal(str(v)) if isinstance(v, float) else Decimal(v) for v in rangs)
        if len(x) != len(y):
            raise SaisieInvalide(
                f"il faut autant de rangs que de valeurs ({len(x)} rangs pour {len(y)} valeurs).",
                champ="Rangs",
            )
    n = len(y)
    if n < 2:
        raise SaisieInvalide(
            "il faut au moins deux périodes pour tracer une tendance.", champ="Série des ventes"
        )
    x_moyen = sum(x, ZERO) / n
    y_moyen = sum(y, ZERO) / n
    sxy = sum(((xi - x_moyen) * (yi - y_moyen) for xi, yi in zip(x, y, strict=True)), ZERO)
    sxx = sum(((xi - x_moyen) ** 2 for xi in x), ZERO)
    syy = sum(((yi - y_moyen) ** 2 for yi in y), ZERO)
    if sxx == 0:
        raise SaisieInvalide("tous les rangs sont égaux : pas de tendance possible.", champ="Rangs")
    a = sxy / sxx
    b = y_moyen - a * x_moyen
    r = sxy / (sxx * syy).sqrt() if syy else ZERO
    return Tendance(a, b, r, n, x_moyen, y_moyen, sxy, sxx, syy)


# --------------------------------------------------------------------------- moyennes mobiles


def moyennes_mobiles_centrees(valeurs: Sequence[Any], periode: int = 12) -> tuple:
    """Centred moving averages of order ``periode``; ``None`` where the window is incomplete.

    Odd order ``2k + 1``: mean of y[t−k … t+k]. Even order ``2k``: ``(½ y[t−k] + y[t−k+1] + …
    + y[t+k−1] + ½ y[t+k]) / 2k`` (the mean of two successive simple moving averages).
    Example (order 4): y = 100, 80, 120, 140, 120 → MM₃ = (50 + 80 + 120 + 140 + 60) / 4 =
    112,5; the first two and the last two are ``None``.
    """
    y = _serie(valeurs)
    p = _periode(periode)
    k = p // 2
    sorties: list[Decimal | None] = []
    for t in range(len(y)):
        if t - k < 0 or t + k >= len(y):
            sorties.append(None)
        elif p % 2:
            sorties.append(sum(y[t - k : t + k + 1], ZERO) / p)
        else:
            milieu = sum(y[t - k + 1 : t + k], ZERO)
            sorties.append((y[t - k] / 2 + milieu + y[t + k] / 2) / p)
    return tuple(sorties)


def _periode(periode: Any) -> int:
    if isinstance(periode, bool) or not isinstance(periode, int) or periode < 2:
        raise SaisieInvalide(
            "la période saisonnière est un nombre entier d'au moins 2 (12 pour des mois, "
            "4 pour des trimestres).",
            champ="Période",
        )
    return periode


# --------------------------------------------------------------------------- saisonnalité


@dataclass(frozen=True)
class CoefficientsSaisonniers:
    """Seasonal coefficients of a multiplicative model (season 1 = first value of the series)."""

    periode: int
    methode: str
    references: tuple[Decimal | None, ...]
    """Per observation, what y is divided by (trend value or moving average; None: no ratio)."""
    rapports: tuple[Decimal | None, ...]
    """Per observation, y / reference."""
    bruts: tuple[Decimal, ...]
    """Per season, the mean of its ratios (before normalisation)."""
    coefficients: tuple[Decimal, ...]
    """Per season, normalised so that they average 1."""

    def arrondis(self, decimales: int) -> tuple[Decimal, ...]:
        """The coefficients rounded half-up (as printed in a table)."""
        return tuple(arrondi(c, decimales) for c in self.coefficients)


def coefficients_saisonniers(
    valeurs: Sequence[Any],
    periode: int = 12,
    methode: str = "tendance",
    *,
    tendance: Tendance | None = None,
) -> CoefficientsSaisonniers:
    """Seasonal coefficients (multiplicative model) of a series starting at season 1.

    ``methode="tendance"``: ratio of each value to the least squares trend ``a x + b``;
    ``methode="moyennes_mobiles"``: ratio to the centred moving average of order ``periode``.
    Per season, the mean of the available ratios; the coefficients are then multiplied by
    ``periode / Σ bruts`` so that they average exactly 1. At least two full periods are
    required (three with moving averages, which lose half a period at each end).
    """
    y = _serie(valeurs)
    p = _periode(periode)
    if methode not in METHODES:
        raise SaisieInvalide(
            f"méthode inconnue « {methode} » : choisissez « tendance » ou « moyennes_mobiles ».",
            champ="Méthode",
        )
    minimum = 2 * p
    if len(y) < minimum:
        raise SaisieInvalide(
            f"il faut au moins {minimum} valeurs ({minimum // p} périodes complètes de {p}) "
            f"pour mesurer la saisonnalité avec la méthode du {METHODES[methode]} ; "
            f"la série en a {len(y)}.",
            champ="Série des ventes",
        )
    if methode == "tendance":
        droite = tendance or tendance_lineaire(y)
        references: tuple[Decimal | None, ...] = tuple(
            droite.valeur(i) for i in range(1, len(y) + 1)
        )
    else:
        references = moyennes_mobiles_centrees(y, p)
    rapports: list[Decimal | None] = []
    for i, (yi, ref) in enumerate(zip(y, references, strict=True), 1):
        if ref is None:
            rapports.append(None)
            continue
        if ref <= 0:
            raise SaisieInvalide(
                f"la valeur de référence de la période {i} est négative ou nulle : le modèle "
                "multiplicatif ne s'applique pas (tendance trop fortement décroissante).",
                champ="Série des ventes",
            )
        rapports.append(yi / ref)
    bruts = []
    for saison in range(p):
        lus = [r for r in rapports[saison::p] if r is not None]
        bruts.append(sum(lus, ZERO) / len(lus))
    total = sum(bruts, ZERO)
    coefficients = tuple(c * p / total for c in bruts)
    return CoefficientsSaisonniers(
        p, methode, tuple(references), tuple(rapports), tuple(bruts), coefficients
    )


def ecarts_saisonniers(valeurs: Sequence[Any], periode: int = 12) -> tuple[Decimal, ...]:
    """ADDITIVE model, per season: mean of ``y − (a x + b)``, centred so they sum to zero.

    Not the course's method for sales (which multiplies): kept to recognise the slip of
    adding a gap where a coefficient should multiply.
    """
    y = _serie(valeurs)
    p = _periode(periode)
    droite = tendance_lineaire(y)
    ecarts = [yi - droite.valeur(i) for i, yi in enumerate(y, 1)]
    bruts = [sum(ecarts[s::p], ZERO) / len(ecarts[s::p]) for s in range(p)]
    moyenne = sum(bruts, ZERO) / p
    return tuple(e - moyenne for e in bruts)


# --------------------------------------------------------------------------- prévision


@dataclass(frozen=True)
class Prevision:
    """Trend, coefficients and forecast of a series (see :func:`prevoir`)."""

    valeurs: tuple[Decimal, ...]
    tendance: Tendance
    saisonnalite: CoefficientsSaisonniers
    coefficients: tuple[Decimal, ...]
    """The coefficients used (rounded if ``decimales_coefficients`` was given)."""
    rangs: tuple[int, ...]
    """Ranks x of the forecast periods (n + 1 … n + horizon)."""
    tendances_prevues: tuple[Decimal, ...]
    """a x + b for each forecast period, rounded to the cent."""
    previsions: tuple[Decimal, ...]
    """(a x + b) × coefficient of the season, rounded to the cent."""
    ajustees: tuple[Decimal, ...]
    """In-sample: (a x + b) × coefficient for each observed period, rounded to the cent."""

    @property
    def total(self) -> Decimal:
        """Sum of the forecasts (e.g. the next year's budget)."""
        return sum(self.previsions, ZERO)

    def saison(self, rang: int) -> int:
        """Season index (0-based) of rank ``rang`` (rank 1 is season 0)."""
        return (rang - 1) % self.saisonnalite.periode


def prevoir(
    valeurs: Sequence[Any],
    horizon: int = 12,
    periode: int = 12,
    methode: str = "tendance",
    *,
    decimales_coefficients: int | None = None,
) -> Prevision:
    """Forecast the ``horizon`` periods after ``valeurs`` (monthly: periode 12).

    ``prevision(x) = (a x + b) × coefficient de la saison de x``, with the exact a and b and
    the coefficients exact (or rounded to ``decimales_coefficients``), rounded to the cent.
    Example (quarterly, see the module docstring): trend at x = 9 is 7,6190… × 9 + 85,714… =
    154,29; with a coefficient of 1,15 the forecast is 177,43.
    """
    y = _serie(valeurs)
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 1:
        raise SaisieInvalide(
            "l'horizon est un nombre entier de périodes, au moins 1.", champ="Horizon"
        )
    droite = tendance_lineaire(y)
    saisons = coefficients_saisonniers(y, periode, methode, tendance=droite)
    coefs = (
        saisons.coefficients
        if decimales_coefficients is None
        else saisons.arrondis(decimales_coefficients)
    )
    p = saisons.periode
    n = len(y)
    rangs = tuple(range(n + 1, n + horizon + 1))
    tendances = tuple(arrondi_centime(droite.valeur(x)) for x in rangs)
    previsions = tuple(arrondi_centime(droite.valeur(x) * coefs[(x - 1) % p]) for x in rangs)
    ajustees = tuple(
        arrondi_centime(droite.valeur(x) * coefs[(x - 1) % p]) for x in range(1, n + 1)
    )
    return Prevision(y, droite, saisons, coefs, rangs, tendances, previsions, ajustees)
