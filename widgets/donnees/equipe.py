"""Bilan de l'équipe commerciale lu dans la base clients : objectifs, réalisé, entonnoir ;
communes à sectoriser, chiffres pour rejouer un plan de rémunération, CA mensuel par secteur ;
affectation des clients aux commerciaux dans le bac à sable de l'étudiant.

Une ligne par commercial pour une année : objectif de CA (somme de la table ``objectifs``),
CA HT facturé (table ``factures``, commercial de la commande), écart (valeur, %, favorable ou
non) et entonnoir de prospection (table ``visites``). Les calculs eux-mêmes sont ceux de
:mod:`widgets.calculs.equipe` et :mod:`widgets.calculs.plan_action`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from widgets.calculs import format_euros, format_nombre, format_pourcent
from widgets.calculs.arrondis import arrondi_centime
from widgets.calculs.budget import MOIS, prevision_par_croissance
from widgets.calculs.entonnoir import Entonnoir, entonnoir
from widgets.calculs.equipe import ChiffresCommercial
from widgets.calculs.plan_action import Ecart, ecart
from widgets.calculs.prevision import Prevision, prevoir
from widgets.calculs.saisie import SaisieInvalide, nombre
from widgets.calculs.sectorisation import CommuneASecteur, Sectorisation
from widgets.connexions import ouvrir_ecriture
from widgets.donnees import cibles, portefeuille
from widgets.donnees.base import requete_lecture_seule
from widgets.erreurs import ErreurAtelier
from widgets.sql.bac_a_sable import bac_a_sable


@dataclass(frozen=True)
class BilanCommercial:
    """Le bilan d'un commercial sur une année."""

    id_commercial: int
    nom: str
    fixe_mensuel: Decimal
    ecart_ca: Ecart
    entonnoir: Entonnoir


def bilan_equipe(base: Path | str | None = None, *, annee: int = 2025) -> list[BilanCommercial]:
    """Objectif, réalisé et entonnoir de chaque commercial pour ``annee`` (ordre alphabétique)."""
    fixes = dict(requete_lecture_seule(base, "SELECT id_commercial, fixe_mensuel FROM commerciaux"))
    lignes = []
    for id_commercial, nom in cibles.lister_commerciaux(base):
        prevu = cibles.objectifs(
            base, mois_debut=f"{annee}-01", mois_fin=f"{annee}-12", id_commercial=id_commercial
        )
        fait = cibles.realise(
            base, debut=f"{annee}-01-01", fin=f"{annee}-12-31", id_commercial=id_commercial
        )
        e = cibles.entonnoir(
            base, debut=f"{annee}-01-01", fin=f"{annee}-12-31", id_commercial=id_commercial
        )
        lignes.append(
            BilanCommercial(
                id_commercial=id_commercial,
                nom=nom,
                fixe_mensuel=Decimal(str(fixes[id_commercial])),
                ecart_ca=ecart("CA HT", prevu.chiffre_affaires, fait.chiffre_affaires),
                entonnoir=entonnoir(
                    e.contacts, e.rendez_vous, e.visites, e.commandes, verifier_ordre=False
                ),
            )
        )
    return lignes


def _pct(valeur: Decimal | None) -> str:
    return "—" if valeur is None else format_pourcent(valeur)


def texte_objectifs_realise(lignes: list[BilanCommercial]) -> str:
    """Tableau texte : commercial, objectif, réalisé, écart en valeur et en %, appréciation."""
    sorties = [
        f"{'Commercial':<20} {'Objectif':>16} {'Réalisé':>16} {'Écart':>16} {'Écart %':>9}  "
        "Appréciation"
    ]
    for b in lignes:
        e = b.ecart_ca
        sorties.append(
            f"{b.nom:<20} {format_euros(e.prevu):>16} {format_euros(e.realise):>16} "
            f"{format_euros(e.ecart):>16} {_pct(e.ecart_pct):>9}  {e.appreciation}"
        )
    return "\n".join(sorties)


def texte_entonnoirs(lignes: list[BilanCommercial]) -> str:
    """Tableau texte : effectifs de l'entonnoir et taux de transformation de chaque commercial."""
    sorties = [
        f"{'Commercial':<20} {'Contacts':>8} {'RDV':>5} {'Visites':>7} {'Cdes':>5} "
        f"{'RDV/contact':>11} {'Visite/RDV':>10} {'Cde/visite':>10} {'Global':>8}"
    ]
    for b in lignes:
        etapes = b.entonnoir.etapes
        n = [x.effectif for x in etapes]
        t = [_pct(x.taux_transformation) for x in etapes[1:]]
        sorties.append(
            f"{b.nom:<20} {n[0]:>8} {n[1]:>5} {n[2]:>7} {n[3]:>5} "
            f"{t[0]:>11} {t[1]:>10} {t[2]:>10} {_pct(b.entonnoir.taux_global):>8}"
        )
    return "\n".join(sorties)


# --------------------------------------------------------------------------- sectorisation

#: Visits per year of an A, B or C client (ABC analysis of the year's CA: A = the clients that
#: make the first 80 % of the CA, B the next 15 %, C the rest, clients without CA included).
VISITES_PAR_CLASSE = {"A": 12, "B": 6, "C": 2}


def classes_abc(ca_par_client: Sequence[Decimal]) -> list[str]:
    """Classe A, B ou C de chaque client (même ordre) : tri par CA décroissant (à égalité,
    ordre donné) ; A tant que le CA cumulé AVANT le client est sous 80 % du total, B sous 95 %."""
    total = sum(ca_par_client, Decimal(0))
    # reverse=True keeps the given order among equal CA (Python's sort is stable)
    ordre = sorted(range(len(ca_par_client)), key=ca_par_client.__getitem__, reverse=True)
    classes = ["C"] * len(ca_par_client)
    cumul = Decimal(0)
    for i in ordre:
        if total > 0 and ca_par_client[i] > 0:
            part = cumul / total
            classes[i] = "A" if part < Decimal("0.80") else "B" if part < Decimal("0.95") else "C"
        cumul += ca_par_client[i]
    return classes


def communes_a_secteur(
    base: Path | str | None = None,
    *,
    annee: int = 2025,
    id_secteur: int | None = None,
    visites_par_classe: Mapping[str, int] | None = None,
) -> list[CommuneASecteur]:
    """Les communes des clients (d'un secteur, ou toutes) avec clients, visites par an et CA HT
    facturé de ``annee``. Visites par an = Σ visites de la classe ABC de chaque client
    (:data:`VISITES_PAR_CLASSE`).

    The year's CA per client is read from the covering index (date, client, amount) of
    ``factures`` alone (measured in ``benchmarks/equipe.py``).
    """
    normes = dict(VISITES_PAR_CLASSE if visites_par_classe is None else visites_par_classe)
    filtre = "" if id_secteur is None else " WHERE cl.id_secteur = :id_secteur"
    lignes = requete_lecture_seule(
        base,
        "SELECT cl.code_insee, COALESCE(f.ca, 0) FROM clients cl LEFT JOIN ("
        "SELECT id_client, SUM(montant_ht) AS ca FROM factures "
        "WHERE date_facture BETWEEN :debut AND :fin GROUP BY id_client) f "
        f"ON f.id_client = cl.id_client{filtre} ORDER BY cl.id_client",
        {"debut": f"{annee}-01-01", "fin": f"{annee}-12-31", "id_secteur": id_secteur},
        champ="Base clients",
    )
    ca = [arrondi_centime(Decimal(str(r[1]))) for r in lignes]
    par_commune: dict[str, list] = {}
    for (code, _), montant_ca, classe in zip(lignes, ca, classes_abc(ca), strict=True):
        cumul = par_commune.setdefault(code, [0, 0, Decimal(0)])
        cumul[0] += 1
        cumul[1] += normes[classe]
        cumul[2] += montant_ca
    lieux = {
        r[0]: (r[1], float(r[2]), float(r[3]))
        for r in requete_lecture_seule(
            base, "SELECT code_insee, nom, latitude, longitude FROM communes", champ="Communes"
        )
    }
    return [
        CommuneASecteur(code, lieux[code][0], lieux[code][1], lieux[code][2], n, v, montant_ca)
        for code, (n, v, montant_ca) in sorted(par_commune.items())
    ]


def affecter_secteurs(
    sectorisation: Sectorisation,
    commerciaux: Sequence[int],
    *,
    etudiant: str | None = None,
    reference: Path | str | None = None,
    id_secteur: int | None = None,
) -> int:
    """Écrit le découpage dans le BAC À SABLE de l'étudiant (jamais dans la base de référence) :
    les clients de chaque commune du secteur n° k passent au commercial ``commerciaux[k − 1]``
    (seulement les clients du secteur commercial ``id_secteur`` s'il est donné).

    Renvoie le nombre de clients réaffectés.
    """
    n = len(sectorisation.secteurs)
    if len(commerciaux) != n:
        raise ErreurAtelier(
            f"il faut un commercial par secteur : {n} secteurs, {len(commerciaux)} commerciaux.",
            champ="Commerciaux",
        )
    chemin = bac_a_sable(etudiant, reference=reference)
    connus = {r[0] for r in requete_lecture_seule(chemin, "SELECT id_commercial FROM commerciaux")}
    for c in commerciaux:
        if c not in connus:
            raise ErreurAtelier(f"le commercial n° {c} n'existe pas.", champ="Commerciaux")
    filtre = "" if id_secteur is None else " AND id_secteur = ?"
    extra = () if id_secteur is None else (id_secteur,)
    connexion = ouvrir_ecriture(chemin, creer=False)
    try:
        with connexion:
            total = 0
            for code, numero in sorted(sectorisation.affectation.items()):
                curseur = connexion.execute(
                    f"UPDATE clients SET id_commercial = ? WHERE code_insee = ?{filtre}",
                    (commerciaux[numero - 1], code, *extra),
                )
                total += curseur.rowcount
    finally:
        connexion.close()
    return total


# --------------------------------------------------------------------------- plans et budgets


def chiffres_commerciaux(
    base: Path | str | None = None, *, annee: int = 2025
) -> list[ChiffresCommercial]:
    """CA HT facturé, objectif annuel et fixe mensuel de chaque commercial (pour rejouer un plan
    de rémunération sur les chiffres réels)."""
    return [
        ChiffresCommercial(b.nom, b.ecart_ca.realise, b.ecart_ca.prevu, b.fixe_mensuel)
        for b in bilan_equipe(base, annee=annee)
    ]


def ca_mensuel_par_secteur(
    base: Path | str | None = None, *, annee: int = 2025
) -> dict[str, list[Decimal]]:
    """CA HT facturé de chaque mois de ``annee``, par secteur commercial du client."""
    noms = [
        r[0] for r in requete_lecture_seule(base, "SELECT nom FROM secteurs ORDER BY id_secteur")
    ]
    resultat = {nom: [Decimal("0.00")] * 12 for nom in noms}
    for nom, mois, ca in requete_lecture_seule(
        base,
        "SELECT s.nom, CAST(substr(f.date_facture, 6, 2) AS INTEGER), SUM(f.montant_ht) "
        "FROM factures f JOIN clients cl ON cl.id_client = f.id_client "
        "JOIN secteurs s ON s.id_secteur = cl.id_secteur "
        "WHERE f.date_facture BETWEEN :debut AND :fin GROUP BY 1, 2",
        {"debut": f"{annee}-01-01", "fin": f"{annee}-12-31"},
        champ="Base clients",
    ):
        resultat[nom][mois - 1] = arrondi_centime(Decimal(str(ca)))
    return resultat


#: Months of history a seasonal forecast needs (two full years: see coefficients_saisonniers).
MOIS_MINIMUM_PREVISION = 24


@dataclass(frozen=True)
class PrevisionSecteur:
    """Les 12 montants prévus d'un secteur pour l'année du budget, et comment ils sont faits.

    ``prevision`` is the least squares + seasonal forecast (None when the sector fell back on
    last 12 months × growth); ``note`` says in French why it fell back (None otherwise).
    """

    secteur: str
    montants: tuple[Decimal, ...]
    historique: tuple[tuple[str, Decimal], ...]
    prevision: Prevision | None
    note: str | None


def previsions_par_secteur(
    base: Path | str | None = None,
    *,
    annee: int = 2026,
    annees_historique: int = 3,
    methode: str = "tendance",
    taux_repli: object = "3",
) -> dict[str, PrevisionSecteur]:
    """Entrée du budget des ventes de ``annee`` : par secteur, la prévision des 12 mois par les
    moindres carrés et les coefficients saisonniers (:func:`widgets.calculs.prevision.prevoir`,
    comme le carnet gestion_clientele/07) sur le CA HT mensuel des ``annees_historique`` années
    précédentes.

    The series starts at the sector's first invoiced month (a sector opened later has no
    leading zero months). A sector with fewer than :data:`MOIS_MINIMUM_PREVISION` months, or
    whose trend goes negative, falls back explicitly on its last 12 months × (1 + ``taux_repli``
    %), with a French ``note`` saying so.
    """
    taux = nombre(taux_repli, "Taux de croissance du repli")
    secteurs = requete_lecture_seule(
        base, "SELECT id_secteur, nom FROM secteurs ORDER BY id_secteur", champ="Secteurs"
    )
    resultat = {}
    for id_secteur, nom in secteurs:
        serie = portefeuille.ca_mensuel(
            base,
            premier_mois=f"{annee - annees_historique}-01",
            dernier_mois=f"{annee - 1}-12",
            id_secteur=id_secteur,
        )
        debut = next((i for i, (_m, v) in enumerate(serie) if v > 0), len(serie))
        historique = tuple(serie[debut:])
        prevision, motif = None, None
        if len(historique) < MOIS_MINIMUM_PREVISION:
            motif = _motif_historique_court(historique)
        else:
            try:
                prevision = prevoir([v for _m, v in historique], 12, 12, methode)
            except SaisieInvalide as erreur:
                motif = erreur.message
        if prevision is not None:
            montants = prevision.previsions
            note = None
        else:
            derniers = [v for _m, v in serie[-12:]]
            montants = tuple(prevision_par_croissance(derniers, taux))
            repli = (
                "budget nul, à fixer à partir des objectifs des commerciaux (table objectifs)."
                if not historique
                else "pas de prévision par les moindres carrés, budget de repli = CA des 12 "
                f"derniers mois × "
                f"{format_nombre(1 + taux / 100)}."
            )
            note = f"{nom} : {motif.rstrip('. ')} ; {repli}"
        resultat[nom] = PrevisionSecteur(nom, montants, historique, prevision, note)
    return resultat


def _motif_historique_court(historique: Sequence[tuple[str, Decimal]]) -> str:
    """French reason why a history is too short for the seasonal forecast."""
    if not historique:
        return "aucune vente dans l'historique"
    annee, mois = historique[0][0].split("-")
    n = len(historique)
    return (
        f"ventes depuis {MOIS[int(mois) - 1]} {annee} seulement ({n} mois), trop peu pour "
        f"mesurer la saisonnalité (il en faut {MOIS_MINIMUM_PREVISION})"
    )
