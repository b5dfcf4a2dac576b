"""Reading a Moodle gradebook export (CSV) into the cockpit's marks table (issue 25).

Moodle writes its « Carnet de notes » export with a comma or a semicolon, in UTF-8 (often with a
BOM), the marks with a decimal comma in a French site, ``-`` for no mark, and columns
``Prénom``, ``Nom``, ``Adresse de courriel`` (``First name``, ``Surname``/``Last name``,
``Email address`` on an English site), then one column per graded item, e.g.
``Test:Mensualité d'un emprunt (Réel)`` / ``Quiz: … (Real)``, and a course total.

The file is untrusted: its size is capped (:data:`TAILLE_MAXI`), its lines too
(:data:`LIGNES_MAXI`), every refusal is a French :class:`~widgets.erreurs.ErreurAtelier`, and
the table it gives is written back only through :mod:`widgets.donnees.exports` (a cell starting
with ``=``, ``+``, ``-`` or ``@`` never becomes a formula).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from widgets.donnees.exports import classeur_excel, csv_francais
from widgets.donnees.lecture_texte import decoder, detecter_separateur
from widgets.erreurs import ErreurAtelier

TAILLE_MAXI = 5_000_000
LIGNES_MAXI = 5000
COLONNES_IDENTITE = {
    "prenom": ("prénom", "prenom", "first name", "firstname"),
    "nom": ("nom", "nom de famille", "surname", "last name", "lastname"),
    "courriel": ("adresse de courriel", "adresse électronique", "email address", "email"),
}
_NOTE = re.compile(r"^(?:test|quiz|devoir|assignment)\s*:\s*(.*?)\s*\((?:réel|real)\)\s*$", re.I)
_TOTAL = re.compile(r"^(?:total du cours|course total)\b", re.I)


@dataclass(frozen=True)
class NotesMoodle:
    """The marks read: test names (columns) and one row per student."""

    tests: tuple[str, ...]
    lignes: tuple[tuple[str, str, str, tuple[Decimal | None, ...]], ...]  # nom, prénom, courriel

    @property
    def colonnes(self) -> list[str]:
        return ["Nom", "Prénom", "Adresse de courriel", *self.tests]

    def rangees(self) -> list[list]:
        return [[nom, prenom, courriel, *notes] for nom, prenom, courriel, notes in self.lignes]


def _note(texte: str, ligne: int, colonne: str) -> Decimal | None:
    t = texte.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if t in ("", "-", "–"):
        return None
    t = t.replace(",", ".")
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise ErreurAtelier(
            f"Ligne {ligne}, colonne « {colonne} » : « {texte.strip()[:30]} » n'est pas une note "
            "(un nombre comme 14,5, ou « - » sans note)."
        ) from None
    if not d.is_finite() or not Decimal(0) <= d <= Decimal(1000):
        raise ErreurAtelier(f"Ligne {ligne}, colonne « {colonne} » : note hors limites.")
    return d


def lire_notes_moodle(chemin: str | Path) -> NotesMoodle:
    """Read a Moodle gradebook CSV export (see the module docstring)."""
    chemin = Path(chemin)
    try:
        if chemin.stat().st_size > TAILLE_MAXI:
            raise ErreurAtelier(
                f"{chemin.name} : le fichier dépasse {TAILLE_MAXI // 1_000_000} Mo : ce n'est "
                "pas un export de carnet de notes d'une classe."
            )
        octets = chemin.read_bytes()
    except FileNotFoundError:
        raise ErreurAtelier(f"Le fichier « {chemin} » n'existe pas.") from None
    except OSError:
        raise ErreurAtelier(f"{chemin.name} : le fichier ne peut pas être lu.") from None
    texte, _ = decoder(octets)
    texte = texte.lstrip("\ufeff")
    if "\x00" in texte:
        raise ErreurAtelier(f"{chemin.name} : ce n'est pas un fichier texte (CSV).")
    lecteur = csv.reader(io.StringIO(texte), delimiter=detecter_separateur(texte))
    try:
        entete = [c.strip() for c in next(lecteur)]
    except StopIteration:
        raise ErreurAtelier(f"{chemin.name} : le fichier est vide.") from None
    except csv.Error as err:
        raise ErreurAtelier(f"{chemin.name}, ligne 1 : CSV illisible ({err}).") from None
    bas = [c.casefold() for c in entete]
    index = {}
    for cle, noms in COLONNES_IDENTITE.items():
        index[cle] = next((i for i, c in enumerate(bas) if c in noms), None)
    if index["nom"] is None or index["prenom"] is None:
        raise ErreurAtelier(
            f"{chemin.name}, ligne 1 : colonnes « Prénom » et « Nom » introuvables : est-ce bien "
            "l'export CSV du carnet de notes de Moodle ?"
        )
    tests = [(i, m.group(1)) for i, c in enumerate(entete) if (m := _NOTE.match(c))]
    tests += [(i, c) for i, c in enumerate(entete) if _TOTAL.match(c)]
    if not tests:
        raise ErreurAtelier(
            f"{chemin.name}, ligne 1 : aucune colonne de note (« Test:… (Réel) » ou "
            "« Quiz:… (Real) »)."
        )
    lignes = []
    try:
        for numero, rangee in enumerate(lecteur, start=2):
            if numero > LIGNES_MAXI + 1:
                raise ErreurAtelier(f"{chemin.name} : plus de {LIGNES_MAXI} lignes.")
            if not any(c.strip() for c in rangee):
                continue
            rangee = rangee + [""] * (len(entete) - len(rangee))

            def cellule(i: int | None, rangee: list[str] = rangee) -> str:
                return rangee[i].strip()[:200] if i is not None else ""

            notes = tuple(_note(rangee[i], numero, nom) for i, nom in tests)
            lignes.append(
                (cellule(index["nom"]), cellule(index["prenom"]), cellule(index["courriel"]), notes)
            )
    except csv.Error as err:
        raise ErreurAtelier(f"{chemin.name} : CSV illisible ({err}).") from None
    return NotesMoodle(tuple(nom for _, nom in tests), tuple(lignes))


def notes_en_csv(notes: NotesMoodle) -> bytes:
    """The marks table as the atelier's CSV (``;``, decimal comma, BOM, formulas neutralised)."""
    return csv_francais(notes.colonnes, notes.rangees())


def ecrire_notes(notes: NotesMoodle, sortie: str | Path) -> Path:
    """Write the marks table to ``sortie`` (``.csv`` or ``.xlsx``), through the exports."""
    sortie = Path(sortie)
    if sortie.suffix.lower() == ".csv":
        sortie.write_bytes(notes_en_csv(notes))
    elif sortie.suffix.lower() == ".xlsx":
        rangees = [
            [*r[:3], *(float(n) if n is not None else None for n in r[3:])] for r in notes.rangees()
        ]
        sortie.write_bytes(classeur_excel([("Notes Moodle", notes.colonnes, rangees, {})]))
    else:
        raise ErreurAtelier(f"« {sortie.name} » : choisissez un fichier .csv ou .xlsx.")
    return sortie


FICHIER_CLASSE = "notes_moodle.json"
"""The Moodle marks last imported, in the class folder: the cockpit shows them next to its own
marks /20 (``widgets.tableaux_de_bord.enseignant``)."""


def enregistrer_dans_la_classe(notes: NotesMoodle, dossier: str | Path) -> Path:
    """Keep ``notes`` in the class folder (JSON, marks as text: exact decimals)."""
    import json

    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    donnees = {
        "tests": list(notes.tests),
        "lignes": [
            [nom, prenom, courriel, [None if n is None else str(n) for n in valeurs]]
            for nom, prenom, courriel, valeurs in notes.lignes
        ],
    }
    chemin = dossier / FICHIER_CLASSE
    temporaire = chemin.with_suffix(".tmp")
    temporaire.write_text(json.dumps(donnees, ensure_ascii=False), encoding="utf-8")
    temporaire.replace(chemin)
    return chemin


def lire_de_la_classe(dossier: str | Path) -> NotesMoodle | None:
    """The Moodle marks kept in the class folder (None when none, or when the file is
    damaged: the cockpit then simply shows none)."""
    import json

    chemin = Path(dossier) / FICHIER_CLASSE
    try:
        if chemin.stat().st_size > TAILLE_MAXI:
            return None
        brut = json.loads(chemin.read_text(encoding="utf-8"))
        tests = tuple(str(t)[:200] for t in brut["tests"])
        lignes = tuple(
            (
                str(nom)[:200],
                str(prenom)[:200],
                str(courriel)[:200],
                tuple(None if n is None else Decimal(str(n)) for n in valeurs),
            )
            for nom, prenom, courriel, valeurs in brut["lignes"][:LIGNES_MAXI]
        )
    except (OSError, ValueError, KeyError, TypeError, InvalidOperation):
        return None
    if any(len(v) != len(tests) for *_, v in lignes):
        return None
    return NotesMoodle(tests, lignes)
