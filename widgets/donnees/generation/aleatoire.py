"""Random and small helpers shared by the generator (:mod:`.generateur`, one
``random.Random``), its vectorised draw of orders (:mod:`.vectorise`) and the prospects
(:mod:`.prospects`): the period of the data, integer rounding, weighted draws, random days,
French phone numbers and SIRET, slugs for e-mail addresses.

Below those three modules (they import it, it imports none of them): no import cycle.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random
import unicodedata
from datetime import date, timedelta

from widgets.calculs.arrondis import division_arrondie
from widgets.donnees.generation.controles import cle_luhn

DEBUT = date(2023, 1, 1)
FIN = date(2025, 12, 31)  # « aujourd'hui » des exercices


def arrondi_div(num: int, den: int) -> int:
    """num / den rounded half away from zero (den > 0): ``calculs.arrondis.division_arrondie``."""
    return division_arrondie(num, den)


def euros(centimes: int) -> float:
    return centimes / 100


class Tirage(random.Random):
    """``random.Random`` with faster ``randint``, ``choice`` and ``randrange`` (no step).

    Building 100,000 clients makes millions of these calls, and most of their cost in CPython
    is argument checking. These versions draw exactly the same bits in the same order
    (``getrandbits(n.bit_length())`` until below ``n``, as ``Random._randbelow`` does), so a
    seed gives the same database as with ``random.Random`` (tests compare the two).
    """

    def randint(self, a: int, b: int) -> int:
        n = b - a + 1
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return a + r

    def choice(self, seq):  # type: ignore[override]
        n = len(seq)
        if not n:
            raise IndexError("Cannot choose from an empty sequence")
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return seq[r]

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if step != 1 or stop is None or stop <= start:
            return super().randrange(start, stop, step)
        n = stop - start
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return start + r


@functools.lru_cache(maxsize=64)
def _cumuls(
    options: tuple[tuple[str, float], ...],
) -> tuple[list[str], list[float], float, int]:
    cumuls = list(itertools.accumulate(w for _, w in options))
    return [o for o, _ in options], cumuls, cumuls[-1] + 0.0, len(options) - 1


def choix_pondere(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    """One weighted draw: the same draw as ``rng.choices(valeurs, cum_weights=…)[0]``."""
    valeurs, cumuls, total, dernier = _cumuls(options)
    return valeurs[bisect.bisect(cumuls, rng.random() * total, 0, dernier)]


def jour_au_hasard(rng: random.Random, debut: date, fin: date) -> date:
    return debut + timedelta(days=rng.randint(0, (fin - debut).days))


def sans_accents(texte: str) -> str:
    texte = texte.replace("œ", "oe").replace("Œ", "Oe")
    return unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()


@functools.lru_cache(maxsize=65_536)  # names repeat: 100,000 clients use a few thousand
def slug(texte: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in sans_accents(texte).lower())
    return "-".join(p for p in out.split("-") if p)


PREFIXE_TEL = {
    **dict.fromkeys(("75", "77", "78", "91", "92", "93", "94", "95"), "01"),
    **dict.fromkeys(
        (
            "14",
            "18",
            "22",
            "27",
            "28",
            "29",
            "35",
            "36",
            "37",
            "41",
            "44",
            "45",
            "49",
            "50",
            "53",
            "56",
            "61",
            "72",
            "76",
            "85",
        ),
        "02",
    ),
    **dict.fromkeys(
        (
            "02",
            "08",
            "10",
            "21",
            "25",
            "39",
            "51",
            "52",
            "54",
            "55",
            "57",
            "58",
            "59",
            "60",
            "62",
            "67",
            "68",
            "70",
            "71",
            "80",
            "88",
            "89",
            "90",
        ),
        "03",
    ),
    **dict.fromkeys(
        (
            "01",
            "03",
            "04",
            "05",
            "06",
            "07",
            "11",
            "13",
            "15",
            "26",
            "2A",
            "2B",
            "30",
            "34",
            "38",
            "42",
            "43",
            "48",
            "63",
            "66",
            "69",
            "73",
            "74",
            "83",
            "84",
        ),
        "04",
    ),
}


def telephone(rng: random.Random, departement: str | None) -> str:
    prefixe = PREFIXE_TEL.get(departement or "", "05") if departement else rng.choice(("06", "07"))
    return prefixe + "".join(f" {rng.randint(0, 99):02d}" for _ in range(4))


def siret(rng: random.Random, deja: set[str]) -> str:
    while True:
        siren = f"{rng.randint(1, 99_999_999):08d}"
        siren += cle_luhn(siren)
        nic = f"{rng.randint(1, 99):04d}"
        s = siren + nic + cle_luhn(siren + nic)
        if s not in deja:
            deja.add(s)
            return s
