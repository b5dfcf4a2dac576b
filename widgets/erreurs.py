"""The one error shape of the workbench.

Every layer raises :class:`ErreurAtelier` (or a subclass) with a French message that a student
can act on; the widgets catch it and show ``str(err)`` next to the field, never a traceback.
It lives at the package root, outside the three layers, so each layer can import it without
breaking the one-way dependency rule.
"""

from __future__ import annotations


class ErreurAtelier(ValueError):
    """Erreur prévue, avec un message en français destiné à l'étudiant.

    ``champ`` nomme le champ fautif (ou ``None``), ``message`` dit ce qui ne va pas et
    ce qu'il faut faire.
    """

    def __init__(self, message: str, *, champ: str | None = None) -> None:
        self.message = message
        self.champ = champ
        super().__init__(message if champ is None else f"{champ} : {message}")
