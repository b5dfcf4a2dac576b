"""CRM data layer on the 300-client demo base: search, 360° sheet (figures recomputed in plain
SQL), the pipeline in a sandbox copy (the reference never changes), the prospecting-rights
columns of the prospects (realistic defects, deterministic) and the campaign export."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from datetime import date
from decimal import Decimal as D

import pytest

from widgets.calculs.campagne import Message, rapport_conformite
from widgets.calculs.digital import pipeline
from widgets.donnees import crm
from widgets.donnees.generation import empreinte
from widgets.erreurs import ErreurAtelier
from widgets.ui.campagne import ConstructeurCampagne, IndicateursDigitaux
from widgets.ui.crm import VueCRM


@pytest.fixture
def bac(base_demo, tmp_path):
    copie = tmp_path / "bac.db"
    shutil.copy(base_demo, copie)
    return copie


def _un(base, sql, *params):
    with sqlite3.connect(f"file:{base.as_posix()}?mode=ro", uri=True) as con:
        return con.execute(sql, params).fetchone()


def test_search_by_name_commune_or_number(base_demo):
    nom, ville, ident = _un(
        base_demo, "SELECT raison_sociale, ville, id_client FROM clients WHERE id_client = 7"
    )
    assert ident in [c.id_client for c in crm.rechercher_clients(nom[:6].lower(), base_demo)]
    assert all(
        ville.lower() in (c.ville + c.raison_sociale).lower()
        for c in crm.rechercher_clients(ville, base_demo)
    )
    assert [c.id_client for c in crm.rechercher_clients("7", base_demo)] == [7]
    assert crm.rechercher_clients("100%_", base_demo) == []  # wildcards are literal
    with pytest.raises(ErreurAtelier, match="au moins deux lettres"):
        crm.rechercher_clients("a", base_demo)


def test_the_sheet_adds_up_like_plain_sql(base_demo):
    ident = _un(
        base_demo,
        "SELECT id_client FROM factures GROUP BY id_client ORDER BY COUNT(*) DESC LIMIT 1",
    )[0]
    f = crm.fiche_client(ident, base_demo)
    ttc, regle = _un(
        base_demo,
        "SELECT (SELECT ROUND(SUM(montant_ttc), 2) FROM factures WHERE id_client = ?), "
        "(SELECT ROUND(SUM(r.montant), 2) FROM reglements r JOIN factures f USING (id_facture) "
        "WHERE f.id_client = ?)",
        ident,
        ident,
    )
    assert f.encours == D(str(ttc)) - D(str(regle or 0))
    # each listed order = its invoice's net HT when it was delivered
    for c in f.commandes:
        facture = _un(
            base_demo, "SELECT montant_ht FROM factures WHERE id_commande = ?", c.id_commande
        )
        if facture:
            assert c.montant_ht == D(str(facture[0]))
    dates = [c.date for c in f.commandes]
    assert dates == sorted(dates, reverse=True) and len(dates) <= 12
    with pytest.raises(ErreurAtelier, match="aucun client ne porte le numéro 999999"):
        crm.fiche_client(999999, base_demo)


def test_the_pipeline_lives_in_the_sandbox_and_moving_changes_the_forecast(base_demo, bac):
    avant_reference = empreinte(base_demo)
    ops = crm.lire_opportunites(bac)
    assert len(ops) >= 10
    p = pipeline(ops)
    ouverte = next(o for o in ops if o.ouverte)
    deplacee = crm.deplacer_opportunite(bac, ouverte.ident, "gagnée")
    assert deplacee.etape == "gagnée" and deplacee.probabilite == 100
    p2 = pipeline(crm.lire_opportunites(bac))
    assert p2.prevision_totale - p.prevision_totale == ouverte.montant - ouverte.montant_pondere
    assert empreinte(base_demo) == avant_reference
    with pytest.raises(ErreurAtelier, match="étape « fermée » inconnue"):
        crm.deplacer_opportunite(bac, ouverte.ident, "fermée")
    with pytest.raises(ErreurAtelier, match="aucune opportunité"):
        crm.deplacer_opportunite(bac, 99999, "gagnée")


def test_the_widget_searches_opens_and_moves(base_demo, bac):
    v = VueCRM(base=base_demo, bac=bac)
    trouves = v.rechercher("CSE")
    assert trouves and v.erreur == ""
    fiche = v.ouvrir(trouves[0].id_client)
    assert fiche.raison_sociale in v.zone_fiche.value and "Encours" in v.zone_fiche.value
    v.rechercher("zzzz")
    assert v.erreur == "aucun client ne correspond à « zzzz »."
    assert v.resultat is fiche  # the previous sheet stays
    avant = v.pipeline.prevision_totale
    op = next(o for o in v.pipeline.opportunites if o.etape == "qualification")
    v.opportunite.value = op.ident
    v.etape.value = "négociation"
    v.bouton_deplacer.click()
    # 10 % → 75 % of the amount: + 65 % (each weighted amount rounded to the cent)
    assert v.pipeline.prevision_totale - avant == (
        (op.montant * 75 / 100).quantize(D("0.01")) - op.montant_pondere
    )


def test_prospects_carry_consent_objection_bloctel_and_last_contact_with_defects(base_demo):
    with sqlite3.connect(f"file:{base_demo.as_posix()}?mode=ro", uri=True) as con:
        con.row_factory = sqlite3.Row
        lignes = {r["id_prospect"]: r for r in con.execute("SELECT * FROM prospects")}
        doublons = con.execute(
            "SELECT id_prospect, id_original FROM prospects_defauts WHERE defaut = 'doublon'"
        ).fetchall()
    valeurs = lambda col: {r[col] for r in lignes.values()}  # noqa: E731
    assert valeurs("public") == {"B2B", "B2C"}
    assert valeurs("consentement_email_sms") == {"oui", "non", "case pré-cochée", None}
    assert valeurs("opposition") == {0, 1} and valeurs("bloctel") == {0, 1}
    anciens = [r for r in lignes.values() if (r["date_dernier_contact"] or "9") < "2023-01-01"]
    assert anciens and None in valeurs("date_dernier_contact")
    b2c = [r for r in lignes.values() if r["public"] == "B2C"]
    assert all(r["type_client"] == "Boutique de souvenirs" for r in b2c)
    assert all(
        r["email"].split("@")[1] in ("orange.fr", "gmail.com", "free.fr", "laposte.net", "sfr.fr")
        for r in b2c
    )
    for ident, orig in doublons:  # same person, same rights, but the objection is not carried
        d, o = lignes[ident], lignes[orig]
        assert (d["public"], d["email"], d["bloctel"]) == (o["public"], o["email"], o["bloctel"])
        assert d["opposition"] == 0


def test_campaign_export_writes_the_target_list_and_the_report(base_demo, tmp_path):
    contacts = crm.contacts_prospects(base_demo, public="B2C")
    assert contacts and {c.public for c in contacts} == {"B2C"}
    rapport = rapport_conformite(contacts, "email", date(2026, 12, 1), Message(True, True))
    cible, conformite = crm.exporter_campagne(rapport, tmp_path, "essai")
    with cible.open(encoding="utf-8-sig", newline="") as f:
        lignes = list(csv.reader(f, delimiter=";"))
    assert lignes[0][0] == "id_prospect"
    assert [int(x[0]) for x in lignes[1:]] == [c.ident for c in rapport.ciblage.retenus]
    texte = conformite.read_text(encoding="utf-8")
    assert "Case pré-cochée" not in texte or "Consentement par case pré-cochée" in texte
    assert "CPCE, art. L34-5" in texte and "**ABSENTE**" in texte  # no objection mention


def test_campaign_widget_with_a_query_and_the_kpi_calculator(base_demo, tmp_path):
    c = ConstructeurCampagne(base=base_demo)
    c.requete.value = "SELECT id_prospect FROM prospects WHERE public = 'B2C'"
    c.canal.value = "telephone"
    r = c.calculer()
    assert r is not None and r.ciblage.total == len(crm.contacts_prospects(base_demo, public="B2C"))
    assert "Pas de consentement au démarchage téléphonique" in c.zone_resultat.value
    c.requete.value = "SELECT ville FROM prospects"
    assert c.calculer() is None and "id_prospect" in c.erreur
    c.date.value = "31/02/2026"
    c.calculer()
    assert "n'existe pas" in c.erreur
    k = IndicateursDigitaux()
    assert k.resultat.roi == D("150.00") and "150" in k.zone_resultat.value
    k.cout.value = "abc"
    assert "n'est pas un montant" in k.erreur and k.resultat.roi == D("150.00")
