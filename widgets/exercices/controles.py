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
  ``widgets.sql.executer_requete``; result sets are compared as multisets of normalised rows
  (numbers to the cent, text trimmed), columns matched by content (order and aliases ignored),
  row order ignored unless the question asks for ``ORDER BY``.

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
    montant,
    nombre,
    taux,
)
from widgets.calculs.arrondis import ZERO
from widgets.calculs.pieges import PIEGES
from widgets.exercices.modele import Champ, Verdict

UN = Decimal(1)


def exemple_de_saisie(
    unite: str,
    tolerance: Decimal,
    attendu: Decimal | None = None,
    decimales: int | None = None,
) -> str:
    """The placeholder of an answer box, as precise as the check: ``ex. 1 234,56`` for euros,
    ``ex. 12,3456`` for a rate checked to 0,0001, ``ex. 12`` for a whole count.

    Decimals: none for a tolerance of 0 or ≥ 1 (a count, days), else as many as the tolerance's
    first significant digit needs (0,5 → 1; 0,05 and 0,01 → 2; 0,0001 → 4); none either for a
    whole ``attendu`` outside euros and percentages (a number of days, of visits). The precision
    the statement asks (``decimales``), when given, wins: the example agrees with the corrigé.
    """
    if "€" in unite:
        return "ex. 1 234,56"
    if decimales is not None:
        return "ex. 12" + ("," + "3456789"[:decimales] if decimales > 0 else "")
    tolerance = abs(Decimal(tolerance))
    entier = attendu is not None and "%" not in unite and Decimal(attendu) % 1 == 0
    if tolerance == 0 or tolerance >= 1 or entier:
        return "ex. 12"
    decimales = -tolerance.adjusted()
    return "ex. 12," + "3456789"[:decimales]


def formater(valeur: Decimal, unite: str, decimales: int | None = None) -> str:
    """French display of a value in its unit ("€", "%", "" or a word such as "jours").

    ``decimales``: the precision the statement asks (a rate « à 0,0001 % près » shows 4
    decimals); a rate shows 2 decimals by default, always as many in one table (``4,40 %``
    beside ``20,99 %``), and a plain number up to 4.
    """
    if unite == "€":
        return format_euros(valeur)
    if unite == "%":
        return format_nombre(valeur, 2 if decimales is None else decimales) + "\u00a0%"
    if decimales is None:
        decimales = 4 if valeur != arrondi(valeur, 3) else None
    return format_nombre(valeur, decimales) + (f" {unite}" if unite else "")


def _decimales_tapees(valeur: Decimal) -> int:
    """How many decimals the student typed (``0,006434`` → 6)."""
    exposant = valeur.as_tuple().exponent
    return max(0, -exposant) if isinstance(exposant, int) else 0


def _echo(valeur: Decimal, unite: str) -> str:
    """The student's figure echoed back as typed (never rounded away: ``0,006434`` is not
    shown as ``0,01 %``, nor ``0,64`` padded to ``0,6400 %``)."""
    if unite == "€":
        return formater(valeur, unite)
    return formater(valeur, unite, _decimales_tapees(valeur))


def lire(texte: Any, unite: str, champ: str) -> Decimal:
    """Read a student's French typing for a value in ``unite`` (raises ``SaisieInvalide``).

    A rate may be negative (a ROI, a variance); a plain number may end with its unit word
    (``76 jours``), as the corrigé writes it.
    """
    if unite == "€":
        return montant(texte, champ, positif=False)
    if unite == "%":
        brut = str(texte).strip()
        if brut.startswith(("-", "\u2212")):
            return -taux(brut[1:], champ, maxi=None)
        return taux(brut, champ, maxi=None)
    if unite and isinstance(texte, str):
        brut = texte.strip()
        if brut.lower().endswith(unite.lower()):
            texte = brut[: -len(unite)]
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


def _precision(unite: str, tolerance: Decimal) -> str:
    """The rounding the answer needs, in words fit for its unit."""
    if unite == "€":
        return "au centime, à chaque étape"
    if tolerance <= 0 or tolerance == tolerance.to_integral_value():
        return "le résultat est un nombre entier" + (f" de {unite}" if unite else "")
    pas = format_nombre(tolerance, _decimales_tapees(tolerance.normalize()))
    return f"à {pas}\u00a0% près" if unite == "%" else f"à {pas} près"


def _diagnostic(valeur: Decimal, attendu: Decimal, unite: str, tolerance: Decimal = CENTIME) -> str:
    """A hint about a wrong number that matches no known trap (in the answer's own unit)."""
    ecart = valeur - attendu
    if unite == "%" and attendu and abs(valeur * 100 - attendu) <= max(CENTIME, tolerance):
        return "Vous avez donné une proportion : écrivez le taux en pourcentage."
    if abs(ecart) <= Decimal("0.10"):
        return f"C'est presque cela : vérifiez vos arrondis ({_precision(unite, tolerance)})."
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
    decimales: int | None = None  # the precision the statement asks and the corrigé shows

    def champs(self) -> tuple[Champ, ...]:
        exemple = exemple_de_saisie(self.unite, self.tolerance, self.attendu, self.decimales)
        return (Champ("reponse", self.libelle, "nombre", self.unite, exemple),)

    def _affiche(self, valeur: Decimal) -> str:
        return formater(valeur, self.unite, self.decimales)

    def verifier(self, reponse: Any) -> Verdict:
        if isinstance(reponse, Mapping):
            reponse = reponse.get("reponse", "")
        try:
            valeur = lire(reponse, self.unite, self.libelle)
        except SaisieInvalide as err:
            return Verdict(False, ZERO, str(err), lisible=False)
        vu = _echo(valeur, self.unite)
        if abs(valeur - self.attendu) <= self.tolerance:
            return Verdict(True, UN, f"Juste : {self.libelle} = {self._affiche(self.attendu)}.")
        if _accepte(valeur, self.attendu, self.autres_attendus, self.tolerance):
            return Verdict(
                True,
                UN,
                f"Juste : {self.libelle} = {vu} (calcul sans arrondir l'étape intermédiaire ; "
                f"avec l'étape arrondie au centime : {self._affiche(self.attendu)}).",
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
        conseil = _diagnostic(valeur, self.attendu, self.unite, self.tolerance)
        message = f"Faux : {vu} n'est pas le bon résultat. {conseil}"
        return Verdict(False, ZERO, message)

    def reponse_attendue(self) -> str:
        return f"**{self.libelle} = {self._affiche(self.attendu)}**"

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
    decimales: int | None = None  # display precision (see ControleNombre)
    # cells that must be right for this one to earn carry-forward (the sort of an ABC table:
    # cumulating an unsorted list is the core mistake, not a slip to carry forward)
    prealables: tuple[str, ...] = ()

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
        return tuple(
            Champ(
                c.nom,
                c.libelle,
                "nombre",
                c.unite,
                exemple_de_saisie(
                    c.unite,
                    self.tolerance if c.tolerance is None else c.tolerance,
                    c.attendu,
                    c.decimales,
                ),
            )
            for c in self.cellules
        )

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
        juges: dict[str, ResultatCellule] = {}
        for c in self.cellules:
            juges[c.nom] = self._juger(c, valeurs, juges)
        resultats = tuple(juges.values())
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

    def _tolerance(self, c: Cellule) -> Decimal:
        return self.tolerance if c.tolerance is None else c.tolerance

    def _juger(
        self,
        c: Cellule,
        valeurs: Mapping[str, Decimal | None],
        juges: Mapping[str, ResultatCellule],
    ) -> ResultatCellule:
        """Judge ``c`` knowing how the earlier cells were judged (``juges``).

        Carry-forward recomputes the cell from the student's OWN earlier figures, including
        those accepted within the tolerance: a loan table built consistently from an annuity
        one cent off is right all along (``juste`` when every figure it rests on was right
        within the tolerance, ``report`` when one of them was wrong).
        """
        v = valeurs[c.nom]
        tolerance = self._tolerance(c)
        if v is None:
            return ResultatCellule(
                c.nom, c.libelle, "vide", None, c.attendu, ZERO, c.points, "case vide."
            )
        if _accepte(v, c.attendu, c.autres_attendus, tolerance):
            return ResultatCellule(
                c.nom, c.libelle, "juste", v, c.attendu, c.points, c.points, "juste."
            )
        manquants = [
            juges[p].libelle for p in c.prealables if p in juges and juges[p].statut != "juste"
        ]
        if c.formule is not None and not manquants:
            arguments, repris, faute_avant = {}, False, False
            for d in c.dependances():
                if d in self.donnees:
                    arguments[d] = self.donnees[d]
                    continue
                cellule = next(x for x in self.cellules if x.nom == d)
                eleve = valeurs.get(d)
                if eleve is None:
                    arguments[d] = cellule.attendu
                    continue
                arguments[d] = eleve
                repris = repris or eleve != cellule.attendu
                faute_avant = faute_avant or juges[d].statut != "juste"
            if repris:
                try:
                    reference = Decimal(c.formule(**arguments))
                except (ArithmeticError, InvalidOperation, ValueError):
                    reference = None
                if reference is not None and abs(v - reference) <= tolerance:
                    if not faute_avant:
                        return ResultatCellule(
                            c.nom,
                            c.libelle,
                            "juste",
                            v,
                            reference,
                            c.points,
                            c.points,
                            "juste (calculé à partir de vos chiffres, justes à l'arrondi près).",
                        )
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
            vu = _echo(v, c.unite)
            message = f"faux ({vu}). {_diagnostic(v, c.attendu, c.unite, tolerance)}"
        if manquants and c.formule is not None:
            message += f" (Pas de report : l'étape « {manquants[0]} » n'est pas juste.)"
        code = piege.code if piege else None
        return ResultatCellule(
            c.nom, c.libelle, "faux", v, c.attendu, ZERO, c.points, message, code
        )

    def reponse_attendue(self) -> str:
        lignes = ["| Ligne | Résultat |", "|---|---|"]
        lignes += [
            f"| {c.libelle} | {formater(c.attendu, c.unite, c.decimales)} |" for c in self.cellules
        ]
        return "\n".join(lignes)

    def bareme(self) -> tuple[tuple[str, Decimal], ...]:
        return tuple((c.libelle, c.points) for c in self.cellules)
