"""Widget « Plan de vente » : préparer un entretien de vente pas à pas (S742, S743, S751–S773).

L'étudiant choisit un scénario de la bibliothèque (B2C, B2B, distributeur), puis remplit :
prise de contact, plan de découverte (questions ouvertes / fermées / alternatives,
reformulation, mobiles trouvés), centre d'achat (B2B), argumentaire CAP relié aux mobiles,
objections et techniques de réponse, conclusion et suivi. Le contrôle de complétude affiche
en direct ce qui manque ; la fiche du plan de vente s'exporte en HTML imprimable (A4).

Le plan est enregistré à chaque modification de l'étudiant (``plans/plan_de_vente/<nom>.json``,
écriture atomique, versions précédentes gardées ; sur un serveur de classe, dans le dossier de
l'élève identifié), relu à la création du widget et quand une page se connecte au noyau, jamais
écrit par-dessus une version plus récente (voir ``widgets.ui.champs.PlanEnregistre``) ;
``calculer()`` ne fait que le contrôle de complétude (il n'écrit rien), ``sauvegarder()``
enregistre. ``resultat`` (the list of what is missing) and ``erreur`` are traits.

Pilotable depuis Python::

    e = EditeurPlanDeVente(scenario="boutique-souvenirs-tour-eiffel")
    e.accroche.value = "Bonjour Madame…"
    e.questions.ajouter(texte="Quels souvenirs vendez-vous le mieux ?", type="ouverte")
    e.calculer()          # → liste des remarques (aussi dans e.resultat)
    e.plan                # le PlanDeVente courant
    e.exporter()          # chemin de la fiche HTML
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.calculs.plan_de_vente import (
    CIBLES_ARGUMENT,
    GRILLES,
    ROLES_CENTRE_ACHAT,
    TECHNIQUES_CONCLUSION,
    TECHNIQUES_OBJECTION,
    TYPES_ENTRETIEN,
    TYPES_QUESTION,
    Acteur,
    Argument,
    Objection,
    PlanDeVente,
    Question,
    Remarque,
    verifier_plan,
)
from widgets.donnees import plans
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import ListeEditable, PlanEnregistre, ResultatObservable, ZoneErreur
from widgets.ui.fiche_plan_de_vente import fiche_html, sociogramme_svg
from widgets.ui.identification import bandeau_si_classe

LARGEUR = "100%"
STYLE = {"description_width": "150px"}


def _texte(description: str, valeur: str = "", lignes: int = 2, nom: str = "") -> w.Textarea:
    zone = w.Textarea(
        value=valeur,
        description=description,
        rows=lignes,
        style=STYLE,
        layout=w.Layout(width=LARGEUR),
    )
    if nom:
        zone.add_class(f"atelier-champ-{nom}")
    return zone


def _ligne(description: str) -> w.Text:
    return w.Text(description=description, style=STYLE, layout=w.Layout(width=LARGEUR))


ETAPES = (
    "0. Le scénario",
    "1. Prise de contact",
    "2. Découverte",
    "3. Argumentation (CAP)",
    "4. Objections",
    "5. Conclusion et suivi",
)


class EditeurPlanDeVente(PlanEnregistre, ResultatObservable, w.VBox):
    """Éditeur de plan de vente avec contrôle de complétude et fiche imprimable.

    The constructor calls one builder per step of the accordion (``_etape_*``), each creating
    that step's fields as attributes and returning its box. Saving is
    :meth:`PlanEnregistre.sauvegarder`, called after each change (:meth:`_modification`).
    """

    GENRE_PLAN = "plan_de_vente"

    def __init__(
        self,
        scenario: str | None = None,
        *,
        nom_plan: str | None = None,
        etudiant: str = "",
        enregistrer: bool = True,
        dossier_scenarios: Path | None = None,
    ) -> None:
        super().__init__()
        self.etudiant = etudiant
        self.enregistrer = enregistrer
        self._charge = False
        self.scenarios = {s["id"]: s for s in plans.charger_scenarios(dossier_scenarios)}
        if scenario is not None and scenario not in self.scenarios:
            raise ErreurAtelier(f"Aucun scénario « {scenario} » dans la bibliothèque.")
        premier = scenario or next(iter(self.scenarios), "")
        self.nom_plan = nom_plan or premier or "mon-plan"

        self.choix_scenario = w.Dropdown(
            options=[(s["titre"], k) for k, s in self.scenarios.items()] + [("(libre)", "")],
            value=premier,
            description="Scénario",
            style=STYLE,
            layout=w.Layout(width=LARGEUR),
        )
        etapes = w.Accordion(
            children=[
                self._etape_scenario(),
                self._etape_prise_de_contact(),
                self._etape_decouverte(),
                self._etape_argumentation(),
                self._etape_objections(),
                self._etape_conclusion(),
            ],
            selected_index=0,
            layout=w.Layout(width="100%"),
        )
        for k, titre in enumerate(ETAPES):
            etapes.set_title(k, titre)
        self.children = [
            *bandeau_si_classe(),
            self.choix_scenario,
            w.HBox(
                [
                    w.Box([etapes], layout=w.Layout(width="68%")),
                    self._panneau_controle(),
                ]
            ),
        ]
        self.add_class("atelier-plan-de-vente")
        self._brancher_observateurs()
        self.choisir_scenario(premier, nom_plan=self.nom_plan)

    # -- construction, one builder per step ------------------------------------------------
    def _etape_scenario(self) -> w.VBox:
        self.contexte = w.HTML()
        self.type_entretien = w.Dropdown(
            options=TYPES_ENTRETIEN, description="Type d'entretien", style=STYLE
        )
        self.grille = w.Dropdown(
            options=list(GRILLES), description="Grille des mobiles", style=STYLE
        )
        self.titre = _ligne("Titre")
        self.client = _ligne("Client")
        self.produit = _ligne("Produit")
        self.objectif = _ligne("Objectif")
        return w.VBox(
            [
                self.contexte,
                self.titre,
                self.type_entretien,
                self.grille,
                self.client,
                self.produit,
                self.objectif,
            ]
        )

    def _etape_prise_de_contact(self) -> w.VBox:
        self.accroche = _texte("Accroche", nom="accroche")
        self.presentation = _texte("Présentation", nom="presentation")
        return w.VBox([self.accroche, self.presentation])

    def _etape_decouverte(self) -> w.VBox:
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
        self.reformulation = _texte("Reformulation", nom="reformulation")
        self.mobiles = w.TagsInput(
            value=[], allowed_tags=list(GRILLES["SONCAS"]), allow_duplicates=False
        )
        self.centre_achat = ListeEditable(
            "centre_achat",
            Acteur,
            [
                ("nom", "Nom", None, "180px"),
                ("fonction", "Fonction", None, "180px"),
                ("role", "Rôle", ROLES_CENTRE_ACHAT, "140px"),
                ("attentes", "Attentes, freins", None, "300px"),
            ],
            "Ajouter un acteur",
            self._modification,
        )
        self.sociogramme = w.HTML()
        self.bloc_b2b = w.VBox(
            [w.HTML("<b>Centre d'achat (sociogramme)</b>"), self.centre_achat, self.sociogramme]
        )
        return w.VBox(
            [
                self.questions,
                self.reformulation,
                w.HBox([w.HTML("<b>Mobiles trouvés</b>&nbsp;"), self.mobiles]),
                self.bloc_b2b,
            ]
        )

    def _etape_argumentation(self) -> w.VBox:
        self.arguments = ListeEditable(
            "arguments",
            Argument,
            [
                ("mobile", "Mobile", GRILLES["SONCAS"], "120px"),
                ("caracteristique", "Caractéristique", None, "200px"),
                ("avantage", "Avantage", None, "200px"),
                ("preuve", "Preuve", None, "200px"),
                ("cible", "Pour", CIBLES_ARGUMENT, "110px"),
            ],
            "Ajouter un argument",
            self._modification,
        )
        self.argument_financier = _texte("Argument financier", nom="argument_financier")
        self.defense_des_marges = _texte("Défense des marges", nom="defense_des_marges")
        self.bloc_financier = w.VBox([self.argument_financier])
        self.bloc_marges = w.VBox([self.defense_des_marges])
        return w.VBox([self.arguments, self.bloc_financier, self.bloc_marges])

    def _etape_objections(self) -> w.VBox:
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
        return w.VBox([self.objections])

    def _etape_conclusion(self) -> w.VBox:
        self.technique_conclusion = w.Dropdown(
            options=[""] + list(TECHNIQUES_CONCLUSION), description="Technique", style=STYLE
        )
        self.conclusion = _texte("Conclusion", nom="conclusion")
        self.suivi = _texte("Suivi", nom="suivi")
        self.date_suivi = w.Text(
            description="Date de suivi", placeholder="ex. 15/06/2026", style=STYLE
        )
        return w.VBox([self.technique_conclusion, self.conclusion, self.suivi, self.date_suivi])

    def _panneau_controle(self) -> w.VBox:
        """The right-hand column: what is missing, errors, the export button and link."""
        self.remarques = w.HTML()
        self.remarques.add_class("atelier-resultat")
        self.zone_erreur = ZoneErreur()
        w.dlink((self.zone_erreur, "message"), (self, "erreur"))
        self.bouton_export = w.Button(
            description="Exporter la fiche (HTML, A4)", icon="print", layout=w.Layout(width="auto")
        )
        self.bouton_export.on_click(lambda _: self.exporter())
        self.lien_export = w.HTML()
        return w.VBox(
            [self.remarques, self.zone_erreur, self.bouton_export, self.lien_export],
            layout=w.Layout(width="32%", padding="0 0 0 8px"),
        )

    def _brancher_observateurs(self) -> None:
        """Every change the student makes is saved, then checked; the grid changes the
        mobiles on offer; the scenario menu opens that scenario's plan."""
        self._simples = {
            "titre": self.titre,
            "type_entretien": self.type_entretien,
            "grille": self.grille,
            "client": self.client,
            "produit": self.produit,
            "objectif": self.objectif,
            "accroche": self.accroche,
            "presentation": self.presentation,
            "reformulation": self.reformulation,
            "argument_financier": self.argument_financier,
            "defense_des_marges": self.defense_des_marges,
            "technique_conclusion": self.technique_conclusion,
            "conclusion": self.conclusion,
            "suivi": self.suivi,
            "date_suivi": self.date_suivi,
        }
        self._listes = {
            "questions": self.questions,
            "centre_achat": self.centre_achat,
            "arguments": self.arguments,
            "objections": self.objections,
        }
        for x in self._simples.values():
            x.observe(lambda _: self._modification(), names="value")
        self.mobiles.observe(lambda _: self._modification(), names="value")
        self.grille.observe(lambda _: self._changer_grille(), names="value")
        self.choix_scenario.observe(lambda ch: self.choisir_scenario(ch["new"]), names="value")

    # -- chargement -----------------------------------------------------------------------
    def choisir_scenario(self, identifiant: str, nom_plan: str | None = None) -> None:
        """Affiche un scénario et ouvre le plan enregistré correspondant (ou un plan vierge)."""
        if self.choix_scenario.value != identifiant:
            self.choix_scenario.value = identifiant  # rappelle cette méthode
            return
        self.nom_plan = nom_plan or identifiant or "plan-libre"
        s = self.scenarios.get(identifiant, {})
        self.contexte.value = self._contexte_html(s)
        self.zone_erreur.effacer()
        self.appliquer_etat(self.lire_plan())

    def appliquer_etat(self, donnees: dict[str, Any] | None) -> None:
        """Fill the form from a saved plan, or from the scenario for None (without saving)."""
        if donnees:
            self.charger(PlanDeVente.depuis_dict(donnees))
        else:
            s = self.scenarios.get(self.choix_scenario.value, {})
            self.charger(PlanDeVente.depuis_scenario(s))

    def charger(self, plan: PlanDeVente) -> None:
        """Remplit le formulaire avec ``plan`` (sans réenregistrer)."""
        self._charge = True
        try:
            for nom, x in self._simples.items():
                valeur = getattr(plan, nom)
                if isinstance(x, w.Dropdown) and valeur not in x.options:
                    x.options = list(x.options) + [valeur]
                x.value = valeur
            self._changer_grille()
            self.mobiles.value = [m for m in plan.mobiles]
            for nom, liste in self._listes.items():
                liste.remplacer(getattr(plan, nom))
        finally:
            self._charge = False
        self.calculer()

    def _changer_grille(self) -> None:
        grille = list(GRILLES.get(self.grille.value, ()))
        self.mobiles.allowed_tags = grille
        self.arguments.changer_choix("mobile", grille)
        self._modification()

    @staticmethod
    def _contexte_html(s: dict[str, Any]) -> str:
        if not s:
            return "<p><em>Plan libre : décrivez vous-même le contexte.</em></p>"
        e = html.escape
        parties = [f"<p>{e(s.get('contexte', ''))}</p>"]
        if s.get("indices"):
            parties.append(
                "<p><b>Ce que dit le client :</b></p><ul>"
                + "".join(f"<li>{e(i)}</li>" for i in s["indices"])
                + "</ul>"
            )
        if s.get("preuves_disponibles"):
            parties.append(
                "<p><b>Preuves à votre disposition :</b> "
                + " ; ".join(e(p) for p in s["preuves_disponibles"])
                + "</p>"
            )
        if s.get("cadre_legal"):
            parties.append(
                '<div class="atelier-cadre-legal"><p><b>Cadre légal :</b></p><ul>'
                + "".join(f"<li>{e(x)}</li>" for x in s["cadre_legal"])
                + "</ul></div>"
            )
        return "".join(parties)

    # -- état, calcul, enregistrement, export ---------------------------------------------
    @property
    def plan(self) -> PlanDeVente:
        """Le plan tel qu'il est saisi."""
        valeurs: dict[str, Any] = {n: x.value or "" for n, x in self._simples.items()}
        valeurs.update({n: liste.elements for n, liste in self._listes.items()})
        valeurs["mobiles"] = list(self.mobiles.value)
        valeurs["scenario"] = self.choix_scenario.value or ""
        return PlanDeVente(**valeurs)

    def _modification(self) -> None:
        """A change by the student (or from Python): check the plan again, then save it."""
        if self._charge:
            return
        self.zone_erreur.effacer()
        self.calculer()
        self.sauvegarder()

    def etat(self) -> dict[str, Any]:
        """What is saved: the plan as JSON-ready data (:meth:`PlanDeVente.vers_dict`)."""
        return self.plan.vers_dict()

    def calculer(self) -> list[Remarque] | None:
        """Met à jour la liste de ce qui manque (renvoyée, aussi dans ``resultat``) ; n'écrit
        rien (l'enregistrement suit les modifications, voir :meth:`sauvegarder`)."""
        if self._charge:
            return self.resultat
        plan = self.plan
        type_ = plan.type_entretien
        self.bloc_b2b.layout.display = "" if type_ == "B2B" or plan.centre_achat else "none"
        self.bloc_financier.layout.display = "" if type_ != "B2C" else "none"
        self.bloc_marges.layout.display = "" if type_ == "distributeur" else "none"
        self.sociogramme.value = sociogramme_svg(plan.centre_achat)
        remarques = verifier_plan(plan)
        self.remarques.value = self._remarques_html(remarques)
        self.resultat = remarques
        return remarques

    @staticmethod
    def _remarques_html(remarques: list[Remarque]) -> str:
        if not remarques:
            return (
                "<div style='color:#1e8449'><b>✔ Plan complet</b> : toutes les étapes sont "
                "préparées.</div>"
            )
        items = "".join(
            f"<li><b>{html.escape(r.partie)}</b> : {html.escape(r.message)}</li>" for r in remarques
        )
        return (
            f"<div><b>À compléter ({len(remarques)})</b><ul style='padding-left:18px'>"
            f"{items}</ul></div>"
        )

    def exporter(self) -> Path:
        """Écrit la fiche imprimable à côté du plan et rend son chemin."""
        contenu = fiche_html(self.plan, self.etudiant)
        chemin = plans.exporter_fiche(
            self.nom_plan, contenu, self.GENRE_PLAN, etudiant=self._etudiant_plans
        )
        donnees = base64.b64encode(contenu.encode("utf-8")).decode("ascii")
        self.lien_export.value = (
            f'<p><a download="{html.escape(chemin.name)}" '
            f'href="data:text/html;charset=utf-8;base64,{donnees}">Télécharger la fiche</a>'
            " puis ouvrez-la et imprimez-la (A4).<br>"
            f"Copie enregistrée : <code>{html.escape(str(chemin))}</code></p>"
        )
        return chemin


__all__ = ["EditeurPlanDeVente", "ListeEditable"]
