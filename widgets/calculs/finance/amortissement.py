"""Plan d'amortissement linéaire et dégressif, prorata temporis (S531, l'amortissement).

Linéaire : annuité = base × taux (taux = 1 / durée) ; the first year is reduced prorata
temporis in days of a 360-day year (30 days a month, from the date of mise en service
included), and the last year (year ``durée + 1``) takes the rest.

Dégressif (fiscal rules) : taux = taux linéaire × coefficient (1,25 for 3–4 years, 1,75 for
5–6 years, 2,25 beyond 6), rounded to 2 decimals of a percent (5 years → 35 %) ; annuité =
VNC × taux ; the first year is reduced prorata in MONTHS from the first day of the month of
acquisition ; from the year when the linear rate on the remaining years (1 / années restantes)
is at least the dégressif rate, the VNC is spread equally on the remaining years. The plan
has exactly ``durée`` annuities.

Every annuity is rounded half-up to the cent; the last one is the VNC left, so the VNC ends
at 0,00 and the annuities sum to the base.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from widgets.calculs.finance._outils import CENT, euros, lire_capital, nombre_fr, pourcent
from widgets.calculs.saisie import (
    SaisieInvalide,
    arrondi,
    arrondi_centime,
    date_francaise,
    quantite,
)

__all__ = [
    "LigneAmortissement",
    "PlanAmortissement",
    "amortissement",
    "coefficient_degressif",
    "jours_30_360",
]


def coefficient_degressif(duree: int) -> Decimal:
    """1,25 (3–4 years), 1,75 (5–6 years), 2,25 (more than 6 years)."""
    if duree < 3:
        raise SaisieInvalide(
            "l'amortissement dégressif demande une durée d'au moins 3 ans.", champ="Durée"
        )
    if duree <= 4:
        return Decimal("1.25")
    if duree <= 6:
        return Decimal("1.75")
    return Decimal("2.25")


def _jour_30(d: date, fin: bool) -> int:
    dernier = (date(d.year + (d.month == 12), d.month % 12 + 1, 1) - d).days == 1
    return 30 if d.day > 30 or (fin and dernier) else d.day


def jours_30_360(debut: date, fin: date) -> int:
    """Days from ``debut`` to ``fin`` included, months of 30 days (15/04 → 31/12 : 256)."""
    return (
        (fin.year - debut.year) * 360
        + (fin.month - debut.month) * 30
        + _jour_30(fin, True)
        - _jour_30(debut, False)
        + 1
    )


@dataclass(frozen=True)
class LigneAmortissement:
    """One year of the plan."""

    exercice: int
    base: Decimal
    taux: Decimal
    annuite: Decimal
    cumul: Decimal
    vnc: Decimal


@dataclass(frozen=True)
class PlanAmortissement:
    valeur: Decimal
    duree: int
    mode: str
    taux: Decimal
    coefficient: Decimal | None
    prorata: str
    lignes: tuple[LigneAmortissement, ...]
    etapes: tuple[str, ...]


def amortissement(
    valeur: Any,
    duree: Any,
    mode: str = "lineaire",
    date_mise_en_service: Any = None,
    date_fin_exercice: Any = None,
) -> PlanAmortissement:
    """Plan d'amortissement (linéaire or dégressif), prorata temporis.

    Without dates, the good is put in service on the first day of the exercice (no prorata).
    Exemple (linéaire) : 12 000 € sur 5 ans, mis en service le 15/04/2025, exercice clos le
    31/12 : 256 jours → 12 000 × 20 % × 256 / 360 = 1 706,67 € ; puis 2 400,00 × 4 ;
    2026 → 2029 ; dernière année 2030 : 693,33 €.
    """
    v = lire_capital(valeur, "Valeur d'origine")
    n = quantite(duree, "Durée (années)", minimum=1)
    if n > 50:
        raise SaisieInvalide("au plus 50 ans.", champ="Durée (années)")
    cle = str(mode).strip().lower().replace("é", "e")
    if cle not in ("lineaire", "degressif"):
        raise SaisieInvalide(
            f"« {mode} » : choisissez linéaire ou dégressif.", champ="Mode d'amortissement"
        )
    fin = (
        None
        if date_fin_exercice in (None, "")
        else date_francaise(date_fin_exercice, "Fin d'exercice")
    )
    debut = (
        None
        if date_mise_en_service in (None, "")
        else date_francaise(date_mise_en_service, "Mise en service")
    )
    if fin is None:
        fin = date(debut.year if debut else 2025, 12, 31)
    if debut is None:
        debut = _lendemain_un_an_avant(fin)
    if debut > fin or jours_30_360(debut, fin) > 360:
        raise SaisieInvalide(
            "la mise en service doit tomber dans l'exercice qui se clôt à la date de fin donnée.",
            champ="Mise en service",
        )
    lineaire = CENT / n
    if cle == "lineaire":
        return _lineaire(v, n, lineaire, debut, fin)
    return _degressif(v, n, lineaire, debut, fin)


def _lendemain_un_an_avant(fin: date) -> date:
    """First day of the 12-month exercice that closes on ``fin``."""
    try:
        precedent = fin.replace(year=fin.year - 1)
    except ValueError:  # 29 February
        precedent = fin.replace(year=fin.year - 1, day=28)
    return precedent + timedelta(days=1)


def _lineaire(v: Decimal, n: int, t: Decimal, debut: date, fin: date) -> PlanAmortissement:
    jours = jours_30_360(debut, fin)
    pleine = arrondi_centime(v / n)
    premiere = arrondi_centime(v * jours / (n * 360))  # one division, last
    lignes = []
    cumul = Decimal("0.00")
    k = 0
    while cumul < v:
        a = premiere if k == 0 else pleine
        a = min(a, v - cumul)
        if k == n or (k == n - 1 and jours == 360):
            a = v - cumul
        cumul += a
        lignes.append(LigneAmortissement(fin.year + k, v, arrondi(t, 2), a, cumul, v - cumul))
        k += 1
    prorata = "année entière" if jours == 360 else f"{jours} jours sur 360"
    etapes = [
        f"Taux linéaire = 100 % / {n} = {pourcent(arrondi(t, 2))} ; annuité pleine = "
        f"{euros(v)} / {n} = {euros(pleine)}"
    ]
    if jours != 360:
        etapes.append(
            f"Première année : du {debut:%d/%m/%Y} au {fin:%d/%m/%Y} = {jours} jours (mois de "
            f"30 jours) → {euros(v)} × {pourcent(arrondi(t, 2))} × {jours} / 360 = "
            f"{euros(premiere)}"
        )
        etapes.append(
            f"Dernière année ({lignes[-1].exercice}) : le complément, {euros(lignes[-1].annuite)}"
        )
    return PlanAmortissement(
        v, n, "linéaire", arrondi(t, 2), None, prorata, tuple(lignes), tuple(etapes)
    )


def _degressif(v: Decimal, n: int, t: Decimal, debut: date, fin: date) -> PlanAmortissement:
    coef = coefficient_degressif(n)
    td = arrondi(t * coef, 2)
    mois = (fin.year - debut.year) * 12 + fin.month - debut.month + 1
    lignes = []
    vnc = v
    cumul = Decimal("0.00")
    bascule = None
    etapes = [
        f"Taux dégressif = taux linéaire × coefficient = {pourcent(arrondi(t, 2))} × "
        f"{nombre_fr(coef)} = {pourcent(td)}"
    ]
    for k in range(1, n + 1):
        restantes = n - k + 1
        if k == n:
            a, taux_ligne = vnc, CENT
        elif bascule is not None:
            a, taux_ligne = bascule, arrondi(CENT / restantes, 2)
        elif k > 1 and CENT / restantes >= td:
            bascule = arrondi_centime(vnc / restantes)
            a, taux_ligne = bascule, arrondi(CENT / restantes, 2)
            etapes.append(
                f"Exercice {fin.year + k - 1} : taux linéaire sur les {restantes} années "
                f"restantes = {pourcent(taux_ligne)} ≥ {pourcent(td)} → passage au linéaire, "
                f"{euros(vnc)} / {restantes} = {euros(bascule)} par an"
            )
        else:
            proportion = Decimal(mois) / 12 if k == 1 else Decimal(1)
            a, taux_ligne = arrondi_centime(vnc * td / CENT * proportion), td
            if k == 1 and mois != 12:
                etapes.append(
                    f"Première année : {mois} mois (du 1er du mois de mise en service) → "
                    f"{euros(v)} × {pourcent(td)} × {mois} / 12 = {euros(a)}"
                )
        cumul += a
        lignes.append(LigneAmortissement(fin.year + k - 1, vnc, taux_ligne, a, cumul, vnc - a))
        vnc -= a
    prorata = "année entière" if mois == 12 else f"{mois} mois sur 12"
    return PlanAmortissement(v, n, "dégressif", td, coef, prorata, tuple(lignes), tuple(etapes))
