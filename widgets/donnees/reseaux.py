"""Read-only access to the bloc 3 tables (networks) as pandas DataFrames with French columns.

One reader per concept: the panel stores (:func:`magasins_du_panel`), a store's shelf survey
with its sales and margins over the 13 weeks before it (:func:`releve_du_magasin`), the weekly
sell-out (:func:`sell_out`), the promotions (:func:`operations_promo`), the partners
(:func:`partenaires`), their sales against objectives by month (:func:`ventes_partenaires`),
their animation actions (:func:`actions_animation`), the VDI network (:func:`reseau_vdi`) and the
home parties (:func:`reunions`).

Every reader opens the base through :func:`widgets.donnees.base.ouvrir_lecture_seule` (default:
the reference base) and closes it. Dates come out as ``datetime64`` columns, months as
``AAAA-MM`` text, amounts in euros as floats rounded to the cent (convert with
``widgets.calculs`` before any money computation that must be exact). A base without these
tables (built before they existed) raises :class:`~widgets.erreurs.ErreurAtelier` in French.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from widgets.donnees.base import CONSTRUIRE_LA_BASE, ouvrir_lecture_seule
from widgets.erreurs import ErreurAtelier

__all__ = [
    "DATE_DU_JOUR",
    "actions_animation",
    "magasins_du_panel",
    "operations_promo",
    "partenaires",
    "releve_du_magasin",
    "reseau_vdi",
    "reunions",
    "sell_out",
    "ventes_partenaires",
]

DATE_DU_JOUR = "2025-12-31"
"""« Aujourd'hui » of the data: a partner or a VDI is active if not gone out by this day."""


def _lire(
    base: Path | str | None,
    sql: str,
    parametres: Sequence = (),
    *,
    dates: Sequence[str] = (),
    champ: str,
) -> pd.DataFrame:
    con = ouvrir_lecture_seule(base, champ=champ)
    try:
        df = pd.read_sql_query(sql, con, params=tuple(parametres))
    except (sqlite3.Error, pd.errors.DatabaseError) as err:
        raise ErreurAtelier(
            "la base ne contient pas les tables des réseaux (magasins, partenaires, VDI) : "
            f"elle date d'avant leur ajout, {CONSTRUIRE_LA_BASE} ({err}).",
            champ=champ,
        ) from err
    finally:
        con.close()
    for colonne in dates:
        df[colonne] = pd.to_datetime(df[colonne])
    return df


# ------------------------------------------------------------------ stores (GMS)
def magasins_du_panel(base: Path | str | None = None, *, tous: bool = False) -> pd.DataFrame:
    """Les magasins du panel (``tous=True`` : tous les magasins des clients GMS), par identifiant.

    Colonnes : ``id_client``, ``magasin`` (raison sociale du client), ``enseigne``, ``format``
    (hypermarché, supermarché, proximité), ``surface_m2``, ``lineaire_rayon_m`` (linéaire au sol du
    rayon linge de maison), ``panel`` (1/0), ``ville``, ``departement``, ``secteur`` (nom).
    """
    filtre = "" if tous else "WHERE m.panel = 1"
    return _lire(
        base,
        f"""SELECT m.id_client, c.raison_sociale AS magasin, m.enseigne, m.format, m.surface_m2,
                   m.lineaire_rayon_m, m.panel, c.ville, co.departement, s.nom AS secteur
            FROM magasins m JOIN clients c USING (id_client)
            JOIN communes co ON co.code_insee = c.code_insee
            JOIN secteurs s ON s.id_secteur = c.id_secteur
            {filtre} ORDER BY m.id_client""",
        champ="Magasins",
    )


def releve_du_magasin(
    id_client: int, base: Path | str | None = None, *, date_releve: str | None = None
) -> pd.DataFrame:
    """Le relevé de linéaire d'un magasin du panel : le plus récent, ou celui du ``date_releve``.

    Une ligne par référence au rayon (la société d'abord, par gamme et référence, puis les
    concurrents). Colonnes :

    - ``id_releve``, ``date_releve``, ``id_produit`` (vide pour un concurrent), ``reference``
      (référence catalogue, vide pour un concurrent), ``designation``, ``gamme``, ``marque``,
      ``concurrent`` (booléen) ;
    - ``facings``, ``lineaire_m`` (linéaire développé), ``rupture`` (1/0), ``prix_ttc`` (prix en
      rayon), ``prix_concurrent_ttc``, ``taux_tva`` (20 %) ;
    - ``ventes_13_semaines`` : unités vendues sur les 13 semaines complètes avant le relevé ;
    - ``ca_ttc_13_semaines`` = ventes × prix_ttc ; ``ca_ht_13_semaines`` = CA TTC / 1,2 ;
    - ``prix_achat_ht`` : prix d'achat du magasin — le prix catalogue HT de la société pour ses
      produits ; pour un concurrent, estimé avec le coefficient moyen du magasin sur les produits
      de la société (``prix_achat_estime`` vaut alors True) ;
    - ``marge_13_semaines_ht`` = CA HT − ventes × prix d'achat HT (marge du distributeur).

    Montants arrondis au centime. Un magasin sans relevé (hors panel) ou une date sans relevé
    lève :class:`ErreurAtelier`.
    """
    champ = "Relevé de linéaire"
    dates = _lire(
        base,
        "SELECT DISTINCT date_releve FROM releves_magasin WHERE id_client = ? ORDER BY 1",
        (int(id_client),),
        champ=champ,
    )["date_releve"].tolist()
    if not dates:
        raise ErreurAtelier(
            f"le magasin {id_client} n'a aucun relevé de linéaire : il n'est pas dans le panel.",
            champ=champ,
        )
    jour = dates[-1] if date_releve is None else str(date_releve)[:10]
    if jour not in dates:
        raise ErreurAtelier(
            f"pas de relevé le {jour} pour le magasin {id_client} (relevés : {', '.join(dates)}).",
            champ=champ,
        )
    df = _lire(
        base,
        """SELECT r.id_releve, r.date_releve, r.id_produit, p.reference, r.designation, r.gamme,
                  r.marque, r.id_produit IS NULL AS concurrent, r.facings, r.lineaire_m,
                  r.rupture, r.prix_ttc, r.prix_concurrent_ttc, 20.0 AS taux_tva,
                  r.ventes_13_semaines, p.prix_unitaire_ht AS prix_achat_ht
           FROM releves_magasin r LEFT JOIN produits p USING (id_produit)
           WHERE r.id_client = ? AND r.date_releve = ?
           ORDER BY r.id_produit IS NULL, r.gamme, p.reference, r.id_releve""",
        (int(id_client), jour),
        dates=("date_releve",),
        champ=champ,
    )
    df["concurrent"] = df["concurrent"].astype(bool)
    societe = df[~df["concurrent"]]
    coefficient = (societe["prix_ttc"] / 1.2 / societe["prix_achat_ht"]).mean()
    df["prix_achat_estime"] = df["prix_achat_ht"].isna()
    estime = df["prix_ttc"] / 1.2 / coefficient
    df["prix_achat_ht"] = df["prix_achat_ht"].fillna(estime).round(2)
    df["ca_ttc_13_semaines"] = (df["ventes_13_semaines"] * df["prix_ttc"]).round(2)
    df["ca_ht_13_semaines"] = (df["ca_ttc_13_semaines"] / 1.2).round(2)
    df["marge_13_semaines_ht"] = (
        df["ca_ht_13_semaines"] - df["ventes_13_semaines"] * df["prix_achat_ht"]
    ).round(2)
    return df


def sell_out(
    base: Path | str | None = None, *, id_client: int | None = None, gamme: str | None = None
) -> pd.DataFrame:
    """Le sell-out hebdomadaire du panel (ou d'un magasin, d'une gamme), par magasin et semaine.

    Colonnes : ``id_client``, ``semaine`` (lundi, date), ``gamme``, ``quantite``, ``ca_ttc``.
    """
    conditions, parametres = [], []
    if id_client is not None:
        conditions.append("id_client = ?")
        parametres.append(int(id_client))
    if gamme is not None:
        conditions.append("gamme = ?")
        parametres.append(gamme)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return _lire(
        base,
        f"SELECT id_client, semaine, gamme, quantite, ca_ttc FROM sell_out {where} "
        "ORDER BY id_client, semaine, gamme",
        parametres,
        dates=("semaine",),
        champ="Sell-out",
    )


def operations_promo(
    base: Path | str | None = None, *, id_client: int | None = None
) -> pd.DataFrame:
    """Les opérations promotionnelles du panel (ou d'un magasin), par date de début.

    Colonnes : ``id_operation``, ``id_client``, ``magasin``, ``gamme``, ``debut``, ``fin``
    (dates), ``mecanique``, ``remise_pct``, ``cout_ht``, ``ventes_base``, ``ventes_reelles``,
    ``cannibalisation`` (unités), ``ventes_incrementales`` = réelles − base − cannibalisation.
    """
    where, parametres = (
        ("WHERE o.id_client = ?", (int(id_client),)) if id_client is not None else ("", ())
    )
    df = _lire(
        base,
        f"""SELECT o.id_operation, o.id_client, c.raison_sociale AS magasin, o.gamme, o.debut,
                   o.fin, o.mecanique, o.remise_pct, o.cout_ht, o.ventes_base, o.ventes_reelles,
                   o.cannibalisation
            FROM operations_promo o JOIN clients c USING (id_client) {where}
            ORDER BY o.debut, o.id_operation""",
        parametres,
        dates=("debut", "fin"),
        champ="Opérations promotionnelles",
    )
    df["ventes_incrementales"] = df["ventes_reelles"] - df["ventes_base"] - df["cannibalisation"]
    return df


# ------------------------------------------------------------------ partners
def partenaires(
    base: Path | str | None = None, *, type_partenaire: str | None = None
) -> pd.DataFrame:
    """Les partenaires du réseau (ou ceux d'un type), par identifiant.

    Colonnes : ``id_partenaire``, ``nom``, ``type`` (distributeur, franchisé, agent, VDI),
    ``contrat``, ``id_secteur``, ``secteur`` (nom), ``date_entree``, ``date_sortie`` (dates, vide
    si actif), ``actif`` (booléen au 31/12/2025), ``taux_commission_pct``, ``redevance_pct``,
    ``redevance_pub_pct``, ``droit_entree_ht`` (vides quand le contrat n'en prévoit pas).
    """
    where, parametres = ("WHERE p.type = ?", (type_partenaire,)) if type_partenaire else ("", ())
    df = _lire(
        base,
        f"""SELECT p.id_partenaire, p.nom, p.type, p.contrat, p.id_secteur, s.nom AS secteur,
                   p.date_entree, p.date_sortie,
                   (p.date_sortie IS NULL OR p.date_sortie > ?) AS actif,
                   p.taux_commission_pct, p.redevance_pct, p.redevance_pub_pct, p.droit_entree_ht
            FROM partenaires p JOIN secteurs s USING (id_secteur) {where}
            ORDER BY p.id_partenaire""",
        (DATE_DU_JOUR, *parametres),
        dates=("date_entree", "date_sortie"),
        champ="Partenaires",
    )
    df["actif"] = df["actif"].astype(bool)
    return df


def ventes_partenaires(
    base: Path | str | None = None, *, id_partenaire: int | None = None
) -> pd.DataFrame:
    """Les ventes mensuelles des partenaires face à leur objectif, par partenaire et mois.

    Colonnes : ``id_partenaire``, ``nom``, ``type``, ``secteur``, ``mois`` (AAAA-MM), ``ca_ht``,
    ``objectif_ht``, ``ecart_ht`` = CA − objectif, ``taux_realisation_pct`` = CA / objectif ×
    100 (au dixième), ``objectif_atteint`` (booléen). Un mois sans ligne n'a pas été remonté
    (défaut volontaire de la base : il n'apparaît pas ici).
    """
    where, parametres = (
        ("WHERE v.id_partenaire = ?", (int(id_partenaire),))
        if id_partenaire is not None
        else ("", ())
    )
    df = _lire(
        base,
        f"""SELECT v.id_partenaire, p.nom, p.type, s.nom AS secteur, v.mois, v.ca_ht,
                   v.objectif_ht
            FROM ventes_partenaires v JOIN partenaires p USING (id_partenaire)
            JOIN secteurs s ON s.id_secteur = p.id_secteur {where}
            ORDER BY v.id_partenaire, v.mois""",
        parametres,
        champ="Ventes des partenaires",
    )
    df["ecart_ht"] = (df["ca_ht"] - df["objectif_ht"]).round(2)
    df["taux_realisation_pct"] = (df["ca_ht"] / df["objectif_ht"] * 100).round(1)
    df["objectif_atteint"] = df["ca_ht"] >= df["objectif_ht"]
    return df


def actions_animation(
    base: Path | str | None = None, *, id_partenaire: int | None = None
) -> pd.DataFrame:
    """Les actions d'animation du réseau (ou d'un partenaire), par date.

    Colonnes : ``id_action``, ``id_partenaire``, ``nom`` (du partenaire), ``type_partenaire``,
    ``date_action`` (date), ``type`` (challenge, formation, PLV, réunion, visite), ``cout_ht``,
    ``description``.
    """
    where, parametres = (
        ("WHERE a.id_partenaire = ?", (int(id_partenaire),))
        if id_partenaire is not None
        else ("", ())
    )
    return _lire(
        base,
        f"""SELECT a.id_action, a.id_partenaire, p.nom, p.type AS type_partenaire,
                   a.date_action, a.type, a.cout_ht, a.description
            FROM actions_animation a JOIN partenaires p USING (id_partenaire) {where}
            ORDER BY a.date_action, a.id_action""",
        parametres,
        dates=("date_action",),
        champ="Actions d'animation",
    )


# ------------------------------------------------------------------ VDI network
def reseau_vdi(base: Path | str | None = None) -> pd.DataFrame:
    """Le réseau de VDI, par identifiant (un parrain vient toujours avant ses filleules).

    Colonnes : ``id_vdi``, ``prenom``, ``id_parrain`` (vide au premier niveau), ``niveau`` (1, 2
    ou 3 dans l'arbre de parrainage), ``date_entree``, ``date_sortie`` (dates, vide si active),
    ``active`` (booléen au 31/12/2025), ``statut`` (mandataire, acheteur-revendeur),
    ``code_insee``, ``commune``, ``departement``, ``filleules`` (nombre de recrues directes),
    ``reunions`` (nombre de réunions animées), ``ca_ttc_reunions`` (somme de leurs ventes TTC).
    """
    df = _lire(
        base,
        """WITH RECURSIVE arbre(id_vdi, niveau) AS (
                SELECT id_vdi, 1 FROM vdi WHERE id_parrain IS NULL
                UNION ALL
                SELECT v.id_vdi, a.niveau + 1 FROM vdi v JOIN arbre a ON v.id_parrain = a.id_vdi
           )
           SELECT v.id_vdi, v.prenom, v.id_parrain, a.niveau, v.date_entree, v.date_sortie,
                  (v.date_sortie IS NULL OR v.date_sortie > ?) AS active, v.statut,
                  v.code_insee, co.nom AS commune, co.departement,
                  (SELECT COUNT(*) FROM vdi f WHERE f.id_parrain = v.id_vdi) AS filleules,
                  (SELECT COUNT(*) FROM reunions r WHERE r.id_vdi = v.id_vdi) AS reunions,
                  (SELECT ROUND(COALESCE(SUM(r.ca_ttc), 0), 2) FROM reunions r
                   WHERE r.id_vdi = v.id_vdi) AS ca_ttc_reunions
           FROM vdi v JOIN arbre a USING (id_vdi) JOIN communes co USING (code_insee)
           ORDER BY v.id_vdi""",
        (DATE_DU_JOUR,),
        dates=("date_entree", "date_sortie"),
        champ="Réseau de VDI",
    )
    df["id_parrain"] = df["id_parrain"].astype("Int64")
    df["active"] = df["active"].astype(bool)
    return df


def reunions(base: Path | str | None = None, *, id_vdi: int | None = None) -> pd.DataFrame:
    """Les réunions à domicile (ou celles d'une VDI), par date.

    Colonnes : ``id_reunion``, ``id_vdi``, ``prenom_vdi``, ``statut`` (de la VDI),
    ``date_reunion`` (date), ``hotesse``, ``invitees``, ``presentes``, ``ca_ttc``,
    ``cadeau_hotesse_ttc``, ``taux_presence_pct`` = présentes / invitées × 100 (au dixième),
    ``panier_moyen_ttc`` = CA TTC / présentes (vide si personne n'est venu).
    """
    where, parametres = ("WHERE r.id_vdi = ?", (int(id_vdi),)) if id_vdi is not None else ("", ())
    df = _lire(
        base,
        f"""SELECT r.id_reunion, r.id_vdi, v.prenom AS prenom_vdi, v.statut, r.date_reunion,
                   r.hotesse, r.invitees, r.presentes, r.ca_ttc, r.cadeau_hotesse_ttc
            FROM reunions r JOIN vdi v USING (id_vdi) {where}
            ORDER BY r.date_reunion, r.id_reunion""",
        parametres,
        dates=("date_reunion",),
        champ="Réunions à domicile",
    )
    df["taux_presence_pct"] = (df["presentes"] / df["invitees"] * 100).round(1)
    df["panier_moyen_ttc"] = (df["ca_ttc"] / df["presentes"].where(df["presentes"] > 0)).round(2)
    return df
