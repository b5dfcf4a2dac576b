"""French numbers are written by one module, ``widgets.calculs.format``: no hand-made
``.replace(".", ",")`` in the library, the notebooks or the Voilà apps (a scan), and the figure a
person types back (``format_saisie``) keeps every digit with a decimal comma."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from widgets.calculs.format import format_nombre, format_saisie

RACINE = Path(__file__).resolve().parents[1]
VIRGULE_A_LA_MAIN = re.compile(r"""\.replace\(\s*(["'])\.\1\s*,\s*(["']),\2\s*\)""")
PERMIS = {
    # not a number: the generator plants a typo in an e-mail address (a data defect to find)
    Path("widgets/donnees/generation/prospects.py"): "{domaine.replace('.', ',')}",
}


def _sources() -> dict[Path, str]:
    """Every Python file of widgets/ and every code cell of notebooks/ and voila_apps/."""
    sources = {f: f.read_text(encoding="utf-8") for f in (RACINE / "widgets").rglob("*.py")}
    for dossier in ("notebooks", "voila_apps"):
        for carnet in (RACINE / dossier).rglob("*.ipynb"):
            cellules = json.loads(carnet.read_text(encoding="utf-8"))["cells"]
            sources[carnet] = "\n".join(
                "".join(c["source"]) for c in cellules if c["cell_type"] == "code"
            )
    return sources


def test_no_decimal_comma_swapped_by_hand():
    fautes = [
        f"{chemin.relative_to(RACINE)}: {m.group(0)}"
        for chemin, texte in _sources().items()
        for m in VIRGULE_A_LA_MAIN.finditer(texte)
        if chemin.relative_to(RACINE) not in PERMIS
    ]
    assert not fautes, "utilisez widgets.calculs.format (format_saisie…) :\n" + "\n".join(fautes)


def test_the_scan_sees_the_files_and_the_pattern():
    # Guard: the scan reads the library and the notebooks, and its pattern matches both quotes.
    sources = _sources()
    assert sum(c.suffix == ".py" for c in sources) > 150
    assert sum(c.suffix == ".ipynb" for c in sources) > 20
    assert "def format_saisie" in sources[RACINE / "widgets" / "calculs" / "format.py"]
    assert VIRGULE_A_LA_MAIN.search('str(x).replace(".", ",")')
    assert VIRGULE_A_LA_MAIN.search("str(x).replace('.',',')")
    assert not VIRGULE_A_LA_MAIN.search('str(x).replace(",", ".")')
    for chemin, ligne in PERMIS.items():  # each exception is still there and still matches
        assert ligne in sources[RACINE / chemin] and VIRGULE_A_LA_MAIN.search(ligne)


def test_a_typed_back_figure_keeps_every_digit_with_a_decimal_comma():
    assert format_saisie(Decimal("1234.50")) == "1234,50"  # no thousands separator, 2 digits kept
    assert format_saisie(19.6) == "19,6"
    assert format_saisie(Decimal("20")) == "20"
    assert format_saisie(Decimal("-0.125")) == "-0,125"
    assert format_saisie(Decimal("1E+3")) == "1000"  # never an exponent in a field
    assert format_nombre(Decimal("1234.5"), 2) == "1\u202f234,50"  # the display form differs
