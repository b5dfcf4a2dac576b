"""Declaring an exercise: data plus a small generator.

An :class:`Exercice` is what a catalogue module declares (with the :func:`exercice` decorator):
a code, a title, the savoirs it trains and a *generator*, a function that receives a
``random.Random`` already seeded for one student and returns a :class:`Variante`: the statement
(French Markdown), the drawn parameters, the checker (``controle``, which carries the expected
answer computed by ``widgets.calculs`` or by the teacher's reference SQL), the hints and the
worked solution.

The seed of a variant is derived with SHA-256 from (exercise code, student, seed), never with
Python's salted ``hash()``: the same triple gives the same figures on every PC and every run,
so a teacher regenerates any student's paper and corrigé (``atelier corrige``).
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from widgets.erreurs import ErreurAtelier

TITRES_UNITES = {
    "gestion_clientele": "Gestion de clientèles",
    "relation_client": "Relation client et négociation-vente",
    "management_equipe": "Management de l'équipe commerciale",
    "gestion_projet": "Gestion de projet",
    "finance": "Finance et rentabilité",
    "relation_digitale": "Relation client digitale (NDRC, bloc 2)",
    "relation_distance": "Relation client à distance et e-commerce (NDRC, bloc 2)",
    "animation_reseaux": "Animation de réseaux (NDRC, bloc 3)",
}
"""The teaching units (code → French title, the one place that names them)."""

UNITES = tuple(TITRES_UNITES)
"""Unit codes; a catalogue module lives in ``catalogue/<unite>/<theme>.py``."""


class ExerciceInconnu(ErreurAtelier):
    """Aucun exercice (ou aucune unité) ne porte ce code."""


@dataclass(frozen=True)
class Champ:
    """One answer field shown to the student (``nom`` is the key of the answer mapping)."""

    nom: str
    libelle: str
    genre: str = "nombre"  # "nombre" (one line), "sql" (several lines), "choix" (options)
    unite: str = ""
    #: What the empty box shows (placeholder), in the precision the check expects.
    exemple: str = ""
    #: For a "choix": (letter, text) of each option, in the order the student sees them.
    options: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Verdict:
    """The result of a check: ``correct``, ``score`` in [0, 1], a French ``message``.

    ``details`` holds one entry per checked part (table cell, SQL aspect) for the corrigé and
    the widget; ``piege`` names the wrong convention recognised, if any; ``lisible`` is False
    when the answer could not even be read (letters, empty…): not counted as an attempt.
    """

    correct: bool
    score: Decimal
    message: str
    details: tuple[Any, ...] = ()
    piege: str | None = None
    lisible: bool = True


class Controle(Protocol):
    """What every checker offers (see ``widgets.exercices.controles``)."""

    points: Decimal

    def champs(self) -> tuple[Champ, ...]:
        """The answer fields the student fills."""

    def verifier(self, reponse: Any) -> Verdict:
        """Judge the student's answer (a string, or a mapping field name → string)."""

    def reponse_attendue(self) -> str:
        """The expected answer, French-formatted, for the corrigé (Markdown)."""

    def bareme(self) -> tuple[tuple[str, Decimal], ...]:
        """(item, points) lines of the marking scheme."""


@dataclass(frozen=True)
class Variante:
    """One student's version of an exercise: everything needed to sit it and to correct it."""

    enonce: str
    controle: Controle
    solution: str
    indices: tuple[str, ...] = ()
    parametres: dict[str, Any] = field(default_factory=dict)


Generateur = Callable[[random.Random], Variante]


def normaliser_etudiant(etudiant: str) -> str:
    """The student identifier as used in seeds and in the progress file.

    Leading/trailing spaces are dropped, case and accents folded (``" Élodie "`` and
    ``"elodie"`` are the same student), so the teacher may type the name loosely.
    """
    texte = unicodedata.normalize("NFKD", str(etudiant).strip().casefold())
    return "".join(c for c in texte if not unicodedata.combining(c))


def graine_variante(code: str, etudiant: str, graine: int = 0) -> int:
    """A 64-bit seed from (exercise code, student, seed), stable across runs and machines."""
    cle = "\x1f".join((code, normaliser_etudiant(etudiant), str(int(graine))))
    return int.from_bytes(hashlib.sha256(cle.encode("utf-8")).digest()[:8], "big")


@dataclass(frozen=True)
class Exercice:
    """A declared exercise. ``code`` is ``"<unite>/<nom>"``, e.g. ``relation_client/net-a-payer-1``.

    ``essais_avant_solution``: the worked solution is shown after a success or after that many
    wrong attempts.
    """

    code: str
    unite: str
    titre: str
    generateur: Generateur
    savoirs: tuple[str, ...] = ()
    theme: str = ""
    essais_avant_solution: int = 3

    def variante(self, etudiant: str, graine: int = 0) -> Variante:
        """This student's variant (same arguments → same figures, everywhere)."""
        alea = random.Random(graine_variante(self.code, etudiant, graine))
        return self.generateur(alea)


def tirer_decimal(alea: random.Random, mini: int, maxi: int, pas: int = 1, decimales: int = 0):
    """A Decimal drawn uniformly among ``mini, mini + pas, ... maxi``, scaled by 10^-decimales.

    ``tirer_decimal(alea, 1000, 5000, 50, 2)`` gives 10,00 … 50,00 by steps of 0,50.
    """
    n = alea.randrange(mini, maxi + 1, pas)
    return Decimal(n).scaleb(-decimales)
