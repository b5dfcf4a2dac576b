"""The dashboards server: Voilà (standalone, directory mode) plus the workbench's own pages.

``VoilaAtelier`` is Voilà's application with:

- the French gallery at ``/`` (and in place of Voilà's file tree, which is not served);
- ``/voila/render/<carnet>`` guarded by a per-app cap (French "serveur complet" page, 503);
- ``/atelier/etat.json``: per-app counts of pooled and in-service kernels (for the teacher);
- pools that grow when an app is opened or a session is prepared (:mod:`.reserve`,
  :mod:`.seance`), and a clean stop on SIGTERM/SIGINT (:mod:`.arret`);
- ``/enseignant``: the teacher's cockpit (``enseignant.ROUTES_ENSEIGNANT``) and its devoirs,
  exam and grid pages (``enseignant_devoirs.HANDLERS_DEVOIRS``);
- Voilà's own behaviour kept: pre-heated pools, sources stripped, kernels that accept only
  widget (comm) messages, never ``execute_request``.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import Any

import tornado.web
from jupyter_server.utils import url_path_join
from voila.app import Voila
from voila.execute import VoilaExecutor
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from .arret import installer_arret_propre, terminer_les_enfants
from .configuration import ConfigTableauxDeBord
from .enseignant import ROUTES_ENSEIGNANT
from .enseignant_devoirs import HANDLERS_DEVOIRS
from .galerie import lire_fiche, lire_fiches, page_complet, page_galerie, page_introuvable
from .journal import filtrer_les_journaux, propre
from .reserve import PiloteReserve
from .trames import WebsocketNoyauAtelier

CLE_REGLAGES = "atelier_reglages"
CLE_CARNETS = "atelier_carnets"
CLE_JOURNAL = "atelier_journal"
CLE_PILOTE = "atelier_pilote"

DOSSIER_MODELES = Path(__file__).resolve().parent / "modeles"
_FORMAT_JOURNAL = "%(asctime)s %(levelname)s %(name)s %(message)s"


def _effacer_erreurs_en_francais(self: VoilaExecutor, cell: Any) -> Any:
    """Replace a failed cell's traceback by a French sentence (the trace stays in the log)."""
    if cell.get("cell_type") != "code":
        return cell
    for sortie in cell.get("outputs", []):
        if sortie.get("output_type") == "error":
            sortie["ename"] = "Erreur"
            sortie["evalue"] = "cette partie du tableau de bord n'a pas pu s'afficher"
            sortie["traceback"] = [
                "Une erreur est survenue dans cette partie du tableau de bord. "
                + self.cell_error_instruction
            ]
    return cell


MESSAGE_SORTIES_PERDUES = (
    "Cette partie de l'application n'a pas pu s'afficher à temps (serveur très chargé). "
    "Rechargez la page (touche F5) ; si le problème continue, prévenez votre enseignant."
)


def _delai_depasse_en_francais(self: VoilaExecutor, cell: Any) -> None:
    """A cell whose execution or outputs timed out shows a French sentence, and the log says why.

    Voilà's own text is English; with ``raise_on_iopub_timeout`` (see configuration.py) this is
    also where a cell whose outputs were not all received lands, instead of an empty cell.
    """
    kernel_id = getattr(self.km, "kernel_id", None)
    self.log.warning(
        "Cellule %s : délai dépassé (exécution ou sorties au-delà de %s s, noyau %s) ; une page "
        "servie par ce noyau afficherait un message d'erreur au lieu de ses widgets",
        cell.get("id", "?"),
        self.iopub_timeout,
        kernel_id,
    )
    # A pool kernel in this state is set aside before any page takes it (reserve.py).
    incomplets = getattr(getattr(self.km, "parent", None), "rendus_incomplets", None)
    if kernel_id and incomplets is not None:
        incomplets.add(kernel_id)
    cell.setdefault("outputs", []).append(
        {
            "output_type": "error",
            "ename": "Erreur",
            "evalue": "délai dépassé",
            "traceback": [MESSAGE_SORTIES_PERDUES],
        }
    )


class SignalPageVide(tornado.web.RequestHandler):
    """POST ``/atelier/page-vide``: a page whose widgets did not show up tells the log why.

    Sent once by the page's watchdog (modeles/index.html.j2) with ``navigator.sendBeacon``;
    it only writes one bounded log line, so it needs neither login nor ``_xsrf``.
    """

    TAILLE_MAX = 2000

    def check_xsrf_cookie(self) -> None:
        return None

    def post(self) -> None:
        try:
            rapport = json.loads(self.request.body[: self.TAILLE_MAX] or b"{}")
        except ValueError:
            rapport = {}
        if not isinstance(rapport, dict):
            rapport = {}

        def champ(cle: str) -> str:
            return propre(rapport.get(cle, "?"), 200)

        self.settings[CLE_JOURNAL].warning(
            "Page sans widget visible après %s s : %s (noyau %s) ; cause probable : %s ; "
            "sorties de widget dans la page : %s, widgets affichés : %s",
            champ("secondes"),
            champ("carnet"),
            champ("noyau"),
            champ("cause"),
            champ("sorties_widget"),
            champ("widgets_affiches"),
        )
        self.set_status(204)
        self.finish()


class PageGalerie(tornado.web.RequestHandler):
    """GET ``/``: the French gallery of the apps."""

    def get(self, *_: Any) -> None:
        reglages: ConfigTableauxDeBord = self.settings[CLE_REGLAGES]
        fiches = lire_fiches(Path(reglages.dossier_apps), self.settings[CLE_CARNETS])
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-cache")
        self.finish(page_galerie(reglages.titre, fiches, self.settings["base_url"]))


def _reserve_prete(km: Any, carnet: str) -> int:
    """Pool kernels of ``carnet`` whose notebook has finished executing (page ready)."""
    pretes = 0
    for tache in getattr(km, "_pools", {}).get(carnet, ()):
        if tache.done() and not tache.cancelled() and tache.exception() is None:
            rendu = tache.result().get("task")
            pretes += rendu is not None and rendu.done()
    return pretes


class PageEtat(tornado.web.RequestHandler):
    """GET ``/atelier/etat.json``: kernels per app (pool on standby, in service, cap)."""

    def get(self) -> None:
        reglages: ConfigTableauxDeBord = self.settings[CLE_REGLAGES]
        km = self.settings["kernel_manager"]
        vivants = km.noyaux_par_app()
        pilote: PiloteReserve = self.settings[CLE_PILOTE]
        etat = {
            "noyaux_total": len(km.list_kernel_ids()),
            "apps": {
                carnet: {
                    "reserve": km.get_pool_size(carnet),
                    "reserve_prete": _reserve_prete(km, carnet),
                    "en_service": vivants.get(carnet, {}).get("en_service", 0),
                    "vivants": vivants.get(carnet, {}).get("vivants", 0),
                    "maximum": reglages.max_noyaux_de(carnet),
                    **pilote.etat(carnet),
                }
                for carnet in self.settings[CLE_CARNETS]
            },
        }
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.set_header("Cache-Control", "no-cache")
        self.finish(json.dumps(etat, ensure_ascii=False))


class PageApplication(TornadoVoilaHandler):
    """Voilà's page handler, refusing (503, French page) once an app is at its cap."""

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> None:
        reglages: ConfigTableauxDeBord = self.settings[CLE_REGLAGES]
        carnet = path or ""
        base = self.settings["base_url"]
        if carnet not in self.settings[CLE_CARNETS]:
            # Only the exact name of an app is served: ``crm.ipynb/``, ``./crm.ipynb``,
            # ``%2e%2e/…``, ``//crm.ipynb`` would start kernels past the app's cap, uncounted.
            self.log.warning("Adresse d'application inconnue refusée : %s", propre(carnet, 200))
            self.set_status(404)
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(page_introuvable(carnet, base))
            return
        maximum = reglages.max_noyaux_de(carnet)
        jeton = self.kernel_manager.admettre(carnet, maximum)
        if jeton is None:
            self.log.warning(
                "Application %s complète (%d noyaux) : visiteur refusé", carnet, maximum
            )
            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            fiche = lire_fiche(Path(reglages.dossier_apps), carnet)
            self.finish(page_complet(fiche, maximum, base))
            return
        pilote: PiloteReserve = self.settings[CLE_PILOTE]
        pilote.ouverture(carnet)  # the app's pool grows toward the class size
        pilote.avant_page(carnet)  # no kernel with lost outputs; ready kernels first
        self._carnet_atelier = carnet
        try:
            await super().get(path)
        finally:
            pilote.fin_ouverture(carnet)
            self.kernel_manager.fin_admission(carnet, jeton)

    def should_use_rendered_notebook(self, *args: Any, **kwargs: Any) -> bool:
        """Voilà's choice between a pool kernel and a kernel started for this page, asked right
        before it pops the pool: a pool kernel only when one is READY (cold arrival, issue 27:
        never wait for a pool kernel still starting; plain Voilà's path is faster)."""
        carnet = getattr(self, "_carnet_atelier", None)
        if carnet is not None and not self.settings[CLE_PILOTE].noyau_pret(carnet):
            return False
        return super().should_use_rendered_notebook(*args, **kwargs)


class ArretNoyau(VoilaShutdownKernelHandler):
    """POST ``/voila/api/shutdown/<id>`` sent by the page when its tab closes.

    Voilà 0.5.13 refuses it (403, no ``_xsrf``: voila-dashboards/voila#1458), so closed tabs
    kept their kernel until culling. The kernel id (a random UUID known only to that page)
    is the capability; nothing else can be done through this address.
    """

    def check_xsrf_cookie(self) -> None:
        return None


TAILLE_MAX_CORPS = 16 * 1024 * 1024
"""Largest HTTP request body the dashboards server accepts (bytes)."""


class VoilaAtelier(Voila):
    """Voilà application configured from a :class:`ConfigTableauxDeBord`."""

    name = "atelier-dashboards"
    description = "Atelier NRC : tableaux de bord Voilà de l'intranet."

    def __init__(self, reglages: ConfigTableauxDeBord, **kwargs: Any) -> None:
        super().__init__(config=reglages.vers_config_voila(), **kwargs)
        self.reglages = reglages
        self.carnets = reglages.carnets()

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv=[] if argv is None else argv)
        VoilaExecutor.strip_code_cell_errors = _effacer_erreurs_en_francais
        VoilaExecutor.show_code_cell_timeout = _delai_depasse_en_francais
        self._brancher_journal()
        # Every journal line is one printable line (journal.py): no forged lines, no escapes.
        filtrer_les_journaux(self.log.name, "traitlets", "tornado.application", "tornado.access")
        installer_arret_propre(self)  # after Voilà's own SIGTERM handler, which it replaces

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        # Our copy of the lab page (no CDN link) is found before Voilà's own.
        self.template_paths.insert(0, str(DOSSIER_MODELES))

    def _brancher_journal(self) -> None:
        if not self.reglages.fichier_journal:
            return
        chemin = Path(self.reglages.fichier_journal)
        chemin.parent.mkdir(parents=True, exist_ok=True)
        fichier = logging.FileHandler(chemin, encoding="utf-8")
        fichier.setLevel(logging.INFO)
        fichier.setFormatter(logging.Formatter(_FORMAT_JOURNAL))
        for nom in (self.log.name, "traitlets", "tornado.application", "tornado.access"):
            logging.getLogger(nom).addHandler(fichier)
        self.log.addHandler(fichier)

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings[CLE_REGLAGES] = self.reglages
        settings[CLE_CARNETS] = self.carnets
        settings[CLE_JOURNAL] = self.log
        self.pilote = PiloteReserve(self.kernel_manager, self.reglages, self.carnets)
        self.pilote.brancher()
        settings[CLE_PILOTE] = self.pilote
        return settings

    def listen(self) -> None:
        # Tornado reads a whole request body into memory before any handler runs (up to its
        # 100 MB default): a student could make the server hold hundreds of megabytes per
        # connection. Bodies over TAILLE_MAX_CORPS are refused by Tornado itself (HTTP 400,
        # connection closed) before a byte of them is read; the largest legitimate upload (a
        # class list, refused in French over 1 MB by its handler) stays far below.
        ecouter = self.app.listen
        self.app.listen = functools.partial(  # type: ignore[method-assign]
            ecouter, max_body_size=TAILLE_MAX_CORPS, max_buffer_size=TAILLE_MAX_CORPS
        )
        try:
            super().listen()
        finally:
            del self.app.listen

    def stop(self) -> None:
        try:
            super().stop()
        finally:  # whatever Voilà did, no kernel outlives the server
            restants = terminer_les_enfants()
            if restants:
                self.log.warning("%d processus de noyau encore vivant(s) arrêté(s)", restants)

    def init_handlers(self) -> list:
        retires = (TornadoVoilaTreeHandler, VoilaContentsHandler)
        handlers = []
        for regle in super().init_handlers():
            if regle[1] in retires:
                continue
            if regle[1] is TornadoVoilaHandler:
                regle = (regle[0], PageApplication, *regle[2:])
            elif regle[1] is VoilaKernelWebsocketHandler:
                regle = (regle[0], WebsocketNoyauAtelier, *regle[2:])
            elif regle[1] is VoilaShutdownKernelHandler:
                regle = (regle[0], ArretNoyau, *regle[2:])
            handlers.append(regle)
        base = self.server_url
        propres = [
            (base, PageGalerie),
            (url_path_join(base, r"/index\.html"), PageGalerie),
            (url_path_join(base, r"/voila/tree(/.*)?"), PageGalerie),
            (url_path_join(base, r"/atelier/etat\.json"), PageEtat),
            (url_path_join(base, r"/atelier/page-vide"), SignalPageVide),
        ]
        pages_enseignant = ROUTES_ENSEIGNANT + HANDLERS_DEVOIRS
        propres += [(url_path_join(base, motif), page) for motif, page in pages_enseignant]
        return propres + handlers
