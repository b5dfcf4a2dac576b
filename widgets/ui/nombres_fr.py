"""French numbers in a notebook's tables and charts: ``2 000`` and ``1 234,50``, never ``2000``.

- :func:`tableau_fr`: a pandas DataFrame displayed with the project's French formatting
  (:func:`widgets.ui.resultats_sql.formater_colonne`: thousands grouped by a thin space, decimal
  comma, identifiers, codes, years and months left ungrouped), numbers right-aligned;
- :func:`axes_a_la_francaise`: a matplotlib axis whose tick labels are French numbers
  (``format_nombre``: ``1 500``, ``2,5``), the one tick formatter of the notebooks' charts.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets.calculs.format import format_nombre
from widgets.ui.resultats_sql import formater_colonne


def tableau_fr(df: pd.DataFrame) -> Any:
    """``df`` as a table of French-formatted text (a pandas ``Styler``: Jupyter shows it)."""
    texte = pd.DataFrame(index=df.index, columns=df.columns, dtype=object)
    numeriques = []
    for i, nom in enumerate(df.columns):
        valeurs, numerique = formater_colonne(str(nom), list(df.iloc[:, i]))
        texte.iloc[:, i] = valeurs
        if numerique:
            numeriques.append(nom)
    if not isinstance(df.index, pd.RangeIndex):
        valeurs, _ = formater_colonne(str(df.index.name or ""), list(df.index))
        texte.index = pd.Index(valeurs, name=df.index.name)
    style = texte.style
    if numeriques:
        style = style.set_properties(subset=numeriques, **{"text-align": "right"})
    return style


def _etiquette(valeur: float, _position: Any = None) -> str:
    return format_nombre(valeur)


def axes_a_la_francaise(ax: Any, *, x: bool = False, y: bool = True) -> Any:
    """French tick labels (``1 500``, ``2,5``) on the value axis (``y``) and/or ``x``."""
    from matplotlib.ticker import FuncFormatter

    if y:
        ax.yaxis.set_major_formatter(FuncFormatter(_etiquette))
    if x:
        ax.xaxis.set_major_formatter(FuncFormatter(_etiquette))
    return ax
