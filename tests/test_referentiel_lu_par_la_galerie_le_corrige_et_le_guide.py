"""Issue 22: the project carries its own referential; the gallery, the corrigé command and
``docs/enseignant.md`` read it (the cockpit's check lives with the cockpit's server tests).

- the gallery prints each known savoir's title (``S522 L'analyse du portefeuille clients /
  prospects``), read from ``widgets/donnees/referentiel/savoirs.csv``;
- every « **Savoirs** » line of ``docs/enseignant.md`` gives each code the referential's title;
- ``atelier corrige`` prints the answer keys of the « À vous » questions of the unit;
- the guide plans a session for finance 02–05 and portfolio 07–08, and reminds the teacher of
  the twice-a-year legal interest rate.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from widgets.donnees.devoirs import questions_a_vous
from widgets.donnees.referentiel import competences, libelles, savoir
from widgets.erreurs import ErreurAtelier
from widgets.exercices.corrige import corrige_html
from widgets.tableaux_de_bord.galerie import FicheApp, page_galerie

RACINE = Path(__file__).resolve().parents[1]
GUIDE = (RACINE / "docs" / "enseignant.md").read_text(encoding="utf-8")


def test_le_referentiel_donne_titre_unite_et_blocs_ndrc():
    assert savoir("S822").titre == "Utilisation de bases de données"
    assert savoir(" s 512").code == "S512"
    with pytest.raises(ErreurAtelier, match="S999"):
        savoir("S999")
    assert libelles(["S512", "S999", "S512"]) == "S512 Les règlements et le financement ; S999"
    blocs = {c.bloc: c.titre_bloc for c in competences()}
    assert blocs == {
        1: "Relation client et négociation-vente",
        2: "Relation client à distance et digitalisation",
        3: "Relation client et animation de réseaux",
    }
    assert [c.intitule for c in competences() if c.bloc == 2] == [
        "Maîtriser la relation omnicanale",
        "Animer la relation client digitale",
        "Développer la relation client en e-commerce",
    ]


def test_la_galerie_affiche_le_titre_de_chaque_savoir():
    """Issue 22: the gallery reads the savoir titles from the referential."""
    page = page_galerie("Atelier", [FicheApp("a.ipynb", "ABC", "Gestion", ("S522", "S4.2"))])
    texte = html.unescape(page)
    assert "S522 L'analyse du portefeuille clients / prospects" in texte
    assert 'title="S522 L\'analyse du portefeuille clients / prospects"' in texte
    # an unknown code is shown as it is, without a title
    assert '<span class="atelier-savoir">S4.2</span>' in page


def test_le_guide_donne_a_chaque_code_le_titre_du_referentiel():
    """Issue 22: docs/enseignant.md names each savoir with the referential's title."""
    fautes = []
    for paragraphe in re.findall(r"^\*\*Savoirs\*\* : (.+(?:\n.+)*)", GUIDE, re.MULTILINE):
        texte = " ".join(paragraphe.split())
        for m in re.finditer(r"\b(S\d{2,3})\b ([^;(.]*)", texte):
            code, suite = m.group(1), m.group(2).strip()
            if suite and not suite.startswith(savoir(code).titre):
                fautes.append(f"{code} « {suite} » au lieu de « {savoir(code).titre} »")
    assert not fautes, "\n".join(fautes)


def test_chaque_question_a_vous_a_son_corrige():
    """Issue 22: answer keys for the « À vous » questions."""
    questions = questions_a_vous()
    assert len(questions) >= 7
    sans = [q.cle for q in questions if len(q.corrige) < 80]
    assert not sans, f"questions « À vous » sans éléments de corrigé : {sans}"


def test_la_commande_corrige_imprime_les_questions_a_vous_de_l_unite():
    """Issue 22: ``atelier corrige`` prints the « À vous » answer keys of the unit."""
    page = html.unescape(corrige_html("management_equipe", "alice"))
    assert "Questions « À vous » des carnets : éléments de corrigé" in page
    assert "écart sur quantités = (Qréelle − Qprévue) × Pprévu" in page
    assert "taux de réalisation" in page
    assert "À vous" not in html.unescape(corrige_html("relation_client", "alice"))


@pytest.mark.parametrize(
    "carnet",
    [
        "notebooks/finance/02_seuil_de_rentabilite.ipynb",
        "notebooks/finance/03_amortissements.ipynb",
        "notebooks/finance/04_rentabilite_d_une_action_commerciale.ipynb",
        "notebooks/finance/05_credit_clients_et_bfre.ipynb",
        "notebooks/gestion_clientele/07_analyser_le_portefeuille.ipynb",
        "notebooks/gestion_clientele/08_valeur_et_risque_client.ipynb",
    ],
)
def test_le_guide_propose_une_seance_pour_chaque_carnet(carnet):
    """Issue 22: session plans for finance 02–05 and portfolio 07–08 like the other units."""
    seances = re.findall(r"(\*\*Séance type[^\n]*\n\n?(?:.+\n)+)", GUIDE)
    nom = carnet.rsplit("/", 1)[1]
    assert any(nom in s for s in seances), f"aucune séance type n'utilise {nom}"


def test_le_guide_rappelle_le_taux_d_interet_legal_deux_fois_par_an():
    """Issue 22: a twice-a-year reminder for the legal interest rate."""
    texte = " ".join(GUIDE.split())
    assert "taux de l'intérêt légal" in texte
    assert "1er janvier" in texte and "1er juillet" in texte and "Légifrance" in texte


def test_le_guide_nomme_les_blocs_ndrc_du_referentiel():
    """Issue 22: the NDRC blocs of docs/enseignant.md are those of the referential."""
    blocs = {c.bloc: c.titre_bloc for c in competences()}
    cites = re.findall(r"Bloc (\d) « ([^»]+) »", GUIDE)
    assert {int(n) for n, _ in cites} == {1, 2, 3}
    fautes = [f"Bloc {n} « {t} »" for n, t in cites if blocs[int(n)] != t.strip()]
    assert not fautes, fautes
