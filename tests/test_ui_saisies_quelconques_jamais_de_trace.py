"""Property tests: whatever a student types, a widget never raises; it shows a French message
and keeps its last valid result, or shows exactly what ``widgets.calculs`` computes."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.calculs import marge_de_manoeuvre, net_a_payer, taux
from widgets.erreurs import ErreurAtelier
from widgets.ui.facture import ConstructeurFacture
from widgets.ui.marges import SolveurMarges
from widgets.ui.negociation import SimulateurNegociation


@cache
def _facture() -> ConstructeurFacture:
    """One widget reused by every example (as a student keeps typing in the same page)."""
    f = ConstructeurFacture(base="absente.db", lignes=0)
    f.ajouter_ligne(designation="Peignoir", quantite="4", prix_unitaire_ht="39,50")
    return f


@cache
def _solveur() -> SolveurMarges:
    return SolveurMarges()


@cache
def _simulateur() -> SimulateurNegociation:
    return SimulateurNegociation()


REGLAGES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SAISIES = st.one_of(
    st.text(alphabet="0123456789,.  %€-abcO", max_size=12),
    st.text(max_size=8),
    st.decimals(min_value=-10, max_value=200, places=2).map(lambda d: str(d).replace(".", ",")),
)


@REGLAGES
@given(texte=SAISIES)
def test_facture_escompte_quelconque(texte):
    f = _facture()
    f.escompte.value = "1"
    avant = f.resultat
    f.escompte.value = texte  # must not raise
    try:
        t = taux(texte, "Escompte", strict_maxi=True) if texte.strip() else Decimal(0)
    except ErreurAtelier:
        assert f.erreur.startswith("Escompte : ") and f.resultat is avant
    else:
        ligne = {"designation": "Peignoir", "quantite": 4, "prix_unitaire_ht": Decimal("39.50")}
        attendu = net_a_payer([ligne], escompte=t)
        assert f.erreur == "" and f.resultat == attendu


@REGLAGES
@given(texte=SAISIES)
def test_marges_taux_de_marque_quelconque(texte):
    s = _solveur()
    s.taux_de_marque.value = "20"
    avant = s.resultat
    s.taux_de_marque.value = texte
    if s.erreur:
        assert s.resultat is avant or s.resultat == avant
        assert "Traceback" not in s.zone_erreur.value + s.taux_de_marque.zone_erreur.value
    else:
        r = s.resultat
        assert r.marge == r.prix_vente_ht - r.cout_achat_ht
        assert r.cout_achat_ht == Decimal("80.00")


@REGLAGES
@given(
    remise=st.floats(min_value=0, max_value=40),
    escompte=st.floats(min_value=0, max_value=5),
    port=st.floats(min_value=0, max_value=200),
    jours=st.integers(min_value=0, max_value=120),
)
def test_negociation_curseurs_egal_au_calcul_et_alerte_si_plancher_franchi(
    remise, escompte, port, jours
):
    s = _simulateur()
    s.remise.value, s.escompte.value = remise, escompte
    s.port_offert.value, s.delai_jours.value = port, jours
    attendu = marge_de_manoeuvre(
        "1000",
        "700",
        taux_marge_minimum="20",
        concessions={
            "remise": f"{s.remise.value:.2f}",
            "escompte": f"{s.escompte.value:.2f}",
            "port_offert": f"{s.port_offert.value:.2f}",
            "delai_jours": jours,
            "taux_financement": 6,
        },
    )
    assert s.erreur == "" and s.resultat == attendu
    assert s.resultat.marge_restante == s.resultat.recette_nette - Decimal("700.00")
    assert bool(s.alerte) == s.resultat.plancher_franchi
