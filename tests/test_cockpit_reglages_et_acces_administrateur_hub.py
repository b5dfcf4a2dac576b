"""The cockpit's settings reach the kernels, and the teacher pages open to a JupyterHub admin's
token (a stand-in for the hub API: no hub is started), not to another hub user's."""

from __future__ import annotations

import pytest
import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from benchmarks.visiteur_voila import executer
from widgets.tableaux_de_bord.acces import PageEnseignant
from widgets.tableaux_de_bord.configuration import ConfigTableauxDeBord
from widgets.tableaux_de_bord.enseignant import ROUTES_ENSEIGNANT


def test_the_class_folder_is_passed_to_every_kernel(tmp_path):
    apps = tmp_path / "apps"
    apps.mkdir()
    (apps / "facture.ipynb").write_text("{}", encoding="utf-8")
    sans = ConfigTableauxDeBord(dossier_apps=str(apps)).vers_config_voila()
    pools = sans.VoilaKernelManager.kernel_pools_config
    assert "ATELIER_CLASSE" not in pools["facture.ipynb"]["kernel_env_variables"]
    reglages = ConfigTableauxDeBord(dossier_apps=str(apps), dossier_classe=str(tmp_path / "c"))
    pools = reglages.vers_config_voila().VoilaKernelManager.kernel_pools_config
    assert pools["facture.ipynb"]["kernel_env_variables"] == {
        "ATELIER_APP": "facture.ipynb",
        "ATELIER_CLASSE": str(tmp_path / "c"),
    }
    assert pools["default"]["kernel_env_variables"] == {"ATELIER_CLASSE": str(tmp_path / "c")}


class FauxHub:
    """What ``HubAuth.get_user`` answers for the token of the request."""

    async def get_user(self, handler, *, sync=True):
        jeton = handler.request.headers.get("Authorization", "").removeprefix("token ")
        return {
            "jeton-admin": {"name": "prof", "admin": True},
            "jeton-role": {"name": "prof2", "admin": False, "roles": ["user", "admin"]},
            "jeton-eleve": {"name": "lea", "admin": False, "roles": ["user"]},
        }.get(jeton)


class PageDevoirs(PageEnseignant):
    """What another branch's pages do: subclass PageEnseignant, nothing else for access."""

    api = True

    def get(self) -> None:
        self.finish("devoirs")


@pytest.fixture
def application(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_URL", "http://127.0.0.1:1/hub/api")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "jeton-du-service")
    reglages = ConfigTableauxDeBord(dossier_classe=str(tmp_path / "classe"))
    return tornado.web.Application(
        [*ROUTES_ENSEIGNANT, (r"/enseignant/devoirs", PageDevoirs)],
        cookie_secret="secret-de-test",
        base_url="/",
        atelier_reglages=reglages,
        atelier_carnets=["exercice.ipynb"],
        atelier_hub_auth=FauxHub(),
    )


async def _reponses(application, requetes: list[tuple[str, str | None]]) -> list:
    """Serve ``application`` on a free port and GET each (path, hub token)."""
    from tornado.httpserver import HTTPServer
    from tornado.testing import bind_unused_port

    prise, port = bind_unused_port()
    serveur = HTTPServer(application)
    serveur.add_sockets([prise])
    try:
        reponses = []
        for chemin, jeton in requetes:
            entetes = {"Authorization": f"token {jeton}"} if jeton else {}
            requete = HTTPRequest(
                f"http://127.0.0.1:{port}{chemin}", headers=entetes, follow_redirects=False
            )
            reponses.append(await AsyncHTTPClient().fetch(requete, raise_error=False))
        return reponses
    finally:
        serveur.stop()


def test_a_hub_admin_token_opens_the_cockpit_and_a_student_token_does_not(application):
    admin, role, eleve, eleve_api, devoirs_eleve, devoirs_anonyme, devoirs = executer(
        _reponses(
            application,
            [
                ("/enseignant", "jeton-admin"),
                ("/enseignant/carte.json", "jeton-role"),
                ("/enseignant", "jeton-eleve"),
                ("/enseignant/carte.json", "jeton-eleve"),
                ("/enseignant/devoirs", "jeton-eleve"),
                ("/enseignant/devoirs", None),
                ("/enseignant/devoirs", "jeton-admin"),
            ],
        )
    )
    assert admin.code == 200
    assert "Cockpit de la classe" in admin.body.decode()
    assert "Pas encore de liste" in admin.body.decode()
    assert role.code == 200
    assert eleve.code == 302
    assert eleve.headers["Location"] == "/enseignant/connexion?suivant=%2Fenseignant"
    assert eleve_api.code == 403 and devoirs_eleve.code == 403 and devoirs_anonyme.code == 403
    assert (devoirs.code, devoirs.body) == (200, b"devoirs")


def test_without_a_password_setting_the_login_says_how_to_open_it(application):
    (reponse,) = executer(_reponses(application, [("/enseignant/connexion", None)]))
    texte = reponse.body.decode()
    assert reponse.code == 200
    assert "La connexion par mot de passe n'est pas ouverte sur ce serveur" in texte
    assert 'name="mot_de_passe"' not in texte
