"""Helpers of the « prise en main » notebook: environment check and a tour of the database.

Everything returns plain text or a pandas DataFrame (the notebook only displays them).
"""

from __future__ import annotations

import importlib.metadata
import platform
import sqlite3
from pathlib import Path

import pandas as pd
from babel.numbers import format_decimal

from widgets.donnees.base import ouvrir_lecture_seule
from widgets.donnees.chemins import DOSSIER_APPS, DOSSIER_CARNETS, base_reference
from widgets.donnees.generation.schema import TABLES
from widgets.erreurs import ErreurAtelier

PAQUETS = ("jupyterlab", "ipywidgets", "voila", "pandas", "matplotlib", "babel")
CONSTRUIRE = (
    "Pour la construire : dans un terminal, à la racine de l'atelier, tapez "
    "« make start » (ou « .venv/bin/atelier construire-base », sous Windows "
    "« .venv\\Scripts\\atelier construire-base »)."
)

SQL_CA_MENSUEL = """SELECT substr(f.date_facture, 1, 7) AS mois,
       c.type_client,
       ROUND(SUM(f.montant_ht), 2) AS ca_ht
FROM factures AS f
JOIN clients AS c ON c.id_client = f.id_client
GROUP BY mois, c.type_client
ORDER BY mois, c.type_client"""


def _version(paquet: str) -> str:
    try:
        return importlib.metadata.version(paquet)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def etat_environnement(base: Path | None = None) -> str:
    """Versions de Python et des paquets utiles, et présence de la base clients."""
    base = Path(base) if base else base_reference()
    lignes = [f"Python {platform.python_version()} ({platform.system()})"]
    lignes += [f"  {p:<11} {_version(p)}" for p in PAQUETS]
    if base.exists():
        taille = base.stat().st_size / 1_048_576
        taille_fr = format_decimal(taille, format="#,##0.0", locale="fr_FR")
        lignes.append(f"Base clients : {base} ({taille_fr} Mo)")
    else:
        lignes.append(f"Base clients ABSENTE : {base}. {CONSTRUIRE}")
    return "\n".join(lignes)


def _connexion(base: Path | None) -> sqlite3.Connection:
    """The base read-only, rows as plain tuples (for pandas)."""
    con = ouvrir_lecture_seule(base or None, champ="base")
    con.row_factory = None
    return con


def organisation() -> str:
    """Les dossiers de l'atelier : unités (carnets) et applications Voilà."""
    unites = sorted(
        p.name for p in DOSSIER_CARNETS.iterdir() if p.is_dir() and not p.name.startswith(".")
    )
    apps = sorted(p.stem for p in DOSSIER_APPS.glob("*.ipynb"))
    return "\n".join(
        ["Unités (dossier notebooks/) :"]
        + [f"  - {u}" for u in unites]
        + ["Applications Voilà (dossier voila_apps/) :"]
        + [f"  - {a}" for a in apps]
    )


def resume_tables() -> str:
    """La liste des tables de la base et ce qu'elles contiennent (indépendant de la taille)."""
    return "\n".join(f"{t.nom:<18} {t.description}" for t in TABLES)


def nombre_de_lignes(base: Path | None = None) -> pd.DataFrame:
    """Nombre de lignes de chaque table."""
    con = _connexion(base)
    try:
        lignes = [
            (t.nom, con.execute(f"SELECT COUNT(*) FROM {t.nom}").fetchone()[0]) for t in TABLES
        ]
    finally:
        con.close()
    return pd.DataFrame(lignes, columns=["table", "lignes"]).set_index("table")


def dictionnaire(table: str | None = None, base: Path | None = None) -> pd.DataFrame:
    """Le dictionnaire des données (toute la base, ou une seule table)."""
    con = _connexion(base)
    try:
        sql = "SELECT table_nom, colonne, type, signification, exemple, cle FROM dictionnaire"
        params: tuple = ()
        if table:
            sql += " WHERE table_nom = ?"
            params = (table,)
        sql += " ORDER BY rowid"
        df = pd.read_sql_query(sql, con, params=params)
    finally:
        con.close()
    if table and df.empty:
        noms = ", ".join(t.nom for t in TABLES)
        raise ErreurAtelier(f"la table « {table} » n'existe pas. Tables : {noms}.", champ="table")
    return df


def apercu(table: str, lignes: int = 5, base: Path | None = None) -> pd.DataFrame:
    """Les premières lignes d'une table."""
    if table not in {t.nom for t in TABLES}:
        noms = ", ".join(t.nom for t in TABLES)
        raise ErreurAtelier(f"la table « {table} » n'existe pas. Tables : {noms}.", champ="table")
    con = _connexion(base)
    try:
        return pd.read_sql_query(f"SELECT * FROM {table} LIMIT ?", con, params=(int(lignes),))
    finally:
        con.close()


def ca_mensuel(base: Path | None = None, milliers: bool = False) -> pd.DataFrame:
    """Chiffre d'affaires HT facturé par mois (lignes) et type de client (colonnes).

    ``milliers=True`` : en milliers d'euros (k€), arrondi à l'unité, pour les graphiques.
    """
    con = _connexion(base)
    try:
        df = pd.read_sql_query(SQL_CA_MENSUEL, con)
    finally:
        con.close()
    tableau = df.pivot(index="mois", columns="type_client", values="ca_ht").fillna(0.0)
    tableau.columns.name = "Type de client"
    return (tableau / 1000).round(0) if milliers else tableau
