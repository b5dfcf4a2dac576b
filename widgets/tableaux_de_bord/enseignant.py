"""The teacher's cockpit at ``/enseignant`` (French pages, teachers only: ``acces.PageEnseignant``).

- the class list: import a CSV (nom ; prénom ; groupe), the codes shown ONCE to be printed and
  handed out, a new code for one student;
- the live class heatmap of one unit (student × exercise: réussi / en cours / bloqué / pas
  commencé) and the traps the group falls into, refreshed every
  ``actualisation_enseignant`` seconds by a small ``fetch`` of ``/enseignant/carte``;
  ``/enseignant/carte.json`` gives the same figures to a program;
- reset of one student's progress (POST with ``_xsrf`` and a confirmation step);
- the marks /20 of the unit (``widgets.exercices.suivi.note_a_poids_egaux``: the devoirs'
  barème, one point per exercise) as CSV or Excel for the ENT / Pronote import:
  ``/enseignant/notes.csv`` and ``/enseignant/notes.xlsx``;
- a form preparing a session (``widgets.tableaux_de_bord.seance.preparer_seance``).

Data: ``PageEnseignant.classe()`` (``widgets.donnees.classe.Classe`` on
``ConfigTableauxDeBord.dossier_classe``), read at each request (the students' kernels write it
meanwhile). The devoirs pages (``enseignant_devoirs``) print and mark the same list.

:data:`ROUTES_ENSEIGNANT` is registered by ``serveur.VoilaAtelier.init_handlers``.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from urllib.parse import quote

import tornado.web

from widgets.calculs import accorder, format_nombre
from widgets.donnees.classe import FICHIER_CLASSE, Classe
from widgets.donnees.referentiel import libelles
from widgets.erreurs import ErreurAtelier
from widgets.exercices.modele import TITRES_UNITES
from widgets.exercices.registre import exercices_de_l_unite
from widgets.exercices.suivi import (
    BLOQUE,
    LIBELLES_STATUT,
    CarteClasse,
    carte_de_classe,
    libelle_piege,
    notes_de_classe,
    notes_en_csv,
    notes_en_xlsx,
)

from .acces import PageConnexion, PageDeconnexion, PageEnseignant

TAILLE_MAX_LISTE = 1_000_000


def _unites() -> list[str]:
    """Units that have exercises (catalogue order of TITRES_UNITES)."""
    sortie = []
    for unite in TITRES_UNITES:
        try:
            exercices_de_l_unite(unite)
        except ErreurAtelier:
            continue
        sortie.append(unite)
    return sortie


def _unite_choisie(page: PageEnseignant, tentatives: list[dict]) -> str:
    unites = _unites()
    demandee = page.get_argument("unite", "")
    if demandee in unites:
        return demandee
    premier = page.get_argument("exercices", "").split("/", 1)[0].strip()
    if premier in unites:  # ?exercices=relation_client/… names its unit
        return premier
    travaillees = Counter(t["unite"] for t in tentatives if t["unite"] in unites)
    return travaillees.most_common(1)[0][0] if travaillees else unites[0]


def _eleves_lisibles(classe: Classe) -> list:
    """The class list, or no student when ``classe.json`` is damaged (the cockpit says so and
    offers to put it aside: :func:`endommages_html`)."""
    try:
        return classe.eleves()
    except ErreurAtelier:
        return []


def _donnees(page: PageEnseignant) -> tuple[Classe, list, list[dict], str, list]:
    """(classe, students, attempts, unit, exercises of the unit) for this request.

    One damaged file never takes the cockpit down: an unreadable progress file is skipped and
    a damaged ``classe.json`` gives no student (both listed by ``Classe.lire_tentatives``);
    every attempt is attributed to the student whose file it is in."""
    classe = page.classe()
    eleves = _eleves_lisibles(classe)
    groupe = page.get_argument("groupe", "")
    if groupe:  # one half-group: its heatmap, its traps, its marks
        eleves = [e for e in eleves if e.groupe == groupe]
    tentatives, _ = classe.lire_tentatives()
    unite = _unite_choisie(page, tentatives)
    exercices = exercices_de_l_unite(unite)
    choisis = [c.strip() for c in page.get_argument("exercices", "").split(",") if c.strip()]
    if choisis:  # the session's exercises only (order of the unit)
        exercices = [ex for ex in exercices if ex.code in choisis] or exercices
    return classe, eleves, tentatives, unite, exercices


def _carte(page: PageEnseignant) -> tuple[CarteClasse, list, list, str]:
    _, eleves, tentatives, unite, exercices = _donnees(page)
    carte = carte_de_classe(
        tentatives,
        [e.code for e in exercices],
        [e.identifiant for e in eleves],
        seuil_blocage=page.reglages.seuil_blocage,
    )
    return carte, eleves, exercices, unite


def endommages_html(page: PageEnseignant, endommages: list[str]) -> str:
    """The damaged files of the class folder, each with its « mettre de côté » button."""
    if not endommages:
        return ""
    lignes = "".join(
        f"<li><code>{escape(nom)}</code> : "
        + (
            "la liste de la classe ne peut pas être lue (aucun élève affiché). "
            if nom == FICHIER_CLASSE
            else "fichier de progression illisible, ignoré dans la carte et les notes. "
        )
        + f'<form method="post" action="{escape(page.url("/enseignant/mettre-de-cote"))}" '
        f'style="display:inline">{page.xsrf_form_html()}'
        f'<input type="hidden" name="fichier" value="{escape(nom)}">'
        '<button type="submit">Mettre de côté</button></form></li>'
        for nom in endommages
    )
    return (
        '<section class="atelier-endommages"><h2>Fichiers endommagés</h2><p>'
        f"{accorder(len(endommages), 'fichier endommagé', 'fichiers endommagés')} dans le "
        "dossier de la classe. « Mettre de côté » le range dans le dossier « quarantaine » de "
        "la classe (rien n'est effacé) ; l'élève repart d'un fichier neuf, et une liste de "
        f"classe mise de côté se réimporte ci-dessous.</p><ul>{lignes}</ul></section>"
    )


def carte_html(carte: CarteClasse, eleves: list, exercices: list) -> str:
    """The heatmap table then the traps table (HTML fragment, refreshed in place)."""
    if not eleves:
        return "<p>Aucune liste de classe : importez-la ci-dessous.</p>"
    e = escape
    entete = "".join(
        f'<th title="{e(ex.titre)} — {e(libelles(ex.savoirs))}">{e(ex.code.split("/", 1)[-1])}</th>'
        for ex in exercices
    )
    lignes = []
    for eleve in eleves:
        cases = []
        for ex in exercices:
            case = carte.case(eleve.identifiant, ex.code)
            detail = f" ({accorder(case.tentatives, 'essai')})" if case.tentatives else ""
            cases.append(
                f'<td class="{case.statut}" data-exercice="{e(ex.code)}">'
                f"{e(case.libelle)}{e(detail)}</td>"
            )
        lignes.append(
            f'<tr data-eleve="{e(eleve.identifiant)}"><th>{e(eleve.nom)} {e(eleve.prenom)}</th>'
            f"<td>{e(eleve.groupe)}</td>{''.join(cases)}</tr>"
        )
    bloques = "".join(
        f"<td>{accorder(carte.compte(ex.code, BLOQUE), 'bloqué')}</td>" for ex in exercices
    )
    tableau = (
        '<table class="atelier-carte"><thead><tr><th>Élève</th><th>Groupe</th>'
        f"{entete}</tr></thead><tbody>{''.join(lignes)}</tbody>"
        f"<tfoot><tr><th colspan=2>Bloqués</th>{bloques}</tr></tfoot></table>"
    )
    pieges = []
    for ex in exercices:
        for code, nombre in carte.pieges.get(ex.code, {}).items():
            qui = carte.eleves_par_piege.get((ex.code, code), ())
            pieges.append(
                f'<tr data-piege="{e(code)}"><td>{e(ex.titre)}</td><td>{e(code)}</td>'
                f"<td>{e(libelle_piege(code))}</td><td>{accorder(nombre, 'essai')}</td>"
                f"<td>{e(', '.join(qui))}</td></tr>"
            )
    if pieges:
        tableau_pieges = (
            '<table class="atelier-pieges"><thead><tr><th>Exercice</th><th>Piège</th>'
            "<th>Convention erronée</th><th>Tombés dedans</th><th>Élèves</th></tr></thead>"
            f"<tbody>{''.join(pieges)}</tbody></table>"
        )
    else:
        tableau_pieges = "<p class='atelier-pieges'>Aucun piège rencontré pour l'instant.</p>"
    legende = " · ".join(
        f'<span class="{s}" style="padding:0 4px">{escape(t)}</span>'
        for s, t in LIBELLES_STATUT.items()
    )
    return (
        f"<p>Légende : {legende} (bloqué = pas réussi après {carte.seuil_blocage} essais faux ou "
        f"plus).</p>{tableau}<h3>Pièges : quelle convention le groupe se trompe</h3>"
        f"{tableau_pieges}"
    )


class Accueil(PageEnseignant):
    """GET ``/enseignant``: the whole cockpit."""

    def get(self) -> None:
        try:
            carte, eleves, exercices, unite = _carte(self)
        except ErreurAtelier as err:
            self.envoyer_page("Erreur", f'<section class="erreur">{escape(str(err))}</section>')
            return
        xsrf = self.xsrf_form_html()
        options = "".join(
            f'<option value="{u}"{" selected" if u == unite else ""}>'
            f"{escape(TITRES_UNITES[u])}</option>"
            for u in _unites()
        )
        delai = max(2, self.reglages.actualisation_enseignant)
        choisis = self.get_argument("exercices", "")
        groupe = self.get_argument("groupe", "")
        requete = f"?unite={quote(unite)}&exercices={quote(choisis)}&groupe={quote(groupe)}"
        classe = self.classe()
        groupes = sorted({e.groupe for e in _eleves_lisibles(classe) if e.groupe})
        endommages = endommages_html(self, classe.lire_tentatives()[1])
        choix_groupes = '<option value="">toute la classe</option>' + "".join(
            f'<option value="{escape(g)}"{" selected" if g == groupe else ""}>{escape(g)}</option>'
            for g in groupes
        )
        adresse_carte = self.url("/enseignant/carte") + requete
        script = (
            "<script>setInterval(async()=>{try{const r=await fetch("
            f"{json.dumps(adresse_carte)},{{credentials:'same-origin'}});"
            "if(r.ok){document.getElementById('carte').innerHTML=await r.text();}}"
            f"catch(e){{}}}},{delai * 1000});</script>"
        )
        choix_eleves = "".join(
            f'<option value="{escape(e.identifiant)}">{escape(e.nom)} {escape(e.prenom)}</option>'
            for e in eleves
        )
        carnets = "".join(
            f'<option value="{escape(c)}">{escape(c)}</option>'
            for c in self.settings.get("atelier_carnets", ())
        )
        etat_liste = (
            f"<p>{accorder(len(eleves), 'élève')} dans la liste.</p>"
            if eleves
            else "<p>Pas encore de liste : les élèves tapent leur nom librement.</p>"
        )
        corps = f"""{endommages}
<section><h2>Carte de la classe</h2>
<form method="get" action="{escape(self.url("/enseignant"))}">
<label>Unité : <select name="unite">{options}</select></label>
<label>Exercices (codes séparés par des virgules ; vide = toute l'unité) :
<input name="exercices" size="50" value="{escape(choisis)}"></label>
<label>Groupe : <select name="groupe">{choix_groupes}</select></label>
<button type="submit">Afficher</button></form>
<p>Actualisée toutes les {delai} secondes.
Notes sur 20 : <a href="{escape(self.url("/enseignant/notes.csv") + requete)}"
 class="atelier-notes-csv">CSV (Pronote, ENT)</a> ·
<a href="{escape(self.url("/enseignant/notes.xlsx") + requete)}"
 class="atelier-notes-xlsx">Excel</a>
(note = 20 × somme des meilleurs scores / nombre d'exercices affichés, au dixième).</p>
<p class="atelier-savoirs-unite">Savoirs travaillés :
{escape(libelles(s for ex in exercices for s in ex.savoirs))}.</p>
<div id="carte">{carte_html(carte, eleves, exercices)}</div></section>
<section><h2>Devoirs et examens</h2><p><a href="{escape(self.url("/enseignant/devoirs"))}"
 class="atelier-devoirs">Composer un devoir, imprimer sujets et corrigés, mode examen, grilles
</a></p></section>
<section><h2>Liste de la classe</h2>{etat_liste}
<form method="post" enctype="multipart/form-data" action="{escape(self.url("/enseignant/classe"))}">
{xsrf}<p>Fichier CSV (colonnes nom ; prénom ; groupe) : <input type="file" name="fichier"
 accept=".csv,text/csv"></p>
<p>ou collez la liste :<br><textarea name="liste" rows="5" cols="60"
 placeholder="nom;prénom;groupe&#10;Martin;Léa;A"></textarea></p>
<p><button type="submit">Importer la liste (nouveaux codes pour tous)</button></p></form>
<form method="post" action="{escape(self.url("/enseignant/code"))}">{xsrf}
<label>Nouveau code pour : <select name="eleve">{choix_eleves}</select></label>
<button type="submit">Nouveau code</button></form></section>
<section><h2>Remettre à zéro la progression d'un élève</h2>
<form method="post" action="{escape(self.url("/enseignant/reinitialiser"))}">{xsrf}
<label>Élève : <select name="eleve">{choix_eleves}</select></label>
<button type="submit">Remettre à zéro…</button> (une confirmation est demandée ; une copie est
gardée dans le dossier « corbeille » de la classe)</form></section>
<section><h2>Préparer une séance</h2>
<form method="post" action="{escape(self.url("/enseignant/seance"))}">{xsrf}
<label>Application : <select name="carnet">{carnets}</select></label>
<label>Élèves : <input type="number" name="eleves" min="1" value="{max(1, len(eleves))}"
 style="width:5em"></label>
<label>Durée (minutes) : <input type="number" name="duree" min="1" value="120"
 style="width:5em"></label> <button type="submit">Préparer la séance</button></form></section>
<form method="post" action="{escape(self.url("/enseignant/deconnexion"))}">{xsrf}
<button type="submit">Se déconnecter</button></form>{script}"""
        self.envoyer_page("Cockpit de la classe", corps)


class FragmentCarte(PageEnseignant):
    """GET ``/enseignant/carte?unite=``: the heatmap fragment (auto-refresh)."""

    api = True

    def get(self) -> None:
        carte, eleves, exercices, _ = _carte(self)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(carte_html(carte, eleves, exercices))


class CarteJson(PageEnseignant):
    """GET ``/enseignant/carte.json?unite=``: the same figures for a program."""

    api = True

    def get(self) -> None:
        carte, eleves, exercices, unite = _carte(self)
        donnees = {
            "unite": unite,
            "fichiers_endommages": self.classe().lire_tentatives()[1],
            "exercices": [ex.code for ex in exercices],
            "eleves": {
                e.identifiant: {
                    ex.code: {
                        "statut": carte.case(e.identifiant, ex.code).statut,
                        "tentatives": carte.case(e.identifiant, ex.code).tentatives,
                    }
                    for ex in exercices
                }
                for e in eleves
            },
            "pieges": {
                ex: {
                    code: {"essais": n, "eleves": list(carte.eleves_par_piege[(ex, code)])}
                    for code, n in pieges.items()
                }
                for ex, pieges in carte.pieges.items()
                if pieges
            },
        }
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(donnees, ensure_ascii=False))


class ImportClasse(PageEnseignant):
    """POST ``/enseignant/classe``: import the list; the codes are shown once, to print."""

    def post(self) -> None:
        fichiers = self.request.files.get("fichier") or []
        brut = fichiers[0]["body"] if fichiers and fichiers[0]["body"] else None
        source: bytes | str = brut if brut is not None else self.get_body_argument("liste", "")
        if len(source) > TAILLE_MAX_LISTE:
            self.set_status(413)
            self.envoyer_page(
                "Import refusé",
                '<section><p class="erreur">Fichier trop gros : une liste de classe fait moins '
                f"de {format_nombre(TAILLE_MAX_LISTE / 1e6, 0)} Mo, ce fichier fait "
                f"{format_nombre(len(source) / 1e6, 1)} Mo. Vérifiez que c'est bien la liste "
                "exportée de Pronote ou de l'ENT (CSV).</p></section>",
            )
            return
        try:
            if not source.strip():
                raise ErreurAtelier("Choisissez un fichier CSV ou collez la liste de la classe.")
            classe = self.classe()
            codes = classe.importer(source)
        except ErreurAtelier as err:
            self.set_status(400)
            self.envoyer_page(
                "Import refusé",
                f'<section><p class="erreur">{escape(str(err))}</p><p><a href="'
                f'{escape(self.url("/enseignant"))}">Retour</a></p></section>',
            )
            return
        lignes = "".join(
            f'<tr data-eleve="{escape(e.identifiant)}"><td>{escape(e.nom)}</td>'
            f"<td>{escape(e.prenom)}</td><td>{escape(e.groupe)}</td>"
            f'<td><code class="code">{codes[e.identifiant]}</code></td></tr>'
            for e in classe.eleves()
        )
        self.envoyer_page(
            "Codes des élèves",
            f"<section><h2>{accorder(len(codes), 'élève importé', 'élèves importés')}</h2>"
            "<p><b>Imprimez ou notez ces codes maintenant : ils ne seront plus affichés</b> "
            "(seule une empreinte des codes est gardée). Chaque élève tape son nom, son "
            "prénom et son code une fois au début de la séance.</p>"
            '<table class="atelier-codes"><thead><tr><th>Nom</th><th>Prénom</th>'
            f"<th>Groupe</th><th>Code</th></tr></thead><tbody>{lignes}</tbody></table>"
            f'<p><a href="{escape(self.url("/enseignant"))}">Retour au cockpit</a></p></section>',
        )


def _eleve_demande(page: PageEnseignant, classe: Classe):
    identifiant = page.get_body_argument("eleve", "")
    for eleve in _eleves_lisibles(classe):
        if eleve.identifiant == identifiant:
            return eleve
    raise tornado.web.HTTPError(400, reason="Élève inconnu")


class NouveauCode(PageEnseignant):
    """POST ``/enseignant/code``: a new code for one student (shown once)."""

    def post(self) -> None:
        classe = self.classe()
        eleve = _eleve_demande(self, classe)
        code = classe.nouveau_code(eleve.identifiant)
        self.envoyer_page(
            "Nouveau code",
            f"<section><p>Nouveau code de {escape(eleve.prenom)} {escape(eleve.nom)} : "
            f'<code class="code">{code}</code> (l\'ancien ne fonctionne plus).</p>'
            f'<p><a href="{escape(self.url("/enseignant"))}">Retour au cockpit</a></p></section>',
        )


class Reinitialiser(PageEnseignant):
    """POST ``/enseignant/reinitialiser``: ask to confirm, then erase one student's progress."""

    def post(self) -> None:
        classe = self.classe()
        eleve = _eleve_demande(self, classe)
        nom = f"{eleve.prenom} {eleve.nom}"
        retour = f'<p><a href="{escape(self.url("/enseignant"))}">Retour au cockpit</a></p>'
        if self.get_body_argument("confirmer", "") != "oui":
            self.envoyer_page(
                "Confirmer la remise à zéro",
                f"<section><p>Effacer toute la progression de <b>{escape(nom)}</b> (essais et "
                "indices) ? Une copie est gardée dans le dossier « corbeille » de la classe.</p>"
                f'<form method="post" action="{escape(self.url("/enseignant/reinitialiser"))}">'
                f'{self.xsrf_form_html()}<input type="hidden" name="eleve" '
                f'value="{escape(eleve.identifiant)}"><input type="hidden" name="confirmer" '
                'value="oui"><button type="submit">Oui, remettre à zéro</button></form>'
                f"{retour}</section>",
            )
            return
        n = classe.reinitialiser(eleve.identifiant)
        self.envoyer_page(
            "Progression remise à zéro",
            f'<section><p class="ok">Progression de {escape(nom)} remise à zéro '
            f"({accorder(n, 'essai effacé', 'essais effacés')}).</p>{retour}</section>",
        )


class MettreDeCote(PageEnseignant):
    """POST ``/enseignant/mettre-de-cote``: move a damaged file into ``quarantaine/``."""

    def post(self) -> None:
        retour = f'<p><a href="{escape(self.url("/enseignant"))}">Retour au cockpit</a></p>'
        nom = self.get_body_argument("fichier", "")
        classe = self.classe()
        try:
            if nom not in classe.lire_tentatives()[1]:
                raise ErreurAtelier(f"« {nom} » n'est pas un fichier endommagé de la classe.")
            cible = classe.mettre_de_cote(nom)
        except ErreurAtelier as err:
            self.set_status(400)
            self.envoyer_page(
                "Mettre de côté",
                f'<section><p class="erreur">{escape(str(err))}</p>{retour}</section>',
            )
            return
        self.envoyer_page(
            "Fichier mis de côté",
            f'<section><p class="ok">« {escape(nom)} » est rangé dans '
            f"<code>{escape(str(cible.relative_to(classe.dossier)))}</code>.</p>{retour}</section>",
        )


class Notes(PageEnseignant):
    """GET ``/enseignant/notes.(csv|xlsx)?unite=``: marks /20, columns Nom, Prénom, Note /20."""

    api = True

    def get(self, extension: str) -> None:
        classe, eleves, tentatives, unite, exercices = _donnees(self)
        lignes = notes_de_classe(tentatives, eleves, [ex.code for ex in exercices])
        nom = f"notes_{unite}.{extension}"
        if extension == "xlsx":
            contenu = notes_en_xlsx(lignes, titre=TITRES_UNITES.get(unite, unite))
            genre = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            contenu, genre = notes_en_csv(lignes), "text/csv; charset=UTF-8"
        self.set_header("Content-Type", genre)
        self.set_header("Content-Disposition", f'attachment; filename="{nom}"')
        self.set_header("Cache-Control", "no-store")
        self.finish(contenu)


class Seance(PageEnseignant):
    """POST ``/enseignant/seance``: prepare a session (``seance.preparer_seance``)."""

    async def post(self) -> None:
        from . import seance

        retour = f'<p><a href="{escape(self.url("/enseignant"))}">Retour au cockpit</a></p>'
        try:
            try:
                eleves = int(self.get_body_argument("eleves", "0"))
                duree = int(self.get_body_argument("duree", "120"))
            except ValueError as exc:
                raise ErreurAtelier("Nombre d'élèves et durée : des nombres entiers.") from exc
            preparee = seance.preparer_seance(
                self.get_body_argument("carnet", ""),
                eleves,
                duree_minutes=duree,
                dossier=self.reglages.dossier_seances(),
            )
        except ErreurAtelier as err:
            self.set_status(400)
            self.envoyer_page(
                "Séance", f'<section><p class="erreur">{escape(str(err))}</p>{retour}</section>'
            )
            return
        detail = f'<p class="atelier-seance">{escape(seance.decrire_seance(preparee))}</p>'
        self.envoyer_page(
            "Séance préparée",
            f'<section><p class="ok">Séance préparée.</p>{detail}{retour}</section>',
        )


ROUTES_ENSEIGNANT: list[tuple[str, type[tornado.web.RequestHandler]]] = [
    (r"/enseignant/?", Accueil),
    (r"/enseignant/connexion", PageConnexion),
    (r"/enseignant/deconnexion", PageDeconnexion),
    (r"/enseignant/carte", FragmentCarte),
    (r"/enseignant/carte\.json", CarteJson),
    (r"/enseignant/classe", ImportClasse),
    (r"/enseignant/code", NouveauCode),
    (r"/enseignant/reinitialiser", Reinitialiser),
    (r"/enseignant/notes\.(csv|xlsx)", Notes),
    (r"/enseignant/mettre-de-cote", MettreDeCote),
    (r"/enseignant/seance", Seance),
]
"""(pattern relative to the server's base URL, handler): registered by serveur.py."""
