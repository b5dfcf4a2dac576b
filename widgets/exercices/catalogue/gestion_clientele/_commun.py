"""Petits outils partagés par les exercices SQL de l'unité « gestion de clientèles ».

Pas d'exercice ici : des constantes tirées du schéma de la base et des aides d'écriture.
Tous les paramètres sont tirés de ``alea`` et valent pour toute base construite par
``widgets.donnees.generation`` (quelle que soit sa taille : les identifiants 1 à 9 de
commerciaux, 1 à 300 de clients et les 300 premières factures de chaque année existent toujours).
"""

from __future__ import annotations

import random

from widgets.calculs.entonnoir import CODES_ETAPES as ETAPES
from widgets.calculs.format import MOIS  # noqa: F401  (the catalogue modules use it)
from widgets.donnees.generation.referentiels import ID_SECTEUR_SOUVENIRS, SECTEURS
from widgets.donnees.vocabulaire import GAMMES, STATUTS, TYPES_CLIENT

__all__ = [
    "ANNEES",
    "DEPARTEMENTS",
    "ETAPES",
    "GAMMES",
    "MOIS",
    "SAVOIRS_SQL",
    "STATUTS",
    "TYPES_CLIENT",
    "precision_categorie",
    "fin_de_mois",
    "secteur_au_hasard",
    "texte_sql",
    "trimestre",
]

SAVOIRS_SQL = ["S822"]


def precision_categorie(type_client: str) -> str:
    """What follows the category code in a statement: for « Comité d'entreprise », that it is
    the CSE (comité social et économique, its name since 2020); ``""`` otherwise.

    The database keeps the historical code « Comité d'entreprise » as the value to filter on.
    """
    if type_client == "Comité d'entreprise":
        return " (les CSE, comités sociaux et économiques : c'est leur code dans la base)"
    return ""


ANNEES = (2023, 2024, 2025)
DEPARTEMENTS = (
    ("75", "Paris"),
    ("69", "Rhône"),
    ("13", "Bouches-du-Rhône"),
    ("59", "Nord"),
    ("33", "Gironde"),
    ("31", "Haute-Garonne"),
    ("44", "Loire-Atlantique"),
    ("92", "Hauts-de-Seine"),
)


def texte_sql(valeur: str) -> str:
    """Un texte écrit en SQL : entre apostrophes, l'apostrophe doublée."""
    return "'" + valeur.replace("'", "''") + "'"


def fin_de_mois(annee: int, mois: int) -> str:
    """Dernier jour du mois en AAAA-MM-JJ."""
    import calendar

    return f"{annee}-{mois:02d}-{calendar.monthrange(annee, mois)[1]:02d}"


def secteur_au_hasard(alea: random.Random, *, souvenirs: bool = False) -> tuple[int, str]:
    """(id_secteur, nom) d'un secteur (sans « Paris souvenirs » sauf si ``souvenirs``)."""
    choix = [(s[0], s[1]) for s in SECTEURS if souvenirs or s[0] != ID_SECTEUR_SOUVENIRS]
    return alea.choice(choix)


def trimestre(alea: random.Random, annees: tuple[int, ...] = ANNEES) -> tuple[str, str, str]:
    """(début, fin, libellé) d'un trimestre tiré au hasard : ``('2024-04-01', '2024-06-30',
    '2e trimestre 2024')``. Sur une grosse base, un trimestre garde les requêtes rapides."""
    annee = alea.choice(annees)
    t = alea.randint(1, 4)
    debut = f"{annee}-{3 * t - 2:02d}-01"
    fin = fin_de_mois(annee, 3 * t)
    return debut, fin, f"{t}{'er' if t == 1 else 'e'} trimestre {annee}"
