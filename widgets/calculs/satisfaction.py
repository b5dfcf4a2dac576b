"""Satisfaction, loyalty and e-reputation: NPS, CSAT, ratings, reviews, churn, cohorts.

Pure (Decimal, half-up rounding). Every rate is a PERCENTAGE rounded to 0,01 point from the
exact counts (as in :mod:`widgets.calculs.entonnoir`); the NPS is in points, from −100 to
+100, rounded the same way.

Formulas (NDRC bloc 2, satisfaction et fidélisation):

- NPS = (promoteurs − détracteurs) / répondants × 100, promoters scoring 9 or 10, detractors
  0 to 6, passives 7 or 8; computed from the COUNTS then rounded once (not the difference of
  two rounded shares), over the respondents only (a surveyed person who did not answer is
  ``None`` and is left out);
- CSAT = réponses satisfaites (note ≥ seuil) / répondants × 100, among the RESPONDENTS, not
  among all the people surveyed; the response rate is given beside it;
- note moyenne pondérée = Σ note × poids / Σ poids (2 decimals), e.g. the rating of each
  platform weighted by its number of reviews;
- taux de réponse aux avis = avis ayant reçu une réponse / avis reçus × 100; délai moyen de
  réponse = mean of (date de réponse − date de l'avis) in days over the answered reviews
  (2 decimals);
- taux d'attrition = clients perdus / clients au début de la période × 100;
- retention cohorts: a customer's cohort is the period (month, quarter or year) of his FIRST
  invoice; for each later period k, the cohort's retention is the share of its customers
  who have at least one invoice in period cohort + k (period 0 is 100 %). A row stops at the
  last period present in the invoices (the triangle of the usual table).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from widgets.calculs.arrondis import CENT, arrondi
from widgets.calculs.format import espaces_normales, format_nombre
from widgets.calculs.saisie import SaisieInvalide, date_francaise, nombre, quantite

__all__ = [
    "LigneCohorte",
    "ResultatCsat",
    "ResultatNps",
    "TableCohortes",
    "cohortes_retention",
    "csat",
    "delai_moyen_de_reponse",
    "note_moyenne_ponderee",
    "nps",
    "taux_attrition",
    "taux_de_reponse_aux_avis",
]

PERIODES = ("mois", "trimestre", "annee")


def _n(valeur: int | Decimal) -> str:
    """A number in a French message: ``12000`` → ``12 000``, ``Decimal("2.5")`` → ``2,5``."""
    return espaces_normales(format_nombre(valeur))


def _pourcentage(numerateur: int | Decimal, denominateur: int | Decimal) -> Decimal:
    return arrondi(Decimal(numerateur) * CENT / Decimal(denominateur), 2)


# --------------------------------------------------------------------------- NPS


@dataclass(frozen=True)
class ResultatNps:
    """Net Promoter Score of a survey: counts, shares (%) and the score (points)."""

    repondants: int
    promoteurs: int
    passifs: int
    detracteurs: int
    part_promoteurs: Decimal
    part_passifs: Decimal
    part_detracteurs: Decimal
    nps: Decimal


def _note_entiere(valeur: object, rang: int, maxi: int) -> int:
    champ = f"Note n° {rang}"
    note = nombre(valeur, champ)
    if not 0 <= note <= maxi:
        raise SaisieInvalide(f"une note va de 0 à {maxi}, pas {_n(note)}.", champ=champ)
    if note != note.to_integral_value():
        raise SaisieInvalide(
            f"« {valeur} » : la note est un nombre entier de 0 à {maxi}.", champ=champ
        )
    return int(note)


def nps(notes: Iterable[object]) -> ResultatNps:
    """NPS = % promoters (9–10) − % detractors (0–6), over the respondents, in points.

    ``notes``: one answer per person to « recommanderiez-vous… ? » (integer 0 to 10);
    ``None`` (or an empty text) is a person who did not answer and is left out. The score is
    (promoteurs − détracteurs) / répondants × 100 rounded half-up to 0,01 point.

    Example: 10 answers 10, 9, 9, 8, 7, 7, 6, 5, 3, 10 → 4 promoters, 3 detractors → NPS
    (4 − 3) / 10 × 100 = +10 (the mean of the scores, 7,4, is NOT the NPS).
    """
    lues = [
        _note_entiere(n, rang, 10)
        for rang, n in enumerate(notes, start=1)
        if not (n is None or (isinstance(n, str) and not n.strip()))
    ]
    if not lues:
        raise SaisieInvalide("aucune note : il faut au moins un répondant.", champ="Notes")
    total = len(lues)
    promoteurs = sum(1 for n in lues if n >= 9)
    detracteurs = sum(1 for n in lues if n <= 6)
    passifs = total - promoteurs - detracteurs
    return ResultatNps(
        repondants=total,
        promoteurs=promoteurs,
        passifs=passifs,
        detracteurs=detracteurs,
        part_promoteurs=_pourcentage(promoteurs, total),
        part_passifs=_pourcentage(passifs, total),
        part_detracteurs=_pourcentage(detracteurs, total),
        nps=_pourcentage(promoteurs - detracteurs, total),
    )


# --------------------------------------------------------------------------- CSAT


@dataclass(frozen=True)
class ResultatCsat:
    """CSAT of a survey: satisfied share of the respondents (%), and the response rate."""

    interroges: int
    repondants: int
    satisfaits: int
    taux_de_reponse: Decimal
    csat: Decimal


def csat(notes: Iterable[object], seuil: object = 4, note_maxi: object = 5) -> ResultatCsat:
    """CSAT = satisfied answers (note ≥ ``seuil``) / respondents × 100 (0,01 point).

    ``notes``: one entry per person SURVEYED; ``None`` (or an empty text) is a person who did
    not answer: counted in the response rate, left out of the CSAT. Notes go from 0 to
    ``note_maxi`` (5 by default, « 4 ou 5 sur 5 » = satisfied).

    Example: 20 people surveyed, 16 answered, 12 of them gave 4 or 5 → CSAT 12 / 16 = 75 %
    (not 12 / 20 = 60 %), response rate 80 %.
    """
    maxi = nombre(note_maxi, "Note maximale", positif=True)
    if maxi == 0:
        raise SaisieInvalide("la note maximale doit être supérieure à zéro.", champ="Note maximale")
    s = nombre(seuil, "Seuil de satisfaction", positif=True)
    if s > maxi:
        raise SaisieInvalide(
            f"le seuil ({_n(s)}) ne peut pas dépasser la note maximale ({_n(maxi)}).",
            champ="Seuil de satisfaction",
        )
    interroges = 0
    lues: list[Decimal] = []
    for rang, n in enumerate(notes, start=1):
        interroges += 1
        if n is None or (isinstance(n, str) and not n.strip()):
            continue
        champ = f"Note n° {rang}"
        note = nombre(n, champ, positif=True)
        if note > maxi:
            raise SaisieInvalide(f"une note va de 0 à {_n(maxi)}, pas {_n(note)}.", champ=champ)
        lues.append(note)
    if not lues:
        raise SaisieInvalide("aucune réponse : il faut au moins un répondant.", champ="Notes")
    satisfaits = sum(1 for n in lues if n >= s)
    return ResultatCsat(
        interroges=interroges,
        repondants=len(lues),
        satisfaits=satisfaits,
        taux_de_reponse=_pourcentage(len(lues), interroges),
        csat=_pourcentage(satisfaits, len(lues)),
    )


# --------------------------------------------------------------------------- ratings, reviews


def note_moyenne_ponderee(
    notes_et_poids: Mapping[object, object] | Iterable[tuple[object, object]],
) -> Decimal:
    """Σ note × poids / Σ poids, rounded half-up to 2 decimals.

    ``notes_et_poids``: ``{note: poids}`` or pairs ``(note, poids)``, e.g. the star
    distribution ``{5: 120, 4: 45, 3: 15, 2: 8, 1: 12}`` (853 / 200 → 4,27) or each platform's mean
    rating with its number of reviews ``[(4,6, 320), (3,9, 80)]`` (→ 4,46).
    """
    paires = notes_et_poids.items() if isinstance(notes_et_poids, Mapping) else notes_et_poids
    somme = Decimal(0)
    poids_total = Decimal(0)
    for rang, paire in enumerate(paires, start=1):
        try:
            note_brute, poids_brut = paire
        except (TypeError, ValueError):
            raise SaisieInvalide(
                "chaque ligne doit donner une note et son poids.", champ=f"Ligne {rang}"
            ) from None
        note = nombre(note_brute, f"Note (ligne {rang})", positif=True)
        poids = nombre(poids_brut, f"Poids (ligne {rang})", positif=True)
        somme += note * poids
        poids_total += poids
    if poids_total == 0:
        raise SaisieInvalide(
            "aucun avis : la somme des poids doit être supérieure à zéro.", champ="Poids"
        )
    return arrondi(somme / poids_total, 2)


def taux_de_reponse_aux_avis(avis_recus: object, avis_repondus: object) -> Decimal:
    """Avis ayant reçu une réponse / avis reçus × 100 (0,01 point).

    Example: 240 reviews, 186 answered → 77,5 %.
    """
    recus = quantite(avis_recus, "Avis reçus", minimum=1)
    repondus = quantite(avis_repondus, "Avis avec réponse", minimum=0)
    if repondus > recus:
        raise SaisieInvalide(
            f"{_n(repondus)} réponses pour {_n(recus)} avis : il ne peut pas y avoir plus de "
            "réponses que d'avis.",
            champ="Avis avec réponse",
        )
    return _pourcentage(repondus, recus)


def delai_moyen_de_reponse(avis: Iterable[tuple[object, object]]) -> Decimal | None:
    """Mean response delay in days over the answered reviews (2 decimals), ``None`` if no
    review was answered.

    ``avis``: pairs ``(date de l'avis, date de la réponse or None)``; dates as ``date`` or
    French text (``31/12/2025``). Example: answered after 1, 2 and 6 days, one unanswered →
    (1 + 2 + 6) / 3 = 3 days.
    """
    delais: list[int] = []
    for rang, paire in enumerate(avis, start=1):
        try:
            brut_avis, brut_reponse = paire
        except (TypeError, ValueError):
            raise SaisieInvalide(
                "chaque avis doit donner sa date et la date de réponse (ou rien).",
                champ=f"Avis n° {rang}",
            ) from None
        if brut_reponse is None or (isinstance(brut_reponse, str) and not brut_reponse.strip()):
            continue
        jour_avis = date_francaise(brut_avis, f"Date de l'avis n° {rang}")
        jour_reponse = date_francaise(brut_reponse, f"Date de réponse n° {rang}")
        if jour_reponse < jour_avis:
            raise SaisieInvalide(
                f"la réponse ({jour_reponse:%d/%m/%Y}) précède l'avis ({jour_avis:%d/%m/%Y}).",
                champ=f"Date de réponse n° {rang}",
            )
        delais.append((jour_reponse - jour_avis).days)
    if not delais:
        return None
    return arrondi(Decimal(sum(delais)) / len(delais), 2)


# --------------------------------------------------------------------------- churn, cohorts


def taux_attrition(clients_debut: object, clients_perdus: object) -> Decimal:
    """Taux d'attrition = clients perdus / clients au début de la période × 100 (0,01 point).

    Example: 1 600 customers on 1 January, 184 lost during the year → 11,5 %.
    """
    debut = quantite(clients_debut, "Clients en début de période", minimum=1)
    perdus = quantite(clients_perdus, "Clients perdus", minimum=0)
    if perdus > debut:
        raise SaisieInvalide(
            f"on ne peut pas perdre {_n(perdus)} clients sur {_n(debut)} présents au début.",
            champ="Clients perdus",
        )
    return _pourcentage(perdus, debut)


@dataclass(frozen=True)
class LigneCohorte:
    """One cohort: its period label, its size, active customers and retention (%) per period.

    ``actifs[k]`` / ``retention[k]``: period cohort + k (``k = 0`` is the cohort's own
    period, 100 %).
    """

    cohorte: str
    effectif: int
    actifs: tuple[int, ...]
    retention: tuple[Decimal, ...]


@dataclass(frozen=True)
class TableCohortes:
    """The retention triangle: one row per cohort, oldest first."""

    periode: str
    lignes: tuple[LigneCohorte, ...]

    @property
    def nombre_de_periodes(self) -> int:
        """Length of the longest row (the oldest cohort)."""
        return max((len(ligne.retention) for ligne in self.lignes), default=0)


def _indice(jour: date, periode: str) -> int:
    if periode == "mois":
        return jour.year * 12 + jour.month - 1
    if periode == "trimestre":
        return jour.year * 4 + (jour.month - 1) // 3
    return jour.year


def _libelle(indice: int, periode: str) -> str:
    if periode == "mois":
        return f"{indice // 12:04d}-{indice % 12 + 1:02d}"
    if periode == "trimestre":
        return f"{indice // 4:04d}-T{indice % 4 + 1}"
    return f"{indice:04d}"


def _client_et_date(facture: Any, rang: int) -> tuple[Hashable, Any]:
    """The client and the RAW date of an invoice (parsed by the caller, once per value)."""
    if isinstance(facture, Mapping):
        if "client" not in facture or "date" not in facture:
            raise SaisieInvalide(
                "une facture doit donner « client » et « date ».", champ=f"Facture n° {rang}"
            )
        client, jour = facture["client"], facture["date"]
    else:
        try:
            client, jour = tuple(facture)[:2]
        except (TypeError, ValueError):
            raise SaisieInvalide(
                "une facture doit donner le client et la date.", champ=f"Facture n° {rang}"
            ) from None
    if client is None:
        raise SaisieInvalide("le client est vide.", champ=f"Facture n° {rang}")
    return client, jour


def cohortes_retention(factures: Iterable[Any], periode: str = "mois") -> TableCohortes:
    """Retention table by cohort of first invoice, from ``(client, date)`` invoices.

    ``factures``: pairs or tuples ``(client, date, …)`` (extra items ignored) or mappings
    with ``"client"`` and ``"date"``; ``periode``: ``"mois"`` (``2025-03``), ``"trimestre"``
    (``2025-T1``) or ``"annee"`` (``2025``). Retention in period k = customers of the cohort
    with an invoice in period cohort + k / cohort size × 100 (0,01 point).

    Example: A buys in January and March, B in January, C in February and March → cohort
    2025-01 (A, B): 100 %, 0 %, 50 %; cohort 2025-02 (C): 100 %, 100 %.
    """
    if periode not in PERIODES:
        raise SaisieInvalide(
            f"période « {periode} » inconnue : choisissez mois, trimestre ou annee.",
            champ="Période",
        )
    achats: dict[Hashable, set[int]] = {}
    indices: dict[Any, int] = {}  # raw date → period index: a day is parsed once
    for rang, facture in enumerate(factures, start=1):
        if type(facture) is tuple and len(facture) >= 2 and facture[0] is not None:
            client, brut = facture[0], facture[1]  # the common case, without the checks
        else:
            client, brut = _client_et_date(facture, rang)
        try:
            indice = indices[brut]
        except (KeyError, TypeError):
            indice = _indice(date_francaise(brut, f"Date de la facture n° {rang}"), periode)
            if isinstance(brut, (str, date)):
                indices[brut] = indice
        achats.setdefault(client, set()).add(indice)
    if not achats:
        return TableCohortes(periode, ())
    derniere = max(max(p) for p in achats.values())
    # actifs[cohort][k]: each customer adds 1 to each period he bought in (one pass)
    actifs: dict[int, list[int]] = {}
    for periodes in achats.values():
        debut = min(periodes)
        compte = actifs.get(debut)
        if compte is None:
            compte = actifs[debut] = [0] * (derniere - debut + 1)
        for p in periodes:
            compte[p - debut] += 1
    lignes = []
    for debut in sorted(actifs):
        compte = actifs[debut]
        effectif = compte[0]  # every customer buys in his first period
        lignes.append(
            LigneCohorte(
                cohorte=_libelle(debut, periode),
                effectif=effectif,
                actifs=tuple(compte),
                retention=tuple(_pourcentage(a, effectif) for a in compte),
            )
        )
    return TableCohortes(periode, tuple(lignes))
