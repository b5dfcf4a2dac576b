"""The bloc 2 widgets driven from Python on the hand-filled base of
tests/outils/petite_base_distance.py: set values, ``.calculer()``, read the result; French
errors next to the field, the previous result kept. Figures worked by hand below."""

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal

import pytest
from outils.petite_base_distance import construire_base_distance

from widgets.ui.centre_contact import EffectifCentreContact
from widgets.ui.ecommerce import ComparateurMarketplace, EntonnoirSite
from widgets.ui.satisfaction import TableauSatisfaction


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return construire_base_distance(tmp_path_factory.mktemp("distance_ui") / "distance.db")


def _texte(html: str) -> str:
    """The visible text of an HTML result: tags removed, French spaces made plain."""
    texte = re.sub(r"<[^>]+>", " ", html).replace("\u202f", " ").replace("\xa0", " ")
    return " ".join(texte.split())


def test_entonnoir_de_mars_toutes_sources_puis_une_source(base):
    e = EntonnoirSite(base, debut="01/03/2025", fin="31/03/2025", graphique=False)
    i = e.resultat.indicateurs
    # 4 000 visits, 470 carts, 105 orders, 6 420 € TTC: conversion 105 / 4 000 = 2,625 % →
    # 2,63 (half-up); abandon 1 − 105 / 470 = 77,66 %; basket 6 420 / 105 = 61,14 €;
    # per visit 6 420 / 4 000 = 1,605 → 1,61 €
    assert (i.visites, i.paniers, i.commandes) == (4000, 470, 105)
    assert (i.taux_conversion, i.taux_abandon_panier) == (Decimal("2.63"), Decimal("77.66"))
    assert (i.panier_moyen, i.ca_par_visite) == (Decimal("61.14"), Decimal("1.61"))
    texte = _texte(e.zone_resultat.value)
    assert "Taux de conversion (commandes / visites)</th><td" in e.zone_resultat.value
    assert "2,63 %" in texte and "77,66 %" in texte and "61,14 €" in texte
    e.source.value = "recherche payante"
    i = e.resultat.indicateurs
    # 1 500 visits, 180 carts, 45 orders, 2 700 €: 3 %, 75 %, 60 €, 1,80 € per visit
    assert (i.taux_conversion, i.taux_abandon_panier) == (Decimal("3.00"), Decimal("75.00"))
    assert (i.panier_moyen, i.ca_par_visite) == (Decimal("60.00"), Decimal("1.80"))
    assert e.resultat.visiteurs == 1220 and e.resultat.depenses_ht == Decimal("675.00")
    assert e.resultat.par_source["recherche naturelle"].taux_conversion == Decimal("1.71")


def test_entonnoir_erreur_sous_le_champ_et_resultat_garde(base):
    e = EntonnoirSite(base, debut="01/03/2025", fin="31/03/2025", graphique=False)
    avant = e.resultat
    e.fin.value = "31/02/2025"
    assert e.fin.erreur.startswith("Fin de la période :")
    assert e.resultat is avant and "atelier-perime" in e.zone_resultat._dom_classes
    e.fin.value = "28/02/2025"
    assert e.erreur == "Fin de la période : la fin de la période précède son début."
    e.debut.value = "01/02/2025"
    assert e.erreur == "Début de la période : aucune visite du site sur cette période : " + (
        "choisissez des dates entre le 01/01/2023 et le 31/12/2025."
    )
    assert e.resultat is avant


def test_entonnoir_dessine_le_graphique_hors_connexion(base):
    e = EntonnoirSite(base, debut="01/03/2025", fin="31/03/2025")
    assert 'src="data:image/png;base64,' in e.zone_resultat.value


def test_comparateur_marketplace_rempli_depuis_la_base(base):
    c = ComparateurMarketplace(base, debut="01/03/2025", fin="31/03/2025")
    m = c.resultat
    assert c.prix.value == "50,00" and c.taux_retour_site.value == "33,33"
    # marketplace: 50 − 20 − 7,50 commission − 4,50 logistics − 50 % × 11,25 = 5,63 (half-up
    # of 5,625) → 12,37 € (24,74 %); site: 50 − 20 − 0,90 payment − 6 − 6,43 acquisition −
    # 33,33 % × 11,25 = 3,75 → 12,92 € (25,84 %): the site earns 0,55 € more per order
    assert (m.commission, m.cout_des_retours, m.marge_nette) == (
        Decimal("7.50"),
        Decimal("5.63"),
        Decimal("12.37"),
    )
    assert (m.cout_des_retours_site, m.marge_nette_site) == (Decimal("3.75"), Decimal("12.92"))
    assert m.ecart == Decimal("-0.55") and m.canal_le_plus_rentable == "site"
    assert "Par commande, le site rapporte 0,55 € de plus." in _texte(c.zone_resultat.value)
    c.taux_commission.value = "5 %"
    # commission 2,50 instead of 7,50: the marketplace now earns 17,37 €, 4,45 € more
    assert c.resultat.marge_nette == Decimal("17.37") and c.resultat.ecart == Decimal("4.45")
    c.taux_commission.value = "100 %"
    assert "Taux de commission" in c.taux_commission.erreur
    assert c.resultat.marge_nette == Decimal("17.37")


def test_effectif_erlang_c_par_demi_heure(base):
    e = EffectifCentreContact(base, graphique=False)
    assert e.jour.value == "04/03/2025"  # the last day with calls
    e.jour.value = "03/03/2025"
    lignes = e.resultat.lignes
    assert [ligne.creneau for ligne in lignes] == [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
        "11:00",
        "11:30",
    ]
    # 09:00: 3 calls → 6 an hour, DMT 180 s, A = 6 × 180 / 3 600 = 0,3 erlang. One agent:
    # C(1, A) = A = 0,3, SL = 1 − 0,3 e^(−0,7 × 20 / 180) = 72,24 % < 80 % → 2 agents
    # (C(2; 0,3) = 0,0391, SL 96,76 %). 11:30: one call of 60 s, A = 1/30, one agent is enough
    # (SL 1 − e^(−0,9667 × 20 / 60) / 30 = 97,58 %); empty half-hours need nobody.
    assert [ligne.effectif.agents for ligne in lignes] == [2, 0, 2, 0, 0, 1]
    assert lignes[0].dmt_secondes == Decimal("180.0") and lignes[0].appels_par_heure == 6
    assert lignes[0].effectif.niveau_service == Decimal("96.76")
    assert lignes[5].effectif.niveau_service == Decimal("97.58")
    assert e.resultat.pointe == 2 and e.resultat.appels == 6
    e.agents.value = "1"
    # with one agent: 09:00 ASA = 0,3 × 180 / 0,7 = 77,14 s; 10:00 (2 calls of 240 s,
    # A = 4/15): SL 74,91 %, ASA = (4/15) × 240 / (11/15) = 87,27 s
    assert lignes != e.resultat.lignes
    neuf, dix = e.resultat.lignes[0].avec_agents, e.resultat.lignes[2].avec_agents
    assert (neuf.niveau_service, neuf.attente_moyenne) == (Decimal("72.24"), Decimal("77.14"))
    assert (dix.niveau_service, dix.attente_moyenne) == (Decimal("74.91"), Decimal("87.27"))
    texte = _texte(e.zone_resultat.value)
    assert "6 appels entrants" in texte and "pointe : 2 agents" in texte
    assert "Niveau avec 1 agent" in texte and "72,24 %" in texte


def test_effectif_erreurs_en_francais_et_resultat_garde(base):
    e = EffectifCentreContact(base, jour="03/03/2025")
    assert 'src="data:image/png;base64,' in e.zone_resultat.value
    avant = e.resultat
    e.jour.value = "05/03/2025"
    assert e.erreur == (
        "Jour : aucun appel entrant le 05/03/2025 (centre fermé ce jour-là) : "
        "choisissez un jour ouvré."
    )
    assert e.jour.erreur == e.erreur and e.resultat is avant
    e.jour.value = "03/03/2025"
    e.objectif.value = "100 %"
    assert e.objectif.erreur.startswith("Objectif de niveau de service :")
    e.objectif.value = "80"
    e.agents.value = "deux"
    assert "« deux » n'est pas une quantité" in e.agents.erreur


def test_satisfaction_nps_csat_et_avis_de_mars(base):
    s = TableauSatisfaction(base, debut="01/03/2025", fin="31/03/2025")
    r = s.resultat
    # 6 answers 10, 9, 8, 9, 6, 3: 3 promoters, 1 passive, 2 detractors → NPS (3 − 2) / 6 =
    # +16,67 points (the mean 45 / 6 = 7,5 is not the NPS); CSAT 3 satisfied (5, 4, 4) of the 6
    # respondents = 50 % (not 3 / 8 surveyed), response rate 6 / 8 = 75 %
    assert (r.nps.promoteurs, r.nps.detracteurs, r.nps.nps) == (3, 2, Decimal("16.67"))
    assert r.moyenne_recommandation == Decimal("7.50")
    assert (r.csat.csat, r.csat.taux_de_reponse) == (Decimal("50.00"), Decimal("75.00"))
    # reviews 5, 2, 4, 3 → 3,50 / 5; 3 answered of 4 = 75 %; delay over the dated answers
    # (1 + 4) / 2 = 2,5 days; one answer without a date
    assert (r.avis, r.note_moyenne, r.taux_reponse_avis) == (4, Decimal("3.50"), Decimal("75.00"))
    assert r.delai_moyen_reponse == Decimal("2.50") and r.reponses_sans_date == 1
    texte = _texte(s.zone_resultat.value)
    assert "+16,67 points" in texte and "50 %" in texte and "2,5 jours" in texte
    s.plateforme.value = "Trustpilot"
    assert (s.resultat.avis, s.resultat.taux_reponse_avis) == (1, Decimal("0.00"))
    assert s.resultat.delai_moyen_reponse is None
    assert s.resultat.nps.nps == Decimal("16.67")  # the surveys do not depend on the platform


def test_widgets_sur_une_base_sans_les_tables_du_bloc_2(tmp_path):
    ancienne = tmp_path / "ancienne.db"
    sqlite3.connect(ancienne).execute("CREATE TABLE clients (id_client INTEGER)").connection.close()
    e = EntonnoirSite(ancienne, graphique=False)
    assert e.resultat is None and "construite avant leur arrivée" in e.erreur
    c = ComparateurMarketplace(ancienne)
    assert "construite avant leur arrivée" in c.erreur
    assert c.resultat is None and c.prix.value == "50"
    centre = EffectifCentreContact(ancienne)
    assert centre.jour.value == "" and centre.resultat is None
    assert (
        centre.erreur
        == centre.jour.erreur
        == (
            "Jour : la base ne contient pas la table « interactions » de la relation client à "
            "distance : elle a été construite avant leur arrivée ; construisez-la avec « atelier "
            "construire-base » (ou make db)."
        )
    )
