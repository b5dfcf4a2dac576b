"""Crédit clients de l'entreprise du cas, lu dans la base clients (S523).

Three readable queries (shown to the student, runnable in the SQL editor):

- :data:`SQL_ENCOURS` — encours clients TTC at a date: invoiced up to that date minus what
  was paid up to that date;
- :data:`SQL_CA_TTC` — CA HT and TTC invoiced in the year;
- :data:`SQL_DELAI_REEL` — the real payment delay (days between invoice and payment, weighted
  by the amounts paid in the year) and Σ montant × jours, the base of the cost of credit.

The figures are then computed by :mod:`widgets.calculs.finance` (``dso``, ``bfre``) and the
customer cost of credit by simple interest on Σ montant × jours (I = Σ C × n × t / 360).
Stocks and dettes fournisseurs are not in the database: the student gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from widgets.calculs import arrondi_centime, espaces_normales, format_euros, format_nombre, taux
from widgets.calculs.finance import BFRE, bfre, dso
from widgets.calculs.finance.tresorerie import jours_annee
from widgets.donnees.catalogue_produits import requete_lecture_seule

__all__ = [
    "SQL_CA_TTC",
    "SQL_DELAI_REEL",
    "SQL_ENCOURS",
    "CreditClients",
    "bfre_depuis_base",
    "credit_clients",
    "requete_pour_l_editeur",
]

SQL_ENCOURS = """\
-- Encours clients TTC au :date_fin : ce qui a été facturé jusqu'à cette date
-- moins ce qui a été encaissé jusqu'à cette date.
SELECT ROUND(SUM(f.montant_ttc
                 - COALESCE((SELECT SUM(r.montant)
                             FROM reglements AS r
                             WHERE r.id_facture = f.id_facture
                               AND r.date_reglement <= :date_fin), 0)), 2) AS encours_ttc
FROM factures AS f
WHERE f.date_facture <= :date_fin"""

SQL_CA_TTC = """\
-- Chiffre d'affaires facturé sur l'année (HT et TTC).
SELECT ROUND(SUM(montant_ht), 2)  AS ca_ht,
       ROUND(SUM(montant_ttc), 2) AS ca_ttc,
       COUNT(*)                   AS factures
FROM factures
WHERE date_facture BETWEEN :date_debut AND :date_fin"""

SQL_DELAI_REEL = """\
-- Délai réel de paiement : jours entre la facture et l'encaissement,
-- pondérés par les montants encaissés dans l'année.
SELECT ROUND(SUM(r.montant * (julianday(r.date_reglement) - julianday(f.date_facture)))
             / SUM(r.montant), 1) AS delai_reel_jours,
       ROUND(SUM(r.montant * (julianday(r.date_reglement) - julianday(f.date_facture))), 2)
             AS montant_jours,
       ROUND(SUM(r.montant * (julianday(f.date_echeance) - julianday(f.date_facture)))
             / SUM(r.montant), 1) AS delai_accorde_jours
FROM reglements AS r
JOIN factures AS f ON f.id_facture = r.id_facture
WHERE r.date_reglement BETWEEN :date_debut AND :date_fin"""


def requete_pour_l_editeur(sql: str, annee: int = 2025) -> str:
    """The query with the year's dates written in (to paste in the SQL editor and run it)."""
    return sql.replace(":date_debut", f"'{int(annee)}-01-01'").replace(
        ":date_fin", f"'{int(annee)}-12-31'"
    )


def _euros(valeur: Decimal) -> str:
    return espaces_normales(format_euros(valeur))


def _nombre(valeur: Decimal | int) -> str:
    return espaces_normales(format_nombre(valeur))


def _decimal(valeur: Any) -> Decimal:
    return Decimal(str(valeur if valeur is not None else 0))


@dataclass(frozen=True)
class CreditClients:
    """The customer-credit figures of one year, with the queries that gave them."""

    annee: int
    encours_ttc: Decimal
    ca_ht: Decimal
    ca_ttc: Decimal
    factures: int
    dso: Decimal
    delai_reel: Decimal
    delai_accorde: Decimal
    taux_financement: Decimal
    cout_du_credit: Decimal
    etapes: tuple[str, ...]
    requetes: tuple[str, ...] = (SQL_ENCOURS, SQL_CA_TTC, SQL_DELAI_REEL)


def credit_clients(
    base: Path | str | None = None,
    *,
    annee: int = 2025,
    taux_financement: Any = "4 %",
    jours: Any = 360,
) -> CreditClients:
    """DSO, real and granted payment delays and cost of the customer credit for ``annee``.

    ``taux_financement``: the annual rate at which the firm finances its receivables
    (overdraft, escompte…); cost = Σ montant encaissé × jours de crédit × taux / 360.
    """
    t = taux(taux_financement, "Taux de financement")
    j = jours_annee(jours)
    bornes = {"date_debut": f"{annee}-01-01", "date_fin": f"{annee}-12-31"}
    encours = _decimal(requete_lecture_seule(base, SQL_ENCOURS, bornes, champ="Factures")[0][0])
    ca = requete_lecture_seule(base, SQL_CA_TTC, bornes, champ="Factures")[0]
    ca_ht, ca_ttc, factures = _decimal(ca["ca_ht"]), _decimal(ca["ca_ttc"]), int(ca["factures"])
    delais = requete_lecture_seule(base, SQL_DELAI_REEL, bornes, champ="Règlements")[0]
    reel = _decimal(delais["delai_reel_jours"])
    accorde = _decimal(delais["delai_accorde_jours"])
    montant_jours = _decimal(delais["montant_jours"])
    cout = arrondi_centime(montant_jours * t / 100 / 360)
    d = dso(encours, ca_ttc, j)
    etapes = (
        f"Encours clients TTC au 31/12/{annee} : {_euros(encours)} ; CA TTC {annee} : "
        f"{_euros(ca_ttc)} ({_nombre(factures)} factures)",
        f"Délai moyen de crédit clients = {_euros(encours)} / {_euros(ca_ttc)} × {j} "
        f"= {_nombre(d)} jours",
        f"Délai réel de paiement (pondéré par les montants) : {_nombre(reel)} jours, pour "
        f"{_nombre(accorde)} jours accordés",
        f"Coût du crédit clients = Σ montant × jours × {_nombre(t)} % / 360 = {_euros(cout)}",
    )
    return CreditClients(annee, encours, ca_ht, ca_ttc, factures, d, reel, accorde, t, cout, etapes)


def bfre_depuis_base(
    base: Path | str | None = None,
    *,
    stocks: Any,
    dettes_fournisseurs: Any,
    annee: int = 2025,
) -> BFRE:
    """BFRE with the créances clients read in the database (encours TTC at 31/12) and the CA
    HT of the year; stocks and dettes fournisseurs are given (they are not in the base)."""
    c = credit_clients(base, annee=annee)
    return bfre(stocks, c.encours_ttc, dettes_fournisseurs, ca_ht=c.ca_ht)
