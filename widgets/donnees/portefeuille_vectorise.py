"""Whole-portfolio ABC of the clients, vectorised (pandas), for 100 000-client bases.

:func:`widgets.donnees.portefeuille.abc_clients` builds one exact ``Decimal`` row per client
(:func:`widgets.calculs.pareto.analyse_abc`): the reference for the exercises and the corrigé,
about a second of CPU for 100 000 clients. :func:`abc_clients_vectorise` gives the SAME classes
for the whole portfolio in a fraction of that:

- the CA of each client is the same SQLite aggregate (``SUM(montant_ht)`` over the period),
  turned into an exact number of cents (a sum of cent amounts read as REAL is within far less
  than half a cent of its true value, so rounding it gives the cents exactly — the Decimal path
  rounds the same sum with :func:`~widgets.calculs.arrondis.arrondi_centime`);
- the sort is the Decimal path's: decreasing CA, ties by increasing ``id_client``;
- cumulated CA in int64 cents (pandas), compared to the thresholds exactly (integers, no float):
  ``cumul × 100 ≥ seuil × total`` ⇔ ``cumul ≥ ⌈seuil × total / 100⌉``; the item that reaches
  a threshold closes its class, as in :mod:`widgets.calculs.pareto`.

``tests/test_portefeuille_abc_vectorise_donne_les_memes_classes_que_le_calcul_exact.py`` checks
both paths on the demo base; ``benchmarks/portefeuille.py`` measures them on 100 000 clients.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from widgets.calculs.pareto import _seuils
from widgets.calculs.saisie import SaisieInvalide
from widgets.donnees.base import ouvrir_lecture_seule
from widgets.donnees.portefeuille import (
    AUJOURD_HUI,
    _clients_de,
    _date,
    date_facture_du_filtre,
)

__all__ = ["abc_clients_vectorise", "classes_abc_vectorise"]

MAX_CENTIMES = 2**53  # int64 cumul and float64 read of the sum stay exact below this


def _ca_en_centimes(
    base: Path | str | None, debut: str, fin: str, type_client: str | None, id_secteur: int | None
) -> pd.DataFrame:
    """Columns ``id_client``, ``ca_centimes`` (int64) of the clients invoiced in [debut, fin]."""
    debut, fin = _date(debut, "Début"), _date(fin, "Fin")
    filtre, parametres = _clients_de("f", type_client, id_secteur, None)
    connexion = ouvrir_lecture_seule(base)
    connexion.row_factory = None  # plain tuples: 100 000 rows straight into a DataFrame
    try:
        lignes = connexion.execute(
            "SELECT f.id_client, SUM(f.montant_ht) FROM factures f "
            f"WHERE {date_facture_du_filtre(debut, fin)} BETWEEN ? AND ?{filtre} "
            "GROUP BY f.id_client",
            [debut, fin, *parametres],
        ).fetchall()
    finally:
        connexion.close()
    table = pd.DataFrame(lignes, columns=["id_client", "somme"])
    table["ca_centimes"] = (table["somme"].astype("float64").fillna(0) * 100).round()
    return table.astype({"id_client": "int64", "ca_centimes": "int64"})[
        ["id_client", "ca_centimes"]
    ]


def abc_clients_vectorise(
    base: Path | str | None = None,
    *,
    debut: str = "2025-01-01",
    fin: str = AUJOURD_HUI,
    seuil_a: Any = 80,
    seuil_b: Any = 95,
    type_client: str | None = None,
    id_secteur: int | None = None,
) -> pd.DataFrame:
    """ABC of the clients' CA HT over [debut, fin], one row per client, by rank.

    Columns: ``rang`` (1…n), ``id_client``, ``ca_centimes`` (exact, int64), ``ca_ht`` (€,
    float, for display), ``part_cumulee`` (% of the total CA, float), ``classe`` (``A``/``B``/
    ``C``). Same parameters, same classes and same French errors as
    :func:`widgets.donnees.portefeuille.abc_clients`.
    """
    a, b = _seuils(seuil_a, seuil_b)
    table = _ca_en_centimes(base, debut, fin, type_client, id_secteur)
    if table.empty:
        raise SaisieInvalide("aucun client ni produit à classer.", champ="Portefeuille")
    if (table["ca_centimes"] < 0).any():
        raise SaisieInvalide(
            "un chiffre d'affaires est négatif : vérifiez les avoirs de la période.",
            champ="Portefeuille",
        )
    total = int(table["ca_centimes"].sum())
    if total <= 0:
        raise SaisieInvalide(
            "le chiffre d'affaires total est nul : rien à répartir en classes.",
            champ="Portefeuille",
        )
    if total >= MAX_CENTIMES:  # pragma: no cover - 90 000 billion euros
        raise SaisieInvalide("chiffre d'affaires trop grand pour ce calcul.", champ="Portefeuille")
    # decreasing CA, ties by increasing id (the Decimal path's stable sort of a list by id)
    table = table.sort_values(
        ["ca_centimes", "id_client"], ascending=[False, True], kind="stable", ignore_index=True
    )
    cumul = table["ca_centimes"].cumsum()
    # exact: cumul × 100 ≥ seuil × total ⇔ cumul ≥ ⌈seuil × total / 100⌉ (cumul is an integer)
    borne_a = math.ceil(Fraction(a) * total / 100)
    borne_b = math.ceil(Fraction(b) * total / 100)
    fin_a = int(cumul.searchsorted(borne_a, side="left"))  # index of the item closing A
    fin_b = max(int(cumul.searchsorted(borne_b, side="left")), fin_a)
    classes = pd.Series("C", index=table.index, dtype=object)
    classes.iloc[: fin_a + 1] = "A"
    classes.iloc[fin_a + 1 : fin_b + 1] = "B"
    table.insert(0, "rang", table.index + 1)
    table["ca_ht"] = table["ca_centimes"] / 100
    table["part_cumulee"] = cumul * 100 / total
    table["classe"] = classes
    return table


def classes_abc_vectorise(tableau: pd.DataFrame) -> pd.DataFrame:
    """Per class A, B, C: ``effectif``, ``part_effectif`` (%), ``ca_centimes``, ``part_ca`` (%)
    of a table from :func:`abc_clients_vectorise` (a class may be empty)."""
    groupes = tableau.groupby("classe")["ca_centimes"].agg(["size", "sum"])
    groupes = groupes.reindex(["A", "B", "C"], fill_value=0)
    total, n = int(tableau["ca_centimes"].sum()), len(tableau)
    return pd.DataFrame(
        {
            "effectif": groupes["size"].astype(int),
            "part_effectif": groupes["size"] * 100 / n,
            "ca_centimes": groupes["sum"].astype("int64"),
            "part_ca": groupes["sum"] * 100 / total,
        }
    )
