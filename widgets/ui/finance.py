"""Widgets « Financement » (S512) : tableau d'emprunt et comparaison des financements.

Two :class:`~widgets.ui.champs.Calculatrice` (recomputed at each keystroke, French errors next
to the field, last valid result kept; drive them from Python: set ``.champ.value``, call
``.calculer()``, read ``.resultat`` / ``.erreur``):

- :class:`SimulateurEmprunt` — capital, taux annuel, durée, périodicité, taux proportionnel ou
  équivalent, mode de remboursement → :class:`~widgets.calculs.finance.TableauEmprunt`;
- :class:`ComparateurFinancements` — prix, taux d'actualisation, emprunt / crédit-bail (LOA) /
  LLD, taux d'IS, valeur résiduelle, durée d'amortissement, véhicule de tourisme →
  :class:`~widgets.calculs.finance.Comparaison` (its conventions listed under the table);
- :class:`SimulateurCreditAffecte` — the consumer credit as a sales argument (S753) →
  :class:`~widgets.calculs.finance.CreditAffecte`.

CSS classes: ``atelier-emprunt``, ``atelier-financements``, table ``atelier-tableau-emprunt``.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import ipywidgets as w

from widgets.calculs.finance import (
    Comparaison,
    CreditAffecte,
    TableauEmprunt,
    comparer_financements,
    credit_affecte,
    tableau_emprunt,
    taux_equivalent,
    taux_proportionnel,
)
from widgets.calculs.finance._outils import euros_rapide
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    ChampMontant,
    ChampQuantite,
    ChampTaux,
    cote_a_cote,
    euros,
    formulaire,
    pourcent,
)
from widgets.ui.documents import lien_telechargement
from widgets.ui.tableaux_chiffres import STYLE_TABLEAUX as _STYLE_TABLEAUX
from widgets.ui.tableaux_chiffres import etapes_html, tableau_chiffres_html
from widgets.ui.tableaux_chiffres import euros_insecables as _euros_html

__all__ = [
    "ApplicationFinancement",
    "ComparateurFinancements",
    "SimulateurCreditAffecte",
    "SimulateurEmprunt",
    "page_imprimable",
    "etapes_html",
    "tableau_chiffres_html",
]

PERIODICITES = (("mensuelle", 12), ("trimestrielle", 4), ("semestrielle", 2), ("annuelle", 1))


class SimulateurEmprunt(Calculatrice):
    """Tableau d'emprunt : annuités constantes, amortissements constants ou in fine."""

    def __init__(
        self,
        capital: str = "20 000",
        taux_annuel: str = "6 %",
        duree: str = "36",
        periodicite: int = 12,
        mode: str = "annuites constantes",
    ) -> None:
        super().__init__()
        self.capital = ChampMontant("capital", "Capital emprunté", capital)
        self.taux_annuel = ChampTaux("taux", "Taux annuel", taux_annuel)
        self.duree = ChampQuantite("duree", "Nombre d'échéances", duree)
        self.periodicite = w.Dropdown(
            options=PERIODICITES, value=periodicite, description="Échéances"
        )
        self.calcul_taux = w.ToggleButtons(
            options=(("taux proportionnel", "proportionnel"), ("taux équivalent", "equivalent")),
            value="proportionnel",
            tooltips=("taux annuel / nombre de périodes", "(1 + taux annuel)^(1/p) − 1"),
        )
        self.mode = w.Dropdown(
            options=(
                ("annuités constantes", "annuites constantes"),
                ("amortissements constants", "amortissements constants"),
                ("in fine", "in fine"),
            ),
            value=mode,
            description="Remboursement",
        )
        self._brancher([self.capital, self.taux_annuel, self.duree])
        for choix in (self.periodicite, self.calcul_taux, self.mode):
            choix.observe(self._sur_modification, names="value")
        gauche = formulaire(
            [
                self.capital,
                self.taux_annuel,
                self.duree,
                self.periodicite,
                self.calcul_taux,
                self.mode,
                self.zone_erreur,
            ],
        )
        self.children = [cote_a_cote(gauche, self.zone_resultat), w.HTML(_STYLE_TABLEAUX)]
        self.add_class("atelier-emprunt")
        self.calculer()

    def _calculer(self) -> TableauEmprunt:
        capital, t, n = self._lire_tout([self.capital, self.taux_annuel, self.duree])
        p = self.periodicite.value
        if p == 1:
            periodique = t
        elif self.calcul_taux.value == "equivalent":
            periodique = taux_equivalent(t, p)
        else:
            periodique = taux_proportionnel(t, p)
        return tableau_emprunt(capital, periodique, n, self.mode.value)

    def _afficher(self, r: TableauEmprunt) -> str:
        lignes = [
            (
                str(x.periode),
                euros_rapide(x.capital_debut),
                euros_rapide(x.interet),
                euros_rapide(x.amortissement),
                euros_rapide(x.annuite),
                euros_rapide(x.capital_fin),
            )
            for x in r.lignes
        ]
        lignes.append(
            (
                "<b>Total</b>",
                "",
                f"<b>{_euros_html(r.total_interets)}</b>",
                f"<b>{_euros_html(r.total_amortissements)}</b>",
                f"<b>{_euros_html(r.total_annuites)}</b>",
                "",
            )
        )
        tete = (
            f"<div><b>Taux périodique : {html.escape(pourcent(r.taux, 6))}</b> — coût du crédit "
            f"<b>{_euros_html(r.total_interets)}</b></div>"
        )
        return (
            tete
            + tableau_chiffres_html(
                (
                    "Période",
                    "Capital dû (début)",
                    "Intérêt",
                    "Amortissement",
                    "Échéance",
                    "Capital dû (fin)",
                ),
                lignes,
                classe="atelier-tableau-emprunt",
            )
            + etapes_html(r.etapes)
        )


class ComparateurFinancements(Calculatrice):
    """Emprunt, crédit-bail (ou LOA) et LLD pour un même bien : coût total et actualisé."""

    def __init__(self) -> None:
        super().__init__()
        self.prix = ChampMontant("prix", "Prix du bien HT", "30 000")
        self.taux_actualisation = ChampTaux("actualisation", "Taux d'actualisation", "5 %")
        self.emprunt_taux = ChampTaux("emprunt-taux", "Emprunt : taux annuel", "4,8 %")
        self.emprunt_mois = ChampQuantite("emprunt-mois", "Emprunt : mensualités", "48")
        self.emprunt_apport = ChampMontant("emprunt-apport", "Emprunt : apport", "0")
        self.bail_premier = ChampMontant("bail-premier", "Crédit-bail : 1er loyer", "3 000")
        self.bail_loyer = ChampMontant("bail-loyer", "Crédit-bail : loyer", "600")
        self.bail_nombre = ChampQuantite("bail-nombre", "Crédit-bail : loyers", "47")
        self.bail_option = ChampMontant("bail-option", "Crédit-bail : option", "1 500")
        self.lld_loyer = ChampMontant("lld-loyer", "LLD : loyer", "650")
        self.lld_nombre = ChampQuantite("lld-nombre", "LLD : loyers", "48")
        self.taux_is = ChampTaux("taux-is", "Taux d'IS (25 % ; réduit 15 %)", "25 %")
        self.valeur_residuelle = ChampMontant(
            "valeur-residuelle", "Valeur résiduelle du bien à la fin", "9 000"
        )
        self.duree_amortissement = ChampQuantite(
            "duree-amortissement", "Durée d'amortissement (ans)", "5"
        )
        self.vehicule_tourisme = w.Checkbox(
            description="Véhicule de tourisme (TVA non récupérable)", indent=False
        )
        self.nom_bail = w.Dropdown(
            options=("Crédit-bail", "LOA"), value="Crédit-bail", description="Location"
        )
        champs = [
            self.prix,
            self.taux_actualisation,
            self.emprunt_taux,
            self.emprunt_mois,
            self.emprunt_apport,
            self.bail_premier,
            self.bail_loyer,
            self.bail_nombre,
            self.bail_option,
            self.lld_loyer,
            self.lld_nombre,
            self.taux_is,
            self.valeur_residuelle,
            self.duree_amortissement,
        ]
        self._brancher(champs)
        self.nom_bail.observe(self._sur_modification, names="value")
        self.vehicule_tourisme.observe(self._sur_modification, names="value")
        gauche = formulaire(
            [*champs[:5], self.nom_bail, *champs[5:], self.vehicule_tourisme, self.zone_erreur]
        )
        self.children = [cote_a_cote(gauche, self.zone_resultat), w.HTML(_STYLE_TABLEAUX)]
        self.add_class("atelier-financements")
        self.calculer()

    def options(self) -> list[dict[str, Any]]:
        """The three options as :func:`comparer_financements` reads them."""
        return [
            {
                "mode": "emprunt",
                "taux": self.emprunt_taux.value,
                "periodes": self.emprunt_mois.value,
                "apport": self.emprunt_apport.value,
            },
            {
                "mode": "loa" if self.nom_bail.value == "LOA" else "credit-bail",
                "nom": self.nom_bail.value,
                "premier_loyer": self.bail_premier.value,
                "loyer": self.bail_loyer.value,
                "nombre_loyers": self.bail_nombre.value,
                "option_achat": self.bail_option.value,
            },
            {"mode": "lld", "loyer": self.lld_loyer.value, "nombre_loyers": self.lld_nombre.value},
        ]

    def _calculer(self) -> Comparaison:
        self._lire_tout(self._champs)
        return comparer_financements(
            self.prix.value,
            self.options(),
            self.taux_actualisation.value,
            taux_is=self.taux_is.value,
            valeur_residuelle=self.valeur_residuelle.value,
            duree_amortissement=self.duree_amortissement.value,
            vehicule_tourisme=self.vehicule_tourisme.value,
        )

    def _afficher(self, r: Comparaison) -> str:
        lignes = [
            (
                ("<b>" + html.escape(o.nom) + "</b>") if o is r.meilleure else html.escape(o.nom),
                str(len(o.flux)),
                _euros_html(o.cout_total),
                _euros_html(o.cout_actualise),
                _euros_html(sum((e[1] for e in o.economies_impot), Decimal("0.00"))),
                _euros_html(o.valeur_residuelle_nette),
                _euros_html(o.cout_net_actualise),
                "oui" if o.proprietaire else "non",
            )
            for o in r.options
        ]
        tableau = tableau_chiffres_html(
            (
                "Financement",
                "Versements",
                "Coût total",
                "Coût actualisé",
                "Économies d'IS",
                "Valeur résiduelle nette",
                "Coût net actualisé",
                "Propriétaire à la fin",
            ),
            lignes,
            classe="atelier-tableau-financements",
        )
        return (
            f"<div>Prix comptant : <b>{html.escape(euros(r.prix))}</b></div>"
            + tableau
            + f'<p class="atelier-recommandation"><b>{html.escape(r.recommandation)}</b></p>'
            + etapes_html(r.meilleure.etapes, f"Le calcul ({r.meilleure.nom})")
            + etapes_html(r.conventions, "Conventions de calcul")
        )


class SimulateurCreditAffecte(Calculatrice):
    """Consumer credit tied to a sale (S753): monthly payment, TAEG, total cost, withdrawal."""

    def __init__(self) -> None:
        super().__init__()
        self.prix = ChampMontant("credit-prix", "Prix TTC de l'achat", "1 200")
        self.apport = ChampMontant("credit-apport", "Apport", "0")
        self.nombre = ChampQuantite("credit-nombre", "Nombre de mensualités", "12")
        self.taux = ChampTaux("credit-taux", "Taux débiteur annuel", "6 %")
        self.frais = ChampMontant("credit-frais", "Frais de dossier", "0")
        self.acceptation = ChampDate("credit-date", "Acceptation de l'offre", "07/12/2026")
        champs = [self.prix, self.apport, self.nombre, self.taux, self.frais, self.acceptation]
        self._brancher(champs)
        self.children = [*champs, self.zone_erreur, self.zone_resultat]
        self.add_class("atelier-credit-affecte")
        self.calculer()

    def _calculer(self) -> CreditAffecte:
        prix, apport, nombre, taux, frais, jour = self._lire_tout(self._champs)
        return credit_affecte(prix, nombre, taux, apport, frais, jour)

    def _afficher(self, r: CreditAffecte) -> str:
        return etapes_html(r.arguments, "Ce que le vendeur doit dire (crédit affecté)")


_STYLE_IMPRESSION = (
    "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11pt;margin:1.5cm}"
    "h1{font-size:15pt}h2{font-size:13pt;margin-top:1.2em}"
    "table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc}"
    "@page{size:A4;margin:1.5cm}@media print{a{display:none}}"
)


def page_imprimable(emprunt: SimulateurEmprunt, financements: ComparateurFinancements) -> str:
    """A self-contained French HTML page (A4) with the loan table and the comparison."""
    corps = (
        "<h1>Financement d'un investissement</h1><h2>Tableau d'emprunt</h2>"
        + emprunt.zone_resultat._contenu
        + "<h2>Comparaison des financements</h2>"
        + financements.zone_resultat._contenu
    )
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>Financement</title><style>{_STYLE_IMPRESSION}</style>{_STYLE_TABLEAUX}"
        "</head>"
        f"<body>{corps}</body></html>"
    )


class ApplicationFinancement(w.VBox):
    """The Voilà app: loan table and financing comparison in tabs, plus a printable page."""

    def __init__(self) -> None:
        self.emprunt = SimulateurEmprunt()
        self.financements = ComparateurFinancements()
        self.lien = w.HTML()
        self.lien.add_class("atelier-impression")
        onglets = w.Tab(children=[self.emprunt, self.financements])
        onglets.set_title(0, "Tableau d'emprunt")
        onglets.set_title(1, "Comparer les financements")
        super().__init__([onglets, self.lien])
        self.add_class("atelier-application-financement")
        for zone in (self.emprunt.zone_resultat, self.financements.zone_resultat):
            zone.observe(lambda _c: self.actualiser_impression(), names="value")
        self.actualiser_impression()

    def actualiser_impression(self) -> None:
        """Refresh the download link (the last valid results of both tabs)."""
        self.lien.value = lien_telechargement(
            page_imprimable(self.emprunt, self.financements),
            "financement.html",
            "Version imprimable (tableau d'emprunt et comparaison)",
        )
