"""Satisfaction, fidélisation et e-réputation (notebook ``relation_distance/03``): NPS, CSAT,
note moyenne pondérée des avis, taux et délai de réponse aux avis, attrition, rétention d'une
cohorte (S431, S521, S522, S532).

Every expected figure comes from :mod:`widgets.calculs.satisfaction`; the NPS-as-a-mean and
CSAT-on-everybody traps from :mod:`widgets.calculs.pieges_distance`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from widgets.calculs import arrondi, format_nombre, format_pourcent
from widgets.calculs.arrondis import CENT, CENTIME
from widgets.calculs.francais import accorder
from widgets.calculs.satisfaction import (
    cohortes_retention,
    csat,
    delai_moyen_de_reponse,
    note_moyenne_ponderee,
    nps,
    taux_attrition,
    taux_de_reponse_aux_avis,
)
from widgets.exercices import (
    Cellule,
    ControleNombre,
    ControleTableau,
    Piege,
    Variante,
    exercice,
)
from widgets.exercices.catalogue.relation_distance import piege_distance
from widgets.exercices.catalogue.relation_distance._commun import avec_unite, distincts, n

TOLERANCE = CENTIME
MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def _taux(a: int | Decimal, b: int | Decimal) -> Decimal:
    return arrondi(Decimal(a) * CENT / Decimal(b), 2)


def _repartition(alea: random.Random, notes: range, poids: list[int], total: int) -> list[int]:
    """How many respondents gave each note (``total`` in all, drawn with ``poids``)."""
    compte = [0] * len(notes)
    for _ in range(total):
        compte[alea.choices(range(len(notes)), weights=poids)[0]] += 1
    return compte


def _tableau_notes(notes: range, compte: list[int]) -> str:
    entete = "| Note | " + " | ".join(str(k) for k in notes) + " |"
    regle = "| --- | " + " | ".join("---" for _ in notes) + " |"
    ligne = "| Répondants | " + " | ".join(str(c) for c in compte) + " |"
    return f"{entete}\n{regle}\n{ligne}"


@exercice(
    "nps-1",
    "Net Promoter Score (NPS) d'une enquête de satisfaction",
    savoirs=["S431", "S532"],
)
def nps_1(alea: random.Random) -> Variante:
    notes = range(0, 11)
    poids = [1, 1, 1, 2, 2, 4, 5, 9, 12, alea.randrange(8, 16), alea.randrange(6, 16)]
    repondants = alea.randrange(60, 201)
    sans_reponse = alea.randrange(20, 151)
    compte = _repartition(alea, notes, poids, repondants)
    liste = [k for k, c in zip(notes, compte, strict=True) for _ in range(c)]
    r = nps(liste)
    interroges = repondants + sans_reponse
    pieges = [
        piege_distance("nps_moyenne_des_notes", liste),
        Piege(
            "nps_sur_tous_les_interroges",
            _taux(r.promoteurs - r.detracteurs, interroges),
            "Les clients qui n'ont pas répondu ont été comptés : le NPS se calcule sur les "
            "seuls répondants.",
        ),
    ]
    return Variante(
        enonce=(
            f"Après leur commande en ligne, {n(interroges)} clients ont reçu la question « Sur "
            "une échelle de 0 à 10, recommanderiez-vous notre boutique à un proche ? » ; "
            f"{n(repondants)} ont répondu :\n\n"
            f"{_tableau_notes(notes, compte)}\n\n"
            "Calculez le **Net Promoter Score** (en points, au centième)."
        ),
        controle=ControleNombre(
            r.nps,
            libelle="NPS",
            unite="points",
            tolerance=TOLERANCE,
            pieges=distincts(r.nps, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=(
            "Promoteurs : notes 9 et 10 ; détracteurs : notes 0 à 6 ; les 7 et 8 sont passifs.",
            "NPS = % de promoteurs − % de détracteurs, parmi les répondants.",
        ),
        solution=(
            f"Promoteurs = {n(r.promoteurs)} ; détracteurs = {n(r.detracteurs)} ; passifs = "
            f"{n(r.passifs)} (sur {n(repondants)} répondants).\n\n"
            f"NPS = ({n(r.promoteurs)} − {n(r.detracteurs)}) / {n(repondants)} × 100 = "
            f"**{avec_unite(r.nps, 'point')}** (la moyenne des notes, "
            f"{format_nombre(pieges[0].valeur, 2)}, n'est pas le NPS)."
        ),
        parametres={"compte": compte, "interroges": interroges},
    )


@exercice(
    "csat-1",
    "Taux de satisfaction (CSAT) après un contact",
    savoirs=["S431", "S532"],
)
def csat_1(alea: random.Random) -> Variante:
    notes = range(1, 6)
    repondants = alea.randrange(50, 241)
    sans_reponse = alea.randrange(20, 161)
    compte = _repartition(alea, notes, [2, 3, 5, 10, alea.randrange(6, 14)], repondants)
    liste: list[int | None] = [k for k, c in zip(notes, compte, strict=True) for _ in range(c)]
    liste += [None] * sans_reponse
    r = csat(liste)
    trois = [k for k in liste if k is not None]
    pieges = [
        piege_distance("csat_sur_tous_les_interroges", liste),
        Piege(
            "csat_avec_les_notes_3",
            _taux(sum(1 for k in trois if k >= 3), len(trois)),
            "La note 3 (« ni satisfait ni insatisfait ») a été comptée : seules les notes 4 et "
            "5 sont des clients satisfaits.",
        ),
    ]
    return Variante(
        enonce=(
            f"Après un échange avec le service client (chat ou téléphone), {n(r.interroges)} "
            "clients ont reçu la question « Êtes-vous satisfait de la réponse apportée ? » "
            f"(note de 1 à 5) ; {n(r.repondants)} ont répondu :\n\n"
            f"{_tableau_notes(notes, compte)}\n\n"
            "Calculez le **CSAT** (part des clients satisfaits, notes 4 et 5), en %, au "
            "centième."
        ),
        controle=ControleNombre(
            r.csat,
            libelle="CSAT",
            unite="%",
            tolerance=TOLERANCE,
            pieges=distincts(r.csat, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=(
            "Les clients satisfaits ont donné 4 ou 5.",
            "CSAT = satisfaits / RÉPONDANTS × 100 (le taux de réponse se donne à part).",
        ),
        solution=(
            f"Satisfaits = {n(r.satisfaits)} ; CSAT = {n(r.satisfaits)} / {n(r.repondants)} × "
            f"100 = **{format_pourcent(r.csat)}** (taux de réponse "
            f"{format_pourcent(r.taux_de_reponse)})."
        ),
        parametres={"compte": compte, "interroges": r.interroges},
    )


PLATEFORMES = ("Google", "Trustpilot", "la place de marché", "le site de la marque")


@exercice(
    "note-moyenne-avis-1",
    "Note moyenne des avis en ligne sur plusieurs plateformes",
    savoirs=["S431", "S532"],
)
def note_moyenne_avis_1(alea: random.Random) -> Variante:
    nombre = alea.choice((3, 4))
    plateformes = PLATEFORMES[:nombre]
    lignes = [(Decimal(alea.randrange(28, 49)) / 10, alea.randrange(12, 601)) for _ in plateformes]
    attendu = note_moyenne_ponderee(lignes)
    simple = arrondi(sum(note for note, _ in lignes) / len(lignes), 2)
    pieges = [
        Piege(
            "moyenne_des_moyennes",
            simple,
            "C'est la moyenne simple des notes des plateformes : une plateforme de 20 avis "
            "pèserait autant qu'une de 500. On pondère chaque note par son nombre d'avis.",
        ),
    ]
    tableau = "\n".join(
        f"| {p} | {format_nombre(note, 1)} | {n(nb)} |"
        for p, (note, nb) in zip(plateformes, lignes, strict=True)
    )
    return Variante(
        enonce=(
            "Les avis clients sur la marque sont publiés sur plusieurs plateformes :\n\n"
            "| Plateforme | Note moyenne (sur 5) | Nombre d'avis |\n| --- | --- | --- |\n"
            f"{tableau}\n\n"
            "Calculez la **note moyenne de l'ensemble des avis** (au centième)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Note moyenne",
            unite="",
            tolerance=TOLERANCE,
            pieges=distincts(attendu, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=(
            "Total des étoiles d'une plateforme = note moyenne × nombre d'avis.",
            "Note moyenne = Σ (note × nombre d'avis) / Σ nombre d'avis.",
        ),
        solution=(
            "Note = ("
            + " + ".join(f"{format_nombre(note, 1)} × {n(nb)}" for note, nb in lignes)
            + f") / {n(sum(nb for _, nb in lignes))} = **{format_nombre(attendu, 2)}**."
        ),
        parametres={"lignes": lignes},
    )


@exercice(
    "reponse-aux-avis-1",
    "Taux et délai de réponse aux avis en ligne",
    savoirs=["S431", "S532"],
)
def reponse_aux_avis_1(alea: random.Random) -> Variante:
    total = alea.randrange(8, 13)
    debut = date(2025, alea.randrange(1, 13), 1)
    avis: list[tuple[date, date | None]] = []
    for _ in range(total):
        jour = debut + timedelta(days=alea.randrange(0, 28))
        reponse = None if alea.random() < 0.3 else jour + timedelta(days=alea.randrange(0, 9))
        avis.append((jour, reponse))
    avis.sort(key=lambda a: a[0])
    if all(r is None for _, r in avis):
        avis[0] = (avis[0][0], avis[0][0] + timedelta(days=2))
    if all(r is not None for _, r in avis):
        avis[-1] = (avis[-1][0], None)
    repondus = sum(1 for _, r in avis if r is not None)
    taux = taux_de_reponse_aux_avis(total, repondus)
    delai = delai_moyen_de_reponse(avis)
    somme = sum((r - j).days for j, r in avis if r is not None)
    cellules = (
        Cellule(
            "taux",
            "Taux de réponse aux avis",
            taux,
            lambda repondus, total: _taux(repondus, total),
            unite="%",
            tolerance=TOLERANCE,
            decimales=2,
        ),
        Cellule(
            "delai",
            "Délai moyen de réponse",
            delai,
            lambda somme, repondus: arrondi(somme / repondus, 2),
            unite="jours",
            tolerance=TOLERANCE,
            decimales=2,
            pieges=distincts(
                delai,
                [
                    Piege(
                        "delai_sur_tous_les_avis",
                        arrondi(Decimal(somme) / total, 2),
                        "Les avis sans réponse ont été comptés avec un délai nul : le délai "
                        "moyen se calcule sur les seuls avis qui ont reçu une réponse.",
                    )
                ],
                TOLERANCE,
            ),
        ),
    )
    lignes = "\n".join(
        f"| {k} | {j:%d/%m/%Y} | {'—' if r is None else format(r, '%d/%m/%Y')} |"
        for k, (j, r) in enumerate(avis, start=1)
    )
    return Variante(
        enonce=(
            f"Voici les avis Google reçus par la boutique en {MOIS[debut.month - 1]} "
            f"{debut.year} et la date de la réponse publiée par l'entreprise (— : pas de "
            "réponse) :\n\n"
            f"| Avis | Date de l'avis | Date de la réponse |\n| --- | --- | --- |\n{lignes}\n\n"
            "Calculez le **taux de réponse aux avis** (en %, au centième) et le **délai moyen "
            "de réponse** en jours (au centième)."
        ),
        controle=ControleTableau(
            cellules,
            donnees={
                "repondus": Decimal(repondus),
                "total": Decimal(total),
                "somme": Decimal(somme),
            },
        ),
        indices=(
            "Taux de réponse = avis avec réponse / avis reçus × 100.",
            "Délai moyen = somme des délais (date de réponse − date de l'avis) / nombre d'avis "
            "qui ont une réponse.",
        ),
        solution=(
            f"- Taux de réponse = {repondus} / {total} × 100 = **{format_pourcent(taux)}**\n"
            f"- Délai moyen = {accorder(somme, 'jour')} / {repondus} = "
            f"**{avec_unite(delai, 'jour')}**"
        ),
        parametres={"avis": avis},
    )


@exercice(
    "attrition-1",
    "Taux d'attrition des clients de la boutique",
    savoirs=["S521", "S522"],
)
def attrition_1(alea: random.Random) -> Variante:
    debut = alea.randrange(800, 5_001, 10)
    perdus = debut * alea.randrange(6, 25) // 100
    nouveaux = debut * alea.randrange(5, 30) // 100
    if nouveaux == perdus:
        nouveaux += 7
    fin = debut - perdus + nouveaux
    attendu = taux_attrition(debut, perdus)
    pieges = [
        Piege(
            "attrition_sur_les_clients_de_fin",
            _taux(perdus, fin),
            "Les clients perdus ont été rapportés aux clients de fin de période : le taux "
            "d'attrition se calcule sur les clients présents au DÉBUT.",
        ),
        Piege(
            "attrition_nette_des_nouveaux",
            _taux(abs(debut - fin), debut),
            "C'est la variation nette du nombre de clients : les nouveaux clients masquent les "
            "départs. L'attrition ne compte que les clients perdus.",
        ),
    ]
    return Variante(
        enonce=(
            f"Au 1er janvier, la boutique en ligne comptait {n(debut)} clients actifs. Pendant "
            f"l'année, {n(perdus)} d'entre eux n'ont plus rien acheté (clients perdus) et "
            f"{n(nouveaux)} nouveaux clients sont arrivés ; au 31 décembre, elle en compte "
            f"{n(fin)}.\n\n"
            "Calculez le **taux d'attrition** de l'année (en %, au centième)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Taux d'attrition",
            unite="%",
            tolerance=TOLERANCE,
            pieges=distincts(attendu, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=("Taux d'attrition = clients perdus / clients au début de la période × 100.",),
        solution=(
            f"Taux d'attrition = {n(perdus)} / {n(debut)} × 100 = "
            f"**{format_pourcent(attendu)}** (taux de fidélité : "
            f"{format_pourcent(CENT - attendu)})."
        ),
        parametres={"debut": debut, "perdus": perdus, "nouveaux": nouveaux},
    )


@exercice(
    "retention-cohorte-1",
    "Rétention d'une cohorte de nouveaux clients",
    savoirs=["S521", "S522"],
)
def retention_cohorte_1(alea: random.Random) -> Variante:
    effectif = alea.randrange(80, 401)
    actifs = [effectif]
    for _ in range(3):
        actifs.append(actifs[-1] * alea.randrange(45, 85) // 100)
    mois = alea.randrange(1, 10)
    # invoices: client k buys in the cohort month, and in month +i while k < actifs[i]
    factures = [(k, date(2025, mois + i, 5)) for i, a in enumerate(actifs) for k in range(a)]
    table = cohortes_retention(factures, "mois")
    ligne = table.lignes[0]
    attendu = ligne.retention[3]
    pieges = [
        Piege(
            "retention_sur_le_mois_precedent",
            _taux(actifs[3], actifs[2]),
            "Les actifs du troisième mois ont été rapportés à ceux du mois précédent : la "
            "rétention d'une cohorte se rapporte toujours à son effectif de départ.",
        ),
    ]
    noms = [MOIS[mois - 1 + i] for i in range(4)]
    cohorte = ("d'" if noms[0][0] in "ao" else "de ") + noms[0]  # « d'août », « de mai »
    return Variante(
        enonce=(
            f"{n(effectif)} clients ont passé leur première commande en ligne en {noms[0]} "
            f"2025 (la cohorte {cohorte}). Parmi eux, ont commandé de nouveau :\n\n"
            "| Mois | " + " | ".join(noms[1:]) + " |\n| --- | --- | --- | --- |\n"
            "| Clients de la cohorte actifs | " + " | ".join(n(a) for a in actifs[1:]) + " |\n\n"
            f"Calculez le **taux de rétention** de la cohorte en {noms[3]} (trois mois après "
            "la première commande), en %, au centième."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Taux de rétention à trois mois",
            unite="%",
            tolerance=TOLERANCE,
            pieges=distincts(attendu, pieges, TOLERANCE),
            decimales=2,
        ),
        indices=("Rétention au mois k = actifs de la cohorte au mois k / effectif de départ.",),
        solution=(
            f"Rétention = {n(actifs[3])} / {n(effectif)} × 100 = **{format_pourcent(attendu)}**."
        ),
        parametres={"actifs": actifs, "mois": mois},
    )
