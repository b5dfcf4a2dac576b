"""What the vectorised analyses share: the memo of aggregate frames, the read of a query as a
DataFrame, and the exact integer arithmetic on cents.

Money is exact int64 cents, every step of the exact function rounded the same way (half away
from zero, :func:`_quotient_arrondi`, from the rounded figure of the step before), rates in
hundredths of a percent, DSO in tenths of a day; ``Decimal`` only at the boundary
(``compte_de_la_ligne``, ``risque_de_la_ligne``…) for the rows displayed.

Interactive re-analysis: the per-client aggregate frame of a query is read once per (base file,
period, filter) and kept in a small memo (:func:`_en_memoire`); moving a threshold, a cost or a
rate recomputes from the frame without reading the base again. The analyses call
``memoire._lire`` through the module, so a test can stand in for the read of the base.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from widgets.calculs.arrondis import division_arrondie
from widgets.donnees import cache_agregats
from widgets.donnees.base import ouvrir_lecture_seule
from widgets.donnees.chemins import base_reference

MAX_CENTIMES = 2**53  # int64 cumul and float64 read of the sum stay exact below this


CHIFFRES_EXACTS = 12
"""A rate or cost typed with up to this many significant digits keeps every product of the
exact functions within ``Decimal``'s 28 digits (a CA of up to 10¹⁰ €): both paths then agree
to the cent. (Beyond, the vigilance test mirrors the Decimal product; the other figures are
the exact rational ones.)"""


MEMO_TAILLE = 8
"""Aggregate frames kept (the last used): a few periods × filters of one or two bases."""


_MEMO: OrderedDict[tuple, Any] = OrderedDict()


def _en_memoire(
    base: Path | str | None,
    nom: str,
    parametres: tuple,
    construire: Callable[[Any], Any],
    *,
    disque: bool = False,
) -> Any:
    """``construire(base)``, kept for the same file and parameters.

    Why: reading a 100 000-client base costs seconds (the scan of the invoices, their lines or
    payments), while the analysis on the per-client frame costs milliseconds. The reference
    base is opened read-only and never changes under a student, so a frame is reused as long
    as the file is the same: key = resolved path, size and modification time (ns), the
    query's name and parameters. A rebuilt base (``make reset-db``) changes the size or mtime
    and is read again. At most :data:`MEMO_TAILLE` frames (least recently used dropped first:
    about 10 MB each for 100 000 clients). Callers must not modify the returned frame.

    ``disque``: a frame read from the base (an SQL aggregate) is also saved in, and first
    looked up in, the persistent cache of :mod:`widgets.donnees.cache_agregats` (same key):
    a new kernel reads it back in tens of milliseconds instead of scanning the base again
    (or from the file built with the base), and kernels missing it at the same time compute
    it once. Frames derived from another memo entry are cheap to redo and stay in memory only.
    """
    chemin = Path(base) if base is not None else base_reference()
    try:
        chemin = chemin.resolve()
        etat = chemin.stat()
    except OSError:
        return construire(chemin)  # raises the usual French error of a missing base
    cle = (str(chemin), etat.st_size, etat.st_mtime_ns, nom, parametres)
    table = _MEMO.get(cle)
    if table is not None:
        _MEMO.move_to_end(cle)
        return table
    if disque:  # read back, or computed by one kernel at a time and saved
        table = cache_agregats.lire_ou_calculer(cle, nom, lambda: construire(chemin))
    else:
        table = construire(chemin)
    _MEMO[cle] = table
    while len(_MEMO) > MEMO_TAILLE:
        _MEMO.popitem(last=False)
    return table


def vider_memoire() -> None:
    """Forget every aggregate frame kept in memory (benchmarks measure a first load with it;
    the disk cache stays: :func:`widgets.donnees.cache_agregats.effacer_cache`)."""
    _MEMO.clear()


def _lire(base: Path | str | None, sql: str, parametres: Sequence | dict, colonnes: list[str]):
    """Rows of a read-only query as a DataFrame (plain tuples: no ``sqlite3.Row`` per row)."""
    connexion = ouvrir_lecture_seule(base)
    connexion.row_factory = None
    try:
        lignes = connexion.execute(sql, parametres).fetchall()
    finally:
        connexion.close()
    return pd.DataFrame(lignes, columns=colonnes)


def _centimes(serie: pd.Series) -> np.ndarray:
    """A REAL sum of cent amounts (None: 0) as exact int64 cents (as ``portefeuille._d``)."""
    return (serie.astype("float64").fillna(0) * 100).round().astype("int64").to_numpy()


def _quotient_arrondi(
    facteurs: Sequence[Any], diviseur: Any, plus: Sequence[Any] = ()
) -> np.ndarray:
    """(Π ``facteurs`` + Π ``plus``) / ``diviseur``, rounded half away from zero (as
    ``arrondi_centime``) exactly, in integers; ``diviseur`` > 0 (an integer or an array).
    int64 while the numbers stay below 2⁶², Python integers beyond (a rate typed with many
    decimals), the result in int64."""
    produits = [[np.asarray(f) for f in groupe] for groupe in (facteurs, plus) if groupe]
    d = np.asarray(diviseur)
    n = max((t.size for groupe in produits for t in groupe if t.ndim), default=1)
    if n == 0:
        return np.zeros(0, dtype="int64")
    borne = 0
    for groupe in produits:
        terme = 1
        for t in groupe:
            terme *= max(int(np.max(np.abs(t))), 1)
        borne += terme
    # 2 × numerator + divisor is the largest number formed
    sorte = "int64" if 2 * borne + int(np.max(d)) < 2**62 else object
    numerateur = np.zeros(n, dtype=sorte)
    for groupe in produits:
        produit = np.ones(n, dtype=sorte)
        for t in groupe:
            produit = produit * t.astype(sorte)
        numerateur = numerateur + produit
    d = d.astype(sorte)
    return division_arrondie(numerateur, d).astype("int64")


def _fraction(valeur: Decimal) -> tuple[int, int]:
    f = Fraction(valeur)
    return f.numerator, f.denominator


def _euros(centimes: Any) -> Decimal:
    """Exact cents → euros (``Decimal``), for what is displayed."""
    return Decimal(int(centimes)).scaleb(-2)


def _centiemes(valeur: Any) -> Decimal | None:
    """Hundredths of a percent (``<NA>``: none) → ``Decimal`` percent."""
    return None if pd.isna(valeur) else Decimal(int(valeur)).scaleb(-2)
