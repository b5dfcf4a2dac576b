"""The statistics per segment kept in the data layer's memo are the exact ones (same Resume,
same order, same Decimal values) as resumes_par_groupe(ca_par_segment(...)) + resume of all."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.calculs import SaisieInvalide
from widgets.calculs.statistiques import resume, resumes_par_groupe
from widgets.donnees import portefeuille as P
from widgets.donnees import portefeuille as V
from widgets.donnees.portefeuille import memoire as M


@pytest.mark.parametrize(
    "parametres",
    [
        {},
        {"critere": "secteur"},
        {"debut": "01/07/2024", "fin": "31/12/2024", "critere": "secteur"},
    ],
)
def test_memes_resumes_que_le_calcul_exact(base_demo, parametres):
    groupes = P.ca_par_segment(base_demo, **parametres)
    tous = [v for valeurs in groupes.values() for v in valeurs]
    exact = {**resumes_par_groupe(groupes), "Ensemble": resume(tous)}
    rapide = V.resumes_par_segment(base_demo, **parametres)
    assert list(rapide) == list(exact) and len(exact) > 2
    assert rapide == exact
    assert [str(r.ecart_type) for r in rapide.values()] == [
        str(r.ecart_type) for r in exact.values()
    ]


def test_type_puis_secteur_sans_relire_la_base(base_demo, monkeypatch):
    V.resumes_par_segment(base_demo, critere="type_client")
    lus = []
    original = M._lire
    monkeypatch.setattr(M, "_lire", lambda *a, **k: lus.append(a) or original(*a, **k))
    par_secteur = V.resumes_par_segment(base_demo, critere="secteur")
    assert lus == []  # the per-client frame of the period was kept
    assert par_secteur["Ensemble"].effectif == sum(
        r.effectif for nom, r in par_secteur.items() if nom != "Ensemble"
    )
    assert par_secteur["Ensemble"].total > Decimal(0)


def test_resume_lit_et_trie_une_fois_mais_donne_les_memes_chiffres():
    # 9 values, 15 000 is an outlier: mean 2 550, median 1 000, Q1 900, Q3 1 200
    r = resume([1200, 800, 950, 15000, 1100, 700, 1300, 900, 1000])
    assert (r.moyenne, r.mediane, r.q1, r.q3) == (2550, 1000, 900, 1200)
    assert (r.minimum, r.maximum, r.total) == (700, 15000, 22950)
    # σ² = Σ(x − 2 550)² / 9 = 174 660 000 / 9 = 19 406 666,67 → σ = 4 405,2998…
    assert round(r.ecart_type, 2) == Decimal("4405.30")


def test_critere_inconnu(base_demo):
    with pytest.raises(SaisieInvalide, match="critère inconnu"):
        V.resumes_par_segment(base_demo, critere="ville")
