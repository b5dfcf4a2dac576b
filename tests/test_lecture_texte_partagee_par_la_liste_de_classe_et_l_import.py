"""One reader of exported text files (encoding + separator) for the class list and the partner
import: a file one of them reads, the other reads the same way."""

from __future__ import annotations

import pytest

from widgets.donnees import classe, import_fichier, lecture_texte
from widgets.donnees.classe import lire_liste_csv
from widgets.erreurs import ErreurAtelier


def test_class_list_and_import_share_the_reader():
    assert import_fichier.detecter_encodage is lecture_texte.detecter_encodage
    assert import_fichier.detecter_separateur is lecture_texte.detecter_separateur
    assert classe.detecter_separateur is lecture_texte.detecter_separateur
    assert classe.decoder is import_fichier.decoder is lecture_texte.decoder


def test_a_byte_undefined_in_windows_1252_reads_as_latin_1_but_a_class_list_refuses_it():
    # 0x81 does not exist in cp1252: the shared reader falls back to Latin-1 (a partner file is
    # read), but a class list refuses it in French rather than make a name of a C1 control.
    brut = "nom;prénom\nDurand;Hélène\n".encode("latin-1") + b"Petit;Zo\x81\n"
    assert lecture_texte.decoder(brut) == ("nom;prénom\nDurand;Hélène\nPetit;Zo\x81\n", "latin-1")
    with pytest.raises(ErreurAtelier, match="ni en UTF-8 ni en Windows-1252 \\(octet 0x81"):
        lire_liste_csv(brut)
    # Windows-1252 (Excel-FR) is read: é (0xE9) stays é
    assert [
        (e.nom, e.prenom) for e in lire_liste_csv("nom;prénom\nDurand;Hélène\n".encode("cp1252"))
    ] == [("Durand", "Hélène")]


def test_a_class_list_separated_by_bars_like_the_import():
    # « | » is a separator of the partner import: the class list reads it too (it used to see
    # a single column and refuse the header).
    eleves = lire_liste_csv("nom|prénom|groupe\nMartin|Léa|A\nDurand|Hugo|B\n")
    assert [(e.nom, e.prenom, e.groupe) for e in eleves] == [
        ("Martin", "Léa", "A"),
        ("Durand", "Hugo", "B"),
    ]
    assert lecture_texte.detecter_separateur("\ufeffnom,prénom\nMartin,Léa\n") == ","
