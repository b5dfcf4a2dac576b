"""Every setting of the dashboards server, in one traitlets ``Configurable``.

The school IT edits one Python file once, by default ``deploy/atelier_dashboards_config.py``::

    c.ConfigTableauxDeBord.port = 8866
    c.ConfigTableauxDeBord.taille_classe = 36

A teacher never edits it before class: the pools grow by themselves when an app is opened
(:mod:`.reserve`), and ``atelier seance`` prepares a session (:mod:`.seance`).

``ConfigTableauxDeBord.vers_config_voila()`` translates these French settings into the
Voilà / Jupyter Server options they drive (kernel pools, culling, sources stripped...).
"""

from __future__ import annotations

from pathlib import Path

from traitlets import Bool, Dict, Float, Int, Unicode
from traitlets.config import Config, Configurable

from widgets.donnees.chemins import DOSSIER_APPS, RACINE_PROJET, dossier_serveur
from widgets.donnees.reglages import (
    VARIABLE_INTERET_LEGAL_PARTICULIERS,
    VARIABLE_INTERET_LEGAL_PROFESSIONNELS,
)

#: Environment variable naming, inside each kernel, the app (notebook) it serves.
VARIABLE_APP = "ATELIER_APP"
#: Environment variable naming, inside each kernel, the class folder (``dossier_classe``).
VARIABLE_CLASSE = "ATELIER_CLASSE"

FICHIER_CONFIG_DEFAUT = RACINE_PROJET / "deploy" / "atelier_dashboards_config.py"


class ConfigTableauxDeBord(Configurable):
    """Réglages du serveur de tableaux de bord (``atelier tableaux-de-bord``)."""

    dossier_apps = Unicode(
        str(DOSSIER_APPS),
        help="Dossier des carnets servis comme tableaux de bord (un carnet = une application).",
    ).tag(config=True)

    hote = Unicode(
        "127.0.0.1",
        help=(
            "Adresse d'écoute. 127.0.0.1 = ce poste seulement (derrière nginx) ; "
            "0.0.0.0 = toutes les interfaces (intranet sans proxy)."
        ),
    ).tag(config=True)

    port = Int(8866, help="Port d'écoute du serveur.").tag(config=True)

    url_de_base = Unicode(
        "/",
        help="Préfixe des adresses, par ex. '/tableaux/' derrière un proxy (sous-dossier).",
    ).tag(config=True)

    titre = Unicode(
        "Atelier NRC — tableaux de bord",
        help="Titre de la page d'accueil (galerie des applications).",
    ).tag(config=True)

    taille_pool_defaut = Int(
        2,
        help=(
            "Nombre de noyaux préchauffés (carnet déjà exécuté) gardés en réserve pour chaque "
            "application. 0 = pas de réserve. Chaque noyau coûte environ 100 Mo de mémoire."
        ),
    ).tag(config=True)

    taille_pool = Dict(
        key_trait=Unicode(),
        value_trait=Int(),
        default_value={},
        help=(
            "Réserve minimale par application, qui remplace taille_pool_defaut : "
            "{'facture.ipynb': 5}. Inutile pour une séance : la réserve grandit seule "
            "(taille_classe) et « atelier seance » la prépare."
        ),
    ).tag(config=True)

    taille_classe = Int(
        36,
        help=(
            "Réserve visée dès qu'une application est ouverte : la taille d'une classe + 1. "
            "Le serveur prépare alors en arrière-plan, un noyau à la fois, de quoi accueillir "
            "toute la classe (noyaux au service des élèves compris), sans réglage de la part de "
            "l'enseignant. 0 = pas de croissance automatique."
        ),
    ).tag(config=True)

    delai_retour_reserve = Int(
        1800,
        help=(
            "Secondes sans nouvelle ouverture d'une application après lesquelles sa réserve "
            "revient à taille_pool_defaut (les noyaux de réserve en trop sont arrêtés, la "
            "mémoire est rendue). Une séance préparée (atelier seance) garde sa réserve "
            "jusqu'à sa fin."
        ),
    ).tag(config=True)

    max_noyaux_total = Int(
        100,
        help=(
            "Nombre de noyaux vivants (réserves et élèves, toutes applications) au-delà duquel "
            "la réserve ne grandit plus d'elle-même (~80 Mo par noyau : 100 noyaux ≈ 8 Go). "
            "N'empêche jamais un élève d'ouvrir une page (c'est le rôle de max_noyaux)."
        ),
    ).tag(config=True)

    dossier_donnees = Unicode(
        "",
        help=(
            "Dossier des données du serveur : séances préparées (seances.json, écrit par "
            "« atelier seance » ou la page de l'enseignant). Vide = donnees_serveur/ du "
            "projet, ou la variable d'environnement ATELIER_SERVEUR."
        ),
    ).tag(config=True)

    delai_remplissage = Float(
        5.0,
        help="Secondes d'attente avant de remplacer un noyau de la réserve qui vient d'être pris.",
    ).tag(config=True)

    delai_sorties = Float(
        # 60 s was exceeded when 14 apps × 2 pool kernels pre-render at once on 2 loaded cores
        # (the blank-page soak, session 6): the kernels were only set aside, but a page
        # arriving then would have waited for another. The wait ends as soon as every output
        # is in, so a longer limit costs nothing on a calm server.
        180.0,
        help=(
            "Secondes d'attente, après l'exécution d'une cellule, de ses dernières sorties "
            "(un message par widget). Au-delà, la cellule affiche une erreur en français au "
            "lieu de rester vide. Ne pas baisser : l'attente s'arrête dès que tout est reçu."
        ),
    ).tag(config=True)

    demarrages_simultanes = Int(
        1,
        help=(
            "Noyaux de réserve démarrés en même temps (les autres attendent leur tour) : la "
            "réserve se reremplit sans priver de processeur les élèves déjà connectés."
        ),
    ).tag(config=True)

    max_noyaux_defaut = Int(
        60,
        help=(
            "Nombre maximal d'élèves servis en même temps par une application (noyaux vivants "
            "hors réserve). Au-delà, la page « serveur complet » s'affiche (code HTTP 503)."
        ),
    ).tag(config=True)

    max_noyaux = Dict(
        key_trait=Unicode(),
        value_trait=Int(),
        default_value={},
        help="Plafond par application, qui remplace max_noyaux_defaut : {'tournee.ipynb': 40}.",
    ).tag(config=True)

    delai_inactivite = Int(
        1800,
        help=(
            "Secondes sans activité après lesquelles le noyau d'un élève est arrêté (mémoire "
            "rendue). 0 = jamais. L'élève qui revient recharge la page."
        ),
    ).tag(config=True)

    intervalle_nettoyage = Int(
        60, help="Secondes entre deux passages du nettoyage des noyaux inactifs."
    ).tag(config=True)

    nettoyer_connectes = Bool(
        True,
        help=(
            "Arrêter aussi les noyaux inactifs dont l'onglet est encore ouvert (un poste resté "
            "allumé en fin de séance ne garde pas de mémoire)."
        ),
    ).tag(config=True)

    afficher_traces = Bool(
        False,
        help=(
            "Montrer les traces d'erreur Python aux visiteurs. Laisser à False : les traces vont "
            "dans le journal du serveur (fichier_journal), l'élève voit un message en français."
        ),
    ).tag(config=True)

    fichier_journal = Unicode(
        "",
        help=(
            "Fichier où écrire le journal du serveur (erreurs avec leur trace, pour "
            "l'enseignant). Vide = seulement la console."
        ),
    ).tag(config=True)

    taux_interet_legal_professionnels = Unicode(
        "",
        help=(
            "Taux de l'intérêt légal en vigueur pour les professionnels, en % (ex. « 2,62 »), "
            "à renseigner chaque semestre (1er janvier, 1er juillet) d'après l'arrêté publié sur "
            "Légifrance, quand la table de l'atelier ne couvre plus la date du jour. Vide : "
            "dernier taux connu, signalé « à vérifier sur Légifrance »."
        ),
    ).tag(config=True)

    taux_interet_legal_particuliers = Unicode(
        "",
        help="Même chose pour les créances des particuliers (ex. « 6,67 »).",
    ).tag(config=True)

    dossier_classe = Unicode(
        "",
        help=(
            "Dossier de la classe : liste des élèves importée sur la page /enseignant (empreintes "
            "des codes) et progression des élèves qui travaillent sur ce serveur, lue en direct "
            "par la page de l'enseignant. Vide = « classe » dans le dossier de données du "
            "compte qui lance le serveur (ATELIER_CLASSE ou ATELIER_DONNEES)."
        ),
    ).tag(config=True)

    mot_de_passe_enseignant = Unicode(
        "",
        help=(
            "Mot de passe de la page /enseignant, CHIFFRÉ (jamais en clair) : l'enseignant le "
            "choisit avec « atelier enseignant mot-de-passe » (stocké hors du projet, dans ses "
            "réglages personnels). Vide = page fermée (sauf administrateurs JupyterHub)."
        ),
    ).tag(config=True)

    seuil_blocage = Int(
        3,
        help=(
            "Nombre d'essais faux à partir duquel un élève qui n'a pas réussi un exercice est "
            "signalé « bloqué » sur la carte de la classe."
        ),
    ).tag(config=True)

    actualisation_enseignant = Int(
        10, help="Secondes entre deux actualisations de la carte de la classe (page /enseignant)."
    ).tag(config=True)

    def taille_pool_de(self, carnet: str) -> int:
        """Réserve de noyaux préchauffés pour le carnet ``carnet`` (chemin relatif)."""
        return max(0, self.taille_pool.get(carnet, self.taille_pool_defaut))

    def max_noyaux_de(self, carnet: str) -> int:
        """Plafond de noyaux au service des élèves pour le carnet ``carnet``."""
        return self.max_noyaux.get(carnet, self.max_noyaux_defaut)

    def dossier_seances(self) -> Path:
        """Dossier où le serveur lit les séances préparées (``seances.json``)."""
        return Path(self.dossier_donnees) if self.dossier_donnees else dossier_serveur()

    def carnets(self) -> list[str]:
        """Carnets servis, chemins relatifs au dossier des applications (ordre alphabétique)."""
        racine = Path(self.dossier_apps)
        return sorted(
            p.relative_to(racine).as_posix()
            for p in racine.rglob("*.ipynb")
            if ".ipynb_checkpoints" not in p.parts
        )

    def vers_config_voila(self) -> Config:
        """Options Voilà / Jupyter Server correspondant à ces réglages."""
        c = Config()
        c.Voila.ip = self.hote
        c.Voila.port = self.port
        c.Voila.port_retries = 0
        c.Voila.base_url = self.url_de_base
        c.Voila.open_browser = False
        c.Voila.root_dir = str(Path(self.dossier_apps).resolve())

        c.VoilaConfiguration.strip_sources = True
        c.VoilaConfiguration.show_tracebacks = self.afficher_traces
        c.VoilaConfiguration.preheat_kernel = True
        c.VoilaConfiguration.default_pool_size = max(0, self.taille_pool_defaut)
        c.VoilaConfiguration.allow_template_override = "NO"
        c.VoilaConfiguration.allow_theme_override = "NO"
        c.VoilaConfiguration.file_allowlist = [r".*\.(png|jpg|jpeg|gif|svg|css)"]
        c.VoilaConfiguration.file_denylist = [r".*\.(ipynb|py|db|sqlite|csv|json|toml|cfg)"]
        c.VoilaConfiguration.multi_kernel_manager_class = (
            "widgets.tableaux_de_bord.noyaux.GestionnaireNoyauxAtelier"
        )
        c.VoilaExporter.language_code = "fr"
        c.VoilaExecutor.show_tracebacks = self.afficher_traces
        # A pre-rendered cell keeps its widget only if every IOPub message of the cell (one
        # comm_open per widget, then the display_data) is read after its execute_reply.
        # nbclient waits 4 s by default, then drops the rest with a mere warning: on a loaded
        # server a 270-widget app lost its display_data and its page stayed blank (issue 17).
        # The wait ends at the cell's "idle" status, so a long limit costs nothing; past it,
        # the cell fails visibly (French message) instead of silently, and a pool kernel in
        # that state is never handed to a page (reserve.PiloteReserve.avant_page).
        # Upstream: jupyter/nbclient#110 (intermittent "Timeout waiting for IOPub output"),
        # voila-dashboards/voila#920 (widgets not shown until the page is reloaded).
        c.VoilaExecutor.iopub_timeout = max(1, int(self.delai_sorties))
        c.VoilaExecutor.raise_on_iopub_timeout = True
        c.VoilaExecutor.cell_error_instruction = (
            "L'enseignant trouvera le détail dans le journal du serveur."
        )

        c.VoilaKernelManager.fill_delay = self.delai_remplissage
        c.GestionnaireNoyauxAtelier.demarrages_reserve_simultanes = self.demarrages_simultanes
        classe = {VARIABLE_CLASSE: self.dossier_classe} if self.dossier_classe else {}
        # the teacher's current legal interest rates, read by widgets.donnees.reglages
        classe.update(
            {
                variable: valeur.strip()
                for variable, valeur in (
                    (VARIABLE_INTERET_LEGAL_PROFESSIONNELS, self.taux_interet_legal_professionnels),
                    (VARIABLE_INTERET_LEGAL_PARTICULIERS, self.taux_interet_legal_particuliers),
                )
                if valeur.strip()
            }
        )
        pools = {
            carnet: {
                "pool_size": self.taille_pool_de(carnet),
                "kernel_env_variables": {VARIABLE_APP: carnet, **classe},
            }
            for carnet in self.carnets()
        }
        pools["default"] = {"pool_size": max(0, self.taille_pool_defaut)}
        if classe:
            pools["default"]["kernel_env_variables"] = classe
        c.VoilaKernelManager.kernel_pools_config = pools

        c.MappingKernelManager.cull_idle_timeout = max(0, self.delai_inactivite)
        c.MappingKernelManager.cull_interval = max(1, self.intervalle_nettoyage)
        c.MappingKernelManager.cull_connected = self.nettoyer_connectes
        c.MappingKernelManager.cull_busy = False
        return c
