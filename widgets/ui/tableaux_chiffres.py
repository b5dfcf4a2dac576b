"""Tables of figures shared by the finance and profitability widgets: one CSS rule per table
(not one per cell, so a 60-row loan table stays a few kilobytes at each keystroke), amounts
without line break, the numbered calculation steps."""

from __future__ import annotations

import html
from collections.abc import Sequence

from widgets.calculs.finance._outils import euros_rapide

__all__ = ["STYLE_TABLEAUX", "etapes_html", "euros_insecables", "tableau_chiffres_html"]


def euros_insecables(valeur) -> str:
    """An amount for HTML, without line break (fast formatting, same text as format_euros)."""
    return '<span style="white-space:nowrap">' + euros_rapide(valeur) + "</span>"


def tableau_chiffres_html(
    entetes: Sequence[str], lignes: Sequence[Sequence[str]], *, classe: str = ""
) -> str:
    """A table of already formatted, safe cells (first column left, others right).

    The layout is one ``<style>`` rule for the whole table (not one per cell): a 60-row loan
    table stays a few kilobytes to send at each keystroke.
    """
    th = "".join(f"<th>{html.escape(e)}</th>" for e in entetes)
    corps = "".join("<tr><td>" + "</td><td>".join(ligne) + "</td></tr>" for ligne in lignes)
    return (
        f'<table class="atelier-chiffres-finance {classe}">'
        f"<thead><tr>{th}</tr></thead><tbody>{corps}</tbody></table>"
    )


STYLE_TABLEAUX = (
    "<style>.atelier-chiffres-finance{border-collapse:collapse;font-size:.92em}"
    ".atelier-chiffres-finance td,.atelier-chiffres-finance th{padding:1px 8px;"
    "text-align:right;white-space:nowrap}"
    ".atelier-chiffres-finance th{border-bottom:1px solid #999}"
    ".atelier-chiffres-finance td:first-child,.atelier-chiffres-finance th:first-child"
    "{text-align:left}</style>"
)
"""CSS of :func:`tableau_chiffres_html`, put once in each widget (and in the printed page)."""


def etapes_html(etapes: Sequence[str], titre: str = "Le calcul") -> str:
    """The numbered steps of a calculation under a bold title (each step escaped)."""
    items = "".join(f"<li>{html.escape(e)}</li>" for e in etapes)
    return (
        f'<div style="margin-top:6px"><b>{html.escape(titre)}</b><ol style="margin:2px 0;'
        f'padding-left:20px;font-size:0.92em">{items}</ol></div>'
    )
