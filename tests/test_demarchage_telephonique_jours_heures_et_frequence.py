"""Issue 22, « Phoning hours and frequency » (décret n° 2022-1313 du 13 octobre 2022, C. consom.
art. D223-9): Monday–Friday 10 h–13 h and 14 h–20 h, no weekends nor public holidays (Easter-
based ones included), at most 4 calls per 30 days to the same consumer, 60 days of silence
after a refusal; checked on hand-built planned call lists, each refused call with its French
reason, and shown in the campaign widget."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from widgets.calculs import SaisieInvalide
from widgets.calculs.demarchage_telephonique import (
    AppelPrevu,
    controler_appels,
    jours_feries,
    lire_appels,
)


def _a(contact: str, jour: str, heure: str = "11:00", **kw) -> AppelPrevu:
    j, m, a = (int(x) for x in jour.split("/"))
    h, mi = (int(x) for x in heure.split(":"))
    return AppelPrevu(contact, datetime(a, m, j, h, mi), **kw)


def _refuses(appels) -> dict[tuple[str, str], str]:
    return {
        (r.appel.contact, r.appel.moment.strftime("%d/%m/%Y %H:%M")): " ; ".join(r.motifs)
        for r in controler_appels(appels)
    }


def test_public_holidays_include_the_easter_based_ones():
    # Easter 2026: 5 April → Monday 6 April, Ascension 14 May (+39), Whit Monday 25 May (+50)
    f2026 = jours_feries(2026)
    assert f2026[date(2026, 4, 6)] == "lundi de Pâques"
    assert f2026[date(2026, 5, 14)] == "Ascension"
    assert f2026[date(2026, 5, 25)] == "lundi de Pentecôte"
    # Easter 2027: 28 March → 29 March, 6 May, 17 May
    f2027 = jours_feries(2027)
    assert {date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)} <= set(f2027)
    assert len(f2026) == len(f2027) == 11


@pytest.mark.parametrize(
    ("heure", "permis"),
    [
        ("09:59", False),
        ("10:00", True),
        ("12:59", True),
        ("13:00", False),
        ("13:59", False),
        ("14:00", True),
        ("19:59", True),
        ("20:00", False),
    ],
)
def test_hours_10_to_13_and_14_to_20(heure, permis):
    refuses = _refuses([_a("Léa", "07/12/2026", heure)])  # a Monday
    assert (not refuses) is permis
    if not permis:
        assert "en dehors des plages de 10 h à 13 h et de 14 h à 20 h" in next(
            iter(refuses.values())
        )


def test_weekends_and_public_holidays_are_refused_unless_the_consumer_consented():
    refuses = _refuses(
        [
            _a("A", "12/12/2026"),  # Saturday
            _a("B", "13/12/2026"),  # Sunday
            _a("C", "25/12/2026", "15:00"),  # Friday, Christmas
            _a("D", "06/04/2026"),  # Easter Monday
            _a("E", "14/05/2026"),  # Thursday, Ascension
            _a("F", "12/12/2026", "21:00", consentement_horaires=True),
            _a("G", "08/12/2026"),  # an ordinary Tuesday
        ]
    )
    assert set(refuses) == {
        ("A", "12/12/2026 11:00"),
        ("B", "13/12/2026 11:00"),
        ("C", "25/12/2026 15:00"),
        ("D", "06/04/2026 11:00"),
        ("E", "14/05/2026 11:00"),
    }
    assert refuses[("A", "12/12/2026 11:00")].startswith("samedi : pas de démarchage le week-end")
    assert refuses[("C", "25/12/2026 15:00")].startswith("jour férié (Noël)")
    assert refuses[("D", "06/04/2026 11:00")].startswith("jour férié (lundi de Pâques)")
    assert "C. consom., art. D223-9" in refuses[("E", "14/05/2026 11:00")]


def test_at_most_four_calls_in_thirty_days_to_the_same_consumer():
    appels = [
        _a("Léa", "01/12/2026"),  # Tuesday
        _a("Léa", "02/12/2026"),
        _a("Léa", "03/12/2026"),
        _a("Léa", "04/12/2026"),
        _a("Léa", "07/12/2026"),  # 5th within 08/11–07/12: refused
        _a("Hugo", "07/12/2026"),  # another consumer: allowed
        _a("Léa", "30/12/2026"),  # window 01/12–30/12 still holds 4 calls: refused
        _a("Léa", "31/12/2026"),  # window 02/12–31/12 holds 3: allowed
        _a("Léa", "05/12/2026", consentement_horaires=True),  # consent lifts the day, not the count
    ]
    refuses = _refuses(appels)
    assert set(refuses) == {
        ("Léa", "07/12/2026 11:00"),
        ("Léa", "30/12/2026 11:00"),
        ("Léa", "05/12/2026 11:00"),
    }
    assert refuses[("Léa", "07/12/2026 11:00")] == (
        "déjà 4 appels du 01/12/2026 au 07/12/2026 : 4 appels au plus par période de 30 jours "
        "(C. consom., art. D223-9, issu du décret n° 2022-1313 du 13 octobre 2022)"
    )


def test_sixty_days_of_silence_after_a_refusal():
    refuses = _refuses(
        [
            _a("Inès", "08/12/2026", "19:00", refus=True),
            _a("Inès", "15/12/2026", "10:00"),
            _a("Inès", "05/02/2027", "10:00"),  # 59 days later: refused
            _a("Inès", "08/02/2027", "10:00"),  # 62 days later: allowed
        ]
    )
    assert set(refuses) == {("Inès", "15/12/2026 10:00"), ("Inès", "05/02/2027 10:00")}
    assert (
        "refus du 08/12/2026 : pas de nouvel appel avant le 07/02/2027"
        in refuses[("Inès", "05/02/2027 10:00")]
    )


def test_the_call_list_is_read_in_french_with_line_numbers():
    appels = lire_appels("Léa ; 07/12/2026 10 h 30 ; consentement\n\nHugo;2026-12-08 14h ; refus")
    assert appels == [
        AppelPrevu("Léa", datetime(2026, 12, 7, 10, 30), True, False),
        AppelPrevu("Hugo", datetime(2026, 12, 8, 14, 0), False, True),
    ]
    with pytest.raises(SaisieInvalide) as e:
        lire_appels("Léa ; 07/12/2026 10:30\nHugo 08/12/2026")
    assert e.value.champ == "Appels prévus, ligne 2"
    with pytest.raises(SaisieInvalide, match="seuls « consentement » et « refus »"):
        lire_appels("Léa ; 07/12/2026 10:30 ; accord")


def test_the_campaign_widget_checks_the_call_plan(base_demo):
    from widgets.ui.campagne import ConstructeurCampagne

    c = ConstructeurCampagne(base=base_demo)
    c.appels.liste.value = "Léa ; 07/12/2026 10:30\nLéa ; 12/12/2026 10:30"
    assert len(c.appels.resultat) == 1
    texte = c.appels.zone_resultat._contenu
    assert "1 appel refusé" in texte and "samedi 12/12/2026 à 10 h 30" in texte
    c.appels.liste.value = "Léa ; 07/12/2026"
    assert "ligne 1" in c.appels.erreur
