"""The vectorised RFM scores, segments and weighted scores equal, client by client, those of
the exact functions (``rfm_clients``, ``score_pondere``) on the demo base."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from widgets.calculs import SaisieInvalide
from widgets.calculs.scoring import score_pondere
from widgets.donnees import portefeuille as P
from widgets.donnees import portefeuille as V
from widgets.donnees.portefeuille import rfm


@pytest.mark.parametrize(
    "parametres",
    [
        {},
        {"mois": 6},
        {"reference": "30/06/2024", "mois": 12},
        {"type_client": "Grossiste"},
        {"id_secteur": 3, "mois": 24},
    ],
)
def test_scores_et_segments_egaux_au_calcul_exact(base_demo, parametres):
    exact = P.rfm_clients(base_demo, **parametres)
    rapide = V.rfm_vectorise(base_demo, **parametres)
    assert len(exact) > 10
    assert V.clients_rfm(rapide) == exact
    # every score 1…5 is used on each axis of a real portfolio
    assert set(rapide["m"]) == {1, 2, 3, 4, 5}


@pytest.mark.parametrize(
    "poids",
    [
        {"R": 1, "F": 1, "M": 1},
        {"R": 2, "F": 1, "M": 3},
        {"R": "2,5", "F": "0,3", "M": "1,25"},
        {"R": 0, "F": 0, "M": 7},
        {"R": "0,1", "F": "0,7"},
    ],
)
def test_score_pondere_de_chaque_client_egal_au_calcul_exact(base_demo, poids):
    exact = P.rfm_clients(base_demo)
    rapide = V.rfm_vectorise(base_demo)
    centiemes = V.scores_ponderes_vectorise(rapide, poids)
    attendus = [score_pondere({"R": c.r, "F": c.f, "M": c.m}, poids) for c in exact]
    assert [Decimal(int(x)).scaleb(-2) for x in centiemes] == attendus


def test_un_score_a_la_main():
    # notes R 4, F 2, M 5 with weights 2, 1, 3 → (8 + 2 + 15) / 6 = 4,1666… → 4,17 and
    # R 1, F 2, M 2 → (2 + 2 + 6) / 6 = 1,666… → 1,67 ; weights 1, 1, 0: (4 + 2) / 2 = 3,00
    # and (1 + 2) / 2 = 1,50
    import pandas as pd

    tableau = pd.DataFrame({"r": [4, 4, 1], "f": [2, 2, 2], "m": [5, 5, 2]})
    assert list(V.scores_ponderes_vectorise(tableau, {"R": 2, "F": 1, "M": 3})) == [417, 417, 167]
    assert list(V.scores_ponderes_vectorise(tableau, {"R": 1, "F": 1, "M": 0})) == [300, 300, 150]
    with pytest.raises(SaisieInvalide, match="poids non nul"):
        V.scores_ponderes_vectorise(tableau, {"R": 0, "F": 0, "M": 0})
    with pytest.raises(SaisieInvalide, match="négatif"):
        V.scores_ponderes_vectorise(tableau, {"R": -1, "F": 1, "M": 1})


def test_quintiles_comme_le_cours():
    # 100 … 1 000: bounds 200, 400, 600, 800 → 100 and 200 score 1, …, 900 and 1 000 score 5
    valeurs = np.arange(100, 1_001, 100)
    assert list(rfm._notes(valeurs)) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    # equal values get equal scores; 5, 5, 5, 5, 9: four bounds of 5, all below 9 → 5
    assert list(rfm._notes(np.array([5, 5, 5, 5, 9]))) == [1, 1, 1, 1, 5]


def test_aucun_client_dans_la_fenetre(base_demo):
    with pytest.raises(SaisieInvalide, match="aucun client à noter"):
        V.rfm_vectorise(base_demo, reference="2030-12-31")
