"""Marking grids (grilles d'évaluation) for open work: criteria × levels × points (pure).

A :class:`Grille` lists criteria; each :class:`Critere` has ordered :class:`Niveau` (a French
label and the points it gives). The teacher picks one level per criterion for a student's work
(:func:`evaluer`); the result gives the points per criterion, the total over the grid's maximum
and the fraction that :func:`widgets.calculs.bareme.noter` turns into points of a devoir.

Default grids: :data:`GRILLES_EVALUATION` (plan de vente, plan d'action, answer to an « À vous »
question of a notebook). Every error is an :class:`~widgets.erreurs.ErreurAtelier` in French.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs.bareme import ZERO, note_sur_20, points_positifs
from widgets.erreurs import ErreurAtelier


@dataclass(frozen=True)
class Niveau:
    """One level of a criterion: French label and points."""

    libelle: str
    points: Decimal


@dataclass(frozen=True)
class Critere:
    """One criterion: its name, what is looked at, and its levels (lowest first)."""

    nom: str
    niveaux: tuple[Niveau, ...]
    description: str = ""

    @property
    def maximum(self) -> Decimal:
        return max(n.points for n in self.niveaux)

    def niveau(self, libelle: str) -> Niveau:
        for n in self.niveaux:
            if n.libelle == libelle:
                return n
        possibles = ", ".join(f"« {n.libelle} »" for n in self.niveaux)
        raise ErreurAtelier(
            f"Le critère « {self.nom} » n'a pas de niveau « {libelle} » (niveaux : {possibles}).",
            champ=self.nom,
        )


@dataclass(frozen=True)
class Grille:
    """A marking grid. Build it with :func:`grille` (validated) or :meth:`depuis_dict`."""

    code: str
    titre: str
    criteres: tuple[Critere, ...]

    @property
    def maximum(self) -> Decimal:
        return sum((c.maximum for c in self.criteres), ZERO)

    def vers_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "titre": self.titre,
            "criteres": [
                {
                    "nom": c.nom,
                    "description": c.description,
                    "niveaux": [[n.libelle, str(n.points)] for n in c.niveaux],
                }
                for c in self.criteres
            ],
        }

    @classmethod
    def depuis_dict(cls, d: Mapping[str, Any]) -> Grille:
        return grille(
            d.get("code", ""),
            d.get("titre", ""),
            [
                (c.get("nom", ""), c.get("niveaux", []), c.get("description", ""))
                for c in d.get("criteres", [])
            ],
        )


def grille(code: str, titre: str, criteres: list[tuple[Any, ...]]) -> Grille:
    """A validated :class:`Grille` from ``[(nom, [(libellé, points), …], description?), …]``.

    Refused in French: no code or title, no criterion, a criterion without a name or with fewer
    than two levels, two criteria or two levels with the same name, negative points, a grid
    whose maximum is zero.
    """
    code, titre = str(code).strip(), str(titre).strip()
    if not code or not titre:
        raise ErreurAtelier("Une grille a un code et un titre.", champ="grille")
    if not criteres:
        raise ErreurAtelier(f"La grille « {titre} » n'a aucun critère.", champ="criteres")
    construits: list[Critere] = []
    for entree in criteres:
        nom, niveaux = str(entree[0]).strip(), entree[1]
        description = str(entree[2]).strip() if len(entree) > 2 else ""
        if not nom:
            raise ErreurAtelier("Un critère de la grille n'a pas de nom.", champ="criteres")
        if any(c.nom == nom for c in construits):
            raise ErreurAtelier(f"Le critère « {nom} » figure deux fois.", champ=nom)
        if len(niveaux) < 2:
            raise ErreurAtelier(
                f"Le critère « {nom} » doit avoir au moins deux niveaux.", champ=nom
            )
        faits = []
        for libelle, points in niveaux:
            libelle = str(libelle).strip()
            if not libelle:
                raise ErreurAtelier(f"Un niveau du critère « {nom} » n'a pas de nom.", champ=nom)
            if any(n.libelle == libelle for n in faits):
                raise ErreurAtelier(
                    f"Le niveau « {libelle} » figure deux fois dans « {nom} ».", champ=nom
                )
            faits.append(Niveau(libelle, points_positifs(points, nom, zero_permis=True)))
        construits.append(Critere(nom, tuple(faits), description))
    resultat = Grille(code, titre, tuple(construits))
    if resultat.maximum <= 0:
        raise ErreurAtelier(f"La grille « {titre} » ne rapporte aucun point.", champ="criteres")
    return resultat


@dataclass(frozen=True)
class ResultatGrille:
    """A filled grid: (criterion, level, points) lines, total, maximum, fraction, note /20."""

    lignes: tuple[tuple[str, str, Decimal], ...]
    total: Decimal
    maximum: Decimal

    @property
    def fraction(self) -> Decimal:
        return self.total / self.maximum

    @property
    def sur_20(self) -> Decimal:
        return note_sur_20(self.total, self.maximum)


def evaluer(g: Grille, choix: Mapping[str, str]) -> ResultatGrille:
    """Points of ``choix`` (criterion name → level label); every criterion must be marked."""
    inconnus = [nom for nom in choix if nom not in {c.nom for c in g.criteres}]
    if inconnus:
        raise ErreurAtelier(
            f"La grille « {g.titre} » n'a pas de critère « {inconnus[0]} ».", champ=inconnus[0]
        )
    manquants = [c.nom for c in g.criteres if not choix.get(c.nom)]
    if manquants:
        liste = ", ".join(f"« {m} »" for m in manquants)
        mot = "Critère non noté" if len(manquants) == 1 else "Critères non notés"
        raise ErreurAtelier(f"{mot} : {liste}.", champ=manquants[0])
    lignes = tuple((c.nom, choix[c.nom], c.niveau(choix[c.nom]).points) for c in g.criteres)
    return ResultatGrille(lignes, sum((p for *_, p in lignes), ZERO), g.maximum)


def _echelle(maxi: int) -> list[tuple[str, int | str]]:
    """The four usual levels, from nothing to the criterion's maximum."""
    return [
        ("Non traité", 0),
        ("Insuffisant", str(Decimal(maxi) / 4)),
        ("Satisfaisant", str(Decimal(maxi) * 3 / 4)),
        ("Très satisfaisant", maxi),
    ]


GRILLES_EVALUATION: dict[str, Grille] = {
    g.code: g
    for g in (
        grille(
            "plan-de-vente",
            "Plan de vente",
            [
                ("Prise de contact", _echelle(2), "accroche adaptée au client et au scénario"),
                (
                    "Découverte",
                    _echelle(4),
                    "questions ouvertes, fermées, alternatives ; reformulation ; mobiles trouvés",
                ),
                ("Argumentation CAP", _echelle(6), "arguments reliés aux mobiles, avec preuves"),
                ("Traitement des objections", _echelle(4), "technique nommée et adaptée"),
                ("Conclusion et suivi", _echelle(4), "technique de conclusion, suite prévue"),
            ],
        ),
        grille(
            "plan-action",
            "Plan d'action commerciale",
            [
                ("Objectifs", _echelle(4), "chiffrés, datés, cohérents avec le diagnostic"),
                ("Actions", _echelle(6), "responsable, dates, effets attendus de chaque action"),
                ("Budget", _echelle(4), "budget complet, couverture des objectifs"),
                ("Planning", _echelle(2), "réaliste, sans chevauchement impossible"),
                ("Tableau de bord", _echelle(4), "indicateurs, écarts analysés"),
            ],
        ),
        grille(
            "a-vous",
            "Réponse à une question « À vous » d'un carnet",
            [
                ("Pertinence", _echelle(4), "la réponse traite la question posée"),
                ("Appui sur les chiffres", _echelle(4), "chiffres de la base ou du calcul cités"),
                ("Justification", _echelle(2), "raisonnement commercial, vocabulaire exact"),
            ],
        ),
    )
}
"""The default grids (code → grid): ``plan-de-vente``, ``plan-action``, ``a-vous``."""


def grille_par_code(code: str) -> Grille:
    """A default grid by code (French error listing the codes)."""
    if code not in GRILLES_EVALUATION:
        codes = ", ".join(GRILLES_EVALUATION)
        raise ErreurAtelier(f"Aucune grille ne porte le code « {code} » (grilles : {codes}).")
    return GRILLES_EVALUATION[code]
