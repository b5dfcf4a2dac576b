"""Server-side reaction time of the calculator widgets (target: under 20 ms per change).

For each widget, a change arrives as the front end sends it: a comm ``update`` message handled
by the field's ``_handle_msg`` (so ipywidgets' ``set_state``, the observers, the recalculation,
the French formatting and the HTML of the result all run), and every outgoing state update is
serialised to JSON as the kernel would send it. We time from the message to the moment the
result is updated, many times, and compare with the bare calculation of ``widgets.calculs``
(same figures, already parsed) measured in the same run: the ratio is what the UI layer adds.

    .venv/bin/python benchmarks/widgets.py                  # 300 changes per widget
    .venv/bin/python benchmarks/widgets.py --repetitions 1000

Not measured here: the network and the browser (see ``benchmarks/classroom.py`` for a whole
class over websockets).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

import comm  # noqa: E402
from comm.base_comm import BaseComm  # noqa: E402


class CommJson(BaseComm):
    """A comm that serialises every outgoing message to JSON (the kernel's share of the work)."""

    octets = 0
    messages = 0

    def publish_msg(self, msg_type: str, data=None, metadata=None, buffers=None, **keys) -> None:
        texte = json.dumps({"msg_type": msg_type, "data": data, "metadata": metadata or {}})
        CommJson.octets += len(texte.encode("utf-8"))
        CommJson.messages += 1


comm.create_comm = CommJson  # before any widget is created

from widgets.calculs import (  # noqa: E402
    Concessions,
    marge_de_manoeuvre,
    net_a_payer,
    resoudre_marges,
    seuil_revente_a_perte,
)
from widgets.calculs.finance import (  # noqa: E402
    amortissement,
    comparer_financements,
    evaluer_action,
    seuil_de_rentabilite,
    tableau_emprunt,
)
from widgets.ui.facture import ConstructeurFacture  # noqa: E402
from widgets.ui.finance import ComparateurFinancements, SimulateurEmprunt  # noqa: E402
from widgets.ui.marges import PanneauDistribution, SolveurMarges  # noqa: E402
from widgets.ui.negociation import SimulateurNegociation  # noqa: E402
from widgets.ui.rentabilite import (  # noqa: E402
    CalculatriceSeuil,
    CalculatriceVAN,
    PlanAmortissementWidget,
)


def envoyer(widget: Any, valeur: Any) -> None:
    """What the kernel does when the browser sends a new value for ``widget``."""
    widget._handle_msg(
        {
            "content": {"data": {"method": "update", "state": {"value": valeur}}},
            "buffers": [],
        }
    )


def _uniques(mini: int, maxi: int) -> list[str]:
    """Distinct French-typed values (so no figure is ever formatted twice from a cache)."""
    return [f"{mini + k / 100:.2f}".replace(".", ",") for k in range((maxi - mini) * 100)]


def _decimal(texte: str) -> Decimal:
    return Decimal(texte.replace(",", "."))


def mesurer(action: Callable[[int], None], repetitions: int) -> list[float]:
    for i in range(20):  # warm-up
        action(i)
    durees = []
    for i in range(repetitions):
        debut = time.perf_counter_ns()
        action(i)
        durees.append((time.perf_counter_ns() - debut) / 1e6)
    return durees


def p95(valeurs: list[float]) -> float:
    return statistics.quantiles(valeurs, n=20)[-1]


def scenario_facture():
    f = ConstructeurFacture(base=RACINE / "absente.db", lignes=0)
    f.ajouter_ligne(designation="Peignoir", quantite="4", prix_unitaire_ht="39,50")
    f.ajouter_ligne(designation="Drap housse", quantite="10", prix_unitaire_ht="14,90")
    f.ajouter_ligne(designation="Livre", quantite="2", prix_unitaire_ht="20", taux_tva="5,5")
    f.remise_1.value, f.remise_2.value, f.port.value, f.acompte.value = "10", "5", "12", "100"
    valeurs = _uniques(1, 9)
    lignes = [
        {"quantite": 4, "prix_unitaire_ht": Decimal("39.50")},
        {"quantite": 10, "prix_unitaire_ht": Decimal("14.90")},
        {"quantite": 2, "prix_unitaire_ht": Decimal(20), "taux_tva": Decimal("5.5")},
    ]

    def ui(i: int) -> None:
        envoyer(f.escompte.texte, valeurs[i % len(valeurs)])
        assert f.resultat.escompte is not None and f.erreur == ""

    def nu(i: int) -> None:
        net_a_payer(lignes, [10, 5], _decimal(valeurs[i % len(valeurs)]), 12, 100)

    return "Facture (3 lignes, document HTML)", "escompte tapé", ui, nu


def scenario_marges():
    s = SolveurMarges()
    valeurs = _uniques(10, 40)

    def ui(i: int) -> None:
        envoyer(s.taux_de_marque.texte, valeurs[i % len(valeurs)])
        assert s.resultat.taux_de_marque == _decimal(valeurs[i % len(valeurs)])

    def nu(i: int) -> None:
        resoudre_marges(
            cout_achat_ht=Decimal(80), taux_de_marque=_decimal(valeurs[i % len(valeurs)])
        )

    return "Calculatrice de marges", "taux de marque tapé", ui, nu


def scenario_distribution():
    p = PanneauDistribution()
    valeurs = _uniques(9, 14)

    def ui(i: int) -> None:
        envoyer(p.prix_revente.texte, valeurs[i % len(valeurs)])
        assert p.erreur == ""

    def nu(i: int) -> None:
        seuil_revente_a_perte(
            Decimal(9), 0, Decimal("0.20"), marge_arriere=Decimal("1.35")
        ).est_revente_a_perte(_decimal(valeurs[i % len(valeurs)]))

    return "Distributeur / SRP", "prix de revente tapé", ui, nu


def scenario_negociation():
    s = SimulateurNegociation()

    def ui(i: int) -> None:
        envoyer(s.remise, round((i % 4000) / 100, 2))
        assert s.resultat.remise_supplementaire_maxi >= 0

    def nu(i: int) -> None:
        marge_de_manoeuvre(
            Decimal(1000),
            Decimal(700),
            taux_marge_minimum=Decimal(20),
            concessions=Concessions(remise=f"{(i % 4000) / 100:.2f}", taux_financement=6),
        )

    return "Salle de négociation", "curseur de remise", ui, nu


def scenario_emprunt():
    s = SimulateurEmprunt(capital="20 000", duree="60")
    valeurs = _uniques(1, 9)

    def ui(i: int) -> None:
        envoyer(s.taux_annuel.texte, valeurs[i % len(valeurs)])
        assert s.erreur == "" and len(s.resultat.lignes) == 60

    def nu(i: int) -> None:
        tableau_emprunt(Decimal(20000), _decimal(valeurs[i % len(valeurs)]) / 12, 60)

    return "Tableau d'emprunt (60 mensualités)", "taux annuel tapé", ui, nu


def scenario_financements():
    c = ComparateurFinancements()
    valeurs = _uniques(2, 9)

    def ui(i: int) -> None:
        envoyer(c.taux_actualisation.texte, valeurs[i % len(valeurs)])
        assert c.erreur == ""

    def nu(i: int) -> None:
        comparer_financements(Decimal(30000), c.options(), _decimal(valeurs[i % len(valeurs)]))

    return "Comparaison des financements", "taux d'actualisation", ui, nu


def scenario_seuil():
    s = CalculatriceSeuil()
    valeurs = _uniques(100, 200)

    def ui(i: int) -> None:
        envoyer(s.charges_fixes.texte, valeurs[i % len(valeurs)] + " 000")
        assert s.erreur == ""

    def nu(i: int) -> None:
        seuil_de_rentabilite(
            _decimal(valeurs[i % len(valeurs)]) * 1000,
            chiffre_affaires=Decimal(500000),
            charges_variables=Decimal(300000),
        )

    return "Seuil de rentabilité", "charges fixes tapées", ui, nu


def scenario_amortissement():
    p = PlanAmortissementWidget()
    p.mode.value = "degressif"
    valeurs = _uniques(5000, 6000)

    def ui(i: int) -> None:
        envoyer(p.valeur.texte, valeurs[i % len(valeurs)])
        assert p.erreur == ""

    def nu(i: int) -> None:
        amortissement(
            _decimal(valeurs[i % len(valeurs)]), 5, "degressif", "15/04/2025", "31/12/2025"
        )

    return "Plan d'amortissement dégressif", "valeur tapée", ui, nu


def scenario_van():
    v = CalculatriceVAN()
    valeurs = _uniques(5, 15)

    def ui(i: int) -> None:
        envoyer(v.taux.texte, valeurs[i % len(valeurs)])
        assert v.erreur == ""

    def nu(i: int) -> None:
        evaluer_action(Decimal(10000), [Decimal(4000)] * 3, _decimal(valeurs[i % len(valeurs)]))

    return "VAN d'une action", "taux tapé", ui, nu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=300)
    args = parser.parse_args()
    print(f"{args.repetitions} changements par widget (Python {sys.version.split()[0]})\n")
    entete = (
        f"{'Widget':<34} {'changement':<22} {'médiane':>8} {'p95':>8} {'calcul nu':>10} "
        f"{'ratio':>6} {'msg/chgt':>8} {'Ko/chgt':>8}"
    )
    print(entete)
    print("-" * len(entete))
    pire = 0.0
    for scenario in (
        scenario_facture,
        scenario_marges,
        scenario_distribution,
        scenario_negociation,
        scenario_emprunt,
        scenario_financements,
        scenario_seuil,
        scenario_amortissement,
        scenario_van,
    ):
        nom, action, ui, nu = scenario()
        CommJson.octets = CommJson.messages = 0
        durees = mesurer(ui, args.repetitions)
        messages = CommJson.messages / (args.repetitions + 20)
        ko = CommJson.octets / (args.repetitions + 20) / 1024
        base = mesurer(nu, args.repetitions)
        med, med_nu = statistics.median(durees), statistics.median(base)
        pire = max(pire, p95(durees))
        print(
            f"{nom:<34} {action:<22} {med:>6.2f}ms {p95(durees):>6.2f}ms {med_nu:>8.3f}ms "
            f"{med / med_nu:>6.1f} {messages:>8.1f} {ko:>8.1f}"
        )
    verdict = "OK" if pire < 20 else "TROP LENT"
    print(f"\nPire p95 : {pire:.2f} ms (objectif : moins de 20 ms) — {verdict}")
    return 0 if pire < 20 else 1


if __name__ == "__main__":
    raise SystemExit(main())
