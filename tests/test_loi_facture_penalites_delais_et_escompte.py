"""Issue 10, points 2 and 3: late-payment penalties, payment terms and the escompte on invoices.

Point 2: a B2B penalty rate may not be below 3 × the taux de l'intérêt légal (C. com. L441-10
II), the 40 € indemnity applies (D441-5), a term may not exceed 60 days date de facture or
45 days fin de mois (L441-10 I); the invoice builder warns next to the field, without blocking.
Point 3: an escompte is never printed « déjà déduit » on an invoice payable after its delay.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from pathlib import Path

import pytest

from widgets.calculs import espaces_normales, net_a_payer
from widgets.calculs.conditions_paiement import (
    INDEMNITE_FORFAITAIRE_RECOUVREMENT,
    PERIODE_INTERET_LEGAL,
    TAUX_INTERET_LEGAL_PROFESSIONNELS,
    TAUX_PENALITES_MINIMUM,
    avertissement_delai_paiement,
    avertissement_taux_penalites,
)
from widgets.exercices import exercice_par_code
from widgets.ui.documents import VENDEUR_EXEMPLE, DocumentCommercial, Partie, mentions_legales
from widgets.ui.facture import ConstructeurFacture

D = Decimal
ETUDIANTS = [f"etudiant{i}" for i in range(40)]


def _texte(x: str) -> str:
    return espaces_normales(html.unescape(x))


def test_le_plancher_vaut_trois_fois_le_taux_legal_date_et_source() -> None:
    """Point 2: 3 × 2,62 % (1er semestre 2026, arrêté du 15 décembre 2025) = 7,86 %."""
    assert TAUX_INTERET_LEGAL_PROFESSIONNELS == D("2.62")
    assert TAUX_PENALITES_MINIMUM == D("7.86")
    assert "2026" in PERIODE_INTERET_LEGAL and "arrêté" in PERIODE_INTERET_LEGAL
    assert INDEMNITE_FORFAITAIRE_RECOUVREMENT == D(40)


@pytest.mark.parametrize(
    ("taux", "averti"),
    [("5", True), ("7,85", True), ("7,86", False), ("12,15 %", False), (None, False), ("", False)],
)
def test_avertissement_sous_le_plancher(taux, averti: bool) -> None:
    """Point 2: below 7,86 % warns (citing L441-10 II); blank means BCE + 10 points: no warning."""
    message = avertissement_taux_penalites(taux)
    assert bool(message) is averti
    if averti:
        assert "L441-10" in message and "7,86 %" in espaces_normales(message)


@pytest.mark.parametrize(
    ("delai", "fin_de_mois", "averti"),
    [
        (30, False, False),
        (60, False, False),
        (61, False, True),
        (90, False, True),
        (45, True, False),
        (46, True, True),
    ],
)
def test_avertissement_delai_au_dela_du_maximum(delai, fin_de_mois, averti) -> None:
    """Point 2: 60 days date de facture, 45 days fin de mois (L441-10 I)."""
    message = avertissement_delai_paiement(delai, fin_de_mois=fin_de_mois)
    assert bool(message) is averti
    if averti:
        assert "L441-10" in message and "60 jours" in message and "45 jours" in message


@pytest.mark.parametrize("etudiant", ETUDIANTS)
def test_l_exercice_ne_tire_que_des_taux_legaux(etudiant: str) -> None:
    """Point 2: interets-simples-1 draws penalty rates ≥ 3 × the taux d'intérêt légal and
    names the 40 € indemnity (D441-5)."""
    v = exercice_par_code("relation_client/interets-simples-1").variante(etudiant)
    assert v.parametres["taux"] >= TAUX_PENALITES_MINIMUM
    assert "40,00" in espaces_normales(v.enonce) and "L441-10" in v.enonce
    assert "D441-5" in v.solution


@pytest.fixture
def facture() -> ConstructeurFacture:
    """4 × 39,50 = 158,00 ; remise 10 % → 142,20 ; escompte 2 % = 2,84 → 139,36 ;
    TVA 20 % 27,87 → 167,23 with the escompte ; without: TVA 28,44 → 170,64."""
    f = ConstructeurFacture(base=Path("absente.db"), lignes=0)
    f.ajouter_ligne(designation="Peignoir adulte", quantite="4", prix_unitaire_ht="39,50")
    f.natures[0].value = "Remise"
    f.remise_1.value = "10"
    f.escompte.value = "2"
    return f


def test_le_constructeur_avertit_a_cote_du_champ_sans_bloquer(facture) -> None:
    """Point 2: warnings under the term and penalty fields; the invoice is still computed."""
    facture.taux_penalites.value = "5"
    facture.delai_paiement.value = "90"
    assert facture.erreur == "" and facture.resultat.net_a_payer == D("167.23")
    assert "7,86 %" in _texte(facture.avertissement_penalites.value)
    assert "60 jours" in facture.avertissement_delai.value
    assert len(facture.avertissements) == 2
    facture.taux_penalites.value = "10"
    facture.delai_paiement.value = "45"
    assert facture.avertissement_penalites.value == "" and facture.avertissement_delai.value == ""
    assert facture.avertissements == ()


def test_escompte_propose_et_non_deduit_sur_une_facture_a_30_jours(facture) -> None:
    """Point 3: at 30 days with a 10-day escompte the document is due without it (170,64 €)
    and states the escompte (2,84 € HT) and the net if paid early (167,23 €)."""
    page = _texte(facture.document_html)
    assert "déduit ci-dessus" not in page and "déjà déduit" not in page
    assert "170,64 €" in page
    assert (
        "Escompte de 2 % pour paiement sous 10 jours, soit au plus tard le" in page
        and "2,84 € HT (net à payer dans ce cas : 167,23 €" in page
    )
    assert "l'escompte n'est pas déduit" in facture.zone_resultat.value


def test_escompte_deduit_seulement_si_le_terme_tient_dans_son_delai(facture) -> None:
    """Point 3: paid within the escompte delay (comptant), the escompte is deducted."""
    facture.delai_paiement.value = "0"
    page = _texte(facture.document_html)
    assert "167,23 €" in page and "déduit ci-dessus" in page


def test_mentions_ne_disent_jamais_deja_deduit_apres_le_delai() -> None:
    """Point 3: even given a calculation WITH the escompte, a 30-day document does not claim
    it is already deducted; the L441-9 conditions are printed instead."""
    calcul = net_a_payer(
        [{"designation": "Drap", "quantite": 1, "prix_unitaire_ht": "100"}], escompte=2
    )
    doc = DocumentCommercial(
        "facture",
        "F1",
        dt.date(2026, 12, 1),
        VENDEUR_EXEMPLE,
        Partie("Client"),
        option_debits=True,
    )
    mentions = [espaces_normales(m) for m in mentions_legales(doc, calcul)]
    texte = "\n".join(mentions)
    assert "déduit ci-dessus" not in texte
    assert "Escompte de 2 % pour paiement sous 10 jours, soit au plus tard le 11/12/2026" in texte
    assert "Option pour le paiement de la taxe d'après les débits." in mentions
