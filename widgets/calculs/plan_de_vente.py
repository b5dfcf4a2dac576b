"""Sales plan: the structured preparation of a sales interview (S742, S743, S751–S773).

Steps: opening (accroche), discovery (open, closed, alternative questions; reformulation;
buying motives found), CAP argumentation (caractéristique → avantage → preuve) tied to the
motives, objections (named technique), closing, follow-up. In B2B the buying centre
(sociogram) and the financial argument are added; facing a retailer, defending the margins and
the double argumentation (for the retailer and for its customer).

Pure module: dataclasses, their JSON-ready dicts, the completeness check (French messages) and
the sociogram's layout (numbers). The printable fiche and the sociogram drawing are jinja2
templates in ``widgets/ui/modeles/`` (:mod:`widgets.ui.fiche_plan_de_vente`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from widgets.erreurs import ErreurAtelier

VERSION_FORMAT = 1

#: Grilles de mobiles d'achat (réglage : un enseignant peut en ajouter une).
GRILLES: dict[str, tuple[str, ...]] = {
    "SONCAS": ("sécurité", "orgueil", "nouveauté", "confort", "argent", "sympathie"),
    "SONCASE": (
        "sécurité",
        "orgueil",
        "nouveauté",
        "confort",
        "argent",
        "sympathie",
        "environnement",
    ),
    "SABONE": ("sécurité", "affection", "bien-être", "orgueil", "nouveauté", "économie"),
}

TYPES_ENTRETIEN = ("B2C", "B2B", "distributeur")
TYPES_QUESTION = ("ouverte", "fermée", "alternative")
TECHNIQUES_OBJECTION = (
    "reformulation",
    "oui-mais",
    "boomerang",
    "compensation",
    "anticipation",
    "question",
    "témoignage",
    "report",
)
TECHNIQUES_CONCLUSION = ("alternative", "récapitulative", "directe", "implicite", "verrouillage")
ROLES_CENTRE_ACHAT = (
    "décideur",
    "acheteur",
    "prescripteur",
    "utilisateur",
    "filtre",
    "influenceur",
)
CIBLES_ARGUMENT = ("client", "revendeur", "client final")


@dataclass
class Question:
    """Une question du plan de découverte."""

    texte: str = ""
    type: str = "ouverte"
    objectif: str = ""


@dataclass
class Argument:
    """Un argument CAP relié à un mobile d'achat ; ``cible`` sert à la double argumentation."""

    mobile: str = ""
    caracteristique: str = ""
    avantage: str = ""
    preuve: str = ""
    cible: str = "client"


@dataclass
class Objection:
    """Une objection prévue, la réponse et la technique employée."""

    objection: str = ""
    reponse: str = ""
    technique: str = ""


@dataclass
class Acteur:
    """Un membre du centre d'achat (sociogramme) : son rôle et ce qu'il attend."""

    nom: str = ""
    fonction: str = ""
    role: str = ""
    attentes: str = ""


@dataclass
class PlanDeVente:
    """Le plan de vente complet d'un étudiant pour un scénario."""

    titre: str = ""
    type_entretien: str = "B2C"
    grille: str = "SONCAS"
    scenario: str = ""
    client: str = ""
    produit: str = ""
    objectif: str = ""
    # prise de contact
    accroche: str = ""
    presentation: str = ""
    # découverte
    questions: list[Question] = field(default_factory=list)
    reformulation: str = ""
    mobiles: list[str] = field(default_factory=list)
    centre_achat: list[Acteur] = field(default_factory=list)
    # argumentation
    arguments: list[Argument] = field(default_factory=list)
    argument_financier: str = ""
    defense_des_marges: str = ""
    # objections, conclusion, suivi
    objections: list[Objection] = field(default_factory=list)
    technique_conclusion: str = ""
    conclusion: str = ""
    suivi: str = ""
    date_suivi: str = ""

    def vers_dict(self) -> dict[str, Any]:
        """Dictionnaire prêt pour JSON (avec le numéro de format)."""
        donnees = asdict(self)
        donnees["format"] = VERSION_FORMAT
        return donnees

    @classmethod
    def depuis_dict(cls, donnees: Mapping[str, Any]) -> PlanDeVente:
        """Relit un plan enregistré ; les clés inconnues sont ignorées, les manquantes vides."""
        if not isinstance(donnees, Mapping):
            raise ErreurAtelier("Ce fichier ne contient pas un plan de vente.")
        connus = {f.name for f in fields(cls)}
        valeurs = {k: v for k, v in donnees.items() if k in connus}
        listes = {
            "questions": Question,
            "arguments": Argument,
            "objections": Objection,
            "centre_achat": Acteur,
        }
        for nom, classe in listes.items():
            champs = {f.name for f in fields(classe)}
            valeurs[nom] = [
                classe(**{k: str(v) for k, v in element.items() if k in champs})
                for element in valeurs.get(nom) or []
                if isinstance(element, Mapping)
            ]
        valeurs["mobiles"] = [str(m) for m in valeurs.get("mobiles") or []]
        return cls(**valeurs)

    @classmethod
    def depuis_scenario(cls, scenario: Mapping[str, Any]) -> PlanDeVente:
        """Plan vierge prérempli avec le contexte d'un scénario de la bibliothèque."""
        return cls(
            titre=str(scenario.get("titre", "")),
            type_entretien=str(scenario.get("type_entretien", "B2C")),
            grille=str(scenario.get("grille", "SONCAS")),
            scenario=str(scenario.get("id", "")),
            client=str(scenario.get("client", "")),
            produit=str(scenario.get("produit", "")),
            objectif=str(scenario.get("objectif", "")),
        )


@dataclass(frozen=True)
class Remarque:
    """Un manque repéré par le contrôle de complétude : la partie du plan et le message."""

    partie: str
    message: str

    def __str__(self) -> str:
        return f"{self.partie} : {self.message}"


def _vide(texte: str) -> bool:
    return not (texte or "").strip()


def _normaliser(mot: str) -> str:
    return (mot or "").strip().lower()


def verifier_plan(
    plan: PlanDeVente, grilles: Mapping[str, tuple[str, ...]] | None = None
) -> list[Remarque]:
    """Contrôle de complétude : la liste des manques, en français (vide si le plan est complet).

    Repère notamment : un mobile trouvé à la découverte sans argument qui y réponde ; un
    argument sans avantage ou sans preuve ; une objection sans réponse ou sans technique ;
    l'absence de conclusion ou de suivi ; en B2B le centre d'achat et l'argument financier ;
    face à un distributeur la défense des marges et la double argumentation.
    """
    grilles = GRILLES if grilles is None else grilles
    r: list[Remarque] = []
    grille = grilles.get(plan.grille)
    if grille is None:
        r.append(Remarque("Réglages", f"la grille « {plan.grille} » est inconnue."))
        grille = ()
    if plan.type_entretien not in TYPES_ENTRETIEN:
        r.append(
            Remarque(
                "Réglages",
                f"le type d'entretien « {plan.type_entretien} » est inconnu "
                "(B2C, B2B ou distributeur).",
            )
        )
    # prise de contact
    if _vide(plan.accroche):
        r.append(Remarque("Prise de contact", "rédigez une accroche (la première phrase)."))
    # découverte
    questions = [q for q in plan.questions if not _vide(q.texte)]
    if not questions:
        r.append(Remarque("Découverte", "le plan de découverte ne contient aucune question."))
    else:
        if not any(q.type == "ouverte" for q in questions):
            r.append(
                Remarque("Découverte", "prévoyez au moins une question ouverte pour faire parler.")
            )
        for q in questions:
            if q.type not in TYPES_QUESTION:
                r.append(
                    Remarque(
                        "Découverte",
                        f"la question « {q.texte} » doit être ouverte, fermée ou alternative.",
                    )
                )
    if _vide(plan.reformulation):
        r.append(Remarque("Découverte", "prévoyez la reformulation des besoins du client."))
    mobiles = [_normaliser(m) for m in plan.mobiles if not _vide(m)]
    if not mobiles:
        r.append(Remarque("Découverte", f"aucun mobile d'achat ({plan.grille}) n'est identifié."))
    for m in mobiles:
        if grille and m not in grille:
            r.append(
                Remarque("Découverte", f"« {m} » n'est pas un mobile de la grille {plan.grille}.")
            )
    # centre d'achat (B2B)
    if plan.type_entretien == "B2B":
        acteurs = [a for a in plan.centre_achat if not _vide(a.nom) or not _vide(a.fonction)]
        if not acteurs:
            r.append(
                Remarque(
                    "Centre d'achat",
                    "en B2B, décrivez le centre d'achat (sociogramme) : qui participe à la "
                    "décision ?",
                )
            )
        elif not any(_normaliser(a.role) == "décideur" for a in acteurs):
            r.append(Remarque("Centre d'achat", "identifiez le décideur du centre d'achat."))
    # argumentation
    arguments = [
        a
        for a in plan.arguments
        if not (_vide(a.caracteristique) and _vide(a.avantage) and _vide(a.preuve))
    ]
    if not arguments:
        r.append(Remarque("Argumentation", "l'argumentaire ne contient aucun argument."))
    mobiles_argumentes = {_normaliser(a.mobile) for a in arguments}
    for m in mobiles:
        if m not in mobiles_argumentes:
            r.append(
                Remarque(
                    "Argumentation",
                    f"le mobile « {m} » a été trouvé à la découverte mais aucun argument n'y "
                    "répond.",
                )
            )
    for a in arguments:
        nom = a.caracteristique.strip() or a.avantage.strip() or a.preuve.strip()
        if _vide(a.caracteristique):
            r.append(Remarque("Argumentation", f"l'argument « {nom} » n'a pas de caractéristique."))
        if _vide(a.avantage):
            r.append(Remarque("Argumentation", f"l'argument « {nom} » n'a pas d'avantage client."))
        if _vide(a.preuve):
            r.append(Remarque("Argumentation", f"l'argument « {nom} » n'a pas de preuve."))
        if _vide(a.mobile):
            r.append(Remarque("Argumentation", f"l'argument « {nom} » n'est relié à aucun mobile."))
        elif _normaliser(a.mobile) not in mobiles:
            r.append(
                Remarque(
                    "Argumentation",
                    f"l'argument « {nom} » répond au mobile « {_normaliser(a.mobile)} », qui n'a "
                    "pas été identifié à la découverte.",
                )
            )
    if plan.type_entretien in ("B2B", "distributeur") and _vide(plan.argument_financier):
        r.append(
            Remarque(
                "Argumentation",
                "ajoutez l'argument financier (rentabilité, coût global, retour sur "
                "investissement).",
            )
        )
    if plan.type_entretien == "distributeur":
        if _vide(plan.defense_des_marges):
            r.append(
                Remarque("Argumentation", "préparez la défense des marges face au distributeur.")
            )
        cibles = {_normaliser(a.cible) for a in arguments}
        if "revendeur" not in cibles or "client final" not in cibles:
            r.append(
                Remarque(
                    "Argumentation",
                    "double argumentation : il faut au moins un argument pour le revendeur et "
                    "un pour son client final.",
                )
            )
    # objections
    objections = [o for o in plan.objections if not _vide(o.objection)]
    if not objections:
        r.append(Remarque("Objections", "préparez au moins une objection et sa réponse."))
    for o in objections:
        if _vide(o.reponse):
            r.append(Remarque("Objections", f"l'objection « {o.objection} » n'a pas de réponse."))
        if _vide(o.technique):
            r.append(
                Remarque(
                    "Objections",
                    f"nommez la technique de réponse à l'objection « {o.objection} ».",
                )
            )
    # conclusion et suivi
    if _vide(plan.conclusion):
        r.append(Remarque("Conclusion", "aucune conclusion n'est prévue (prise de commande)."))
    elif _vide(plan.technique_conclusion):
        r.append(Remarque("Conclusion", "nommez la technique de conclusion."))
    if _vide(plan.suivi):
        r.append(Remarque("Suivi", "prévoyez le suivi (relance, livraison, prochain rendez-vous)."))
    return r


# --------------------------------------------------------------------------- sociogramme


@dataclass(frozen=True)
class PlaceSociogramme:
    """Where an actor of the buying centre sits on the sociogram (centre of its box)."""

    acteur: Acteur
    x: float
    y: float
    decideur: bool = False


def disposition_sociogramme(
    acteurs: list[Acteur], largeur: int = 520, hauteur: int = 300
) -> list[PlaceSociogramme]:
    """The sociogram's layout: the (first) decision-maker at the centre, listed first, the
    other actors on an ellipse around, starting at the top. Actors with neither a name nor a
    function are left out; an empty list means there is nobody to draw.

    The drawing itself (SVG, one colour per role) is ``widgets.ui.fiche_plan_de_vente``'s.
    """
    presents = [a for a in acteurs if not _vide(a.nom) or not _vide(a.fonction)]
    centre = [a for a in presents if _normaliser(a.role) == "décideur"][:1]
    autour = [a for a in presents if a not in centre]
    cx, cy = largeur / 2, hauteur / 2
    rx, ry = largeur / 2 - 100, hauteur / 2 - 40
    places = [PlaceSociogramme(centre[0], cx, cy, decideur=True)] if centre else []
    for k, a in enumerate(autour):
        angle = 2 * math.pi * k / max(1, len(autour)) - math.pi / 2
        places.append(PlaceSociogramme(a, cx + rx * math.cos(angle), cy + ry * math.sin(angle)))
    return places
