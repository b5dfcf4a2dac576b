"""Bilan de l'équipe commerciale : les chiffres de bilan_equipe sont ceux d'une requête directe."""

import sqlite3
from decimal import Decimal

import matplotlib

from widgets.donnees.equipe import bilan_equipe
from widgets.ui.textes_equipe import texte_entonnoirs, texte_objectifs_realise

matplotlib.use("Agg")


def test_bilan_egale_une_requete_directe_pour_chaque_commercial(base_demo):
    lignes = bilan_equipe(base_demo, annee=2025)
    with sqlite3.connect(base_demo) as c:
        attendu_ids = [r[0] for r in c.execute("SELECT id_commercial FROM commerciaux")]
        assert sorted(b.id_commercial for b in lignes) == sorted(attendu_ids)
        for b in lignes:
            (obj,) = c.execute(
                "SELECT COALESCE(SUM(ca_objectif), 0) FROM objectifs "
                "WHERE id_commercial = ? AND mois LIKE '2025-%'",
                (b.id_commercial,),
            ).fetchone()
            (ca,) = c.execute(
                "SELECT COALESCE(ROUND(SUM(f.montant_ht), 2), 0) FROM factures f "
                "JOIN commandes co ON co.id_commande = f.id_commande "
                "WHERE co.id_commercial = ? AND f.date_facture LIKE '2025-%'",
                (b.id_commercial,),
            ).fetchone()
            etapes = dict(
                c.execute(
                    "SELECT etape, COUNT(*) FROM visites WHERE id_commercial = ? "
                    "AND date_visite LIKE '2025-%' GROUP BY etape",
                    (b.id_commercial,),
                ).fetchall()
            )
            assert b.ecart_ca.prevu == Decimal(str(obj)).quantize(Decimal("0.01"))
            assert b.ecart_ca.realise == Decimal(str(ca)).quantize(Decimal("0.01"))
            assert b.ecart_ca.ecart == b.ecart_ca.realise - b.ecart_ca.prevu
            assert [e.effectif for e in b.entonnoir.etapes] == [
                etapes.get(k, 0) for k in ("contact", "rendez-vous", "visite", "commande")
            ]


def test_textes_une_ligne_par_commercial_en_francais(base_demo):
    lignes = bilan_equipe(base_demo, annee=2025)
    tableau = texte_objectifs_realise(lignes).splitlines()
    assert len(tableau) == len(lignes) + 1
    assert tableau[0].startswith("Commercial") and "Appréciation" in tableau[0]
    assert all(ligne.count("€") == 3 for ligne in tableau[1:])
    assert len(texte_entonnoirs(lignes).splitlines()) == len(lignes) + 1


def test_graphique_une_barre_par_commercial(base_demo):
    from widgets.ui.equipe import graphique_objectifs_realise

    lignes = bilan_equipe(base_demo, annee=2025)
    figure = graphique_objectifs_realise(lignes)
    assert len(figure.axes[0].patches) == len(lignes)
    assert figure.axes[0].get_xlabel() == "Écart réalisé / objectif de CA (%)"
