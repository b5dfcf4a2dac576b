"""A huge SQL result stays small in the kernel and in the browser (issue 26, item 8).

A result of ~32 MB of text used to grow the kernel by ~188 MB and send 64 MB to the browser
(both exports embedded in every result). The worker now sends at most 4 MB, the French notice
says where the result was cut, the table shows 500 characters of a cell, and the CSV/Excel
files are built only when the student clicks « Export CSV » / « Export Excel ».
"""

from __future__ import annotations

from widgets.ui.requeteur import Requeteur

GEANT = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 1000) "
    "SELECT i, printf('%.*c', 32768, 'x') AS texte FROM n"
)  # 1 000 rows of 32 kB: 32 MB


def _envoye(r: Requeteur) -> int:
    """Characters of the result widgets' state (what the page receives)."""
    return sum(
        len(z.value) for z in (r.zone_resultat, r.zone_export, r.zone_statut, r.zone_avertissements)
    )


def test_a_32_megabyte_result_is_cut_at_4_megabytes_with_a_french_notice(base_demo):
    r = Requeteur(base_demo)
    r.sql = GEANT
    resultat = r.executer()
    # 4 MiB / (32 768 + 16 bytes counted per row, +16 for the integer) = 127 rows
    assert resultat.rowcount == 127 and resultat.truncated
    assert resultat.avertissements[0].startswith("Résultat tronqué à 127 lignes")
    assert r.zone_export.value == ""  # no file built before the student asks
    assert _envoye(r) < 100_000
    assert "… (32\u202f768 caractères)" in r.zone_resultat.value


def test_the_export_is_built_only_on_click_and_holds_the_whole_cells(base_demo):
    r = Requeteur(base_demo)
    r.sql = GEANT
    r.executer()
    r.bouton_csv.click()
    assert 'download="resultat.csv"' in r.zone_export.value
    assert 5_000_000 < len(r.zone_export.value) < 6_000_000  # base64 of 127 × 32 kB
    assert len(r.exporter_csv()) == 3 + len("i;texte\r\n") + sum(
        len(f"{i};") + 32768 + 2 for i in range(1, 128)
    )
