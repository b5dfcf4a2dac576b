"""Calculatrice de marges (savoirs S513, S443) : deux chiffres connus donnent tous les autres.

Three panels, each a :class:`~widgets.ui.champs.Calculatrice` (``.calculer()``, ``.resultat``,
``.erreur``), recomputed at every keystroke; every figure comes from :mod:`widgets.calculs`:

- :class:`SolveurMarges` — fill any two of coût d'achat HT, PV HT, PV TTC, marge, taux de marge,
  taux de marque, coefficient (PV TTC / coût) or coefficient HT (PV HT / coût), plus the VAT
  rate: :func:`~widgets.calculs.resoudre_marges` gives the rest (``.resultat`` is a ``Marges``);
- :class:`ConvertisseurTaux` — taux de marge ↔ taux de marque (``.resultat`` is a dict);
- :class:`PanneauDistribution` — marge avant, marge arrière, prix triple net and seuil de
  revente à perte (``.resultat`` is a :class:`Distribution`).

:class:`CalculatriceMarges` puts the three in tabs (``.solveur``, ``.convertisseur``,
``.distribution``). CSS classes: fields ``atelier-champ-cout``, ``-pv-ht``, ``-pv-ttc``,
``-marge``, ``-taux-marge``, ``-taux-marque``, ``-coefficient``, ``-coefficient-ht``, ``-tva``;
converter ``-conv-marge``, ``-conv-marque``; distributor ``-revente``, ``-net-facture``,
``-marge-arriere``, ``-taxes``, ``-transport``; result zones ``atelier-resultat``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from widgets.calculs import (
    FIN_SRP_PLUS_10,
    MargeArriere,
    MargeAvant,
    Marges,
    SeuilReventeAPerte,
    format_nombre,
    marge_arriere,
    marge_avant,
    resoudre_marges,
    seuil_revente_a_perte,
    taux_de_marge_depuis_marque,
    taux_de_marque_depuis_marge,
)
from widgets.ui.champs import (
    COULEUR_ERREUR,
    Calculatrice,
    ChampMontant,
    ChampSaisie,
    ChampTaux,
    ResultatObservable,
    avertissements_html,
    cote_a_cote,
    euros_html,
    pourcent,
    tableau_html,
)

__all__ = [
    "CalculatriceMarges",
    "ConvertisseurTaux",
    "Distribution",
    "PanneauDistribution",
    "SolveurMarges",
]

# (clé de resoudre_marges, nom CSS, libellé = champ des messages de widgets.calculs, exemple)
CHIFFRES = (
    ("cout_achat_ht", "cout", "Coût d'achat HT", "ex. 80,00"),
    ("prix_vente_ht", "pv-ht", "Prix de vente HT", "ex. 100,00"),
    ("prix_vente_ttc", "pv-ttc", "Prix de vente TTC", "ex. 120,00"),
    ("marge", "marge", "Marge unitaire", "ex. 20,00"),
    ("taux_de_marge", "taux-marge", "Taux de marge", "ex. 25 %"),
    ("taux_de_marque", "taux-marque", "Taux de marque", "ex. 20 %"),
    ("coefficient", "coefficient", "Coefficient multiplicateur", "PV TTC / coût, ex. 1,5"),
    ("coefficient_ht", "coefficient-ht", "Coefficient HT", "PV HT / coût, ex. 1,25"),
)
_MONTANTS = ("cout_achat_ht", "prix_vente_ht", "prix_vente_ttc", "marge")
_TAUX = ("taux_de_marge", "taux_de_marque")


def _n(valeur: Any) -> str:
    return html.escape(format_nombre(valeur, decimales_maxi=4))


class SolveurMarges(Calculatrice):
    """Tapez deux chiffres (les autres champs vides) : tous les autres s'affichent."""

    def __init__(self, **exemple: str) -> None:
        """``exemple`` : valeurs de départ, par clé (défaut : coût 80 € et taux de marque 20 %)."""
        super().__init__()
        if not exemple:
            exemple = {"cout_achat_ht": "80", "taux_de_marque": "20"}
        self.champs: dict[str, ChampSaisie] = {
            cle: ChampSaisie(nom, libelle, exemple.get(cle, ""), exemple=aide)
            for cle, nom, libelle, aide in CHIFFRES
        }
        # raccourcis : solveur.cout_achat_ht, solveur.taux_de_marque…
        self.cout_achat_ht = self.champs["cout_achat_ht"]
        self.prix_vente_ht = self.champs["prix_vente_ht"]
        self.prix_vente_ttc = self.champs["prix_vente_ttc"]
        self.marge = self.champs["marge"]
        self.taux_de_marge = self.champs["taux_de_marge"]
        self.taux_de_marque = self.champs["taux_de_marque"]
        self.coefficient = self.champs["coefficient"]
        self.coefficient_ht = self.champs["coefficient_ht"]
        self.tva = ChampSaisie("tva", "Taux de TVA", "20", exemple="ex. 20 %")
        self.bouton_effacer = w.Button(description="Tout effacer", icon="eraser")
        self.bouton_effacer.on_click(lambda _b: self.effacer())
        self._brancher([*self.champs.values(), self.tva])
        gauche = w.VBox(
            [
                w.HTML("<b>Les chiffres connus</b> (remplissez-en deux, laissez les autres vides)"),
                *self.champs.values(),
                self.tva,
                self.bouton_effacer,
            ],
            layout=w.Layout(width="380px"),
        )
        droite = w.VBox(
            [self.zone_erreur, self.zone_resultat], layout=w.Layout(width="560px", margin="0 12px")
        )
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-marges")
        self.calculer()

    def effacer(self) -> None:
        """Vide tous les chiffres (le taux de TVA reste)."""
        with self.en_lot():
            for champ in self.champs.values():
                champ.value = ""

    def _calculer(self) -> Marges:
        connus = {cle: champ.value for cle, champ in self.champs.items() if champ.value.strip()}
        return resoudre_marges(taux_tva=self.tva.value, **connus)

    def _afficher(self, r: Marges) -> str:
        lignes = []
        for cle, _nom, libelle, _aide in CHIFFRES:
            valeur = getattr(r, cle)
            if cle in _MONTANTS:
                texte = euros_html(valeur)
            elif cle in _TAUX:
                texte = html.escape(pourcent(valeur))
            else:
                texte = _n(valeur)
            texte = f"{texte} <small>(donné)</small>" if cle in r.donnees else f"<b>{texte}</b>"
            lignes.append((libelle, texte))
        etapes = "".join(f"<li>{html.escape(e)}</li>" for e in r.etapes)
        return (
            tableau_html(lignes, titre="Tous les chiffres", classe="atelier-chiffres")
            + f'<div style="margin-top:6px"><b>Le calcul</b><ol style="margin:2px 0;'
            f'padding-left:20px;font-size:0.92em">{etapes}</ol></div>'
            + avertissements_html(r.avertissements)
        )


class ConvertisseurTaux(Calculatrice):
    """Taux de marge → taux de marque, et taux de marque → taux de marge (au centième de %)."""

    def __init__(self, taux_de_marge: str = "25", taux_de_marque: str = "20") -> None:
        super().__init__()
        self.taux_de_marge = ChampTaux(
            "conv-marge", "Taux de marge", taux_de_marge, maxi=None, facultatif=True
        )
        self.taux_de_marque = ChampTaux(
            "conv-marque", "Taux de marque", taux_de_marque, strict_maxi=True, facultatif=True
        )
        self._brancher([self.taux_de_marge, self.taux_de_marque])
        explication = w.HTML(
            "<p>Taux de marque = taux de marge / (1 + taux de marge) ; "
            "taux de marge = taux de marque / (1 − taux de marque).</p>"
        )
        self.children = [
            explication,
            self.taux_de_marge,
            self.taux_de_marque,
            self.zone_erreur,
            self.zone_resultat,
        ]
        self.add_class("atelier-convertisseur")
        self.calculer()

    def _calculer(self) -> dict[str, Any]:
        marge, marque = self._lire_tout([self.taux_de_marge, self.taux_de_marque])
        return {
            "taux_de_marque": None
            if marge is None
            else taux_de_marque_depuis_marge(marge, decimales=2),
            "taux_de_marge": None
            if marque is None
            else taux_de_marge_depuis_marque(marque, decimales=2),
        }

    def _afficher(self, r: dict[str, Any]) -> str:
        lignes = []
        if r["taux_de_marque"] is not None:
            lignes.append(
                (
                    f"Taux de marge {pourcent(self.taux_de_marge.lire())} → taux de marque",
                    f"<b>{html.escape(pourcent(r['taux_de_marque']))}</b>",
                )
            )
        if r["taux_de_marge"] is not None:
            lignes.append(
                (
                    f"Taux de marque {pourcent(self.taux_de_marque.lire())} → taux de marge",
                    f"<b>{html.escape(pourcent(r['taux_de_marge']))}</b>",
                )
            )
        return tableau_html(lignes, classe="atelier-conversions")


@dataclass(frozen=True)
class Distribution:
    """Résultat du panneau distributeur : les trois calculs de :mod:`widgets.calculs`."""

    avant: MargeAvant
    arriere: MargeArriere
    srp: SeuilReventeAPerte
    revente_a_perte: bool


class PanneauDistribution(Calculatrice):
    """Marge avant, marge arrière, prix triple net et seuil de revente à perte (SRP)."""

    def __init__(
        self,
        prix_revente_ht: str = "12,00",
        net_facture: str = "9,00",
        marge_arriere_taux: str = "15",
        taxes: str = "0",
        transport: str = "0,20",
    ) -> None:
        super().__init__()
        self.prix_revente = ChampMontant("revente", "Prix de revente HT", prix_revente_ht)
        self.net_facture = ChampMontant("net-facture", "Net facturé HT", net_facture)
        self.marge_arriere = ChampTaux(
            "marge-arriere",
            "Marge arrière (%)",
            marge_arriere_taux,
            strict_maxi=True,
            facultatif=True,
        )
        self.taxes = ChampMontant("taxes", "Taxes hors TVA", taxes, vide="0")
        self.transport = ChampMontant("transport", "Transport", transport, vide="0")
        self.alimentaire = w.Checkbox(value=False, description="Denrée alimentaire (SRP+10)")
        self.alimentaire.add_class("atelier-champ-alimentaire")
        self._brancher(
            [self.prix_revente, self.net_facture, self.marge_arriere, self.taxes, self.transport]
        )
        self.alimentaire.observe(self._sur_modification, names="value")
        gauche = w.VBox(
            [
                self.prix_revente,
                self.net_facture,
                self.marge_arriere,
                self.taxes,
                self.transport,
                self.alimentaire,
            ],
            layout=w.Layout(width="380px"),
        )
        droite = w.VBox(
            [self.zone_erreur, self.zone_resultat], layout=w.Layout(width="560px", margin="0 12px")
        )
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-distribution")
        self.calculer()

    def _calculer(self) -> Distribution:
        revente, net, t_arriere, taxes, transport = self._lire_tout(
            [self.prix_revente, self.net_facture, self.marge_arriere, self.taxes, self.transport]
        )
        avant = marge_avant(revente, net)
        arriere = marge_arriere(net, taux_sur_net_facture=t_arriere)
        srp = seuil_revente_a_perte(
            net, taxes, transport, alimentaire=self.alimentaire.value, marge_arriere=arriere
        )
        return Distribution(avant, arriere, srp, srp.est_revente_a_perte(revente))

    def _afficher(self, r: Distribution) -> str:
        lignes = [
            ("Marge avant (revente − net facturé)", euros_html(r.avant.marge_avant)),
            ("… en % du prix de revente (taux de marque)", pourcent(r.avant.taux_de_marque)),
            ("… en % du net facturé (taux de marge)", pourcent(r.avant.taux_de_marge)),
            ("Marge arrière", euros_html(r.arriere.montant)),
            (
                "Prix triple net (net facturé − marge arrière)",
                euros_html(r.arriere.prix_triple_net),
            ),
            (
                "Prix d'achat effectif (triple net + taxes + transport)",
                euros_html(r.srp.prix_achat_effectif),
            ),
            ("Seuil de revente à perte (HT)", f"<b>{euros_html(r.srp.seuil)}</b>"),
        ]
        alerte = ""
        if r.revente_a_perte:
            alerte = (
                f'<div class="atelier-alerte" style="color:{COULEUR_ERREUR};font-weight:bold;'
                'margin-top:6px">⚠ Revente à perte interdite : le prix de revente HT est sous '
                "le seuil de revente à perte (article L442-5 du code de commerce).</div>"
            )
        note = "Le seuil est HT : comparez-le au prix de revente HT, jamais à un prix TTC."
        if r.srp.alimentaire:
            note += (
                " SRP+10 : mesure expérimentale de la loi EGalim (2018), prolongée plusieurs "
                f"fois, en dernier lieu jusqu'au {FIN_SRP_PLUS_10} (loi n° 2025-337 du "
                "14 avril 2025)."
            )
        etapes = "".join(f"<li>{html.escape(e)}</li>" for e in r.srp.etapes)
        return (
            tableau_html(lignes, titre="Marges du distributeur", classe="atelier-chiffres")
            + alerte
            + f'<ul style="font-size:0.92em;padding-left:18px">{etapes}</ul>'
            + f'<p class="atelier-note-srp" style="font-size:0.9em">{html.escape(note)}</p>'
        )


class CalculatriceMarges(ResultatObservable, w.VBox):
    """Les trois panneaux dans des onglets : marges et prix, conversion des taux, distributeur.

    ``.calculer()`` recalcule les trois ; ``.resultat`` et ``.erreur`` sont ceux du premier
    onglet (le solveur), des traits liés aux siens (``w.dlink``) ; chaque panneau a les siens
    (``.convertisseur.resultat``…).
    """

    def __init__(self) -> None:
        self.solveur = SolveurMarges()
        self.convertisseur = ConvertisseurTaux()
        self.distribution = PanneauDistribution()
        self.onglets = w.Tab(children=[self.solveur, self.convertisseur, self.distribution])
        for i, titre in enumerate(("Marges et prix", "Marge ↔ marque", "Distributeur, SRP")):
            self.onglets.set_title(i, titre)
        super().__init__(children=[self.onglets], layout=w.Layout(width="980px"))
        self.add_class("atelier-calculatrice-marges")
        w.dlink((self.solveur, "resultat"), (self, "resultat"))
        w.dlink((self.solveur, "erreur"), (self, "erreur"))

    def calculer(self) -> Marges | None:
        """Recalcule les trois panneaux ; renvoie le résultat du solveur."""
        self.convertisseur.calculer()
        self.distribution.calculer()
        return self.solveur.calculer()
