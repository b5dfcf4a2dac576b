"""CRM : fiche client 360°, pipeline d'opportunités (bac à sable) et fichiers de campagne.

Data layer. The reference base is only read (``requete_lecture_seule``); the pipeline table
``opportunites`` lives in the student's sandbox (:mod:`widgets.sql.bac_a_sable`), created and
seeded from the base the first time it is asked for. The figures come from
:mod:`widgets.calculs.digital` and :mod:`widgets.calculs.campagne`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from widgets.calculs import arrondi_centime
from widgets.calculs.campagne import Contact, RapportConformite
from widgets.calculs.digital import (
    PROBABILITE_ETAPE,
    Opportunite,
    etape,
)
from widgets.calculs.scoring import ClientRFM
from widgets.connexions import ouvrir_ecriture
from widgets.donnees.catalogue_produits import ouvrir_lecture_seule, requete_lecture_seule
from widgets.donnees.portefeuille import rfm_du_portefeuille
from widgets.erreurs import ErreurAtelier

AUJOURD_HUI = date(2025, 12, 31)
"""The reference date of the client base."""


def _d(valeur: float | int | None) -> Decimal:
    return arrondi_centime(Decimal(str(valeur or 0)))


def _net_ht(lignes: float | None, remise_pct: float | None) -> Decimal:
    """Net commercial HT of an order: lines total less the global discount, to the cent."""
    total = _d(lignes)
    return arrondi_centime(total - total * Decimal(str(remise_pct or 0)) / 100)


def _probabilite(valeur: float) -> Decimal:
    d = Decimal(str(valeur))
    return d.to_integral_value() if d == d.to_integral_value() else d


def _date(texte: str | None) -> date | None:
    return date.fromisoformat(texte) if texte else None


# --------------------------------------------------------------------------- recherche


@dataclass(frozen=True)
class ClientTrouve:
    id_client: int
    raison_sociale: str
    ville: str
    code_postal: str
    type_client: str


def rechercher_clients(
    texte: str, base: Path | str | None = None, *, limite: int = 20
) -> list[ClientTrouve]:
    """Clients whose name or commune contains ``texte`` (case ignored), by name; an integer
    finds the client with that number."""
    texte = " ".join((texte or "").split())
    if len(texte) < 2 and not texte.isdigit():
        raise ErreurAtelier(
            "tapez au moins deux lettres du nom ou de la commune.", champ="Recherche"
        )
    if texte.isdigit():
        sql, params = (
            "SELECT id_client, raison_sociale, ville, code_postal, type_client FROM clients "
            "WHERE id_client = ?",
            (int(texte),),
        )
    else:
        motif = "%" + texte.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql, params = (
            "SELECT id_client, raison_sociale, ville, code_postal, type_client FROM clients "
            "WHERE raison_sociale LIKE ? ESCAPE '\\' OR ville LIKE ? ESCAPE '\\' "
            "ORDER BY raison_sociale, id_client LIMIT ?",
            (motif, motif, limite),
        )
    return [ClientTrouve(*r) for r in requete_lecture_seule(base, sql, params, champ="Recherche")]


# --------------------------------------------------------------------------- fiche 360°


@dataclass(frozen=True)
class CommandeFiche:
    id_commande: int
    date: str
    statut: str
    montant_ht: Decimal


@dataclass(frozen=True)
class ActionFiche:
    date: str
    etape: str
    resultat: str
    commercial: str


@dataclass(frozen=True)
class FicheClient:
    """Everything the CRM shows about one client."""

    id_client: int
    raison_sociale: str
    type_client: str
    siret: str
    adresse: str
    code_postal: str
    ville: str
    telephone: str
    email: str
    date_creation: str
    commercial: str
    commercial_telephone: str
    commercial_email: str
    secteur: str
    plafond_credit: Decimal
    delai_paiement_jours: int
    commandes: tuple[CommandeFiche, ...]
    actions: tuple[ActionFiche, ...]
    ca_12_mois: Decimal
    factures_ttc: Decimal
    regle_ttc: Decimal
    rfm: ClientRFM | None
    """R, F, M scores and named segment over the whole portfolio (``None``: no invoice in
    the last 12 months)."""
    opportunites: tuple[Opportunite, ...]

    @property
    def encours(self) -> Decimal:
        """Invoiced TTC not yet paid."""
        return self.factures_ttc - self.regle_ttc

    @property
    def depassement(self) -> bool:
        return self.encours > self.plafond_credit

    @property
    def derniere_commande(self) -> str | None:
        return self.commandes[0].date if self.commandes else None


def rfm_client(id_client: int, base: Path | str | None = None) -> ClientRFM | None:
    """The client's RFM scores and segment, as the portfolio analysis gives them (whole
    portfolio, reference date 2025-12-31, 12 months); ``None`` if not invoiced in that window.

    The portfolio table is computed once per base (:func:`rfm_du_portefeuille`).
    """
    return rfm_du_portefeuille(base).get(int(id_client))


def fiche_client(
    id_client: int,
    base: Path | str | None = None,
    *,
    bac: Path | str | None = None,
    historique: int = 12,
) -> FicheClient:
    """The 360° sheet of ``id_client``: identity, contacts, orders, actions, outstanding.

    ``bac``: the student's sandbox, to show the client's opportunities (none otherwise).
    Only the ``historique`` latest orders and actions are listed; totals use them all.
    """
    connexion = ouvrir_lecture_seule(base)

    def lire(sql: str, params: tuple) -> list[sqlite3.Row]:
        try:
            return connexion.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise ErreurAtelier(
                f"la base ne contient pas les données attendues ({err}).", champ="Fiche client"
            ) from err

    try:
        return _fiche(int(id_client), lire, base, bac, historique)
    finally:
        connexion.close()


def _fiche(
    id_client: int,
    lire: Callable[[str, tuple], list[sqlite3.Row]],
    base: Path | str | None,
    bac: Path | str | None,
    historique: int,
) -> FicheClient:
    """The sheet, read through ``lire`` (one read-only connection for every query)."""
    lignes = lire(
        "SELECT c.*, m.prenom || ' ' || m.nom AS commercial, m.telephone AS com_tel, "
        "m.email AS com_email, s.nom AS secteur FROM clients c "
        "JOIN commerciaux m ON m.id_commercial = c.id_commercial "
        "JOIN secteurs s ON s.id_secteur = c.id_secteur WHERE c.id_client = ?",
        (int(id_client),),
    )
    if not lignes:
        raise ErreurAtelier(f"aucun client ne porte le numéro {id_client}.", champ="Fiche client")
    c = lignes[0]
    commandes = lire(
        "SELECT o.id_commande, o.date_commande, o.statut, "
        "(SELECT SUM(l.montant_ht) FROM lignes_commande l "
        " WHERE l.id_commande = o.id_commande) AS lignes, o.remise_pct "
        "FROM commandes o WHERE o.id_client = ? "
        "ORDER BY o.date_commande DESC, o.id_commande DESC LIMIT ?",
        (int(id_client), historique),
    )
    actions = lire(
        "SELECT v.date_visite, v.etape, v.resultat, m.prenom || ' ' || m.nom FROM visites v "
        "JOIN commerciaux m ON m.id_commercial = v.id_commercial WHERE v.id_client = ? "
        "ORDER BY v.date_visite DESC, v.id_visite DESC LIMIT ?",
        (int(id_client), historique),
    )
    debut_12 = (AUJOURD_HUI - timedelta(days=365)).isoformat()
    totaux = lire(
        "SELECT COALESCE(SUM(montant_ttc), 0), "
        "COALESCE(SUM(CASE WHEN date_facture > ? THEN montant_ht END), 0), "
        "(SELECT COALESCE(SUM(r.montant), 0) FROM reglements r JOIN factures f2 "
        " ON f2.id_facture = r.id_facture WHERE f2.id_client = ?) "
        "FROM factures WHERE id_client = ?",
        (debut_12, int(id_client), int(id_client)),
    )[0]
    return FicheClient(
        id_client=c["id_client"],
        raison_sociale=c["raison_sociale"],
        type_client=c["type_client"],
        siret=c["siret"],
        adresse=c["adresse"],
        code_postal=c["code_postal"],
        ville=c["ville"],
        telephone=c["telephone"],
        email=c["email"],
        date_creation=c["date_creation"],
        commercial=c["commercial"],
        commercial_telephone=c["com_tel"],
        commercial_email=c["com_email"],
        secteur=c["secteur"],
        plafond_credit=_d(c["plafond_credit"]),
        delai_paiement_jours=c["delai_paiement_jours"],
        commandes=tuple(CommandeFiche(r[0], r[1], r[2], _net_ht(r[3], r[4])) for r in commandes),
        actions=tuple(ActionFiche(*r) for r in actions),
        ca_12_mois=_d(totaux[1]),
        factures_ttc=_d(totaux[0]),
        regle_ttc=_d(totaux[2]),
        rfm=rfm_client(int(id_client), base),
        opportunites=tuple(lire_opportunites(bac, id_client=int(id_client))) if bac else (),
    )


# --------------------------------------------------------------------------- pipeline

DDL_OPPORTUNITES = """CREATE TABLE IF NOT EXISTS opportunites (
    id_opportunite INTEGER PRIMARY KEY,
    id_client INTEGER REFERENCES clients(id_client),
    id_prospect INTEGER REFERENCES prospects(id_prospect),
    intitule TEXT NOT NULL,
    etape TEXT NOT NULL,
    montant_ht REAL NOT NULL CHECK (montant_ht >= 0),
    probabilite REAL NOT NULL CHECK (probabilite BETWEEN 0 AND 100),
    date_cloture_prevue TEXT NOT NULL,
    id_commercial INTEGER REFERENCES commerciaux(id_commercial),
    CHECK (id_client IS NULL OR id_prospect IS NULL)
)"""

MONTANTS_TYPE = {  # montant HT typique d'une affaire selon le type de client
    "GMS": 9000,
    "Grossiste": 6000,
    "Comité d'entreprise": 2500,
    "Boutique de souvenirs": 1200,
}
ETAPE_DEPUIS_ACTION = {
    ("contact", "suite donnée"): "qualification",
    ("contact", "à relancer"): "qualification",
    ("rendez-vous", "suite donnée"): "découverte",
    ("rendez-vous", "à relancer"): "découverte",
    ("visite", "suite donnée"): "proposition",
    ("visite", "à relancer"): "négociation",
}


def _semer(con: sqlite3.Connection, nombre_prospects: int = 30, nombre_clients: int = 15) -> None:
    """Seed the pipeline from the base: the prospects whose last action calls for a follow-up
    (stage from that action) and the clients of the latest orders (a reorder to negotiate)."""
    lignes = []
    prospects = con.execute(
        "SELECT v.id_prospect, p.raison_sociale, p.type_client, v.etape, v.resultat, "
        "v.date_visite, v.id_commercial FROM visites v JOIN prospects p "
        "ON p.id_prospect = v.id_prospect WHERE v.id_visite = (SELECT MAX(id_visite) FROM "
        "visites w WHERE w.id_prospect = v.id_prospect) AND v.resultat IN "
        "('suite donnée', 'à relancer') ORDER BY v.date_visite DESC, v.id_prospect LIMIT ?",
        (nombre_prospects,),
    ).fetchall()
    for idp, nom, type_client, et, res, jour, com in prospects:
        e = ETAPE_DEPUIS_ACTION.get((et, res), "qualification")
        base = MONTANTS_TYPE.get(type_client or "", 2000)
        montant = base * (10 + idp % 7) / 10
        cloture = date.fromisoformat(jour) + timedelta(days=30 + 15 * (idp % 5))
        lignes.append(
            (
                None,
                idp,
                f"Première commande — {nom or 'prospect ' + str(idp)}",
                e,
                montant,
                PROBABILITE_ETAPE[e],
                cloture.isoformat(),
                com,
            )
        )
    clients = con.execute(
        "SELECT c.id_client, c.raison_sociale, c.type_client, MAX(o.date_commande), "
        "c.id_commercial FROM commandes o JOIN clients c ON c.id_client = o.id_client "
        "WHERE o.statut = 'livrée' GROUP BY c.id_client "
        "ORDER BY MAX(o.date_commande) DESC, c.id_client LIMIT ?",
        (nombre_clients,),
    ).fetchall()
    etapes = ("découverte", "proposition", "négociation", "gagnée")
    for i, (idc, nom, type_client, jour, com) in enumerate(clients):
        e = etapes[i % len(etapes)]
        montant = MONTANTS_TYPE.get(type_client, 2000) * (8 + idc % 5) / 10
        cloture = date.fromisoformat(jour) + timedelta(days=45 + 10 * (idc % 4))
        lignes.append(
            (
                idc,
                None,
                f"Réassort — {nom}",
                e,
                montant,
                PROBABILITE_ETAPE[e],
                cloture.isoformat(),
                com,
            )
        )
    con.executemany(
        "INSERT INTO opportunites (id_client, id_prospect, intitule, etape, montant_ht, "
        "probabilite, date_cloture_prevue, id_commercial) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        lignes,
    )


def preparer_pipeline(bac: Path | str) -> Path:
    """Create (and seed) the ``opportunites`` table of the sandbox ``bac`` if it is missing."""
    chemin = Path(bac)
    if not chemin.is_file():
        raise ErreurAtelier("le bac à sable est introuvable.", champ="Pipeline")
    with closing(ouvrir_ecriture(chemin, creer=False)) as con, con:
        existe = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'opportunites'"
        ).fetchone()
        if not existe:
            con.execute(DDL_OPPORTUNITES)
            _semer(con)
    return chemin


def lire_opportunites(bac: Path | str, *, id_client: int | None = None) -> list[Opportunite]:
    """The opportunities of the sandbox (of one client if ``id_client``), by closing date."""
    preparer_pipeline(bac)
    filtre, params = ("WHERE id_client = ?", (id_client,)) if id_client is not None else ("", ())
    with closing(ouvrir_ecriture(bac, creer=False)) as con:
        lignes = con.execute(
            "SELECT id_opportunite, intitule, etape, montant_ht, probabilite, "
            f"date_cloture_prevue FROM opportunites {filtre} "
            "ORDER BY date_cloture_prevue, id_opportunite",
            params,
        ).fetchall()
    return [
        Opportunite(i, t, e, _d(m), _probabilite(p), date.fromisoformat(d))
        for i, t, e, m, p, d in lignes
    ]


def deplacer_opportunite(bac: Path | str, id_opportunite: int, nouvelle_etape: str) -> Opportunite:
    """Move an opportunity to another stage (its probability becomes the stage's one)."""
    e = etape(nouvelle_etape)
    preparer_pipeline(bac)
    with closing(ouvrir_ecriture(bac, creer=False)) as con, con:
        n = con.execute(
            "UPDATE opportunites SET etape = ?, probabilite = ? WHERE id_opportunite = ?",
            (e, PROBABILITE_ETAPE[e], int(id_opportunite)),
        ).rowcount
    if not n:
        raise ErreurAtelier(
            f"aucune opportunité ne porte le numéro {id_opportunite}.", champ="Pipeline"
        )
    return next(o for o in lire_opportunites(bac) if o.ident == int(id_opportunite))


# --------------------------------------------------------------------------- campagnes

COLONNES_CONTACT = (
    "id_prospect, raison_sociale, contact_prenom, contact_nom, public, email, telephone, "
    "adresse, code_postal, ville, type_client, consentement_email_sms, consentement_telephone, "
    "opposition, bloctel, date_dernier_contact"
)


def _contact(r: sqlite3.Row) -> Contact:
    nom = " ".join(x for x in (r["contact_prenom"], r["contact_nom"]) if x)
    adresse = ", ".join(x for x in (r["adresse"], r["code_postal"], r["ville"]) if x)
    return Contact(
        ident=r["id_prospect"],
        nom=f"{nom} ({r['raison_sociale']})" if r["raison_sociale"] else nom,
        public=r["public"] or "B2C",
        email=r["email"],
        telephone=r["telephone"],
        adresse=adresse if r["adresse"] and r["code_postal"] else None,
        consentement_email_sms=r["consentement_email_sms"],
        consentement_telephone=r["consentement_telephone"],
        opposition=bool(r["opposition"]),
        bloctel=bool(r["bloctel"]),
        date_dernier_contact=_date(r["date_dernier_contact"]),
        personne=nom,
    )


def contacts_prospects(
    base: Path | str | None = None,
    *,
    type_client: str | None = None,
    public: str | None = None,
    departement: str | None = None,
    identifiants: list[int] | None = None,
) -> list[Contact]:
    """The prospects as campaign contacts, filtered (every filter optional)."""
    conditions, params = [], []
    if type_client:
        conditions.append("type_client = ?")
        params.append(type_client)
    if public:
        conditions.append("public = ?")
        params.append(public)
    if departement:
        conditions.append("code_postal LIKE ?")
        params.append(departement.strip() + "%")
    lignes = requete_lecture_seule(
        base,
        f"SELECT {COLONNES_CONTACT} FROM prospects "
        + ("WHERE " + " AND ".join(conditions) if conditions else "")
        + " ORDER BY id_prospect",
        params,
        champ="Segment",
    )
    contacts = [_contact(r) for r in lignes]
    if identifiants is not None:
        garder = set(identifiants)
        contacts = [c for c in contacts if c.ident in garder]
    return contacts


def identifiants_requete(sql: str, base: Path | str | None = None) -> list[int]:
    """The ``id_prospect`` column of the student's query (run by the safe SQL engine)."""
    from widgets.donnees.chemins import base_reference
    from widgets.sql import executer_requete

    resultat = executer_requete(sql, Path(base) if base else base_reference(), lignes_max=100_000)
    if "id_prospect" not in resultat.columns:
        raise ErreurAtelier(
            "la requête doit renvoyer la colonne id_prospect (SELECT id_prospect FROM "
            "prospects WHERE …).",
            champ="Requête du segment",
        )
    return [int(x) for x in resultat.dataframe["id_prospect"].dropna()]


def exporter_campagne(rapport: RapportConformite, dossier: Path | str, nom: str) -> list[Path]:
    """Write the target list (CSV, ``;`` separated, for a French spreadsheet) and the
    compliance report (Markdown) into ``dossier``; return both paths."""
    from widgets.calculs.campagne import rapport_markdown

    from .exports import csv_francais, ecrire

    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    csv_ = ecrire(
        dossier / f"{nom}_cible.csv",
        csv_francais(
            ["id_prospect", "contact", "public", "email", "telephone", "adresse"],
            (
                [c.ident, c.nom, c.public, c.email or "", c.telephone or "", c.adresse or ""]
                for c in rapport.ciblage.retenus
            ),
        ),
    )
    md = dossier / f"{nom}_conformite.md"
    md.write_text(rapport_markdown(rapport), encoding="utf-8")
    return [csv_, md]
