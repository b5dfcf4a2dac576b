"""Portfolio analysis on the 100 000-client database: every analysis of
``widgets.donnees.portefeuille`` (SQL + pure calculation), median and p95 of N runs, wall and
CPU time, against a baseline measured in the same run (the bare ``sqlite3`` aggregate it rests
on, on its own connection with the engine's in-memory temp store).

    .venv/bin/python benchmarks/portefeuille.py            # builds or reuses the 100k base
    .venv/bin/python benchmarks/portefeuille.py --repetitions 7 --base path/to/clients.db
    .venv/bin/python benchmarks/portefeuille.py --seulement ABC   # rows whose name contains ABC

Targets of issue 12: median ≤ 100 ms per analysis query; a whole ABC of 100 000 clients
≤ 1 s. The vectorised paths (``widgets.donnees.portefeuille_vectorise``) are measured on
the first-ever load (the data layer's memo and disk cache emptied before each run), for the
customer P&L and the risk on the first load in a new kernel (memo emptied, frame read back from
the disk cache of ``widgets.donnees.cache_agregats``, in a temporary ``ATELIER_DONNEES``), and
the re-analysis with another threshold, cost or weight (the per-client frame kept in memory).
With ``--agregats-de-base`` (on a copy of the base: the file is written beside it), the first
P&L and risk of a user are measured before (aggregate file moved aside) and after issue 27
(the file built with the base read back), in the same run.
CPU time is the steadier figure on a shared machine; the ratio is analysis CPU / baseline CPU of
the same run.
Each analysis and its baseline take turns within a repetition, so that a change of machine load
hits both alike.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from widgets.calculs.prevision import prevoir  # noqa: E402
from widgets.calculs.scoring import scores_rfm  # noqa: E402
from widgets.calculs.statistiques import resumes_par_groupe  # noqa: E402
from widgets.donnees import portefeuille as P  # noqa: E402
from widgets.donnees import portefeuille_vectorise as V  # noqa: E402
from widgets.donnees.cache_agregats import (  # noqa: E402
    chemin_cache_de_base,
    construire_cache_de_base,
    effacer_cache,
)
from widgets.donnees.portefeuille_vectorise import abc_clients_vectorise  # noqa: E402


def p95(valeurs: list[float]) -> float:
    v = sorted(valeurs)
    return v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]


def mesurer(fonctions: list, repetitions: int) -> list[dict[str, float]]:
    """Wall median/p95 and CPU median (ms) of each function, after one warm-up run each;
    the functions take turns within each repetition."""
    for f in fonctions:
        f()
    murs: list[list[float]] = [[] for _ in fonctions]
    cpus: list[list[float]] = [[] for _ in fonctions]
    for _ in range(repetitions):
        for i, f in enumerate(fonctions):
            m, c = time.perf_counter(), time.process_time()
            f()
            murs[i].append((time.perf_counter() - m) * 1000)
            cpus[i].append((time.process_time() - c) * 1000)
    return [
        {"mur": statistics.median(m), "p95": p95(m), "cpu": statistics.median(c)}
        for m, c in zip(murs, cpus, strict=True)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=str(RACINE / "benchmarks/_work/clients_100k.db"))
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--seulement", default="", help="only the rows whose name contains this")
    parser.add_argument(
        "--agregats-de-base",
        action="store_true",
        help="build the aggregate file beside the base first (as `atelier construire-base`), "
        "time it, and delete it at the end (run it on a copy of the base)",
    )
    args = parser.parse_args()
    # the disk cache of the aggregates goes to a throw-away folder, never the user's own
    dossier = tempfile.TemporaryDirectory(prefix="atelier-bench-")
    os.environ["ATELIER_DONNEES"] = dossier.name
    base = Path(args.base)
    if not base.exists():
        from widgets.donnees.generation import construire_base

        base.parent.mkdir(parents=True, exist_ok=True)
        print(construire_base(base, clients=args.clients, graine=2026), flush=True)
    connexion = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)
    connexion.execute("PRAGMA temp_store = MEMORY")

    def brut(sql: str, parametres=()):
        return lambda: connexion.execute(sql, parametres).fetchall()

    id_client = connexion.execute(
        "SELECT id_client FROM factures WHERE date_facture >= '2025-06-01' LIMIT 1"
    ).fetchone()[0]
    nb_clients = connexion.execute("SELECT COUNT(*) FROM clients").fetchone()[0]
    annee = "date_facture BETWEEN '2025-01-01' AND '2025-12-31'"
    ref_abc = brut(f"SELECT id_client, SUM(montant_ht) FROM factures WHERE {annee} GROUP BY 1")
    ref_client = brut("SELECT * FROM factures WHERE id_client = ?", (id_client,))
    ref_risque = brut(
        "SELECT f.id_client, SUM(f.montant_ttc) FROM factures f WHERE f.date_facture <= "
        "'2025-12-31' GROUP BY f.id_client"
    )
    sql_rentabilite, parametres_rentabilite = P.sql_rentabilite(2025)
    ref_rentabilite = brut(sql_rentabilite, parametres_rentabilite)
    sql_risque, parametres_risque = P.sql_risque("2025-12-31")
    ref_risque_sql = brut(sql_risque, parametres_risque)
    ref_rfm = brut(*P.sql_mesures_rfm())

    fichier_de_base = chemin_cache_de_base(base.resolve())
    cree_ici = False
    if args.agregats_de_base and not fichier_de_base.exists():
        debut = time.perf_counter()
        construire_cache_de_base(base)
        cree_ici = True
        print(
            f"Agrégats construits avec la base ({fichier_de_base.name}, "
            f"{fichier_de_base.stat().st_size / 1e6:.1f} Mo) en "
            f"{time.perf_counter() - debut:.1f} s\n",
            flush=True,
        )

    def sans_fichier_de_base(fonction):
        """The base as built before issue 27: its aggregate file (if any) moved aside."""

        def f():
            cache = fichier_de_base.with_name(fichier_de_base.name + ".cache")
            present = fichier_de_base.exists()
            if present:
                fichier_de_base.rename(cache)
            try:
                return fonction()
            finally:
                if present:
                    cache.rename(fichier_de_base)

        return f

    def premier(fonction):
        """A first-ever load: the memo and the disk cache of the data layer emptied before each
        run, the base's aggregate file moved aside (the base is read, the frame computed and
        written to the cache)."""
        return sans_fichier_de_base(lambda: (V.vider_memoire(), effacer_cache(), fonction()))

    def premier_base_construite(fonction):
        """A first load in a new kernel of a user who never opened the analysis (memo and own
        cache emptied) on a base built with its aggregate file (read-only, beside the base)."""
        return lambda: (V.vider_memoire(), effacer_cache(), fonction())

    def nouveau_noyau(fonction):
        """A first load in a new kernel: the memo emptied, the disk cache written by an earlier
        run (the warm-up) read back."""
        return lambda: (V.vider_memoire(), fonction())

    def seuils_alternes(fonction, valeurs):
        """Each run with the next value (a student moving a threshold back and forth)."""
        suite = iter(valeurs * 100)
        return lambda: fonction(next(suite))

    def sans_resumes(critere):
        """Statistics of another criterion: the per-client frame kept, the summaries not."""

        def f():
            for cle in [k for k in V._MEMO if k[3] == "resumes"]:
                del V._MEMO[cle]
            return V.resumes_par_segment(base, critere=critere)

        return f

    serie = [v for _m, v in P.ca_mensuel(base)]
    mesures = P.mesures_rfm(base)
    groupes = P.ca_par_segment(base)
    cas = [
        # (analysis, function, baseline name, baseline or None)
        (
            "ABC clients 2025, vectorisé (pandas), 1er chargement",
            premier(lambda: abc_clients_vectorise(base)),
            "SUM par client",
            ref_abc,
        ),
        ("ABC clients 2025, exact (Decimal)", lambda: P.abc_clients(base), "idem", ref_abc),
        ("  dont SQL + Decimal : CA par client", lambda: P.ca_par_client(base), "idem", ref_abc),
        (
            "ABC produits 2025 (4,9 M lignes)",
            lambda: P.abc_produits(base),
            "SUM par produit",
            brut(
                "SELECT l.id_produit, SUM(l.montant_ht) FROM lignes_commande l JOIN commandes "
                "co ON co.id_commande = l.id_commande WHERE co.statut = 'livrée' AND "
                "co.date_commande BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY l.id_produit"
            ),
        ),
        (
            "CA mensuel 36 mois",
            lambda: P.ca_mensuel(base),
            "SUM par mois",
            brut("SELECT substr(date_facture, 1, 7) m, SUM(montant_ht) FROM factures GROUP BY m"),
        ),
        ("Prévision 12 mois (calcul seul)", lambda: prevoir(serie), "—", None),
        (
            "Statistiques par type (SQL + calcul)",
            lambda: resumes_par_groupe(P.ca_par_segment(base)),
            "SUM par client",
            ref_abc,
        ),
        ("  dont calcul seul (Decimal)", lambda: resumes_par_groupe(groupes), "—", None),
        ("RFM : mesures (SQL)", lambda: P.mesures_rfm(base), "SUM par client", ref_abc),
        ("Scoring RFM (calcul seul)", lambda: scores_rfm(mesures), "—", None),
        ("RFM + scoring de tous les clients", lambda: P.rfm_clients(base), "idem", ref_abc),
        (
            "Fiche : CA mensuel d'un client",
            lambda: P.ca_mensuel(base, id_client=id_client),
            "factures du client",
            ref_client,
        ),
        (
            "Fiche : compte d'exploitation client",
            lambda: P.comptes_exploitation(base, id_client=id_client),
            "factures du client",
            ref_client,
        ),
        (
            "Fiche : encours, retard, DSO",
            lambda: P.risque_clients(base, id_client=id_client),
            "factures du client",
            ref_client,
        ),
        (
            "Comptes d'exploitation, tous",
            lambda: P.comptes_exploitation(base),
            "SUM par client",
            ref_abc,
        ),
        (
            "Risque de tout le portefeuille",
            lambda: P.risque_clients(base),
            "SUM TTC par client",
            ref_risque,
        ),
        # ---- vectorised paths and the memo of the data layer (first load, then re-analysis)
        (
            "ABC clients vectorisé : autre seuil (mémoire)",
            seuils_alternes(lambda a: abc_clients_vectorise(base, seuil_a=a), [70, 80, 85]),
            "idem",
            ref_abc,
        ),
        (
            "Comptes d'exploitation vectorisés : 1er chargement",
            premier(lambda: V.comptes_exploitation_vectorise(base)),
            "requête du compte d'exploitation",
            ref_rentabilite,
        ),
        (
            "Comptes d'exploitation vectorisés : 1er chargement, agrégats construits avec la base",
            premier_base_construite(lambda: V.comptes_exploitation_vectorise(base)),
            "requête du compte d'exploitation",
            ref_rentabilite,
        ),
        (
            "Comptes d'exploitation vectorisés : 1er chargement dans un nouveau noyau (cache "
            "disque)",
            nouveau_noyau(lambda: V.comptes_exploitation_vectorise(base)),
            "requête du compte d'exploitation",
            ref_rentabilite,
        ),
        (
            "Comptes d'exploitation vectorisés : autre coût de visite (mémoire)",
            seuils_alternes(
                lambda c: V.comptes_exploitation_vectorise(base, cout_visite=c), [85, "92,5", 70]
            ),
            "idem",
            ref_rentabilite,
        ),
        (
            "Risque vectorisé : 1er chargement",
            premier(lambda: V.risque_clients_vectorise(base)),
            "requête du risque",
            ref_risque_sql,
        ),
        (
            "Risque vectorisé : 1er chargement, agrégats construits avec la base",
            premier_base_construite(lambda: V.risque_clients_vectorise(base)),
            "requête du risque",
            ref_risque_sql,
        ),
        (
            "Risque vectorisé : 1er chargement dans un nouveau noyau (cache disque)",
            nouveau_noyau(lambda: V.risque_clients_vectorise(base)),
            "requête du risque",
            ref_risque_sql,
        ),
        (
            "Risque vectorisé : autre seuil de vigilance (mémoire)",
            seuils_alternes(
                lambda s: V.risque_clients_vectorise(base, seuil_vigilance=s), [80, 75, "72,5"]
            ),
            "idem",
            ref_risque_sql,
        ),
        (
            "RFM vectorisé : 1er chargement et notes",
            premier(lambda: V.rfm_vectorise(base)),
            "requête RFM",
            ref_rfm,
        ),
        (
            "RFM vectorisé : autres poids (mémoire)",
            seuils_alternes(
                lambda p: V.scores_ponderes_vectorise(
                    V.rfm_vectorise(base), {"R": p, "F": 1, "M": 2}
                ),
                [1, 2, "0,5"],
            ),
            "idem",
            ref_rfm,
        ),
        (
            "Statistiques par type : 1er chargement",
            premier(lambda: V.resumes_par_segment(base)),
            "SUM par client",
            ref_abc,
        ),
        (
            "Statistiques : autre critère (cadre en mémoire)",
            sans_resumes("secteur"),
            "idem",
            ref_abc,
        ),
    ]
    cas = [c for c in cas if args.seulement.lower() in c[0].lower()]
    charge = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(
        f"Base : {base.name} ({nb_clients} clients) ; médiane et p95 de {args.repetitions} "
        f"mesures (après une à blanc) ; charge moyenne au départ {charge}\n"
    )
    print(
        "| analyse | médiane | p95 | CPU | référence (sqlite3) | médiane | CPU | ratio CPU |\n"
        "|---|---:|---:|---:|---|---:|---:|---:|"
    )
    cpu_total = time.process_time()
    for nom, fonction, nom_ref, reference in cas:
        if reference is None:
            (r,) = mesurer([fonction], args.repetitions)
            print(
                f"| {nom} | {r['mur']:.1f} ms | {r['p95']:.1f} ms | {r['cpu']:.1f} ms | — | | | |",
                flush=True,
            )
            continue
        r, ref = mesurer([fonction, reference], args.repetitions)
        ratio = r["cpu"] / ref["cpu"] if ref["cpu"] else float("nan")
        print(
            f"| {nom} | {r['mur']:.1f} ms | {r['p95']:.1f} ms | {r['cpu']:.1f} ms | {nom_ref} | "
            f"{ref['mur']:.1f} ms | {ref['cpu']:.1f} ms | {ratio:.{2 if ratio >= 0.1 else 3}f} |",
            flush=True,
        )
    charge = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(
        f"\nTemps CPU du processus pendant les mesures : {time.process_time() - cpu_total:.1f} s ;"
        f" charge moyenne à la fin {charge}"
    )
    if cree_ici:
        fichier_de_base.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
