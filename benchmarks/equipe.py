"""Sectorisation of the 100 000-client database's communes into 8 sectors (target: ≤ 2 s).

Three figures, median of N runs taken in turn, all in the same run:

- reading: ``communes_a_secteur`` (one SQL aggregate of the year's invoices per client, ABC
  classes, grouping by commune);
- sectorising: ``sectoriser`` (compass sweep, every commune tried as the first of the circle);
- baseline: ``ordre_boussole`` alone (sorting the communes around the base), the floor any
  sweep method pays; the ratio sectorising / baseline is what the balancing search adds.

    .venv/bin/python benchmarks/equipe.py    # builds or reuses benchmarks/_work/clients_100k.db
    .venv/bin/python benchmarks/equipe.py --secteurs 8 --repetitions 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from widgets.calculs.sectorisation import ordre_boussole, parametres, sectoriser  # noqa: E402
from widgets.donnees.equipe import communes_a_secteur  # noqa: E402

PARIS = (48.8566, 2.3522)


def median(fonction, repetitions: int) -> tuple[float, float, object]:
    """Median wall and CPU time of ``fonction()`` over ``repetitions`` runs, and its result."""
    murs, cpus, resultat = [], [], None
    for _ in range(repetitions):
        cpu, mur = time.process_time(), time.perf_counter()
        resultat = fonction()
        murs.append(time.perf_counter() - mur)
        cpus.append(time.process_time() - cpu)
    return statistics.median(murs), statistics.median(cpus), resultat


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", type=Path, default=RACINE / "benchmarks/_work/clients_100k.db")
    p.add_argument("--clients", type=int, default=100_000)
    p.add_argument("--secteurs", type=int, default=8)
    p.add_argument("--repetitions", type=int, default=5)
    args = p.parse_args(argv)
    if not args.base.exists():
        from widgets.donnees.generation import construire_base

        print(f"Construction de {args.base} ({args.clients} clients)…", flush=True)
        print(construire_base(args.base, clients=args.clients, graine=2026), flush=True)

    communes_a_secteur(args.base)  # warm the page cache
    lecture = median(lambda: communes_a_secteur(args.base), args.repetitions)
    communes = lecture[2]
    hyp = parametres(PARIS)
    tri = median(lambda: ordre_boussole(communes, PARIS), args.repetitions)
    decoupe = median(lambda: sectoriser(communes, args.secteurs, hyp), args.repetitions)
    s = decoupe[2]
    print(
        f"Base : {args.base.name} ({args.base.stat().st_size / 1e6:.0f} Mo), "
        f"{len(communes)} communes, {sum(c.clients for c in communes)} clients, "
        f"{args.secteurs} secteurs, médiane de {args.repetitions}\n"
    )
    print(f"{'étape':<34}{'mur':>10}{'CPU':>10}{'ratio':>8}")
    for nom, (mur, cpu, _) in (
        ("lecture (communes_a_secteur)", lecture),
        ("référence : tri à la boussole", tri),
        ("sectorisation (sectoriser)", decoupe),
    ):
        print(f"{nom:<34}{mur * 1000:>8.0f} ms{cpu * 1000:>7.0f} ms{mur / tri[0]:>8.1f}")
    total = lecture[0] + decoupe[0]
    print(f"\nLecture + sectorisation : {total:.2f} s (objectif ≤ 2 s)")
    print(f"Écart max. à la moyenne : CA {s.ecart_ca} %, charge {s.ecart_charge} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
