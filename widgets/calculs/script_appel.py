"""Call and chat scripts, and chatbot flows (NDRC bloc 2, relation client à distance).

A **call script** (téléphone) or **chat script** prepares a remote contact whose goal is to
book a meeting, on the sales-plan engine (:mod:`widgets.calculs.plan_de_vente`: the same
:class:`~widgets.calculs.plan_de_vente.Question`, :class:`~widgets.calculs.plan_de_vente.Objection`,
question types, objection techniques and :class:`~widgets.calculs.plan_de_vente.Remarque`).
Its stages, in order (:data:`ETAPES_SCRIPT`):

1. **Ouverture**: greeting, who calls (name, firm) and the hook;
2. **Barrage secrétaire**: the switchboard's or assistant's questions (« C'est à quel
   sujet ? ») and the answer that gets the caller through to the decision-maker — required on
   the phone in B2B, not in a chat (the visitor opened it);
3. **Découverte**: the questions (at least one open question);
4. **Objections**: each expected objection, its answer and its technique;
5. **Prise de rendez-vous**: the proposal (two time slots: the alternative technique) and the
   confirmation (date, time, place repeated, contact details).

:func:`verifier_script` is the completeness check (French messages naming the missing stages),
:func:`script_markdown` / :func:`script_html` the printable script.

A **chatbot flow** (:class:`ParcoursChatbot`) maps intents (what the customer wants, with
example sentences) to answers, with a hand-over to a person. :func:`verifier_parcours` checks
that every intent has an answer and example sentences, that no sentence belongs to two intents
and that a hand-over exists; :func:`repondre` plays the flow on a customer's sentence (word
overlap with the examples, accents and case ignored) so a student can test it.

Pure module: dataclasses, JSON-ready dicts, French messages; no widget, no file.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from widgets.calculs.plan_de_vente import (
    TECHNIQUES_OBJECTION,
    TYPES_QUESTION,
    Objection,
    Question,
    Remarque,
)
from widgets.erreurs import ErreurAtelier

__all__ = [
    "CANAUX_SCRIPT",
    "ETAPES_SCRIPT",
    "Intention",
    "ParcoursChatbot",
    "Replique",
    "ReponseChatbot",
    "ScriptAppel",
    "etapes_manquantes",
    "parcours_exemple",
    "repondre",
    "script_exemple",
    "script_html",
    "script_markdown",
    "verifier_parcours",
    "verifier_script",
]

CANAUX_SCRIPT = ("téléphone", "chat")
TITRE_PAR_DEFAUT = "Script d'appel"
CIBLES_SCRIPT = ("B2B", "B2C")
ETAPES_SCRIPT = (
    "Ouverture",
    "Barrage secrétaire",
    "Découverte",
    "Objections",
    "Prise de rendez-vous",
)


@dataclass
class Replique:
    """One exchange of the gatekeeper stage: what the switchboard says, what the caller answers."""

    situation: str = ""
    reponse: str = ""


@dataclass
class ScriptAppel:
    """A call (or chat) script whose goal is a meeting booked with the decision-maker."""

    titre: str = ""
    canal: str = "téléphone"
    cible: str = "B2B"
    interlocuteur: str = ""  # the decision-maker asked for (« la gérante », « l'acheteur »)
    objectif: str = ""
    ouverture: str = ""
    barrage: list[Replique] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    proposition_rdv: str = ""
    confirmation_rdv: str = ""
    prise_de_conge: str = ""

    def vers_dict(self) -> dict[str, Any]:
        """Dictionary ready for JSON."""
        return asdict(self)

    @classmethod
    def depuis_dict(cls, donnees: Mapping[str, Any]) -> ScriptAppel:
        """Reads a saved script back; unknown keys are ignored, missing ones empty."""
        if not isinstance(donnees, Mapping):
            raise ErreurAtelier("Ce fichier ne contient pas un script d'appel.")
        connus = {f.name for f in fields(cls)}
        valeurs = {k: str(v) for k, v in donnees.items() if k in connus and isinstance(v, str)}
        listes = {"barrage": Replique, "questions": Question, "objections": Objection}
        for nom, classe in listes.items():
            champs = {f.name for f in fields(classe)}
            valeurs[nom] = [
                classe(**{k: str(v) for k, v in element.items() if k in champs})
                for element in donnees.get(nom) or []
                if isinstance(element, Mapping)
            ]
        return cls(**valeurs)


def _vide(texte: str) -> bool:
    return not (texte or "").strip()


def _liste(noms: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    if len(noms) <= 1:
        return "".join(noms)
    return ", ".join(noms[:-1]) + " et " + noms[-1]


def _barrage_attendu(script: ScriptAppel) -> bool:
    """A gatekeeper answers the phone of a firm; a chat is opened by the customer himself."""
    return script.canal == "téléphone" and script.cible == "B2B"


def etapes_manquantes(script: ScriptAppel) -> list[str]:
    """The stages of :data:`ETAPES_SCRIPT` left entirely empty (the gatekeeper only when the
    call needs one: phone, B2B), in the script's order."""
    manquantes = []
    if _vide(script.ouverture):
        manquantes.append("Ouverture")
    if _barrage_attendu(script) and not any(
        not _vide(r.situation) or not _vide(r.reponse) for r in script.barrage
    ):
        manquantes.append("Barrage secrétaire")
    if not any(not _vide(q.texte) for q in script.questions):
        manquantes.append("Découverte")
    if not any(not _vide(o.objection) for o in script.objections):
        manquantes.append("Objections")
    if _vide(script.proposition_rdv) and _vide(script.confirmation_rdv):
        manquantes.append("Prise de rendez-vous")
    return manquantes


def verifier_script(script: ScriptAppel) -> list[Remarque]:
    """Completeness check: the list of what is missing, in French (empty if complete).

    The first remark, when stages are empty, names them all (« il manque 2 étapes : barrage
    secrétaire et prise de rendez-vous. »); then one remark per gap inside a stage: a
    gatekeeper question without an answer, no open question, an objection without answer or
    with an unknown technique, a meeting proposal without two slots to choose from, no
    confirmation of the meeting.
    """
    r: list[Remarque] = []
    if script.canal not in CANAUX_SCRIPT:
        r.append(
            Remarque("Réglages", f"le canal « {script.canal} » est inconnu (téléphone ou chat).")
        )
    if script.cible not in CIBLES_SCRIPT:
        r.append(Remarque("Réglages", f"la cible « {script.cible} » est inconnue (B2B ou B2C)."))
    manquantes = etapes_manquantes(script)
    if manquantes:
        quoi = "l'étape" if len(manquantes) == 1 else f"{len(manquantes)} étapes"
        r.append(
            Remarque("Script", f"il manque {quoi} : {_liste([m.lower() for m in manquantes])}.")
        )
    if "Ouverture" in manquantes:
        r.append(
            Remarque(
                "Ouverture",
                "saluez, présentez-vous (nom, entreprise) et donnez la raison de l'appel.",
            )
        )
    if "Barrage secrétaire" in manquantes:
        r.append(
            Remarque(
                "Barrage secrétaire",
                "prévoyez la réponse à « C'est à quel sujet ? » pour être mis en relation "
                f"avec {script.interlocuteur.strip() or 'le décideur'}.",
            )
        )
    for rep in script.barrage:
        if not _vide(rep.situation) and _vide(rep.reponse):
            r.append(
                Remarque(
                    "Barrage secrétaire", f"« {rep.situation.strip()} » n'a pas de réponse prévue."
                )
            )
    questions = [q for q in script.questions if not _vide(q.texte)]
    if "Découverte" in manquantes:
        r.append(Remarque("Découverte", "le script ne contient aucune question de découverte."))
    elif not any(q.type == "ouverte" for q in questions):
        r.append(
            Remarque("Découverte", "prévoyez au moins une question ouverte pour faire parler.")
        )
    for q in questions:
        if q.type not in TYPES_QUESTION:
            r.append(
                Remarque(
                    "Découverte",
                    f"la question « {q.texte.strip()} » doit être ouverte, fermée ou alternative.",
                )
            )
    if "Objections" in manquantes:
        r.append(Remarque("Objections", "préparez au moins une objection et sa réponse."))
    for o in script.objections:
        if _vide(o.objection):
            continue
        nom = o.objection.strip()
        if _vide(o.reponse):
            r.append(Remarque("Objections", f"l'objection « {nom} » n'a pas de réponse."))
        if _vide(o.technique):
            r.append(Remarque("Objections", f"nommez la technique de réponse à « {nom} »."))
        elif o.technique.strip() not in TECHNIQUES_OBJECTION:
            r.append(
                Remarque(
                    "Objections",
                    f"« {o.technique.strip()} » n'est pas une technique connue "
                    f"({', '.join(TECHNIQUES_OBJECTION)}).",
                )
            )
    if "Prise de rendez-vous" in manquantes:
        r.append(
            Remarque(
                "Prise de rendez-vous",
                "proposez deux créneaux au choix, puis confirmez la date, l'heure et le lieu.",
            )
        )
    else:
        if _vide(script.proposition_rdv):
            r.append(Remarque("Prise de rendez-vous", "proposez deux créneaux au choix."))
        elif not re.search(r"\bou\b", script.proposition_rdv, re.IGNORECASE):
            r.append(
                Remarque(
                    "Prise de rendez-vous",
                    "proposez deux créneaux au choix (« mardi 10 h ou jeudi 15 h ? ») plutôt "
                    "qu'une question fermée.",
                )
            )
        if _vide(script.confirmation_rdv):
            r.append(
                Remarque(
                    "Prise de rendez-vous",
                    "confirmez le rendez-vous : date, heure, lieu et coordonnées.",
                )
            )
    return r


# --------------------------------------------------------------------------- printable


def _md(texte: str) -> str:
    """A student's text in Markdown: the characters that would change the layout escaped."""
    return re.sub(r"([\\`*_|#<>\[\]])", r"\\\1", " ".join((texte or "").split()))


def script_markdown(script: ScriptAppel) -> str:
    """The printable script in Markdown: one section per stage, in the order of the call."""
    lignes = [f"# {_md(script.titre) or TITRE_PAR_DEFAUT}", ""]
    lignes.append(
        f"*Canal : {_md(script.canal)} — cible : {_md(script.cible)}"
        + (f" — interlocuteur visé : {_md(script.interlocuteur)}" if script.interlocuteur else "")
        + (f" — objectif : {_md(script.objectif)}" if script.objectif else "")
        + "*"
    )
    lignes += ["", "## 1. Ouverture", "", _md(script.ouverture) or "—", ""]
    lignes += ["## 2. Barrage secrétaire", ""]
    repliques = [b for b in script.barrage if not _vide(b.situation) or not _vide(b.reponse)]
    lignes += [f"- « {_md(b.situation)} » → {_md(b.reponse) or '—'}" for b in repliques] or ["—"]
    lignes += ["", "## 3. Découverte", ""]
    questions = [q for q in script.questions if not _vide(q.texte)]
    lignes += [
        f"{k}. {_md(q.texte)} *({_md(q.type)})*"
        + (f" — pour savoir : {_md(q.objectif)}" if q.objectif.strip() else "")
        for k, q in enumerate(questions, start=1)
    ] or ["—"]
    lignes += ["", "## 4. Objections", ""]
    objections = [o for o in script.objections if not _vide(o.objection)]
    if objections:
        lignes += ["| Objection | Réponse | Technique |", "| --- | --- | --- |"]
        lignes += [
            f"| {_md(o.objection)} | {_md(o.reponse) or '—'} | {_md(o.technique) or '—'} |"
            for o in objections
        ]
    else:
        lignes.append("—")
    lignes += ["", "## 5. Prise de rendez-vous", ""]
    lignes.append(f"- Proposition : {_md(script.proposition_rdv) or '—'}")
    lignes.append(f"- Confirmation : {_md(script.confirmation_rdv) or '—'}")
    if script.prise_de_conge.strip():
        lignes.append(f"- Prise de congé : {_md(script.prise_de_conge)}")
    return "\n".join(lignes) + "\n"


def _h(texte: str) -> str:
    return html.escape(" ".join((texte or "").split())) or "—"


def script_html(script: ScriptAppel) -> str:
    """The printable script as a standalone HTML page (A4, the student's texts escaped), with
    the completeness check at the bottom."""
    repliques = [b for b in script.barrage if not _vide(b.situation) or not _vide(b.reponse)]
    questions = [q for q in script.questions if not _vide(q.texte)]
    objections = [o for o in script.objections if not _vide(o.objection)]
    remarques = verifier_script(script)
    parties = [
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        f"<title>{_h(script.titre or TITRE_PAR_DEFAUT)}</title>",
        "<style>@page{size:A4;margin:15mm}body{font-family:sans-serif;font-size:11pt}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;"
        "vertical-align:top}h2{border-bottom:1px solid #ccc}</style></head><body>",
        f"<h1>{_h(script.titre or TITRE_PAR_DEFAUT)}</h1>",
        f"<p><em>Canal : {_h(script.canal)} — cible : {_h(script.cible)} — interlocuteur "
        f"visé : {_h(script.interlocuteur)} — objectif : {_h(script.objectif)}</em></p>",
        f"<h2>1. Ouverture</h2><p>{_h(script.ouverture)}</p>",
        "<h2>2. Barrage secrétaire</h2><ul>"
        + "".join(f"<li>« {_h(b.situation)} » → {_h(b.reponse)}</li>" for b in repliques)
        + "</ul>",
        "<h2>3. Découverte</h2><ol>"
        + "".join(f"<li>{_h(q.texte)} <em>({_h(q.type)})</em></li>" for q in questions)
        + "</ol>",
        "<h2>4. Objections</h2><table><tr><th>Objection</th><th>Réponse</th>"
        "<th>Technique</th></tr>"
        + "".join(
            f"<tr><td>{_h(o.objection)}</td><td>{_h(o.reponse)}</td><td>{_h(o.technique)}</td></tr>"
            for o in objections
        )
        + "</table>",
        f"<h2>5. Prise de rendez-vous</h2><p>Proposition : {_h(script.proposition_rdv)}</p>"
        f"<p>Confirmation : {_h(script.confirmation_rdv)}</p>",
    ]
    if remarques:
        parties.append(
            "<h2>À compléter</h2><ul>"
            + "".join(f"<li>{html.escape(str(m))}</li>" for m in remarques)
            + "</ul>"
        )
    parties.append("</body></html>")
    return "\n".join(parties)


def script_exemple() -> ScriptAppel:
    """A complete B2B call script of the case firm (a souvenir shop to win), for the notebook
    and the tests: :func:`verifier_script` finds nothing to add."""
    return ScriptAppel(
        titre="Prise de rendez-vous avec une boutique de souvenirs",
        canal="téléphone",
        cible="B2B",
        interlocuteur="la gérante",
        objectif="un rendez-vous de 30 minutes en boutique pour présenter la gamme plage",
        ouverture="Bonjour, Léa Martin, de Textiles de la Côte, fabricant de serviettes de "
        "plage brodées. Je vous appelle au sujet de votre rayon été.",
        barrage=[
            Replique(
                "C'est à quel sujet ?",
                "Au sujet du rayon plage de la boutique : Madame Durand est bien la personne "
                "qui choisit les fournisseurs ?",
            ),
            Replique(
                "Elle est occupée, envoyez un mail.",
                "Bien sûr ; quel est le meilleur moment pour la joindre deux minutes, demain "
                "matin ou jeudi après-midi ?",
            ),
        ],
        questions=[
            Question("Comment se vend votre rayon plage en ce moment ?", "ouverte"),
            Question("Travaillez-vous déjà avec un fabricant français ?", "fermée"),
            Question("Vous réassortissez plutôt en mai ou en juin ?", "alternative"),
        ],
        objections=[
            Objection(
                "J'ai déjà un fournisseur.",
                "C'est une bonne chose ; beaucoup de nos clients comparent nos broderies "
                "avec leur gamme actuelle : 30 minutes suffisent.",
                "oui-mais",
            ),
            Objection(
                "C'est trop cher.",
                "Trop cher par rapport à quoi ? Nos serviettes se vendent 29 € avec un "
                "coefficient de 2,2.",
                "question",
            ),
        ],
        proposition_rdv="Je peux passer mardi 14 h ou jeudi 10 h : qu'est-ce qui vous arrange ?",
        confirmation_rdv="Je note jeudi 12 juin à 10 h, à la boutique, 3 quai du Port ; je "
        "vous envoie une confirmation par courriel.",
        prise_de_conge="Merci pour votre accueil, bonne journée.",
    )


# --------------------------------------------------------------------------- chatbot


@dataclass
class Intention:
    """What a customer wants (« suivre ma commande »), sentences that say it, the bot's answer;
    ``transfert``: the answer hands the conversation over to a person."""

    nom: str = ""
    exemples: list[str] = field(default_factory=list)
    reponse: str = ""
    transfert: bool = False


@dataclass
class ParcoursChatbot:
    """A chatbot flow: greeting, intents, the message when nothing is understood, and the
    hand-over to a person (``transfert``: what the bot says when it passes the customer to an
    adviser, with the opening hours)."""

    titre: str = ""
    accueil: str = ""
    intentions: list[Intention] = field(default_factory=list)
    incompris: str = ""
    transfert: str = ""

    def vers_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def depuis_dict(cls, donnees: Mapping[str, Any]) -> ParcoursChatbot:
        if not isinstance(donnees, Mapping):
            raise ErreurAtelier("Ce fichier ne contient pas un parcours de chatbot.")
        intentions = [
            Intention(
                nom=str(i.get("nom", "")),
                exemples=[str(e) for e in i.get("exemples") or []],
                reponse=str(i.get("reponse", "")),
                transfert=bool(i.get("transfert", False)),
            )
            for i in donnees.get("intentions") or []
            if isinstance(i, Mapping)
        ]
        return cls(
            titre=str(donnees.get("titre", "")),
            accueil=str(donnees.get("accueil", "")),
            intentions=intentions,
            incompris=str(donnees.get("incompris", "")),
            transfert=str(donnees.get("transfert", "")),
        )


#: Words that say nothing of the customer's intent (compared without accents): « mon » in
#: « mon colis » and « mon peignoir » must not make two sentences alike.
MOTS_VIDES = frozenset(
    "mon ton son mes tes ses les des une est ont pas que qui quoi pour sur avec vous votre vos "
    "nous notre nos leur leurs elle ils elles suis etre avoir mais tout tres bien".split()
)


def _mots(texte: str) -> set[str]:
    """The words of a sentence, lower case and without accents, of three letters or more,
    without the :data:`MOTS_VIDES`."""
    sans = unicodedata.normalize("NFKD", texte.lower())
    sans = "".join(c for c in sans if not unicodedata.combining(c))
    return {m for m in re.findall(r"[a-z0-9]+", sans) if len(m) >= 3 and m not in MOTS_VIDES}


def verifier_parcours(parcours: ParcoursChatbot) -> list[Remarque]:
    """Completeness check of a chatbot flow (French, empty if complete): a greeting; every
    intent named, with example sentences and an answer; no sentence shared by two intents;
    a message when the bot does not understand; a hand-over to a person that exists (the
    hand-over message and at least one intent that leads to it)."""
    r: list[Remarque] = []
    if _vide(parcours.accueil):
        r.append(Remarque("Accueil", "rédigez le message d'accueil du robot."))
    intentions = [i for i in parcours.intentions if not (_vide(i.nom) and _vide(i.reponse))]
    if not intentions:
        r.append(Remarque("Intentions", "le parcours ne contient aucune intention."))
    vus: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for rang, i in enumerate(intentions, start=1):
        nom = i.nom.strip() or f"n° {rang}"
        if _vide(i.nom):
            r.append(Remarque("Intentions", f"l'intention n° {rang} n'a pas de nom."))
        elif nom.lower() in vus:
            r.append(Remarque("Intentions", f"l'intention « {nom} » est définie deux fois."))
        vus[nom.lower()] = nom
        if _vide(i.reponse):
            r.append(Remarque("Intentions", f"l'intention « {nom} » n'a pas de réponse."))
        exemples = [e for e in i.exemples if not _vide(e)]
        if not exemples:
            r.append(
                Remarque(
                    "Intentions",
                    f"l'intention « {nom} » n'a aucune phrase d'exemple : le robot ne la "
                    "reconnaîtra pas.",
                )
            )
        for e in exemples:
            cle = " ".join(sorted(_mots(e)))
            autre = phrases.get(cle)
            if autre is not None and autre != nom:
                r.append(
                    Remarque(
                        "Intentions",
                        f"la phrase « {e.strip()} » est à la fois dans « {autre} » et dans "
                        f"« {nom} » : le robot ne saura pas choisir.",
                    )
                )
            phrases.setdefault(cle, nom)
    if _vide(parcours.incompris):
        r.append(
            Remarque(
                "Incompréhension",
                "prévoyez le message quand le robot ne comprend pas (reformuler ou proposer un "
                "conseiller).",
            )
        )
    if _vide(parcours.transfert) or not any(i.transfert for i in intentions):
        r.append(
            Remarque(
                "Transfert",
                "aucun passage à une personne : prévoyez le message de transfert vers un "
                "conseiller (horaires, délai) et au moins une intention qui y mène (une "
                "réclamation, par exemple).",
            )
        )
    return r


@dataclass(frozen=True)
class ReponseChatbot:
    """What the bot answers to one sentence: the intent recognised (or ``None``), its text
    and whether the conversation is handed over to a person."""

    intention: str | None
    texte: str
    transfert: bool


def repondre(parcours: ParcoursChatbot, message: str) -> ReponseChatbot:
    """Plays the flow on a customer's sentence: the intent whose example shares the most words
    with it (three letters or more, accents, case and :data:`MOTS_VIDES` ignored; the first
    intent on a tie);
    no shared word → the « incompris » message. An intent with ``transfert`` adds the
    hand-over message."""
    mots = _mots(message)
    meilleure, score = None, 0
    for i in parcours.intentions:
        for e in i.exemples:
            commun = len(mots & _mots(e))
            if commun > score:
                meilleure, score = i, commun
    if meilleure is None:
        return ReponseChatbot(None, parcours.incompris.strip(), False)
    texte = meilleure.reponse.strip()
    if meilleure.transfert and parcours.transfert.strip():
        texte = f"{texte} {parcours.transfert.strip()}".strip()
    return ReponseChatbot(meilleure.nom.strip(), texte, meilleure.transfert)


def parcours_exemple() -> ParcoursChatbot:
    """The web shop's chatbot, complete: order tracking, returns (14 days, code de la
    consommation art. L221-18), sizes, and complaints handed over to an adviser."""
    return ParcoursChatbot(
        titre="Assistant de la boutique en ligne",
        accueil="Bonjour ! Je suis l'assistant de la boutique. Que puis-je faire pour vous ?",
        intentions=[
            Intention(
                "suivi de commande",
                ["Où en est ma commande ?", "Je n'ai pas reçu mon colis", "suivre ma livraison"],
                "Vous trouverez le lien de suivi dans le courriel de confirmation d'expédition ; "
                "donnez-moi votre numéro de commande si vous ne l'avez plus.",
            ),
            Intention(
                "retour d'un article",
                ["Je veux retourner un article", "comment faire un retour", "me faire rembourser"],
                "Vous disposez de 14 jours après la réception pour nous retourner un article "
                "(droit de rétractation) ; le remboursement intervient au plus tard 14 jours "
                "après votre demande.",
            ),
            Intention(
                "dimensions",
                ["Quelle est la taille de la serviette ?", "dimensions du drap de plage"],
                "Nos serviettes de plage mesurent 90 × 170 cm ; les dimensions sont sur chaque "
                "fiche produit.",
            ),
            Intention(
                "réclamation",
                ["Je suis mécontent", "article abîmé", "je veux faire une réclamation"],
                "Je suis désolé pour ce désagrément.",
                transfert=True,
            ),
        ],
        incompris="Je n'ai pas compris : pouvez-vous reformuler, ou souhaitez-vous parler à "
        "un conseiller ?",
        transfert="Je vous mets en relation avec un conseiller (du lundi au vendredi, de 9 h à "
        "18 h ; réponse sous 24 h en dehors de ces horaires).",
    )
