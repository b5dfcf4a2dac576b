"""What every analysis of the portfolio shares: the reference date, the read-only query,
the client filters, the date helpers, the client sheets and the French CSV export.

Conventions (documented for the teacher):

- CA of a client = Σ ``factures.montant_ht`` (net of every discount) by ``date_facture``;
  CA of a product = Σ ``lignes_commande.montant_ht`` of delivered orders by ``date_commande``
  (before the order's global discount, which is not split per product);
- coût d'achat = Σ quantité × ``produits.cout_achat_ht`` of the invoiced orders;
- visits of the customer P&L: one visit per order placed (cancelled ones included), the
  rep taking the order; the ``visites`` table records the *prospecting* that won the client:
  its cost (km and time) is the client's coût d'acquisition;
- encours at the reference date = invoiced TTC (invoices dated up to then) − payments received
  up to then; DSO = encours / CA TTC of the 12 months × 360.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from widgets.calculs.saisie import (
    SaisieInvalide,
    arrondi_centime,
    date_francaise,
)
from widgets.donnees.base import requete_lecture_seule


@dataclass(frozen=True)
class Parametres:
    """Base of the parameter objects of the analyses (one frozen dataclass per analysis,
    accepted by its exact and its vectorised function as ``parametres=``, which then replaces
    the keywords): an analysis set once, run both ways."""

    def mots(self) -> dict[str, Any]:
        """The parameters as the keywords of the analysis functions."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


AUJOURD_HUI = "2025-12-31"


def _d(valeur: float | int | None) -> Decimal:
    """A REAL sum from SQLite as an exact cent amount."""
    return arrondi_centime(Decimal(str(valeur or 0)))


def _requete(base, sql: str, parametres: Sequence | dict = ()) -> list:
    return requete_lecture_seule(base, sql, parametres, champ="Base clients")


def _date(texte: str, champ: str) -> str:
    """A date typed the French way or ISO, as the ISO text the SQL compares."""
    return date_francaise(texte, champ=champ).isoformat()


def _filtres(
    type_client: str | None, id_secteur: int | None, id_client: int | None
) -> tuple[str, list]:
    conditions, parametres = [], []
    if type_client:
        conditions.append("c.type_client = ?")
        parametres.append(type_client)
    if id_secteur is not None:
        conditions.append("c.id_secteur = ?")
        parametres.append(int(id_secteur))
    if id_client is not None:
        conditions.append("c.id_client = ?")
        parametres.append(int(id_client))
    return "".join(f" AND {c}" for c in conditions), parametres


def _clients_de(
    alias: str, type_client: str | None, id_secteur: int | None, id_client: int | None
) -> tuple[str, list]:
    """`` AND f.id_client …`` restricting invoices to the chosen clients, with parameters."""
    if id_client is not None:
        return f" AND {alias}.id_client = ?", [int(id_client)]
    filtre, parametres = _filtres(type_client, id_secteur, None)
    if not filtre:
        return "", []
    return (
        f" AND {alias}.id_client IN (SELECT c.id_client FROM clients c WHERE 1 = 1{filtre})",
        parametres,
    )


def date_facture_du_filtre(debut: str, fin: str) -> str:
    """The invoice-date column to filter on for the window [debut, fin] (ISO dates).

    Over a long window (more than 90 days, e.g. a year), ``+f.date_facture`` keeps SQLite from
    using the date index: it then reads the covering index ``(id_client, date_facture,
    montant_ht)`` in client order and groups without a temporary B-tree, about twice less CPU
    for a yearly CA per client of 100 000 clients (see docs/benchmarks.md). A short window stays
    on the date index.
    """
    jours = (date.fromisoformat(fin) - date.fromisoformat(debut)).days
    return "+f.date_facture" if jours > 90 else "f.date_facture"


def _dernier_jour(d: date) -> int:
    suivant = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return (suivant - date(d.year, d.month, 1)).days


def _mois_avant(d: date, mois: int) -> date:
    """The same day ``mois`` months earlier (clamped to the month's last day)."""
    total = d.year * 12 + d.month - 1 - mois
    annee, m = divmod(total, 12)
    premier = date(annee, m + 1, 1)
    return date(annee, m + 1, min(d.day, _dernier_jour(premier)))


def _nommes(filtre: str, parametres: list, nommes: dict[str, Any]) -> str:
    """Rewrite the ``?`` of a filter as named parameters ``:p0``, ``:p1``… (for the CTEs)."""
    for i, valeur in enumerate(parametres):
        filtre = filtre.replace("?", f":p{i}", 1)
        nommes[f"p{i}"] = valeur
    return filtre


def fiches_clients(base: Path | str | None, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Name, type, email, phone and town of the given clients (by id)."""
    fiches: dict[int, dict[str, Any]] = {}
    ids = list(ids)
    for i in range(0, len(ids), 900):  # SQLite's parameter limit
        lot = ids[i : i + 900]
        for r in _requete(
            base,
            "SELECT id_client, raison_sociale, type_client, email, telephone, ville "
            f"FROM clients WHERE id_client IN ({','.join('?' * len(lot))})",
            lot,
        ):
            fiches[r[0]] = dict(r)
    return fiches


def exporter_csv(lignes: Sequence[dict[str, Any]], chemin: Path | str) -> Path:
    """Write rows (dicts with the same keys) as a CSV a French spreadsheet opens directly:
    ``;`` separator, decimal comma, UTF-8 with BOM. Returns the path."""
    chemin = Path(chemin)
    if not lignes:
        raise SaisieInvalide("aucun client à exporter dans ce segment.", champ="Export")
    from ..exports import csv_francais, ecrire

    colonnes = list(lignes[0])
    return ecrire(
        chemin, csv_francais(colonnes, ([ligne.get(k) for k in colonnes] for ligne in lignes))
    )


def tableau(objets: Sequence[Any], colonnes: dict[str, Any]):
    """A pandas DataFrame for display: ``colonnes`` maps a French header to a function of the
    object (the figures stay exact Decimals)."""
    import pandas as pd

    return pd.DataFrame([{titre: f(o) for titre, f in colonnes.items()} for o in objets])
