"""The student's sheet of the devoirs in progress: ``FeuilleDevoir()`` in a notebook or a Voilà
app shows, for each devoir of the class folder whose window is open now, its title, window,
barème and every exercise in the devoir's variant (``Exercice(code, graine=devoir.graine)``,
exam rules applied by the exercise widget itself); grid items say what the teacher will mark.

Identity: the same locked identity as every exercise. With a class list (dashboards server)
or behind JupyterHub, the sheet has NO free name field: the first exercise's identification
(name + code of the class list, or the hub user) is the sheet's, the others follow it, and the
attempts go to the student's own progress file in the class folder (the one the cockpit and
the marks read); ``etudiant`` and ``progression`` are then ignored. Without class list nor hub
(a student alone), one free « Étudiant » field for the whole sheet, as before.

Drivable from Python: ``FeuilleDevoir(etudiant="Léa Martin")``, ``.devoirs`` (those shown),
``.exercices`` (the :class:`widgets.ui.exercice.Exercice` widgets), ``.verrouillee`` (class
or hub identity), ``.se_connecter(nom, code)``, ``.actualiser()``.
CSS: ``atelier-devoir`` (the sheet), ``atelier-resultat`` (its heading, always visible).
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from widgets.calculs import accorder
from widgets.calculs.grille import grille_par_code
from widgets.donnees import devoirs as donnees_devoirs
from widgets.donnees.classe import charger_classe, utilisateur_hub
from widgets.donnees.devoirs import LIBELLES_MODES, PARIS, Devoir, lire_devoirs
from widgets.donnees.progression import Progression, identifiant_etudiant
from widgets.erreurs import ErreurAtelier
from widgets.ui.exercice import Exercice

__all__ = ["FeuilleDevoir"]


def _horaire(d: Devoir) -> str:
    if d.fin is None:
        return ""
    return f" — jusqu'au {d.fin.astimezone(PARIS):%d/%m/%Y à %H:%M}"


class FeuilleDevoir(w.VBox):
    """Every devoir in progress (or only ``identifiant``) for one student."""

    def __init__(
        self,
        identifiant: str | None = None,
        etudiant: str | None = None,
        *,
        progression: Progression | None = None,
        dossier: Path | None = None,
    ) -> None:
        self.identifiant = identifiant
        self.dossier = dossier
        self.verrouillee = utilisateur_hub() is not None or charger_classe() is not None
        if self.verrouillee:  # the class's or the hub's identity, never a typed name
            etudiant, progression = None, None
        self._progression = progression
        # locked: each exercise writes to the student's own file in the class folder
        self.progression = (
            progression if progression is not None or self.verrouillee else Progression()
        )
        self.champ_nom = w.Text(
            value=identifiant_etudiant(etudiant),
            description="Étudiant",
            continuous_update=False,
            layout=w.Layout(width="340px"),
        )
        self.champ_nom.observe(lambda _: self._changer_nom(), names="value")
        if self.verrouillee:
            self.champ_nom.layout.display = "none"
        self.entete = w.HTML()
        self.entete.add_class("atelier-resultat")
        self.corps = w.VBox()
        self.devoirs: list[Devoir] = []
        self.exercices: list[Exercice] = []
        super().__init__([self.champ_nom, self.entete, self.corps])
        self.add_class("atelier-devoir")
        self.actualiser()

    def actualiser(self) -> None:
        """Read the class's devoirs again and show those in progress now."""
        try:
            tous = lire_devoirs(self.dossier)
        except ErreurAtelier as err:
            self.devoirs, self.exercices, self.corps.children = [], [], ()
            self.entete.value = f"<p style='color:#b00020'>{html.escape(err.message)}</p>"
            return
        instant = donnees_devoirs.maintenant()
        self.devoirs = [
            d
            for d in tous
            if d.etat(instant) == "en_cours"
            and (self.identifiant is None or d.identifiant == self.identifiant)
        ]
        if not self.devoirs:
            self.exercices, self.corps.children = [], ()
            self.entete.value = (
                "<p><b>Aucun devoir en cours.</b> Quand votre enseignant en ouvre un, "
                "rechargez la page.</p>"
            )
            return
        self.entete.value = (
            "<p>" + accorder(len(self.devoirs), "devoir en cours", "devoirs en cours") + "</p>"
        )
        blocs: list[w.Widget] = []
        self.exercices = []
        for d in self.devoirs:
            consignes = f"<p>{html.escape(d.consignes)}</p>" if d.consignes else ""
            blocs.append(
                w.HTML(
                    f"<h2>{html.escape(d.titre)}</h2><p>{LIBELLES_MODES[d.mode].capitalize()}"
                    f"{_horaire(d)} — noté sur {accorder(d.total, 'pt')}.</p>{consignes}"
                )
            )
            for n, item in enumerate(d.items, 1):
                if item.grille is not None:
                    g = grille_par_code(item.grille)
                    blocs.append(
                        w.HTML(
                            f"<h3>{n}. {html.escape(g.titre)} ({accorder(item.points, 'pt')})</h3>"
                            "<p>Travail noté par votre enseignant avec une grille "
                            f"({', '.join(html.escape(c.nom) for c in g.criteres)}).</p>"
                        )
                    )
                    continue
                if self.verrouillee:  # locked identity, the class's own progress file
                    ex = Exercice(item.code, graine=d.graine, progression=self._progression)
                    if self.exercices:  # one identification for the whole sheet
                        for zone in (ex.champ_nom, ex.boite_connexion, ex.zone_identite):
                            zone.layout.display = "none"
                else:
                    ex = Exercice(
                        item.code,
                        self.champ_nom.value,
                        graine=d.graine,
                        progression=self.progression,
                    )
                    ex.champ_nom.layout.display = "none"  # one name field for the whole sheet
                self.exercices.append(ex)
                blocs.append(w.HTML(f"<h3>{n}. ({accorder(item.points, 'pt')})</h3>"))
                blocs.append(ex)
        self.corps.children = blocs

    def se_connecter(self, nom: str | None = None, code: str | None = None) -> bool:
        """Identify with the class list (the first exercise's fields); every exercise of the
        sheet follows. True when identified."""
        if not self.exercices:
            return False
        return self.exercices[0].se_connecter(nom, code)

    def _changer_nom(self) -> None:
        if self.verrouillee:
            return
        for ex in self.exercices:
            ex.champ_nom.value = self.champ_nom.value
