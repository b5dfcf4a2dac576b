"""Widget « Plan de prospection et tournée » (S823, S531).

L'étudiant choisit ses cibles dans la base (type, départements, potentiel, clients dormants,
prospects), fixe les jours de stage, les visites par jour et les visites de suivi ; il obtient
le calendrier des visites, l'ordre de passage de chaque journée sur une carte (coordonnées
réelles des communes, projection plane : aucun serveur de tuiles n'est nécessaire), le coût du
plan et les commandes attendues d'après l'entonnoir de la base.

Pilotable depuis Python::

    t = PlanDeTournee(base="clients.db")
    t.champs["jours"].value = "10"
    t.calculer()
    t.resultat.cout.total, t.erreur

Les saisies sont enregistrées à chaque modification (``plans/tournee/<nom>.json``) et relues
à la création du widget : un noyau redémarré ou un onglet fermé ne perd rien. ``calculer()``
n'écrit rien (``sauvegarder()`` enregistre) ; ``resultat`` et ``erreur`` sont des traits.

This module reads the fields and draws; the targets and the plan come from
:mod:`widgets.donnees.tournee` (selection, then the pure :func:`~widgets.calculs.tournee.
planifier_tournee`), the coordinates reader is :func:`widgets.calculs.coordonnees`, the map
helpers are :mod:`widgets.ui.cartes`.
"""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.calculs import coordonnees, format_nombre, montant, nombre, quantite
from widgets.calculs.format import format_saisie
from widgets.calculs.tournee import (
    Arret,
    ParametresTournee,
    projection_equirectangulaire,
)
from widgets.donnees import cibles as donnees_cibles
from widgets.donnees.tournee import (
    NATURES,
    CriteresCibles,
    ResultatTournee,
    cibles_de_la_tournee,
    plan_de_tournee,
)
from widgets.donnees.vocabulaire import TYPES_CLIENT
from widgets.erreurs import ErreurAtelier
from widgets.ui.cartes import COULEURS, carte_png, nouvelle_carte
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    ChampMontant,
    ChampSaisie,
    ChampTaux,
    ChampTexte,
    PlanEnregistre,
    cote_a_cote,
    euros,
    feuille_de_style,
    tableau_html,
)
from widgets.ui.identification import bandeau_si_classe

LARGEURS = {"largeur_libelle": "175px", "largeur": "325px"}
JOURS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
#: Old name of :func:`widgets.calculs.coordonnees` (kept for notebooks written before).
lire_coordonnees = coordonnees


def _entier(minimum: int):
    return lambda texte, champ: quantite(texte, champ=champ, minimum=minimum)


def _montant_facultatif(texte: str, champ: str) -> Decimal | None:
    return montant(texte, champ=champ) if texte.strip() else None


def _nombre_positif(texte: str, champ: str) -> Decimal:
    return nombre(texte, champ=champ, positif=True)


def date_fr(jour: date) -> str:
    """``date(2026, 3, 2)`` → ``"lundi 02/03/2026"``."""
    return f"{JOURS_FR[jour.weekday()]} {jour:%d/%m/%Y}"


def figure_tournee(resultat: ResultatTournee, largeur: float = 7.0, hauteur: float = 5.0) -> bytes:
    """La carte des tournées en PNG : un point par cible, une ligne par journée (départ →
    arrêts dans l'ordre → retour), axes en km autour du centre. Fonctionne hors connexion."""
    fig, ax = nouvelle_carte(largeur, hauteur)
    points: list[Any] = [resultat.depart] + [c.arret() for c in resultat.cibles]
    xy = projection_equirectangulaire(points)
    position = {id(c): xy[k + 1] for k, c in enumerate(resultat.cibles)}
    ax.scatter([p[0] for p in xy[1:]], [p[1] for p in xy[1:]], s=18, color="#888", zorder=2)
    ax.scatter([xy[0][0]], [xy[0][1]], marker="s", s=70, color="black", zorder=3, label="Départ")
    for k, (journee, arrets) in enumerate(
        zip(resultat.journees, resultat.arrets_par_jour, strict=True)
    ):
        trace = [xy[0]] + [position[id(c)] for c in arrets if c is not None] + [xy[0]]
        couleur = COULEURS[k % len(COULEURS)]
        libelle = f"{journee.jour:%d/%m}" if journee.jour else f"Jour {k + 1}"
        ax.plot(
            [p[0] for p in trace],
            [p[1] for p in trace],
            "-o",
            color=couleur,
            lw=1.4,
            ms=4,
            label=libelle,
            zorder=1,
        )
    nombre_par_lieu: dict[tuple[float, float], int] = {}
    for c in resultat.cibles:
        cle = position[id(c)]
        nombre_par_lieu[cle] = nombre_par_lieu.get(cle, 0) + 1
    for (x, y), n in nombre_par_lieu.items():
        if n > 1:  # several targets in the same commune share its coordinates
            ax.annotate(f"×{n}", (x, y), textcoords="offset points", xytext=(4, 4), fontsize=7)
    return carte_png(
        fig, ax, "Tournées (vol d'oiseau, projection plane)", legende=len(resultat.journees) <= 12
    )


class PlanDeTournee(PlanEnregistre, Calculatrice):
    """Plan de prospection : cibles, calendrier, tournées, coût et résultats attendus."""

    GENRE_PLAN = "tournee"

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        nom_plan: str = "ma-tournee",
        depart: str = "48,8566 ; 2,3522",
        enregistrer: bool = True,
        carte: bool = True,
        **kwargs: Any,
    ) -> None:
        """One builder per step of the accordion (``_bloc_*``) adds its fields to
        :attr:`champs` and returns its box; the saved inputs are restored once all exist."""
        super().__init__(**kwargs)
        self.base = base
        self.nom_plan = nom_plan
        self.enregistrer = enregistrer
        self.carte = carte
        self._cache: tuple[CriteresCibles, list[donnees_cibles.Cible]] | None = None
        self.champs: dict[str, ChampSaisie] = {}
        blocs = w.Accordion(
            children=[
                self._bloc_cibles(depart),
                self._bloc_calendrier(),
                self._bloc_couts(self._defauts_base()),
            ],
            selected_index=0,
        )
        for k, titre in enumerate(("1. Cibles", "2. Calendrier", "3. Coûts et résultats")):
            blocs.set_title(k, titre)
        self._restaurer()
        self.children = [
            *bandeau_si_classe(),
            cote_a_cote(
                w.VBox(
                    [blocs, self.zone_erreur, feuille_de_style()], layout=w.Layout(width="370px")
                ),
                self._onglets_resultat(),
            ),
        ]
        self.add_class("atelier-tournee")
        self._brancher(self.champs.values())
        self.types.observe(lambda _: self._sur_modification(), names="value")
        self.nature.observe(lambda _: self._sur_modification(), names="value")
        self.calculer()

    # -- construction, one builder per step -----------------------------------------------
    def _ajouter(self, *champs: ChampSaisie) -> list[ChampSaisie]:
        for champ in champs:
            self.champs[champ.nom] = champ
        return list(champs)

    def _bloc_cibles(self, depart: str) -> w.VBox:
        """Which targets: nature, client types, departments, potential, dormant months."""
        self.types = w.SelectMultiple(
            options=TYPES_CLIENT,
            value=("Boutique de souvenirs",),
            description="Types",
            rows=4,
            style={"description_width": "110px"},
            layout=w.Layout(width="325px"),
        )
        self.types.add_class("atelier-champ-types")
        self.nature = w.Dropdown(
            options=list(NATURES),
            value="Clients et prospects",
            description="Cibles",
            style={"description_width": "110px"},
            layout=w.Layout(width="325px"),
        )
        self.nature.add_class("atelier-champ-nature")
        champs = self._ajouter(
            ChampTexte("departements", "Départements", "75", exemple="ex. 75, 92", **LARGEURS),
            ChampSaisie(
                "potentiel", "CA 12 mois au moins", "", analyseur=_montant_facultatif, **LARGEURS
            ),
            ChampSaisie(
                "dormants", "Dormants : mois sans achat", "6", analyseur=_entier(1), **LARGEURS
            ),
            ChampSaisie(
                "max_cibles", "Nombre de cibles (maxi)", "20", analyseur=_entier(1), **LARGEURS
            ),
            ChampSaisie("depart", "Départ (lat ; lon)", depart, analyseur=coordonnees, **LARGEURS),
        )
        return w.VBox([self.nature, self.types, *champs])

    def _bloc_calendrier(self) -> w.VBox:
        """When: first day, working days, visits a day, follow-up visits."""
        champs = self._ajouter(
            ChampDate("debut", "Premier jour", "02/03/2026", **LARGEURS),
            ChampSaisie("jours", "Jours de prospection", "5", analyseur=_entier(1), **LARGEURS),
            ChampSaisie(
                "visites_par_jour", "Visites par jour", "6", analyseur=_entier(1), **LARGEURS
            ),
            ChampSaisie(
                "suivis", "Visites de suivi par cible", "0", analyseur=_entier(0), **LARGEURS
            ),
            ChampSaisie(
                "delai_suivi", "Jours entre deux visites", "5", analyseur=_entier(1), **LARGEURS
            ),
        )
        return w.VBox(champs)

    def _bloc_couts(self, defauts: dict[str, str]) -> w.VBox:
        """Costs and expected results (visit length, order rate and basket from the base)."""
        champs = self._ajouter(
            ChampSaisie(
                "duree_visite",
                "Durée d'une visite (min)",
                defauts["duree"],
                analyseur=_entier(1),
                **LARGEURS,
            ),
            ChampSaisie(
                "vitesse", "Vitesse moyenne (km/h)", "25", analyseur=_nombre_positif, **LARGEURS
            ),
            ChampSaisie(
                "detour", "Coefficient de détour", "1,3", analyseur=_nombre_positif, **LARGEURS
            ),
            ChampMontant("cout_km", "Coût kilométrique (€/km)", "0,60", **LARGEURS),
            ChampMontant("cout_horaire", "Coût horaire (€/h)", "25", **LARGEURS),
            ChampTaux("taux_commande", "Taux visite → commande", defauts["taux"], **LARGEURS),
            ChampMontant("panier", "Panier moyen HT", defauts["panier"], **LARGEURS),
        )
        return w.VBox(champs)

    def _onglets_resultat(self) -> w.Tab:
        """Synthesis (the result zone), map, calendar."""
        self.synthese = w.HTML()
        self.calendrier_html = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(max_width="640px"))
        onglets = w.Tab(
            children=[
                w.VBox([self.zone_resultat, self.synthese]),
                self.image,
                self.calendrier_html,
            ]
        )
        for k, titre in enumerate(("Synthèse", "Carte", "Calendrier")):
            onglets.set_title(k, titre)
        return onglets

    # -- état enregistré ----------------------------------------------------------------
    def _defauts_base(self) -> dict[str, str]:
        """Durée moyenne, taux visite → commande et panier moyen tirés de la base."""
        defauts = {"duree": "45", "taux": "20", "panier": "500"}
        try:
            e = donnees_cibles.entonnoir(self.base)
            m = donnees_cibles.moyennes_visites(self.base)
        except ErreurAtelier:
            return defauts
        if e.taux_commande is not None:
            defauts["taux"] = format_nombre(e.taux_commande, decimales_maxi=1)
        if m.duree_min > 0:
            defauts["duree"] = str(m.duree_min)
        if m.panier_moyen_ht > 0:
            defauts["panier"] = format_nombre(m.panier_moyen_ht, 2)
        return defauts

    def etat(self) -> dict[str, Any]:
        """Les saisies brutes (ce qui est enregistré)."""
        return {
            "champs": {n: ch.value for n, ch in self.champs.items()},
            "types": list(self.types.value),
            "nature": self.nature.value,
        }

    def _restaurer(self) -> None:
        self.appliquer_etat(self.lire_plan())

    def appliquer_etat(self, etat: dict[str, Any] | None) -> None:
        """Fill the fields from a saved plan (nothing for None)."""
        if not etat:
            return
        for nom, texte in (etat.get("champs") or {}).items():
            if nom in self.champs:
                self.champs[nom].value = str(texte)
        types = [t for t in etat.get("types", []) if t in TYPES_CLIENT]
        self.types.value = tuple(types)
        if etat.get("nature") in NATURES:
            self.nature.value = etat["nature"]

    # -- calcul ---------------------------------------------------------------------------
    def _selection(self, criteres: CriteresCibles) -> list[donnees_cibles.Cible]:
        """The targets for ``criteres``, read again only when the criteria change."""
        if self._cache is None or self._cache[0] != criteres:
            self._cache = (criteres, cibles_de_la_tournee(self.base, criteres))
        return self._cache[1]

    def _calculer(self) -> ResultatTournee:
        v = dict(zip(self.champs, self._lire_tout(self.champs.values()), strict=True))
        criteres = CriteresCibles.depuis_saisie(
            self.nature.value,
            tuple(self.types.value),
            v["departements"],
            v["potentiel"],
            v["dormants"],
        )
        parametres = ParametresTournee(
            **{n: v[n] for n in v if n in ParametresTournee.__dataclass_fields__}
        )
        lat, lon = v["depart"]
        return plan_de_tournee(
            self._selection(criteres), Arret("Départ", lat, lon), parametres, v["max_cibles"]
        )

    def _afficher(self, r: ResultatTournee) -> str:
        h, m = divmod(r.minutes, 60)
        lignes = [
            ("Cibles retenues", str(len(r.cibles))),
            ("Visites nécessaires par jour", str(r.visites_par_jour_necessaires)),
            ("Visites planifiées", str(len(r.calendrier.visites))),
            ("Visites hors calendrier", str(len(r.calendrier.non_planifiees))),
            ("Kilomètres (route estimée)", f"{format_nombre(r.km)} km"),
            ("Temps (trajets + visites)", f"{h} h {m:02d}"),
            ("Coût des kilomètres", euros(r.cout.cout_km)),
            ("Coût du temps", euros(r.cout.cout_temps)),
            ("Coût total du plan", f"<b>{euros(r.cout.total)}</b>"),
            ("Coût par visite", euros(r.cout.cout_par_visite)),
            ("Commandes attendues", format_nombre(r.attendus.commandes)),
            ("CA attendu HT", euros(r.attendus.chiffre_affaires)),
        ]
        html_synthese = tableau_html(lignes, titre="Plan de prospection")
        note = html.escape(r.calendrier.message)
        self.synthese.value = (
            f"<p>{note}</p><p style='font-size:0.85em;color:#555'>Commandes attendues = premières "
            "visites × taux de transformation visite → commande de l'entonnoir. Distances : vol "
            "d'oiseau entre communes × coefficient de détour.</p>"
        )
        self.calendrier_html.value = self._calendrier(r)
        if self.carte:
            self.image.value = figure_tournee(r)
        return html_synthese

    def _calendrier(self, r: ResultatTournee) -> str:
        rang = {(x.jour, x.cible): x for x in r.calendrier.visites}
        index = {id(c): k for k, c in enumerate(r.cibles)}
        lignes = []
        for j, arrets in zip(r.journees, r.arrets_par_jour, strict=True):
            ordre = []
            for c in arrets:
                x = rang.get((j.jour, index[id(c)]))
                nature = "" if x is None or x.rang == 0 else " (suivi)"
                ordre.append(f"{html.escape(c.raison_sociale)} — {html.escape(c.commune)}{nature}")
            h, m = divmod(j.minutes, 60)
            lignes.append(
                f"<tr><td style='white-space:nowrap'>{date_fr(j.jour)}</td>"
                "<td><ol style='margin:0;padding-left:18px'>"
                + "".join(f"<li>{o}</li>" for o in ordre)
                + "</ol></td>"
                f"<td style='white-space:nowrap'>{format_saisie(j.km_route)} km"
                f"<br>{h} h {m:02d}</td></tr>"
            )
        return (
            "<table class='atelier-calendrier' style='border-collapse:collapse' border='1' "
            "cellpadding='4'><tr><th>Jour</th><th>Ordre de visite</th><th>Route</th></tr>"
            + "".join(lignes)
            + "</table>"
        )


__all__ = [
    "NATURES",
    "PlanDeTournee",
    "ResultatTournee",
    "date_fr",
    "figure_tournee",
    "lire_coordonnees",
]
