"""Web shop and marketplace (NDRC bloc 2): the conversion funnel by source and the net margin
per order on the marketplace against the own site.

- :class:`EntonnoirSite`: set ``.debut.value`` / ``.fin.value`` (``01/03/2025``),
  ``.source.value`` (``""`` = every source, or one of
  :data:`widgets.donnees.distance.SOURCES`), ``.calculer()``; read ``.resultat`` (a
  :class:`ResultatEntonnoir`: the :class:`~widgets.calculs.ecommerce.IndicateursSite` of the
  selection and of each source) and ``.erreur``. CSS: ``atelier-entonnoir-site``,
  ``atelier-champ-debut-site``, ``-fin-site``.
- :class:`ComparateurMarketplace`: the fields of
  :func:`widgets.calculs.ecommerce.marge_marketplace` (``.prix``, ``.cout_achat``,
  ``.taux_commission``…, French text), ``.remplir_depuis_la_base()`` copies the per-order
  figures of the period (:func:`widgets.donnees.distance.hypotheses_marketplace`) into them;
  read ``.resultat`` (a :class:`~widgets.calculs.ecommerce.MargeMarketplace`). CSS:
  ``atelier-marketplace``, ``atelier-champ-prix-marketplace``, ``-commission``…
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import ipywidgets as w
from matplotlib.figure import Figure

from widgets.calculs.ecommerce import (
    IndicateursSite,
    MargeMarketplace,
    indicateurs_site,
    marge_marketplace,
)
from widgets.calculs.format import format_nombre, format_saisie
from widgets.calculs.saisie import SaisieInvalide
from widgets.donnees import distance
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    ChampMontant,
    ChampTaux,
    cote_a_cote,
    euros,
    euros_html,
    formulaire,
    pourcent,
    tableau_html,
)
from widgets.ui.graphiques_portefeuille import figure_html
from widgets.ui.nombres_fr import axes_a_la_francaise

__all__ = ["ComparateurMarketplace", "EntonnoirSite", "ResultatEntonnoir", "graphique_entonnoir"]

TOUTES = "toutes les sources"


@dataclass(frozen=True)
class ResultatEntonnoir:
    """The funnel of the selection (one source or all) and of each source of the period."""

    debut: str
    fin: str
    source: str  # "" = every source
    visiteurs: int
    depenses_ht: Decimal
    indicateurs: IndicateursSite
    par_source: dict[str, IndicateursSite]


def _indicateurs(ligne: Any) -> IndicateursSite:
    return indicateurs_site(
        int(ligne["visites"]),
        int(ligne["paniers"]),
        int(ligne["commandes"]),
        Decimal(str(round(float(ligne["chiffre_affaires_ttc"]), 2))),
    )


def graphique_entonnoir(r: ResultatEntonnoir) -> Figure:
    """Left: visits → carts → orders of the selection; right: conversion rate by source."""
    figure = Figure(figsize=(8.5, 3.4))
    gauche, droite = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
    i = r.indicateurs
    etapes = ["Visites", "Paniers", "Commandes"]
    valeurs = [i.visites, i.paniers, i.commandes]
    barres = gauche.bar(etapes, valeurs, color=["#90a4ae", "#4f83cc", "#1b5e20"])
    for barre, v in zip(barres, valeurs, strict=True):
        gauche.annotate(
            format_nombre(v),
            (barre.get_x() + barre.get_width() / 2, v),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    gauche.set_title(r.source or "Toutes les sources", fontsize=10)
    axes_a_la_francaise(gauche)
    sources = list(r.par_source)
    taux = [float(r.par_source[s].taux_conversion) for s in sources]
    couleurs = ["#1565c0" if s == r.source or not r.source else "#b0bec5" for s in sources]
    droite.barh(sources, taux, color=couleurs)
    droite.invert_yaxis()
    droite.set_title("Taux de conversion par source (%)", fontsize=10)
    axes_a_la_francaise(droite, x=True, y=False)
    droite.tick_params(labelsize=8)
    figure.tight_layout()
    return figure


class EntonnoirSite(Calculatrice):
    """Period + source → visits, carts, orders, conversion, cart abandon, basket, CA per visit."""

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        debut: str = "01/01/2025",
        fin: str = "31/12/2025",
        source: str = "",
        graphique: bool = True,
    ) -> None:
        super().__init__()
        self.base = base
        self.graphique = graphique
        self.debut = ChampDate("debut-site", "Début de la période", debut)
        self.fin = ChampDate("fin-site", "Fin de la période", fin)
        self.source = w.Dropdown(
            options=[(TOUTES, ""), *[(s, s) for s in distance.SOURCES]],
            value=source,
            description="Source",
        )
        self._brancher([self.debut, self.fin])
        self.source.observe(self._sur_modification, names="value")
        gauche = formulaire([self.debut, self.fin, self.source])
        droite = w.VBox([self.zone_erreur, self.zone_resultat])
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-entonnoir-site")
        self.calculer()

    def _calculer(self) -> ResultatEntonnoir:
        debut, fin = self._lire_tout([self.debut, self.fin])
        if fin < debut:
            raise SaisieInvalide(
                "la fin de la période précède son début.", champ="Fin de la période"
            )
        df = distance.trafic_par_source(self.base, debut=debut, fin=fin)
        if df.empty:
            raise ErreurAtelier(
                "aucune visite du site sur cette période : choisissez des dates entre le "
                "01/01/2023 et le 31/12/2025.",
                champ="Début de la période",
            )
        par_source = {str(ligne["source"]): _indicateurs(ligne) for _, ligne in df.iterrows()}
        choisie = df if not self.source.value else df[df["source"] == self.source.value]
        if choisie.empty:
            raise ErreurAtelier(
                f"aucune visite venue de « {self.source.value} » sur cette période.",
                champ="Début de la période",
            )
        total = choisie[["visites", "visiteurs", "paniers", "commandes"]].sum()
        ca = round(float(choisie["chiffre_affaires_ttc"].sum()), 2)
        indicateurs = indicateurs_site(
            int(total["visites"]),
            int(total["paniers"]),
            int(total["commandes"]),
            Decimal(str(ca)),
        )
        return ResultatEntonnoir(
            debut=debut.isoformat(),
            fin=fin.isoformat(),
            source=self.source.value,
            visiteurs=int(total["visiteurs"]),
            depenses_ht=Decimal(str(round(float(choisie["depenses_ht"].sum()), 2))),
            indicateurs=indicateurs,
            par_source=par_source,
        )

    def _afficher(self, r: ResultatEntonnoir) -> str:
        i = r.indicateurs
        lignes = [
            ("Visites (sessions)", format_nombre(i.visites)),
            ("Visiteurs uniques", format_nombre(r.visiteurs)),
            ("Paniers créés", format_nombre(i.paniers)),
            ("Commandes", format_nombre(i.commandes)),
            ("Taux de conversion (commandes / visites)", pourcent(i.taux_conversion)),
            ("Taux d'ajout au panier", pourcent(i.taux_ajout_panier)),
            ("Taux d'abandon de panier", pourcent(i.taux_abandon_panier)),
            ("Chiffre d'affaires TTC", euros_html(i.chiffre_affaires)),
            ("Panier moyen TTC", euros_html(i.panier_moyen)),
            ("CA par visite", euros_html(i.ca_par_visite)),
            ("Dépenses d'acquisition HT", euros_html(r.depenses_ht)),
        ]
        cellule = "padding:1px 8px;text-align:right"
        sources = "".join(
            f"<tr><td style='padding:1px 8px'>{html.escape(s)}</td>"
            f"<td style='{cellule}'>{html.escape(format_nombre(x.visites))}</td>"
            f"<td style='{cellule}'>{html.escape(format_nombre(x.commandes))}</td>"
            f"<td style='{cellule}'>{html.escape(pourcent(x.taux_conversion))}</td>"
            f"<td style='{cellule}'>{html.escape(pourcent(x.taux_abandon_panier))}</td>"
            f"<td style='{cellule}'>{euros_html(x.panier_moyen)}</td></tr>"
            for s, x in r.par_source.items()
        )
        graphique = figure_html(graphique_entonnoir(r)) if self.graphique else ""
        return (
            tableau_html(lignes, titre=r.source or "Toutes les sources", classe="atelier-kpi-site")
            + "<p style='font-size:0.9em'>Le taux d'abandon se calcule sur les paniers créés "
            "(1 − commandes / paniers), pas sur les visites.</p>"
            + graphique
            + "<div style='font-weight:bold;margin:4px 0'>Par source</div>"
            + "<table class='atelier-sources-site' style='border-collapse:collapse'>"
            "<tr><th>Source</th><th>Visites</th><th>Commandes</th><th>Conversion</th>"
            f"<th>Abandon</th><th>Panier moyen</th></tr>{sources}</table>"
        )


# --------------------------------------------------------------------------- marketplace


class ComparateurMarketplace(Calculatrice):
    """Net margin per order on the marketplace against the own site (all amounts HT)."""

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        debut: str = "01/01/2025",
        fin: str = "31/12/2025",
        depuis_la_base: bool = True,
    ) -> None:
        super().__init__()
        self.base = base
        self.debut = ChampDate("debut-marketplace", "Début de la période", debut)
        self.fin = ChampDate("fin-marketplace", "Fin de la période", fin)
        self.prix = ChampMontant("prix-marketplace", "Prix de vente HT", "50")
        self.cout_achat = ChampMontant("cout-achat-marketplace", "Coût d'achat HT", "20")
        self.taux_commission = ChampTaux(
            "commission", "Taux de commission", "15 %", strict_maxi=True
        )
        self.frais_logistiques = ChampMontant("logistique-marketplace", "Frais logistiques", "4,50")
        self.taux_retour = ChampTaux("retour-marketplace", "Taux de retour", "8 %")
        self.cout_retour = ChampMontant("cout-retour", "Coût d'un retour", "12,50")
        self.taux_paiement = ChampTaux(
            "paiement-site", "Taux de frais de paiement", "1,8 %", strict_maxi=True
        )
        self.logistique_site = ChampMontant("logistique-site", "Frais logistiques du site", "6")
        self.acquisition_site = ChampMontant(
            "acquisition-site", "Coût d'acquisition par commande", "9"
        )
        self.taux_retour_site = ChampTaux("retour-site", "Taux de retour du site", "8 %")
        self._marketplace = [
            self.prix,
            self.cout_achat,
            self.taux_commission,
            self.frais_logistiques,
            self.taux_retour,
            self.cout_retour,
        ]
        self._site = [
            self.taux_paiement,
            self.logistique_site,
            self.acquisition_site,
            self.taux_retour_site,
        ]
        self._brancher([*self._marketplace, *self._site])
        self.bouton = w.Button(description="Reprendre les chiffres de la base")
        self.bouton.on_click(lambda _b: self.remplir_depuis_la_base())
        gauche = formulaire(
            [
                w.HTML("<b>Chiffres de la base (période)</b>"),
                self.debut,
                self.fin,
                self.bouton,
                w.HTML("<b>Marketplace (par commande)</b>"),
                *self._marketplace,
                w.HTML("<b>Site propre (par commande)</b>"),
                *self._site,
            ]
        )
        droite = w.VBox([self.zone_erreur, self.zone_resultat])
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-marketplace")
        if depuis_la_base:
            self.remplir_depuis_la_base()
        else:
            self.calculer()

    def remplir_depuis_la_base(self) -> MargeMarketplace | None:
        """Copy the per-order figures of the period into the fields, then recalculate.

        A base without the data shows the French message and keeps the fields as they are.
        """
        try:
            debut, fin = self._lire_tout([self.debut, self.fin])
            h = distance.hypotheses_marketplace(self.base, debut=debut, fin=fin)
        except ErreurAtelier as err:
            self.zone_erreur.montrer(str(err))
            self.erreur = str(err)
            return None
        valeurs = {
            self.prix: h.prix_vente_ht,
            self.cout_achat: h.cout_achat,
            self.taux_commission: h.taux_commission,
            self.frais_logistiques: h.frais_logistiques,
            self.taux_retour: h.taux_retour,
            self.cout_retour: h.cout_retour,
            self.taux_paiement: h.taux_frais_paiement_site,
            self.logistique_site: h.frais_logistiques_site,
            self.acquisition_site: h.cout_acquisition_site,
            self.taux_retour_site: h.taux_retour_site,
        }
        with self.en_lot():
            for champ, valeur in valeurs.items():
                champ.value = format_saisie(valeur)
        return self.resultat if not self.erreur else None

    def _calculer(self) -> MargeMarketplace:
        (prix, achat, commission, logistique, retour, cout_retour) = self._lire_tout(
            self._marketplace
        )
        paiement, logistique_site, acquisition, retour_site = self._lire_tout(self._site)
        return marge_marketplace(
            prix,
            achat,
            commission,
            logistique,
            retour,
            cout_retour,
            taux_frais_paiement_site=paiement,
            frais_logistiques_site=logistique_site,
            cout_acquisition_site=acquisition,
            taux_retour_site=retour_site,
        )

    def _afficher(self, m: MargeMarketplace) -> str:
        def ligne(libelle: str, place: str, site: str) -> str:
            return (
                f"<tr><td style='padding:1px 8px'>{html.escape(libelle)}</td>"
                f"<td style='padding:1px 8px;text-align:right'>{place}</td>"
                f"<td style='padding:1px 8px;text-align:right'>{site}</td></tr>"
            )

        moins = "− "
        lignes = [
            ligne("Prix de vente HT", euros_html(m.prix_vente_ht), euros_html(m.prix_vente_ht)),
            ligne(
                "Coût d'achat HT",
                moins + euros_html(m.cout_achat),
                moins + euros_html(m.cout_achat),
            ),
            ligne("Commission", moins + euros_html(m.commission), "—"),
            ligne("Frais de paiement", "—", moins + euros_html(m.frais_paiement_site)),
            ligne(
                "Frais logistiques",
                moins + euros_html(m.frais_logistiques),
                moins + euros_html(m.frais_logistiques_site),
            ),
            ligne("Coût d'acquisition", "—", moins + euros_html(m.cout_acquisition_site)),
            ligne(
                "Coût des retours",
                moins + euros_html(m.cout_des_retours),
                moins + euros_html(m.cout_des_retours_site),
            ),
            ligne(
                "Marge nette",
                f"<b>{euros_html(m.marge_nette)}</b>",
                f"<b>{euros_html(m.marge_nette_site)}</b>",
            ),
            ligne(
                "Taux de marge nette",
                html.escape(pourcent(m.taux_marge_nette)),
                html.escape(pourcent(m.taux_marge_nette_site)),
            ),
        ]
        if m.canal_le_plus_rentable == "égalité":
            verdict = "Les deux canaux rapportent la même marge nette par commande."
        else:
            plus = "la marketplace" if m.canal_le_plus_rentable == "marketplace" else "le site"
            verdict = f"Par commande, {plus} rapporte {euros(abs(m.ecart))} de plus."
        return (
            "<table class='atelier-comparaison-marketplace' style='border-collapse:collapse'>"
            "<tr><th></th><th>Marketplace</th><th>Site propre</th></tr>"
            + "".join(lignes)
            + f"</table><p class='atelier-verdict-marketplace'><b>{html.escape(verdict)}</b></p>"
            "<p style='font-size:0.9em'>La commission se calcule sur le prix HT ; oublier la "
            "commission ou les retours surestime la marge de la marketplace.</p>"
        )
