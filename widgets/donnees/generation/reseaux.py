"""The bloc 3 tables (networks): GMS stores and their panel (shelf surveys, weekly sell-out,
promotions), the partner network (contracts, monthly sales and objectives, animation actions)
and the direct-selling (VDI) network with its home parties.

Every draw comes from this module's own random streams (one ``Tirage`` per part, seeded with
the build's seed and the part's name): the tables generated before keep exactly their rows, and
changing one part here leaves the others unchanged. Sizes are bounded whatever the number of
clients (a panel of at most 36 stores, at most 80 partners and 400 VDI), except ``magasins``
(one row per GMS client, about 12 % of the clients).

Defects on purpose (listed in the tables' descriptions, so in ``docs/dictionnaire.md``, and
checked by ``tests/test_base_tables_du_bloc_3_reseaux.py``):

- ``releves_magasin``: one line with 0 facings but a positive linear;
- ``sell_out``: one panel store did not send one week (its three ranges are missing);
- ``operations_promo``: one discount typed as a fraction (0.3) instead of a percentage (30);
- ``partenaires``: one franchisee without its entry fee;
- ``ventes_partenaires``: one active partner without rows for three months;
- ``reunions``: one party with sales but 0 people present.
"""

from __future__ import annotations

import bisect
import math
from datetime import date, timedelta
from typing import TYPE_CHECKING

from widgets.donnees.generation import referentiels as R
from widgets.donnees.generation.aleatoire import FIN, Tirage, arrondi_div, euros
from widgets.donnees.vocabulaire import GAMMES_GMS

if TYPE_CHECKING:  # pragma: no cover
    from widgets.donnees.generation.generateur import Client, Commune, Generateur

TABLES_RESEAUX = (
    "magasins",
    "releves_magasin",
    "sell_out",
    "operations_promo",
    "partenaires",
    "ventes_partenaires",
    "actions_animation",
    "vdi",
    "reunions",
)
MARQUE = "Atelier Textile"
"""The firm's brand on the shelves."""

PANEL_MAX = 36
PARTENAIRES_MAX = 80
VDI_MAX = 400
PREMIERE_SEMAINE = date(2024, 1, 1)  # a Monday: sell-out covers 2024 and 2025
DERNIERE_SEMAINE = date(2025, 12, 22)  # the last complete week before « aujourd'hui »
# A shelf survey a quarter (the 13 weeks before it are in sell_out), the last in December 2025.
MOIS_RELEVES = (
    (2024, 4),
    (2024, 7),
    (2024, 10),
    (2025, 1),
    (2025, 4),
    (2025, 7),
    (2025, 10),
    (2025, 12),
)
DEBUT_VENTES = date(2023, 1, 1)
# Home selling networks are mostly women (hostesses, VDI): the women's first names of the lists.
PRENOMS_F = (*R.PRENOMS[:18], "Yasmine", "Nadia", "Amélie", "Gaëlle", "Noémie")
# A few men among the VDI (one in eight).
PRENOMS_VDI = PRENOMS_F + PRENOMS_F + PRENOMS_F + ("Thomas", "Nicolas", "Karim")
NOM_DE_GAMME = {  # in a sentence: « formation à l'argumentaire des peignoirs »
    "Serviettes éponge": "serviettes éponge",
    "Peignoirs": "peignoirs",
    "Linge de maison": "articles de linge de maison",
}

ENSEIGNES_HYPER = ("Hyperval", "Hyper Centre", "Hyper Azur")
ENSEIGNES_PROXIMITE = ("Distri Plus", "Super Éco")

# Weekly units of a range for a shelf of 20 m, before seasonality.
VENTES_BASE = {"Serviettes éponge": 30.0, "Peignoirs": 6.0, "Linge de maison": 18.0}
# Month weights (January → December): white sales in January, beach towels in summer,
# bathrobes and gift boxes at Christmas (and for Mother's Day in May).
SAISON = {
    "Serviettes éponge": (1.5, 0.9, 0.9, 1.0, 1.1, 1.5, 1.8, 1.5, 0.8, 0.8, 0.9, 1.2),
    "Peignoirs": (1.2, 0.8, 0.8, 0.9, 1.3, 0.9, 0.7, 0.7, 0.8, 1.0, 1.5, 2.6),
    "Linge de maison": (2.0, 1.2, 1.0, 0.9, 0.9, 0.8, 0.7, 0.8, 1.2, 1.0, 1.1, 1.4),
}
CROISSANCE = {2023: 0.96, 2024: 1.0, 2025: 1.04}
LARGEUR_M = {"Serviettes éponge": 0.25, "Peignoirs": 0.4, "Linge de maison": 0.3}
MARQUES_NATIONALES = ("Douceur d'Éponge", "Linge Doux", "Tissages du Nord")
PRIX_RELATIF = {"MDD": 0.8, "nationale": 1.06, "premier prix": 0.55}
PART_VENTES_CONCURRENT = {"MDD": 0.6, "nationale": 0.35, "premier prix": 0.8}

MECANIQUES = (
    ("remise immédiate", (20, 40)),
    ("lot", (33, 33)),
    ("carte de fidélité", (20, 30)),
    ("prix barré", (15, 30)),
)

PARTS_PARTENAIRES = (("distributeur", 0.3), ("franchisé", 0.3), ("agent", 0.25), ("VDI", 0.15))
CA_MENSUEL = {  # euros HT per month: range of a partner's usual level
    "distributeur": (25_000, 80_000),
    "franchisé": (15_000, 40_000),
    "agent": (10_000, 35_000),
    "VDI": (3_000, 8_000),
}
SAISON_PARTENAIRES = (0.9, 0.8, 0.9, 1.0, 1.1, 1.0, 0.8, 0.7, 1.0, 1.0, 1.3, 1.5)
ACTIONS = {
    "distributeur": (("PLV", 3), ("visite", 3), ("challenge", 2), ("formation", 1)),
    "franchisé": (("formation", 3), ("visite", 2), ("réunion", 2), ("PLV", 2), ("challenge", 1)),
    "agent": (("réunion", 3), ("challenge", 2), ("visite", 2), ("formation", 1)),
    "VDI": (("formation", 3), ("challenge", 2), ("réunion", 2)),
}
COUT_ACTION = {  # euros HT
    "challenge": (500, 3000),
    "formation": (300, 1500),
    "PLV": (200, 2500),
    "réunion": (100, 600),
    "visite": (60, 180),
}
DESCRIPTIONS = {
    "challenge": (
        "Challenge des ventes de {gamme} : bons d'achat aux trois premiers",
        "Challenge trimestriel sur les {gamme}, prime au dépassement d'objectif",
    ),
    "formation": (
        "Formation à l'argumentaire des {gamme}",
        "Formation merchandising : implantation des {gamme}",
    ),
    "PLV": (
        "Kit PLV (kakémono, stop-rayon) pour les {gamme}",
        "Présentoir de sol pour la mise en avant des {gamme}",
    ),
    "réunion": (
        "Réunion de réseau : bilan du trimestre et nouveautés en {gamme}",
        "Réunion régionale de lancement de la collection de {gamme}",
    ),
    "visite": (
        "Visite d'accompagnement et point sur les {gamme}",
        "Visite de contrôle de l'assortiment de {gamme}",
    ),
}


def _semaines() -> list[date]:
    semaines, s = [], PREMIERE_SEMAINE
    while s <= DERNIERE_SEMAINE:
        semaines.append(s)
        s += timedelta(days=7)
    return semaines


def _mois(d: date) -> str:
    return d.isoformat()[:7]


def _poisson(rng: Tirage, lam: float) -> int:
    """A Poisson draw (products of uniforms; lam is small here)."""
    seuil, k, p = math.exp(-lam), 0, rng.random()
    while p > seuil:
        k += 1
        p *= rng.random()
    return k


def _autour(rng: Tirage, moyenne: float) -> int:
    """Units around ``moyenne`` (normal approximation of a Poisson count, never negative)."""
    return max(0, round(rng.gauss(moyenne, 1.1 * math.sqrt(moyenne))))


def _prix_psychologique(centimes: float) -> int:
    """A shelf price ending in ,99 (cents): 25,99 € for 26,25 €."""
    return max(99, round(centimes / 100) * 100 - 1)


def _repartir(total: int, poids: list[float]) -> list[int]:
    """``total`` units shared in proportion to ``poids`` (largest remainders): sums exactly."""
    somme = sum(poids)
    bruts = [total * p / somme for p in poids]
    parts = [math.floor(b) for b in bruts]
    ordre = sorted(range(len(poids)), key=lambda i: (parts[i] - bruts[i], i))
    for i in ordre[: total - sum(parts)]:
        parts[i] += 1
    return parts


class _Communes:
    """Communes drawn by population, anywhere or within a set of departments."""

    def __init__(self, gen: Generateur) -> None:
        self.communes = gen.communes
        self.cumul = gen.cumul_pop
        self.par_dep: dict[str, tuple[list[Commune], list[int]]] = {}
        for c in gen.communes:
            liste, cumul = self.par_dep.setdefault(c.departement, ([], []))
            liste.append(c)
            cumul.append((cumul[-1] if cumul else 0) + c.population)

    def au_hasard(self, rng: Tirage, departements: tuple[str, ...] = ()) -> Commune:
        if departements:
            dep = rng.choice([d for d in departements if d in self.par_dep])
            liste, cumul = self.par_dep[dep]
        else:
            liste, cumul = self.communes, self.cumul
        return liste[bisect.bisect_right(cumul, rng.random() * cumul[-1])]


def generer_reseaux(gen: Generateur) -> None:
    """Insert the nine bloc 3 tables through ``gen.ecriture`` (after the other tables)."""
    graine = gen.graine
    magasins = _magasins(gen, Tirage(f"{graine}/magasins"))
    _panel(gen, magasins, Tirage(f"{graine}/panel"))
    communes = _Communes(gen)
    _partenaires(gen, communes, Tirage(f"{graine}/partenaires"))
    _vdi(gen, communes, Tirage(f"{graine}/vdi"))


# ------------------------------------------------------------------ stores and their panel
def _magasins(gen: Generateur, rng: Tirage) -> list[tuple]:
    """One row per GMS client: (id, enseigne, format, surface, linéaire, panel)."""
    gms: list[Client] = [c for c in gen.clients if c.type == "GMS"]
    lignes = []
    for c in gms:
        enseigne = next(e for e in R.ENSEIGNES_GMS if c.raison_sociale.startswith(e + " "))
        if enseigne in ENSEIGNES_HYPER:
            fmt = "hypermarché" if rng.random() < 0.85 else "supermarché"
        elif enseigne in ENSEIGNES_PROXIMITE:
            fmt = "proximité" if rng.random() < 0.6 else "supermarché"
        else:
            fmt = "supermarché" if rng.random() < 0.8 else "proximité"
        if fmt == "hypermarché":
            surface, lineaire = rng.randint(45, 120) * 100, rng.uniform(24, 60)
        elif fmt == "supermarché":
            surface, lineaire = rng.randint(10, 35) * 100, rng.uniform(8, 20)
        else:
            surface, lineaire = rng.randint(20, 90) * 10, rng.uniform(2, 6)
        lignes.append([c.id, enseigne, fmt, surface, round(lineaire * 2) / 2, 0])
    # The panel: stores open before 2024 and still ordering, a few dozen at most, chosen among
    # the hypermarkets and supermarkets (the small stores complete it only if needed).
    eligibles = [i for i, c in enumerate(gms) if c.date_creation < PREMIERE_SEMAINE
                 and c.fin_activite >= FIN]  # fmt: skip
    taille = min(PANEL_MAX, max(1, math.ceil(len(eligibles) / 5))) if eligibles else 0
    grands = [i for i in eligibles if lignes[i][2] != "proximité"]
    petits = [i for i in eligibles if lignes[i][2] == "proximité"]
    choisis = rng.sample(grands, min(taille, len(grands)))
    choisis += rng.sample(petits, taille - len(choisis))
    for i in choisis:
        lignes[i][5] = 1
    lignes_t = [tuple(x) for x in lignes]
    gen.ecriture.inserer("magasins", lignes_t)
    return lignes_t


def _panel(gen: Generateur, magasins: list[tuple], rng: Tirage) -> None:
    """Shelf surveys, weekly sell-out and promotions of the panel stores."""
    semaines = _semaines()
    produits = [
        p for p in gen.produits if p[2] in GAMMES_GMS
    ]  # id, ref, gamme, pu_c, cout_c, actif
    designation = {i: d for i, (_r, d, *_x) in enumerate(R.PRODUITS, start=1)}
    releves, ventes, operations = [], [], []
    id_releve = id_operation = 0
    panel = [m for m in magasins if m[5]]
    for rang, (ident, enseigne, fmt, _surface, lineaire_rayon, _p) in enumerate(panel):
        taille = lineaire_rayon / 20
        coef = rng.uniform(1.55, 1.95)  # the store's multiplier on its purchase price HT
        garde = {"hypermarché": 1.0, "supermarché": 0.75, "proximité": 0.45}[fmt]
        assortiment = []
        for g in GAMMES_GMS:
            de_la_gamme = [p for p in produits if p[2] == g]
            choisis = [p for p in de_la_gamme if rng.random() < garde]
            while len(choisis) < min(2, len(de_la_gamme)):
                p = rng.choice(de_la_gamme)
                if p not in choisis:
                    choisis.append(p)
            assortiment += sorted(choisis)
        faces_max = {"hypermarché": 8, "supermarché": 5, "proximité": 3}[fmt]
        info = {}  # product id -> [shelf price (cents), popularity, facings]
        for p in assortiment:
            prix = _prix_psychologique(p[3] * coef * 1.2)
            popularite = (100 / p[3]) ** 0.6 * rng.lognormvariate(0, 0.35)
            info[p[0]] = [prix, popularite, rng.randint(1, faces_max)]
        # Competitors: for two references of each range, the store brand (MDD) and, outside
        # the small stores, a national brand; a "premier prix" towel in the hypermarkets.
        concurrents = []  # (mirrored product, kind, brand, price cents)
        for g in GAMMES_GMS:
            miroirs = [p for p in assortiment if p[2] == g and p[5]]
            for p in rng.sample(miroirs, min(2, len(miroirs))):
                genres = ["MDD"] + (["nationale"] if fmt != "proximité" else [])
                if fmt == "hypermarché" and g == "Serviettes éponge":
                    genres.append("premier prix")
                for genre in genres:
                    marque = {"MDD": enseigne, "premier prix": "Premier prix"}.get(
                        genre, rng.choice(MARQUES_NATIONALES)
                    )
                    prix = _prix_psychologique(
                        info[p[0]][0] * PRIX_RELATIF[genre] * rng.uniform(0.95, 1.05)
                    )
                    concurrents.append((p, genre, marque, prix, rng.randint(1, faces_max)))
        prix_moyen = {}
        for g in GAMMES_GMS:
            refs = [info[p[0]] for p in assortiment if p[2] == g]
            prix_moyen[g] = sum(r[0] * r[1] for r in refs) / sum(r[1] for r in refs)

        # -- promotions: 4 to 6 a year, never two at once in a store
        promos: dict[tuple[str, int], tuple[int, float]] = {}  # (gamme, week) -> (op, remise)
        occupees: set[int] = set()
        ops = []
        for annee in (2024, 2025):
            for _ in range(rng.randint(4, 6)):
                gamme = rng.choice(GAMMES_GMS)
                duree = rng.randint(1, 3)
                debuts = [
                    i
                    for i, s in enumerate(semaines)
                    if s.year == annee
                    and i + duree <= len(semaines)
                    and not occupees.intersection(range(i - 1, i + duree + 1))
                ]
                if not debuts:
                    continue
                i0 = rng.choice(debuts)
                mecanique, (bas, haut) = rng.choice(MECANIQUES)
                remise = float(rng.randint(bas, haut))
                if mecanique == "remise immédiate":
                    remise = float(5 * round(remise / 5))
                elan = rng.uniform(1.0, 4.5) if rng.random() > 0.15 else rng.uniform(0.0, 0.5)
                occupees.update(range(i0, i0 + duree))
                ops.append([gamme, i0, duree, mecanique, remise, elan])
        ops.sort(key=lambda o: o[1])
        for n, (gamme, i0, duree, _m, remise, _e) in enumerate(ops):
            for i in range(i0, i0 + duree):
                promos[(gamme, i)] = (n, remise)

        # -- weekly sell-out by range
        trou = None
        if rang == 0:  # defect: this store did not send one week of 2025
            trou = next(
                i for i, s in enumerate(semaines) if s >= date(2025, 3, 10) and i not in occupees
            )
        base = [[0.0] * 3 for _ in semaines]
        qte = [[0] * 3 for _ in semaines]
        bilan = [[0.0, 0, 0] for _ in ops]  # ventes_base, ventes_reelles, cannibalisation
        effet_magasin = rng.uniform(0.8, 1.2)
        for i, s in enumerate(semaines):
            jeudi = s + timedelta(days=3)
            for k, g in enumerate(GAMMES_GMS):
                m = (
                    VENTES_BASE[g]
                    * taille
                    * effet_magasin
                    * SAISON[g][jeudi.month - 1]
                    * CROISSANCE[jeudi.year]
                )
                base[i][k] = m
                promo = promos.get((g, i))
                if promo:
                    n, remise = promo
                    m *= 1 + ops[n][5] * remise / 100
                qte[i][k] = _autour(rng, m)
            for k, g in enumerate(GAMMES_GMS):
                promo = promos.get((g, i))
                if promo:
                    n = promo[0]
                    bilan[n][0] += base[i][k]
                    bilan[n][1] += qte[i][k]
                    surplus = max(0, qte[i][k] - round(base[i][k]))
                    pris = 0
                    for k2 in range(3):  # units taken from the other ranges
                        if k2 != k:
                            x = min(qte[i][k2], round(surplus * rng.uniform(0.02, 0.15)))
                            qte[i][k2] -= x
                            pris += x
                    bilan[n][2] += pris
        for i, s in enumerate(semaines):
            if i == trou:
                continue
            for k, g in enumerate(GAMMES_GMS):
                promo = promos.get((g, i))
                remise = promo[1] if promo else 0.0
                ca = round(qte[i][k] * prix_moyen[g] * (100 - remise) / 100)
                ventes.append((ident, s.isoformat(), g, qte[i][k], euros(ca)))
        for n, (gamme, i0, duree, mecanique, remise, _e) in enumerate(ops):
            id_operation += 1
            reelles = bilan[n][1]
            prix_ht = prix_moyen[gamme] / 1.2
            cout = round(reelles * prix_ht * remise / 100 * 0.5) + 100 * rng.randint(150, 600)
            saisie = remise / 100 if (rang == 0 and n == 0) else remise  # defect: 0.3 for 30
            operations.append(
                (
                    id_operation,
                    ident,
                    gamme,
                    semaines[i0].isoformat(),
                    (semaines[i0 + duree - 1] + timedelta(days=6)).isoformat(),
                    mecanique,
                    saisie,
                    euros(cout),
                    round(bilan[n][0]),
                    reelles,
                    bilan[n][2],
                )
            )

        # -- shelf surveys: one per quarter, every reference on the shelf that day
        for annee, mois in MOIS_RELEVES:
            jour = date(annee, mois, rng.randint(8, 17))
            while jour.weekday() > 4:
                jour += timedelta(days=1)
            fin13 = max(i for i, s in enumerate(semaines) if s + timedelta(days=6) < jour)
            fenetre = range(fin13 - 12, fin13 + 1)
            en_rayon = [p for p in assortiment if p[5] or jour.isoformat() < R.DATE_ARRET_PRODUITS]
            for p in en_rayon:  # facings drift a little from one survey to the next
                if rng.random() < 0.2:
                    info[p[0]][2] = max(1, min(faces_max, info[p[0]][2] + rng.choice((-1, 1))))
            unites = {}
            for k, g in enumerate(GAMMES_GMS):
                refs = [p for p in en_rayon if p[2] == g]
                total = sum(qte[i][k] for i in fenetre)
                poids = [
                    info[p[0]][1] * info[p[0]][2] ** 0.5 * rng.uniform(0.85, 1.15) for p in refs
                ]
                unites.update(zip((p[0] for p in refs), _repartir(total, poids), strict=True))
            # the nearest competitor: the facing reference whose price is the closest
            face_du_miroir: dict[int, int] = {}
            for miroir, _genre, _marque, prix_c, _faces in concurrents:
                ici = info[miroir[0]][0]
                avant = face_du_miroir.get(miroir[0])
                if avant is None or abs(prix_c - ici) < abs(avant - ici):
                    face_du_miroir[miroir[0]] = prix_c
            for p in en_rayon:
                id_releve += 1
                prix, _pop, faces = info[p[0]]
                rupture = int(rng.random() < (0.08 if mois == 12 else 0.04))
                releves.append(
                    (
                        id_releve,
                        ident,
                        jour.isoformat(),
                        p[0],
                        MARQUE,
                        faces,
                        round(faces * LARGEUR_M[p[2]], 2),
                        rupture,
                        euros(prix),
                        euros(face_du_miroir[p[0]]) if p[0] in face_du_miroir else None,
                        p[2],
                        designation[p[0]],
                        unites[p[0]],
                    )
                )
            for p, genre, marque, prix, faces in concurrents:
                id_releve += 1
                vendues = round(
                    unites.get(p[0], 0) * PART_VENTES_CONCURRENT[genre] * rng.uniform(0.7, 1.3)
                )
                releves.append(
                    (
                        id_releve,
                        ident,
                        jour.isoformat(),
                        None,
                        marque,
                        faces,
                        round(faces * LARGEUR_M[p[2]], 2),
                        int(rng.random() < 0.03),
                        euros(prix),
                        None,
                        p[2],
                        f"{designation[p[0]].split(' (')[0]} ({genre})",
                        vendues,
                    )
                )
    if releves:  # defect: a line with 0 facings but a linear still recorded
        i = len(releves) // 3
        releves[i] = releves[i][:5] + (0,) + releves[i][6:]
    gen.ecriture.inserer("releves_magasin", releves)
    gen.ecriture.inserer("sell_out", ventes)
    gen.ecriture.inserer("operations_promo", operations)


# ------------------------------------------------------------------ partners
def _partenaires(gen: Generateur, communes: _Communes, rng: Tirage) -> None:
    nombre = min(PARTENAIRES_MAX, 24 + gen.n // 100)
    types = [t for t, part in PARTS_PARTENAIRES for _ in range(round(part * nombre))]
    types = (types + ["distributeur"] * nombre)[:nombre]
    rng.shuffle(types)
    secteurs = [s for s in R.SECTEURS if s[3]]  # the regional sectors (not the Paris shops)
    lignes, ventes, actions = [], [], []
    franchise_sans_droit = sans_ventes = None
    for ident, genre in enumerate(types, start=1):
        secteur = rng.choice(secteurs)
        ville = communes.au_hasard(rng, secteur[3]).nom
        nom_famille = rng.choice(R.NOMS)
        if genre == "distributeur":
            nom = (
                f"{rng.choice(('Comptoir du Linge', 'Diffusion Textile', 'Négoce Maison'))} {ville}"
            )
            contrat = rng.choice(
                (
                    "contrat de distribution sélective 3 ans",
                    "contrat de concession exclusive 5 ans",
                    "contrat de distribution 2 ans",
                )
            )
        elif genre == "franchisé":
            nom = f"Maison du Linge {ville}"
            contrat = f"contrat de franchise {rng.choice((5, 7))} ans"
        elif genre == "agent":
            nom = f"Agence {nom_famille} ({ville})"
            contrat = "mandat d'agent commercial"
        else:
            nom = f"{rng.choice(PRENOMS_F)} {nom_famille}, animatrice VDI ({ville})"
            contrat = "contrat de VDI mandataire"
        if rng.random() < 0.7:
            entree = date(2012, 1, 1) + timedelta(days=rng.randint(0, 3999))  # before 2023
        else:
            entree = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1000))
        sortie = None
        if rng.random() < 0.15:
            au_plus_tot = max(entree + timedelta(days=180), date(2023, 3, 1))
            if au_plus_tot < date(2025, 11, 30):
                sortie = au_plus_tot + timedelta(
                    days=rng.randint(0, (date(2025, 11, 30) - au_plus_tot).days)
                )
        commission = redevance = pub = droit = None
        if genre == "agent":
            commission = round(rng.uniform(8, 12) * 2) / 2
        elif genre == "VDI":
            commission = float(rng.randint(20, 30))
        elif genre == "franchisé":
            redevance = round(rng.uniform(4, 6) * 2) / 2
            pub = rng.choice((1.0, 1.5, 2.0))
            droit = float(rng.randint(15, 35) * 1000)
            if franchise_sans_droit is None:
                franchise_sans_droit, droit = ident, None  # defect: entry fee not filled in
        lignes.append(
            (
                ident,
                nom,
                genre,
                contrat,
                secteur[0],
                entree.isoformat(),
                sortie.isoformat() if sortie else None,
                commission,
                redevance,
                pub,
                droit,
            )
        )

        # -- monthly sales against the objective, from 2023 (or the entry) to the exit
        bas, haut = CA_MENSUEL[genre]
        niveau = rng.uniform(bas, haut)
        forme = rng.uniform(0.88, 1.15)  # how the partner does against its objectives
        trou = sans_ventes is None and sortie is None and genre != "VDI" and entree < DEBUT_VENTES
        if trou:
            sans_ventes = ident
        mois = max(DEBUT_VENTES, entree.replace(day=1))
        fin = min(FIN, sortie or FIN)
        anciennete = 0
        while mois <= fin:
            cle = _mois(mois)
            # a newcomer's objectives (and sales) ramp up over its first year
            demarrage = min(1.0, 0.5 + anciennete / 12) if entree >= DEBUT_VENTES else 1.0
            objectif = round(
                niveau * demarrage * SAISON_PARTENAIRES[mois.month - 1] * CROISSANCE[mois.year]
                * rng.uniform(0.95, 1.1), -2
            )  # fmt: skip
            declin = 0.7 if sortie and (sortie - mois).days < 120 else 1.0
            ca = round(objectif * forme * declin * rng.gauss(1, 0.1) * 100)
            if not (trou and cle in ("2024-08", "2024-09", "2024-10")):  # defect
                ventes.append((ident, cle, euros(max(0, ca)), float(objectif)))
            anciennete += 1
            mois = date(mois.year + (mois.month == 12), mois.month % 12 + 1, 1)

        # -- animation actions: two to six a year while in the network
        options = ACTIONS[genre]
        for annee in (2023, 2024, 2025):
            debut = max(date(annee, 1, 1), entree)
            fin_annee = min(date(annee, 12, 31), sortie or FIN)
            if debut > fin_annee:
                continue
            for _ in range(rng.randint(2, 6)):
                jour = debut + timedelta(days=rng.randint(0, (fin_annee - debut).days))
                action = rng.choices([o for o, _ in options], [w for _, w in options])[0]
                cout = rng.randint(*COUT_ACTION[action]) * 100
                if action != "visite":
                    cout = round(cout, -4)  # à 100 € près
                gamme = NOM_DE_GAMME[rng.choice(GAMMES_GMS)]
                texte = rng.choice(DESCRIPTIONS[action]).format(gamme=gamme)
                actions.append((jour, ident, action, euros(cout), texte))
    actions.sort(key=lambda a: (a[0], a[1]))
    gen.ecriture.inserer("partenaires", lignes)
    gen.ecriture.inserer("ventes_partenaires", ventes)
    gen.ecriture.inserer(
        "actions_animation",
        [(i, a[1], a[0].isoformat(), a[2], a[3], a[4]) for i, a in enumerate(actions, start=1)],
    )


# ------------------------------------------------------------------ VDI network
def _vdi(gen: Generateur, communes: _Communes, rng: Tirage) -> None:
    nombre = min(VDI_MAX, 150 + gen.n // 20)
    premiers = max(3, round(0.08 * nombre))
    entrees = sorted(
        date(2018, 1, 1) + timedelta(days=rng.randint(0, 1825)) for _ in range(premiers)
    )
    # Recruitment grows over the years (weights 1, 2, 3, 4, 5 from 2021 to 2025).
    debut_recrutement = date(2021, 1, 1)
    jours = (date(2025, 11, 30) - debut_recrutement).days
    autres = sorted(
        debut_recrutement + timedelta(days=round(jours * math.sqrt(rng.random())))
        for _ in range(nombre - premiers)
    )
    membres = []  # [id, parrain, entree, sortie, statut, commune, niveau, prenom]
    for ident, entree in enumerate(entrees + autres, start=1):
        parrain, niveau = None, 1
        if ident > premiers:
            actifs = [
                m
                for m in membres
                if m[6] < 3 and m[2] < entree and (m[3] is None or m[3] >= entree)
            ]
            if actifs:  # else nobody can sponsor yet: a new first-level VDI
                choisi = rng.choices(actifs, [3 if m[6] == 1 else 1 for m in actifs])[0]
                parrain, niveau = choisi[0], choisi[6] + 1
        sortie = None
        if rng.random() < (0.1 if niveau == 1 else 0.5):
            duree = round(rng.expovariate(1 / 420)) + 30
            if entree + timedelta(days=duree) <= FIN:
                sortie = entree + timedelta(days=duree)
        if parrain is not None and rng.random() < 0.75:
            dep = membres[parrain - 1][5].departement
            commune = communes.au_hasard(rng, (dep,))
        else:
            commune = communes.au_hasard(rng)
        statut = "mandataire" if rng.random() < 0.75 else "acheteur-revendeur"
        membres.append(
            [ident, parrain, entree, sortie, statut, commune, niveau, rng.choice(PRENOMS_VDI)]
        )
    gen.ecriture.inserer(
        "vdi",
        [
            (
                m[0],
                m[1],
                m[2].isoformat(),
                m[3].isoformat() if m[3] else None,
                m[4],
                m[5].code_insee,
                m[7],
            )
            for m in membres
        ],
    )

    # -- home parties from 2023 on: 6 to 15 guests, part of them present
    saison = (0.9, 1.0, 1.1, 1.1, 1.1, 0.9, 0.5, 0.4, 1.0, 1.2, 1.4, 1.1)
    fetes = []
    for ident, _parrain, entree, sortie, statut, _commune, _niveau, _prenom in membres:
        rythme = (2.2 if statut == "mandataire" else 1.5) * rng.uniform(0.5, 1.4)
        mois = max(DEBUT_VENTES, entree.replace(day=1))
        fin = sortie or FIN
        while mois <= fin:
            suivant = date(mois.year + (mois.month == 12), mois.month % 12 + 1, 1)
            debut = max(mois, entree)
            dernier = min(suivant - timedelta(days=1), fin)
            if debut <= dernier:
                part = ((dernier - debut).days + 1) / (suivant - mois).days
                for _ in range(_poisson(rng, rythme * saison[mois.month - 1] * part)):
                    jour = debut + timedelta(days=rng.randint(0, (dernier - debut).days))
                    invitees = rng.randint(6, 15)
                    taux = rng.uniform(0.45, 0.85)
                    # a party nobody came to is cancelled, not recorded: at least 2 present
                    presentes = max(2, sum(rng.random() < taux for _ in range(invitees)))
                    ttc = sum(
                        rng.randint(2500, 9000) for _ in range(presentes) if rng.random() < 0.75
                    )
                    fetes.append((jour, ident, rng.choice(PRENOMS_F), invitees, presentes, ttc))
            mois = suivant
    fetes.sort(key=lambda f: (f[0], f[1]))
    lignes = []
    for i, (jour, ident, hotesse, invitees, presentes, ttc) in enumerate(fetes, start=1):
        cadeau = arrondi_div(ttc, 12)  # 10 % of the sales HT (TTC / 1.2)
        lignes.append(
            (i, ident, jour.isoformat(), hotesse, invitees, presentes, euros(ttc), euros(cadeau))
        )
    defaut = next((i for i, li in enumerate(lignes) if li[6] > 0 and i >= len(lignes) // 2), None)
    if defaut is not None:  # defect: sales recorded but nobody present
        lignes[defaut] = lignes[defaut][:5] + (0,) + lignes[defaut][6:]
    gen.ecriture.inserer("reunions", lignes)
