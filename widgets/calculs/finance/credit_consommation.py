"""Le crédit à la consommation comme argument de vente (S753) : crédit affecté, TAEG, coût
total du crédit, délai de rétractation.

Pure: a purchase price, a deposit, a borrowing rate, a number of monthly payments, optional
arrangement fees and the day the offer is accepted → the monthly payment, the total amount
due, the total cost of the credit, the TAEG and the last day of the withdrawal period.

- Monthly payments: constant, at the proportional monthly rate (taux débiteur / 12), the last
  one absorbing the rounding (:func:`widgets.calculs.finance.tableau_emprunt`).
- TAEG (C. consom. art. L314-1 to L314-4, R314-3): the annual rate, equivalent (actuarial), at
  which the payments, fees included, are worth the amount lent: (1 + r)^12 − 1 where
  ``montant du crédit − frais = Σ mensualité_k × (1 + r)^(−k)``; shown to two decimals.
- Withdrawal: 14 calendar days from the day the offer is accepted (art. L312-19).
- Crédit affecté (art. L312-44 and following): the credit finances this purchase only; the
  borrower's obligations start on delivery (art. L312-48) and the sale is cancelled if the
  credit is refused or the borrower withdraws (art. L312-52).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext
from typing import Any

from widgets.calculs._commun import vide
from widgets.calculs.arrondis import CENT, arrondi, arrondi_centime
from widgets.calculs.finance._outils import euros, lire_periodes, lire_taux, pourcent
from widgets.calculs.finance.emprunt import tableau_emprunt
from widgets.calculs.saisie import SaisieInvalide, montant

__all__ = ["DELAI_RETRACTATION_JOURS", "CreditAffecte", "credit_affecte"]

DELAI_RETRACTATION_JOURS = 14
"""C. consom. art. L312-19: 14 calendar days from the acceptance of the offer."""

MENTION_OBLIGATOIRE = (
    "Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement "
    "avant de vous engager."
)
"""The sentence every advertisement for a consumer credit carries (C. consom. art. L312-5)."""


@dataclass(frozen=True)
class CreditAffecte:
    """A consumer credit tied to one purchase, as the salesperson presents it."""

    prix: Decimal
    apport: Decimal
    montant_credit: Decimal
    nombre_mensualites: int
    taux_debiteur: Decimal
    frais: Decimal
    mensualite: Decimal
    derniere_mensualite: Decimal
    montant_total_du: Decimal
    cout_total_credit: Decimal
    taeg: Decimal
    fin_retractation: date | None
    arguments: tuple[str, ...]


def _valeur_actuelle(mensualites: list[Decimal], r: Decimal) -> Decimal:
    v, total = Decimal(1), Decimal(0)
    for m in mensualites:
        v /= 1 + r
        total += m * v
    return total


def _taeg(recu: Decimal, mensualites: list[Decimal]) -> Decimal:
    """Annual equivalent rate, in %, by bisection on the monthly rate (40 digits)."""
    with localcontext() as ctx:
        ctx.prec = 40
        bas, haut = Decimal(0), Decimal(1)
        for _ in range(200):
            milieu = (bas + haut) / 2
            if _valeur_actuelle(mensualites, milieu) > recu:
                bas = milieu
            else:
                haut = milieu
        return ((1 + (bas + haut) / 2) ** 12 - 1) * CENT


def credit_affecte(
    prix: Any,
    nombre_mensualites: Any,
    taux_debiteur: Any,
    apport: Any = 0,
    frais: Any = 0,
    date_acceptation: date | None = None,
) -> CreditAffecte:
    """The figures a salesperson must give for a credit tied to the sale.

    Example: 1 000 € at 12 % (1 % a month) over 2 months, no fees: 10 / (1 − 1,01^−2) =
    507,51 € a month (interest 10,00 then 5,02); total due 1 015,02 €; cost 15,02 €; monthly
    rate a hair under 1 % (the payment was rounded down), TAEG 1,01^12 − 1 ≈ 12,68 %.
    """
    p = montant(prix, "Prix TTC")
    a = Decimal("0.00") if vide(apport) else montant(apport, "Apport")
    f = Decimal("0.00") if vide(frais) else montant(frais, "Frais de dossier")
    if a >= p:
        raise SaisieInvalide(
            "l'apport couvre tout le prix : il n'y a pas de crédit.", champ="Apport"
        )
    n = lire_periodes(nombre_mensualites, "Nombre de mensualités")
    t = lire_taux(taux_debiteur, "Taux débiteur annuel")
    capital = p - a
    tableau = tableau_emprunt(capital, t / 12, n)
    mensualites = [ligne.annuite for ligne in tableau.lignes]
    du = sum(mensualites, Decimal("0.00")) + f
    cout = du - capital
    if f >= capital:
        raise SaisieInvalide("les frais dépassent le montant du crédit.", champ="Frais de dossier")
    taeg = arrondi(_taeg(capital - f, mensualites), 2)
    fin = date_acceptation + timedelta(days=DELAI_RETRACTATION_JOURS) if date_acceptation else None
    retractation = (
        f"jusqu'au {fin.strftime('%d/%m/%Y')} inclus"
        if fin
        else "pendant 14 jours calendaires après l'acceptation de l'offre"
    )
    arguments = (
        f"Crédit affecté à cet achat : {euros(capital)} empruntés ({euros(p)} − apport "
        f"{euros(a)}) ; le crédit ne finance que ce bien, et vos remboursements ne commencent "
        "qu'à la livraison (C. consom., art. L312-44 et L312-48).",
        f"{n} mensualités de {euros(arrondi_centime(mensualites[0]))}"
        + (
            f" (la dernière : {euros(mensualites[-1])})"
            if mensualites[-1] != mensualites[0]
            else ""
        )
        + f", au taux débiteur de {pourcent(t)}"
        + (f", frais de dossier {euros(f)}" if f else "")
        + ".",
        f"TAEG : {pourcent(taeg)} — le taux qui compare les crédits entre eux, frais compris "
        "(C. consom., art. L314-1 à L314-4).",
        f"Montant total dû : {euros(du)} ; coût total du crédit : {euros(cout)}.",
        f"Droit de rétractation : {retractation} (14 jours calendaires révolus à compter de "
        "l'acceptation de l'offre, C. consom., art. L312-19) ; s'il se rétracte, la vente est "
        "résolue de plein droit (art. L312-52).",
        MENTION_OBLIGATOIRE + " (C. consom., art. L312-5)",
    )
    return CreditAffecte(
        p,
        a,
        capital,
        n,
        t,
        f,
        mensualites[0],
        mensualites[-1],
        du,
        cout,
        taeg,
        fin,
        arguments,
    )
