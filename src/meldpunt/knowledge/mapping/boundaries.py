"""Country outlines from Natural Earth 1:110m (public domain), read once per process from package data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Country:
    iso: str  # ISO 3166-1 alpha-2, "" for the few areas without one (Kosovo, N. Cyprus, Somaliland)
    name: str
    rings: tuple[tuple[float, ...], ...]  # each ring flat: lon, lat, lon, lat, …


@cache
def countries() -> tuple[Country, ...]:
    raw = json.loads(resources.files(__package__).joinpath("countries.json").read_text(encoding="utf-8"))
    return tuple(
        Country(iso=c["iso"], name=c["name"], rings=tuple(tuple(ring) for ring in c["rings"])) for c in raw["countries"]
    )
