"""Text tables of the sales team's review for the notebooks (``print`` them): objectives
against actual sales, and each rep's funnel. French headers, figures formatted by
:mod:`widgets.calculs.format`. (They lived in ``widgets.donnees.equipe``: display belongs to
this layer, the data layer returns :class:`~widgets.donnees.equipe.BilanCommercial` rows.)"""

from __future__ import annotations

from decimal import Decimal

from widgets.calculs import format_euros, format_pourcent
from widgets.donnees.equipe import BilanCommercial

__all__ = ["texte_entonnoirs", "texte_objectifs_realise"]


def _pct(valeur: Decimal | None) -> str:
    return "—" if valeur is None else format_pourcent(valeur)


def texte_objectifs_realise(lignes: list[BilanCommercial]) -> str:
    """Tableau texte : commercial, objectif, réalisé, écart en valeur et en %, appréciation."""
    sorties = [
        f"{'Commercial':<20} {'Objectif':>16} {'Réalisé':>16} {'Écart':>16} {'Écart %':>9}  "
        "Appréciation"
    ]
    for b in lignes:
        e = b.ecart_ca
        sorties.append(
            f"{b.nom:<20} {format_euros(e.prevu):>16} {format_euros(e.realise):>16} "
            f"{format_euros(e.ecart):>16} {_pct(e.ecart_pct):>9}  {e.appreciation}"
        )
    return "\n".join(sorties)


def texte_entonnoirs(lignes: list[BilanCommercial]) -> str:
    """Tableau texte : effectifs de l'entonnoir et taux de transformation de chaque commercial."""
    sorties = [
        f"{'Commercial':<20} {'Contacts':>8} {'RDV':>5} {'Visites':>7} {'Cdes':>5} "
        f"{'RDV/contact':>11} {'Visite/RDV':>10} {'Cde/visite':>10} {'Global':>8}"
    ]
    for b in lignes:
        etapes = b.entonnoir.etapes
        n = [x.effectif for x in etapes]
        t = [_pct(x.taux_transformation) for x in etapes[1:]]
        sorties.append(
            f"{b.nom:<20} {n[0]:>8} {n[1]:>5} {n[2]:>7} {n[3]:>5} "
            f"{t[0]:>11} {t[1]:>10} {t[2]:>10} {_pct(b.entonnoir.taux_global):>8}"
        )
    return "\n".join(sorties)
