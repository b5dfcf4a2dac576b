"""The plans a student keeps (sales plan, tour, action plan): on a class server each student has
their own, and a page left on an older version never overwrites a newer save."""

from __future__ import annotations

import asyncio
import json
import threading
import weakref

import pytest

from widgets.donnees import plans
from widgets.donnees.classe import Classe
from widgets.ui import exercice as module_exercice
from widgets.ui import session
from widgets.ui.plan_action import PlanActionCommerciale
from widgets.ui.plan_de_vente import EditeurPlanDeVente

SCENARIO = "boutique-souvenirs-tour-eiffel"
LISTE = "Nom;Prénom;Groupe\nMartin;Léa;A\nDurand;Hugo;B\n"
DEMANDE_D_ETAT = {"content": {"data": {"method": "request_state"}}}


@pytest.fixture(autouse=True)
def donnees(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_DONNEES", str(tmp_path / "donnees"))
    monkeypatch.delenv("ATELIER_CLASSE", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr(session, "_SESSION", {})
    monkeypatch.setattr(session, "_ABONNES", weakref.WeakSet())  # no page of another test
    monkeypatch.setattr(module_exercice, "_SESSION", {})
    monkeypatch.setattr(module_exercice, "_REFUS", [])
    return tmp_path / "donnees"


def _fichier(donnees, *dossiers):
    return donnees.joinpath("plans", *dossiers, "plan_de_vente", f"{SCENARIO}.json")


def _dans_un_fil_neuf(fonction) -> None:
    """Run ``fonction`` in a new thread: no event loop is running there (after the browser
    tests, Playwright's sync API leaves one marked as running in the main thread), as in plain
    Python; ``asyncio.run`` in it plays a kernel handling a message."""
    erreurs: list[BaseException] = []

    def cible():
        try:
            fonction()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            erreurs.append(exc)

    fil = threading.Thread(target=cible)
    fil.start()
    fil.join(60)
    if erreurs:
        raise erreurs[0]


def test_a_page_left_on_an_older_plan_never_overwrites_the_newer_save(donnees):
    _dans_un_fil_neuf(lambda: _page_restee_sur_une_ancienne_version(donnees))


def _page_restee_sur_une_ancienne_version(donnees):
    ancienne_page = EditeurPlanDeVente(scenario=SCENARIO)  # e.g. a kernel prepared in advance
    nouvelle_page = EditeurPlanDeVente(scenario=SCENARIO)
    nouvelle_page.accroche.value = "Bonjour Madame, vos clients aiment-ils le métro ?"
    fichier = _fichier(donnees)
    assert json.loads(fichier.read_text(encoding="utf-8"))["accroche"].startswith("Bonjour")

    ancienne_page.accroche.value = "B"  # a keystroke on the page still showing the old plan
    enregistre = json.loads(fichier.read_text(encoding="utf-8"))
    assert enregistre["accroche"] == "Bonjour Madame, vos clients aiment-ils le métro ?"
    assert ancienne_page.accroche.value == "Bonjour Madame, vos clients aiment-ils le métro ?"
    assert "a été enregistré ailleurs" in ancienne_page.erreur
    assert "gardé dans les versions du plan" in ancienne_page.erreur
    gardees = [
        json.loads(v.read_text(encoding="utf-8"))["accroche"] for v in plans.versions_plan(SCENARIO)
    ]
    assert "B" in gardees  # the keystroke is not lost either

    ancienne_page.accroche.value = "Bonjour Madame, vos clients aiment-ils le métro ? Oui."
    enregistre = json.loads(fichier.read_text(encoding="utf-8"))
    assert enregistre["accroche"].endswith("Oui.")  # once refreshed, it saves again


def test_a_page_connecting_to_a_prepared_kernel_gets_the_plan_saved_since(donnees):
    noyau_prepare = EditeurPlanDeVente(scenario=SCENARIO)
    assert noyau_prepare.accroche.value == ""
    autre = EditeurPlanDeVente(scenario=SCENARIO)
    autre.accroche.value = "Bonjour Monsieur"
    noyau_prepare._handle_msg(DEMANDE_D_ETAT)  # what a page sends when it connects
    assert noyau_prepare.accroche.value == "Bonjour Monsieur"
    assert noyau_prepare.erreur == ""
    noyau_prepare.accroche.value = "Bonjour Monsieur Durand"
    assert json.loads(_fichier(donnees).read_text(encoding="utf-8"))["accroche"] == (
        "Bonjour Monsieur Durand"
    )


def test_the_action_plan_is_refreshed_the_same_way(donnees):
    a = PlanActionCommerciale()
    b = PlanActionCommerciale()
    b.champs["titre"].value = "Conquête des campings"

    async def frappe_dans_le_noyau():  # as in a kernel: the refresh runs after the keystroke
        a.champs["titre"].value = "X"  # stale page: refused
        await asyncio.sleep(0)

    _dans_un_fil_neuf(lambda: asyncio.run(frappe_dans_le_noyau()))
    assert a.champs["titre"].value == "Conquête des campings"
    fichier = donnees / "plans" / "plan_action" / "mon-plan-d-action.json"
    assert json.loads(fichier.read_text(encoding="utf-8"))["champs"]["titre"] == (
        "Conquête des campings"
    )


def test_on_a_class_server_two_students_never_open_the_same_plan(donnees, tmp_path, monkeypatch):
    classe = Classe(tmp_path / "classe")
    codes = classe.importer(LISTE)
    monkeypatch.setenv("ATELIER_CLASSE", str(tmp_path / "classe"))
    lea = classe.identifier("Martin Léa", codes["Martin Léa"])
    hugo = classe.identifier("Durand Hugo", codes["Durand Hugo"])

    page = EditeurPlanDeVente(scenario=SCENARIO)  # not identified yet: this kernel's own plan
    page.accroche.value = "Bonjour, je suis Léa"
    assert not _fichier(donnees).exists()  # never the shared folder of the server
    session.retenir_eleve(classe.dossier, lea)  # Léa identifies on the page
    dossier_lea = plans.dossier_eleve_plans("Martin Léa").name
    fichier_lea = _fichier(donnees, "eleves", dossier_lea)
    assert json.loads(fichier_lea.read_text(encoding="utf-8"))["accroche"] == (
        "Bonjour, je suis Léa"
    )  # what she typed before identifying is hers

    _autre_noyau(monkeypatch, "noyau 2")  # another student, on another kernel
    page_hugo = EditeurPlanDeVente(scenario=SCENARIO)
    assert page_hugo.accroche.value == ""
    session.retenir_eleve(classe.dossier, hugo)
    assert page_hugo.accroche.value == ""  # Hugo does not see Léa's plan
    page_hugo.accroche.value = "Bonjour, je suis Hugo"
    assert json.loads(fichier_lea.read_text(encoding="utf-8"))["accroche"] == (
        "Bonjour, je suis Léa"
    )

    _autre_noyau(monkeypatch, "noyau 3")  # Léa, next week, on a new kernel
    page_lea = EditeurPlanDeVente(scenario=SCENARIO)
    session.retenir_eleve(classe.dossier, lea)
    assert page_lea.accroche.value == "Bonjour, je suis Léa"


def _autre_noyau(monkeypatch, cle: str) -> None:
    """What another kernel process starts with: no identity, no page, its own key."""
    monkeypatch.setattr(session, "_SESSION", {})
    monkeypatch.setattr(session, "_ABONNES", weakref.WeakSet())
    monkeypatch.setattr(session, "_NOYAU", cle)


def test_ipywidgets_8_pages_asking_all_states_at_once_get_the_saved_plan(donnees, monkeypatch):
    from ipywidgets import Widget

    class CanalDeControle:  # the "jupyter.widget.control" comm of a connecting page
        envois: list = []

        def send(self, data=None, buffers=None, **_):
            self.envois.append(data)

    noyau_prepare = EditeurPlanDeVente(scenario=SCENARIO)
    autre = EditeurPlanDeVente(scenario=SCENARIO)
    autre.accroche.value = "Bonjour Madame Petit"
    monkeypatch.setattr(Widget, "_control_comm", CanalDeControle(), raising=False)
    Widget._handle_control_comm_msg({"content": {"data": {"method": "request_states"}}})
    assert noyau_prepare.accroche.value == "Bonjour Madame Petit"
    (reponse,) = CanalDeControle.envois
    etats = reponse["states"]
    assert etats[noyau_prepare.accroche.model_id]["state"]["value"] == "Bonjour Madame Petit"


def test_the_sales_plan_page_of_a_class_server_has_its_own_identification(
    donnees, tmp_path, monkeypatch
):
    from widgets.donnees.classe import MESSAGE_REFUS
    from widgets.ui.identification import BandeauIdentification

    assert not isinstance(EditeurPlanDeVente(scenario=SCENARIO).children[0], BandeauIdentification)
    _autre_noyau(monkeypatch, "noyau du serveur de la classe")
    classe = Classe(tmp_path / "classe")
    codes = classe.importer(LISTE)
    monkeypatch.setenv("ATELIER_CLASSE", str(tmp_path / "classe"))
    page = EditeurPlanDeVente(scenario=SCENARIO)
    bandeau = page.children[0]
    assert isinstance(bandeau, BandeauIdentification)
    page.accroche.value = "Bonjour, ici Hugo"
    assert bandeau.se_connecter("Durand Hugo", codes["Martin Léa"]) is False  # a classmate's code
    assert bandeau.erreur == MESSAGE_REFUS
    assert bandeau.se_connecter("durand  hugo", codes["Durand Hugo"]) is True
    assert "Connecté : Hugo Durand — B" in bandeau.children[0].value
    fichier = _fichier(donnees, "eleves", plans.dossier_eleve_plans("Durand Hugo").name)
    assert json.loads(fichier.read_text(encoding="utf-8"))["accroche"] == "Bonjour, ici Hugo"
