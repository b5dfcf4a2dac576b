"""The SQL API speaks French (``executer_requete``, ``ErreurRequete``, ``ResultatRequete``,
``lignes_max``, ``delai_s``, ``ecriture``); the first release's English names still work and
warn (naming rule: old names kept as deprecated aliases)."""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

import pytest

import widgets.sql as sql
from widgets.erreurs import ErreurAtelier
from widgets.sql import ErreurRequete, ResultatRequete, executer_requete

RACINE = Path(__file__).resolve().parents[1]


def test_the_french_names_run_a_query_without_warning(base_demo):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = executer_requete(
            "SELECT id_client FROM clients ORDER BY id_client", base_demo, lignes_max=5, delai_s=5
        )
    assert isinstance(res, ResultatRequete)
    assert res.dataframe["id_client"].tolist() == [1, 2, 3, 4, 5] and res.tronque
    with pytest.raises(ErreurRequete, match="lecture seule") as err:
        executer_requete("DELETE FROM clients", base_demo)
    assert isinstance(err.value, ErreurAtelier) and err.value.code == "lecture_seule"


def test_run_query_warns_and_maps_its_english_options(base_demo):
    with pytest.warns(DeprecationWarning, match="run_query est l'ancien nom.*executer_requete"):
        res = sql.run_query("SELECT id_client FROM clients", base_demo, max_rows=3, time_limit_s=5)
    assert len(res.dataframe) == 3 and res.truncated
    with (
        pytest.warns(DeprecationWarning, match="run_query"),
        pytest.raises(ErreurRequete, match="lecture seule"),
    ):
        sql.run_query("DELETE FROM clients", base_demo, writable=False)


@pytest.mark.parametrize(
    ("ancien", "nouveau"),
    [("QueryError", ErreurRequete), ("QueryResult", ResultatRequete)],
)
def test_the_old_class_names_are_the_new_classes_with_a_warning(ancien, nouveau):
    with pytest.warns(DeprecationWarning, match=f"{ancien} est l'ancien nom"):
        assert getattr(sql, ancien) is nouveau
    with pytest.warns(DeprecationWarning, match=ancien):
        exec(f"from widgets.sql import {ancien}", {})
    with pytest.raises(AttributeError):
        sql.NomQuiNExistePas  # noqa: B018


def test_the_old_error_name_still_catches_the_engine_errors(base_demo):
    with pytest.warns(DeprecationWarning):
        from widgets.sql import QueryError
    with pytest.raises(QueryError):
        executer_requete("SELEC 1", base_demo)


def test_no_module_of_the_project_uses_the_old_names():
    anciens = {"run_query", "QueryError", "QueryResult"}
    permis = {RACINE / "widgets/sql/moteur.py", RACINE / "widgets/sql/erreurs.py"}
    permis |= {RACINE / "widgets/sql/__init__.py", Path(__file__).resolve()}
    fichiers = [
        f
        for dossier in ("widgets", "benchmarks", "tests", "voila_apps", "scripts")
        for f in sorted((RACINE / dossier).rglob("*.py"))
        if f not in permis and "_work" not in f.parts
    ]
    assert len(fichiers) > 100  # the scan sees the tree
    fautes = []
    for f in fichiers:
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if (isinstance(n, ast.Name) and n.id in anciens) or (
                isinstance(n, ast.alias) and n.name in anciens
            ):
                fautes.append(f"{f.relative_to(RACINE)}:{getattr(n, 'lineno', '?')}")
    carnets = [
        c.relative_to(RACINE)
        for dossier in ("notebooks", "voila_apps")
        for c in sorted((RACINE / dossier).rglob("*.ipynb"))
        if any(a in c.read_text(encoding="utf-8") for a in anciens)
    ]
    assert not fautes and not carnets, fautes + carnets
