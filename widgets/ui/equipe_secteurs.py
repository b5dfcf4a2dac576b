"""Widget « Sectorisation » (S631) : découper les communes des clients entre N commerciaux.

L'étudiant choisit le secteur commercial (ou toute la France), le nombre de commerciaux et le
poids de la charge de travail face au CA ; il voit chaque secteur sur la carte de la tournée
(hors connexion), son CA, ses clients, ses visites, ses jours de visite et ses km ; il déplace
une commune et lit l'équilibre qui change ; il écrit l'affectation dans SON bac à sable.

Pilotable depuis Python::

    s = CarteSecteurs(base="clients.db")
    s.champs["secteurs"].value = "6"
    s.calculer()
    s.deplacer("75056", 2)        # Paris dans le secteur 2
    s.resultat.ecart_ca, s.erreur
    s.affecter()                  # clients réaffectés dans le bac à sable
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.calculs import (
    coordonnees,
    format_euros,
    format_nombre,
    format_pourcent,
    nombre,
    quantite,
)
from widgets.calculs.sectorisation import (
    CommuneASecteur,
    Sectorisation,
    deplacer_commune,
    parametres,
    sectoriser,
)
from widgets.calculs.tournee import projection_equirectangulaire
from widgets.donnees import equipe as donnees_equipe
from widgets.donnees.base import requete_lecture_seule
from widgets.erreurs import ErreurAtelier
from widgets.ui.cartes import COULEURS, carte_png, nouvelle_carte
from widgets.ui.champs import Calculatrice, ChampSaisie, ChampTaux, cote_a_cote

PALETTE = COULEURS + ("#2e86c1", "#d35400", "#7f8c8d", "#16a085", "#8e44ad")


def figure_secteurs(s: Sectorisation, largeur: float = 7.0, hauteur: float = 5.5) -> bytes:
    """La carte des secteurs en PNG : un point par commune (taille selon le nombre de clients,
    couleur du secteur), la base en carré noir, le numéro du secteur au centre de ses communes."""
    fig, ax = nouvelle_carte(largeur, hauteur)
    communes = list(s.communes)
    xy = projection_equirectangulaire(
        [s.parametres.base] + [(c.latitude, c.longitude) for c in communes]
    )
    position = dict(zip((c.code for c in communes), xy[1:], strict=True))
    for secteur in s.secteurs:
        couleur = PALETTE[(secteur.numero - 1) % len(PALETTE)]
        tailles = [8 + 4 * c.clients for c in communes if s.affectation[c.code] == secteur.numero]
        points = [position[c.code] for c in communes if s.affectation[c.code] == secteur.numero]
        ax.scatter(
            [p[0] for p in points],
            [p[1] for p in points],
            s=tailles,
            color=couleur,
            alpha=0.75,
            label=f"Secteur {secteur.numero}",
            zorder=2,
        )
        if points:
            cx = sum(p[0] for p in points) / len(points)
            cy = sum(p[1] for p in points) / len(points)
            ax.annotate(
                str(secteur.numero), (cx, cy), fontsize=11, weight="bold", color=couleur, zorder=4
            )
    ax.scatter([xy[0][0]], [xy[0][1]], marker="s", s=70, color="black", zorder=3, label="Base")
    return carte_png(fig, ax, "Secteurs (balayage à la boussole autour de la base)")


class CarteSecteurs(Calculatrice):
    """Sectorisation équilibrée, carte, déplacement d'une commune, affectation au bac à sable."""

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        id_secteur: int | None = 1,
        nombre_secteurs: str = "8",
        depart: str = "48,8566 ; 2,3522",
        etudiant: str | None = None,
        carte: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.base = base
        self.etudiant = etudiant
        self.carte = carte
        self._communes: dict[int | None, list[CommuneASecteur]] = {}
        self._deplacements: dict[str, int] = {}
        self.message = ""
        noms = requete_lecture_seule(base, "SELECT id_secteur, nom FROM secteurs ORDER BY 1")
        self.secteur_commercial = w.Dropdown(
            options=[("Toute la France", None)] + [(str(n), i) for i, n in noms],
            value=id_secteur,
            description="Clients de",
            style={"description_width": "110px"},
            layout=w.Layout(width="340px"),
        )
        largeur = {"largeur": "340px", "largeur_libelle": "190px"}
        self.champs: dict[str, ChampSaisie] = {
            "secteurs": ChampSaisie(
                "secteurs",
                "Commerciaux",
                nombre_secteurs,
                analyseur=lambda t, champ: quantite(t, champ=champ, minimum=1),
                aide="Nombre de secteurs à découper (un par commercial).",
                **largeur,
            ),
            "poids": ChampTaux(
                "poids",
                "Poids de la charge",
                "50",
                aide="0 % : n'équilibrer que le CA ; 100 % : que la charge de travail (visites).",
                **largeur,
            ),
            "duree": ChampSaisie(
                "duree", "Durée d'une visite (min)", "45", analyseur=_nombre, **largeur
            ),
            "par_jour": ChampSaisie(
                "par_jour", "Visites par jour", "4", analyseur=_nombre, **largeur
            ),
            "depart": ChampSaisie(
                "depart",
                "Base (lat ; lon)",
                depart,
                analyseur=coordonnees,
                aide="Coordonnées de l'entreprise, point de départ des tournées.",
                **largeur,
            ),
        }
        self.commune = w.Dropdown(description="Commune", layout=w.Layout(width="360px"))
        self.vers = w.Dropdown(
            description="vers le secteur",
            style={"description_width": "110px"},
            layout=w.Layout(width="200px"),
        )
        self.bouton_deplacer = w.Button(description="Déplacer", icon="arrows-alt")
        self.bouton_deplacer.on_click(lambda _: self.deplacer(self.commune.value, self.vers.value))
        self.bouton_affecter = w.Button(
            description="Affecter dans mon bac à sable", layout=w.Layout(width="260px")
        )
        self.bouton_affecter.on_click(lambda _: self.affecter())
        self.zone_action = w.HTML()
        self.image = w.Image(
            format="png",
            layout=w.Layout(width="100%", max_width="640px"),
        )
        self._brancher(self.champs.values())
        self.secteur_commercial.observe(lambda _: self._nouveau_decoupage(), names="value")
        gauche = w.VBox(
            [self.secteur_commercial, *self.champs.values(), self.zone_erreur],
            layout=w.Layout(width="370px"),
        )
        self.children = [
            cote_a_cote(gauche, w.VBox([self.image])),
            w.HBox([self.commune, self.vers, self.bouton_deplacer]),
            w.HBox([self.bouton_affecter, self.zone_action]),
            self.zone_resultat,
        ]
        self.add_class("atelier-secteurs")
        self.calculer()

    def _nouveau_decoupage(self) -> None:
        self._deplacements.clear()
        self.calculer()

    def communes(self) -> list[CommuneASecteur]:
        """Les communes du secteur commercial choisi (lues une fois dans la base)."""
        cle = self.secteur_commercial.value
        if cle not in self._communes:
            self._communes[cle] = donnees_equipe.communes_a_secteur(self.base, id_secteur=cle)
        return self._communes[cle]

    def _calculer(self) -> Sectorisation:
        n, poids, duree, par_jour, depart = self._lire_tout(self.champs.values())
        p = parametres(
            depart, poids_charge=poids, duree_visite_min=duree, visites_par_jour=par_jour
        )
        s = sectoriser(self.communes(), n, p)
        for code, numero in self._deplacements.items():
            if numero <= len(s.secteurs) and code in s.affectation:
                s = deplacer_commune(s, code, numero)
        return s

    def calculer(self) -> Sectorisation | None:
        r = super().calculer()
        if r is not None:
            self._options(r)
            if self.carte:
                self.image.value = figure_secteurs(r)
        return r

    def _options(self, s: Sectorisation) -> None:
        noms = sorted(((c.nom, c.code) for c in s.communes), key=lambda x: x)
        choix = [(f"{nom} ({s.affectation[code]})", code) for nom, code in noms]
        choisie = self.commune.value
        if list(self.commune.options) != choix:
            self.commune.options = choix
        codes = [c for _, c in choix]
        self.commune.value = choisie if choisie in codes else codes[0]
        numeros = [x.numero for x in s.secteurs]
        vers = self.vers.value
        if list(self.vers.options) != numeros:
            self.vers.options = numeros
        self.vers.value = vers if vers in numeros else numeros[-1]

    def deplacer(self, code: str | None, numero: int | None) -> Sectorisation | None:
        """Passe la commune ``code`` dans le secteur ``numero`` et recalcule l'équilibre."""
        if code is None or numero is None:
            return self.resultat
        if self.resultat is None or code not in self.resultat.affectation:
            self._montrer_action(f"la commune {code} n'est pas dans ce découpage.", erreur=True)
            return self.resultat
        self._deplacements[code] = int(numero)
        return self.calculer()

    def _montrer_action(self, message: str, *, erreur: bool = False) -> None:
        self.message = message
        couleur = ' style="color:#b00020"' if erreur else ""
        self.zone_action.value = f"<span{couleur}>{html.escape(message)}</span>"

    def affecter(self) -> int | None:
        """Écrit l'affectation dans le bac à sable : secteur k → k-ième commercial du secteur
        commercial choisi (ordre des identifiants). Renvoie le nombre de clients réaffectés."""
        s = self.resultat
        if s is None:
            return None
        filtre = self.secteur_commercial.value
        sql = "SELECT id_commercial, prenom || ' ' || nom FROM commerciaux"
        sql += "" if filtre is None else " WHERE id_secteur = ?"
        sql += " ORDER BY id_commercial"
        equipe = requete_lecture_seule(self.base, sql, () if filtre is None else (filtre,))
        try:
            if len(equipe) < len(s.secteurs):
                raise ErreurAtelier(
                    f"{len(s.secteurs)} secteurs pour {len(equipe)} commerciaux dans la base : "
                    "réduisez le nombre de secteurs.",
                    champ="Commerciaux",
                )
            choisis = [int(r[0]) for r in equipe[: len(s.secteurs)]]
            n = donnees_equipe.affecter_secteurs(
                s, choisis, etudiant=self.etudiant, reference=self.base, id_secteur=filtre
            )
        except ErreurAtelier as err:
            self._montrer_action(str(err), erreur=True)
            return None
        noms = ", ".join(f"{k} → {r[1]}" for k, r in enumerate(equipe[: len(s.secteurs)], 1))
        client = "client réaffecté" if n == 1 else "clients réaffectés"
        self._montrer_action(f"{format_nombre(n)} {client} dans votre bac à sable ({noms}).")
        return n

    def _afficher(self, s: Sectorisation) -> str:
        entete = (
            "<tr><th>Secteur</th><th>Communes</th><th>Clients</th><th>Visites/an</th>"
            "<th>CA HT</th><th>Part du CA</th><th>Charge (h)</th><th>Part de la charge</th>"
            "<th>Jours de visite</th><th>km/an</th></tr>"
        )
        lignes = "".join(
            f"<tr><td>{x.numero}</td><td>{len(x.codes)}</td><td>{format_nombre(x.clients)}</td>"
            f"<td>{format_nombre(x.visites)}</td><td>{format_euros(x.ca)}</td>"
            f"<td>{format_pourcent(x.part_ca)}</td><td>{format_nombre(x.charge_heures, 2)}</td>"
            f"<td>{format_pourcent(x.part_charge)}</td><td>{format_nombre(x.jours_visite)}</td>"
            f"<td>{format_nombre(x.km)}</td></tr>"
            for x in s.secteurs
        )
        equilibre = (
            f"<p>Plus grand écart à la moyenne : <b>{format_pourcent(s.ecart_ca)}</b> pour le CA, "
            f"<b>{format_pourcent(s.ecart_charge)}</b> pour la charge de travail.</p>"
        )
        return (
            f'<table class="atelier-secteurs-tableau" cellpadding="4"'
            ' style="border-collapse:collapse">'
            f"{entete}{lignes}</table>{equilibre}"
        )


def _nombre(texte: str, champ: str):
    return nombre(texte, champ=champ, positif=True)
