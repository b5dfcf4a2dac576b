"""CA by client, product and month, and the ABC (Pareto) analysis of the clients and
products: the exact ``Decimal`` path and the vectorised one side by side.

:func:`abc_clients` builds one exact ``Decimal`` row per client
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
Both take their parameters as keywords or as one :class:`ParametresABC`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from widgets.calculs.pareto import (
    AnalyseABC,
    ClasseABC,
    LigneABC,
    _seuils,
    analyse_abc,
    classe_abc,
)
from widgets.calculs.saisie import (
    SaisieInvalide,
)
from widgets.donnees.portefeuille import memoire
from widgets.donnees.portefeuille.commun import (
    AUJOURD_HUI,
    Parametres,
    _clients_de,
    _d,
    _date,
    _requete,
    date_facture_du_filtre,
    fiches_clients,
)
from widgets.donnees.portefeuille.memoire import (
    MAX_CENTIMES,
    _centimes,
    _en_memoire,
    _euros,
)


@dataclass(frozen=True)
class ParametresABC(Parametres):
    """The parameters of :func:`abc_clients` and :func:`abc_clients_vectorise`."""

    debut: str = "2025-01-01"
    fin: str = AUJOURD_HUI
    seuil_a: Any = 80
    seuil_b: Any = 95
    type_client: str | None = None
    id_secteur: int | None = None


# ------------------------------------------------------------------------ exact (Decimal)


def ca_par_client(
    base: Path | str | None = None,
    *,
    debut: str = "2025-01-01",
    fin: str = AUJOURD_HUI,
    type_client: str | None = None,
    id_secteur: int | None = None,
) -> list[tuple[int, str, Decimal]]:
    """``(id_client, raison_sociale, CA HT)`` of the clients invoiced in [debut, fin], by id."""
    debut, fin = _date(debut, "Début"), _date(fin, "Fin")
    filtre, parametres = _clients_de("f", type_client, id_secteur, None)
    lignes = _requete(
        base,
        "SELECT c.id_client, c.raison_sociale, t.ca FROM (SELECT f.id_client, "
        f"SUM(f.montant_ht) AS ca FROM factures f "
        f"WHERE {date_facture_du_filtre(debut, fin)} BETWEEN ? AND ?{filtre} "
        "GROUP BY f.id_client) t "
        "JOIN clients c ON c.id_client = t.id_client ORDER BY c.id_client",
        [debut, fin, *parametres],
    )
    return [(r[0], r[1], _d(r[2])) for r in lignes]


def ca_par_produit(
    base: Path | str | None = None, *, debut: str = "2025-01-01", fin: str = AUJOURD_HUI
) -> list[tuple[int, str, Decimal]]:
    """``(id_produit, "référence désignation", CA HT des lignes)`` of delivered orders."""
    lignes = _requete(
        base,
        "SELECT p.id_produit, p.reference || ' ' || p.designation, SUM(l.montant_ht) "
        "FROM lignes_commande l JOIN commandes co ON co.id_commande = l.id_commande "
        "JOIN produits p ON p.id_produit = l.id_produit "
        "WHERE co.statut = 'livrée' AND co.date_commande BETWEEN ? AND ? "
        "GROUP BY p.id_produit ORDER BY p.id_produit",
        [_date(debut, "Début"), _date(fin, "Fin")],
    )
    return [(r[0], r[1], _d(r[2])) for r in lignes]


def abc_clients(
    base: Path | str | None = None,
    *,
    debut: str = "2025-01-01",
    fin: str = AUJOURD_HUI,
    seuil_a: Any = 80,
    seuil_b: Any = 95,
    type_client: str | None = None,
    id_secteur: int | None = None,
    parametres: ParametresABC | None = None,
) -> AnalyseABC:
    """ABC analysis of the clients' CA HT over [debut, fin] (see :mod:`widgets.calculs.pareto`)."""
    if parametres is not None:  # one object for both paths
        return abc_clients(base, **parametres.mots())
    clients = ca_par_client(
        base, debut=debut, fin=fin, type_client=type_client, id_secteur=id_secteur
    )
    return analyse_abc(clients, seuil_a, seuil_b)


def abc_produits(
    base: Path | str | None = None,
    *,
    debut: str = "2025-01-01",
    fin: str = AUJOURD_HUI,
    seuil_a: Any = 80,
    seuil_b: Any = 95,
) -> AnalyseABC:
    """ABC analysis of the products' CA HT over [debut, fin]."""
    return analyse_abc(ca_par_produit(base, debut=debut, fin=fin), seuil_a, seuil_b)


def _mois(texte: str, champ: str) -> tuple[int, int]:
    try:
        annee, mois = (int(x) for x in str(texte).split("-"))
        date(annee, mois, 1)
    except ValueError:
        raise SaisieInvalide(
            f"« {texte} » n'est pas un mois AAAA-MM (par exemple 2025-06).", champ=champ
        ) from None
    return annee, mois


def ca_mensuel(
    base: Path | str | None = None,
    *,
    premier_mois: str = "2023-01",
    dernier_mois: str = "2025-12",
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
) -> list[tuple[str, Decimal]]:
    """``(AAAA-MM, CA HT)`` for every month of the range (0 for a month without invoice)."""
    a1, m1 = _mois(premier_mois, "Premier mois")
    a2, m2 = _mois(dernier_mois, "Dernier mois")
    if (a2, m2) < (a1, m1):
        raise SaisieInvalide("le dernier mois précède le premier.", champ="Dernier mois")
    filtre, parametres = _clients_de("f", type_client, id_secteur, id_client)
    debut = f"{a1:04d}-{m1:02d}-01"
    lignes = _requete(
        base,
        "SELECT substr(f.date_facture, 1, 7) AS mois, SUM(f.montant_ht) "
        f"FROM factures f WHERE f.date_facture BETWEEN ? AND ?{filtre} "
        "GROUP BY mois",
        [debut, f"{a2:04d}-{m2:02d}-31", *parametres],
    )
    sommes = {r[0]: _d(r[1]) for r in lignes}
    sortie = []
    annee, mois = a1, m1
    while (annee, mois) <= (a2, m2):
        cle = f"{annee:04d}-{mois:02d}"
        sortie.append((cle, sommes.get(cle, Decimal("0.00"))))
        annee, mois = (annee + 1, 1) if mois == 12 else (annee, mois + 1)
    return sortie


# ------------------------------------------------------------------ vectorised (int64 cents)


def _ca_en_centimes(
    base: Path | str | None, debut: str, fin: str, type_client: str | None, id_secteur: int | None
) -> pd.DataFrame:
    """Columns ``id_client``, ``ca_centimes`` (int64) of the clients invoiced in [debut, fin]
    (memo: read once per base file, period and filter)."""
    debut, fin = _date(debut, "Début"), _date(fin, "Fin")
    filtre, parametres = _clients_de("f", type_client, id_secteur, None)

    def construire(chemin) -> pd.DataFrame:
        table = memoire._lire(
            chemin,
            "SELECT f.id_client, SUM(f.montant_ht) FROM factures f "
            f"WHERE {date_facture_du_filtre(debut, fin)} BETWEEN ? AND ?{filtre} "
            "GROUP BY f.id_client",
            [debut, fin, *parametres],
            ["id_client", "somme"],
        )
        return pd.DataFrame(
            {
                "id_client": table["id_client"].astype("int64"),
                "ca_centimes": _centimes(table["somme"]),
            }
        )

    return _en_memoire(base, "ca", (debut, fin, type_client, id_secteur), construire, disque=True)


def abc_clients_vectorise(
    base: Path | str | None = None,
    *,
    debut: str = "2025-01-01",
    fin: str = AUJOURD_HUI,
    seuil_a: Any = 80,
    seuil_b: Any = 95,
    type_client: str | None = None,
    id_secteur: int | None = None,
    parametres: ParametresABC | None = None,
) -> pd.DataFrame:
    """ABC of the clients' CA HT over [debut, fin], one row per client, by rank.

    Columns: ``rang`` (1…n), ``id_client``, ``ca_centimes`` (exact, int64), ``ca_ht`` (€,
    float, for display), ``part_cumulee`` (% of the total CA, float), ``classe`` (``A``/``B``/
    ``C``). Same parameters, same classes and same French errors as
    :func:`widgets.donnees.portefeuille.abc_clients`.
    """
    if parametres is not None:  # one object for both paths
        return abc_clients_vectorise(base, **parametres.mots())
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


def ca_mensuel_en_memoire(
    base: Path | str | None = None,
    *,
    premier_mois: str = "2023-01",
    dernier_mois: str = "2025-12",
    type_client: str | None = None,
) -> tuple[tuple[str, Decimal], ...]:
    """:func:`~widgets.donnees.portefeuille.ca_mensuel` (exact, a few dozen months) kept in the
    memo: the forecast widget asks for it again at each change of method or rounding."""
    cle = (premier_mois, dernier_mois, type_client)
    return _en_memoire(
        base,
        "ca_mensuel",
        cle,
        lambda chemin: tuple(
            ca_mensuel(
                chemin,
                premier_mois=premier_mois,
                dernier_mois=dernier_mois,
                type_client=type_client,
            )
        ),
    )


@dataclass(frozen=True)
class SyntheseABC:
    """What the ABC widget shows of a vectorised ABC, with the attributes of
    :class:`~widgets.calculs.pareto.AnalyseABC` it reads: the classes (exact ``Decimal``), the
    total, the thresholds, the number of items, the first rows of the cumulated table (named),
    and the Pareto curve's points (cumulated shares of the items and of the CA, in %, floats)."""

    lignes: tuple[LigneABC, ...]
    """Only the first rows (``premieres_lignes``), not the whole table."""
    classes: tuple[ClasseABC, ...]
    total: Decimal
    seuil_a: Decimal
    seuil_b: Decimal
    effectif: int
    parts_effectif: np.ndarray
    parts_ca: np.ndarray

    def classe(self, nom: str) -> ClasseABC:
        """The summary of class ``nom`` (``"A"``, ``"B"`` or ``"C"``)."""
        return next(c for c in self.classes if c.classe == nom)


def synthese_abc(
    tableau: pd.DataFrame,
    base: Path | str | None = None,
    *,
    seuil_a: Any = 80,
    seuil_b: Any = 95,
    premieres_lignes: int = 10,
) -> SyntheseABC:
    """The :class:`SyntheseABC` of a table of :func:`abc_clients_vectorise` (the thresholds it
    was computed with); the names of the first rows are read from ``base``."""
    a, b = _seuils(seuil_a, seuil_b)
    n = len(tableau)
    total_centimes = int(tableau["ca_centimes"].sum())
    total = _euros(total_centimes)
    resume = classes_abc_vectorise(tableau)
    classes = tuple(
        classe_abc(
            nom, int(resume.loc[nom, "effectif"]), _euros(resume.loc[nom, "ca_centimes"]), n, total
        )
        for nom in ("A", "B", "C")
    )
    tete = tableau.head(premieres_lignes)
    noms = fiches_clients(base, [int(i) for i in tete["id_client"]])
    cumul = tete["ca_centimes"].cumsum()
    lignes = tuple(
        LigneABC(
            int(x.rang),
            int(x.id_client),
            noms[int(x.id_client)]["raison_sociale"],
            _euros(x.ca_centimes),
            _euros(c),
            x.classe,
            total,
            n,
        )
        for x, c in zip(tete.itertuples(index=False), cumul, strict=True)
    )
    return SyntheseABC(
        lignes=lignes,
        classes=classes,
        total=total,
        seuil_a=a,
        seuil_b=b,
        effectif=n,
        parts_effectif=tableau["rang"].to_numpy() * 100.0 / n,
        parts_ca=tableau["part_cumulee"].to_numpy(dtype=float),
    )
