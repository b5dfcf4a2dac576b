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

Toutes les requêtes passent par le moteur sûr :func:`widgets.sql.run_query` (lecture seule sur la
base de référence, temps limité, nombre de lignes plafonné).

Pilotage depuis Python (tests, carnets) : ``r.sql = "SELECT …"``, ``r.executer()``,
``r.resultat`` (``QueryResult`` ou ``None``), ``r.erreur`` (texte français ou ``""``),
``r.page_suivante()``, ``r.exporter_csv()`` / ``r.exporter_excel()`` (octets),
``r.tracer()`` (figure matplotlib), ``r.historique.dernieres()``.

Classes CSS (tests navigateur) : ``atelier-requeteur`` (le widget), ``atelier-champ-sql``
(la zone de saisie), ``atelier-executer`` (le bouton), ``atelier-erreur``,
``atelier-resultat``, ``atelier-statut``, ``atelier-schema``, ``atelier-export``.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from widgets.calculs import format_nombre
from widgets.donnees.chemins import base_reference
from widgets.donnees.historique_sql import HistoriqueSQL
from widgets.sql import (
    QueryError,
    QueryResult,
    demarrer_en_arriere_plan,
    reinitialiser_bac_a_sable,
    run_query,
    schema,
)
from widgets.sql import bac_a_sable as copie_bac_a_sable
from widgets.ui.champs import ZoneErreur, ZoneResultat, avertissements_html
from widgets.ui.editeur_sql import creer_editeur

__all__ = [
    "AppliRequeteur",
    "ListeExercicesSQL",
    "NavigateurSchema",
    "Requeteur",
    "csv_francais",
    "excel_octets",
    "formater_colonne",
    "statut_resultat",
    "tableau_resultat_html",
]

LIGNES_PAR_PAGE = 20
MAX_BARRES = 30
_COLONNE_IDENTIFIANT = re.compile(r"(^id($|_)|_id$|^numero|^num_|annee|^code|^mois|^siret)")

_CSS = """
<style>
.atelier-requeteur table.atelier-table-sql { border-collapse: collapse; font-size: 12.5px; }
.atelier-requeteur table.atelier-table-sql th { background: #e8eef5; text-align: left;
  padding: 3px 8px; border-bottom: 2px solid #9aa5b1; position: sticky; top: 0; }
.atelier-requeteur table.atelier-table-sql td { padding: 2px 8px; border-bottom: 1px solid #e3e7eb;
  white-space: nowrap; max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
.atelier-requeteur table.atelier-table-sql td.nombre { text-align: right;
  font-variant-numeric: tabular-nums; }
.atelier-requeteur table.atelier-table-sql td.nul { color: #8a94a0; font-style: italic; }
.atelier-requeteur table.atelier-table-sql tr:nth-child(even) td { background: #f7f9fb; }
.atelier-schema table { border-collapse: collapse; font-size: 12px; }
.atelier-schema td, .atelier-schema th { padding: 1px 6px; text-align: left; vertical-align: top; }
.atelier-schema th { background: #eef2f6; }
.atelier-export a { margin-right: 14px; }
</style>
"""


# ---------------------------------------------------------------------------- mise en forme


def _est_nul(valeur: Any) -> bool:
    if valeur is None:
        return True
    try:
        return bool(isinstance(valeur, float) and math.isnan(valeur))
    except TypeError:  # pragma: no cover
        return False


def formater_colonne(nom: str, valeurs: Sequence[Any]) -> tuple[list[str], bool]:
    """Les valeurs d'une colonne en texte français, et si la colonne est numérique.

    Entiers : groupés par milliers (``12 345``) sauf les identifiants, codes, années, mois ;
    décimaux : deux décimales si aucune valeur n'en a plus (montants : ``1 234,50``), sinon
    jusqu'à trois ; ``NULL`` pour une valeur manquante ; le texte tel quel.
    """
    presentes = [v for v in valeurs if not _est_nul(v)]
    numerique = bool(presentes) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in presentes
    )
    if not numerique:
        return ["NULL" if _est_nul(v) else str(v) for v in valeurs], False
    entiers = all(float(v).is_integer() for v in presentes)
    identifiant = bool(_COLONNE_IDENTIFIANT.search(nom.lower()))
    if entiers:
        if identifiant:
            return ["NULL" if _est_nul(v) else str(int(v)) for v in valeurs], True
        return ["NULL" if _est_nul(v) else format_nombre(int(v)) for v in valeurs], True
    au_centime = all(abs(round(float(v), 2) - float(v)) < 1e-9 for v in presentes)
    decimales = 2 if au_centime else None
    return ["NULL" if _est_nul(v) else format_nombre(float(v), decimales) for v in valeurs], True


def tableau_resultat_html(df: pd.DataFrame, debut: int = 0, fin: int | None = None) -> str:
    """Le tableau HTML (lignes ``debut`` à ``fin``) d'un résultat, nombres à la française."""
    if df.shape[1] == 0:
        return ""
    fin = len(df) if fin is None else min(fin, len(df))
    morceau = df.iloc[debut:fin]
    colonnes = []
    for i, nom in enumerate(df.columns):
        textes, numerique = formater_colonne(str(nom), list(morceau.iloc[:, i]))
        colonnes.append((textes, numerique))
    tete = "".join(f"<th>{html.escape(str(nom))}</th>" for nom in df.columns)
    corps = []
    for j in range(len(morceau)):
        cellules = []
        for textes, numerique in colonnes:
            texte = textes[j]
            if texte == "NULL" and _est_nul(morceau.iat[j, len(cellules)]):
                cellules.append('<td class="nul">NULL</td>')
            else:
                classe = ' class="nombre"' if numerique else ""
                cellules.append(f"<td{classe}>{html.escape(texte)}</td>")
        corps.append("<tr>" + "".join(cellules) + "</tr>")
    return (
        '<table class="atelier-table-sql"><thead><tr>'
        + tete
        + "</tr></thead><tbody>"
        + "".join(corps)
        + "</tbody></table>"
    )


def statut_resultat(resultat: QueryResult) -> str:
    """« 42 lignes — 0,012 s » (ou « 3 lignes modifiées — … » pour une mise à jour)."""
    n = resultat.nb_lignes
    duree = format_nombre(resultat.elapsed_s, 3)
    if resultat.dataframe.shape[1] == 0:
        s = "s" if n > 1 else ""
        texte = f"{format_nombre(n)} ligne{s} modifiée{s} — {duree} s"
    else:
        s = "s" if n > 1 else ""
        texte = f"{format_nombre(n)} ligne{s} — {duree} s"
    if resultat.truncated:
        texte += " (résultat coupé)"
    return texte


def csv_francais(df: pd.DataFrame) -> bytes:
    """CSV pour Excel français : séparateur ``;``, virgule décimale, UTF-8 avec BOM."""
    return df.to_csv(sep=";", index=False, decimal=",", lineterminator="\r\n").encode("utf-8-sig")


def excel_octets(df: pd.DataFrame, feuille: str = "Résultat") -> bytes:
    """Classeur Excel (.xlsx, openpyxl) contenant le résultat."""
    tampon = io.BytesIO()
    with pd.ExcelWriter(tampon, engine="openpyxl") as classeur:
        df.to_excel(classeur, index=False, sheet_name=feuille[:31])
    return tampon.getvalue()


def _lien(octets: bytes, type_mime: str, nom: str, libelle: str) -> str:
    donnees = base64.b64encode(octets).decode("ascii")
    return (
        f'<a download="{html.escape(nom)}" href="data:{type_mime};base64,{donnees}" '
        f'target="_blank">{html.escape(libelle)}</a>'
    )


# ---------------------------------------------------------------------------- schéma


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
        except QueryError as err:
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
        res = run_query(f"SELECT * FROM {nom} LIMIT {int(self.lignes_apercu)}", self.base)
        return res.dataframe

    def _apercu(self, table: str, zone: w.HTML) -> None:
        try:
            df = self.apercu(table)
        except QueryError as err:
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


# ---------------------------------------------------------------------------- requêteur


class Requeteur(w.VBox):
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
        self.etudiant = etudiant
        self.max_lignes = max_lignes
        self.lignes_par_page = max(1, int(lignes_par_page))
        self.limite_s = limite_s
        self.resultat: QueryResult | None = None
        self.page = 0
        self.historique = historique or HistoriqueSQL(etudiant=etudiant)

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
        self.choix_historique = w.Dropdown(
            options=[("Historique…", "")], value="", layout=w.Layout(width="340px")
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
        self.choix_graphique = w.Dropdown(
            description="Colonne :", options=[], layout=w.Layout(width="260px", display="none")
        )
        self.bouton_graphique = w.Button(
            description="Graphique", icon="bar-chart", disabled=True, layout=w.Layout(width="auto")
        )
        self.bouton_graphique.add_class("atelier-graphique")
        self.bouton_graphique.on_click(lambda _b: self.tracer())
        self.image_graphique = w.Image(
            format="png", layout=w.Layout(display="none", width="auto", max_width="850px")
        )
        self.etiquette_base = w.HTML()

        self.navigateur = NavigateurSchema(base_reference() if base is None else base)
        barre = w.HBox(
            [self.bouton_executer, self.choix_historique, self.bouton_reinitialiser],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        outils = w.HBox(
            [self.zone_export, self.bouton_graphique, self.choix_graphique],
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
            w.HTML(_CSS),
            w.HBox(colonnes, layout=w.Layout(width="100%", align_items="flex-start")),
        )
        self.changer_base(base, bac_a_sable=bac_a_sable)

    # ------------------------------------------------------------------ base

    def changer_base(self, base: str | Path | None = None, *, bac_a_sable: bool = False) -> None:
        """Travailler sur une autre base : ``base`` (défaut : référence) ou le bac à sable."""
        self.modifiable = bool(bac_a_sable)
        self._reference_bac = base
        if bac_a_sable:
            self.base = copie_bac_a_sable(self.etudiant, reference=base)
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

    @property
    def erreur(self) -> str:
        """Le message d'erreur affiché ('' si la dernière exécution a réussi)."""
        return self.zone_erreur.message

    def executer(self) -> QueryResult | None:
        """Exécute la requête de l'éditeur ; renvoie le résultat (``None`` si erreur)."""
        sql = self.sql
        try:
            resultat = run_query(
                sql,
                self.base,
                max_rows=self.max_lignes,
                time_limit_s=self.limite_s,
                writable=self.modifiable,
            )
        except QueryError as err:
            self.zone_erreur.montrer(str(err))
            self.zone_resultat.marquer_perime()
            self._noter(sql, erreur=str(err))
            return None
        self.zone_erreur.effacer()
        self.resultat = resultat
        self.page = 0
        self.zone_avertissements.value = avertissements_html(list(resultat.avertissements))
        self.zone_statut.value = html.escape(statut_resultat(resultat))
        self._afficher_page()
        self._preparer_exports()
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

    def _preparer_exports(self) -> None:
        assert self.resultat is not None
        if self.resultat.dataframe.shape[1] == 0 or len(self.resultat.dataframe) == 0:
            self.zone_export.value = ""
            return
        liens = [
            _lien(self.exporter_csv(), "text/csv", "resultat.csv", "⬇ Export CSV"),
            _lien(
                self.exporter_excel(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "resultat.xlsx",
                "⬇ Export Excel",
            ),
        ]
        note = (
            f" <small>(les {format_nombre(len(self.resultat.dataframe))} lignes affichées)</small>"
            if self.resultat.truncated
            else ""
        )
        self.zone_export.value = "".join(liens) + note

    # ------------------------------------------------------------------ graphique

    def colonnes_numeriques(self) -> list[str]:
        """Colonnes du résultat qu'on peut tracer (numériques, hors identifiants)."""
        if self.resultat is None:
            return []
        df = self.resultat.dataframe
        noms = []
        for i, nom in enumerate(df.columns):
            _, numerique = formater_colonne(str(nom), list(df.iloc[:50, i]))
            if numerique and not _COLONNE_IDENTIFIANT.search(str(nom).lower()):
                noms.append(str(nom))
        return noms

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
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter

        df = self.resultat.dataframe.head(MAX_BARRES)
        autres = [str(c) for c in df.columns if str(c) != colonne and str(c) not in numeriques]
        if autres:
            etiquettes = [
                " ".join(str(v) for v in ligne) for ligne in df[autres[:2]].itertuples(index=False)
            ]
        else:
            etiquettes = [str(i + 1) for i in range(len(df))]
        valeurs = [0.0 if _est_nul(v) else float(v) for v in df[colonne]]
        fig = Figure(figsize=(8.5, 3.4), dpi=100)
        ax = fig.subplots()
        ax.bar(range(len(valeurs)), valeurs, color="#1a5fb4")
        ax.set_xticks(range(len(valeurs)))
        ax.set_xticklabels([e[:22] for e in etiquettes], rotation=40, ha="right", fontsize=8)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: format_nombre(y)))
        ax.set_ylabel(colonne)
        titre = (
            colonne
            if len(self.resultat.dataframe) <= MAX_BARRES
            else (f"{colonne} ({MAX_BARRES} premières lignes)")
        )
        ax.set_title(titre)
        ax.grid(axis="y", alpha=0.3)
        fig.tight_layout()
        tampon = io.BytesIO()
        fig.savefig(tampon, format="png")
        self.image_graphique.value = tampon.getvalue()
        self.image_graphique.layout.display = ""
        self.zone_erreur.effacer()
        return fig


# ---------------------------------------------------------------------------- application Voilà


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
