"""The safe SQL engine: exact results for reading statements, and every attack refused or stopped.

A tiny hand-made base (4 clients, 4 commandes) gives result sets checked by hand; the attack
corpus runs against it and checks, for each attack, the French refusal (``.code`` and words),
the reference file byte-identical (sha256) and no new file. How long a runaway takes to be
stopped is measured by ``benchmarks/sql.py`` (no wall-clock assert in the tests: a loaded
machine would fail them).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outils.ci import outil_manquant

from widgets.erreurs import ErreurAtelier
from widgets.sql import ErreurRequete, _travailleur, executer_requete, moteur

SCRIPT = """
CREATE TABLE clients (
    id_client INTEGER PRIMARY KEY, nom TEXT NOT NULL, ville TEXT NOT NULL, secteur TEXT NOT NULL
);
INSERT INTO clients VALUES
    (1, 'Alpha', 'Paris', 'Nord'), (2, 'Beta', 'Lyon', 'Sud'),
    (3, 'Gamma', 'Paris', 'Nord'), (4, 'Delta', 'Lille', 'Nord');
CREATE TABLE commandes (
    id_commande INTEGER PRIMARY KEY,
    id_client INTEGER NOT NULL REFERENCES clients(id_client),
    date_commande TEXT NOT NULL,
    montant_ht REAL NOT NULL
);
INSERT INTO commandes VALUES
    (10, 1, '2025-01-10', 100.0), (11, 1, '2025-03-05', 250.5),
    (12, 2, '2025-02-01', 80.0), (13, 3, '2024-12-20', 40.25);
"""


@pytest.fixture(scope="module")
def petite_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chemin = tmp_path_factory.mktemp("petite") / "reference.db"
    with sqlite3.connect(chemin) as cx:
        cx.executescript(SCRIPT)
    cx.close()
    return chemin


def empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def lignes(sql: str, base: Path) -> list[tuple]:
    res = executer_requete(sql, base)
    return [tuple(r) for r in res.dataframe.itertuples(index=False)]


# --------------------------------------------------------------------------- good statements
BONNES = [
    ("SELECT nom FROM clients WHERE ville = 'Paris' ORDER BY nom", [("Alpha",), ("Gamma",)]),
    (
        "WITH t AS (SELECT id_client, SUM(montant_ht) AS total FROM commandes GROUP BY id_client)"
        " SELECT nom, total FROM clients JOIN t USING (id_client) ORDER BY total DESC",
        [("Alpha", 350.5), ("Beta", 80.0), ("Gamma", 40.25)],
    ),
    (
        "SELECT secteur, COUNT(*) AS nb FROM clients GROUP BY secteur HAVING COUNT(*) > 1",
        [("Nord", 3)],
    ),
    (
        "SELECT c.nom, COUNT(o.id_commande) AS nb FROM clients c "
        "LEFT JOIN commandes o ON o.id_client = c.id_client "
        "GROUP BY c.id_client, c.nom ORDER BY c.id_client",
        [("Alpha", 2), ("Beta", 1), ("Gamma", 1), ("Delta", 0)],
    ),
    (
        "SELECT nom FROM clients WHERE id_client NOT IN (SELECT id_client FROM commandes)",
        [("Delta",)],
    ),
    (
        "SELECT UPPER(nom), LENGTH(ville), SUBSTR(ville, 1, 3), nom || ' (' || ville || ')' "
        "FROM clients WHERE id_client = 2",
        [("BETA", 4, "Lyo", "Beta (Lyon)")],
    ),
    ("SELECT ROUND(AVG(montant_ht), 2) FROM commandes", [(117.69,)]),
    (
        "SELECT strftime('%Y', date_commande) AS annee, COUNT(*) FROM commandes "
        "GROUP BY annee ORDER BY annee",
        [("2024", 1), ("2025", 3)],
    ),
    (
        "SELECT julianday('2025-12-31') - julianday(MAX(date_commande)) FROM commandes "
        "WHERE id_client = 1",
        [(301.0,)],
    ),
    (
        "SELECT nom, CASE WHEN ville = 'Paris' THEN 'IDF' ELSE 'Province' END FROM clients "
        "ORDER BY id_client",
        [("Alpha", "IDF"), ("Beta", "Province"), ("Gamma", "IDF"), ("Delta", "Province")],
    ),
    (
        "SELECT id_commande, RANK() OVER (ORDER BY montant_ht DESC) FROM commandes "
        "ORDER BY id_commande",
        [(10, 2), (11, 1), (12, 3), (13, 4)],
    ),
    (
        "SELECT ville FROM clients UNION SELECT 'Nice' ORDER BY 1",
        [("Lille",), ("Lyon",), ("Nice",), ("Paris",)],
    ),
    ("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", [(2,)]),
    ("SELECT 'a;b', 'l''apostrophe'", [("a;b", "l'apostrophe")]),
    ("  select count(*) from clients ;  -- fin de la requête\n", [(4,)]),
    ("/* total */ SELECT SUM(montant_ht) FROM commandes WHERE montant_ht >= 80", [(430.5,)]),
    ("VALUES (1, 'un'), (2, 'deux')", [(1, "un"), (2, "deux")]),
    (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) "
        "SELECT SUM(i) FROM n",
        [(15,)],
    ),
    (
        "SELECT nom FROM clients WHERE nom LIKE '%a' AND ville IN ('Paris', 'Lyon') "
        "ORDER BY nom LIMIT 2",
        [("Alpha",), ("Beta",)],
    ),
    (
        "SELECT COALESCE(NULL, 'x'), IFNULL(NULL, 3), NULLIF(2, 2), TYPEOF(1.5)",
        [("x", 3, None, "real")],
    ),
]


@pytest.mark.parametrize(("sql", "attendu"), BONNES, ids=[f"bonne{i}" for i in range(len(BONNES))])
def test_reading_statement_gives_the_exact_result_set(petite_base, sql, attendu):
    assert lignes(sql, petite_base) == attendu


def test_result_object_reports_columns_rows_and_no_warning(petite_base):
    res = executer_requete("SELECT id_client AS n, nom FROM clients ORDER BY n", petite_base)
    assert res.columns == ["n", "nom"] == list(res.dataframe.columns)
    assert res.rowcount == res.nb_lignes == 4
    assert res.truncated is False and res.avertissements == []
    assert res.elapsed_s > 0  # the time it took is measured by benchmarks/sql.py, not asserted


def test_explain_and_explain_query_plan_are_accepted(petite_base):
    plan = executer_requete(
        "EXPLAIN QUERY PLAN SELECT * FROM clients WHERE id_client = 2", petite_base
    )
    assert "detail" in plan.columns
    assert any("clients" in d for d in plan.dataframe["detail"])
    code = executer_requete("EXPLAIN SELECT nom FROM clients", petite_base)
    assert {"addr", "opcode"} <= set(code.columns) and code.rowcount > 3


def test_result_is_cut_at_max_rows_with_a_french_warning(petite_base):
    sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"
    res = executer_requete(sql, petite_base, lignes_max=50)
    assert res.truncated is True and res.rowcount == 50
    assert list(res.dataframe["i"]) == list(range(1, 51))
    assert [a.code for a in res.avertissements] == ["tronque"]
    assert "50 premières lignes" in res.avertissements[0]
    res = executer_requete(sql, petite_base)  # default max_rows: 1000, written the French way
    assert res.rowcount == 1000 and "1\u202f000 premières lignes" in res.avertissements[0]


def test_huge_values_cut_the_result_well_before_memory_runs_out(petite_base):
    sql = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT printf('%.*c', 900000, 'x') FROM n"
    )
    res = executer_requete(sql, petite_base, lignes_max=1000)
    assert res.truncated is True
    assert res.rowcount == 4  # 4 MB cap / (900 kB + 16 bytes) per row
    assert "trop volumineux" in res.avertissements[0]


# --------------------------------------------------------------------------- attack corpus
LECTURE_SEULE = [
    "INSERT INTO clients VALUES (9, 'X', 'Y', 'Z')",
    "insert or replace into clients values (1, 'X', 'Y', 'Z')",
    "UPDATE clients SET nom = 'pirate'",
    "DELETE FROM clients",
    "REPLACE INTO clients VALUES (1, 'X', 'Y', 'Z')",
    "DROP TABLE clients",
    "DROP TABLE IF EXISTS commandes",
    "CREATE TABLE t (x)",
    "CREATE TEMP TABLE t AS SELECT * FROM clients",
    "CREATE VIEW v AS SELECT 1",
    "CREATE INDEX i ON clients (nom)",
    "CREATE TRIGGER tr AFTER INSERT ON clients BEGIN DELETE FROM commandes; END",
    "ALTER TABLE clients ADD COLUMN x",
    "ALTER TABLE clients RENAME TO c2",
    "WITH x AS (SELECT 1) DELETE FROM clients",
    "WITH x AS (SELECT 1) INSERT INTO clients SELECT id_client + 10, nom, ville, secteur "
    "FROM clients",
    "WITH x AS (SELECT 1) UPDATE clients SET nom = 'x'",
    "EXPLAIN DELETE FROM clients",
]
INTERDITES = [
    "ATTACH DATABASE '{base}' AS x",
    "ATTACH 'file:{dossier}/pirate.db?mode=rwc' AS x",
    "ATTACH 'pirate_h4.db' AS x",
    "ATTACH ':memory:' AS m",
    "DETACH main",
    "PRAGMA query_only = 0",
    "PRAGMA query_only = OFF",
    "PRAGMA journal_mode = WAL",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA writable_schema = ON",
    "PRAGMA user_version = 5",
    "PRAGMA application_id = 7",
    "PRAGMA schema_version = 1",
    "PRAGMA locking_mode = EXCLUSIVE",
    "PRAGMA foreign_keys = OFF",
    "PRAGMA trusted_schema = ON",
    "PRAGMA hard_heap_limit = 0",
    "PRAGMA soft_heap_limit = 0",
    "PRAGMA temp_store = FILE",
    "PRAGMA mmap_size = 268435456",
    "PRAGMA cache_size = -2000000",
    "PRAGMA table_info(clients)",
    "VACUUM",
    "VACUUM INTO '{dossier}/copie.db'",
    "REINDEX",
    "REINDEX clients",
    "ANALYZE",
    "BEGIN",
    "COMMIT",
    "SAVEPOINT s",
    "SELECT load_extension('{dossier}/pirate.so')",
    "SELECT load_extension('libsqlite3_mod_pirate')",
    "SELECT * FROM pragma_table_info('clients')",
    "SELECT * FROM json_each('[1, 2]')",
    "SELECT randomblob(1000000000)",
    "SELECT zeroblob(1000000000)",
    "SELECT sqlite_compileoption_used('ENABLE_LOAD_EXTENSION')",
    "SELECT fts3_tokenizer('simple')",
]
PLUSIEURS = [
    "SELECT 1; DELETE FROM clients",
    "SELECT 1;SELECT 2",
    "SELECT ';'; DROP TABLE clients",
    "SELECT 1 /* ; */ ; ATTACH 'x.db' AS x",
    "SELECT 'it''s;'; PRAGMA query_only = 0",
]


def _sans_fichier_nouveau(dossier: Path, avant: set[str]) -> None:
    assert {p.name for p in dossier.iterdir()} == avant
    assert not Path(os.getcwd(), "pirate_h4.db").exists()


def _attaque(petite_base: Path, sql: str, codes: set[str], mots: tuple[str, ...]) -> None:
    dossier = petite_base.parent
    sql = sql.format(base=petite_base, dossier=dossier)
    avant_hash, avant_fichiers = empreinte(petite_base), {p.name for p in dossier.iterdir()}
    with pytest.raises(ErreurRequete) as exc:
        executer_requete(sql, petite_base, delai_s=1.0)
    assert exc.value.code in codes, (exc.value.code, str(exc.value))
    assert isinstance(exc.value, ErreurAtelier)
    assert any(m in str(exc.value) for m in mots), str(exc.value)
    assert empreinte(petite_base) == avant_hash
    _sans_fichier_nouveau(dossier, avant_fichiers)


@pytest.mark.parametrize("sql", LECTURE_SEULE)
def test_write_on_the_reference_is_refused_with_a_pointer_to_the_sandbox(petite_base, sql):
    _attaque(petite_base, sql, {"lecture_seule"}, ("lecture seule",))
    _attaque(petite_base, sql, {"lecture_seule"}, ("bac à sable",))


@pytest.mark.parametrize("sql", INTERDITES)
def test_escape_attempt_is_refused_in_french(petite_base, sql):
    _attaque(petite_base, sql, {"interdit"}, ("pas permise", "pas disponible", "pas permises"))


@pytest.mark.parametrize("sql", PLUSIEURS)
def test_several_statements_are_refused(petite_base, sql):
    _attaque(petite_base, sql, {"plusieurs_instructions"}, ("Une seule requête à la fois",))


RUNAWAYS = [
    # runaway recursive CTE
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) FROM r",
    # cartesian product of the biggest tables, aggregated (no row ever comes back)
    "SELECT COUNT(*) FROM commandes a, commandes b, commandes c, commandes d, commandes e, "
    "commandes f, commandes g, commandes h, commandes i, commandes j, commandes k, commandes l,"
    " commandes m, commandes n, commandes o, commandes p, commandes q, commandes r",
    # cartesian product sorted: the whole product must be built before the first row
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
    "SELECT n FROM r ORDER BY n DESC",
]


@pytest.mark.parametrize("sql", RUNAWAYS, ids=["recursive", "cartesien", "tri"])
def test_runaway_query_is_stopped_at_the_time_limit(petite_base, sql):
    avant = empreinte(petite_base)
    with pytest.raises(ErreurRequete) as exc:
        executer_requete(sql, petite_base, delai_s=0.5)
    assert exc.value.code in {"temps_depasse", "memoire"}
    assert "arrêtée" in str(exc.value)
    assert empreinte(petite_base) == avant
    assert lignes("SELECT COUNT(*) FROM clients", petite_base) == [(4,)]


def test_cartesian_join_of_the_biggest_demo_tables_is_stopped(base_demo):
    sql = (
        "SELECT COUNT(*), SUM(a.montant_ht * b.quantite) FROM lignes_commande a "
        "JOIN lignes_commande b JOIN factures c"
    )
    avant = empreinte(base_demo)
    with pytest.raises(ErreurRequete) as exc:
        executer_requete(sql, base_demo, delai_s=0.5)
    assert exc.value.code == "temps_depasse"
    assert empreinte(base_demo) == avant


BLOWUPS = [
    "SELECT printf('%.*c', 2000000000, 'x')",
    "SELECT replace(replace(printf('%.*c', 600000, 'x'), 'x', 'xx'), 'x', 'xx')",
    "SELECT length(group_concat(printf('%.*c', 1000, 'x'))) FROM "
    "(WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r)",
    "SELECT length(printf('%.*c', 999999, 'x') || printf('%.*c', 999999, 'x'))",
    "SELECT upper(hex(printf('%.*c', 700000, 'x')))",
    "SELECT " + " + ".join(["1"] * 200),
    "SELECT 1" + " UNION SELECT 1" * 30,
]


@pytest.mark.parametrize("sql", BLOWUPS, ids=[f"blowup{i}" for i in range(len(BLOWUPS))])
def test_memory_blowups_hit_a_limit_with_a_french_message(petite_base, sql):
    with pytest.raises(ErreurRequete) as exc:
        executer_requete(sql, petite_base, delai_s=1.0)
    assert exc.value.code in {"trop_gros", "memoire", "temps_depasse"}
    assert any(m in str(exc.value) for m in ("trop grand", "mémoire", "arrêtée", "trop complexe"))


def test_one_long_builtin_call_is_stopped_by_killing_the_worker(petite_base):
    """instr() over 1 MB strings runs seconds inside ONE call: the progress handler is never
    reached; the parent must kill the worker at the deadline and the next query must work."""
    executer_requete("SELECT 1", petite_base)
    pid = moteur.pid_travailleur()
    sql = "SELECT instr(printf('%.*c', 999999, 'a'), printf('%.*c', 499999, 'a') || 'b')"
    with pytest.raises(ErreurRequete) as exc:
        executer_requete(sql, petite_base, delai_s=0.5)
    assert exc.value.code == "temps_depasse"
    assert "(0,5 s)" in str(exc.value)
    assert moteur.pid_travailleur() != pid
    assert lignes("SELECT nom FROM clients WHERE id_client = 3", petite_base) == [("Gamma",)]


def test_engine_survives_a_killed_worker(petite_base):
    executer_requete("SELECT 1", petite_base)
    moteur._courant.processus.kill()
    moteur._courant.processus.join(5)
    assert lignes("SELECT COUNT(*) FROM commandes", petite_base) == [(4,)]


# --------------------------------------------------------------------------- defence in depth
# The statements below are refused by the classifier before they reach SQLite; here they go
# straight to the worker's hardened connection (in-process) to check that the authorizer,
# the limits and mode=ro refuse them on their own.
SANS_EFFET = {
    "REINDEX",
    "REINDEX clients",
}  # nothing to rebuild in the tiny base: SQLite does nothing at all
DIRECTES = [
    s
    for s in LECTURE_SEULE + INTERDITES
    if "pragma_" not in s and "json_each" not in s and s not in SANS_EFFET
]


@pytest.mark.parametrize("sql", DIRECTES)
def test_hardened_connection_alone_refuses_the_attack(petite_base, sql):
    dossier = petite_base.parent
    avant_hash, avant_fichiers = empreinte(petite_base), {p.name for p in dossier.iterdir()}
    demande = {
        "sql": sql.format(base=petite_base, dossier=dossier),
        "database": str(petite_base),
        "writable": False,
        "max_rows": 10,
        "time_limit_s": 1.0,
    }
    reponse = _travailleur.executer(demande)
    assert reponse[0] == "erreur", reponse
    assert empreinte(petite_base) == avant_hash
    _sans_fichier_nouveau(dossier, avant_fichiers)


def test_sandbox_connection_still_refuses_attach_and_pragma(petite_base, tmp_path):
    copie = tmp_path / "copie.db"
    with sqlite3.connect(copie) as cx:
        cx.executescript(SCRIPT)
    cx.close()
    for sql in (
        f"ATTACH '{tmp_path}/autre.db' AS x",
        "PRAGMA writable_schema = ON",
        "CREATE TABLE t (x)",
        "SELECT load_extension('x')",
    ):
        demande = {
            "sql": sql,
            "database": str(copie),
            "writable": True,
            "max_rows": 10,
            "time_limit_s": 1.0,
        }
        assert _travailleur.executer(demande)[0] == "erreur"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copie.db"]


# --------------------------------------------------------------------------- property
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            list("abcdefghijklmnopqrstuvwxyz_0123456789 ,;'\"()*=<>-/\n")
            + [
                "SELECT ",
                "FROM ",
                "clients",
                "WHERE ",
                "DELETE ",
                "ATTACH ",
                "PRAGMA ",
                "nom",
                "INSERT ",
                "WITH ",
                "UNION ",
                "--",
                "/*",
                "*/",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_any_text_either_runs_or_raises_a_french_query_error(petite_base, texte):
    avant = empreinte(petite_base)
    try:
        res = executer_requete(texte, petite_base, delai_s=1.0, lignes_max=20)
    except ErreurRequete as err:
        assert err.code and str(err)
    else:
        assert res.rowcount <= 20
    assert empreinte(petite_base) == avant


@pytest.mark.parametrize("pas", [_travailleur.PAS_PROGRESSION, 10**9], ids=["progress", "minuteur"])
def test_each_fast_path_stops_a_runaway_on_its_own(petite_base, monkeypatch, pas):
    """The progress handler, and the watchdog's interrupt() when the handler never fires."""
    monkeypatch.setattr(_travailleur, "PAS_PROGRESSION", pas)
    demande = {
        "sql": "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
        "SELECT COUNT(*) FROM r",
        "database": str(petite_base),
        "writable": False,
        "max_rows": 10,
        "time_limit_s": 0.3,
    }
    assert _travailleur.executer(demande) == ("temps",)


def test_a_script_without_main_guard_can_use_the_engine(petite_base, tmp_path):
    """ "spawn" re-runs an unguarded main script in the child unless the engine hides it: the
    script would then start workers in a loop. It must simply print its result once."""
    import subprocess
    import sys

    script = tmp_path / "script_etudiant.py"
    script.write_text(
        "from widgets.sql import executer_requete\n"
        f"res = executer_requete('SELECT COUNT(*) AS n FROM clients', {str(petite_base)!r})\n"
        "print('RESULTAT', int(res.dataframe['n'][0]))\n",
        encoding="utf-8",
    )
    fini = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert fini.returncode == 0, fini.stderr
    assert fini.stdout.splitlines() == ["RESULTAT 4"]


def test_kernel_interrupt_while_waiting_never_mixes_up_answers(petite_base, monkeypatch):
    """Kernel > Interrupt during a query: the late answer must not become the next result."""
    executer_requete("SELECT 1", petite_base)

    def interrompre(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(moteur._courant.canal, "poll", interrompre)
    with pytest.raises(KeyboardInterrupt):
        executer_requete("SELECT 2", petite_base)
    assert lignes("SELECT 3", petite_base) == [(3,)]


def test_worker_ignores_the_interrupt_sent_to_the_kernel_process_group(petite_base):
    import signal

    if os.name == "nt":
        outil_manquant("SIGINT à un groupe de processus : notion POSIX, sans objet sous Windows")

    executer_requete("SELECT 1", petite_base)
    pid = moteur.pid_travailleur()
    os.kill(pid, signal.SIGINT)
    time.sleep(0.2)
    assert lignes("SELECT COUNT(*) FROM clients", petite_base) == [(4,)]
    assert moteur.pid_travailleur() == pid
