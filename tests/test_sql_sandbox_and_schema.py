"""The student's sandbox (writable private copy, reset in one call) and the schema browser data."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from widgets.donnees.generation.schema import TABLES
from widgets.sql import (
    BacASable,
    CleEtrangere,
    ErreurRequete,
    bac_a_sable,
    chemin_bac_a_sable,
    executer_requete,
    reinitialiser_bac_a_sable,
    schema,
)


def empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def valeur(sql: str, base: Path):
    return executer_requete(sql, base).dataframe.iloc[0, 0]


def test_sandbox_is_a_copy_in_the_student_folder(base_demo, dossier_utilisateur_temporaire):
    avant = empreinte(base_demo)
    chemin = bac_a_sable(reference=base_demo)
    assert chemin == dossier_utilisateur_temporaire / "bac_a_sable" / "moi.db"
    assert valeur("SELECT COUNT(*) FROM clients", chemin) == 300
    assert valeur("SELECT prix_unitaire_ht FROM produits WHERE id_produit = 1", chemin) == 2.9
    assert empreinte(base_demo) == avant


def test_insert_update_delete_work_in_the_sandbox_and_reset_restores_it(base_demo):
    avant = empreinte(base_demo)
    chemin = bac_a_sable(reference=base_demo)
    res = executer_requete(
        "INSERT INTO produits (reference, designation, gamme, prix_unitaire_ht, cout_achat_ht, "
        "taux_tva, actif) VALUES ('XX-001', 'Drap de bain', 'Serviettes éponge', 19.9, 8.5, "
        "20, 1)",
        chemin,
        ecriture=True,
    )
    assert res.rowcount == 1
    assert valeur("SELECT COUNT(*) FROM produits", chemin) == 28
    res = executer_requete(
        "UPDATE produits SET prix_unitaire_ht = 3.1 WHERE id_produit = 1", chemin, ecriture=True
    )
    assert res.rowcount == 1
    assert valeur("SELECT prix_unitaire_ht FROM produits WHERE id_produit = 1", chemin) == 3.1
    nb = valeur("SELECT COUNT(*) FROM prospects_defauts WHERE defaut = 'doublon'", chemin)
    res = executer_requete(
        "DELETE FROM prospects_defauts WHERE defaut = 'doublon'", chemin, ecriture=True
    )
    assert res.rowcount == nb > 0
    assert valeur("SELECT COUNT(*) FROM prospects_defauts WHERE defaut = 'doublon'", chemin) == 0

    assert reinitialiser_bac_a_sable(reference=base_demo) == chemin
    assert valeur("SELECT COUNT(*) FROM produits", chemin) == 27
    assert valeur("SELECT prix_unitaire_ht FROM produits WHERE id_produit = 1", chemin) == 2.9
    assert valeur("SELECT COUNT(*) FROM prospects_defauts WHERE defaut = 'doublon'", chemin) == nb
    assert empreinte(base_demo) == avant
    assert sorted(p.name for p in chemin.parent.iterdir()) == ["moi.db"]


def test_sandbox_enforces_the_keys_with_a_french_message(base_demo):
    chemin = bac_a_sable(reference=base_demo)
    with pytest.raises(ErreurRequete) as exc:
        executer_requete("DELETE FROM clients WHERE id_client = 1", chemin, ecriture=True)
    assert exc.value.code == "contrainte" and "Clé étrangère" in str(exc.value)
    with pytest.raises(ErreurRequete) as exc:
        executer_requete("INSERT INTO secteurs (nom) VALUES ('Corse')", chemin, ecriture=True)
    assert exc.value.code == "contrainte" and "obligatoire" in str(exc.value)
    assert valeur("SELECT COUNT(*) FROM clients", chemin) == 300


@pytest.mark.parametrize(
    "sql",
    [
        "ATTACH '{dossier}/autre.db' AS x",
        "PRAGMA foreign_keys = OFF",
        "CREATE TABLE t (x)",
        "DROP TABLE clients",
        "VACUUM INTO '{dossier}/copie.db'",
        "SELECT load_extension('x')",
    ],
)
def test_sandbox_still_refuses_escapes(base_demo, sql):
    chemin = bac_a_sable(reference=base_demo)
    with pytest.raises(ErreurRequete) as exc:
        executer_requete(sql.format(dossier=chemin.parent), chemin, ecriture=True)
    assert exc.value.code == "interdit"
    assert "bac à sable" in str(exc.value) or "pas disponible" in str(exc.value)
    assert sorted(p.name for p in chemin.parent.iterdir()) == ["moi.db"]


def test_writable_is_refused_on_the_reference_base(base_demo, monkeypatch):
    monkeypatch.setenv("ATELIER_BASE", str(base_demo))
    avant = empreinte(base_demo)
    with pytest.raises(ErreurRequete) as exc:
        executer_requete("DELETE FROM visites", base_demo, ecriture=True)
    assert exc.value.code == "lecture_seule"
    assert empreinte(base_demo) == avant


def test_each_student_has_an_own_sandbox(base_demo):
    lea, tom = BacASable("Léa Dupont", reference=base_demo), BacASable("tom", reference=base_demo)
    # identite.nom_fichier_eleve: slug of the normalised name + sha256("dupont lea")[:10]
    assert lea.chemin.name == "dupont-lea-0f18cf3022.db" and lea.chemin != tom.chemin
    assert chemin_bac_a_sable("Léa Dupont") == lea.chemin
    lea.executer("DELETE FROM objectifs")
    assert valeur("SELECT COUNT(*) FROM objectifs", lea.chemin) == 0
    assert valeur("SELECT COUNT(*) FROM objectifs", tom.chemin) == 303
    lea.reinitialiser()
    assert valeur("SELECT COUNT(*) FROM objectifs", lea.chemin) == 303


def test_schema_lists_tables_columns_meanings_and_keys(base_demo):
    avant = empreinte(base_demo)
    tables = {t.nom: t for t in schema(base_demo)}
    assert set(tables) == {t.nom for t in TABLES}  # every generated table, no sqlite_stat1
    clients = tables["clients"]
    assert clients.genre == "table" and clients.nb_lignes == 300
    assert clients.noms_colonnes[:3] == ["id_client", "raison_sociale", "type_client"]
    colonnes = {c.nom: c for c in clients.colonnes}
    assert colonnes["id_client"].cle_primaire and colonnes["id_client"].type == "INTEGER"
    assert colonnes["plafond_credit"].signification == "Encours maximal autorisé en euros TTC"
    assert colonnes["code_insee"].reference == "communes.code_insee"
    assert colonnes["raison_sociale"].obligatoire
    assert CleEtrangere("id_secteur", "secteurs", "id_secteur") in clients.cles_etrangeres
    assert tables["secteurs"].nb_lignes == 7
    assert empreinte(base_demo) == avant


def test_schema_of_a_missing_file_is_a_french_error(tmp_path):
    with pytest.raises(ErreurRequete) as exc:
        schema(tmp_path / "nulle_part.db")
    assert exc.value.code == "base_introuvable"


def test_paths_with_spaces_accents_and_url_characters_work(base_demo, tmp_path, monkeypatch):
    dossier = tmp_path / "Dossier de Léa #1 ? 50%"
    dossier.mkdir()
    copie = dossier / "base clients.db"
    copie.write_bytes(base_demo.read_bytes())
    assert valeur("SELECT COUNT(*) FROM secteurs", copie) == 7
    monkeypatch.setenv("ATELIER_DONNEES", str(dossier / "données élève"))
    chemin = bac_a_sable(reference=copie)
    executer_requete("DELETE FROM objectifs", chemin, ecriture=True)
    assert valeur("SELECT COUNT(*) FROM objectifs", chemin) == 0
    assert valeur("SELECT COUNT(*) FROM objectifs", copie) == 303
    assert sorted(p.name for p in dossier.iterdir()) == ["base clients.db", "données élève"]


def test_windows_network_share_gets_an_uri_without_authority():
    from pathlib import PureWindowsPath

    from widgets.connexions import uri_fichier

    assert uri_fichier(PureWindowsPath(r"\\serveur\nrc\clients.db")) == (
        "file:////serveur/nrc/clients.db"
    )
    assert uri_fichier(PureWindowsPath(r"C:\Users\Léa\base.db")) == (
        "file:///C:/Users/L%C3%A9a/base.db"
    )


def test_a_wal_reference_is_read_without_creating_wal_files(tmp_path):
    import sqlite3
    from contextlib import closing

    base = tmp_path / "wal.db"
    with closing(sqlite3.connect(base)) as cx:
        cx.execute("PRAGMA journal_mode = WAL")
        cx.execute("CREATE TABLE t (x)")
        cx.execute("INSERT INTO t VALUES (1), (2), (3)")
        cx.commit()
        cx.execute("PRAGMA journal_mode = DELETE")  # checkpoint, -wal and -shm removed
        cx.execute("PRAGMA journal_mode = WAL")  # header says WAL again
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wal.db"]
    avant = empreinte(base)
    assert valeur("SELECT SUM(x) FROM t", base) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wal.db"]
    assert empreinte(base) == avant


def test_a_sandbox_cannot_fill_the_disk(base_demo, monkeypatch):
    from widgets.sql import _travailleur

    chemin = bac_a_sable(reference=base_demo)
    taille = chemin.stat().st_size
    monkeypatch.setattr(_travailleur, "TAILLE_BAC_A_SABLE_MAX", 0)
    monkeypatch.setattr(_travailleur, "CROISSANCE_BAC_A_SABLE", 1024 * 1024)
    demande = {
        "sql": "INSERT INTO secteurs (nom, description) "
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
        "SELECT 'S' || i, printf('%.*c', 100000, 'x') FROM n",
        "database": str(chemin),
        "writable": True,
        "max_rows": 10,
        "time_limit_s": 5.0,
    }
    reponse = _travailleur.executer(demande)  # 5 MB asked, 1 MB allowed
    assert reponse[0] == "erreur" and "full" in reponse[2]
    assert chemin.stat().st_size <= taille + 1024 * 1024
    assert valeur("SELECT COUNT(*) FROM secteurs", chemin) == 7  # nothing half-written
    from widgets.sql.explications import expliquer

    erreur = expliquer(reponse[1], reponse[2], [], {}, [], True)
    assert erreur.code == "trop_gros" and "bac à sable est plein" in str(erreur)
