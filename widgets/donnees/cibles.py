"""Cibles de prospection, entonnoir et réalisé, lus dans la base clients (lecture seule).

- :func:`selectionner_cibles` : clients et prospects à visiter, filtrés par secteur, type,
  département, potentiel (CA HT facturé sur 12 mois), clients dormants ; avec les
  coordonnées réelles de leur commune ;
- :func:`entonnoir` : effectifs contacts → rendez-vous → visites → commandes de la table
  ``visites`` (taux de transformation pour les résultats attendus) ;
- :func:`moyennes_visites` : durée et kilomètres moyens d'une visite ;
- :func:`realise` et :func:`objectifs` : le réalisé et les objectifs d'une période, pour le
  tableau de bord prévu / réalisé.

La base est ouverte en lecture seule (URI ``mode=ro``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from widgets.calculs.arrondis import arrondi, arrondi_centime
from widgets.calculs.entonnoir import CODES_ETAPES, Entonnoir
from widgets.calculs.tournee import Arret
from widgets.donnees.base import requete_lecture_seule

AUJOURD_HUI = "2025-12-31"


@dataclass(frozen=True)
class Cible:
    """Un client ou un prospect à visiter, placé sur la carte par sa commune."""

    nature: str  # "client" ou "prospect"
    identifiant: int
    raison_sociale: str
    type_client: str
    commune: str
    code_insee: str
    latitude: float
    longitude: float
    id_commercial: int | None
    ca_12_mois: Decimal
    derniere_commande: str | None

    def arret(self) -> Arret:
        """L'arrêt de tournée correspondant."""
        return Arret(
            self.raison_sociale,
            self.latitude,
            self.longitude,
            f"{self.nature}-{self.identifiant}",
            self.commune,
        )


def _requete(base: Path | str | None, sql: str, parametres: Sequence | dict = ()) -> list:
    return requete_lecture_seule(base, sql, parametres, champ="Base clients")


def _cle_doublon(nom: object) -> str:
    """``"L'Étoile  Souvenirs E.U.R.L."`` et ``"L'ETOILE SOUVENIRS EURL"`` → même clé : sans
    accents, casse, points ni espaces en trop (les doublons d'un fichier saisi à la main)."""
    texte = unicodedata.normalize("NFKD", str(nom or "")).casefold().replace(".", "")
    texte = "".join(c for c in texte if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", texte).split())


def _mois_avant(reference: str, mois: int) -> str:
    d = date.fromisoformat(reference)
    total = d.year * 12 + d.month - 1 - mois
    annee, m = divmod(total, 12)
    jour = min(d.day, 28)
    return date(annee, m + 1, jour).isoformat()


_SQL_CLIENTS = """
WITH ventes AS (
    SELECT c.id_client,
           MAX(CASE WHEN c.statut <> 'annulée' THEN c.date_commande END) AS derniere
    FROM commandes c GROUP BY c.id_client
),
ca AS (
    SELECT f.id_client, SUM(f.montant_ht) AS ca
    FROM factures f
    WHERE f.date_facture > :debut_12 AND f.date_facture <= :reference
    GROUP BY f.id_client
)
SELECT 'client', cl.id_client, cl.raison_sociale, cl.type_client, co.nom, co.code_insee,
       co.latitude, co.longitude, cl.id_commercial, COALESCE(ca.ca, 0), v.derniere,
       cl.id_secteur, co.departement
FROM clients cl
JOIN communes co ON co.code_insee = cl.code_insee
LEFT JOIN ventes v ON v.id_client = cl.id_client
LEFT JOIN ca ON ca.id_client = cl.id_client
ORDER BY cl.id_client
"""

_SQL_PROSPECTS = """
WITH commune_cp AS (
    SELECT code_postal, MIN(code_insee) AS code_insee FROM communes GROUP BY code_postal
)
SELECT 'prospect', p.id_prospect, TRIM(p.raison_sociale), COALESCE(p.type_client, ''),
       co.nom, co.code_insee, co.latitude, co.longitude, p.id_commercial, 0, NULL,
       cm.id_secteur, co.departement
FROM prospects p
JOIN commune_cp cp ON cp.code_postal = TRIM(p.code_postal)
JOIN communes co ON co.code_insee = cp.code_insee
LEFT JOIN commerciaux cm ON cm.id_commercial = p.id_commercial
WHERE TRIM(COALESCE(p.raison_sociale, '')) <> ''
  AND p.id_prospect NOT IN (SELECT id_prospect FROM visites WHERE id_prospect IS NOT NULL
                            AND etape = 'commande')
ORDER BY p.id_prospect
"""


def selectionner_cibles(
    base: Path | str | None = None,
    *,
    natures: Sequence[str] = ("client", "prospect"),
    types: Sequence[str] = (),
    id_secteur: int | None = None,
    departements: Sequence[str] = (),
    potentiel_min: Decimal | int | None = None,
    dormants_depuis_mois: int | None = None,
    reference: str = AUJOURD_HUI,
    limite: int | None = None,
) -> list[Cible]:
    """Les cibles qui répondent à tous les critères donnés.

    - ``types`` : types de client (``"Boutique de souvenirs"``, ``"GMS"``…) ;
    - ``id_secteur`` : secteur du client (pour un prospect : celui de son commercial) ;
    - ``departements`` : numéros de département (``"75"``) ;
    - ``potentiel_min`` : CA HT facturé sur les 12 mois précédant ``reference`` au moins égal
      (ne garde que des clients) ;
    - ``dormants_depuis_mois`` : clients sans commande (non annulée) depuis ce nombre de mois
      (ne garde que des clients) ;
    - les prospects sans code postal reconnu, sans nom, ou déjà convertis sont écartés ; un
      prospect saisi deux fois (même nom aux accents, majuscules, points et espaces près,
      même commune) n'est gardé qu'une fois.
    """
    parametres = {"reference": reference, "debut_12": _mois_avant(reference, 12)}
    lignes: list = []
    if "client" in natures:
        lignes += _requete(base, _SQL_CLIENTS, parametres)
    if "prospect" in natures and potentiel_min is None and dormants_depuis_mois is None:
        vus: set[tuple[str, str]] = set()
        for ligne in _requete(base, _SQL_PROSPECTS):
            cle = (_cle_doublon(ligne[2]), ligne[5])
            if cle not in vus:
                vus.add(cle)
                lignes.append(ligne)
    seuil_dormant = (
        _mois_avant(reference, dormants_depuis_mois) if dormants_depuis_mois is not None else None
    )
    potentiel = Decimal(str(potentiel_min)) if potentiel_min is not None else None
    cibles = []
    for ligne in lignes:
        nature, ident, nom, type_client, commune, insee, lat, lon, comm, ca, der, sect, dep = ligne
        ca_d = arrondi_centime(Decimal(str(ca)))
        if types and type_client not in types:
            continue
        if id_secteur is not None and sect != id_secteur:
            continue
        if departements and dep not in departements:
            continue
        if potentiel is not None and ca_d < potentiel:
            continue
        if seuil_dormant is not None and der is not None and der > seuil_dormant:
            continue
        cibles.append(
            Cible(nature, ident, nom, type_client, commune, insee, lat, lon, comm, ca_d, der)
        )
        if limite is not None and len(cibles) >= limite:
            break
    return cibles


def lister_secteurs(base: Path | str | None = None) -> list[tuple[int, str]]:
    """Les secteurs (identifiant, nom) pour une liste déroulante."""
    return [tuple(r) for r in _requete(base, "SELECT id_secteur, nom FROM secteurs ORDER BY nom")]


def lister_commerciaux(base: Path | str | None = None) -> list[tuple[int, str]]:
    """Les commerciaux (identifiant, « Prénom Nom »)."""
    sql = "SELECT id_commercial, prenom || ' ' || nom FROM commerciaux ORDER BY nom, prenom"
    return [tuple(r) for r in _requete(base, sql)]


def _filtre(id_commercial: int | None, id_secteur: int | None, alias: str) -> tuple[str, dict]:
    morceaux, parametres = [], {}
    if id_commercial is not None:
        morceaux.append(f"{alias}.id_commercial = :id_commercial")
        parametres["id_commercial"] = id_commercial
    if id_secteur is not None:
        morceaux.append(
            f"{alias}.id_commercial IN (SELECT id_commercial FROM commerciaux "
            "WHERE id_secteur = :id_secteur)"
        )
        parametres["id_secteur"] = id_secteur
    return "".join(f" AND {m}" for m in morceaux), parametres


def entonnoir(
    base: Path | str | None = None,
    *,
    debut: str = "0000-01-01",
    fin: str = "9999-12-31",
    id_commercial: int | None = None,
    id_secteur: int | None = None,
) -> Entonnoir:
    """Effectifs de chaque étape (lignes de ``visites``) entre ``debut`` et ``fin`` inclus."""
    filtre, parametres = _filtre(id_commercial, id_secteur, "v")
    sql = (
        "SELECT etape, COUNT(*) FROM visites v WHERE date_visite BETWEEN :debut AND :fin"
        f"{filtre} GROUP BY etape"
    )
    comptes = dict(_requete(base, sql, {"debut": debut, "fin": fin, **parametres}))
    return Entonnoir(*(comptes.get(code, 0) for code in CODES_ETAPES))


@dataclass(frozen=True)
class MoyennesVisites:
    """Durée (min) et kilomètres (aller-retour) moyens d'une visite, et CA moyen d'une commande."""

    duree_min: Decimal
    km: Decimal
    panier_moyen_ht: Decimal


def moyennes_visites(base: Path | str | None = None) -> MoyennesVisites:
    """Moyennes observées dans la base (étape « visite » ; commandes non annulées)."""
    duree, km = _requete(
        base, "SELECT AVG(duree_min), AVG(km) FROM visites WHERE etape = 'visite'"
    )[0]
    (panier,) = _requete(
        base,
        "SELECT AVG(t) FROM (SELECT SUM(l.montant_ht) * (1 - c.remise_pct / 100.0) AS t "
        "FROM commandes c JOIN lignes_commande l ON l.id_commande = c.id_commande "
        "WHERE c.statut <> 'annulée' GROUP BY c.id_commande)",
    )[0]

    def d(x: float | None, decimales: int) -> Decimal:
        return arrondi(Decimal(str(x or 0)), decimales)

    return MoyennesVisites(d(duree, 0), d(km, 1), d(panier, 2))


@dataclass(frozen=True)
class Realise:
    """Réalisé d'une période : CA HT facturé et nouveaux clients (comptes ouverts)."""

    chiffre_affaires: Decimal
    nouveaux_clients: int


def realise(
    base: Path | str | None = None,
    *,
    debut: str,
    fin: str,
    id_commercial: int | None = None,
    id_secteur: int | None = None,
    type_client: str | None = None,
) -> Realise:
    """CA HT facturé (factures datées de ``debut`` à ``fin`` inclus, commercial de la commande)
    et nouveaux clients (date d'ouverture du compte dans la période, commercial attitré) ;
    ``type_client`` restreint aux clients de ce type (``"Boutique de souvenirs"``…)."""
    filtre_c, param = _filtre(id_commercial, id_secteur, "c")
    filtre_type = ""
    if type_client is not None:
        filtre_type = " AND cl.type_client = :type_client"
        param["type_client"] = type_client
    (ca,) = _requete(
        base,
        "SELECT COALESCE(SUM(f.montant_ht), 0) FROM factures f "
        "JOIN commandes c ON c.id_commande = f.id_commande "
        "JOIN clients cl ON cl.id_client = f.id_client "
        f"WHERE f.date_facture BETWEEN :debut AND :fin{filtre_c}{filtre_type}",
        {"debut": debut, "fin": fin, **param},
    )[0]
    filtre_cl, param2 = _filtre(id_commercial, id_secteur, "cl")
    if type_client is not None:
        param2["type_client"] = type_client
    (nouveaux,) = _requete(
        base,
        "SELECT COUNT(*) FROM clients cl WHERE cl.date_creation BETWEEN :debut AND :fin"
        f"{filtre_cl}{filtre_type}",
        {"debut": debut, "fin": fin, **param2},
    )[0]
    return Realise(arrondi_centime(Decimal(str(ca))), int(nouveaux))


def objectifs(
    base: Path | str | None = None,
    *,
    mois_debut: str,
    mois_fin: str,
    id_commercial: int | None = None,
    id_secteur: int | None = None,
) -> Realise:
    """Somme des objectifs mensuels (table ``objectifs``) de ``mois_debut`` à ``mois_fin``
    (``AAAA-MM``), même forme que :class:`Realise`."""
    filtre, param = _filtre(id_commercial, id_secteur, "o")
    ca, nouveaux = _requete(
        base,
        "SELECT COALESCE(SUM(ca_objectif), 0), COALESCE(SUM(nouveaux_clients_objectif), 0) "
        f"FROM objectifs o WHERE mois BETWEEN :debut AND :fin{filtre}",
        {"debut": mois_debut, "fin": mois_fin, **param},
    )[0]
    return Realise(arrondi_centime(Decimal(str(ca))), int(nouveaux))
