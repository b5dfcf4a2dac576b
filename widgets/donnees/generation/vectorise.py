"""Orders, order lines, invoices and payments drawn in bulk with numpy (large builds only).

The default path (:meth:`Generateur._commandes`) draws every order line one at a time from the
seeded ``random.Random``: for 100,000 clients that is ≈ 5 million lines and ≈ 100 CPU seconds
of pure Python. From ``ecriture.SEUIL_VECTORISE`` clients on, this module draws the same quantities
**with the same laws**, month by month, as numpy arrays:

- per client and month: the number of orders ~ Poisson(rate × seasonality × growth ×
  poids**0.3 × active share of the month), their days uniform over the active days, plus the
  first order on the day a new client is created;
- per order: the delivery delay (2–10 days), the status (« en cours » if delivered after the
  reference day, else « annulée » with probability 3 %), the number of lines (uniform within
  the client type's bounds);
- per line: the range (weighted by client type; none of the licensed line before its launch),
  the product uniformly among the range's products on sale that day *that the order does not
  already hold* (the k-th line of a range in an order takes the k-th product of a random
  permutation: drawing without replacement, as the default path does), the quantity
  ``max(1, round(moyenne × poids**0.6 × U(0.5, 1.5) / pack)) × pack``;
- the amounts in integer cents, rounded half away from zero, exactly as the default path;
- per invoice: the payment plan of the client's profile (punctual, late, difficult) with the
  same probabilities and delays, and a payment mode weighted by client type.

The random stream is numpy's ``PCG64`` seeded with the build's seed: deterministic for a given
seed and size, but **not the same rows** as the default path. The 300-client test base and the
class's 2,000-client base never take this path (their data is pinned by fingerprints).

Rows leave as columns (:class:`Libelles` for texts), so neither this process nor the pipe to
the writer process builds one Python tuple per row: the writer zips the columns itself.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from widgets.calculs.arrondis import division_arrondie
from widgets.donnees.generation import referentiels as R
from widgets.donnees.generation.ecriture import Libelles
from widgets.donnees.generation.generateur import DEBUT, FIN

if TYPE_CHECKING:  # pragma: no cover
    from widgets.donnees.generation.generateur import Generateur


TYPES = tuple(t for t, _ in R.TYPES_POIDS)
STATUTS = ("livrée", "en cours", "annulée")
PROFILS = ("ponctuel", "retard", "difficile")
CROISSANCE = {2023: 1.0, 2024: 1.05, 2025: 1.1}


def _arrondi_div(num: np.ndarray, den: int) -> np.ndarray:
    """num / den rounded half away from zero, on int64 arrays (``division_arrondie``)."""
    return division_arrondie(num, den)


def _choix_ponderes(
    rng: np.random.Generator, lignes: np.ndarray, cumuls: np.ndarray, n: int
) -> np.ndarray:
    """For each draw i, an option index weighted by ``cumuls[lignes[i]]`` (cumulated, ends at 1)."""
    u = rng.random(n)
    return (u[:, None] >= cumuls[lignes]).sum(axis=1)


def _cumuls_normes(options_par_type: dict, valeurs: tuple[str, ...]) -> np.ndarray:
    """types × valeurs matrix of cumulated normalised weights (0 weight for absent options)."""
    poids = np.zeros((len(TYPES), len(valeurs)))
    for t, nom in enumerate(TYPES):
        for v, w in options_par_type[nom]:
            poids[t, valeurs.index(v)] = w
    cumuls = np.cumsum(poids, axis=1) / poids.sum(axis=1, keepdims=True)
    cumuls[:, -1] = 2.0  # u < 1 always falls before the last boundary
    return cumuls


def commandes_vectorisees(gen: Generateur, graine: int) -> None:
    """Fill commandes, lignes_commande, reglements and factures; set ``gen.ca_mensuel``."""
    rng = np.random.default_rng([graine, 6])
    debut_o, fin_o = DEBUT.toordinal(), FIN.toordinal()
    clients = gen.clients
    type_idx = np.array([TYPES.index(c.type) for c in clients])
    creation = np.array([c.date_creation.toordinal() for c in clients])
    fin_activite = np.array([c.fin_activite.toordinal() for c in clients])
    poids03 = np.array([c.poids**0.3 for c in clients])
    facteur = np.array([R.QUANTITE_BASE[c.type][0] * c.poids**0.6 for c in clients])
    pack = np.array([R.QUANTITE_BASE[t][1] for t in TYPES])[type_idx]
    commercial = np.array([c.id_commercial for c in clients])
    remise = np.array([c.remise for c in clients])
    remise10 = np.array([round(c.remise * 10) for c in clients])
    delai = np.array([c.delai for c in clients])
    profil = np.array([PROFILS.index(c.profil_paiement) for c in clients])
    bas = np.array([R.LIGNES_PAR_COMMANDE[t][0] for t in TYPES])
    haut = np.array([R.LIGNES_PAR_COMMANDE[t][1] for t in TYPES])

    # Ranges and the products on sale in each, before and after DATE_ARRET_PRODUITS.
    gammes = tuple(gen.produits_par_gamme)
    cumuls_gammes = _cumuls_normes(R.GAMMES_PAR_TYPE, gammes)
    modes = tuple(dict.fromkeys(m for t in TYPES for m, _ in R.MODES_PAR_TYPE[t]))
    cumuls_modes = _cumuls_normes(R.MODES_PAR_TYPE, modes)
    largeur = max(len(ps) for ps in gen.produits_par_gamme.values())
    en_vente = np.zeros((2, len(gammes), largeur), dtype=np.int64)  # product ids
    nb_en_vente = np.zeros((2, len(gammes)), dtype=np.int64)
    for periode, par_gamme in enumerate((gen.en_vente_avant, gen.en_vente_apres)):
        for g, nom in enumerate(gammes):
            ids = [p[0] for p in par_gamme[nom]]
            en_vente[periode, g, : len(ids)] = ids
            nb_en_vente[periode, g] = len(ids)
    souvenirs = gammes.index("Souvenirs sous licence")
    secours = gen.produits_par_gamme["Serviettes éponge"][1][0]
    prix_c = np.zeros(len(gen.produits) + 1, dtype=np.int64)
    for p in gen.produits:
        prix_c[p[0]] = p[3]
    arret_o = date.fromisoformat(R.DATE_ARRET_PRODUITS).toordinal()
    lancement_o = date.fromisoformat(R.DATE_LANCEMENT_SOUVENIRS).toordinal()

    # Every date as ISO text, by ordinal offset from DEBUT (payments and due dates included).
    jours_iso = [(DEBUT + timedelta(days=i)).isoformat() for i in range(fin_o - debut_o + 400)]
    saison = {t: tuple(12 * w / sum(ws) for w in ws) for t, ws in R.SAISONNALITE.items()}

    ecriture = gen.ecriture
    id_commande = id_ligne = id_facture = id_reglement = 0
    factures: list[tuple[np.ndarray, ...]] = []
    ca_mensuel = gen.ca_mensuel
    mois = DEBUT
    while mois <= FIN:
        suivant = date(mois.year + (mois.month == 12), mois.month % 12 + 1, 1)
        m0, m1 = mois.toordinal(), suivant.toordinal() - 1
        cle_mois = mois.isoformat()[:7]
        taux = np.array(
            [
                R.COMMANDES_PAR_MOIS[t] * saison[t][mois.month - 1] * CROISSANCE[mois.year]
                for t in TYPES
            ]
        )
        # -- orders of the month: Poisson count per active client, uniform days
        debut = np.maximum(creation, m0)
        fin = np.minimum(fin_activite, m1)
        actifs = np.flatnonzero(debut <= fin)
        ecart = fin[actifs] - debut[actifs]
        lam = taux[type_idx[actifs]] * poids03[actifs] * (ecart + 1) / (m1 - m0 + 1)
        k = rng.poisson(lam)
        qui = np.repeat(actifs, k)
        jours = debut[qui] + rng.integers(0, np.repeat(ecart, k) + 1)
        premiers = np.flatnonzero((creation >= m0) & (creation <= m1) & (creation >= debut_o))
        premiers = premiers[debut[premiers] <= fin[premiers]]
        qui = np.concatenate([premiers, qui])
        jours = np.concatenate([creation[premiers], jours])
        ordre = np.lexsort((qui, jours))  # by day, then client id (ids follow the index)
        qui, jours = qui[ordre], jours[ordre]
        nb_cmd = len(qui)
        ids_cmd = np.arange(id_commande + 1, id_commande + nb_cmd + 1)
        id_commande += nb_cmd
        livraison = jours + rng.integers(2, 11, nb_cmd)
        statut = np.where(livraison > fin_o, 1, np.where(rng.random(nb_cmd) < 0.03, 2, 0))
        t_cmd = type_idx[qui]

        # -- order lines: ranges, products without replacement within an order, quantities
        nb_lignes = rng.integers(bas[t_cmd], haut[t_cmd] + 1)
        cmd_du_tirage = np.repeat(np.arange(nb_cmd), nb_lignes)
        rang = np.arange(len(cmd_du_tirage)) - np.repeat(
            np.cumsum(nb_lignes) - nb_lignes, nb_lignes
        )
        gamme = _choix_ponderes(rng, t_cmd[cmd_du_tirage], cumuls_gammes, len(cmd_du_tirage))
        garde = ~((gamme == souvenirs) & (jours[cmd_du_tirage] < lancement_o))
        cmd_du_tirage, rang, gamme = cmd_du_tirage[garde], rang[garde], gamme[garde]
        # k-th draw of a range within an order: its occurrence number (draws are in order)
        groupe = cmd_du_tirage * len(gammes) + gamme
        tri = np.argsort(groupe, kind="stable")
        g_trie = groupe[tri]
        nouveau = np.ones(len(g_trie), dtype=bool)
        nouveau[1:] = g_trie[1:] != g_trie[:-1]
        debut_groupe = np.flatnonzero(nouveau)
        occurrence = np.empty(len(g_trie), dtype=np.int64)
        occurrence[tri] = np.arange(len(g_trie)) - np.repeat(
            debut_groupe, np.diff(np.append(debut_groupe, len(g_trie)))
        )
        periode = (jours[cmd_du_tirage] >= arret_o).astype(np.int64)
        disponibles = nb_en_vente[periode, gamme]
        # one random permutation of the range's products per (order, range) group
        cles = rng.random((len(debut_groupe), largeur))
        cles[np.arange(largeur)[None, :] >= disponibles[tri[debut_groupe]][:, None]] = 2.0
        permutations = np.argsort(cles, axis=1)
        num_groupe = np.empty(len(g_trie), dtype=np.int64)
        num_groupe[tri] = np.cumsum(nouveau) - 1
        ok = occurrence < disponibles
        position = permutations[num_groupe[ok], occurrence[ok]]
        cmd_ligne = cmd_du_tirage[ok]
        rang_ligne = rang[ok]
        produit = en_vente[periode[ok], gamme[ok], position]
        sans_ligne = np.flatnonzero(np.bincount(cmd_ligne, minlength=nb_cmd) == 0)
        if len(sans_ligne):  # an order always has a line (as in the default path)
            cmd_ligne = np.concatenate([cmd_ligne, sans_ligne])
            rang_ligne = np.concatenate([rang_ligne, np.full(len(sans_ligne), 99)])
            produit = np.concatenate([produit, np.full(len(sans_ligne), secours)])
            ordre = np.lexsort((rang_ligne, cmd_ligne))
            cmd_ligne, produit = cmd_ligne[ordre], produit[ordre]
        cli_ligne = qui[cmd_ligne]
        quantite = (
            np.maximum(
                1,
                np.round(facteur[cli_ligne] * (0.5 + rng.random(len(cmd_ligne))) / pack[cli_ligne]),
            ).astype(np.int64)
            * pack[cli_ligne]
        )
        r10 = np.select([quantite >= 200, quantite >= 100, quantite >= 50], [50, 30, 20], 0)
        pu_c = prix_c[produit]
        montant = _arrondi_div(quantite * pu_c * (1000 - r10), 1000)
        nb_l = len(cmd_ligne)
        ecriture.inserer_colonnes(
            "commandes",
            [
                ids_cmd,
                qui + 1,
                commercial[qui],
                Libelles(jours - debut_o, jours_iso),
                Libelles(statut, STATUTS),
                remise[qui],
            ],
        )
        ecriture.inserer_colonnes(
            "lignes_commande",
            [
                np.arange(id_ligne + 1, id_ligne + nb_l + 1),
                ids_cmd[cmd_ligne],
                produit,
                quantite,
                pu_c / 100,
                r10 / 10,
                montant / 100,
            ],
        )
        id_ligne += nb_l

        # -- invoices of delivered orders (numbered at the end) and their payments
        brut = np.bincount(cmd_ligne, weights=montant, minlength=nb_cmd).round().astype(np.int64)
        livrees = np.flatnonzero(statut == 0)
        cli_f = qui[livrees]
        net = _arrondi_div(brut[livrees] * (1000 - remise10[cli_f]), 1000)
        tva = _arrondi_div(net * 20, 100)
        ttc = net + tva
        nb_f = len(livrees)
        ids_f = np.arange(id_facture + 1, id_facture + nb_f + 1)
        id_facture += nb_f
        date_f = livraison[livrees]
        echeance = date_f + delai[cli_f]
        factures.append((ids_f, ids_cmd[livrees], cli_f + 1, date_f, echeance, net, tva, ttc))
        par_commercial = np.bincount(commercial[cli_f], weights=net)
        for com in np.flatnonzero(par_commercial):
            cle = (int(com), cle_mois)
            ca_mensuel[cle] = ca_mensuel.get(cle, 0) + int(round(par_commercial[com]))

        d, m = _paiements(rng, profil[cli_f], date_f, echeance, ttc)
        valide = (d <= fin_o) & (m > 0)
        facture_r = np.repeat(ids_f, 2).reshape(-1, 2)[valide]
        d, m = d[valide], m[valide]
        cli_r = np.repeat(cli_f, 2).reshape(-1, 2)[valide]
        mode = _choix_ponderes(rng, type_idx[cli_r], cumuls_modes, len(d))
        nb_r = len(d)
        ecriture.inserer_colonnes(
            "reglements",
            [
                np.arange(id_reglement + 1, id_reglement + nb_r + 1),
                facture_r,
                Libelles(d - debut_o, jours_iso),
                m / 100,
                Libelles(mode, modes),
            ],
        )
        id_reglement += nb_r
        mois = suivant

    ids_f, ids_c, cli_f, date_f, echeance, net, tva, ttc = (
        np.concatenate(c) for c in zip(*factures, strict=True)
    )
    ecriture.inserer_colonnes(
        "factures",
        [
            ids_f,
            _numeros_factures(date_f, jours_iso, debut_o),
            ids_c,
            cli_f,
            Libelles(date_f - debut_o, jours_iso),
            Libelles(echeance - debut_o, jours_iso),
            net / 100,
            tva / 100,
            ttc / 100,
        ],
    )


def _paiements(
    rng: np.random.Generator,
    profil: np.ndarray,
    date_f: np.ndarray,
    echeance: np.ndarray,
    ttc: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Up to two payments per invoice: (days, cents) arrays of shape (n, 2); a missing payment
    has 0 cents. Same plans and probabilities as ``Generateur._paiements``."""
    n = len(profil)
    u = rng.random(n)
    tire = rng.random(n)

    def entier(a: int, b: int) -> np.ndarray:
        return rng.integers(a, b + 1, n)

    jours = np.zeros((n, 2), dtype=np.int64)
    cents = np.zeros((n, 2), dtype=np.int64)

    def payer(qui: np.ndarray, rang: int, quand: np.ndarray, combien: np.ndarray) -> None:
        jours[qui, rang] = quand[qui]
        cents[qui, rang] = combien[qui]

    def acompte_puis_solde(
        qui: np.ndarray, solde: np.ndarray, part: tuple, retard: tuple, puis: tuple
    ) -> None:
        """A deposit of part % of the TTC ``retard`` days after the due date, then (for
        ``solde``) the rest ``puis`` days later."""
        acompte = _arrondi_div(ttc * entier(*part), 100)
        d1 = echeance + entier(*retard)
        payer(qui, 0, d1, acompte)
        payer(solde, 1, d1 + entier(*puis), ttc - acompte)

    # ponctuel: 93 % on time (up to 7 days early, never before the invoice), else 1-12 days late
    p = profil == 0
    a_l_heure = np.maximum(date_f, echeance - entier(0, 7))
    payer(p, 0, np.where(u < 0.93, a_l_heure, echeance + entier(1, 12)), ttc)
    # retard: 80 % in one late payment, else a deposit then the rest
    r = profil == 1
    payer(r & (u < 0.8), 0, echeance + entier(3, 75), ttc)
    en_deux = r & (u >= 0.8)
    acompte_puis_solde(en_deux, en_deux, (30, 70), (0, 30), (15, 60))
    # difficile: 15 % never paid, 45 % a deposit (then the rest 6 times in 10), 40 % late
    f = profil == 2
    acompte_f = f & (u >= 0.15) & (u < 0.6)
    acompte_puis_solde(acompte_f, acompte_f & (tire < 0.6), (20, 60), (10, 60), (20, 120))
    payer(f & (u >= 0.6), 0, echeance + entier(20, 120), ttc)
    return jours, cents


def _numeros_factures(date_f: np.ndarray, jours_iso: list[str], debut_o: int) -> list[str]:
    """``F<année>-<rang>``: the rank in date order (then id order) within the year."""
    if not len(date_f):
        return []
    ordre = np.argsort(date_f, kind="stable")  # ids increase along the array
    annees = np.array(
        [int(jours_iso[j - debut_o][:4]) for j in range(date_f.min(), date_f.max() + 1)]
    )
    annee = annees[date_f - date_f.min()]
    annee_triee = annee[ordre]
    premier = np.ones(len(ordre), dtype=bool)
    premier[1:] = annee_triee[1:] != annee_triee[:-1]
    debuts = np.flatnonzero(premier)
    rang_trie = np.arange(len(ordre)) - np.repeat(debuts, np.diff(np.append(debuts, len(ordre))))
    rang = np.empty(len(ordre), dtype=np.int64)
    rang[ordre] = rang_trie + 1
    return [f"F{a}-{r:06d}" for a, r in zip(annee.tolist(), rang.tolist(), strict=True)]
