"""Issue 10, point 12: every exercise and every notebook names the right savoir codes.

The code list is read from the teaching guide itself
(``<repo>/../shared/reference/guide-pedagogique-bts-nrc.txt``, where CI has it too; a git
worktree of ``/work/wt/<nom>`` finds it one level higher): a code is
valid only if the guide names it. Notebook headers state their codes in one uniform line of the
first Markdown cell, ``**Savoirs** : S511 Le prix ; S513 Les marges.``, and the gallery metadata
(``metadata.atelier.savoirs``), when present, lists the same codes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets.exercices.modele import TITRES_UNITES
from widgets.exercices.registre import exercices_du_catalogue

RACINE = Path(__file__).resolve().parents[1]
# beside the repo root (CI, main checkout); a git worktree sits one level deeper
GUIDE = next(
    (
        d / "shared" / "reference" / "guide-pedagogique-bts-nrc.txt"
        for d in (RACINE.parent, RACINE.parent.parent)
        if (d / "shared" / "reference" / "guide-pedagogique-bts-nrc.txt").is_file()
    ),
    RACINE.parent / "shared" / "reference" / "guide-pedagogique-bts-nrc.txt",
)
CARNETS = sorted(
    [*(RACINE / "notebooks").rglob("*.ipynb"), *(RACINE / "voila_apps").glob("*.ipynb")]
)
CARNETS = [c for c in CARNETS if ".ipynb_checkpoints" not in c.parts]
# the « Savoirs » paragraph (it may wrap over several lines, up to the next blank line)
LIGNE_SAVOIRS = re.compile(r"^\*\*Savoirs\*\* : (?P<liste>.+(?:\n.+)*)", re.MULTILINE)
CODE = re.compile(r"\bS\d{2,3}\b")


def codes_du_guide(texte: str) -> set[str]:
    """Every code the guide names: ``S 522 - …``, ``S522 …`` and ``S81`` alike."""
    return {
        "S" + m.group(1).replace(" ", "") for m in re.finditer(r"\bS ?(\d(?: ?\d){1,3})\b", texte)
    }


@pytest.fixture(scope="module")
def guide() -> set[str]:
    assert GUIDE.is_file(), f"Guide pédagogique introuvable : {GUIDE}"
    return codes_du_guide(GUIDE.read_text(encoding="utf-8"))


def test_la_liste_du_guide_est_lue_correctement(guide):
    # codes written "S 522 - …" (with a space) and "S81" (two digits) in the guide
    assert {"S511", "S512", "S513", "S521", "S522", "S532", "S534", "S81", "S822"} <= guide
    assert {"S421", "S422", "S423"} <= guide
    assert "S999" not in guide and "S520" not in guide


def test_chaque_exercice_nomme_des_codes_du_guide(guide):
    fautes = []
    for code, ex in exercices_du_catalogue().items():
        if not ex.savoirs:
            fautes.append(f"exercice {code} : aucun code de savoir (savoirs=[...])")
        fautes += [
            f"exercice {code} ({ex.generateur.__module__}) : {s} n'existe pas dans le guide"
            for s in ex.savoirs
            if s not in guide
        ]
    assert not fautes, "\n".join(fautes)


def _codes_de_l_entete(carnet: Path) -> tuple[list[str] | None, str]:
    nb = json.loads(carnet.read_text(encoding="utf-8"))
    premiere = next((c for c in nb["cells"] if c["cell_type"] == "markdown"), None)
    if premiere is None:
        return None, "aucune cellule Markdown"
    m = LIGNE_SAVOIRS.search("".join(premiere["source"]))
    if m is None:
        return None, "pas de ligne « **Savoirs** : S… » dans la première cellule Markdown"
    return CODE.findall(m.group("liste")), ""


@pytest.mark.parametrize("carnet", CARNETS, ids=lambda c: c.relative_to(RACINE).as_posix())
def test_l_entete_de_chaque_carnet_nomme_des_codes_du_guide(carnet, guide):
    nom = carnet.relative_to(RACINE).as_posix()
    codes, raison = _codes_de_l_entete(carnet)
    assert codes is not None, f"{nom} : {raison}"
    assert codes, f"{nom} : la ligne « **Savoirs** : » ne nomme aucun code"
    inconnus = [c for c in codes if c not in guide]
    assert not inconnus, f"{nom} : {', '.join(inconnus)} n'existe(nt) pas dans le guide"
    meta = json.loads(carnet.read_text(encoding="utf-8"))["metadata"].get("atelier", {})
    if "savoirs" in meta:
        assert list(meta["savoirs"]) == codes, (
            f"{nom} : metadata.atelier.savoirs {meta['savoirs']} ≠ en-tête {codes}"
        )


# the codes the guide gives to what these exercises practise (issue 10: S421–S423 are
# environnement / marchés / demande, not portfolio, risk or efficiency figures)
CODES_ATTENDUS = {
    "gestion_clientele/sql-encours-clients": "S521",
    "gestion_clientele/sql-clients-en-sommeil": "S522",
    "gestion_clientele/sql-panier-moyen": "S522",
    "gestion_clientele/sql-segments-ca": "S522",
    "gestion_clientele/sql-segments-anciennete": "S522",
    "gestion_clientele/sql-cible-relance": "S522",
    "gestion_clientele/sql-taux-transformation": "S532",
    "gestion_clientele/sql-objectifs-commerciaux": "S534",
    "gestion_clientele/sql-marge-unitaire": "S513",
    "gestion_projet/commandes-attendues-1": "S532",
}


@pytest.mark.parametrize("code", sorted(CODES_ATTENDUS))
def test_les_indicateurs_portent_le_bon_code(code):
    savoirs = exercices_du_catalogue()[code].savoirs
    assert CODES_ATTENDUS[code] in savoirs, f"{code} : {savoirs}"
    mal_places = {"S421", "S422", "S423"} & set(savoirs)
    assert not mal_places, f"{code} : {sorted(mal_places)} (environnement, marchés, demande)"


def test_un_entete_sans_code_est_refuse(tmp_path):
    carnet = tmp_path / "c.ipynb"
    carnet.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": ["# T\n"]}]}))
    assert _codes_de_l_entete(carnet)[0] is None


def test_le_guide_de_l_enseignant_ne_nomme_que_ce_qui_existe(guide):
    # docs/enseignant.md: every notebook or app path, exercise code and savoir code it names
    texte = (RACINE / "docs" / "enseignant.md").read_text(encoding="utf-8")
    chemins = set(re.findall(r"`((?:notebooks|voila_apps)/[^`]+\.ipynb)`", texte))
    assert len(chemins) >= 15
    absents = sorted(c for c in chemins if not (RACINE / c).is_file())
    assert not absents, f"docs/enseignant.md nomme des carnets absents : {absents}"
    unites = "|".join(TITRES_UNITES)
    codes = set(re.findall(rf"`((?:{unites})/[a-z0-9-]+)`", texte))
    inconnus = sorted(codes - set(exercices_du_catalogue()))
    assert codes and not inconnus, f"docs/enseignant.md nomme des exercices inconnus : {inconnus}"
    hors_guide = sorted(set(CODE.findall(texte)) - guide)
    assert not hors_guide, f"docs/enseignant.md nomme des savoirs absents du guide : {hors_guide}"
    carnets = {c.relative_to(RACINE).as_posix() for c in CARNETS}
    oublies = sorted(
        c for c in carnets if c.count("/") == 2 and c.startswith("notebooks/") and c not in chemins
    )
    assert not oublies, f"docs/enseignant.md ne présente pas : {oublies}"
