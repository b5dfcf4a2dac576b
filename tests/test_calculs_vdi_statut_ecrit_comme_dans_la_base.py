"""``revenu_vdi`` takes the status as the base writes it (``vdi.statut``:
« acheteur-revendeur », « mandataire ») as well as the module's constants."""

from __future__ import annotations

from decimal import Decimal

import pytest

from widgets.calculs import SaisieInvalide
from widgets.calculs.vdi import ACHETEUR_REVENDEUR, MANDATAIRE, revenu_vdi


@pytest.mark.parametrize(
    "statut", ["acheteur-revendeur", "Acheteur-revendeur ", "acheteur_revendeur"]
)
def test_the_reseller_status_of_the_base_is_understood(statut: str) -> None:
    # ventes 2 000 €, achats 1 450 € → marge de revente 550 € (27,5 % des ventes)
    r = revenu_vdi(statut, 2000, achats=1450)
    assert (r.statut, r.revenu, r.taux_sur_ventes) == (
        ACHETEUR_REVENDEUR,
        Decimal("550"),
        Decimal("27.5"),
    )


def test_the_agent_status_and_a_wrong_one() -> None:
    # 2 000 € HT à 22 % → 440 €
    assert revenu_vdi(" Mandataire", 2000, taux_commission=22).revenu == Decimal("440")
    assert revenu_vdi(MANDATAIRE, 2000, taux_commission=22).statut == MANDATAIRE
    with pytest.raises(SaisieInvalide) as e:
        revenu_vdi("salarié", 2000)
    assert e.value.champ == "Statut"
    assert "« salarié » : le statut est « mandataire » ou « acheteur-revendeur »" in str(e.value)
