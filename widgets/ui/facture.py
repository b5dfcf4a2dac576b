"""Constructeur de devis / factures / bons de commande (savoir S511), recalculé à chaque frappe.

``ConstructeurFacture()`` shows: the lines (product picked from the catalogue of the database, or
free entry), the commercial reductions in cascade (rabais, remise, ristourne), the escompte,
the carriage and the deposit; on the right, the calculation step by step as on paper
(``NetAPayer.etapes`` from :func:`widgets.calculs.net_a_payer`: nothing is computed here), and a
link to download the printable document (:mod:`widgets.ui.documents`).

Drive it from Python::

    f = ConstructeurFacture(base=chemin_db)          # base=None: reference database
    f.ajouter_ligne(designation="Peignoir", quantite="10", prix_unitaire_ht="39,50")
    f.remise_1.value = "10 %"; f.escompte.value = "2"
    f.resultat.net_a_payer, f.erreur, f.document_html

CSS classes: each line row ``atelier-ligne``; its fields ``atelier-champ-designation``,
``-quantite``, ``-prix``, ``-tva``, ``-remise-ligne`` and the pick-list ``atelier-produit``;
global fields ``atelier-champ-remise-1`` … ``-remise-3``, ``-escompte``, ``-port``,
``-acompte``, ``-numero``, ``-date``, ``-acheteur``…; the steps table ``atelier-etapes`` (its
last row ``atelier-total``); the download link ``atelier-telechargement``.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import ipywidgets as w

from widgets.calculs import quantite
from widgets.calculs.conditions_paiement import (
    avertissement_delai_paiement,
    avertissement_taux_penalites,
)
from widgets.calculs.facture import NetAPayer, net_a_payer
from widgets.calculs.format import format_saisie
from widgets.donnees.catalogue_produits import (
    ClientFacture,
    Produit,
    lister_clients,
    lister_produits,
)
from widgets.donnees.reglages import interet_legal
from widgets.erreurs import ErreurAtelier
from widgets.ui.champs import (
    Calculatrice,
    ChampDate,
    ChampMontant,
    ChampQuantite,
    ChampSaisie,
    ChampTaux,
    ChampTexte,
    ZoneErreur,
    avertissements_html,
    cote_a_cote,
    euros_html,
    pourcent,
)
from widgets.ui.documents import (
    TYPES_DOCUMENT,
    VENDEUR_EXEMPLE,
    DocumentCommercial,
    Partie,
    lien_telechargement,
    nom_de_fichier,
    rendre_document,
)

__all__ = ["ConstructeurFacture", "LigneFacture"]

SAISIE_LIBRE = "— saisie libre —"
NATURES = ("Remise", "Rabais", "Ristourne")
CLIENTS_MAXI = 500  # a pick-list stays light even on a 100 000-client teaching base
PREFIXES = {"facture": "F", "devis": "D", "bon_de_commande": "BC"}
EXEMPLE_LIGNE = {
    "designation": "Serviette éponge 50 × 100",
    "quantite": "10",
    "prix_unitaire_ht": "8,90",
    "taux_tva": "20",
}


class LigneFacture(w.VBox):
    """Une ligne : produit du catalogue (ou saisie libre), désignation, quantité, PU HT, TVA,
    remise propre à la ligne."""

    def __init__(self, numero: int, produits: list[Produit], **valeurs: str) -> None:
        self.reference = ""
        self._produits = {p.libelle: p for p in produits}
        self.produit = w.Dropdown(
            options=[SAISIE_LIBRE, *self._produits],
            value=SAISIE_LIBRE,
            layout=w.Layout(width="190px"),
            tooltip="Choisissez un article du catalogue",
            description=f"Article de la ligne {numero}",
            style={"description_width": "0px"},
        )
        self.produit.add_class("atelier-produit")
        commun: dict[str, Any] = {"afficher_libelle": False, "erreur_sous_le_champ": False}
        self.designation = ChampTexte(
            "designation", "", valeurs.get("designation", ""), largeur="170px", **commun
        )
        self.quantite = ChampQuantite(
            "quantite", "", valeurs.get("quantite", "1"), largeur="64px", exemple="", **commun
        )
        self.prix = ChampMontant(
            "prix", "", valeurs.get("prix_unitaire_ht", ""), largeur="92px", exemple="", **commun
        )
        self.tva = ChampTaux(
            "tva", "", valeurs.get("taux_tva", "20"), largeur="60px", exemple="", **commun
        )
        self.remise = ChampTaux(
            "remise-ligne",
            "",
            valeurs.get("remise", ""),
            strict_maxi=True,
            vide=Decimal(0),
            largeur="60px",
            exemple="",
            **commun,
        )
        self.bouton_supprimer = w.Button(
            description="✕", tooltip="Supprimer la ligne", layout=w.Layout(width="34px")
        )
        self.champs: list[ChampSaisie] = [
            self.designation,
            self.quantite,
            self.prix,
            self.tva,
            self.remise,
        ]
        self.zone_erreur = ZoneErreur(f"ligne-{numero}")
        self.renumeroter(numero)
        super().__init__(
            children=[
                w.HBox(
                    [self.produit, *self.champs, self.bouton_supprimer],
                    layout=w.Layout(align_items="flex-start"),
                ),
                self.zone_erreur,
            ]
        )
        self.add_class("atelier-ligne")
        self.produit.observe(self._produit_choisi, names="value")

    def renumeroter(self, numero: int) -> None:
        """Les messages d'erreur nomment la ligne : « Ligne 2 — Quantité : … »."""
        self.numero = numero
        noms = ("Désignation", "Quantité", "Prix unitaire HT", "Taux de TVA", "Remise")
        for champ, nom in zip(self.champs, noms, strict=True):
            champ.libelle = f"Ligne {numero} — {nom}"
            champ.texte.tooltip = champ.libelle

    def _produit_choisi(self, change: dict[str, Any]) -> None:
        produit = self._produits.get(change["new"])
        if produit is None:
            self.reference = ""
            return
        self.reference = produit.reference
        self.designation.value = produit.designation
        self.prix.value = format_saisie(produit.prix_unitaire_ht)
        self.tva.value = format_saisie(produit.taux_tva)

    def choisir(self, reference: str) -> None:
        """Choisit l'article de référence ``reference`` dans la liste."""
        for libelle, produit in self._produits.items():
            if produit.reference == reference:
                self.produit.value = libelle
                return
        raise ErreurAtelier(
            f"la référence « {reference} » n'est pas au catalogue.", champ="Produit"
        )

    def est_vide(self) -> bool:
        """Ligne ajoutée mais pas encore remplie (ni article, ni désignation, ni prix)."""
        return (
            self.produit.value == SAISIE_LIBRE
            and not self.designation.value.strip()
            and not self.prix.value.strip()
        )

    def lire(self) -> dict[str, Any]:
        """La ligne pour :func:`net_a_payer` (chaque champ faux affiche son message)."""
        valeurs = []
        premiere: ErreurAtelier | None = None
        for champ in self.champs:
            try:
                valeurs.append(champ.lire())
            except ErreurAtelier as err:
                valeurs.append(None)
                premiere = premiere or err
        self.zone_erreur.montrer(str(premiere) if premiere else "")
        if premiere is not None:
            raise premiere
        designation, q, pu, tva, remise = valeurs
        return {
            "designation": designation or f"Ligne {self.numero}",
            "quantite": q,
            "prix_unitaire_ht": pu,
            "taux_tva": tva,
            "remises": [remise] if remise else [],
        }


def _en_tete(texte: str, largeur: str) -> w.HTML:
    return w.HTML(f"<b>{html.escape(texte)}</b>", layout=w.Layout(width=largeur))


class ConstructeurFacture(Calculatrice):
    """Devis, facture ou bon de commande : lignes, réductions, escompte, port, acompte → net à
    payer étape par étape, et le document imprimable à télécharger."""

    def __init__(
        self, base: Path | str | None = None, *, lignes: int = 1, exemple: bool = True
    ) -> None:
        """``base`` : la base clients (défaut : base de référence) ; ``lignes`` : nombre de
        lignes vides au départ ; ``exemple`` : la première ligne est pré-remplie (10 serviettes
        à 8,90 €) pour que l'écran montre tout de suite un calcul.

        One builder per section of the screen (``_section_*``): each creates its fields as
        attributes and returns its box; the constructor assembles the two tabs and the result
        column, then plugs the fields into the live recalculation."""
        super().__init__(layout=w.Layout(width="100%"))
        # legal rates of today (dated table, teacher's setting past it)
        self.interet_legal = interet_legal()
        self._lire_catalogue(base)
        self.lignes: list[LigneFacture] = []
        onglet_lignes = w.VBox(
            [
                self.info_catalogue,
                self._section_lignes(),
                w.HBox(
                    [self._section_reductions(), self._section_escompte_port_acompte()],
                    layout=w.Layout(margin="8px 0 0 0"),
                ),
            ]
        )
        onglet_document = w.HBox([self._section_document(), self._section_acheteur()])
        self.onglets = w.Tab(children=[onglet_lignes, onglet_document])
        self.onglets.set_title(0, "Lignes")
        self.onglets.set_title(1, "Client, conditions")
        self.onglets.layout = w.Layout(width="760px", max_width="100%", overflow="auto")
        self.children = [cote_a_cote(self.onglets, self._section_resultat())]
        self.add_class("atelier-facture")

        self._champs_globaux = [
            self.remise_1,
            self.remise_2,
            self.remise_3,
            self.escompte,
            self.port,
            self.acompte,
        ]
        self._champs_document = [
            self.numero,
            self.date_emission,
            self.date_livraison,
            self.acheteur,
            self.acheteur_adresse,
            self.acheteur_ville,
            self.acheteur_siren,
            self.delai_paiement,
            self.delai_escompte,
            self.taux_penalites,
        ]
        self._brancher(self._champs_globaux + self._champs_document)
        for nature in self.natures:
            nature.observe(self._sur_modification, names="value")
        self.client.observe(self._client_choisi, names="value")
        self.type_document.observe(self._type_choisi, names="value")
        with self.en_lot():
            for i in range(lignes):
                if i == 0 and exemple:
                    self.ajouter_ligne(**EXEMPLE_LIGNE)
                else:
                    self.ajouter_ligne()

    # -- construction, one builder per section -----------------------------------------------
    def _lire_catalogue(self, base: Path | str | None) -> None:
        """Products and clients of the base for the pick-lists (empty, with a note, if the
        base cannot be read)."""
        self.info_catalogue = w.HTML()
        try:
            self.produits = lister_produits(base)
            self.clients = lister_clients(base, limite=CLIENTS_MAXI)
        except ErreurAtelier as err:
            self.produits, self.clients = [], []
            self.info_catalogue.value = f"<i>{html.escape(str(err))}</i>"

    def _section_lignes(self) -> w.VBox:
        """The column headers, the line rows and the « add a line » button."""
        self.boite_lignes = w.VBox()
        self.bouton_ajouter = w.Button(description="+ Ajouter une ligne", icon="")
        self.bouton_ajouter.add_class("atelier-ajouter-ligne")
        self.bouton_ajouter.on_click(lambda _b: self.ajouter_ligne())
        entetes = w.HBox(
            [
                _en_tete("Article", "194px"),
                _en_tete("Désignation", "174px"),
                _en_tete("Qté", "68px"),
                _en_tete("PU HT", "96px"),
                _en_tete("TVA %", "64px"),
                _en_tete("Rem. %", "64px"),
            ]
        )
        return w.VBox([entetes, self.boite_lignes, self.bouton_ajouter])

    def _section_reductions(self) -> w.VBox:
        """Three commercial reductions in cascade, each with its nature."""
        self.natures = [
            w.Dropdown(
                options=NATURES,
                value=n,
                description=f"Nature de la réduction {i}",
                style={"description_width": "0px"},
                layout=w.Layout(width="110px"),
            )
            for i, n in enumerate(("Rabais", "Remise", "Ristourne"), 1)
        ]
        self.remise_1, self.remise_2, self.remise_3 = (
            ChampTaux(
                f"remise-{i}",
                f"Remise {i}",
                strict_maxi=True,
                vide=Decimal(0),
                largeur="200px",
                largeur_libelle="80px",
                exemple="%",
            )
            for i in (1, 2, 3)
        )
        return w.VBox(
            [
                w.HTML("<b>Réductions commerciales, en cascade</b>"),
                *(
                    w.HBox([nature, champ])
                    for nature, champ in zip(
                        self.natures, (self.remise_1, self.remise_2, self.remise_3), strict=True
                    )
                ),
            ]
        )

    def _section_escompte_port_acompte(self) -> w.VBox:
        self.escompte = ChampTaux("escompte", "Escompte", strict_maxi=True, vide=Decimal(0))
        self.port = ChampMontant("port", "Frais de port HT", vide=Decimal(0))
        self.acompte = ChampMontant("acompte", "Acompte (TTC)", vide=Decimal(0))
        return w.VBox(
            [w.HTML("<b>Escompte, port, acompte</b>"), self.escompte, self.port, self.acompte]
        )

    def _section_document(self) -> w.VBox:
        """Type, number, dates and payment terms, with the legal warnings (L441-10) shown
        right under their field (non-blocking)."""
        self.type_document = w.Dropdown(
            options=[(titre, code) for code, titre in TYPES_DOCUMENT.items()],
            value="facture",
            description="Document",
            style={"description_width": "190px"},
            layout=w.Layout(width="340px"),
        )
        self.numero = ChampTexte("numero", "Numéro", "F2025-0001", obligatoire=True)
        self.date_emission = ChampDate("date", "Date d'émission", "31/12/2025")
        self.date_livraison = ChampDate("livraison", "Date de livraison", facultatif=True)
        self.delai_paiement = ChampSaisie(
            "delai",
            "Délai de paiement (jours)",
            "30",
            analyseur=lambda t, champ: quantite(t, champ=champ, minimum=0),
        )
        self.delai_escompte = ChampSaisie(
            "delai-escompte",
            "Délai d'escompte (jours)",
            "10",
            analyseur=lambda t, champ: quantite(t, champ=champ, minimum=0),
        )
        self.taux_penalites = ChampTaux(
            "penalites",
            "Pénalités de retard (%/an)",
            facultatif=True,
            exemple=f"au moins {pourcent(self.interet_legal.penalites_minimum)}"
            + (f" ({self.interet_legal.avertissement})" if self.interet_legal.avertissement else "")
            + " ; vide : BCE + 10 points",
        )
        self.avertissement_delai = w.HTML()
        self.avertissement_delai.add_class("atelier-avertissement-delai")
        self.avertissement_penalites = w.HTML()
        self.avertissement_penalites.add_class("atelier-avertissement-penalites")
        self.avertissements: tuple[str, ...] = ()
        return w.VBox(
            [
                self.type_document,
                self.numero,
                self.date_emission,
                self.date_livraison,
                self.delai_paiement,
                self.avertissement_delai,
                self.delai_escompte,
                self.taux_penalites,
                self.avertissement_penalites,
            ]
        )

    def _section_acheteur(self) -> w.VBox:
        """The buyer: picked among the base's clients or typed freely."""
        self.client = w.Dropdown(
            options=[SAISIE_LIBRE, *(c.raison_sociale for c in self.clients)],
            value=SAISIE_LIBRE,
            description="Client de la base",
            style={"description_width": "130px"},
            layout=w.Layout(width="370px"),
        )
        acheteur: dict[str, Any] = {"largeur_libelle": "130px", "largeur": "370px"}
        self.acheteur = ChampTexte(
            "acheteur", "Raison sociale", "Souvenirs de Montmartre", obligatoire=True, **acheteur
        )
        self.acheteur_adresse = ChampTexte("adresse", "Adresse", "3 rue Foyatier", **acheteur)
        self.acheteur_ville = ChampTexte("ville", "CP et ville", "75018 Paris", **acheteur)
        self.acheteur_siren = ChampTexte("siren", "SIREN du client", "732829320", **acheteur)
        return w.VBox(
            [
                self.client,
                self.acheteur,
                self.acheteur_adresse,
                self.acheteur_ville,
                self.acheteur_siren,
            ]
        )

    def _section_resultat(self) -> w.VBox:
        """The right-hand column: error, the calculation step by step, the document link."""
        self.document: DocumentCommercial | None = None
        self.document_html = ""
        self.zone_document = w.HTML()
        return w.VBox(
            [self.zone_erreur, self.zone_resultat, self.zone_document],
            layout=w.Layout(width="430px", margin="0 0 0 12px"),
        )

    # -- lignes ---------------------------------------------------------------------------
    def ajouter_ligne(self, reference: str | None = None, **valeurs: str) -> LigneFacture:
        """Ajoute une ligne (``reference`` : article du catalogue ; sinon saisie libre avec
        ``designation``, ``quantite``, ``prix_unitaire_ht``, ``taux_tva``, ``remise``)."""
        ligne = LigneFacture(len(self.lignes) + 1, self.produits, **valeurs)
        with self.en_lot():
            self.lignes.append(ligne)
            self._brancher(ligne.champs)
            ligne.bouton_supprimer.on_click(lambda _b: self.supprimer_ligne(ligne))
            ligne.produit.observe(self._sur_modification, names="value")
            if reference:
                with self.en_lot():
                    ligne.choisir(reference)
            self.boite_lignes.children = tuple(self.lignes)
        return ligne

    def supprimer_ligne(self, ligne: LigneFacture | int) -> None:
        """Retire une ligne (l'objet ou son rang, à partir de 0)."""
        if isinstance(ligne, int):
            ligne = self.lignes[ligne]
        with self.en_lot():
            self.lignes.remove(ligne)
            self._debrancher(ligne.champs)
            for i, autre in enumerate(self.lignes, start=1):
                autre.renumeroter(i)
            self.boite_lignes.children = tuple(self.lignes)

    def _type_choisi(self, change: dict[str, Any]) -> None:
        """Numéro proposé avec le préfixe du document : F2025-0001 → D2025-0001 pour un devis."""
        ancien, nouveau = PREFIXES[change["old"]], PREFIXES[change["new"]]
        with self.en_lot():
            if re.fullmatch(rf"{ancien}\d{{4}}-\d+", self.numero.value.strip()):
                self.numero.value = nouveau + self.numero.value.strip()[len(ancien) :]

    def _client_choisi(self, change: dict[str, Any]) -> None:
        client: ClientFacture | None = next(
            (c for c in self.clients if c.raison_sociale == change["new"]), None
        )
        if client is None:
            return
        with self.en_lot():
            self.acheteur.value = client.raison_sociale
            self.acheteur_adresse.value = client.adresse
            self.acheteur_ville.value = f"{client.code_postal} {client.ville}".strip()
            self.acheteur_siren.value = client.siren
            self.delai_paiement.value = str(client.delai_paiement_jours)

    # -- calcul ---------------------------------------------------------------------------
    def _calculer(self) -> NetAPayer:
        lignes: list[dict[str, Any]] = []
        premiere: ErreurAtelier | None = None
        for ligne in self.lignes:
            if ligne.est_vide():  # a line just added, not filled yet: ignored, no message
                ligne.zone_erreur.effacer()
                continue
            try:
                lignes.append(ligne.lire())
            except ErreurAtelier as err:
                premiere = premiere or err
        try:
            r1, r2, r3, escompte, port, acompte = self._lire_tout(self._champs_globaux)
        except ErreurAtelier as err:
            premiere = premiere or err
        try:
            document = self._lire_tout(self._champs_document)
        except ErreurAtelier as err:
            premiere = premiere or err
        if premiere is not None:
            raise premiere
        remises = [
            (nature.value, t) for nature, t in zip(self.natures, (r1, r2, r3), strict=True) if t
        ]
        calcul = net_a_payer(lignes, remises=remises, escompte=escompte, port=port, acompte=acompte)
        numero, date, livraison, nom, adresse, ville, siren, delai, delai_esc, penalites = document
        self._avertir(delai, penalites)
        # an escompte is deducted on the document only if the whole term fits in its delay;
        # otherwise the document is due without it and the escompte is offered (mentions)
        propose = calcul.escompte is not None and delai > delai_esc
        au_terme = (
            net_a_payer(lignes, remises=remises, escompte=0, port=port, acompte=acompte)
            if propose
            else calcul
        )
        self.document = DocumentCommercial(
            type_document=self.type_document.value,
            numero=numero,
            date_emission=date,
            date_livraison=livraison,
            vendeur=VENDEUR_EXEMPLE,
            acheteur=Partie(nom, adresse, ville, siren),
            delai_paiement_jours=delai,
            delai_escompte_jours=delai_esc,
            taux_penalites=penalites,
            references=tuple(ligne.reference for ligne in self.lignes if not ligne.est_vide()),
            escompte_propose=calcul if propose else None,
        )
        self.document_html = rendre_document(self.document, au_terme)
        return calcul

    def _avertir(self, delai: int, penalites: Decimal | None) -> None:
        """Shows the L441-10 warnings under the term and penalty fields (never blocking)."""
        messages = []
        for zone, message in (
            (self.avertissement_delai, avertissement_delai_paiement(delai)),
            (
                self.avertissement_penalites,
                avertissement_taux_penalites(penalites, self.interet_legal),
            ),
        ):
            zone.value = avertissements_html([message]) if message else ""
            if message:
                messages.append(message)
        self.avertissements = tuple(messages)

    def _afficher(self, resultat: NetAPayer) -> str:
        lignes = []
        for i, etape in enumerate(resultat.etapes):
            style = "font-weight:bold;border-top:1px solid #333" if etape.operation == "=" else ""
            classe = ' class="atelier-total"' if i == len(resultat.etapes) - 1 else ""
            lignes.append(
                f'<tr{classe} style="{style}"><td style="width:1.5em">{etape.operation}</td>'
                f"<td>{html.escape(etape.libelle)}</td>"
                f'<td style="text-align:right;padding-left:12px">'
                f"{euros_html(abs(etape.montant))}</td></tr>"
            )
        titre = self.document.titre if self.document else "Calcul"
        self.zone_document.value = (
            lien_telechargement(
                self.document_html,
                nom_de_fichier(self.document),
                f"Télécharger {titre.lower()} (HTML, imprimable A4)",
            )
            if self.document
            else ""
        )
        return (
            f'<div style="font-weight:bold;margin-bottom:4px">{html.escape(titre)} : le calcul '
            "étape par étape</div>"
            '<table class="atelier-etapes" style="border-collapse:collapse">'
            + "".join(lignes)
            + "</table>"
            + avertissements_html(resultat.avertissements)
            + self._note_escompte()
        )

    def _note_escompte(self) -> str:
        doc = self.document
        if doc is None or doc.escompte_propose is None:
            return ""
        return (
            '<p class="atelier-note-escompte" style="font-size:0.9em">Sur le document, '
            f"payable à {doc.delai_paiement_jours} jours, l'escompte n'est pas déduit : il est "
            f"proposé pour un paiement sous {doc.delai_escompte_jours} jours (voir les "
            "mentions).</p>"
        )
