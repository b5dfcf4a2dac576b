"""The vectorised whole-portfolio ABC gives exactly the classes of the Decimal ABC.

``abc_clients`` (exact Decimal, for the exercises) and ``abc_clients_vectorise`` (numpy, for
100 000 clients) are compared client by client on the 300-client demo base, for the default
thresholds, thresholds set ON a client's cumulated share (the tie case ≥), and filters.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from widgets.calculs import SaisieInvalide
from widgets.donnees import portefeuille as P
from widgets.donnees.portefeuille import abc_clients_vectorise, classes_abc_vectorise


def _comparer(exact, rapide) -> None:
    assert len(rapide) == exact.effectif > 0
    assert list(rapide["id_client"]) == [ligne.cle for ligne in exact.lignes]
    assert list(rapide["classe"]) == [ligne.classe for ligne in exact.lignes]
    assert [Decimal(int(c)) / 100 for c in rapide["ca_centimes"]] == [x.ca for x in exact.lignes]
    resume = classes_abc_vectorise(rapide)
    for c in exact.classes:
        assert resume.loc[c.classe, "effectif"] == c.effectif
        assert Decimal(int(resume.loc[c.classe, "ca_centimes"])) / 100 == c.ca


@pytest.mark.parametrize(
    "parametres",
    [
        {},
        {"seuil_a": 70, "seuil_b": 90},
        {"debut": "2024-01-01", "fin": "2024-12-31"},
        {"type_client": "GMS"},
        {"id_secteur": 2, "seuil_a": "50 %", "seuil_b": "99,5 %"},
    ],
)
def test_memes_classes_que_le_calcul_exact(base_demo: Path, parametres):
    exact = P.abc_clients(base_demo, **parametres)
    _comparer(exact, abc_clients_vectorise(base_demo, **parametres))


def test_un_seuil_atteint_exactement_ferme_la_classe_dans_les_deux_calculs(base_demo: Path):
    exact = P.abc_clients(base_demo)
    # put the thresholds exactly on the cumulated shares of the 10th and 40th clients
    a = exact.lignes[9].ca_cumule * 100 / exact.total
    b = exact.lignes[39].ca_cumule * 100 / exact.total
    exact = P.abc_clients(base_demo, seuil_a=a, seuil_b=b)
    assert exact.classe("A").effectif == 10
    assert exact.classe("B").effectif == 30
    _comparer(exact, abc_clients_vectorise(base_demo, seuil_a=a, seuil_b=b))


def test_memes_erreurs_en_francais(base_demo: Path):
    with pytest.raises(SaisieInvalide, match="aucun client"):
        abc_clients_vectorise(base_demo, debut="2030-01-01", fin="2030-12-31")
    with pytest.raises(SaisieInvalide, match="seuil A < seuil B"):
        abc_clients_vectorise(base_demo, seuil_a=95, seuil_b=80)
    with pytest.raises(SaisieInvalide, match="le 31/02/2025 n'existe pas au calendrier"):
        abc_clients_vectorise(base_demo, debut="31/02/2025")
