"""The prospecting funnel: one model, rates in percent, shared by tournée and équipe."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from widgets.calculs import entonnoir as module_entonnoir
from widgets.calculs import equipe, tournee
from widgets.calculs.entonnoir import CODES_ETAPES, Entonnoir, entonnoir, resultats_attendus


def test_tournee_et_equipe_partagent_le_meme_modele():
    assert tournee.Entonnoir is equipe.Entonnoir is module_entonnoir.Entonnoir
    assert tournee.ETAPES_ENTONNOIR is equipe.ETAPES_ENTONNOIR
    assert tournee.resultats_attendus is module_entonnoir.resultats_attendus
    assert CODES_ETAPES == ("contact", "rendez-vous", "visite", "commande")


def test_meme_taux_dans_les_deux_ecritures():
    # 3 / 7 = 0,428571… → 42,86 % (the two old conventions were 0.4286 and 42.86).
    e = entonnoir(7, 7, 7, 3)
    assert e.taux_commande == Decimal("42.86")
    assert e.etapes[3].taux_transformation == e.taux_commande
    assert Entonnoir(7, 7, 7, 3) == e
    assert [x.etape for x in e.etapes] == ["contacts", "rendez-vous", "visites", "commandes"]


def test_resultats_attendus_lit_20_comme_20_pourcent():
    # 10 visites × 20 % = 2 commandes (and not 10 × 20 = 200).
    assert resultats_attendus(10, "20").commandes == Decimal("2.0")
    assert resultats_attendus("10", "20 %").commandes == Decimal("2.0")
    assert resultats_attendus(10, Decimal("20")).commandes == Decimal("2.0")


@given(st.lists(st.integers(0, 10_000), min_size=4, max_size=4))
def test_taux_entre_0_et_100_et_global_coherent(effectifs):
    c, r, v, k = sorted(effectifs, reverse=True)
    e = entonnoir(c, r, v, k)
    for etape in e.etapes[1:]:
        t = etape.taux_transformation
        assert t is None or (0 <= t <= 100 and t == t.quantize(Decimal("0.01")))
    if c:
        # global = product of the three exact stage ratios, to the rounding of 0,005 %.
        assert abs(e.taux_global - Decimal(k) * 100 / c) <= Decimal("0.005")
    else:
        assert e.taux_global is None


def test_le_generateur_et_les_exercices_importent_les_etapes_du_modele():
    # The CHECK constraint of visites.etape and the SQL exercises' draws use the same tuple.
    from widgets.donnees.generation import schema
    from widgets.exercices.catalogue.gestion_clientele import _commun

    assert schema.ETAPES is CODES_ETAPES and _commun.ETAPES is CODES_ETAPES
    ddl = schema.TABLES_PAR_NOM["visites"].ddl()
    assert "CHECK (etape IN ('contact', 'rendez-vous', 'visite', 'commande'))" in ddl
