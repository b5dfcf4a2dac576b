"""Portfolio analysis on the 100 000-client database: each analysis of
``widgets.donnees.portefeuille`` (SQL + pure calculation), median of N runs, wall and CPU time,
against a baseline measured in the same run (the bare ``sqlite3`` aggregate it rests on).

    .venv/bin/python benchmarks/portefeuille.py            # builds or reuses the 100k base
    .venv/bin/python benchmarks/portefeuille.py --repetitions 7 --base path/to/clients.db

Targets of the issue: median ≤ 100 ms per analysis query; a whole ABC of 100 000 clients
≤ 1 s. CPU time is the steadier figure on a shared machine.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from widgets.calculs.prevision import prevoir  # noqa: E402
from widgets.donnees import portefeuille as P  # noqa: E402


def mesurer(fonction, repetitions: int) -> tuple[float, float]:
    """Median wall and CPU time (ms) of ``fonction()``, after one warm-up run."""
    fonction()
    murs, cpus = [], []
    for _ in range(repetitions):
        m, c = time.perf_counter(), time.process_time()
        fonction()
        murs.append((time.perf_counter() - m) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(murs), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=str(RACINE / "benchmarks/_work/clients_100k.db"))
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    base = Path(args.base)
    if not base.exists():
        from widgets.donnees.generation import construire_base

        base.parent.mkdir(parents=True, exist_ok=True)
        print(construire_base(base, clients=args.clients, graine=2026), flush=True)
    connexion = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)

    def brut(sql: str, parametres=()):
        return lambda: connexion.execute(sql, parametres).fetchall()

    id_client = connexion.execute(
        "SELECT id_client FROM factures WHERE date_facture >= '2025-06-01' LIMIT 1"
    ).fetchone()[0]
    annee = "f.date_facture BETWEEN '2025-01-01' AND '2025-12-31'"
    base_abc = brut(
        f"SELECT id_client, SUM(montant_ht) FROM factures f WHERE {annee} GROUP BY id_client"
    )
    serie = [v for _m, v in P.ca_mensuel(base)]
    cas = [
        # (analysis, function, baseline name, baseline)
        (
            "ABC des clients 2025 (SQL + classement)",
            lambda: P.abc_clients(base),
            "SUM par client (sqlite3)",
            base_abc,
        ),
        ("  dont SQL seul : CA par client", lambda: P.ca_par_client(base), "idem", base_abc),
        (
            "ABC des produits 2025",
            lambda: P.abc_produits(base),
            "SUM par produit (sqlite3)",
            brut(
                "SELECT l.id_produit, SUM(l.montant_ht) FROM lignes_commande l JOIN commandes "
                "co ON co.id_commande = l.id_commande WHERE co.statut = 'livrée' AND "
                "co.date_commande BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY l.id_produit"
            ),
        ),
        (
            "CA mensuel 36 mois",
            lambda: P.ca_mensuel(base),
            "SUM par mois (sqlite3)",
            brut("SELECT substr(date_facture, 1, 7) m, SUM(montant_ht) FROM factures GROUP BY m"),
        ),
        ("Prévision 12 mois (calcul seul)", lambda: prevoir(serie), "—", None),
        (
            "Statistiques par type de client",
            lambda: P.ca_par_segment(base),
            "SUM par client (sqlite3)",
            base_abc,
        ),
        ("RFM de tous les clients", lambda: P.rfm_clients(base), "SUM par client", base_abc),
        (
            "Fiche client : CA mensuel d'un client",
            lambda: P.ca_mensuel(base, id_client=id_client),
            "factures du client (sqlite3)",
            brut("SELECT * FROM factures WHERE id_client = ?", (id_client,)),
        ),
        (
            "Fiche client : compte d'exploitation",
            lambda: P.comptes_exploitation(base, id_client=id_client),
            "factures du client (sqlite3)",
            brut("SELECT * FROM factures WHERE id_client = ?", (id_client,)),
        ),
        (
            "Fiche client : encours, retard, DSO",
            lambda: P.risque_clients(base, id_client=id_client),
            "factures du client (sqlite3)",
            brut("SELECT * FROM factures WHERE id_client = ?", (id_client,)),
        ),
        (
            "Risque de tout le portefeuille",
            lambda: P.risque_clients(base),
            "SUM par client (sqlite3)",
            base_abc,
        ),
    ]
    print(f"Base : {base} ; médiane de {args.repetitions} mesures (après une mesure à blanc)")
    print(
        f"{'analyse':<42} {'mur':>9} {'CPU':>9}   {'référence':<30} {'mur':>9} {'CPU':>9} "
        f"{'ratio CPU':>9}"
    )
    for nom, fonction, nom_ref, reference in cas:
        mur, cpu = mesurer(fonction, args.repetitions)
        if reference is None:
            print(f"{nom:<42} {mur:8.1f}ms {cpu:8.1f}ms", flush=True)
            continue
        mur_ref, cpu_ref = mesurer(reference, args.repetitions)
        ratio = cpu / cpu_ref if cpu_ref else float("nan")
        print(
            f"{nom:<42} {mur:8.1f}ms {cpu:8.1f}ms   {nom_ref:<30} {mur_ref:8.1f}ms "
            f"{cpu_ref:8.1f}ms {ratio:9.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
