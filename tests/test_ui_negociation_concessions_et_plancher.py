"""Negotiation-room simulator: what each concession costs, the margin left, the floor warning."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.calculs import espaces_normales
from widgets.erreurs import ErreurAtelier
from widgets.ui.negociation import SimulateurNegociation

D = Decimal


def test_depart_sans_concession():
    """Catalogue 1 000, coût 700, marge mini 20 % → plancher 840 ; marge 300 ; reste 160 ;
    remise supplémentaire maxi 160 / 1 000 = 16 %."""
    s = SimulateurNegociation()
    r = s.resultat
    assert s.erreur == "" and s.alerte == ""
    assert (r.prix_plancher, r.marge_restante, r.marge_de_manoeuvre_restante) == (
        D("840.00"),
        D("300.00"),
        D("160.00"),
    )
    assert r.remise_supplementaire_maxi == D("16.00")
    assert 'class="atelier-jauge" style="width:100%' in s.jauge.value


def test_chaque_concession_coute_de_la_marge_au_centime():
    """Remise 5 % : 50,00 → 950 ; escompte 2 % : 19,00 → 931 ; port offert 15,00 ;
    30 jours à 6 % : 931 × 0,06 × 30 / 360 = 4,655 → 4,66. Recette 911,34 ; marge 211,34 ;
    reste 71,34 avant le plancher."""
    s = SimulateurNegociation()
    s.regler(remise="5 %", escompte="2", port_offert="15,00", delai_jours="30")
    r = s.resultat
    assert [c.cout for c in r.couts] == [D("50.00"), D("19.00"), D("15.00"), D("4.66")]
    assert (r.recette_nette, r.marge_restante, r.marge_de_manoeuvre_restante) == (
        D("911.34"),
        D("211.34"),
        D("71.34"),
    )
    assert not r.plancher_franchi and s.alerte == ""
    ecran = espaces_normales(s.zone_resultat.value)
    assert "Ce que coûte chaque concession" in ecran and "4,66 €" in ecran
    assert espaces_normales(s._curseurs["remise"].affichage.value) == "<b>5 %</b>"


def test_curseur_bouge_resultat_en_direct_et_alerte_quand_le_plancher_est_franchi():
    """Remise 15 % : 850 ; escompte 2 % : 17 → 833 ; port 15 ; 833 × 0,06 × 30/360 = 4,165
    → 4,17 ; recette 813,83 < 840 : plancher franchi de 26,17 €."""
    s = SimulateurNegociation()
    s.regler(escompte="2", port_offert="15", delai_jours="30")
    s.remise.value = 15.0
    r = s.resultat
    assert r.recette_nette == D("813.83") and r.plancher_franchi
    assert espaces_normales(s.alerte).startswith("Attention : plancher franchi de 26,17 € !")
    assert "plancher franchi" in s.zone_alerte.value
    assert "atelier-alerte" in s.zone_alerte._dom_classes
    assert "width:0%" in s.jauge.value
    s.remise.value = 5.0
    assert s.alerte == "" and s.zone_alerte.value == ""


def test_prix_plancher_donne_a_la_place_du_taux_minimum():
    s = SimulateurNegociation(taux_marge_minimum="", prix_plancher="900")
    assert s.resultat.prix_plancher == D("900.00")
    assert s.resultat.remise_supplementaire_maxi == D("10.00")
    s.taux_marge_minimum.value = "20"
    assert s.erreur == "Prix plancher : donnez le prix plancher OU le taux de marge minimum, " + (
        "pas les deux."
    )
    assert s.prix_plancher.erreur == s.erreur
    assert s.resultat.prix_plancher == D("900.00")


@pytest.mark.parametrize(
    ("champ", "texte", "debut"),
    [
        ("prix_catalogue", "mille", "Prix catalogue HT : « mille »"),
        ("prix_catalogue", "", "Prix catalogue HT : le champ est vide"),
        ("cout_achat_ht", "-700", "Coût d'achat HT : « -700 » est négatif"),
        ("taux_financement", "6,5,1", "Taux de financement annuel : « 6,5,1 »"),
        ("prix_catalogue", "0", "Prix catalogue HT : il faut un montant plus grand que zéro."),
    ],
)
def test_saisie_fausse_message_francais_et_dernier_resultat_garde(champ, texte, debut):
    s = SimulateurNegociation()
    avant = s.resultat
    getattr(s, champ).value = texte
    assert espaces_normales(s.erreur).startswith(debut), s.erreur
    assert getattr(s, champ).erreur == s.erreur
    assert s.resultat is avant
    s.remise.value = 3.0  # a slider move while the input is wrong keeps the last valid result
    assert s.resultat is avant


def test_regler_refuse_le_texte_illisible_et_les_valeurs_hors_curseur():
    s = SimulateurNegociation()
    with pytest.raises(ErreurAtelier) as err:
        s.regler(remise="60")
    assert str(err.value) == "Remise accordée : « 60 » dépasse le maximum du curseur (40)."
    with pytest.raises(ErreurAtelier) as err:
        s.regler(escompte="deux")
    assert str(err.value).startswith("Escompte accordé : « deux »")
    assert s.remise.value == 0 and s.escompte.value == 0
