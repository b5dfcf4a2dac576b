"""Documents commerciaux imprimables (devis, facture, bon de commande) en HTML autonome.

:func:`rendre_document` turns a :class:`DocumentCommercial` (who, when, conditions) and the
:class:`~widgets.calculs.facture.NetAPayer` computed by :mod:`widgets.calculs` into ONE
self-contained HTML page: inline CSS (``gabarits/document.css``, A4 print rules), system fonts,
no script, no external resource. The figures are never recomputed here: they come from the
calculation (lines, paper-method steps, VAT per rate).

Mentions printed on a French B2B invoice (code de commerce L441-9 / CGI annexe II art. 242
nonies A): unique number, date of issue, date of the sale, seller and buyer identity and
address, SIREN, intra-EU VAT numbers, legal form/capital/RCS of the seller, each line
(quantity, unit price HT, reductions), VAT per rate, totals, payment due date and conditions,
rate of late-payment penalties, the 40 € flat collection indemnity, and the escompte conditions
(or « pas d'escompte pour paiement anticipé »). The e-invoicing mentions (SIREN of the client,
category of the operation, option for VAT on debits, delivery address if different) are
mandatory from the issuer's e-invoicing date: 1 September 2026 for large and mid-size firms,
1 September 2027 for SMEs and micro-firms.

Escompte: when the payment term is longer than the escompte delay, the escompte is only
offered (``DocumentCommercial.escompte_propose``): the body shows the amount due at the term
and the mentions give the escompte and the net to pay if paid early — never « déjà déduit ».
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from widgets.calculs import format_nombre
from widgets.calculs.conditions_paiement import INDEMNITE_FORFAITAIRE_RECOUVREMENT
from widgets.calculs.facture import NetAPayer
from widgets.ui.champs import euros as format_euros
from widgets.ui.champs import pourcent as format_pourcent

__all__ = [
    "TYPES_DOCUMENT",
    "VENDEUR_EXEMPLE",
    "DocumentCommercial",
    "Partie",
    "date_fr",
    "lien_telechargement",
    "mentions_legales",
    "nom_de_fichier",
    "numero_tva_intracom",
    "rendre_document",
]

DOSSIER_GABARITS = Path(__file__).resolve().parent / "gabarits"

TYPES_DOCUMENT: dict[str, str] = {
    "devis": "Devis",
    "bon_de_commande": "Bon de commande",
    "facture": "Facture",
}
"""Code du type de document → titre imprimé."""

INDEMNITE_RECOUVREMENT = INDEMNITE_FORFAITAIRE_RECOUVREMENT


def numero_tva_intracom(siren: str) -> str:
    """Numéro de TVA intracommunautaire français : ``FR`` + clé + SIREN.

    Clé = (12 + 3 × (SIREN mod 97)) mod 97, sur deux chiffres. ``""`` si le SIREN n'a pas 9
    chiffres.
    """
    chiffres = "".join(c for c in siren if c.isdigit())
    if len(chiffres) != 9:
        return ""
    cle = (12 + 3 * (int(chiffres) % 97)) % 97
    return f"FR{cle:02d}{chiffres}"


def date_fr(jour: dt.date | None) -> str:
    """``date(2025, 12, 31)`` → ``'31/12/2025'`` ; ``None`` → ``''``."""
    return jour.strftime("%d/%m/%Y") if jour else ""


@dataclass(frozen=True)
class Partie:
    """Identité d'une entreprise sur le document (vendeur ou acheteur)."""

    raison_sociale: str
    adresse: str = ""
    code_postal_ville: str = ""
    siren: str = ""
    tva_intracom: str = ""
    forme_juridique: str = ""
    rcs: str = ""
    contact: str = ""

    @property
    def tva(self) -> str:
        """Le numéro de TVA donné, ou celui déduit du SIREN."""
        return self.tva_intracom or numero_tva_intracom(self.siren)

    @property
    def siren_lisible(self) -> str:
        """SIREN groupé par 3 chiffres : ``521 487 306``."""
        chiffres = "".join(c for c in self.siren if c.isdigit())
        if len(chiffres) != 9:
            return self.siren
        return f"{chiffres[:3]} {chiffres[3:6]} {chiffres[6:]}"


VENDEUR_EXEMPLE = Partie(
    raison_sociale="Tissages de la Lys",
    adresse="12 rue des Tisserands",
    code_postal_ville="59100 Roubaix",
    siren="521487306",
    forme_juridique="SAS au capital de 250 000 €",
    rcs="RCS Lille Métropole",
    contact="Tél. 03 20 00 00 00 — commercial@tissages-lys.example",
)
"""Le fabricant de linge de maison du cas du guide (entreprise fictive)."""


@dataclass(frozen=True)
class DocumentCommercial:
    """Tout ce qui n'est pas un calcul : type, numéro, dates, parties, conditions.

    ``taux_penalites`` : taux annuel des pénalités de retard en % (au moins 3 fois le taux
    d'intérêt légal) ; ``None`` : taux légal par défaut (BCE + 10 points).
    ``references`` : la référence article de chaque ligne, dans l'ordre (facultatif).
    ``escompte_propose`` : le même document calculé AVEC l'escompte, quand l'escompte est
    seulement proposé (paiement à terme plus long que le délai d'escompte) : le corps du
    document est alors calculé sans escompte. ``option_debits`` : le vendeur a opté pour le
    paiement de la TVA d'après les débits (mention obligatoire).
    """

    type_document: str
    numero: str
    date_emission: dt.date
    vendeur: Partie
    acheteur: Partie
    date_livraison: dt.date | None = None
    delai_paiement_jours: int = 30
    mode_reglement: str = "virement bancaire"
    taux_penalites: Decimal | None = None
    delai_escompte_jours: int = 10
    validite_jours: int = 30
    objet: str = ""
    adresse_livraison: str = ""
    reference_commande: str = ""
    categorie_operation: str = "livraison de biens"
    references: tuple[str, ...] = field(default_factory=tuple)
    escompte_propose: NetAPayer | None = None
    option_debits: bool = False

    @property
    def titre(self) -> str:
        """« Facture », « Devis » ou « Bon de commande »."""
        return TYPES_DOCUMENT.get(self.type_document, self.type_document.capitalize())

    @property
    def date_echeance(self) -> dt.date:
        """Date d'émission + délai de paiement (jours calendaires, « date de facture »)."""
        return self.date_emission + dt.timedelta(days=self.delai_paiement_jours)

    @property
    def date_limite_escompte(self) -> dt.date:
        """Date d'émission + délai d'escompte : dernier jour pour payer avec l'escompte."""
        return self.date_emission + dt.timedelta(days=self.delai_escompte_jours)


def mentions_legales(doc: DocumentCommercial, calcul: NetAPayer) -> list[str]:
    """Les mentions de bas de document (règlement, escompte, pénalités, 40 €, acompte…)."""
    mentions = []
    delai = doc.delai_paiement_jours
    if delai == 0:
        conditions = "Conditions de règlement : paiement comptant à réception"
    else:
        conditions = f"Conditions de règlement : paiement à {delai} jours date de facture"
    if doc.type_document == "facture":
        conditions += f", soit au plus tard le {date_fr(doc.date_echeance)}"
    mentions.append(f"{conditions}, par {doc.mode_reglement}.")
    mentions.append(_mention_escompte(doc, calcul))
    if doc.taux_penalites is None:
        penalites = (
            "au taux d'intérêt appliqué par la Banque centrale européenne à son opération de "
            "refinancement la plus récente, majoré de 10 points"
        )
    else:
        penalites = f"au taux annuel de {format_pourcent(doc.taux_penalites)}"
    mentions.append(
        "En cas de retard de paiement, des pénalités de retard sont exigibles dès le lendemain "
        f"de la date d'échéance, {penalites} (article L441-10 du code de commerce)."
    )
    mentions.append(
        "Tout retard de paiement entraîne de plein droit une indemnité forfaitaire pour frais "
        f"de recouvrement de {format_euros(INDEMNITE_RECOUVREMENT)} (article D441-5 du code de "
        "commerce)."
    )
    if doc.option_debits:
        mentions.append("Option pour le paiement de la taxe d'après les débits.")
    if calcul.acompte:
        mentions.append(
            f"Acompte de {format_euros(calcul.acompte)} TTC déjà versé, déduit du net à payer."
        )
    if doc.type_document == "devis":
        mentions.append(
            f"Devis gratuit, valable {doc.validite_jours} jours. Prix exprimés en euros hors "
            "taxes ; TVA au taux en vigueur."
        )
    return mentions


def _mention_escompte(doc: DocumentCommercial, calcul: NetAPayer) -> str:
    """The escompte conditions (L441-9): deducted only when the whole term fits in the
    escompte delay; otherwise offered, with its amount and the net to pay if paid early."""
    avec = calcul if calcul.escompte is not None else doc.escompte_propose
    if avec is None or avec.escompte is None:
        return "Pas d'escompte pour paiement anticipé."
    debut = (
        f"Escompte de {format_pourcent(avec.escompte.taux)} pour paiement sous "
        f"{doc.delai_escompte_jours} jours"
    )
    if calcul.escompte is not None and doc.delai_paiement_jours <= doc.delai_escompte_jours:
        return (
            f"{debut} : {format_euros(avec.escompte.montant)} HT, déduit ci-dessus (le délai de "
            "paiement tient dans le délai d'escompte) ; la TVA est calculée sur le net après "
            "escompte."
        )
    limite = date_fr(doc.date_limite_escompte)
    dans_ce_cas = (
        f"net à payer dans ce cas : {format_euros(avec.net_a_payer)}"
        if calcul.escompte is None
        else "c'est le montant calculé ci-dessus, qui n'est dû qu'en cas de paiement anticipé"
    )
    return (
        f"{debut}, soit au plus tard le {limite} : {format_euros(avec.escompte.montant)} HT "
        f"({dans_ce_cas}, TVA calculée sur le net après escompte). Passé ce délai, pas "
        "d'escompte."
    )


def _vue(doc: DocumentCommercial, calcul: NetAPayer) -> dict[str, Any]:
    """Tout ce que le gabarit affiche, déjà formaté à la française."""

    def partie(p: Partie) -> dict[str, str]:
        return {
            "raison_sociale": p.raison_sociale,
            "adresse": p.adresse,
            "code_postal_ville": p.code_postal_ville,
            "siren": p.siren_lisible,
            "tva": p.tva,
            "contact": p.contact,
        }

    lignes = []
    for i, ligne in enumerate(calcul.lignes):
        lignes.append(
            {
                "reference": doc.references[i] if i < len(doc.references) else "",
                "designation": ligne.designation,
                "quantite": format_nombre(ligne.quantite),
                "prix_unitaire_ht": format_euros(ligne.prix_unitaire_ht),
                "remises": " puis ".join(format_pourcent(r.taux) for r in ligne.remises),
                "montant_ht": format_euros(ligne.montant_net_ht),
                "taux_tva": format_pourcent(ligne.taux_tva),
            }
        )
    etapes = []
    for i, etape in enumerate(calcul.etapes):
        dernier = i == len(calcul.etapes) - 1
        etapes.append(
            {
                "operation": etape.operation,
                "libelle": etape.libelle,
                "montant": format_euros(abs(etape.montant)),
                "classe": "final" if dernier else ("egal" if etape.operation == "=" else ""),
            }
        )
    tva = [
        {
            "taux": format_pourcent(t.taux),
            "base": format_euros(t.base),
            "montant": format_euros(t.montant),
        }
        for t in sorted(calcul.tva_par_taux.values(), key=lambda t: t.taux, reverse=True)
    ]
    vendeur = doc.vendeur
    pied = " — ".join(
        x
        for x in (
            vendeur.raison_sociale,
            vendeur.forme_juridique,
            vendeur.rcs,
            f"SIREN {vendeur.siren_lisible}" if vendeur.siren else "",
            f"TVA {vendeur.tva}" if vendeur.tva else "",
        )
        if x
    )
    signature = {
        "devis": "Bon pour accord — date, signature et cachet du client :",
        "bon_de_commande": "Date, signature et cachet de l'acheteur :",
    }.get(doc.type_document, "")
    return {
        "titre": doc.titre,
        "numero": doc.numero,
        "date_emission": date_fr(doc.date_emission),
        "date_livraison": date_fr(doc.date_livraison),
        "libelle_date_livraison": (
            "Livraison souhaitée" if doc.type_document != "facture" else "Date de livraison"
        ),
        "date_validite": (
            date_fr(doc.date_emission + dt.timedelta(days=doc.validite_jours))
            if doc.type_document == "devis"
            else ""
        ),
        "date_echeance": date_fr(doc.date_echeance) if doc.type_document == "facture" else "",
        "reference_commande": doc.reference_commande,
        "vendeur": partie(vendeur),
        "acheteur": partie(doc.acheteur),
        "libelle_acheteur": "Client" if doc.type_document != "bon_de_commande" else "Acheteur",
        "adresse_livraison": doc.adresse_livraison,
        "objet": doc.objet,
        "categorie_operation": doc.categorie_operation,
        "lignes": lignes,
        "etapes": etapes,
        "tva": tva,
        "avertissements": list(calcul.avertissements),
        "mentions": mentions_legales(doc, calcul),
        "signature": signature,
        "pied": pied,
    }


_ENVIRONNEMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(DOSSIER_GABARITS),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


@lru_cache(maxsize=1)
def _feuille_de_style() -> str:
    return (DOSSIER_GABARITS / "document.css").read_text(encoding="utf-8")


def rendre_document(doc: DocumentCommercial, calcul: NetAPayer) -> str:
    """La page HTML complète et autonome du document (s'imprime sur A4)."""
    css = _feuille_de_style()
    gabarit = _ENVIRONNEMENT.get_template("document.html")
    return gabarit.render(d=_vue(doc, calcul), css=Markup(css))


def nom_de_fichier(doc: DocumentCommercial) -> str:
    """``facture-F2025-0001.html`` (caractères sûrs seulement)."""
    numero = re.sub(r"[^A-Za-z0-9_-]+", "-", doc.numero).strip("-") or "sans-numero"
    return f"{doc.type_document.replace('_', '-')}-{numero}.html"


def lien_telechargement(page_html: str, nom_fichier: str, texte: str = "Télécharger") -> str:
    """Lien ``<a download>`` portant la page en ``data:`` (marche dans JupyterLab et Voilà)."""
    charge = base64.b64encode(page_html.encode("utf-8")).decode("ascii")
    return (
        f'<a class="atelier-telechargement" download="{nom_fichier}" '
        f'href="data:text/html;charset=utf-8;base64,{charge}" '
        'style="display:inline-block;padding:4px 10px;border:1px solid #2a5d9f;'
        'border-radius:3px;text-decoration:none;color:#2a5d9f">'
        f"⬇ {texte}</a>"
    )
