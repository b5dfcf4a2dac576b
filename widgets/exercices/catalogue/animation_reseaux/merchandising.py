"""Le marchandisage chez le distributeur (S444, S513, S532): linéaire, indices, distribution,
ruptures, promotions. Carnet ``notebooks/animation_reseaux/01_merchandising_chez_le_distributeur``.

Expected figures come from :mod:`widgets.calculs.merchandising`; named traps from
:mod:`widgets.calculs.pieges_reseaux` (DV on the number of stores, index on volumes, promotion
ROI without cannibalisation) or hand-made :class:`Piege` computed from the same functions.
Every correct method is accepted: an index from unrounded shares, an optimal linear by plain
rounding instead of the largest remainders.
"""

from __future__ import annotations

import random
from decimal import Decimal

from widgets.calculs import arrondi, arrondi_centime, format_euros, format_nombre, format_pourcent
from widgets.calculs.arrondis import CENT
from widgets.calculs.merchandising import (
    distribution_numerique,
    distribution_valeur,
    lineaire_developpe,
    lineaire_optimal,
    marge_au_metre,
    parts_de_lineaire,
    roi_promotion,
    taux_de_rupture,
    ventes_perdues,
)
from widgets.exercices import (
    Cellule,
    ControleNombre,
    ControleTableau,
    Piege,
    Variante,
    exercice,
    tirer_decimal,
)
from widgets.exercices.catalogue.animation_reseaux import avec_signe_moins, piege_reseaux

# (reference, price range in cents HT, margin rate range in %)
REFERENCES = (
    ("Gants de toilette", (250, 400), (38, 45)),
    ("Serviettes éponge", (800, 1200), (35, 42)),
    ("Draps de bain", (1600, 2400), (30, 38)),
    ("Peignoirs", (3200, 4500), (25, 33)),
    ("Tapis de bain", (1100, 1600), (32, 40)),
)
MAGASINS = ("hypermarché", "supermarché")


def _rayon(alea: random.Random) -> list[dict]:
    """Four references of the household-linen shelf: linear (m), units, CA and margin (€)."""
    lignes = []
    for nom, (pmin, pmax), (tmin, tmax) in alea.sample(REFERENCES, 4):
        prix = tirer_decimal(alea, pmin, pmax, 10, 2)
        quantite = tirer_decimal(alea, 200, 1800, 10)
        ca = arrondi_centime(prix * quantite)
        marge = arrondi_centime(ca * tirer_decimal(alea, tmin, tmax, 1) / CENT)
        lineaire = tirer_decimal(alea, 80, 400, 10, 2)
        lignes.append(
            {
                "reference": nom,
                "lineaire": lineaire,
                "quantite": quantite,
                "ca": ca,
                "marge": marge,
            }
        )
    return lignes


def _tableau_rayon(lignes: list[dict], *, quantites: bool, marges: bool) -> str:
    entete = ["Référence", "Linéaire (m)"]
    if quantites:
        entete.append("Quantités vendues")
    entete.append("CA HT")
    if marges:
        entete.append("Marge")
    texte = "| " + " | ".join(entete) + " |\n" + "| --- " * len(entete) + "|\n"
    for ligne in lignes:
        cases = [ligne["reference"], format_nombre(ligne["lineaire"], 2)]
        if quantites:
            cases.append(format_nombre(ligne["quantite"]))
        cases.append(format_euros(ligne["ca"]))
        if marges:
            cases.append(format_euros(ligne["marge"]))
        texte += "| " + " | ".join(cases) + " |\n"
    return texte


def _somme(lignes: list[dict], cle: str) -> Decimal:
    return sum((ligne[cle] for ligne in lignes), Decimal(0))


@exercice(
    "lineaire-developpe-1",
    "Linéaire développé et part de linéaire de la marque",
    savoirs=["S444"],
)
def lineaire_developpe_1(alea: random.Random) -> Variante:
    longueur = tirer_decimal(alea, 600, 2000, 10, 2)
    niveaux = alea.choice((4, 5, 6))
    total = lineaire_developpe(longueur, niveaux)
    marque = arrondi(total * tirer_decimal(alea, 12, 35, 1) / CENT, 1)
    part = arrondi(marque * CENT / total, 2)
    magasin = alea.choice(MAGASINS)
    piege_sol = Piege(
        "part_sur_le_lineaire_au_sol",
        arrondi(marque * CENT / longueur, 2),
        "La part a été calculée sur la longueur au sol ; le linéaire de la marque se mesure "
        "tablette par tablette : il se compare au linéaire DÉVELOPPÉ (longueur au sol × "
        "nombre de niveaux).",
    )
    return Variante(
        enonce=(
            f"Dans un {magasin}, le rayon linge de maison occupe une gondole de "
            f"**{format_nombre(longueur, 2)} m** au sol, avec **{niveaux} niveaux** de "
            f"tablettes. Les produits de l'entreprise occupent **{format_nombre(marque, 1)} m** "
            "de tablettes en tout.\n\n"
            "1. Calculez le linéaire développé du rayon (en m, au centimètre).\n"
            "2. Calculez la part de linéaire de l'entreprise (en %, à 0,01 % près)."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule(
                    "lineaire_developpe",
                    "Linéaire développé",
                    total,
                    formule=lambda longueur, niveaux: arrondi(longueur * niveaux, 2),
                    unite="m",
                    decimales=2,
                ),
                Cellule(
                    "part_de_lineaire",
                    "Part de linéaire",
                    part,
                    formule=lambda marque, lineaire_developpe: arrondi(
                        marque * CENT / lineaire_developpe, 2
                    ),
                    unite="%",
                    pieges=(piege_sol,),
                ),
            ),
            donnees={"longueur": longueur, "niveaux": Decimal(niveaux), "marque": marque},
        ),
        indices=(
            "Linéaire développé = longueur au sol × nombre de niveaux.",
            "Part de linéaire = linéaire de la marque / linéaire développé × 100.",
        ),
        solution=(
            f"- Linéaire développé = {format_nombre(longueur, 2)} × {niveaux} = "
            f"**{format_nombre(total, 2)} m** ;\n"
            f"- part de linéaire = {format_nombre(marque, 1)} / {format_nombre(total, 2)} × 100 "
            f"= **{format_nombre(part, 2)}\u00a0%**."
        ),
        parametres={"longueur": longueur, "niveaux": niveaux, "marque": marque},
    )


def _indice_exact(lignes: list[dict], i: int, cle: str) -> Decimal:
    """The index from unrounded shares (another correct method)."""
    part = lignes[i][cle] / _somme(lignes, cle)
    part_lineaire = lignes[i]["lineaire"] / _somme(lignes, "lineaire")
    return arrondi(part / part_lineaire * CENT, 2)


@exercice(
    "indice-performance-1",
    "Indice de performance d'une référence du rayon",
    savoirs=["S444", "S513"],
)
def indice_performance_1(alea: random.Random) -> Variante:
    while True:
        lignes = _rayon(alea)
        i = alea.randrange(4)
        parts = parts_de_lineaire(lignes)
        attendu = parts[i].indice_de_performance
        exact = _indice_exact(lignes, i, "ca")
        volumes = piege_reseaux(
            "indice_sur_les_volumes",
            lignes[i]["quantite"],
            _somme(lignes, "quantite"),
            lignes[i]["lineaire"],
            _somme(lignes, "lineaire"),
        )
        if min(abs(volumes.valeur - attendu), abs(volumes.valeur - exact)) > 1:
            break
    nom = lignes[i]["reference"]
    p = parts[i]
    return Variante(
        enonce=(
            "Relevé du rayon linge de maison d'un hypermarché sur un mois :\n\n"
            + _tableau_rayon(lignes, quantites=True, marges=False)
            + f"\nCalculez l'**indice de performance** de la référence « {nom} » "
            "(à 0,01 près)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Indice de performance",
            unite="",
            pieges=(volumes,),
            autres_attendus=(exact,),
            decimales=2,
        ),
        indices=(
            "Part de linéaire = linéaire de la référence / linéaire total × 100.",
            "Part de CA = CA de la référence / CA total × 100 (en valeur, pas en quantités).",
            "Indice de performance = part de CA / part de linéaire × 100.",
        ),
        solution=(
            f"- Part de linéaire = {format_nombre(p.lineaire, 2)} / "
            f"{format_nombre(_somme(lignes, 'lineaire'), 2)} × 100 = "
            f"{format_nombre(p.part_lineaire, 2)}\u00a0% ;\n"
            f"- part de CA = {format_euros(p.ca)} / {format_euros(_somme(lignes, 'ca'))} × 100 = "
            f"{format_nombre(p.part_ca, 2)}\u00a0% ;\n"
            f"- indice = {format_nombre(p.part_ca, 2)} / {format_nombre(p.part_lineaire, 2)} "
            f"× 100 = **{format_nombre(attendu, 2)}** "
            + (
                "(plus de 100 : la référence vend plus que sa place, elle mérite plus de linéaire)."
                if attendu > 100
                else "(moins de 100 : la référence occupe plus de place qu'elle ne vend)."
            )
        ),
        parametres={"lignes": lignes, "reference": nom},
    )


@exercice("indice-marge-1", "Indice de marge d'une référence du rayon", savoirs=["S444", "S513"])
def indice_marge_1(alea: random.Random) -> Variante:
    while True:
        lignes = _rayon(alea)
        i = alea.randrange(4)
        parts = parts_de_lineaire(lignes)
        attendu = parts[i].indice_de_marge
        exact = _indice_exact(lignes, i, "marge")
        sur_ca = parts[i].indice_de_performance
        if min(abs(sur_ca - attendu), abs(sur_ca - exact)) > Decimal("0.5"):
            break
    nom = lignes[i]["reference"]
    p = parts[i]
    piege = Piege(
        "indice_de_ca_au_lieu_de_marge",
        sur_ca,
        "C'est l'indice de performance (part de CA / part de linéaire) ; l'indice de marge "
        "rapporte la part de MARGE à la part de linéaire : part de marge / part de linéaire "
        "× 100.",
    )
    return Variante(
        enonce=(
            "Le chef de rayon d'un hypermarché vous donne les résultats du mois :\n\n"
            + _tableau_rayon(lignes, quantites=False, marges=True)
            + f"\nCalculez l'**indice de marge** (de rentabilité) de la référence « {nom} » "
            "(à 0,01 près)."
        ),
        controle=ControleNombre(
            attendu,
            libelle="Indice de marge",
            unite="",
            pieges=(piege,),
            autres_attendus=(exact,),
            decimales=2,
        ),
        indices=(
            "Part de marge = marge de la référence / marge totale du rayon × 100.",
            "Indice de marge = part de marge / part de linéaire × 100.",
        ),
        solution=(
            f"- Part de linéaire = {format_nombre(p.part_lineaire, 2)}\u00a0% ;\n"
            f"- part de marge = {format_euros(p.marge)} / "
            f"{format_euros(_somme(lignes, 'marge'))} × 100 = "
            f"{format_nombre(p.part_marge, 2)}\u00a0% ;\n"
            f"- indice de marge = {format_nombre(p.part_marge, 2)} / "
            f"{format_nombre(p.part_lineaire, 2)} × 100 = **{format_nombre(attendu, 2)}**.\n\n"
            "Le distributeur raisonne sur la marge : une référence à fort indice de marge "
            "défend sa place même si elle vend peu en valeur."
        ),
        parametres={"lignes": lignes, "reference": nom},
    )


@exercice(
    "lineaire-optimal-1",
    "Linéaire optimal d'une référence au prorata du CA",
    savoirs=["S444"],
)
def lineaire_optimal_1(alea: random.Random) -> Variante:
    while True:
        lignes = _rayon(alea)
        i = alea.randrange(4)
        total = tirer_decimal(alea, 8, 16, 1)
        optimal = lineaire_optimal(lignes, total)[i].lineaire_optimal
        direct = arrondi(total * lignes[i]["ca"] / _somme(lignes, "ca"), 2)
        part = arrondi(lignes[i]["ca"] * CENT / _somme(lignes, "ca"), 2)
        par_la_part = arrondi(total * part / CENT, 2)
        quantites = arrondi(total * lignes[i]["quantite"] / _somme(lignes, "quantite"), 2)
        if min(abs(quantites - j) for j in (optimal, direct, par_la_part)) > Decimal("0.1"):
            break
    nom = lignes[i]["reference"]
    piege = Piege(
        "lineaire_au_prorata_des_quantites",
        quantites,
        "Le linéaire a été réparti au prorata des quantités vendues ; le linéaire optimal se "
        "calcule au prorata du CA en valeur : linéaire total × CA de la référence / CA total.",
    )
    return Variante(
        enonce=(
            f"Le rayon sera réimplanté sur **{format_nombre(total)} m** de linéaire développé. "
            "Ventes du dernier mois :\n\n"
            + _tableau_rayon(lignes, quantites=True, marges=False)
            + f"\nQuel linéaire optimal (en m, au centimètre) faut-il donner à « {nom} » si "
            "l'on répartit le linéaire au prorata du CA ?"
        ),
        controle=ControleNombre(
            optimal,
            libelle="Linéaire optimal",
            unite="m",
            pieges=(piege,),
            autres_attendus=(direct, par_la_part),
            decimales=2,
        ),
        indices=(
            "Part de CA de la référence = CA de la référence / CA total.",
            "Linéaire optimal = linéaire total × part de CA.",
        ),
        solution=(
            f"Part de CA = {format_euros(lignes[i]['ca'])} / "
            f"{format_euros(_somme(lignes, 'ca'))} = {format_nombre(part, 2)}\u00a0% ; "
            f"linéaire optimal = {format_nombre(total)} × {format_nombre(part, 2)}\u00a0% ≈ "
            f"**{format_nombre(optimal, 2)} m** (actuellement "
            f"{format_nombre(lignes[i]['lineaire'], 2)} m)."
        ),
        parametres={"lignes": lignes, "reference": nom, "total": total},
    )


@exercice(
    "distribution-numerique-valeur-1",
    "Distribution numérique et distribution valeur d'une référence",
    savoirs=["S444"],
)
def distribution_numerique_valeur_1(alea: random.Random) -> Variante:
    while True:
        n = alea.randrange(8, 11)
        cas = sorted((tirer_decimal(alea, 40, 900, 5) * 1000 for _ in range(n)), reverse=True)
        # the brand is listed more often in the big stores
        referencent = [alea.random() < (0.85 if k < n // 2 else 0.35) for k in range(n)]
        nb = sum(referencent)
        if 0 < nb < n:
            dn = distribution_numerique(nb, n)
            dv = distribution_valeur([c for c, r in zip(cas, referencent, strict=True) if r], cas)
            if abs(dv - dn) > 1:
                break
    noms = [f"Magasin {chr(65 + k)}" for k in range(n)]
    ordre = list(range(n))
    alea.shuffle(ordre)
    tableau = "| Magasin | CA de la catégorie linge de maison | Référence le drap de bain |\n"
    tableau += "| --- | --- | --- |\n"
    for k in ordre:
        tableau += (
            f"| {noms[k]} | {format_euros(cas[k])} | {'oui' if referencent[k] else 'non'} |\n"
        )
    piege = piege_reseaux("dv_sur_le_nombre_de_magasins", nb, n)
    return Variante(
        enonce=(
            f"Le panel de l'entreprise compte **{n} magasins**. Pour son nouveau drap de bain :\n\n"
            + tableau
            + "\nCalculez la distribution numérique (DN) et la distribution valeur (DV) du "
            "drap de bain (en %, à 0,01 % près)."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule(
                    "dn",
                    "Distribution numérique (DN)",
                    dn,
                    formule=lambda referencant, panel: arrondi(referencant * CENT / panel, 2),
                    unite="%",
                ),
                Cellule(
                    "dv",
                    "Distribution valeur (DV)",
                    dv,
                    formule=lambda ca_referencant, ca_panel: arrondi(
                        ca_referencant * CENT / ca_panel, 2
                    ),
                    unite="%",
                    pieges=(piege,),
                ),
            ),
            donnees={
                "referencant": Decimal(nb),
                "panel": Decimal(n),
                "ca_referencant": sum(c for c, r in zip(cas, referencent, strict=True) if r),
                "ca_panel": sum(cas),
            },
        ),
        indices=(
            "DN = nombre de magasins qui référencent / nombre de magasins du panel × 100.",
            "DV = CA de la catégorie des magasins qui référencent / CA de la catégorie de tous "
            "les magasins × 100 : chaque magasin pèse son poids dans la catégorie.",
        ),
        solution=(
            f"- DN = {nb} / {n} × 100 = **{format_nombre(dn, 2)}\u00a0%** ;\n"
            f"- DV = {format_euros(sum(c for c, r in zip(cas, referencent, strict=True) if r))} / "
            f"{format_euros(sum(cas))} × 100 = **{format_nombre(dv, 2)}\u00a0%**.\n\n"
            + (
                "DV > DN : la référence est présente dans les grands magasins de la catégorie."
                if dv > dn
                else "DV < DN : la référence manque dans les grands magasins de la catégorie."
            )
        ),
        parametres={"cas": cas, "referencent": referencent},
    )


@exercice(
    "ruptures-ventes-perdues-1",
    "Taux de rupture et ventes perdues en magasin",
    savoirs=["S444", "S513"],
)
def ruptures_ventes_perdues_1(alea: random.Random) -> Variante:
    releves = alea.randrange(120, 481, 20)
    ruptures = alea.randrange(6, releves // 8)
    par_jour = tirer_decimal(alea, 6, 30, 1)
    jours = tirer_decimal(alea, 3, 9, 1)
    report = tirer_decimal(alea, 10, 50, 5)
    pv = tirer_decimal(alea, 800, 2400, 10, 2)
    marge_u = arrondi_centime(pv * tirer_decimal(alea, 28, 40, 1) / CENT)
    t = taux_de_rupture(ruptures, releves)
    perdues = ventes_perdues(par_jour, jours, pv, marge_u, report)
    sans_report = arrondi(par_jour * jours, 2)
    return Variante(
        enonce=(
            f"Sur un mois, les relevés du panel comptent **{format_nombre(releves)} relevés** "
            f"(une référence, un magasin, un jour), dont **{format_nombre(ruptures)} en "
            f"rupture**.\n\nDans un hypermarché, le drap de bain vendu **{format_euros(pv)} HT** "
            f"(marge unitaire du distributeur **{format_euros(marge_u)}**) se vend en moyenne "
            f"**{format_nombre(par_jour)} unités par jour** ; il a été en rupture "
            f"**{format_nombre(jours)} jours**. On estime que "
            f"**{format_pourcent(report)}** des clients reportent leur achat (ils reviennent ou "
            "prennent une autre référence de la marque).\n\n"
            "1. Calculez le taux de rupture du panel (en %, à 0,01 % près).\n"
            "2. Calculez la quantité perdue (à 0,01 unité près).\n"
            "3. Calculez la marge perdue par le distributeur."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule("taux_de_rupture", "Taux de rupture", t, unite="%"),
                Cellule(
                    "quantite_perdue",
                    "Quantité perdue",
                    perdues.quantite_perdue,
                    unite="",
                    decimales=2,
                    pieges=(
                        Piege(
                            "report_oublie",
                            sans_report,
                            "Le report d'achat a été oublié : les clients qui reviennent ou "
                            "prennent une autre référence de la marque ne sont pas perdus. "
                            "Quantité perdue = ventes par jour × jours × (1 − taux de report).",
                        ),
                    ),
                ),
                Cellule(
                    "marge_perdue",
                    "Marge perdue",
                    perdues.marge_perdue,
                    formule=lambda quantite_perdue, marge_unitaire: arrondi_centime(
                        quantite_perdue * marge_unitaire
                    ),
                    pieges=(
                        Piege(
                            "ca_perdu_au_lieu_de_marge",
                            perdues.ca_perdu,
                            "C'est le CA perdu ; la marge perdue = quantité perdue × marge "
                            "unitaire.",
                        ),
                    ),
                ),
            ),
            donnees={"marge_unitaire": marge_u},
        ),
        indices=(
            "Taux de rupture = relevés en rupture / relevés × 100.",
            "Quantité perdue = ventes moyennes par jour × jours de rupture × (1 − taux de report).",
            "Marge perdue = quantité perdue × marge unitaire.",
        ),
        solution=(
            f"- Taux de rupture = {format_nombre(ruptures)} / {format_nombre(releves)} × 100 = "
            f"**{format_nombre(t, 2)}\u00a0%** ;\n"
            f"- quantité perdue = {format_nombre(par_jour)} × {format_nombre(jours)} × "
            f"(1 − {format_pourcent(report)}) = "
            f"**{format_nombre(perdues.quantite_perdue, 2)}** ;\n"
            f"- marge perdue = {format_nombre(perdues.quantite_perdue, 2)} × "
            f"{format_euros(marge_u)} = **{format_euros(perdues.marge_perdue)}** "
            f"(CA perdu : {format_euros(perdues.ca_perdu)})."
        ),
        parametres={
            "releves": releves,
            "ruptures": ruptures,
            "par_jour": par_jour,
            "jours": jours,
            "report": report,
            "pv": pv,
            "marge_unitaire": marge_u,
        },
    )


MECANIQUES = ("remise immédiate", "lot", "carte de fidélité", "prix barré")


@exercice(
    "roi-promotion-1",
    "Rentabilité d'une opération promotionnelle avec cannibalisation",
    savoirs=["S444", "S532"],
)
def roi_promotion_1(alea: random.Random) -> Variante:
    base = tirer_decimal(alea, 300, 900, 10)
    supplementaire = tirer_decimal(alea, 200, 1200, 10)
    reelles = base + supplementaire
    marge_u = tirer_decimal(alea, 150, 600, 5, 2)
    cannibalisee = arrondi(supplementaire * tirer_decimal(alea, 15, 45, 5) / CENT, 0)
    marge_c = tirer_decimal(alea, 150, 700, 5, 2)
    cout = tirer_decimal(alea, 200, 2000, 50)
    r = roi_promotion(supplementaire, marge_u, cout, cannibalisee, marge_c)
    sans = piege_reseaux(
        "roi_sans_cannibalisation", supplementaire, marge_u, cout, cannibalisee, marge_c,
        champ="marge_incrementale",
    )  # fmt: skip
    roi_sans = piege_reseaux(
        "roi_sans_cannibalisation", supplementaire, marge_u, cout, cannibalisee, marge_c,
        champ="roi",
    )  # fmt: skip
    mecanique = alea.choice(MECANIQUES)
    return Variante(
        enonce=(
            f"Une opération « {mecanique} » sur les serviettes éponge a coûté "
            f"**{format_euros(cout)} HT** à l'entreprise (participation et PLV). Sans "
            f"promotion, le magasin aurait vendu **{format_nombre(base)} unités** ; il en a "
            f"vendu **{format_nombre(reelles)}**, avec une marge unitaire de "
            f"**{format_euros(marge_u)}** pendant l'opération. Mais "
            f"**{format_nombre(cannibalisee)} unités** d'autres références de la marque "
            f"(marge unitaire **{format_euros(marge_c)}**) n'ont pas été vendues : les clients "
            "ont pris la serviette en promotion à la place.\n\n"
            "1. Calculez la marge incrémentale.\n"
            "2. Calculez le gain net de l'opération.\n"
            "3. Calculez le ROI de l'opération (en %, à 0,01 % près)."
        ),
        controle=ControleTableau(
            cellules=(
                Cellule(
                    "marge_incrementale",
                    "Marge incrémentale",
                    r.marge_incrementale,
                    pieges=(sans,),
                ),
                Cellule(
                    "gain_net",
                    "Gain net",
                    r.gain_net,
                    formule=lambda marge_incrementale, cout: marge_incrementale - cout,
                ),
                Cellule(
                    "roi",
                    "ROI",
                    r.roi,
                    formule=lambda gain_net, cout: arrondi(gain_net * CENT / cout, 2),
                    unite="%",
                    pieges=(roi_sans,),
                ),
            ),
            donnees={"cout": cout},
        ),
        indices=(
            "Ventes supplémentaires = ventes réelles − ventes de base.",
            "Marge incrémentale = ventes supplémentaires × marge unitaire − unités "
            "cannibalisées × leur marge unitaire.",
            "Gain net = marge incrémentale − coût ; ROI = gain net / coût × 100.",
        ),
        solution=(
            f"- Ventes supplémentaires = {format_nombre(reelles)} − {format_nombre(base)} = "
            f"{format_nombre(supplementaire)} ;\n"
            f"- marge supplémentaire = {format_nombre(supplementaire)} × {format_euros(marge_u)}"
            f" = {format_euros(r.marge_supplementaire)} ;\n"
            f"- marge cannibalisée = {format_nombre(cannibalisee)} × {format_euros(marge_c)} = "
            f"{format_euros(r.marge_cannibalisee)} ;\n"
            f"- marge incrémentale = **{avec_signe_moins(format_euros(r.marge_incrementale))}** ;\n"
            f"- gain net = {avec_signe_moins(format_euros(r.marge_incrementale))} − "
            f"{format_euros(cout)} = **{avec_signe_moins(format_euros(r.gain_net))}** ;\n"
            f"- ROI = **{avec_signe_moins(format_nombre(r.roi, 2))}\u00a0%**."
        ),
        parametres={
            "base": base,
            "reelles": reelles,
            "marge_unitaire": marge_u,
            "cannibalisee": cannibalisee,
            "marge_cannibalisee": marge_c,
            "cout": cout,
        },
    )


@exercice("marge-au-metre-1", "Rentabilité au mètre linéaire", savoirs=["S444", "S513"])
def marge_au_metre_1(alea: random.Random) -> Variante:
    lignes = _rayon(alea)
    i = alea.randrange(4)
    ligne = lignes[i]
    attendu = marge_au_metre(ligne["marge"], ligne["lineaire"])
    ca_m = arrondi_centime(ligne["ca"] / ligne["lineaire"])
    piege = Piege(
        "ca_au_metre_au_lieu_de_marge",
        ca_m,
        "C'est le CA au mètre linéaire ; la rentabilité au mètre se calcule sur la MARGE : "
        "marge / linéaire.",
    )
    return Variante(
        enonce=(
            "Résultats du mois du rayon linge de maison :\n\n"
            + _tableau_rayon(lignes, quantites=False, marges=True)
            + f"\nCalculez la rentabilité au mètre linéaire (marge par mètre) de « "
            f"{ligne['reference']} »."
        ),
        controle=ControleNombre(attendu, libelle="Marge au mètre linéaire", pieges=(piege,)),
        indices=("Rentabilité au mètre linéaire = marge de la référence / son linéaire (m).",),
        solution=(
            f"{format_euros(ligne['marge'])} / {format_nombre(ligne['lineaire'], 2)} m = "
            f"**{format_euros(attendu)} par mètre** (CA au mètre : {format_euros(ca_m)})."
        ),
        parametres={"lignes": lignes, "reference": ligne["reference"]},
    )
