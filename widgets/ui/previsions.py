"""Prévision des ventes (savoir S522) : tendance par les moindres carrés, coefficients
saisonniers et prévision des 12 mois suivants sur le CA mensuel de la base.

:class:`Previsionniste` is a :class:`~widgets.ui.champs.Calculatrice`: set
``.premier_mois.value`` / ``.dernier_mois.value`` (``AAAA-MM``), ``.methode.value``
(``"tendance"`` or ``"moyennes_mobiles"``), ``.type_client.value``, ``.decimales.value``
(``None``: exact coefficients, or 2, 3), ``.calculer()``; read ``.resultat`` (a
:class:`~widgets.calculs.prevision.Prevision`), ``.mois`` (labels of the observed months) and
``.erreur``. CSS classes: ``atelier-champ-premier-mois``, ``-dernier-mois``,
``atelier-previsions``, ``atelier-equation``, ``atelier-tableau-previsions``.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from widgets.calculs import SaisieInvalide, format_nombre
from widgets.calculs.prevision import METHODES, Prevision, prevoir
from widgets.donnees import portefeuille
from widgets.ui.champs import Calculatrice, ChampSaisie, cote_a_cote, euros_html
from widgets.ui.graphiques_portefeuille import (
    figure_html,
    graphique_previsions,
    libelle_mois,
    mois_suivants,
)

__all__ = ["Previsionniste", "equation_html", "tableau_previsions_html"]

TOUS = "Tous les types"


def _mois(texte: str, champ: str) -> str:
    """``2025-12`` or ``12/2025`` → ``2025-12`` (French message otherwise)."""
    t = texte.strip()
    if "/" in t:
        morceaux = t.split("/")
        t = f"{morceaux[-1]}-{morceaux[0].zfill(2)}" if len(morceaux) == 2 else t
    annee, _, mois = t.partition("-")
    if not (annee.isdigit() and mois.isdigit() and len(annee) == 4 and 1 <= int(mois) <= 12):
        raise SaisieInvalide(
            f"« {texte.strip()} » n'est pas un mois. Écrivez par exemple 12/2025 ou 2025-12.",
            champ=champ,
        )
    return f"{annee}-{int(mois):02d}"


def equation_html(p: Prevision) -> str:
    """``y = a x + b`` and r, at the displayed precision (a and b to the cent, r to 4 places)."""
    t = p.tendance
    signe = "+" if t.b >= 0 else "−"
    return (
        f'<p class="atelier-equation">Tendance : <b>y = {html.escape(format_nombre(t.a, 2))} x '
        f"{signe} {html.escape(format_nombre(abs(t.b), 2))}</b> (x = rang du mois, 1 pour le "
        f"premier) ; coefficient de corrélation <b>r = {html.escape(format_nombre(t.r, 4))}</b>"
        "</p>"
    )


def tableau_previsions_html(p: Prevision, mois_observes: list[str]) -> str:
    """Per forecast month: rank, trend, seasonal coefficient, forecast; and the total."""
    futurs = mois_suivants(mois_observes[-1], len(p.previsions))
    lignes = "".join(
        f"<tr><td>{html.escape(libelle_mois(m))}</td><td style='text-align:right'>{x}</td>"
        f"<td style='text-align:right'>{euros_html(t)}</td>"
        f"<td style='text-align:right'>{html.escape(format_nombre(p.coefficients[p.saison(x)], 3))}"
        f"</td><td style='text-align:right'><b>{euros_html(v)}</b></td></tr>"
        for m, x, t, v in zip(futurs, p.rangs, p.tendances_prevues, p.previsions, strict=True)
    )
    return (
        '<table class="atelier-tableau-previsions" style="border-collapse:collapse">'
        "<tr><th>Mois</th><th>Rang x</th><th>Tendance a x + b</th><th>Coefficient</th>"
        f"<th>Prévision</th></tr>{lignes}<tr style='border-top:1px solid #999'>"
        f"<td colspan='4'>Total des {len(p.previsions)} mois</td>"
        f"<td style='text-align:right'><b>{euros_html(p.total)}</b></td></tr></table>"
    )


class Previsionniste(Calculatrice):
    """Monthly CA of the database → trend, seasonal coefficients, 12-month forecast, chart."""

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        premier_mois: str = "01/2023",
        dernier_mois: str = "12/2025",
        graphique: bool = True,
    ) -> None:
        super().__init__()
        self.base = base
        self.graphique = graphique
        self.mois: list[str] = []
        self.premier_mois = ChampSaisie(
            "premier-mois", "Premier mois", premier_mois, analyseur=_mois, exemple="ex. 01/2023"
        )
        self.dernier_mois = ChampSaisie(
            "dernier-mois", "Dernier mois", dernier_mois, analyseur=_mois, exemple="ex. 12/2025"
        )
        self.type_client = w.Dropdown(
            options=[TOUS, *portefeuille.TYPES_CLIENT], value=TOUS, description="Type de client"
        )
        self.methode = w.Dropdown(
            options=[(nom.capitalize(), code) for code, nom in METHODES.items()],
            value="tendance",
            description="Coefficients",
            style={"description_width": "initial"},
        )
        self.decimales = w.Dropdown(
            options=[("exacts", None), ("arrondis à 0,01", 2), ("arrondis à 0,001", 3)],
            value=None,
            description="Coefficients utilisés",
            style={"description_width": "initial"},
        )
        self._brancher([self.premier_mois, self.dernier_mois])
        for choix in (self.type_client, self.methode, self.decimales):
            choix.observe(self._sur_modification, names="value")
        gauche = w.VBox(
            [self.premier_mois, self.dernier_mois, self.type_client, self.methode, self.decimales],
            layout=w.Layout(width="380px"),
        )
        droite = w.VBox([self.zone_erreur, self.zone_resultat], layout=w.Layout(width="760px"))
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-previsions")
        self.calculer()

    def _calculer(self) -> Prevision:
        premier, dernier = self._lire_tout([self.premier_mois, self.dernier_mois])
        if dernier < premier:
            raise SaisieInvalide("le dernier mois précède le premier.", champ="Dernier mois")
        type_client = None if self.type_client.value == TOUS else self.type_client.value
        # read once per base, period and type (memo of the data layer): a change of method or
        # rounding only recomputes the forecast
        serie = portefeuille.ca_mensuel_en_memoire(
            self.base, premier_mois=premier, dernier_mois=dernier, type_client=type_client
        )
        p = prevoir(
            [v for _m, v in serie],
            horizon=12,
            periode=12,
            methode=self.methode.value,
            decimales_coefficients=self.decimales.value,
        )
        self.mois = [m for m, _v in serie]
        return p

    def _afficher(self, p: Prevision) -> str:
        coefficients = "".join(
            f"<td style='text-align:center'>{html.escape(format_nombre(c, 3))}</td>"
            for c in p.coefficients
        )
        # the series may not start in January: label the seasons by the first month
        debut = int(self.mois[0].split("-")[1])
        ordre = [(debut - 1 + k) % 12 for k in range(12)]
        entetes = "".join(
            f"<th>{html.escape(libelle_mois(f'2000-{i + 1:02d}').split()[0])}</th>" for i in ordre
        )
        graphique = figure_html(graphique_previsions(p, self.mois)) if self.graphique else ""
        return (
            equation_html(p)
            + "<div><b>Coefficients saisonniers</b> ("
            + html.escape(METHODES[p.saisonnalite.methode])
            + ")</div>"
            + '<table class="atelier-coefficients" style="border-collapse:collapse;'
            f'font-size:0.9em"><tr>{entetes}</tr><tr>{coefficients}</tr></table>'
            + graphique
            + tableau_previsions_html(p, self.mois)
        )
