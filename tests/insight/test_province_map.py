from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from django.utils import translation

from meldpunt.insight.mapping.svg import NETHERLANDS, WIDTH, province_map_svg, provinces
from meldpunt.knowledge.mapping.svg import SHADES, Projection
from meldpunt.vocab import concept

NS = {"svg": "http://www.w3.org/2000/svg"}
PROVINCES = [term for term in concept("provinces").ids() if term != "abroad"]


def _points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", d)]


def _centroid(d: str) -> tuple[float, float]:
    points = _points(d)
    return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _drawn(counts: dict[str, int | None]) -> tuple[ET.Element, dict[str, ET.Element]]:
    root = ET.fromstring(province_map_svg(counts, title="Reports by province"))  # noqa: S314  # our own output
    return root, {path.get("data-province", ""): path for path in root.iterfind(".//svg:path", NS)}


def test_twelve_provinces_in_an_image_named_by_its_title() -> None:
    root, paths = _drawn({"utrecht": 12, "abroad": 40})
    assert sorted(paths) == sorted(PROVINCES)
    assert root.get("role") == "img"
    title = root.find("svg:title", NS)
    assert title is not None
    assert title.text == "Reports by province"
    assert root.get("aria-labelledby") == title.get("id")


def test_each_province_lies_where_its_own_coordinates_project() -> None:
    _root, paths = _drawn({})
    projection = Projection(box=NETHERLANDS, width=WIDTH)
    for province in provinces():
        ring = province.rings[0]
        assert _points(paths[province.id].get("d", ""))[0] == projection.point(longitude=ring[0], latitude=ring[1])
        lons = [lon for r in province.rings for lon in r[0::2]]
        lats = [lat for r in province.rings for lat in r[1::2]]
        west, north = projection.point(longitude=min(lons), latitude=max(lats))
        east, south = projection.point(longitude=max(lons), latitude=min(lats))
        x, y = _centroid(paths[province.id].get("d", ""))
        assert west <= x <= east
        assert north <= y <= south
    centre = {name: _centroid(path.get("d", "")) for name, path in paths.items()}
    assert centre["utrecht"][0] > centre["zuid_holland"][0]  # Utrecht lies east of South Holland
    assert centre["groningen"][1] < centre["limburg"][1]  # Groningen north of Limburg (y grows down)
    assert min(centre, key=lambda name: centre[name][0]) == "zeeland"  # the westernmost
    assert min(centre, key=lambda name: centre[name][1]) in {"groningen", "friesland"}


def test_titles_hold_label_and_count_and_suppressed_ones_no_number() -> None:
    _root, paths = _drawn({"utrecht": None, "zuid_holland": 12, "noord_holland": 1})
    suppressed = paths["utrecht"]
    assert suppressed.findtext("svg:title", namespaces=NS) == "Utrecht: not shown, to protect a small count"
    assert suppressed.get("data-suppressed") == "true"
    assert suppressed.get("data-count") is None
    assert suppressed.get("fill") == "url(#province-hatch)"
    assert paths["zuid_holland"].findtext("svg:title", namespaces=NS) == "South Holland: 12 reports"
    assert paths["noord_holland"].findtext("svg:title", namespaces=NS) == "North Holland: 1 report"
    assert paths["zeeland"].findtext("svg:title", namespaces=NS) == "Zeeland: 0 reports"
    assert paths["zuid_holland"].get("fill") == SHADES[-1]  # the highest count is the darkest
    assert paths["zeeland"].get("fill") == SHADES[0]
