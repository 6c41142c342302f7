"""The knowledge base as plain rows, one list per record kind: what every export format is written from.

Only records that are not retired are read; a reference to a retired record (a merged operating
body, a retired place) is left out rather than pointing outside the export.

Every row has a `key` derived from the record's natural key (an actor's kind, name and country; a
place's GeoNames id; a source's text or bibliographic fields), not from its database number. So the
same knowledge exported from two databases, or exported, imported into an empty database and
exported again, has the same keys, and the round trip can be compared exactly. The price: changing
a field of the natural key gives the record a new key in the next export.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Max, Min

from meldpunt.knowledge.models import (
    RECORD_MODELS,
    Actor,
    ActorIdentifier,
    Citation,
    CitedRecord,
    Event,
    Partnership,
    Place,
    RecordVersion,
    Source,
    Statement,
)

PREFIX = "meldpunt"
Row = dict[str, Any]
KINDS = ("sources", "places", "actors", "identifiers", "partnerships", "events", "statements")
_CITED = ("citations",)
COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("key", "kind", "publisher", "title", "url", "date", "language", "text"),
    "places": (
        "key",
        "name",
        "name_nl",
        "name_en",
        "aliases",
        "country",
        "latitude",
        "longitude",
        "geonames_id",
        *_CITED,
    ),
    "actors": (
        *("key", "kind", "name", "country", "place", "operating_body", "opened", "closed", "status"),
        *("description", "aliases", *_CITED),
    ),
    "identifiers": ("key", "actor", "kind", "platform", "value", *_CITED),
    "partnerships": ("key", "kind", "party_a", "party_b", "start", "end", "status", "stated_reason", *_CITED),
    "events": ("key", "kind", "date", "place", "actors", "summary", *_CITED),
    "statements": ("key", "speaker", "speaker_name", "date", "stance", "quote", "subject", "subject_actor", *_CITED),
}


def natural_key(kind: str, *parts: object) -> str:
    """`meldpunt-<kind>-<20 hex digits>` from the parts: stable across databases."""
    digest = hashlib.sha1(json.dumps([kind, *parts], ensure_ascii=False).encode("utf-8"), usedforsecurity=False)
    return f"{PREFIX}-{kind}-{digest.hexdigest()[:20]}"


def key_kind(key: str) -> str:
    """The record kind a key names (`actor`, `place`, ...)."""
    return key.split("-")[1]


@dataclass
class Snapshot:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    # first and last change of each record, by key: STIX needs `created` and `modified`
    times: dict[str, tuple[datetime, datetime]] = field(default_factory=dict)


class _Keys:
    """Hands out keys; a second record with the same natural key gets `-2`, `-3` in database order."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def unique(self, key: str) -> str:
        candidate, number = key, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{key}-{number}"
        self.taken.add(candidate)
        return candidate


def _source_key(source: Source) -> str:
    if source.content_hash:
        return natural_key("source", source.content_hash)
    return natural_key("source", source.kind, source.publisher, source.title, source.url, source.date)


def _citation_row(citation: Citation, sources: dict[int, str]) -> Row:
    passage = citation.passage
    return {
        "source": sources[citation.source_id],
        "locator": citation.locator,
        "start": passage.start if passage else None,
        "end": passage.end if passage else None,
        "quote": passage.quote if passage else "",
    }


def _citations(record: CitedRecord, sources: dict[int, str]) -> list[Row]:
    """The first citation, then the others in a stable order."""
    rows = [_citation_row(c, sources) for c in record.citations()]
    return rows[:1] + sorted(rows[1:], key=lambda row: json.dumps(row, sort_keys=True))


def _times(snapshot: Snapshot, record_type: str, keys: dict[int, str]) -> None:
    spans = (
        RecordVersion.objects.filter(record_type=record_type, record_id__in=list(keys))
        .values("record_id")
        .annotate(first=Min("at"), last=Max("at"))
    )
    for span in spans:
        snapshot.times[keys[span["record_id"]]] = (span["first"], span["last"])


def _cited_source_ids() -> set[int]:
    """Sources that records which are not retired cite; the others (unused, or cited only by retired
    records) stay out of the export."""
    citation_ids: set[int] = set()
    for model in RECORD_MODELS.values():
        live = model._default_manager.filter(retired=False)
        citation_ids.update(live.values_list("citation_id", flat=True))
        citation_ids.update(live.values_list("more_citations", flat=True).exclude(more_citations=None))
    return set(Citation.objects.filter(pk__in=citation_ids).values_list("source_id", flat=True))


def knowledge_snapshot() -> Snapshot:
    """Every record that is not retired, with its citations, as plain rows keyed by natural keys."""
    snapshot, keys = Snapshot(), _Keys()
    cited_sources = Source.objects.filter(pk__in=_cited_source_ids()).order_by("pk")
    sources = {s.pk: keys.unique(_source_key(s)) for s in cited_sources}

    def cited(record: CitedRecord) -> list[Row]:
        return _citations(record, sources)

    def live(model: type[CitedRecord]) -> Any:
        return model._default_manager.filter(retired=False).select_related("citation__source", "citation__passage")

    places: dict[int, str] = {}
    for place in live(Place).order_by("pk"):
        place_identity = ("geonames", place.geonames_id) if place.geonames_id else (place.name, place.country)
        places[place.pk] = keys.unique(natural_key("place", *place_identity))
        snapshot.rows["places"].append(
            {
                "key": places[place.pk],
                "name": place.name,
                "name_nl": place.name_nl,
                "name_en": place.name_en,
                "aliases": list(place.aliases),
                "country": place.country,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "geonames_id": place.geonames_id,
                "citations": cited(place),
            }
        )

    actors: dict[int, str] = {}
    live_actors = list(live(Actor).order_by("pk").prefetch_related("aliases"))
    for actor in live_actors:
        actors[actor.pk] = keys.unique(natural_key("actor", actor.kind, actor.name, actor.country))
    for actor in live_actors:
        snapshot.rows["actors"].append(
            {
                "key": actors[actor.pk],
                "kind": actor.kind,
                "name": actor.name,
                "country": actor.country,
                "place": places.get(actor.place_id or 0, ""),
                "operating_body": actors.get(actor.operating_body_id or 0, ""),
                "opened": actor.opened,
                "closed": actor.closed,
                "status": actor.status,
                "description": actor.description,
                "aliases": [{"name": a.name, "language": a.language} for a in actor.aliases.all()],
                "citations": cited(actor),
            }
        )

    identifiers: dict[int, str] = {}
    for identifier in live(ActorIdentifier).filter(actor_id__in=list(actors)).order_by("pk"):
        actor_key = actors[identifier.actor_id]
        key = keys.unique(natural_key("identifier", actor_key, identifier.kind, identifier.canonical))
        identifiers[identifier.pk] = key
        snapshot.rows["identifiers"].append(
            {
                "key": key,
                "actor": actor_key,
                "kind": identifier.kind,
                "platform": identifier.platform,
                "value": identifier.value,
                "citations": cited(identifier),
            }
        )

    partnerships: dict[int, str] = {}
    for link in live(Partnership).order_by("pk"):
        side_a = places.get(link.place_a_id or 0) or actors.get(link.actor_a_id or 0)
        side_b = places.get(link.place_b_id or 0) or actors.get(link.actor_b_id or 0)
        if not side_a or not side_b:
            continue  # a party was retired: the tie is not exported half
        key = keys.unique(natural_key("partnership", link.kind, side_a, side_b, link.start))
        partnerships[link.pk] = key
        snapshot.rows["partnerships"].append(
            {
                "key": key,
                "kind": link.kind,
                "party_a": side_a,
                "party_b": side_b,
                "start": link.start,
                "end": link.end,
                "status": link.status,
                "stated_reason": link.stated_reason,
                "citations": cited(link),
            }
        )

    events: dict[int, str] = {}
    for event in live(Event).order_by("pk").prefetch_related("actors"):
        involved = sorted(actors[a.pk] for a in event.actors.all() if a.pk in actors)
        place_key = places.get(event.place_id or 0, "")
        key = keys.unique(natural_key("event", event.kind, event.date, place_key, involved, event.summary))
        events[event.pk] = key
        snapshot.rows["events"].append(
            {
                "key": key,
                "kind": event.kind,
                "date": event.date,
                "place": place_key,
                "actors": involved,
                "summary": event.summary,
                "citations": cited(event),
            }
        )

    statements: dict[int, str] = {}
    for statement in live(Statement).order_by("pk"):
        identity = (statement.speaker_name, statement.date, statement.stance, statement.subject, statement.quote)
        key = keys.unique(natural_key("statement", *identity))
        statements[statement.pk] = key
        snapshot.rows["statements"].append(
            {
                "key": key,
                "speaker": actors.get(statement.speaker_id or 0, ""),
                "speaker_name": statement.speaker_name,
                "date": statement.date,
                "stance": statement.stance,
                "quote": statement.quote,
                "subject": statement.subject,
                "subject_actor": actors.get(statement.subject_actor_id or 0, ""),
                "citations": cited(statement),
            }
        )

    for source in cited_sources:
        snapshot.rows["sources"].append(
            {
                "key": sources[source.pk],
                "kind": source.kind,
                "publisher": source.publisher,
                "title": source.title,
                "url": source.url,
                "date": source.date,
                "language": source.language,
                "text": source.text,
            }
        )

    for record_type, numbered in (
        ("place", places),
        ("actor", actors),
        ("identifier", identifiers),
        ("partnership", partnerships),
        ("event", events),
        ("statement", statements),
    ):
        _times(snapshot, record_type, numbered)
    return snapshot
