"""Target selection, funnel and actuals read from a tiny hand-made database (exact result sets)."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from widgets.donnees import cibles
from widgets.donnees.generation.schema import TABLES
from widgets.erreurs import ErreurAtelier


@pytest.fixture
def petite_base(tmp_path: Path) -> Path:
    chemin = tmp_path / "petite.db"
    cx = sqlite3.connect(chemin)
    for table in TABLES:
        cx.execute(table.ddl())
    cx.executemany(
        "INSERT INTO communes VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            ("75107", "75007", "Paris 7e arrondissement", "75", 48015, 48.8565, 2.321),
            ("75118", "75018", "Paris 18e arrondissement", "75", 183127, 48.8925, 2.3444),
            ("69123", "69001", "Lyon", "69", 522250, 45.74846, 4.84671),
        ],
    )
    cx.executemany(
        "INSERT INTO secteurs VALUES (?, ?, ?)", [(1, "Paris", "75"), (2, "Rhône", "69")]
    )
    cx.executemany(
        "INSERT INTO commerciaux VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (1, "Martin", "Léa", "l@x.fr", "06", 1, "2019-01-01", 2100),
            (2, "Durand", "Paul", "p@x.fr", "06", 2, "2019-01-01", 2100),
        ],
    )
    clients = [
        (1, "Boutique A", "Boutique de souvenirs", "75107", 1, 1, "2020-01-01"),
        (2, "Boutique B", "Boutique de souvenirs", "75118", 1, 1, "2025-03-10"),
        (3, "Hyper Lyon", "GMS", "69123", 2, 2, "2021-06-01"),
    ]
    cx.executemany(
        "INSERT INTO clients VALUES (?, ?, ?, '1', 'rue', 'cp', 'ville', ?, 't', 'e', ?, ?, ?, "
        "1000, 30)",
        clients,
    )
    cx.executemany(
        "INSERT INTO prospects (id_prospect, raison_sociale, type_client, code_postal, "
        "id_commercial) VALUES (?, ?, ?, ?, ?)",
        [
            (1, "Souvenirs de la Tour SA", "Boutique de souvenirs", "75007", 1),
            (2, "SOUVENIRS DE LA TOUR SA", "Boutique de souvenirs", "75007 ", 1),  # doublon
            (3, "Sans code postal", "Boutique de souvenirs", "7500", 1),
            (4, "Montmartre Cadeaux", "Boutique de souvenirs", "75018", 1),
            (5, "Déjà convertie", "Boutique de souvenirs", "75018", 1),
            (6, "Grossiste Lyon", "Grossiste", "69001", 2),
            (7, "Souvénirs  de la Tour S.A.", "Boutique de souvenirs", "75007", 1),  # doublon
        ],
    )
    cx.executemany(
        "INSERT INTO commandes (id_commande, id_client, id_commercial, date_commande, statut,"
        " remise_pct, canal) VALUES (?, ?, ?, ?, ?, ?, 'représentant')",
        [
            (1, 1, 1, "2025-06-01", "livrée", 0),
            (2, 2, 1, "2025-11-15", "livrée", 10),
            (3, 3, 2, "2024-05-02", "livrée", 0),
            (4, 3, 2, "2025-10-01", "annulée", 0),
        ],
    )
    cx.executemany(
        "INSERT INTO lignes_commande VALUES (?, ?, 1, ?, ?, 0, ?)",
        [(1, 1, 100, 10, 1000), (2, 2, 50, 6.9, 345), (3, 3, 1000, 5, 5000), (4, 4, 10, 5, 50)],
    )
    cx.executemany(
        "INSERT INTO factures VALUES (?, ?, ?, ?, ?, '2026-01-01', ?, 0, ?)",
        [
            (1, "F1", 1, 1, "2025-06-05", 1000, 1000),
            (2, "F2", 2, 2, "2025-11-20", 310.5, 310.5),
            (3, "F3", 3, 3, "2024-05-06", 5000, 5000),
        ],
    )
    visites = (
        [(1, None, 1, "2025-02-01", "contact", 5, 0)] * 6
        + [(2, None, 6, "2025-02-01", "contact", 5, 0)] * 4
        + [(1, None, 1, "2025-03-01", "rendez-vous", 10, 0)] * 3
        + [(2, None, 6, "2025-03-01", "rendez-vous", 10, 0)]
        + [
            (1, None, 4, "2025-04-01", "visite", 40, 12.0),
            (1, None, 5, "2025-04-02", "visite", 50, 8.0),
        ]
        + [(2, None, 6, "2024-04-01", "visite", 60, 31.0)]
        + [(1, None, 5, "2025-04-10", "commande", 20, 8.0)]
    )
    cx.executemany(
        "INSERT INTO visites (id_commercial, id_client, id_prospect, date_visite, etape, "
        "resultat, duree_min, km) VALUES (?, ?, ?, ?, ?, 'ok', ?, ?)",
        visites,
    )
    cx.executemany(
        "INSERT INTO objectifs VALUES (NULL, ?, ?, ?, ?)",
        [(1, "2025-06", 2000, 1), (1, "2025-11", 500, 0), (2, "2025-10", 3000, 1)],
    )
    cx.commit()
    cx.close()
    return chemin


def ids(liste):
    return [(c.nature, c.identifiant) for c in liste]


def test_toutes_les_cibles_sans_doublon_ni_prospect_converti(petite_base):
    resultat = cibles.selectionner_cibles(petite_base)
    assert ids(resultat) == [
        ("client", 1),
        ("client", 2),
        ("client", 3),
        ("prospect", 1),
        ("prospect", 4),
        ("prospect", 6),
    ]
    tour = resultat[3]
    assert (tour.commune, tour.latitude, tour.longitude) == (
        "Paris 7e arrondissement",
        48.8565,
        2.321,
    )
    assert tour.arret().identifiant == "prospect-1"


def test_filtres_type_secteur_departement(petite_base):
    boutiques = cibles.selectionner_cibles(petite_base, types=["Boutique de souvenirs"])
    assert ids(boutiques) == [("client", 1), ("client", 2), ("prospect", 1), ("prospect", 4)]
    assert ids(cibles.selectionner_cibles(petite_base, id_secteur=2)) == [
        ("client", 3),
        ("prospect", 6),
    ]
    assert ids(
        cibles.selectionner_cibles(petite_base, departements=["69"], natures=["client"])
    ) == [("client", 3)]
    assert ids(cibles.selectionner_cibles(petite_base, natures=["prospect"], limite=1)) == [
        ("prospect", 1)
    ]


def test_clients_dormants_et_potentiel(petite_base):
    # Reference 31/12/2025, 6 months → last order on or before 28/06/2025 (the annulled
    # October order of client 3 does not count).
    dormants = cibles.selectionner_cibles(petite_base, dormants_depuis_mois=6)
    assert ids(dormants) == [("client", 1), ("client", 3)]
    assert dormants[1].derniere_commande == "2024-05-02"
    # CA HT invoiced over the last 12 months: 1 000,00 ; 310,50 ; 0
    potentiel = cibles.selectionner_cibles(petite_base, potentiel_min=500)
    assert ids(potentiel) == [("client", 1)]
    assert potentiel[0].ca_12_mois == Decimal("1000.00")
    assert [c.ca_12_mois for c in cibles.selectionner_cibles(petite_base, natures=["client"])] == [
        Decimal("1000.00"),
        Decimal("310.50"),
        Decimal("0.00"),
    ]


def test_entonnoir_par_commercial_et_periode(petite_base):
    tout = cibles.entonnoir(petite_base)
    assert (tout.contacts, tout.rendez_vous, tout.visites, tout.commandes) == (10, 4, 3, 1)
    lea = cibles.entonnoir(petite_base, id_commercial=1)
    assert (lea.contacts, lea.rendez_vous, lea.visites, lea.commandes) == (6, 3, 2, 1)
    assert lea.taux_commande == Decimal("50.00")
    annee = cibles.entonnoir(petite_base, debut="2025-01-01", fin="2025-12-31", id_secteur=2)
    assert (annee.contacts, annee.rendez_vous, annee.visites, annee.commandes) == (4, 1, 0, 0)


def test_moyennes_des_visites(petite_base):
    m = cibles.moyennes_visites(petite_base)
    assert m.duree_min == Decimal("50")  # (40 + 50 + 60) / 3
    assert m.km == Decimal("17.0")  # (12 + 8 + 31) / 3
    # orders not annulled: 1 000 ; 345 × 0,90 = 310,50 ; 5 000 → 6 310,50 / 3 = 2 103,50
    assert m.panier_moyen_ht == Decimal("2103.50")


def test_realise_et_objectifs_pour_le_tableau_de_bord(petite_base):
    r = cibles.realise(petite_base, debut="2025-01-01", fin="2025-12-31")
    assert (r.chiffre_affaires, r.nouveaux_clients) == (Decimal("1310.50"), 1)
    r2 = cibles.realise(petite_base, debut="2025-01-01", fin="2025-12-31", id_commercial=2)
    assert (r2.chiffre_affaires, r2.nouveaux_clients) == (Decimal("0.00"), 0)
    r3 = cibles.realise(petite_base, debut="2024-01-01", fin="2025-12-31", type_client="GMS")
    assert (r3.chiffre_affaires, r3.nouveaux_clients) == (Decimal("5000.00"), 0)
    r4 = cibles.realise(
        petite_base, debut="2025-01-01", fin="2025-12-31", type_client="Boutique de souvenirs"
    )
    assert (r4.chiffre_affaires, r4.nouveaux_clients) == (Decimal("1310.50"), 1)
    o = cibles.objectifs(petite_base, mois_debut="2025-01", mois_fin="2025-12")
    assert (o.chiffre_affaires, o.nouveaux_clients) == (Decimal("5500.00"), 2)
    o1 = cibles.objectifs(petite_base, mois_debut="2025-06", mois_fin="2025-10", id_secteur=1)
    assert (o1.chiffre_affaires, o1.nouveaux_clients) == (Decimal("2000.00"), 1)
    assert cibles.lister_secteurs(petite_base) == [(1, "Paris"), (2, "Rhône")]
    assert cibles.lister_commerciaux(petite_base) == [(2, "Paul Durand"), (1, "Léa Martin")]


def test_base_absente_message_francais(tmp_path):
    with pytest.raises(ErreurAtelier, match="introuvable"):
        cibles.selectionner_cibles(tmp_path / "absente.db")


def test_la_base_est_ouverte_en_lecture_seule(petite_base):
    from widgets.donnees.catalogue_produits import ouvrir_lecture_seule

    cx = ouvrir_lecture_seule(petite_base)
    with pytest.raises(sqlite3.OperationalError):
        cx.execute("DELETE FROM clients")
    cx.close()


def test_sur_la_base_de_demo(base_demo):
    boutiques = cibles.selectionner_cibles(base_demo, types=["Boutique de souvenirs"])
    assert boutiques, "la base de démonstration doit contenir des boutiques de souvenirs"
    assert all(
        -90 <= c.latitude <= 90 and c.type_client == "Boutique de souvenirs" for c in boutiques
    )
    e = cibles.entonnoir(base_demo)
    assert e.contacts >= e.rendez_vous >= e.visites >= e.commandes > 0


def test_aucun_doublon_du_fichier_prospects_n_est_cible(base_demo):
    cx = sqlite3.connect(base_demo)
    doublons = {
        r[0]
        for r in cx.execute("SELECT id_prospect FROM prospects_defauts WHERE defaut = 'doublon'")
    }
    cx.close()
    assert doublons
    prospects = cibles.selectionner_cibles(base_demo, natures=["prospect"])
    assert not doublons & {c.identifiant for c in prospects}
