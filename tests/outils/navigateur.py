"""Real-browser helpers for the tests: Debian's chromium and what a page asked for."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

DOSSIER_ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def requetes_externes(page, base: str) -> list[str]:
    """The URLs a page asked for outside the local server (must stay empty: no CDN)."""
    hote = urlparse(base).netloc
    return [
        u
        for u in page.requetes
        if not u.startswith(("data:", "blob:", "about:")) and urlparse(u).netloc != hote
    ]
