"""The teacher's tools on one exercise file: ``nouveau``, ``verifier``, ``apercu``.

:func:`verifier` reads the file (every field, every expression compiled by the safe
evaluator), then draws :data:`VARIANTES` students' variants and checks each one: every
expression evaluates, every answer is reachable (the expected figure, typed as the corrigé
writes it, is judged right), every trap differs from the right answers and is recognised by
name, exactly one option of a choice is right, and the French of the statement, hints and
solution has no agreement slip (:func:`fautes_de_francais`). Every problem is a French line
naming the line of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from widgets.calculs.format import format_nombre
from widgets.calculs.francais import GENRES, accorder
from widgets.erreurs import ErreurAtelier
from widgets.exercices.auteur.fichier import ControleChoix, ExerciceAuteur, lire_fichier
from widgets.exercices.controles import ControleNombre, ControleTableau, formater
from widgets.exercices.controles_sql import ControleSQL

VARIANTES = 200
ERREURS_MAXI = 20

_FEMININS = sorted((n for n, g in GENRES.items() if g == "f"), key=len, reverse=True)
_MASCULINS = sorted((n for n, g in GENRES.items() if g == "m"), key=len, reverse=True)
_INVARIABLES = {
    "mois", "fois", "prix", "cas", "pas", "temps", "choix", "taux", "poids", "repas", "tapis",
    "avis", "colis", "devis", "sous", "plus", "dans", "vers", "après", "puis", "corps", "près",
}  # fmt: skip
_MOTIFS = {
    "« (s) » laissé dans le texte (écrivez {n} client(s) juste après le nombre)": re.compile(
        r"[a-zàâçéèêëîïôûù]\((?:s|x)\)"
    ),
    "pluriel après 0 ou 1": re.compile(
        r"(?<![\d\u202f\u00a0.,])\b[01](?:,\d+)? (?!\d)([a-zàâçéèêëîïôûù]+[sx])\b"
    ),
    "« un » devant un nom féminin": re.compile(
        r"\b[Uu]n (?:" + "|".join(map(re.escape, _FEMININS)) + r")\b"
    ),
    "« une » devant un nom masculin": re.compile(
        r"\b[Uu]ne (?:" + "|".join(map(re.escape, _MASCULINS)) + r")\b"
    ),
    "montant nul qui n'a pas de sens (« de 0,00 € »)": re.compile(r"\bde 0,00[\s\u00a0\u202f]?€"),
}


def fautes_de_francais(texte: str) -> list[tuple[str, str]]:
    """The agreement slips of a generated text, as (kind of slip, excerpt) (the scan the
    project runs on built-in exercises)."""
    fautes = []
    for nom, motif in _MOTIFS.items():
        for m in motif.finditer(texte):
            if nom == "pluriel après 0 ou 1" and m.group(1) in _INVARIABLES:
                continue
            extrait = " ".join(texte[max(0, m.start() - 25) : m.end() + 10].split())
            fautes.append((nom, extrait))
    return fautes


@dataclass
class Rapport:
    """The result of :func:`verifier`: French ``erreurs`` (with lines) and a summary."""

    fichier: str
    erreurs: list[str] = field(default_factory=list)
    variantes: int = 0
    exercice: ExerciceAuteur | None = None
    _vus: dict[object, int] = field(default_factory=dict)

    @property
    def valide(self) -> bool:
        return not self.erreurs

    def ajouter(self, message: str) -> None:
        if message not in self.erreurs and len(self.erreurs) < ERREURS_MAXI:
            self.erreurs.append(message)

    def signaler(self, cle: object, message: str) -> None:
        """Record ``message`` once for ``cle`` (a problem seen in many variants is one line,
        with the number of variants where it occurs)."""
        if cle not in self._vus:
            self._vus[cle] = len(self.erreurs)
            self.ajouter(message)
            self._vus[(cle, "n")] = 1
        else:
            self._vus[(cle, "n")] += 1

    def _lignes(self) -> list[str]:
        lignes = list(self.erreurs)
        for cle, rang in self._vus.items():
            if isinstance(cle, tuple) and len(cle) == 2 and cle[1] == "n":
                continue
            n = self._vus[(cle, "n")]
            if n > 1 and rang < len(lignes):
                suite = f" (et {accorder(n - 1, 'autre variante', 'autres variantes')})"
                texte = lignes[rang]
                fin = "." if texte.endswith(".") else ""
                lignes[rang] = texte.removesuffix(".") + suite + fin
        return lignes

    def texte(self) -> str:
        if self.valide:
            e = self.exercice
            assert e is not None
            n = len(e.reponses)
            genre = (
                "requête SQL"
                if e.sql
                else "choix parmi des options"
                if e.choix
                else accorder(n, "réponse numérique", "réponses numériques")
            )
            return (
                f"{self.fichier} : exercice valide « {e.titre} » ({e.code_complet}, {genre}).\n"
                f"{self.variantes} variantes tirées : chaque expression se calcule, chaque "
                "réponse est atteignable, chaque piège se distingue de la bonne réponse, "
                "aucune faute d'accord."
            )
        combien = accorder(len(self.erreurs), "problème")
        return f"{self.fichier} : {combien} à corriger :\n" + "\n".join(
            f"- {m}" for m in self._lignes()
        )


def _saisie(valeur: Decimal, unite: str, decimales: int | None) -> str:
    """The figure as the corrigé writes it (what a student types)."""
    return formater(valeur, unite, decimales).replace("\u202f", " ").replace("\u00a0", " ")


def verifier(chemin: str | Path, variantes: int = VARIANTES) -> Rapport:
    """Check an exercise file thoroughly (see the module docstring)."""
    rapport = Rapport(Path(chemin).name)
    try:
        ex = lire_fichier(chemin)
    except ErreurAtelier as err:
        texte = str(err)
        prefixe = f"{rapport.fichier}, l"
        rapport.ajouter("L" + texte[len(prefixe) :] if texte.startswith(prefixe) else texte)
        return rapport
    rapport.exercice = ex
    requetes_vues: set[str] = set()
    for i in range(1, variantes + 1):
        etudiant = f"etudiant-{i}"
        try:
            v = ex.exercice().variante(etudiant)
        except ErreurAtelier as err:
            rapport.signaler(str(err), f"{err} (variante de {etudiant})")
            continue
        rapport.variantes += 1
        textes = [(v.enonce, ex.enonce.ligne, "l'énoncé")]
        textes += [(t, g.ligne, "un indice") for t, g in zip(v.indices, ex.indices, strict=True)]
        textes.append((v.solution, ex.solution.ligne, "la solution"))
        for texte, ligne, ou in textes:
            for faute, extrait in fautes_de_francais(texte):
                rapport.signaler(
                    ("accord", ligne, ou, faute),
                    f"Ligne {ligne} : dans {ou}, {faute} : « {extrait} » (variante de {etudiant}).",
                )
        c = v.controle
        if isinstance(c, ControleSQL):
            if c.sql_reference not in requetes_vues and len(requetes_vues) < REQUETES_MAXI:
                requetes_vues.add(c.sql_reference)
                _verifier_requete(rapport, ex, c, etudiant)
            continue
        if isinstance(c, ControleChoix):
            vus = [o.strip().casefold() for o in c.options]
            if len(set(vus)) < len(vus):
                rapport.signaler(
                    "options",
                    f"Ligne {ex.ligne_choix} : deux options s'écrivent de la même façon pour "
                    f"{etudiant} ({' / '.join(c.options)}) : l'étudiant ne peut pas choisir.",
                )
            continue
        if isinstance(c, ControleNombre):
            cases = [(ex.reponses[0], c.attendu, c.tolerance, c.autres_attendus, c.pieges, c)]
        else:
            assert isinstance(c, ControleTableau)
            cases = [
                (r, cell.attendu, cell.tolerance, cell.autres_attendus, cell.pieges, None)
                for r, cell in zip(ex.reponses, c.cellules, strict=True)
            ]
        saisies = {}
        for r, attendu, tolerance, autres, pieges, _ in cases:
            saisies[r.nom] = _saisie(attendu, r.unite, r.decimales)
            for p, source in zip(pieges, r.pieges, strict=True):
                if any(abs(p.valeur - j) <= tolerance for j in (attendu, *autres)):
                    rapport.signaler(
                        ("piege", r.nom, p.code),
                        f"Ligne {source.expression.ligne} : le piège « {p.code} » donne la bonne "
                        f"réponse ({_saisie(attendu, r.unite, r.decimales)}) pour {etudiant} : "
                        "il ne se distingue pas d'une réponse juste.",
                    )
        if isinstance(c, ControleNombre):
            r = ex.reponses[0]
            if not c.verifier(saisies[r.nom]).correct:
                precision = format_nombre(r.tolerance, decimales_maxi=6)
                rapport.signaler(
                    "atteignable",
                    f"Ligne {r.ligne} : la réponse attendue, écrite « {saisies[r.nom]} », est "
                    f"jugée fausse pour {etudiant} : la précision ({precision}) est plus fine "
                    "que l'arrondi affiché ; donnez « decimales » ou une « precision » plus large.",
                )
        elif not c.verifier(saisies).correct:
            rapport.signaler(
                "atteignable",
                f"Ligne {ex.reponses[0].ligne} : les réponses attendues, écrites comme dans le "
                f"corrigé, ne sont pas toutes jugées justes pour {etudiant} : vérifiez "
                "« precision » et « decimales ».",
            )
    return rapport


REQUETES_MAXI = 30
"""At most this many distinct reference queries are run by :func:`verifier` (each through the
safe engine, time-limited)."""


def _verifier_requete(rapport: Rapport, ex: ExerciceAuteur, c: ControleSQL, etudiant: str):
    """The reference query runs on the reference base, gives rows, and is judged right."""
    from widgets.sql import ErreurRequete

    assert ex.sql is not None
    ligne = ex.sql.ligne
    try:
        attendu = c.resultat_attendu()
    except ErreurRequete as err:
        rapport.signaler(
            ("sql", str(err)),
            f"Ligne {ligne} : la requête de référence ne s'exécute pas pour {etudiant} : {err}",
        )
        return
    except ErreurAtelier as err:
        rapport.signaler(("sql", "base"), f"Ligne {ligne} : {err}")
        return
    if not attendu.lignes:
        rapport.signaler(
            ("sql", "vide"),
            f"Ligne {ligne} : la requête de référence ne renvoie aucune ligne pour {etudiant} : "
            "l'étudiant ne pourrait pas distinguer une requête juste d'une fausse.",
        )
    elif not c.verifier(c.sql_reference).correct:
        rapport.signaler(
            ("sql", "juste"),
            f"Ligne {ligne} : la requête de référence n'est pas jugée juste pour {etudiant} "
            "(colonnes de même contenu ?).",
        )


def apercu(chemin: str | Path, etudiant: str, graine: int = 0) -> str:
    """One student's statement, expected answers, traps and solution (French Markdown)."""
    ex = lire_fichier(chemin)
    v = ex.exercice().variante(etudiant, graine)
    c = v.controle
    morceaux = [
        f"# {ex.titre} ({ex.code_complet}) — {etudiant}",
        "## Énoncé",
        v.enonce.strip(),
    ]
    if v.indices:
        morceaux += ["## Indices", "\n".join(f"{k}. {t}" for k, t in enumerate(v.indices, 1))]
    morceaux += ["## Réponse attendue", c.reponse_attendue()]
    pieges = []
    if isinstance(c, ControleNombre):
        pieges = [(c.libelle, p, c.unite) for p in c.pieges]
    elif isinstance(c, ControleTableau):
        pieges = [(cell.libelle, p, cell.unite) for cell in c.cellules for p in cell.pieges]
    if pieges:
        morceaux += [
            "## Pièges reconnus",
            "\n".join(
                f"- {lib} = {formater(p.valeur, u)} ({p.code}) : {p.explication}"
                for lib, p, u in pieges
            ),
        ]
    morceaux += ["## Solution", v.solution.strip()]
    return "\n\n".join(morceaux) + "\n"


MODELE = '''# Exercice écrit par l'enseignant (format TOML, voir docs/exercices_enseignant.md).
# Une ligne qui commence par # est un commentaire. Vérifiez le fichier avec :
#     .venv/bin/atelier exercice verifier CE_FICHIER
# et regardez la copie d'un étudiant avec :
#     .venv/bin/atelier exercice apercu CE_FICHIER --etudiant "Léa Martin"

# Le code (minuscules, chiffres, tirets) et l'unité forment l'adresse de l'exercice :
# ici relation_client/prix-de-vente-marque, à donner à exercice("…") dans un carnet.
code = "prix-de-vente-marque"
titre = "Prix de vente à partir du taux de marque"
unite = "relation_client"     # gestion_clientele, relation_client, management_equipe, …
savoirs = ["S512"]            # codes du référentiel du BTS

# Les textes s'écrivent AVANT la première section entre crochets [ … ].
# {nom} insère une valeur ; {nom:euros} « 1 234,50 € » ; {nom:pourcent} « 12,5 % » ;
# {nom:nombre:2} deux décimales ; « {n} article(s) » s'accorde : 1 article, 3 articles.
enonce = """
La boutique achète **{quantite} article(s)** au coût unitaire de **{cout:euros} HT**.
Elle applique un taux de marque de **{marque:pourcent}**.

Calculez le **prix de vente unitaire HT**, au centime."""

indices = [
    "Le taux de marque se calcule sur le prix de vente : PV HT = coût / (1 − taux de marque).",
]

solution = """
PV HT = {cout:euros} / (1 − {marque:pourcent}) = **{pv:euros}**."""

# Les paramètres, tirés pour chaque étudiant (toujours les mêmes pour un même étudiant).
[parametres]
quantite = { entier = [1, 12] }                     # de 1 à 12, de 1 en 1
cout = { decimal = [20, 80], pas = 0.5 }            # de 20,00 à 80,00 €, de 0,50 en 0,50
marque = { choix = [20, 25, 30, 40] }               # un taux parmi ceux-ci

# Les valeurs calculées (dans l'ordre ; chacune peut servir aux suivantes).
# Opérations : + - * / ** et les fonctions arrondi(x), arrondi(x, n), min, max, abs,
# taux_de_marque, taux_de_marge, coefficient, net_a_payer, annuite, interets_simples, …
[derivees]
pv = "arrondi(cout / (1 - marque / 100))"

# Une section [[reponses]] par case à remplir.
[[reponses]]
nom = "prix_vente_ht"
libelle = "Prix de vente HT"
expression = "pv"
unite = "€"                   # « € », « % », « » (nombre) ou un mot (« jours »)
precision = 0.01              # écart accepté
points = 2
autres_methodes = []          # d'autres calculs justes, acceptés aussi

# Les erreurs classiques : la valeur qu'elles donnent et l'explication montrée à l'étudiant.
[[reponses.pieges]]
nom = "marque_prise_pour_marge"
expression = "arrondi(cout * (1 + marque / 100))"
explication = "Le taux de marque se calcule sur le prix de vente, pas sur le coût d'achat."
'''


def nouveau(chemin: str | Path) -> Path:
    """Write the commented template (never over an existing file)."""
    chemin = Path(chemin)
    if chemin.suffix != ".toml":
        raise ErreurAtelier(f"« {chemin.name} » : un fichier d'exercice se termine par .toml.")
    if chemin.exists():
        raise ErreurAtelier(f"Le fichier « {chemin} » existe déjà : choisissez un autre nom.")
    chemin.write_text(MODELE, encoding="utf-8")
    return chemin
