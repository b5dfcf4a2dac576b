"""Capacity planner: cores, memory and pool sizes for N students, from measured figures only.

``atelier capacite --eleves 300 --simultanes 120`` prints :func:`decrire_capacite` of
:func:`planifier_capacite`. Every figure comes from the ONE table :data:`MESURES` below, each
entry citing the measurement it comes from (``benchmarks/classroom.py``, docs/benchmarks.md,
« Une classe de 35 sur un tableau de bord »); nothing else in the computation is a guess,
except the choices named as such (:data:`ELEVES_PAR_CLASSE`, :data:`DELAI_PREPARATION_S`,
:data:`STOCKAGE_ELEVE_GIO`), which are settings of the shipped configuration or of
``deploy/z2jh/values.yaml``.

Pure: no I/O, no clock; the CLI prints the text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from widgets.calculs.format import format_nombre
from widgets.calculs.francais import accorder
from widgets.donnees.chemins import DOSSIER_APPS
from widgets.erreurs import ErreurAtelier


@dataclass(frozen=True)
class Mesure:
    """One measured figure and where it comes from (date, command, machine)."""

    valeur: float
    unite: str
    source: str


_MACHINE = "machine du projet, 2 cœurs, 24 Gio"
_CLASSE_35 = (
    "benchmarks/classroom.py --apres-ouverture --app voila_apps/negociation.ipynb "
    '--champ prix-catalogue --valeurs "1 500" "1 450,50" "1 600"'
)

MESURES: dict[str, Mesure] = {
    # 70–85 MB a kernel (docs/benchmarks.md, 2026-11-28, commit 01fab91): the upper bound.
    "memoire_noyau_mo": Mesure(
        85,
        "Mo par noyau",
        "70 à 85 Mo par noyau, benchmarks/classroom.py --eleves 35 "
        f"(2026-11-28, {_MACHINE}) : on retient le haut de la fourchette",
    ),
    # 35 students, shipped settings, quiet machine (2026-12-01, commit 5b93a6d): peak 5 288 MB
    # for 11 apps × 2 at rest + 36 for the opened app = 58 kernels → 5 288 − 58 × 85 = 358 MB.
    "memoire_serveur_mo": Mesure(
        358,
        "Mo pour le serveur",
        f"pic de 5 288 Mo pour 58 noyaux (11 applications × 2 + 36), {_CLASSE_35} "
        f"(2026-12-01, {_MACHINE}) : 5 288 − 58 × 85 = 358 Mo",
    ),
    # Same run, plain Voilà: 35 pages asked within 10 s, each a kernel start + the whole
    # notebook, p95 35.46 s on 2 cores → 35 / (35.46 × 2) = 0.49 page per second per core
    # (the wave's duration read as a throughput: an approximation, said so in the source).
    # A pool kernel costs the same work (start + notebook) ahead of time.
    "pages_froides_par_s_par_coeur": Mesure(
        0.49,
        "page préparée par seconde et par cœur",
        "35 pages de Voilà brut (démarrage du noyau + carnet) demandées en 10 s, 95 % "
        f"servies en 35,46 s au plus (p95) sur 2 cœurs, {_CLASSE_35} (2026-12-01) : "
        "35 ÷ (35,46 × 2) = 0,49 (la durée de la vague prise pour un débit : approché)",
    ),
    # Same run, the project's server: the 35 students served from the pool on 2 cores,
    # p95 0.37 s → 17.5 students per core held (a lower bound: nothing was saturated).
    "eleves_par_coeur": Mesure(
        17.5,
        "élèves simultanés par cœur",
        f"35 élèves servis par la réserve sur 2 cœurs, p95 0,37 s, 0 erreur, {_CLASSE_35} "
        "(2026-12-01) : 35 ÷ 2 = 17,5 (borne basse : la machine n'était pas saturée)",
    ),
}
"""The measured figures (the only source of the planner's numbers)."""

ELEVES_PAR_CLASSE = 35
"""A class: ``taille_classe`` = 36 in the shipped configuration is a class of 35 + 1."""
TAILLE_POOL_REPOS = 2
"""``taille_pool_defaut`` of the shipped configuration (kernels ready per app at rest)."""
APPLICATIONS_MESUREES = 11
"""Apps of ``voila_apps/`` when the figures were measured (pools at rest: 11 × 2); a plan
counts the apps shipped today (:func:`applications_livrees`)."""
DELAI_PREPARATION_S = 300
"""Each class's app is opened 5 minutes before the class (docs/deploiement.md)."""
STOCKAGE_ELEVE_GIO = 1
"""Per-student volume of ``deploy/z2jh/values.yaml`` (``singleuser.storage.capacity``)."""


@dataclass(frozen=True)
class PlanCapacite:
    """What a server (or a cluster) needs for ``simultanes`` students out of ``eleves``."""

    eleves: int
    simultanes: int
    classes: int
    reserve_repos: int
    taille_classe: int
    noyaux_pic: int
    memoire_mo: int
    memoire_gio: int
    coeurs_service: int
    coeurs_preparation: int
    coeurs: int
    stockage_gio: int


def applications_livrees() -> int:
    """The number of apps in ``voila_apps/`` (each keeps a pool at rest)."""
    return len(list(DOSSIER_APPS.glob("*.ipynb")))


def planifier_capacite(
    eleves: int, simultanes: int, *, applications: int | None = None
) -> PlanCapacite:
    """Plan the dashboards server for ``simultanes`` students at once out of ``eleves``.

    - classes = ⌈simultanés ÷ 35⌉, each opening its app: its pool grows to 36 kernels;
    - peak kernels = applications (default: those shipped) × 2 (pools at rest) + classes × 36;
    - memory = peak kernels × memory per kernel + the server, rounded up to the GiB;
    - cores = the larger of ⌈simultanés ÷ students per core⌉ (serving) and the cores that
      prepare every class's pool in :data:`DELAI_PREPARATION_S` (kernels ÷ pages per second
      per core ÷ delay);
    - storage = one volume of :data:`STOCKAGE_ELEVE_GIO` per student (JupyterHub).
    """
    for nom, valeur in (("élèves", eleves), ("élèves simultanés", simultanes)):
        if isinstance(valeur, bool) or not isinstance(valeur, int) or valeur < 1:
            raise ErreurAtelier(
                f"il faut un nombre entier d'au moins 1 (reçu : {valeur!r})", champ=nom
            )
    if applications is None:
        applications = applications_livrees()
    if applications < 1:
        raise ErreurAtelier("il faut au moins une application", champ="applications")
    if simultanes > eleves:
        raise ErreurAtelier(
            f"{simultanes} élèves simultanés pour {eleves} élèves en tout : "
            "il ne peut pas y en avoir plus en même temps qu'au total",
            champ="élèves simultanés",
        )
    m = {cle: mesure.valeur for cle, mesure in MESURES.items()}
    classes = math.ceil(simultanes / ELEVES_PAR_CLASSE)
    taille_classe = ELEVES_PAR_CLASSE + 1
    reserve_repos = applications * TAILLE_POOL_REPOS
    noyaux_pic = reserve_repos + classes * taille_classe
    memoire_mo = math.ceil(noyaux_pic * m["memoire_noyau_mo"] + m["memoire_serveur_mo"])
    coeurs_service = math.ceil(simultanes / m["eleves_par_coeur"])
    a_preparer = classes * taille_classe
    coeurs_preparation = math.ceil(
        a_preparer / m["pages_froides_par_s_par_coeur"] / DELAI_PREPARATION_S
    )
    return PlanCapacite(
        eleves=eleves,
        simultanes=simultanes,
        classes=classes,
        reserve_repos=reserve_repos,
        taille_classe=taille_classe,
        noyaux_pic=noyaux_pic,
        memoire_mo=memoire_mo,
        memoire_gio=math.ceil(memoire_mo / 1024),
        coeurs_service=coeurs_service,
        coeurs_preparation=coeurs_preparation,
        coeurs=max(coeurs_service, coeurs_preparation),
        stockage_gio=eleves * STOCKAGE_ELEVE_GIO,
    )


def _n(valeur: float, decimales: int | None = 0) -> str:
    return format_nombre(valeur, decimales)


def decrire_capacite(plan: PlanCapacite) -> str:
    """The plan in French, with the settings to write and the measurements used."""
    lignes = [
        f"Capacité pour {accorder(plan.simultanes, 'élève simultané', 'élèves simultanés')} "
        f"sur {_n(plan.eleves)} ({accorder(plan.classes, 'classe')} de {ELEVES_PAR_CLASSE} "
        "au plus en même temps) :",
        f"- cœurs : {_n(plan.coeurs)} (service des élèves : {_n(plan.coeurs_service)}, "
        f"préparation des réserves en {_n(DELAI_PREPARATION_S // 60)} min : "
        f"{_n(plan.coeurs_preparation)})",
        f"- mémoire : {_n(plan.memoire_gio)} Gio ({_n(plan.memoire_mo)} Mo pour "
        f"{_n(plan.noyaux_pic)} noyaux au plus et le serveur)",
        f"- réserves : {_n(plan.reserve_repos)} noyaux au repos "
        f"(taille_pool_defaut = {TAILLE_POOL_REPOS}), {_n(plan.taille_classe)} par application "
        f"ouverte (taille_classe = {plan.taille_classe}), max_noyaux_total = {plan.noyaux_pic}",
        f"- stockage JupyterHub : {_n(plan.stockage_gio)} Gio "
        f"({_n(plan.eleves)} volumes de {STOCKAGE_ELEVE_GIO} Gio, la progression de chaque élève)",
        "Mesures utilisées (docs/benchmarks.md) :",
    ]
    for mesure in MESURES.values():
        lignes.append(f"- {_n(mesure.valeur, None)} {mesure.unite} : {mesure.source}")
    return "\n".join(lignes)
