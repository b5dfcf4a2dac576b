"""The vectorised customer P&L and risk give, client by client and to the cent, the figures of
the exact Decimal functions (``comptes_exploitation``, ``risque_clients``).

Compared on the 300-client demo base for several parameter sets (rates and costs typed with
decimals, another year, filters, another reference date, a vigilance threshold set exactly on
a client's rate of use), on the hand-worked base for known figures, and the rounding helper
on the half-cent cases where half-up and half-even part ways.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from outils.petite_base_portefeuille import construire_petite_base

from widgets.calculs import SaisieInvalide
from widgets.donnees import portefeuille as P
from widgets.donnees import portefeuille as V
from widgets.donnees.portefeuille import memoire as M
from widgets.donnees.portefeuille import risque


@pytest.fixture(scope="module")
def petite_base(tmp_path_factory) -> Path:
    return construire_petite_base(tmp_path_factory.mktemp("vectorise") / "petite.db")


@pytest.mark.parametrize(
    "parametres",
    [
        {},
        {
            "cout_visite": "92,35",
            "taux_financement": "4,75 %",
            "taux_retours": "1,5",
            "cout_km": "0,553",
            "cout_horaire": "37,80",
        },
        {"annee": 2024, "taux_retours": 3, "cout_visite": 0},
        {"type_client": "GMS", "taux_financement": "12,345"},
        {"id_secteur": 2, "cout_horaire": 0, "cout_km": "1,01"},
    ],
)
def test_compte_d_exploitation_de_chaque_client_egal_au_calcul_exact(base_demo, parametres):
    exact = P.comptes_exploitation(base_demo, **parametres)
    rapide = V.comptes_exploitation_vectorise(base_demo, **parametres)
    assert len(exact) > 10
    assert list(rapide["id_client"]) == [c.id_client for c in exact]
    assert [V.compte_de_la_ligne(x) for x in rapide.itertuples(index=False)] == exact
    # some costs fall between two cents: the rounding is really exercised
    if parametres.get("taux_financement") == "4,75 %":
        assert any(c.compte.cout_credit % 1 for c in exact)


@pytest.mark.parametrize(
    "parametres",
    [
        {},
        {"seuil_vigilance": "72,5"},
        {"reference": "30/06/2024", "seuil_vigilance": 50},
        {"type_client": "Grossiste"},
        {"id_secteur": 1, "reference": "2025-03-31"},
    ],
)
def test_risque_de_chaque_client_egal_au_calcul_exact(base_demo, parametres):
    exact = P.risque_clients(base_demo, **parametres)
    rapide = V.risque_clients_vectorise(base_demo, **parametres)
    assert len(exact) > 10
    assert [V.risque_de_la_ligne(x) for x in rapide.itertuples(index=False)] == exact
    assert set(rapide["alerte"]) <= {"dépassement", "vigilance", ""}


def test_un_seuil_de_vigilance_pose_sur_un_taux_d_utilisation(base_demo, petite_base):
    # Alpha owes 6 000 for a plafond of 10 000: 60 % exactly; ≥ makes it "vigilance"
    for seuil, alerte in (("60", "vigilance"), ("60,01", "")):
        exact = {r.id_client: r for r in P.risque_clients(petite_base, seuil_vigilance=seuil)}
        rapide = V.risque_clients_vectorise(petite_base, seuil_vigilance=seuil)
        assert exact[1].risque.alerte == alerte
        assert rapide.set_index("id_client").loc[1, "alerte"] == alerte
    # a threshold of 28 digits (encours / plafond of a demo client): integers beyond 2⁶²
    x = next(r for r in P.risque_clients(base_demo) if r.risque.plafond > 0)
    seuil = x.risque.encours * 100 / x.risque.plafond
    exact = P.risque_clients(base_demo, seuil_vigilance=seuil)
    rapide = V.risque_clients_vectorise(base_demo, seuil_vigilance=seuil)
    assert [V.risque_de_la_ligne(r) for r in rapide.itertuples(index=False)] == exact


def test_chiffres_de_la_petite_base_calculee_a_la_main(petite_base):
    comptes = V.comptes_exploitation_vectorise(petite_base).set_index("id_client")
    # Alpha: marge 3 200, 2 visits × 85 = 170, credit 9 600 × 5 % × 30 / 360 = 40 → 2 990
    assert comptes.loc[1, "contribution_centimes"] == 299_000
    assert comptes.loc[1, "cout_credit_centimes"] == 4_000
    assert comptes.loc[1, "taux_marge_brute"] == 4_000  # 3 200 / 8 000 = 40,00 %
    # Delta: acquisition 40 km × 0,60 + 75 min × 35 € / 60 = 24 + 43,75 = 67,75
    assert comptes.loc[4, "cout_acquisition_centimes"] == 6_775
    # returns at 2 %: Bravo 800 − 170 − 15 − 40 = 575
    bravo = V.comptes_exploitation_vectorise(petite_base, taux_retours=2, id_client=2)
    assert list(bravo["contribution_centimes"]) == [57_500]
    risques = V.risque_clients_vectorise(petite_base).set_index("id_client")
    assert list(risques.index) == [1, 2, 3, 4]
    # Bravo 1 200 / 1 400 = 85,71 % → vigilance ; DSO 1 200 / 2 400 × 360 = 180,0
    assert risques.loc[2, "taux_utilisation"] == 8_571
    assert (risques.loc[2, "alerte"], risques.loc[2, "dso"]) == ("vigilance", 1_800)
    # Delta 480 > 400 → dépassement 80 ; Charlie 61 days late
    assert (risques.loc[4, "alerte"], risques.loc[4, "depassement_centimes"]) == (
        "dépassement",
        8_000,
    )
    assert risques.loc[3, "retard_jours"] == 61


def test_reanalyse_sans_relire_la_base(petite_base, monkeypatch):
    V.comptes_exploitation_vectorise(petite_base)
    V.risque_clients_vectorise(petite_base)

    def interdit(*_args, **_kwargs):
        raise AssertionError("la base a été relue")

    monkeypatch.setattr(M, "_lire", interdit)
    # other costs, rates and threshold: computed from the kept frames
    c = V.comptes_exploitation_vectorise(petite_base, cout_visite=150).set_index("id_client")
    assert c.loc[3, "contribution_centimes"] == -10_500  # Charlie 200 − 2 × 150 − 5
    r = V.risque_clients_vectorise(petite_base, seuil_vigilance=90).set_index("id_client")
    assert r.loc[2, "alerte"] == ""  # 85,71 % < 90 %
    # another period is another query: it reads the base
    with pytest.raises(AssertionError, match="relue"):
        V.comptes_exploitation_vectorise(petite_base, annee=2024)


def test_la_memoire_est_bornee_et_suit_le_fichier(petite_base, tmp_path):
    V.vider_memoire()
    for annee in range(2015, 2015 + V.MEMO_TAILLE + 3):
        V.agregats_rentabilite(petite_base, annee=annee)
    assert len(M._MEMO) == V.MEMO_TAILLE
    # a copy of the base at another path is another file
    copie = tmp_path / "copie.db"
    copie.write_bytes(Path(petite_base).read_bytes())
    a = V.agregats_risque(petite_base)
    b = V.agregats_risque(copie)
    assert a is not b and a.equals(b)
    assert V.agregats_risque(petite_base) is a


def test_memes_erreurs_en_francais(base_demo):
    with pytest.raises(SaisieInvalide, match="n'est pas un montant"):
        V.comptes_exploitation_vectorise(base_demo, cout_visite="beaucoup")
    with pytest.raises(SaisieInvalide, match="trop grand"):
        V.comptes_exploitation_vectorise(base_demo, taux_financement=120)
    with pytest.raises(SaisieInvalide, match="le 31/02/2025 n'existe pas"):
        V.risque_clients_vectorise(base_demo, reference="31/02/2025")


def test_arrondi_entier_au_plus_pres_les_demis_en_s_eloignant_de_zero():
    # 0,125 € = 12,5 cents → 13 ; −12,5 → −13 ; 12,4999 → 12 (half-even would give 12 and −12)
    assert list(M._quotient_arrondi([np.array([125, -125, 124, -124, 135])], 10)) == [
        13,
        -13,
        12,
        -12,
        14,
    ]
    # beyond 2⁶² the same result with Python integers
    grand = np.array([10**15, -(10**15)])
    assert list(M._quotient_arrondi([grand, 10**6 + 5], 10**7)) == [
        100_000_500_000_000,
        -100_000_500_000_000,
    ]
    assert list(M._quotient_arrondi([np.array([1, 2])], 4, plus=[np.array([1, 0]), 1])) == [
        1,  # (1 + 1) / 4 = 0,5 → 1
        1,  # 2 / 4 = 0,5 → 1
    ]


def test_dso_sur_une_demie_donne_le_chiffre_de_la_fonction_exacte():
    from widgets.calculs.finance import dso

    # 0,15 / 72 × 360 = 0,75 exactly → 0,8 (dividing first in 28 digits gave 0,7499…9 → 0,7) ;
    # 0,07 / 72 × 360 = 0,35 → 0,4 ; 45 000 / 360 000 × 360 = 45,0 ; 1 / 3 × 360 = 120,0
    encours = np.array([15, 7, 4_500_000, 100])
    ca = np.array([7_200, 7_200, 36_000_000, 300])
    attendus = [
        dso(Decimal(int(e)) / 100, Decimal(int(c)) / 100) for e, c in zip(encours, ca, strict=True)
    ]
    assert attendus == [Decimal("0.8"), Decimal("0.4"), Decimal("45.0"), Decimal("120.0")]
    assert list(risque._dso_dixiemes(encours, ca)) == [8, 4, 450, 1_200]
