"""A safe evaluator for the expressions of a teacher's exercise file (no code ever runs).

An exercise file comes from a colleague or the internet: it is untrusted. Its expressions
(``quantite * prix``, ``arrondi(brut * remise / 100)``, ``annuite(capital, taux, 12)``) are
parsed with :mod:`ast` and only a whitelist of node types is accepted: numbers, short strings,
the names of the exercise's parameters and derived values, ``+ - * / // % **``, comparisons,
``and``/``or``/``not``, ``a if condition else b`` and calls to the functions of
:data:`FONCTIONS` by their plain name. No attribute access, no subscripts, no imports, no
lambdas, no comprehensions, no keyword arguments to unknown functions.

Sizes are bounded before anything is computed: the source length (:data:`LONGUEUR_MAXI`), the
number of AST nodes (:data:`NOEUDS_MAXI`), the nesting depth (:data:`PROFONDEUR_MAXI`); while
computing, an exponent must be a whole number of at most :data:`EXPOSANT_MAXI` in absolute
value and every intermediate result stays below :data:`GRANDEUR_MAXI` (so ``9**9**9**9`` is
refused at its first big power, never computed). Arithmetic is :class:`~decimal.Decimal`.

Every refusal is an :class:`~widgets.erreurs.ErreurAtelier` in French naming the line of the
file (``ligne``) and the expression.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext
from typing import Any

from widgets.calculs import arrondi
from widgets.calculs.facture import net_a_payer as _net_a_payer
from widgets.calculs.finance.emprunt import annuite as _annuite
from widgets.calculs.finance.rentabilite import seuil_de_rentabilite as _seuil
from widgets.calculs.interets import interets_simples as _interets_simples
from widgets.calculs.marges import marges as _marges
from widgets.erreurs import ErreurAtelier

LONGUEUR_MAXI = 600
NOEUDS_MAXI = 200
PROFONDEUR_MAXI = 25
EXPOSANT_MAXI = 100
GRANDEUR_MAXI = Decimal(10) ** 15
TEXTE_MAXI = 200


class ExpressionRefusee(ErreurAtelier):
    """Une expression d'un fichier d'exercice est refusée (message en français, ligne)."""


def _facture(quantite, prix, remise1=0, remise2=0, escompte=0):
    lignes = [{"quantite": quantite, "prix_unitaire_ht": prix}]
    remises = [r for r in (remise1, remise2) if r]
    return _net_a_payer(lignes, remises, escompte)


def _net(quantite, prix, remise1=0, remise2=0, escompte=0):
    return _facture(quantite, prix, remise1, remise2, escompte).net_a_payer


def _net_commercial(quantite, prix, remise1=0, remise2=0):
    return _facture(quantite, prix, remise1, remise2).net_commercial


def _taux_de_marque(cout_achat_ht, prix_vente_ht):
    return _marges(cout_achat_ht, prix_vente_ht).taux_de_marque


def _taux_de_marge(cout_achat_ht, prix_vente_ht):
    return _marges(cout_achat_ht, prix_vente_ht).taux_de_marge


def _coefficient(cout_achat_ht, prix_vente_ht, taux_tva=20):
    return _marges(cout_achat_ht, prix_vente_ht, taux_tva).coefficient


def _seuil_de_rentabilite(charges_fixes, taux_mcv):
    return _seuil(charges_fixes, taux_mcv).seuil


def _arrondi(valeur, decimales=2):
    return arrondi(valeur, int(decimales))


def _sup(valeur):
    return -((-valeur) // 1)


@dataclass(frozen=True)
class Fonction:
    """A function a file may call: the callable, its French usage line, its arity."""

    appel: Callable[..., Any]
    usage: str
    mini: int
    maxi: int


FONCTIONS: dict[str, Fonction] = {
    "arrondi": Fonction(_arrondi, "arrondi(x) au centime, arrondi(x, n) à n décimales", 1, 2),
    "entier_superieur": Fonction(_sup, "entier_superieur(x) : le plus petit entier ≥ x", 1, 1),
    "min": Fonction(min, "min(a, b, …)", 1, 10),
    "max": Fonction(max, "max(a, b, …)", 1, 10),
    "abs": Fonction(abs, "abs(x)", 1, 1),
    "net_a_payer": Fonction(
        _net, "net_a_payer(quantite, prix, remise1, remise2, escompte) : TTC, TVA 20 %", 2, 5
    ),
    "net_commercial": Fonction(
        _net_commercial, "net_commercial(quantite, prix, remise1, remise2)", 2, 4
    ),
    "taux_de_marque": Fonction(_taux_de_marque, "taux_de_marque(cout, prix_vente_ht) en %", 2, 2),
    "taux_de_marge": Fonction(_taux_de_marge, "taux_de_marge(cout, prix_vente_ht) en %", 2, 2),
    "coefficient": Fonction(
        _coefficient, "coefficient(cout, prix_vente_ht, taux_tva=20) : PV TTC / coût", 2, 3
    ),
    "annuite": Fonction(_annuite, "annuite(capital, taux_periodique_en_pourcent, periodes)", 3, 3),
    "interets_simples": Fonction(
        _interets_simples, "interets_simples(capital, taux_annuel, jours)", 3, 3
    ),
    "seuil_de_rentabilite": Fonction(
        _seuil_de_rentabilite, "seuil_de_rentabilite(charges_fixes, taux_mcv_en_pourcent)", 2, 2
    ),
}
"""The functions an exercise file may call, by name (nothing else is callable)."""

_BINAIRES = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Mod: lambda a, b: a % b,
}
_COMPARAISONS = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}
_NOEUDS_PERMIS = (
    ast.Expression, ast.Constant, ast.Name, ast.Load, ast.BinOp, ast.UnaryOp, ast.BoolOp,
    ast.Compare, ast.IfExp, ast.Call, ast.keyword, ast.USub, ast.UAdd, ast.Not, ast.And,
    ast.Or, ast.Pow,
    *_BINAIRES, *_COMPARAISONS,
)  # fmt: skip
_DESCRIPTIONS = {
    ast.Attribute: "l'accès à un attribut (un point après un nom ou une parenthèse)",
    ast.Subscript: "les crochets (indices)",
    ast.Lambda: "les fonctions anonymes (lambda)",
    ast.ListComp: "les listes en compréhension",
    ast.GeneratorExp: "les expressions génératrices",
    ast.DictComp: "les dictionnaires",
    ast.SetComp: "les ensembles",
    ast.Dict: "les dictionnaires",
    ast.List: "les listes",
    ast.Tuple: "les n-uplets",
    ast.Set: "les ensembles",
    ast.NamedExpr: "l'affectation « := »",
    ast.JoinedStr: "les chaînes formatées (f-strings)",
    ast.Starred: "l'étoile « * » devant un argument",
    ast.Await: "« await »",
    ast.Yield: "« yield »",
}


_SIGNES = str.maketrans({"×": "*", "÷": "/", "−": "-", "\u00a0": " ", "\u202f": " "})


def _refus(ligne: int | None, source: str, raison: str) -> ExpressionRefusee:
    ou = f"Ligne {ligne} : " if ligne else ""
    extrait = source if len(source) <= 80 else source[:77] + "…"
    return ExpressionRefusee(f"{ou}l'expression « {extrait} » est refusée : {raison}")


def _profondeur(noeud: ast.AST) -> int:
    pile, maxi = [(noeud, 1)], 0
    while pile:
        n, p = pile.pop()
        maxi = max(maxi, p)
        pile.extend((e, p + 1) for e in ast.iter_child_nodes(n))
    return maxi


@dataclass(frozen=True)
class Expression:
    """A checked expression (parsed once, evaluated for each variant)."""

    source: str
    arbre: ast.Expression
    ligne: int | None = None

    @property
    def noms(self) -> frozenset[str]:
        """The variable names the expression reads (functions excluded)."""
        appeles = {id(n.func) for n in ast.walk(self.arbre) if isinstance(n, ast.Call)}
        return frozenset(
            n.id for n in ast.walk(self.arbre) if isinstance(n, ast.Name) and id(n) not in appeles
        )

    def evaluer(self, valeurs: Mapping[str, Any]) -> Any:
        """The value of the expression for these parameters (Decimal, str or bool)."""
        with localcontext() as ctx:
            ctx.prec = 28
            ctx.traps[InvalidOperation] = True
            ctx.traps[DivisionByZero] = True
            try:
                return _Calcul(self, valeurs).valeur(self.arbre.body)
            except ExpressionRefusee:
                raise
            except (ZeroDivisionError, DivisionByZero):
                raise _refus(self.ligne, self.source, "division par zéro.") from None
            except ErreurAtelier as err:
                raise _refus(self.ligne, self.source, f"{err}") from None
            except RecursionError:
                raise _refus(self.ligne, self.source, "elle est trop imbriquée.") from None
            except Exception:  # a library function refusing these values, whatever its error
                raise _refus(
                    self.ligne, self.source, "le calcul est impossible avec ces valeurs."
                ) from None


def compiler(source: Any, ligne: int | None = None, noms: set[str] | None = None) -> Expression:
    """Parse and check ``source`` (raises :class:`ExpressionRefusee`, in French).

    ``noms``: the names the expression may read (parameters and earlier derived values);
    ``None`` skips that check.
    """
    if isinstance(source, bool) or not isinstance(source, (str, int, Decimal)):
        raise _refus(ligne, str(source), "une expression s'écrit entre guillemets.")
    texte = str(source).strip()
    if not texte:
        raise _refus(ligne, texte, "elle est vide.")
    if len(texte) > LONGUEUR_MAXI:
        raise _refus(ligne, texte, f"elle dépasse {LONGUEUR_MAXI} caractères.")
    if "\n" in texte or "\r" in texte:
        texte = " ".join(texte.split())
    # the signs a teacher types from a textbook or a spreadsheet: × ÷ − and ^ (power)
    texte = texte.translate(_SIGNES).replace("^", "**")
    try:
        arbre = ast.parse(texte, mode="eval")
    except SyntaxError as err:
        raise _refus(ligne, texte, f"elle est mal écrite ({err.msg}).") from None
    except (RecursionError, MemoryError, ValueError):
        raise _refus(ligne, texte, "elle est trop imbriquée.") from None
    noeuds = list(ast.walk(arbre))
    if len(noeuds) > NOEUDS_MAXI:
        raise _refus(ligne, texte, f"elle est trop longue (plus de {NOEUDS_MAXI} éléments).")
    if _profondeur(arbre) > PROFONDEUR_MAXI:
        raise _refus(ligne, texte, "elle est trop imbriquée (trop de parenthèses emboîtées).")
    for n in noeuds:  # first the forbidden constructions, the clearest message
        if not isinstance(n, _NOEUDS_PERMIS):
            quoi = _DESCRIPTIONS.get(type(n), f"la construction « {type(n).__name__} »")
            raise _refus(ligne, texte, f"{quoi} : interdit dans un fichier d'exercice.")
    appels = [n for n in noeuds if isinstance(n, ast.Call)]
    for n in [*appels, *(n for n in noeuds if not isinstance(n, ast.Call))]:
        if isinstance(n, ast.Constant):
            if isinstance(n.value, str) and len(n.value) > TEXTE_MAXI:
                raise _refus(ligne, texte, "un texte entre guillemets est trop long.")
            if not isinstance(n.value, (int, float, str)) or isinstance(n.value, bool):
                raise _refus(ligne, texte, f"la valeur {n.value!r} n'est pas permise.")
            if isinstance(n.value, int) and abs(n.value) > GRANDEUR_MAXI:
                raise _refus(ligne, texte, "un nombre y est trop grand.")
        if isinstance(n, ast.Name) and n.id.startswith("_"):
            raise _refus(ligne, texte, f"le nom « {n.id} » est interdit.")
        if isinstance(n, ast.Call):
            if not isinstance(n.func, ast.Name):
                raise _refus(ligne, texte, "on n'appelle que les fonctions permises, par leur nom.")
            if n.func.id not in FONCTIONS:
                permises = ", ".join(sorted(FONCTIONS))
                raise _refus(
                    ligne,
                    texte,
                    f"« {n.func.id} » n'est pas une fonction permise (permises : {permises}).",
                )
            f = FONCTIONS[n.func.id]
            if n.keywords:
                raise _refus(ligne, texte, f"écrivez les arguments dans l'ordre : {f.usage}.")
            if not f.mini <= len(n.args) <= f.maxi:
                raise _refus(ligne, texte, f"nombre d'arguments incorrect : {f.usage}.")
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow):
            if isinstance(n.right, ast.BinOp) and isinstance(n.right.op, ast.Pow):
                raise _refus(
                    ligne, texte, "les puissances emboîtées (a ** b ** c) sont interdites."
                )
            e = n.right.value if isinstance(n.right, ast.Constant) else None
            if isinstance(e, (int, float)) and (e != int(e) or abs(e) > EXPOSANT_MAXI):
                raise _refus(
                    ligne,
                    texte,
                    f"un exposant doit être un nombre entier d'au plus {EXPOSANT_MAXI}.",
                )
    expression = Expression(texte, arbre, ligne)
    if not expression.noms:  # a constant expression is computed now: refused at once
        expression.evaluer({})
    if noms is not None:
        inconnus = sorted(expression.noms - set(noms))
        if inconnus:
            raise _refus(
                ligne,
                texte,
                f"« {inconnus[0]} » n'est ni un paramètre ni une valeur calculée avant.",
            )
    return expression


def _nombre(v: Any) -> Any:
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(str(v))
    return v


class _Calcul:
    """The tree walk of one evaluation (bounded magnitudes and exponents)."""

    def __init__(self, expression: Expression, valeurs: Mapping[str, Any]) -> None:
        self.e = expression
        self.valeurs = valeurs

    def _borne(self, v: Any) -> Any:
        if isinstance(v, Decimal) and not isinstance(v, bool):
            if not v.is_finite() or abs(v) > GRANDEUR_MAXI:
                raise _refus(self.e.ligne, self.e.source, "un résultat intermédiaire est démesuré.")
        return v

    def _decimal(self, v: Any) -> Decimal:
        if isinstance(v, bool) or not isinstance(v, Decimal):
            raise _refus(self.e.ligne, self.e.source, f"« {v} » n'est pas un nombre.")
        return v

    def valeur(self, n: ast.AST) -> Any:
        if isinstance(n, ast.Constant):
            if isinstance(n.value, str):
                return n.value
            if isinstance(n.value, float):
                texte = ast.get_source_segment(self.e.source, n)
                return Decimal(texte) if texte else Decimal(str(n.value))
            return Decimal(n.value)
        if isinstance(n, ast.Name):
            if n.id not in self.valeurs:
                raise _refus(self.e.ligne, self.e.source, f"le nom « {n.id} » est inconnu.")
            return _nombre(self.valeurs[n.id])
        if isinstance(n, ast.UnaryOp):
            v = self.valeur(n.operand)
            if isinstance(n.op, ast.Not):
                return not v
            v = self._decimal(v)
            return -v if isinstance(n.op, ast.USub) else v
        if isinstance(n, ast.BinOp):
            a = self._decimal(self.valeur(n.left))
            b = self._decimal(self.valeur(n.right))
            if isinstance(n.op, ast.Pow):
                if b != b.to_integral_value() or abs(b) > EXPOSANT_MAXI:
                    raise _refus(
                        self.e.ligne,
                        self.e.source,
                        f"un exposant doit être un nombre entier d'au plus {EXPOSANT_MAXI}.",
                    )
                if abs(a) > 1 and abs(b) * max(a.adjusted(), 0) > 15:
                    raise _refus(
                        self.e.ligne, self.e.source, "un résultat intermédiaire est démesuré."
                    )
                return self._borne(a ** int(b))
            return self._borne(_BINAIRES[type(n.op)](a, b))
        if isinstance(n, ast.BoolOp):
            if isinstance(n.op, ast.And):
                return all(self.valeur(v) for v in n.values)
            return any(self.valeur(v) for v in n.values)
        if isinstance(n, ast.Compare):
            gauche = self.valeur(n.left)
            for op, droite_n in zip(n.ops, n.comparators, strict=True):
                droite = self.valeur(droite_n)
                if not _COMPARAISONS[type(op)](gauche, droite):
                    return False
                gauche = droite
            return True
        if isinstance(n, ast.IfExp):
            return self.valeur(n.body) if self.valeur(n.test) else self.valeur(n.orelse)
        if isinstance(n, ast.Call):
            f = FONCTIONS[n.func.id]  # type: ignore[union-attr]
            arguments = [self._decimal(self.valeur(a)) for a in n.args]
            return self._borne(_nombre(f.appel(*arguments)))
        raise _refus(self.e.ligne, self.e.source, "construction non permise.")  # pragma: no cover
