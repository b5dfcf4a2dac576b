"""The shelf simulator driven from Python: facings typed or moved, shares, indices and ruptures
read back (the example shelf worked by hand in the calculation tests), French errors next to
the field with the previous result kept, and the planogram drawn offline."""

from __future__ import annotations

import re
from decimal import Decimal

from matplotlib.patches import Rectangle

from widgets.calculs import arrondi, arrondi_centime
from widgets.ui.champs import ResultatObservable
from widgets.ui.lineaire import SimulateurLineaire, planogramme

D = Decimal
SERVIETTE, GANT, DRAP = "Serviette éponge 50 × 100", "Gant de toilette", "Drap de bain 70 × 140"


def test_the_example_shelf_and_two_facings_moved_to_the_towel() -> None:
    s = SimulateurLineaire(graphique=False)
    assert s.class_traits()["references"].help and issubclass(type(s), ResultatObservable)
    # 4 faces × 5 = 20 serviettes pour 30 demandées : rupture, 100 € de CA perdu ; CA 380 €
    assert (s.resultat.ca, s.resultat.ca_perdu) == (D("380"), D("100"))
    assert s.resultat.references_en_rupture == (SERVIETTE,)
    assert s.resultat.lineaire_disponible == D("3.00")  # 1,50 m × 2 niveaux
    vus = []
    s.observe(lambda ch: vus.append(ch["new"]), names="resultat")
    assert s.deplacer(GANT, SERVIETTE, 2) is True
    assert len(vus) == 1  # one recalculation for the two fields changed
    assert (s.faces[SERVIETTE].value, s.faces[GANT].value) == ("6", "2")
    # CA 480 € (+100 €), marge 150 €, plus de rupture ; indice de la serviette 62,5 / 50 = 125
    r = s.resultat
    assert (r.ca, r.marge, r.references_en_rupture) == (D("480"), D("150"), ())
    assert r.ligne(SERVIETTE).indice_de_performance == D("125")
    texte = re.sub(r"<[^>]+>", "", s.zone_resultat.value)
    assert "380,00\u00a0€" not in texte and "480,00\u00a0€(+100,00\u00a0€ par rapport" in texte
    assert "Serviette éponge 50 × 100" in s.zone_resultat.value


def test_wrong_facings_show_a_french_error_next_to_the_field_and_keep_the_result() -> None:
    s = SimulateurLineaire(graphique=False)
    valide = s.resultat
    s.faces[DRAP].value = "trois"
    assert "« trois » n'est pas une quantité" in s.faces[DRAP].erreur
    assert s.erreur == s.faces[DRAP].erreur and s.resultat is valide
    assert "atelier-perime" in s.zone_resultat._dom_classes
    # 4 faces de drap = 2 m : 1 + 1 + 2 = 4 m pour 3 m de rayon, message général
    s.faces[DRAP].value = "4"
    assert "4,00 m pour 3,00 m" in s.erreur and s.resultat is valide
    s.faces[DRAP].value = "2"
    assert s.erreur == "" and s.resultat.ca == D("380")


def test_an_impossible_move_is_refused_next_to_the_move_fields() -> None:
    s = SimulateurLineaire(graphique=False)
    assert s.deplacer(DRAP, GANT, 3) is False
    assert "Drap de bain 70 × 140 n'a que 2 faces" in s.erreur_deplacement.message
    assert s.faces[DRAP].value == "2" and s.resultat.ca == D("380")
    # by the screen: choices and the number typed, then the button
    s.depuis.value, s.vers.value = GANT, SERVIETTE
    s.faces_a_deplacer.value = "2"
    s.bouton_deplacer.click()
    assert s.resultat.ca == D("480") and s.erreur_deplacement.message == ""
    s.bouton_revenir.click()
    assert s.faces[SERVIETTE].value == "4" and s.resultat.ca == D("380")


def test_a_shelf_given_explicitly_and_a_longer_refill_delay() -> None:
    rayon = [
        {"reference": "X", "faces": 3, "largeur": "0,2", "profondeur": 4, "demande": 12,
         "prix": 5, "marge": 2},
        {"reference": "Y", "faces": 2, "largeur": "0,3", "profondeur": 2, "demande": 3,
         "prix": 9, "marge": 4},
    ]  # fmt: skip
    s = SimulateurLineaire(rayon, longueur="1,2", niveaux="1", graphique=False)
    # réassort tous les 6 jours : X tient 12 = sa demande ; Y 4 ≥ 3 : CA 60 + 27 = 87 €
    assert (s.resultat.ca, s.resultat.references_en_rupture) == (D("87"), ())
    # tous les 12 jours : X peut vendre 12 × 6 / 12 = 6 par semaine (6 perdus, 30 €) ;
    # Y 4 × 6 / 12 = 2 (1 perdu, 9 €)
    s.delai.value = "12"
    assert (s.resultat.ca, s.resultat.ca_perdu) == (D("48"), D("39"))
    assert s.resultat.references_en_rupture == ("X", "Y")
    # 0,6 + 0,6 = 1,2 m : rayon plein, marge (12 + 8) / 1,2 = 16,67 €/m
    assert (s.resultat.lineaire_libre, s.resultat.marge_au_metre) == (D("0"), D("16.67"))


def test_the_planogram_draws_one_block_per_facing_and_frames_the_rupture() -> None:
    s = SimulateurLineaire()
    assert 'class="atelier-planogramme"' in s.zone_resultat.value
    assert "Planogramme du rayon : Serviette" in s.zone_resultat.value
    figure = planogramme(s.resultat, "1.5", 2)
    axe = figure.axes[0]
    rectangles = [p for p in axe.patches if isinstance(p, Rectangle)]
    # 4 + 4 + 2 = 10 faces, plus 1 cadre rouge autour de la serviette en rupture
    rouges = [p for p in rectangles if not p.get_fill()]
    assert len(rectangles) == 11 and len(rouges) == 1
    assert rouges[0].get_width() == 1.0  # 4 faces × 0,25 m
    textes = [t.get_text() for t in axe.texts]
    assert "Serviette éponge 50 × 100\n4 faces\nrupture" in textes
    # the glove runs over two levels: 2 faces at the end of level 1, 2 at the start of level 2
    assert textes.count("Gant de toilette\n2 faces") == 2
    assert [t.get_text() for t in axe.get_yticklabels()] == ["Niveau 1", "Niveau 2"]


def test_the_shelf_of_the_first_panel_store_from_its_latest_survey(base_demo) -> None:
    from widgets.donnees.reseaux import magasins_du_panel, releve_du_magasin

    s = SimulateurLineaire.depuis_le_releve(base=base_demo, graphique=False)
    panel = magasins_du_panel(base_demo)
    releve = releve_du_magasin(int(panel["id_client"].iloc[0]), base_demo)
    assert s.erreur == "" and str(panel["magasin"].iloc[0]) in s.titre
    assert len(s.resultat.lignes) == len(releve)
    # the first reference worked from the survey row: 3 products deep, a week of 6 days of
    # sale refilled every 6 days → sells min(ventes / 13, faces × 3) at prix TTC / 1,2
    premiere = releve.iloc[0]
    demande = arrondi(D(int(premiere["ventes_13_semaines"])) / 13, 2)
    ventes = min(demande, D(int(premiere["facings"]) * 3))
    prix_ht = arrondi_centime(D(str(premiere["prix_ttc"])) / D("1.2"))
    ligne = s.resultat.lignes[0]
    assert (ligne.reference, ligne.faces) == (premiere["designation"], int(premiere["facings"]))
    assert ligne.ca == arrondi_centime(ventes * prix_ht)
    # 4 levels holding the survey's linear (rounded up to the centimetre), plus the widest
    # facing on each level (a facing is not cut between two levels)
    total = sum(D(str(x)) for x in releve["lineaire_m"])
    plus_large = max(ligne.largeur for ligne in s.resultat.lignes)
    assert s.resultat.lineaire_occupe <= total
    assert total <= s.resultat.lineaire_disponible < total + 4 * (plus_large + D("0.01"))
    # taking every facing off the first reference puts it off the shelf
    s.faces[ligne.reference].value = "0"
    assert s.resultat.lignes[0].ca == 0 and s.resultat.ca == s.initial.ca - ligne.ca


def test_a_base_without_surveys_gives_the_example_shelf_and_says_why(tmp_path) -> None:
    s = SimulateurLineaire.depuis_le_releve(base=tmp_path / "absente.db", graphique=False)
    assert s.titre.startswith("Rayon d'exemple (la base ne donne pas de relevé de linéaire")
    assert "introuvable" in s.titre and s.resultat.ca == D("380")
