"""RFM measures, scores and named segments of the clients, the campaign file of a segment:
the exact path (:func:`rfm_clients`, :func:`widgets.calculs.scoring.scores_rfm`) and the
vectorised one (:func:`rfm_vectorise`) side by side, same figures (tested client by client).
Both take their parameters as keywords or as one :class:`ParametresRFM`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from widgets.calculs.saisie import (
    SaisieInvalide,
    nombre,
)
from widgets.calculs.scoring import ClientRFM, scores_rfm, segment_rfm
from widgets.donnees.chemins import base_reference
from widgets.donnees.portefeuille import memoire
from widgets.donnees.portefeuille.commun import (
    AUJOURD_HUI,
    Parametres,
    _clients_de,
    _d,
    _date,
    _mois_avant,
    _requete,
    date_facture_du_filtre,
    fiches_clients,
)
from widgets.donnees.portefeuille.memoire import (
    _centimes,
    _en_memoire,
    _euros,
    _quotient_arrondi,
)


@dataclass(frozen=True)
class ParametresRFM(Parametres):
    """The parameters of :func:`mesures_rfm`, :func:`rfm_clients` and their vectorised
    twins :func:`mesures_rfm_vectorise`, :func:`rfm_vectorise`."""

    reference: str = AUJOURD_HUI
    mois: int = 12
    type_client: str | None = None
    id_secteur: int | None = None


# ------------------------------------------------------------------------ exact (Decimal)


def sql_mesures_rfm(
    reference: str = AUJOURD_HUI,
    mois: int = 12,
    type_client: str | None = None,
    id_secteur: int | None = None,
) -> tuple[str, list]:
    """The per-client RFM query (id, récence in days, fréquence, SUM HT) and its parameters."""
    ref = date.fromisoformat(_date(reference, "Date de référence"))
    debut = _mois_avant(ref, int(mois))
    filtre, parametres = _clients_de("f", type_client, id_secteur, None)
    colonne = date_facture_du_filtre(debut.isoformat(), ref.isoformat())
    return (
        "SELECT f.id_client, CAST(julianday(?) - julianday(MAX(f.date_facture)) AS INTEGER), "
        "COUNT(*), SUM(f.montant_ht) FROM factures f "
        f"WHERE {colonne} > ? AND {colonne} <= ?{filtre} "
        "GROUP BY f.id_client ORDER BY f.id_client",
        [ref.isoformat(), debut.isoformat(), ref.isoformat(), *parametres],
    )


def mesures_rfm(
    base: Path | str | None = None,
    *,
    reference: str = AUJOURD_HUI,
    mois: int = 12,
    type_client: str | None = None,
    id_secteur: int | None = None,
    parametres: ParametresRFM | None = None,
) -> list[tuple[int, int, int, Decimal]]:
    """``(id_client, récence en jours, fréquence, montant HT)`` over the ``mois`` months up to
    ``reference``: clients invoiced in that window only; récence = days from the last invoice
    to the reference date."""
    if parametres is not None:  # one object for both paths
        return mesures_rfm(base, **parametres.mots())
    lignes = _requete(base, *sql_mesures_rfm(reference, mois, type_client, id_secteur))
    return [(r[0], r[1], r[2], _d(r[3])) for r in lignes]


def rfm_clients(
    base: Path | str | None = None,
    *,
    reference: str = AUJOURD_HUI,
    mois: int = 12,
    type_client: str | None = None,
    id_secteur: int | None = None,
    parametres: ParametresRFM | None = None,
) -> list[ClientRFM]:
    """RFM scores and named segment of every client invoiced in the window."""
    if parametres is not None:  # one object for both paths
        return rfm_clients(base, **parametres.mots())
    return list(
        scores_rfm(
            mesures_rfm(
                base,
                reference=reference,
                mois=mois,
                type_client=type_client,
                id_secteur=id_secteur,
            )
        )
    )


_RFM_EN_CACHE: dict[Path, tuple[tuple[int, int], dict[int, ClientRFM]]] = {}


def rfm_du_portefeuille(base: Path | str | None = None) -> dict[int, ClientRFM]:
    """:func:`rfm_clients` of the whole portfolio with its defaults (reference date
    :data:`AUJOURD_HUI`, 12 months), by client id; empty when no client was invoiced.

    Computed once per base file and kept while the file's modification time and size stay the
    same (a 100 000-client base takes seconds to score; a client sheet reads it in microseconds).
    """
    chemin = Path(base) if base is not None else base_reference()
    try:
        chemin = chemin.resolve()
        etat = chemin.stat()
    except OSError:
        return {c.cle: c for c in rfm_clients(chemin)}  # raises the usual French error
    version = (etat.st_mtime_ns, etat.st_size)
    en_cache = _RFM_EN_CACHE.get(chemin)
    if en_cache is not None and en_cache[0] == version:
        return en_cache[1]
    mesures = mesures_rfm(chemin)
    table = {c.cle: c for c in scores_rfm(mesures)} if mesures else {}
    _RFM_EN_CACHE[chemin] = (version, table)
    return table


def lignes_segment(
    base: Path | str | None, clients: Sequence[ClientRFM], segment: str
) -> list[dict[str, Any]]:
    """The campaign file of one RFM segment: contact details and scores, by decreasing amount."""
    choisis = sorted(
        (c for c in clients if c.segment == segment), key=lambda c: (-c.montant, c.cle)
    )
    fiches = fiches_clients(base, [c.cle for c in choisis])
    return [
        {
            "id_client": c.cle,
            "raison_sociale": fiches[c.cle]["raison_sociale"],
            "type_client": fiches[c.cle]["type_client"],
            "email": fiches[c.cle]["email"],
            "telephone": fiches[c.cle]["telephone"],
            "ville": fiches[c.cle]["ville"],
            "recence_jours": c.recence,
            "frequence": c.frequence,
            "montant_ht": c.montant,
            "score_rfm": c.code,
            "segment": c.segment,
        }
        for c in choisis
    ]


# ------------------------------------------------------------------ vectorised (int64 cents)


def mesures_rfm_vectorise(
    base: Path | str | None = None,
    *,
    reference: str = AUJOURD_HUI,
    mois: int = 12,
    type_client: str | None = None,
    id_secteur: int | None = None,
    parametres: ParametresRFM | None = None,
) -> pd.DataFrame:
    """:func:`~widgets.donnees.portefeuille.mesures_rfm` as a frame (``id_client``,
    ``recence``, ``frequence``, ``montant_centimes``), read once (memo)."""
    if parametres is not None:  # one object for both paths
        return mesures_rfm_vectorise(base, **parametres.mots())

    sql, parametres = sql_mesures_rfm(reference, mois, type_client, id_secteur)

    def construire(chemin) -> pd.DataFrame:
        table = memoire._lire(
            chemin, sql, parametres, ["id_client", "recence", "frequence", "montant"]
        )
        return pd.DataFrame(
            {
                "id_client": table["id_client"].astype("int64"),
                "recence": table["recence"].astype("int64"),
                "frequence": table["frequence"].astype("int64"),
                "montant_centimes": _centimes(table["montant"]),
            }
        )

    cle = (parametres[0], int(mois), type_client, id_secteur)
    return _en_memoire(base, "rfm", cle, construire, disque=True)


def _notes(valeurs: np.ndarray) -> np.ndarray:
    """Quintile scores 1…5 as :func:`widgets.calculs.scoring.scores_rfm`: bounds = values of
    ranks ⌈n k / 5⌉ (k = 1…4) of the sorted series, score = 1 + bounds strictly below."""
    tries = np.sort(valeurs, kind="stable")
    n = len(tries)
    bornes = tries[[max(-(-n * k // 5), 1) - 1 for k in (1, 2, 3, 4)]]
    return 1 + np.searchsorted(bornes, valeurs, side="left")


_SEGMENTS_RF = np.array(
    [[segment_rfm(r, f) for f in range(1, 6)] for r in range(1, 6)], dtype=object
)


def rfm_vectorise(
    base: Path | str | None = None,
    *,
    reference: str = AUJOURD_HUI,
    mois: int = 12,
    type_client: str | None = None,
    id_secteur: int | None = None,
    parametres: ParametresRFM | None = None,
) -> pd.DataFrame:
    """RFM scores and named segment of every client invoiced in the window, one row per client
    (by id): the figures of :func:`~widgets.donnees.portefeuille.rfm_clients` (columns
    ``id_client``, ``recence``, ``frequence``, ``montant_centimes``, ``r``, ``f``, ``m``,
    ``segment``)."""
    if parametres is not None:  # one object for both paths
        return rfm_vectorise(base, **parametres.mots())
    mesures = mesures_rfm_vectorise(
        base, reference=reference, mois=mois, type_client=type_client, id_secteur=id_secteur
    )
    if mesures.empty:
        raise SaisieInvalide("aucun client à noter.", champ="Portefeuille")

    def noter(_chemin) -> pd.DataFrame:
        r = _notes(-mesures["recence"].to_numpy())  # the most recent get 5
        f = _notes(mesures["frequence"].to_numpy())
        m = _notes(mesures["montant_centimes"].to_numpy())
        return mesures.assign(r=r, f=f, m=m, segment=_SEGMENTS_RF[r - 1, f - 1])

    # the scores depend on the measures only: kept with them (a new weighting reuses them)
    cle = (str(reference), int(mois), type_client, id_secteur)
    return _en_memoire(base, "rfm_notes", cle, noter)


def scores_ponderes_vectorise(tableau: pd.DataFrame, poids: dict[str, Any]) -> np.ndarray:
    """Weighted score of each row of :func:`rfm_vectorise`, in hundredths:
    :func:`widgets.calculs.scoring.score_pondere` of the notes R, F, M (Σ poids × note / Σ poids,
    half-up to 0,01), exactly, in integers."""
    lus = {c: nombre(poids.get(c, 0), f"Poids de {c}", positif=True) for c in ("R", "F", "M")}
    if sum(lus.values()) == 0:
        raise SaisieInvalide("donnez un poids non nul à au moins un critère.", champ="Poids")
    fractions = {c: Fraction(p) for c, p in lus.items()}
    denominateur = math.lcm(*(x.denominator for x in fractions.values()))
    entiers = {c: int(x * denominateur) for c, x in fractions.items()}  # same ratio, integers
    numerateur = (
        tableau["r"].to_numpy() * entiers["R"]
        + tableau["f"].to_numpy() * entiers["F"]
        + tableau["m"].to_numpy() * entiers["M"]
    )
    return _quotient_arrondi([numerateur, 100], sum(entiers.values()))


def client_rfm_de_la_ligne(ligne: Any) -> ClientRFM:
    """One row of :func:`rfm_vectorise` as the exact function's :class:`ClientRFM`."""
    return ClientRFM(
        int(ligne.id_client),
        int(ligne.recence),
        int(ligne.frequence),
        _euros(ligne.montant_centimes),
        int(ligne.r),
        int(ligne.f),
        int(ligne.m),
        ligne.segment,
    )


def clients_rfm(tableau: pd.DataFrame, segment: str | None = None) -> list[ClientRFM]:
    """The rows of :func:`rfm_vectorise` (of one named segment) as :class:`ClientRFM` (for a
    campaign export: :func:`~widgets.donnees.portefeuille.lignes_segment`)."""
    if segment is not None:
        tableau = tableau[tableau["segment"] == segment]
    return [client_rfm_de_la_ligne(x) for x in tableau.itertuples(index=False)]
