"""Reads for the analysts' pages: records per kind, their history, the review queue, contradictions.

List reads fetch their related rows in the same query (or one more per relation), never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from meldpunt.knowledge.models import (
    RECORD_MODELS,
    Actor,
    CandidateFact,
    CandidateStatus,
    Citation,
    CitedRecord,
    Event,
    RecordVersion,
    Source,
    Statement,
)

CONTEXT_CHARS = 240
QUEUE_LIMIT = 100
LIST_LIMIT = 500

_RELATED: dict[str, tuple[str, ...]] = {
    "place": ("citation__source",),
    "actor": ("citation__source", "place", "operating_body"),
    "partnership": ("citation__source", "place_a", "actor_a", "place_b", "actor_b"),
    "event": ("citation__source", "place"),
    "statement": ("citation__source", "speaker", "subject_actor"),
}
_SEARCHED: dict[str, tuple[str, ...]] = {
    "place": ("name", "name_nl", "name_en"),
    "actor": ("name", "aliases__name", "description"),
    "partnership": ("place_a__name", "actor_a__name", "place_b__name", "actor_b__name", "stated_reason"),
    "event": ("summary", "place__name", "actors__name"),
    "statement": ("speaker_name", "subject", "quote"),
}


def source_list() -> QuerySet[Source]:
    return Source.objects.defer("text").order_by("-created_at")


def source_passages(*, source: Source) -> list[dict[str, Any]]:
    """The source's text cut into plain stretches and cited passages, in order, for highlighting.

    Overlapping passages are shown from the first one's start to the furthest end, so no text repeats.
    """
    pieces: list[dict[str, Any]] = []
    at = 0
    for passage in source.passages.all():
        if passage.start > at:
            pieces.append({"text": source.text[at : passage.start], "passage": None})
        if passage.end > at:
            pieces.append({"text": source.text[max(at, passage.start) : passage.end], "passage": passage})
            at = passage.end
    if at < len(source.text):
        pieces.append({"text": source.text[at:], "passage": None})
    return pieces


def record_list(*, record_type: str, query: str = "", show_retired: bool = False) -> QuerySet[CitedRecord]:
    """One kind's records matching `query`, with what the list shows fetched alongside."""
    model = RECORD_MODELS[record_type]
    records = model._default_manager.select_related(*_RELATED[record_type])
    if record_type == "event":
        records = records.prefetch_related("actors")  # type: ignore[misc]  # the plugin sees CitedRecord; events have actors
    if not show_retired:
        records = records.filter(retired=False)
    if query.strip():
        condition = Q()
        for name in _SEARCHED[record_type]:
            condition |= Q(**{f"{name}__icontains": query.strip()})
        records = records.filter(condition).distinct()
    return records[:LIST_LIMIT]


def record_get(*, record_type: str, number: int) -> CitedRecord | None:
    model = RECORD_MODELS[record_type]
    return model._default_manager.select_related(*_RELATED[record_type], "citation__passage").filter(pk=number).first()


def record_citations(*, record: CitedRecord) -> list[Citation]:
    return record.citations()


@dataclass(frozen=True)
class VersionRow:
    version: RecordVersion
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)


def record_history(*, record: CitedRecord) -> list[VersionRow]:
    """Each version with the fields that differ from the version before it."""
    versions = RecordVersion.objects.filter(record_type=record.record_type, record_id=record.pk).select_related("user")
    rows: list[VersionRow] = []
    before: dict[str, Any] | None = None
    for version in versions.order_by("number"):
        after = version.snapshot
        changes = []
        if before is not None:
            changes = [(key, before.get(key), after.get(key)) for key in after if before.get(key) != after.get(key)]
        rows.append(VersionRow(version=version, changes=changes))
        before = after
    return rows


@dataclass(frozen=True)
class QueueRow:
    candidate: CandidateFact
    before: str
    passage: str
    after: str


def review_queue(*, kind: str = "", source_id: int | None = None) -> list[QueueRow]:
    """Pending candidates with the passage in its context: one query, whatever the number of rows."""
    candidates = CandidateFact.objects.filter(status=CandidateStatus.PENDING).select_related("source")
    if kind:
        candidates = candidates.filter(kind=kind)
    if source_id is not None:
        candidates = candidates.filter(source_id=source_id)
    rows = []
    for candidate in candidates[:QUEUE_LIMIT]:
        text = candidate.source.text
        rows.append(
            QueueRow(
                candidate=candidate,
                before=text[max(0, candidate.start - CONTEXT_CHARS) : candidate.start],
                passage=text[candidate.start : candidate.end],
                after=text[candidate.end : candidate.end + CONTEXT_CHARS],
            )
        )
    return rows


def review_sources() -> QuerySet[Source]:
    """Sources with pending candidates, for the queue's filter."""
    return Source.objects.filter(candidates__status=CandidateStatus.PENDING).distinct().only("pk", "publisher", "title")


def _folded(subject: str) -> str:
    return " ".join(subject.casefold().split())


@dataclass(frozen=True)
class StatementConflict:
    subject: str
    asserting: list[Statement]
    denying: list[Statement]


@dataclass(frozen=True)
class EventConflict:
    reason: str
    events: list[Event]
    station: Actor | None = None


def statement_conflicts() -> list[StatementConflict]:
    """Subjects (the same subject actor, or the same subject text folded) with statements both ways."""
    statements = Statement.objects.filter(retired=False).select_related(
        "speaker", "subject_actor", "citation__source", "citation__passage"
    )
    groups: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        about = statement.subject_actor_id
        key = f"actor:{about}" if about else f"text:{_folded(statement.subject)}"
        groups[key].append(statement)
    conflicts = []
    for group in groups.values():
        asserting = [s for s in group if s.stance == "asserts"]
        denying = [s for s in group if s.stance == "denies"]
        if asserting and denying:
            first = group[0]
            subject = first.subject_actor.name if first.subject_actor else first.subject
            conflicts.append(StatementConflict(subject=subject, asserting=asserting, denying=denying))
    return sorted(conflicts, key=lambda conflict: _folded(conflict.subject))


def event_conflicts() -> list[EventConflict]:
    """Events of one kind at one place with different dates, and operating stations with a closing event."""
    events = Event.objects.filter(retired=False).select_related("place", "citation__source", "citation__passage")
    by_place: dict[tuple[int, str], list[Event]] = defaultdict(list)
    for event in events.exclude(place=None).exclude(date=""):
        by_place[(event.place_id or 0, event.kind)].append(event)
    conflicts = [
        EventConflict(reason="dates", events=group)
        for group in by_place.values()
        if len({event.date for event in group}) > 1
    ]
    stations = Actor.objects.filter(retired=False, kind="police_service_station", status="operating").prefetch_related(
        Prefetch("events", queryset=events.filter(kind="closed"), to_attr="closings")
    )
    conflicts += [
        EventConflict(reason="station", events=station.closings, station=station)
        for station in stations
        if station.closings
    ]
    return conflicts
