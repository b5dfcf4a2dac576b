"""L'éditeur SQL du requêteur : un widget anywidget autonome (aucun CDN).

Ce qu'il offre à l'étudiant :

- une zone de texte à police fixe (classe CSS ``atelier-champ-sql`` sur le ``<textarea>``) ;
- la coloration des mots-clés, fonctions, tables, colonnes, textes et nombres, par un calque
  coloré placé sous la zone de texte transparente (``editeur_sql.js`` / ``editeur_sql.css``) ;
- la complétion des noms de tables et de colonnes (et des mots-clés) : une petite liste sous
  l'éditeur dès deux lettres tapées, ou après ``table.`` ; flèches pour choisir, Tab ou Entrée
  pour accepter, Échap pour fermer ;
- **Ctrl+Entrée** (Cmd+Entrée sur Mac) pour exécuter la requête.

Côté Python : ``editeur.value`` (le texte), ``editeur.schema`` (``{table: [colonnes]}`` pour
la complétion et la coloration), ``editeur.sur_execution(rappel)`` (appelé à chaque Ctrl+Entrée).

Si anywidget n'est pas installé, :func:`creer_editeur` rend un simple ``ipywidgets.Textarea``
(même ``.value`` et ``.sur_execution``, sans coloration ni Ctrl+Entrée : le bouton Exécuter
reste).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
import traitlets

_ICI = Path(__file__).resolve().parent

__all__ = ["EditeurSQL", "EditeurSQLSimple", "creer_editeur"]

try:  # anywidget est une dépendance du projet ; le repli ne sert qu'aux installations partielles
    import anywidget
except ImportError:  # pragma: no cover - anywidget est installé dans l'environnement du projet
    anywidget = None


class _Rappels:
    """Petit mélange : la liste des rappels d'exécution."""

    def _initialiser_rappels(self) -> None:
        self._rappels: list[Callable[[], Any]] = []

    def sur_execution(self, rappel: Callable[[], Any]) -> None:
        """Appelle ``rappel()`` quand l'étudiant demande l'exécution (Ctrl+Entrée)."""
        self._rappels.append(rappel)

    def demander_execution(self) -> None:
        """Comme un Ctrl+Entrée de l'étudiant (pour les tests)."""
        for rappel in list(self._rappels):
            rappel()


if anywidget is not None:

    class EditeurSQL(_Rappels, anywidget.AnyWidget):
        """Éditeur SQL avec coloration, complétion et Ctrl+Entrée (voir le module)."""

        _esm = (_ICI / "editeur_sql.js").read_text(encoding="utf-8")
        _css = (_ICI / "editeur_sql.css").read_text(encoding="utf-8")

        value = traitlets.Unicode("").tag(sync=True)
        schema = traitlets.Dict().tag(sync=True)
        placeholder = traitlets.Unicode("SELECT … FROM … WHERE …").tag(sync=True)
        lignes = traitlets.Int(8).tag(sync=True)

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._initialiser_rappels()
            self.on_msg(self._recevoir)

        def _recevoir(self, _widget: Any, contenu: Any, _tampons: Any) -> None:
            if not isinstance(contenu, dict):
                return
            sql = contenu.get("sql")
            if isinstance(sql, str) and sql != self.value:
                # The text the student sees wins over a state update still held back by the
                # front end (see editeur_sql.js); locked so it is not echoed back mid-typing.
                with self._lock_property(value=sql):
                    self.value = sql
            if contenu.get("type") == "executer":
                self.demander_execution()

else:  # pragma: no cover
    EditeurSQL = None  # type: ignore[assignment,misc]


class EditeurSQLSimple(_Rappels, w.Textarea):
    """Repli sans anywidget : une zone de texte ipywidgets (pas de Ctrl+Entrée)."""

    schema = traitlets.Dict()
    lignes = traitlets.Int(8)

    def __init__(self, **kwargs: Any) -> None:
        placeholder = kwargs.pop("placeholder", "SELECT … FROM … WHERE …")
        super().__init__(placeholder=placeholder, **kwargs)
        self._initialiser_rappels()
        self.layout.width = "100%"
        self.layout.height = f"{self.lignes * 1.5 + 1:.0f}em"
        self.add_class("atelier-champ-sql")


def creer_editeur(*, simple: bool = False, **kwargs: Any) -> Any:
    """L'éditeur SQL (anywidget) ou, si ``simple`` ou sans anywidget, une zone de texte."""
    if simple or EditeurSQL is None:
        return EditeurSQLSimple(**kwargs)
    return EditeurSQL(**kwargs)
