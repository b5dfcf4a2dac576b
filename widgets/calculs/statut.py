"""Statut du vendeur : VRP (exclusif ou multicarte) salarié ou agent commercial (S622).

- VRP : salarié (Code du travail, art. L7311-1 et suivants ; statut défini à l'art. L7311-3).
  Son coût pour l'entreprise = (fixe + commission) × (1 + taux de charges patronales) : les
  charges patronales portent sur TOUTE la rémunération, fixe et commission.
- Agent commercial : mandataire indépendant (Code de commerce, art. L134-1) ; il facture une
  commission, l'entreprise ne paie pas de charges sociales sur elle : coût = commission.

Point d'indifférence : le CA annuel pour lequel deux statuts coûtent la même chose. Chaque coût
est une droite coût = a + b × CA, avec a = fixe × (1 + charges) et b = taux × (1 + charges) ;
CA* = (a₁ − a₂) / (b₂ − b₁), arrondi au centime, et le coût commun est recalculé à ce CA.
Au-dessous de CA*, le statut au fixe le plus élevé coûte plus ; au-dessus, il coûte moins.

Options that change a real decision (each off by default, each with its source in
:data:`SOURCES`):

- the VRP's indemnité de clientèle (C. trav. art. L7313-13), due when the employer ends the
  contract (except for serious misconduct) for the clientele he created or developed; its
  amount is set by the judge, commonly one to two years of commissions: ``annees`` years of
  his commissions, spread over the expected contract length (a yearly provision, no social
  charges: it is an indemnity, not a wage);
- the agent's end-of-contract indemnity (C. com. art. L134-12), customarily two years of
  commissions, spread the same way;
- the exclusive VRP's guaranteed minimum (ANI des VRP du 3 octobre 1975, art. 5): for each
  full-time quarter, a fixed minimum of 520 times the hourly SMIC, net of professional
  expenses; below it the firm pays the complement (social charges included). The turnover is
  assumed regular over the year, so the check is made on the year (4 × 520 = 2 080 hours).
  The indifference point is computed on the lines without the minimum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from widgets.calculs.arrondis import CENT as CENT_POUR_CENT
from widgets.calculs.arrondis import arrondi, arrondi_centime
from widgets.calculs.format import format_euros
from widgets.calculs.saisie import SaisieInvalide, montant, nombre, taux

SOURCES = {
    "indemnite_clientele": "C. trav., art. L7313-13 : indemnité de clientèle du VRP licencié "
    "(sauf faute grave), fixée par le juge — souvent 1 à 2 ans de commissions sur la clientèle "
    "apportée ; elle ne se cumule pas avec l'indemnité conventionnelle de licenciement",
    "indemnite_agent": "C. com., art. L134-12 : indemnité de fin de contrat de l'agent "
    "commercial, d'usage 2 années de commissions (jurisprudence)",
    "minimum_vrp": "ANI des VRP du 3 octobre 1975, art. 5 : VRP exclusif à temps plein, "
    "ressource minimale de 520 fois le SMIC horaire par trimestre, nette de frais "
    "professionnels",
}
"""Option → the French sentence citing its source (shown next to the option)."""

HEURES_MINIMUM_TRIMESTRE = 520
"""ANI des VRP (1975), art. 5: the quarterly minimum of an exclusive VRP, in hourly SMICs."""


@dataclass(frozen=True)
class Statut:
    """Un statut : fixe annuel, taux de commission (% du CA), taux de charges patronales (%)."""

    nom: str
    fixe_annuel: Decimal
    taux_commission: Decimal
    taux_charges: Decimal
    indemnite_par_an: Decimal = Decimal(0)
    """End-of-contract indemnity provisioned each year, as a fraction of the year's
    commission (years of commissions ÷ expected contract length in years)."""
    minimum_annuel: Decimal = Decimal(0)
    """Guaranteed yearly remuneration (exclusive VRP), 0 when none."""

    @property
    def a(self) -> Decimal:
        """Part fixe du coût : fixe × (1 + charges)."""
        return self.fixe_annuel * (1 + self.taux_charges / CENT_POUR_CENT)

    @property
    def b(self) -> Decimal:
        """Coût d'un euro de CA : taux × (1 + charges + provision d'indemnité)."""
        return (
            self.taux_commission
            / CENT_POUR_CENT
            * (1 + self.taux_charges / CENT_POUR_CENT + self.indemnite_par_an)
        )


def _provision(annees: object, duree: object, nom: str) -> Decimal:
    """Years of commissions ÷ contract length (0 when the option is off)."""
    if annees in (None, "", 0):
        return Decimal(0)
    a = nombre(annees, f"Indemnité ({nom}) : années de commissions")
    d = nombre(duree, f"Durée prévue du contrat ({nom}), en années")
    if a < 0 or d <= 0:
        raise SaisieInvalide(
            "la durée prévue du contrat doit être positive, les années d'indemnité aussi.",
            champ=f"Durée prévue du contrat ({nom})",
        )
    return a / d


def minimum_garanti_vrp(smic_horaire: object) -> Decimal:
    """Yearly guaranteed minimum of an exclusive VRP: 4 quarters × 520 × hourly SMIC.

    Exemple : SMIC 11,88 € → 520 × 11,88 = 6 177,60 € par trimestre, 24 710,40 € par an.
    """
    smic = montant(smic_horaire, "SMIC horaire brut")
    return arrondi_centime(4 * HEURES_MINIMUM_TRIMESTRE * smic)


def vrp(
    fixe_annuel: object,
    taux_commission: object,
    taux_charges: object = 45,
    *,
    nom: str = "VRP",
    indemnite_clientele_annees: object = 0,
    duree_contrat_ans: object = 5,
    smic_horaire: object = None,
) -> Statut:
    """Un VRP salarié : fixe + commission, charges patronales sur le tout ; en option
    l'indemnité de clientèle (années de commissions, C. trav. L7313-13) et le minimum garanti
    du VRP exclusif (``smic_horaire``, ANI de 1975)."""
    return Statut(
        nom,
        montant(fixe_annuel, f"Fixe annuel ({nom})"),
        taux(taux_commission, f"Commission ({nom})"),
        taux(taux_charges, f"Charges patronales ({nom})", maxi=None),
        _provision(indemnite_clientele_annees, duree_contrat_ans, nom),
        Decimal(0) if smic_horaire in (None, "") else minimum_garanti_vrp(smic_horaire),
    )


def agent_commercial(
    taux_commission: object,
    *,
    nom: str = "Agent commercial",
    indemnite_annees: object = 0,
    duree_contrat_ans: object = 5,
) -> Statut:
    """Un agent commercial : commission seule, pas de charges patronales ; en option
    l'indemnité de fin de contrat (années de commissions, C. com. L134-12)."""
    return Statut(
        nom,
        Decimal(0),
        taux(taux_commission, f"Commission ({nom})"),
        Decimal(0),
        _provision(indemnite_annees, duree_contrat_ans, nom),
    )


@dataclass(frozen=True)
class CoutStatut:
    """Ce que coûte un statut pour un CA donné."""

    statut: str
    chiffre_affaires: Decimal
    fixe: Decimal
    commission: Decimal
    charges: Decimal
    cout: Decimal
    cout_pct_ca: Decimal | None
    complement_minimum: Decimal = Decimal("0.00")
    indemnite: Decimal = Decimal("0.00")


def cout_statut(s: Statut, ca: object) -> CoutStatut:
    """Coût annuel : commission = CA × taux (au centime) ; complément au minimum garanti =
    minimum − (fixe + commission) s'il est positif ; charges = (fixe + commission +
    complément) × taux de charges (au centime) ; provision d'indemnité = commission × années ÷
    durée (au centime) ; coût = somme ; en % du CA au centième.

    Exemple : VRP fixe 24 000 €, 3 %, charges 45 %, CA 500 000 € : commission 15 000 € ;
    charges 39 000 × 45 % = 17 550 € ; coût 56 550 € (11,31 % du CA).
    """
    chiffre = montant(ca, "Chiffre d'affaires")
    commission = arrondi_centime(chiffre * s.taux_commission / CENT_POUR_CENT)
    complement = max(Decimal("0.00"), s.minimum_annuel - s.fixe_annuel - commission)
    charges = arrondi_centime(
        (s.fixe_annuel + commission + complement) * s.taux_charges / CENT_POUR_CENT
    )
    indemnite = arrondi_centime(commission * s.indemnite_par_an)
    cout = s.fixe_annuel + commission + complement + charges + indemnite
    pct = arrondi(cout * CENT_POUR_CENT / chiffre, 2) if chiffre else None
    return CoutStatut(
        s.nom, chiffre, s.fixe_annuel, commission, charges, cout, pct, complement, indemnite
    )


@dataclass(frozen=True)
class PointIndifference:
    """Où deux statuts coûtent la même chose (``ca`` None : les droites ne se croisent pas)."""

    premier: Statut
    second: Statut
    ca: Decimal | None
    cout: Decimal | None

    @property
    def lecture(self) -> str:
        """La lecture en français du point d'indifférence."""
        p, s = self.premier, self.second
        if self.ca is None:
            moins_cher = p if (p.a, p.b) <= (s.a, s.b) else s
            return (
                f"Pas de point d'indifférence : le statut « {moins_cher.nom} » coûte moins cher "
                "quel que soit le chiffre d'affaires."
            )
        fixe_fort, fixe_faible = (p, s) if p.a > s.a else (s, p)
        return (
            f"Les deux statuts coûtent {format_euros(self.cout)} pour un chiffre d'affaires de "
            f"{format_euros(self.ca)}. En dessous, le statut « {fixe_faible.nom} » est le moins "
            f"cher ; au-dessus, c'est le statut « {fixe_fort.nom} »."
        )


def point_indifference(premier: Statut, second: Statut) -> PointIndifference:
    """CA* = (a₁ − a₂) / (b₂ − b₁) au centime, et le coût du second statut à ce CA (celui du
    premier peut différer d'un centime : chaque poste est arrondi au centime).

    Exemple : VRP fixe 24 000 €, 3 %, charges 45 % → coût = 34 800 + 4,35 % × CA ; agent
    10 % → coût = 10 % × CA ; CA* = 34 800 / 0,0565 = 615 929,20 € ; coût 61 592,92 €.
    """
    pente = second.b - premier.b
    if pente == 0 or (premier.a - second.a) / pente <= 0:
        return PointIndifference(premier, second, None, None)
    ca = arrondi_centime((premier.a - second.a) / pente)
    return PointIndifference(premier, second, ca, cout_statut(second, ca).cout)


def courbes_de_cout(
    statuts: Sequence[Statut], ca_maxi: object, pas: int = 20
) -> list[tuple[Decimal, list[Decimal]]]:
    """Points (CA, [coût de chaque statut]) de 0 à ``ca_maxi``, ``pas`` intervalles."""
    maxi = montant(ca_maxi, "CA maximal")
    if pas < 1:
        raise SaisieInvalide("il faut au moins un intervalle.", champ="Pas")
    points = []
    for k in range(pas + 1):
        ca = arrondi_centime(maxi * k / pas)
        points.append((ca, [cout_statut(s, ca).cout for s in statuts]))
    return points
