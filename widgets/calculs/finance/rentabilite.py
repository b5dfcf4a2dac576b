"""Seuil de rentabilité, point mort, marge et indice de sécurité, coût complet (S531, S532).

    MCV = CA − charges variables ;  taux de MCV = MCV / CA
    SR = charges fixes / taux de MCV   (= CF × CA / MCV, computed exactly, then to the cent)
    Point mort = SR / CA × 360 jours from the start of the year (regular sales), or the month
                 where cumulated sales pass SR, interpolated on 30 days (seasonal sales)
    Marge de sécurité = CA − SR ;  indice de sécurité = (CA − SR) / CA
    Levier opérationnel = MCV / résultat = CA / marge de sécurité

The point mort falls on the day during which SR is reached: a fractional day number is rounded
up (215,3 days → the 216th day → 6 août in a year of twelve 30-day months). Rates are returned
in % rounded to 2 decimals, amounts to the cent.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import vide
from widgets.calculs.finance._outils import CENT, euros, nombre_fr, pourcent
from widgets.calculs.format import MOIS
from widgets.calculs.francais import accorder
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, montant, taux

__all__ = [
    "MOIS",
    "CoutComplet",
    "PointMort",
    "SeuilRentabilite",
    "cout_complet",
    "point_mort_jour",
    "seuil_de_rentabilite",
]


@dataclass(frozen=True)
class PointMort:
    """Date at which SR is reached: day number in the 360-day year, month, day, label."""

    jour_de_l_annee: int
    mois: int
    jour: int
    date: date
    libelle: str


def point_mort_jour(jour_de_l_annee: int, annee: int = 2025) -> PointMort:
    """Day ``n`` (1…360) of a commercial year → month and day (216 → 6 août)."""
    n = max(1, min(360, jour_de_l_annee))
    mois, jour = (n - 1) // 30 + 1, (n - 1) % 30 + 1
    reel = min(jour, calendar.monthrange(annee, mois)[1])
    libelle = f"{'1er' if jour == 1 else jour} {MOIS[mois - 1]}"
    if reel != jour:
        libelle = f"fin {MOIS[mois - 1]}"
    return PointMort(n, mois, jour, date(annee, mois, reel), libelle)


@dataclass(frozen=True)
class SeuilRentabilite:
    """Every figure of the break-even analysis (``None`` when the CA is unknown)."""

    charges_fixes: Decimal
    taux_mcv: Decimal
    seuil: Decimal
    chiffre_affaires: Decimal | None
    mcv: Decimal | None
    resultat: Decimal | None
    point_mort: PointMort | None
    point_mort_jours: Decimal | None
    marge_securite: Decimal | None
    indice_securite: Decimal | None
    levier_operationnel: Decimal | None
    etapes: tuple[str, ...]


def seuil_de_rentabilite(
    charges_fixes: Any,
    taux_mcv: Any = None,
    *,
    chiffre_affaires: Any = None,
    charges_variables: Any = None,
    ventes_mensuelles: Sequence[Any] | None = None,
    annee: int = 2025,
) -> SeuilRentabilite:
    """SR from the charges fixes and either the taux de MCV or the CA and charges variables.

    Exemple : CA 500 000, CV 300 000, CF 120 000 → MCV 200 000, taux 40 %,
    SR = 120 000 / 0,40 = 300 000 € ; point mort 300 000 / 500 000 × 360 = 216 j → 6 août ;
    marge de sécurité 200 000 €, indice 40 %, levier 500 000 / 200 000 = 2,5.
    """
    cf = montant(charges_fixes, "Charges fixes")
    mensuel = None
    if ventes_mensuelles is not None and len(ventes_mensuelles) > 0:
        if len(ventes_mensuelles) != 12:
            raise SaisieInvalide(
                "donnez les ventes des 12 mois de l'année.", champ="Ventes mensuelles"
            )
        mensuel = [montant(v, f"Ventes de {MOIS[k]}") for k, v in enumerate(ventes_mensuelles)]
    ca = None if vide(chiffre_affaires) else montant(chiffre_affaires, "Chiffre d'affaires")
    if mensuel is not None:
        total = sum(mensuel, Decimal("0.00"))
        if ca is not None and ca != total:
            raise SaisieInvalide(
                f"la somme des ventes mensuelles ({euros(total)}) diffère du chiffre d'affaires "
                f"({euros(ca)}) : laissez le CA vide ou corrigez les ventes.",
                champ="Ventes mensuelles",
            )
        ca = total
    etapes = []
    mcv = None
    if not vide(charges_variables):
        if ca is None or ca == 0:
            raise SaisieInvalide(
                "avec les charges variables, donnez le chiffre d'affaires (non nul).",
                champ="Chiffre d'affaires",
            )
        cv = montant(charges_variables, "Charges variables")
        mcv = ca - cv
        if mcv <= 0:
            raise SaisieInvalide(
                "les charges variables dépassent le chiffre d'affaires : aucune marge ne couvre "
                "les charges fixes.",
                champ="Charges variables",
            )
        t_exact = mcv / ca * CENT
        seuil = arrondi_centime(cf * ca / mcv)
        etapes.append(f"MCV = CA − charges variables = {euros(ca)} − {euros(cv)} = {euros(mcv)}")
        etapes.append(
            f"Taux de MCV = MCV / CA = {euros(mcv)} / {euros(ca)} = {pourcent(arrondi(t_exact, 2))}"
        )
        etapes.append(
            "SR = charges fixes / taux de MCV = charges fixes × CA / MCV = "
            f"{euros(cf)} × {euros(ca)} / {euros(mcv)} = {euros(seuil)}"
        )
    else:
        if vide(taux_mcv):
            raise SaisieInvalide(
                "donnez le taux de marge sur coût variable, ou le CA et les charges variables.",
                champ="Taux de MCV",
            )
        t_exact = taux(taux_mcv, "Taux de MCV", maxi=100)
        if t_exact == 0:
            raise SaisieInvalide(
                "un taux de MCV nul ne couvre jamais les charges fixes.", champ="Taux de MCV"
            )
        seuil = arrondi_centime(cf / (t_exact / CENT))
        etapes.append(
            f"SR = charges fixes / taux de MCV = {euros(cf)} / {pourcent(t_exact)} = {euros(seuil)}"
        )
        if ca is not None:
            mcv = arrondi_centime(ca * t_exact / CENT)
    resultat = marge = indice = levier = jours = pm = None
    if ca is not None and ca > 0:
        resultat = arrondi_centime(mcv - cf)
        marge = ca - seuil
        indice = arrondi(marge / ca * CENT, 2)
        etapes.append(
            f"Résultat = MCV − charges fixes = {euros(mcv)} − {euros(cf)} = {euros(resultat)}"
        )
        etapes.append(
            f"Marge de sécurité = CA − SR = {euros(ca)} − {euros(seuil)} = {euros(marge)} ; "
            f"indice de sécurité = {euros(marge)} / {euros(ca)} = {pourcent(indice)}"
        )
        if marge > 0:
            levier = arrondi(ca / marge, 2)
            etapes.append(
                f"Levier opérationnel = CA / marge de sécurité = {euros(ca)} / {euros(marge)} "
                f"= {nombre_fr(levier)} (1 % de CA en plus donne {nombre_fr(levier)} % de "
                "résultat en plus)"
            )
        if seuil <= ca:
            if mensuel is None:
                # One division, last: SR / CA = 1/6 is day 60, not ceil(60,000…01) = 61.
                jours_exacts = seuil * 360 / ca
                jours = arrondi(jours_exacts, 2)
                pm = point_mort_jour(math.ceil(jours_exacts), annee)
                etapes.append(
                    f"Point mort = SR / CA × 360 = {euros(seuil)} / {euros(ca)} × 360 = "
                    f"{nombre_fr(jours)} {accorder(jours, 'jour', avec_nombre=False)} → le "
                    f"{pm.libelle}"
                )
            else:
                pm, jours, phrase = _point_mort_saisonnier(seuil, mensuel, annee)
                etapes.append(phrase)
        else:
            etapes.append("Le chiffre d'affaires n'atteint pas le seuil : l'année est en perte.")
    return SeuilRentabilite(
        cf,
        arrondi(t_exact, 2),
        seuil,
        ca,
        mcv,
        resultat,
        pm,
        jours,
        marge,
        indice,
        levier,
        tuple(etapes),
    )


def _point_mort_saisonnier(
    seuil: Decimal, mensuel: list[Decimal], annee: int
) -> tuple[PointMort, Decimal, str]:
    cumul = Decimal(0)
    for k, ventes in enumerate(mensuel):
        if ventes > 0 and cumul + ventes >= seuil:
            fraction = (seuil - cumul) * 30 / ventes  # one division, last (see above)
            jours = arrondi(k * 30 + fraction, 2)
            pm = point_mort_jour(k * 30 + max(1, math.ceil(fraction)), annee)
            phrase = (
                f"Ventes cumulées fin {MOIS[k - 1] if k else 'de l’année précédente'} : "
                f"{euros(cumul)} ; il manque {euros(seuil - cumul)} sur {euros(ventes)} vendus en "
                f"{MOIS[k]}, soit {nombre_fr(arrondi(fraction, 2))} "
                f"{accorder(arrondi(fraction, 2), 'jour', avec_nombre=False)} → le {pm.libelle}"
            )
            return pm, jours, phrase
        cumul += ventes
    raise AssertionError("seuil <= CA garantit un mois de franchissement")


@dataclass(frozen=True)
class CoutComplet:
    """Direct + indirect costs of a product or of a commercial action."""

    charges_directes: Decimal
    charges_indirectes: Decimal
    total: Decimal
    etapes: tuple[str, ...]


def cout_complet(
    charges_directes: Mapping[str, Any], charges_indirectes: Mapping[str, Any] | None = None
) -> CoutComplet:
    """Coût complet = Σ charges directes + Σ charges indirectes imputées (each to the cent).

    Exemple (salon) : stand 2 400 + déplacements 650 + documentation 380 = 3 430 € directs,
    + 1 200 € de salaires imputés = 4 630 €.
    """
    directes = {k: arrondi_centime(montant(v, k)) for k, v in charges_directes.items()}
    indirectes = {k: arrondi_centime(montant(v, k)) for k, v in (charges_indirectes or {}).items()}
    d = sum(directes.values(), Decimal("0.00"))
    i = sum(indirectes.values(), Decimal("0.00"))
    etapes = [
        "Charges directes : "
        + " + ".join(f"{k} {euros(v)}" for k, v in directes.items())
        + f" = {euros(d)}"
    ]
    if indirectes:
        etapes.append(
            "Charges indirectes imputées : "
            + " + ".join(f"{k} {euros(v)}" for k, v in indirectes.items())
            + f" = {euros(i)}"
        )
    etapes.append(f"Coût complet = {euros(d)} + {euros(i)} = {euros(d + i)}")
    return CoutComplet(d, i, d + i, tuple(etapes))
