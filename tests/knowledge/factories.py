"""Knowledge records made through the real services, for tests of every knowledge surface."""

from __future__ import annotations

from typing import Any

from meldpunt.knowledge.models import Actor, Citation, Place, Source
from meldpunt.knowledge.services import citation_create, passage_create, record_create, source_create

TEXT = (
    "The municipality said on Tuesday that the office in the city centre had closed. "
    "A spokesperson for the embassy denied that any police station operated there."
)


def text_source(text: str = TEXT, **fields: Any) -> Source:
    defaults: dict[str, Any] = {
        "kind": "news",
        "publisher": "Example Courier",
        "title": "Office closes",
        "url": "https://news.example/office",
        "date": "2022-11",
        "language": "en",
    }
    return source_create(text=text, **{**defaults, **fields})


def passage_citation(source: Source, quote: str) -> Citation:
    """A citation of the first occurrence of `quote` in the source."""
    start = source.text.index(quote)
    return citation_create(source=source, passage=passage_create(source=source, start=start, end=start + len(quote)))


def reference_citation(locator: str = "p. 1", **fields: Any) -> Citation:
    defaults: dict[str, Any] = {"kind": "ngo_report", "publisher": "Example Watch", "title": "Stations abroad"}
    return citation_create(source=source_create(**{**defaults, **fields}), locator=locator)


def place(name: str = "Rotterdam", **values: Any) -> Place:
    defaults: dict[str, Any] = {"name": name, "country": "NL", "latitude": 51.9225, "longitude": 4.47917}
    record = record_create(
        record_type="place", values={**defaults, **values}, citations=[reference_citation()], acting_user=None
    )
    assert isinstance(record, Place)
    return record


def station(name: str = "Service station Rotterdam", **values: Any) -> Actor:
    defaults: dict[str, Any] = {"kind": "police_service_station", "name": name, "country": "NL", "status": "closed"}
    record = record_create(
        record_type="actor", values={**defaults, **values}, citations=[reference_citation()], acting_user=None
    )
    assert isinstance(record, Actor)
    return record
