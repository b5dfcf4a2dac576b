"""Finance widgets driven from Python: results from widgets.calculs.finance, French errors next
to the field, last valid result kept, and never a traceback whatever is typed."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.calculs.finance import tableau_emprunt, taux_equivalent
from widgets.calculs.plan_action import Action
from widgets.ui.finance import ApplicationFinancement, ComparateurFinancements, SimulateurEmprunt
from widgets.ui.rentabilite import CalculatriceSeuil, CalculatriceVAN, PlanAmortissementWidget


def test_simulateur_emprunt_taux_equivalent_et_erreurs():
    s = SimulateurEmprunt(capital="10 000", taux_annuel="5 %", duree="4", periodicite=1)
    # 10 000 à 5 % en 4 annuités : annuité 2 820,12, première ligne 500 / 2 320,12 / 7 679,88.
    assert s.resultat.lignes[0].capital_fin == Decimal("7679.88")
    assert "7 679,88" in s.zone_resultat.value.replace("\u202f", " ")
    s.periodicite.value = 12
    s.calcul_taux.value = "equivalent"
    s.duree.value = "48"
    assert s.resultat.taux == taux_equivalent(5, 12) == Decimal("0.407412")
    assert s.resultat == tableau_emprunt("10000", Decimal("0.407412"), 48)
    avant = s.resultat
    for saisie, message in (
        ("-1 000", "est négatif"),
        ("0", "strictement positif"),
    ):
        s.capital.value = saisie
        assert message in s.erreur and s.resultat is avant
    s.capital.value = "10 000"
    s.taux_annuel.value = "150 %"
    assert "Taux annuel : « 150 % » est trop grand" in s.erreur
    s.taux_annuel.value = "six pour cent"
    assert "« six pour cent » n'est pas un taux" in s.erreur
    s.taux_annuel.value = "5"
    s.duree.value = "0"
    assert "Nombre d'échéances : « 0 » ne convient pas" in s.erreur
    assert s.resultat == avant  # last valid result kept


def test_comparateur_et_application_imprimable():
    c = ComparateurFinancements()
    c.valeur_residuelle.value = "0"  # no good worth anything at the end: the LLD is cheapest
    assert c.resultat.meilleure.nom == "LLD"
    c.lld_loyer.value = "900"  # 48 × 900 = 43 200 € : la LLD n'est plus la moins chère
    assert c.resultat.meilleure.nom != "LLD"
    c.nom_bail.value = "LOA"
    assert [o.nom for o in c.resultat.options] == ["Emprunt", "LOA", "LLD"]
    a = ApplicationFinancement()
    lien = a.lien.value
    a.emprunt.capital.value = "12 345"
    assert a.lien.value != lien and 'download="financement.html"' in a.lien.value


def test_seuil_amortissement_et_van_depuis_une_action_du_plan():
    s = CalculatriceSeuil()
    assert s.resultat.point_mort.libelle == "6 août"
    s.charges_variables.value = ""
    s.taux_mcv.value = "25 %"
    # CA 500 000 et taux 25 % : SR = 120 000 / 0,25 = 480 000 €.
    assert s.resultat.seuil == Decimal("480000.00")
    p = PlanAmortissementWidget()
    assert p.resultat.lignes[0].annuite == Decimal("1706.67")
    p.mode.value = "degressif"
    # 12 000 × 35 % × 9 / 12 = 3 150 €.
    assert p.resultat.lignes[0].annuite == Decimal("3150.00")
    v = CalculatriceVAN()
    action = Action("Salon", "Léa", "2025-10-01", "2025-10-03", budget=4000, ca_attendu=20000)
    v.depuis_action(action, "30 %", 2)
    assert v.flux.value == "6 000,00 ; 6 000,00"
    assert v.resultat.van.valeur == Decimal("6699.59")
    v.flux.value = "4 000 ; deux"
    assert "Flux de l'année 2 : « deux » n'est pas un montant" in v.erreur


@cache
def _widgets():
    return (
        SimulateurEmprunt(),
        ComparateurFinancements(),
        CalculatriceSeuil(),
        PlanAmortissementWidget(),
        CalculatriceVAN(),
    )


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=4),
    st.integers(min_value=0, max_value=10),
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(["1e9", "-0", "1 000 000 000 000", "12,5,3", "100 %", "0,0001", "∞"]),
    ),
)
def test_aucune_saisie_ne_produit_de_trace(indice, champ, texte):
    w = _widgets()[indice]
    cible = w._champs[champ % len(w._champs)]
    cible.value = texte  # must never raise
    assert w.erreur == "" or isinstance(w.erreur, str)
    assert w.resultat is not None
