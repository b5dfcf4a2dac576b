# Atelier NRC sur JupyterHub : fragment de configuration commun à TLJH et à un hub « à la main ».
#
# - The Littlest JupyterHub : copier ce fichier dans /opt/tljh/config/jupyterhub_config.d/
#   puis `sudo tljh-config reload hub`.
# - Hub installé à la main : dans jupyterhub_config.py, ajouter
#   `load_subconfig("/chemin/vers/deploy/jupyterhub/atelier_jupyterhub_config.py")`.
# - Zero to JupyterHub (Kubernetes) : reprendre les mêmes réglages dans `hub.extraConfig`
#   (voir docs/deploiement.md).
#
# Chaque élève a son propre dossier de données (progression, bac à sable SQL, plans) dans son
# dossier personnel : ATELIER_DONNEES=~/.atelier. Les tableaux de bord sont le Voilà de son
# propre serveur : https://serveur/user/<nom>/voila/render/<application>.ipynb
# Testé par tests/test_jupyterhub_tableaux_de_bord_par_utilisateur.py.

import os

c = get_config()  # noqa: F821  (fourni par traitlets au chargement)


def dossier_atelier(spawner):
    """Dossier de données Atelier de l'utilisateur : <son dossier personnel>/.atelier."""
    home = getattr(spawner, "home_dir", "") or os.path.expanduser(f"~{spawner.user.name}")
    return os.path.join(home, ".atelier")


c.Spawner.environment.update({"ATELIER_DONNEES": dossier_atelier})

# Page d'arrivée de l'élève : la liste de ses tableaux de bord Voilà (JupyterLab reste à
# /user/<nom>/lab pour l'enseignant ou les séances « carnets »).
c.Spawner.default_url = "/voila/tree"

# Voilà dans le serveur de chaque élève : sources cachées, pas de trace Python à l'écran.
c.Spawner.args.extend(
    [
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
    ]
)

# Serveurs inactifs arrêtés (mémoire rendue) : service « idle culler » de JupyterHub.
# TLJH l'active déjà (tljh-config set services.cull.timeout 1800) ; hub à la main :
#   pip install jupyterhub-idle-culler, puis décommenter :
# c.JupyterHub.services.append({
#     "name": "idle-culler",
#     "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=1800"],
# })
# c.JupyterHub.load_roles.append({
#     "name": "idle-culler",
#     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
#     "services": ["idle-culler"],
# })

# Cockpit de l'enseignant derrière le hub (page /enseignant ouverte aux administrateurs du
# hub) : lancer le serveur de tableaux de bord comme service, avec un dossier de classe
# partagé où chaque serveur d'élève écrit sa progression. Exemple (non testé avec un vrai
# hub ; voir docs/deploiement.md) :
# c.JupyterHub.services.append({
#     "name": "atelier-cockpit",
#     "url": "http://127.0.0.1:8866",
#     "command": ["atelier", "tableaux-de-bord", "--port", "8866"],
#     "environment": {"ATELIER_CLASSE": "/srv/atelier-classe"},
# })
# c.Spawner.environment.update({"ATELIER_CLASSE": "/srv/atelier-classe"})
