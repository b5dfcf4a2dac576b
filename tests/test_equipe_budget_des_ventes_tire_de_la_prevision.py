"""Sales budget input per sector from the least squares + seasonal forecast (issue 14)."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal

from widgets.calculs.arrondis import arrondi_centime
from widgets.calculs.budget import budget_des_ventes, prevision_par_croissance
from widgets.calculs.prevision import prevoir
from widgets.donnees.equipe import previsions_par_secteur


def _base_a_la_main(base_demo, tmp_path):
    """A copy of base_demo keeping 30 invoices: 24 monthly ones (2024-01 to 2025-12) of
    1 000 + 10 k € (k = 1…24) in sector 1, and 6 of 500 € (2025-07 to 2025-12) in sector 7."""
    chemin = tmp_path / "clients.db"
    shutil.copy(base_demo, chemin)
    with sqlite3.connect(chemin) as c:
        ids = [r[0] for r in c.execute("SELECT id_facture FROM factures ORDER BY 1 LIMIT 30")]
        c.execute(f"DELETE FROM factures WHERE id_facture > {ids[-1]}")
        (client_1,) = c.execute(
            "SELECT MIN(id_client) FROM clients WHERE id_secteur = 1"
        ).fetchone()
        (client_7,) = c.execute("SELECT MAX(id_client) FROM clients").fetchone()
        c.execute("UPDATE clients SET id_secteur = 7 WHERE id_client = ?", (client_7,))
        for k, id_facture in enumerate(ids[:24], 1):
            mois = f"{2024 + (k - 1) // 12}-{(k - 1) % 12 + 1:02d}-15"
            c.execute(
                "UPDATE factures SET id_client = ?, date_facture = ?, montant_ht = ? "
                "WHERE id_facture = ?",
                (client_1, mois, 1000 + 10 * k, id_facture),
            )
        for m, id_facture in enumerate(ids[24:], 7):
            c.execute(
                "UPDATE factures SET id_client = ?, date_facture = ?, montant_ht = 500 "
                "WHERE id_facture = ?",
                (client_7, f"2025-{m:02d}-15", id_facture),
            )
        noms = dict(c.execute("SELECT id_secteur, nom FROM secteurs"))
    c.close()
    return chemin, noms


def test_serie_a_la_main_tendance_sans_saisonnalite(base_demo, tmp_path):
    chemin, noms = _base_a_la_main(base_demo, tmp_path)
    prevu = previsions_par_secteur(chemin, annee=2026)
    s1 = prevu[noms[1]]
    # 2023 has no sale: the series starts in January 2024 (24 months, y = 1 000 + 10 x).
    # x̄ = 12,5 ; ȳ = 1 125 ; a = 10 ; b = 1 125 − 10 × 12,5 = 1 000 ; every ratio y / (a x + b)
    # is 1, so every coefficient is 1. 2026 = ranks 25…36: 1 250,00 € … 1 360,00 €.
    assert [m for m, _v in s1.historique][:2] == ["2024-01", "2024-02"]
    assert s1.prevision is not None and s1.note is None
    assert s1.prevision.tendance.a == 10 and s1.prevision.tendance.b == 1000
    assert s1.montants[0] == Decimal("1250.00") and s1.montants[-1] == Decimal("1360.00")
    # Σ = 12 × 1 000 + 10 × (25 + … + 36) = 12 000 + 10 × 366 = 15 660,00 €.
    assert sum(s1.montants) == Decimal("15660.00")
    # Sector 7: six months of 500 € → fallback, last 12 months × 1,03: 0 € from January to
    # June, 500 × 1,03 = 515,00 € from July to December; total 6 × 515 = 3 090,00 €.
    s7 = prevu[noms[7]]
    assert s7.prevision is None
    assert s7.montants == (Decimal("0.00"),) * 6 + (Decimal("515.00"),) * 6
    assert s7.note == (
        f"{noms[7]} : ventes depuis juillet 2025 seulement (6 mois), trop peu pour mesurer la "
        "saisonnalité (il en faut 24) ; pas de prévision par les moindres carrés, budget de "
        "repli = CA des 12 derniers mois × 1,03."
    )
    # A sector without any sale: zero budget, and the note says to use the objectives.
    s2 = prevu[noms[2]]
    assert s2.montants == (Decimal("0.00"),) * 12
    assert "aucune vente" in s2.note and "objectifs" in s2.note
    budget = budget_des_ventes({s: p.montants for s, p in prevu.items()})
    assert budget.total == Decimal("15660.00") + Decimal("3090.00")


def test_secteur_de_la_base_demo_egal_a_prevoir_sur_une_requete_independante(base_demo):
    prevu = previsions_par_secteur(base_demo, annee=2026)
    with sqlite3.connect(base_demo) as c:
        (nom,) = c.execute("SELECT nom FROM secteurs WHERE id_secteur = 1").fetchone()
        lignes = c.execute(
            "SELECT substr(f.date_facture, 1, 7), ROUND(SUM(f.montant_ht), 2) FROM factures f "
            "JOIN clients cl ON cl.id_client = f.id_client WHERE cl.id_secteur = 1 "
            "AND f.date_facture BETWEEN '2023-01-01' AND '2025-12-31' GROUP BY 1 ORDER BY 1"
        ).fetchall()
        (nom_7,) = c.execute("SELECT nom FROM secteurs WHERE id_secteur = 7").fetchone()
        derniers = dict(
            c.execute(
                "SELECT CAST(substr(f.date_facture, 6, 2) AS INTEGER), "
                "ROUND(SUM(f.montant_ht), 2) FROM factures f "
                "JOIN clients cl ON cl.id_client = f.id_client WHERE cl.id_secteur = 7 "
                "AND f.date_facture LIKE '2025-%' GROUP BY 1"
            ).fetchall()
        )
    c.close()
    assert len(lignes) == 36
    attendu = prevoir([Decimal(str(v)) for _m, v in lignes], horizon=12, periode=12)
    assert prevu[nom].montants == attendu.previsions
    # January 2026 is rank 37: (a × 37 + b) × January's coefficient, rounded to the cent (on the
    # reference base, Île-de-France: (10 636,93 × 37 + 965 212,37) × 1,1097 = 1 358 778,93 ×
    # 1,1097 = 1 507 875,33 €, the figure of the notebook management_equipe/02).
    t = prevu[nom].prevision.tendance
    janvier = (t.a * 37 + t.b) * prevu[nom].prevision.coefficients[0]
    assert prevu[nom].montants[0] == arrondi_centime(janvier)
    assert prevu[nom].note is None
    # Paris souvenirs opened in 2025: fallback on 2025 × 1,03, said in the note.
    souvenirs = prevu[nom_7]
    ca_2025 = [Decimal(str(derniers.get(m, 0))) for m in range(1, 13)]
    assert souvenirs.prevision is None and "trop peu" in souvenirs.note
    assert list(souvenirs.montants) == prevision_par_croissance(ca_2025, "3")
