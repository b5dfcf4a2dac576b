"""Deprecated: the vectorised analyses live beside the exact ones in the package
:mod:`widgets.donnees.portefeuille` (one module per analysis). This module only re-exports
their names for old notebooks; import from ``widgets.donnees.portefeuille`` instead."""

import warnings

from widgets.donnees.portefeuille import (
    SyntheseABC,
    abc_clients_vectorise,
    agregats_rentabilite,
    agregats_risque,
    ca_mensuel_en_memoire,
    classes_abc_vectorise,
    client_rfm_de_la_ligne,
    clients_rfm,
    compte_de_la_ligne,
    comptes_exploitation_vectorise,
    mesures_rfm_vectorise,
    resumes_par_segment,
    rfm_vectorise,
    risque_clients_vectorise,
    risque_de_la_ligne,
    scores_ponderes_vectorise,
    synthese_abc,
    vider_memoire,
)
from widgets.donnees.portefeuille.memoire import MEMO_TAILLE

__all__ = [
    "MEMO_TAILLE",
    "SyntheseABC",
    "abc_clients_vectorise",
    "agregats_rentabilite",
    "agregats_risque",
    "ca_mensuel_en_memoire",
    "client_rfm_de_la_ligne",
    "clients_rfm",
    "classes_abc_vectorise",
    "compte_de_la_ligne",
    "comptes_exploitation_vectorise",
    "mesures_rfm_vectorise",
    "rfm_vectorise",
    "risque_clients_vectorise",
    "resumes_par_segment",
    "risque_de_la_ligne",
    "scores_ponderes_vectorise",
    "synthese_abc",
    "vider_memoire",
]

warnings.warn(
    "widgets.donnees.portefeuille_vectorise est déprécié : importez depuis "
    "widgets.donnees.portefeuille.",
    DeprecationWarning,
    stacklevel=2,
)
