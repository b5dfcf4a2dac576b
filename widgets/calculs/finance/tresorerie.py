"""Crédit clients, rotation des stocks et BFRE (S523).

    Délai moyen de crédit clients (DSO, jours) = créances clients TTC / CA TTC × 360
    Stock moyen = (stock initial + stock final) / 2
    Rotation des stocks (jours) = stock moyen / coût d'achat des marchandises vendues × 360
    BFRE = stocks + créances clients − dettes fournisseurs

``dso`` is THE formula of the workbench: the data layer reuses it for per-client figures.
Day counts are rounded half-up to 0,1 day; amounts to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs.finance._outils import euros, nombre_fr
from widgets.calculs.francais import accorder
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, montant, quantite

__all__ = ["BFRE", "RotationStocks", "bfre", "dso", "jours_annee", "rotation_stocks"]

DECIMALES_JOURS = 1


def jours_annee(valeur: Any) -> int:
    """360 (année commerciale, the default of the course) or 365 (année civile)."""
    j = quantite(valeur, "Jours de l'année")
    if j not in (360, 365):
        raise SaisieInvalide(
            "l'année compte 360 jours (année commerciale) ou 365 jours (année civile).",
            champ="Jours de l'année",
        )
    return j


def _non_nul(valeur: Any, champ: str) -> Decimal:
    m = montant(valeur, champ)
    if m == 0:
        raise SaisieInvalide("le montant doit être strictement positif.", champ=champ)
    return m


def dso(encours_clients_ttc: Any, ca_ttc: Any, jours: Any = 360) -> Decimal:
    """Délai moyen de crédit clients en jours : encours TTC / CA TTC × jours, à 0,1 jour.

    Exemple : 45 000 € de créances pour 360 000 € de CA TTC → 45 000 / 360 000 × 360 = 45 jours.
    Both figures must be TTC (créances are TTC; compare like with like).
    """
    encours = montant(encours_clients_ttc, "Encours clients TTC")
    ca = _non_nul(ca_ttc, "Chiffre d'affaires TTC")
    # Multiply before dividing: one rounded quotient, so 0,15 / 72 × 360 = 0,75 exactly (→ 0,8),
    # where 0,15 / 72 first gives 0,7499…9 (→ 0,7).
    return arrondi(encours * jours_annee(jours) / ca, DECIMALES_JOURS)


@dataclass(frozen=True)
class RotationStocks:
    """Stock moyen, rotation (times a year) and durée moyenne de stockage (days)."""

    stock_moyen: Decimal
    rotation: Decimal
    duree_jours: Decimal
    etapes: tuple[str, ...]


def rotation_stocks(
    stock_initial: Any,
    stock_final: Any,
    cout_achat_marchandises_vendues: Any,
    jours: Any = 360,
) -> RotationStocks:
    """Stock moyen, coefficient de rotation et durée de stockage en jours.

    Exemple : SI 30 000, SF 50 000, CAMV 480 000 → stock moyen 40 000 ; rotation
    480 000 / 40 000 = 12 fois ; durée 40 000 / 480 000 × 360 = 30 jours.
    """
    si = montant(stock_initial, "Stock initial")
    sf = montant(stock_final, "Stock final")
    camv = _non_nul(cout_achat_marchandises_vendues, "Coût d'achat des marchandises vendues")
    j = jours_annee(jours)
    moyen = arrondi_centime((si + sf) / 2)
    if moyen == 0:
        raise SaisieInvalide("le stock moyen est nul : la rotation n'a pas de sens.", champ="Stock")
    rotation = arrondi(camv / moyen, 2)
    duree = arrondi(moyen * j / camv, DECIMALES_JOURS)  # one division, last
    etapes = (
        f"Stock moyen = ({euros(si)} + {euros(sf)}) / 2 = {euros(moyen)}",
        f"Rotation = {euros(camv)} / {euros(moyen)} = {nombre_fr(rotation)} fois par an",
        f"Durée moyenne de stockage = {euros(moyen)} / {euros(camv)} × {j} "
        f"= {nombre_fr(duree)} {accorder(duree, 'jour', avec_nombre=False)}",
    )
    return RotationStocks(moyen, rotation, duree, etapes)


@dataclass(frozen=True)
class BFRE:
    """Besoin en fonds de roulement d'exploitation, and in days of CA HT when given."""

    stocks: Decimal
    creances_clients: Decimal
    dettes_fournisseurs: Decimal
    montant: Decimal
    jours_de_ca: Decimal | None
    etapes: tuple[str, ...]


def bfre(
    stocks: Any,
    creances_clients: Any,
    dettes_fournisseurs: Any,
    ca_ht: Any = None,
    jours: Any = 360,
) -> BFRE:
    """BFRE = stocks + créances clients − dettes fournisseurs (may be negative: a resource).

    Exemple : 40 000 + 45 000 − 35 000 = 50 000 € ; with 600 000 € of CA HT,
    50 000 / 600 000 × 360 = 30 jours de CA HT.
    """
    s = montant(stocks, "Stocks")
    c = montant(creances_clients, "Créances clients")
    d = montant(dettes_fournisseurs, "Dettes fournisseurs")
    total = arrondi_centime(s + c - d)
    etapes = [
        # one minus sign in a line that may end negative: babel's "-"
        f"BFRE = stocks + créances clients - dettes fournisseurs = {euros(s)} + {euros(c)} "
        f"- {euros(d)} = {euros(total)}"
    ]
    en_jours = None
    if ca_ht is not None and str(ca_ht).strip():
        ca = _non_nul(ca_ht, "Chiffre d'affaires HT")
        j = jours_annee(jours)
        en_jours = arrondi(total / ca * j, DECIMALES_JOURS)
        etapes.append(
            f"En jours de CA HT : {euros(total)} / {euros(ca)} × {j} = "
            f"{nombre_fr(en_jours)} {accorder(en_jours, 'jour', avec_nombre=False)}"
        )
    if total < 0:
        etapes.append("Le BFRE est négatif : l'exploitation dégage une ressource de trésorerie.")
    return BFRE(s, c, d, total, en_jours, tuple(etapes))
