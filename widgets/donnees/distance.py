"""Remote customer relations (NDRC bloc 2) read from the client database: web traffic and
funnel by source, web-shop and marketplace orders with their fees and returns, the inbound
calls of a day by half-hour, satisfaction surveys and online reviews.

One reader per concept, each a :class:`pandas.DataFrame` with French column names, read
through the project's read-only opener (:func:`widgets.donnees.base.ouvrir_lecture_seule`).
The figures are sums and counts, money rounded to the cent by SQLite (``ROUND(…, 2)``); the
indicators themselves (conversion, Erlang C, NPS…) are computed by :mod:`widgets.calculs`.
A base without the bloc 2 tables (built before they existed) gives a French
:class:`~widgets.erreurs.ErreurAtelier` saying to rebuild it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from widgets.calculs.arrondis import CENT, arrondi, arrondi_centime
from widgets.calculs.saisie import SaisieInvalide, date_francaise
from widgets.donnees.base import CONSTRUIRE_LA_BASE, ouvrir_lecture_seule
from widgets.donnees.vocabulaire import CANAUX_WEB, PLATEFORMES_AVIS, SOURCES_WEB
from widgets.erreurs import ErreurAtelier

__all__ = [
    "CANAUX_WEB",
    "COLONNES_APPELS",
    "COLONNES_AVIS",
    "COLONNES_ENQUETES",
    "COLONNES_TRAFIC",
    "COLONNES_VENTES",
    "HypothesesMarketplace",
    "PLATEFORMES",
    "SOURCES",
    "appels_par_demi_heure",
    "avis_en_ligne",
    "enquetes_satisfaction",
    "hypotheses_marketplace",
    "jours_d_appels",
    "periode_des_donnees",
    "trafic_par_source",
    "ventes_par_canal",
]

SOURCES = SOURCES_WEB
"""The acquisition sources of ``sessions_web``, in display order (the vocabulary's)."""
PLATEFORMES = PLATEFORMES_AVIS

COLONNES_TRAFIC = (
    "source",
    "visites",
    "visiteurs",
    "paniers",
    "commandes",
    "chiffre_affaires_ttc",
    "depenses_ht",
)
COLONNES_VENTES = (
    "canal",
    "commandes",
    "montant_ht",
    "montant_ttc",
    "frais_de_port_ttc",
    "commission_ht",
    "frais_logistiques_ht",
    "commandes_retournees",
    "retours",
    "cout_retours_ht",
    "rembourse_ttc",
)
COLONNES_APPELS = (
    "creneau",
    "appels",
    "decroches",
    "abandons",
    "duree_totale_s",
    "dmt_s",
    "attente_moyenne_s",
)
COLONNES_ENQUETES = (
    "id_enquete",
    "date_envoi",
    "date_reponse",
    "note_recommandation",
    "note_satisfaction",
)
COLONNES_AVIS = ("id_avis", "plateforme", "date_avis", "note", "repondu", "date_reponse")

_TABLES_BLOC_2 = "les tables de la relation client à distance (sessions_web, commandes_web…)"


def _iso(valeur: date | str, champ: str) -> str:
    """A day given as ``date``, ``2025-12-31`` or ``31/12/2025`` → ISO text."""
    if isinstance(valeur, date):
        return valeur.isoformat()
    return date_francaise(valeur, champ).isoformat()


def _periode(debut: date | str, fin: date | str) -> tuple[str, str]:
    d, f = _iso(debut, "Début"), _iso(fin, "Fin")
    if f < d:
        raise SaisieInvalide("la fin de la période précède son début.", champ="Fin")
    return d, f


def _lire(
    base: Path | str | None, sql: str, parametres: Sequence[Any] = (), *, champ: str
) -> pd.DataFrame:
    """``sql`` on the base opened read-only, as a DataFrame (French error if a table lacks)."""
    connexion = ouvrir_lecture_seule(base, champ=champ)
    try:
        return pd.read_sql_query(sql, connexion, params=list(parametres))
    except (sqlite3.Error, pd.errors.DatabaseError) as err:
        manque = re.search(r"no such (table|column): ([\w.]+)", str(err))
        quoi = (
            f"la {'table' if manque.group(1) == 'table' else 'colonne'} « {manque.group(2)} » "
            "de la relation client à distance"
            if manque
            else _TABLES_BLOC_2
        )
        raise ErreurAtelier(
            f"la base ne contient pas {quoi} : elle a été construite avant leur arrivée ; "
            f"{CONSTRUIRE_LA_BASE}.",
            champ=champ,
        ) from err
    finally:
        connexion.close()


def periode_des_donnees(base: Path | str | None = None) -> tuple[str, str]:
    """First and last day of the web traffic (``sessions_web``), ISO text."""
    df = _lire(base, "SELECT MIN(jour) AS debut, MAX(jour) AS fin FROM sessions_web", champ="Base")
    debut, fin = df.iloc[0]["debut"], df.iloc[0]["fin"]
    if debut is None:
        raise ErreurAtelier("la table sessions_web est vide.", champ="Base")
    return str(debut), str(fin)


# --------------------------------------------------------------------------- web traffic


def trafic_par_source(
    base: Path | str | None = None,
    *,
    debut: date | str = "2025-01-01",
    fin: date | str = "2025-12-31",
) -> pd.DataFrame:
    """Traffic and funnel of the web shop by acquisition source over ``debut``–``fin``
    (bounds included): sums of ``sessions_web``, one row per source with traffic, in the
    order of :data:`SOURCES` (columns :data:`COLONNES_TRAFIC`)."""
    d, f = _periode(debut, fin)
    df = _lire(
        base,
        "SELECT source, SUM(visites) AS visites, SUM(visiteurs) AS visiteurs, "
        "SUM(paniers) AS paniers, SUM(commandes) AS commandes, "
        "ROUND(SUM(chiffre_affaires_ttc), 2) AS chiffre_affaires_ttc, "
        "ROUND(SUM(depenses_ht), 2) AS depenses_ht "
        "FROM sessions_web WHERE jour BETWEEN ? AND ? GROUP BY source",
        (d, f),
        champ="Période",
    )
    rang = {s: k for k, s in enumerate(SOURCES)}
    df = df.sort_values("source", key=lambda s: s.map(lambda x: rang.get(x, len(rang))))
    return df.reset_index(drop=True)[list(COLONNES_TRAFIC)]


# --------------------------------------------------------------------------- orders by channel


def ventes_par_canal(
    base: Path | str | None = None,
    *,
    debut: date | str = "2025-01-01",
    fin: date | str = "2025-12-31",
) -> pd.DataFrame:
    """B2C orders of ``debut``–``fin`` (order date) by channel, site then marketplace
    (columns :data:`COLONNES_VENTES`): counts and sums of ``commandes_web``, and their returns
    from ``retours`` (``commandes_retournees`` = orders with at least one return, ``retours`` =
    return rows, their cost HT and the refunds TTC). A channel without orders has zeros."""
    d, f = _periode(debut, fin)
    commandes = _lire(
        base,
        "SELECT canal, COUNT(*) AS commandes, ROUND(SUM(montant_ht), 2) AS montant_ht, "
        "ROUND(SUM(montant_ttc), 2) AS montant_ttc, "
        "ROUND(SUM(frais_de_port_ttc), 2) AS frais_de_port_ttc, "
        "ROUND(SUM(commission_ht), 2) AS commission_ht, "
        "ROUND(SUM(frais_logistiques_ht), 2) AS frais_logistiques_ht "
        "FROM commandes_web WHERE date_commande BETWEEN ? AND ? GROUP BY canal",
        (d, f),
        champ="Période",
    )
    retours = _lire(
        base,
        "SELECT c.canal, COUNT(DISTINCT r.id_commande_web) AS commandes_retournees, "
        "COUNT(r.id_retour) AS retours, ROUND(SUM(r.cout_ht), 2) AS cout_retours_ht, "
        "ROUND(SUM(r.rembourse_ttc), 2) AS rembourse_ttc "
        "FROM retours r JOIN commandes_web c ON c.id_commande_web = r.id_commande_web "
        "WHERE c.date_commande BETWEEN ? AND ? GROUP BY c.canal",
        (d, f),
        champ="Période",
    )
    cadre = pd.DataFrame({"canal": list(CANAUX_WEB)})
    df = cadre.merge(commandes, on="canal", how="left").merge(retours, on="canal", how="left")
    entiers = ("commandes", "commandes_retournees", "retours")
    for colonne in COLONNES_VENTES[1:]:
        df[colonne] = df[colonne].fillna(0)
        if colonne in entiers:
            df[colonne] = df[colonne].astype(int)
    return df[list(COLONNES_VENTES)]


TAUX_COUT_ACHAT = Decimal(40)
"""Hypothesis (not in the base): the cost of goods of the firm's own brand is 40 % of the
price HT (a coefficient of 2,5 on the cost, usual for household linen sold online)."""
TAUX_FRAIS_PAIEMENT = Decimal("1.8")
"""Hypothesis (not in the base): the payment provider of the own site takes 1,8 % of the price."""


@dataclass(frozen=True)
class HypothesesMarketplace:
    """The figures per order of a period, as the arguments of
    :func:`widgets.calculs.ecommerce.marge_marketplace` (amounts to the cent, rates in % to
    0,01 point): what a student would type after reading the orders table."""

    prix_vente_ht: Decimal
    cout_achat: Decimal
    taux_commission: Decimal
    frais_logistiques: Decimal
    taux_retour: Decimal
    cout_retour: Decimal
    taux_frais_paiement_site: Decimal
    frais_logistiques_site: Decimal
    cout_acquisition_site: Decimal
    taux_retour_site: Decimal


def _dec(valeur: Any) -> Decimal:
    return Decimal(str(valeur))


def hypotheses_marketplace(
    base: Path | str | None = None,
    *,
    debut: date | str = "2025-01-01",
    fin: date | str = "2025-12-31",
) -> HypothesesMarketplace:
    """Per-order figures of ``debut``–``fin`` from :func:`ventes_par_canal` and
    :func:`trafic_par_source`:

    - prix de vente HT = montant HT of all web orders / their number (the same basket on both
      channels); coût d'achat = :data:`TAUX_COUT_ACHAT` % of it;
    - taux de commission = commissions / montant HT of the marketplace × 100;
    - frais logistiques (each channel) = its logistics fees / its orders;
    - taux de retour (each channel) = its returned orders / its orders × 100; coût d'un retour
      = cost of all the returns / their number;
    - coût d'acquisition par commande (site) = acquisition spend of ``sessions_web`` / the
      orders it counts; frais de paiement = :data:`TAUX_FRAIS_PAIEMENT` %.
    """
    ventes = ventes_par_canal(base, debut=debut, fin=fin).set_index("canal")
    for canal in CANAUX_WEB:
        if ventes.loc[canal, "commandes"] == 0:
            raise ErreurAtelier(
                f"aucune commande « {canal} » sur la période : élargissez-la.", champ="Début"
            )
    site, place = ventes.loc["site"], ventes.loc["marketplace"]
    commandes = int(site["commandes"] + place["commandes"])
    prix = arrondi_centime((_dec(site["montant_ht"]) + _dec(place["montant_ht"])) / commandes)
    retours = int(site["retours"] + place["retours"])
    cout_retours = _dec(site["cout_retours_ht"]) + _dec(place["cout_retours_ht"])
    trafic = trafic_par_source(base, debut=debut, fin=fin)
    commandes_trafic = int(trafic["commandes"].sum())
    depenses = _dec(round(float(trafic["depenses_ht"].sum()), 2))
    return HypothesesMarketplace(
        prix_vente_ht=prix,
        cout_achat=arrondi_centime(prix * TAUX_COUT_ACHAT / CENT),
        taux_commission=arrondi(_dec(place["commission_ht"]) * CENT / _dec(place["montant_ht"]), 2),
        frais_logistiques=arrondi_centime(
            _dec(place["frais_logistiques_ht"]) / int(place["commandes"])
        ),
        taux_retour=arrondi(
            Decimal(int(place["commandes_retournees"])) * CENT / int(place["commandes"]), 2
        ),
        cout_retour=arrondi_centime(cout_retours / retours) if retours else Decimal(0),
        taux_frais_paiement_site=TAUX_FRAIS_PAIEMENT,
        frais_logistiques_site=arrondi_centime(
            _dec(site["frais_logistiques_ht"]) / int(site["commandes"])
        ),
        cout_acquisition_site=(
            arrondi_centime(depenses / commandes_trafic) if commandes_trafic else Decimal(0)
        ),
        taux_retour_site=arrondi(
            Decimal(int(site["commandes_retournees"])) * CENT / int(site["commandes"]), 2
        ),
    )


# --------------------------------------------------------------------------- contact centre

_APPELS_ENTRANTS = "FROM interactions WHERE canal = 'téléphone' AND sens = 'entrant'"


def jours_d_appels(base: Path | str | None = None) -> list[str]:
    """The days (ISO text, oldest first) with at least one inbound phone call."""
    df = _lire(
        base,
        f"SELECT DISTINCT substr(horodatage, 1, 10) AS jour {_APPELS_ENTRANTS} ORDER BY jour",
        champ="Jour",
    )
    return [str(j) for j in df["jour"]]


def _creneau(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def appels_par_demi_heure(base: Path | str | None = None, *, jour: date | str) -> pd.DataFrame:
    """Inbound phone calls of ``jour`` by half-hour (columns :data:`COLONNES_APPELS`).

    ``creneau`` is the start of the half-hour (``09:30`` holds 09:30:00–09:59:59); every
    half-hour from the first to the last one with a call is listed (zeros in between).
    ``appels`` = calls arrived, ``decroches`` = answered, ``abandons`` = hung up before an
    answer, ``duree_totale_s`` = handling time of the answered calls (talk + after-call work),
    ``dmt_s`` = duree_totale_s / decroches (2 decimals, NaN without an answered call),
    ``attente_moyenne_s`` = mean wait of the calls of the slot whose wait is known (2
    decimals, NaN without a call).
    """
    j = _iso(jour, "Jour")
    brut = _lire(
        base,
        "SELECT CAST(substr(horodatage, 12, 2) AS INTEGER) * 60 "
        "+ CAST(substr(horodatage, 15, 2) AS INTEGER) AS minute, decroche, duree_s, attente_s "
        f"{_APPELS_ENTRANTS} AND substr(horodatage, 1, 10) = ?",
        (j,),
        champ="Jour",
    )
    if brut.empty:
        return pd.DataFrame({c: [] for c in COLONNES_APPELS})
    brut["debut"] = brut["minute"] // 30 * 30
    brut["decroche"] = brut["decroche"].fillna(0).astype(int)
    brut["duree_repondue"] = brut["duree_s"].where(brut["decroche"] == 1, 0).fillna(0)
    groupes = brut.groupby("debut")
    df = pd.DataFrame(
        {
            "appels": groupes.size(),
            "decroches": groupes["decroche"].sum(),
            "duree_totale_s": groupes["duree_repondue"].sum(),
            "attente_moyenne_s": groupes["attente_s"].mean(),
        }
    )
    tous = range(int(df.index.min()), int(df.index.max()) + 30, 30)
    df = df.reindex(tous, fill_value=0)
    df["appels"] = df["appels"].astype(int)
    df["decroches"] = df["decroches"].astype(int)
    df["abandons"] = df["appels"] - df["decroches"]
    df["dmt_s"] = (df["duree_totale_s"] / df["decroches"].where(df["decroches"] > 0)).round(2)
    df["attente_moyenne_s"] = df["attente_moyenne_s"].where(df["appels"] > 0).round(2)
    df["creneau"] = [_creneau(m) for m in df.index]
    return df.reset_index(drop=True)[list(COLONNES_APPELS)]


# --------------------------------------------------------------------------- satisfaction


def enquetes_satisfaction(
    base: Path | str | None = None,
    *,
    debut: date | str = "2025-01-01",
    fin: date | str = "2025-12-31",
) -> pd.DataFrame:
    """The surveys sent over ``debut``–``fin`` (columns :data:`COLONNES_ENQUETES`), one row per
    survey sent (``date_reponse`` and the notes are missing when it was not answered)."""
    d, f = _periode(debut, fin)
    return _lire(
        base,
        "SELECT id_enquete, date_envoi, date_reponse, note_recommandation, note_satisfaction "
        "FROM enquetes WHERE date_envoi BETWEEN ? AND ? ORDER BY id_enquete",
        (d, f),
        champ="Période",
    )


def avis_en_ligne(
    base: Path | str | None = None,
    *,
    debut: date | str = "2025-01-01",
    fin: date | str = "2025-12-31",
    plateforme: str | None = None,
) -> pd.DataFrame:
    """The online reviews posted over ``debut``–``fin`` (columns :data:`COLONNES_AVIS`), on
    every platform or one of :data:`PLATEFORMES`; ``repondu`` = 1 when the firm answered."""
    d, f = _periode(debut, fin)
    if plateforme is not None and plateforme not in PLATEFORMES:
        raise SaisieInvalide(
            f"plateforme « {plateforme} » inconnue : {', '.join(PLATEFORMES)}.",
            champ="Plateforme",
        )
    filtre = "" if plateforme is None else " AND plateforme = ?"
    parametres = (d, f) if plateforme is None else (d, f, plateforme)
    return _lire(
        base,
        "SELECT id_avis, plateforme, date_avis, note, "
        "CASE WHEN reponse IS NULL THEN 0 ELSE 1 END AS repondu, date_reponse "
        f"FROM avis WHERE date_avis BETWEEN ? AND ?{filtre} ORDER BY id_avis",
        parametres,
        champ="Période",
    )
