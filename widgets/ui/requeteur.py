"""Le requêteur SQL de l'atelier (JupyterLab et Voilà) : écrire, exécuter, lire, exporter.

::

    from widgets.ui.requeteur import Requeteur
    Requeteur()                       # base de référence, lecture seule
    Requeteur(bac_a_sable=True)       # copie personnelle : INSERT / UPDATE / DELETE permis
    Requeteur(base="mes_bases/mes_donnees.db")   # une base importée (widgets.ui.import_fichier)

Ce que voit l'étudiant : l'éditeur (coloration, complétion des tables et colonnes, **Ctrl+Entrée**
pour exécuter, voir :mod:`widgets.ui.editeur_sql`), le bouton « Exécuter », le message d'erreur
du moteur en français juste sous l'éditeur (le résultat précédent reste affiché, grisé), le
résultat en tableau paginé aux nombres à la française avec « 42 lignes — 0,012 s », les liens
d'export CSV (séparateur ``;``, UTF-8 avec BOM pour Excel) et Excel, l'historique de ses
requêtes, un graphique en barres en un clic quand le résultat a une colonne numérique, et à
droite l'explorateur du schéma (tables, colonnes, types, signification tirée du dictionnaire,
clés étrangères, aperçu de quelques lignes).

Toutes les requêtes passent par le moteur sûr :func:`widgets.sql.executer_requete` (lecture
seule sur la base de référence, temps limité, nombre de lignes plafonné).

Pilotage depuis Python (tests, carnets) : ``r.sql = "SELECT …"``, ``r.executer()``,
``r.resultat`` (``ResultatRequete`` ou ``None``), ``r.erreur`` (texte français ou ``""``),
``r.page_suivante()``, ``r.exporter_csv()`` / ``r.exporter_excel()`` (octets),
``r.tracer()`` (figure matplotlib), ``r.historique.dernieres()``.

Le module ne contient que le widget :class:`Requeteur` ; la mise en forme et les exports sont
dans :mod:`widgets.ui.resultats_sql`, l'explorateur du schéma dans :mod:`widgets.ui.schema_sql`,
l'application Voilà dans :mod:`widgets.ui.appli_requeteur`. Leurs noms publics restent
importables d'ici (``from widgets.ui.requeteur import AppliRequeteur, formater_colonne…``).
``resultat`` et ``erreur`` sont des traits (``r.observe(f, names="resultat")``).

Classes CSS (tests navigateur) : ``atelier-requeteur`` (le widget), ``atelier-champ-sql``
(la zone de saisie), ``atelier-executer`` (le bouton), ``atelier-erreur``,
``atelier-resultat``, ``atelier-statut``, ``atelier-schema``, ``atelier-export``.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.donnees.chemins import base_reference
from widgets.donnees.historique_sql import HistoriqueSQL
from widgets.sql import (
    ErreurRequete,
    ResultatRequete,
    demarrer_en_arriere_plan,
    executer_requete,
    reinitialiser_bac_a_sable,
)
from widgets.sql import bac_a_sable as copie_bac_a_sable
from widgets.ui.champs import ResultatObservable, ZoneErreur, ZoneResultat, avertissements_html
from widgets.ui.editeur_sql import creer_editeur
from widgets.ui.resultats_sql import (
    CSS_RESULTATS,
    LIGNES_PAR_PAGE,
    MAX_BARRES,
    colonnes_numeriques,
    csv_francais,
    excel_octets,
    figure_barres,
    formater_colonne,
    lien_export_html,
    statut_resultat,
    tableau_resultat_html,
)
from widgets.ui.schema_sql import NavigateurSchema
from widgets.ui.session import etudiant_de_session, fichier_du_noyau

__all__ = [
    "LIGNES_PAR_PAGE",
    "MAX_BARRES",
    "THEMES_SQL",  # noqa: F822 - module __getattr__ below
    "AppliRequeteur",  # noqa: F822 - module __getattr__ below
    "ListeExercicesSQL",  # noqa: F822 - module __getattr__ below
    "NavigateurSchema",
    "Requeteur",
    "csv_francais",
    "excel_octets",
    "formater_colonne",
    "statut_resultat",
    "tableau_resultat_html",
]


class Requeteur(ResultatObservable, w.VBox):
    """Le requêteur SQL (voir le module). ``base`` : fichier SQLite (défaut : base de
    référence) ; ``bac_a_sable=True`` : la copie personnelle de l'étudiant, modifiable."""

    def __init__(
        self,
        base: str | Path | None = None,
        *,
        bac_a_sable: bool = False,
        sql: str = "",
        etudiant: str | None = None,
        max_lignes: int = 1000,
        lignes_par_page: int = LIGNES_PAR_PAGE,
        limite_s: float = 2.0,
        schema_visible: bool = True,
        editeur_simple: bool = False,
        historique: HistoriqueSQL | None = None,
        lignes_editeur: int = 8,
    ) -> None:
        demarrer_en_arriere_plan()  # the SQL worker starts while the page renders (issue 17)
        super().__init__()
        self.add_class("atelier-requeteur")
        self._etudiant = etudiant
        self._historique_donne = historique
        self._historiques: dict[str | None, HistoriqueSQL] = {}
        self.max_lignes = max_lignes
        self.lignes_par_page = max(1, int(lignes_par_page))
        self.limite_s = limite_s
        self.page = 0

        self.editeur = creer_editeur(simple=editeur_simple, value=sql, lignes=lignes_editeur)
        self.editeur.sur_execution(self.executer)
        self.bouton_executer = w.Button(
            description="Exécuter",
            icon="play",
            button_style="primary",
            tooltip="Exécuter la requête (Ctrl+Entrée)",
        )
        self.bouton_executer.add_class("atelier-executer")
        self.bouton_executer.on_click(lambda _b: self.executer())
        self.choix_historique = w.Dropdown(  # labelled (RGAA 11.1)
            options=[("Historique…", "")],
            value="",
            description="Historique",
            style={"description_width": "initial"},
            layout=w.Layout(width="340px"),
        )
        self.choix_historique.add_class("atelier-historique")
        self.choix_historique.observe(self._rappeler, names="value")
        self.bouton_reinitialiser = w.Button(
            description="Réinitialiser le bac à sable",
            icon="undo",
            tooltip="Remet votre copie de la base dans son état d'origine",
            layout=w.Layout(width="auto"),
        )
        self.bouton_reinitialiser.on_click(lambda _b: self.reinitialiser_bac_a_sable())
        self.zone_erreur = ZoneErreur("sql")
        w.dlink((self.zone_erreur, "message"), (self, "erreur"))
        self.zone_avertissements = w.HTML()
        self.zone_statut = w.HTML()
        self.zone_statut.add_class("atelier-statut")
        self.zone_resultat = ZoneResultat(layout=w.Layout(overflow="auto", width="100%"))
        self.bouton_precedente = w.Button(description="◀ Précédente", layout=w.Layout(width="auto"))
        self.bouton_suivante = w.Button(description="Suivante ▶", layout=w.Layout(width="auto"))
        self.etiquette_page = w.Label("")
        self.bouton_precedente.on_click(lambda _b: self.page_precedente())
        self.bouton_suivante.on_click(lambda _b: self.page_suivante())
        self.pagination = w.HBox(
            [self.bouton_precedente, self.etiquette_page, self.bouton_suivante],
            layout=w.Layout(display="none", align_items="center"),
        )
        self.zone_export = w.HTML()
        self.zone_export.add_class("atelier-export")
        # The export files are built when asked (a 32 MB result built both at once, for
        # nothing): one button per format, the link appears in zone_export.
        self.bouton_csv = w.Button(
            description="Export CSV", icon="download", layout=w.Layout(width="auto", display="none")
        )
        self.bouton_csv.add_class("atelier-export-csv")
        self.bouton_csv.on_click(lambda _b: self.preparer_export("csv"))
        self.bouton_excel = w.Button(
            description="Export Excel",
            icon="download",
            layout=w.Layout(width="auto", display="none"),
        )
        self.bouton_excel.add_class("atelier-export-excel")
        self.bouton_excel.on_click(lambda _b: self.preparer_export("excel"))
        self.choix_graphique = w.Dropdown(
            description="Colonne :", options=[], layout=w.Layout(width="260px", display="none")
        )
        self.bouton_graphique = w.Button(
            description="Graphique", icon="bar-chart", disabled=True, layout=w.Layout(width="auto")
        )
        self.bouton_graphique.add_class("atelier-graphique")
        self.bouton_graphique.on_click(lambda _b: self.tracer())
        self.image_graphique = w.Image(
            format="png",
            layout=w.Layout(display="none", width="auto", max_width="850px"),
        )
        self.etiquette_base = w.HTML()

        self.navigateur = NavigateurSchema(base_reference() if base is None else base)
        barre = w.HBox(
            [self.bouton_executer, self.choix_historique, self.bouton_reinitialiser],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        outils = w.HBox(
            [
                self.bouton_csv,
                self.bouton_excel,
                self.zone_export,
                self.bouton_graphique,
                self.choix_graphique,
            ],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        gauche = w.VBox(
            [
                self.etiquette_base,
                self.editeur,
                barre,
                self.zone_erreur,
                self.zone_avertissements,
                self.zone_statut,
                self.zone_resultat,
                self.pagination,
                outils,
                self.image_graphique,
            ],
            layout=w.Layout(flex="1 1 auto", min_width="0", width="100%"),
        )
        colonnes = [gauche]
        if schema_visible:
            self.navigateur.layout.width = "330px"
            self.navigateur.layout.min_width = "260px"
            colonnes.append(self.navigateur)
        self.children = (
            w.HTML(CSS_RESULTATS),
            w.HBox(colonnes, layout=w.Layout(width="100%", align_items="flex-start")),
        )
        self.changer_base(base, bac_a_sable=bac_a_sable)

    # ------------------------------------------------------------------ identity
    @property
    def etudiant(self) -> str | None:
        """The student whose history and sandbox these are: the one given, else the session's
        (``widgets.ui.session.etudiant_de_session``: hub user, the student locked in this
        kernel or this kernel alone on a dashboards server; None for a student alone)."""
        return self._etudiant if self._etudiant is not None else etudiant_de_session()

    @etudiant.setter
    def etudiant(self, valeur: str | None) -> None:
        self._etudiant = valeur

    @property
    def historique(self) -> HistoriqueSQL:
        """The student's SQL history (follows the identity once the student is identified)."""
        if self._historique_donne is not None:
            return self._historique_donne
        cle = self.etudiant
        if cle not in self._historiques:
            historique = HistoriqueSQL(etudiant=cle)
            fichier_du_noyau(cle, historique.chemin)
            self._historiques[cle] = historique
        return self._historiques[cle]

    # ------------------------------------------------------------------ base

    def changer_base(self, base: str | Path | None = None, *, bac_a_sable: bool = False) -> None:
        """Travailler sur une autre base : ``base`` (défaut : référence) ou le bac à sable."""
        self.modifiable = bool(bac_a_sable)
        self._reference_bac = base
        if bac_a_sable:
            etudiant = self.etudiant
            self.base = fichier_du_noyau(etudiant, copie_bac_a_sable(etudiant, reference=base))
        else:
            self.base = Path(base) if base is not None else base_reference()
        self.navigateur.actualiser(self.base)
        self.editeur.schema = self.navigateur.colonnes_par_table()
        if self.modifiable:
            mode = "votre bac à sable : SELECT, INSERT, UPDATE et DELETE permis"
        elif base is None:
            mode = "base de référence, lecture seule (SELECT)"
        else:
            mode = "lecture seule (SELECT)"
        self.etiquette_base.value = (
            f"<b>Base :</b> {html.escape(self.base.name)} <small>({mode})</small>"
        )
        self.bouton_reinitialiser.layout.display = "" if self.modifiable else "none"
        self._actualiser_historique()

    def reinitialiser_bac_a_sable(self) -> None:
        """Remet le bac à sable dans l'état de la base de référence."""
        if not self.modifiable:
            return
        reinitialiser_bac_a_sable(self.etudiant, reference=self._reference_bac)
        self.navigateur.actualiser(self.base)
        self.zone_statut.value = "Bac à sable réinitialisé."

    # ------------------------------------------------------------------ exécution

    @property
    def sql(self) -> str:
        """Le texte de la requête dans l'éditeur."""
        return self.editeur.value

    @sql.setter
    def sql(self, texte: str) -> None:
        self.editeur.value = texte

    def executer(self) -> ResultatRequete | None:
        """Exécute la requête de l'éditeur ; renvoie le résultat (``None`` si erreur)."""
        sql = self.sql
        try:
            resultat = executer_requete(
                sql,
                self.base,
                lignes_max=self.max_lignes,
                delai_s=self.limite_s,
                ecriture=self.modifiable,
            )
        except ErreurRequete as err:
            self.zone_erreur.montrer(str(err))
            self.zone_resultat.marquer_perime()
            self._noter(sql, erreur=str(err))
            return None
        self.zone_erreur.effacer()
        with self.hold_trait_notifications():  # observers see the result already displayed
            self.resultat = resultat
            self.page = 0
            self.zone_avertissements.value = avertissements_html(list(resultat.avertissements))
            self.zone_statut.value = html.escape(statut_resultat(resultat))
            self._afficher_page()
            self.zone_export.value = ""
            exportable = resultat.dataframe.shape[1] > 0 and len(resultat.dataframe) > 0
            for bouton in (self.bouton_csv, self.bouton_excel):
                bouton.layout.display = "" if exportable else "none"
            self._preparer_graphique()
        if self.modifiable and resultat.dataframe.shape[1] == 0:
            self.navigateur.actualiser(self.base)
        self._noter(sql, nb_lignes=resultat.nb_lignes, duree_s=resultat.elapsed_s)
        return resultat

    def _noter(self, sql: str, **infos: Any) -> None:
        self.historique.ajouter(sql, base=self.base, **infos)
        self._actualiser_historique()

    def _actualiser_historique(self) -> None:
        entrees = self.historique.dernieres(20, base=self.base)
        options = [("Historique…", "")] + [(e.libelle(), e.sql) for e in entrees]
        vus: set[str] = set()
        uniques = []
        for libelle, sql in options:
            if sql in vus:
                continue
            vus.add(sql)
            uniques.append((libelle, sql))
        self.choix_historique.unobserve(self._rappeler, names="value")
        self.choix_historique.options = uniques
        self.choix_historique.value = ""
        self.choix_historique.observe(self._rappeler, names="value")

    def _rappeler(self, changement: dict) -> None:
        if changement["new"]:
            self.sql = changement["new"]
            self.choix_historique.value = ""

    # ------------------------------------------------------------------ pages

    @property
    def nb_pages(self) -> int:
        """Nombre de pages du résultat affiché."""
        if self.resultat is None:
            return 0
        return max(1, math.ceil(len(self.resultat.dataframe) / self.lignes_par_page))

    def _afficher_page(self) -> None:
        assert self.resultat is not None
        df = self.resultat.dataframe
        debut = self.page * self.lignes_par_page
        self.zone_resultat.montrer(tableau_resultat_html(df, debut, debut + self.lignes_par_page))
        if self.nb_pages > 1:
            self.pagination.layout.display = "flex"
            self.etiquette_page.value = (
                f"Page {self.page + 1} / {self.nb_pages} "
                f"(lignes {debut + 1} à {min(debut + self.lignes_par_page, len(df))})"
            )
            self.bouton_precedente.disabled = self.page == 0
            self.bouton_suivante.disabled = self.page >= self.nb_pages - 1
        else:
            self.pagination.layout.display = "none"

    def aller_page(self, numero: int) -> None:
        """Affiche la page ``numero`` (la première est 1)."""
        if self.resultat is None:
            return
        self.page = min(max(0, numero - 1), self.nb_pages - 1)
        self._afficher_page()

    def page_suivante(self) -> None:
        """Page suivante du résultat."""
        self.aller_page(self.page + 2)

    def page_precedente(self) -> None:
        """Page précédente du résultat."""
        self.aller_page(self.page)

    # ------------------------------------------------------------------ exports

    def preparer_export(self, format_: str = "csv") -> str:
        """Build the ``"csv"`` or ``"excel"`` file of the result now and show its link."""
        self.zone_export.value = (
            "" if self.resultat is None else (lien_export_html(self.resultat, format_))
        )
        return self.zone_export.value

    def exporter_csv(self) -> bytes:
        """Le résultat en CSV pour Excel français (``;``, virgule décimale, UTF-8 avec BOM)."""
        if self.resultat is None:
            return b""
        return csv_francais(self.resultat.dataframe)

    def exporter_excel(self) -> bytes:
        """Le résultat en classeur Excel (.xlsx)."""
        if self.resultat is None:
            return b""
        return excel_octets(self.resultat.dataframe)

    # ------------------------------------------------------------------ graphique

    def colonnes_numeriques(self) -> list[str]:
        """Colonnes du résultat qu'on peut tracer (numériques, hors identifiants)."""
        return [] if self.resultat is None else colonnes_numeriques(self.resultat.dataframe)

    def _preparer_graphique(self) -> None:
        numeriques = self.colonnes_numeriques()
        self.bouton_graphique.disabled = not numeriques
        self.choix_graphique.options = numeriques
        self.choix_graphique.layout.display = "" if len(numeriques) > 1 else "none"
        self.image_graphique.layout.display = "none"

    def tracer(self, colonne: str | None = None) -> Any:
        """Trace un diagramme en barres du résultat (colonne numérique ``colonne`` ou la
        colonne choisie) et renvoie la figure matplotlib (``None`` si rien à tracer)."""
        numeriques = self.colonnes_numeriques()
        if not numeriques or self.resultat is None:
            self.zone_erreur.montrer("Rien à tracer : le résultat n'a pas de colonne numérique.")
            return None
        colonne = colonne or self.choix_graphique.value or numeriques[0]
        if colonne not in numeriques:
            self.zone_erreur.montrer(f"La colonne « {colonne} » n'est pas numérique.")
            return None
        fig, png = figure_barres(self.resultat.dataframe, colonne, numeriques)
        self.image_graphique.value = png
        self.image_graphique.layout.display = ""
        self.zone_erreur.effacer()
        return fig


def __getattr__(nom: str) -> Any:
    """``AppliRequeteur``, ``ListeExercicesSQL`` and ``THEMES_SQL`` live in
    :mod:`widgets.ui.appli_requeteur` (which imports this module): loaded on first use."""
    if nom in ("AppliRequeteur", "ListeExercicesSQL", "THEMES_SQL"):
        from widgets.ui import appli_requeteur

        return getattr(appli_requeteur, nom)
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
