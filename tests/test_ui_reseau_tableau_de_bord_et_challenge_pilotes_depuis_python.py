"""The network widgets driven from Python: the partners' dashboard (period, type, month by
month) and the sales-challenge simulator, with hand-worked values, French errors next to the
field and the previous result kept."""

from __future__ import annotations

import re
from decimal import Decimal

from widgets.ui.champs import ResultatObservable
from widgets.ui.reseau import SimulateurChallenge, TableauDeBordPartenaires

D = Decimal

VENTES = [
    {"partenaire": "Agent Nord", "type": "agent", "mois": "2025-01", "objectif_ht": 10000,
     "ca_ht": 12000},
    {"partenaire": "Franchise Lyon", "type": "franchisé", "mois": "2025-01",
     "objectif_ht": 8000, "ca_ht": 6000},
    {"partenaire": "Agent Sud", "type": "agent", "mois": "2025-01", "objectif_ht": 5000,
     "ca_ht": 5000},
    {"partenaire": "Agent Nord", "type": "agent", "mois": "2025-02", "objectif_ht": 10000,
     "ca_ht": 9000},
    {"partenaire": "Franchise Lyon", "type": "franchisé", "mois": "2025-02",
     "objectif_ht": 8000, "ca_ht": 10000},
]  # fmt: skip


def _texte(widget) -> str:
    # tags out, runs of ASCII blanks made one (U+202F and U+00A0 of the numbers kept)
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", widget.zone_resultat.value))


def test_dashboard_by_partner_then_february_then_month_by_month() -> None:
    t = TableauDeBordPartenaires(VENTES, graphique=False)
    assert isinstance(t, ResultatObservable) and t.class_traits()["ventes"].help
    # Nord 21 000 / 20 000 = 105 % ; Lyon 16 000 / 16 000 = 100 % ; Sud 100 % : rangs 1, 2, 2
    assert [(x.partenaire, x.taux_de_realisation, x.rang) for x in t.resultat.lignes] == [
        ("Agent Nord", D("105"), 1),
        ("Franchise Lyon", D("100"), 2),
        ("Agent Sud", D("100"), 2),
    ]
    # 42 000 / 41 000 = 102,44 %
    assert t.resultat.taux_de_realisation == D("102.44")
    assert "102,44" in _texte(t)
    t.premier_mois.value = "2025-02"
    # février : Lyon 10 000 / 8 000 = 125 % en tête, Nord 90 % (−1 000 €)
    assert t.resultat.classement == ("Franchise Lyon", "Agent Nord")
    assert t.resultat.lignes[0].ecart == D("-1000")
    t.premier_mois.value = ""
    t.vue.value = "mois"
    t.partenaire.value = "Agent Nord"
    # Nord : janvier 120 %, février 90 %
    assert [(x.partenaire, x.taux_de_realisation) for x in t.resultat.lignes] == [
        ("2025-01", D("120")),
        ("2025-02", D("90")),
    ]
    assert "janv. 2025" in _texte(t)


def test_dashboard_filters_a_type_and_keeps_its_partners_for_the_months() -> None:
    t = TableauDeBordPartenaires(VENTES, graphique=False)
    t.type_partenaire.value = "agent"
    assert [x.partenaire for x in t.resultat.lignes] == ["Agent Nord", "Agent Sud"]
    # agents : 26 000 / 25 000 = 104 %
    assert t.resultat.taux_de_realisation == D("104")
    assert list(t.partenaire.options) == ["Tout le réseau", "Agent Nord", "Agent Sud"]


def test_dashboard_french_errors_keep_the_last_table() -> None:
    t = TableauDeBordPartenaires(VENTES, graphique=True)
    assert "atelier-graphique" in t.zone_resultat.value
    valide = t.resultat
    t.dernier_mois.value = "févr. 2025"
    assert "n'est pas un mois" in t.dernier_mois.erreur and t.resultat is valide
    t.dernier_mois.value = "2024-12"
    assert "aucune vente sur cette période" in t.erreur and t.resultat is valide
    t.dernier_mois.value = ""
    assert t.erreur == "" and t.resultat == valide


def test_dashboard_on_a_base_without_the_network_says_so_in_french(tmp_path) -> None:
    t = TableauDeBordPartenaires.depuis_la_base(tmp_path / "absente.db")
    assert t.resultat is None and t.erreur
    assert "Base" in t.erreur or "introuvable" in t.erreur


def test_challenge_more_winners_turn_the_gain_down() -> None:
    c = SimulateurChallenge()
    # 60 000 × 25 % = 15 000 € ; 12 × 500 + 2 000 = 8 000 € ; gain 7 000 € ; ROI 87,5 %
    assert (c.resultat.gain_net, c.resultat.roi) == (D("7000"), D("87.5"))
    assert "Le challenge rapporte 7\u202f000,00\u00a0€ de plus" in _texte(c)
    c.nombre_de_gagnants.value = "28"
    # 28 × 500 + 2 000 = 16 000 € > 15 000 € : perte 1 000 €, il faut 16 000 / 25 % = 64 000 €
    assert (c.resultat.cout_total, c.resultat.gain_net) == (D("16000"), D("-1000"))
    assert "il faudrait au moins 64\u202f000,00\u00a0€" in _texte(c)
    valide = c.resultat
    c.recompense.value = "cinq cents"
    assert "« cinq cents » n'est pas un montant" in c.recompense.erreur
    assert c.resultat is valide and c.erreur == c.recompense.erreur
    c.recompense.value = "500"
    assert c.erreur == "" and c.resultat == valide
    c.taux_de_marge.value = "0"
    assert "avec une marge nulle, aucun CA ne paie le challenge" in c.taux_de_marge.erreur
