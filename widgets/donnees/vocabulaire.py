"""The business vocabulary of the client database: one place for the values a column may take.

The generator (``widgets.donnees.generation.schema``: CHECK constraints, data dictionary), the
widgets (``widgets.ui``: drop-down options) and the exercises (``widgets.exercices``: draws)
all read these tuples from here, never from the generator's internals. Values are French,
exactly as stored in the database (accents included).

Funnel stages (contact → rendez-vous → visite → commande) are not here: the one funnel model
owns them (``widgets.calculs.entonnoir.CODES_ETAPES``; the generator's CHECK imports them).
"""

from __future__ import annotations

__all__ = [
    "CANAUX_COMMANDE",
    "CANAUX_INTERACTION",
    "CANAUX_WEB",
    "FORMATS_MAGASIN",
    "GAMMES",
    "GAMMES_GMS",
    "MECANIQUES_PROMO",
    "MODES_REGLEMENT",
    "MOTIFS_INTERACTION",
    "MOTIFS_RECLAMATION",
    "MOTIFS_RETOUR",
    "PLATEFORMES_AVIS",
    "SENS_INTERACTION",
    "SOURCES_WEB",
    "STATUTS",
    "STATUTS_RECLAMATION",
    "STATUTS_VDI",
    "TYPES_ACTION",
    "TYPES_CLIENT",
    "TYPES_PARTENAIRE",
]

TYPES_CLIENT = ("GMS", "Comité d'entreprise", "Grossiste", "Boutique de souvenirs")
"""``clients.type_client``."""

GAMMES = ("Serviettes éponge", "Peignoirs", "Linge de maison", "Souvenirs sous licence")
"""``produits.gamme`` (product ranges)."""

STATUTS = ("livrée", "en cours", "annulée")
"""``commandes.statut``."""

MODES_REGLEMENT = ("virement", "chèque", "LCR", "carte")
"""``factures.mode_reglement``."""


# --- Bloc 2 (relation client à distance et digitalisation) ---------------------------------
CANAUX_COMMANDE = ("représentant", "téléphone", "site", "marketplace")
"""``commandes.canal``: how a B2B order was taken (the rep for the large majority)."""

CANAUX_WEB = ("site", "marketplace")
"""``commandes_web.canal``: the brand's own web shop or the marketplace."""

SOURCES_WEB = (
    "recherche naturelle",
    "recherche payante",
    "réseaux sociaux",
    "e-mailing",
    "accès direct",
    "sites affiliés",
)
"""``sessions_web.source``, ``commandes_web.source``, ``particuliers.source_acquisition``."""

MOTIFS_RETOUR = (
    "taille ou couleur",
    "défaut",
    "non conforme à la photo",
    "changement d'avis",
    "colis endommagé",
)
"""``retours.motif``."""

CANAUX_INTERACTION = ("téléphone", "chat", "e-mail", "réseaux sociaux")
"""``interactions.canal``."""

SENS_INTERACTION = ("entrant", "sortant")
"""``interactions.sens``."""

MOTIFS_INTERACTION = (
    "suivi de commande",
    "prise de commande",
    "information produit",
    "retour ou échange",
    "facturation",
    "réclamation",
    "relance commerciale",
    "prise de rendez-vous",
)
"""``interactions.motif`` (the last two on outgoing contacts)."""

MOTIFS_RECLAMATION = (
    "retard de livraison",
    "produit défectueux",
    "erreur de commande",
    "colis endommagé",
    "facturation",
    "remboursement",
)
"""``reclamations.motif``."""

STATUTS_RECLAMATION = ("ouverte", "en cours", "close")
"""``reclamations.statut``."""

PLATEFORMES_AVIS = ("Google", "Trustpilot", "marketplace", "site")
"""``avis.plateforme``."""

# Bloc 3 (networks): the values of the stores', partners' and VDI tables (CONTRAT_DONNEES.md).
GAMMES_GMS = tuple(g for g in GAMMES if g != "Souvenirs sous licence")
"""The ranges on a supermarket shelf (``sell_out.gamme``, ``releves_magasin.gamme``,
``operations_promo.gamme``): the licensed souvenirs are sold in Paris shops only."""

FORMATS_MAGASIN = ("hypermarché", "supermarché", "proximité")
"""``magasins.format``."""

MECANIQUES_PROMO = ("remise immédiate", "lot", "carte de fidélité", "prix barré")
"""``operations_promo.mecanique``."""

TYPES_PARTENAIRE = ("distributeur", "franchisé", "agent", "VDI")
"""``partenaires.type``."""

TYPES_ACTION = ("challenge", "formation", "PLV", "réunion", "visite")
"""``actions_animation.type``."""

STATUTS_VDI = ("mandataire", "acheteur-revendeur")
"""``vdi.statut``."""
