"""Margin calculator driven from Python: any two figures give the rest, converter, distributor."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest

from widgets.calculs import espaces_normales
from widgets.ui.marges import (
    CalculatriceMarges,
    ConvertisseurTaux,
    PanneauDistribution,
    SolveurMarges,
)

D = Decimal


def _vide() -> SolveurMarges:
    s = SolveurMarges()
    s.effacer()
    return s


def test_exemple_de_depart_cout_et_taux_de_marque():
    """Coût 80 €, taux de marque 20 % : PV HT = 80 / 0,8 = 100 ; TTC 120 ; marge 20 ;
    taux de marge 20 / 80 = 25 % ; coefficient 120 / 80 = 1,5 ; coefficient HT 1,25."""
    s = SolveurMarges()
    r = s.resultat
    assert s.erreur == ""
    assert (r.prix_vente_ht, r.prix_vente_ttc, r.marge) == (D("100.00"), D("120.00"), D("20.00"))
    assert (r.taux_de_marge, r.coefficient, r.coefficient_ht) == (D("25"), D("1.5"), D("1.25"))
    ecran = espaces_normales(html.unescape(s.zone_resultat.value))
    assert "100,00 €" in ecran and "25 %" in ecran and "(donné)" in ecran
    assert "PV HT = coût d'achat HT / (1 − taux de marque)" in ecran


@pytest.mark.parametrize(
    ("donnees", "attendu"),
    [
        # 150 / 1,2 = 125 ; marge 45 ; 45/80 = 56,25 % ; 45/125 = 36 % ; 150/80 = 1,875
        (
            {"cout_achat_ht": "80", "prix_vente_ttc": "150,00 €"},
            {"prix_vente_ht": "125.00", "taux_de_marge": "56.25", "taux_de_marque": "36"},
        ),
        # PV HT 150, taux de marge 50 % : coût = 150 / 1,5 = 100 ; marque 50/150 = 33,33 %
        (
            {"prix_vente_ht": "150", "taux_de_marge": "50 %"},
            {"cout_achat_ht": "100.00", "taux_de_marque": "33.33", "coefficient": "1.8"},
        ),
        # PV HT 1 234,56 et marge 234,56 : coût 1 000 ; taux de marge 23,46 %
        (
            {"prix_vente_ht": "1 234,56", "marge": "234,56"},
            {"cout_achat_ht": "1000.00", "taux_de_marge": "23.46", "prix_vente_ttc": "1481.47"},
        ),
        # coût 40, coefficient HT 1,6 : PV HT 64 ; TTC 76,80 ; coefficient 76,8/40 = 1,92
        (
            {"cout_achat_ht": "40", "coefficient_ht": "1,6"},
            {"prix_vente_ht": "64.00", "prix_vente_ttc": "76.80", "coefficient": "1.92"},
        ),
    ],
)
def test_deux_chiffres_quelconques_donnent_tous_les_autres(donnees, attendu):
    s = _vide()
    for cle, valeur in donnees.items():
        s.champs[cle].value = valeur
    assert s.erreur == ""
    for cle, valeur in attendu.items():
        assert getattr(s.resultat, cle) == D(valeur), cle


def test_tva_reduite_et_coefficient_ttc():
    """TVA 5,5 %, coût 10 €, coefficient (TTC) 1,5 : PV TTC = 15,00 ; PV HT = 15 / 1,055
    = 14,218… → 14,22 ; marge 4,22."""
    s = _vide()
    s.tva.value = "5,5 %"
    s.cout_achat_ht.value = "10"
    s.coefficient.value = "1,5"
    r = s.resultat
    assert (r.prix_vente_ttc, r.prix_vente_ht, r.marge) == (D("15.00"), D("14.22"), D("4.22"))


@pytest.mark.parametrize(
    ("donnees", "champ_fautif", "debut"),
    [
        ({"cout_achat_ht": "8O"}, "cout_achat_ht", "Coût d'achat HT : « 8O » n'est pas"),
        ({"cout_achat_ht": "-80", "taux_de_marque": "20"}, "cout_achat_ht", "Coût d'achat HT"),
        ({"cout_achat_ht": "80", "taux_de_marque": "100"}, "taux_de_marque", "Taux de marque"),
        (
            {"cout_achat_ht": "80", "prix_vente_ht": "100", "taux_de_marge": "30"},
            "taux_de_marge",
            "Taux de marge : les données ne sont pas cohérentes",
        ),
    ],
)
def test_saisie_fausse_message_sous_le_champ_et_dernier_resultat_garde(
    donnees, champ_fautif, debut
):
    s = SolveurMarges()
    s.effacer()
    *premiers, (cle_fautive, valeur_fautive) = donnees.items()
    for cle, valeur in premiers:
        s.champs[cle].value = valeur
    avant = s.resultat
    s.champs[cle_fautive].value = valeur_fautive
    assert espaces_normales(s.erreur).startswith(debut), s.erreur
    assert s.champs[champ_fautif].erreur == s.erreur
    assert s.resultat is avant
    assert "dernier résultat valide" in s.zone_resultat.value


def test_donnees_insuffisantes_message_general():
    s = _vide()
    s.taux_de_marge.value = "25"
    assert "il faut deux données" in s.erreur
    s.taux_de_marque.value = "20"
    assert "ne suffisent pas" in s.erreur
    assert "il faut deux données" not in s.zone_erreur.value
    s.taux_de_marge.value = ""
    s.prix_vente_ht.value = "50"
    assert s.erreur == "" and s.resultat.cout_achat_ht == D("40.00")


def test_mise_a_jour_a_chaque_frappe():
    s = SolveurMarges()
    s.taux_de_marque.value = "2"
    assert s.resultat.prix_vente_ht == D("81.63")  # 80 / 0,98 = 81,632…
    s.taux_de_marque.value = "25"
    assert s.resultat.prix_vente_ht == D("106.67")  # 80 / 0,75 = 106,666…


def test_convertisseur_taux_de_marge_et_taux_de_marque():
    c = ConvertisseurTaux()
    assert c.resultat == {"taux_de_marque": D("20.00"), "taux_de_marge": D("25.00")}
    c.taux_de_marque.value = "30 %"  # 30 / 70 = 42,857… → 42,86
    assert c.resultat["taux_de_marge"] == D("42.86")
    c.taux_de_marge.value = "100"  # 100 / 200 = 50
    assert c.resultat["taux_de_marque"] == D("50.00")
    assert "42,86" in c.zone_resultat.value
    c.taux_de_marque.value = "100"
    assert espaces_normales(c.erreur).startswith("Taux de marque : « 100 » est trop grand")
    assert c.resultat["taux_de_marge"] == D("42.86")
    c.taux_de_marque.value = ""
    assert c.erreur == "" and c.resultat["taux_de_marge"] is None


def test_panneau_distributeur_marges_avant_arriere_triple_net_et_srp():
    """Revente 12,00 ; net facturé 9,00 → marge avant 3,00 (25 % de 12 ; 33,33 % de 9) ;
    marge arrière 15 % de 9 = 1,35 → triple net 7,65 ; SRP = 7,65 + 0,20 = 7,85."""
    p = PanneauDistribution()
    r = p.resultat
    assert (r.avant.marge_avant, r.avant.taux_de_marque, r.avant.taux_de_marge) == (
        D("3.00"),
        D("25.00"),
        D("33.33"),
    )
    assert (r.arriere.montant, r.arriere.prix_triple_net, r.srp.seuil) == (
        D("1.35"),
        D("7.65"),
        D("7.85"),
    )
    assert not r.revente_a_perte and "atelier-alerte" not in p.zone_resultat.value
    p.prix_revente.value = "7,84"
    assert p.resultat.revente_a_perte
    assert "Revente à perte interdite" in p.zone_resultat.value


def test_srp_alimentaire_egalim():
    """Net 2,00 − marge arrière 15 % (0,30) + taxes 0,10 + transport 0,15 = 1,95 ;
    + 10 % = 0,195 → 0,20 ; SRP 2,15."""
    p = PanneauDistribution(prix_revente_ht="2,50", net_facture="2", taxes="0,10", transport="0.15")
    p.alimentaire.value = True
    assert p.resultat.srp.seuil == D("2.15")
    p.net_facture.value = "zéro"
    assert p.erreur.startswith("Net facturé HT : « zéro »")
    assert p.resultat.srp.seuil == D("2.15")


def test_calculatrice_complete_en_onglets():
    c = CalculatriceMarges()
    assert c.resultat.prix_vente_ht == D("100.00") and c.erreur == ""
    assert c.onglets.get_title(1) == "Marge ↔ marque"
    c.solveur.taux_de_marque.value = "x"
    assert c.erreur.startswith("Taux de marque")
    assert c.calculer() is None and c.resultat.prix_vente_ht == D("100.00")
