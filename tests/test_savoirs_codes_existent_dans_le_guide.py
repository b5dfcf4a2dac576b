"""Issue 10, point 12, and issue 22 (the project carries its own referential): every exercise and
every notebook names savoir codes that exist, with the code the guide gives to what it trains.

The code list is the project's own referential (``widgets/donnees/referentiel/savoirs.csv``,
extracted once from the BTS NRC *guide d'accompagnement pédagogique*): nothing outside the
repository is read, so a fresh clone passes. Notebook headers state their codes in one uniform
line of the first Markdown cell, ``**Savoirs** : S511 Le prix ; S513 Les marges.``, and the
gallery metadata (``metadata.atelier.savoirs``), when present, lists the same codes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets.donnees.referentiel import savoir, savoirs
from widgets.exercices.modele import TITRES_UNITES
from widgets.exercices.registre import exercices_integres

RACINE = Path(__file__).resolve().parents[1]
CARNETS = sorted(
    [*(RACINE / "notebooks").rglob("*.ipynb"), *(RACINE / "voila_apps").glob("*.ipynb")]
)
CARNETS = [c for c in CARNETS if ".ipynb_checkpoints" not in c.parts]
# the « Savoirs » paragraph (it may wrap over several lines, up to the next blank line)
LIGNE_SAVOIRS = re.compile(r"^\*\*Savoirs\*\* : (?P<liste>.+(?:\n.+)*)", re.MULTILINE)
CODE = re.compile(r"\bS\d{2,3}\b")


@pytest.fixture(scope="module")
def guide() -> set[str]:
    return {s.code for s in savoirs()}


def test_le_referentiel_du_projet_est_complet(guide):
    # codes written "S 522 - …" (with a space) and "S81" (two digits) in the guide: 58 in all
    assert len(guide) == 58
    assert {"S511", "S512", "S513", "S521", "S522", "S532", "S534", "S81", "S822"} <= guide
    assert {"S421", "S422", "S423", "S761", "S632", "S442", "S773"} <= guide
    assert "S999" not in guide and "S520" not in guide and "S772" not in guide
    assert savoir("S531").titre == "L'estimation de l'effort commercial"
    assert savoir("S531").unite == "Gestion de clientèles"
    assert "Principes de l'amortissement" in savoir("S531").contenus
    assert savoir("S773").unite == "Relation client"


def test_aucun_test_ne_lit_le_dossier_shared_a_cote_du_depot():
    """Issue 22: a fresh clone has no ``../shared``; no test may read it (it gave 42 errors)."""
    fautifs = [
        p.name
        for p in (RACINE / "tests").rglob("*.py")
        if re.search(r"[\"'/]shared[\"'/]", p.read_text(encoding="utf-8"))
    ]
    assert not fautifs, f"ces tests lisent ../shared : {fautifs}"


def test_chaque_exercice_nomme_des_codes_du_guide(guide):
    fautes = []
    for code, ex in exercices_integres().items():
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
    savoirs = exercices_integres()[code].savoirs
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
    inconnus = sorted(codes - set(exercices_integres()))
    assert codes and not inconnus, f"docs/enseignant.md nomme des exercices inconnus : {inconnus}"
    hors_guide = sorted(set(CODE.findall(texte)) - guide)
    assert not hors_guide, f"docs/enseignant.md nomme des savoirs absents du guide : {hors_guide}"
    carnets = {c.relative_to(RACINE).as_posix() for c in CARNETS}
    oublies = sorted(
        c for c in carnets if c.count("/") == 2 and c.startswith("notebooks/") and c not in chemins
    )
    assert not oublies, f"docs/enseignant.md ne présente pas : {oublies}"


# Issue 22, "savoir tags as the guide defines them": what each code covers in the guide text.
# amortissement: S531 lists "Principes de l'amortissement" (S532 is the efficiency of an action);
# S821 is research and collection (sources, legal limits), cleaning a file is S822
# ("fiabilisation des données"); S432 covers segmentation and scoring ("segmentation
# prédictive : taux de transformation, scorage"), not every SQL query; RC/05 (distributor
# margins, SRP, double argumentation) is S513 and S773, not S771 (the buying process).
def _codes_du_carnet(relatif: str) -> list[str]:
    codes, raison = _codes_de_l_entete(RACINE / relatif)
    assert codes is not None, raison
    return codes


def test_l_amortissement_est_le_savoir_s531():
    """Issue 22: amortissement is S531 (« Principes de l'amortissement »), not S532."""
    for code in ("amortissement-lineaire-1", "amortissement-degressif-1", "vnc-lineaire-1"):
        s = exercices_integres()[f"finance/{code}"].savoirs
        assert "S531" in s and "S532" not in s, f"finance/{code} : {s}"
    assert _codes_du_carnet("notebooks/finance/03_amortissements.ipynb") == ["S531"]


def test_s821_n_est_pas_le_nettoyage_du_fichier():
    """Issue 22: S821 is research/collection of information; data cleaning is S822."""
    nettoyage = [
        c
        for c, ex in exercices_integres().items()
        if ex.generateur.__module__.endswith(("fiabilisation_prospects", "mises_a_jour"))
    ]
    assert len(nettoyage) >= 10
    fautes = [c for c in nettoyage if "S821" in exercices_integres()[c].savoirs]
    assert not fautes, f"S821 sur un exercice de nettoyage : {fautes}"
    assert "S821" not in _codes_du_carnet(
        "notebooks/gestion_clientele/04_fiabilisation_prospects.ipynb"
    )
    # the RGPD target (legal limits of collection) keeps it
    assert "S821" in exercices_integres()["relation_digitale/cible-conforme-1"].savoirs


SEGMENTATION_SCORING = {
    "gestion_clientele/scoring-pondere",
    "gestion_clientele/sql-segments-ca",
    "gestion_clientele/sql-segments-anciennete",
    "gestion_clientele/sql-segments-type-secteur",
    "gestion_clientele/sql-cible-relance",
    "gestion_clientele/sql-taux-transformation",
}


def test_s432_seulement_sur_la_segmentation_et_le_scoring():
    """Issue 22: S432 only on segmentation/scoring exercises and on ``scoring-pondere``."""
    avec = {c for c, ex in exercices_integres().items() if "S432" in ex.savoirs}
    assert avec == SEGMENTATION_SCORING


def test_rc05_est_s513_et_s773():
    """Issue 22: RC/05 (marges de la distribution) is S513/S773, not S771."""
    codes = _codes_du_carnet("notebooks/relation_client/05_marges_distribution.ipynb")
    assert "S513" in codes and "S773" in codes and "S771" not in codes


@pytest.mark.parametrize(
    ("carnet", "code"),
    [
        ("notebooks/relation_client/07_plan_de_vente.ipynb", "S761"),  # sociogramme
        ("voila_apps/plan_de_vente.ipynb", "S761"),
        ("notebooks/finance/04_rentabilite_d_une_action_commerciale.ipynb", "S632"),
        ("notebooks/gestion_projet/01_conquerir_un_nouveau_secteur.ipynb", "S632"),
        ("notebooks/relation_client/02_documents_commerciaux.ipynb", "S442"),  # devis
        ("voila_apps/facture.ipynb", "S442"),
    ],
)
def test_ce_qui_est_travaille_est_etiquete(carnet, code):
    """Issue 22: tag what is trained (S761 sociogramme, S632 plan d'action, S442 devis)."""
    assert code in _codes_du_carnet(carnet)


def test_les_reglements_par_mode_sont_s512():
    """Issue 22: ``sql-reglements-par-mode`` trains S512 (les modes de règlement)."""
    assert "S512" in exercices_integres()["gestion_clientele/sql-reglements-par-mode"].savoirs


def test_les_titres_des_entetes_modifies_viennent_du_referentiel():
    # a header that names S773 or S761 gives the referential's title
    texte = (RACINE / "notebooks/relation_client/05_marges_distribution.ipynb").read_text(
        encoding="utf-8"
    )
    assert savoir("S773").libelle in texte
