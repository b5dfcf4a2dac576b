"""`atelier tableaux-de-bord` really serves the apps: gallery, pre-heated pages, widget protocol,
no code execution for visitors, hidden tracebacks, per-app cap, culling.

Each test talks to a real server (subprocess) over loopback, as a browser would.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
import uuid

import pytest

from benchmarks.visiteur_voila import VisiteurVoila, executer

pytestmark = pytest.mark.timeout(180)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _espaces(texte: str) -> str:
    """French formatting uses narrow/no-break spaces; compare with plain spaces."""
    return texte.replace("\u202f", " ").replace("\xa0", " ")


def _urls_externes(html: str) -> list[str]:
    """Every src/href/url()/import pointing outside the server (namespaces of SVG excluded)."""
    motifs = re.findall(r"""(?:src|href)\s*=\s*["'](https?:)?//([^"']+)""", html)
    motifs += re.findall(r"""(?:url\(|import\s*\(?\s*)["']?https?://([^"')\s]+)""", html)
    return [str(m) for m in motifs]


def test_home_page_is_the_french_gallery_of_the_apps(serveur_tableaux):
    statut, html = _get(serveur_tableaux.base + "/")
    assert statut == 200
    assert '<html lang="fr">' in html
    assert "3 applications disponibles" in html
    assert "<h2>Prix TTC (essai)</h2>" in html
    assert "Unité : Relation client" in html
    assert (
        '<span class="atelier-savoir">S4.2</span><span class="atelier-savoir">S4.3</span>' in html
    )
    assert "Calculer un prix TTC à partir du prix HT" in html
    assert 'href="/voila/render/prix_ttc.ipynb"' in html
    assert "http://" not in html and "https://" not in html
    # Voilà's file tree is replaced by the gallery too (no listing of .py / .ipynb files).
    statut_arbre, arbre = _get(serveur_tableaux.base + "/voila/tree")
    assert statut_arbre == 200 and "<h2>Prix TTC (essai)</h2>" in arbre
    assert _get(serveur_tableaux.base + "/voila/api/contents")[0] == 404


def test_app_page_is_local_only_and_carries_no_source_code(serveur_tableaux):
    statut, html = _get(serveur_tableaux.base + "/voila/render/prix_ttc.ipynb")
    assert statut == 200
    assert '<html lang="fr">' in html
    assert "from appli_essai import CalculTTC" not in html  # sources stripped
    assert "Saisissez un prix hors taxes" in html  # the narrative stays
    assert _urls_externes(html) == []
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "unpkg" not in html
    # notebooks and python modules are never downloadable
    assert _get(serveur_tableaux.base + "/voila/files/appli_essai.py")[0] == 403
    assert _get(serveur_tableaux.base + "/voila/files/prix_ttc.ipynb")[0] == 403


def test_unknown_app_gets_a_french_404(serveur_tableaux):
    statut, html = _get(serveur_tableaux.base + "/voila/render/inconnue.ipynb")
    assert statut == 404
    assert "Application introuvable" in html


async def _scenario_prix(base: str) -> list:
    eleve = VisiteurVoila(base, delai=60)
    try:
        await eleve.ouvrir("prix_ttc.ipynb")
        resultats = [_espaces(eleve.valeur("atelier-resultat"))]
        _, ttc = await eleve.saisir("atelier-champ-prix_ht", "2 500,50")
        resultats.append(_espaces(ttc))
        _, ttc = await eleve.saisir("atelier-champ-taux_tva", "5,5 %")
        resultats.append(_espaces(ttc))
        _, erreur = await eleve.saisir("atelier-champ-prix_ht", "abc", "atelier-erreur")
        resultats.append(erreur)
        resultats.append(_espaces(eleve.valeur("atelier-resultat")))
        return resultats
    finally:
        await eleve.fermer()


def test_a_student_types_french_amounts_and_reads_the_result(serveur_tableaux):
    resultats = executer(_scenario_prix(serveur_tableaux.base))
    assert resultats == [
        "Prix TTC : 1 200,00 €",  # 1 000 × 1,20
        "Prix TTC : 3 000,60 €",  # 2 500,50 × 1,20
        "Prix TTC : 2 638,03 €",  # 2 500,50 × 1,055 = 2 638,0275
        "Prix HT : « abc » n'est pas un nombre : écrivez par exemple 1 234,56.",
        "Prix TTC : 2 638,03 €",  # last valid result kept
    ]


async def _tentative_execution(base: str, marque: str) -> list[str]:
    pirate = VisiteurVoila(base, delai=60)
    try:
        await pirate.ouvrir("prix_ttc.ipynb")
        pirate.messages.clear()
        code = f"open({marque!r}, 'w').write('pirate')"
        await pirate.envoyer(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        # The kernel answers shell requests in order: had the execute_request reached it,
        # its execute_reply would come before this kernel_info_reply.
        await pirate.envoyer("kernel_info_request", {})
        fin = time.monotonic() + 60
        vus = []
        while True:
            message = await pirate.recevoir(fin)
            vus.append(message["header"]["msg_type"])
            if vus[-1] == "kernel_info_reply":
                return vus
    finally:
        await pirate.fermer()


def test_a_visitor_cannot_run_code_of_their_own(serveur_tableaux, tmp_path):
    marque = tmp_path / f"pirate-{uuid.uuid4().hex}.txt"
    vus = executer(_tentative_execution(serveur_tableaux.base, str(marque)))
    assert "execute_reply" not in vus
    assert "execute_input" not in vus
    assert "execute_result" not in vus
    assert not marque.exists()
    assert (
        'message of type "execute_request", which is not allowed' in serveur_tableaux.lire_sortie()
    )


def test_a_failing_cell_shows_french_text_and_the_trace_goes_to_the_teacher_log(serveur_tableaux):
    statut, html = _get(serveur_tableaux.base + "/voila/render/en_panne.ipynb")
    assert statut == 200
    assert "Une erreur est survenue dans cette partie du tableau de bord." in _espaces(html)
    assert "panne volontaire" not in html
    assert "RuntimeError" not in html
    assert "Traceback" not in html
    journal = serveur_tableaux.journal.read_text(encoding="utf-8")
    assert "RuntimeError" in journal and "panne volontaire pour le journal" in journal


async def _ouvrir_et_garder(base: str) -> VisiteurVoila:
    eleve = VisiteurVoila(base, delai=60)
    await eleve.ouvrir("prix_ttc.ipynb")
    return eleve


def _attendre(condition, delai: float = 60.0) -> bool:
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_full_app_shows_a_french_page_until_a_student_leaves(serveur_tableaux_sur_mesure):
    serveur = serveur_tableaux_sur_mesure(
        taille_pool={"prix_ttc.ipynb": 1, "en_panne.ipynb": 0, "visites.ipynb": 0},
        max_noyaux_defaut=2,
    )

    async def scenario():
        a = await _ouvrir_et_garder(serveur.base)
        b = await _ouvrir_et_garder(serveur.base)
        etat_plein = serveur.etat()["apps"]["prix_ttc.ipynb"]
        refuse = VisiteurVoila(serveur.base, delai=60)
        statut_refuse = await refuse.charger_page("prix_ttc.ipynb")
        await a.fermer()  # tab closed: the page asks Voilà to stop its kernel
        _attendre(lambda: serveur.etat()["apps"]["prix_ttc.ipynb"]["en_service"] < 2)
        c = VisiteurVoila(serveur.base, delai=60)
        statut_apres = await c.charger_page("prix_ttc.ipynb")
        await b.fermer()
        await c.fermer()
        return etat_plein, statut_refuse, refuse.page, statut_apres

    etat_plein, statut_refuse, page, statut_apres = executer(scenario())
    assert etat_plein["en_service"] == 2 and etat_plein["maximum"] == 2
    assert statut_refuse == 503
    assert "Serveur complet" in page
    assert "accueille déjà 2 élèves" in page
    assert statut_apres == 200


def test_idle_kernels_are_culled_but_the_preheated_pool_is_kept(serveur_tableaux_sur_mesure):
    serveur = serveur_tableaux_sur_mesure(
        taille_pool={"prix_ttc.ipynb": 1, "en_panne.ipynb": 0, "visites.ipynb": 0},
        delai_inactivite=5,
        intervalle_nettoyage=1,
    )

    async def ouvrir_puis_partir_sans_fermer():
        eleve = await _ouvrir_et_garder(serveur.base)
        en_service = serveur.etat()["apps"]["prix_ttc.ipynb"]["en_service"]
        await eleve.fermer(arreter_noyau=False)  # browser crashed: no shutdown request
        return eleve.kernel_id, en_service

    kernel_id, en_service_pendant = executer(ouvrir_puis_partir_sans_fermer())
    assert en_service_pendant == 1
    assert _attendre(lambda: serveur.etat()["apps"]["prix_ttc.ipynb"]["en_service"] == 0)
    assert f"({kernel_id}) with" in serveur.lire_sortie()  # the culler's log line
    assert _attendre(lambda: serveur.etat()["apps"]["prix_ttc.ipynb"]["reserve_prete"] == 1)
    etat = serveur.etat()["apps"]["prix_ttc.ipynb"]
    assert etat["vivants"] == 1  # only the standby kernel is left, it survived the culler
