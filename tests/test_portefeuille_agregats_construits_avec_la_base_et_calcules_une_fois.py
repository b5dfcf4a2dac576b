"""The first customer P&L and risk of a base are built with the base, and a class of kernels
missing an analysis at the same time computes it once (issue 27, item 7).

``construire_cache_de_base`` (called by ``atelier construire-base``) writes the default frames
into ``<base>.agregats.sqlite`` beside the base; a new kernel with an empty cache of its own
reads them from there, the SQL reader replaced by one that fails. Several threads asking for
the same missing frame at once: the base is read once, the others read what was written.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from widgets.donnees import cache_agregats as C
from widgets.donnees import portefeuille as P
from widgets.donnees import portefeuille_vectorise as V


def interdit(*_args, **_kwargs):
    raise AssertionError("la base a été relue")


@pytest.fixture
def copie(base_demo, tmp_path) -> Path:
    chemin = tmp_path / "salle" / "clients.db"
    chemin.parent.mkdir()
    chemin.write_bytes(Path(base_demo).read_bytes())
    yield chemin
    V.vider_memoire()


def test_the_aggregate_file_is_written_beside_the_base(copie):
    fichier = C.construire_cache_de_base(copie)
    assert fichier == copie.parent / "clients.agregats.sqlite" and fichier.is_file()
    assert sorted(p.name for p in copie.parent.iterdir()) == [
        "clients.agregats.sqlite",
        "clients.db",
    ]
    assert not C.chemin_cache().exists()  # the builder's own cache is not touched


@pytest.mark.parametrize(
    ("vectorise", "exact", "de_la_ligne"),
    [
        (V.comptes_exploitation_vectorise, P.comptes_exploitation, V.compte_de_la_ligne),
        (V.risque_clients_vectorise, P.risque_clients, V.risque_de_la_ligne),
    ],
    ids=["compte", "risque"],
)
def test_a_new_kernel_reads_the_first_p_and_l_and_risk_from_the_file_of_the_base(
    copie, monkeypatch, vectorise, exact, de_la_ligne
):
    attendu = exact(copie)
    assert len(attendu) > 10
    C.construire_cache_de_base(copie)
    fichier = C.chemin_cache_de_base(copie)
    avant = (fichier.read_bytes(), fichier.stat().st_mtime_ns)
    V.vider_memoire()
    monkeypatch.setattr(V, "_lire", interdit)  # a new kernel that may not scan the base
    relu = vectorise(copie)
    assert [de_la_ligne(x) for x in relu.itertuples(index=False)] == attendu
    # read-only for kernels: the file is unchanged, nothing is written to the user's cache
    assert (fichier.read_bytes(), fichier.stat().st_mtime_ns) == avant
    assert not C.chemin_cache().exists()
    assert sorted(p.name for p in copie.parent.iterdir()) == [
        "clients.agregats.sqlite",
        "clients.db",
    ]


def test_other_parameters_and_a_rebuilt_base_are_computed_from_the_base(copie, monkeypatch):
    C.construire_cache_de_base(copie)
    lectures = []
    lire = V._lire

    def compter(*args, **kwargs):
        lectures.append(args[1])
        return lire(*args, **kwargs)

    monkeypatch.setattr(V, "_lire", compter)
    V.vider_memoire()
    V.agregats_rentabilite(copie)
    assert lectures == []
    V.agregats_rentabilite(copie, annee=2024)  # not built with the base
    assert len(lectures) == 1
    etat = copie.stat()
    os.utime(copie, ns=(etat.st_atime_ns, etat.st_mtime_ns + 1_000_000_000))  # a new base
    V.vider_memoire()
    V.agregats_risque(copie)
    assert len(lectures) == 2


def test_a_copied_base_keeps_its_aggregate_file(copie, tmp_path, monkeypatch):
    # the key leaves out the base's path: a base copied with its file (mtime kept) still uses it
    import shutil

    C.construire_cache_de_base(copie)
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    shutil.copy2(copie, ailleurs / "clients.db")
    shutil.copy2(C.chemin_cache_de_base(copie), ailleurs / "clients.agregats.sqlite")
    V.vider_memoire()
    monkeypatch.setattr(V, "_lire", interdit)
    assert len(V.agregats_risque(ailleurs / "clients.db")) > 10


def test_kernels_missing_the_same_frame_together_read_the_base_once(copie, monkeypatch):
    lectures = []
    lire = V._lire

    def lent(*args, **kwargs):
        lectures.append(threading.current_thread().name)
        time.sleep(0.5)  # the others arrive while it is being computed
        return lire(*args, **kwargs)

    monkeypatch.setattr(V, "_lire", lent)
    V.vider_memoire()
    resultats: dict[int, pd.DataFrame] = {}

    def noyau(i: int) -> None:
        resultats[i] = V.agregats_rentabilite(copie)

    fils = [threading.Thread(target=noyau, args=(i,), name=f"noyau-{i}") for i in range(4)]
    for f in fils:
        f.start()
    for f in fils:
        f.join(60)
    assert len(lectures) == 1
    assert len(resultats) == 4
    for table in resultats.values():
        pd.testing.assert_frame_equal(table, resultats[0], check_exact=True)
    assert len(resultats[0]) > 10


def test_without_a_usable_lock_the_kernel_computes_by_itself(copie, monkeypatch):
    # a cache folder that cannot be created (a file in its place): no lock, no cache, no error
    dossier = C.chemin_cache().parent
    dossier.parent.mkdir(parents=True, exist_ok=True)
    dossier.write_text("pas un dossier", encoding="utf-8")
    V.vider_memoire()
    assert len(V.agregats_risque(copie)) == len(P.risque_clients(copie))
