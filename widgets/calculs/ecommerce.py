"""Web shop and marketplace: site KPIs, acquisition cost, customer lifetime value, margins.

Pure (Decimal, half-up rounding at each documented step, ``widgets.calculs.arrondis``).
Every rate is a PERCENTAGE rounded to two decimals from the exact figures (2 / 7 → 28,57,
never 0,2857), as in :mod:`widgets.calculs.entonnoir` and :mod:`widgets.calculs.digital`;
every amount is rounded to the cent.

Formulas (NDRC bloc 2, « relation client à distance et digitalisation »):

- taux de conversion = commandes / visites × 100 (on VISITS, i.e. sessions, not on unique
  visitors); taux d'ajout au panier = paniers / visites × 100;
- taux d'abandon de panier = (1 − commandes / paniers) × 100, on the CARTS created (not on the
  visits), computed exactly then rounded: it is not 100 − a rounded conversion rate;
- panier moyen = chiffre d'affaires / commandes; CA par visite = chiffre d'affaires / visites
  (both to the cent, from the exact turnover);
- coût d'acquisition client (CAC) = dépenses / nouveaux clients, per channel, to the cent;
- valeur vie client (VVC) = panier moyen × fréquence d'achat annuelle × durée de vie (années)
  × taux de marge. Convention: the margin rate is the share of margin in the turnover HT
  (a taux de MARQUE: marge / CA HT), and the figure is built as on paper: CA annuel =
  panier × fréquence (cent), marge annuelle = CA annuel × taux (cent), VVC = marge annuelle
  × durée (cent);
- marketplace margin (per unit sold, on the price HT: the commission is charged on the price
  HT here, say so to the students if the platform charges it on the TTC): marge nette = PV HT
  − coût d'achat − commission − frais logistiques − coût des retours, where commission = PV HT
  × taux de commission (cent) and coût des retours par vente = taux de retour × coût d'un
  retour (cent). The own site replaces the commission by the payment fees (PV HT × taux,
  cent), its own logistics and the acquisition cost per order;
- cost of returns: taux de retour = retours / commandes × 100; coût total = retours × coût
  moyen d'un retour (cent); coût par commande = coût total / commandes (cent).

Amounts given are rounded to the cent first (``"2,005"`` → 2,01 €), rates are kept exact.
Inputs are read with :mod:`widgets.calculs.saisie` (``"1 234,56"``, ``"12,5 %"``…); an
impossible figure (zero visits, more orders than carts, a negative count…) raises
:class:`~widgets.calculs.saisie.SaisieInvalide` with a French message naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from widgets.calculs.arrondis import CENT, arrondi, arrondi_centime
from widgets.calculs.format import espaces_normales, format_nombre
from widgets.calculs.saisie import SaisieInvalide, montant, nombre, quantite, taux

__all__ = [
    "CoutDesRetours",
    "IndicateursSite",
    "MargeMarketplace",
    "ValeurVieClient",
    "cout_acquisition_client",
    "cout_acquisition_par_canal",
    "cout_des_retours",
    "indicateurs_site",
    "marge_marketplace",
    "valeur_vie_client",
]


def _n(valeur: int | Decimal) -> str:
    """A number in a French message: ``12000`` → ``12 000``, ``Decimal("2.5")`` → ``2,5``."""
    return espaces_normales(format_nombre(valeur))


def _pourcentage(numerateur: int | Decimal, denominateur: int | Decimal) -> Decimal:
    """numérateur / dénominateur × 100, rounded half-up to 0,01 point (denominator > 0)."""
    return arrondi(Decimal(numerateur) * CENT / Decimal(denominateur), 2)


def _euros(valeur: object, champ: str) -> Decimal:
    """An amount given by the user, read exactly then rounded to the cent (as in ``marges``)."""
    return arrondi_centime(montant(valeur, champ))


def _pas_plus_que(petit: int, grand: int, champ: str, mot_petit: str, mot_grand: str) -> None:
    if petit > grand:
        raise SaisieInvalide(
            f"il ne peut pas y avoir plus de {mot_petit} ({_n(petit)}) que de {mot_grand} "
            f"({_n(grand)}).",
            champ=champ,
        )


# --------------------------------------------------------------------------- site KPIs


@dataclass(frozen=True)
class IndicateursSite:
    """KPIs of a web shop over a period; a figure whose base is zero is ``None`` (« — »)."""

    visites: int
    paniers: int
    commandes: int
    chiffre_affaires: Decimal
    taux_conversion: Decimal
    taux_ajout_panier: Decimal
    taux_abandon_panier: Decimal | None
    panier_moyen: Decimal | None
    ca_par_visite: Decimal


def indicateurs_site(
    visites: object, paniers: object, commandes: object, chiffre_affaires: object
) -> IndicateursSite:
    """The funnel of a web shop: visits → carts → orders, and the turnover HT they bring.

    taux de conversion = commandes / visites × 100; taux d'abandon de panier = (1 − commandes
    / paniers) × 100; panier moyen = CA / commandes; CA par visite = CA / visites. Rates to
    0,01 point and amounts to the cent, each from the exact figures.

    Example: 12 000 visits, 900 carts, 240 orders, 18 000 € → conversion 240 / 12 000 = 2 %;
    abandon 1 − 240 / 900 = 73,33 %; basket 18 000 / 240 = 75 €; 1,50 € per visit.
    """
    v = quantite(visites, "Visites", minimum=1)
    p = quantite(paniers, "Paniers", minimum=0)
    c = quantite(commandes, "Commandes", minimum=0)
    ca = _euros(chiffre_affaires, "Chiffre d'affaires")
    _pas_plus_que(p, v, "Paniers", "paniers", "visites")
    _pas_plus_que(c, p, "Commandes", "commandes", "paniers")
    if c == 0 and ca > 0:
        raise SaisieInvalide(
            "un chiffre d'affaires sans aucune commande est impossible : vérifiez les commandes.",
            champ="Chiffre d'affaires",
        )
    return IndicateursSite(
        visites=v,
        paniers=p,
        commandes=c,
        chiffre_affaires=ca,
        taux_conversion=_pourcentage(c, v),
        taux_ajout_panier=_pourcentage(p, v),
        taux_abandon_panier=_pourcentage(p - c, p) if p else None,
        panier_moyen=arrondi_centime(ca / c) if c else None,
        ca_par_visite=arrondi_centime(ca / v),
    )


# --------------------------------------------------------------------------- acquisition, CLV


def cout_acquisition_client(depenses: object, nouveaux_clients: object) -> Decimal:
    """CAC = dépenses d'acquisition / nouveaux clients, rounded to the cent.

    Example: 4 500 € of ads for 120 new customers → 37,50 € per customer.
    """
    d = _euros(depenses, "Dépenses d'acquisition")
    n = quantite(nouveaux_clients, "Nouveaux clients", minimum=1)
    return arrondi_centime(d / n)


def cout_acquisition_par_canal(
    depenses: Mapping[str, object], nouveaux_clients: Mapping[str, object]
) -> dict[str, Decimal]:
    """CAC of each channel (same keys in both mappings), in the order of ``depenses``.

    Example: ``{"site": 3 000, "marketplace": 1 200}`` and ``{"site": 80, "marketplace": 60}``
    → site 37,50 €, marketplace 20,00 €.
    """
    manquants = set(depenses) ^ set(nouveaux_clients)
    if manquants:
        noms = ", ".join(sorted(str(m) for m in manquants))
        raise SaisieInvalide(
            f"il faut les dépenses ET les nouveaux clients de chaque canal ({noms}).",
            champ="Canal",
        )
    resultat = {}
    for canal, d in depenses.items():
        try:
            resultat[canal] = cout_acquisition_client(d, nouveaux_clients[canal])
        except SaisieInvalide as erreur:
            raise SaisieInvalide(erreur.message, champ=f"{erreur.champ} ({canal})") from None
    return resultat


@dataclass(frozen=True)
class ValeurVieClient:
    """Customer lifetime value, built step by step (amounts to the cent)."""

    panier_moyen: Decimal
    frequence_achat_annuelle: Decimal
    duree_vie_annees: Decimal
    taux_marge: Decimal
    ca_annuel: Decimal
    marge_annuelle: Decimal
    valeur_vie_client: Decimal
    ratio_vvc_cac: Decimal | None  # VVC / CAC, 2 decimals; None without an acquisition cost


def valeur_vie_client(
    panier_moyen: object,
    frequence_achat_annuelle: object,
    duree_vie_annees: object,
    taux_marge: object,
    cout_acquisition: object | None = None,
) -> ValeurVieClient:
    """VVC = panier moyen × fréquence d'achat annuelle × durée de vie × taux de marge.

    ``taux_marge`` is the margin share of the turnover HT (marge / CA HT, in %). Steps, each
    rounded half-up to the cent: CA annuel = panier × fréquence; marge annuelle = CA annuel ×
    taux / 100; VVC = marge annuelle × durée. With ``cout_acquisition``, the ratio VVC / CAC
    (2 decimals) says how many times the customer repays what it cost to win.

    Example: 60 € × 4 orders a year × 3 years × 35 % → CA annuel 240 €, marge annuelle 84 €,
    VVC 252 €; with a CAC of 40 € the ratio is 6,30.
    """
    panier = _euros(panier_moyen, "Panier moyen")
    frequence = nombre(frequence_achat_annuelle, "Fréquence d'achat annuelle", positif=True)
    duree = nombre(duree_vie_annees, "Durée de vie (années)", positif=True)
    t = taux(taux_marge, "Taux de marge")
    ca_annuel = arrondi_centime(panier * frequence)
    marge_annuelle = arrondi_centime(ca_annuel * t / CENT)
    vvc = arrondi_centime(marge_annuelle * duree)
    ratio = None
    if cout_acquisition is not None:
        cac = _euros(cout_acquisition, "Coût d'acquisition")
        if cac == 0:
            raise SaisieInvalide(
                "un coût d'acquisition nul ne permet pas de calculer le ratio VVC / CAC.",
                champ="Coût d'acquisition",
            )
        ratio = arrondi(vvc / cac, 2)
    return ValeurVieClient(
        panier_moyen=panier,
        frequence_achat_annuelle=frequence,
        duree_vie_annees=duree,
        taux_marge=t,
        ca_annuel=ca_annuel,
        marge_annuelle=marge_annuelle,
        valeur_vie_client=vvc,
        ratio_vvc_cac=ratio,
    )


# --------------------------------------------------------------------------- marketplace


@dataclass(frozen=True)
class MargeMarketplace:
    """Net margin of one unit sold on the marketplace, and on the own site (amounts HT).

    ``ecart`` = marge nette marketplace − marge nette site (positive: the marketplace earns
    more per unit); ``canal_le_plus_rentable`` is ``"marketplace"``, ``"site"`` or
    ``"égalité"``.
    """

    prix_vente_ht: Decimal
    cout_achat: Decimal
    commission: Decimal
    frais_logistiques: Decimal
    cout_des_retours: Decimal
    marge_nette: Decimal
    taux_marge_nette: Decimal  # marge nette / PV HT × 100
    frais_paiement_site: Decimal
    frais_logistiques_site: Decimal
    cout_acquisition_site: Decimal
    cout_des_retours_site: Decimal
    marge_nette_site: Decimal
    taux_marge_nette_site: Decimal
    ecart: Decimal
    canal_le_plus_rentable: str


def _cout_retour_par_vente(taux_retour: Decimal, cout_retour: Decimal) -> Decimal:
    return arrondi_centime(taux_retour / CENT * cout_retour)


def marge_marketplace(
    prix_vente_ht: object,
    cout_achat: object,
    taux_commission: object,
    frais_logistiques: object = 0,
    taux_retour: object = 0,
    cout_retour: object = 0,
    *,
    taux_frais_paiement_site: object = 0,
    frais_logistiques_site: object = 0,
    cout_acquisition_site: object = 0,
    taux_retour_site: object | None = None,
) -> MargeMarketplace:
    """Net margin per unit sold on a marketplace, against selling it on the own site.

    All amounts are HT and per unit sold; the commission is charged on the price HT.

    - commission = PV HT × taux de commission (cent);
    - coût des retours = taux de retour × coût d'un retour (cent): ``cout_retour`` is the
      whole cost of one return (return shipping, handling, unsellable share);
    - marge nette = PV HT − coût d'achat − commission − frais logistiques − coût des retours;
    - own site: frais de paiement = PV HT × taux de frais de paiement (cent); marge nette site
      = PV HT − coût d'achat − frais de paiement − logistique du site − coût d'acquisition par
      commande − coût des retours (same return rate unless ``taux_retour_site`` is given);
    - taux de marge nette = marge nette / PV HT × 100 (0,01 point).

    Example: PV HT 50 €, cost 20 €, commission 15 %, logistics 4,50 €, 8 % of returns costing
    12,50 € → commission 7,50 €, returns 1 €, net margin 17 € (34 %). Own site with 1,8 %
    payment fees, 6 € logistics and 9 € acquisition → 0,90 €, returns 1 €, net 13,10 € (26,2 %):
    the marketplace earns 3,90 € more per unit.
    """
    pv = _euros(prix_vente_ht, "Prix de vente HT")
    if pv == 0:
        raise SaisieInvalide(
            "le prix de vente doit être supérieur à zéro.", champ="Prix de vente HT"
        )
    achat = _euros(cout_achat, "Coût d'achat HT")
    t_commission = taux(taux_commission, "Taux de commission", strict_maxi=True)
    logistique = _euros(frais_logistiques, "Frais logistiques")
    t_retour = taux(taux_retour, "Taux de retour")
    retour = _euros(cout_retour, "Coût d'un retour")
    t_paiement = taux(taux_frais_paiement_site, "Taux de frais de paiement", strict_maxi=True)
    logistique_site = _euros(frais_logistiques_site, "Frais logistiques du site")
    acquisition = _euros(cout_acquisition_site, "Coût d'acquisition par commande")
    t_retour_site = (
        t_retour if taux_retour_site is None else taux(taux_retour_site, "Taux de retour du site")
    )

    commission = arrondi_centime(pv * t_commission / CENT)
    retours = _cout_retour_par_vente(t_retour, retour)
    marge = pv - achat - commission - logistique - retours
    paiement = arrondi_centime(pv * t_paiement / CENT)
    retours_site = _cout_retour_par_vente(t_retour_site, retour)
    marge_site = pv - achat - paiement - logistique_site - acquisition - retours_site
    ecart = marge - marge_site
    meilleur = "marketplace" if ecart > 0 else "site" if ecart < 0 else "égalité"
    return MargeMarketplace(
        prix_vente_ht=pv,
        cout_achat=achat,
        commission=commission,
        frais_logistiques=logistique,
        cout_des_retours=retours,
        marge_nette=arrondi_centime(marge),
        taux_marge_nette=_pourcentage(marge, pv),
        frais_paiement_site=paiement,
        frais_logistiques_site=logistique_site,
        cout_acquisition_site=acquisition,
        cout_des_retours_site=retours_site,
        marge_nette_site=arrondi_centime(marge_site),
        taux_marge_nette_site=_pourcentage(marge_site, pv),
        ecart=arrondi_centime(ecart),
        canal_le_plus_rentable=meilleur,
    )


# --------------------------------------------------------------------------- returns


@dataclass(frozen=True)
class CoutDesRetours:
    """Returns over a period: rate (%), total cost and cost per order (to the cent)."""

    commandes: int
    retours: int
    taux_retour: Decimal
    cout_total: Decimal
    cout_par_commande: Decimal


def cout_des_retours(
    commandes: object, retours: object, cout_moyen_retour: object
) -> CoutDesRetours:
    """Cost of the returns: taux = retours / commandes × 100; coût total = retours × coût moyen
    d'un retour (cent); coût par commande = coût total / commandes (cent).

    Example: 1 250 orders, 95 returns at 11,40 € → 7,60 %; 1 083 €; 0,87 € per order.
    """
    c = quantite(commandes, "Commandes", minimum=1)
    r = quantite(retours, "Retours", minimum=0)
    _pas_plus_que(r, c, "Retours", "retours", "commandes")
    cout = _euros(cout_moyen_retour, "Coût moyen d'un retour")
    total = arrondi_centime(r * cout)
    return CoutDesRetours(
        commandes=c,
        retours=r,
        taux_retour=_pourcentage(r, c),
        cout_total=total,
        cout_par_commande=arrondi_centime(total / c),
    )
