"""Issue 10, point 1: the seuil de revente à perte is the triple net (C. com. L442-5).

The prix d'achat effectif is the net invoice price MINUS the other financial advantages of the
supplier (marge arrière), plus the taxes (HT, no VAT) and the transport; SRP+10 (EGalim) is an
experimental measure with an end date. Every test here fails on the code that ignored the marge
arrière.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import marge_arriere, seuil_revente_a_perte
from widgets.exercices import exercice_par_code
from widgets.ui.marges import PanneauDistribution

D = Decimal
DOSSIER = Path(__file__).resolve().parents[1] / "notebooks" / "relation_client"


def test_le_prix_d_achat_effectif_deduit_la_marge_arriere() -> None:
    """Point 1: 7,65 − 0,92 + 0,35 = 7,08 ; × 1,10 → 7,08 + 0,708 (0,71) = 7,79, not 8,80."""
    s = seuil_revente_a_perte("7,65", transport="0,35", alimentaire=True, marge_arriere="0,92")
    assert (s.marge_arriere, s.prix_achat_effectif, s.majoration, s.seuil) == (
        D("0.92"),
        D("7.08"),
        D("0.71"),
        D("7.79"),
    )
    assert "7,65 € − 0,92 € + 0,00 € + 0,35 € = 7,08 €" in s.etapes[0].replace("\u00a0", " ")
    # non alimentaire : 10,00 − 1,50 (15 %) + 0,10 + 0,20 = 8,80
    s = seuil_revente_a_perte(
        "10", "0,10", "0,20", marge_arriere=marge_arriere("10", taux_sur_net_facture=15)
    )
    assert s.seuil == D("8.80")
    assert s.est_revente_a_perte("8,79") and not s.est_revente_a_perte("8,80")


@given(
    net=st.integers(100, 100_000).map(lambda c: D(c) / 100),
    part=st.integers(0, 99),
    transport=st.integers(0, 500).map(lambda c: D(c) / 100),
    alimentaire=st.booleans(),
)
def test_une_marge_arriere_baisse_le_seuil_d_autant(net, part, transport, alimentaire) -> None:
    """Point 1 (invariant): without food uplift the threshold drops by exactly the marge
    arrière; with SRP+10 it drops by about 1,10 × it (to the cent)."""
    ma = (net * part / 100).quantize(D("0.01"))
    if ma >= net:
        return
    sans = seuil_revente_a_perte(net, 0, transport, alimentaire=alimentaire)
    avec = seuil_revente_a_perte(net, 0, transport, alimentaire=alimentaire, marge_arriere=ma)
    assert avec.prix_achat_effectif == sans.prix_achat_effectif - ma
    ecart = sans.seuil - avec.seuil
    if alimentaire:
        assert abs(ecart - ma * D("1.1")) <= D("0.01")
    else:
        assert ecart == ma


def test_le_panneau_deduit_la_marge_arriere_et_parle_ht() -> None:
    """Point 1: net 9,00 − marge arrière 15 % (1,35) + transport 0,20 = 7,85 (not 9,20)."""
    p = PanneauDistribution()
    assert p.resultat.srp.seuil == D("7.85")
    p.prix_revente.value = "7,84"
    assert p.resultat.revente_a_perte
    assert "prix de revente HT est sous" in p.zone_resultat.value
    p.prix_revente.value = "7,85"
    assert not p.resultat.revente_a_perte
    p.alimentaire.value = True  # 7,85 + 0,785 (0,79) = 8,64
    assert p.resultat.srp.seuil == D("8.64")
    assert "15 avril 2028" in p.zone_resultat.value
    assert "expérimentale" in p.zone_resultat.value


@pytest.mark.parametrize("etudiant", ["alice", "bruno", "chloe", "dylan", "emma", "farid"])
def test_l_exercice_distributeur_attend_le_triple_net(etudiant: str) -> None:
    """Point 1: the exercise expects SRP = triple net + transport (× 1,10 for food) and names
    the old method (no marge arrière deducted) as a trap."""
    v = exercice_par_code("relation_client/distributeur-tableau-1").variante(etudiant)
    cellules = {c.nom: c for c in v.controle.cellules}
    triple_net = cellules["triple_net"].attendu
    transport = v.controle.donnees["transport"]
    pae = triple_net + transport
    alimentaire = "alimentaire**" in v.enonce
    attendu = pae + (pae / 10).quantize(D("0.01"), rounding="ROUND_HALF_UP") if alimentaire else pae
    assert cellules["srp"].attendu == attendu
    piege = cellules["srp"].pieges[0]
    ancien = v.controle.donnees["net"] + transport
    if alimentaire:
        ancien += (ancien / 10).quantize(D("0.01"), rounding="ROUND_HALF_UP")
    assert piege.valeur == ancien
    assert "L442-5" in piege.explication


def test_le_carnet_cite_l_article_et_la_date_de_fin_du_srp_plus_10() -> None:
    """Point 1: notebook text cites L442-5, the triple net and the SRP+10 end date."""
    carnet = nbformat.read(DOSSIER / "05_marges_distribution.ipynb", as_version=4)
    texte = "\n".join(c.source for c in carnet.cells if c.cell_type == "markdown")
    for attendu in ("L442-5", "triple net", "15 avril 2028", "2025-337", "expérimentale", "HT"):
        assert attendu in texte, attendu
    assert "net facturé + taxes + transport" not in texte
