"""Issue 22, « Soft opt-in for existing customers » (CPCE art. L34-5, al. 4): a B2C customer
whose address was collected at a sale may receive e-mails about products analogous to those
bought, from the same firm, without prior consent, if he was informed at collection that he
could object and did not; the rule, its conditions and its article are in the rules table, and
a new exercise of the relation_digitale catalogue (variants, named traps) trains it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from widgets.calculs.campagne import (
    REGLES_PAR_CODE,
    Contact,
    Message,
    appliquer_regles,
    rapport_conformite,
    rapport_markdown,
)
from widgets.exercices.registre import exercice_par_code

JOUR = date(2026, 12, 1)


def _c(ident: int, **kw) -> Contact:
    base = dict(
        public="B2C",
        email=f"p{ident}@orange.fr",
        telephone=f"06 10 20 30 {ident:02d}",
        adresse=f"{ident} rue Basse",
        date_dernier_contact=date(2026, 5, 2),
    )
    base.update(kw)
    return Contact(ident, **base)


FICHIER = [
    _c(1, consentement_email_sms="oui"),  # consented: always
    _c(2, client=True, informe_collecte=True),  # the exception
    _c(3, client=True),  # customer, never told he could object: consent needed
    _c(4),  # a mere prospect
    _c(5, client=True, informe_collecte=True, opposition=True),  # objected
    _c(6, client=True, informe_collecte=True, consentement_email_sms="non"),  # refused
    _c(7, client=True, informe_collecte=True, consentement_email_sms="case pré-cochée"),
]


def test_the_rule_its_conditions_and_its_article_are_in_the_table():
    r = REGLES_PAR_CODE["CLIENT_PRODUITS_ANALOGUES"]
    assert r.article.startswith("CPCE, art. L34-5, al. 4")
    assert r.canaux == ("email", "sms") and r.publics == ("B2C",)
    for condition in ("recueillie lors d'une vente", "analogues", "même entreprise", "informé"):
        assert condition in r.explication


def test_existing_informed_customers_are_reached_for_analogous_products_only():
    avec = appliquer_regles(FICHIER, "email", JOUR, offre_analogue=True)
    assert [c.ident for c in avec.retenus] == [1, 2, 7]
    assert avec.clients_sans_consentement == (2, 7)
    sans = appliquer_regles(FICHIER, "email", JOUR)
    assert [c.ident for c in sans.retenus] == [1]
    # an SMS is a « courrier électronique » of the CPCE: same exception (CNIL); not the phone
    sms = appliquer_regles(FICHIER, "sms", JOUR, offre_analogue=True)
    assert [c.ident for c in sms.retenus] == [1, 2, 7]
    appel = appliquer_regles(FICHIER, "telephone", JOUR, offre_analogue=True)
    assert [c.ident for c in appel.retenus] == []


def test_the_report_names_who_is_reached_under_the_exception():
    message = Message(lien_desinscription=True, produits_analogues=True)
    texte = rapport_markdown(rapport_conformite(FICHIER, "email", JOUR, message))
    assert (
        "Retenus sans consentement préalable au titre de l'exception « Client existant, "
        "produits analogues (« soft opt-in ») » (CPCE, art. L34-5, al. 4" in texte
    )
    assert "n° 2, 7" in texte


def test_the_exercise_has_variants_named_traps_and_a_savoir_of_the_guide():
    e = exercice_par_code("relation_digitale/client-produits-analogues-1")
    assert set(e.savoirs) == {"S821", "S823"}
    reponses, pieges = Counter(), Counter()
    for k in range(60):
        v = e.variante(f"eleve {k}")
        reponses[v.controle.attendu] += 1
        for p in v.controle.pieges:
            assert p.valeur != v.controle.attendu
            pieges[p.code] += 1
    assert len(reponses) >= 4
    assert {"exception_oubliee", "client_non_informe_retenu", "offre_non_analogue"} <= set(pieges)


def test_the_exercise_counts_by_hand():
    e = exercice_par_code("relation_digitale/client-produits-analogues-1")
    v = e.variante("Dupont Léa")
    # the variant's table: Farid and Hélène consented; Gaëlle is a customer, informed, consent
    # unknown, no objection, and the peignoirs are analogous to the serviettes: 3 persons
    assert "peignoirs de bain" in v.enonce
    assert v.controle.attendu == Decimal(3)
    assert "Farid, Gaëlle, Hélène" in v.solution
    (piege,) = [p for p in v.controle.pieges if p.code == "exception_oubliee"]
    assert piege.valeur == Decimal(2)


def test_an_objection_on_a_duplicate_still_wins_over_the_exception():
    fichier = [
        _c(8, client=True, informe_collecte=True, email="zoe@free.fr"),
        _c(9, email="ZOE@free.fr", opposition=True),  # the same person, who objected
    ]
    r = appliquer_regles(fichier, "email", JOUR, offre_analogue=True)
    assert r.retenus == ()
    assert [(f.idents, f.reportes) for f in r.fusions] == [((8, 9), ("opposition",))]
