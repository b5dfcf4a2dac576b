"""A tiny portfolio database whose every figure is worked by hand (five clients, two products,
VAT 20 %, year 2025): the figures are listed in
tests/test_portefeuille_lu_dans_une_petite_base_calculee_a_la_main.py, which checks them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from widgets.donnees.generation.schema import TABLES_PAR_NOM

CLIENTS = [
    (1, "Alpha", "GMS", 1, 10000, 30),
    (2, "Bravo", "Grossiste", 1, 1400, 45),
    (3, "Charlie", "Comité d'entreprise", 2, 5000, 60),
    (4, "Delta", "Boutique de souvenirs", 2, 400, 30),
    (5, "Echo", "GMS", 1, 3000, 30),
]
# (commande, client, date, statut, produit, quantité, prix) ; invoice dated the order day
COMMANDES = [
    (1, 1, "2025-03-10", "livrée", 1, 300, 10, "2025-04-09"),
    (2, 1, "2025-11-20", "livrée", 2, 100, 50, "2025-12-20"),
    (3, 2, "2025-06-01", "livrée", 1, 100, 10, "2025-07-16"),
    (4, 2, "2025-12-15", "livrée", 2, 20, 50, "2026-01-29"),
    (5, 3, "2025-09-01", "livrée", 1, 50, 10, "2025-10-31"),
    (6, 4, "2025-12-01", "livrée", 2, 8, 50, "2025-12-31"),
    (7, 5, "2024-05-01", "livrée", 1, 10, 10, "2024-05-31"),
    (8, 3, "2025-10-01", "annulée", 1, 10, 10, None),
]
REGLEMENTS = [(1, "2025-04-09", 3600), (3, "2025-07-20", 1200), (5, "2025-11-15", 200)]
REGLEMENTS += [(7, "2024-05-30", 120)]


def construire_petite_base(chemin: Path) -> Path:
    """Build the hand-worked database described in the module docstring at ``chemin``."""
    cx = sqlite3.connect(chemin)
    for nom in ("secteurs", "clients", "produits", "commandes", "lignes_commande", "factures"):
        cx.execute(TABLES_PAR_NOM[nom].ddl())
    for nom in ("reglements", "visites"):
        cx.execute(TABLES_PAR_NOM[nom].ddl())
    cx.executemany("INSERT INTO secteurs VALUES (?, ?, ?)", [(1, "Nord", "n"), (2, "Sud", "s")])
    cx.executemany(
        "INSERT INTO produits VALUES (?, ?, ?, 'Peignoirs', ?, ?, 20, 1)",
        [(1, "SE-050", "Serviette", 10, 6), (2, "PE-001", "Peignoir", 50, 30)],
    )
    cx.executemany(
        "INSERT INTO clients VALUES (?, ?, ?, '0', 'rue', '75001', 'Paris', '75056', '01', "
        "'a@b.fr', 1, ?, '2020-01-01', ?, ?)",
        CLIENTS,
    )
    for cde, client, jour, statut, produit, qte, prix, echeance in COMMANDES:
        ht = qte * prix
        cx.execute(
            "INSERT INTO commandes VALUES (?, ?, 1, ?, ?, 0, 'représentant')",
            (cde, client, jour, statut),
        )
        cx.execute(
            "INSERT INTO lignes_commande VALUES (?, ?, ?, ?, ?, 0, ?)",
            (cde, cde, produit, qte, prix, ht),
        )
        if echeance:
            cx.execute(
                "INSERT INTO factures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cde, f"F{cde}", cde, client, jour, echeance, ht, ht * 0.2, ht * 1.2),
            )
    cx.executemany(
        "INSERT INTO reglements (id_facture, date_reglement, montant, mode) "
        "VALUES (?, ?, ?, 'virement')",
        REGLEMENTS,
    )
    # the prospecting that won Delta: a call, then a visit of 40 km and 60 minutes
    cx.executemany(
        "INSERT INTO visites (id_commercial, id_client, date_visite, etape, resultat, duree_min,"
        " km) VALUES (1, 4, ?, ?, 'suite donnée', ?, ?)",
        [("2024-10-01", "contact", 15, 0), ("2024-10-15", "visite", 60, 40)],
    )
    cx.commit()
    cx.close()
    return chemin
