"""Analyse du portefeuille clients : ABC, statistiques, prévision, scoring, rentabilité et
risque (savoirs S521, S522).

Every expected figure comes from :mod:`widgets.calculs` (``pareto``, ``statistiques``,
``prevision``, ``scoring``, ``rentabilite_client``); the traps are the classic slips computed
by the same functions with the wrong method: cumulating an unsorted list, the mean instead of
the median of a skewed CA, the spreadsheet's n − 1 standard deviation, an additive seasonal
gap instead of a multiplicative coefficient, forgetting the weights, a 365-day year, a DSO on
the CA HT.
"""

from __future__ import annotations

import inspect
import random
from decimal import Decimal

from widgets.calculs import (
    accorder,
    arrondi,
    arrondi_centime,
    format_euros,
    format_nombre,
    format_pourcent,
)
from widgets.calculs.arrondis import CENT
from widgets.calculs.finance import dso as delai_moyen_de_paiement
from widgets.calculs.finance.pieges import dso_sur_ca_ht
from widgets.calculs.pareto import analyse_abc, cumul_sans_tri
from widgets.calculs.prevision import coefficients_saisonniers, tendance_lineaire
from widgets.calculs.rentabilite_client import compte_exploitation_client
from widgets.calculs.scoring import score_pondere
from widgets.calculs.statistiques import coefficient_de_variation, ecart_type, mediane, moyenne
from widgets.exercices import (
    Cellule,
    ControleNombre,
    ControleTableau,
    Piege,
    Variante,
    exercice,
    piege_connu,
)
from widgets.exercices.controles import formater

NOMS = (
    "Boutique du Port",
    "CSE Aéroval",
    "Grand Panier Lille",
    "Souvenirs de Paris",
    "Hôtel des Dunes",
    "Maison Lefèvre",
    "Camping Les Pins",
    "Épicerie Durand",
    "Bazar de la Plage",
    "CSE Transports Martin",
    "Distri Plus Nantes",
    "Le Comptoir Breton",
)
SEUILS = ((80, 95), (70, 90), (75, 95), (80, 90))


def _formule(fonction, *parametres: str):
    """``fonction`` with a signature naming ``parametres`` (the cells it depends on)."""

    def appel(**valeurs):
        return fonction(*(valeurs[p] for p in parametres))

    appel.__signature__ = inspect.Signature(
        [inspect.Parameter(p, inspect.Parameter.KEYWORD_ONLY) for p in parametres]
    )
    return appel


def _autre_methode(valeur: Decimal, attendu: Decimal) -> tuple[Decimal, ...]:
    """``autres_attendus`` of a cell: the other correct method's value, when it differs."""
    return () if valeur == attendu else (valeur,)


def _lignes_md(entetes: tuple[str, ...], lignes: list[tuple[str, ...]]) -> str:
    tete = "| " + " | ".join(entetes) + " |\n|" + "---|" * len(entetes) + "\n"
    return tete + "\n".join("| " + " | ".join(ligne) + " |" for ligne in lignes)


# --------------------------------------------------------------------------- ABC


@exercice(
    "abc-tableau-cumule",
    "Analyse ABC : trier, cumuler, classer (loi 20/80)",
    savoirs=["S522"],
)
def abc_tableau_cumule(alea: random.Random) -> Variante:
    seuil_a, seuil_b = alea.choice(SEUILS)
    noms = alea.sample(NOMS, 8)
    while True:
        # a skewed portfolio: a few big clients, many small ones (multiples of 50 €)
        montants = sorted(
            {Decimal(50 * alea.randint(200, 900)) for _ in range(2)}
            | {Decimal(50 * alea.randint(40, 180)) for _ in range(3)}
            | {Decimal(50 * alea.randint(4, 35)) for _ in range(3)},
            reverse=True,
        )
        if len(montants) == 8:
            break
    donnes = list(zip(noms, montants, strict=True))
    alea.shuffle(donnes)
    if donnes[0][1] == montants[0]:  # the list must not start with the biggest client
        donnes.append(donnes.pop(0))
    r = analyse_abc(donnes, seuil_a, seuil_b)
    faux = cumul_sans_tri(donnes)
    faux_euros = []
    cumul = Decimal(0)
    for _n, ca in donnes:
        cumul += ca
        faux_euros.append(cumul)
    explication = (
        "Vous avez cumulé les clients dans l'ordre de l'énoncé : il faut d'abord les trier par "
        "chiffre d'affaires décroissant."
    )
    total = r.total
    donnees = {"total": total}
    # step 1, checked: the sort. The CA of each rank, biggest first; cumulating an unsorted
    # list is the core mistake of the ABC table, so the cumuls earn carry-forward only once
    # the sort is right (``prealables``).
    tri = tuple(f"tri_{k}" for k in range(1, len(r.lignes) + 1))
    explication_tri = (
        "Le tri n'est pas fait : le rang 1 est le plus gros client, puis les chiffres "
        "d'affaires vont en décroissant."
    )
    cellules = [
        Cellule(
            f"tri_{k}",
            f"Rang {k} : CA HT (clients triés)",
            ligne.ca,
            points=Decimal("0.25"),
            pieges=(Piege("tri_absent", donnes[k - 1][1], explication_tri),),
        )
        for k, ligne in enumerate(r.lignes, 1)
    ]
    for k, ligne in enumerate(r.lignes, 1):
        if k == 1:
            formule_cumul = _formule(lambda ca: ca, "tri_1")
        else:
            formule_cumul = _formule(lambda prec, ca: prec + ca, f"cumul_{k - 1}", f"tri_{k}")
        cellules.append(
            Cellule(
                f"cumul_{k}",
                f"Rang {k} : CA cumulé",
                ligne.ca_cumule,
                formule_cumul,
                pieges=(Piege("cumul_sans_tri", faux_euros[k - 1], explication),),
                prealables=tri,
            )
        )
        cellules.append(
            Cellule(
                f"part_{k}",
                f"Rang {k} : % cumulé",
                ligne.part_cumulee,
                _formule(lambda c, t: arrondi(c * CENT / t, 2), f"cumul_{k}", "total"),
                unite="%",
                tolerance=Decimal("0.05"),
                pieges=(Piege("cumul_sans_tri", faux[k - 1], explication),),
                prealables=tri,
            )
        )
    a, b = r.classe("A"), r.classe("B")
    sans_franchissement = sum(1 for x in r.lignes if x.ca_cumule * CENT <= seuil_a * total)
    cellules.append(
        Cellule(
            "nb_a",
            "Nombre de clients A",
            Decimal(a.effectif),
            unite="",
            tolerance=Decimal(0),
            points=Decimal(2),
            pieges=(
                Piege(
                    "franchissement_exclu",
                    Decimal(sans_franchissement),
                    "D'après l'énoncé, le client dont le cumul atteint ou franchit le seuil "
                    "appartient encore à la classe A.",
                ),
            ),
        )
    )
    cellules.append(
        Cellule("nb_b", "Nombre de clients B", Decimal(b.effectif), unite="", tolerance=Decimal(0))
    )
    tableau = _lignes_md(("Client", "CA HT de l'année"), [(n, format_euros(c)) for n, c in donnes])
    solution = _lignes_md(
        ("Rang", "Client", "CA HT", "CA cumulé", "% cumulé", "Classe"),
        [
            (
                str(x.rang),
                x.libelle,
                format_euros(x.ca),
                format_euros(x.ca_cumule),
                formater(x.part_cumulee, "%"),  # 2 decimals on every row: 4,40 % / 20,99 %
                x.classe,
            )
            for x in r.lignes
        ],
    )
    return Variante(
        enonce=(
            f"Voici le chiffre d'affaires HT de l'année de huit clients d'un commercial :\n\n"
            f"{tableau}\n\n"
            "La « loi 20/80 » (Pareto) dit qu'environ 20 % des clients font 80 % du CA : "
            "l'analyse ABC permet de le vérifier sur ce portefeuille.\n\n"
            f"Réalisez l'analyse ABC : **triez** les clients par CA décroissant (donnez le CA "
            f"de chaque rang), puis pour chaque rang donnez le "
            f"**CA cumulé** (au centime) et le **% cumulé du CA** (à 0,01 % près). La classe "
            f"**A** va du premier client jusqu'à celui dont le cumul atteint ou dépasse "
            f"**{seuil_a} %** (inclus) ; la classe **B** va jusqu'à celui qui atteint "
            f"**{seuil_b} %** (inclus) ; les autres sont en **C**. Combien de clients en A, "
            "en B ?"
        ),
        controle=ControleTableau(tuple(cellules), donnees=donnees),
        indices=(
            "Triez d'abord les clients par CA **décroissant** : l'analyse ABC commence par le "
            "plus gros client.",
            f"CA cumulé du rang k = CA cumulé du rang k − 1 + CA du rang k ; le total vaut "
            f"{format_euros(total)}.",
            "% cumulé = CA cumulé / CA total × 100.",
        ),
        solution=(
            f"{solution}\n\nClasse A : **{accorder(a.effectif, 'client')}** "
            f"({format_pourcent(a.part_ca)} "
            f"du CA) ; classe B : **{accorder(b.effectif, 'client')}**."
        ),
        parametres={"clients": donnes, "seuil_a": seuil_a, "seuil_b": seuil_b},
    )


# --------------------------------------------------------------------------- statistiques

SEGMENTS = ("boutiques de souvenirs", "comités d'entreprise", "grossistes", "GMS")


@exercice(
    "statistiques-ca-segment",
    "Moyenne, médiane, écart type : décrire le CA d'un segment",
    savoirs=["S522"],
)
def statistiques_ca_segment(alea: random.Random) -> Variante:
    n = alea.choice((7, 9, 11))
    valeurs = [Decimal(10 * alea.randint(60, 240)) for _ in range(n - 1)]
    valeurs.append(Decimal(100 * alea.randint(150, 400)))  # one very big client
    alea.shuffle(valeurs)
    segment = alea.choice(SEGMENTS)
    m, med = arrondi_centime(moyenne(valeurs)), mediane(valeurs)
    sigma = arrondi_centime(ecart_type(valeurs))
    cv = arrondi(coefficient_de_variation(valeurs), 2)
    milieu_non_trie = valeurs[n // 2]
    cellules = (
        Cellule("moyenne", "Moyenne", m),
        Cellule(
            "mediane",
            "Médiane",
            arrondi_centime(med),
            pieges=(
                Piege(
                    "moyenne_au_lieu_de_mediane",
                    m,
                    "C'est la moyenne : la médiane est la valeur du milieu de la série triée.",
                ),
                Piege(
                    "mediane_non_triee",
                    milieu_non_trie,
                    "Vous avez pris la valeur du milieu de la liste non triée : triez d'abord.",
                ),
            ),
        ),
        Cellule(
            "ecart_type",
            "Écart type σ",
            sigma,
            tolerance=Decimal("0.05"),
            pieges=(
                Piege(
                    "ecart_type_n_moins_1",
                    arrondi_centime(ecart_type(valeurs, echantillon=True)),
                    "Vous avez divisé par n − 1 (ECARTYPE du tableur) : le cours divise par n "
                    "(ECARTYPE.PEARSON, σn de la calculatrice).",
                ),
            ),
        ),
        Cellule(
            "cv",
            "Coefficient de variation",
            cv,
            _formule(lambda s, moy: arrondi(s / moy * CENT, 2), "ecart_type", "moyenne"),
            unite="%",
            tolerance=Decimal("0.05"),
        ),
    )
    liste = " ; ".join(format_euros(v) for v in valeurs)
    tri = " ; ".join(format_euros(v) for v in sorted(valeurs))
    return Variante(
        enonce=(
            f"Voici le CA HT annuel de chacun des {n} clients du segment « {segment} » d'un "
            f"commercial : {liste}.\n\n"
            "Calculez la **moyenne**, la **médiane**, l'**écart type** (σ, en divisant par n) "
            "au centime, et le **coefficient de variation** (σ / moyenne, en %). Puis "
            "réfléchissez : quel indicateur décrit le mieux le client « typique » ?"
        ),
        controle=ControleTableau(cellules),
        indices=(
            "Triez la série : la médiane est la valeur du milieu (n est impair).",
            "σ = √(Σ (x − moyenne)² / n).",
            "CV = σ / moyenne × 100.",
        ),
        solution=(
            f"Série triée : {tri}.\n\n"
            f"- Moyenne = {format_euros(sum(valeurs))} / {n} = **{format_euros(m)}**\n"
            f"- Médiane = valeur de rang {n // 2 + 1} = **{format_euros(med)}**\n"
            f"- σ = **{format_euros(sigma)}** ; CV = **{format_pourcent(cv)}**\n\n"
            "Un seul très gros client tire la moyenne vers le haut : la médiane décrit mieux "
            "le client courant, et le CV très élevé dit que le segment est hétérogène (à "
            "traiter par une analyse ABC)."
        ),
        parametres={"valeurs": valeurs, "segment": segment},
    )


# --------------------------------------------------------------------------- prévision


@exercice(
    "prevision-saisonniere",
    "Tendance par les moindres carrés et prévision corrigée de la saisonnalité",
    savoirs=["S522"],
)
def prevision_saisonniere(alea: random.Random) -> Variante:
    annees = alea.choice((2, 3))
    base = alea.randint(80, 140)
    pente = alea.randint(2, 6)
    profil = alea.choice(((90, 80, 105, 125), (110, 95, 80, 115), (85, 120, 110, 85)))
    valeurs = [
        Decimal(round((base + pente * x) * profil[(x - 1) % 4] / 100 + alea.randint(-3, 3)))
        for x in range(1, 4 * annees + 1)
    ]
    n = len(valeurs)
    trimestre = alea.randint(1, 4)
    x_prevu = n + trimestre
    t = tendance_lineaire(valeurs)
    saisons = coefficients_saisonniers(valeurs, 4)
    rangs = range(trimestre, n + 1, 4)
    coef_brut = arrondi(saisons.bruts[trimestre - 1], 4)

    # The student's chain, used for the expected values AND the carry-forward formulas (so
    # they cannot disagree): a to 4 decimals, b = ȳ − a x̄ from that a, the trend from the
    # rounded a and b, the forecast from the rounded trend and coefficient. The exact chain
    # (a and b unrounded) is another correct method, accepted through ``autres_attendus``.
    def constante_b(a_: Decimal) -> Decimal:
        return arrondi(t.y_moyen - a_ * t.x_moyen, 4)

    def tendance_au_rang(a_: Decimal, b_: Decimal) -> Decimal:
        return arrondi(a_ * x_prevu + b_, 2)

    def prevision_du_trimestre(tp: Decimal, c: Decimal) -> Decimal:
        return arrondi(tp * c, 2)

    ecart_moyen = sum((valeurs[x - 1] - t.valeur(x) for x in rangs), Decimal(0)) / len(rangs)
    additive = arrondi(t.valeur(x_prevu) + ecart_moyen, 2)
    explication_additive = (
        "Vous avez ajouté un écart saisonnier (modèle additif) : le cours multiplie la "
        "tendance par un coefficient saisonnier (modèle multiplicatif)."
    )
    a = arrondi(t.a, 4)
    b = constante_b(a)
    tendance_prevue = tendance_au_rang(a, b)
    prevision = prevision_du_trimestre(tendance_prevue, coef_brut)
    b_exact = arrondi(t.b, 4)
    tendance_exacte = arrondi(t.valeur(x_prevu), 2)
    prevision_exacte = arrondi(t.valeur(x_prevu) * saisons.bruts[trimestre - 1], 2)
    cellules = (
        Cellule("a", "Coefficient a", a, unite="", tolerance=Decimal("0.01")),
        Cellule(
            "b",
            "Constante b",
            b,
            _formule(constante_b, "a"),
            unite="",
            tolerance=Decimal("0.05"),
            autres_attendus=_autre_methode(b_exact, b),
        ),
        Cellule(
            "tendance",
            f"Tendance au rang {x_prevu}",
            tendance_prevue,
            _formule(tendance_au_rang, "a", "b"),
            unite="",
            tolerance=Decimal("0.1"),
            autres_attendus=_autre_methode(tendance_exacte, tendance_prevue),
        ),
        Cellule(
            "coefficient",
            f"Coefficient du trimestre {trimestre}",
            coef_brut,
            unite="",
            tolerance=Decimal("0.01"),
            pieges=(Piege("ecart_additif", arrondi(ecart_moyen, 4), explication_additive),),
        ),
        Cellule(
            "prevision",
            f"Prévision du trimestre {trimestre}",
            prevision,
            _formule(prevision_du_trimestre, "tendance", "coefficient"),
            unite="",
            tolerance=Decimal("1"),
            autres_attendus=_autre_methode(prevision_exacte, prevision),
            pieges=(Piege("ecart_additif", additive, explication_additive),),
        ),
    )
    lignes = [
        (
            str(2026 - annees + (x - 1) // 4),
            f"T{(x - 1) % 4 + 1}",
            str(x),
            format_nombre(v),
        )
        for x, v in enumerate(valeurs, 1)
    ]
    return Variante(
        enonce=(
            "Chiffre d'affaires trimestriel d'un client grossiste, en **milliers d'euros** :\n\n"
            f"{_lignes_md(('Année', 'Trimestre', 'Rang x', 'CA (k€)'), lignes)}\n\n"
            "1. Ajustement linéaire par les moindres carrés : donnez **a** et **b** de "
            "y = a x + b (4 décimales).\n"
            f"2. Calculez la **tendance au rang {x_prevu}** (trimestre {trimestre} de l'année "
            "suivante), au centième près.\n"
            f"3. Calculez le **coefficient saisonnier du trimestre {trimestre}** : moyenne des "
            f"rapports CA / tendance des trimestres {trimestre} (4 décimales ; on ne corrige "
            "pas les coefficients).\n"
            "4. Donnez la **prévision** du trimestre (tendance × coefficient), au centième près."
        ),
        controle=ControleTableau(cellules),
        indices=(
            "a = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² ; b = ȳ − a x̄.",
            f"x̄ = {format_nombre(t.x_moyen)} ; ȳ = {format_nombre(t.y_moyen, 4)}.",
            "Rapport = CA réel / (a x + b) pour chaque trimestre concerné, puis la moyenne.",
        ),
        solution=(
            f"x̄ = {format_nombre(t.x_moyen)}, ȳ = {format_nombre(t.y_moyen, 4)}, "
            f"Σ(x − x̄)(y − ȳ) = {format_nombre(t.somme_xy, 4)}, Σ(x − x̄)² = "
            f"{format_nombre(t.somme_xx)}.\n\n"
            f"- a = **{format_nombre(a, 4)}** ; b = **{format_nombre(b, 4)}** "
            f"(r = {format_nombre(t.r, 4)})\n"
            f"- Tendance au rang {x_prevu} = **{format_nombre(tendance_prevue, 2)}**\n"
            f"- Coefficient du trimestre {trimestre} = **{format_nombre(coef_brut, 4)}**\n"
            f"- Prévision = **{format_nombre(prevision, 2)} k€**"
        ),
        parametres={"valeurs": valeurs, "trimestre": trimestre},
    )


# --------------------------------------------------------------------------- scoring


@exercice("scoring-pondere", "Grille de scoring pondérée", savoirs=["S521", "S432"])
def scoring_pondere(alea: random.Random) -> Variante:
    criteres = ("Récence", "Fréquence", "Montant", "Solvabilité")
    poids = {c: alea.choice((1, 2, 3, 4)) for c in criteres}
    while len(set(poids.values())) == 1:
        poids["Montant"] = alea.choice((1, 2, 3, 4))
    clients = alea.sample(NOMS, 3)
    notes = {nom: {c: alea.randint(1, 5) for c in criteres} for nom in clients}
    cible = alea.choice(clients)
    attendu = score_pondere(notes[cible], poids)
    sans_poids = score_pondere(notes[cible], dict.fromkeys(criteres, 1))
    somme = Decimal(sum(p * notes[cible][c] for c, p in poids.items()))
    lignes = [(nom, *(str(notes[nom][c]) for c in criteres)) for nom in clients]
    lignes.append(("**Poids**", *(str(poids[c]) for c in criteres)))
    return Variante(
        enonce=(
            "Un commercial note ses clients de 1 à 5 sur quatre critères, chacun avec un "
            "poids :\n\n"
            f"{_lignes_md(('Client', *criteres), lignes)}\n\n"
            f"Calculez le **score pondéré** du client **« {cible} »** (sur 5, au centième près)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Score pondéré",
            unite="",
            pieges=(
                Piege(
                    "poids_oublies",
                    sans_poids,
                    "C'est la moyenne simple des notes : chaque note doit être multipliée par "
                    "son poids, puis divisée par la somme des poids.",
                ),
                Piege(
                    "somme_non_divisee",
                    somme,
                    "Vous avez oublié de diviser par la somme des poids.",
                ),
            ),
        ),
        indices=(
            "Score = Σ (poids × note) / Σ poids.",
            f"Σ poids = {sum(poids.values())}.",
        ),
        solution=(
            f"Σ (poids × note) = {format_nombre(somme)} ; Σ poids = {sum(poids.values())} ; "
            f"score = **{format_nombre(attendu, 2)}**."
        ),
        parametres={"notes": notes, "poids": poids, "cible": cible},
    )


# --------------------------------------------------------------------------- rentabilité


@exercice(
    "compte-exploitation-client",
    "Compte d'exploitation d'un client : sa contribution réelle",
    savoirs=["S521"],
)
def compte_exploitation(alea: random.Random) -> Variante:
    ca = Decimal(100 * alea.randint(150, 900))
    taux_marque = Decimal(alea.choice((30, 35, 40)))
    achats = arrondi_centime(ca * (CENT - taux_marque) / CENT)
    visites = alea.randint(4, 14)
    cout_visite = Decimal(alea.choice((65, 80, 95, 110)))
    delai = alea.choice((30, 45, 60))
    taux_fin = Decimal(alea.choice(("4", "5", "6", "4.5")))
    retours = Decimal(10 * alea.randint(10, 80))
    ttc = arrondi_centime(ca * Decimal("1.2"))
    c = compte_exploitation_client(
        ca,
        achats,
        visites=visites,
        cout_visite=cout_visite,
        chiffre_affaires_ttc=ttc,
        delai_paiement_jours=delai,
        taux_financement=taux_fin,
        cout_retours=retours,
    )
    civile = piege_connu("annee_civile", ttc, taux_fin, delai)
    sur_ht = compte_exploitation_client(
        ca, achats, delai_paiement_jours=delai, taux_financement=taux_fin
    ).cout_credit
    cellules = (
        Cellule("marge", "Marge brute", c.marge_brute),
        Cellule("visites", "Coût des visites", c.cout_visites),
        Cellule(
            "credit",
            "Coût du crédit accordé",
            c.cout_credit,
            pieges=(
                civile,
                Piege(
                    "credit_sur_ht",
                    sur_ht,
                    "Le client paie des factures TTC : le crédit porte sur le CA TTC.",
                ),
            ),
        ),
        Cellule(
            "contribution",
            "Contribution du client",
            c.contribution,
            _formule(lambda m, v, cr: m - v - cr - retours, "marge", "visites", "credit"),
        ),
    )
    return Variante(
        enonce=(
            f"Un client a acheté pour **{format_euros(ca)} HT** ({format_euros(ttc)} TTC) "
            f"dans l'année ; le coût d'achat des produits vendus est de "
            f"**{format_euros(achats)}**. Le commercial l'a visité **{visites} fois** (coût "
            f"d'une visite : {format_euros(cout_visite)}). Le client paie à **{delai} jours** ; "
            f"l'entreprise finance ce crédit au taux de **{format_pourcent(taux_fin)}** par an. "
            f"Les retours ont coûté **{format_euros(retours)}**.\n\n"
            "Établissez le compte d'exploitation de ce client (montants au centime)."
        ),
        controle=ControleTableau(cellules),
        indices=(
            "Marge brute = CA HT − coût d'achat des produits vendus.",
            "Coût du crédit = CA TTC × taux × délai / 360 (année commerciale).",
            "Contribution = marge brute − visites − crédit − retours.",
        ),
        solution=(
            f"- Marge brute = {format_euros(ca)} − {format_euros(achats)} = "
            f"{format_euros(c.marge_brute)}\n"
            f"- Visites = {visites} × {format_euros(cout_visite)} = "
            f"{format_euros(c.cout_visites)}\n"
            f"- Crédit = {format_euros(ttc)} × {format_pourcent(taux_fin)} × {delai} / 360 = "
            f"{format_euros(c.cout_credit)}\n"
            f"- Contribution = **{format_euros(c.contribution)}** "
            f"({format_pourcent(c.taux_contribution)} du CA HT)"
        ),
        parametres={"ca": ca, "visites": visites, "delai": delai},
    )


# --------------------------------------------------------------------------- risque


@exercice("dso-encours-client", "Encours, plafond de crédit et DSO d'un client", savoirs=["S521"])
def dso_encours_client(alea: random.Random) -> Variante:
    ca_ht = Decimal(1000 * alea.randint(40, 200))
    ca_ttc = arrondi_centime(ca_ht * Decimal("1.2"))
    encours = Decimal(100 * alea.randint(50, int(ca_ttc / 100 // 3)))
    plafond = Decimal(1000 * alea.randint(5, 40))
    # the finance unit's formula (créances TTC / CA TTC × 360, to the tenth of a day), and the
    # same functions as carry-forward formulas on the statement's figures
    dso = delai_moyen_de_paiement(encours, ca_ttc)
    dso_ht = dso_sur_ca_ht(encours, ca_ht)
    dso_365 = delai_moyen_de_paiement(encours, ca_ttc, 365)

    def depassement_du_plafond(encours_: Decimal, plafond_: Decimal) -> Decimal:
        return arrondi_centime(max(encours_ - plafond_, Decimal(0)))

    depassement = depassement_du_plafond(encours, plafond)
    cellules = (
        Cellule(
            "dso",
            "DSO (jours)",
            dso,
            _formule(delai_moyen_de_paiement, "encours", "ca_ttc"),
            unite="",
            tolerance=Decimal("0.5"),
            pieges=(
                Piege(
                    "dso_sur_ht",
                    dso_ht,
                    "L'encours est TTC : rapportez-le au CA TTC, pas au CA HT.",
                ),
                Piege("dso_365", dso_365, "Le formulaire compte 360 jours (année commerciale)."),
            ),
        ),
        Cellule(
            "depassement",
            "Dépassement du plafond (0 si aucun)",
            depassement,
            _formule(depassement_du_plafond, "encours", "plafond"),
        ),
    )
    return Variante(
        enonce=(
            f"Au 31/12, un client doit **{format_euros(encours)} TTC** (factures non réglées). "
            f"Son CA de l'année est de **{format_euros(ca_ht)} HT**, soit "
            f"**{format_euros(ca_ttc)} TTC**. Son plafond de crédit est de "
            f"**{format_euros(plafond)}**.\n\n"
            "Calculez son **délai moyen de paiement (DSO)** en jours (à 0,1 jour près) et le "
            "**montant du dépassement** de son plafond (0 s'il n'y en a pas)."
        ),
        controle=ControleTableau(
            cellules, donnees={"encours": encours, "ca_ttc": ca_ttc, "plafond": plafond}
        ),
        indices=(
            "DSO = encours TTC / CA TTC × 360.",
            "Dépassement = encours − plafond, s'il est positif.",
        ),
        solution=(
            f"- DSO = {format_euros(encours)} / {format_euros(ca_ttc)} × 360 = "
            f"**{format_nombre(dso, 1)} {accorder(dso, 'jour', avec_nombre=False)}**\n"
            f"- Dépassement = **{format_euros(depassement)}**"
        ),
        parametres={"encours": encours, "ca_ht": ca_ht, "plafond": plafond},
    )
