"""Deterministic generator of the client database (one ``random.Random(graine)``, no clock).

Amounts are computed in integer cents, rounded half away from zero (as on paper), and stored
as REAL euros. Rows are produced month by month so that 100,000 clients fit in memory.
"""

from __future__ import annotations

import bisect
import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from widgets.calculs.tournee import distance_km, distance_routiere_km
from widgets.donnees.generation import referentiels as R
from widgets.donnees.generation.aleatoire import (
    DEBUT,
    FIN,
    Tirage,
    _cumuls,
    arrondi_div,
    choix_pondere,
    euros,
    jour_au_hasard,
    siret,
    slug,
    telephone,
)
from widgets.donnees.generation.distance import (
    TABLES_DISTANCE_GENEREES,
    EcritureAvecCanal,
    generer_distance,
)
from widgets.donnees.generation.ecriture import Ecriture
from widgets.donnees.generation.prospects import generer_prospects
from widgets.donnees.generation.reseaux import TABLES_RESEAUX, generer_reseaux
from widgets.donnees.generation.schema import TABLES
from widgets.erreurs import ErreurAtelier

FICHIER_COMMUNES = Path(__file__).with_name("communes.csv")
TABLES_PAR_NOM = {t.nom: t for t in TABLES}
TAUX_TVA = 20


UN_JOUR = timedelta(days=1)


class IsoDuJour(dict):
    """date → ``date.isoformat()``, computed once per distinct date (a few thousand)."""

    def __missing__(self, jour: date) -> str:
        texte = self[jour] = jour.isoformat()
        return texte


def numeroter_factures(factures: list[tuple]) -> list[tuple]:
    """Give each invoice its number: ``F<année>-<rang>``, the rank in date order (then id
    order) within the invoice's year, e.g. ``F2025-000001``; the number goes 2nd in the row."""
    # Rows are in id order and sorted() is stable: sorting on the date alone keeps ids in order.
    dates = [f[3] for f in factures]
    ordre = sorted(range(len(factures)), key=dates.__getitem__)
    numeros: list[str] = [""] * len(factures)
    annee, rang = "", 0
    for i in ordre:
        a = factures[i][3][:4]
        rang = rang + 1 if a == annee else 1
        annee = a
        numeros[i] = f"F{a}-{rang:06d}"
    return [(f[0], numeros[i], *f[1:]) for i, f in enumerate(factures)]


def mois_suivant(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


# ---------------------------------------------------------------- data classes
@dataclass
class Commune:
    code_insee: str
    code_postal: str
    nom: str
    departement: str
    population: int
    latitude: float
    longitude: float


@dataclass
class Client:
    id: int
    type: str
    commune: Commune
    id_secteur: int
    id_commercial: int
    date_creation: date
    fin_activite: date  # dernière date possible de commande (clients dormants : avant juillet 2025)
    poids: float
    remise: float
    delai: int
    profil_paiement: str
    raison_sociale: str


def lire_communes(fichier: Path = FICHIER_COMMUNES) -> list[Commune]:
    """The committed communes CSV, sorted by INSEE code."""
    with fichier.open(encoding="utf-8", newline="") as f:
        lignes = [
            Commune(
                r["code_insee"],
                r["code_postal"],
                r["nom"],
                r["departement"],
                int(r["population"]),
                float(r["latitude"]),
                float(r["longitude"]),
            )
            for r in csv.DictReader(f)
        ]
    return sorted(lignes, key=lambda c: c.code_insee)


# ---------------------------------------------------------------- the generator
class Generateur:
    """Fills an empty database (schema already created) for ``nb_clients`` clients."""

    def __init__(
        self, ecriture: Ecriture, nb_clients: int, graine: int, vectorise: bool = False
    ) -> None:
        """``vectorise``: draw the orders and what follows them with numpy (``vectorise.py``:
        same laws, another random stream, so other rows); the clients, prospects, visits and
        objectives come from the same code in both cases."""
        if nb_clients < 1:
            raise ErreurAtelier(
                f"il faut au moins 1 client (demandé : {nb_clients}).", champ="clients"
            )
        self.ecriture = EcritureAvecCanal(ecriture, self)  # + commandes.canal (bloc 2)
        self.n = nb_clients
        self.graine = graine
        self.vectorise = vectorise
        self.rng = Tirage(graine)
        self.sirets: set[str] = set()
        self.communes = lire_communes()
        self.par_code = {c.code_insee: c for c in self.communes}
        self.secteur_du_dep = {d: s[0] for s in R.SECTEURS for d in s[3]}
        self.base_secteur = {s[0]: s[4] for s in R.SECTEURS}
        # communes ordinaires (hors Paris souvenirs) pondérées par la population
        self.cumul_pop: list[int] = []
        total = 0
        for c in self.communes:
            total += c.population
            self.cumul_pop.append(total)

    # -------------------------------------------------------------- entry point
    def remplir(self) -> None:
        """Generate every table; each table is indexed as soon as its last row is sent (on a
        large build the writer process indexes the orders while this one draws visits)."""
        etapes = (
            (self._communes_secteurs, ("communes", "secteurs")),
            (self._produits, ("produits",)),
            (self._commerciaux, ("commerciaux",)),
            (self._clients, ("clients",)),
            (self._commandes, ("commandes", "lignes_commande", "reglements", "factures")),
            (self._prospects_et_visites, ("prospects", "prospects_defauts", "visites")),
            (self._objectifs, ("objectifs",)),
            (self._reseaux, TABLES_RESEAUX),  # bloc 3, own random streams (reseaux.py)
            (lambda: generer_distance(self), TABLES_DISTANCE_GENEREES),  # bloc 2
        )
        for etape, tables in etapes:
            etape()
            for nom in tables:
                for ddl in TABLES_PAR_NOM[nom].ddl_index():
                    self.ecriture.executer(ddl)

    def _reseaux(self) -> None:
        generer_reseaux(self)

    def _inserer(self, table: str, lignes: Iterable[tuple]) -> int:
        return self.ecriture.inserer(table, list(lignes))

    def commune_au_hasard(self) -> Commune:
        x = self.rng.random() * self.cumul_pop[-1]
        return self.communes[bisect.bisect_right(self.cumul_pop, x)]

    def implanter(self, type_client: str) -> tuple[Commune, int]:
        """A commune and its sector: touristic Paris for a souvenir shop, else by population."""
        if type_client == "Boutique de souvenirs":
            return self.commune_touristique(), R.ID_SECTEUR_SOUVENIRS
        commune = self.commune_au_hasard()
        return commune, self.secteur_du_dep[commune.departement]

    def commune_touristique(self) -> Commune:
        codes = R.ARRONDISSEMENTS_TOURISTIQUES
        code = self.rng.choices([c for c, _ in codes], weights=[w for _, w in codes])[0]
        return self.par_code[code]

    # -------------------------------------------------------------- référentiels
    def _communes_secteurs(self) -> None:
        self._inserer(
            "communes",
            (
                (
                    c.code_insee,
                    c.code_postal,
                    c.nom,
                    c.departement,
                    c.population,
                    c.latitude,
                    c.longitude,
                )
                for c in self.communes
            ),
        )
        self._inserer("secteurs", ((s[0], s[1], s[2]) for s in R.SECTEURS))

    def _produits(self) -> None:
        self.produits: list[
            tuple[int, str, str, int, int, bool]
        ] = []  # id, ref, gamme, pu_c, cout_c, actif
        lignes = []
        for i, (ref, designation, gamme, pu, cout, actif) in enumerate(R.PRODUITS, start=1):
            pu_c, cout_c = round(float(pu) * 100), round(float(cout) * 100)
            self.produits.append((i, ref, gamme, pu_c, cout_c, bool(actif)))
            lignes.append(
                (i, ref, designation, gamme, euros(pu_c), euros(cout_c), float(TAUX_TVA), actif)
            )
        self._inserer("produits", lignes)
        self.produits_par_gamme: dict[str, list[tuple[int, str, str, int, int, bool]]] = {}
        for p in self.produits:
            self.produits_par_gamme.setdefault(p[2], []).append(p)
        self.en_vente_avant = self.produits_par_gamme
        self.en_vente_apres = {
            g: [p for p in ps if p[5]] for g, ps in self.produits_par_gamme.items()
        }

    def _commerciaux(self) -> None:
        rng = self.rng
        total = max(len(R.SECTEURS) + 2, round(self.n / 80))
        nb_souvenirs = max(1, round(total * R.TYPES_POIDS[3][1]))
        reste = total - nb_souvenirs
        pop = {s[0]: 0 for s in R.SECTEURS if s[0] != R.ID_SECTEUR_SOUVENIRS}
        for c in self.communes:
            pop[self.secteur_du_dep[c.departement]] += c.population
        quotas = {s: 1 for s in pop}
        for _ in range(reste - len(pop)):  # au plus fort reste, en ordre stable
            s = max(pop, key=lambda k: (pop[k] / (quotas[k] + 1), -k))
            quotas[s] += 1
        quotas[R.ID_SECTEUR_SOUVENIRS] = nb_souvenirs
        self.commerciaux_du_secteur: dict[int, list[int]] = {}
        self.embauche: dict[int, date] = {}
        self.secteur_du_commercial: dict[int, int] = {}
        lignes = []
        ident = 0
        for id_secteur in sorted(quotas):
            for _ in range(quotas[id_secteur]):
                ident += 1
                prenom, nom = rng.choice(R.PRENOMS), rng.choice(R.NOMS)
                if id_secteur == R.ID_SECTEUR_SOUVENIRS:
                    embauche = jour_au_hasard(rng, date(2024, 10, 1), date(2024, 12, 2))
                else:
                    embauche = jour_au_hasard(rng, date(2008, 1, 1), date(2022, 9, 30))
                email = f"{slug(prenom)}.{slug(nom)}{ident}@atelier-textile.fr"
                fixe = rng.randrange(1_850, 2_650, 25)
                lignes.append(
                    (
                        ident,
                        nom,
                        prenom,
                        email,
                        telephone(rng, None),
                        id_secteur,
                        embauche.isoformat(),
                        float(fixe),
                    )
                )
                self.commerciaux_du_secteur.setdefault(id_secteur, []).append(ident)
                self.embauche[ident] = embauche
                self.secteur_du_commercial[ident] = id_secteur
        self._inserer("commerciaux", lignes)

    # -------------------------------------------------------------- clients
    def raison_sociale(self, type_client: str, commune: Commune) -> str:
        rng = self.rng
        ville = commune.nom.split(" ")[0] if commune.code_insee.startswith("751") else commune.nom
        if type_client == "GMS":
            return f"{rng.choice(R.ENSEIGNES_GMS)} {ville}"
        if type_client == "Comité d'entreprise":
            return f"CSE {rng.choice(R.SECTEURS_CE)} {rng.choice(R.NOMS)}"
        if type_client == "Grossiste":
            return f"{rng.choice(R.GROSSISTES)} {rng.choice(R.NOMS)} {rng.choice(R.FORMES)}"
        return f"{rng.choice(R.BOUTIQUES)} {rng.choice(R.FORMES)}"

    def adresse(self, commune: Commune) -> str:
        voies = R.VOIES_TOURISTIQUES.get(commune.code_insee, R.VOIES)
        return f"{self.rng.randint(1, 120)} {self.rng.choice(voies)}"

    def _clients(self) -> None:
        rng = self.rng
        bruts = []
        for i in range(self.n):
            type_client = choix_pondere(rng, R.TYPES_POIDS)
            commune, id_secteur = self.implanter(type_client)
            if type_client == "Boutique de souvenirs":
                creation = jour_au_hasard(rng, date(2025, 1, 20), date(2025, 11, 30))
            elif rng.random() < 0.75:
                creation = jour_au_hasard(rng, date(2005, 1, 1), date(2022, 12, 31))
            else:
                creation = jour_au_hasard(rng, date(2023, 3, 1), date(2025, 11, 30))
            bruts.append((creation, i, type_client, commune, id_secteur))
        bruts.sort(key=lambda b: (b[0], b[1]))  # identifiants dans l'ordre de création

        self.clients: list[Client] = []
        lignes = []
        for ident, (creation, _, type_client, commune, id_secteur) in enumerate(bruts, start=1):
            id_commercial = rng.choice(self.commerciaux_du_secteur[id_secteur])
            fin = FIN
            if creation < date(2024, 12, 1) and rng.random() < 0.12:  # client dormant
                debut_possible = max(creation, DEBUT) + timedelta(days=60)
                fin = jour_au_hasard(rng, min(debut_possible, date(2025, 6, 1)), date(2025, 6, 15))
            u = rng.random()
            profil = "ponctuel" if u < 0.7 else ("retard" if u < 0.94 else "difficile")
            c = Client(
                id=ident,
                type=type_client,
                commune=commune,
                id_secteur=id_secteur,
                id_commercial=id_commercial,
                date_creation=creation,
                fin_activite=fin,
                poids=rng.lognormvariate(0.0, 0.75) * R.FACTEUR_TAILLE[type_client],
                remise=rng.choice(R.REMISES_CONTRAT[type_client]),
                delai=rng.choice(R.DELAIS_PAIEMENT[type_client]),
                profil_paiement=profil,
                raison_sociale=self.raison_sociale(type_client, commune),
            )
            self.clients.append(c)
            bas, haut = R.PLAFONDS[type_client]
            plafond = rng.randrange(bas, haut + 1, 500)
            lignes.append(
                (
                    ident,
                    c.raison_sociale,
                    type_client,
                    siret(rng, self.sirets),
                    self.adresse(commune),
                    commune.code_postal,
                    commune.nom,
                    commune.code_insee,
                    telephone(rng, commune.departement),
                    f"contact@{slug(c.raison_sociale)}.fr",
                    id_commercial,
                    id_secteur,
                    creation.isoformat(),
                    float(plafond),
                    c.delai,
                )
            )
        self._inserer("clients", lignes)

    # -------------------------------------------------------------- commandes
    def _commandes(self) -> None:
        rng = self.rng
        saison = {t: tuple(12 * w / sum(ws) for w in ws) for t, ws in R.SAISONNALITE.items()}
        croissance = {2023: 1.0, 2024: 1.05, 2025: 1.1}
        self.ca_mensuel: dict[tuple[int, str], int] = {}  # (commercial, AAAA-MM) -> centimes HT
        self.nouveaux: dict[tuple[int, str], int] = {}
        for c in self.clients:
            if c.date_creation >= DEBUT:
                cle = (c.id_commercial, c.date_creation.isoformat()[:7])
                self.nouveaux[cle] = self.nouveaux.get(cle, 0) + 1
        if self.vectorise:
            # numpy is imported only for the large builds that draw with it
            from widgets.donnees.generation.vectorise import commandes_vectorisees

            commandes_vectorisees(self, self.graine)
            return
        id_commande = id_ligne = id_facture = id_reglement = 0
        # What _lignes draws with, per client (constants of its type, and moyenne × poids**0.6).
        self.tirage_lignes = {}
        for c in self.clients:
            bas, haut = R.LIGNES_PAR_COMMANDE[c.type]
            nb_valeurs = haut - bas + 1
            gammes, cumuls, total, dernier = _cumuls(R.GAMMES_PAR_TYPE[c.type])
            moyenne, pack = R.QUANTITE_BASE[c.type]
            self.tirage_lignes[c.id] = (
                nb_valeurs, nb_valeurs.bit_length(), bas, gammes, total, dernier, cumuls,
                moyenne * c.poids**0.6, pack,
            )  # fmt: skip
        # Per-client constants of the monthly order rate, computed once (same floating-point
        # products, in the same order, as the formula written in full below).
        actifs = [
            (c.date_creation, c.fin_activite, c.id, c, c.type, c.poids**0.3) for c in self.clients
        ]
        alea = rng.random
        randint = rng.randint
        getrandbits = rng.getrandbits
        bisect_right = bisect.bisect_right
        lignes_de = self._lignes
        paiements = self._paiements
        ca_mensuel = self.ca_mensuel
        # factures: (id, id_commande, id_client, date, échéance, HT, TVA, TTC), numbered at
        # the end (chronological numbers per year, as a firm numbers its invoices).
        factures: list[tuple] = []
        # ISO text of every date the loop meets (orders, deliveries, due dates, payments).
        iso_du_jour = IsoDuJour()
        mois = DEBUT
        while mois <= FIN:
            fin_mois = mois_suivant(mois) - timedelta(days=1)
            jours_du_mois = (fin_mois - mois).days + 1
            # lam = COMMANDES_PAR_MOIS × saison × croissance × poids**0.3 × part
            taux_du_mois = {
                t: R.COMMANDES_PAR_MOIS[t] * saison[t][mois.month - 1] * croissance[mois.year]
                for t in R.COMMANDES_PAR_MOIS
            }
            commandes_du_mois: list[tuple[date, int, Client]] = []
            for creation, fin_activite, ident, c, type_client, poids03 in actifs:
                debut = mois if mois > creation else creation
                fin = fin_mois if fin_mois < fin_activite else fin_activite
                if debut > fin:
                    continue
                if mois <= creation <= fin_mois and creation >= DEBUT:
                    commandes_du_mois.append((creation, ident, c))  # première commande
                ecart = (fin - debut).days
                part = (ecart + 1) / jours_du_mois
                lam = taux_du_mois[type_client] * poids03 * part
                # a Poisson draw of mean lam (multiply uniforms until below e^-lam), inlined:
                # this loop runs 3.6 million times for 100,000 clients.
                if lam <= 0:
                    continue
                seuil = math.exp(-lam)
                k, p = 0, alea()
                while p > seuil:
                    k += 1
                    p *= alea()
                for _ in range(k):  # the k order days, drawn after the count (as before)
                    commandes_du_mois.append((debut + UN_JOUR * randint(0, ecart), ident, c))
            commandes_du_mois.sort(key=lambda x: (x[0], x[1]))

            cmd_l, lig_l, reg_l = [], [], []
            for jour, _, c in commandes_du_mois:
                id_commande += 1
                r = getrandbits(4)  # rng.randint(2, 10), inlined (9 values, 4 bits)
                while r >= 9:
                    r = getrandbits(4)
                livraison = jour + UN_JOUR * (2 + r)
                if livraison > FIN:
                    statut = "en cours"
                elif alea() < 0.03:
                    statut = "annulée"
                else:
                    statut = "livrée"
                iso = iso_du_jour[jour]
                cmd_l.append((id_commande, c.id, c.id_commercial, iso, statut, c.remise))
                brut = 0
                for produit, quantite in lignes_de(c, iso):
                    pu_c = produit[3]
                    if quantite >= 200:
                        r10 = 50
                    elif quantite >= 100:
                        r10 = 30
                    elif quantite >= 50:
                        r10 = 20
                    else:
                        r10 = 0
                    montant = arrondi_div(quantite * pu_c * (1000 - r10), 1000)
                    brut += montant
                    id_ligne += 1
                    lig_l.append(
                        (id_ligne, id_commande, produit[0], quantite, pu_c / 100, r10 / 10,
                         montant / 100)
                    )  # fmt: skip
                if statut != "livrée":
                    continue
                net = arrondi_div(brut * (1000 - round(c.remise * 10)), 1000)
                tva = arrondi_div(net * TAUX_TVA, 100)
                ttc = net + tva
                id_facture += 1
                echeance = livraison + UN_JOUR * c.delai
                factures.append(
                    (id_facture, id_commande, c.id, iso_du_jour[livraison],
                     iso_du_jour[echeance], net / 100, tva / 100, ttc / 100)
                )  # fmt: skip
                cle = (c.id_commercial, iso[:7])
                ca_mensuel[cle] = ca_mensuel.get(cle, 0) + net
                valeurs, cumuls, total, dernier = _cumuls(R.MODES_PAR_TYPE[c.type])
                for d, m in paiements(c, livraison, echeance, ttc):
                    id_reglement += 1
                    mode = valeurs[bisect_right(cumuls, alea() * total, 0, dernier)]
                    reg_l.append((id_reglement, id_facture, iso_du_jour[d], m / 100, mode))
            self._inserer("commandes", cmd_l)
            self._inserer("lignes_commande", lig_l)
            self._inserer("reglements", reg_l)
            mois = mois_suivant(mois)
        self._inserer("factures", numeroter_factures(factures))

    def _lignes(self, c: Client, iso: str) -> list[tuple[tuple, int]]:
        """The (product, quantity) lines of one order placed on day ``iso`` (AAAA-MM-JJ).

        The draws are those of ``rng.randint``, ``choix_pondere``, ``rng.choice`` and
        ``rng.uniform`` written inline (this runs for every order line of the base).
        """
        getrandbits, alea = self.rng.getrandbits, self.rng.random
        nb_valeurs, bits, bas, gammes, total, dernier, cumuls, facteur, pack = self.tirage_lignes[
            c.id
        ]
        r = getrandbits(bits)  # rng.randint(bas, haut)
        while r >= nb_valeurs:
            r = getrandbits(bits)
        # Products on sale that day, per range: all of them before DATE_ARRET_PRODUITS, the
        # active ones after (two lists computed once instead of a filter per order line).
        en_vente = self.en_vente_avant if iso < R.DATE_ARRET_PRODUITS else self.en_vente_apres
        avant_souvenirs = iso < R.DATE_LANCEMENT_SOUVENIRS
        choisis: list[tuple] = []
        for _ in range(bas + r):
            gamme = gammes[bisect.bisect_right(cumuls, alea() * total, 0, dernier)]
            if avant_souvenirs and gamme == "Souvenirs sous licence":
                continue
            possibles = en_vente[gamme]
            if choisis:
                possibles = [p for p in possibles if p not in choisis]
            n = len(possibles)
            if n:
                k = n.bit_length()  # rng.choice(possibles)
                i = getrandbits(k)
                while i >= n:
                    i = getrandbits(k)
                choisis.append(possibles[i])
        if not choisis:
            choisis.append(self.produits_par_gamme["Serviettes éponge"][1])
        # q = moyenne × poids**0.6 × rng.uniform(0.5, 1.5) / pack
        return [(p, max(1, round(facteur * (0.5 + 1.0 * alea()) / pack)) * pack) for p in choisis]

    def _paiements(
        self, c: Client, date_facture: date, echeance: date, ttc: int
    ) -> list[tuple[date, int]]:
        """Payments (date, cents) of one invoice; those after the reference date are dropped."""
        rng = self.rng
        u = rng.random()
        plan: list[tuple[date, int]]
        if c.profil_paiement == "ponctuel":
            if u < 0.93:
                plan = [(max(date_facture, echeance - timedelta(days=rng.randint(0, 7))), ttc)]
            else:
                plan = [(echeance + timedelta(days=rng.randint(1, 12)), ttc)]
        elif c.profil_paiement == "retard":
            if u < 0.8:
                plan = [(echeance + timedelta(days=rng.randint(3, 75)), ttc)]
            else:
                acompte = arrondi_div(ttc * rng.randint(30, 70), 100)
                d1 = echeance + timedelta(days=rng.randint(0, 30))
                plan = [(d1, acompte), (d1 + timedelta(days=rng.randint(15, 60)), ttc - acompte)]
        else:  # difficile
            if u < 0.15:
                plan = []  # jamais payée
            elif u < 0.6:
                acompte = arrondi_div(ttc * rng.randint(20, 60), 100)
                d1 = echeance + timedelta(days=rng.randint(10, 60))
                plan = [(d1, acompte)]
                if rng.random() < 0.6:
                    plan.append((d1 + timedelta(days=rng.randint(20, 120)), ttc - acompte))
            else:
                plan = [(echeance + timedelta(days=rng.randint(20, 120)), ttc)]
        return [(d, m) for d, m in plan if d <= FIN and m > 0]

    # -------------------------------------------------------------- prospects, visites
    def _prospects_et_visites(self) -> None:
        prospects, defauts = generer_prospects(self)
        self._inserer("prospects", (p.ligne() for p in prospects))
        self._inserer("prospects_defauts", defauts)

        rng = self.rng
        actions: list[tuple[date, int, int, int | None, int | None, str, str, int, float]] = []
        seq = 0

        def ajouter(
            d: date,
            com: int,
            cli: int | None,
            pro: int | None,
            etape: str,
            resultat: str,
            lieu: Commune,
        ) -> None:
            nonlocal seq
            seq += 1
            if etape == "contact":
                duree, km = rng.randint(8, 25), 0.0
            else:
                duree = {"rendez-vous": (30, 60), "visite": (45, 90), "commande": (20, 45)}[etape]
                duree = rng.randint(*duree)
                base = self.base_secteur[self.secteur_du_commercial[com]]
                vol = distance_km(base, (lieu.latitude, lieu.longitude))
                km = max(4.0, float(2 * distance_routiere_km(vol)))  # aller-retour, au 1/10 km
            actions.append((d, seq, com, cli, pro, etape, resultat, duree, km))

        for c in self.clients:  # les nouveaux clients : tunnel complet jusqu'à la commande
            if c.date_creation < DEBUT:
                continue
            visite = c.date_creation - timedelta(days=rng.randint(0, 10))
            rdv = visite - timedelta(days=rng.randint(3, 15))
            contact = rdv - timedelta(days=rng.randint(2, 20))
            for d, etape, res in (
                (contact, "contact", "suite donnée"),
                (rdv, "rendez-vous", "suite donnée"),
                (visite, "visite", "suite donnée"),
                (c.date_creation, "commande", "commande signée"),
            ):
                ajouter(max(d, DEBUT), c.id_commercial, c.id, None, etape, res, c.commune)
        echecs = ("refus", "sans suite", "à relancer")
        for p in prospects:  # les prospects : tunnel interrompu
            if p.doublon_de is not None or p.id_commercial is None:
                continue
            d = p.date + timedelta(days=rng.randint(0, 20))
            for i, etape in enumerate(("contact", "rendez-vous", "visite")):
                if d > FIN:
                    break
                suite = i < 2 and rng.random() < (0.35, 0.7)[i]
                resultat = "suite donnée" if suite else rng.choice(echecs)
                ajouter(d, p.id_commercial, None, p.id, etape, resultat, p.commune)
                if not suite:
                    break
                d += timedelta(days=rng.randint(3, 20))
        actions.sort(key=lambda a: (a[0], a[1]))
        self._inserer(
            "visites",
            (
                (i, a[2], a[3], a[4], a[0].isoformat(), a[5], a[6], a[7], a[8])
                for i, a in enumerate(actions, start=1)
            ),
        )

    # -------------------------------------------------------------- objectifs
    def _objectifs(self) -> None:
        rng = self.rng
        lignes = []
        ident = 0
        par_commercial: dict[int, list[int]] = {}
        for (com, _mois), v in sorted(self.ca_mensuel.items()):
            par_commercial.setdefault(com, []).append(v)
        for com in sorted(self.embauche):
            realises = par_commercial.get(com, [])
            moyenne = sum(realises) / len(realises) if realises else 500_000
            mois = DEBUT
            while mois <= FIN:
                cle_mois = mois.isoformat()[:7]
                if self.embauche[com] < mois_suivant(mois):
                    realise = self.ca_mensuel.get((com, cle_mois), 0)
                    base = realise if realise > 0 else moyenne * 0.5
                    objectif = round(base * rng.uniform(0.85, 1.15) / 10_000) * 100  # à 100 € près
                    nouveaux = max(
                        0, self.nouveaux.get((com, cle_mois), 0) + rng.choice((-1, 0, 0, 1))
                    )
                    ident += 1
                    lignes.append((ident, com, cle_mois, float(objectif), nouveaux))
                mois = mois_suivant(mois)
        self._inserer("objectifs", lignes)
