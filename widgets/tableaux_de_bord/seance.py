"""Preparing a class session (STUB kept minimal in the ``cockpit`` branch).

Another branch writes the real module with this exact signature; the teacher page
(``widgets.tableaux_de_bord.enseignant``) imports it lazily and shows what it returns.
"""

from __future__ import annotations

from pathlib import Path

from widgets.erreurs import ErreurAtelier


def preparer_seance(
    carnet: str, eleves: int, duree_minutes: int = 120, dossier: str | Path | None = None
) -> dict:
    """What a session of ``eleves`` students on ``carnet`` needs (stub: checks and echoes)."""
    if not str(carnet).strip():
        raise ErreurAtelier("Choisissez le carnet de la séance.")
    if int(eleves) <= 0:
        raise ErreurAtelier("Le nombre d'élèves doit être au moins 1.")
    if int(duree_minutes) <= 0:
        raise ErreurAtelier("La durée de la séance doit être d'au moins une minute.")
    return {
        "carnet": str(carnet),
        "eleves": int(eleves),
        "duree_minutes": int(duree_minutes),
        "taille_pool": int(eleves) + 1,
    }
