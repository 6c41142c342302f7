"""The twelve provinces of the Netherlands shaded by a report count, as one inline SVG element.

Counts arrive after disclosure control: None is a suppressed cell, drawn hatched and titled "fewer
than 5" with no number anywhere in its path, so the map never shows more than the table beside it.
Same projection as the world map (knowledge/mapping/svg.py), so a test can check where each province
lands; boundaries ship in this package (provinces.json), nothing is fetched at run time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

from django.utils.translation import gettext, ngettext

from meldpunt.knowledge.mapping.svg import SHADES, BoundingBox, Projection
from meldpunt.vocab import concept

WIDTH = 420.0
NETHERLANDS = BoundingBox(west=3.25, south=50.7, east=7.3, north=53.62)
_SUPPRESSED_FILL = "url(#province-hatch)"


@dataclass(frozen=True)
class Province:
    id: str  # a provinces.yaml id
    rings: tuple[tuple[float, ...], ...]  # each ring flat: lon, lat, lon, lat, …


@cache
def provinces() -> tuple[Province, ...]:
    raw = json.loads(resources.files(__package__).joinpath("provinces.json").read_text(encoding="utf-8"))
    return tuple(Province(id=p["id"], rings=tuple(tuple(ring) for ring in p["rings"])) for p in raw["provinces"])


def _path(province: Province, projection: Projection) -> str:
    parts = []
    for ring in province.rings:
        points = (projection.point(longitude=ring[i], latitude=ring[i + 1]) for i in range(0, len(ring), 2))
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(parts)


def _shade(count: int, highest: int) -> str:
    """Lightest for none, then one of five steps by share of the highest count."""
    if count <= 0:
        return SHADES[0]
    return SHADES[min(max(-(-count * (len(SHADES) - 1) // max(highest, 1)), 1), len(SHADES) - 1)]


def province_map_svg(counts: Mapping[str, int | None], *, title: str) -> str:
    """The map as an `<svg role="img">` named by `title`; `counts` by provinces.yaml id, None suppressed.

    A province missing from `counts` counts zero; `abroad` and other keys without an outline are not drawn.
    """
    projection = Projection(box=NETHERLANDS, width=WIDTH)
    labels = {term.id: gettext(term.label) for term in concept("provinces").terms}
    highest = max((count for count in counts.values() if count is not None), default=0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map province-map" role="img" '
        f'aria-labelledby="province-map-title" viewBox="0 0 {projection.width:g} {projection.height:g}" '
        'preserveAspectRatio="xMidYMid meet">',
        f'<title id="province-map-title">{escape(title)}</title>',
        '<defs><pattern id="province-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eef1f4"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#8a96a0" stroke-width="2"/></pattern></defs>',
        '<g class="provinces" stroke="#5f6b75" stroke-width="0.8" stroke-linejoin="round">',
    ]
    for province in provinces():
        count = counts.get(province.id, 0)
        label = labels[province.id]
        if count is None:
            text = gettext("%(province)s: not shown, to protect a small count") % {"province": label}
            attributes = f'data-suppressed="true" fill="{_SUPPRESSED_FILL}"'
        else:
            text = ngettext("%(province)s: %(count)d report", "%(province)s: %(count)d reports", count) % {
                "province": label,
                "count": count,
            }
            attributes = f'data-count="{count}" fill="{_shade(count, highest)}"'
        out.append(
            f'<path data-province="{escape(province.id)}" {attributes} d="{_path(province, projection)}">'
            f"<title>{escape(text)}</title></path>"
        )
    out.append("</g></svg>")
    return "".join(out)
