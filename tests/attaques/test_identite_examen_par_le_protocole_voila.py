"""Attack through a real Voilà exam page (the kernel websocket, what a browser or a script
sends): a student types a classmate's name in the exam sheet, tries his own code with her
name, and clicks « Vérifier ». Her variant never reaches the page, nothing is written."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta

import pytest
from outils.serveurs import ecrire_app, serveur_pret

from benchmarks.visiteur_voila import VisiteurVoila, executer
from widgets.donnees.classe import MESSAGE_REFUS, Classe
from widgets.donnees.devoirs import PARIS, devoir, enregistrer_devoir
from widgets.donnees.progression import Progression
from widgets.exercices import exercice_par_code
from widgets.exercices.markdown import markdown_en_html

pytestmark = [pytest.mark.timeout(300)]

CODE = "relation_client/net-a-payer-1"


def _suivre(visiteur: VisiteurVoila, message: dict) -> None:
    contenu = message.get("content", {})
    donnees = contenu.get("data", {})
    if message["header"]["msg_type"] == "comm_msg" and donnees.get("method") == "update":
        etat = visiteur.etats.setdefault(contenu["comm_id"], {"state": {}})["state"]
        etat.update(donnees.get("state", {}))


async def _attendre(visiteur: VisiteurVoila, classe_css: str, condition) -> str:
    fin = time.monotonic() + 90
    while not condition(visiteur.valeur(classe_css) or ""):
        _suivre(visiteur, await visiteur.recevoir(fin))
    return visiteur.valeur(classe_css)


async def _envoyer(visiteur: VisiteurVoila, classe_css: str, donnees: dict) -> None:
    await visiteur.envoyer("comm_msg", {"comm_id": visiteur.modele(classe_css), "data": donnees})


def _modifier(valeur: str) -> dict:
    return {"method": "update", "state": {"value": valeur}, "buffer_paths": []}


CLIC = {"method": "custom", "content": {"event": "click"}}


def test_a_classmates_name_typed_in_the_exam_page_shows_nothing_and_writes_nothing(tmp_path):
    classe = Classe(tmp_path / "classe")
    codes = classe.importer("nom;prénom\nMartin;Léa\nDurand;Hugo\n")
    maintenant = datetime.now(PARIS)
    d = devoir(
        "Contrôle",
        [(CODE, 20)],
        mode="examen",
        debut=maintenant - timedelta(hours=1),
        fin=maintenant + timedelta(hours=1),
    )
    enregistrer_devoir(d, classe.dossier / "devoirs")
    apps = tmp_path / "apps"
    apps.mkdir()
    ecrire_app(apps, "examen.ipynb", "from widgets.ui.devoir import FeuilleDevoir\nFeuilleDevoir()")

    async def hugo(base: str) -> tuple[str, str, str]:
        page = VisiteurVoila(base, delai=90)
        try:
            await page.ouvrir("examen.ipynb")
            await _envoyer(page, "atelier-nom", _modifier("Martin Léa"))
            await _envoyer(page, "atelier-code", _modifier(codes["Durand Hugo"]))
            await _envoyer(page, "atelier-connexion", CLIC)
            refus = await _attendre(page, "atelier-identite", lambda v: "incorrect" in v)
            bouton = next(
                i
                for i, m in page.etats.items()
                if m.get("state", {}).get("description") == "Vérifier"
            )
            await page.envoyer("comm_msg", {"comm_id": bouton, "data": CLIC})
            retour = await _attendre(page, "atelier-retour", lambda v: "Identifiez-vous" in v)
            await page.demander_etats()
            recu = page.page + "\n".join(json.dumps(m, ensure_ascii=False) for m in page.messages)
            return refus, retour, recu + json.dumps(page.etats, ensure_ascii=False)
        finally:
            await page.fermer()

    with serveur_pret(
        tmp_path,
        apps,
        delai=150,
        env={"ATELIER_CLASSE": str(classe.dossier)},
        taille_pool={"examen.ipynb": 1},
        max_noyaux_defaut=2,
    ) as serveur:
        refus, retour, recu = executer(hugo(serveur.base))
        donnees = serveur.donnees

    assert MESSAGE_REFUS.replace("'", "&#x27;") in refus
    enonce_lea = markdown_en_html(exercice_par_code(CODE).variante("Martin Léa", d.graine).enonce)
    assert json.dumps(enonce_lea, ensure_ascii=False)[1:-1] not in recu
    assert not classe.chemin_progression("Martin Léa").exists()  # nothing under her name
    serveur_propre = donnees / "progression.sqlite"  # nor in the server's own file
    assert not serveur_propre.exists() or Progression(serveur_propre).tentatives() == []
    assert classe.lire_tentatives() == ([], [])
