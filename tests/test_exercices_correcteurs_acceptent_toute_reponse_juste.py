"""Issue 22, "checkers that reject right answers or reward wrong ones", figures by hand.

- ``finance/taux-equivalent-1``: the statement asks « à 0,0001 % près »; the corrigé shows
  that precision (8 % a year → (1,08)^(1/12) − 1 = 0,6434 %) and a rate so typed is right.
- ``finance/van-action-1``: flows computed from discount factors rounded to 4 decimals (a
  financial table) are right.
- carry-forward: a loan table built consistently from an annuity 1 cent off is right; an
  unsorted ABC table no longer scores well (the sort is a checked step).
- declining balance over 4 years: the switch to linear is in year 2 (33,33 % > 31,25 %).
- messages in the answer's unit; a negative rate (a ROI) and « 76 jours » are read.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from widgets.calculs import arrondi_centime
from widgets.calculs.finance import amortissement
from widgets.exercices import Cellule, ControleNombre, ControleTableau, exercice_par_code
from widgets.exercices.catalogue.finance.investissement import controle_van, tolerance_van

D = Decimal
ETUDIANTS = [f"e{i}" for i in range(60)]


def _variante(code: str, **parametres):
    ex = exercice_par_code(code)
    for e in ETUDIANTS:
        v = ex.variante(e)
        if all(v.parametres.get(k) == val for k, val in parametres.items()):
            return v
    raise AssertionError(f"aucune variante {parametres}")


def test_taux_equivalent_affiche_et_accepte_la_precision_demandee():
    """Issue 22: taux-equivalent-1 showed 0,64 % but checked to 0,0001."""
    v = _variante("finance/taux-equivalent-1", taux_annuel=D(8), periodes_par_an=12)
    assert "à 0,0001 % près" in v.enonce
    # (1,08)^(1/12) = 1,006434030… → 0,6434 %
    assert "0,6434\u00a0%" in v.controle.reponse_attendue()
    assert v.controle.verifier("0,6434").correct
    assert v.controle.verifier("0,6434 %").correct
    # 0,64 is less precise than asked: wrong, and the hint names the precision, not the cent
    faux = v.controle.verifier("0,64")
    assert not faux.correct
    assert "0,0001\u00a0% près" in faux.message and "centime" not in faux.message


def test_une_proportion_est_repetee_telle_que_tapee():
    """Issue 22: « 0,006434 » was echoed as « 0,01 % »."""
    v = _variante("finance/taux-equivalent-1", taux_annuel=D(8), periodes_par_an=12)
    message = v.controle.verifier("0,006434").message
    assert "0,006434\u00a0%" in message and "0,01\u00a0%" not in message
    assert "proportion" in message


def test_van_avec_des_coefficients_de_table_a_4_decimales():
    """Issue 22: van-action-1 rejected discount factors from a table (4 or 5 decimals).

    10 000 € today, 4 000 € at the end of years 1 to 3, at 8 %:
    exact factors 0,925926 / 0,857339 / 0,793832 → 3 703,70 + 3 429,36 + 3 175,33 = 10 308,39
    → VAN 308,39 € ; table factors 0,9259 / 0,8573 / 0,7938 → 3 703,60 + 3 429,20 + 3 175,20
    = 10 308,00 → VAN 308,00 € ; 5 decimals 0,92593 / 0,85734 / 0,79383 → 3 703,72 +
    3 429,36 + 3 175,32 = 10 308,40 → 308,40 €.
    """
    controle = controle_van(D(10000), [D(4000)] * 3, D(8))
    assert controle.attendu == D("308.39")
    # 3 × 4 000 × 0,00005 + 3 × 0,005 = 0,615 → 0,62 €
    assert tolerance_van([D(4000)] * 3) == D("0.62")
    for juste in ("308,39", "308,00", "308,40"):
        assert controle.verifier(juste).correct, juste
    assert not controle.verifier("307,70").correct
    # the first flow left undiscounted is still named
    assert controle.verifier("4\u202f000 + 3\u202f703,70").lisible is False


def test_chaque_variante_de_van_accepte_la_table_a_4_decimales():
    ex = exercice_par_code("finance/van-action-1")
    for e in ETUDIANTS[:20]:
        v = ex.variante(e)
        p = v.parametres
        facteur = 1 + p["taux"] / 100
        flux = [arrondi_centime(m * round(1 / facteur**k, 4)) for k, m in enumerate(p["marges"], 1)]
        tape = str(sum(flux) - p["budget"]).replace(".", ",")
        assert v.controle.verifier(tape).correct, (e, tape, v.controle.attendu)


def _tableau_emprunt_10000_a_5_pour_cent() -> ControleTableau:
    # 10 000 € at 5 % over 3 years: a = 500 / (1 − 1,05^−3) = 3 672,09 €
    i = D("0.05")
    return ControleTableau(
        (
            Cellule("annuite", "Annuité", D("3672.09")),
            Cellule("interet_1", "Intérêt 1", D("500.00"), lambda capital: capital * i),
            Cellule(
                "amort_1", "Amort. 1", D("3172.09"), lambda annuite, interet_1: annuite - interet_1
            ),
            Cellule("reste_1", "Reste 1", D("6827.91"), lambda capital, amort_1: capital - amort_1),
            Cellule(
                "interet_2", "Intérêt 2", D("341.40"), lambda reste_1: arrondi_centime(reste_1 * i)
            ),
            Cellule(
                "amort_2", "Amort. 2", D("3330.69"), lambda annuite, interet_2: annuite - interet_2
            ),
            Cellule("reste_2", "Reste 2", D("3497.22"), lambda reste_1, amort_2: reste_1 - amort_2),
            Cellule(
                "interet_3", "Intérêt 3", D("174.86"), lambda reste_2: arrondi_centime(reste_2 * i)
            ),
            Cellule("amort_3", "Amort. 3", D("3497.22"), lambda reste_2: reste_2),
            Cellule(
                "annuite_3",
                "Annuité 3",
                D("3672.08"),
                lambda interet_3, amort_3: interet_3 + amort_3,
            ),
        ),
        donnees={"capital": D(10000)},
    )


def test_un_tableau_d_emprunt_coherent_avec_une_annuite_a_un_centime_pres_est_juste():
    """Issue 22: carry-forward from cells accepted within the tolerance.

    Annuity typed 3 672,10 (1 cent off, accepted): 500,00 ; 3 172,10 ; 6 827,90 ;
    6 827,90 × 5 % = 341,395 → 341,40 ; 3 330,70 ; 3 497,20 ; 174,86 ; 3 497,20 ; 3 672,06.
    Before: « Reste 2 », « Amort. 3 » and « Annuité 3 » were 2 cents from the key → faux.
    """
    eleve = {
        "annuite": "3 672,10",
        "interet_1": "500,00",
        "amort_1": "3 172,10",
        "reste_1": "6 827,90",
        "interet_2": "341,40",
        "amort_2": "3 330,70",
        "reste_2": "3 497,20",
        "interet_3": "174,86",
        "amort_3": "3 497,20",
        "annuite_3": "3 672,06",
    }
    verdict = _tableau_emprunt_10000_a_5_pour_cent().verifier(eleve)
    assert verdict.score == 1
    assert verdict.correct, verdict.message
    # a real slip is still carried forward as a report, not as « juste »
    eleve["interet_1"] = "600,00"
    eleve.update(amort_1="3 072,10", reste_1="6 927,90")
    verdict = _tableau_emprunt_10000_a_5_pour_cent().verifier(eleve)
    statuts = {r.nom: r.statut for r in verdict.details}
    assert statuts["interet_1"] == "faux" and statuts["amort_1"] == "report"


def test_le_tableau_d_emprunt_du_catalogue_accepte_une_annuite_a_un_centime():
    ex = exercice_par_code("finance/tableau-emprunt-1")
    for e in ETUDIANTS[:10]:
        c = ex.variante(e).controle
        valeurs = dict(c.donnees)
        reponse = {}
        for cellule in c.cellules:
            if cellule.formule is None:
                valeur = cellule.attendu + D("0.01")
            else:
                valeur = cellule.formule(**{d: valeurs[d] for d in cellule.dependances()})
            valeurs[cellule.nom] = valeur
            reponse[cellule.nom] = str(valeur).replace(".", ",")
        verdict = c.verifier(reponse)
        assert verdict.correct and verdict.score == 1, (e, verdict.message)


def test_un_tableau_abc_non_trie_ne_rapporte_plus_l_essentiel_des_points():
    """Issue 22: an unsorted ABC table (the core mistake) scored 13/18; the sort is a step."""
    ex = exercice_par_code("gestion_clientele/abc-tableau-cumule")
    for e in ETUDIANTS[:10]:
        v = ex.variante(e)
        c = v.controle
        assert any(x.nom == "tri_1" for x in c.cellules)
        clients = v.parametres["clients"]
        total = sum(ca for _nom, ca in clients)
        reponse, cumul = {}, D(0)
        for k, (_nom, ca) in enumerate(clients, 1):  # statement order, not sorted
            cumul += ca
            reponse[f"tri_{k}"] = str(ca)
            reponse[f"cumul_{k}"] = str(cumul)
            reponse[f"part_{k}"] = str(round(cumul * 100 / total, 2))
        justes = {x.nom: str(x.attendu) for x in c.cellules}
        reponse.update(nb_a=justes["nb_a"], nb_b=justes["nb_b"])
        verdict = c.verifier(reponse)
        assert verdict.score < D("0.5"), (e, verdict.score)  # 13/18 = 0,72 before
        assert "tri" in verdict.message.lower()
        assert c.verifier(justes).score == 1


def test_degressif_sur_4_ans_bascule_en_annee_2():
    """Issue 22: 4-year declining balance switches to linear in year 2 (33,33 % > 31,25 %).

    10 000 € from 01/01/2025: 31,25 % → 3 125,00 ; VNC 6 875,00 ; year 2: 6 875 / 3 =
    2 291,67 (not 6 875 × 31,25 % = 2 148,44).
    """
    plan = amortissement(D(10000), 4, "degressif", date(2025, 1, 1), date(2025, 12, 31))
    assert plan.taux == D("31.25")
    assert [x.annuite for x in plan.lignes[:2]] == [D("3125.00"), D("2291.67")]
    v = _variante("finance/amortissement-degressif-1", duree=4)
    assert any("33,33 % > 31,25 %" in h for h in v.indices)
    c = v.controle
    annuite_2 = next(x for x in c.cellules if x.nom == "annuite_2")
    vnc_1 = next(x for x in c.cellules if x.nom == "vnc_1").attendu
    sans_bascule = arrondi_centime(vnc_1 * D("31.25") / 100)
    assert annuite_2.attendu == arrondi_centime(vnc_1 / 3) != sans_bascule
    reponse = {x.nom: str(x.attendu) for x in c.cellules}
    reponse["annuite_2"] = str(sans_bascule)
    verdict = c.verifier(reponse)
    assert verdict.piege == "passage_au_lineaire_oublie"
    assert "au moins égal" in verdict.message


def test_un_taux_negatif_et_une_unite_tapee_sont_lus():
    """Issue 22: the corrigé's own « -30 % » (a ROI) and « 76 jours » were refused."""
    roi = ControleNombre(D(-30), libelle="ROI", unite="%")
    assert roi.verifier("-30 %").correct and roi.verifier("\u221230").correct
    jours = ControleNombre(D(76), libelle="Nombre de jours", unite="jours", tolerance=D(0))
    assert jours.verifier("76 jours").correct and jours.verifier("76").correct


def test_le_conseil_d_arrondi_parle_l_unite_de_la_reponse():
    """Issue 22: « vérifiez vos arrondis (au centime…) » was shown for rates and counts."""
    compte = ControleNombre(D(12), libelle="Nombre de prospects", unite="", tolerance=D(0))
    assert "centime" not in compte.verifier("12,05").message
    assert "nombre entier" in compte.verifier("12,05").message
    taux = ControleNombre(D("4.40"), libelle="Taux", unite="%")
    assert "à 0,01\u00a0% près" in taux.verifier("4,45").message
    euros = ControleNombre(D("10.00"), libelle="Montant")
    assert "au centime" in euros.verifier("10,05").message
