"""Issue 25, second part: the teacher's exercises everywhere built-in ones are (catalogue,
class folder, devoirs' sujets), the SQL kind and the parameters read from the base (from the
documentation alone), the choice widget, sets given to a colleague (checked before anything is
written), and the Moodle bridge (XML as Moodle's importer reads it; a gradebook CSV back)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from widgets.cli import main
from widgets.donnees.devoirs import devoir
from widgets.donnees.exports import dangereux
from widgets.donnees.notes_moodle import lire_notes_moodle, notes_en_csv
from widgets.erreurs import ErreurAtelier
from widgets.exercices.auteur import lire_fichier
from widgets.exercices.auteur.jeux import JeuInvalide, exporter, importer
from widgets.exercices.auteur.verification import verifier
from widgets.exercices.controles_sql import ControleSQL
from widgets.exercices.devoirs import sujets_html
from widgets.exercices.markdown import markdown_en_html
from widgets.exercices.moodle import exporter_xml
from widgets.exercices.registre import (
    exercice_par_code,
    exercices_du_catalogue,
    exercices_enseignant_refuses,
)

RACINE = Path(__file__).resolve().parents[1]
DOC = (RACINE / "docs" / "exercices_enseignant.md").read_text(encoding="utf-8")
BLOCS = re.findall(r"```toml\n(.*?)```", DOC, re.S)
EXEMPLES = RACINE / "widgets" / "exercices" / "auteur" / "exemples"


def _bloc(code: str) -> str:
    return next(b for b in BLOCS if f'code = "{code}"' in b)


@pytest.fixture
def dossier(tmp_path, monkeypatch):
    d = tmp_path / "mes_exercices"
    d.mkdir()
    monkeypatch.setenv("ATELIER_EXERCICES", str(d))
    return d


@pytest.fixture
def sur_la_base_demo(base_demo, monkeypatch):
    monkeypatch.setenv("ATELIER_BASE", str(base_demo))
    return base_demo


# ------------------------------------------------------------------ from the documentation


def test_un_exercice_sql_ecrit_d_apres_la_documentation(tmp_path, sur_la_base_demo):
    chemin = tmp_path / "sql.toml"
    chemin.write_text(_bloc("clients-d-une-ville"), encoding="utf-8")
    rapport = verifier(chemin, variantes=30)
    assert rapport.valide, rapport.texte()
    assert "requête SQL" in rapport.texte()
    ex = lire_fichier(chemin).exercice()
    v = ex.variante("Léa")
    c = v.controle
    assert isinstance(c, ControleSQL)
    ville = v.parametres["ville"]
    # the drawn city is one of the base's, written in SQL between apostrophes
    litteral = "'" + ville.replace("'", "''") + "'"
    assert f"WHERE ville = {litteral}" in c.sql_reference
    assert f"à **{ville}**" in v.enonce
    # another right formulation (aliases, other case) is accepted, a wrong one is not
    autre = (
        "select raison_sociale as nom, telephone as tel from clients "
        f"where ville = {litteral} order by nom, tel"
    )
    assert c.verifier(autre).correct
    sans_tri = f"SELECT raison_sociale, telephone FROM clients WHERE ville = {litteral}"
    faux = c.verifier("SELECT raison_sociale, telephone FROM clients ORDER BY raison_sociale")
    assert not faux.correct
    # a student asked for an ORDER BY who leaves it out: judged on the order when it differs
    resultat = c.resultat_attendu()
    if len(resultat.lignes) > 1:
        assert c.verifier(sans_tri + " ORDER BY raison_sociale DESC").correct is False
    # the same student always draws the same city
    assert ex.variante("Léa").parametres["ville"] == ville


def test_une_question_a_choix_dont_la_bonne_option_depend_des_chiffres(tmp_path):
    chemin = tmp_path / "qcm.toml"
    chemin.write_text(_bloc("seuil-atteint-qcm"), encoding="utf-8")
    assert verifier(chemin).valide
    ex = lire_fichier(chemin).exercice()
    vus = set()
    for i in range(40):
        v = ex.variante(f"etudiant-{i}")
        p = v.parametres
        seuil = (p["cf"] * 100 / p["taux"]).quantize(Decimal("0.01"))
        attendu = 0 if p["ca"] > seuil else 1  # ordre_fixe: the file's order
        assert v.controle.bonne == attendu
        vus.add(attendu)
        faux = v.controle.verifier("B" if attendu == 0 else "A")
        assert not faux.correct and faux.piege == f"choix_{2 - attendu}"
    assert vus == {0, 1}


def test_un_parametre_lu_dans_la_base_refuse_une_requete_qui_ecrit(tmp_path, sur_la_base_demo):
    texte = _bloc("clients-d-une-ville").replace(
        'ville = { requete = "SELECT DISTINCT ville FROM clients WHERE ville IS NOT NULL" }',
        'ville = { requete = "DELETE FROM clients" }',
    )
    chemin = tmp_path / "hostile.toml"
    chemin.write_text(texte, encoding="utf-8")
    ligne = next(i for i, x in enumerate(texte.splitlines(), 1) if "DELETE" in x)
    with pytest.raises(ErreurAtelier, match=f"ligne {ligne} : « ville » : la requête d'un"):
        lire_fichier(chemin)
    # a SELECT that the safe engine refuses (two statements) is refused at the draw, in French
    texte = texte.replace('"DELETE FROM clients"', '"SELECT ville FROM clients; DROP TABLE x"')
    chemin.write_text(texte, encoding="utf-8")
    rapport = verifier(chemin, variantes=3)
    assert not rapport.valide
    assert f"Ligne {ligne} : la requête du paramètre est refusée" in rapport.erreurs[0]


# ------------------------------------------------------------------ the built-in ones


def test_l_exercice_sql_integre_reecrit_donne_les_memes_requetes_et_verdicts(sur_la_base_demo):
    fichier = lire_fichier(EXEMPLES / "sql-produits-gamme.toml").exercice()
    integre = exercice_par_code("gestion_clientele/sql-produits-gamme")
    assert fichier.code == integre.code and fichier.savoirs == integre.savoirs
    for i in range(40):
        a, b = fichier.variante(f"etudiant-{i}"), integre.variante(f"etudiant-{i}")
        assert (a.enonce, a.indices, a.solution) == (b.enonce, b.indices, b.solution)
        assert a.controle == b.controle
    a, b = fichier.variante("alice").controle, integre.variante("alice").controle
    juste = b.sql_reference.replace("SELECT reference,", "SELECT reference AS ref,")
    for essai in (juste, "SELECT reference FROM produits", "SELEC"):
        va, vb = a.verifier(essai), b.verifier(essai)
        assert (va.correct, va.score, va.message) == (vb.correct, vb.score, vb.message)
    assert a.verifier(juste).correct


def test_l_exercice_de_campagne_reecrit_donne_les_memes_variantes_et_verdicts():
    fichier = lire_fichier(EXEMPLES / "roi-campagne-1.toml").exercice()
    integre = exercice_par_code("relation_digitale/roi-campagne-1")
    for i in range(200):
        a, b = fichier.variante(f"etudiant-{i}"), integre.variante(f"etudiant-{i}")
        assert (a.enonce, a.indices, a.solution) == (b.enonce, b.indices, b.solution)
        assert a.controle.attendu == b.controle.attendu
        for essai in [b.controle.attendu, *(p.valeur for p in b.controle.pieges)]:
            texte = str(essai).replace(".", ",")
            va, vb = a.controle.verifier(texte), b.controle.verifier(texte)
            assert (va.correct, va.piege) == (vb.correct, vb.piege)


# ------------------------------------------------------------------ everywhere built-ins are


def test_les_fichiers_de_l_enseignant_rejoignent_le_catalogue_et_les_sujets(dossier):
    (dossier / "coef.toml").write_text(_bloc("coefficient-multiplicateur"), encoding="utf-8")
    (dossier / "pirate.toml").write_text(
        (EXEMPLES / "mensualite-1.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (dossier / "latin1.toml").write_bytes('titre = "Remise accordée"\n'.encode("latin-1"))
    (dossier / "dossier.toml").mkdir()
    code = "relation_client/coefficient-multiplicateur"
    catalogue = exercices_du_catalogue()
    assert code in catalogue and "relation_client/net-a-payer-1" in catalogue
    assert catalogue[code].theme == "enseignant"
    refuses = exercices_enseignant_refuses()
    assert set(refuses) == {"pirate.toml", "latin1.toml", "dossier.toml"}
    assert "exercice intégré" in refuses["pirate.toml"]
    assert "UTF-8" in refuses["latin1.toml"]
    assert "ne peut pas être lu" in refuses["dossier.toml"]
    # the built-in one is not shadowed
    assert exercice_par_code("finance/mensualite-1").theme == "emprunt"
    # a devoir's printed sujets: each student's own variant of the teacher's exercise
    d = devoir("Contrôle", [(code, 2)], graine=3)
    document = sujets_html(d, ["Martin Léa"])
    assert markdown_en_html(exercice_par_code(code).variante("Martin Léa", 3).enonce) in document


def test_le_dossier_de_la_classe_du_serveur_fournit_ses_exercices(tmp_path, dossier, monkeypatch):
    classe = tmp_path / "classe"
    (classe / "exercices").mkdir(parents=True)
    (classe / "exercices" / "qcm.toml").write_text(_bloc("taux-de-marque-qcm"), encoding="utf-8")
    with pytest.raises(ErreurAtelier):
        exercice_par_code("relation_client/taux-de-marque-qcm")
    monkeypatch.setenv("ATELIER_CLASSE", str(classe))
    assert exercice_par_code("relation_client/taux-de-marque-qcm").theme == "enseignant"


def test_le_qcm_s_affiche_en_boutons_radio_se_corrige_et_rejoint_la_carte(dossier):
    from widgets.exercices.registre import exercices_de_l_unite
    from widgets.exercices.suivi import carte_de_classe
    from widgets.ui.exercice import exercice

    (dossier / "qcm.toml").write_text(_bloc("taux-de-marque-qcm"), encoding="utf-8")
    code = "relation_client/taux-de-marque-qcm"
    assert code in [e.code for e in exercices_de_l_unite("relation_client")]
    w = exercice(code, etudiant="Léa")
    (saisie,) = w.champs.values()
    c = w.variante.controle
    assert type(saisie).__name__ == "RadioButtons" and saisie.value is None
    assert [lettre for _, lettre in saisie.options] == ["A", "B", "C"]
    faux = (c.bonne + 1) % 3
    w.remplir(c.options[faux])  # the option's text, as a student would copy it
    assert saisie.value == "ABC"[faux]
    assert not w.verifier().correct
    w.remplir("ABC"[c.bonne])
    assert w.verifier().correct
    # the progress file keeps both attempts under the exercise's code: the class map reads it
    tentatives = w.progression.tentatives("Léa", code)
    assert [t["correct"] for t in tentatives] == [0, 1]
    assert tentatives[0]["piege"] == c.codes[faux] and c.codes[faux].startswith("choix_")
    carte = carte_de_classe(tentatives, [code], [tentatives[0]["etudiant"]])
    assert carte.case(tentatives[0]["etudiant"], code).meilleur_score == 1


# ------------------------------------------------------------------ sets


def test_un_jeu_s_exporte_et_s_importe_sans_jamais_ecraser_en_silence(tmp_path, monkeypatch):
    source = tmp_path / "source"
    source.mkdir()
    (source / "coef.toml").write_text(_bloc("coefficient-multiplicateur"), encoding="utf-8")
    (source / "qcm.toml").write_text(_bloc("taux-de-marque-qcm"), encoding="utf-8")
    jeu = tmp_path / "mes_exercices.jeu"
    assert main(["exercice", "exporter", str(source), str(jeu)]) == 0
    texte = jeu.read_text(encoding="utf-8")
    assert texte.count("# ===== exercice : ") == 2
    collegue = tmp_path / "collegue"
    monkeypatch.setenv("ATELIER_EXERCICES", str(collegue))
    bilan = importer(jeu)
    assert bilan.ecrits == ["coef.toml", "qcm.toml"]
    assert (collegue / "qcm.toml").read_text(encoding="utf-8").strip() == _bloc(
        "taux-de-marque-qcm"
    ).strip()
    assert importer(jeu).inchanges == ["coef.toml", "qcm.toml"]
    (collegue / "qcm.toml").write_text(
        _bloc("taux-de-marque-qcm").replace("Reconnaître", "Trouver"), encoding="utf-8"
    )
    with pytest.raises(JeuInvalide, match="qcm.toml existe.*--remplacer"):
        importer(jeu)
    assert "Trouver" in (collegue / "qcm.toml").read_text(encoding="utf-8")
    assert importer(jeu, remplacer=True).remplaces == ["qcm.toml"]
    assert "Reconnaître" in (collegue / "qcm.toml").read_text(encoding="utf-8")


def test_un_jeu_hostile_est_refuse_en_entier_avec_la_ligne_du_jeu_et_du_fichier(
    tmp_path, monkeypatch
):
    bon = _bloc("coefficient-multiplicateur")
    mauvais = _bloc("taux-de-marque-qcm").replace(
        '"taux_de_marge(cout, pv)"', "\"open('/etc/passwd')\""
    )
    jeu = tmp_path / "recu.jeu"
    jeu.write_text(
        "# Jeu d'exercices Atelier NRC\n"
        f"# ===== exercice : coef.toml =====\n{bon}"
        f"# ===== exercice : qcm.toml =====\n{mauvais}",
        encoding="utf-8",
    )
    lignes = jeu.read_text(encoding="utf-8").splitlines()
    n_jeu = next(i for i, x in enumerate(lignes, 1) if "open(" in x)
    n_fichier = next(i for i, x in enumerate(mauvais.splitlines(), 1) if "open(" in x)
    dest = tmp_path / "dest"
    monkeypatch.setenv("ATELIER_EXERCICES", str(dest))
    with pytest.raises(JeuInvalide) as err:
        importer(jeu)
    assert f"recu.jeu, ligne {n_jeu} (qcm.toml, ligne {n_fichier}) : l'expression" in str(err.value)
    assert "rien n'est importé" in str(err.value)
    assert not dest.exists()  # not even the good one
    # a file name that is a path is refused
    jeu.write_text(f"# ===== exercice : ../../.bashrc.toml =====\n{bon}", encoding="utf-8")
    with pytest.raises(JeuInvalide, match="recu.jeu, ligne 1 : .* n'est pas un nom de fichier"):
        importer(jeu)
    # a built-in code in a set
    jeu.write_text(
        "# ===== exercice : net.toml =====\n"
        + (EXEMPLES / "net-a-payer-1.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    with pytest.raises(JeuInvalide, match="celui d'un exercice intégré"):
        importer(jeu)
    assert main(["exercice", "importer", str(jeu)]) == 2


def test_exporter_un_jeu_refuse_un_fichier_invalide(tmp_path):
    casse = tmp_path / "casse.toml"
    casse.write_text('code = "x"\n', encoding="utf-8")
    with pytest.raises(ErreurAtelier, match="casse.toml"):
        exporter([str(casse)], tmp_path / "jeu.jeu")
    with pytest.raises(ErreurAtelier, match="ne se termine pas par .toml"):
        exporter([str(casse)], tmp_path / "jeu.toml")


# ------------------------------------------------------------------ Moodle


def _questions(xml: str) -> list[ET.Element]:
    racine = ET.fromstring(xml)  # our own output: the stdlib parser is enough
    assert racine.tag == "quiz"
    return racine.findall("question")


def test_moodle_numerique_categorie_variantes_pieges_et_question_aleatoire():
    ex = exercice_par_code("relation_client/net-a-payer-1")
    questions = _questions(exporter_xml([ex], variantes=5))
    types = [q.get("type") for q in questions]
    assert types == ["category", *["numerical"] * 5, "random"]
    categorie = questions[0].find("category/text").text
    assert categorie == "$course$/top/Atelier NRC/relation_client/net-a-payer-1"
    v = ex.variante("moodle-001")
    q = questions[1]
    assert q.find("name/text").text == "Net à payer d'une facture — variante 1"
    assert q.find("questiontext").get("format") == "html"
    assert q.find("questiontext/text").text == markdown_en_html(v.enonce)
    reponses = q.findall("answer")
    bonne = reponses[0]
    assert bonne.get("fraction") == "100"
    assert Decimal(bonne.find("text").text) == v.controle.attendu
    assert Decimal(bonne.find("tolerance").text) == Decimal("0.01")
    pieges = {Decimal(a.find("text").text): a for a in reponses[1:-1]}
    for p in v.controle.pieges:
        assert pieges[p.valeur].get("fraction") == "0"
        assert pieges[p.valeur].find("feedback/text").text == p.explication
    assert reponses[-1].find("text").text == "*"
    assert q.find("units/unit/unit_name").text == "€"
    assert q.find("units/unit/multiplier").text == "1"
    assert q.find("showunits").text == "0"
    aleatoire = questions[-1]
    assert aleatoire.find("questiontext/text").text == "0"
    assert aleatoire.find("name/text").text.startswith("Aléatoire : ")


def test_moodle_qcm_cloze_et_refus_du_sql(dossier):
    (dossier / "qcm.toml").write_text(_bloc("taux-de-marque-qcm"), encoding="utf-8")
    qcm = exercice_par_code("relation_client/taux-de-marque-qcm")
    questions = _questions(exporter_xml([qcm], variantes=3))
    q = questions[1]
    assert q.get("type") == "multichoice"
    assert q.find("single").text == "true" and q.find("shuffleanswers").text == "true"
    fractions = [a.get("fraction") for a in q.findall("answer")]
    assert sorted(fractions) == ["0", "0", "100"]
    v = qcm.variante("moodle-001")
    bonne = q.findall("answer")[v.controle.bonne]
    assert bonne.get("fraction") == "100"
    assert "- **A.**" not in q.find("questiontext/text").text
    tableau = exercice_par_code("relation_client/facture-tableau-1")
    q = _questions(exporter_xml([tableau], variantes=1))[1]
    assert q.get("type") == "cloze"
    texte = q.find("questiontext/text").text
    assert texte.count(":NUMERICAL:=") == len(tableau.variante("moodle-001").controle.cellules)
    with pytest.raises(ErreurAtelier, match="Moodle ne sait pas corriger"):
        exporter_xml([exercice_par_code("gestion_clientele/sql-produits-gamme")], 1)


def test_moodle_echappe_le_texte_de_l_enseignant(dossier, tmp_path):
    hostile = (
        _bloc("coefficient-multiplicateur")
        .replace("Un article est acheté", "<script>alert(1)</script> ]]> Un article est acheté")
        .replace("Vous avez calculé le coefficient sur le prix HT", "<img src=x onerror=alert(1)>")
    )
    (dossier / "h.toml").write_text(hostile, encoding="utf-8")
    sortie = tmp_path / "m.xml"
    assert (
        main(
            [
                "moodle",
                "exporter",
                "relation_client/coefficient-multiplicateur",
                "--sortie",
                str(sortie),
                "--variantes",
                "2",
            ]
        )
        == 0
    )
    xml = sortie.read_text(encoding="utf-8")
    q = _questions(xml)[1]
    texte = q.find("questiontext/text").text
    assert "<script>" not in texte and "&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;" in texte
    retours = [a.find("feedback/text").text for a in q.findall("answer")]
    assert any(r.startswith("&lt;img src=x onerror=alert(1)&gt; : le coefficient") for r in retours)
    assert "<img" not in xml


# ------------------------------------------------------------------ Moodle gradebook


def test_les_notes_moodle_en_francais_avec_bom_virgule_et_tiret(tmp_path):
    csv_moodle = (
        "Prénom;Nom;Numéro d'identification;Institution;Département;Adresse de courriel;"
        "Test:Mensualité (Réel);Test:QCM marque (Réel);Total du cours (Réel);"
        "Dernier téléchargement depuis ce cours\r\n"
        "Léa;Martin;;;;lea@ent.fr;14,50;-;14,50;1733500000\r\n"
        '"=HYPERLINK(""http://x"")";Durand;;;;tom@ent.fr;8;10,25;18,25;1733500000\r\n'
    )
    chemin = tmp_path / "notes.csv"
    chemin.write_bytes(csv_moodle.encode("utf-8-sig"))
    notes = lire_notes_moodle(chemin)
    assert notes.tests == ("Mensualité", "QCM marque", "Total du cours (Réel)")
    lea, tom = notes.lignes
    assert lea == ("Martin", "Léa", "lea@ent.fr", (Decimal("14.50"), None, Decimal("14.50")))
    assert tom[3] == (Decimal(8), Decimal("10.25"), Decimal("18.25"))
    sortie = notes_en_csv(notes).decode("utf-8-sig").splitlines()
    assert sortie[0] == "Nom;Prénom;Adresse de courriel;Mensualité;QCM marque;Total du cours (Réel)"
    assert sortie[1] == "Martin;Léa;lea@ent.fr;14,50;;14,50"
    assert not any(dangereux(c) for c in sortie[2].split(";"))
    assert "'=HYPERLINK" in sortie[2]


def test_les_notes_moodle_en_anglais_et_les_refus(tmp_path, capsys):
    chemin = tmp_path / "grades.csv"
    chemin.write_text(
        "First name,Surname,Email address,Quiz:Loan (Real)\nAnn,Lee,ann@x.org,12.5\n",
        encoding="utf-8",
    )
    notes = lire_notes_moodle(chemin)
    assert notes.tests == ("Loan",) and notes.lignes[0][3] == (Decimal("12.5"),)
    sortie = tmp_path / "notes.xlsx"
    assert main(["moodle", "notes", str(chemin), "--sortie", str(sortie)]) == 0
    assert sortie.read_bytes()[:2] == b"PK"
    chemin.write_text("Prénom;Nom;Test:A (Réel)\nLéa;Martin;douze\n", encoding="utf-8")
    with pytest.raises(ErreurAtelier, match="Ligne 2, colonne « A » : « douze » n'est pas une"):
        lire_notes_moodle(chemin)
    chemin.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(ErreurAtelier, match="colonnes « Prénom » et « Nom » introuvables"):
        lire_notes_moodle(chemin)
    chemin.write_bytes(b"Pr\xc3\xa9nom;Nom\n" + b"x" * 5_000_001)
    assert main(["moodle", "notes", str(chemin)]) == 2
    assert "dépasse 5 Mo" in capsys.readouterr().err


def test_les_notes_moodle_rejoignent_le_tableau_des_notes_du_cockpit(tmp_path, monkeypatch):
    from widgets.donnees.notes_moodle import lire_de_la_classe
    from widgets.exercices.suivi import LigneNote
    from widgets.tableaux_de_bord.enseignant import notes_moodle_html

    classe = tmp_path / "classe"
    monkeypatch.setenv("ATELIER_CLASSE", str(classe))
    chemin = tmp_path / "notes.csv"
    chemin.write_bytes(
        "Prénom,Nom,Adresse de courriel,Test:Marges (Réel)\r\n"
        'Léa,Martin,lea@ent.fr,"15,5"\r\n'
        "<b>Tom</b>,Durand,tom@ent.fr,-\r\n".encode("utf-8-sig")
    )
    assert main(["moodle", "notes", str(chemin)]) == 0
    notes = lire_de_la_classe(classe)
    assert notes.tests == ("Marges",)
    assert notes.lignes[0] == ("Martin", "Léa", "lea@ent.fr", (Decimal("15.5"),))
    page = notes_moodle_html(
        notes, [LigneNote("MARTIN", "Léa", Decimal("12.25"))], "relation_client"
    )
    assert "<td>Martin</td><td>Léa</td><td>15,5</td><td>12,25</td>" in page
    assert "<td>&lt;b&gt;Tom&lt;/b&gt;</td><td>-</td><td>—</td>" in page
    assert "<b>Tom" not in page
    (classe / "notes_moodle.json").write_text("{abîmé", encoding="utf-8")
    assert lire_de_la_classe(classe) is None and notes_moodle_html(None, [], "finance") == ""


def test_les_nouvelles_commandes_refusent_en_francais(capsys):
    with pytest.raises(SystemExit) as fin:
        main(["exercice", "importer"])
    assert fin.value.code == 2
    assert "erreur : arguments obligatoires manquants : fichier" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["moodle", "expoter"])
    assert "choix inconnu : 'expoter' (au choix : 'exporter', 'notes')" in capsys.readouterr().err
    assert main(["moodle", "exporter", "finance/inconnu", "--sortie", "q.xml"]) == 2
    assert "Aucun exercice ne porte le code « finance/inconnu »" in capsys.readouterr().err
