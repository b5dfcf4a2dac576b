"""Malformed kernel websocket frames never freeze the dashboards server (issue 26, item 2).

jupyter_server trusts the offset table of a binary frame: an offset count of 10^18 (v1) or
2^31 - 1 (legacy) kept the event loop busy and the memory growing past 14 GB. The server now
refuses clients that do not offer the v1 subprotocol (HTTP 400 at the handshake) and closes
the socket (code 1003) on the first malformed binary frame; the class keeps being served.

The server under test runs with an address-space limit (its size + 3 GiB, Linux): a
regression fails the test with a dead server instead of freezing the machine.
"""

from __future__ import annotations

import asyncio
import json
import struct
import sys
import time
import urllib.request

import pytest
from outils.serveurs import DOSSIER_APPS_ESSAI, serveur_pret
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from benchmarks.visiteur_voila import PROTOCOLE_V1, VisiteurVoila, executer, trame_v1
from widgets.tableaux_de_bord.trames import trame_ancienne_valide, trame_v1_valide

pytestmark = pytest.mark.timeout(240)

PARTIES = [json.dumps(p).encode() for p in ({"msg_type": "comm_msg"}, {}, {}, {})]


def test_a_well_formed_v1_frame_is_accepted_and_every_forgery_refused():
    bonne = trame_v1("shell", PARTIES)
    assert trame_v1_valide(bonne)
    assert trame_v1_valide(trame_v1("shell", [*PARTIES, b"buffer binaire"]))
    enorme = (10**18).to_bytes(8, "little") + bonne[8:]
    assert not trame_v1_valide(enorme)
    assert not trame_v1_valide(bonne[:40])  # truncated inside the offset table
    assert not trame_v1_valide(bonne[:-3])  # last offset past the end
    assert not trame_v1_valide(b"")
    assert not trame_v1_valide(b"\xff" * 64)  # garbage
    assert not trame_v1_valide(trame_v1("shell", PARTIES[:2]))  # too few parts
    decroissante = bytearray(bonne)
    decroissante[8 * 3 : 8 * 4] = (60).to_bytes(8, "little")  # an offset going back
    assert not trame_v1_valide(bytes(decroissante))
    canal_invalide = trame_v1("shell", PARTIES).replace(b"shell", b"sh\xffll")
    assert not trame_v1_valide(canal_invalide)


def test_legacy_frames_are_checked_the_same_way():
    corps = b'{"header": {}}'
    bonne = struct.pack("!i", 1) + struct.pack("!I", 8) + corps
    assert trame_ancienne_valide(bonne)
    assert not trame_ancienne_valide(struct.pack("!i", 2**31 - 1) + b"\0" * 8)
    assert not trame_ancienne_valide(struct.pack("!i", -1) + b"\0" * 8)
    assert not trame_ancienne_valide(struct.pack("!iII", 2, 12, 99) + corps)  # past the end


def _limiter_la_memoire(pid: int) -> None:
    """Cap the server's address space (and its future kernels') to its size + 3 GiB."""
    if not sys.platform.startswith("linux"):
        return
    import resource

    with open(f"/proc/{pid}/status", encoding="ascii") as statut:
        ko = next(int(ligne.split()[1]) for ligne in statut if ligne.startswith("VmSize:"))
    limite = ko * 1024 + 3 * 1024**3
    resource.prlimit(pid, resource.RLIMIT_AS, (limite, limite))


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("trames")
    with serveur_pret(
        dossier,
        DOSSIER_APPS_ESSAI,
        taille_pool={"prix_ttc.ipynb": 2, "en_panne.ipynb": 0, "visites.ipynb": 0},
        max_noyaux_defaut=6,
    ) as serveur:
        _limiter_la_memoire(serveur.proc.pid)
        yield serveur


def _repond_vite(serveur) -> float:
    debut = time.perf_counter()
    with urllib.request.urlopen(serveur.base + "/atelier/etat.json", timeout=5) as reponse:
        assert reponse.status == 200
    return time.perf_counter() - debut


async def _envoyer_trame(serveur, trame: bytes | str) -> tuple[int | None, float]:
    """Open a page's kernel socket (v1), send ``trame``; (close code, seconds to close)."""
    visiteur = VisiteurVoila(serveur.base, delai=60)
    assert await visiteur.charger_page("prix_ttc.ipynb") == 200
    await visiteur.connecter()
    ws = visiteur.ws
    debut = time.perf_counter()
    await ws.write_message(trame, binary=isinstance(trame, bytes))
    while await asyncio.wait_for(ws.read_message(), 10) is not None:
        pass  # status messages sent before the close
    duree = time.perf_counter() - debut
    code = ws.close_code
    visiteur.ws = None
    await visiteur.fermer()
    return code, duree


@pytest.mark.parametrize(
    "nom, trame",
    [
        ("v1 avec 10^18 offsets", (10**18).to_bytes(8, "little") + b"\0" * 64),
        ("ancien format, 2^31 - 1 tampons", struct.pack("!i", 2**31 - 1) + b"\0" * 64),
        ("trame tronquée", trame_v1("shell", PARTIES)[:50]),
        ("octets au hasard", bytes(range(256)) * 4),
        ("texte JSON de l'ancien protocole", json.dumps({"channel": "shell", "header": {}})),
    ],
)
def test_a_malformed_frame_closes_that_socket_and_the_server_still_answers(serveur, nom, trame):
    code, duree = executer(_envoyer_trame(serveur, trame))
    assert code == 1003, nom
    assert duree < 2, nom
    assert _repond_vite(serveur) < 1, nom
    assert serveur.proc.poll() is None
    assert "Trame websocket mal formée" in serveur.journal.read_text(encoding="utf-8")


async def _sans_sous_protocole(serveur) -> int:
    visiteur = VisiteurVoila(serveur.base, delai=60)
    assert await visiteur.charger_page("prix_ttc.ipynb") == 200
    url = serveur.base.replace("http", "ws", 1)
    requete = HTTPRequest(
        f"{url}/api/kernels/{visiteur.kernel_id}/channels?session_id=x", request_timeout=10
    )
    try:
        await websocket_connect(requete)
    except HTTPClientError as erreur:
        return erreur.code
    finally:
        await visiteur.fermer()
    return 101


def test_a_client_without_the_v1_subprotocol_is_refused_at_the_handshake(serveur):
    assert executer(_sans_sous_protocole(serveur)) == 400
    assert _repond_vite(serveur) < 1
    assert f"protocole {PROTOCOLE_V1} non demandé" in serveur.journal.read_text(encoding="utf-8")


async def _eleve_honnete(serveur) -> object:
    visiteur = VisiteurVoila(serveur.base, delai=60)
    await visiteur.ouvrir("prix_ttc.ipynb")
    try:
        _, valeur = await visiteur.saisir("atelier-champ-prix_ht", "100")
    finally:
        await visiteur.fermer()
    return valeur


def test_after_the_attacks_a_student_speaking_v1_still_gets_her_result(serveur):
    assert "120,00" in str(executer(_eleve_honnete(serveur)))
