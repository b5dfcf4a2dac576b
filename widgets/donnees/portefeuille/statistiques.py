"""CA per client grouped by segment (client type or sector) and its statistical summaries:
the exact lists of :func:`ca_par_segment` and the memoised :func:`resumes_par_segment`.
Both take their parameters as keywords or as one :class:`ParametresStatistiques`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from widgets.calculs.saisie import (
    SaisieInvalide,
)
from widgets.calculs.statistiques import Resume, resume, resumes_par_groupe
from widgets.donnees.portefeuille import memoire
from widgets.donnees.portefeuille.commun import (
    AUJOURD_HUI,
    Parametres,
    _d,
    _date,
    _requete,
    date_facture_du_filtre,
)
from widgets.donnees.portefeuille.memoire import (
    _centimes,
    _en_memoire,
    _euros,
)


@dataclass(frozen=True)
class ParametresStatistiques(Parametres):
    """The parameters of :func:`ca_par_segment` and :func:`resumes_par_segment`."""

    debut: str = "2025-01-01"
    fin: str = AUJOURD_HUI
    critere: str = "type_client"


# ------------------------------------------------------------------------ exact (Decimal)


CRITERES_SEGMENT = {"type_client": "c.type_client", "secteur": "s.nom"}


def segments_possibles(critere: str = "type_client") -> str:
    """The SQL expression of a segmentation criterion (``type_client`` or ``secteur``)."""
    if critere not in CRITERES_SEGMENT:
        raise SaisieInvalide(
            f"critère inconnu « {critere} » : choisissez type_client ou secteur.", champ="Critère"
        )
    return CRITERES_SEGMENT[critere]


def ca_par_segment(
    base: Path | str | None = None,
    *,
    debut: str = "2025-01-01",
    fin: str = AUJOURD_HUI,
    critere: str = "type_client",
    parametres: ParametresStatistiques | None = None,
) -> dict[str, list[Decimal]]:
    """Per segment (client type or sector, alphabetical), the CA HT of each invoiced client."""
    if parametres is not None:  # one object for both paths
        return ca_par_segment(base, **parametres.mots())
    expression = segments_possibles(critere)
    debut, fin = _date(debut, "Début"), _date(fin, "Fin")
    lignes = _requete(
        base,
        f"SELECT {expression} AS segment, t.ca FROM (SELECT f.id_client, SUM(f.montant_ht) AS ca "
        f"FROM factures f WHERE {date_facture_du_filtre(debut, fin)} BETWEEN ? AND ? "
        "GROUP BY f.id_client) t JOIN clients c ON c.id_client = t.id_client "
        "JOIN secteurs s ON s.id_secteur = c.id_secteur ORDER BY segment, c.id_client",
        [debut, fin],
    )
    groupes: dict[str, list[Decimal]] = {}
    for segment, ca in lignes:
        groupes.setdefault(segment, []).append(_d(ca))
    return groupes


# ------------------------------------------------------------------ vectorised (int64 cents)


def _ca_et_segments(base: Path | str | None, debut: str, fin: str) -> pd.DataFrame:
    """Per client invoiced in [debut, fin] (ISO): ``id_client``, ``type_client``, ``secteur``,
    ``ca_centimes`` — both segmentations from one read (memo)."""

    def construire(chemin) -> pd.DataFrame:
        table = memoire._lire(
            chemin,
            "SELECT c.id_client, c.type_client, s.nom, t.ca FROM (SELECT f.id_client, "
            "SUM(f.montant_ht) AS ca FROM factures f "
            f"WHERE {date_facture_du_filtre(debut, fin)} BETWEEN ? AND ? "
            "GROUP BY f.id_client) t JOIN clients c ON c.id_client = t.id_client "
            "JOIN secteurs s ON s.id_secteur = c.id_secteur",
            [debut, fin],
            ["id_client", "type_client", "secteur", "ca"],
        )
        return table.assign(ca_centimes=_centimes(table["ca"])).drop(columns="ca")

    return _en_memoire(base, "ca_segments", (debut, fin), construire, disque=True)


def resumes_par_segment(
    base: Path | str | None = None,
    *,
    debut: str = "2025-01-01",
    fin: str = AUJOURD_HUI,
    critere: str = "type_client",
    parametres: ParametresStatistiques | None = None,
) -> dict[str, Resume]:
    """Per segment (alphabetical) then ``"Ensemble"``, the :class:`Resume` of the CA HT per
    client — the exact figures of ``resumes_par_groupe(ca_par_segment(...))`` and ``resume`` of
    all the clients (same values, same order), computed once per base, period and criterion
    (memo): switching between type and sector reads the base once. Empty without invoices."""
    if parametres is not None:  # one object for both paths
        return resumes_par_segment(base, **parametres.mots())
    segments_possibles(critere)  # the French error of an unknown criterion
    debut, fin = _date(debut, "Début"), _date(fin, "Fin")

    def construire(_chemin) -> dict[str, Resume]:
        table = _ca_et_segments(base, debut, fin)
        colonne = "type_client" if critere == "type_client" else "secteur"
        table = table.sort_values([colonne, "id_client"], kind="stable")
        groupes: dict[str, list[Decimal]] = {}
        for segment, centimes in zip(table[colonne], table["ca_centimes"], strict=True):
            groupes.setdefault(segment, []).append(_euros(centimes))
        tous = [v for valeurs in groupes.values() for v in valeurs]
        return {**resumes_par_groupe(groupes), "Ensemble": resume(tous)} if tous else {}

    return _en_memoire(base, "resumes", (debut, fin, critere), construire)
