"""Satisfaction and e-reputation (NDRC bloc 2): NPS and CSAT of the surveys of a period, the
mean rating of the online reviews, their response rate and delay.

:class:`TableauSatisfaction` is a :class:`~widgets.ui.champs.Calculatrice`: set
``.debut.value`` / ``.fin.value`` (``01/03/2025``), ``.plateforme.value`` (``""`` = every
platform, or one of :data:`widgets.donnees.distance.PLATEFORMES`), ``.calculer()``; read
``.resultat`` (a :class:`ResultatSatisfaction`) and ``.erreur``. CSS: ``atelier-satisfaction``,
``atelier-champ-debut-satisfaction``, ``-fin-satisfaction``.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import ipywidgets as w
import pandas as pd

from widgets.calculs.arrondis import arrondi
from widgets.calculs.format import format_nombre
from widgets.calculs.saisie import SaisieInvalide
from widgets.calculs.satisfaction import (
    ResultatCsat,
    ResultatNps,
    csat,
    delai_moyen_de_reponse,
    note_moyenne_ponderee,
    nps,
    taux_de_reponse_aux_avis,
)
from widgets.donnees import distance
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    cote_a_cote,
    formulaire,
    pourcent,
    tableau_html,
)

__all__ = ["ResultatSatisfaction", "TableauSatisfaction"]


@dataclass(frozen=True)
class ResultatSatisfaction:
    """Surveys (NPS, CSAT on the respondents) and reviews of a period.

    ``moyenne_recommandation`` is the mean of the 0–10 scores, shown beside the NPS because it
    is NOT the NPS (a classic mistake). Review figures are None without any review.
    """

    enquetes_envoyees: int
    nps: ResultatNps | None
    moyenne_recommandation: Decimal | None
    csat: ResultatCsat | None
    avis: int
    note_moyenne: Decimal | None
    repartition_notes: dict[int, int]
    taux_reponse_avis: Decimal | None
    delai_moyen_reponse: Decimal | None
    reponses_sans_date: int


def _entier(valeur: object) -> int | None:
    return None if valeur is None or pd.isna(valeur) else int(valeur)


def _jour(valeur: object) -> str | None:
    return None if valeur is None or pd.isna(valeur) else str(valeur)


class TableauSatisfaction(Calculatrice):
    """Period (+ platform) → NPS, CSAT, mean rating, review response rate and delay."""

    def __init__(
        self,
        base: Path | str | None = None,
        *,
        debut: str = "01/01/2025",
        fin: str = "31/12/2025",
        plateforme: str = "",
    ) -> None:
        super().__init__()
        self.base = base
        self.debut = ChampDate("debut-satisfaction", "Début de la période", debut)
        self.fin = ChampDate("fin-satisfaction", "Fin de la période", fin)
        self.plateforme = w.Dropdown(
            options=[("toutes les plateformes", ""), *[(p, p) for p in distance.PLATEFORMES]],
            value=plateforme,
            description="Avis publiés sur",
        )
        self._brancher([self.debut, self.fin])
        self.plateforme.observe(self._sur_modification, names="value")
        gauche = formulaire([self.debut, self.fin, self.plateforme])
        droite = w.VBox([self.zone_erreur, self.zone_resultat])
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-satisfaction")
        self.calculer()

    def _calculer(self) -> ResultatSatisfaction:
        debut, fin = self._lire_tout([self.debut, self.fin])
        if fin < debut:
            raise SaisieInvalide(
                "la fin de la période précède son début.", champ="Fin de la période"
            )
        enquetes = distance.enquetes_satisfaction(self.base, debut=debut, fin=fin)
        avis = distance.avis_en_ligne(
            self.base, debut=debut, fin=fin, plateforme=self.plateforme.value or None
        )
        if enquetes.empty and avis.empty:
            raise ErreurAtelier(
                "aucune enquête ni aucun avis sur cette période.", champ="Début de la période"
            )
        recommandations = [_entier(v) for v in enquetes["note_recommandation"]]
        repondues = [n for n in recommandations if n is not None]
        resultat_nps = nps(recommandations) if repondues else None
        moyenne = arrondi(Decimal(sum(repondues)) / len(repondues), 2) if repondues else None
        satisfactions = [_entier(v) for v in enquetes["note_satisfaction"]]
        resultat_csat = csat(satisfactions) if any(n is not None for n in satisfactions) else None
        notes = Counter(int(n) for n in avis["note"])
        repondus = int(avis["repondu"].sum()) if not avis.empty else 0
        paires = [
            (_jour(d), _jour(r) if ok else None)
            for d, r, ok in zip(
                avis["date_avis"], avis["date_reponse"], avis["repondu"], strict=True
            )
        ]
        sans_date = sum(
            1 for (_d, r), ok in zip(paires, avis["repondu"], strict=True) if ok and r is None
        )
        return ResultatSatisfaction(
            enquetes_envoyees=len(enquetes),
            nps=resultat_nps,
            moyenne_recommandation=moyenne,
            csat=resultat_csat,
            avis=len(avis),
            note_moyenne=note_moyenne_ponderee(notes) if notes else None,
            repartition_notes=dict(sorted(notes.items())),
            taux_reponse_avis=taux_de_reponse_aux_avis(len(avis), repondus) if len(avis) else None,
            delai_moyen_reponse=delai_moyen_de_reponse(paires) if paires else None,
            reponses_sans_date=sans_date,
        )

    def _afficher(self, r: ResultatSatisfaction) -> str:
        def points(valeur: Decimal) -> str:
            signe = "+" if valeur > 0 else ""
            return f"{signe}{format_nombre(valeur)} points"

        enquetes = [("Enquêtes envoyées", format_nombre(r.enquetes_envoyees))]
        if r.nps is not None:
            n = r.nps
            enquetes += [
                ("Répondants (recommandation)", format_nombre(n.repondants)),
                ("Promoteurs (9-10)", f"{n.promoteurs} ({pourcent(n.part_promoteurs)})"),
                ("Passifs (7-8)", f"{n.passifs} ({pourcent(n.part_passifs)})"),
                ("Détracteurs (0-6)", f"{n.detracteurs} ({pourcent(n.part_detracteurs)})"),
                ("NPS", f"<b>{points(n.nps)}</b>"),
                (
                    "Moyenne des notes (ce n'est pas le NPS)",
                    format_nombre(r.moyenne_recommandation),
                ),
            ]
        if r.csat is not None:
            c = r.csat
            enquetes += [
                ("Taux de réponse", pourcent(c.taux_de_reponse)),
                ("CSAT (4 ou 5 sur 5, parmi les répondants)", f"<b>{pourcent(c.csat)}</b>"),
            ]
        avis = [("Avis publiés", format_nombre(r.avis))]
        if r.avis:
            repartition = ", ".join(f"{k}★ : {v}" for k, v in r.repartition_notes.items())
            delai = (
                "—"
                if r.delai_moyen_reponse is None
                else f"{format_nombre(r.delai_moyen_reponse)} jours"
            )
            avis += [
                ("Note moyenne", f"<b>{format_nombre(r.note_moyenne)} / 5</b>"),
                ("Répartition", html.escape(repartition)),
                ("Taux de réponse aux avis", f"<b>{pourcent(r.taux_reponse_avis)}</b>"),
                ("Délai moyen de réponse", delai),
            ]
        note = (
            f"<p style='font-size:0.85em'>{r.reponses_sans_date} réponse(s) sans date : "
            "comptée(s) comme répondue(s), laissée(s) hors du délai moyen.</p>"
            if r.reponses_sans_date
            else ""
        )
        return (
            tableau_html(enquetes, titre="Enquêtes de satisfaction", classe="atelier-enquetes")
            + tableau_html(avis, titre="Avis en ligne", classe="atelier-avis")
            + note
        )
