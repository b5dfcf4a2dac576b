"""A minimal dashboard visitor speaking the Jupyter widget protocol (what a browser does).

Used by the tests and by ``benchmarks/classroom.py`` to play a student without a browser:
fetch the page, open the kernel websocket, ask the widget states, change a widget's value
(``comm_msg`` update) and wait for the result widget to change. Plumbing only (tornado's
HTTP and websocket clients, already a dependency of Jupyter Server); nothing here is used by
the server itself.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import quote

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

#: The kernel websocket protocol Voilà's page speaks (the server refuses any other client).
PROTOCOLE_V1 = "v1.kernel.websocket.jupyter.org"

_CONFIG_PAGE = re.compile(
    r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>', re.S
)


class ErreurVisite(RuntimeError):
    """The server did not behave as a dashboard should (bad page, closed socket...)."""


def _entete(msg_type: str, session: str) -> dict[str, str]:
    return {
        "msg_id": uuid.uuid4().hex,
        "username": "eleve",
        "session": session,
        "msg_type": msg_type,
        "version": "5.3",
        "date": datetime.now().astimezone().isoformat(),
    }


def trame_v1(canal: str, parties: list[bytes]) -> bytes:
    """One binary frame of the v1 protocol: offset count, offsets, channel, message parts."""
    morceaux = [canal.encode("utf-8"), *parties]
    offsets = [8 * (len(morceaux) + 2)]
    for morceau in morceaux:
        offsets.append(offsets[-1] + len(morceau))
    entete = len(offsets).to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets)
    return entete + b"".join(morceaux)


def lire_trame_v1(trame: bytes) -> tuple[str, list[bytes]]:
    """(channel, message parts) of a binary frame of the v1 protocol."""
    nombre = int.from_bytes(trame[:8], "little")
    offsets = [int.from_bytes(trame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(nombre)]
    canal = trame[offsets[0] : offsets[1]].decode("utf-8")
    return canal, [trame[offsets[i] : offsets[i + 1]] for i in range(1, nombre - 1)]


def id_noyau_de_la_page(page: str) -> str:
    """Kernel id written by Voilà in the page (``jupyter-config-data``)."""
    trouve = _CONFIG_PAGE.search(page)
    if not trouve:
        raise ErreurVisite("page sans jupyter-config-data (pas une page Voilà rendue)")
    return json.loads(trouve.group(1))["kernelId"]


class VisiteurVoila:
    """One simulated student on one dashboard page."""

    def __init__(
        self, base: str, delai: float = 120.0, entetes: dict[str, str] | None = None
    ) -> None:
        self.base = base.rstrip("/")
        self.entetes = dict(entetes or {})
        self.delai = delai
        self.session = uuid.uuid4().hex
        self.kernel_id: str | None = None
        self.ws: WebSocketClientConnection | None = None
        self.etats: dict[str, dict[str, Any]] = {}
        self.messages: list[dict[str, Any]] = []
        self.statut_http: int | None = None
        self.page = ""
        self.xsrf = ""

    async def charger_page(self, carnet: str) -> int:
        """GET the app page; returns the HTTP status (the page text is kept in ``.page``)."""
        client = AsyncHTTPClient()
        requete = HTTPRequest(
            f"{self.base}/voila/render/{quote(carnet)}",
            request_timeout=self.delai,
            connect_timeout=self.delai,
            headers=self.entetes,
        )
        reponse = await client.fetch(requete, raise_error=False)
        self.statut_http = reponse.code
        for cookie in reponse.headers.get_list("Set-Cookie"):
            nom, _, reste = cookie.partition("=")
            if nom.strip() == "_xsrf":
                self.xsrf = reste.split(";", 1)[0]
        self.page = reponse.body.decode("utf-8") if reponse.body else ""
        if reponse.code == 200:
            self.kernel_id = id_noyau_de_la_page(self.page)
        return reponse.code

    async def connecter(self) -> None:
        """Open the kernel websocket (as voila.js does after the page)."""
        if self.kernel_id is None:
            raise ErreurVisite("aucun noyau : la page n'a pas été chargée")
        url = self.base.replace("http", "ws", 1)
        requete = HTTPRequest(
            f"{url}/api/kernels/{self.kernel_id}/channels?session_id={self.session}",
            connect_timeout=self.delai,
            request_timeout=self.delai,
            headers=self.entetes,
        )
        self.ws = await websocket_connect(
            requete, max_message_size=64 * 1024 * 1024, subprotocols=[PROTOCOLE_V1]
        )

    async def envoyer(self, msg_type: str, contenu: dict[str, Any], canal: str = "shell") -> str:
        """Send one message; returns its msg_id."""
        assert self.ws is not None
        entete = _entete(msg_type, self.session)
        parties = [
            entete,
            {},
            {"version": "1.0.0"} if msg_type == "comm_open" else {},
            contenu,
        ]
        trame = trame_v1(canal, [json.dumps(p).encode("utf-8") for p in parties])
        await self.ws.write_message(trame, binary=True)
        return entete["msg_id"]

    async def recevoir(self, fin: float) -> dict[str, Any]:
        """Next message from the server (JSON), before the monotonic deadline ``fin``."""
        import asyncio

        assert self.ws is not None
        reste = fin - time.monotonic()
        if reste <= 0:
            raise ErreurVisite("délai dépassé en attendant le serveur")
        brut = await asyncio.wait_for(self.ws.read_message(), reste)
        if brut is None:
            raise ErreurVisite("websocket fermée par le serveur")
        if isinstance(brut, str):  # the v1 protocol sends binary frames only
            raise ErreurVisite("trame texte inattendue : le serveur ne parle pas le protocole v1")
        canal, parties = lire_trame_v1(brut)
        entete, parent, meta, contenu = (json.loads(p) for p in parties[:4])
        message = {
            "channel": canal,
            "header": entete,
            "parent_header": parent,
            "metadata": meta,
            "content": contenu,
            "buffers": parties[4:],
        }
        self.messages.append(message)
        return message

    async def demander_etats(self) -> dict[str, dict[str, Any]]:
        """Open the widget control comm and wait for every widget state (rendering point)."""
        comm_id = uuid.uuid4().hex
        await self.envoyer(
            "comm_open",
            {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
        )
        await self.envoyer("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        fin = time.monotonic() + self.delai
        while True:
            message = await self.recevoir(fin)
            if message["header"]["msg_type"] != "comm_msg":
                continue
            donnees = message["content"].get("data", {})
            if message["content"].get("comm_id") == comm_id and donnees.get("method") == (
                "update_states"
            ):
                self.etats = donnees["states"]
                return self.etats

    async def ouvrir(self, carnet: str) -> float:
        """Page + websocket + widget states; returns the seconds until widgets can render."""
        debut = time.perf_counter()
        statut = await self.charger_page(carnet)
        if statut != 200:
            raise ErreurVisite(f"page {carnet} : HTTP {statut}")
        await self.connecter()
        await self.demander_etats()
        return time.perf_counter() - debut

    def modele(self, classe_css: str) -> str:
        """Model id of the widget carrying the CSS class ``classe_css``."""
        for model_id, modele in self.etats.items():
            if classe_css in modele.get("state", {}).get("_dom_classes", ()):
                return model_id
        raise ErreurVisite(f"aucun widget n'a la classe {classe_css}")

    def valeur(self, classe_css: str, cle: str = "value") -> Any:
        """Current state value of the widget carrying ``classe_css``."""
        return self.etats[self.modele(classe_css)]["state"].get(cle)

    async def saisir(
        self, classe_champ: str, texte: str, classe_attendue: str = "atelier-resultat"
    ) -> tuple[float, Any]:
        """Type ``texte`` in a field; wait until the widget ``classe_attendue`` changes.

        Returns (round-trip seconds, new value of the watched widget).
        """
        champ, cible = self.modele(classe_champ), self.modele(classe_attendue)
        debut = time.perf_counter()
        await self.envoyer(
            "comm_msg",
            {
                "comm_id": champ,
                "data": {"method": "update", "state": {"value": texte}, "buffer_paths": []},
            },
        )
        fin = time.monotonic() + self.delai
        while True:
            message = await self.recevoir(fin)
            if message["header"]["msg_type"] != "comm_msg":
                continue
            contenu = message["content"]
            donnees = contenu.get("data", {})
            if donnees.get("method") != "update":
                continue
            etat = self.etats.setdefault(contenu["comm_id"], {"state": {}})["state"]
            etat.update(donnees.get("state", {}))
            if contenu["comm_id"] == cible and "value" in donnees.get("state", {}):
                return time.perf_counter() - debut, etat["value"]

    async def fermer(self, arreter_noyau: bool = True) -> None:
        """Close the websocket; like a closed tab, ask Voilà to shut the kernel down."""
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        if arreter_noyau and self.kernel_id:
            client = AsyncHTTPClient()
            await client.fetch(
                f"{self.base}/voila/api/shutdown/{self.kernel_id}",
                method="POST",
                body=b"",
                headers={**self.entetes, "X-XSRFToken": self.xsrf, "Cookie": f"_xsrf={self.xsrf}"},
                raise_error=False,
            )


def executer(coroutine: Any) -> Any:
    """Run ``coroutine`` to completion in a private event loop (own thread).

    Works even when the calling thread already runs a loop (Playwright's sync API, Jupyter).
    """
    import asyncio
    import threading

    resultat: dict[str, Any] = {}

    def cible() -> None:
        try:
            resultat["valeur"] = asyncio.run(coroutine)
        except BaseException as err:  # noqa: BLE001 - re-raised in the caller's thread
            resultat["erreur"] = err

    fil = threading.Thread(target=cible, name="visiteur-voila")
    fil.start()
    fil.join()
    if "erreur" in resultat:
        raise resultat["erreur"]
    return resultat.get("valeur")
