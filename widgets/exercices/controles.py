"""The checkers: each judges a student's answer and says in French WHAT is wrong.

- :class:`ControleNombre`: one number (euros, %, or plain), French typing, tolerance to the cent
  by default, and *convention diagnosis*: when a wrong answer equals (within the tolerance) the
  result of a known wrong convention (:class:`Piege`, values computed by
  ``widgets.calculs.pieges``), the message names that convention.
- :class:`ControleTableau`: a table checked cell by cell like a French corrigé, with
  *carry-forward*: each computed cell declares its formula as a function of other cells (its
  parameters' names are the cells or data it depends on); a wrong cell is re-judged against the
  formula applied to the student's OWN earlier figures, so one early slip is not punished twice.
- :class:`ControleSQL`: the student's query and the teacher's reference query both run through
  ``widgets.sql.run_query``; result sets are compared as multisets of normalised rows (numbers
  to the cent, text trimmed), columns matched by content (order and aliases ignored), row order
  ignored unless the question asks for ``ORDER BY``.

Every ``verifier`` returns a :class:`~widgets.exercices.modele.Verdict`; an unreadable answer
(letters, empty, ``12,5,3``) gives ``lisible=False`` with the parser's French message, and is
not counted as an attempt by the widget. Only :class:`ControleSQL` touches data (through
``widgets.sql``); the others are pure.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from widgets.calculs import (
    CENTIME,
    SaisieInvalide,
    accorder,
    arrondi,
    format_euros,
    format_nombre,
    format_pourcent,
    montant,
    nombre,
    taux,
)
from widgets.calculs.arrondis import ZERO
from widgets.calculs.pieges import PIEGES
from widgets.exercices.modele import Champ, Verdict

UN = Decimal(1)


def formater(valeur: Decimal, unite: str) -> str:
    """French display of a value in its unit ("€", "%" or "" for a plain number)."""
    if unite == "€":
        return format_euros(valeur)
    if unite == "%":
        return format_pourcent(valeur)
    decimales = 4 if valeur != arrondi(valeur, 3) else None
    return format_nombre(valeur, decimales) + (f" {unite}" if unite else "")


def lire(texte: Any, unite: str, champ: str) -> Decimal:
    """Read a student's French typing for a value in ``unite`` (raises ``SaisieInvalide``)."""
    if unite == "€":
        return montant(texte, champ, positif=False)
    if unite == "%":
        return taux(texte, champ, maxi=10**6)
    return nombre(texte, champ)


@dataclass(frozen=True)
class Piege:
    """A known wrong convention: its code, the value it gives, and the French explanation."""

    code: str
    valeur: Decimal
    explication: str


def piege_connu(code: str, *arguments: Any, champ: str | None = None, **options: Any) -> Piege:
    """The :class:`Piege` of a wrong convention of ``widgets.calculs.pieges.PIEGES``.

    Calls the convention's function with ``arguments``/``options`` (the exercise's own data);
    for an invoice convention, ``champ`` names the figure compared (``"net_a_payer"``,
    ``"tva"``, ``"escompte.montant"``…). Example::

        piege_connu("annee_civile", capital, taux, jours)
        piege_connu("remises_additionnees", lignes, remises, escompte, champ="net_a_payer")
    """
    connu = PIEGES[code]
    valeur = connu.fonction(*arguments, **options)
    for attribut in champ.split(".") if champ else ():
        valeur = getattr(valeur, attribut)
    return Piege(code, Decimal(valeur), connu.explication)


def _piege_reconnu(
    valeur: Decimal, attendu: Decimal, pieges, tolerance, autres: tuple[Decimal, ...] = ()
) -> Piege | None:
    justes = (attendu, *autres)
    for p in pieges:
        # a trap indistinguishable from a right answer cannot be diagnosed
        if all(abs(p.valeur - j) > tolerance for j in justes) and (
            abs(valeur - p.valeur) <= tolerance
        ):
            return p
    return None


def _accepte(valeur: Decimal, attendu: Decimal, autres: tuple[Decimal, ...], tolerance) -> bool:
    """True when ``valeur`` matches the expected value or another correct method's value."""
    return any(abs(valeur - j) <= tolerance for j in (attendu, *autres))


def _diagnostic(valeur: Decimal, attendu: Decimal, unite: str) -> str:
    """A hint about a wrong number that matches no known trap."""
    ecart = valeur - attendu
    if unite == "%" and attendu and abs(valeur * 100 - attendu) <= CENTIME:
        return "Vous avez donné une proportion : écrivez le taux en pourcentage."
    if abs(ecart) <= Decimal("0.10"):
        return "C'est presque cela : vérifiez vos arrondis (au centime, à chaque étape)."
    if ecart < 0 and attendu > 0 and valeur < 0:
        return "Votre résultat est négatif : vérifiez le sens de la soustraction."
    sens = "trop élevée" if ecart > 0 else "trop faible"
    return f"Votre réponse est {sens} : reprenez le calcul étape par étape."


@dataclass(frozen=True)
class ControleNombre:
    """Check one number. ``unite``: ``"€"``, ``"%"`` (percentage points) or ``""``.

    Correct when ``|réponse − attendu| ≤ tolerance`` (one cent by default: the student may have
    rounded an intermediate figure differently). ``pieges``: the known wrong conventions.

    ``autres_attendus``: the values of the OTHER correct methods, also accepted. A ratio judged
    to 4 decimals (a coefficient) differs whether the student rounded the intermediate price to
    the cent or kept it exact: give both, e.g. ``autres_attendus=(arrondi(ttc_exact / cout,
    4),)``.
    """

    attendu: Decimal
    libelle: str = "Réponse"
    unite: str = "€"
    tolerance: Decimal = CENTIME
    pieges: tuple[Piege, ...] = ()
    points: Decimal = Decimal(2)
    autres_attendus: tuple[Decimal, ...] = ()

    def champs(self) -> tuple[Champ, ...]:
        return (Champ("reponse", self.libelle, "nombre", self.unite),)

    def verifier(self, reponse: Any) -> Verdict:
        if isinstance(reponse, Mapping):
            reponse = reponse.get("reponse", "")
        try:
            valeur = lire(reponse, self.unite, self.libelle)
        except SaisieInvalide as err:
            return Verdict(False, ZERO, str(err), lisible=False)
        vu = formater(valeur, self.unite)
        if abs(valeur - self.attendu) <= self.tolerance:
            return Verdict(
                True, UN, f"Juste : {self.libelle} = {formater(self.attendu, self.unite)}."
            )
        if _accepte(valeur, self.attendu, self.autres_attendus, self.tolerance):
            return Verdict(
                True,
                UN,
                f"Juste : {self.libelle} = {vu} (calcul sans arrondir l'étape intermédiaire ; "
                f"avec l'étape arrondie au centime : {formater(self.attendu, self.unite)}).",
            )
        piege = _piege_reconnu(
            valeur, self.attendu, self.pieges, self.tolerance, self.autres_attendus
        )
        if piege is not None:
            message = (
                f"Faux : vous trouvez {vu}, ce qu'on obtient avec une convention erronée. "
                f"{piege.explication}"
            )
            return Verdict(False, ZERO, message, piege=piege.code)
        conseil = _diagnostic(valeur, self.attendu, self.unite)
        message = f"Faux : {vu} n'est pas le bon résultat. {conseil}"
        return Verdict(False, ZERO, message)

    def reponse_attendue(self) -> str:
        return f"**{self.libelle} = {formater(self.attendu, self.unite)}**"

    def bareme(self) -> tuple[tuple[str, Decimal], ...]:
        return ((self.libelle, self.points),)


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Cellule:
    """One cell of a table to fill.

    ``attendu`` comes from the calculation layer; ``formule`` recomputes the cell from the cells
    (or data) named by its parameters, e.g. ``lambda brut_ht, taux_remise: ...``, rounded as
    the student writes it (``arrondi_centime`` for an amount). A cell with no formula is judged
    only against ``attendu``. ``tolerance``: this cell's own (e.g. for a rate), else the table's.
    """

    nom: str
    libelle: str
    attendu: Decimal
    formule: Callable[..., Decimal] | None = None
    unite: str = "€"
    points: Decimal = UN
    pieges: tuple[Piege, ...] = ()
    tolerance: Decimal | None = None  # None: the table's tolerance
    autres_attendus: tuple[Decimal, ...] = ()  # other correct methods (see ControleNombre)

    def dependances(self) -> tuple[str, ...]:
        if self.formule is None:
            return ()
        return tuple(inspect.signature(self.formule).parameters)


@dataclass(frozen=True)
class ResultatCellule:
    """How one cell was judged: statut ``juste``, ``report`` (right from the student's own
    earlier figures), ``faux`` or ``vide``."""

    nom: str
    libelle: str
    statut: str
    valeur: Decimal | None
    reference: Decimal
    points: Decimal
    points_max: Decimal
    message: str
    piege: str | None = None


@dataclass(frozen=True)
class ControleTableau:
    """Check a table cell by cell, with carry-forward (see the module docstring).

    A cell is ``juste`` when it equals the true value (always accepted), ``report`` when it
    equals its formula applied to the student's own figures for the cells it depends on (full
    points: the earlier slip is not punished twice), else ``faux`` (with the trap recognised,
    if any) or ``vide``.

    ``donnees``: the figures given in the statement, usable by the formulas.
    """

    cellules: tuple[Cellule, ...]
    donnees: Mapping[str, Decimal] = field(default_factory=dict)
    tolerance: Decimal = CENTIME

    def __post_init__(self) -> None:
        connus = set(self.donnees)
        for c in self.cellules:
            inconnus = [d for d in c.dependances() if d not in connus]
            if inconnus:
                raise ValueError(f"Cellule {c.nom} : dépend de {inconnus} (non définis avant).")
            connus.add(c.nom)

    @property
    def points(self) -> Decimal:
        return sum((c.points for c in self.cellules), ZERO)

    def champs(self) -> tuple[Champ, ...]:
        return tuple(Champ(c.nom, c.libelle, "nombre", c.unite) for c in self.cellules)

    def verifier(self, reponse: Any) -> Verdict:
        if not isinstance(reponse, Mapping):
            return Verdict(False, ZERO, "Remplissez le tableau case par case.", lisible=False)
        valeurs: dict[str, Decimal | None] = {}
        erreurs = []
        for c in self.cellules:
            texte = reponse.get(c.nom, "")
            if texte is None or (isinstance(texte, str) and not texte.strip()):
                valeurs[c.nom] = None
                continue
            try:
                valeurs[c.nom] = lire(texte, c.unite, c.libelle)
            except SaisieInvalide as err:
                erreurs.append(str(err))
        if erreurs:
            return Verdict(False, ZERO, "\n".join(erreurs), lisible=False)
        if all(v is None for v in valeurs.values()):
            return Verdict(
                False, ZERO, "Le tableau est vide : remplissez au moins une case.", lisible=False
            )
        resultats = tuple(self._juger(c, valeurs) for c in self.cellules)
        obtenus = sum((r.points for r in resultats), ZERO)
        justes = [r for r in resultats if r.statut in ("juste", "report")]
        reports = sum(r.statut == "report" for r in resultats)
        entete = f"{accorder(len(justes), 'case juste', 'cases justes')} sur {len(resultats)}"
        if reports:
            entete += f" (dont {reports} par report de vos propres chiffres)"
        lignes = [entete + "."]
        lignes += [f"{r.libelle} : {r.message}" for r in resultats if r.statut in ("faux", "vide")]
        if reports:
            noms = ", ".join(r.libelle for r in resultats if r.statut == "report")
            lignes.append(
                f"Justes compte tenu de vos chiffres précédents : {noms} "
                "(une erreur n'est comptée qu'une fois)."
            )
        correct = all(r.statut == "juste" for r in resultats)
        score = arrondi(obtenus / self.points, 4) if self.points else ZERO
        pieges = [r.piege for r in resultats if r.piege]
        return Verdict(
            correct, score, "\n".join(lignes), details=resultats, piege=(pieges or [None])[0]
        )

    def _juger(self, c: Cellule, valeurs: Mapping[str, Decimal | None]) -> ResultatCellule:
        v = valeurs[c.nom]
        tolerance = self.tolerance if c.tolerance is None else c.tolerance
        if v is None:
            return ResultatCellule(
                c.nom, c.libelle, "vide", None, c.attendu, ZERO, c.points, "case vide."
            )
        if _accepte(v, c.attendu, c.autres_attendus, tolerance):
            return ResultatCellule(
                c.nom, c.libelle, "juste", v, c.attendu, c.points, c.points, "juste."
            )
        if c.formule is not None:
            arguments, repris = {}, False
            for d in c.dependances():
                if d in self.donnees:
                    arguments[d] = self.donnees[d]
                    continue
                cellule = next(x for x in self.cellules if x.nom == d)
                eleve = valeurs.get(d)
                if eleve is not None and not _accepte(
                    eleve,
                    cellule.attendu,
                    cellule.autres_attendus,
                    cellule.tolerance or self.tolerance,
                ):
                    arguments[d], repris = eleve, True
                else:
                    arguments[d] = cellule.attendu
            if repris:
                try:
                    reference = Decimal(c.formule(**arguments))
                except (ArithmeticError, InvalidOperation, ValueError):
                    reference = None
                if reference is not None and abs(v - reference) <= tolerance:
                    return ResultatCellule(
                        c.nom,
                        c.libelle,
                        "report",
                        v,
                        reference,
                        c.points,
                        c.points,
                        "juste compte tenu de vos chiffres précédents "
                        "(l'erreur n'est pas comptée deux fois).",
                    )
        piege = _piege_reconnu(v, c.attendu, c.pieges, tolerance, c.autres_attendus)
        if piege is not None:
            message = f"faux, convention erronée : {piege.explication}"
        else:
            message = f"faux ({formater(v, c.unite)}). {_diagnostic(v, c.attendu, c.unite)}"
        code = piege.code if piege else None
        return ResultatCellule(
            c.nom, c.libelle, "faux", v, c.attendu, ZERO, c.points, message, code
        )

    def reponse_attendue(self) -> str:
        lignes = ["| Ligne | Résultat |", "|---|---|"]
        lignes += [f"| {c.libelle} | {formater(c.attendu, c.unite)} |" for c in self.cellules]
        return "\n".join(lignes)

    def bareme(self) -> tuple[tuple[str, Decimal], ...]:
        return tuple((c.libelle, c.points) for c in self.cellules)
