"""Simulateur de linéaire (savoir S444, marchandisage) : déplacez des faces entre les références
d'un rayon et voyez parts de linéaire, de CA et de marge, indices, marge au mètre et ruptures
changer, avec le planogramme du rayon.

:class:`SimulateurLineaire` is a :class:`~widgets.ui.champs.Calculatrice`; every figure comes
from :func:`widgets.calculs.merchandising.simuler_lineaire` (the rule of the out-of-stocks is
documented there). Drive it from Python::

    s = SimulateurLineaire()                 # the example shelf (or references=[…])
    s.faces["Serviette éponge 50 × 100"].value = "6"
    s.deplacer("Gant de toilette", "Drap de bain 70 × 140", 1)
    s.calculer(); s.resultat.ca; s.erreur

``resultat`` is a :class:`~widgets.calculs.merchandising.SimulationLineaire`, ``initial`` the
shelf as given (the changes are shown against it). The planogram is drawn with matplotlib
(:func:`planogramme`, a :class:`~matplotlib.figure.Figure`, offline) and embedded as a PNG.

CSS classes: fields ``atelier-champ-longueur``, ``-niveaux``, ``-delai``, ``-faces-<n>`` (n from
1, in the order of the shelf), ``-faces-a-deplacer``; ``atelier-simulateur-lineaire``,
``atelier-tableau-lineaire``, ``atelier-planogramme``; result ``atelier-resultat``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import ipywidgets as w
import traitlets
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from widgets.calculs import format_nombre, quantite
from widgets.calculs.merchandising import (
    SimulationLineaire,
    deplacer_faces,
    lineaire_developpe,
    lineaire_par_niveau,
    references_du_releve,
    simuler_lineaire,
)
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import (
    Calculatrice,
    ChampSaisie,
    ZoneErreur,
    cote_a_cote,
    euros_html,
    formulaire,
    pourcent,
)
from widgets.ui.graphiques_portefeuille import figure_html

__all__ = ["REFERENCES_EXEMPLE", "SimulateurLineaire", "planogramme"]

REFERENCES_EXEMPLE: tuple[dict[str, Any], ...] = (
    {"reference": "Serviette éponge 50 × 100", "faces": 4, "largeur": "0.25", "profondeur": 5,
     "demande": 30, "prix": "10", "marge": "3"},
    {"reference": "Gant de toilette", "faces": 4, "largeur": "0.25", "profondeur": 5,
     "demande": 10, "prix": "8", "marge": "2"},
    {"reference": "Drap de bain 70 × 140", "faces": 2, "largeur": "0.50", "profondeur": 3,
     "demande": 5, "prix": "20", "marge": "8"},
)  # fmt: skip
"""A household-linen shelf of 3 m (1,50 m × 2 levels), worked by hand in the tests: the towel
sells 30 a week but its 4 facings hold 20 (out of stock), the glove has too many facings."""

# Eight colours told apart by the colour-blind (Okabe–Ito), with the text colour readable on
# each (white on the dark ones, black on the light ones).
COULEURS = (
    ("#0072B2", "white"),
    ("#E69F00", "black"),
    ("#009E73", "white"),
    ("#CC79A7", "black"),
    ("#56B4E9", "black"),
    ("#D55E00", "white"),
    ("#F0E442", "black"),
    ("#6b6b6b", "white"),
)
COULEUR_RUPTURE = "#b00020"


def _metres(x: float, _pos: object = None) -> str:
    return f"{format_nombre(Decimal(str(round(x, 2))), decimales_maxi=2)} m"


def _troncons(
    simulation: SimulationLineaire, longueur: Decimal, niveaux: int
) -> list[tuple[int, int, Decimal, Decimal, int]]:
    """Where each facing goes: runs ``(index of the reference, level from 0 = top, start,
    end, facings)``, the facings laid in the shelf's order from the top-left, a facing that does
    not fit at the end of a level going to the next one (past the last level: beyond the edge)."""
    troncons: list[tuple[int, int, Decimal, Decimal, int]] = []
    niveau, curseur = 0, Decimal(0)
    for i, ligne in enumerate(simulation.lignes):
        for _ in range(ligne.faces):
            if curseur + ligne.largeur > longueur and curseur > 0 and niveau < niveaux - 1:
                niveau, curseur = niveau + 1, Decimal(0)
            fin = curseur + ligne.largeur
            dernier = troncons[-1] if troncons else None
            if dernier and dernier[0] == i and dernier[1] == niveau and dernier[3] == curseur:
                troncons[-1] = (i, niveau, dernier[2], fin, dernier[4] + 1)
            else:
                troncons.append((i, niveau, curseur, fin, 1))
            curseur = fin
    return troncons


def planogramme(
    simulation: SimulationLineaire, longueur: Any = None, niveaux: int = 1, *, titre: str = ""
) -> Figure:
    """The shelf drawn as a planogram: one band per level (level 1 at the top), each reference a
    coloured block (one thin frame per facing) labelled with its name and facings, a red frame
    and « rupture » on a reference out of stock, the free linear hatched in grey.

    ``longueur``: the length of a level in metres (default: the occupied linear on one level).
    """
    long_niveau = Decimal(str(longueur)) if longueur is not None else simulation.lineaire_occupe
    niveaux = max(1, int(niveaux))
    figure = Figure(figsize=(9, 0.9 + 1.15 * niveaux))
    axe = figure.add_subplot()
    troncons = _troncons(simulation, long_niveau, niveaux)
    for i, niveau, debut, fin, faces in troncons:
        ligne = simulation.lignes[i]
        fond, texte = COULEURS[i % len(COULEURS)]
        y = niveaux - 1 - niveau
        for k in range(faces):
            x = float(debut + k * ligne.largeur)
            axe.add_patch(
                Rectangle((x, y + 0.08), float(ligne.largeur), 0.84, facecolor=fond,
                          edgecolor="white", linewidth=0.8)
            )  # fmt: skip
        if ligne.en_rupture:
            axe.add_patch(
                Rectangle((float(debut), y + 0.05), float(fin - debut), 0.9, fill=False,
                          edgecolor=COULEUR_RUPTURE, linewidth=2.5)
            )  # fmt: skip
        largeur_cm = float(fin - debut) / float(long_niveau) * 9 * 72  # width in points
        nom = ligne.reference if len(ligne.reference) * 5.5 < largeur_cm else f"{i + 1}"
        etiquette = f"{nom}\n{faces} face{'s' if faces > 1 else ''}"
        if ligne.en_rupture:
            etiquette += "\nrupture"
        axe.text(
            float(debut + fin) / 2, y + 0.5, etiquette, ha="center", va="center",
            fontsize=8, color=texte, clip_on=True,
        )  # fmt: skip
    # free linear at the end of each level
    fins = [Decimal(0)] * niveaux
    for _i, niveau, _debut, fin, _faces in troncons:
        fins[niveau] = max(fins[niveau], fin)
    for niveau, fin in enumerate(fins):
        if fin < long_niveau:
            y = niveaux - 1 - niveau
            axe.add_patch(
                Rectangle((float(fin), y + 0.08), float(long_niveau - fin), 0.84,
                          facecolor="#eeeeee", edgecolor="#9e9e9e", hatch="//", linewidth=0.6)
            )  # fmt: skip
            if long_niveau - fin >= long_niveau / 20:  # room for the word
                axe.text(float(fin + long_niveau) / 2, y + 0.5, "libre", ha="center",
                         va="center", fontsize=8, color="#333333")  # fmt: skip
    depasse = max((fin for *_x, fin, _f in troncons), default=Decimal(0))
    if depasse > long_niveau:  # facings that do not fit whole on the levels: past the edge
        axe.axvline(float(long_niveau), color=COULEUR_RUPTURE, linestyle="--", linewidth=1.5)
        axe.text(float(long_niveau), niveaux, " bord du rayon", color=COULEUR_RUPTURE,
                 fontsize=8, va="bottom")  # fmt: skip
    axe.set_xlim(0, float(max(long_niveau, depasse)))
    axe.set_ylim(0, niveaux)
    axe.set_yticks([niveaux - 0.5 - k for k in range(niveaux)])
    axe.set_yticklabels([f"Niveau {k + 1}" for k in range(niveaux)])
    axe.xaxis.set_major_formatter(FuncFormatter(_metres))
    axe.set_xlabel("Longueur du rayon")
    for cote in ("top", "right"):
        axe.spines[cote].set_visible(False)
    axe.set_title(
        titre
        or f"Planogramme : {format_nombre(simulation.lineaire_occupe, 2)} m de faces sur "
        f"{niveaux} niveau{'x' if niveaux > 1 else ''} de {format_nombre(long_niveau, 2)} m"
    )
    # fixed margins (in inches) rather than tight_layout(), which draws the figure once more
    hauteur = 0.9 + 1.15 * niveaux
    figure.subplots_adjust(left=0.1, right=0.98, bottom=0.55 / hauteur, top=1 - 0.35 / hauteur)
    return figure


def _pastille(numero: int) -> str:
    """The reference's number on its planogram colour (the planogram numbers narrow blocks)."""
    fond, texte = COULEURS[(numero - 1) % len(COULEURS)]
    return (
        f'<span style="display:inline-block;min-width:18px;padding:0 2px;margin:6px 4px 0 0;'
        f'background:{fond};color:{texte};font-size:0.8em;text-align:center;border-radius:3px">'
        f"{numero}</span>"
    )


def _n(valeur: Decimal | None, decimales: int = 2) -> str:
    return "—" if valeur is None else html.escape(format_nombre(valeur, decimales))


class SimulateurLineaire(Calculatrice):
    """A shelf of references: change the facings (or move some from one reference to another)
    and read shares, indices, margin per metre and out-of-stocks, with the planogram."""

    references = traitlets.List(
        help="The shelf as given (one mapping per reference: reference, faces, largeur, "
        "profondeur, demande, prix, marge); the facings typed replace its « faces »."
    )

    def __init__(
        self,
        references: Sequence[Mapping[str, Any]] | None = None,
        *,
        longueur: str = "1,50",
        niveaux: str = "2",
        delai_de_reassort: str = "6",
        jours_de_vente: str = "6",
        graphique: bool = True,
        titre: str = "",
    ) -> None:
        super().__init__()
        self.titre = titre
        self.references = [dict(r) for r in (references or REFERENCES_EXEMPLE)]
        self.graphique = graphique
        self.jours_de_vente = jours_de_vente
        self.initial: SimulationLineaire | None = None
        self.longueur = ChampSaisie(
            "longueur", "Longueur au sol", longueur, exemple="m, ex. 1,50",
            aide="Longueur d'un niveau du rayon, en mètres",
        )  # fmt: skip
        self.niveaux = ChampSaisie(
            "niveaux", "Nombre de niveaux", niveaux, exemple="ex. 2",
            aide="Nombre de tablettes (niveaux) du rayon",
        )  # fmt: skip
        self.delai = ChampSaisie(
            "delai", "Délai de réassort", delai_de_reassort, exemple="jours, ex. 6",
            aide="Jours de vente entre deux remplissages du rayon",
        )  # fmt: skip
        noms = [str(r.get("reference") or r.get("nom") or "") for r in self.references]
        self.faces: dict[str, ChampSaisie] = {}
        lignes = [w.HTML("<b>Faces par référence</b>")]
        for i, (nom, ref) in enumerate(zip(noms, self.references, strict=True), start=1):
            champ = ChampSaisie(
                f"faces-{i}", f"{nom} — faces", str(ref.get("faces", "")), exemple="ex. 4",
                largeur="330px", aide=f"Nombre de faces de « {nom} » en rayon",
            )  # fmt: skip
            self.faces[nom] = champ
            pastille = w.HTML(_pastille(i), layout=w.Layout(width="26px", min_width="26px"))
            lignes.append(w.HBox([pastille, champ]))
        self.depuis = w.Dropdown(options=noms, value=noms[0] if noms else None,
                                 description="Déplacer depuis")  # fmt: skip
        self.vers = w.Dropdown(
            options=noms, value=noms[1] if len(noms) > 1 else None, description="Vers"
        )
        self.faces_a_deplacer = ChampSaisie(
            "faces-a-deplacer", "Faces à déplacer", "1", exemple="ex. 1"
        )
        self.bouton_deplacer = w.Button(description="Déplacer les faces", icon="arrows-h")
        self.bouton_deplacer.add_class("atelier-deplacer")
        self.bouton_deplacer.on_click(lambda _b: self.deplacer())
        self.erreur_deplacement = ZoneErreur("deplacement")
        self.bouton_revenir = w.Button(description="Revenir au rayon de départ", icon="undo")
        self.bouton_revenir.on_click(lambda _b: self.revenir())
        self._brancher([self.longueur, self.niveaux, self.delai, *self.faces.values()])
        gauche = formulaire(
            [
                self.longueur,
                self.niveaux,
                self.delai,
                *lignes,
                w.HTML("<b>Déplacer des faces</b>"),
                self.depuis,
                self.vers,
                self.faces_a_deplacer,
                w.HBox([self.bouton_deplacer, self.bouton_revenir],
                       layout=w.Layout(flex_flow="row wrap")),
                self.erreur_deplacement,
            ],
            largeur="400px",
        )  # fmt: skip
        droite = w.VBox([self.zone_erreur, self.zone_resultat])
        entete = (
            [w.HTML(f"<p class='atelier-titre-rayon'>{html.escape(titre)}</p>")] if titre else []
        )
        self.children = [*entete, cote_a_cote(gauche, droite)]
        self.add_class("atelier-simulateur-lineaire")
        self.initial = self._simuler(self.references)
        self.calculer()

    @classmethod
    def depuis_le_releve(
        cls,
        id_client: int | None = None,
        base: Path | str | None = None,
        *,
        niveaux: int = 4,
        profondeur: int = 3,
        **options: Any,
    ) -> SimulateurLineaire:
        """The shelf of a panel store (default: the first one) from its latest survey
        (``releves_magasin``: facings, linear, prices, sales of the 13 weeks before, purchase
        prices), through :func:`~widgets.calculs.merchandising.references_du_releve`
        (``profondeur`` products one behind the other in a facing: an assumption); the length
        of a level is the occupied linear over ``niveaux`` (the shelf is full: move facings,
        don't add). A base without the surveys gives the example shelf, saying why in French.
        """
        try:
            from widgets.donnees.reseaux import magasins_du_panel, releve_du_magasin

            if id_client is None:
                panel = magasins_du_panel(base)
                if panel.empty:
                    raise ErreurAtelier("la base n'a aucun magasin dans le panel.", champ="Panel")
                id_client = int(panel["id_client"].iloc[0])
                magasin = str(panel["magasin"].iloc[0])
            else:
                magasin = f"magasin n° {id_client}"
            releve = releve_du_magasin(id_client, base)
        except (ImportError, ErreurAtelier) as err:
            options.setdefault(
                "titre",
                "Rayon d'exemple (la base ne donne pas de relevé de linéaire : "
                f"{str(err).rstrip('.')}).",
            )
            return cls(**options)
        references = references_du_releve(releve.to_dict("records"), profondeur=profondeur)
        # the facings are not cut between two levels: one facing more of room per level
        longueur = lineaire_par_niveau(references, niveaux) + max(r["largeur"] for r in references)
        jour = releve["date_releve"].iloc[0]
        date = jour.strftime("%d/%m/%Y") if hasattr(jour, "strftime") else str(jour)
        options.setdefault("longueur", format_nombre(longueur, 2))
        options.setdefault("niveaux", str(niveaux))
        options.setdefault(
            "titre",
            f"Rayon linge de maison de {magasin}, relevé du {date} : demande = ventes des 13 "
            f"semaines avant le relevé / 13, prix HT = prix TTC / 1,2, marge du magasin = prix "
            f"HT − prix d'achat HT, {profondeur} produits l'un derrière l'autre par face.",
        )
        return cls(references, **options)

    # -- reading ----------------------------------------------------------------------------
    def rayon(self) -> list[dict[str, Any]]:
        """The shelf with the facings as typed (raw text: the calculation reads it)."""
        return [
            {**ref, "faces": champ.value}
            for ref, champ in zip(self.references, self.faces.values(), strict=True)
        ]

    def _dimensions(self) -> tuple[Decimal, int]:
        disponible = lineaire_developpe(self.longueur.value, self.niveaux.value)
        niveaux = quantite(self.niveaux.value, "Nombre de niveaux")
        return disponible, niveaux

    def _simuler(self, rayon: Sequence[Mapping[str, Any]]) -> SimulationLineaire | None:
        try:
            disponible, _niveaux = self._dimensions()
            return simuler_lineaire(
                rayon, disponible, self.delai.value, jours_de_vente=self.jours_de_vente
            )
        except ErreurAtelier:
            return None

    def _calculer(self) -> SimulationLineaire:
        disponible, _niveaux = self._dimensions()
        return simuler_lineaire(
            self.rayon(), disponible, self.delai.value, jours_de_vente=self.jours_de_vente
        )

    # -- actions ----------------------------------------------------------------------------
    def deplacer(
        self, depuis: str | None = None, vers: str | None = None, nombre: Any = None
    ) -> bool:
        """Move ``nombre`` facings from ``depuis`` to ``vers`` (default: the choices on screen);
        False and a French message next to the move fields if it cannot be done."""
        depuis = self.depuis.value if depuis is None else depuis
        vers = self.vers.value if vers is None else vers
        nombre = self.faces_a_deplacer.value if nombre is None else nombre
        self.erreur_deplacement.effacer()
        try:
            nouveau = deplacer_faces(self.rayon(), depuis, vers, nombre)
        except ErreurAtelier as err:
            self.erreur_deplacement.montrer(str(err))
            self.erreur = str(err)
            return False
        with self.en_lot():
            for ligne, champ in zip(nouveau, self.faces.values(), strict=True):
                champ.value = str(ligne["faces"])
        return True

    def revenir(self) -> None:
        """Back to the facings of the shelf as given."""
        self.erreur_deplacement.effacer()
        with self.en_lot():
            for ref, champ in zip(self.references, self.faces.values(), strict=True):
                champ.value = str(ref.get("faces", ""))

    # -- display ----------------------------------------------------------------------------
    def _afficher(self, s: SimulationLineaire) -> str:
        entetes = (
            "Référence", "Faces", "Linéaire (m)", "Part de linéaire", "Part de CA",
            "Part de marge", "Indice de performance", "Indice de marge", "Marge au mètre",
            "Couverture (jours)", "Ventes perdues",
        )  # fmt: skip
        corps = []
        for numero, ligne in enumerate(s.lignes, start=1):
            rupture = f' <b style="color:{COULEUR_RUPTURE}">rupture</b>' if ligne.en_rupture else ""
            hors = " <small>(hors rayon)</small>" if ligne.faces == 0 else ""
            cellules = (
                _pastille(numero) + html.escape(ligne.reference) + rupture + hors,
                str(ligne.faces),
                _n(ligne.lineaire),
                html.escape(pourcent(ligne.part_lineaire)),
                html.escape(pourcent(ligne.part_ca)),
                html.escape(pourcent(ligne.part_marge)),
                _n(ligne.indice_de_performance),
                _n(ligne.indice_de_marge),
                euros_html(ligne.marge_au_metre),
                _n(ligne.couverture_jours, 1),
                _n(ligne.ventes_perdues),
            )
            corps.append(
                "<tr>"
                + "".join(
                    f'<td style="text-align:{"left" if k == 0 else "right"};padding:2px 6px">'
                    f"{c}</td>"
                    for k, c in enumerate(cellules)
                )
                + "</tr>"
            )
        tete = "".join(f'<th style="padding:2px 6px">{html.escape(e)}</th>' for e in entetes)
        tableau = (
            '<table class="atelier-tableau-lineaire" style="border-collapse:collapse;'
            f'font-size:0.9em"><tr>{tete}</tr>{"".join(corps)}</table>'
        )
        avant = self.initial
        syntheses = [
            ("CA de la semaine", s.ca, None if avant is None else avant.ca, True),
            ("Marge de la semaine", s.marge, None if avant is None else avant.marge, True),
            ("CA perdu (ruptures)", s.ca_perdu, None if avant is None else avant.ca_perdu, False),
            ("Marge au mètre du rayon", s.marge_au_metre,
             None if avant is None else avant.marge_au_metre, True),
        ]  # fmt: skip
        lignes_synthese = "".join(
            f"<tr><th style='text-align:left;font-weight:normal;padding:2px 12px 2px 0'>"
            f"{html.escape(libelle)}</th><td style='text-align:right'><b>{euros_html(valeur)}"
            f"</b></td><td style='padding-left:8px'>{self._ecart(valeur, depart, bon)}</td></tr>"
            for libelle, valeur, depart, bon in syntheses
        )
        ruptures = (
            ", ".join(html.escape(r) for r in s.references_en_rupture)
            if s.references_en_rupture
            else "aucune"
        )
        libre = (
            ""
            if s.lineaire_libre is None
            else f" ; linéaire libre : {_n(s.lineaire_libre)} m sur {_n(s.lineaire_disponible)} m"
        )
        synthese = (
            '<table class="atelier-synthese-lineaire" style="border-collapse:collapse">'
            f"{lignes_synthese}</table>"
            f"<p>Références en rupture : <b>{ruptures}</b> (taux de rupture "
            f"{html.escape(pourcent(s.taux_de_rupture))}){libre}.</p>"
            "<p style='font-size:0.85em;color:#444'>Règle : le rayon est rempli tous les "
            f"{_n(s.delai_de_reassort, 0)} jours de vente ; il tient faces × profondeur "
            "produits ; une référence dont la couverture est plus courte que le délai est en "
            "rupture et perd la demande qu'elle ne peut pas servir. Indice &gt; 100 : la "
            "référence mérite plus de linéaire.</p>"
        )
        graphique = ""
        if self.graphique:
            longueur, niveaux = self._longueur_niveaux()
            graphique = (
                '<div class="atelier-planogramme">'
                + figure_html(planogramme(s, longueur, niveaux)).replace(
                    'alt="graphique"',
                    'alt="Planogramme du rayon : '
                    + html.escape(", ".join(f"{x.reference} {x.faces} faces" for x in s.lignes))
                    + '"',
                )
                + "</div>"
            )
        return synthese + graphique + tableau

    def _longueur_niveaux(self) -> tuple[Decimal, int]:
        disponible, niveaux = self._dimensions()
        return disponible / niveaux, niveaux

    @staticmethod
    def _ecart(valeur: Decimal | None, depart: Decimal | None, hausse_bonne: bool) -> str:
        if valeur is None or depart is None or valeur == depart:
            return ""
        ecart = valeur - depart
        signe = "+" if ecart > 0 else "−"
        couleur = "#1b5e20" if (ecart > 0) == hausse_bonne else COULEUR_RUPTURE
        return (
            f'<small style="color:{couleur}">({signe}{euros_html(abs(ecart))} par rapport au '
            "rayon de départ)</small>"
        )
