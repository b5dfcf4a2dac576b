"""The Voilà application « Requêteur SQL » (``voila_apps/requeteur_sql.ipynb``): the read-only
workbench on the reference base with its schema browser and, in a second tab, the list of the
SQL exercises of a unit (:class:`ListeExercicesSQL`).

Both names stay importable from :mod:`widgets.ui.requeteur` (notebooks and tests use that path).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.ui.requeteur import Requeteur

__all__ = ["THEMES_SQL", "AppliRequeteur", "ListeExercicesSQL"]


THEMES_SQL = {
    "premiers_pas_sql": "premiers pas",
    "requetes_simples": "requêtes simples",
    "agregats": "regroupements",
    "jointures": "jointures",
    "sous_requetes": "sous-requêtes",
    "fiabilisation_prospects": "fiabilisation",
    "mises_a_jour": "mises à jour",
    "segmentation": "segmentation",
}
"""Les thèmes des exercices SQL, dans l'ordre où on les apprend."""


class ListeExercicesSQL(w.VBox):
    """La liste des exercices SQL d'une unité, par thème ; l'exercice choisi s'affiche dessous.

    ``liste.choisir("gestion_clientele/sql-ca-par-secteur")`` l'ouvre depuis Python ;
    ``liste.exercice`` est le widget d'exercice affiché (ou ``None``).
    """

    def __init__(self, unite: str = "gestion_clientele", *, etudiant: str | None = None) -> None:
        from widgets.exercices import exercices_de_l_unite

        super().__init__()
        self.add_class("atelier-liste-exercices")
        self.etudiant = etudiant
        self.exercice: Any = None
        exercices = [e for e in exercices_de_l_unite(unite) if e.code.split("/")[-1][:4] == "sql-"]
        ordre = list(THEMES_SQL)
        exercices.sort(key=lambda e: ordre.index(e.theme) if e.theme in ordre else len(ordre))
        options: list[tuple[str, str]] = [("— choisir un exercice —", "")]
        for i, e in enumerate(exercices, start=1):
            theme = THEMES_SQL.get(e.theme, e.theme.replace("_", " "))
            options.append((f"{i:02d}. {e.titre} ({theme})", e.code))
        self.codes = [code for _, code in options[1:]]
        self.choix = w.Dropdown(options=options, value="", layout=w.Layout(width="100%"))
        self.choix.add_class("atelier-choix-exercice")
        self.choix.observe(lambda ch: self.choisir(ch["new"]), names="value")
        self.zone = w.VBox()
        self.children = (
            w.HTML(f"<b>{len(exercices)} exercices SQL corrigés automatiquement</b>"),
            self.choix,
            self.zone,
        )

    def choisir(self, code: str) -> Any:
        """Affiche l'exercice ``code`` (variante de l'étudiant) et le renvoie."""
        from widgets.ui.exercice import Exercice

        if not code:
            self.zone.children = ()
            self.exercice = None
            return None
        if self.choix.value != code:
            self.choix.value = code  # rappelle choisir() par l'observateur
            return self.exercice
        self.exercice = Exercice(code, etudiant=self.etudiant)
        self.zone.children = (self.exercice,)
        return self.exercice


class AppliRequeteur(w.Tab):
    """L'application Voilà « Requêteur SQL » : le requêteur en lecture seule sur la base de
    référence (avec l'explorateur de schéma) et, dans un second onglet, les exercices."""

    def __init__(self, base: str | Path | None = None, *, etudiant: str | None = None) -> None:
        self.requeteur = Requeteur(
            base,
            etudiant=etudiant,
            sql="SELECT raison_sociale, type_client, ville\nFROM clients\nLIMIT 10",
            lignes_editeur=6,
        )
        self.requeteur.executer()
        self.exercices = ListeExercicesSQL(etudiant=etudiant)
        super().__init__(children=[self.requeteur, self.exercices])
        self.set_title(0, "Requêteur SQL")
        self.set_title(1, "Exercices")
        self.add_class("atelier-appli-requeteur")
