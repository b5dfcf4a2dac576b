#!/bin/sh
# Point d'entrée de l'image Atelier NRC (Containerfile). Un mode, puis ses options :
#   tableaux-de-bord  le serveur de tableaux de bord Voilà (port 8866, défaut ; ATELIER_PORT)
#   lab               JupyterLab sur les carnets de l'élève (port 8888)
#   singleuser        le serveur d'un élève lancé par JupyterHub (Zero to JupyterHub, compose)
#   hub               JupyterHub de deploy/compose.yaml (deploy/jupyterhub/compose_jupyterhub_config.py)
#   autre chose       exécuté tel quel (ex. : atelier capacite --eleves 300 --simultanes 120)
set -eu

# Carnets et applications copiés une fois dans le dossier de l'élève (jamais écrasés ensuite).
copier_carnets() {
    cible="$1"
    mkdir -p "$cible" "$ATELIER_DONNEES"
    [ -e "$cible/carnets" ] || cp -r /app/notebooks "$cible/carnets"
    [ -e "$cible/voila_apps" ] || cp -r /app/voila_apps "$cible/voila_apps"
}

mode="${1:-tableaux-de-bord}"
[ "$#" -gt 0 ] && shift
case "$mode" in
    tableaux-de-bord)
        mkdir -p "$ATELIER_CLASSE" "$ATELIER_SERVEUR"
        exec atelier tableaux-de-bord \
            --config "${ATELIER_CONFIG:-/app/deploy/atelier_dashboards_config.py}" \
            --hote 0.0.0.0 --port "${ATELIER_PORT:-8866}" "$@" ;;
    lab)
        copier_carnets /donnees/lab
        exec atelier lab --dossier /donnees/lab --hote 0.0.0.0 --port 8888 --sans-navigateur "$@" ;;
    singleuser)
        copier_carnets "$HOME"
        exec jupyterhub-singleuser --ServerApp.root_dir="$HOME" \
            --VoilaConfiguration.strip_sources=True \
            --VoilaConfiguration.show_tracebacks=False "$@" ;;
    hub)
        mkdir -p /donnees/hub
        cd /donnees/hub
        exec jupyterhub -f /app/deploy/jupyterhub/compose_jupyterhub_config.py "$@" ;;
    *)
        exec "$mode" "$@" ;;
esac
