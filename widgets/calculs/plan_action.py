"""Plan d'action commerciale : objectifs, actions datées et budgétées, planning, tableau de bord.

Calculs purs :

- un plan = des objectifs (CA HT, nouveaux clients) et des actions (responsable, dates,
  budget, effets attendus) ;
- budget total, effets attendus cumulés, couverture des objectifs ;
- planning type Gantt (semaines occupées par chaque action) ;
- tableau de bord : prévu / réalisé, écart en valeur et en %, favorable ou non
  (un écart positif est favorable pour un CA, défavorable pour un coût) ;
- décomposition de l'écart sur chiffre d'affaires en écart sur quantité et écart sur prix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from widgets.calculs.arrondis import arrondi_centime
from widgets.calculs.saisie import date_francaise, nombre
from widgets.erreurs import ErreurAtelier

VERSION_FORMAT = 1


def _argent(valeur: Decimal | int | float | str, champ: str) -> Decimal:
    """Montant au centime (arrondi commercial) ; le texte s'écrit à la française."""
    return arrondi_centime(nombre(valeur, champ=champ))


def _date(valeur: date | str, champ: str) -> date:
    return date_francaise(valeur, champ)


@dataclass
class Action:
    """Une action du plan : qui, quand, combien, pour quel effet attendu."""

    libelle: str
    responsable: str
    debut: date
    fin: date
    budget: Decimal = Decimal("0.00")
    ca_attendu: Decimal = Decimal("0.00")
    nouveaux_clients_attendus: int = 0

    def __post_init__(self) -> None:
        if not self.libelle.strip():
            raise ErreurAtelier("Donnez un libellé à l'action.", champ="libelle")
        self.debut = _date(self.debut, "debut")
        self.fin = _date(self.fin, "fin")
        if self.fin < self.debut:
            raise ErreurAtelier(
                f"l'action « {self.libelle} » finit avant d'avoir commencé.", champ="fin"
            )
        self.budget = _argent(self.budget, "budget")
        self.ca_attendu = _argent(self.ca_attendu, "ca_attendu")
        if self.budget < 0:
            raise ErreurAtelier("Le budget ne peut pas être négatif.", champ="budget")

    @property
    def duree_jours(self) -> int:
        """Durée calendaire, bornes comprises."""
        return (self.fin - self.debut).days + 1


@dataclass
class PlanAction:
    """Objectifs de la période et actions prévues pour les atteindre."""

    titre: str
    debut: date
    fin: date
    objectif_ca: Decimal = Decimal("0.00")
    objectif_nouveaux_clients: int = 0
    actions: list[Action] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.debut = _date(self.debut, "debut")
        self.fin = _date(self.fin, "fin")
        if self.fin < self.debut:
            raise ErreurAtelier("La période du plan finit avant d'avoir commencé.", champ="fin")
        self.objectif_ca = _argent(self.objectif_ca, "objectif_ca")

    @property
    def budget_total(self) -> Decimal:
        return sum((a.budget for a in self.actions), Decimal("0.00"))

    @property
    def ca_attendu(self) -> Decimal:
        return sum((a.ca_attendu for a in self.actions), Decimal("0.00"))

    @property
    def nouveaux_clients_attendus(self) -> int:
        return sum(a.nouveaux_clients_attendus for a in self.actions)

    def remarques(self) -> list[str]:
        """Ce qui ne va pas dans le plan, en français (liste vide si rien)."""
        r = []
        if not self.actions:
            r.append("Le plan ne contient aucune action.")
        for a in self.actions:
            if a.debut < self.debut or a.fin > self.fin:
                r.append(f"L'action « {a.libelle} » déborde de la période du plan.")
            if not a.responsable.strip():
                r.append(f"L'action « {a.libelle} » n'a pas de responsable.")
        if self.actions and self.ca_attendu < self.objectif_ca:
            r.append("Les actions prévues ne suffisent pas à atteindre l'objectif de CA.")
        if self.actions and self.nouveaux_clients_attendus < self.objectif_nouveaux_clients:
            r.append(
                "Les actions prévues ne suffisent pas à atteindre l'objectif de nouveaux clients."
            )
        return r

    def vers_dict(self) -> dict[str, Any]:
        def action(a: Action) -> dict[str, Any]:
            return {
                "libelle": a.libelle,
                "responsable": a.responsable,
                "debut": a.debut.isoformat(),
                "fin": a.fin.isoformat(),
                "budget": str(a.budget),
                "ca_attendu": str(a.ca_attendu),
                "nouveaux_clients_attendus": a.nouveaux_clients_attendus,
            }

        return {
            "format": VERSION_FORMAT,
            "titre": self.titre,
            "debut": self.debut.isoformat(),
            "fin": self.fin.isoformat(),
            "objectif_ca": str(self.objectif_ca),
            "objectif_nouveaux_clients": self.objectif_nouveaux_clients,
            "actions": [action(a) for a in self.actions],
        }

    @classmethod
    def depuis_dict(cls, d: Mapping[str, Any]) -> PlanAction:
        return cls(
            titre=str(d.get("titre", "")),
            debut=d["debut"],
            fin=d["fin"],
            objectif_ca=d.get("objectif_ca", "0"),
            objectif_nouveaux_clients=int(d.get("objectif_nouveaux_clients", 0)),
            actions=[
                Action(
                    a["libelle"],
                    a.get("responsable", ""),
                    a["debut"],
                    a["fin"],
                    a.get("budget", "0"),
                    a.get("ca_attendu", "0"),
                    int(a.get("nouveaux_clients_attendus", 0)),
                )
                for a in d.get("actions", [])
            ],
        )


def semaines(debut: date, fin: date) -> list[date]:
    """Les lundis des semaines couvertes par la période (colonnes du planning)."""
    lundi = debut - timedelta(days=debut.weekday())
    resultat = []
    while lundi <= fin:
        resultat.append(lundi)
        lundi += timedelta(days=7)
    return resultat


def planning_gantt(plan: PlanAction) -> list[tuple[str, list[bool]]]:
    """Pour chaque action, une case par semaine du plan : ``True`` si l'action l'occupe."""
    colonnes = semaines(plan.debut, plan.fin)
    lignes = []
    for a in plan.actions:
        cases = [lundi <= a.fin and lundi + timedelta(days=6) >= a.debut for lundi in colonnes]
        lignes.append((a.libelle, cases))
    return lignes


# --------------------------------------------------------------------------- tableau de bord


@dataclass(frozen=True)
class Ecart:
    """Une ligne du tableau de bord : prévu, réalisé, écart en valeur et en %."""

    indicateur: str
    prevu: Decimal
    realise: Decimal
    ecart: Decimal
    ecart_pct: Decimal | None
    favorable: bool

    @property
    def appreciation(self) -> str:
        if self.ecart == 0:
            return "conforme"
        return "favorable" if self.favorable else "défavorable"


def ecart(
    indicateur: str,
    prevu: Decimal | int | float | str,
    realise: Decimal | int | float | str,
    plus_est_mieux: bool = True,
) -> Ecart:
    """Écart = réalisé − prévu (au centime) ; écart en % = écart / prévu × 100 (au centième).

    ``plus_est_mieux`` : vrai pour un CA ou un nombre de clients (dépasser est favorable),
    faux pour un coût ou un budget (dépasser est défavorable).
    """
    p = _argent(prevu, "prevu")
    r = _argent(realise, "realise")
    e = r - p
    pct = arrondi_centime(e / p * 100) if p != 0 else None
    favorable = e >= 0 if plus_est_mieux else e <= 0
    return Ecart(indicateur, p, r, e, pct, favorable)


def tableau_de_bord(
    lignes: Sequence[tuple[str, Decimal | int | float | str, Decimal | int | float | str, bool]],
) -> list[Ecart]:
    """Le tableau de bord : une ligne (indicateur, prévu, réalisé, plus_est_mieux) par écart."""
    return [ecart(*ligne) for ligne in lignes]


@dataclass(frozen=True)
class EcartCA:
    """Écart sur CA = écart sur quantité + écart sur prix."""

    total: Decimal
    sur_quantite: Decimal
    sur_prix: Decimal


def decomposer_ecart_ca(
    quantite_budget: Decimal | int | str,
    prix_budget: Decimal | int | float | str,
    quantite_reelle: Decimal | int | str,
    prix_reel: Decimal | int | float | str,
) -> EcartCA:
    """Écart sur CA = CA réel − CA budgété = (Qr − Qb) × Pb + (Pr − Pb) × Qr.

    Exemple : budget 1 000 u. à 12 €, réel 1 100 u. à 11,50 € : écart sur quantité
    + 1 200,00 €, écart sur prix − 550,00 €, écart total + 650,00 €.
    """
    qb, qr = Decimal(str(quantite_budget)), Decimal(str(quantite_reelle))
    pb, pr = Decimal(str(prix_budget)), Decimal(str(prix_reel))
    sur_q = arrondi_centime((qr - qb) * pb)
    sur_p = arrondi_centime((pr - pb) * qr)
    return EcartCA(sur_q + sur_p, sur_q, sur_p)
