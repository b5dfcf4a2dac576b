"""One reader of exported text files (encoding + separator) for the class list and the partner
import: a file one of them reads, the other reads the same way."""

from __future__ import annotations

from widgets.donnees import classe, import_fichier, lecture_texte
from widgets.donnees.classe import lire_liste_csv


def test_class_list_and_import_share_the_reader():
    assert import_fichier.detecter_encodage is lecture_texte.detecter_encodage
    assert import_fichier.detecter_separateur is lecture_texte.detecter_separateur
    assert classe.detecter_separateur is lecture_texte.detecter_separateur
    assert classe.decoder is import_fichier.decoder is lecture_texte.decoder


def test_a_class_list_with_a_byte_undefined_in_windows_1252_reads_as_latin_1():
    # 0x81 does not exist in cp1252 (the old reader raised UnicodeDecodeError); Latin-1 reads it,
    # and é (0xE9) stays é.
    brut = "nom;prénom\nDurand;Hélène\n".encode("latin-1") + b"Petit;Zo\x81\n"
    eleves = lire_liste_csv(brut)
    assert [(e.nom, e.prenom) for e in eleves] == [("Durand", "Hélène"), ("Petit", "Zo\x81")]
    assert lecture_texte.decoder(brut)[1] == "latin-1"


def test_a_class_list_separated_by_bars_like_the_import():
    # « | » is a separator of the partner import: the class list reads it too (it used to see
    # a single column and refuse the header).
    eleves = lire_liste_csv("nom|prénom|groupe\nMartin|Léa|A\nDurand|Hugo|B\n")
    assert [(e.nom, e.prenom, e.groupe) for e in eleves] == [
        ("Martin", "Léa", "A"),
        ("Durand", "Hugo", "B"),
    ]
    assert lecture_texte.detecter_separateur("\ufeffnom,prénom\nMartin,Léa\n") == ","
