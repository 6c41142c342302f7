"""One pure function per document, and a local process pool over many (the same function runs on Dask or Ray)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
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


def extract_text(text: str, *, document: str, known: Mapping[str, str] | None = None) -> Extraction:
    """Everything the extractors find in one document's text; offsets point into `text`. `known` is an
    optional gazetteer of names to entity types (the knowledge base's actors and places)."""
    document_kind = kind.detect(text)
    is_answers = document_kind == kind.PARLIAMENTARY_ANSWERS
    lang = language.detect(text)
    found_entities = entities.find(text, known=known)
    found_dates = dates.find(text)
    prose = masked(parliamentary.prose(text) if is_answers else text)
    passages = sentences.split(prose)
    said = statements.find(text, language=lang, sentences=passages, entities=found_entities, prose=prose)
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
        events=events.find(
            text, language=lang, sentences=passages, entities=found_entities, dates=found_dates, prose=prose
        ),
        statements=said,
    )


@dataclass(frozen=True)
class Outcome:
    path: Path
    output: Path | None
    error: str | None = None


Result = tuple[dict[str, Any] | None, str | None]
LOCAL, DASK = "local", "dask"
ENGINES = (LOCAL, DASK)
BATCH = 512  # documents in flight at once: bounds the memory the driver holds in file contents


def extract_document(job: tuple[str, bytes]) -> Result:
    """The per-document function every engine runs: (file name, bytes) in, (JSON-ready dict, error) out.

    It touches no file system, so a worker need not see the driver's files.
    """
    name, data = job
    try:
        text = readers.parse(name, data)
    except readers.UnreadableDocument as exc:
        return None, str(exc)
    return extract_text(text, document=Path(name).name).as_json(), None


def documents_in(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in readers.SUFFIXES)
        else:
            yield path


def _load(path: Path) -> tuple[str, bytes] | str:
    try:
        return str(path), path.read_bytes()
    except OSError as exc:
        return f"{path}: {exc}"


def _write(path: Path, out: Path, result: Result) -> Outcome:
    data, error = result
    if data is None:
        return Outcome(path, None, error)
    target = out / f"{path.name}.json"
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return Outcome(path, target)


def documents_extract(
    *, paths: Iterable[Path], out: Path, workers: int = 1, engine: str = LOCAL, scheduler: str | None = None
) -> list[Outcome]:
    """Extract every document under `paths` into out/<file name>.json; unreadable files are reported, not raised.

    engine "local" runs a process pool of `workers` (in this process when 1); "dask" sends the same
    per-document function to the Dask scheduler at `scheduler`. Files are read and results written here.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    out.mkdir(parents=True, exist_ok=True)
    found = list(documents_in(paths))
    outcomes: list[Outcome] = []
    with _runner(engine, workers, scheduler) as run:
        for first in range(0, len(found), BATCH):
            batch = found[first : first + BATCH]
            loaded = [_load(path) for path in batch]
            jobs = [job for job in loaded if not isinstance(job, str)]
            results = iter(run(jobs))
            for path, job in zip(batch, loaded, strict=True):
                result: Result = (None, job) if isinstance(job, str) else next(results)
                outcomes.append(_write(path, out, result))
    return outcomes


Runner = Callable[[list[tuple[str, bytes]]], list[Result]]


@contextmanager
def _runner(engine: str, workers: int, scheduler: str | None) -> Iterator[Runner]:
    if engine == DASK:
        if not scheduler:
            raise ValueError("the dask engine needs a scheduler address (--scheduler tcp://host:8786)")
        from distributed import Client  # imported here: only the dask engine needs it

        with Client(scheduler) as client:  # type: ignore[no-untyped-call]  # distributed leaves Client() unannotated
            yield lambda jobs: list(client.gather(client.map(extract_document, jobs)))
    elif workers <= 1:
        yield lambda jobs: [extract_document(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield lambda jobs: list(pool.map(extract_document, jobs, chunksize=8))
