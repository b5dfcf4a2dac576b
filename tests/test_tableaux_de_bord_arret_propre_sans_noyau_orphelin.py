"""Stopping the dashboards server (SIGTERM as systemd does, SIGINT as Ctrl+C does) shuts every
kernel down before the process exits: pool kernels, a student's kernel, a pool growing.

The kernels are started WITHOUT ipykernel's parent poller (``IPKernelApp.parent_handle = 0``
in a private IPython profile): with it, an orphan kernel may still notice its parent's death
and exit by itself (not under a subreaper, nor when the parent dies before the poller starts),
which would hide a kernel the server forgot. Here a forgotten kernel lives on and fails the
test.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import psutil
import pytest
from outils.ci import outil_manquant

pytestmark = pytest.mark.timeout(240)


def test_only_the_signals_the_platform_has_are_handled(monkeypatch):
    from widgets.tableaux_de_bord.arret import installer_arret_propre

    class App:  # a server whose loop has not started yet
        ioloop = None

    avant = {nom: signal.getsignal(getattr(signal, nom)) for nom in ("SIGINT", "SIGTERM")}
    try:
        monkeypatch.delattr(signal, "SIGTERM")  # like a platform without it
        assert installer_arret_propre(App()) == [int(signal.SIGINT)]
        monkeypatch.undo()
        assert installer_arret_propre(App()) == [int(signal.SIGTERM), int(signal.SIGINT)]
        # before the loop runs there is no kernel: the signal simply ends the process
        with pytest.raises(SystemExit):
            signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)
    finally:
        for nom, gestionnaire in avant.items():
            signal.signal(getattr(signal, nom), gestionnaire)


def _noyaux(pid: int) -> list:
    """The ipykernel processes under ``pid``."""
    noyaux = []
    for enfant in psutil.Process(pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(enfant.cmdline()):
                noyaux.append(enfant)
        except psutil.Error:
            pass
    return noyaux


@pytest.mark.parametrize("nom_signal", ["SIGTERM", "SIGINT"])
def test_a_stop_signal_shuts_every_kernel_down_before_the_server_exits(
    serveur_tableaux_sur_mesure, tmp_path, nom_signal
):
    if os.name == "nt":
        outil_manquant("signaux POSIX envoyés à un sous-processus : sans objet sous Windows")
    from benchmarks.visiteur_voila import VisiteurVoila, executer

    profil = tmp_path / "ipython" / "profile_default"
    profil.mkdir(parents=True)
    (profil / "ipython_kernel_config.py").write_text(
        "c.IPKernelApp.parent_handle = 0\n", encoding="utf-8"
    )
    serveur = serveur_tableaux_sur_mesure(
        env={"IPYTHONDIR": str(tmp_path / "ipython")},
        taille_pool={"prix_ttc.ipynb": 2, "en_panne.ipynb": 1, "visites.ipynb": 0},
        taille_classe=6,
        delai_remplissage=0.5,
    )

    async def un_eleve_reste_connecte():
        eleve = VisiteurVoila(serveur.base, delai=60)
        await eleve.ouvrir("prix_ttc.ipynb")
        await eleve.fermer(arreter_noyau=False)  # the tab stays "open": kernel in service

    executer(un_eleve_reste_connecte())
    # The opened app's pool grows toward 6: stop while it is growing.
    fin = time.monotonic() + 60
    while serveur.etat()["apps"]["prix_ttc.ipynb"]["vivants"] < 4 and time.monotonic() < fin:
        time.sleep(0.2)
    etat = serveur.etat()["apps"]["prix_ttc.ipynb"]
    assert etat["en_service"] == 1 and etat["vivants"] >= 4
    noyaux = _noyaux(serveur.proc.pid)
    assert len(noyaux) >= 5  # 1 student + ≥3 pool (prix_ttc) + 1 pool (en_panne)
    try:
        serveur.proc.send_signal(getattr(signal, nom_signal))
        assert serveur.proc.wait(timeout=120) == 0
        _, vivants = psutil.wait_procs(noyaux, timeout=5)
        assert vivants == [], f"noyaux orphelins : {[p.pid for p in vivants]}"
    finally:
        for orphelin in noyaux:
            try:
                orphelin.kill()
            except psutil.Error:
                pass
    serveur.sortie.flush()
    sortie = Path(serveur.sortie.name).read_text(encoding="utf-8", errors="replace")
    assert f"Signal {int(getattr(signal, nom_signal))} reçu : arrêt de tous les noyaux" in sortie
    assert "noyau(x) arrêté(s) sur" in sortie
    assert "processus de noyau encore vivant(s)" not in sortie  # no safety net needed
