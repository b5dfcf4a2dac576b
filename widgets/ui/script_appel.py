"""Widgets « Script d'appel » et « Chatbot » (NDRC bloc 2, relation client à distance).

Thin layers over :mod:`widgets.calculs.script_appel`: the student fills the stages of a call
(or chat) script — ouverture, barrage secrétaire, découverte, objections, prise de rendez-vous —
and sees live what is missing; ``imprimable()`` gives the printable HTML page. The chatbot
tester shows the completeness check of a flow and plays it on the sentences typed.

Pilotable depuis Python::

    e = EditeurScriptAppel()
    e.ouverture.value = "Bonjour, Léa Martin, de Textiles de la Côte…"
    e.questions.ajouter(texte="Comment se vend votre rayon plage ?", type="ouverte")
    e.calculer()          # → liste des remarques (aussi dans e.resultat)
    e.script              # le ScriptAppel courant
    e.imprimable()        # la page HTML du script

    t = TesteurChatbot(parcours_exemple())
    t.envoyer("Je n'ai pas reçu mon colis")
"""

from __future__ import annotations

import html

import ipywidgets as w

from widgets.calculs.plan_de_vente import (
    TECHNIQUES_OBJECTION,
    TYPES_QUESTION,
    Objection,
    Question,
    Remarque,
)
from widgets.calculs.script_appel import (
    CANAUX_SCRIPT,
    CIBLES_SCRIPT,
    ParcoursChatbot,
    Replique,
    ReponseChatbot,
    ScriptAppel,
    repondre,
    script_html,
    verifier_parcours,
    verifier_script,
)
from widgets.ui.champs import ListeEditable

LARGEUR = "100%"
STYLE = {"description_width": "150px"}


def _texte(description: str, lignes: int = 2) -> w.Textarea:
    return w.Textarea(
        description=description, rows=lignes, style=STYLE, layout=w.Layout(width=LARGEUR)
    )


def _remarques_html(remarques: list[Remarque], complet: str) -> str:
    if not remarques:
        return f"<p style='color:#1a7f37'><b>✓ {html.escape(complet)}</b></p>"
    items = "".join(
        f"<li><b>{html.escape(r.partie)}</b> : {html.escape(r.message)}</li>" for r in remarques
    )
    return f"<p><b>À compléter :</b></p><ul>{items}</ul>"


class EditeurScriptAppel(w.VBox):
    """Éditeur de script d'appel ou de chat, avec contrôle de complétude en direct."""

    def __init__(self, script: ScriptAppel | None = None) -> None:
        super().__init__()
        self.resultat: list[Remarque] = []
        self._charge = False
        self.titre = w.Text(description="Titre", style=STYLE, layout=w.Layout(width=LARGEUR))
        self.canal = w.Dropdown(options=list(CANAUX_SCRIPT), description="Canal", style=STYLE)
        self.cible = w.Dropdown(options=list(CIBLES_SCRIPT), description="Cible", style=STYLE)
        self.interlocuteur = w.Text(
            description="Interlocuteur visé", style=STYLE, layout=w.Layout(width=LARGEUR)
        )
        self.objectif = w.Text(description="Objectif", style=STYLE, layout=w.Layout(width=LARGEUR))
        self.ouverture = _texte("Ouverture", 3)
        self.barrage = ListeEditable(
            "barrage",
            Replique,
            [
                ("situation", "Le standard dit…", None, "330px"),
                ("reponse", "Je réponds…", None, "450px"),
            ],
            "Ajouter une réplique",
            self._modification,
        )
        self.questions = ListeEditable(
            "questions",
            Question,
            [
                ("texte", "Question", None, "420px"),
                ("type", "Type", TYPES_QUESTION, "120px"),
                ("objectif", "Ce que je cherche à savoir", None, "260px"),
            ],
            "Ajouter une question",
            self._modification,
        )
        self.objections = ListeEditable(
            "objections",
            Objection,
            [
                ("objection", "Objection", None, "260px"),
                ("reponse", "Réponse", None, "360px"),
                ("technique", "Technique", TECHNIQUES_OBJECTION, "140px"),
            ],
            "Ajouter une objection",
            self._modification,
        )
        self.proposition_rdv = _texte("Proposition de rendez-vous")
        self.confirmation_rdv = _texte("Confirmation")
        self.prise_de_conge = _texte("Prise de congé", 1)
        self.controle = w.HTML()
        etapes = w.Accordion(
            children=[
                w.VBox([self.titre, self.canal, self.cible, self.interlocuteur, self.objectif]),
                w.VBox([self.ouverture]),
                w.VBox([self.barrage]),
                w.VBox([self.questions]),
                w.VBox([self.objections]),
                w.VBox([self.proposition_rdv, self.confirmation_rdv, self.prise_de_conge]),
            ],
            selected_index=1,
        )
        for k, titre in enumerate(
            (
                "0. Le contexte",
                "1. Ouverture",
                "2. Barrage secrétaire",
                "3. Découverte",
                "4. Objections",
                "5. Prise de rendez-vous",
            )
        ):
            etapes.set_title(k, titre)
        self.children = [etapes, self.controle]
        for champ in (
            self.titre,
            self.canal,
            self.cible,
            self.interlocuteur,
            self.objectif,
            self.ouverture,
            self.proposition_rdv,
            self.confirmation_rdv,
            self.prise_de_conge,
        ):
            champ.observe(lambda _c: self._modification(), names="value")
        if script is not None:
            self.charger(script)
        self.calculer()

    def charger(self, script: ScriptAppel) -> None:
        """Fills the fields with ``script`` (one check at the end)."""
        self._charge = True
        try:
            self.titre.value = script.titre
            if script.canal in CANAUX_SCRIPT:
                self.canal.value = script.canal
            if script.cible in CIBLES_SCRIPT:
                self.cible.value = script.cible
            self.interlocuteur.value = script.interlocuteur
            self.objectif.value = script.objectif
            self.ouverture.value = script.ouverture
            self.barrage.remplacer(script.barrage)
            self.questions.remplacer(script.questions)
            self.objections.remplacer(script.objections)
            self.proposition_rdv.value = script.proposition_rdv
            self.confirmation_rdv.value = script.confirmation_rdv
            self.prise_de_conge.value = script.prise_de_conge
        finally:
            self._charge = False
        self.calculer()

    @property
    def script(self) -> ScriptAppel:
        return ScriptAppel(
            titre=self.titre.value,
            canal=self.canal.value,
            cible=self.cible.value,
            interlocuteur=self.interlocuteur.value,
            objectif=self.objectif.value,
            ouverture=self.ouverture.value,
            barrage=self.barrage.elements,
            questions=self.questions.elements,
            objections=self.objections.elements,
            proposition_rdv=self.proposition_rdv.value,
            confirmation_rdv=self.confirmation_rdv.value,
            prise_de_conge=self.prise_de_conge.value,
        )

    def _modification(self) -> None:
        if not self._charge:
            self.calculer()

    def calculer(self) -> list[Remarque]:
        """The completeness check, shown under the stages (and kept in ``resultat``)."""
        self.resultat = verifier_script(self.script)
        self.controle.value = _remarques_html(self.resultat, "Le script est complet.")
        return self.resultat

    def imprimable(self) -> str:
        """The printable script (standalone HTML page, A4)."""
        return script_html(self.script)


class TesteurChatbot(w.VBox):
    """Shows the completeness check of a chatbot flow and plays it on typed sentences."""

    def __init__(self, parcours: ParcoursChatbot) -> None:
        super().__init__()
        self.parcours = parcours
        self.remarques = verifier_parcours(parcours)
        self.conversation: list[tuple[str, str]] = [("robot", parcours.accueil)]
        self.saisie = w.Text(
            placeholder="Écrivez comme un client…",
            description="Client",
            layout=w.Layout(width="70%"),
        )
        bouton = w.Button(description="Envoyer", icon="paper-plane")
        bouton.on_click(lambda _b: self.envoyer(self.saisie.value))
        self.fil = w.HTML()
        controle = w.HTML(_remarques_html(self.remarques, "Le parcours est complet."))
        self.children = [controle, self.fil, w.HBox([self.saisie, bouton])]
        self._afficher()

    def envoyer(self, message: str) -> ReponseChatbot:
        """The bot's answer to ``message``, added to the conversation shown."""
        reponse = repondre(self.parcours, message)
        self.conversation += [("client", message), ("robot", reponse.texte)]
        if reponse.transfert:
            self.conversation.append(("robot", "→ transfert vers un conseiller"))
        self.saisie.value = ""
        self._afficher()
        return reponse

    def _afficher(self) -> None:
        self.fil.value = "".join(
            f"<p style='text-align:{'right' if qui == 'client' else 'left'}'>"
            f"<b>{'Client' if qui == 'client' else 'Robot'}</b> : {html.escape(texte)}</p>"
            for qui, texte in self.conversation
        )
