"""Issue 24: the network notebooks name their NDRC bloc 3 competence (wording of the
referential) and cite the law with its articles, as it stands today: franchise pre-contract
information (C. com. L330-3, R330-1, DIP 20 days before signing), agent commercial (C. com.
L134-1, end-of-contract indemnity L134-12), VDI status (C. com. L135-1 to L135-3, CSS L311-3
20°, mandataire or acheteur-revendeur), home parties (C. consom. L221-1, 14-day withdrawal
L221-18)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from widgets.donnees.referentiel import competences

RACINE = Path(__file__).resolve().parents[1]
DOSSIER = RACINE / "notebooks" / "animation_reseaux"
CARNETS = {
    "01_merchandising_chez_le_distributeur.ipynb": (
        "Implanter et promouvoir l'offre chez des distributeurs",
        (),
    ),
    "02_reseaux_de_partenaires_et_franchise.ipynb": (
        "Développer et animer un réseau de partenaires",
        ("L330-3", "R330-1", "20 jours avant la signature", "L134-1", "L134-12"),
    ),
    "03_reseau_de_vente_directe.ipynb": (
        "Créer et animer un réseau de vente directe",
        (
            "L135-1 à L135-3",
            "L311-3, 20°",
            "mandataire",
            "acheteur-revendeur",
            "L221-1",
            "14 jours",
            "L221-18",
        ),
    ),
}


def _markdown(nom: str) -> tuple[str, str]:
    carnet = nbformat.read(DOSSIER / nom, as_version=4)
    textes = [c.source for c in carnet.cells if c.cell_type == "markdown"]
    return textes[0], " ".join(" ".join(textes).split())


def test_les_trois_carnets_couvrent_les_trois_competences_du_bloc_3():
    bloc_3 = {c.intitule for c in competences() if c.bloc == 3}
    assert {competence for competence, _ in CARNETS.values()} == bloc_3
    assert sorted(p.name for p in DOSSIER.glob("*.ipynb")) == sorted(CARNETS)


@pytest.mark.parametrize("nom", sorted(CARNETS))
def test_l_entete_nomme_la_competence_et_le_texte_cite_les_articles(nom):
    competence, articles = CARNETS[nom]
    entete, texte = _markdown(nom)
    assert "**Compétence NDRC**" in entete and competence in " ".join(entete.split())
    manquants = [a for a in articles if a not in texte]
    assert not manquants, f"{nom} ne cite pas : {manquants}"
