"""Vue CRM : recherche d'un client, fiche client 360° et pipeline d'opportunités.

Drivable from Python: ``crm.rechercher("lyon")``, ``crm.ouvrir(id_client)``,
``crm.deplacer(id_opportunite, "négociation")``; read ``crm.resultat`` (the open
:class:`~widgets.donnees.crm.FicheClient`), ``crm.pipeline`` and ``crm.erreur``.

Stable CSS classes for the browser tests: ``atelier-crm-recherche`` (search box),
``atelier-crm-resultats`` (list of clients), ``atelier-crm-fiche`` (the sheet),
``atelier-crm-opportunite`` / ``atelier-crm-etape`` / ``atelier-crm-deplacer`` (move an
opportunity), ``atelier-crm-prevision`` (forecast).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.calculs.digital import ETAPES_PIPELINE, Pipeline, pipeline
from widgets.donnees import crm as donnees_crm
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import ResultatObservable, ZoneErreur, euros, pourcent

_TABLE = "border-collapse:collapse;margin:4px 0"
_CELLULE = "border:1px solid #ccc;padding:2px 6px"


def _tableau(entetes: list[str], lignes: list[list[str]], classe: str = "") -> str:
    tete = "".join(
        f'<th style="{_CELLULE};background:#eef3f8">{html.escape(e)}</th>' for e in entetes
    )
    corps = "".join(
        "<tr>" + "".join(f'<td style="{_CELLULE}">{c}</td>' for c in ligne) + "</tr>"
        for ligne in lignes
    )
    return f'<table class="{classe}" style="{_TABLE}"><tr>{tete}</tr>{corps}</table>'


def _date_fr(iso: str | None) -> str:
    return "—" if not iso else f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def fiche_html(f: donnees_crm.FicheClient) -> str:
    """The 360° sheet as HTML (every text escaped)."""
    e = html.escape
    alerte = (
        f' <b style="color:#b00020">dépassement de {euros(f.encours - f.plafond_credit)}</b>'
        if f.depassement
        else ""
    )
    segment = (
        f"{e(f.rfm.segment)} (R {f.rfm.r}, F {f.rfm.f}, M {f.rfm.m})"
        if f.rfm
        else "<i>hors segmentation RFM (aucune facture sur les 12 derniers mois)</i>"
    )
    identite = [
        ("Type de client", e(f.type_client)),
        ("SIRET", e(f.siret)),
        ("Adresse", e(f"{f.adresse}, {f.code_postal} {f.ville}")),
        ("Client depuis le", _date_fr(f.date_creation)),
        ("Secteur", e(f.secteur)),
        ("Segment RFM", segment),
    ]
    contacts = [
        ("Standard", e(f.telephone)),
        ("Courriel", e(f.email)),
        ("Commercial attitré", e(f"{f.commercial} — {f.commercial_telephone}")),
    ]
    finances = [
        ("CA HT des 12 derniers mois", euros(f.ca_12_mois)),
        ("Encours (facturé TTC non réglé)", euros(f.encours) + alerte),
        ("Plafond de crédit", euros(f.plafond_credit)),
        ("Délai de paiement", f"{f.delai_paiement_jours} jours"),
        ("Dernière commande", _date_fr(f.derniere_commande)),
    ]

    def bloc(titre: str, lignes: list[tuple[str, str]]) -> str:
        return f"<h4 style='margin:8px 0 2px'>{titre}</h4>" + _tableau(
            ["Rubrique", "Valeur"], [[e(a), b] for a, b in lignes]
        )

    commandes = (
        _tableau(
            ["Date", "Commande", "Statut", "Montant HT"],
            [
                [_date_fr(c.date), str(c.id_commande), e(c.statut), euros(c.montant_ht)]
                for c in f.commandes
            ],
        )
        if f.commandes
        else "<p>Aucune commande.</p>"
    )
    actions = (
        _tableau(
            ["Date", "Étape", "Résultat", "Commercial"],
            [[_date_fr(a.date), e(a.etape), e(a.resultat), e(a.commercial)] for a in f.actions],
        )
        if f.actions
        else "<p>Aucune visite ni action enregistrée depuis 2023.</p>"
    )
    opportunites = (
        _tableau(
            ["N°", "Opportunité", "Étape", "Montant HT", "Probabilité", "Clôture prévue"],
            [
                [
                    str(o.ident),
                    e(o.intitule),
                    e(o.etape),
                    euros(o.montant),
                    pourcent(o.probabilite, 0),
                    _date_fr(o.cloture_prevue.isoformat()),
                ]
                for o in f.opportunites
            ],
        )
        if f.opportunites
        else "<p>Aucune opportunité en cours pour ce client.</p>"
    )
    return (
        f"<h3 style='margin:4px 0'>{e(f.raison_sociale)} (client n° {f.id_client})</h3>"
        + bloc("Identité", identite)
        + bloc("Contacts", contacts)
        + bloc("Encours et activité", finances)
        + "<h4 style='margin:8px 0 2px'>Historique des commandes (les plus récentes)</h4>"
        + commandes
        + "<h4 style='margin:8px 0 2px'>Visites et relances</h4>"
        + actions
        + "<h4 style='margin:8px 0 2px'>Opportunités</h4>"
        + opportunites
    )


def pipeline_html(p: Pipeline) -> str:
    """Pipeline by stage and forecast by month."""
    etapes = _tableau(
        ["Étape", "Opportunités", "Montant HT", "Montant pondéré"],
        [
            [
                html.escape(nom),
                str(n),
                euros(m),
                euros(pond) if nom not in ("gagnée", "perdue") else "—",
            ]
            for nom, n, m, pond in p.par_etape
        ],
    )
    prevision = _tableau(
        ["Mois de clôture", "Gagné", "Pondéré en cours", "Prévision"],
        [
            [f"{m.mois[5:]}/{m.mois[:4]}", euros(m.gagne), euros(m.pondere), euros(m.prevision)]
            for m in p.prevision
        ],
        classe="atelier-crm-prevision-mois",
    )
    return (
        "<h4 style='margin:8px 0 2px'>Pipeline par étape</h4>"
        + etapes
        + f"<p class='atelier-crm-prevision'>Pipeline pondéré : <b>{euros(p.pipeline_pondere)}</b>"
        f" ; affaires gagnées : <b>{euros(p.gagne)}</b> ; prévision de CA HT : "
        f"<b>{euros(p.prevision_totale)}</b></p>"
        + "<h4 style='margin:8px 0 2px'>Prévision par mois de clôture</h4>"
        + prevision
    )


class VueCRM(ResultatObservable, w.VBox):
    """Search a client, open the 360° sheet, move the opportunities of the pipeline.

    ``resultat`` (the open :class:`~widgets.donnees.crm.FicheClient`) and ``erreur`` are traits.
    """

    def __init__(
        self,
        base: str | Path | None = None,
        bac: str | Path | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.base = base
        self.bac = Path(bac) if bac else None
        self.pipeline: Pipeline | None = None
        self.trouves: list[donnees_crm.ClientTrouve] = []

        self.recherche = w.Text(
            placeholder="Nom du client ou commune (ex. : Lyon)",
            description="Rechercher",
            layout=w.Layout(width="420px"),
        )
        self.recherche.add_class("atelier-crm-recherche")
        self.bouton_recherche = w.Button(description="Chercher", icon="search")
        self.bouton_recherche.add_class("atelier-crm-chercher")
        self.resultats = w.Select(  # named by a 0 px label (RGAA 11.1)
            options=[],
            rows=8,
            description="Clients trouvés",
            style={"description_width": "0px"},
            layout=w.Layout(width="560px"),
        )
        self.resultats.add_class("atelier-crm-resultats")
        self.bouton_ouvrir = w.Button(description="Ouvrir la fiche", button_style="primary")
        self.bouton_ouvrir.add_class("atelier-crm-ouvrir")
        self.zone_erreur = ZoneErreur("crm")
        w.dlink((self.zone_erreur, "message"), (self, "erreur"))
        self.zone_fiche = w.HTML()
        self.zone_fiche.add_class("atelier-crm-fiche")
        self.zone_fiche.add_class("atelier-resultat")

        self.opportunite = w.Dropdown(options=[], description="Opportunité")
        self.opportunite.layout.width = "560px"
        self.opportunite.add_class("atelier-crm-opportunite")
        self.etape = w.Dropdown(
            options=[e for e, _ in ETAPES_PIPELINE], description="Nouvelle étape"
        )
        self.etape.add_class("atelier-crm-etape")
        self.bouton_deplacer = w.Button(description="Déplacer")
        self.bouton_deplacer.add_class("atelier-crm-deplacer")
        self.zone_pipeline = w.HTML()
        self.zone_pipeline.add_class("atelier-crm-pipeline")

        self.recherche.continuous_update = False
        self.recherche.observe(lambda _c: self.rechercher(self.recherche.value), "value")
        self.bouton_recherche.on_click(lambda _b: self.rechercher(self.recherche.value))
        self.bouton_ouvrir.on_click(lambda _b: self._ouvrir_selection())
        self.bouton_deplacer.on_click(
            lambda _b: self.deplacer(self.opportunite.value, self.etape.value)
        )

        enfants: list[w.Widget] = [
            w.HBox([self.recherche, self.bouton_recherche]),
            w.HBox([self.resultats, self.bouton_ouvrir]),
            self.zone_erreur,
            self.zone_fiche,
        ]
        if self.bac is not None:
            enfants += [
                w.HTML("<h3 style='margin:8px 0 2px'>Pipeline des opportunités</h3>"),
                self.opportunite,
                w.HBox([self.etape, self.bouton_deplacer]),
                self.zone_pipeline,
            ]
            self._actualiser_pipeline()
        self.children = enfants
        self.add_class("atelier-crm")

    @classmethod
    def pour_etudiant(cls, etudiant: str | None = None, **kwargs: Any) -> VueCRM:
        """The CRM on the reference base, with the pipeline in the student's sandbox (the
        session's student, ``widgets.ui.session``, when none is given: never shared)."""
        from widgets.sql.bac_a_sable import bac_a_sable
        from widgets.ui.session import etudiant_de_session, fichier_du_noyau

        etudiant = etudiant if etudiant is not None else etudiant_de_session()
        return cls(bac=fichier_du_noyau(etudiant, bac_a_sable(etudiant)), **kwargs)

    def _montrer_erreur(self, err: ErreurAtelier) -> None:
        self.zone_erreur.montrer(str(err))

    def _effacer_erreur(self) -> None:
        self.zone_erreur.effacer()

    def rechercher(self, texte: str) -> list[donnees_crm.ClientTrouve]:
        """Fill the list with the clients matching ``texte`` (name or commune)."""
        if self.recherche.value != texte:
            self.recherche.value = texte  # the observer runs the search
            return self.trouves
        try:
            self.trouves = donnees_crm.rechercher_clients(texte, self.base)
        except ErreurAtelier as err:
            self._montrer_erreur(err)
            return self.trouves
        self._effacer_erreur()
        if not self.trouves:
            self._montrer_erreur(ErreurAtelier(f"aucun client ne correspond à « {texte} »."))
        self.resultats.options = [
            (f"{c.raison_sociale} — {c.code_postal} {c.ville} ({c.type_client})", c.id_client)
            for c in self.trouves
        ]
        if self.trouves:
            self.resultats.value = self.trouves[0].id_client
        return self.trouves

    def _ouvrir_selection(self) -> None:
        if self.resultats.value is None:
            self._montrer_erreur(ErreurAtelier("choisissez d'abord un client dans la liste."))
            return
        self.ouvrir(self.resultats.value)

    def ouvrir(self, id_client: int) -> donnees_crm.FicheClient | None:
        """Open the 360° sheet of ``id_client`` (the previous sheet stays on error)."""
        try:
            fiche = donnees_crm.fiche_client(int(id_client), self.base, bac=self.bac)
        except (ErreurAtelier, ValueError) as err:
            self._montrer_erreur(ErreurAtelier(str(err)))
            return self.resultat
        self._effacer_erreur()
        self.zone_fiche.value = fiche_html(fiche)
        self.resultat = fiche
        return fiche

    def _actualiser_pipeline(self) -> None:
        if self.bac is None:
            return
        ops = donnees_crm.lire_opportunites(self.bac)
        self.pipeline = pipeline(ops)
        choix = self.opportunite.value
        self.opportunite.options = [
            (f"{o.ident} — {o.intitule} ({o.etape}, {euros(o.montant)})", o.ident) for o in ops
        ]
        idents = [o.ident for o in ops]
        if idents:
            self.opportunite.value = choix if choix in idents else idents[0]
        self.zone_pipeline.value = pipeline_html(self.pipeline)

    def deplacer(self, id_opportunite: int | None, nouvelle_etape: str) -> Pipeline | None:
        """Move an opportunity to ``nouvelle_etape`` and recompute the forecast."""
        if self.bac is None or id_opportunite is None:
            self._montrer_erreur(ErreurAtelier("choisissez d'abord une opportunité."))
            return self.pipeline
        try:
            donnees_crm.deplacer_opportunite(self.bac, int(id_opportunite), nouvelle_etape)
        except ErreurAtelier as err:
            self._montrer_erreur(err)
            return self.pipeline
        self._effacer_erreur()
        self._actualiser_pipeline()
        if self.resultat is not None:
            self.ouvrir(self.resultat.id_client)
        return self.pipeline
