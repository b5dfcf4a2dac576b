"""Importer le fichier clients d'une entreprise partenaire, puis l'interroger en SQL.

::

    from widgets.ui.import_fichier import ImportFichier
    ImportFichier()

L'étudiant choisit son fichier (CSV ou Excel ``.xlsx``), peut donner un nom de table, clique sur
« Importer » : le rapport en français s'affiche (colonnes et types détectés, lignes importées,
lignes rejetées avec leur numéro et la raison) et le requêteur SQL s'ouvre sur sa base
personnelle (:func:`widgets.donnees.import_fichier.base_personnelle`).

Pilotage depuis Python : ``imp.importer("chemin/fichier.csv")`` ou
``imp.importer_octets("clients.csv", contenu)`` renvoient le
:class:`~widgets.donnees.import_fichier.RapportImport` (``None`` en cas d'erreur) ;
``imp.rapport``, ``imp.erreur``, ``imp.requeteur`` (le :class:`~widgets.ui.requeteur.Requeteur`).
Classes CSS : ``atelier-import``, ``atelier-champ-fichier``, ``atelier-resultat`` (le rapport),
``atelier-erreur``.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.donnees.import_fichier import (
    RapportImport,
    base_personnelle,
    importer_fichier,
    nom_sql,
)
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import ResultatObservable, ZoneErreur, ZoneResultat
from widgets.ui.requeteur import Requeteur

__all__ = ["ImportFichier", "rapport_html"]


def rapport_html(rapport: RapportImport) -> str:
    """Le rapport d'import en HTML (colonnes en tableau, rejets en liste)."""
    lignes = rapport.lignes_du_rapport()
    entete = "".join(f"<div>{html.escape(ligne)}</div>" for ligne in lignes[:2])
    colonnes = "".join(
        f"<tr><td><code>{html.escape(nom)}</code></td><td>{html.escape(type_)}</td>"
        f"<td>{html.escape(rapport.noms_origine.get(nom, nom))}</td></tr>"
        for nom, type_ in rapport.colonnes.items()
    )
    table = (
        '<table style="border-collapse:collapse;margin:4px 0;font-size:12.5px">'
        "<tr><th style='text-align:left;padding-right:12px'>colonne SQL</th>"
        "<th style='text-align:left;padding-right:12px'>type</th>"
        "<th style='text-align:left'>en-tête du fichier</th></tr>"
        f"{colonnes}</table>"
    )
    if rapport.rejets:
        s = "s" if rapport.nb_rejetees > 1 else ""
        items = "".join(f"<li>{html.escape(str(r))}</li>" for r in rapport.rejets[:200])
        suite = "<li>…</li>" if rapport.nb_rejetees > 200 else ""
        rejets = (
            f'<div style="color:#8a5300"><b>{rapport.nb_rejetees} ligne{s} rejetée{s}</b>'
            f'<ul style="margin:2px 0;padding-left:18px">{items}{suite}</ul></div>'
        )
    else:
        rejets = "<div>Aucune ligne rejetée.</div>"
    notes = "".join(f"<div>{html.escape(a)}</div>" for a in rapport.avertissements)
    return f'<div class="atelier-rapport-import">{entete}{table}{rejets}{notes}</div>'


class ImportFichier(ResultatObservable, w.VBox):
    """Import d'un fichier CSV/Excel dans la base personnelle, puis requêteur SQL dessus.

    ``resultat`` (the last :class:`RapportImport`, also ``rapport``) and ``erreur`` are traits.
    """

    def __init__(self, *, base: str | Path | None = None, etudiant: str | None = None) -> None:
        super().__init__()
        self.add_class("atelier-import")
        self.base = Path(base) if base is not None else base_personnelle()
        self.etudiant = etudiant
        self.requeteur: Requeteur | None = None
        self.fichier = w.FileUpload(
            accept=".csv,.txt,.xlsx", multiple=False, description="Choisir le fichier"
        )
        self.fichier.add_class("atelier-champ-fichier")
        self.nom_table = w.Text(
            description="Table :", placeholder="(nom du fichier)", layout=w.Layout(width="280px")
        )
        self.nom_table.add_class("atelier-champ-table")
        self.bouton = w.Button(description="Importer", icon="upload", button_style="primary")
        self.bouton.on_click(lambda _b: self._importer_televersement())
        self.zone_erreur = ZoneErreur("fichier")
        w.dlink((self.zone_erreur, "message"), (self, "erreur"))
        self.zone_rapport = ZoneResultat()
        self.zone_requeteur = w.VBox()
        self.children = (
            w.HTML(
                "<b>Importer le fichier clients d'une entreprise</b> "
                "<small>(CSV séparé par ; ou , — UTF-8, Windows-1252 ou Latin-1 — ou classeur "
                ".xlsx ; dates jj/mm/aaaa, montants 1 234,56)</small>"
            ),
            w.HBox([self.fichier, self.nom_table, self.bouton]),
            self.zone_erreur,
            self.zone_rapport,
            self.zone_requeteur,
        )

    @property
    def rapport(self) -> RapportImport | None:
        """The last successful import's report (the ``resultat`` trait), ``None`` before."""
        return self.resultat

    def importer(self, chemin: str | Path, *, table: str | None = None) -> RapportImport | None:
        """Importe ``chemin`` dans la base personnelle ; affiche le rapport et le requêteur."""
        try:
            rapport = importer_fichier(
                chemin, base=self.base, table=table or self.nom_table.value.strip() or None
            )
        except ErreurAtelier as err:
            self.zone_erreur.montrer(str(err))
            self.zone_rapport.marquer_perime()
            return None
        self.zone_erreur.effacer()
        self.zone_rapport.montrer(rapport_html(rapport))
        if self.requeteur is None:
            self.requeteur = Requeteur(
                self.base, etudiant=self.etudiant, sql=f"SELECT *\nFROM {rapport.table}\nLIMIT 20"
            )
            self.zone_requeteur.children = (self.requeteur,)
        else:
            self.requeteur.changer_base(self.base)
            self.requeteur.sql = f"SELECT *\nFROM {rapport.table}\nLIMIT 20"
        self.resultat = rapport
        return rapport

    def importer_octets(
        self, nom: str, contenu: bytes, *, table: str | None = None
    ) -> RapportImport | None:
        """Comme :meth:`importer`, pour un fichier reçu en mémoire (téléversement)."""
        dossier = self.base.parent / "fichiers_importes"
        dossier.mkdir(parents=True, exist_ok=True)
        propre = Path(nom).name
        cible = dossier / (nom_sql(Path(propre).stem, "fichier") + Path(propre).suffix.lower())
        cible.write_bytes(bytes(contenu))
        return self.importer(
            cible, table=table or self.nom_table.value.strip() or Path(propre).stem
        )

    def _importer_televersement(self) -> None:
        valeur: Any = self.fichier.value
        if not valeur:
            self.zone_erreur.montrer("Choisissez d'abord un fichier (.csv ou .xlsx).")
            return
        fichier = valeur[0] if isinstance(valeur, (list, tuple)) else next(iter(valeur.values()))
        nom = fichier["name"] if isinstance(fichier, dict) else fichier.name
        contenu = fichier["content"] if isinstance(fichier, dict) else fichier.content
        self.importer_octets(nom, bytes(contenu))
