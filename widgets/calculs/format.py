"""Affichage des nombres à la française (babel, locale ``fr_FR``).

Caractères exacts produits par babel (à savoir pour les tests) :

- séparateur des milliers : espace fine insécable U+202F (``"1\\u202f234,56"``) ;
- avant ``€`` et avant ``%`` : espace insécable U+00A0 (``"1\\u202f234,56\\u00a0€"``,
  ``"12,5\\u00a0%"``) ;
- virgule décimale ; signe moins ASCII ``-``.

Pour comparer avec un texte tapé à la main, utilisez :func:`espaces_normales`, qui remplace ces
espaces par des espaces ordinaires : ``espaces_normales(format_euros(1234.56)) == "1 234,56 €"``.

Les valeurs sont arrondies ici avec la règle du formulaire (demi au-dessus, ``ROUND_HALF_UP``)
avant d'être confiées à babel, qui sinon arrondirait « au pair ».
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

from widgets.calculs.arrondis import arrondi, arrondi_centime

__all__ = [
    "LOCALE",
    "espaces_normales",
    "format_euros",
    "format_nombre",
    "format_pourcent",
    "format_saisie",
]

LOCALE = "fr_FR"
MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
"""The French month names, January first (``MOIS[mois - 1]``)."""
_VIRGULE = str.maketrans(".", ",")
_ESPACES_SPECIALES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


def _decimal(valeur: Decimal | int | float | str) -> Decimal:
    if isinstance(valeur, float):
        valeur = str(valeur)
    return Decimal(valeur)


def _zero_positif(d: Decimal) -> Decimal:
    return abs(d) if d == 0 else d  # jamais « -0,00 »


def espaces_normales(texte: str) -> str:
    """Remplace les espaces insécables (U+00A0, U+202F…) par des espaces ordinaires."""
    return texte.translate(_ESPACES_SPECIALES)


def format_euros(valeur: Decimal | int | float | str) -> str:
    """Montant en euros, arrondi au centime : ``Decimal("1234.5")`` → ``"1 234,50 €"``.

    (Espaces réelles : U+202F entre les milliers, U+00A0 avant ``€``.)
    """
    return format_currency(_zero_positif(arrondi_centime(_decimal(valeur))), "EUR", locale=LOCALE)


def format_nombre(
    valeur: Decimal | int | float | str,
    decimales: int | None = None,
    *,
    decimales_maxi: int = 3,
) -> str:
    """Nombre à la française : ``1234.5`` → ``"1 234,5"``.

    ``decimales=None`` : au plus ``decimales_maxi`` (3) décimales, sans zéros inutiles
    (``2.50`` → ``"2,5"``) ; ``decimales=n`` : exactement ``n`` décimales
    (``format_nombre(2.5, 2)`` → ``"2,50"``).
    """
    d = _decimal(valeur)
    if decimales is None:
        d = _zero_positif(arrondi(d, decimales_maxi))
        motif = "#,##0" + ("." + "#" * decimales_maxi if decimales_maxi > 0 else "")
        return format_decimal(d, format=motif, locale=LOCALE)
    d = _zero_positif(arrondi(d, decimales))
    motif = "#,##0" + ("." + "0" * decimales if decimales > 0 else "")
    return format_decimal(d, format=motif, locale=LOCALE)


def format_pourcent(valeur: Decimal | int | float | str, decimales: int = 2) -> str:
    """Taux donné en pourcentage : ``12.5`` → ``"12,5 %"``, ``20`` → ``"20 %"``.

    Arrondi à ``decimales`` chiffres (2 par défaut), zéros inutiles retirés :
    ``format_pourcent(Decimal("14.50"))`` → ``"14,5 %"`` ; ``33.3333`` → ``"33,33 %"``.
    (Espace réelle avant ``%`` : U+00A0, comme babel.)
    """
    d = _zero_positif(arrondi(_decimal(valeur), decimales))
    motif = "#,##0" + ("." + "#" * decimales if decimales > 0 else "")
    return format_decimal(d, format=motif, locale=LOCALE) + "\u00a0%"


def format_saisie(valeur: Decimal | int | float | str) -> str:
    """Number as a person types it in a field or a CSV cell: decimal comma, no thousands
    separator, every digit kept (``Decimal("1234.50")`` → ``"1234,50"``, ``19.6`` → ``"19,6"``).

    Use it instead of swapping the point for a comma by hand (a scan test forbids that in
    ``widgets/``, ``notebooks/`` and ``voila_apps/``).
    """
    return format(_decimal(valeur), "f").translate(_VIRGULE)
