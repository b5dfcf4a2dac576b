"""Cost of the exam rules on an exercise answer, and of printing a class's sujets.

    .venv/bin/python benchmarks/devoirs.py                  # 50 devoirs in the class folder
    .venv/bin/python benchmarks/devoirs.py --devoirs 200 --repetitions 300

The exercise widget asks the class folder for the exam rules before every action
(``widgets.donnees.devoirs.regles_du_moment``: reads every devoir's JSON). Baseline measured in
the same run: the same ``verifier()`` with an empty class folder. Prints CPU milliseconds per
answer for both and their ratio, then the CPU seconds to print 35 sujets and 35 corrigés.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

CODE = "relation_client/net-a-payer-1"


def _par_reponse(ex, repetitions: int) -> float:
    debut = time.process_time()
    for i in range(repetitions):
        ex.remplir(str(i))
        ex.verifier()
    return (time.process_time() - debut) / repetitions * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devoirs", type=int, default=50)
    parser.add_argument("--repetitions", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as dossier:
        os.environ["ATELIER_DONNEES"] = str(Path(dossier) / "donnees")
        from widgets.donnees.classe import EleveImporte
        from widgets.donnees.devoirs import devoir, enregistrer_devoir
        from widgets.donnees.progression import Progression
        from widgets.exercices.devoirs import corriges_html, sujets_html
        from widgets.ui.exercice import Exercice

        progression = Progression(Path(dossier) / "p.sqlite")
        vide = _par_reponse(Exercice(CODE, "Banc", progression=progression), args.repetitions)
        for n in range(args.devoirs):  # past trainings: they do not change the rules
            d = devoir(
                f"Devoir {n}",
                [(CODE, 2), ("relation_client/taux-de-marque-1", 3)],
                debut="2026-01-05T08:00",
                fin="2026-01-05T10:00",
            )
            enregistrer_devoir(d)
        plein = _par_reponse(Exercice(CODE, "Banc", progression=progression), args.repetitions)
        print(f"verifier() sans devoir     : {vide:7.2f} ms CPU par réponse")
        print(f"verifier() avec {args.devoirs:3d} devoirs : {plein:7.2f} ms CPU par réponse")
        print(f"rapport                    : {plein / vide:7.2f}")
        eleves = [EleveImporte(f"Nom{i}", f"Prénom{i}") for i in range(35)]
        debut = time.process_time()
        taille = len(sujets_html(d, eleves)) + len(corriges_html(d, eleves))
        print(
            f"35 sujets + 35 corrigés    : {time.process_time() - debut:7.2f} s CPU, "
            f"{taille / 1e6:.2f} Mo de HTML"
        )


if __name__ == "__main__":
    main()
