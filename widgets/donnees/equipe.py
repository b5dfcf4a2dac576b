"""Bilan de l'équipe commerciale lu dans la base clients : objectifs, réalisé, entonnoir.

Une ligne par commercial pour une année : objectif de CA (somme de la table ``objectifs``),
CA HT facturé (table ``factures``, commercial de la commande), écart (valeur, %, favorable ou
non) et entonnoir de prospection (table ``visites``). Les calculs eux-mêmes sont ceux de
:mod:`widgets.calculs.equipe` et :mod:`widgets.calculs.plan_action`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from widgets.calculs import format_euros, format_pourcent
from widgets.calculs.entonnoir import Entonnoir, entonnoir
from widgets.calculs.plan_action import Ecart, ecart
from widgets.donnees import cibles
from widgets.donnees.base import requete_lecture_seule


@dataclass(frozen=True)
class BilanCommercial:
    """Le bilan d'un commercial sur une année."""

    id_commercial: int
    nom: str
    fixe_mensuel: Decimal
    ecart_ca: Ecart
    entonnoir: Entonnoir


def bilan_equipe(base: Path | str | None = None, *, annee: int = 2025) -> list[BilanCommercial]:
    """Objectif, réalisé et entonnoir de chaque commercial pour ``annee`` (ordre alphabétique)."""
    fixes = dict(requete_lecture_seule(base, "SELECT id_commercial, fixe_mensuel FROM commerciaux"))
    lignes = []
    for id_commercial, nom in cibles.lister_commerciaux(base):
        prevu = cibles.objectifs(
            base, mois_debut=f"{annee}-01", mois_fin=f"{annee}-12", id_commercial=id_commercial
        )
        fait = cibles.realise(
            base, debut=f"{annee}-01-01", fin=f"{annee}-12-31", id_commercial=id_commercial
        )
        e = cibles.entonnoir(
            base, debut=f"{annee}-01-01", fin=f"{annee}-12-31", id_commercial=id_commercial
        )
        lignes.append(
            BilanCommercial(
                id_commercial=id_commercial,
                nom=nom,
                fixe_mensuel=Decimal(str(fixes[id_commercial])),
                ecart_ca=ecart("CA HT", prevu.chiffre_affaires, fait.chiffre_affaires),
                entonnoir=entonnoir(
                    e.contacts, e.rendez_vous, e.visites, e.commandes, verifier_ordre=False
                ),
            )
        )
    return lignes


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
