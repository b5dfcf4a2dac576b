"""Widget « Plan d'action commerciale » : objectifs, actions, planning et tableau de bord.

L'étudiant fixe la période et les objectifs (CA HT, nouveaux clients), liste ses actions
(responsable, dates, budget, effets attendus) ; le widget montre le budget total, la
couverture des objectifs, un planning par semaine (type Gantt) et le tableau de bord
prévu / réalisé, le réalisé étant lu dans la base clients (écarts en valeur et en %).

Pilotable depuis Python::

    p = PlanActionCommerciale(base="clients.db")
    p.actions.ajouter(libelle="Phoning", responsable="Léa", debut="01/10/2025",
                      fin="10/10/2025", budget="120", ca_attendu="0", nouveaux_clients="0")
    p.calculer()
    p.resultat.tableau_de_bord[0].ecart_pct, p.erreur
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.calculs import montant, quantite
from widgets.calculs.plan_action import (
    Action,
    Ecart,
    PlanAction,
    planning_gantt,
    semaines,
    tableau_de_bord,
)
from widgets.donnees import cibles as donnees_cibles
from widgets.donnees.vocabulaire import TYPES_CLIENT
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    ChampMontant,
    ChampSaisie,
    ChampTexte,
    ListeEditable,
    PlanEnregistre,
    euros,
    lire_date,
    pourcent,
    tableau_html,
)


@dataclass
class LigneAction:
    """Une ligne d'action telle que tapée (texte brut, lu à la française au calcul)."""

    libelle: str = ""
    responsable: str = ""
    debut: str = ""
    fin: str = ""
    budget: str = ""
    ca_attendu: str = ""
    nouveaux_clients: str = ""


@dataclass
class ResultatPlanAction:
    plan: PlanAction
    remarques: list[str]
    gantt: list[tuple[str, list[bool]]]
    tableau_de_bord: list[Ecart]
    perimetre: str


def _entier(minimum: int):
    return lambda texte, champ: quantite(texte, champ=champ, minimum=minimum)


class PlanActionCommerciale(PlanEnregistre, Calculatrice):
    """Plan d'action : objectifs, actions, Gantt, tableau de bord prévu / réalisé."""

    GENRE_PLAN = "plan_action"

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        nom_plan: str = "mon-plan-d-action",
        enregistrer: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.base = base
        self.nom_plan = nom_plan
        self.enregistrer = enregistrer
        largeur = {"largeur_libelle": "170px", "largeur": "330px"}
        c: dict[str, ChampSaisie] = {
            "titre": ChampTexte(
                "titre", "Titre du plan", "Conquête des boutiques de souvenirs", **largeur
            ),
            "debut": ChampDate("debut", "Début", "01/10/2025", **largeur),
            "fin": ChampDate("fin", "Fin", "31/12/2025", **largeur),
            "objectif_ca": ChampMontant("objectif_ca", "Objectif de CA HT", "60 000", **largeur),
            "objectif_clients": ChampSaisie(
                "objectif_clients",
                "Objectif nouveaux clients",
                "5",
                analyseur=_entier(0),
                **largeur,
            ),
        }
        self.champs = c
        try:
            commerciaux = donnees_cibles.lister_commerciaux(base)
        except ErreurAtelier:
            commerciaux = []
        self.commercial = w.Dropdown(
            options=[("Toute l'équipe", None)] + [(nom, i) for i, nom in commerciaux],
            description="Réalisé de",
            style={"description_width": "170px"},
            layout=w.Layout(width="330px"),
        )
        self.commercial.add_class("atelier-champ-commercial")
        self.type_client = w.Dropdown(
            options=[("Tous les clients", None)] + [(t, t) for t in TYPES_CLIENT],
            value="Boutique de souvenirs",
            description="Clients",
            style={"description_width": "170px"},
            layout=w.Layout(width="330px"),
        )
        self.type_client.add_class("atelier-champ-type-client")
        self.actions = ListeEditable(
            "actions",
            LigneAction,
            [
                ("libelle", "Action", None, "220px"),
                ("responsable", "Responsable", None, "110px"),
                ("debut", "Début", None, "100px"),
                ("fin", "Fin", None, "100px"),
                ("budget", "Budget €", None, "90px"),
                ("ca_attendu", "CA attendu €", None, "100px"),
                ("nouveaux_clients", "Nouv. clients", None, "80px"),
            ],
            "Ajouter une action",
            self._sur_modification,
        )
        self._restaurer()
        self.gantt = w.HTML()
        self.tableau = w.HTML()
        onglets = w.Tab(children=[self.zone_resultat, self.gantt, self.tableau])
        for k, t in enumerate(("Synthèse", "Planning", "Tableau de bord")):
            onglets.set_title(k, t)
        self.children = [
            w.HBox(
                [
                    w.VBox(list(c.values()) + [self.commercial, self.type_client]),
                    w.VBox([self.zone_erreur], layout=w.Layout(padding="0 0 0 12px")),
                ]
            ),
            self.actions,
            onglets,
        ]
        self.add_class("atelier-plan-action")
        self._brancher(c.values())
        self.commercial.observe(lambda _: self._sur_modification(), names="value")
        self.type_client.observe(lambda _: self._sur_modification(), names="value")
        self.calculer()

    # -- état -----------------------------------------------------------------------------
    def etat(self) -> dict[str, Any]:
        return {
            "champs": {n: ch.value for n, ch in self.champs.items()},
            "actions": [vars(a) for a in self.actions.elements],
            "commercial": self.commercial.value,
            "type_client": self.type_client.value,
        }

    def _restaurer(self) -> None:
        self.appliquer_etat(self.lire_plan())

    def appliquer_etat(self, etat: dict[str, Any] | None) -> None:
        """Fill the fields and the actions from a saved plan (the example plan for None)."""
        if etat:
            for nom, texte in (etat.get("champs") or {}).items():
                if nom in self.champs:
                    self.champs[nom].value = str(texte)
            lignes = [LigneAction(**a) for a in etat.get("actions", [])]
            if etat.get("commercial") in [v for _, v in self.commercial.options]:
                self.commercial.value = etat["commercial"]
            if etat.get("type_client") in [v for _, v in self.type_client.options]:
                self.type_client.value = etat["type_client"]
        else:
            lignes = [
                LigneAction(
                    "Phoning de prise de rendez-vous",
                    "Étudiant",
                    "01/10/2025",
                    "10/10/2025",
                    "150",
                    "0",
                    "0",
                ),
                LigneAction(
                    "Tournée de visites des boutiques",
                    "Étudiant",
                    "13/10/2025",
                    "21/11/2025",
                    "1 800",
                    "45 000",
                    "4",
                ),
                LigneAction(
                    "Présentoirs offerts aux nouveaux clients",
                    "Tuteur",
                    "03/11/2025",
                    "31/12/2025",
                    "1 200",
                    "18 000",
                    "2",
                ),
            ]
        self.actions.remplacer(lignes)

    # -- calcul ---------------------------------------------------------------------------
    def _lire_actions(self) -> list[Action]:
        actions = []
        for k, ligne in enumerate(self.actions.elements, start=1):
            if not any(str(v).strip() for v in vars(ligne).values()):
                continue
            champ = f"Action {k}"
            libelle = ligne.libelle.strip() or champ
            try:
                actions.append(
                    Action(
                        libelle,
                        ligne.responsable.strip(),
                        lire_date(ligne.debut, f"{champ}, début"),
                        lire_date(ligne.fin, f"{champ}, fin"),
                        montant(ligne.budget or "0", champ=f"{champ}, budget"),
                        montant(ligne.ca_attendu or "0", champ=f"{champ}, CA attendu"),
                        quantite(
                            ligne.nouveaux_clients or "0",
                            champ=f"{champ}, nouveaux clients",
                            minimum=0,
                        ),
                    )
                )
            except ErreurAtelier as err:
                if err.champ and err.champ.startswith(champ):
                    raise
                raise ErreurAtelier(err.message, champ=champ) from err
        return actions

    def _calculer(self) -> ResultatPlanAction:
        noms = list(self.champs)
        v = dict(zip(noms, self._lire_tout(self.champs.values()), strict=True))
        plan = PlanAction(
            v["titre"],
            v["debut"],
            v["fin"],
            v["objectif_ca"],
            v["objectif_clients"],
            self._lire_actions(),
        )
        id_commercial = self.commercial.value
        perimetre = self.commercial.label if id_commercial is not None else "toute l'équipe"
        if self.type_client.value is not None:
            perimetre += f", clients « {self.type_client.value} »"
        try:
            reel = donnees_cibles.realise(
                self.base,
                debut=plan.debut.isoformat(),
                fin=plan.fin.isoformat(),
                id_commercial=id_commercial,
                type_client=self.type_client.value,
            )
            lignes = [
                ("CA HT", plan.objectif_ca, reel.chiffre_affaires, True),
                ("Nouveaux clients", plan.objectif_nouveaux_clients, reel.nouveaux_clients, True),
            ]
        except ErreurAtelier as err:
            perimetre = f"réalisé indisponible ({err})"
            lignes = []
        return ResultatPlanAction(
            plan, plan.remarques(), planning_gantt(plan), tableau_de_bord(lignes), perimetre
        )

    def _afficher(self, r: ResultatPlanAction) -> str:
        p = r.plan
        self.gantt.value = self._gantt_html(r)
        self.tableau.value = self._tableau_html(r)
        synthese = tableau_html(
            [
                ("Nombre d'actions", str(len(p.actions))),
                ("Budget total", euros(p.budget_total)),
                ("CA attendu des actions", euros(p.ca_attendu)),
                ("Objectif de CA", euros(p.objectif_ca)),
                ("Nouveaux clients attendus", str(p.nouveaux_clients_attendus)),
                ("Objectif de nouveaux clients", str(p.objectif_nouveaux_clients)),
            ],
            titre=p.titre,
        )
        if r.remarques:
            synthese += (
                "<ul style='color:#8a5300'>"
                + "".join(f"<li>{html.escape(m)}</li>" for m in r.remarques)
                + "</ul>"
            )
        return synthese

    @staticmethod
    def _gantt_html(r: ResultatPlanAction) -> str:
        lundis = semaines(r.plan.debut, r.plan.fin)
        tete = "".join(f"<th style='font-size:0.75em;padding:2px'>{d:%d/%m}</th>" for d in lundis)
        corps = ""
        for (libelle, cases), action in zip(r.gantt, r.plan.actions, strict=True):
            cellules = "".join(
                "<td style='background:#1d4e89;min-width:14px'></td>"
                if x
                else "<td style='min-width:14px'></td>"
                for x in cases
            )
            corps += (
                f"<tr><td style='white-space:nowrap;padding-right:6px'>{html.escape(libelle)}"
                f"<br><span style='font-size:0.8em;color:#555'>"
                f"{html.escape(action.responsable)} — {euros(action.budget)}</span></td>"
                f"{cellules}</tr>"
            )
        return (
            "<table class='atelier-gantt' border='1' style='border-collapse:collapse'>"
            f"<tr><th>Action (semaine du)</th>{tete}</tr>{corps}</table>"
        )

    @staticmethod
    def _tableau_html(r: ResultatPlanAction) -> str:
        if not r.tableau_de_bord:
            return f"<p>{html.escape(r.perimetre)}</p>"
        corps = ""
        for e in r.tableau_de_bord:
            argent = e.indicateur.startswith(("CA", "Budget"))
            fmt = euros if argent else (lambda x: str(int(x)))
            couleur = {"favorable": "#1e8449", "défavorable": "#c0392b"}.get(e.appreciation, "#333")
            corps += (
                f"<tr><td>{html.escape(e.indicateur)}</td><td align='right'>{fmt(e.prevu)}</td>"
                f"<td align='right'>{fmt(e.realise)}</td>"
                f"<td align='right'>{fmt(e.ecart)}</td>"
                f"<td align='right'>{pourcent(e.ecart_pct)}</td>"
                f"<td style='color:{couleur}'>{e.appreciation}</td></tr>"
            )
        return (
            f"<p>Réalisé lu dans la base : {html.escape(r.perimetre)}, du "
            f"{r.plan.debut:%d/%m/%Y} au {r.plan.fin:%d/%m/%Y}.</p>"
            "<table class='atelier-tableau-de-bord' border='1' cellpadding='4' "
            "style='border-collapse:collapse'><tr><th>Indicateur</th><th>Prévu</th>"
            "<th>Réalisé</th><th>Écart</th><th>Écart en %</th><th>Appréciation</th></tr>"
            f"{corps}</table>"
        )


__all__ = ["LigneAction", "PlanActionCommerciale", "ResultatPlanAction"]
