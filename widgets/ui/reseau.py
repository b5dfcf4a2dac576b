"""Animation d'un réseau de partenaires (savoirs S634, S632) : le tableau de bord du réseau
(objectif et réalisé par partenaire et par mois, classement, écarts) et le simulateur de
challenge commercial (coût des récompenses face à la marge supplémentaire).

Two :class:`~widgets.ui.champs.Calculatrice`, every figure from :mod:`widgets.calculs.reseau`:

- :class:`TableauDeBordPartenaires` — ``ventes``: monthly rows (``partenaire``, ``type``,
  ``mois``, ``ca_ht``, ``objectif_ht``), given or read from the base
  (:meth:`TableauDeBordPartenaires.depuis_la_base`, table ``ventes_partenaires``); set
  ``.premier_mois.value`` / ``.dernier_mois.value`` (``AAAA-MM``, empty: no bound),
  ``.type_partenaire.value``, ``.vue.value`` (``"partenaire"`` or ``"mois"``),
  ``.partenaire.value`` (month by month: one partner or the whole network), ``.calculer()``;
  ``.resultat`` is a :class:`~widgets.calculs.reseau.TableauDeBordReseau`;
- :class:`SimulateurChallenge` — set ``.ca_supplementaire``, ``.taux_de_marge``,
  ``.nombre_de_gagnants``, ``.recompense``, ``.frais`` (``.value``, French text);
  ``.resultat`` is a :class:`~widgets.calculs.reseau.ChallengeCommercial`.

CSS classes: fields ``atelier-champ-premier-mois``, ``-dernier-mois``, ``-ca-supplementaire``,
``-taux-de-marge``, ``-gagnants``, ``-recompense``, ``-frais``; ``atelier-tableau-de-bord-reseau``,
``atelier-tableau-reseau``, ``atelier-simulateur-challenge``, ``atelier-verdict-challenge``;
results ``atelier-resultat``.
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
from matplotlib.ticker import FuncFormatter

from widgets.calculs import format_nombre
from widgets.calculs.reseau import (
    ChallengeCommercial,
    TableauDeBordReseau,
    simuler_challenge,
    tableau_de_bord_des_ventes,
)
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import (
    Calculatrice,
    ChampSaisie,
    cote_a_cote,
    euros_html,
    formulaire,
    pourcent,
    tableau_html,
)
from widgets.ui.graphiques_portefeuille import figure_html, libelle_mois

__all__ = ["SimulateurChallenge", "TableauDeBordPartenaires", "graphique_realisation"]

TOUS_LES_TYPES = "Tous les types"
TOUT_LE_RESEAU = "Tout le réseau"
VERT, ROUGE = "#1b5e20", "#b00020"


def _pourcent_axe(x: float, _pos: object = None) -> str:
    return f"{x:.0f} %"


def graphique_realisation(tableau: TableauDeBordReseau, *, titre: str = "") -> Figure:
    """Taux de réalisation of each line as a horizontal bar (green from 100 %, red below), the
    100 % line dashed; lines in the order of the ranking (best at the top)."""
    ordre = {nom: k for k, nom in enumerate(tableau.classement)}
    lignes = sorted(tableau.lignes, key=lambda ligne: ordre[ligne.partenaire])
    figure = Figure(figsize=(8, 1.2 + 0.32 * len(lignes)))
    axe = figure.add_subplot()
    y = list(range(len(lignes)))[::-1]
    taux = [float(ligne.taux_de_realisation) for ligne in lignes]
    couleurs = [VERT if t >= 100 else ROUGE for t in taux]
    axe.barh(y, taux, color=couleurs, height=0.65)
    axe.axvline(100, color="#333333", linestyle="--", linewidth=1)
    axe.set_yticks(y)
    axe.set_yticklabels([_etiquette(ligne.partenaire) for ligne in lignes], fontsize=8)
    for yy, t in zip(y, taux, strict=True):
        axe.text(t + 1, yy, f"{format_nombre(Decimal(str(t)), 1)} %", va="center", fontsize=7)
    axe.xaxis.set_major_formatter(FuncFormatter(_pourcent_axe))
    axe.set_xlim(0, max([*taux, 100.0]) * 1.15)
    axe.set_xlabel("Taux de réalisation de l'objectif (réalisé / objectif)")
    axe.set_title(titre or "Réalisation des objectifs")
    for cote in ("top", "right"):
        axe.spines[cote].set_visible(False)
    figure.tight_layout()
    return figure


def _etiquette(cle: str) -> str:
    """A month ``AAAA-MM`` as « janv. 2025 », a partner's name as is."""
    if len(cle) == 7 and cle[4] == "-" and cle[:4].isdigit() and cle[5:].isdigit():
        return libelle_mois(cle)
    return cle


class TableauDeBordPartenaires(Calculatrice):
    """Objective vs actual of the network's partners over a period (or month by month)."""

    ventes = traitlets.List(
        help="The monthly rows read (partenaire, type, mois AAAA-MM, ca_ht, objectif_ht in € "
        "HT), one per partner and month, as in the table ventes_partenaires."
    )

    def __init__(
        self,
        ventes: Sequence[Mapping[str, Any]] | None = None,
        *,
        premier_mois: str = "",
        dernier_mois: str = "",
        graphique: bool = True,
        erreur_de_lecture: str = "",
    ) -> None:
        super().__init__()
        self.ventes = [dict(v) for v in (ventes or [])]
        self.graphique = graphique
        self._erreur_de_lecture = erreur_de_lecture
        self.premier_mois = ChampSaisie(
            "premier-mois", "Premier mois", premier_mois, exemple="ex. 2025-01",
            aide="Premier mois compté, par exemple 2025-01 (vide : depuis le début)",
        )  # fmt: skip
        self.dernier_mois = ChampSaisie(
            "dernier-mois", "Dernier mois", dernier_mois, exemple="ex. 2025-12",
            aide="Dernier mois compté, par exemple 2025-12 (vide : jusqu’à la fin)",
        )  # fmt: skip
        types = sorted({str(v.get("type")) for v in self.ventes if v.get("type")})
        self.type_partenaire = w.Dropdown(
            options=[TOUS_LES_TYPES, *types], value=TOUS_LES_TYPES, description="Partenaires"
        )
        self.vue = w.ToggleButtons(
            options=[("Par partenaire", "partenaire"), ("Mois par mois", "mois")],
            value="partenaire",
            description="Tableau",
        )
        self.partenaire = w.Dropdown(
            options=[TOUT_LE_RESEAU, *self._noms()],
            value=TOUT_LE_RESEAU,
            description="Mois par mois de",
        )
        self._brancher([self.premier_mois, self.dernier_mois])
        self.type_partenaire.observe(self._filtrer_partenaires, names="value")
        for choix in (self.type_partenaire, self.vue, self.partenaire):
            choix.observe(self._sur_modification, names="value")
        gauche = formulaire(
            [self.premier_mois, self.dernier_mois, self.type_partenaire, self.vue, self.partenaire]
        )
        droite = w.VBox([self.zone_erreur, self.zone_resultat])
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-tableau-de-bord-reseau")
        self.calculer()

    @classmethod
    def depuis_la_base(
        cls, base: Path | str | None = None, **options: Any
    ) -> TableauDeBordPartenaires:
        """The dashboard on the table ``ventes_partenaires`` of ``base`` (default: the
        reference base); a base without it shows the French reason instead of a table."""
        try:
            from widgets.donnees.reseaux import ventes_partenaires

            df = ventes_partenaires(base)
        except ImportError:
            return cls(
                erreur_de_lecture="les lectures des réseaux ne sont pas installées.", **options
            )
        except ErreurAtelier as err:
            return cls(erreur_de_lecture=str(err), **options)
        # two partners may bear the same name: their number tells them apart
        ids_par_nom: dict[str, set] = {}
        for r in df.to_dict("records"):
            ids_par_nom.setdefault(str(r["nom"]), set()).add(r["id_partenaire"])
        lignes = [
            {
                "partenaire": (
                    str(r["nom"])
                    if len(ids_par_nom[str(r["nom"])]) == 1
                    else f"{r['nom']} (n° {r['id_partenaire']})"
                ),
                "type": str(r["type"]),
                "mois": str(r["mois"]),
                "ca_ht": format(Decimal(str(r["ca_ht"])), "f"),
                "objectif_ht": format(Decimal(str(r["objectif_ht"])), "f"),
            }
            for r in df.to_dict("records")
        ]
        return cls(lignes, **options)

    def _noms(self, type_partenaire: str = TOUS_LES_TYPES) -> list[str]:
        vus: dict[str, None] = {}
        for v in self.ventes:
            if type_partenaire in (TOUS_LES_TYPES, v.get("type")):
                vus.setdefault(str(v.get("partenaire") or v.get("nom")), None)
        return list(vus)

    def _filtrer_partenaires(self, change: dict) -> None:
        """Only the partners of the chosen type in the month-by-month choice."""
        with self.en_lot():
            garde = self.partenaire.value
            noms = self._noms(change["new"])
            self.partenaire.options = [TOUT_LE_RESEAU, *noms]
            self.partenaire.value = garde if garde in noms else TOUT_LE_RESEAU

    def _calculer(self) -> TableauDeBordReseau:
        if self._erreur_de_lecture:
            raise ErreurAtelier(self._erreur_de_lecture, champ="Base")
        lignes = self.ventes
        if self.type_partenaire.value != TOUS_LES_TYPES:
            lignes = [v for v in lignes if v.get("type") == self.type_partenaire.value]
        partenaire = None
        if self.vue.value == "mois" and self.partenaire.value != TOUT_LE_RESEAU:
            partenaire = self.partenaire.value
        return tableau_de_bord_des_ventes(
            lignes,
            par=self.vue.value,
            premier_mois=self.premier_mois.value.strip() or None,
            dernier_mois=self.dernier_mois.value.strip() or None,
            partenaire=partenaire,
        )

    def _afficher(self, t: TableauDeBordReseau) -> str:
        par_mois = self.vue.value == "mois"
        ordre = {nom: k for k, nom in enumerate(t.classement)}
        lignes = sorted(t.lignes, key=lambda ligne: ordre[ligne.partenaire])
        entetes = ("Rang", "Mois" if par_mois else "Partenaire", "Objectif HT", "Réalisé HT",
                   "Taux de réalisation", "Écart", "Écart en %")  # fmt: skip
        corps = "".join(
            "<tr>"
            f"<td style='text-align:right;padding:2px 6px'>{ligne.rang}</td>"
            f"<td style='padding:2px 6px'>{html.escape(_etiquette(ligne.partenaire))}</td>"
            f"<td style='text-align:right;padding:2px 6px'>{euros_html(ligne.objectif)}</td>"
            f"<td style='text-align:right;padding:2px 6px'>{euros_html(ligne.realise)}</td>"
            f"<td style='text-align:right;padding:2px 6px;color:"
            f"{VERT if ligne.taux_de_realisation >= 100 else ROUGE}'>"
            f"<b>{html.escape(pourcent(ligne.taux_de_realisation))}</b></td>"
            f"<td style='text-align:right;padding:2px 6px'>{euros_html(ligne.ecart)}</td>"
            f"<td style='text-align:right;padding:2px 6px'>"
            f"{html.escape(pourcent(ligne.ecart_pct))}</td></tr>"
            for ligne in lignes
        )
        tete = "".join(f"<th style='padding:2px 6px'>{html.escape(e)}</th>" for e in entetes)
        tableau = (
            "<table class='atelier-tableau-reseau' style='border-collapse:collapse;"
            f"font-size:0.9em'><tr>{tete}</tr>{corps}</table>"
        )
        synthese = tableau_html(
            [
                ("Objectif du réseau", euros_html(t.objectif_total)),
                ("Réalisé", euros_html(t.realise_total)),
                ("Taux de réalisation", f"<b>{html.escape(pourcent(t.taux_de_realisation))}</b>"),
                ("Écart", f"{euros_html(t.ecart)} ({html.escape(pourcent(t.ecart_pct))})"),
            ],
            titre="Le réseau sur la période",
            classe="atelier-synthese-reseau",
        )
        meilleur = html.escape(_etiquette(t.classement[0]))
        dernier = html.escape(_etiquette(t.classement[-1]))
        phrase = (
            f"<p>Classement sur le taux de réalisation (pas sur le CA) : en tête <b>{meilleur}"
            f"</b>, en dernier <b>{dernier}</b>.</p>"
        )
        graphique = figure_html(graphique_realisation(t)) if self.graphique else ""
        return synthese + phrase + graphique + tableau


class SimulateurChallenge(Calculatrice):
    """A sales challenge: do the rewards cost more than the margin the extra CA brings?"""

    def __init__(
        self,
        ca_supplementaire: str = "60 000",
        taux_de_marge: str = "25",
        nombre_de_gagnants: str = "12",
        recompense: str = "500",
        frais: str = "2 000",
    ) -> None:
        super().__init__()
        self.ca_supplementaire = ChampSaisie(
            "ca-supplementaire", "CA supplémentaire", ca_supplementaire,
            exemple="€ HT, ex. 60 000", aide="CA HT attendu en plus grâce au challenge",
        )  # fmt: skip
        self.taux_de_marge = ChampSaisie(
            "taux-de-marge", "Taux de marge", taux_de_marge, exemple="ex. 25 %",
            aide="Marge sur le CA HT, en %",
        )  # fmt: skip
        self.nombre_de_gagnants = ChampSaisie(
            "gagnants", "Nombre de gagnants", nombre_de_gagnants, exemple="ex. 12",
            aide="Partenaires ou vendeurs récompensés",
        )  # fmt: skip
        self.recompense = ChampSaisie(
            "recompense", "Récompense par gagnant", recompense, exemple="€, ex. 500",
            aide="Coût d'une récompense (prime, voyage, bon d'achat)",
        )  # fmt: skip
        self.frais = ChampSaisie(
            "frais", "Frais d'organisation", frais, exemple="€, ex. 2 000",
            aide="Communication, animation, soirée de remise des prix",
        )  # fmt: skip
        champs = [
            self.ca_supplementaire,
            self.taux_de_marge,
            self.nombre_de_gagnants,
            self.recompense,
            self.frais,
        ]
        self._brancher(champs)
        gauche = formulaire(champs)
        droite = w.VBox([self.zone_erreur, self.zone_resultat])
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-simulateur-challenge")
        self.calculer()

    def _calculer(self) -> ChallengeCommercial:
        return simuler_challenge(
            self.ca_supplementaire.value,
            self.taux_de_marge.value,
            self.nombre_de_gagnants.value,
            self.recompense.value,
            self.frais.value,
        )

    def _afficher(self, c: ChallengeCommercial) -> str:
        couleur = VERT if c.gain_net >= 0 else ROUGE
        table = tableau_html(
            [
                ("Marge supplémentaire (CA × taux de marge)", euros_html(c.marge_supplementaire)),
                (
                    "Coût des récompenses (gagnants × récompense)",
                    euros_html(c.cout_des_recompenses),
                ),
                ("Frais d'organisation", euros_html(c.frais_d_organisation)),
                ("Coût total du challenge", euros_html(c.cout_total)),
                ("Gain net", f"<b style='color:{couleur}'>{euros_html(c.gain_net)}</b>"),
                ("Retour sur investissement (gain / coût)", html.escape(pourcent(c.roi))),
                (
                    "CA supplémentaire qui paie le challenge",
                    euros_html(c.ca_supplementaire_minimal),
                ),
            ],
            titre="Le challenge",
            classe="atelier-chiffres-challenge",
        )
        if c.gain_net >= 0:
            verdict = f"Le challenge rapporte {euros_html(c.gain_net)} de plus qu'il ne coûte."
        else:
            verdict = (
                f"Le challenge coûte {euros_html(-c.gain_net)} de plus qu'il ne rapporte : il "
                f"faudrait au moins {euros_html(c.ca_supplementaire_minimal)} de CA "
                "supplémentaire."
            )
        return (
            table
            + f"<p class='atelier-verdict-challenge' style='color:{couleur}'><b>{verdict}</b></p>"
        )
