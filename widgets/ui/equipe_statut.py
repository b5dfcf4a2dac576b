"""Widget « VRP ou agent commercial ? » (S622) : coût des deux statuts et point d'indifférence.

Convention (affichée) : VRP salarié, coût = (fixe + commission) × (1 + charges patronales) ;
agent commercial, coût = commission seule (pas de charges sociales pour l'entreprise).

Pilotable depuis Python::

    s = SimulateurStatut()
    s.champs["taux_agent"].value = "12 %"
    s.calculer()
    s.resultat.point.ca, s.erreur
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import ipywidgets as w

from widgets.calculs import format_euros, format_pourcent
from widgets.calculs.saisie import nombre
from widgets.calculs.statut import (
    SOURCES,
    CoutStatut,
    PointIndifference,
    agent_commercial,
    courbes_de_cout,
    cout_statut,
    point_indifference,
    vrp,
)
from widgets.ui.champs import (
    Calculatrice,
    ChampMontant,
    ChampSaisie,
    ChampTaux,
    cote_a_cote,
    formulaire,
)


@dataclass(frozen=True)
class ResultatStatut:
    """Les deux coûts au CA prévu et le point d'indifférence."""

    vrp: CoutStatut
    agent: CoutStatut
    point: PointIndifference


def figure_statuts(r: ResultatStatut, largeur: float = 6.5, hauteur: float = 4.0) -> bytes:
    """Les deux droites de coût en fonction du CA, le point d'indifférence marqué (PNG)."""
    from matplotlib.figure import Figure

    from widgets.ui.nombres_fr import axes_a_la_francaise

    maxi = max(r.point.ca or 0, r.vrp.chiffre_affaires) * 2 or Decimal(100_000)
    points = courbes_de_cout([r.point.premier, r.point.second], maxi)
    fig = Figure(figsize=(largeur, hauteur), dpi=90)
    ax = fig.add_subplot(1, 1, 1)
    xs = [float(ca) / 1000 for ca, _ in points]
    for k, (statut, couleur) in enumerate(
        ((r.point.premier, "#1d4e89"), (r.point.second, "#c0392b"))
    ):
        ax.plot(xs, [float(c[k]) / 1000 for _, c in points], color=couleur, label=statut.nom)
    if r.point.ca is not None:
        x, y = float(r.point.ca) / 1000, float(r.point.cout) / 1000
        ax.plot([x], [y], "ko")
        ax.axvline(x, color="black", lw=0.6, ls="--")
        ax.annotate("point d'indifférence", (x, y), textcoords="offset points", xytext=(6, -12))
    axes_a_la_francaise(ax, x=True, y=True)  # 1 500, not 1500
    ax.set_xlabel("Chiffre d'affaires annuel (k€)")
    ax.set_ylabel("Coût pour l'entreprise (k€)")
    ax.set_title("Coût du statut selon le CA")
    ax.grid(True, lw=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    tampon = io.BytesIO()
    fig.savefig(tampon, format="png")
    return tampon.getvalue()


def _nombre(texte: str, champ: str) -> Decimal:
    return nombre(texte, champ)


class SimulateurStatut(Calculatrice):
    """VRP (fixe + commission + charges) contre agent commercial (commission seule)."""

    def __init__(
        self,
        *,
        fixe_annuel: str = "24 000",
        taux_vrp: str = "3",
        charges: str = "45",
        taux_agent: str = "10",
        ca: str = "500 000",
        nom_vrp: str = "VRP exclusif",
        graphique: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.nom_vrp = nom_vrp
        self.graphique = graphique
        taille = {"largeur": "300px", "largeur_libelle": "170px"}
        self.champs: dict[str, ChampSaisie] = {
            "fixe": ChampMontant("fixe", "Fixe annuel du VRP", fixe_annuel, **taille),
            "taux_vrp": ChampTaux("taux_vrp", "Commission du VRP", taux_vrp, **taille),
            "charges": ChampTaux("charges", "Charges patronales", charges, maxi=None, **taille),
            "taux_agent": ChampTaux("taux_agent", "Commission de l'agent", taux_agent, **taille),
            "ca": ChampMontant("ca", "CA annuel prévu", ca, **taille),
        }
        self.option_clientele = w.Checkbox(
            description="Indemnité de clientèle du VRP",
            indent=False,
            tooltip=SOURCES["indemnite_clientele"],
        )
        self.option_agent = w.Checkbox(
            description="Indemnité de fin de contrat de l'agent",
            indent=False,
            tooltip=SOURCES["indemnite_agent"],
        )
        self.option_minimum = w.Checkbox(
            description="Minimum garanti du VRP exclusif",
            indent=False,
            tooltip=SOURCES["minimum_vrp"],
        )
        self.champs_options: dict[str, ChampSaisie] = {
            "annees_vrp": ChampSaisie(
                "annees_vrp", "Indemnité VRP (ans de commissions)", "2", analyseur=_nombre, **taille
            ),
            "annees_agent": ChampSaisie(
                "annees_agent",
                "Indemnité agent (ans de commissions)",
                "2",
                analyseur=_nombre,
                **taille,
            ),
            "duree": ChampSaisie(
                "duree", "Durée prévue du contrat (ans)", "5", analyseur=_nombre, **taille
            ),
            "smic": ChampMontant("smic", "SMIC horaire brut", "11,88", **taille),
        }
        self.sources = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(max_width="560px"))
        convention = w.HTML(
            "<p><i>Convention : le VRP est salarié (C. trav., art. L7311-3), les charges "
            "patronales portent sur son fixe ET sa commission ; l'agent commercial est "
            "indépendant (C. com., art. L134-1), l'entreprise ne paie que sa commission.</i></p>"
        )
        self._brancher([*self.champs.values(), *self.champs_options.values()])
        for case in (self.option_clientele, self.option_agent, self.option_minimum):
            case.observe(lambda _c: self.calculer(), names="value")
        options = [
            w.HTML("<b>Options (chacune avec sa source)</b>"),
            self.option_clientele,
            self.option_agent,
            self.option_minimum,
            *self.champs_options.values(),
        ]
        self.children = [
            convention,
            cote_a_cote(
                formulaire([*self.champs.values(), *options, self.zone_erreur]),
                w.VBox([self.zone_resultat, self.sources, self.image]),
            ),
        ]
        self.add_class("atelier-statut")
        self.calculer()

    def _calculer(self) -> ResultatStatut:
        fixe, taux_vrp, charges, taux_agent, ca = self._lire_tout(self.champs.values())
        annees_vrp, annees_agent, duree, smic = self._lire_tout(self.champs_options.values())
        v = vrp(
            fixe,
            taux_vrp,
            charges,
            nom=self.nom_vrp,
            indemnite_clientele_annees=annees_vrp if self.option_clientele.value else 0,
            duree_contrat_ans=duree,
            smic_horaire=smic if self.option_minimum.value else None,
        )
        a = agent_commercial(
            taux_agent,
            indemnite_annees=annees_agent if self.option_agent.value else 0,
            duree_contrat_ans=duree,
        )
        return ResultatStatut(cout_statut(v, ca), cout_statut(a, ca), point_indifference(v, a))

    def calculer(self) -> ResultatStatut | None:
        r = super().calculer()
        if r is not None and self.graphique:
            self.image.value = figure_statuts(r)
        return r

    def _afficher(self, r: ResultatStatut) -> str:
        def ligne(c: CoutStatut) -> str:
            pct = "—" if c.cout_pct_ca is None else format_pourcent(c.cout_pct_ca)
            return (
                f"<tr><td>{html.escape(c.statut)}</td><td>{format_euros(c.fixe)}</td>"
                f"<td>{format_euros(c.commission)}</td>"
                f"<td>{format_euros(c.complement_minimum)}</td>"
                f"<td>{format_euros(c.charges)}</td><td>{format_euros(c.indemnite)}</td>"
                f"<td><b>{format_euros(c.cout)}</b></td><td>{pct}</td></tr>"
            )

        sources = [
            SOURCES[cle]
            for cle, case in (
                ("indemnite_clientele", self.option_clientele),
                ("indemnite_agent", self.option_agent),
                ("minimum_vrp", self.option_minimum),
            )
            if case.value
        ]
        self.sources.value = (
            "<ul class='atelier-statut-sources'>"
            + "".join(f"<li><i>{html.escape(x)}.</i></li>" for x in sources)
            + "</ul>"
            if sources
            else ""
        )
        minimum = (
            f"<p>Le fixe et les commissions du VRP n'atteignent pas son minimum garanti : "
            f"l'entreprise complète de {format_euros(r.vrp.complement_minimum)} par an.</p>"
            if r.vrp.complement_minimum
            else ""
        )
        return (
            f"<p>Pour un CA de <b>{format_euros(r.vrp.chiffre_affaires)}</b> :</p>"
            '<table class="atelier-statut-tableau" cellpadding="3"><tr><th>Statut</th><th>Fixe</th>'
            "<th>Commission</th><th>Complément au minimum</th><th>Charges</th>"
            "<th>Indemnité (provision annuelle)</th><th>Coût</th><th>% du CA</th></tr>"
            f"{ligne(r.vrp)}{ligne(r.agent)}</table>{minimum}"
            f'<p class="atelier-statut-point">{html.escape(r.point.lecture)}</p>'
        )
