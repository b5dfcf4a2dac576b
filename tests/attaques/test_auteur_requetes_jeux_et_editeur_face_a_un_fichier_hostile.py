"""Issue 25, hostile input to the new kinds: a parameter's query that never ends or writes,
a reference query that writes, a set hiding a path, and the authoring widget showing a refusal
with its line (never running anything)."""

from __future__ import annotations

import pytest

from widgets.erreurs import ErreurAtelier
from widgets.exercices.auteur import lire_texte
from widgets.exercices.auteur.fichier import valeurs_de_requete
from widgets.ui.auteur import EditeurExercice

BOUCLE = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x FROM r"


def _sql(requete: str) -> str:
    return (
        'code = "hostile"\ntitre = "Hostile"\nunite = "gestion_clientele"\n'
        'enonce = "Écrivez une requête."\nsolution = "Voici :"\n\n'
        f'[sql]\nrequete = "{requete}"\n'
    )


def test_une_requete_de_parametre_sans_fin_est_arretee_en_francais(base_demo, monkeypatch):
    monkeypatch.setenv("ATELIER_BASE", str(base_demo))
    # without ORDER BY: cut at the row bound
    assert len(valeurs_de_requete(BOUCLE, 7)) == 1000
    # with ORDER BY, it would never end: stopped after the time bound
    with pytest.raises(ErreurAtelier, match="Ligne 7 : la requête du paramètre est refusée : "):
        valeurs_de_requete(BOUCLE + " ORDER BY x DESC", 7)


@pytest.mark.parametrize(
    "requete",
    ["DELETE FROM clients", "UPDATE clients SET ville = 1", "ATTACH DATABASE 'x' AS y"],
)
def test_une_requete_de_reference_qui_ecrit_est_refusee_a_sa_ligne(requete):
    with pytest.raises(ErreurAtelier, match="Ligne 8 : la requête de référence est une lecture"):
        lire_texte(_sql(requete))


def test_une_valeur_tiree_ne_peut_pas_changer_la_requete(base_demo, monkeypatch):
    monkeypatch.setenv("ATELIER_BASE", str(base_demo))
    texte = _sql("SELECT raison_sociale FROM clients WHERE ville = {v}").replace(
        "[sql]", '[parametres]\nv = { choix = ["x\' OR 1=1 --"] }\n\n[sql]'
    )
    c = lire_texte(texte).exercice().variante("Léa").controle
    assert c.sql_reference.endswith("WHERE ville = 'x'' OR 1=1 --'")
    assert c.resultat_attendu().lignes == ()  # a text compared, not an OR injected


def test_l_editeur_montre_le_refus_et_sa_ligne_sans_rien_executer(tmp_path):
    e = EditeurExercice()
    assert e.erreur == "" and e.resultat is not None
    valide = e.resultat
    texte = e.texte.replace('"arrondi(cout / (1 - marque / 100))"', "\"open('PIRATE')\"")
    ligne = next(i for i, x in enumerate(texte.splitlines(), 1) if "PIRATE" in x)
    e.texte = texte
    assert e.erreur.startswith(f"Ligne {ligne} : l'expression « open('PIRATE') » est refusée")
    assert "Ligne" in e.zone_erreur.value and e.resultat is valide  # the last valid one kept
    with pytest.raises(ErreurAtelier, match="Fichier non enregistré"):
        e.enregistrer(tmp_path / "x.toml")
    assert not (tmp_path / "x.toml").exists() and not (tmp_path / "PIRATE").exists()
