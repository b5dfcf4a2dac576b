"""The empty answer box shows an example in the precision the check expects (issue 29).

One placeholder "ex. 1 234,56" for every box told a student to type euros and cents for a
number of visits or a rate checked to 0,0001. Now the example follows the field: euros to the
cent, a rate to the tolerance's decimals, a whole count without decimals; it is always an
answer the checker can read.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from widgets.donnees.progression import Progression
from widgets.exercices.controles import exemple_de_saisie, lire
from widgets.exercices.registre import exercice_par_code, tous_les_exercices
from widgets.ui.exercice import Exercice


@pytest.mark.parametrize(
    ("unite", "tolerance", "attendu", "exemple"),
    [
        ("€", "0.01", None, "ex. 1 234,56"),
        ("%", "0.01", "12", "ex. 12,34"),
        ("%", "0.0001", "0.367481", "ex. 12,3456"),
        ("", "0", "4", "ex. 12"),
        ("", "1", "945", "ex. 12"),
        ("", "0.5", "43.2", "ex. 12,3"),
        ("", "0.01", "120", "ex. 12"),  # a number of days in a table: whole
        ("", "0.0001", "1.5004", "ex. 12,3456"),
    ],
)
def test_the_example_follows_the_unit_and_the_tolerance(unite, tolerance, attendu, exemple):
    assert exemple_de_saisie(unite, D(tolerance), None if attendu is None else D(attendu)) == (
        exemple
    )


def test_every_number_box_of_the_catalogue_shows_an_example_the_checker_reads():
    vus = 0
    for code in tous_les_exercices():
        variante = exercice_par_code(code).variante("Dupont Marie", 0)
        for champ in variante.controle.champs():
            if champ.genre != "nombre":
                continue
            assert champ.exemple.startswith("ex. "), (code, champ.nom)
            lire(champ.exemple.removeprefix("ex. "), champ.unite, champ.libelle)
            vus += 1
    assert vus > 100


def test_the_widget_shows_the_field_example_as_placeholder():
    widget = Exercice("gestion_projet/visites-par-jour-1", "alice", progression=Progression())
    (saisie,) = widget.champs.values()
    assert saisie.placeholder == "ex. 12"
