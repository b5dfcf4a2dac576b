"""A set of teacher's exercises in one text file, to give to a colleague (issue 25).

The set file is plain text: a first comment line, then each exercise file's text after a
marker line ``# ===== exercice : nom.toml =====`` (a TOML comment: each part stays readable and
editable with a text editor). :func:`exporter` writes it from files, folders or codes;
:func:`importer` reads it as untrusted input: size and count capped, file names checked (a
plain ``nom.toml``, never a path), every exercise checked by
:func:`~widgets.exercices.auteur.verification.verifier` (200 variants) and every code checked
against the built-in exercises, the teacher's folder and the rest of the set. One problem
refuses the WHOLE set (nothing is written), each French error naming the set file, its line,
the exercise file and its own line. An existing file is never replaced without ``remplacer``,
and the report says which ones were replaced.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from widgets.calculs import accorder
from widgets.donnees.chemins import dossier_exercices, dossiers_exercices
from widgets.erreurs import ErreurAtelier
from widgets.exercices.auteur.fichier import TAILLE_MAXI, lire_fichier, lire_texte

EXERCICES_MAXI = 100
TAILLE_JEU_MAXI = 2_000_000
ENTETE = "# Jeu d'exercices Atelier NRC"
_MARQUE = re.compile(r"^# ===== exercice : (.*?) =====\s*$")
_NOM_FICHIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.toml")


class JeuInvalide(ErreurAtelier):
    """Un jeu d'exercices est refusé en entier (messages en français, avec les lignes)."""


def _sources(elements: list[str]) -> list[Path]:
    """The exercise files named by ``elements``: a .toml file, a folder (its .toml files) or a
    teacher exercise's code (``relation_client/mon-code`` or ``mon-code``)."""
    fichiers: list[Path] = []
    for element in elements:
        chemin = Path(element)
        if chemin.is_dir():
            fichiers += sorted(chemin.glob("*.toml"))
        elif chemin.suffix == ".toml":
            if not chemin.is_file():
                raise ErreurAtelier(f"Le fichier « {chemin} » n'existe pas.")
            fichiers.append(chemin)
        else:
            fichiers.append(_fichier_du_code(element))
    if not fichiers:
        raise ErreurAtelier("Aucun fichier d'exercice à exporter.")
    return fichiers


def _fichier_du_code(code: str) -> Path:
    for dossier in dossiers_exercices():
        for f in sorted(dossier.glob("*.toml")) if dossier.is_dir() else []:
            try:
                ex = lire_fichier(f)
            except ErreurAtelier:
                continue
            if code in (ex.code, ex.code_complet):
                return f
    raise ErreurAtelier(
        f"« {code} » : aucun de vos fichiers d'exercice ne porte ce code (un exercice intégré "
        "s'exporte vers Moodle avec atelier moodle exporter, pas dans un jeu)."
    )


def exporter(elements: list[str], sortie: str | Path) -> tuple[Path, int]:
    """Write the set file ``sortie`` from files, folders or codes; each exercise is read (a
    refused file is not exported). Returns (path, number of exercises)."""
    sortie = Path(sortie)
    if sortie.suffix == ".toml":
        raise ErreurAtelier(
            f"« {sortie.name} » : un jeu d'exercices ne se termine pas par .toml (il serait lu "
            "comme un seul exercice) ; choisissez par exemple mes_exercices.jeu."
        )
    fichiers = _sources(elements)
    if len(fichiers) > EXERCICES_MAXI:
        raise ErreurAtelier(f"Un jeu contient au plus {EXERCICES_MAXI} exercices.")
    noms = [f.name for f in fichiers]
    doublons = sorted({n for n in noms if noms.count(n) > 1})
    if doublons:
        raise ErreurAtelier(f"Deux fichiers portent le même nom : {doublons[0]}.")
    morceaux = [
        f"{ENTETE} : {accorder(len(fichiers), 'exercice')}. Pour l'importer :\n"
        f"#     .venv/bin/atelier exercice importer {sortie.name}\n"
    ]
    for f in fichiers:
        lire_fichier(f)  # a refused file is not given to a colleague
        texte = f.read_text(encoding="utf-8")
        morceaux.append(f"# ===== exercice : {f.name} =====\n{texte.rstrip()}\n")
    sortie.write_text("\n".join(morceaux), encoding="utf-8")
    return sortie, len(fichiers)


@dataclass
class Partie:
    nom: str
    ligne: int  # line of the marker in the set file
    texte: str


def decouper(texte: str, nom_jeu: str) -> list[Partie]:
    """The parts of a set file (raises :class:`JeuInvalide` for a malformed one)."""
    parties: list[Partie] = []
    erreurs: list[str] = []
    lignes = texte.splitlines()
    courant: Partie | None = None
    for numero, ligne in enumerate(lignes, 1):
        m = _MARQUE.match(ligne)
        if m:
            nom = m.group(1).strip()
            if not _NOM_FICHIER.fullmatch(nom):
                erreurs.append(
                    f"{nom_jeu}, ligne {numero} : « {nom[:80]} » n'est pas un nom de fichier "
                    "d'exercice (lettres, chiffres, tirets, terminé par .toml, sans dossier)."
                )
            courant = Partie(nom, numero, "")
            parties.append(courant)
        elif courant is not None:
            courant.texte += ligne + "\n"
        elif ligne.strip() and not ligne.lstrip().startswith("#"):
            erreurs.append(
                f"{nom_jeu}, ligne {numero} : texte avant le premier exercice (chaque exercice "
                "commence par « # ===== exercice : nom.toml ===== »)."
            )
            break
    if not parties and not erreurs:
        erreurs.append(f"{nom_jeu} : aucun exercice (ce n'est pas un jeu exporté par l'atelier).")
    if len(parties) > EXERCICES_MAXI:
        erreurs.append(f"{nom_jeu} : plus de {EXERCICES_MAXI} exercices.")
    noms = [p.nom.casefold() for p in parties]
    for p in parties:
        if noms.count(p.nom.casefold()) > 1:
            erreurs.append(f"{nom_jeu}, ligne {p.ligne} : le fichier {p.nom} y figure deux fois.")
            break
    for p in parties:
        if len(p.texte) > TAILLE_MAXI:
            erreurs.append(f"{nom_jeu}, ligne {p.ligne} : {p.nom} dépasse 100 ko.")
    if erreurs:
        raise JeuInvalide("\n".join(erreurs))
    return parties


@dataclass
class Importation:
    """What :func:`importer` did: files written, replaced, left unchanged (same text)."""

    dossier: Path
    ecrits: list[str] = field(default_factory=list)
    remplaces: list[str] = field(default_factory=list)
    inchanges: list[str] = field(default_factory=list)

    def texte(self) -> str:
        lignes = [f"Jeu importé dans {self.dossier} :"]
        for titre, noms in (
            ("nouveaux", self.ecrits),
            ("remplacés (l'ancienne version est écrasée)", self.remplaces),
            ("déjà présents à l'identique, inchangés", self.inchanges),
        ):
            if noms:
                lignes.append(f"- {titre} : {', '.join(noms)}")
        return "\n".join(lignes)


def _renumeroter(message: str, nom_jeu: str, partie: Partie) -> str:
    """« Ligne 4 : … » of an exercise → « jeu, ligne 31 (nom.toml, ligne 4) : … »."""
    m = re.match(r"(?:.*?, )?[Ll]igne (\d+) : (.*)", message, re.S)
    if not m:
        return f"{nom_jeu}, ligne {partie.ligne} ({partie.nom}) : {message}"
    locale = int(m.group(1))
    return f"{nom_jeu}, ligne {partie.ligne + locale} ({partie.nom}, ligne {locale}) : {m.group(2)}"


def verifier_jeu(chemin: str | Path) -> list[tuple[Partie, str]]:
    """Check a set file; returns its parts with their code, or raises :class:`JeuInvalide`
    listing EVERY problem found."""
    from widgets.exercices.auteur.verification import verifier
    from widgets.exercices.registre import exercices_enseignant, exercices_integres

    chemin = Path(chemin)
    try:
        if chemin.stat().st_size > TAILLE_JEU_MAXI:
            raise JeuInvalide(f"{chemin.name} : le jeu dépasse {TAILLE_JEU_MAXI // 1_000_000} Mo.")
        texte = chemin.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise JeuInvalide(f"Le fichier « {chemin} » n'existe pas.") from None
    except UnicodeDecodeError:
        raise JeuInvalide(f"{chemin.name} : le jeu n'est pas enregistré en UTF-8.") from None
    except OSError:
        raise JeuInvalide(f"{chemin.name} : le fichier ne peut pas être lu.") from None
    parties = decouper(texte, chemin.name)
    erreurs: list[str] = []
    codes: dict[str, str] = {}
    integres = exercices_integres()
    siens = exercices_enseignant()[0]
    resultat = []
    with tempfile.TemporaryDirectory() as tmp:
        for p in parties:
            f = Path(tmp) / p.nom
            f.write_text(p.texte, encoding="utf-8")
            rapport = verifier(f)
            if not rapport.valide:
                erreurs += [_renumeroter(m, chemin.name, p) for m in rapport.erreurs]
                continue
            code = lire_texte(p.texte).code_complet
            if code in integres:
                erreurs.append(
                    f"{chemin.name}, ligne {p.ligne} ({p.nom}) : le code « {code} » est celui "
                    "d'un exercice intégré ; changez le champ « code »."
                )
            elif code in codes:
                erreurs.append(
                    f"{chemin.name}, ligne {p.ligne} ({p.nom}) : le code « {code} » est déjà "
                    f"celui de {codes[code]} dans ce jeu."
                )
            elif code in siens and not _meme_fichier(p.nom, code):
                erreurs.append(
                    f"{chemin.name}, ligne {p.ligne} ({p.nom}) : le code « {code} » est déjà "
                    "celui d'un de vos exercices (un autre fichier) ; changez le champ « code »."
                )
            codes[code] = p.nom
            resultat.append((p, code))
    if erreurs:
        raise JeuInvalide(
            f"{chemin.name} : jeu refusé en entier, rien n'est importé "
            f"({accorder(len(erreurs), 'problème')}) :\n"
            + "\n".join(f"- {e}" for e in erreurs[:40])
        )
    return resultat


def _meme_fichier(nom: str, code: str) -> bool:
    """The teacher's exercise with this code lives in a file named ``nom`` (re-import)."""
    f = dossier_exercices() / nom
    try:
        return f.is_file() and lire_fichier(f).code_complet == code
    except ErreurAtelier:
        return False


def importer(chemin: str | Path, remplacer: bool = False) -> Importation:
    """Check the whole set, then write its files into the teacher's folder. An existing file
    with another text is only replaced with ``remplacer`` (else the set is refused, naming
    it); nothing is written when anything is refused."""
    parties = verifier_jeu(chemin)
    dossier = dossier_exercices()
    bilan = Importation(dossier)
    conflits = []
    for p, _ in parties:
        cible = dossier / p.nom
        if cible.exists():
            try:
                ancien = cible.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                ancien = None
            if ancien is not None and ancien.rstrip() == p.texte.rstrip():
                bilan.inchanges.append(p.nom)
            elif remplacer:
                bilan.remplaces.append(p.nom)
            else:
                conflits.append(p.nom)
        else:
            bilan.ecrits.append(p.nom)
    if conflits:
        raise JeuInvalide(
            f"{Path(chemin).name} : rien n'est importé : {', '.join(conflits)} existe(nt) déjà "
            f"dans {dossier} avec un autre texte. Relancez avec --remplacer pour écraser ces "
            "fichiers, ou renommez-les."
        )
    dossier.mkdir(parents=True, exist_ok=True)
    for p, _ in parties:
        if p.nom in bilan.ecrits or p.nom in bilan.remplaces:
            (dossier / p.nom).write_text(p.texte, encoding="utf-8")
    return bilan
