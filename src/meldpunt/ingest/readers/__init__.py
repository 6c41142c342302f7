"""Readers turn a file's bytes into the text every offset points into; one module per format.

Readers take bytes, not paths, so the per-document function can run where the file is not (a Dask worker).
"""

from __future__ import annotations

from pathlib import Path

from meldpunt.ingest.readers import html, parliamentary_xml, pdf, text


class UnreadableDocument(Exception):
    """The file could not be turned into text; the message says why."""


READERS = {
    ".txt": text.parse,
    ".text": text.parse,
    ".html": html.parse,
    ".htm": html.parse,
    ".pdf": pdf.parse,
    ".xml": parliamentary_xml.parse,
}
SUFFIXES = frozenset(READERS)


def parse(name: str, data: bytes) -> str:
    """The text of a file called `name` holding `data`; the suffix picks the reader, plain text by default."""
    reader = READERS.get(Path(name).suffix.lower(), text.parse)
    try:
        return reader(data)
    except ValueError as exc:
        raise UnreadableDocument(f"{name}: {exc}") from exc


def read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"{path}: {exc}") from exc
    return parse(str(path), data)
