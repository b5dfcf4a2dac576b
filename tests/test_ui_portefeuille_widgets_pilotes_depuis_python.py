"""The portfolio widgets driven from Python on the hand-worked database (see
test_portefeuille_lu_dans_une_petite_base_calculee_a_la_main.py for the figures)."""

from __future__ import annotations

import csv
from decimal import Decimal

import matplotlib
import pytest
from outils.petite_base_portefeuille import construire_petite_base

from widgets.donnees.portefeuille import SyntheseABC
from widgets.ui.portefeuille import (
    RentabiliteClients,
    RisqueClients,
    ScoringRFM,
    StatistiquesPortefeuille,
)
from widgets.ui.portefeuille_abc import AnalyseurABC
from widgets.ui.previsions import Previsionniste

matplotlib.use("Agg")


def _texte(widget) -> str:
    import re

    brut = re.sub(r"<[^>]+>", " ", widget.zone_resultat.value)
    return " ".join(brut.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def petite_base(tmp_path_factory):
    return construire_petite_base(tmp_path_factory.mktemp("ui") / "petite.db")


def test_abc_widget_moves_the_thresholds_and_keeps_the_last_valid_result(petite_base):
    abc = AnalyseurABC(petite_base)
    assert abc.erreur == ""
    # clients: the vectorised ABC's synthesis; 2025 CA 8 000 + 2 000 + 500 + 400 = 10 900
    assert isinstance(abc.resultat, SyntheseABC)
    assert [c.effectif for c in abc.resultat.classes] == [2, 1, 1]
    assert abc.resultat.total == Decimal("10900.00")
    a = abc.resultat.classe("A")  # Alpha + Bravo = 10 000 → 91,74 % of the CA
    assert (a.ca, a.part_ca, a.part_effectif) == (Decimal("10000"), Decimal("91.74"), 50)
    assert [(x.libelle, x.ca_cumule) for x in abc.resultat.lignes[:2]] == [
        ("Alpha", Decimal("8000")),
        ("Bravo", Decimal("10000")),
    ]
    assert "Alpha" in _texte(abc) and "2 clients sur 4 (50 %) font 91,74 %" in _texte(abc)
    assert "data:image/png;base64," in abc.zone_resultat.value  # offline chart
    # threshold A 95 %: Alpha 73,39 % then Bravo 91,74 % < 95 → Charlie 96,33 % closes A
    abc.seuil_b.value = "99"
    abc.seuil_a.value = "95"
    assert [c.effectif for c in abc.resultat.classes] == [3, 1, 0]
    abc.seuil_a.value = "cent"
    assert "« cent » n'est pas un taux" in abc.erreur
    assert "atelier-perime" in abc.zone_resultat._dom_classes
    assert [c.effectif for c in abc.resultat.classes] == [3, 1, 0]  # kept
    abc.seuil_a.value = "80"
    abc.objet.value = "produits"
    # PE 6 400 (58,72 %) then SE 4 500 → 100 %: both A
    assert [x.libelle for x in abc.resultat.lignes] == ["PE-001 Peignoir", "SE-050 Serviette"]
    assert "2 produits sur 2" in _texte(abc)


def test_forecast_widget_on_the_reference_database():
    p = Previsionniste(graphique=False)
    assert p.erreur == "" and len(p.mois) == 36 and len(p.resultat.previsions) == 12
    assert "y = " in _texte(p) and "Total des 12 mois" in _texte(p)
    p.dernier_mois.value = "12/2023"
    assert "il faut au moins 24 valeurs" in p.erreur
    p.dernier_mois.value = "2025-12"
    p.methode.value = "moyennes_mobiles"
    assert p.erreur == "" and p.resultat.saisonnalite.methode == "moyennes_mobiles"
    p.premier_mois.value = "treize"
    assert "n'est pas un mois" in p.erreur


def test_statistics_widget_per_segment_and_per_month(petite_base):
    s = StatistiquesPortefeuille(petite_base)
    s.critere.value = "secteur"
    # Nord: 8 000 and 2 000 → mean = median = 5 000 ; σ = 3 000 ; CV 60 %
    nord = s.resultat["Nord"]
    assert (nord.moyenne, nord.mediane, nord.ecart_type) == (5000, 5000, 3000)
    assert "Nord 2 5 000,00 € 5 000,00 €" in _texte(s)
    assert "60 %" in _texte(s)
    s.critere.value = "mois"
    # 2025: 3 000 + 1 000 + 500 + 5 000 + 1 400 = 10 900 over 12 months → 908,33
    assert s.resultat["Tous les mois"].moyenne.quantize(Decimal("0.01")) == Decimal("908.33")
    assert "par mois" in _texte(s)


def test_rfm_widget_weights_and_exports_a_segment(petite_base, tmp_path):
    r = ScoringRFM(petite_base)
    # equal weights: Alpha R2 F3 M4 → (2 + 3 + 4) / 3 = 3
    assert r.resultat.scores[1] == Decimal("3.00")
    alpha = r.resultat.tableau.set_index("id_client").loc[1]
    assert (alpha["r"], alpha["f"], alpha["m"], alpha["score"]) == (2, 3, 4, 300)
    assert r.resultat.segments["À risque"] == 1
    r.poids_m.value = "4"
    # (2 + 3 + 4 × 4) / 6 = 21 / 6 = 3,50
    assert r.resultat.scores[1] == Decimal("3.50")
    r.poids_r.value = "-2"
    assert "négatif" in r.erreur
    r.segment.value = "Fidèles potentiels"
    chemin = r.exporter(tmp_path / "bravo.csv")
    lignes = list(
        csv.DictReader(chemin.read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
    )
    assert [x["raison_sociale"] for x in lignes] == ["Bravo"]
    assert "1 client exporté dans" in r.message_export.value
    r.segment.value = "Champions"
    assert r.exporter(tmp_path / "vide.csv") is None
    assert "aucun client à exporter" in r.message_export.value


def test_pnl_and_risk_widgets(petite_base):
    c = RentabiliteClients(petite_base)
    assert "Tous les clients de 2025 ont une contribution positive." in _texte(c)
    # the vectorised P&L, in cents: Alpha 3 200 − 170 − 40 = 2 990
    assert c.resultat.set_index("id_client").loc[1, "contribution_centimes"] == 299_000
    c.cout_visite.value = "150"
    # Charlie: 200 − 2 × 150 − 5 = −105 → one client loses money
    assert "1 client sur 4 coûte plus qu'il ne rapporte en 2025." in _texte(c)
    assert c.resultat.set_index("id_client").loc[3, "contribution_centimes"] == -10_500
    # the least profitable first, figures converted to euros at display
    assert "Contribution Charlie 500,00 € 200,00 € 300,00 € 5,00 € 0,00 € -105,00 € Delta" in (
        _texte(c)
    )
    c.taux_financement.value = "5 %%"
    assert c.erreur
    r = RisqueClients(petite_base)
    texte = _texte(r)
    assert "1 dépassement de plafond, 1 client sous surveillance" in texte
    assert "2 clients en retard de paiement (le plus ancien : 61 jours)." in texte
    assert texte.index("Delta") < texte.index("Bravo")  # dépassement first
    risques = r.resultat.set_index("id_client")
    assert (risques.loc[4, "alerte"], risques.loc[4, "depassement_centimes"]) == (
        "dépassement",
        8_000,
    )
    assert risques.loc[1, "dso"] == 2_250  # 6 000 / 9 600 × 360 = 225,0 days
    r.vigilance.value = "90"  # Bravo 85,71 % < 90 %: no longer watched
    assert "1 dépassement de plafond, 0 client sous surveillance" in _texte(r)
