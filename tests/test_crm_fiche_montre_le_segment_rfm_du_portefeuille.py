"""The CRM sheet shows the client's RFM scores and named segment, the very ones of the
portfolio analysis (notebook 08: whole portfolio, reference date 2025-12-31, 12 months),
computed once per base and recomputed when the base file changes."""

from __future__ import annotations

import os
import shutil
import sqlite3
from decimal import Decimal as D

from widgets.calculs.scoring import segment_rfm
from widgets.donnees import crm, portefeuille
from widgets.ui.crm import fiche_html

FENETRE = "f.date_facture > '2024-12-31' AND f.date_facture <= '2025-12-31'"


def _lignes(base, sql, *params):
    with sqlite3.connect(f"file:{base.as_posix()}?mode=ro", uri=True) as con:
        return con.execute(sql, params).fetchall()


def _note(valeur, toutes):
    """Quintile score by hand: bounds = values of ranks ⌈n k / 5⌉ (k = 1…4) of the sorted
    list; score = 1 + number of bounds strictly below the value."""
    tries, n = sorted(toutes), len(toutes)
    bornes = [tries[-(-n * k // 5) - 1] for k in (1, 2, 3, 4)]
    return 1 + sum(valeur > b for b in bornes)


def test_the_sheet_shows_the_portfolio_segment_recomputed_by_hand(base_demo):
    mesures = _lignes(
        base_demo,
        "SELECT f.id_client, CAST(julianday('2025-12-31') - julianday(MAX(f.date_facture)) "
        f"AS INTEGER), COUNT(*), ROUND(SUM(f.montant_ht), 2) FROM factures f WHERE {FENETRE} "
        "GROUP BY f.id_client ORDER BY COUNT(*) DESC, f.id_client",
    )
    # the most frequent buyer of the window, scored by hand against the whole portfolio
    ident, recence, frequence, montant = mesures[0]
    r = _note(-recence, [-m[1] for m in mesures])
    f = _note(frequence, [m[2] for m in mesures])
    m = _note(D(str(montant)), [D(str(x[3])) for x in mesures])
    assert f == 5  # the most frequent is in the top quintile

    fiche = crm.fiche_client(ident, base_demo)
    attendu = {c.cle: c for c in portefeuille.rfm_clients(base_demo, reference="2025-12-31")}
    assert fiche.rfm == attendu[ident]  # the same analysis as the portfolio notebook
    assert (fiche.rfm.recence, fiche.rfm.frequence) == (recence, frequence)
    assert fiche.rfm.montant == D(str(montant))
    assert (fiche.rfm.r, fiche.rfm.f, fiche.rfm.m) == (r, f, m)
    assert fiche.rfm.segment == segment_rfm(r, f)
    assert f"{fiche.rfm.segment} (R {r}, F {f}, M {m})" in fiche_html(fiche).replace("&#x27;", "'")
    assert "à venir" not in fiche_html(fiche)


def test_a_client_without_invoice_in_the_window_is_outside_the_segmentation(base_demo):
    sans = _lignes(
        base_demo,
        "SELECT id_client FROM clients WHERE id_client NOT IN "
        f"(SELECT f.id_client FROM factures f WHERE {FENETRE}) ORDER BY id_client LIMIT 1",
    )
    assert sans, "the demo base should have a client not invoiced in 2025"
    fiche = crm.fiche_client(sans[0][0], base_demo)
    assert fiche.rfm is None
    assert "hors segmentation RFM (aucune facture sur les 12 derniers mois)" in fiche_html(fiche)


def test_the_rfm_table_is_computed_once_per_base_and_again_when_the_file_changes(
    base_demo, tmp_path
):
    copie = tmp_path / "clients.db"
    shutil.copy(base_demo, copie)
    premiere = portefeuille.rfm_du_portefeuille(copie)
    assert portefeuille.rfm_du_portefeuille(str(copie)) is premiere  # cached, any path form
    ident = max(premiere, key=lambda k: premiere[k].montant)
    with sqlite3.connect(copie) as con:  # the best client stops buying in 2025
        con.execute(
            "DELETE FROM factures WHERE id_client = ? AND date_facture > '2024-12-31'", (ident,)
        )
    etat = copie.stat()
    os.utime(copie, ns=(etat.st_atime_ns, etat.st_mtime_ns + 1_000_000_000))
    apres = portefeuille.rfm_du_portefeuille(copie)
    assert apres is not premiere and ident not in apres
    assert crm.fiche_client(ident, copie).rfm is None
