"""Read-only JSON of the published knowledge base: the same records and citations as the public pages.

Everything here comes from `knowledge.public_selectors`, so the API publishes exactly what the pages
do: no retired record and no actor identifier (those feed the correlation index and stay with staff).
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from meldpunt.api.vocab_types import vocab_term
from meldpunt.knowledge import public_selectors as selectors
from meldpunt.knowledge.models import Actor, Citation, Place

router = Router(tags=["knowledge"])

ActorKind = vocab_term("knowledge_actor_kinds")
StationStatus = vocab_term("station_statuses")
PartnershipKind = vocab_term("partnership_kinds")
PartnershipStatus = vocab_term("partnership_statuses")


class SourceOut(Schema):
    kind: vocab_term("source_kinds")  # type: ignore[valid-type]  # generated from the vocabulary
    publisher: str
    title: str
    url: str
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown")
    language: str


class CitationOut(Schema):
    source: SourceOut
    quote: str | None = Field(description="the exact words of the source, when a passage is cited")
    start: int | None = Field(description="character offset of the quote in the source text")
    end: int | None
    locator: str = Field(description="where in the source, for a fact entered by hand")


class Ref(Schema):
    id: int
    name: str


class PlaceOut(Schema):
    id: int
    name: str
    name_nl: str
    name_en: str
    aliases: list[str]
    country: str = Field(description="ISO 3166-1 alpha-2")
    latitude: float | None
    longitude: float | None
    citations: list[CitationOut]


class AliasOut(Schema):
    name: str
    language: str = Field(description="BCP 47 tag, such as zh-Hans")


class ActorOut(Schema):
    id: int
    kind: ActorKind  # type: ignore[valid-type]  # generated from the vocabulary
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2, of its seat or the place it is in")
    place: Ref | None
    operating_body: Ref | None
    opened: str
    closed: str
    status: StationStatus | None  # type: ignore[valid-type]  # generated; stations only
    description: str
    aliases: list[AliasOut]
    citations: list[CitationOut]


class PartyOut(Schema):
    type: Literal["place", "actor"]
    id: int
    name: str
    country: str


class PartnershipOut(Schema):
    id: int
    kind: PartnershipKind  # type: ignore[valid-type]  # generated from the vocabulary
    party_a: PartyOut
    party_b: PartyOut
    start: str
    end: str
    status: PartnershipStatus  # type: ignore[valid-type]  # generated from the vocabulary
    stated_reason: str
    citations: list[CitationOut]


class EventOut(Schema):
    id: int
    kind: vocab_term("knowledge_event_kinds")  # type: ignore[valid-type]  # generated from the vocabulary
    date: str
    place: Ref | None
    actors: list[Ref]
    summary: str
    citations: list[CitationOut]


class StatementOut(Schema):
    id: int
    speaker: Ref | None
    speaker_name: str
    date: str
    stance: vocab_term("stances")  # type: ignore[valid-type]  # generated from the vocabulary
    quote: str
    subject: str
    subject_actor: Ref | None
    citations: list[CitationOut]


class NotFoundOut(Schema):
    detail: str


class PartnershipFilter(Schema):
    kind: PartnershipKind | None = None  # type: ignore[valid-type]  # generated from the vocabulary
    status: PartnershipStatus | None = None  # type: ignore[valid-type]  # generated from the vocabulary
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2 of either party")


def _citations(citations: list[Citation]) -> list[dict[str, Any]]:
    return [
        {
            "source": {
                field: getattr(c.source, field) for field in ("kind", "publisher", "title", "url", "date", "language")
            },
            "quote": c.passage.quote if c.passage else None,
            "start": c.passage.start if c.passage else None,
            "end": c.passage.end if c.passage else None,
            "locator": c.locator,
        }
        for c in citations
    ]


def _ref(record: Actor | Place | None) -> dict[str, Any] | None:
    return {"id": record.pk, "name": record.name} if record is not None else None


def _place(fact: selectors.Fact[Place]) -> dict[str, Any]:
    place = fact.record
    fields = ("name", "name_nl", "name_en", "country", "latitude", "longitude")
    return {
        "id": place.pk,
        **{name: getattr(place, name) for name in fields},
        "aliases": list(place.aliases),
        "citations": _citations(fact.citations),
    }


def _actor(row: selectors.ActorRow) -> dict[str, Any]:
    actor = row.fact.record
    return {
        "id": actor.pk,
        **{name: getattr(actor, name) for name in ("kind", "name", "opened", "closed", "description")},
        "country": row.country,
        "place": _ref(row.place),
        "operating_body": _ref(row.operating_body),
        "status": actor.status or None,
        "aliases": [{"name": a.name, "language": a.language} for a in actor.aliases.all()],
        "citations": _citations(row.fact.citations),
    }


def _party(party: Place | Actor) -> dict[str, Any]:
    kind = "place" if isinstance(party, Place) else "actor"
    return {"type": kind, "id": party.pk, "name": party.name, "country": party.country}


@router.get("/stations", response=list[ActorOut], auth=None, url_name="knowledge_stations")
def stations(request: HttpRequest) -> list[dict[str, Any]]:
    """Overseas police service stations, by country and city."""
    return [_actor(row) for row in selectors.station_list()]


@router.get("/actors", response=list[ActorOut], auth=None, url_name="knowledge_actors")
def actors(request: HttpRequest, kind: ActorKind | None = None) -> list[dict[str, Any]]:  # type: ignore[valid-type]
    """Actors of every kind (or of one), grouped by kind."""
    return [_actor(row) for group in selectors.actors_by_kind(kind=kind or "") for row in group.actors]


@router.get("/actors/{number}", response={200: ActorOut, 404: NotFoundOut}, auth=None, url_name="knowledge_actor")
def actor(request: HttpRequest, number: int) -> Status[Any]:
    """One actor; a merged one answers with the record it was merged into."""
    published = selectors.actor_published(number=number)
    row = selectors.actor_row(number=published.pk) if published is not None else None
    if row is None:
        return Status(404, {"detail": "no published actor has this number"})
    return Status(200, _actor(row))


@router.get("/places", response=list[PlaceOut], auth=None, url_name="knowledge_places")
def places(request: HttpRequest) -> list[dict[str, Any]]:
    return [_place(fact) for fact in selectors.place_list()]


@router.get("/places/{number}", response={200: PlaceOut, 404: NotFoundOut}, auth=None, url_name="knowledge_place")
def place(request: HttpRequest, number: int) -> Status[Any]:
    fact = selectors.place_fact(number=number)
    if fact is None:
        return Status(404, {"detail": "no published place has this number"})
    return Status(200, _place(fact))


@router.get("/partnerships", response=list[PartnershipOut], auth=None, url_name="knowledge_partnerships")
def partnerships(request: HttpRequest, filters: Query[PartnershipFilter]) -> list[dict[str, Any]]:
    """Partnerships, narrowed like the public table: by kind, status and a country of either party."""
    rows = selectors.partnership_list(
        kind=filters.kind or "", status=filters.status or "", country=filters.country.upper()
    )
    return [
        {
            "id": row.fact.record.pk,
            **{name: getattr(row.fact.record, name) for name in ("kind", "start", "end", "status", "stated_reason")},
            "party_a": _party(row.party_a),
            "party_b": _party(row.party_b),
            "citations": _citations(row.fact.citations),
        }
        for row in rows
    ]


@router.get("/events", response=list[EventOut], auth=None, url_name="knowledge_events")
def events(request: HttpRequest) -> list[dict[str, Any]]:
    """Events by date, the timeline of the public pages."""
    return [
        {
            "id": row.fact.record.pk,
            **{name: getattr(row.fact.record, name) for name in ("kind", "date", "summary")},
            "place": _ref(row.place),
            "actors": [_ref(a) for a in row.actors],
            "citations": _citations(row.fact.citations),
        }
        for row in selectors.event_timeline()
    ]


@router.get("/statements", response=list[StatementOut], auth=None, url_name="knowledge_statements")
def statements(request: HttpRequest) -> list[dict[str, Any]]:
    """Statements by subject; opposing stances are separate items, never merged."""
    return [
        {
            "id": row.fact.record.pk,
            **{name: getattr(row.fact.record, name) for name in ("speaker_name", "date", "stance", "quote", "subject")},
            "speaker": _ref(row.speaker),
            "subject_actor": _ref(row.subject_actor),
            "citations": _citations(row.fact.citations),
        }
        for row in selectors.statement_list()
    ]
