"""The image built and run for real, with no registry and no daemon: a Debian base made by
mmdebstrap (same suite as this machine), the Containerfile built by buildah
(``deploy/construire-image.sh``), the dashboards server started inside the image with a host
folder as its data volume, the gallery and one app over the websocket (the widget output
arrives and follows a typed figure), a student's progress written in the container, the
container replaced by a new one, the progress found again in the volume on the host.

Slow (a few minutes from nothing; the base archive and buildah's layers are kept in
``~/.cache/atelier-nrc/image``, or ``ATELIER_CACHE_IMAGE``): in the ``serveur`` lane, left out
of ``make test-rapide``. Needs root, buildah and mmdebstrap (``bash .ci/run`` installs them):
missing, it skips on a teacher's PC and fails in CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from outils.ci import outil_manquant

from benchmarks.visiteur_voila import VisiteurVoila, executer

pytestmark = [pytest.mark.serveur, pytest.mark.timeout(3600)]

RACINE = Path(__file__).resolve().parents[1]
IMAGE = "localhost/atelier-nrc-essai"
CACHE = Path(
    os.environ.get("ATELIER_CACHE_IMAGE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "atelier-nrc" / "image"
)
ELEVE = "Léa Martin"
# One app warm, nothing else: the shipped settings otherwise (pools grow only if asked).
REGLAGES_ESSAI = """load_subconfig("/app/deploy/atelier_dashboards_config.py")
c.ConfigTableauxDeBord.taille_pool_defaut = 0
c.ConfigTableauxDeBord.taille_pool = {"marges.ipynb": 1}
c.ConfigTableauxDeBord.taille_classe = 0
"""
ECRIRE_PROGRESSION = f"""
from widgets.donnees.progression import Progression
p = Progression()
p.enregistrer_tentative({ELEVE!r}, "relation_client", "interets-simples-1", "12,50", False, 0.0,
                        "Faux : 12,50 € au lieu de 25,00 €")
p.enregistrer_tentative({ELEVE!r}, "relation_client", "interets-simples-1", "25,00", True, 1.0,
                        "Juste")
print(p.chemin)
"""
LIRE_PROGRESSION = f"""
import json, sqlite3
from widgets.donnees.progression import Progression
etat = Progression().etat({ELEVE!r})["interets-simples-1"]
base = sqlite3.connect("file:/app/datasets/clients.db?mode=ro", uri=True)
clients = base.execute("SELECT count(*) FROM clients").fetchone()[0]
print(json.dumps({{"tentatives": etat.tentatives, "reussi": etat.reussi, "clients": clients}}))
"""


def _buildah(*args: str) -> list[str]:
    """A buildah command on the test's own store, kept in the cache between runs."""
    return ["buildah", "--root", str(CACHE / "stockage"), "--runroot", str(CACHE / "execution")] + [
        *args
    ]


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def image_construite(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The image built by deploy/construire-image.sh (base and layers cached); its config."""
    for outil in ("buildah", "mmdebstrap"):
        if shutil.which(outil) is None:
            outil_manquant(f"{outil} introuvable : apt-get install buildah mmdebstrap")
    if os.geteuid() != 0:
        outil_manquant("construction de l'image : il faut être root (mmdebstrap, buildah chroot)")
    journal = tmp_path_factory.mktemp("image") / "construction.log"
    debut = time.monotonic()
    with journal.open("w", encoding="utf-8") as sortie:
        fini = subprocess.run(
            ["sh", "deploy/construire-image.sh", IMAGE],
            cwd=RACINE,
            env=dict(
                os.environ, ATELIER_CACHE_IMAGE=str(CACHE), STOCKAGE_PROPRE="oui", AVEC_HUB="non"
            ),
            stdout=sortie,
            stderr=subprocess.STDOUT,
            timeout=2700,
        )
    texte = journal.read_text(encoding="utf-8", errors="replace")
    if fini.returncode != 0:
        pytest.fail(f"construction de l'image en échec :\n{texte[-4000:]}")
    print(f"image construite en {time.monotonic() - debut:.0f} s")
    brut = subprocess.run(
        _buildah("inspect", "--type", "image", IMAGE), capture_output=True, text=True, check=True
    ).stdout
    return json.loads(brut)


class ConteneurTableaux:
    """A fresh container of the image running the dashboards server (``buildah run``,
    chroot isolation, host network), ``volume`` mounted on /donnees."""

    def __init__(self, nom: str, volume: Path, reglages: Path, journal: Path) -> None:
        self.nom, self.volume, self.port = nom, volume, _port_libre()
        self.base = f"http://127.0.0.1:{self.port}"
        self.journal = journal
        subprocess.run(_buildah("rm", nom), capture_output=True)
        subprocess.run(_buildah("from", "--name", nom, IMAGE), capture_output=True, check=True)
        # Else buildah run mounts a volume of its own (a copy of the image's /donnees) over the
        # -v folder (the image's VOLUME): nothing would reach the host.
        subprocess.run(_buildah("config", "--volume", "/donnees-", nom), check=True)
        self.montages = ["-v", f"{volume}:/donnees", "-v", f"{reglages}:/essai:ro"]
        self.sortie = journal.open("a", encoding="utf-8")
        self.proc = subprocess.Popen(
            self.commande("/app/deploy/atelier-entrypoint.sh", "tableaux-de-bord"),
            stdout=self.sortie,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole
        )

    def commande(self, *args: str) -> list[str]:
        return _buildah(
            "run", "--isolation", "chroot", "--network", "host", *self.montages,
            "-e", f"ATELIER_PORT={self.port}", "-e", "ATELIER_CONFIG=/essai/config.py",
            self.nom, "--", *args,
        )  # fmt: skip

    def executer(self, *args: str) -> subprocess.CompletedProcess:
        """Another command in the same container, beside the server."""
        return subprocess.run(self.commande(*args), capture_output=True, text=True, timeout=300)

    def sortie_texte(self) -> str:
        self.sortie.flush()
        return self.journal.read_text(encoding="utf-8", errors="replace")[-5000:]

    def attendre_reserve(self, delai: float = 600) -> dict:
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.proc.poll() is not None:
                pytest.fail("le serveur du conteneur s'est arrêté :\n" + self.sortie_texte())
            try:
                with urllib.request.urlopen(f"{self.base}/atelier/etat.json", timeout=5) as r:
                    etat = json.loads(r.read())
                if etat["apps"]["marges.ipynb"]["reserve_prete"] >= 1:
                    return etat
            except OSError:
                pass
            time.sleep(1)
        pytest.fail("serveur du conteneur pas prêt à temps :\n" + self.sortie_texte())

    def arreter(self) -> None:
        """SIGTERM to buildah and the server (the server stops its kernels), then remove."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)
        self.sortie.close()
        subprocess.run(_buildah("rm", self.nom), capture_output=True)


def _texte(html: str) -> str:
    """The words of a widget's HTML, spaces normalised (French numbers use narrow spaces)."""
    texte = re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").replace("\u202f", " ")
    return " ".join(texte.split())


async def _eleve_sur_les_marges(base: str) -> tuple[str, str]:
    """Open the margins app; type a purchase cost of 40; (first result, result after)."""
    eleve = VisiteurVoila(base, delai=180)
    try:
        await eleve.ouvrir("marges.ipynb")
        solveur = next(
            m
            for m, modele in eleve.etats.items()
            if "atelier-resultat" in modele["state"].get("_dom_classes", ())
            and "Tous les chiffres" in modele["state"].get("value", "")
        )
        avant = eleve.etats[solveur]["state"]["value"]
        champ = eleve.modele("atelier-champ-cout")
        await eleve.envoyer(
            "comm_msg",
            {
                "comm_id": champ,
                "data": {"method": "update", "state": {"value": "40"}, "buffer_paths": []},
            },
        )
        fin = time.monotonic() + 120
        while True:
            message = await eleve.recevoir(fin)
            contenu = message["content"]
            etat = contenu.get("data", {}).get("state", {})
            if contenu.get("comm_id") == solveur and "value" in etat:
                return avant, etat["value"]
    finally:
        await eleve.fermer()


def test_the_image_serves_the_dashboards_and_keeps_the_progress_in_its_volume(
    image_construite, tmp_path
):
    config = image_construite["Docker"]["config"]
    # Non-root user, one volume, a health check, the dashboards server by default.
    assert config["User"] == "1000"
    assert list(config["Volumes"]) == ["/donnees"]
    assert config["Healthcheck"]["Test"] == ["CMD", "python3", "/app/deploy/sante.py"]
    assert config["Entrypoint"] == ["/app/deploy/atelier-entrypoint.sh"]
    assert config["Cmd"] == ["tableaux-de-bord"]

    volume, reglages = tmp_path / "volume", tmp_path / "essai"
    volume.mkdir()
    reglages.mkdir()
    os.chown(volume, 1000, 100)  # the image's user owns its data, as a named volume would
    (reglages / "config.py").write_text(REGLAGES_ESSAI, encoding="utf-8")
    journal = tmp_path / "serveur.log"

    premier = ConteneurTableaux(f"atelier-essai-{os.getpid()}-1", volume, reglages, journal)
    try:
        etat = premier.attendre_reserve()
        assert etat["apps"]["marges.ipynb"]["reserve_prete"] == 1
        with urllib.request.urlopen(premier.base + "/", timeout=30) as reponse:
            assert reponse.status == 200
            galerie = reponse.read().decode("utf-8")
        assert "<title>Tableaux de bord — Atelier NRC</title>" in galerie
        assert "marges.ipynb" in galerie
        avant, apres = executer(_eleve_sur_les_marges(premier.base))
        assert "80,00 € / 0,8 = 100,00 €" in _texte(avant)
        assert "40,00 € / 0,8 = 50,00 €" in _texte(apres)

        # The health check of the image, run inside it, sees the server.
        assert premier.executer("python3", "/app/deploy/sante.py").returncode == 0
        # A student's progress, written by the library inside the container.
        ecrit = premier.executer("python3", "-c", ECRIRE_PROGRESSION)
        assert ecrit.returncode == 0, ecrit.stdout + ecrit.stderr
        assert ecrit.stdout.strip() == "/donnees/eleves/progression.sqlite"
    finally:
        premier.arreter()

    # Stopped: nothing answers any more, the health check says so.
    with pytest.raises(OSError):
        urllib.request.urlopen(premier.base + "/atelier/etat.json", timeout=5)

    # The progress is in the volume on the host, written by the image's user (uid 1000).
    fichier = volume / "eleves" / "progression.sqlite"
    assert fichier.stat().st_uid == 1000
    with sqlite3.connect(f"file:{fichier}?mode=ro", uri=True) as base:
        lignes = base.execute(
            "SELECT etudiant, exercice, reponse, correct FROM tentatives ORDER BY id"
        ).fetchall()
    assert lignes == [
        (ELEVE, "interets-simples-1", '"12,50"', 0),
        (ELEVE, "interets-simples-1", '"25,00"', 1),
    ]

    # A new container of the same image on the same volume: the server comes back and the
    # student's progress is there (two attempts, exercise passed).
    second = ConteneurTableaux(f"atelier-essai-{os.getpid()}-2", volume, reglages, journal)
    try:
        second.attendre_reserve()
        with urllib.request.urlopen(second.base + "/", timeout=30) as reponse:
            assert reponse.status == 200
        lu = second.executer("python3", "-c", LIRE_PROGRESSION)
        assert lu.returncode == 0, lu.stdout + lu.stderr
        # The reference database was built at image build (2 000 clients by default).
        assert json.loads(lu.stdout) == {"tentatives": 2, "reussi": True, "clients": 2000}
    finally:
        second.arreter()


def test_jupyterlab_and_the_jupyterhub_single_user_server_start_in_the_image(
    image_construite, tmp_path
):
    volume = tmp_path / "volume"
    volume.mkdir()
    os.chown(volume, 1000, 100)
    nom = f"atelier-essai-{os.getpid()}-commandes"  # two clones may run at once
    subprocess.run(_buildah("rm", nom), capture_output=True)
    subprocess.run(_buildah("from", "--name", nom, IMAGE), capture_output=True, check=True)
    subprocess.run(_buildah("config", "--volume", "/donnees-", nom), check=True)

    def lancer(*args: str) -> str:
        fini = subprocess.run(
            _buildah("run", "--isolation", "chroot", "--network", "host", "-v",
                     f"{volume}:/donnees", nom, "--", *args),
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert fini.returncode == 0, fini.stdout + fini.stderr
        return fini.stdout

    try:
        assert "--sans-navigateur" in lancer("/app/deploy/atelier-entrypoint.sh", "lab", "--help")
        # The lab mode copied the notebooks and apps once into the volume.
        assert (volume / "lab" / "voila_apps" / "marges.ipynb").is_file()
        version = lancer("/app/deploy/atelier-entrypoint.sh", "singleuser", "--version")
        assert re.fullmatch(r"\d+\.\d+\.\d+\s*", version), version
        assert "usage: atelier" in lancer("/app/deploy/atelier-entrypoint.sh", "atelier", "--help")
    finally:
        subprocess.run(_buildah("rm", nom), capture_output=True)
