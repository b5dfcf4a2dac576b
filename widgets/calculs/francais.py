"""Accords du français dans les textes générés : pluriel après un nombre, article selon le genre.

- :func:`accorder` : ``accorder(2, "visite")`` → ``"2 visites"`` ; en français, 0 et 1 (et tout
  nombre de valeur absolue inférieure à 2, comme 1,5) gardent le **singulier** :
  ``accorder(0, "visite")`` → ``"0 visite"``. Un nom composé s'accorde sur son premier mot
  (``"visite de suivi"`` → ``"visites de suivi"``) ; un pluriel irrégulier se donne
  explicitement (``accorder(3, "client actif", "clients actifs")``) ou vient de la table
  :data:`PLURIELS_IRREGULIERS`.
- :func:`pluriel` : le pluriel d'un nom seul (règles régulières : -s, -x, -z invariables ;
  -eau, -au, -eu → -x ; -al → -aux, sauf exceptions).
- :func:`un` : ``un("serviette de plage")`` → ``"une serviette de plage"`` ; le genre vient de
  :data:`GENRES` (le vocabulaire des produits et des acteurs des exercices) ou de ``genre=``.
  Un nom inconnu sans genre est une erreur de programmation (``KeyError``) : on le déclare
  plutôt que de risquer « un serviette ».

Pure: no I/O; numbers are written with :func:`widgets.calculs.format.format_nombre`.
"""

from __future__ import annotations

from decimal import Decimal

from widgets.calculs.format import format_nombre

PLURIELS_IRREGULIERS = {
    "œil": "yeux",
    "travail": "travaux",
    "bail": "baux",
    "corail": "coraux",
    "émail": "émaux",
    "vitrail": "vitraux",
    "bijou": "bijoux",
    "caillou": "cailloux",
    "chou": "choux",
    "genou": "genoux",
    "joujou": "joujoux",
    "pou": "poux",
    "hibou": "hiboux",
}
_AL_EN_ALS = {"bal", "carnaval", "chacal", "festival", "récital", "régal", "cal", "étal"}
_EU_EN_EUS = {"pneu", "bleu", "émeu", "landau", "sarrau"}

# le genre des noms que les exercices écrivent après « un / une » (f : féminin, m : masculin)
GENRES = {
    "article": "m",
    "boutique": "f",
    "boutique de souvenirs": "f",
    "chausson": "m",
    "client": "m",
    "cliente": "f",
    "commande": "f",
    "commercial": "m",
    "couette": "f",
    "drap housse": "m",
    "facture": "f",
    "gant de toilette": "m",
    "housse": "f",
    "lettre de change": "f",
    "linge de maison": "m",
    "nappe": "f",
    "parapluie": "m",
    "peignoir": "m",
    "plaid": "m",
    "pot de confiture": "m",
    "prime": "f",
    "prospect": "m",
    "remise": "f",
    "serviette": "f",
    "serviette de plage": "f",
    "serviette éponge": "f",
    "taie d'oreiller": "f",
    "tapis de bain": "m",
    "torchon": "m",
    "visite": "f",
}


def pluriel(nom: str) -> str:
    """Le pluriel d'un nom seul (``"bureau"`` → ``"bureaux"``, ``"prix"`` → ``"prix"``)."""
    if nom in PLURIELS_IRREGULIERS:
        return PLURIELS_IRREGULIERS[nom]
    if nom.endswith(("s", "x", "z")):
        return nom
    if nom.endswith(("eau", "au", "eu")) and nom not in _EU_EN_EUS:
        return nom + "x"
    if nom.endswith("al") and nom not in _AL_EN_ALS:
        return nom[:-2] + "aux"
    return nom + "s"


def _pluriel_du_groupe(nom: str) -> str:
    """A compound noun agrees on its first word: « visite de suivi » → « visites de suivi »."""
    tete, espace, reste = nom.partition(" ")
    return pluriel(tete) + espace + reste


def est_pluriel(n: Decimal | int | float) -> bool:
    """French: the plural starts at 2 (« 0 visite », « 1,5 jour », « 2 visites »)."""
    return abs(Decimal(str(n))) >= 2


def accorder(
    n: Decimal | int | float,
    nom: str,
    pluriel_du_nom: str | None = None,
    *,
    avec_nombre: bool = True,
) -> str:
    """``"n nom"`` with the noun agreed: ``accorder(2, "visite")`` → ``"2 visites"``.

    ``pluriel_du_nom``: the plural when it is not regular (an adjective agrees too:
    ``accorder(3, "client actif", "clients actifs")``). ``avec_nombre=False`` returns the noun
    alone (``"visites"``), for a sentence that writes the number elsewhere.
    """
    if est_pluriel(n):
        mot = pluriel_du_nom if pluriel_du_nom is not None else _pluriel_du_groupe(nom)
    else:
        mot = nom
    if not avec_nombre:
        return mot
    return f"{format_nombre(n)} {mot}"


def un(nom: str, genre: str | None = None) -> str:
    """``"un peignoir"`` / ``"une serviette"``; ``genre`` (``"m"``/``"f"``) overrides
    :data:`GENRES` (``KeyError`` for an unknown noun without ``genre``)."""
    g = genre or GENRES[nom]
    if g not in ("m", "f"):
        raise ValueError(f"Genre inconnu : {g!r} (attendu « m » ou « f »).")
    return f"{'une' if g == 'f' else 'un'} {nom}"
