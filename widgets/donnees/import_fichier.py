"""Importer le fichier clients d'une entreprise partenaire dans une base SQLite personnelle.

Un étudiant en projet avec une entreprise reçoit souvent un export « à la française » : CSV
séparé par des ``;`` (parfois ``,`` ou tabulation), encodé en UTF-8, Windows-1252 ou Latin-1,
dates ``jj/mm/aaaa``, montants ``1 234,56`` ; ou un classeur Excel (``.xlsx``).
:func:`importer_fichier` le range dans une base à lui (dans
:func:`~widgets.donnees.chemins.dossier_utilisateur`, sous-dossier ``mes_bases``) et renvoie un
:class:`RapportImport` en français : colonnes et types détectés, lignes importées, lignes
rejetées (numéro de ligne du fichier et raison). Le requêteur SQL fonctionne ensuite sur cette
base comme sur la base de référence.

Ce que fait l'import, dans l'ordre :

1. **Encodage** (CSV) : UTF-8 (avec ou sans BOM) s'il est valide, sinon Windows-1252, sinon
   Latin-1 (qui lit tout octet) — ``widgets.donnees.lecture_texte``, le lecteur partagé avec
   la liste de classe.
2. **Séparateur** : celui parmi ``;``, ``,``, tabulation et ``|`` qui découpe la ligne d'en-tête
   et les suivantes de façon régulière (``csv.Sniffer``), ``;`` en cas de doute (même module).
3. **Lecture** : ``sqlite_utils.utils.rows_from_file`` (CSV) ou openpyxl (Excel, première
   feuille ou ``feuille=``).
4. **Noms de colonnes** : en minuscules, sans accents ni espaces (« Raison sociale » →
   ``raison_sociale``), uniques.
5. **Types** : pour chaque colonne, ``date`` si les valeurs sont des dates ``jj/mm/aaaa`` (ou
   ``aaaa-mm-jj``), ``entier``, ``décimal`` si ce sont des montants français
   (lus par :func:`widgets.calculs.montant`), sinon ``texte``. Une colonne est d'un type si au
   moins 80 % de ses valeurs non vides le sont (ou toutes sauf une) ; les lignes dont la
   valeur n'entre pas dans le type sont **rejetées** avec la raison. Les codes (code postal,
   téléphone, SIRET…) et toute colonne dont une valeur commence par un zéro restent du texte
   (``01000`` garde son zéro).
6. **Écriture** : ``sqlite_utils`` ``Table.insert_all`` dans une table nommée d'après le fichier
   (``Clients 2024.csv`` → ``clients_2024``), remplacée si elle existait. Dates en texte ISO
   (``2025-03-14``), comme dans la base de référence.

Les numéros de ligne du rapport sont ceux du fichier (l'en-tête est la ligne 1) ; un champ entre
guillemets sur plusieurs lignes décale les numéros suivants (rare dans un export).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import sqlite_utils
from sqlite_utils.utils import Format, rows_from_file

from widgets.calculs import SaisieInvalide, accorder, date_francaise, montant
from widgets.donnees.chemins import dossier_utilisateur
from widgets.donnees.lecture_texte import (  # noqa: F401  (old import path)
    ENCODAGES,
    SEPARATEURS,
    decoder,
    detecter_encodage,
    detecter_separateur,
)
from widgets.erreurs import ErreurAtelier

__all__ = [
    "ImportImpossible",
    "LigneRejetee",
    "RapportImport",
    "base_personnelle",
    "bases_personnelles",
    "detecter_encodage",
    "detecter_separateur",
    "exemple_fichier_partenaire",
    "importer_fichier",
    "nom_sql",
]

SEUIL_TYPE = 0.8
EXTENSIONS_CSV = {".csv", ".txt", ".tsv"}
EXTENSIONS_EXCEL = {".xlsx", ".xlsm"}

TEXTE, ENTIER, DECIMAL, DATE = "texte", "entier", "décimal", "date"
_TYPES_SQLITE = {TEXTE: str, ENTIER: int, DECIMAL: float, DATE: str}
_NOMS_SEPARATEURS = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre |"}

# Colonnes qui sont des codes même si elles ne contiennent que des chiffres.
_MOTS_CODES = (
    "code",
    "cp",
    "postal",
    "tel",
    "telephone",
    "portable",
    "mobile",
    "fax",
    "siret",
    "siren",
    "naf",
    "ape",
    "iban",
    "rib",
    "insee",
    "compte",
    "reference",
    "ref",
)
_RE_ENTIER = re.compile(r"^\s*[-+]?\d+\s*$")


class ImportImpossible(ErreurAtelier):
    """Le fichier ne peut pas être importé (format inconnu, vide, illisible…)."""


@dataclass(frozen=True)
class LigneRejetee:
    """Une ligne du fichier écartée : son numéro (l'en-tête est la ligne 1) et la raison."""

    ligne: int
    raison: str

    def __str__(self) -> str:
        return f"ligne {self.ligne} : {self.raison}"


@dataclass
class RapportImport:
    """Compte rendu d'un import, lisible par l'étudiant (``str(rapport)``)."""

    fichier: Path
    base: Path
    table: str
    format: str
    encodage: str | None
    separateur: str | None
    colonnes: dict[str, str]
    noms_origine: dict[str, str]
    nb_importees: int
    rejets: list[LigneRejetee] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)

    @property
    def nb_rejetees(self) -> int:
        """Nombre de lignes écartées."""
        return len(self.rejets)

    def lignes_du_rapport(self) -> list[str]:
        """Le rapport, une phrase par ligne."""
        lus = f"Fichier « {self.fichier.name} » ({self.format}"
        if self.encodage:
            lus += f", encodage {_NOM_ENCODAGE.get(self.encodage, self.encodage)}"
        if self.separateur:
            lus += f", séparateur {_NOMS_SEPARATEURS.get(self.separateur, self.separateur)}"
        lus += ")."
        s = "s" if self.nb_importees > 1 else ""
        lignes = [
            lus,
            f"{self.nb_importees} ligne{s} importée{s} dans la table « {self.table} » "
            f"de la base « {self.base.name} ».",
            "Colonnes : "
            + ", ".join(f"{nom} ({type_})" for nom, type_ in self.colonnes.items())
            + ".",
        ]
        renommees = [f"« {o} » → {n}" for n, o in self.noms_origine.items() if o != n]
        if renommees:
            lignes.append("Colonnes renommées pour SQL : " + ", ".join(renommees) + ".")
        if self.rejets:
            lignes.append(accorder(len(self.rejets), "ligne rejetée", "lignes rejetées") + " :")
            lignes.extend(f"  - {r}" for r in self.rejets)
        else:
            lignes.append("Aucune ligne rejetée.")
        lignes.extend(self.avertissements)
        return lignes

    def __str__(self) -> str:
        return "\n".join(self.lignes_du_rapport())


_NOM_ENCODAGE = {"utf-8-sig": "UTF-8", "cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO-8859-1)"}


# ---------------------------------------------------------------------------- emplacements


def base_personnelle(nom: str = "mes_donnees") -> Path:
    """Chemin d'une base personnelle de l'étudiant (``mes_bases/<nom>.db``), dossier créé."""
    dossier = dossier_utilisateur() / "mes_bases"
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier / f"{nom_sql(nom, 'mes_donnees')}.db"


def bases_personnelles() -> list[Path]:
    """Les bases personnelles existantes de l'étudiant, par ordre alphabétique."""
    dossier = dossier_utilisateur() / "mes_bases"
    return sorted(dossier.glob("*.db")) if dossier.is_dir() else []


# ---------------------------------------------------------------------------- détection


def nom_sql(texte: str, defaut: str = "colonne") -> str:
    """Nom utilisable en SQL sans guillemets.

    « Chiffre d'affaires 2024 » → ``chiffre_d_affaires_2024`` ;
    « 2e trimestre » → ``c_2e_trimestre``.
    """
    sans_accents = (
        unicodedata.normalize("NFKD", str(texte)).encode("ascii", "ignore").decode("ascii")
    )
    nom = re.sub(r"[^a-z0-9]+", "_", sans_accents.lower()).strip("_")
    if not nom:
        nom = defaut
    if nom[0].isdigit():
        nom = f"c_{nom}"
    return nom


def _est_code(nom: str) -> bool:
    morceaux = nom.split("_")
    return any(m in _MOTS_CODES or m.startswith(("tel", "siret", "siren")) for m in morceaux)


def _lire_date(valeur: object) -> str | None:
    """ISO text of a French or ISO date (``widgets.calculs.date_francaise``), else ``None``."""
    if not isinstance(valeur, (str, date)):
        return None
    try:
        return date_francaise(valeur).isoformat()
    except SaisieInvalide:
        return None


def _lire_entier(valeur: object) -> int | None:
    if isinstance(valeur, bool):
        return None
    if isinstance(valeur, int):
        return valeur
    if isinstance(valeur, float) and valeur.is_integer():
        return int(valeur)
    if isinstance(valeur, str) and _RE_ENTIER.match(valeur):
        return int(valeur.strip())
    return None


def _lire_decimal(valeur: object, champ: str) -> float | None:
    if isinstance(valeur, bool):
        return None
    if isinstance(valeur, (int, float)):
        return float(valeur)
    try:
        lu: Decimal = montant(valeur, champ=champ, positif=False)
    except SaisieInvalide:
        return None
    return float(lu)


def _vide(valeur: object) -> bool:
    return valeur is None or (isinstance(valeur, str) and not valeur.strip())


def _type_colonne(nom: str, valeurs: list[object]) -> str:
    """Type d'une colonne d'après ses valeurs non vides.

    Au moins 80 % des valeurs doivent convenir (ou toutes sauf une, s'il y en a au moins deux
    bonnes) : les autres lignes seront rejetées.
    """
    non_vides = [v for v in valeurs if not _vide(v)]
    if not non_vides:
        return TEXTE

    def convient(reussites: int) -> bool:
        echecs = len(non_vides) - reussites
        return echecs <= (1 - SEUIL_TYPE) * len(non_vides) or (echecs == 1 and reussites >= 2)

    dates = sum(_lire_date(v) is not None for v in non_vides)
    if convient(dates):
        return DATE
    if _est_code(nom):
        return TEXTE
    if any(isinstance(v, str) and re.match(r"^\s*0\d", v) for v in non_vides):
        return TEXTE  # codes à zéro initial (postaux, téléphones…) : on garde le texte
    entiers = sum(_lire_entier(v) is not None for v in non_vides)
    if convient(entiers) and entiers == sum(_lire_decimal(v, nom) is not None for v in non_vides):
        return ENTIER
    decimaux = sum(_lire_decimal(v, nom) is not None for v in non_vides)
    if convient(decimaux):
        return DECIMAL
    return TEXTE


def _convertir(valeur: object, type_: str, nom: str) -> tuple[object, str | None]:
    """Valeur convertie pour SQLite, ou (None, raison du rejet)."""
    if _vide(valeur):
        return None, None
    if type_ == DATE:
        lu = _lire_date(valeur)
        if lu is None:
            return None, f"colonne {nom} : « {valeur} » n'est pas une date (jj/mm/aaaa)"
        return lu, None
    if type_ == ENTIER:
        lu_e = _lire_entier(valeur)
        if lu_e is None:
            return None, f"colonne {nom} : « {valeur} » n'est pas un nombre entier"
        return lu_e, None
    if type_ == DECIMAL:
        lu_d = _lire_decimal(valeur, nom)
        if lu_d is None:
            return None, f"colonne {nom} : « {valeur} » n'est pas un nombre (ex. 1 234,56)"
        return lu_d, None
    if isinstance(valeur, datetime):
        return valeur.date().isoformat(), None
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur)), None
    return str(valeur).strip(), None


# ---------------------------------------------------------------------------- lecture


@dataclass
class _Lecture:
    entetes: list[str]
    lignes: list[tuple[int, list[object]]]  # (numéro de ligne du fichier, valeurs)
    rejets: list[LigneRejetee]
    format: str
    encodage: str | None = None
    separateur: str | None = None


def _lire_csv(chemin: Path) -> _Lecture:
    octets = chemin.read_bytes()
    if not octets.strip():
        raise ImportImpossible(f"Le fichier « {chemin.name} » est vide.")
    texte, encodage = decoder(octets)
    separateur = detecter_separateur(texte)

    class Dialecte(csv.excel):
        delimiter = separateur

    rows, _ = rows_from_file(
        io.BytesIO(octets),
        format=Format.CSV,
        dialect=Dialecte,
        encoding=encodage,
        extras_key="__en_trop__",
    )
    premiere = next(csv.reader(io.StringIO(texte), dialect=Dialecte), [])
    entetes = [e.strip() for e in premiere]
    if not any(entetes):
        raise ImportImpossible(
            f"La première ligne de « {chemin.name} » doit donner les noms des colonnes."
        )
    lignes: list[tuple[int, list[object]]] = []
    rejets: list[LigneRejetee] = []
    for numero, row in enumerate(rows, start=2):
        en_trop = row.pop("__en_trop__", None)
        valeurs = list(row.values())
        if en_trop:
            n = len(entetes) + len(en_trop)
            rejets.append(LigneRejetee(numero, f"{n} champs au lieu de {len(entetes)}"))
            continue
        manquants = sum(v is None for v in valeurs)
        if manquants and not all(_vide(v) for v in valeurs):
            n = len(entetes) - manquants
            rejets.append(LigneRejetee(numero, f"{n} champs au lieu de {len(entetes)}"))
            continue
        lignes.append((numero, valeurs))
    return _Lecture(entetes, lignes, rejets, "CSV", encodage, separateur)


def _lire_excel(chemin: Path, feuille: str | None) -> _Lecture:
    import openpyxl

    try:
        classeur = openpyxl.load_workbook(chemin, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl lève des erreurs variées sur un fichier abîmé
        raise ImportImpossible(f"Le classeur « {chemin.name} » est illisible ({exc}).") from exc
    try:
        if feuille is not None and feuille not in classeur.sheetnames:
            raise ImportImpossible(
                f"Pas de feuille « {feuille} » ; feuilles : {', '.join(classeur.sheetnames)}."
            )
        ws = classeur[feuille] if feuille is not None else classeur.worksheets[0]
        it: Iterator[tuple] = ws.iter_rows(values_only=True)
        premiere = next(it, None)
        if premiere is None or all(_vide(v) for v in premiere):
            raise ImportImpossible(
                f"La première ligne de « {chemin.name} » doit donner les noms des colonnes."
            )
        entetes = ["" if v is None else str(v).strip() for v in premiere]
        while entetes and not entetes[-1]:
            entetes.pop()
        lignes: list[tuple[int, list[object]]] = []
        rejets: list[LigneRejetee] = []
        for numero, row in enumerate(it, start=2):
            valeurs = list(row)
            surplus = [v for v in valeurs[len(entetes) :] if not _vide(v)]
            if surplus:
                n = len(entetes) + len(surplus)
                rejets.append(LigneRejetee(numero, f"{n} champs au lieu de {len(entetes)}"))
                continue
            valeurs = (valeurs + [None] * len(entetes))[: len(entetes)]
            lignes.append((numero, valeurs))
    finally:
        classeur.close()
    return _Lecture(entetes, lignes, rejets, "Excel")


def _noms_uniques(entetes: Iterable[str]) -> list[str]:
    vus: dict[str, int] = {}
    noms = []
    for i, entete in enumerate(entetes, start=1):
        nom = nom_sql(entete, f"colonne_{i}")
        if nom in vus:
            vus[nom] += 1
            nom = f"{nom}_{vus[nom]}"
        vus.setdefault(nom, 1)
        noms.append(nom)
    return noms


# ---------------------------------------------------------------------------- import


def importer_fichier(
    chemin: str | Path,
    *,
    base: str | Path | None = None,
    table: str | None = None,
    feuille: str | None = None,
) -> RapportImport:
    """Importe un fichier CSV ou Excel dans une base SQLite personnelle et renvoie le rapport.

    ``base`` : fichier SQLite à remplir (par défaut :func:`base_personnelle` ``mes_donnees.db``) ;
    ``table`` : nom de la table (par défaut tiré du nom du fichier), remplacée si elle existe ;
    ``feuille`` : feuille du classeur Excel (par défaut la première).
    Lève :class:`ImportImpossible` si le fichier est introuvable, vide ou d'un format inconnu.
    """
    chemin = Path(chemin)
    if not chemin.is_file():
        raise ImportImpossible(f"Fichier introuvable : « {chemin} ».")
    extension = chemin.suffix.lower()
    if extension in EXTENSIONS_CSV:
        lecture = _lire_csv(chemin)
    elif extension in EXTENSIONS_EXCEL:
        lecture = _lire_excel(chemin, feuille)
    elif extension == ".xls":
        raise ImportImpossible(
            "Les anciens classeurs .xls ne sont pas lus : dans Excel ou LibreOffice, "
            "« Enregistrer sous » au format .xlsx ou CSV (séparateur point-virgule)."
        )
    else:
        raise ImportImpossible(
            f"Format « {extension or 'sans extension'} » inconnu : importez un fichier .csv "
            "ou .xlsx."
        )

    noms = _noms_uniques(lecture.entetes)
    noms_origine = dict(zip(noms, lecture.entetes, strict=True))
    lignes = [(n, v) for n, v in lecture.lignes if not all(_vide(x) for x in v)]
    types = {nom: _type_colonne(nom, [v[i] for _, v in lignes]) for i, nom in enumerate(noms)}

    rejets = list(lecture.rejets)
    a_inserer: list[dict[str, object]] = []
    for numero, valeurs in lignes:
        ligne: dict[str, object] = {}
        raison = None
        for nom, valeur in zip(noms, valeurs, strict=True):
            ligne[nom], raison = _convertir(valeur, types[nom], nom)
            if raison:
                break
        if raison:
            rejets.append(LigneRejetee(numero, raison))
        else:
            a_inserer.append(ligne)
    rejets.sort(key=lambda r: r.ligne)

    nom_table = nom_sql(table or chemin.stem, "donnees")
    chemin_base = Path(base) if base is not None else base_personnelle()
    chemin_base.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(chemin_base)
    try:
        with db.conn:
            if db[nom_table].exists():
                db[nom_table].drop()
            db[nom_table].create({nom: _TYPES_SQLITE[t] for nom, t in types.items()})
            db[nom_table].insert_all(a_inserer, batch_size=500)
    finally:
        db.close()

    avertissements = []
    if not a_inserer:
        avertissements.append("Attention : aucune ligne n'a pu être importée.")
    return RapportImport(
        fichier=chemin,
        base=chemin_base,
        table=nom_table,
        format=lecture.format,
        encodage=lecture.encodage,
        separateur=lecture.separateur,
        colonnes=types,
        noms_origine=noms_origine,
        nb_importees=len(a_inserer),
        rejets=rejets,
        avertissements=avertissements,
    )


# ---------------------------------------------------------------------------- exemple

_EXEMPLE = (
    "Raison sociale;Contact;Code postal;Ville;Téléphone;CA 2024;Dernière commande;Remise %\r\n"
    "Boutique du Trocadéro;Mme LEROY;75016;Paris;01 45 53 00 11;12 450,80;12/11/2025;5\r\n"
    "Hôtel Belle Étoile;M. Nguyen;75007;Paris;01 47 05 22 33;8 300,00;03/10/2025;3,5\r\n"
    "CSE Aéroports Réunis;Mme Garnier;95700;Roissy-en-France;01 48 62 10 10;21 980,45;"
    "28/11/2025;7\r\n"
    "Épicerie fine Noël;M. Roux;69002;Lyon;04 78 37 12 12;n.c.;15/09/2025;0\r\n"
    "Camping Les Pins;M. Bernard;33260;La Teste-de-Buch;05 56 22 01 01;4 150,00;31/06/2025;2\r\n"
    "Maison Durand & fils;Mme Durand;13001;Marseille;04 91 90 12 34;15 600,00;02/12/2025;5;"
    "à rappeler\r\n"
    "Spa des Alpes;Mme Perrin;74400;Chamonix-Mont-Blanc;04 50 53 00 00;6 725,30;"
    "18/10/2025;3\r\n"
)


def exemple_fichier_partenaire() -> Path:
    """Écrit (et renvoie) un petit fichier clients d'exemple « à la française » : CSV
    Windows-1252 séparé par des ``;``, dates jj/mm/aaaa, montants 1 234,56, avec trois lignes
    défectueuses (un CA « n.c. », une date impossible, un champ en trop)."""
    dossier = dossier_utilisateur() / "exemples"
    dossier.mkdir(parents=True, exist_ok=True)
    chemin = dossier / "clients_partenaire.csv"
    chemin.write_bytes(_EXEMPLE.encode("cp1252"))
    return chemin
