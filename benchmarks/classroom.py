"""Classroom load benchmark: N students open the same dashboard at the same minute.

Each simulated student speaks the Jupyter widget protocol over loopback (no browser): fetch the
page, open the kernel websocket, ask the widget states (= widgets can render), then type a few
values in a field (``comm_msg`` update) and wait for the result widget to change.

Two servers are measured in the same run on the same notebook:

- the project's configuration (``atelier tableaux-de-bord``: pre-heated pool, cap, culling);
- plain ``voila <folder>`` (a fresh kernel and a full notebook execution per page).

Reported: time to first rendered widgets (median, p95, max), interaction round trip (median,
p95), server memory (RSS of server + kernels), errors, and the plain/project ratio at p95.

``--apres-ouverture`` is the scenario of a real morning (issue 13): the project server runs
the SHIPPED settings (deploy/atelier_dashboards_config.py, nobody edits anything), the app is
opened once (the teacher checks it), then after ``--pause`` seconds the class arrives within
``--etalement`` seconds (10 by default in this scenario). Plain Voilà gets the same opening
and the same arrivals (a pause changes nothing for it: it keeps no kernel in advance).

``--froid`` is the morning the teacher forgot (issue 27, point 6): shipped settings, the class
arrives on an app NOBODY opened (cold: only the pool at rest is ready), leaves, then, once the
pool has grown (at most ``--pause`` seconds), arrives again (warm); plain Voilà gets the same
arrival in the same run. Goal: cold ≤ plain.

    .venv/bin/python benchmarks/classroom.py                 # 35 students, both servers
    .venv/bin/python benchmarks/classroom.py --apres-ouverture --app voila_apps/negociation.ipynb \
        --champ prix-catalogue --valeurs "1 500" "1 450,50" "1 600"    # shipped settings
    .venv/bin/python benchmarks/classroom.py --eleves 35 --soak 600   # + 10-minute soak
    .venv/bin/python benchmarks/classroom.py --froid --eleves 10     # cold, warm, plain
    .venv/bin/python benchmarks/classroom.py --json benchmarks/_work/classroom.json

``--app`` picks the notebook (default: the test app tests/notebooks_voila/prix_ttc.ipynb);
``--champ``/``--valeurs``/``--resultat`` say which field to type in and which widget to watch.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from tornado.httpclient import AsyncHTTPClient  # noqa: E402

from benchmarks.visiteur_voila import VisiteurVoila  # noqa: E402
from widgets.tableaux_de_bord.configuration import FICHIER_CONFIG_DEFAUT  # noqa: E402

APP_DEFAUT = RACINE / "tests" / "notebooks_voila" / "prix_ttc.ipynb"


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _quantile(valeurs: list[float], q: float) -> float:
    if not valeurs:
        return float("nan")
    ordonnees = sorted(valeurs)
    rang = max(0, min(len(ordonnees) - 1, round(q * (len(ordonnees) - 1))))
    return ordonnees[rang]


def _resume(valeurs: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(valeurs) if valeurs else float("nan"),
        "p95": _quantile(valeurs, 0.95),
        "max": max(valeurs) if valeurs else float("nan"),
        "n": len(valeurs),
    }


def rss_mo(pid: int) -> float:
    """RSS (MB) of a process and all its children (psutil, else /proc)."""
    try:
        import psutil

        parent = psutil.Process(pid)
        total = 0
        for p in [parent, *parent.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total / 1e6
    except ImportError:  # pragma: no cover - Linux fallback
        enfants: dict[int, list[int]] = {}
        for entree in Path("/proc").iterdir():
            if entree.name.isdigit():
                try:
                    ppid = int((entree / "stat").read_text().split()[3])
                except OSError:
                    continue
                enfants.setdefault(ppid, []).append(int(entree.name))
        pile, total = [pid], 0
        while pile:
            courant = pile.pop()
            pile.extend(enfants.get(courant, []))
            try:
                for ligne in Path(f"/proc/{courant}/status").read_text().splitlines():
                    if ligne.startswith("VmRSS:"):
                        total += int(ligne.split()[1]) * 1024
            except OSError:
                pass
        return total / 1e6


def _noyaux(pid: int) -> list:
    """The kernel processes under ``pid`` (psutil; empty without it)."""
    try:
        import psutil

        return [
            p
            for p in psutil.Process(pid).children(recursive=True)
            if "ipykernel" in " ".join(p.cmdline())
        ]
    except Exception:  # noqa: BLE001 - psutil missing or process gone
        return []


def _orphelins(noyaux: list) -> list:
    """Kernels still alive 5 s after their server exited."""
    if not noyaux:
        return []
    import psutil

    _, vivants = psutil.wait_procs(noyaux, timeout=5)
    return vivants


class Serveur:
    """A dashboards server (project config or plain Voilà) in a subprocess."""

    def __init__(self, nom: str, commande: list[str], port: int, dossier: Path, env: dict):
        self.nom = nom
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.sortie = (dossier / f"{nom}.log").open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            commande, cwd=RACINE, env=env, stdout=self.sortie, stderr=subprocess.STDOUT
        )

    def attendre(self, chemin: str, pret=lambda corps: True, delai: float = 600.0) -> None:
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.nom} s'est arrêté, voir {self.sortie.name}")
            try:
                with urllib.request.urlopen(self.base + chemin, timeout=5) as r:
                    if pret(r.read()):
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.nom} n'a pas démarré à temps")

    def arreter(self) -> dict:
        """SIGTERM (as systemd does); returns the stop time and the kernels left behind."""
        noyaux = _noyaux(self.proc.pid)
        debut = time.monotonic()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        duree = time.monotonic() - debut
        orphelins = _orphelins(noyaux)
        self.sortie.close()
        arret = {"duree_s": duree, "noyaux": len(noyaux), "orphelins": len(orphelins)}
        print(
            f"{self.nom:<11} arrêt (SIGTERM) en {duree:.1f} s : {len(noyaux)} noyau(x), "
            f"{len(orphelins)} orphelin(s)",
            flush=True,
        )
        for p in orphelins:  # never leave them to the next run
            p.kill()
        return arret


def _serveur_projet(config: Path, dossier: Path) -> Serveur:
    """``atelier tableaux-de-bord --config config`` on a free port."""
    port = _port_libre()
    return Serveur(
        "projet",
        [sys.executable, "-m", "widgets.cli", "dashboards", "--config", str(config)]
        + ["--port", str(port)],
        port,
        dossier,
        dict(os.environ, JUPYTER_RUNTIME_DIR=str(dossier / "rt-projet")),
    )


def demarrer_projet(app: Path, args: argparse.Namespace, dossier: Path) -> Serveur:
    config = dossier / "atelier_dashboards_config.py"
    carnet = app.name
    autres = {p.name: 0 for p in app.parent.glob("*.ipynb") if p.name != carnet}
    pool = args.pool if args.pool is not None else args.eleves + 1
    config.write_text(
        f"c.ConfigTableauxDeBord.dossier_apps = {str(app.parent)!r}\n"
        f"c.ConfigTableauxDeBord.taille_pool = { ({carnet: pool, **autres})!r}\n"
        f"c.ConfigTableauxDeBord.max_noyaux_defaut = {max(60, 2 * args.eleves)}\n"
        f"c.ConfigTableauxDeBord.delai_inactivite = {args.delai_inactivite}\n"
        f"c.ConfigTableauxDeBord.intervalle_nettoyage = {args.intervalle_nettoyage}\n"
        f"c.ConfigTableauxDeBord.fichier_journal = {str(dossier / 'journal.log')!r}\n",
        encoding="utf-8",
    )
    if args.delai_remplissage is not None:
        with config.open("a", encoding="utf-8") as f:
            f.write(f"c.ConfigTableauxDeBord.delai_remplissage = {args.delai_remplissage!r}\n")
    serveur = _serveur_projet(config, dossier)

    def reserve_prete(corps: bytes) -> bool:
        etat = json.loads(corps)["apps"][carnet]
        return etat["reserve_prete"] >= etat["reserve"]

    serveur.attendre("/atelier/etat.json", reserve_prete)
    return serveur


def demarrer_projet_livre(app: Path, dossier: Path) -> Serveur:
    """The project server with the SHIPPED settings: only the apps folder, the port, the log
    and a private server data folder (no prepared session) are set here."""
    config = dossier / "atelier_dashboards_config_livree.py"
    config.write_text(
        f"load_subconfig({str(FICHIER_CONFIG_DEFAUT)!r})\n"
        f"c.ConfigTableauxDeBord.dossier_apps = {str(app.parent)!r}\n"
        f"c.ConfigTableauxDeBord.dossier_donnees = {str(dossier / 'donnees_serveur')!r}\n"
        f"c.ConfigTableauxDeBord.fichier_journal = {str(dossier / 'journal.log')!r}\n",
        encoding="utf-8",
    )
    serveur = _serveur_projet(config, dossier)

    def reserves_pretes(corps: bytes) -> bool:
        return all(a["reserve_prete"] >= a["reserve"] for a in json.loads(corps)["apps"].values())

    serveur.attendre("/atelier/etat.json", reserves_pretes)
    return serveur


def _etat_app(serveur: Serveur, carnet: str) -> dict | None:
    """The app's line of /atelier/etat.json (None for plain Voilà)."""
    try:
        with urllib.request.urlopen(serveur.base + "/atelier/etat.json", timeout=10) as r:
            return json.loads(r.read())["apps"][carnet]
    except OSError:
        return None


async def ouverture_puis_classe(
    serveur: Serveur, carnet: str, args: argparse.Namespace, pause: float
) -> dict:
    """The app is opened once (then closed), ``pause`` seconds pass, then the class arrives."""
    AsyncHTTPClient.configure(None, max_clients=4 * args.eleves)
    premiere = await un_eleve(serveur.base, carnet, args, time.monotonic())
    if premiere["erreur"]:
        raise RuntimeError(f"{serveur.nom} : première ouverture en échec : {premiere['erreur']}")
    await asyncio.sleep(pause)
    etat = _etat_app(serveur, carnet)
    resultat = await classe(serveur, carnet, args)
    resultat["premiere_ouverture_s"] = premiere["rendu"]
    resultat["pause_s"] = pause
    resultat["reserve_a_l_arrivee"] = etat
    return resultat


def demarrer_voila_brut(app: Path, dossier: Path) -> Serveur:
    port = _port_libre()
    serveur = Serveur(
        "voila_brut",
        [sys.executable, "-m", "voila", str(app.parent), "--no-browser"]
        + [f"--port={port}", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"],
        port,
        dossier,
        dict(os.environ, JUPYTER_RUNTIME_DIR=str(dossier / "rt-brut")),
    )
    serveur.attendre("/voila/static/voila.js")
    return serveur


async def un_eleve(
    base: str, carnet: str, args: argparse.Namespace, depart: float, partir: bool = True
) -> dict:
    """One student: open (render time), then type ``args.interactions`` values."""
    eleve = VisiteurVoila(base, delai=args.delai)
    resultat: dict = {"rendu": None, "interactions": [], "erreur": None}
    await asyncio.sleep(max(0.0, depart - time.monotonic()))
    try:
        resultat["rendu"] = await eleve.ouvrir(carnet)
        for i in range(args.interactions):
            valeur = args.valeurs[i % len(args.valeurs)]
            duree, _ = await eleve.saisir(f"atelier-champ-{args.champ}", valeur, args.resultat)
            resultat["interactions"].append(duree)
    except Exception as err:  # noqa: BLE001 - a benchmark counts every failure
        resultat["erreur"] = f"{type(err).__name__}: {err}"
    finally:
        try:
            await eleve.fermer(arreter_noyau=partir)
        except Exception:  # noqa: BLE001
            pass
    return resultat


async def classe(serveur: Serveur, carnet: str, args: argparse.Namespace) -> dict:
    """N students at the same second (within ``--etalement`` s), with memory sampling."""
    AsyncHTTPClient.configure(None, max_clients=4 * args.eleves)
    memoire = [rss_mo(serveur.proc.pid)]
    fini = asyncio.Event()

    async def echantillonner():
        while not fini.is_set():
            memoire.append(rss_mo(serveur.proc.pid))
            try:
                await asyncio.wait_for(fini.wait(), 0.5)
            except TimeoutError:
                pass

    sonde = asyncio.ensure_future(echantillonner())
    debut = time.monotonic()
    alea = random.Random(2026)
    eleves = [
        un_eleve(serveur.base, carnet, args, debut + alea.uniform(0, args.etalement))
        for _ in range(args.eleves)
    ]
    resultats = await asyncio.gather(*eleves)
    fini.set()
    await sonde
    rendus = [r["rendu"] for r in resultats if r["rendu"] is not None]
    interactions = [d for r in resultats for d in r["interactions"]]
    erreurs = [r["erreur"] for r in resultats if r["erreur"]]
    return {
        "serveur": serveur.nom,
        "rendu_s": _resume(rendus),
        "interaction_s": _resume(interactions),
        "erreurs": len(erreurs),
        "exemples_erreurs": erreurs[:3],
        "memoire_mo": {"avant": memoire[0], "pic": max(memoire), "apres": memoire[-1]},
    }


async def soak(serveur: Serveur, carnet: str, args: argparse.Namespace) -> dict:
    """Waves of students for ``args.soak`` seconds; half leave without closing their tab.

    Memory and kernel counts are sampled; with culling, they must come back down.
    """
    AsyncHTTPClient.configure(None, max_clients=4 * args.eleves)
    debut = time.monotonic()
    courbe = []
    erreurs = 0
    vague = 0
    while time.monotonic() - debut < args.soak:
        vague += 1
        departs = time.monotonic()
        taches = [
            un_eleve(serveur.base, carnet, args, departs, partir=(i % 2 == 0)) for i in range(5)
        ]
        erreurs += sum(1 for r in await asyncio.gather(*taches) if r["erreur"])
        with urllib.request.urlopen(serveur.base + "/atelier/etat.json", timeout=10) as r:
            etat = json.loads(r.read())
        courbe.append(
            {
                "t_s": round(time.monotonic() - debut),
                "rss_mo": round(rss_mo(serveur.proc.pid)),
                "noyaux": etat["noyaux_total"],
                "en_service": etat["apps"][carnet]["en_service"],
            }
        )
        await asyncio.sleep(args.pause_soak)
    # Last students gone: wait for the culler (bounded), then measure.
    fin = time.monotonic() + args.delai_inactivite + 3 * args.intervalle_nettoyage + 30
    while time.monotonic() < fin:
        with urllib.request.urlopen(serveur.base + "/atelier/etat.json", timeout=10) as r:
            etat = json.loads(r.read())
        if etat["apps"][carnet]["en_service"] == 0:
            break
        await asyncio.sleep(2)
    return {
        "duree_s": args.soak,
        "vagues": vague,
        "erreurs": erreurs,
        "courbe": courbe,
        "fin": {
            "rss_mo": round(rss_mo(serveur.proc.pid)),
            "noyaux": etat["noyaux_total"],
            "en_service": etat["apps"][carnet]["en_service"],
        },
    }


def _ligne(r: dict) -> str:
    rd, it, m = r["rendu_s"], r["interaction_s"], r["memoire_mo"]
    return (
        f"{r['serveur']:<11} rendu médiane {rd['median']:6.2f} s  p95 {rd['p95']:6.2f} s  "
        f"max {rd['max']:6.2f} s | interaction médiane {it['median'] * 1000:6.0f} ms  "
        f"p95 {it['p95'] * 1000:6.0f} ms | mémoire pic {m['pic']:6.0f} Mo | "
        f"erreurs {r['erreurs']}"
    )


def scenario_apres_ouverture(app: Path, args: argparse.Namespace, dossier: Path) -> dict:
    """Shipped settings, app opened once, pause, class within ``args.etalement`` s; + plain."""
    rapport: dict = {"scenario": "apres-ouverture", "pause_s": args.pause}
    projet = demarrer_projet_livre(app, dossier)
    try:
        rapport["projet"] = asyncio.run(ouverture_puis_classe(projet, app.name, args, args.pause))
        etat = rapport["projet"]["reserve_a_l_arrivee"] or {}
        print(
            f"projet (réglages livrés) : première ouverture "
            f"{rapport['projet']['premiere_ouverture_s']:.2f} s ; après {args.pause:.0f} s, "
            f"réserve prête à l'arrivée de la classe : {etat.get('reserve_prete')} noyau(x) "
            f"(visée {etat.get('reserve_visee')})",
            flush=True,
        )
        print(_ligne(rapport["projet"]), flush=True)
    finally:
        rapport["arret_projet"] = projet.arreter()
    if not args.sans_brut:
        brut = demarrer_voila_brut(app, dossier)
        try:
            rapport["voila_brut"] = asyncio.run(ouverture_puis_classe(brut, app.name, args, 0))
            print(_ligne(rapport["voila_brut"]), flush=True)
        finally:
            brut.arreter()
    return rapport


def _attendre_reserve(serveur: Serveur, carnet: str, prets: int, delai: float) -> dict | None:
    """Wait (at most ``delai`` s) until ``prets`` pool kernels of ``carnet`` are ready."""
    fin = time.monotonic() + delai
    etat = _etat_app(serveur, carnet)
    while time.monotonic() < fin and (etat is None or etat["reserve_prete"] < prets):
        time.sleep(1.0)
        etat = _etat_app(serveur, carnet)
    return etat


def scenario_froid(app: Path, args: argparse.Namespace, dossier: Path) -> dict:
    """Shipped settings: the class arrives on an app never opened (cold), leaves, arrives again
    once the pool has grown (warm); then plain Voilà, same arrival, same run."""
    rapport: dict = {"scenario": "froid", "pause_max_s": args.pause}
    projet = demarrer_projet_livre(app, dossier)
    try:
        rapport["reserve_a_froid"] = _etat_app(projet, app.name)
        rapport["projet_froid"] = asyncio.run(classe(projet, app.name, args))
        rapport["projet_froid"]["serveur"] = "projet froid"
        print(_ligne(rapport["projet_froid"]), flush=True)
        etat = _attendre_reserve(projet, app.name, args.eleves + 1, args.pause)
        rapport["reserve_a_chaud"] = etat
        rapport["projet"] = asyncio.run(classe(projet, app.name, args))
        rapport["projet"]["serveur"] = "projet chaud"
        print(
            f"réserve prête à l'arrivée à chaud : {(etat or {}).get('reserve_prete')} noyau(x)",
            flush=True,
        )
        print(_ligne(rapport["projet"]), flush=True)
    finally:
        rapport["arret_projet"] = projet.arreter()
    brut = demarrer_voila_brut(app, dossier)
    try:
        rapport["voila_brut"] = asyncio.run(classe(brut, app.name, args))
        print(_ligne(rapport["voila_brut"]), flush=True)
    finally:
        brut.arreter()
    froid, plain = rapport["projet_froid"]["rendu_s"], rapport["voila_brut"]["rendu_s"]
    rapport["ratio_froid_sur_brut"] = {q: froid[q] / plain[q] for q in ("median", "p95")}
    print(
        "froid / Voilà brut : médiane {median:.2f}, p95 {p95:.2f} (objectif ≤ 1)".format(
            **rapport["ratio_froid_sur_brut"]
        ),
        flush=True,
    )
    return rapport


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--eleves", type=int, default=35)
    p.add_argument("--app", type=Path, default=APP_DEFAUT)
    p.add_argument("--champ", default="prix_ht")
    p.add_argument("--valeurs", nargs="+", default=["2 500,50", "1 234,56", "99,90"])
    p.add_argument("--resultat", default="atelier-resultat")
    p.add_argument("--interactions", type=int, default=3)
    p.add_argument(
        "--etalement",
        type=float,
        default=None,
        help="arrivées sur N secondes (défaut 1 ; 10 avec --apres-ouverture)",
    )
    p.add_argument(
        "--apres-ouverture",
        action="store_true",
        help="réglages livrés ; l'application est ouverte une fois, puis la classe arrive",
    )
    p.add_argument(
        "--froid",
        action="store_true",
        help="réglages livrés ; la classe arrive sur une application jamais ouverte, puis à chaud",
    )
    p.add_argument(
        "--pause",
        type=float,
        default=180.0,
        help="secondes entre la première ouverture et la classe (--apres-ouverture) ; "
        "attente maximale de la réserve avant l'arrivée à chaud (--froid)",
    )
    p.add_argument("--pool", type=int, default=None, help="réserve (défaut : élèves + 1)")
    p.add_argument("--delai-remplissage", type=float, default=None, help="défaut : projet")
    p.add_argument("--delai-inactivite", type=int, default=60)
    p.add_argument("--intervalle-nettoyage", type=int, default=10)
    p.add_argument("--soak", type=int, default=0, help="secondes d'endurance (ex. 600)")
    p.add_argument("--pause-soak", type=float, default=15.0)
    p.add_argument("--delai", type=float, default=300.0, help="délai max par étape (s)")
    p.add_argument("--sans-brut", action="store_true", help="ne pas mesurer Voilà brut")
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)
    if args.etalement is None:
        args.etalement = 10.0 if args.apres_ouverture or args.froid else 1.0

    app = args.app.resolve()
    rapport: dict = {
        "eleves": args.eleves,
        "app": str(app),
        "cpu": os.cpu_count(),
        "charge_moyenne": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
    with tempfile.TemporaryDirectory(prefix="classroom-") as tmp:
        dossier = Path(tmp)
        if args.apres_ouverture:
            rapport.update(scenario_apres_ouverture(app, args, dossier))
            return _conclure(rapport, args)
        if args.froid:
            rapport.update(scenario_froid(app, args, dossier))
            return _conclure(rapport, args)
        projet = demarrer_projet(app, args, dossier)
        try:
            rapport["projet"] = asyncio.run(classe(projet, app.name, args))
            print(_ligne(rapport["projet"]), flush=True)
            if args.soak:
                rapport["soak"] = asyncio.run(soak(projet, app.name, args))
                fin = rapport["soak"]["fin"]
                print(
                    f"soak {args.soak} s : {rapport['soak']['vagues']} vagues, "
                    f"erreurs {rapport['soak']['erreurs']}, fin : {fin['noyaux']} noyaux, "
                    f"{fin['en_service']} en service, {fin['rss_mo']} Mo",
                    flush=True,
                )
        finally:
            projet.arreter()
        if not args.sans_brut:
            brut = demarrer_voila_brut(app, dossier)
            try:
                rapport["voila_brut"] = asyncio.run(classe(brut, app.name, args))
                print(_ligne(rapport["voila_brut"]), flush=True)
            finally:
                brut.arreter()
    return _conclure(rapport, args)


def _conclure(rapport: dict, args: argparse.Namespace) -> int:
    """Ratio, load average, JSON file, exit code (1 when the project had errors)."""
    if "voila_brut" in rapport:
        ratio = rapport["voila_brut"]["rendu_s"]["p95"] / rapport["projet"]["rendu_s"]["p95"]
        rapport["ratio_p95_rendu"] = ratio
        print(f"rapport p95 rendu (Voilà brut / projet) : {ratio:.1f}×", flush=True)
    if hasattr(os, "getloadavg"):
        rapport["charge_moyenne_fin"] = os.getloadavg()
        debut = rapport.get("charge_moyenne") or (float("nan"),) * 3
        print(
            f"charge moyenne (1, 5, 15 min) : début {debut[0]:.1f} {debut[1]:.1f} {debut[2]:.1f}"
            f", fin {' '.join(f'{x:.1f}' for x in rapport['charge_moyenne_fin'])}",
            flush=True,
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rapport, indent=2, ensure_ascii=False), encoding="utf-8")
    erreurs = rapport["projet"]["erreurs"] + rapport.get("soak", {}).get("erreurs", 0)
    erreurs += rapport.get("projet_froid", {}).get("erreurs", 0)
    return 1 if erreurs else 0


if __name__ == "__main__":
    sys.exit(main())
