"""The writer process of large builds: the generating process never waits on it, and it
sorts its indexes with a small page cache (issue 23: the 100,000-client build within 60 s)."""

import sqlite3
import time

from widgets.donnees.generation.ecriture import (
    CACHE_INSERTION,
    CACHE_TRI,
    EcritureParallele,
    executer_sql,
    ouvrir_en_ecriture,
)


def test_create_index_runs_with_the_2_mb_cache_then_the_load_cache_is_back(tmp_path):
    con = ouvrir_en_ecriture(tmp_path / "b.db")
    con.execute("CREATE TABLE t (a INTEGER, b TEXT)")
    con.executemany("INSERT INTO t VALUES (?, ?)", [(i % 7, str(i)) for i in range(100)])
    vues = []
    con.set_trace_callback(vues.append)
    executer_sql(con, "CREATE INDEX idx_t_a ON t (a)")
    executer_sql(con, "INSERT INTO t VALUES (8, 'x')")
    con.set_trace_callback(None)
    assert vues == [
        "PRAGMA cache_size = -2000",
        "CREATE INDEX idx_t_a ON t (a)",
        "PRAGMA cache_size = -200000",
        "INSERT INTO t VALUES (8, 'x')",
    ]
    assert (CACHE_TRI, CACHE_INSERTION) == (-2000, -200000)
    assert con.execute("PRAGMA cache_size").fetchone()[0] == -200000
    assert con.execute("PRAGMA threads").fetchone()[0] == 0
    assert con.execute("SELECT COUNT(*) FROM t WHERE a = 3").fetchone()[0] == 14
    con.close()


def test_a_batch_sent_while_the_writer_is_busy_does_not_wait_for_it(tmp_path):
    """The writer spends seconds on one statement; 8 MB of rows sent meanwhile leave at once
    (before, the pipe filled up and the sender waited until the writer was free again)."""
    chemin = tmp_path / "b.db"
    con = sqlite3.connect(chemin)
    con.execute("CREATE TABLE t (a INTEGER, b TEXT)")
    con.commit()
    ecriture = EcritureParallele(chemin)
    debut = time.perf_counter()
    ecriture.executer(
        "CREATE TABLE lente AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
        "WHERE i < 20000000) SELECT SUM(i % 7) AS s FROM n"
    )
    lignes = [(i, "x" * 80) for i in range(100_000)]  # ≈ 8 MB, far beyond a pipe's buffer
    envoi = time.perf_counter()
    ecriture.inserer("t", lignes)
    duree_envoi = time.perf_counter() - envoi
    ecriture.terminer()
    duree_totale = time.perf_counter() - debut
    # a ratio within the run, not a time: the send is a small part of the writer's busy time
    # (before, the pipe filled up and the send lasted as long as the slow statement)
    assert duree_envoi < duree_totale / 4
    assert con.execute("SELECT COUNT(*), SUM(a) FROM t").fetchone() == (100_000, 4_999_950_000)
    # 1…20,000,000 holds 2,857,142 full cycles of residues (0+1+…+6 = 21), then 1…6
    assert con.execute("SELECT s FROM lente").fetchone() == (2_857_142 * 21 + 21,)
    con.close()
