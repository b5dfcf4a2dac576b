"""deploy/compose.yaml: the school server's services, volume, health checks and mounts."""

from __future__ import annotations

from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parents[1]
DEPLOY = RACINE / "deploy"
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]


def test_the_three_services_restart_by_themselves():
    assert set(SERVICES) == {"tableaux", "jupyterhub", "nginx"}
    for nom, service in SERVICES.items():
        assert service["restart"] == "unless-stopped", nom


def test_the_atelier_services_run_the_image_of_the_containerfile_in_their_mode():
    for nom, mode in (("tableaux", "tableaux-de-bord"), ("jupyterhub", "hub")):
        service = SERVICES[nom]
        assert service["build"] == {"context": "..", "dockerfile": "Containerfile"}
        assert (DEPLOY / service["build"]["context"] / "Containerfile").is_file()
        assert service["command"] == [mode]


def test_every_service_runs_as_a_user_other_than_root():
    for nom, service in SERVICES.items():
        uid = str(service["user"]).split(":")[0]
        assert uid not in ("", "0", "root"), nom


def test_every_service_has_a_health_check():
    for nom, service in SERVICES.items():
        test = service["healthcheck"]["test"]
        assert test[0] == "CMD" and len(test) > 1, nom
    assert SERVICES["tableaux"]["healthcheck"]["test"][1:] == ["python3", "/app/deploy/sante.py"]
    assert SERVICES["nginx"]["depends_on"]["tableaux"] == {"condition": "service_healthy"}


def test_one_data_volume_shared_by_the_dashboards_and_the_hub():
    assert set(COMPOSE["volumes"]) == {"donnees"}
    for nom in ("tableaux", "jupyterhub"):
        assert "donnees:/donnees" in SERVICES[nom]["volumes"], nom
        env = SERVICES[nom]["environment"]
        assert env["ATELIER_CLASSE"] == "/donnees/classe", nom
        assert env["ATELIER_DONNEES"] == "/donnees/eleves", nom


def test_only_nginx_publishes_ports_and_only_https_and_its_redirect():
    assert SERVICES["nginx"]["ports"] == ["80:8080", "443:8443"]
    for nom in ("tableaux", "jupyterhub"):
        assert "ports" not in SERVICES[nom], nom
    conf = (DEPLOY / "nginx" / "compose.conf").read_text(encoding="utf-8")
    assert "listen 8443 ssl;" in conf
    assert "return 301 https://$host$request_uri;" in conf
    assert "proxy_pass http://tableaux:8866;" in conf
    assert "proxy_pass http://jupyterhub:8000;" in conf


def test_every_file_it_mounts_exists_in_the_repository():
    montages = []
    for service in SERVICES.values():
        for montage in service.get("volumes", []):
            source = montage.split(":")[0]
            if source.startswith("."):
                montages.append(source)
    assert len(montages) == 4
    for source in montages:
        assert (DEPLOY / source).exists(), source
    assert (DEPLOY / "tls" / "LISEZMOI.md").is_file()
