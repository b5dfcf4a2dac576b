"""The three plan widgets driven from Python: values, .calculer(), .resultat/.erreur, and the
plan surviving a kernel restart (a new widget re-reads what the previous one saved)."""

from __future__ import annotations

import json
from decimal import Decimal

from widgets.calculs import coordonnees
from widgets.calculs.tournee import longueur_tournee
from widgets.donnees import plans
from widgets.ui.plan_action import PlanActionCommerciale
from widgets.ui.plan_de_vente import EditeurPlanDeVente
from widgets.ui.tournee import PlanDeTournee, figure_tournee

# ----------------------------------------------------------------- plan de vente


def test_editeur_plan_de_vente_complet_enregistre_et_relu(dossier_utilisateur_temporaire):
    e = EditeurPlanDeVente(scenario="salon-particulier", etudiant="Léa")
    assert e.plan.type_entretien == "B2C"
    assert "Prise de contact : rédigez une accroche (la première phrase)." in map(str, e.resultat)
    e.accroche.value = "Bonjour, c'est pour offrir ?"
    e.questions.ajouter(texte="À qui voulez-vous l'offrir ?", type="ouverte")
    e.reformulation.value = "Vous cherchez un cadeau solide et facile à emporter."
    e.mobiles.value = ["sécurité"]
    e.arguments.ajouter(
        mobile="sécurité",
        caracteristique="Armature anti-retournement",
        avantage="Il résiste au vent",
        preuve="Testé à 80 km/h",
    )
    e.objections.ajouter(
        objection="C'est cher.", reponse="Garanti 2 ans.", technique="compensation"
    )
    e.technique_conclusion.value = "alternative"
    e.conclusion.value = "Je vous fais un paquet cadeau ?"
    assert [str(r) for r in e.calculer()] == [
        "Suivi : prévoyez le suivi (relance, livraison, prochain rendez-vous)."
    ]
    e.suivi.value = "Carte de fidélité, relance pour la serviette assortie."
    assert e.calculer() == [] and e.resultat == []
    assert "Plan complet" in e.remarques.value
    fichier = dossier_utilisateur_temporaire / "plans" / "plan_de_vente" / "salon-particulier.json"
    assert json.loads(fichier.read_text(encoding="utf-8"))["suivi"].startswith("Carte")
    # "kernel restart": a brand-new widget finds the plan again
    relu = EditeurPlanDeVente(scenario="salon-particulier")
    assert relu.plan == e.plan
    assert relu.resultat == []
    chemin = relu.exporter()
    assert "Armature anti-retournement" in chemin.read_text(encoding="utf-8")
    assert "data:text/html" in relu.lien_export.value


def test_editeur_supprimer_une_ligne_et_changer_de_grille():
    e = EditeurPlanDeVente(scenario="centrale-achat-marque-distributeur", enregistrer=False)
    assert e.plan.grille == "SABONE"
    e.arguments.ajouter(mobile="économie", caracteristique="Prix", avantage="a", preuve="p")
    e.arguments.ajouter(mobile="sécurité", caracteristique="Service", avantage="b", preuve="q")
    e.arguments.retirer(0)
    assert [a.caracteristique for a in e.plan.arguments] == ["Service"]
    e.grille.value = "SONCAS"
    assert e.mobiles.allowed_tags == list(
        ("sécurité", "orgueil", "nouveauté", "confort", "argent", "sympathie")
    )
    assert e.plan.arguments[0].mobile == "sécurité"  # kept across the grid change
    assert e.bloc_marges.layout.display == ""  # distributor: défense des marges shown


def test_changer_de_scenario_garde_chaque_plan():
    e = EditeurPlanDeVente(scenario="comite-entreprise-cadeaux")
    e.accroche.value = "Accroche CSE"
    e.choix_scenario.value = "salon-particulier"
    assert e.plan.accroche == "" and e.plan.type_entretien == "B2C"
    e.choix_scenario.value = "comite-entreprise-cadeaux"
    assert e.plan.accroche == "Accroche CSE"


# ----------------------------------------------------------------- tournée


def test_plan_de_tournee_sur_la_base_de_demo(base_demo):
    t = PlanDeTournee(base=base_demo, carte=False)
    t.champs["departements"].value = "75"
    t.champs["max_cibles"].value = "12"
    t.champs["jours"].value = "3"
    t.champs["visites_par_jour"].value = "4"
    t.champs["suivis"].value = "0"
    t.champs["cout_km"].value = "0,50"
    t.champs["cout_horaire"].value = "20"
    t.champs["taux_commande"].value = "25 %"
    t.champs["panier"].value = "400"
    r = t.calculer()
    assert t.erreur == ""
    assert len(r.cibles) == 12 and all(c.type_client == "Boutique de souvenirs" for c in r.cibles)
    assert r.visites_par_jour_necessaires == 4  # 12 / 3
    assert len(r.calendrier.visites) == 12 and r.calendrier.non_planifiees == []
    assert [len(j.ordre) for j in r.journees] == [4, 4, 4]
    # cost recomputed by hand from the figures of the plan
    km = sum((j.km_route for j in r.journees), Decimal("0"))
    minutes = sum(j.minutes for j in r.journees)
    assert r.cout.cout_km == (km * Decimal("0.50")).quantize(Decimal("0.01"))
    assert r.cout.cout_temps == (Decimal(minutes) * 20 / 60).quantize(Decimal("0.01"))
    assert r.attendus.commandes == Decimal("3.0")  # 12 first visits × 25 %
    assert r.attendus.chiffre_affaires == Decimal("1200.00")
    # each day's order is never longer than the calendar's order
    for j, arrets in zip(r.journees, r.arrets_par_jour, strict=True):
        points = [c.arret() for c in arrets]
        retrie = sorted(range(len(points)), key=lambda i: j.ordre[i])
        assert (
            longueur_tournee(points, None, r.depart)
            <= longueur_tournee(points, retrie, r.depart) + 1e-9
        )
    assert "<table" in t.calendrier_html.value
    png = figure_tournee(r)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_tournee_erreur_francaise_et_dernier_resultat_garde(base_demo):
    t = PlanDeTournee(base=base_demo, carte=False)
    avant = t.resultat
    t.champs["visites_par_jour"].value = "beaucoup"
    assert "n'est pas une quantité" in t.erreur
    assert t.resultat is avant
    t.champs["visites_par_jour"].value = "6"
    t.champs["departements"].value = "2A"
    assert "aucune cible" in t.erreur


def test_tournee_survit_au_redemarrage(base_demo):
    t = PlanDeTournee(base=base_demo, carte=False, nom_plan="stage")
    t.champs["jours"].value = "7"
    t.nature.value = "Prospects"
    t2 = PlanDeTournee(base=base_demo, carte=False, nom_plan="stage")
    assert t2.champs["jours"].value == "7" and t2.nature.value == "Prospects"
    assert all(c.nature == "prospect" for c in t2.resultat.cibles)


def test_lire_coordonnees_a_la_francaise():
    assert coordonnees("48,8566 ; 2,3522") == (48.8566, 2.3522)
    assert coordonnees("45.75/4.85") == (45.75, 4.85)


# ----------------------------------------------------------------- plan d'action


def test_plan_d_action_tableau_de_bord_et_sauvegarde(base_demo):
    from widgets.donnees.cibles import realise

    p = PlanActionCommerciale(base=base_demo)
    assert p.erreur == ""
    r = p.resultat
    assert r.plan.budget_total == Decimal("3150.00")  # 150 + 1 800 + 1 200
    reel = realise(
        base_demo, debut="2025-10-01", fin="2025-12-31", type_client="Boutique de souvenirs"
    )
    ca = r.tableau_de_bord[0]
    assert (ca.prevu, ca.realise) == (Decimal("60000.00"), reel.chiffre_affaires)
    assert ca.ecart == reel.chiffre_affaires - Decimal("60000.00")
    assert [len(c) for _, c in r.gantt] == [14, 14, 14]  # 29/09/2025 → 29/12/2025
    p.actions.modifier(1, budget="deux mille")
    assert p.erreur.startswith("Action 2, budget")
    p.actions.modifier(1, budget="2 000")
    assert p.resultat.plan.budget_total == Decimal("3350.00")
    p2 = PlanActionCommerciale(base=base_demo)
    assert p2.resultat.plan.budget_total == Decimal("3350.00")


# ----------------------------------------------------------------- enregistrement


def test_calculer_n_ecrit_rien_chaque_modification_enregistre(
    base_demo, dossier_utilisateur_temporaire
):
    t = PlanDeTournee(base=base_demo, carte=False, nom_plan="sans-ecriture")
    e = EditeurPlanDeVente(scenario="salon-particulier", nom_plan="sans-ecriture")
    p = PlanActionCommerciale(base=base_demo, nom_plan="sans-ecriture")
    for genre, widget in (("tournee", t), ("plan_de_vente", e), ("plan_action", p)):
        widget.calculer()
        assert plans.charger_plan("sans-ecriture", genre=genre) is None, genre
    t.champs["jours"].value = "4"
    e.accroche.value = "Bonjour"
    p.champs["objectif_clients"].value = "7"
    assert plans.charger_plan("sans-ecriture", genre="tournee")["champs"]["jours"] == "4"
    assert plans.charger_plan("sans-ecriture", genre="plan_de_vente")["accroche"] == "Bonjour"
    assert (
        plans.charger_plan("sans-ecriture", genre="plan_action")["champs"]["objectif_clients"]
        == "7"
    )
    # a wrong input is saved too (the raw text), with its French error shown
    t.champs["jours"].value = "quatre"
    assert "quantité" in t.erreur
    assert plans.charger_plan("sans-ecriture", genre="tournee")["champs"]["jours"] == "quatre"


def test_enregistrement_impossible_dit_pourquoi_en_francais(
    base_demo, monkeypatch, dossier_utilisateur_temporaire
):
    def refuse(*_args, **_kwargs):
        raise OSError("disque plein")

    t = PlanDeTournee(base=base_demo, carte=False, nom_plan="plein")
    valide = t.resultat
    monkeypatch.setattr(plans, "enregistrer_plan", refuse)
    t.champs["jours"].value = "4"
    assert t.erreur == "Enregistrement impossible : disque plein"
    assert "disque plein" in t.zone_erreur.value
    assert t.resultat is not valide and len(t.resultat.journees) <= 4  # still recalculated
