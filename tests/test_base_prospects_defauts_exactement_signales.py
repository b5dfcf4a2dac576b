"""Each planted defect of ``prospects`` is flagged in ``prospects_defauts``, and only those.

The rules are re-implemented here (regexes, Luhn) instead of importing the generator's.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.donnees.generation.controles import cle_luhn, luhn_valide, siret_valide

EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
TELEPHONE = re.compile(r"^(0[1-9]|\+33 ?[1-9])([ .-]?\d{2}){4}$")
CODE_POSTAL = re.compile(r"^\d{5}$")


def luhn(chiffres: str) -> bool:
    somme = 0
    for i, c in enumerate(reversed(chiffres)):
        d = int(c) * (2 if i % 2 else 1)
        somme += d - 9 if d > 9 else d
    return chiffres.isdigit() and somme % 10 == 0


def cle(texte: str) -> str:
    """Comparison key of a raison sociale: no accents, no case, no dots, single spaces."""
    t = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()
    return " ".join(t.replace(".", "").split())


@pytest.fixture(scope="module")
def donnees(base_demo):
    con = sqlite3.connect(f"file:{base_demo.as_posix()}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    prospects = {r["id_prospect"]: r for r in con.execute("SELECT * FROM prospects")}
    defauts: dict[int, list[sqlite3.Row]] = {}
    for d in con.execute("SELECT * FROM prospects_defauts"):
        defauts.setdefault(d["id_prospect"], []).append(d)
    villes = {r[0]: r[1] for r in con.execute("SELECT code_postal, nom FROM communes")}
    noms_communes = {r[0] for r in con.execute("SELECT nom FROM communes")}
    con.close()
    return prospects, defauts, villes, noms_communes


def _flag(defauts, ident, defaut):
    return [d for d in defauts.get(ident, []) if d["defaut"] == defaut]


def test_every_kind_of_defect_is_present_and_a_row_has_at_most_one(donnees):
    prospects, defauts, _, _ = donnees
    genres = {d["defaut"] for liste in defauts.values() for d in liste}
    assert genres == {
        "doublon",
        "email_invalide",
        "telephone_invalide",
        "code_postal_invalide",
        "champ_manquant",
        "casse",
        "siret_invalide",
    }
    assert all(len(liste) == 1 for liste in defauts.values())
    assert 0.15 * len(prospects) <= len(defauts) <= 0.4 * len(prospects)


def test_flagged_emails_fail_the_rule_and_unflagged_ones_pass(donnees):
    prospects, defauts, _, _ = donnees
    for ident, p in prospects.items():
        if _flag(defauts, ident, "champ_manquant") and not p["email"]:
            continue
        assert (EMAIL.match(p["email"]) is None) == bool(_flag(defauts, ident, "email_invalide")), (
            p["email"]
        )


def test_flagged_phones_fail_the_rule_and_unflagged_ones_pass(donnees):
    prospects, defauts, _, _ = donnees
    for ident, p in prospects.items():
        if _flag(defauts, ident, "champ_manquant") and not p["telephone"]:
            continue
        invalide = TELEPHONE.match(p["telephone"]) is None
        assert invalide == bool(_flag(defauts, ident, "telephone_invalide")), p["telephone"]


def test_flagged_postcodes_fail_the_rule_and_unflagged_ones_pass(donnees):
    prospects, defauts, villes, _ = donnees
    for ident, p in prospects.items():
        if _flag(defauts, ident, "champ_manquant") and not p["code_postal"]:
            continue
        invalide = CODE_POSTAL.match(p["code_postal"]) is None
        assert invalide == bool(_flag(defauts, ident, "code_postal_invalide")), p["code_postal"]
        if not invalide:
            assert p["code_postal"] in villes


def test_luhn_fails_exactly_on_flagged_sirets(donnees):
    prospects, defauts, _, _ = donnees
    for ident, p in prospects.items():
        if _flag(defauts, ident, "champ_manquant") and not p["siret"]:
            continue
        assert len(p["siret"]) == 14
        assert (not luhn(p["siret"])) == bool(_flag(defauts, ident, "siret_invalide")), p["siret"]


def test_missing_fields_are_exactly_the_flagged_ones(donnees):
    prospects, defauts, _, _ = donnees
    colonnes = ("email", "telephone", "contact_nom", "code_postal", "ville", "siret")
    for ident, p in prospects.items():
        vides = [c for c in colonnes if p[c] in (None, "")]
        attendus = [d["detail"] for d in _flag(defauts, ident, "champ_manquant")]
        assert vides == attendus, ident


def test_an_empty_value_is_null_or_empty_text_never_spaces(donnees):
    # « non vide » in the exercises: `x <> ''`, `TRIM(x) <> ''` and `x IS NOT NULL AND x <> ''`
    # must select the same rows, and an invalid value is never an empty one
    prospects, defauts, _, _ = donnees
    for ident, p in prospects.items():
        for colonne in ("email", "telephone", "code_postal"):
            valeur = p[colonne]
            if valeur is not None and not valeur.strip():
                assert valeur == "", (ident, colonne, valeur)
            if _flag(defauts, ident, f"{colonne}_invalide"):
                assert valeur and valeur.strip(), (ident, colonne)


def test_case_defects_are_exactly_the_flagged_ones(donnees):
    prospects, defauts, _, noms_communes = donnees
    for ident, p in prospects.items():
        fautes = []
        if p["contact_nom"] and p["contact_nom"] != p["contact_nom"].upper():
            fautes.append("contact_nom")
        prenom = p["contact_prenom"]
        if prenom and (prenom[0] != prenom[0].upper() or prenom[1:] != prenom[1:].lower()):
            fautes.append("contact_prenom")
        if p["ville"] and p["ville"] not in noms_communes:
            fautes.append("ville")
        assert fautes == [d["detail"] for d in _flag(defauts, ident, "casse")], ident


def test_duplicates_name_an_earlier_clean_original_with_the_same_siret(donnees):
    prospects, defauts, _, _ = donnees
    doublons = {
        i: _flag(defauts, i, "doublon")[0] for i in prospects if _flag(defauts, i, "doublon")
    }
    assert len(doublons) >= 5
    for ident, d in doublons.items():
        orig = d["id_original"]
        assert d["detail"] == f"doublon du prospect {orig}"
        assert orig < ident and orig not in defauts
        a, b = prospects[ident], prospects[orig]
        assert (a["siret"], a["email"], a["telephone"]) == (b["siret"], b["email"], b["telephone"])
        assert a["raison_sociale"] != b["raison_sociale"]
        assert cle(a["raison_sociale"]) == cle(b["raison_sociale"])
    # no other pair of rows shares a SIRET
    sirets: dict[str, int] = {}
    for ident, p in sorted(prospects.items()):
        if p["siret"] and ident not in doublons:
            assert p["siret"] not in sirets
            sirets[p["siret"]] = ident


def test_known_siret_examples():
    assert siret_valide("73282932000074")
    assert not siret_valide("73282932000075")
    assert not siret_valide("7328293200007")
    assert luhn_valide("732829320")


@given(st.text(alphabet="0123456789", min_size=1, max_size=20), st.data())
def test_luhn_key_makes_any_number_valid_and_one_changed_digit_breaks_it(chiffres, data):
    complet = chiffres + cle_luhn(chiffres)
    assert luhn(complet) and luhn_valide(complet)
    i = data.draw(st.integers(0, len(complet) - 1))
    autre = data.draw(st.sampled_from([c for c in "0123456789" if c != complet[i]]))
    assert not luhn_valide(complet[:i] + autre + complet[i + 1 :])
