"""Sectorisation : partager les communes entre N commerciaux (S631 répartition du portefeuille
clients, affectation des secteurs).

Pure: coordinates and figures in, sectors out (no database, no drawing).

Method (deterministic, explainable to a student in three sentences):

1. each commune weighs ``poids_charge`` % of its share of the total workload (visits × visit
   time) plus the rest of its share of the total CA (the potential);
2. the communes are sorted like the hand of a compass around the firm's base: bearing from
   north (0° = north, 90° = east), then distance, then INSEE code;
3. the circle is cut into N consecutive arcs of weight as close to 1/N as possible. Every
   commune is tried as the first of the circle; the cut whose heaviest and lightest sectors are
   closest wins (ties: the first commune in compass order).

Sectors are thus "slices" around the base: contiguous, and drawn on the tournée map. A student
can then move one commune (:func:`deplacer_commune`) and read how the balance changes.

Figures of a sector: clients, visits per year, CA, workload in hours (visits × visit time),
visit days (visits / visits per day, rounded up), and yearly km estimated as: for each commune,
(visits / visits per day) day trips base → commune → base, × detour coefficient.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from widgets.calculs.arrondis import CENT as CENT_POUR_CENT
from widgets.calculs.arrondis import arrondi
from widgets.calculs.saisie import SaisieInvalide, nombre, quantite, taux
from widgets.calculs.tournee import distance_km


@dataclass(frozen=True)
class CommuneASecteur:
    """Une commune à affecter : où elle est, ce qu'elle pèse (clients, visites par an, CA)."""

    code: str
    nom: str
    latitude: float
    longitude: float
    clients: int
    visites: int
    ca: Decimal


@dataclass(frozen=True)
class ParametresSecteurs:
    """Les hypothèses de calcul, gardées pour recalculer après un déplacement de commune."""

    base: tuple[float, float]
    poids_charge: Decimal = Decimal(50)
    duree_visite_min: Decimal = Decimal(45)
    visites_par_jour: Decimal = Decimal(4)
    coefficient_detour: Decimal = Decimal("1.3")


@dataclass(frozen=True)
class Secteur:
    """Un secteur et ses chiffres."""

    numero: int
    codes: tuple[str, ...]
    clients: int
    visites: int
    ca: Decimal
    charge_heures: Decimal
    jours_visite: int
    km: int
    part_ca: Decimal  # % of the total CA
    part_charge: Decimal  # % of the total workload


@dataclass(frozen=True)
class Sectorisation:
    """Le découpage : secteurs, affectation commune → secteur, écarts d'équilibre."""

    secteurs: tuple[Secteur, ...]
    affectation: Mapping[str, int]
    parametres: ParametresSecteurs
    communes: tuple[CommuneASecteur, ...] = field(repr=False)

    @property
    def ecart_ca(self) -> Decimal:
        """Plus grand écart d'un secteur à la moyenne de CA, en % de la moyenne."""
        return _ecart_max([s.ca for s in self.secteurs])

    @property
    def ecart_charge(self) -> Decimal:
        """Plus grand écart d'un secteur à la moyenne de charge de travail, en % de la moyenne."""
        return _ecart_max([s.charge_heures for s in self.secteurs])


def _ecart_max(valeurs: Sequence[Decimal]) -> Decimal:
    moyenne = sum(valeurs, Decimal(0)) / len(valeurs)
    if moyenne == 0:
        return Decimal("0.00")
    return arrondi(max(abs(v - moyenne) for v in valeurs) * CENT_POUR_CENT / moyenne, 2)


def cap_depuis_base(base: tuple[float, float], lat: float, lon: float) -> float:
    """Cap (degrés, 0 = nord, 90 = est) de la commune vue depuis la base, en projection plane
    locale (Δlon × cos(latitude de la base), Δlat) ; 0 pour une commune sur la base."""
    x = (lon - base[1]) * math.cos(math.radians(base[0]))
    y = lat - base[0]
    if x == 0 and y == 0:
        return 0.0
    return math.degrees(math.atan2(x, y)) % 360.0


def parametres(
    base: tuple[float, float],
    *,
    poids_charge: object = 50,
    duree_visite_min: object = 45,
    visites_par_jour: object = 4,
    coefficient_detour: object = "1.3",
) -> ParametresSecteurs:
    """Lit les hypothèses (texte français accepté) ; voir :class:`ParametresSecteurs`."""
    lat, lon = float(base[0]), float(base[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise SaisieInvalide("ces coordonnées n'existent pas.", champ="Base")
    vpj = nombre(visites_par_jour, "Visites par jour", positif=True)
    if vpj == 0:
        raise SaisieInvalide("il faut au moins une visite par jour.", champ="Visites par jour")
    return ParametresSecteurs(
        base=(lat, lon),
        poids_charge=taux(poids_charge, "Poids de la charge de travail"),
        duree_visite_min=nombre(duree_visite_min, "Durée d'une visite", positif=True),
        visites_par_jour=vpj,
        coefficient_detour=nombre(coefficient_detour, "Coefficient de détour", positif=True),
    )


def _poids(communes: Sequence[CommuneASecteur], p: ParametresSecteurs) -> list[float]:
    """Share of each commune: p % of its workload share + (100 − p) % of its CA share."""
    total_visites = sum(c.visites for c in communes)
    total_ca = float(sum((c.ca for c in communes), Decimal(0)))
    a = float(p.poids_charge) / 100
    poids = []
    for c in communes:
        part_charge = c.visites / total_visites if total_visites else 0.0
        part_ca = float(c.ca) / total_ca if total_ca else 0.0
        poids.append(a * part_charge + (1 - a) * part_ca)
    total = sum(poids)
    if total == 0:  # nothing to balance: spread by number of communes
        return [1.0 / len(communes)] * len(communes)
    return [x / total for x in poids]


def _decouper(poids: Sequence[float], n: int) -> tuple[float, list[int]]:
    """Best cut of the circle ``poids`` (in compass order) into ``n`` arcs.

    Returns (spread = heaviest − lightest arc, start index of each arc in the circle).
    For each possible first commune, the cut k lands on the prefix sum closest to k/n.
    """
    m = len(poids)
    doubles = list(poids) * 2
    cumul = [0.0]
    for x in doubles:
        cumul.append(cumul[-1] + x)
    meilleur: tuple[float, list[int]] | None = None
    for depart in range(m):
        coupes = [depart]
        origine = cumul[depart]
        for k in range(1, n):
            cible = origine + k / n
            j = bisect_left(cumul, cible, lo=coupes[-1] + 1, hi=depart + m)
            # the cut just before or just after the target, whichever is closer
            candidats = [i for i in (j - 1, j) if coupes[-1] < i < depart + m - (n - k - 1)]
            if not candidats:
                candidats = [min(coupes[-1] + 1, depart + m - (n - k))]
            coupes.append(min(candidats, key=lambda i: (abs(cumul[i] - cible), i)))
        bornes = coupes + [depart + m]
        arcs = [cumul[b] - cumul[a] for a, b in zip(bornes, bornes[1:], strict=False)]
        ecart = max(arcs) - min(arcs)
        if meilleur is None or ecart < meilleur[0] - 1e-12:
            meilleur = (ecart, coupes)
    assert meilleur is not None
    return meilleur


def ordre_boussole(
    communes: Sequence[CommuneASecteur], base: tuple[float, float]
) -> list[CommuneASecteur]:
    """Les communes dans l'ordre de la boussole autour de la base (cap, distance, code)."""
    return sorted(
        communes,
        key=lambda c: (
            round(cap_depuis_base(base, c.latitude, c.longitude), 9),
            round(distance_km(base, (c.latitude, c.longitude)), 9),
            c.code,
        ),
    )


def sectoriser(
    communes: Sequence[CommuneASecteur],
    nombre_secteurs: object,
    p: ParametresSecteurs,
) -> Sectorisation:
    """Découpe les communes en ``nombre_secteurs`` secteurs équilibrés (voir le module)."""
    n = quantite(nombre_secteurs, "Nombre de secteurs", minimum=1)
    codes = [c.code for c in communes]
    if len(set(codes)) != len(codes):
        raise SaisieInvalide("une commune apparaît deux fois dans la liste.", champ="Communes")
    if n > len(communes):
        raise SaisieInvalide(
            f"{n} secteurs pour {len(communes)} communes : il faut au moins une commune par "
            "secteur.",
            champ="Nombre de secteurs",
        )
    ordre = ordre_boussole(communes, p.base)
    _, coupes = _decouper(_poids(ordre, p), n)
    m = len(ordre)
    bornes = coupes + [coupes[0] + m]
    affectation: dict[str, int] = {}
    for numero, (a, b) in enumerate(zip(bornes, bornes[1:], strict=False), start=1):
        for i in range(a, b):
            affectation[ordre[i % m].code] = numero
    return bilan_secteurs(communes, affectation, p, nombre_secteurs=n)


def bilan_secteurs(
    communes: Sequence[CommuneASecteur],
    affectation: Mapping[str, int],
    p: ParametresSecteurs,
    *,
    nombre_secteurs: int | None = None,
) -> Sectorisation:
    """Chiffres de chaque secteur pour une affectation commune → numéro de secteur donnée."""
    n = nombre_secteurs or max(affectation.values(), default=0)
    inconnues = [c.code for c in communes if c.code not in affectation]
    if inconnues:
        raise SaisieInvalide(
            f"la commune {inconnues[0]} n'est affectée à aucun secteur.", champ="Affectation"
        )
    total_ca = sum((c.ca for c in communes), Decimal(0))
    duree = p.duree_visite_min
    total_charge = sum(c.visites for c in communes) * duree / 60
    par_secteur: dict[int, list[CommuneASecteur]] = {k: [] for k in range(1, n + 1)}
    for c in communes:
        par_secteur.setdefault(affectation[c.code], []).append(c)
    secteurs = []
    for numero in sorted(par_secteur):
        liste = par_secteur[numero]
        visites = sum(c.visites for c in liste)
        ca = sum((c.ca for c in liste), Decimal(0))
        charge = arrondi(visites * duree / 60, 2)
        trajets = sum(2 * distance_km(p.base, (c.latitude, c.longitude)) * c.visites for c in liste)
        km = Decimal(str(round(trajets, 6))) / p.visites_par_jour * p.coefficient_detour
        secteurs.append(
            Secteur(
                numero=numero,
                codes=tuple(sorted(c.code for c in liste)),
                clients=sum(c.clients for c in liste),
                visites=visites,
                ca=ca,
                charge_heures=charge,
                jours_visite=int((visites / p.visites_par_jour).to_integral_value(ROUND_CEILING)),
                km=int(arrondi(km, 0)),
                part_ca=arrondi(ca * CENT_POUR_CENT / total_ca, 2) if total_ca else Decimal(0),
                part_charge=(
                    arrondi(visites * duree * CENT_POUR_CENT / (60 * total_charge), 2)
                    if total_charge
                    else Decimal(0)
                ),
            )
        )
    return Sectorisation(tuple(secteurs), dict(affectation), p, tuple(communes))


def deplacer_commune(s: Sectorisation, code: str, numero: object) -> Sectorisation:
    """La même sectorisation, la commune ``code`` passée dans le secteur ``numero``."""
    n = len(s.secteurs)
    k = quantite(numero, "Secteur", minimum=1)
    if k > n:
        raise SaisieInvalide(f"il n'y a que {n} secteurs.", champ="Secteur")
    if code not in s.affectation:
        raise SaisieInvalide(f"la commune {code} n'est pas dans ce découpage.", champ="Commune")
    affectation = dict(s.affectation)
    affectation[code] = k
    return bilan_secteurs(s.communes, affectation, s.parametres, nombre_secteurs=n)
