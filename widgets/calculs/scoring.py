"""Segmentation RFM et grille de scoring (savoirs S521, S522).

- **RFM** : each client gets three scores from 1 to 5 (quintiles): **récence** (days since the
  last invoice — the more recent, the higher the score), **fréquence** (number of invoices)
  and **montant** (CA HT). The quintile bounds are the French-course quantiles of orders 20 %,
  40 %, 60 %, 80 % (value of rank ⌈n p⌉ of the sorted series); score = 1 + number of bounds
  strictly exceeded, so equal values always get equal scores.
- A **named segment** from the (R, F) pair, after the usual RFM grid (Champions, Fidèles,
  À risque, En hibernation…): :data:`SEGMENTS`.
- A **grille de scoring** : a weighted mean of notes, ``Σ poids × note / Σ poids``, with the
  weights chosen by the student (:func:`score_pondere`).

Example (tests): montants 100, 200, 300, 400, 500, 600, 700, 800, 900, 1 000 → bounds 200,
400, 600, 800 → 100 and 200 score 1, 300 and 400 score 2, …, 900 and 1 000 score 5.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from widgets.calculs.arrondis import ZERO
from widgets.calculs.saisie import SaisieInvalide, arrondi, montant, nombre, quantite
from widgets.calculs.statistiques import quantile

__all__ = [
    "SEGMENTS",
    "ClientRFM",
    "bornes_quintiles",
    "note_par_bornes",
    "score_pondere",
    "scores_rfm",
    "segment_rfm",
]

ORDRES = (Decimal("0.2"), Decimal("0.4"), Decimal("0.6"), Decimal("0.8"))

SEGMENTS = (
    # (nom, scores R admis, scores F admis, action conseillée) — read in this order
    ("Champions", {5}, {4, 5}, "les récompenser, en faire des prescripteurs"),
    ("Fidèles", {3, 4}, {4, 5}, "leur proposer les nouveautés et la montée en gamme"),
    ("Fidèles potentiels", {4, 5}, {2, 3}, "les fidéliser (offre de fidélité, visite)"),
    ("Nouveaux clients", {5}, {1}, "réussir l'accueil, suivre la deuxième commande"),
    ("Prometteurs", {4}, {1}, "leur faire découvrir la gamme"),
    ("À surveiller", {3}, {3}, "les relancer avec une offre ciblée"),
    ("En train de s'endormir", {3}, {1, 2}, "les réactiver avant qu'ils partent"),
    ("À ne pas perdre", {1, 2}, {5}, "les reconquérir en priorité (visite)"),
    ("À risque", {1, 2}, {3, 4}, "les relancer personnellement"),
    ("En hibernation", {1, 2}, {1, 2}, "campagne de réactivation à faible coût"),
)
"""The named segments of the (R, F) grid; every (R, F) pair of 1…5 falls in exactly one."""


def bornes_quintiles(valeurs: Sequence[Any]) -> tuple[Decimal, ...]:
    """The four quintile bounds (quantiles of orders 0,2 … 0,8, French definition)."""
    return tuple(quantile(valeurs, p) for p in ORDRES)


def _bornes_triees(valeurs: list) -> tuple:
    """Same bounds from one sort (values of ranks ⌈n p⌉), for large portfolios."""
    tries = sorted(valeurs)
    n = len(tries)
    return tuple(tries[max(-(-n * k // 5), 1) - 1] for k in (1, 2, 3, 4))


def note_par_bornes(valeur: Decimal, bornes: Sequence[Decimal]) -> int:
    """1 + number of bounds strictly below ``valeur``."""
    return 1 + sum(valeur > b for b in bornes)


_GRILLE = {(r, f): nom for nom, rs, fs, _a in SEGMENTS for r in rs for f in fs}


def segment_rfm(r: int, f: int) -> str:
    """The named segment of a (R, F) pair of scores (1 to 5)."""
    try:
        return _GRILLE[(r, f)]
    except KeyError:
        raise SaisieInvalide(
            f"scores hors de la grille (R = {r}, F = {f}).", champ="Scores"
        ) from None


class ClientRFM(NamedTuple):
    """One client's RFM measures, scores and segment (a named tuple: light for 100 000)."""

    cle: Hashable
    recence: int
    """Days since the last invoice."""
    frequence: int
    montant: Decimal
    r: int
    f: int
    m: int
    segment: str

    @property
    def code(self) -> str:
        """``"543"`` : the three scores in R, F, M order."""
        return f"{self.r}{self.f}{self.m}"


def scores_rfm(clients: Sequence[tuple[Hashable, Any, Any, Any]]) -> tuple[ClientRFM, ...]:
    """Score each ``(cle, recence_jours, frequence, montant)`` client from 1 to 5 per axis.

    Récence is scored on the opposite of the number of days (the most recent get 5).
    """
    lus = []
    for cle, rec, freq, mt in clients:
        if not (type(rec) is int and rec >= 0):
            rec = quantite(rec, f"Récence du client {cle}", minimum=0)
        if not (type(freq) is int and freq >= 0):
            freq = quantite(freq, f"Fréquence du client {cle}", minimum=0)
        if not (isinstance(mt, Decimal) and mt.is_finite()):
            mt = montant(mt, f"Montant du client {cle}", positif=False)
        lus.append((cle, rec, freq, mt))
    if not lus:
        raise SaisieInvalide("aucun client à noter.", champ="Portefeuille")
    bornes_r = _bornes_triees([-c[1] for c in lus])
    bornes_f = _bornes_triees([c[2] for c in lus])
    bornes_m = _bornes_triees([c[3] for c in lus])
    sortie = []
    for cle, rec, freq, mt in lus:
        r = 1 + sum(-rec > b for b in bornes_r)
        f = 1 + sum(freq > b for b in bornes_f)
        m = 1 + sum(mt > b for b in bornes_m)
        sortie.append(ClientRFM(cle, rec, freq, mt, r, f, m, _GRILLE[(r, f)]))
    return tuple(sortie)


def score_pondere(notes: Mapping[str, Any], poids: Mapping[str, Any], decimales: int = 2):
    """Weighted score ``Σ poids × note / Σ poids``, rounded half-up to ``decimales``.

    Example: notes R 4, F 2, M 5 with weights 2, 1, 3 → (8 + 2 + 15) / 6 = 4,17.
    Criteria without a weight count 0; weights are ≥ 0 and not all zero.
    """
    total_poids = ZERO
    total = ZERO
    for critere, note in notes.items():
        p = nombre(poids.get(critere, 0), f"Poids de {critere}", positif=True)
        total_poids += p
        total += p * nombre(note, f"Note de {critere}")
    if total_poids == 0:
        raise SaisieInvalide("donnez un poids non nul à au moins un critère.", champ="Poids")
    return arrondi(total / total_poids, decimales)
