"""Plan de vente: completeness checks, JSON round trip, versions, atomic save, printable fiche."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from outils.plans_de_vente import plan_complet_distributeur

from widgets.calculs.plan_de_vente import (
    GRILLES,
    Acteur,
    PlanDeVente,
    Question,
    verifier_plan,
)
from widgets.donnees import plans
from widgets.erreurs import ErreurAtelier
from widgets.ui.fiche_plan_de_vente import fiche_html, sociogramme_svg


def messages(plan: PlanDeVente) -> list[str]:
    return [str(r) for r in verifier_plan(plan)]


def test_un_plan_complet_n_a_aucune_remarque():
    assert messages(plan_complet_distributeur()) == []


def test_plan_vide_b2c_liste_tous_les_manques():
    assert messages(PlanDeVente()) == [
        "Prise de contact : rédigez une accroche (la première phrase).",
        "Découverte : le plan de découverte ne contient aucune question.",
        "Découverte : prévoyez la reformulation des besoins du client.",
        "Découverte : aucun mobile d'achat (SONCAS) n'est identifié.",
        "Argumentation : l'argumentaire ne contient aucun argument.",
        "Objections : préparez au moins une objection et sa réponse.",
        "Conclusion : aucune conclusion n'est prévue (prise de commande).",
        "Suivi : prévoyez le suivi (relance, livraison, prochain rendez-vous).",
    ]


@pytest.mark.parametrize(
    ("modifier", "attendu"),
    [
        (
            lambda p: p.mobiles.append("sécurité"),
            "Argumentation : le mobile « sécurité » a été trouvé à la découverte mais aucun "
            "argument n'y répond.",
        ),
        (
            lambda p: setattr(p.arguments[0], "preuve", " "),
            "Argumentation : l'argument « Licence RATP » n'a pas de preuve.",
        ),
        (
            lambda p: setattr(p.arguments[1], "avantage", ""),
            "Argumentation : l'argument « Coefficient 2,5 » n'a pas d'avantage client.",
        ),
        (
            lambda p: setattr(p, "conclusion", ""),
            "Conclusion : aucune conclusion n'est prévue (prise de commande).",
        ),
        (
            lambda p: setattr(p, "technique_conclusion", ""),
            "Conclusion : nommez la technique de conclusion.",
        ),
        (
            lambda p: setattr(p, "suivi", ""),
            "Suivi : prévoyez le suivi (relance, livraison, prochain rendez-vous).",
        ),
        (
            lambda p: setattr(p.objections[0], "technique", ""),
            "Objections : nommez la technique de réponse à l'objection « C'est trop cher. ».",
        ),
        (
            lambda p: setattr(p.objections[0], "reponse", ""),
            "Objections : l'objection « C'est trop cher. » n'a pas de réponse.",
        ),
        (
            lambda p: setattr(p, "defense_des_marges", ""),
            "Argumentation : préparez la défense des marges face au distributeur.",
        ),
        (
            lambda p: setattr(p.arguments[1], "cible", "client"),
            "Argumentation : double argumentation : il faut au moins un argument pour le "
            "revendeur et un pour son client final.",
        ),
        (
            lambda p: setattr(p, "questions", [Question("Vendez-vous du textile ?", "fermée")]),
            "Découverte : prévoyez au moins une question ouverte pour faire parler.",
        ),
        (
            lambda p: p.mobiles.append("gourmandise"),
            "Découverte : « gourmandise » n'est pas un mobile de la grille SONCAS.",
        ),
        (
            lambda p: setattr(p.arguments[0], "mobile", "confort"),
            "Argumentation : l'argument « Licence RATP » répond au mobile « confort », qui n'a "
            "pas été identifié à la découverte.",
        ),
    ],
)
def test_chaque_controle_se_declenche_exactement_sur_le_manque(modifier, attendu):
    plan = plan_complet_distributeur()
    modifier(plan)
    resultat = messages(plan)
    if "gourmandise" in attendu:  # an unknown motive is also a motive without argument
        assert resultat == [
            attendu,
            "Argumentation : le mobile « gourmandise » a été trouvé à la découverte mais "
            "aucun argument n'y répond.",
        ]
    elif "« confort »" in attendu:  # the motive « nouveauté » is then left without argument
        assert resultat == [
            "Argumentation : le mobile « nouveauté » a été trouvé à la découverte mais "
            "aucun argument n'y répond.",
            attendu,
        ]
    else:
        assert resultat == [attendu]


def test_b2b_demande_le_centre_d_achat_et_son_decideur():
    plan = plan_complet_distributeur()
    plan.type_entretien = "B2B"
    assert messages(plan) == [
        "Centre d'achat : en B2B, décrivez le centre d'achat (sociogramme) : qui participe à la "
        "décision ?"
    ]
    plan.centre_achat = [Acteur("Mme Roux", "trésorière", "acheteur")]
    assert messages(plan) == ["Centre d'achat : identifiez le décideur du centre d'achat."]
    plan.centre_achat.append(Acteur("Les élus", "vote", "décideur"))
    assert messages(plan) == []
    plan.argument_financier = ""
    assert messages(plan) == [
        "Argumentation : ajoutez l'argument financier (rentabilité, coût global, retour sur "
        "investissement)."
    ]


def test_la_grille_est_un_reglage():
    plan = plan_complet_distributeur()
    plan.grille = "SABONE"
    assert "Découverte : « argent » n'est pas un mobile de la grille SABONE." in messages(plan)
    grilles = {**GRILLES, "MAISON": ("nouveauté", "argent")}
    plan.grille = "MAISON"
    assert verifier_plan(plan, grilles) == []


# ----------------------------------------------------------------- save / reload / export


def test_aller_retour_enregistrer_relire_exporter_identique():
    plan = plan_complet_distributeur()
    plans.enregistrer_plan("Boutique du Champ-de-Mars", plan.vers_dict())
    relu = PlanDeVente.depuis_dict(plans.charger_plan("Boutique du Champ-de-Mars"))
    assert relu == plan
    assert fiche_html(relu, "Léa") == fiche_html(plan, "Léa")
    chemin = plans.exporter_fiche("Boutique du Champ-de-Mars", fiche_html(relu, "Léa"))
    assert chemin.name == "boutique-du-champ-de-mars.html"
    assert chemin.read_text(encoding="utf-8") == fiche_html(plan, "Léa")


def test_chaque_modification_garde_la_version_precedente(dossier_utilisateur_temporaire: Path):
    plan = plan_complet_distributeur()
    plans.enregistrer_plan("essai", plan.vers_dict())
    plans.enregistrer_plan("essai", plan.vers_dict())  # unchanged: no new version
    assert plans.versions_plan("essai") == []
    plan.suivi = "Relance à J+7"
    plans.enregistrer_plan("essai", plan.vers_dict())
    plan.suivi = "Relance à J+3"
    plans.enregistrer_plan("essai", plan.vers_dict())
    versions = plans.versions_plan("essai")
    assert [v.name for v in versions] == ["0001.json", "0002.json"]
    assert json.loads(versions[0].read_text(encoding="utf-8"))["suivi"] == (
        "Appel à J+15 pour le réassort."
    )
    assert json.loads(versions[1].read_text(encoding="utf-8"))["suivi"] == "Relance à J+7"
    assert plans.charger_plan("essai")["suivi"] == "Relance à J+3"
    assert (dossier_utilisateur_temporaire / "plans" / "plan_de_vente" / "essai.json").exists()
    # no temporary file left behind
    assert not list(versions[0].parent.parent.glob("*.tmp"))


def test_le_nombre_de_versions_est_borne():
    for k in range(6):
        plans.enregistrer_plan("borne", {"n": k}, garder=3)
    assert [v.name for v in plans.versions_plan("borne")] == ["0003.json", "0004.json", "0005.json"]
    assert plans.charger_plan("borne") == {"n": 5}


def test_fichier_abime_on_relit_la_derniere_version():
    plans.enregistrer_plan("abime", {"n": 1})
    chemin = plans.enregistrer_plan("abime", {"n": 2})
    chemin.write_text('{"n": 3', encoding="utf-8")  # truncated write from a crash
    assert plans.charger_plan("abime") == {"n": 1}


def test_plan_absent_et_nom_vide():
    assert plans.charger_plan("jamais-vu") is None
    with pytest.raises(ErreurAtelier, match="nom"):
        plans.enregistrer_plan("  «» ", {})


def test_supprimer_met_de_cote():
    plans.enregistrer_plan("a-jeter", {"n": 1})
    plans.supprimer_plan("a-jeter")
    assert "a-jeter" not in plans.lister_plans()
    assert plans.charger_plan("a-jeter") == {"n": 1}  # recoverable from its last version


def test_fiche_echappe_le_html_et_rappelle_les_manques():
    plan = plan_complet_distributeur()
    plan.accroche = "<script>alert(1)</script>"
    plan.suivi = ""
    fiche = fiche_html(plan)
    assert "<script>" not in fiche and "&lt;script&gt;" in fiche
    assert "size: A4" in fiche
    assert "Suivi : prévoyez le suivi" in fiche
    assert "Plan complet" in fiche_html(plan_complet_distributeur())


def test_depuis_dict_tolere_les_cles_inconnues_et_manquantes():
    donnees = copy.deepcopy(plan_complet_distributeur().vers_dict())
    donnees["inconnu"] = 1
    donnees["arguments"][0]["bizarre"] = "x"
    del donnees["suivi"]
    relu = PlanDeVente.depuis_dict(donnees)
    assert relu.suivi == "" and relu.arguments[0].caracteristique == "Licence RATP"
    with pytest.raises(ErreurAtelier):
        PlanDeVente.depuis_dict([1, 2])


def test_bibliotheque_de_scenarios():
    scenarios = plans.charger_scenarios()
    assert {s["type_entretien"] for s in scenarios} == {"B2C", "B2B", "distributeur"}
    for s in scenarios:
        assert s["grille"] in GRILLES
        for champ in ("titre", "client", "produit", "objectif", "contexte"):
            assert s[champ].strip()
    s = plans.scenario("boutique-souvenirs-tour-eiffel")
    plan = PlanDeVente.depuis_scenario(s)
    assert plan.type_entretien == "distributeur" and plan.scenario == s["id"]
    with pytest.raises(ErreurAtelier):
        plans.scenario("inexistant")


def test_une_version_par_intervalle_quand_on_enregistre_a_chaque_frappe():
    for lettre in "abcdef":
        plans.enregistrer_plan("frappe", {"texte": lettre}, intervalle_versions=60)
    # the first change archived "a"; the next keystrokes within the minute add no version
    assert [v.name for v in plans.versions_plan("frappe")] == ["0001.json"]
    assert plans.charger_plan("frappe") == {"texte": "f"}
    plans.enregistrer_plan("frappe", {"texte": "g"}, intervalle_versions=0)
    assert len(plans.versions_plan("frappe")) == 2


def test_sociogramme_decideur_au_centre_et_dans_la_fiche():
    assert sociogramme_svg([]) == ""
    acteurs = [
        Acteur("Mme Roux", "trésorière", "acheteur"),
        Acteur("Les élus", "vote en plénière", "décideur"),
        Acteur("Mme <Petit>", "assistante", "filtre"),
    ]
    svg = sociogramme_svg(acteurs, largeur=520, hauteur=300)
    # the decision-maker's box is centred on (260, 150), one line to each other actor
    assert '<rect x="170" y="130" width="180" height="40"' in svg
    assert svg.count("<line ") == 2
    assert "Mme &lt;Petit&gt;" in svg and "<Petit>" not in svg
    plan = plan_complet_distributeur()
    plan.type_entretien = "B2B"
    plan.centre_achat = acteurs
    assert "atelier-sociogramme" in fiche_html(plan)


def test_disposition_du_sociogramme_calculee_a_la_main():
    from widgets.calculs.plan_de_vente import disposition_sociogramme

    acteurs = [
        Acteur("Mme Roux", "trésorière", "acheteur"),
        Acteur("", "", "filtre"),  # nobody described: left out
        Acteur("Les élus", "vote en plénière", "décideur"),
        Acteur("Mme Petit", "assistante", "filtre"),
    ]
    places = disposition_sociogramme(acteurs, largeur=520, hauteur=300)
    # centre (260, 150); ellipse radii 520/2 - 100 = 160 and 300/2 - 40 = 110;
    # two actors around: angles -90° (top) and +90° (bottom)
    assert [(p.acteur.nom, p.decideur) for p in places] == [
        ("Les élus", True),
        ("Mme Roux", False),
        ("Mme Petit", False),
    ]
    assert [(round(p.x, 6), round(p.y, 6)) for p in places] == [
        (260, 150),
        (260, 40),
        (260, 260),
    ]
    assert disposition_sociogramme([Acteur("", "", "décideur")]) == []
