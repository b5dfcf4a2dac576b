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

from widgets.connexions import ouvrir_ecriture, ouvrir_lecture
from widgets.donnees.chemins import dossier_classe
from widgets.donnees.identite import (
    LONGUEUR_MAX_NOM,
    chemin_eleve,
    cle_identite,
    nom_fichier_eleve,
)
from widgets.donnees.lecture_texte import decoder, detecter_separateur
from widgets.donnees.progression import Progression, lire_progressions
from widgets.erreurs import ErreurAtelier

FICHIER_CLASSE = "classe.json"
FICHIER_REFUS = "refus_codes.json"
"""Recent refused codes per typed name (the 5-wrong-codes pause survives a reload)."""
DOSSIER_QUARANTAINE = "quarantaine"
"""Where the teacher's « mettre de côté » moves a damaged file of the class folder."""
ALPHABET_CODE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I/L: a code read aloud or copied from paper is not misread."""
LONGUEUR_CODE = 6
ITERATIONS = 20_000
MESSAGE_REFUS = (
    "Nom ou code incorrect. Tapez votre nom et votre prénom comme sur la liste de la classe, "
    f"et le code à {LONGUEUR_CODE} caractères donné par votre enseignant."
)

MESSAGE_FICHIER_ENDOMMAGE = (
    "Votre fichier de progression était endommagé : il a été mis de côté pour votre "
    "enseignant, et vos prochaines réponses sont bien enregistrées."
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
    """One row of the class list CSV. ``distinctif`` is the value of the distinguishing
    column (date of birth, INE or e-mail, as Pronote/ENT export them) for a homonym."""

    nom: str
    prenom: str
    groupe: str = ""
    ligne: int = 0
    distinctif: str = ""

    @property
    def identifiant(self) -> str:
        """The student's identity (progress, variant seed): ``"Nom Prénom"``, followed by the
        distinguishing value in brackets for two students of the same name."""
        base = f"{self.nom} {self.prenom}"
        return f"{base} ({self.distinctif})" if self.distinctif else base


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
_DISTINCTIFS = {
    "date de naissance": "naissance",
    "ne e le": "naissance",
    "ne le": "naissance",
    "naissance": "naissance",
    "ine": "ine",
    "numero ine": "ine",
    "n ine": "ine",
    "identifiant national": "ine",
    "e mail": "courriel",
    "email": "courriel",
    "mail": "courriel",
    "courriel": "courriel",
    "adresse e mail": "courriel",
    "adresse mail": "courriel",
    "adresse electronique": "courriel",
}
"""Distinguishing columns of a Pronote/ENT export, in order of preference for homonyms."""
_ORDRE_DISTINCTIFS = ("naissance", "ine", "courriel")


def _entete(cellule: str) -> str | None:
    cle = " ".join(_plier(cellule).replace("(", " ").replace(")", " ").replace(".", " ").split())
    return _ENTETES.get(cle) or _DISTINCTIFS.get(cle)


def _extrait(texte: str, longueur: int = 60) -> str:
    texte = " ".join(texte.split())
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


def _decoder(brut: bytes) -> str:
    # The shared reader falls back to Latin-1, which reads any byte: right for a partner file,
    # wrong for a class list (Pronote, the ENT and Excel write UTF-8 or Windows-1252), where a
    # byte undefined in both means a damaged or foreign file that must not become C1 controls.
    texte, encodage = decoder(brut)
    if encodage == "latin-1":
        try:
            brut.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ErreurAtelier(
                "Liste de classe illisible : ce fichier n'est ni en UTF-8 ni en Windows-1252 "
                f"(octet {brut[exc.start]:#04x} en position {exc.start + 1}). Enregistrez-la "
                "depuis Excel ou LibreOffice au format « CSV UTF-8 »."
            ) from None
    return texte


def lire_liste_csv(source: str | Path | bytes) -> list[EleveImporte]:
    """The students of a class list CSV (path, bytes, or the text itself).

    Raises ``ErreurAtelier`` listing, in French and with their line numbers, every bad row
    (missing name or first name, a name longer than ``LONGUEUR_MAX_NOM``, control characters,
    wrong number of columns, two students of the same name with no distinguishing column —
    date of birth, INE or e-mail — to tell them apart) and a missing or unknown header.
    """
    if isinstance(source, bytes):
        texte = _decoder(source)
    elif isinstance(source, Path):
        try:
            texte = _decoder(source.read_bytes())
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
    try:
        rangs = list(csv.reader(io.StringIO("\n".join(lignes)), delimiter=separateur))
    except csv.Error as exc:  # e.g. a NUL byte or a field over the csv module's limit
        raise ErreurAtelier(f"Liste de classe illisible : {exc}.") from None
    colonnes = [_entete(c) for c in rangs[0]]
    if "nom" not in colonnes or "prenom" not in colonnes:
        vues = _extrait(" ; ".join(c.strip() for c in rangs[0]))
        raise ErreurAtelier(
            "Ligne 1 : la première ligne doit nommer les colonnes « nom ; prénom ; groupe » "
            f"(trouvé : « {vues} »)."
        )
    position = {nom: i for i, nom in enumerate(colonnes) if nom}
    distinctifs = [d for d in _ORDRE_DISTINCTIFS if d in position]
    erreurs: list[str] = []
    lus: list[tuple[int, str, str, str, str]] = []
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
        distinctif = next(
            (v for d in distinctifs if (v := " ".join(rang[position[d]].split()))), ""
        )
        manque = [libelle for libelle, v in (("le nom", nom), ("le prénom", prenom)) if not v]
        if manque:
            erreurs.append(
                f"Ligne {numero} : {' et '.join(manque)} manque{'nt' * (len(manque) > 1)}."
            )
            continue
        champs = (nom, prenom, groupe, distinctif)
        if len(f"{nom} {prenom}") > LONGUEUR_MAX_NOM or any(
            len(c) > LONGUEUR_MAX_NOM for c in champs
        ):
            erreurs.append(
                f"Ligne {numero} : nom trop long ({len(nom) + len(prenom) + 1} caractères ; "
                f"{LONGUEUR_MAX_NOM} au plus pour le nom et le prénom ensemble)."
            )
            continue
        if any(unicodedata.category(c) == "Cc" for c in "".join(champs)):
            erreurs.append(f"Ligne {numero} : caractères invisibles (de contrôle) dans le nom.")
            continue
        lus.append((numero, nom, prenom, groupe, distinctif))
    homonymes: dict[str, list[tuple[int, str, str, str, str]]] = {}
    for lu in lus:
        homonymes.setdefault(cle_identite(f"{lu[1]} {lu[2]}"), []).append(lu)
    eleves: list[EleveImporte] = []
    for numero, nom, prenom, groupe, distinctif in lus:
        memes = homonymes[cle_identite(f"{nom} {prenom}")]
        if len(memes) == 1:
            eleves.append(EleveImporte(nom, prenom, groupe, numero))
            continue
        valeurs = [cle_identite(m[4]) for m in memes]
        if distinctif and valeurs.count(cle_identite(distinctif)) == 1:
            eleves.append(EleveImporte(nom, prenom, groupe, numero, distinctif))
            continue
        premier = memes[0][0]
        if numero == premier:
            continue
        erreurs.append(
            f"Ligne {numero} : {nom} {prenom} figure déjà ligne {premier}, et rien ne les "
            "distingue : ajoutez une colonne « date de naissance », « INE » ou « e-mail » "
            "(export Pronote ou ENT), ou une initiale pour distinguer les deux homonymes."
        )
    erreurs.sort(key=lambda e: int(e.split()[1]))  # "Ligne N : …", in file order
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


def _ancien_nom_de_fichier(identifiant: str) -> str:
    """The progress file name of the releases before ``identite.nom_fichier_eleve`` (found and
    renamed on first use)."""
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
            entrees = json.loads(self.fichier.read_text(encoding="utf-8"))["eleves"]
            for e in entrees:
                if not all(isinstance(e[k], str) for k in ("identifiant", "nom", "prenom")):
                    raise ValueError("identité non textuelle")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ErreurAtelier(
                f"La liste de la classe ({FICHIER_CLASSE}) est endommagée et ne peut pas être "
                f"lue ({_extrait(str(exc))}). Mettez-la de côté puis importez de nouveau la liste."
            ) from None
        return entrees

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
            entree = {k: v for k, v in asdict(eleve).items() if k != "ligne" and v != ""}
            entree.setdefault("groupe", "")
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

    # ------------------------------------------------------------------ wrong codes
    def _refus(self) -> dict[str, list[float]]:
        try:
            donnees = json.loads((self.dossier / FICHIER_REFUS).read_text(encoding="utf-8"))
            return {
                str(k): [float(t) for t in v] for k, v in donnees.items() if isinstance(v, list)
            }
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def refus_recents(self, nom: str, maintenant: float, fenetre: float) -> int:
        """Codes refused for the name ``nom`` (any page, any kernel) in the last ``fenetre``
        seconds (``maintenant``: ``time.time()``)."""
        return sum(maintenant - t < fenetre for t in self._refus().get(cle_identite(nom), ()))

    def noter_refus(self, nom: str, maintenant: float, fenetre: float) -> None:
        """Count one refused code for ``nom`` in the class folder (silent if read-only)."""
        refus = {
            cle: garde
            for cle, temps in self._refus().items()
            if (garde := [t for t in temps if maintenant - t < fenetre])
        }
        refus.setdefault(cle_identite(nom), []).append(maintenant)
        try:
            provisoire = self.dossier / f"{FICHIER_REFUS}.{os.getpid()}.tmp"
            provisoire.write_text(json.dumps(refus), encoding="utf-8")
            os.replace(provisoire, self.dossier / FICHIER_REFUS)
        except OSError:
            return

    # ------------------------------------------------------------------ progress
    @property
    def dossier_progression(self) -> Path:
        return self.dossier / "progression"

    def chemin_progression(self, identifiant: str) -> Path:
        """``progression/<identite.nom_fichier_eleve>`` (a file of an older release renamed)."""
        return chemin_eleve(
            self.dossier_progression, identifiant, anciens=[_ancien_nom_de_fichier(identifiant)]
        )

    def progression(self, identifiant: str) -> Progression:
        """The progress store of one student of the class (created when missing)."""
        return self.ouvrir_progression(identifiant)[0]

    def ouvrir_progression(self, identifiant: str) -> tuple[Progression, str]:
        """(store, French message): a damaged progress file is moved to ``quarantaine/`` for
        the teacher and a new one started, so that the student's next attempts are kept."""
        chemin = self.chemin_progression(identifiant)
        try:
            return Progression(chemin), ""
        except sqlite3.DatabaseError:
            self.mettre_de_cote(chemin.name)
            return Progression(chemin), MESSAGE_FICHIER_ENDOMMAGE

    def proprietaires(self) -> dict[str, Eleve]:
        """{progress file name: student} for every student of the list (current and older
        file names), so that an attempt is attributed by the file it is in."""
        eleves = self.eleves()  # read only: a file is renamed by its student's kernel alone
        sortie = {_ancien_nom_de_fichier(e.identifiant): e for e in eleves}
        sortie.update({nom_fichier_eleve(e.identifiant): e for e in eleves})
        return sortie

    def lire_tentatives(self) -> tuple[list[dict], list[str]]:
        """(attempts, damaged files) of the class folder, never an exception for one file.

        Each attempt's ``etudiant`` is the identity of the student whose file it is in (the
        name typed in a page never attributes a mark); files of no listed student are ignored.
        A progress file that cannot be read is skipped and named in the second list; a damaged
        ``classe.json`` is named there too (and no attempt is attributed).
        """
        endommages: list[str] = []
        try:
            proprietaires = self.proprietaires()
        except ErreurAtelier:
            return [], [FICHIER_CLASSE]
        lignes: list[dict] = []
        for chemin in self.fichiers_progression():
            eleve = proprietaires.get(chemin.name)
            if eleve is None:
                continue
            try:
                rangs = lire_progressions([chemin])
            except (ErreurAtelier, sqlite3.Error, OSError):
                endommages.append(chemin.name)
                continue
            for r in rangs:
                r["etudiant"] = eleve.identifiant
            lignes.extend(rangs)
        return lignes, endommages

    def mettre_de_cote(self, nom_fichier: str) -> Path:
        """Move a damaged file of the class folder (``classe.json`` or a progress file named
        by :meth:`lire_tentatives`) into ``quarantaine/``; returns its new path."""
        nom = Path(str(nom_fichier)).name
        if nom == FICHIER_CLASSE:
            source = self.fichier
        elif nom.endswith(".sqlite") and nom == nom_fichier:
            source = self.dossier_progression / nom
        else:
            raise ErreurAtelier(f"« {nom_fichier} » n'est pas un fichier de la classe.")
        if not source.is_file():
            raise ErreurAtelier(f"« {nom} » n'est plus dans le dossier de la classe.")
        quarantaine = self.dossier / DOSSIER_QUARANTAINE
        quarantaine.mkdir(parents=True, exist_ok=True)
        horodatage = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        cible = quarantaine / f"{horodatage}-{nom}"
        os.replace(source, cible)
        return cible

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
        source, cible = ouvrir_lecture(chemin), ouvrir_ecriture(copie)
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
