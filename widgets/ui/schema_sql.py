"""The schema browser of the SQL workbench: one section per table (columns, types, meaning
from the data dictionary, foreign keys, row count) with an « Aperçu » button showing a few rows.

Used on the right of :class:`~widgets.ui.requeteur.Requeteur`; also usable alone::

    NavigateurSchema("clients.db").apercu("clients")   # DataFrame of the first rows
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from widgets.calculs import format_nombre
from widgets.sql import ErreurRequete, executer_requete, schema
from widgets.ui.resultats_sql import tableau_resultat_html

__all__ = ["NavigateurSchema"]


class NavigateurSchema(w.VBox):
    """L'explorateur du schéma : une rubrique par table (colonnes, types, signification, clés
    étrangères, nombre de lignes) avec un bouton « Aperçu » qui montre quelques lignes."""

    def __init__(self, base: str | Path, *, lignes_apercu: int = 5) -> None:
        super().__init__()
        self.add_class("atelier-schema")
        self.lignes_apercu = lignes_apercu
        self.base = Path(base)
        self.tables: list[Any] = []
        self._accordeon = w.Accordion()
        self._relations = w.HTML()
        self.layout = w.Layout(width="100%", max_height="560px", overflow="auto")
        self.actualiser()

    def actualiser(self, base: str | Path | None = None) -> None:
        """Relit le schéma (après un changement de base ou une modification)."""
        if base is not None:
            self.base = Path(base)
        try:
            self.tables = schema(self.base)
        except ErreurRequete as err:
            self.tables = []
            self.children = (w.HTML(f'<div class="atelier-erreur">{html.escape(str(err))}</div>'),)
            return
        enfants = [self._rubrique(t) for t in self.tables]
        self._accordeon = w.Accordion(children=enfants, selected_index=None)
        for i, t in enumerate(self.tables):
            n = "" if t.nb_lignes is None else f" ({format_nombre(t.nb_lignes)} lignes)"
            self._accordeon.set_title(i, f"{t.nom}{n}")
        relations = [
            f"<li><code>{t.nom}.{c.colonne}</code> → <code>{c.table_cible}.{c.colonne_cible}"
            "</code></li>"
            for t in self.tables
            for c in t.cles_etrangeres
        ]
        self._relations.value = (
            "<details><summary><b>Relations (clés étrangères)</b></summary>"
            f'<ul style="font-size:12px;margin:2px 0;padding-left:18px">{"".join(relations)}</ul>'
            "</details>"
            if relations
            else ""
        )
        titre = w.HTML(f"<b>Schéma de la base</b> <small>« {html.escape(self.base.name)} »</small>")
        self.children = (titre, self._accordeon, self._relations)

    def _rubrique(self, table: Any) -> w.VBox:
        lignes = []
        for c in table.colonnes:
            cle = "clé primaire" if c.cle_primaire else ""
            if c.reference:
                cle = f"→ {c.reference}"
            lignes.append(
                f"<tr><td><code>{html.escape(c.nom)}</code></td><td>{html.escape(c.type)}</td>"
                f"<td>{html.escape(c.signification)}</td><td>{html.escape(cle)}</td></tr>"
            )
        colonnes = w.HTML(
            "<table><tr><th>colonne</th><th>type</th><th>signification</th><th>clé</th></tr>"
            + "".join(lignes)
            + "</table>"
        )
        apercu = w.HTML()
        bouton = w.Button(description="Aperçu", icon="eye", layout=w.Layout(width="100px"))
        bouton.add_class("atelier-apercu")
        bouton.on_click(lambda _b, t=table.nom, zone=apercu: self._apercu(t, zone))
        return w.VBox([colonnes, bouton, apercu])

    def apercu(self, table: str) -> pd.DataFrame:
        """Les premières lignes de ``table`` (``LIMIT lignes_apercu``)."""
        nom = '"' + table.replace('"', '""') + '"'
        res = executer_requete(f"SELECT * FROM {nom} LIMIT {int(self.lignes_apercu)}", self.base)
        return res.dataframe

    def _apercu(self, table: str, zone: w.HTML) -> None:
        try:
            df = self.apercu(table)
        except ErreurRequete as err:
            zone.value = f'<div class="atelier-erreur">{html.escape(str(err))}</div>'
            return
        zone.value = (
            '<div class="atelier-requeteur" style="overflow-x:auto">'
            + tableau_resultat_html(df)
            + "</div>"
        )

    def colonnes_par_table(self) -> dict[str, list[str]]:
        """``{table: [colonnes]}`` pour la complétion de l'éditeur."""
        return {t.nom: t.noms_colonnes for t in self.tables}
