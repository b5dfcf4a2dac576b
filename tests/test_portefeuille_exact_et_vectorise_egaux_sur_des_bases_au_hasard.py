"""On small random bases (the project's generator, random size and seed) and random analysis
parameters, the vectorised analyses give client by client, to the cent, the figures of the
exact Decimal ones: customer P&L, risk, RFM and ABC classes. Both paths receive the same
parameter object of the analysis."""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.calculs import SaisieInvalide
from widgets.donnees import portefeuille as P
from widgets.donnees.generation import construire_base

# money typed with up to 2 decimals, rates with up to 3 (as a teacher types them)
euros = st.decimals(min_value=0, max_value=200, places=2).map(str)
taux = st.decimals(min_value=0, max_value=25, places=3).map(lambda d: str(d).replace(".", ","))
dates = st.dates(min_value=date(2023, 3, 1), max_value=date(2025, 12, 31))


@st.composite
def analyses(draw):
    reference = draw(dates).isoformat()
    return (
        draw(st.integers(min_value=4, max_value=40)),  # clients
        draw(st.integers(min_value=0, max_value=2**31)),  # seed
        P.ParametresRentabilite(
            annee=draw(st.sampled_from([2023, 2024, 2025])),
            cout_visite=draw(euros),
            taux_financement=draw(taux),
            taux_retours=draw(taux),
            cout_km=draw(st.decimals(min_value=0, max_value=2, places=3).map(str)),
            cout_horaire=draw(euros),
        ),
        P.ParametresRisque(reference=reference, seuil_vigilance=draw(taux)),
        P.ParametresRFM(reference=reference, mois=draw(st.integers(min_value=1, max_value=24))),
        P.ParametresABC(seuil_a=draw(st.integers(1, 80)), seuil_b=draw(st.integers(81, 99))),
    )


def memes_resultats(exact, vectorise, en_objets) -> list:
    """The exact result, after checking the vectorised one gives the same objects (or, when
    the exact one refuses, e.g. nothing invoiced in the window, the same French error)."""
    try:
        attendu = exact()
    except SaisieInvalide as erreur:
        with pytest.raises(SaisieInvalide) as refus:
            vectorise()
        assert str(refus.value) == str(erreur)
        return []
    assert en_objets(vectorise()) == attendu
    return attendu


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(analyses())
def test_exact_et_vectorise_egaux_client_par_client_sur_une_base_au_hasard(analyse):
    clients, graine, rentabilite, risque, rfm, abc = analyse
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as dossier:
        base = Path(dossier) / "clients.db"
        construire_base(base, clients=clients, graine=graine)
        comparer(base, rentabilite, risque, rfm, abc)


def comparer(base, rentabilite, risque, rfm, abc) -> None:
    """Each analysis of `base`, exact and vectorised, with the same parameter object."""
    comptes = memes_resultats(
        lambda: P.comptes_exploitation(base, parametres=rentabilite),
        lambda: P.comptes_exploitation_vectorise(base, parametres=rentabilite),
        lambda t: [P.compte_de_la_ligne(x) for x in t.itertuples(index=False)],
    )
    for c in comptes:  # every figure is a whole number of cents
        assert c.compte.contribution == c.compte.contribution.quantize(Decimal("0.01"))
    memes_resultats(
        lambda: P.risque_clients(base, parametres=risque),
        lambda: P.risque_clients_vectorise(base, parametres=risque),
        lambda t: [P.risque_de_la_ligne(x) for x in t.itertuples(index=False)],
    )
    memes_resultats(
        lambda: P.rfm_clients(base, parametres=rfm),
        lambda: P.rfm_vectorise(base, parametres=rfm),
        P.clients_rfm,
    )
    memes_resultats(
        lambda: [(x.cle, x.classe) for x in P.abc_clients(base, parametres=abc).lignes],
        lambda: P.abc_clients_vectorise(base, parametres=abc),
        lambda t: list(zip(t["id_client"], t["classe"], strict=True)),
    )
