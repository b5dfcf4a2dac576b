"""``atelier``: the one command-line door of the workbench (a thin layer over the library).

Each sub-command imports its module lazily so that ``atelier --help`` stays instant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from widgets.donnees.chemins import DOSSIER_CARNETS, base_reference


def _build_db(args: argparse.Namespace) -> int:
    from widgets.donnees.generation import construire_base

    rapport = construire_base(Path(args.out), clients=args.clients, graine=args.seed)
    print(rapport)
    return 0


def _lab(args: argparse.Namespace) -> int:
    # In-process launch (no shelling out): the same on Windows and Linux.
    from jupyterlab.labapp import LabApp

    argv = [
        f"--ServerApp.root_dir={Path(args.dossier).resolve()}",
        f"--ServerApp.ip={args.host}",
        f"--ServerApp.port={args.port}",
        "--ServerApp.open_browser=False" if args.no_browser else "--ServerApp.open_browser=True",
        # Containers and CI run as root; the flag changes nothing for an ordinary user.
        "--ServerApp.allow_root=True",
    ]
    print(f"Atelier NRC : JupyterLab démarre sur http://{args.host}:{args.port}/lab")
    LabApp.launch_instance(argv=argv)
    return 0


def _dashboards(args: argparse.Namespace) -> int:
    from widgets.tableaux_de_bord import servir

    return servir(args)


def _corrige(args: argparse.Namespace) -> int:
    from widgets.exercices.corrige import commande_corrige

    return commande_corrige(args)


def _export_classe(args: argparse.Namespace) -> int:
    from widgets.exercices.corrige import commande_export_classe

    return commande_export_classe(args)


def construire_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="atelier", description="Atelier NRC : commandes de l'atelier.")
    sub = p.add_subparsers(dest="commande", required=True)

    b = sub.add_parser(
        "build-db", help="Construire la base clients (déterministe pour une graine)."
    )
    b.add_argument("--out", default=str(base_reference()), help="Fichier SQLite à créer.")
    b.add_argument("--clients", type=int, default=2000, help="Nombre de clients (défaut 2000).")
    b.add_argument("--seed", type=int, default=2026, help="Graine du générateur (défaut 2026).")
    b.set_defaults(func=_build_db)

    lab = sub.add_parser("lab", help="Lancer JupyterLab sur les carnets.")
    lab.add_argument("--dossier", default=str(DOSSIER_CARNETS))
    lab.add_argument("--host", default="127.0.0.1")
    lab.add_argument("--port", type=int, default=8888)
    lab.add_argument("--no-browser", action="store_true", help="Ne pas ouvrir le navigateur.")
    lab.set_defaults(func=_lab)

    d = sub.add_parser("dashboards", help="Servir les applications Voilà de l'intranet.")
    d.add_argument("--config", default=None, help="Fichier de configuration (traitlets).")
    d.add_argument("--host", default=None)
    d.add_argument("--port", type=int, default=None)
    d.set_defaults(func=_dashboards)

    c = sub.add_parser("corrige", help="Sujet et corrigé d'un étudiant, en HTML imprimable.")
    c.add_argument("--unit", required=True, help="Unité (ex. relation_client).")
    c.add_argument("--student", required=True, help="Identifiant de l'étudiant.")
    c.add_argument("--seed", type=int, default=0)
    c.add_argument(
        "--out", default=None, help="Fichier HTML (défaut : corrige_<unité>_<étudiant>.html)."
    )
    c.set_defaults(func=_corrige)

    e = sub.add_parser(
        "export-classe", help="Regrouper les progressions de la classe (CSV, Excel)."
    )
    e.add_argument("fichiers", nargs="+", help="Fichiers de progression ramassés.")
    e.add_argument("--out", default="classe.xlsx", help="classe.csv ou classe.xlsx")
    e.set_defaults(func=_export_classe)
    return p


def main(argv: list[str] | None = None) -> int:
    args = construire_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
