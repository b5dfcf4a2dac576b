"""widgets.calculs stays pure: importing it loads no ipywidgets, sqlite3, pandas or IPython."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
INTERDITS = ("ipywidgets", "sqlite3", "pandas", "IPython", "matplotlib", "sqlite_utils", "numpy")


def test_importing_the_calculation_layer_loads_no_ui_nor_data_library() -> None:
    code = (
        "import sys\n"
        "import widgets.calculs, widgets.calculs.pieges\n"
        "import widgets.calculs.ecommerce, widgets.calculs.centre_contact\n"
        "import widgets.calculs.satisfaction, widgets.calculs.pieges_distance\n"
        "import widgets.calculs.merchandising, widgets.calculs.reseau, widgets.calculs.vdi\n"
        "import widgets.calculs.pieges_reseaux\n"
        f"print(sorted(m for m in {INTERDITS!r} if m in sys.modules))\n"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], cwd=RACINE, capture_output=True, text=True, check=True
    )
    assert sortie.stdout.strip() == "[]", sortie.stdout + sortie.stderr


def test_the_check_would_see_a_forbidden_import() -> None:
    # le même contrôle, sur un module qui charge sqlite3, doit le voir (le test peut échouer)
    code = "import sys, sqlite3\nprint('sqlite3' in sys.modules)\n"
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert sortie.stdout.strip() == "True"
