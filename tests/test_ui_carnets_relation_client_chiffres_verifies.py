"""The relation-client notebooks print the figures a teacher checked by hand.

The notebooks are stored without outputs, so nbval only runs their ``nbval-check-output``
cells (tag); here those cells (and the import cells before them) are executed in-process and their
printed text compared with the hand-checked figures (each also worked out in the notebook's
Markdown). Widget and exercise cells are not run here (nbval runs them).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import nbformat
import pytest

DOSSIER = Path(__file__).resolve().parents[1] / "notebooks" / "relation_client"


def _sortie_des_cellules_verifiees(nom: str) -> str:
    carnet = nbformat.read(DOSSIER / nom, as_version=4)
    espace: dict = {}
    sortie = io.StringIO()
    for cellule in carnet.cells:
        if cellule.cell_type != "code":
            continue
        source = cellule.source
        verifiee = "nbval-check-output" in cellule.metadata.get("tags", []) or source.startswith(
            "# NBVAL_CHECK_OUTPUT"
        )
        imports = source.startswith(("from widgets.calculs", "import ", "from widgets.ui.doc"))
        if verifiee or imports:
            tampon = io.StringIO()
            with contextlib.redirect_stdout(tampon):
                exec(compile(source, nom, "exec"), espace)  # noqa: S102 - our own notebook
            if verifiee:
                sortie.write(tampon.getvalue())
    return sortie.getvalue()


ATTENDU = {
    "01_prix.ipynb": [
        "TVA  5,5 % : TVA   5,50 €, prix TTC 105,50 €",
        "Remise 5 % de 900,00 € = 45,00 € ; reste 855,00 €",
        "Taux global : 14,5 %",
        "Ristourne 3 %      64,83 €   net : 2 096,07 €",
        "Taux global : 14,45 %",  # 1 − 0,98 × 0,90 × 0,97 = 0,14446
    ],
    "02_documents_commerciaux.ipynb": [
        "SIREN 732 829 320 → FR44732829320",
        "Échéance : 30/01/2026",
        # 4 × 39,50 = 158,00 − 10 % = 142,20 ; TVA 28,44 → 170,64 due at 30 days ;
        # escompte 2 % of 142,20 = 2,84 → 139,36 + TVA 27,87 = 167,23 if paid within 10 days
        "Net à payer à l'échéance : 170,64 €",
        "- Escompte de 2 % pour paiement sous 10 jours, soit au plus tard le 10/01/2026 : "
        "2,84 € HT (net à payer dans ce cas : 167,23 €",
        "frais de recouvrement de 40,00 €",
    ],
    "03_net_a_payer.ipynb": [
        "− Remise 5 %                13,82 €",
        "= Net à payer              223,08 €",
        "+ TVA 5,5 % sur 37,30 €            2,05 €",
        "= Net à payer                    122,21 €",
        "Net commercial, remises additionnées : 260,95 €",
        "TVA avant l'escompte (faux)          : 54,90 €",
        "ce qu'on obtient avec une convention erronée. La TVA a été calculée sur le net commercial",
    ],
    "04_marges.ipynb": [
        "Taux de marque   : 20 %",
        "Coefficient (TTC): 1,5",
        "Coefficient HT   : 1,25",
        "Taux de marque 25 % : PV HT = 80,00 €",
        "Taux de marge 25 %  : PV HT = 75,00 €",
        "taux de marge   20 % → taux de marque 16,67 %",
        "C'est le coefficient sur le prix HT (PV HT / coût)",
    ],
    "05_marges_distribution.ipynb": [
        "… soit 33,33 % du net facturé",
        "Prix triple net  : 8,50 €",
        "7,65 € − 0,92 € + 0,00 € + 0,35 € = 7,08 €",  # triple net + transport
        "seuil de revente à perte = 7,79 € HT",  # 7,08 + 0,708 (0,71)
        "Revendre à 7,75 € HT : revente à perte, interdit",
    ],
    "06_marge_de_manoeuvre.ipynb": [
        "Délai de paiement + 30 jours à 6 % par an : coûte 4,66 €",
        "Marge de manœuvre restante = 911,34 € − 840,00 € = 71,34 €",
        "Remise supplémentaire possible : au plus 7,7 % (73,15 €)",
        "Plancher franchi : non",
    ],
}


@pytest.mark.parametrize("nom", sorted(ATTENDU))
def test_les_cellules_verifiees_impriment_les_chiffres_calcules_a_la_main(nom):
    sortie = _sortie_des_cellules_verifiees(nom).replace("\u00a0", " ").replace("\u202f", " ")
    for ligne in ATTENDU[nom]:
        assert ligne in sortie, f"{nom}: {ligne!r} absent de\n{sortie}"


@pytest.mark.parametrize("nom", sorted(ATTENDU))
def test_carnet_sans_sorties_avec_metadonnees_atelier(nom):
    carnet = nbformat.read(DOSSIER / nom, as_version=4)
    meta = carnet.metadata["atelier"]
    assert meta["unite"] == "relation_client" and meta["titre"] and meta["savoirs"]
    assert carnet.metadata["kernelspec"]["name"] == "python3"
    for cellule in carnet.cells:
        if cellule.cell_type == "code":
            assert cellule.outputs == [] and cellule.execution_count is None
