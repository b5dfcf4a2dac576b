"""Analyse du portefeuille clients lue dans la base (lecture seule), one module per analysis,
the exact path (``Decimal``, the reference for exercises and corrigés) and the vectorised one
(pandas, int64 cents, for 100 000-client bases) side by side, equal client by client:

- :mod:`~widgets.donnees.portefeuille.ca_abc`: CA by client, product and month, ABC analysis;
- :mod:`~widgets.donnees.portefeuille.rfm`: RFM measures, scores, segments, campaign files;
- :mod:`~widgets.donnees.portefeuille.rentabilite`: customer P&L (compte d'exploitation);
- :mod:`~widgets.donnees.portefeuille.risque`: encours, overdue part, delay, DSO;
- :mod:`~widgets.donnees.portefeuille.statistiques`: CA per client by segment, summaries;
- :mod:`~widgets.donnees.portefeuille.commun`: reference date, filters, client sheets, CSV;
- :mod:`~widgets.donnees.portefeuille.memoire`: memo of aggregate frames, integer cents.

Each analysis takes one parameter object (``ParametresABC``, ``ParametresRFM``,
``ParametresRentabilite``, ``ParametresRisque``, ``ParametresStatistiques``), accepted by both
paths as ``parametres=``. SQL aggregates here, the maths in :mod:`widgets.calculs`; the text
tables for notebooks are in :mod:`widgets.ui.textes_portefeuille`.

``from widgets.donnees import portefeuille`` keeps giving every name of the former single
module and of ``portefeuille_vectorise`` (now a deprecated re-export).
"""

from widgets.donnees.generation.schema import TYPES_CLIENT
from widgets.donnees.portefeuille.ca_abc import (
    ParametresABC,
    SyntheseABC,
    abc_clients,
    abc_clients_vectorise,
    abc_produits,
    ca_mensuel,
    ca_mensuel_en_memoire,
    ca_par_client,
    ca_par_produit,
    classes_abc_vectorise,
    synthese_abc,
)
from widgets.donnees.portefeuille.commun import (
    AUJOURD_HUI,
    Parametres,
    date_facture_du_filtre,
    exporter_csv,
    fiches_clients,
    tableau,
)
from widgets.donnees.portefeuille.memoire import MEMO_TAILLE, vider_memoire
from widgets.donnees.portefeuille.rentabilite import (
    ClientRentabilite,
    ParametresRentabilite,
    agregats_rentabilite,
    compte_de_la_ligne,
    comptes_exploitation,
    comptes_exploitation_vectorise,
    km_exacts,
    sql_rentabilite,
)
from widgets.donnees.portefeuille.rfm import (
    ParametresRFM,
    client_rfm_de_la_ligne,
    clients_rfm,
    lignes_segment,
    mesures_rfm,
    mesures_rfm_vectorise,
    rfm_clients,
    rfm_du_portefeuille,
    rfm_vectorise,
    scores_ponderes_vectorise,
    sql_mesures_rfm,
)
from widgets.donnees.portefeuille.risque import (
    ParametresRisque,
    RisqueClient,
    agregats_risque,
    risque_clients,
    risque_clients_vectorise,
    risque_de_la_ligne,
    sql_risque,
)
from widgets.donnees.portefeuille.statistiques import (
    ParametresStatistiques,
    ca_par_segment,
    resumes_par_segment,
    segments_possibles,
)

__all__ = [
    "AUJOURD_HUI",
    "MEMO_TAILLE",
    "TYPES_CLIENT",
    "ClientRentabilite",
    "Parametres",
    "ParametresABC",
    "ParametresRFM",
    "ParametresRentabilite",
    "ParametresRisque",
    "ParametresStatistiques",
    "RisqueClient",
    "SyntheseABC",
    "abc_clients",
    "abc_clients_vectorise",
    "abc_produits",
    "agregats_rentabilite",
    "agregats_risque",
    "ca_mensuel",
    "ca_mensuel_en_memoire",
    "ca_par_client",
    "ca_par_produit",
    "ca_par_segment",
    "classes_abc_vectorise",
    "client_rfm_de_la_ligne",
    "clients_rfm",
    "compte_de_la_ligne",
    "comptes_exploitation",
    "comptes_exploitation_vectorise",
    "date_facture_du_filtre",
    "exporter_csv",
    "fiches_clients",
    "km_exacts",
    "lignes_segment",
    "mesures_rfm",
    "mesures_rfm_vectorise",
    "resumes_par_segment",
    "rfm_clients",
    "rfm_du_portefeuille",
    "rfm_vectorise",
    "risque_clients",
    "risque_clients_vectorise",
    "risque_de_la_ligne",
    "scores_ponderes_vectorise",
    "segments_possibles",
    "sql_mesures_rfm",
    "sql_rentabilite",
    "sql_risque",
    "synthese_abc",
    "tableau",
    "vider_memoire",
]
