"""Build the reference client database (deterministic for a given seed).

>>> rapport = construire_base(Path("datasets/clients.db"), clients=2000, graine=2026)
>>> print(rapport)          # résumé en français : tables, lignes, taille, durée
>>> empreinte(Path("datasets/clients.db"))   # hash of the rows, equal for equal builds
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from babel.numbers import format_decimal

from widgets.donnees.generation.dictionnaire import lignes_dictionnaire
from widgets.donnees.generation.ecriture import (
    SEUIL_PROCESSUS,
    SEUIL_SANS_CHECK,
    SEUIL_VECTORISE,
    Ecriture,
    EcritureDirecte,
    EcritureParallele,
    ouvrir_en_ecriture,
)
from widgets.donnees.generation.generateur import DEBUT, FIN, TABLES_PAR_NOM, Generateur
from widgets.donnees.generation.schema import TABLES
from widgets.erreurs import ErreurAtelier

__all__ = [
    "DATE_REFERENCE",
    "RapportConstruction",
    "TABLES",
    "cles_etrangeres_invalides",
    "construire_base",
    "empreinte",
]

DATE_REFERENCE = FIN.isoformat()  # « aujourd'hui » des exercices : '2025-12-31'


def _nombre(x: float, motif: str = "#,##0") -> str:
    return format_decimal(x, format=motif, locale="fr_FR")


@dataclass
class RapportConstruction:
    """What a build produced; ``str()`` gives a French summary."""

    chemin: Path
    clients: int
    graine: int
    lignes: dict[str, int] = field(default_factory=dict)
    taille_octets: int = 0
    duree_s: float = 0.0
    vectorise: bool = False

    @property
    def total_lignes(self) -> int:
        return sum(self.lignes.values())

    def __str__(self) -> str:
        largeur = max(len(t) for t in self.lignes)
        texte = [
            f"Base clients construite : {self.chemin}",
            f"  {_nombre(self.clients)} clients, graine {self.graine}, "
            f"données du {DEBUT:%d/%m/%Y} au {FIN:%d/%m/%Y}",
        ]
        if self.vectorise:
            texte.append("  commandes, lignes, factures et règlements tirés en bloc (numpy)")
        texte += [
            f"  {t.ljust(largeur)} {_nombre(n).rjust(12)} lignes" for t, n in self.lignes.items()
        ]
        texte.append(
            f"  Total : {_nombre(self.total_lignes)} lignes, "
            f"{_nombre(self.taille_octets / 1_048_576, '#,##0.0')} Mo, "
            f"en {_nombre(self.duree_s, '#,##0.0')} s"
        )
        return "\n".join(texte)


def construire_base(
    chemin: Path,
    clients: int = 2000,
    graine: int = 2026,
    processus_ecriture: bool | None = None,
    vectorise: bool | None = None,
) -> RapportConstruction:
    """Construire la base SQLite des clients dans ``chemin`` (fichier remplacé s'il existe).

    La base est d'abord écrite dans un fichier temporaire à côté, puis mise à la place de
    l'ancienne : une construction interrompue ne laisse jamais une base à moitié remplie.
    Même graine et même taille donnent exactement les mêmes données.

    ``processus_ecriture`` : écrire les lignes depuis un second processus (par défaut à partir
    de ``SEUIL_PROCESSUS`` clients) ; les données sont les mêmes dans les deux cas.

    ``vectorise`` : tirer les commandes, lignes, factures et règlements en bloc avec numpy (par
    défaut à partir de ``SEUIL_VECTORISE`` clients) : mêmes lois, mêmes contrôles, mais un autre
    flux aléatoire, donc d'autres lignes que le chemin par défaut. Les bases de 300 et de
    2 000 clients ne le prennent jamais par défaut (leurs données sont figées par des empreintes).
    """
    debut = time.perf_counter()
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    temporaire = chemin.with_name(f".{chemin.name}.{os.getpid()}.en-construction")
    temporaire.unlink(missing_ok=True)
    con = ouvrir_en_ecriture(temporaire)
    try:
        for table in TABLES:
            con.execute(table.ddl())
        con.commit()
        if processus_ecriture is None:
            processus_ecriture = clients >= SEUIL_PROCESSUS
        if processus_ecriture:
            ecriture: Ecriture = EcritureParallele(
                temporaire, verifier_check=clients < SEUIL_SANS_CHECK
            )
        else:
            ecriture = EcritureDirecte(con)
        if vectorise is None:
            vectorise = clients >= SEUIL_VECTORISE
        Generateur(ecriture, clients, graine, vectorise=vectorise).remplir()
        ecriture.terminer()  # every generated table is written and indexed
        con.executemany(
            "INSERT INTO dictionnaire VALUES (?, ?, ?, ?, ?, ?)", lignes_dictionnaire(con)
        )
        for ddl in TABLES_PAR_NOM["dictionnaire"].ddl_index():
            con.execute(ddl)
        con.commit()
        defauts_fk = cles_etrangeres_invalides(con)
        if defauts_fk:
            raise RuntimeError(f"clés étrangères invalides : {defauts_fk[:5]}")
        # Exact statistics: a sampled ANALYZE (PRAGMA analysis_limit) saves ≈ 2 s at 100,000
        # clients but leads the planner to a plan that takes the monthly sales by range over
        # the 2 s limit of the SQL engine (exercise sql-ventes-gamme-mois): not worth it.
        con.execute("ANALYZE")
        con.commit()
        lignes = {t.nom: con.execute(f"SELECT COUNT(*) FROM {t.nom}").fetchone()[0] for t in TABLES}
        con.close()
        try:
            os.replace(temporaire, chemin)
        except PermissionError as exc:  # Windows : la base est ouverte ailleurs
            raise ErreurAtelier(
                f"impossible de remplacer {chemin} : le fichier est ouvert par un autre "
                "programme (un carnet, le requêteur ?). Fermez-le puis recommencez.",
                champ="base",
            ) from exc
    except BaseException:
        con.close()
        temporaire.unlink(missing_ok=True)
        raise
    return RapportConstruction(
        chemin=chemin,
        clients=clients,
        graine=graine,
        lignes=lignes,
        taille_octets=chemin.stat().st_size,
        duree_s=time.perf_counter() - debut,
        vectorise=vectorise,
    )


LIGNES_VERIFIEES_UNE_A_UNE = 100_000
"""Below this many rows a table's keys are checked row by row (``PRAGMA foreign_key_check``)."""


def cles_etrangeres_invalides(con: sqlite3.Connection) -> list[tuple]:
    """The invalid foreign keys of the generated tables (empty list: all valid).

    ``PRAGMA foreign_key_check`` looks every row's parent up: 9 s of CPU at 100,000 clients,
    after everything else, on the build's critical path. The generated parents are numbered
    1…N without a gap (INTEGER PRIMARY KEY), so on a large table whose key columns are
    indexed, a key is valid when the smallest one is ≥ 1 and the largest ≤ N: two index look-ups
    per column (< 1 s in all). Anything else (text keys, gaps in the parent, no index, a
    non-integer extreme) is checked row by row. A fractional id strictly inside 1…N would slip
    through; the generator only ever writes Python or numpy integers as ids.
    """
    defauts: list[tuple] = []
    bornes: dict[tuple[str, str], int | None] = {}

    def borne(parent: str, colonne: str) -> int | None:
        """N when ``parent.colonne`` is its INTEGER PRIMARY KEY holding exactly 1…N."""
        if (parent, colonne) not in bornes:
            pk = [r for r in con.execute(f"PRAGMA table_info({parent})") if r[5]]
            n = None
            if len(pk) == 1 and pk[0][1] == colonne and pk[0][2].upper() == "INTEGER":
                nb, mini, maxi = con.execute(
                    f"SELECT COUNT(*), MIN(rowid), MAX(rowid) FROM {parent}"
                ).fetchone()
                n = maxi if nb and mini == 1 and maxi == nb else None
            bornes[(parent, colonne)] = n
        return bornes[(parent, colonne)]

    for table in (t.nom for t in TABLES):
        cles = con.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        if not cles:
            continue
        (lignes,) = con.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()
        indexees = {
            con.execute(f"PRAGMA index_info({i[1]})").fetchone()[2]
            for i in con.execute(f"PRAGMA index_list({table})")
        }
        maximums = [borne(c[2], c[4]) for c in cles]
        rapide = (lignes or 0) >= LIGNES_VERIFIEES_UNE_A_UNE and all(
            n is not None and c[3] in indexees for c, n in zip(cles, maximums, strict=True)
        )
        for c, n in zip(cles, maximums, strict=True) if rapide else ():
            (mini,) = con.execute(f"SELECT MIN({c[3]}) FROM {table}").fetchone()
            (maxi,) = con.execute(f"SELECT MAX({c[3]}) FROM {table}").fetchone()
            if mini is not None and not (
                type(mini) is int and type(maxi) is int and 1 <= mini and maxi <= n
            ):
                rapide = False
                break
        if not rapide:
            defauts += con.execute(f"PRAGMA foreign_key_check({table})").fetchall()
    return defauts


def empreinte(chemin: Path) -> str:
    """SHA-256 of every row of every table (tables by name, rows sorted): equal for equal data."""
    h = hashlib.sha256()
    from widgets.donnees.base import ouvrir_lecture_seule  # local: keeps the generator import light

    con = ouvrir_lecture_seule(chemin)
    con.row_factory = None
    try:
        for table in sorted(t.nom for t in TABLES):
            n = len(con.execute(f"PRAGMA table_info({table})").fetchall())
            ordre = ", ".join(str(i) for i in range(1, n + 1))
            h.update(f"#{table}\n".encode())
            for ligne in con.execute(f"SELECT * FROM {table} ORDER BY {ordre}"):
                h.update(repr(ligne).encode())
                h.update(b"\n")
    finally:
        con.close()
    return h.hexdigest()
