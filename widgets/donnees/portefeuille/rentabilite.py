"""Customer P&L (compte d'exploitation client) of every client invoiced in a year, and what
winning it cost: the exact ``Decimal`` path (:func:`comptes_exploitation`) and the vectorised one
(:func:`comptes_exploitation_vectorise`, int64 cents) side by side, equal client by client to
the cent (``tests/test_portefeuille_rentabilite_et_risque_vectorises_egaux_au_calcul_exact.py``,
``tests/test_portefeuille_exact_et_vectorise_egaux_sur_des_bases_au_hasard.py``).
Both take their hypotheses as keywords or as one :class:`ParametresRentabilite`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from widgets.calculs.arrondis import CENT
from widgets.calculs.rentabilite_client import (
    CompteExploitationClient,
    compte_exploitation_client,
)
from widgets.calculs.saisie import (
    arrondi,
    arrondi_centime,
    montant,
    taux,
)
from widgets.donnees.portefeuille import memoire
from widgets.donnees.portefeuille.commun import (
    Parametres,
    _d,
    _filtres,
    _nommes,
    _requete,
)
from widgets.donnees.portefeuille.memoire import (
    _centiemes,
    _centimes,
    _en_memoire,
    _euros,
    _fraction,
    _quotient_arrondi,
)


@dataclass(frozen=True)
class ParametresRentabilite(Parametres):
    """The hypotheses of :func:`comptes_exploitation` and
    :func:`comptes_exploitation_vectorise` (see them for the meaning of each)."""

    annee: int = 2025
    cout_visite: Any = 85
    taux_financement: Any = 5
    taux_retours: Any = 0
    cout_km: Any = "0.60"
    cout_horaire: Any = 35
    type_client: str | None = None
    id_secteur: int | None = None
    id_client: int | None = None


# ------------------------------------------------------------------------ exact (Decimal)


def km_exacts(somme: float | int | None) -> Decimal:
    """A REAL sum of ``visites.km`` as exact km to the metre: the float noise of the sum
    (``12.3 + 4.1`` → ``16.400000000000002``) is dropped, as the vectorised P&L does."""
    return arrondi(Decimal(str(somme or 0)), 3)


@dataclass(frozen=True)
class ClientRentabilite:
    """A client's P&L for a year, and what winning it cost."""

    id_client: int
    raison_sociale: str
    type_client: str
    commandes: int
    compte: CompteExploitationClient
    cout_acquisition: Decimal
    """Cost of the prospecting recorded in ``visites`` for this client (km and time)."""


_SQL_RENTABILITE = """
WITH fac AS (
  SELECT f.id_client, SUM(f.montant_ht) AS ca_ht, SUM(f.montant_ttc) AS ca_ttc
  FROM factures f {jointure_f}
  WHERE f.date_facture BETWEEN :debut AND :fin {filtre}
  GROUP BY f.id_client
), achats AS (
  SELECT f.id_client, SUM(l.quantite * p.cout_achat_ht) AS cout
  FROM factures f {jointure_f}
  JOIN lignes_commande l ON l.id_commande = f.id_commande
  JOIN produits p ON p.id_produit = l.id_produit
  WHERE f.date_facture BETWEEN :debut AND :fin {filtre}
  GROUP BY f.id_client
), cdes AS (
  SELECT co.id_client, COUNT(*) AS n
  FROM commandes co {jointure_co}
  WHERE co.date_commande BETWEEN :debut AND :fin {filtre}
  GROUP BY co.id_client
), acq AS (
  SELECT v.id_client, SUM(v.km) AS km, SUM(v.duree_min) AS minutes
  FROM visites v {jointure_v}
  WHERE v.id_client IS NOT NULL {filtre}
  GROUP BY v.id_client
)
SELECT c.id_client, c.raison_sociale, c.type_client, c.delai_paiement_jours,
       fac.ca_ht, fac.ca_ttc, achats.cout, COALESCE(cdes.n, 0),
       COALESCE(acq.km, 0), COALESCE(acq.minutes, 0)
FROM fac JOIN clients c ON c.id_client = fac.id_client
LEFT JOIN achats ON achats.id_client = fac.id_client
LEFT JOIN cdes ON cdes.id_client = fac.id_client
LEFT JOIN acq ON acq.id_client = fac.id_client
ORDER BY c.id_client
"""
# The clients table is joined in the CTEs only when a filter needs it (``{jointure_*}``):
# for the whole portfolio, one primary-key lookup per invoice line less (9.8 s -> 5.9 s of
# CPU for 100 000 clients).


def sql_rentabilite(
    annee: int,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
) -> tuple[str, dict[str, Any]]:
    """The per-client aggregate query of the customer P&L and its named parameters (columns:
    id, name, type, payment delay, CA HT, CA TTC, purchase cost, orders, km, minutes)."""
    filtre, parametres = _filtres(type_client, id_secteur, id_client)
    nommes: dict[str, Any] = {"debut": f"{int(annee)}-01-01", "fin": f"{int(annee)}-12-31"}
    filtre = _nommes(filtre, parametres, nommes)
    jointures = {
        f"jointure_{a}": f"JOIN clients c ON c.id_client = {a}.id_client" if filtre else ""
        for a in ("f", "co", "v")
    }
    return _SQL_RENTABILITE.format(filtre=filtre, **jointures), nommes


def comptes_exploitation(
    base: Path | str | None = None,
    *,
    annee: int = 2025,
    cout_visite: Any = 85,
    taux_financement: Any = 5,
    taux_retours: Any = 0,
    cout_km: Any = "0.60",
    cout_horaire: Any = 35,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
    parametres: ParametresRentabilite | None = None,
) -> list[ClientRentabilite]:
    """Customer P&L of every client invoiced in ``annee`` (hypotheses as parameters):

    ``cout_visite`` € per visit (one visit per order), ``taux_financement`` % a year on the
    credit granted (``delai_paiement_jours`` of the client), ``taux_retours`` % of the CA HT
    lost in returns, ``cout_km`` and ``cout_horaire`` value the prospecting of ``visites``.
    """
    if parametres is not None:  # one object for both paths
        return comptes_exploitation(base, **parametres.mots())
    par_visite = montant(cout_visite, "Coût d'une visite")
    t_retours = taux(taux_retours, "Taux de retours")
    km_prix = montant(cout_km, "Coût du kilomètre")
    heure = montant(cout_horaire, "Coût horaire")
    lignes = _requete(base, *sql_rentabilite(annee, type_client, id_secteur, id_client))
    sortie = []
    for r in lignes:
        ca_ht, ca_ttc = _d(r[4]), _d(r[5])
        compte = compte_exploitation_client(
            ca_ht,
            _d(r[6]),
            visites=r[7],
            cout_visite=par_visite,
            chiffre_affaires_ttc=ca_ttc,
            delai_paiement_jours=r[3],
            taux_financement=taux_financement,
            cout_retours=arrondi_centime(ca_ht * t_retours / CENT),
        )
        acquisition = arrondi_centime(km_exacts(r[8]) * km_prix + Decimal(r[9]) * heure / 60)
        sortie.append(ClientRentabilite(r[0], r[1], r[2], r[7], compte, acquisition))
    return sortie


# ------------------------------------------------------------------ vectorised (int64 cents)


COLONNES_RENTABILITE = [
    "id_client",
    "raison_sociale",
    "type_client",
    "delai_paiement_jours",
    "ca_ht",
    "ca_ttc",
    "achats",
    "commandes",
    "km",
    "minutes",
]


def agregats_rentabilite(
    base: Path | str | None = None,
    *,
    annee: int = 2025,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
) -> pd.DataFrame:
    """Per client invoiced in ``annee`` (by id): name, type, payment delay, orders, CA HT and
    TTC and purchase cost in int64 cents, prospecting km in metres and minutes — the query of
    :func:`~widgets.donnees.portefeuille.comptes_exploitation`, read once (memo)."""
    sql, parametres = sql_rentabilite(annee, type_client, id_secteur, id_client)

    def construire(chemin) -> pd.DataFrame:
        brut = memoire._lire(chemin, sql, parametres, COLONNES_RENTABILITE)
        return pd.DataFrame(
            {
                "id_client": brut["id_client"].astype("int64"),
                "raison_sociale": brut["raison_sociale"].astype(object),
                "type_client": brut["type_client"].astype(object),
                "delai_paiement_jours": brut["delai_paiement_jours"].astype("int64"),
                "commandes": brut["commandes"].astype("int64"),
                "ca_ht_centimes": _centimes(brut["ca_ht"]),
                "ca_ttc_centimes": _centimes(brut["ca_ttc"]),
                "achats_centimes": _centimes(brut["achats"]),
                # km to the metre, as portefeuille.km_exacts (drops the float noise of the sum)
                "km_metres": (brut["km"].astype("float64") * 1000).round().astype("int64"),
                "minutes": brut["minutes"].astype("int64"),
            }
        )

    cle = (int(annee), type_client, id_secteur, id_client)
    return _en_memoire(base, "rentabilite", cle, construire, disque=True)


def comptes_exploitation_vectorise(
    base: Path | str | None = None,
    *,
    annee: int = 2025,
    cout_visite: Any = 85,
    taux_financement: Any = 5,
    taux_retours: Any = 0,
    cout_km: Any = "0.60",
    cout_horaire: Any = 35,
    type_client: str | None = None,
    id_secteur: int | None = None,
    id_client: int | None = None,
    parametres: ParametresRentabilite | None = None,
) -> pd.DataFrame:
    """Customer P&L of every client invoiced in ``annee``, one row per client (by id): the same
    figures as :func:`~widgets.donnees.portefeuille.comptes_exploitation`, same parameters.

    Columns: ``id_client``, ``raison_sociale``, ``type_client``, ``commandes``, then in int64
    cents ``ca_ht_centimes``, ``cout_achat_centimes``, ``marge_brute_centimes``,
    ``cout_visites_centimes``, ``cout_credit_centimes``, ``cout_retours_centimes``,
    ``contribution_centimes``, ``cout_acquisition_centimes``; ``taux_marge_brute`` and
    ``taux_contribution`` in hundredths of a percent (``Int64``, ``<NA>`` for a zero CA).
    Rounding, step by step as :func:`~widgets.calculs.rentabilite_client.
    compte_exploitation_client` (half away from zero, the next step from the rounded figure):
    visits n × coût, credit CA TTC × taux / 100 × délai / 360, returns CA HT × taux / 100, each
    to the cent; contribution = marge − visits − credit − returns; rates marge / CA × 100 to the
    hundredth; acquisition km × coût du km + minutes × coût horaire / 60 to the cent.
    """
    if parametres is not None:  # one object for both paths
        return comptes_exploitation_vectorise(base, **parametres.mots())
    par_visite = _fraction(montant(cout_visite, "Coût d'une visite"))
    financement = _fraction(taux(taux_financement, "Taux de financement"))
    retours = _fraction(taux(taux_retours, "Taux de retours"))
    km_prix = _fraction(montant(cout_km, "Coût du kilomètre"))
    heure = _fraction(montant(cout_horaire, "Coût horaire"))
    agregats = agregats_rentabilite(
        base, annee=annee, type_client=type_client, id_secteur=id_secteur, id_client=id_client
    )
    ca = agregats["ca_ht_centimes"].to_numpy()
    ttc = agregats["ca_ttc_centimes"].to_numpy()
    achats = agregats["achats_centimes"].to_numpy()
    for colonne, champ in (
        (ca, "Chiffre d'affaires HT"),
        (achats, "Coût d'achat"),
        (ttc, "CA TTC"),
    ):
        if (colonne < 0).any():  # the exact function refuses it the same way (montant)
            montant(_euros(colonne.min()), champ)
    marge = ca - achats
    visites = _quotient_arrondi(
        [agregats["commandes"].to_numpy(), par_visite[0], 100], par_visite[1]
    )
    # interets_simples: CA TTC × t / 100 × jours / 360 in euros = cents × t × jours / 36 000
    credit = _quotient_arrondi(
        [ttc, financement[0], agregats["delai_paiement_jours"].to_numpy()], 36_000 * financement[1]
    )
    cout_retours = _quotient_arrondi([ca, retours[0]], 100 * retours[1])
    contribution = marge - visites - credit - cout_retours
    # km/1000 × a/b + minutes × c/d / 60 euros = (km × a × 3d + minutes × c × 50b) / (30bd) cents
    (a, b), (c, d) = km_prix, heure
    acquisition = _quotient_arrondi(
        [agregats["km_metres"].to_numpy(), 3 * d * a],
        30 * b * d,
        plus=[agregats["minutes"].to_numpy(), 50 * b * c],
    )
    avec_ca = ca != 0
    diviseur = np.where(avec_ca, np.abs(ca), 1)
    signe = np.sign(ca)
    taux_marge = _quotient_arrondi([marge * signe, 10_000], diviseur)
    taux_contribution = _quotient_arrondi([contribution * signe, 10_000], diviseur)
    return pd.DataFrame(
        {
            "id_client": agregats["id_client"],
            "raison_sociale": agregats["raison_sociale"],
            "type_client": agregats["type_client"],
            "commandes": agregats["commandes"],
            "ca_ht_centimes": ca,
            "cout_achat_centimes": achats,
            "marge_brute_centimes": marge,
            "cout_visites_centimes": visites,
            "cout_credit_centimes": credit,
            "cout_retours_centimes": cout_retours,
            "contribution_centimes": contribution,
            "taux_marge_brute": pd.array(np.where(avec_ca, taux_marge, 0), dtype="Int64"),
            "taux_contribution": pd.array(np.where(avec_ca, taux_contribution, 0), dtype="Int64"),
            "cout_acquisition_centimes": acquisition,
        }
    ).assign(
        taux_marge_brute=lambda t: t["taux_marge_brute"].where(avec_ca),
        taux_contribution=lambda t: t["taux_contribution"].where(avec_ca),
    )


def compte_de_la_ligne(ligne: Any) -> ClientRentabilite:
    """One row of :func:`comptes_exploitation_vectorise` as the exact function's object."""
    compte = CompteExploitationClient(
        chiffre_affaires_ht=_euros(ligne.ca_ht_centimes),
        cout_achat=_euros(ligne.cout_achat_centimes),
        marge_brute=_euros(ligne.marge_brute_centimes),
        cout_visites=_euros(ligne.cout_visites_centimes),
        cout_credit=_euros(ligne.cout_credit_centimes),
        cout_retours=_euros(ligne.cout_retours_centimes),
        contribution=_euros(ligne.contribution_centimes),
        taux_marge_brute=_centiemes(ligne.taux_marge_brute),
        taux_contribution=_centiemes(ligne.taux_contribution),
    )
    return ClientRentabilite(
        int(ligne.id_client),
        ligne.raison_sociale,
        ligne.type_client,
        int(ligne.commandes),
        compte,
        _euros(ligne.cout_acquisition_centimes),
    )
