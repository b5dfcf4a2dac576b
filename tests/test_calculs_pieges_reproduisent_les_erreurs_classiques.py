"""The known wrong conventions reproduce, to the cent, what a student who makes them writes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.calculs import interets_simples, marges, net_a_payer, prix_de_vente
from widgets.calculs.pieges import (
    PIEGES,
    coefficient_ht_au_lieu_de_ttc,
    coefficient_ttc_au_lieu_de_ht,
    escompte_sur_le_brut,
    interets_annee_civile,
    prix_avec_taux_de_marge_au_lieu_de_marque,
    prix_avec_taux_de_marque_au_lieu_de_marge,
    remises_additionnees,
    taux_de_marge_au_lieu_de_marque,
    taux_de_marque_au_lieu_de_marge,
    tva_sur_le_net_commercial,
)

D = Decimal
FACTURE = {
    "lignes": [{"quantite": 10, "prix_unitaire_ht": 100}],
    "remises": [10, 5],
    "escompte": 2,
    "port": 50,
    "acompte": 300,
}


def test_remises_additionnees() -> None:
    # 10 % + 5 % = 15 % de 1 000 = 150 → 850 (au lieu de 855) ; escompte 17,00 → 833 ;
    # + port 50 = 883 ; TVA 176,60 ; TTC 1 059,60 ; − 300 = 759,60
    faux = remises_additionnees(**FACTURE)
    assert faux.net_commercial == D("850.00")
    assert faux.remises[0].libelle == "Remises 10 % + 5 %"
    assert faux.net_a_payer == D("759.60")
    assert net_a_payer(**FACTURE).net_commercial == D("855.00")


def test_tva_sur_le_net_commercial() -> None:
    # base de TVA 855 + 50 = 905 → TVA 181,00 (au lieu de 177,58) ; TTC 887,90 + 181 = 1 068,90
    faux = tva_sur_le_net_commercial(**FACTURE)
    assert faux.tva == D("181.00")
    assert faux.total_ht == D("887.90")
    assert faux.total_ttc == D("1068.90")
    assert faux.net_a_payer == D("768.90")


def test_escompte_sur_le_brut() -> None:
    # 2 % de 1 000 = 20,00 (au lieu de 17,10) → 835,00 ; + 50 = 885 ; TVA 177 ; TTC 1 062
    faux = escompte_sur_le_brut(**FACTURE)
    assert faux.escompte is not None and faux.escompte.montant == D("20.00")
    assert faux.net_financier == D("835.00")
    assert faux.total_ttc == D("1062.00")


def test_margin_traps() -> None:
    # coût 80, taux de MARQUE 20 % : juste 100,00 ; faux 80 × 1,2 = 96,00
    assert prix_avec_taux_de_marge_au_lieu_de_marque(80, 20) == D("96.00")
    assert prix_de_vente(80, taux_de_marque=20).prix_vente_ht == D("100.00")
    # coût 60, taux de MARGE 40 % : juste 84,00 ; faux 60 / 0,6 = 100,00
    assert prix_avec_taux_de_marque_au_lieu_de_marge(60, 40) == D("100.00")
    # coût 100, PV 150 : marge/coût = 50 %, marge/PV = 33,33 %
    assert taux_de_marge_au_lieu_de_marque(100, 150) == D("50.00")
    assert taux_de_marque_au_lieu_de_marge(100, 150) == D("33.33")
    # coefficients : HT 1,5 ; TTC 1,8
    assert coefficient_ht_au_lieu_de_ttc(100, 150) == D("1.5")
    assert coefficient_ttc_au_lieu_de_ht(100, 150) == D("1.8")
    assert marges(100, 150).coefficient == D("1.8")


def test_annee_civile() -> None:
    # 10 000 × 4 % × 90 / 365 = 98,630… → 98,63 (juste : / 360 = 100,00)
    assert interets_annee_civile(10000, 4, 90) == D("98.63")
    assert interets_simples(10000, 4, 90) == D("100.00")


EXEMPLES = {
    "remises_additionnees": (FACTURE, lambda r: r.net_a_payer, net_a_payer(**FACTURE).net_a_payer),
    "tva_sur_net_commercial": (FACTURE, lambda r: r.tva, net_a_payer(**FACTURE).tva),
    "escompte_sur_brut": (FACTURE, lambda r: r.net_financier, net_a_payer(**FACTURE).net_financier),
    "marque_prise_pour_marge": ({"cout_achat_ht": 80, "taux_de_marque": 20}, None, D("100.00")),
    "marge_prise_pour_marque": ({"cout_achat_ht": 60, "taux_de_marge": 40}, None, D("84.00")),
    "taux_de_marge_au_lieu_de_marque": (
        {"cout_achat_ht": 100, "prix_vente_ht": 150},
        None,
        D("33.33"),
    ),
    "taux_de_marque_au_lieu_de_marge": (
        {"cout_achat_ht": 100, "prix_vente_ht": 150},
        None,
        D("50"),
    ),
    "coefficient_ht_au_lieu_de_ttc": ({"cout_achat_ht": 100, "prix_vente_ht": 150}, None, D("1.8")),
    "coefficient_ttc_au_lieu_de_ht": ({"cout_achat_ht": 100, "prix_vente_ht": 150}, None, D("1.5")),
    "annee_civile": ({"capital": 10000, "taux_annuel": 4, "jours": 90}, None, D("100.00")),
}


def test_registry_covers_every_trap_with_a_french_explanation() -> None:
    assert set(PIEGES) == set(EXEMPLES)
    for code, piege in PIEGES.items():
        assert piege.code == code
        assert piege.famille in {"facture", "marges", "interets"}
        assert len(piege.explication) > 40 and piege.explication.endswith(".")
        assert piege.fonction.__doc__


@pytest.mark.parametrize("code", sorted(EXEMPLES))
def test_each_trap_gives_a_value_different_from_the_right_one(code: str) -> None:
    arguments, extraire, juste = EXEMPLES[code]
    resultat = PIEGES[code].fonction(**arguments)
    faux = extraire(resultat) if extraire else resultat
    assert faux != juste  # sinon le piège ne pourrait pas être reconnu
