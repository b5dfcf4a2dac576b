"""Issue 25 on the teacher's pages (tornado on the loopback, as the server registers them): the
teacher's exercise files are offered in the devoirs page like built-in ones, a refused file is
listed with its French error and line (never offered), and the cockpit shows the Moodle marks
imported into the class folder next to the atelier's own."""

from __future__ import annotations

import re
from pathlib import Path

import tornado.web
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from benchmarks.visiteur_voila import executer
from widgets.cli import main
from widgets.tableaux_de_bord.acces import CLE_REGLAGES, COOKIE_ENSEIGNANT, ouvrir_session
from widgets.tableaux_de_bord.configuration import ConfigTableauxDeBord
from widgets.tableaux_de_bord.enseignant import ROUTES_ENSEIGNANT
from widgets.tableaux_de_bord.enseignant_devoirs import HANDLERS_DEVOIRS

SECRET = "secret-de-test"
RACINE = Path(__file__).resolve().parents[1]
DOC = (RACINE / "docs" / "exercices_enseignant.md").read_text(encoding="utf-8")
QCM = next(b for b in re.findall(r"```toml\n(.*?)```", DOC, re.S) if "taux-de-marque-qcm" in b)


async def _pages(dossier_classe: Path, chemins: list[str]) -> list[tuple[int, str]]:
    appli = tornado.web.Application(
        [*HANDLERS_DEVOIRS, *ROUTES_ENSEIGNANT],
        cookie_secret=SECRET,
        xsrf_cookies=True,
        base_url="/",
        **{CLE_REGLAGES: ConfigTableauxDeBord(dossier_classe=str(dossier_classe))},
    )
    sock, port = bind_unused_port()
    serveur = HTTPServer(appli)
    serveur.add_sockets([sock])
    valeur = tornado.web.create_signed_value(SECRET, COOKIE_ENSEIGNANT, ouvrir_session())
    cookie = f"{COOKIE_ENSEIGNANT}={valeur.decode()}"
    try:
        sorties = []
        for chemin in chemins:
            r = await AsyncHTTPClient().fetch(
                f"http://127.0.0.1:{port}{chemin}", headers={"Cookie": cookie}, raise_error=False
            )
            sorties.append((r.code, (r.body or b"").decode("utf-8")))
        return sorties
    finally:
        serveur.stop()
        await serveur.close_all_connections()


def test_les_pages_de_l_enseignant_montrent_ses_exercices_et_les_notes_moodle(
    tmp_path, monkeypatch
):
    classe = tmp_path / "classe"
    (classe / "exercices").mkdir(parents=True)
    monkeypatch.setenv("ATELIER_CLASSE", str(classe))  # as the server sets it at start
    (classe / "exercices" / "qcm.toml").write_text(QCM, encoding="utf-8")
    (classe / "exercices" / "casse.toml").write_text(
        QCM.replace('code = "taux-de-marque-qcm"', 'code = "<script>x</script>"'), encoding="utf-8"
    )
    notes = tmp_path / "carnet.csv"
    notes.write_text("Prénom;Nom;Test:Marges (Réel)\nLéa;Martin;13,5\n", encoding="utf-8")
    assert main(["moodle", "notes", str(notes)]) == 0
    (code_devoirs, devoirs), (code_cockpit, cockpit) = executer(
        _pages(classe, ["/enseignant/devoirs", "/enseignant?unite=relation_client"])
    )
    assert code_devoirs == 200 and code_cockpit == 200
    assert "value='relation_client/taux-de-marque-qcm'" in devoirs
    assert "Reconnaître le taux de marque" in devoirs
    assert "atelier-exercices-refuses" in devoirs
    assert "casse.toml, ligne 1 : le code s&#x27;écrit en minuscules" in devoirs
    assert "<script>x" not in devoirs
    assert "<h2>Notes Moodle</h2>" in cockpit
    assert "<td>Martin</td><td>Léa</td><td>13,5</td>" in cockpit
