"""Relation client digitale : indicateurs d'une campagne et pipeline d'opportunités.

Pure (Decimal, half-up rounding at each documented step):

- campaign KPIs (S532): taux d'ouverture = ouverts / délivrés; taux de clic = clics / délivrés;
  taux de réactivité = clics / ouverts; taux de conversion = conversions / clics; coût par lead
  = coût / leads; coût d'acquisition = coût / nouveaux clients; ROI = (marge − coût) / coût.
  Rates are rounded to 0,01 point, costs to the cent, each from the exact figures;
- pipeline of opportunities (S522, agrégation des prévisions individuelles): montant pondéré
  = montant × probabilité, rounded to the cent per opportunity; pipeline pondéré = sum of the
  rounded weighted amounts of the open opportunities; prévision = won amounts + weighted open
  amounts, by month of expected closing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from widgets.calculs.arrondis import CENT
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, montant, quantite


def _entier(valeur: object, champ: str) -> int:
    return quantite(valeur, champ, minimum=0)


def _rapport(numerateur: int | Decimal, denominateur: int | Decimal) -> Decimal | None:
    """Ratio in % rounded to 0,01 point; ``None`` when the denominator is zero."""
    if not denominateur:
        return None
    return arrondi(Decimal(numerateur) * CENT / Decimal(denominateur), 2)


def _cout_unitaire(cout: Decimal, nombre: int) -> Decimal | None:
    return arrondi_centime(cout / nombre) if nombre else None


@dataclass(frozen=True)
class IndicateursCampagne:
    """KPIs of one campaign; a rate whose base is zero is ``None`` (shown « — »)."""

    envoyes: int
    delivres: int
    ouverts: int
    clics: int
    leads: int
    conversions: int
    cout: Decimal
    chiffre_affaires: Decimal
    marge: Decimal
    taux_delivrabilite: Decimal | None
    taux_ouverture: Decimal | None
    taux_clic: Decimal | None
    taux_reactivite: Decimal | None
    taux_conversion: Decimal | None
    cout_par_lead: Decimal | None
    cout_acquisition: Decimal | None
    resultat: Decimal
    roi: Decimal | None


def indicateurs_campagne(
    envoyes: object,
    delivres: object,
    ouverts: object,
    clics: object,
    leads: object,
    conversions: object,
    cout: object,
    chiffre_affaires: object = 0,
    marge: object = 0,
) -> IndicateursCampagne:
    """The KPIs of an e-mailing (or SMS) campaign.

    Example: 10 000 sent, 9 600 delivered, 2 400 opened, 480 clicks, 96 leads, 24 new
    customers, cost 1 200 €, margin 3 000 € → opening 2 400 / 9 600 = 25 %; click
    480 / 9 600 = 5 %; reactivity 480 / 2 400 = 20 %; conversion 24 / 480 = 5 %;
    cost per lead 1 200 / 96 = 12,50 €; acquisition cost 1 200 / 24 = 50 €;
    ROI (3 000 − 1 200) / 1 200 = 150 %.
    """
    n = {
        nom: _entier(v, libelle)
        for nom, v, libelle in (
            ("envoyes", envoyes, "Messages envoyés"),
            ("delivres", delivres, "Messages délivrés"),
            ("ouverts", ouverts, "Messages ouverts"),
            ("clics", clics, "Clics"),
            ("leads", leads, "Leads"),
            ("conversions", conversions, "Conversions"),
        )
    }
    ordre = (
        ("delivres", "envoyes", "délivrés", "envoyés"),
        ("ouverts", "delivres", "ouverts", "délivrés"),
        ("clics", "delivres", "clics", "messages délivrés"),
        ("conversions", "leads", "conversions", "leads"),
    )
    for petit, grand, mot_petit, mot_grand in ordre:
        if n[petit] > n[grand]:
            raise SaisieInvalide(
                f"il ne peut pas y avoir plus de {mot_petit} ({n[petit]}) que de {mot_grand} "
                f"({n[grand]}).",
                champ=mot_petit.capitalize(),
            )
    cout_ = montant(cout, "Coût de la campagne")
    ca = montant(chiffre_affaires, "Chiffre d'affaires")
    marge_ = montant(marge, "Marge générée")
    resultat = arrondi_centime(marge_ - cout_)
    return IndicateursCampagne(
        **n,
        cout=cout_,
        chiffre_affaires=ca,
        marge=marge_,
        taux_delivrabilite=_rapport(n["delivres"], n["envoyes"]),
        taux_ouverture=_rapport(n["ouverts"], n["delivres"]),
        taux_clic=_rapport(n["clics"], n["delivres"]),
        taux_reactivite=_rapport(n["clics"], n["ouverts"]),
        taux_conversion=_rapport(n["conversions"], n["clics"]),
        cout_par_lead=_cout_unitaire(cout_, n["leads"]),
        cout_acquisition=_cout_unitaire(cout_, n["conversions"]),
        resultat=resultat,
        roi=_rapport(marge_ - cout_, cout_),
    )


# --------------------------------------------------------------------------- pipeline

ETAPES_PIPELINE: tuple[tuple[str, int], ...] = (
    ("qualification", 10),
    ("découverte", 25),
    ("proposition", 50),
    ("négociation", 75),
    ("gagnée", 100),
    ("perdue", 0),
)
"""Stage of an opportunity → usual probability of winning it (%), editable per opportunity."""

PROBABILITE_ETAPE = dict(ETAPES_PIPELINE)
ETAPES_OUVERTES = tuple(e for e, _ in ETAPES_PIPELINE if e not in ("gagnée", "perdue"))


def etape(texte: object) -> str:
    """Read a stage name (case and spaces ignored); French error otherwise."""
    cle = " ".join(str(texte or "").split()).lower()
    if cle in PROBABILITE_ETAPE:
        return cle
    noms = ", ".join(e for e, _ in ETAPES_PIPELINE)
    raise SaisieInvalide(f"étape « {texte} » inconnue : choisissez parmi {noms}.", champ="Étape")


@dataclass(frozen=True)
class Opportunite:
    """One opportunity of the pipeline (amount HT, probability in %)."""

    ident: int
    intitule: str
    etape: str
    montant: Decimal
    probabilite: Decimal
    cloture_prevue: date

    @property
    def ouverte(self) -> bool:
        return self.etape in ETAPES_OUVERTES

    @property
    def montant_pondere(self) -> Decimal:
        """montant × probabilité / 100, rounded to the cent."""
        return arrondi_centime(self.montant * self.probabilite / CENT)


@dataclass(frozen=True)
class LignePrevision:
    mois: str  # AAAA-MM
    gagne: Decimal
    pondere: Decimal

    @property
    def prevision(self) -> Decimal:
        return self.gagne + self.pondere


@dataclass(frozen=True)
class Pipeline:
    """Totals of a pipeline: by stage, weighted, and the forecast by month of closing."""

    opportunites: tuple[Opportunite, ...]
    par_etape: tuple[tuple[str, int, Decimal, Decimal], ...]  # étape, nombre, montant, pondéré
    montant_ouvert: Decimal
    pipeline_pondere: Decimal
    gagne: Decimal
    prevision: tuple[LignePrevision, ...]

    @property
    def prevision_totale(self) -> Decimal:
        """Won + weighted open amounts."""
        return self.gagne + self.pipeline_pondere


def pipeline(opportunites: Iterable[Opportunite]) -> Pipeline:
    """Weighted pipeline and forecast.

    Example: 10 000 € in proposition (50 %) and 4 000 € in négociation (75 %) → weighted
    5 000 + 3 000 = 8 000 €; with 2 500 € won the forecast is 10 500 €.
    """
    ops = tuple(opportunites)
    par_etape = []
    for nom, _p in ETAPES_PIPELINE:
        lot = [o for o in ops if o.etape == nom]
        par_etape.append(
            (
                nom,
                len(lot),
                sum((o.montant for o in lot), Decimal(0)),
                sum((o.montant_pondere for o in lot if o.ouverte), Decimal(0)),
            )
        )
    ouvertes = [o for o in ops if o.ouverte]
    gagnees = [o for o in ops if o.etape == "gagnée"]
    mois: dict[str, list[Decimal]] = {}
    for o in ouvertes + gagnees:
        cle = o.cloture_prevue.strftime("%Y-%m")
        ligne = mois.setdefault(cle, [Decimal(0), Decimal(0)])
        if o.ouverte:
            ligne[1] += o.montant_pondere
        else:
            ligne[0] += o.montant
    return Pipeline(
        opportunites=ops,
        par_etape=tuple(par_etape),
        montant_ouvert=sum((o.montant for o in ouvertes), Decimal(0)),
        pipeline_pondere=sum((o.montant_pondere for o in ouvertes), Decimal(0)),
        gagne=sum((o.montant for o in gagnees), Decimal(0)),
        prevision=tuple(LignePrevision(m, g, p) for m, (g, p) in sorted(mois.items())),
    )


def deplacer(op: Opportunite, nouvelle_etape: object) -> Opportunite:
    """The opportunity moved to another stage, with that stage's usual probability."""
    e = etape(nouvelle_etape)
    return Opportunite(
        op.ident, op.intitule, e, op.montant, Decimal(PROBABILITE_ETAPE[e]), op.cloture_prevue
    )
