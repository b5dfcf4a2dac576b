"""Grids of open work (criteria × levels × points) computed by hand, and the teacher's devoirs
pages over HTTP (tornado server on the loopback, with the cockpit's pages): refused without the
teacher's signed cookie, compose a devoir, print the class, fill a grid, read the note out of
20 — the class being the ONE list imported on the cockpit."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from urllib.parse import urlencode

import pytest
import tornado.web
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from benchmarks.visiteur_voila import executer
from widgets.calculs.grille import GRILLES_EVALUATION, evaluer, grille, grille_par_code
from widgets.donnees.chemins import dossier_classe
from widgets.donnees.classe import Classe
from widgets.donnees.devoirs import (
    charger_devoir,
    devoir,
    dossier_devoirs,
    enregistrer_devoir,
    enregistrer_evaluation,
    evaluations,
    questions_a_vous,
)
from widgets.erreurs import ErreurAtelier
from widgets.exercices.devoirs import noter_eleve, sujets_html
from widgets.tableaux_de_bord.acces import CLE_REGLAGES, COOKIE_ENSEIGNANT, ouvrir_session
from widgets.tableaux_de_bord.configuration import ConfigTableauxDeBord
from widgets.tableaux_de_bord.enseignant import ROUTES_ENSEIGNANT
from widgets.tableaux_de_bord.enseignant_devoirs import HANDLERS_DEVOIRS

SECRET = "secret-de-test"
CHOIX = {
    "Prise de contact": "Satisfaisant",  # 1,5
    "Découverte": "Très satisfaisant",  # 4
    "Argumentation CAP": "Insuffisant",  # 1,5
    "Traitement des objections": "Satisfaisant",  # 3
    "Conclusion et suivi": "Non traité",  # 0
}


def test_a_filled_grid_adds_the_chosen_levels():
    g = grille_par_code("plan-de-vente")
    resultat = evaluer(g, CHOIX)
    assert (resultat.total, resultat.maximum, resultat.sur_20) == (D(10), D(20), D("10.00"))
    assert resultat.lignes[1] == ("Découverte", "Très satisfaisant", D(4))
    assert {code: g.maximum for code, g in GRILLES_EVALUATION.items()} == {
        "plan-de-vente": 20,
        "plan-action": 20,
        "a-vous": 10,
    }
    a_vous = evaluer(
        grille_par_code("a-vous"),
        {
            "Pertinence": "Satisfaisant",
            "Appui sur les chiffres": "Insuffisant",
            "Justification": "Très satisfaisant",
        },
    )  # 3 + 1 + 2 = 6 / 10 → 12 / 20
    assert (a_vous.total, a_vous.sur_20) == (D(6), D("12.00"))
    assert grille.__name__ and g == type(g).depuis_dict(g.vers_dict())


@pytest.mark.parametrize(
    ("choix", "morceau"),
    [
        (
            {k: v for k, v in CHOIX.items() if k != "Découverte"},
            "Critère non noté : « Découverte »",
        ),
        ({}, "Critères non notés"),
        (CHOIX | {"Découverte": "Parfait"}, "n'a pas de niveau « Parfait »"),
        (CHOIX | {"Politesse": "Satisfaisant"}, "pas de critère « Politesse »"),
    ],
)
def test_a_badly_filled_grid_is_refused_in_french(choix, morceau):
    with pytest.raises(ErreurAtelier, match=morceau):
        evaluer(grille_par_code("plan-de-vente"), choix)


@pytest.mark.parametrize(
    ("criteres", "morceau"),
    [
        ([], "aucun critère"),
        ([("Clarté", [("Bien", 2)])], "au moins deux niveaux"),
        ([("Clarté", [("Bien", 2), ("Bien", 3)])], "figure deux fois"),
        ([("Clarté", [("Non", 0), ("Oui", -1)])], "positif ou nul"),
        ([("Clarté", [("Non", 0), ("Oui", 0)])], "ne rapporte aucun point"),
        ([("A", [("Non", 0), ("Oui", 1)]), ("A", [("Non", 0), ("Oui", 1)])], "figure deux fois"),
    ],
)
def test_a_bad_grid_is_refused_in_french(criteres, morceau):
    with pytest.raises(ErreurAtelier, match=morceau):
        grille("essai", "Essai", criteres)


# ------------------------------------------------------------------------------ HTTP pages
NET = "relation_client/net-a-payer-1"
LISTE = "nom;prénom;groupe\nMartin;Léa;A\nDurand;Tom;B\n"


def _appli(dossier_classe: str = "") -> tornado.web.Application:
    """The devoirs pages with the cockpit's, as the server registers them."""
    reglages = ConfigTableauxDeBord(dossier_classe=dossier_classe)
    return tornado.web.Application(
        [*HANDLERS_DEVOIRS, *ROUTES_ENSEIGNANT],
        cookie_secret=SECRET,
        xsrf_cookies=True,
        base_url="/",
        **{CLE_REGLAGES: reglages},
    )


def _cookie_enseignant() -> str:
    valeur = tornado.web.create_signed_value(SECRET, COOKIE_ENSEIGNANT, ouvrir_session())
    return f"{COOKIE_ENSEIGNANT}={valeur.decode()}"


async def _visite(scenario, dossier_classe: str = ""):
    sock, port = bind_unused_port()
    serveur = HTTPServer(_appli(dossier_classe))
    serveur.add_sockets([sock])
    client = AsyncHTTPClient()

    async def requete(chemin, methode="GET", corps=None, cookie="", entetes=None):
        tetes = {"Cookie": cookie, **(entetes or {})}
        reponse = await client.fetch(
            f"http://127.0.0.1:{port}{chemin}",
            method=methode,
            body=corps,
            headers=tetes,
            follow_redirects=False,
            raise_error=False,
        )
        return reponse.code, (reponse.body or b"").decode("utf-8")

    try:
        return await scenario(requete)
    finally:
        serveur.stop()
        await serveur.close_all_connections()


def _champs(choix):
    """The grid form's fields: one radio group per criterion, ``critere-<rank>``."""
    noms = [c.nom for c in grille_par_code("plan-de-vente").criteres]
    return [(f"critere-{noms.index(nom)}", niveau) for nom, niveau in choix.items()]


def _formulaire(champs, xsrf):
    return urlencode([("_xsrf", xsrf), *champs])


async def _importer(requete, xsrf, cookie, liste=LISTE):
    """The cockpit's import (``/enseignant/classe``, multipart file): the only class list."""
    limite = "----atelier"
    corps = (
        f'--{limite}\r\nContent-Disposition: form-data; name="_xsrf"\r\n\r\n{xsrf}\r\n'
        f'--{limite}\r\nContent-Disposition: form-data; name="fichier"; '
        f'filename="liste.csv"\r\nContent-Type: text/csv\r\n\r\n{liste}\r\n--{limite}--\r\n'
    ).encode()
    tetes = {"Content-Type": f"multipart/form-data; boundary={limite}"}
    return await requete("/enseignant/classe", "POST", corps, cookie, tetes)


def test_a_student_is_refused_every_teacher_page():
    enregistrer_devoir(devoir("Contrôle", [("relation_client/net-a-payer-1", 2)]))

    async def scenario(requete):
        xsrf = "0123456789abcdef0123456789abcdef"  # a forged but well-formed token
        cookie = f"_xsrf={xsrf}"
        codes = [
            await requete("/enseignant/devoirs"),
            await requete("/enseignant/devoirs/controle/corriges"),
            await requete("/enseignant/devoirs/controle/notes"),
            await requete("/enseignant/devoirs", cookie=f"{COOKIE_ENSEIGNANT}=Mme Leroy"),
            await requete(
                "/enseignant/devoirs",
                "POST",
                _formulaire(
                    [
                        ("titre", "Pirate"),
                        ("code", "relation_client/net-a-payer-1"),
                        ("points:relation_client/net-a-payer-1", "2"),
                    ],
                    xsrf,
                ),
                cookie=cookie,
            ),
            await requete(
                "/enseignant/devoirs/controle/supprimer", "POST", _formulaire([], xsrf), cookie
            ),
        ]
        return codes

    reponses = executer(_visite(scenario))  # own thread: a browser test may hold this loop
    # Pages read by a browser go to the teacher's login page; forms posted are refused.
    assert [code for code, _ in reponses] == [302] * 4 + [403] * 2
    assert all("Accès réservé à l'enseignant" in page for _, page in reponses[4:])
    # nothing written, nothing removed
    assert [p.name for p in dossier_devoirs().glob("*.json")] == ["controle.json"]


def test_the_teacher_composes_prints_fills_a_grid_and_reads_the_notes():
    async def scenario(requete):
        prof = _cookie_enseignant()
        code, page = await requete("/enseignant/devoirs", cookie=prof)
        assert code == 200, page
        assert "relation_client/net-a-payer-1" in page and "finance" in page
        assert "grille:plan-de-vente" in page
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
        cookie = f"{prof}; _xsrf={xsrf}"
        champs = [
            ("titre", "Contrôle prix"),
            ("mode", "examen"),
            ("debut", "2026-12-01T10:00"),
            ("fin", "2026-12-01T09:00"),
            ("code", "relation_client/net-a-payer-1"),
            ("points:relation_client/net-a-payer-1", "4"),
            ("code", "grille:plan-de-vente"),
            ("points:grille:plan-de-vente", "6"),
            ("code", "grille:a-vous:gestion-clientele-07-19"),
            ("points:grille:a-vous:gestion-clientele-07-19", "2"),
        ]
        code, page = await requete("/enseignant/devoirs", "POST", _formulaire(champs, xsrf), cookie)
        assert code == 400 and "La fin du devoir doit venir après son début" in page
        champs[3] = ("fin", "2026-12-01T12:00")
        code, _ = await requete("/enseignant/devoirs", "POST", _formulaire(champs, xsrf), cookie)
        assert code == 303
        d = charger_devoir("controle-prix")
        assert [(i.code, i.points) for i in d.items] == [
            ("relation_client/net-a-payer-1", 4),
            ("grille:plan-de-vente", 6),
            ("grille:a-vous:gestion-clientele-07-19", 2),
        ]
        # no class list yet: printing says where to import it
        code, page = await requete("/enseignant/devoirs/controle-prix/sujets", cookie=prof)
        assert code == 400 and "Aucune liste de classe : importez-la sur le cockpit" in page
        # the class list imported on the cockpit (multipart), then the whole class printed
        code, _ = await _importer(requete, xsrf, cookie)
        assert code == 200
        code, sujets = await requete("/enseignant/devoirs/controle-prix/sujets", cookie=prof)
        assert code == 200 and sujets.count("<section class='copie'>") == 2
        code, corriges = await requete("/enseignant/devoirs/controle-prix/corriges", cookie=prof)
        assert code == 200 and "Réponse attendue" in corriges
        # the grid of Léa's plan de vente
        url = "/enseignant/devoirs/controle-prix/grille/plan-de-vente?etudiant=Martin%20L%C3%A9a"
        code, page = await requete(url, cookie=prof)
        assert code == 200 and "Très satisfaisant (4 pts)" in page
        incomplet = {k: v for k, v in CHOIX.items() if k != "Découverte"}
        code, page = await requete(url, "POST", _formulaire(_champs(incomplet), xsrf), cookie)
        assert code == 400 and "Critère non noté : « Découverte »" in page
        code, page = await requete(
            url,
            "POST",
            _formulaire([*_champs(CHOIX), ("commentaire", "Bonne découverte")], xsrf),
            cookie,
        )
        assert code == 200 and "Grille enregistrée : 10 sur 20 pts." in page
        code, page = await requete(
            "/enseignant/devoirs/controle-prix/grille/a-vous:gestion-clientele-07-19"
            "?etudiant=Tom%20Durand",
            cookie=prof,
        )
        assert code == 200 and "quel segment est le plus homogène" in page
        code, notes = await requete("/enseignant/devoirs/controle-prix/notes", cookie=prof)
        # removing the devoir: the student's sheet no longer lists it
        retrait = await requete(
            "/enseignant/devoirs/controle-prix/supprimer", "POST", _formulaire([], xsrf), cookie
        )
        assert retrait[0] == 303 and not list(dossier_devoirs().glob("*.json"))
        return code, notes

    code, notes = executer(_visite(scenario))  # own thread: a browser test may hold this loop
    assert code == 200
    # Léa: no attempt (0 / 4) + grid 10/20 of 6 pts = 3 + « À vous » not marked (0 / 2)
    # → 3 / 12 → 5,00 / 20 ; Tom: 0
    ligne_lea = re.search(r"<tr><td>Martin Léa</td>(.*?)</tr>", notes).group(1)
    assert "<b>5,00</b>" in ligne_lea and ">3,00<" in ligne_lea
    assert ligne_lea.count("remplir la grille") == 1
    assert "<b>0,00</b>" in re.search(r"<tr><td>Durand Tom</td>(.*?)</tr>", notes).group(1)
    assert evaluations("controle-prix")["plan-de-vente"]["martin lea"]["commentaire"] == (
        "Bonne découverte"
    )


def test_the_devoirs_pages_and_the_cockpit_see_the_students_of_one_imported_list(tmp_path):
    """One import on /enseignant: the cockpit's heatmap, the devoirs' sujets and notes list
    the same students, under the identity of their code login, from one file."""
    cockpit = tmp_path / "classe_du_serveur"  # the server's setting (dossier_classe)
    d = devoir("Entraînement", [(NET, 4)], graine=7)  # no window: always in progress
    enregistrer_devoir(d)

    async def scenario(requete):
        prof = _cookie_enseignant()
        code, page = await requete("/enseignant/devoirs", cookie=prof)
        assert code == 200 and "Aucune liste de classe (<a href='/enseignant'>importer" in page
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
        cookie = f"{prof}; _xsrf={xsrf}"
        assert (await _importer(requete, xsrf, cookie))[0] == 200
        # Léa, logged in with her code, succeeds at the exercise with the devoir's seed
        Classe(cockpit).progression("Martin Léa").enregistrer_tentative(
            "Martin Léa", "relation_client", NET, "12,50", True, 1.0, "Juste", graine=7
        )
        chemins = [
            "/enseignant/devoirs",
            f"/enseignant/carte.json?unite=relation_client&exercices={NET}",
            f"/enseignant/devoirs/{d.identifiant}/sujets",
            f"/enseignant/devoirs/{d.identifiant}/notes",
        ]
        pages = [await requete(c, cookie=prof) for c in chemins]
        ancien_depot = await requete("/enseignant/devoirs/classe", "POST", "", cookie)
        return pages, ancien_depot

    pages, ancien_depot = executer(_visite(scenario, str(cockpit)))
    assert [code for code, _ in pages] == [200] * 4
    (_, devoirs), (_, carte), (_, sujets), (_, notes) = pages
    assert "Liste de classe : 2 étudiants, importée sur le cockpit" in devoirs
    carte = json.loads(carte)
    assert list(carte["eleves"]) == ["Martin Léa", "Durand Tom"]
    assert [carte["eleves"][e][NET]["statut"] for e in carte["eleves"]] == [
        "reussi",
        "pas_commence",
    ]
    assert re.findall(r"Étudiant : <b>(.*?)</b> — groupe (\w)", sujets) == [
        ("Martin Léa", "A"),
        ("Durand Tom", "B"),
    ]
    # Léa: 1,0 × 4 pts = 4 / 4 → 20,00 / 20 ; Tom: no attempt → 0,00
    assert re.findall(r"<tr><td>([^<]*)</td>.*?<b>([^<]*)</b></td></tr>", notes) == [
        ("Martin Léa", "20,00"),
        ("Durand Tom", "0,00"),
    ]
    # one file for the list (the cockpit's), no second list saved for the devoirs
    assert sorted(p.name for p in cockpit.iterdir()) == ["classe.json", "progression"]
    assert sorted(p.name for p in dossier_classe().iterdir()) == ["devoirs"]
    assert ancien_depot[0] == 404


def test_a_vous_questions_of_the_notebooks_are_marked_one_by_one():
    questions = {q.cle: q for q in questions_a_vous()}
    # guard: the scan finds the open questions of the notebooks, not the "## À vous" headings
    assert len(questions) >= 7
    q = questions["gestion-clientele-07-19"]
    assert q.carnet == "gestion_clientele/07_analyser_le_portefeuille.ipynb"
    assert q.texte.startswith("**À vous** : quel segment est le plus homogène")
    assert not any(q.carnet.startswith("relation_client/") for q in questions.values())
    d = devoir(
        "Analyse du portefeuille",
        [("grille:a-vous:gestion-clientele-07-19", 4), ("grille:a-vous:gestion-clientele-08-5", 6)],
    )
    assert [i.grille for i in d.items] == ["a-vous", "a-vous"]
    sujets = sujets_html(d, ["Martin Léa"])
    assert "quel segment est le plus homogène" in sujets
    enregistrer_evaluation(
        d.identifiant,
        "a-vous:gestion-clientele-07-19",
        "martin lea",
        {
            "Pertinence": "Très satisfaisant",
            "Appui sur les chiffres": "Satisfaisant",
            "Justification": "Insuffisant",
        },
    )  # 4 + 3 + 0,5 = 7,5 / 10 → 3 of 4 pts ; the other question not marked: 0 of 6
    note = noter_eleve(d, "Martin Léa", [], evaluations(d.identifiant))
    assert (note.obtenus, note.sur_20) == (D(3), D(6))
    with pytest.raises(ErreurAtelier, match="grille:<grille>"):
        devoir("Faux", [("grille:a-vous:Question 1", 2)])
