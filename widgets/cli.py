"""``atelier``: the one command-line door of the workbench (a thin layer over the library).

Sub-commands and options are French (``construire-base --sortie``, ``corrige --unite``…), like
every message; the English spellings of the first release (``build-db``, ``dashboards``,
``--out``, ``--unit``, ``--student``, ``--seed``, ``--host``, ``--no-browser``) still work as
hidden aliases, so old scripts and notes keep running. This module turns the parsed options
into keyword arguments: library functions never receive an ``argparse.Namespace``.

Each sub-command imports its module lazily so that ``atelier --help`` stays instant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from widgets.donnees.chemins import base_reference

ALIAS_COMMANDES = {"build-db": "construire-base", "dashboards": "tableaux-de-bord"}
"""Old (hidden) sub-command spellings → the French name."""


def _construire_base(args: argparse.Namespace) -> int:
    from widgets.donnees.generation import construire_base

    rapport = construire_base(Path(args.sortie), clients=args.clients, graine=args.graine)
    print(rapport)
    print(construire_agregats(Path(args.sortie)))
    return 0


def construire_agregats(base: Path) -> str:
    """Build the read-only aggregate file beside ``base`` (customer P&L and risk of the
    default parameters, :mod:`widgets.donnees.cache_agregats`); returns the French report."""
    import time

    from widgets.calculs.format import format_nombre
    from widgets.donnees.cache_agregats import construire_cache_de_base

    debut = time.perf_counter()
    fichier = construire_cache_de_base(base)
    duree = format_nombre(time.perf_counter() - debut, 1)
    return f"Agrégats pré-calculés (comptes d'exploitation, risque) : {fichier.name}, en {duree} s"


def _lab(args: argparse.Namespace) -> int:
    from widgets.lab import lancer_lab

    return lancer_lab(
        args.dossier, hote=args.hote, port=args.port, navigateur=not args.sans_navigateur
    )


def _tableaux_de_bord(args: argparse.Namespace) -> int:
    from widgets.tableaux_de_bord import servir

    return servir(config=args.config, hote=args.hote, port=args.port)


def _seance(args: argparse.Namespace) -> int:
    from widgets.erreurs import ErreurAtelier
    from widgets.tableaux_de_bord import FichierConfigIntrouvable, charger_reglages
    from widgets.tableaux_de_bord.seance import decrire_seance, nom_carnet, preparer_seance

    try:
        reglages = charger_reglages(args.config)
        carnet = nom_carnet(args.app, reglages.carnets())
        seance = preparer_seance(
            carnet, args.eleves, args.duree, dossier=reglages.dossier_seances()
        )
    except (ErreurAtelier, FichierConfigIntrouvable) as err:
        print(f"Atelier NRC : {err}", file=sys.stderr)
        return 2
    print(decrire_seance(seance))
    return 0


def _capacite(args: argparse.Namespace) -> int:
    from widgets.erreurs import ErreurAtelier
    from widgets.tableaux_de_bord.capacite import decrire_capacite, planifier_capacite

    try:
        plan = planifier_capacite(args.eleves, args.simultanes)
    except ErreurAtelier as err:
        print(f"Atelier NRC : {err}", file=sys.stderr)
        return 2
    print(decrire_capacite(plan))
    return 0


def _entier_positif(texte: str) -> int:
    """argparse type: a whole number ≥ 1, refused in French otherwise."""
    try:
        valeur = int(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {texte} » n'est pas un nombre entier") from None
    if valeur < 1:
        raise argparse.ArgumentTypeError(f"« {texte} » : il faut au moins 1")
    return valeur


def _corrige(args: argparse.Namespace) -> int:
    from widgets.exercices.corrige import commande_corrige

    return commande_corrige(args.unite, args.etudiant, graine=args.graine, sortie=args.sortie)


def _export_classe(args: argparse.Namespace) -> int:
    from widgets.exercices.corrige import commande_export_classe

    return commande_export_classe(args.fichiers, args.sortie)


def _devoir_imprimer(args: argparse.Namespace) -> int:
    from widgets.exercices.devoirs import commande_imprimer

    return commande_imprimer(args.fichier, classe=args.classe, sortie=args.sortie)


def _enseignant_mot_de_passe(args: argparse.Namespace) -> int:
    from widgets.tableaux_de_bord.reglages_enseignant import commande_mot_de_passe

    return commande_mot_de_passe()


def _enseignant_taille_classe(args: argparse.Namespace) -> int:
    from widgets.tableaux_de_bord.reglages_enseignant import commande_taille_classe

    return commande_taille_classe(args.eleves)


def _exercice(args: argparse.Namespace) -> int:
    from widgets.erreurs import ErreurAtelier
    from widgets.exercices.auteur.verification import apercu, nouveau, verifier

    try:
        if args.action == "exporter":
            from widgets.exercices.auteur.jeux import exporter

            *sources, sortie = args.elements
            if not sources:
                raise ErreurAtelier("Donnez les fichiers (ou codes) à exporter, puis le jeu.")
            chemin, n = exporter(sources, sortie)
            print(f"Jeu écrit dans {chemin} ({n} exercice(s)). Pour l'importer :")
            print(f"    .venv/bin/atelier exercice importer {chemin.name}")
            return 0
        if args.action == "importer":
            from widgets.exercices.auteur.jeux import importer

            print(importer(args.fichier, remplacer=args.remplacer).texte())
            return 0
        if args.action == "nouveau":
            chemin = nouveau(args.fichier)
            print(f"Modèle commenté écrit dans {chemin}. Modifiez-le, puis :")
            print(f"    .venv/bin/atelier exercice verifier {chemin}")
            return 0
        if args.action == "verifier":
            rapport = verifier(args.fichier)
            print(rapport.texte())
            return 0 if rapport.valide else 1
        print(apercu(args.fichier, args.etudiant, graine=args.graine))
        return 0
    except ErreurAtelier as err:
        print(f"Atelier NRC : {err}", file=sys.stderr)
        return 2


def _moodle(args: argparse.Namespace) -> int:
    from widgets.erreurs import ErreurAtelier

    try:
        if args.action == "exporter":
            from widgets.exercices.moodle import exporter

            chemin = exporter(args.codes, args.sortie, variantes=args.variantes)
            print(
                f"Questions Moodle écrites dans {chemin} : dans Moodle, Banque de questions > "
                "Importer > format « Moodle XML »."
            )
            return 0
        from widgets.donnees.chemins import dossier_classe
        from widgets.donnees.notes_moodle import (
            ecrire_notes,
            enregistrer_dans_la_classe,
            lire_notes_moodle,
        )

        notes = lire_notes_moodle(args.fichier)
        print(f"{len(notes.lignes)} étudiant(s), notes : {', '.join(notes.tests)}.")
        chemin = enregistrer_dans_la_classe(notes, dossier_classe())
        print(f"Notes gardées pour le cockpit (tableau « Notes Moodle ») : {chemin}.")
        if args.sortie:
            print(f"Tableau des notes écrit dans {ecrire_notes(notes, args.sortie)}.")
        return 0
    except ErreurAtelier as err:
        print(f"Atelier NRC : {err}", file=sys.stderr)
        return 2


def _option(parser: argparse.ArgumentParser, nom: str, ancien: str | None, **reglages) -> None:
    """A French option, and its old English spelling as a hidden alias (same destination)."""
    obligatoire = reglages.pop("required", False)
    if obligatoire:  # checked in main(): either spelling may carry the value
        reglages["help"] = reglages["help"].rstrip(".") + " (obligatoire)."
    action = parser.add_argument(nom, **reglages)
    if obligatoire:
        deja = parser.get_default("_obligatoires") or ()
        parser.set_defaults(_obligatoires=(*deja, (action.dest, nom)), _parseur=parser)
    if ancien:
        cache = {k: v for k, v in reglages.items() if k in ("type", "action")}
        parser.add_argument(
            ancien, dest=action.dest, default=argparse.SUPPRESS, help=argparse.SUPPRESS, **cache
        )


class _Parseur(argparse.ArgumentParser):
    """argparse with a French error line (``atelier : erreur : …``, exit code 2)."""

    def error(self, message: str):  # type: ignore[override]
        for anglais, francais in _MESSAGES_ARGPARSE:
            message = message.replace(anglais, francais)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


_MESSAGES_ARGPARSE = (
    ("the following arguments are required:", "arguments obligatoires manquants :"),
    ("unrecognized arguments:", "arguments inconnus :"),
    ("invalid choice:", "choix inconnu :"),
    ("(choose from", "(au choix :"),
    ("expected one argument", "une valeur est attendue"),
)


def _en_francais(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """French section titles and ``-h`` help (argparse writes them in English)."""
    parser._positionals.title = "arguments"
    parser._optionals.title = "options"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "afficher cette aide et quitter"
    return parser


def construire_parser() -> argparse.ArgumentParser:
    p = _Parseur(prog="atelier", description="Atelier NRC : commandes de l'atelier.")
    sub = p.add_subparsers(dest="commande", required=True, metavar="COMMANDE")

    b = sub.add_parser(
        "construire-base", help="Construire la base clients (déterministe pour une graine)."
    )
    _option(b, "--sortie", "--out", default=str(base_reference()), help="Fichier SQLite à créer.")
    _option(b, "--clients", None, type=int, default=2000, help="Nombre de clients (défaut 2000).")
    _option(
        b, "--graine", "--seed", type=int, default=2026, help="Graine du générateur (défaut 2026)."
    )
    b.set_defaults(func=_construire_base)

    lab = sub.add_parser("lab", help="Lancer JupyterLab sur les carnets.")
    _option(
        lab,
        "--dossier",
        None,
        default=None,
        help="Dossier servi (défaut : le projet, carnets et applications Voilà).",
    )
    _option(lab, "--hote", "--host", default="127.0.0.1", help="Adresse d'écoute.")
    _option(lab, "--port", None, type=int, default=8888, help="Port (défaut 8888).")
    _option(
        lab,
        "--sans-navigateur",
        "--no-browser",
        action="store_true",
        help="Ne pas ouvrir le navigateur.",
    )
    lab.set_defaults(func=_lab)

    d = sub.add_parser("tableaux-de-bord", help="Servir les applications Voilà de l'intranet.")
    _option(d, "--config", None, default=None, help="Fichier de configuration (traitlets).")
    _option(d, "--hote", "--host", default=None, help="Adresse d'écoute.")
    _option(d, "--port", None, type=int, default=None, help="Port.")
    d.set_defaults(func=_tableaux_de_bord)

    s = sub.add_parser(
        "seance",
        help="Préparer une séance : la réserve de noyaux de l'application pour la classe.",
    )
    _option(s, "--app", None, required=True, help="Application, par exemple negociation.")
    _option(s, "--eleves", None, type=_entier_positif, required=True, help="Nombre d'élèves.")
    _option(s, "--duree", None, type=_entier_positif, default=120, help="Minutes (défaut 120).")
    _option(s, "--config", None, default=None, help="Fichier de configuration (traitlets).")
    s.set_defaults(func=_seance)

    cap = sub.add_parser(
        "capacite",
        help="Cœurs, mémoire et réserves nécessaires pour N élèves (d'après les mesures).",
    )
    _option(cap, "--eleves", None, type=_entier_positif, required=True, help="Élèves en tout.")
    _option(
        cap,
        "--simultanes",
        None,
        type=_entier_positif,
        required=True,
        help="Élèves connectés en même temps.",
    )
    cap.set_defaults(func=_capacite)

    c = sub.add_parser("corrige", help="Sujet et corrigé d'un étudiant, en HTML imprimable.")
    _option(c, "--unite", "--unit", required=True, help="Unité, par exemple relation_client.")
    _option(c, "--etudiant", "--student", required=True, help="Identifiant de l'étudiant.")
    _option(c, "--graine", "--seed", type=int, default=0, help="Graine de la classe (défaut 0).")
    _option(
        c,
        "--sortie",
        "--out",
        default=None,
        help="Fichier HTML (défaut : corrige_<unité>_<étudiant>.html).",
    )
    c.set_defaults(func=_corrige)

    e = sub.add_parser(
        "export-classe", help="Regrouper les progressions de la classe (CSV, Excel)."
    )
    e.add_argument("fichiers", nargs="+", help="Fichiers de progression ramassés.")
    _option(e, "--sortie", "--out", default="classe.xlsx", help="classe.csv ou classe.xlsx")
    e.set_defaults(func=_export_classe)

    dv = sub.add_parser("devoir", help="Devoirs : imprimer les sujets et les corrigés.")
    sub_dv = dv.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = sub_dv.add_parser(
        "imprimer", help="Sujets et corrigés de toute la classe (HTML A4, une copie par page)."
    )
    imp.add_argument("fichier", help="Fichier JSON du devoir (page enseignant « Devoirs »).")
    _option(
        imp, "--classe", None, required=True, help="Liste de classe CSV : nom ; prénom ; groupe."
    )
    _option(imp, "--sortie", None, default=".", help="Dossier où écrire les deux fichiers HTML.")
    imp.set_defaults(func=_devoir_imprimer)

    en = sub.add_parser(
        "enseignant", help="Réglages de l'enseignant (hors du projet : mot de passe…)."
    )
    sub_en = en.add_subparsers(dest="action", required=True, metavar="ACTION")
    mdp = sub_en.add_parser(
        "mot-de-passe",
        help="Choisir le mot de passe de la page enseignant (demandé deux fois, stocké chiffré).",
    )
    mdp.set_defaults(func=_enseignant_mot_de_passe)
    tc = sub_en.add_parser(
        "taille-classe",
        help="Nombre d'élèves que la réserve des tableaux de bord prépare à l'ouverture.",
    )
    tc.add_argument("eleves", type=_entier_positif, help="Nombre d'élèves, par exemple 24.")
    tc.set_defaults(func=_enseignant_taille_classe)

    ex = sub.add_parser(
        "exercice", help="Exercices écrits par l'enseignant (fichiers TOML, sans Python)."
    )
    sub_ex = ex.add_subparsers(dest="action", required=True, metavar="ACTION")
    ex_n = sub_ex.add_parser("nouveau", help="Écrire un modèle d'exercice commenté.")
    ex_v = sub_ex.add_parser(
        "verifier", help="Vérifier un fichier : champs, 200 variantes, pièges, accords."
    )
    ex_a = sub_ex.add_parser("apercu", help="L'énoncé et la solution d'un étudiant.")
    for sp in (ex_n, ex_v, ex_a):
        sp.add_argument("fichier", help="Fichier d'exercice (.toml).")
        sp.set_defaults(func=_exercice)
    ex_x = sub_ex.add_parser(
        "exporter", help="Réunir des exercices dans un seul fichier (un jeu) pour un collègue."
    )
    ex_x.add_argument(
        "elements",
        nargs="+",
        metavar="FICHIER",
        help="Fichiers .toml, dossiers ou codes de vos exercices, puis le jeu à écrire.",
    )
    ex_x.set_defaults(func=_exercice)
    ex_i = sub_ex.add_parser(
        "importer", help="Vérifier un jeu reçu, puis l'ajouter à vos exercices."
    )
    ex_i.add_argument("fichier", help="Le jeu d'exercices reçu.")
    ex_i.add_argument("--remplacer", action="store_true", help="Écraser vos fichiers de même nom.")
    ex_i.set_defaults(func=_exercice)

    mo = sub.add_parser("moodle", help="Passerelle Moodle : questions XML et notes.")
    sub_mo = mo.add_subparsers(dest="action", required=True, metavar="ACTION")
    mo_x = sub_mo.add_parser("exporter", help="Écrire des exercices en questions Moodle XML.")
    mo_x.add_argument("codes", nargs="+", help="Codes d'exercices (ex. finance/mensualite-1).")
    _option(mo_x, "--sortie", None, required=True, help="Fichier .xml à écrire.")
    _option(
        mo_x, "--variantes", None, type=_entier_positif, default=20,
        help="Variantes tirées par exercice (défaut 20).",
    )  # fmt: skip
    mo_x.set_defaults(func=_moodle)
    mo_n = sub_mo.add_parser("notes", help="Lire l'export CSV du carnet de notes de Moodle.")
    mo_n.add_argument("fichier", help="Export CSV du carnet de notes.")
    _option(mo_n, "--sortie", None, default="", help="Tableau des notes à écrire (.csv, .xlsx).")
    mo_n.set_defaults(func=_moodle)
    _option(ex_a, "--etudiant", None, required=True, help="Nom de l'étudiant.")
    _option(ex_a, "--graine", None, type=int, default=0, help="Graine de la classe (défaut 0).")
    for parser in (
        p, b, lab, d, s, cap, c, e, dv, imp, en, mdp, tc, ex, ex_n, ex_v, ex_a, ex_x, ex_i,
        mo, mo_x, mo_n,
    ):  # fmt: skip
        _en_francais(parser)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ALIAS_COMMANDES:
        argv[0] = ALIAS_COMMANDES[argv[0]]
    parser = construire_parser()
    args = parser.parse_args(argv)
    manquantes = [
        nom for dest, nom in getattr(args, "_obligatoires", ()) if not getattr(args, dest)
    ]
    if manquantes:
        getattr(args, "_parseur", parser).error(
            f"option obligatoire manquante : {', '.join(manquantes)}"
        )
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
