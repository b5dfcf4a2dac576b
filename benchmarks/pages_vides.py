"""Blank pages in a real browser (issue 17): the long form of the soak of the tests.

A server is started with the shipped settings (deploy/atelier_dashboards_config.py) and, from
its very start, Chromium loads every app the gallery lists in turn (``--chargements``, each a
fresh tab), then opens ``--simultanes`` tabs at once. Each page waits for its app's result
widget (``.atelier-resultat``, the convention of docs/architecture.md). Reported: time to
visible widgets (median, p95, max, from the navigation start) and the count of blank pages
(result widget not visible ``--delai-vide`` s after the page arrived).

Baseline in the same run (``--temoin``, on by default): the same loads on a server whose
pre-rendering waits only nbclient's default 4 s for a cell's last outputs (``delai_sorties =
4``), which is what Voilà 0.5 did before the fix and left pages blank on a loaded machine.

    .venv/bin/python benchmarks/pages_vides.py                         # 300 loads, 35 at once
    .venv/bin/python benchmarks/pages_vides.py --chargements 60 --simultanes 10 --sans-temoin
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "benchmarks"))

from classroom import Serveur, _port_libre  # noqa: E402

from widgets.tableaux_de_bord import FICHIER_CONFIG_DEFAUT  # noqa: E402
from widgets.tableaux_de_bord.chargements import (  # noqa: E402
    carnets_de_la_galerie,
    charger,
    charger_ensemble,
    nouveau_contexte,
    resume,
)

CHROMIUM = "/usr/bin/chromium"
ARGS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]


def demarrer(nom: str, dossier: Path, reglages: dict) -> Serveur:
    """Server with the shipped settings plus ``reglages``, answering (pools may still warm)."""
    dossier.mkdir(parents=True, exist_ok=True)
    port = _port_libre()
    config = dossier / "atelier_dashboards_config.py"
    lignes = [f"load_subconfig({str(FICHIER_CONFIG_DEFAUT)!r})"]
    lignes.append(f"c.ConfigTableauxDeBord.fichier_journal = {str(dossier / 'journal.log')!r}")
    lignes += [f"c.ConfigTableauxDeBord.{k} = {v!r}" for k, v in reglages.items()]
    config.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    serveur = Serveur(
        nom,
        [sys.executable, "-m", "widgets.cli", "dashboards", "--config", str(config)]
        + ["--port", str(port)],
        port,
        dossier,
        dict(
            os.environ,
            JUPYTER_RUNTIME_DIR=str(dossier / "rt"),
            ATELIER_DONNEES=str(dossier / "donnees"),
        ),
    )
    serveur.attendre("/atelier/etat.json")
    return serveur


def mesurer(navigateur, nom: str, dossier: Path, reglages: dict, args) -> dict:
    serveur = demarrer(nom, dossier, reglages)
    debut = time.monotonic()
    try:
        carnets = carnets_de_la_galerie(serveur.base)
        contexte = nouveau_contexte(navigateur)
        sequence = []
        for i in range(args.chargements):
            sequence.append(
                charger(
                    contexte, serveur.base, carnets[i % len(carnets)], delai_vide=args.delai_vide
                )
            )
            if (i + 1) % 20 == 0:
                print(f"  {nom} : {i + 1} chargements, {sum(c.vide for c in sequence)} vide(s)")
        ensemble = charger_ensemble(
            contexte,
            serveur.base,
            [carnets[i % len(carnets)] for i in range(args.simultanes)],
            delai_vide=args.delai_vide,
        )
        contexte.close()
        journal = (dossier / "journal.log").read_text(encoding="utf-8", errors="replace")
        return {
            "serveur": nom,
            "reglages": reglages,
            "apps": carnets,
            "sequentiels": resume(sequence),
            "simultanes": resume(ensemble),
            "sorties_perdues": journal.count("Timeout waiting for IOPub output"),
            "signalements": journal.count("Page sans widget"),
            "duree_s": time.monotonic() - debut,
            "charge": os.getloadavg(),
            "vides": [c.__dict__ for c in sequence + ensemble if c.vide],
        }
    finally:
        serveur.arreter()


def _ligne(nom: str, r: dict) -> str:
    return (
        f"| {nom} | {r['chargements']} | {r['mediane_s']:.1f} | {r['p95_s']:.1f} | "
        f"{r['max_s']:.1f} | {r['vides']} | {r['messages_attente']} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chargements", type=int, default=300)
    parser.add_argument("--simultanes", type=int, default=35)
    parser.add_argument("--delai-vide", type=float, default=20.0)
    parser.add_argument("--sans-temoin", action="store_true", help="pas de mesure témoin")
    parser.add_argument("--json", type=Path, help="écrire les résultats bruts ici")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    resultats = []
    with tempfile.TemporaryDirectory(prefix="pages-vides-") as tmp, sync_playwright() as pw:
        navigateur = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS_CHROMIUM)
        try:
            essais = [("projet", {})]
            if not args.sans_temoin:
                essais.append(("temoin_4s", {"delai_sorties": 4.0}))
            for nom, reglages in essais:
                print(f"{nom} : charge {os.getloadavg()[0]:.1f} au départ", flush=True)
                resultats.append(mesurer(navigateur, nom, Path(tmp) / nom, reglages, args))
        finally:
            navigateur.close()

    print(f"\nApps : {', '.join(resultats[0]['apps'])}")
    print(
        "| serveur, série | pages | médiane (s) | p95 (s) | max (s) | vides | avis « se prépare » |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in resultats:
        print(_ligne(f"{r['serveur']}, une à une", r["sequentiels"]))
        print(_ligne(f"{r['serveur']}, {args.simultanes} ensemble", r["simultanes"]))
    for r in resultats:
        print(
            f"{r['serveur']} : sorties perdues au pré-rendu {r['sorties_perdues']}, pages "
            f"signalées {r['signalements']}, durée {r['duree_s']:.0f} s, charge "
            f"{' / '.join(f'{x:.1f}' for x in r['charge'])} (1, 5, 15 min)"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(resultats, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
