#!/bin/sh
# Construit l'image de l'atelier sans registre d'images ni démon (docs/deploiement.md, partie 4) :
#   1. une base Debian faite par mmdebstrap, de la même version que cette machine
#      (/etc/os-release) : python3, python3-venv, ca-certificates, passwd ; les certificats de
#      la machine (dont celui d'un proxy filtrant du lycée) sont copiés dans la base ;
#   2. cette base importée comme image locale (localhost/atelier-base:<version>-<empreinte>) ;
#   3. buildah bud --layers --isolation chroot --format docker sur le Containerfile, la base
#      passée par --build-arg BASE=… (--format docker : garde le HEALTHCHECK).
#
# Usage, en root, depuis la racine du dépôt :
#   deploy/construire-image.sh [nom de l'image]          (défaut : localhost/atelier-nrc)
# Variables (facultatives) :
#   ATELIER_CACHE_IMAGE  dossier du cache : l'archive de la base (réutilisée) et, avec
#                        STOCKAGE_PROPRE=oui, le stockage de buildah et ses couches ; défaut
#                        ~/.cache/atelier-nrc/image. Le vider = tout reconstruire.
#   STOCKAGE_PROPRE      oui : images et couches dans $ATELIER_CACHE_IMAGE/stockage (ce que fait
#                        le test) ; défaut : le stockage habituel de buildah/podman
#   AVEC_HUB             oui (défaut du Containerfile : proxy de JupyterHub) ou non
#   MIROIR               miroir Debian (défaut http://deb.debian.org/debian) ; pour refaire
#                        exactement la même base plus tard :
#                        http://snapshot.debian.org/archive/debian/20250520T000000Z
#   SOURCE_DATE_EPOCH    date des fichiers de la base (défaut : fixe, donc archive reproductible
#                        à paquets identiques)
set -eu

image="${1:-localhost/atelier-nrc}"
suite="$(. /etc/os-release && echo "${VERSION_CODENAME}")"
cache="${ATELIER_CACHE_IMAGE:-${XDG_CACHE_HOME:-$HOME/.cache}/atelier-nrc/image}"
miroir="${MIROIR:-http://deb.debian.org/debian}"
paquets="python3,python3-venv,ca-certificates,passwd"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1767225600}"  # 1er janvier 2026, 00:00 UTC
mkdir -p "$cache"

racine=""
if [ "${STOCKAGE_PROPRE:-non}" = oui ]; then
    racine="--root $cache/stockage --runroot $cache/execution"
fi
# shellcheck disable=SC2086  # $racine : zéro ou quatre mots
buildah_() { buildah $racine "$@"; }

# 1. La base : une archive par version, paquets et miroir (gardée dans le cache).
empreinte="$(printf '%s\n' "$suite" "$paquets" "$miroir" "$SOURCE_DATE_EPOCH" \
    | cat - /etc/ssl/certs/ca-certificates.crt | sha256sum | cut -c1-12)"
archive="$cache/debian-$suite-$empreinte.tar"
if [ ! -s "$archive" ]; then
    echo "Base Debian $suite par mmdebstrap (quelques minutes) : $archive"
    mmdebstrap --quiet --format=tar --variant=minbase --include="$paquets" \
        --customize-hook='copy-in /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/' \
        "$suite" "$archive.partiel" "$miroir"
    mv "$archive.partiel" "$archive"
fi

# 2. Importée une fois comme image locale (aucun registre).
base="localhost/atelier-base:$suite-$empreinte"
if ! buildah_ inspect --type image "$base" >/dev/null 2>&1; then
    echo "Import de la base : $base"
    conteneur="$(buildah_ from scratch)"
    buildah_ add --quiet "$conteneur" "$archive" / >/dev/null
    buildah_ commit --quiet --timestamp "$SOURCE_DATE_EPOCH" "$conteneur" "$base" >/dev/null
    buildah_ rm "$conteneur" >/dev/null
fi

# 3. L'image (couches en cache : seules les étapes dont l'entrée a changé sont refaites).
buildah_ bud --layers --isolation chroot --network host --format docker \
    --build-arg BASE="$base" --build-arg AVEC_HUB="${AVEC_HUB:-oui}" \
    -t "$image" -f Containerfile .
echo "Image construite : $image (base $base)"
