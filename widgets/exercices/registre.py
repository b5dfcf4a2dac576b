"""Automatic discovery of the exercises declared in ``widgets/exercices/catalogue/``.

A catalogue module ``catalogue/<unite>/<theme>.py`` declares its exercises with the
:func:`exercice` decorator; the unit and the theme come from the module's place, the full code
is ``"<unite>/<nom>"``. :func:`tous_les_exercices` imports every catalogue module once
(pkgutil + importlib) and returns the registry. A module that fails to import is an error
(:class:`CatalogueIllisible`, naming every broken module): a missing exercise must fail the test
suite, not vanish behind a warning.

The teacher's own exercises (TOML files of the folders :func:`~widgets.donnees.chemins.
dossiers_exercices`: the teacher's folder, and on a dashboards server the class folder's
``exercices/``; read by :mod:`widgets.exercices.auteur`) join the registry too: they answer
:func:`exercice_par_code`, :func:`tous_les_exercices` and :func:`exercices_du_catalogue` like
built-in ones (so the cockpit, devoirs, exams, sujets and corrigés list them). A file that is
refused (unreadable, unsafe, or whose code is a built-in one's or another file's: a teacher's
file never shadows anything) does not hide the others: its French error (with the line) is
listed by :func:`exercices_enseignant_refuses` and quoted when its code is asked for.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

from widgets.donnees.chemins import dossiers_exercices
from widgets.exercices.modele import UNITES, Exercice, ExerciceInconnu, Generateur

PAQUET_CATALOGUE = "widgets.exercices.catalogue"

_REGISTRE: dict[str, Exercice] = {}
_decouvert = False


def exercice(
    nom: str,
    titre: str,
    *,
    savoirs: tuple[str, ...] | list[str] = (),
    essais_avant_solution: int = 3,
) -> Callable[[Generateur], Generateur]:
    """Decorator declaring an exercise whose variants are made by the decorated generator.

    Use it in ``widgets/exercices/catalogue/<unite>/<theme>.py``::

        @exercice("net-a-payer-1", "Net à payer d'une facture", savoirs=["S511"])
        def net_a_payer_1(alea: random.Random) -> Variante: ...

    The function is returned unchanged (it stays callable in tests).
    """

    def decorer(generateur: Generateur) -> Generateur:
        morceaux = generateur.__module__.split(".")
        if generateur.__module__.startswith(PAQUET_CATALOGUE + ".") and len(morceaux) >= 5:
            unite, theme = morceaux[3], morceaux[4]
        else:  # declared outside the catalogue (tests, a teacher's notebook)
            unite, theme = "divers", morceaux[-1]
        code = f"{unite}/{nom}"
        ancien = _REGISTRE.get(code)
        if ancien is not None and ancien.generateur.__module__ != generateur.__module__:
            raise ValueError(f"Deux exercices portent le code {code!r}.")
        _REGISTRE[code] = Exercice(
            code=code,
            unite=unite,
            titre=titre,
            generateur=generateur,
            savoirs=tuple(savoirs),
            theme=theme,
            essais_avant_solution=essais_avant_solution,
        )
        return generateur

    return decorer


class CatalogueIllisible(ImportError):
    """One or more catalogue modules failed to import (the message names each one)."""


def importer_paquet(nom: str) -> None:
    """Import every module under package ``nom``; raise :class:`CatalogueIllisible` listing
    ALL the modules that fail (not only the first one)."""
    paquet = importlib.import_module(nom)
    erreurs = []
    for info in pkgutil.walk_packages(paquet.__path__, prefix=nom + "."):
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # collect them all, then fail
            erreurs.append(f"{info.name} : {exc!r}")
    if erreurs:
        raise CatalogueIllisible("Modules d'exercices illisibles : " + " ; ".join(erreurs))


def decouvrir() -> None:
    """Import every module of the catalogue (once) so that their exercises register.

    Raises :class:`CatalogueIllisible` when a module does not import (and again at the next
    call: the discovery is only marked done when it succeeded).
    """
    global _decouvert
    if _decouvert:
        return
    importer_paquet(PAQUET_CATALOGUE)
    _decouvert = True


_ENSEIGNANT: dict[tuple, tuple[dict[str, Exercice], dict[str, str]]] = {}


def _fichiers_enseignant() -> tuple[tuple[str, ...], tuple]:
    dossiers = dossiers_exercices()
    etat = []
    for dossier in dossiers:
        try:
            fichiers = sorted(dossier.glob("*.toml")) if dossier.is_dir() else []
        except OSError:
            continue
        for f in fichiers:
            try:
                st = f.stat()
            except OSError:
                continue
            etat.append((str(dossier), f.name, st.st_mtime_ns, st.st_size))
    return tuple(str(d) for d in dossiers), tuple(etat)


def exercices_enseignant() -> tuple[dict[str, Exercice], dict[str, str]]:
    """The teacher's exercises (code → Exercice) and the refused files (name → French error).

    Re-read when a file of the folders changes (name, date or size); a code already taken by
    a built-in exercise or by another file is refused (never shadowed).
    """
    dossiers, etat = _fichiers_enseignant()
    cle = (dossiers, etat)
    if cle in _ENSEIGNANT:
        return _ENSEIGNANT[cle]
    from widgets.erreurs import ErreurAtelier
    from widgets.exercices.auteur.fichier import lire_fichier

    decouvrir()
    trouves: dict[str, Exercice] = {}
    origine: dict[str, str] = {}
    refuses: dict[str, str] = {}
    for dossier, nom, _, _ in etat:
        etiquette = (
            nom if dossier == dossiers[0] else f"{Path(dossier).parent.name}/exercices/{nom}"
        )
        try:
            ex = lire_fichier(Path(dossier) / nom).exercice()
        except ErreurAtelier as err:
            refuses[etiquette] = str(err)
            continue
        except Exception as err:  # never let one file break the catalogue
            refuses[etiquette] = f"{nom} : fichier illisible ({type(err).__name__})."
            continue
        if ex.code in _REGISTRE:
            refuses[etiquette] = (
                f"{nom} : le code « {ex.code} » est déjà celui d'un autre exercice (un exercice "
                "intégré à l'atelier, qui reste celui des étudiants) ; changez le champ « code »."
            )
            continue
        if ex.code in trouves:
            refuses[etiquette] = (
                f"{nom} : le code « {ex.code} » est déjà celui d'un autre exercice (le fichier "
                f"{origine[ex.code]}) ; changez le champ « code »."
            )
            continue
        trouves[ex.code] = ex
        origine[ex.code] = nom
    _ENSEIGNANT.clear()
    _ENSEIGNANT[cle] = (trouves, refuses)
    return trouves, refuses


def exercices_enseignant_refuses() -> dict[str, str]:
    """The teacher's files that were refused, each with its French error (line included)."""
    return exercices_enseignant()[1]


def tous_les_exercices() -> dict[str, Exercice]:
    """Every declared exercise, by code, sorted by unit then declaration order; the teacher's
    own exercises (folder ``ATELIER_EXERCICES``) come after the built-in ones."""
    decouvrir()
    return {**_REGISTRE, **exercices_enseignant()[0]}


def retirer_exercice(code: str) -> None:
    """Forget a declared exercise (tests declare theirs in a fixture and remove it after)."""
    _REGISTRE.pop(code, None)


def exercices_hors_catalogue() -> list[str]:
    """Codes of the exercises declared outside the catalogue package (tests, notebooks)."""
    return [
        code
        for code, e in _REGISTRE.items()
        if not e.generateur.__module__.startswith(PAQUET_CATALOGUE + ".")
    ]


def exercices_du_catalogue() -> dict[str, Exercice]:
    """What students are given: the exercises declared in ``widgets/exercices/catalogue/``,
    then the teacher's own files (not those a test or a teacher's notebook declared in Python
    elsewhere, unit ``divers``)."""
    return {**exercices_integres(), **exercices_enseignant()[0]}


def exercices_integres() -> dict[str, Exercice]:
    """The built-in exercises only (``widgets/exercices/catalogue/``)."""
    decouvrir()
    return {
        code: e
        for code, e in _REGISTRE.items()
        if e.generateur.__module__.startswith(PAQUET_CATALOGUE + ".")
    }


def exercice_par_code(code: str) -> Exercice:
    """The exercise with this code (``"relation_client/net-a-payer-1"``)."""
    exercices = tous_les_exercices()
    if code not in exercices:
        proches = [c for c in exercices if c.split("/")[-1] == code.split("/")[-1]]
        suggestion = f" Vouliez-vous dire {proches[0]} ?" if proches else ""
        refuses = exercices_enseignant_refuses()
        if refuses:
            suggestion += " Fichiers d'exercices refusés : " + " ; ".join(refuses.values())
        raise ExerciceInconnu(f"Aucun exercice ne porte le code « {code} ».{suggestion}")
    return exercices[code]


def exercices_de_l_unite(unite: str) -> list[Exercice]:
    """The exercises of one unit, in declaration order (French error for an unknown unit)."""
    liste = [e for e in tous_les_exercices().values() if e.unite == unite]
    if not liste:
        connues = sorted({e.unite for e in _REGISTRE.values()} | set(UNITES))
        raise ExerciceInconnu(
            f"Aucun exercice pour l'unité « {unite} ». Unités : {', '.join(connues)}."
        )
    return liste
