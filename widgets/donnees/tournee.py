"""A prospecting tour over targets read from the base: which targets (the student's criteria,
read through :func:`widgets.donnees.cibles.selectionner_cibles`) and the plan over them
(:func:`widgets.calculs.tournee.planifier_tournee`, pure).

The widget :class:`widgets.ui.tournee.PlanDeTournee` only reads the fields, calls
:func:`cibles_de_la_tournee` and :func:`plan_de_tournee`, and draws the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from widgets.calculs.tournee import (
    Arret,
    Calendrier,
    CoutPlan,
    Journee,
    ParametresTournee,
    ResultatsAttendus,
    planifier_tournee,
)
from widgets.donnees.cibles import Cible, selectionner_cibles
from widgets.erreurs import ErreurAtelier

#: The target natures offered to the student (label → natures of ``selectionner_cibles``).
NATURES = {
    "Clients et prospects": ("client", "prospect"),
    "Clients": ("client",),
    "Prospects": ("prospect",),
    "Clients dormants": ("client",),
}


@dataclass(frozen=True)
class CriteresCibles:
    """What the student asks for (hashable: the widget caches the selection on it)."""

    nature: str
    types: tuple[str, ...]
    departements: tuple[str, ...]
    potentiel: Decimal | None = None
    dormants_mois: int | None = None

    @classmethod
    def depuis_saisie(
        cls,
        nature: str,
        types: tuple[str, ...],
        departements: str,
        potentiel: Decimal | None,
        dormants_mois: int,
    ) -> CriteresCibles:
        """``departements`` as typed (``"75, 92"`` or ``"75 ; 92"``); the dormant months only
        count for the « Clients dormants » nature."""
        return cls(
            nature,
            tuple(types),
            tuple(d.strip() for d in departements.replace(";", ",").split(",") if d.strip()),
            potentiel,
            dormants_mois if nature == "Clients dormants" else None,
        )


def cibles_de_la_tournee(base: Path | str | None, criteres: CriteresCibles) -> list[Cible]:
    """The targets matching ``criteres``; a French error when no type is chosen or nothing
    matches."""
    if not criteres.types:
        raise ErreurAtelier("choisissez au moins un type de client.", champ="Types")
    trouvees = selectionner_cibles(
        base,
        natures=NATURES[criteres.nature],
        types=criteres.types,
        departements=criteres.departements,
        potentiel_min=criteres.potentiel,
        dormants_depuis_mois=criteres.dormants_mois,
    )
    if not trouvees:
        raise ErreurAtelier(
            "aucune cible ne répond à ces critères : élargissez la sélection.", champ="Cibles"
        )
    return trouvees


@dataclass
class ResultatTournee:
    """Everything the tour widget shows."""

    cibles: list[Cible]
    calendrier: Calendrier
    journees: list[Journee]
    arrets_par_jour: list[list[Cible | None]]
    km: Decimal
    minutes: int
    cout: CoutPlan
    attendus: ResultatsAttendus
    visites_par_jour_necessaires: int
    depart: Arret


def plan_de_tournee(
    cibles: list[Cible], depart: Arret, parametres: ParametresTournee, max_cibles: int
) -> ResultatTournee:
    """The plan over the first ``max_cibles`` targets, each day's stops as targets."""
    choisies = cibles[:max_cibles]
    plan = planifier_tournee([c.arret() for c in choisies], depart, parametres)
    return ResultatTournee(
        choisies,
        plan.calendrier,
        plan.journees,
        [[choisies[i] for i in jour] for jour in plan.ordre_par_jour],
        plan.km,
        plan.minutes,
        plan.cout,
        plan.attendus,
        plan.visites_par_jour_necessaires,
        depart,
    )


__all__ = [
    "NATURES",
    "CriteresCibles",
    "ResultatTournee",
    "cibles_de_la_tournee",
    "plan_de_tournee",
]
