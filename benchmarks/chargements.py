"""Real-browser page loads of the dashboards: did each page show its widgets, and when?

Used by the browser soak (tests/test_navigateur_aucune_page_vide.py) and its longer form
(benchmarks/pages_vides.py). Test plumbing, outside the library (like visiteur_voila.py): the
server never imports it, and Playwright (an optional test dependency) is imported by the caller.

A page is *ready* when the app's result widget is visible: by convention every app shows an
element of CSS class ``atelier-resultat`` (docs/architecture.md). The timings are measured
inside the page (``performance.now()`` from the navigation start), so pages loaded at the same
time are each timed exactly:

- ``page_s``: the page has fully arrived (DOMContentLoaded: Voilà has streamed every cell, so
  the notebook has run in the kernel);
- ``visible_s``: the result widget became visible.

A page is *blank* (``vide``) when its result widget is not visible ``delai_vide`` seconds after
the page arrived (or never, within ``delai_page + delai_vide`` seconds of the navigation start).
The summary also counts the pages that never showed it (``jamais_affichees``) and those that
arrived without any widget output (``sans_sortie_widget``: nothing could ever render, the
failure of issue 17), to tell a page the server left blank from one a busy browser renders late.
"""

from __future__ import annotations

import re
import statistics
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

SELECTEUR_RESULTAT = ".atelier-resultat"

# Runs in every page before its own scripts: notes when the result widget first shows.
_SONDE = """
(function () {
  var minuterie = setInterval(function () {
    var liste = document.querySelectorAll("SELECTEUR");
    for (var i = 0; i < liste.length; i++) {
      if (liste[i].getClientRects().length > 0) {
        window.__atelierVisible = performance.now();
        clearInterval(minuterie);
        return;
      }
    }
  }, 50);
})();
""".replace("SELECTEUR", SELECTEUR_RESULTAT)

_MESURES = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {
    page: nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : null,
    visible: window.__atelierVisible === undefined ? null : window.__atelierVisible,
    attente: (document.documentElement && document.documentElement.dataset.atelierAttente) || "",
    sorties: (document.documentElement && document.documentElement.dataset.atelierSorties) || null,
  };
}"""


@dataclass
class Chargement:
    """One page load in a fresh browser context."""

    carnet: str
    page_s: float | None = None
    visible_s: float | None = None
    vide: bool = False
    message_attente: str = ""  # "" never shown, "prepare" then "recharger" (French notices)
    sorties_widget: int | None = None  # widget outputs the page arrived with (0: cannot render)
    erreurs: list[str] = field(default_factory=list)

    @property
    def jamais_affichee(self) -> bool:
        """The result widget never showed up (whatever the wait): the page stayed blank."""
        return self.visible_s is None

    @property
    def attente_apres_page_s(self) -> float | None:
        """Seconds between the page's arrival and its visible result widget."""
        if self.page_s is None or self.visible_s is None:
            return None
        return max(0.0, self.visible_s - self.page_s)


def carnets_de_la_galerie(base: str) -> list[str]:
    """Apps listed by the gallery (``/``) of the server at ``base``, in gallery order."""
    with urllib.request.urlopen(base.rstrip("/") + "/", timeout=30) as reponse:
        page = reponse.read().decode("utf-8")
    return [
        c.replace("&amp;", "&").replace("&#x27;", "'")
        for c in re.findall(r'data-carnet="([^"]+)"', page)
    ]


def _ouvrir(contexte: Any, erreurs: list[str]) -> Any:
    page = contexte.new_page()
    page.on("pageerror", lambda e: erreurs.append(f"erreur JavaScript : {e}"[:300]))
    page.on(
        "console",
        lambda m: erreurs.append(f"console : {m.text}"[:300]) if m.type == "error" else None,
    )
    return page


def nouveau_contexte(navigateur: Any) -> Any:
    """A browser profile for a series of loads: each load is a fresh page (tab) in it, so the
    scripts are cached after the first load, as in a student's browser."""
    contexte = navigateur.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    contexte.add_init_script(_SONDE)
    return contexte


def _mesurer(page: Any, chargement: Chargement) -> dict[str, Any]:
    try:
        return page.evaluate(_MESURES) or {}
    except Exception as err:  # navigation still committing, page crashed...
        if len(chargement.erreurs) < 20:
            chargement.erreurs.append(f"mesure impossible : {err}"[:300])
        return {}


def _conclure(page: Any, chargement: Chargement, fin: float, delai_vide: float) -> None:
    """Wait for the result widget until the monotonic deadline ``fin``, then judge the page.

    A page that misses ``delai_vide`` is blank, but is still watched until ``fin``: the report
    says whether its widgets came late or never.
    """
    mesures: dict[str, Any] = {}
    while True:
        mesures = _mesurer(page, chargement)
        if mesures.get("visible") is not None or time.monotonic() >= fin:
            break
        page.wait_for_timeout(100)
    chargement.page_s = None if mesures.get("page") is None else mesures["page"] / 1000
    chargement.visible_s = None if mesures.get("visible") is None else mesures["visible"] / 1000
    chargement.message_attente = mesures.get("attente", "")
    sorties = mesures.get("sorties")  # counted by the page's watchdog when it arrived
    chargement.sorties_widget = None if sorties is None else int(sorties)
    attente = chargement.attente_apres_page_s
    chargement.vide = chargement.visible_s is None or (attente is not None and attente > delai_vide)


def _fermer(page: Any) -> None:
    """Close like a student closing the tab (Voilà's beforeunload shuts the kernel down)."""
    try:
        with page.expect_event("close", timeout=5000):
            page.close(run_before_unload=True)
    except Exception:
        pass


def _url(base: str, carnet: str) -> str:
    return f"{base.rstrip('/')}/voila/render/{quote(carnet)}"


def charger(
    contexte: Any, base: str, carnet: str, *, delai_vide: float = 20.0, delai_page: float = 120.0
) -> Chargement:
    """Open ``carnet`` in a fresh page of ``contexte``, wait for its result widget, close."""
    chargement = Chargement(carnet)
    page = _ouvrir(contexte, chargement.erreurs)
    fin = time.monotonic() + delai_page + delai_vide
    try:
        page.goto(_url(base, carnet), wait_until="commit", timeout=delai_page * 1000)
        _conclure(page, chargement, fin, delai_vide)
    except Exception as err:
        chargement.erreurs.append(f"navigation : {err}"[:300])
        chargement.vide = chargement.visible_s is None
    finally:
        _fermer(page)
    return chargement


def charger_ensemble(
    contexte: Any,
    base: str,
    carnets: list[str],
    *,
    delai_vide: float = 20.0,
    delai_page: float = 120.0,
    etalement_s: float = 0.0,
    navigateur: Any = None,
) -> list[Chargement]:
    """Open a page per item of ``carnets`` at the same time, then judge each one.

    ``etalement_s`` spreads the openings evenly over that many seconds (a class does not
    click at the same millisecond). With ``navigateur``, each page gets its own browser
    profile (``contexte`` is then unused), as each student has their own browser: Chromium
    gives each profile its own renderer process, where the tabs of one profile share one.
    """
    ouverts = []
    profils = []
    debut = time.monotonic()
    fin = debut + etalement_s + delai_page + delai_vide
    for i, carnet in enumerate(carnets):
        if etalement_s and len(carnets) > 1:
            attente = debut + etalement_s * i / (len(carnets) - 1) - time.monotonic()
            if attente > 0:
                time.sleep(attente)
        chargement = Chargement(carnet)
        if navigateur is not None:
            profils.append(nouveau_contexte(navigateur))
        page = _ouvrir(profils[-1] if navigateur is not None else contexte, chargement.erreurs)
        try:
            page.goto(_url(base, carnet), wait_until="commit", timeout=delai_page * 1000)
        except Exception as err:
            chargement.erreurs.append(f"navigation : {err}"[:300])
        ouverts.append((chargement, page))
    for chargement, page in ouverts:
        _conclure(page, chargement, fin, delai_vide)
    for _, page in ouverts:
        _fermer(page)
    for profil in profils:
        profil.close()
    return [c for c, _ in ouverts]


def quantile(valeurs: list[float], q: float) -> float:
    """Nearest-rank quantile (``nan`` for no value)."""
    if not valeurs:
        return float("nan")
    ordonnees = sorted(valeurs)
    return ordonnees[max(0, min(len(ordonnees) - 1, round(q * (len(ordonnees) - 1))))]


def resume(chargements: list[Chargement]) -> dict[str, float | int]:
    """Counts and time to visible widgets (median, p95, max) of a series of loads."""
    visibles = [c.visible_s for c in chargements if c.visible_s is not None]
    arrivees = [c.page_s for c in chargements if c.page_s is not None]
    return {
        "chargements": len(chargements),
        "vides": sum(c.vide for c in chargements),
        "jamais_affichees": sum(c.jamais_affichee for c in chargements),
        "sans_sortie_widget": sum(c.sorties_widget == 0 for c in chargements),
        "arrivee_mediane_s": statistics.median(arrivees) if arrivees else float("nan"),
        "arrivee_max_s": max(arrivees) if arrivees else float("nan"),
        "messages_attente": sum(bool(c.message_attente) for c in chargements),
        "avis_recharger": sum(c.message_attente == "recharger" for c in chargements),
        "mediane_s": statistics.median(visibles) if visibles else float("nan"),
        "p95_s": quantile(visibles, 0.95),
        "max_s": max(visibles) if visibles else float("nan"),
    }
