"""Sectorisation on the case's database: communes read, map widget, assignments in the sandbox."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import matplotlib

from widgets.calculs.sectorisation import parametres, sectoriser
from widgets.donnees.equipe import (
    VISITES_PAR_CLASSE,
    affecter_secteurs,
    ca_mensuel_par_secteur,
    chiffres_commerciaux,
    classes_abc,
    communes_a_secteur,
)
from widgets.sql.bac_a_sable import chemin_bac_a_sable
from widgets.ui.equipe_secteurs import CarteSecteurs

matplotlib.use("Agg")
PARIS = (48.8566, 2.3522)


def test_classes_abc_a_la_main():
    # Total 1 000: 500 (cumul before 0 %) A, 300 (50 %) A, 150 (80 %) B, 40 (95 %) C,
    # 10 C, 0 C.
    ca = [Decimal(x) for x in (150, 500, 0, 300, 10, 40)]
    assert classes_abc(ca) == ["B", "A", "C", "A", "C", "C"]


def test_communes_egales_a_une_requete_directe(base_demo):
    communes = communes_a_secteur(base_demo)
    with sqlite3.connect(base_demo) as c:
        (n_clients,) = c.execute("SELECT COUNT(*) FROM clients").fetchone()
        (ca,) = c.execute(
            "SELECT ROUND(SUM(montant_ht), 2) FROM factures WHERE date_facture LIKE '2025-%'"
        ).fetchone()
        (n_communes,) = c.execute("SELECT COUNT(DISTINCT code_insee) FROM clients").fetchone()
    assert len(communes) == n_communes
    assert sum(x.clients for x in communes) == n_clients
    assert abs(sum(x.ca for x in communes) - Decimal(str(ca))) <= Decimal("0.01") * n_clients
    # Each client counts 12, 6 or 2 visits a year.
    mini, maxi = min(VISITES_PAR_CLASSE.values()), max(VISITES_PAR_CLASSE.values())
    assert all(mini * x.clients <= x.visites <= maxi * x.clients for x in communes)


def test_affectation_ecrite_dans_le_bac_a_sable_jamais_dans_la_reference(base_demo):
    communes = communes_a_secteur(base_demo, id_secteur=1)
    s = sectoriser(communes, 2, parametres(PARIS))
    with sqlite3.connect(base_demo) as c:
        avant = c.execute("SELECT id_client, id_commercial FROM clients ORDER BY 1").fetchall()
        equipe = [r[0] for r in c.execute("SELECT id_commercial FROM commerciaux LIMIT 2")]
    n = affecter_secteurs(s, equipe, etudiant="alice", reference=base_demo, id_secteur=1)
    bac = chemin_bac_a_sable("alice")
    with sqlite3.connect(bac) as c:
        attendu = sum(x.clients for x in s.secteurs)
        assert n == attendu
        for numero, id_commercial in enumerate(equipe, start=1):
            codes = s.secteurs[numero - 1].codes
            lignes = c.execute(
                f"SELECT DISTINCT id_commercial FROM clients WHERE id_secteur = 1 AND code_insee "
                f"IN ({','.join('?' * len(codes))})",
                codes,
            ).fetchall()
            assert lignes == [(id_commercial,)]
    with sqlite3.connect(base_demo) as c:
        assert c.execute("SELECT id_client, id_commercial FROM clients ORDER BY 1").fetchall() == (
            avant
        )


def test_widget_deplace_une_commune_et_garde_le_dernier_resultat(base_demo):
    w = CarteSecteurs(base_demo, id_secteur=None, nombre_secteurs="3", etudiant="bob", carte=False)
    assert w.erreur == "" and len(w.resultat.secteurs) == 3
    code = w.resultat.secteurs[0].codes[0]
    avant = w.resultat
    apres = w.deplacer(code, 2)
    assert apres.affectation[code] == 2
    assert apres.secteurs[1].ca == avant.secteurs[1].ca + next(
        c.ca for c in avant.communes if c.code == code
    )
    w.champs["secteurs"].value = "trois"
    assert w.erreur.startswith("Commerciaux : « trois » n'est pas une quantité")
    assert w.resultat is apres
    w.champs["secteurs"].value = "3"
    assert w.affecter() > 0 and "clients réaffectés dans votre bac à sable" in w.message


def test_chiffres_pour_les_plans_et_les_budgets(base_demo):
    equipe = chiffres_commerciaux(base_demo)
    with sqlite3.connect(base_demo) as c:
        assert len(equipe) == c.execute("SELECT COUNT(*) FROM commerciaux").fetchone()[0]
        (ca,) = c.execute(
            "SELECT ROUND(SUM(montant_ht), 2) FROM factures WHERE date_facture LIKE '2024-%'"
        ).fetchone()
    mensuel = ca_mensuel_par_secteur(base_demo, annee=2024)
    total = sum(sum(v) for v in mensuel.values())
    assert abs(total - Decimal(str(ca))) <= Decimal("1")
    assert all(len(v) == 12 for v in mensuel.values())
