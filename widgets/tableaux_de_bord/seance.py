"""Session preparation: "my class of 35 opens negociation.ipynb now, for two hours".

A teacher never edits a config file before class. They run ``atelier seance --app negociation
--eleves 35`` (or use the teacher page, which calls :func:`preparer_seance`); the dashboards
server reads the file when a page is opened and every second, and grows that app's pool of
pre-heated kernels to ``eleves + 1`` until the session ends (:mod:`.reserve`).

The sessions live in one small JSON file, ``seances.json``, in the server data folder
(:func:`widgets.donnees.chemins.dossier_serveur`, or the ``dossier_donnees`` setting): a file,
so that the command works without HTTP, login or even a running server, and on Windows::

    {"seances": {"negociation.ipynb": {"eleves": 35,
                                         "debut": "2026-12-01T08:00:00+01:00",
                                         "fin": "2026-12-01T10:00:00+01:00"}}}

One entry per app (preparing the same app again replaces its entry); ended sessions are
dropped at the next write and ignored when read. The file is replaced atomically, so the
server never reads half of it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from widgets.calculs import accorder
from widgets.donnees.chemins import dossier_serveur
from widgets.erreurs import ErreurAtelier

FICHIER_SEANCES = "seances.json"
ELEVES_MAX = 200
DUREE_MAX_MINUTES = 12 * 60


@dataclass(frozen=True)
class Seance:
    """Une séance préparée : ``eleves`` élèves ouvrent ``carnet`` entre ``debut`` et ``fin``."""

    carnet: str
    eleves: int
    debut: datetime
    fin: datetime

    @property
    def reserve(self) -> int:
        """Noyaux préchauffés voulus pour la séance : un par élève, plus un de secours."""
        return self.eleves + 1

    def en_cours(self, maintenant: datetime) -> bool:
        return self.debut <= maintenant < self.fin


def _maintenant() -> datetime:
    return datetime.now().astimezone()


def chemin_seances(dossier: str | Path | None = None) -> Path:
    """Fichier des séances dans ``dossier`` (défaut : dossier des données du serveur)."""
    return Path(dossier or dossier_serveur()) / FICHIER_SEANCES


def nom_carnet(app: str, carnets: Iterable[str] | None = None) -> str:
    """``negociation`` or ``negociation.ipynb`` → ``negociation.ipynb``, checked in ``carnets``.

    Unknown app → :class:`ErreurAtelier` listing the apps in French.
    """
    nom = (app or "").strip().replace("\\", "/")
    if not nom:
        raise ErreurAtelier("donnez le nom d'une application, par exemple negociation.")
    if not nom.endswith(".ipynb"):
        nom += ".ipynb"
    if carnets is not None:
        connus = sorted(carnets)
        if nom not in connus:
            if not connus:
                raise ErreurAtelier(f"application « {app} » inconnue : aucune n'est publiée.")
            liste = ", ".join(c.removesuffix(".ipynb") for c in connus)
            raise ErreurAtelier(
                f"application « {app} » inconnue. Applications disponibles : {liste}."
            )
    return nom


def _lire_brut(chemin: Path) -> dict:
    try:
        donnees = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, being replaced on Windows, or hand-broken
        return {}
    seances = donnees.get("seances") if isinstance(donnees, dict) else None
    return seances if isinstance(seances, dict) else {}


def _seance(carnet: str, brut: object) -> Seance | None:
    if not isinstance(brut, dict):
        return None
    try:
        return Seance(
            carnet=carnet,
            eleves=int(brut["eleves"]),
            debut=datetime.fromisoformat(brut["debut"]),
            fin=datetime.fromisoformat(brut["fin"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def lire_seances(
    dossier: str | Path | None = None, *, maintenant: datetime | None = None
) -> dict[str, Seance]:
    """Séances en cours, par carnet (fichier absent ou illisible : aucune)."""
    maintenant = maintenant or _maintenant()
    seances = {}
    for carnet, brut in _lire_brut(chemin_seances(dossier)).items():
        seance = _seance(carnet, brut)
        if seance is not None and seance.en_cours(maintenant):
            seances[carnet] = seance
    return seances


def lire_seance(
    carnet: str, dossier: str | Path | None = None, *, maintenant: datetime | None = None
) -> Seance | None:
    """La séance en cours sur ``carnet`` (``negociation`` ou ``negociation.ipynb``), ou None."""
    return lire_seances(dossier, maintenant=maintenant).get(nom_carnet(carnet))


def _ecrire(chemin: Path, seances: dict[str, Seance]) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    contenu = {
        "seances": {
            s.carnet: {
                "eleves": s.eleves,
                "debut": s.debut.isoformat(timespec="seconds"),
                "fin": s.fin.isoformat(timespec="seconds"),
            }
            for s in sorted(seances.values(), key=lambda s: s.carnet)
        }
    }
    fd, provisoire = tempfile.mkstemp(prefix=".seances-", suffix=".json", dir=chemin.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(contenu, f, ensure_ascii=False, indent=2)
        os.replace(provisoire, chemin)
    except BaseException:
        Path(provisoire).unlink(missing_ok=True)
        raise


def preparer_seance(
    carnet: str, eleves: int, duree_minutes: int = 120, dossier: str | Path | None = None
) -> Seance:
    """Prépare une séance : ``eleves`` élèves ouvrent ``carnet`` à partir de maintenant.

    - ``carnet`` : l'application, avec ou sans ``.ipynb`` (``"negociation"``) ;
    - ``eleves`` : nombre d'élèves (1 à 200) ; le serveur garde ``eleves + 1`` noyaux prêts ;
    - ``duree_minutes`` : durée de la séance (défaut 120 min, au plus 12 h) ; ensuite la
      réserve revient à sa taille ordinaire ;
    - ``dossier`` : dossier des données du serveur (défaut :
      :func:`widgets.donnees.chemins.dossier_serveur`).

    Préparer de nouveau la même application remplace sa séance ; ``eleves`` invalide →
    :class:`ErreurAtelier` en français. Le serveur n'a pas besoin d'être redémarré. Renvoie la
    :class:`Seance` enregistrée.
    """
    nom = nom_carnet(carnet)
    if isinstance(eleves, bool) or not isinstance(eleves, int) or not 1 <= eleves <= ELEVES_MAX:
        raise ErreurAtelier(
            f"le nombre d'élèves doit être un entier entre 1 et {ELEVES_MAX}.", champ="élèves"
        )
    if (
        isinstance(duree_minutes, bool)
        or not isinstance(duree_minutes, int)
        or not 1 <= duree_minutes <= DUREE_MAX_MINUTES
    ):
        raise ErreurAtelier(
            f"la durée doit être un nombre entier de minutes entre 1 et {DUREE_MAX_MINUTES}.",
            champ="durée",
        )
    debut = _maintenant().replace(microsecond=0)
    seance = Seance(nom, eleves, debut, debut + timedelta(minutes=duree_minutes))
    chemin = chemin_seances(dossier)
    seances = lire_seances(dossier, maintenant=debut)
    seances[nom] = seance
    _ecrire(chemin, seances)
    return seance


def terminer_seance(carnet: str, dossier: str | Path | None = None) -> bool:
    """Termine tout de suite la séance de ``carnet`` ; False s'il n'y en avait pas."""
    nom = nom_carnet(carnet)
    seances = lire_seances(dossier)
    if nom not in seances:
        return False
    del seances[nom]
    _ecrire(chemin_seances(dossier), seances)
    return True


def decrire_seance(seance: Seance) -> str:
    """Phrase française pour l'enseignant (CLI, page de l'enseignant)."""
    application = seance.carnet.removesuffix(".ipynb")
    eleves = accorder(seance.eleves, "élève")
    noyaux = accorder(seance.reserve, "noyau préchauffé", "noyaux préchauffés")
    return (
        f"Séance préparée : {application} pour {eleves}, de {seance.debut:%H:%M} à "
        f"{seance.fin:%H:%M} ; le serveur prépare {noyaux}, sans redémarrage."
    )
