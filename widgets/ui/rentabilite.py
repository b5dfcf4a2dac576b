"""Widgets « Rentabilité » (S531, S532, S533) : seuil de rentabilité, plan d'amortissement, VAN.

Each is a :class:`~widgets.ui.champs.Calculatrice` (``.calculer()``, ``.resultat``,
``.erreur``; French error next to the field, last valid result kept):

- :class:`CalculatriceSeuil` — charges fixes + taux de MCV (or CA and charges variables),
  optional monthly sales → :class:`~widgets.calculs.finance.SeuilRentabilite`;
- :class:`PlanAmortissementWidget` — valeur, durée, linéaire / dégressif, dates →
  :class:`~widgets.calculs.finance.PlanAmortissement`;
- :class:`CalculatriceVAN` — investissement (or budget of an action), flux « 4 000 ; 4 000 »,
  taux → :class:`~widgets.calculs.finance.EvaluationAction` (VAN, délai, ROI);
  :meth:`CalculatriceVAN.depuis_action` fills it from an action of the plan d'action.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from widgets.calculs.finance import (
    EvaluationAction,
    PlanAmortissement,
    SeuilRentabilite,
    amortissement,
    evaluer_action,
    marges_d_une_action,
    seuil_de_rentabilite,
)
from widgets.calculs.format import espaces_normales, format_nombre
from widgets.calculs.saisie import SaisieInvalide
from widgets.ui.champs import (
    Calculatrice,
    ChampMontant,
    ChampQuantite,
    ChampSaisie,
    ChampTaux,
    cote_a_cote,
    formulaire,
    pourcent,
    tableau_html,
)
from widgets.ui.tableaux_chiffres import STYLE_TABLEAUX as _STYLE_TABLEAUX
from widgets.ui.tableaux_chiffres import etapes_html, tableau_chiffres_html
from widgets.ui.tableaux_chiffres import euros_insecables as _euros_html

__all__ = ["CalculatriceSeuil", "CalculatriceVAN", "PlanAmortissementWidget", "lire_liste"]


def lire_liste(texte: str, champ: str) -> list[str]:
    """« 4 000 ; 4 000 ; 5 000 » → three figures (the semicolon separates, the comma is decimal)."""
    morceaux = [m.strip() for m in texte.replace("\n", ";").split(";") if m.strip()]
    if not morceaux:
        raise SaisieInvalide("écrivez les montants séparés par des points-virgules.", champ=champ)
    return morceaux


class CalculatriceSeuil(Calculatrice):
    """Seuil de rentabilité, point mort, marge et indice de sécurité, levier opérationnel."""

    def __init__(self) -> None:
        super().__init__()
        self.charges_fixes = ChampMontant("charges-fixes", "Charges fixes", "120 000")
        self.chiffre_affaires = ChampMontant("ca", "Chiffre d'affaires HT", "500 000", vide="")
        self.charges_variables = ChampMontant(
            "charges-variables", "Charges variables", "300 000", vide=""
        )
        self.taux_mcv = ChampTaux("taux-mcv", "Taux de MCV", "", vide="")
        self.ventes_mensuelles = ChampSaisie(
            "ventes-mensuelles",
            "Ventes mensuelles",
            "",
            exemple="12 montants séparés par ; (facultatif)",
            analyseur=lire_liste,
            vide=[],
        )
        champs = [
            self.charges_fixes,
            self.chiffre_affaires,
            self.charges_variables,
            self.taux_mcv,
            self.ventes_mensuelles,
        ]
        self._brancher(champs)
        aide = w.HTML(
            "<small>Donnez le CA et les charges variables, <i>ou</i> le taux de MCV "
            "(le CA reste utile pour le point mort).</small>"
        )
        formulaire_seuil = formulaire([*champs, aide, self.zone_erreur])
        self.children = [cote_a_cote(formulaire_seuil, self.zone_resultat)]
        self.add_class("atelier-seuil")
        self.calculer()

    def _calculer(self) -> SeuilRentabilite:
        cf, ca, cv, t, mensuel = self._lire_tout(self._champs)
        return seuil_de_rentabilite(
            cf,
            None if cv != "" else t,
            chiffre_affaires=ca,
            charges_variables=cv,
            ventes_mensuelles=mensuel,
        )

    def _afficher(self, r: SeuilRentabilite) -> str:
        lignes = [
            ("Taux de MCV", html.escape(pourcent(r.taux_mcv))),
            ("Seuil de rentabilité", f"<b>{_euros_html(r.seuil)}</b>"),
        ]
        if r.chiffre_affaires is not None:
            lignes += [
                ("Résultat", _euros_html(r.resultat)),
                (
                    "Point mort",
                    html.escape(r.point_mort.libelle) if r.point_mort else "non atteint",
                ),
                ("Marge de sécurité", _euros_html(r.marge_securite)),
                ("Indice de sécurité", html.escape(pourcent(r.indice_securite))),
                (
                    "Levier opérationnel",
                    html.escape(format_nombre(r.levier_operationnel))
                    if r.levier_operationnel is not None
                    else "—",
                ),
            ]
        return tableau_html(lignes, titre="Rentabilité", classe="atelier-chiffres") + etapes_html(
            r.etapes
        )


class PlanAmortissementWidget(Calculatrice):
    """Plan d'amortissement linéaire ou dégressif, prorata temporis."""

    def __init__(self) -> None:
        super().__init__()
        self.valeur = ChampMontant("valeur", "Valeur d'origine HT", "12 000")
        self.duree = ChampQuantite("duree-amortissement", "Durée (années)", "5")
        self.mise_en_service = ChampSaisie(
            "mise-en-service", "Mise en service", "15/04/2025", exemple="ex. 15/04/2025"
        )
        self.fin_exercice = ChampSaisie(
            "fin-exercice", "Fin d'exercice", "31/12/2025", exemple="ex. 31/12/2025"
        )
        self.mode = w.ToggleButtons(
            options=(("linéaire", "lineaire"), ("dégressif", "degressif")), value="lineaire"
        )
        champs = [self.valeur, self.duree, self.mise_en_service, self.fin_exercice]
        self._brancher(champs)
        self.mode.observe(self._sur_modification, names="value")
        self.children = [
            cote_a_cote(formulaire([*champs, self.mode, self.zone_erreur]), self.zone_resultat),
            w.HTML(_STYLE_TABLEAUX),
        ]
        self.add_class("atelier-amortissement")
        self.calculer()

    def _calculer(self) -> PlanAmortissement:
        valeur, duree, debut, fin = self._lire_tout(self._champs)
        return amortissement(valeur, duree, self.mode.value, debut, fin)

    def _afficher(self, r: PlanAmortissement) -> str:
        lignes = [
            (
                str(x.exercice),
                _euros_html(x.base),
                html.escape(pourcent(x.taux)),
                _euros_html(x.annuite),
                _euros_html(x.cumul),
                _euros_html(x.vnc),
            )
            for x in r.lignes
        ]
        return (
            f"<div><b>Amortissement {html.escape(r.mode)}</b> — première année : "
            f"{html.escape(r.prorata)}</div>"
            + tableau_chiffres_html(
                ("Exercice", "Base", "Taux", "Annuité", "Cumul", "VNC fin"),
                lignes,
                classe="atelier-tableau-amortissement",
            )
            + etapes_html(r.etapes)
        )


class CalculatriceVAN(Calculatrice):
    """VAN, délai de récupération actualisé et ROI d'un investissement ou d'une action."""

    def __init__(self) -> None:
        super().__init__()
        self.investissement = ChampMontant("investissement", "Investissement (budget)", "10 000")
        self.flux = ChampSaisie(
            "flux",
            "Flux (marges) par an",
            "4 000 ; 4 000 ; 4 000",
            exemple="ex. 4 000 ; 4 500 ; 5 000",
            analyseur=lire_liste,
        )
        self.taux = ChampTaux("taux-actualisation", "Taux d'actualisation", "8 %")
        self._brancher([self.investissement, self.flux, self.taux])
        self.children = [
            cote_a_cote(
                formulaire([self.investissement, self.flux, self.taux, self.zone_erreur]),
                self.zone_resultat,
            ),
            w.HTML(_STYLE_TABLEAUX),
        ]
        self.add_class("atelier-van")
        self.calculer()

    def depuis_action(self, action: Any, taux_mcv: Any, annees: Any = 1) -> None:
        """Fill from a plan d'action's action: budget → investment, CA attendu × MCV → flows."""
        marges = marges_d_une_action(action.ca_attendu, taux_mcv, annees)
        with self.en_lot():
            self.investissement.value = espaces_normales(format_nombre(action.budget, 2))
            self.flux.value = " ; ".join(espaces_normales(format_nombre(m, 2)) for m in marges)

    def _calculer(self) -> EvaluationAction:
        investissement, flux, t = self._lire_tout(self._champs)
        return evaluer_action(investissement, flux, t)

    def _afficher(self, r: EvaluationAction) -> str:
        v = r.van
        lignes = [
            (
                str(k),
                _euros_html(f),
                _euros_html(a),
                _euros_html(c),
            )
            for k, (f, a, c) in enumerate(zip(v.flux, v.flux_actualises, v.cumul, strict=True), 1)
        ]
        return (
            tableau_chiffres_html(
                ("Année", "Flux", "Flux actualisé", "Cumul − investissement"),
                lignes,
                classe="atelier-tableau-van",
            )
            + tableau_html(
                [
                    ("VAN", f"<b>{_euros_html(v.valeur)}</b>"),
                    ("Délai de récupération actualisé", html.escape(r.delai.libelle)),
                    ("ROI", html.escape(pourcent(r.roi))),
                ],
                classe="atelier-chiffres",
            )
            + f'<p class="atelier-avis"><b>{html.escape(r.avis)}</b></p>'
            + etapes_html(v.etapes + r.delai.etapes)
        )
