"""Campagnes de prospection : les règles RGPD et droit de la consommation, dans UNE table.

Pure: contact records in, a French compliance report out (no database, no file).

:data:`REGLES` is the one table of the rules (code, channels, publics, French explanation,
article, dates in force, and the test). :func:`appliquer_regles` applies it to the contacts of
a campaign; :func:`controler_message` checks the mandatory mentions of the message itself.

The law as it stands on 1 December 2026:

- e-mail / SMS to a consumer (B2C): prior consent, opt-in (CPCE art. L34-5); a pre-ticked box
  is not a consent (RGPD art. 4, 11) and art. 7; CJUE, 1 October 2019, Planet49, C-673/17);
- soft opt-in (CPCE art. L34-5, al. 4): an existing B2C customer whose address was collected
  at a sale may receive e-mails or SMS about products or services analogous to those bought, from
  the same firm, without prior consent, if he was told at collection that he could object
  (free, simply) and did not (rule ``CLIENT_PRODUITS_ANALOGUES``, applied when the campaign
  offers analogous products: ``appliquer_regles(…, offre_analogue=True)``);
- e-mail / SMS to a professional (B2B) at his work address: allowed without consent if the
  message relates to his profession, he was informed and can object (CNIL, 17 February 2005);
- telephone canvassing of a consumer: until 10 August 2026, forbidden towards a number listed
  on Bloctel (C. consom. art. L223-1, former wording); since 11 August 2026, forbidden without
  the consumer's prior consent, opt-in (C. consom. art. L223-1 as amended by the loi
  n° 2025-594 du 30 juin 2025 contre toutes les fraudes aux aides publiques). Bloctel does not
  protect professionals;
- every channel: an objection is absolute (RGPD art. 21, § 2 and 3) and must be offered
  (§ 4); prospect data are kept 3 years after the last contact coming from the prospect
  (RGPD art. 5, § 1, e); CNIL's benchmark for commercial management);
- every e-mail / SMS: a free way to unsubscribe and the advertiser's identity (CPCE L34-5);
- an objection follows the person, not the record (RGPD art. 21, § 3; CNIL): before targeting,
  :func:`regrouper_personnes` matches the records of one person (normalised e-mail, French
  phone number, name + address); an objection, a Bloctel listing or a refused consent on any of
  them applies to all, and the person is reached once (:data:`REGLE_DOUBLON`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from widgets.calculs.saisie import SaisieInvalide

CANAUX = {
    "email": "e-mailing",
    "sms": "SMS",
    "telephone": "phoning",
    "courrier": "courrier",
}
"""Channel code → the word of the trade."""

PUBLICS = ("B2B", "B2C")
TOUS_CANAUX = tuple(CANAUX)
ELECTRONIQUES = ("email", "sms")
FIN_BLOCTEL = date(2026, 8, 10)
"""Last day of the opt-out (Bloctel) regime for telephone canvassing of consumers."""
DEBUT_OPTIN_TELEPHONE = date(2026, 8, 11)
"""Loi n° 2025-594 du 30 juin 2025: prior consent for telephone canvassing from this day."""
DUREE_CONSERVATION_ANS = 3
CONSENTEMENT_VALABLE = "oui"
CASE_PRECOCHEE = "case pré-cochée"


@dataclass(frozen=True)
class Contact:
    """One person to reach (a row of the prospects file), as the rules see it.

    ``consentement_email_sms`` and ``consentement_telephone``: ``"oui"`` (box ticked by the
    person), ``"non"``, ``"case pré-cochée"`` or ``None`` (unknown). ``personne`` is the
    person's first and last name without the company (``nom`` when empty), used with
    ``adresse`` to recognise the same person entered twice.
    """

    ident: int
    nom: str = ""
    public: str = "B2B"
    email: str | None = None
    telephone: str | None = None
    adresse: str | None = None
    consentement_email_sms: str | None = None
    consentement_telephone: str | None = None
    opposition: bool = False
    bloctel: bool = False
    date_dernier_contact: date | None = None
    personne: str = ""
    client: bool = False
    """An existing customer whose e-mail / phone was collected at a sale (soft opt-in)."""
    informe_collecte: bool = False
    """Told at collection that he could object, freely and simply (soft opt-in)."""
    offre_analogue: bool = False
    """Set by :func:`appliquer_regles` for the campaign: it offers products analogous to
    those this customer bought, from the same firm."""


def soft_optin(c: Contact) -> bool:
    """CPCE art. L34-5, al. 4: an existing customer, informed at collection, who did not
    refuse nor object, receiving an offer analogous to his purchase (consent not needed)."""
    return (
        c.client
        and c.informe_collecte
        and c.offre_analogue
        and not c.opposition
        and c.consentement_email_sms != "non"
    )


def _sans_espaces(texte: str | None) -> str:
    return "".join((texte or "").split()).replace(".", "").replace("-", "")


def est_mobile(telephone: str | None) -> bool:
    """A French mobile number (06 or 07, ten digits): the only ones that receive an SMS."""
    t = _sans_espaces(telephone)
    if t.startswith("+33"):
        t = "0" + t[3:]
    return len(t) == 10 and t.isdigit() and t[:2] in ("06", "07")


def limite_conservation(date_campagne: date) -> date:
    """Oldest last contact still allowed: the same day 3 years earlier (29 Feb → 28 Feb)."""
    annee = date_campagne.year - DUREE_CONSERVATION_ANS
    try:
        return date_campagne.replace(year=annee)
    except ValueError:
        return date(annee, 2, 28)


def _coordonnee_absente(c: Contact, canal: str, _jour: date) -> bool:
    if canal == "email":
        return not (c.email or "").strip()
    if canal == "sms":
        return not est_mobile(c.telephone)
    if canal == "telephone":
        return not (c.telephone or "").strip()
    return not (c.adresse or "").strip()


def _conservation(c: Contact, _canal: str, jour: date) -> bool:
    return c.date_dernier_contact is None or c.date_dernier_contact < limite_conservation(jour)


@dataclass(frozen=True)
class Regle:
    """One row of the rules table.

    ``portee`` is ``"contact"`` (the test excludes a contact) or ``"message"`` (a mandatory
    element of the campaign message, checked by :func:`controler_message`).
    """

    code: str
    canaux: tuple[str, ...]
    publics: tuple[str, ...]
    intitule: str
    explication: str
    article: str
    portee: str = "contact"
    du: date | None = None
    au: date | None = None
    exclut: Callable[[Contact, str, date], bool] | None = field(default=None, repr=False)

    def en_vigueur(self, jour: date) -> bool:
        return (self.du is None or jour >= self.du) and (self.au is None or jour <= self.au)

    def concerne(self, canal: str, public: str, jour: date) -> bool:
        return canal in self.canaux and public in self.publics and self.en_vigueur(jour)


REGLES: tuple[Regle, ...] = (
    Regle(
        "COORDONNEE",
        TOUS_CANAUX,
        PUBLICS,
        "Coordonnée absente pour ce canal",
        "Le contact n'a pas de coordonnée utilisable pour ce canal (adresse électronique, "
        "téléphone portable pour un SMS, téléphone, adresse postale) : il ne peut pas être "
        "joint. Ce n'est pas une règle de droit mais de qualité du fichier.",
        "Qualité des données (pas d'article)",
        exclut=_coordonnee_absente,
    ),
    Regle(
        "OPPOSITION",
        TOUS_CANAUX,
        PUBLICS,
        "Opposition à la prospection",
        "La personne s'est opposée à la prospection (désinscription, demande orale ou écrite). "
        "Ce droit est absolu en prospection : on ne la sollicite plus, par aucun canal, et on "
        "garde la trace de son opposition.",
        "RGPD, art. 21, § 2 et 3",
        exclut=lambda c, _canal, _jour: c.opposition,
    ),
    Regle(
        "CONSERVATION",
        TOUS_CANAUX,
        PUBLICS,
        "Durée de conservation dépassée",
        "Le dernier contact venant du prospect date de plus de 3 ans (ou il est inconnu) : ses "
        "données doivent être supprimées ou archivées, on ne peut plus le prospecter sans "
        "nouveau contact de sa part.",
        "RGPD, art. 5, § 1, e) ; référentiel CNIL « gestion des activités commerciales » "
        "(3 ans à compter du dernier contact)",
        exclut=_conservation,
    ),
    Regle(
        "OPTIN_EMAIL_SMS",
        ELECTRONIQUES,
        ("B2C",),
        "Pas de consentement préalable (opt-in)",
        "Un particulier ne peut recevoir de prospection par courrier électronique ou par SMS "
        "que s'il y a consenti au préalable (opt-in). Un consentement inconnu ou refusé "
        "exclut le contact.",
        "CPCE, art. L34-5 ; RGPD, art. 6, § 1, a) et art. 7",
        exclut=lambda c, _canal, _jour: (
            c.consentement_email_sms
            not in (
                CONSENTEMENT_VALABLE,
                CASE_PRECOCHEE,
            )
            and not soft_optin(c)
        ),
    ),
    Regle(
        "CASE_PRECOCHEE",
        ELECTRONIQUES,
        ("B2C",),
        "Consentement par case pré-cochée",
        "Une case pré-cochée n'est pas un consentement : il faut un acte positif clair de la "
        "personne (cocher elle-même la case). Le contact est traité comme sans consentement.",
        "RGPD, art. 4, 11) et art. 7 ; CJUE, 1er octobre 2019, Planet49, C-673/17",
        exclut=lambda c, _canal, _jour: (
            c.consentement_email_sms == CASE_PRECOCHEE and not soft_optin(c)
        ),
    ),
    Regle(
        "CLIENT_PRODUITS_ANALOGUES",
        ELECTRONIQUES,
        ("B2C",),
        "Client existant, produits analogues (« soft opt-in »)",
        "Exception à l'opt-in : un client dont l'adresse électronique a été recueillie lors "
        "d'une vente peut recevoir sans consentement préalable des courriers électroniques "
        "(e-mails, SMS) pour des produits ou services analogues fournis par la même "
        "entreprise, à trois conditions : (1) il a été informé, lors de la collecte, qu'il "
        "pouvait s'y opposer gratuitement et simplement ; (2) il ne s'y est pas opposé (ni "
        "refus, ni désinscription) ; (3) chaque message lui rappelle ce droit (lien de "
        "désinscription). Un simple prospect, ou une offre sans rapport avec ses achats, "
        "reste soumis à l'opt-in.",
        "CPCE, art. L34-5, al. 4 ; CNIL, « La prospection commerciale par courrier électronique »",
        portee="exception",
    ),
    Regle(
        "BLOCTEL",
        ("telephone",),
        ("B2C",),
        "Numéro inscrit sur Bloctel",
        "Jusqu'au 10 août 2026, il est interdit de démarcher par téléphone un consommateur "
        "inscrit sur la liste d'opposition Bloctel (sauf contrat en cours).",
        "Code de la consommation, art. L223-1 (rédaction antérieure au 11 août 2026)",
        au=FIN_BLOCTEL,
        exclut=lambda c, _canal, _jour: c.bloctel,
    ),
    Regle(
        "OPTIN_TELEPHONE",
        ("telephone",),
        ("B2C",),
        "Pas de consentement au démarchage téléphonique",
        "Depuis le 11 août 2026, un consommateur ne peut être démarché par téléphone que s'il "
        "y a consenti au préalable (opt-in), sauf contrat en cours ; une case pré-cochée ou un "
        "consentement inconnu ne suffit pas. Bloctel ne suffit plus : l'absence d'inscription "
        "ne vaut pas accord.",
        "Code de la consommation, art. L223-1, modifié par la loi n° 2025-594 du 30 juin 2025 "
        "(en vigueur le 11 août 2026)",
        du=DEBUT_OPTIN_TELEPHONE,
        exclut=lambda c, _canal, _jour: c.consentement_telephone != CONSENTEMENT_VALABLE,
    ),
    Regle(
        "DESINSCRIPTION",
        ELECTRONIQUES,
        PUBLICS,
        "Lien de désinscription",
        "Chaque message électronique doit indiquer un moyen simple et gratuit de ne plus en "
        "recevoir (lien de désinscription, « STOP SMS »).",
        "CPCE, art. L34-5",
        portee="message",
    ),
    Regle(
        "IDENTITE",
        ELECTRONIQUES,
        PUBLICS,
        "Identité de l'annonceur",
        "Le message ne doit pas cacher l'identité de l'entreprise pour le compte de laquelle "
        "il est envoyé, et son objet doit correspondre à l'offre.",
        "CPCE, art. L34-5",
        portee="message",
    ),
    Regle(
        "OBJET_PROFESSIONNEL",
        ELECTRONIQUES,
        ("B2B",),
        "Offre en rapport avec la profession",
        "Sans consentement, un professionnel ne peut être prospecté à son adresse "
        "professionnelle que pour une offre en rapport avec son activité, après avoir été "
        "informé et mis en mesure de s'opposer.",
        "CPCE, art. L34-5 ; CNIL, délibération du 17 février 2005 (prospection B2B)",
        portee="message",
    ),
    Regle(
        "DROIT_OPPOSITION",
        TOUS_CANAUX,
        PUBLICS,
        "Information sur le droit d'opposition",
        "Au plus tard lors de la première communication, la personne est informée clairement "
        "de son droit de s'opposer à la prospection.",
        "RGPD, art. 21, § 4",
        portee="message",
    ),
)
"""The rules table: the ONE place that names, explains and cites each rule."""

REGLES_PAR_CODE: dict[str, Regle] = {r.code: r for r in REGLES}


def _canal(canal: str) -> str:
    cle = (canal or "").strip().lower()
    for code, mot in CANAUX.items():
        if cle in (code, mot.lower()):
            return code
    raise SaisieInvalide(
        f"canal « {canal} » inconnu : choisissez e-mailing, SMS, phoning ou courrier.",
        champ="Canal",
    )


@dataclass(frozen=True)
class Exclusion:
    """A contact left out of the target list, with every rule that excludes it."""

    contact: Contact
    regles: tuple[Regle, ...]


@dataclass(frozen=True)
class ResultatCiblage:
    """The target list of a campaign and the contacts excluded, rule by rule."""

    canal: str
    date_campagne: date
    retenus: tuple[Contact, ...]
    exclus: tuple[Exclusion, ...]
    regles_appliquees: tuple[Regle, ...]
    fusions: tuple[Fusion, ...] = ()
    clients_sans_consentement: tuple[int, ...] = ()
    """Kept without prior consent under the soft opt-in exception (CPCE L34-5, al. 4)."""

    @property
    def total(self) -> int:
        return len(self.retenus) + len(self.exclus)

    def exclus_par_regle(self) -> dict[str, list[int]]:
        """Rule code → identifiers of the contacts it excludes (every rule applied, in order)."""
        resultat: dict[str, list[int]] = {r.code: [] for r in self.regles_appliquees}
        for e in self.exclus:
            for r in e.regles:
                resultat[r.code].append(e.contact.ident)
        return resultat


# ----------------------------------------------------------------- one person, several records


def email_normalise(email: str | None) -> str:
    """``" Lea.Durand@Exemple.FR "`` → ``"lea.durand@exemple.fr"``; ``""`` when unusable."""
    texte = "".join((email or "").split()).casefold()
    return texte if texte.count("@") == 1 and not texte.startswith("@") else ""


_NON_CHIFFRES = re.compile(r"\D")
_NON_ALPHANUM = re.compile(r"[^0-9a-z]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def telephone_normalise(telephone: str | None) -> str:
    """A French number in its ten-digit national form (``+33 6 12 34 56 78``, ``0033 6…``,
    ``+33 (0)6…``, ``06.12.34.56.78`` → ``"0612345678"``); ``""`` when it is not one."""
    texte = (telephone or "").replace("(0)", "")
    chiffres = _NON_CHIFFRES.sub("", texte)
    if texte.strip().startswith("+33") or chiffres.startswith("0033"):
        chiffres = "0" + chiffres[4 if chiffres.startswith("0033") else 2 :]
    if len(chiffres) == 10 and chiffres.startswith("0") and chiffres[1] != "0":
        return chiffres
    return ""


def _texte_normalise(texte: str | None) -> str:
    """Lower case, no accents, no punctuation, single spaces (``"3, Rue Haute"`` →
    ``"3 rue haute"``); accents are dropped through NFKD + ASCII (fast on 100 000 rows)."""
    brut = (texte or "").casefold()
    if not brut.isascii():
        brut = unicodedata.normalize("NFKD", brut.translate(_LIGATURES))
        brut = brut.encode("ascii", "ignore").decode("ascii")
    return " ".join(_NON_ALPHANUM.sub(" ", brut).split())


def _cles_personne(c: Contact) -> list[tuple[str, str]]:
    cles = []
    if email := email_normalise(c.email):
        cles.append(("email", email))
    if telephone := telephone_normalise(c.telephone):
        cles.append(("telephone", telephone))
    nom, adresse = _texte_normalise(c.personne or c.nom), _texte_normalise(c.adresse)
    if nom and adresse:
        cles.append(("nom_adresse", f"{nom}|{adresse}"))
    return cles


MOTIFS_RAPPROCHEMENT = {
    "email": "même adresse électronique",
    "telephone": "même téléphone",
    "nom_adresse": "même nom et même adresse",
}
"""Key of a match → the French words of the compliance report."""


@dataclass(frozen=True)
class Fusion:
    """The records of one person, merged before targeting.

    ``motifs``: what they share (keys of :data:`MOTIFS_RAPPROCHEMENT`); ``reportes``: the
    refusals found on one record and applied to all (French words, empty when none).
    """

    idents: tuple[int, ...]
    motifs: tuple[str, ...]
    reportes: tuple[str, ...]

    def texte(self) -> str:
        """« n° 24 et n° 142 (même téléphone) ; vaut pour toutes ses fiches : opposition »."""
        numeros = [f"n° {i}" for i in self.idents]
        liste = ", ".join(numeros[:-1]) + " et " + numeros[-1]
        motifs = ", ".join(MOTIFS_RAPPROCHEMENT[m] for m in self.motifs)
        fin = (
            " ; vaut pour toutes ses fiches : " + ", ".join(self.reportes) if self.reportes else ""
        )
        return f"{liste} ({motifs}){fin}"


def regrouper_personnes(contacts: Iterable[Contact]) -> list[tuple[Contact, ...]]:
    """The contacts grouped by person (records sharing a normalised e-mail, a phone number or
    a name + address, transitively), each group in the order of ``contacts``; groups in the
    order of their first record. Empty values never match."""
    return [tuple(c for c, _ in g) for g in _grouper(list(contacts))]


def _grouper(
    contacts: list[Contact],
) -> list[list[tuple[Contact, list[tuple[str, str]]]]]:
    """:func:`regrouper_personnes` with each record's keys (computed once)."""
    parent = list(range(len(contacts)))

    def racine(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vu: dict[tuple[str, str], int] = {}
    toutes = []
    for i, c in enumerate(contacts):
        cles = _cles_personne(c)
        toutes.append(cles)
        for cle in cles:
            if cle in vu:
                a, b = racine(vu[cle]), racine(i)
                parent[max(a, b)] = min(a, b)
            else:
                vu[cle] = i
    groupes: dict[int, list[tuple[Contact, list[tuple[str, str]]]]] = {}
    for i, c in enumerate(contacts):
        groupes.setdefault(racine(i), []).append((c, toutes[i]))
    return list(groupes.values())


def _refus_du_groupe(groupe: Sequence[Contact]) -> dict[str, object]:
    """The refusals recorded on any record of the person, as Contact field values."""
    refus: dict[str, object] = {}
    if any(c.opposition for c in groupe):
        refus["opposition"] = True
    if any(c.bloctel for c in groupe):
        refus["bloctel"] = True
    for champ in ("consentement_email_sms", "consentement_telephone"):
        if any(getattr(c, champ) == "non" for c in groupe):
            refus[champ] = "non"
    return refus


_MOTS_REFUS = {
    "opposition": "opposition",
    "bloctel": "inscription sur Bloctel",
    "consentement_email_sms": "refus de l'e-mail et du SMS",
    "consentement_telephone": "refus du téléphone",
}


def _fusion(
    groupe: Sequence[tuple[Contact, list[tuple[str, str]]]], refus: dict[str, object]
) -> Fusion:
    vus: dict[tuple[str, str], int] = {}
    for _, cles in groupe:
        for cle in cles:
            vus[cle] = vus.get(cle, 0) + 1
    partages = {m for (m, _), n in vus.items() if n > 1}
    motifs = tuple(m for m in MOTIFS_RAPPROCHEMENT if m in partages)
    reportes = tuple(
        _MOTS_REFUS[champ]
        for champ, valeur in refus.items()
        if any(getattr(c, champ) != valeur for c, _ in groupe)
    )
    return Fusion(tuple(c.ident for c, _ in groupe), motifs, reportes)


REGLE_DOUBLON = Regle(
    "DOUBLON",
    TOUS_CANAUX,
    PUBLICS,
    "Doublon d'une personne déjà retenue",
    "La même personne figure plusieurs fois dans le fichier (même adresse électronique, même "
    "téléphone, ou même nom et même adresse) : on ne la sollicite qu'une fois, et son "
    "opposition, son inscription sur Bloctel ou son refus enregistrés sur une fiche valent "
    "pour toutes ses fiches.",
    "RGPD, art. 21, § 3 ; art. 5, § 1, d) (exactitude des données)",
    portee="personne",
)
"""Not in :data:`REGLES` (it needs the whole file, not one record): applied last by
:func:`appliquer_regles` to every contact kept whose person already has a record kept."""


def regles_applicables(canal: str, public: str, date_campagne: date) -> tuple[Regle, ...]:
    """The contact rules that apply to ``public`` on ``canal`` at ``date_campagne``."""
    canal = _canal(canal)
    return tuple(
        r for r in REGLES if r.portee == "contact" and r.concerne(canal, public, date_campagne)
    )


def appliquer_regles(
    contacts: Iterable[Contact],
    canal: str,
    date_campagne: date,
    fichier: Iterable[Contact] | None = None,
    *,
    offre_analogue: bool = False,
) -> ResultatCiblage:
    """Split ``contacts`` into the target list and the excluded, naming every rule broken.

    ``offre_analogue``: the e-mail offers products analogous to those the customers bought,
    from the same firm: existing customers informed at collection who did not object may
    then be reached without prior consent (rule ``CLIENT_PRODUITS_ANALOGUES``, CPCE L34-5,
    al. 4); they are listed in ``clients_sans_consentement``.

    First the records of one person are matched (:func:`regrouper_personnes`) over
    ``fichier`` (the whole prospects file, default: ``contacts``): an objection, a Bloctel
    listing or a refused consent on any record of the person applies to all of them; then each
    contact is checked against the rules table; last, a person is kept once (its first record
    kept; the others are excluded by :data:`REGLE_DOUBLON`). The merged groups are in
    ``fusions``. A contact whose ``public`` is neither B2B nor B2C is treated as a consumer
    (B2C), the protective side.
    """
    canal = _canal(canal)
    if not isinstance(date_campagne, date):
        raise SaisieInvalide("indiquez la date de la campagne.", champ="Date de la campagne")
    contacts = list(contacts)
    demandes = {id(c) for c in contacts}
    tous = contacts + [c for c in (fichier or ()) if id(c) not in demandes]
    effectif: dict[int, Contact] = {}
    personne: dict[int, int] = {}
    fusions: list[Fusion] = []
    for numero, avec_cles in enumerate(_grouper(tous)):
        groupe = [c for c, _ in avec_cles]
        refus = _refus_du_groupe(groupe) if len(groupe) > 1 else {}
        modifs = {**refus, "offre_analogue": True} if offre_analogue else refus
        for c in groupe:
            change = any(getattr(c, champ) != valeur for champ, valeur in modifs.items())
            effectif[id(c)] = replace(c, **modifs) if change else c
            personne[id(c)] = numero
        if len(groupe) > 1 and any(id(c) in demandes for c in groupe):
            fusions.append(_fusion(avec_cles, refus))
    retenus: list[Contact] = []
    exclus: list[Exclusion] = []
    cache: dict[str, tuple[Regle, ...]] = {}
    deja_retenues: set[int] = set()
    sans_consentement: list[int] = []
    for c in contacts:
        public = c.public if c.public in PUBLICS else "B2C"
        if public not in cache:
            cache[public] = regles_applicables(canal, public, date_campagne)
        vu = effectif[id(c)]
        fautes = tuple(r for r in cache[public] if r.exclut(vu, canal, date_campagne))
        if not fautes and personne[id(c)] in deja_retenues:
            fautes = (REGLE_DOUBLON,)
        if fautes:
            exclus.append(Exclusion(c, fautes))
        else:
            retenus.append(c)
            deja_retenues.add(personne[id(c)])
            if (
                canal in ELECTRONIQUES
                and public == "B2C"
                and vu.consentement_email_sms != CONSENTEMENT_VALABLE
                and soft_optin(vu)
            ):
                sans_consentement.append(c.ident)
    appliquees = tuple(
        r
        for r in REGLES
        if r.portee == "contact"
        and canal in r.canaux
        and r.en_vigueur(date_campagne)
        and any(p in r.publics for p in cache)
    ) + ((REGLE_DOUBLON,) if cache else ())
    return ResultatCiblage(
        canal,
        date_campagne,
        tuple(retenus),
        tuple(exclus),
        appliquees,
        tuple(fusions),
        tuple(sans_consentement),
    )


@dataclass(frozen=True)
class Message:
    """What the campaign message contains (the mandatory mentions, ticked by the student)."""

    lien_desinscription: bool = False
    identite_annonceur: bool = False
    objet_professionnel: bool = False
    mention_droit_opposition: bool = False
    produits_analogues: bool = False
    """Not a mandatory mention: the e-mail offers products analogous to those the customers
    bought (opens the soft opt-in exception, CPCE L34-5 al. 4)."""


_ELEMENT_DU_MESSAGE = {
    "DESINSCRIPTION": "lien_desinscription",
    "IDENTITE": "identite_annonceur",
    "OBJET_PROFESSIONNEL": "objet_professionnel",
    "DROIT_OPPOSITION": "mention_droit_opposition",
}


@dataclass(frozen=True)
class ControleMessage:
    regle: Regle
    respecte: bool


def controler_message(
    message: Message, canal: str, publics: Sequence[str], date_campagne: date
) -> tuple[ControleMessage, ...]:
    """Each mandatory mention of the message for ``canal`` and the ``publics`` targeted."""
    canal = _canal(canal)
    return tuple(
        ControleMessage(r, bool(getattr(message, _ELEMENT_DU_MESSAGE[r.code])))
        for r in REGLES
        if r.portee == "message"
        and canal in r.canaux
        and r.en_vigueur(date_campagne)
        and any(p in r.publics for p in publics)
    )


@dataclass(frozen=True)
class RapportConformite:
    ciblage: ResultatCiblage
    message: tuple[ControleMessage, ...]

    @property
    def conforme(self) -> bool:
        """The message has every mandatory mention (the excluded contacts are simply left out)."""
        return all(m.respecte for m in self.message)


def rapport_conformite(
    contacts: Iterable[Contact],
    canal: str,
    date_campagne: date,
    message: Message,
    fichier: Iterable[Contact] | None = None,
) -> RapportConformite:
    """Target list + excluded contacts + checks of the message: the compliance report
    (``fichier``: the whole prospects file the duplicates are looked for in)."""
    contacts = list(contacts)
    ciblage = appliquer_regles(
        contacts, canal, date_campagne, fichier, offre_analogue=message.produits_analogues
    )
    publics = sorted({c.public if c.public in PUBLICS else "B2C" for c in contacts}) or ["B2B"]
    return RapportConformite(ciblage, controler_message(message, canal, publics, date_campagne))


def accorder(nombre: int, singulier: str, pluriel: str | None = None) -> str:
    """« aucun contact », « 1 contact », « 12 contacts » (French agreement, no « (s) »)."""
    if nombre == 0:
        return f"aucun {singulier}"
    mot = singulier if nombre == 1 else (pluriel or singulier + "s")
    return f"{nombre:,} {mot}".replace(",", "\u202f")


def rapport_markdown(rapport: RapportConformite) -> str:
    """The compliance report, in French Markdown (rules with their article)."""
    c = rapport.ciblage
    jour = c.date_campagne.strftime("%d/%m/%Y")
    lignes = [
        f"# Rapport de conformité — campagne {CANAUX[c.canal]} du {jour}",
        "",
        f"- Contacts du segment : {accorder(c.total, 'contact')}",
        f"- Retenus : {accorder(len(c.retenus), 'contact retenu', 'contacts retenus')}",
        f"- Exclus : {accorder(len(c.exclus), 'contact exclu', 'contacts exclus')} "
        "(un contact peut enfreindre plusieurs règles)",
        "",
        "## Règles appliquées aux contacts",
        "",
        "| Règle | Contacts exclus | Explication | Référence |",
        "| --- | --- | --- | --- |",
    ]
    par_regle = c.exclus_par_regle()
    for r in c.regles_appliquees:
        lignes.append(
            f"| {r.intitule} | {len(par_regle[r.code])} | {r.explication} | {r.article} |"
        )
    if c.clients_sans_consentement:
        r = REGLES_PAR_CODE["CLIENT_PRODUITS_ANALOGUES"]
        lignes += [
            "",
            f"Retenus sans consentement préalable au titre de l'exception « {r.intitule} » "
            f"({r.article}) : n° " + ", ".join(str(i) for i in c.clients_sans_consentement),
        ]
    lignes += ["", "## Doublons fusionnés avant le ciblage", ""]
    if not c.fusions:
        lignes.append("Aucun doublon : chaque personne n'a qu'une fiche.")
    lignes += [f"- {f.texte()}" for f in c.fusions]
    lignes += ["", "## Mentions obligatoires du message", ""]
    if not rapport.message:
        lignes.append("Aucune mention obligatoire pour ce canal.")
    for m in rapport.message:
        etat = "présente" if m.respecte else "**ABSENTE**"
        lignes.append(f"- {m.regle.intitule} : {etat} — {m.regle.explication} ({m.regle.article})")
    lignes += [
        "",
        "Conclusion : "
        + (
            "le message contient toutes les mentions obligatoires ; seuls les contacts retenus "
            "peuvent être sollicités."
            if rapport.conforme
            else "le message n'est PAS conforme : ajoutez les mentions absentes avant l'envoi."
        ),
        "",
    ]
    return "\n".join(lignes)
