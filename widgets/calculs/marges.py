"""Marges, taux de marge, taux de marque, coefficients et prix de vente (savoir S513).

Formules du formulaire::

    Marge unitaire            = PV HT − coût d'achat HT
    Taux de marge             = marge / coût d'achat HT × 100
    Taux de marque            = marge / PV HT × 100
    Coefficient multiplicateur = PV TTC / coût d'achat HT      (``coefficient``)
    Coefficient HT            = PV HT / coût d'achat HT        (``coefficient_ht``)
    PV TTC                    = PV HT × (1 + taux de TVA)

Conventions d'arrondi (décidées ici, testées à la main) :

- les **montants** (coût, PV HT, PV TTC, marge) sont arrondis au centime, demi au-dessus, et
  chaque montant est calculé à partir des montants arrondis précédents, comme sur la copie
  (PV HT arrondi, puis PV TTC = PV HT arrondi × 1,2 arrondi). Exception : quand le coefficient
  multiplicateur (TTC) est donné, on calcule d'abord PV TTC = coût × coefficient, puis
  PV HT = PV TTC / (1 + TVA) ;
- les **taux** sont donnés en % et arrondis à 2 décimales (33,33 %), les **coefficients** à 4
  décimales (1,7143) ; ils sont calculés à partir de la donnée exacte quand un taux ou un
  coefficient est donné (taux de marque 30 % → taux de marge 30 / 70 = 42,86 %), sinon à
  partir des montants ;
- un montant fourni est arrondi au centime ; un taux ou un coefficient fourni est rendu tel
  quel (pas arrondi).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import CENT, vide
from widgets.calculs._commun import euros as _e
from widgets.calculs._commun import pourcent as _p
from widgets.calculs.format import espaces_normales, format_nombre
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, montant, nombre, taux

__all__ = [
    "Marges",
    "marges",
    "prix_de_vente",
    "resoudre_marges",
    "taux_de_marge_depuis_marque",
    "taux_de_marque_depuis_marge",
]

DECIMALES_TAUX = 2
DECIMALES_COEFFICIENT = 4

LIBELLES = {
    "cout_achat_ht": "Coût d'achat HT",
    "prix_vente_ht": "Prix de vente HT",
    "prix_vente_ttc": "Prix de vente TTC",
    "marge": "Marge unitaire",
    "taux_de_marge": "Taux de marge",
    "taux_de_marque": "Taux de marque",
    "coefficient": "Coefficient multiplicateur",
    "coefficient_ht": "Coefficient HT",
}
_ARTICLES = {
    "cout_achat_ht": "le coût d'achat HT",
    "prix_vente_ht": "le prix de vente HT",
    "prix_vente_ttc": "le prix de vente TTC",
    "marge": "la marge",
    "taux_de_marge": "le taux de marge",
    "taux_de_marque": "le taux de marque",
    "coefficient": "le coefficient multiplicateur",
    "coefficient_ht": "le coefficient HT",
}
_PRIORITE = tuple(LIBELLES)
_RAPPORTS = ("taux_de_marge", "taux_de_marque", "coefficient", "coefficient_ht")
_PRIX = ("prix_vente_ht", "prix_vente_ttc")


@dataclass(frozen=True)
class Marges:
    """Tous les chiffres d'un prix : montants (au centime), taux (en %), coefficients.

    ``coefficient`` = PV TTC / coût d'achat HT ; ``coefficient_ht`` = PV HT / coût d'achat HT.
    ``donnees`` : les noms des chiffres fournis ; ``etapes`` : les calculs écrits en français.
    """

    cout_achat_ht: Decimal
    prix_vente_ht: Decimal
    prix_vente_ttc: Decimal
    taux_tva: Decimal
    marge: Decimal
    taux_de_marge: Decimal
    taux_de_marque: Decimal
    coefficient: Decimal
    coefficient_ht: Decimal
    donnees: tuple[str, ...]
    etapes: tuple[str, ...]
    avertissements: tuple[str, ...]


def taux_de_marque_depuis_marge(taux_de_marge: Any, decimales: int | None = None) -> Decimal:
    """Taux de marque = taux de marge / (1 + taux de marge), en % : 25 → 20.

    ``decimales=None`` : résultat exact (précision de Decimal) ; sinon arrondi demi au-dessus.
    """
    t = taux(taux_de_marge, "Taux de marge", maxi=None)
    resultat = CENT * t / (CENT + t)
    return resultat if decimales is None else arrondi(resultat, decimales)


def taux_de_marge_depuis_marque(taux_de_marque: Any, decimales: int | None = None) -> Decimal:
    """Taux de marge = taux de marque / (1 − taux de marque), en % : 20 → 25.

    Le taux de marque doit être strictement inférieur à 100 %.
    """
    t = taux(taux_de_marque, "Taux de marque", strict_maxi=True)
    resultat = CENT * t / (CENT - t)
    return resultat if decimales is None else arrondi(resultat, decimales)


def _strictement_positif(valeur: Decimal, cle: str, brut: Any) -> Decimal:
    if valeur <= 0:
        raise SaisieInvalide(
            f"« {brut} » : il faut un nombre plus grand que zéro.", champ=LIBELLES[cle]
        )
    return valeur


def _lire(cle: str, brut: Any) -> Decimal:
    champ = LIBELLES[cle]
    if cle in ("cout_achat_ht", "prix_vente_ht", "prix_vente_ttc"):
        return arrondi_centime(_strictement_positif(montant(brut, champ), cle, brut))
    if cle == "marge":
        return arrondi_centime(montant(brut, champ, positif=False))
    if cle == "taux_de_marge":
        return taux(brut, champ, maxi=None)
    if cle == "taux_de_marque":
        return taux(brut, champ, strict_maxi=True)
    return _strictement_positif(nombre(brut, champ), cle, brut)


def _rapport_ht(cle: str, valeur: Decimal, f: Decimal) -> Decimal:
    """PV HT / coût d'achat HT, exact, à partir d'un taux ou d'un coefficient."""
    if cle == "taux_de_marge":
        return 1 + valeur / CENT
    if cle == "taux_de_marque":
        return 1 / (1 - valeur / CENT)
    if cle == "coefficient_ht":
        return valeur
    return valeur / f


def _determinent(a: str, b: str) -> bool:
    if a in _RAPPORTS and b in _RAPPORTS:
        return False
    return not (a in _PRIX and b in _PRIX)


def _liste(cles: list[str]) -> str:
    noms = [_ARTICLES[c] for c in cles]
    return noms[0] if len(noms) == 1 else ", ".join(noms[:-1]) + " et " + noms[-1]


def _n(valeur: Decimal) -> str:
    return espaces_normales(format_nombre(valeur, decimales_maxi=DECIMALES_COEFFICIENT))


def _resoudre_paire(d: dict[str, Decimal], f: Decimal) -> tuple[Decimal, Decimal, Decimal, str]:
    """(coût, PV HT, PV TTC, explication) à partir de deux données qui se déterminent."""
    cle_rapport = next((c for c in d if c in _RAPPORTS), None)
    r = _rapport_ht(cle_rapport, d[cle_rapport], f) if cle_rapport else None
    ttc = None
    if "cout_achat_ht" in d:
        cout = d["cout_achat_ht"]
        if "prix_vente_ht" in d:
            pv = d["prix_vente_ht"]
            methode = ""
        elif "prix_vente_ttc" in d:
            ttc = d["prix_vente_ttc"]
            pv = arrondi_centime(ttc / f)
            methode = f"PV HT = PV TTC / (1 + TVA) = {_e(ttc)} / {_n(f)} = {_e(pv)}"
        elif "marge" in d:
            pv = cout + d["marge"]
            methode = f"PV HT = coût d'achat HT + marge = {_e(cout)} + {_e(d['marge'])} = {_e(pv)}"
        elif cle_rapport == "coefficient":
            ttc = arrondi_centime(cout * d["coefficient"])
            pv = arrondi_centime(ttc / f)
            methode = (
                f"PV TTC = coût d'achat HT × coefficient = {_e(cout)} × "
                f"{_n(d['coefficient'])} = {_e(ttc)} ; PV HT = PV TTC / {_n(f)} = {_e(pv)}"
            )
        elif cle_rapport == "taux_de_marque":
            pv = arrondi_centime(cout * r)
            methode = (
                f"PV HT = coût d'achat HT / (1 − taux de marque) = {_e(cout)} / "
                f"{_n(1 - d['taux_de_marque'] / CENT)} = {_e(pv)}"
            )
        elif cle_rapport == "taux_de_marge":
            pv = arrondi_centime(cout * r)
            methode = (
                f"PV HT = coût d'achat HT × (1 + taux de marge) = {_e(cout)} × {_n(r)} = {_e(pv)}"
            )
        else:
            pv = arrondi_centime(cout * r)
            methode = f"PV HT = coût d'achat HT × coefficient HT = {_e(cout)} × {_n(r)} = {_e(pv)}"
    elif "prix_vente_ht" in d or "prix_vente_ttc" in d:
        if "prix_vente_ht" in d:
            pv = d["prix_vente_ht"]
            debut = ""
        else:
            ttc = d["prix_vente_ttc"]
            pv = arrondi_centime(ttc / f)
            debut = f"PV HT = PV TTC / {_n(f)} = {_e(pv)} ; "
        if "marge" in d:
            cout = pv - d["marge"]
            methode = f"coût d'achat HT = PV HT − marge = {_e(pv)} − {_e(d['marge'])} = {_e(cout)}"
        elif cle_rapport == "coefficient":
            if ttc is None:
                ttc = arrondi_centime(pv * f)
                debut = f"PV TTC = PV HT × {_n(f)} = {_e(ttc)} ; "
            cout = arrondi_centime(ttc / d["coefficient"])
            methode = (
                f"coût d'achat HT = PV TTC / coefficient = {_e(ttc)} / "
                f"{_n(d['coefficient'])} = {_e(cout)}"
            )
        elif cle_rapport == "taux_de_marque":
            cout = arrondi_centime(pv * (1 - d["taux_de_marque"] / CENT))
            methode = (
                f"coût d'achat HT = PV HT × (1 − taux de marque) = {_e(pv)} × "
                f"{_n(1 - d['taux_de_marque'] / CENT)} = {_e(cout)}"
            )
        else:
            cout = arrondi_centime(pv / r)
            nom = "(1 + taux de marge)" if cle_rapport == "taux_de_marge" else "coefficient HT"
            methode = f"coût d'achat HT = PV HT / {nom} = {_e(pv)} / {_n(r)} = {_e(cout)}"
        methode = debut + methode
    else:  # marge + un taux ou un coefficient
        m = d["marge"]
        if r == 1:
            raise SaisieInvalide(
                "avec ce taux, le prix de vente HT égale le coût d'achat : la marge ne permet "
                "pas de retrouver les prix. Donnez aussi le coût d'achat ou le prix de vente.",
                champ=LIBELLES["marge"],
            )
        if cle_rapport == "taux_de_marque":
            pv = arrondi_centime(m / (d["taux_de_marque"] / CENT))
            cout = pv - m
            methode = (
                f"PV HT = marge / taux de marque = {_e(m)} / "
                f"{_n(d['taux_de_marque'] / CENT)} = {_e(pv)}"
            )
        else:
            cout = arrondi_centime(m / (r - 1))
            pv = cout + m
            methode = f"coût d'achat HT = marge / (PV HT / coût − 1) = {_e(m)} / {_n(r - 1)}"
            methode += f" = {_e(cout)}"
    if ttc is None:
        ttc = arrondi_centime(pv * f)
    for cle, valeur in (("cout_achat_ht", cout), ("prix_vente_ht", pv)):
        if valeur <= 0:
            raise SaisieInvalide(
                f"avec ces données, {_ARTICLES[cle]} serait {_e(valeur)} : "
                "vérifiez les chiffres (un prix doit être positif).",
                champ=LIBELLES[cle],
            )
    return cout, pv, ttc, methode


def resoudre_marges(**connus: Any) -> Marges:
    """Retrouve tous les chiffres d'un prix à partir de DEUX données qui se complètent.

    Données possibles : ``cout_achat_ht``, ``prix_vente_ht``, ``prix_vente_ttc``, ``marge``,
    ``taux_de_marge``, ``taux_de_marque``, ``coefficient`` (PV TTC / coût), ``coefficient_ht``
    (PV HT / coût), et ``taux_tva`` (20 % par défaut). Les valeurs ``None`` ou vides sont
    ignorées (champ non rempli), le texte est lu à la française.

    Deux taux (ou coefficients) ne suffisent pas : ils donnent le même rapport prix / coût ;
    PV HT et PV TTC non plus. Avec plus de deux données, elles doivent être cohérentes (au
    centime près sur les prix). Sinon : :class:`SaisieInvalide` en français.
    """
    inconnus = set(connus) - set(LIBELLES) - {"taux_tva"}
    if inconnus:
        raise TypeError(f"données inconnues : {', '.join(sorted(inconnus))}")
    brut_tva = connus.get("taux_tva")
    t_tva = taux(20 if vide(brut_tva) else brut_tva, "Taux de TVA", maxi=100)
    f = 1 + t_tva / CENT
    d = {c: _lire(c, connus[c]) for c in _PRIORITE if c in connus and not vide(connus[c])}
    cles = list(d)
    if len(cles) < 2:
        manque = "aucune donnée" if not cles else f"seulement {_liste(cles)}"
        raise SaisieInvalide(
            f"il faut deux données (vous avez donné {manque}). Par exemple le coût d'achat HT "
            "et le taux de marque, ou le prix de vente HT et la marge.",
            champ="Données",
        )
    paire = next(
        ((a, b) for i, a in enumerate(cles) for b in cles[i + 1 :] if _determinent(a, b)), None
    )
    if paire is None:
        raise SaisieInvalide(
            f"{_liste(cles)} ne suffisent pas : "
            + (
                "deux prix de vente ne disent rien du coût d'achat."
                if set(cles) <= set(_PRIX)
                else "un taux ou un coefficient dit seulement le rapport entre prix et coût."
            )
            + " Donnez aussi un montant : coût d'achat HT, prix de vente ou marge.",
            champ="Données",
        )
    cout, pv, ttc, methode = _resoudre_paire({c: d[c] for c in paire}, f)

    # Cohérence des données en plus de la paire retenue (au centime près sur les prix)
    for x in cles:
        if x in paire:
            continue
        partenaire = next(y for y in cles if y != x and _determinent(x, y))
        c2, p2, t2, _ = _resoudre_paire({x: d[x], partenaire: d[partenaire]}, f)
        ecart = max(abs(c2 - cout), abs(p2 - pv), abs(t2 - ttc))
        if ecart > Decimal("0.01"):
            valeur = _valeurs(cout, pv, ttc, None, None, f)[x]
            affiche = _e(valeur) if x in ("cout_achat_ht", "marge", *_PRIX) else _n(valeur)
            if x in ("taux_de_marge", "taux_de_marque"):
                affiche = _p(valeur)
            raise SaisieInvalide(
                f"les données ne sont pas cohérentes : avec {_liste(list(paire))}, "
                f"{_ARTICLES[x]} serait {affiche}.",
                champ=LIBELLES[x],
            )

    cle_rapport = next((c for c in paire if c in _RAPPORTS), None)
    r_ht = _rapport_ht(cle_rapport, d[cle_rapport], f) if cle_rapport else pv / cout
    r_ttc = (
        d["coefficient"]
        if cle_rapport == "coefficient"
        else (r_ht * f if cle_rapport else ttc / cout)
    )
    valeurs = _valeurs(cout, pv, ttc, r_ht, r_ttc, f)
    for c in cles:  # une donnée fournie est rendue telle quelle
        if c in valeurs:
            valeurs[c] = d[c]
    marge = valeurs["marge"]

    etapes = []
    if methode:
        etapes.append(methode)
    etapes += [
        f"Marge unitaire = PV HT − coût d'achat HT = {_e(pv)} − {_e(cout)} = {_e(marge)}",
        f"Taux de marge = marge / coût d'achat HT × 100 = {_p(valeurs['taux_de_marge'])}",
        f"Taux de marque = marge / PV HT × 100 = {_p(valeurs['taux_de_marque'])}",
        f"PV TTC = PV HT × (1 + {_p(t_tva)}) = {_e(ttc)}",
        f"Coefficient multiplicateur = PV TTC / coût d'achat HT = {_n(valeurs['coefficient'])}",
        f"Coefficient HT = PV HT / coût d'achat HT = {_n(valeurs['coefficient_ht'])}",
    ]
    avertissements = []
    if marge < 0:
        avertissements.append(
            "Le prix de vente HT est inférieur au coût d'achat HT : la marge est négative "
            "(vente à perte)."
        )
    return Marges(
        cout_achat_ht=cout,
        prix_vente_ht=pv,
        prix_vente_ttc=ttc,
        taux_tva=t_tva,
        marge=marge,
        taux_de_marge=valeurs["taux_de_marge"],
        taux_de_marque=valeurs["taux_de_marque"],
        coefficient=valeurs["coefficient"],
        coefficient_ht=valeurs["coefficient_ht"],
        donnees=tuple(cles),
        etapes=tuple(etapes),
        avertissements=tuple(avertissements),
    )


def _valeurs(
    cout: Decimal,
    pv: Decimal,
    ttc: Decimal,
    r_ht: Decimal | None,
    r_ttc: Decimal | None,
    f: Decimal,
) -> dict[str, Decimal]:
    r_ht = pv / cout if r_ht is None else r_ht
    r_ttc = ttc / cout if r_ttc is None else r_ttc
    return {
        "cout_achat_ht": cout,
        "prix_vente_ht": pv,
        "prix_vente_ttc": ttc,
        "marge": pv - cout,
        "taux_de_marge": arrondi((r_ht - 1) * CENT, DECIMALES_TAUX),
        "taux_de_marque": arrondi((1 - 1 / r_ht) * CENT, DECIMALES_TAUX),
        "coefficient": arrondi(r_ttc, DECIMALES_COEFFICIENT),
        "coefficient_ht": arrondi(r_ht, DECIMALES_COEFFICIENT),
    }


def marges(cout_achat_ht: Any, prix_vente_ht: Any, taux_tva: Any = 20) -> Marges:
    """Marge, taux de marge, taux de marque et coefficients à partir du coût et du PV HT.

    Exemple : coût 100 €, PV HT 150 € → marge 50 €, taux de marge 50 %, taux de marque
    33,33 %, PV TTC 180 €, coefficient 1,8, coefficient HT 1,5.
    """
    return resoudre_marges(
        cout_achat_ht=cout_achat_ht, prix_vente_ht=prix_vente_ht, taux_tva=taux_tva
    )


def prix_de_vente(
    cout_achat_ht: Any,
    *,
    taux_de_marque: Any = None,
    taux_de_marge: Any = None,
    coefficient: Any = None,
    coefficient_ht: Any = None,
    taux_tva: Any = 20,
) -> Marges:
    """Prix de vente à partir du coût d'achat HT et d'UN seul élément : taux de marque, taux de
    marge ou coefficient multiplicateur (PV TTC / coût ; ``coefficient_ht`` : PV HT / coût).

    Exemple : coût 80 €, taux de marque 20 % → PV HT = 80 / 0,8 = 100 €, PV TTC 120 €.
    """
    donnes = {
        "taux_de_marque": taux_de_marque,
        "taux_de_marge": taux_de_marge,
        "coefficient": coefficient,
        "coefficient_ht": coefficient_ht,
    }
    _lire("cout_achat_ht", cout_achat_ht)
    remplis = {c: v for c, v in donnes.items() if not vide(v)}
    if len(remplis) != 1:
        raise SaisieInvalide(
            "donnez un seul élément parmi le taux de marque, le taux de marge et le coefficient "
            f"(vous en avez donné {len(remplis)}).",
            champ="Taux",
        )
    return resoudre_marges(cout_achat_ht=cout_achat_ht, taux_tva=taux_tva, **remplis)
