"""Issue 29: a form is never squeezed by its results (the row wraps, the result scrolls), a
labelled choice gets the fields' label width (« Remboursement » was cut at 80 px), and every
page's browser tab says « … — Atelier NRC ». The real-browser checks are in
test_navigateur_rien_de_cache_a_toutes_les_largeurs.py and test_navigateur_accessibilite_rgaa.py.
"""

from __future__ import annotations

from widgets.tableaux_de_bord.acces import page_html
from widgets.tableaux_de_bord.galerie import page_galerie, titre_onglet
from widgets.ui.champs import LARGEUR_LIBELLE
from widgets.ui.finance import ComparateurFinancements, SimulateurEmprunt


def test_the_loan_form_keeps_its_width_and_the_table_scrolls_beside_or_below():
    simulateur = SimulateurEmprunt()
    rangee = simulateur.children[0]
    formulaire, resultat = rangee.children
    assert rangee.layout.flex_flow == "row wrap"  # below the form on a narrow screen
    assert formulaire.layout.flex == "0 0 auto"  # never squeezed by a wide table
    assert formulaire.layout.width == "380px"
    assert resultat is simulateur.zone_resultat
    assert (resultat.layout.flex, resultat.layout.min_width, resultat.layout.overflow) == (
        "1 1 320px",
        "0",
        "auto",
    )
    # the choices are labelled like the fields: 190 px, never the 80 px that cut the label
    assert simulateur.mode.style.description_width == LARGEUR_LIBELLE
    assert simulateur.periodicite.style.description_width == LARGEUR_LIBELLE


def test_the_financing_comparison_wraps_too():
    comparateur = ComparateurFinancements()
    rangee = comparateur.children[0]
    assert rangee.layout.flex_flow == "row wrap"
    assert rangee.children[0].layout.flex == "0 0 auto"
    assert comparateur.nom_bail.style.description_width == LARGEUR_LIBELLE


def test_every_tab_title_ends_with_the_product_name_once():
    assert titre_onglet("Cockpit de la classe") == "Cockpit de la classe — Atelier NRC"
    assert titre_onglet("Atelier NRC — tableaux de bord") == "Tableaux de bord — Atelier NRC"
    assert titre_onglet("Devoirs — Atelier NRC") == "Devoirs — Atelier NRC"
    assert titre_onglet("  ") == "Atelier NRC"
    assert "<title>Cockpit de la classe — Atelier NRC</title>" in page_html(
        "Cockpit de la classe", ""
    )
    assert "<title>BTS NDRC 1 — Atelier NRC</title>" in page_galerie("BTS NDRC 1", [])
