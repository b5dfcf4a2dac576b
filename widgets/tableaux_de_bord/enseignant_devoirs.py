"""Teacher pages of the devoirs: compose, print every sujet and corrigé, fill the grids, notes.

Every handler subclasses :class:`widgets.tableaux_de_bord.acces.PageEnseignant` (403 without
the teacher's cookie). :data:`HANDLERS_DEVOIRS` lists ``(pattern, handler)`` relative to the
server's base URL; the dashboards server registers them (``url_path_join(base, pattern)``).

- ``/enseignant/devoirs``: the devoirs of the class and the form to compose one (exercises of
  every unit with their points, grids of open work, window, mode);
- ``/enseignant/devoirs/<id>/sujets`` and ``…/corriges``: one HTML document, one student per
  page (``widgets.exercices.devoirs``);
- ``/enseignant/devoirs/<id>/notes``: one row per student, points per item and note out of 20
  (attempts of the server's progress file, grids filled by the teacher);
- ``/enseignant/devoirs/<id>/grille/<code>?etudiant=…``: fill one student's grid;
- ``/enseignant/devoirs/<id>/supprimer`` (POST): remove a devoir from the class.

The students are the cockpit's class list (``PageEnseignant.classe()``, imported once on
``/enseignant``): one list for the codes, the heatmap, the sujets and the notes, each student
under the identity their code login records (``"Nom Prénom"``).

Self-contained HTML (inline CSS, no script, no CDN); every form carries tornado's ``_xsrf``.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from widgets.calculs import accorder, format_nombre
from widgets.calculs.grille import GRILLES_EVALUATION, grille_par_code
from widgets.donnees.chemins import dossier_utilisateur
from widgets.donnees.classe import Classe, Eleve
from widgets.donnees.devoirs import (
    LIBELLES_MODES,
    PARIS,
    PREFIXE_GRILLE,
    charger_devoir,
    devoir,
    enregistrer_devoir,
    enregistrer_evaluation,
    evaluations,
    lire_devoirs,
    question_a_vous,
    questions_a_vous,
    supprimer_devoir,
)
from widgets.donnees.progression import NOM_FICHIER, lire_progressions
from widgets.erreurs import ErreurAtelier
from widgets.exercices.devoirs import corriges_html, noter_eleve, sujets_html, valider
from widgets.exercices.modele import TITRES_UNITES, normaliser_etudiant
from widgets.exercices.registre import exercices_du_catalogue, exercices_enseignant_refuses

from .acces import PageEnseignant
from .galerie import ANNEAU_FOCUS_CSS, titre_onglet

_CSS = (
    "body{font-family:'DejaVu Sans','Segoe UI',Arial,sans-serif;max-width:62em;margin:1em auto;"
    "color:#111}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 6px;"
    "text-align:left}.erreur{color:#b00020;font-weight:bold}.ok{color:#1b6e20}"
    "fieldset{margin:8px 0}input[type=text].pts{width:4em}"
)


def _page(titre: str, corps: str) -> str:
    return (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
        f"<title>{escape(titre_onglet(titre))}</title><style>{ANNEAU_FOCUS_CSS}{_CSS}</style>"
        "</head>"
        f"<body><h1>{escape(titre)}</h1>{corps}</body></html>"
    )


def _extrait(texte: str, longueur: int = 110) -> str:
    propre = " ".join(texte.replace("**À vous** :", "").replace("**", "").split())
    return propre if len(propre) <= longueur else propre[: longueur - 1].rstrip() + "…"


AUCUNE_LISTE = (
    "Aucune liste de classe : importez-la sur le cockpit (page /enseignant, "
    "« Liste de la classe »)."
)


class _Base(PageEnseignant):
    def lien(self, chemin: str) -> str:
        base = self.settings.get("base_url", "/").rstrip("/")
        return f"{base}/enseignant/devoirs{chemin}"

    def html(self, titre: str, corps: str, statut: int = 200) -> None:
        self.set_status(statut)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(_page(titre, corps))

    def eleves(self) -> list[Eleve]:
        """The students of the cockpit's class list (French error when none was imported)."""
        eleves = self.classe().eleves()
        if not eleves:
            raise ErreurAtelier(AUCUNE_LISTE)
        return eleves

    def erreur(self, err: ErreurAtelier, statut: int = 400) -> None:
        retour = f"<p><a href='{self.lien('')}'>Retour aux devoirs</a></p>"
        self.html("Devoirs", f"<p class='erreur'>{escape(err.message)}</p>{retour}", statut)


def _fenetre(d) -> str:
    if d.debut and d.fin:
        return f"{d.debut.astimezone(PARIS):%d/%m/%Y %H:%M} → {d.fin.astimezone(PARIS):%H:%M}"
    return "—"


class PageDevoirs(_Base):
    """GET: the devoirs and the composing form; POST: save a new devoir."""

    def get(self) -> None:
        self.montrer()

    def montrer(self, message: str = "", statut: int = 200) -> None:
        try:
            devoirs = lire_devoirs()
        except ErreurAtelier as err:
            devoirs, message = [], err.message
        lignes = "".join(
            f"<tr><td>{escape(d.titre)}</td><td>{LIBELLES_MODES[d.mode]}</td>"
            f"<td>{_fenetre(d)}</td><td>{len(d.items)}</td><td>{accorder(d.total, 'pt')}</td>"
            f"<td><a href='{self.lien('/' + d.identifiant + '/sujets')}'>sujets</a> · "
            f"<a href='{self.lien('/' + d.identifiant + '/corriges')}'>corrigés</a> · "
            f"<a href='{self.lien('/' + d.identifiant + '/notes')}'>notes et grilles</a> "
            f"<form method='post' style='display:inline' "
            f"action='{self.lien('/' + d.identifiant + '/supprimer')}'>{self.xsrf_form_html()}"
            "<button type='submit'>Retirer</button></form></td></tr>"
            for d in devoirs
        )
        liste = (
            "<table><thead><tr><th>Devoir</th><th>Mode</th><th>Horaire</th><th>Exercices</th>"
            f"<th>Barème</th><th></th></tr></thead><tbody>{lignes}</tbody></table>"
            if devoirs
            else "<p>Aucun devoir pour l'instant.</p>"
        )
        try:
            n = len(self.eleves())
            classe = f"Liste de classe : {accorder(n, 'étudiant')}, importée sur le cockpit"
        except ErreurAtelier:
            classe = "Aucune liste de classe"
        cockpit = escape(self.url("/enseignant"))
        depot = (
            f"<p class='atelier-liste-classe'>{classe} (<a href='{cockpit}'>importer ou "
            "remplacer la liste sur le cockpit</a> : une seule liste pour les codes, la carte, "
            "les sujets et les notes).</p>"
        )
        xsrf = self.xsrf_form_html()
        unites = []
        par_unite: dict[str, list] = {}
        for ex in exercices_du_catalogue().values():
            par_unite.setdefault(ex.unite, []).append(ex)
        for unite, exercices in par_unite.items():
            cases = "".join(
                f"<tr><td><label><input type='checkbox' name='code' value='{escape(ex.code)}'> "
                f"{escape(ex.titre)}</label></td><td><code>{escape(ex.code)}</code></td>"
                f"<td><input type='text' class='pts' name='points:{escape(ex.code)}' value='2'"
                f" aria-label='Points : {escape(ex.titre)}'>"
                " pts</td></tr>"
                for ex in exercices
            )
            unites.append(
                f"<fieldset><legend>{escape(TITRES_UNITES.get(unite, unite))}</legend>"
                f"<table>{cases}</table></fieldset>"
            )
        refuses = exercices_enseignant_refuses()
        if refuses:  # listed with their French error, never offered
            unites.append(
                "<div class='atelier-exercices-refuses' role='note'><p>Fichiers d'exercices "
                "refusés (corrigez-les puis rechargez la page) :</p><ul>"
                + "".join(f"<li>{escape(m)}</li>" for m in refuses.values())
                + "</ul></div>"
            )
        grilles = "".join(
            f"<tr><td><label><input type='checkbox' name='code' "
            f"value='{PREFIXE_GRILLE}{g.code}'> {escape(g.titre)}</label></td>"
            f"<td><code>{PREFIXE_GRILLE}{g.code}</code></td><td><input type='text' class='pts' "
            f"name='points:{PREFIXE_GRILLE}{g.code}' value='5'"
            f" aria-label='Points : {escape(g.titre)}'> pts</td></tr>"
            for g in GRILLES_EVALUATION.values()
        )
        questions = "".join(
            f"<tr><td><label><input type='checkbox' name='code' "
            f"value='{PREFIXE_GRILLE}a-vous:{q.cle}'> {escape(_extrait(q.texte))}</label></td>"
            f"<td><code>{escape(q.carnet)}</code></td><td><input type='text' class='pts' "
            f"name='points:{PREFIXE_GRILLE}a-vous:{q.cle}' value='4'"
            f" aria-label='Points : {escape(_extrait(q.texte))}'> pts</td></tr>"
            for q in questions_a_vous()
        )
        formulaire = (
            f"<h2>Composer un devoir</h2><form method='post' action='{self.lien('')}'>{xsrf}"
            "<p><label>Titre <input type='text' name='titre' size='50'></label></p>"
            "<p><label>Mode <select name='mode'><option value='entrainement'>entraînement"
            "</option><option value='examen'>examen (ni indice ni solution)</option>"
            "</select></label> <label>Début <input type='datetime-local' name='debut'></label>"
            " <label>Fin <input type='datetime-local' name='fin'></label> (heure de Paris)</p>"
            "<p><label>Consignes <input type='text' name='consignes' size='70'></label></p>"
            f"{''.join(unites)}<fieldset><legend>Travaux notés sur grille</legend>"
            f"<table>{grilles}</table></fieldset>"
            "<fieldset><legend>Questions « À vous » des carnets (grille « À vous »)</legend>"
            f"<table>{questions}</table></fieldset>"
            "<p><button type='submit'>Enregistrer le devoir</button></p></form>"
        )
        alerte = f"<p class='erreur'>{escape(message)}</p>" if message else ""
        self.html("Devoirs", alerte + liste + depot + formulaire, statut)

    def post(self) -> None:
        codes = self.get_body_arguments("code")
        try:
            d = devoir(
                self.get_body_argument("titre", ""),
                [(c, self.get_body_argument(f"points:{c}", "")) for c in codes],
                mode=self.get_body_argument("mode", "entrainement"),
                debut=self.get_body_argument("debut", "") or None,
                fin=self.get_body_argument("fin", "") or None,
                consignes=self.get_body_argument("consignes", ""),
            )
            valider(d)
        except ErreurAtelier as err:
            self.montrer(err.message, statut=400)
            return
        enregistrer_devoir(d)
        self.redirect(self.lien(""), status=303)


class PageRetrait(_Base):
    """POST ``<id>/supprimer``: remove a devoir (its filled grids are kept)."""

    def post(self, identifiant: str) -> None:
        supprimer_devoir(identifiant)
        self.redirect(self.lien(""), status=303)


class PageImpression(_Base):
    """GET ``<id>/sujets`` or ``<id>/corriges``: the whole class, one student per page."""

    def get(self, identifiant: str, quoi: str) -> None:
        try:
            d = charger_devoir(identifiant)
            eleves = self.eleves()
            fonction = sujets_html if quoi == "sujets" else corriges_html
            document = fonction(d, eleves)
        except ErreurAtelier as err:
            self.erreur(err, statut=404 if "n'existe pas" in err.message else 400)
            return
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(document)


def _tentatives(classe: Classe) -> list[dict]:
    """Attempts of the students of the Voilà server. With a class list: only each student's
    own file in the class folder, every attempt attributed to the owner of its file (a name
    typed in a page never gives or changes a mark; damaged files are skipped, the cockpit
    lists them). Without: the server's own progress file (free names) and the class files."""
    if classe.existe():
        return classe.lire_tentatives()[0]
    chemins = [dossier_utilisateur() / NOM_FICHIER, *classe.fichiers_progression()]
    return lire_progressions([c for c in chemins if c.exists()])


class PageNotes(_Base):
    """GET ``<id>/notes``: points per item and note out of 20 for every student."""

    def get(self, identifiant: str) -> None:
        try:
            d = charger_devoir(identifiant)
            eleves = self.eleves()
            remplies = evaluations(d.identifiant)
            tentatives = _tentatives(self.classe())
        except ErreurAtelier as err:
            self.erreur(err)
            return
        entetes = "".join(
            f"<th>{escape(i.code)}<br>/{format_nombre(i.points)}</th>" for i in d.items
        )
        lignes = []
        for eleve in eleves:
            note = noter_eleve(d, eleve.identifiant, tentatives, remplies)
            cellules = []
            for item, ligne in zip(d.items, note.lignes, strict=True):
                texte = format_nombre(ligne.obtenus, 2)
                if item.travail is not None:
                    lien = self.lien(
                        f"/{d.identifiant}/grille/{item.travail}?etudiant={quote(eleve.identifiant)}"
                    )
                    fait = normaliser_etudiant(eleve.identifiant) in remplies.get(item.travail, {})
                    texte = f"<a href='{lien}'>{texte if fait else 'remplir la grille'}</a>"
                cellules.append(f"<td>{texte}</td>")
            lignes.append(
                f"<tr><td>{escape(eleve.identifiant)}</td>{''.join(cellules)}"
                f"<td><b>{format_nombre(note.sur_20, 2)}</b></td></tr>"
            )
        corps = (
            f"<p>{LIBELLES_MODES[d.mode].capitalize()} — {_fenetre(d)} — noté sur "
            f"{accorder(d.total, 'pt')}. <a href='{self.lien('')}'>Tous les devoirs</a></p>"
            f"<table><thead><tr><th>Étudiant</th>{entetes}<th>Note / 20</th></tr></thead>"
            f"<tbody>{''.join(lignes)}</tbody></table>"
        )
        self.html(f"Notes — {d.titre}", corps)


class PageGrille(_Base):
    """GET/POST ``<id>/grille/<code>?etudiant=…``: the teacher fills one student's grid."""

    def _contexte(self, identifiant: str, travail: str):
        d = charger_devoir(identifiant)
        if f"{PREFIXE_GRILLE}{travail}" not in {i.code for i in d.items}:
            raise ErreurAtelier(
                f"Le devoir « {d.titre} » ne comporte pas le travail noté « {travail} »."
            )
        etudiant = self.get_argument("etudiant", "").strip()
        if not etudiant:
            raise ErreurAtelier("Choisissez l'étudiant dont vous remplissez la grille.")
        return d, travail, grille_par_code(travail.split(":", 1)[0]), etudiant

    def get(self, identifiant: str, code: str) -> None:
        try:
            d, travail, g, etudiant = self._contexte(identifiant, code)
            remplies = evaluations(d.identifiant).get(travail, {})
        except ErreurAtelier as err:
            self.erreur(err)
            return
        remplie = remplies.get(normaliser_etudiant(etudiant))
        self.montrer(d, travail, g, etudiant, (remplie or {}).get("choix", {}), remplie)

    def montrer(
        self, d, travail, g, etudiant, choix, remplie, message="", statut=200, info=""
    ) -> None:
        criteres = []
        for i, c in enumerate(g.criteres):
            options = "".join(
                f"<label><input type='radio' name='critere-{i}' value='{escape(n.libelle)}'"
                f"{' checked' if choix.get(c.nom) == n.libelle else ''}> {escape(n.libelle)} "
                f"({accorder(n.points, 'pt')})</label> "
                for n in c.niveaux
            )
            criteres.append(
                f"<fieldset><legend>{escape(c.nom)} — {escape(c.description)}</legend>"
                f"{options}</fieldset>"
            )
        commentaire = escape((remplie or {}).get("commentaire", ""))
        action = self.lien(f"/{d.identifiant}/grille/{travail}?etudiant={quote(etudiant)}")
        question = question_a_vous(travail.split(":", 1)[1]) if ":" in travail else None
        enonce = (
            f"<blockquote><i>{escape(question.carnet)}</i><br>{escape(question.texte)}</blockquote>"
            if question
            else ""
        )
        corps = (
            (f"<p class='erreur'>{escape(message)}</p>" if message else "")
            + (f"<p class='ok'>{escape(info)}</p>" if info else "")
            + f"<p>Étudiant : <b>{escape(etudiant)}</b> — devoir « {escape(d.titre)} »</p>"
            + enonce
            + f"<form method='post' action='{action}'>{self.xsrf_form_html()}"
            f"{''.join(criteres)}<p><label>Commentaire <input type='text' name='commentaire' "
            f"size='70' value='{commentaire}'></label></p>"
            "<p><button type='submit'>Enregistrer la grille</button></p></form>"
            f"<p><a href='{self.lien('/' + d.identifiant + '/notes')}'>Retour aux notes</a></p>"
        )
        self.html(f"{g.titre} (sur {accorder(g.maximum, 'pt')})", corps, statut)

    def post(self, identifiant: str, code: str) -> None:
        try:
            d, travail, g, etudiant = self._contexte(identifiant, code)
        except ErreurAtelier as err:
            self.erreur(err)
            return
        # field names stay ASCII (tornado leaves non-ASCII argument NAMES latin-1 decoded)
        choix = {
            c.nom: self.get_body_argument(f"critere-{i}", "")
            for i, c in enumerate(g.criteres)
            if self.get_body_argument(f"critere-{i}", "")
        }
        commentaire = self.get_body_argument("commentaire", "")
        try:
            total = enregistrer_evaluation(
                d.identifiant, travail, normaliser_etudiant(etudiant), choix, commentaire
            )
        except ErreurAtelier as err:
            remplie = {"commentaire": commentaire}
            self.montrer(d, travail, g, etudiant, choix, remplie, err.message, 400)
            return
        info = f"Grille enregistrée : {format_nombre(total)} sur {accorder(g.maximum, 'pt')}."
        self.montrer(d, travail, g, etudiant, choix, {"commentaire": commentaire}, info=info)


HANDLERS_DEVOIRS = [
    (r"/enseignant/devoirs", PageDevoirs),
    (r"/enseignant/devoirs/([a-z0-9-]+)/(sujets|corriges)", PageImpression),
    (r"/enseignant/devoirs/([a-z0-9-]+)/notes", PageNotes),
    (r"/enseignant/devoirs/([a-z0-9-]+)/supprimer", PageRetrait),
    (r"/enseignant/devoirs/([a-z0-9-]+)/grille/([a-z0-9-]+(?::[a-z0-9-]+)?)", PageGrille),
]
"""``(pattern, handler)`` of the devoirs pages, relative to the server's base URL."""
