"""`atelier dashboards` settings: one documented traitlets file, translated into Voilà options."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from widgets.tableaux_de_bord import ConfigTableauxDeBord, charger_reglages, servir
from widgets.tableaux_de_bord.configuration import FICHIER_CONFIG_DEFAUT
from widgets.tableaux_de_bord.galerie import lire_fiche, page_complet, page_galerie
from widgets.tableaux_de_bord.noyaux import app_depuis_env

APPS_ESSAI = Path(__file__).resolve().parent / "notebooks_voila"


def test_every_setting_is_documented_in_french_help():
    traits = ConfigTableauxDeBord.class_traits(config=True)
    assert len(traits) >= 14
    for nom, trait in traits.items():
        assert trait.help and len(trait.help) > 20, nom


def test_the_project_config_file_loads_and_keeps_tracebacks_hidden():
    reglages = charger_reglages(FICHIER_CONFIG_DEFAUT)
    assert reglages.port == 8866
    assert reglages.hote == "127.0.0.1"
    assert reglages.afficher_traces is False
    assert reglages.delai_inactivite == 1800


def test_settings_become_voila_pool_culling_and_stripping_options(tmp_path):
    fichier = tmp_path / "conf.py"
    fichier.write_text(
        f"c.ConfigTableauxDeBord.dossier_apps = {str(APPS_ESSAI)!r}\n"
        "c.ConfigTableauxDeBord.taille_pool_defaut = 3\n"
        "c.ConfigTableauxDeBord.taille_pool = {'prix_ttc.ipynb': 36}\n"
        "c.ConfigTableauxDeBord.delai_inactivite = 600\n"
        "c.ConfigTableauxDeBord.intervalle_nettoyage = 30\n"
        "c.ConfigTableauxDeBord.max_noyaux = {'prix_ttc.ipynb': 40}\n",
        encoding="utf-8",
    )
    reglages = charger_reglages(fichier)
    c = reglages.vers_config_voila()
    assert c.VoilaConfiguration.preheat_kernel is True
    assert c.VoilaConfiguration.strip_sources is True
    assert c.VoilaConfiguration.show_tracebacks is False
    assert c.VoilaConfiguration.default_pool_size == 3
    pools = c.VoilaKernelManager.kernel_pools_config
    assert pools["prix_ttc.ipynb"]["pool_size"] == 36
    assert pools["en_panne.ipynb"]["pool_size"] == 3
    assert pools["prix_ttc.ipynb"]["kernel_env_variables"] == {"ATELIER_APP": "prix_ttc.ipynb"}
    assert c.MappingKernelManager.cull_idle_timeout == 600
    assert c.MappingKernelManager.cull_interval == 30
    assert c.MappingKernelManager.cull_connected is True
    assert reglages.max_noyaux_de("prix_ttc.ipynb") == 40
    assert reglages.max_noyaux_de("en_panne.ipynb") == 60
    assert reglages.carnets() == ["en_panne.ipynb", "prix_ttc.ipynb", "visites.ipynb"]


def test_a_missing_config_file_is_a_french_error_and_exit_code_2(tmp_path, capsys):
    assert servir(tmp_path / "absent.py") == 2
    assert "Fichier de configuration introuvable" in capsys.readouterr().out


def test_a_missing_apps_folder_is_a_french_error_and_exit_code_2(tmp_path, capsys):
    fichier = tmp_path / "conf.py"
    fichier.write_text(
        f"c.ConfigTableauxDeBord.dossier_apps = {str(tmp_path / 'rien')!r}\n", encoding="utf-8"
    )
    assert servir(fichier) == 2
    assert "dossier des applications introuvable" in capsys.readouterr().out


def test_gallery_card_comes_from_the_notebook_metadata():
    fiche = lire_fiche(APPS_ESSAI, "prix_ttc.ipynb")
    assert fiche.titre == "Prix TTC (essai)"
    assert fiche.unite == "Relation client"
    assert fiche.savoirs == ("S4.2", "S4.3")
    assert fiche.description.startswith("Calculer un prix TTC")


def test_a_notebook_without_metadata_is_titled_after_its_file(tmp_path):
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "plan_de_vente.ipynb")
    fiche = lire_fiche(tmp_path, "plan_de_vente.ipynb")
    assert (fiche.titre, fiche.unite, fiche.savoirs) == ("Plan de vente", "", ())


def test_gallery_page_is_french_self_contained_and_escapes_metadata(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["atelier"] = {"titre": "Marges <b>& remises</b>", "savoirs": "S2.1"}
    nbformat.write(nb, tmp_path / "marges.ipynb")
    html = page_galerie("Galerie", [lire_fiche(tmp_path, "marges.ipynb")], "/tableaux/")
    assert '<html lang="fr">' in html
    assert "Marges &lt;b&gt;&amp; remises&lt;/b&gt;" in html
    assert '<span class="atelier-savoir">S2.1</span>' in html
    assert 'href="/tableaux/voila/render/marges.ipynb"' in html
    assert "1 application disponible" in html
    assert "http://" not in html and "https://" not in html


def test_empty_gallery_says_so_in_french():
    assert "Aucune application n'est publiée" in page_galerie("G", []).replace("&#x27;", "'")


def test_full_page_names_the_app_and_the_cap():
    html = page_complet(lire_fiche(APPS_ESSAI, "prix_ttc.ipynb"), 35)
    assert "Serveur complet" in html
    assert "« Prix TTC (essai) » accueille déjà 35 élèves" in html.replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("env", "attendu"),
    [
        ({"ATELIER_APP": "facture.ipynb"}, ("facture.ipynb", False)),
        (
            {"SCRIPT_NAME": "/tableaux/voila/render/plan%20de%20vente.ipynb"},
            ("plan de vente.ipynb", True),
        ),
        ({"SCRIPT_NAME": "/voila/tree"}, (None, False)),
        (None, (None, False)),
    ],
)
def test_each_kernel_is_tied_to_its_app(env, attendu):
    assert app_depuis_env(env) == attendu


def test_the_test_apps_carry_gallery_metadata():
    for carnet in ("prix_ttc.ipynb", "en_panne.ipynb", "visites.ipynb"):
        meta = json.loads((APPS_ESSAI / carnet).read_text(encoding="utf-8"))["metadata"]
        assert set(meta["atelier"]) == {"titre", "unite", "savoirs", "description"}


def test_a_busy_port_is_a_french_error_and_exit_code_1(tmp_path, capsys):
    import socket

    fichier = tmp_path / "conf.py"
    fichier.write_text(f"c.ConfigTableauxDeBord.dossier_apps = {str(APPS_ESSAI)!r}\n", "utf-8")
    with socket.socket() as occupe:
        occupe.bind(("127.0.0.1", 0))
        occupe.listen()
        port = occupe.getsockname()[1]
        assert servir(fichier, hote="127.0.0.1", port=port) == 1
    assert f"le port {port} est déjà utilisé" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("brut", "affiche"),
    [
        ("relation_client", "Relation client et négociation-vente"),
        ("gestion_clientele", "Gestion de clientèles"),
        ("gestion_de_projet", "Gestion de projet"),
        ("Relation client", "Relation client"),
        ("", ""),
    ],
)
def test_unit_codes_are_shown_as_their_french_titles(brut, affiche):
    from widgets.tableaux_de_bord.galerie import nom_unite

    assert nom_unite(brut) == affiche


def test_pre_rendering_waits_for_every_widget_output_and_never_drops_it_silently():
    # Issue 17: nbclient's default (4 s, then a mere warning) dropped the display_data of a
    # 270-widget app on a loaded server, and its page stayed blank.
    c = ConfigTableauxDeBord(dossier_apps=str(APPS_ESSAI)).vers_config_voila()
    assert c.VoilaExecutor.iopub_timeout == 180
    assert c.VoilaExecutor.raise_on_iopub_timeout is True
    c = ConfigTableauxDeBord(dossier_apps=str(APPS_ESSAI), delai_sorties=90).vers_config_voila()
    assert c.VoilaExecutor.iopub_timeout == 90


def test_a_timed_out_cell_shows_a_french_message_and_logs_why(caplog):
    from voila.execute import VoilaExecutor

    from widgets.tableaux_de_bord.serveur import MESSAGE_SORTIES_PERDUES, _delai_depasse_en_francais

    executeur = VoilaExecutor(nbformat.v4.new_notebook(), iopub_timeout=60)
    cellule = nbformat.v4.new_code_cell("SimulateurNegociation()", id="negociation-1")
    with caplog.at_level("WARNING"):
        _delai_depasse_en_francais(executeur, cellule)
    (sortie,) = cellule.outputs
    assert sortie["output_type"] == "error"
    assert sortie["traceback"] == [MESSAGE_SORTIES_PERDUES]
    assert "Rechargez la page" in MESSAGE_SORTIES_PERDUES
    assert "Cellule negociation-1 : délai dépassé" in caplog.text
