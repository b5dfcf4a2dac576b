"""The prospects file, with deliberate defects for the data-cleansing exercises (S822).

Every defect planted here is recorded in ``prospects_defauts`` (the answer key), and only there:

- ``doublon``: same company entered again — same SIRET, e-mail and phone as the original, but
  the raison sociale is spelled differently (accents, case, "SARL" / "S.A.R.L."); ``detail``
  and ``id_original`` name the original prospect;
- ``email_invalide``, ``telephone_invalide``, ``code_postal_invalide``, ``siret_invalide``:
  the value breaks the rule of :mod:`widgets.donnees.generation.controles`;
- ``champ_manquant``: ``detail`` names the empty column (NULL or empty text ``''``, never
  spaces only: « non vide » written ``x <> ''`` or ``TRIM(x) <> ''`` selects the same rows);
- ``casse``: ``detail`` names the column written in the wrong case (clean rows have
  ``contact_nom`` in capitals, ``contact_prenom`` capitalised, ``ville`` as the commune's name).

A row carries at most one defect; duplicates copy a clean row.

Prospecting rights (RGPD / consumer law, for the campaign exercises, S821): ``public`` (B2B, or
B2C for a sole trader reached at a personal webmail address), ``consentement_email_sms``,
``consentement_telephone`` (``oui``, ``non``, ``case pré-cochée`` or NULL when unknown),
``opposition``, ``bloctel`` and ``date_dernier_contact``, with realistic defects that are NOT
listed in ``prospects_defauts`` (the campaign rules find them): consents unknown or pre-ticked,
a person who objected, B2C numbers on Bloctel (and a few B2B ones, where Bloctel does not
apply), last contacts older than 3 years (copied from an older file) or missing, and duplicates
that do not carry the objection recorded on the original. These columns are drawn from a
separate generator seeded by the file itself, so every other column and table is unchanged.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from widgets.donnees.generation import referentiels as R
from widgets.donnees.generation.aleatoire import (
    FIN,
    choix_pondere,
    jour_au_hasard,
    sans_accents,
    siret,
    slug,
    telephone,
)

if TYPE_CHECKING:
    from widgets.donnees.generation.generateur import Commune, Generateur

TYPES_PROSPECTS = (
    ("Boutique de souvenirs", 0.4),
    ("Comité d'entreprise", 0.35),
    ("Grossiste", 0.15),
    ("GMS", 0.1),
)
DEFAUTS_SIMPLES = (  # (défaut, probabilité par prospect « neuf »)
    ("email_invalide", 0.04),
    ("telephone_invalide", 0.04),
    ("code_postal_invalide", 0.03),
    ("champ_manquant", 0.05),
    ("casse", 0.04),
    ("siret_invalide", 0.03),
)
PROBA_DOUBLON = 0.06


@dataclass
class Prospect:
    id: int
    raison_sociale: str | None
    type_client: str | None
    contact_nom: str | None
    contact_prenom: str | None
    email: str | None
    telephone: str | None
    adresse: str | None
    code_postal: str | None
    ville: str | None
    siret: str | None
    source: str | None
    date: date
    id_commercial: int | None
    commune: Commune = field(repr=False)
    doublon_de: int | None = None
    propre: bool = True
    public: str = "B2B"
    consentement_email_sms: str | None = None
    consentement_telephone: str | None = None
    opposition: int = 0
    bloctel: int = 0
    dernier_contact: date | None = None

    def ligne(self) -> tuple:
        return (
            self.id,
            self.raison_sociale,
            self.type_client,
            self.contact_nom,
            self.contact_prenom,
            self.email,
            self.telephone,
            self.adresse,
            self.code_postal,
            self.ville,
            self.siret,
            self.source,
            self.date.isoformat(),
            self.id_commercial,
            self.public,
            self.consentement_email_sms,
            self.consentement_telephone,
            self.opposition,
            self.bloctel,
            self.dernier_contact.isoformat() if self.dernier_contact else None,
        )


def _variantes_nom(nom: str) -> list[str]:
    variantes = [sans_accents(nom), nom.upper(), nom.lower(), nom.replace(" ", "  ", 1)]
    for forme in R.FORMES:
        if nom.endswith(" " + forme):
            variantes.append(nom[: -len(forme)] + ".".join(forme) + ".")
    return [v for v in dict.fromkeys(variantes) if v != nom]


def generer_prospects(gen: Generateur) -> tuple[list[Prospect], list[tuple]]:
    """Prospects (in id order) and the rows of ``prospects_defauts``."""
    rng = gen.rng
    total = max(20, round(gen.n * 1.2))
    prospects: list[Prospect] = []
    propres: list[Prospect] = []
    defauts: list[tuple] = []
    for ident in range(1, total + 1):
        if propres and rng.random() < PROBA_DOUBLON:
            orig = rng.choice(propres)
            p = replace(
                orig,
                id=ident,
                raison_sociale=rng.choice(_variantes_nom(orig.raison_sociale or "")),
                source=rng.choice(R.SOURCES_PROSPECTS),
                date=jour_au_hasard(rng, orig.date, FIN),
                doublon_de=orig.id,
                propre=False,
            )
            prospects.append(p)
            defauts.append((ident, "doublon", f"doublon du prospect {orig.id}", orig.id))
            continue
        type_client = choix_pondere(rng, TYPES_PROSPECTS)
        commune, id_secteur = gen.implanter(type_client)
        if type_client == "Boutique de souvenirs":
            saisie = jour_au_hasard(rng, date(2024, 12, 2), date(2025, 12, 15))
        else:
            saisie = jour_au_hasard(rng, date(2023, 1, 2), date(2025, 12, 15))
        nom, prenom = rng.choice(R.NOMS), rng.choice(R.PRENOMS)
        raison = gen.raison_sociale(type_client, commune)
        p = Prospect(
            id=ident,
            raison_sociale=raison,
            type_client=type_client,
            contact_nom=nom.upper(),
            contact_prenom=prenom,
            email=f"{slug(prenom)}.{slug(nom)}@{slug(raison)}.fr",
            telephone=telephone(rng, commune.departement if rng.random() < 0.6 else None),
            adresse=gen.adresse(commune),
            code_postal=commune.code_postal,
            ville=commune.nom,
            siret=siret(rng, gen.sirets),
            source=rng.choice(R.SOURCES_PROSPECTS),
            date=saisie,
            id_commercial=rng.choice(gen.commerciaux_du_secteur[id_secteur]),
            commune=commune,
        )
        u = rng.random()
        for defaut, proba in DEFAUTS_SIMPLES:
            if u < proba:
                detail = _abimer(rng, p, defaut)
                p.propre = False
                defauts.append((ident, defaut, detail, None))
                break
            u -= proba
        prospects.append(p)
        if p.propre:
            propres.append(p)
    _droits_de_prospection(prospects)
    return prospects, defauts


CONSENTEMENTS = {  # (public, canal) → ((valeur, probabilité), …) ; le reste : inconnu (NULL)
    ("B2C", "email_sms"): (("oui", 0.55), ("non", 0.12), ("case pré-cochée", 0.13)),
    ("B2B", "email_sms"): (("oui", 0.3), ("non", 0.08)),
    ("B2C", "telephone"): (("oui", 0.35), ("non", 0.2), ("case pré-cochée", 0.1)),
    ("B2B", "telephone"): (("oui", 0.1),),
}
WEBMAILS = ("orange.fr", "gmail.com", "free.fr", "laposte.net", "sfr.fr")


def _tirer(rng: random.Random, valeurs: tuple[tuple[str, float], ...]) -> str | None:
    u = rng.random()
    for valeur, proba in valeurs:
        if u < proba:
            return valeur
        u -= proba
    return None


def _droits_de_prospection(prospects: list[Prospect]) -> None:
    """Fill the prospecting-rights columns (own RNG: the other columns stay as they were)."""
    graine = "rgpd|" + "|".join(p.siret or "" for p in prospects[:5]) + f"|{len(prospects)}"
    rng = random.Random(graine)
    par_id = {p.id: p for p in prospects}
    for p in prospects:
        if p.doublon_de is not None:
            # same person entered again: the objection recorded on the original is not carried
            orig = par_id[p.doublon_de]
            p.public, p.email = orig.public, orig.email
            p.consentement_email_sms = orig.consentement_email_sms
            p.consentement_telephone = orig.consentement_telephone
            p.bloctel, p.dernier_contact = orig.bloctel, orig.dernier_contact
            p.opposition = 0
            continue
        if p.propre and p.type_client == "Boutique de souvenirs" and rng.random() < 0.5:
            p.public = "B2C"  # a sole trader who gave a personal address
            p.email = f"{slug(p.contact_prenom or '')}.{slug(p.contact_nom or '')}@" + rng.choice(
                WEBMAILS
            )
        p.consentement_email_sms = _tirer(rng, CONSENTEMENTS[(p.public, "email_sms")])
        p.consentement_telephone = _tirer(rng, CONSENTEMENTS[(p.public, "telephone")])
        p.opposition = int(rng.random() < 0.05)
        p.bloctel = int(rng.random() < (0.25 if p.public == "B2C" else 0.03))
        u = rng.random()
        if u < 0.03:
            p.dernier_contact = None
        elif u < 0.11:  # copied from an older file: last contact more than 3 years ago
            p.dernier_contact = jour_au_hasard(rng, date(2021, 1, 4), date(2022, 12, 16))
        else:
            p.dernier_contact = jour_au_hasard(rng, p.date, FIN)


def _abimer(rng, p: Prospect, defaut: str) -> str:
    """Plant one defect in ``p`` and return the ``detail`` text."""
    if defaut == "email_invalide":
        local, domaine = (p.email or "").split("@")
        choix = rng.randrange(5)
        if choix == 0:
            p.email = local + domaine
            return "email : arobase manquante"
        if choix == 1:
            p.email = f"{local}@@{domaine}"
            return "email : arobase doublée"
        if choix == 2:
            p.email = f"{local}@{domaine.rsplit('.', 1)[0]}"
            return "email : extension de domaine manquante"
        if choix == 3:
            p.email = f"{local} @{domaine}"
            return "email : espace"
        p.email = f"{local}@{domaine.replace('.', ',')}"
        return "email : virgule au lieu du point"
    if defaut == "telephone_invalide":
        tel = p.telephone or ""
        choix = rng.randrange(3)
        if choix == 0:
            p.telephone = tel[1:]
            return "telephone : zéro initial perdu (9 chiffres)"
        if choix == 1:
            p.telephone = tel + str(rng.randint(0, 9))
            return "telephone : 11 chiffres"
        p.telephone = "O" + tel[1:]
        return "telephone : lettre O au lieu du chiffre 0"
    if defaut == "code_postal_invalide":
        cp = p.code_postal or ""
        if cp.startswith("0"):
            p.code_postal = cp[1:]
            return "code_postal : zéro initial perdu (4 chiffres)"
        if rng.random() < 0.5:
            p.code_postal = cp[:2] + " " + cp[2:]
            return "code_postal : espace"
        p.code_postal = cp + str(rng.randint(0, 9))
        return "code_postal : 6 chiffres"
    if defaut == "champ_manquant":
        colonne = rng.choice(("email", "telephone", "contact_nom", "code_postal", "ville", "siret"))
        setattr(p, colonne, None if rng.random() < 0.5 else "")
        return colonne
    if defaut == "casse":
        colonne = rng.choice(("contact_nom", "contact_prenom", "ville"))
        valeur = getattr(p, colonne) or ""
        if colonne == "contact_nom":
            nouvelle = valeur.lower() if rng.random() < 0.5 else valeur.capitalize()
        else:
            nouvelle = valeur.upper() if rng.random() < 0.5 else valeur.lower()
        setattr(p, colonne, nouvelle)
        return colonne
    if defaut == "siret_invalide":
        s = p.siret or ""
        faux = (int(s[-1]) + rng.randint(1, 9)) % 10
        p.siret = s[:-1] + str(faux)
        return "siret : clé de Luhn fausse"
    raise ValueError(defaut)
