"""The bloc 3 tables (issue 24): stores and their panel, partners, VDI network.

Checked on the tests' 300-client base and on the class's 2 000-client reference base (seed 2026,
``make db``): keys, CHECK constraints, invariants, exact sizes and a few pinned aggregates, each
defect left on purpose, the other tables' rows unchanged (table by table, against the digests of
main before the tables were added), and the SQL engine and its schema browser reading them.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from outils.empreintes_tables import empreintes_par_table

from widgets.donnees.generation import construire_base
from widgets.donnees.generation.reseaux import TABLES_RESEAUX

# Columns of the tables that existed before the bloc 2 and 3 tables (a column added at the end
# of one of them, like commandes.canal, is left out of its digest).
COLONNES_D_ORIGINE = {
    "clients": "id_client raison_sociale type_client siret adresse code_postal ville code_insee "
    "telephone email id_commercial id_secteur date_creation plafond_credit delai_paiement_jours",
    "commandes": "id_commande id_client id_commercial date_commande statut remise_pct",
    "commerciaux": "id_commercial nom prenom email telephone id_secteur date_embauche fixe_mensuel",
    "communes": "code_insee code_postal nom departement population latitude longitude",
    "dictionnaire": "table_nom colonne type signification exemple cle",
    "factures": "id_facture numero id_commande id_client date_facture date_echeance montant_ht "
    "montant_tva montant_ttc",
    "lignes_commande": "id_ligne id_commande id_produit quantite prix_unitaire_ht remise_pct "
    "montant_ht",
    "objectifs": "id_objectif id_commercial mois ca_objectif nouveaux_clients_objectif",
    "produits": "id_produit reference designation gamme prix_unitaire_ht cout_achat_ht taux_tva "
    "actif",
    "prospects": "id_prospect raison_sociale type_client contact_nom contact_prenom email "
    "telephone adresse code_postal ville siret source date_saisie id_commercial public "
    "consentement_email_sms consentement_telephone opposition bloctel date_dernier_contact",
    "prospects_defauts": "id_prospect defaut detail id_original",
    "reglements": "id_reglement id_facture date_reglement montant mode",
    "secteurs": "id_secteur nom description",
    "visites": "id_visite id_commercial id_client id_prospect date_visite etape resultat "
    "duree_min km",
}

# Digests computed on main at 134e466 (before this change) with tests/outils/empreintes_tables.py.
EMPREINTES_AVANT = {
    300: {
        "clients": "d3025211c031cc188161a92a5c4fc4f11006ccbf0e30e8dc4353d693d658ecfb",
        "commandes": "4ae636431e4444fe4690b941a133e6a563216aebb98f88b06c397c19634c65ff",
        "commerciaux": "e634b91de734fd48160ac690009d78ec438bd524f8fc331ccd8be341df713293",
        "communes": "35f2a7ff9423d1a638291c8e2dfb3eecdccc07a4504a63005bdbd5093f1d1cf3",
        "dictionnaire": "5102616c9b97c64f1a1df54d37fb94ea4475b61c2961b0e0789920aa568a9f5a",
        "factures": "91f8bb5db465e7402e0f4c7b165903d444775e63a9b620dacf76e0be4d93fc14",
        "lignes_commande": "ba253a43fd8b69f051a8906e8256c2c392bb83cd9170fb51c8c4e28cb6336ac3",
        "objectifs": "63b93f5761f9e64c0f533ba28e982acf3848d3eae8edbf2336ffc116a272a3db",
        "produits": "73720fb641d73b4782636fe654d341b16dfb1a48e72ff2ca1ae5996ee8448c52",
        "prospects": "57497fc303549544b9a2e37a96f112c4997e06b6e1353b2eed454bee171ca325",
        "prospects_defauts": "08e506f75711512c4ba0687dd43a943aca8cc2e9f72ed0a09ac3eb8a05829a66",
        "reglements": "edbbe1f33d643cf498200c67d76a878ae9c3a1ae259cb7a740459c8b53c3bf90",
        "secteurs": "a19a7cfee44683ed04117b3a3231236d2d93226eb9607f04e321bbfbe58c6ade",
        "visites": "2f108e29baa515ee2dbcf354bbedfe4917b38257a193fdd290d58cbf73e723b9",
    },
    2000: {
        "clients": "92704a34ffadc6566c39436b4a51e194f45ce50832997b70dcfff99edfa6b7bb",
        "commandes": "caa32d4af475b51cba2c81c1db3f5943a7641823d3140c95c7b323e60285f9e0",
        "commerciaux": "35e34e1640d7a2564748f888672f1e4a48ae4b855e6676889c623245f90aeeb4",
        "communes": "35f2a7ff9423d1a638291c8e2dfb3eecdccc07a4504a63005bdbd5093f1d1cf3",
        "dictionnaire": "5102616c9b97c64f1a1df54d37fb94ea4475b61c2961b0e0789920aa568a9f5a",
        "factures": "98940d98f5ee47323de515569ad9896db9cac17886f4d64ca9e06f0fbe509e3d",
        "lignes_commande": "e8faee326f2de76fbe05a8b933bc8e52d2a10a9008f94c69b1d426c2c05d5a7c",
        "objectifs": "8c13d7701c0fca1bfb79b3bd88ec726bbc3875a6a4ec93678ba2d40cb5313a6d",
        "produits": "73720fb641d73b4782636fe654d341b16dfb1a48e72ff2ca1ae5996ee8448c52",
        "prospects": "faae06ec1d490859560bd1ee32a4a18182aaedb44cdd038648f5ba355d04c91a",
        "prospects_defauts": "e7ea51979d107675bd637aba5aca4b798a6486b80750e0b7130c1dba166ef65b",
        "reglements": "ae858b4307acf2087bc4e2cc52bcd0aa7ca4958f8a3cb1930a98b64a85890270",
        "secteurs": "a19a7cfee44683ed04117b3a3231236d2d93226eb9607f04e321bbfbe58c6ade",
        "visites": "1bd11299c248a820103f2e7e10467d43d2eb54357438abb4593339da33d8ad78",
    },
}


@pytest.fixture(scope="module")
def base_2000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The class's reference base (``make db``: 2 000 clients, seed 2026), read-only."""
    chemin = tmp_path_factory.mktemp("base_2000") / "clients.db"
    construire_base(chemin, clients=2000, graine=2026)
    return chemin


@pytest.fixture(scope="module", params=["base_demo", "base_2000"])
def con(request):
    chemin = request.getfixturevalue(request.param)
    c = sqlite3.connect(f"file:{chemin.as_posix()}?mode=ro", uri=True)
    yield c
    c.close()


def un(con: sqlite3.Connection, sql: str, *params):
    return con.execute(sql, params).fetchone()[0]


def lignes(con: sqlite3.Connection, sql: str, *params) -> list[tuple]:
    return con.execute(sql, params).fetchall()


# ------------------------------------------------------------------ the other tables unchanged
@pytest.mark.parametrize("taille", [300, 2000])
def test_every_table_that_existed_keeps_exactly_its_rows(taille, base_demo, base_2000):
    chemin = base_demo if taille == 300 else base_2000
    colonnes = {t: tuple(c.split()) for t, c in COLONNES_D_ORIGINE.items()}
    assert empreintes_par_table(chemin, colonnes) == EMPREINTES_AVANT[taille]


# ------------------------------------------------------------------ keys, sizes, pinned figures
def test_the_2000_client_base_has_exactly_these_rows(base_2000):
    c = sqlite3.connect(base_2000)
    tailles = {t: un(c, f"SELECT COUNT(*) FROM {t}") for t in TABLES_RESEAUX}
    c.close()
    assert tailles == {
        "magasins": 249,
        "releves_magasin": 8626,
        "sell_out": 11229,
        "operations_promo": 352,
        "partenaires": 44,
        "ventes_partenaires": 1196,
        "actions_animation": 452,
        "vdi": 250,
        "reunions": 7090,
    }


def test_pinned_aggregates_of_the_2000_client_base(base_2000):
    c = sqlite3.connect(base_2000)
    assert un(c, "SELECT COUNT(*) FROM magasins WHERE panel = 1") == 36
    assert lignes(
        c,
        "SELECT ROUND(SUM(ca_ttc), 2), SUM(quantite) FROM sell_out "
        "WHERE semaine BETWEEN '2025-01-01' AND '2025-12-31'",
    ) == [(3828007.71, 161639)]
    assert un(c, "SELECT COUNT(*) FROM vdi WHERE date_sortie IS NULL") == 175
    assert lignes(c, "SELECT type, COUNT(*) FROM partenaires GROUP BY 1 ORDER BY 1") == [
        ("VDI", 7),
        ("agent", 11),
        ("distributeur", 13),
        ("franchisé", 13),
    ]
    assert lignes(c, "SELECT statut, COUNT(*) FROM vdi GROUP BY 1 ORDER BY 1") == [
        ("acheteur-revendeur", 67),
        ("mandataire", 183),
    ]
    c.close()


def test_every_key_points_to_an_existing_row(con):
    assert lignes(con, "PRAGMA foreign_key_check") == []
    for table, colonne, cible, cle in (
        ("releves_magasin", "id_client", "magasins", "id_client"),
        ("releves_magasin", "id_produit", "produits", "id_produit"),
        ("sell_out", "id_client", "magasins", "id_client"),
        ("operations_promo", "id_client", "magasins", "id_client"),
        ("partenaires", "id_secteur", "secteurs", "id_secteur"),
        ("ventes_partenaires", "id_partenaire", "partenaires", "id_partenaire"),
        ("actions_animation", "id_partenaire", "partenaires", "id_partenaire"),
        ("vdi", "id_parrain", "vdi", "id_vdi"),
        ("vdi", "code_insee", "communes", "code_insee"),
        ("reunions", "id_vdi", "vdi", "id_vdi"),
    ):
        orphelins = un(
            con,
            f"SELECT COUNT(*) FROM {table} t WHERE t.{colonne} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {cible} x WHERE x.{cle} = t.{colonne})",
        )
        assert orphelins == 0, (table, colonne)


def test_only_the_gms_clients_have_a_store_and_each_of_them_has_one(con):
    assert lignes(
        con,
        "SELECT DISTINCT c.type_client FROM magasins m JOIN clients c USING (id_client)",
    ) == [("GMS",)]
    assert un(con, "SELECT COUNT(*) FROM magasins") == un(
        con, "SELECT COUNT(*) FROM clients WHERE type_client = 'GMS'"
    )


def test_surveys_sell_out_and_promotions_come_from_a_bounded_panel(con):
    panel = {r[0] for r in lignes(con, "SELECT id_client FROM magasins WHERE panel = 1")}
    assert 1 <= len(panel) <= 36
    for table in ("releves_magasin", "sell_out", "operations_promo"):
        assert {r[0] for r in lignes(con, f"SELECT DISTINCT id_client FROM {table}")} == panel
    # panel stores were opened before 2024 and still order at the end of 2025
    assert (
        un(
            con,
            "SELECT MAX(c.date_creation) FROM magasins m JOIN clients c USING (id_client) "
            "WHERE m.panel = 1",
        )
        < "2024-01-01"
    )
    assert un(con, "SELECT COUNT(*) FROM magasins WHERE panel = 1 AND format = 'proximité'") == 0


# ------------------------------------------------------------------ CHECK constraints
@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO magasins VALUES (999999, 'X', 'discount', 100, 2, 0)",
        "INSERT INTO magasins VALUES (999999, 'X', 'proximité', 100, 2, 2)",
        "UPDATE reunions SET presentes = invitees + 1 WHERE id_reunion = 1",
        "UPDATE vdi SET statut = 'salarié' WHERE id_vdi = 1",
        "UPDATE vdi SET date_sortie = '2000-01-01' WHERE id_vdi = 1",
        "UPDATE partenaires SET type = 'grossiste' WHERE id_partenaire = 1",
        "UPDATE partenaires SET date_sortie = '2000-01-01' WHERE id_partenaire = 1",
        "UPDATE operations_promo SET mecanique = 'jeu concours' WHERE id_operation = 1",
        "UPDATE operations_promo SET fin = debut WHERE id_operation = 1",
        "UPDATE actions_animation SET type = 'séminaire' WHERE id_action = 1",
        "UPDATE sell_out SET gamme = 'Souvenirs sous licence' WHERE rowid = 1",
        "UPDATE releves_magasin SET rupture = 2 WHERE id_releve = 1",
        "UPDATE releves_magasin SET facings = -1 WHERE id_releve = 1",
        "INSERT INTO ventes_partenaires SELECT id_partenaire, mois, 1, 1 FROM ventes_partenaires "
        "LIMIT 1",
        "INSERT INTO sell_out SELECT id_client, semaine, gamme, 1, 1 FROM sell_out LIMIT 1",
    ],
)
def test_a_wrong_value_is_refused_by_the_schema(sql, base_demo, tmp_path):
    chemin = tmp_path / "copie.db"
    shutil.copy(base_demo, chemin)
    c = sqlite3.connect(chemin)
    with pytest.raises(sqlite3.IntegrityError):
        c.execute(sql)
    c.close()


# ------------------------------------------------------------------ invariants
def test_guests_present_never_exceed_guests_invited_and_the_gift_is_10_pct_of_sales_ht(con):
    assert un(con, "SELECT COUNT(*) FROM reunions WHERE presentes > invitees") == 0
    assert lignes(con, "SELECT MIN(invitees), MAX(invitees) FROM reunions") == [(6, 15)]
    # cadeau = CA TTC / 1.2 × 10 %, to the cent (half away from zero)
    for ttc, cadeau in lignes(con, "SELECT ca_ttc, cadeau_hotesse_ttc FROM reunions"):
        centimes = round(ttc * 100)
        assert round(cadeau * 100) == (centimes * 2 + 12) // 24


def test_the_sponsor_tree_is_acyclic_with_at_most_three_levels_and_sponsors_came_first(con):
    parrain = dict(lignes(con, "SELECT id_vdi, id_parrain FROM vdi"))
    for ident in parrain:
        niveau, p = 1, parrain[ident]
        while p is not None:
            assert p < ident  # ids follow the entry dates: a sponsor is always older
            niveau, p = niveau + 1, parrain[p]
        assert niveau <= 3
    assert un(con, "SELECT COUNT(*) FROM vdi WHERE id_parrain IS NULL") >= 3
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM vdi f JOIN vdi p ON p.id_vdi = f.id_parrain "
            "WHERE p.date_entree >= f.date_entree "
            "OR (p.date_sortie IS NOT NULL AND p.date_sortie < f.date_entree)",
        )
        == 0
    )
    niveaux = lignes(
        con,
        """WITH RECURSIVE a(id, n) AS (SELECT id_vdi, 1 FROM vdi WHERE id_parrain IS NULL
           UNION ALL SELECT v.id_vdi, a.n + 1 FROM vdi v JOIN a ON v.id_parrain = a.id)
           SELECT n, COUNT(*) FROM a GROUP BY n ORDER BY n""",
    )
    assert [n for n, _ in niveaux] == [1, 2, 3]


def test_exits_follow_entries_and_the_network_loses_people(con):
    for table in ("vdi", "partenaires"):
        assert un(con, f"SELECT COUNT(*) FROM {table} WHERE date_sortie < date_entree") == 0
        assert un(con, f"SELECT MAX(date_sortie) FROM {table}") <= "2025-12-31"
    sortis = un(con, "SELECT AVG(date_sortie IS NOT NULL) FROM vdi")
    assert 0.15 < sortis < 0.5
    assert {r[0] for r in lignes(con, "SELECT DISTINCT statut FROM vdi")} == {
        "mandataire",
        "acheteur-revendeur",
    }
    # a party happens while its VDI is in the network, from 2023 on
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM reunions r JOIN vdi v USING (id_vdi) "
            "WHERE r.date_reunion < v.date_entree OR r.date_reunion > COALESCE(v.date_sortie, "
            "'2025-12-31') OR r.date_reunion < '2023-01-01'",
        )
        == 0
    )


def test_partner_contracts_follow_their_type(con):
    def valeurs(type_partenaire, colonne):
        return [
            r[0]
            for r in lignes(
                con, f"SELECT {colonne} FROM partenaires WHERE type = ?", type_partenaire
            )
        ]

    assert all(8 <= x <= 12 for x in valeurs("agent", "taux_commission_pct"))
    assert all(4 <= x <= 6 for x in valeurs("franchisé", "redevance_pct"))
    assert all(1 <= x <= 2 for x in valeurs("franchisé", "redevance_pub_pct"))
    assert all(x is None or 15_000 <= x <= 35_000 for x in valeurs("franchisé", "droit_entree_ht"))
    for autre in ("distributeur", "agent", "VDI"):
        assert set(valeurs(autre, "redevance_pct")) == {None}
        assert set(valeurs(autre, "droit_entree_ht")) == {None}
    assert set(valeurs("distributeur", "taux_commission_pct")) == {None}
    assert set(valeurs("agent", "contrat")) == {"mandat d'agent commercial"}
    assert all(x.startswith("contrat de franchise") for x in valeurs("franchisé", "contrat"))


def test_monthly_partner_sales_cover_their_time_in_the_network_some_under_objective(con):
    assert lignes(con, "SELECT MIN(mois), MAX(mois) FROM ventes_partenaires") == [
        ("2023-01", "2025-12")
    ]
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM ventes_partenaires v JOIN partenaires p USING (id_partenaire) "
            "WHERE v.mois < substr(p.date_entree, 1, 7) OR v.mois > substr(COALESCE("
            "p.date_sortie, '2025-12-31'), 1, 7)",
        )
        == 0
    )
    sous_objectif = un(con, "SELECT AVG(ca_ht < objectif_ht) FROM ventes_partenaires")
    assert 0.3 < sous_objectif < 0.7
    assert un(con, "SELECT COUNT(DISTINCT type) FROM actions_animation") == 5


def test_sell_out_is_weekly_on_mondays_over_two_years_and_seasonal(con):
    semaines = [r[0] for r in lignes(con, "SELECT DISTINCT semaine FROM sell_out ORDER BY 1")]
    assert semaines[0] == "2024-01-01" and semaines[-1] == "2025-12-22" and len(semaines) == 104
    assert all(date.fromisoformat(s).weekday() == 0 for s in semaines)

    def par_mois(gamme):
        return dict(
            lignes(
                con,
                "SELECT CAST(substr(semaine, 6, 2) AS INTEGER), SUM(quantite) FROM sell_out "
                "WHERE gamme = ? GROUP BY 1",
                gamme,
            )
        )

    linge, serviettes, peignoirs = (
        par_mois("Linge de maison"),
        par_mois("Serviettes éponge"),
        par_mois("Peignoirs"),
    )
    assert max(linge, key=linge.get) == 1  # le mois du blanc
    assert max(peignoirs, key=peignoirs.get) == 12  # Noël
    assert serviettes[7] > 1.5 * serviettes[10]  # serviettes de plage


def test_promotion_sales_are_those_of_the_sell_out_weeks(con):
    ecarts = lignes(
        con,
        """SELECT o.id_operation, o.ventes_reelles, SUM(s.quantite) FROM operations_promo o
           JOIN sell_out s ON s.id_client = o.id_client AND s.gamme = o.gamme
                          AND s.semaine BETWEEN o.debut AND o.fin
           GROUP BY o.id_operation HAVING o.ventes_reelles <> SUM(s.quantite)""",
    )
    assert ecarts == []
    assert un(con, "SELECT COUNT(*) FROM operations_promo WHERE ventes_reelles > ventes_base") > (
        un(con, "SELECT COUNT(*) FROM operations_promo") / 2
    )
    assert un(con, "SELECT COUNT(*) FROM operations_promo WHERE cannibalisation > 0") > 0
    # never two promotions at once in a store
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM operations_promo a JOIN operations_promo b "
            "ON a.id_client = b.id_client AND a.id_operation < b.id_operation "
            "AND a.debut <= b.fin AND b.debut <= a.fin",
        )
        == 0
    )


def test_survey_sales_of_the_firm_add_up_to_the_13_weeks_of_sell_out(con):
    trou = lignes(
        con,
        "SELECT id_client FROM sell_out GROUP BY id_client HAVING COUNT(DISTINCT semaine) < 104",
    )
    ecarts = lignes(
        con,
        """SELECT r.id_client, r.date_releve, r.gamme, SUM(r.ventes_13_semaines),
                  (SELECT SUM(s.quantite) FROM sell_out s
                   WHERE s.id_client = r.id_client AND s.gamme = r.gamme
                     AND s.semaine < date(r.date_releve, '-6 days')
                     AND s.semaine >= date(r.date_releve, '-6 days', '-91 days')) AS attendu
           FROM releves_magasin r WHERE r.id_produit IS NOT NULL
           GROUP BY r.id_client, r.date_releve, r.gamme
           HAVING SUM(r.ventes_13_semaines) <> attendu""",
    )
    assert {e[0] for e in ecarts} <= {t[0] for t in trou}  # only around the missing week
    assert len(ecarts) <= 3
    # the firm's lines carry the product's range and name; competitors have no product
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM releves_magasin r JOIN produits p USING (id_produit) "
            "WHERE r.gamme <> p.gamme OR r.designation <> p.designation "
            "OR r.marque <> 'Atelier Textile'",
        )
        == 0
    )
    assert (
        un(con, "SELECT COUNT(*) FROM releves_magasin WHERE id_produit IS NULL AND marque <> ''")
        > 0
    )
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM releves_magasin WHERE id_produit IS NULL "
            "AND (marque = 'Atelier Textile' OR prix_concurrent_ttc IS NOT NULL)",
        )
        == 0
    )
    # arrêtés products leave the shelves once stopped
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM releves_magasin r JOIN produits p USING (id_produit) "
            "WHERE p.actif = 0 AND r.date_releve >= '2024-07-01'",
        )
        == 0
    )


# ------------------------------------------------------------------ defects on purpose
def test_each_defect_left_on_purpose_is_there_once(con):
    assert un(con, "SELECT COUNT(*) FROM releves_magasin WHERE facings = 0 AND lineaire_m > 0") == 1
    assert un(con, "SELECT COUNT(*) FROM releves_magasin WHERE facings = 0") == 1
    assert un(con, "SELECT COUNT(*) FROM operations_promo WHERE remise_pct < 1") == 1
    assert un(con, "SELECT COUNT(*) FROM reunions WHERE presentes = 0 AND ca_ttc > 0") == 1
    assert un(con, "SELECT COUNT(*) FROM reunions WHERE presentes = 0") == 1
    assert (
        un(
            con,
            "SELECT COUNT(*) FROM partenaires WHERE type = 'franchisé' AND droit_entree_ht IS NULL",
        )
        == 1
    )
    # one panel store did not send one week: its three ranges are missing that week
    manquantes = lignes(
        con, "SELECT id_client, COUNT(*) FROM sell_out GROUP BY id_client HAVING COUNT(*) <> 312"
    )
    assert [n for _, n in manquantes] == [309]
    # one active partner, in the network since before 2023, has no sales for three months
    trous = lignes(
        con,
        """SELECT p.id_partenaire, COUNT(v.mois) FROM partenaires p
           JOIN ventes_partenaires v USING (id_partenaire)
           WHERE p.date_sortie IS NULL AND p.date_entree < '2023-01-01'
           GROUP BY p.id_partenaire HAVING COUNT(v.mois) <> 36""",
    )
    assert [n for _, n in trous] == [33]


def test_the_defects_are_documented_in_the_data_dictionary():
    texte = (Path(__file__).resolve().parents[1] / "docs" / "dictionnaire.md").read_text(
        encoding="utf-8"
    )
    for mention in (
        "0 facing mais un linéaire positif",
        "semaine manquante",
        "remise saisie en fraction",
        "franchisé sans droit d'entrée",
        "des mois sans ligne",
        "0 présente",
    ):
        assert mention in texte


# ------------------------------------------------------------------ the SQL engine reads them
def test_students_read_the_new_tables_with_the_safe_sql_engine(base_demo):
    from widgets.sql import executer_requete, schema

    res = executer_requete(
        "SELECT v.statut, COUNT(*) AS nb FROM vdi v JOIN reunions r USING (id_vdi) "
        "GROUP BY v.statut ORDER BY v.statut",
        base_demo,
    )
    c = sqlite3.connect(base_demo)
    attendu = lignes(
        c,
        "SELECT v.statut, COUNT(*) FROM vdi v JOIN reunions r USING (id_vdi) "
        "GROUP BY v.statut ORDER BY v.statut",
    )
    c.close()
    assert [tuple(x) for x in res.dataframe.itertuples(index=False)] == attendu
    tables = {t.nom: t for t in schema(base_demo)}
    assert set(TABLES_RESEAUX) <= set(tables)
    facings = next(col for col in tables["releves_magasin"].colonnes if col.nom == "facings")
    assert facings.signification.startswith("Nombre de faces")
    assert tables["vdi"].cles_etrangeres  # the sponsor and the commune


def test_the_schema_browser_of_the_requeteur_lists_the_new_tables(base_demo):
    from widgets.ui.schema_sql import NavigateurSchema

    navigateur = NavigateurSchema(base_demo)
    titres = [navigateur._accordeon.get_title(i) for i in range(len(navigateur.tables))]
    assert any(t.startswith("reunions (") for t in titres)
    assert any(t.startswith("sell_out (") for t in titres)
    assert "<code>vdi.id_parrain</code>" in navigateur._relations.value


class _Compteur:
    """A writer that only counts the rows (and keeps the stores)."""

    def __init__(self) -> None:
        self.lignes: dict[str, int] = {}
        self.magasins: list[tuple] = []

    def inserer(self, table: str, lignes: list[tuple]) -> int:
        self.lignes[table] = self.lignes.get(table, 0) + len(lignes)
        if table == "magasins":
            self.magasins += lignes
        return len(lignes)

    def inserer_colonnes(self, table: str, colonnes: list) -> None:
        pass

    def executer(self, instruction: str) -> None:
        pass

    def terminer(self) -> None:
        pass


def test_the_network_tables_stay_bounded_however_many_clients():
    from widgets.donnees.generation.generateur import Generateur
    from widgets.donnees.generation.reseaux import generer_reseaux

    ecriture = _Compteur()
    gen = Generateur(ecriture, 2000, 2026)
    gen._communes_secteurs()
    gen._produits()
    gen._commerciaux()
    gen._clients()
    gen.n = 1_000_000  # the sizes that depend on the base size take their largest value
    generer_reseaux(gen)
    n = ecriture.lignes
    assert sum(m[5] for m in ecriture.magasins) == 36
    assert n["partenaires"] == 80 and n["vdi"] == 400
    assert n["sell_out"] <= 36 * 104 * 3
    assert n["releves_magasin"] <= 36 * 8 * 40
    assert n["ventes_partenaires"] <= 80 * 36
    assert n["reunions"] < 400 * 36 * 4


def test_the_competitor_price_of_a_reference_is_the_closest_facing_one(con):
    releves = lignes(
        con,
        """SELECT r.id_releve, r.prix_ttc, r.prix_concurrent_ttc,
                  (SELECT GROUP_CONCAT(c.prix_ttc) FROM releves_magasin c
                   WHERE c.id_client = r.id_client AND c.date_releve = r.date_releve
                     AND c.id_produit IS NULL
                     AND c.designation LIKE r.designation || ' (%') AS en_face
           FROM releves_magasin r WHERE r.id_produit IS NOT NULL""",
    )
    avec_concurrent = [r for r in releves if r[3] is not None]
    assert len(avec_concurrent) > len(releves) / 5
    for _id, prix, concurrent, en_face in releves:
        if en_face is None:
            assert concurrent is None
            continue
        prix_en_face = [float(x) for x in en_face.split(",")]
        assert concurrent == min(prix_en_face, key=lambda x: abs(x - prix))
    # store brands sell cheaper than the firm, premier prix cheaper still
    assert (
        un(
            con,
            "SELECT AVG(c.prix_ttc < r.prix_ttc) FROM releves_magasin c JOIN magasins m "
            "ON m.id_client = c.id_client AND m.enseigne = c.marque JOIN releves_magasin r "
            "ON r.id_client = c.id_client AND r.date_releve = c.date_releve "
            "AND c.designation = r.designation || ' (MDD)'",
        )
        == 1
    )
