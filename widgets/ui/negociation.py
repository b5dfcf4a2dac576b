"""Salle de négociation (savoir S741) : chaque concession coûte de la marge, jusqu'au plancher.

``SimulateurNegociation()`` : the seller's figures as French text fields (prix catalogue HT,
coût d'achat HT, taux de marge minimum OR prix plancher, taux de financement), the concessions
as sliders (remise %, escompte %, port offert €, délai de paiement supplémentaire in days).
Every move recomputes :func:`widgets.calculs.marge_de_manoeuvre` (nothing is computed here) and
shows what each concession costs, the margin left, the room left down to the floor as a gauge,
and a clear French warning when the floor is crossed.

Drive it from Python: ``sim.remise.value = 12.5`` (sliders take numbers) or
``sim.regler(remise="12,5 %", port_offert="30")`` (French text), then ``sim.resultat``
(``MargeDeManoeuvre``), ``sim.erreur``, ``sim.alerte`` (the warning text, '' if none).

CSS classes: fields ``atelier-champ-prix-catalogue``, ``-cout``, ``-taux-minimum``,
``-plancher``, ``-taux-financement``; sliders ``atelier-champ-remise``, ``-escompte``,
``-port-offert``, ``-delai``; the warning ``atelier-alerte``; results ``atelier-resultat``.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import ipywidgets as w

from widgets.calculs import (
    Concessions,
    MargeDeManoeuvre,
    marge_de_manoeuvre,
    montant,
    quantite,
    taux,
)
from widgets.calculs.format import espaces_normales, format_nombre
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import (
    COULEUR_ERREUR,
    Calculatrice,
    ChampMontant,
    ChampTaux,
    avertissements_html,
    cote_a_cote,
    euros,
    euros_html,
    pourcent,
    tableau_html,
)

__all__ = ["SimulateurNegociation"]

VERT = "#2e7d32"


class _Curseur(w.HBox):
    """Un curseur + sa valeur écrite à la française (« 12,5 % », « 30,00 € », « 45 jours »)."""

    def __init__(
        self, nom: str, libelle: str, maxi: float, pas: float, unite: str, entier: bool = False
    ) -> None:
        classe = w.IntSlider if entier else w.FloatSlider
        self.unite = unite
        self.curseur = classe(
            value=0,
            min=0,
            max=maxi,
            step=pas,
            description=libelle,
            readout=False,
            continuous_update=True,
            style={"description_width": "190px"},
            layout=w.Layout(width="460px"),
        )
        self.curseur.add_class(f"atelier-champ-{nom}")
        self.affichage = w.HTML(layout=w.Layout(width="110px"))
        self.affichage.add_class(f"atelier-valeur-{nom}")
        self.curseur.observe(lambda _c: self._afficher(), names="value")
        self._afficher()
        super().__init__([self.curseur, self.affichage])

    def texte(self) -> str:
        """La valeur, en texte lisible par :mod:`widgets.calculs` (``"12.5"``)."""
        return f"{self.curseur.value:.2f}"

    def _afficher(self) -> None:
        d = Decimal(self.texte())
        if self.unite == "%":
            texte = pourcent(d)
        elif self.unite == "€":
            texte = euros(d)
        else:
            texte = f"{int(d)} jours"
        self.affichage.value = f"<b>{html.escape(texte)}</b>"


class SimulateurNegociation(Calculatrice):
    """Simulateur de négociation : concessions au curseur, marge restante, alerte plancher."""

    def __init__(
        self,
        prix_catalogue: str = "1 000",
        cout_achat_ht: str = "700",
        taux_marge_minimum: str = "20",
        prix_plancher: str = "",
        taux_financement: str = "6",
        *,
        remise_maxi: float = 40,
        escompte_maxi: float = 5,
        port_maxi: float = 200,
        delai_maxi: int = 120,
    ) -> None:
        super().__init__()
        self.prix_catalogue = ChampMontant("prix-catalogue", "Prix catalogue HT", prix_catalogue)
        self.cout_achat_ht = ChampMontant("cout", "Coût d'achat HT", cout_achat_ht)
        self.taux_marge_minimum = ChampTaux(
            "taux-minimum",
            "Taux de marge minimum",
            taux_marge_minimum,
            maxi=None,
            facultatif=True,
            exemple="ou bien un prix plancher",
        )
        self.prix_plancher = ChampMontant(
            "plancher",
            "Prix plancher HT",
            prix_plancher,
            facultatif=True,
            exemple="ou bien un taux minimum",
        )
        self.taux_financement = ChampTaux(
            "taux-financement", "Taux de financement annuel", taux_financement, maxi=None, vide="0"
        )
        self._curseurs = {
            "remise": _Curseur("remise", "Remise accordée", remise_maxi, 0.5, "%"),
            "escompte": _Curseur("escompte", "Escompte accordé", escompte_maxi, 0.5, "%"),
            "port_offert": _Curseur("port-offert", "Port offert", port_maxi, 5, "€"),
            "delai_jours": _Curseur(
                "delai", "Délai de paiement en plus", delai_maxi, 15, "jours", entier=True
            ),
        }
        self.remise = self._curseurs["remise"].curseur
        self.escompte = self._curseurs["escompte"].curseur
        self.port_offert = self._curseurs["port_offert"].curseur
        self.delai_jours = self._curseurs["delai_jours"].curseur
        self._brancher(
            [
                self.prix_catalogue,
                self.cout_achat_ht,
                self.taux_marge_minimum,
                self.prix_plancher,
                self.taux_financement,
            ]
        )
        for curseur in self._curseurs.values():
            curseur.curseur.observe(self._sur_modification, names="value")
        self.alerte = ""
        self.zone_alerte = w.HTML()
        self.zone_alerte.add_class("atelier-alerte")
        self.jauge = w.HTML()
        gauche = w.VBox(
            [
                w.HTML("<b>Vos chiffres</b>"),
                self.prix_catalogue,
                self.cout_achat_ht,
                self.taux_marge_minimum,
                self.prix_plancher,
                self.taux_financement,
                w.HTML("<b>Les concessions demandées par le client</b>"),
                *self._curseurs.values(),
            ],
            layout=w.Layout(width="560px"),
        )
        droite = w.VBox(
            [self.zone_alerte, self.jauge, self.zone_erreur, self.zone_resultat],
            layout=w.Layout(width="440px", margin="0 0 0 12px"),
        )
        self.children = [cote_a_cote(gauche, droite)]
        self.add_class("atelier-negociation")
        self.calculer()

    def regler(self, **concessions: Any) -> MargeDeManoeuvre | None:
        """Règle les curseurs avec du texte français : ``regler(remise="12,5 %", delai_jours=30)``.

        Clés : ``remise``, ``escompte``, ``port_offert``, ``delai_jours``. Une valeur illisible
        ou hors du curseur lève :class:`~widgets.erreurs.ErreurAtelier` (message français).
        """
        lecteurs = {
            "remise": lambda v: taux(v, "Remise accordée", strict_maxi=True),
            "escompte": lambda v: taux(v, "Escompte accordé", strict_maxi=True),
            "port_offert": lambda v: montant(v, "Port offert"),
            "delai_jours": lambda v: quantite(v, "Délai de paiement en plus", minimum=0),
        }
        valeurs = {}
        for cle, brut in concessions.items():
            if cle not in lecteurs:
                raise TypeError(f"concession inconnue : {cle}")
            valeur = lecteurs[cle](brut)
            curseur = self._curseurs[cle].curseur
            if valeur > curseur.max:
                raise ErreurAtelier(
                    f"« {espaces_normales(str(brut))} » dépasse le maximum du curseur "
                    f"({format_nombre(Decimal(str(curseur.max)))}).",
                    champ=curseur.description,
                )
            valeurs[cle] = valeur
        with self.en_lot():
            for cle, valeur in valeurs.items():
                curseur = self._curseurs[cle].curseur
                curseur.value = int(valeur) if isinstance(curseur, w.IntSlider) else float(valeur)
        return self.resultat

    def _calculer(self) -> MargeDeManoeuvre:
        prix, cout, t_min, plancher, t_fin = self._lire_tout(
            [
                self.prix_catalogue,
                self.cout_achat_ht,
                self.taux_marge_minimum,
                self.prix_plancher,
                self.taux_financement,
            ]
        )
        concessions = Concessions(
            remise=self._curseurs["remise"].texte(),
            escompte=self._curseurs["escompte"].texte(),
            port_offert=self._curseurs["port_offert"].texte(),
            delai_jours=self.delai_jours.value,
            taux_financement=t_fin,
        )
        return marge_de_manoeuvre(
            prix,
            cout,
            taux_marge_minimum=t_min,
            prix_plancher=plancher,
            concessions=concessions,
        )

    def _afficher(self, r: MargeDeManoeuvre) -> str:
        self._afficher_alerte(r)
        self.jauge.value = self._jauge(r)
        couts = [(c.libelle, "− " + euros_html(c.cout)) for c in r.couts] or [
            ("Aucune concession", euros_html(Decimal(0)))
        ]
        bilan = [
            ("Prix catalogue HT", euros_html(r.prix_catalogue)),
            ("Prix net payé par le client (HT)", euros_html(r.prix_net)),
            ("Recette nette HT", euros_html(r.recette_nette)),
            ("Marge restante", f"<b>{euros_html(r.marge_restante)}</b>"),
            ("Taux de marge restant", html.escape(pourcent(r.taux_de_marge_restant))),
            ("Prix plancher", euros_html(r.prix_plancher)),
            ("Marge de manœuvre restante", f"<b>{euros_html(r.marge_de_manoeuvre_restante)}</b>"),
        ]
        if r.remise_supplementaire_maxi > 0:
            bilan.append(
                (
                    "Remise supplémentaire possible",
                    f"{html.escape(pourcent(r.remise_supplementaire_maxi))} "
                    f"({euros_html(r.remise_supplementaire_maxi_montant)})",
                )
            )
        return (
            tableau_html(couts, titre="Ce que coûte chaque concession", classe="atelier-couts")
            + tableau_html(bilan, titre="Bilan", classe="atelier-chiffres")
            + avertissements_html(r.avertissements)
        )

    def _afficher_alerte(self, r: MargeDeManoeuvre) -> None:
        if r.plancher_franchi:
            self.alerte = (
                f"Attention : plancher franchi de {euros(-r.marge_de_manoeuvre_restante)} ! "
                f"La recette nette ({euros(r.recette_nette)}) est sous votre prix plancher "
                f"({euros(r.prix_plancher)}). Reprenez une concession ou demandez une "
                "contrepartie (quantité, durée d'engagement, paiement comptant…)."
            )
            self.zone_alerte.value = (
                f'<div style="background:#fdecea;border:2px solid {COULEUR_ERREUR};'
                f'color:{COULEUR_ERREUR};padding:6px 10px;font-weight:bold">⚠ '
                f"{html.escape(self.alerte)}</div>"
            )
        else:
            self.alerte = ""
            self.zone_alerte.value = ""

    @staticmethod
    def _jauge(r: MargeDeManoeuvre) -> str:
        """Barre : part de la marge de manœuvre de départ qui reste (rouge si négative)."""
        depart = r.marge_de_manoeuvre_initiale
        reste = r.marge_de_manoeuvre_restante
        if depart <= 0:
            part = 0
        else:
            part = int(max(0, min(100, reste / depart * 100)))
        couleur = COULEUR_ERREUR if reste < 0 else (VERT if part > 25 else "#ef6c00")
        return (
            '<div style="margin:6px 0 2px 0">Marge de manœuvre restante : '
            f"<b>{html.escape(euros(reste))}</b> sur {html.escape(euros(depart))}</div>"
            '<div style="width:100%;height:14px;background:#eee;border:1px solid #bbb">'
            f'<div class="atelier-jauge" style="width:{part}%;height:100%;'
            f'background:{couleur}"></div></div>'
        )
