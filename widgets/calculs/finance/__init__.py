"""Finance et rentabilité (S512, S523, S531, S532, S533) : calculs purs, en Decimal exact.

- :mod:`.interets` : intérêts composés, valeur actuelle, taux proportionnel / équivalent ;
- :mod:`.emprunt` : annuité constante, tableau d'emprunt ;
- :mod:`.financements` : emprunt, crédit-bail, LOA, LLD comparés (coût total, actualisé et net
  d'impôt et de valeur résiduelle) ;
- :mod:`.credit_consommation` : crédit affecté, TAEG, coût total, rétractation (S753) ;
- :mod:`.rentabilite` : seuil de rentabilité, point mort, sécurité, levier, coût complet ;
- :mod:`.amortissement` : plan linéaire et dégressif, prorata temporis ;
- :mod:`.investissement` : VAN, TRI, délai de récupération, ROI, rentabilité d'une action ;
- :mod:`.tresorerie` : DSO (délai de crédit clients), rotation des stocks, BFRE ;
- :mod:`.pieges` : the wrong conventions, for the diagnosis (imported apart).

Rates are given in % (``"6 %"``, ``6``); bad input raises
:class:`~widgets.calculs.SaisieInvalide` with a French message.
"""

from widgets.calculs.finance.amortissement import (
    LigneAmortissement,
    PlanAmortissement,
    amortissement,
    coefficient_degressif,
    jours_30_360,
)
from widgets.calculs.finance.credit_consommation import CreditAffecte, credit_affecte
from widgets.calculs.finance.emprunt import (
    MODES_EMPRUNT,
    LigneEmprunt,
    TableauEmprunt,
    annuite,
    tableau_emprunt,
)
from widgets.calculs.finance.financements import (
    MODES_FINANCEMENT,
    Comparaison,
    CoutFinancement,
    comparer_financements,
)
from widgets.calculs.finance.interets import (
    Capitalisation,
    capitalisation,
    interets_composes,
    taux_equivalent,
    taux_proportionnel,
    valeur_actuelle,
)
from widgets.calculs.finance.investissement import (
    VAN,
    DelaiRecuperation,
    EvaluationAction,
    delai_de_recuperation,
    evaluer_action,
    evaluer_action_planifiee,
    marges_d_une_action,
    roi,
    tri,
    van,
)
from widgets.calculs.finance.rentabilite import (
    MOIS,
    CoutComplet,
    PointMort,
    SeuilRentabilite,
    cout_complet,
    point_mort_jour,
    seuil_de_rentabilite,
)
from widgets.calculs.finance.tresorerie import (
    BFRE,
    RotationStocks,
    bfre,
    dso,
    jours_annee,
    rotation_stocks,
)

__all__ = [
    "BFRE",
    "MODES_EMPRUNT",
    "MODES_FINANCEMENT",
    "MOIS",
    "VAN",
    "CreditAffecte",
    "credit_affecte",
    "Capitalisation",
    "Comparaison",
    "CoutComplet",
    "CoutFinancement",
    "DelaiRecuperation",
    "EvaluationAction",
    "LigneAmortissement",
    "LigneEmprunt",
    "PlanAmortissement",
    "PointMort",
    "RotationStocks",
    "SeuilRentabilite",
    "TableauEmprunt",
    "amortissement",
    "annuite",
    "bfre",
    "capitalisation",
    "coefficient_degressif",
    "comparer_financements",
    "cout_complet",
    "delai_de_recuperation",
    "dso",
    "evaluer_action",
    "evaluer_action_planifiee",
    "marges_d_une_action",
    "interets_composes",
    "jours_30_360",
    "jours_annee",
    "point_mort_jour",
    "roi",
    "rotation_stocks",
    "seuil_de_rentabilite",
    "tableau_emprunt",
    "taux_equivalent",
    "taux_proportionnel",
    "tri",
    "valeur_actuelle",
    "van",
]
