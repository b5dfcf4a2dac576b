"""Analyse du portefeuille clients lue dans la base (lecture seule) : CA par client, par
produit, par mois ; mesures RFM ; compte d'exploitation client ; encours, retards et DSO.

Data access only: the SQL aggregates, then the pure functions of :mod:`widgets.calculs`
(:mod:`~widgets.calculs.pareto`, :mod:`~widgets.calculs.statistiques`,
:mod:`~widgets.calculs.prevision`, :mod:`~widgets.calculs.scoring`,
:mod:`~widgets.calculs.rentabilite_client`) do the maths. pandas is used for tables meant to be
displayed or exported (:func:`tableau`, :func:`exporter_csv`).

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

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from widgets.calculs.arrondis import CENT
from widgets.calculs.finance import dso
from widgets.calculs.format import format_saisie
from widgets.calculs.pareto import AnalyseABC, analyse_abc
from widgets.calculs.rentabilite_client import (
    CompteExploitationClient,
    RisqueEncours,
    compte_exploitation_client,
    risque_encours,
)
from widgets.calculs.saisie import (
    SaisieInvalide,
    arrondi,
    arrondi_centime,
    date_francaise,
    montant,
    taux,
)
from widgets.calculs.scoring import ClientRFM, scores_rfm
from widgets.donnees.base import requete_lecture_seule
from widgets.donnees.chemins import base_reference
from widgets.donnees.generation.schema import TYPES_CLIENT

__all__ = [
    "AUJOURD_HUI",
    "TYPES_CLIENT",
    "ClientRentabilite",
    "RisqueClient",
    "abc_clients",
    "abc_produits",
    "ca_mensuel",
    "ca_par_client",
    "ca_par_produit",
    "ca_par_segment",
    "comptes_exploitation",
    "exporter_csv",
    "mesures_rfm",
    "rfm_clients",
    "rfm_du_portefeuille",
    "risque_clients",
    "segments_possibles",
]

AUJOURD_HUI = "2025-12-31"
CRITERES_SEGMENT = {"type_client": "c.type_client", "secteur": "s.nom"}


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


# --------------------------------------------------------------------------- chiffre d'affaires


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
) -> AnalyseABC:
    """ABC analysis of the clients' CA HT over [debut, fin] (see :mod:`widgets.calculs.pareto`)."""
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
) -> dict[str, list[Decimal]]:
    """Per segment (client type or sector, alphabetical), the CA HT of each invoiced client."""
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


# --------------------------------------------------------------------------- RFM


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
) -> list[tuple[int, int, int, Decimal]]:
    """``(id_client, récence en jours, fréquence, montant HT)`` over the ``mois`` months up to
    ``reference``: clients invoiced in that window only; récence = days from the last invoice
    to the reference date."""
    lignes = _requete(base, *sql_mesures_rfm(reference, mois, type_client, id_secteur))
    return [(r[0], r[1], r[2], _d(r[3])) for r in lignes]


def _dernier_jour(d: date) -> int:
    suivant = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return (suivant - date(d.year, d.month, 1)).days


def _mois_avant(d: date, mois: int) -> date:
    """The same day ``mois`` months earlier (clamped to the month's last day)."""
    total = d.year * 12 + d.month - 1 - mois
    annee, m = divmod(total, 12)
    premier = date(annee, m + 1, 1)
    return date(annee, m + 1, min(d.day, _dernier_jour(premier)))


def rfm_clients(
    base: Path | str | None = None,
    *,
    reference: str = AUJOURD_HUI,
    mois: int = 12,
    type_client: str | None = None,
    id_secteur: int | None = None,
) -> list[ClientRFM]:
    """RFM scores and named segment of every client invoiced in the window."""
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
    chemin.parent.mkdir(parents=True, exist_ok=True)

    def texte(v: Any) -> Any:
        return format_saisie(v) if isinstance(v, Decimal) else v

    with chemin.open("w", encoding="utf-8-sig", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=list(lignes[0]), delimiter=";")
        ecrivain.writeheader()
        for ligne in lignes:
            ecrivain.writerow({k: texte(v) for k, v in ligne.items()})
    return chemin


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


# --------------------------------------------------------------------------- rentabilité


def km_exacts(somme: float | int | None) -> Decimal:
    """A REAL sum of ``visites.km`` as exact km to the metre: the float noise of the sum
    (``12.3 + 4.1`` → ``16.400000000000002``) is dropped, as the vectorised P&L does."""
    return arrondi(Decimal(str(somme or 0)), 3)


@dataclass(frozen=True)
class ClientRentabilite:
    """A client's P&L for a year, and what winning it cost."""

    id_client: int
    raison_sociale: str
    type_client: str
    commandes: int
    compte: CompteExploitationClient
    cout_acquisition: Decimal
    """Cost of the prospecting recorded in ``visites`` for this client (km and time)."""


_SQL_RENTABILITE = """
WITH fac AS (
  SELECT f.id_client, SUM(f.montant_ht) AS ca_ht, SUM(f.montant_ttc) AS ca_ttc
  FROM factures f {jointure_f}
  WHERE f.date_facture BETWEEN :debut AND :fin {filtre}
  GROUP BY f.id_client
), achats AS (
  SELECT f.id_client, SUM(l.quantite * p.cout_achat_ht) AS cout
  FROM factures f {jointure_f}
  JOIN lignes_commande l ON l.id_commande = f.id_commande
  JOIN produits p ON p.id_produit = l.id_produit
  WHERE f.date_facture BETWEEN :debut AND :fin {filtre}
  GROUP BY f.id_client
), cdes AS (
  SELECT co.id_client, COUNT(*) AS n
  FROM commandes co {jointure_co}
  WHERE co.date_commande BETWEEN :debut AND :fin {filtre}
  GROUP BY co.id_client
), acq AS (
  SELECT v.id_client, SUM(v.km) AS km, SUM(v.duree_min) AS minutes
  FROM visites v {jointure_v}
  WHERE v.id_client IS NOT NULL {filtre}
  GROUP BY v.id_client
)
SELECT c.id_client, c.raison_sociale, c.type_client, c.delai_paiement_jours,
       fac.ca_ht, fac.ca_ttc, achats.cout, COALESCE(cdes.n, 0),
       COALESCE(acq.km, 0), COALESCE(acq.minutes, 0)
FROM fac JOIN clients c ON c.id_client = fac.id_client
LEFT JOIN achats ON achats.id_client = fac.id_client
LEFT JOIN cdes ON cdes.id_client = fac.id_client
LEFT JOIN acq ON acq.id_client = fac.id_client
ORDER BY c.id_client
"""
# The clients table is joined in the CTEs only when a filter needs it (``{jointure_*}``):
# for the whole portfolio, one primary-key lookup per invoice line less (9.8 s -> 5.9 s of
# CPU for 100 000 clients).


def _nommes(filtre: str, parametres: list, nommes: dict[str, Any]) -> str:
    """Rewrite the ``?`` of a filter as named parameters ``:p0``, ``:p1``… (for the CTEs)."""
    for i, valeur in enumerate(parametres):
        filtre = filtre.replace("?", f":p{i}", 1)
        nommes[f"p{i}"] = valeur
    return filtre


def sql_rentabilite(
    annee: int,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
) -> tuple[str, dict[str, Any]]:
    """The per-client aggregate query of the customer P&L and its named parameters (columns:
    id, name, type, payment delay, CA HT, CA TTC, purchase cost, orders, km, minutes)."""
    filtre, parametres = _filtres(type_client, id_secteur, id_client)
    nommes: dict[str, Any] = {"debut": f"{int(annee)}-01-01", "fin": f"{int(annee)}-12-31"}
    filtre = _nommes(filtre, parametres, nommes)
    jointures = {
        f"jointure_{a}": f"JOIN clients c ON c.id_client = {a}.id_client" if filtre else ""
        for a in ("f", "co", "v")
    }
    return _SQL_RENTABILITE.format(filtre=filtre, **jointures), nommes


def comptes_exploitation(
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
) -> list[ClientRentabilite]:
    """Customer P&L of every client invoiced in ``annee`` (hypotheses as parameters):

    ``cout_visite`` € per visit (one visit per order), ``taux_financement`` % a year on the
    credit granted (``delai_paiement_jours`` of the client), ``taux_retours`` % of the CA HT
    lost in returns, ``cout_km`` and ``cout_horaire`` value the prospecting of ``visites``.
    """
    par_visite = montant(cout_visite, "Coût d'une visite")
    t_retours = taux(taux_retours, "Taux de retours")
    km_prix = montant(cout_km, "Coût du kilomètre")
    heure = montant(cout_horaire, "Coût horaire")
    lignes = _requete(base, *sql_rentabilite(annee, type_client, id_secteur, id_client))
    sortie = []
    for r in lignes:
        ca_ht, ca_ttc = _d(r[4]), _d(r[5])
        compte = compte_exploitation_client(
            ca_ht,
            _d(r[6]),
            visites=r[7],
            cout_visite=par_visite,
            chiffre_affaires_ttc=ca_ttc,
            delai_paiement_jours=r[3],
            taux_financement=taux_financement,
            cout_retours=arrondi_centime(ca_ht * t_retours / CENT),
        )
        acquisition = arrondi_centime(km_exacts(r[8]) * km_prix + Decimal(r[9]) * heure / 60)
        sortie.append(ClientRentabilite(r[0], r[1], r[2], r[7], compte, acquisition))
    return sortie


# --------------------------------------------------------------------------- risque


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
) -> list[RisqueClient]:
    """Encours, overdue part, delay and DSO of every client with an encours at ``reference``.

    DSO (days) = encours TTC / CA TTC of the 12 months before ``reference`` × 360 — the
    formulaire's « délai moyen de crédit clients », applied to one client.
    """
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


def tableau(objets: Sequence[Any], colonnes: dict[str, Any]):
    """A pandas DataFrame for display: ``colonnes`` maps a French header to a function of the
    object (the figures stay exact Decimals)."""
    import pandas as pd

    return pd.DataFrame([{titre: f(o) for titre, f in colonnes.items()} for o in objets])


# --------------------------------------------------------------------------- texts for notebooks


def texte_classes(r: AnalyseABC, quoi: str = "clients") -> str:
    """Text table of the ABC classes (count, % of items, CA, % of CA)."""
    from widgets.calculs import format_euros, format_nombre, format_pourcent

    lignes = [f"{'Classe':<7}{'Nombre':>9}{'% ' + quoi:>12}{'CA HT':>22}{'% du CA':>10}"]
    for c in r.classes:
        lignes.append(
            f"{c.classe:<7}{format_nombre(c.effectif):>9}{format_pourcent(c.part_effectif):>12}"
            f"{format_euros(c.ca):>22}{format_pourcent(c.part_ca):>10}"
        )
    lignes.append(f"{'Total':<7}{format_nombre(r.effectif):>9}{'':>12}{format_euros(r.total):>22}")
    return "\n".join(lignes)


def texte_tableau_abc(r: AnalyseABC, lignes: int | None = None) -> str:
    """Text table of the sorted, cumulated rows (all, or the first ``lignes``)."""
    from widgets.calculs import format_euros, format_pourcent

    sortie = [
        f"{'Rang':<5}{'Nom':<24}{'CA HT':>14}{'Part':>9}{'CA cumulé':>15}{'% cumulé':>10} Classe"
    ]
    for x in r.lignes[:lignes]:
        sortie.append(
            f"{x.rang:<5}{x.libelle[:23]:<24}{format_euros(x.ca):>14}{format_pourcent(x.part):>9}"
            f"{format_euros(x.ca_cumule):>15}{format_pourcent(x.part_cumulee):>10} {x.classe}"
        )
    return "\n".join(sortie)


def texte_statistiques(resumes: dict) -> str:
    """Text table: per group, count, mean, median, Q1, Q3, σ, CV."""
    from widgets.calculs import format_euros, format_nombre, format_pourcent

    sortie = [
        f"{'Segment':<22}{'Effectif':>9}{'Moyenne':>14}{'Médiane':>14}{'Q1':>14}{'Q3':>14}"
        f"{'Écart type':>14}{'CV':>10}"
    ]
    for nom, x in resumes.items():
        cv = "—" if x.coefficient_variation is None else format_pourcent(x.coefficient_variation)
        sortie.append(
            f"{nom[:21]:<22}{format_nombre(x.effectif):>9}{format_euros(x.moyenne):>14}"
            f"{format_euros(x.mediane):>14}{format_euros(x.q1):>14}{format_euros(x.q3):>14}"
            f"{format_euros(x.ecart_type):>14}{cv:>10}"
        )
    return "\n".join(sortie)
