"""An equirectangular map of countries shaded by a count, with a dot per point, as one SVG element.

The projection is linear (longitudes shortened by the cosine of the middle latitude so the view is
not stretched), so a test can check that each dot sits exactly where its coordinates project.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from meldpunt.knowledge.mapping.boundaries import countries

WIDTH = 800.0
SHADES = ("#eef1f4", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
"""Lightest for no count, then darker per step; white-on-dark is never needed, dots are outlined."""


@dataclass(frozen=True)
class BoundingBox:
    west: float
    south: float
    east: float
    north: float

    def overlaps(self, other: BoundingBox) -> bool:
        return not (
            other.east < self.west or other.west > self.east or other.north < self.south or other.south > self.north
        )


WORLD = BoundingBox(west=-180, south=-60, east=180, north=84)


@dataclass(frozen=True)
class Dot:
    latitude: float
    longitude: float
    title: str


@dataclass(frozen=True)
class Projection:
    box: BoundingBox
    width: float = WIDTH

    @property
    def x_scale(self) -> float:
        return self.width / (self.box.east - self.box.west)

    @property
    def y_scale(self) -> float:
        middle = math.radians((self.box.north + self.box.south) / 2)
        return self.x_scale / max(math.cos(middle), 0.2)

    @property
    def height(self) -> float:
        return round((self.box.north - self.box.south) * self.y_scale, 2)

    def point(self, *, longitude: float, latitude: float) -> tuple[float, float]:
        """SVG user units of a coordinate, rounded to hundredths."""
        return (
            round((longitude - self.box.west) * self.x_scale, 2),
            round((self.box.north - latitude) * self.y_scale, 2),
        )


def bounding_box_around(
    points: Iterable[tuple[float, float]], *, margin: float = 0.3, minimum_span: float = 6.0, aspect: float = 4 / 3
) -> BoundingBox:
    """The (latitude, longitude) points' box with a margin, at least `minimum_span` degrees high and
    widened to the width : height `aspect` on screen; the world when there are no points."""
    given = list(points)
    if not given:
        return WORLD
    latitudes, longitudes = [p[0] for p in given], [p[1] for p in given]
    middle_lat, middle_lon = (min(latitudes) + max(latitudes)) / 2, (min(longitudes) + max(longitudes)) / 2
    shrink = max(math.cos(math.radians(middle_lat)), 0.2)
    lat_span = max(max(latitudes) - min(latitudes), minimum_span) * (1 + 2 * margin)
    lon_span = (max(longitudes) - min(longitudes)) * (1 + 2 * margin)
    lat_span = max(lat_span, lon_span * shrink / aspect)
    lon_span = min(lat_span * aspect / shrink, 360)
    lat_span = min(lon_span * shrink / aspect, 170)

    def placed(middle: float, span: float, limit: float) -> float:
        """The low edge of a span around `middle`, moved to stay within ±limit."""
        return min(max(middle - span / 2, -limit), limit - span)

    west, south = placed(middle_lon, lon_span, 180), placed(middle_lat, lat_span, 85)
    return BoundingBox(west=west, south=south, east=west + lon_span, north=south + lat_span)


def _shade(count: int, highest: int) -> str:
    if count <= 0:
        return SHADES[0]
    step = math.ceil(count / max(highest, 1) * (len(SHADES) - 1))
    return SHADES[min(max(step, 1), len(SHADES) - 1)]


def _ring_box(ring: tuple[float, ...]) -> BoundingBox:
    return BoundingBox(west=min(ring[0::2]), south=min(ring[1::2]), east=max(ring[0::2]), north=max(ring[1::2]))


def _path(rings: Iterable[tuple[float, ...]], projection: Projection) -> str:
    parts = []
    for ring in rings:
        path, previous = "", None
        for i in range(0, len(ring), 2):
            x, y = projection.point(longitude=ring[i], latitude=ring[i + 1])
            # A ring that crosses the antimeridian (Russia, Fiji) restarts on the other side, not across the map.
            jump = previous is None or abs(ring[i] - previous) > 180
            path += f"{'M' if jump else 'L'}{x:g},{y:g}"
            previous = ring[i]
        parts.append(path + "Z")
    return "".join(parts)


def map_svg(
    *,
    label: str,
    box: BoundingBox,
    counts: Mapping[str, int],
    dots: Iterable[Dot],
    country_title: Mapping[str, str],
    width: float = WIDTH,
) -> str:
    """The map as an `<svg role="img">` element; `label` is its accessible name.

    `counts` shades each country by ISO code; `country_title` gives the tooltip text per ISO code (a
    translated name and its count), so this module stays free of gettext.
    """
    projection = Projection(box=box, width=width)
    highest = max(counts.values(), default=0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" aria-labelledby="map-title" '
        f'viewBox="0 0 {projection.width:g} {projection.height:g}" preserveAspectRatio="xMidYMid meet">',
        f'<title id="map-title">{escape(label)}</title>',
        f'<rect width="{projection.width:g}" height="{projection.height:g}" fill="#fbfdff"/>',
        '<g class="countries" stroke="#7a8791" stroke-width="0.6" stroke-linejoin="round">',
    ]
    for country in countries():
        visible = [ring for ring in country.rings if _ring_box(ring).overlaps(box)]
        if not visible:
            continue
        count = counts.get(country.iso, 0)
        title = country_title.get(country.iso, country.name)
        out.append(
            f'<path data-iso="{escape(country.iso)}" fill="{_shade(count, highest)}" d="{_path(visible, projection)}">'
            f"<title>{escape(title)}</title></path>"
        )
    out.append('</g><g class="dots" fill="#b2182b" stroke="#ffffff" stroke-width="1.5">')
    for dot in dots:
        x, y = projection.point(longitude=dot.longitude, latitude=dot.latitude)
        # No links inside: an image's parts are not reachable by keyboard; the table beside it links.
        out.append(f'<circle class="dot" cx="{x:g}" cy="{y:g}" r="6"><title>{escape(dot.title)}</title></circle>')
    out.append("</g></svg>")
    return "".join(out)
