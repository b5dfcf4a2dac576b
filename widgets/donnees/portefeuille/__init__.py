"""Analyse du portefeuille clients (transitional: the exact and vectorised modules)."""

from widgets.donnees.portefeuille.exact import *  # noqa: F403
from widgets.donnees.portefeuille.vectorise import *  # noqa: F403
