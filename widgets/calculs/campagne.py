"""Campagnes de prospection : les règles RGPD et droit de la consommation, dans UNE table.

Pure: contact records in, a French compliance report out (no database, no file).

:data:`REGLES` is the one table of the rules (code, channels, publics, French explanation,
article, dates in force, and the test). :func:`appliquer_regles` applies it to the contacts of
a campaign; :func:`controler_message` checks the mandatory mentions of the message itself.

The law as it stands on 1 December 2026:

- e-mail / SMS to a consumer (B2C): prior consent, opt-in (CPCE art. L34-5); a pre-ticked box
  is not a consent (RGPD art. 4, 11) and art. 7; CJUE, 1 October 2019, Planet49, C-673/17);
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
- every e-mail / SMS: a free way to unsubscribe and the advertiser's identity (CPCE L34-5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
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
    person), ``"non"``, ``"case pré-cochée"`` or ``None`` (unknown).
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
        exclut=lambda c, _canal, _jour: c.consentement_email_sms == CASE_PRECOCHEE,
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


def regles_applicables(canal: str, public: str, date_campagne: date) -> tuple[Regle, ...]:
    """The contact rules that apply to ``public`` on ``canal`` at ``date_campagne``."""
    canal = _canal(canal)
    return tuple(
        r for r in REGLES if r.portee == "contact" and r.concerne(canal, public, date_campagne)
    )


def appliquer_regles(
    contacts: Iterable[Contact], canal: str, date_campagne: date
) -> ResultatCiblage:
    """Split ``contacts`` into the target list and the excluded, naming every rule broken.

    A contact whose ``public`` is neither B2B nor B2C is treated as a consumer (B2C), the
    protective side.
    """
    canal = _canal(canal)
    if not isinstance(date_campagne, date):
        raise SaisieInvalide("indiquez la date de la campagne.", champ="Date de la campagne")
    retenus: list[Contact] = []
    exclus: list[Exclusion] = []
    cache: dict[str, tuple[Regle, ...]] = {}
    for c in contacts:
        public = c.public if c.public in PUBLICS else "B2C"
        if public not in cache:
            cache[public] = regles_applicables(canal, public, date_campagne)
        fautes = tuple(r for r in cache[public] if r.exclut(c, canal, date_campagne))
        if fautes:
            exclus.append(Exclusion(c, fautes))
        else:
            retenus.append(c)
    appliquees = tuple(
        r
        for r in REGLES
        if r.portee == "contact"
        and canal in r.canaux
        and r.en_vigueur(date_campagne)
        and any(p in r.publics for p in cache)
    )
    return ResultatCiblage(canal, date_campagne, tuple(retenus), tuple(exclus), appliquees)


@dataclass(frozen=True)
class Message:
    """What the campaign message contains (the mandatory mentions, ticked by the student)."""

    lien_desinscription: bool = False
    identite_annonceur: bool = False
    objet_professionnel: bool = False
    mention_droit_opposition: bool = False


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
    contacts: Iterable[Contact], canal: str, date_campagne: date, message: Message
) -> RapportConformite:
    """Target list + excluded contacts + checks of the message: the compliance report."""
    contacts = list(contacts)
    ciblage = appliquer_regles(contacts, canal, date_campagne)
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
