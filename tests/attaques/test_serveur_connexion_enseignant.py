"""The teacher's login under attack (issue 26, item 5; journal hygiene, item 8).

A flood of wrong passwords is slowed (HTTP 429, French message, Retry-After) per address and
for the whole server, the hash is checked off the event loop (a student page still answers in
less than a second), the session is revoked on logout (a replayed cookie opens nothing), the
cookie is ``Secure`` behind TLS, teacher pages cannot be framed, and the journal never holds a
token nor a raw control character.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from html import unescape
from urllib.parse import urlparse

import pytest
from outils.client_serveur import MOT_DE_PASSE, Client
from outils.serveurs import DOSSIER_APPS_ESSAI, serveur_pret

from widgets.tableaux_de_bord.acces import Freins

pytestmark = pytest.mark.timeout(240)


def test_failures_are_free_five_times_then_the_wait_doubles_and_a_success_forgets_them():
    maintenant = [1000.0]
    freins = Freins(par_adresse=5, global_par_minute=20, horloge=lambda: maintenant[0])
    for _ in range(5):
        assert freins.attente("10.0.0.1") == 0
        freins.echec("10.0.0.1")
    assert freins.attente("10.0.0.1") == 1.0
    assert freins.attente("10.0.0.2") == 0  # another address is not slowed
    maintenant[0] += 1
    freins.echec("10.0.0.1")
    assert freins.attente("10.0.0.1") == 2.0
    freins.succes("10.0.0.1")
    assert freins.attente("10.0.0.1") == 0


def test_twenty_failures_in_a_minute_close_the_login_for_every_address_for_a_minute():
    maintenant = [0.0]
    freins = Freins(par_adresse=1000, global_par_minute=20, horloge=lambda: maintenant[0])
    for i in range(20):
        maintenant[0] = i  # one failure per second from 20 addresses
        freins.echec(f"10.0.1.{i}")
    # now t=19; the first failure (t=0) leaves the one-minute window at t=60
    assert freins.attente("10.9.9.9") == 41.0
    maintenant[0] = 60.5
    assert freins.attente("10.9.9.9") == 0


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    from jupyter_server.auth import passwd

    with serveur_pret(
        tmp_path_factory.mktemp("connexion"),
        DOSSIER_APPS_ESSAI,
        taille_pool={"prix_ttc.ipynb": 0, "en_panne.ipynb": 0, "visites.ipynb": 0},
        mot_de_passe_enseignant=passwd(MOT_DE_PASSE),
    ) as serveur:
        yield serveur


def test_teacher_pages_cannot_be_framed_and_carry_a_content_security_policy(serveur):
    prof = Client(serveur.base)
    statut, entetes, _ = prof.requete("GET", "/enseignant/connexion")
    assert statut == 200
    assert entetes["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in entetes["Content-Security-Policy"]
    assert prof.connecter()[0] == 302
    statut, entetes, _ = prof.requete("GET", "/enseignant")
    assert statut == 200
    assert entetes["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in entetes["Content-Security-Policy"]


def test_the_cookie_is_secure_only_behind_tls(serveur):
    statut, entetes, _ = Client(serveur.base).connecter(entetes={"X-Forwarded-Proto": "https"})
    assert statut == 302
    cookie = next(c for c in entetes.get_all("Set-Cookie") if c.startswith("atelier_enseignant="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    statut, entetes, _ = Client(serveur.base).connecter()
    cookie = next(c for c in entetes.get_all("Set-Cookie") if c.startswith("atelier_enseignant="))
    assert "Secure" not in cookie


def test_logout_revokes_the_session_and_a_replayed_cookie_is_refused(serveur):
    prof = Client(serveur.base)
    assert prof.connecter()[0] == 302
    vole = dict(prof.cookies)
    assert prof.requete("GET", "/enseignant/carte.json")[0] == 200
    assert prof.requete("POST", "/enseignant/deconnexion", {})[0] == 302
    rejoue = Client(serveur.base)
    rejoue.cookies = vole
    statut, _, corps = rejoue.requete("GET", "/enseignant/carte.json")
    assert (statut, corps) == (
        403,
        "Accès réservé à l'enseignant : connectez-vous sur la page /enseignant.",
    )


def test_tokens_and_control_characters_never_reach_the_journal(serveur):
    Client(serveur.base).requete("GET", "/enseignant/carte.json?token=SECRET-HUB-123")
    rapport = {"carnet": "x\x1b[2J\nFAUX 2026 ERROR injecté", "cause": "\u202edrow", "noyau": "1"}
    connexion = http.client.HTTPConnection(*urlparse(serveur.base).netloc.split(":"))
    connexion.request("POST", "/atelier/page-vide", body=json.dumps(rapport))
    assert connexion.getresponse().status == 204
    connexion.close()
    time.sleep(0.3)
    journal = serveur.journal.read_text(encoding="utf-8")
    assert "SECRET-HUB-123" not in journal
    assert "\x1b" not in journal and "\u202e" not in journal
    assert "x\\x1b[2J\\nFAUX 2026 ERROR injecté" in journal
    assert not re.search(r"^FAUX 2026", journal, re.M)


def test_a_login_flood_is_slowed_and_a_student_page_still_answers_within_a_second(serveur):
    statuts: list[int] = []
    messages: set[str] = set()
    fin = time.monotonic() + 4

    def attaquant() -> None:
        client = Client(serveur.base)
        while time.monotonic() < fin:
            statut, entetes, page = client.connecter("devine")
            statuts.append(statut)
            if statut == 429:
                assert int(entetes["Retry-After"]) >= 1
                messages.update(re.findall(r"Trop d'essais de mot de passe[^<]*", unescape(page)))

    fils = [threading.Thread(target=attaquant) for _ in range(6)]
    for fil in fils:
        fil.start()
    durees = []
    while any(f.is_alive() for f in fils):
        debut = time.perf_counter()
        statut, _, _ = Client(serveur.base).requete("GET", "/")
        durees.append(time.perf_counter() - debut)
        assert statut == 200
        time.sleep(0.2)
    for fil in fils:
        fil.join()
    assert max(durees) < 1, durees
    assert set(statuts) == {403, 429}
    assert statuts.count(403) <= 8  # 5 free failures, then 1 s, 2 s … between checks
    assert statuts.count(429) > 20
    assert any(
        re.fullmatch(
            r"Trop d'essais de mot de passe : patientez \d+ secondes? avant "
            r"de réessayer\.",
            m,
        )
        for m in messages
    ), messages
    # the right password is not even checked while the address is slowed
    statut, _, page = Client(serveur.base).connecter()
    assert statut == 429 and "Trop d'essais" in unescape(page)
    # the teacher at another address (as nginx reports it in X-Real-IP) still gets in
    statut, _, _ = Client(serveur.base).connecter(entetes={"X-Real-IP": "10.0.0.99"})
    assert statut == 302
