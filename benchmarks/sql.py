"""Benchmark of the safe SQL engine (``widgets.sql.executer_requete``) on a 100,000-client base.

For typical exercise queries: median time through ``executer_requete`` (worker process, hardened
connection, French checks, DataFrame) versus raw ``sqlite3`` in the same run (a fresh read-only
connection, ``execute`` + ``fetchmany``), and the time taken to stop runaway queries.

    .venv/bin/python benchmarks/sql.py   # builds benchmarks/_work/clients_100k.db once
    .venv/bin/python benchmarks/sql.py --repetitions 21 --base chemin/vers/base.db
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from contextlib import closing
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from widgets.sql import ErreurRequete, executer_requete, moteur  # noqa: E402

REQUETES = {
    "CA par secteur": """
        SELECT s.nom AS secteur, ROUND(SUM(f.montant_ht), 2) AS ca_ht
        FROM factures f
        JOIN clients c ON c.id_client = f.id_client
        JOIN secteurs s ON s.id_secteur = c.id_secteur
        GROUP BY s.nom ORDER BY ca_ht DESC""",
    "Top 10 clients": """
        SELECT c.raison_sociale, ROUND(SUM(f.montant_ht), 2) AS ca_ht
        FROM factures f JOIN clients c ON c.id_client = f.id_client
        GROUP BY c.id_client, c.raison_sociale ORDER BY ca_ht DESC LIMIT 10""",
    "Clients en sommeil": """
        SELECT c.id_client, c.raison_sociale, MAX(o.date_commande) AS derniere_commande
        FROM clients c LEFT JOIN commandes o ON o.id_client = c.id_client
        GROUP BY c.id_client, c.raison_sociale
        HAVING derniere_commande IS NULL
            OR derniere_commande < date('2025-12-31', '-12 months')""",
    "Panier moyen par type": """
        SELECT c.type_client, ROUND(AVG(f.montant_ht), 2) AS panier_moyen_ht
        FROM factures f JOIN clients c ON c.id_client = f.id_client
        GROUP BY c.type_client ORDER BY panier_moyen_ht DESC""",
    "Taux de transformation": """
        SELECT id_commercial,
               ROUND(100.0 * SUM(etape = 'commande') / SUM(etape = 'visite'), 1) AS taux_pct
        FROM visites GROUP BY id_commercial ORDER BY taux_pct DESC""",
    "Encours par client": """
        WITH regle AS (SELECT id_facture, SUM(montant) AS paye FROM reglements GROUP BY id_facture)
        SELECT f.id_client, ROUND(SUM(f.montant_ttc - COALESCE(r.paye, 0)), 2) AS encours
        FROM factures f LEFT JOIN regle r ON r.id_facture = f.id_facture
        GROUP BY f.id_client HAVING encours > 0 ORDER BY encours DESC""",
    "Une ligne (clé primaire)": "SELECT raison_sociale FROM clients WHERE id_client = 42",
    "1000 lignes affichées": "SELECT * FROM clients WHERE id_client <= 1000",
}

EMBALLEMENTS = {
    "CTE récursive sans fin (progress handler)": (
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) FROM r"
    ),
    "Produit cartésien lignes × lignes (progress handler)": (
        "SELECT COUNT(*) FROM lignes_commande a, lignes_commande b"
    ),
    "Un seul appel printf géant (worker tué)": "SELECT printf('%.*c', 2000000000, 'x')",
    # was a wall-clock assert of tests/test_sql_engine_refuses_attacks_and_reads_exact_results.py
    "Un long appel instr() (worker tué à l'échéance)": (
        "SELECT instr(printf('%.*c', 999999, 'a'), printf('%.*c', 499999, 'a') || 'b')"
    ),
    "Chaîne doublée jusqu'à la limite de mémoire": (
        "SELECT replace(replace(printf('%.*c', 600000, 'x'), 'x', 'xx'), 'x', 'xx')"
    ),
}

MAX_LIGNES = 1000


def brut(sql: str, base: Path, temp_memoire: bool = False) -> int:
    """Raw sqlite3, same work minus the safety: fresh read-only connection, fetch 1001 rows.

    ``temp_memoire``: same ``temp_store = MEMORY`` as the engine (sorts and GROUP BY stay in
    memory instead of temporary files), to measure the engine's own overhead.
    """
    uri = base.resolve().as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as cx:
        if temp_memoire:
            cx.execute("PRAGMA temp_store = MEMORY")
        return len(cx.execute(sql).fetchmany(MAX_LIGNES + 1))


def mesurer(fonctions: list, repetitions: int) -> list[float]:
    """Median time of each function; the functions take turns within each repetition, so that
    a change of machine load hits them all alike."""
    temps: list[list[float]] = [[] for _ in fonctions]
    for _ in range(repetitions):
        for i, fonction in enumerate(fonctions):
            debut = time.perf_counter()
            fonction()
            temps[i].append(time.perf_counter() - debut)
    return [statistics.median(t) for t in temps]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=str(RACINE / "benchmarks/_work/clients_100k.db"))
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument(
        "--limite", type=float, default=2.0, help="time limit of executer_requete (s)"
    )
    args = parser.parse_args()
    base = Path(args.base)
    if not base.exists():
        from widgets.donnees.generation import construire_base

        print(f"Construction de {base} ({args.clients} clients)…", flush=True)
        print(construire_base(base, clients=args.clients, graine=2026), flush=True)

    debut = time.perf_counter()
    moteur.prechauffer()
    print(f"Démarrage à froid du processus de travail : {time.perf_counter() - debut:.3f} s")
    print(f"Base : {base} ({base.stat().st_size / 1e6:.0f} Mo), médiane de {args.repetitions}\n")

    entete = f"{'requête':<26}{'lignes':>7}{'sqlite3':>10}{'sqlite3 mém.':>14}{'moteur':>11}"
    print(entete + f"{'surcoût':>10}{'ratio':>7}   (ms ; ratio = moteur sûr / sqlite3 mém.)")
    print("-" * (len(entete) + 17))
    for nom, sql in REQUETES.items():
        executer_requete(sql, base, lignes_max=MAX_LIGNES, delai_s=60)  # warm the page cache
        nb = brut(sql, base)
        t_brut, t_mem, t_sur = mesurer(
            [
                lambda sql=sql: brut(sql, base),
                lambda sql=sql: brut(sql, base, True),
                lambda sql=sql: executer_requete(sql, base, lignes_max=MAX_LIGNES, delai_s=60),
            ],
            args.repetitions,
        )
        print(
            f"{nom:<26}{nb:>7}{t_brut * 1e3:>10.1f}{t_mem * 1e3:>14.1f}{t_sur * 1e3:>11.1f}"
            f"{(t_sur - t_mem) * 1e3:>10.1f}{t_sur / t_mem:>7.2f}"
        )

    print(f"\nArrêt des requêtes qui s'emballent (limite {args.limite:g} s) :")
    for nom, sql in EMBALLEMENTS.items():
        pid = moteur.pid_travailleur()
        debut = time.perf_counter()
        try:
            executer_requete(sql, base, delai_s=args.limite)
            issue = "NON ARRÊTÉE"
        except ErreurRequete as err:
            issue = err.code
        arret = time.perf_counter() - debut
        tue = "worker tué" if moteur.pid_travailleur() != pid else "même worker"
        debut = time.perf_counter()
        executer_requete("SELECT 1", base)
        suivante = time.perf_counter() - debut
        print(
            f"  {nom:<54} arrêt en {arret:.3f} s ({issue}, {tue}) ; "
            f"requête suivante {suivante * 1e3:.0f} ms"
        )
    moteur.arreter_moteur()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
