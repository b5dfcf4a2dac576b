"""Issue 10, point 10, and issue 22 (French slips): French agreement in generated statements.

One helper (:mod:`widgets.calculs.francais`) writes « 1 visite », « 2 visites », « 0 visite »,
« une serviette » ; a scan renders EVERY registered exercise (statement, hints, solution) for
300 students and looks for the slips teachers see: « visite(s) », a plural after 0 or 1,
« un serviette », « une peignoir », « de 0,00 € ».
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st
from outils.fautes_de_francais import fautes_de_francais

from widgets.calculs.francais import accorder, pluriel, un
from widgets.exercices.registre import exercices_integres

ETUDIANTS = [f"etudiant-{i}" for i in range(300)]


# words ending in s/x that are singular too (or not nouns): « 1 mois », « 1 fois », « 1 prix »
@pytest.mark.parametrize("code", sorted(exercices_integres()))
def test_chaque_exercice_s_ecrit_sans_faute_d_accord_pour_300_etudiants(code):
    exercice = exercices_integres()[code]
    vues: dict[tuple[str, str], list[str]] = defaultdict(list)
    for etudiant in ETUDIANTS:
        v = exercice.variante(etudiant)
        for texte in (v.enonce, v.solution, *v.indices):
            for faute in fautes_de_francais(texte):
                vues[faute].append(etudiant)
    assert not vues, f"{code} :\n" + "\n".join(
        f"- {nom} : « {extrait} » ({len(qui)} étudiants, dont {qui[0]})"
        for (nom, extrait), qui in list(vues.items())[:8]
    )


@pytest.mark.parametrize(
    "texte",
    [
        "puis **1 visite(s) de suivi**",
        "passer voir **0 clients** pour",
        "passer voir 1 clients pour",
        "Un hypermarché achète un serviette de plage",
        "achète une peignoir",
        "une prime d'objectif de 0,00 €",
        "Une campagne d'e-mailing pour des linge de maison a donné",
        "- Léa : Durée dépassée (RGPD) ; référentiel (3 ans à compter du dernier contact))",
        "Délai : **1119 jours**, soit 3 ans",
        "VAN = 7\u202f585,00\u00a0€ − 10\u202f000,00\u00a0€ = -2\u202f415,00\u00a0€",
        "| Rang | % |\n| --- | --- |\n| 1 | 4,4\u00a0% |\n| 2 | 20,99\u00a0% |",
    ],
)
def test_le_scan_voit_chaque_faute(texte):
    """Issue 22: each French slip of the round-3 review is seen by the scan."""
    assert fautes_de_francais(texte)


@pytest.mark.parametrize(
    "texte",
    [
        "1 mois",
        "01 45 67 89 10",
        "1 234 visites",
        "une serviette de plage",
        "2 visites",
        "1 fois",
        "des serviettes de plage",
        "i = (1 + 8 %)^(1/12) − 1",
        "Délai : **1\u202f119 jours**",
        "en 2025, 1 000 clients",
        "| Rang | % |\n| --- | --- |\n| 1 | 4,40\u00a0% |\n| 2 | 20,99\u00a0% |",
    ],
)
def test_le_scan_laisse_le_francais_correct(texte):
    assert fautes_de_francais(texte) == []


def test_accorder_suit_la_regle_francaise():
    assert accorder(0, "visite") == "0 visite"
    assert accorder(1, "visite") == "1 visite"
    assert accorder(2, "visite") == "2 visites"
    assert accorder(2, "visite de suivi") == "2 visites de suivi"
    assert accorder(3, "client actif", "clients actifs") == "3 clients actifs"
    assert accorder(1234, "client") == "1\u202f234 clients"
    assert accorder(2, "bureau") == "2 bureaux"
    assert accorder(2, "journal") == "2 journaux"
    assert accorder(2, "festival") == "2 festivals"
    assert accorder(2, "prix") == "2 prix"
    assert accorder(2, "travail") == "2 travaux"
    assert accorder(2, "visite", avec_nombre=False) == "visites"
    assert pluriel("pneu") == "pneus"


def test_un_donne_l_article_du_genre():
    assert un("serviette de plage") == "une serviette de plage"
    assert un("pot de confiture") == "un pot de confiture"
    assert un("cabas", genre="m") == "un cabas"
    with pytest.raises(KeyError):
        un("mot inconnu")


@given(st.integers(-10_000, 10_000))
def test_le_pluriel_commence_a_deux(n):
    assert accorder(n, "visite").endswith("visites") == (abs(n) >= 2)
