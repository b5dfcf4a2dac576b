"""Shared fixtures: a small client database built once per session, a private user folder, the
servers and the browser; the lanes of the suite (helpers live in tests/outils/).

No test ever writes into the real user data directory or into ``datasets/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from outils.ci import outil_manquant
from outils.navigateur import (  # noqa: F401  (re-exported for older tests)
    ARGS_CHROMIUM,
    CHROMIUM,
    DOSSIER_ARTEFACTS,
    requetes_externes,
)
from outils.serveurs import (  # noqa: F401  (re-exported for older tests)
    DOSSIER_APPS_ESSAI,
    ServeurTableaux,
    ecrire_app,
    serveur_pret,
)
from outils.voies import marques_automatiques, tranches

# No wall-clock limit inside a test (a loaded machine fails it; timings are benchmarks'
# business): Hypothesis' default deadline of 200 ms per example is switched off.
settings.register_profile("atelier", deadline=None)
settings.load_profile("atelier")

# --- the fast lane: every test classified from what it uses (make test-rapide) -------------


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark every test ``navigateur`` / ``serveur`` / ``base_100k`` from its fixtures, so that
    ``make test-rapide`` (``-m "not navigateur and not serveur and not base_100k"``) leaves
    them out without any edit of a new test. A test that starts a server by hand carries
    ``pytest.mark.serveur`` itself; ``pytest.mark.browser`` counts as ``navigateur``."""
    marques = marques_automatiques(
        set(getattr(item, "fixturenames", ())), getattr(item, "module", None)
    )
    if item.get_closest_marker("browser") is not None:
        marques.add("navigateur")
    for marque in sorted(marques):
        if item.get_closest_marker(marque) is None:
            item.add_marker(getattr(pytest.mark, marque))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--tranche",
        default=None,
        help="i/n : ne lancer que la i-e de n tranches de fichiers de tests, équilibrées en "
        "nombre de tests (make test-rapide en lance deux à la fois, une par cœur)",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--tranche i/n``: keep the i-th slice of the files (after ``-m`` deselected its tests)."""
    choix = config.getoption("--tranche")
    if not choix:
        return
    i, n = (int(x) for x in choix.split("/"))
    if not 1 <= i <= n:
        raise pytest.UsageError(f"--tranche {choix} : attendu i/n avec 1 ≤ i ≤ n")
    comptes: dict[str, int] = {}
    for item in items:
        comptes[item.nodeid.split("::")[0]] = comptes.get(item.nodeid.split("::")[0], 0) + 1
    gardes = tranches(comptes, n)[i - 1]
    config.hook.pytest_deselected(
        items=[item for item in items if item.nodeid.split("::")[0] not in gardes]
    )
    items[:] = [item for item in items if item.nodeid.split("::")[0] in gardes]


@pytest.fixture(autouse=True)
def dossier_utilisateur_temporaire(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own student data folder (progress, sandbox, plans)."""
    dossier = tmp_path / "donnees_etudiant"
    monkeypatch.setenv("ATELIER_DONNEES", str(dossier))
    # The dashboards server's files (prepared sessions) never go to the project's folder.
    monkeypatch.setenv("ATELIER_SERVEUR", str(tmp_path / "donnees_serveur"))
    # Nor is the teacher's own settings file (password, class size) read or written.
    monkeypatch.setenv("ATELIER_REGLAGES", str(tmp_path / "reglages_enseignant.json"))
    return dossier


@pytest.fixture(autouse=True)
def registre_d_exercices_propre():
    """A test that declares an exercise removes it afterwards (fixture cleanup), else it would
    leak into the catalogue, the corrigé and the class export of the tests that follow."""
    from widgets.exercices.registre import exercices_hors_catalogue, retirer_exercice

    yield
    restes = exercices_hors_catalogue()
    for code in restes:
        retirer_exercice(code)
    if restes:
        pytest.fail(f"exercices de test laissés dans le registre : {', '.join(restes)}")


@pytest.fixture(scope="session")
def base_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small reference database (300 clients, seed 2026), built once for the whole session.

    Tests must treat it as read-only; a test that writes makes its own copy.
    """
    from widgets.donnees.generation import construire_base

    chemin = tmp_path_factory.mktemp("base") / "clients.db"
    construire_base(chemin, clients=300, graine=2026)
    return chemin


@pytest.fixture(scope="session")
def base_vectorisee_3000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 clients (seed 2026) built by the large builds' path: orders drawn with numpy and
    rows written by the writer process, as for 100,000 clients (≈ 3 s). Read-only."""
    from widgets.donnees.generation import construire_base

    chemin = tmp_path_factory.mktemp("base_vectorisee") / "clients.db"
    construire_base(chemin, clients=3000, graine=2026, vectorise=True, processus_ecriture=True)
    return chemin


# --- Voilà dashboards and real-browser fixtures (owner: dashboards, widgets/tableaux_de_bord) ---


@pytest.fixture(scope="session")
def serveur_tableaux(tmp_path_factory: pytest.TempPathFactory):
    """Dashboards server on the test apps of tests/notebooks_voila (pools of 2, cap 12)."""
    dossier = tmp_path_factory.mktemp("tableaux")
    with serveur_pret(
        dossier,
        DOSSIER_APPS_ESSAI,
        taille_pool={"prix_ttc.ipynb": 2, "en_panne.ipynb": 1, "visites.ipynb": 0},
        # Three test files share this server and a page fetched over plain HTTP holds its
        # kernel from the hand-over (issue 26): the cap is tested on a server of its own
        # (test_a_full_app_shows_a_french_page_until_a_student_leaves), not here.
        max_noyaux_defaut=12,
    ) as serveur:
        yield serveur


BASE_100K = Path(__file__).resolve().parents[1] / "benchmarks" / "_work" / "clients_100k.db"


@pytest.fixture(scope="session")
def base_100k() -> Path:
    """The 100,000-client build (``make test`` builds it into benchmarks/_work/), or the file
    named by ATELIER_BASE_100K. Missing: skip locally, FAIL in CI, where the exercises must be
    checked at scale."""
    import os

    chemin = Path(os.environ.get("ATELIER_BASE_100K", BASE_100K))
    if not chemin.is_file():
        outil_manquant(f"base de 100 000 clients absente ({chemin}) : make test la construit")
    return chemin


@pytest.fixture(scope="session")
def navigateur():
    """Debian's chromium driven by Playwright (never downloads a browser).

    Missing chromium: skip locally, FAIL in CI (CI=true).
    """
    if not CHROMIUM.exists():
        outil_manquant(f"chromium introuvable ({CHROMIUM}) : apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        navigateur = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS_CHROMIUM)
        try:
            yield navigateur
        finally:
            navigateur.close()


@pytest.fixture
def page_eleve(navigateur):
    """A fresh student tab (1366×768, French locale); ``page.requetes`` lists every URL asked."""
    contexte = navigateur.new_context(
        viewport={"width": 1366, "height": 768}, locale="fr-FR", timezone_id="Europe/Paris"
    )
    page = contexte.new_page()
    page.set_default_timeout(30_000)
    page.requetes = []
    page.on("request", lambda requete: page.requetes.append(requete.url))
    try:
        yield page
    finally:
        contexte.close()


@pytest.fixture
def capture_ecran(request):
    """``capture_ecran(page, nom)`` saves a PNG in test-artefacts/ (gitignored)."""

    def capturer(page, nom: str) -> Path:
        DOSSIER_ARTEFACTS.mkdir(exist_ok=True)
        chemin = DOSSIER_ARTEFACTS / f"{nom}.png"
        page.screenshot(path=str(chemin), full_page=True)
        return chemin

    return capturer


@pytest.fixture
def serveur_tableaux_sur_mesure(tmp_path: Path):
    """Factory: ``serveur_tableaux_sur_mesure(env=None, **reglages)`` starts a private server on
    the test apps (stopped at the end of the test), pools already warm; ``env`` adds
    environment variables to the server (and so to its kernels)."""
    serveurs = []

    def demarrer(env: dict | None = None, **reglages) -> ServeurTableaux:
        dossier = tmp_path / f"serveur{len(serveurs)}"
        dossier.mkdir()
        serveur = ServeurTableaux(dossier, DOSSIER_APPS_ESSAI, env=env, **reglages)
        serveurs.append(serveur)
        serveur.attendre_reserves()
        return serveur

    try:
        yield demarrer
    finally:
        for serveur in serveurs:
            serveur.arreter()


@pytest.fixture(scope="session")
def serveur_apps(tmp_path_factory: pytest.TempPathFactory, base_demo: Path):
    """Dashboards server on the real voila_apps/ (one pre-heated kernel per app, demo DB)."""
    from widgets.donnees.chemins import DOSSIER_APPS

    if not any(DOSSIER_APPS.glob("*.ipynb")):
        outil_manquant("aucune application dans voila_apps/")
    dossier = tmp_path_factory.mktemp("apps")
    with serveur_pret(
        dossier, DOSSIER_APPS, delai=180, env={"ATELIER_BASE": str(base_demo)}, taille_pool_defaut=1
    ) as serveur:
        yield serveur
