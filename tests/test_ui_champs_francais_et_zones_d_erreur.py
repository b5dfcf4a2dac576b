"""Shared UI bricks: French fields, error zone, result zone, calculator base."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from widgets.calculs import SaisieInvalide, montant
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    ChampMontant,
    ChampQuantite,
    ChampTaux,
    ChampTexte,
    ZoneErreur,
    euros,
    pourcent,
)


def test_champ_montant_lit_la_saisie_francaise_et_porte_ses_classes_css():
    champ = ChampMontant("prix", "Prix unitaire HT", "1 234,56")
    assert champ.lire() == Decimal("1234.56")
    assert champ.erreur == ""
    assert "atelier-champ-prix" in champ.texte._dom_classes
    assert "atelier-champ" in champ._dom_classes
    assert "atelier-erreur-prix" in champ.zone_erreur._dom_classes
    assert champ.texte.continuous_update is True


def test_champ_montant_refuse_les_lettres_avec_un_message_francais_sous_le_champ():
    champ = ChampMontant("prix", "Prix unitaire HT", "12a")
    with pytest.raises(SaisieInvalide):
        champ.lire()
    assert champ.erreur.startswith("Prix unitaire HT : « 12a » n'est pas un montant")
    assert "12a" in champ.zone_erreur.value
    champ.value = "12,50"
    assert champ.lire() == Decimal("12.50")
    assert champ.erreur == "" and champ.zone_erreur.value == ""


def test_champ_facultatif_vide_vaut_sa_valeur_par_defaut():
    champ = ChampTaux("escompte", "Escompte", "", vide=Decimal(0))
    assert champ.lire() == Decimal(0)
    champ.value = "2 %"
    assert champ.lire() == Decimal("2")


def test_champ_taux_strict_refuse_cent_pour_cent():
    champ = ChampTaux("remise", "Remise", "100", strict_maxi=True)
    with pytest.raises(SaisieInvalide):
        champ.lire()
    assert "strictement inférieur à 100" in champ.erreur.replace("\u00a0", " ")


def test_champ_quantite_refuse_negatif_et_decimal():
    champ = ChampQuantite("quantite", "Quantité", "-2")
    with pytest.raises(SaisieInvalide):
        champ.lire()
    assert champ.erreur.startswith("Quantité :")
    champ.value = "2,5"
    with pytest.raises(SaisieInvalide):
        champ.lire()
    assert "entier" in champ.erreur


def test_champ_texte_obligatoire_et_champ_date():
    nom = ChampTexte("client", "Client", "  ", obligatoire=True)
    with pytest.raises(SaisieInvalide):
        nom.lire()
    assert nom.erreur == "Client : ce champ est obligatoire."
    date = ChampDate("date", "Date", "31/12/2025")
    assert date.lire() == dt.date(2025, 12, 31)
    date.value = "2026-01-05"
    assert date.lire() == dt.date(2026, 1, 5)
    date.value = "31/02/2025"
    with pytest.raises(SaisieInvalide):
        date.lire()
    assert "n'existe pas" in date.erreur


def test_zone_erreur_echappe_le_html():
    zone = ZoneErreur()
    zone.montrer("<script>x</script>")
    assert "<script>" not in zone.value
    assert zone.message == "<script>x</script>"
    assert "atelier-erreur" in zone._dom_classes


def test_formats_euros_et_pourcent_a_la_francaise():
    assert euros(Decimal("1234.5")).replace("\u202f", " ").replace("\u00a0", " ") == "1 234,50 €"
    assert pourcent(Decimal("14.50")).replace("\u00a0", " ") == "14,5 %"
    assert euros(None) == "—"


class _Double(Calculatrice):
    """Tiny calculator: doubles an amount (to test the base behaviour)."""

    def __init__(self) -> None:
        super().__init__()
        self.prix = ChampMontant("prix", "Prix", "10")
        self._brancher([self.prix])
        self.children = [self.prix, self.zone_erreur, self.zone_resultat]
        self.calculer()

    def _calculer(self):
        (prix,) = self._lire_tout([self.prix])
        if prix > 1000:
            raise SaisieInvalide("trop cher pour ce test.", champ="Prix")
        if prix == 999:
            raise SaisieInvalide("erreur générale.")
        return montant(prix * 2)

    def _afficher(self, resultat):
        return euros(resultat)


def test_calculatrice_recalcule_en_direct_et_garde_le_dernier_resultat_valide():
    calc = _Double()
    assert calc.resultat == Decimal("20")
    calc.prix.value = "21,5"  # observe -> recalcul sans appel explicite
    assert calc.resultat == Decimal("43.0")
    assert "43,00" in calc.zone_resultat.value
    calc.prix.value = "abc"
    assert calc.resultat == Decimal("43.0")
    assert calc.erreur.startswith("Prix : « abc »")
    assert "atelier-perime" in calc.zone_resultat._dom_classes
    assert "dernier résultat valide" in calc.zone_resultat.value
    # an error raised by the calculation that names a field is shown under that field
    calc.prix.value = "2000"
    assert calc.prix.erreur == "Prix : trop cher pour ce test."
    assert calc.erreur == "Prix : trop cher pour ce test."
    # an error with no field goes to the general zone
    calc.prix.value = "999"
    assert calc.erreur == "erreur générale."
    assert "erreur générale" in calc.zone_erreur.value
    calc.prix.value = "1"
    assert calc.resultat == Decimal("2") and calc.erreur == ""
    assert "atelier-perime" not in calc.zone_resultat._dom_classes
