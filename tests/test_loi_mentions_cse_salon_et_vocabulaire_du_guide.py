"""Issue 10, points 4 and 6: the words a student reads.

Point 4: e-invoicing mentions dated (CGI annexe II art. 242 nonies A: 1 September 2026 for
large and mid-size firms, 1 September 2027 for SMEs); « CSE » instead of « comité
d'entreprise »; the « garantie 2 ans » is the legal conformity guarantee (C. conso. L217-3 et
s.), not a sales argument; no droit de rétractation at a foire/salon (C. conso. L224-59).
Point 6: the guide's vocabulary (QQOQCP, CAP/CAB, PICASSO, CRM, PGI/ERP, RGPD/CNIL, Bloctel)
is named and defined in the notebooks; the « book client » is the visual sales binder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from widgets.donnees.plans import DOSSIER_SCENARIOS
from widgets.exercices import tous_les_exercices
from widgets.ui.plan_de_vente import EditeurPlanDeVente

RACINE = Path(__file__).resolve().parents[1]
CARNETS = RACINE / "notebooks"


def _markdown(chemin: str) -> str:
    carnet = nbformat.read(CARNETS / chemin, as_version=4)
    return " ".join(" ".join(c.source for c in carnet.cells if c.cell_type == "markdown").split())


def test_mentions_de_la_facturation_electronique_datees() -> None:
    """Point 4: the four e-invoicing mentions, their text and their start dates."""
    texte = _markdown("relation_client/02_documents_commerciaux.ipynb")
    for attendu in (
        "242 nonies A",
        "SIREN du client",
        "catégorie de l'opération",
        "paiement de la TVA d'après les débits",
        "adresse de livraison",
        "1er septembre 2026",
        "1er septembre 2027",
        "L441-9",
        "L441-10",
        "D441-5",
    ):
        assert attendu in texte, attendu


def _textes_lus_par_un_etudiant() -> list[tuple[str, str]]:
    textes = []
    for chemin in sorted(CARNETS.rglob("*.ipynb")):
        carnet = nbformat.read(chemin, as_version=4)
        textes += [(chemin.name, c.source) for c in carnet.cells if c.cell_type == "markdown"]
    for chemin in sorted(DOSSIER_SCENARIOS.glob("*.json")):
        textes.append((chemin.name, chemin.read_text(encoding="utf-8")))
    for ex in tous_les_exercices().values():
        for etudiant in ("alice", "bruno", "chloe", "dylan", "emma"):
            v = ex.variante(etudiant)
            textes.append((ex.code, v.enonce + "\n" + v.solution))
    return textes


def test_cse_et_non_comite_d_entreprise() -> None:
    """Point 4: every « comité d'entreprise » a student reads comes with « CSE »; no client
    called « CE … » in an exercise."""
    for ou, texte in _textes_lus_par_un_etudiant():
        if re.search(r"comit[ée]s? d['’]entreprise", texte, re.IGNORECASE):
            assert "CSE" in texte, ou
        assert not re.search(r"\bCE [A-Z]", texte), ou


def test_le_salon_dit_la_garantie_legale_et_l_absence_de_retractation(
    dossier_utilisateur_temporaire,
) -> None:
    """Point 4: the salon scenario no longer sells « garantie 2 ans » and shows the legal
    frame (L217-3, L224-59) to the student."""
    s = json.loads((DOSSIER_SCENARIOS / "salon-particulier.json").read_text(encoding="utf-8"))
    assert not any("garantie" in p for p in s["preuves_disponibles"])
    cadre = " ".join(s["cadre_legal"])
    assert "L217-3" in cadre and "L224-59" in cadre and "rétractation" in cadre
    e = EditeurPlanDeVente(scenario="salon-particulier", etudiant="Léa")
    assert "Cadre légal" in e.contexte.value and "L224-59" in e.contexte.value
    texte = _markdown("relation_client/07_plan_de_vente.ipynb")
    assert "pas de droit de rétractation" in texte and "garantie légale de conformité" in texte


@pytest.mark.parametrize(
    ("carnet", "termes"),
    [
        ("relation_client/07_plan_de_vente.ipynb", ("QQOQCP", "CAP", "CAB", "PICASSO")),
        ("gestion_clientele/01_premieres_requetes.ipynb", ("CRM", "PGI", "ERP")),
        ("gestion_clientele/04_fiabilisation_prospects.ipynb", ("RGPD", "CNIL", "Bloctel")),
    ],
)
def test_le_vocabulaire_du_guide_est_nomme(carnet: str, termes: tuple[str, ...]) -> None:
    """Point 6: each term of the guide is named, in bold where it is defined."""
    texte = _markdown(carnet)
    for terme in termes:
        assert f"**{terme}**" in texte, terme


def test_bloctel_est_presente_au_passe_depuis_le_11_aout_2026() -> None:
    """Point 6 (law as of December 2026): consent required since 11 August 2026."""
    texte = _markdown("gestion_clientele/04_fiabilisation_prospects.ipynb")
    assert "11 août 2026" in texte and "2025-594" in texte and "L223-1" in texte


def test_le_book_client_est_le_support_visuel_pas_le_plan() -> None:
    """Point 6: « book client » = visual sales binder; the exported plan is not called so."""
    texte = _markdown("relation_client/07_plan_de_vente.ipynb")
    assert "exportez la fiche (« book client »)" not in texte
    assert "support visuel" in texte
