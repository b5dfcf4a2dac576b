"""Facture et devis : du montant brut HT au net à payer (savoir S511).

Le calcul suit le formulaire, dans l'ordre où un étudiant l'écrit sur sa copie, en arrondissant
au centime (demi au-dessus) **chaque montant qui apparaît** et en calculant l'étape suivante à
partir du montant arrondi :

::

    Montant brut HT            Σ quantité × prix unitaire HT (chaque ligne arrondie)
    − remises sur les lignes   (s'il y en a : cascade propre à chaque ligne)
    − remises globales         en cascade : chacune sur le net laissé par la précédente
    = Net commercial HT
    − escompte                 sur le net commercial
    = Net financier HT
    + frais de port HT         (soumis à la TVA des marchandises)
    = Total HT                 (base de TVA)
    + TVA                      taux par taux, sur la base de chaque taux
    = Total TTC
    − acompte                  (déjà versé, TTC)
    = Net à payer

Plusieurs taux de TVA : le net financier puis le port sont répartis entre les taux au prorata du
total des lignes de chaque taux (après leurs remises de ligne). Chaque part est arrondie au
centime, sauf celle du taux dont le total est le plus grand (à égalité : le taux le plus élevé),
calculée **par différence** : les parts font toujours exactement le total. La TVA de chaque taux
est arrondie au centime ; la TVA totale est la somme de ces montants.

Les étapes (``NetAPayer.etapes``) omettent ce qui n'existe pas : pas de ligne « Escompte » ni
« Net financier HT » sans escompte, pas de « Frais de port HT » ni « Total HT » sans port ; sans
acompte, la dernière ligne s'appelle « Net à payer TTC » ; avec un acompte, on lit « Total TTC »,
« Acompte », « Net à payer ».
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from widgets.calculs._commun import CENT, ZERO, vide
from widgets.calculs._commun import euros as _e
from widgets.calculs._commun import pourcent as _p
from widgets.calculs.arrondis import arrondi, arrondi_centime
from widgets.calculs.saisie import SaisieInvalide, montant, quantite, taux

__all__ = [
    "TAUX_TVA_FRANCE",
    "Etape",
    "LigneCalculee",
    "NetAPayer",
    "Reduction",
    "TvaTaux",
    "net_a_payer",
    "remises_en_cascade",
    "repartir_au_prorata",
    "taux_global_cascade",
]

TAUX_TVA_FRANCE: tuple[Decimal, ...] = (
    Decimal("20"),
    Decimal("10"),
    Decimal("5.5"),
    Decimal("2.1"),
)
"""Taux de TVA de France métropolitaine (normal, intermédiaire, réduit, particulier)."""

MOINS = "\u2212"


@dataclass(frozen=True)
class Etape:
    """Une ligne du calcul écrit sur la copie : libellé, montant signé, opération.

    ``operation`` vaut ``""`` (premier montant), ``"−"`` (U+2212, montant négatif retiré),
    ``"+"`` (ajouté) ou ``"="`` (sous-total).
    """

    libelle: str
    montant: Decimal
    operation: str


@dataclass(frozen=True)
class Reduction:
    """Une réduction appliquée : libellé (« Remise 10 % »), taux en %, base et montant retiré."""

    libelle: str
    taux: Decimal
    base: Decimal
    montant: Decimal

    @property
    def net(self) -> Decimal:
        """Ce qui reste après la réduction (base − montant)."""
        return self.base - self.montant


@dataclass(frozen=True)
class LigneCalculee:
    """Une ligne de facture calculée (montant brut, ses remises en cascade, montant net HT)."""

    designation: str
    quantite: int
    prix_unitaire_ht: Decimal
    taux_tva: Decimal
    montant_brut_ht: Decimal
    remises: tuple[Reduction, ...]
    montant_net_ht: Decimal


@dataclass(frozen=True)
class TvaTaux:
    """La TVA d'un taux : base HT (part du net financier + part du port) et montant."""

    taux: Decimal
    base: Decimal
    montant: Decimal


@dataclass(frozen=True)
class NetAPayer:
    """Le résultat complet d'une facture : tous les sous-totaux, les étapes et les avertissements.

    ``tva_par_taux`` associe chaque taux (``Decimal("20")``, ``Decimal("5.5")``…) à son
    :class:`TvaTaux` ; ``tva_par_taux[20]`` fonctionne aussi.
    """

    lignes: tuple[LigneCalculee, ...]
    brut_ht: Decimal
    remises_lignes: Decimal
    remises: tuple[Reduction, ...]
    net_commercial: Decimal
    escompte: Reduction | None
    net_financier: Decimal
    port: Decimal
    total_ht: Decimal
    tva_par_taux: Mapping[Decimal, TvaTaux]
    tva: Decimal
    total_ttc: Decimal
    acompte: Decimal
    net_a_payer: Decimal
    etapes: tuple[Etape, ...]
    avertissements: tuple[str, ...]


def _taux_propre(t: Decimal) -> Decimal:
    """20.0 → 20 ; 5.50 → 5.5 (sans passer en notation 2E+1)."""
    if t == t.to_integral_value():
        return arrondi(t, 0)
    return t.normalize()


def taux_global_cascade(*taux_successifs: Decimal | int | str) -> Decimal:
    """Taux global équivalent à des taux successifs (en %) : 10 puis 5 → 14,5 (et non 15).

    1 − (1 − 10 %) × (1 − 5 %) = 1 − 0,9 × 0,95 = 0,145. Résultat exact, en %.
    """
    reste = Decimal(1)
    for i, t in enumerate(taux_successifs, start=1):
        reste *= 1 - taux(t, f"Remise {i}", strict_maxi=True) / CENT
    return _taux_propre((1 - reste) * CENT)


def remises_en_cascade(
    base: Decimal | int | str,
    remises: Iterable[Any],
    *,
    champ: str = "Remise",
) -> tuple[Reduction, ...]:
    """Applique des remises successives à ``base`` (chacune sur le net laissé par la précédente).

    Chaque remise est un taux (``10``, ``"10 %"``) ou un couple ``(nature, taux)`` comme
    ``("Rabais", 5)`` ; chaque montant est arrondi au centime avant la suivante.
    """
    net = arrondi_centime(montant(base, "Montant"))
    resultat = []
    for nature, t in _lire_remises(remises, champ):
        valeur = arrondi_centime(net * t / CENT)
        libelle = f"{nature} {_p(t)}"
        resultat.append(Reduction(libelle, t, net, valeur))
        net -= valeur
    return tuple(resultat)


def _lire_remises(remises: Any, champ: str) -> list[tuple[str, Decimal]]:
    if remises is None:
        return []
    if isinstance(remises, (str, int, float, Decimal, Mapping)) and not isinstance(remises, bool):
        remises = (remises,)  # une seule remise donnée sans liste
    lues = []
    for i, r in enumerate(remises, start=1):
        nom = f"{champ} {i}"
        nature = "Remise"
        if isinstance(r, Mapping):
            nature = str(r.get("nature") or r.get("libelle") or "Remise")
            r = r.get("taux")
        elif isinstance(r, tuple) and len(r) == 2:
            nature, r = str(r[0]), r[1]
        if vide(r):
            continue  # champ de remise laissé vide dans un formulaire : pas de remise
        t = taux(r, nom, strict_maxi=True)
        if t == 0:
            continue
        lues.append((nature, t))
    return lues


def repartir_au_prorata(total: Decimal, poids: Sequence[Decimal]) -> list[Decimal]:
    """Répartit ``total`` au prorata de ``poids`` ; la somme des parts vaut exactement ``total``.

    Chaque part est arrondie au centime, sauf celle du plus grand poids (à égalité : la
    dernière de la liste parmi les plus grands), calculée par différence.
    """
    if not poids:
        return []
    somme = sum(poids, Decimal(0))
    indice_reste = max(range(len(poids)), key=lambda i: (poids[i], i))
    if somme == 0:
        parts = [ZERO] * len(poids)
        parts[indice_reste] = arrondi_centime(total)
        return parts
    parts = [arrondi_centime(total * p / somme) for p in poids]
    parts[indice_reste] = ZERO
    parts[indice_reste] = arrondi_centime(total) - sum(parts, ZERO)
    return parts


def _champ_ligne(i: int, nom: str) -> str:
    return f"Ligne {i} — {nom}"


def _lire_ligne(i: int, ligne: Any) -> LigneCalculee:
    if not isinstance(ligne, Mapping):
        raise SaisieInvalide(
            "chaque ligne doit donner une quantité et un prix unitaire HT.", champ=f"Ligne {i}"
        )
    q = quantite(ligne.get("quantite"), _champ_ligne(i, "Quantité"))
    pu = montant(ligne.get("prix_unitaire_ht"), _champ_ligne(i, "Prix unitaire HT"))
    brute_tva = ligne.get("taux_tva", 20)
    if vide(brute_tva):
        brute_tva = 20
    t_tva = _taux_propre(taux(brute_tva, _champ_ligne(i, "Taux de TVA"), maxi=100))
    designation = str(ligne.get("designation") or f"Ligne {i}")
    brut = arrondi_centime(q * pu)
    remises = remises_en_cascade(brut, ligne.get("remises"), champ=_champ_ligne(i, "Remise"))
    net = remises[-1].net if remises else brut
    return LigneCalculee(designation, q, pu, t_tva, brut, remises, net)


def _calculer(
    lignes: Iterable[Any],
    remises: Any = (),
    escompte: Any = 0,
    port: Any = 0,
    acompte: Any = 0,
    *,
    remises_additionnees: bool = False,
    escompte_sur_brut: bool = False,
    tva_sur_net_commercial: bool = False,
) -> NetAPayer:
    """Le calcul, avec en option les conventions FAUSSES utilisées par ``pieges``."""
    if lignes is None or isinstance(lignes, (str, Mapping)):
        raise SaisieInvalide("donnez une liste de lignes.", champ="Lignes")
    calculees = tuple(_lire_ligne(i, ligne) for i, ligne in enumerate(lignes, start=1))
    if not calculees:
        raise SaisieInvalide(
            "la facture n'a aucune ligne. Ajoutez au moins une ligne.", champ="Lignes"
        )
    remises_lues = _lire_remises(remises, "Remise")
    t_escompte = taux(0 if vide(escompte) else escompte, "Escompte", strict_maxi=True)
    port_ht = arrondi_centime(montant(0 if vide(port) else port, "Frais de port"))
    acompte_ttc = arrondi_centime(montant(0 if vide(acompte) else acompte, "Acompte"))

    brut = sum((ligne.montant_brut_ht for ligne in calculees), ZERO)
    total_lignes = sum((ligne.montant_net_ht for ligne in calculees), ZERO)
    remises_lignes = brut - total_lignes

    etapes: list[Etape] = [Etape("Montant brut HT", brut, "")]
    if remises_lignes:
        etapes.append(Etape("Remises sur les lignes", -remises_lignes, MOINS))
        etapes.append(Etape("Total des lignes HT", total_lignes, "="))

    # Réductions commerciales (en cascade, ou — piège — additionnées)
    reductions: list[Reduction] = []
    net = total_lignes
    if remises_additionnees and remises_lues:
        t_somme = sum((t for _, t in remises_lues), Decimal(0))
        nature = " + ".join(_p(t) for _, t in remises_lues)
        valeur = arrondi_centime(net * t_somme / CENT)
        reductions.append(Reduction(f"Remises {nature}", t_somme, net, valeur))
        net -= valeur
    else:
        for nature, t in remises_lues:
            valeur = arrondi_centime(net * t / CENT)
            libelle = f"{nature} {_p(t)}"
            reductions.append(Reduction(libelle, t, net, valeur))
            net -= valeur
    for r in reductions:
        etapes.append(Etape(r.libelle, -r.montant, MOINS))
    net_commercial = net
    if reductions:
        etapes.append(Etape("Net commercial HT", net_commercial, "="))

    # Réduction financière
    reduction_escompte = None
    net_financier = net_commercial
    if t_escompte:
        base_escompte = brut if escompte_sur_brut else net_commercial
        valeur = arrondi_centime(base_escompte * t_escompte / CENT)
        libelle = f"Escompte {_p(t_escompte)}"
        reduction_escompte = Reduction(libelle, t_escompte, base_escompte, valeur)
        net_financier = net_commercial - valeur
        etapes.append(Etape(libelle, -valeur, MOINS))
        etapes.append(Etape("Net financier HT", net_financier, "="))
    if net_financier < 0:
        raise SaisieInvalide(
            "les réductions dépassent le montant brut : vérifiez les taux.", champ="Escompte"
        )

    total_ht = net_financier + port_ht
    if port_ht:
        etapes.append(Etape("Frais de port HT", port_ht, "+"))
        etapes.append(Etape("Total HT", total_ht, "="))

    # TVA, taux par taux : répartition du net financier puis du port
    taux_ordonnes: list[Decimal] = []
    poids: dict[Decimal, Decimal] = {}
    for ligne in calculees:
        if ligne.taux_tva not in poids:
            taux_ordonnes.append(ligne.taux_tva)
            poids[ligne.taux_tva] = ZERO
        poids[ligne.taux_tva] += ligne.montant_net_ht
    liste_poids = [poids[t] for t in taux_ordonnes]
    base_tva_totale = (net_commercial if tva_sur_net_commercial else net_financier) + port_ht
    parts_net = repartir_au_prorata(base_tva_totale - port_ht, liste_poids)
    parts_port = repartir_au_prorata(port_ht, parts_net if any(parts_net) else liste_poids)
    tva_par_taux: dict[Decimal, TvaTaux] = {}
    for t, part_net, part_port in zip(taux_ordonnes, parts_net, parts_port, strict=True):
        base = part_net + part_port
        tva_par_taux[t] = TvaTaux(t, base, arrondi_centime(base * t / CENT))
    tva = sum((v.montant for v in tva_par_taux.values()), ZERO)
    plusieurs = len(tva_par_taux) > 1
    for t in sorted(tva_par_taux, reverse=True):
        v = tva_par_taux[t]
        libelle = f"TVA {_p(t)}"
        if plusieurs:
            libelle += f" sur {_e(v.base)}"
        etapes.append(Etape(libelle, v.montant, "+"))
    total_ttc = total_ht + tva

    if acompte_ttc > total_ttc:
        raise SaisieInvalide(
            f"l'acompte ({_e(acompte_ttc)}) dépasse le total TTC ({_e(total_ttc)}).",
            champ="Acompte",
        )
    net_a_payer_ttc = total_ttc - acompte_ttc
    if acompte_ttc:
        etapes.append(Etape("Total TTC", total_ttc, "="))
        etapes.append(Etape("Acompte", -acompte_ttc, MOINS))
        etapes.append(Etape("Net à payer", net_a_payer_ttc, "="))
    else:
        etapes.append(Etape("Net à payer TTC", total_ttc, "="))

    avertissements = []
    for i, ligne in enumerate(calculees, start=1):
        if ligne.taux_tva not in TAUX_TVA_FRANCE:
            avertissements.append(
                f"Ligne {i} : taux de TVA inhabituel "
                f"({_p(ligne.taux_tva)}). En France "
                "métropolitaine, les taux sont 20 %, 10 %, 5,5 % et 2,1 % ; vérifiez le taux "
                "(Corse, outre-mer, exonération ?)."
            )

    return NetAPayer(
        lignes=calculees,
        brut_ht=brut,
        remises_lignes=remises_lignes,
        remises=tuple(reductions),
        net_commercial=net_commercial,
        escompte=reduction_escompte,
        net_financier=net_financier,
        port=port_ht,
        total_ht=total_ht,
        tva_par_taux=tva_par_taux,
        tva=tva,
        total_ttc=total_ttc,
        acompte=acompte_ttc,
        net_a_payer=net_a_payer_ttc,
        etapes=tuple(etapes),
        avertissements=tuple(avertissements),
    )


def net_a_payer(
    lignes: Iterable[Mapping[str, Any]],
    remises: Any = (),
    escompte: Any = 0,
    port: Any = 0,
    acompte: Any = 0,
) -> NetAPayer:
    """Calcule une facture, du montant brut HT au net à payer (voir l'ordre en tête du module).

    - ``lignes`` : dictionnaires avec ``quantite``, ``prix_unitaire_ht``, et en option
      ``taux_tva`` (20 par défaut), ``remises`` (taux successifs propres à la ligne),
      ``designation`` ;
    - ``remises`` : taux globaux en %, appliqués en cascade sur le total des lignes ; un taux
      (``10``, ``"10 %"``) ou un couple ``("Rabais", 5)`` pour nommer la réduction ;
    - ``escompte`` : taux en %, sur le net commercial ;
    - ``port`` : frais de port HT (soumis à la TVA) ; ``acompte`` : montant TTC déjà versé.

    Les valeurs peuvent être tapées à la française (``"1 234,56"``, ``"12,5 %"``).
    Lève :class:`SaisieInvalide` (champ nommé, message en français) pour une saisie illisible,
    une quantité nulle ou négative, aucune ligne, une remise ou un escompte ≥ 100 %, un taux de
    TVA hors de 0–100 %, un port négatif ou un acompte supérieur au total TTC. Un taux de TVA
    inhabituel donne seulement un avertissement.
    """
    return _calculer(lignes, remises, escompte, port, acompte)
