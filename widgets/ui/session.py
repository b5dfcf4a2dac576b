"""Who the student of this kernel is, for the files kept per student (SQL history, sandbox).

- :func:`retenir_eleve`: the class-list identity locked in this kernel, per class folder
  (called by ``widgets.ui.exercice.Exercice.se_connecter``: one student per page/kernel);
- :func:`etudiant_de_session`: the identity a widget without an explicit ``etudiant`` keys
  its files by: the hub user; on a dashboards server (``ATELIER_CLASSE``), the student locked
  in this kernel, else a key of this kernel alone (its files are removed when the kernel
  exits), so two students never share a history or a sandbox; alone at home, ``None`` (the
  user's own files, as before).
"""

from __future__ import annotations

import atexit
import os
import uuid
from pathlib import Path

from widgets.donnees.classe import Eleve, charger_classe, utilisateur_hub

_SESSION: dict[str, Eleve] = {}
"""Identity locked in this kernel, per class folder (one student per Voilà page/kernel)."""
_NOYAU = f"noyau {os.getpid()} {uuid.uuid4().hex[:12]}"
"""This kernel's own key on a dashboards server, until its student is identified."""
_FICHIERS_DU_NOYAU: set[Path] = set()

__all__ = ["etudiant_de_session", "fichier_du_noyau", "retenir_eleve"]


def retenir_eleve(dossier: str | Path, eleve: Eleve) -> None:
    """The student identified in this kernel for the class folder ``dossier``."""
    _SESSION[str(dossier)] = eleve


def etudiant_de_session() -> str | None:
    """The hub user, the student locked in this kernel, this kernel's key, or None."""
    hub = utilisateur_hub()
    if hub is not None:
        return hub
    if not os.environ.get("ATELIER_CLASSE", "").strip():
        return None  # a student alone: their own data folder
    classe = charger_classe()
    if classe is not None and str(classe.dossier) in _SESSION:
        return _SESSION[str(classe.dossier)].identifiant
    return _NOYAU


def fichier_du_noyau(etudiant: str | None, chemin: Path) -> Path:
    """``chemin``; removed when the kernel exits if it belongs to this kernel's own key."""
    if etudiant == _NOYAU:
        _FICHIERS_DU_NOYAU.add(Path(chemin))
    return chemin


@atexit.register
def _nettoyer() -> None:  # pragma: no cover - runs at interpreter exit
    for chemin in _FICHIERS_DU_NOYAU:
        try:
            Path(chemin).unlink(missing_ok=True)
        except OSError:
            pass
