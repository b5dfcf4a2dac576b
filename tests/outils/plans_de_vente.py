"""A complete sales plan (distributor interview) with no remark, shared by the plan tests."""

from __future__ import annotations

from widgets.calculs.plan_de_vente import Argument, Objection, PlanDeVente, Question


def plan_complet_distributeur() -> PlanDeVente:
    return PlanDeVente(
        titre="Boutique du Champ-de-Mars",
        type_entretien="distributeur",
        client="Souvenirs du Champ-de-Mars",
        produit="Serviettes RATP",
        accroche="Bonjour Madame, vos clients cherchent-ils des souvenirs « vraiment parisiens » ?",
        questions=[
            Question("Quels souvenirs vendez-vous le mieux ?", "ouverte"),
            Question("Vendez-vous du textile ?", "fermée"),
            Question("Préférez-vous un présentoir ou la vitrine ?", "alternative"),
        ],
        reformulation="Si je vous comprends bien, vous cherchez du nouveau qui tourne vite.",
        mobiles=["nouveauté", "argent"],
        arguments=[
            Argument(
                "nouveauté", "Licence RATP", "Un souvenir unique", "Hologramme", "client final"
            ),
            Argument(
                "argent", "Coefficient 2,5", "Votre marge est confortable", "Tarif", "revendeur"
            ),
        ],
        argument_financier="150 € achetés, 375 € revendus.",
        defense_des_marges="Le présentoir offert compense la remise refusée.",
        objections=[
            Objection("C'est trop cher.", "Justement, le prix signe la qualité.", "boomerang")
        ],
        technique_conclusion="alternative",
        conclusion="On démarre avec les serviettes ou avec les parapluies ?",
        suivi="Appel à J+15 pour le réassort.",
    )
