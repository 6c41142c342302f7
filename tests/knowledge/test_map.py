"""The station map: boundaries shipped as package data, and dots exactly where their coordinates project."""

from __future__ import annotations

import json
from importlib import resources
from itertools import pairwise

import pytest
from defusedxml import ElementTree

from meldpunt.knowledge.mapping import BoundingBox, Dot, Projection, bounding_box_around, countries, map_svg

SVG = "{http://www.w3.org/2000/svg}"
AMSTERDAM, ROTTERDAM = (52.37, 4.89), (51.92, 4.48)


def test_the_boundaries_ship_as_package_data_with_their_notice() -> None:
    folder = resources.files("meldpunt.knowledge.mapping")
    data = folder.joinpath("countries.json").read_bytes()
    assert len(data) < 300_000
    assert "Natural Earth" in json.loads(data)["source"]
    assert "public domain" in folder.joinpath("NOTICE.md").read_text(encoding="utf-8")
    netherlands = next(c for c in countries() if c.iso == "NL")
    lons, lats = netherlands.rings[0][0::2], netherlands.rings[0][1::2]
    assert min(lons) < AMSTERDAM[1] < max(lons)
    assert min(lats) < AMSTERDAM[0] < max(lats)
    assert len({c.iso for c in countries() if c.iso}) > 170


def test_the_box_holds_its_points_with_a_margin_and_an_even_aspect() -> None:
    box = bounding_box_around([AMSTERDAM, ROTTERDAM])
    assert box.west < 4.48 < 4.89 < box.east
    assert box.south < 51.92 < 52.37 < box.north
    projection = Projection(box=box)
    assert projection.width / projection.height == pytest.approx(4 / 3, rel=0.01)
    assert bounding_box_around([]) == BoundingBox(west=-180, south=-60, east=180, north=84)


@pytest.mark.parametrize(
    "box", [bounding_box_around([AMSTERDAM, ROTTERDAM]), BoundingBox(west=-180, south=-60, east=180, north=84)]
)
def test_dots_sit_where_their_coordinates_project(box: BoundingBox) -> None:
    svg = map_svg(
        label="Stations <map>",
        box=box,
        counts={"NL": 2},
        dots=[
            Dot(latitude=lat, longitude=lon, title=name)
            for name, (lat, lon) in {"A": AMSTERDAM, "R": ROTTERDAM}.items()
        ],
        country_title={"NL": "Netherlands: 2 stations"},
    )
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == "Stations <map>"
    assert root.get("aria-labelledby") == title.get("id")
    projection = Projection(box=box)
    circles = {c.find(f"{SVG}title").text: c for c in root.iter(f"{SVG}circle")}  # type: ignore[union-attr]
    for name, (lat, lon) in {"A": AMSTERDAM, "R": ROTTERDAM}.items():
        x, y = projection.point(longitude=lon, latitude=lat)
        assert (float(circles[name].get("cx")), float(circles[name].get("cy"))) == (x, y)  # type: ignore[arg-type]
        assert 0 <= x <= projection.width
        assert 0 <= y <= projection.height
    # Amsterdam lies north-east of Rotterdam: right of it and above it on screen.
    assert float(circles["A"].get("cx")) > float(circles["R"].get("cx"))  # type: ignore[arg-type]
    assert float(circles["A"].get("cy")) < float(circles["R"].get("cy"))  # type: ignore[arg-type]
    netherlands = root.find(f".//{SVG}path[@data-iso='NL']")
    assert netherlands is not None
    assert netherlands.get("fill") != "#eef1f4"  # shaded: it has stations
    assert netherlands.find(f"{SVG}title").text == "Netherlands: 2 stations"  # type: ignore[union-attr]


def test_a_zoomed_map_leaves_out_far_countries() -> None:
    svg = map_svg(label="x", box=bounding_box_around([AMSTERDAM]), counts={}, dots=[], country_title={})
    assert 'data-iso="NL"' in svg
    assert 'data-iso="AU"' not in svg
    assert len(svg) < 60_000


def test_far_apart_points_get_a_box_inside_the_world() -> None:
    box = bounding_box_around([AMSTERDAM, (40.7, -74.0), (31.2, 121.4), (-33.9, 18.4)])
    assert -180 <= box.west < -74.0
    assert 121.4 < box.east <= 180
    assert -85 <= box.south < -33.9
    assert 52.37 < box.north <= 85


def test_rings_across_the_antimeridian_are_not_drawn_across_the_map() -> None:
    world = BoundingBox(west=-180, south=-60, east=180, north=84)
    svg = map_svg(label="x", box=world, counts={}, dots=[], country_title={})
    russia = ElementTree.fromstring(svg).find(f".//{SVG}path[@data-iso='RU']")
    assert russia is not None
    width = Projection(box=world).width
    for subpath in russia.get("d", "").split("M")[1:]:
        xs = [float(point.split(",")[0]) for point in subpath.rstrip("Z").split("L")]
        assert all(abs(b - a) < width / 2 for a, b in pairwise(xs))
