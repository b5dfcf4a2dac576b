"""Beginner mistakes get a French explanation (error ``.code``) or a French warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.sql import ErreurRequete, executer_requete
from widgets.sql.lexique import decouper, instructions, verbe

ERREURS = [
    ("SELECT raison_sociale FROM client", "table_inconnue", "Vouliez-vous dire « clients » ?"),
    ("SELECT raison_social FROM clients", "colonne_inconnue", "« raison_sociale »"),
    ("SELECT * FROM clients WHERE ville = Paris", "texte_sans_guillemets", "ville = 'Paris'"),
    ("SELECT * FROM clients WHERE ville IN (Lyon, 'Paris')", "texte_sans_guillemets", "'Lyon'"),
    ("SELECT * FROM produits WHERE prix_unitaire_ht > 12,5", "virgule_decimale", "Écrivez 12.5"),
    ("SELCT * FROM clients", "syntaxe", "« SELECT »"),
    ("SELECT raison_sociale, FROM clients", "syntaxe", "virgule en trop juste avant FROM"),
    (
        "SELECT raison_sociale ville code_postal FROM clients",
        "syntaxe",
        "Manque-t-il une virgule entre « ville » et « code_postal » ?",
    ),
    ("SELECT * FROM clients WHERE ville = 'Paris", "syntaxe", "apostrophe n'est pas fermée"),
    ("SELECT COUNT(*) FROM clients WHERE", "syntaxe", "incomplète"),
    (
        "SELECT id_client FROM clients JOIN commandes ON clients.id_client = commandes.id_client",
        "colonne_ambigue",
        "clients.id_client",
    ),
    ("SELECT id_client, COUNT(*) FROM commandes WHERE COUNT(*) > 3", "group_by", "HAVING"),
    ("SELECT total_ca(montant_ht) FROM factures", "fonction_inconnue", "« total_ca »"),
    ("", "vide", "vide"),
    ("SELECT 1\x00", "syntaxe", "caractère nul"),
    ("SELECT " + "ville, " * 4000 + "ville FROM clients", "trop_gros", "trop longue"),
    ("  -- rien que des commentaires ;", "vide", "vide"),
    (
        "SELECT 1 UNION SELECT 1, 2",
        "union",
        "même nombre de colonnes",
    ),
]


@pytest.mark.parametrize(("sql", "code", "extrait"), ERREURS)
def test_mistake_gets_a_french_explanation_with_a_code(base_demo, sql, code, extrait):
    with pytest.raises(ErreurRequete) as exc:
        executer_requete(sql, base_demo)
    assert exc.value.code == code, str(exc.value)
    assert extrait in str(exc.value)


def test_missing_database_is_explained(tmp_path: Path):
    with pytest.raises(ErreurRequete) as exc:
        executer_requete("SELECT 1", tmp_path / "absente.db")
    assert exc.value.code == "base_introuvable" and "introuvable" in str(exc.value)


AVERTIS = [
    ("SELECT ville, COUNT(*) FROM clients", ["group_by"], "Ajoutez GROUP BY ville"),
    (
        "SELECT type_client, ville, COUNT(*) FROM clients GROUP BY type_client",
        ["group_by"],
        "« ville »",
    ),
    ("SELECT prix_unitaire_ht * 1,2 FROM produits", ["virgule_decimale"], "écrivez 1.2"),
    (
        "SELECT c.raison_sociale, f.numero FROM clients c JOIN factures f",
        ["produit_cartesien"],
        "produit cartésien",
    ),
    ("SELECT * FROM clients, commandes", ["produit_cartesien"], "JOIN commandes ON"),
    # id_client is not the key of commandes: one client has many dates
    (
        "SELECT o.id_client, o.date_commande, COUNT(*) FROM commandes o GROUP BY o.id_client",
        ["group_by"],
        "« o.date_commande »",
    ),
    (
        "SELECT id_client, date_commande, COUNT(*) FROM commandes GROUP BY id_client",
        ["group_by"],
        "« date_commande »",
    ),
]


@pytest.mark.parametrize(("sql", "codes", "extrait"), AVERTIS)
def test_suspicious_query_runs_with_a_french_warning(base_demo, sql, codes, extrait):
    res = executer_requete(sql, base_demo, lignes_max=5)
    assert [a.code for a in res.avertissements if a.code != "tronque"] == codes
    assert any(extrait in a for a in res.avertissements), res.avertissements


def test_bare_column_without_group_by_really_returns_one_row(base_demo):
    res = executer_requete("SELECT ville, COUNT(*) AS nb FROM clients", base_demo)
    assert res.rowcount == 1 and int(res.dataframe["nb"][0]) == 300


SANS_AVERTISSEMENT = [
    # the grouped primary key fixes the other columns of its table
    "SELECT c.id_client, c.raison_sociale, COUNT(*) FROM clients c "
    "JOIN commandes o ON o.id_client = c.id_client GROUP BY c.id_client",
    "SELECT id_client, raison_sociale, plafond_credit FROM clients GROUP BY id_client",
    "SELECT raison_sociale, COUNT(*) FROM clients JOIN commandes USING (id_client) "
    "GROUP BY clients.id_client",
    "SELECT ville, COUNT(*) FROM clients GROUP BY ville",
    "SELECT c.ville AS v, COUNT(*) FROM clients c GROUP BY v",
    "SELECT strftime('%Y', date_commande), COUNT(*) FROM commandes "
    "GROUP BY strftime('%Y', date_commande)",
    "SELECT type_client, COUNT(*) FROM clients GROUP BY 1",
    "SELECT COUNT(*), SUM(montant_ttc), 'total' FROM factures",
    "SELECT * FROM produits WHERE id_produit IN (1,2,3)",
    "SELECT ROUND(prix_unitaire_ht,2) FROM produits ORDER BY 1 LIMIT 1,2",
    "SELECT * FROM clients, commandes WHERE clients.id_client = commandes.id_client",
    "SELECT * FROM clients c JOIN commandes o ON o.id_client = c.id_client",
    "SELECT * FROM clients JOIN commandes USING (id_client)",
    "SELECT * FROM commerciaux CROSS JOIN secteurs",
    "SELECT id_client, RANK() OVER (ORDER BY plafond_credit) FROM clients",
    "SELECT nom, (SELECT COUNT(*) FROM clients c WHERE c.id_secteur = s.id_secteur) "
    "FROM secteurs s",
]


@pytest.mark.parametrize("sql", SANS_AVERTISSEMENT)
def test_correct_query_gets_no_warning(base_demo, sql):
    res = executer_requete(sql, base_demo, lignes_max=100_000)
    assert res.avertissements == [], res.avertissements


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=15), st.sampled_from(["SELECT", "with x as (select 1) delete"])),
        min_size=1,
        max_size=4,
    )
)
def test_semicolons_inside_strings_and_comments_never_split_a_statement(morceaux):
    """Each statement carries a string full of ; ' -- /* and still counts as one statement."""
    textes = [
        f"{debut} '{texte.replace(chr(39), chr(39) * 2)}' /* ; */ -- ;\n"
        for texte, debut in morceaux
    ]
    decoupe = instructions(";".join(textes))
    assert len(decoupe) == len(morceaux)
    attendus = ["SELECT" if debut == "SELECT" else "DELETE" for _, debut in morceaux]
    assert [verbe(i) for i in decoupe] == attendus


def test_verb_is_found_after_ctes_and_explain():
    assert verbe(decouper("WITH a AS (SELECT 1), b AS (DELETE) INSERT INTO t SELECT 1")) == "INSERT"
    assert verbe(decouper("EXPLAIN QUERY PLAN UPDATE t SET x = 1")) == "UPDATE"
    assert verbe(decouper("  values (1)")) == "VALUES"
    assert (
        len(instructions("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END; SELECT 1"))
        == 2
    )
