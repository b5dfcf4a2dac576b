"""Plan de tournée: distances, route ordering, calendar, cost and expected results."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.calculs.tournee import (
    Entonnoir,
    calendrier_visites,
    cout_plan,
    distance_km,
    distance_routiere_km,
    duree_trajet_min,
    jours_ouvres,
    longueur_tournee,
    ordonner_tournee,
    ordre_optimal,
    projection_equirectangulaire,
    resultats_attendus,
    visites_par_jour_necessaires,
)
from widgets.erreurs import ErreurAtelier

# ----------------------------------------------------------------- distances


def test_un_degre_de_meridien_vaut_111_195_km():
    # 6371 × π / 180 = 111,19493 km
    assert distance_km((0, 0), (1, 0)) == pytest.approx(111.19493, abs=1e-4)
    assert distance_km((45, 3), (45, 3)) == 0


def test_distance_paris_lyon_a_vol_d_oiseau():
    # Notre-Dame (48,8530 ; 2,3499) – Bellecour (45,7578 ; 4,8320): about 392 km.
    assert distance_km((48.8530, 2.3499), (45.7578, 4.8320)) == pytest.approx(391.9, abs=0.5)


def test_latitude_impossible_donne_un_message_francais():
    with pytest.raises(ErreurAtelier, match="latitude"):
        distance_km((95, 0), (0, 0))


def test_distance_routiere_et_temps():
    # 10 km à vol d'oiseau × 1,3 = 13,0 km ; 13 km à 30 km/h = 26 min
    assert distance_routiere_km(10.0) == Decimal("13.0")
    assert duree_trajet_min(Decimal("13.0"), 30) == 26
    assert distance_routiere_km(7.04, Decimal("1.25")) == Decimal("8.8")


# ----------------------------------------------------------------- ordering


def test_tournee_en_carre_ne_se_croise_pas():
    # Four corners given in a crossing order: A, C, B, D.
    a, b, c, d = (48.80, 2.30), (48.80, 2.40), (48.90, 2.40), (48.90, 2.30)
    arrets = [a, c, b, d]
    ordre = ordonner_tournee(arrets, depart=a)
    longueur = longueur_tournee(arrets, ordre, depart=a)
    # Perimeter of the square (two sides along meridians of 0.1° and two parallels).
    perimetre = distance_km(a, b) + distance_km(b, c) + distance_km(c, d) + distance_km(d, a)
    assert longueur == pytest.approx(perimetre)
    assert longueur < longueur_tournee(arrets, [0, 1, 2, 3], depart=a)


def test_tournee_sur_une_ligne_est_parcourue_dans_l_ordre():
    arrets = [(48.85, 2.30 + 0.01 * k) for k in (3, 0, 4, 1, 2)]
    ordre = ordonner_tournee(arrets, depart=None)
    # input positions of k = 0, 1, 2, 3, 4 are 1, 3, 4, 0, 2
    assert ordre in ([1, 3, 4, 0, 2], [2, 0, 4, 3, 1])


def test_cas_limites_zero_et_un_arret():
    assert ordonner_tournee([]) == []
    assert ordonner_tournee([(48.8, 2.3)], depart=(48.9, 2.4)) == [0]


point = st.tuples(st.floats(48.70, 49.00), st.floats(2.20, 2.55))


@settings(max_examples=120, deadline=None, derandomize=True)
@given(
    arrets=st.lists(point, min_size=2, max_size=8),
    avec_depart=st.booleans(),
    retour=st.booleans(),
    depart=point,
)
def test_ordre_jamais_pire_que_la_saisie_et_proche_de_l_optimum(
    arrets, avec_depart, retour, depart
):
    depart = depart if avec_depart else None
    ordre = ordonner_tournee(arrets, depart, retour)
    assert sorted(ordre) == list(range(len(arrets)))
    conseille = longueur_tournee(arrets, ordre, depart, retour)
    saisie = longueur_tournee(arrets, None, depart, retour)
    optimum = longueur_tournee(arrets, ordre_optimal(arrets, depart, retour), depart, retour)
    assert conseille <= saisie + 1e-9
    assert conseille <= optimum * 1.10 + 1e-9


def test_ordre_optimal_atteint_sur_un_echantillon_fixe():
    hasard = random.Random(7)
    optimaux = 0
    for _ in range(100):
        n = hasard.randint(2, 8)
        arrets = [(hasard.uniform(48.7, 49), hasard.uniform(2.2, 2.5)) for _ in range(n)]
        depart = hasard.choice([None, (48.85, 2.35)])
        ordre = ordonner_tournee(arrets, depart)
        meilleur = ordre_optimal(arrets, depart)
        optimaux += longueur_tournee(arrets, ordre, depart) <= (
            longueur_tournee(arrets, meilleur, depart) + 1e-9
        )
    assert optimaux >= 95


def test_recherche_exhaustive_limitee_a_huit_arrets():
    with pytest.raises(ErreurAtelier, match="8 arrêts"):
        ordre_optimal([(48.8, 2.3)] * 9)


def test_projection_centre_les_points():
    xy = projection_equirectangulaire([(48.0, 2.0), (49.0, 2.0)])
    assert xy[0][0] == pytest.approx(0) and xy[1][0] == pytest.approx(0)
    assert xy[1][1] - xy[0][1] == pytest.approx(111.19493, abs=1e-4)


# ----------------------------------------------------------------- calendar


def test_jours_ouvres_sautent_le_week_end_et_les_feries():
    # Lundi 4 mai 2026 ; vendredi 8 mai est férié.
    jours = jours_ouvres(date(2026, 5, 4), 6, feries=[date(2026, 5, 8)])
    assert jours == [
        date(2026, 5, 4),
        date(2026, 5, 5),
        date(2026, 5, 6),
        date(2026, 5, 7),
        date(2026, 5, 11),
        date(2026, 5, 12),
    ]


def test_visites_par_jour_du_cas_boutiques_de_souvenirs():
    # 40 boutiques, 1 visite de suivi chacune, 20 jours de stage: 80 / 20 = 4 par jour.
    assert visites_par_jour_necessaires(40, 20, 1) == 4
    # 45 boutiques: 90 / 20 = 4,5 → 5 visites par jour.
    assert visites_par_jour_necessaires(45, 20, 1) == 5
    assert visites_par_jour_necessaires(45, 20, 1, visites_deja_prevues=10) == 5
    with pytest.raises(ErreurAtelier):
        visites_par_jour_necessaires(10, 0)


def test_calendrier_sans_suivi():
    jours = jours_ouvres(date(2026, 5, 4), 3)
    cal = calendrier_visites(5, jours, 2)
    assert [(v.jour.day, v.cible, v.rang) for v in cal.visites] == [
        (4, 0, 0),
        (4, 1, 0),
        (5, 2, 0),
        (5, 3, 0),
        (6, 4, 0),
    ]
    assert cal.non_planifiees == []


def test_calendrier_avec_suivi_et_debordement():
    jours = jours_ouvres(date(2026, 5, 4), 6)  # 4, 5, 6, 7, 8, 11 mai
    cal = calendrier_visites(5, jours, 2, suivis_par_cible=1, delai_suivi_jours=2)
    par_jour = {j.day: [(v.cible, v.rang) for v in cal.du_jour(j)] for j in jours}
    assert par_jour == {
        4: [(0, 0), (1, 0)],
        5: [(2, 0), (3, 0)],
        6: [(0, 1), (1, 1)],  # follow-ups due first
        7: [(2, 1), (3, 1)],
        8: [(4, 0)],
        11: [],  # target 4's follow-up is due on the 7th working day: not in the stage
    }
    assert cal.non_planifiees == [(4, 1)]
    assert "1 visite ne tient pas dans le calendrier" in cal.message


@settings(max_examples=80, deadline=None, derandomize=True)
@given(
    cibles=st.integers(0, 30),
    nb_jours=st.integers(1, 15),
    par_jour=st.integers(1, 6),
    suivis=st.integers(0, 2),
    delai=st.integers(1, 5),
)
def test_calendrier_respecte_jours_capacite_et_delais(cibles, nb_jours, par_jour, suivis, delai):
    jours = jours_ouvres(date(2026, 3, 2), nb_jours)
    cal = calendrier_visites(cibles, jours, par_jour, suivis, delai)
    for jour in jours:
        assert len(cal.du_jour(jour)) <= par_jour
    assert {v.jour for v in cal.visites} <= set(jours)
    rang_jour = {j: k for k, j in enumerate(jours)}
    passages: dict[int, list] = {}
    for v in sorted(cal.visites, key=lambda v: (v.jour, v.rang)):
        passages.setdefault(v.cible, []).append(v)
    for liste in passages.values():
        assert [v.rang for v in liste] == list(range(len(liste)))
        for avant, apres in zip(liste, liste[1:], strict=False):
            assert rang_jour[apres.jour] - rang_jour[avant.jour] >= delai
    # every visit is either planned or reported as not planned, exactly once
    planifiees = {(v.cible, v.rang) for v in cal.visites}
    assert len(planifiees) == len(cal.visites)
    assert planifiees.isdisjoint(cal.non_planifiees)
    assert len(planifiees) + len(cal.non_planifiees) == cibles * (1 + suivis)
    # no day is left with room while a first visit is still waiting
    if any(r == 0 for _, r in cal.non_planifiees):
        assert all(len(cal.du_jour(j)) == par_jour for j in jours)


# ----------------------------------------------------------------- cost and results


def test_cout_du_plan_a_la_main():
    # 120 km × 0,60 = 72,00 ; 510 min = 8,5 h × 25 = 212,50 ; total 284,50 ; / 10 = 28,45
    cout = cout_plan(Decimal("120"), 510, 10, Decimal("0.60"), Decimal("25"))
    assert cout.cout_km == Decimal("72.00")
    assert cout.cout_temps == Decimal("212.50")
    assert cout.total == Decimal("284.50")
    assert cout.cout_par_visite == Decimal("28.45")


def test_cout_du_plan_arrondi_commercial_et_frais_fixes():
    # 33,3 km × 0,555 = 18,4815 → 18,48 ; 100 min × 19 €/h = 31,666… → 31,67 ; + 15 = 65,15
    cout = cout_plan("33.3", 100, 3, "0.555", "19", frais_fixes="15")
    assert (cout.cout_km, cout.cout_temps, cout.total) == (
        Decimal("18.48"),
        Decimal("31.67"),
        Decimal("65.15"),
    )
    assert cout.cout_par_visite == Decimal("21.72")  # 21,7166…
    assert cout_plan(0, 0, 0).cout_par_visite is None


def test_cout_negatif_refuse():
    with pytest.raises(ErreurAtelier):
        cout_plan(-1, 10, 1)


def test_entonnoir_et_resultats_attendus():
    e = Entonnoir(contacts=200, rendez_vous=60, visites=48, commandes=12)
    # Rates are percentages (one convention with calculs.equipe): 60 / 200 = 30 %.
    assert e.taux_rendez_vous == Decimal("30.00")
    assert e.taux_visite == Decimal("80.00")
    assert e.taux_commande == Decimal("25.00")
    assert e.taux_global == Decimal("6.00")
    assert Entonnoir(0, 0, 0, 0).taux_commande is None
    # 80 visites × 25 % = 20 commandes × 350 € = 7 000 € ; marge 30 % = 2 100 € ;
    # coût 1 400 € → ROI = (2 100 − 1 400) / 1 400 = 50 %
    r = resultats_attendus(80, e.taux_commande, "350", "30", Decimal("1400"))
    assert r.commandes == Decimal("20.0")
    assert r.chiffre_affaires == Decimal("7000.00")
    assert r.roi == Decimal("50.00")
    # 37 visites × 15 % = 5,55 → 5,6 commandes ; "15 %" and "15" read the same.
    assert resultats_attendus(37, "15").commandes == Decimal("5.6")
    assert resultats_attendus(37, "15 %").commandes == Decimal("5.6")
    # "20" is 20 %, not 2 000 %: 10 visites → 2 commandes.
    assert resultats_attendus(10, "20").commandes == Decimal("2.0")
    assert resultats_attendus(10, "1,5").commandes == Decimal("0.2")
    with pytest.raises(ErreurAtelier, match="au plus 100\xa0%"):
        resultats_attendus(10, "150")


def test_les_parametres_s_ecrivent_a_la_francaise():
    cout = cout_plan("1 234,5", 90, 3, cout_kilometrique="0,60", cout_horaire="24")
    assert (cout.cout_km, cout.cout_temps, cout.total) == (
        Decimal("740.70"),
        Decimal("36.00"),
        Decimal("776.70"),
    )
    with pytest.raises(ErreurAtelier, match="n'est pas un nombre"):
        cout_plan("beaucoup", 10, 1)
