"""The identification strip of the pages where a student keeps work without an exercise (sales
plan, prospecting tour) on a class server: name, code, « Me connecter ».

Shown only when a class list exists on a class server and nobody is identified in this kernel
(JupyterHub users and a student alone at home never see it). The check is the exercises' one
(:func:`widgets.ui.exercice.identifier_eleve`: same codes, same pause after repeated refusals);
once identified, the page's plans switch to the student's own (``widgets.ui.session``).

Drivable from Python: ``BandeauIdentification().se_connecter("Martin Léa", "K7P2QX") -> bool``,
``.erreur`` (the French reason of a refusal). CSS classes ``atelier-bandeau-identite``,
``atelier-nom``, ``atelier-code``, ``atelier-connexion``, ``atelier-identite``.
"""

from __future__ import annotations

import html

import ipywidgets as w
import traitlets

from widgets.donnees.classe import charger_classe, utilisateur_hub
from widgets.erreurs import ErreurAtelier
from widgets.ui.exercice import identifier_eleve
from widgets.ui.session import eleve_retenu

INVITATION_PLANS = (
    "Identifiez-vous (nom, prénom et code donné par votre enseignant) pour retrouver votre "
    "travail à la prochaine séance : tant que vous ne l'êtes pas, il n'est gardé que dans cette "
    "page."
)

__all__ = ["BandeauIdentification", "bandeau_si_classe"]


def _bloc(texte: str, couleur: str) -> str:
    return f'<div style="color:{couleur};margin:4px 0">{html.escape(texte)}</div>'


class BandeauIdentification(w.VBox):
    """Nom + code + « Me connecter », for a class server's pages without exercises."""

    erreur = traitlets.Unicode("", help="French reason of the last refusal ('' if none).")

    def __init__(self) -> None:
        super().__init__()
        self._classe = charger_classe()
        self.invitation = w.HTML(_bloc(INVITATION_PLANS, "#555"))
        self.champ_nom = w.Text(description="Nom et prénom", style={"description_width": "110px"})
        self.champ_nom.add_class("atelier-nom")
        self.champ_code = w.Password(description="Code", style={"description_width": "50px"})
        self.champ_code.add_class("atelier-code")
        self.bouton = w.Button(description="Me connecter", button_style="primary")
        self.bouton.add_class("atelier-connexion")
        self.bouton.on_click(lambda _: self.se_connecter())
        self.zone = w.HTML()
        self.zone.add_class("atelier-identite")
        self.children = [
            self.invitation,
            w.HBox([self.champ_nom, self.champ_code, self.bouton], layout={"flex_flow": "wrap"}),
            self.zone,
        ]
        self.add_class("atelier-bandeau-identite")

    def se_connecter(self, nom: str | None = None, code: str | None = None) -> bool:
        """Identify with the class list; True when identified (the strip then says who)."""
        if self._classe is None:
            return False
        if nom is not None:
            self.champ_nom.value = nom
        if code is not None:
            self.champ_code.value = code
        self.zone.value = ""
        try:
            eleve = identifier_eleve(self._classe, self.champ_nom.value, self.champ_code.value)
        except ErreurAtelier as err:
            self.champ_code.value = ""
            self.erreur = err.message
            self.zone.value = _bloc(err.message, "#b00020")
            return False
        self.erreur = ""
        self.champ_code.value = ""
        groupe = f" — {eleve.groupe}" if eleve.groupe else ""
        self.invitation.value = ""
        self.children = [w.HTML(_bloc(f"Connecté : {eleve.prenom} {eleve.nom}{groupe}", "#1b6e20"))]
        return True


def bandeau_si_classe() -> list[w.Widget]:
    """``[BandeauIdentification()]`` on a class server with a class list where this kernel's
    student is not identified yet; ``[]`` otherwise (hub user, student alone, no list)."""
    if utilisateur_hub() is not None:
        return []
    classe = charger_classe()
    if classe is None:
        return []
    if eleve_retenu(classe.dossier) is not None:
        return []
    return [BandeauIdentification()]
