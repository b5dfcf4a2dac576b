"""The network widgets driven from Python: the partners' dashboard (period, type, month by
month) and the sales-challenge simulator, with hand-worked values, French errors next to the
field and the previous result kept."""

from __future__ import annotations

import re
import sqlite3
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


def test_dashboard_read_from_a_hand_filled_base_tells_namesakes_apart(tmp_path) -> None:
    base = tmp_path / "reseau.db"
    con = sqlite3.connect(base)
    con.executescript(
        """
        CREATE TABLE secteurs (id_secteur INTEGER PRIMARY KEY, nom TEXT NOT NULL);
        CREATE TABLE partenaires (
            id_partenaire INTEGER PRIMARY KEY, nom TEXT NOT NULL, type TEXT NOT NULL,
            contrat TEXT, id_secteur INTEGER REFERENCES secteurs(id_secteur), date_entree TEXT,
            date_sortie TEXT, taux_commission_pct REAL, redevance_pct REAL,
            redevance_pub_pct REAL, droit_entree_ht REAL);
        CREATE TABLE ventes_partenaires (
            id_partenaire INTEGER REFERENCES partenaires(id_partenaire), mois TEXT,
            ca_ht REAL, objectif_ht REAL, PRIMARY KEY (id_partenaire, mois));
        INSERT INTO secteurs VALUES (1, 'Nord'), (2, 'Sud');
        INSERT INTO partenaires (id_partenaire, nom, type, id_secteur) VALUES
            (1, 'Maison du Linge Auch', 'franchisé', 2),
            (2, 'Maison du Linge Auch', 'franchisé', 2),
            (3, 'Agence Lille', 'agent', 1);
        INSERT INTO ventes_partenaires VALUES
            (1, '2025-11', 9000, 10000), (1, '2025-12', 12500, 10000),
            (2, '2025-11', 4000, 5000),
            (3, '2025-11', 8400, 7000), (3, '2025-12', 6300, 7000);
        """
    )
    con.commit()
    con.close()
    t = TableauDeBordPartenaires.depuis_la_base(base, graphique=False)
    assert t.erreur == ""
    # n° 1 : 21 500 / 20 000 = 107,5 % ; n° 2 : 4 000 / 5 000 = 80 % ; Lille 14 700 / 14 000 = 105 %
    assert [(x.partenaire, x.taux_de_realisation, x.rang) for x in t.resultat.lignes] == [
        ("Maison du Linge Auch (n° 1)", D("107.5"), 1),
        ("Maison du Linge Auch (n° 2)", D("80"), 3),
        ("Agence Lille", D("105"), 2),
    ]
    # réseau : 40 200 / 39 000 = 103,077 → 103,08 %
    assert t.resultat.taux_de_realisation == D("103.08")
    t.dernier_mois.value = "2025-11"
    # novembre : Lille 8 400 / 7 000 = 120 % en tête ; n° 1 90 % ; n° 2 80 %
    assert t.resultat.classement == (
        "Agence Lille",
        "Maison du Linge Auch (n° 1)",
        "Maison du Linge Auch (n° 2)",
    )
    assert list(t.type_partenaire.options) == ["Tous les types", "agent", "franchisé"]


def test_the_app_reads_the_generated_network(base_demo) -> None:
    t = TableauDeBordPartenaires.depuis_la_base(base_demo, graphique=False)
    assert t.erreur == "" and len(t.resultat.lignes) >= 10
    # the objective-vs-actual totals are those of the table, to the cent
    con = sqlite3.connect(base_demo)
    objectif, realise = con.execute(
        "SELECT ROUND(SUM(objectif_ht), 2), ROUND(SUM(ca_ht), 2) FROM ventes_partenaires"
    ).fetchone()
    con.close()
    assert t.resultat.objectif_total == D(str(objectif))
    assert t.resultat.realise_total == D(str(realise))
