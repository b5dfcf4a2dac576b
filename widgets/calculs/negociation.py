"""Marge de manœuvre en négociation : ce que coûte chaque concession (savoir S741).

Le vendeur part du prix catalogue HT et connaît son coût d'achat HT et son **prix plancher**
(donné, ou calculé avec un taux de marge minimum : plancher = coût × (1 + taux minimum)).
Chaque concession coûte de la marge, dans cet ordre (arrondi au centime à chaque ligne) :

::

    Prix catalogue HT
    − remise (%)                        sur le prix catalogue
    − escompte (%)                      sur le prix après remise
    = Prix net HT                       (ce que le client paie, HT)
    − port offert (€ HT)                que le vendeur paie à la place du client
    − coût du délai de paiement         prix net × taux de financement annuel × jours / 360
                                        (année commerciale)
    = Recette nette HT
    − coût d'achat HT
    = Marge restante

Marge de manœuvre restante = recette nette − prix plancher (négative : plancher franchi).
Remise supplémentaire maximale : le plus grand taux (en %, par centièmes de point), appliqué en
cascade après la remise déjà accordée, qui laisse la recette nette (montants arrondis au
centime) au-dessus du plancher ou à son niveau.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import CENT, ZERO, vide
from widgets.calculs._commun import euros as _e
from widgets.calculs._commun import pourcent as _p
from widgets.calculs.arrondis import tronque
from widgets.calculs.interets import ANNEE_COMMERCIALE
from widgets.calculs.saisie import SaisieInvalide, arrondi, arrondi_centime, montant, quantite, taux

__all__ = ["Concessions", "CoutConcession", "MargeDeManoeuvre", "marge_de_manoeuvre"]


@dataclass(frozen=True)
class Concessions:
    """Les concessions accordées au client (valeurs tapées à la française acceptées).

    ``remise`` et ``escompte`` en % ; ``port_offert`` en € HT ; ``delai_jours`` : jours de
    paiement supplémentaires ; ``taux_financement`` : taux annuel en % (coût de l'argent).
    """

    remise: Any = 0
    escompte: Any = 0
    port_offert: Any = 0
    delai_jours: Any = 0
    taux_financement: Any = 0


@dataclass(frozen=True)
class CoutConcession:
    """Une concession et la marge qu'elle coûte (en € HT)."""

    libelle: str
    cout: Decimal


@dataclass(frozen=True)
class MargeDeManoeuvre:
    """Le bilan d'une négociation : coûts des concessions, marge restante, plancher.

    ``marge_de_manoeuvre_restante`` = recette nette − prix plancher (négative si le plancher
    est franchi) ; ``remise_supplementaire_maxi`` en %, ``remise_supplementaire_maxi_montant``
    en € (sur le prix après remise).
    """

    prix_catalogue: Decimal
    cout_achat_ht: Decimal
    prix_plancher: Decimal
    marge_initiale: Decimal
    marge_de_manoeuvre_initiale: Decimal
    couts: tuple[CoutConcession, ...]
    cout_total_concessions: Decimal
    prix_net: Decimal
    recette_nette: Decimal
    marge_restante: Decimal
    taux_de_marge_restant: Decimal
    marge_de_manoeuvre_restante: Decimal
    plancher_franchi: bool
    remise_supplementaire_maxi: Decimal
    remise_supplementaire_maxi_montant: Decimal
    etapes: tuple[str, ...]
    avertissements: tuple[str, ...]


@dataclass(frozen=True)
class _Lues:
    remise: Decimal
    escompte: Decimal
    port: Decimal
    jours: int
    taux_financement: Decimal


def _lire_concessions(concessions: Any) -> _Lues:
    if concessions is None:
        concessions = Concessions()
    elif isinstance(concessions, Mapping):
        noms = {f.name for f in fields(Concessions)}
        inconnus = set(concessions) - noms
        if inconnus:
            raise TypeError(f"concessions inconnues : {', '.join(sorted(inconnus))}")
        concessions = Concessions(**concessions)
    elif not isinstance(concessions, Concessions):
        raise TypeError("concessions : un objet Concessions, un dictionnaire ou None")

    def ou_zero(v: Any) -> Any:
        return 0 if vide(v) else v

    return _Lues(
        remise=taux(ou_zero(concessions.remise), "Remise accordée", strict_maxi=True),
        escompte=taux(ou_zero(concessions.escompte), "Escompte accordé", strict_maxi=True),
        port=arrondi_centime(montant(ou_zero(concessions.port_offert), "Port offert")),
        jours=quantite(ou_zero(concessions.delai_jours), "Délai supplémentaire (jours)", minimum=0),
        taux_financement=taux(
            ou_zero(concessions.taux_financement), "Taux de financement annuel", maxi=None
        ),
    )


def _chaine(prix: Decimal, c: _Lues, remise_en_plus: Decimal = Decimal(0)):
    """(montant remise, montant remise en plus, escompte, prix net, coût délai, recette)."""
    v_remise = arrondi_centime(prix * c.remise / CENT)
    apres_remise = prix - v_remise
    v_plus = arrondi_centime(apres_remise * remise_en_plus / CENT)
    apres_remise -= v_plus
    v_escompte = arrondi_centime(apres_remise * c.escompte / CENT)
    prix_net = apres_remise - v_escompte
    v_delai = arrondi_centime(prix_net * c.taux_financement / CENT * c.jours / ANNEE_COMMERCIALE)
    recette = prix_net - c.port - v_delai
    return v_remise, v_plus, v_escompte, prix_net, v_delai, recette


def marge_de_manoeuvre(
    prix_catalogue: Any,
    cout_achat_ht: Any,
    *,
    taux_marge_minimum: Any = None,
    prix_plancher: Any = None,
    concessions: Concessions | Mapping[str, Any] | None = None,
) -> MargeDeManoeuvre:
    """Ce que coûtent les concessions et ce qui reste de marge, jusqu'au prix plancher.

    Donnez le plancher par ``prix_plancher`` (€ HT) OU par ``taux_marge_minimum`` (% du coût
    d'achat) ; sans l'un ni l'autre, le plancher est le coût d'achat (ne pas vendre à perte).

    Exemple : catalogue 1 000 €, coût 700 €, taux de marge minimum 20 % → plancher 840 € ;
    remise 5 % (50 €), escompte 2 % (19 €), port offert 15 €, 30 jours à 6 % (4,66 €) →
    recette nette 911,34 €, marge restante 211,34 €, encore 71,34 € avant le plancher.
    """
    prix = arrondi_centime(montant(prix_catalogue, "Prix catalogue HT"))
    cout = arrondi_centime(montant(cout_achat_ht, "Coût d'achat HT"))
    for champ, valeur in (("Prix catalogue HT", prix), ("Coût d'achat HT", cout)):
        if valeur <= 0:
            raise SaisieInvalide("il faut un montant plus grand que zéro.", champ=champ)
    if not vide(taux_marge_minimum) and not vide(prix_plancher):
        raise SaisieInvalide(
            "donnez le prix plancher OU le taux de marge minimum, pas les deux.",
            champ="Prix plancher",
        )
    if not vide(prix_plancher):
        plancher = arrondi_centime(montant(prix_plancher, "Prix plancher"))
        origine = "donné"
    elif not vide(taux_marge_minimum):
        t_min = taux(taux_marge_minimum, "Taux de marge minimum", maxi=None)
        plancher = arrondi_centime(cout * (1 + t_min / CENT))
        origine = f"coût d'achat × (1 + {_p(t_min)})"
    else:
        plancher = cout
        origine = "coût d'achat (pas de vente à perte)"
    c = _lire_concessions(concessions)

    v_remise, _, v_escompte, prix_net, v_delai, recette = _chaine(prix, c)
    couts = []
    if v_remise:
        couts.append(CoutConcession(f"Remise {_p(c.remise)}", v_remise))
    if v_escompte:
        couts.append(CoutConcession(f"Escompte {_p(c.escompte)}", v_escompte))
    if c.port:
        couts.append(CoutConcession("Port offert", c.port))
    if v_delai:
        couts.append(
            CoutConcession(
                f"Délai de paiement + {c.jours} jours à {_p(c.taux_financement)} par an", v_delai
            )
        )
    total = sum((x.cout for x in couts), ZERO)
    marge_restante = recette - cout
    restante = recette - plancher

    # Remise supplémentaire maximale (en cascade après la remise accordée)
    apres_remise = prix - v_remise
    facteur = (
        (1 - c.escompte / CENT)
        * (1 - c.taux_financement / CENT * c.jours / ANNEE_COMMERCIALE)
        * apres_remise
    )
    if restante < 0 or facteur <= 0:
        r_max = Decimal("0.00")
    else:
        r_max = tronque((1 - (plancher + c.port) / facteur) * CENT, 2)
        r_max = min(max(r_max, Decimal("0.00")), Decimal("99.99"))
        # les arrondis au centime déplacent la limite de quelques centièmes : on ajuste
        while r_max > 0 and _chaine(prix, c, r_max)[-1] < plancher:
            r_max -= Decimal("0.01")
        while (
            r_max < Decimal("99.99") and _chaine(prix, c, r_max + Decimal("0.01"))[-1] >= plancher
        ):
            r_max += Decimal("0.01")
    r_max_montant = arrondi_centime(apres_remise * r_max / CENT)

    etapes = [
        f"Prix plancher = {origine} = {_e(plancher)}",
        f"Prix catalogue HT = {_e(prix)} ; marge de manœuvre au départ = {_e(prix - plancher)}",
    ]
    for x in couts:
        etapes.append(f"{x.libelle} : coûte {_e(x.cout)}")
    etapes += [
        f"Prix net HT payé par le client = {_e(prix_net)}",
        f"Recette nette HT = {_e(recette)} ; marge restante = {_e(recette)} − {_e(cout)} = "
        f"{_e(marge_restante)}",
        (
            f"Plancher franchi de {_e(-restante)} !"
            if restante < 0
            else f"Marge de manœuvre restante = {_e(recette)} − {_e(plancher)} = {_e(restante)}"
        ),
    ]
    if r_max > 0:
        etapes.append(f"Remise supplémentaire possible : au plus {_p(r_max)} ({_e(r_max_montant)})")
    avertissements = []
    if plancher > prix:
        avertissements.append("Le prix catalogue est déjà sous le prix plancher.")
    if plancher < cout:
        avertissements.append(
            "Le prix plancher est sous le coût d'achat : ce serait vendre à perte."
        )
    if c.jours and not c.taux_financement:
        avertissements.append(
            "Délai de paiement accordé sans taux de financement : son coût est compté à 0 €."
        )
    return MargeDeManoeuvre(
        prix_catalogue=prix,
        cout_achat_ht=cout,
        prix_plancher=plancher,
        marge_initiale=prix - cout,
        marge_de_manoeuvre_initiale=prix - plancher,
        couts=tuple(couts),
        cout_total_concessions=total,
        prix_net=prix_net,
        recette_nette=recette,
        marge_restante=marge_restante,
        taux_de_marge_restant=arrondi(marge_restante / cout * CENT, 2),
        marge_de_manoeuvre_restante=restante,
        plancher_franchi=restante < 0,
        remise_supplementaire_maxi=r_max,
        remise_supplementaire_maxi_montant=r_max_montant,
        etapes=tuple(etapes),
        avertissements=tuple(avertissements),
    )
