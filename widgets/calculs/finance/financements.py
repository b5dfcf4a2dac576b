"""Comparer des modes de financement d'un bien : emprunt, crédit-bail, LOA, LLD (S512).

Each option becomes dated payments (period ``t`` of its own periodicity):

- emprunt : apport and frais de dossier at t = 0, then the payments of the loan table
  (terme échu, t = 1 … n) on ``prix − apport``; the firm owns the good;
- crédit-bail / LOA : premier loyer (majoré) at t = 0 if any, then the loyers (terme à échoir),
  then the option d'achat at the end of the contract; the firm owns the good if it lifts the
  option;
- LLD : premier loyer and loyers only; the good is returned at the end.

Coût total = Σ payments. Coût actualisé = Σ payment × (1 + ia)^(−t/p), where ``ia`` is the
annual discount rate and ``p`` the number of periods per year (equivalent rate, exact power),
rounded to the cent once on the total. Taxes (deductible loyers, amortissement) are left out,
as in the BTS NDRC course.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import vide
from widgets.calculs.finance._outils import (
    euros,
    facteur,
    lire_capital,
    lire_periodes,
    lire_taux,
    pourcent,
    puissance,
    puissances,
)
from widgets.calculs.finance.emprunt import tableau_emprunt
from widgets.calculs.finance.interets import taux_equivalent, taux_proportionnel
from widgets.calculs.saisie import SaisieInvalide, arrondi_centime, montant, quantite

__all__ = ["MODES_FINANCEMENT", "Comparaison", "CoutFinancement", "comparer_financements"]

MODES_FINANCEMENT = {
    "emprunt": "Emprunt",
    "credit-bail": "Crédit-bail",
    "loa": "LOA",
    "lld": "LLD",
}


def _cle_mode(valeur: Any) -> str:
    cle = str(valeur).strip().lower().replace("é", "e").replace(" ", "-")
    if cle not in MODES_FINANCEMENT:
        raise SaisieInvalide(
            f"« {valeur} » n'est pas un mode de financement : emprunt, crédit-bail, LOA ou LLD.",
            champ="Mode",
        )
    return cle


@dataclass(frozen=True)
class CoutFinancement:
    """One option: its payments, total and discounted cost, ownership at the end."""

    nom: str
    mode: str
    flux: tuple[tuple[int, Decimal, str], ...]
    periodes_par_an: int
    cout_total: Decimal
    cout_actualise: Decimal
    proprietaire: bool
    etapes: tuple[str, ...]


@dataclass(frozen=True)
class Comparaison:
    """All options sorted as given, the cheapest (discounted) and a French recommendation."""

    prix: Decimal
    taux_actualisation: Decimal
    options: tuple[CoutFinancement, ...]
    meilleure: CoutFinancement
    recommandation: str


def _montant_option(option: Mapping[str, Any], cle: str, nom: str, libelle: str) -> Decimal:
    valeur = option.get(cle, 0)
    return Decimal("0.00") if vide(valeur) else montant(valeur, f"{nom} — {libelle}")


def _flux_option(
    prix: Decimal, option: Mapping[str, Any]
) -> tuple[str, str, int, list[tuple[int, Decimal, str]], bool]:
    mode = _cle_mode(option.get("mode", ""))
    nom = str(option.get("nom") or MODES_FINANCEMENT[mode])
    p = quantite(option.get("periodes_par_an", 12), f"{nom} — périodes par an")
    if p not in (1, 2, 4, 12):
        raise SaisieInvalide(
            "une période est l'année (1), le semestre (2), le trimestre (4) ou le mois (12).",
            champ=f"{nom} — périodes par an",
        )
    flux: list[tuple[int, Decimal, str]] = []
    if mode == "emprunt":
        apport = _montant_option(option, "apport", nom, "apport")
        frais = _montant_option(option, "frais", nom, "frais de dossier")
        if apport >= prix:
            raise SaisieInvalide(
                "l'apport couvre tout le prix : il n'y a rien à emprunter.", champ=f"{nom} — apport"
            )
        taux_annuel = lire_taux(option.get("taux"), f"{nom} — taux annuel")
        n = lire_periodes(option.get("periodes"), f"{nom} — nombre d'échéances")
        calcul = str(option.get("taux_periodique", "proportionnel"))
        if p == 1:
            i = taux_annuel
        elif calcul.startswith("equivalent") or calcul.startswith("équivalent"):
            i = taux_equivalent(taux_annuel, p)
        else:
            i = taux_proportionnel(taux_annuel, p)
        if apport:
            flux.append((0, apport, "Apport"))
        if frais:
            flux.append((0, frais, "Frais de dossier"))
        tableau = tableau_emprunt(prix - apport, i, n)
        flux.extend((ligne.periode, ligne.annuite, "Échéance") for ligne in tableau.lignes)
        return nom, mode, p, flux, True
    premier = _montant_option(option, "premier_loyer", nom, "premier loyer")
    loyer = _montant_option(option, "loyer", nom, "loyer")
    n = lire_periodes(option.get("nombre_loyers"), f"{nom} — nombre de loyers")
    debut = 1 if premier else 0
    if premier:
        flux.append((0, premier, "Premier loyer"))
    flux.extend((debut + k, loyer, "Loyer") for k in range(n))
    fin_contrat = debut + n
    proprietaire = False
    if mode != "lld":
        option_achat = _montant_option(option, "option_achat", nom, "option d'achat")
        if option_achat:
            flux.append((fin_contrat, option_achat, "Option d'achat"))
        proprietaire = option.get("lever_option", True) is not False
        if not proprietaire:
            flux = [f for f in flux if f[2] != "Option d'achat"]
    return nom, mode, p, flux, proprietaire


def comparer_financements(
    prix: Any, options: Sequence[Mapping[str, Any]], taux_actualisation: Any = "5 %"
) -> Comparaison:
    """Coût total et coût actualisé de chaque option, la moins chère et une phrase de conseil.

    ``options``: mappings with ``mode`` (emprunt, crédit-bail, LOA, LLD), ``nom`` and, for an
    emprunt, ``taux`` (annual), ``periodes``, ``periodes_par_an`` (12), ``apport``, ``frais``,
    ``taux_periodique`` (``"proportionnel"`` or ``"equivalent"``); for a rental,
    ``premier_loyer``, ``loyer``, ``nombre_loyers``, ``periodes_par_an``, ``option_achat``.
    """
    p_bien = lire_capital(prix, "Prix du bien")
    ta = lire_taux(taux_actualisation, "Taux d'actualisation")
    if not options:
        raise SaisieInvalide("donnez au moins un mode de financement.", champ="Options")
    resultats = []
    ta_texte = pourcent(ta)
    for option in options:
        nom, mode, p, flux, proprietaire = _flux_option(p_bien, option)
        total = sum((f[1] for f in flux), Decimal("0.00"))
        # one periodic discount factor, then integer powers (exact enough and fast)
        v = puissances(puissance(facteur(ta), Decimal(-1) / p), max(f[0] for f in flux))
        actualise = arrondi_centime(sum((f[1] * v[f[0]] for f in flux), Decimal(0)))
        etapes = (
            f"Coût total = somme des {len(flux)} versements = {euros(total)}",
            f"Coût actualisé à {ta_texte} par an = Σ versement × (1 + {ta_texte})"
            f"^(−t/{p}) = {euros(actualise)}",
            f"Surcoût par rapport au prix comptant : {euros(total - p_bien)}"
            if total >= p_bien
            else f"Coût total inférieur au prix comptant de {euros(p_bien - total)}",
        )
        resultats.append(
            CoutFinancement(nom, mode, tuple(flux), p, total, actualise, proprietaire, etapes)
        )
    meilleure = min(resultats, key=lambda r: r.cout_actualise)
    phrase = (
        f"Au taux d'actualisation de {pourcent(ta)}, le financement le moins coûteux est "
        f"« {meilleure.nom} » (coût actualisé {euros(meilleure.cout_actualise)}"
    )
    autres = sorted((r for r in resultats if r is not meilleure), key=lambda r: r.cout_actualise)
    if autres:
        suivant = autres[0]
        ecart = suivant.cout_actualise - meilleure.cout_actualise
        phrase += f", soit {euros(ecart)} de moins que « {suivant.nom} »"
    phrase += ")."
    if not meilleure.proprietaire:
        phrase += (
            " Attention : avec cette formule, le bien n'appartient pas à l'entreprise à la fin "
            "du contrat ; comparez aussi avec une formule qui en laisse la propriété."
        )
    if meilleure.cout_actualise > p_bien:
        phrase += (
            f" Payer comptant ({euros(p_bien)}) reviendrait moins cher, si la trésorerie le permet."
        )
    return Comparaison(p_bien, ta, tuple(resultats), meilleure, phrase)
