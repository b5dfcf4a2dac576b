"""The sales plan's printable fiche and its sociogram, rendered from jinja2 templates.

The numbers (which actor sits where) come from the pure
:func:`widgets.calculs.plan_de_vente.disposition_sociogramme`; the markup lives in
``widgets/ui/modeles/plan_de_vente_fiche.html.j2`` and ``plan_de_vente_sociogramme.html.j2``
(shipped as package data, ``*.j2``). Autoescape is on and every text the student typed goes
through the ``texte`` filter (``html.escape`` then line breaks as ``<br>``): no student HTML is
ever interpreted.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from widgets.calculs.plan_de_vente import (
    Acteur,
    PlanDeVente,
    disposition_sociogramme,
    verifier_plan,
)

DOSSIER_MODELES = Path(__file__).resolve().parent / "modeles"

#: One colour per role of the buying centre (grey for an unknown role).
COULEURS_ROLES = {
    "décideur": "#c0392b",
    "acheteur": "#1d4e89",
    "prescripteur": "#1e8449",
    "utilisateur": "#b9770e",
    "filtre": "#6c3483",
    "influenceur": "#117a65",
}


def texte(valeur: Any) -> Markup:
    """A typed text made safe for HTML: escaped (quotes included), line breaks as ``<br>``."""
    return Markup(html.escape(str(valeur or "")).replace("\n", "<br>"))


def _couleur_role(role: str) -> str:
    return COULEURS_ROLES.get((role or "").strip().lower(), "#555")


def _entier(x: float) -> str:
    return f"{x:.0f}"


@lru_cache(maxsize=1)
def environnement() -> jinja2.Environment:
    """The jinja2 environment of ``widgets/ui/modeles`` (autoescape on)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(DOSSIER_MODELES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["texte"] = texte
    env.globals.update(entier=_entier, couleur_role=_couleur_role)
    return env


def sociogramme_svg(acteurs: list[Acteur], largeur: int = 520, hauteur: int = 300) -> str:
    """The buying centre's sociogram as a self-contained SVG: the decision-maker at the centre,
    the others around and linked to it, one colour per role. Empty string if nobody is
    described."""
    places = disposition_sociogramme(acteurs, largeur, hauteur)
    if not places:
        return ""
    modele = environnement().get_template("plan_de_vente_sociogramme.html.j2")
    return modele.render(places=places, largeur=largeur, hauteur=hauteur)


def fiche_html(plan: PlanDeVente, etudiant: str = "") -> str:
    """The sales plan's preparation fiche, a self-contained HTML page printable on A4.

    What the completeness check finds missing is listed at the end of the fiche."""
    modele = environnement().get_template("plan_de_vente_fiche.html.j2")
    return modele.render(
        plan=plan,
        etudiant=etudiant,
        sociogramme=Markup(sociogramme_svg(plan.centre_achat)),
        remarques=verifier_plan(plan),
    )


__all__ = ["COULEURS_ROLES", "fiche_html", "sociogramme_svg", "texte"]
