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
from widgets.donnees.chemins import DOSSIER_CARNETS
from widgets.donnees.classe import FICHIER_CLASSE, Classe
from widgets.donnees.notes_moodle import lire_de_la_classe
from widgets.donnees.referentiel import libelles
from widgets.erreurs import ErreurAtelier
from widgets.exercices.modele import TITRES_UNITES, normaliser_etudiant
from widgets.exercices.registre import exercices_de_l_unite
from widgets.exercices.suivi import (
    BLOQUE,
    EN_COURS,
    LIBELLES_STATUT,
    PAS_COMMENCE,
    REUSSI,
    CarteClasse,
    GroupeCarnet,
    carte_de_classe,
    choisir_exercices,
    grouper_par_carnet,
    libelle_piege,
    notes_de_classe,
    notes_en_csv,
    notes_en_xlsx,
    sommaire_des_carnets,
)

from .acces import PageConnexion, PageDeconnexion, PageEnseignant

TAILLE_MAX_LISTE = 1_000_000


def _cle_nom(nom: str, prenom: str) -> str:
    return normaliser_etudiant(f"{nom} {prenom}")


def notes_moodle_html(notes, lignes_atelier, unite: str) -> str:
    """The « Notes Moodle » section of the cockpit: the marks imported by ``atelier moodle
    notes`` (one column per Moodle test, « - » for no mark), and, matched by name, the
    atelier's own mark /20 of the unit shown. Everything escaped (untrusted file)."""
    if notes is None:
        return ""
    atelier = {_cle_nom(x.nom, x.prenom): x.note for x in lignes_atelier}
    titre_atelier = f"Atelier /20 ({TITRES_UNITES.get(unite, unite)})"
    entete = "".join(
        f"<th scope='col'>{escape(c)}</th>" for c in ("Nom", "Prénom", *notes.tests, titre_atelier)
    )
    rangees = []
    for nom, prenom, _courriel, valeurs in notes.lignes:
        cellules = "".join(
            f"<td>{'-' if v is None else escape(format_nombre(v))}</td>" for v in valeurs
        )
        note = atelier.get(_cle_nom(nom, prenom))
        cellules += f"<td>{'—' if note is None else escape(format_nombre(note, 2))}</td>"
        rangees.append(f"<tr><td>{escape(nom)}</td><td>{escape(prenom)}</td>{cellules}</tr>")
    return (
        "<section class='atelier-notes-moodle'><h2>Notes Moodle</h2><p>Importées avec "
        "<code>.venv/bin/atelier moodle notes FICHIER.csv</code> "
        f"({accorder(len(notes.lignes), 'étudiant')}).</p>"
        f"<table><thead><tr>{entete}</tr></thead><tbody>{''.join(rangees)}</tbody></table>"
        "</section>"
    )


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
    """(classe, students, attempts, unit, exercises of the unit) for this request: the
    exercises in the notebooks' order, those the filter names (``exercices``), only those
    already tried (``commences=1``). Why a filter named nothing: ``page.avis_filtre``.

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
    groupes = _groupes(unite, [ex.code for ex in exercices])
    rang = {code: i for i, code in enumerate(c for g in groupes for c in g.exercices)}
    exercices = sorted(exercices, key=lambda ex: rang.get(ex.code, len(rang)))
    page.avis_filtre = ""
    demande = page.get_argument("exercices", "")
    if demande.strip():  # the session's exercises only (map order)
        choisis, inconnus = choisir_exercices(exercices, demande, groupes)
        if inconnus:
            page.avis_filtre = (
                f"Aucun exercice ne correspond à : {', '.join(inconnus)} "
                "(codes courts, titres, carnets ou savoirs, séparés par des virgules)."
            )
        exercices = choisis or exercices
    if page.get_argument("commences", "") == "1":
        ids = {t["etudiant"] for t in tentatives} & {e.identifiant for e in eleves}
        essayes = {t["exercice"] for t in tentatives if t["etudiant"] in ids}
        exercices = [ex for ex in exercices if ex.code in essayes]
    return classe, eleves, tentatives, unite, exercices


def _groupes(unite: str, codes: list[str]) -> list[GroupeCarnet]:
    return grouper_par_carnet(codes, unite, sommaire_des_carnets(DOSSIER_CARNETS))


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


COLONNES_POUR_UN_TITRE = 5  # narrower notebook groups show their number (title below the map)
SYMBOLES_STATUT = {REUSSI: "✓", EN_COURS: "…", BLOQUE: "✗", PAS_COMMENCE: "·"}
"""What each cell shows besides its colour (RGAA 3.1: the information is not given by colour
alone); the full French status is the cell's tooltip and its text for a screen reader."""

STYLE_CARTE = """<style>
.atelier-carte-cadre{overflow:auto;max-height:78vh;max-width:100%;border:1px solid #ccc}
table.atelier-carte{border-collapse:separate;border-spacing:0;font-size:12px}
table.atelier-carte th,table.atelier-carte td{border:0;border-right:1px solid #ddd;
border-bottom:1px solid #ddd;padding:1px 2px}
table.atelier-carte thead{position:sticky;top:0;z-index:2}
table.atelier-carte thead th{background:#f1f3f6}
table.atelier-carte th.atelier-eleve{position:sticky;left:0;z-index:1;background:#fff;
text-align:left;min-width:8em;max-width:11em;overflow-wrap:anywhere}
table.atelier-carte thead th.atelier-eleve{z-index:3;background:#f1f3f6}
table.atelier-carte th.atelier-carnet{font-weight:normal;font-size:11px;text-align:left;
vertical-align:bottom;line-height:1.15;border-left:2px solid #555;min-width:0}
table.atelier-carte th.atelier-code{writing-mode:vertical-rl;transform:rotate(180deg);
font-weight:normal;font-size:10.5px;white-space:nowrap;padding:3px 0;width:20px;max-width:20px}
table.atelier-carte td.atelier-case{width:20px;min-width:20px;max-width:20px;padding:1px 0;
text-align:center;font-size:13px;font-weight:bold}
table.atelier-carte .atelier-debut{border-left:2px solid #555}
td.reussi{background:#c8e6c9;color:#0d4a12}
td.en_cours{background:#fff3c4;color:#5c4500}
td.bloque{color:#7a0010;background:repeating-linear-gradient(45deg,#f4b4b4 0 4px,#fbe0e0 4px 8px)}
td.pas_commence{background:#f4f4f4;color:#6b6b6b}
.atelier-invisible{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
</style>"""


def carte_html(
    carte: CarteClasse,
    eleves: list,
    exercices: list,
    groupes: list[GroupeCarnet] | None = None,
    avis: str = "",
) -> str:
    """The heatmap table then the traps table (HTML fragment, refreshed in place).

    Columns grouped by notebook (a header row of the notebooks' titles), exercise codes
    written vertically so that a whole unit (52 exercises) fits a 1366 px projector; the
    header rows and the students' column stay in view when the map scrolls; each cell shows a
    symbol (✓ réussi, … en cours, ✗ bloqué, · pas commencé) besides its colour.
    """
    e = escape
    avis_html = f'<p class="erreur atelier-avis-filtre">{e(avis)}</p>' if avis else ""
    if not eleves:
        return avis_html + "<p>Aucune liste de classe : importez-la ci-dessous.</p>"
    if not exercices:
        return avis_html + (
            "<p class='atelier-aucun-exercice'>Aucun exercice commencé pour l'instant "
            "(décochez « seulement les exercices commencés » pour voir toute l'unité).</p>"
        )
    codes = [ex.code for ex in exercices]
    groupes = [
        GroupeCarnet(g.titre, g.carnet, tuple(c for c in g.exercices if c in codes))
        for g in (groupes or [GroupeCarnet("", "", tuple(codes))])
    ]
    groupes = [g for g in groupes if g.exercices]
    par_code = {ex.code: ex for ex in exercices}
    ordre = [par_code[c] for g in groupes for c in g.exercices]
    ordre += [ex for ex in exercices if ex not in ordre]
    debuts = {g.exercices[0] for g in groupes}
    # A notebook of few columns shows its number only; every title is listed under the map.
    carnets = "".join(
        f'<th class="atelier-carnet" colspan="{len(g.exercices)}" scope="colgroup"'
        f' title="{e(g.titre)}">{n}.'
        + (f" {e(g.titre)}" if len(g.exercices) >= COLONNES_POUR_UN_TITRE else "")
        + "</th>"
        for n, g in enumerate(groupes, 1)
    )
    sommaire = " · ".join(f"{n}. {e(g.titre)}" for n, g in enumerate(groupes, 1))

    def debut(ex) -> str:
        return " atelier-debut" if ex.code in debuts else ""

    entete = "".join(
        f'<th class="atelier-code{debut(ex)}" scope="col"'
        f' title="{e(ex.titre)} — {e(libelles(ex.savoirs))}"'
        f' data-exercice="{e(ex.code)}">{e(ex.code.split("/", 1)[-1])}</th>'
        for ex in ordre
    )
    lignes = []
    for eleve in eleves:
        cases = []
        for ex in ordre:
            case = carte.case(eleve.identifiant, ex.code)
            detail = f" ({accorder(case.tentatives, 'essai')})" if case.tentatives else ""
            texte = f"{case.libelle}{detail}"
            cases.append(
                f'<td class="{case.statut} atelier-case{debut(ex)}" data-exercice="{e(ex.code)}"'
                f' title="{e(texte)}"><span aria-hidden="true">{SYMBOLES_STATUT[case.statut]}'
                "</span>"
                f'<span class="atelier-invisible">{e(texte)}</span></td>'
            )
        lignes.append(
            f'<tr data-eleve="{e(eleve.identifiant)}"><th class="atelier-eleve" scope="row">'
            f"{e(eleve.nom)} {e(eleve.prenom)}"
            + (f" <small>({e(eleve.groupe)})</small>" if eleve.groupe else "")
            + f"</th>{''.join(cases)}</tr>"
        )
    bloques = "".join(
        f'<td class="atelier-case{debut(ex)}"'
        f' title="{accorder(carte.compte(ex.code, BLOQUE), "bloqué")}">'
        f"{carte.compte(ex.code, BLOQUE)}</td>"
        for ex in ordre
    )
    tableau = (
        f'{STYLE_CARTE}<div class="atelier-carte-cadre" tabindex="0" role="region"'
        ' aria-label="Carte de la classe (défilement)">'
        '<table class="atelier-carte"><thead>'
        f'<tr class="atelier-carnets"><th class="atelier-eleve" rowspan="2" scope="col">Élève'
        f"</th>{carnets}</tr>"
        f'<tr class="atelier-codes">{entete}</tr></thead><tbody>{"".join(lignes)}</tbody>'
        f'<tfoot><tr><th class="atelier-eleve" scope="row">Bloqués</th>{bloques}</tr></tfoot>'
        "</table></div>"
        f'<p class="atelier-sommaire-carnets">Carnets : {sommaire}</p>'
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
        f'<span class="{s}" style="padding:0 4px">{SYMBOLES_STATUT[s]} {escape(t)}</span>'
        for s, t in LIBELLES_STATUT.items()
    )
    return avis_html + (
        f"<p>Légende : {legende} (bloqué = pas réussi après {carte.seuil_blocage} essais faux ou "
        f"plus).</p>{tableau}<h3>Pièges : quelle convention le groupe se trompe</h3>"
        f"{tableau_pieges}"
    )


def _carte_page(page: PageEnseignant, carte: CarteClasse, eleves, exercices, unite) -> str:
    groupes = _groupes(unite, [ex.code for ex in exercices_de_l_unite(unite)])
    return carte_html(carte, eleves, exercices, groupes, getattr(page, "avis_filtre", ""))


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
        commences = self.get_argument("commences", "") == "1"
        requete = f"?unite={quote(unite)}&exercices={quote(choisis)}&groupe={quote(groupe)}"
        requete += "&commences=1" if commences else ""
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
        notes_moodle = lire_de_la_classe(classe.dossier)
        moodle = notes_moodle_html(
            notes_moodle,
            notes_de_classe(classe.lire_tentatives()[0], eleves, [ex.code for ex in exercices])
            if notes_moodle is not None and eleves and exercices
            else [],
            unite,
        )
        corps = f"""{endommages}
<section><h2>Carte de la classe</h2>
<form method="get" action="{escape(self.url("/enseignant"))}">
<label>Unité : <select name="unite">{options}</select></label>
<label>Exercices (codes courts, titres, carnets ou savoirs comme S512, séparés par des
virgules ; vide = toute l'unité) :
<input name="exercices" size="40" value="{escape(choisis)}"></label>
<label><input type="checkbox" name="commences" value="1"{" checked" if commences else ""}>
seulement les exercices commencés</label>
<label>Groupe : <select name="groupe">{choix_groupes}</select></label>
<button type="submit">Afficher</button></form>
<p>Actualisée toutes les {delai} secondes.
Notes sur 20 : <a href="{escape(self.url("/enseignant/notes.csv") + requete)}"
 class="atelier-notes-csv">CSV (Pronote, ENT)</a> ·
<a href="{escape(self.url("/enseignant/notes.xlsx") + requete)}"
 class="atelier-notes-xlsx">Excel</a>
(note = 20 × somme des meilleurs scores / nombre d'exercices affichés, au centième).</p>
<p class="atelier-savoirs-unite">Savoirs travaillés :
{escape(libelles(s for ex in exercices for s in ex.savoirs))}.</p>
<div id="carte">{_carte_page(self, carte, eleves, exercices, unite)}</div></section>
{moodle}
<section><h2>Devoirs et examens</h2><p><a href="{escape(self.url("/enseignant/devoirs"))}"
 class="atelier-devoirs">Composer un devoir, imprimer sujets et corrigés, mode examen, grilles
</a></p></section>
<section><h2>Liste de la classe</h2>{etat_liste}
<form method="post" enctype="multipart/form-data" action="{escape(self.url("/enseignant/classe"))}">
{xsrf}<p><label>Fichier CSV (colonnes nom ; prénom ; groupe) : <input type="file"
 name="fichier" accept=".csv,text/csv"></label></p>
<p><label for="atelier-liste-collee">ou collez la liste :</label><br><textarea name="liste"
 id="atelier-liste-collee" rows="5" cols="60"
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
        carte, eleves, exercices, unite = _carte(self)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(_carte_page(self, carte, eleves, exercices, unite))


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
