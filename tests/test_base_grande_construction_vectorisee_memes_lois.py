"""Large builds draw their orders with numpy (issue 15, point 6): deterministic, same schema,
same laws as the default path (the invariants themselves run in test_base_donnees_realistes.py
on a 3,000-client vectorised base), and never used for the pinned small bases."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.donnees.generation import SEUIL_VECTORISE, construire_base, empreinte
from widgets.donnees.generation.generateur import DEBUT, numeroter_factures
from widgets.donnees.generation.vectorise import _numeros_factures


@pytest.fixture(scope="module")
def base_classique_3000(tmp_path_factory):
    chemin = tmp_path_factory.mktemp("classique") / "clients.db"
    construire_base(chemin, clients=3000, graine=2026, vectorise=False, processus_ecriture=False)
    return chemin


def schema(chemin) -> list[tuple]:
    with closing(sqlite3.connect(chemin)) as con:  # tables, indexes and their SQL
        return con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        ).fetchall()


def test_small_bases_never_take_the_vectorised_path():
    assert SEUIL_VECTORISE > 2000  # the class's base (2,000) and base_demo (300) stay as pinned


def test_same_seed_gives_the_same_rows_whoever_writes_them(base_vectorisee_3000, tmp_path):
    chemin = tmp_path / "encore.db"
    rapport = construire_base(
        chemin, clients=3000, graine=2026, vectorise=True, processus_ecriture=False
    )
    assert empreinte(chemin) == empreinte(base_vectorisee_3000)
    assert "tirés en bloc (numpy)" in str(rapport)


def test_another_seed_or_the_default_path_gives_other_rows(base_demo, tmp_path):
    vectorisee = tmp_path / "vectorisee.db"
    construire_base(vectorisee, clients=300, graine=2026, vectorise=True)
    autre_graine = tmp_path / "autre.db"
    construire_base(autre_graine, clients=300, graine=7, vectorise=True)
    assert len({empreinte(vectorisee), empreinte(autre_graine), empreinte(base_demo)}) == 3
    # same clients (drawn before the orders, by the same code), other orders
    con = sqlite3.connect(vectorisee)
    con.execute("ATTACH ? AS demo", (str(base_demo),))
    assert con.execute(
        "SELECT COUNT(*) FROM (SELECT * FROM clients EXCEPT SELECT * FROM demo.clients)"
    ).fetchone() == (0,)
    con.close()


def test_the_vectorised_base_has_exactly_the_same_schema_and_indexes(
    base_demo, base_vectorisee_3000
):
    assert schema(base_vectorisee_3000) == schema(base_demo)


def un(chemin, sql):
    con = sqlite3.connect(chemin)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def par_cle(chemin, sql) -> dict:
    con = sqlite3.connect(chemin)
    try:
        return dict(con.execute(sql).fetchall())
    finally:
        con.close()


@pytest.mark.parametrize(
    ("mesure", "sql", "tolerance"),
    [
        ("commandes par client", "SELECT COUNT(*) * 1.0 / (SELECT COUNT(*) FROM clients) "
         "FROM commandes", 0.03),
        ("lignes par commande", "SELECT COUNT(*) * 1.0 / (SELECT COUNT(*) FROM commandes) "
         "FROM lignes_commande", 0.02),
        ("quantité moyenne", "SELECT AVG(quantite) FROM lignes_commande", 0.04),
        ("CA HT total", "SELECT SUM(montant_ht) FROM factures", 0.04),
        ("règlements par facture", "SELECT COUNT(*) * 1.0 / (SELECT COUNT(*) FROM factures) "
         "FROM reglements", 0.02),
        ("part encaissée du TTC", "SELECT SUM(montant) / (SELECT SUM(montant_ttc) FROM factures) "
         "FROM reglements", 0.02),
        ("commandes annulées", "SELECT AVG(statut = 'annulée') FROM commandes", 0.15),
    ],
)  # fmt: skip
def test_the_vectorised_path_draws_with_the_same_laws(
    mesure, sql, tolerance, base_classique_3000, base_vectorisee_3000
):
    # Same 3,000 clients, 41,000 orders each way: the two paths agree within sampling noise.
    classique, vectorisee = un(base_classique_3000, sql), un(base_vectorisee_3000, sql)
    assert abs(vectorisee / classique - 1) <= tolerance, (mesure, classique, vectorisee)


@pytest.mark.parametrize(
    ("sql", "tolerance"),
    [
        # CA per client type (the same clients on both sides)
        ("SELECT c.type_client, SUM(f.montant_ht) FROM factures f JOIN clients c "
         "USING (id_client) GROUP BY 1", 0.08),
        # order lines per range
        ("SELECT gamme, COUNT(*) FROM lignes_commande JOIN produits USING (id_produit) "
         "GROUP BY 1", 0.06),
        # payments per mode
        ("SELECT mode, COUNT(*) FROM reglements GROUP BY 1", 0.06),
        # orders per month of the year (seasonality)
        ("SELECT substr(date_commande, 6, 2), COUNT(*) FROM commandes GROUP BY 1", 0.06),
    ],
)  # fmt: skip
def test_the_breakdowns_are_comparable_with_the_default_path(
    sql, tolerance, base_classique_3000, base_vectorisee_3000
):
    classique, vectorisee = par_cle(base_classique_3000, sql), par_cle(base_vectorisee_3000, sql)
    assert classique.keys() == vectorisee.keys()
    for cle, valeur in classique.items():
        assert abs(vectorisee[cle] / valeur - 1) <= tolerance, (cle, valeur, vectorisee[cle])


def test_an_order_never_holds_the_same_product_twice(base_vectorisee_3000):
    assert (
        un(
            base_vectorisee_3000,
            "SELECT COUNT(*) FROM (SELECT id_commande, id_produit FROM lignes_commande "
            "GROUP BY 1, 2 HAVING COUNT(*) > 1)",
        )
        == 0
    )


def test_discontinued_products_are_not_sold_after_they_stop(base_vectorisee_3000):
    assert (
        un(
            base_vectorisee_3000,
            "SELECT COUNT(*) FROM lignes_commande JOIN produits USING (id_produit) "
            "JOIN commandes USING (id_commande) WHERE actif = 0 AND date_commande >= '2024-07-01'",
        )
        == 0
    )


@given(st.lists(st.integers(0, 3 * 365 + 60), min_size=1, max_size=60))
def test_invoice_numbers_in_bulk_are_those_of_the_default_numbering(jours):
    ordinaux = np.array([DEBUT.toordinal() + j for j in jours])
    jours_iso = [(DEBUT + timedelta(days=i)).isoformat() for i in range(max(jours) + 1)]
    factures = [
        (i, i, 1, date.fromordinal(o).isoformat(), "", 0.0, 0.0, 0.0)
        for i, o in enumerate(ordinaux.tolist(), start=1)
    ]
    attendus = [f[1] for f in numeroter_factures(factures)]
    assert _numeros_factures(ordinaux, jours_iso, DEBUT.toordinal()) == attendus
