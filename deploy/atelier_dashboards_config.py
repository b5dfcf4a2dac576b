# Configuration des tableaux de bord de l'intranet (`atelier tableaux-de-bord`, `make dashboards`).
#
# Fichier Python lu au démarrage (format « traitlets » de Jupyter). Chaque réglage est
# documenté dans widgets/tableaux_de_bord/configuration.py (ConfigTableauxDeBord) et dans
# docs/deploiement.md. Les options --hote et --port de la commande remplacent hote et port.
# Ce fichier est réglé une fois pour toutes par le service informatique : un enseignant n'a
# rien à y modifier avant un cours (voir « Réserve » ci-dessous et `atelier seance`).
# Après une modification, arrêter (Ctrl+C, ou `systemctl stop` : tous les noyaux sont arrêtés
# avec le serveur) puis relancer le serveur.

c = get_config()  # noqa: F821  (fourni par traitlets au chargement)

# Adresse et port : 127.0.0.1 derrière nginx (voir deploy/nginx/atelier.conf),
# 0.0.0.0 pour être joint directement depuis les postes de la salle.
c.ConfigTableauxDeBord.hote = "127.0.0.1"
c.ConfigTableauxDeBord.port = 8866

# Réserve de noyaux préchauffés : le carnet est déjà exécuté quand l'élève ouvre la page
# (~80 Mo de mémoire par noyau). Au repos, 2 par application. Rien à changer pour un cours :
# - dès qu'une application est ouverte (l'enseignant la vérifie avant l'arrivée des élèves),
#   le serveur prépare en arrière-plan, un noyau à la fois, de quoi accueillir taille_classe
#   élèves (noyaux déjà au service des élèves compris) ; après delai_retour_reserve secondes
#   sans nouvelle ouverture, la réserve revient à 2 et la mémoire est rendue ;
# - pour préparer une séance à l'avance, sans redémarrer le serveur :
#   `atelier seance --app negociation --eleves 35 --duree 120` (ou la page de l'enseignant).
# max_noyaux_total borne la croissance (toutes applications, ~80 Mo par noyau).
c.ConfigTableauxDeBord.taille_pool_defaut = 2
c.ConfigTableauxDeBord.taille_pool = {}
c.ConfigTableauxDeBord.taille_classe = 36
c.ConfigTableauxDeBord.delai_retour_reserve = 1800
c.ConfigTableauxDeBord.max_noyaux_total = 100

# Plafond d'élèves servis en même temps par application (au-delà : page « serveur complet »).
c.ConfigTableauxDeBord.max_noyaux_defaut = 60
c.ConfigTableauxDeBord.max_noyaux = {}

# Nettoyage : un noyau sans activité depuis 30 minutes est arrêté (même onglet ouvert).
c.ConfigTableauxDeBord.delai_inactivite = 1800
c.ConfigTableauxDeBord.intervalle_nettoyage = 60
c.ConfigTableauxDeBord.nettoyer_connectes = True

# Les élèves ne voient jamais de trace Python ; l'enseignant les lit dans ce journal.
c.ConfigTableauxDeBord.afficher_traces = False
c.ConfigTableauxDeBord.fichier_journal = ""

# Cockpit de l'enseignant (page /enseignant) : liste de la classe, carte, notes, remise à zéro.
# Dossier de la classe (liste, empreintes des codes, progression des élèves de ce serveur) ;
# vide = « classe » dans le dossier de données du compte qui lance le serveur.
c.ConfigTableauxDeBord.dossier_classe = ""
# Mot de passe CHIFFRÉ de la page (vide = page fermée). L'enseignant le choisit lui-même,
# sans toucher à ce fichier : `.venv/bin/atelier enseignant mot-de-passe` (stocké chiffré dans
# ses réglages personnels, hors du projet, qui priment sur ce fichier).
c.ConfigTableauxDeBord.mot_de_passe_enseignant = ""
c.ConfigTableauxDeBord.seuil_blocage = 3
c.ConfigTableauxDeBord.actualisation_enseignant = 10
