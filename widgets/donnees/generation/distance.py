"""Bloc 2 tables (issue 23): the B2C web shop and the marketplace, the contact centre, the
satisfaction surveys and the online reviews, plus the order channel of the B2B orders
(``commandes.canal``).

Every draw comes from random streams of their own (seeded from the build's seed), never from
the generator's ``rng``: the tables generated before keep their rows byte for byte.

Sizes are bounded so the 100,000-client build stays fast: ``sessions_web`` is days × 6 sources
whatever the size, and the other volumes follow :func:`echelle` (√(clients / 2 000), at most
3), so 2 000 clients → ×1 and 100,000 clients → ×3.

Realistic figures (sources: FEVAD, Médiamétrie, Kiamo and Trustpilot public benchmarks, rounded):
seasonality of B2C textile (Christmas, winter and summer sales, Black Friday, Mother's day),
conversion from 0.6 % (social networks) to 3.5 % (e-mailing), 15 % marketplace commission,
returns 8 % (site) to 13 % (marketplace), calls peaking at 10:00 and 14:00, NPS ≈ +25,
about 30 % of surveys answered.
"""

from __future__ import annotations

import bisect
import math
from datetime import date, timedelta
from typing import TYPE_CHECKING

from widgets.donnees.generation import referentiels as R
from widgets.donnees.generation.aleatoire import (
    DEBUT,
    FIN,
    Tirage,
    arrondi_div,
    choix_pondere,
    slug,
)
from widgets.donnees.generation.ecriture import Ecriture, Libelles
from widgets.donnees.vocabulaire import CANAUX_COMMANDE, SOURCES_WEB, TYPES_CLIENT

if TYPE_CHECKING:
    from widgets.donnees.generation.generateur import Generateur

TABLES_DISTANCE_GENEREES = (
    "particuliers",
    "commandes_web",
    "sessions_web",
    "retours",
    "interactions",
    "reclamations",
    "enquetes",
    "avis",
)
"""The tables :func:`generer_distance` fills (in this order: the keys point backwards)."""

OUVERTURE_SITE_PRO = "2023-09-01"  # B2B orders on the professional site from this day
OUVERTURE_MARKETPLACE = "2024-04-01"  # B2B wholesale marketplace and B2C marketplace
DEBUT_MARKETPLACE = date(2024, 4, 1)
DEBUT_CENTRE_CONTACT = date(2025, 1, 2)  # the contact-centre tool logs contacts from this day
JOUR_PANNE_MESURE = date(2024, 9, 17)  # defect: the audience tag is down all day
TAUX_COMMISSION_PCT = 15


def echelle(nb_clients: int) -> float:
    """Volume factor of the bloc 2 tables: √(clients / 2 000), at most 3."""
    return min(3.0, math.sqrt(nb_clients / 2000))


# ---------------------------------------------------------------- commandes.canal
# Share of each channel per client type: représentant, téléphone, site, marketplace. A channel
# not open yet on the order's day gives its share to the rep.
PARTS_CANAL: dict[str, tuple[float, float, float, float]] = {
    "GMS": (0.88, 0.12, 0.0, 0.0),
    "Comité d'entreprise": (0.72, 0.14, 0.14, 0.0),
    "Grossiste": (0.66, 0.16, 0.08, 0.10),
    "Boutique de souvenirs": (0.60, 0.12, 0.10, 0.18),
}


class EcritureAvecCanal:
    """Passes every row to ``ecriture``, adding ``canal`` at the end of the ``commandes`` rows.

    The channel is drawn from a numpy stream of its own, in the order the orders are written
    (one uniform number per order), so the other columns stay those of the generator.
    """

    def __init__(self, ecriture: Ecriture, generateur: Generateur) -> None:
        self.ecriture = ecriture
        self.generateur = generateur
        self._rng = None
        self._type_du_client = None

    def _preparer(self):
        import numpy as np  # every build draws the channels with numpy (a few ms at 2 000)

        if self._rng is None:
            self._rng = np.random.default_rng([self.generateur.graine, 23, 1])
            types = [TYPES_CLIENT.index(c.type) for c in self.generateur.clients]
            self._type_du_client = np.array([0, *types], dtype=np.int8)  # ids from 1
            cumuls = np.zeros((len(TYPES_CLIENT), 3, 4))
            for t, nom in enumerate(TYPES_CLIENT):
                rep, tel, site, place = PARTS_CANAL[nom]
                for periode, ouverts in enumerate(((rep, tel, 0, 0), (rep, tel, site, 0))):
                    parts = (rep + sum((site, place)) - sum(ouverts[2:]), tel, *ouverts[2:])
                    cumuls[t, periode] = np.cumsum(parts)
                cumuls[t, 2] = np.cumsum((rep, tel, site, place))
            self._cumuls = cumuls
        return np

    def canaux(self, ids_clients, periodes):
        """Channel codes (index in CANAUX_COMMANDE) of orders by these clients in these periods
        (0: before the pro site, 1: before the marketplace, 2: after)."""
        np = self._preparer()
        u = self._rng.random(len(ids_clients))
        cumuls = self._cumuls[self._type_du_client[ids_clients], periodes]
        return np.minimum((u[:, None] >= cumuls).sum(axis=1), 3)

    @staticmethod
    def periode(iso: str) -> int:
        return (iso >= OUVERTURE_SITE_PRO) + (iso >= OUVERTURE_MARKETPLACE)

    def inserer(self, table: str, lignes: list[tuple]) -> int:
        if table == "commandes" and lignes:
            np = self._preparer()
            ids = np.fromiter((r[1] for r in lignes), dtype=np.int64, count=len(lignes))
            periodes = np.fromiter(
                (self.periode(r[3]) for r in lignes), dtype=np.int64, count=len(lignes)
            )
            codes = self.canaux(ids, periodes).tolist()
            lignes = [(*r, CANAUX_COMMANDE[k]) for r, k in zip(lignes, codes, strict=True)]
        return self.ecriture.inserer(table, lignes)

    def inserer_colonnes(self, table: str, colonnes: list) -> None:
        if table == "commandes":
            np = self._preparer()
            jours: Libelles = colonnes[3]
            periode_du_jour = np.array([self.periode(j) for j in jours.valeurs], dtype=np.int64)
            codes = self.canaux(np.asarray(colonnes[1]), periode_du_jour[jours.codes])
            colonnes = [*colonnes, Libelles(codes.astype(np.int8), CANAUX_COMMANDE)]
        self.ecriture.inserer_colonnes(table, colonnes)

    def executer(self, instruction: str) -> None:
        self.ecriture.executer(instruction)

    def terminer(self) -> None:
        self.ecriture.terminer()


# ---------------------------------------------------------------- small helpers
def binomiale(rng: Tirage, n: int, p: float) -> int:
    """A binomial draw (direct below 60 trials, else the normal approximation, clipped)."""
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    if n < 60:
        alea = rng.random
        return sum(1 for _ in range(n) if alea() < p)
    x = round(rng.gauss(n * p, math.sqrt(n * p * (1 - p))))
    return min(n, max(0, x))


def poisson(rng: Tirage, lam: float) -> int:
    """A Poisson draw (product of uniforms below 30, else the normal approximation)."""
    if lam <= 0:
        return 0
    if lam >= 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    seuil, k, p = math.exp(-lam), 0, rng.random()
    while p > seuil:
        k += 1
        p *= rng.random()
    return k


def _iso(d: date) -> str:
    return d.isoformat()


def _mercredi(annee: int, mois: int, rang: int) -> date:
    """The ``rang``-th Wednesday of the month (rang = -1: the last one)."""
    if rang > 0:
        d = date(annee, mois, 1)
        d += timedelta(days=(2 - d.weekday()) % 7)
        return d + timedelta(weeks=rang - 1)
    d = date(annee + (mois == 12), mois % 12 + 1, 1) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() - 2) % 7)


def black_friday(annee: int) -> date:
    """The day after the 4th Thursday of November."""
    d = date(annee, 11, 1)
    jeudi = d + timedelta(days=(3 - d.weekday()) % 7) + timedelta(weeks=3)
    return jeudi + timedelta(days=1)


def fete_des_meres(annee: int) -> date:
    """Last Sunday of May (France; the Pentecost shift is ignored here)."""
    d = date(annee, 5, 31)
    return d - timedelta(days=(d.weekday() - 6) % 7)


# Public holidays of 2025 (the contact centre is closed).
FERIES_2025 = frozenset(
    date(2025, m, j)
    for m, j in ((1, 1), (4, 21), (5, 1), (5, 8), (5, 29), (6, 9), (7, 14), (8, 15), (11, 1))
    + ((11, 11), (12, 25))
)


class Calendrier:
    """Traffic and conversion multipliers of the web shop, day by day."""

    MOIS = (0.95, 0.78, 0.85, 0.9, 1.0, 0.88, 0.95, 0.8, 0.85, 0.95, 1.15, 1.55)
    SEMAINE = (1.08, 1.02, 1.0, 0.98, 0.9, 0.88, 1.14)  # lundi … dimanche

    def __init__(self) -> None:
        self.soldes: list[tuple[date, date]] = []
        self.bf: dict[date, float] = {}
        self.fetes: list[tuple[date, date]] = []
        for a in (2023, 2024, 2025):
            for debut in (_mercredi(a, 1, 2), _mercredi(a, 6, -1)):
                self.soldes.append((debut, debut + timedelta(days=27)))
            v = black_friday(a)
            for k, f in enumerate((2.6, 1.8, 1.6, 1.9)):  # vendredi → cyber lundi
                self.bf[v + timedelta(days=k)] = f
            m = fete_des_meres(a)
            self.fetes.append((m - timedelta(days=10), m - timedelta(days=1)))

    def evenement(self, d: date) -> str:
        if d in self.bf:
            return "black friday"
        for debut, fin in self.soldes:
            if debut <= d <= fin:
                return "soldes" if (d - debut).days >= 7 else "ouverture des soldes"
        if d.month == 12 and d.day <= 18:
            return "noël"
        for debut, fin in self.fetes:
            if debut <= d <= fin:
                return "fête des mères"
        return ""

    def trafic(self, d: date, evenement: str) -> float:
        mois = 11 if evenement == "black friday" else d.month  # cyber week-end: November's base
        f = self.MOIS[mois - 1] * self.SEMAINE[d.weekday()]
        if d.month == 12 and d.day >= 22:
            f *= 0.6
        f *= {
            "ouverture des soldes": 1.6,
            "soldes": 1.15,
            "noël": 1.1,
            "fête des mères": 1.25,
        }.get(evenement, 1.0)
        if evenement == "black friday":
            f *= self.bf[d]
        elif black_friday(d.year) - timedelta(days=7) <= d < black_friday(d.year):
            f *= 0.85  # on attend le Black Friday
        return f * 1.3 ** ((d - DEBUT).days / 365)  # the young shop grows 30 % a year

    @staticmethod
    def conversion(evenement: str) -> float:
        return {
            "black friday": 1.6,
            "ouverture des soldes": 1.35,
            "soldes": 1.15,
            "noël": 1.25,
            "fête des mères": 1.15,
        }.get(evenement, 1.0)

    @staticmethod
    def remise(evenement: str) -> int:
        """Discount (%) on the articles that day."""
        return {"black friday": 25, "ouverture des soldes": 30, "soldes": 40}.get(evenement, 0)


# ---------------------------------------------------------------- web shop
# source: (share of visits, baskets / visits, orders / baskets, visitors / visits,
#          spend per visit HT in cents, or None when the spend is computed otherwise)
SOURCES: dict[str, tuple[float, float, float, float, int | None]] = {
    "recherche naturelle": (0.34, 0.075, 0.21, 0.88, 0),
    "recherche payante": (0.17, 0.085, 0.22, 0.91, 42),
    "réseaux sociaux": (0.21, 0.045, 0.14, 0.86, 18),
    "e-mailing": (0.08, 0.12, 0.30, 0.80, None),  # routing fee on campaign days
    "accès direct": (0.15, 0.10, 0.30, 0.72, 0),
    "sites affiliés": (0.05, 0.09, 0.24, 0.90, None),  # 8 % of the affiliated sales HT
}
assert tuple(SOURCES) == SOURCES_WEB
VISITES_PAR_JOUR = 240  # all sources, January 2023, at scale 1
ROUTAGE_CAMPAGNE_C = 4500  # cents HT per e-mailing campaign (Tuesdays)
COMMISSION_AFFILIES_PCT = 8

# B2C catalogue: (article, price TTC in cents, weight in the draw)
ARTICLES_B2C: tuple[tuple[str, int, float], ...] = (
    ("serviette de toilette", 1490, 0.22),
    ("drap de bain", 2990, 0.18),
    ("lot de 2 gants et 2 serviettes", 2490, 0.1),
    ("peignoir", 5990, 0.14),
    ("peignoir brodé", 6990, 0.06),
    ("parure de lit", 7990, 0.08),
    ("nappe", 3990, 0.06),
    ("lot de torchons", 1290, 0.08),
    ("souvenir de Paris", 990, 0.05),
    ("tapis de bain", 1990, 0.03),
)
POIDS_ARTICLES = tuple((str(i), a[2]) for i, a in enumerate(ARTICLES_B2C))
PEIGNOIRS = {3, 4}
ARTICLES_NOMS = tuple(a[0] for a in ARTICLES_B2C)

DOMAINES = (
    ("gmail.com", 0.35),
    ("orange.fr", 0.18),
    ("hotmail.fr", 0.12),
    ("free.fr", 0.09),
    ("yahoo.fr", 0.07),
    ("outlook.fr", 0.07),
    ("laposte.net", 0.06),
    ("sfr.fr", 0.06),
)

NOTES_DETRACTEURS = tuple((str(k), w) for k, w in enumerate((3, 2, 3, 5, 6, 10, 12)))
MOTIFS_RETOUR_POIDS = (
    ("taille ou couleur", 0.38),
    ("changement d'avis", 0.25),
    ("non conforme à la photo", 0.15),
    ("défaut", 0.12),
    ("colis endommagé", 0.10),
)


class Distance:
    """Draws the bloc 2 tables for a generator whose B2B tables are done."""

    def __init__(self, gen: Generateur) -> None:
        self.gen = gen
        self.rng = Tirage(f"bloc 2 — relation client à distance — {gen.graine}")
        self.k = echelle(gen.n)
        self.cal = Calendrier()
        # particuliers: (id, code_insee, email, date, source, optin)
        self.particuliers: list[list] = []
        self.dates_particuliers: list[str] = []  # inscription dates, in id order
        self.clients_site: list[int] = []  # ids of particuliers met on the site (not marketplace)
        self.clients_place: list[int] = []
        self.optin: list[int] = []
        # commandes_web: [id, id_particulier, iso, canal, source, ht, ttc, port, com, logi, ret]
        self.commandes: list[list] = []
        self.articles: list[list[int]] = []  # article indexes of each order
        self.sessions: list[tuple] = []
        self.retours: list[tuple] = []
        self.motif_retour: dict[int, str] = {}
        self.emails: set[str] = set()

    # ------------------------------------------------------------ particuliers
    def commune(self):
        g = self.gen
        x = self.rng.random() * g.cumul_pop[-1]
        return g.communes[bisect.bisect_right(g.cumul_pop, x)]

    def nouveau_particulier(self, jour: str, source: str | None) -> int:
        rng = self.rng
        ident = len(self.particuliers) + 1
        commune = self.commune()
        if source is None:  # marketplace buyer: an anonymous relay address
            email = f"{rng.getrandbits(48):012x}@relais.marketplace-textile.fr"
            optin = 0
        else:
            prenom = slug(rng.choice(R.PRENOMS))
            nom = slug(rng.choice(R.NOMS))
            forme = rng.random()
            if forme < 0.5:
                local = f"{prenom}.{nom}"
            elif forme < 0.75:
                local = f"{prenom}.{nom}{rng.randint(1, 99)}"
            else:
                local = f"{prenom[0]}{nom}{rng.randint(1950, 2006)}"
            email = f"{local}@{choix_pondere(rng, DOMAINES)}"
            while email in self.emails:  # one address per person
                email = email.replace("@", str(rng.randint(0, 9)) + "@", 1)
            self.emails.add(email)
            optin = 1 if source == "e-mailing" or rng.random() < 0.55 else 0
            self.clients_site.append(ident)
            if optin:
                self.optin.append(ident)
        if source is None:
            self.clients_place.append(ident)
        self.particuliers.append([ident, commune.code_insee, email, jour, source, optin])
        self.dates_particuliers.append(jour)
        return ident

    def ancien(self, liste: list[int], jour: str) -> int | None:
        """A particulier of ``liste`` registered before ``jour`` (None if there is none)."""
        # ids grow with the registration date: those registered before jour are 1 … premier - 1
        premier = bisect.bisect_left(self.dates_particuliers, jour) + 1
        n = bisect.bisect_left(liste, premier)
        return liste[self.rng.randrange(n)] if n else None

    # ------------------------------------------------------------ one order
    def panier(self, remise: int) -> tuple[int, list[int]]:
        """(amount TTC in cents, article indexes) of one B2C basket."""
        rng = self.rng
        articles = []
        n = 1
        while n < 6 and rng.random() < 0.42:
            n += 1
        total = 0
        for _ in range(n):
            i = int(choix_pondere(rng, POIDS_ARTICLES))
            articles.append(i)
            prix = ARTICLES_B2C[i][1]
            if remise and rng.random() < 0.7:  # most articles are on sale, at a price in ,90
                prix = max(490, arrondi_div(prix * (100 - remise), 100) // 100 * 100 + 90)
            total += prix
        return total, articles

    def commande(self, jour: date, canal: str, source: str | None, remise: int) -> int:
        """Append one order; return its amount TTC with shipping (cents)."""
        rng = self.rng
        iso = _iso(jour)
        ttc, articles = self.panier(remise)
        ht = arrondi_div(ttc * 100, 120)
        if canal == "site":
            port = 0 if ttc >= 6000 else 590
            commission = 0
            logistique = 190 + 45 * len(articles) + 495
            # returning customers: more often from e-mailing and direct access, more and more
            part_fideles = min(0.45, 0.06 + 0.3 * (jour - DEBUT).days / 1096)
            if source in ("e-mailing", "accès direct"):
                part_fideles = min(0.8, part_fideles * 2.2)
            liste = self.optin if source == "e-mailing" else self.clients_site
            qui = self.ancien(liste, iso) if rng.random() < part_fideles else None
            if qui is None:
                qui = self.nouveau_particulier(iso, source)
        else:
            port = 0
            commission = arrondi_div(ht * TAUX_COMMISSION_PCT, 100)
            logistique = 310 + 60 * len(articles)
            qui = self.ancien(self.clients_place, iso) if rng.random() < 0.12 else None
            if qui is None:
                qui = self.nouveau_particulier(iso, None)
        ident = len(self.commandes) + 1
        self.commandes.append(
            [ident, qui, iso, canal, source, ht, ttc, port, commission, logistique, 0]
        )
        self.articles.append(articles)
        return ttc + port

    # ------------------------------------------------------------ web shop and marketplace
    def boutique(self) -> None:
        rng = self.rng
        jour = DEBUT
        while jour <= FIN:
            evenement = self.cal.evenement(jour)
            trafic = VISITES_PAR_JOUR * self.k * self.cal.trafic(jour, evenement)
            conversion = self.cal.conversion(evenement)
            remise = self.cal.remise(evenement)
            campagne = jour.weekday() == 1 or evenement in ("black friday", "ouverture des soldes")
            lendemain = jour.weekday() == 2
            for source, (part, p_panier, p_commande, p_visiteurs, cout) in SOURCES.items():
                moyenne = trafic * part
                if source == "e-mailing":
                    moyenne *= 3.0 if campagne else 1.6 if lendemain else 0.45
                elif source in ("recherche payante", "réseaux sociaux") and evenement:
                    moyenne *= 1.3  # the ad budget follows the events
                visites = max(0, round(rng.gauss(moyenne, 1.3 * math.sqrt(moyenne))))
                visiteurs = min(visites, round(visites * p_visiteurs * rng.uniform(0.97, 1.03)))
                paniers = binomiale(rng, visites, p_panier)
                commandes = binomiale(rng, paniers, min(0.9, p_commande * conversion))
                ca = sum(self.commande(jour, "site", source, remise) for _ in range(commandes))
                if cout is None and source == "e-mailing":
                    depense = ROUTAGE_CAMPAGNE_C * self.k if campagne else 0
                elif cout is None:  # affiliates: a commission on the sales HT
                    depense = arrondi_div(arrondi_div(ca * 100, 120) * COMMISSION_AFFILIES_PCT, 100)
                else:
                    depense = visites * cout * rng.uniform(0.9, 1.1)
                self.sessions.append(
                    [_iso(jour), source, visites, visiteurs, paniers, commandes, ca / 100,
                     round(depense) / 100]
                )  # fmt: skip
            if jour >= DEBUT_MARKETPLACE:
                montee = min(1.0, 0.25 + (jour - DEBUT_MARKETPLACE).days / 120)
                lam = 0.42 * trafic * 0.019 * conversion * montee
                for _ in range(poisson(rng, lam)):
                    self.commande(jour, "marketplace", None, remise)
            # newsletter sign-ups and accounts without an order
            for _ in range(poisson(rng, 0.08 * trafic * 0.019)):
                source = choix_pondere(rng, tuple((s, v[0]) for s, v in SOURCES.items()))
                self.nouveau_particulier(_iso(jour), source)
            jour += timedelta(days=1)
        # defect: the audience tag was down one day (the orders of that day are in commandes_web)
        for s in self.sessions:
            if s[0] == _iso(JOUR_PANNE_MESURE):
                s[2:] = [0, 0, 0, 0, 0.0, s[7]]
        # defect: a few people registered twice, the second time with other capital letters
        site = [i for i in self.clients_site if self.particuliers[i - 1][4] is not None]
        nb = max(2, round(0.003 * len(site)))
        pas = len(site) // (nb + nb + 1)  # evenly spaced people (an index, not a rounding)
        for j in range(nb):
            plus_tard = site[len(site) // 2 + j * pas]
            avant = site[j * pas]
            email = self.particuliers[avant - 1][2]
            local, domaine = email.split("@")
            self.particuliers[plus_tard - 1][2] = f"{local.title()}@{domaine.capitalize()}"

    # ------------------------------------------------------------ returns
    def les_retours(self) -> None:
        rng = self.rng
        for c in self.commandes:
            ident, _qui, iso, canal = c[0], c[1], c[2], c[3]
            articles = self.articles[ident - 1]
            p = 0.08 if canal == "site" else 0.13
            if any(a in PEIGNOIRS for a in articles):
                p += 0.05
            if rng.random() >= p:
                continue
            motif = choix_pondere(rng, MOTIFS_RETOUR_POIDS)
            delai = rng.randint(2, 6) if motif == "colis endommagé" else rng.randint(4, 19)
            jour_retour = date.fromisoformat(iso) + timedelta(days=delai)
            if jour_retour > FIN:
                continue
            ttc, port, ht = c[6], c[7], c[5]
            if len(articles) > 1 and rng.random() < 0.35:  # one article sent back
                rembourse = (
                    ARTICLES_B2C[articles[0]][1] * ttc // sum(ARTICLES_B2C[a][1] for a in articles)
                )
                part_ht = arrondi_div(rembourse * 100, 120)
            else:
                rembourse = ttc + port
                part_ht = ht
            cout = 590 + 250 if canal == "site" else 450 + 150
            if motif in ("défaut", "colis endommagé"):
                cout += arrondi_div(part_ht * 40, 100)  # the article is destroyed
            c[10] = 1
            self.motif_retour[ident] = motif
            self.retours.append((jour_retour, ident, motif, delai, cout / 100, rembourse / 100))
        self.retours.sort(key=lambda r: (r[0], r[1]))

    # ------------------------------------------------------------ contact centre
    CRENEAUX = (
        0.7,
        1.0,
        1.5,
        1.3,
        1.1,
        0.9,
        0.55,
        0.45,
        0.5,
        0.9,
        1.4,
        1.25,
        1.05,
        0.95,
        0.9,
        0.8,
        0.65,
        0.45,
    )  # fmt: skip  (9:00, 9:30 … 17:30)
    JOURS = (1.3, 1.1, 1.0, 1.0, 0.9, 0.45)  # lundi … samedi (matin)
    MOIS_CONTACTS = (1.2, 1.0, 1.0, 1.0, 1.0, 0.95, 0.9, 0.7, 1.0, 1.0, 1.15, 1.3)
    CONTACTS_PAR_JOUR = 40

    def centre_contact(self) -> list[tuple]:
        rng = self.rng
        g = self.gen
        clients = sorted((c.date_creation.isoformat(), c.id) for c in g.clients)
        dates_clients = [c[0] for c in clients]
        canaux = (("téléphone", 0.58), ("e-mail", 0.22), ("chat", 0.14), ("réseaux sociaux", 0.06))
        b2b = {"téléphone": 0.5, "e-mail": 0.45, "chat": 0.2, "réseaux sociaux": 0.05}
        sortant = {"téléphone": 0.2, "e-mail": 0.1, "chat": 0.0, "réseaux sociaux": 0.0}
        motifs_b2b = (
            ("prise de commande", 0.3),
            ("suivi de commande", 0.25),
            ("facturation", 0.2),
            ("information produit", 0.12),
            ("réclamation", 0.08),
            ("retour ou échange", 0.05),
        )
        motifs_b2c = (
            ("suivi de commande", 0.35),
            ("retour ou échange", 0.2),
            ("information produit", 0.2),
            ("réclamation", 0.1),
            ("prise de commande", 0.1),
            ("facturation", 0.05),
        )
        contacts = []
        jour = DEBUT_CENTRE_CONTACT
        creneaux_semaine = tuple((str(i), w) for i, w in enumerate(self.CRENEAUX))
        creneaux_samedi = creneaux_semaine[:6]
        while jour <= FIN:
            if jour.weekday() == 6 or jour in FERIES_2025:
                jour += timedelta(days=1)
                continue
            iso = _iso(jour)
            lam = (
                self.CONTACTS_PAR_JOUR * self.k * self.JOURS[jour.weekday()]
                * self.MOIS_CONTACTS[jour.month - 1]
            )  # fmt: skip
            for _ in range(poisson(rng, lam)):
                canal = choix_pondere(rng, canaux)
                creneaux = creneaux_samedi if jour.weekday() == 5 else creneaux_semaine
                i = int(choix_pondere(rng, creneaux))
                charge = self.CRENEAUX[i]
                seconde = (9 * 3600 + 1800 * i) + rng.randrange(1800)
                h, m, s = seconde // 3600, seconde // 60 % 60, seconde % 60
                horodatage = f"{iso} {h:02d}:{m:02d}:{s:02d}"
                sens = "sortant" if rng.random() < sortant[canal] else "entrant"
                id_client = id_part = None
                if rng.random() < b2b[canal]:
                    n = bisect.bisect_right(dates_clients, iso)
                    id_client = clients[rng.randrange(n)][1]
                else:
                    n = bisect.bisect_left(self.dates_particuliers, iso)
                    if n:
                        id_part = rng.randrange(n) + 1
                    else:
                        id_client = clients[rng.randrange(len(clients))][1]
                if sens == "sortant":
                    motif = choix_pondere(
                        rng,
                        (("relance commerciale", 0.6), ("prise de rendez-vous", 0.4))
                        if id_client
                        else (("relance commerciale", 0.4), ("suivi de commande", 0.6)),
                    )
                else:
                    motif = choix_pondere(rng, motifs_b2b if id_client else motifs_b2c)
                attente: int | None
                decroche = 1
                if sens == "sortant":
                    attente = None
                    if canal == "téléphone" and rng.random() < 0.38:
                        decroche = 0
                elif canal == "téléphone":
                    attente = round(rng.expovariate(1 / (12 + 38 * max(0.1, charge - 0.4))))
                    patience = rng.expovariate(1 / 400)
                    if patience < attente:
                        decroche, attente = 0, round(patience)
                elif canal == "chat":
                    attente = 1 + round(rng.expovariate(1 / (8 + 20 * charge)))
                    if rng.random() < 0.07:
                        decroche = 0
                else:  # e-mail, réseaux sociaux: delay of the first answer
                    moyenne_h = 5.0 if canal == "e-mail" else 2.0
                    attente = round(3600 * rng.lognormvariate(math.log(moyenne_h), 0.8))
                    if rng.random() < (0.03 if canal == "e-mail" else 0.05):
                        decroche = 0
                duree = resolu = None
                if decroche:
                    mediane = {
                        "téléphone": 270 if sens == "entrant" else 200,
                        "chat": 480,
                        "e-mail": 300,
                        "réseaux sociaux": 180,
                    }[canal]
                    if motif == "réclamation":
                        mediane *= 1.5
                    elif motif == "prise de commande":
                        mediane *= 1.3
                    duree = round(mediane * rng.lognormvariate(0, 0.45))
                    if canal == "téléphone":
                        duree += rng.randint(20, 60)  # travail après l'appel
                    p = {"réclamation": 0.4, "retour ou échange": 0.6, "facturation": 0.65}.get(
                        motif, 0.8 if sens == "sortant" else 0.76
                    )
                    resolu = 1 if rng.random() < p else 0
                contacts.append(
                    (horodatage, id_client, id_part, canal, sens, attente, decroche, duree,
                     motif, resolu)
                )  # fmt: skip
            jour += timedelta(days=1)
        contacts.sort(key=lambda c: c[0])
        # defect: a few answered chats logged with a wait of 0 s
        chats = [i for i, c in enumerate(contacts) if c[3] == "chat" and c[6] == 1]
        for j in range(max(3, len(chats) // 150)):
            i = chats[(j * 97) % len(chats)]
            contacts[i] = (*contacts[i][:5], 0, *contacts[i][6:])
        return [(i, *c[1:4], c[4], c[0], *c[5:]) for i, c in enumerate(contacts, start=1)]

    # ------------------------------------------------------------ complaints
    def les_reclamations(self, interactions: list[tuple]) -> list[tuple]:
        rng = self.rng
        b2b = (
            ("retard de livraison", 0.3),
            ("erreur de commande", 0.25),
            ("facturation", 0.25),
            ("produit défectueux", 0.2),
        )
        b2c = (
            ("retard de livraison", 0.3),
            ("produit défectueux", 0.25),
            ("colis endommagé", 0.15),
            ("erreur de commande", 0.15),
            ("remboursement", 0.15),
        )
        brutes = []
        for it in interactions:
            if it[9] == "réclamation" and it[7] == 1 and rng.random() < 0.9:
                brutes.append((it[5][:10], it[0], it[1], it[2]))
        # before the tool (and by mail after it): returns of damaged goods, B2B letters
        for c in self.commandes:
            if self.motif_retour.get(c[0]) in ("défaut", "colis endommagé") and rng.random() < 0.3:
                d = date.fromisoformat(c[2]) + timedelta(days=rng.randint(2, 8))
                if d <= FIN:
                    brutes.append((_iso(d), None, None, c[1]))
        clients = self.gen.clients
        for _ in range(round(60 * self.k)):
            c = clients[rng.randrange(len(clients))]
            debut = max(DEBUT, c.date_creation)
            d = debut + timedelta(days=rng.randrange((FIN - debut).days + 1))
            brutes.append((_iso(d), None, c.id, None))
        brutes.sort(key=lambda b: (b[0], b[1] or 0, b[2] or 0, b[3] or 0))
        lignes = []
        for i, (iso, interaction, client, particulier) in enumerate(brutes, start=1):
            motif = choix_pondere(rng, b2b if client else b2c)
            ouverture = date.fromisoformat(iso)
            cloture = ouverture + timedelta(days=round(rng.expovariate(1 / 6)))
            if rng.random() < 0.02:
                cloture = FIN + timedelta(days=1)  # oubliée
            if cloture <= FIN:
                statut, fin = "close", _iso(cloture)
            else:
                statut, fin = ("ouverte" if (FIN - ouverture).days < 2 else "en cours"), None
            if client:
                geste = 0 if rng.random() < 0.6 else rng.randint(5, 40) * 1000
            else:
                geste = 0 if rng.random() < 0.55 else rng.choice((500, 1000, 1500, 2000))
            lignes.append(
                [i, interaction, client, particulier, iso, fin, motif, statut, geste / 100]
            )
        # defect: one complaint closed "before" it was opened (dates typed the wrong way round)
        closes = [r for r in lignes if r[7] == "close" and r[5] > r[4]]
        r = closes[len(closes) // 3]
        r[4], r[5] = r[5], r[4]
        return [tuple(r) for r in lignes]

    # ------------------------------------------------------------ surveys
    VERBATIMS = {
        ("promoteur", "commande"): (
            "Livraison rapide et serviettes très douces, je recommande.",
            "Très belle qualité, le peignoir est encore plus beau qu'en photo.",
            "Commande reçue en deux jours, emballage soigné. Parfait !",
            "Des produits fabriqués avec soin, on sent la différence.",
            "Deuxième commande, toujours aussi satisfaite.",
            "Le linge est épais et ne bouloche pas après plusieurs lavages.",
        ),
        ("passif", "commande"): (
            "Bonne qualité mais les frais de port sont un peu chers.",
            "Produit correct, délai de livraison un peu long.",
            "Conforme à la description, sans plus.",
            "Joli produit, mais le choix de couleurs est limité.",
        ),
        ("detracteur", "commande"): (
            "Colis arrivé avec une semaine de retard, sans nouvelles du transporteur.",
            "La couleur ne correspond pas du tout à la photo du site.",
            "Serviette qui a déteint dès le premier lavage, très déçue.",
            "Remboursement toujours pas reçu trois semaines après mon retour.",
            "Taille du peignoir beaucoup trop petite, le guide des tailles est faux.",
        ),
        ("promoteur", "contact"): (
            "Conseillère très aimable qui a réglé mon problème tout de suite.",
            "Réponse claire et rapide, merci.",
            "Interlocuteur compétent, commande modifiée en quelques minutes.",
        ),
        ("passif", "contact"): (
            "Problème réglé, mais j'ai attendu longtemps avant d'avoir quelqu'un.",
            "Réponse correcte, un peu impersonnelle.",
        ),
        ("detracteur", "contact"): (
            "Trois appels pour le même problème, toujours pas résolu.",
            "Attente interminable au téléphone puis la communication a coupé.",
            "On m'a promis un rappel qui n'est jamais venu.",
            "Réponse toute faite qui ne répond pas à ma question.",
        ),
    }

    def note(self, p_promoteur: float, p_detracteur: float) -> tuple[str, int, int]:
        rng = self.rng
        u = rng.random()
        if u < p_promoteur:
            cat, nps = "promoteur", 10 if rng.random() < 0.55 else 9
            csat = 5 if rng.random() < 0.7 else 4
        elif u < 1 - p_detracteur:
            cat, nps = "passif", 8 if rng.random() < 0.55 else 7
            v = rng.random()
            csat = 4 if v < 0.6 else 3 if v < 0.9 else 5
        else:
            cat = "detracteur"
            nps = int(choix_pondere(rng, NOTES_DETRACTEURS))
            v = rng.random()
            csat = 1 if v < 0.25 else 2 if v < 0.6 else 3 if v < 0.95 else 4
        return cat, nps, csat

    def les_enquetes(self, interactions: list[tuple]) -> list[tuple]:
        rng = self.rng
        # (sending date, order, client, particulier, answer rate, promoters, detractors, subject)
        envois = []
        for c in self.commandes:
            if c[3] != "site":
                continue
            d = date.fromisoformat(c[2]) + timedelta(days=8)
            if d > FIN:
                continue
            retour = self.motif_retour.get(c[0])
            if retour in ("défaut", "non conforme à la photo", "colis endommagé"):
                promo, detr = 0.1, 0.6
            elif retour:
                promo, detr = 0.3, 0.3
            else:
                promo, detr = 0.56, 0.15
            envois.append((d, len(envois), None, c[1], 0.27, promo, detr, "commande"))
        for it in interactions:
            if it[4] != "entrant" or it[7] != 1 or rng.random() >= 0.5:
                continue
            d = date.fromisoformat(it[5][:10]) + timedelta(days=1)
            if d > FIN:
                continue
            promo, detr = (0.55, 0.16) if it[10] == 1 else (0.15, 0.55)
            envois.append((d, len(envois), it[1], it[2], 0.36, promo, detr, "contact"))
        envois.sort(key=lambda e: (e[0], e[1]))
        lignes = []
        for d, _, client, particulier, taux, promo, detr, sujet in envois:
            reponse = nps = csat = verbatim = None
            if rng.random() < taux:
                delai = 0
                while delai < 14 and rng.random() < 0.55:
                    delai += 1
                if d + timedelta(days=delai) <= FIN:
                    reponse = _iso(d + timedelta(days=delai))
                    cat, nps, csat = self.note(promo, detr)
                    if rng.random() < (0.7 if cat == "detracteur" else 0.4):
                        verbatim = rng.choice(self.VERBATIMS[(cat, sujet)])
            lignes.append([client, particulier, _iso(d), reponse, nps, csat, verbatim])
        # defect: a few answered surveys recorded twice (a second answer, the day after)
        repondues = [i for i, r in enumerate(lignes) if r[3] is not None and r[3] < "2025-12-30"]
        nb = max(2, len(repondues) // 400)
        pas = len(repondues) // nb
        doublons = {repondues[j * pas + pas // 2] for j in range(nb)}
        sortie = []
        for i, r in enumerate(lignes):
            sortie.append(r)
            if i in doublons:
                _cat, nps, csat = self.note(0.4, 0.25)
                lendemain = _iso(date.fromisoformat(r[3]) + timedelta(days=1))
                sortie.append([r[0], r[1], r[2], lendemain, nps, csat, None])
        return [(i, *r) for i, r in enumerate(sortie, start=1)]

    # ------------------------------------------------------------ reviews
    TEXTES_AVIS = {
        5: (
            "Peignoir magnifique, conforme à la photo.",
            "Très belles serviettes, moelleuses et absorbantes.",
            "Livraison rapide, produit de qualité. Je recommande !",
            "Cadeau très apprécié, joli emballage.",
            "Excellente qualité, fabrication soignée.",
        ),
        4: (
            "Bon produit, un peu cher mais la qualité est là.",
            "Satisfaite de mon achat, livraison dans les délais.",
            "Jolie parure, les couleurs sont fidèles.",
        ),
        3: (
            "Correct sans plus, le tissu est plus fin que prévu.",
            "Produit conforme mais livraison lente.",
        ),
        2: (
            "Déçue par la qualité : la serviette peluche beaucoup.",
            "Le colis est arrivé abîmé, le service client a mis du temps à répondre.",
        ),
        1: (
            "Commande jamais reçue et aucune réponse du service client.",
            "Produit défectueux et remboursement très long. À éviter.",
            "Couleur complètement différente de la photo, renvoyé.",
        ),
    }
    REPONSES = {
        "positive": (
            "Merci beaucoup pour votre retour, à très bientôt !",
            "Merci pour votre confiance, toute l'équipe est ravie que nos produits vous plaisent.",
        ),
        "negative": (
            "Nous sommes désolés de votre expérience. Notre service client vous contacte pour "
            "trouver une solution.",
            "Toutes nos excuses pour ce désagrément : écrivez-nous à service.client@atelier-"
            "textile.fr avec votre numéro de commande, nous réglons cela au plus vite.",
        ),
    }
    NOTES = {
        "site": (0.58, 0.22, 0.08, 0.05, 0.07),
        "marketplace": (0.5, 0.2, 0.1, 0.07, 0.13),
        "Google": (0.55, 0.2, 0.08, 0.05, 0.12),
        "Trustpilot": (0.5, 0.18, 0.08, 0.06, 0.18),
    }  # notes 5, 4, 3, 2, 1

    def les_avis(self) -> list[tuple]:
        rng = self.rng
        bruts = []  # (date, ordre, plateforme, particulier, motif de retour)
        for c in self.commandes:
            d = date.fromisoformat(c[2]) + timedelta(days=rng.randint(5, 20))
            u = rng.random()
            if c[3] == "site":
                plateforme = "site" if u < 0.06 else "Trustpilot" if u < 0.09 else None
            else:
                plateforme = "marketplace" if u < 0.09 else None
            if plateforme and d <= FIN:
                qui = c[1] if plateforme != "Trustpilot" or rng.random() < 0.5 else None
                bruts.append((d, len(bruts), plateforme, qui, self.motif_retour.get(c[0])))
        jour = DEBUT
        while jour <= FIN:  # Google: the brand's page (shops, visitors, customers)
            for _ in range(poisson(rng, 0.25 * self.k)):
                qui = self.ancien(self.clients_site, _iso(jour)) if rng.random() < 0.4 else None
                bruts.append((jour, len(bruts), "Google", qui, None))
            jour += timedelta(days=1)
        bruts.sort(key=lambda b: (b[0], b[1]))
        lignes = []
        for d, _, plateforme, qui, retour in bruts:
            if retour in ("défaut", "non conforme à la photo", "colis endommagé"):
                note = 1 if rng.random() < 0.6 else 2
            else:
                note = int(
                    choix_pondere(rng, tuple(zip("54321", self.NOTES[plateforme], strict=True)))
                )
            texte = rng.choice(self.TEXTES_AVIS[note]) if rng.random() < 0.7 else None
            p = 0.85 if note <= 2 else 0.6 if note == 3 else 0.45
            if plateforme == "marketplace":
                p *= 0.4
            reponse = date_reponse = None
            if rng.random() < p:
                delai = 0
                while delai < 10 and rng.random() < 0.6:
                    delai += 1
                if d + timedelta(days=delai) <= FIN:
                    ton = "negative" if note <= 2 else "positive"
                    reponse = rng.choice(self.REPONSES[ton])
                    date_reponse = _iso(d + timedelta(days=delai))
            lignes.append([plateforme, qui, _iso(d), note, texte, reponse, date_reponse])
        # defect: a few answered reviews without the date of the answer
        repondus = [r for r in lignes if r[5] is not None]
        nb = max(2, len(repondus) // 100)
        pas = len(repondus) // nb
        for j in range(nb):
            repondus[j * pas + pas // 2][6] = None
        return [(i, *r) for i, r in enumerate(lignes, start=1)]

    # ------------------------------------------------------------ everything
    def remplir(self) -> None:
        self.boutique()
        self.les_retours()
        interactions = self.centre_contact()
        ecrire = self.gen.ecriture.inserer
        ecrire("particuliers", [tuple(p) for p in self.particuliers])
        ecrire(
            "commandes_web",
            [
                (*c[:5], c[5] / 100, c[6] / 100, c[7] / 100, c[8] / 100, c[9] / 100, c[10])
                for c in self.commandes
            ],
        )
        ecrire("sessions_web", [tuple(s) for s in self.sessions])
        ecrire(
            "retours",
            [(i, r[1], _iso(r[0]), *r[2:]) for i, r in enumerate(self.retours, start=1)],
        )
        ecrire("interactions", interactions)
        ecrire("reclamations", self.les_reclamations(interactions))
        ecrire("enquetes", self.les_enquetes(interactions))
        ecrire("avis", self.les_avis())


def generer_distance(gen: Generateur) -> None:
    """Fill the bloc 2 tables (the B2B tables are done: clients and communes are known)."""
    Distance(gen).remplir()


__all__ = [
    "EcritureAvecCanal",
    "TABLES_DISTANCE_GENEREES",
    "echelle",
    "generer_distance",
]
