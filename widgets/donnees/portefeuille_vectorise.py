"""Whole-portfolio analyses vectorised (pandas), for 100 000-client bases: ABC of the clients,
customer P&L of every client, credit risk of the whole portfolio.

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

Customer P&L (:func:`comptes_exploitation_vectorise`) and risk (:func:`risque_clients_vectorise`)
follow the same rule: money as exact int64 cents, every step of the exact function rounded the
same way (half away from zero, :func:`_quotient_arrondi`, from the rounded figure of the step
before), rates in hundredths of a percent, DSO in tenths of a day; ``Decimal`` only at the
boundary (:func:`compte_de_la_ligne`, :func:`risque_de_la_ligne`) for the rows displayed.
``tests/test_portefeuille_rentabilite_et_risque_vectorises_egaux_au_calcul_exact.py`` compares
them with :func:`~widgets.donnees.portefeuille.comptes_exploitation` and
:func:`~widgets.donnees.portefeuille.risque_clients`, client by client, to the cent.

Interactive re-analysis: the per-client aggregate frame of a query is read once per (base file,
period, filter) and kept in a small memo (:func:`_en_memoire`); moving a threshold, a cost or a
rate recomputes from the frame without reading the base again.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from widgets.calculs.arrondis import division_arrondie
from widgets.calculs.pareto import ClasseABC, LigneABC, _seuils, classe_abc
from widgets.calculs.rentabilite_client import CompteExploitationClient, RisqueEncours
from widgets.calculs.saisie import SaisieInvalide, montant, nombre, taux
from widgets.calculs.scoring import ClientRFM, segment_rfm
from widgets.calculs.statistiques import Resume, resume, resumes_par_groupe
from widgets.donnees import cache_agregats
from widgets.donnees.base import ouvrir_lecture_seule
from widgets.donnees.chemins import base_reference
from widgets.donnees.portefeuille import (
    AUJOURD_HUI,
    ClientRentabilite,
    RisqueClient,
    _clients_de,
    _date,
    ca_mensuel,
    date_facture_du_filtre,
    fiches_clients,
    segments_possibles,
    sql_mesures_rfm,
    sql_rentabilite,
    sql_risque,
)

__all__ = [
    "SyntheseABC",
    "abc_clients_vectorise",
    "ca_mensuel_en_memoire",
    "client_rfm_de_la_ligne",
    "clients_rfm",
    "classes_abc_vectorise",
    "compte_de_la_ligne",
    "comptes_exploitation_vectorise",
    "mesures_rfm_vectorise",
    "rfm_vectorise",
    "risque_clients_vectorise",
    "resumes_par_segment",
    "risque_de_la_ligne",
    "scores_ponderes_vectorise",
    "synthese_abc",
    "vider_memoire",
]

MAX_CENTIMES = 2**53  # int64 cumul and float64 read of the sum stay exact below this
CHIFFRES_EXACTS = 12
"""A rate or cost typed with up to this many significant digits keeps every product of the
exact functions within ``Decimal``'s 28 digits (a CA of up to 10¹⁰ €): both paths then agree
to the cent. (Beyond, the vigilance test mirrors the Decimal product; the other figures are
the exact rational ones.)"""

# --------------------------------------------------------------------------- memo of aggregates

MEMO_TAILLE = 8
"""Aggregate frames kept (the last used): a few periods × filters of one or two bases."""

_MEMO: OrderedDict[tuple, Any] = OrderedDict()


def _en_memoire(
    base: Path | str | None,
    nom: str,
    parametres: tuple,
    construire: Callable[[Any], Any],
    *,
    disque: bool = False,
) -> Any:
    """``construire(base)``, kept for the same file and parameters.

    Why: reading a 100 000-client base costs seconds (the scan of the invoices, their lines or
    payments), while the analysis on the per-client frame costs milliseconds. The reference
    base is opened read-only and never changes under a student, so a frame is reused as long
    as the file is the same: key = resolved path, size and modification time (ns), the
    query's name and parameters. A rebuilt base (``make reset-db``) changes the size or mtime
    and is read again. At most :data:`MEMO_TAILLE` frames (least recently used dropped first:
    about 10 MB each for 100 000 clients). Callers must not modify the returned frame.

    ``disque``: a frame read from the base (an SQL aggregate) is also saved in, and first
    looked up in, the persistent cache of :mod:`widgets.donnees.cache_agregats` (same key):
    a new kernel reads it back in tens of milliseconds instead of scanning the base again.
    Frames derived from another memo entry are cheap to redo and stay in memory only.
    """
    chemin = Path(base) if base is not None else base_reference()
    try:
        chemin = chemin.resolve()
        etat = chemin.stat()
    except OSError:
        return construire(chemin)  # raises the usual French error of a missing base
    cle = (str(chemin), etat.st_size, etat.st_mtime_ns, nom, parametres)
    table = _MEMO.get(cle)
    if table is not None:
        _MEMO.move_to_end(cle)
        return table
    table = cache_agregats.lire(cle) if disque else None
    if table is None:
        table = construire(chemin)
        if disque:
            cache_agregats.ecrire(cle, nom, table)
    _MEMO[cle] = table
    while len(_MEMO) > MEMO_TAILLE:
        _MEMO.popitem(last=False)
    return table


def vider_memoire() -> None:
    """Forget every aggregate frame kept in memory (benchmarks measure a first load with it;
    the disk cache stays: :func:`widgets.donnees.cache_agregats.effacer_cache`)."""
    _MEMO.clear()


def _lire(base: Path | str | None, sql: str, parametres: Sequence | dict, colonnes: list[str]):
    """Rows of a read-only query as a DataFrame (plain tuples: no ``sqlite3.Row`` per row)."""
    connexion = ouvrir_lecture_seule(base)
    connexion.row_factory = None
    try:
        lignes = connexion.execute(sql, parametres).fetchall()
    finally:
        connexion.close()
    return pd.DataFrame(lignes, columns=colonnes)


def _centimes(serie: pd.Series) -> np.ndarray:
    """A REAL sum of cent amounts (None: 0) as exact int64 cents (as ``portefeuille._d``)."""
    return (serie.astype("float64").fillna(0) * 100).round().astype("int64").to_numpy()


def _quotient_arrondi(
    facteurs: Sequence[Any], diviseur: Any, plus: Sequence[Any] = ()
) -> np.ndarray:
    """(Π ``facteurs`` + Π ``plus``) / ``diviseur``, rounded half away from zero (as
    ``arrondi_centime``) exactly, in integers; ``diviseur`` > 0 (an integer or an array).
    int64 while the numbers stay below 2⁶², Python integers beyond (a rate typed with many
    decimals), the result in int64."""
    produits = [[np.asarray(f) for f in groupe] for groupe in (facteurs, plus) if groupe]
    d = np.asarray(diviseur)
    n = max((t.size for groupe in produits for t in groupe if t.ndim), default=1)
    if n == 0:
        return np.zeros(0, dtype="int64")
    borne = 0
    for groupe in produits:
        terme = 1
        for t in groupe:
            terme *= max(int(np.max(np.abs(t))), 1)
        borne += terme
    # 2 × numerator + divisor is the largest number formed
    sorte = "int64" if 2 * borne + int(np.max(d)) < 2**62 else object
    numerateur = np.zeros(n, dtype=sorte)
    for groupe in produits:
        produit = np.ones(n, dtype=sorte)
        for t in groupe:
            produit = produit * t.astype(sorte)
        numerateur = numerateur + produit
    d = d.astype(sorte)
    return division_arrondie(numerateur, d).astype("int64")


def _fraction(valeur: Decimal) -> tuple[int, int]:
    f = Fraction(valeur)
    return f.numerator, f.denominator


def _euros(centimes: Any) -> Decimal:
    """Exact cents → euros (``Decimal``), for what is displayed."""
    return Decimal(int(centimes)).scaleb(-2)


def _centiemes(valeur: Any) -> Decimal | None:
    """Hundredths of a percent (``<NA>``: none) → ``Decimal`` percent."""
    return None if pd.isna(valeur) else Decimal(int(valeur)).scaleb(-2)


def _ca_en_centimes(
    base: Path | str | None, debut: str, fin: str, type_client: str | None, id_secteur: int | None
) -> pd.DataFrame:
    """Columns ``id_client``, ``ca_centimes`` (int64) of the clients invoiced in [debut, fin]
    (memo: read once per base file, period and filter)."""
    debut, fin = _date(debut, "Début"), _date(fin, "Fin")
    filtre, parametres = _clients_de("f", type_client, id_secteur, None)

    def construire(chemin) -> pd.DataFrame:
        table = _lire(
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


# --------------------------------------------------------------------------- rentabilité

COLONNES_RENTABILITE = [
    "id_client",
    "raison_sociale",
    "type_client",
    "delai_paiement_jours",
    "ca_ht",
    "ca_ttc",
    "achats",
    "commandes",
    "km",
    "minutes",
]


def agregats_rentabilite(
    base: Path | str | None = None,
    *,
    annee: int = 2025,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
) -> pd.DataFrame:
    """Per client invoiced in ``annee`` (by id): name, type, payment delay, orders, CA HT and
    TTC and purchase cost in int64 cents, prospecting km in metres and minutes — the query of
    :func:`~widgets.donnees.portefeuille.comptes_exploitation`, read once (memo)."""
    sql, parametres = sql_rentabilite(annee, type_client, id_secteur, id_client)

    def construire(chemin) -> pd.DataFrame:
        brut = _lire(chemin, sql, parametres, COLONNES_RENTABILITE)
        return pd.DataFrame(
            {
                "id_client": brut["id_client"].astype("int64"),
                "raison_sociale": brut["raison_sociale"].astype(object),
                "type_client": brut["type_client"].astype(object),
                "delai_paiement_jours": brut["delai_paiement_jours"].astype("int64"),
                "commandes": brut["commandes"].astype("int64"),
                "ca_ht_centimes": _centimes(brut["ca_ht"]),
                "ca_ttc_centimes": _centimes(brut["ca_ttc"]),
                "achats_centimes": _centimes(brut["achats"]),
                # km to the metre, as portefeuille.km_exacts (drops the float noise of the sum)
                "km_metres": (brut["km"].astype("float64") * 1000).round().astype("int64"),
                "minutes": brut["minutes"].astype("int64"),
            }
        )

    cle = (int(annee), type_client, id_secteur, id_client)
    return _en_memoire(base, "rentabilite", cle, construire, disque=True)


def comptes_exploitation_vectorise(
    base: Path | str | None = None,
    *,
    annee: int = 2025,
    cout_visite: Any = 85,
    taux_financement: Any = 5,
    taux_retours: Any = 0,
    cout_km: Any = "0.60",
    cout_horaire: Any = 35,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
) -> pd.DataFrame:
    """Customer P&L of every client invoiced in ``annee``, one row per client (by id): the same
    figures as :func:`~widgets.donnees.portefeuille.comptes_exploitation`, same parameters.

    Columns: ``id_client``, ``raison_sociale``, ``type_client``, ``commandes``, then in int64
    cents ``ca_ht_centimes``, ``cout_achat_centimes``, ``marge_brute_centimes``,
    ``cout_visites_centimes``, ``cout_credit_centimes``, ``cout_retours_centimes``,
    ``contribution_centimes``, ``cout_acquisition_centimes``; ``taux_marge_brute`` and
    ``taux_contribution`` in hundredths of a percent (``Int64``, ``<NA>`` for a zero CA).
    Rounding, step by step as :func:`~widgets.calculs.rentabilite_client.
    compte_exploitation_client` (half away from zero, the next step from the rounded figure):
    visits n × coût, credit CA TTC × taux / 100 × délai / 360, returns CA HT × taux / 100, each
    to the cent; contribution = marge − visits − credit − returns; rates marge / CA × 100 to the
    hundredth; acquisition km × coût du km + minutes × coût horaire / 60 to the cent.
    """
    par_visite = _fraction(montant(cout_visite, "Coût d'une visite"))
    financement = _fraction(taux(taux_financement, "Taux de financement"))
    retours = _fraction(taux(taux_retours, "Taux de retours"))
    km_prix = _fraction(montant(cout_km, "Coût du kilomètre"))
    heure = _fraction(montant(cout_horaire, "Coût horaire"))
    agregats = agregats_rentabilite(
        base, annee=annee, type_client=type_client, id_secteur=id_secteur, id_client=id_client
    )
    ca = agregats["ca_ht_centimes"].to_numpy()
    ttc = agregats["ca_ttc_centimes"].to_numpy()
    achats = agregats["achats_centimes"].to_numpy()
    for colonne, champ in (
        (ca, "Chiffre d'affaires HT"),
        (achats, "Coût d'achat"),
        (ttc, "CA TTC"),
    ):
        if (colonne < 0).any():  # the exact function refuses it the same way (montant)
            montant(_euros(colonne.min()), champ)
    marge = ca - achats
    visites = _quotient_arrondi(
        [agregats["commandes"].to_numpy(), par_visite[0], 100], par_visite[1]
    )
    # interets_simples: CA TTC × t / 100 × jours / 360 in euros = cents × t × jours / 36 000
    credit = _quotient_arrondi(
        [ttc, financement[0], agregats["delai_paiement_jours"].to_numpy()], 36_000 * financement[1]
    )
    cout_retours = _quotient_arrondi([ca, retours[0]], 100 * retours[1])
    contribution = marge - visites - credit - cout_retours
    # km/1000 × a/b + minutes × c/d / 60 euros = (km × a × 3d + minutes × c × 50b) / (30bd) cents
    (a, b), (c, d) = km_prix, heure
    acquisition = _quotient_arrondi(
        [agregats["km_metres"].to_numpy(), 3 * d * a],
        30 * b * d,
        plus=[agregats["minutes"].to_numpy(), 50 * b * c],
    )
    avec_ca = ca != 0
    diviseur = np.where(avec_ca, np.abs(ca), 1)
    signe = np.sign(ca)
    taux_marge = _quotient_arrondi([marge * signe, 10_000], diviseur)
    taux_contribution = _quotient_arrondi([contribution * signe, 10_000], diviseur)
    return pd.DataFrame(
        {
            "id_client": agregats["id_client"],
            "raison_sociale": agregats["raison_sociale"],
            "type_client": agregats["type_client"],
            "commandes": agregats["commandes"],
            "ca_ht_centimes": ca,
            "cout_achat_centimes": achats,
            "marge_brute_centimes": marge,
            "cout_visites_centimes": visites,
            "cout_credit_centimes": credit,
            "cout_retours_centimes": cout_retours,
            "contribution_centimes": contribution,
            "taux_marge_brute": pd.array(np.where(avec_ca, taux_marge, 0), dtype="Int64"),
            "taux_contribution": pd.array(np.where(avec_ca, taux_contribution, 0), dtype="Int64"),
            "cout_acquisition_centimes": acquisition,
        }
    ).assign(
        taux_marge_brute=lambda t: t["taux_marge_brute"].where(avec_ca),
        taux_contribution=lambda t: t["taux_contribution"].where(avec_ca),
    )


def compte_de_la_ligne(ligne: Any) -> ClientRentabilite:
    """One row of :func:`comptes_exploitation_vectorise` as the exact function's object."""
    compte = CompteExploitationClient(
        chiffre_affaires_ht=_euros(ligne.ca_ht_centimes),
        cout_achat=_euros(ligne.cout_achat_centimes),
        marge_brute=_euros(ligne.marge_brute_centimes),
        cout_visites=_euros(ligne.cout_visites_centimes),
        cout_credit=_euros(ligne.cout_credit_centimes),
        cout_retours=_euros(ligne.cout_retours_centimes),
        contribution=_euros(ligne.contribution_centimes),
        taux_marge_brute=_centiemes(ligne.taux_marge_brute),
        taux_contribution=_centiemes(ligne.taux_contribution),
    )
    return ClientRentabilite(
        int(ligne.id_client),
        ligne.raison_sociale,
        ligne.type_client,
        int(ligne.commandes),
        compte,
        _euros(ligne.cout_acquisition_centimes),
    )


# --------------------------------------------------------------------------- risque

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
        brut = _lire(chemin, sql, parametres, COLONNES_RISQUE)
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


# --------------------------------------------------------------------------- RFM


def mesures_rfm_vectorise(
    base: Path | str | None = None,
    *,
    reference: str = AUJOURD_HUI,
    mois: int = 12,
    type_client: str | None = None,
    id_secteur: int | None = None,
) -> pd.DataFrame:
    """:func:`~widgets.donnees.portefeuille.mesures_rfm` as a frame (``id_client``,
    ``recence``, ``frequence``, ``montant_centimes``), read once (memo)."""

    sql, parametres = sql_mesures_rfm(reference, mois, type_client, id_secteur)

    def construire(chemin) -> pd.DataFrame:
        table = _lire(chemin, sql, parametres, ["id_client", "recence", "frequence", "montant"])
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
) -> pd.DataFrame:
    """RFM scores and named segment of every client invoiced in the window, one row per client
    (by id): the figures of :func:`~widgets.donnees.portefeuille.rfm_clients` (columns
    ``id_client``, ``recence``, ``frequence``, ``montant_centimes``, ``r``, ``f``, ``m``,
    ``segment``)."""
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


# --------------------------------------------------------------------------- statistiques


def _ca_et_segments(base: Path | str | None, debut: str, fin: str) -> pd.DataFrame:
    """Per client invoiced in [debut, fin] (ISO): ``id_client``, ``type_client``, ``secteur``,
    ``ca_centimes`` — both segmentations from one read (memo)."""

    def construire(chemin) -> pd.DataFrame:
        table = _lire(
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
) -> dict[str, Resume]:
    """Per segment (alphabetical) then ``"Ensemble"``, the :class:`Resume` of the CA HT per
    client — the exact figures of ``resumes_par_groupe(ca_par_segment(...))`` and ``resume`` of
    all the clients (same values, same order), computed once per base, period and criterion
    (memo): switching between type and sector reads the base once. Empty without invoices."""
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
