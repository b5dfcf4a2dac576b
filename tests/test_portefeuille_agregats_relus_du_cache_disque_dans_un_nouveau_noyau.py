"""A new kernel reads the per-client aggregate frames back from the cache file of the student's
data folder (``widgets.donnees.cache_agregats``) instead of scanning the base again.

A "new kernel" is the in-memory memo emptied (``vider_memoire``) with the SQL reader replaced by
one that fails: what comes back can only come from the cache file. The figures read through
the cache are compared with the exact Decimal functions client by client; a changed base, a
corrupt file and the bound on the number of frames are checked on copies of the demo base.
"""

from __future__ import annotations

import os
import sqlite3
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from widgets.donnees import cache_agregats as C
from widgets.donnees import portefeuille as P
from widgets.donnees import portefeuille as V
from widgets.donnees.portefeuille import memoire as M


def interdit(*_args, **_kwargs):
    raise AssertionError("la base a été relue")


@pytest.fixture
def nouveau_noyau(monkeypatch):
    """Empties the memo and forbids reading the base (call it after the first computation)."""

    def entrer():
        V.vider_memoire()
        monkeypatch.setattr(M, "_lire", interdit)

    yield entrer
    V.vider_memoire()


@pytest.fixture
def copie_demo(base_demo, tmp_path) -> Path:
    copie = tmp_path / "copie.db"
    copie.write_bytes(Path(base_demo).read_bytes())
    return copie


@pytest.mark.parametrize(
    ("vectorise", "exact", "de_la_ligne", "parametres"),
    [
        (V.comptes_exploitation_vectorise, P.comptes_exploitation, V.compte_de_la_ligne, {}),
        (
            V.comptes_exploitation_vectorise,
            P.comptes_exploitation,
            V.compte_de_la_ligne,
            {"cout_visite": "92,35", "taux_financement": "4,75 %", "taux_retours": 2},
        ),
        (V.risque_clients_vectorise, P.risque_clients, V.risque_de_la_ligne, {}),
        (
            V.risque_clients_vectorise,
            P.risque_clients,
            V.risque_de_la_ligne,
            {"reference": "30/06/2024", "seuil_vigilance": 50},
        ),
    ],
    ids=["compte", "compte-autres-couts", "risque", "risque-autre-date"],
)
def test_comptes_et_risque_relus_du_cache_egaux_au_calcul_exact(
    base_demo, nouveau_noyau, vectorise, exact, de_la_ligne, parametres
):
    V.vider_memoire()
    premier = vectorise(base_demo, **parametres)
    assert C.chemin_cache().is_file()
    nouveau_noyau()
    relu = vectorise(base_demo, **parametres)
    pd.testing.assert_frame_equal(relu, premier, check_exact=True)
    attendu = exact(base_demo, **parametres)
    assert len(attendu) > 10
    assert [de_la_ligne(x) for x in relu.itertuples(index=False)] == attendu


def test_les_autres_agregats_aussi_et_le_cache_est_dans_le_dossier_de_l_eleve(
    base_demo, nouveau_noyau, dossier_utilisateur_temporaire
):
    V.vider_memoire()
    abc = V.abc_clients_vectorise(base_demo)
    rfm = V.rfm_vectorise(base_demo)
    resumes = V.resumes_par_segment(base_demo, critere="secteur")
    assert C.chemin_cache() == dossier_utilisateur_temporaire / "cache" / "agregats.sqlite"
    nouveau_noyau()
    pd.testing.assert_frame_equal(V.abc_clients_vectorise(base_demo), abc, check_exact=True)
    pd.testing.assert_frame_equal(V.rfm_vectorise(base_demo), rfm, check_exact=True)
    assert V.resumes_par_segment(base_demo, critere="secteur") == resumes


def test_les_centimes_int64_et_les_textes_reviennent_a_l_identique():
    table = pd.DataFrame(
        {
            "id_client": np.array([3, 1, 2], dtype="int64"),
            "centimes": np.array([2**62 + 1, -7, 0], dtype="int64"),
            "raison_sociale": pd.Series(["Épicerie « Zoé »", None, 'a\nb"c'], dtype=object),
            "secteur": pd.Series(["Nord", None, ""], dtype="str"),
            "taux": pd.array([4_000, None, -1], dtype="Int64"),
            "part": np.array([0.1, 1 / 3, -0.0]),
            "actif": np.array([True, False, True]),
        }
    )
    assert C.ecrire(("essai", 1), "essai", table)
    relu = C.lire(("essai", 1))
    pd.testing.assert_frame_equal(relu, table, check_exact=True)
    assert relu.loc[0, "centimes"] == 4_611_686_018_427_387_905
    assert relu["taux"].isna().tolist() == [False, True, False]
    assert relu["raison_sociale"].tolist() == ["Épicerie « Zoé »", None, 'a\nb"c']
    assert relu["secteur"].isna().tolist() == [False, True, False]
    assert C.lire(("essai", 2)) is None
    # a column of another kind (Decimal objects) is not stored: kept in memory only
    assert not C.ecrire(("essai", 3), "essai", pd.DataFrame({"x": [Decimal("1.5")]}))
    assert C.lire(("essai", 3)) is None


def test_une_base_modifiee_est_relue(copie_demo, monkeypatch):
    V.vider_memoire()
    avant = V.agregats_risque(copie_demo).set_index("id_client")
    client = int(avant.index[0])
    with sqlite3.connect(copie_demo) as connexion:
        connexion.execute(
            "UPDATE clients SET plafond_credit = 12345.67 WHERE id_client = ?", (client,)
        )
    connexion.close()
    V.vider_memoire()
    lus = []
    original = M._lire
    monkeypatch.setattr(M, "_lire", lambda *a, **k: lus.append(a) or original(*a, **k))
    apres = V.agregats_risque(copie_demo).set_index("id_client")
    assert len(lus) == 1
    assert apres.loc[client, "plafond_centimes"] == 1_234_567
    # the mtime alone (a rebuilt base of the same size) is another key too
    etat = copie_demo.stat()
    os.utime(copie_demo, ns=(etat.st_atime_ns, etat.st_mtime_ns + 1_000_000))
    V.vider_memoire()
    V.agregats_risque(copie_demo)
    assert len(lus) == 2


def test_un_cache_corrompu_est_ignore_puis_reconstruit(base_demo, nouveau_noyau, monkeypatch):
    cache = C.chemin_cache()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    V.vider_memoire()
    premier = V.comptes_exploitation_vectorise(base_demo)  # no error: computed from the base
    assert cache.read_bytes().startswith(b"SQLite format 3\x00")  # rebuilt
    nouveau_noyau()
    pd.testing.assert_frame_equal(V.comptes_exploitation_vectorise(base_demo), premier)
    # a damaged column (truncated bytes): that frame is read from the base again
    with sqlite3.connect(cache) as connexion:
        connexion.execute("UPDATE colonnes SET donnees = substr(donnees, 1, 16)")
    connexion.close()
    V.vider_memoire()
    with pytest.raises(AssertionError, match="relue"):
        V.comptes_exploitation_vectorise(base_demo)


def test_un_dossier_inutilisable_ne_gene_pas_le_calcul(base_demo, tmp_path, monkeypatch):
    fichier = tmp_path / "pas_un_dossier"
    fichier.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ATELIER_DONNEES", str(fichier / "donnees"))
    V.vider_memoire()
    assert C.lire(("x",)) is None
    exact = P.risque_clients(base_demo)
    rapide = V.risque_clients_vectorise(base_demo)
    assert [V.risque_de_la_ligne(x) for x in rapide.itertuples(index=False)] == exact


def test_le_cache_garde_les_cadres_les_plus_recemment_utilises(copie_demo, monkeypatch):
    monkeypatch.setattr(C, "CACHE_CLES", 3)
    V.vider_memoire()
    for annee in (2021, 2022, 2023):
        V.agregats_rentabilite(copie_demo, annee=annee)
    V.vider_memoire()
    V.agregats_rentabilite(copie_demo, annee=2021)  # read back: now the most recent
    V.agregats_rentabilite(copie_demo, annee=2024)  # a fourth key drops 2022
    with sqlite3.connect(C.chemin_cache()) as connexion:
        cles = connexion.execute("SELECT COUNT(*) FROM agregats").fetchone()[0]
        morceaux = connexion.execute("SELECT COUNT(DISTINCT cle) FROM colonnes").fetchone()[0]
    connexion.close()
    assert (cles, morceaux) == (3, 3)
    V.vider_memoire()
    monkeypatch.setattr(M, "_lire", interdit)
    for annee in (2021, 2023, 2024):
        V.agregats_rentabilite(copie_demo, annee=annee)
    with pytest.raises(AssertionError, match="relue"):
        V.agregats_rentabilite(copie_demo, annee=2022)
