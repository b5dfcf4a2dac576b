"""Who the student is: the class list, the per-student codes, the locked identity.

Three cases (docs/enseignant.md, « Cockpit de l'enseignant »):

- behind JupyterHub (``JUPYTERHUB_USER`` in the single-user server and its kernels): the
  student is the hub user, nothing to type (:func:`utilisateur_hub`);
- on a dashboards server (``ATELIER_CLASSE`` set for it and its kernels) with a class list
  (the teacher imported it on ``/enseignant``): the student types name and code once; the
  identity is then locked for the session (:meth:`Classe.identifier`);
- without class list (a student alone at home): the name stays free, as before.

The class folder (``widgets.donnees.chemins.dossier_classe()``) holds:

- ``classe.json``: one entry per student (identifiant, nom, prénom, groupe) with the salted
  PBKDF2 hash of their code (the code itself is shown once to the teacher, at import, and is not
  derivable from the name: ``secrets``);
- ``progression/<student>.sqlite``: one progress file per student (same store as on a PC:
  one transaction per attempt, ``synchronous=FULL``), so that the teacher's page reads the
  whole class live and ``lire_progressions`` reads them like handed-in files;
- ``corbeille/``: a copy of a student's progress taken before the teacher resets it.

The CSV import reads what a school software or Excel-FR writes: ``;`` or ``,`` (or tab)
separators, UTF-8 with or without BOM, or Windows-1252; columns ``nom``, ``prénom``,
``groupe`` (the last one optional) in any order; every bad row is reported in French with its
line number.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import secrets
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from widgets.donnees.chemins import dossier_classe
from widgets.donnees.lecture_texte import decoder, detecter_separateur
from widgets.donnees.progression import Progression
from widgets.erreurs import ErreurAtelier

FICHIER_CLASSE = "classe.json"
ALPHABET_CODE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I/L: a code read aloud or copied from paper is not misread."""
LONGUEUR_CODE = 6
ITERATIONS = 20_000
MESSAGE_REFUS = (
    "Nom ou code incorrect. Tapez votre nom et votre prénom comme sur la liste de la classe, "
    f"et le code à {LONGUEUR_CODE} caractères donné par votre enseignant."
)

__all__ = [
    "Classe",
    "EleveImporte",
    "Eleve",
    "charger_classe",
    "generer_code",
    "lire_liste_csv",
    "utilisateur_hub",
]


def utilisateur_hub() -> str | None:
    """The JupyterHub user this server/kernel runs for (``JUPYTERHUB_USER``), else None."""
    nom = os.environ.get("JUPYTERHUB_USER", "").strip()
    return nom or None


def _plier(texte: str) -> str:
    """Case and accents folded, inner spaces collapsed (`` Élodie  Martin`` → ``elodie martin``)."""
    texte = unicodedata.normalize("NFKD", str(texte).casefold())
    texte = "".join(c for c in texte if not unicodedata.combining(c))
    return " ".join(texte.replace("-", " ").replace("'", " ").split())


@dataclass(frozen=True)
class EleveImporte:
    """One row of the class list CSV."""

    nom: str
    prenom: str
    groupe: str = ""
    ligne: int = 0

    @property
    def identifiant(self) -> str:
        """The student's identity (progress, variant seed): ``"Nom Prénom"``."""
        return f"{self.nom} {self.prenom}"


@dataclass(frozen=True)
class Eleve:
    """A student of the class list (without their code)."""

    identifiant: str
    nom: str
    prenom: str
    groupe: str = ""


# ---------------------------------------------------------------------------- CSV import
_ENTETES = {"nom": "nom", "nom de famille": "nom", "prenom": "prenom", "groupe": "groupe"}
_ENTETES.update({"classe": "groupe", "division": "groupe"})


def lire_liste_csv(source: str | Path | bytes) -> list[EleveImporte]:
    """The students of a class list CSV (path, bytes, or the text itself).

    Raises ``ErreurAtelier`` listing, in French and with their line numbers, every bad row
    (missing name or first name, wrong number of columns, the same student twice) and a missing
    or unknown header.
    """
    if isinstance(source, bytes):
        texte = decoder(source)[0]
    elif isinstance(source, Path):
        try:
            texte = decoder(source.read_bytes())[0]
        except OSError as exc:
            raise ErreurAtelier(f"Liste de classe illisible : {source.name} ({exc}).") from exc
    else:
        texte = source.lstrip("\ufeff")
    lignes = texte.splitlines()
    while lignes and not lignes[0].strip():
        lignes.pop(0)
    if not lignes:
        raise ErreurAtelier("La liste de classe est vide : une ligne nom ; prénom ; groupe.")
    separateur = detecter_separateur("\n".join(lignes))
    rangs = list(csv.reader(io.StringIO("\n".join(lignes)), delimiter=separateur))
    colonnes = [_ENTETES.get(_plier(c)) for c in rangs[0]]
    if "nom" not in colonnes or "prenom" not in colonnes:
        vues = " ; ".join(c.strip() for c in rangs[0])
        raise ErreurAtelier(
            "Ligne 1 : la première ligne doit nommer les colonnes « nom ; prénom ; groupe » "
            f"(trouvé : « {vues} »)."
        )
    position = {nom: i for i, nom in enumerate(colonnes) if nom}
    erreurs: list[str] = []
    eleves: list[EleveImporte] = []
    vus: dict[str, int] = {}
    for numero, rang in enumerate(rangs[1:], start=2):
        if not any(c.strip() for c in rang):
            continue
        if len(rang) != len(colonnes):
            erreurs.append(
                f"Ligne {numero} : {len(rang)} colonne{'s' if len(rang) > 1 else ''} au lieu "
                f"de {len(colonnes)} (séparateur « {separateur} »)."
            )
            continue
        nom = " ".join(rang[position["nom"]].split())
        prenom = " ".join(rang[position["prenom"]].split())
        groupe = " ".join(rang[position["groupe"]].split()) if "groupe" in position else ""
        manque = [libelle for libelle, v in (("le nom", nom), ("le prénom", prenom)) if not v]
        if manque:
            erreurs.append(
                f"Ligne {numero} : {' et '.join(manque)} manque{'nt' * (len(manque) > 1)}."
            )
            continue
        cle = _plier(f"{nom} {prenom}")
        if cle in vus:
            erreurs.append(
                f"Ligne {numero} : {nom} {prenom} figure déjà ligne {vus[cle]} "
                "(ajoutez une initiale pour distinguer deux homonymes)."
            )
            continue
        vus[cle] = numero
        eleves.append(EleveImporte(nom, prenom, groupe, numero))
    if erreurs:
        plus = f" (et {len(erreurs) - 10} autres)" if len(erreurs) > 10 else ""
        raise ErreurAtelier(
            "Liste de classe refusée, rien n'a été importé :\n" + "\n".join(erreurs[:10]) + plus
        )
    if not eleves:
        raise ErreurAtelier("La liste de classe ne contient aucun élève (seulement l'en-tête).")
    return eleves


# ---------------------------------------------------------------------------- codes
def generer_code() -> str:
    """A random code (``secrets``), 6 characters of an alphabet without look-alikes."""
    return "".join(secrets.choice(ALPHABET_CODE) for _ in range(LONGUEUR_CODE))


def normaliser_code(code: str) -> str:
    """What the student typed, upper-cased, spaces and dashes dropped."""
    return "".join(str(code).split()).replace("-", "").upper()


def _empreinte(code: str, sel: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", code.encode("utf-8"), sel, ITERATIONS).hex()


def _nom_de_fichier(identifiant: str) -> str:
    """A file-safe name for a student's progress file (plus a short digest: no collision)."""
    plie = _plier(identifiant)
    sur = "".join(c if c.isalnum() else "-" for c in plie).strip("-") or "eleve"
    return f"{sur}-{hashlib.sha256(plie.encode('utf-8')).hexdigest()[:8]}.sqlite"


# ---------------------------------------------------------------------------- the class
class Classe:
    """The class folder: list, codes (hashed), per-student progress files."""

    def __init__(self, dossier: str | Path | None = None) -> None:
        self.dossier = Path(dossier) if dossier is not None else dossier_classe()

    @property
    def fichier(self) -> Path:
        return self.dossier / FICHIER_CLASSE

    def existe(self) -> bool:
        """True when a class list was imported in this folder."""
        return self.fichier.is_file()

    def _lire(self) -> list[dict]:
        if not self.existe():
            return []
        try:
            return json.loads(self.fichier.read_text(encoding="utf-8"))["eleves"]
        except (OSError, ValueError, KeyError) as exc:
            raise ErreurAtelier(f"Liste de classe illisible : {self.fichier} ({exc}).") from exc

    def _ecrire(self, entrees: list[dict]) -> None:
        self.dossier.mkdir(parents=True, exist_ok=True)
        provisoire = self.fichier.with_suffix(".json.tmp")
        contenu = {"importee_le": datetime.now(UTC).isoformat(timespec="seconds")}
        contenu["eleves"] = entrees
        provisoire.write_text(json.dumps(contenu, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(provisoire, self.fichier)  # atomic: never half a class list

    def eleves(self) -> list[Eleve]:
        """The students, in the order of the imported list."""
        return [
            Eleve(e["identifiant"], e["nom"], e["prenom"], e.get("groupe", ""))
            for e in self._lire()
        ]

    def importer(self, source: str | Path | bytes | Iterable[EleveImporte]) -> dict[str, str]:
        """Replace the class list; returns {identifiant: code} (the ONLY time codes are shown).

        Progress files are kept (a student keeps their work when the list is re-imported).
        """
        eleves = source if not isinstance(source, str | Path | bytes) else lire_liste_csv(source)
        codes: dict[str, str] = {}
        entrees = []
        for eleve in eleves:
            code = generer_code()
            while code in codes.values():
                code = generer_code()
            sel = secrets.token_bytes(16)
            entree = {k: v for k, v in asdict(eleve).items() if k != "ligne"}
            entree.update(identifiant=eleve.identifiant, sel=sel.hex())
            entree["empreinte"] = _empreinte(code, sel)
            entrees.append(entree)
            codes[eleve.identifiant] = code
        self._ecrire(entrees)
        return codes

    def nouveau_code(self, identifiant: str) -> str:
        """A new code for one student (lost paper); the old one stops working."""
        entrees = self._lire()
        for entree in entrees:
            if entree["identifiant"] == identifiant:
                code, sel = generer_code(), secrets.token_bytes(16)
                entree.update(sel=sel.hex(), empreinte=_empreinte(code, sel))
                self._ecrire(entrees)
                return code
        raise ErreurAtelier(f"« {identifiant} » n'est pas dans la liste de la classe.")

    def identifier(self, nom_ou_code: str, code: str = "") -> Eleve:
        """The student whose name (any order, case and accents free) and code match.

        ``identifier("", "K7MPQ2")`` or ``identifier("K7MPQ2")`` identifies by the code alone.
        A wrong name or code raises ``ErreurAtelier`` (one message: no hint which was wrong).
        """
        if not code.strip() and len(normaliser_code(nom_ou_code)) == LONGUEUR_CODE:
            nom_ou_code, code = "", nom_ou_code
        code = normaliser_code(code)
        if not code:
            raise ErreurAtelier(
                f"Tapez aussi le code à {LONGUEUR_CODE} caractères donné par votre enseignant."
            )
        cible = sorted(_plier(nom_ou_code).split())
        for entree in self._lire():
            if cible and sorted(_plier(f"{entree['nom']} {entree['prenom']}").split()) != cible:
                continue
            attendu = entree["empreinte"]
            if hmac.compare_digest(_empreinte(code, bytes.fromhex(entree["sel"])), attendu):
                return Eleve(
                    entree["identifiant"], entree["nom"], entree["prenom"], entree.get("groupe", "")
                )
        raise ErreurAtelier(MESSAGE_REFUS)

    # ------------------------------------------------------------------ progress
    @property
    def dossier_progression(self) -> Path:
        return self.dossier / "progression"

    def chemin_progression(self, identifiant: str) -> Path:
        return self.dossier_progression / _nom_de_fichier(identifiant)

    def progression(self, identifiant: str) -> Progression:
        """The progress store of one student of the class (created when missing)."""
        return Progression(self.chemin_progression(identifiant))

    def fichiers_progression(self) -> list[Path]:
        """Every student's progress file present in the class folder."""
        if not self.dossier_progression.is_dir():
            return []
        return sorted(self.dossier_progression.glob("*.sqlite"))

    def reinitialiser(self, identifiant: str) -> int:
        """Erase one student's progress (a copy goes to ``corbeille/`` first); attempts erased.

        The file stays (the student's open page keeps writing to it): its rows are deleted in
        one transaction.
        """
        chemin = self.chemin_progression(identifiant)
        if not chemin.is_file():
            return 0
        corbeille = self.dossier / "corbeille"
        corbeille.mkdir(parents=True, exist_ok=True)
        horodatage = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        copie = corbeille / f"{chemin.stem}-{horodatage}.sqlite"
        source, cible = sqlite3.connect(chemin), sqlite3.connect(copie)
        try:
            source.backup(cible)  # consistent copy even if the student writes meanwhile
        finally:
            source.close()
            cible.close()
        return Progression(chemin).effacer(identifiant)


def charger_classe(dossier: str | Path | None = None) -> Classe | None:
    """The class of ``dossier`` if a list was imported there, else None.

    Without ``dossier``: only in a process given ``ATELIER_CLASSE`` (a dashboards server and
    its kernels: ``servir`` sets it), so that JupyterLab on the teacher's own account
    (``atelier lab``) keeps free names even when the same account serves the dashboards.
    """
    if dossier is None and not os.environ.get("ATELIER_CLASSE", "").strip():
        return None
    classe = Classe(dossier)
    return classe if classe.existe() else None
