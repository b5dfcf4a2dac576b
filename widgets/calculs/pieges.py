"""Les conventions FAUSSES connues, pour le diagnostic des réponses d'étudiants.

Chaque fonction refait un calcul avec une erreur classique et rend le chiffre (faux) qu'obtient
l'étudiant qui la commet. Le moteur d'exercices compare la réponse d'un étudiant à ces valeurs :
si elle correspond, il nomme la convention au lieu de dire seulement « faux ».

Le registre :data:`PIEGES` associe un code à un :class:`PiegeConnu` (explication en français et
fonction). Les fonctions « facture » prennent les mêmes arguments que
:func:`widgets.calculs.net_a_payer` et rendent un :class:`~widgets.calculs.facture.NetAPayer`
calculé avec la mauvaise convention (comparez le champ voulu : ``net_commercial``,
``tva``, ``net_a_payer``…).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import CENT
from widgets.calculs.facture import NetAPayer, _calculer
from widgets.calculs.saisie import arrondi, arrondi_centime, montant, quantite, taux

__all__ = [
    "PIEGES",
    "PiegeConnu",
    "coefficient_ht_au_lieu_de_ttc",
    "coefficient_ttc_au_lieu_de_ht",
    "escompte_sur_le_brut",
    "interets_annee_civile",
    "prix_avec_taux_de_marge_au_lieu_de_marque",
    "prix_avec_taux_de_marque_au_lieu_de_marge",
    "remises_additionnees",
    "taux_de_marge_au_lieu_de_marque",
    "taux_de_marque_au_lieu_de_marge",
    "tva_sur_le_net_commercial",
]


def _facture_fausse(option: str, nom: str, doc: str) -> Callable[..., NetAPayer]:
    """Une variante fausse de ``net_a_payer`` (mêmes arguments, une convention changée)."""

    def calcul(
        lignes: Iterable[Mapping[str, Any]],
        remises: Any = (),
        escompte: Any = 0,
        port: Any = 0,
        acompte: Any = 0,
    ) -> NetAPayer:
        return _calculer(lignes, remises, escompte, port, acompte, **{option: True})

    calcul.__name__ = calcul.__qualname__ = nom
    calcul.__doc__ = doc
    return calcul


remises_additionnees = _facture_fausse(
    "remises_additionnees",
    "remises_additionnees",
    """Remises additionnées au lieu d'être appliquées en cascade.

    L'étudiant fait 10 % + 5 % = 15 % sur le brut, alors que la seconde remise porte sur le
    net laissé par la première (taux global 14,5 %).
    """,
)

tva_sur_le_net_commercial = _facture_fausse(
    "tva_sur_net_commercial",
    "tva_sur_le_net_commercial",
    """TVA calculée sur le net commercial au lieu du net financier (escompte oublié dans la
    base de TVA).

    Quand un escompte est accordé, la TVA est due sur le net APRÈS escompte (+ port).
    """,
)

escompte_sur_le_brut = _facture_fausse(
    "escompte_sur_brut",
    "escompte_sur_le_brut",
    """Escompte calculé sur le montant brut au lieu du net commercial.

    L'escompte est une réduction financière : il s'applique après les réductions commerciales,
    sur le net commercial.
    """,
)


def _cout(valeur: Any) -> Decimal:
    return arrondi_centime(montant(valeur, "Coût d'achat HT"))


def _cout_et_prix(cout_achat_ht: Any, prix_vente_ht: Any) -> tuple[Decimal, Decimal]:
    return _cout(cout_achat_ht), arrondi_centime(montant(prix_vente_ht, "Prix de vente HT"))


def prix_avec_taux_de_marge_au_lieu_de_marque(cout_achat_ht: Any, taux_de_marque: Any) -> Decimal:
    """PV HT calculé comme si le taux de MARQUE donné était un taux de MARGE.

    L'étudiant fait coût × (1 + taux) au lieu de coût / (1 − taux de marque) : le taux de
    marque se rapporte au prix de vente, pas au coût d'achat.
    """
    t = taux(taux_de_marque, "Taux de marque", strict_maxi=True)
    return arrondi_centime(_cout(cout_achat_ht) * (1 + t / CENT))


def prix_avec_taux_de_marque_au_lieu_de_marge(cout_achat_ht: Any, taux_de_marge: Any) -> Decimal:
    """PV HT calculé comme si le taux de MARGE donné était un taux de MARQUE.

    L'étudiant fait coût / (1 − taux) au lieu de coût × (1 + taux de marge) : le taux de
    marge se rapporte au coût d'achat.
    """
    t = taux(taux_de_marge, "Taux de marge", strict_maxi=True)
    return arrondi_centime(_cout(cout_achat_ht) / (1 - t / CENT))


def taux_de_marge_au_lieu_de_marque(cout_achat_ht: Any, prix_vente_ht: Any) -> Decimal:
    """Taux de marge donné à la place du taux de marque demandé (marge / coût au lieu de
    marge / PV HT), en %, 2 décimales.
    """
    cout, pv = _cout_et_prix(cout_achat_ht, prix_vente_ht)
    return arrondi((pv - cout) / cout * CENT, 2)


def taux_de_marque_au_lieu_de_marge(cout_achat_ht: Any, prix_vente_ht: Any) -> Decimal:
    """Taux de marque donné à la place du taux de marge demandé (marge / PV HT au lieu de
    marge / coût), en %, 2 décimales.
    """
    cout, pv = _cout_et_prix(cout_achat_ht, prix_vente_ht)
    return arrondi((pv - cout) / pv * CENT, 2)


def coefficient_ht_au_lieu_de_ttc(cout_achat_ht: Any, prix_vente_ht: Any) -> Decimal:
    """Coefficient multiplicateur calculé sur le PV HT (PV HT / coût) alors que la convention
    demandée est PV TTC / coût d'achat HT (4 décimales)."""
    cout, pv = _cout_et_prix(cout_achat_ht, prix_vente_ht)
    return arrondi(pv / cout, 4)


def coefficient_ttc_au_lieu_de_ht(
    cout_achat_ht: Any, prix_vente_ht: Any, taux_tva: Any = 20
) -> Decimal:
    """Coefficient calculé sur le PV TTC (PV TTC / coût) alors que la convention demandée est
    PV HT / coût d'achat HT (4 décimales)."""
    cout, pv = _cout_et_prix(cout_achat_ht, prix_vente_ht)
    ttc = arrondi_centime(pv * (1 + taux(taux_tva, "Taux de TVA") / CENT))
    return arrondi(ttc / cout, 4)


def interets_annee_civile(capital: Any, taux_annuel: Any, jours: Any) -> Decimal:
    """Intérêts calculés sur une année civile de 365 jours au lieu de l'année commerciale de
    360 jours (C × t × n / 365 au lieu de C × t × n / 360)."""
    c = montant(capital, "Capital")
    t = taux(taux_annuel, "Taux annuel", maxi=None)
    n = quantite(jours, "Nombre de jours", minimum=0)
    return arrondi_centime(c * t / CENT * n / 365)


@dataclass(frozen=True)
class PiegeConnu:
    """Une convention fausse : code, famille (facture, marges, intérêts), explication, fonction.

    ``grandeur`` dit ce que rend la fonction (``"NetAPayer"``, ``"prix_vente_ht"``,
    ``"taux"``, ``"coefficient"``, ``"interets"``).
    """

    code: str
    famille: str
    explication: str
    fonction: Callable[..., Any]
    grandeur: str


PIEGES: dict[str, PiegeConnu] = {
    p.code: p
    for p in (
        PiegeConnu(
            "remises_additionnees",
            "facture",
            "Les remises successives ont été additionnées ; elles s'appliquent en cascade, "
            "chacune sur le net laissé par la précédente (10 % puis 5 % font 14,5 %, pas 15 %).",
            remises_additionnees,
            "NetAPayer",
        ),
        PiegeConnu(
            "tva_sur_net_commercial",
            "facture",
            "La TVA a été calculée sur le net commercial ; avec un escompte, elle se calcule sur "
            "le net financier (après escompte), frais de port compris.",
            tva_sur_le_net_commercial,
            "NetAPayer",
        ),
        PiegeConnu(
            "escompte_sur_brut",
            "facture",
            "L'escompte a été calculé sur le montant brut ; il se calcule sur le net commercial, "
            "après les remises.",
            escompte_sur_le_brut,
            "NetAPayer",
        ),
        PiegeConnu(
            "marque_prise_pour_marge",
            "marges",
            "Le taux de marque a été utilisé comme un taux de marge (coût × (1 + taux)) ; le "
            "taux de marque se rapporte au prix de vente : PV HT = coût / (1 − taux de marque).",
            prix_avec_taux_de_marge_au_lieu_de_marque,
            "prix_vente_ht",
        ),
        PiegeConnu(
            "marge_prise_pour_marque",
            "marges",
            "Le taux de marge a été utilisé comme un taux de marque (coût / (1 − taux)) ; le taux "
            "de marge se rapporte au coût d'achat : PV HT = coût × (1 + taux de marge).",
            prix_avec_taux_de_marque_au_lieu_de_marge,
            "prix_vente_ht",
        ),
        PiegeConnu(
            "taux_de_marge_au_lieu_de_marque",
            "marges",
            "C'est le taux de marge (marge / coût d'achat) ; le taux de marque demandé se "
            "calcule sur le prix de vente HT : marge / PV HT.",
            taux_de_marge_au_lieu_de_marque,
            "taux",
        ),
        PiegeConnu(
            "taux_de_marque_au_lieu_de_marge",
            "marges",
            "C'est le taux de marque (marge / PV HT) ; le taux de marge demandé se calcule sur "
            "le coût d'achat HT : marge / coût d'achat.",
            taux_de_marque_au_lieu_de_marge,
            "taux",
        ),
        PiegeConnu(
            "coefficient_ht_au_lieu_de_ttc",
            "marges",
            "C'est le coefficient sur le prix HT (PV HT / coût) ; le coefficient multiplicateur "
            "demandé est PV TTC / coût d'achat HT.",
            coefficient_ht_au_lieu_de_ttc,
            "coefficient",
        ),
        PiegeConnu(
            "coefficient_ttc_au_lieu_de_ht",
            "marges",
            "C'est le coefficient sur le prix TTC (PV TTC / coût) ; le coefficient demandé ici "
            "est PV HT / coût d'achat HT.",
            coefficient_ttc_au_lieu_de_ht,
            "coefficient",
        ),
        PiegeConnu(
            "annee_civile",
            "interets",
            "Les intérêts ont été calculés sur 365 jours ; en calcul commercial, l'année compte "
            "360 jours : I = C × t × n / 360.",
            interets_annee_civile,
            "interets",
        ),
    )
}
"""Code → :class:`PiegeConnu`. Exemple : ``PIEGES["annee_civile"].fonction(10000, 4, 90)``."""
