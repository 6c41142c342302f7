"""Sources, passages and citations: checked here with clear errors, and again by the database."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction

from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.models import Citation, Passage, Source
from meldpunt.knowledge.partial_dates import InvalidPartialDate, partial_date_parse
from meldpunt.vocab.loader import ids


def source_text_hash(text: str) -> str:
    """The identity of a document's content: the same text ingested twice is one source."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def partial_date_clean(value: str, *, field: str) -> str:
    if not value:
        return ""
    try:
        return partial_date_parse(value).value
    except InvalidPartialDate as error:
        raise KnowledgeError("invalid_date", f"{field}: {error}") from error


def source_create(
    *,
    kind: str,
    publisher: str,
    title: str,
    url: str = "",
    date: str = "",
    language: str = "",
    text: str = "",
) -> Source:
    """Register a source; with text, a second call with the same text returns the first source."""
    if kind not in ids("source_kinds"):
        raise KnowledgeError("unknown_kind", f"{kind!r} is not a source kind")
    if not publisher.strip() or not title.strip():
        raise KnowledgeError("missing_field", "a source needs a publisher and a title")
    fields: dict[str, Any] = {
        "kind": kind,
        "publisher": publisher.strip(),
        "title": title.strip(),
        "url": url.strip(),
        "date": partial_date_clean(date, field="date"),
        "language": language,
    }
    if not text:
        return Source.objects.create(**fields)
    digest = source_text_hash(text)
    with transaction.atomic():
        existing = Source.objects.filter(content_hash=digest).first()
        if existing is not None:
            return existing
        return Source.objects.create(text=text, content_hash=digest, **fields)


def passage_create(*, source: Source, start: int, end: int, quote: str | None = None) -> Passage:
    """The passage `source.text[start:end]`; a given quote must equal it exactly. Reuses an equal passage."""
    if not 0 <= start < end <= len(source.text):
        raise KnowledgeError(
            "offsets_out_of_range", f"offsets {start}:{end} are not inside the source's {len(source.text)} characters"
        )
    actual = source.text[start:end]
    if quote is not None and quote != actual:
        raise KnowledgeError("quote_mismatch", f"the quote does not match the source text at {start}:{end}")
    passage, _ = Passage.objects.get_or_create(source=source, start=start, end=end, defaults={"quote": actual})
    return passage


def citation_create(*, source: Source, passage: Passage | None = None, locator: str = "") -> Citation:
    """A citation of a passage, or of a source with a locator for a hand-entered fact."""
    if passage is None and not locator.strip():
        raise KnowledgeError("citation_missing", "a fact needs a passage of its source or a locator in it")
    if passage is not None and passage.source_id != source.pk:
        raise KnowledgeError("passage_elsewhere", "the passage belongs to another source")
    return Citation.objects.create(source=source, passage=passage, locator=locator.strip())
