"""Crédit clients de l'entreprise du cas lu dans la base : encours, DSO, coût du crédit."""

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from widgets.calculs import SaisieInvalide, arrondi_centime
from widgets.calculs.finance import dso
from widgets.donnees.finance import (
    SQL_ENCOURS,
    bfre_depuis_base,
    credit_clients,
    requete_pour_l_editeur,
)
from widgets.sql import executer_requete


def _recompte_en_python(base, annee):
    """Independent recount: invoice by invoice, payments by payment (no SQL aggregate)."""
    fin = f"{annee}-12-31"
    con = sqlite3.connect(base)
    factures = con.execute(
        "SELECT id_facture, date_facture, montant_ht, montant_ttc FROM factures"
    ).fetchall()
    reglements = con.execute(
        "SELECT r.id_facture, r.date_reglement, r.montant, f.date_facture "
        "FROM reglements r JOIN factures f USING (id_facture)"
    ).fetchall()
    con.close()
    paye = {}
    for id_facture, jour, montant, _ in reglements:
        if jour <= fin:
            paye[id_facture] = paye.get(id_facture, Decimal(0)) + Decimal(str(montant))
    encours = sum(
        Decimal(str(ttc)) - paye.get(i, Decimal(0)) for i, d, _ht, ttc in factures if d <= fin
    )
    ca_ttc = sum(Decimal(str(ttc)) for _i, d, _ht, ttc in factures if d.startswith(str(annee)))
    montant_jours = sum(
        Decimal(str(m)) * (date.fromisoformat(j) - date.fromisoformat(df)).days
        for _i, j, m, df in reglements
        if j.startswith(str(annee))
    )
    return arrondi_centime(encours), arrondi_centime(ca_ttc), montant_jours


def test_encours_dso_et_cout_du_credit_recomptes_a_la_main(base_demo):
    c = credit_clients(base_demo, annee=2025, taux_financement="4 %")
    encours, ca_ttc, montant_jours = _recompte_en_python(base_demo, 2025)
    assert c.encours_ttc == encours
    assert c.ca_ttc == ca_ttc
    # DSO : the one formula of calculs.finance, encours / CA TTC × 360.
    assert c.dso == dso(encours, ca_ttc)
    # Cost of the customer credit: Σ montant × jours × 4 % / 360, to the cent (± 1 cent: the
    # SQL total is rounded to the cent before the rate is applied).
    assert abs(c.cout_du_credit - arrondi_centime(montant_jours * 4 / 100 / 360)) <= Decimal("0.01")
    assert c.delai_reel > 0 and c.delai_accorde > 0
    assert c.etapes[1].startswith("Délai moyen de crédit clients = ")


def test_la_requete_de_l_etudiant_donne_le_meme_encours(base_demo):
    sql = requete_pour_l_editeur(SQL_ENCOURS, 2025)
    assert ":date_fin" not in sql and "'2025-12-31'" in sql
    resultat = executer_requete(sql, base_demo)
    valeur = resultat.dataframe.iloc[0]["encours_ttc"]
    assert Decimal(str(valeur)) == credit_clients(base_demo).encours_ttc


def test_bfre_avec_les_creances_de_la_base(base_demo):
    c = credit_clients(base_demo)
    b = bfre_depuis_base(base_demo, stocks="150 000", dettes_fournisseurs="90 000")
    # BFRE = 150 000 + encours − 90 000.
    assert b.montant == arrondi_centime(Decimal(150000) + c.encours_ttc - Decimal(90000))
    assert b.creances_clients == c.encours_ttc


def test_taux_de_financement_invalide(base_demo):
    with pytest.raises(SaisieInvalide, match="« quatre » n'est pas un taux"):
        credit_clients(base_demo, taux_financement="quatre")
