"""Tiny test app for the dashboards server tests (a TTC price from an HT price and a VAT rate).

Self-contained on purpose: the dashboards tests must not depend on the apps other engineers
are still writing. It follows the workbench widget contract (CSS classes
``atelier-champ-<nom>``, ``atelier-resultat``, ``atelier-erreur``; ``.calculer()``,
``.resultat``, ``.erreur``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import ipywidgets as w
from babel.numbers import format_currency

from widgets.erreurs import ErreurAtelier


def lire_nombre(texte: str, champ: str) -> Decimal:
    """French typing: ``1 234,56``, ``20 %``, ``1234.56``."""
    propre = texte.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    propre = propre.replace("€", "").replace("%", "").replace(",", ".")
    try:
        valeur = Decimal(propre)
    except InvalidOperation:
        raise ErreurAtelier(
            f"« {texte} » n'est pas un nombre : écrivez par exemple 1 234,56.", champ=champ
        ) from None
    if not valeur.is_finite() or valeur < 0:
        raise ErreurAtelier("le nombre doit être positif.", champ=champ)
    return valeur


class CalculTTC:
    """Prix TTC = prix HT × (1 + taux de TVA), arrondi au centime."""

    def __init__(self) -> None:
        self.prix_ht = w.Text(value="1 000", description="Prix HT (€)")
        self.prix_ht.add_class("atelier-champ-prix_ht")
        self.taux_tva = w.Text(value="20 %", description="TVA")
        self.taux_tva.add_class("atelier-champ-taux_tva")
        self.bouton = w.Button(description="Calculer")
        self.bouton.add_class("atelier-champ-calculer")
        self.sortie = w.HTML()
        self.sortie.add_class("atelier-resultat")
        self.message = w.HTML()
        self.message.add_class("atelier-erreur")
        self.resultat: Decimal | None = None
        self.erreur: str | None = None
        for champ in (self.prix_ht, self.taux_tva):
            champ.continuous_update = False
            champ.observe(lambda _: self.calculer(), names="value")
        self.bouton.on_click(lambda _: self.calculer())
        self.vue = w.VBox([self.prix_ht, self.taux_tva, self.bouton, self.sortie, self.message])
        self.calculer()

    def calculer(self) -> Decimal | None:
        try:
            ht = lire_nombre(self.prix_ht.value, "Prix HT")
            tva = lire_nombre(self.taux_tva.value, "TVA")
        except ErreurAtelier as err:
            self.erreur = str(err)
            self.message.value = self.erreur
            return self.resultat
        self.erreur = None
        self.message.value = ""
        self.resultat = (ht * (1 + tva / 100)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        self.sortie.value = "Prix TTC : " + format_currency(self.resultat, "EUR", locale="fr_FR")
        return self.resultat


class CompteurVisites:
    """Counts this student's visits in their own data folder (``ATELIER_DONNEES``).

    Used by the JupyterHub test: each user must see only their own progress.
    """

    def __init__(self) -> None:
        from widgets.donnees.chemins import dossier_utilisateur

        fichier = dossier_utilisateur() / "visites_essai.txt"
        anciennes = int(fichier.read_text(encoding="utf-8")) if fichier.exists() else 0
        self.resultat = anciennes + 1
        fichier.write_text(str(self.resultat), encoding="utf-8")
        self.sortie = w.HTML(f"Visite n° {self.resultat}")
        self.sortie.add_class("atelier-resultat")
        self.vue = w.VBox([self.sortie])
