"""The safe SQL engine of the workbench.

- :func:`run_query` runs ONE statement (read-only on the reference base, time-limited,
  at most ``max_rows`` rows) and returns a :class:`QueryResult`;
- :class:`QueryError` is raised for any refusal or failure, with a French message and a
  ``.code``; :class:`Avertissement` is a French warning (a ``str``) with a ``.code``;
- :func:`bac_a_sable` / :func:`reinitialiser_bac_a_sable` / :class:`BacASable`: the student's
  private writable copy, where INSERT/UPDATE/DELETE are allowed;
- :func:`schema`: tables, columns, French meanings and foreign keys for the schema browser.
"""

from widgets.sql.bac_a_sable import (
    BacASable,
    bac_a_sable,
    chemin_bac_a_sable,
    reinitialiser_bac_a_sable,
)
from widgets.sql.erreurs import Avertissement, QueryError
from widgets.sql.moteur import (
    QueryResult,
    arreter_moteur,
    demarrer_en_arriere_plan,
    etat_travailleur,
    pid_travailleur,
    prechauffer,
    run_query,
)
from widgets.sql.schema import CleEtrangere, ColonneInfo, TableInfo, schema

__all__ = [
    "Avertissement",
    "BacASable",
    "CleEtrangere",
    "ColonneInfo",
    "QueryError",
    "QueryResult",
    "TableInfo",
    "arreter_moteur",
    "bac_a_sable",
    "chemin_bac_a_sable",
    "demarrer_en_arriere_plan",
    "etat_travailleur",
    "pid_travailleur",
    "prechauffer",
    "reinitialiser_bac_a_sable",
    "run_query",
    "schema",
]
