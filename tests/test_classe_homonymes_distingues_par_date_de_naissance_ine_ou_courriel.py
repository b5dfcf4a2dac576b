"""Two students of the same name: accepted when a column of the Pronote/ENT export tells them
apart (date of birth, INE, e-mail), each keyed by it; refused in French when nothing does."""

from __future__ import annotations

import pytest

from widgets.donnees.classe import Classe, lire_liste_csv
from widgets.erreurs import ErreurAtelier


@pytest.mark.parametrize(
    ("entete", "a", "b"),
    [
        ("Date de naissance", "14/03/2008", "02/11/2007"),
        ("INE", "123456789AB", "987654321CD"),
        ("Adresse e-mail", "lea.martin1@ent.fr", "lea.martin2@ent.fr"),
    ],
)
def test_homonyms_are_keyed_by_the_distinguishing_column(tmp_path, entete, a, b):
    texte = f"Nom;Prénom;{entete}\nMartin;Léa;{a}\nMartin;Léa;{b}\nDurand;Hugo;{a}\n"
    eleves = lire_liste_csv(texte)
    assert [e.identifiant for e in eleves] == [
        f"Martin Léa ({a})",
        f"Martin Léa ({b})",
        "Durand Hugo",  # no homonym: the name alone, as before
    ]
    classe = Classe(tmp_path / "classe")
    codes = classe.importer(texte)
    assert classe.identifier("Léa Martin", codes[f"Martin Léa ({b})"]).identifiant == (
        f"Martin Léa ({b})"
    )
    fichiers = {classe.chemin_progression(i) for i in codes}
    assert len(fichiers) == 3


def test_homonyms_with_the_same_or_no_distinguishing_value_are_refused_in_french():
    texte = "nom;prénom;INE\nMartin;Léa;111\nMARTIN;lea;111\nPetit;Zoé;\nPetit;Zoé;\n"
    with pytest.raises(ErreurAtelier) as err:
        lire_liste_csv(texte)
    fin = (
        "et rien ne les distingue : ajoutez une colonne « date de naissance », « INE » ou "
        "« e-mail » (export Pronote ou ENT), ou une initiale pour distinguer les deux homonymes."
    )
    assert str(err.value) == (
        "Liste de classe refusée, rien n'a été importé :\n"
        f"Ligne 3 : MARTIN lea figure déjà ligne 2, {fin}\n"
        f"Ligne 5 : Petit Zoé figure déjà ligne 4, {fin}"
    )
