"""Same seed and size → same rows (empreinte); another seed → other rows."""

from __future__ import annotations

import sqlite3

from widgets.donnees.generation import construire_base, empreinte


def test_same_seed_and_size_give_the_same_fingerprint(base_demo, tmp_path):
    autre = tmp_path / "b.db"
    construire_base(autre, clients=300, graine=2026)
    assert empreinte(autre) == empreinte(base_demo)


def test_another_seed_gives_another_fingerprint(base_demo, tmp_path):
    autre = tmp_path / "c.db"
    construire_base(autre, clients=300, graine=2027)
    assert empreinte(autre) != empreinte(base_demo)


def test_fingerprint_sees_a_one_cent_change(base_demo, tmp_path):
    copie = tmp_path / "d.db"
    copie.write_bytes(base_demo.read_bytes())
    avant = empreinte(copie)
    con = sqlite3.connect(copie)
    con.execute("UPDATE reglements SET montant = montant + 0.01 WHERE id_reglement = 1")
    con.commit()
    con.close()
    assert empreinte(copie) != avant
    assert len(avant) == 64
