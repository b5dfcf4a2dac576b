"""The rules table of widgets.calculs.campagne on a hand-made file: each rule excludes exactly
the contacts that break it, on each channel, before and after the 11 August 2026 switch of
telephone canvassing to prior consent (loi n° 2025-594 du 30 juin 2025)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.calculs.campagne import (
    REGLES,
    Contact,
    Message,
    accorder,
    appliquer_regles,
    controler_message,
    limite_conservation,
    rapport_conformite,
    rapport_markdown,
)

AVANT = date(2026, 6, 1)  # Bloctel regime
APRES = date(2026, 12, 1)  # opt-in regime (today)
RECENT = date(2026, 3, 1)


def _c(ident: int, **kw) -> Contact:
    base = dict(
        public="B2C",
        email=f"p{ident}@orange.fr",
        # one number and one address per person: a shared number now means the same person
        telephone=f"06 12 34 56 {ident:02d}",
        adresse=f"{ident} rue de la Paix, 75002 Paris",
        consentement_email_sms="oui",
        consentement_telephone="oui",
        date_dernier_contact=RECENT,
    )
    base.update(kw)
    return Contact(ident, **base)


FICHIER = [
    _c(1),  # B2C, everything valid
    _c(2, public="B2B", consentement_email_sms=None, consentement_telephone=None, bloctel=True),
    _c(3, opposition=True),
    _c(4, date_dernier_contact=date(2023, 5, 31)),  # > 3 years before 01/06/2026 and 01/12/2026
    _c(5, date_dernier_contact=None),
    _c(6, consentement_email_sms=None),
    _c(7, consentement_email_sms="non"),
    _c(8, consentement_email_sms="case pré-cochée"),
    _c(9, bloctel=True),
    _c(10, consentement_telephone=None),
    _c(11, consentement_telephone="case pré-cochée"),
    _c(12, email=None, telephone="01 45 67 89 10", adresse=""),  # landline: no SMS
    _c(13, date_dernier_contact=date(2023, 11, 30)),  # kept on 01/06/2026, too old on 01/12/2026
]


def _exclus(canal: str, jour: date) -> dict[str, list[int]]:
    return {k: v for k, v in appliquer_regles(FICHIER, canal, jour).exclus_par_regle().items() if v}


def test_email_b2c_needs_opt_in_and_a_pre_ticked_box_is_no_consent():
    assert _exclus("email", APRES) == {
        "COORDONNEE": [12],
        "OPPOSITION": [3],
        "CONSERVATION": [4, 5, 13],
        "OPTIN_EMAIL_SMS": [6, 7],
        "CASE_PRECOCHEE": [8],
    }
    # the B2B contact without any consent stays: information + opposition are enough
    retenus = [c.ident for c in appliquer_regles(FICHIER, "email", APRES).retenus]
    assert retenus == [1, 2, 9, 10, 11]


def test_sms_needs_a_mobile_number():
    assert _exclus("SMS", APRES)["COORDONNEE"] == [12]
    assert _exclus("sms", APRES)["CASE_PRECOCHEE"] == [8]


def test_phoning_before_11_august_2026_excludes_bloctel_numbers_of_consumers_only():
    exclus = _exclus("phoning", AVANT)
    assert exclus == {"OPPOSITION": [3], "CONSERVATION": [4, 5], "BLOCTEL": [9]}
    # contact 2 is on Bloctel but B2B: Bloctel protects consumers only


def test_phoning_since_11_august_2026_needs_prior_consent_bloctel_no_longer_enough():
    exclus = _exclus("telephone", APRES)
    assert exclus == {
        "OPPOSITION": [3],
        "CONSERVATION": [4, 5, 13],
        "OPTIN_TELEPHONE": [10, 11],
    }
    # contact 9 is on Bloctel but consented: the consent now decides
    assert "BLOCTEL" not in {
        r.code for r in appliquer_regles(FICHIER, "telephone", APRES).regles_appliquees
    }


@pytest.mark.parametrize(
    ("jour", "en_vigueur"),
    [(date(2026, 8, 10), "BLOCTEL"), (date(2026, 8, 11), "OPTIN_TELEPHONE")],
)
def test_the_switch_happens_on_11_august_2026(jour, en_vigueur):
    codes = {r.code for r in appliquer_regles(FICHIER, "telephone", jour).regles_appliquees}
    assert en_vigueur in codes
    assert {"BLOCTEL", "OPTIN_TELEPHONE"} - codes == {"BLOCTEL", "OPTIN_TELEPHONE"} - {en_vigueur}


def test_postal_mail_only_respects_objection_retention_and_address():
    assert _exclus("courrier", APRES) == {
        "COORDONNEE": [12],
        "OPPOSITION": [3],
        "CONSERVATION": [4, 5, 13],
    }


def test_retention_is_three_years_from_the_last_contact():
    # campaign on 01/12/2026: last contact on 01/12/2023 still allowed, 30/11/2023 not
    assert limite_conservation(date(2026, 12, 1)) == date(2023, 12, 1)
    assert limite_conservation(date(2028, 2, 29)) == date(2025, 2, 28)
    garde = _c(20, date_dernier_contact=date(2023, 12, 1))
    perime = _c(21, date_dernier_contact=date(2023, 11, 30))
    r = appliquer_regles([garde, perime], "courrier", date(2026, 12, 1))
    assert [c.ident for c in r.retenus] == [20]
    assert r.exclus_par_regle()["CONSERVATION"] == [21]


def test_every_rule_names_its_article_and_explains_in_french():
    for r in REGLES:
        assert r.article and r.explication.endswith(".")
        assert r.intitule[0].isupper()
    articles = " ".join(r.article for r in REGLES)
    for reference in ("CPCE, art. L34-5", "art. L223-1", "loi n° 2025-594", "RGPD, art. 21"):
        assert reference in articles


def test_the_message_needs_unsubscribe_and_identity_and_b2b_a_professional_subject():
    rien = controler_message(Message(), "email", ["B2B", "B2C"], APRES)
    assert [m.regle.code for m in rien] == [
        "DESINSCRIPTION",
        "IDENTITE",
        "OBJET_PROFESSIONNEL",
        "DROIT_OPPOSITION",
    ]
    assert not any(m.respecte for m in rien)
    b2c = controler_message(Message(True, True, False, True), "sms", ["B2C"], APRES)
    assert all(m.respecte for m in b2c)  # the professional subject is not asked in B2C
    courrier = controler_message(Message(), "courrier", ["B2C"], APRES)
    assert [m.regle.code for m in courrier] == ["DROIT_OPPOSITION"]


def test_the_report_agrees_in_number_and_cites_the_rules():
    rapport = rapport_conformite(FICHIER[:1], "email", APRES, Message(True, True, True, True))
    texte = rapport_markdown(rapport)
    assert "Retenus : 1 contact retenu" in texte
    assert "Exclus : aucun contact exclu" in texte
    assert "(s)" not in texte
    assert "CPCE, art. L34-5" in texte
    assert rapport.conforme
    assert accorder(1234, "contact") == "1\u202f234 contacts"


def test_an_unknown_channel_is_refused_in_french():
    with pytest.raises(SaisieInvalide, match="canal « fax » inconnu"):
        appliquer_regles(FICHIER, "fax", APRES)


contacts = st.builds(
    Contact,
    ident=st.integers(1, 10_000),
    public=st.sampled_from(["B2B", "B2C", ""]),
    email=st.one_of(st.none(), st.just("a@b.fr")),
    telephone=st.one_of(st.none(), st.sampled_from(["06 11 22 33 44", "01 23 45 67 89"])),
    adresse=st.one_of(st.none(), st.just("1 rue X")),
    consentement_email_sms=st.sampled_from([None, "oui", "non", "case pré-cochée"]),
    consentement_telephone=st.sampled_from([None, "oui", "non", "case pré-cochée"]),
    opposition=st.booleans(),
    bloctel=st.booleans(),
    date_dernier_contact=st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2026, 12, 1))),
)


@given(st.lists(contacts, max_size=30), st.sampled_from(["email", "sms", "telephone", "courrier"]))
def test_nobody_who_objected_is_ever_targeted_and_nobody_is_lost(fichier, canal):
    r = appliquer_regles(fichier, canal, APRES)
    assert len(r.retenus) + len(r.exclus) == len(fichier)
    assert not any(c.opposition for c in r.retenus)
    assert all(e.regles for e in r.exclus)
    if canal in ("email", "sms"):
        assert all(c.consentement_email_sms == "oui" for c in r.retenus if c.public != "B2B")
