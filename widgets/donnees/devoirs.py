"""Devoirs (homework and exams) and the teacher's grid marks, stored as JSON in the class folder.

A :class:`Devoir` is a title, a list of items ``(code, points)`` — an exercise code of the
catalogue (``relation_client/net-a-payer-1``) or an open work marked with a grid
(``grille:plan-de-vente``, ``grille:plan-action``, ``grille:a-vous``) —, an optional time window
(``debut``, ``fin``: timezone-aware datetimes, Europe/Paris by default), a mode
(``entrainement`` or ``examen``) and the seed of its variants (``graine``).

Where: ``<dossier_classe()>/devoirs/<identifiant>.json`` and
``<dossier_classe()>/grilles/<identifiant du devoir>.json``, where
``widgets.donnees.chemins.dossier_classe()`` is the class folder of the cockpit (class list,
codes, progress). A write creates the missing folders, a read never does. On the
Voilà server the teacher pages and the students' kernels run as the same user, so they read the
same folder. Files are written atomically (``widgets.donnees.plans.ecrire_atomique``).

Exam mode (:func:`regles_exercice`, pure): while an exam devoir containing an exercise is in
progress (``debut <= maintenant < fin``), the exercise widget shows no hint, never the solution,
and only "Réponse enregistrée" as feedback; a widget opened during the exam refuses answers once
``fin`` is reached. The widget asks :func:`regles_du_moment` (this folder, now) at each action,
so the decision is taken in the kernel, never in the browser.

The exercise codes are checked against the catalogue by ``widgets.exercices.devoirs``
(this data layer does not import the exercise engine).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from widgets.calculs.bareme import points_positifs
from widgets.calculs.grille import GRILLES_EVALUATION, evaluer, grille_par_code
from widgets.donnees.chemins import DOSSIER_CARNETS, dossier_classe
from widgets.donnees.plans import ecrire_atomique, nom_de_fichier
from widgets.erreurs import ErreurAtelier

PARIS = ZoneInfo("Europe/Paris")
MODES = ("entrainement", "examen")
LIBELLES_MODES = {"entrainement": "entraînement", "examen": "examen"}
PREFIXE_GRILLE = "grille:"
VERSION_FORMAT = 1


def dossier_devoirs() -> Path:
    """``<dossier_classe()>/devoirs``, not created here: only a write creates it
    (``ecrire_atomique`` makes the missing folders), a reader never does."""
    return dossier_classe() / "devoirs"


def dossier_grilles() -> Path:
    """``<dossier_classe()>/grilles`` (the teacher's filled grids), created by a write only."""
    return dossier_classe() / "grilles"


def heure_de_paris(texte: str | datetime, champ: str = "date") -> datetime:
    """An aware datetime from ISO text or a datetime; a naive one is taken as Paris time.

    ``"2026-12-01T10:00"`` → 10:00 in Paris (UTC+1 in winter); ``"2026-12-01T09:00+00:00"`` is
    the same instant. French error for an unreadable date.
    """
    if isinstance(texte, datetime):
        moment = texte
    else:
        try:
            moment = datetime.fromisoformat(str(texte).strip().replace(" ", "T", 1))
        except ValueError:
            raise ErreurAtelier(
                f"« {texte} » n'est pas une date et une heure (exemple : 2026-12-01T10:00).",
                champ=champ,
            ) from None
    return moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment


def _graine_derivee(identifiant: Any) -> int:
    """The seed of the releases before the secret seed (derived from the identifier): a
    devoir file written without a seed keeps the variants it always had."""
    ident = nom_de_fichier(str(identifiant or "devoir"))
    return 1 + int.from_bytes(hashlib.sha256(ident.encode("utf-8")).digest()[:3], "big")


def graine_du_devoir(identifiant: str) -> int:
    """Seed of a new devoir's variants: the one already stored for this identifier (a devoir
    saved again to move its end keeps its variants), else a random secret (``secrets``) kept
    on the server in the devoir's file — never derived from the title, so nobody computes a
    variant before the exam — and never 0 (the seed of the notebooks)."""
    try:
        return charger_devoir(identifiant).graine
    except ErreurAtelier:
        return 1 + secrets.randbelow(2**24 - 1)


@dataclass(frozen=True)
class Item:
    """One item of a devoir: an exercise code or ``grille:<code>``, and its points."""

    code: str
    points: Decimal

    @property
    def travail(self) -> str | None:
        """The open work marked with a grid: ``plan-de-vente``, or ``a-vous:<question key>``
        (one « À vous » question of a notebook, :func:`questions_a_vous`); None for an
        exercise. The teacher's filled grids are stored under this key."""
        return self.code[len(PREFIXE_GRILLE) :] if self.code.startswith(PREFIXE_GRILLE) else None

    @property
    def grille(self) -> str | None:
        """The grid code of an open work item (``a-vous`` for ``a-vous:<key>``), else None."""
        return self.travail.split(":", 1)[0] if self.travail is not None else None


@dataclass(frozen=True)
class Devoir:
    """A devoir (build it with :func:`devoir`, which validates)."""

    identifiant: str
    titre: str
    items: tuple[Item, ...]
    mode: str = "entrainement"
    debut: datetime | None = None
    fin: datetime | None = None
    graine: int = 1
    consignes: str = ""

    @property
    def total(self) -> Decimal:
        return sum((i.points for i in self.items), Decimal(0))

    @property
    def codes_exercices(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items if i.grille is None)

    @property
    def examen(self) -> bool:
        return self.mode == "examen"

    def etat(self, maintenant: datetime) -> str:
        """``"a_venir"``, ``"en_cours"`` (``debut <= maintenant < fin``) or ``"termine"``.

        Without a window a devoir is always ``"en_cours"``. ``maintenant`` must be aware.
        """
        if maintenant.tzinfo is None:
            raise ErreurAtelier("L'heure de référence doit porter son fuseau horaire.")
        if self.debut is not None and maintenant < self.debut:
            return "a_venir"
        if self.fin is not None and maintenant >= self.fin:
            return "termine"
        return "en_cours"

    def vers_dict(self) -> dict[str, Any]:
        return {
            "format": VERSION_FORMAT,
            "identifiant": self.identifiant,
            "titre": self.titre,
            "mode": self.mode,
            "graine": self.graine,
            "debut": self.debut.isoformat() if self.debut else None,
            "fin": self.fin.isoformat() if self.fin else None,
            "consignes": self.consignes,
            "items": [{"code": i.code, "points": str(i.points)} for i in self.items],
        }

    @classmethod
    def depuis_dict(cls, d: Mapping[str, Any]) -> Devoir:
        return devoir(
            d.get("titre", ""),
            [(i.get("code", ""), i.get("points", "")) for i in d.get("items", [])],
            mode=d.get("mode", "entrainement"),
            debut=d.get("debut"),
            fin=d.get("fin"),
            graine=d.get("graine") or _graine_derivee(d.get("identifiant") or d.get("titre")),
            identifiant=d.get("identifiant"),
            consignes=d.get("consignes", ""),
        )


def devoir(
    titre: str,
    items: Iterable[tuple[str, Any]],
    *,
    mode: str = "entrainement",
    debut: str | datetime | None = None,
    fin: str | datetime | None = None,
    graine: int | None = None,
    identifiant: str | None = None,
    consignes: str = "",
) -> Devoir:
    """A validated :class:`Devoir`. Refused in French: no title, no item, an item twice,
    points ≤ 0, an unknown grid, an unknown mode, ``fin`` not after ``debut``, an exam without
    its time window. (Exercise codes: ``widgets.exercices.devoirs.valider``.)"""
    titre = str(titre or "").strip()
    if not titre:
        raise ErreurAtelier("Donnez un titre au devoir.", champ="titre")
    if mode not in MODES:
        raise ErreurAtelier(
            f"Mode « {mode} » inconnu : choisissez entraînement ou examen.", champ="mode"
        )
    construits: list[Item] = []
    for code, points in items:
        code = str(code or "").strip()
        if not code:
            raise ErreurAtelier("Un exercice du devoir n'a pas de code.", champ="items")
        if any(i.code == code for i in construits):
            raise ErreurAtelier(f"« {code} » figure deux fois dans le devoir.", champ=code)
        try:
            item = Item(code, points_positifs(points, champ=code))
        except ErreurAtelier as err:
            raise ErreurAtelier(f"« {code} » : {err.message}", champ=code) from None
        if item.grille is not None:
            grille_par_code(item.grille)
            if not re.fullmatch(r"[a-z0-9-]+(:[a-z0-9-]+)?", item.travail):
                raise ErreurAtelier(
                    f"« {code} » : un travail noté s'écrit grille:<grille>[:<question>], "
                    "en minuscules sans accent.",
                    champ=code,
                )
        construits.append(item)
    if not construits:
        raise ErreurAtelier("Le devoir ne contient aucun exercice.", champ="items")
    moment_debut = heure_de_paris(debut, "debut") if debut not in (None, "") else None
    moment_fin = heure_de_paris(fin, "fin") if fin not in (None, "") else None
    if moment_debut and moment_fin and moment_fin <= moment_debut:
        raise ErreurAtelier(
            "La fin du devoir doit venir après son début "
            f"(début {moment_debut:%d/%m/%Y %H:%M}, fin {moment_fin:%d/%m/%Y %H:%M}).",
            champ="fin",
        )
    if mode == "examen" and (moment_debut is None or moment_fin is None):
        raise ErreurAtelier(
            "Un devoir en mode examen a une heure de début et une heure de fin.", champ="fin"
        )
    ident = nom_de_fichier(identifiant or titre)
    return Devoir(
        identifiant=ident,
        titre=titre,
        items=tuple(construits),
        mode=mode,
        debut=moment_debut,
        fin=moment_fin,
        graine=int(graine) if graine not in (None, "") else graine_du_devoir(ident),
        consignes=str(consignes or ""),
    )


def enregistrer_devoir(d: Devoir, dossier: Path | None = None) -> Path:
    """Write the devoir as ``<identifiant>.json`` (atomic); returns the path."""
    chemin = (dossier or dossier_devoirs()) / f"{d.identifiant}.json"
    ecrire_atomique(chemin, json.dumps(d.vers_dict(), ensure_ascii=False, indent=1))
    return chemin


def lire_devoir(chemin: str | Path) -> Devoir:
    """A devoir from its JSON file (French error naming the file)."""
    chemin = Path(chemin)
    try:
        donnees = json.loads(chemin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ErreurAtelier(f"Le fichier de devoir « {chemin} » n'existe pas.") from None
    except (OSError, ValueError) as exc:
        raise ErreurAtelier(
            f"Le fichier de devoir « {chemin.name} » est illisible ({exc})."
        ) from exc
    if not isinstance(donnees, dict):
        raise ErreurAtelier(f"Le fichier de devoir « {chemin.name} » est illisible.")
    return Devoir.depuis_dict(donnees)


def charger_devoir(identifiant: str, dossier: Path | None = None) -> Devoir:
    return lire_devoir((dossier or dossier_devoirs()) / f"{nom_de_fichier(identifiant)}.json")


_LUS: dict[Path, tuple[tuple[int, int, int], Devoir]] = {}
"""Devoirs already read, by file: ((inode, mtime_ns, size), devoir). The exercise widget reads
the folder before every answer; a file is parsed again only when it changed (every write is a
new file put in place by ``os.replace``: a new inode, even on a coarse-clock share)."""


def _lire_si_change(chemin: Path) -> Devoir:
    etat = chemin.stat()
    signature = (etat.st_ino, etat.st_mtime_ns, etat.st_size)
    deja = _LUS.get(chemin)
    if deja is not None and deja[0] == signature:
        return deja[1]
    d = lire_devoir(chemin)
    _LUS[chemin] = (signature, d)
    return d


def lire_devoirs(dossier: Path | None = None) -> list[Devoir]:
    """Every devoir of the folder, sorted by start then title (raises for an unreadable file)."""
    dossier = dossier or dossier_devoirs()
    devoirs = [_lire_si_change(p) for p in sorted(dossier.glob("*.json"))]
    jamais = datetime.max.replace(tzinfo=PARIS)
    return sorted(devoirs, key=lambda d: (d.debut or jamais, d.titre))


def supprimer_devoir(identifiant: str, dossier: Path | None = None) -> None:
    ((dossier or dossier_devoirs()) / f"{nom_de_fichier(identifiant)}.json").unlink(missing_ok=True)


# ----------------------------------------------------------------------------- exam mode
@dataclass(frozen=True)
class ReglesExercice:
    """What the exercise widget may show and accept right now."""

    indices: bool = True
    solution: bool = True
    retour_detaille: bool = True
    verrouille: bool = False
    examen: Devoir | None = None
    message: str = ""


LIBRE = ReglesExercice()
RETOUR_EXAMEN = "Réponse enregistrée"


def retour_examen(numero: int) -> str:
    """The only feedback of an exam answer; numbered, so the student sees each click land."""
    return f"{RETOUR_EXAMEN} (réponse n° {numero}, la dernière compte)."


def maintenant() -> datetime:
    """Now, in Paris (one place, so tests can move the clock)."""
    return datetime.now(PARIS)


def _heure(moment: datetime) -> str:
    return moment.astimezone(PARIS).strftime("%H:%M")


def regles_exercice(
    code: str,
    maintenant: datetime,
    devoirs: Iterable[Devoir],
    *,
    commence_sous: Devoir | None = None,
) -> ReglesExercice:
    """The rules for exercise ``code`` at ``maintenant`` (aware) given the class's devoirs.

    - an exam devoir listing ``code`` is in progress → exam rules (no hint, no solution,
      feedback "Réponse enregistrée.");
    - ``commence_sous``: the exam under which the widget was opened (its current version in
      ``devoirs`` if the teacher changed it, e.g. ended it early); once it is over, answers are
      refused (locked), still without hint nor solution;
    - otherwise the ordinary rules (training devoirs change nothing).
    """
    devoirs = list(devoirs)
    if commence_sous is not None:  # its current version: the teacher may have moved ``fin``
        commence_sous = next(
            (d for d in devoirs if d.identifiant == commence_sous.identifiant), commence_sous
        )
        # a deleted exam file does not hand out solutions before the exam's announced end
        devoirs.insert(0, commence_sous)
        if (
            commence_sous.examen
            and code in commence_sous.codes_exercices
            and commence_sous.etat(maintenant) == "termine"
        ):
            return ReglesExercice(
                indices=False,
                solution=False,
                retour_detaille=False,
                verrouille=True,
                examen=commence_sous,
                message=(
                    f"Le devoir « {commence_sous.titre} » est terminé depuis "
                    f"{_heure(commence_sous.fin)} : votre réponse n'est pas enregistrée."
                ),
            )
    for d in devoirs:
        if d.examen and code in d.codes_exercices and d.etat(maintenant) == "en_cours":
            return ReglesExercice(
                indices=False,
                solution=False,
                retour_detaille=False,
                examen=d,
                message=(
                    f"Examen « {d.titre} » jusqu'à {_heure(d.fin)} : ni indice ni solution, "
                    "chaque réponse vérifiée est enregistrée (la dernière compte)."
                ),
            )
    return LIBRE


def regles_du_moment(
    code: str, *, commence_sous: Devoir | None = None, dossier: Path | None = None
) -> ReglesExercice:
    """:func:`regles_exercice` for now and the devoirs of the class folder.

    An unreadable devoir file withholds hints and solutions (it may be an exam) and says so.
    """
    try:
        devoirs = lire_devoirs(dossier)
    except ErreurAtelier as err:
        return ReglesExercice(
            indices=False,
            solution=False,
            message=f"{err} Ni indice ni solution tant qu'il n'est pas réparé : "
            "prévenez votre enseignant.",
        )
    return regles_exercice(code, maintenant(), devoirs, commence_sous=commence_sous)


# ----------------------------------------------------------------------------- grid marks
def _fichier_grilles(identifiant: str, dossier: Path | None) -> Path:
    base = dossier or dossier_grilles()
    return base / f"{nom_de_fichier(identifiant)}.json"


def evaluations(identifiant: str, dossier: Path | None = None) -> dict[str, dict[str, Any]]:
    """The grids filled for a devoir: ``{travail: {student key: {"choix", "commentaire",
    "le"}}}`` (empty when none was filled yet)."""
    chemin = _fichier_grilles(identifiant, dossier)
    if not chemin.exists():
        return {}
    try:
        donnees = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ErreurAtelier(
            f"Les grilles du devoir « {identifiant} » sont illisibles ({exc})."
        ) from exc
    return donnees if isinstance(donnees, dict) else {}


def enregistrer_evaluation(
    identifiant: str,
    travail: str,
    etudiant: str,
    choix: Mapping[str, str],
    commentaire: str = "",
    dossier: Path | None = None,
) -> Decimal:
    """Save one student's filled grid for the open work ``travail`` (``Item.travail``, e.g.
    ``plan-de-vente`` or ``a-vous:<key>``), validated: every criterion marked with a known
    level; returns the grid's total points."""
    resultat = evaluer(grille_par_code(travail.split(":", 1)[0]), choix)
    toutes = evaluations(identifiant, dossier)
    toutes.setdefault(travail, {})[etudiant] = {
        "choix": dict(choix),
        "commentaire": str(commentaire or ""),
        "le": datetime.now(PARIS).isoformat(timespec="seconds"),
    }
    ecrire_atomique(
        _fichier_grilles(identifiant, dossier),
        json.dumps(toutes, ensure_ascii=False, indent=1, sort_keys=True),
    )
    return resultat.total


# ----------------------------------------------------------------------------- « À vous »
@dataclass(frozen=True)
class QuestionAVous:
    """An open « À vous » question of a notebook (a Markdown cell starting **À vous**)."""

    cle: str
    carnet: str
    texte: str
    # the answer key (« éléments de corrigé »), kept beside the question in the cell's
    # metadata (``metadata.atelier.corrige``); printed by ``atelier corrige``
    corrige: str = ""


def questions_a_vous(dossier: Path | None = None) -> list[QuestionAVous]:
    """Every open « À vous » question of the notebooks (``**À vous**`` at the start of a
    Markdown cell; the ``## À vous`` headings introduce exercises, marked automatically).

    ``cle`` (``<unit>-<notebook>-<cell index>``) is stable while the notebook's cells keep
    their order; the item of a devoir is ``grille:a-vous:<cle>``.
    """
    dossier = dossier or DOSSIER_CARNETS
    questions = []
    for carnet in sorted(dossier.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in carnet.parts:
            continue
        try:
            cellules = json.loads(carnet.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for rang, cellule in enumerate(cellules):
            texte = "".join(cellule.get("source", ""))
            if cellule.get("cell_type") == "markdown" and texte.lstrip().startswith("**À vous**"):
                relatif = carnet.relative_to(dossier)
                cle = nom_de_fichier(f"{relatif.parent.name}-{carnet.stem[:2]}-{rang}")
                corrige = (cellule.get("metadata") or {}).get("atelier", {}).get("corrige", "")
                questions.append(
                    QuestionAVous(cle, relatif.as_posix(), texte.strip(), str(corrige).strip())
                )
    return questions


def question_a_vous(cle: str, dossier: Path | None = None) -> QuestionAVous | None:
    return next((q for q in questions_a_vous(dossier) if q.cle == cle), None)


__all__ = [
    "GRILLES_EVALUATION",
    "LIBRE",
    "MODES",
    "PARIS",
    "RETOUR_EXAMEN",
    "retour_examen",
    "Devoir",
    "Item",
    "QuestionAVous",
    "ReglesExercice",
    "charger_devoir",
    "devoir",
    "dossier_devoirs",
    "dossier_grilles",
    "enregistrer_devoir",
    "enregistrer_evaluation",
    "evaluations",
    "heure_de_paris",
    "lire_devoir",
    "lire_devoirs",
    "question_a_vous",
    "questions_a_vous",
    "regles_du_moment",
    "regles_exercice",
    "supprimer_devoir",
]
