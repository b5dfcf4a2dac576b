"""Fixed reference data of the generator: sectors, catalogue, names, seasonality.

Everything here is a tuple (ordered) so the generator never depends on dict/set ordering.
"""

from __future__ import annotations

# (id, nom, description, départements, ville de base (lat, lon) pour les kilomètres)
SECTEURS: tuple[tuple[int, str, str, tuple[str, ...], tuple[float, float]], ...] = (
    (1, "Île-de-France", "Paris et petite/grande couronne (hors boutiques de souvenirs)",
     ("75", "77", "78", "91", "92", "93", "94", "95"), (48.8566, 2.3522)),
    (2, "Nord", "Hauts-de-France et Normandie",
     ("02", "59", "60", "62", "80", "14", "27", "50", "61", "76"), (50.6292, 3.0573)),
    (3, "Grand Est", "Grand Est et Bourgogne-Franche-Comté",
     ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88",
      "21", "25", "39", "58", "70", "71", "89", "90"), (48.6921, 6.1844)),
    (4, "Rhône-Alpes", "Auvergne-Rhône-Alpes",
     ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"), (45.7640, 4.8357)),
    (5, "Sud", "Provence-Alpes-Côte d'Azur, Occitanie et Corse",
     ("04", "05", "06", "13", "83", "84", "2A", "2B", "09", "11", "12", "30", "31", "32",
      "34", "46", "48", "65", "66", "81", "82"), (43.6108, 3.8767)),
    (6, "Ouest", "Bretagne, Pays de la Loire, Centre-Val de Loire et Nouvelle-Aquitaine",
     ("22", "29", "35", "56", "44", "49", "53", "72", "85", "18", "28", "36", "37", "41",
      "45", "16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"),
     (47.2184, -1.5536)),
    (7, "Paris souvenirs", "Boutiques de souvenirs des sites touristiques de Paris (depuis 2025)",
     (), (48.8566, 2.3522)),
)
ID_SECTEUR_SOUVENIRS = 7

# Arrondissements touristiques (Tour Eiffel, Sacré-Cœur, Champs-Élysées...) et leur poids.
ARRONDISSEMENTS_TOURISTIQUES: tuple[tuple[str, int], ...] = (
    ("75101", 2), ("75104", 2), ("75105", 1), ("75106", 1), ("75107", 4),
    ("75108", 4), ("75109", 1), ("75116", 2), ("75118", 4),
)
VOIES_TOURISTIQUES: dict[str, tuple[str, ...]] = {
    "75101": ("rue de Rivoli", "rue Saint-Honoré", "place du Louvre"),
    "75104": ("quai aux Fleurs", "rue d'Arcole", "rue du Cloître-Notre-Dame"),
    "75105": ("rue Mouffetard", "boulevard Saint-Michel", "rue Soufflot"),
    "75106": ("boulevard Saint-Germain", "rue de Rennes", "rue de Buci"),
    "75107": ("avenue de Suffren", "quai Branly", "rue Saint-Dominique", "avenue de La Bourdonnais"),
    "75108": ("avenue des Champs-Élysées", "rue de Berri", "rue Washington", "avenue George-V"),
    "75109": ("boulevard Haussmann", "rue de Clichy", "rue Lafayette"),
    "75116": ("place du Trocadéro", "avenue Kléber", "avenue d'Iéna"),
    "75118": ("rue de Steinkerque", "rue Tardieu", "rue Norvins", "place du Tertre", "rue des Abbesses"),
}

TYPES_POIDS: tuple[tuple[str, float], ...] = (
    ("GMS", 0.12), ("Comité d'entreprise", 0.55), ("Grossiste", 0.25),
    ("Boutique de souvenirs", 0.08),
)

# Catalogue : (référence, désignation, gamme, prix HT, coût HT, actif)
LICENCE = "licence Métro Parisien"
PRODUITS: tuple[tuple[str, str, str, str, str, int], ...] = (
    ("SE-030", "Serviette invité éponge 30 × 50 cm", "Serviettes éponge", "2.90", "1.45", 1),
    ("SE-050", "Serviette de toilette éponge 50 × 100 cm", "Serviettes éponge", "6.90", "3.60", 1),
    ("SE-070", "Drap de bain éponge 70 × 140 cm", "Serviettes éponge", "12.50", "6.70", 1),
    ("SE-100", "Drap de plage éponge 100 × 180 cm", "Serviettes éponge", "19.90", "10.40", 1),
    ("SE-GNT", "Gant de toilette éponge", "Serviettes éponge", "1.90", "0.85", 1),
    ("SE-BIO", "Serviette coton bio 50 × 100 cm", "Serviettes éponge", "8.90", "4.90", 1),
    ("SE-KIT", "Parure de bain 2 serviettes + 2 draps", "Serviettes éponge", "29.90", "16.20", 1),
    ("SE-HOT", "Serviette hôtelière 500 g/m² (arrêtée)", "Serviettes éponge", "7.50", "4.10", 0),
    ("PE-ADU", "Peignoir adulte éponge à col châle", "Peignoirs", "24.90", "13.60", 1),
    ("PE-KIM", "Kimono nid d'abeille", "Peignoirs", "21.50", "11.20", 1),
    ("PE-ENF", "Peignoir enfant à capuche", "Peignoirs", "15.90", "8.30", 1),
    ("PE-LUX", "Peignoir velours brodé", "Peignoirs", "34.90", "19.50", 1),
    ("PE-COF", "Coffret cadeau peignoir + serviette", "Peignoirs", "39.90", "22.00", 1),
    ("LM-NAP", "Nappe coton 150 × 250 cm", "Linge de maison", "18.90", "9.80", 1),
    ("LM-TOR", "Lot de 3 torchons", "Linge de maison", "7.90", "3.60", 1),
    ("LM-PLD", "Plaid polaire 130 × 170 cm", "Linge de maison", "22.90", "12.40", 1),
    ("LM-DRH", "Drap housse 140 × 190 cm", "Linge de maison", "14.90", "7.70", 1),
    ("LM-HCO", "Housse de couette 240 × 220 cm", "Linge de maison", "34.90", "18.90", 1),
    ("LM-TAI", "Lot de 2 taies d'oreiller", "Linge de maison", "9.90", "4.80", 1),
    ("LM-TAP", "Tapis de bain éponge", "Linge de maison", "9.50", "4.60", 1),
    ("LM-RID", "Rideau de douche (arrêté)", "Linge de maison", "11.90", "6.10", 0),
    ("SV-SER", f"Serviette de bain « ticket de métro » ({LICENCE})", "Souvenirs sous licence", "14.90", "6.90", 1),
    ("SV-PLA", f"Drap de plage « plan du métro » ({LICENCE})", "Souvenirs sous licence", "21.90", "10.20", 1),
    ("SV-CHA", f"Chaussons en tissu « ticket de métro » ({LICENCE})", "Souvenirs sous licence", "9.90", "4.20", 1),
    ("SV-PAR", f"Parapluie « ticket de métro » ({LICENCE})", "Souvenirs sous licence", "16.90", "7.80", 1),
    ("SV-TOR", f"Torchon « stations de métro » ({LICENCE})", "Souvenirs sous licence", "6.50", "2.70", 1),
    ("SV-TRO", f"Trousse de toilette « ticket de métro » ({LICENCE})", "Souvenirs sous licence", "11.90", "5.30", 1),
)
DATE_ARRET_PRODUITS = "2024-07-01"  # produits actif = 0 : plus vendus à partir de cette date
DATE_LANCEMENT_SOUVENIRS = "2025-01-01"

# Répartition des gammes commandées par type de client.
GAMMES_PAR_TYPE: dict[str, tuple[tuple[str, float], ...]] = {
    "GMS": (("Serviettes éponge", 0.5), ("Linge de maison", 0.35), ("Peignoirs", 0.15)),
    "Comité d'entreprise": (("Peignoirs", 0.45), ("Serviettes éponge", 0.35), ("Linge de maison", 0.2)),
    "Grossiste": (("Serviettes éponge", 0.45), ("Linge de maison", 0.35), ("Peignoirs", 0.2)),
    "Boutique de souvenirs": (("Souvenirs sous licence", 0.85), ("Serviettes éponge", 0.15)),
}

# Saisonnalité : poids par mois (janvier → décembre), normalisés par le générateur.
SAISONNALITE: dict[str, tuple[float, ...]] = {
    # Mois du blanc en janvier, serviettes de plage avant l'été.
    "GMS": (1.6, 0.9, 0.9, 1.0, 1.1, 1.3, 1.1, 0.7, 1.0, 0.9, 1.0, 1.1),
    # Cadeaux de fête des mères (mai) et de fin d'année (novembre-décembre).
    "Comité d'entreprise": (0.2, 0.2, 0.4, 1.2, 3.0, 0.4, 0.1, 0.1, 0.3, 0.9, 3.0, 2.4),
    "Grossiste": (1.1, 1.0, 1.0, 1.0, 1.0, 1.1, 0.9, 0.7, 1.1, 1.0, 1.1, 1.0),
    # Saison touristique.
    "Boutique de souvenirs": (0.5, 0.6, 0.9, 1.2, 1.4, 1.5, 1.5, 1.3, 1.1, 0.8, 0.6, 1.0),
}
COMMANDES_PAR_MOIS: dict[str, float] = {
    "GMS": 1.1, "Comité d'entreprise": 0.22, "Grossiste": 0.5, "Boutique de souvenirs": 0.7,
}
LIGNES_PAR_COMMANDE: dict[str, tuple[int, int]] = {
    "GMS": (3, 7), "Comité d'entreprise": (1, 3), "Grossiste": (2, 6), "Boutique de souvenirs": (2, 5),
}
QUANTITE_BASE: dict[str, tuple[int, int]] = {  # (quantité moyenne, conditionnement)
    "GMS": (150, 10), "Comité d'entreprise": (30, 1), "Grossiste": (60, 6), "Boutique de souvenirs": (24, 6),
}
FACTEUR_TAILLE: dict[str, float] = {
    "GMS": 2.0, "Comité d'entreprise": 1.0, "Grossiste": 1.3, "Boutique de souvenirs": 0.8,
}
REMISES_CONTRAT: dict[str, tuple[float, ...]] = {  # remise globale (%) négociée par client
    "GMS": (5.0, 7.5, 10.0), "Comité d'entreprise": (0.0, 0.0, 2.5), "Grossiste": (3.0, 5.0),
    "Boutique de souvenirs": (0.0,),
}
DELAIS_PAIEMENT: dict[str, tuple[int, ...]] = {
    "GMS": (60,), "Comité d'entreprise": (30,), "Grossiste": (45, 60), "Boutique de souvenirs": (30,),
}
PLAFONDS: dict[str, tuple[int, int]] = {  # plafond de crédit (euros), multiples de 500
    "GMS": (50_000, 200_000), "Comité d'entreprise": (3_000, 15_000), "Grossiste": (20_000, 80_000),
    "Boutique de souvenirs": (2_000, 8_000),
}
MODES_PAR_TYPE: dict[str, tuple[tuple[str, float], ...]] = {
    "GMS": (("virement", 0.7), ("LCR", 0.3)),
    "Comité d'entreprise": (("virement", 0.6), ("chèque", 0.4)),
    "Grossiste": (("LCR", 0.5), ("virement", 0.4), ("chèque", 0.1)),
    "Boutique de souvenirs": (("carte", 0.4), ("virement", 0.35), ("chèque", 0.25)),
}

PRENOMS: tuple[str, ...] = (
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Laura", "Marie",
    "Anaïs", "Clémence", "Océane", "Hélène", "Nathalie", "Sophie", "Isabelle", "Élodie",
    "Lucas", "Hugo", "Thomas", "Nicolas", "Julien", "Maxime", "Antoine", "Alexandre", "Kévin",
    "Romain", "Mathieu", "Théo", "Louis", "Jérôme", "Stéphane", "François", "Benoît", "Cédric",
    "Yasmine", "Karim", "Mehdi", "Nadia", "Amélie", "Gaëlle", "Loïc", "Noémie", "Aurélien",
)
NOMS: tuple[str, ...] = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
    "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
    "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
    "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Benali",
    "Nguyen", "Lemaire", "Duval", "Joly", "Gaillard", "Barbier", "Arnaud", "Brunet", "Kervella",
)

ENSEIGNES_GMS: tuple[str, ...] = (
    "Hyperval", "Maxi Marché", "Supermarché Bonprix", "Hyper Centre", "Distri Plus",
    "Marché Malin", "Grand Panier", "Super Éco", "Hyper Azur", "Cap Marché",
)
SECTEURS_CE: tuple[str, ...] = (
    "Aciéries", "Transports", "Hôpital", "Aéronautique", "Banque populaire", "Assurances",
    "Mutuelle", "Chimie", "Papeteries", "Métallurgie", "Laboratoires", "Énergie", "Verrerie",
    "Logistique", "Conserverie", "Imprimerie", "Télécoms", "Caisse d'épargne", "Câbleries",
)
GROSSISTES: tuple[str, ...] = (
    "Comptoir du Linge", "Textiles", "Distribution Textile", "Linge Pro", "Négoce Maison",
    "Centrale Textile", "Diffusion Linge",
)
BOUTIQUES: tuple[str, ...] = (
    "Souvenirs de la Tour", "Le Petit Montmartre", "Paris Souvenirs", "Au Bonheur des Touristes",
    "La Boutique du Tertre", "Trocadéro Cadeaux", "L'Étoile Souvenirs", "Rivoli Gifts",
    "Le Comptoir Parisien", "Notre-Dame Boutique", "Champs Souvenirs", "Paris Mon Amour",
)
FORMES: tuple[str, ...] = ("SARL", "SAS", "EURL", "SA", "SASU")
VOIES: tuple[str, ...] = (
    "rue Victor-Hugo", "avenue de la République", "rue Jean-Jaurès", "boulevard Gambetta",
    "rue de la Gare", "rue Pasteur", "avenue du Général-de-Gaulle", "rue du Commerce",
    "zone artisanale des Près", "rue des Écoles", "boulevard Voltaire", "rue Nationale",
    "avenue Jean-Moulin", "rue de la Liberté", "parc d'activités du Moulin", "rue Carnot",
)
SOURCES_PROSPECTS: tuple[str, ...] = (
    "salon", "site web", "annuaire", "recommandation", "fichier acheté", "prospection terrain",
)
