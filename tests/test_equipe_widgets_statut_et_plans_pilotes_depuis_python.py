"""Status simulator and pay-plan comparator, driven from Python like a student would."""

from __future__ import annotations

from decimal import Decimal

import matplotlib

from widgets.calculs.equipe import appliquer_plan, plan_remuneration
from widgets.donnees.equipe import chiffres_commerciaux
from widgets.ui.equipe_plans import ComparateurPlans
from widgets.ui.equipe_statut import SimulateurStatut

matplotlib.use("Agg")


def test_simulateur_de_statut_point_et_erreur_gardant_le_resultat():
    s = SimulateurStatut(graphique=False)
    assert s.resultat.point.ca == Decimal("615929.20")
    assert "615\u202f929,20\xa0€" in s.zone_resultat.value
    s.champs["taux_agent"].value = "12 %"
    # 34 800 / (0,12 − 0,0435) = 34 800 / 0,0765 = 454 901,96… → 454 901,96 €.
    assert s.resultat.point.ca == Decimal("454901.96")
    s.champs["taux_agent"].value = "douze"
    assert s.erreur.startswith("Commission de l'agent : « douze » n'est pas un taux")
    assert s.resultat.point.ca == Decimal("454901.96")


def test_le_graphique_se_dessine():
    s = SimulateurStatut()
    assert s.image.value[:4] == b"\x89PNG"


def test_comparateur_rejoue_les_plans_sur_les_chiffres_de_la_base(base_demo):
    c = ComparateurPlans(base_demo)
    assert c.erreur == ""
    equipe = chiffres_commerciaux(base_demo)
    a = appliquer_plan(plan_remuneration("Plan A", taux_commission=2, prime_objectif=1500), equipe)
    assert c.resultat.a.cout == a.cout
    c.champs["b_fixe"].value = ""
    c.champs["b_taux"].value = "2"
    c.champs["b_seuil"].value = "0"
    c.champs["b_prime"].value = "1 500"
    c.champs["b_depassement"].value = "0"
    assert c.resultat.difference_totale == 0
    assert "Les deux plans coûtent la même chose." in c.zone_resultat.value
    c.champs["a_seuil"].value = "-5"
    assert "Seuil annuel (A)" in c.erreur
