"""Every connection is opened by ``widgets.connexions`` (read-only ones of the data layer
through ``widgets.donnees.base``).

Two hand-written copies used to build ``file:{path}?mode=ro``: under a folder named ``a#b c%``
SQLite read ``#`` as the start of a fragment, dropped ``?mode=ro`` with it and opened (and
CREATED, read-write) the truncated path ``…/a``. The tests below open a real base under such a
folder through every reader and check that nothing else appears on disk.
"""

from __future__ import annotations

import ast
import shutil
import sqlite3
from pathlib import Path

import pytest

from widgets.donnees import base as module_base
from widgets.donnees.base import ouvrir_lecture_seule, requete_lecture_seule, uri_lecture_seule
from widgets.erreurs import ErreurAtelier

PAQUET = Path(__file__).resolve().parents[1] / "widgets"
CONNEXIONS = PAQUET / "connexions.py"
AUTORISES = {CONNEXIONS}


@pytest.fixture
def base_piegee(tmp_path: Path, base_demo: Path) -> Path:
    dossier = tmp_path / "a#b c%"
    dossier.mkdir()
    chemin = dossier / "clients.db"
    shutil.copyfile(base_demo, chemin)
    return chemin


def _contenu(dossier: Path) -> set[str]:
    return {str(p.relative_to(dossier)) for p in dossier.rglob("*")}


def test_the_uri_is_percent_encoded_and_read_only(base_piegee: Path):
    uri = uri_lecture_seule(base_piegee)
    assert "a%23b%20c%25" in uri and uri.endswith("?mode=ro")


def test_every_reader_opens_the_right_file_under_a_hash_and_percent_folder(
    base_piegee: Path, base_demo: Path
):
    from widgets.donnees.catalogue_produits import lister_produits
    from widgets.donnees.cibles import lister_secteurs
    from widgets.donnees.equipe import bilan_equipe
    from widgets.donnees.generation import empreinte
    from widgets.donnees.visite_guidee import nombre_de_lignes

    racine = base_piegee.parent.parent
    avant = _contenu(racine)
    with sqlite3.connect(base_demo) as cx:
        produits = cx.execute("SELECT COUNT(*) FROM produits WHERE actif = 1").fetchone()[0]
        clients = cx.execute("SELECT COUNT(*) FROM clients").fetchone()[0]
    assert produits > 0 and clients == 300
    assert len(lister_produits(base_piegee)) == produits
    assert lister_secteurs(base_piegee)
    assert bilan_equipe(base_piegee)
    assert nombre_de_lignes(base_piegee).loc["clients", "lignes"] == clients
    assert empreinte(base_piegee) == empreinte(base_demo)
    assert requete_lecture_seule(base_piegee, "SELECT COUNT(*) FROM clients")[0][0] == clients
    assert _contenu(racine) == avant  # no truncated "a" file, no -journal next to the base


def test_the_progress_reader_also_opens_a_file_under_such_a_folder(tmp_path: Path):
    from widgets.donnees.progression import Progression, lire_progressions

    dossier = tmp_path / "a#b c%"
    dossier.mkdir()
    Progression(dossier / "progression.db")
    assert lire_progressions([dossier / "progression.db"]) == []
    assert not (tmp_path / "a").exists()


def test_the_connection_refuses_writes_and_a_missing_base_is_not_created(tmp_path: Path):
    absente = tmp_path / "a#b" / "absente.db"
    with pytest.raises(ErreurAtelier, match="introuvable") as err:
        ouvrir_lecture_seule(absente)
    assert "atelier" in str(err.value) and err.value.champ == "Base clients"
    assert not absente.parent.exists() and list(tmp_path.iterdir()) == []


def test_a_read_only_connection_cannot_write(base_piegee: Path):
    cx = ouvrir_lecture_seule(base_piegee)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            cx.execute("DELETE FROM clients")
    finally:
        cx.close()


def test_no_hand_written_sqlite_uri_outside_the_data_access_module():
    fautes = []
    for f in sorted(PAQUET.rglob("*.py")):
        if f in AUTORISES:
            continue
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(n, ast.JoinedStr) and "file:" in ast.unparse(n):
                fautes.append(f"{f.relative_to(PAQUET.parent)}:{n.lineno} (URI file: à la main)")
            if isinstance(n, ast.keyword) and n.arg == "uri":
                fautes.append(f"{f.relative_to(PAQUET.parent)}:{n.value.lineno} (uri=True)")
    assert not fautes, "ouvrez la base avec widgets.donnees.base :\n" + "\n".join(fautes)


def _connexions_ouvertes(fichier: Path) -> list[int]:
    """Lines of ``sqlite3.connect(…)`` (or ``connect(…)`` imported from sqlite3) calls."""
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    importe = any(
        isinstance(n, ast.ImportFrom)
        and n.module == "sqlite3"
        and any(a.name == "connect" for a in n.names)
        for n in ast.walk(arbre)
    )
    lignes = []
    for n in ast.walk(arbre):
        if not isinstance(n, ast.Call):
            continue
        f = n.func
        if (
            isinstance(f, ast.Attribute)
            and f.attr == "connect"
            and ast.unparse(f.value) == "sqlite3"
        ):
            lignes.append(n.lineno)
        elif isinstance(f, ast.Name) and f.id == "connect" and importe:
            lignes.append(n.lineno)
    return lignes


def test_the_scan_really_sees_a_hand_written_uri():
    # Guard: the allowed module does build its connection with uri=True.
    arbre = ast.parse(CONNEXIONS.read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.keyword) and n.arg == "uri" for n in ast.walk(arbre))


def test_no_sqlite_connection_is_opened_outside_the_low_level_module():
    fautes = [
        f"{f.relative_to(PAQUET.parent)}:{ligne}"
        for f in sorted(PAQUET.rglob("*.py"))
        if f != CONNEXIONS
        for ligne in _connexions_ouvertes(f)
    ]
    assert not fautes, "ouvrez la connexion avec widgets.connexions :\n" + "\n".join(fautes)


def test_the_connection_scan_really_sees_connections(tmp_path: Path):
    # Guard: the scan finds the low module's own calls, and both spellings in a sample.
    assert len(_connexions_ouvertes(CONNEXIONS)) == 3
    echantillon = tmp_path / "echantillon.py"
    echantillon.write_text(
        "import sqlite3\nfrom sqlite3 import connect\n"
        "a = sqlite3.connect('x.db', timeout=5)\nb = connect(':memory:')\n",
        encoding="utf-8",
    )
    assert _connexions_ouvertes(echantillon) == [3, 4]


def test_every_connection_waits_the_same_busy_timeout(tmp_path: Path):
    from widgets.connexions import DELAI_ATTENTE_S, ouvrir_ecriture, ouvrir_lecture

    ecriture = ouvrir_ecriture(tmp_path / "a#b.db")
    lecture = ouvrir_lecture(tmp_path / "a#b.db")
    try:
        for cx in (ecriture, lecture):
            assert cx.execute("PRAGMA busy_timeout").fetchone()[0] == DELAI_ATTENTE_S * 1000
    finally:
        ecriture.close()
        lecture.close()
    assert DELAI_ATTENTE_S == 10.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a#b.db"]


def test_a_writable_connection_refuses_a_missing_file_when_told_not_to_create(tmp_path: Path):
    from widgets.connexions import ouvrir_ecriture

    with pytest.raises(sqlite3.OperationalError, match="unable to open"):
        ouvrir_ecriture(tmp_path / "absent.db", creer=False)
    assert list(tmp_path.iterdir()) == []


def test_the_old_import_path_still_works():
    from widgets.donnees.catalogue_produits import ouvrir_lecture_seule as ancien
    from widgets.donnees.catalogue_produits import requete_lecture_seule as ancienne

    assert ancien is module_base.ouvrir_lecture_seule
    assert ancienne is module_base.requete_lecture_seule
