"""The knowledge base as FollowTheMoney entities (one JSON entity per line), and read back.

Aleph, OpenSanctions' tools and `ftm` read the output as they read any entity stream. The mapping:

| Meldpunt record | FtM schema | how |
|---|---|---|
| source (news) | Article | title, publisher, sourceUrl, publishedAt, language, bodyText (kept text) |
| source (other kinds) | Document | the same, and fileName (FtM requires it) set to the title |
| citation | Documentation | see below |
| place | Address | name, country, latitude, longitude, alias |
| actor | PublicBody (state body), Person (official), Organization (the others) | name, country, alias, description, |
| | | status, incorporationDate/dissolutionDate (opened/closed), addressEntity (place), parent (operating body) |
| identifier | UserAccount | owner (actor), service (kind), username (value as published) |
| partnership | UnknownLink | subject/object (the parties), role (kind), status, startDate, endDate, |
| | | description (stated reason) |
| event | Event | name, date, addressEntity (place), involved (actors), description (summary) |
| statement | Event | organizer (speaker actor), name (speaker as named), summary (subject), involved (subject |
| | | actor), description (what was said), date |

Each citation of each record is one Documentation entity: `document` the source, `entity` the
record, `role` `citation` for the first and `further citation` for the others, `summary` the
locator, `description` the quoted passage and `recordId` its character offsets (`chars:START-END`),
so a re-import recreates the passage and the database checks it against the source text again.

Values FtM has no property for travel in `keywords` as `meldpunt:<field>=<value>` (a source's and
an actor's kind, an event's kind, a statement's stance, a place's Dutch and English names and
GeoNames id, an alias's language tag), so a re-import loses nothing and other tools show them as
tags. Documentation's `entity` is typed Thing in FtM; for a partnership (UnknownLink, an Interval)
it points at the link all the same, which FtM tools follow as a reference.

Entity ids are the snapshot's natural keys (`meldpunt-actor-<hash>`), citation ids are derived from
the record and the citation, so an export is the same for the same knowledge in any database.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, cast

from django.db import transaction
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.exchange.snapshot import Row, Snapshot, key_kind, natural_key
from meldpunt.knowledge.models import RECORD_MODELS, Actor, Citation, CitedRecord, Source
from meldpunt.knowledge.services import (
    actor_alias_add,
    actor_identifier_add,
    citation_create,
    passage_create,
    record_create,
    source_create,
)

ACTOR_SCHEMAS = {"state_body": "PublicBody", "official": "Person"}
FIRST, FURTHER = "citation", "further citation"
_OFFSETS = re.compile(r"^chars:(\d+)-(\d+)$")


def _entity(schema: str, key: str, values: dict[str, Any], tags: dict[str, Any] | None = None) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = key
    for prop, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            if item not in ("", None):
                entity.add(prop, str(item))
    for name, value in (tags or {}).items():
        for item in value if isinstance(value, list) else [value]:
            if item not in ("", None):
                entity.add("keywords", f"meldpunt:{name}={item}")
    return entity


def _documentation(record_key: str, citations: list[Row]) -> Iterator[EntityProxy]:
    for number, citation in enumerate(citations):
        offsets = f"chars:{citation['start']}-{citation['end']}" if citation["start"] is not None else ""
        yield _entity(
            "Documentation",
            natural_key("citation", record_key, citation),
            {
                "document": citation["source"],
                "entity": record_key,
                "role": FIRST if number == 0 else FURTHER,
                "summary": citation["locator"],
                "description": citation["quote"],
                "recordId": offsets,
            },
        )


def _records(snapshot: Snapshot) -> Iterator[tuple[EntityProxy, list[Row]]]:
    rows = snapshot.rows
    for place in rows["places"]:
        yield (
            _entity(
                "Address",
                place["key"],
                {
                    "name": place["name"],
                    "country": place["country"],
                    "latitude": place["latitude"],
                    "longitude": place["longitude"],
                    "alias": place["aliases"],
                },
                {"name_nl": place["name_nl"], "name_en": place["name_en"], "geonames_id": place["geonames_id"]},
            ),
            place["citations"],
        )
    for actor in rows["actors"]:
        values = {
            "name": actor["name"],
            "country": actor["country"],
            "alias": [alias["name"] for alias in actor["aliases"]],
            "description": actor["description"],
            "status": actor["status"],
            "incorporationDate": actor["opened"],
            "dissolutionDate": actor["closed"],
            "addressEntity": actor["place"],
            "parent": actor["operating_body"],
        }
        languages = [f"{a['language']}|{a['name']}" for a in actor["aliases"] if a["language"]]
        schema = ACTOR_SCHEMAS.get(actor["kind"], "Organization")
        yield (
            _entity(schema, actor["key"], values, {"actor_kind": actor["kind"], "alias": languages}),
            actor["citations"],
        )
    for identifier in rows["identifiers"]:
        values = {"owner": identifier["actor"], "service": identifier["kind"], "username": identifier["value"]}
        tags = {"platform": identifier["platform"]}
        yield _entity("UserAccount", identifier["key"], values, tags), identifier["citations"]
    for link in rows["partnerships"]:
        values = {
            "subject": link["party_a"],
            "object": link["party_b"],
            "role": link["kind"],
            "status": link["status"],
            "startDate": link["start"],
            "endDate": link["end"],
            "description": link["stated_reason"],
        }
        yield _entity("UnknownLink", link["key"], values), link["citations"]
    for event in rows["events"]:
        values = {
            "name": f"{event['kind']} {event['date']}".strip(),
            "date": event["date"],
            "addressEntity": event["place"],
            "involved": event["actors"],
            "description": event["summary"],
        }
        yield _entity("Event", event["key"], values, {"event_kind": event["kind"]}), event["citations"]
    for statement in rows["statements"]:
        values = {
            "name": statement["speaker_name"],
            "organizer": statement["speaker"],
            "summary": statement["subject"],
            "involved": statement["subject_actor"],
            "description": statement["quote"],
            "date": statement["date"],
        }
        yield _entity("Event", statement["key"], values, {"stance": statement["stance"]}), statement["citations"]


def _sources(snapshot: Snapshot) -> Iterator[EntityProxy]:
    for source in snapshot.rows["sources"]:
        news = source["kind"] == "news"
        values = {
            "title": source["title"],
            "publisher": source["publisher"],
            "sourceUrl": source["url"],
            "publishedAt": source["date"],
            "language": registry.language.clean(source["language"]) if source["language"] else "",
            "bodyText": source["text"],
            "fileName": "" if news else source["title"],
        }
        tags = {"source_kind": source["kind"], "language": source["language"]}
        yield _entity("Article" if news else "Document", source["key"], values, tags)


def ftm_entities(snapshot: Snapshot) -> Iterator[EntityProxy]:
    """Sources first, then each record followed by its Documentation entities."""
    yield from _sources(snapshot)
    for entity, citations in _records(snapshot):
        yield entity
        yield from _documentation(cast(str, entity.id), citations)


def ftm_lines(snapshot: Snapshot) -> Iterator[str]:
    for entity in ftm_entities(snapshot):
        yield json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True)


# Reading back ------------------------------------------------------------------------------------


def _first(entity: EntityProxy, prop: str) -> str:
    return entity.first(prop) or ""


def _tags(entity: EntityProxy) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for keyword in entity.get("keywords"):
        if keyword.startswith("meldpunt:") and "=" in keyword:
            name, value = keyword.removeprefix("meldpunt:").split("=", 1)
            found[name].append(value)
    return found


def _tag(entity: EntityProxy, name: str) -> str:
    values = _tags(entity).get(name)
    return values[0] if values else ""


def _number(text: str) -> float | None:
    return float(text) if text else None


class _Importer:
    """Creates sources, citations and records through the services, in the order references need."""

    def __init__(self, entities: list[EntityProxy]) -> None:
        self.by_schema: dict[str, list[EntityProxy]] = defaultdict(list)
        self.citations: dict[str, list[EntityProxy]] = defaultdict(list)
        for entity in entities:
            if entity.schema.name == "Documentation":
                self.citations[_first(entity, "entity")].append(entity)
            else:
                self.by_schema[entity.schema.name].append(entity)
        self.sources: dict[str, Source] = {}
        self.records: dict[str, CitedRecord] = {}
        self.created = 0

    def run(self) -> int:
        for entity in self.by_schema["Article"] + self.by_schema["Document"]:
            self.sources[cast(str, entity.id)] = source_create(
                kind=_tag(entity, "source_kind") or ("news" if entity.schema.name == "Article" else "ngo_report"),
                publisher=_first(entity, "publisher"),
                title=_first(entity, "title"),
                url=_first(entity, "sourceUrl"),
                date=_first(entity, "publishedAt"),
                language=_tag(entity, "language"),
                text=_first(entity, "bodyText"),
            )
        for entity in self.by_schema["Address"]:
            tags = _tags(entity)
            geonames = tags.get("geonames_id", [""])[0]
            self._create(
                entity,
                "place",
                {
                    "name": _first(entity, "name"),
                    "name_nl": tags.get("name_nl", [""])[0],
                    "name_en": tags.get("name_en", [""])[0],
                    "aliases": sorted(entity.get("alias")),
                    "country": _first(entity, "country").upper(),
                    "latitude": _number(_first(entity, "latitude")),
                    "longitude": _number(_first(entity, "longitude")),
                    "geonames_id": int(geonames) if geonames else None,
                },
            )
        self._actors()
        for entity in self.by_schema["UserAccount"]:
            owner = cast(Actor, self.records[_first(entity, "owner")])
            self.records[cast(str, entity.id)] = actor_identifier_add(
                actor=owner,
                kind=_first(entity, "service"),
                value=_first(entity, "username"),
                platform=_tag(entity, "platform"),
                citations=self._citations(entity),
                acting_user=None,
            )
            self.created += 1
        for entity in self.by_schema["UnknownLink"]:
            values: dict[str, Any] = {
                "kind": _first(entity, "role"),
                "start": _first(entity, "startDate"),
                "end": _first(entity, "endDate"),
                "status": _first(entity, "status"),
                "stated_reason": _first(entity, "description"),
            }
            for side, prop in (("a", "subject"), ("b", "object")):
                party = _first(entity, prop)
                values[f"{key_kind(party)}_{side}"] = self.records[party]
            self._create(entity, "partnership", values)
        for entity in self.by_schema["Event"]:
            stance = _tag(entity, "stance")
            if stance:
                self._create(
                    entity,
                    "statement",
                    {
                        "speaker": self._optional(entity, "organizer"),
                        "speaker_name": _first(entity, "name"),
                        "date": _first(entity, "date"),
                        "stance": stance,
                        "quote": _first(entity, "description"),
                        "subject": _first(entity, "summary"),
                        "subject_actor": self._optional(entity, "involved"),
                    },
                )
            else:
                self._create(
                    entity,
                    "event",
                    {
                        "kind": _tag(entity, "event_kind"),
                        "date": _first(entity, "date"),
                        "place": self._optional(entity, "addressEntity"),
                        "actors": [self.records[key] for key in entity.get("involved")],
                        "summary": _first(entity, "description"),
                    },
                )
        return self.created

    def _actors(self) -> None:
        """Operating bodies before the stations they run."""
        pending = [e for name in ("PublicBody", "Organization", "Person") for e in self.by_schema[name]]
        while pending:
            ready = [e for e in pending if not _first(e, "parent") or _first(e, "parent") in self.records]
            if not ready:
                raise KnowledgeError("import_cycle", "actors' operating bodies point at each other or outside")
            for entity in ready:
                actor = self._create(
                    entity,
                    "actor",
                    {
                        "kind": _tag(entity, "actor_kind") or "organisation",
                        "name": _first(entity, "name"),
                        "country": _first(entity, "country").upper(),
                        "place": self._optional(entity, "addressEntity"),
                        "operating_body": self._optional(entity, "parent"),
                        "opened": _first(entity, "incorporationDate"),
                        "closed": _first(entity, "dissolutionDate"),
                        "status": _first(entity, "status"),
                        "description": _first(entity, "description"),
                    },
                )
                tagged = (tag.split("|", 1) for tag in _tags(entity).get("alias", []))
                languages = {name: language for language, name in tagged}
                for name in sorted(entity.get("alias")):
                    actor_alias_add(actor=cast(Actor, actor), name=name, language=languages.get(name, ""))
            pending = [e for e in pending if e not in ready]

    def _optional(self, entity: EntityProxy, prop: str) -> CitedRecord | None:
        key = _first(entity, prop)
        return self.records[key] if key else None

    def _citations(self, entity: EntityProxy) -> list[Citation]:
        found = sorted(self.citations.get(cast(str, entity.id), []), key=lambda c: _first(c, "role") != FIRST)
        if not found:
            raise KnowledgeError("citation_missing", f"{entity.id} has no Documentation entity citing it")
        citations = []
        for documentation in found:
            source = self.sources[_first(documentation, "document")]
            offsets = _OFFSETS.match(_first(documentation, "recordId"))
            passage = None
            if offsets:
                start, end = int(offsets[1]), int(offsets[2])
                passage = passage_create(
                    source=source, start=start, end=end, quote=_first(documentation, "description")
                )
            citations.append(citation_create(source=source, passage=passage, locator=_first(documentation, "summary")))
        return citations

    def _create(self, entity: EntityProxy, record_type: str, values: dict[str, Any]) -> CitedRecord:
        record = record_create(
            record_type=record_type, values=values, citations=self._citations(entity), acting_user=None
        )
        self.records[cast(str, entity.id)] = record
        self.created += 1
        return record


def knowledge_is_empty() -> bool:
    return not Source.objects.exists() and not any(m._default_manager.exists() for m in RECORD_MODELS.values())


def ftm_import(lines: Iterable[str]) -> int:
    """Read FtM entities (one JSON per line) into an empty knowledge base; return how many records were made.

    All or nothing: a reference to an entity the file does not hold, or a value the services refuse,
    rolls the whole import back.
    """
    if not knowledge_is_empty():
        raise KnowledgeError("not_empty", "import into an empty knowledge base; this one holds records already")
    entities = [model.get_proxy(json.loads(line)) for line in lines if line.strip()]
    try:
        with transaction.atomic():
            return _Importer(entities).run()
    except KeyError as error:
        raise KnowledgeError("dangling_reference", f"the file refers to {error} but does not hold it") from error
