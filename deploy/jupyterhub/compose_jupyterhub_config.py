# JupyterHub du serveur du lycée (deploy/compose.yaml, service « jupyterhub ») : les carnets des
# élèves, chacun dans son dossier du volume /donnees. Lu par l'image (mode « hub »).
#
# Connexion : identifiant de la liste de classe + mot de passe de la classe
# (SharedPasswordAuthenticator, fourni avec JupyterHub). Limite connue : avec ce mot de passe
# partagé, un élève peut se connecter sous l'identifiant d'un camarade, et tous les serveurs
# d'élèves tournent sous le même compte système (isolement par dossier seulement). Pour
# l'authentification de l'ENT (CAS, OAuth) ou un vrai isolement, voir Zero to JupyterHub
# (deploy/z2jh/values.yaml, un conteneur par élève) et docs/deploiement.md.
import os
from pathlib import Path

c = get_config()  # noqa: F821  (fourni par traitlets au chargement)

DONNEES = Path("/donnees")
LISTE = DONNEES / "hub" / "eleves.txt"  # un identifiant par ligne (la liste de classe)

c.JupyterHub.bind_url = "http://0.0.0.0:8000"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{DONNEES / 'hub' / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(DONNEES / "hub" / "cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(DONNEES / "hub" / "proxy.pid")

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ.get("ATELIER_HUB_MOT_DE_PASSE") or None
c.SharedPasswordAuthenticator.admin_password = (
    os.environ.get("ATELIER_HUB_MOT_DE_PASSE_ADMIN") or None
)
c.Authenticator.admin_users = set(os.environ.get("ATELIER_HUB_ADMINS", "").split())
if LISTE.exists():
    c.Authenticator.allowed_users = {
        ligne.strip() for ligne in LISTE.read_text(encoding="utf-8").splitlines() if ligne.strip()
    }

# Serveurs des élèves : le mode « singleuser » de l'image, un dossier par élève.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(DONNEES / "hub" / "eleves" / "{username}")
c.Spawner.cmd = ["/app/deploy/atelier-entrypoint.sh", "singleuser"]
c.Spawner.default_url = "/voila/tree"
c.Spawner.environment.update(
    {
        # progression dans le dossier de l'élève, et dans le dossier de la classe
        # (lu en direct par la page /enseignant du serveur de tableaux de bord)
        "ATELIER_DONNEES": lambda spawner: f"{spawner.home_dir}/.atelier",
        "ATELIER_CLASSE": str(DONNEES / "classe"),
    }
)
# Mémoire : ~85 Mo par noyau mesurés (atelier capacite) ; 1 Go au plus par élève.
c.Spawner.mem_limit = "1G"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# Inactivité (jupyterhub-idle-culler n'est pas dans le verrou) : chaque serveur d'élève arrête
# ses noyaux inactifs depuis 30 min, puis s'arrête lui-même 30 min après la dernière activité.
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=1800",
    "--MappingKernelManager.cull_interval=60",
    "--ServerApp.shutdown_no_activity_timeout=1800",
]
