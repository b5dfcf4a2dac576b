"""Text tables of the portfolio analyses for the notebooks (``print`` them): the ABC classes
and cumulated rows, the statistics per segment. French headers, figures formatted by
:mod:`widgets.calculs.format`. (They lived in ``widgets.donnees.portefeuille``: display
belongs to this layer, the data layer returns figures.)"""

from __future__ import annotations

from widgets.calculs.pareto import AnalyseABC

__all__ = ["texte_classes", "texte_statistiques", "texte_tableau_abc"]


def texte_classes(r: AnalyseABC, quoi: str = "clients") -> str:
    """Text table of the ABC classes (count, % of items, CA, % of CA)."""
    from widgets.calculs import format_euros, format_nombre, format_pourcent

    lignes = [f"{'Classe':<7}{'Nombre':>9}{'% ' + quoi:>12}{'CA HT':>22}{'% du CA':>10}"]
    for c in r.classes:
        lignes.append(
            f"{c.classe:<7}{format_nombre(c.effectif):>9}{format_pourcent(c.part_effectif):>12}"
            f"{format_euros(c.ca):>22}{format_pourcent(c.part_ca):>10}"
        )
    lignes.append(f"{'Total':<7}{format_nombre(r.effectif):>9}{'':>12}{format_euros(r.total):>22}")
    return "\n".join(lignes)


def texte_tableau_abc(r: AnalyseABC, lignes: int | None = None) -> str:
    """Text table of the sorted, cumulated rows (all, or the first ``lignes``)."""
    from widgets.calculs import format_euros, format_pourcent

    sortie = [
        f"{'Rang':<5}{'Nom':<24}{'CA HT':>14}{'Part':>9}{'CA cumulé':>15}{'% cumulé':>10} Classe"
    ]
    for x in r.lignes[:lignes]:
        sortie.append(
            f"{x.rang:<5}{x.libelle[:23]:<24}{format_euros(x.ca):>14}{format_pourcent(x.part):>9}"
            f"{format_euros(x.ca_cumule):>15}{format_pourcent(x.part_cumulee):>10} {x.classe}"
        )
    return "\n".join(sortie)


def texte_statistiques(resumes: dict) -> str:
    """Text table: per group, count, mean, median, Q1, Q3, σ, CV."""
    from widgets.calculs import format_euros, format_nombre, format_pourcent

    sortie = [
        f"{'Segment':<22}{'Effectif':>9}{'Moyenne':>14}{'Médiane':>14}{'Q1':>14}{'Q3':>14}"
        f"{'Écart type':>14}{'CV':>10}"
    ]
    for nom, x in resumes.items():
        cv = "—" if x.coefficient_variation is None else format_pourcent(x.coefficient_variation)
        sortie.append(
            f"{nom[:21]:<22}{format_nombre(x.effectif):>9}{format_euros(x.moyenne):>14}"
            f"{format_euros(x.mediane):>14}{format_euros(x.q1):>14}{format_euros(x.q3):>14}"
            f"{format_euros(x.ecart_type):>14}{cv:>10}"
        )
    return "\n".join(sortie)
