"""Relation client digitale : indicateurs d'une campagne (S532, S521), pipeline pondéré
(S522) et cible conforme au RGPD (S821, S823).

Every expected figure comes from :mod:`widgets.calculs.digital` or
:mod:`widgets.calculs.campagne`; the traps (clic rate on opened instead of delivered, ROI on
the turnover instead of the margin, cost per contact instead of per lead, unweighted pipeline,
pre-ticked box taken for a consent, Bloctel applied after 11 August 2026) are computed by the
same functions with the wrong data.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from widgets.calculs import arrondi, arrondi_centime, format_euros, format_nombre, format_pourcent
from widgets.calculs.arrondis import CENT
from widgets.calculs.campagne import CANAUX, Contact, accorder, appliquer_regles
from widgets.calculs.digital import (
    ETAPES_PIPELINE,
    PROBABILITE_ETAPE,
    Opportunite,
    indicateurs_campagne,
    pipeline,
)
from widgets.exercices import (
    Cellule,
    ControleNombre,
    ControleTableau,
    Piege,
    Variante,
    exercice,
    tirer_decimal,
)

MOYENS = {"email": "par courrier électronique", "telephone": "par téléphone"}
# with their article: « pour du linge de maison », not « pour des linge de maison »
PRODUITS = (
    "des serviettes de plage",
    "des peignoirs brodés",
    "du linge de maison",
    "des mugs souvenirs",
)


def _n(x: int) -> str:
    return format_nombre(Decimal(x))


def _taux(a: int, b: int) -> Decimal:
    return arrondi(Decimal(a) * CENT / Decimal(b), 2)


def _campagne(alea: random.Random) -> dict[str, int | Decimal]:
    envoyes = alea.randrange(4_000, 20_001, 500)
    delivres = envoyes - alea.randrange(100, envoyes // 10, 10)
    ouverts = delivres * alea.randrange(15, 36) // 100
    clics = ouverts * alea.randrange(8, 26) // 100
    leads = max(5, clics * alea.randrange(15, 41) // 100)
    conversions = max(2, leads * alea.randrange(15, 41) // 100)
    return {
        "envoyes": envoyes,
        "delivres": delivres,
        "ouverts": ouverts,
        "clics": clics,
        "leads": leads,
        "conversions": conversions,
        "cout": tirer_decimal(alea, 600, 4000, 50),
    }


@exercice(
    "taux-emailing-1",
    "E-mailing : taux d'ouverture, de clic et de réactivité",
    savoirs=["S532", "S823"],
)
def taux_emailing_1(alea: random.Random) -> Variante:
    c = _campagne(alea)
    k = indicateurs_campagne(
        c["envoyes"],
        c["delivres"],
        c["ouverts"],
        c["clics"],
        c["leads"],
        c["conversions"],
        c["cout"],
    )
    sur_envoyes = _taux(c["clics"], c["envoyes"])
    cellules = (
        Cellule(
            "ouverture",
            "Taux d'ouverture (ouverts / délivrés)",
            k.taux_ouverture,
            lambda ouverts, delivres: _taux(ouverts, delivres),
            unite="%",
            pieges=(
                Piege(
                    "ouverture_sur_envoyes",
                    _taux(c["ouverts"], c["envoyes"]),
                    "Vous avez divisé par les messages envoyés : le taux d'ouverture se calcule "
                    "sur les messages délivrés (un message non délivré ne peut pas être ouvert).",
                ),
            ),
        ),
        Cellule(
            "clic",
            "Taux de clic (clics / délivrés)",
            k.taux_clic,
            lambda clics, delivres: _taux(clics, delivres),
            unite="%",
            pieges=(
                Piege(
                    "clic_sur_ouverts",
                    k.taux_reactivite,
                    "C'est le taux de réactivité (clics / ouverts). Le taux de clic se calcule "
                    "sur les messages délivrés.",
                ),
                Piege(
                    "clic_sur_envoyes",
                    sur_envoyes,
                    "Vous avez divisé par les messages envoyés : on rapporte les clics aux "
                    "messages délivrés.",
                ),
            ),
        ),
        Cellule(
            "reactivite",
            "Taux de réactivité (clics / ouverts)",
            k.taux_reactivite,
            lambda clics, ouverts: _taux(clics, ouverts),
            unite="%",
            pieges=(
                Piege(
                    "reactivite_sur_delivres",
                    k.taux_clic,
                    "C'est le taux de clic : la réactivité rapporte les clics aux messages "
                    "OUVERTS.",
                ),
            ),
        ),
    )
    return Variante(
        enonce=(
            f"Une campagne d'e-mailing pour {alea.choice(PRODUITS)} a donné :\n\n"
            "| Envoyés | Délivrés | Ouverts | Clics |\n| --- | --- | --- | --- |\n"
            f"| {_n(c['envoyes'])} | {_n(c['delivres'])} | {_n(c['ouverts'])} | "
            f"{_n(c['clics'])} |\n\n"
            "Calculez le taux d'ouverture, le taux de clic et le taux de réactivité "
            "(en %, au centième)."
        ),
        controle=ControleTableau(
            cellules,
            donnees={
                "envoyes": Decimal(c["envoyes"]),
                "delivres": Decimal(c["delivres"]),
                "ouverts": Decimal(c["ouverts"]),
                "clics": Decimal(c["clics"]),
            },
        ),
        indices=(
            "Un message non délivré (adresse fausse, boîte pleine) ne peut être ni ouvert ni "
            "cliqué : la base est le nombre de messages délivrés.",
            "Taux de clic = clics / délivrés ; taux de réactivité = clics / ouverts.",
        ),
        solution=(
            f"- Taux d'ouverture = {_n(c['ouverts'])} / {_n(c['delivres'])} = "
            f"**{format_pourcent(k.taux_ouverture)}**\n"
            f"- Taux de clic = {_n(c['clics'])} / {_n(c['delivres'])} = "
            f"**{format_pourcent(k.taux_clic)}**\n"
            f"- Taux de réactivité = {_n(c['clics'])} / {_n(c['ouverts'])} = "
            f"**{format_pourcent(k.taux_reactivite)}**"
        ),
        parametres=dict(c),
    )


@exercice(
    "cout-lead-acquisition-1",
    "Coût par lead et coût d'acquisition d'un client",
    savoirs=["S521", "S532"],
)
def cout_lead_acquisition_1(alea: random.Random) -> Variante:
    c = _campagne(alea)
    k = indicateurs_campagne(
        c["envoyes"],
        c["delivres"],
        c["ouverts"],
        c["clics"],
        c["leads"],
        c["conversions"],
        c["cout"],
    )
    cout = c["cout"]
    cellules = (
        Cellule(
            "cpl",
            "Coût par lead",
            k.cout_par_lead,
            lambda cout, leads: arrondi_centime(cout / leads),
            pieges=(
                Piege(
                    "cout_par_clic",
                    arrondi_centime(cout / c["clics"]),
                    "C'est le coût par clic : un lead est un contact qui a laissé ses "
                    "coordonnées (demande de devis), pas un simple clic.",
                ),
            ),
        ),
        Cellule(
            "cac",
            "Coût d'acquisition d'un client",
            k.cout_acquisition,
            lambda cout, conversions: arrondi_centime(cout / conversions),
            pieges=(
                Piege(
                    "cout_par_message",
                    arrondi_centime(cout / c["envoyes"]),
                    "C'est le coût par message envoyé : le coût d'acquisition divise le coût de "
                    "la campagne par le nombre de NOUVEAUX CLIENTS.",
                ),
            ),
        ),
    )
    return Variante(
        enonce=(
            f"Une campagne d'e-mailing a coûté **{format_euros(cout)}** (routage, création, "
            f"fichier). Sur {_n(c['envoyes'])} messages envoyés, {_n(c['clics'])} clics ont "
            f"donné **{_n(c['leads'])} leads** (demandes de devis) et **{_n(c['conversions'])} "
            "nouveaux clients**.\n\nCalculez le coût par lead et le coût d'acquisition d'un "
            "client (au centime)."
        ),
        controle=ControleTableau(
            cellules,
            donnees={
                "cout": cout,
                "leads": Decimal(c["leads"]),
                "conversions": Decimal(c["conversions"]),
            },
        ),
        indices=(
            "Coût par lead = coût de la campagne / nombre de leads.",
            "Coût d'acquisition = coût de la campagne / nombre de nouveaux clients.",
        ),
        solution=(
            f"- Coût par lead = {format_euros(cout)} / {_n(c['leads'])} = "
            f"**{format_euros(k.cout_par_lead)}**\n"
            f"- Coût d'acquisition = {format_euros(cout)} / {_n(c['conversions'])} = "
            f"**{format_euros(k.cout_acquisition)}**"
        ),
        parametres=dict(c),
    )


@exercice("roi-campagne-1", "Retour sur investissement d'une campagne", savoirs=["S532", "S521"])
def roi_campagne_1(alea: random.Random) -> Variante:
    cout = tirer_decimal(alea, 800, 5000, 100)
    ca = tirer_decimal(alea, 6000, 30000, 250)
    taux_marge = Decimal(alea.choice((25, 30, 35, 40)))
    marge = arrondi_centime(ca * taux_marge / CENT)
    if marge == cout:
        marge += 50
    k = indicateurs_campagne(1, 1, 0, 0, 0, 0, cout, ca, marge)
    sur_ca = arrondi((ca - cout) * CENT / cout, 2)
    return Variante(
        enonce=(
            f"Une opération SMS auprès des clients a coûté **{format_euros(cout)}**. Elle a "
            f"généré **{format_euros(ca)} HT** de chiffre d'affaires, sur lequel l'entreprise "
            f"dégage un taux de marque de **{format_pourcent(taux_marge)}**.\n\n"
            "Calculez le retour sur investissement (ROI) de l'opération, en %, au centième."
        ),
        controle=ControleNombre(
            k.roi,
            libelle="ROI",
            unite="%",
            pieges=(
                Piege(
                    "roi_sur_ca",
                    sur_ca,
                    "Vous avez calculé le ROI sur le chiffre d'affaires : ce que l'opération "
                    "rapporte vraiment, c'est la MARGE (CA × taux de marque), pas le CA.",
                ),
                Piege(
                    "roi_sans_deduire_le_cout",
                    arrondi(marge * CENT / cout, 2),
                    "Vous avez divisé la marge par le coût sans retirer le coût : ROI = "
                    "(marge − coût) / coût.",
                ),
            ),
        ),
        indices=(
            "Marge générée = CA HT × taux de marque.",
            "ROI = (marge générée − coût de l'action) / coût de l'action.",
        ),
        solution=(
            f"Marge = {format_euros(ca)} × {format_pourcent(taux_marge)} = "
            f"{format_euros(marge)}.\n\nROI = ({format_euros(marge)} - {format_euros(cout)}) / "
            f"{format_euros(cout)} = **{format_pourcent(k.roi)}**."
        ),
        parametres={"cout": cout, "ca": ca, "taux_marge": taux_marge},
    )


@exercice("pipeline-pondere-1", "Pipeline pondéré et prévision de CA", savoirs=["S522", "S823"])
def pipeline_pondere_1(alea: random.Random) -> Variante:
    etapes = [e for e, _ in ETAPES_PIPELINE]
    while True:
        ops = []
        for i in range(1, 7):
            e = alea.choice(etapes)
            ops.append(
                Opportunite(
                    i,
                    f"Affaire {i}",
                    e,
                    tirer_decimal(alea, 800, 15000, 50),
                    Decimal(PROBABILITE_ETAPE[e]),
                    date(2026, 1, 15),
                )
            )
        p = pipeline(ops)
        if p.pipeline_pondere > 0:
            break
    pieges = [
        Piege(
            "pipeline_non_pondere",
            p.montant_ouvert,
            "C'est la somme des montants en cours, sans les pondérer par la probabilité de "
            "chaque étape.",
        ),
        Piege(
            "gagnees_comptees",
            p.pipeline_pondere + p.gagne,
            "Vous avez ajouté les affaires gagnées : elles sont déjà signées, elles ne font "
            "plus partie du pipeline en cours.",
        ),
    ]
    lignes = "\n".join(f"| {o.intitule} | {o.etape} | {format_euros(o.montant)} |" for o in ops)
    bareme = " ; ".join(f"{e} {p_} %" for e, p_ in ETAPES_PIPELINE)
    return Variante(
        enonce=(
            "Voici les opportunités d'un commercial (montants HT) :\n\n"
            "| Opportunité | Étape | Montant |\n| --- | --- | --- |\n"
            f"{lignes}\n\nProbabilités de l'entreprise : {bareme}.\n\n"
            "Calculez le **pipeline pondéré** des opportunités EN COURS (ni gagnées, ni "
            "perdues), chaque montant pondéré étant arrondi au centime."
        ),
        controle=ControleNombre(
            p.pipeline_pondere,
            libelle="Pipeline pondéré",
            pieges=tuple(x for x in pieges if x.valeur != p.pipeline_pondere),
        ),
        indices=(
            "Montant pondéré = montant × probabilité de l'étape.",
            "On ne garde que les étapes en cours : qualification, découverte, proposition, "
            "négociation.",
        ),
        solution="\n".join(
            [
                *(
                    f"- {o.intitule} : {format_euros(o.montant)} × "
                    f"{format_pourcent(o.probabilite)} = {format_euros(o.montant_pondere)}"
                    for o in ops
                    if o.ouverte
                ),
                "",
                f"Pipeline pondéré = **{format_euros(p.pipeline_pondere)}**.",
            ]
        ),
        parametres={"opportunites": [(o.etape, o.montant) for o in ops]},
    )


_PRENOMS = ("Léa", "Hugo", "Chloé", "Nathan", "Inès", "Louis", "Jade", "Paul", "Manon", "Théo")


def _fichier(alea: random.Random, jour: date) -> list[Contact]:
    """Ten B2C contacts, each with a random flaw or none."""
    contacts = []
    for i, prenom in enumerate(_PRENOMS, start=1):
        defaut = alea.choice(
            (
                "aucun",
                "aucun",
                "precoche",
                "non",
                "inconnu",
                "opposition",
                "bloctel",
                "ancien",
                "tel_non",
            )
        )
        dernier = jour - timedelta(days=alea.randrange(30, 700))
        if defaut == "ancien":
            dernier = jour - timedelta(days=alea.randrange(1_110, 1_500))
        consentement = {"precoche": "case pré-cochée", "non": "non", "inconnu": None}.get(
            defaut, "oui"
        )
        contacts.append(
            Contact(
                i,
                prenom,
                "B2C",
                f"{prenom.lower()}@exemple.fr",
                f"06 12 34 56 {i:02d}",  # ten persons, ten numbers (same number = same person)
                f"{i} rue du Port",
                consentement,
                "non" if defaut == "tel_non" else consentement,
                defaut == "opposition",
                defaut == "bloctel" or alea.random() < 0.2,
                dernier,
            )
        )
    return contacts


def _oui_non(b: bool) -> str:
    return "oui" if b else "non"


@exercice(
    "cible-conforme-1",
    "Cible d'une campagne conforme au RGPD",
    savoirs=["S821", "S823"],
)
def cible_conforme_1(alea: random.Random) -> Variante:
    jour = date(2026, 12, 1) + timedelta(days=alea.randrange(0, 60))
    canal = alea.choice(("email", "telephone"))
    contacts = _fichier(alea, jour)
    juste = appliquer_regles(contacts, canal, jour)
    # traps: the same file judged with a wrong convention
    precoche_ok = [
        replace(c, consentement_email_sms="oui")
        if c.consentement_email_sms == "case pré-cochée"
        else c
        for c in contacts
    ]
    pieges = []
    if canal == "email":
        faux = len(appliquer_regles(precoche_ok, canal, jour).retenus)
        pieges.append(
            Piege(
                "case_precochee_acceptee",
                Decimal(faux),
                "Une case pré-cochée n'est pas un consentement (RGPD art. 4 et 7) : ces "
                "contacts sont exclus.",
            )
        )
    else:
        avant = len(appliquer_regles(contacts, canal, date(2026, 8, 10)).retenus)
        pieges.append(
            Piege(
                "bloctel_seulement",
                Decimal(avant),
                "Vous avez appliqué l'ancienne règle (exclure les numéros Bloctel). Depuis le "
                "11 août 2026, un consommateur ne peut être appelé que s'il a consenti au "
                "préalable (C. consom. art. L223-1, loi du 30 juin 2025).",
            )
        )
    sans_conservation = len(
        appliquer_regles(
            [replace(c, date_dernier_contact=jour) for c in contacts],
            canal,
            jour,
        ).retenus
    )
    pieges.append(
        Piege(
            "conservation_oubliee",
            Decimal(sans_conservation),
            "Un prospect dont le dernier contact date de plus de 3 ans ne doit plus être "
            "sollicité : ses données sont à supprimer ou archiver.",
        )
    )
    pieges = [p for p in pieges if p.valeur != len(juste.retenus)]
    colonne = "consentement_email_sms" if canal == "email" else "consentement_telephone"
    lignes = "\n".join(
        f"| {c.nom} | {getattr(c, colonne) or 'inconnu'} | {_oui_non(c.opposition)} | "
        f"{_oui_non(c.bloctel)} | {c.date_dernier_contact.strftime('%d/%m/%Y')} |"
        for c in contacts
    )
    exclus = "\n".join(
        f"- {e.contact.nom} : " + " ; ".join(f"{r.intitule} — {r.article}" for r in e.regles)
        for e in juste.exclus
    )
    return Variante(
        enonce=(
            f"Le {jour.strftime('%d/%m/%Y')}, une boutique veut prospecter des particuliers "
            f"(B2C) **{MOYENS[canal]}** ({CANAUX[canal]}). Extrait du fichier :\n\n"
            "| Prospect | Consentement au canal | Opposition | Bloctel | Dernier contact |\n"
            "| --- | --- | --- | --- | --- |\n"
            f"{lignes}\n\nCombien de prospects peuvent être sollicités légalement ?"
        ),
        controle=ControleNombre(
            Decimal(len(juste.retenus)),
            libelle="Nombre de prospects",
            unite="",
            tolerance=Decimal(0),
            pieges=tuple(pieges),
        ),
        indices=(
            "L'opposition est absolue, quel que soit le canal (RGPD art. 21).",
            "Données conservées 3 ans après le dernier contact, pas plus.",
            "E-mail ou SMS à un particulier : consentement préalable ; une case pré-cochée ne "
            "compte pas. Téléphone depuis le 11 août 2026 : consentement préalable aussi.",
        ),
        solution=(f"Prospects exclus :\n\n{exclus}\n\n" if exclus else "Aucun prospect exclu.\n\n")
        + f"Peuvent être sollicités : **{accorder(len(juste.retenus), 'prospect')}**.",
        parametres={"canal": canal, "date": jour.isoformat()},
    )


_CLIENTS = ("Alice", "Bruno", "Camille", "David", "Emma", "Farid", "Gaëlle", "Hélène")
_PROFILS = (
    "consentement",
    "client_informe",
    "client_informe",
    "client_non_informe",
    "prospect",
    "client_oppose",
    "client_refus",
)
_ACHATS = (
    ("des serviettes de plage", "ses nouveaux peignoirs de bain", True),
    ("du linge de maison", "sa nouvelle collection de draps brodés", True),
    ("des mugs souvenirs", "ses nouvelles tasses décorées", True),
    ("des serviettes de plage", "un abonnement à un magazine de voyage d'un partenaire", False),
)


def _fichier_clients(alea: random.Random, jour: date) -> list[Contact]:
    """Eight B2C contacts of a shop, customers or not, informed at collection or not."""
    contacts = []
    for i, prenom in enumerate(_CLIENTS, start=1):
        profil = alea.choice(_PROFILS)
        contacts.append(
            Contact(
                i,
                prenom,
                "B2C",
                f"{prenom.lower()}@exemple.fr",
                f"06 22 33 44 {i:02d}",
                f"{i} quai du Port",
                "oui" if profil == "consentement" else "non" if profil == "client_refus" else None,
                None,
                profil == "client_oppose",
                False,
                jour - timedelta(days=alea.randrange(30, 700)),
                client=profil.startswith("client"),
                informe_collecte=profil in ("client_informe", "client_oppose", "client_refus"),
            )
        )
    return contacts


@exercice(
    "client-produits-analogues-1",
    "E-mailing à ses clients : l'exception des produits analogues (soft opt-in)",
    savoirs=["S821", "S823"],
)
def client_produits_analogues_1(alea: random.Random) -> Variante:
    jour = date(2026, 12, 1) + timedelta(days=alea.randrange(0, 60))
    achat, offre, analogue = alea.choice(_ACHATS)
    contacts = _fichier_clients(alea, jour)
    juste = appliquer_regles(contacts, "email", jour, offre_analogue=analogue)
    pieges = []
    if analogue:
        pieges.append(
            Piege(
                "exception_oubliee",
                Decimal(len(appliquer_regles(contacts, "email", jour).retenus)),
                "Vous n'avez compté que les personnes qui ont consenti. Un client qui a acheté "
                "peut recevoir, sans consentement, des offres de produits analogues de la même "
                "boutique s'il a été informé à la collecte et ne s'y est pas opposé (CPCE, art. "
                "L34-5, al. 4).",
            )
        )
        tous_informes = [replace(c, informe_collecte=True) if c.client else c for c in contacts]
        pieges.append(
            Piege(
                "client_non_informe_retenu",
                Decimal(
                    len(appliquer_regles(tous_informes, "email", jour, offre_analogue=True).retenus)
                ),
                "Un client qui n'a pas été informé, lors de la collecte de son adresse, qu'il "
                "pouvait refuser la prospection ne bénéficie pas de l'exception : il faut son "
                "consentement.",
            )
        )
    else:
        pieges.append(
            Piege(
                "offre_non_analogue",
                Decimal(
                    len(appliquer_regles(contacts, "email", jour, offre_analogue=True).retenus)
                ),
                "L'exception ne vaut que pour des produits ou services ANALOGUES à ceux achetés, "
                "vendus par la même entreprise : l'offre d'un partenaire, sans rapport avec "
                "l'achat, exige le consentement préalable.",
            )
        )
    pieges = [p for p in pieges if p.valeur != len(juste.retenus)]
    lignes = "\n".join(
        f"| {c.nom} | {_oui_non(c.client)} | {_oui_non(c.informe_collecte) if c.client else '—'} | "
        f"{c.consentement_email_sms or 'inconnu'} | {_oui_non(c.opposition)} |"
        for c in contacts
    )
    retenus = ", ".join(c.nom for c in juste.retenus) or "personne"
    return Variante(
        enonce=(
            f"Le {jour.strftime('%d/%m/%Y')}, une boutique qui a vendu {achat} veut présenter "
            f"par e-mail **{offre}** à des particuliers. Extrait de son fichier :\n\n"
            "| Personne | Déjà client | Droit de refuser indiqué à la collecte | "
            "Consentement à l'e-mail | Opposition |\n| --- | --- | --- | --- | --- |\n"
            f"{lignes}\n\nCombien de personnes peuvent recevoir cet e-mail légalement ?"
        ),
        controle=ControleNombre(
            Decimal(len(juste.retenus)),
            libelle="Nombre de personnes",
            unite="",
            tolerance=Decimal(0),
            pieges=tuple(pieges),
        ),
        indices=(
            "Un particulier ne reçoit de prospection par e-mail que s'il y a consenti "
            "(opt-in)… sauf exception.",
            "Exception (CPCE, art. L34-5, al. 4) : un CLIENT, informé à la collecte de son "
            "adresse qu'il pouvait refuser, qui ne s'y est pas opposé, pour des produits "
            "ANALOGUES à ceux achetés, vendus par la même entreprise.",
            "Une opposition ou un refus exclut toujours.",
        ),
        solution=(
            (
                "L'offre porte sur des produits analogues : l'exception s'applique aux clients "
                "informés qui ne se sont pas opposés.\n\n"
            )
            if analogue
            else (
                "L'offre est sans rapport avec l'achat : l'exception ne s'applique pas, seul le "
                "consentement compte.\n\n"
            )
        )
        + f"Peuvent la recevoir : {retenus}, soit **{accorder(len(juste.retenus), 'personne')}**.",
        parametres={"analogue": analogue, "date": jour.isoformat()},
    )
