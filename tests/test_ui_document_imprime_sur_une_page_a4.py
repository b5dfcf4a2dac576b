"""A ten-line invoice, quote or order form prints on ONE A4 page (Debian chromium, PDF)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from outils.ci import outil_manquant

from widgets.calculs import net_a_payer
from widgets.ui.documents import VENDEUR_EXEMPLE, DocumentCommercial, Partie, rendre_document

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser


def _chromium() -> str:
    if not Path(CHROMIUM).exists():
        outil_manquant(f"chromium introuvable ({CHROMIUM}) : apt-get install chromium")
    return CHROMIUM


@pytest.mark.parametrize("type_document", ["facture", "devis", "bon_de_commande"])
def test_dix_lignes_tiennent_sur_une_page_a4(tmp_path: Path, type_document: str):
    lignes = [
        {
            "designation": f"Article de linge de maison n° {i}",
            "quantite": 12,
            "prix_unitaire_ht": 19,
        }
        for i in range(10)
    ]
    calcul = net_a_payer(lignes, remises=[5], escompte=2, port=25, acompte=100)
    doc = DocumentCommercial(
        type_document=type_document,
        numero="F2025-0001",
        date_emission=dt.date(2025, 12, 31),
        vendeur=VENDEUR_EXEMPLE,
        acheteur=Partie("Souvenirs de Montmartre", "3 rue Foyatier", "75018 Paris", "732829320"),
        references=tuple(f"REF-{i:02d}" for i in range(10)),
    )
    page = tmp_path / "document.html"
    page.write_text(rendre_document(doc, calcul), encoding="utf-8")
    pdf = tmp_path / "document.pdf"
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=90,
    )
    contenu = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", contenu)) == 1
    largeur, hauteur = (
        float(x) for x in re.search(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", contenu).groups()
    )
    assert (round(largeur), round(hauteur)) == (595, 842)  # A4 in points
