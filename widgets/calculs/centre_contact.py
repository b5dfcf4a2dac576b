"""Contact centre: handling time, answer and resolution rates, occupancy, Erlang C staffing.

Pure (Decimal, half-up rounding). Rates are PERCENTAGES rounded to 0,01 point from the exact
figures (as in :mod:`widgets.calculs.entonnoir`); durations are in seconds, rounded to 0,01 s.

Formulas (NDRC bloc 2, relation client à distance):

- DMT (durée moyenne de traitement) = (temps de communication + temps de post-appel)
  / appels traités. The time a caller is put on hold during the call belongs to the
  communication time; the waiting time in the queue BEFORE the answer does not (it is the
  caller's time, not the agent's);
- taux de décroché = appels décrochés / appels reçus × 100;
- taux de résolution au premier contact = contacts résolus au premier contact / contacts
  traités × 100;
- taux d'occupation = temps de traitement (communication + post-appel) / temps connecté
  disponible pour les appels × 100;
- Erlang C (M/M/N queue: Poisson arrivals, exponential handling times, callers who wait
  and never hang up): traffic A = λ × DMT in erlangs (λ calls per hour, DMT in hours, i.e.
  ``appels_par_heure × dmt_secondes / 3600``); with N agents (N > A, otherwise the queue
  grows without end), the probability that a call waits is Erlang C(N, A), the service level
  (share of calls answered within t seconds) is SL = 1 − C(N, A) × e^(−(N − A) × t / DMT)
  and the mean wait (ASA) is C(N, A) × DMT / (N − A).

Erlang C is computed without factorials, through the Erlang B recursion
B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), then C = N·B(N) / (N − A·(1 − B(N))): each step
stays between 0 and 1, so nothing overflows even for hundreds of agents. The computation
runs in ``Decimal`` (28 significant digits, the default context) and only the results are
rounded; the staffing search compares the EXACT service level with the target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, localcontext

from widgets.calculs.arrondis import CENT, arrondi
from widgets.calculs.format import espaces_normales, format_nombre
from widgets.calculs.saisie import SaisieInvalide, nombre, quantite, taux

__all__ = [
    "EffectifErlangC",
    "NiveauDeService",
    "duree_moyenne_traitement",
    "effectif_erlang_c",
    "erlang_c",
    "niveau_de_service",
    "taux_de_decroche",
    "taux_occupation",
    "taux_resolution_premier_contact",
    "trafic_erlangs",
]

SECONDES_PAR_HEURE = Decimal(3600)
TRAFIC_MAXI = Decimal(10_000)
"""Largest traffic accepted (erlangs): beyond it the search would run for minutes, and no
contact centre of an exercise needs it (10 000 erlangs = 200 000 calls an hour of 3 min)."""


def _n(valeur: int | Decimal) -> str:
    """A number in a French message: ``12000`` → ``12 000``, ``Decimal("2.5")`` → ``2,5``."""
    return espaces_normales(format_nombre(valeur))


def _pourcentage(numerateur: int | Decimal, denominateur: int | Decimal) -> Decimal:
    return arrondi(Decimal(numerateur) * CENT / Decimal(denominateur), 2)


def _part(petit: object, grand: object, champ_petit: str, champ_grand: str) -> Decimal:
    """petit / grand × 100 for two counts, the base at least 1 and not below the part."""
    g = quantite(grand, champ_grand, minimum=1)
    p = quantite(petit, champ_petit, minimum=0)
    if p > g:
        raise SaisieInvalide(
            f"les {champ_petit.lower()} ({_n(p)}) ne peuvent pas dépasser les "
            f"{champ_grand.lower()} ({_n(g)}).",
            champ=champ_petit,
        )
    return _pourcentage(p, g)


def _duree(valeur: object, champ: str) -> Decimal:
    return nombre(valeur, champ, positif=True)


# --------------------------------------------------------------------------- activity KPIs


def duree_moyenne_traitement(
    temps_communication: object, temps_post_appel: object, appels_traites: object
) -> Decimal:
    """DMT in seconds = (temps de communication + temps de post-appel) / appels traités,
    rounded half-up to 0,01 s (times given in seconds, totals over the period).

    Example: 52 000 s of talk and 8 000 s of wrap-up for 300 calls → 60 000 / 300 = 200 s.
    """
    communication = _duree(temps_communication, "Temps de communication")
    post_appel = _duree(temps_post_appel, "Temps de post-appel")
    appels = quantite(appels_traites, "Appels traités", minimum=1)
    return arrondi((communication + post_appel) / appels, 2)


def taux_de_decroche(appels_recus: object, appels_decroches: object) -> Decimal:
    """Taux de décroché = appels décrochés / appels reçus × 100 (0,01 point).

    Example: 1 200 calls received, 1 104 answered → 92 %.
    """
    return _part(appels_decroches, appels_recus, "Appels décrochés", "Appels reçus")


def taux_resolution_premier_contact(
    contacts_traites: object, resolus_premier_contact: object
) -> Decimal:
    """Taux de résolution au premier contact = résolus dès le premier contact / contacts
    traités × 100 (0,01 point).

    Example: 450 contacts handled, 333 solved at once → 74 %.
    """
    return _part(
        resolus_premier_contact,
        contacts_traites,
        "Résolus au premier contact",
        "Contacts traités",
    )


def taux_occupation(temps_connecte: object, temps_traitement: object) -> Decimal:
    """Taux d'occupation = temps de traitement (communication + post-appel) / temps connecté
    disponible pour les appels × 100 (0,01 point); both in the same unit.

    Example: 7 h logged in (25 200 s), 20 160 s handling calls → 80 %.
    """
    connecte = _duree(temps_connecte, "Temps connecté")
    traitement = _duree(temps_traitement, "Temps de traitement")
    if connecte == 0:
        raise SaisieInvalide(
            "le temps connecté doit être supérieur à zéro.", champ="Temps connecté"
        )
    if traitement > connecte:
        raise SaisieInvalide(
            "le temps de traitement ne peut pas dépasser le temps connecté.",
            champ="Temps de traitement",
        )
    return _pourcentage(traitement, connecte)


# --------------------------------------------------------------------------- Erlang C


def _charge(appels_par_heure: object, dmt_secondes: object) -> tuple[Decimal, Decimal]:
    """(λ per hour, DMT in seconds), read and checked."""
    lam = nombre(appels_par_heure, "Appels par heure", positif=True)
    dmt = nombre(dmt_secondes, "DMT (secondes)", positif=True)
    if dmt == 0:
        raise SaisieInvalide(
            "la durée moyenne de traitement doit être supérieure à zéro.", champ="DMT (secondes)"
        )
    if lam * dmt / SECONDES_PAR_HEURE > TRAFIC_MAXI:
        raise SaisieInvalide(
            "trafic trop élevé : au plus 10 000 erlangs (appels par heure × DMT / 3 600).",
            champ="Appels par heure",
        )
    return lam, dmt


def trafic_erlangs(appels_par_heure: object, dmt_secondes: object) -> Decimal:
    """Traffic A = appels par heure × DMT (s) / 3 600, in erlangs, exact (not rounded).

    Example: 200 calls an hour (100 per half-hour) of 180 s → 200 × 180 / 3 600 = 10 erlangs.
    """
    lam, dmt = _charge(appels_par_heure, dmt_secondes)
    return lam * dmt / SECONDES_PAR_HEURE


def _erlang_c(agents: int, trafic: Decimal) -> Decimal:
    """Probability of waiting C(N, A) in [0, 1], exact to the context precision (N > A)."""
    b = Decimal(1)
    for k in range(1, agents + 1):
        b = trafic * b / (k + trafic * b)
    return agents * b / (agents - trafic * (1 - b))


def erlang_c(agents: object, trafic: object) -> Decimal:
    """Erlang C: probability (0 to 1, exact to 28 digits) that a call waits, for ``agents``
    agents and ``trafic`` erlangs; the agents must outnumber the traffic.

    Example: C(14, 10) = 0,17413… (about one call in six waits).
    """
    n = _agents(agents)
    a = nombre(trafic, "Trafic (erlangs)", positif=True)
    _stable(n, a)
    with localcontext() as ctx:
        ctx.prec = 28
        return +_erlang_c(n, a)


def _agents(valeur: object) -> int:
    n = quantite(valeur, "Nombre d'agents", minimum=1)
    if n > 2 * TRAFIC_MAXI:
        raise SaisieInvalide("au plus 20 000 agents.", champ="Nombre d'agents")
    return n


def _stable(agents: int, trafic: Decimal) -> None:
    if agents <= trafic:
        raise SaisieInvalide(
            f"avec {_n(agents)} agents pour un trafic de {_n(arrondi(trafic, 2))} erlangs, la file "
            "d'attente s'allonge sans fin : il faut plus d'agents que d'erlangs.",
            champ="Nombre d'agents",
        )


@dataclass(frozen=True)
class NiveauDeService:
    """What N agents achieve (Erlang C). Rates in %, times in seconds, all to 0,01.

    ``trafic`` is rounded to 4 decimals for display; the figures come from the exact one.
    """

    agents: int
    trafic: Decimal
    probabilite_attente: Decimal
    niveau_service: Decimal
    attente_moyenne: Decimal
    taux_occupation: Decimal


def _niveau(
    agents: int, lam: Decimal, dmt: Decimal, delai: Decimal
) -> tuple[NiveauDeService, Decimal]:
    """The rounded results and the EXACT service level (a fraction of 1)."""
    with localcontext() as ctx:
        ctx.prec = 28
        a = lam * dmt / SECONDES_PAR_HEURE
        if a == 0:
            return NiveauDeService(agents, Decimal(0), Decimal(0), CENT, Decimal(0), Decimal(0)), (
                Decimal(1)
            )
        _stable(agents, a)
        c = _erlang_c(agents, a)
        sl = 1 - c * (-(agents - a) * delai / dmt).exp()
        asa = c * dmt / (agents - a)
        resultat = NiveauDeService(
            agents=agents,
            trafic=arrondi(a, 4),
            probabilite_attente=arrondi(c * CENT, 2),
            niveau_service=arrondi(sl * CENT, 2),
            attente_moyenne=arrondi(asa, 2),
            taux_occupation=arrondi(a / agents * CENT, 2),
        )
    return resultat, sl


def niveau_de_service(
    agents: object, appels_par_heure: object, dmt_secondes: object, delai_secondes: object
) -> NiveauDeService:
    """Service level, probability of waiting, mean wait (ASA) and occupancy of N agents.

    SL = 1 − C(N, A) × e^(−(N − A) × t / DMT); ASA = C(N, A) × DMT / (N − A); occupancy =
    A / N. N must exceed A (French error otherwise).

    Example: 14 agents, 200 calls an hour of 180 s (A = 10), t = 20 s → P(wait) 17,41 %,
    SL 88,84 %, ASA 7,84 s, occupancy 71,43 %.
    """
    n = _agents(agents)
    lam, dmt = _charge(appels_par_heure, dmt_secondes)
    delai = _duree(delai_secondes, "Délai de réponse (secondes)")
    return _niveau(n, lam, dmt, delai)[0]


@dataclass(frozen=True)
class EffectifErlangC:
    """The smallest team reaching the target, and what it achieves.

    ``agents_sans_file`` = ⌈A⌉, the naive staffing (traffic / capacity) that forgets the
    queue; the Erlang C team is never smaller (it must exceed A), and larger as soon as the
    target asks for a real service level (14 agents against 10 for A = 10, 80/20).
    """

    agents: int
    objectif: Decimal
    delai_secondes: Decimal
    trafic: Decimal
    probabilite_attente: Decimal
    niveau_service: Decimal
    attente_moyenne: Decimal
    taux_occupation: Decimal
    agents_sans_file: int

    def __int__(self) -> int:
        return self.agents


def effectif_erlang_c(
    appels_par_heure: object,
    dmt_secondes: object,
    objectif_pct: object,
    delai_secondes: object,
) -> EffectifErlangC:
    """The smallest number of agents N > A whose service level (share of calls answered
    within ``delai_secondes``) is at least ``objectif_pct`` %, with the Erlang C formula.

    N is searched upwards from ⌊A⌋ + 1; the service level increases with N and tends to
    100 %, so the search ends. The exact service level is compared with the target (the
    displayed one is rounded to 0,01 point). No calls → no agent needed.

    Example: 200 calls an hour of 180 s (A = 10 erlangs), 80 % within 20 s → 13 agents reach
    79,56 % only, 14 agents 88,84 %: N = 14 (10 without the queue).
    """
    lam, dmt = _charge(appels_par_heure, dmt_secondes)
    objectif = taux(objectif_pct, "Objectif de niveau de service", strict_maxi=True)
    delai = _duree(delai_secondes, "Délai de réponse (secondes)")
    a = lam * dmt / SECONDES_PAR_HEURE
    cible = objectif / CENT
    n = math.floor(a) + 1 if a else 0
    while True:
        if n == 0:
            resultat, sl = (
                NiveauDeService(0, Decimal(0), Decimal(0), CENT, Decimal(0), Decimal(0)),
                Decimal(1),
            )
        else:
            resultat, sl = _niveau(n, lam, dmt, delai)
        if sl >= cible:
            break
        n += 1
    return EffectifErlangC(
        agents=n,
        objectif=objectif,
        delai_secondes=delai,
        trafic=resultat.trafic,
        probabilite_attente=resultat.probabilite_attente,
        niveau_service=resultat.niveau_service,
        attente_moyenne=resultat.attente_moyenne,
        taux_occupation=resultat.taux_occupation,
        agents_sans_file=math.ceil(a),
    )
