"""`atelier`: French sub-commands and options; the first release's English spellings still work
(hidden aliases), and the library functions receive keyword arguments, never a Namespace."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets import cli

UNITE = "relation_client"


@pytest.fixture
def appels(monkeypatch):
    """Replace the heavy library calls by recorders: the CLI is only a translation layer."""
    vus: list[tuple[str, tuple, dict]] = []
    import widgets.donnees.cache_agregats as cache_agregats
    import widgets.donnees.generation as generation
    import widgets.exercices.corrige as corrige
    import widgets.tableaux_de_bord as tableaux

    def enregistreur(nom):
        def appel(*args, **kwargs):
            vus.append((nom, args, kwargs))
            retours = {"construire_base": "rapport", "agregats": Path("b.agregats.sqlite")}
            return retours.get(nom, 0)

        return appel

    monkeypatch.setattr(generation, "construire_base", enregistreur("construire_base"))
    monkeypatch.setattr(cache_agregats, "construire_cache_de_base", enregistreur("agregats"))
    monkeypatch.setattr(tableaux, "servir", enregistreur("servir"))
    monkeypatch.setattr(corrige, "commande_export_classe", enregistreur("export"))
    return vus


@pytest.mark.parametrize(
    "argv",
    [
        ["construire-base", "--sortie", "b.db", "--clients", "50", "--graine", "7"],
        ["build-db", "--out", "b.db", "--clients", "50", "--seed", "7"],
        ["construire-base", "--out", "b.db", "--clients", "50", "--graine", "7"],
    ],
)
def test_build_db_old_and_new_spellings_do_the_same(appels, argv, capsys):
    assert cli.main(argv) == 0
    # the base, then its aggregate file beside it (issue 27: first P&L and risk precomputed)
    assert appels == [
        ("construire_base", (Path("b.db"),), {"clients": 50, "graine": 7}),
        ("agregats", (Path("b.db"),), {}),
    ]
    sortie = capsys.readouterr().out
    assert "Agrégats pré-calculés (comptes d'exploitation, risque) : b.agregats.sqlite" in sortie


@pytest.mark.parametrize(
    "argv",
    [
        ["tableaux-de-bord", "--hote", "0.0.0.0", "--port", "8866"],
        ["dashboards", "--host", "0.0.0.0", "--port", "8866"],
    ],
)
def test_dashboards_old_and_new_spellings_do_the_same(appels, argv):
    assert cli.main(argv) == 0
    assert appels == [("servir", (), {"config": None, "hote": "0.0.0.0", "port": 8866})]


def test_export_classe_takes_sortie_or_out(appels):
    assert cli.main(["export-classe", "a.db", "b.db", "--sortie", "classe.csv"]) == 0
    assert cli.main(["export-classe", "a.db", "--out", "x.xlsx"]) == 0
    assert appels == [
        ("export", (["a.db", "b.db"], "classe.csv"), {}),
        ("export", (["a.db"], "x.xlsx"), {}),
    ]


def test_corrige_with_french_and_english_options_writes_the_same_file(tmp_path):
    neuf, ancien = tmp_path / "neuf.html", tmp_path / "ancien.html"
    argv = ["corrige", "--unite", UNITE, "--etudiant", "Bob", "--graine", "3", "--sortie"]
    assert cli.main([*argv, str(neuf)]) == 0
    assert (
        cli.main(
            ["corrige", "--unit", UNITE, "--student", "Bob", "--seed", "3", "--out", str(ancien)]
        )
        == 0
    )
    assert neuf.read_text(encoding="utf-8") == ancien.read_text(encoding="utf-8")
    assert "Bob" in neuf.read_text(encoding="utf-8")


def test_help_shows_only_the_french_names(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    aide = capsys.readouterr().out
    for nom in ("construire-base", "tableaux-de-bord", "corrige", "export-classe", "lab"):
        assert nom in aide
    assert "build-db" not in aide and "dashboards" not in aide and "show this help" not in aide
    with pytest.raises(SystemExit):
        cli.main(["corrige", "--help"])
    aide = capsys.readouterr().out
    assert "--unite" in aide and "--etudiant" in aide and "--sortie" in aide
    assert "--unit " not in aide and "--student" not in aide and "--out" not in aide


def test_a_missing_required_option_is_a_french_error_with_exit_code_2(capsys):
    with pytest.raises(SystemExit) as sortie:
        cli.main(["corrige", "--unite", UNITE])
    assert sortie.value.code == 2
    assert "atelier corrige : erreur : option obligatoire manquante : --etudiant" in (
        capsys.readouterr().err
    )


def test_seul_cli_manipule_un_namespace_argparse():
    # the %%sql magic parses its line with argparse too, but hands out a frozen dataclass
    from pathlib import Path

    import widgets
    from widgets.ui.magie_sql import OptionsSQL, lire_options

    assert isinstance(lire_options("--max 5"), OptionsSQL)
    racine = Path(widgets.__file__).parent
    fichiers = list(racine.rglob("*.py"))
    assert (racine / "cli.py") in fichiers and len(fichiers) > 50  # guard: the scan sees files
    avec_namespace = sorted(
        str(f.relative_to(racine)) for f in fichiers if "Namespace" in f.read_text(encoding="utf-8")
    )
    assert avec_namespace == ["cli.py"]
