"""Citations from what an analyst types, and records created or corroborated with them in one step.

An analyst pastes the quote, not its offsets: the offsets are found here, and a quote that occurs
twice must be pinned by its start, so a citation never silently points at the wrong occurrence.
If anything after the citation fails, the passage and citation are rolled back with the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from meldpunt.accounts.models import User
from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.models import Citation, CitedRecord, Source
from meldpunt.knowledge.services.records import record_cite, record_create
from meldpunt.knowledge.services.sources import citation_create, passage_create


@dataclass(frozen=True)
class CitationInput:
    """What the citation part of a form holds: a quote (and its start when it is ambiguous) or a locator."""

    source: Source
    quote: str = ""
    start: int | None = None
    locator: str = ""


def quote_start(*, text: str, quote: str, start: int | None = None) -> int:
    """Where `quote` begins in `text`: its only occurrence, or the occurrence at `start`."""
    if start is not None:
        if text[start : start + len(quote)] != quote:
            raise KnowledgeError("quote_not_at_start", f"the quote is not found at character {start}")
        return start
    first = text.find(quote)
    if first < 0:
        raise KnowledgeError("quote_absent", "the quote does not occur in the source text")
    if text.find(quote, first + 1) >= 0:
        raise KnowledgeError(
            "quote_ambiguous", "the quote occurs more than once in the source; give the start offset of the one meant"
        )
    return first


def citation_make(*, cite: CitationInput) -> Citation:
    """A passage citation for a source with text, a locator citation for a reference-only source."""
    source = cite.source
    if source.text:
        if not cite.quote:
            raise KnowledgeError("quote_missing", "this source keeps its text: quote the exact passage")
        start = quote_start(text=source.text, quote=cite.quote, start=cite.start)
        passage = passage_create(source=source, start=start, end=start + len(cite.quote), quote=cite.quote)
        return citation_create(source=source, passage=passage, locator=cite.locator)
    if cite.quote:
        raise KnowledgeError("no_text", "this source is a reference only: give a locator (page, answer), not a quote")
    return citation_create(source=source, locator=cite.locator)


def record_create_cited(
    *, record_type: str, values: dict[str, Any], cite: CitationInput, acting_user: User | None
) -> CitedRecord:
    """A new record and its first citation, or neither."""
    with transaction.atomic():
        return record_create(
            record_type=record_type, values=values, citations=[citation_make(cite=cite)], acting_user=acting_user
        )


def record_corroborate(*, record: CitedRecord, cite: CitationInput, acting_user: User | None) -> Citation:
    """A further citation for a record, or none."""
    with transaction.atomic():
        citation = citation_make(cite=cite)
        record_cite(record=record, citation=citation, acting_user=acting_user)
    return citation
