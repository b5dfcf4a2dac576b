"""The printable sales-plan fiche and the sociogram keep their exact HTML/SVG text.

The golden files under ``tests/attendus/`` were captured from the f-string renderer of
``widgets/calculs/plan_de_vente.py`` before it moved to the jinja2 templates of
``widgets/ui/modeles/``; the rendering must stay byte-for-byte identical (escaping, optional
rows, the sociogram geometry, the list of what is missing).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from outils.plans_de_vente import plan_complet_distributeur

from widgets.calculs.plan_de_vente import (
    Acteur,
    Argument,
    Objection,
    PlanDeVente,
    Question,
)
from widgets.ui.fiche_plan_de_vente import fiche_html, sociogramme_svg

ATTENDUS = Path(__file__).parent / "attendus"


def plan_distributeur_complet() -> PlanDeVente:
    plan = plan_complet_distributeur()
    plan.objectif = "Référencer 3 modèles"
    plan.presentation = "Léo, de Paris Textile"
    plan.questions[0].objectif = "ses meilleures ventes"
    plan.date_suivi = "15/06/2026"
    return plan


def plan_b2b_incomplet() -> PlanDeVente:
    return PlanDeVente(
        titre="CSE <Airbus> & co",
        type_entretien="B2B",
        client='CSE "Airbus" d\'Blagnac',
        accroche="<script>alert(1)</script>\nDeuxième ligne",
        questions=[Question("Combien de salariés ?", "fermée")],
        mobiles=["sécurité"],
        centre_achat=[
            Acteur("Mme Roux", "trésorière", "acheteur", "prix"),
            Acteur("Les élus du comité social et économique", "vote en plénière", "décideur"),
            Acteur("Mme <Petit>", "assistante de direction", "filtre"),
            Acteur("", "prescripteur RH", "prescripteur"),
            Acteur("M. Vidal", "", ""),
        ],
        arguments=[Argument("confort", "Livraison", "", "", "client")],
        objections=[Objection("Pas le temps", "", "")],
        conclusion="Signature",
    )


CAS = {
    "distributeur_complet": lambda: fiche_html(plan_distributeur_complet(), "Léa Martin"),
    "b2b_incomplet": lambda: fiche_html(plan_b2b_incomplet()),
    "vide": lambda: fiche_html(PlanDeVente()),
    "sociogramme_sans_decideur": lambda: sociogramme_svg(
        [Acteur("A", "achats", "acheteur"), Acteur("B", "atelier", "utilisateur")],
        largeur=400,
        hauteur=260,
    ),
}


@pytest.mark.parametrize("cas", sorted(CAS))
def test_fiche_plan_de_vente_identique_au_rendu_d_origine(cas):
    attendu = (ATTENDUS / f"plan_de_vente_{cas}.html").read_text(encoding="utf-8")
    assert CAS[cas]() == attendu


def test_les_fichiers_attendus_ne_sont_pas_vides():
    # guard: a golden file emptied by mistake would make the comparison above meaningless
    for cas in CAS:
        texte = (ATTENDUS / f"plan_de_vente_{cas}.html").read_text(encoding="utf-8")
        assert len(texte) > 300, cas
    assert "<svg" in (ATTENDUS / "plan_de_vente_b2b_incomplet.html").read_text(encoding="utf-8")
