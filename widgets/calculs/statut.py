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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from widgets.calculs.arrondis import CENT as CENT_POUR_CENT
from widgets.calculs.arrondis import arrondi, arrondi_centime
from widgets.calculs.format import format_euros
from widgets.calculs.saisie import SaisieInvalide, montant, taux


@dataclass(frozen=True)
class Statut:
    """Un statut : fixe annuel, taux de commission (% du CA), taux de charges patronales (%)."""

    nom: str
    fixe_annuel: Decimal
    taux_commission: Decimal
    taux_charges: Decimal

    @property
    def a(self) -> Decimal:
        """Part fixe du coût : fixe × (1 + charges)."""
        return self.fixe_annuel * (1 + self.taux_charges / CENT_POUR_CENT)

    @property
    def b(self) -> Decimal:
        """Coût d'un euro de CA : taux × (1 + charges)."""
        return self.taux_commission / CENT_POUR_CENT * (1 + self.taux_charges / CENT_POUR_CENT)


def vrp(
    fixe_annuel: object, taux_commission: object, taux_charges: object = 45, *, nom: str = "VRP"
) -> Statut:
    """Un VRP salarié : fixe + commission, charges patronales sur le tout."""
    return Statut(
        nom,
        montant(fixe_annuel, f"Fixe annuel ({nom})"),
        taux(taux_commission, f"Commission ({nom})"),
        taux(taux_charges, f"Charges patronales ({nom})", maxi=None),
    )


def agent_commercial(taux_commission: object, *, nom: str = "Agent commercial") -> Statut:
    """Un agent commercial : commission seule, pas de charges patronales."""
    return Statut(nom, Decimal(0), taux(taux_commission, f"Commission ({nom})"), Decimal(0))


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


def cout_statut(s: Statut, ca: object) -> CoutStatut:
    """Coût annuel : commission = CA × taux (au centime) ; charges = (fixe + commission) ×
    taux de charges (au centime) ; coût = fixe + commission + charges ; en % du CA au centième.

    Exemple : VRP fixe 24 000 €, 3 %, charges 45 %, CA 500 000 € : commission 15 000 € ;
    charges 39 000 × 45 % = 17 550 € ; coût 56 550 € (11,31 % du CA).
    """
    chiffre = montant(ca, "Chiffre d'affaires")
    commission = arrondi_centime(chiffre * s.taux_commission / CENT_POUR_CENT)
    charges = arrondi_centime((s.fixe_annuel + commission) * s.taux_charges / CENT_POUR_CENT)
    cout = s.fixe_annuel + commission + charges
    pct = arrondi(cout * CENT_POUR_CENT / chiffre, 2) if chiffre else None
    return CoutStatut(s.nom, chiffre, s.fixe_annuel, commission, charges, cout, pct)


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
