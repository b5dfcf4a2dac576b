"""Attacks on the class folder through the teacher's pages of a real dashboards server.

A damaged ``classe.json`` or one unreadable progress file never takes the cockpit down: the
page, the heatmap and the marks answer 200, the damaged file is listed with a French message
and a « mettre de côté » button (moved to ``quarantaine/``), the forms stay. Hostile class
lists (formulas, HTML, bad bytes, 10 MB, 100 000-character names, homonyms) are refused with a
French message and nothing written, or accepted when a column tells homonyms apart; the
server answers in under a second after each of them."""

from __future__ import annotations

import html
import json
import re

import pytest
from jupyter_server.auth import passwd
from outils.client_enseignant import ClientEnseignant
from outils.serveurs import ecrire_app, serveur_pret

from widgets.donnees.classe import Classe

pytestmark = pytest.mark.timeout(300)

MOT_DE_PASSE = "prof-attaques-2026"
NET = "relation_client/net-a-payer-1"
LISTE = "nom;prénom;groupe\nMartin;Léa;A\nDurand;Hugo;B\n"
CARTE = f"/enseignant/carte.json?unite=relation_client&exercices={NET}"


@pytest.fixture(scope="module")
def serveur(tmp_path_factory: pytest.TempPathFactory):
    dossier = tmp_path_factory.mktemp("attaques_classe")
    apps = dossier / "apps"
    apps.mkdir()
    ecrire_app(apps, "vide.ipynb", "print('prêt')")
    with serveur_pret(
        dossier,
        apps,
        delai=120,
        taille_pool={"vide.ipynb": 1},
        max_noyaux_defaut=1,
        mot_de_passe_enseignant=passwd(MOT_DE_PASSE),
        dossier_classe=str(dossier / "classe"),
    ) as serveur:
        serveur.classe = Classe(dossier / "classe")
        yield serveur


@pytest.fixture
def prof(serveur) -> ClientEnseignant:
    client = ClientEnseignant(serveur.base).connecter(MOT_DE_PASSE)
    for chemin in (serveur.classe.fichier, *serveur.classe.fichiers_progression()):
        chemin.unlink(missing_ok=True)
    yield client
    assert client.delai_reponse() < 1.0  # the server still answers every student


def _importer(prof: ClientEnseignant, liste: str = LISTE) -> dict[str, str]:
    statut, page = prof.poster("/enseignant/classe", {"liste": liste})
    assert statut == 200, page
    lignes = re.findall(r'<tr data-eleve="([^"]+)">.*?<code class="code">(\w+)</code>', page)
    return {html.unescape(eleve): code for eleve, code in lignes}


def test_a_garbage_classe_json_is_listed_and_put_aside_and_the_cockpit_still_answers(serveur, prof):
    _importer(prof)
    serveur.classe.fichier.write_bytes(b"\x00{pas du json")
    statut, page = prof.texte("/enseignant")
    assert statut == 200
    assert "Fichiers endommagés" in page and "<code>classe.json</code>" in page
    assert "la liste de la classe ne peut pas être lue" in page
    assert 'name="liste"' in page and "Préparer une séance" in page  # the forms are kept
    statut, carte = prof.texte(CARTE)
    assert statut == 200
    assert json.loads(carte)["fichiers_endommages"] == ["classe.json"]
    assert json.loads(carte)["eleves"] == {}
    assert prof.texte("/enseignant/notes.csv?unite=relation_client")[0] == 200
    assert prof.requete("/enseignant/notes.xlsx?unite=relation_client")[0] == 200
    statut, page = prof.poster("/enseignant/mettre-de-cote", {"fichier": "classe.json"})
    assert statut == 200 and "est rangé dans" in page
    mis_de_cote = list((serveur.classe.dossier / "quarantaine").glob("*-classe.json"))
    assert [p.read_bytes() for p in mis_de_cote] == [b"\x00{pas du json"]
    assert not serveur.classe.fichier.exists()
    assert len(_importer(prof)) == 2  # the teacher imports the list again
    for p in mis_de_cote:
        p.unlink()


def test_a_truncated_progress_file_is_skipped_and_the_others_still_count(serveur, prof):
    _importer(prof)
    serveur.classe.progression("Martin Léa").enregistrer_tentative(
        "Martin Léa", "relation_client", NET, "12,50", True, 1.0, "Juste"
    )
    hugo = serveur.classe.chemin_progression("Durand Hugo")
    serveur.classe.progression("Durand Hugo")
    hugo.write_bytes(hugo.read_bytes()[:100])  # truncated (a USB stick pulled out)
    statut, carte = prof.texte(CARTE)
    assert statut == 200
    carte = json.loads(carte)
    assert carte["fichiers_endommages"] == [hugo.name]
    assert carte["eleves"]["Martin Léa"][NET]["statut"] == "reussi"
    assert carte["eleves"]["Durand Hugo"][NET]["statut"] == "pas_commence"
    statut, notes = prof.texte(f"/enseignant/notes.csv?unite=relation_client&exercices={NET}")
    assert statut == 200 and "Martin;Léa;20,0" in notes and "Durand;Hugo;0,0" in notes
    statut, page = prof.texte("/enseignant")
    assert statut == 200 and f"<code>{hugo.name}</code>" in page
    assert "fichier de progression illisible, ignoré dans la carte et les notes" in page
    # only a damaged file of the class can be put aside: nothing else moves
    for fichier in (serveur.classe.chemin_progression("Martin Léa").name, "../classe.json"):
        statut, page = prof.poster("/enseignant/mettre-de-cote", {"fichier": fichier})
        assert statut == 400 and "pas un fichier endommagé de la classe." in page
    assert serveur.classe.chemin_progression("Martin Léa").is_file()
    statut, _ = prof.poster("/enseignant/mettre-de-cote", {"fichier": hugo.name})
    assert statut == 200 and not hugo.exists()
    assert json.loads(prof.texte(CARTE)[1])["fichiers_endommages"] == []


@pytest.mark.parametrize(
    ("liste", "message"),
    [
        (b"nom;pr\xe9nom\nMartin;L\x81a\n", "ni en UTF-8 ni en Windows-1252 (octet 0x81"),
        (
            ("nom;prénom\n" + "A" * 100_000 + ";Léa\n").encode(),
            "Ligne 2 : nom trop long (100004 caractères ; 80 au plus",
        ),
        ("nom;prénom\nMartin;Léa\nMARTIN;lea\n".encode(), "Ligne 3 : MARTIN lea figure déjà"),
        (b"nom;pr\xc3\xa9nom\nMartin;L\x07a\n", "Ligne 2 : caractères invisibles"),
        (b"x" * 10_000_000, "Fichier trop gros : une liste de classe fait moins de 1 Mo"),
    ],
    ids=["octets-illisibles", "nom-de-100000-caracteres", "homonymes", "controle", "10-Mo"],
)
def test_a_hostile_class_list_is_refused_in_french_and_nothing_is_written(
    serveur, prof, liste, message
):
    _importer(prof)
    avant = serveur.classe.fichier.read_bytes()
    statut, page = prof.deposer("/enseignant/classe", "liste.csv", liste)
    assert statut in (400, 413) and message in page, page[:2000]
    assert serveur.classe.fichier.read_bytes() == avant


def test_formulas_and_html_in_names_are_kept_as_text_never_markup(serveur, prof):
    codes = _importer(prof, 'nom;prénom\n=HYPERLINK("x");<script>alert(1)</script>\n')
    assert list(codes) == ['=HYPERLINK("x") <script>alert(1)</script>']
    statut, page = prof.texte("/enseignant")
    assert statut == 200 and "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_homonyms_with_a_date_of_birth_column_are_imported_each_with_a_code(serveur, prof):
    codes = _importer(
        prof,
        "Nom;Prénom;Né(e) le;Classe\nMartin;Léa;14/03/2008;A\nMARTIN;Léa;02/11/2007;B\n"
        "Durand;Hugo;;A\n",
    )
    assert list(codes) == ["Martin Léa (14/03/2008)", "MARTIN Léa (02/11/2007)", "Durand Hugo"]
    eleve = serveur.classe.identifier("Léa Martin", codes["MARTIN Léa (02/11/2007)"])
    assert (eleve.identifiant, eleve.groupe) == ("MARTIN Léa (02/11/2007)", "B")
    fichiers = {serveur.classe.chemin_progression(i).name for i in codes}
    assert len(fichiers) == 3  # one progress file each
