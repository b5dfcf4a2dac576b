"""Management de l'équipe commerciale : taille de la force de vente (S622) et rémunération
d'un commercial (S631).

Les réponses attendues viennent de :mod:`widgets.calculs.equipe` ; les pièges (arrondi à
l'unité inférieure ou au plus proche, commission sur tout le CA au lieu de la part au-delà du
seuil, charges sociales oubliées) sont calculés par les mêmes fonctions avec la mauvaise
convention.
"""

from __future__ import annotations

import random
from decimal import Decimal

from widgets.calculs import format_euros, format_nombre, format_pourcent
from widgets.calculs.equipe import remuneration, taille_force_de_vente
from widgets.exercices import ControleNombre, Piege, Variante, exercice, tirer_decimal

PRODUITS = (
    "de matériel de bureau",
    "de produits d'entretien",
    "de vins et spiritueux",
    "d'outillage",
)


@exercice(
    "taille-force-de-vente-1",
    "Combien de commerciaux ? (méthode de la charge de travail)",
    savoirs=["S622", "S531"],
)
def taille_force_de_vente_1(alea: random.Random) -> Variante:
    while True:
        classes = [
            ("A", alea.randrange(20, 81, 5), alea.choice((10, 12, 15))),
            ("B", alea.randrange(60, 201, 10), alea.choice((4, 6, 8))),
            ("C", alea.randrange(150, 501, 25), alea.choice((1, 2, 3))),
        ]
        par_jour = alea.choice((3, 4, 5))
        jours = alea.choice((200, 205, 210, 215, 220))
        r = taille_force_de_vente(classes, par_jour, jours)
        # un nombre exact non entier et supérieur à 1 (le piège « arrondi inférieur » existe)
        if r.charge_totale % r.capacite_commercial and r.charge_totale > r.capacite_commercial:
            break
    exact = r.charge_totale / r.capacite_commercial
    inferieur = int(exact)
    oubliees = format_nombre(r.charge_totale - inferieur * r.capacite_commercial)
    pieges = [
        Piege(
            "arrondi_inferieur",
            Decimal(inferieur),
            f"Avec {inferieur} commerciaux, {oubliees} "
            "visites ne seraient pas faites : arrondissez à l'unité supérieure.",
        )
    ]
    lignes = "\n".join(f"| {nom} | {clients} | {visites} |" for nom, clients, visites in classes)
    details = " + ".join(f"{c} × {v}" for _n, c, v in classes)
    return Variante(
        enonce=(
            f"Une entreprise {alea.choice(PRODUITS)} veut dimensionner sa force de vente. "
            "Son portefeuille est classé ainsi :\n\n"
            "| Classe | Nombre de clients | Visites par an et par client |\n"
            "| --- | --- | --- |\n"
            f"{lignes}\n\n"
            f"Un commercial fait **{par_jour} visites par jour** et travaille **{jours} jours** "
            "par an. Combien de commerciaux faut-il (nombre entier) ?"
        ),
        controle=ControleNombre(
            Decimal(r.arrondi),
            libelle="Nombre de commerciaux",
            unite="",
            tolerance=Decimal(0),
            pieges=tuple(pieges),
        ),
        indices=(
            "Charge de travail = Σ (nombre de clients × visites par an).",
            "Capacité d'un commercial = visites par jour × jours travaillés.",
            "Nombre = charge / capacité, arrondi à l'unité supérieure.",
        ),
        solution=(
            f"Charge de travail = {details} = {format_nombre(r.charge_totale)} visites.\n\n"
            f"Capacité d'un commercial = {par_jour} × {jours} = "
            f"{format_nombre(r.capacite_commercial)} visites.\n\n"
            f"Nombre = {format_nombre(r.charge_totale)} / {format_nombre(r.capacite_commercial)}"
            f" = {format_nombre(r.nombre_exact)}, soit **{r.arrondi} commerciaux** (arrondi à "
            "l'unité supérieure)."
        ),
        parametres={"classes": classes, "visites_par_jour": par_jour, "jours": jours},
    )


@exercice(
    "cout-commercial-1",
    "Rémunération d'un commercial et coût pour l'entreprise",
    savoirs=["S631"],
)
def cout_commercial_1(alea: random.Random) -> Variante:
    fixe = tirer_decimal(alea, 1700, 2400, 50)
    seuil = tirer_decimal(alea, 15000, 30000, 5000)
    ca = seuil + tirer_decimal(alea, 5000, 40000, 250)
    taux_com = Decimal(alea.choice(("3", "4", "5", "2.5", "3.5")))
    prime = tirer_decimal(alea, 50, 400, 50)  # never « une prime de 0,00 € »
    charges = Decimal(alea.choice((40, 42, 45)))
    r = remuneration(
        fixe, ca, taux_commission=taux_com, seuil=seuil, primes=prime, taux_charges=charges
    )
    tout_le_ca = remuneration(
        fixe, ca, taux_commission=taux_com, primes=prime, taux_charges=charges
    )
    pieges = (
        Piege(
            "commission_sur_tout_le_ca",
            tout_le_ca.cout_entreprise,
            "La commission ne porte que sur le CA au-delà du seuil, pas sur tout le CA.",
        ),
        Piege(
            "charges_oubliees",
            r.brut,
            "C'est la rémunération brute : l'entreprise paie aussi les charges sociales "
            "patronales.",
        ),
    )
    return Variante(
        enonce=(
            f"Un commercial perçoit un fixe de **{format_euros(fixe)}** par mois, une commission "
            f"de **{format_pourcent(taux_com)}** sur le chiffre d'affaires HT au-delà de "
            f"**{format_euros(seuil)}**, et une prime d'objectif de **{format_euros(prime)}**. "
            f"Ce mois-ci il a réalisé **{format_euros(ca)}** de CA HT. Les charges sociales "
            f"patronales représentent **{format_pourcent(charges)}** de la rémunération brute.\n\n"
            "Combien ce commercial coûte-t-il à l'entreprise ce mois-ci ?"
        ),
        controle=ControleNombre(
            r.cout_entreprise, libelle="Coût pour l'entreprise", unite="€", pieges=pieges
        ),
        indices=(
            "Commission = (CA − seuil) × taux de commission.",
            "Rémunération brute = fixe + commission + prime.",
            "Coût pour l'entreprise = brut + charges sociales patronales (brut × taux).",
        ),
        solution=(
            f"Commission = ({format_euros(ca)} − {format_euros(seuil)}) × "
            f"{format_pourcent(taux_com)} = {format_euros(r.commission)}.\n\n"
            f"Brut = {format_euros(fixe)} + {format_euros(r.commission)} + "
            f"{format_euros(prime)} = {format_euros(r.brut)}.\n\n"
            f"Charges = {format_euros(r.brut)} × {format_pourcent(charges)} = "
            f"{format_euros(r.charges_sociales)}.\n\n"
            f"Coût pour l'entreprise = **{format_euros(r.cout_entreprise)}**."
        ),
        parametres={
            "fixe": fixe,
            "ca": ca,
            "seuil": seuil,
            "taux_commission": taux_com,
            "prime": prime,
            "taux_charges": charges,
        },
    )
