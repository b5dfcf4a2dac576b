"""The exercise widget any notebook embeds in one line, and the per-unit progress panel.

::

    from widgets.ui.exercice import exercice, PanneauProgression
    exercice("relation_client/net-a-payer-1")          # the student's own variant
    PanneauProgression("relation_client")

Works the same in JupyterLab and Voilà (plain ipywidgets, statement rendered to HTML by the
engine's small Markdown converter, no CDN).

Student identity (``widgets.donnees.classe``), decided when the widget is built:

- ``etudiant`` given by the notebook: that name (the field stays free, as before);
- behind JupyterHub (``JUPYTERHUB_USER``): the hub user, the "Étudiant" field is locked;
- a class list in the class folder (dashboards server): the student types name and code once
  (:meth:`Exercice.se_connecter`); no variant is built before that, a wrong code shows none;
  the identity is then locked for the kernel's session (every exercise of the page follows it)
  and a change of the field sent by the page is undone (the kernel, not the browser, decides);
  progress goes to the student's file in the class folder;
- otherwise (a student alone at home): the ``ATELIER_ETUDIANT`` variable or the name the
  student typed last (``widgets.donnees.identite``, kept in the user data folder), never the
  OS login; with none, the exercise asks for a name. Typed once, the name is taken up by every
  exercise of the kernel and by the next notebooks; the field stays free.

Each attempt is saved at once in the student's progress file.

Drivable from Python (tests, nbval): ``.remplir("1 234,56")`` or ``.remplir({"cellule": ...})``,
``.verifier() -> Verdict``, ``.indice() -> str``, ``.retour`` (the French feedback text),
``.solution_visible``, ``.se_connecter(nom, code) -> bool``. CSS classes for browser tests:
``atelier-exercice`` (the whole widget),
``atelier-reponse`` (each answer field), ``atelier-retour`` (the feedback),
``atelier-indice``, ``atelier-solution``, ``atelier-progression`` (the panel),
``atelier-nom``, ``atelier-code``, ``atelier-connexion``, ``atelier-identite`` (identification).
"""

from __future__ import annotations

import html
import sqlite3
import time
import weakref
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

import ipywidgets as w

from widgets.donnees.classe import (
    MESSAGE_FICHIER_ENDOMMAGE,
    Classe,
    Eleve,
    charger_classe,
    utilisateur_hub,
)
from widgets.donnees.devoirs import ReglesExercice, regles_du_moment, retour_examen
from widgets.donnees.identite import memoriser_identite, verifier_nom
from widgets.donnees.progression import Progression, identifiant_etudiant
from widgets.erreurs import ErreurAtelier
from widgets.exercices import Verdict, exercice_par_code, exercices_de_l_unite
from widgets.exercices.markdown import markdown_en_html, markdown_en_ligne
from widgets.ui.champs import STYLE_ECRAN
from widgets.ui.session import retenir_eleve

VERT, ROUGE, GRIS = "#1b6e20", "#b00020", "#555"
_STYLE = (
    "<style>.atelier-reponse textarea{font-family:Consolas,'DejaVu Sans Mono',monospace;}"
    ".atelier-exercice table{border-collapse:collapse}"
    ".atelier-exercice td,.atelier-exercice th{border:1px solid #ccc;padding:2px 6px}</style>"
    + STYLE_ECRAN
)
_PANNEAUX: weakref.WeakSet[PanneauProgression] = weakref.WeakSet()
_EXERCICES: weakref.WeakSet[Exercice] = weakref.WeakSet()
_SESSION: dict[str, Eleve] = {}
"""Identity locked in this kernel, per class folder (one student per Voilà page/kernel)."""
_REFUS: list[float] = []
"""Times (monotonic) of the refused identifications in this kernel (one page, one student)."""
ESSAIS_AVANT_PAUSE, PAUSE_SECONDES = 5, 60
TROP_D_ESSAIS = (
    "Trop d'essais de code : attendez une minute, puis réessayez ou demandez à votre enseignant."
)
INVITATION = (
    "Identifiez-vous (nom, prénom et code donné par votre enseignant) pour voir votre exercice."
)

INVITATION_NOM = (
    "Tapez votre nom et votre prénom dans le champ « Étudiant » pour voir votre exercice : "
    "les exercices suivants le reprendront."
)

__all__ = ["Exercice", "PanneauProgression", "exercice", "identifier_eleve"]


def _bloc(texte: str, couleur: str) -> str:
    return (
        f'<div style="color:{couleur};white-space:pre-line;margin:6px 0">{html.escape(texte)}</div>'
    )


def identifier_eleve(classe: Classe, nom: str, code: str) -> Eleve:
    """Check a name and code typed on a page against the class list and lock the identity in
    this kernel: every exercise of the page and every widget that keeps files per student
    (``widgets.ui.session``) follow it. Codes are not guessed by a script: after
    ``ESSAIS_AVANT_PAUSE`` refusals, a pause, counted per page and per student in the class
    folder (a reload or a new kernel does not reset it). Raises ErreurAtelier (French)."""
    maintenant = time.time()
    _REFUS[:] = [t for t in _REFUS if maintenant - t < PAUSE_SECONDES]
    try:
        if (
            len(_REFUS) >= ESSAIS_AVANT_PAUSE
            or classe.refus_recents(nom, maintenant, PAUSE_SECONDES) >= ESSAIS_AVANT_PAUSE
        ):
            raise ErreurAtelier(TROP_D_ESSAIS)
        nom = verifier_nom(nom)
        eleve = classe.identifier(nom, code)
    except ErreurAtelier as err:
        if err.message != TROP_D_ESSAIS:
            _REFUS.append(maintenant)
            classe.noter_refus(nom, maintenant, PAUSE_SECONDES)
        raise
    _SESSION[str(classe.dossier)] = eleve
    retenir_eleve(classe.dossier, eleve)  # the SQL history, the sandbox and the plans follow
    for autre in list(_EXERCICES):  # the exercises of the page follow
        if autre._classe is not None and autre._classe.dossier == classe.dossier:
            autre._identifie(eleve)
    return eleve


class Exercice(w.VBox):
    """One exercise for one student: statement, answer field(s), Vérifier, Indice, solution."""

    def __init__(
        self,
        code: str,
        etudiant: str | None = None,
        graine: int = 0,
        *,
        progression: Progression | None = None,
    ) -> None:
        self.definition = exercice_par_code(code)
        self.graine = graine
        self._progression_donnee = progression
        self.progression = progression if progression is not None else Progression()
        self.verdict: Verdict | None = None
        self.variante = None
        self.retour = ""
        self._indices_vus = 0
        self._identite: str | None = None  # locked identity (hub user or class student)
        self._classe: Classe | None = None
        self.erreur_identite = ""  # French reason of the last refused identification
        hub = utilisateur_hub() if etudiant is None else None
        self._nom_libre = hub is None and etudiant is None  # may become a class list later
        if self._nom_libre:
            self._classe = charger_classe()
        self._examen = None  # the exam devoir in progress when this widget was first used
        self._reponses_examen = 0
        self.champ_nom = w.Text(
            value="" if self._classe is not None else identifiant_etudiant(hub or etudiant),
            description="Étudiant",
            placeholder="Nom Prénom",
            continuous_update=False,
            layout=w.Layout(width="340px"),
        )
        self.champ_nom.add_class("atelier-nom")
        self._nom_precedent = self.champ_nom.value
        self.champ_code = w.Password(
            description="Code", placeholder="6 caractères", layout=w.Layout(width="240px")
        )
        self.champ_code.add_class("atelier-code")
        self.bouton_connexion = w.Button(description="Me connecter", button_style="primary")
        self.bouton_connexion.add_class("atelier-connexion")
        self.bouton_connexion.on_click(lambda _: self.se_connecter())
        self.zone_identite = w.HTML()
        self.zone_identite.add_class("atelier-identite")
        self.boite_connexion = w.HBox([self.champ_code, self.bouton_connexion])
        if self._classe is None:
            self.boite_connexion.layout.display = "none"
        if hub is not None:
            self._verrouiller(hub)
        self.champ_nom.observe(lambda _: self._nom_change(), names="value")
        self.titre = w.HTML(f"<h3>{html.escape(self.definition.titre)}</h3>")
        self.enonce = w.HTML()
        self.zone_champs = w.VBox()
        self.bouton_verifier = w.Button(description="Vérifier", button_style="primary")
        self.bouton_indice = w.Button(description="Indice", icon="lightbulb-o")
        self.bouton_verifier.on_click(lambda _: self.verifier())
        self.bouton_indice.on_click(lambda _: self.indice())
        self.zone_retour = w.HTML()
        self.zone_retour.add_class("atelier-retour")
        self.zone_indices = w.HTML()
        self.zone_indices.add_class("atelier-indice")
        self.zone_solution = w.HTML()
        self.zone_solution.add_class("atelier-solution")
        self.barre = w.HBox([self.bouton_verifier, self.bouton_indice])
        self.zone_regles = w.HTML()
        self._regles()
        super().__init__(
            [
                self.titre,
                self.zone_regles,
                self.champ_nom,
                self.boite_connexion,
                self.zone_identite,
                self.enonce,
                self.zone_champs,
                self.barre,
                self.zone_retour,
                self.zone_indices,
                self.zone_solution,
            ]
        )
        self.add_class("atelier-exercice")
        _EXERCICES.add(self)
        if self._classe is not None and str(self._classe.dossier) in _SESSION:
            self._identifie(_SESSION[str(self._classe.dossier)])
        else:
            self._nouvelle_variante()

    # ------------------------------------------------------------------ state
    @property
    def etudiant(self) -> str:
        """The student working: the locked identity, else the name field (or the default)."""
        if self._identite is not None:
            return self._identite
        return identifiant_etudiant(self.champ_nom.value)

    @property
    def _invitation(self) -> str:
        return INVITATION if self._classe is not None else INVITATION_NOM

    @property
    def identifie(self) -> bool:
        """False while a class list waits for this student's name and code, or while a
        student alone has typed no (valid) name yet."""
        if self._classe is not None:
            return self._identite is not None
        if self._nom_libre:
            try:
                return bool(verifier_nom(self.champ_nom.value, "etudiant"))
            except ErreurAtelier:
                return False
        return True

    # ------------------------------------------------------------------ identity
    def _verrouiller(self, identite: str) -> None:
        self._identite = identite
        self.champ_nom.value = identite
        self.champ_nom.disabled = True
        self.boite_connexion.layout.display = "none"

    def _liste_apparue(self) -> bool:
        """Switch to the class-list mode if the teacher imported a list since this widget was
        built (a pre-heated Voilà kernel renders the page before the import): no variant then
        until the student's code is checked."""
        if not self._nom_libre or self._classe is not None:
            return False
        self._classe = charger_classe()
        if self._classe is None:
            return False
        self.boite_connexion.layout.display = None
        dossier = str(self._classe.dossier)
        if dossier in _SESSION:
            self._identifie(_SESSION[dossier])
        else:
            self._nouvelle_variante()
        return True

    def _nom_change(self) -> None:
        if self._liste_apparue():
            return
        if self._identite is not None:
            if self.champ_nom.value != self._identite:  # sent by the page: undone
                self.champ_nom.value = self._identite
            return
        if self._classe is None:
            if self._nom_libre:  # typed once: every free exercise of the kernel follows
                self._nom_libre_change()
            self._nouvelle_variante()

    def _nom_libre_change(self) -> None:
        nom = self.champ_nom.value
        try:
            nom = verifier_nom(nom, "etudiant")
        except ErreurAtelier as err:
            self.erreur_identite = err.message
            self.zone_identite.value = _bloc(err.message, ROUGE)
            return
        self.erreur_identite, self.zone_identite.value = "", ""
        if not nom:
            return
        memoriser_identite(nom)  # the following notebooks (same data folder) use it too
        ancien, self._nom_precedent = self._nom_precedent, nom
        for autre in list(_EXERCICES):  # those still showing no name or the previous one
            if autre is not self and autre._nom_libre and autre._classe is None:
                if autre.champ_nom.value in ("", ancien) and autre.champ_nom.value != nom:
                    autre.champ_nom.value = nom

    def se_connecter(self, nom: str | None = None, code: str | None = None) -> bool:
        """Identify with the class list (fields, or ``nom``/``code`` given from Python).

        True when identified (identity locked, variant shown); False with the French reason in
        ``.erreur_identite`` (and on the page) otherwise, no variant shown.
        """
        self._liste_apparue()
        if self._classe is None or self._identite is not None:
            return self.identifie
        if nom is not None:
            self.champ_nom.value = nom
        if code is not None:
            self.champ_code.value = code
        self.zone_identite.value = ""  # a second refusal is shown again (a new update)
        try:
            identifier_eleve(self._classe, self.champ_nom.value, self.champ_code.value)
        except ErreurAtelier as err:
            self.champ_code.value = ""
            self.erreur_identite = err.message
            self.zone_identite.value = _bloc(err.message, ROUGE)
            return False
        self.erreur_identite = ""
        return True

    def _identifie(self, eleve: Eleve) -> None:
        if self._identite is not None:
            return
        assert self._classe is not None
        avertissement = ""
        if self._progression_donnee is None:
            self.progression, avertissement = self._classe.ouvrir_progression(eleve.identifiant)
        self.champ_code.value = ""
        self._verrouiller(eleve.identifiant)
        groupe = f" — {eleve.groupe}" if eleve.groupe else ""
        self.zone_identite.value = _bloc(f"Connecté : {eleve.prenom} {eleve.nom}{groupe}", VERT)
        if avertissement:
            self.zone_identite.value += _bloc(avertissement, ROUGE)
        self._nouvelle_variante()

    @property
    def code(self) -> str:
        return self.definition.code

    def _nouvelle_variante(self) -> None:
        self.verdict, self.retour, self._indices_vus = None, "", 0
        self.zone_retour.value = self.zone_indices.value = ""
        if not self.identifie:  # a class list: nothing of any variant before the code
            self.variante = None
            self.champs, self.marques = {}, {}
            self.enonce.value = _bloc(self._invitation, GRIS)
            self.zone_champs.children = ()
            self.zone_solution.value = ""
            self.bouton_verifier.disabled = self.bouton_indice.disabled = True
            return
        self.bouton_verifier.disabled = self.bouton_indice.disabled = False
        self.variante = self.definition.variante(self.etudiant, self.graine)
        self.enonce.value = markdown_en_html(self.variante.enonce)
        self.champs: dict[str, w.Text | w.Textarea] = {}
        self.marques: dict[str, w.HTML] = {}
        lignes = []
        for champ in self.variante.controle.champs():
            libelle = champ.libelle + (f" ({champ.unite})" if champ.unite else "")
            if champ.genre == "sql":
                saisie = w.Textarea(  # labelled (RGAA 11.1), the label above the box
                    description=libelle,
                    placeholder="SELECT …",
                    style={"description_width": "initial"},
                    layout=w.Layout(
                        width="100%", height="140px", flex_flow="column", align_items="stretch"
                    ),
                )
            else:
                saisie = w.Text(
                    description=libelle,
                    placeholder=champ.exemple or "ex. 1 234,56",
                    style={"description_width": "220px"},
                    layout=w.Layout(width="420px"),
                )
            saisie.add_class("atelier-reponse")
            saisie.add_class(f"atelier-reponse-{champ.nom}")
            marque = w.HTML()
            self.champs[champ.nom] = saisie
            self.marques[champ.nom] = marque
            lignes.append(w.HBox([saisie, marque]))
        self.zone_champs.children = [w.HTML(_STYLE), *lignes]
        self._montrer_solution(self._etat_reussi_ou_epuise())

    # ------------------------------------------------------------------ actions
    def remplir(self, reponse: str | Mapping[str, Any]) -> None:
        """Type an answer from Python: a text for a one-field exercise, else {champ: texte}."""
        if isinstance(reponse, Mapping):
            for nom, valeur in reponse.items():
                self.champs[nom].value = str(valeur)
        else:
            next(iter(self.champs.values())).value = str(reponse)

    @property
    def reponse(self) -> str | dict[str, str]:
        """The current answer: the text of the single field, or {champ: texte}."""
        valeurs = {nom: s.value for nom, s in self.champs.items()}
        return next(iter(valeurs.values())) if len(valeurs) == 1 else valeurs

    def _regles(self) -> ReglesExercice:
        """The rules now (exam or not), decided in the kernel by ``widgets.donnees.devoirs``:
        in an exam no hint button, no solution, no right/wrong; locked after its end."""
        self.regles = regles_du_moment(self.code, commence_sous=self._examen)
        self._examen = self._examen or self.regles.examen
        boutons = (self.bouton_verifier, self.bouton_indice)
        self.barre.children = boutons if self.regles.indices else boutons[:1]
        self.zone_regles.value = _bloc(self.regles.message, GRIS) if self.regles.message else ""
        if not self.regles.indices and self._indices_vus:  # opened before the exam began
            self._indices_vus, self.zone_indices.value = 0, ""
        if not self.regles.solution:
            self.zone_solution.value = ""
        return self.regles

    def verifier(self) -> Verdict:
        """Check the answer, show the French feedback, save the attempt (if readable).

        In an exam the feedback is only "Réponse enregistrée (réponse n° N…)" (the verdict in the
        kernel); after the exam's end nothing is checked nor saved."""
        self._liste_apparue()
        if self.variante is None:
            self.retour = self._invitation
            self.zone_retour.value = _bloc(self._invitation, GRIS)
            return Verdict(False, Decimal(0), self._invitation, lisible=False)
        regles = self._regles()
        if regles.verrouille:
            self.verdict, self.retour = None, regles.message
            self.zone_retour.value = _bloc(regles.message, GRIS)
            return Verdict(False, Decimal(0), regles.message, lisible=False)
        reponse = self.reponse
        try:
            verdict = self.variante.controle.verifier(reponse)
        except ErreurAtelier as err:  # e.g. the reference base is missing: say so, count nothing
            verdict = Verdict(False, Decimal(0), str(err), lisible=False)
        self.verdict, self.retour = verdict, verdict.message
        couleur = VERT if verdict.correct else (GRIS if not verdict.lisible else ROUGE)
        if not regles.retour_detaille:
            self._reponses_examen += verdict.lisible
            self.retour = (
                retour_examen(self._reponses_examen) if verdict.lisible else verdict.message
            )
            couleur = GRIS
        self.zone_retour.value = _bloc(self.retour, couleur)
        if regles.retour_detaille:
            self._marquer_cellules(verdict)
        if verdict.lisible:
            self._enregistrer(reponse, verdict)
            _actualiser_panneaux(self.definition.unite)
        self._montrer_solution(verdict.correct or self._etat_reussi_ou_epuise())
        return verdict

    def _enregistrer(self, reponse: Any, verdict: Verdict) -> None:
        """Save the attempt; a progress file of the class found damaged is put aside for the
        teacher and a new one started (French message), so this attempt and the next are kept."""
        arguments = (
            self.etudiant,
            self.definition.unite,
            self.code,
            reponse,
            verdict.correct,
            float(verdict.score),
            verdict.message,
        )
        options = {"graine": self.graine, "piege": verdict.piege}
        try:
            self.progression.enregistrer_tentative(*arguments, **options)
        except sqlite3.DatabaseError:
            if self._classe is None or self._identite is None or self._progression_donnee:
                raise
            self._classe.mettre_de_cote(self.progression.chemin.name)
            self.progression, _ = self._classe.ouvrir_progression(self._identite)
            self.progression.enregistrer_tentative(*arguments, **options)
            self.zone_identite.value = _bloc(MESSAGE_FICHIER_ENDOMMAGE, ROUGE)

    def indice(self) -> str:
        """Reveal the next hint (all of them shown so far stay visible)."""
        self._liste_apparue()
        if self.variante is None:
            return self._invitation
        if not self._regles().indices:
            texte = "Pas d'indice pendant un examen."
            self.zone_indices.value = _bloc(texte, GRIS)
            return texte
        indices = self.variante.indices
        if not indices:
            texte = "Pas d'indice pour cet exercice : relisez l'énoncé et le cours."
        else:
            self._indices_vus = min(self._indices_vus + 1, len(indices))
            texte = indices[self._indices_vus - 1]
            self.progression.enregistrer_indice(
                self.etudiant, self.definition.unite, self.code, self._indices_vus
            )
        vus = indices[: self._indices_vus] if indices else (texte,)
        self.zone_indices.value = "".join(
            f'<div style="background:#fff8e1;padding:4px 8px;margin:3px 0"><b>Indice {i} :</b> '
            f"{markdown_en_ligne(t)}</div>"
            for i, t in enumerate(vus, 1)
        )
        return texte

    @property
    def solution_visible(self) -> bool:
        return bool(self.zone_solution.value)

    def _etat_reussi_ou_epuise(self) -> bool:
        etat = self.progression.etat(self.etudiant, self.definition.unite).get(self.code)
        if etat is None:
            return False
        return etat.reussi or etat.tentatives >= self.definition.essais_avant_solution

    def _montrer_solution(self, visible: bool) -> None:
        if not visible or not self._regles().solution:
            self.zone_solution.value = ""
            return
        v = self.variante
        self.zone_solution.value = (
            '<details open style="border-left:3px solid #1b6e20;padding-left:8px">'
            "<summary><b>Solution rédigée</b></summary>"
            f"{markdown_en_html(v.solution)}"
            f"{markdown_en_html(v.controle.reponse_attendue())}</details>"
        )

    def _marquer_cellules(self, verdict: Verdict) -> None:
        for marque in self.marques.values():
            marque.value = ""
        symboles = {"juste": ("✓", VERT), "report": ("✓ (report)", VERT), "faux": ("✗", ROUGE)}
        for detail in verdict.details:
            nom = getattr(detail, "nom", None)
            if nom in self.marques and detail.statut in symboles:
                s, couleur = symboles[detail.statut]
                self.marques[nom].value = f'<span style="color:{couleur}">{s}</span>'


def exercice(code: str, etudiant: str | None = None, graine: int = 0, **options: Any) -> Exercice:
    """One-line embedding: ``exercice("relation_client/net-a-payer-1")``."""
    return Exercice(code, etudiant, graine, **options)


class PanneauProgression(w.VBox):
    """The student's progress in one unit: attempts, best score, success, hints used.

    Refreshed automatically after each attempt made in the same kernel; ``.actualiser()`` by
    hand; ``.lignes()`` gives the same figures as plain data (for tests and printed output).
    """

    def __init__(
        self, unite: str, etudiant: str | None = None, *, progression: Progression | None = None
    ) -> None:
        self.unite = unite
        self._etudiant = etudiant
        self._progression_donnee = progression
        self.progression = progression if progression is not None else Progression()
        self.tableau = w.HTML()
        super().__init__([self.tableau])
        self.add_class("atelier-progression")
        _PANNEAUX.add(self)
        self.actualiser()

    @property
    def etudiant(self) -> str:
        """The name given, else the student identified in this kernel (class list: their
        file in the class folder), else the hub user or the name typed once."""
        if self._etudiant is None:
            hub = utilisateur_hub()
            if hub is not None:
                return hub
            classe = charger_classe()
            eleve = _SESSION.get(str(classe.dossier)) if classe is not None else None
            if eleve is not None:
                if self._progression_donnee is None:
                    self.progression = classe.progression(eleve.identifiant)
                return eleve.identifiant
        return identifiant_etudiant(self._etudiant)

    def lignes(self) -> list[tuple[str, str, int, int, bool, int]]:
        """(code, titre, tentatives, meilleur score en %, réussi, indices) per exercise.

        During an exam on an exercise, its score and success are not told (0, False)."""
        etats = self.progression.etat(self.etudiant, self.unite)
        sortie = []
        for ex in exercices_de_l_unite(self.unite):
            e = etats.get(ex.code)
            if e is not None and not regles_du_moment(ex.code).retour_detaille:
                e = replace(e, meilleur_score=0.0, reussi=False)
            sortie.append(
                (
                    ex.code,
                    ex.titre,
                    e.tentatives if e else 0,
                    round(100 * e.meilleur_score) if e else 0,
                    bool(e and e.reussi),
                    e.indices if e else 0,
                )
            )
        return sortie

    def texte(self) -> str:
        """A plain French summary, one line per exercise, then the total."""
        lignes = self.lignes()
        sortie = [
            f"{'✓' if ok else '·'} {titre} : {n} tentative{'s' if n > 1 else ''}, "
            f"meilleur score {score} %"
            for _, titre, n, score, ok, _ in lignes
        ]
        reussis = sum(ok for *_, ok, _ in lignes)
        sortie.append(f"{reussis} exercice{'s' if reussis > 1 else ''} réussi sur {len(lignes)}.")
        return "\n".join(sortie)

    def actualiser(self) -> None:
        lignes = self.lignes()
        reussis = sum(ok for *_, ok, _ in lignes)
        corps = "".join(
            f"<tr><td>{'✅' if ok else '⬜'}</td><td>{html.escape(titre)}</td>"
            f'<td style="text-align:right">{n}</td><td style="text-align:right">{score} %</td>'
            f'<td style="text-align:right">{ind}</td></tr>'
            for _, titre, n, score, ok, ind in lignes
        )
        self.tableau.value = (
            f"<b>Ma progression — {html.escape(self.unite)} ({html.escape(self.etudiant)}) : "
            f"{reussis} / {len(lignes)} réussi{'s' if reussis > 1 else ''}</b>"
            '<table style="border-collapse:collapse;margin-top:4px">'
            "<thead><tr><th></th><th style='text-align:left'>Exercice</th><th>Tentatives</th>"
            f"<th>Meilleur score</th><th>Indices</th></tr></thead><tbody>{corps}</tbody></table>"
        )


def _actualiser_panneaux(unite: str) -> None:
    for panneau in list(_PANNEAUX):
        if panneau.unite == unite:
            panneau.actualiser()
