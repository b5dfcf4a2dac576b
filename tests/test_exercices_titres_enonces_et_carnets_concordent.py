"""Issue 10, point 9: a title never contradicts the statement drawn for a student, figures stay
plausible, and every registered exercise is shown by at least one notebook or app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets.exercices.registre import exercices_integres

RACINE = Path(__file__).resolve().parents[1]
ETUDIANTS = [f"etudiant-{i}" for i in range(300)]
TITRES_ETUDIANTS = ETUDIANTS[:120]
NOMBRES = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
}  # fmt: skip
# a count of drawn things in a title (« six mois », « 10 visites »); « deux exercices » of a fixed
# calendar is not a drawn figure
MOT_NOMBRE = re.compile(
    r"\b(\d+|" + "|".join(NOMBRES) + r")\s+(?:mois|jours?|ans|années|semaines|visites|clients)\b",
    re.IGNORECASE,
)
MOIS = "|".join(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)
# a period named by the title → what every statement must then contain
PERIODES = (
    (re.compile(r"\bcette année\b", re.I), re.compile(r"\b2025\b|cette année")),
    (re.compile(r"\bl'an dernier\b", re.I), re.compile(r"\b2024\b|l'an dernier")),
    (re.compile(r"\b(de l'année|d'une année|sur une année)\b", re.I), re.compile(r"\b20\d\d\b")),
    (re.compile(r"\btrimestre\b", re.I), re.compile(r"trimestre")),
    (re.compile(r"\b(sur un mois|du mois)\b", re.I), re.compile(r"\bmois\b|" + MOIS)),
)  # fmt: skip
UNE_ANNEE = re.compile(r"\b(de l'année|d'une année|sur une année)\b", re.I)
CONTRAIRES = ((UNE_ANNEE, "trimestre"),)


def contradictions(titre: str, enonce: str) -> list[str]:
    """What the title asserts and the statement does not say (or says otherwise)."""
    fautes = []
    for m in MOT_NOMBRE.finditer(titre):
        mot = m.group(1).lower()
        valeur = int(mot) if mot.isdigit() else NOMBRES[mot]
        if not re.search(rf"\b({valeur}|{mot})\b", enonce, re.IGNORECASE):
            fautes.append(f"le titre dit « {m.group(1)} », l'énoncé non")
    for dans_titre, attendu in PERIODES:
        if dans_titre.search(titre) and not attendu.search(enonce):
            fautes.append(f"le titre dit « {dans_titre.search(titre).group(0)} », l'énoncé non")
    for dans_titre, interdit in CONTRAIRES:
        if dans_titre.search(titre) and interdit in enonce:
            fautes.append(
                f"le titre dit « {dans_titre.search(titre).group(0)} », l'énoncé « {interdit} »"
            )
    return fautes


@pytest.mark.parametrize("code", sorted(exercices_integres()))
def test_le_titre_ne_contredit_aucun_enonce_tire(code):
    exercice = exercices_integres()[code]
    fautes = {}
    for etudiant in TITRES_ETUDIANTS:
        for faute in contradictions(exercice.titre, exercice.variante(etudiant).enonce):
            fautes.setdefault(faute, etudiant)
    assert not fautes, f"{code} « {exercice.titre} » : " + " ; ".join(
        f"{f} (étudiant {e})" for f, e in fautes.items()
    )


@pytest.mark.parametrize(
    ("titre", "enonce"),
    [
        ("Les clients en sommeil depuis six mois", "aucune commande depuis 9 mois"),
        ("Les clients qui n'ont rien commandé cette année", "aucune commande en 2024"),
        ("Les meilleurs clients de l'année", "du 4e trimestre 2023"),
    ],
)
def test_le_scan_voit_les_contradictions_signalees(titre, enonce):
    assert contradictions(titre, enonce)


def test_visites_par_jour_restent_plausibles_pour_un_commercial_terrain():
    # a field salesperson makes about 3 to 8 visits a day
    exercice = exercices_integres()["gestion_projet/visites-par-jour-1"]
    reponses = {int(exercice.variante(e).controle.attendu) for e in ETUDIANTS}
    assert min(reponses) >= 3 and max(reponses) <= 8, sorted(reponses)
    assert len(reponses) >= 4  # still varied from one student to another


def _codes_montres() -> dict[str, list[str]]:
    """Exercise codes named in the code cells of notebooks/ and voila_apps/."""
    montres: dict[str, list[str]] = {}
    carnets = [*(RACINE / "notebooks").rglob("*.ipynb"), *(RACINE / "voila_apps").glob("*.ipynb")]
    for carnet in carnets:
        if ".ipynb_checkpoints" in carnet.parts:
            continue
        nb = json.loads(carnet.read_text(encoding="utf-8"))
        for cellule in nb["cells"]:
            if cellule["cell_type"] == "code":
                for code in re.findall(
                    r"[\"']([a-z_]+/[a-z0-9-]+)[\"']", "".join(cellule["source"])
                ):
                    montres.setdefault(code, []).append(carnet.relative_to(RACINE).as_posix())
    return montres


def test_chaque_exercice_est_montre_par_un_carnet_ou_une_application():
    montres = set(_codes_montres())
    orphelins = sorted(c for c in exercices_integres() if c not in montres)
    assert not orphelins, (
        'exercices montrés par aucun carnet (ajoutez `exercice("…")` au carnet de l\'unité) : '
        + ", ".join(orphelins)
    )
