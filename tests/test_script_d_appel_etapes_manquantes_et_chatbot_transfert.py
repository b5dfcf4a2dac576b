"""Issue 23: the call/chat script builder and the chatbot flow, on the sales-plan engine.

A script is checked stage by stage (ouverture, barrage secrétaire, découverte, objections,
prise de rendez-vous) with French messages naming the missing stages; the printable script
keeps the order of the call and escapes the student's text; a chatbot flow needs an answer for
every intent and a hand-over to a person.
"""

from __future__ import annotations

from dataclasses import replace

from widgets.calculs.plan_de_vente import Objection, Question
from widgets.calculs.script_appel import (
    Intention,
    ParcoursChatbot,
    Replique,
    ScriptAppel,
    etapes_manquantes,
    parcours_exemple,
    repondre,
    script_exemple,
    script_html,
    script_markdown,
    verifier_parcours,
    verifier_script,
)


def _messages(remarques):
    return [str(r) for r in remarques]


def test_le_script_exemple_est_complet():
    assert verifier_script(script_exemple()) == []
    assert etapes_manquantes(script_exemple()) == []


def test_un_script_vide_nomme_ses_cinq_etapes_manquantes():
    messages = _messages(verifier_script(ScriptAppel()))
    assert messages[0] == (
        "Script : il manque 5 étapes : ouverture, barrage secrétaire, découverte, objections "
        "et prise de rendez-vous."
    )
    assert any(m.startswith("Barrage secrétaire : prévoyez la réponse") for m in messages)


def test_une_seule_etape_manquante_est_nommee_au_singulier():
    s = replace(script_exemple(), barrage=[])
    assert _messages(verifier_script(s))[:2] == [
        "Script : il manque l'étape : barrage secrétaire.",
        "Barrage secrétaire : prévoyez la réponse à « C'est à quel sujet ? » pour être mis en "
        "relation avec la gérante.",
    ]


def test_le_barrage_n_est_pas_demande_dans_un_chat_ni_en_b2c():
    assert etapes_manquantes(replace(script_exemple(), barrage=[], canal="chat")) == []
    assert etapes_manquantes(replace(script_exemple(), barrage=[], cible="B2C")) == []


def test_les_manques_a_l_interieur_des_etapes():
    s = replace(
        script_exemple(),
        barrage=[Replique("Vous êtes qui ?", "")],
        questions=[Question("Vous vendez des serviettes ?", "fermée")],
        objections=[
            Objection("Pas le temps.", "", ""),
            Objection("Trop cher.", "Par rapport à quoi ?", "esquive"),
        ],
        proposition_rdv="Je peux passer mardi ?",
        confirmation_rdv="",
    )
    assert _messages(verifier_script(s)) == [
        "Barrage secrétaire : « Vous êtes qui ? » n'a pas de réponse prévue.",
        "Découverte : prévoyez au moins une question ouverte pour faire parler.",
        "Objections : l'objection « Pas le temps. » n'a pas de réponse.",
        "Objections : nommez la technique de réponse à « Pas le temps. ».",
        "Objections : « esquive » n'est pas une technique connue (reformulation, oui-mais, "
        "boomerang, compensation, anticipation, question, témoignage, report).",
        "Prise de rendez-vous : proposez deux créneaux au choix (« mardi 10 h ou jeudi 15 h ? ») "
        "plutôt qu'une question fermée.",
        "Prise de rendez-vous : confirmez le rendez-vous : date, heure, lieu et coordonnées.",
    ]


def test_le_script_imprimable_suit_l_ordre_de_l_appel_et_echappe_le_texte():
    md = script_markdown(script_exemple())
    positions = [
        md.index(t)
        for t in (
            "## 1. Ouverture",
            "## 2. Barrage secrétaire",
            "## 3. Découverte",
            "## 4. Objections",
            "## 5. Prise de rendez-vous",
        )
    ]
    assert positions == sorted(positions)
    assert "| C'est trop cher. | Trop cher par rapport à quoi ?" in md
    assert "1. Comment se vend votre rayon plage en ce moment ? *(ouverte)*" in md
    piege = replace(script_exemple(), ouverture="Bonjour <script>alert(1)</script> *gras*")
    assert "<script>" not in script_html(piege)
    assert "&lt;script&gt;" in script_html(piege)
    assert "\\*gras\\*" in script_markdown(piege)
    # an incomplete script prints what is left to do
    assert "À compléter" in script_html(replace(script_exemple(), objections=[]))
    assert "À compléter" not in script_html(script_exemple())


def test_le_script_se_relit_depuis_son_dictionnaire():
    s = script_exemple()
    assert ScriptAppel.depuis_dict(s.vers_dict()) == s
    assert ScriptAppel.depuis_dict({"ouverture": "Bonjour", "inconnu": 3}).ouverture == "Bonjour"


def test_le_parcours_exemple_est_complet_et_transfere_les_reclamations():
    p = parcours_exemple()
    assert verifier_parcours(p) == []
    r = repondre(p, "Mon article est arrivé abîmé")
    assert r.intention == "réclamation" and r.transfert
    assert r.texte.endswith("en dehors de ces horaires).")
    suivi = repondre(p, "Je n'ai toujours pas reçu mon colis")
    assert suivi.intention == "suivi de commande" and not suivi.transfert
    rien = repondre(p, "Bonjour")
    assert rien.intention is None and rien.texte.startswith("Je n'ai pas compris")
    # « mon » (in « mon colis ») says nothing: « abîmé » decides
    assert repondre(p, "Mon peignoir est arrivé abîmé").intention == "réclamation"
    # accents and case ignored: « RETOURNER » / « retourner »
    assert repondre(p, "comment RETOURNER un article").intention == "retour d'un article"


def test_chaque_intention_a_une_reponse_et_un_transfert_existe():
    p = ParcoursChatbot(
        accueil="Bonjour",
        intentions=[
            Intention("horaires", ["Quels sont vos horaires ?"], ""),
            Intention("livraison", [], "Livraison en 48 h."),
            Intention("délais", ["quels sont vos horaires"], "De 9 h à 18 h."),
        ],
        incompris="",
        transfert="",
    )
    assert _messages(verifier_parcours(p)) == [
        "Intentions : l'intention « horaires » n'a pas de réponse.",
        "Intentions : l'intention « livraison » n'a aucune phrase d'exemple : le robot ne la "
        "reconnaîtra pas.",
        "Intentions : la phrase « quels sont vos horaires » est à la fois dans « horaires » et "
        "dans « délais » : le robot ne saura pas choisir.",
        "Incompréhension : prévoyez le message quand le robot ne comprend pas (reformuler ou "
        "proposer un conseiller).",
        "Transfert : aucun passage à une personne : prévoyez le message de transfert vers un "
        "conseiller (horaires, délai) et au moins une intention qui y mène (une réclamation, "
        "par exemple).",
    ]
    # a hand-over message without any intent leading to it is not a hand-over
    sans_chemin = replace(parcours_exemple(), intentions=parcours_exemple().intentions[:3])
    assert [r.partie for r in verifier_parcours(sans_chemin)] == ["Transfert"]


def test_le_parcours_se_relit_depuis_son_dictionnaire():
    p = parcours_exemple()
    assert ParcoursChatbot.depuis_dict(p.vers_dict()) == p


def test_les_widgets_suivent_le_modele():
    from widgets.ui.script_appel import EditeurScriptAppel, TesteurChatbot

    e = EditeurScriptAppel()
    assert "il manque 5 étapes" in e.controle.value
    e.charger(script_exemple())
    assert e.script == script_exemple()
    assert e.resultat == [] and "Le script est complet" in e.controle.value
    e.proposition_rdv.value = ""
    e.confirmation_rdv.value = ""
    assert [r.partie for r in e.resultat][:1] == ["Script"]
    assert "prise de rendez-vous" in e.resultat[0].message
    assert "<h2>5. Prise de rendez-vous</h2>" in e.imprimable()
    t = TesteurChatbot(parcours_exemple())
    assert t.envoyer("article abîmé").transfert
    assert "transfert vers un conseiller" in t.fil.value
