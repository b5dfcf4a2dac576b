"""The relation-client exercises added for the calculators: right answers, traps, variants."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.exercices import ControleNombre, exercice_par_code

D = Decimal
CODES_NOMBRE = {
    "net-commercial-cascade-1": ("remises_additionnees",),
    "tva-apres-escompte-1": ("tva_sur_net_commercial",),
    "coefficient-multiplicateur-1": ("coefficient_ht_au_lieu_de_ttc",),
    "coefficient-ht-1": ("coefficient_ttc_au_lieu_de_ht",),
    "taux-de-marge-1": ("taux_de_marque_au_lieu_de_marge",),
    "prix-depuis-taux-de-marge-1": ("marge_prise_pour_marque",),
    "marge-de-manoeuvre-1": (),
}


def _variante(code: str, etudiant: str = "alice"):
    return exercice_par_code(f"relation_client/{code}").variante(etudiant)


@pytest.mark.parametrize("code", sorted(CODES_NOMBRE))
def test_la_bonne_reponse_tapee_a_la_francaise_est_juste(code):
    controle = _variante(code).controle
    assert isinstance(controle, ControleNombre)
    texte = str(controle.attendu).replace(".", ",")
    verdict = controle.verifier(texte)
    assert verdict.correct, verdict.message
    assert verdict.message.startswith("Juste")


@pytest.mark.parametrize("code", sorted(c for c, p in CODES_NOMBRE.items() if p))
def test_chaque_piege_est_reconnu_et_explique(code):
    controle = _variante(code).controle
    assert tuple(p.code for p in controle.pieges) == CODES_NOMBRE[code]
    for piege in controle.pieges:
        assert piege.valeur != controle.attendu
        verdict = controle.verifier(str(piege.valeur))
        assert not verdict.correct and verdict.piege == piege.code
        assert "convention erronée" in verdict.message


@pytest.mark.parametrize("code", sorted(CODES_NOMBRE))
def test_les_variantes_sont_reproductibles_et_differentes(code):
    a1, a2 = _variante(code, "alice"), _variante(code, "Alice ")
    assert a1.enonce == a2.enonce
    enonces = {_variante(code, f"etudiant-{i}").enonce for i in range(6)}
    assert len(enonces) >= 4


def test_cascade_exemple_calcule_a_la_main():
    """Brut 2 112,50 ; rabais 2 % : 42,25 → 2 070,25 ; remise 10 % : 207,025 → 207,03 →
    1 863,22. Additionnées : 12 % de 2 112,50 = 253,50 → 1 859,00."""
    v = _variante("net-commercial-cascade-1", "alice")
    assert v.parametres["brut"] == D("2112.50")
    assert v.controle.attendu == D("1863.22")
    assert v.controle.pieges[0].valeur == D("1859.00")
    assert "remise de **10 %**" in v.enonce.replace("\u00a0", " ")


def test_tva_apres_escompte_exemple_calcule_a_la_main():
    """30 × 11,10 = 333,00 ; −15 % (49,95) = 283,05 ; escompte 2 % : 5,661 → 5,66 → 277,39 ;
    + port 30 = 307,39 ; TVA 20 % = 61,478 → 61,48. Sur le net commercial : (283,05 + 30) ×
    20 % = 62,61."""
    c = _variante("tva-apres-escompte-1", "alice").controle
    assert (c.attendu, c.pieges[0].valeur) == (D("61.48"), D("62.61"))


def test_tableau_distributeur_juste_et_report_des_erreurs():
    """Net 7,65 ; revente 11,48 ; marge arrière 12 % ; transport 0,35 ; alimentaire :
    marge avant 3,83 ; marge arrière 0,918 → 0,92 ; triple net 6,73 ; SRP (triple net, L442-5)
    (6,73 + 0,35) × 1,1 = 7,08 + 0,708 (0,71) = 7,79 (issue 10 point 1 : plus 8,80)."""
    v = _variante("distributeur-tableau-1", "alice")
    justes = {"marge_avant": "3,83", "marge_arriere": "0,92", "triple_net": "6,73", "srp": "7,79"}
    assert v.controle.verifier(justes).correct
    # the old SRP (marge arrière not deducted): (7,65 + 0,35) × 1,1 = 8,80 is a named trap
    ancien = v.controle.verifier(dict(justes, srp="8,80"))
    assert not ancien.correct and ancien.piege == "srp_sans_marge_arriere"
    # a slip on the marge arrière: the triple net computed from it is carried forward,
    # then the SRP from that triple net: (6,75 + 0,35) = 7,10 + 0,71 = 7,81
    glissade = dict(justes, marge_arriere="0,90", triple_net="6,75", srp="7,81")
    verdict = v.controle.verifier(glissade)
    assert not verdict.correct
    statuts = {d.nom: d.statut for d in verdict.details}
    assert statuts == {
        "marge_avant": "juste",
        "marge_arriere": "faux",
        "triple_net": "report",
        "srp": "report",
    }
