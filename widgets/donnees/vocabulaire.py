"""The business vocabulary of the client database: one place for the values a column may take.

The generator (``widgets.donnees.generation.schema``: CHECK constraints, data dictionary), the
widgets (``widgets.ui``: drop-down options) and the exercises (``widgets.exercices``: draws)
all read these tuples from here, never from the generator's internals. Values are French,
exactly as stored in the database (accents included).

Funnel stages (contact → rendez-vous → visite → commande) are not here: the one funnel model
owns them (``widgets.calculs.entonnoir.CODES_ETAPES``; the generator's CHECK imports them).
"""

from __future__ import annotations

__all__ = ["GAMMES", "MODES_REGLEMENT", "STATUTS", "TYPES_CLIENT"]

TYPES_CLIENT = ("GMS", "Comité d'entreprise", "Grossiste", "Boutique de souvenirs")
"""``clients.type_client``."""

GAMMES = ("Serviettes éponge", "Peignoirs", "Linge de maison", "Souvenirs sous licence")
"""``produits.gamme`` (product ranges)."""

STATUTS = ("livrée", "en cours", "annulée")
"""``commandes.statut``."""

MODES_REGLEMENT = ("virement", "chèque", "LCR", "carte")
"""``factures.mode_reglement``."""
