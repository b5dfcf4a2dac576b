"""Issue 22, « Taux d'intérêt légal »: a dated table of the half-year rates (professionals and
consumers, with their arrêté) instead of one constant; past the last known half-year every
screen says « taux du 1er semestre 2026, à vérifier sur Légifrance », and the teacher can set
the current rate (environment variable, or the dashboards server's configuration)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from widgets.calculs.conditions_paiement import avertissement_taux_penalites
from widgets.calculs.interet_legal import TABLE_INTERET_LEGAL, taux_interet_legal
from widgets.donnees import reglages

APRES_LA_TABLE = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("jour", "pro", "part", "periode"),
    [
        (date(2024, 3, 1), "5.07", "8.01", "1er semestre 2024"),
        (date(2024, 12, 31), "4.92", "8.16", "2d semestre 2024"),
        (date(2025, 1, 1), "3.71", "7.21", "1er semestre 2025"),
        (date(2025, 7, 1), "2.76", "6.65", "2d semestre 2025"),
        (date(2026, 6, 30), "2.62", "6.67", "1er semestre 2026"),
    ],
)
def test_the_rate_of_a_day_is_the_rate_of_its_half_year(jour, pro, part, periode):
    t = taux_interet_legal(jour)
    assert (t.professionnels, t.particuliers, t.periode) == (D(pro), D(part), periode)
    assert not t.a_verifier and t.avertissement == ""
    assert "arrêté du" in t.source


def test_every_half_year_cites_its_arrete_and_they_follow_each_other():
    for avant, apres in zip(TABLE_INTERET_LEGAL, TABLE_INTERET_LEGAL[1:], strict=False):
        assert (apres.debut - avant.fin).days == 1
    assert all(s.source.startswith("arrêté du ") for s in TABLE_INTERET_LEGAL)


def test_past_the_table_the_last_rate_is_flagged_to_check_on_legifrance():
    t = taux_interet_legal(APRES_LA_TABLE)
    assert t.professionnels == D("2.62") and t.a_verifier
    assert t.avertissement == "taux du 1er semestre 2026, à vérifier sur Légifrance"
    message = avertissement_taux_penalites("5", t)
    assert "taux du 1er semestre 2026, à vérifier sur Légifrance" in message
    assert "7,86" in message  # 3 × 2,62


def test_the_teachers_rate_replaces_the_last_known_one_past_the_table():
    # 3 × 2,90 = 8,70 %: 8 % is now below the floor
    t = taux_interet_legal(APRES_LA_TABLE, saisi_professionnels=D("2.90"))
    assert (t.professionnels, t.particuliers, t.a_verifier) == (D("2.90"), D("6.67"), False)
    assert t.penalites_minimum == D("8.70")
    assert "8,7" in avertissement_taux_penalites("8", t)
    # inside the table, the arrêté wins over the setting
    assert taux_interet_legal(date(2025, 3, 1), saisi_professionnels=D("9")).professionnels == D(
        "3.71"
    )


def test_the_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv(reglages.VARIABLE_INTERET_LEGAL_PROFESSIONNELS, "2,90 %")
    monkeypatch.setenv(reglages.VARIABLE_INTERET_LEGAL_PARTICULIERS, "6,5")
    t = reglages.interet_legal(APRES_LA_TABLE)
    assert (t.professionnels, t.particuliers) == (D("2.90"), D("6.5"))
    monkeypatch.setenv(reglages.VARIABLE_INTERET_LEGAL_PROFESSIONNELS, "deux")
    monkeypatch.delenv(reglages.VARIABLE_INTERET_LEGAL_PARTICULIERS)
    t = reglages.interet_legal(APRES_LA_TABLE)
    assert t.professionnels == D("2.62")
    assert "à vérifier sur Légifrance" in t.avertissement and "illisible" in t.avertissement


def test_the_invoice_screen_says_the_rate_is_to_be_checked(monkeypatch):
    from widgets.ui.facture import ConstructeurFacture

    monkeypatch.delenv(reglages.VARIABLE_INTERET_LEGAL_PROFESSIONNELS, raising=False)
    monkeypatch.delenv(reglages.VARIABLE_INTERET_LEGAL_PARTICULIERS, raising=False)
    monkeypatch.setattr(
        reglages, "date", type("J", (), {"today": staticmethod(lambda: APRES_LA_TABLE)})
    )
    facture = ConstructeurFacture()
    assert "à vérifier sur Légifrance" in facture.taux_penalites.texte.placeholder
    facture.taux_penalites.value = "5"
    assert "à vérifier sur Légifrance" in facture.avertissement_penalites.value


def test_the_dashboards_server_hands_the_setting_to_every_kernel():
    from widgets.tableaux_de_bord.configuration import ConfigTableauxDeBord

    config = ConfigTableauxDeBord(taux_interet_legal_professionnels=" 2,90 ").vers_config_voila()
    pools = config.VoilaKernelManager.kernel_pools_config
    assert pools["default"]["kernel_env_variables"] == {
        reglages.VARIABLE_INTERET_LEGAL_PROFESSIONNELS: "2,90"
    }
    assert all(
        p["kernel_env_variables"].get(reglages.VARIABLE_INTERET_LEGAL_PROFESSIONNELS) == "2,90"
        for nom, p in pools.items()
        if nom != "default"
    )
