"""The bloc 2 tables (issue 23): web shop, marketplace, contact centre, surveys, reviews and
``commandes.canal`` — keys, constraints, invariants, defects on purpose, sizes and a few exact
figures of the 2 000-client reference base (seed 2026, what ``make db`` builds); and the tables
that existed before keep their rows byte for byte."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from outils.empreintes_tables import empreinte_table

from widgets.donnees.generation import construire_base
from widgets.donnees.generation.distance import Calendrier, black_friday, echelle, fete_des_meres
from widgets.donnees.vocabulaire import CANAUX_COMMANDE, SOURCES_WEB

BLOC_2 = (
    "particuliers",
    "commandes_web",
    "sessions_web",
    "retours",
    "interactions",
    "reclamations",
    "enquetes",
    "avis",
)
COLONNES_COMMANDES_AVANT = (
    "id_commande",
    "id_client",
    "id_commercial",
    "date_commande",
    "statut",
    "remise_pct",
)

# Per-table fingerprints (first 16 hex digits of tests/outils/empreintes_tables) computed on
# main (134e466) before the bloc 2 tables existed: the 300-client base of the tests and the
# 3 000-client base drawn by the large builds' path. ``commandes`` without its new column.
AVANT_300 = {
    "communes": "35f2a7ff9423d1a6",
    "secteurs": "a19a7cfee44683ed",
    "commerciaux": "e634b91de734fd48",
    "clients": "d3025211c031cc18",
    "prospects": "57497fc303549544",
    "prospects_defauts": "08e506f75711512c",
    "produits": "73720fb641d73b47",
    "commandes": "4ae636431e4444fe",
    "lignes_commande": "ba253a43fd8b69f0",
    "factures": "91f8bb5db465e740",
    "reglements": "edbbe1f33d643cf4",
    "visites": "2f108e29baa515ee",
    "objectifs": "63b93f5761f9e64c",
}
AVANT_3000_VECTORISEE = {
    "communes": "35f2a7ff9423d1a6",
    "secteurs": "a19a7cfee44683ed",
    "commerciaux": "91cfd27105f2e525",
    "clients": "c64ab318c4120dfe",
    "prospects": "c3c508bcb54609f2",
    "prospects_defauts": "0b36538c5468be8e",
    "produits": "73720fb641d73b47",
    "commandes": "afee76820115e9b4",
    "lignes_commande": "8c8700ec3ab2d01c",
    "factures": "05bee720e1848e8b",
    "reglements": "799dff266da7d653",
    "visites": "d754c7ac5c0c31d0",
    "objectifs": "18a8a96bb88cde97",
}


def empreintes_avant(chemin: Path) -> dict[str, str]:
    return {
        t: empreinte_table(chemin, t, COLONNES_COMMANDES_AVANT if t == "commandes" else None)[:16]
        for t in AVANT_300
    }


@pytest.fixture(scope="module")
def base_2000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference base of the class: 2 000 clients, seed 2026 (as ``make db``)."""
    chemin = tmp_path_factory.mktemp("base_2000") / "clients.db"
    construire_base(chemin, clients=2000, graine=2026)
    return chemin


def requete(chemin: Path, sql: str, *parametres) -> list[tuple]:
    con = sqlite3.connect(f"file:{chemin}?mode=ro", uri=True)
    try:
        return con.execute(sql, parametres).fetchall()
    finally:
        con.close()


def valeur(chemin: Path, sql: str, *parametres):
    return requete(chemin, sql, *parametres)[0][0]


# ---------------------------------------------------------------- the other tables unchanged
def test_the_tables_of_the_300_client_base_keep_their_rows(base_demo):
    assert empreintes_avant(base_demo) == AVANT_300


def test_the_tables_of_a_vectorised_build_keep_their_rows(base_vectorisee_3000):
    assert empreintes_avant(base_vectorisee_3000) == AVANT_3000_VECTORISEE


# ---------------------------------------------------------------- commandes.canal
def test_every_b2b_order_has_a_channel_and_the_rep_takes_most_of_them(base_2000):
    par_canal = dict(requete(base_2000, "SELECT canal, COUNT(*) FROM commandes GROUP BY canal"))
    assert par_canal == {
        "représentant": 21537,
        "téléphone": 3827,
        "site": 1541,
        "marketplace": 746,
    }
    assert set(par_canal) == set(CANAUX_COMMANDE)


def test_no_order_goes_through_a_channel_before_it_opened(base_2000, base_vectorisee_3000):
    for base in (base_2000, base_vectorisee_3000):
        assert (
            valeur(
                base,
                "SELECT COUNT(*) FROM commandes WHERE (canal = 'site' AND date_commande < "
                "'2023-09-01') OR (canal = 'marketplace' AND date_commande < '2024-04-01')",
            )
            == 0
        )
        # GMS buy from the rep or by phone only
        assert (
            valeur(
                base,
                "SELECT COUNT(*) FROM commandes JOIN clients USING (id_client) "
                "WHERE type_client = 'GMS' AND canal NOT IN ('représentant', 'téléphone')",
            )
            == 0
        )
        assert valeur(base, "SELECT COUNT(*) FROM commandes WHERE canal = 'marketplace'") > 0


def test_the_channel_is_drawn_again_identically_for_the_same_seed(base_demo, tmp_path):
    autre = tmp_path / "autre.db"
    construire_base(autre, clients=300, graine=2026, processus_ecriture=True)
    for table in ("commandes", *BLOC_2):
        assert empreinte_table(autre, table) == empreinte_table(base_demo, table), table


# ---------------------------------------------------------------- sizes and exact figures
def test_sizes_of_the_2000_client_reference_base(base_2000):
    tailles = {t: valeur(base_2000, f"SELECT COUNT(*) FROM {t}") for t in BLOC_2}
    assert tailles == {
        "particuliers": 8257,
        "commandes_web": 10860,
        "sessions_web": 6576,  # 1 096 days × 6 sources
        "retours": 1091,
        "interactions": 11697,
        "reclamations": 899,
        "enquetes": 13171,
        "avis": 1236,
    }


def test_volumes_are_bounded_so_the_100000_client_build_stays_fast():
    assert echelle(2000) == 1.0
    assert echelle(300) == pytest.approx(0.3873, abs=1e-4)
    assert echelle(18_000) == 3.0 and echelle(100_000) == 3.0  # ≈ 3 × the 2 000 base at most


def test_web_traffic_of_2025_pinned(base_2000):
    assert requete(
        base_2000,
        "SELECT SUM(visites), SUM(visiteurs), SUM(paniers), SUM(commandes), "
        "ROUND(SUM(chiffre_affaires_ttc), 2), ROUND(SUM(depenses_ht), 2) "
        "FROM sessions_web WHERE jour LIKE '2025-%'",
    ) == [(180508, 153760, 14253, 3608, 215095.9, 24643.05)]


def test_returns_by_motive_pinned_and_about_one_order_in_ten(base_2000):
    assert dict(requete(base_2000, "SELECT motif, COUNT(*) FROM retours GROUP BY motif")) == {
        "taille ou couleur": 427,
        "changement d'avis": 253,
        "non conforme à la photo": 177,
        "défaut": 129,
        "colis endommagé": 105,
    }
    taux = dict(
        requete(base_2000, "SELECT canal, AVG(retournee) * 100 FROM commandes_web GROUP BY canal")
    )
    assert 8 <= taux["site"] <= 12 and 12 <= taux["marketplace"] <= 16  # 9,0 % and 13,8 %
    # one return row per returned order, none for the others
    assert valeur(base_2000, "SELECT SUM(retournee) FROM commandes_web") == 1091
    assert (
        valeur(
            base_2000,
            "SELECT COUNT(*) FROM retours r JOIN commandes_web c USING (id_commande_web) "
            "WHERE c.retournee = 0 OR r.date_retour <> date(c.date_commande, "
            "'+' || r.delai_jours || ' days')",
        )
        == 0
    )


def test_survey_figures_nps_csat_and_response_rate(base_2000):
    envoyees, repondues, promoteurs, detracteurs, satisfaits = requete(
        base_2000,
        "SELECT COUNT(*), COUNT(date_reponse), SUM(note_recommandation >= 9), "
        "SUM(note_recommandation <= 6), SUM(note_satisfaction >= 4) FROM enquetes",
    )[0]
    assert (envoyees, repondues) == (13171, 3886)  # 29,5 % of answers
    nps = 100 * (promoteurs - detracteurs) / repondues
    assert nps == pytest.approx(26.09, abs=0.01)
    # the trap: CSAT on the respondents (70,6 %) vs on every survey sent (20,8 %)
    assert 100 * satisfaits / repondues == pytest.approx(70.59, abs=0.01)
    assert 100 * satisfaits / envoyees == pytest.approx(20.83, abs=0.01)


# ---------------------------------------------------------------- keys and constraints
def test_every_key_of_the_bloc_2_tables_is_valid(base_2000):
    for table in BLOC_2:
        assert requete(base_2000, f"PRAGMA foreign_key_check({table})") == [], table
    assert valeur(base_2000, "SELECT COUNT(*) FROM retours") == valeur(
        base_2000, "SELECT COUNT(DISTINCT id_commande_web) FROM retours"
    )


def test_values_are_those_of_the_vocabulary(base_2000):
    assert {s for (s,) in requete(base_2000, "SELECT DISTINCT source FROM sessions_web")} == set(
        SOURCES_WEB
    )
    assert requete(
        base_2000,
        "SELECT DISTINCT source_acquisition FROM particuliers "
        "WHERE source_acquisition IS NOT NULL ORDER BY 1",
    ) == [(s,) for s in sorted(SOURCES_WEB)]


@pytest.mark.parametrize(
    ("table", "ligne"),
    [
        # commandes > paniers
        ("sessions_web", ("2025-01-01", "e-mailing", 10, 8, 2, 3, 0.0, 0.0)),
        # visiteurs > visites
        ("sessions_web", ("2025-01-01", "e-mailing", 10, 11, 2, 1, 0.0, 0.0)),
        # an unknown source
        ("sessions_web", ("2025-01-01", "télévision", 10, 8, 2, 1, 0.0, 0.0)),
        # an abandoned call with a duration
        (
            "interactions",
            (
                1,
                1,
                None,
                "téléphone",
                "entrant",
                "2025-01-02 10:00:00",
                30,
                0,
                120,
                "facturation",
                None,
            ),
        ),  # fmt: skip
        # an answered call without its first-contact resolution
        (
            "interactions",
            (
                1,
                1,
                None,
                "téléphone",
                "entrant",
                "2025-01-02 10:00:00",
                30,
                1,
                120,
                "facturation",
                None,
            ),
        ),  # fmt: skip
        # both a client and a particulier
        (
            "interactions",
            (1, 1, 1, "chat", "entrant", "2025-01-02 10:00:00", 30, 1, 120, "facturation", 1),
        ),
        # a survey with notes but no answer date
        ("enquetes", (1, None, 1, "2025-01-02", None, 9, 5, None)),
        # a verbatim without an answer
        ("enquetes", (1, None, 1, "2025-01-02", None, None, None, "Très bien")),
        # an NPS note of 11
        ("enquetes", (1, None, 1, "2025-01-02", "2025-01-03", 11, 5, None)),
        # a closed complaint without a closing date
        ("reclamations", (1, None, None, 1, "2025-01-02", None, "facturation", "close", 0.0)),
        # a response date without a response
        ("avis", (1, "Google", None, "2025-01-02", 5, None, None, "2025-01-03")),
        # an order channel outside the list
        ("commandes", (1, 1, 1, "2025-01-02", "livrée", 0.0, "salon")),
    ],
)
def test_the_schema_refuses_rows_that_break_an_invariant(table, ligne):
    from widgets.donnees.generation.schema import TABLES

    con = sqlite3.connect(":memory:")
    for t in TABLES:
        con.execute(t.ddl())
    with pytest.raises(sqlite3.IntegrityError):
        con.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(ligne))})", ligne)
    con.close()


# ---------------------------------------------------------------- invariants
def test_funnel_invariants_hold_every_day(base_2000):
    assert (
        valeur(
            base_2000,
            "SELECT COUNT(*) FROM sessions_web "
            "WHERE NOT (commandes <= paniers AND paniers <= visites AND visiteurs <= visites)",
        )
        == 0
    )


def test_site_orders_are_those_counted_by_the_audience_tool_except_the_outage_day(base_2000):
    ecarts = requete(
        base_2000,
        "SELECT s.jour, s.source, s.commandes, COUNT(c.id_commande_web), s.chiffre_affaires_ttc, "
        "ROUND(COALESCE(SUM(c.montant_ttc + c.frais_de_port_ttc), 0), 2) "
        "FROM sessions_web s LEFT JOIN commandes_web c ON c.canal = 'site' "
        "AND c.date_commande = s.jour AND c.source = s.source GROUP BY s.jour, s.source "
        "HAVING s.commandes <> COUNT(c.id_commande_web) "
        "OR ABS(s.chiffre_affaires_ttc - COALESCE(SUM(c.montant_ttc + c.frais_de_port_ttc), 0)) "
        "> 0.005",
    )
    assert {e[0] for e in ecarts} == {"2024-09-17"}  # the tag was down that day
    assert all(e[2] == 0 and e[4] == 0 for e in ecarts)
    assert sum(e[3] for e in ecarts) > 0


def test_amounts_of_web_orders(base_2000):
    # TTC = HT × 1.2 to the cent; commission 15 % of HT on the marketplace only; free shipping
    # from 60 € on the site and always on the marketplace
    assert (
        valeur(
            base_2000,
            "SELECT COUNT(*) FROM commandes_web "
            "WHERE ABS(montant_ht * 1.2 - montant_ttc) > 0.006 "
            "OR (canal = 'site' AND commission_ht <> 0) "
            "OR (canal = 'marketplace' "
            "    AND ABS(commission_ht - ROUND(montant_ht * 0.15, 2)) > 0.006) "
            "OR (canal = 'marketplace' AND (frais_de_port_ttc <> 0 OR source IS NOT NULL)) "
            "OR (canal = 'site' AND (source IS NULL OR frais_de_port_ttc <> "
            "CASE WHEN montant_ttc >= 60 THEN 0 ELSE 5.9 END))",
        )
        == 0
    )
    assert (
        valeur(
            base_2000, "SELECT MIN(date_commande) FROM commandes_web WHERE canal = 'marketplace'"
        )
        == "2024-04-01"
    )


def test_conversion_by_source_is_realistic(base_2000):
    taux = dict(
        requete(
            base_2000,
            "SELECT source, 100.0 * SUM(commandes) / SUM(visites) FROM sessions_web GROUP BY 1",
        )
    )
    assert taux["réseaux sociaux"] < 1 < taux["recherche naturelle"] < taux["accès direct"]
    assert taux["e-mailing"] == max(taux.values())
    gratuites = requete(
        base_2000,
        "SELECT SUM(depenses_ht) FROM sessions_web "
        "WHERE source IN ('recherche naturelle', 'accès direct')",
    )
    assert gratuites == [(0.0,)]


def test_seasonality_of_the_web_shop(base_2000):
    par_mois = dict(
        requete(
            base_2000,
            "SELECT substr(jour, 6, 2), SUM(visites) FROM sessions_web "
            "WHERE jour LIKE '2024-%' GROUP BY 1",
        )
    )
    assert max(par_mois, key=par_mois.get) == "12"
    assert par_mois["01"] > par_mois["02"] and par_mois["07"] > par_mois["08"]  # sales
    for annee in (2023, 2024, 2025):
        jour_max = requete(
            base_2000,
            "SELECT jour FROM sessions_web WHERE jour LIKE ? GROUP BY jour "
            "ORDER BY SUM(visites) DESC LIMIT 1",
            f"{annee}-11-%",
        )[0][0]
        assert jour_max in {str(black_friday(annee)), str(black_friday(annee) + timedelta(days=3))}
    assert str(black_friday(2024)) == "2024-11-29" and str(fete_des_meres(2025)) == "2025-05-25"
    assert Calendrier().evenement(date(2025, 1, 8)) == "ouverture des soldes"  # 2nd Wednesday


def test_contact_centre_opening_hours_and_peaks(base_2000):
    assert (
        valeur(
            base_2000,
            "SELECT COUNT(*) FROM interactions WHERE strftime('%w', horodatage) = '0' "
            "OR time(horodatage) < '09:00:00' OR time(horodatage) >= '18:00:00' "
            "OR (strftime('%w', horodatage) = '6' AND time(horodatage) >= '12:00:00') "
            "OR horodatage < '2025-01-02'",
        )
        == 0
    )
    par_demi_heure = dict(
        requete(
            base_2000,
            "SELECT substr(horodatage, 12, 3) || CASE WHEN substr(horodatage, 15, 1) < '3' "
            "THEN '00' ELSE '30' END, COUNT(*) FROM interactions WHERE canal = 'téléphone' "
            "AND sens = 'entrant' AND strftime('%w', horodatage) <> '6' GROUP BY 1",
        )
    )
    matin = max((k for k in par_demi_heure if k < "12:00"), key=par_demi_heure.get)
    apres_midi = max((k for k in par_demi_heure if k >= "12:00"), key=par_demi_heure.get)
    assert (matin, apres_midi) == ("10:00", "14:00")
    assert len(par_demi_heure) == 18  # 9:00 … 17:30, half-hour slots for Erlang C


def test_null_patterns_of_unanswered_contacts_and_surveys(base_2000):
    assert requete(
        base_2000,
        "SELECT COUNT(*), SUM(duree_s IS NULL), SUM(resolu_premier_contact IS NULL) "
        "FROM interactions WHERE decroche = 0",
    ) == [(1234, 1234, 1234)]  # abandoned or unreached
    assert (
        valeur(
            base_2000,
            "SELECT COUNT(*) FROM interactions WHERE sens = 'sortant' AND attente_s IS NOT NULL",
        )
        == 0
    )
    abandon = valeur(
        base_2000,
        "SELECT 100.0 * SUM(decroche = 0) / COUNT(*) FROM interactions "
        "WHERE canal = 'téléphone' AND sens = 'entrant'",
    )
    assert 5 <= abandon <= 12  # 8,6 %
    sans_reponse = requete(
        base_2000,
        "SELECT COUNT(*), SUM(note_recommandation IS NULL AND note_satisfaction IS NULL "
        "AND verbatim IS NULL) FROM enquetes WHERE date_reponse IS NULL",
    )[0]
    assert sans_reponse == (13171 - 3886, 13171 - 3886)


# ---------------------------------------------------------------- defects on purpose
def test_defect_particuliers_registered_twice_with_other_capital_letters(base_2000):
    doublons = requete(
        base_2000,
        "SELECT lower(email), COUNT(*), COUNT(DISTINCT email) FROM particuliers "
        "GROUP BY lower(email) HAVING COUNT(*) > 1",
    )
    assert len(doublons) == 19 and all(n == 2 and d == 2 for _, n, d in doublons)


def test_defect_chats_with_a_wait_of_zero(base_2000):
    assert (
        valeur(
            base_2000, "SELECT COUNT(*) FROM interactions WHERE canal = 'chat' AND attente_s = 0"
        )
        == 10
    )
    assert (
        valeur(
            base_2000,
            "SELECT COUNT(*) FROM interactions WHERE canal <> 'chat' AND sens = 'entrant' "
            "AND attente_s = 0 AND decroche = 1 AND canal <> 'téléphone'",
        )
        == 0
    )


def test_defect_a_complaint_closed_before_it_was_opened(base_2000):
    assert requete(
        base_2000,
        "SELECT statut FROM reclamations WHERE date_cloture < date_ouverture",
    ) == [("close",)]


def test_defect_surveys_answered_twice(base_2000):
    doublons = requete(
        base_2000,
        "SELECT COUNT(*) FROM enquetes WHERE date_reponse IS NOT NULL "
        "GROUP BY id_client, id_particulier, date_envoi HAVING COUNT(*) > 1",
    )
    assert len(doublons) == 10 and {n for (n,) in doublons} == {2}


def test_defect_answered_reviews_without_an_answer_date_and_partial_answering(base_2000):
    assert (
        valeur(
            base_2000,
            "SELECT COUNT(*) FROM avis WHERE reponse IS NOT NULL AND date_reponse IS NULL",
        )
        == 5
    )
    taux = dict(
        requete(
            base_2000,
            "SELECT plateforme, 100.0 * COUNT(reponse) / COUNT(*) FROM avis GROUP BY 1",
        )
    )
    assert all(20 < t < 70 for t in taux.values()) and taux["marketplace"] == min(taux.values())
    negatifs, positifs = requete(
        base_2000,
        "SELECT AVG(reponse IS NOT NULL) FILTER (WHERE note <= 2), "
        "AVG(reponse IS NOT NULL) FILTER (WHERE note >= 4) FROM avis",
    )[0]
    assert negatifs > positifs  # the firm answers the bad reviews first


# ---------------------------------------------------------------- the build's key check
@pytest.mark.parametrize(
    "corruption",
    [
        "UPDATE lignes_commande SET id_commande = (SELECT MAX(id_commande) + 1 FROM commandes) "
        "WHERE id_ligne = 7",
        "UPDATE commandes SET id_client = 0 WHERE id_commande = 3",
        "UPDATE reglements SET id_facture = 'F12' WHERE id_reglement = 5",
        "DELETE FROM commandes WHERE id_commande = 10",  # a gap in the parent: row by row
        "UPDATE clients SET code_insee = '99999' WHERE id_client = 4",  # a text key
    ],
)
def test_the_fast_key_check_finds_what_the_row_by_row_check_finds(
    base_demo, tmp_path, monkeypatch, corruption
):
    import shutil

    import widgets.donnees.generation as generation

    copie = tmp_path / "copie.db"
    shutil.copy(base_demo, copie)
    con = sqlite3.connect(copie)
    monkeypatch.setattr(generation, "LIGNES_VERIFIEES_UNE_A_UNE", 1)  # every table: fast path
    assert generation.cles_etrangeres_invalides(con) == []
    con.execute(corruption)
    attendu = con.execute("PRAGMA foreign_key_check").fetchall()
    assert attendu and generation.cles_etrangeres_invalides(con) == attendu
    con.close()


# ---------------------------------------------------------------- the 100 000-client build
def expressions_check() -> list[tuple[str, str]]:
    """(table, expression) of every CHECK constraint of the schema, column or table level."""
    from widgets.donnees.generation.schema import TABLES

    def extraire(texte: str) -> list[str]:
        trouvees, i = [], texte.find("CHECK (")
        while i >= 0:
            debut = j = i + len("CHECK (")
            profondeur = 1
            while profondeur:
                profondeur += {"(": 1, ")": -1}.get(texte[j], 0)
                j += 1
            trouvees.append(texte[debut : j - 1])
            i = texte.find("CHECK (", j)
        return trouvees

    return [
        (t.nom, e)
        for t in TABLES
        for texte in (*(c.contrainte for c in t.colonnes), *t.contraintes)
        for e in extraire(texte)
    ]


def violations_check(chemin: Path) -> list[tuple[str, str, int]]:
    con = sqlite3.connect(f"file:{chemin}?mode=ro", uri=True)
    try:
        resultat = []
        for table, expression in expressions_check():
            (n,) = con.execute(f"SELECT COUNT(*) FROM {table} WHERE NOT ({expression})").fetchone()
            if n:
                resultat.append((table, expression, n))
        return resultat
    finally:
        con.close()


def test_the_check_expressions_are_all_read_and_catch_a_violation(base_demo, tmp_path):
    import shutil

    expressions = expressions_check()
    assert ("sessions_web", "commandes >= 0 AND commandes <= paniers") in expressions
    assert len(expressions) >= 60
    assert violations_check(base_demo) == []
    copie = tmp_path / "copie.db"
    shutil.copy(base_demo, copie)
    con = sqlite3.connect(copie)
    con.execute("PRAGMA ignore_check_constraints = ON")
    con.execute("UPDATE sessions_web SET commandes = paniers + 1 WHERE rowid = 1")
    con.commit()
    con.close()
    assert violations_check(copie) == [
        ("sessions_web", "commandes >= 0 AND commandes <= paniers", 1)
    ]


def test_the_100000_client_build_written_without_check_meets_every_check(base_100k):
    assert violations_check(base_100k) == []


def test_bloc_2_sizes_at_100000_clients_stay_bounded(base_100k):
    tailles = {t: valeur(base_100k, f"SELECT COUNT(*) FROM {t}") for t in BLOC_2}
    assert tailles == {
        "particuliers": 24694,
        "commandes_web": 32492,
        "sessions_web": 6576,
        "retours": 3387,
        "interactions": 35074,
        "reclamations": 2729,
        "enquetes": 39499,
        "avis": 3748,
    }
    assert requete(base_100k, "PRAGMA foreign_key_check") == []
