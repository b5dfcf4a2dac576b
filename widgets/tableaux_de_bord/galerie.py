"""French home page (gallery of the apps) and the "server full" page, as self-contained HTML.

No CDN, no web font, no script: the pages only use inline CSS, so they render the same on an
intranet cut off from the internet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

from widgets.donnees.referentiel import libelles, titre_savoir
from widgets.exercices.modele import TITRES_UNITES


@dataclass(frozen=True)
class FicheApp:
    """What the gallery shows for one app (from ``metadata.atelier`` of its notebook)."""

    carnet: str
    titre: str
    unite: str = ""
    savoirs: tuple[str, ...] = field(default_factory=tuple)
    description: str = ""


def lire_fiche(dossier_apps: Path, carnet: str) -> FicheApp:
    """Read the gallery card of ``carnet`` (a path relative to ``dossier_apps``).

    A notebook without ``metadata.atelier`` still appears, titled after its file name.
    """
    chemin = Path(dossier_apps) / carnet
    try:
        meta = json.loads(chemin.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        meta = {}
    atelier = meta.get("atelier") or {}
    titre_defaut = Path(carnet).stem.replace("_", " ").capitalize()
    savoirs = atelier.get("savoirs") or []
    if isinstance(savoirs, str):
        savoirs = [savoirs]
    return FicheApp(
        carnet=carnet,
        titre=str(atelier.get("titre") or titre_defaut),
        unite=nom_unite(str(atelier.get("unite") or "")),
        savoirs=tuple(str(s) for s in savoirs),
        description=str(atelier.get("description") or ""),
    )


def nom_unite(unite: str) -> str:
    """Unit name for humans: a unit code (``gestion_clientele``) gets its French title
    (``Gestion de clientèles``); another folder-like name loses its underscores."""
    if unite in TITRES_UNITES:
        return TITRES_UNITES[unite]
    if "_" in unite and unite == unite.lower():
        unite = unite.replace("_", " ")
        return unite[:1].upper() + unite[1:]
    return unite


def lire_fiches(dossier_apps: Path, carnets: list[str]) -> list[FicheApp]:
    """Cards of every served notebook, in the order given."""
    return [lire_fiche(dossier_apps, c) for c in carnets]


# Keyboard focus (RGAA 10.7): a 3 px ring, #1a4fa3 on white = 7.6:1, yellow on the dark header.
ANNEAU_FOCUS_CSS = (
    "a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,"
    "textarea:focus-visible,summary:focus-visible,[tabindex]:focus-visible"
    "{outline:3px solid #1a4fa3;outline-offset:2px}"
    "header a:focus-visible{outline-color:#ffd75e}"
)

_STYLE = (
    ANNEAU_FOCUS_CSS
    + """
body{margin:0;font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;background:#f4f6f8;color:#1d2630}
header{background:#123c69;color:#fff;padding:1.2rem 2rem}
header h1{margin:0;font-size:1.6rem}
header p{margin:.3rem 0 0;opacity:.9}
main{padding:1.5rem 2rem;display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));
gap:1.2rem}
.atelier-carte{background:#fff;border-radius:8px;padding:1rem 1.2rem;
box-shadow:0 1px 3px rgba(0,0,0,.15);display:flex;flex-direction:column}
.atelier-carte h2{margin:0 0 .4rem;font-size:1.2rem;color:#123c69}
.atelier-unite{font-size:.9rem;color:#555;margin:0 0 .4rem}
.atelier-savoir{display:inline-block;background:#e3edf7;color:#123c69;border-radius:4px;
padding:.05rem .4rem;margin:0 .3rem .3rem 0;font-size:.8rem}
.atelier-savoirs-titres{font-size:.8rem;color:#555;margin:0 0 .4rem}
.atelier-description{flex:1}
a.atelier-ouvrir{align-self:flex-start;background:#123c69;color:#fff;text-decoration:none;
padding:.45rem .9rem;border-radius:5px}
a.atelier-ouvrir:hover{background:#1d5a9a}
.atelier-vide{padding:2rem}
.atelier-message{max-width:40rem;margin:3rem auto;background:#fff;border-radius:8px;
padding:1.5rem 2rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
"""
)


NOM_PRODUIT = "Atelier NRC"


def titre_onglet(titre: str) -> str:
    """The browser tab's title of a page: ``"Facture — Atelier NRC"`` (the product's name last,
    so that a row of tabs still shows what each one is; not repeated if already there)."""
    titre = " ".join(str(titre).split())
    if not titre:
        return NOM_PRODUIT
    if titre.endswith(NOM_PRODUIT):
        return titre
    if titre.startswith(NOM_PRODUIT + " — "):  # « Atelier NRC — tableaux de bord »
        titre = titre[len(NOM_PRODUIT) + 3 :]
        titre = titre[:1].upper() + titre[1:]
    return f"{titre} — {NOM_PRODUIT}"


def _page(titre: str, corps: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(titre_onglet(titre))}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n{corps}\n</body>\n</html>\n"
    )


def url_app(url_de_base: str, carnet: str) -> str:
    """Address of an app's dashboard page."""
    base = url_de_base if url_de_base.endswith("/") else url_de_base + "/"
    return f"{base}voila/render/{quote(carnet)}"


def _puce_savoir(code: str) -> str:
    titre = titre_savoir(code)
    infobulle = f' title="{escape(f"{code} {titre}")}"' if titre else ""
    return f'<span class="atelier-savoir"{infobulle}>{escape(code)}</span>'


def page_galerie(titre: str, fiches: list[FicheApp], url_de_base: str = "/") -> str:
    """The French home page: one card per app (title, unit, savoir codes, description)."""
    cartes = []
    for f in fiches:
        savoirs = "".join(_puce_savoir(s) for s in f.savoirs)
        # the titles, read from the project's referential (widgets/donnees/referentiel)
        connus = [s for s in f.savoirs if titre_savoir(s)]
        if connus:
            savoirs += f'<p class="atelier-savoirs-titres">{escape(libelles(connus))}</p>'

        unite = f'<p class="atelier-unite">Unité : {escape(f.unite)}</p>' if f.unite else ""
        cartes.append(
            f'<article class="atelier-carte" data-carnet="{escape(f.carnet)}">\n'
            f"<h2>{escape(f.titre)}</h2>\n{unite}\n"
            f'<div class="atelier-savoirs">{savoirs}</div>\n'
            f'<p class="atelier-description">{escape(f.description)}</p>\n'
            f'<a class="atelier-ouvrir" href="{escape(url_app(url_de_base, f.carnet))}">'
            f"Ouvrir l'application</a>\n</article>"
        )
    if not cartes:
        contenu = '<p class="atelier-vide">Aucune application n\'est publiée pour le moment.</p>'
    else:
        contenu = "\n".join(cartes)
    nombre = len(fiches)
    sous_titre = (
        f"{nombre} application{'s' if nombre > 1 else ''} disponible{'s' if nombre > 1 else ''}"
    )
    corps = (
        f"<header><h1>{escape(titre)}</h1><p>{sous_titre} — choisissez celle indiquée "
        f"par votre enseignant.</p></header>\n<main>\n{contenu}\n</main>"
    )
    return _page(titre, corps)


def page_complet(fiche: FicheApp, maximum: int, url_de_base: str = "/") -> str:
    """French page shown (HTTP 503) when an app already serves its maximum of students."""
    corps = (
        '<div class="atelier-message atelier-complet">\n'
        "<h1>Serveur complet</h1>\n"
        f"<p>L'application « {escape(fiche.titre)} » accueille déjà {maximum} élèves, "
        "le maximum prévu pour ce serveur.</p>\n"
        "<p>Patientez une minute puis rechargez la page (touche F5). Si le problème "
        "continue, prévenez votre enseignant.</p>\n"
        f'<p><a href="{escape(url_de_base)}">Retour à la liste des applications</a></p>\n'
        "</div>"
    )
    return _page("Serveur complet", corps)


def page_introuvable(carnet: str, url_de_base: str = "/") -> str:
    """French page (HTTP 404) for an address that names no published app."""
    corps = (
        '<div class="atelier-message">\n<h1>Application introuvable</h1>\n'
        f"<p>Aucune application publiée ne s'appelle « {escape(carnet)} ».</p>\n"
        f'<p><a href="{escape(url_de_base)}">Retour à la liste des applications</a></p>\n'
        "</div>"
    )
    return _page("Application introuvable", corps)
