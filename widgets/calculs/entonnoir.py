"""Entonnoir de prospection : un seul modèle pour la tournée et le management de l'équipe.

Contacts → rendez-vous → visites → commandes. Every rate is a PERCENTAGE rounded half-up to
two decimals (2 / 7 → 28,57 %, never 0,2857): the same convention as ``saisie.taux``, where
``"20"`` means 20 %. The stage names live here only (``ETAPES_ENTONNOIR``): the code stored in
the ``visites.etape`` column and the plural label shown to students.

``resultats_attendus`` turns a visit → order rate into expected orders, turnover and ROI
(S823 organisation de la prospection, S532 évaluation de l'efficacité de l'action).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from widgets.calculs.arrondis import CENT as CENT_POUR_CENT
from widgets.calculs.arrondis import arrondi, arrondi_centime
from widgets.calculs.saisie import SaisieInvalide, montant, quantite, taux


@dataclass(frozen=True)
class NomEtape:
    """Nom d'une étape : code de la colonne ``visites.etape`` et libellé (pluriel) affiché."""

    code: str
    libelle: str


#: The four stages, in order: (code in the ``visites`` table, French plural label).
ETAPES_ENTONNOIR = (
    NomEtape("contact", "contacts"),
    NomEtape("rendez-vous", "rendez-vous"),
    NomEtape("visite", "visites"),
    NomEtape("commande", "commandes"),
)
CODES_ETAPES = tuple(e.code for e in ETAPES_ENTONNOIR)


def taux_transformation(suivant: int, precedent: int) -> Decimal | None:
    """``suivant / precedent × 100`` en %, au centième ; ``None`` si ``precedent`` vaut 0."""
    if not precedent:
        return None
    return arrondi(Decimal(suivant) * CENT_POUR_CENT / Decimal(precedent), 2)


@dataclass(frozen=True)
class EtapeEntonnoir:
    """Une étape, son effectif et son taux de transformation depuis l'étape précédente (%)."""

    code: str
    etape: str
    effectif: int
    taux_transformation: Decimal | None  # None for the first stage or after an empty stage


@dataclass(frozen=True)
class Entonnoir:
    """Effectifs des quatre étapes ; tous les taux sont en % (au centième)."""

    contacts: int
    rendez_vous: int
    visites: int
    commandes: int

    @property
    def effectifs(self) -> tuple[int, int, int, int]:
        return (self.contacts, self.rendez_vous, self.visites, self.commandes)

    @property
    def taux_rendez_vous(self) -> Decimal | None:
        """Rendez-vous / contacts, en %."""
        return taux_transformation(self.rendez_vous, self.contacts)

    @property
    def taux_visite(self) -> Decimal | None:
        """Visites / rendez-vous, en %."""
        return taux_transformation(self.visites, self.rendez_vous)

    @property
    def taux_commande(self) -> Decimal | None:
        """Commandes / visites, en %."""
        return taux_transformation(self.commandes, self.visites)

    @property
    def taux_global(self) -> Decimal | None:
        """Commandes / contacts, en %."""
        return taux_transformation(self.commandes, self.contacts)

    @property
    def etapes(self) -> tuple[EtapeEntonnoir, ...]:
        """Les quatre étapes dans l'ordre, avec leur taux depuis la précédente."""
        sortie = []
        precedent: int | None = None
        for nom, n in zip(ETAPES_ENTONNOIR, self.effectifs, strict=True):
            t = None if precedent is None else taux_transformation(n, precedent)
            sortie.append(EtapeEntonnoir(nom.code, nom.libelle, n, t))
            precedent = n
        return tuple(sortie)


def entonnoir(
    contacts: object,
    rendez_vous: object,
    visites: object,
    commandes: object,
    *,
    verifier_ordre: bool = True,
) -> Entonnoir:
    """Lit les quatre effectifs (texte français accepté) et construit l'entonnoir.

    Chaque étape ne peut pas dépasser la précédente (on ne visite pas plus de prospects qu'on
    n'a obtenu de rendez-vous). Exemple : 200 contacts → 50 rendez-vous (25 %) → 40 visites
    (80 %) → 12 commandes (30 %) ; taux global 12 / 200 = 6 %.

    ``verifier_ordre=False`` accepte une étape plus grande que la précédente (taux > 100 %) :
    c'est le cas des chiffres réels d'une période, où un rendez-vous pris en décembre donne une
    visite en janvier.
    """
    effectifs = [
        quantite(v, nom.libelle.capitalize(), minimum=0)
        for v, nom in zip(
            (contacts, rendez_vous, visites, commandes), ETAPES_ENTONNOIR, strict=True
        )
    ]
    if verifier_ordre:
        for precedent, n, nom in zip(effectifs, effectifs[1:], ETAPES_ENTONNOIR[1:], strict=False):
            if n > precedent:
                raise SaisieInvalide(
                    f"{n} {nom.libelle} pour {precedent} à l'étape précédente : une étape de "
                    "l'entonnoir ne peut pas dépasser la précédente.",
                    champ=nom.libelle.capitalize(),
                )
    return Entonnoir(*effectifs)


@dataclass(frozen=True)
class ResultatsAttendus:
    """Ce que le plan doit rapporter, d'après les taux de l'entonnoir."""

    visites: int
    commandes: Decimal
    chiffre_affaires: Decimal | None
    roi: Decimal | None  # in %


def resultats_attendus(
    visites: object,
    taux_commande: object,
    panier_moyen: object | None = None,
    taux_marge: object | None = None,
    cout: object | None = None,
) -> ResultatsAttendus:
    """Commandes attendues = visites × taux visite → commande (en %) / 100, au dixième ;
    CA attendu = commandes attendues × panier moyen HT, au centime ;
    ROI = (CA × taux de marque − coût) / coût × 100, en % au centième, si la marge (en %)
    et le coût sont donnés.

    Les taux s'écrivent en pourcentage : ``"20"``, ``"20 %"`` et ``20`` valent 20 %.
    Exemple : 80 visites × 25 % = 20 commandes × 350 € = 7 000 € ; marge 30 % = 2 100 € ;
    coût 1 400 € → ROI (2 100 − 1 400) / 1 400 = 50 %.
    """
    n = quantite(visites, "Visites", minimum=0)
    t = taux(taux_commande, "Taux visite → commande")
    commandes = arrondi(Decimal(n) * t / CENT_POUR_CENT, 1)
    ca = None
    if panier_moyen is not None:
        ca = arrondi_centime(commandes * montant(panier_moyen, "Panier moyen"))
    roi = None
    c = None if cout is None else montant(cout, "Coût du plan")
    if ca is not None and taux_marge is not None and c:
        marge = arrondi_centime(ca * taux(taux_marge, "Taux de marque") / CENT_POUR_CENT)
        roi = arrondi((marge - c) * CENT_POUR_CENT / c, 2)
    return ResultatsAttendus(n, commandes, ca, roi)
