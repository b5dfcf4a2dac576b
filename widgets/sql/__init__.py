"""The safe SQL engine of the workbench.

- :func:`executer_requete` runs ONE statement (read-only on the reference base, time-limited,
  at most ``lignes_max`` rows) and returns a :class:`ResultatRequete`;
- :class:`ErreurRequete` is raised for any refusal or failure, with a French message and a
  ``.code``; :class:`Avertissement` is a French warning (a ``str``) with a ``.code``;
- :func:`bac_a_sable` / :func:`reinitialiser_bac_a_sable` / :class:`BacASable`: the student's
  private writable copy, where INSERT/UPDATE/DELETE are allowed;
- :func:`schema`: tables, columns, French meanings and foreign keys for the schema browser.

The first release's English names still work and warn (``DeprecationWarning``): ``run_query``
(``max_rows``, ``time_limit_s``, ``writable``), ``QueryError``, ``QueryResult``.
"""

from widgets.sql.bac_a_sable import (
    BacASable,
    bac_a_sable,
    chemin_bac_a_sable,
    reinitialiser_bac_a_sable,
)
from widgets.sql.erreurs import Avertissement, ErreurRequete, nom_deprecie
from widgets.sql.moteur import (
    ResultatRequete,
    arreter_moteur,
    demarrer_en_arriere_plan,
    etat_travailleur,
    executer_requete,
    pid_travailleur,
    prechauffer,
    run_query,  # deprecated name, warns when called
)
from widgets.sql.schema import CleEtrangere, ColonneInfo, TableInfo, schema

__all__ = [
    "Avertissement",
    "BacASable",
    "CleEtrangere",
    "ColonneInfo",
    "ErreurRequete",
    "ResultatRequete",
    "TableInfo",
    "arreter_moteur",
    "bac_a_sable",
    "chemin_bac_a_sable",
    "demarrer_en_arriere_plan",
    "etat_travailleur",
    "executer_requete",
    "pid_travailleur",
    "prechauffer",
    "reinitialiser_bac_a_sable",
    "run_query",
    "schema",
]

_ANCIENS_NOMS = {"QueryError": ErreurRequete, "QueryResult": ResultatRequete}


def __getattr__(nom: str) -> object:
    """The old English class names, with a DeprecationWarning (``run_query`` warns when called)."""
    if nom in _ANCIENS_NOMS:
        nouveau = _ANCIENS_NOMS[nom]
        nom_deprecie(nom, nouveau.__name__)
        return nouveau
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
