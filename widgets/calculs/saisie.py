"""Lecture des nombres tapés par un étudiant français, et arrondis au centime.

Ce module est pur : il transforme un texte (ou un nombre) en :class:`~decimal.Decimal` exact,
ou lève :class:`SaisieInvalide` avec un message en français qui nomme le champ et dit quoi
écrire.

Règles de lecture (``montant``, ``taux``, ``quantite``)
------------------------------------------------------

- Entiers (``int``) et ``Decimal`` finis : acceptés tels quels. ``bool`` est refusé.
- ``float`` : converti par ``str`` (``0.1`` devient ``Decimal("0.1")``, pas la valeur binaire
  0.1000000000000000055…). Préférez ``Decimal`` ou du texte pour les montants.
- Texte :

  * les espaces (normale, insécable U+00A0, fine insécable U+202F, fine U+2009) sont ignorées :
    ``"1 234,56"`` ; le symbole ``€`` (ou ``EUR``, ``euro``, ``euros``) est accepté au début ou
    à la fin pour un montant, le symbole ``%`` à la fin pour un taux ;
  * le séparateur décimal est la virgule ou le point : ``"1234,56"`` = ``"1234.56"`` ; un point
    seul est donc décimal : ``"1.234"`` vaut 1,234 (et non mille deux cent trente-quatre) ;
  * un seul séparateur décimal : ``"12,5,3"`` ou ``"1.234.567"`` sont refusés ;
  * si la virgule ET le point apparaissent, le **dernier** est le séparateur décimal et l'autre
    ne peut servir qu'à grouper les milliers par paquets de trois chiffres, avant lui :
    ``"1.234,56"`` = ``"1,234.56"`` = 1234,56 ; ``"1.23,4"`` est refusé ;
  * signe ``-`` (ou le signe moins typographique U+2212) autorisé seulement si le champ
    accepte les nombres négatifs ; ``+`` accepté ;
  * notation scientifique (``1e3``), lettres, texte vide : refusés.

- ``montant`` lit exactement (aucun arrondi) ; les calculs arrondissent au centime à chaque
  étape du document avec :func:`arrondi_centime` (demi au-dessus, ``ROUND_HALF_UP``), comme un
  étudiant sur sa copie.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from widgets.calculs.arrondis import CENTIME, arrondi, arrondi_centime
from widgets.calculs.format import format_pourcent
from widgets.erreurs import ErreurAtelier

__all__ = [
    "CENTIME",
    "SaisieInvalide",
    "arrondi",
    "arrondi_centime",
    "date_francaise",
    "montant",
    "nombre",
    "quantite",
    "taux",
]

_ESPACES = "\u0020\u00a0\u202f\u2009\u2007\t"
_MOINS = "-\u2212\u2013"
_LONGUEUR_MAXI = 40
_EXEMPLE_MONTANT = "Écrivez par exemple 1 234,56."
_EXEMPLE_TAUX = "Écrivez par exemple 12,5 ou 12,5 %."
_EXEMPLE_QUANTITE = "Écrivez un nombre entier, par exemple 12."


class SaisieInvalide(ErreurAtelier):
    """Une saisie ne peut pas être lue ou n'est pas acceptable (message en français).

    C'est une ``ValueError`` : ``str(err)`` donne « Champ : explication ».
    """


def _apercu(valeur: object) -> str:
    texte = str(valeur)
    if len(texte) > 20:
        texte = texte[:20] + "…"
    return texte


def _lire(valeur: object, champ: str, *, nature: str, exemple: str, symboles: tuple[str, ...]):
    """Lit ``valeur`` en Decimal exact (sans contrôle de signe ni de bornes)."""
    if isinstance(valeur, bool):
        raise SaisieInvalide(f"« {valeur} » n'est pas {nature}. {exemple}", champ=champ)
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, float):
        valeur = str(valeur)
        if valeur in ("nan", "inf", "-inf"):
            raise SaisieInvalide(f"« {valeur} » n'est pas {nature}. {exemple}", champ=champ)
    if isinstance(valeur, Decimal):
        if not valeur.is_finite():
            raise SaisieInvalide(f"« {valeur} » n'est pas {nature}. {exemple}", champ=champ)
        return valeur
    if valeur is None:
        raise SaisieInvalide(f"le champ est vide. {exemple}", champ=champ)
    if not isinstance(valeur, str):
        raise SaisieInvalide(f"« {_apercu(valeur)} » n'est pas {nature}. {exemple}", champ=champ)

    brut = valeur
    texte = "".join(c for c in valeur if c not in _ESPACES)
    if not texte:
        raise SaisieInvalide(f"le champ est vide. {exemple}", champ=champ)
    if len(texte) > _LONGUEUR_MAXI:
        raise SaisieInvalide(f"« {_apercu(brut)} » est trop long. {exemple}", champ=champ)
    for symbole in symboles:
        if texte.upper().endswith(symbole.upper()):
            texte = texte[: -len(symbole)]
            break
        if symbole != "%" and texte.upper().startswith(symbole.upper()):
            texte = texte[len(symbole) :]
            break
    negatif = False
    if texte[:1] in _MOINS:
        negatif, texte = True, texte[1:]
    elif texte[:1] == "+":
        texte = texte[1:]
    nombre_lu = _chiffres(texte)
    if nombre_lu is None:
        raise SaisieInvalide(
            f"« {_apercu(brut.strip())} » n'est pas {nature}. {exemple}", champ=champ
        )
    return -nombre_lu if negatif else nombre_lu


def _chiffres(texte: str) -> Decimal | None:
    """Chiffres avec au plus un séparateur décimal (règles dans la docstring du module)."""
    virgules, points = texte.count(","), texte.count(".")
    if virgules and points:
        decimal_sep = "," if texte.rfind(",") > texte.rfind(".") else "."
        milliers = "." if decimal_sep == "," else ","
        if texte.count(decimal_sep) != 1:
            return None
        entier, fraction = texte.split(decimal_sep)
        if not re.fullmatch(r"\d{1,3}(?:" + re.escape(milliers) + r"\d{3})+", entier):
            return None
        texte = entier.replace(milliers, "") + "." + fraction
    elif virgules + points > 1:
        return None
    else:
        texte = texte.replace(",", ".")
    if not re.fullmatch(r"\d+\.?\d*|\.\d+", texte):
        return None
    try:
        return Decimal(texte)
    except InvalidOperation:  # pragma: no cover - l'expression régulière l'empêche
        return None


def montant(valeur: object, champ: str = "Montant", *, positif: bool = True) -> Decimal:
    """Lit un montant en euros, exactement (``"1 234,56 €"`` → ``Decimal("1234.56")``).

    ``positif=True`` (par défaut) refuse les montants négatifs (zéro est accepté).
    Lève :class:`SaisieInvalide` (message qui nomme ``champ``) si la saisie n'est pas un montant.
    """
    lu = _lire(
        valeur,
        champ,
        nature="un montant",
        exemple=_EXEMPLE_MONTANT,
        symboles=("€", "euros", "euro", "EUR"),
    )
    if positif and lu < 0:
        raise SaisieInvalide(
            f"« {_apercu(valeur)} » est négatif : le montant doit être positif ou nul.", champ=champ
        )
    return lu


def nombre(valeur: object, champ: str = "Nombre", *, positif: bool = False) -> Decimal:
    """Lit un nombre décimal quelconque (``"2,5"`` → ``Decimal("2.5")``), sans symbole."""
    lu = _lire(valeur, champ, nature="un nombre", exemple="Écrivez par exemple 2,5.", symboles=())
    if positif and lu < 0:
        raise SaisieInvalide(
            f"« {_apercu(valeur)} » est négatif : le nombre doit être positif ou nul.", champ=champ
        )
    return lu


def taux(
    valeur: object,
    champ: str = "Taux",
    *,
    maxi: int | Decimal | None = 100,
    strict_maxi: bool = False,
) -> Decimal:
    """Lit un taux en pourcentage : ``"12,5 %"``, ``"12,5"``, ``12.5`` → ``Decimal("12.5")``.

    20 veut dire 20 % (et non 0,20). Le taux doit être positif ou nul et ne pas dépasser
    ``maxi`` (100 par défaut ; ``None`` : pas de plafond) ; avec ``strict_maxi=True`` il doit
    être strictement inférieur à ``maxi`` (une remise de 100 % n'a pas de sens).
    """
    lu = _lire(valeur, champ, nature="un taux", exemple=_EXEMPLE_TAUX, symboles=("%",))
    if lu < 0:
        raise SaisieInvalide(
            f"« {_apercu(valeur)} » est négatif : un taux doit être positif ou nul.", champ=champ
        )
    if maxi is not None:
        borne = Decimal(maxi)
        depasse = lu >= borne if strict_maxi else lu > borne
        if depasse:
            limite = "strictement inférieur à" if strict_maxi else "au plus"
            raise SaisieInvalide(
                f"« {_apercu(valeur)} » est trop grand : le taux doit être {limite} "
                f"{format_pourcent(borne)}.",
                champ=champ,
            )
    return lu


def quantite(valeur: object, champ: str = "Quantité", *, minimum: int = 1) -> int:
    """Lit une quantité : un nombre entier, au moins ``minimum`` (1 par défaut).

    ``"1 000"`` → 1000 ; ``"3,0"`` → 3 ; ``"2,5"``, ``"-1"``, ``"0"`` sont refusés.
    """
    lu = _lire(valeur, champ, nature="une quantité", exemple=_EXEMPLE_QUANTITE, symboles=())
    if lu != lu.to_integral_value():
        raise SaisieInvalide(
            f"« {_apercu(valeur)} » n'est pas un nombre entier. {_EXEMPLE_QUANTITE}", champ=champ
        )
    entier = int(lu)
    if entier < minimum:
        raise SaisieInvalide(
            f"« {_apercu(valeur)} » ne convient pas : la quantité doit être au moins {minimum}.",
            champ=champ,
        )
    return entier


_DATE_FR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")


def date_francaise(valeur: object, champ: str = "Date") -> date:
    """The one French date reader: ``31/12/2025`` (also ``31.12.2025``, ``31-12-2025``) or ISO
    ``2025-12-31``; a time after the date (a spreadsheet cell) is ignored; ``date`` and
    ``datetime`` objects pass through. Anything else raises :class:`SaisieInvalide` in French.
    """
    if isinstance(valeur, datetime):
        return valeur.date()
    if isinstance(valeur, date):
        return valeur
    texte = "" if valeur is None else str(valeur).strip()
    if correspondance := _DATE_FR.match(texte):
        jour, mois, annee = (int(x) for x in correspondance.groups())
    elif correspondance := _DATE_ISO.match(texte):
        annee, mois, jour = (int(x) for x in correspondance.groups())
    else:
        raise SaisieInvalide(
            f"« {_apercu(texte)} » n'est pas une date. Écrivez par exemple 31/12/2025.",
            champ=champ,
        )
    try:
        return date(annee, mois, jour)
    except ValueError:
        raise SaisieInvalide(f"le {texte} n'existe pas au calendrier.", champ=champ) from None


def coordonnees(valeur: object, champ: str = "Coordonnées") -> tuple[float, float]:
    """Reads « latitude ; longitude » in French: ``"48,8566 ; 2,3522"`` → ``(48.8566, 2.3522)``
    (``/`` also separates them). Each half is read by :func:`nombre`; a point off the globe is
    refused."""
    texte = "" if valeur is None else str(valeur)
    morceaux = [m for m in texte.replace("/", ";").split(";") if m.strip()]
    if len(morceaux) != 2:
        raise SaisieInvalide(
            "écrivez « latitude ; longitude », par exemple 48,8566 ; 2,3522.", champ=champ
        )
    lat, lon = (float(nombre(m, champ=champ)) for m in morceaux)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise SaisieInvalide("ces coordonnées n'existent pas.", champ=champ)
    return lat, lon
