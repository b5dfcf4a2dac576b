"""Calculs purs de l'atelier : lecture des saisies françaises, affichage, net à payer, marges.

Aucune entrée/sortie ici (ni ipywidgets, ni sqlite3, ni fichiers, ni réseau) : des fonctions
sur des ``Decimal``, arrondies au centime (demi au-dessus) à chaque étape du document.
Chaque erreur prévue est une :class:`SaisieInvalide` avec un message en français.

Les conventions FAUSSES (diagnostic des erreurs d'étudiants) sont dans
:mod:`widgets.calculs.pieges` (registre ``PIEGES``), importé à part.
"""

from widgets.calculs.arrondis import CENTIME, arrondi, arrondi_centime
from widgets.calculs.distribution import (
    FIN_SRP_PLUS_10,
    MargeArriere,
    MargeAvant,
    SeuilReventeAPerte,
    marge_arriere,
    marge_avant,
    prix_triple_net,
    seuil_revente_a_perte,
)
from widgets.calculs.facture import (
    TAUX_TVA_FRANCE,
    Etape,
    LigneCalculee,
    NetAPayer,
    Reduction,
    TvaTaux,
    net_a_payer,
    remises_en_cascade,
    repartir_au_prorata,
    taux_global_cascade,
)
from widgets.calculs.format import (
    espaces_normales,
    format_euros,
    format_nombre,
    format_pourcent,
)
from widgets.calculs.francais import accorder, un
from widgets.calculs.interets import interets_simples
from widgets.calculs.marges import (
    Marges,
    marges,
    prix_de_vente,
    resoudre_marges,
    taux_de_marge_depuis_marque,
    taux_de_marque_depuis_marge,
)
from widgets.calculs.negociation import (
    Concessions,
    CoutConcession,
    MargeDeManoeuvre,
    marge_de_manoeuvre,
)
from widgets.calculs.saisie import (
    SaisieInvalide,
    coordonnees,
    date_francaise,
    montant,
    nombre,
    quantite,
    taux,
)

__all__ = [
    "CENTIME",
    "coordonnees",
    "accorder",
    "un",
    "FIN_SRP_PLUS_10",
    "TAUX_TVA_FRANCE",
    "Concessions",
    "CoutConcession",
    "Etape",
    "LigneCalculee",
    "MargeArriere",
    "MargeAvant",
    "MargeDeManoeuvre",
    "Marges",
    "NetAPayer",
    "Reduction",
    "SaisieInvalide",
    "SeuilReventeAPerte",
    "TvaTaux",
    "arrondi",
    "arrondi_centime",
    "date_francaise",
    "espaces_normales",
    "format_euros",
    "format_nombre",
    "format_pourcent",
    "interets_simples",
    "marge_arriere",
    "marge_avant",
    "marge_de_manoeuvre",
    "marges",
    "montant",
    "net_a_payer",
    "nombre",
    "prix_de_vente",
    "prix_triple_net",
    "quantite",
    "remises_en_cascade",
    "repartir_au_prorata",
    "resoudre_marges",
    "seuil_revente_a_perte",
    "taux",
    "taux_de_marge_depuis_marque",
    "taux_de_marque_depuis_marge",
    "taux_global_cascade",
]
