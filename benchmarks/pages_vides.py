"""Blank pages in a real browser (issue 17): the long form of the soak of the tests.

A server is started with the shipped settings (deploy/atelier_dashboards_config.py) and, from
its very start, Chromium loads every app the gallery lists in turn (``--chargements``, each a
fresh tab). Then comes a class (``--simultanes`` students): the teacher opens the app of the
lesson (``--classe``) once, ``--preparation`` seconds before the students, who arrive within
``--etalement`` seconds, each in their own browser profile (own renderer process, as each has
their own computer; here they all share the server's 2 cores, so Chromium runs at a lower CPU
priority, ``--nice-navigateur``, and the class's pages are watched up to ``--delai-page`` s:
the browsers' rendering, not the server, sets their time to visible widgets). The "page
arrived" columns are the server's share. ``--melange`` adds the same number
of pages opened at once in one profile, cycling through every app. Each page waits for its
app's result widget (``.atelier-resultat``, the convention of docs/architecture.md). Reported:
time to visible widgets (median, p95, max, from the navigation start) and the count of blank
pages (result widget not visible ``--delai-vide`` s after the page arrived).

Baseline in the same run (``--temoin``, on by default): the same loads on a server whose
pre-rendering waits only nbclient's default 4 s for a cell's last outputs (``delai_sorties =
4``), which is what Voilà 0.5 did before the fix and left pages blank on a loaded machine.

    .venv/bin/python benchmarks/pages_vides.py                         # 300 loads, a class of 35
    .venv/bin/python benchmarks/pages_vides.py --chargements 60 --simultanes 10 --sans-temoin
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "benchmarks"))

from classroom import Serveur, _port_libre  # noqa: E402

from benchmarks.chargements import (  # noqa: E402
    carnets_de_la_galerie,
    charger,
    charger_ensemble,
    nouveau_contexte,
    resume,
)
from widgets.tableaux_de_bord import FICHIER_CONFIG_DEFAUT  # noqa: E402

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
        # The class: the teacher checks the app, the pool grows, the students arrive.
        enseignant = charger(contexte, serveur.base, args.classe, delai_vide=args.delai_vide)
        time.sleep(args.preparation)
        avant_classe = serveur_etat(serveur)["apps"][args.classe]
        print(f"  {nom} : réserve prête pour la classe {avant_classe['reserve_prete']}")
        classe = charger_ensemble(
            None,
            serveur.base,
            [args.classe] * args.simultanes,
            delai_vide=args.delai_vide,
            delai_page=args.delai_page,
            etalement_s=args.etalement,
            navigateur=navigateur,
        )
        melange = []
        if args.melange:
            melange = charger_ensemble(
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
            "sequentiels": resume(sequence + [enseignant]),
            "classe": resume(classe),
            "reserve_prete_avant_classe": avant_classe["reserve_prete"],
            "simultanes": resume(melange) if melange else None,
            "ecartes": journal.count("rendu préalable a perdu des sorties"),
            "sorties_perdues": journal.count("Timeout waiting for IOPub output"),
            "signalements": journal.count("Page sans widget"),
            "duree_s": time.monotonic() - debut,
            "charge": os.getloadavg(),
            "vides": [c.__dict__ for c in sequence + [enseignant] + classe + melange if c.vide],
        }
    finally:
        serveur.arreter()


def ceder_le_processeur(priorite: int) -> list[int]:
    """Lower the CPU priority of the Chromium processes (``nice``) and return their pids.

    The 35 "student computers" are browsers on the server's own 2 cores: at equal priority
    they take the CPU the kernels need, which no classroom does (each student renders on their
    own computer). Renderers started later are forked by Chromium's zygote and inherit it.
    Linux only (this benchmark drives the Debian chromium).
    """
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            commande = (proc / "cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if commande.endswith(b"chromium"):
            try:
                os.setpriority(os.PRIO_PROCESS, int(proc.name), priorite)
                pids.append(int(proc.name))
            except OSError:
                pass
    return pids


def serveur_etat(serveur: Serveur) -> dict:
    with urllib.request.urlopen(serveur.base + "/atelier/etat.json", timeout=30) as reponse:
        return json.loads(reponse.read().decode("utf-8"))


def _ligne(nom: str, r: dict) -> str:
    return (
        f"| {nom} | {r['chargements']} | {r['arrivee_mediane_s']:.1f} | {r['arrivee_max_s']:.1f} "
        f"| {r['mediane_s']:.1f} | {r['p95_s']:.1f} | {r['max_s']:.1f} | {r['jamais_affichees']} "
        f"| {r['sans_sortie_widget']} | {r['vides']} | {r['avis_recharger']} |"
    )


ENTETE = (
    "| serveur, série | pages | page arrivée, médiane (s) | page arrivée, max (s) "
    "| widgets visibles, médiane (s) | p95 (s) | max (s) | jamais affichées "
    "| arrivées sans sortie de widget | visibles > DELAI s après l'arrivée | avis « rechargez » |"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chargements", type=int, default=300)
    parser.add_argument("--simultanes", type=int, default=35, help="élèves de la classe")
    parser.add_argument("--classe", default="negociation.ipynb", help="application de la séance")
    parser.add_argument(
        "--preparation", type=float, default=120.0, help="secondes entre l'enseignant et la classe"
    )
    parser.add_argument("--etalement", type=float, default=10.0, help="arrivées étalées sur (s)")
    parser.add_argument(
        "--melange", action="store_true", help="puis autant de pages à la fois, toutes apps"
    )
    parser.add_argument("--delai-vide", type=float, default=20.0)
    parser.add_argument(
        "--delai-page",
        type=float,
        default=300.0,
        help="attente maximale d'une page de la classe avant de la dire jamais affichée (s)",
    )
    parser.add_argument(
        "--nice-navigateur",
        type=int,
        default=10,
        help="priorité (nice) des navigateurs, qui partagent ici les cœurs du serveur",
    )
    parser.add_argument("--sans-temoin", action="store_true", help="pas de mesure témoin")
    parser.add_argument("--json", type=Path, help="écrire les résultats bruts ici")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    resultats = []
    with tempfile.TemporaryDirectory(prefix="pages-vides-") as tmp, sync_playwright() as pw:
        navigateur = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS_CHROMIUM)
        if args.nice_navigateur:
            pids = ceder_le_processeur(args.nice_navigateur)
            print(f"Chromium : nice {args.nice_navigateur} pour {len(pids)} processus")
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
    print(ENTETE.replace("DELAI", f"{args.delai_vide:g}"))
    print("|---|" + "---:|" * 10)
    for r in resultats:
        print(_ligne(f"{r['serveur']}, une à une", r["sequentiels"]))
        print(_ligne(f"{r['serveur']}, classe de {args.simultanes} ({args.classe})", r["classe"]))
        if r["simultanes"]:
            nom = f"{r['serveur']}, {args.simultanes} ensemble, toutes apps"
            print(_ligne(nom, r["simultanes"]))
    for r in resultats:
        print(
            f"{r['serveur']} : sorties perdues au pré-rendu {r['sorties_perdues']}, noyaux "
            f"écartés {r['ecartes']}, réserve prête avant la classe "
            f"{r['reserve_prete_avant_classe']}, pages "
            f"signalées {r['signalements']}, durée {r['duree_s']:.0f} s, charge "
            f"{' / '.join(f'{x:.1f}' for x in r['charge'])} (1, 5, 15 min)"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(resultats, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
