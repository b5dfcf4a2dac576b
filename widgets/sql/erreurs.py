"""Les erreurs et avertissements du moteur SQL, en français, avec un code lisible par programme."""

from __future__ import annotations

import warnings
from pathlib import Path

from widgets.erreurs import ErreurAtelier


class ErreurRequete(ErreurAtelier):
    """Requête refusée ou échouée : ``str(err)`` dit à l'étudiant quoi faire.

    ``code`` est un identifiant stable pour les programmes (exercices, tests) :
    ``'lecture_seule'``, ``'interdit'``, ``'syntaxe'``, ``'table_inconnue'``,
    ``'colonne_inconnue'``, ``'colonne_ambigue'``, ``'texte_sans_guillemets'``,
    ``'virgule_decimale'``, ``'group_by'``, ``'temps_depasse'``, ``'plusieurs_instructions'``,
    ``'vide'``, ``'trop_gros'``, ``'memoire'``, ``'contrainte'``, ``'base_introuvable'``,
    ``'moteur'``, ``'erreur'``.
    ``detail`` garde le message d'origine de SQLite (ou ``None``).
    """

    def __init__(
        self,
        message: str,
        code: str = "erreur",
        *,
        detail: str | None = None,
        champ: str | None = None,
    ) -> None:
        super().__init__(message, champ=champ)
        self.code = code
        self.detail = detail

    def __reduce__(self):  # picklable (the message travels between processes)
        return (_refaire, (self.message, self.code, self.detail, self.champ))


def _refaire(message: str, code: str, detail: str | None, champ: str | None) -> ErreurRequete:
    return ErreurRequete(message, code, detail=detail, champ=champ)


class Avertissement(str):
    """Un avertissement en français (c'est une chaîne) qui porte aussi un ``code``.

    Codes : ``'produit_cartesien'``, ``'group_by'``, ``'virgule_decimale'``, ``'tronque'``.
    """

    code: str

    def __new__(cls, texte: str, code: str) -> Avertissement:
        obj = super().__new__(cls, texte)
        obj.code = code
        return obj

    def __reduce__(self):
        return (Avertissement, (str(self), self.code))


def base_existante(database: str | Path, quoi: str = "La base") -> Path:
    """``database`` as a Path, or a French ``ErreurRequete('base_introuvable')`` if no file."""
    chemin = Path(database)
    if not chemin.is_file():
        raise ErreurRequete(
            f"{quoi} « {chemin.name} » est introuvable. Vérifiez le chemin ou construisez-la "
            "avec « atelier construire-base ».",
            "base_introuvable",
        )
    return chemin


def nom_deprecie(ancien: str, nouveau: str) -> None:
    """Warn (DeprecationWarning, at the caller's caller) that ``ancien`` became ``nouveau``:
    the English names of the first release's SQL API still work (naming rule)."""
    warnings.warn(
        f"widgets.sql.{ancien} est l'ancien nom de widgets.sql.{nouveau} : utilisez {nouveau}.",
        DeprecationWarning,
        stacklevel=3,
    )


def __getattr__(nom: str) -> object:
    if nom == "QueryError":
        nom_deprecie("QueryError", "ErreurRequete")
        return ErreurRequete
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
