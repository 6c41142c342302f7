"""The knowledge base as one STIX 2.1 bundle, built with `stix2` so MISP and OpenCTI read it.

| Meldpunt record | STIX object |
|---|---|
| actor | identity (`organization`, or `individual` for an official), roles from its kind |
| place | location (name, country, latitude, longitude) |
| actor's place | relationship `located-at` (identity to location) |
| station's operating body | relationship `operated-by` (station identity to the body's identity) |
| partnership | relationship named for its kind (`sister-city-of`, ...) between the parties' objects |
| identifier | note on its actor (STIX has no object for a published phone number or account) |
| event | note (abstract: kind and date; content: summary) referring to its actors and place |
| statement | note (authors: the speaker as named; abstract: stance and subject; content: what was |
| | said) referring to the speaker and the subject actor |

Every citation of a record becomes an external reference of its object: `source_name` the
publisher, `description` the title, date, locator and quoted passage, `url` when the source has
one, and `external_id` the GeoNames id for the reference dataset. Relationships carry the citations
of the record they stand for; `located-at` and `operated-by` carry those of the actor.

Object ids are UUIDv5 of the snapshot's natural keys and every object is created by one
"Meldpunt" identity, so the same knowledge gives the same ids in any database. `created` and
`modified` are the record's first and last change in its history.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import stix2

from meldpunt.knowledge.exchange.snapshot import Row, Snapshot, key_kind, natural_key
from meldpunt.knowledge.partial_dates import partial_date_parse

NAMESPACE = uuid.UUID("6f1c54b4-5f3e-4c55-9d36-3d7f0c1e8a21")  # fixed: ids must not change between exports
PRODUCER_KEY = "meldpunt-producer"
EPOCH = datetime(2022, 1, 1, tzinfo=UTC)  # for records older than their history
ROLES = {
    "state_body": ["state body"],
    "police_service_station": ["overseas police service station"],
    "organisation": ["organisation"],
    "official": ["official"],
    "media_outlet": ["media outlet"],
}


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def _references(citations: list[Row], sources: dict[str, Row]) -> list[stix2.ExternalReference]:
    references = []
    for citation in citations:
        source = sources[citation["source"]]
        where = citation["locator"] or f"characters {citation['start']}-{citation['end']}"
        parts = [source["title"], source["date"], where, f"“{citation['quote']}”" if citation["quote"] else ""]
        fields: dict[str, Any] = {
            "source_name": source["publisher"],
            "description": "; ".join(part for part in parts if part),
        }
        if source["url"]:
            fields["url"] = source["url"]
        if source["kind"] == "reference_dataset" and citation["locator"].removeprefix("geonameid ").isdigit():
            fields["external_id"] = citation["locator"].removeprefix("geonameid ")
        references.append(stix2.ExternalReference(**fields))
    return references


def _timestamp(partial: str) -> datetime:
    return datetime.combine(partial_date_parse(partial).earliest(), datetime.min.time(), tzinfo=UTC)


class _Builder:
    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.sources = {row["key"]: row for row in snapshot.rows["sources"]}
        self.ids: dict[str, str] = {}
        self.objects: list[Any] = []
        self.producer = stix2.Identity(
            id=stix_id("identity", PRODUCER_KEY),
            name="Meldpunt",
            identity_class="organization",
            description="Knowledge base of documented foreign interference, every fact cited",
            created=EPOCH,
            modified=EPOCH,
        )
        self.objects.append(self.producer)

    def common(self, key: str, citations: list[Row], *, part: str = "") -> dict[str, Any]:
        created, modified = self.snapshot.times.get(key, (EPOCH, EPOCH))
        fields: dict[str, Any] = {
            "id": stix_id(self.stix_type(key), key + part),
            "created": created,
            "modified": modified,
            "created_by_ref": self.producer.id,
        }
        if citations:
            fields["external_references"] = _references(citations, self.sources)
        return fields

    @staticmethod
    def stix_type(key: str) -> str:
        return {"actor": "identity", "place": "location"}.get(key_kind(key), "note")

    def add(self, key: str, obj: Any) -> None:
        self.ids[key] = obj.id
        self.objects.append(obj)

    def relationship(self, kind: str, row: Row, source: str, target: str, **extra: Any) -> None:
        common = self.common(row["key"], row["citations"], part=f"/{kind}")
        common["id"] = stix_id("relationship", row["key"] + f"/{kind}")
        self.objects.append(
            stix2.Relationship(
                relationship_type=kind, source_ref=self.ids[source], target_ref=self.ids[target], **common, **extra
            )
        )

    def build(self) -> stix2.Bundle:
        rows = self.snapshot.rows
        for place in rows["places"]:
            fields = {"name": place["name"], "country": place["country"]}
            if place["latitude"] is not None and place["longitude"] is not None:
                fields |= {"latitude": place["latitude"], "longitude": place["longitude"]}
            self.add(place["key"], stix2.Location(**fields, **self.common(place["key"], place["citations"])))
        for actor in rows["actors"]:
            description = "; ".join(
                part
                for part in (
                    actor["description"],
                    f"status: {actor['status']}" if actor["status"] else "",
                    f"opened: {actor['opened']}" if actor["opened"] else "",
                    f"closed: {actor['closed']}" if actor["closed"] else "",
                )
                if part
            )
            identity = stix2.Identity(
                name=actor["name"],
                identity_class="individual" if actor["kind"] == "official" else "organization",
                roles=ROLES.get(actor["kind"], [actor["kind"]]),
                description=description or None,
                **self.common(actor["key"], actor["citations"]),
            )
            self.add(actor["key"], identity)
        for actor in rows["actors"]:
            if actor["place"]:
                self.relationship("located-at", actor, actor["key"], actor["place"])
            if actor["operating_body"]:
                self.relationship("operated-by", actor, actor["key"], actor["operating_body"])
        for link in rows["partnerships"]:
            extra: dict[str, Any] = {"description": link["stated_reason"] or f"status: {link['status']}"}
            if link["start"]:
                extra["start_time"] = _timestamp(link["start"])
            if link["end"] and (not link["start"] or _timestamp(link["end"]) > _timestamp(link["start"])):
                extra["stop_time"] = _timestamp(link["end"])
            kind = link["kind"].replace("_", "-") + "-of"
            self.relationship(kind, link, link["party_a"], link["party_b"], **extra)
        for identifier in rows["identifiers"]:
            platform = f" ({identifier['platform']})" if identifier["platform"] else ""
            note = stix2.Note(
                abstract=f"{identifier['kind']}{platform}",
                content=identifier["value"],
                object_refs=[self.ids[identifier["actor"]]],
                **self.common(identifier["key"], identifier["citations"]),
            )
            self.add(identifier["key"], note)
        for event in rows["events"]:
            refs = [self.ids[key] for key in [*event["actors"], event["place"]] if key]
            note = stix2.Note(
                abstract=f"{event['kind']} {event['date']}".strip(),
                content=event["summary"] or event["kind"],
                object_refs=refs or [self.producer.id],
                **self.common(event["key"], event["citations"]),
            )
            self.add(event["key"], note)
        for statement in rows["statements"]:
            refs = [self.ids[key] for key in (statement["speaker"], statement["subject_actor"]) if key]
            note = stix2.Note(
                abstract=f"{statement['stance']}: {statement['subject']}",
                content=statement["quote"],
                authors=[statement["speaker_name"]],
                object_refs=list(dict.fromkeys(refs)) or [self.producer.id],
                **self.common(statement["key"], statement["citations"]),
            )
            self.add(statement["key"], note)
        return stix2.Bundle(objects=self.objects, id=stix_id("bundle", natural_key("bundle", sorted(self.ids))))


def stix_bundle(snapshot: Snapshot) -> stix2.Bundle:
    return _Builder(snapshot).build()


def stix_json(snapshot: Snapshot) -> str:
    return str(stix_bundle(snapshot).serialize(pretty=True, ensure_ascii=False))
