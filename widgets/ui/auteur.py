"""The authoring widget: edit a teacher's exercise file and see it live (issue 25).

A thin layer over :mod:`widgets.exercices.auteur`: the TOML text in a text area; at each change
(or :meth:`EditeurExercice.actualiser`) the file is read by the safe reader; its French error
(with the line) is shown, else three students' statements, and for the first student the
verdicts of a right answer, a wrong one and each trap, as a student would get them. An answer
can also be tried by hand (:meth:`EditeurExercice.essayer`). Nothing is saved unless
:meth:`EditeurExercice.enregistrer` is called (never over an existing file without saying so).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.erreurs import ErreurAtelier
from widgets.exercices.auteur.fichier import ControleChoix, ExerciceAuteur, lire_texte
from widgets.exercices.auteur.verification import MODELE
from widgets.exercices.controles import ControleNombre, ControleTableau, formater
from widgets.exercices.markdown import markdown_en_html
from widgets.ui.champs import ResultatObservable

ETUDIANTS = ("Léa Martin", "Tom Durand", "Inès Benali")
ROUGE, VERT, GRIS = "#b00020", "#1b5e20", "#444"


def _bloc(html: str, couleur: str) -> str:
    return f"<div style='color:{couleur};white-space:pre-wrap'>{html}</div>"


def _echap(texte: str) -> str:
    import html

    return html.escape(str(texte))


def essais_types(ex: ExerciceAuteur, etudiant: str) -> list[tuple[str, Any]]:
    """(label, answer) of a right, a wrong and each trap answer for one student."""
    c = ex.exercice().variante(etudiant).controle
    if isinstance(c, ControleChoix):
        essais = [("Bonne option", "ABCDEFGH"[c.bonne])]
        for i, code in enumerate(c.codes):
            if i != c.bonne:
                essais.append((f"Option fausse ({code})", "ABCDEFGH"[i]))
        return essais
    if isinstance(c, ControleNombre):
        essais = [
            ("Bonne réponse", formater(c.attendu, c.unite, c.decimales)),
            ("Réponse fausse", formater(c.attendu + 7 + c.tolerance * 10, c.unite, c.decimales)),
        ]
        essais += [(f"Piège « {p.code} »", formater(p.valeur, c.unite)) for p in c.pieges]
        return essais
    if isinstance(c, ControleTableau):
        justes = {x.nom: formater(x.attendu, x.unite, x.decimales) for x in c.cellules}
        faux = dict(justes)
        premier = c.cellules[0]
        faux[premier.nom] = formater(premier.attendu + 7, premier.unite)
        essais = [("Bonnes réponses", justes), ("Première case fausse", faux)]
        for x in c.cellules:
            for p in x.pieges:
                essais.append(
                    (f"Piège « {p.code} »", {**justes, x.nom: formater(p.valeur, x.unite)})
                )
        return essais
    return [("Requête de référence", c.sql_reference), ("Requête fausse", "SELECT 1")]


class EditeurExercice(w.VBox, ResultatObservable):
    """Edit an exercise's TOML text; three variants and the verdicts, live.

    ``resultat`` is the read :class:`ExerciceAuteur` (None while the text is refused),
    ``erreur`` the French refusal (with the line)."""

    def __init__(self, texte: str | None = None, etudiants: tuple[str, ...] = ETUDIANTS):
        self.etudiants = tuple(etudiants)
        self.zone_texte = w.Textarea(
            value=MODELE if texte is None else texte,
            description="Fichier de l'exercice (TOML)",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", height="360px", flex_flow="column"),
        )
        self.zone_erreur = w.HTML()
        self.onglets = w.Tab()
        self.zone_essais = w.HTML()
        self.champ_essai = w.Text(
            description="Essayer une réponse",
            placeholder="ex. 1 234,56 ou B",
            style={"description_width": "initial"},
        )
        self.choix_etudiant = w.Dropdown(
            options=self.etudiants, description="Étudiant", style={"description_width": "initial"}
        )
        self.bouton_essai = w.Button(description="Corriger")
        self.retour_essai = w.HTML()
        self.bouton_essai.on_click(lambda _b: self.essayer(self.champ_essai.value))
        super().__init__(
            [
                self.zone_texte,
                self.zone_erreur,
                self.onglets,
                self.zone_essais,
                w.HBox([self.champ_essai, self.choix_etudiant, self.bouton_essai]),
                self.retour_essai,
            ]
        )
        self.add_class("atelier-resultat")
        self.zone_texte.observe(lambda _c: self.actualiser(), names="value")
        self.actualiser()

    @property
    def texte(self) -> str:
        return self.zone_texte.value

    @texte.setter
    def texte(self, valeur: str) -> None:
        self.zone_texte.value = valeur  # actualiser() runs through the observer

    def actualiser(self) -> ExerciceAuteur | None:
        """Read the text; show its error, or the variants and the typical verdicts."""
        try:
            ex = lire_texte(self.texte)
            variantes = [ex.exercice().variante(e) for e in self.etudiants]
            essais = essais_types(ex, self.etudiants[0])
        except ErreurAtelier as err:
            self.erreur = str(err)
            self.zone_erreur.value = _bloc(_echap(err), ROUGE)
            return None
        self.erreur = ""
        self.zone_erreur.value = _bloc(
            f"Exercice lu : « {_echap(ex.titre)} » ({_echap(ex.code_complet)}).", VERT
        )
        self.onglets.children = [
            w.HTML(markdown_en_html(v.enonce) + "<hr>" + markdown_en_html(v.solution))
            for v in variantes
        ]
        for i, e in enumerate(self.etudiants):
            self.onglets.set_title(i, e)
        lignes = []
        for libelle, reponse in essais:
            verdict = variantes[0].controle.verifier(reponse)
            montre = reponse if isinstance(reponse, str) else " ; ".join(reponse.values())
            lignes.append(
                f"<li><b>{_echap(libelle)}</b> « {_echap(montre)} » → {_echap(verdict.message)}"
                "</li>"
            )
        self.zone_essais.value = (
            f"<p>Réponses types pour {_echap(self.etudiants[0])} :</p><ul>{''.join(lignes)}</ul>"
        )
        self.resultat = ex
        return ex

    def essayer(self, reponse: Any, etudiant: str | None = None):
        """The verdict a student would get for ``reponse`` (shown under the field)."""
        ex = self.actualiser()
        if ex is None:
            return None
        etudiant = etudiant or self.choix_etudiant.value
        verdict = ex.exercice().variante(etudiant).controle.verifier(reponse)
        couleur = VERT if verdict.correct else ROUGE
        self.retour_essai.value = _bloc(_echap(verdict.message), couleur)
        return verdict

    def enregistrer(self, chemin: str | Path, remplacer: bool = False) -> Path:
        """Save the text (a checked exercise only; never over a file unless ``remplacer``)."""
        chemin = Path(chemin)
        if self.actualiser() is None:
            raise ErreurAtelier(f"Fichier non enregistré : {self.erreur}")
        if chemin.suffix != ".toml":
            raise ErreurAtelier(f"« {chemin.name} » : un fichier d'exercice se termine par .toml.")
        if chemin.exists() and not remplacer:
            raise ErreurAtelier(f"Le fichier « {chemin} » existe déjà : choisissez un autre nom.")
        chemin.write_text(self.texte, encoding="utf-8")
        return chemin


__all__ = ["ETUDIANTS", "EditeurExercice", "essais_types"]
