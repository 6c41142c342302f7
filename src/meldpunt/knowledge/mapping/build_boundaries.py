"""Turn world-atlas's TopoJSON (Natural Earth 1:110m) into the compact `countries.json` this package ships.

Run once at development time, never by the server (no network at run time):
    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m meldpunt.knowledge.mapping.build_boundaries /tmp/package/countries-110m.json
Each country becomes {"iso": alpha-2 or "", "name": English name, "rings": [[lon, lat, lon, lat, …], …]},
coordinates rounded to two decimals (about a kilometre, far finer than 1:110m).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pycountry

OUTPUT = Path(__file__).with_name("countries.json")


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Undo the quantisation and delta encoding of every arc."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[float]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their joining point
    flat: list[float] = []
    for lon, lat in points:
        pair = [round(lon, 2), round(lat, 2)]
        if flat[-2:] != pair:
            flat.extend(pair)
    return flat


def _iso(numeric: str | None) -> str:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else ""


def convert(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = _arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry["type"], []
        )
        rings = [ring for polygon in polygons for ring in (_ring(r, arcs) for r in polygon) if len(ring) >= 6]
        if rings:
            countries.append({"iso": _iso(geometry.get("id")), "name": geometry["properties"]["name"], "rings": rings})
    return {
        "source": "Natural Earth 1:110m Admin 0 countries via world-atlas 2.0.2 (countries-110m.json)",
        "countries": sorted(countries, key=lambda c: (c["iso"] or "~", c["name"])),
    }


def main(path: str) -> None:
    data = convert(json.loads(Path(path).read_text(encoding="utf-8")))
    OUTPUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
