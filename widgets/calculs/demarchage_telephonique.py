"""Démarchage téléphonique des consommateurs : jours, heures et fréquence des appels
(décret n° 2022-1313 du 13 octobre 2022, C. consom. art. D223-9, in force since 1 March 2023;
C. consom. art. L223-1 and following).

Pure: a planned call list in, each refused call with its French reasons out.

- Monday to Friday only, never on a public holiday of C. trav. art. L3133-1 (1 January, Easter
  Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August, 1 November, 11 November,
  25 December; Easter from ``dateutil.easter``). The two extra days of Alsace-Moselle (Good
  Friday, 26 December, C. trav. L3134-13) are not applied.
- From 10 h to 13 h and from 14 h to 20 h, the consumer's local time: a call starts in
  [10:00, 13:00[ or [14:00, 20:00[.
- Days and hours do not apply when the consumer gave an express prior consent to be called
  outside them (``consentement_horaires``).
- At most 4 calls (or attempts) by the same professional to the same consumer in any period
  of 30 calendar days: a call is refused when 4 calls already kept fall within the 30 days
  ending on its day.
- After a consumer refused during a conversation (``refus``), no call before 60 full calendar
  days have passed (« révolus »): refused on 8 December, the next call may come on 7 February
  (the prudent reading: the 60 days run from the day after the refusal).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.easter import easter

from widgets.calculs.saisie import SaisieInvalide, date_francaise

__all__ = [
    "AppelPrevu",
    "AppelRefuse",
    "controler_appels",
    "jours_feries",
    "lire_appels",
]

ARTICLE = "C. consom., art. D223-9, issu du décret n° 2022-1313 du 13 octobre 2022"
PLAGES = ((time(10, 0), time(13, 0)), (time(14, 0), time(20, 0)))
APPELS_MAXI = 4
FENETRE_JOURS = 30
DELAI_APRES_REFUS_JOURS = 60
_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def jours_feries(annee: int) -> dict[date, str]:
    """The public holidays of C. trav. art. L3133-1 for ``annee``: date → French name."""
    paques = easter(annee)
    return {
        date(annee, 1, 1): "jour de l'An",
        paques + timedelta(days=1): "lundi de Pâques",
        date(annee, 5, 1): "fête du Travail",
        date(annee, 5, 8): "Victoire 1945",
        paques + timedelta(days=39): "Ascension",
        paques + timedelta(days=50): "lundi de Pentecôte",
        date(annee, 7, 14): "fête nationale",
        date(annee, 8, 15): "Assomption",
        date(annee, 11, 1): "Toussaint",
        date(annee, 11, 11): "Armistice 1918",
        date(annee, 12, 25): "Noël",
    }


@dataclass(frozen=True)
class AppelPrevu:
    """One call to a consumer: who (any identifier), when (the consumer's local time), whether
    the consumer consented in advance to calls outside the legal days and hours, and whether
    he refused the canvassing during this call (a past call of the list)."""

    contact: str
    moment: datetime
    consentement_horaires: bool = False
    refus: bool = False


@dataclass(frozen=True)
class AppelRefuse:
    appel: AppelPrevu
    motifs: tuple[str, ...]

    def texte(self) -> str:
        """« Appel à Léa le mardi 01/12/2026 à 12 h 30 : motif ; motif »."""
        return f"Appel à {self.appel.contact} le {_quand(self.appel.moment)} : " + " ; ".join(
            self.motifs
        )


def _heure(t: time) -> str:
    return f"{t.hour} h" if not t.minute else f"{t.hour} h {t.minute:02d}"


def _quand(moment: datetime) -> str:
    return f"{_JOURS[moment.weekday()]} {moment.strftime('%d/%m/%Y')} à {_heure(moment.time())}"


def _motifs_jour_et_heure(appel: AppelPrevu) -> list[str]:
    if appel.consentement_horaires:
        return []
    motifs = []
    jour = appel.moment.date()
    if jour.weekday() >= 5:
        motifs.append(f"{_JOURS[jour.weekday()]} : pas de démarchage le week-end ({ARTICLE})")
    elif nom := jours_feries(jour.year).get(jour):
        motifs.append(f"jour férié ({nom}) : pas de démarchage ({ARTICLE})")
    heure = appel.moment.time()
    if not any(debut <= heure < fin for debut, fin in PLAGES):
        motifs.append(f"en dehors des plages de 10 h à 13 h et de 14 h à 20 h ({ARTICLE})")
    return motifs


def controler_appels(appels: Iterable[AppelPrevu]) -> tuple[AppelRefuse, ...]:
    """The calls of the list the law forbids, each with every reason, in chronological order.

    Calls are taken in chronological order (ties: in the order given); a refused call is not
    made, so it does not count towards the 4 calls in 30 days.
    """
    faits: dict[str, list[date]] = {}
    refus: dict[str, date] = {}
    refuses = []
    ordre = sorted(enumerate(appels), key=lambda x: (x[1].moment, x[0]))
    for _, appel in ordre:
        jour = appel.moment.date()
        motifs = _motifs_jour_et_heure(appel)
        if (depuis := refus.get(appel.contact)) is not None and (
            jour - depuis
        ).days <= DELAI_APRES_REFUS_JOURS:
            motifs.append(
                f"moins de 60 jours après son refus du {depuis.strftime('%d/%m/%Y')} : pas de "
                f"nouvel appel avant le "
                f"{(depuis + timedelta(days=DELAI_APRES_REFUS_JOURS + 1)).strftime('%d/%m/%Y')} "
                f"({ARTICLE})"
            )
        debut_fenetre = jour - timedelta(days=FENETRE_JOURS - 1)
        recents = [d for d in faits.get(appel.contact, []) if debut_fenetre <= d <= jour]
        if len(recents) >= APPELS_MAXI:
            motifs.append(
                f"déjà {len(recents)} appels du {min(recents).strftime('%d/%m/%Y')} au "
                f"{jour.strftime('%d/%m/%Y')} : 4 appels au plus par période de 30 jours "
                f"({ARTICLE})"
            )
        if motifs:
            refuses.append(AppelRefuse(appel, tuple(motifs)))
            continue
        faits.setdefault(appel.contact, []).append(jour)
        if appel.refus:
            refus[appel.contact] = jour
    return tuple(refuses)


_LIGNE = re.compile(
    r"^(?P<contact>[^;]+);(?P<date>[^;]+?)\s+(?P<h>\d{1,2})\s*[h:]\s*(?P<m>\d{2})?(?P<reste>.*)$"
)


def lire_appels(texte: str) -> list[AppelPrevu]:
    """One call a line: ``Léa ; 01/12/2026 10:30`` (or ``10 h 30``, ``10h``), then optionally
    ``; consentement`` (consented to calls outside the legal hours) and/or ``; refus`` (the
    consumer refused during this call). French error naming the line otherwise."""
    appels = []
    for numero, ligne in enumerate(texte.splitlines(), start=1):
        if not ligne.strip():
            continue
        champ = f"Appels prévus, ligne {numero}"
        trouve = _LIGNE.match(ligne.strip())
        if not trouve:
            raise SaisieInvalide(
                f"« {ligne.strip()} » : écrivez « contact ; jj/mm/aaaa hh:mm » (ex. « Léa ; "
                "01/12/2026 10:30 »).",
                champ=champ,
            )
        jour = date_francaise(trouve["date"].strip(), champ)
        heure, minute = int(trouve["h"]), int(trouve["m"] or 0)
        if heure > 23 or minute > 59:
            raise SaisieInvalide(f"heure « {heure}:{minute:02d} » impossible.", champ=champ)
        options = {x.strip().lower() for x in trouve["reste"].split(";") if x.strip()}
        inconnues = options - {"consentement", "refus"}
        if inconnues:
            raise SaisieInvalide(
                f"« {', '.join(sorted(inconnues))} » : après l'heure, seuls « consentement » et "
                "« refus » sont compris.",
                champ=champ,
            )
        appels.append(
            AppelPrevu(
                trouve["contact"].strip(),
                datetime.combine(jour, time(heure, minute)),
                "consentement" in options,
                "refus" in options,
            )
        )
    return appels
