"""``resultat`` and ``erreur`` of the widget families are traitlets: an observer hears each new
valid result after ``.calculer()`` / ``.executer()``, a wrong input changes ``erreur`` and keeps
the previous valid ``resultat`` (no notification for it), and two widgets can be linked."""

from __future__ import annotations

from decimal import Decimal

import ipywidgets as w
import pytest

from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import Calculatrice, ChampMontant, ResultatObservable
from widgets.ui.crm import VueCRM
from widgets.ui.import_fichier import ImportFichier
from widgets.ui.marges import CalculatriceMarges, SolveurMarges
from widgets.ui.plan_de_vente import EditeurPlanDeVente
from widgets.ui.requeteur import Requeteur


def _ecouter(widget: w.Widget) -> list[tuple[str, object]]:
    vus: list[tuple[str, object]] = []
    widget.observe(lambda ch: vus.append((ch["name"], ch["new"])), names=["resultat", "erreur"])
    return vus


@pytest.mark.parametrize(
    "famille",
    [Calculatrice, EditeurPlanDeVente, Requeteur, VueCRM, ImportFichier, CalculatriceMarges],
)
def test_chaque_famille_declare_les_traits_avec_une_aide(famille):
    assert issubclass(famille, ResultatObservable)
    for nom in ("resultat", "erreur"):
        trait = famille.class_traits()[nom]
        assert trait.help, (famille.__name__, nom)


def test_calculatrice_notifie_le_nouveau_resultat_et_garde_l_ancien_sur_erreur():
    s = SolveurMarges()  # coût 80 €, taux de marque 20 % → PV HT 100 €
    assert s.resultat.prix_vente_ht == Decimal("100.00")
    vus = _ecouter(s)
    s.taux_de_marque.value = "25"  # 80 / (1 - 0,25) = 106,666… → 106,67 €
    assert [n for n, _ in vus] == ["resultat"]
    assert vus[0][1].prix_vente_ht == Decimal("106.67")
    valide = s.resultat
    vus.clear()
    s.taux_de_marque.value = "beaucoup"
    assert [n for n, _ in vus] == ["erreur"]  # resultat untouched: no notification
    assert "beaucoup" in s.erreur or "taux" in s.erreur.lower()
    assert s.resultat is valide
    vus.clear()
    s.taux_de_marque.value = "25"
    assert vus == [("erreur", "")]  # same result as before the mistake: only erreur clears
    assert s.calculer() == valide


def test_calculatrice_marges_lie_son_resultat_a_celui_du_solveur():
    c = CalculatriceMarges()
    vus = _ecouter(c)
    c.solveur.cout_achat_ht.value = "60"  # 60 / (1 - 0,20) = 75 €
    assert c.resultat is c.solveur.resultat
    assert c.resultat.prix_vente_ht == Decimal("75.00")
    assert [n for n, _ in vus] == ["resultat"]
    c.solveur.cout_achat_ht.value = "soixante"
    assert c.erreur == c.solveur.erreur != ""
    assert c.resultat.prix_vente_ht == Decimal("75.00")


def test_requeteur_notifie_apres_executer_et_garde_le_resultat_sur_erreur(base_demo):
    r = Requeteur(base_demo)
    vus = _ecouter(r)
    statut_vu = []
    r.observe(lambda _ch: statut_vu.append(r.zone_statut.value), names="resultat")
    r.sql = "SELECT COUNT(*) AS n FROM clients"
    premier = r.executer()
    assert [n for n, _ in vus] == ["resultat"] and vus[0][1] is premier
    # the observer runs once the result is on screen (status line already written)
    assert len(statut_vu) == 1 and statut_vu[0].startswith("1 ligne ")
    vus.clear()
    r.sql = "SELECT * FROM client"
    assert r.executer() is None
    assert [n for n, _ in vus] == ["erreur"] and "clients" in vus[0][1]
    assert r.resultat is premier


def test_editeur_plan_de_vente_notifie_les_remarques():
    e = EditeurPlanDeVente(scenario="salon-particulier", enregistrer=False)
    avant = len(e.resultat)
    vus = _ecouter(e)
    e.accroche.value = "Bonjour, c'est pour offrir ?"
    assert [n for n, _ in vus] == ["resultat"]
    assert len(e.resultat) == avant - 1  # the « rédigez une accroche » remark is gone


def test_valeur_d_un_champ_liable_a_un_autre_widget():
    champ = ChampMontant("prix", "Prix HT", "10")
    autre = w.Text()
    w.link((champ, "value"), (autre, "value"))
    assert autre.value == "10"
    autre.value = "1 234,56"
    assert champ.texte.value == "1 234,56" and champ.lire() == Decimal("1234.56")
    champ.value = "douze"
    assert autre.value == "douze"
    erreurs = []
    champ.observe(lambda ch: erreurs.append(ch["new"]), names="erreur")
    with pytest.raises(ErreurAtelier):
        champ.lire()
    assert erreurs and erreurs[-1] == champ.erreur != ""
