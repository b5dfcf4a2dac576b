"""Issue 29, the class map: columns grouped by notebook in the notebooks' order, a filter that
accepts what the headers show (short codes, titles) and savoir codes, a symbol in each cell
besides its colour, sticky headers, and a whole unit (52 exercises) fitting a 1366 px screen."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from widgets.donnees.chemins import DOSSIER_CARNETS
from widgets.exercices.registre import exercices_de_l_unite
from widgets.exercices.suivi import (
    AUTRES_EXERCICES,
    GroupeCarnet,
    carte_de_classe,
    choisir_exercices,
    grouper_par_carnet,
    sommaire_des_carnets,
)
from widgets.tableaux_de_bord.acces import page_html
from widgets.tableaux_de_bord.enseignant import carte_html

FINANCE_01 = "finance/01_emprunt_et_financement.ipynb"


def test_the_finance_columns_follow_the_notebooks_not_the_declaration_order():
    codes = [ex.code for ex in exercices_de_l_unite("finance")]
    groupes = grouper_par_carnet(codes, "finance", sommaire_des_carnets(DOSSIER_CARNETS))
    # finance/01 shows, in this order: taux équivalent, mensualité, tableau, choix (the
    # registry declares the amortisations first).
    assert groupes[0] == GroupeCarnet(
        "Intérêts composés, emprunt et choix d'un financement",
        FINANCE_01,
        (
            "finance/taux-equivalent-1",
            "finance/mensualite-1",
            "finance/tableau-emprunt-1",
            "finance/choix-financement-1",
        ),
    )
    assert [g.carnet for g in groupes] == [
        FINANCE_01,
        "finance/02_seuil_de_rentabilite.ipynb",
        "finance/03_amortissements.ipynb",
        "finance/04_rentabilite_d_une_action_commerciale.ipynb",
        "finance/05_credit_clients_et_bfre.ipynb",
    ]
    assert sorted(c for g in groupes for c in g.exercices) == sorted(codes)


def test_the_unit_s_notebooks_come_first_and_unshown_exercises_last():
    sommaire = [
        ("autre/01_x.ipynb", "Carnet d'ailleurs", ("u/c", "v/z")),
        ("u/02_b.ipynb", "Deuxième", ("u/b", "u/a")),
        ("u/01_a.ipynb", "Premier", ("u/a",)),
    ]
    groupes = grouper_par_carnet(["u/a", "u/b", "u/c", "u/d"], "u", sommaire)
    assert groupes == [
        GroupeCarnet("Premier", "u/01_a.ipynb", ("u/a",)),
        GroupeCarnet("Deuxième", "u/02_b.ipynb", ("u/b",)),  # u/a already shown by 01
        GroupeCarnet("Carnet d'ailleurs", "autre/01_x.ipynb", ("u/c",)),
        GroupeCarnet(AUTRES_EXERCICES, "", ("u/d",)),
    ]


def _ex(code: str, titre: str, *savoirs: str) -> SimpleNamespace:
    return SimpleNamespace(code=code, titre=titre, savoirs=savoirs)


EXERCICES = [
    _ex("finance/taux-equivalent-1", "Taux mensuel équivalent", "S512"),
    _ex("finance/mensualite-1", "Mensualité d'un emprunt", "S512"),
    _ex("finance/seuil-rentabilite-1", "Seuil de rentabilité d'un commerce", "S531"),
    _ex("finance/dso-1", "Délai moyen de crédit clients", "S523"),
]
GROUPES = [
    GroupeCarnet("Emprunt et financement", "f/01.ipynb", ("finance/taux-equivalent-1",)),
    GroupeCarnet("Seuil de rentabilité", "f/02.ipynb", ("finance/seuil-rentabilite-1",)),
]


@pytest.mark.parametrize(
    ("demande", "attendus", "inconnus"),
    [
        ("mensualite-1", ["finance/mensualite-1"], []),  # the short code of the header
        ("finance/dso-1", ["finance/dso-1"], []),
        ("MENSUALITÉ", ["finance/mensualite-1"], []),  # a part of the title, any case
        ("equivalent ; dso-1", ["finance/taux-equivalent-1", "finance/dso-1"], []),
        ("s512", ["finance/taux-equivalent-1", "finance/mensualite-1"], []),  # a savoir
        ("S53", ["finance/seuil-rentabilite-1"], []),  # every savoir S53…
        ("emprunt et financement", ["finance/taux-equivalent-1"], []),  # a notebook title
        ("dso-1, zorglub", ["finance/dso-1"], ["zorglub"]),
    ],
)
def test_the_filter_accepts_what_the_headers_show_and_savoir_codes(demande, attendus, inconnus):
    choisis, refuses = choisir_exercices(EXERCICES, demande, GROUPES)
    assert [ex.code for ex in choisis] == attendus
    assert refuses == inconnus


def _eleve(nom: str, prenom: str, groupe: str = "A") -> SimpleNamespace:
    return SimpleNamespace(identifiant=f"{nom} {prenom}", nom=nom, prenom=prenom, groupe=groupe)


def _essai(eleve: str, exercice: str, correct: bool) -> dict:
    return {"etudiant": eleve, "exercice": exercice, "correct": correct, "score": int(correct)}


def test_each_cell_says_its_status_without_colour_and_headers_name_the_notebooks():
    eleves = [_eleve("Martin", "Léa"), _eleve("Petit", "Zoé")]
    codes = ["finance/taux-equivalent-1", "finance/seuil-rentabilite-1"]
    tentatives = [
        _essai("Martin Léa", codes[0], False),
        _essai("Martin Léa", codes[0], True),
        *[_essai("Petit Zoé", codes[0], False) for _ in range(3)],
        _essai("Petit Zoé", codes[1], False),
    ]
    carte = carte_de_classe(tentatives, codes, [e.identifiant for e in eleves])
    page = carte_html(carte, eleves, [EXERCICES[0], EXERCICES[2]], GROUPES)
    cases = re.findall(
        r'<tr data-eleve="([^"]+)">.*?(?=</tr>)', page.split("<tbody>")[1].split("</tbody>")[0]
    )
    assert cases == ["Martin Léa", "Petit Zoé"]
    cellules = re.findall(r'<td class="(\w+)[^"]*" data-exercice="[^"]+" title="([^"]+)">'
                          r'<span aria-hidden="true">(.)</span>', page)  # fmt: skip
    assert cellules == [
        ("reussi", "réussi (2 essais)", "✓"),
        ("pas_commence", "pas commencé", "·"),
        ("bloque", "bloqué (3 essais)", "✗"),  # 3 wrong answers: the default threshold
        ("en_cours", "en cours (1 essai)", "…"),
    ]
    # one header per notebook (few columns: its number, the title listed under the map)
    assert re.findall(r'<th class="atelier-carnet" colspan="(\d)"[^>]*>([^<]*)</th>', page) == [
        ("1", "1."),
        ("1", "2."),
    ]
    assert "Carnets : 1. Emprunt et financement · 2. Seuil de rentabilité" in page


def test_a_whole_unit_fits_a_1366_px_projector_with_sticky_headers(navigateur, tmp_path):
    exercices = exercices_de_l_unite("gestion_clientele")
    assert len(exercices) == 52
    codes = [ex.code for ex in exercices]
    groupes = grouper_par_carnet(codes, "gestion_clientele", sommaire_des_carnets(DOSSIER_CARNETS))
    eleves = [_eleve(f"Nomdefamille{i:02d}", f"Prénom{i:02d}") for i in range(30)]
    tentatives = [_essai(e.identifiant, codes[-1], True) for e in eleves]
    carte = carte_de_classe(tentatives, codes, [e.identifiant for e in eleves])
    fichier = tmp_path / "carte.html"
    fichier.write_text(
        page_html("Cockpit de la classe", carte_html(carte, eleves, exercices, groupes)),
        encoding="utf-8",
    )
    page = navigateur.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(fichier.as_uri())
        assert page.title() == "Cockpit de la classe — Atelier NRC"
        cadre = page.locator(".atelier-carte-cadre")
        largeurs = cadre.evaluate("c => [c.scrollWidth, c.clientWidth]")
        assert largeurs[0] <= largeurs[1], largeurs  # no horizontal scrolling for 52 columns
        derniere = page.locator(f'td[data-exercice="{codes[-1]}"]').first
        assert derniere.bounding_box()["x"] + derniere.bounding_box()["width"] <= 1366
        # scrolled down, the exercise headers and the students' column stay in view
        cadre.evaluate("c => { c.scrollTop = 400; }")
        haut_cadre = cadre.bounding_box()["y"]
        entete = page.locator("th.atelier-code").first.bounding_box()
        assert haut_cadre <= entete["y"] <= haut_cadre + 200
    finally:
        page.close()
