"""Graphique du bilan de l'équipe commerciale (matplotlib) : objectif et réalisé par commercial."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from widgets.donnees.equipe import BilanCommercial


def graphique_objectifs_realise(lignes: list[BilanCommercial], *, titre: str = "") -> Figure:
    """Barres horizontales : écart en % de chaque commercial (vert favorable, rouge sinon)."""
    tries = sorted(lignes, key=lambda b: b.ecart_ca.ecart_pct or 0)
    noms = [b.nom for b in tries]
    valeurs = [float(b.ecart_ca.ecart_pct or 0) for b in tries]
    couleurs = ["#2e7d32" if b.ecart_ca.favorable else "#c62828" for b in tries]
    figure, axe = plt.subplots(figsize=(8, max(3, 0.3 * len(noms))))
    axe.barh(noms, valeurs, color=couleurs)
    axe.axvline(0, color="black", linewidth=0.8)
    axe.set_xlabel("Écart réalisé / objectif de CA (%)")
    axe.set_title(titre or "Objectif de CA atteint ? (écart en %)")
    axe.xaxis.set_major_formatter(lambda x, _pos: f"{x:+.0f} %")
    figure.tight_layout()
    return figure
