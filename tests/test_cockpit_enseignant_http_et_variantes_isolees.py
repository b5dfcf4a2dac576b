"""The teacher's pages over HTTP (refused without login, class import, live heatmap, marks, reset)
and, through the real websocket of a Voilà exercise page, a student who never receives a
classmate's variant: wrong code refused, name field forced from the page undone by the kernel.

One dashboards server (subprocess) on a one-cell app ``exercice(CODE)`` (no name given: the
identity comes from the class list).
"""

from __future__ import annotations

import csv
import http.cookiejar
import io
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest
from outils.serveurs import ecrire_app, serveur_pret

from benchmarks.visiteur_voila import VisiteurVoila, executer
from widgets.donnees.classe import MESSAGE_REFUS
from widgets.exercices import exercice_par_code
from widgets.exercices.markdown import markdown_en_html

pytestmark = pytest.mark.timeout(300)

CODE = "relation_client/interets-simples-1"
MOT_DE_PASSE = "prof-nrc-2026"
LISTE = "nom;prénom;groupe\nMartin;Léa;A\nDurand;Hugo;B\nPetit;Zoé;A\n"


@pytest.fixture(scope="module")
def serveur_classe(tmp_path_factory: pytest.TempPathFactory):
    from jupyter_server.auth import passwd

    dossier = tmp_path_factory.mktemp("serveur_classe")
    apps = dossier / "apps"
    apps.mkdir()
    ecrire_app(
        apps, "exercice.ipynb", f"from widgets.ui.exercice import exercice\nexercice({CODE!r})"
    )
    with serveur_pret(
        dossier,
        apps,
        delai=150,
        taille_pool={"exercice.ipynb": 1},
        max_noyaux_defaut=3,
        mot_de_passe_enseignant=passwd(MOT_DE_PASSE),
    ) as serveur:
        yield serveur


class _SansRedirection(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Navigateur:
    """A cookie-keeping HTTP client that does not follow redirects (status seen as is)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.ouvreur = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _SansRedirection()
        )

    def requete(self, chemin: str, donnees: dict | None = None) -> tuple[int, dict, bytes]:
        corps = urllib.parse.urlencode(donnees).encode() if donnees is not None else None
        try:
            with self.ouvreur.open(self.base + chemin, data=corps, timeout=60) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()

    def texte(self, chemin: str, donnees: dict | None = None) -> tuple[int, str]:
        statut, _, corps = self.requete(chemin, donnees)
        return statut, corps.decode("utf-8")

    @property
    def xsrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "_xsrf")

    def poster(self, chemin: str, donnees: dict) -> tuple[int, str]:
        if not any(c.name == "_xsrf" for c in self.cookies):
            self.texte("/enseignant/connexion")  # the form sets the _xsrf cookie
        return self.texte(chemin, {**donnees, "_xsrf": self.xsrf})


def _enseignant(serveur) -> Navigateur:
    prof = Navigateur(serveur.base)
    statut, _ = prof.poster(
        "/enseignant/connexion", {"mot_de_passe": MOT_DE_PASSE, "suivant": "/enseignant"}
    )
    assert statut == 302
    return prof


def _importer(prof: Navigateur) -> dict[str, str]:
    statut, page = prof.poster("/enseignant/classe", {"liste": LISTE})
    assert statut == 200, page
    assert "3 élèves importés" in page
    lignes = re.findall(r'<tr data-eleve="([^"]+)">.*?<code class="code">(\w+)</code>', page)
    return {eleve: code for eleve, code in lignes}


def test_the_teacher_pages_refuse_anyone_without_the_password(serveur_classe):
    visiteur = Navigateur(serveur_classe.base)
    statut, entetes, _ = visiteur.requete("/enseignant")
    assert statut == 302
    assert entetes["Location"] == "/enseignant/connexion?suivant=%2Fenseignant"
    for chemin in ("/enseignant/carte.json", "/enseignant/notes.xlsx", "/enseignant/notes.csv"):
        statut, corps = visiteur.texte(chemin)
        assert (statut, corps) == (
            403,
            "Accès réservé à l'enseignant : connectez-vous sur la page /enseignant.",
        )
    statut, corps = visiteur.poster("/enseignant/classe", {"liste": LISTE})
    assert statut == 403 and "réservé à l'enseignant" in corps
    statut, corps = visiteur.texte("/enseignant/classe", {"liste": LISTE})  # no _xsrf at all
    assert statut == 403
    statut, page = visiteur.poster("/enseignant/connexion", {"mot_de_passe": "devine"})
    assert statut == 403 and "Mot de passe incorrect." in page
    assert visiteur.requete("/enseignant/carte.json")[0] == 403
    # the open-redirect trap: after login, only a teacher page
    prof = Navigateur(serveur_classe.base)
    prof.texte("/enseignant/connexion")
    statut, entetes, _ = prof.requete(
        "/enseignant/connexion",
        {"mot_de_passe": MOT_DE_PASSE, "suivant": "https://ailleurs.example", "_xsrf": prof.xsrf},
    )
    assert statut == 302 and entetes["Location"] == "/enseignant"


def _chaines(objet: Any) -> list[str]:
    """Every string inside a JSON message (widget states, HTML values...)."""
    if isinstance(objet, str):
        return [objet]
    if isinstance(objet, dict):
        return [s for v in objet.values() for s in _chaines(v)]
    if isinstance(objet, list):
        return [s for v in objet for s in _chaines(v)]
    return []


def _suivre(visiteur: VisiteurVoila, message: dict) -> None:
    """Keep the widget states up to date (new widgets arrive by comm_open)."""
    contenu = message.get("content", {})
    donnees = contenu.get("data", {})
    if message["header"]["msg_type"] == "comm_open":
        visiteur.etats[contenu["comm_id"]] = {"state": dict(donnees.get("state", {}))}
    elif message["header"]["msg_type"] == "comm_msg" and donnees.get("method") == "update":
        etat = visiteur.etats.setdefault(contenu["comm_id"], {"state": {}})["state"]
        etat.update(donnees.get("state", {}))


async def _changer(visiteur: VisiteurVoila, modele: str, valeur: str) -> None:
    await visiteur.envoyer(
        "comm_msg",
        {
            "comm_id": modele,
            "data": {"method": "update", "state": {"value": valeur}, "buffer_paths": []},
        },
    )


async def _cliquer(visiteur: VisiteurVoila, modele: str) -> None:
    await visiteur.envoyer(
        "comm_msg",
        {"comm_id": modele, "data": {"method": "custom", "content": {"event": "click"}}},
    )


async def _attendre(visiteur: VisiteurVoila, classe_css: str, condition) -> str:
    """Read messages until the widget with ``classe_css`` has a value meeting ``condition``."""
    fin = time.monotonic() + 90
    while True:
        try:
            valeur = visiteur.valeur(classe_css)
            if condition(valeur):
                return valeur
        except Exception:  # the widget does not exist yet (comm_open still to come)
            pass
        _suivre(visiteur, await visiteur.recevoir(fin))


async def _attendre_repos(visiteur: VisiteurVoila) -> None:
    """Read (and track) messages until the kernel is idle again (the click fully handled)."""
    fin = time.monotonic() + 90
    while True:
        message = await visiteur.recevoir(fin)
        _suivre(visiteur, message)
        if message["header"]["msg_type"] == "status" and (
            message["content"].get("execution_state") == "idle"
        ):
            return


def _dernier(visiteur: VisiteurVoila, classe_css: str) -> str:
    """The most recently opened widget with ``classe_css`` (the fields of the new variant)."""
    ids = [
        model_id
        for model_id, modele in visiteur.etats.items()
        if classe_css in modele.get("state", {}).get("_dom_classes", ())
    ]
    return ids[-1]


def _bouton(visiteur: VisiteurVoila, libelle: str) -> str:
    for model_id, modele in visiteur.etats.items():
        etat = modele.get("state", {})
        if etat.get("_model_name") == "ButtonModel" and etat.get("description") == libelle:
            return model_id
    raise AssertionError(f"pas de bouton « {libelle} »")


async def _eleve_curieux(base: str, codes: dict[str, str], reponse: str) -> tuple[list, list]:
    """Léa tries Hugo's name with her code, Hugo's code with her name, then logs in as herself,
    forces the name field to Hugo's, and answers. Returns (feedbacks, every string received)."""
    lea = VisiteurVoila(base, delai=90)
    vus: list[str] = []
    try:
        await lea.ouvrir("exercice.ipynb")
        vus += [lea.page]
        nom, code = lea.modele("atelier-nom"), lea.modele("atelier-code")
        connexion = lea.modele("atelier-connexion")
        retours = []
        for essai_nom, essai_code in (
            ("Durand Hugo", codes["Martin Léa"]),
            ("Martin Léa", codes["Durand Hugo"]),
        ):
            await _changer(lea, nom, essai_nom)
            await _changer(lea, code, essai_code)
            await _cliquer(lea, connexion)
            retours.append(await _attendre(lea, "atelier-identite", lambda v: "incorrect" in v))
            lea.etats[lea.modele("atelier-identite")]["state"]["value"] = ""
        await _changer(lea, nom, "lea martin")
        await _changer(lea, code, codes["Martin Léa"])
        await _cliquer(lea, connexion)
        retours.append(await _attendre(lea, "atelier-identite", lambda v: "Connecté" in v))
        await _attendre_repos(lea)  # the new variant's fields are opened after the greeting
        await _changer(lea, nom, "Durand Hugo")  # a crafted page forcing a classmate's name
        retours.append(await _attendre(lea, "atelier-nom", lambda v: v == "Martin Léa"))
        await _changer(lea, _dernier(lea, "atelier-reponse"), reponse)
        await _cliquer(lea, _bouton(lea, "Vérifier"))
        retours.append(await _attendre(lea, "atelier-retour", lambda v: "Faux" in v))
        vus += [s for m in lea.messages for s in _chaines(m)]
        vus += [s for e in lea.etats.values() for s in _chaines(e)]
        return retours, vus
    finally:
        await lea.fermer()


def test_a_student_never_receives_a_classmate_s_variant_through_the_websocket(serveur_classe):
    prof = _enseignant(serveur_classe)
    codes = _importer(prof)
    assert list(codes) == ["Martin Léa", "Durand Hugo", "Petit Zoé"]
    exercice = exercice_par_code(CODE)
    lea, hugo = exercice.variante("Martin Léa"), exercice.variante("Durand Hugo")
    assert lea.enonce != hugo.enonce
    piege = str(lea.controle.pieges[0].valeur).replace(".", ",")

    retours, vus = executer(_eleve_curieux(serveur_classe.base, codes, piege))

    assert MESSAGE_REFUS in retours[0] and MESSAGE_REFUS in retours[1]
    assert "Connecté : Léa Martin — A" in retours[2]
    assert retours[3] == "Martin Léa"
    assert "convention erronée" in retours[4]
    # Léa's statement reached her (the check can see a statement)...
    assert markdown_en_html(lea.enonce) in vus
    # ...Hugo's never did, not even one of his figures that Léa's statement does not have
    assert not any(markdown_en_html(hugo.enonce) in s for s in vus)
    chiffres_hugo = set(re.findall(r"\*\*([^*]+)\*\*", hugo.enonce)) - set(
        re.findall(r"\*\*([^*]+)\*\*", lea.enonce)
    )
    assert chiffres_hugo
    assert not any(chiffre in s for chiffre in chiffres_hugo for s in vus)

    # the teacher sees it live: Léa « en cours » with the 360-day trap
    statut, brut = prof.texte(f"/enseignant/carte.json?unite=relation_client&exercices={CODE}")
    assert statut == 200
    carte = json.loads(brut)
    assert carte["exercices"] == [CODE]
    assert carte["eleves"]["Martin Léa"][CODE] == {"statut": "en_cours", "tentatives": 1}
    assert carte["eleves"]["Durand Hugo"][CODE] == {"statut": "pas_commence", "tentatives": 0}
    assert carte["pieges"] == {CODE: {"annee_civile": {"essais": 1, "eleves": ["Martin Léa"]}}}
    statut, page = prof.texte(f"/enseignant?unite=relation_client&exercices={CODE}")
    assert statut == 200 and 'data-piege="annee_civile"' in page and "1 essai" in page

    statut, entetes, corps = prof.requete(f"/enseignant/notes.csv?exercices={CODE}")
    assert statut == 200 and entetes["Content-Type"] == "text/csv; charset=UTF-8"
    assert list(csv.reader(io.StringIO(corps.decode("utf-8-sig")), delimiter=";")) == [
        ["Nom", "Prénom", "Note /20"],
        ["Martin", "Léa", "0,00"],
        ["Durand", "Hugo", "0,00"],
        ["Petit", "Zoé", "0,00"],
    ]

    # reset: a confirmation first, then one attempt erased
    statut, page = prof.poster("/enseignant/reinitialiser", {"eleve": "Martin Léa"})
    assert statut == 200 and "Effacer toute la progression de <b>Léa Martin</b>" in page
    assert json.loads(prof.texte("/enseignant/carte.json?unite=relation_client")[1])["pieges"]
    statut, page = prof.poster(
        "/enseignant/reinitialiser", {"eleve": "Martin Léa", "confirmer": "oui"}
    )
    assert statut == 200 and "Progression de Léa Martin remise à zéro (1 essai effacé)." in page
    carte = json.loads(prof.texte(f"/enseignant/carte.json?exercices={CODE}")[1])
    assert carte["eleves"]["Martin Léa"][CODE]["statut"] == "pas_commence"
    assert carte["pieges"] == {}
    assert list((serveur_classe.donnees / "classe" / "corbeille").glob("*.sqlite"))


def test_a_bad_class_list_is_refused_with_its_line_numbers(serveur_classe):
    prof = _enseignant(serveur_classe)
    statut, page = prof.poster("/enseignant/classe", {"liste": "nom;prénom\nMartin;\n"})
    assert statut == 400
    assert "Ligne 2 : le prénom manque." in page
    statut, page = prof.poster("/enseignant/seance", {"carnet": "exercice.ipynb", "eleves": "3"})
    assert statut == 200 and "Séance préparée" in page and "3 élèves" in page


def test_one_half_group_has_its_own_heatmap_and_marks(serveur_classe):
    prof = _enseignant(serveur_classe)
    _importer(prof)
    carte = json.loads(prof.texte(f"/enseignant/carte.json?exercices={CODE}&groupe=A")[1])
    assert list(carte["eleves"]) == ["Martin Léa", "Petit Zoé"]
    statut, _, corps = prof.requete(f"/enseignant/notes.csv?exercices={CODE}&groupe=B")
    assert statut == 200
    assert corps.decode("utf-8-sig") == "Nom;Prénom;Note /20\r\nDurand;Hugo;0,00\r\n"


def test_le_cockpit_nomme_les_savoirs_de_l_unite_avec_leur_titre(serveur_classe):
    """Issue 22: the cockpit reads the savoir titles from the project's referential."""
    import html

    prof = _enseignant(serveur_classe)
    statut, page = prof.texte("/enseignant?unite=finance")
    assert statut == 200
    page = html.unescape(page)
    assert "Savoirs travaillés :" in page
    # amortissement is S531 (issue 22); its title comes from widgets/donnees/referentiel
    assert "S531 L'estimation de l'effort commercial" in page
    assert "S512 Les règlements et le financement" in page
