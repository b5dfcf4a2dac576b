"""The lanes of the test suite: which tests ``make test-rapide`` leaves out, and the split of
the files in slices run at the same time (one per core). Used by tests/conftest.py."""

from __future__ import annotations

#: Fixtures that open a real browser.
FIXTURES_NAVIGATEUR = {"navigateur", "page_eleve"}
#: Names a test module imports to start its own dashboards server.
DEMARREURS_DE_SERVEUR = ("serveur_pret", "ServeurTableaux")


def marques_automatiques(fixtures: set[str], module: object = None) -> set[str]:
    """The lane markers of a test from the fixtures it uses (closure) and its module:
    ``navigateur`` (browser fixtures), ``serveur`` (any fixture named ``serveur…`` or ``hub``, or
    a module that imports a server starter), ``base_100k`` (the 100 000-client base)."""
    marques = set()
    if fixtures & FIXTURES_NAVIGATEUR:
        marques.add("navigateur")
    if any(f.startswith("serveur") for f in fixtures) or "hub" in fixtures:
        marques.add("serveur")
    if any(hasattr(module, nom) for nom in DEMARREURS_DE_SERVEUR):
        marques.add("serveur")
    if "base_100k" in fixtures:
        marques.add("base_100k")
    return marques


def tranches(comptes: dict[str, int], n: int) -> list[set[str]]:
    """Files split into ``n`` slices of about the same number of tests (greedy, largest
    first, ties by name: the same split in every process)."""
    parts: list[set[str]] = [set() for _ in range(n)]
    charges = [0] * n
    for fichier, compte in sorted(comptes.items(), key=lambda fc: (-fc[1], fc[0])):
        k = charges.index(min(charges))
        parts[k].add(fichier)
        charges[k] += compte
    return parts
