"""Emprunt indivis : annuité constante et tableau d'emprunt (S512).

    a = C × i / (1 − (1 + i)^−n)                 annuités constantes
    A = C / n                                    amortissements constants
    per period: intérêt = capital restant dû × i ; amortissement = annuité − intérêt ;
    capital restant dû fin = début − amortissement

Each printed figure is rounded half-up to the cent and the next one is computed from it; the
last row absorbs the rounding (its amortissement is the capital still due), so the capital
ends at 0,00 and the amortissements sum to the capital exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs.finance._outils import (
    CENT,
    euros,
    facteur,
    lire_capital,
    lire_periodes,
    lire_taux,
    nombre_fr,
    pourcent,
    puissance,
)
from widgets.calculs.saisie import SaisieInvalide, arrondi_centime

__all__ = [
    "MODES_EMPRUNT",
    "LigneEmprunt",
    "TableauEmprunt",
    "annuite",
    "tableau_emprunt",
]

MODES_EMPRUNT = ("annuites constantes", "amortissements constants", "in fine")


def _annuite(c: Decimal, i: Decimal, n: int) -> Decimal:
    if i == 0:
        return arrondi_centime(c / n)
    t = i / CENT
    return arrondi_centime(c * t / (1 - puissance(1 + t, -n)))


def annuite(capital: Any, taux: Any, periodes: Any) -> Decimal:
    """Annuité (ou mensualité) constante, au centime ; ``taux`` is the PERIODIC rate.

    Exemple : 10 000 € à 5 % sur 4 ans → 10 000 × 0,05 / (1 − 1,05^−4) = 2 820,118… →
    2 820,12 €.
    """
    return _annuite(lire_capital(capital), lire_taux(taux), lire_periodes(periodes))


@dataclass(frozen=True)
class LigneEmprunt:
    """One row of the loan table."""

    periode: int
    capital_debut: Decimal
    interet: Decimal
    amortissement: Decimal
    annuite: Decimal
    capital_fin: Decimal


@dataclass(frozen=True)
class TableauEmprunt:
    """The loan table, its totals and the steps of the first row."""

    capital: Decimal
    taux: Decimal
    periodes: int
    mode: str
    lignes: tuple[LigneEmprunt, ...]
    etapes: tuple[str, ...]

    @property
    def total_interets(self) -> Decimal:
        """Coût du crédit (sum of the interests)."""
        return sum((ligne.interet for ligne in self.lignes), Decimal("0.00"))

    @property
    def total_annuites(self) -> Decimal:
        return sum((ligne.annuite for ligne in self.lignes), Decimal("0.00"))

    @property
    def total_amortissements(self) -> Decimal:
        return sum((ligne.amortissement for ligne in self.lignes), Decimal("0.00"))


def _mode(valeur: str) -> str:
    cle = (
        str(valeur)
        .strip()
        .lower()
        .replace("é", "e")
        .replace("-", " ")
        .replace("_", " ")
        .replace("annuite ", "annuites ")
        .replace("amortissement ", "amortissements ")
    )
    if cle.endswith(" constante"):
        cle += "s"
    if cle not in MODES_EMPRUNT:
        raise SaisieInvalide(
            f"« {valeur} » n'est pas un mode de remboursement : choisissez annuités constantes, "
            "amortissements constants ou in fine.",
            champ="Mode",
        )
    return cle


def tableau_emprunt(
    capital: Any, taux: Any, periodes: Any, mode: str = "annuites constantes"
) -> TableauEmprunt:
    """Tableau d'emprunt (``taux`` periodic, in %), last row absorbing the rounding.

    Exemple (annuités constantes) : 10 000 € à 5 % sur 4 ans, annuité 2 820,12 € ;
    année 1 : intérêt 10 000 × 5 % = 500,00, amortissement 2 320,12, reste 7 679,88.
    """
    c = lire_capital(capital)
    i = lire_taux(taux)
    n = lire_periodes(periodes)
    m = _mode(mode)
    t = i / CENT
    a = _annuite(c, i, n)
    amort_constant = arrondi_centime(c / n)
    lignes = []
    reste = c
    for k in range(1, n + 1):
        interet = arrondi_centime(reste * t)
        if k == n:
            amort = reste
        elif m == "annuites constantes":
            amort = a - interet
        elif m == "amortissements constants":
            amort = amort_constant
        else:
            amort = Decimal("0.00")
        if amort > reste:  # very small rates and many periods: never amortise past zero
            amort = reste
        fin = reste - amort
        lignes.append(LigneEmprunt(k, reste, interet, amort, interet + amort, fin))
        reste = fin
    premiere = lignes[0]
    if m == "annuites constantes":
        formule = (
            f"Annuité = C × i / (1 − (1 + i)^−n) = {euros(c)} × {nombre_fr(t)} / "
            f"(1 − {nombre_fr(facteur(i))}^−{n}) = {euros(a)}"
        )
        amort_txt = f"annuité − intérêt = {euros(a)} − {euros(premiere.interet)}"
    elif m == "amortissements constants":
        formule = f"Amortissement = C / n = {euros(c)} / {n} = {euros(amort_constant)}"
        amort_txt = "C / n"
    else:
        formule = "In fine : seuls les intérêts sont payés, le capital est remboursé à la fin."
        amort_txt = "0 (in fine)"
    etapes = (
        formule,
        f"Période 1 : intérêt = {euros(c)} × {pourcent(i)} = {euros(premiere.interet)} ; "
        f"amortissement = {amort_txt} = {euros(premiere.amortissement)} ; "
        f"capital restant dû = {euros(c)} − {euros(premiere.amortissement)} "
        f"= {euros(premiere.capital_fin)}",
        f"Dernière période : l'amortissement est le capital restant dû "
        f"({euros(lignes[-1].capital_debut)}), le capital finit à 0,00 €.",
        f"Coût du crédit (total des intérêts) : {euros(sum(x.interet for x in lignes))}",
    )
    return TableauEmprunt(c, i, n, m, tuple(lignes), etapes)
