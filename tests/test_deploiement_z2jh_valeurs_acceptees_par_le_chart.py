"""deploy/z2jh/values.yaml is accepted by the Zero to JupyterHub chart's own schema.

Helm merges the chart's defaults with the user's values, then validates the result against
``values.schema.json`` (generated from ``values.schema.yaml``). Both chart files are vendored in
deploy/z2jh/chart/ (BSD-3, see its LICENSE); the same merge and jsonschema validation run here.
"""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest
import yaml

from widgets.tableaux_de_bord.capacite import MESURES

RACINE = Path(__file__).resolve().parents[1]
Z2JH = RACINE / "deploy" / "z2jh"
SCHEMA = yaml.safe_load((Z2JH / "chart" / "values.schema.yaml").read_text(encoding="utf-8"))
DEFAUTS = yaml.safe_load((Z2JH / "chart" / "values.yaml").read_text(encoding="utf-8"))
VALEURS = yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))

# KubeSpawner's profile keys and the overrides used (KubeSpawner.profile_list documentation):
# the chart passes profileList through without checking it.
CLES_PROFIL = {"display_name", "slug", "description", "default", "kubespawner_override"}
CLES_SURCHARGE = {
    "image", "cmd", "args", "default_url", "environment", "mem_guarantee", "mem_limit",
    "cpu_guarantee", "cpu_limit", "volumes", "volume_mounts",
}  # fmt: skip


def fusion(defauts: dict, valeurs: dict) -> dict:
    """Helm's merge: maps merged key by key, anything else (lists, scalars) replaced."""
    resultat = copy.deepcopy(defauts)
    for cle, valeur in valeurs.items():
        if isinstance(valeur, dict) and isinstance(resultat.get(cle), dict):
            resultat[cle] = fusion(resultat[cle], valeur)
        else:
            resultat[cle] = copy.deepcopy(valeur)
    return resultat


def valider(valeurs: dict) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(fusion(DEFAUTS, valeurs))


def test_the_chart_defaults_alone_are_valid():
    valider({})


def test_our_values_are_accepted_by_the_chart_schema():
    valider(VALEURS)


def test_an_unknown_or_misspelt_key_is_refused():
    faute = copy.deepcopy(VALEURS)
    faute["singleuser"]["memoire"] = {"limit": "1G"}
    with pytest.raises(jsonschema.ValidationError, match="memoire"):
        valider(faute)
    faute = copy.deepcopy(VALEURS)
    faute["cull"]["timeout"] = "30 min"
    with pytest.raises(jsonschema.ValidationError):
        valider(faute)


def test_profiles_student_lab_and_teacher_dashboards():
    profils = VALEURS["singleuser"]["profileList"]
    assert [p["slug"] for p in profils] == ["eleve", "enseignant"]
    for profil in profils:
        assert set(profil) <= CLES_PROFIL
        assert set(profil.get("kubespawner_override", {})) <= CLES_SURCHARGE
    assert profils[0]["default"] is True
    assert VALEURS["singleuser"]["defaultUrl"] == "/lab"
    assert profils[1]["kubespawner_override"]["default_url"] == "/voila/tree"


def test_image_command_storage_and_culling():
    su = VALEURS["singleuser"]
    assert su["cmd"] == ["/app/deploy/atelier-entrypoint.sh", "singleuser"]
    assert su["uid"] == 1000
    assert su["storage"]["type"] == "dynamic"
    assert su["storage"]["homeMountPath"] == "/home/atelier"
    assert su["extraEnv"]["ATELIER_DONNEES"].startswith(su["storage"]["homeMountPath"])
    assert VALEURS["cull"] == {"enabled": True, "timeout": 1800, "every": 300, "maxAge": 0}


def test_resource_guarantees_follow_the_measured_figures():
    su = VALEURS["singleuser"]
    # Guarantee 256M ≥ 2 kernels × 85 MB measured (+ the server); CPU 0.06 ≥ 1 / 17.5.
    noyau = MESURES["memoire_noyau_mo"].valeur
    assert int(su["memory"]["guarantee"].rstrip("M")) >= 2 * noyau
    assert su["cpu"]["guarantee"] >= 1 / MESURES["eleves_par_coeur"].valeur
    assert su["memory"]["limit"] == "1G"
