"""Issue 10, point 8: the management_equipe exercises diagnose their own named traps, and a
catalogue module that fails to import makes the discovery fail (no silent warning)."""

from __future__ import annotations

import pytest

from widgets.calculs import format_nombre
from widgets.exercices import exercice_par_code
from widgets.exercices.registre import CatalogueIllisible, importer_paquet

ETUDIANTS = [f"etudiant-{i}" for i in range(120)]
PIEGES = {
    "management_equipe/taille-force-de-vente-1": {"arrondi_inferieur"},
    "management_equipe/cout-commercial-1": {"commission_sur_tout_le_ca", "charges_oubliees"},
}


@pytest.mark.parametrize("code", sorted(PIEGES))
def test_chaque_piege_nomme_est_reconnu_et_explique(code):
    vus = set()
    for etudiant in ETUDIANTS:
        v = exercice_par_code(code).variante(etudiant)
        assert {p.code for p in v.controle.pieges} <= PIEGES[code]
        for piege in v.controle.pieges:
            verdict = v.controle.verifier(format_nombre(piege.valeur, 2))
            assert not verdict.correct, (etudiant, piege.code)
            assert verdict.piege == piege.code, (etudiant, piege.code, verdict.message)
            assert piege.explication in verdict.message
            vus.add(piege.code)
        assert v.controle.verifier(format_nombre(v.controle.attendu, 2)).correct
    assert vus == PIEGES[code]


def test_un_module_du_catalogue_casse_fait_echouer_la_decouverte(tmp_path, monkeypatch):
    paquet = tmp_path / "catalogue_essai"
    (paquet / "unite").mkdir(parents=True)
    (paquet / "__init__.py").write_text("")
    (paquet / "unite" / "__init__.py").write_text("")
    (paquet / "unite" / "bon.py").write_text("X = 1\n")
    (paquet / "unite" / "casse.py").write_text("import module_qui_n_existe_pas\n")
    (paquet / "unite" / "faute.py").write_text("def f(:\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(CatalogueIllisible) as erreur:
        importer_paquet("catalogue_essai")
    message = str(erreur.value)
    assert "catalogue_essai.unite.casse" in message
    assert "catalogue_essai.unite.faute" in message
    assert "catalogue_essai.unite.bon" not in message


def test_le_vrai_catalogue_s_importe_sans_erreur():
    importer_paquet("widgets.exercices.catalogue")
