"""`meldpunt ingest`: the pure extractor's output stored as a Source with its text and candidate facts
in the analysts' review queue (knowledge.CandidateFact), each with the offsets of its passage.

Reading and extracting run wherever the engine puts them (this process, a local process pool, a Dask
cluster); only this module writes, in the calling process, one transaction per document, so a
failure in one document never leaves half of it stored and the rest go on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from django.db import transaction

from meldpunt.ingest import readers
from meldpunt.ingest.pipeline import extract_text
from meldpunt.knowledge.models import Actor, CandidateFact, CandidateKind, Place, Source
from meldpunt.knowledge.services import source_create

# Extractor fields that become candidates, and the kind each is reviewed as.
CANDIDATE_FIELDS = {
    "events": CandidateKind.EVENT,
    "statements": CandidateKind.STATEMENT,
    "entities": CandidateKind.ENTITY,
    "quantities": CandidateKind.QUANTITY,
}
TITLE_LENGTH = 300


@dataclass(frozen=True)
class Extracted:
    """What a worker sends back for one file: its text as read and the extractor's JSON, or an error."""

    path: Path
    text: str = ""
    extraction: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def document_read_extract(path: Path, known: Mapping[str, str] | None = None) -> Extracted:
    """Read and extract one document (pure, picklable: runs in a pool or on a Dask worker)."""
    try:
        text = readers.read(path)
    except readers.UnreadableDocument as exc:
        return Extracted(path, error=str(exc))
    return Extracted(path, text, extract_text(text, document=path.name, known=known).as_json())


def known_names() -> dict[str, str]:
    """The knowledge base as a gazetteer for the entity extractor: published actors with their aliases
    (in any script) and places with their Dutch and English names, each mapped to an entity type."""
    known: dict[str, str] = {}
    for place in Place.objects.filter(retired=False).only("name", "name_nl", "name_en", "aliases"):
        for name in (place.name, place.name_nl, place.name_en, *place.aliases):
            if name:
                known.setdefault(name, "place")
    for actor in Actor.objects.filter(retired=False).prefetch_related("aliases"):
        entity_type = "person" if actor.kind == "official" else "organisation"
        for name in (actor.name, *(alias.name for alias in actor.aliases.all())):
            known.setdefault(name, entity_type)
    return known


def _title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:TITLE_LENGTH]
    return fallback


def _candidates(source: Source, extraction: dict[str, Any]) -> list[CandidateFact]:
    """One candidate per extracted item with offsets inside the text; an entity named several times
    is proposed once, at its first mention, so the queue does not repeat itself."""
    rows, seen_entities = [], set()
    for field_name, kind in CANDIDATE_FIELDS.items():
        for item in extraction.get(field_name, []):
            start, end = item.get("start"), item.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(source.text)):
                continue
            if kind == CandidateKind.ENTITY:
                key = (item.get("type"), str(item.get("name", "")).casefold())
                if key in seen_entities:
                    continue
                seen_entities.add(key)
            rows.append(CandidateFact(source=source, kind=kind, payload=item, start=start, end=end))
    return rows


@dataclass
class IngestSummary:
    stored: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    candidates: int = 0


def extracted_store(extracted: Extracted, *, publisher: str, summary: IngestSummary) -> None:
    """Store one document unless its text was ingested before (same content hash)."""
    if extracted.error is not None:
        summary.failed.append((extracted.path, extracted.error))
        return
    if not extracted.text.strip():
        summary.failed.append((extracted.path, f"{extracted.path}: no text could be read"))
        return
    digest = hashlib.sha256(extracted.text.encode("utf-8")).hexdigest()
    if Source.objects.filter(content_hash=digest).exists():
        summary.skipped.append(extracted.path)
        return
    data = extracted.extraction
    with transaction.atomic():
        source = source_create(
            kind=data.get("kind", "news"),
            publisher=publisher,
            title=_title(extracted.text, extracted.path.name),
            language=data.get("language", ""),
            text=extracted.text,
        )
        rows = CandidateFact.objects.bulk_create(_candidates(source, data))
    summary.stored.append(extracted.path)
    summary.candidates += len(rows)


def _local(paths: list[Path], job: Callable[[Path], Extracted], workers: int) -> Iterator[Extracted]:
    if workers <= 1:
        yield from map(job, paths)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(job, paths)


def _dask(paths: list[Path], job: Callable[[Path], Extracted], scheduler: str) -> Iterator[Extracted]:
    from distributed import Client, as_completed

    with Client(scheduler) as client:  # type: ignore[no-untyped-call]  # distributed ships no annotations here
        futures = client.map(job, paths, pure=False)
        for future in as_completed(futures):  # type: ignore[no-untyped-call]  # as above
            yield future.result()


def documents_ingest(
    *,
    paths: Iterable[Path],
    publisher: str,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[Iterator[Extracted], int], Iterator[Extracted]] | None = None,
) -> IngestSummary:
    """Extract every document (locally or on the Dask scheduler given) and store each as it arrives."""
    from meldpunt.ingest.pipeline import documents_in

    files = list(documents_in(paths))
    job = partial(document_read_extract, known=known_names())
    results = _dask(files, job, scheduler) if scheduler else _local(files, job, workers)
    if progress is not None:
        results = progress(results, len(files))
    summary = IngestSummary()
    for extracted in results:
        extracted_store(extracted, publisher=publisher, summary=summary)
    return summary
