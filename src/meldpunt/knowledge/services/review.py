"""Deciding candidate facts: accept (as proposed or corrected by the analyst) or reject, once.

Accepting turns the candidate's offsets into a Passage of its source, so the new record cites the
very text the extractor read, whatever fields the analyst corrected. A quantity ("at least 102
stations") is no kind of record: it has no event kind or party to hang on, and dressing it up as an
event summary would invent a fact; it can only be rejected (the figure stays in its source).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from meldpunt.accounts.models import User
from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.models import (
    Actor,
    CandidateFact,
    CandidateKind,
    CandidateStatus,
    CitedRecord,
    Place,
)
from meldpunt.knowledge.services.records import record_create
from meldpunt.knowledge.services.sources import citation_create, passage_create

ENTITY_ACTOR_KINDS = {"organisation": "organisation", "person": "official"}


def candidate_record_type(candidate: CandidateFact) -> str:
    """Which kind of record accepting the candidate makes."""
    if candidate.kind == CandidateKind.EVENT:
        return "event"
    if candidate.kind == CandidateKind.STATEMENT:
        return "statement"
    if candidate.kind == CandidateKind.ENTITY:
        entity_type = str(candidate.payload.get("type", ""))
        if entity_type == "place":
            return "place"
        if entity_type in ENTITY_ACTOR_KINDS:
            return "actor"
        raise KnowledgeError("unknown_entity", f"an entity of type {entity_type!r} is no kind of record")
    raise KnowledgeError("not_a_record", "a quantity is no kind of record: reject it (the source keeps the figure)")


def _place_named(name: str) -> Place | None:
    if not name.strip():
        return None
    return Place.objects.filter(merged_into=None, name__iexact=name.strip()).first()


def _actor_named(name: str) -> Actor | None:
    if not name.strip():
        return None
    return Actor.objects.filter(merged_into=None, name__iexact=name.strip()).first()


def candidate_values(candidate: CandidateFact, *, subject: str = "", country: str = "") -> dict[str, Any]:
    """The record's fields as the extractor proposed them; names matched to known places and actors."""
    payload = candidate.payload
    record_type = candidate_record_type(candidate)
    if record_type == "event":
        return {
            "kind": payload.get("kind", ""),
            "date": payload.get("date") or "",
            "place": _place_named(str(payload.get("place") or "")),
        }
    if record_type == "statement":
        speaker = str(payload.get("speaker") or "")
        quote = str(payload.get("quote") or "") or candidate.source.text[candidate.start : candidate.end]
        return {
            "speaker": _actor_named(speaker),
            "speaker_name": speaker,
            "stance": payload.get("stance", ""),
            "quote": quote,
            "subject": subject.strip(),
        }
    name = str(payload.get("name") or "")
    if record_type == "place":
        return {"name": name, "country": country.strip().upper()}
    return {"kind": ENTITY_ACTOR_KINDS[str(payload["type"])], "name": name, "country": country.strip().upper()}


def _required(record_type: str, values: dict[str, Any]) -> None:
    if record_type == "statement" and not str(values.get("subject", "")).strip():
        raise KnowledgeError("subject_missing", "say what the statement is about (its subject)")
    if record_type == "place" and not str(values.get("country", "")).strip():
        raise KnowledgeError("country_missing", "give the place's country (ISO 3166 code, e.g. NL)")


def _decide(candidate_id: int) -> CandidateFact:
    candidate = CandidateFact.objects.select_for_update().select_related("source").get(pk=candidate_id)
    if candidate.status != CandidateStatus.PENDING:
        raise KnowledgeError("decided", f"this candidate was {candidate.status} already")
    return candidate


def candidate_accept(
    *,
    candidate: CandidateFact,
    acting_user: User,
    values: dict[str, Any] | None = None,
    subject: str = "",
    country: str = "",
) -> CitedRecord:
    """Make the record the candidate proposes, citing its passage; `values` are the analyst's corrections
    (edit then accept), `subject` and `country` fill what an extractor cannot know."""
    with transaction.atomic():
        candidate = _decide(candidate.pk)
        record_type = candidate_record_type(candidate)
        fields = values if values is not None else candidate_values(candidate, subject=subject, country=country)
        _required(record_type, fields)
        source = candidate.source
        passage = passage_create(source=source, start=candidate.start, end=candidate.end)
        record = record_create(
            record_type=record_type,
            values=fields,
            citations=[citation_create(source=source, passage=passage)],
            acting_user=acting_user,
        )
        candidate.status = CandidateStatus.ACCEPTED
        candidate.record_type, candidate.record_id = record_type, record.pk
        candidate.decided_by, candidate.decided_at = acting_user, timezone.now()
        candidate.save(update_fields=["status", "record_type", "record_id", "decided_by", "decided_at"])
    return record


def candidate_reject(*, candidate: CandidateFact, acting_user: User, reason: str = "") -> None:
    """Refuse a candidate, with the analyst's reason kept apart from the extractor's item."""
    with transaction.atomic():
        candidate = _decide(candidate.pk)
        candidate.decision_note = reason.strip()[:500]
        candidate.status = CandidateStatus.REJECTED
        candidate.decided_by, candidate.decided_at = acting_user, timezone.now()
        candidate.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
