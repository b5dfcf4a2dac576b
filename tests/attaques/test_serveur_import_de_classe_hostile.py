"""Hostile class lists uploaded to the teacher's import route (issue 26, items 3 and 8).

Names that are spreadsheet formulas or HTML go through (a real name may start with a hyphen)
but are escaped in the page and neutralised in the marks exports; a 10 MB upload is refused
with a French message (HTTP 413) and the class in place is kept; the server answers in less
than a second afterwards.
"""

from __future__ import annotations

import csv
import io
import time
import uuid

import pytest
from openpyxl import load_workbook
from outils.client_serveur import MOT_DE_PASSE, Client
from outils.serveurs import DOSSIER_APPS_ESSAI, serveur_pret

pytestmark = pytest.mark.timeout(240)

HOSTILES = [
    ('=HYPERLINK("http://x.example")', "Léa"),
    ("+1", "Hugo"),
    ("-2+3", "Zoé"),
    ("@SUM(A1:A9)", "Tom"),
    ("<script>alert(1)</script>", "Inès"),
]
LISTE = "nom;prénom;groupe\n" + "".join(f"{nom};{prenom};A\n" for nom, prenom in HOSTILES)


@pytest.fixture(scope="module")
def prof(tmp_path_factory):
    from jupyter_server.auth import passwd

    dossier = tmp_path_factory.mktemp("import_hostile")
    with serveur_pret(
        dossier,
        DOSSIER_APPS_ESSAI,
        taille_pool={"prix_ttc.ipynb": 0, "en_panne.ipynb": 0, "visites.ipynb": 0},
        mot_de_passe_enseignant=passwd(MOT_DE_PASSE),
        dossier_classe=str(dossier / "classe"),
    ) as serveur:
        client = Client(serveur.base)
        assert client.connecter()[0] == 302
        client.serveur = serveur
        yield client


def _repond_vite(prof) -> None:
    debut = time.perf_counter()
    assert Client(prof.serveur.base).requete("GET", "/")[0] == 200
    assert time.perf_counter() - debut < 1


def test_formula_and_html_names_are_imported_escaped_and_neutralised_in_exports(prof):
    statut, _, page = prof.requete("POST", "/enseignant/classe", {"liste": LISTE})
    assert statut == 200, page
    assert "5 élèves importés" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    statut, entetes, csv_texte = prof.requete("GET", "/enseignant/notes.csv")
    assert statut == 200 and entetes["Content-Type"].startswith("text/csv")
    lignes = list(csv.reader(io.StringIO(csv_texte.lstrip("\ufeff")), delimiter=";"))
    assert lignes[0] == ["Nom", "Prénom", "Note /20"]
    attendus = ['\'=HYPERLINK("http://x.example")', "'+1", "'-2+3", "'@SUM(A1:A9)"]
    assert sorted(ligne[0] for ligne in lignes[1:]) == sorted(
        [*attendus, "<script>alert(1)</script>"]
    )
    assert '"\'=HYPERLINK(""http://x.example"")"' in csv_texte  # the raw cell
    _repond_vite(prof)


def test_the_xlsx_marks_store_every_hostile_name_as_a_string(prof):
    import http.client
    from urllib.parse import urlparse

    adresse = urlparse(prof.serveur.base)
    connexion = http.client.HTTPConnection(adresse.hostname, adresse.port, timeout=30)
    cookies = "; ".join(f"{k}={v}" for k, v in prof.cookies.items())
    connexion.request("GET", "/enseignant/notes.xlsx", headers={"Cookie": cookies})
    reponse = connexion.getresponse()
    assert reponse.status == 200
    feuille = load_workbook(io.BytesIO(reponse.read())).active
    connexion.close()
    cellules = [feuille.cell(row=i, column=1) for i in range(2, 7)]
    assert sorted(c.value for c in cellules) == sorted(nom for nom, _ in HOSTILES)
    assert {c.data_type for c in cellules} == {"s"}


def test_a_ten_megabyte_upload_is_refused_in_french_and_the_class_is_kept(prof):
    frontiere = uuid.uuid4().hex
    lignes = b"nom;pr\xc3\xa9nom;groupe\n" + b"Martin;L\xc3\xa9a;A\n" * 800_000
    enorme = lignes[:10_000_000]  # 10,0 Mo
    corps = (
        (
            f'--{frontiere}\r\nContent-Disposition: form-data; name="_xsrf"\r\n\r\n'
            f"{prof.cookies['_xsrf']}\r\n--{frontiere}\r\n"
            'Content-Disposition: form-data; name="fichier"; filename="classe.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + enorme
        + f"\r\n--{frontiere}--\r\n".encode()
    )
    import http.client
    from html import unescape
    from urllib.parse import urlparse

    adresse = urlparse(prof.serveur.base)
    connexion = http.client.HTTPConnection(adresse.hostname, adresse.port, timeout=60)
    cookies = "; ".join(f"{k}={v}" for k, v in prof.cookies.items())
    connexion.request(
        "POST",
        "/enseignant/classe",
        body=corps,
        headers={
            "Cookie": cookies,
            "Content-Type": f"multipart/form-data; boundary={frontiere}",
        },
    )
    reponse = connexion.getresponse()
    page = unescape(reponse.read().decode("utf-8"))
    connexion.close()
    assert reponse.status == 413
    assert (
        "Fichier trop gros : une liste de classe fait moins de 1 Mo, ce fichier fait 10,0 Mo."
        in page
    )
    _repond_vite(prof)
    statut, _, csv_texte = prof.requete("GET", "/enseignant/notes.csv")
    assert statut == 200 and len(csv_texte.lstrip("\ufeff").splitlines()) == 1 + len(HOSTILES)


def test_a_huge_body_is_refused_before_it_is_read(prof):
    """Tornado would hold a body of up to 100 MB in memory before any handler runs: the server
    refuses one over 16 MB at once, from its Content-Length, and keeps answering others."""
    import socket
    from urllib.parse import urlparse

    adresse = urlparse(prof.serveur.base)
    with socket.create_connection((adresse.hostname, adresse.port), timeout=10) as s:
        s.sendall(
            b"POST /enseignant/classe HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: text/csv\r\nContent-Length: 50000000\r\n\r\n"
            + b"x"
            * 1000  # and then nothing: the server must not wait for 50 MB
        )
        debut = time.perf_counter()
        reponse = s.recv(200)
    assert reponse.startswith(b"HTTP/1.1 400")
    assert time.perf_counter() - debut < 5
    _repond_vite(prof)
