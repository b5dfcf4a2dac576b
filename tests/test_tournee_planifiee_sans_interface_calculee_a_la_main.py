"""The whole prospecting plan, computed by the pure ``calculs.tournee.planifier_tournee`` (the
widget only reads fields and draws), on a case checked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from widgets.calculs.tournee import Arret, ParametresTournee, planifier_tournee


def test_deux_cibles_sur_un_meridien_une_journee():
    # Start and both targets on the meridian 2° E: the straight-line distance is R × Δφ,
    # 6 371 km × 0,1° × π / 180 = 11,1195 km per tenth of a degree of latitude.
    depart = Arret("Départ", 48.0, 2.0)
    cibles = [Arret("A", 48.2, 2.0), Arret("B", 48.1, 2.0)]
    p = ParametresTournee(
        debut=date(2026, 3, 2),  # a Monday
        jours=1,
        visites_par_jour=2,
        duree_visite=30,
        detour=Decimal("1.3"),
        vitesse=Decimal(30),
        cout_km=Decimal("0.50"),
        cout_horaire=Decimal(24),
        taux_commande=Decimal(25),
        panier=Decimal(400),
    )
    plan = planifier_tournee(cibles, depart, p)
    assert [j.jour for j in plan.journees] == [date(2026, 3, 2)]
    assert sorted(plan.ordre_par_jour[0]) == [0, 1]
    # round trip 0,4° of meridian = 44,478 km × 1,3 = 57,82 → 57,8 km by road
    assert plan.km == Decimal("57.8")
    # 57,8 km at 30 km/h = 115,6 → 116 min driving + 2 × 30 min of visits
    assert plan.minutes == 176
    assert plan.cout.cout_km == Decimal("28.90")  # 57,8 × 0,50
    assert plan.cout.cout_temps == Decimal("70.40")  # 176 / 60 × 24
    assert plan.cout.total == Decimal("99.30")
    assert plan.cout.cout_par_visite == Decimal("49.65")
    assert plan.attendus.commandes == Decimal("0.5")  # 2 first visits × 25 %
    assert plan.attendus.chiffre_affaires == Decimal("200.00")  # 0,5 × 400
    assert plan.visites_par_jour_necessaires == 2
