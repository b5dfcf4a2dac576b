"""Lecture seule du catalogue (table ``produits``) et des clients pour le constructeur de factures.

The database is opened with a read-only ``mode=ro`` URI (a student can never modify the shared
reference database from a widget). Amounts come out as ``Decimal`` rounded to the cent.
A missing or unreadable database raises :class:`~widgets.erreurs.ErreurAtelier` with a French
message; the invoice widget then falls back to free entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from widgets.calculs.arrondis import arrondi, arrondi_centime
from widgets.donnees.base import ouvrir_lecture_seule, requete_lecture_seule

__all__ = [
    "ClientFacture",
    "Produit",
    "lister_clients",
    "lister_produits",
    "ouvrir_lecture_seule",  # re-exported from widgets.donnees.base (old import path)
    "requete_lecture_seule",
]


@dataclass(frozen=True)
class Produit:
    """Un article du catalogue (prix et coût HT en euros, TVA en %)."""

    id_produit: int
    reference: str
    designation: str
    gamme: str
    prix_unitaire_ht: Decimal
    cout_achat_ht: Decimal
    taux_tva: Decimal

    @property
    def libelle(self) -> str:
        """Texte de la liste déroulante : ``REF — Désignation``."""
        return f"{self.reference} — {self.designation}"


@dataclass(frozen=True)
class ClientFacture:
    """Ce qu'une facture doit dire de l'acheteur (identité, adresse, SIREN, délai)."""

    id_client: int
    raison_sociale: str
    adresse: str
    code_postal: str
    ville: str
    siret: str
    delai_paiement_jours: int

    @property
    def siren(self) -> str:
        """Les 9 premiers chiffres du SIRET."""
        return "".join(c for c in self.siret if c.isdigit())[:9]


def _centimes(valeur: float | int | None) -> Decimal:
    return arrondi_centime(Decimal(str(valeur if valeur is not None else 0)))


def _taux(valeur: float | int | None) -> Decimal:
    """20.0 → Decimal('20') ; 5.5 → Decimal('5.5') (jamais de notation 2E+1)."""
    d = Decimal(str(valeur if valeur is not None else 20))
    return arrondi(d, 0) if d == d.to_integral_value() else d.normalize()


def lister_produits(
    base: Path | str | None = None, *, actifs_seulement: bool = True
) -> list[Produit]:
    """Les produits du catalogue, triés par gamme puis référence."""
    filtre = "WHERE actif = 1" if actifs_seulement else ""
    lignes = requete_lecture_seule(
        base,
        "SELECT id_produit, reference, designation, gamme, prix_unitaire_ht, cout_achat_ht, "
        f"taux_tva FROM produits {filtre} ORDER BY gamme, reference",
        champ="Catalogue",
    )
    return [
        Produit(
            id_produit=int(r["id_produit"]),
            reference=str(r["reference"]),
            designation=str(r["designation"]),
            gamme=str(r["gamme"]),
            prix_unitaire_ht=_centimes(r["prix_unitaire_ht"]),
            cout_achat_ht=_centimes(r["cout_achat_ht"]),
            taux_tva=_taux(r["taux_tva"]),
        )
        for r in lignes
    ]


def lister_clients(
    base: Path | str | None = None, *, limite: int | None = None
) -> list[ClientFacture]:
    """Les clients (acheteurs possibles), triés par raison sociale ; au plus ``limite``."""
    lignes = requete_lecture_seule(
        base,
        "SELECT id_client, raison_sociale, adresse, code_postal, ville, siret, "
        "delai_paiement_jours FROM clients ORDER BY raison_sociale, id_client LIMIT ?",
        (-1 if limite is None else limite,),
        champ="Catalogue",
    )
    return [
        ClientFacture(
            id_client=int(r["id_client"]),
            raison_sociale=str(r["raison_sociale"] or ""),
            adresse=str(r["adresse"] or ""),
            code_postal=str(r["code_postal"] or ""),
            ville=str(r["ville"] or ""),
            siret=str(r["siret"] or ""),
            delai_paiement_jours=int(r["delai_paiement_jours"] or 30),
        )
        for r in lignes
    ]
