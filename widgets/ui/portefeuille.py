"""Widgets du portefeuille clients (savoirs S521, S522) : statistiques par segment ou par
mois, scoring RFM pondéré et export d'un segment, compte d'exploitation client, risque
(encours, retards, DSO).

Each is a :class:`~widgets.ui.champs.Calculatrice` (``.calculer()``, ``.resultat``,
``.erreur``) reading the reference database (or ``base``) through
:mod:`widgets.donnees.portefeuille`; all figures come from :mod:`widgets.calculs`, except the
whole-portfolio P&L and risk, whose ``.resultat`` is the frame of
:mod:`widgets.donnees.portefeuille` (same figures, in cents, tested client by client;
the base is read once per year or reference date, a new cost, rate or threshold is recomputed
from the kept frame in milliseconds).
CSS classes: ``atelier-statistiques``, ``atelier-rfm``, ``atelier-rentabilite``,
``atelier-risque`` on the widgets; fields ``atelier-champ-poids-r``, ``-poids-f``,
``-poids-m``, ``-cout-visite``, ``-taux-financement``, ``-taux-retours``, ``-vigilance``.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from widgets.calculs import accorder, format_nombre, nombre
from widgets.calculs.scoring import SEGMENTS, ClientRFM
from widgets.calculs.statistiques import Resume, resume
from widgets.donnees import portefeuille
from widgets.donnees.chemins import dossier_utilisateur
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    ChampMontant,
    ChampSaisie,
    ChampTaux,
    euros_html,
    pourcent,
)

__all__ = ["RentabiliteClients", "RisqueClients", "ScoringRFM", "StatistiquesPortefeuille"]


def _tableau(entetes: list[str], lignes: list[list[str]], classe: str) -> str:
    tete = "".join(f"<th>{html.escape(e)}</th>" for e in entetes)
    corps = "".join(
        "<tr>"
        + "".join(f"<td style='text-align:right;padding:1px 6px'>{c}</td>" for c in ligne)
        + "</tr>"
        for ligne in lignes
    )
    return (
        f'<table class="{classe}" style="border-collapse:collapse;font-size:0.9em">'
        f"<tr>{tete}</tr>{corps}</table>"
    )


def _n(valeur: Any) -> str:
    return html.escape(format_nombre(valeur))


# --------------------------------------------------------------------------- statistiques


class StatistiquesPortefeuille(Calculatrice):
    """Mean, median, quartiles, σ and CV of the CA per client of each segment, or per month."""

    def __init__(self, base: Path | str | None = None) -> None:
        super().__init__()
        self.base = base
        self.critere = w.Dropdown(
            options=[
                ("CA par client, par type de client", "type_client"),
                ("CA par client, par secteur", "secteur"),
                ("CA mensuel", "mois"),
            ],
            value="type_client",
            description="Série",
        )
        self.debut = ChampDate("debut", "Du", "01/01/2025")
        self.fin = ChampDate("fin", "Au", "31/12/2025")
        self._brancher([self.debut, self.fin])
        self.critere.observe(self._sur_modification, names="value")
        self.children = [
            w.HBox([self.critere, self.debut, self.fin]),
            self.zone_erreur,
            self.zone_resultat,
        ]
        self.add_class("atelier-statistiques")
        self.calculer()

    def _calculer(self) -> dict[str, Resume]:
        debut, fin = self._lire_tout([self.debut, self.fin])
        # the data layer's memo: one read per base and period, one calculation per criterion
        if self.critere.value == "mois":
            serie = portefeuille.ca_mensuel_en_memoire(
                self.base,
                premier_mois=debut.isoformat()[:7],
                dernier_mois=fin.isoformat()[:7],
            )
            return {"Tous les mois": resume([v for _m, v in serie])}
        return portefeuille.resumes_par_segment(
            self.base, debut=debut.isoformat(), fin=fin.isoformat(), critere=self.critere.value
        )

    def _afficher(self, r: dict[str, Resume]) -> str:
        quoi = "mois" if self.critere.value == "mois" else "client"
        lignes = [
            [
                html.escape(nom),
                _n(x.effectif),
                euros_html(x.moyenne),
                euros_html(x.mediane),
                euros_html(x.q1),
                euros_html(x.q3),
                euros_html(x.ecart_type),
                html.escape(pourcent(x.coefficient_variation)),
            ]
            for nom, x in r.items()
        ]
        entetes = ["Segment", "Effectif", "Moyenne", "Médiane", "Q1", "Q3", "Écart type", "CV"]
        dernier = list(r.values())[-1] if r else None
        lecture = (
            f"<p><b>Ce que cela veut dire :</b> {html.escape(dernier.interpretation(quoi))}</p>"
            if dernier
            else "<p>Aucune facture sur la période.</p>"
        )
        return _tableau(entetes, lignes, "atelier-tableau-statistiques") + lecture


# --------------------------------------------------------------------------- RFM


class _Scores(Mapping):
    """Weighted score by client id (``Decimal``, hundredth), read from the frame on demand."""

    def __init__(self, tableau: pd.DataFrame) -> None:
        self._centiemes = tableau.set_index("id_client")["score"]

    def __getitem__(self, cle: Any) -> Decimal:
        return Decimal(int(self._centiemes.loc[cle])).scaleb(-2)

    def __iter__(self) -> Iterator[int]:
        return iter(int(i) for i in self._centiemes.index)

    def __len__(self) -> int:
        return len(self._centiemes)


@dataclass(frozen=True)
class ResultatRFM:
    """Scored clients (the frame of :func:`~widgets.donnees.portefeuille.
    rfm_vectorise` with ``score``, the weighted score in hundredths), the scores by client id
    (``Decimal``) and the counts per segment."""

    tableau: pd.DataFrame

    @property
    def scores(self) -> Mapping[int, Decimal]:
        return _Scores(self.tableau)

    @property
    def segments(self) -> Counter:
        return Counter(self.tableau["segment"].value_counts().to_dict())

    def clients(self, segment: str | None = None) -> list[ClientRFM]:
        """The scored clients (of one segment), as the exact functions' :class:`ClientRFM`."""
        return portefeuille.clients_rfm(self.tableau, segment)


class ScoringRFM(Calculatrice):
    """RFM quintile scores, named segments, a weighted score, and a segment's CSV export."""

    def __init__(self, base: Path | str | None = None) -> None:
        super().__init__()
        self.base = base
        self.poids_r = ChampSaisie("poids-r", "Poids de la récence", "1", analyseur=self._poids)
        self.poids_f = ChampSaisie("poids-f", "Poids de la fréquence", "1", analyseur=self._poids)
        self.poids_m = ChampSaisie("poids-m", "Poids du montant", "1", analyseur=self._poids)
        self.segment = w.Dropdown(
            options=[nom for nom, *_ in SEGMENTS], value="À risque", description="Segment"
        )
        self.bouton_exporter = w.Button(description="Exporter le segment (CSV)", icon="download")
        self.bouton_exporter.on_click(lambda _b: self.exporter())
        self.message_export = w.HTML("")
        self._brancher([self.poids_r, self.poids_f, self.poids_m])
        self.children = [
            w.HBox(
                [
                    w.VBox([self.poids_r, self.poids_f, self.poids_m]),
                    w.VBox([self.segment, self.bouton_exporter, self.message_export]),
                ]
            ),
            self.zone_erreur,
            self.zone_resultat,
        ]
        self.add_class("atelier-rfm")
        self.calculer()

    @staticmethod
    def _poids(texte: str, champ: str):
        return nombre(texte, champ, positif=True)

    def _calculer(self) -> ResultatRFM:
        pr, pf, pm = self._lire_tout([self.poids_r, self.poids_f, self.poids_m])
        # vectorised (same scores and segments as portefeuille.rfm_clients and score_pondere,
        # tested): the base is read and scored once, a new weighting takes milliseconds
        tableau = portefeuille.rfm_vectorise(self.base)
        scores = portefeuille.scores_ponderes_vectorise(tableau, {"R": pr, "F": pf, "M": pm})
        return ResultatRFM(tableau.assign(score=scores))

    def _afficher(self, r: ResultatRFM) -> str:
        effectifs = r.segments
        segments = [
            [html.escape(nom), _n(effectifs.get(nom, 0)), html.escape(action)]
            for nom, _r, _f, action in SEGMENTS
        ]
        tete = r.tableau.sort_values(
            ["score", "montant_centimes", "id_client"],
            ascending=[False, False, True],
            kind="stable",
        ).head(10)
        meilleurs = [
            (portefeuille.client_rfm_de_la_ligne(x), Decimal(int(x.score)).scaleb(-2))
            for x in tete.itertuples()
        ]
        fiches = portefeuille.fiches_clients(self.base, [c.cle for c, _s in meilleurs])
        top = [
            [
                html.escape(fiches[c.cle]["raison_sociale"]),
                c.code,
                html.escape(format_nombre(score, 2)),
                html.escape(c.segment),
                euros_html(c.montant),
            ]
            for c, score in meilleurs
        ]
        return (
            _tableau(["Segment", "Clients", "Action conseillée"], segments, "atelier-segments")
            + "<p><b>Les 10 meilleurs scores pondérés</b></p>"
            + _tableau(["Client", "RFM", "Score", "Segment", "Montant HT"], top, "atelier-top")
        )

    def exporter(self, chemin: Path | str | None = None) -> Path | None:
        """Write the chosen segment's campaign file (CSV ``;``); returns its path or None."""
        cible = Path(chemin) if chemin else dossier_utilisateur() / "exports"
        if cible.suffix.lower() != ".csv":
            nom = self.segment.value.lower().replace(" ", "_").replace("'", "_")
            cible = cible / f"segment_{nom}.csv"
        try:
            choisis = portefeuille.clients_rfm(
                portefeuille.rfm_vectorise(self.base), self.segment.value
            )
            lignes = portefeuille.lignes_segment(self.base, choisis, self.segment.value)
            fait = portefeuille.exporter_csv(lignes, cible)
        except Exception as err:  # noqa: BLE001 - shown in French, never a traceback
            message = getattr(err, "message", None) or f"export impossible ({err})."
            self.message_export.value = (
                f"<span style='color:#b00020'>⚠ {html.escape(message)}</span>"
            )
            return None
        n = len(lignes)
        self.message_export.value = html.escape(
            f"{accorder(n, 'client exporté', 'clients exportés')} dans {fait}"
        )
        return fait


# --------------------------------------------------------------------------- rentabilité


class RentabiliteClients(Calculatrice):
    """Customer P&L of the year: totals, the least profitable clients, acquisition cost."""

    def __init__(self, base: Path | str | None = None, *, annee: int = 2025) -> None:
        super().__init__()
        self.base = base
        self.annee = annee
        self.cout_visite = ChampMontant("cout-visite", "Coût d'une visite", "85")
        self.taux_financement = ChampTaux("taux-financement", "Taux de financement", "5")
        self.taux_retours = ChampTaux("taux-retours", "Retours (% du CA)", "0")
        self._brancher([self.cout_visite, self.taux_financement, self.taux_retours])
        self.children = [
            w.HBox([self.cout_visite, self.taux_financement, self.taux_retours]),
            self.zone_erreur,
            self.zone_resultat,
        ]
        self.add_class("atelier-rentabilite")
        self.calculer()

    def _calculer(self) -> pd.DataFrame:
        visite, financement, retours = self._lire_tout(
            [self.cout_visite, self.taux_financement, self.taux_retours]
        )
        # the vectorised P&L (same figures as portefeuille.comptes_exploitation, tested):
        # the base is read once, a new cost or rate is recomputed from the kept frame
        return portefeuille.comptes_exploitation_vectorise(
            self.base,
            annee=self.annee,
            cout_visite=visite,
            taux_financement=financement,
            taux_retours=retours,
        )

    def _afficher(self, r: pd.DataFrame) -> str:
        n = int((r["contribution_centimes"] <= 0).sum())  # not rentable: contribution ≤ 0
        pires = r.sort_values(["contribution_centimes", "id_client"], kind="stable").head(10)
        lignes = []
        for ligne in pires.itertuples(index=False):
            c = portefeuille.compte_de_la_ligne(ligne)
            lignes.append(
                [
                    html.escape(c.raison_sociale),
                    euros_html(c.compte.chiffre_affaires_ht),
                    euros_html(c.compte.marge_brute),
                    euros_html(c.compte.cout_visites),
                    euros_html(c.compte.cout_credit),
                    euros_html(c.compte.cout_retours),
                    f"<b>{euros_html(c.compte.contribution)}</b>",
                ]
            )
        verbe = "coûtent plus qu'ils ne rapportent" if n > 1 else "coûte plus qu'il ne rapporte"
        phrase = (
            f"<p>{_n(n)} client{'s' if n > 1 else ''} sur {_n(len(r))} {verbe} en {self.annee}.</p>"
            if n
            else f"<p>Tous les clients de {self.annee} ont une contribution positive.</p>"
        )
        return phrase + _tableau(
            ["Client", "CA HT", "Marge brute", "Visites", "Crédit", "Retours", "Contribution"],
            lignes,
            "atelier-comptes",
        )


# --------------------------------------------------------------------------- risque


class RisqueClients(Calculatrice):
    """Encours against the credit limit (alert list), late payers and DSO per client."""

    def __init__(self, base: Path | str | None = None) -> None:
        super().__init__()
        self.base = base
        self.reference = ChampDate("reference", "Date de référence", "31/12/2025")
        self.vigilance = ChampTaux("vigilance", "Seuil de vigilance", "80")
        self._brancher([self.reference, self.vigilance])
        self.children = [
            w.HBox([self.reference, self.vigilance]),
            self.zone_erreur,
            self.zone_resultat,
        ]
        self.add_class("atelier-risque")
        self.calculer()

    def _calculer(self) -> pd.DataFrame:
        reference, vigilance = self._lire_tout([self.reference, self.vigilance])
        # vectorised (same figures as portefeuille.risque_clients, tested); a new threshold is
        # recomputed from the frame kept for this reference date
        return portefeuille.risque_clients_vectorise(
            self.base, reference=reference.isoformat(), seuil_vigilance=vigilance
        )

    def _afficher(self, r: pd.DataFrame) -> str:
        alertes = r[r["alerte"] != ""].assign(_apres=lambda t: t["alerte"] != "dépassement")
        alertes = alertes.sort_values(
            ["_apres", "encours_centimes"], ascending=[True, False], kind="stable"
        )
        depassements = int((alertes["alerte"] == "dépassement").sum())
        lignes = []
        for ligne in alertes.head(15).itertuples(index=False):
            x = portefeuille.risque_de_la_ligne(ligne)
            lignes.append(
                [
                    html.escape(x.raison_sociale),
                    euros_html(x.risque.encours),
                    euros_html(x.risque.plafond),
                    html.escape(pourcent(x.risque.taux_utilisation)),
                    html.escape(x.risque.alerte),
                    euros_html(x.echu),
                    _n(x.retard_jours),
                    "—" if x.dso is None else _n(x.dso),
                ]
            )
        retards = r["retard_jours"][r["retard_jours"] > 0]
        n = len(retards)
        surveilles = len(alertes) - depassements
        phrase = (
            f"<p>{_n(depassements)} dépassement{'s' if depassements > 1 else ''} de plafond, "
            f"{_n(surveilles)} client{'s' if surveilles > 1 else ''}"
            f" sous surveillance ; {_n(n)} client{'s' if n > 1 else ''} en retard de paiement"
            + (f" (le plus ancien : {_n(int(retards.max()))} jours)." if n else ".")
            + "</p>"
        )
        entetes = ["Client", "Encours", "Plafond", "Utilisation", "Alerte", "Échu", "Retard (j)"]
        return phrase + _tableau([*entetes, "DSO (j)"], lignes, "atelier-alertes")
