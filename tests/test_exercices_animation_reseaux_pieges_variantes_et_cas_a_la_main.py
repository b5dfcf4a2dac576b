"""Issue 24 (NDRC bloc 3): the animation_reseaux exercises — one variant of each worked by hand,
the right answer accepted, every named trap recognised with its own French explanation, the
other correct methods accepted, 200 variants drawn without error.

The French agreement scan of every statement is
``tests/test_francais_accords_dans_les_textes_generes.py`` (parametrized on the whole catalogue,
so it covers this unit too).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from widgets.calculs.format import format_saisie
from widgets.calculs.pieges_reseaux import PIEGES_RESEAUX
from widgets.donnees.referentiel import competences
from widgets.exercices import ControleNombre, ControleTableau, exercice_par_code
from widgets.exercices.catalogue.animation_reseaux import COMPETENCES
from widgets.exercices.modele import TITRES_UNITES
from widgets.exercices.registre import exercices_de_l_unite

UNITE = "animation_reseaux"
ETUDIANTS = [f"etudiant-{i}" for i in range(200)]


def _codes() -> list[str]:
    return [e.code for e in exercices_de_l_unite(UNITE)]


def _v(nom: str, etudiant: str = "alice"):
    return exercice_par_code(f"{UNITE}/{nom}").variante(etudiant)


def _tape(valeur: D) -> str:
    """A figure typed the French way (``1234,5``)."""
    return format_saisie(valeur)


def _juste(controle):
    if isinstance(controle, ControleNombre):
        return _tape(controle.attendu)
    return {c.nom: _tape(c.attendu) for c in controle.cellules}


# --------------------------------------------------------------------------- the unit


def test_l_unite_a_six_exercices_par_carnet_avec_savoirs_et_competences():
    assert TITRES_UNITES[UNITE] == "Animation de réseaux (NDRC, bloc 3)"
    par_theme: dict[str, list[str]] = {}
    for e in exercices_de_l_unite(UNITE):
        par_theme.setdefault(e.theme, []).append(e.code)
        assert e.savoirs, e.code
    assert set(par_theme) == {"merchandising", "partenaires", "vente_directe"}
    assert all(len(codes) >= 6 for codes in par_theme.values()), par_theme
    savoirs = {s for e in exercices_de_l_unite(UNITE) for s in e.savoirs}
    assert {"S444", "S634", "S513"} <= savoirs
    intitules = {c.intitule for c in competences() if c.bloc == 3}
    assert set(COMPETENCES.values()) == intitules
    assert set(COMPETENCES) == set(par_theme)


@pytest.mark.parametrize("code", _codes())
def test_200_variantes_se_tirent_et_different(code):
    exercice = exercice_par_code(code)
    enonces = set()
    for etudiant in ETUDIANTS:
        v = exercice.variante(etudiant)
        assert v.enonce and v.solution and v.indices
        enonces.add(v.enonce)
    assert exercice.variante("alice").enonce == exercice.variante("alice").enonce
    assert len(enonces) >= 150


@pytest.mark.parametrize("code", _codes())
@pytest.mark.parametrize("etudiant", ["alice", "bob", "chloé", "dan", "élodie"])
def test_la_bonne_reponse_tapee_a_la_francaise_est_juste(code, etudiant):
    controle = exercice_par_code(code).variante(etudiant).controle
    verdict = controle.verifier(_juste(controle))
    assert verdict.correct, verdict.message


# --------------------------------------------------------------------------- traps


def _pieges_vus(code: str) -> dict[str, str]:
    """Trap code → the French message the student got, over 40 students (a trap equal to a
    right answer for one student cannot be diagnosed for that student)."""
    vus: dict[str, str] = {}
    for etudiant in ETUDIANTS[:40]:
        controle = exercice_par_code(code).variante(etudiant).controle
        if isinstance(controle, ControleNombre):
            for p in controle.pieges:
                verdict = controle.verifier(_tape(p.valeur))
                if verdict.piege:
                    assert not verdict.correct and verdict.piege == p.code, verdict.message
                    vus[p.code] = verdict.message
        else:
            for cellule in controle.cellules:
                for p in cellule.pieges:
                    reponse = _juste(controle)
                    reponse[cellule.nom] = _tape(p.valeur)
                    verdict = controle.verifier(reponse)
                    tolerance = (
                        controle.tolerance if cellule.tolerance is None else cellule.tolerance
                    )
                    if abs(p.valeur - cellule.attendu) <= tolerance:
                        continue  # this student's trap gives the right figure
                    assert not verdict.correct
                    if verdict.piege:
                        assert verdict.piege == p.code
                        (detail,) = [d for d in verdict.details if d.nom == cellule.nom]
                        vus[p.code] = detail.message
    return vus


@pytest.mark.parametrize("code", _codes())
def test_chaque_piege_est_nomme_avec_son_explication(code):
    controle = exercice_par_code(code).variante("alice").controle
    declares = (
        {p.code for p in controle.pieges}
        if isinstance(controle, ControleNombre)
        else {p.code for c in controle.cellules for p in c.pieges}
    )
    assert declares, f"{code} n'a aucun piège"
    vus = _pieges_vus(code)
    assert set(vus) == declares
    for message in vus.values():
        assert "convention erronée" in message


@pytest.mark.parametrize(
    ("code", "piege"),
    [
        ("distribution-numerique-valeur-1", "dv_sur_le_nombre_de_magasins"),
        ("indice-performance-1", "indice_sur_les_volumes"),
        ("redevances-franchise-1", "redevances_sur_la_marge"),
        ("resultat-franchise-1", "redevances_sur_la_marge"),
        ("roi-promotion-1", "roi_sans_cannibalisation"),
        ("cadeau-hotesse-1", "cadeau_hotesse_sur_le_ttc"),
    ],
)
def test_les_cinq_pieges_de_l_issue_portent_l_explication_du_module_des_pieges(code, piege):
    message = _pieges_vus(f"{UNITE}/{code}")[piege]
    assert PIEGES_RESEAUX[piege].explication in message


# --------------------------------------------------------------------------- other methods


def _autres_methodes(code: str) -> list[tuple[str, object, str, D]]:
    """(student, checker, field, value) where another correct method gives another figure."""
    trouves = []
    for etudiant in ETUDIANTS:
        controle = exercice_par_code(code).variante(etudiant).controle
        if isinstance(controle, ControleNombre):
            for autre in controle.autres_attendus:
                if abs(autre - controle.attendu) > controle.tolerance:
                    trouves.append((etudiant, controle, "reponse", autre))
        else:
            for c in controle.cellules:
                for autre in c.autres_attendus:
                    tolerance = controle.tolerance if c.tolerance is None else c.tolerance
                    if abs(autre - c.attendu) > tolerance:
                        trouves.append((etudiant, controle, c.nom, autre))
    return trouves


@pytest.mark.parametrize(
    "nom",
    ["indice-performance-1", "indice-marge-1", "seuil-franchise-1"],
)
def test_une_autre_methode_juste_est_acceptee(nom):
    trouves = _autres_methodes(f"{UNITE}/{nom}")
    assert trouves, f"{nom} : aucune variante où l'autre méthode donne un autre chiffre"
    for _etudiant, controle, champ, valeur in trouves:
        if isinstance(controle, ControleNombre):
            verdict = controle.verifier(_tape(valeur))
        else:
            reponse = _juste(controle)
            reponse[champ] = _tape(valeur)
            verdict = controle.verifier(reponse)
        assert verdict.correct, verdict.message


def test_l_indice_des_parts_exactes_est_accepte_pour_alice():
    # exact shares: 4 810 / 63 487 = 7,5763 % ; 1,10 / 8,90 = 12,3596 % → 61,30 (vs 61,33)
    controle = _v("indice-performance-1").controle
    assert controle.verifier("61,30").correct
    assert controle.verifier("61,33").correct
    assert not controle.verifier("61,20").correct


# --------------------------------------------------------------------------- worked by hand
# Alice's variant of each exercise, computed on paper (half-up to the cent or to 0,01).


def _cellules(nom: str) -> dict[str, D]:
    controle = _v(nom).controle
    assert isinstance(controle, ControleTableau)
    return {c.nom: c.attendu for c in controle.cellules}


def _piege(controle, code: str) -> D:
    pieges = (
        controle.pieges
        if isinstance(controle, ControleNombre)
        else [p for c in controle.cellules for p in c.pieges]
    )
    return next(p.valeur for p in pieges if p.code == code)


def test_lineaire_developpe_a_la_main():
    # 8,90 m × 4 niveaux = 35,60 m ; 11,4 / 35,60 = 32,02 % (sur le sol : 11,4 / 8,90 = 128,09 %)
    v = _v("lineaire-developpe-1")
    assert "**8,90 m** au sol" in v.enonce and "**4 niveaux**" in v.enonce
    assert _cellules("lineaire-developpe-1") == {
        "lineaire_developpe": D("35.60"),
        "part_de_lineaire": D("32.02"),
    }
    assert _piege(v.controle, "part_sur_le_lineaire_au_sol") == D("128.09")


def test_indice_de_performance_a_la_main():
    # gants : 1,10 / 8,90 = 12,36 % du linéaire ; 4 810 / 63 487 = 7,58 % du CA → 61,33 ;
    # sur les volumes : 1 300 / 4 970 = 26,16 % → 26,16 / 12,36 = 211,65
    v = _v("indice-performance-1")
    assert "« Gants de toilette »" in v.enonce
    assert v.controle.attendu == D("61.33")
    assert _piege(v.controle, "indice_sur_les_volumes") == D("211.65")


def test_indice_de_marge_a_la_main():
    # tapis : 2,40 / 9,30 = 25,81 % ; marge 8 134,40 / 36 688,72 = 22,17 % → 85,90
    # (indice de CA : 25 420 / 113 673 = 22,36 % → 86,63)
    v = _v("indice-marge-1")
    assert v.controle.attendu == D("85.90")
    assert _piege(v.controle, "indice_de_ca_au_lieu_de_marge") == D("86.63")


def test_lineaire_optimal_a_la_main():
    # 12 m × 2 546 / 34 699 = 0,88 m ; au prorata des quantités 12 × 670 / 3 420 = 2,35 m
    v = _v("lineaire-optimal-1")
    assert v.controle.attendu == D("0.88")
    assert _piege(v.controle, "lineaire_au_prorata_des_quantites") == D("2.35")


def test_dn_et_dv_a_la_main():
    # 5 magasins sur 8 = 62,50 % ; (775 + 665 + 610 + 490 + 315) / 3 335 k€ = 85,61 %
    v = _v("distribution-numerique-valeur-1")
    assert _cellules("distribution-numerique-valeur-1") == {"dn": D("62.50"), "dv": D("85.61")}
    assert _piege(v.controle, "dv_sur_le_nombre_de_magasins") == D("62.50")


def test_ruptures_et_ventes_perdues_a_la_main():
    # 21 / 200 = 10,50 % ; 14 × 5 × 85 % = 59,50 ; × 3,36 € = 199,92 € (CA : × 8,40 = 499,80 €)
    v = _v("ruptures-ventes-perdues-1")
    assert _cellules("ruptures-ventes-perdues-1") == {
        "taux_de_rupture": D("10.50"),
        "quantite_perdue": D("59.50"),
        "marge_perdue": D("199.92"),
    }
    assert _piege(v.controle, "report_oublie") == D("70")
    assert _piege(v.controle, "ca_perdu_au_lieu_de_marge") == D("499.80")


def test_roi_promotion_a_la_main():
    # (870 − 410) × 5,30 = 2 438,00 ; 161 × 2,20 = 354,20 ; 2 083,80 − 650 = 1 433,80 ; 220,58 %
    # sans cannibalisation : (2 438 − 650) / 650 = 275,08 %
    v = _v("roi-promotion-1")
    assert _cellules("roi-promotion-1") == {
        "marge_incrementale": D("2083.80"),
        "gain_net": D("1433.80"),
        "roi": D("220.58"),
    }
    roi_faux = [p for p in v.controle.cellules[2].pieges if p.code == "roi_sans_cannibalisation"]
    assert roi_faux[0].valeur == D("275.08")


def test_marge_au_metre_a_la_main():
    # 1 339,80 € / 2,10 m = 638,00 € (CA : 3 190 / 2,10 = 1 519,05 €)
    v = _v("marge-au-metre-1")
    assert v.controle.attendu == D("638.00")
    assert _piege(v.controle, "ca_au_metre_au_lieu_de_marge") == D("1519.05")


def test_redevances_a_la_main():
    # 540 000 × (7 % + 1,5 %) = 45 900 € ; sur la marge : 540 000 × 46 % × 8,5 % = 21 114 €
    v = _v("redevances-franchise-1")
    assert v.controle.attendu == D("45900.00")
    assert _piege(v.controle, "redevances_sur_la_marge") == D("21114.00")


def test_resultat_du_franchise_a_la_main():
    # 550 000 × 44 % = 242 000 ; × 7 % = 38 500 ; 21 000 / 9 = 2 333,33 ;
    # 242 000 − 38 500 − 126 500 − 2 333,33 = 74 666,67 €
    assert _cellules("resultat-franchise-1") == {
        "marge_brute": D("242000.00"),
        "redevances": D("38500.00"),
        "amortissement": D("2333.33"),
        "resultat": D("74666.67"),
    }


def test_seuil_du_franchise_a_la_main():
    # (65 000 + 15 000 / 9) / (40 % − 6 %) = 66 666,67 / 0,34 = 196 078,44 € ;
    # sans les redevances : 66 666,67 / 0,40 = 166 666,68 €
    v = _v("seuil-franchise-1")
    assert v.controle.attendu == D("196078.44")
    assert _piege(v.controle, "seuil_sans_les_redevances") == D("166666.68")


def test_challenge_a_la_main():
    # 21 000 × 33 % = 6 930 ; 7 500 + 500 = 8 000 ; −1 070 ; −1 070 / 8 000 = −13,38 %
    assert _cellules("challenge-commercial-1") == {
        "marge": D("6930.00"),
        "cout": D("8000"),
        "gain": D("-1070.00"),
        "roi": D("-13.38"),
    }
    assert (
        _v("challenge-commercial-1")
        .controle.verifier({"marge": "6930", "cout": "8000", "gain": "-1070", "roi": "-13,38"})
        .correct
    )


def test_point_d_indifference_a_la_main():
    # 70 000 / (9 % − 1 %) = 875 000 € ; en oubliant la commission : 70 000 / 9 % = 777 777,78
    v = _v("point-indifference-1")
    assert v.controle.attendu == D("875000.00")
    assert _piege(v.controle, "commission_des_salaries_oubliee") == D("777777.78")


def test_cout_des_canaux_a_la_main():
    # (40 000 + 1 470 000 × 3 %) / 1 470 000 = 84 100 / 1 470 000 = 5,72 %
    assert _v("cout-des-canaux-1").controle.attendu == D("5.72")


def test_tableau_de_bord_a_la_main():
    # 136 500 / 130 000 = 105 % ; écart 5 % (sur le réalisé : 6 500 / 136 500 = 4,76 %) ;
    # réseau 1 048 300 / 990 000 = 105,89 % (moyenne des taux (95 + 119 + 95 + 105) / 4 = 103,50)
    v = _v("tableau-de-bord-partenaires-1")
    assert _cellules("tableau-de-bord-partenaires-1") == {
        "taux": D("105.00"),
        "ecart_pct": D("5.00"),
        "taux_reseau": D("105.89"),
    }
    assert _piege(v.controle, "ecart_rapporte_au_realise") == D("4.76")
    assert _piege(v.controle, "moyenne_des_taux") == D("103.50")


def test_cadeau_de_l_hotesse_a_la_main():
    # 769,65 / 1,20 = 641,38 € HT ≥ 500 € ; × 12 % = 76,97 € (sur le TTC : 92,36 €)
    v = _v("cadeau-hotesse-1")
    assert "**769,65\u00a0€ TTC**" in v.enonce
    assert v.controle.attendu == D("76.97")
    assert _piege(v.controle, "cadeau_hotesse_sur_le_ttc") == D("92.36")


def test_reunion_a_domicile_a_la_main():
    # 651,85 / 1,20 = 543,21 ; × 26 % = 141,23 ; / 8 présentes = 81,48 (/ 11 invitées : 59,26)
    v = _v("reunion-a-domicile-1")
    assert _cellules("reunion-a-domicile-1") == {
        "ca_ht": D("543.21"),
        "commission": D("141.23"),
        "panier": D("81.48"),
    }
    assert _piege(v.controle, "commission_sur_le_ttc") == D("169.48")
    assert _piege(v.controle, "panier_par_invitee") == D("59.26")


def test_mandataire_ou_revendeur_a_la_main():
    # 2 828,55 × 23 % = 650,57 ; achats 2 828,55 × 75 % = 2 121,41 ; marge 707,14 ; écart 56,57
    assert _cellules("mandataire-ou-revendeur-1") == {
        "mandataire": D("650.57"),
        "revendeur": D("707.14"),
        "ecart": D("56.57"),
    }


def test_plan_a_deux_niveaux_a_la_main():
    # 4 102,40 × 28 % = 1 148,67 ; 4 875,20 × 3 % = 146,26 ; total 1 294,93 €
    v = _v("plan-deux-niveaux-1")
    assert v.controle.attendu == D("1294.93")
    assert _piege(v.controle, "surcommission_sur_toutes_les_ventes") == D("1418.00")


def test_recrutement_a_la_main():
    # 10 × 500 / 25 = 200 contacts ; avec le seul taux 25 / 45 = 55,56 % : ⌈10 / 0,5556⌉ = 18
    v = _v("recrutement-vdi-1")
    assert v.controle.attendu == D(200)
    assert _piege(v.controle, "dernier_taux_seul") == D(18)
    assert not v.controle.verifier("199").correct


def test_attrition_a_la_main():
    # 495 + 74 − 89 = 480 ; 89 / 495 = 17,98 % ; (480 − 495) / 495 = −3,03 %
    v = _v("attrition-vdi-1")
    assert _cellules("attrition-vdi-1") == {
        "fin": D(480),
        "attrition": D("17.98"),
        "croissance": D("-3.03"),
    }
    assert _piege(v.controle, "attrition_sur_l_effectif_final") == D("18.54")
