"""Issue 25: a teacher writes an exercise in a TOML file, from docs/exercices_enseignant.md
alone, and it behaves like a built-in one (variants per student, tolerance, other methods,
traps named, carry-forward in a table, a choice), and the built-in net-a-payer-1 rewritten in
the format gives the same variants and verdicts."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from widgets.cli import main
from widgets.exercices.auteur import ControleChoix, lire_fichier
from widgets.exercices.auteur.verification import apercu, verifier
from widgets.exercices.controles import formater
from widgets.exercices.modele import ExerciceInconnu
from widgets.exercices.registre import exercice_par_code, exercices_enseignant_refuses

RACINE = Path(__file__).resolve().parents[1]
DOC = (RACINE / "docs" / "exercices_enseignant.md").read_text(encoding="utf-8")
BLOCS = re.findall(r"```toml\n(.*?)```", DOC, re.S)
EXEMPLE_INTEGRE = RACINE / "widgets" / "exercices" / "auteur" / "exemples" / "net-a-payer-1.toml"


@pytest.fixture
def exemples(tmp_path, base_demo, monkeypatch):
    """The documentation's five examples (numeric, table, choice, SQL with a parameter read
    from the base, choice depending on the figures), each written to its own file."""
    monkeypatch.setenv("ATELIER_BASE", str(base_demo))
    assert len(BLOCS) == 5
    chemins = []
    for i, bloc in enumerate(BLOCS, 1):
        chemin = tmp_path / f"exemple{i}.toml"
        chemin.write_text(bloc, encoding="utf-8")
        chemins.append(chemin)
    return chemins


def test_chaque_exemple_de_la_documentation_passe_la_verification(exemples):
    for chemin in exemples:
        rapport = verifier(chemin)
        assert rapport.valide, rapport.texte()
        assert rapport.variantes == 200
        assert "exercice valide" in rapport.texte()


def test_une_reponse_numerique_autre_methode_et_pieges_nommes(exemples):
    ex = lire_fichier(exemples[0]).exercice()
    assert ex.code == "relation_client/coefficient-multiplicateur"
    assert ex.savoirs == ("S512",)
    v = ex.variante("Léa")
    # drawn for Léa: coût 42,30 €, taux de marque 35 % (by hand:
    # PV HT = 42,30 / 0,65 = 65,0769 → 65,08 ; PV TTC = 78,096 → 78,10 ; 78,10 / 42,30 = 1,84634)
    assert v.parametres == {"cout": Decimal("42.30"), "marque": Decimal(35)}
    assert "**42,30\u00a0€ HT**" in v.enonce and "**35\u00a0%**" in v.enonce
    c = v.controle
    assert c.attendu == Decimal("1.8463")
    assert c.verifier("1,8463").correct
    # Inès: coût 24,10 €, 35 % : PV HT 37,0769 → 37,08 ; TTC 44,496 → 44,50 ;
    # 44,50 / 24,10 = 1,84647 → 1,8465 ; the other method 1,2 / 0,65 = 1,846153 → 1,8462
    w = ex.variante("Inès").controle
    assert w.attendu == Decimal("1.8465") and w.autres_attendus == (Decimal("1.8462"),)
    autre = w.verifier("1,8462")
    assert autre.correct and "sans arrondir" in autre.message
    assert not w.verifier("1,8459").correct
    ht = c.verifier("1,5385")  # 65,08 / 42,30 = 1,53853
    assert not ht.correct and ht.piege == "coefficient_ht"
    assert "prix de vente TTC" in ht.message
    marge = c.verifier("1,62")  # 1,35 × 1,2
    assert marge.piege == "marque_prise_pour_marge"
    faux = c.verifier("2")
    assert not faux.correct and faux.piege is None
    assert not c.verifier("deux").lisible
    # the same student always gets the same figures, another one (usually) others
    assert ex.variante("  lea ").enonce == v.enonce
    assert ex.variante("Hugo").parametres != v.parametres


def test_plusieurs_reponses_un_tableau_avec_report_et_accords(exemples):
    ex = lire_fichier(exemples[1]).exercice()
    v = ex.variante("Léa")
    # 13 cartons à 109,50 € ; remise 3 % : brut 1 423,50 ; remise 42,705 → 42,71 ;
    # net 1 380,79 ; TVA 276,158 → 276,16 ; TTC 1 656,95
    assert v.parametres["cartons"] == 13 and v.parametres["prix"] == Decimal("109.5")
    assert "**13 cartons**" in v.enonce
    justes = {
        "brut_ht": "1 423,50",
        "remise_ht": "42,71",
        "net_ht": "1 380,79",
        "tva": "276,16",
        "ttc": "1 656,95",
    }
    assert v.controle.verifier(justes).correct
    # a slip on the brut (1 432,50), everything after computed right from it:
    # remise 42,975 → 42,98 ; net 1 389,52 ; TVA 277,904 → 277,90 ; TTC 1 667,42
    reportes = {
        "brut_ht": "1 432,50",
        "remise_ht": "42,98",
        "net_ht": "1 389,52",
        "tva": "277,90",
        "ttc": "1 667,42",
    }
    verdict = v.controle.verifier(reportes)
    assert not verdict.correct
    assert [r.statut for r in verdict.details] == ["faux", "report", "report", "report", "report"]
    assert verdict.score == Decimal("0.8333")  # 5 points sur 6
    piege = v.controle.verifier({**justes, "tva": "284,70"})  # 20 % du brut
    assert piege.piege == "tva_sur_brut"
    # agreement: « 1 carton » for a student who draws one carton, « n cartons » otherwise
    vus = {}
    for i in range(400):
        w = ex.variante(f"etudiant-{i}")
        vus.setdefault(w.parametres["cartons"] == 1, w)
    assert "**1 carton** de" in vus[True].enonce
    assert f"**{vus[False].parametres['cartons']} cartons**" in vus[False].enonce


def test_une_question_a_choix_melangee_par_etudiant(exemples):
    ex = lire_fichier(exemples[2]).exercice()
    v = ex.variante("Léa")
    c = v.controle
    assert isinstance(c, ControleChoix)
    # acheté 38 € HT, vendu 47,50 € HT : marque 9,50 / 47,50 = 20 %, marge 9,50 / 38 = 25 %
    assert sorted(c.options) == sorted(["20\u00a0%", "25\u00a0%", "47,50\u00a0€"])
    assert c.verifier("20 %").correct
    lettre = "ABC"[c.options.index("20\u00a0%")]
    assert c.verifier(lettre).correct and c.verifier(lettre.lower()).correct
    assert f"**{lettre}.** 20\u00a0%" in v.enonce
    marge = c.verifier("25 %")
    assert not marge.correct and "taux de marge" in marge.message and marge.piege
    assert not c.verifier("Z").lisible
    ordres = {ex.variante(f"etudiant-{i}").controle.bonne for i in range(30)}
    assert ordres == {0, 1, 2}  # the right option is not always A


@pytest.mark.parametrize(
    ("fichier", "code"),
    [
        ("net-a-payer-1.toml", "relation_client/net-a-payer-1"),
        ("mensualite-1.toml", "finance/mensualite-1"),
        ("roi-campagne-1.toml", "relation_digitale/roi-campagne-1"),
        ("commandes-attendues-1.toml", "gestion_projet/commandes-attendues-1"),
        ("cout-commercial-1.toml", "management_equipe/cout-commercial-1"),
        ("trafic-erlangs-1.toml", "relation_distance/trafic-erlangs-1"),
        ("redevances-franchise-1.toml", "animation_reseaux/redevances-franchise-1"),
    ],
)
def test_l_exercice_integre_reecrit_donne_les_memes_variantes_et_verdicts(fichier, code):
    fichier = lire_fichier(EXEMPLE_INTEGRE.with_name(fichier)).exercice()
    integre = exercice_par_code(code)
    assert fichier.code == integre.code and fichier.savoirs == integre.savoirs
    for i in range(200):
        etudiant = f"etudiant-{i}"
        a, b = fichier.variante(etudiant), integre.variante(etudiant)
        assert a.enonce == b.enonce
        assert a.indices == b.indices
        if code != "relation_client/net-a-payer-1":  # its file lays the corrigé out as a table
            assert a.solution == b.solution
        assert a.controle.attendu == b.controle.attendu
        assert a.controle.autres_attendus == b.controle.autres_attendus
        assert [(p.code, p.valeur) for p in a.controle.pieges] == [
            (p.code, p.valeur) for p in b.controle.pieges
        ]
        u = b.controle.unite
        essais = [formater(b.controle.attendu, u), formater(b.controle.attendu + 1, u)]
        essais += [formater(p.valeur, u) for p in b.controle.pieges]
        for essai in essais:
            va, vb = a.controle.verifier(essai), b.controle.verifier(essai)
            assert (va.correct, va.piege, va.score) == (vb.correct, vb.piege, vb.score)


def test_le_dossier_de_l_enseignant_rejoint_le_registre(tmp_path, monkeypatch):
    dossier = tmp_path / "mes_exercices"
    dossier.mkdir()
    (dossier / "coef.toml").write_text(BLOCS[0], encoding="utf-8")
    (dossier / "copie.toml").write_text(
        EXEMPLE_INTEGRE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (dossier / "casse.toml").write_text('code = "x"\ntitre = \n', encoding="utf-8")
    monkeypatch.setenv("ATELIER_EXERCICES", str(dossier))
    ex = exercice_par_code("relation_client/coefficient-multiplicateur")
    assert ex.variante("Léa").controle.attendu == Decimal("1.8463")
    refuses = exercices_enseignant_refuses()
    assert set(refuses) == {"copie.toml", "casse.toml"}
    assert "déjà celui d'un autre exercice" in refuses["copie.toml"]
    assert "casse.toml, ligne 2" in refuses["casse.toml"]
    # the built-in one is still the built-in one
    assert exercice_par_code("relation_client/net-a-payer-1").theme == "facturation"
    with pytest.raises(ExerciceInconnu, match="casse.toml, ligne 2"):
        exercice_par_code("relation_client/inexistant")
    monkeypatch.setenv("ATELIER_EXERCICES", str(tmp_path / "vide"))
    with pytest.raises(ExerciceInconnu):
        exercice_par_code("relation_client/coefficient-multiplicateur")
    # without ATELIER_EXERCICES: the « exercices » folder of the user data folder
    monkeypatch.delenv("ATELIER_EXERCICES")
    donnees = tmp_path / "donnees"
    monkeypatch.setenv("ATELIER_DONNEES", str(donnees))
    with pytest.raises(ExerciceInconnu):
        exercice_par_code("relation_client/coefficient-multiplicateur")
    assert not donnees.exists()  # looking for the folder creates nothing
    (donnees / "exercices").mkdir(parents=True)
    (donnees / "exercices" / "coef.toml").write_text(BLOCS[0], encoding="utf-8")
    assert exercice_par_code("relation_client/coefficient-multiplicateur").theme == "enseignant"


def test_les_commandes_nouveau_verifier_apercu(tmp_path, capsys):
    chemin = tmp_path / "mon_exercice.toml"
    assert main(["exercice", "nouveau", str(chemin)]) == 0
    assert chemin.read_text(encoding="utf-8").startswith("# Exercice écrit par l'enseignant")
    assert main(["exercice", "nouveau", str(chemin)]) == 2  # never overwrite
    assert "existe déjà" in capsys.readouterr().err
    assert main(["exercice", "verifier", str(chemin)]) == 0
    assert "exercice valide" in capsys.readouterr().out
    assert main(["exercice", "apercu", str(chemin), "--etudiant", "Léa"]) == 0
    sortie = capsys.readouterr().out
    assert "— Léa" in sortie and "## Solution" in sortie and "## Réponse attendue" in sortie
    assert apercu(chemin, "Léa") == sortie.removesuffix("\n")
    texte = chemin.read_text(encoding="utf-8").replace('"S512"', '"S999"')
    chemin.write_text(texte, encoding="utf-8")
    assert main(["exercice", "verifier", str(chemin)]) == 1
    ligne = next(i for i, x in enumerate(texte.splitlines(), 1) if x.startswith("savoirs"))
    assert f"Ligne {ligne} : Le savoir « S999 » n'existe pas" in capsys.readouterr().out


def test_verifier_signale_un_piege_egal_a_la_bonne_reponse_et_un_accord_oublie(tmp_path):
    texte = (
        BLOCS[0]
        .replace(
            'expression = "arrondi(pv_ht / cout, 4)"', 'expression = "arrondi(pv_ttc / cout, 4)"'
        )
        .replace("Calculez le", "Pour 1 articles, calculez le")
    )
    chemin = tmp_path / "faux.toml"
    chemin.write_text(texte, encoding="utf-8")
    rapport = verifier(chemin)
    assert not rapport.valide
    lignes = texte.splitlines()
    n_piege = next(
        i for i, x in enumerate(lignes, 1) if x.startswith('expression = "arrondi(pv_ttc')
    )
    n_enonce = next(i for i, x in enumerate(lignes, 1) if x.startswith("enonce"))
    messages = "\n".join(rapport.erreurs)
    assert f"Ligne {n_piege} : le piège « coefficient_ht » donne la bonne réponse" in messages
    assert f"Ligne {n_enonce} : dans l'énoncé, pluriel après 0 ou 1" in messages


def test_la_documentation_liste_chaque_fonction_permise():
    from widgets.exercices.auteur import FONCTIONS

    for nom in FONCTIONS:
        assert f"| `{nom}(" in DOC or f"`{nom}(" in DOC, nom


def test_un_exercice_integre_de_chaque_unite_est_reecrit_en_exemple():
    from widgets.exercices.modele import UNITES

    unites = {lire_fichier(f).unite for f in EXEMPLE_INTEGRE.parent.glob("*.toml")}
    assert unites == set(UNITES)
