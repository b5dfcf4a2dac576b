"""A teacher's exercise file (TOML) → an :class:`~widgets.exercices.modele.Exercice`.

The format is documented for teachers in ``docs/exercices_enseignant.md``. TOML (read by the
standard library's :mod:`tomllib`, numbers read as exact decimals) is data only: comments,
multi-line texts, no code. Every expression of the file goes through the safe evaluator
(:mod:`widgets.exercices.auteur.evaluateur`); every refusal is an
:class:`~widgets.erreurs.ErreurAtelier` in French that names the line of the file.

A loaded exercise behaves like a built-in one: the same per-student seed
(:func:`~widgets.exercices.modele.graine_variante`), the same checkers
(:class:`~widgets.exercices.controles.ControleNombre` for one answer,
:class:`~widgets.exercices.controles.ControleTableau` with carry-forward for several, a
:class:`ControleChoix` for a choice among options), traps named with their feedback.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from widgets.calculs import CENTIME, espaces_normales, format_euros, format_nombre, format_pourcent
from widgets.calculs.francais import est_pluriel, pluriel
from widgets.donnees.referentiel import savoir
from widgets.erreurs import ErreurAtelier
from widgets.exercices.auteur.evaluateur import Expression, ExpressionRefusee, compiler
from widgets.exercices.controles import Cellule, ControleNombre, ControleTableau, Piege
from widgets.exercices.modele import UNITES, Champ, Exercice, Variante, Verdict

TAILLE_MAXI = 100_000
PARAMETRES_MAXI = 40
VALEURS_MAXI = 1_000_000
CHAMPS_CONNUS = {
    "code", "titre", "unite", "savoirs", "essais_avant_solution", "parametres", "derivees",
    "enonce", "reponses", "choix", "indices", "solution", "ordre_fixe", "sql",
}  # fmt: skip
REQUETE_LIGNES_MAXI = 1000
REQUETE_DELAI_S = 2.0
TEXTE_PARAMETRE_MAXI = 200
SQL_CLES = {"requete", "ordre_compte", "cles_ordre", "libelle", "points"}
UNITES_REPONSE = ("€", "%", "")


class FichierExerciceInvalide(ErreurAtelier):
    """Un fichier d'exercice d'enseignant est refusé (message en français, avec la ligne)."""


class _Lignes:
    """Finds the line of a key or a value in the file's text (tomllib keeps no positions)."""

    def __init__(self, texte: str) -> None:
        self.lignes = texte.splitlines()

    def section(self, nom: str) -> int:
        motif = re.compile(r"^\s*\[\[?\s*" + re.escape(nom) + r"\s*\]\]?")
        for i, ligne in enumerate(self.lignes, 1):
            if motif.match(ligne):
                return i
        return 1

    def cle(self, cle: str, apres: int = 1) -> int:
        motif = re.compile(r"^\s*" + re.escape(cle) + r"\s*=")
        for i in range(max(apres, 1), len(self.lignes) + 1):
            if motif.match(self.lignes[i - 1]):
                return i
        return self.cle(cle) if apres > 1 else apres

    def valeur(self, texte: str, apres: int = 1) -> int:
        morceau = str(texte).strip().splitlines()[0][:60] if str(texte).strip() else ""
        for debut in (max(apres, 1), 1):
            for i in range(debut, len(self.lignes) + 1):
                if morceau and morceau in self.lignes[i - 1]:
                    return i
        return apres


def _erreur(ligne: int, message: str) -> FichierExerciceInvalide:
    return FichierExerciceInvalide(f"Ligne {ligne} : {message}")


# --------------------------------------------------------------------------- parameters


@dataclass(frozen=True)
class Parametre:
    """A value drawn per student: ``entier`` or ``decimal`` range with a step, ``choix`` among
    a list, or ``requete``: one value among those a read-only query of the client database
    returns (through the safe SQL engine, at most :data:`REQUETE_LIGNES_MAXI` rows, stopped
    after :data:`REQUETE_DELAI_S` seconds)."""

    nom: str
    genre: str  # "entier", "decimal", "choix", "requete"
    mini: int = 0
    maxi: int = 0
    pas: int = 1
    decimales: int = 0
    options: tuple[Any, ...] = ()
    requete: str = ""
    ligne: int = 0

    def tirer(self, alea: random.Random) -> Any:
        if self.genre == "choix":
            return alea.choice(self.options)
        if self.genre == "requete":
            return alea.choice(valeurs_de_requete(self.requete, self.ligne))
        n = alea.randrange(self.mini, self.maxi + 1, self.pas)
        return Decimal(n).scaleb(-self.decimales) if self.genre == "decimal" else Decimal(n)


_VALEURS_REQUETES: dict[tuple[str, str, int], tuple[Any, ...]] = {}


def valeurs_de_requete(requete: str, ligne: int = 0) -> tuple[Any, ...]:
    """The values a parameter's query gives on the reference base (first column, sorted, no
    empty value), cached per (query, base file, modification time)."""
    from widgets.donnees.chemins import base_reference
    from widgets.sql import ErreurRequete, executer_requete

    base = base_reference()
    try:
        version = base.stat().st_mtime_ns
    except OSError:
        version = 0
    cle = (requete, str(base), version)
    if cle in _VALEURS_REQUETES:
        return _VALEURS_REQUETES[cle]
    try:
        res = executer_requete(
            requete, base, lignes_max=REQUETE_LIGNES_MAXI, delai_s=REQUETE_DELAI_S
        )
    except ErreurRequete as err:
        raise _erreur(ligne, f"la requête du paramètre est refusée : {err}") from None
    except ErreurAtelier as err:  # no base yet: the message says how to build it
        raise _erreur(ligne, str(err)) from None
    df = res.dataframe
    if len(df.columns) != 1:
        raise _erreur(ligne, "la requête d'un paramètre donne une seule colonne (SELECT ville …).")
    valeurs = set()
    for v in df.iloc[:, 0].tolist():
        if hasattr(v, "item"):
            v = v.item()
        if v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip()):
            continue
        if isinstance(v, bool):
            v = int(v)
        if isinstance(v, (int, float)):
            valeurs.add(Decimal(str(v)))
        else:
            valeurs.add(str(v)[:TEXTE_PARAMETRE_MAXI])
    if not valeurs:
        raise _erreur(ligne, "la requête du paramètre ne donne aucune valeur sur la base.")
    # sorted (texts after numbers): the same student draws the same value on every PC
    triees = tuple(sorted(valeurs, key=lambda v: (isinstance(v, str), v)))
    if len(_VALEURS_REQUETES) > 64:
        _VALEURS_REQUETES.clear()
    _VALEURS_REQUETES[cle] = triees
    return triees


def _decimales(d: Decimal) -> int:
    e = d.normalize().as_tuple().exponent
    return max(0, -e) if isinstance(e, int) else 0


def _lire_parametre(nom: str, brut: Any, ligne: int) -> Parametre:
    if not isinstance(brut, Mapping):
        raise _erreur(
            ligne,
            f"le paramètre « {nom} » s'écrit par exemple {nom} = {{ entier = [1, 10] }}, "
            f'{nom} = {{ decimal = [4.5, 48], pas = 0.05 }}, {nom} = {{ choix = ["a", "b"] }} '
            f'ou {nom} = {{ requete = "SELECT DISTINCT ville FROM clients" }}.',
        )
    genres = [g for g in ("entier", "decimal", "choix", "requete") if g in brut]
    inconnues = sorted(set(brut) - {"entier", "decimal", "choix", "requete", "pas"})
    if len(genres) != 1 or inconnues:
        raise _erreur(
            ligne,
            f"le paramètre « {nom} » doit avoir exactement un genre parmi entier, decimal, "
            "choix, requete (et « pas » pour un intervalle)"
            + (f" ; clé inconnue : {inconnues[0]}." if inconnues else "."),
        )
    genre = genres[0]
    if genre == "requete":
        requete = brut["requete"]
        if not isinstance(requete, str) or not requete.strip() or len(requete) > 2000:
            raise _erreur(
                ligne, f'« {nom} » : requete = "SELECT …" attend une requête SQL (texte).'
            )
        if not re.match(r"\s*(select|with)\b", requete, re.I):
            raise _erreur(
                ligne, f"« {nom} » : la requête d'un paramètre ne fait que lire (SELECT …)."
            )
        if "pas" in brut:
            raise _erreur(ligne, f"« {nom} » : « pas » ne va qu'avec entier ou decimal.")
        return Parametre(nom, genre, requete=requete, ligne=ligne)
    if genre == "choix":
        options = brut["choix"]
        if not isinstance(options, list) or not options or len(options) > 1000:
            raise _erreur(ligne, f"« {nom} » : choix = [ … ] attend une liste non vide.")
        if any(isinstance(o, (bool, list, dict)) for o in options):
            raise _erreur(ligne, f"« {nom} » : chaque choix est un nombre ou un texte.")
        options = tuple(Decimal(o) if isinstance(o, int) else o for o in options)
        return Parametre(nom, genre, options=options)
    bornes = brut[genre]
    if not (isinstance(bornes, list) and len(bornes) == 2):
        raise _erreur(
            ligne,
            f"« {nom} » : {genre} = [mini, maxi] attend deux nombres (avec un point "
            "décimal : 4.50, jamais 4,50).",
        )
    pas = brut.get("pas", 1)
    valeurs = [*bornes, pas]
    if any(isinstance(v, bool) or not isinstance(v, (int, Decimal)) for v in valeurs):
        raise _erreur(ligne, f"« {nom} » : les bornes et le pas sont des nombres.")
    mini, maxi, pas = (Decimal(v) for v in valeurs)
    if genre == "entier" and any(v != v.to_integral_value() for v in (mini, maxi, pas)):
        raise _erreur(ligne, f"« {nom} » : un entier a des bornes et un pas entiers.")
    if pas <= 0 or mini > maxi:
        raise _erreur(ligne, f"« {nom} » : il faut mini ≤ maxi et un pas positif.")
    d = max(_decimales(v) for v in (mini, maxi, pas)) if genre == "decimal" else 0
    if d > 6:
        raise _erreur(ligne, f"« {nom} » : au plus 6 décimales.")
    echelle = Decimal(10) ** d
    a, b, p = (int(v * echelle) for v in (mini, maxi, pas))
    if (b - a) // p + 1 > VALEURS_MAXI:
        raise _erreur(ligne, f"« {nom} » : trop de valeurs possibles (au plus {VALEURS_MAXI}).")
    return Parametre(nom, genre, a, b, p, d)


# --------------------------------------------------------------------------- templates

_PLACE = re.compile(r"\{\{|\}\}|\{([A-Za-z_]\w*)(?::(\w+)(?::(\d))?)?\}")
_ACCORD = re.compile(r"\{([A-Za-z_]\w*)(?::[^}]*)?\}((?:[ \u00a0]+[^\s{}()]+\((?:s|x)\))+)")
_MOT_ACCORDE = re.compile(r"([^\s{}()]+)\((s|x)\)")
FORMATS = ("euros", "pourcent", "nombre", "texte")


@dataclass(frozen=True)
class Gabarit:
    """A French text with ``{nom}``, ``{nom:euros}``, ``{nom:pourcent}``, ``{nom:nombre:2}``
    and agreement ``{n} client(s)`` (plural when the value of ``n`` is 2 or more)."""

    texte: str
    ligne: int

    def verifier(self, noms: set[str]) -> None:
        for m in _PLACE.finditer(self.texte):
            nom, fmt = m.group(1), m.group(2)
            if nom is None:
                continue
            if nom not in noms:
                raise _erreur(
                    self.ligne, f"{{{nom}}} : « {nom} » n'est ni un paramètre ni une valeur."
                )
            if fmt is not None and fmt not in FORMATS:
                raise _erreur(
                    self.ligne,
                    f"{{{nom}:{fmt}}} : format inconnu (formats : {', '.join(FORMATS)}).",
                )
        reste = _PLACE.sub("", self.texte)
        if "{" in reste or "}" in reste:
            raise _erreur(
                self.ligne, "accolade isolée : écrivez {nom} ou {nom:euros} (ou {{ pour « { »)."
            )

    def rendre(self, valeurs: Mapping[str, Any]) -> str:
        def accord(m: re.Match) -> str:
            plur = _est_plur(valeurs[m.group(1)])
            mots = _MOT_ACCORDE.sub(
                lambda w: (
                    (pluriel(w.group(1)) if w.group(2) == "s" else w.group(1) + "x")
                    if plur
                    else w.group(1)
                ),
                m.group(2),
            )
            return m.group(0)[: -len(m.group(2))] + mots

        texte = _ACCORD.sub(accord, self.texte)

        def place(m: re.Match) -> str:
            if m.group(0) in ("{{", "}}"):
                return m.group(0)[0]
            return _formater(valeurs[m.group(1)], m.group(2), m.group(3))

        return _PLACE.sub(place, texte)


def _est_plur(v: Any) -> bool:
    try:
        return est_pluriel(Decimal(v))
    except (ArithmeticError, ValueError, TypeError):
        return False


def _formater(v: Any, fmt: str | None, decimales: str | None) -> str:
    if isinstance(v, str) or fmt == "texte":
        return str(v)
    if isinstance(v, bool):
        return "oui" if v else "non"
    d = Decimal(v)
    n = int(decimales) if decimales else None
    if fmt == "euros":
        return format_euros(d)
    if fmt == "pourcent":
        return format_pourcent(d, 2 if n is None else n)
    return format_nombre(d, n)


def litteral_sql(v: Any) -> str:
    """A value written in SQL: a number with a point, a text between apostrophes (doubled)."""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, Decimal):
        return format(v, "f")
    return "'" + str(v).replace("'", "''") + "'"


@dataclass(frozen=True)
class GabaritSQL(Gabarit):
    """The reference query of an SQL exercise: ``{nom}`` is replaced by the value written in
    SQL (``'Lyon'``, ``2024``, ``12.5``), never by free text: a drawn value cannot change the
    query's structure (and the query only runs through the safe, read-only engine)."""

    def rendre(self, valeurs: Mapping[str, Any]) -> str:
        def place(m: re.Match) -> str:
            if m.group(0) in ("{{", "}}"):
                return m.group(0)[0]
            return litteral_sql(valeurs[m.group(1)])

        return _PLACE.sub(place, self.texte)


@dataclass(frozen=True)
class RequeteAuteur:
    """The ``[sql]`` section: the reference query compared on its result set."""

    requete: GabaritSQL
    ordre_compte: bool
    cles_ordre: tuple[str, ...]
    libelle: str
    points: Decimal
    ligne: int


# --------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class PiegeAuteur:
    code: str
    expression: Expression
    explication: str


@dataclass(frozen=True)
class Reponse:
    """One answer field: its expression, unit, tolerance, other methods and traps."""

    nom: str
    libelle: str
    expression: Expression
    unite: str
    tolerance: Decimal
    decimales: int | None
    points: Decimal
    autres: tuple[Expression, ...]
    pieges: tuple[PiegeAuteur, ...]
    ligne: int


@dataclass(frozen=True)
class ControleChoix:
    """A choice among options: the student gives the option's letter (A, B…) or its text."""

    options: tuple[str, ...]
    bonne: int
    explications: tuple[str, ...]  # per option, "" when none (the trap feedback)
    libelle: str = "Votre choix"
    points: Decimal = Decimal(1)
    #: the trap name of each option (``choix_2``: the 2nd option of the file, whatever the
    #: order a student sees), so the cockpit counts the same trap for every student
    codes: tuple[str, ...] = ()

    def champs(self) -> tuple[Champ, ...]:
        options = tuple((self._lettre(i), o) for i, o in enumerate(self.options))
        return (Champ("reponse", self.libelle, "choix", "", options=options),)

    def _lettre(self, i: int) -> str:
        return chr(ord("A") + i)

    def verifier(self, reponse: Any) -> Verdict:
        if isinstance(reponse, Mapping):
            reponse = reponse.get("reponse", "")
        texte = str(reponse).strip().rstrip(".)").strip()
        indice = None
        if len(texte) == 1 and texte.upper().isalpha():
            k = ord(texte.upper()) - ord("A")
            indice = k if 0 <= k < len(self.options) else None
        else:
            for i, o in enumerate(self.options):
                if _comparable(o) == _comparable(texte):
                    indice = i
        if indice is None:
            lettres = ", ".join(self._lettre(i) for i in range(len(self.options)))
            return Verdict(
                False, Decimal(0), f"Répondez par une lettre : {lettres}.", lisible=False
            )
        if indice == self.bonne:
            return Verdict(True, Decimal(1), f"Juste : {self.options[indice]}.")
        explication = self.explications[indice]
        message = f"Faux : « {self.options[indice]} » n'est pas la bonne réponse."
        if explication:
            message += f" {explication}"
        return Verdict(
            False,
            Decimal(0),
            message,
            piege=(self.codes[indice] if self.codes else f"choix_{indice + 1}")
            if explication
            else None,
        )

    def reponse_attendue(self) -> str:
        return f"**{self._lettre(self.bonne)}. {self.options[self.bonne]}**"

    def bareme(self) -> tuple[tuple[str, Decimal], ...]:
        return ((self.libelle, self.points),)


def _comparable(texte: str) -> str:
    """An option as typed: spaces (babel's non-breaking ones too), case and bold ignored."""
    return " ".join(espaces_normales(texte).replace("*", "").casefold().split())


# --------------------------------------------------------------------------- the exercise


@dataclass(frozen=True)
class ExerciceAuteur:
    """A parsed, checked exercise file; :meth:`exercice` gives the engine's declaration."""

    chemin: Path | None
    code: str
    titre: str
    unite: str
    savoirs: tuple[str, ...]
    essais_avant_solution: int
    parametres: tuple[Parametre, ...]
    derivees: tuple[tuple[str, Expression], ...]
    enonce: Gabarit
    solution: Gabarit
    indices: tuple[Gabarit, ...]
    reponses: tuple[Reponse, ...]
    choix: tuple[tuple[Gabarit, Expression | None, Gabarit | None], ...]  # text, juste, feedback
    ligne_choix: int = 0
    ordre_fixe: bool = False
    sql: RequeteAuteur | None = None

    @property
    def genre(self) -> str:
        """``nombre`` (one or several numeric answers), ``choix`` or ``sql``."""
        return "sql" if self.sql else "choix" if self.choix else "nombre"

    @property
    def code_complet(self) -> str:
        return f"{self.unite}/{self.code}"

    def valeurs(self, alea: random.Random) -> dict[str, Any]:
        """Draw the parameters, then compute the derived values in order."""
        valeurs: dict[str, Any] = {}
        for p in self.parametres:
            valeurs[p.nom] = p.tirer(alea)
        for nom, e in self.derivees:
            valeurs[nom] = e.evaluer(valeurs)
        return valeurs

    def generer(self, alea: random.Random) -> Variante:
        valeurs = self.valeurs(alea)
        calcul = dict(valeurs)
        for r in self.reponses:
            calcul[r.nom] = _en_decimal(r.expression.evaluer(calcul), r.expression)
        if self.sql is not None:
            from widgets.exercices.controles_sql import ControleSQL

            controle: Any = ControleSQL(
                self.sql.requete.rendre(calcul),
                ordre_compte=self.sql.ordre_compte,
                cles_ordre=self.sql.cles_ordre,
                libelle=self.sql.libelle,
                points=self.sql.points,
            )
        elif self.choix:
            controle = self._controle_choix(calcul, alea)
        elif len(self.reponses) == 1:
            r = self.reponses[0]
            controle = ControleNombre(
                calcul[r.nom],
                libelle=r.libelle,
                unite=r.unite,
                tolerance=r.tolerance,
                pieges=self._pieges(r, calcul),
                points=r.points,
                autres_attendus=tuple(_en_decimal(a.evaluer(calcul), a) for a in r.autres),
                decimales=r.decimales,
            )
        else:
            donnees = {k: v for k, v in valeurs.items() if isinstance(v, Decimal)}
            noms_reponses = {r.nom for r in self.reponses}
            cellules = []
            for r in self.reponses:
                formule = None
                if r.expression.noms & noms_reponses:
                    formule = _formule(r.expression, calcul)
                cellules.append(
                    Cellule(
                        r.nom,
                        r.libelle,
                        calcul[r.nom],
                        formule,
                        unite=r.unite,
                        points=r.points,
                        pieges=self._pieges(r, calcul),
                        tolerance=r.tolerance,
                        autres_attendus=tuple(_en_decimal(a.evaluer(calcul), a) for a in r.autres),
                        decimales=r.decimales,
                    )
                )
            controle = ControleTableau(tuple(cellules), donnees=donnees)
        enonce = self.enonce.rendre(calcul)
        if isinstance(controle, ControleChoix):
            enonce += "\n\n" + "\n".join(
                f"- **{controle._lettre(i)}.** {o}" for i, o in enumerate(controle.options)
            )
        return Variante(
            enonce=enonce,
            controle=controle,
            solution=self.solution.rendre(calcul),
            indices=tuple(i.rendre(calcul) for i in self.indices),
            parametres={p.nom: valeurs[p.nom] for p in self.parametres},
        )

    def _pieges(self, r: Reponse, calcul: Mapping[str, Any]) -> tuple[Piege, ...]:
        return tuple(
            Piege(p.code, _en_decimal(p.expression.evaluer(calcul), p.expression), p.explication)
            for p in r.pieges
        )

    def _controle_choix(self, calcul: Mapping[str, Any], alea: random.Random) -> ControleChoix:
        textes, justes, explications, codes = [], [], [], []
        ordre = list(enumerate(self.choix, 1))
        if not self.ordre_fixe:
            alea.shuffle(ordre)  # each student sees the options in their own order
        for rang, (texte, juste, explication) in ordre:
            codes.append(f"choix_{rang}")
            textes.append(texte.rendre(calcul))
            justes.append(bool(juste.evaluer(calcul)) if juste is not None else False)
            explications.append(explication.rendre(calcul) if explication else "")
        if sum(justes) != 1:
            raise _erreur(
                self.ligne_choix,
                f"pour ces valeurs, {sum(justes)} choix sont justes (il en faut exactement un).",
            )
        return ControleChoix(
            tuple(textes), justes.index(True), tuple(explications), codes=tuple(codes)
        )

    def exercice(self) -> Exercice:
        return Exercice(
            code=self.code_complet,
            unite=self.unite,
            titre=self.titre,
            generateur=self.generer,
            savoirs=self.savoirs,
            theme="enseignant",
            essais_avant_solution=self.essais_avant_solution,
        )


def _en_decimal(v: Any, e: Expression) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, Decimal):
        raise ExpressionRefusee(
            f"Ligne {e.ligne} : l'expression « {e.source} » doit donner un nombre."
        )
    return v


def _formule(e: Expression, calcul: Mapping[str, Any]):
    """A carry-forward formula for a table cell: the expression re-evaluated with the student's
    own earlier answers (its keyword parameters are the names it reads)."""
    import inspect

    def formule(**arguments):
        return e.evaluer({**calcul, **arguments})

    formule.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY) for n in sorted(e.noms)]
    )
    return formule


# --------------------------------------------------------------------------- reading


def _texte(d: Mapping, cle: str, lignes: _Lignes, ligne: int, obligatoire=True) -> str:
    v = d.get(cle)
    if v is None and not obligatoire:
        return ""
    if not isinstance(v, str) or not v.strip():
        raise _erreur(ligne, f"le champ « {cle} » doit être un texte non vide entre guillemets.")
    return v


def lire_texte(texte: str, chemin: Path | None = None) -> ExerciceAuteur:
    """Parse and check an exercise file's text (raises :class:`FichierExerciceInvalide` or
    :class:`~widgets.exercices.auteur.evaluateur.ExpressionRefusee`, with the line)."""
    if len(texte) > TAILLE_MAXI:
        raise _erreur(1, f"le fichier dépasse {TAILLE_MAXI // 1000} ko.")
    try:
        d = tomllib.loads(texte, parse_float=Decimal)
    except RecursionError:
        raise _erreur(1, "le fichier imbrique trop de crochets ou d'accolades.") from None
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"line (\d+)", str(err))
        raise _erreur(
            int(m.group(1)) if m else 1,
            f"le fichier n'est pas un TOML valide ({err}). Vérifiez les guillemets (une "
            "formule ou un texte s'écrit entre guillemets), les crochets et les signes « = ».",
        ) from None
    L = _Lignes(texte)
    inconnus = sorted(set(d) - CHAMPS_CONNUS)
    if inconnus:
        raise _erreur(
            L.cle(inconnus[0]) if L.cle(inconnus[0]) > 1 else L.section(inconnus[0]),
            f"champ inconnu « {inconnus[0]} » (champs : {', '.join(sorted(CHAMPS_CONNUS))}).",
        )
    code = _texte(d, "code", L, L.cle("code"))
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,60}", code):
        raise _erreur(
            L.cle("code"),
            "le code s'écrit en minuscules, chiffres et tirets (ex. « remise-cascade-2 »).",
        )
    titre = _texte(d, "titre", L, L.cle("titre"))
    unite = _texte(d, "unite", L, L.cle("unite"))
    if unite not in UNITES:
        raise _erreur(L.cle("unite"), f"unité « {unite} » inconnue (unités : {', '.join(UNITES)}).")
    savoirs_bruts = d.get("savoirs", [])
    if not isinstance(savoirs_bruts, list) or not all(isinstance(s, str) for s in savoirs_bruts):
        raise _erreur(L.cle("savoirs"), 'savoirs = ["S511", …] attend une liste de codes.')
    savoirs = []
    for s in savoirs_bruts:
        try:
            savoirs.append(savoir(s).code)
        except ErreurAtelier as err:
            raise _erreur(L.cle("savoirs"), err.message) from None
    essais = d.get("essais_avant_solution", 3)
    if isinstance(essais, bool) or not isinstance(essais, int) or not 1 <= essais <= 20:
        raise _erreur(
            L.cle("essais_avant_solution"), "essais_avant_solution : un entier de 1 à 20."
        )

    parametres_bruts = d.get("parametres", {})
    if not isinstance(parametres_bruts, Mapping) or len(parametres_bruts) > PARAMETRES_MAXI:
        raise _erreur(L.section("parametres"), f"[parametres] : au plus {PARAMETRES_MAXI}.")
    if not isinstance(d.get("derivees", {}), Mapping):
        raise _erreur(L.section("derivees"), '[derivees] : une section de formules nom = "…".')
    for section in ("parametres", "derivees"):
        egares = sorted(set(dict(d.get(section, {}))) & CHAMPS_CONNUS)
        if egares:
            raise _erreur(
                L.cle(egares[0], L.section(section)),
                f"« {egares[0]} » se trouve dans la section [{section}] : en TOML, les champs "
                "simples (titre, enonce, solution, indices…) s'écrivent AVANT la première "
                "section entre crochets.",
            )
    debut = L.section("parametres")
    parametres = []
    for nom, brut in parametres_bruts.items():
        _verifier_nom(nom, L.cle(nom, debut))
        parametres.append(_lire_parametre(nom, brut, L.cle(nom, debut)))
    noms = {p.nom for p in parametres}

    derivees = []
    debut = L.section("derivees")
    for nom, source in dict(d.get("derivees", {})).items():
        ligne = L.cle(nom, debut)
        _verifier_nom(nom, ligne)
        if nom in noms:
            raise _erreur(ligne, f"« {nom} » est déjà un paramètre ou une valeur calculée.")
        derivees.append((nom, compiler(source, ligne, noms)))
        noms.add(nom)

    reponses: list[Reponse] = []
    brutes = d.get("reponses", [])
    if not isinstance(brutes, list):
        raise _erreur(
            L.section("reponses"), "les réponses s'écrivent [[reponses]] (doubles crochets)."
        )
    for brut in brutes:
        reponses.append(_lire_reponse(brut, L, noms, len(reponses)))
        noms.add(reponses[-1].nom)
    choix = _lire_choix(d.get("choix", []), L, noms)
    sql = _lire_sql(d.get("sql"), L, noms)
    if sum(map(bool, (reponses, choix, sql))) != 1:
        raise _erreur(
            L.section("reponses") if reponses else L.section("sql") if sql else 1,
            "un exercice a soit des [[reponses]] (nombres), soit des [[choix]] (QCM), soit "
            "une section [sql] (une requête), et un seul de ces genres.",
        )
    ordre_fixe = d.get("ordre_fixe", False)
    if not isinstance(ordre_fixe, bool):
        raise _erreur(L.cle("ordre_fixe"), "ordre_fixe : true ou false.")
    enonce = Gabarit(_texte(d, "enonce", L, L.cle("enonce")), L.cle("enonce"))
    solution = Gabarit(_texte(d, "solution", L, L.cle("solution")), L.cle("solution"))
    indices_bruts = d.get("indices", [])
    if not isinstance(indices_bruts, list) or not all(isinstance(i, str) for i in indices_bruts):
        raise _erreur(L.cle("indices"), 'indices = ["…", "…"] attend une liste de textes.')
    indices = tuple(Gabarit(i, L.valeur(i, L.cle("indices"))) for i in indices_bruts)
    for g in (enonce, solution, *indices):
        g.verifier(noms)
    return ExerciceAuteur(
        chemin=chemin,
        code=code,
        titre=titre,
        unite=unite,
        savoirs=tuple(savoirs),
        essais_avant_solution=essais,
        parametres=tuple(parametres),
        derivees=tuple(derivees),
        enonce=enonce,
        solution=solution,
        indices=indices,
        reponses=tuple(reponses),
        choix=choix,
        ligne_choix=L.section("choix"),
        ordre_fixe=ordre_fixe,
        sql=sql,
    )


def _verifier_nom(nom: str, ligne: int) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", nom):
        raise _erreur(
            ligne, f"le nom « {nom} » : minuscules sans accent, chiffres et « _ » (ex. prix_ht)."
        )
    from widgets.exercices.auteur.evaluateur import FONCTIONS

    if nom in FONCTIONS:
        raise _erreur(ligne, f"« {nom} » est le nom d'une fonction : choisissez-en un autre.")


def _nieme_section(L: _Lignes, nom: str, rang: int) -> int:
    motif = re.compile(r"^\s*\[\[\s*" + re.escape(nom) + r"\s*\]\]")
    vues = [i for i, ligne in enumerate(L.lignes, 1) if motif.match(ligne)]
    return vues[rang] if rang < len(vues) else L.section(nom)


def _lire_reponse(brut: Any, L: _Lignes, noms: set[str], rang: int) -> Reponse:
    debut = _nieme_section(L, "reponses", rang)
    if not isinstance(brut, Mapping):
        raise _erreur(debut, "une réponse s'écrit dans une section [[reponses]].")
    connues = {
        "nom", "libelle", "expression", "unite", "precision", "decimales", "points",
        "autres_methodes", "pieges",
    }  # fmt: skip
    inconnues = sorted(set(brut) - connues)
    if inconnues:
        raise _erreur(
            L.cle(inconnues[0], debut),
            f"clé inconnue « {inconnues[0]} » dans [[reponses]] "
            f"(clés : {', '.join(sorted(connues))}).",
        )
    nom = _texte(brut, "nom", L, L.cle("nom", debut))
    _verifier_nom(nom, L.cle("nom", debut))
    if nom in noms:
        raise _erreur(L.cle("nom", debut), f"« {nom} » est déjà un paramètre ou une valeur.")
    libelle = _texte(brut, "libelle", L, L.cle("libelle", debut))
    ligne_expr = L.cle("expression", debut)
    expression = compiler(brut.get("expression", ""), ligne_expr, noms)
    unite = brut.get("unite", "€")
    if not isinstance(unite, str) or len(unite) > 20:
        raise _erreur(L.cle("unite", debut), "unite : « € », « % », « » ou un mot (« jours »).")
    precision = brut.get("precision", CENTIME if unite == "€" else Decimal("0.01"))
    if isinstance(precision, bool) or not isinstance(precision, (int, Decimal)) or precision < 0:
        raise _erreur(L.cle("precision", debut), "precision : un nombre positif (ex. 0.01).")
    decimales = brut.get("decimales")
    if decimales is not None and (
        isinstance(decimales, bool) or not isinstance(decimales, int) or not 0 <= decimales <= 6
    ):
        raise _erreur(L.cle("decimales", debut), "decimales : un entier de 0 à 6.")
    points = brut.get("points", 2)
    if isinstance(points, bool) or not isinstance(points, (int, Decimal)) or points <= 0:
        raise _erreur(L.cle("points", debut), "points : un nombre positif.")
    autres_bruts = brut.get("autres_methodes", [])
    if not isinstance(autres_bruts, list):
        raise _erreur(L.cle("autres_methodes", debut), 'autres_methodes = ["…"] : une liste.')
    autres = tuple(compiler(a, L.valeur(a, debut), noms) for a in autres_bruts)
    pieges = []
    for p in brut.get("pieges", []):
        ligne = L.valeur(p.get("expression", ""), debut) if isinstance(p, Mapping) else debut
        if not isinstance(p, Mapping) or set(p) - {"nom", "expression", "explication"}:
            raise _erreur(ligne, "un piège a trois clés : nom, expression, explication.")
        code = p.get("nom", f"piege_{len(pieges) + 1}")
        if not isinstance(code, str) or not re.fullmatch(r"[a-z0-9_]{1,40}", code):
            raise _erreur(ligne, "le nom d'un piège : minuscules, chiffres et « _ ».")
        explication = _texte(p, "explication", L, ligne)
        pieges.append(
            PiegeAuteur(code, compiler(p.get("expression", ""), ligne, noms), explication)
        )
    return Reponse(
        nom,
        libelle,
        expression,
        unite,
        Decimal(precision),
        decimales,
        Decimal(points),
        autres,
        tuple(pieges),
        ligne_expr,
    )


def _lire_choix(brutes: Any, L: _Lignes, noms: set[str]):
    if not isinstance(brutes, list):
        raise _erreur(L.section("choix"), "les options s'écrivent [[choix]] (doubles crochets).")
    if brutes and not 2 <= len(brutes) <= 8:
        raise _erreur(L.section("choix"), "un QCM a de 2 à 8 options.")
    choix = []
    for rang, brut in enumerate(brutes):
        debut = _nieme_section(L, "choix", rang)
        if not isinstance(brut, Mapping) or set(brut) - {"texte", "juste", "explication"}:
            raise _erreur(debut, "une option a les clés texte, juste (et explication si fausse).")
        texte = Gabarit(_texte(brut, "texte", L, L.cle("texte", debut)), L.cle("texte", debut))
        juste = brut.get("juste", False)
        if isinstance(juste, bool):
            juste_e = compiler("1 == 1" if juste else "1 == 0", L.cle("juste", debut))
        else:
            juste_e = compiler(juste, L.cle("juste", debut), noms)
        explication = brut.get("explication")
        expl = None
        if explication is not None:
            expl = Gabarit(_texte(brut, "explication", L, debut), L.cle("explication", debut))
            expl.verifier(noms)
        texte.verifier(noms)
        choix.append((texte, juste_e, expl))
    return tuple(choix)


def _lire_sql(brut: Any, L: _Lignes, noms: set[str]) -> RequeteAuteur | None:
    if brut is None:
        return None
    debut = L.section("sql")
    if not isinstance(brut, Mapping):
        raise _erreur(debut, 'la requête s\'écrit dans une section [sql] : requete = "SELECT …".')
    inconnues = sorted(set(brut) - SQL_CLES)
    if inconnues:
        raise _erreur(
            L.cle(inconnues[0], debut),
            f"clé inconnue « {inconnues[0]} » dans [sql] (clés : {', '.join(sorted(SQL_CLES))}).",
        )
    ligne = L.cle("requete", debut)
    texte = _texte(brut, "requete", L, ligne)
    if len(texte) > 5000:
        raise _erreur(ligne, "la requête dépasse 5 000 caractères.")
    if not re.match(r"\s*(select|with)\b", texte, re.I):
        raise _erreur(ligne, "la requête de référence est une lecture : SELECT … (ou WITH …).")
    requete = GabaritSQL(texte, ligne)
    requete.verifier(noms)
    ordre = brut.get("ordre_compte", False)
    if not isinstance(ordre, bool):
        raise _erreur(L.cle("ordre_compte", debut), "ordre_compte : true ou false.")
    cles = brut.get("cles_ordre", [])
    if not isinstance(cles, list) or not all(isinstance(c, str) for c in cles):
        raise _erreur(L.cle("cles_ordre", debut), 'cles_ordre = ["colonne", …] : une liste.')
    libelle = brut.get("libelle", "Requête SQL")
    if not isinstance(libelle, str) or not libelle.strip():
        raise _erreur(L.cle("libelle", debut), "libelle : un texte entre guillemets.")
    points = brut.get("points", 2)
    if isinstance(points, bool) or not isinstance(points, (int, Decimal)) or points <= 0:
        raise _erreur(L.cle("points", debut), "points : un nombre positif.")
    return RequeteAuteur(requete, ordre, tuple(cles), libelle, Decimal(points), ligne)


def lire_fichier(chemin: str | Path) -> ExerciceAuteur:
    """Read an exercise file (UTF-8 TOML); the error names the file and the line."""
    chemin = Path(chemin)
    try:
        if chemin.stat().st_size > TAILLE_MAXI:
            raise _erreur(1, f"le fichier dépasse {TAILLE_MAXI // 1000} ko.")
        texte = chemin.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FichierExerciceInvalide(f"Le fichier « {chemin} » n'existe pas.") from None
    except UnicodeDecodeError:
        raise FichierExerciceInvalide(
            f"{chemin.name} : le fichier n'est pas enregistré en UTF-8."
        ) from None
    except OSError:  # a folder named .toml, no read permission, a broken share
        raise FichierExerciceInvalide(
            f"{chemin.name} : le fichier ne peut pas être lu (est-ce un dossier ? les droits "
            "de lecture ou le partage réseau manquent-ils ?)."
        ) from None
    try:
        return lire_texte(texte, chemin)
    except ErreurAtelier as err:
        texte = str(err)
        if texte.startswith("Ligne "):
            texte = "l" + texte[1:]
        raise FichierExerciceInvalide(f"{chemin.name}, {texte}") from None


def charger_exercice(chemin: str | Path) -> Exercice:
    """The engine's :class:`Exercice` for a teacher's file (same seeding as built-ins)."""
    return lire_fichier(chemin).exercice()
