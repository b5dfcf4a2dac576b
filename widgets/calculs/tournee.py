"""Plan de prospection et tournée (S823 organisation de la prospection, S531 coût de l'effort).

Calculs purs, sans base ni fichier :

- distances à vol d'oiseau (formule de haversine) et distance routière estimée
  (vol d'oiseau × coefficient de détour) ;
- ordre de visite d'une tournée : plus proche voisin puis amélioration 2-opt
  (jamais plus long que l'ordre donné) ;
- calendrier des visites : jours ouvrés du stage, visites par jour, visites de suivi ;
- coût du plan (kilomètres × €/km + temps × coût horaire) et coût par visite ;
- résultats attendus à partir des taux de transformation de l'entonnoir : le modèle unique
  est dans :mod:`widgets.calculs.entonnoir` (taux en %), réexporté ici.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import permutations

from widgets.calculs.arrondis import arrondi, arrondi_centime
from widgets.calculs.entonnoir import (  # noqa: F401  (re-exported: the one funnel model)
    ETAPES_ENTONNOIR,
    Entonnoir,
    ResultatsAttendus,
    resultats_attendus,
)
from widgets.calculs.francais import accorder, est_pluriel
from widgets.calculs.saisie import nombre
from widgets.erreurs import ErreurAtelier

RAYON_TERRE_KM = 6371.0


# --------------------------------------------------------------------------- distances


@dataclass(frozen=True)
class Arret:
    """Un point à visiter : client, prospect, ou point de départ (entreprise, hôtel…)."""

    nom: str
    latitude: float
    longitude: float
    identifiant: str | int | None = None
    commune: str = ""


def _coordonnees(point: Arret | tuple[float, float]) -> tuple[float, float]:
    if isinstance(point, Arret):
        return point.latitude, point.longitude
    return float(point[0]), float(point[1])


def distance_km(a: Arret | tuple[float, float], b: Arret | tuple[float, float]) -> float:
    """Distance à vol d'oiseau entre deux points (latitude, longitude en degrés), en km.

    Formule de haversine sur une Terre sphérique de rayon 6 371 km.
    """
    lat1, lon1 = _coordonnees(a)
    lat2, lon2 = _coordonnees(b)
    for valeur, bornes, nom in (
        (lat1, 90, "latitude"),
        (lat2, 90, "latitude"),
        (lon1, 180, "longitude"),
        (lon2, 180, "longitude"),
    ):
        if not (-bornes <= valeur <= bornes) or math.isnan(valeur):
            raise ErreurAtelier(
                f"{valeur} n'est pas une {nom} valide (entre −{bornes} et {bornes}).",
                champ=nom,
            )
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * RAYON_TERRE_KM * math.asin(min(1.0, math.sqrt(h)))


def matrice_distances(points: Sequence[Arret | tuple[float, float]]) -> list[list[float]]:
    """Matrice carrée des distances à vol d'oiseau (km) entre tous les points."""
    n = len(points)
    m = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            m[i][j] = m[j][i] = distance_km(points[i], points[j])
    return m


# --------------------------------------------------------------------------- ordre de tournée


def _longueur(ordre: Sequence[int], dist: list[list[float]], depart: int | None, retour: bool):
    total = 0.0
    precedent = depart
    for i in ordre:
        if precedent is not None:
            total += dist[precedent][i]
        precedent = i
    if retour and depart is not None and ordre:
        total += dist[ordre[-1]][depart]
    return total


def longueur_tournee(
    arrets: Sequence[Arret | tuple[float, float]],
    ordre: Sequence[int] | None = None,
    depart: Arret | tuple[float, float] | None = None,
    retour: bool = True,
) -> float:
    """Longueur à vol d'oiseau (km) de la tournée qui visite ``arrets`` dans ``ordre``.

    Avec un ``depart`` (entreprise, hôtel), la tournée part de ce point et, si ``retour``,
    y revient ; sans départ, elle commence au premier arrêt visité.
    """
    ordre = list(range(len(arrets))) if ordre is None else list(ordre)
    points = list(arrets) + ([depart] if depart is not None else [])
    dist = matrice_distances(points)
    return _longueur(ordre, dist, len(arrets) if depart is not None else None, retour)


def _plus_proche_voisin(n: int, dist, premier: int | None = None) -> list[int]:
    """Plus proche voisin depuis le départ (indice ``n``) ou en imposant le premier arrêt."""
    restants = set(range(n))
    ordre: list[int] = []
    courant = n if premier is None else premier
    if premier is not None:
        ordre.append(premier)
        restants.discard(premier)
    while restants:
        suivant = min(restants, key=lambda j: (dist[courant][j], j))
        ordre.append(suivant)
        restants.discard(suivant)
        courant = suivant
    return ordre


def _deux_opt(ordre: list[int], dist, depart: int | None, retour: bool) -> list[int]:
    """Inverse des segments tant que cela raccourcit la tournée (2-opt), puis déplace
    des arrêts isolés (or-opt, jusqu'à 30 arrêts) ; s'arrête quand plus rien n'améliore."""
    ordre = list(ordre)
    n = len(ordre)
    if n < 2:
        return ordre
    ameliore = True
    while ameliore:
        ameliore = False
        seq = ([depart] if depart is not None else []) + ordre
        if depart is not None and retour:
            seq.append(depart)
        s = 1 if depart is not None else 0
        for i in range(n - 1):
            for j in range(i + 1, n):
                a = seq[i + s - 1] if i + s - 1 >= 0 else None
                b, c = seq[i + s], seq[j + s]
                e = seq[j + s + 1] if j + s + 1 < len(seq) else None
                avant = (dist[a][b] if a is not None else 0.0) + (
                    dist[c][e] if e is not None else 0.0
                )
                apres = (dist[a][c] if a is not None else 0.0) + (
                    dist[b][e] if e is not None else 0.0
                )
                if apres < avant - 1e-9:
                    ordre[i : j + 1] = ordre[i : j + 1][::-1]
                    seq[i + s : j + s + 1] = seq[i + s : j + s + 1][::-1]
                    ameliore = True
        if ameliore or n > 30:
            continue
        meilleure = _longueur(ordre, dist, depart, retour)
        for taille in (1, 2, 3):
            for i in range(n - taille + 1):
                segment = ordre[i : i + taille]
                reste = ordre[:i] + ordre[i + taille :]
                for k in range(len(reste) + 1):
                    if k == i:
                        continue
                    for morceau in (segment, segment[::-1]):
                        candidat = reste[:k] + morceau + reste[k:]
                        longueur = _longueur(candidat, dist, depart, retour)
                        if longueur < meilleure - 1e-9:
                            ordre, meilleure, ameliore = candidat, longueur, True
                            break
                    if ameliore:
                        break
                if ameliore:
                    break
            if ameliore:
                break
    return ordre


def ordonner_tournee(
    arrets: Sequence[Arret | tuple[float, float]],
    depart: Arret | tuple[float, float] | None = None,
    retour: bool = True,
) -> list[int]:
    """Ordre de visite conseillé : indices de ``arrets`` dans l'ordre où les visiter.

    Méthode : plus proche voisin depuis le départ, puis améliorations locales (2-opt :
    on « décroise » la tournée ; or-opt : on déplace un arrêt mal placé). L'ordre donné
    est amélioré de la même façon et on garde le plus court : le résultat n'est jamais plus
    long que l'ordre de saisie.
    """
    n = len(arrets)
    if n <= 1:
        return list(range(n))
    points = list(arrets) + ([depart] if depart is not None else [])
    dist = matrice_distances(points)
    d = n if depart is not None else None
    candidats = [list(range(n))]
    if d is not None:
        candidats.append(_plus_proche_voisin(n, dist))
    premiers = range(n) if n <= 12 else [0]
    candidats.extend(_plus_proche_voisin(n, dist, premier=p) for p in premiers)
    meilleur: list[int] = list(range(n))
    meilleure = _longueur(meilleur, dist, d, retour)
    for depart_ordre in candidats:
        ordre = _deux_opt(depart_ordre, dist, d, retour)
        longueur = _longueur(ordre, dist, d, retour)
        if longueur < meilleure - 1e-9:
            meilleur, meilleure = ordre, longueur
    return meilleur


def ordre_optimal(
    arrets: Sequence[Arret | tuple[float, float]],
    depart: Arret | tuple[float, float] | None = None,
    retour: bool = True,
) -> list[int]:
    """Meilleur ordre par essai de toutes les permutations (8 arrêts au plus : 40 320 ordres).

    Sert de référence pour juger l'ordre conseillé sur de petits cas.
    """
    n = len(arrets)
    if n > 8:
        raise ErreurAtelier("La recherche exhaustive est limitée à 8 arrêts.", champ="arrets")
    points = list(arrets) + ([depart] if depart is not None else [])
    dist = matrice_distances(points)
    d = n if depart is not None else None
    return list(min(permutations(range(n)), key=lambda o: _longueur(o, dist, d, retour)))


# --------------------------------------------------------------------------- calendrier


def jours_ouvres(debut: date, nombre: int, feries: Sequence[date] = ()) -> list[date]:
    """Les ``nombre`` premiers jours ouvrés (lundi–vendredi, hors ``feries``) à partir de
    ``debut`` inclus."""
    if nombre < 0:
        raise ErreurAtelier("Le nombre de jours doit être positif.", champ="jours")
    jours: list[date] = []
    jour = debut
    exclus = set(feries)
    while len(jours) < nombre:
        if jour.weekday() < 5 and jour not in exclus:
            jours.append(jour)
        jour += timedelta(days=1)
    return jours


def visites_par_jour_necessaires(
    nombre_cibles: int, jours: int, suivis_par_cible: int = 0, visites_deja_prevues: int = 0
) -> int:
    """Nombre de visites à faire par jour (arrondi à l'entier supérieur).

    ``(cibles × (1 + visites de suivi par cible) + autres visites prévues) / jours``
    — le calcul du cas « conquérir un nouveau secteur » : nombre de jours de stage,
    suivi des prospects et des commandes.
    """
    if jours <= 0:
        raise ErreurAtelier("Il faut au moins un jour de prospection.", champ="jours")
    if nombre_cibles < 0 or suivis_par_cible < 0 or visites_deja_prevues < 0:
        raise ErreurAtelier("Les nombres de visites doivent être positifs.", champ="visites")
    total = nombre_cibles * (1 + suivis_par_cible) + visites_deja_prevues
    return -(-total // jours)


@dataclass(frozen=True)
class VisitePlanifiee:
    """Une visite du calendrier : quel jour, quelle cible, premier passage (rang 0) ou suivi."""

    jour: date
    cible: int
    rang: int

    @property
    def nature(self) -> str:
        return "première visite" if self.rang == 0 else f"suivi n° {self.rang}"


@dataclass
class Calendrier:
    """Calendrier de prospection : visites par jour, et visites qui n'ont pas trouvé de place."""

    jours: list[date]
    visites: list[VisitePlanifiee]
    non_planifiees: list[tuple[int, int]] = field(default_factory=list)

    def du_jour(self, jour: date) -> list[VisitePlanifiee]:
        return [v for v in self.visites if v.jour == jour]

    @property
    def message(self) -> str:
        if not self.non_planifiees:
            visites = accorder(len(self.visites), "visite planifiée", "visites planifiées")
            return f"{visites} sur {accorder(len(self.jours), 'jour')}."
        n = len(self.non_planifiees)
        verbe = "ne tiennent pas" if est_pluriel(n) else "ne tient pas"
        return (
            f"{accorder(n, 'visite')} {verbe} dans le calendrier : "
            "ajoutez des jours, augmentez les visites par jour ou réduisez les cibles."
        )


def calendrier_visites(
    nombre_cibles: int,
    jours: Sequence[date],
    visites_par_jour: int,
    suivis_par_cible: int = 0,
    delai_suivi_jours: int = 5,
    ordre: Sequence[int] | None = None,
) -> Calendrier:
    """Répartit les visites sur les jours disponibles.

    - chaque jour reçoit au plus ``visites_par_jour`` visites ;
    - chaque cible reçoit une première visite puis ``suivis_par_cible`` visites de suivi,
      chacune au moins ``delai_suivi_jours`` jours ouvrés (jours du calendrier) après la
      précédente ;
    - les suivis arrivés à échéance passent avant les nouvelles cibles (on ne laisse pas
      refroidir un prospect) ; les premières visites suivent ``ordre`` (par exemple l'ordre
      d'une tournée globale, pour que chaque journée reste groupée géographiquement).
    """
    if visites_par_jour <= 0:
        raise ErreurAtelier("Il faut au moins une visite par jour.", champ="visites_par_jour")
    if suivis_par_cible < 0:
        raise ErreurAtelier("Le nombre de suivis doit être positif.", champ="suivis")
    if delai_suivi_jours < 1:
        raise ErreurAtelier("Le délai de suivi est d'au moins 1 jour.", champ="delai_suivi")
    jours = sorted(set(jours))
    file_nouvelles = list(range(nombre_cibles)) if ordre is None else list(ordre)
    if sorted(file_nouvelles) != list(range(nombre_cibles)):
        raise ErreurAtelier("L'ordre doit citer chaque cible une fois.", champ="ordre")
    suivis_dus: list[tuple[int, int, int]] = []  # (indice du jour au plus tôt, cible, rang)
    visites: list[VisitePlanifiee] = []
    for k, jour in enumerate(jours):
        places = visites_par_jour
        suivis_dus.sort()
        restants: list[tuple[int, int, int]] = []
        for au_plus_tot, cible, rang in suivis_dus:
            if places and au_plus_tot <= k:
                visites.append(VisitePlanifiee(jour, cible, rang))
                places -= 1
                if rang < suivis_par_cible:
                    restants.append((k + delai_suivi_jours, cible, rang + 1))
            else:
                restants.append((au_plus_tot, cible, rang))
        while places and file_nouvelles:
            cible = file_nouvelles.pop(0)
            visites.append(VisitePlanifiee(jour, cible, 0))
            places -= 1
            if suivis_par_cible:
                restants.append((k + delai_suivi_jours, cible, 1))
        suivis_dus = restants
    non_planifiees = [(c, 0) for c in file_nouvelles]
    for _, cible, rang in sorted(suivis_dus):
        non_planifiees.append((cible, rang))
        non_planifiees.extend((cible, r) for r in range(rang + 1, suivis_par_cible + 1))
    for cible in file_nouvelles:
        non_planifiees.extend((cible, r) for r in range(1, suivis_par_cible + 1))
    return Calendrier(list(jours), visites, non_planifiees)


# --------------------------------------------------------------------------- coût du plan


def _decimal(valeur: Decimal | int | float | str, champ: str) -> Decimal:
    """Nombre positif ou nul ; le texte s'écrit à la française (``"0,60"``, ``"1 234,5"``)."""
    return nombre(valeur, champ=champ, positif=True)


def distance_routiere_km(
    vol_oiseau_km: float, coefficient_detour: Decimal | float = 1.3
) -> Decimal:
    """Distance par la route estimée : vol d'oiseau × coefficient de détour, au dixième de km.

    1,3 est l'ordre de grandeur usuel en ville comme à la campagne.
    """
    coef = _decimal(coefficient_detour, "coefficient_detour")
    return arrondi(Decimal(str(round(vol_oiseau_km, 6))) * coef, 1)


def duree_trajet_min(km: Decimal | float, vitesse_kmh: Decimal | float = 30) -> int:
    """Temps de trajet en minutes (arrondi à la minute) à la vitesse moyenne donnée."""
    km = _decimal(km, "km")
    vitesse = _decimal(vitesse_kmh, "vitesse")
    if vitesse == 0:
        raise ErreurAtelier("La vitesse moyenne doit être supérieure à 0.", champ="vitesse")
    return int(arrondi(km * 60 / vitesse, 0))


@dataclass(frozen=True)
class CoutPlan:
    """Coût de l'effort commercial d'un plan de visites (S531)."""

    km: Decimal
    cout_km: Decimal
    minutes: int
    cout_temps: Decimal
    frais_fixes: Decimal
    total: Decimal
    visites: int
    cout_par_visite: Decimal | None


def cout_plan(
    km: Decimal | float | str,
    minutes: int,
    visites: int,
    cout_kilometrique: Decimal | float | str = Decimal("0.60"),
    cout_horaire: Decimal | float | str = Decimal("25"),
    frais_fixes: Decimal | float | str = Decimal("0"),
) -> CoutPlan:
    """Coût du plan : km × coût kilométrique + heures × coût horaire + frais fixes.

    Chaque poste est arrondi au centime (arrondi commercial) avant d'être additionné ;
    le coût par visite = total / nombre de visites, au centime.
    Exemple : 120 km à 0,60 €/km = 72,00 € ; 8 h 30 à 25 €/h = 212,50 € ;
    total 284,50 € pour 10 visites = 28,45 € par visite.
    """
    km_d = _decimal(km, "km")
    if minutes < 0 or visites < 0:
        raise ErreurAtelier("Le temps et le nombre de visites doivent être positifs.")
    cout_km = arrondi_centime(km_d * _decimal(cout_kilometrique, "cout_kilometrique"))
    cout_temps = arrondi_centime(Decimal(minutes) / 60 * _decimal(cout_horaire, "cout_horaire"))
    fixes = arrondi_centime(_decimal(frais_fixes, "frais_fixes"))
    total = cout_km + cout_temps + fixes
    par_visite = arrondi_centime(total / visites) if visites else None
    return CoutPlan(km_d, cout_km, minutes, cout_temps, fixes, total, visites, par_visite)


@dataclass(frozen=True)
class Journee:
    """Une journée de tournée : ordre des arrêts, distances et temps."""

    jour: date | None
    ordre: list[int]
    km_vol_oiseau: float
    km_route: Decimal
    minutes_trajet: int
    minutes_visites: int

    @property
    def minutes(self) -> int:
        return self.minutes_trajet + self.minutes_visites


def journee_de_tournee(
    arrets: Sequence[Arret],
    depart: Arret | None = None,
    retour: bool = True,
    duree_visite_min: int = 45,
    coefficient_detour: Decimal | float = 1.3,
    vitesse_kmh: Decimal | float = 30,
    jour: date | None = None,
) -> Journee:
    """Ordonne les arrêts d'une journée et estime km (route) et temps (trajet + visites)."""
    ordre = ordonner_tournee(arrets, depart, retour)
    vol = longueur_tournee(arrets, ordre, depart, retour)
    km = distance_routiere_km(vol, coefficient_detour)
    return Journee(
        jour, ordre, vol, km, duree_trajet_min(km, vitesse_kmh), duree_visite_min * len(arrets)
    )


# --------------------------------------------------------------------------- projection


def projection_equirectangulaire(
    points: Sequence[Arret | tuple[float, float]],
) -> list[tuple[float, float]]:
    """Coordonnées planes (x, y) en km autour du centre des points : x = Δlon × cos(lat0),
    y = Δlat. Suffit pour dessiner une tournée sans fond de carte (hors connexion)."""
    if not points:
        return []
    coords = [_coordonnees(p) for p in points]
    lat0 = sum(c[0] for c in coords) / len(coords)
    lon0 = sum(c[1] for c in coords) / len(coords)
    k = math.pi / 180 * RAYON_TERRE_KM
    cos0 = math.cos(math.radians(lat0))
    return [((lon - lon0) * k * cos0, (lat - lat0) * k) for lat, lon in coords]


# --------------------------------------------------------------------------- the whole plan


@dataclass(frozen=True)
class ParametresTournee:
    """The student's settings of a prospecting plan (already read from French input)."""

    debut: date
    jours: int
    visites_par_jour: int
    suivis: int = 0
    delai_suivi: int = 5
    duree_visite: int = 45
    detour: Decimal = Decimal("1.3")
    vitesse: Decimal = Decimal(25)
    cout_km: Decimal = Decimal("0.60")
    cout_horaire: Decimal = Decimal(25)
    taux_commande: Decimal = Decimal(20)
    panier: Decimal = Decimal(500)


@dataclass
class PlanTournee:
    """A prospecting plan over ``n`` targets: calendar, one round trip a day, cost, results.

    ``ordre_par_jour[k]`` lists the indices (into the targets given) visited on
    ``journees[k]``, in visiting order."""

    calendrier: Calendrier
    journees: list[Journee]
    ordre_par_jour: list[list[int]]
    km: Decimal
    minutes: int
    cout: CoutPlan
    attendus: ResultatsAttendus
    visites_par_jour_necessaires: int


def planifier_tournee(arrets: Sequence[Arret], depart: Arret, p: ParametresTournee) -> PlanTournee:
    """The whole plan: a global visiting order from ``depart`` (nearest neighbour + 2-opt), the
    calendar of first and follow-up visits over ``p.jours`` working days, each day's round trip
    (road km = straight line × detour), the cost and the orders expected from the funnel
    (first visits × visit → order rate)."""
    ordre_global = ordonner_tournee(list(arrets), depart, retour=False)
    jours = jours_ouvres(p.debut, p.jours)
    cal = calendrier_visites(
        len(arrets), jours, p.visites_par_jour, p.suivis, p.delai_suivi, ordre=ordre_global
    )
    journees: list[Journee] = []
    ordre_par_jour: list[list[int]] = []
    for jour in jours:
        du_jour = [x.cible for x in cal.du_jour(jour)]
        if not du_jour:
            continue
        j = journee_de_tournee(
            [arrets[i] for i in du_jour], depart, True, p.duree_visite, p.detour, p.vitesse, jour
        )
        journees.append(j)
        ordre_par_jour.append([du_jour[i] for i in j.ordre])
    km = sum((j.km_route for j in journees), Decimal("0.0"))
    minutes = sum(j.minutes for j in journees)
    cout = cout_plan(km, minutes, len(cal.visites), p.cout_km, p.cout_horaire)
    premieres = sum(1 for x in cal.visites if x.rang == 0)
    attendus = resultats_attendus(premieres, p.taux_commande, p.panier, None, cout.total)
    necessaires = visites_par_jour_necessaires(len(arrets), p.jours, p.suivis)
    return PlanTournee(cal, journees, ordre_par_jour, km, minutes, cout, attendus, necessaires)
