"""Petites briques d'interface partagées : champs de saisie « à la française », zones d'erreur
et de résultat, et une base commune aux calculatrices.

Every widget of the workbench is built from these pieces so that it behaves the same way:

- a field (:class:`ChampMontant`, :class:`ChampTaux`, :class:`ChampQuantite`, :class:`ChampTexte`,
  :class:`ChampDate`) is an ``ipywidgets.Text`` (the student types ``1 234,56``, ``12,5 %``…)
  plus a French error label right below it. ``champ.value`` is the raw text (settable from
  Python), ``champ.lire()`` parses it through :mod:`widgets.calculs` and shows/clears the error;
- :class:`ZoneErreur` shows one French message (never a traceback);
- :class:`ZoneResultat` shows the last valid result and greys it out while the input is invalid;
- :class:`Calculatrice` is the base of the calculators: ``.calculer()``, ``.resultat`` (the
  calculation dataclass or ``None``), ``.erreur`` (French text or ``""``), live recalculation on
  every keystroke.

Stable CSS classes (used by the browser tests):

- ``atelier-champ`` on the whole field box, ``atelier-champ-<nom>`` on the ``Text`` widget itself
  (so ``.atelier-champ-prix input`` finds the input box);
- ``atelier-erreur`` (and ``atelier-erreur-<nom>`` for a field) on every error label;
- ``atelier-resultat`` on every result area (``atelier-perime`` added while it is stale).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from decimal import Decimal
from functools import lru_cache
from typing import Any

import ipywidgets as w
import traitlets

from widgets.calculs import (
    SaisieInvalide,
    date_francaise,
    format_euros,
    format_pourcent,
    montant,
    quantite,
    taux,
)
from widgets.donnees import plans
from widgets.erreurs import ErreurAtelier
from widgets.ui import session

LARGEUR_LIBELLE = "190px"
COULEUR_ERREUR = "#b00020"
COULEUR_AVERTISSEMENT = "#8a5300"

__all__ = [
    "Calculatrice",
    "PlanEnregistre",
    "ResultatObservable",
    "ListeEditable",
    "ChampDate",
    "ChampMontant",
    "ChampQuantite",
    "ChampSaisie",
    "ChampTaux",
    "ChampTexte",
    "ZoneErreur",
    "ZoneResultat",
    "avertissements_html",
    "cote_a_cote",
    "feuille_de_style",
    "formulaire",
    "euros",
    "euros_html",
    "pourcent",
    "tableau_html",
]


@lru_cache(maxsize=4096)
def _euros(valeur: Decimal | int) -> str:
    return format_euros(valeur)


@lru_cache(maxsize=1024)
def _pourcent(valeur: Decimal | int, decimales: int) -> str:
    return format_pourcent(valeur, decimales=decimales)


def euros(valeur: Decimal | int | None) -> str:
    """``Decimal('1234.5')`` → ``'1 234,50 €'`` (babel, fr_FR) ; ``None`` → ``'—'``.

    Mis en cache : babel coûte environ 0,2 ms par appel et une facture en affiche des dizaines
    à chaque frappe, presque toujours les mêmes.
    """
    return "—" if valeur is None else _euros(valeur)


def euros_html(valeur: Decimal | int | None) -> str:
    """Montant en euros prêt à insérer dans du HTML (échappé, sans coupure de ligne)."""
    return f'<span style="white-space:nowrap">{html.escape(euros(valeur))}</span>'


def pourcent(valeur: Decimal | int | None, decimales: int = 2) -> str:
    """``Decimal('12.5')`` → ``'12,5 %'`` ; ``None`` → ``'—'``."""
    return "—" if valeur is None else _pourcent(valeur, decimales)


def tableau_html(
    lignes: Iterable[tuple[str, str]], *, titre: str | None = None, classe: str = ""
) -> str:
    """Tableau HTML à deux colonnes (libellé, valeur déjà formatée et sûre)."""
    corps = "".join(
        f'<tr><th style="text-align:left;font-weight:normal;padding:2px 12px 2px 0">'
        f"{html.escape(libelle)}</th>"
        f'<td style="text-align:right;padding:2px 0">{valeur}</td></tr>'
        for libelle, valeur in lignes
    )
    tete = f'<div style="font-weight:bold;margin:4px 0">{html.escape(titre)}</div>' if titre else ""
    return f'{tete}<table class="{classe}" style="border-collapse:collapse">{corps}</table>'


def avertissements_html(avertissements: Sequence[str]) -> str:
    """Liste d'avertissements (non bloquants) en orange, ou chaîne vide."""
    if not avertissements:
        return ""
    items = "".join(f"<li>{html.escape(a)}</li>" for a in avertissements)
    return (
        f'<ul class="atelier-avertissement" style="color:{COULEUR_AVERTISSEMENT};'
        f'margin:4px 0;padding-left:18px">{items}</ul>'
    )


# The widgets' own CSS in JupyterLab and Voilà (the dashboards template has the same rules):
# - keyboard focus ring (RGAA 10.7): 3 px, #1a4fa3 on white = 7.6:1; ipywidgets removes its
#   inputs' outline with !important, hence !important here;
# - tab titles never cut (ipywidgets caps a tab at 144 px with an ellipsis): a tab is as wide
#   as its title and the tab bar wraps on a narrow screen;
# - coloured buttons whose white text reaches 4.5:1, dark tab and accordion titles (RGAA 3.2);
# - a label longer than its width wraps onto two lines instead of ending in « … ».
STYLE_ECRAN = (
    "<style>.jupyter-widgets input:focus-visible,.jupyter-widgets textarea:focus-visible,"
    ".jupyter-widgets select:focus-visible,.jupyter-widgets button:focus-visible,"
    ".jupyter-widgets .lm-TabBar-tab:focus-visible,.atelier-editeur-sql textarea:focus-visible"
    "{outline:3px solid #1a4fa3!important;outline-offset:2px!important}"
    ".jupyter-button.mod-primary{background-color:#1565c0}"  # white text at 5.7:1, not 3.1
    ".jupyter-button.mod-success{background-color:#2e7d32}"
    ".jupyter-button.mod-info{background-color:#00838f}"
    ".jupyter-button.mod-warning{background-color:#b35900}"
    ".jupyter-button.mod-danger{background-color:#c62828}"
    ".jupyter-widget-inline-hbox>.jupyter-widget-label,.widget-inline-hbox>.widget-label,"
    ".widget-checkbox .widget-label-basic,.jupyter-widget-checkbox .jupyter-widget-label-basic,"
    ".widget-label-basic span"
    "{white-space:normal;overflow:visible;text-overflow:clip;overflow-wrap:anywhere;"
    "line-height:1.15;height:auto;align-self:center}"
    ".jupyter-widget-tab>.lm-TabBar .lm-TabBar-tab,.jupyter-widget-Collapse-header"
    "{color:#1f1f1f!important}"
    ".jupyter-button{width:auto;min-width:var(--jp-widgets-inline-width-tiny)}"
    ".jupyter-widget-tab>.lm-TabBar .lm-TabBar-content{flex-wrap:wrap}"
    ".jupyter-widget-tab>.lm-TabBar .lm-TabBar-tab{flex:0 0 auto!important;max-width:none}"
    ".jupyter-widget-tab>.lm-TabBar{overflow:visible;height:auto!important;"
    "min-height:var(--jp-widgets-horizontal-tab-height)}</style>"
)


def feuille_de_style() -> w.HTML:
    """An invisible widget carrying :data:`STYLE_ECRAN` (a ``<style>`` applies even hidden)."""
    return w.HTML(STYLE_ECRAN, layout=w.Layout(display="none"))


def formulaire(enfants: Sequence[w.Widget], largeur: str = "380px", **layout: Any) -> w.VBox:
    """The column of fields of a calculator: ``largeur`` wide (never narrower: a neighbour
    never squeezes it, so no label or input box is cut), at most the screen's width.

    A labelled choice among the fields (``Dropdown``, ``ToggleButtons``… with a
    ``description`` and the ipywidgets default label width of 80 px, which cuts
    « Remboursement ») gets the fields' label width, so that labels align and are never cut.
    """
    for enfant in enfants:
        style = getattr(enfant, "style", None)
        if getattr(enfant, "description", "") and getattr(style, "description_width", None) == "":
            style.description_width = LARGEUR_LIBELLE
            if not enfant.layout.width:
                enfant.layout.width = "340px"
    options = {"width": largeur, "flex": "0 0 auto", "max_width": "100%", **layout}
    return w.VBox([*enfants, feuille_de_style()], layout=w.Layout(**options))


def cote_a_cote(*blocs: w.Widget, **layout: Any) -> w.HBox:
    """Side by side when the screen is wide enough, one under the other otherwise.

    The row wraps (``flex-flow: row wrap``) instead of squeezing: the first block (the form)
    keeps its width; every following block (a result, a chart) takes the remaining room, at
    least 320 px, and scrolls horizontally when its table is wider (``overflow: auto``), so
    it never covers the inputs nor hides its own last columns.
    """
    for bloc in blocs[1:]:
        bloc.layout.flex = bloc.layout.flex or "1 1 320px"
        bloc.layout.min_width = bloc.layout.min_width or "0"
        bloc.layout.max_width = "100%"
        bloc.layout.overflow = bloc.layout.overflow or "auto"
    if blocs:
        blocs[0].layout.flex = blocs[0].layout.flex or "0 0 auto"
        blocs[0].layout.max_width = "100%"
    options = {"flex_flow": "row wrap", "align_items": "flex-start", "width": "100%", **layout}
    return w.HBox(list(blocs), layout=w.Layout(**options))


class ResultatObservable(traitlets.HasTraits):
    """Mixin of the widget families: the result and the error message are traits.

    ``widget.observe(rappel, names="resultat")`` is called after each successful calculation
    that changes the result; ``w.dlink((a, "resultat"), (b, "resultat"))`` chains two widgets.
    A wrong input sets ``erreur`` and keeps the previous valid ``resultat``.
    """

    resultat = traitlets.Any(
        None,
        allow_none=True,
        help="The last valid result (None before the first successful calculation); kept, "
        "not cleared, while the input is wrong.",
    )
    erreur = traitlets.Unicode(
        "", help="The French message shown to the student ('' when everything is valid)."
    )

    @traitlets.observe("children")
    def _avec_feuille_de_style(self, change: dict) -> None:
        """Each widget family carries the widgets' CSS (:data:`STYLE_ECRAN`: focus ring,
        labels and tab titles never cut) as a hidden last child, in JupyterLab as in Voilà."""
        enfants = tuple(change["new"])
        if not any(getattr(e, "_feuille_atelier", False) for e in enfants):
            feuille = feuille_de_style()
            feuille._feuille_atelier = True
            self.children = (*enfants, feuille)


class ZoneErreur(w.HTML):
    """Zone qui affiche un message d'erreur en français (vide quand tout va bien)."""

    message = traitlets.Unicode("", help="The message shown, plain text ('' if none).")

    def __init__(self, nom: str | None = None, **kwargs: Any) -> None:
        super().__init__(value="", **kwargs)
        self.add_class("atelier-erreur")
        if nom:
            self.add_class(f"atelier-erreur-{nom}")

    def montrer(self, message: str) -> None:
        """Affiche ``message`` (texte brut, échappé)."""
        self.message = message
        self.value = (
            f'<span style="color:{COULEUR_ERREUR};font-size:0.9em">⚠ {html.escape(message)}</span>'
            if message
            else ""
        )

    def effacer(self) -> None:
        """Efface le message."""
        self.montrer("")


class ZoneResultat(w.HTML):
    """Zone de résultat : garde le dernier résultat valide, grisé tant que la saisie est fausse."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(value="", **kwargs)
        self.add_class("atelier-resultat")
        self._contenu = ""

    def montrer(self, contenu_html: str) -> None:
        """Affiche un nouveau résultat (HTML sûr, construit par le widget)."""
        self._contenu = contenu_html
        self.remove_class("atelier-perime")
        self.value = contenu_html

    def marquer_perime(self) -> None:
        """La saisie en cours est invalide : on laisse le dernier résultat, grisé et annoté."""
        if not self._contenu:
            return
        self.add_class("atelier-perime")
        self.value = (
            '<div style="opacity:0.55">'
            + self._contenu
            + '</div><div style="font-size:0.85em;color:#555">'
            "(dernier résultat valide : corrigez la saisie pour le mettre à jour)</div>"
        )


class ChampSaisie(w.VBox):
    """Un champ de saisie texte + sa zone d'erreur.

    ``value`` (the raw text, linked both ways to the ``Text`` box) and ``erreur`` (the message
    under the field) are traits: ``w.link((champ, "value"), (autre, "value"))`` works.

    ``analyseur(texte, libelle)`` transforme le texte en valeur ou lève une
    :class:`~widgets.erreurs.ErreurAtelier`. Si ``vide`` n'est pas ``None``, un champ laissé
    vide vaut ``vide`` (champ facultatif) ; sinon le texte vide est confié à l'analyseur (qui
    refuse avec un message français). ``facultatif=True`` : le vide vaut ``None``.
    ``afficher_libelle=False`` : pas d'étiquette (lignes d'un tableau), le libellé sert
    seulement aux messages et à l'infobulle ; ``erreur_sous_le_champ=False`` : le message est
    gardé (``.erreur``) mais c'est au conteneur de l'afficher (une zone par ligne de tableau).
    """

    def __init__(
        self,
        nom: str,
        libelle: str,
        valeur: str = "",
        *,
        analyseur: Callable[[str, str], Any] | None = None,
        vide: Any = None,
        facultatif: bool = False,
        exemple: str = "",
        aide: str = "",
        largeur_libelle: str = LARGEUR_LIBELLE,
        largeur: str = "340px",
        afficher_libelle: bool = True,
        erreur_sous_le_champ: bool = True,
    ) -> None:
        self.nom = nom
        self.libelle = libelle
        self.vide = vide
        self.facultatif = facultatif
        self._analyseur = analyseur
        # Without a visible label (a table's cell) the label is still there, 0 px wide: the
        # input keeps its accessible name (<label for>, RGAA 11.1).
        self.texte = w.Text(
            value=valeur,
            description=libelle,
            placeholder=exemple,
            tooltip=aide or (None if afficher_libelle else libelle),
            continuous_update=True,
            style={"description_width": largeur_libelle if afficher_libelle else "0px"},
            layout=w.Layout(width=largeur),
        )
        self.texte.add_class(f"atelier-champ-{nom}")
        self.zone_erreur = ZoneErreur(nom)
        if not erreur_sous_le_champ:
            self.zone_erreur.layout.display = "none"
        super().__init__(
            children=[self.texte, self.zone_erreur],
            layout=w.Layout(margin="0 0 2px 0", width=f"calc({largeur} + 8px)"),
        )
        self.add_class("atelier-champ")
        w.link((self.texte, "value"), (self, "value"))
        w.dlink((self.zone_erreur, "message"), (self, "erreur"))

    # -- texte brut -----------------------------------------------------------------------
    value = traitlets.Unicode(
        "", help='The typed text, settable from Python: champ.value = "1 234,56".'
    )
    erreur = traitlets.Unicode(
        "", help="The message shown under the field ('' when the input is valid)."
    )

    def observer(self, rappel: Callable[[], None]) -> None:
        """Appelle ``rappel()`` à chaque modification du texte (frappe au clavier comprise)."""
        self.texte.observe(lambda _change: rappel(), names="value")

    # -- lecture --------------------------------------------------------------------------
    def analyser(self, texte: str) -> Any:
        """Convertit ``texte`` (sans toucher à l'affichage) ; lève ErreurAtelier si invalide."""
        if (self.vide is not None or self.facultatif) and not texte.strip():
            return self.vide
        if self._analyseur is None:
            return texte.strip()
        return self._analyseur(texte, self.libelle)

    def lire(self) -> Any:
        """Valeur convertie ; affiche (puis relève) l'erreur française si la saisie est fausse."""
        try:
            valeur = self.analyser(self.value)
        except ErreurAtelier as err:
            self.zone_erreur.montrer(str(err))
            raise
        self.zone_erreur.effacer()
        return valeur


class ChampMontant(ChampSaisie):
    """Montant en euros : accepte ``1234,56``, ``1 234,56``, ``1234.56``, ``1 234,56 €``."""

    def __init__(
        self, nom: str, libelle: str, valeur: str = "", *, positif: bool = True, **kwargs: Any
    ) -> None:
        kwargs.setdefault("exemple", "ex. 1 234,56")
        super().__init__(
            nom,
            libelle,
            valeur,
            analyseur=lambda t, champ: montant(t, champ=champ, positif=positif),
            **kwargs,
        )


class ChampTaux(ChampSaisie):
    """Taux en pourcentage : accepte ``12,5``, ``12,5 %``, ``12.5`` (20 veut dire 20 %)."""

    def __init__(
        self,
        nom: str,
        libelle: str,
        valeur: str = "",
        *,
        maxi: int | Decimal = 100,
        strict_maxi: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("exemple", "ex. 12,5 %")
        super().__init__(
            nom,
            libelle,
            valeur,
            analyseur=lambda t, champ: taux(t, champ=champ, maxi=maxi, strict_maxi=strict_maxi),
            **kwargs,
        )


class ChampQuantite(ChampSaisie):
    """Quantité : nombre entier positif."""

    def __init__(self, nom: str, libelle: str, valeur: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("exemple", "ex. 12")
        super().__init__(
            nom, libelle, valeur, analyseur=lambda t, champ: quantite(t, champ=champ), **kwargs
        )


class ChampTexte(ChampSaisie):
    """Texte libre (désignation, raison sociale…) ; ``obligatoire`` refuse le vide."""

    def __init__(
        self, nom: str, libelle: str, valeur: str = "", *, obligatoire: bool = False, **kwargs: Any
    ) -> None:
        def _lire(texte: str, champ: str) -> str:
            if obligatoire and not texte.strip():
                raise SaisieInvalide("ce champ est obligatoire.", champ=champ)
            return texte.strip()

        super().__init__(nom, libelle, valeur, analyseur=_lire, **kwargs)


def lire_date(texte: str, champ: str = "Date") -> dt.date:
    """``31/12/2025`` or ``2025-12-31`` → ``date(2025, 12, 31)`` (:func:`date_francaise`)."""
    return date_francaise(texte, champ)


class ChampDate(ChampSaisie):
    """Date au format français ``jj/mm/aaaa`` (``aaaa-mm-jj`` accepté aussi)."""

    def __init__(self, nom: str, libelle: str, valeur: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("exemple", "ex. 31/12/2025")
        super().__init__(nom, libelle, valeur, analyseur=lire_date, **kwargs)


class Calculatrice(ResultatObservable, w.VBox):
    """Base des calculatrices : recalcul en direct, erreurs en français, dernier résultat gardé.

    A subclass builds its fields, calls :meth:`_brancher` with them, and implements
    ``_calculer()`` (read the fields, call :mod:`widgets.calculs`, return the result dataclass)
    and ``_afficher(resultat)`` (return the HTML of :attr:`zone_resultat`). ``resultat`` and
    ``erreur`` (the first message shown, field or calculation) are traits
    (:class:`ResultatObservable`), updated by :meth:`calculer`.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.zone_erreur = ZoneErreur()
        self.zone_resultat = ZoneResultat()
        self._champs: list[ChampSaisie] = []
        self._suspendu = 0

    def _premiere_erreur(self, erreur_du_calcul: str = "") -> str:
        for champ in self._champs:
            if champ.erreur:
                return champ.erreur
        return erreur_du_calcul

    def _brancher(self, champs: Iterable[ChampSaisie]) -> None:
        """Recalcule à chaque frappe dans ``champs``."""
        for champ in champs:
            self._champs.append(champ)
            champ.observer(self._sur_modification)

    def _debrancher(self, champs: Iterable[ChampSaisie]) -> None:
        """Oublie des champs retirés de l'écran (une ligne supprimée)."""
        for champ in champs:
            if champ in self._champs:
                self._champs.remove(champ)

    def _sur_modification(self, *_args: Any) -> None:
        if not self._suspendu:
            self.calculer()

    @contextmanager
    def en_lot(self) -> Iterator[None]:
        """Plusieurs modifications, un seul recalcul à la fin (remplir une ligne d'un coup)."""
        self._suspendu += 1
        try:
            yield
        finally:
            self._suspendu -= 1
        if not self._suspendu:
            self.calculer()

    def _lire_tout(self, champs: Iterable[ChampSaisie]) -> list[Any]:
        """Lit tous les champs (chaque erreur affichée sous son champ), puis relève la première."""
        valeurs: list[Any] = []
        premiere: ErreurAtelier | None = None
        for champ in champs:
            try:
                valeurs.append(champ.lire())
            except ErreurAtelier as err:
                valeurs.append(None)
                premiere = premiere or err
        if premiere is not None:
            raise premiere
        return valeurs

    def _champ_nomme(self, nom: str | None) -> ChampSaisie | None:
        """Le champ dont le libellé (ou le nom) est ``nom`` : on y affiche l'erreur du calcul."""
        if not nom:
            return None
        cle = nom.strip().lower()
        for champ in self._champs:
            if cle in (champ.libelle.strip().lower(), champ.nom.lower()):
                return champ
        for champ in self._champs:
            if champ.libelle.strip().lower().startswith(cle):
                return champ
        return None

    def _calculer(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _afficher(self, resultat: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def calculer(self) -> Any:
        """Relit la saisie et recalcule ; renvoie le résultat, ou ``None`` si la saisie est fausse
        (le message est alors dans :attr:`erreur`, le dernier résultat valide reste affiché)."""
        self.zone_erreur.effacer()
        for champ in self._champs:
            champ.zone_erreur.effacer()
        try:
            resultat = self._calculer()
        except ErreurAtelier as err:
            erreur_du_calcul = ""
            if not any(champ.erreur for champ in self._champs):
                fautif = self._champ_nomme(err.champ)
                if fautif is not None:
                    fautif.zone_erreur.montrer(str(err))
                if fautif is None or fautif.zone_erreur.layout.display == "none":
                    erreur_du_calcul = str(err)
                    self.zone_erreur.montrer(erreur_du_calcul)
            self.zone_resultat.marquer_perime()
            self.erreur = self._premiere_erreur(erreur_du_calcul)
            return None
        self.zone_resultat.montrer(self._afficher(resultat))
        self.erreur = self._premiere_erreur()
        self.resultat = resultat
        return resultat


class PlanEnregistre:
    """Mixin of a :class:`Calculatrice` whose raw inputs are a plan the student keeps
    (``plans/<GENRE_PLAN>/<nom_plan>.json``, atomic write, older versions kept).

    The inputs are saved at every change the student makes (after the recalculation, valid or
    not), never by :meth:`Calculatrice.calculer` itself: calculating from Python writes nothing.
    The subclass sets ``GENRE_PLAN``, ``nom_plan``, ``enregistrer``, implements ``etat()`` and
    ``appliquer_etat(donnees)`` (fill the form from saved data without saving), and reads its
    plan with :meth:`lire_plan`. A widget that is not a :class:`Calculatrice` (the sales plan
    editor) calls :meth:`sauvegarder` from its own change handler.

    Whose plan: ``etudiant`` if the widget was given one, else the session's
    (``widgets.ui.session.etudiant_des_plans``): on a class server with a class list, the
    student identified in this kernel (until then, plans of this kernel alone); the widget
    switches to the student's own plan when they identify.

    Never overwrite a newer plan: the widget remembers the file it read (its SHA-256); a save
    over a file changed since (another tab; a kernel prepared in advance by the server's pool,
    rendered before the student's last save) is refused, the newer plan is shown instead and
    what was on the form is kept among the plan's versions. When a page connects to the kernel
    (the ``request_state`` message of the widget protocol), the plan is read again if it changed.
    """

    GENRE_PLAN = "plan"
    nom_plan: str
    enregistrer: bool
    zone_erreur: ZoneErreur
    erreur: str
    _empreinte_lue: str | None = None
    _etudiant_plans: str | None = None
    _etudiant_donne: str | None = None
    _en_application: bool = False

    def etat(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def appliquer_etat(self, donnees: dict[str, Any] | None) -> None:  # pragma: no cover
        raise NotImplementedError

    def _sur_modification(self, *args: Any) -> None:
        super()._sur_modification(*args)  # type: ignore[misc]  # the recalculation
        if not self._en_application:
            self.sauvegarder()

    def _appliquer(self, donnees: dict[str, Any] | None) -> None:
        """Fill the form from saved data (:meth:`appliquer_etat`) without saving it back."""
        self._en_application = True
        try:
            self.appliquer_etat(donnees)
        finally:
            self._en_application = False
        calculer = getattr(self, "calculer", None)
        if calculer is not None:
            calculer()

    # -- whose plan, read ----------------------------------------------------------------
    def _proprietaire(self) -> str | None:
        if self._etudiant_donne:
            return self._etudiant_donne
        return session.etudiant_des_plans()

    def lire_plan(self) -> dict[str, Any] | None:
        """The saved plan of the current owner (None: none, or ``enregistrer=False``); remembers
        which file was read. An unreadable plan is shown as an error, and None is returned."""
        if not self.enregistrer:
            return None
        session.suivre_identite(self)
        self._etudiant_plans = etudiant = self._proprietaire()
        if session.est_cle_du_noyau(etudiant):
            session.fichier_du_noyau(etudiant, plans.dossier_eleve_plans(etudiant))
        self._empreinte_lue = plans.empreinte_plan(self.nom_plan, self.GENRE_PLAN, etudiant)
        try:
            return plans.charger_plan(self.nom_plan, self.GENRE_PLAN, etudiant)
        except ErreurAtelier as err:
            self.zone_erreur.montrer(str(err))
            return None

    def relire_si_modifie(self) -> bool:
        """Read the plan again if its owner or its file changed since it was read; True if the
        form was refilled."""
        if not self.enregistrer or self._empreinte_lue is None:
            return False
        etudiant = self._proprietaire()
        if etudiant == self._etudiant_plans and self._empreinte_lue == plans.empreinte_plan(
            self.nom_plan, self.GENRE_PLAN, etudiant
        ):
            return False
        self._appliquer(self.lire_plan())
        return True

    def _identite_changee(self) -> None:
        """A student was identified in this kernel: show their own plan; if they have none
        yet, what they prepared before identifying becomes theirs."""
        if not self.enregistrer or self._etudiant_donne or self._empreinte_lue is None:
            return
        etudiant = self._proprietaire()
        if etudiant == self._etudiant_plans:
            return
        if plans.empreinte_plan(self.nom_plan, self.GENRE_PLAN, etudiant):
            self._appliquer(self.lire_plan())
            return
        self._etudiant_plans, self._empreinte_lue = etudiant, ""
        self.sauvegarder()

    @staticmethod
    def _plus_tard(action: Callable[[], None]) -> None:
        """Run ``action`` once the current change is over (the field being typed in is linked to
        its value: refilling it inside its own change event would break the link). In a kernel
        the event loop runs it next; without one (plain Python), now."""
        try:
            boucle = asyncio.get_running_loop()
        except RuntimeError:
            action()
        else:
            boucle.call_soon(action)

    def _handle_msg(self, msg: dict[str, Any]) -> None:
        # A page (re)connecting asks every widget for its state: first make it the saved one.
        donnees = (msg.get("content") or {}).get("data") or {}
        if isinstance(donnees, dict) and donnees.get("method") == "request_state":
            try:
                self.relire_si_modifie()
            except Exception:  # noqa: BLE001 - never break the page for a refresh
                pass
        super()._handle_msg(msg)  # type: ignore[misc]

    # -- save ------------------------------------------------------------------------------
    def sauvegarder(self) -> bool:
        """Enregistre les saisies (``enregistrer=False`` : rien) ; False et le message dans
        ``erreur`` si le fichier ne peut pas être écrit ou a été enregistré ailleurs depuis
        (la version la plus récente est alors affichée, la saisie gardée dans les versions)."""
        if not self.enregistrer:
            return False
        if self._empreinte_lue is None:  # never read (a subclass that restores by itself)
            self.lire_plan()
        etudiant = self._etudiant_plans
        etat = self.etat()
        try:
            plans.enregistrer_plan(
                self.nom_plan,
                etat,
                genre=self.GENRE_PLAN,
                intervalle_versions=60,
                etudiant=etudiant,
                attendu=self._empreinte_lue,
            )
        except plans.PlanModifieAilleurs as err:
            plans.garder_version(self.nom_plan, etat, self.GENRE_PLAN, etudiant)
            self._plus_tard(lambda: self._appliquer(self.lire_plan()))
            self.zone_erreur.montrer(
                f"{err} Ce que vous veniez de saisir est gardé dans les versions du plan."
            )
            self.erreur = self.zone_erreur.message
            return False
        except (ErreurAtelier, OSError) as err:
            self.zone_erreur.montrer(f"Enregistrement impossible : {err}")
            self.erreur = self.zone_erreur.message
            return False
        self._empreinte_lue = plans.empreinte_plan(self.nom_plan, self.GENRE_PLAN, etudiant)
        return True


class ListeEditable(w.VBox):
    """Une liste de lignes modifiables (questions, arguments…), une colonne par champ.

    ``colonnes`` : ``(champ, libellé, choix ou None, largeur)`` ; un champ avec ``choix`` est
    une liste déroulante (on peut aussi y garder une valeur libre déjà enregistrée).
    """

    def __init__(
        self,
        nom: str,
        classe: type,
        colonnes: Sequence[tuple[str, str, Sequence[str] | None, str]],
        libelle_ajout: str,
        au_changement: Callable[[], None],
    ) -> None:
        self.nom = nom
        self.classe = classe
        self.colonnes = list(colonnes)
        self._au_changement = au_changement
        self._lignes: list[tuple[list[w.Widget], w.HBox]] = []
        self.conteneur = w.VBox()
        entete = w.HBox(
            [
                w.HTML(f"<b>{html.escape(lib)}</b>", layout=w.Layout(width=larg))
                for _, lib, _, larg in self.colonnes
            ]
        )
        ajout = w.Button(description=libelle_ajout, icon="plus", layout=w.Layout(width="auto"))
        ajout.on_click(lambda _: self.ajouter())
        super().__init__([entete, self.conteneur, ajout])
        self.add_class(f"atelier-liste-{nom}")

    def _widget(
        self, choix: Sequence[str] | None, valeur: str, largeur: str, libelle: str = ""
    ) -> w.Widget:
        # the column's title as a 0 px label: the input's accessible name (RGAA 11.1)
        nomme = {"description": libelle, "style": {"description_width": "0px"}}
        if choix is None:
            return w.Text(value=valeur, layout=w.Layout(width=largeur), **nomme)
        options = list(choix)
        if valeur and valeur not in options:
            options.append(valeur)
        return w.Dropdown(
            options=[""] + options, value=valeur, layout=w.Layout(width=largeur), **nomme
        )

    def ajouter(self, **valeurs: str) -> None:
        """Ajoute une ligne (valeurs par nom de champ)."""
        widgets_ligne = [
            self._widget(choix, str(valeurs.get(champ, "")), larg, lib)
            for champ, lib, choix, larg in self.colonnes
        ]
        retirer = w.Button(
            icon="trash",
            tooltip="Supprimer la ligne",
            layout=w.Layout(width="36px", flex="0 0 auto"),
        )
        boite = w.HBox(widgets_ligne + [retirer])
        entree = (widgets_ligne, boite)
        retirer.on_click(lambda _: self.retirer(self._lignes.index(entree)))
        for x in widgets_ligne:
            x.observe(lambda _: self._au_changement(), names="value")
        self._lignes.append(entree)
        self.conteneur.children = [b for _, b in self._lignes]
        self._au_changement()

    def retirer(self, index: int) -> None:
        """Supprime la ligne ``index``."""
        del self._lignes[index]
        self.conteneur.children = [b for _, b in self._lignes]
        self._au_changement()

    def remplacer(self, elements: Sequence[Any]) -> None:
        """Remplace toutes les lignes par ``elements`` (dataclasses) sans rien déclencher."""
        rappel, self._au_changement = self._au_changement, lambda: None
        self._lignes = []
        for e in elements:
            self.ajouter(**{f.name: getattr(e, f.name) for f in fields(e)})
        self._au_changement = rappel

    def modifier(self, index: int, **valeurs: str) -> None:
        """Change des valeurs de la ligne ``index`` (comme si l'étudiant les tapait)."""
        noms = [c[0] for c in self.colonnes]
        for champ, valeur in valeurs.items():
            x = self._lignes[index][0][noms.index(champ)]
            if isinstance(x, w.Dropdown) and valeur not in x.options:
                x.options = list(x.options) + [valeur]
            x.value = valeur

    def changer_choix(self, champ: str, choix: Sequence[str]) -> None:
        """Nouvelles options pour la colonne ``champ`` (les valeurs déjà saisies restent)."""
        noms = [c[0] for c in self.colonnes]
        k = noms.index(champ)
        _, libelle, _, largeur = self.colonnes[k]
        self.colonnes[k] = (champ, libelle, list(choix), largeur)
        for ws, _ in self._lignes:
            x = ws[k]
            valeur = x.value
            x.options = [""] + list(choix) + ([valeur] if valeur and valeur not in choix else [])
            x.value = valeur

    @property
    def elements(self) -> list[Any]:
        """Les lignes sous forme de dataclasses."""
        noms = [c[0] for c in self.colonnes]
        return [
            self.classe(**{n: x.value or "" for n, x in zip(noms, ws, strict=True)})
            for ws, _ in self._lignes
        ]
