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
rounded to the cent once on the total: the cash outflows only.

Coût net actualisé (the figure a BTS corrigé compares, and the one the recommendation ranks):

- amounts HT, VAT recoverable; for a passenger car (véhicule de tourisme) the VAT is not
  recoverable: price, rents and option are taken TTC (× 1,20) and the car is depreciated TTC
  (CGI, annexe II, art. 206, IV, 2, 6°; BOI-TVA-DED-30-30-20);
- the IS saving (taux d'IS set by the student, 25 % by default; 15 % reduced rate for the first
  42 500 € of an SME's profit, CGI art. 219, I-b): rate × deductible charges of each year —
  interest, frais de dossier and straight-line depreciation of the good for a loan; rents for a
  crédit-bail, a LOA or an LLD — received at the end of the year the charge is booked (the firm
  is assumed to make a profit);
- the residual value of an owned good at the end of the contract (loan, or crédit-bail whose
  option is lifted): sold at the value given, the gain over the net book value (the purchase
  option for a crédit-bail) taxed at the same IS rate;
- every flow discounted at the chosen rate, rounded to the cent once on the total.
The ceilings on the deduction of a passenger car's depreciation and rents (CGI art. 39, 4) are
not applied.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import vide
from widgets.calculs.finance._outils import (
    CENT,
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

__all__ = [
    "MODES_FINANCEMENT",
    "TAUX_IS_NORMAL",
    "TAUX_IS_REDUIT",
    "Comparaison",
    "CoutFinancement",
    "comparer_financements",
]

TAUX_IS_NORMAL = Decimal(25)
"""Normal corporate income tax rate, in % (CGI art. 219, I)."""
TAUX_IS_REDUIT = Decimal(15)
"""Reduced rate of an SME on its first 42 500 € of profit (CGI art. 219, I-b)."""
TAUX_TVA_NORMAL = Decimal(20)

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
    economies_impot: tuple[tuple[int, Decimal, str], ...] = ()
    valeur_residuelle_nette: Decimal = Decimal("0.00")
    periode_fin: int = 0
    cout_net_actualise: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class Comparaison:
    """All options sorted as given, the cheapest (discounted) and a French recommendation."""

    prix: Decimal
    taux_actualisation: Decimal
    options: tuple[CoutFinancement, ...]
    meilleure: CoutFinancement
    recommandation: str
    taux_is: Decimal = TAUX_IS_NORMAL
    conventions: tuple[str, ...] = ()


def _montant_option(option: Mapping[str, Any], cle: str, nom: str, libelle: str) -> Decimal:
    valeur = option.get(cle, 0)
    return Decimal("0.00") if vide(valeur) else montant(valeur, f"{nom} — {libelle}")


@dataclass
class _Option:
    nom: str
    mode: str
    p: int
    flux: list[tuple[int, Decimal, str]]
    proprietaire: bool
    charges: list[tuple[int, Decimal]]  # (year, deductible charge other than depreciation)
    fin: int  # period of the last flow of the contract
    valeur_comptable: Decimal | None  # book value of the owned good when bought, or None


def _flux_option(prix: Decimal, option: Mapping[str, Any], coef_tva: Decimal) -> _Option:
    mode = _cle_mode(option.get("mode", ""))
    nom = str(option.get("nom") or MODES_FINANCEMENT[mode])
    p = quantite(option.get("periodes_par_an", 12), f"{nom} — périodes par an")
    if p not in (1, 2, 4, 12):
        raise SaisieInvalide(
            "une période est l'année (1), le semestre (2), le trimestre (4) ou le mois (12).",
            champ=f"{nom} — périodes par an",
        )

    def ttc(x: Decimal) -> Decimal:
        return arrondi_centime(x * coef_tva)

    flux: list[tuple[int, Decimal, str]] = []
    charges: list[tuple[int, Decimal]] = []
    if mode == "emprunt":
        apport = _montant_option(option, "apport", nom, "apport")
        frais = _montant_option(option, "frais", nom, "frais de dossier")
        if apport >= ttc(prix):
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
            charges.append((1, frais))
        tableau = tableau_emprunt(ttc(prix) - apport, i, n)
        flux.extend((ligne.periode, ligne.annuite, "Échéance") for ligne in tableau.lignes)
        # interest paid at the end of period t belongs to the year of that period
        charges.extend((_annee(ligne.periode, p), ligne.interet) for ligne in tableau.lignes)
        return _Option(nom, mode, p, flux, True, charges, n, ttc(prix))
    premier = ttc(_montant_option(option, "premier_loyer", nom, "premier loyer"))
    loyer = ttc(_montant_option(option, "loyer", nom, "loyer"))
    n = lire_periodes(option.get("nombre_loyers"), f"{nom} — nombre de loyers")
    debut = 1 if premier else 0
    if premier:
        flux.append((0, premier, "Premier loyer"))
    flux.extend((debut + k, loyer, "Loyer") for k in range(n))
    # a rent paid in advance at t covers period t + 1: it is a charge of that period's year
    charges.extend((t // p + 1, montant_) for t, montant_, _ in flux)
    fin_contrat = debut + n
    proprietaire = False
    valeur_comptable = None
    if mode != "lld":
        option_achat = ttc(_montant_option(option, "option_achat", nom, "option d'achat"))
        proprietaire = option.get("lever_option", True) is not False
        if proprietaire:
            if option_achat:
                flux.append((fin_contrat, option_achat, "Option d'achat"))
            valeur_comptable = option_achat
    return _Option(nom, mode, p, flux, proprietaire, charges, fin_contrat, valeur_comptable)


def _annee(periode: int, p: int) -> int:
    """The year (1, 2, …) a flow of period ``periode`` belongs to (t = 0 is in year 1)."""
    return max(1, -(-periode // p))


def _conventions(
    ta: Decimal, taux_is: Decimal, coef_tva: Decimal, duree: int, vr: Decimal
) -> tuple[str, ...]:
    tva = (
        "Montants hors taxes : la TVA payée sur le bien et les loyers est récupérable."
        if coef_tva == 1
        else "Véhicule de tourisme : TVA non récupérable (CGI, annexe II, art. 206, IV) : "
        f"prix, loyers et option sont pris TTC (TVA de {pourcent(TAUX_TVA_NORMAL)}) et le "
        "véhicule est amorti TTC ; les plafonds de déduction des véhicules de tourisme "
        "(CGI art. 39, 4) ne sont pas appliqués."
    )
    return (
        tva,
        "Dates des flux : apport et frais au départ, échéances d'emprunt en fin de période, "
        "loyers en début de période (le premier loyer majoré au départ, déduit la première "
        "année), option d'achat et revente à la fin du contrat.",
        f"Économie d'impôt au taux d'IS de {pourcent(taux_is)} (taux normal 25 % ; taux réduit "
        "15 % pour une PME sur ses 42 500 premiers euros de bénéfice, CGI art. 219, I-b) sur "
        "les charges déductibles : intérêts, frais de dossier et amortissement linéaire du bien "
        f"sur {duree} an{'s' if duree > 1 else ''} pour l'emprunt ; loyers pour le crédit-bail, "
        "la LOA et la LLD. Elle est encaissée à la fin de l'année de la charge (même exercice), "
        "l'entreprise étant supposée bénéficiaire.",
        f"Valeur résiduelle du bien détenu à la fin du contrat : {euros(vr)}, supposé revendu ; "
        "la plus-value (prix de revente − valeur nette comptable ; pour le crédit-bail, la "
        "valeur comptable est l'option d'achat) est imposée au même taux d'IS. La LLD ne "
        "laisse aucun bien.",
        f"Actualisation au taux annuel de {pourcent(ta)} : flux × (1 + taux)^(−mois/12) ; "
        "coût net actualisé = versements − économies d'impôt − valeur résiduelle nette, "
        "arrondi au centime sur le total.",
    )


def comparer_financements(
    prix: Any,
    options: Sequence[Mapping[str, Any]],
    taux_actualisation: Any = "5 %",
    *,
    taux_is: Any = TAUX_IS_NORMAL,
    valeur_residuelle: Any = 0,
    duree_amortissement: Any = 5,
    vehicule_tourisme: bool = False,
) -> Comparaison:
    """Coût total, coût actualisé et coût net actualisé de chaque option, la moins chère
    (net) et une phrase de conseil.

    ``options``: mappings with ``mode`` (emprunt, crédit-bail, LOA, LLD), ``nom`` and, for an
    emprunt, ``taux`` (annual), ``periodes``, ``periodes_par_an`` (12), ``apport``, ``frais``,
    ``taux_periodique`` (``"proportionnel"`` or ``"equivalent"``); for a rental,
    ``premier_loyer``, ``loyer``, ``nombre_loyers``, ``periodes_par_an``, ``option_achat``,
    ``lever_option``. Amounts are HT; ``vehicule_tourisme`` takes them TTC (VAT not
    recoverable). ``taux_is`` (%), ``valeur_residuelle`` (resale value of the good at the end of
    the contract) and ``duree_amortissement`` (years, straight line) give the net cost; see the
    module docstring for the conventions, repeated in ``Comparaison.conventions``.
    """
    p_bien = lire_capital(prix, "Prix du bien")
    ta = lire_taux(taux_actualisation, "Taux d'actualisation")
    t_is = lire_taux(taux_is, "Taux d'IS")
    vr = montant(valeur_residuelle, "Valeur résiduelle") if not vide(valeur_residuelle) else 0
    vr = arrondi_centime(Decimal(vr))
    duree = lire_periodes(duree_amortissement, "Durée d'amortissement (ans)")
    coef_tva = facteur(TAUX_TVA_NORMAL) if vehicule_tourisme else Decimal(1)
    if not options:
        raise SaisieInvalide("donnez au moins un mode de financement.", champ="Options")
    resultats = []
    ta_texte = pourcent(ta)
    is_texte = pourcent(t_is)
    for option in options:
        o = _flux_option(p_bien, option, coef_tva)
        flux, p = o.flux, o.p
        total = sum((f[1] for f in flux), Decimal("0.00"))
        annees = _annee(max(o.fin, max(f[0] for f in flux)), p)
        fin = annees * p
        # one periodic discount factor, then integer powers (exact enough and fast)
        v = puissances(puissance(facteur(ta), Decimal(-1) / p), fin)
        actualise = arrondi_centime(sum((f[1] * v[f[0]] for f in flux), Decimal(0)))
        # IS saving of each year, on the deductible charges of that year
        charges_par_an = [Decimal(0)] * (annees + 1)
        for annee, charge in o.charges:
            charges_par_an[annee] += charge
        dotation = Decimal(0)
        amorti = Decimal(0)
        if o.mode == "emprunt":
            dotation = o.valeur_comptable / duree
        economies = []
        for annee in range(1, annees + 1):
            charge = charges_par_an[annee]
            if o.mode == "emprunt" and annee <= duree:
                charge += dotation
                amorti += dotation
            eco = arrondi_centime(charge * t_is / CENT)
            if eco:
                economies.append((annee * p, eco, f"Économie d'IS de l'année {annee}"))
        vr_nette = Decimal("0.00")
        if o.proprietaire and vr:
            vnc = o.valeur_comptable - (amorti if o.mode == "emprunt" else 0)
            vr_nette = arrondi_centime(vr - (vr - vnc) * t_is / CENT)
        net = arrondi_centime(
            sum((f[1] * v[f[0]] for f in flux), Decimal(0))
            - sum((e[1] * v[e[0]] for e in economies), Decimal(0))
            - vr_nette * v[fin]
        )
        total_eco = sum((e[1] for e in economies), Decimal("0.00"))
        etapes = (
            f"Coût total = somme des {len(flux)} versements = {euros(total)}",
            f"Coût actualisé à {ta_texte} par an = Σ versement × (1 + {ta_texte})"
            f"^(−t/{p}) = {euros(actualise)}",
            f"Économies d'IS ({is_texte} des charges déductibles, fin de chaque année) : "
            f"{euros(total_eco)} en {len(economies)} an{'s' if len(economies) > 1 else ''}",
            f"Valeur résiduelle nette d'impôt à la fin du contrat : {euros(vr_nette)}"
            if o.proprietaire
            else "Pas de valeur résiduelle : le bien est rendu à la fin du contrat",
            f"Coût net actualisé = versements − économies d'IS − valeur résiduelle nette, "
            f"actualisés = {euros(net)}",
            f"Surcoût par rapport au prix comptant : {euros(total - p_bien)}"
            if total >= p_bien
            else f"Coût total inférieur au prix comptant de {euros(p_bien - total)}",
        )
        resultats.append(
            CoutFinancement(
                o.nom,
                o.mode,
                tuple(flux),
                p,
                total,
                actualise,
                o.proprietaire,
                etapes,
                tuple(economies),
                vr_nette,
                fin,
                net,
            )
        )
    meilleure = min(resultats, key=lambda r: r.cout_net_actualise)
    phrase = (
        f"Au taux d'actualisation de {pourcent(ta)}, après économies d'impôt (IS à "
        f"{is_texte}) et valeur résiduelle du bien détenu, le financement le moins coûteux est "
        f"« {meilleure.nom} » (coût net actualisé {euros(meilleure.cout_net_actualise)}"
    )
    autres = sorted(
        (r for r in resultats if r is not meilleure), key=lambda r: r.cout_net_actualise
    )
    if autres:
        suivant = autres[0]
        ecart = suivant.cout_net_actualise - meilleure.cout_net_actualise
        phrase += f", soit {euros(ecart)} de moins que « {suivant.nom} »"
    phrase += ")."
    if not meilleure.proprietaire:
        phrase += (
            " Avec cette formule, le bien n'appartient pas à l'entreprise à la fin du contrat : "
            "vérifiez que la valeur résiduelle retenue pour les autres formules est réaliste."
        )
    return Comparaison(
        p_bien,
        ta,
        tuple(resultats),
        meilleure,
        phrase,
        t_is,
        _conventions(ta, t_is, coef_tva, duree, vr),
    )
