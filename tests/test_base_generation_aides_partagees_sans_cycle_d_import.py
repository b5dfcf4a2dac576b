"""The generator's shared helpers live in ``generation/aleatoire.py``, below the modules that
use them: no import between the generation modules goes both ways (at module level or inside a
function; ``TYPE_CHECKING`` imports excepted), and a fresh interpreter imports them in any
order."""

from __future__ import annotations

import ast
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import widgets.donnees.generation as generation
from widgets.donnees.generation import aleatoire

DOSSIER = Path(generation.__file__).parent
MODULES = sorted(f.stem for f in DOSSIER.glob("*.py") if f.stem != "__init__")


def _imports(module: str) -> set[str]:
    """Generation modules imported by ``module`` anywhere but under ``if TYPE_CHECKING:``."""
    arbre = ast.parse((DOSSIER / f"{module}.py").read_text(encoding="utf-8"))
    ignores = {
        id(n)
        for bloc in ast.walk(arbre)
        if isinstance(bloc, ast.If) and "TYPE_CHECKING" in ast.unparse(bloc.test)
        for n in ast.walk(bloc)
    }
    vus = set()
    for n in ast.walk(arbre):
        if isinstance(n, ast.ImportFrom) and id(n) not in ignores and n.module:
            if n.module.startswith("widgets.donnees.generation."):
                vus.add(n.module.rsplit(".", 1)[1])
            elif n.module == "widgets.donnees.generation":
                vus.update(a.name for a in n.names if a.name in MODULES)
    return vus - {module}


def test_aucune_paire_de_modules_de_generation_ne_s_importe_mutuellement():
    graphe = {m: _imports(m) for m in MODULES}
    assert graphe["aleatoire"] <= {"controles"}
    for m in ("generateur", "prospects", "vectorise"):
        assert "aleatoire" in graphe[m]
    # no cycle at all: a topological order exists
    restants = dict(graphe)
    while restants:
        feuilles = [m for m, deps in restants.items() if not deps & restants.keys()]
        assert feuilles, f"cycle d'import entre {sorted(restants)}"
        for m in feuilles:
            del restants[m]


def test_les_modules_s_importent_dans_n_importe_quel_ordre():
    # the pairs that imported each other before aleatoire.py existed, both ways
    for a, b in [("generateur", "prospects"), ("generateur", "vectorise")]:
        for x, y in ((a, b), (b, a)):
            code = f"import widgets.donnees.generation.{x}, widgets.donnees.generation.{y}"
            sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            assert sortie.returncode == 0, (x, y, sortie.stderr[-500:])


def test_les_aides_donnent_les_valeurs_calculees_a_la_main():
    assert aleatoire.slug("Société Œuvre d'Été") == "societe-oeuvre-d-ete"
    assert aleatoire.arrondi_div(25, 10) == 3  # 2,5 → 3 (half away from zero)
    assert aleatoire.arrondi_div(24, 10) == 2
    assert (aleatoire.DEBUT, aleatoire.FIN) == (date(2023, 1, 1), date(2025, 12, 31))
    siret = aleatoire.siret(random.Random(1), set())
    # Luhn: digits doubled every other one from the right sum to a multiple of 10
    chiffres = [int(c) for c in reversed(siret)]
    total = sum(
        c if i % 2 == 0 else (2 * c - 9 if c > 4 else 2 * c) for i, c in enumerate(chiffres)
    )
    assert len(siret) == 14 and total % 10 == 0
