"""Discovery of the catalogue, exercise codes, and the safe Markdown of statements."""

from __future__ import annotations

import random
import sys
from decimal import Decimal as D

import pytest

from widgets.cli import main
from widgets.exercices import (
    ControleNombre,
    ExerciceInconnu,
    Variante,
    exercice,
    exercice_par_code,
    exercices_de_l_unite,
    tous_les_exercices,
)
from widgets.exercices.markdown import markdown_en_html, markdown_en_ligne
from widgets.exercices.registre import retirer_exercice


def test_every_catalogue_module_is_discovered_with_its_unit_and_theme():
    exercices = tous_les_exercices()
    ex = exercices["relation_client/net-a-payer-1"]
    assert (ex.unite, ex.theme, ex.savoirs) == ("relation_client", "facturation", ("S511",))
    assert exercices["gestion_clientele/sql-group-by-1"].theme == "premiers_pas_sql"
    assert [e.code for e in exercices_de_l_unite("relation_client")][:2] == [
        "relation_client/net-a-payer-1",
        "relation_client/facture-tableau-1",
    ]


def test_every_declared_exercise_generates_a_variant_with_statement_solution_and_checker():
    for code, ex in tous_les_exercices().items():
        v = ex.variante("alice")
        assert v.enonce.strip() and v.solution.strip(), code
        assert v.controle.champs() and v.controle.bareme(), code
        assert v.controle.points > 0, code


def test_unknown_codes_give_french_errors_with_a_suggestion():
    with pytest.raises(ExerciceInconnu, match="Vouliez-vous dire relation_client/net-a-payer-1"):
        exercice_par_code("net-a-payer-1")
    with pytest.raises(ExerciceInconnu, match="Unités :"):
        exercices_de_l_unite("cuisine")


def test_two_modules_cannot_declare_the_same_code():
    def generateur(alea: random.Random) -> Variante:
        return Variante("x", ControleNombre(D(1)), "y")

    generateur.__module__ = "tests.un_module"
    try:
        exercice("code-unique-test", "A")(generateur)
        exercice("code-unique-test", "A bis")(generateur)  # re-running the same module is fine

        def autre(alea: random.Random) -> Variante:
            return Variante("x", ControleNombre(D(1)), "y")

        autre.__module__ = "tests.un_autre_module"
        with pytest.raises(ValueError, match="Deux exercices"):
            exercice("code-unique-test", "B")(autre)
    finally:
        retirer_exercice("divers/code-unique-test")


def test_markdown_subset_is_rendered():
    html = markdown_en_html(
        "# Titre\n\nUn **gras**, un *italique* et `SELECT *`.\n\n- un\n- deux\n\n"
        "1. premier\n2. second\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```\nSELECT a\nFROM t\n```"
    )
    assert "<h3>Titre</h3>" in html
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html
    assert "<code>SELECT *</code>" in html  # no italics inside code
    assert "<ul><li>un</li><li>deux</li></ul>" in html
    assert "<ol><li>premier</li><li>second</li></ol>" in html
    assert (
        "<thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr>" in html
    )
    assert "<pre><code>SELECT a\nFROM t</code></pre>" in html


def test_markdown_never_lets_markup_through():
    html = markdown_en_html("<script>alert(1)</script> **<img src=x onerror=y>**")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_markdown_is_rendered_by_mistune_with_the_compact_layout():
    # CommonMark through mistune: a backslash writes a literal star (the hand-written
    # converter showed "\\" and italics), a two-line paragraph keeps one <br>
    assert markdown_en_html("\\*pas italique\\*") == "<p>*pas italique*</p>"
    assert markdown_en_html("ligne 1\nligne 2") == "<p>ligne 1<br>ligne 2</p>"
    assert markdown_en_html("## Partie") == "<h4>Partie</h4>"
    assert (
        markdown_en_ligne("  un **x**\n et `<y>`  ")
        == "un <strong>x</strong> et <code>&lt;y&gt;</code>"
    )


def test_markdown_parses_no_link_image_nor_raw_html():
    html = markdown_en_html(
        '[clic](javascript:alert(1)) ![i](x.png) <https://a.b> <div onclick="y">\nbloc\n</div>'
    )
    assert "<a" not in html and "<img" not in html and "<div" not in html
    assert html == (
        "<p>[clic](javascript:alert(1)) ![i](x.png) &lt;https://a.b&gt; "
        '&lt;div onclick="y"&gt;<br>bloc<br>&lt;/div&gt;</p>'
    )
    assert markdown_en_html("<script>\nalert(1)\n</script>").startswith("<p>&lt;script&gt;")


def test_the_atelier_corrige_command_is_wired(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["corrige", "--unite", "relation_client", "--etudiant", "Élodie Durand"]) == 0
    # slug + sha256("durand elodie")[:10], the normalised name (words sorted)
    assert (tmp_path / "corrige_relation_client_durand-elodie-e3612fc93c.html").exists()
    assert "corrige_relation_client_durand-elodie-e3612fc93c.html" in capsys.readouterr().out
    assert sys.modules["widgets.exercices.corrige"]
