"""Contact-centre staffing with Erlang C (NDRC bloc 2): the inbound calls of a day by
half-hour → the agents needed per half-hour for a service level (80 % answered within 20 s…),
and what a team of N agents achieves (service level, mean wait).

:class:`EffectifCentreContact` is a :class:`~widgets.ui.champs.Calculatrice`: set
``.jour.value`` (``03/03/2025``), ``.objectif.value`` (``80 %``), ``.delai.value`` (``20``, in
seconds), ``.agents.value`` (``""`` or a team size), ``.calculer()``; read ``.resultat`` (a
:class:`PlanningAppels`, one :class:`LigneDemiHeure` per half-hour) and ``.erreur``. The chart
(matplotlib, offline, an inline PNG) draws the calls and the agents needed by half-hour.
CSS: ``atelier-centre-contact``, ``atelier-champ-jour-appels``, ``-objectif-service``,
``-delai-service``, ``-agents-presents``; ``atelier-planning-appels`` on the table.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import ipywidgets as w
from matplotlib.figure import Figure

from widgets.calculs.arrondis import arrondi
from widgets.calculs.centre_contact import (
    EffectifErlangC,
    NiveauDeService,
    effectif_erlang_c,
    niveau_de_service,
)
from widgets.calculs.format import format_nombre
from widgets.calculs.saisie import quantite
from widgets.donnees import distance
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    ChampQuantite,
    ChampSaisie,
    ChampTaux,
    cote_a_cote,
    formulaire,
    pourcent,
)
from widgets.ui.graphiques_portefeuille import figure_html
from widgets.ui.nombres_fr import axes_a_la_francaise

__all__ = ["EffectifCentreContact", "LigneDemiHeure", "PlanningAppels", "graphique_planning"]


@dataclass(frozen=True)
class LigneDemiHeure:
    """One half-hour: its calls, the DMT used, the Erlang C staffing and what N agents reach.

    ``dmt_du_jour`` is True when no call of the half-hour was answered (all abandoned): the
    DMT of the day is used. ``avec_agents`` is None without a team size, or when the N agents
    do not outnumber the traffic (``file_sans_fin`` True: the queue grows without end).
    """

    creneau: str
    appels: int
    dmt_secondes: Decimal
    dmt_du_jour: bool
    appels_par_heure: int
    effectif: EffectifErlangC
    avec_agents: NiveauDeService | None
    file_sans_fin: bool


@dataclass(frozen=True)
class PlanningAppels:
    """The day's staffing: one line per half-hour, and the totals of the day."""

    jour: str
    objectif: Decimal
    delai_secondes: int
    agents: int | None
    appels: int
    dmt_du_jour: Decimal
    lignes: tuple[LigneDemiHeure, ...]

    @property
    def pointe(self) -> int:
        """The most agents needed at once (the half-hour of the peak)."""
        return max((ligne.effectif.agents for ligne in self.lignes), default=0)


def graphique_planning(p: PlanningAppels) -> Figure:
    """Calls (bars) and agents needed (steps) by half-hour, with the team of N agents."""
    figure = Figure(figsize=(8.5, 3.4))
    axe = figure.add_subplot()
    x = list(range(len(p.lignes)))
    axe.bar(x, [ligne.appels for ligne in p.lignes], color="#b0bec5", label="Appels reçus")
    axe.set_ylabel("Appels par demi-heure")
    axes_a_la_francaise(axe)
    droite = axe.twinx()
    droite.step(
        x,
        [ligne.effectif.agents for ligne in p.lignes],
        where="mid",
        color="#1565c0",
        linewidth=2,
        label=f"Agents nécessaires ({format_nombre(p.objectif)} % en {p.delai_secondes} s)",
    )
    if p.agents is not None:
        droite.axhline(
            p.agents, color="#c62828", linestyle="--", label=f"{p.agents} agents présents"
        )
    droite.set_ylabel("Agents")
    droite.set_ylim(bottom=0)
    axes_a_la_francaise(droite)
    pas = max(1, len(x) // 10)
    axe.set_xticks(x[::pas], [ligne.creneau for ligne in p.lignes][::pas], fontsize=8)
    poignees = axe.get_legend_handles_labels()
    autres = droite.get_legend_handles_labels()
    axe.legend(poignees[0] + autres[0], poignees[1] + autres[1], fontsize=8, loc="upper left")
    axe.set_title(f"Appels entrants et effectif par demi-heure — {p.jour}", fontsize=10)
    figure.tight_layout()
    return figure


def _jour_par_defaut(base: Path | str | None) -> str:
    """The last day with inbound calls (French text), or "" if the base has none (a base
    without the table raises the French error of the data layer)."""
    jours = distance.jours_d_appels(base)
    if not jours:
        return ""
    annee, mois, jour = jours[-1].split("-")
    return f"{jour}/{mois}/{annee}"


class EffectifCentreContact(Calculatrice):
    """Day → calls and DMT by half-hour → agents needed (Erlang C), and what N agents reach."""

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        jour: str | None = None,
        objectif: str = "80 %",
        delai: str = "20",
        agents: str = "",
        graphique: bool = True,
    ) -> None:
        super().__init__()
        self.base = base
        self.graphique = graphique
        erreur_base = None
        if jour is None:
            try:
                jour = _jour_par_defaut(base)
            except ErreurAtelier as err:
                jour, erreur_base = "", str(err)
        self.jour = ChampDate("jour-appels", "Jour", jour)
        self.objectif = ChampTaux(
            "objectif-service", "Objectif de niveau de service", objectif, strict_maxi=True
        )
        self.delai = ChampQuantite(
            "delai-service", "Délai de réponse (secondes)", delai, exemple="ex. 20"
        )
        self.agents = ChampSaisie(
            "agents-presents",
            "Agents présents",
            agents,
            analyseur=lambda t, champ: quantite(t, champ=champ, minimum=1),
            facultatif=True,
            exemple="facultatif, ex. 3",
        )
        self._brancher([self.jour, self.objectif, self.delai, self.agents])
        gauche = formulaire([self.jour, self.objectif, self.delai, self.agents])
        droite = w.VBox([self.zone_erreur, self.zone_resultat])
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-centre-contact")
        self.calculer()
        if erreur_base:  # no day to offer: say why rather than "«  » is not a date"
            self.jour.zone_erreur.montrer(erreur_base)
            self.erreur = erreur_base

    def _calculer(self) -> PlanningAppels:
        jour, objectif, delai, agents = self._lire_tout(
            [self.jour, self.objectif, self.delai, self.agents]
        )
        df = distance.appels_par_demi_heure(self.base, jour=jour)
        if df.empty:
            raise ErreurAtelier(
                f"aucun appel entrant le {jour:%d/%m/%Y} (centre fermé ce jour-là) : "
                "choisissez un jour ouvré.",
                champ="Jour",
            )
        decroches = int(df["decroches"].sum())
        if decroches == 0:
            raise ErreurAtelier(
                "aucun appel décroché ce jour-là : la DMT ne peut pas être mesurée.", champ="Jour"
            )
        dmt_jour = arrondi(Decimal(str(float(df["duree_totale_s"].sum()))) / decroches, 2)
        lignes = []
        for _, ligne in df.iterrows():
            appels = int(ligne["appels"])
            sans_dmt = bool(math.isnan(ligne["dmt_s"]))
            dmt = dmt_jour if sans_dmt else Decimal(str(ligne["dmt_s"]))
            par_heure = 2 * appels  # a half-hour's arrivals, as a rate per hour
            effectif = effectif_erlang_c(par_heure, dmt, objectif, delai)
            atteint, sans_fin = None, False
            if agents is not None:
                try:
                    atteint = niveau_de_service(agents, par_heure, dmt, delai)
                except ErreurAtelier:
                    sans_fin = True
            lignes.append(
                LigneDemiHeure(
                    creneau=str(ligne["creneau"]),
                    appels=appels,
                    dmt_secondes=dmt,
                    dmt_du_jour=sans_dmt and appels > 0,
                    appels_par_heure=par_heure,
                    effectif=effectif,
                    avec_agents=atteint,
                    file_sans_fin=sans_fin,
                )
            )
        return PlanningAppels(
            jour=f"{jour:%d/%m/%Y}",
            objectif=objectif,
            delai_secondes=delai,
            agents=agents,
            appels=int(df["appels"].sum()),
            dmt_du_jour=dmt_jour,
            lignes=tuple(lignes),
        )

    def _afficher(self, p: PlanningAppels) -> str:
        avec_n = p.agents is not None
        entetes = ["Demi-heure", "Appels", "DMT (s)", "Trafic (erlangs)", "Agents nécessaires"]
        entetes += ["Niveau de service atteint", "Attente moyenne (s)"]
        if avec_n:
            equipe = f"{p.agents} agent" + ("s" if p.agents > 1 else "")
            entetes += [f"Niveau avec {equipe}", f"Attente avec {equipe} (s)"]
        corps = []
        for ligne in p.lignes:
            e = ligne.effectif
            dmt = format_nombre(ligne.dmt_secondes) + (" *" if ligne.dmt_du_jour else "")
            cellules = [
                ligne.creneau,
                format_nombre(ligne.appels),
                dmt,
                format_nombre(e.trafic),
                f"<b>{e.agents}</b>",
                pourcent(e.niveau_service),
                format_nombre(e.attente_moyenne),
            ]
            if avec_n:
                if ligne.file_sans_fin:
                    cellules += ["file sans fin", "—"]
                elif ligne.avec_agents is not None:
                    cellules += [
                        pourcent(ligne.avec_agents.niveau_service),
                        format_nombre(ligne.avec_agents.attente_moyenne),
                    ]
            corps.append(
                "<tr>"
                + "".join(
                    f"<td style='padding:1px 8px;text-align:right'>{c}</td>" for c in cellules
                )
                + "</tr>"
            )
        tete = "".join(f"<th style='padding:1px 8px'>{html.escape(t)}</th>" for t in entetes)
        note = (
            "<p style='font-size:0.85em'>* aucun appel décroché dans la demi-heure : DMT du "
            "jour.</p>"
            if any(ligne.dmt_du_jour for ligne in p.lignes)
            else ""
        )
        graphique = figure_html(graphique_planning(p)) if self.graphique else ""
        pluriel = "s" if p.appels > 1 else ""
        return (
            f"<p class='atelier-bilan-appels'>Le {html.escape(p.jour)} : <b>"
            f"{format_nombre(p.appels)} appel{pluriel} entrant{pluriel}</b>, DMT du jour "
            f"{format_nombre(p.dmt_du_jour)} s ; objectif {html.escape(pourcent(p.objectif))} "
            f"des appels décrochés en {p.delai_secondes} s au plus ; pointe : "
            f"<b>{p.pointe} agent{'s' if p.pointe > 1 else ''}</b>.</p>"
            + graphique
            + "<table class='atelier-planning-appels' style='border-collapse:collapse;"
            f"font-size:0.9em'><tr>{tete}</tr>{''.join(corps)}</table>{note}"
            "<p style='font-size:0.9em'>Trafic = appels par heure × DMT / 3 600 (erlangs). "
            "Compter trafic ÷ capacité d'un agent oublie la file d'attente : Erlang C "
            "demande toujours plus d'agents que d'erlangs.</p>"
        )
