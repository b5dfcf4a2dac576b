"""Input readers shared by the network modules (merchandising, reseau, vdi) (private).

Each reader returns an exact :class:`~decimal.Decimal` (amounts rounded to the cent) or raises
:class:`~widgets.calculs.saisie.SaisieInvalide` with a French message naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import CENT
from widgets.calculs.saisie import (
    SaisieInvalide,
    arrondi,
    arrondi_centime,
    montant,
    nombre,
    quantite,
)

__all__ = [
    "champ_de",
    "effectif",
    "euros_lus",
    "grandeur_positive",
    "lignes_lues",
    "pourcentage",
    "somme_de_montants",
]


def euros_lus(valeur: Any, champ: str, *, positif: bool = True) -> Decimal:
    """An amount in euros read the French way and rounded to the cent (half-up)."""
    return arrondi_centime(montant(valeur, champ, positif=positif))


def grandeur_positive(valeur: Any, champ: str) -> Decimal:
    """A length (or any measure) strictly greater than zero, read exactly."""
    lu = nombre(valeur, champ, positif=True)
    if lu <= 0:
        raise SaisieInvalide(f"« {valeur} » : il faut un nombre plus grand que zéro.", champ=champ)
    return lu


def pourcentage(partie: Decimal, total: Decimal) -> Decimal:
    """``partie / total × 100`` in %, rounded half-up to 2 decimals (the caller checks total)."""
    return arrondi(partie * CENT / total, 2)


def somme_de_montants(valeur: Any, champ: str) -> Decimal:
    """One amount, or a list / tuple of amounts (each rounded to the cent, then added)."""
    if isinstance(valeur, (list, tuple)):
        return sum(
            (euros_lus(v, f"{champ} ({i})") for i, v in enumerate(valeur, start=1)),
            Decimal("0.00"),
        )
    return euros_lus(valeur, champ)


def lignes_lues(lignes: Any, champ: str) -> list[Mapping[str, Any]]:
    """A non-empty sequence of mappings (one per reference, partner…)."""
    if isinstance(lignes, (str, bytes)) or not isinstance(lignes, Sequence) or not lignes:
        raise SaisieInvalide("donnez au moins une ligne (une par élément).", champ=champ)
    for i, ligne in enumerate(lignes, start=1):
        if not isinstance(ligne, Mapping):
            raise SaisieInvalide(
                "chaque ligne se donne comme un dictionnaire de valeurs nommées.",
                champ=f"{champ} {i}",
            )
    return list(lignes)


def effectif(valeur: Any, champ: str) -> int:
    """A head count (stores, people, parties): a whole number, zero allowed."""
    return quantite(valeur, champ, minimum=0)


def champ_de(ligne: Mapping[str, Any], *cles: str) -> Any:
    """The value of the first key of ``cles`` present in ``ligne`` (its French synonyms), or
    ``None``: ``champ_de(ligne, "ca", "chiffre_affaires")``."""
    for cle in cles:
        if cle in ligne:
            return ligne[cle]
    return None
