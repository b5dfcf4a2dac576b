"""Printing a devoir for the class: one HTML document, one student per page, each student's own
variant (the figures of their exercise widget with the devoir's seed), and the CLI
``atelier devoir imprimer FICHIER --classe liste.csv --sortie dossier``."""

from __future__ import annotations

import re

import pytest

from widgets.cli import main
from widgets.donnees.classe import Classe, lire_liste_csv
from widgets.donnees.devoirs import devoir, enregistrer_devoir
from widgets.exercices import exercice_par_code
from widgets.exercices.corrige import bloc_corrige, bloc_sujet
from widgets.exercices.devoirs import corriges_html, noter_eleve, sujets_html
from widgets.exercices.markdown import markdown_en_html

NET = "relation_client/net-a-payer-1"
MARQUE = "relation_client/taux-de-marque-1"
LEA, TOM = lire_liste_csv("nom;prénom;groupe\nMartin;Léa;A\nDurand;Tom;B\n")


@pytest.fixture
def controle():
    return devoir(
        "Contrôle prix",
        [(NET, 4), (MARQUE, 6), ("grille:plan-de-vente", 10)],
        mode="examen",
        debut="2026-12-01T10:00",
        fin="2026-12-01T12:00",
        graine=7,
    )


def _copies(document: str) -> list[str]:
    return re.findall(r"<section class='copie'>(.*?)</section>", document, re.S)


def test_one_page_per_student_each_with_their_own_variant(controle):
    document = sujets_html(controle, [LEA, TOM])
    assert document.startswith("<!DOCTYPE html>") and "<script" not in document
    assert "size: A4" in document and "page-break-before: always" in document
    copies = _copies(document)
    assert len(copies) == 2
    ex = exercice_par_code(NET)
    lea, tom = ex.variante("Martin Léa", 7), ex.variante("Durand Tom", 7)
    assert lea.enonce != tom.enonce  # the variant depends on the student
    assert markdown_en_html(lea.enonce) in copies[0]
    assert markdown_en_html(tom.enonce) in copies[1]
    assert markdown_en_html(lea.enonce) not in copies[1]
    assert "Étudiant : <b>Martin Léa</b> — groupe A" in copies[0]
    assert bloc_sujet(1, ex, lea, 4) in copies[0]  # corrige.py's rendering, not a copy of it
    assert "Exercice 1 — Net à payer d&#x27;une facture (4 pts)" in copies[0]
    assert "Plan de vente (10 pts)" in copies[0]
    assert "le 01/12/2026 de 10:00 à 12:00" in copies[0]
    assert lea.solution not in document and markdown_en_html(lea.solution) not in document


def test_corriges_carry_each_students_solution_and_the_scaled_bareme(controle):
    document = corriges_html(controle, [LEA, TOM])
    copies = _copies(document)
    assert len(copies) == 2
    ex = exercice_par_code(NET)
    lea, tom = ex.variante("Martin Léa", 7), ex.variante("Durand Tom", 7)
    assert bloc_corrige(1, ex, lea, 4) in copies[0]
    assert markdown_en_html(tom.solution) in copies[1]
    assert markdown_en_html(tom.solution) not in copies[0]
    assert lea.controle.points == 2  # the checker's own barème, scaled to the devoir's 4 pts
    assert "Barème de l'exercice ramené à 4 pts dans ce devoir." in copies[0]


def test_the_cockpit_s_students_print_under_their_login_identity(controle, tmp_path):
    classe = Classe(tmp_path / "classe")
    classe.importer("nom;prénom;groupe\nMartin;Léa;A\nDurand;Tom;B\n")
    eleves = classe.eleves()
    assert [e.identifiant for e in eleves] == ["Martin Léa", "Durand Tom"]
    # the same copies as from the CSV rows: the identity and the group, hence the variant
    assert sujets_html(controle, eleves) == sujets_html(controle, [LEA, TOM])
    lea = exercice_par_code(NET).variante("Martin Léa", 7)
    premiere = _copies(corriges_html(controle, eleves))[0]
    assert "Étudiant : <b>Martin Léa</b> — groupe A" in premiere
    assert markdown_en_html(lea.solution) in premiere


def test_cli_reads_the_class_list_the_french_excel_way(controle, tmp_path, capsys):
    fichier = enregistrer_devoir(controle, tmp_path)
    virgules = tmp_path / "virgules.csv"
    virgules.write_bytes("Nom,Prénom\nÉtienne,Zoé\n".encode("cp1252"))
    sortie = tmp_path / "impression"
    commande = ["devoir", "imprimer", str(fichier), "--sortie", str(sortie), "--classe"]
    assert main([*commande, str(virgules)]) == 0
    assert "Contrôle prix : 1 copie" in capsys.readouterr().out
    sujets = (sortie / "sujets_controle-prix.html").read_text(encoding="utf-8")
    assert "Étudiant : <b>Étienne Zoé</b></p>" in sujets
    doublon = tmp_path / "doublon.csv"
    doublon.write_text("nom;prénom\nMartin;Léa\nMARTIN;lea\n;Tom\n", encoding="utf-8")
    assert main([*commande, str(doublon)]) == 2
    assert capsys.readouterr().err == (
        "atelier devoir imprimer : Liste de classe refusée, rien n'a été importé :\n"
        "Ligne 3 : MARTIN lea figure déjà ligne 2, et rien ne les distingue : ajoutez une "
        "colonne « date de naissance », « INE » ou « e-mail » (export Pronote ou ENT), ou une "
        "initiale pour distinguer les deux homonymes.\nLigne 4 : le nom manque.\n"
    )


def test_cli_prints_the_whole_class_and_refuses_in_french(controle, tmp_path, capsys):
    fichier = enregistrer_devoir(controle, tmp_path)
    liste = tmp_path / "liste.csv"
    lignes = ["nom;prénom;groupe"] + [f"Élève{i};Prénom{i};A" for i in range(35)]
    liste.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    sortie = tmp_path / "impression"
    assert (
        main(["devoir", "imprimer", str(fichier), "--classe", str(liste), "--sortie", str(sortie)])
        == 0
    )
    assert "Contrôle prix : 35 copies" in capsys.readouterr().out
    sujets = (sortie / "sujets_controle-prix.html").read_text(encoding="utf-8")
    corriges = (sortie / "corriges_controle-prix.html").read_text(encoding="utf-8")
    assert len(_copies(sujets)) == len(_copies(corriges)) == 35
    faux = devoir("Faux", [("relation_client/inexistant", 2)])
    fichier_faux = enregistrer_devoir(faux, tmp_path)
    code = main(["devoir", "imprimer", str(fichier_faux), "--classe", str(liste)])
    assert code == 2
    assert "Aucun exercice ne porte le code « relation_client/inexistant »" in (
        capsys.readouterr().err
    )


def test_the_note_joins_exam_attempts_and_the_teachers_grid(controle):
    def t(exercice, score, heure, graine=7, etudiant="martin léa"):
        return {
            "exercice": exercice,
            "etudiant": etudiant,
            "score": score,
            "graine": graine,
            "horodatage": f"2026-12-01T{heure}+00:00",
        }

    tentatives = [
        t(NET, 1.0, "09:10:00"),  # 10:10 in Paris: in the exam
        t(NET, 0.5, "10:50:00"),  # the LAST one counts in an exam → 4 × 0,5 = 2
        t(NET, 1.0, "11:00:00"),  # 12:00 in Paris: after the end, ignored
        t(MARQUE, 1.0, "09:30:00", graine=0),  # another seed (the notebook's): ignored
        t(MARQUE, 0.25, "09:30:00", etudiant="Durand Tom"),  # another student
        t(MARQUE, 0.3333, "09:40:00"),  # 6 × 0,3333 = 1,9998 → 2,00
    ]
    grilles = {
        "plan-de-vente": {
            "martin lea": {
                "choix": {
                    "Prise de contact": "Satisfaisant",  # 1,5
                    "Découverte": "Très satisfaisant",  # 4
                    "Argumentation CAP": "Insuffisant",  # 1,5
                    "Traitement des objections": "Satisfaisant",  # 3
                    "Conclusion et suivi": "Non traité",  # 0
                }
            }
        }
    }
    note = noter_eleve(controle, "Martin Léa", tentatives, grilles)
    # 2 + 2 + 10 × 10/20 = 9 points out of 20 → 9,00 / 20
    assert [ligne.obtenus for ligne in note.lignes] == [2, 2, 5]
    assert (note.total, note.obtenus, note.sur_20) == (20, 9, 9)
    vide = noter_eleve(controle, "Durand Tom", tentatives, {})
    assert (vide.obtenus, vide.sur_20) == (1.5, 1.5)  # 6 × 0,25 ; no grid filled: 0
