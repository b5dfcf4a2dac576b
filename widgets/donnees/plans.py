"""Enregistrement des plans de l'étudiant (plan de vente, tournée, plan d'action) en JSON.

Chaque plan est un fichier ``<dossier_utilisateur>/plans/<genre>/<nom>.json``. Une écriture
n'écrase jamais rien à moitié : le JSON est écrit dans un fichier temporaire du même dossier,
vidé sur disque, puis mis en place par ``os.replace`` (atomique, y compris sous Windows).
La version précédente est d'abord copiée dans ``<nom>.versions/NNNN.json`` (les ``GARDER``
dernières sont conservées) : un plan survit à un redémarrage du noyau, à un onglet fermé et à
une fausse manœuvre. Un fichier principal abîmé est remplacé à la lecture par la dernière
version lisible.

Sur un serveur de classe, chaque élève a ses plans (``etudiant`` : l'identité de la session,
voir ``widgets.ui.session.etudiant_des_plans``) dans ``plans/eleves/<fichier de l'élève>/`` :
deux élèves n'ouvrent jamais le même fichier. Un widget qui enregistre donne l'empreinte du
fichier qu'il a lu (``attendu``) : si le plan a été enregistré ailleurs depuis (un autre onglet,
un noyau préparé d'avance), l'écriture est refusée (:class:`PlanModifieAilleurs`) au lieu
d'écraser la version la plus récente.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

from widgets.donnees.chemins import dossier_utilisateur
from widgets.donnees.identite import nom_fichier_eleve
from widgets.erreurs import ErreurAtelier

GARDER = 30
DOSSIER_SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def nom_de_fichier(nom: str) -> str:
    """Nom de fichier sûr et portable tiré d'un titre : ``"Boutique « Tour Eiffel »"`` →
    ``"boutique-tour-eiffel"``."""
    texte = unicodedata.normalize("NFKD", nom or "").encode("ascii", "ignore").decode()
    texte = re.sub(r"[^A-Za-z0-9]+", "-", texte).strip("-").lower()[:80]
    if not texte:
        raise ErreurAtelier("Donnez un nom au plan (lettres ou chiffres).", champ="nom")
    return texte


class PlanModifieAilleurs(ErreurAtelier):
    """The plan on disk is not the one the widget read: it was saved elsewhere since."""


def dossier_eleve_plans(etudiant: str) -> Path:
    """Folder of one student's plans on a class server (not created here)."""
    return dossier_utilisateur() / "plans" / "eleves" / nom_fichier_eleve(etudiant, "")


def dossier_plans(genre: str = "plan_de_vente", etudiant: str | None = None) -> Path:
    """Dossier des plans d'un genre (``plan_de_vente``, ``tournee``, ``plan_action``…) ; avec
    ``etudiant``, celui de cet élève sur un serveur de classe."""
    racine = dossier_eleve_plans(etudiant) if etudiant else dossier_utilisateur() / "plans"
    dossier = racine / nom_de_fichier(genre).replace("-", "_")
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


def ecrire_atomique(chemin: Path, texte: str) -> None:
    """Écrit ``texte`` (UTF-8) dans ``chemin`` via un fichier temporaire et ``os.replace``."""
    chemin.parent.mkdir(parents=True, exist_ok=True)
    fd, temporaire = tempfile.mkstemp(prefix=f".{chemin.name}.", suffix=".tmp", dir=chemin.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(texte)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporaire, chemin)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise


def _chemin(nom: str, genre: str, etudiant: str | None = None) -> Path:
    return dossier_plans(genre, etudiant) / f"{nom_de_fichier(nom)}.json"


def empreinte_plan(nom: str, genre: str = "plan_de_vente", etudiant: str | None = None) -> str:
    """SHA-256 of the saved plan file as it is on disk (``""`` when there is none)."""
    try:
        return hashlib.sha256(_chemin(nom, genre, etudiant).read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def _dossier_versions(chemin: Path) -> Path:
    return chemin.with_name(chemin.stem + ".versions")


def versions_plan(
    nom: str, genre: str = "plan_de_vente", etudiant: str | None = None
) -> list[Path]:
    """Les versions précédentes d'un plan, de la plus ancienne à la plus récente."""
    dossier = _dossier_versions(_chemin(nom, genre, etudiant))
    if not dossier.is_dir():
        return []
    return sorted(dossier.glob("[0-9]*.json"))


def enregistrer_plan(
    nom: str,
    donnees: dict[str, Any],
    genre: str = "plan_de_vente",
    garder: int = GARDER,
    intervalle_versions: float = 0,
    *,
    etudiant: str | None = None,
    attendu: str | None = None,
) -> Path:
    """Enregistre le plan (dictionnaire JSON) ; garde la version précédente.

    ``attendu`` : l'empreinte (:func:`empreinte_plan`) du fichier que l'appelant a lu ; si le
    fichier a changé depuis, rien n'est écrit et :class:`PlanModifieAilleurs` est levée (le
    plan le plus récent n'est jamais écrasé par un onglet resté sur une version plus ancienne).

    Ne fait rien si le contenu n'a pas changé (pas de version inutile). Avec
    ``intervalle_versions`` (secondes), une nouvelle version n'est archivée que si la dernière
    a plus de cet âge : un widget qui enregistre à chaque frappe garde ainsi une version par
    minute, pas une par lettre (le fichier principal, lui, est toujours à jour).
    """
    chemin = _chemin(nom, genre, etudiant)
    if attendu is not None and empreinte_plan(nom, genre, etudiant) != attendu:
        raise PlanModifieAilleurs(
            f"Le plan « {nom} » a été enregistré ailleurs (un autre onglet ?) depuis qu'il est "
            "affiché ici : la version la plus récente est rechargée."
        )
    contenu = dict(donnees)
    texte_sans_date = json.dumps(contenu, ensure_ascii=False, indent=1, sort_keys=True)
    if chemin.exists():
        try:
            ancien = json.loads(chemin.read_text(encoding="utf-8"))
            ancien.pop("enregistre_le", None)
            if json.dumps(ancien, ensure_ascii=False, indent=1, sort_keys=True) == texte_sans_date:
                return chemin
        except (OSError, ValueError):
            pass
        versions = versions_plan(nom, genre, etudiant)
        recente = bool(versions) and (
            time.time() - versions[-1].stat().st_mtime < intervalle_versions
        )
        if not recente:
            numero = int(versions[-1].stem) + 1 if versions else 1
            dossier = _dossier_versions(chemin)
            ecrire_atomique(dossier / f"{numero:04d}.json", chemin.read_text(encoding="utf-8"))
            for vieille in versions[: max(0, len(versions) + 1 - garder)]:
                vieille.unlink(missing_ok=True)
    contenu["enregistre_le"] = datetime.now().isoformat(timespec="seconds")
    ecrire_atomique(chemin, json.dumps(contenu, ensure_ascii=False, indent=1, sort_keys=True))
    return chemin


def garder_version(
    nom: str, donnees: dict[str, Any], genre: str = "plan_de_vente", etudiant: str | None = None
) -> Path:
    """Range ``donnees`` parmi les versions du plan sans toucher au fichier principal (une saisie
    qui n'a pas pu être enregistrée, pour qu'elle ne soit jamais perdue)."""
    versions = versions_plan(nom, genre, etudiant)
    numero = int(versions[-1].stem) + 1 if versions else 1
    contenu = dict(donnees, enregistre_le=datetime.now().isoformat(timespec="seconds"))
    chemin = _dossier_versions(_chemin(nom, genre, etudiant)) / f"{numero:04d}.json"
    ecrire_atomique(chemin, json.dumps(contenu, ensure_ascii=False, indent=1, sort_keys=True))
    return chemin


def charger_plan(
    nom: str, genre: str = "plan_de_vente", etudiant: str | None = None
) -> dict[str, Any] | None:
    """Relit un plan enregistré (``None`` s'il n'existe pas).

    Si le fichier est abîmé, la dernière version lisible est rendue à sa place.
    """
    chemin = _chemin(nom, genre, etudiant)
    candidats = ([chemin] if chemin.exists() else []) + versions_plan(nom, genre, etudiant)[::-1]
    for fichier in candidats:
        try:
            donnees = json.loads(fichier.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(donnees, dict):
            donnees.pop("enregistre_le", None)
            return donnees
    if candidats:
        raise ErreurAtelier(f"Le plan « {nom} » est illisible et n'a pas de version de secours.")
    return None


def lister_plans(genre: str = "plan_de_vente", etudiant: str | None = None) -> list[str]:
    """Noms de fichier (sans extension) des plans enregistrés, par ordre alphabétique."""
    return sorted(p.stem for p in dossier_plans(genre, etudiant).glob("*.json"))


def supprimer_plan(nom: str, genre: str = "plan_de_vente", etudiant: str | None = None) -> None:
    """Met le plan de côté : il devient la dernière version (récupérable), le fichier disparaît."""
    chemin = _chemin(nom, genre, etudiant)
    if chemin.exists():
        versions = versions_plan(nom, genre, etudiant)
        numero = int(versions[-1].stem) + 1 if versions else 1
        ecrire_atomique(
            _dossier_versions(chemin) / f"{numero:04d}.json", chemin.read_text(encoding="utf-8")
        )
        chemin.unlink()


def exporter_fiche(
    nom: str, contenu_html: str, genre: str = "plan_de_vente", etudiant: str | None = None
) -> Path:
    """Écrit la fiche imprimable (HTML A4) à côté du plan et rend son chemin."""
    chemin = dossier_plans(genre, etudiant) / f"{nom_de_fichier(nom)}.html"
    ecrire_atomique(chemin, contenu_html)
    return chemin


# --------------------------------------------------------------------------- scénarios


def charger_scenarios(dossier: Path | None = None) -> list[dict[str, Any]]:
    """La bibliothèque de scénarios d'entretien (``widgets/donnees/scenarios/*.json``)."""
    dossier = DOSSIER_SCENARIOS if dossier is None else Path(dossier)
    scenarios = []
    for fichier in sorted(dossier.glob("*.json")):
        try:
            donnees = json.loads(fichier.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ErreurAtelier(f"Le scénario {fichier.name} est mal formé : {exc}") from exc
        donnees.setdefault("id", fichier.stem)
        scenarios.append(donnees)
    return scenarios


def scenario(identifiant: str, dossier: Path | None = None) -> dict[str, Any]:
    """Un scénario de la bibliothèque par son identifiant."""
    for s in charger_scenarios(dossier):
        if s["id"] == identifiant:
            return s
    raise ErreurAtelier(f"Aucun scénario « {identifiant} » dans la bibliothèque.")
