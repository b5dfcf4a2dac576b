"""Exercices de l'unité finance (S512, S523, S531, S532, S533), un module par thème."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from widgets.calculs.finance.pieges import PIEGES_FINANCE
from widgets.exercices import Piege


def piege_finance(code: str, *arguments: Any) -> Piege:
    """The :class:`Piege` of a wrong finance convention, computed on the exercise's data."""
    connu = PIEGES_FINANCE[code]
    return Piege(code, Decimal(connu.fonction(*arguments)), connu.explication)
