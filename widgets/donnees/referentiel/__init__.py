"""The project's own referential: savoirs of the BTS NRC guide, NDRC blocs and competences.

Extracted once from the *Guide d'accompagnement pédagogique du BTS NRC* (savoirs: code,
title, teaching unit, contents as the guide lists them) and from the BTS NDRC référentiel
(blocs de compétences 1 to 3 and their competences). The data ship with the package
(``savoirs.csv``, ``competences_ndrc.csv``, semicolon-separated UTF-8): nothing outside the
repository is read, so tests pass on a fresh clone.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from widgets.erreurs import ErreurAtelier

__all__ = [
    "Competence",
    "Savoir",
    "competences",
    "libelles",
    "savoir",
    "savoirs",
    "titre_savoir",
]


@dataclass(frozen=True)
class Savoir:
    """One savoir of the guide: ``S531``, its title, teaching unit and listed contents."""

    code: str
    titre: str
    unite: str
    referentiel: str
    contenus: tuple[str, ...]

    @property
    def libelle(self) -> str:
        """``S531 L'estimation de l'effort commercial``: code and title, as headers print them."""
        return f"{self.code} {self.titre}"


@dataclass(frozen=True)
class Competence:
    """One competence of an NDRC bloc (bloc number, bloc title, exam unit, wording)."""

    bloc: int
    titre_bloc: str
    unite: str
    intitule: str


def _lignes(nom: str) -> list[dict[str, str]]:
    texte = resources.files(__name__).joinpath(nom).read_text(encoding="utf-8")
    return list(csv.DictReader(texte.splitlines(), delimiter=";"))


@cache
def _savoirs() -> dict[str, Savoir]:
    return {
        ligne["code"]: Savoir(
            code=ligne["code"],
            titre=ligne["titre"],
            unite=ligne["unite"],
            referentiel=ligne["referentiel"],
            contenus=tuple(c.strip() for c in ligne["contenus"].split("|") if c.strip()),
        )
        for ligne in _lignes("savoirs.csv")
    }


def savoirs() -> tuple[Savoir, ...]:
    """Every savoir of the referential, in the order of the data file (by code)."""
    return tuple(_savoirs().values())


def savoir(code: str) -> Savoir:
    """The savoir ``code`` (``"S531"``); an unknown code is an ``ErreurAtelier`` in French."""
    try:
        return _savoirs()[code.strip().upper().replace(" ", "")]
    except KeyError:
        raise ErreurAtelier(
            f"Le savoir « {code} » n'existe pas dans le référentiel du BTS.", champ="savoir"
        ) from None


def titre_savoir(code: str) -> str:
    """The title of ``code``, or an empty string for a code the referential does not know."""
    s = _savoirs().get(code)
    return s.titre if s else ""


def libelles(codes) -> str:
    """``S822 Utilisation de bases de données ; S432 Les outils de la connaissance``: codes with
    their titles, in the given order, each once; a code the referential does not know is kept
    as it is."""
    vus = dict.fromkeys(str(c) for c in codes)
    return " ; ".join(f"{c} {titre_savoir(c)}".strip() for c in vus)


@cache
def competences() -> tuple[Competence, ...]:
    """The NDRC competences, bloc by bloc (blocs 1, 2 and 3)."""
    return tuple(
        Competence(int(ligne["bloc"]), ligne["titre_bloc"], ligne["unite"], ligne["competence"])
        for ligne in _lignes("competences_ndrc.csv")
    )
