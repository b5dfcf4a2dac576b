"""Widget « Deux plans de rémunération » (S631) rejoués sur les chiffres réels de l'année.

Chaque plan : fixe mensuel (vide = le fixe réel de chacun), commission au-delà d'un seuil annuel,
prime d'objectif, prime sur le dépassement de l'objectif, charges patronales. Le tableau montre,
pour chaque commercial, son CA, ce qu'il gagne (brut) et ce qu'il coûte (chargé, en % du CA)
avec chacun des deux plans, puis les totaux de l'équipe.

Pilotable depuis Python::

    c = ComparateurPlans(base="clients.db")
    c.champs["b_taux"].value = "4 %"
    c.calculer()
    c.resultat.difference_totale, c.erreur
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.calculs import format_euros, format_pourcent, montant
from widgets.calculs.equipe import ComparaisonPlans, comparer_plans, plan_remuneration
from widgets.donnees import equipe as donnees_equipe
from widgets.ui.champs import Calculatrice, ChampMontant, ChampSaisie, ChampTaux

PLANS_DEFAUT = {
    "a": {"fixe": "", "taux": "2", "seuil": "0", "prime": "1 500", "depassement": "0"},
    "b": {"fixe": "1 600", "taux": "5", "seuil": "100 000", "prime": "0", "depassement": "3"},
}


def _pct(valeur) -> str:
    return "—" if valeur is None else format_pourcent(valeur)


class ComparateurPlans(Calculatrice):
    """Deux plans côte à côte sur les chiffres réels (CA facturé, objectifs) des commerciaux."""

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        annee: int = 2025,
        charges: str = "45",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.equipe = donnees_equipe.chiffres_commerciaux(base, annee=annee)
        self.annee = annee
        taille = {"largeur": "270px", "largeur_libelle": "150px"}
        self.champs: dict[str, ChampSaisie] = {}
        colonnes = []
        for cle, titre in (("a", "Plan A"), ("b", "Plan B")):
            d = PLANS_DEFAUT[cle]
            champs = {
                f"{cle}_fixe": ChampSaisie(
                    f"{cle}_fixe",
                    f"Fixe mensuel ({cle.upper()})",
                    d["fixe"],
                    analyseur=lambda t, champ: montant(t, champ=champ) if t.strip() else None,
                    exemple="vide = fixe réel",
                    aide="Laisser vide : chaque commercial garde son fixe de la base.",
                    **taille,
                ),
                f"{cle}_taux": ChampTaux(
                    f"{cle}_taux", f"Commission ({cle.upper()})", d["taux"], **taille
                ),
                f"{cle}_seuil": ChampMontant(
                    f"{cle}_seuil", f"Seuil annuel ({cle.upper()})", d["seuil"], **taille
                ),
                f"{cle}_prime": ChampMontant(
                    f"{cle}_prime", f"Prime d'objectif ({cle.upper()})", d["prime"], **taille
                ),
                f"{cle}_depassement": ChampTaux(
                    f"{cle}_depassement",
                    f"Prime / dépassement ({cle.upper()})",
                    d["depassement"],
                    aide="% du CA au-delà de l'objectif annuel.",
                    **taille,
                ),
            }
            self.champs.update(champs)
            colonnes.append(w.VBox([w.HTML(f"<b>{titre}</b>"), *champs.values()]))
        self.champs["charges"] = ChampTaux(
            "charges", "Charges patronales", charges, maxi=None, **taille
        )
        self._brancher(self.champs.values())
        self.children = [
            w.HBox(colonnes),
            self.champs["charges"],
            self.zone_erreur,
            self.zone_resultat,
        ]
        self.add_class("atelier-plans-remuneration")
        self.calculer()

    def _calculer(self) -> ComparaisonPlans:
        v = dict(zip(self.champs, self._lire_tout(self.champs.values()), strict=True))
        plans = [
            plan_remuneration(
                f"Plan {cle.upper()}",
                fixe_mensuel=v[f"{cle}_fixe"],
                taux_commission=v[f"{cle}_taux"],
                seuil=v[f"{cle}_seuil"],
                prime_objectif=v[f"{cle}_prime"],
                taux_prime_depassement=v[f"{cle}_depassement"],
                taux_charges=v["charges"],
            )
            for cle in ("a", "b")
        ]
        return comparer_plans(plans[0], plans[1], self.equipe)

    def _afficher(self, c: ComparaisonPlans) -> str:
        entete = (
            "<tr><th>Commercial</th><th>CA HT</th><th>Objectif</th>"
            "<th>Brut A</th><th>Coût A</th><th>% CA</th>"
            "<th>Brut B</th><th>Coût B</th><th>% CA</th><th>B − A</th></tr>"
        )
        lignes = []
        for la, lb, d in zip(c.a.lignes, c.b.lignes, c.differences, strict=True):
            ra, rb = la.remuneration, lb.remuneration
            atteint = " ✓" if la.objectif_atteint else ""
            objectif = next(x.objectif for x in self.equipe if x.nom == la.nom)
            lignes.append(
                f"<tr><td>{html.escape(la.nom)}</td><td>{format_euros(ra.chiffre_affaires)}</td>"
                f"<td>{format_euros(objectif)}{atteint}</td>"
                f"<td>{format_euros(ra.brut)}</td><td>{format_euros(ra.cout_entreprise)}</td>"
                f"<td>{_pct(la.cout_pct_ca)}</td><td>{format_euros(rb.brut)}</td>"
                f"<td>{format_euros(rb.cout_entreprise)}</td><td>{_pct(lb.cout_pct_ca)}</td>"
                f"<td>{format_euros(d)}</td></tr>"
            )
        total = (
            f"<tr><th>Équipe</th><th>{format_euros(c.a.chiffre_affaires)}</th><th></th>"
            f"<th>{format_euros(c.a.brut)}</th><th>{format_euros(c.a.cout)}</th>"
            f"<th>{_pct(c.a.cout_pct_ca)}</th><th>{format_euros(c.b.brut)}</th>"
            f"<th>{format_euros(c.b.cout)}</th><th>{_pct(c.b.cout_pct_ca)}</th>"
            f"<th>{format_euros(c.difference_totale)}</th></tr>"
        )
        moins = "moins" if c.difference_totale < 0 else "plus"
        conclusion = (
            f"<p>Sur les chiffres réels de {self.annee}, le plan B coûte "
            f"<b>{format_euros(abs(c.difference_totale))} de {moins}</b> que le plan A.</p>"
            if c.difference_totale
            else "<p>Les deux plans coûtent la même chose.</p>"
        )
        return (
            f'<table class="atelier-plans-tableau" cellpadding="3"'
            ' style="border-collapse:collapse">'
            f"{entete}"
            f"{''.join(lignes)}{total}</table>{conclusion}"
        )
