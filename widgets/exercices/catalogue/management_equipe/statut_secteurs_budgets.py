"""Management de l'équipe commerciale : statut des vendeurs (S622), équilibre des secteurs et
plans de rémunération (S631), budget des ventes et analyse des écarts (S534).

Les réponses attendues viennent de :mod:`widgets.calculs.statut`,
:mod:`widgets.calculs.sectorisation`, :mod:`widgets.calculs.equipe`; chaque piège est calculé
par les mêmes fonctions avec la mauvaise convention (charges oubliées, charges sur le seul
fixe, écart sur prix sur les quantités budgétées, écart rapporté au plus grand secteur…).
"""

from __future__ import annotations

import random
from decimal import Decimal

from widgets.calculs import arrondi, arrondi_centime, format_euros, format_nombre, format_pourcent
from widgets.calculs.arrondis import CENT
from widgets.calculs.equipe import ecart_ca
from widgets.calculs.sectorisation import CommuneASecteur, bilan_secteurs, parametres
from widgets.calculs.statut import Statut, agent_commercial, point_indifference, vrp
from widgets.exercices import (
    Cellule,
    ControleNombre,
    ControleTableau,
    Piege,
    Variante,
    exercice,
    tirer_decimal,
)


def _point(v: Statut, a: Statut) -> Decimal | None:
    return point_indifference(v, a).ca


@exercice(
    "point-indifference-1",
    "VRP ou agent commercial ? Le point d'indifférence",
    savoirs=["S622"],
)
def point_indifference_1(alea: random.Random) -> Variante:
    while True:
        fixe = tirer_decimal(alea, 18000, 30000, 600)
        taux_vrp = Decimal(alea.choice(("1", "1.5", "2", "2.5", "3")))
        charges = Decimal(alea.choice((40, 42, 45)))
        taux_agent = Decimal(alea.choice(("8", "9", "10", "11", "12")))
        v, a = vrp(fixe, taux_vrp, charges, nom="VRP exclusif"), agent_commercial(taux_agent)
        attendu = _point(v, a)
        if attendu is not None and attendu < 2_000_000:
            break
    # Named traps, each the same formula with a wrong convention.
    sans_charges = _point(vrp(fixe, taux_vrp, 0), a)
    charges_sur_fixe = arrondi_centime(
        fixe * (1 + charges / CENT) / ((taux_agent - taux_vrp) / CENT)
    )
    pieges = tuple(
        p
        for p in (
            Piege(
                "charges_oubliees",
                sans_charges,
                "Vous avez oublié les charges patronales du VRP : c'est un salarié, l'entreprise "
                "les paie sur toute sa rémunération.",
            )
            if sans_charges is not None
            else None,
            Piege(
                "charges_sur_le_fixe_seulement",
                charges_sur_fixe,
                "Les charges patronales portent aussi sur la commission du VRP, pas seulement "
                "sur son fixe.",
            ),
        )
        if p is not None and abs(p.valeur - attendu) > Decimal("0.02")
    )
    a_, b_ = v.a, v.b * CENT
    return Variante(
        enonce=(
            f"Une entreprise hésite entre un **VRP exclusif** (fixe annuel "
            f"**{format_euros(fixe)}**, commission **{format_pourcent(taux_vrp)}** du CA HT, "
            f"charges patronales **{format_pourcent(charges)}** de la rémunération brute) et un "
            f"**agent commercial** (commission **{format_pourcent(taux_agent)}** du CA HT, "
            "aucune charge sociale pour l'entreprise).\n\n"
            "Pour quel chiffre d'affaires annuel les deux solutions coûtent-elles la même chose "
            "(au centime) ?"
        ),
        controle=ControleNombre(attendu, libelle="Point d'indifférence", unite="€", pieges=pieges),
        indices=(
            "Coût du VRP = (fixe + commission) × (1 + taux de charges).",
            "Coût de l'agent = taux de l'agent × CA.",
            "Écrivez l'égalité des deux coûts et résolvez en CA.",
        ),
        solution=(
            f"Coût du VRP = {format_euros(fixe)} × {format_nombre(1 + charges / CENT, 2)} + "
            f"{format_pourcent(taux_vrp)} × {format_nombre(1 + charges / CENT, 2)} × CA = "
            f"{format_euros(a_)} + {format_pourcent(b_, 4)} × CA.\n\n"
            f"Coût de l'agent = {format_pourcent(taux_agent)} × CA.\n\n"
            f"Égalité : CA = {format_euros(a_)} / ({format_pourcent(taux_agent)} − "
            f"{format_pourcent(b_, 4)}) = **{format_euros(attendu)}**. En dessous, l'agent coûte "
            "moins cher ; au-dessus, le VRP."
        ),
        parametres={
            "fixe": fixe,
            "taux_vrp": taux_vrp,
            "taux_charges": charges,
            "taux_agent": taux_agent,
        },
    )


@exercice(
    "ecarts-sur-ca-1",
    "Analyse de l'écart sur chiffre d'affaires : quantité et prix",
    savoirs=["S534"],
)
def ecarts_sur_ca_1(alea: random.Random) -> Variante:
    qb = alea.randrange(800, 3001, 50)
    pb = tirer_decimal(alea, 120, 600, 5, 1)
    qr = qb + alea.choice((-1, 1)) * alea.randrange(20, 301, 10)
    pr = pb + alea.choice((-1, 1)) * tirer_decimal(alea, 2, 30, 1, 1)
    e = ecart_ca(qb, pb, qr, pr)
    prix_sur_budget = arrondi_centime((pr - pb) * qb)
    quantite_au_prix_reel = arrondi_centime((qr - qb) * pr)
    cellules = (
        Cellule(
            "ca_budgete",
            "CA budgété",
            e.ca_budgete,
            lambda qb, pb: arrondi_centime(qb * pb),
        ),
        Cellule("ca_reel", "CA réel", e.ca_reel, lambda qr, pr: arrondi_centime(qr * pr)),
        Cellule(
            "sur_quantite",
            "Écart sur quantité",
            e.sur_quantite,
            lambda qr, qb, pb: arrondi_centime((qr - qb) * pb),
            pieges=(
                Piege(
                    "quantite_au_prix_reel",
                    quantite_au_prix_reel,
                    "L'écart sur quantité se valorise au prix BUDGÉTÉ : (Qr − Qb) × Pb.",
                ),
            ),
        ),
        Cellule(
            "sur_prix",
            "Écart sur prix",
            e.sur_prix,
            lambda pr, pb, qr: arrondi_centime((pr - pb) * qr),
            pieges=(
                Piege(
                    "prix_sur_quantite_budgetee",
                    prix_sur_budget,
                    "L'écart sur prix porte sur les quantités RÉELLEMENT vendues : (Pr − Pb) × Qr.",
                ),
            ),
        ),
        Cellule(
            "total",
            "Écart sur CA",
            e.total,
            lambda sur_quantite, sur_prix: sur_quantite + sur_prix,
            pieges=(
                Piege(
                    "sens_inverse",
                    -e.total,
                    "Un écart se calcule réel − budget : un CA réel plus élevé donne un écart "
                    "positif (favorable).",
                ),
            ),
        ),
    )
    return Variante(
        enonce=(
            f"Le budget des ventes d'un secteur prévoyait **{format_nombre(qb)} unités** à "
            f"**{format_euros(pb)}** HT. Le réalisé est de **{format_nombre(qr)} unités** à "
            f"**{format_euros(pr)}** HT en moyenne.\n\n"
            "Complétez le tableau, au centime. Les écarts se calculent réel − budget et se "
            "donnent avec leur signe : un écart positif est favorable, un écart négatif "
            "défavorable."
        ),
        controle=ControleTableau(
            cellules, donnees={"qb": Decimal(qb), "pb": pb, "qr": Decimal(qr), "pr": pr}
        ),
        indices=(
            "Écart sur quantité = (Qr − Qb) × Pb.",
            "Écart sur prix = (Pr − Pb) × Qr.",
            "Écart sur CA = CA réel − CA budgété = écart sur quantité + écart sur prix.",
        ),
        solution="\n".join(f"- {phrase}" for phrase in e.lecture),
        parametres={"qb": qb, "pb": pb, "qr": qr, "pr": pr},
    )


@exercice(
    "equilibre-secteurs-1",
    "Deux secteurs sont-ils équilibrés ? Écart à la moyenne",
    savoirs=["S631"],
)
def equilibre_secteurs_1(alea: random.Random) -> Variante:
    noms = alea.sample(
        ["Annecy", "Chambéry", "Aix-les-Bains", "Albertville", "Thonon", "Cluses", "Rumilly"], 5
    )
    communes = [
        CommuneASecteur(
            f"C{i}",
            nom,
            45.5 + i / 10,
            6.0,
            alea.randrange(3, 30),
            alea.randrange(10, 120, 2),
            tirer_decimal(alea, 40000, 400000, 500),
        )
        for i, nom in enumerate(noms)
    ]
    coupe = alea.choice((2, 3))
    affectation = {c.code: 1 if i < coupe else 2 for i, c in enumerate(communes)}
    s = bilan_secteurs(communes, affectation, parametres((45.5, 6.0)), nombre_secteurs=2)
    un, deux = s.secteurs
    moyenne = (un.ca + deux.ca) / 2
    sur_le_plus_grand = arrondi(abs(un.ca - deux.ca) * CENT / max(un.ca, deux.ca), 2)
    ecart_total = arrondi(abs(un.ca - deux.ca) * CENT / moyenne, 2)
    tableau = "\n".join(
        f"| {c.nom} | {affectation[c.code]} | {format_euros(c.ca)} |" for c in communes
    )
    return Variante(
        enonce=(
            "Deux commerciaux se partagent cinq communes :\n\n"
            f"| Commune | Secteur | CA HT 2025 |\n|---|---|---|\n{tableau}\n\n"
            "De combien le CA du secteur le plus éloigné de la moyenne s'en écarte-t-il, "
            "en % de la moyenne (au centième) ?"
        ),
        controle=ControleNombre(
            s.ecart_ca,
            libelle="Écart à la moyenne",
            unite="%",
            pieges=tuple(
                p
                for p in (
                    Piege(
                        "ecart_sur_le_plus_grand",
                        sur_le_plus_grand,
                        "L'écart se rapporte à la MOYENNE des secteurs, pas au plus grand.",
                    ),
                    Piege(
                        "ecart_entre_secteurs",
                        ecart_total,
                        "C'est l'écart entre les deux secteurs : l'écart à la moyenne en est "
                        "la moitié.",
                    ),
                )
                if abs(p.valeur - s.ecart_ca) > Decimal("0.01")
            ),
        ),
        indices=(
            "CA de chaque secteur = somme du CA de ses communes.",
            "Moyenne = (CA du secteur 1 + CA du secteur 2) / 2.",
            "Écart en % = |CA du secteur − moyenne| / moyenne × 100.",
        ),
        solution=(
            f"Secteur 1 : {format_euros(un.ca)} ; secteur 2 : {format_euros(deux.ca)} ; "
            f"moyenne {format_euros(arrondi_centime(moyenne))}.\n\n"
            f"Écart = {format_euros(abs(un.ca - moyenne))} / "
            f"{format_euros(arrondi_centime(moyenne))} = **{format_pourcent(s.ecart_ca)}**."
        ),
        parametres={"communes": [(c.nom, c.ca) for c in communes], "coupe": coupe},
    )
