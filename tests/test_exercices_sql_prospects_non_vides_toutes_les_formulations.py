"""Issue 10, point 6: the three « invalid value » exercises of the prospects file say « non
vide », and their reference queries agree: a correct answer that excludes empty values is right
whatever way it writes it, and the reference rows are exactly the answer table's defects."""

from __future__ import annotations

import sqlite3

import pytest

from widgets.exercices import ControleSQL, exercice_par_code
from widgets.sql import executer_requete

EXERCICES = {  # code → (column, defect of prospects_defauts)
    "gestion_clientele/sql-emails-invalides": ("email", "email_invalide"),
    "gestion_clientele/sql-codes-postaux-invalides": ("code_postal", "code_postal_invalide"),
    "gestion_clientele/sql-telephones-invalides": ("telephone", "telephone_invalide"),
}
FORMULATIONS = (
    "{c} <> ''",
    "{c} != ''",
    "TRIM({c}) <> ''",
    "{c} IS NOT NULL AND {c} <> ''",
    "{c} IS NOT NULL AND TRIM({c}) <> ''",
    "LENGTH(TRIM({c})) > 0",
)
ETUDIANTS = ("alice", "bob", "chloé", "djamel")


def _sur(controle: ControleSQL, base) -> ControleSQL:
    return ControleSQL(
        controle.sql_reference,
        base=base,
        ordre_compte=controle.ordre_compte,
        cles_ordre=controle.cles_ordre,
    )


@pytest.mark.parametrize("code", sorted(EXERCICES))
def test_le_fichier_de_demo_contient_des_vides_et_l_enonce_les_exclut(code, base_demo):
    colonne, _ = EXERCICES[code]
    con = sqlite3.connect(f"file:{base_demo.as_posix()}?mode=ro", uri=True)
    vides = con.execute(f"SELECT COUNT(*) FROM prospects WHERE {colonne} = ''").fetchone()[0]
    con.close()
    assert vides > 0  # otherwise the variants below would prove nothing
    v = exercice_par_code(code).variante("alice")
    assert "vide ou absent" in v.enonce
    assert f"AND {colonne} <> ''" in v.controle.sql_reference


@pytest.mark.parametrize("code", sorted(EXERCICES))
def test_chaque_formulation_du_non_vide_est_acceptee(code, base_demo):
    colonne, _ = EXERCICES[code]
    filtre = f"AND {colonne} <> ''"
    for etudiant in ETUDIANTS:
        controle = _sur(exercice_par_code(code).variante(etudiant).controle, base_demo)
        for forme in FORMULATIONS:
            sql = controle.sql_reference.replace(filtre, "AND " + forme.format(c=colonne))
            verdict = controle.verifier(sql)
            assert verdict.correct, (etudiant, forme, verdict.message)
        # without the « non vide » condition the empty values come out: wrong, and said so
        oubli = controle.verifier(controle.sql_reference.replace(filtre, ""))
        assert not oubli.correct


@pytest.mark.parametrize("code", sorted(EXERCICES))
def test_la_reference_rend_exactement_les_defauts_du_corrige(code, base_demo):
    _, defaut = EXERCICES[code]
    sql = exercice_par_code(code).variante("alice").controle.sql_reference
    ids = set(executer_requete(sql, base_demo).dataframe["id_prospect"])
    corrige = executer_requete(
        f"SELECT id_prospect FROM prospects_defauts WHERE defaut = '{defaut}' "
        "AND id_prospect <= 1000",
        base_demo,
    )
    assert ids == set(corrige.dataframe["id_prospect"])
