"""Marges du distributeur : marge avant, marge arrière, prix triple net, seuil de revente à perte
(savoir S443).

::

    Marge avant          = prix de revente HT − net facturé HT   (ce que gagne le distributeur
                           sur la facture)
    Marge arrière        = ce que le fournisseur paie au distributeur pour des services
                           (coopération commerciale, têtes de gondole…), en montant ou en % du
                           net facturé
    Prix triple net      = net facturé − marge arrière   (le vrai prix de vente du fournisseur)
    Seuil de revente à perte (SRP, art. L442-5 du code de commerce)
                         = prix d'achat effectif = net facturé − marge arrière (les autres
                           avantages financiers du fournisseur : le triple net) + taxes
                           spécifiques (hors TVA) + transport ;
                           denrées alimentaires : SRP = prix d'achat effectif × 1,10 (« SRP+10 »,
                           loi EGalim 2018 : mesure expérimentale prolongée par la loi ASAP
                           n° 2020-1525, art. 125, puis par la loi n° 2025-337 du 14 avril 2025
                           jusqu'au 15 avril 2028)

The threshold is HT (no VAT): compare it with the HT resale price only.

Tous les montants sont unitaires, HT, arrondis au centime (demi au-dessus) à chaque étape ; les
taux sont en % et arrondis à 2 décimales.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import CENT
from widgets.calculs._commun import euros as _e
from widgets.calculs._commun import pourcent as _p
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, montant, taux

__all__ = [
    "FIN_SRP_PLUS_10",
    "MAJORATION_EGALIM",
    "MargeArriere",
    "MargeAvant",
    "SeuilReventeAPerte",
    "marge_arriere",
    "marge_avant",
    "prix_triple_net",
    "seuil_revente_a_perte",
]

MAJORATION_EGALIM = Decimal(10)
"""Majoration du SRP des denrées alimentaires (« SRP+10 », loi EGalim), en %.

Experimental measure: EGalim (2018) for two years, extended by the loi ASAP n° 2020-1525
(art. 125) to 15 April 2025, then by the loi n° 2025-337 of 14 April 2025 to 15 April 2028."""

FIN_SRP_PLUS_10 = "15 avril 2028"
"""Date until which the SRP+10 applies (loi n° 2025-337 du 14 avril 2025), as of December 2026."""


def _net_facture(valeur: Any) -> Decimal:
    net = arrondi_centime(montant(valeur, "Net facturé HT"))
    if net <= 0:
        raise SaisieInvalide(
            "le net facturé doit être plus grand que zéro.", champ="Net facturé HT"
        )
    return net


@dataclass(frozen=True)
class MargeAvant:
    """Marge avant : montant et taux, rapportés au prix de revente (taux de marque) ou au net
    facturé (taux de marge)."""

    prix_revente_ht: Decimal
    net_facture: Decimal
    marge_avant: Decimal
    taux_de_marque: Decimal
    taux_de_marge: Decimal


def marge_avant(prix_revente_ht: Any, net_facture: Any) -> MargeAvant:
    """Marge avant = prix de revente HT − net facturé HT.

    Exemple : revendu 12,00 € HT, acheté 9,00 € net facturé → marge avant 3,00 €, soit
    25 % du prix de revente (taux de marque) et 33,33 % du net facturé (taux de marge).
    """
    pv = arrondi_centime(montant(prix_revente_ht, "Prix de revente HT"))
    if pv <= 0:
        raise SaisieInvalide(
            "le prix de revente doit être plus grand que zéro.", champ="Prix de revente HT"
        )
    net = _net_facture(net_facture)
    marge = pv - net
    return MargeAvant(
        prix_revente_ht=pv,
        net_facture=net,
        marge_avant=marge,
        taux_de_marque=arrondi(marge / pv * CENT, 2),
        taux_de_marge=arrondi(marge / net * CENT, 2),
    )


@dataclass(frozen=True)
class MargeArriere:
    """Marge arrière : détail des services payés par le fournisseur, total, taux sur le net
    facturé, et prix triple net qui en résulte."""

    net_facture: Decimal
    detail: tuple[tuple[str, Decimal], ...]
    montant: Decimal
    taux_sur_net_facture: Decimal
    prix_triple_net: Decimal


def marge_arriere(
    net_facture: Any,
    *,
    taux_sur_net_facture: Any = None,
    services: Iterable[tuple[str, Any]] = (),
) -> MargeArriere:
    """Marge arrière unitaire, donnée en % du net facturé et/ou en montants par service.

    ``services`` : couples ``(libellé, montant unitaire HT)``, par exemple
    ``[("Coopération commerciale", "0,60"), ("Tête de gondole", "0,30")]``. Le montant en %
    est arrondi au centime ; le total est la somme des montants.

    Exemple : net facturé 10,00 €, marge arrière 15 % → 1,50 € ; prix triple net 8,50 €.
    """
    net = _net_facture(net_facture)
    detail: list[tuple[str, Decimal]] = []
    if taux_sur_net_facture not in (None, ""):
        t = taux(taux_sur_net_facture, "Marge arrière (taux)", strict_maxi=True)
        detail.append(
            (
                f"Marge arrière {_p(t)}",
                arrondi_centime(net * t / CENT),
            )
        )
    for i, service in enumerate(services, start=1):
        try:
            libelle, valeur = service
        except (TypeError, ValueError):
            raise SaisieInvalide(
                "chaque service se donne par un libellé et un montant.", champ=f"Service {i}"
            ) from None
        detail.append((str(libelle), arrondi_centime(montant(valeur, f"Service {i} ({libelle})"))))
    total = sum((v for _, v in detail), Decimal("0.00"))
    if total >= net:
        raise SaisieInvalide(
            f"la marge arrière ({_e(total)}) atteint le net facturé ({_e(net)}) : "
            "vérifiez les montants.",
            champ="Marge arrière",
        )
    return MargeArriere(
        net_facture=net,
        detail=tuple(detail),
        montant=total,
        taux_sur_net_facture=arrondi(total / net * CENT, 2),
        prix_triple_net=net - total,
    )


def prix_triple_net(net_facture: Any, marge_arriere: Any) -> Decimal:
    """Prix triple net = net facturé − marge arrière (montant, ou un :class:`MargeArriere`).

    Exemple : 10,00 € − 1,50 € = 8,50 €.
    """
    net = _net_facture(net_facture)
    if isinstance(marge_arriere, MargeArriere):
        ma = marge_arriere.montant
    else:
        ma = arrondi_centime(montant(marge_arriere, "Marge arrière"))
    if ma >= net:
        raise SaisieInvalide(
            f"la marge arrière ({_e(ma)}) atteint le net facturé ({_e(net)}).",
            champ="Marge arrière",
        )
    return net - ma


@dataclass(frozen=True)
class SeuilReventeAPerte:
    """Seuil de revente à perte : prix d'achat effectif (triple net + taxes + transport),
    majoration EGalim éventuelle, seuil (HT)."""

    net_facture: Decimal
    marge_arriere: Decimal
    taxes: Decimal
    transport: Decimal
    prix_achat_effectif: Decimal
    alimentaire: bool
    majoration: Decimal
    seuil: Decimal
    etapes: tuple[str, ...]

    def est_revente_a_perte(self, prix_revente_ht: Any) -> bool:
        """Vrai si ce prix de revente HT est strictement sous le seuil (interdit).

        The threshold is HT: pass the HT resale price, never a TTC price.
        """
        return arrondi_centime(montant(prix_revente_ht, "Prix de revente HT")) < self.seuil


def seuil_revente_a_perte(
    net_facture: Any,
    taxes: Any = 0,
    transport: Any = 0,
    alimentaire: bool = False,
    *,
    marge_arriere: Any = 0,
) -> SeuilReventeAPerte:
    """SRP = net facturé − marge arrière + taxes + transport ; ×1,10 (+10 %, EGalim) pour
    l'alimentaire (article L442-5 du code de commerce : le prix d'achat effectif est le net
    facturé « minoré du montant de l'ensemble des autres avantages financiers consentis par le
    vendeur », c'est-à-dire le triple net).

    ``marge_arriere`` : montant unitaire HT, ou un :class:`MargeArriere`. ``taxes`` : taxes
    spécifiques à la revente, hors TVA (le seuil est HT).

    Exemple : net facturé 7,65 €, marge arrière 0,92 €, transport 0,35 € → prix d'achat effectif
    7,08 € ; denrée alimentaire : majoration 0,71 € (0,708 arrondi), SRP 7,79 €.
    """
    net = _net_facture(net_facture)
    if isinstance(marge_arriere, MargeArriere):
        ma = marge_arriere.montant
    else:
        ma = arrondi_centime(montant(marge_arriere, "Marge arrière"))
    if ma >= net:
        raise SaisieInvalide(
            f"la marge arrière ({_e(ma)}) atteint le net facturé ({_e(net)}).",
            champ="Marge arrière",
        )
    t = arrondi_centime(montant(taxes, "Taxes"))
    tr = arrondi_centime(montant(transport, "Transport"))
    pae = net - ma + t + tr
    majoration = arrondi_centime(pae * MAJORATION_EGALIM / CENT) if alimentaire else Decimal("0.00")
    seuil = pae + majoration
    etapes = [
        "Prix d'achat effectif = net facturé − marge arrière + taxes + transport = "
        f"{_e(net)} − {_e(ma)} + {_e(t)} + {_e(tr)} = {_e(pae)}"
    ]
    if alimentaire:
        etapes.append(
            f"Denrée alimentaire (SRP+10, loi EGalim) : + 10 % = {_e(majoration)} ; "
            f"seuil de revente à perte = {_e(seuil)} HT"
        )
    else:
        etapes.append(f"Seuil de revente à perte = prix d'achat effectif = {_e(seuil)} HT")
    return SeuilReventeAPerte(
        net_facture=net,
        marge_arriere=ma,
        taxes=t,
        transport=tr,
        prix_achat_effectif=pae,
        alimentaire=bool(alimentaire),
        majoration=majoration,
        seuil=seuil,
        etapes=tuple(etapes),
    )
