"""The 300-client demo base looks like the guide's company: seasonality, Pareto, late payers...

Every amount is recomputed here independently (Decimal, half away from zero) to the cent.
Every check also runs on a 3,000-client base built by the vectorised path of large builds
(``generation/vectorise.py``, issue 15 point 6): same invariants, other random draws.
"""

from __future__ import annotations

import sqlite3
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.donnees.generation.aleatoire import arrondi_div

CENT = Decimal("0.01")


def arrondi(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module", params=["base_demo", "base_vectorisee_3000"])
def con(request):
    chemin = request.getfixturevalue(request.param)
    c = sqlite3.connect(f"file:{chemin.as_posix()}?mode=ro", uri=True)
    yield c
    c.close()


def un(con, sql, *params):
    return con.execute(sql, params).fetchone()[0]


def test_dates_cover_2023_to_2025_and_nothing_after_the_reference_day(con):
    assert (
        con.execute("SELECT MIN(date_commande), MAX(date_commande) FROM commandes")
        .fetchone()[0]
        .startswith("2023-01")
    )
    for table, col in [
        ("commandes", "date_commande"),
        ("factures", "date_facture"),
        ("reglements", "date_reglement"),
        ("visites", "date_visite"),
        ("prospects", "date_saisie"),
    ]:
        mini, maxi = con.execute(f"SELECT MIN({col}), MAX({col}) FROM {table}").fetchone()
        assert "2023-01-01" <= mini and maxi <= "2025-12-31", table
    assert un(con, "SELECT COUNT(*) FROM commandes WHERE date_commande NOT LIKE '____-__-__'") == 0


def test_line_amounts_are_quantity_times_price_less_discount_to_the_cent(con):
    # Worked example: 120 × 6,90 € = 828,00 € ; remise 3 % → 828 × 0,97 = 803,16 €
    assert arrondi(Decimal(120) * Decimal("6.90") * (1 - Decimal("3") / 100)) == Decimal("803.16")
    fautes = 0
    for q, pu, r, m in con.execute(
        "SELECT quantite, prix_unitaire_ht, remise_pct, montant_ht FROM lignes_commande"
    ):
        attendu = arrondi(Decimal(q) * Decimal(str(pu)) * (1 - Decimal(str(r)) / 100))
        fautes += attendu != Decimal(str(m))
    assert fautes == 0
    # Volume discounts: 2 % from 50, 3 % from 100, 5 % from 200 units.
    assert con.execute(
        "SELECT COUNT(*) FROM lignes_commande WHERE remise_pct != CASE WHEN quantite >= 200 "
        "THEN 5 WHEN quantite >= 100 THEN 3 WHEN quantite >= 50 THEN 2 ELSE 0 END"
    ).fetchone() == (0,)


def test_invoice_totals_cascade_from_the_lines_to_the_cent(con):
    lignes = dict(
        con.execute("SELECT id_commande, SUM(montant_ht * 100) FROM lignes_commande GROUP BY 1")
    )
    n = 0
    for id_commande, remise, ht, tva, ttc in con.execute(
        "SELECT f.id_commande, c.remise_pct, f.montant_ht, f.montant_tva, f.montant_ttc "
        "FROM factures f JOIN commandes c USING (id_commande)"
    ):
        brut = Decimal(round(lignes[id_commande])) / 100
        net = arrondi(brut * (1 - Decimal(str(remise)) / 100))
        assert Decimal(str(ht)) == net
        assert Decimal(str(tva)) == arrondi(net * Decimal("0.20"))
        assert Decimal(str(ttc)) == net + arrondi(net * Decimal("0.20"))
        n += 1
    assert n > 1000
    # only delivered orders are invoiced, each once
    assert con.execute(
        "SELECT COUNT(*) FROM commandes c LEFT JOIN factures f USING (id_commande) "
        "WHERE (c.statut = 'livrée') != (f.id_facture IS NOT NULL)"
    ).fetchone() == (0,)


def test_invoice_numbers_are_chronological_within_each_year(con):
    numeros = con.execute(
        "SELECT numero, date_facture FROM factures ORDER BY date_facture, id_facture"
    ).fetchall()
    par_annee: dict[str, int] = {}
    for numero, jour in numeros:
        annee = jour[:4]
        par_annee[annee] = par_annee.get(annee, 0) + 1
        assert numero == f"F{annee}-{par_annee[annee]:06d}"


def test_comites_d_entreprise_order_for_mothers_day_and_year_end(con):
    par_mois = dict(
        con.execute(
            "SELECT CAST(substr(date_commande, 6, 2) AS INTEGER), COUNT(*) FROM commandes "
            "JOIN clients USING (id_client) WHERE type_client = 'Comité d''entreprise' GROUP BY 1"
        )
    )
    pics = [par_mois[5], par_mois[11], par_mois[12]]
    autres = [par_mois.get(m, 0) for m in (1, 2, 3, 6, 7, 8, 9)]
    assert min(pics) > 2 * max(autres)


def test_souvenir_shops_are_parisian_2025_clients_buying_the_licensed_line(con):
    assert con.execute(
        "SELECT COUNT(*) FROM clients WHERE type_client = 'Boutique de souvenirs' AND "
        "(code_insee NOT LIKE '751__' OR date_creation < '2025-01-01' OR id_secteur != 7)"
    ).fetchone() == (0,)
    assert un(con, "SELECT COUNT(*) FROM clients WHERE type_client = 'Boutique de souvenirs'") > 5
    assert con.execute(
        "SELECT COUNT(*) FROM lignes_commande JOIN produits USING (id_produit) "
        "JOIN commandes USING (id_commande) "
        "WHERE gamme = 'Souvenirs sous licence' AND date_commande < '2025-01-01'"
    ).fetchone() == (0,)
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM lignes_commande JOIN produits USING (id_produit) "
            "WHERE gamme = 'Souvenirs sous licence'",
        )
        > 50
    )


def test_turnover_is_pareto_like(con):
    ca = [
        r[0]
        for r in con.execute(
            "SELECT COALESCE(SUM(f.montant_ht), 0) AS s FROM clients c "
            "LEFT JOIN factures f USING (id_client) GROUP BY c.id_client ORDER BY s DESC"
        )
    ]
    part = sum(ca[: len(ca) // 5]) / sum(ca)
    assert 0.70 <= part <= 0.85


def test_dormant_clients_exist(con):
    dormants = un(
        con,
        "SELECT COUNT(*) FROM clients c WHERE EXISTS (SELECT 1 FROM commandes o "
        "WHERE o.id_client = c.id_client) AND NOT EXISTS (SELECT 1 FROM commandes o "
        "WHERE o.id_client = c.id_client AND o.date_commande >= '2025-07-01')",
    )
    assert 0.05 <= dormants / un(con, "SELECT COUNT(*) FROM clients") <= 0.40  # 15 to 120 of 300


def test_payments_are_sometimes_late_partial_or_missing_but_never_too_much(con):
    paye = (
        "SELECT f.id_facture, f.montant_ttc, f.date_echeance, COALESCE(SUM(r.montant), 0) AS p, "
        "COUNT(r.id_reglement) AS n, MAX(r.date_reglement) AS d FROM factures f "
        "LEFT JOIN reglements r USING (id_facture) GROUP BY f.id_facture"
    )
    lignes = con.execute(paye).fetchall()
    assert all(round(p - ttc, 2) <= 0 for _, ttc, _, p, _, _ in lignes)
    en_retard = sum(1 for _, _, ech, _, n, d in lignes if n and d > ech)
    partielles = sum(1 for _, ttc, _, p, n, _ in lignes if n and round(ttc - p, 2) > 0)
    echues_impayees = sum(1 for _, _, ech, _, n, _ in lignes if n == 0 and ech < "2025-10-01")
    assert en_retard > len(lignes) * 0.1
    assert partielles > 10
    assert echues_impayees > 5
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM reglements r JOIN factures f USING (id_facture) "
            "WHERE r.date_reglement < f.date_facture",
        )
        == 0
    )


def test_prospecting_funnel_narrows_at_each_step(con):
    n = dict(con.execute("SELECT etape, COUNT(*) FROM visites GROUP BY etape"))
    assert n["contact"] > n["rendez-vous"] > n["visite"] > n["commande"] > 0
    assert 0.1 <= n["commande"] / n["contact"] <= 0.4
    # every 'commande' step belongs to a client created on that day, prospects never convert
    assert con.execute(
        "SELECT COUNT(*) FROM visites v LEFT JOIN clients c USING (id_client) "
        "WHERE v.etape = 'commande' "
        "AND (c.date_creation IS NULL OR c.date_creation != v.date_visite)"
    ).fetchone() == (0,)
    assert con.execute(
        "SELECT COUNT(*) FROM visites WHERE (id_client IS NULL) = (id_prospect IS NULL)"
    ).fetchone() == (0,)
    assert con.execute(
        "SELECT COUNT(*) FROM visites WHERE etape = 'contact' AND km != 0"
    ).fetchone() == (0,)


def test_nobody_works_before_being_hired_and_site_visits_are_driven(con):
    for table, col in (("visites", "date_visite"), ("commandes", "date_commande")):
        assert con.execute(
            f"SELECT COUNT(*) FROM {table} t JOIN commerciaux c USING (id_commercial) "
            f"WHERE t.{col} < c.date_embauche"
        ).fetchone() == (0,), table
    # Paris souvenirs: base Paris centre; a visit in the 7e (Tour Eiffel) is a short drive
    kms = [
        r[0]
        for r in con.execute(
            "SELECT v.km FROM visites v JOIN clients c USING (id_client) "
            "WHERE c.code_insee = '75107' AND v.etape != 'contact'"
        )
    ]
    assert kms and all(4.0 <= km <= 20.0 for km in kms)
    assert un(con, "SELECT MIN(km) FROM visites WHERE etape != 'contact'") >= 4.0


def test_each_commercial_has_one_objective_per_month_since_hiring(con):
    for id_c, embauche, n, premier in con.execute(
        "SELECT c.id_commercial, c.date_embauche, COUNT(o.id_objectif), MIN(o.mois) "
        "FROM commerciaux c JOIN objectifs o USING (id_commercial) GROUP BY 1"
    ):
        attendu_premier = max("2023-01", embauche[:7])
        a, m = int(attendu_premier[:4]), int(attendu_premier[5:])
        assert premier == attendu_premier, id_c
        assert n == (2025 - a) * 12 + 12 - m + 1, id_c
    assert un(con, "SELECT COUNT(*) FROM objectifs WHERE ca_objectif % 100 != 0") == 0


@given(
    quantite=st.integers(1, 10_000),
    prix_centimes=st.integers(1, 100_000),
    remise_dixiemes=st.sampled_from([0, 20, 25, 30, 50, 75, 100]),
)
def test_generator_integer_rounding_is_decimal_half_up(quantite, prix_centimes, remise_dixiemes):
    montant = arrondi_div(quantite * prix_centimes * (1000 - remise_dixiemes), 1000)
    attendu = arrondi(
        Decimal(quantite) * Decimal(prix_centimes) / 100 * (1 - Decimal(remise_dixiemes) / 1000)
    )
    assert Decimal(montant) / 100 == attendu
