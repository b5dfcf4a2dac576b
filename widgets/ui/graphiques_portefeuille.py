"""Charts of the portfolio analysis (matplotlib, offline): Pareto curve, actual / trend /
forecast, and an ``<img>`` helper for widgets (PNG embedded as base64: no file, no network).

Figures are built with :class:`matplotlib.figure.Figure` (not pyplot) so that nothing is left
open; the notebook shows a returned figure, a widget embeds it with :func:`figure_html`.
"""

from __future__ import annotations

import base64
import io

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from widgets.calculs.format import format_nombre
from widgets.calculs.pareto import AnalyseABC
from widgets.calculs.prevision import Prevision
from widgets.donnees.portefeuille import SyntheseABC

POINTS_MAX = 2_000
"""Points drawn of a Pareto curve at most (a sample of a larger portfolio)."""
COULEURS_CLASSES = {"A": "#1b5e20", "B": "#f9a825", "C": "#b71c1c"}
MOIS_COURTS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip


def _pourcent(x: float, _pos: object = None) -> str:
    return f"{x:.0f} %"


def _euros(x: float, _pos: object = None) -> str:
    return f"{x:,.0f} €".replace(",", "\u202f")


def _points(analyse: AnalyseABC | SyntheseABC) -> tuple[np.ndarray, np.ndarray]:
    """The curve's points from (0, 0): cumulated share of the items and of the CA, in %."""
    if isinstance(analyse, SyntheseABC):  # the vectorised ABC carries them (100 000 clients)
        x, y = analyse.parts_effectif, analyse.parts_ca
    else:
        n, total = analyse.effectif, float(analyse.total)
        x = np.array([100.0 * ligne.rang / n for ligne in analyse.lignes])
        y = np.array([100.0 * float(ligne.ca_cumule) / total for ligne in analyse.lignes])
    return np.concatenate([[0.0], x]), np.concatenate([[0.0], y])


def courbe_pareto(
    analyse: AnalyseABC | SyntheseABC, *, titre: str = "", quoi: str = "clients"
) -> Figure:
    """Cumulated share of the CA (y) against the cumulated share of the items (x), coloured by
    class, with the two thresholds (an exact :class:`~widgets.calculs.pareto.AnalyseABC` or the
    :class:`~widgets.donnees.portefeuille.SyntheseABC` of a vectorised one)."""
    figure = Figure(figsize=(7.5, 4.2))
    axe = figure.add_subplot()
    x, y = _points(analyse)
    bornes = np.cumsum([0] + [c.effectif for c in analyse.classes])
    # the point of rank k for each kept point: all of them up to POINTS_MAX, else an even
    # sample with the class bounds (the concave curve looks the same; 100 000 points take a
    # third of a second to draw at each threshold moved, 1 000 a few milliseconds)
    rangs = np.arange(len(x))
    if len(x) > POINTS_MAX:
        echantillon = np.linspace(0, len(x) - 1, POINTS_MAX).round().astype(int)
        rangs = np.unique(np.concatenate([echantillon, bornes]))
        x, y = x[rangs], y[rangs]
    axe.plot(x, y, color="#123c69", linewidth=1.8)
    for classe, debut, fin in zip(analyse.classes, bornes[:-1], bornes[1:], strict=True):
        if not classe.effectif:
            continue
        dans_la_classe = (rangs >= debut) & (rangs <= fin)
        axe.fill_between(
            x[dans_la_classe],
            y[dans_la_classe],
            color=COULEURS_CLASSES[classe.classe],
            alpha=0.25,
            label=f"Classe {classe.classe} : {classe.effectif} {quoi} "
            f"({format_nombre(classe.part_effectif, 1)} %), "
            f"{format_nombre(classe.part_ca, 1)} % du CA",
        )
    for seuil in (analyse.seuil_a, analyse.seuil_b):
        axe.axhline(float(seuil), color="grey", linestyle="--", linewidth=0.8)
    axe.plot([0, 100], [0, 100], color="grey", linewidth=0.6, linestyle=":")
    axe.set_xlim(0, 100)
    axe.set_ylim(0, 101)
    axe.xaxis.set_major_formatter(FuncFormatter(_pourcent))
    axe.yaxis.set_major_formatter(FuncFormatter(_pourcent))
    axe.set_xlabel(f"Part cumulée des {quoi} (classés par CA décroissant)")
    axe.set_ylabel("Part cumulée du chiffre d'affaires")
    axe.set_title(titre or "Courbe de Pareto (analyse ABC)")
    axe.legend(loc="lower right", fontsize=8)
    axe.grid(alpha=0.3)
    figure.tight_layout()
    return figure


def libelle_mois(mois: str) -> str:
    """``"2026-01"`` → ``"janv. 2026"``."""
    annee, m = mois.split("-")
    return f"{MOIS_COURTS[int(m) - 1]} {annee}"


def mois_suivants(dernier: str, nombre: int) -> list[str]:
    """The ``nombre`` months after ``dernier`` (``AAAA-MM``)."""
    annee, m = (int(x) for x in dernier.split("-"))
    sortie = []
    for _ in range(nombre):
        annee, m = (annee + 1, 1) if m == 12 else (annee, m + 1)
        sortie.append(f"{annee:04d}-{m:02d}")
    return sortie


def graphique_previsions(p: Prevision, mois: list[str], *, titre: str = "") -> Figure:
    """Actual sales, least squares trend (extended) and seasonally corrected forecast.

    ``mois``: the ``AAAA-MM`` label of each observed value.
    """
    futurs = mois_suivants(mois[-1], len(p.previsions)) if mois else []
    n = len(p.valeurs)
    x_obs = list(range(1, n + 1))
    x_tout = list(range(1, n + len(p.previsions) + 1))
    figure = Figure(figsize=(9, 4.2))
    axe = figure.add_subplot()
    axe.plot(x_obs, [float(v) for v in p.valeurs], marker="o", markersize=3, label="CA réel")
    axe.plot(
        x_tout,
        [float(p.tendance.valeur(x)) for x in x_tout],
        color="grey",
        linestyle="--",
        label="Tendance (moindres carrés)",
    )
    axe.plot(
        list(p.rangs),
        [float(v) for v in p.previsions],
        marker="s",
        markersize=3,
        color="#c62828",
        label="Prévision (tendance × coefficient)",
    )
    etiquettes = [libelle_mois(m) for m in [*mois, *futurs]]
    pas = max(1, len(etiquettes) // 12)
    axe.set_xticks(x_tout[::pas])
    axe.set_xticklabels(etiquettes[::pas], rotation=45, ha="right", fontsize=8)
    axe.yaxis.set_major_formatter(FuncFormatter(_euros))
    axe.set_ylabel("CA HT mensuel")
    axe.set_title(titre or "CA réel, tendance et prévision")
    axe.legend(fontsize=8)
    axe.grid(alpha=0.3)
    figure.tight_layout()
    return figure


def figure_html(figure: Figure, *, largeur: str = "100%") -> str:
    """The figure as an inline ``<img>`` (PNG in base64)."""
    tampon = io.BytesIO()
    figure.savefig(tampon, format="png", dpi=90)
    code = base64.b64encode(tampon.getvalue()).decode("ascii")
    return (
        f'<img class="atelier-graphique" alt="graphique" style="max-width:{largeur}" '
        f'src="data:image/png;base64,{code}">'
    )
