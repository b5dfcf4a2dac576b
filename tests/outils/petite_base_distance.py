"""A tiny database of the NDRC bloc 2 tables (web traffic, web orders and returns, calls,
surveys, reviews) whose every figure is worked by hand in the tests that use it
(tests/test_distance_lu_dans_une_petite_base_calculee_a_la_main.py and the widget tests).

The tables are created with the DDL of ``widgets.donnees.generation.schema.TABLES`` (its
CHECK constraints hold for every row below); rows are inserted by column name.

The figures (March 2025 unless said):

- ``sessions_web``: recherche naturelle 2 100 visits, 210 carts, 36 orders, 2 160 € TTC;
  recherche payante 1 500 visits (two days), 180 carts, 45 orders, 2 700 €, 675 € spent;
  e-mailing 400 visits, 80 carts, 24 orders, 1 560 €; one April day of recherche payante
  (300 visits) outside March. All March: 4 000 visits, 470 carts, 105 orders, 6 420 €.
- ``commandes_web``: site orders 1–3 (50, 70, 30 € HT; logistics 6 € each; order 2 returned,
  12,50 € of return cost), marketplace orders 4–5 (40 and 60 € HT, commission 6 and 9 €,
  logistics 4,50 € each; order 4 returned, 10 €); order 6 (marketplace, April) outside.
- ``interactions`` on Monday 2025-03-03: inbound calls at 09:05 (200 s, waited 10 s), 09:20
  (160 s, 30 s), 09:29:59 (hung up after 50 s), 10:10 (300 s, 20 s), 10:15 (180 s, 0 s),
  11:40 (60 s, 5 s); a chat at 09:10, an outbound call at 09:40 and a call on 2025-03-04 are
  not inbound phone calls of the day.
- ``enquetes``: 8 sent in March, 6 answered (NPS 10, 9, 8, 9, 6, 3; CSAT 5, 4, 4, 3, 2, 1);
  one sent in April.
- ``avis``: Google 5★ (answered after 1 day), Google 2★ (after 4 days), Trustpilot 4★ (no
  answer), site 3★ (answered, response date missing: a defect of the real base); one April
  Trustpilot review.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from widgets.donnees.generation.schema import TABLES_PAR_NOM

TABLES_DISTANCE = ("sessions_web", "commandes_web", "retours", "interactions", "enquetes", "avis")

SESSIONS = [
    ("2025-03-01", "recherche payante", 1000, 800, 120, 30, 1800.0, 450.0),
    ("2025-03-02", "recherche payante", 500, 420, 60, 15, 900.0, 225.0),
    ("2025-03-01", "e-mailing", 400, 300, 80, 24, 1560.0, 0.0),
    ("2025-03-01", "recherche naturelle", 2100, 1500, 210, 36, 2160.0, 0.0),
    ("2025-04-01", "recherche payante", 300, 250, 30, 9, 540.0, 135.0),
]
COMMANDES_WEB = [
    (1, 1, "2025-03-04", "site", "e-mailing", 50.0, 60.0, 4.9, 0.0, 6.0, 0),
    (2, 2, "2025-03-05", "site", "recherche payante", 70.0, 84.0, 0.0, 0.0, 6.0, 1),
    (3, 3, "2025-03-06", "site", "accès direct", 30.0, 36.0, 4.9, 0.0, 6.0, 0),
    (4, 1, "2025-03-10", "marketplace", "recherche naturelle", 40.0, 48.0, 0.0, 6.0, 4.5, 1),
    (5, 2, "2025-03-31", "marketplace", "recherche naturelle", 60.0, 72.0, 0.0, 9.0, 4.5, 0),
    (6, 3, "2025-04-02", "marketplace", "recherche naturelle", 100.0, 120.0, 0.0, 15.0, 4.5, 1),
]
RETOURS = [
    (1, 2, "2025-03-10", "taille ou couleur", 5, 12.5, 84.0),
    (2, 4, "2025-03-13", "défaut", 3, 10.0, 48.0),
    (3, 6, "2025-04-09", "colis endommagé", 7, 11.0, 120.0),
]
# (id, canal, sens, horodatage, attente, décroché, durée)
INTERACTIONS = [
    (1, "téléphone", "entrant", "2025-03-03 09:05:00", 10, 1, 200),
    (2, "téléphone", "entrant", "2025-03-03 09:20:00", 30, 1, 160),
    (3, "téléphone", "entrant", "2025-03-03 09:29:59", 50, 0, None),
    (4, "téléphone", "entrant", "2025-03-03 10:10:00", 20, 1, 300),
    (5, "téléphone", "entrant", "2025-03-03 10:15:00", 0, 1, 180),
    (6, "téléphone", "entrant", "2025-03-03 11:40:00", 5, 1, 60),
    (7, "chat", "entrant", "2025-03-03 09:10:00", 15, 1, 400),
    (8, "téléphone", "sortant", "2025-03-03 09:40:00", 0, 1, 120),
    (9, "téléphone", "entrant", "2025-03-04 09:00:00", 12, 1, 240),
]
# (id, envoi, réponse, NPS, CSAT)
ENQUETES = [
    (1, "2025-03-02", "2025-03-03", 10, 5),
    (2, "2025-03-02", "2025-03-04", 9, 4),
    (3, "2025-03-05", "2025-03-05", 8, 4),
    (4, "2025-03-09", "2025-03-12", 9, 3),
    (5, "2025-03-12", "2025-03-12", 6, 2),
    (6, "2025-03-20", "2025-03-22", 3, 1),
    (7, "2025-03-25", None, None, None),
    (8, "2025-03-31", None, None, None),
    (9, "2025-04-05", "2025-04-06", 0, 1),
]
# (id, plateforme, date, note, réponse, date de réponse)
AVIS = [
    (1, "Google", "2025-03-02", 5, "Merci !", "2025-03-03"),
    (2, "Google", "2025-03-05", 2, "Nous sommes désolés.", "2025-03-09"),
    (3, "Trustpilot", "2025-03-10", 4, None, None),
    (4, "site", "2025-03-12", 3, "Merci pour votre avis.", None),
    (5, "Trustpilot", "2025-04-01", 1, None, None),
]


def _inserer(cx: sqlite3.Connection, table: str, colonnes: str, lignes: list[tuple]) -> None:
    marques = ", ".join("?" for _ in colonnes.split(","))
    cx.executemany(f"INSERT INTO {table} ({colonnes}) VALUES ({marques})", lignes)


def construire_base_distance(chemin: Path) -> Path:
    """Build the hand-worked bloc 2 database described in the module docstring."""
    cx = sqlite3.connect(chemin)
    for nom in TABLES_DISTANCE:
        cx.execute(TABLES_PAR_NOM[nom].ddl())
    _inserer(
        cx,
        "sessions_web",
        "jour, source, visites, visiteurs, paniers, commandes, chiffre_affaires_ttc, depenses_ht",
        SESSIONS,
    )
    _inserer(
        cx,
        "commandes_web",
        "id_commande_web, id_particulier, date_commande, canal, source, montant_ht, "
        "montant_ttc, frais_de_port_ttc, commission_ht, frais_logistiques_ht, retournee",
        COMMANDES_WEB,
    )
    _inserer(
        cx,
        "retours",
        "id_retour, id_commande_web, date_retour, motif, delai_jours, cout_ht, rembourse_ttc",
        RETOURS,
    )
    _inserer(
        cx,
        "interactions",
        "id_interaction, id_particulier, canal, sens, horodatage, attente_s, decroche, duree_s, "
        "motif, resolu_premier_contact",
        [
            (i, 1, c, s, h, a, d, t, "prise de commande", None if t is None else 1)
            for i, c, s, h, a, d, t in INTERACTIONS
        ],
    )
    _inserer(
        cx,
        "enquetes",
        "id_enquete, id_particulier, date_envoi, date_reponse, note_recommandation, "
        "note_satisfaction",
        [(i, 1, e, r, n, s) for i, e, r, n, s in ENQUETES],
    )
    _inserer(
        cx,
        "avis",
        "id_avis, plateforme, date_avis, note, texte, reponse, date_reponse",
        [(i, p, d, n, "Texte de l'avis.", r, dr) for i, p, d, n, r, dr in AVIS],
    )
    cx.commit()
    cx.close()
    return chemin
