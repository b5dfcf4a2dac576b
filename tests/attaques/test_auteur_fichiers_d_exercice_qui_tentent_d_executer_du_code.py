"""Issue 25: an exercise file from a colleague or the internet is untrusted. Every expression
that tries to run code, read a file, loop or build a huge number is refused BEFORE anything is
computed, in French, naming the line of the file; nothing of the attack happens."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from widgets.exercices.auteur import ExpressionRefusee, FichierExerciceInvalide, lire_fichier
from widgets.exercices.auteur.evaluateur import compiler
from widgets.exercices.auteur.verification import verifier

ENTETE = """code = "attaque"
titre = "Un exercice piégé"
unite = "finance"
savoirs = ["S511"]
enonce = "Calculez {x}."
solution = "{x}"

[parametres]
a = { entier = [1, 9] }

[derivees]
"""
LIGNE_DERIVEE = ENTETE.count("\n") + 1  # the line of « x = … » in the file
FIN = """
[[reponses]]
nom = "reponse"
libelle = "Réponse"
expression = "a"
"""


def _fichier(tmp_path: Path, expression: str) -> Path:
    chemin = tmp_path / "attaque.toml"
    chemin.write_text(ENTETE + f"x = {expression}\n" + FIN, encoding="utf-8")
    return chemin


ATTAQUES = {
    "import": ("\"__import__('os')\"", "« __import__ » n'est pas une fonction permise"),
    "import puis attribut": (
        "\"__import__('os').system('touch PIRATE')\"",
        "l'accès à un attribut",
    ),
    "attribut": ('"().__class__.__bases__[0].__subclasses__()"', "l'accès à un attribut"),
    "attribut sur un nom": ('"a.__class__"', "l'accès à un attribut"),
    "lecture de fichier": ("\"open('PIRATE')\"", "« open » n'est pas une fonction permise"),
    "eval": ("\"eval('1')\"", "« eval » n'est pas une fonction permise"),
    "nom réservé": ('"__builtins__"', "le nom « __builtins__ » est interdit"),
    "lambda": ('"(lambda: 1)()"', "les fonctions anonymes (lambda) : interdit"),
    "compréhension": ('"max([a for a in range(10)])"', "les listes en compréhension"),
    "crochets": ('"a[0]"', "les crochets"),
    "morse": ('"(y := 1)"', "l'affectation « := »"),
    "nombre énorme": ('"9**9**9**9"', "les puissances emboîtées"),
    "puissance démesurée": ('"10**99 * 10**99"', "démesuré"),
    "exposant fractionnaire": ('"2 ** 0.5"', "un exposant doit être un nombre entier"),
    "imbrication profonde": ('"' + "abs(" * 60 + "1" + ")" * 60 + '"', "trop imbriquée"),
    "expression fleuve": ('"' + "+".join(["a"] * 400) + '"', "dépasse 600 caractères"),
    "grande puissance": ('"a ** 1000"', "un exposant doit être un nombre entier d'au plus 100"),
    "nom inconnu": ('"b + 1"', "« b » n'est ni un paramètre ni une valeur calculée avant"),
    "argument nommé": ('"arrondi(a, decimales=2)"', "écrivez les arguments dans l'ordre"),
}


@pytest.mark.parametrize("nom", sorted(ATTAQUES))
def test_chaque_attaque_est_refusee_avec_sa_ligne_sans_rien_executer(nom, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    expression, raison = ATTAQUES[nom]
    chemin = _fichier(tmp_path, expression)
    debut = time.perf_counter()
    with pytest.raises(FichierExerciceInvalide) as err:
        lire_fichier(chemin)
    assert time.perf_counter() - debut < 2
    message = str(err.value)
    assert message.startswith(f"attaque.toml, ligne {LIGNE_DERIVEE} : l'expression « ")
    assert "est refusée" in message and raison in message
    assert not (tmp_path / "PIRATE").exists()
    rapport = verifier(chemin)  # the teacher's tool says the same, with the line
    assert not rapport.valide
    assert rapport.erreurs[0].startswith(f"Ligne {LIGNE_DERIVEE} : ")


def test_une_division_par_zero_tiree_est_signalee_par_verifier(tmp_path):
    chemin = _fichier(tmp_path, '"10 / (a - 5)"')  # a = 5 for some students
    rapport = verifier(chemin)
    assert not rapport.valide
    assert (
        f"Ligne {LIGNE_DERIVEE} : l'expression « 10 / (a - 5) » est refusée : division par zéro"
        in rapport.erreurs[0]
    )
    assert "(variante de etudiant-" in rapport.erreurs[0]


def test_un_piege_ou_une_autre_methode_hostile_est_refuse_a_sa_ligne(tmp_path):
    chemin = tmp_path / "piege.toml"
    texte = (
        ENTETE
        + 'x = "a * 2"\n'
        + FIN
        + 'autres_methodes = ["a"]\n'
        + "\n[[reponses.pieges]]\n"
        + 'nom = "fuite"\n'
        + "expression = \"open('/etc/passwd')\"\n"
        + 'explication = "..."\n'
    )
    chemin.write_text(texte, encoding="utf-8")
    ligne = texte.splitlines().index("expression = \"open('/etc/passwd')\"") + 1
    with pytest.raises(FichierExerciceInvalide, match=f"piege.toml, ligne {ligne} : .*« open »"):
        lire_fichier(chemin)


def test_un_parametre_aux_valeurs_innombrables_ou_un_fichier_enorme_est_refuse(tmp_path):
    chemin = tmp_path / "gros.toml"
    texte = ENTETE.replace("a = { entier = [1, 9] }", "a = { entier = [1, 999999999999] }")
    chemin.write_text(texte + 'x = "a"\n' + FIN, encoding="utf-8")
    with pytest.raises(
        FichierExerciceInvalide, match="ligne 9 : « a » : trop de valeurs possibles"
    ):
        lire_fichier(chemin)
    chemin.write_text("# " + "x" * 200_000, encoding="utf-8")
    with pytest.raises(FichierExerciceInvalide, match="dépasse 100 ko"):
        lire_fichier(chemin)


def test_un_gabarit_ne_peut_rien_evaluer(tmp_path):
    # the statement only inserts values by name: no attribute, index or expression
    chemin = tmp_path / "gabarit.toml"
    texte = ENTETE.replace('"Calculez {x}."', '"{x.__class__}"')
    chemin.write_text(texte + 'x = "a"\n' + FIN, encoding="utf-8")
    with pytest.raises(FichierExerciceInvalide, match="ligne 5 : accolade isolée"):
        lire_fichier(chemin)


def test_l_evaluateur_seul_refuse_et_calcule_juste():
    from decimal import Decimal

    assert compiler("arrondi(10 / 3)").evaluer({}) == Decimal("3.33")
    assert compiler("0.1 + 0.2").evaluer({}) == Decimal("0.3")  # exact decimals
    assert compiler("annuite(10000, 5, 4)").evaluer({}) == Decimal("2820.12")
    assert compiler("2 ** 10 if a > 1 else 0").evaluer({"a": Decimal(2)}) == 1024
    assert compiler("2^3 × 4 ÷ 2 − 1").evaluer({}) == 15  # a spreadsheet's signs
    with pytest.raises(ExpressionRefusee, match="puissances emboîtées"):
        compiler("9^9^9^9")
    with pytest.raises(ExpressionRefusee, match="^Ligne 7 : .*« __import__ »"):
        compiler("__import__('os')", ligne=7)


@pytest.mark.parametrize(
    "texte", ["x = " + "[" * 5000 + "]" * 5000, "x = {" + "a = {" * 3000 + "}" * 3001]
)
def test_un_toml_imbrique_a_l_infini_est_refuse(tmp_path, texte):
    chemin = tmp_path / "nid.toml"
    chemin.write_text(texte, encoding="utf-8")
    with pytest.raises(FichierExerciceInvalide, match="nid.toml, ligne 1 : le fichier imbrique"):
        lire_fichier(chemin)


def test_un_fichier_abime_au_hasard_donne_toujours_une_erreur_en_francais():
    """300 files damaged at random (lines deleted, doubled, characters replaced): each is
    read and drawn, or refused with an ErreurAtelier; never another exception."""
    import random
    import re

    from widgets.erreurs import ErreurAtelier
    from widgets.exercices.auteur import lire_texte

    racine = Path(__file__).resolve().parents[2]
    doc = (racine / "docs" / "exercices_enseignant.md").read_text(encoding="utf-8")
    modeles = re.findall(r"```toml\n(.*?)```", doc, re.S)
    jetons = ['"', "[", "]", "{", "}", "=", "\n", "0", "-1", "a", ".", "(", ")", "**", "{{"]
    alea = random.Random(25)
    lus = 0
    for _ in range(300):
        lignes = alea.choice(modeles).splitlines()
        for _ in range(alea.randint(1, 3)):
            i = alea.randrange(len(lignes))
            choix = alea.random()
            if choix < 0.3:
                del lignes[i]
            elif choix < 0.6 and lignes[i]:
                j = alea.randrange(len(lignes[i]))
                lignes[i] = lignes[i][:j] + alea.choice(jetons) + lignes[i][j + 1 :]
            else:
                lignes.insert(i, alea.choice(lignes))
            lignes = lignes or [""]
        try:
            exercice = lire_texte("\n".join(lignes))
            for n in range(3):
                try:
                    exercice.generer(random.Random(n))
                except ErreurAtelier:
                    pass
            lus += 1
        except ErreurAtelier as err:
            assert str(err).startswith("Ligne "), str(err)
    assert 20 < lus < 280  # both sides were exercised
