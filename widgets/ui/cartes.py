"""Offline maps in km shared by the tour and the sector widgets (matplotlib, no pyplot, no tile
server): a blank figure, then the finishing touches and the PNG.

Points are placed with :func:`widgets.calculs.tournee.projection_equirectangulaire`.
"""

from __future__ import annotations

import io
from typing import Any

#: One colour per day (tour) or per sector, in this order.
COULEURS = ("#1d4e89", "#c0392b", "#1e8449", "#b9770e", "#6c3483", "#117a65", "#7b241c")


def nouvelle_carte(largeur: float = 7.0, hauteur: float = 5.0) -> tuple[Any, Any]:
    """Figure et axes matplotlib (sans pyplot) pour une carte hors connexion en km."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(largeur, hauteur), dpi=90)
    return fig, fig.add_subplot(1, 1, 1)


def carte_png(fig: Any, ax: Any, titre: str, *, legende: bool = True) -> bytes:
    """Finit une carte (repère orthonormé en km, axes, quadrillage, légende) et la rend en PNG.

    Les points sont placés avec :func:`widgets.calculs.tournee.projection_equirectangulaire` :
    aucun serveur de tuiles n'est nécessaire (la carte marche hors connexion)."""
    from widgets.ui.nombres_fr import axes_a_la_francaise

    ax.set_aspect("equal", adjustable="datalim")
    axes_a_la_francaise(ax, x=True, y=True)
    ax.set_xlabel("km (est–ouest)")
    ax.set_ylabel("km (sud–nord)")
    ax.set_title(titre)
    ax.grid(True, lw=0.3)
    if legende:
        ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    tampon = io.BytesIO()
    fig.savefig(tampon, format="png")
    return tampon.getvalue()


__all__ = ["COULEURS", "carte_png", "nouvelle_carte"]
