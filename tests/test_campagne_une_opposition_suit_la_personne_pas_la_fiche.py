"""Issue 22, « An objection follows the person, not the record » (RGPD art. 21 § 3; CNIL):
before targeting, the records of one person are matched on the normalised e-mail, the French
phone number (+33, dots, spaces) and the name + address; an objection, a Bloctel listing or a
refused consent on any record applies to all of them, the person is reached once, and the
compliance report names the duplicates it merged. On the demo base, the duplicates of
prospects 24 and 196 (who objected) are no longer targeted by e-mailing, phoning or courrier.
"""

from __future__ import annotations

from datetime import date

import pytest

from widgets.calculs.campagne import (
    Contact,
    Message,
    appliquer_regles,
    rapport_conformite,
    rapport_markdown,
    regrouper_personnes,
    telephone_normalise,
)
from widgets.donnees import crm

AVANT = date(2026, 6, 1)  # Bloctel regime for phoning
APRES = date(2026, 12, 1)
RECENT = date(2026, 3, 1)


def _c(ident: int, **kw) -> Contact:
    base = dict(
        public="B2C",
        email=f"p{ident}@orange.fr",
        telephone=f"06 00 00 00 {ident:02d}",
        adresse=f"{ident} rue Haute, 75001 Paris",
        consentement_email_sms="oui",
        consentement_telephone="oui",
        date_dernier_contact=RECENT,
    )
    base.update(kw)
    return Contact(ident, **base)


@pytest.mark.parametrize(
    ("saisi", "attendu"),
    [
        ("+33 6 12 34 56 78", "0612345678"),
        ("+33 (0)6 12 34 56 78", "0612345678"),
        ("0033 6 12 34 56 78", "0612345678"),
        ("06.12.34.56.78", "0612345678"),
        ("06-12-34-56-78", "0612345678"),
        ("01 45 67 89 10", "0145678910"),
        ("06 12 34 56", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_french_phone_numbers_are_normalised_to_ten_digits(saisi, attendu):
    assert telephone_normalise(saisi) == attendu


def test_an_objection_on_one_record_excludes_the_same_email_written_otherwise():
    fichier = [
        _c(1, email="Lea.Durand@Exemple.fr", opposition=True),
        _c(2, email=" lea.durand@exemple.fr "),
        _c(3),
    ]
    r = appliquer_regles(fichier, "courrier", APRES)
    assert [c.ident for c in r.retenus] == [3]
    assert r.exclus_par_regle()["OPPOSITION"] == [1, 2]
    assert [f.idents for f in r.fusions] == [(1, 2)]
    assert r.fusions[0].motifs == ("email",)
    assert r.fusions[0].reportes == ("opposition",)


def test_a_bloctel_listing_follows_the_number_written_with_plus_33():
    fichier = [
        _c(4, telephone="+33 6 11 22 33 44", bloctel=True),
        _c(5, telephone="06.11.22.33.44"),
    ]
    r = appliquer_regles(fichier, "telephone", AVANT)
    assert r.retenus == ()
    assert r.exclus_par_regle()["BLOCTEL"] == [4, 5]


def test_a_refused_consent_follows_the_same_name_and_address():
    fichier = [
        _c(
            6,
            personne="Léa Martin",
            adresse="3 rue Haute, 75001 Paris",
            consentement_email_sms="non",
        ),
        _c(7, personne="LEA MARTIN", adresse="3, Rue Haute 75001 PARIS"),
    ]
    r = appliquer_regles(fichier, "email", APRES)
    assert r.retenus == ()
    assert r.exclus_par_regle()["OPTIN_EMAIL_SMS"] == [6, 7]
    assert r.fusions[0].motifs == ("nom_adresse",)
    assert r.fusions[0].reportes == ("refus de l'e-mail et du SMS",)


def test_a_person_entered_twice_without_refusal_is_reached_once():
    fichier = [_c(8, email="jo@free.fr"), _c(9, email="JO@free.fr"), _c(10)]
    r = appliquer_regles(fichier, "email", APRES)
    assert [c.ident for c in r.retenus] == [8, 10]
    assert r.exclus_par_regle()["DOUBLON"] == [9]


def test_empty_e_mails_and_phones_never_make_two_persons_one():
    fichier = [_c(11, email="", telephone="", opposition=True), _c(12, email="", telephone="")]
    r = appliquer_regles(fichier, "courrier", APRES)
    assert [c.ident for c in r.retenus] == [12]
    assert r.fusions == ()
    assert len(regrouper_personnes(fichier)) == 2


def test_an_objection_recorded_outside_the_segment_still_applies():
    hors_segment = _c(13, telephone="07 77 77 77 77", opposition=True, public="B2B")
    segment = [_c(14, telephone="0777777777")]
    r = appliquer_regles(segment, "courrier", APRES, fichier=[hors_segment, *segment])
    assert r.retenus == ()
    assert r.exclus_par_regle()["OPPOSITION"] == [14]
    assert [f.idents for f in r.fusions] == [(14, 13)]


def test_the_compliance_report_names_the_merged_duplicates():
    fichier = [_c(1, email="lea@exemple.fr", opposition=True), _c(2, email="LEA@exemple.fr")]
    texte = rapport_markdown(rapport_conformite(fichier, "email", APRES, Message()))
    assert "## Doublons fusionnés avant le ciblage" in texte
    assert (
        "- n° 1 et n° 2 (même adresse électronique) ; vaut pour toutes ses fiches : opposition"
        in texte
    )


@pytest.mark.parametrize("canal", ["email", "telephone", "courrier"])
def test_demo_base_duplicates_of_objecting_prospects_are_not_targeted(base_demo, canal):
    fichier = crm.contacts_prospects(base_demo)
    b2b = [c for c in fichier if c.public == "B2B"]
    r = appliquer_regles(b2b, canal, APRES, fichier=fichier)
    retenus = {c.ident for c in r.retenus}
    # 142 copies 24 and 248 copies 196 (same e-mail, phone, name and address); 24 and 196
    # objected, their copies did not record it
    assert {142, 248}.isdisjoint(retenus)
    assert {(24, 142), (196, 248)} <= {f.idents for f in r.fusions}
    exclus = {e.contact.ident: {x.code for x in e.regles} for e in r.exclus}
    assert "OPPOSITION" in exclus[142] and "OPPOSITION" in exclus[248]
    # 16, 140, 200 and 351 share only an EMPTY e-mail with 204 (who objected): other persons
    assert not any(204 in f.idents for f in r.fusions)


def test_the_campaign_widget_shows_the_de_duplication_stage(base_demo):
    from widgets.ui.campagne import ConstructeurCampagne

    c = ConstructeurCampagne(base=base_demo)
    c.public.value = "B2B"
    c.canal.value = "courrier"
    r = c.calculer()
    assert r is not None and not {142, 248} & {x.ident for x in r.ciblage.retenus}
    texte = c.zone_resultat._contenu
    assert "Étape 1 — Dédoublonnage" in texte and "Étape 2 — Règles de prospection" in texte
    assert "n° 24 et n° 142" in texte and "vaut pour toutes ses fiches : opposition" in texte
