"""Kernel websocket that checks every frame before jupyter_server parses it.

jupyter_server 2.x trusts the offset table of a binary frame: the v1 protocol reads an
8-byte offset count and loops over it (``deserialize_msg_from_ws_v1``: a count of 10^18 keeps
the event loop busy and the memory growing until the server is killed), and the legacy
protocol builds a ``struct`` format of up to 2^31 items (``deserialize_binary_message``:
gigabytes at once). One such frame froze the server for the whole class.

:class:`WebsocketNoyauAtelier` (registered in place of Voilà's handler, serveur.py):

- refuses at the handshake (HTTP 400, French text) a client that does not offer the
  ``v1.kernel.websocket.jupyter.org`` subprotocol: Voilà's page (``@jupyterlab/services``)
  always offers it, so only scripts speak the legacy format;
- checks each binary frame with :func:`trame_v1_valide` (offset count bounded by the frame's
  length, offsets increasing and inside the frame, UTF-8 channel name) and closes the socket
  (code 1003) on the first malformed frame, without handing it to jupyter_server;
- checks legacy frames too (:func:`trame_ancienne_valide`) in case a deployment forces the
  legacy protocol (``kernel_ws_protocol = ""``).
"""

from __future__ import annotations

import struct
from typing import Any

from tornado import web
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from .journal import propre

PROTOCOLE_V1 = "v1.kernel.websocket.jupyter.org"
#: channel + header, parent_header, metadata, content: the fewest offsets of a real message.
OFFSETS_MIN_V1 = 6
CODE_TRAME_REFUSEE = 1003  # RFC 6455: unsupported data

MESSAGE_SANS_V1 = (
    "Connexion refusée : ce client ne parle pas le protocole "
    f"{PROTOCOLE_V1} (rechargez la page dans un navigateur à jour)."
)


def trame_v1_valide(trame: bytes) -> bool:
    """True when a binary frame of the v1 protocol can be parsed without surprise.

    Layout: offset count ``n`` (8 bytes, little endian), ``n`` offsets (8 bytes each), then the
    channel name and the message parts. ``n`` is at least 6 and at most what the frame can hold,
    the first offset is the end of the table, the offsets never go back nor past the end.
    """
    taille = len(trame)
    if taille < 8:
        return False
    nombre = int.from_bytes(trame[:8], "little")
    if nombre < OFFSETS_MIN_V1 or 8 * (nombre + 1) > taille:
        return False
    offsets = [int.from_bytes(trame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(nombre)]
    if offsets[0] != 8 * (nombre + 1) or offsets[-1] > taille:
        return False
    if any(b < a for a, b in zip(offsets, offsets[1:], strict=False)):
        return False
    try:
        trame[offsets[0] : offsets[1]].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def trame_ancienne_valide(trame: bytes) -> bool:
    """True when a binary frame of the legacy protocol can be parsed without surprise.

    Layout: buffer count ``n`` (4 bytes, big endian, signed), ``n`` offsets (4 bytes each),
    then the JSON message and its buffers.
    """
    taille = len(trame)
    if taille < 8:
        return False
    (nombre,) = struct.unpack("!i", trame[:4])
    if nombre < 1 or 4 * (nombre + 1) > taille:
        return False
    offsets = struct.unpack(f"!{nombre}I", trame[4 : 4 * (nombre + 1)])
    if offsets[0] != 4 * (nombre + 1) or offsets[-1] > taille:
        return False
    return all(b >= a for a, b in zip(offsets, offsets[1:], strict=False))


def _protocoles_demandes(entete: str) -> list[str]:
    return [p.strip() for p in entete.split(",") if p.strip()]


class WebsocketNoyauAtelier(VoilaKernelWebsocketHandler):
    """Voilà's kernel websocket, refusing legacy clients and malformed binary frames."""

    async def get(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
        demandes = _protocoles_demandes(self.request.headers.get("Sec-WebSocket-Protocol", ""))
        if PROTOCOLE_V1 not in demandes:
            self.log.warning(
                "Websocket de noyau refusée (%s) : protocole %s non demandé",
                propre(self.request.remote_ip),
                PROTOCOLE_V1,
            )
            raise web.HTTPError(400, reason="Protocole websocket non pris en charge")
        await super().get(kernel_id, *args, **kwargs)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        if status_code == 400:
            self.finish(MESSAGE_SANS_V1)
        else:
            self.finish(f"Erreur {status_code}.")

    def on_message(self, ws_message: str | bytes) -> None:
        v1 = self.selected_subprotocol == PROTOCOLE_V1
        if isinstance(ws_message, bytes) or v1:  # v1 speaks binary frames only
            if not isinstance(ws_message, bytes):
                valide = False
            elif v1:
                valide = trame_v1_valide(ws_message)
            else:
                valide = trame_ancienne_valide(ws_message)
            if not valide:
                self.log.warning(
                    "Trame websocket mal formée (%d octets) de %s sur le noyau %s : "
                    "connexion fermée",
                    len(ws_message.encode() if isinstance(ws_message, str) else ws_message),
                    propre(self.request.remote_ip),
                    propre(getattr(self, "kernel_id", "?")),
                )
                self.close(CODE_TRAME_REFUSEE, "trame mal formee")
                return
        super().on_message(ws_message)
