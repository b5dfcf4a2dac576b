"""French numbers everywhere a teacher looks first (issue 29), and the six units presented.

``2 000`` not ``2000`` in the tables of ``00_prise_en_main``, ``1 500`` on chart axes, « 1 751
lignes en trop » in the SQL checker's messages; the six units named in the README and in the
first notebook; ``.ipynb_checkpoints`` never listed as a unit.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import matplotlib
import nbformat
import pandas as pd

from widgets.donnees import visite_guidee
from widgets.exercices.controles_sql import Resultat, comparer
from widgets.ui.nombres_fr import axes_a_la_francaise, tableau_fr

matplotlib.use("Agg")

RACINE = Path(__file__).resolve().parents[1]
UNITES = [
    "gestion_clientele",
    "relation_client",
    "management_equipe",
    "gestion_projet",
    "finance",
    "relation_digitale",
    "relation_distance",
    "animation_reseaux",
]
FINE = "\u202f"  # babel's thousands separator for fr_FR (narrow no-break space)


def test_a_table_shows_counts_with_a_thin_space_and_leaves_identifiers_alone():
    df = pd.DataFrame(
        {"id_client": [1017, 2000], "nb_commandes": [2000, 51234], "ca_ht": [1234.5, 12.0]}
    )
    texte = tableau_fr(df).data
    assert list(texte["nb_commandes"]) == [f"2{FINE}000", f"51{FINE}234"]
    assert list(texte["ca_ht"]) == [f"1{FINE}234,50", "12,00"]
    assert list(texte["id_client"]) == ["1017", "2000"]
    assert f"2{FINE}000" in tableau_fr(df).to_html()


def test_the_row_counts_of_the_first_notebook_are_french():
    df = pd.DataFrame({"table": ["clients"], "lignes": [2000]}).set_index("table")
    assert tableau_fr(df).data.loc["clients", "lignes"] == f"2{FINE}000"


def test_chart_ticks_are_french_numbers():
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    ax.bar([0, 1], [1500, 2500])
    axes_a_la_francaise(ax)
    ax.figure.canvas.draw()
    etiquettes = [t.get_text() for t in ax.get_yticklabels()]
    assert f"1{FINE}500" in etiquettes and "1500" not in etiquettes
    ax2 = Figure().subplots()
    ax2.plot([0, 1], [0.5, 2.5])
    axes_a_la_francaise(ax2)
    ax2.figure.canvas.draw()
    assert "1,5" in [t.get_text() for t in ax2.get_yticklabels()]


def test_the_sql_checker_counts_rows_the_french_way():
    attendu = Resultat(("n",), tuple((D(i),) for i in range(3)))
    eleve = Resultat(("n",), tuple((D(i),) for i in range(3 + 1751)))
    message = comparer(attendu, eleve).message
    assert f"1{FINE}751 lignes en trop" in message
    juste = Resultat(("n",), tuple((D(i),) for i in range(2000)))
    assert f"(2{FINE}000 lignes)" in comparer(juste, juste).message


def test_the_units_listed_never_include_jupyter_checkpoints(tmp_path, monkeypatch):
    for nom in ("finance", ".ipynb_checkpoints", "relation_client"):
        (tmp_path / nom).mkdir()
    monkeypatch.setattr(visite_guidee, "DOSSIER_CARNETS", tmp_path)
    texte = visite_guidee.organisation()
    assert "  - finance\n  - relation_client\n" in texte
    assert "checkpoints" not in texte


def test_the_readme_and_the_first_notebook_present_the_eight_units():
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    carnet = nbformat.read(RACINE / "notebooks" / "00_prise_en_main.ipynb", as_version=4)
    texte_carnet = "\n".join(c.source for c in carnet.cells if c.cell_type == "markdown")
    for unite in UNITES:
        assert f"`{unite}`" in readme, unite
        assert f"`{unite}`" in texte_carnet, unite
        assert (RACINE / "notebooks" / unite).is_dir()
    assert "huit unités" in readme.lower() and "huit unités" in texte_carnet.lower()
