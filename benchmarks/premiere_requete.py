"""First query of a requêteur page: cold worker (old behaviour) versus warmed (issue 17 pt 4).

The page of ``voila_apps/requeteur_sql.ipynb`` builds the requêteur and runs
``SELECT … FROM clients LIMIT 10``. Before the warm-up, the SQL worker process was spawned by
that first query, which paid its whole start. Now the constructor spawns it in the background
(``widgets.sql.demarrer_en_arriere_plan``) and the start overlaps the widget construction.

Each repetition stops the worker, then, in turns (same load for both):

- ``froid``: the warm-up is switched off (the old behaviour, baseline of the same run);
- ``chaud``: the normal constructor.

Printed: median and p95 of the first query (``executer()``) and of the whole page
(constructor + first query), then of a second query (what "as fast as the next ones" means),
and the ratios froid / chaud.

    .venv/bin/python benchmarks/premiere_requete.py
    .venv/bin/python benchmarks/premiere_requete.py --repetitions 21 --base datasets/clients.db
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from widgets.sql import moteur  # noqa: E402
from widgets.ui import requeteur as module_requeteur  # noqa: E402

SQL = "SELECT raison_sociale, type_client, ville\nFROM clients\nLIMIT 10"


def p95(valeurs: list[float]) -> float:
    v = sorted(valeurs)
    return v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]


def une_page(base: Path, chaud: bool) -> tuple[float, float, float]:
    """(constructor + first query, first query, second query) in seconds, worker stopped first."""
    moteur.arreter_moteur()
    vrai = module_requeteur.demarrer_en_arriere_plan
    if not chaud:
        module_requeteur.demarrer_en_arriere_plan = lambda: None
    try:
        debut = time.perf_counter()
        r = module_requeteur.Requeteur(base, sql=SQL, lignes_editeur=6)
        avant = time.perf_counter()
        r.executer()
        fin = time.perf_counter()
        if r.erreur:
            raise SystemExit(f"échec de la requête : {r.erreur}")
        r.executer()
        seconde = time.perf_counter() - fin
    finally:
        module_requeteur.demarrer_en_arriere_plan = vrai
    return fin - debut, fin - avant, seconde


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=str(RACINE / "benchmarks/_work/clients_100k.db"))
    parser.add_argument("--repetitions", type=int, default=11)
    args = parser.parse_args()
    base = Path(args.base)
    if not base.exists():
        raise SystemExit(f"Base absente : {base} (make db, ou benchmarks/build_db.py)")

    une_page(base, True)  # imports, page cache
    mesures: dict[bool, list[tuple[float, float, float]]] = {False: [], True: []}
    cpu = time.process_time()
    for _ in range(args.repetitions):
        for chaud in (False, True):
            mesures[chaud].append(une_page(base, chaud))
    cpu = time.process_time() - cpu
    moteur.arreter_moteur()

    charge = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"Base : {base.name} ; {args.repetitions} répétitions ; charge moyenne {charge}")
    print(f"Temps CPU du noyau (les deux cas, hors processus de travail) : {cpu:.2f} s\n")
    entete = f"{'mesure (ms)':<34}{'froid méd.':>11}{'p95':>8}{'chaud méd.':>12}{'p95':>8}"
    print(entete + f"{'ratio':>8}")
    print("-" * 81)
    for i, nom in enumerate(
        ("page : constructeur + 1re requête", "1re requête (executer)", "2e requête (référence)")
    ):
        f = [m[i] for m in mesures[False]]
        c = [m[i] for m in mesures[True]]
        print(
            f"{nom:<34}{statistics.median(f) * 1e3:>11.1f}{p95(f) * 1e3:>8.1f}"
            f"{statistics.median(c) * 1e3:>12.1f}{p95(c) * 1e3:>8.1f}"
            f"{statistics.median(f) / statistics.median(c):>8.2f}"
        )
    print("\nratio = froid / chaud (médianes) ; chaud : travailleur démarré par le constructeur.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
