"""The teacher's live view of a class: heatmap, traps, marks /20 and their export.

Pure aggregation of progress rows (the dicts of ``widgets.donnees.progression``: ``etudiant``,
``exercice``, ``correct``, ``score``, ``piege``…), so that it is tested on a hand-built fixture:

- :func:`carte_de_classe`: per student × exercise a status — « réussi » (one correct attempt),
  « bloqué » (not réussi and at least ``seuil_blocage`` wrong attempts), « en cours » (some
  attempts), « pas commencé » — and per exercise × trap the number of attempts that fell into
  that trap and who (« which convention the group gets wrong »);
- :func:`note_a_poids_egaux`: the mark of a student on a list of exercises, each worth one
  point of a devoir's barème: ``widgets.calculs.bareme.noter`` (the ONE ``note_sur_20``), so the
  cockpit and the devoirs pages give the same mark: points of each exercise = best score
  rounded half-up to 0,01, mark = 20 × Σ points / number of exercises rounded half-up to 0,01;
  an exercise never tried counts 0, a partly right table (score 0.5) brings half of its share;
- :func:`notes_de_classe` and :func:`exporter_notes`: the marks as CSV (``;``, decimal comma,
  UTF-8 with BOM: what Pronote and ENT imports read) or Excel ``.xlsx``, columns
  ``Nom``, ``Prénom``, ``Note /20``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from widgets.calculs.bareme import noter
from widgets.calculs.pieges import PIEGES
from widgets.donnees.exports import classeur_excel, csv_francais
from widgets.erreurs import ErreurAtelier

REUSSI, EN_COURS, BLOQUE, PAS_COMMENCE = "reussi", "en_cours", "bloque", "pas_commence"
LIBELLES_STATUT = {
    REUSSI: "réussi",
    EN_COURS: "en cours",
    BLOQUE: "bloqué",
    PAS_COMMENCE: "pas commencé",
}
SEUIL_BLOCAGE = 3
"""Wrong attempts after which a student who has not succeeded is « bloqué » (the widget shows
the worked solution after 3 wrong attempts too)."""
COLONNES_NOTES = ("Nom", "Prénom", "Note /20")


@dataclass(frozen=True)
class CaseCarte:
    """One student on one exercise."""

    statut: str
    tentatives: int = 0
    erreurs: int = 0
    meilleur_score: Decimal = Decimal(0)

    @property
    def libelle(self) -> str:
        return LIBELLES_STATUT[self.statut]


@dataclass(frozen=True)
class CarteClasse:
    """The class heatmap: ``cases[(eleve, exercice)]`` and ``pieges[exercice][piege]``."""

    eleves: tuple[str, ...]
    exercices: tuple[str, ...]
    cases: dict[tuple[str, str], CaseCarte]
    pieges: dict[str, dict[str, int]]
    eleves_par_piege: dict[tuple[str, str], tuple[str, ...]]
    seuil_blocage: int = SEUIL_BLOCAGE

    def case(self, eleve: str, exercice: str) -> CaseCarte:
        return self.cases[(eleve, exercice)]

    def compte(self, exercice: str, statut: str) -> int:
        """How many students of the class have ``statut`` on ``exercice``."""
        return sum(self.cases[(e, exercice)].statut == statut for e in self.eleves)


def _decimal(score: Any) -> Decimal:
    return Decimal(str(round(float(score), 6))).normalize()


def carte_de_classe(
    tentatives: Iterable[dict],
    exercices: Sequence[str],
    eleves: Sequence[str] | None = None,
    *,
    seuil_blocage: int = SEUIL_BLOCAGE,
) -> CarteClasse:
    """The heatmap of ``eleves`` (default: every student seen, sorted) on ``exercices``.

    Attempts of other students or other exercises are ignored.
    """
    lignes = list(tentatives)
    if eleves is None:
        eleves = sorted({t["etudiant"] for t in lignes})
    retenus, voulus = set(eleves), set(exercices)
    cumul: dict[tuple[str, str], list[int | Decimal]] = {}
    pieges: dict[str, dict[str, int]] = {ex: {} for ex in exercices}
    qui: dict[tuple[str, str], list[str]] = {}
    for t in lignes:
        eleve, exercice = t["etudiant"], t["exercice"]
        if eleve not in retenus or exercice not in voulus:
            continue
        n, faux, ok, meilleur = cumul.get((eleve, exercice), (0, 0, 0, Decimal(0)))
        correct = bool(t["correct"])
        cumul[(eleve, exercice)] = [
            n + 1,
            faux + (not correct),
            ok or correct,
            max(meilleur, _decimal(t["score"])),
        ]
        piege = t.get("piege")
        if piege:
            pieges[exercice][piege] = pieges[exercice].get(piege, 0) + 1
            noms = qui.setdefault((exercice, piege), [])
            if eleve not in noms:
                noms.append(eleve)
    cases = {}
    for eleve in eleves:
        for exercice in exercices:
            n, faux, ok, meilleur = cumul.get((eleve, exercice), (0, 0, False, Decimal(0)))
            if ok:
                statut = REUSSI
            elif faux >= seuil_blocage:
                statut = BLOQUE
            elif n:
                statut = EN_COURS
            else:
                statut = PAS_COMMENCE
            cases[(eleve, exercice)] = CaseCarte(statut, int(n), int(faux), meilleur)
    tries = {
        ex: dict(sorted(p.items(), key=lambda kv: (-kv[1], kv[0]))) for ex, p in pieges.items()
    }
    return CarteClasse(
        tuple(eleves),
        tuple(exercices),
        cases,
        tries,
        {cle: tuple(noms) for cle, noms in qui.items()},
        seuil_blocage,
    )


# ---------------------------------------------------------------------------- columns
_APPEL_EXERCICE = re.compile(r"""\bexercice\(\s*["']([^"']+)["']""")
AUTRES_EXERCICES = "Autres exercices (dans aucun carnet)"


@dataclass(frozen=True)
class GroupeCarnet:
    """The columns of one notebook in the class map: its title and its exercises, in the order
    the notebook shows them."""

    titre: str
    carnet: str  # path relative to the notebooks folder, "" for the leftovers
    exercices: tuple[str, ...]


@lru_cache(maxsize=8)
def _lire_sommaire(chemins: tuple[tuple[str, int], ...], racine: str) -> tuple:
    sortie = []
    for relatif, _mtime in chemins:
        try:
            nb = json.loads((Path(racine) / relatif).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        titre = (nb.get("metadata", {}).get("atelier", {}) or {}).get("titre") or Path(
            relatif
        ).stem.replace("_", " ")
        codes: list[str] = []
        for cellule in nb.get("cells", []):
            if cellule.get("cell_type") != "code":
                continue
            source = "".join(cellule.get("source", ""))
            for code in _APPEL_EXERCICE.findall(source):
                if code not in codes:
                    codes.append(code)
        sortie.append((relatif, str(titre), tuple(codes)))
    return tuple(sortie)


def sommaire_des_carnets(dossier: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """Every notebook under ``dossier`` (sorted by path): (relative path, title from
    ``metadata.atelier.titre``, exercise codes in the order of its ``exercice("…")`` calls).
    Read again only when a notebook changed (path + mtime key)."""
    fichiers = sorted(
        p for p in Path(dossier).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    cle = tuple((p.relative_to(dossier).as_posix(), p.stat().st_mtime_ns) for p in fichiers)
    return list(_lire_sommaire(cle, str(dossier)))


def grouper_par_carnet(
    codes: Sequence[str], unite: str, sommaire: Sequence[tuple[str, str, Sequence[str]]]
) -> list[GroupeCarnet]:
    """The class map's columns grouped by notebook: the unit's notebooks first (folder
    ``unite/``, in file order), then the other notebooks that show one of its exercises; in
    each group the notebook's order. An exercise shown by no notebook goes last, in
    ``codes`` order, under :data:`AUTRES_EXERCICES`."""
    voulus = set(codes)
    ordre = sorted(sommaire, key=lambda c: (not c[0].startswith(unite + "/"), c[0]))
    places: set[str] = set()
    groupes = []
    for relatif, titre, appels in ordre:
        dedans = [c for c in appels if c in voulus and c not in places]
        if dedans:
            places.update(dedans)
            groupes.append(GroupeCarnet(titre, relatif, tuple(dedans)))
    reste = tuple(c for c in codes if c not in places)
    if reste:
        groupes.append(GroupeCarnet(AUTRES_EXERCICES, "", reste))
    return groupes


def _pli(texte: str) -> str:
    """Lower case without accents nor extra spaces: « Équivalent » matches « equivalent »."""
    sans = unicodedata.normalize("NFKD", texte)
    sans = "".join(c for c in sans if not unicodedata.combining(c))
    return " ".join(sans.lower().split())


def choisir_exercices(
    exercices: Sequence[Any], demande: str, groupes: Sequence[GroupeCarnet] = ()
) -> tuple[list[Any], list[str]]:
    """The exercises named by the teacher's filter, in ``exercices`` order, and the words that
    named none. Words are separated by commas or semicolons; each one may be what the map's
    headers show — a full code (``finance/mensualite-1``), a short code (``mensualite-1``), a
    part of a title (« mensualité »), a notebook's title — or a savoir code (``S512``, or
    ``S5`` for every savoir that starts so). Case and accents are ignored."""
    carnet_de = {code: g.titre for g in groupes for code in g.exercices}
    mots = [m.strip() for m in re.split(r"[,;]", demande or "") if m.strip()]
    retenus: set[str] = set()
    inconnus = []
    for mot in mots:
        cle = _pli(mot)
        prefixe = re.fullmatch(r"s\d+", cle) is not None  # « S5 »: every savoir S5…
        trouves = []
        for ex in exercices:
            court = ex.code.split("/", 1)[-1]
            savoirs = [_pli(s) for s in getattr(ex, "savoirs", ())]
            if (
                cle in (_pli(ex.code), _pli(court))
                or any(s == cle or (prefixe and s.startswith(cle)) for s in savoirs)
                or (len(cle) >= 3 and cle in _pli(ex.titre))
                or (len(cle) >= 3 and cle in _pli(carnet_de.get(ex.code, "")))
            ):
                trouves.append(ex.code)
        if trouves:
            retenus.update(trouves)
        else:
            inconnus.append(mot)
    return [ex for ex in exercices if ex.code in retenus], inconnus


def libelle_piege(code: str) -> str:
    """French explanation of a known trap (``widgets.calculs.pieges``), else its code."""
    connu = PIEGES.get(code)
    return connu.explication if connu is not None else code.replace("_", " ")


# ---------------------------------------------------------------------------- marks
def note_a_poids_egaux(
    meilleurs_scores: Iterable[Decimal | float], nombre_exercices: int
) -> Decimal:
    """The mark /20 of a devoir giving one point to each of ``nombre_exercices`` exercises
    (``calculs.bareme.noter``; the exercises not in ``meilleurs_scores`` score 0).

    ``note_a_poids_egaux([1, 0.5], 3)`` = 20 × 1,5 / 3 = 10,00 (the third was not tried).
    """
    scores = [_decimal(s) for s in meilleurs_scores]
    if nombre_exercices <= 0:
        raise ErreurAtelier("Aucun exercice choisi : la note ne peut pas être calculée.")
    scores += [Decimal(0)] * (nombre_exercices - len(scores))
    return noter((str(rang), Decimal(1), s) for rang, s in enumerate(scores)).sur_20


@dataclass(frozen=True)
class LigneNote:
    nom: str
    prenom: str
    note: Decimal


def notes_de_classe(
    tentatives: Iterable[dict], eleves: Iterable[Any], exercices: Sequence[str]
) -> list[LigneNote]:
    """One mark per student of ``eleves`` (objects with ``identifiant``, ``nom``, ``prenom``,
    like ``widgets.donnees.classe.Eleve``), in the class list order."""
    eleves = list(eleves)
    carte = carte_de_classe(tentatives, exercices, [e.identifiant for e in eleves])
    return [
        LigneNote(
            e.nom,
            e.prenom,
            note_a_poids_egaux(
                (carte.case(e.identifiant, ex).meilleur_score for ex in exercices), len(exercices)
            ),
        )
        for e in eleves
    ]


def notes_en_csv(lignes: Iterable[LigneNote]) -> bytes:
    """``Nom;Prénom;Note /20`` then one line per student, decimal comma, UTF-8 with BOM
    (``widgets.donnees.exports``: a name starting with ``=`` is never a formula)."""
    return csv_francais(COLONNES_NOTES, ((ligne.nom, ligne.prenom, ligne.note) for ligne in lignes))


def notes_en_xlsx(lignes: Iterable[LigneNote], titre: str = "Notes") -> bytes:
    """The same table as an Excel workbook (one sheet, marks as numbers shown ``0.00``)."""
    rangees = [(ligne.nom, ligne.prenom, float(ligne.note)) for ligne in lignes]
    return classeur_excel([(titre, COLONNES_NOTES, rangees, {2: "0.00"})])


def exporter_notes(lignes: Iterable[LigneNote], sortie: str | Path) -> Path:
    """Write the marks to ``sortie`` (``.csv`` or ``.xlsx``, by the extension)."""
    sortie = Path(sortie)
    if sortie.suffix.lower() == ".xlsx":
        sortie.write_bytes(notes_en_xlsx(lignes))
    elif sortie.suffix.lower() == ".csv":
        sortie.write_bytes(notes_en_csv(lignes))
    else:
        raise ErreurAtelier(f"« {sortie.name} » : choisissez un fichier .csv ou .xlsx.")
    return sortie
