"""A student's identity as data: ONE normalised key, ONE file name, ONE remembered name.

- :func:`cle_identite`: the key that says two spellings are the same student — case, accents,
  spaces and word order do not matter (``"Léa  Martin"``, ``"MARTIN Lea"``); punctuation does
  (``St. Pierre`` and ``St Pierre``, ``N'Diaye`` and ``N’Diaye`` are different people on a class
  list, so they never share a file);
- :func:`nom_fichier_eleve`: the ONE mapping from a student to a file name, used everywhere a
  student becomes a file (class progress, SQL history, SQL sandbox, corrigé): a readable ASCII
  slug plus a short hash of the key, so no two keys share a file, non-Latin names included;
- :func:`chemin_eleve`: that file in a folder; a file under an older name (earlier releases
  each had their own mapping) is renamed to the new one on first use: no student loses work;
- :func:`verifier_nom`: a name is at most :data:`LONGUEUR_MAX_NOM` characters, no control
  character (French ``ErreurAtelier`` otherwise);
- :func:`identite_memorisee` / :func:`memoriser_identite`: the name a student typed once,
  kept in the user data folder (``identite.json``) so that every exercise of the notebook and
  of the following notebooks uses it. The OS login is never used as a name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from widgets.donnees.chemins import dossier_utilisateur
from widgets.erreurs import ErreurAtelier

LONGUEUR_MAX_NOM = 80
"""Longest name accepted (class list, typed name): a file name stays well under OS limits."""
FICHIER_IDENTITE = "identite.json"
_LONGUEUR_SLUG = 40
_LONGUEUR_HASH = 10

__all__ = [
    "LONGUEUR_MAX_NOM",
    "chemin_eleve",
    "cle_identite",
    "identite_memorisee",
    "memoriser_identite",
    "nom_fichier_eleve",
    "verifier_nom",
]


def _sans_accents(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", str(texte).casefold())
    return "".join(c for c in texte if not unicodedata.combining(c))


def cle_identite(nom: str) -> str:
    """The normalised key of a student's name: case, accents, spaces and word order folded,
    punctuation kept (``cle_identite(" Martin  Léa") == cle_identite("lea MARTIN")``)."""
    return " ".join(sorted(_sans_accents(nom).split()))


def nom_fichier_eleve(nom: str, extension: str = ".sqlite", prefixe: str = "") -> str:
    """``<prefixe><slug>-<hash><extension>``: readable, portable, collision-free; the slug and
    the hash both come from :func:`cle_identite`, so every spelling of one student gives the
    same file (``"Martin Léa"`` → ``lea-martin-<hash>.sqlite``)."""
    cle = cle_identite(nom)
    ascii_ = unicodedata.normalize("NFKD", cle).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:_LONGUEUR_SLUG].strip("-") or "eleve"
    empreinte = hashlib.sha256(cle.encode("utf-8")).hexdigest()[:_LONGUEUR_HASH]
    return f"{prefixe}{slug}-{empreinte}{extension}"


def chemin_eleve(
    dossier: Path, nom: str, extension: str = ".sqlite", *, prefixe: str = "", anciens=()
) -> Path:
    """The student's file in ``dossier``; a file found under one of the ``anciens`` names
    (earlier mappings) and not yet under the new one is renamed to it (atomic)."""
    chemin = Path(dossier) / nom_fichier_eleve(nom, extension, prefixe)
    if not chemin.exists():
        for ancien in _noms(anciens):
            vieux = Path(dossier) / ancien
            if ancien and vieux != chemin and vieux.is_file():
                try:
                    os.replace(vieux, chemin)
                except OSError:  # read-only folder, file in use (Windows): read it where it is
                    return vieux
                break
    return chemin


def _noms(anciens: Iterable[str] | str) -> list[str]:
    return [anciens] if isinstance(anciens, str) else list(anciens)


def verifier_nom(nom: str, champ: str = "nom") -> str:
    """``nom`` stripped, or a French ``ErreurAtelier`` (too long, control characters)."""
    texte = " ".join(str(nom).split())
    if len(texte) > LONGUEUR_MAX_NOM:
        raise ErreurAtelier(
            f"Nom trop long ({len(texte)} caractères) : {LONGUEUR_MAX_NOM} caractères au plus.",
            champ=champ,
        )
    if any(unicodedata.category(c) == "Cc" for c in texte):
        raise ErreurAtelier("Le nom contient des caractères invisibles : retapez-le.", champ=champ)
    return texte


def _compte_partage() -> bool:
    """A dashboards server (``ATELIER_CLASSE``): one account for the whole class, so a typed
    name is never remembered in its data folder (it would become a classmate's default)."""
    return bool(os.environ.get("ATELIER_CLASSE", "").strip())


def identite_memorisee() -> str:
    """The name the student typed last in this user data folder ('' when none, and always on
    a dashboards server, whose data folder the whole class shares)."""
    if _compte_partage():
        return ""
    try:
        donnees = json.loads((dossier_utilisateur() / FICHIER_IDENTITE).read_text("utf-8"))
        nom = str(donnees.get("nom", ""))
        return verifier_nom(nom) if nom.strip() else ""
    except (OSError, ValueError, AttributeError, ErreurAtelier):
        return ""


def memoriser_identite(nom: str) -> None:
    """Remember ``nom`` for the next exercises and notebooks (silent if the folder is read-only)."""
    if _compte_partage():
        return
    try:
        nom = verifier_nom(nom)
        if not nom or nom == identite_memorisee():
            return
        chemin = dossier_utilisateur() / FICHIER_IDENTITE
        provisoire = chemin.with_suffix(".json.tmp")
        provisoire.write_text(json.dumps({"nom": nom}, ensure_ascii=False), encoding="utf-8")
        os.replace(provisoire, chemin)
    except (OSError, ErreurAtelier):
        return
