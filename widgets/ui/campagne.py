"""Campagnes : constructeur de campagne (cible + règles RGPD) et indicateurs digitaux.

- :class:`ConstructeurCampagne`: pick a segment (filters or an SQL query returning
  ``id_prospect``), a channel, a date and the mentions of the message; ``.calculer()`` applies
  the rules table (:mod:`widgets.calculs.campagne`) and shows, rule by rule, who is excluded
  and why (article cited); ``.exporter()`` writes the target list CSV and the compliance report.
- :class:`IndicateursDigitaux`: the KPIs of a campaign result (opening, click, reactivity,
  conversion, cost per lead, acquisition cost, ROI on margin).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.calculs import quantite
from widgets.calculs.campagne import (
    CANAUX,
    Message,
    RapportConformite,
    accorder,
    rapport_conformite,
)
from widgets.calculs.demarchage_telephonique import (
    AppelRefuse,
    controler_appels,
    lire_appels,
)
from widgets.calculs.digital import IndicateursCampagne, indicateurs_campagne
from widgets.donnees import crm as donnees_crm
from widgets.donnees.chemins import dossier_utilisateur
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    ChampMontant,
    ChampSaisie,
    euros,
    pourcent,
    tableau_html,
)

TYPES = ("", "GMS", "Comité d'entreprise", "Grossiste", "Boutique de souvenirs")
_CELLULE = "border:1px solid #ccc;padding:2px 6px;vertical-align:top"


class ConstructeurCampagne(Calculatrice):
    """Target list of a campaign with the RGPD / consumer-law rules checked."""

    def __init__(self, base: str | Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base = base
        self.fichiers: list[Path] = []
        self.type_client = w.Dropdown(
            options=[(t or "tous", t) for t in TYPES], description="Type de client"
        )
        self.public = w.Dropdown(
            options=[("tous", ""), ("B2B", "B2B"), ("B2C", "B2C")], description="Public"
        )
        self.departement = w.Text(description="Département", placeholder="ex. 75")
        self.requete = w.Textarea(
            description="Requête",
            placeholder="Facultatif : SELECT id_prospect FROM prospects WHERE …",
            layout=w.Layout(width="560px", height="60px"),
        )
        self.canal = w.Dropdown(
            options=[(mot, code) for code, mot in CANAUX.items()], description="Canal"
        )
        self.canal.add_class("atelier-campagne-canal")
        self.date = ChampDate("date_campagne", "Date de la campagne", "01/12/2026")
        self.mentions = {
            "lien_desinscription": w.Checkbox(description="Lien de désinscription / STOP SMS"),
            "identite_annonceur": w.Checkbox(description="Identité de l'annonceur"),
            "objet_professionnel": w.Checkbox(
                description="Offre liée à l'activité du professionnel (B2B)"
            ),
            "mention_droit_opposition": w.Checkbox(description="Mention du droit d'opposition"),
            "produits_analogues": w.Checkbox(
                description="Offre de produits analogues à ceux achetés (clients, soft opt-in)"
            ),
        }
        for case in self.mentions.values():
            case.indent = False
        self.bouton = w.Button(description="Construire la cible", button_style="primary")
        self.bouton.on_click(lambda _b: self.calculer())
        self.bouton_export = w.Button(description="Exporter (CSV + rapport)")
        self.bouton_export.on_click(lambda _b: self.exporter())
        self.zone_export = w.HTML()
        self.appels = ControleAppels()
        self._brancher([self.date])
        self.children = [
            w.HBox([self.type_client, self.public, self.departement]),
            self.requete,
            w.HBox([self.canal]),
            self.date,
            w.HTML("<b>Le message contient :</b>"),
            w.VBox(list(self.mentions.values())),
            w.HBox([self.bouton, self.bouton_export]),
            self.zone_erreur,
            self.zone_resultat,
            self.zone_export,
            w.HTML("<b>Étape 3 — Planning des appels (phoning vers des particuliers)</b>"),
            self.appels,
        ]
        self.add_class("atelier-campagne")

    def _calculer(self) -> RapportConformite:
        (jour,) = self._lire_tout([self.date])
        ids = None
        if self.requete.value.strip():
            ids = donnees_crm.identifiants_requete(self.requete.value, self.base)
        # the duplicates are looked for in the whole file: an objection recorded outside the
        # segment still follows the person
        fichier = donnees_crm.contacts_prospects(self.base)
        filtres = {
            "type_client": self.type_client.value or None,
            "public": self.public.value or None,
            "departement": self.departement.value or None,
        }
        if any(filtres.values()):
            contacts = donnees_crm.contacts_prospects(self.base, **filtres, identifiants=ids)
        elif ids is not None:
            garder = set(ids)
            contacts = [c for c in fichier if c.ident in garder]
        else:
            contacts = fichier
        if not contacts:
            raise ErreurAtelier("le segment est vide : élargissez les filtres.", champ="Segment")
        message = Message(**{nom: case.value for nom, case in self.mentions.items()})
        return rapport_conformite(contacts, self.canal.value, jour, message, fichier)

    def _afficher(self, r: RapportConformite) -> str:
        c = r.ciblage
        par_regle = c.exclus_par_regle()
        lignes = "".join(
            f'<tr><td style="{_CELLULE}">{html.escape(regle.intitule)}</td>'
            f'<td style="{_CELLULE};text-align:right">{len(par_regle[regle.code])}</td>'
            f'<td style="{_CELLULE}">{html.escape(regle.explication)}</td>'
            f'<td style="{_CELLULE}"><i>{html.escape(regle.article)}</i></td></tr>'
            for regle in c.regles_appliquees
        )
        mentions = "".join(
            f"<li>{'✔' if m.respecte else '✘'} {html.escape(m.regle.intitule)} — "
            f"<i>{html.escape(m.regle.article)}</i></li>"
            for m in r.message
        )
        verdict = (
            "<p style='color:#2e7d32'>Message conforme.</p>"
            if r.conforme
            else "<p style='color:#b00020'>Message non conforme : ajoutez les mentions "
            "marquées ✘ avant l'envoi.</p>"
        )
        apercu = "".join(f"<li>{x.ident} — {html.escape(x.nom)}</li>" for x in c.retenus[:10])
        fusions = "".join(f"<li>{html.escape(f.texte())}</li>" for f in c.fusions) or (
            "<li>Aucun doublon : chaque personne n'a qu'une fiche.</li>"
        )
        return (
            "<p><b>Étape 1 — Dédoublonnage</b> (même adresse électronique, même téléphone, "
            "ou même nom et même adresse : une seule personne)</p>"
            f"<ul class='atelier-campagne-doublons'>{fusions}</ul>"
            "<p><b>Étape 2 — Règles de prospection</b></p>"
            "<p class='atelier-campagne-bilan'><b>"
            f"{accorder(len(c.retenus), 'contact retenu', 'contacts retenus')}</b>"
            f" sur {accorder(c.total, 'contact')} ; "
            f"{accorder(len(c.exclus), 'contact exclu', 'contacts exclus')}.</p>"
            "<table class='atelier-campagne-regles' style='border-collapse:collapse'>"
            f"<tr><th style='{_CELLULE}'>Règle</th><th style='{_CELLULE}'>Exclus</th>"
            f"<th style='{_CELLULE}'>Pourquoi</th><th style='{_CELLULE}'>Référence</th></tr>"
            f"{lignes}</table><p><b>Mentions obligatoires</b></p><ul>{mentions}</ul>{verdict}"
            f"<p>Premiers contacts retenus :</p><ul>{apercu}</ul>"
        )

    def exporter(self, dossier: str | Path | None = None, nom: str = "campagne") -> list[Path]:
        """Write ``<nom>_cible.csv`` and ``<nom>_conformite.md`` (default: the user's folder)."""
        if self.resultat is None and self.calculer() is None:
            return []
        cible = Path(dossier) if dossier else dossier_utilisateur() / "campagnes"
        self.fichiers = donnees_crm.exporter_campagne(self.resultat, cible, nom)
        self.zone_export.value = "Fichiers écrits : " + ", ".join(
            html.escape(str(f)) for f in self.fichiers
        )
        return self.fichiers


class ControleAppels(Calculatrice):
    """A planned call list checked against the days, hours and frequency of art. D223-9."""

    EXEMPLE = (
        "Léa ; 07/12/2026 10:30\n"
        "Léa ; 07/12/2026 13:15\n"
        "Hugo ; 12/12/2026 11:00\n"
        "Hugo ; 25/12/2026 15:00\n"
        "Inès ; 08/12/2026 19:00 ; refus\n"
        "Inès ; 15/12/2026 10:00"
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.liste = w.Textarea(
            value=self.EXEMPLE,
            description="Appels",
            placeholder="contact ; jj/mm/aaaa hh:mm [; consentement] [; refus]",
            layout=w.Layout(width="560px", height="120px"),
        )
        self.liste.observe(lambda _c: self.calculer(), names="value")
        self.children = [
            w.HTML(
                "Du lundi au vendredi (hors jours fériés), de 10 h à 13 h et de 14 h à 20 h ; "
                "4 appels au plus en 30 jours ; 60 jours sans appel après un refus "
                "(C. consom., art. D223-9)."
            ),
            self.liste,
            self.zone_erreur,
            self.zone_resultat,
        ]
        self.add_class("atelier-campagne-appels")
        self.calculer()

    def _calculer(self) -> tuple[AppelRefuse, ...]:
        return controler_appels(lire_appels(self.liste.value))

    def _afficher(self, refuses: tuple[AppelRefuse, ...]) -> str:
        if not refuses:
            return "<p style='color:#2e7d32'>Tous les appels prévus sont permis.</p>"
        lignes = "".join(f"<li>{html.escape(r.texte())}</li>" for r in refuses)
        nombre = accorder(len(refuses), "appel refusé", "appels refusés")
        return (
            f"<p style='color:#b00020'><b>{nombre}</b> :</p>"
            f"<ul class='atelier-appels-refuses'>{lignes}</ul>"
        )


def _entier(texte: str, champ: str) -> int:
    return quantite(texte, champ, minimum=0)


class IndicateursDigitaux(Calculatrice):
    """KPIs of a campaign: rates, cost per lead, acquisition cost, ROI (on the margin)."""

    CHAMPS = (
        ("envoyes", "Messages envoyés", "10 000"),
        ("delivres", "Messages délivrés", "9 600"),
        ("ouverts", "Messages ouverts", "2 400"),
        ("clics", "Clics", "480"),
        ("leads", "Leads (demandes de devis)", "96"),
        ("conversions", "Nouveaux clients", "24"),
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.champs = {
            nom: ChampSaisie(nom, libelle, valeur, analyseur=_entier)
            for nom, libelle, valeur in self.CHAMPS
        }
        self.cout = ChampMontant("cout", "Coût de la campagne", "1 200")
        self.ca = ChampMontant("ca", "CA HT généré", "7 500")
        self.marge = ChampMontant("marge", "Marge générée", "3 000")
        tous = [*self.champs.values(), self.cout, self.ca, self.marge]
        self._brancher(tous)
        self.children = [*tous, self.zone_erreur, self.zone_resultat]
        self.add_class("atelier-kpi")
        self.calculer()

    def _calculer(self) -> IndicateursCampagne:
        valeurs = self._lire_tout([*self.champs.values(), self.cout, self.ca, self.marge])
        return indicateurs_campagne(*valeurs)

    def _afficher(self, k: IndicateursCampagne) -> str:
        return tableau_html(
            [
                ("Taux de délivrabilité (délivrés / envoyés)", pourcent(k.taux_delivrabilite)),
                ("Taux d'ouverture (ouverts / délivrés)", pourcent(k.taux_ouverture)),
                ("Taux de clic (clics / délivrés)", pourcent(k.taux_clic)),
                ("Taux de réactivité (clics / ouverts)", pourcent(k.taux_reactivite)),
                ("Taux de conversion (nouveaux clients / clics)", pourcent(k.taux_conversion)),
                ("Coût par lead", euros(k.cout_par_lead)),
                ("Coût d'acquisition d'un client", euros(k.cout_acquisition)),
                ("Résultat (marge − coût)", euros(k.resultat)),
                ("ROI (marge − coût) / coût", pourcent(k.roi)),
            ],
            titre="Indicateurs de la campagne",
        )
