"""Exam mode through a real Voilà server and the kernel websocket (what a browser receives):
a student who answers wrong three times never receives the solution nor a hint in ANY message
of the widget protocol; when the teacher ends the exam, the answer is refused and not saved.

The student is played by ``benchmarks/visiteur_voila.VisiteurVoila`` (no browser needed)."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta

import pytest
from outils.serveurs import ecrire_app, serveur_pret

from benchmarks.visiteur_voila import VisiteurVoila, executer
from widgets.donnees.devoirs import PARIS, devoir, enregistrer_devoir
from widgets.donnees.progression import Progression
from widgets.exercices import exercice_par_code
from widgets.exercices.markdown import markdown_en_html

pytestmark = [pytest.mark.timeout(300), pytest.mark.serveur]

CODE = "relation_client/net-a-payer-1"
ETUDIANT = "Zoé Voilà"


def _devoir(fin: datetime):
    debut = fin - timedelta(hours=2)
    return devoir("Contrôle surprise", [(CODE, 5)], mode="examen", debut=debut, fin=fin, graine=11)


def _modele(visiteur: VisiteurVoila, **attendu) -> str:
    for model_id, modele in visiteur.etats.items():
        etat = modele.get("state", {})
        if all(etat.get(k) == v for k, v in attendu.items()):
            return model_id
    raise AssertionError(f"aucun widget {attendu}")


async def _attendre_retour(visiteur: VisiteurVoila, retour: str) -> str:
    """Wait for the feedback widget's next value (the kernel's answer to the click)."""
    fin = time.monotonic() + visiteur.delai
    while True:
        message = await visiteur.recevoir(fin)
        contenu = message.get("content", {})
        donnees = contenu.get("data", {})
        if message["header"]["msg_type"] == "comm_msg" and donnees.get("method") == "update":
            etat = visiteur.etats.setdefault(contenu["comm_id"], {"state": {}})["state"]
            etat.update(donnees.get("state", {}))
            if contenu["comm_id"] == retour and donnees.get("state", {}).get("value"):
                return donnees["state"]["value"]


async def _repondre(visiteur: VisiteurVoila, texte: str) -> str:
    champ = visiteur.modele("atelier-reponse")
    bouton = _modele(visiteur, _model_name="ButtonModel", description="Vérifier")
    retour = visiteur.modele("atelier-retour")
    await visiteur.envoyer(
        "comm_msg",
        {"comm_id": champ, "data": {"method": "update", "state": {"value": texte}}},
    )
    await visiteur.envoyer(
        "comm_msg",
        {"comm_id": bouton, "data": {"method": "custom", "content": {"event": "click"}}},
    )
    visiteur.etats[retour]["state"]["value"] = ""
    return await _attendre_retour(visiteur, retour)


def test_a_student_in_exam_never_receives_the_solution_over_the_websocket(tmp_path):
    classe = tmp_path / "classe"
    d = _devoir(datetime.now(PARIS) + timedelta(hours=1))
    enregistrer_devoir(d, classe / "devoirs")
    apps = tmp_path / "apps"
    apps.mkdir()
    ecrire_app(
        apps, "examen.ipynb", "from widgets.ui.devoir import FeuilleDevoir\n\nFeuilleDevoir()"
    )
    v = exercice_par_code(CODE).variante(ETUDIANT, d.graine)
    secrets = [
        markdown_en_html(v.solution),
        markdown_en_html(v.controle.reponse_attendue()),
        v.controle.reponse_attendue().replace("*", "").split("=")[-1].strip(),
        *v.indices,
    ]

    async def scenario(base: str):
        eleve = VisiteurVoila(base, delai=90)
        try:
            await eleve.ouvrir("examen.ipynb")
            # the "Indice" button may exist in the kernel but is in no displayed box
            indices = {
                f"IPY_MODEL_{i}"
                for i, e in eleve.etats.items()
                if e["state"].get("description") == "Indice"
            }
            sans_indice = not any(
                indices & set(e["state"].get("children", ())) for e in eleve.etats.values()
            )
            retours = [await _repondre(eleve, str(n)) for n in (1, 2, 3)]
            # the teacher ends the exam now (same file, earlier end)
            enregistrer_devoir(
                _devoir(datetime.now(PARIS) - timedelta(seconds=1)), classe / "devoirs"
            )
            refus = await _repondre(eleve, "4")
            await eleve.demander_etats()  # what a reloaded view would receive
            return sans_indice, retours, refus, eleve.page, list(eleve.messages)
        finally:
            await eleve.fermer()

    with serveur_pret(
        tmp_path,
        apps,
        delai=150,
        env={"ATELIER_CLASSE": str(classe), "ATELIER_ETUDIANT": ETUDIANT},
        taille_pool={"examen.ipynb": 1},
        max_noyaux_defaut=2,
    ) as serveur:
        sans_indice, retours, refus, page, messages = executer(scenario(serveur.base))
        donnees = serveur.donnees

    assert sans_indice
    for n, retour in enumerate(retours, 1):
        assert f"Réponse enregistrée (réponse n° {n}, la dernière compte)." in retour
    assert "est terminé depuis" in refus and "pas enregistrée" in refus
    recu = page + "\n".join(json.dumps(m, ensure_ascii=False) for m in messages)
    # the scan does see this student's variant (its statement, seed of the devoir)...
    assert json.dumps(markdown_en_html(v.enonce), ensure_ascii=False)[1:-1] in recu
    for secret in secrets:  # ... and never the solution, the expected answer or a hint
        assert secret not in recu, secret
    tentatives = Progression(donnees / "progression.sqlite").tentatives(ETUDIANT, CODE)
    assert [(t["correct"], t["graine"]) for t in tentatives] == [(0, d.graine)] * 3
