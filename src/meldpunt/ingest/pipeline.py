"""One pure function per document, and a local process pool over many (the same function runs on Dask or Ray)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meldpunt.ingest import (
    dates,
    entities,
    events,
    kind,
    language,
    parliamentary,
    quantities,
    readers,
    references,
    sentences,
    statements,
)
from meldpunt.ingest.model import Extraction
from meldpunt.ingest.spans import masked


def extract_text(text: str, *, document: str) -> Extraction:
    """Everything the extractors find in one document's text; offsets point into `text`."""
    document_kind = kind.detect(text)
    is_answers = document_kind == kind.PARLIAMENTARY_ANSWERS
    lang = language.detect(text)
    found_entities = entities.find(text)
    found_dates = dates.find(text)
    prose = masked(parliamentary.prose(text) if is_answers else text)
    passages = sentences.split(prose)
    said = statements.find(text, language=lang, sentences=passages, entities=found_entities)
    if is_answers:
        said = sorted([*said, *statements.answers(text, prose, lang)], key=lambda s: s.start)
    return Extraction(
        document=document,
        language=lang,
        kind=document_kind,
        references=references.find(text),
        qa_pairs=parliamentary.pairs(text) if is_answers else [],
        entities=found_entities,
        dates=found_dates,
        quantities=quantities.find(text),
        events=events.find(text, language=lang, sentences=passages, entities=found_entities, dates=found_dates),
        statements=said,
    )


@dataclass(frozen=True)
class Outcome:
    path: Path
    output: Path | None
    error: str | None = None


def document_extract(*, path: Path, out: Path) -> Outcome:
    """Read, extract and write DIR/<file name>.json; an unreadable file is reported, not raised."""
    try:
        text = readers.read(path)
    except readers.UnreadableDocument as exc:
        return Outcome(path, None, str(exc))
    result: dict[str, Any] = extract_text(text, document=path.name).as_json()
    target = out / f"{path.name}.json"
    target.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return Outcome(path, target)


def documents_in(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in readers.SUFFIXES)
        else:
            yield path


def _extract_one(job: tuple[Path, Path]) -> Outcome:
    return document_extract(path=job[0], out=job[1])


def documents_extract(*, paths: Iterable[Path], out: Path, workers: int = 1) -> list[Outcome]:
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(path, out) for path in documents_in(paths)]
    if workers <= 1:
        return [_extract_one(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_extract_one, jobs))
