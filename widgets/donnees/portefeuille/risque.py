"""Credit risk of the clients at a reference date (encours, plafond, overdue part, delay,
DSO): the exact ``Decimal`` path (:func:`risque_clients`) and the vectorised one
(:func:`risque_clients_vectorise`, int64 cents) side by side, equal client by client.
Both take their parameters as keywords or as one :class:`ParametresRisque`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from widgets.calculs.finance import dso
from widgets.calculs.rentabilite_client import (
    RisqueEncours,
    risque_encours,
)
from widgets.calculs.saisie import (
    taux,
)
from widgets.donnees.portefeuille import memoire
from widgets.donnees.portefeuille.commun import (
    AUJOURD_HUI,
    Parametres,
    _d,
    _date,
    _filtres,
    _mois_avant,
    _nommes,
    _requete,
)
from widgets.donnees.portefeuille.memoire import (
    CHIFFRES_EXACTS,
    _centiemes,
    _centimes,
    _en_memoire,
    _euros,
    _fraction,
    _quotient_arrondi,
)


@dataclass(frozen=True)
class ParametresRisque(Parametres):
    """The parameters of :func:`risque_clients` and :func:`risque_clients_vectorise`."""

    reference: str = AUJOURD_HUI
    seuil_vigilance: Any = 80
    type_client: str | None = None
    id_secteur: int | None = None
    id_client: int | None = None


# ------------------------------------------------------------------------ exact (Decimal)


@dataclass(frozen=True)
class RisqueClient:
    """A client's credit risk at the reference date."""

    id_client: int
    raison_sociale: str
    risque: RisqueEncours
    echu: Decimal
    """Part of the encours past its due date."""
    retard_jours: int
    """Days since the oldest unpaid due date (0 if nothing is overdue)."""
    ca_ttc_12_mois: Decimal
    dso: Decimal | None
    """Encours / CA TTC of the 12 months × 360, in days (to the tenth, like the finance
    unit's ``dso``)."""


_SQL_RISQUE = """
WITH dues AS (
  SELECT f.id_client, f.date_echeance, f.montant_ttc - TOTAL(r.montant) AS reste
  FROM factures f {jointure}
  LEFT JOIN reglements r ON r.id_facture = f.id_facture AND r.date_reglement <= :ref
  WHERE f.date_facture <= :ref {filtre}
  GROUP BY f.id_facture
), encours AS (
  SELECT id_client, SUM(reste) AS encours,
         SUM(CASE WHEN date_echeance < :ref THEN reste ELSE 0 END) AS echu,
         MIN(CASE WHEN date_echeance < :ref AND reste > 0.005 THEN date_echeance END)
           AS plus_ancienne
  FROM dues GROUP BY id_client
), ca AS (
  SELECT f.id_client, SUM(f.montant_ttc) AS ca_ttc
  FROM factures f {jointure}
  WHERE f.date_facture > :debut12 AND f.date_facture <= :ref {filtre}
  GROUP BY f.id_client
)
SELECT c.id_client, c.raison_sociale, c.plafond_credit, e.encours, e.echu,
       CAST(julianday(:ref) - julianday(e.plus_ancienne) AS INTEGER), COALESCE(ca.ca_ttc, 0)
FROM encours e JOIN clients c ON c.id_client = e.id_client
LEFT JOIN ca ON ca.id_client = e.id_client
WHERE e.encours > 0.005
ORDER BY c.id_client
"""
# Per invoice, ``GROUP BY f.id_facture`` over the invoices read in primary-key order joins the
# payments through their index without sorting; the clients table is joined only to filter.
# (The first version grouped every payment in a CTE, then joined it: 11.7 s of CPU for
# 100 000 clients against 3.6 s; see docs/benchmarks.md.)


def sql_risque(
    reference: str,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
) -> tuple[str, dict[str, Any]]:
    """The per-client risk query at ``reference`` and its named parameters (columns: id, name,
    plafond, encours, overdue part, days late, CA TTC of the 12 months)."""
    ref = date.fromisoformat(_date(reference, "Date de référence"))
    filtre, parametres = _filtres(type_client, id_secteur, id_client)
    nommes: dict[str, Any] = {"ref": ref.isoformat(), "debut12": _mois_avant(ref, 12).isoformat()}
    filtre = _nommes(filtre, parametres, nommes)
    jointure = "JOIN clients c ON c.id_client = f.id_client" if filtre else ""
    return _SQL_RISQUE.format(filtre=filtre, jointure=jointure), nommes


def risque_clients(
    base: Path | str | None = None,
    *,
    reference: str = AUJOURD_HUI,
    seuil_vigilance: Any = 80,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
    parametres: ParametresRisque | None = None,
) -> list[RisqueClient]:
    """Encours, overdue part, delay and DSO of every client with an encours at ``reference``.

    DSO (days) = encours TTC / CA TTC of the 12 months before ``reference`` × 360 — the
    formulaire's « délai moyen de crédit clients », applied to one client.
    """
    if parametres is not None:  # one object for both paths
        return risque_clients(base, **parametres.mots())
    lignes = _requete(base, *sql_risque(reference, type_client, id_secteur, id_client))
    sortie = []
    for r in lignes:
        encours = _d(r[3])
        ca_ttc = _d(r[6])
        sortie.append(
            RisqueClient(
                id_client=r[0],
                raison_sociale=r[1],
                risque=risque_encours(encours, _d(r[2]), seuil_vigilance),
                echu=_d(r[4]),
                retard_jours=int(r[5] or 0),
                ca_ttc_12_mois=ca_ttc,
                # the one DSO formula of the workbench (créances TTC / CA TTC × 360)
                dso=dso(encours, ca_ttc) if ca_ttc > 0 else None,
            )
        )
    return sortie


# ------------------------------------------------------------------ vectorised (int64 cents)


COLONNES_RISQUE = [
    "id_client",
    "raison_sociale",
    "plafond",
    "encours",
    "echu",
    "retard_jours",
    "ca_ttc",
]


def agregats_risque(
    base: Path | str | None = None,
    *,
    reference: str = AUJOURD_HUI,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
) -> pd.DataFrame:
    """Per client with an encours at ``reference`` (by id): name, plafond, encours, overdue
    part and CA TTC of the 12 months in int64 cents, days late — the query of
    :func:`~widgets.donnees.portefeuille.risque_clients`, read once (memo)."""
    sql, parametres = sql_risque(reference, type_client, id_secteur, id_client)

    def construire(chemin) -> pd.DataFrame:
        brut = memoire._lire(chemin, sql, parametres, COLONNES_RISQUE)
        return pd.DataFrame(
            {
                "id_client": brut["id_client"].astype("int64"),
                "raison_sociale": brut["raison_sociale"].astype(object),
                "plafond_centimes": _centimes(brut["plafond"]),
                "encours_centimes": _centimes(brut["encours"]),
                "echu_centimes": _centimes(brut["echu"]),
                "retard_jours": brut["retard_jours"].astype("float64").fillna(0).astype("int64"),
                "ca_ttc_12_mois_centimes": _centimes(brut["ca_ttc"]),
            }
        )

    cle = (parametres["ref"], type_client, id_secteur, id_client)
    return _en_memoire(base, "risque", cle, construire, disque=True)


def risque_clients_vectorise(
    base: Path | str | None = None,
    *,
    reference: str = AUJOURD_HUI,
    seuil_vigilance: Any = 80,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
    parametres: ParametresRisque | None = None,
) -> pd.DataFrame:
    """Encours, alert, overdue part, delay and DSO of every client with an encours at
    ``reference``, one row per client (by id): the figures of
    :func:`~widgets.donnees.portefeuille.risque_clients`, same parameters.

    Columns: ``id_client``, ``raison_sociale``, ``encours_centimes``, ``plafond_centimes``,
    ``taux_utilisation`` (hundredths of a percent, ``<NA>`` without a plafond),
    ``depassement_centimes``, ``alerte`` (``"dépassement"``, ``"vigilance"``, ``""``),
    ``echu_centimes``, ``retard_jours``, ``ca_ttc_12_mois_centimes``, ``dso`` (tenths of a day,
    ``<NA>`` without CA over the 12 months).
    """
    if parametres is not None:  # one object for both paths
        return risque_clients_vectorise(base, **parametres.mots())
    seuil = taux(seuil_vigilance, "Seuil de vigilance")
    agregats = agregats_risque(
        base,
        reference=reference,
        type_client=type_client,
        id_secteur=id_secteur,
        id_client=id_client,
    )
    e = agregats["encours_centimes"].to_numpy()
    p = agregats["plafond_centimes"].to_numpy()
    ca = agregats["ca_ttc_12_mois_centimes"].to_numpy()
    avec_plafond = p > 0
    utilisation = _quotient_arrondi([e, 10_000], np.where(avec_plafond, p, 1))
    # risque_encours: dépassement above the plafond, vigilance from seuil % of it
    if len(seuil.as_tuple().digits) > CHIFFRES_EXACTS:
        # the Decimal product seuil × plafond rounds at 28 digits: compare the same way
        vigilance = avec_plafond & np.array(
            [Decimal(int(x)) * 100 >= seuil * int(y) for x, y in zip(e, p, strict=True)], bool
        )
    else:  # exactly, in integers: e × 100 × den ≥ num × p
        s_num, s_den = _fraction(seuil)
        vigilance = avec_plafond & (e * (100 * s_den) >= p * s_num)
    alerte = np.where(e > p, "dépassement", np.where(vigilance, "vigilance", ""))
    avec_ca = ca > 0
    dixiemes = _dso_dixiemes(e, np.where(avec_ca, ca, 1))
    return pd.DataFrame(
        {
            "id_client": agregats["id_client"],
            "raison_sociale": agregats["raison_sociale"],
            "encours_centimes": e,
            "plafond_centimes": p,
            "taux_utilisation": pd.array(utilisation, dtype="Int64"),
            "depassement_centimes": np.maximum(e - p, 0),
            "alerte": alerte.astype(object),
            "echu_centimes": agregats["echu_centimes"],
            "retard_jours": agregats["retard_jours"],
            "ca_ttc_12_mois_centimes": ca,
            "dso": pd.array(dixiemes, dtype="Int64"),
        }
    ).assign(
        taux_utilisation=lambda t: t["taux_utilisation"].where(avec_plafond),
        dso=lambda t: t["dso"].where(avec_ca),
    )


def _dso_dixiemes(encours: np.ndarray, ca_ttc: np.ndarray) -> np.ndarray:
    """DSO = encours × 360 / CA TTC in tenths of a day, half-up, as
    :func:`widgets.calculs.finance.dso` (cents; ``ca_ttc`` > 0). Exact integer arithmetic:
    0,15 € / 72 € × 360 = 0,75 → 0,8."""
    return _quotient_arrondi([encours, 3_600], ca_ttc)


def risque_de_la_ligne(ligne: Any) -> RisqueClient:
    """One row of :func:`risque_clients_vectorise` as the exact function's object."""
    risque = RisqueEncours(
        encours=_euros(ligne.encours_centimes),
        plafond=_euros(ligne.plafond_centimes),
        taux_utilisation=_centiemes(ligne.taux_utilisation),
        depassement=_euros(ligne.depassement_centimes),
        alerte=ligne.alerte,
    )
    return RisqueClient(
        id_client=int(ligne.id_client),
        raison_sociale=ligne.raison_sociale,
        risque=risque,
        echu=_euros(ligne.echu_centimes),
        retard_jours=int(ligne.retard_jours),
        ca_ttc_12_mois=_euros(ligne.ca_ttc_12_mois_centimes),
        dso=None if pd.isna(ligne.dso) else Decimal(int(ligne.dso)).scaleb(-1),
    )
