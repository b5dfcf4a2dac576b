"""Client database build benchmark: time, file size and rows per second for several sizes.

    .venv/bin/python benchmarks/build_db.py                      # 2 000 and 100 000 clients
    .venv/bin/python benchmarks/build_db.py --sizes 2000 20000 --seed 2026
    .venv/bin/python benchmarks/build_db.py --json benchmarks/_work/build_db.json
    .venv/bin/python benchmarks/build_db.py --sizes 20000 --baseline   # + in-process writing
    .venv/bin/python benchmarks/build_db.py --sizes 100000 --sans-empreinte \
        --garder benchmarks/_work/clients_100k.db

``--baseline`` builds each size a second time with every row written in-process (the way
the generator worked before the writer process) and prints the ratio of the two wall times.
``--garder`` keeps the (single) build at that path: ``make test`` builds its 100k base so.

Each size is built into a temporary folder (deleted afterwards), then its fingerprint is taken
so the run also shows that the build is deterministic (same seed → same fingerprint);
``--sans-empreinte`` skips it (hashing 9 million rows takes longer than building them).
CPU time (process) is reported next to wall time: on a shared machine the wall time varies.
From 10 000 clients on the orders are drawn in bulk (``generation/vectorise.py``): sizes on
either side of that threshold come from two generation paths.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from widgets.donnees.generation import construire_base, empreinte  # noqa: E402


def cpu_des_enfants() -> float:
    """CPU seconds of finished child processes (the writer process of large builds)."""
    try:
        import resource
    except ImportError:  # Windows: not reported
        return 0.0
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def mesurer(
    clients: int,
    graine: int,
    dossier: Path,
    processus_ecriture: bool | None = None,
    garder: Path | None = None,
    avec_empreinte: bool = True,
) -> dict:
    chemin = garder or dossier / f"clients_{clients}.db"
    cpu = time.process_time()
    cpu_enfants = cpu_des_enfants()
    mur = time.perf_counter()
    rapport = construire_base(
        chemin, clients=clients, graine=graine, processus_ecriture=processus_ecriture
    )
    mur = time.perf_counter() - mur
    cpu = time.process_time() - cpu
    cpu_enfants = cpu_des_enfants() - cpu_enfants
    resultat = {
        "clients": clients,
        "graine": graine,
        "secondes": round(mur, 2),
        "secondes_cpu": round(cpu, 2),
        "secondes_cpu_ecriture": round(cpu_enfants, 2),
        "octets": rapport.taille_octets,
        "lignes": rapport.total_lignes,
        "lignes_par_seconde": round(rapport.total_lignes / mur),
        "lignes_par_seconde_cpu": round(rapport.total_lignes / max(cpu, 1e-9)),
        "lignes_commande": rapport.lignes["lignes_commande"],
        "empreinte": empreinte(chemin)[:16] if avec_empreinte else "non calculée",
    }
    if garder is None:
        chemin.unlink()
    return resultat


def afficher(r: dict, libelle: str = "") -> None:
    print(
        f"{r['clients']:>8} clients{libelle} : {r['secondes']:7.1f} s "
        f"(CPU {r['secondes_cpu']:.1f} s + écriture {r['secondes_cpu_ecriture']:.1f} s), "
        f"{r['octets'] / 1_048_576:8.1f} Mo, {r['lignes']:>10} lignes "
        f"(dont {r['lignes_commande']} lignes de commande), "
        f"{r['lignes_par_seconde']:>8} lignes/s ({r['lignes_par_seconde_cpu']} par s CPU), "
        f"empreinte {r['empreinte']}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[2000, 100_000])
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--json", type=Path, default=None, help="Also write the results as JSON.")
    p.add_argument(
        "--baseline",
        action="store_true",
        help="Also build each size with in-process writing and print the wall-time ratio.",
    )
    p.add_argument("--garder", type=Path, default=None, help="Keep the (single) build here.")
    p.add_argument(
        "--sans-empreinte", action="store_true", help="Do not hash the rows after the build."
    )
    args = p.parse_args(argv)
    if args.garder and len(args.sizes) != 1:
        p.error("--garder keeps one build: give one size")

    resultats = []
    with tempfile.TemporaryDirectory(prefix="atelier-bench-") as tmp:
        for n in args.sizes:
            r = mesurer(
                n, args.seed, Path(tmp), garder=args.garder, avec_empreinte=not args.sans_empreinte
            )
            resultats.append(r)
            afficher(r)
            if args.baseline:
                b = mesurer(n, args.seed, Path(tmp), processus_ecriture=False)
                afficher(b, " (écriture dans le même processus)")
                r["secondes_reference"] = b["secondes"]
                print(
                    f"{'':>8} rapport temps de référence / temps actuel : "
                    f"{b['secondes'] / r['secondes']:.2f}",
                    flush=True,
                )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(resultats, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
