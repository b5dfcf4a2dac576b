"""Issue 17 point 4: the SQL worker starts with the requêteur, in the background.

The requêteur's constructor spawns the worker without waiting; the first query then uses that
same process (no second start). A runaway that only killing stops is still killed, a fresh
worker is already spawned in the background, and the next query works on it.
No timer is asserted: only which process answered and how many were started.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.sql import ErreurRequete, executer_requete, moteur
from widgets.ui.requeteur import Requeteur


@pytest.fixture
def moteur_arrete():
    moteur.arreter_moteur()
    yield
    moteur.arreter_moteur()


def test_le_requeteur_demarre_le_travailleur_et_la_premiere_requete_l_utilise(
    moteur_arrete, base_demo: Path
):
    assert moteur.etat_travailleur() == "arrete"
    assert moteur.pid_travailleur() is None
    demarrages = moteur.statistiques["demarrages"]

    r = Requeteur(base_demo)

    pid = moteur.pid_travailleur()
    assert pid is not None  # spawned by the constructor, before any query
    assert moteur.etat_travailleur() in ("demarrage", "pret")
    assert moteur.statistiques["demarrages"] == demarrages + 1
    moteur.prechauffer()  # waits for this same process to say it is ready
    assert moteur.etat_travailleur() == "pret"
    assert moteur.pid_travailleur() == pid

    r.sql = "SELECT id_secteur FROM secteurs ORDER BY id_secteur LIMIT 3"
    res = r.executer()
    assert r.erreur == ""
    assert list(res.dataframe["id_secteur"]) == [1, 2, 3]
    assert moteur.pid_travailleur() == pid  # the warmed worker answered, no second start
    assert moteur.statistiques["demarrages"] == demarrages + 1


def test_un_deuxieme_requeteur_ne_relance_pas_le_travailleur(moteur_arrete, base_demo: Path):
    Requeteur(base_demo)
    pid = moteur.pid_travailleur()
    demarrages = moteur.statistiques["demarrages"]
    Requeteur(base_demo, bac_a_sable=False)
    moteur.demarrer_en_arriere_plan()
    assert moteur.pid_travailleur() == pid
    assert moteur.statistiques["demarrages"] == demarrages


def test_un_emballement_est_tue_et_remplace_en_arriere_plan(moteur_arrete, base_demo: Path):
    moteur.demarrer_en_arriere_plan()
    pid = moteur.pid_travailleur()
    arrets = moteur.statistiques["arrets_forces"]
    demarrages = moteur.statistiques["demarrages"]

    # one long built-in call: neither the progress handler nor interrupt() stops it
    with pytest.raises(ErreurRequete) as err:
        executer_requete("SELECT printf('%.*c', 2000000000, 'x')", base_demo, delai_s=0.5)
    assert err.value.code == "temps_depasse"
    assert moteur.statistiques["arrets_forces"] == arrets + 1
    nouveau = moteur.pid_travailleur()
    assert nouveau is not None and nouveau != pid  # replacement already spawned
    assert moteur.etat_travailleur() in ("demarrage", "pret")
    assert moteur.statistiques["demarrages"] == demarrages + 1

    res = executer_requete("SELECT COUNT(*) AS n FROM clients", base_demo)
    assert res.dataframe["n"].tolist() == [300]
    assert moteur.pid_travailleur() == nouveau  # the background replacement answered


def test_un_travailleur_mort_entre_deux_requetes_est_remplace(moteur_arrete, base_demo: Path):
    moteur.prechauffer()
    moteur._courant.tuer()  # as if the OS had killed it
    assert moteur.etat_travailleur() == "arrete"
    moteur.demarrer_en_arriere_plan()
    assert moteur.etat_travailleur() in ("demarrage", "pret")
    assert executer_requete("SELECT 1 + 1 AS n", base_demo).dataframe["n"].tolist() == [2]
