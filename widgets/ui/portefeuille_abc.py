"""Analyse ABC du portefeuille (savoir S522) : clients ou produits classés par CA, seuils
réglables, tableau des classes, premières lignes du tableau cumulé et courbe de Pareto.

:class:`AnalyseurABC` is a :class:`~widgets.ui.champs.Calculatrice`: set ``.seuil_a.value``,
``.seuil_b.value``, ``.debut.value``, ``.fin.value``, ``.objet.value`` (``"clients"`` or
``"produits"``), ``.type_client.value``; ``.calculer()``; read ``.resultat`` and ``.erreur``.
Clients: the vectorised ABC of :mod:`widgets.donnees.portefeuille` (same classes as
the exact one, tested), ``.resultat`` a :class:`~widgets.donnees.portefeuille.
SyntheseABC` (classes, total, first rows, curve); the CA per client is kept in the data layer's
memo per (base, période, type), so moving a threshold only redoes the classification, in
milliseconds for 100 000 clients. Products: the exact :class:`~widgets.calculs.pareto.
AnalyseABC` (a few hundred items), their aggregate cached per période.
CSS classes: ``atelier-champ-seuil-a``, ``-seuil-b``, ``-debut``, ``-fin``;
``atelier-abc`` on the widget, ``atelier-classes`` on the class table.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

import ipywidgets as w

from widgets.calculs import format_nombre
from widgets.calculs.pareto import AnalyseABC, analyse_abc
from widgets.donnees import portefeuille
from widgets.donnees.portefeuille import SyntheseABC
from widgets.ui.champs import Calculatrice, ChampDate, ChampTaux, cote_a_cote, euros_html, pourcent
from widgets.ui.graphiques_portefeuille import courbe_pareto, figure_html

__all__ = ["AnalyseurABC", "tableau_classes_html", "tableau_cumule_html"]

TOUS = "Tous les types"


def tableau_classes_html(r: AnalyseABC | SyntheseABC, quoi: str = "clients") -> str:
    """The summary table: per class, count, % of the items, CA, % of the CA."""
    lignes = "".join(
        f"<tr><td><b>{c.classe}</b></td><td style='text-align:right'>"
        f"{html.escape(format_nombre(c.effectif))}</td>"
        f"<td style='text-align:right'>{html.escape(pourcent(c.part_effectif))}</td>"
        f"<td style='text-align:right'>{euros_html(c.ca)}</td>"
        f"<td style='text-align:right'>{html.escape(pourcent(c.part_ca))}</td></tr>"
        for c in r.classes
    )
    total = (
        f"<tr style='border-top:1px solid #999'><td>Total</td><td style='text-align:right'>"
        f"{html.escape(format_nombre(r.effectif))}</td><td style='text-align:right'>100 %</td>"
        f"<td style='text-align:right'>{euros_html(r.total)}</td>"
        "<td style='text-align:right'>100 %</td></tr>"
    )
    return (
        '<table class="atelier-classes" style="border-collapse:collapse;margin:4px 0">'
        f"<tr><th>Classe</th><th>Nombre de {quoi}</th><th>% des {quoi}</th><th>CA HT</th>"
        f"<th>% du CA</th></tr>{lignes}{total}</table>"
    )


def tableau_cumule_html(r: AnalyseABC | SyntheseABC, lignes: int = 10) -> str:
    """The first ``lignes`` rows of the sorted, cumulated table."""
    corps = "".join(
        f"<tr><td>{x.rang}</td><td>{html.escape(x.libelle)}</td>"
        f"<td style='text-align:right'>{euros_html(x.ca)}</td>"
        f"<td style='text-align:right'>{euros_html(x.ca_cumule)}</td>"
        f"<td style='text-align:right'>{html.escape(pourcent(x.part_cumulee))}</td>"
        f"<td style='text-align:center'>{x.classe}</td></tr>"
        for x in r.lignes[:lignes]
    )
    return (
        '<table class="atelier-cumul" style="border-collapse:collapse;font-size:0.9em">'
        "<tr><th>Rang</th><th>Nom</th><th>CA HT</th><th>CA cumulé</th><th>% cumulé</th>"
        f"<th>Classe</th></tr>{corps}</table>"
    )


class AnalyseurABC(Calculatrice):
    """ABC analysis of the reference database (or ``base``) with adjustable thresholds."""

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        seuil_a: str = "80",
        seuil_b: str = "95",
        debut: str = "01/01/2025",
        fin: str = "31/12/2025",
        graphique: bool = True,
    ) -> None:
        super().__init__()
        self.base = base
        self.graphique = graphique
        self.objet = w.ToggleButtons(
            options=[("Clients", "clients"), ("Produits", "produits")],
            value="clients",
            description="Classer",
            tooltip="Classer les clients ou les produits par chiffre d'affaires",
        )
        self.type_client = w.Dropdown(
            options=[TOUS, *portefeuille.TYPES_CLIENT], value=TOUS, description="Type de client"
        )
        self.seuil_a = ChampTaux("seuil-a", "Seuil de la classe A", seuil_a)
        self.seuil_b = ChampTaux("seuil-b", "Seuil de la classe B", seuil_b)
        self.debut = ChampDate("debut", "Du", debut)
        self.fin = ChampDate("fin", "Au", fin)
        self._brancher([self.seuil_a, self.seuil_b, self.debut, self.fin])
        for choix in (self.objet, self.type_client):
            choix.observe(self._sur_modification, names="value")
        gauche = w.VBox(
            [self.objet, self.type_client, self.debut, self.fin, self.seuil_a, self.seuil_b],
            layout=w.Layout(width="380px"),
        )
        droite = w.VBox([self.zone_erreur, self.zone_resultat], layout=w.Layout(width="720px"))
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-abc")
        self._lire_base = lru_cache(maxsize=16)(self._produits)
        self.calculer()

    def _produits(self, debut: str, fin: str):
        return tuple(portefeuille.ca_par_produit(self.base, debut=debut, fin=fin))

    def _calculer(self) -> AnalyseABC | SyntheseABC:
        seuil_a, seuil_b, debut, fin = self._lire_tout(
            [self.seuil_a, self.seuil_b, self.debut, self.fin]
        )
        if self.objet.value == "produits":  # a few hundred products: the exact ABC
            return analyse_abc(
                self._lire_base(debut.isoformat(), fin.isoformat()), seuil_a, seuil_b
            )
        type_client = None if self.type_client.value == TOUS else self.type_client.value
        # clients: the vectorised ABC (same classes as the exact one, tested); the CA per
        # client is read once per base, period and type (memo of the data layer)
        tableau = portefeuille.abc_clients_vectorise(
            self.base,
            debut=debut.isoformat(),
            fin=fin.isoformat(),
            seuil_a=seuil_a,
            seuil_b=seuil_b,
            type_client=type_client,
        )
        return portefeuille.synthese_abc(tableau, self.base, seuil_a=seuil_a, seuil_b=seuil_b)

    def _afficher(self, r: AnalyseABC | SyntheseABC) -> str:
        quoi = self.objet.value
        a = r.classe("A")
        phrase = (
            f"<p><b>{html.escape(format_nombre(a.effectif))} {quoi}</b> sur "
            f"{html.escape(format_nombre(r.effectif))} ({html.escape(pourcent(a.part_effectif))})"
            f" font {html.escape(pourcent(a.part_ca))} du chiffre d'affaires : ce sont eux "
            "qu'il faut suivre de près (visites fréquentes, conditions négociées).</p>"
        )
        graphique = ""
        if self.graphique:
            graphique = figure_html(courbe_pareto(r, quoi=quoi))
        return (
            tableau_classes_html(r, quoi)
            + phrase
            + graphique
            + "<details><summary>Les 10 premières lignes du tableau cumulé</summary>"
            + tableau_cumule_html(r)
            + "</details>"
        )
