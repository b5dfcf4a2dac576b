"""The portfolio package: one parameter object per analysis, accepted by the exact and the
vectorised function alike (same figures as the keywords); the old import paths still work
(``portefeuille_vectorise`` with a DeprecationWarning); the aggregate cache's code fingerprint
covers every module of the package; the text tables live in the ui layer."""

from __future__ import annotations

import dataclasses
import importlib
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

from widgets.donnees import cache_agregats
from widgets.donnees import portefeuille as P


def test_un_objet_de_rentabilite_donne_les_memes_comptes_par_les_deux_calculs(base_demo):
    hypotheses = P.ParametresRentabilite(annee=2024, cout_visite="92,35", taux_retours="1,5")
    exact = P.comptes_exploitation(base_demo, parametres=hypotheses)
    rapide = P.comptes_exploitation_vectorise(base_demo, parametres=hypotheses)
    assert exact == P.comptes_exploitation(
        base_demo, annee=2024, cout_visite="92,35", taux_retours="1,5"
    )
    assert exact != P.comptes_exploitation(base_demo)  # the object really changed the year
    assert [P.compte_de_la_ligne(x) for x in rapide.itertuples(index=False)] == exact
    # 92,35 € per visit: a client with 2 orders pays 184,70 € of visits
    deux = next(c for c in exact if c.commandes == 2)
    assert deux.compte.cout_visites == Decimal("184.70")


def test_un_objet_par_analyse_accepte_par_l_exact_et_le_vectorise(base_demo):
    risque = P.ParametresRisque(reference="2025-06-30", seuil_vigilance=50)
    exact = P.risque_clients(base_demo, parametres=risque)
    rapide = P.risque_clients_vectorise(base_demo, parametres=risque)
    assert [P.risque_de_la_ligne(x) for x in rapide.itertuples(index=False)] == exact
    assert exact == P.risque_clients(base_demo, reference="2025-06-30", seuil_vigilance=50)

    rfm = P.ParametresRFM(reference="2025-09-30", mois=6)
    assert P.clients_rfm(P.rfm_vectorise(base_demo, parametres=rfm)) == P.rfm_clients(
        base_demo, parametres=rfm
    )
    assert P.rfm_clients(base_demo, parametres=rfm) != P.rfm_clients(base_demo)

    abc = P.ParametresABC(debut="2024-01-01", fin="2024-12-31", seuil_a=70)
    exact_abc = P.abc_clients(base_demo, parametres=abc)
    rapide_abc = P.abc_clients_vectorise(base_demo, parametres=abc)
    assert list(rapide_abc["classe"]) == [x.classe for x in exact_abc.lignes]
    assert exact_abc.seuil_a == 70

    stats = P.ParametresStatistiques(critere="secteur")
    groupes = P.ca_par_segment(base_demo, parametres=stats)
    resumes = P.resumes_par_segment(base_demo, parametres=stats)
    assert list(resumes) == [*groupes, "Ensemble"]


def test_les_objets_de_parametres_sont_figes_et_ont_les_defauts_des_fonctions():
    p = P.ParametresRentabilite()
    assert p.mots() == {
        "annee": 2025,
        "cout_visite": 85,
        "taux_financement": 5,
        "taux_retours": 0,
        "cout_km": "0.60",
        "cout_horaire": 35,
        "type_client": None,
        "id_secteur": None,
        "id_client": None,
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.annee = 2024  # type: ignore[misc]
    assert P.ParametresRisque().reference == P.AUJOURD_HUI == "2025-12-31"


def test_l_ancien_module_vectorise_reste_importable_avec_un_avertissement():
    with pytest.warns(DeprecationWarning, match="widgets.donnees.portefeuille"):
        import widgets.donnees.portefeuille_vectorise as ancien

        ancien = importlib.reload(ancien)  # warns again, even if imported before
    for nom in ancien.__all__:
        assert getattr(ancien, nom) is getattr(P, nom), nom


def test_l_empreinte_du_cache_couvre_chaque_module_du_paquet():
    dossier = Path(cache_agregats.__file__).parent
    modules = {
        f"portefeuille/{f.name}"
        for f in (dossier / "portefeuille").glob("*.py")
        if f.name != "__init__.py"
    }
    assert modules <= set(cache_agregats._SOURCES)
    assert all((dossier / nom).is_file() for nom in cache_agregats._SOURCES)


def test_les_tableaux_texte_sont_dans_la_couche_ui():
    from widgets.calculs.pareto import analyse_abc
    from widgets.ui.textes_portefeuille import texte_classes

    assert not hasattr(P, "texte_classes")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        texte = texte_classes(analyse_abc([(1, "Alpha", 80), (2, "Bêta", 20)]))
    # Alpha alone reaches 80 % of the CA: class A = 1 client of 2 (50 %), 80,00 €, 80 % du CA
    colonnes = [x for x in texte.splitlines()[1].split(" ") if x]
    assert colonnes == ["A", "1", "50\xa0%", "80,00\xa0€", "80\xa0%"]
